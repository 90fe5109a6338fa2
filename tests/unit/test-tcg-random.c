/*
 * Differential test: random short programs over a few 32- and 64-bit
 * variables are (a) turned into IR, translated and run, and (b) run by a
 * small reference interpreter written here. Final states must agree, with
 * the optimizer on and off. Forward conditional branches split the
 * programs into several basic blocks.
 */
#include "tcgtest.h"

enum { NV = 8, NG = 4 };    /* vars per width; the first NG are globals */

typedef enum {
    K_BIN, K_BINI, K_UN, K_SETCOND, K_MOVCOND, K_ADD2, K_MUL2, K_CLZ, K_CONV, K_BRCOND,
    K_EXTRACT, K_DEPOSIT, K_DIV, K_MOVI, K_MOV, K_CALL, K_LD, K_ST, K_NB,
} Kind;

typedef struct Insn {
    Kind kind;
    bool w64;
    int op;
    int d, d2, a, b, c, e;
    int64_t imm;
    TCGCond cond;
    int skip;
    unsigned ofs, len;
} Insn;

typedef struct State {
    uint64_t v[2][NV];      /* [0]: i32 vars (zero-extended), [1]: i64 */
} State;

static uint64_t msk(bool w64, uint64_t v)
{
    return w64 ? v : (uint32_t)v;
}

static int64_t sx(bool w64, uint64_t v)
{
    return w64 ? (int64_t)v : (int32_t)v;
}

enum { B_ADD, B_SUB, B_MUL, B_AND, B_OR, B_XOR, B_ANDC, B_ORC, B_SHL, B_SHR, B_SAR, B_ROTL,
       B_ROTR, B_NB };
enum { U_NEG, U_NOT, U_EXT8S, U_EXT8U, U_EXT16S, U_EXT16U, U_BSWAP16, U_BSWAP32, U_NB };

static uint64_t eval_bin(int op, bool w, uint64_t a, uint64_t b)
{
    unsigned bits = w ? 64 : 32;
    a = msk(w, a);
    b = msk(w, b);
    unsigned n = b & (bits - 1);
    switch (op) {
    case B_ADD: return a + b;
    case B_SUB: return a - b;
    case B_MUL: return a * b;
    case B_AND: return a & b;
    case B_OR: return a | b;
    case B_XOR: return a ^ b;
    case B_ANDC: return a & ~b;
    case B_ORC: return a | ~b;
    case B_SHL: return a << n;
    case B_SHR: return a >> n;
    case B_SAR: return (uint64_t)(sx(w, a) >> n);
    case B_ROTL: return n ? (a << n) | (a >> (bits - n)) : a;
    case B_ROTR: return n ? (a >> n) | (a << (bits - n)) : a;
    }
    g_assert_not_reached();
}

static uint64_t eval_un(int op, uint64_t a)
{
    switch (op) {
    case U_NEG: return -a;
    case U_NOT: return ~a;
    case U_EXT8S: return (uint64_t)(int64_t)(int8_t)a;
    case U_EXT8U: return (uint8_t)a;
    case U_EXT16S: return (uint64_t)(int64_t)(int16_t)a;
    case U_EXT16U: return (uint16_t)a;
    case U_BSWAP16: return ((a & 0xff) << 8) | ((a >> 8) & 0xff);
    case U_BSWAP32:
        return ((a & 0xff) << 24) | ((a & 0xff00) << 8) | ((a >> 8) & 0xff00) |
               ((a >> 24) & 0xff);
    }
    g_assert_not_reached();
}

static bool eval_cond(TCGCond c, bool w, uint64_t a, uint64_t b)
{
    uint64_t ua = msk(w, a), ub = msk(w, b);
    int64_t sa = sx(w, a), sb = sx(w, b);
    switch (c) {
    case TCG_COND_EQ: return ua == ub;
    case TCG_COND_NE: return ua != ub;
    case TCG_COND_LT: return sa < sb;
    case TCG_COND_GE: return sa >= sb;
    case TCG_COND_LE: return sa <= sb;
    case TCG_COND_GT: return sa > sb;
    case TCG_COND_LTU: return ua < ub;
    case TCG_COND_GEU: return ua >= ub;
    case TCG_COND_LEU: return ua <= ub;
    case TCG_COND_GTU: return ua > ub;
    case TCG_COND_TSTEQ: return (ua & ub) == 0;
    case TCG_COND_TSTNE: return (ua & ub) != 0;
    default: g_assert_not_reached();
    }
}

