/*
 * Register allocation and emission, one pass over the op list.
 *
 * Every temp has a home: globals at env + offset, per-translation temps in
 * a frame slot (assigned on first spill), constants nowhere (materialized
 * at each use). Within a basic block values stay in host registers; the
 * policy at the edges is deliberately simple:
 *  - at a basic-block end (label, branch) dirty globals are written back
 *    and temps that outlive the block are spilled; after a label nothing
 *    is assumed to be in a register;
 *  - at block exits (exit_tb, goto_ptr, goto_tb) dirty globals are written
 *    back; temps are dead;
 *  - before helper calls and guest memory ops the dirty globals are
 *    written back (a fault must see them in memory) and the caller-saved
 *    registers are emptied; after a call that may write globals, register
 *    copies of globals are dropped and reloaded on next use.
 * Liveness (liveness.c) marks for each op which inputs die there, so their
 * registers are reused at once.
 */
#include "qemu/osdep.h"
#include "tcg-internal.h"

static const int alloc_order[] = {
    TCG_REG_RBX, TCG_REG_R12, TCG_REG_R13, TCG_REG_R14, TCG_REG_R15,
    TCG_REG_R10, TCG_REG_R9, TCG_REG_R8, TCG_REG_RDI, TCG_REG_RSI,
    TCG_REG_RAX, TCG_REG_RDX, TCG_REG_RCX,
};

static const int call_arg_regs[TCG_MAX_CALL_ARGS] = {
    TCG_REG_RDI, TCG_REG_RSI, TCG_REG_RDX, TCG_REG_RCX, TCG_REG_R8, TCG_REG_R9,
};

static void temp_home(TCGContext *s, TCGTemp *t, int *base, intptr_t *ofs)
{
    if (t->kind == TEMP_GLOBAL) {
        *base = TCG_AREG0;
        *ofs = t->mem_offset;
        return;
    }
    g_assert(t->kind == TEMP_TB);
    if (!t->has_slot) {
        int slot;
        for (slot = 0; slot < TCG_FRAME_SLOTS && s->slot_used[slot]; slot++) {
        }
        if (slot == TCG_FRAME_SLOTS) {
            /* The translation is discarded; keep emitting harmlessly. */
            s->frame_overflow = true;
            slot = 0;
        } else {
            s->slot_used[slot] = 1;
        }
        t->has_slot = true;
        t->mem_offset = slot * 8;
    }
    *base = TCG_REG_RSP;
    *ofs = t->mem_offset;
}

static void release_slot(TCGContext *s, TCGTemp *t)
{
    if (t->kind == TEMP_TB && t->has_slot && t->ebb_local) {
        s->slot_used[t->mem_offset / 8] = 0;
        t->has_slot = false;
    }
}

/* Writes a register value or known constant back to its home if stale. */
static void temp_sync(TCGContext *s, TCGTemp *t)
{
    if ((t->val_type == TEMP_VAL_REG || t->val_type == TEMP_VAL_CONST) && !t->mem_coherent &&
        (t->kind == TEMP_GLOBAL || t->kind == TEMP_TB)) {
        int base;
        intptr_t ofs;
        temp_home(s, t, &base, &ofs);
        if (t->val_type == TEMP_VAL_CONST) {
            tcg_out_sti(s, t->type, t->rval, base, ofs);
        } else {
            tcg_out_st(s, t->type, t->reg, base, ofs);
        }
        t->mem_coherent = true;
    }
}

/* Drops T's register (or pending constant); memory must already be right. */
static void temp_unbind(TCGContext *s, TCGTemp *t)
{
    if (t->val_type == TEMP_VAL_REG && t->kind != TEMP_FIXED) {
        s->reg_to_temp[t->reg] = -1;
        t->reg = -1;
        t->val_type = TEMP_VAL_MEM;
    } else if (t->val_type == TEMP_VAL_CONST) {
        t->val_type = TEMP_VAL_MEM;
    }
}

