/*
 * x86-64 code emitter: instruction encoding (REX, ModRM, SIB), the
 * prologue that enters generated code, and the code for each IR op once
 * the register allocator has placed its arguments.
 */
#include "qemu/osdep.h"
#include <cpuid.h>
#include <sys/mman.h>
#include "../tcg-internal.h"
#include "emit.h"

static bool have_lzcnt, have_bmi1;
static uintptr_t (*prologue)(void *env, const void *code);

/* ---- encoding ---- */

void tcg_out8(TCGContext *s, uint8_t v)
{
    if (s->code_ptr < s->code_end) {
        *s->code_ptr++ = v;
    } else {
        s->code_overflow = true;
    }
}

void tcg_out32(TCGContext *s, uint32_t v)
{
    for (int i = 0; i < 4; i++) {
        tcg_out8(s, v >> (8 * i));
    }
}

void tcg_out64(TCGContext *s, uint64_t v)
{
    tcg_out32(s, v);
    tcg_out32(s, v >> 32);
}

void tcg_out_opc(TCGContext *s, int opc, int r, int rm, int x)
{
    int rex = 0;

    if (opc & P_DATA16) {
        tcg_out8(s, 0x66);
    }
    if (opc & P_SIMDF3) {
        tcg_out8(s, 0xf3);
    }
    rex |= (opc & P_REXW) ? 8 : 0;
    rex |= (r & 8) >> 1;
    rex |= (x & 8) >> 2;
    rex |= (rm & 8) >> 3;
    /* SPL, BPL, SIL, DIL as byte registers need a REX prefix. */
    if ((opc & P_REXB_R) && (r & 15) >= 4 && (r & 15) < 8) {
        rex |= 0x40;
    }
    if ((opc & P_REXB_RM) && (rm & 15) >= 4 && (rm & 15) < 8) {
        rex |= 0x40;
    }
    if (rex) {
        tcg_out8(s, 0x40 | rex);
    }
    if (opc & P_EXT) {
        tcg_out8(s, 0x0f);
    }
    tcg_out8(s, opc & 0xff);
}

void tcg_out_modrm(TCGContext *s, int opc, int r, int rm)
{
    tcg_out_opc(s, opc, r, rm, 0);
    tcg_out8(s, 0xc0 | ((r & 7) << 3) | (rm & 7));
}

void tcg_out_modrm_offset(TCGContext *s, int opc, int r, int base, intptr_t ofs)
{
    int mod;

    g_assert(ofs == (int32_t)ofs);
    tcg_out_opc(s, opc, r, base, 0);
    if (ofs == 0 && (base & 7) != 5) {
        mod = 0x00;
    } else if (ofs == (int8_t)ofs) {
        mod = 0x40;
    } else {
        mod = 0x80;
    }
    if ((base & 7) == 4) {
        tcg_out8(s, mod | ((r & 7) << 3) | 4);
        tcg_out8(s, 0x24);
    } else {
        tcg_out8(s, mod | ((r & 7) << 3) | (base & 7));
    }
    if (mod == 0x40) {
        tcg_out8(s, ofs);
    } else if (mod == 0x80) {
        tcg_out32(s, ofs);
    }
}

/* lea r, [rip + disp] pointing at code offset TARGET_OFS of this block. */
void tcg_out_lea_code(TCGContext *s, int r, uint32_t target_ofs)
{
    tcg_out_opc(s, OPC_LEA | P_REXW, r, 0, 0);
    tcg_out8(s, ((r & 7) << 3) | 5);
    uint32_t next = tcg_current_code_size(s) + 4;
    tcg_out32(s, target_ofs - next);
}

/* lea d, [base + index + ofs]; INDEX -1 for none, never RSP. */
void tcg_out_lea_add(TCGContext *s, int rexw, int d, int base, int index, int64_t ofs)
{
    if (!rexw) {
        ofs = (int32_t)ofs;
    }
    g_assert(ofs == (int32_t)ofs);
    if (index < 0) {
        tcg_out_modrm_offset(s, OPC_LEA + rexw, d, base, ofs);
        return;
    }
    g_assert(index != TCG_REG_RSP);
    int mod = ofs == 0 && (base & 7) != 5 ? 0x00 : ofs == (int8_t)ofs ? 0x40 : 0x80;
    tcg_out_opc(s, OPC_LEA + rexw, d, base, index);
    tcg_out8(s, mod | ((d & 7) << 3) | 4);
    tcg_out8(s, ((index & 7) << 3) | (base & 7));
    if (mod == 0x40) {
        tcg_out8(s, ofs);
    } else if (mod == 0x80) {
        tcg_out32(s, ofs);
    }
}