/* Helpers: one that reads and writes guest globals, one pure. */
static uint64_t helper_rw(void *env, uint64_t a)
{
    TestEnv *e = env;
    uint64_t r = a * 3 + e->r[0];
    e->x[1] ^= a;
    e->r[2] += 1;
    return r;
}

static uint64_t helper_pure(uint64_t a, uint64_t b)
{
    return (a * 7) ^ b;
}

static const TCGHelperInfo info_rw = { (void *)helper_rw, "rw", TCG_CALL_DEFAULT };
static const TCGHelperInfo info_pure = { (void *)helper_pure, "pure", TCG_CALL_NO_RWG_SE };

/*
 * Guest memory: one 4 KiB page at GUEST_PAGE, mapped in MMU mode 0's TLB;
 * mode 1's TLB is empty, so its accesses all take the slow path.
 */
#define GUEST_PAGE 0x40000000ull
static uint8_t guest_ram[4096];
static CPUTLBEntry tlb_tables[2][16];

static uint64_t mem_read(uint64_t addr, MemOp mop)
{
    unsigned size = memop_size(mop);
    uint8_t *p = guest_ram + (addr - GUEST_PAGE);
    uint64_t v = 0;
    g_assert(addr >= GUEST_PAGE && addr + size <= GUEST_PAGE + sizeof(guest_ram));
    for (unsigned i = 0; i < size; i++) {
        v = (v << 8) | p[(mop & MO_BSWAP) ? i : size - 1 - i];
    }
    if ((mop & MO_SIGN) && size < 8) {
        unsigned sh = 64 - 8 * size;
        v = (uint64_t)((int64_t)(v << sh) >> sh);
    }
    return v;
}

static void mem_write(uint64_t addr, uint64_t v, MemOp mop)
{
    unsigned size = memop_size(mop);
    uint8_t *p = guest_ram + (addr - GUEST_PAGE);
    g_assert(addr >= GUEST_PAGE && addr + size <= GUEST_PAGE + sizeof(guest_ram));
    for (unsigned i = 0; i < size; i++) {
        p[(mop & MO_BSWAP) ? size - 1 - i : i] = v >> (8 * i);
    }
}

static uint64_t slow_ld(void *env, uint64_t addr, MemOpIdx oi, uintptr_t ra)
{
    return mem_read(addr, get_memop(oi));
}

static void slow_st(void *env, uint64_t addr, uint64_t val, MemOpIdx oi, uintptr_t ra)
{
    mem_write(addr, val, get_memop(oi));
}

static void tlb_setup(TestEnv *env)
{
    memset(tlb_tables, 0xff, sizeof(tlb_tables));
    for (int m = 0; m < 2; m++) {
        env->tlb[m].mask = 15 << CPU_TLB_ENTRY_BITS;
        env->tlb[m].table = tlb_tables[m];
    }
    CPUTLBEntry *e = &tlb_tables[0][(GUEST_PAGE >> 12) & 15];
    e->addr_read = e->addr_write = GUEST_PAGE;
    e->addend = (uintptr_t)guest_ram - GUEST_PAGE;
}

static MemOp random_memop(int op, bool w64)
{
    static const MemOp ops[] = {
        MO_UB, MO_SB, MO_LEUW, MO_LESW, MO_BEUW, MO_BESW, MO_LEUL, MO_BEUL, MO_LESL,
        MO_BESL, MO_LEUQ, MO_BEUQ,
    };
    MemOp m = ops[op % ARRAY_SIZE(ops)];
    if (!w64 && (m & MO_SIZE) == MO_64) {
        m = MO_LEUL;
    }
    return m;
}

/* ---- the reference interpreter ---- */