/* The constant T holds, if known to the allocator. */
static bool temp_const_value(TCGTemp *t, int64_t *v)
{
    if (t->kind == TEMP_CONST) {
        *v = t->val;
        return true;
    }
    if (t->val_type == TEMP_VAL_CONST) {
        *v = t->rval;
        return true;
    }
    return false;
}

/* Frees T's register, keeping its value in memory. */
static void temp_evict(TCGContext *s, TCGTemp *t)
{
    temp_sync(s, t);
    temp_unbind(s, t);
}

/* T's value is no longer needed. */
static void temp_dead(TCGContext *s, TCGTemp *t)
{
    switch (t->kind) {
    case TEMP_TB:
        temp_unbind(s, t);
        t->val_type = TEMP_VAL_DEAD;
        release_slot(s, t);
        break;
    case TEMP_GLOBAL:
        /* Liveness guarantees a write before any read or sync point. */
        temp_unbind(s, t);
        break;
    case TEMP_CONST:
        temp_unbind(s, t);
        break;
    case TEMP_FIXED:
        break;
    }
}

static int reg_alloc(TCGContext *s, uint32_t forbidden)
{
    forbidden |= s->reserved_regs | s->locked_regs;
    for (unsigned i = 0; i < ARRAY_SIZE(alloc_order); i++) {
        int r = alloc_order[i];
        if (!(forbidden & (1u << r)) && s->reg_to_temp[r] < 0) {
            return r;
        }
    }
    /* Spill: prefer a register whose value is already in memory. */
    int victim = -1;
    for (unsigned i = 0; i < ARRAY_SIZE(alloc_order); i++) {
        int r = alloc_order[i];
        if (!(forbidden & (1u << r))) {
            TCGTemp *t = &s->temps[s->reg_to_temp[r]];
            if (victim < 0 || t->mem_coherent || t->kind == TEMP_CONST) {
                victim = r;
                if (t->mem_coherent || t->kind == TEMP_CONST) {
                    break;
                }
            }
        }
    }
    g_assert(victim >= 0);
    temp_evict(s, &s->temps[s->reg_to_temp[victim]]);
    return victim;
}

static void temp_bind(TCGContext *s, TCGTemp *t, int reg)
{
    g_assert(t->kind != TEMP_FIXED && t->kind != TEMP_CONST);
    if (t->val_type == TEMP_VAL_REG && t->reg != reg) {
        s->reg_to_temp[t->reg] = -1;
    }
    if (s->reg_to_temp[reg] >= 0 && s->reg_to_temp[reg] != temp_idx(s, t)) {
        TCGTemp *old = &s->temps[s->reg_to_temp[reg]];
        old->reg = -1;
        old->val_type = old->kind == TEMP_TB ? TEMP_VAL_DEAD : TEMP_VAL_MEM;
    }
    s->reg_to_temp[reg] = temp_idx(s, t);
    t->reg = reg;
    t->val_type = TEMP_VAL_REG;
    t->mem_coherent = false;
}

/* Puts T's value in a register not in FORBIDDEN; returns it. */
static int temp_load(TCGContext *s, TCGTemp *t, uint32_t forbidden)
{
    if (t->val_type == TEMP_VAL_REG && !(forbidden & (1u << t->reg))) {
        return t->reg;
    }
    int r = reg_alloc(s, forbidden);
    bool coherent = true;
    if (t->val_type == TEMP_VAL_REG) {
        /* In a forbidden register: copy it. */
        tcg_out_mov(s, t->type, r, t->reg);
        temp_evict(s, t);
    } else if (t->kind == TEMP_CONST) {
        tcg_out_movi(s, t->type, r, t->val);
    } else if (t->val_type == TEMP_VAL_CONST) {
        tcg_out_movi(s, t->type, r, t->rval);
        coherent = t->mem_coherent;
    } else {
        int base;
        intptr_t ofs;
        temp_home(s, t, &base, &ofs);
        tcg_out_ld(s, t->type, r, base, ofs);
    }
    s->reg_to_temp[r] = temp_idx(s, t);
    t->reg = r;
    t->val_type = TEMP_VAL_REG;
    t->mem_coherent = coherent;
    return r;
}