void tgen_arithr(TCGContext *s, int subop, int rexw, int dst, int src)
{
    tcg_out_modrm(s, OPC_ARITH_GvEv + (subop << 3) + rexw, dst, src);
}

void tgen_arithi(TCGContext *s, int subop, int rexw, int r, int64_t val)
{
    if (!rexw) {
        val = (int32_t)val;
    }
    g_assert(val == (int32_t)val);
    if (val == (int8_t)val) {
        tcg_out_modrm(s, OPC_ARITH_EvIb + rexw, subop, r);
        tcg_out8(s, val);
    } else {
        tcg_out_modrm(s, OPC_ARITH_EvIz + rexw, subop, r);
        tcg_out32(s, val);
    }
}

void tcg_out_mov(TCGContext *s, TCGType type, int dst, int src)
{
    if (dst != src || type == TCG_TYPE_I32) {
        tcg_out_modrm(s, OPC_MOVL_GvEv + (type == TCG_TYPE_I64 ? P_REXW : 0), dst, src);
    }
}

/* Never touches the flags (no xor-zeroing): used between compares and uses. */
void tcg_out_movi(TCGContext *s, TCGType type, int dst, int64_t val)
{
    if (type == TCG_TYPE_I32 || val == (uint32_t)val) {
        tcg_out_opc(s, OPC_MOVL_Iv + (dst & 7), 0, dst, 0);
        tcg_out32(s, val);
    } else if (val == (int32_t)val) {
        tcg_out_modrm(s, OPC_MOVL_EvIz + P_REXW, 0, dst);
        tcg_out32(s, val);
    } else {
        tcg_out_opc(s, OPC_MOVL_Iv + P_REXW + (dst & 7), 0, dst, 0);
        tcg_out64(s, val);
    }
}

void tcg_out_ld(TCGContext *s, TCGType type, int dst, int base, intptr_t ofs)
{
    tcg_out_modrm_offset(s, OPC_MOVL_GvEv + (type == TCG_TYPE_I64 ? P_REXW : 0), dst, base, ofs);
}

void tcg_out_st(TCGContext *s, TCGType type, int src, int base, intptr_t ofs)
{
    tcg_out_modrm_offset(s, OPC_MOVL_EvGv + (type == TCG_TYPE_I64 ? P_REXW : 0), src, base, ofs);
}

/* Stores a constant, through the scratch register if it has no imm32 form. */
void tcg_out_sti(TCGContext *s, TCGType type, int64_t val, int base, intptr_t ofs)
{
    if (type == TCG_TYPE_I32 || val == (int32_t)val) {
        tcg_out_modrm_offset(s, OPC_MOVL_EvIz + (type == TCG_TYPE_I64 ? P_REXW : 0), 0,
                             base, ofs);
        tcg_out32(s, val);
    } else {
        tcg_out_movi(s, type, TCG_REG_TMP, val);
        tcg_out_st(s, type, TCG_REG_TMP, base, ofs);
    }
}

static void tcg_out_jxx_rel32(TCGContext *s, int cc, TCGLabel *l)
{
    if (cc < 0) {
        tcg_out8(s, OPC_JMP_long);
    } else {
        tcg_out8(s, 0x0f);
        tcg_out8(s, OPC_JCC_long + cc);
    }
    uint32_t field = tcg_current_code_size(s);
    if (l->has_value) {
        tcg_out32(s, l->value - (field + 4));
    } else {
        TCGRelocation r = { field };
        g_array_append_val(l->relocs, r);
        tcg_out32(s, 0);
    }
}

void tcg_patch_rel32(TCGContext *s, uint32_t field, uint32_t target)
{
    if (field + 4 <= (size_t)(s->code_end - s->code_buf)) {
        uint32_t disp = target - (field + 4);
        memcpy(s->code_buf + field, &disp, 4);
    }
}