static void interpret(const Insn *p, int n, State *st)
{
    for (int pc = 0; pc < n; pc++) {
        const Insn *in = &p[pc];
        bool w = in->w64;
        uint64_t *v = st->v[w];
        uint64_t a = v[in->a], b = v[in->b], r;
        switch (in->kind) {
        case K_BIN: r = eval_bin(in->op, w, a, b); break;
        case K_BINI: r = eval_bin(in->op, w, a, in->imm); break;
        case K_UN: r = eval_un(in->op, a); break;
        case K_SETCOND: r = eval_cond(in->cond, w, a, b); break;
        case K_MOVCOND: r = eval_cond(in->cond, w, a, b) ? v[in->c] : v[in->e]; break;
        case K_CLZ: {
            uint64_t x = msk(w, a);
            r = in->op ? (x ? (uint64_t)__builtin_ctzll(x) : msk(w, b))
                       : (x ? (uint64_t)(__builtin_clzll(x) - (w ? 0 : 32)) : msk(w, b));
            break;
        }
        case K_EXTRACT: {
            uint64_t m = in->len == 64 ? ~0ull : (1ull << in->len) - 1;
            r = (msk(w, a) >> in->ofs) & m;
            if (in->op && in->len < 64) {
                uint64_t sb = 1ull << (in->len - 1);
                r = (r ^ sb) - sb;
            }
            break;
        }
        case K_DEPOSIT: {
            uint64_t m = in->len == 64 ? ~0ull : (1ull << in->len) - 1;
            r = (a & ~(m << in->ofs)) | ((b & m) << in->ofs);
            break;
        }
        case K_DIV: {
            /* divu/remu only: signed overflow semantics are tested elsewhere */
            uint64_t ua = msk(w, a), ub = msk(w, b);
            r = in->op ? (ub ? ua % ub : ua) : (ub ? ua / ub : 0);
            break;
        }
        case K_ADD2: {
            uint64_t c = v[in->c], e = v[in->e];
            if (w) {
                unsigned __int128 x = ((unsigned __int128)b << 64) | a;
                unsigned __int128 y = ((unsigned __int128)e << 64) | c;
                unsigned __int128 z = in->op ? x - y : x + y;
                v[in->d] = (uint64_t)z;
                v[in->d2] = (uint64_t)(z >> 64);
            } else {
                uint64_t x = (b << 32) | (uint32_t)a, y = (e << 32) | (uint32_t)c;
                uint64_t z = in->op ? x - y : x + y;
                v[in->d] = (uint32_t)z;
                v[in->d2] = z >> 32;
            }
            continue;
        }
        case K_MUL2: {
            if (w) {
                unsigned __int128 z = in->op ? (unsigned __int128)((__int128)(int64_t)a *
                                                                   (int64_t)b)
                                             : (unsigned __int128)a * b;
                v[in->d] = (uint64_t)z;
                v[in->d2] = (uint64_t)(z >> 64);
            } else {
                uint64_t z = in->op ? (uint64_t)((int64_t)(int32_t)a * (int32_t)b)
                                    : (uint64_t)(uint32_t)a * (uint32_t)b;
                v[in->d] = (uint32_t)z;
                v[in->d2] = z >> 32;
            }
            continue;
        }
        case K_CONV: {
            /* op 0: i64 d = extu(i32 a); 1: ext; 2: i32 d = extrl(i64 a); 3: extrh */
            uint64_t s32 = st->v[0][in->a], s64 = st->v[1][in->a];
            switch (in->op) {
            case 0: st->v[1][in->d] = (uint32_t)s32; break;
            case 1: st->v[1][in->d] = (uint64_t)(int64_t)(int32_t)s32; break;
            case 2: st->v[0][in->d] = (uint32_t)s64; break;
            default: st->v[0][in->d] = s64 >> 32; break;
            }
            continue;
        }
        case K_MOVI: r = in->imm; break;
        case K_LD: {
            MemOp m = random_memop(in->op, w);
            uint64_t addr = GUEST_PAGE + (st->v[1][in->a] & 0xff8);
            r = mem_read(addr, m);
            break;
        }
        case K_ST: {
            MemOp m = random_memop(in->op, w);
            uint64_t addr = GUEST_PAGE + (st->v[1][in->a] & 0xff8);
            mem_write(addr, v[in->b], m);
            continue;
        }
        case K_CALL:
            if (in->op) {
                st->v[1][in->d] = (st->v[1][in->a] * 7) ^ st->v[1][in->b];
            } else {
                uint64_t x = st->v[1][in->a];
                uint64_t res = x * 3 + st->v[0][0];
                st->v[1][1] ^= x;
                st->v[0][2] = (uint32_t)(st->v[0][2] + 1);
                st->v[1][in->d] = res;
            }
            continue;
        case K_MOV: r = a; break;
        case K_BRCOND:
            if (eval_cond(in->cond, w, a, b)) {
                pc += in->skip;
            }
            continue;
        default:
            g_assert_not_reached();
        }
        v[in->d] = msk(w, r);
    }
}