static void sync_globals(TCGContext *s)
{
    for (int i = 0; i < s->nb_globals; i++) {
        temp_sync(s, &s->temps[i]);
    }
}

static void drop_global_regs(TCGContext *s)
{
    for (int i = 0; i < s->nb_globals; i++) {
        temp_unbind(s, &s->temps[i]);
    }
}

/*
 * Calls FN on every temp that may hold a value outside its memory home:
 * those in registers and those with a pending constant. Cost is
 * proportional to the registers and pending constants, not to all temps.
 */
static void for_each_unsaved(TCGContext *s, void (*fn)(TCGContext *, TCGTemp *))
{
    for (int r = 0; r < TCG_TARGET_NB_REGS; r++) {
        int idx = s->reg_to_temp[r];
        if (idx >= 0 && s->temps[idx].kind != TEMP_FIXED) {
            fn(s, &s->temps[idx]);
        }
    }
    GArray *p = s->const_pending;
    for (unsigned i = 0; i < p->len; i++) {
        TCGTemp *t = &s->temps[g_array_index(p, int, i)];
        if (t->val_type == TEMP_VAL_CONST) {
            fn(s, t);
        }
    }
    g_array_set_size(p, 0);
}

static void save_one(TCGContext *s, TCGTemp *t)
{
    if (t->kind == TEMP_GLOBAL || (t->kind == TEMP_TB && !t->ebb_local)) {
        temp_sync(s, t);
    } else if (t->kind == TEMP_TB) {
        temp_dead(s, t);
    } else {
        temp_unbind(s, t);
    }
}

static void save_bb_end(TCGContext *s)
{
    for (int r = 0; r < TCG_TARGET_NB_REGS; r++) {
        int idx = s->reg_to_temp[r];
        if (idx >= 0 && s->temps[idx].kind != TEMP_FIXED) {
            save_one(s, &s->temps[idx]);
        }
    }
    /* Pending constants are stored as immediates; they stay pending. */
    GArray *p = s->const_pending;
    unsigned w = 0;
    for (unsigned i = 0; i < p->len; i++) {
        int idx = g_array_index(p, int, i);
        TCGTemp *t = &s->temps[idx];
        if (t->val_type == TEMP_VAL_CONST) {
            save_one(s, t);
            if (t->val_type == TEMP_VAL_CONST) {
                g_array_index(p, int, w++) = idx;
            }
        }
    }
    g_array_set_size(p, w);
}

static void forget_one(TCGContext *s, TCGTemp *t)
{
    if (t->val_type == TEMP_VAL_REG) {
        s->reg_to_temp[t->reg] = -1;
        t->reg = -1;
    }
    t->val_type = t->kind == TEMP_TB && t->ebb_local ? TEMP_VAL_DEAD : TEMP_VAL_MEM;
    t->mem_coherent = true;
}

/* Forget every register binding (after a label or an unconditional jump). */
static void reset_regs(TCGContext *s)
{
    for_each_unsaved(s, forget_one);
}

static void free_dead_inputs(TCGContext *s, const TCGOp *op)
{
    unsigned no = op->nb_oargs;
    for (unsigned i = 0; i < op->nb_iargs; i++) {
        TCGTemp *t = arg_temp(s, op->args[no + i]);
        bool is_output = false;
        for (unsigned j = 0; j < no; j++) {
            is_output |= op->args[j] == op->args[no + i];
        }
        if (t->kind == TEMP_CONST) {
            temp_unbind(s, t);
        } else if ((op->dead & (1u << (no + i))) && !is_output) {
            temp_dead(s, t);
        }
    }
}

static void free_dead_outputs(TCGContext *s, const TCGOp *op)
{
    for (unsigned i = 0; i < op->nb_oargs; i++) {
        if (op->dead & (1u << i)) {
            temp_dead(s, arg_temp(s, op->args[i]));
        }
    }
}