void tcg_out_label(TCGContext *s, TCGLabel *l)
{
    l->has_value = true;
    l->value = tcg_current_code_size(s);
    for (unsigned i = 0; i < l->relocs->len; i++) {
        tcg_patch_rel32(s, g_array_index(l->relocs, TCGRelocation, i).offset, l->value);
    }
    g_array_set_size(l->relocs, 0);
}

void tcg_out_br(TCGContext *s, TCGLabel *l)
{
    tcg_out_jxx_rel32(s, -1, l);
}

static const uint8_t cond_cc[] = {
    [TCG_COND_EQ] = JCC_JE, [TCG_COND_NE] = JCC_JNE,
    [TCG_COND_LT] = JCC_JL, [TCG_COND_GE] = JCC_JGE,
    [TCG_COND_LE] = JCC_JLE, [TCG_COND_GT] = JCC_JG,
    [TCG_COND_LTU] = JCC_JB, [TCG_COND_GEU] = JCC_JAE,
    [TCG_COND_LEU] = JCC_JBE, [TCG_COND_GTU] = JCC_JA,
    [TCG_COND_TSTEQ] = JCC_JE, [TCG_COND_TSTNE] = JCC_JNE,
};

/* Sets the flags for COND on (a, b); returns the x86 condition code. */
static int tcg_out_cmp(TCGContext *s, bool is64, TCGCond cond, int a, bool b_const, int b,
                       int64_t bval)
{
    int rexw = is64 ? P_REXW : 0;

    g_assert(cond >= TCG_COND_EQ);
    if (cond == TCG_COND_TSTEQ || cond == TCG_COND_TSTNE) {
        if (b_const) {
            tcg_out_modrm(s, OPC_GRP3_Ev + rexw, EXT3_TESTi, a);
            tcg_out32(s, bval);
        } else {
            tcg_out_modrm(s, OPC_TESTL + rexw, b, a);
        }
    } else if (b_const && (is64 ? bval : (int32_t)bval) == 0) {
        tcg_out_modrm(s, OPC_TESTL + rexw, a, a);
    } else if (b_const) {
        tgen_arithi(s, ARITH_CMP, rexw, a, bval);
    } else {
        tgen_arithr(s, ARITH_CMP, rexw, a, b);
    }
    return cond_cc[cond];
}

void tcg_out_brcond(TCGContext *s, bool is64, TCGCond cond, int a, bool b_const, int b,
                    int64_t bval, TCGLabel *l)
{
    if (cond == TCG_COND_ALWAYS) {
        tcg_out_br(s, l);
        return;
    }
    if (cond == TCG_COND_NEVER) {
        return;
    }
    int cc = tcg_out_cmp(s, is64, cond, a, b_const, b, bval);
    tcg_out_jxx_rel32(s, cc, l);
}

void tcg_out_call(TCGContext *s, const void *func)
{
    uintptr_t next = (uintptr_t)s->code_ptr + s->rx_diff + 5;
    intptr_t disp = (uintptr_t)func - next;
    if (disp == (int32_t)disp) {
        tcg_out8(s, OPC_CALL_Jz);
        tcg_out32(s, disp);
    } else {
        tcg_out_movi(s, TCG_TYPE_I64, TCG_REG_TMP, (uintptr_t)func);
        tcg_out_modrm(s, OPC_GRP5, EXT5_CALLN_Ev, TCG_REG_TMP);
    }
}

static const int saved_regs[] = {
    TCG_REG_RBP, TCG_REG_RBX, TCG_REG_R12, TCG_REG_R13, TCG_REG_R14, TCG_REG_R15,
};

static void tcg_out_epilogue(TCGContext *s)
{
    tgen_arithi(s, ARITH_ADD, P_REXW, TCG_REG_RSP, TCG_FRAME_SIZE);
    for (int i = ARRAY_SIZE(saved_regs) - 1; i >= 0; i--) {
        tcg_out_opc(s, OPC_POP_r32 + (saved_regs[i] & 7), 0, saved_regs[i], 0);
    }
    tcg_out8(s, OPC_RET);
}