/* ---- IR generation ---- */

static TCGv_i32 t32[NV];
static TCGv_i64 t64[NV];

static void gen_bin(int op, bool w, int d, int a, TCGv_i32 b32, TCGv_i64 b64)
{
    typedef void (*G32)(TCGv_i32, TCGv_i32, TCGv_i32);
    typedef void (*G64)(TCGv_i64, TCGv_i64, TCGv_i64);
    static const G32 g32[] = {
        tcg_gen_add_i32, tcg_gen_sub_i32, tcg_gen_mul_i32, tcg_gen_and_i32, tcg_gen_or_i32,
        tcg_gen_xor_i32, tcg_gen_andc_i32, tcg_gen_orc_i32, tcg_gen_shl_i32, tcg_gen_shr_i32,
        tcg_gen_sar_i32, tcg_gen_rotl_i32, tcg_gen_rotr_i32,
    };
    static const G64 g64[] = {
        tcg_gen_add_i64, tcg_gen_sub_i64, tcg_gen_mul_i64, tcg_gen_and_i64, tcg_gen_or_i64,
        tcg_gen_xor_i64, tcg_gen_andc_i64, tcg_gen_orc_i64, tcg_gen_shl_i64, tcg_gen_shr_i64,
        tcg_gen_sar_i64, tcg_gen_rotl_i64, tcg_gen_rotr_i64,
    };
    bool shift = op >= B_SHL;
    if (w) {
        if (shift) {
            TCGv_i64 n = tcg_temp_new_i64();
            tcg_gen_andi_i64(n, b64, 63);
            b64 = n;
        }
        g64[op](t64[d], t64[a], b64);
    } else {
        if (shift) {
            TCGv_i32 n = tcg_temp_new_i32();
            tcg_gen_andi_i32(n, b32, 31);
            b32 = n;
        }
        g32[op](t32[d], t32[a], b32);
    }
}