static void reg_alloc_mov(TCGContext *s, TCGOp *op)
{
    TCGTemp *d = arg_temp(s, op->args[0]);
    TCGTemp *src = arg_temp(s, op->args[1]);
    TCGType type = d->type;

    int64_t cv;
    if (d == src) {
        return;
    }
    if (temp_const_value(src, &cv)) {
        /* Deferred: materialized when used, stored as an immediate at sync. */
        if (d->val_type == TEMP_VAL_REG) {
            s->reg_to_temp[d->reg] = -1;
            d->reg = -1;
        }
        d->val_type = TEMP_VAL_CONST;
        d->rval = type == TCG_TYPE_I32 ? (int32_t)cv : cv;
        d->mem_coherent = false;
        int idx = temp_idx(s, d);
        g_array_append_val(s->const_pending, idx);
    } else {
        int rs = temp_load(s, src, 0);
        if ((op->dead & 2) && src->kind != TEMP_FIXED) {
            /* The source dies: rename its register. */
            temp_unbind(s, src);
            if (src->kind == TEMP_TB) {
                src->val_type = TEMP_VAL_DEAD;
                release_slot(s, src);
            }
            temp_bind(s, d, rs);
            if (type == TCG_TYPE_I32 && src->type == TCG_TYPE_I64) {
                tcg_out_mov(s, type, rs, rs);
            }
        } else {
            s->locked_regs = 1u << rs;
            int rd = d->val_type == TEMP_VAL_REG && d->reg != rs ? d->reg : reg_alloc(s, 0);
            s->locked_regs = 0;
            tcg_out_mov(s, type, rd, rs);
            temp_bind(s, d, rd);
        }
    }
    if (op->dead & 1) {
        temp_dead(s, d);
    }
}

static void reg_alloc_call(TCGContext *s, TCGOp *op)
{
    unsigned no = op->nb_oargs, ni = op->nb_iargs;
    const TCGHelperInfo *info = (const TCGHelperInfo *)(uintptr_t)op->args[no + ni];

    if ((info->flags & TCG_CALL_NO_RWG) != TCG_CALL_NO_RWG) {
        sync_globals(s);
    }
    for (int r = 0; r < TCG_TARGET_NB_REGS; r++) {
        if ((TCG_CALL_CLOBBERED & (1u << r)) && s->reg_to_temp[r] >= 0) {
            temp_evict(s, &s->temps[s->reg_to_temp[r]]);
        }
    }
    for (unsigned i = 0; i < ni; i++) {
        TCGTemp *t = arg_temp(s, op->args[no + i]);
        int ar = call_arg_regs[i];
        int64_t cv;
        if (temp_const_value(t, &cv)) {
            tcg_out_movi(s, TCG_TYPE_I64, ar, t->type == TCG_TYPE_I32 ? (uint32_t)cv : cv);
        } else if (t->val_type == TEMP_VAL_REG) {
            tcg_out_mov(s, t->type, ar, t->reg);
        } else {
            int base;
            intptr_t ofs;
            temp_home(s, t, &base, &ofs);
            tcg_out_ld(s, t->type, ar, base, ofs);
        }
    }
    tcg_out_call(s, info->func);
    if (!(info->flags & TCG_CALL_NO_WRITE_GLOBALS)) {
        drop_global_regs(s);
    }
    free_dead_inputs(s, op);
    if (no) {
        TCGTemp *t = arg_temp(s, op->args[0]);
        if (t->type == TCG_TYPE_I32) {
            tcg_out_mov(s, TCG_TYPE_I32, TCG_REG_RAX, TCG_REG_RAX);
        }
        temp_bind(s, t, TCG_REG_RAX);
        free_dead_outputs(s, op);
    }
}

