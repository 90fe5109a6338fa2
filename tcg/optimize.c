/*
 * IR optimizer, one forward pass: constant folding, copy propagation,
 * algebraic simplification, folding of branches on constant conditions,
 * and removal of unreachable ops after unconditional jumps and exits.
 *
 * Facts about temps (known constant, copy of another temp) hold within a
 * basic block: they are forgotten at labels, and facts about globals are
 * forgotten after helper calls that may write them.
 */
#include "qemu/osdep.h"
#include "tcg-internal.h"

/* Forgets every fact in O(1): facts from an older epoch are ignored. */
static void reset_facts(TCGContext *s)
{
    s->opt_epoch++;
}

static bool facts_valid(TCGContext *s, TCGTemp *t)
{
    return t->opt_epoch == s->opt_epoch;
}

/* The temp T is a valid copy of, or T itself. */
static int copy_source(TCGContext *s, TCGTemp *t)
{
    if (facts_valid(s, t) && t->opt_copy >= 0 &&
        s->temps[t->opt_copy].opt_gen == t->opt_copy_gen) {
        return t->opt_copy;
    }
    return -1;
}

/* T is written: its facts go, and copies of its old value become invalid. */
static void invalidate(TCGContext *s, int idx)
{
    TCGTemp *t = &s->temps[idx];
    t->opt_gen++;
    t->opt_epoch = s->opt_epoch;
    t->opt_const = false;
    t->opt_copy = -1;
}

static void invalidate_globals(TCGContext *s)
{
    for (int i = 0; i < s->nb_globals; i++) {
        invalidate(s, i);
    }
}

static uint64_t ext_type(bool is64, uint64_t v)
{
    return is64 ? v : (uint64_t)(int64_t)(int32_t)v;
}

static uint64_t rotl(uint64_t v, unsigned n, unsigned w)
{
    n &= w - 1;
    if (!n) {
        return v;
    }
    uint64_t mask = w == 64 ? ~0ull : 0xffffffffull;
    v &= mask;
    return ((v << n) | (v >> (w - n))) & mask;
}

/* Evaluates a pure op on constants; false if OPC is not foldable. */
static bool eval_op(TCGOpcode opc, bool is64, uint64_t a, uint64_t b, uint64_t *r)
{
    unsigned w = is64 ? 64 : 32;
    uint64_t m = is64 ? ~0ull : 0xffffffffull;
    uint64_t ua = a & m;

#define CASE2(x) case INDEX_op_##x##_i32: case INDEX_op_##x##_i64
    switch (opc) {
    CASE2(add): *r = a + b; break;
    CASE2(sub): *r = a - b; break;
    CASE2(mul): *r = a * b; break;
    CASE2(and): *r = a & b; break;
    CASE2(or): *r = a | b; break;
    CASE2(xor): *r = a ^ b; break;
    CASE2(andc): *r = a & ~b; break;
    CASE2(orc): *r = a | ~b; break;
    CASE2(shl): *r = a << (b & (w - 1)); break;
    CASE2(shr): *r = ua >> (b & (w - 1)); break;
    CASE2(sar):
        *r = is64 ? (uint64_t)((int64_t)a >> (b & 63)) : (uint64_t)((int32_t)a >> (b & 31));
        break;
    CASE2(rotl): *r = rotl(ua, b, w); break;
    CASE2(rotr): *r = rotl(ua, w - (b & (w - 1)), w); break;
    CASE2(neg): *r = -a; break;
    CASE2(not): *r = ~a; break;
    CASE2(ext8s): *r = (int8_t)a; break;
    CASE2(ext8u): *r = (uint8_t)a; break;
    CASE2(ext16s): *r = (int16_t)a; break;
    CASE2(ext16u): *r = (uint16_t)a; break;
    CASE2(bswap16): *r = __builtin_bswap16(a); break;
    CASE2(bswap32): *r = __builtin_bswap32(a); break;
    case INDEX_op_bswap64_i64: *r = __builtin_bswap64(a); break;
    CASE2(clz): *r = ua ? (is64 ? __builtin_clzll(ua) : __builtin_clz(ua)) : b; break;
    CASE2(ctz): *r = ua ? __builtin_ctzll(ua) : b; break;
    case INDEX_op_ext32s_i64:
    case INDEX_op_ext_i32_i64: *r = (int32_t)a; break;
    case INDEX_op_ext32u_i64:
    case INDEX_op_extu_i32_i64:
    case INDEX_op_extrl_i64_i32: *r = (uint32_t)a; break;
    case INDEX_op_extrh_i64_i32: *r = a >> 32; break;
    default:
        return false;
    }
#undef CASE2
    return true;
}