/* The epilogue is inlined at each exit: it is short and saves a jump. */
void tcg_out_exit_tb(TCGContext *s, uintptr_t val)
{
    tcg_out_movi(s, TCG_TYPE_I64, TCG_REG_RAX, val);
    tcg_out_epilogue(s);
}

void tcg_out_goto_tb(TCGContext *s, unsigned n)
{
    g_assert(n < 2 && s->jmp_insn_offset[n] == TCG_NO_JUMP);
    /*
     * Align the 32-bit displacement so that patching is one atomic store.
     * A full buffer stops the padding (tcg_out8 no longer advances).
     */
    while (!s->code_overflow && (((uintptr_t)s->code_ptr + 1) & 3)) {
        tcg_out8(s, 0x90);
    }
    tcg_out8(s, OPC_JMP_long);
    s->jmp_insn_offset[n] = tcg_current_code_size(s);
    tcg_out32(s, 0);
    s->jmp_reset_offset[n] = tcg_current_code_size(s);
}

void tcg_out_goto_ptr(TCGContext *s, int reg)
{
    /* A null target means "no block": leave with 0. */
    tcg_out_modrm(s, OPC_TESTL + P_REXW, reg, reg);
    tcg_out8(s, OPC_JCC_short + JCC_JE);
    tcg_out8(s, (reg & 8) ? 3 : 2);
    tcg_out_modrm(s, OPC_GRP5, EXT5_JMPN_Ev, reg);
    tcg_out_exit_tb(s, 0);
}

/* ---- ops ---- */

bool tcg_target_const_ok(const TCGOp *op, unsigned arg, int64_t val)
{
    bool is64 = tcg_op_is_64(op);
    bool s32 = !is64 || val == (int32_t)val;

    switch (op->opc) {
    case INDEX_op_add_i32: case INDEX_op_add_i64:
    case INDEX_op_sub_i32: case INDEX_op_sub_i64:
    case INDEX_op_and_i32: case INDEX_op_and_i64:
    case INDEX_op_or_i32: case INDEX_op_or_i64:
    case INDEX_op_xor_i32: case INDEX_op_xor_i64:
    case INDEX_op_andc_i32: case INDEX_op_andc_i64:
    case INDEX_op_orc_i32: case INDEX_op_orc_i64:
    case INDEX_op_mul_i32: case INDEX_op_mul_i64:
    case INDEX_op_shl_i32: case INDEX_op_shl_i64:
    case INDEX_op_shr_i32: case INDEX_op_shr_i64:
    case INDEX_op_sar_i32: case INDEX_op_sar_i64:
    case INDEX_op_rotl_i32: case INDEX_op_rotl_i64:
    case INDEX_op_rotr_i32: case INDEX_op_rotr_i64:
    case INDEX_op_setcond_i32: case INDEX_op_setcond_i64:
    case INDEX_op_brcond_i32: case INDEX_op_brcond_i64:
        return arg == (unsigned)op->nb_oargs + 1 && s32;
    case INDEX_op_movcond_i32: case INDEX_op_movcond_i64:
        return (arg == 2 || arg == 4) && s32;
    case INDEX_op_add2_i32: case INDEX_op_add2_i64:
    case INDEX_op_sub2_i32: case INDEX_op_sub2_i64:
        return arg >= 4 && s32;
    case INDEX_op_st8_i32: case INDEX_op_st8_i64:
    case INDEX_op_st16_i32: case INDEX_op_st16_i64:
    case INDEX_op_st_i32: case INDEX_op_st_i64: case INDEX_op_st32_i64:
        return arg == 0 && s32;
    default:
        return false;
    }
}