static void reg_alloc_op(TCGContext *s, TCGOp *op)
{
    const TCGOpDef *def = &tcg_op_defs[op->opc];
    unsigned no = op->nb_oargs, ni = op->nb_iargs;
    int regs[TCG_MAX_OP_ARGS];
    bool is_const[TCG_MAX_OP_ARGS] = { false };
    int64_t cval[TCG_MAX_OP_ARGS] = { 0 };
    uint32_t clobbers = tcg_target_op_clobbers(s, op);
    uint32_t in_regs = 0;

    if (def->flags & TCG_OPF_CALL_CLOBBER) {
        sync_globals(s);
    }
    for (int r = 0; r < TCG_TARGET_NB_REGS; r++) {
        if ((clobbers & (1u << r)) && s->reg_to_temp[r] >= 0) {
            temp_evict(s, &s->temps[s->reg_to_temp[r]]);
        }
    }
    s->locked_regs = clobbers;

    for (unsigned i = 0; i < ni; i++) {
        TCGTemp *t = arg_temp(s, op->args[no + i]);
        int64_t cv;
        if (temp_const_value(t, &cv) && tcg_target_const_ok(op, no + i, cv)) {
            is_const[no + i] = true;
            cval[no + i] = cv;
            regs[no + i] = -1;
            continue;
        }
        int r = temp_load(s, t, clobbers);
        regs[no + i] = r;
        s->locked_regs |= 1u << r;
        in_regs |= 1u << r;
    }

    for (unsigned i = 0; i < no; i++) {
        TCGTemp *t = arg_temp(s, op->args[i]);
        int r;
        TCGTemp *in0 = ni ? arg_temp(s, op->args[no]) : NULL;
        if (i == 0 && (def->flags & TCG_OPF_ALIAS) && !is_const[no] &&
            in0->kind != TEMP_FIXED &&
            (in0->kind == TEMP_CONST || (op->dead & (1u << no)) || in0 == t)) {
            r = regs[no];
            if (in0 != t) {
                temp_unbind(s, in0);
                if (in0->kind == TEMP_TB) {
                    in0->val_type = TEMP_VAL_DEAD;
                    release_slot(s, in0);
                }
            }
        } else {
            r = reg_alloc(s, in_regs);
        }
        temp_bind(s, t, r);
        regs[i] = r;
        s->locked_regs |= 1u << r;
    }

    tcg_out_op(s, op, regs, is_const, cval);
    s->locked_regs = 0;
    free_dead_inputs(s, op);
    free_dead_outputs(s, op);
}

static void reg_alloc_qemu_ldst(TCGContext *s, TCGOp *op)
{
    bool is64 = tcg_op_is_64(op);
    bool is_ld = op->opc == INDEX_op_qemu_ld_i32 || op->opc == INDEX_op_qemu_ld_i64;
    MemOpIdx oi = op->args[op->nb_oargs + op->nb_iargs];

    sync_globals(s);
    for (int r = 0; r < TCG_TARGET_NB_REGS; r++) {
        if ((TCG_CALL_CLOBBERED & (1u << r)) && s->reg_to_temp[r] >= 0) {
            temp_evict(s, &s->temps[s->reg_to_temp[r]]);
        }
    }
    s->locked_regs = TCG_CALL_CLOBBERED;
    if (is_ld) {
        TCGTemp *addr = arg_temp(s, op->args[1]);
        int ra = temp_load(s, addr, TCG_CALL_CLOBBERED);
        s->locked_regs |= 1u << ra;
        /* The address must survive into the slow path: a separate output. */
        int rd = reg_alloc(s, 1u << ra);
        temp_bind(s, arg_temp(s, op->args[0]), rd);
        tcg_out_qemu_ld(s, is64, rd, ra, oi);
    } else {
        TCGTemp *val = arg_temp(s, op->args[0]);
        TCGTemp *addr = arg_temp(s, op->args[1]);
        int rv = temp_load(s, val, TCG_CALL_CLOBBERED);
        s->locked_regs |= 1u << rv;
        int ra = temp_load(s, addr, TCG_CALL_CLOBBERED);
        tcg_out_qemu_st(s, is64, rv, false, 0, ra, oi);
    }
    s->locked_regs = 0;
    free_dead_inputs(s, op);
    free_dead_outputs(s, op);
}

static void record_insn_end(TCGContext *s)
{
    unsigned n = s->insn_words->len / s->insn_start_words;
    if (s->insn_end->len < n) {
        uint32_t ofs = tcg_current_code_size(s);
        g_array_append_val(s->insn_end, ofs);
    }
}