static void gen_program(const Insn *p, int n)
{
    typedef void (*U32)(TCGv_i32, TCGv_i32);
    typedef void (*U64)(TCGv_i64, TCGv_i64);
    static const U32 u32[] = {
        tcg_gen_neg_i32, tcg_gen_not_i32, tcg_gen_ext8s_i32, tcg_gen_ext8u_i32,
        tcg_gen_ext16s_i32, tcg_gen_ext16u_i32, tcg_gen_bswap16_i32, tcg_gen_bswap32_i32,
    };
    static const U64 u64[] = {
        tcg_gen_neg_i64, tcg_gen_not_i64, tcg_gen_ext8s_i64, tcg_gen_ext8u_i64,
        tcg_gen_ext16s_i64, tcg_gen_ext16u_i64, tcg_gen_bswap16_i64, tcg_gen_bswap32_i64,
    };
    TCGLabel *labels[64] = { 0 };

    tt_begin();
    for (int i = 0; i < NV; i++) {
        t32[i] = i < NG ? tt_r[i] : tcg_temp_new_i32();
        t64[i] = i < NG ? tt_x[i] : tcg_temp_new_i64();
        if (i >= NG) {
            /* temps start from env values the reference also sees */
            tcg_gen_mov_i32(t32[i], tt_r[i]);
            tcg_gen_mov_i64(t64[i], tt_x[i]);
        }
    }
    for (int pc = 0; pc <= n; pc++) {
        if (labels[pc]) {
            gen_set_label(labels[pc]);
        }
        if (pc == n) {
            break;
        }
        const Insn *in = &p[pc];
        bool w = in->w64;
        switch (in->kind) {
        case K_BIN:
            gen_bin(in->op, w, in->d, in->a, t32[in->b], t64[in->b]);
            break;
        case K_BINI:
            gen_bin(in->op, w, in->d, in->a, tcg_constant_i32(in->imm),
                    tcg_constant_i64(in->imm));
            break;
        case K_UN:
            if (w) {
                u64[in->op](t64[in->d], t64[in->a]);
            } else {
                u32[in->op](t32[in->d], t32[in->a]);
            }
            break;
        case K_SETCOND:
            if (w) {
                tcg_gen_setcond_i64(in->cond, t64[in->d], t64[in->a], t64[in->b]);
            } else {
                tcg_gen_setcond_i32(in->cond, t32[in->d], t32[in->a], t32[in->b]);
            }
            break;
        case K_MOVCOND:
            if (w) {
                tcg_gen_movcond_i64(in->cond, t64[in->d], t64[in->a], t64[in->b], t64[in->c],
                                    t64[in->e]);
            } else {
                tcg_gen_movcond_i32(in->cond, t32[in->d], t32[in->a], t32[in->b], t32[in->c],
                                    t32[in->e]);
            }
            break;
        case K_CLZ:
            if (w) {
                (in->op ? tcg_gen_ctz_i64 : tcg_gen_clz_i64)(t64[in->d], t64[in->a],
                                                            t64[in->b]);
            } else {
                (in->op ? tcg_gen_ctz_i32 : tcg_gen_clz_i32)(t32[in->d], t32[in->a],
                                                            t32[in->b]);
            }
            break;
        case K_EXTRACT:
            if (w) {
                (in->op ? tcg_gen_sextract_i64 : tcg_gen_extract_i64)(t64[in->d], t64[in->a],
                                                                      in->ofs, in->len);
            } else {
                (in->op ? tcg_gen_sextract_i32 : tcg_gen_extract_i32)(t32[in->d], t32[in->a],
                                                                      in->ofs, in->len);
            }
            break;
        case K_DEPOSIT:
            if (w) {
                tcg_gen_deposit_i64(t64[in->d], t64[in->a], t64[in->b], in->ofs, in->len);
            } else {
                tcg_gen_deposit_i32(t32[in->d], t32[in->a], t32[in->b], in->ofs, in->len);
            }
            break;
        case K_DIV:
            if (w) {
                (in->op ? tcg_gen_remu_i64 : tcg_gen_divu_i64)(t64[in->d], t64[in->a],
                                                              t64[in->b]);
            } else {
                (in->op ? tcg_gen_remu_i32 : tcg_gen_divu_i32)(t32[in->d], t32[in->a],
                                                              t32[in->b]);
            }
            break;
        case K_ADD2:
            if (w) {
                (in->op ? tcg_gen_sub2_i64 : tcg_gen_add2_i64)(
                    t64[in->d], t64[in->d2], t64[in->a], t64[in->b], t64[in->c], t64[in->e]);
            } else {
                (in->op ? tcg_gen_sub2_i32 : tcg_gen_add2_i32)(
                    t32[in->d], t32[in->d2], t32[in->a], t32[in->b], t32[in->c], t32[in->e]);
            }
            break;
        case K_MUL2:
            if (w) {
                (in->op ? tcg_gen_muls2_i64 : tcg_gen_mulu2_i64)(t64[in->d], t64[in->d2],
                                                                t64[in->a], t64[in->b]);
            } else {
                (in->op ? tcg_gen_muls2_i32 : tcg_gen_mulu2_i32)(t32[in->d], t32[in->d2],
                                                                t32[in->a], t32[in->b]);
            }
            break;
        case K_CONV:
            switch (in->op) {
            case 0: tcg_gen_extu_i32_i64(t64[in->d], t32[in->a]); break;
            case 1: tcg_gen_ext_i32_i64(t64[in->d], t32[in->a]); break;
            case 2: tcg_gen_extrl_i64_i32(t32[in->d], t64[in->a]); break;
            default: tcg_gen_extrh_i64_i32(t32[in->d], t64[in->a]); break;
            }
            break;
        case K_LD:
        case K_ST: {
            MemOp m = random_memop(in->op, w);
            TCGv_i64 addr = tcg_temp_new_i64();
            tcg_gen_andi_i64(addr, t64[in->a], 0xff8);
            tcg_gen_addi_i64(addr, addr, GUEST_PAGE);
            unsigned mmu = in->skip & 1;
            if (in->kind == K_LD) {
                if (w) {
                    tcg_gen_qemu_ld_i64(t64[in->d], addr, mmu, m);
                } else {
                    tcg_gen_qemu_ld_i32(t32[in->d], addr, mmu, m);
                }
            } else {
                if (w) {
                    tcg_gen_qemu_st_i64(t64[in->b], addr, mmu, m);
                } else {
                    tcg_gen_qemu_st_i32(t32[in->b], addr, mmu, m);
                }
            }
            break;
        }
        case K_CALL:
            if (in->op) {
                tcg_gen_call2(&info_pure, t64[in->d], t64[in->a], t64[in->b]);
            } else {
                tcg_gen_call2(&info_rw, t64[in->d], tcg_env, t64[in->a]);
            }
            break;
        case K_MOVI:
            if (w) {
                tcg_gen_movi_i64(t64[in->d], in->imm);
            } else {
                tcg_gen_movi_i32(t32[in->d], in->imm);
            }
            break;
        case K_MOV:
            if (w) {
                tcg_gen_mov_i64(t64[in->d], t64[in->a]);
            } else {
                tcg_gen_mov_i32(t32[in->d], t32[in->a]);
            }
            break;
        case K_BRCOND: {
            int target = pc + 1 + in->skip;
            if (!labels[target]) {
                labels[target] = gen_new_label();
            }
            if (w) {
                tcg_gen_brcond_i64(in->cond, t64[in->a], t64[in->b], labels[target]);
            } else {
                tcg_gen_brcond_i32(in->cond, t32[in->a], t32[in->b], labels[target]);
            }
            break;
        }
        default:
            g_assert_not_reached();
        }
    }
    /* Make the temps visible. */
    for (int i = NG; i < NV; i++) {
        tcg_gen_mov_i32(tt_r[i], t32[i]);
        tcg_gen_mov_i64(tt_x[i], t64[i]);
    }
    tcg_gen_exit_tb(NULL, 0);
}