uint32_t tcg_target_op_clobbers(TCGContext *s, const TCGOp *op)
{
    switch (op->opc) {
    case INDEX_op_shl_i32: case INDEX_op_shl_i64:
    case INDEX_op_shr_i32: case INDEX_op_shr_i64:
    case INDEX_op_sar_i32: case INDEX_op_sar_i64:
    case INDEX_op_rotl_i32: case INDEX_op_rotl_i64:
    case INDEX_op_rotr_i32: case INDEX_op_rotr_i64:
        return s->temps[op->args[2]].kind == TEMP_CONST ? 0 : 1u << TCG_REG_RCX;
    case INDEX_op_mulu2_i32: case INDEX_op_mulu2_i64:
    case INDEX_op_muls2_i32: case INDEX_op_muls2_i64:
        return (1u << TCG_REG_RAX) | (1u << TCG_REG_RDX);
    case INDEX_op_qemu_ld_i32: case INDEX_op_qemu_ld_i64:
    case INDEX_op_qemu_st_i32: case INDEX_op_qemu_st_i64:
    case INDEX_op_call:
        return TCG_CALL_CLOBBERED;
    default:
        return 0;
    }
}

static void mov_if(TCGContext *s, int rexw, int dst, int src)
{
    if (dst != src) {
        tcg_out_modrm(s, OPC_MOVL_GvEv + rexw, dst, src);
    }
}

static void out_shift(TCGContext *s, int ext, int rexw, int d, int a, bool is_const, int b,
                      int64_t c, unsigned width)
{
    if (is_const) {
        mov_if(s, rexw, d, a);
        c &= width - 1;
        if (c) {
            tcg_out_modrm(s, OPC_SHIFT_Ib + rexw, ext, d);
            tcg_out8(s, c);
        } else if (!rexw) {
            tcg_out_mov(s, TCG_TYPE_I32, d, d);
        }
    } else {
        tcg_out_mov(s, TCG_TYPE_I32, TCG_REG_RCX, b);
        mov_if(s, rexw, d, a);
        tcg_out_modrm(s, OPC_SHIFT_cl + rexw, ext, d);
    }
}

static void out_count_zeros(TCGContext *s, bool clz, int rexw, unsigned width, int d, int a,
                            int z)
{
    if (clz && have_lzcnt) {
        tcg_out_modrm(s, OPC_LZCNT + rexw, TCG_REG_TMP, a);
    } else if (clz) {
        tcg_out_modrm(s, OPC_BSR + rexw, TCG_REG_TMP, a);
        tgen_arithi(s, ARITH_XOR, rexw, TCG_REG_TMP, width - 1);
    } else if (have_bmi1) {
        tcg_out_modrm(s, OPC_TZCNT + rexw, TCG_REG_TMP, a);
    } else {
        tcg_out_modrm(s, OPC_BSF + rexw, TCG_REG_TMP, a);
    }
    tcg_out_modrm(s, OPC_TESTL + rexw, a, a);
    tcg_out_modrm(s, OPC_CMOVCC + JCC_JE + rexw, TCG_REG_TMP, z);
    tcg_out_mov(s, rexw ? TCG_TYPE_I64 : TCG_TYPE_I32, d, TCG_REG_TMP);
}