static void set_movi(TCGContext *s, TCGOp *op, TCGArg dst, uint64_t val)
{
    TCGTemp *d = &s->temps[dst];
    TCGTemp *c = tcg_temp_const(s, d->type, (int64_t)val);
    tcg_op_set_mov(s, op, dst, temp_idx(s, c));
}

static bool arg_is_const(TCGContext *s, TCGArg a, uint64_t *v)
{
    TCGTemp *t = &s->temps[a];
    if (t->kind == TEMP_CONST) {
        *v = t->val;
        return true;
    }
    if (facts_valid(s, t) && t->opt_const) {
        *v = t->opt_val;
        return true;
    }
    return false;
}

static bool arg_is(TCGContext *s, TCGArg a, int64_t v, bool is64)
{
    uint64_t c;
    return arg_is_const(s, a, &c) && ext_type(is64, c) == ext_type(is64, v);
}

static bool is_commutative(TCGOpcode opc)
{
    switch (opc) {
    case INDEX_op_add_i32: case INDEX_op_add_i64:
    case INDEX_op_mul_i32: case INDEX_op_mul_i64:
    case INDEX_op_and_i32: case INDEX_op_and_i64:
    case INDEX_op_or_i32: case INDEX_op_or_i64:
    case INDEX_op_xor_i32: case INDEX_op_xor_i64:
        return true;
    default:
        return false;
    }
}

/*
 * Tries algebraic identities on a binary op whose result is ARGS[0].
 * Returns true if the op was rewritten into a mov.
 */
static bool simplify_binary(TCGContext *s, TCGOp *op, bool is64)
{
    TCGArg d = op->args[0], a = op->args[1], b = op->args[2];
    int op_class;

#define CASE2(x) case INDEX_op_##x##_i32: case INDEX_op_##x##_i64
    switch (op->opc) {
    CASE2(add): CASE2(sub): CASE2(or): CASE2(xor):
    CASE2(shl): CASE2(shr): CASE2(sar): CASE2(rotl): CASE2(rotr):
        op_class = 0;   /* x op 0 = x */
        break;
    CASE2(mul): op_class = 1; break;
    CASE2(and): op_class = 2; break;
    CASE2(andc): op_class = 3; break;
    CASE2(orc): op_class = 4; break;
    default:
        return false;
    }
#undef CASE2

    bool sub_or_xor = op->opc == INDEX_op_sub_i32 || op->opc == INDEX_op_sub_i64 ||
                      op->opc == INDEX_op_xor_i32 || op->opc == INDEX_op_xor_i64;
    bool and_or = op->opc == INDEX_op_and_i32 || op->opc == INDEX_op_and_i64 ||
                  op->opc == INDEX_op_or_i32 || op->opc == INDEX_op_or_i64;
    if (a == b && sub_or_xor) {
        set_movi(s, op, d, 0);
        return true;
    }
    if (a == b && and_or) {
        tcg_op_set_mov(s, op, d, a);
        return true;
    }
    switch (op_class) {
    case 0:
        if (arg_is(s, b, 0, is64)) {
            tcg_op_set_mov(s, op, d, a);
            return true;
        }
        if ((op->opc == INDEX_op_or_i32 || op->opc == INDEX_op_or_i64) &&
            arg_is(s, b, -1, is64)) {
            set_movi(s, op, d, -1);
            return true;
        }
        break;
    case 1:
        if (arg_is(s, b, 1, is64)) {
            tcg_op_set_mov(s, op, d, a);
            return true;
        }
        if (arg_is(s, b, 0, is64)) {
            set_movi(s, op, d, 0);
            return true;
        }
        break;
    case 2:
        if (arg_is(s, b, -1, is64)) {
            tcg_op_set_mov(s, op, d, a);
            return true;
        }
        if (arg_is(s, b, 0, is64)) {
            set_movi(s, op, d, 0);
            return true;
        }
        break;
    case 3:     /* a & ~b */
        if (arg_is(s, b, 0, is64)) {
            tcg_op_set_mov(s, op, d, a);
            return true;
        }
        if (a == b || arg_is(s, b, -1, is64)) {
            set_movi(s, op, d, 0);
            return true;
        }
        break;
    case 4:     /* a | ~b */
        if (arg_is(s, b, -1, is64)) {
            tcg_op_set_mov(s, op, d, a);
            return true;
        }
        if (a == b || arg_is(s, b, 0, is64)) {
            set_movi(s, op, d, -1);
            return true;
        }
        break;
    }
    return false;
}