void tcg_reg_alloc_code(TCGContext *s)
{
    for (int r = 0; r < TCG_TARGET_NB_REGS; r++) {
        s->reg_to_temp[r] = -1;
    }
    s->reg_to_temp[TCG_AREG0] = 0;
    s->reserved_regs = (1u << TCG_REG_RSP) | (1u << TCG_AREG0) | (1u << TCG_REG_TMP);
    s->locked_regs = 0;
    memset(s->slot_used, 0, sizeof(s->slot_used));
    g_array_set_size(s->const_pending, 0);
    for (int i = 0; i < s->nb_temps; i++) {
        TCGTemp *t = &s->temps[i];
        t->has_slot = false;
        if (t->kind != TEMP_FIXED) {
            t->reg = -1;
            t->val_type = t->kind == TEMP_TB ? TEMP_VAL_DEAD : TEMP_VAL_MEM;
            t->mem_coherent = true;
        }
    }

    for (unsigned i = 0; i < s->nb_ops; i++) {
        TCGOp *op = &s->ops[i];
        const TCGOpDef *def = &tcg_op_defs[op->opc];
        TCGArg *cargs = op->args + op->nb_oargs + op->nb_iargs;

        switch (op->opc) {
        case INDEX_op_nop:
            break;
        case INDEX_op_insn_start:
            record_insn_end(s);
            for (unsigned j = 0; j < s->insn_start_words; j++) {
                uint64_t w = cargs[j];
                g_array_append_val(s->insn_words, w);
            }
            break;
        case INDEX_op_mov_i32:
        case INDEX_op_mov_i64:
            reg_alloc_mov(s, op);
            break;
        case INDEX_op_call:
            reg_alloc_call(s, op);
            break;
        case INDEX_op_set_label:
            save_bb_end(s);
            reset_regs(s);
            tcg_out_label(s, (TCGLabel *)(uintptr_t)cargs[0]);
            break;
        case INDEX_op_br:
            save_bb_end(s);
            tcg_out_br(s, (TCGLabel *)(uintptr_t)cargs[0]);
            reset_regs(s);
            break;
        case INDEX_op_brcond_i32:
        case INDEX_op_brcond_i64: {
            TCGTemp *a = arg_temp(s, op->args[0]);
            TCGTemp *b = arg_temp(s, op->args[1]);
            int ra = temp_load(s, a, 0);
            s->locked_regs = 1u << ra;
            int64_t bval = 0;
            bool bk = temp_const_value(b, &bval) && tcg_target_const_ok(op, 1, bval);
            int rb = bk ? -1 : temp_load(s, b, 0);
            s->locked_regs = 0;
            save_bb_end(s);
            tcg_out_brcond(s, tcg_op_is_64(op), cargs[0], ra, bk, rb, bval,
                           (TCGLabel *)(uintptr_t)cargs[1]);
            free_dead_inputs(s, op);
            break;
        }
        case INDEX_op_exit_tb:
            sync_globals(s);
            tcg_out_exit_tb(s, cargs[0]);
            reset_regs(s);
            break;
        case INDEX_op_goto_tb:
            sync_globals(s);
            tcg_out_goto_tb(s, cargs[0]);
            break;
        case INDEX_op_goto_ptr: {
            int r = temp_load(s, arg_temp(s, op->args[0]), 0);
            sync_globals(s);
            tcg_out_goto_ptr(s, r);
            reset_regs(s);
            break;
        }
        case INDEX_op_qemu_ld_i32:
        case INDEX_op_qemu_ld_i64:
        case INDEX_op_qemu_st_i32:
        case INDEX_op_qemu_st_i64:
            reg_alloc_qemu_ldst(s, op);
            break;
        default:
            g_assert(!(def->flags & TCG_OPF_BB_END));
            reg_alloc_op(s, op);
            break;
        }
    }
    record_insn_end(s);
    tcg_out_ldst_slow_paths(s);
}