void tcg_out_op(TCGContext *s, const TCGOp *op, const int *r, const bool *k, const int64_t *c)
{
    bool is64 = tcg_op_is_64(op);
    int rexw = is64 ? P_REXW : 0;
    TCGType type = is64 ? TCG_TYPE_I64 : TCG_TYPE_I32;
    unsigned width = is64 ? 64 : 32;
    const TCGArg *cargs = op->args + op->nb_oargs + op->nb_iargs;
    int subop;

#define CASE2(x) case INDEX_op_##x##_i32: case INDEX_op_##x##_i64
    switch (op->opc) {
    CASE2(add):
        if (r[0] != r[1]) {
            /* Three-operand add: lea d, [a + b] or [a + imm]. */
            tcg_out_lea_add(s, rexw, r[0], r[1], k[2] ? -1 : r[2], k[2] ? c[2] : 0);
            break;
        }
        subop = ARITH_ADD;
        goto arith;
    CASE2(sub): subop = ARITH_SUB; goto arith;
    CASE2(and): subop = ARITH_AND; goto arith;
    CASE2(or): subop = ARITH_OR; goto arith;
    CASE2(xor): subop = ARITH_XOR;
    arith:
        mov_if(s, rexw, r[0], r[1]);
        if (k[2]) {
            tgen_arithi(s, subop, rexw, r[0], c[2]);
        } else {
            tgen_arithr(s, subop, rexw, r[0], r[2]);
        }
        break;
    CASE2(andc): subop = ARITH_AND; goto arithc;
    CASE2(orc): subop = ARITH_OR;
    arithc:
        if (k[2]) {
            mov_if(s, rexw, r[0], r[1]);
            tgen_arithi(s, subop, rexw, r[0], ~c[2]);
        } else {
            tcg_out_mov(s, type, TCG_REG_TMP, r[2]);
            tcg_out_modrm(s, OPC_GRP3_Ev + rexw, EXT3_NOT, TCG_REG_TMP);
            mov_if(s, rexw, r[0], r[1]);
            tgen_arithr(s, subop, rexw, r[0], TCG_REG_TMP);
        }
        break;
    CASE2(mul):
        if (k[2]) {
            int64_t v = is64 ? c[2] : (int32_t)c[2];
            if (v == (int8_t)v) {
                tcg_out_modrm(s, OPC_IMUL_GvEvIb + rexw, r[0], r[1]);
                tcg_out8(s, v);
            } else {
                tcg_out_modrm(s, OPC_IMUL_GvEvIz + rexw, r[0], r[1]);
                tcg_out32(s, v);
            }
        } else {
            mov_if(s, rexw, r[0], r[1]);
            tcg_out_modrm(s, OPC_IMUL_GvEv + rexw, r[0], r[2]);
        }
        break;
    CASE2(shl): out_shift(s, SHIFT_SHL, rexw, r[0], r[1], k[2], r[2], c[2], width); break;
    CASE2(shr): out_shift(s, SHIFT_SHR, rexw, r[0], r[1], k[2], r[2], c[2], width); break;
    CASE2(sar): out_shift(s, SHIFT_SAR, rexw, r[0], r[1], k[2], r[2], c[2], width); break;
    CASE2(rotl): out_shift(s, SHIFT_ROL, rexw, r[0], r[1], k[2], r[2], c[2], width); break;
    CASE2(rotr): out_shift(s, SHIFT_ROR, rexw, r[0], r[1], k[2], r[2], c[2], width); break;
    CASE2(neg):
        mov_if(s, rexw, r[0], r[1]);
        tcg_out_modrm(s, OPC_GRP3_Ev + rexw, EXT3_NEG, r[0]);
        break;
    CASE2(not):
        mov_if(s, rexw, r[0], r[1]);
        tcg_out_modrm(s, OPC_GRP3_Ev + rexw, EXT3_NOT, r[0]);
        break;
    CASE2(mulu2):
    CASE2(muls2):
        tcg_out_mov(s, type, TCG_REG_RAX, r[2]);
        tcg_out_modrm(s, OPC_GRP3_Ev + rexw,
                      op->opc == INDEX_op_mulu2_i32 || op->opc == INDEX_op_mulu2_i64
                      ? EXT3_MUL : EXT3_IMUL, r[3]);
        tcg_out_mov(s, type, r[0], TCG_REG_RAX);
        tcg_out_mov(s, type, r[1], TCG_REG_RDX);
        break;
    CASE2(add2):
    CASE2(sub2): {
        bool add = op->opc == INDEX_op_add2_i32 || op->opc == INDEX_op_add2_i64;
        tcg_out_mov(s, type, r[0], r[2]);
        tcg_out_mov(s, type, r[1], r[3]);
        if (k[4]) {
            tgen_arithi(s, add ? ARITH_ADD : ARITH_SUB, rexw, r[0], c[4]);
        } else {
            tgen_arithr(s, add ? ARITH_ADD : ARITH_SUB, rexw, r[0], r[4]);
        }
        if (k[5]) {
            tgen_arithi(s, add ? ARITH_ADC : ARITH_SBB, rexw, r[1], c[5]);
        } else {
            tgen_arithr(s, add ? ARITH_ADC : ARITH_SBB, rexw, r[1], r[5]);
        }
        break;
    }
    CASE2(ext8s):
        tcg_out_modrm(s, OPC_MOVSBL + P_REXB_RM + rexw, r[0], r[1]);
        break;
    CASE2(ext8u):
        tcg_out_modrm(s, OPC_MOVZBL + P_REXB_RM, r[0], r[1]);
        break;
    CASE2(ext16s):
        tcg_out_modrm(s, OPC_MOVSWL + rexw, r[0], r[1]);
        break;
    CASE2(ext16u):
        tcg_out_modrm(s, OPC_MOVZWL, r[0], r[1]);
        break;
    case INDEX_op_ext32s_i64:
    case INDEX_op_ext_i32_i64:
        tcg_out_modrm(s, OPC_MOVSLQ, r[0], r[1]);
        break;
    case INDEX_op_ext32u_i64:
    case INDEX_op_extu_i32_i64:
    case INDEX_op_extrl_i64_i32:
        tcg_out_mov(s, TCG_TYPE_I32, r[0], r[1]);
        break;
    case INDEX_op_extrh_i64_i32:
        tcg_out_mov(s, TCG_TYPE_I64, r[0], r[1]);
        tcg_out_modrm(s, OPC_SHIFT_Ib + P_REXW, SHIFT_SHR, r[0]);
        tcg_out8(s, 32);
        break;
    CASE2(bswap16):
        tcg_out_mov(s, TCG_TYPE_I32, r[0], r[1]);
        tcg_out_modrm(s, OPC_SHIFT_Ib + P_DATA16, SHIFT_ROL, r[0]);
        tcg_out8(s, 8);
        tcg_out_modrm(s, OPC_MOVZWL, r[0], r[0]);
        break;
    CASE2(bswap32):
        tcg_out_mov(s, TCG_TYPE_I32, r[0], r[1]);
        tcg_out_opc(s, OPC_BSWAP + (r[0] & 7), 0, r[0], 0);
        break;
    case INDEX_op_bswap64_i64:
        tcg_out_mov(s, TCG_TYPE_I64, r[0], r[1]);
        tcg_out_opc(s, OPC_BSWAP + P_REXW + (r[0] & 7), 0, r[0], 0);
        break;
    CASE2(clz):
        out_count_zeros(s, true, rexw, width, r[0], r[1], r[2]);
        break;
    CASE2(ctz):
        out_count_zeros(s, false, rexw, width, r[0], r[1], r[2]);
        break;
    CASE2(setcond): {
        TCGCond cond = cargs[0];
        if (cond == TCG_COND_ALWAYS || cond == TCG_COND_NEVER) {
            tcg_out_movi(s, TCG_TYPE_I32, r[0], cond == TCG_COND_ALWAYS);
            break;
        }
        tgen_arithr(s, ARITH_XOR, 0, r[0], r[0]);
        int cc = tcg_out_cmp(s, is64, cond, r[1], k[2], r[2], c[2]);
        tcg_out_modrm(s, OPC_SETCC + cc + P_REXB_RM, 0, r[0]);
        break;
    }
    CASE2(movcond): {
        TCGCond cond = cargs[0];
        if (k[4]) {
            tcg_out_movi(s, type, r[0], c[4]);
        } else {
            tcg_out_mov(s, type, r[0], r[4]);
        }
        if (cond == TCG_COND_ALWAYS) {
            tcg_out_mov(s, type, r[0], r[3]);
        } else if (cond != TCG_COND_NEVER) {
            int cc = tcg_out_cmp(s, is64, cond, r[1], k[2], r[2], c[2]);
            tcg_out_modrm(s, OPC_CMOVCC + cc + rexw, r[0], r[3]);
        }
        break;
    }
    CASE2(ld8u):
        tcg_out_modrm_offset(s, OPC_MOVZBL, r[0], r[1], cargs[0]);
        break;
    CASE2(ld8s):
        tcg_out_modrm_offset(s, OPC_MOVSBL + rexw, r[0], r[1], cargs[0]);
        break;
    CASE2(ld16u):
        tcg_out_modrm_offset(s, OPC_MOVZWL, r[0], r[1], cargs[0]);
        break;
    CASE2(ld16s):
        tcg_out_modrm_offset(s, OPC_MOVSWL + rexw, r[0], r[1], cargs[0]);
        break;
    case INDEX_op_ld32u_i64:
    case INDEX_op_ld_i32:
        tcg_out_ld(s, TCG_TYPE_I32, r[0], r[1], cargs[0]);
        break;
    case INDEX_op_ld32s_i64:
        tcg_out_modrm_offset(s, OPC_MOVSLQ, r[0], r[1], cargs[0]);
        break;
    case INDEX_op_ld_i64:
        tcg_out_ld(s, TCG_TYPE_I64, r[0], r[1], cargs[0]);
        break;
    CASE2(st8):
        if (k[0]) {
            tcg_out_modrm_offset(s, OPC_MOVB_EvIz, 0, r[1], cargs[0]);
            tcg_out8(s, c[0]);
        } else {
            tcg_out_modrm_offset(s, OPC_MOVB_EvGv + P_REXB_R, r[0], r[1], cargs[0]);
        }
        break;
    CASE2(st16):
        if (k[0]) {
            tcg_out_modrm_offset(s, OPC_MOVL_EvIz + P_DATA16, 0, r[1], cargs[0]);
            tcg_out8(s, c[0]);
            tcg_out8(s, c[0] >> 8);
        } else {
            tcg_out_modrm_offset(s, OPC_MOVL_EvGv + P_DATA16, r[0], r[1], cargs[0]);
        }
        break;
    case INDEX_op_st_i32:
    case INDEX_op_st32_i64:
    case INDEX_op_st_i64: {
        int w = op->opc == INDEX_op_st_i64 ? P_REXW : 0;
        if (k[0]) {
            tcg_out_modrm_offset(s, OPC_MOVL_EvIz + w, 0, r[1], cargs[0]);
            tcg_out32(s, c[0]);
        } else {
            tcg_out_modrm_offset(s, OPC_MOVL_EvGv + w, r[0], r[1], cargs[0]);
        }
        break;
    }
    case INDEX_op_mb:
        /* x86 is TSO: only a store followed by a load needs a fence. */
        if (cargs[0] & TCG_MO_ST_LD) {
            tcg_out8(s, 0x0f);
            tcg_out8(s, 0xae);
            tcg_out8(s, 0xf0);
        }
        break;
    default:
        g_error("tcg: no x86-64 emitter for op %s", tcg_op_defs[op->opc].name);
    }
#undef CASE2
}