/* Returns 1/0 if the condition's outcome is known, -1 otherwise. */
static int fold_cond(TCGContext *s, TCGCond c, TCGArg a, TCGArg b, bool is64)
{
    uint64_t va, vb;
    if (c == TCG_COND_ALWAYS) {
        return 1;
    }
    if (c == TCG_COND_NEVER) {
        return 0;
    }
    if (arg_is_const(s, a, &va) && arg_is_const(s, b, &vb)) {
        return tcg_eval_cond(c, va, vb, is64);
    }
    if (a == b) {
        switch (c) {
        case TCG_COND_EQ: case TCG_COND_GE: case TCG_COND_LE:
        case TCG_COND_GEU: case TCG_COND_LEU:
            return 1;
        case TCG_COND_NE: case TCG_COND_LT: case TCG_COND_GT:
        case TCG_COND_LTU: case TCG_COND_GTU:
            return 0;
        default:
            break;
        }
    }
    return -1;
}

/* Puts a constant operand second (the emitter's immediate slot). */
static void canonicalize_cond(TCGContext *s, TCGArg *a, TCGArg *b, TCGArg *cond)
{
    uint64_t v;
    if (arg_is_const(s, *a, &v) && !arg_is_const(s, *b, &v)) {
        TCGArg t = *a;
        *a = *b;
        *b = t;
        *cond = tcg_swap_cond(*cond);
    }
}