static uint64_t rnd_value(GRand *r)
{
    static const uint64_t special[] = {
        0, 1, 0x7f, 0x80, 0xffff, 0x7fffffff, 0x80000000, 0xffffffff,
        0x8000000000000000ull, 0xffffffffffffffffull, 31, 32, 63,
    };
    if (g_rand_int_range(r, 0, 3) == 0) {
        return special[g_rand_int_range(r, 0, ARRAY_SIZE(special))];
    }
    return ((uint64_t)g_rand_int(r) << 32) | g_rand_int(r);
}

static const TCGCond conds[] = {
    TCG_COND_EQ, TCG_COND_NE, TCG_COND_LT, TCG_COND_GE, TCG_COND_LE, TCG_COND_GT,
    TCG_COND_LTU, TCG_COND_GEU, TCG_COND_LEU, TCG_COND_GTU, TCG_COND_TSTEQ, TCG_COND_TSTNE,
};

static int random_program(GRand *r, Insn *p, int max)
{
    int n = g_rand_int_range(r, 1, max + 1);
    for (int i = 0; i < n; i++) {
        Insn *in = &p[i];
        memset(in, 0, sizeof(*in));
        in->kind = g_rand_int_range(r, 0, K_NB);
        in->w64 = g_rand_boolean(r);
        unsigned bits = in->w64 ? 64 : 32;
        in->d = g_rand_int_range(r, 0, NV);
        do {
            in->d2 = g_rand_int_range(r, 0, NV);
        } while (in->d2 == in->d);
        in->a = g_rand_int_range(r, 0, NV);
        in->b = g_rand_int_range(r, 0, NV);
        in->c = g_rand_int_range(r, 0, NV);
        in->e = g_rand_int_range(r, 0, NV);
        in->cond = conds[g_rand_int_range(r, 0, ARRAY_SIZE(conds))];
        in->imm = (int64_t)rnd_value(r);
        if (!in->w64) {
            in->imm = (int32_t)in->imm;
        }
        in->ofs = g_rand_int_range(r, 0, bits);
        in->len = g_rand_int_range(r, 1, bits - in->ofs + 1);
        switch (in->kind) {
        case K_BIN: case K_BINI: in->op = g_rand_int_range(r, 0, B_NB); break;
        case K_UN: in->op = g_rand_int_range(r, 0, U_NB); break;
        case K_CONV: in->op = g_rand_int_range(r, 0, 4); break;
        case K_LD: case K_ST:
            in->op = g_rand_int_range(r, 0, 12);
            in->skip = g_rand_int_range(r, 0, 2);   /* MMU mode: fast or slow */
            break;
        case K_BRCOND:
            in->skip = g_rand_int_range(r, 0, MIN(4, n - i - 1) + 1);
            break;
        default: in->op = g_rand_int_range(r, 0, 2); break;
        }
    }
    return n;
}