/* ---- startup ---- */

static gpointer target_init_once(gpointer data)
{
    unsigned a, b, c, d;

    if (__get_cpuid(0x80000001, &a, &b, &c, &d)) {
        have_lzcnt = (c >> 5) & 1;
    }
    if (__get_cpuid_count(7, 0, &a, &b, &c, &d)) {
        have_bmi1 = (b >> 3) & 1;
    }
    if (getenv("FERRY_TCG_NO_BMI")) {
        /* Lets tests exercise the fallback sequences. */
        have_lzcnt = have_bmi1 = false;
    }

    /* The prologue lives in its own small mapping, never flushed. */
    size_t size = 4096;
    uint8_t *mem = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    g_assert(mem != MAP_FAILED);
    TCGContext s = { 0 };
    s.code_buf = s.code_ptr = mem;
    s.code_end = mem + size;
    for (unsigned i = 0; i < ARRAY_SIZE(saved_regs); i++) {
        tcg_out_opc(&s, OPC_PUSH_r32 + (saved_regs[i] & 7), 0, saved_regs[i], 0);
    }
    tcg_out_mov(&s, TCG_TYPE_I64, TCG_AREG0, TCG_REG_RDI);
    tgen_arithi(&s, ARITH_SUB, P_REXW, TCG_REG_RSP, TCG_FRAME_SIZE);
    tcg_out_modrm(&s, OPC_GRP5, EXT5_JMPN_Ev, TCG_REG_RSI);
    g_assert(!s.code_overflow);
    int ret = mprotect(mem, size, PROT_READ | PROT_EXEC);
    g_assert(ret == 0);
    prologue = (uintptr_t (*)(void *, const void *))(void *)mem;
    return NULL;
}

void tcg_target_init(void)
{
    static GOnce once = G_ONCE_INIT;
    g_once(&once, target_init_once, NULL);
}

bool tcg_host_has_lzcnt(void)
{
    tcg_target_init();
    return have_lzcnt;
}

bool tcg_host_has_bmi1(void)
{
    tcg_target_init();
    return have_bmi1;
}

uintptr_t tcg_qemu_tb_exec(void *env, const void *code)
{
    tcg_target_init();
    return prologue(env, code);
}