void tcg_optimize(TCGContext *s)
{
    bool unreachable = false;

    reset_facts(s);
    for (unsigned i = 0; i < s->nb_ops; i++) {
        TCGOp *op = &s->ops[i];
        const TCGOpDef *def = &tcg_op_defs[op->opc];
        unsigned no = op->nb_oargs, ni = op->nb_iargs;
        bool is64 = tcg_op_is_64(op);
        TCGArg *cargs = op->args + no + ni;

        if (op->opc == INDEX_op_nop) {
            continue;
        }
        if (op->opc == INDEX_op_set_label) {
            unreachable = false;
            reset_facts(s);
            continue;
        }
        if (unreachable && op->opc != INDEX_op_insn_start) {
            op->opc = INDEX_op_nop;
            op->nb_oargs = op->nb_iargs = op->nb_cargs = 0;
            continue;
        }

        /* Propagate copies and constants into the inputs. */
        for (unsigned j = 0; j < ni; j++) {
            TCGTemp *t = &s->temps[op->args[no + j]];
            int src;
            if (t->kind != TEMP_CONST && facts_valid(s, t) && t->opt_const) {
                op->args[no + j] = temp_idx(s, tcg_temp_const(s, t->type, t->opt_val));
            } else if ((src = copy_source(s, t)) >= 0) {
                op->args[no + j] = src;
            }
        }

        switch (op->opc) {
        case INDEX_op_call: {
            const TCGHelperInfo *info = (const TCGHelperInfo *)(uintptr_t)cargs[0];
            if (!(info->flags & TCG_CALL_NO_WRITE_GLOBALS)) {
                invalidate_globals(s);
            }
            break;
        }
        case INDEX_op_brcond_i32:
        case INDEX_op_brcond_i64: {
            canonicalize_cond(s, &op->args[0], &op->args[1], &cargs[0]);
            int r = fold_cond(s, cargs[0], op->args[0], op->args[1], is64);
            if (r == 1) {
                TCGArg label = cargs[1];
                op->opc = INDEX_op_br;
                op->nb_oargs = op->nb_iargs = 0;
                op->nb_cargs = 1;
                op->args[0] = label;
                unreachable = true;
            } else if (r == 0) {
                op->opc = INDEX_op_nop;
                op->nb_oargs = op->nb_iargs = op->nb_cargs = 0;
            }
            continue;
        }
        case INDEX_op_setcond_i32:
        case INDEX_op_setcond_i64: {
            canonicalize_cond(s, &op->args[1], &op->args[2], &cargs[0]);
            int r = fold_cond(s, cargs[0], op->args[1], op->args[2], is64);
            if (r >= 0) {
                set_movi(s, op, op->args[0], r);
            }
            break;
        }
        case INDEX_op_movcond_i32:
        case INDEX_op_movcond_i64: {
            canonicalize_cond(s, &op->args[1], &op->args[2], &cargs[0]);
            int r = fold_cond(s, cargs[0], op->args[1], op->args[2], is64);
            if (r >= 0) {
                tcg_op_set_mov(s, op, op->args[0], op->args[r ? 3 : 4]);
            } else if (op->args[3] == op->args[4]) {
                tcg_op_set_mov(s, op, op->args[0], op->args[3]);
            }
            break;
        }
        default:
            if (def->flags & TCG_OPF_SIDE_EFFECTS || no != 1 || ni < 1 || ni > 2) {
                break;
            }
            if (is_commutative(op->opc)) {
                uint64_t v;
                if (arg_is_const(s, op->args[1], &v) && !arg_is_const(s, op->args[2], &v)) {
                    TCGArg t = op->args[1];
                    op->args[1] = op->args[2];
                    op->args[2] = t;
                }
            }
            {
                uint64_t a, b = 0, r;
                bool in64 = is64;
                if (op->opc == INDEX_op_extrl_i64_i32 || op->opc == INDEX_op_extrh_i64_i32) {
                    in64 = true;
                }
                if (op->opc != INDEX_op_mov_i32 && op->opc != INDEX_op_mov_i64 &&
                    arg_is_const(s, op->args[1], &a) &&
                    (ni == 1 || arg_is_const(s, op->args[2], &b)) &&
                    eval_op(op->opc, in64, a, b, &r)) {
                    set_movi(s, op, op->args[0], r);
                    break;
                }
            }
            if (ni == 2) {
                simplify_binary(s, op, is64);
            }
            break;
        }

        if (def->flags & TCG_OPF_NORETURN) {
            unreachable = true;
        }
        /* Outputs change: record what is now known. */
        for (unsigned j = 0; j < op->nb_oargs; j++) {
            invalidate(s, op->args[j]);
        }
        if (op->opc == INDEX_op_mov_i32 || op->opc == INDEX_op_mov_i64) {
            TCGTemp *d = &s->temps[op->args[0]];
            TCGTemp *src = &s->temps[op->args[1]];
            if (op->args[0] == op->args[1]) {
                op->opc = INDEX_op_nop;
                op->nb_oargs = op->nb_iargs = 0;
            } else if (src->kind == TEMP_CONST) {
                d->opt_const = true;
                d->opt_val = src->val;
            } else if (d->type == src->type && d->kind == TEMP_GLOBAL && src->kind == TEMP_TB) {
                /*
                 * Prefer the global: later reads of the temp use the
                 * global, so the temp dies here and the allocator renames
                 * its register instead of copying it.
                 */
                src->opt_epoch = s->opt_epoch;
                src->opt_const = false;
                src->opt_copy = op->args[0];
                src->opt_copy_gen = d->opt_gen;
            } else if (d->type == src->type) {
                d->opt_copy = op->args[1];
                d->opt_copy_gen = src->opt_gen;
            }
        }
    }
}