static void test_random(void)
{
    GRand *r = g_rand_new_with_seed(g_test_rand_int());
    Insn prog[48];
    TCGTranslation t;
    int iterations = g_test_slow() ? 20000 : 2500;

    tt_setup();
    g_assert(tcg_set_tlb_params(tt_ctx, offsetof(TestEnv, tlb), 2, 12, &error_abort));
    tcg_set_softmmu_helpers(tt_ctx, slow_ld, slow_st);
    for (int it = 0; it < iterations; it++) {
        int n = random_program(r, prog, ARRAY_SIZE(prog));
        TestEnv init = { 0 };
        for (int i = 0; i < NV; i++) {
            init.r[i] = rnd_value(r);
            init.x[i] = rnd_value(r);
        }
        State ref;
        for (int i = 0; i < NV; i++) {
            ref.v[0][i] = init.r[i];
            ref.v[1][i] = init.x[i];
        }
        uint8_t ram0[sizeof(guest_ram)], ram_ref[sizeof(guest_ram)];
        for (size_t i = 0; i < sizeof(ram0); i++) {
            ram0[i] = g_rand_int(r);
        }
        memcpy(guest_ram, ram0, sizeof(ram0));
        interpret(prog, n, &ref);
        memcpy(ram_ref, guest_ram, sizeof(ram_ref));
        tlb_setup(&init);
        for (int opt = 0; opt < 2; opt++) {
            tcg_set_optimize(tt_ctx, opt);
            gen_program(prog, n);
            const void *code = tt_translate(&t);
            TestEnv env = init;
            memcpy(guest_ram, ram0, sizeof(ram0));
            tcg_qemu_tb_exec(&env, code);
            if (memcmp(guest_ram, ram_ref, sizeof(ram_ref))) {
                tcg_dump_ops(tt_ctx, stderr);
                g_error("iteration %d opt %d: guest memory differs", it, opt);
            }
            for (int i = 0; i < NV; i++) {
                if (env.r[i] != ref.v[0][i] || env.x[i] != ref.v[1][i]) {
                    tcg_dump_ops(tt_ctx, stderr);
                    g_error("iteration %d opt %d: var %d is %#x/%#" PRIx64 ", want %#" PRIx64
                            "/%#" PRIx64, it, opt, i, env.r[i], env.x[i], ref.v[0][i],
                            ref.v[1][i]);
                }
            }
        }
    }
    tcg_set_optimize(tt_ctx, true);
    g_rand_free(r);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/tcg/random/differential", test_random);
    int rc = g_test_run();
    tcg_context_free(tt_ctx);
    tcg_code_buffer_free(tt_buf);
    return rc;
}
