/*
 * ARM A32 front end: translates guest instructions into TCG IR through
 * the generic translator loop. The decoder is generated at build time
 * from a32.decode (scripts/decodetree.py); this file holds the trans_*
 * functions it calls, the condition and flag logic and the helpers.
 *
 * Reading r15 gives the instruction's address + 8 (a constant: the block
 * knows every pc). Writing r15 ends the block. Flags: see cpu.h.
 */
#include "qemu/osdep.h"
#include "target/arm/cpu.h"
#include "exec/translator.h"
#include "tcg/tcg-op.h"
#include "semihosting/semihost.h"
#include "qemu/log.h"

/* Jump types of this front end. */
#define DISAS_JUMP DISAS_TARGET_0   /* r15 holds the next pc: indirect lookup */

typedef struct DisasContext {
    DisasContextBase base;
    uint32_t pc_curr;       /* address of the instruction being translated */
    uint32_t insn;
    int mmu_idx;
    bool user;              /* PL0 */
    bool ns;                /* Non-secure state */
    bool thumb;
    /* Thumb IT block: condition and mask of the current instruction. */
    int condexec_cond, condexec_mask;
    bool vfp_enabled;       /* FPEXC.EN and CPACR: else VFP/NEON UNDEF */
    int vec_len, vec_stride;    /* FPSCR.Len/Stride (VFP short vectors) */
    MemOp be_data;          /* MO_BE with CPSR.E set, else MO_LE */
    bool sctlr_a;           /* alignment checks on every access */
    TCGLabel *condlabel;    /* taken when the condition fails */
    bool condjmp;
} DisasContext;

/* The generated decoder: arg_* types, trans_* prototypes, disas_a32(). */
#include "decode-a32.c.inc"

/* Per translating thread (one vCPU thread): globals of its context. */
static __thread TCGv_i32 cpu_R[16];
static __thread TCGv_i32 cpu_NF, cpu_ZF, cpu_CF, cpu_VF;

static const char *const reg_names[16] = {
    "r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7",
    "r8", "r9", "r10", "r11", "r12", "sp", "lr", "pc",
};

/* ---- helpers (called from generated code) ---- */

static void helper_exception(void *env, uint32_t excp)
{
    CPUState *cs = env_cpu(env);

    cs->exception_index = excp;
    cpu_loop_exit(cs);
}

static void helper_wfi(void *env)
{
    CPUState *cs = env_cpu(env);

    cs->exception_index = EXCP_HLT;
    cpu_loop_exit(cs);
}

static void helper_semihosting(void *env)
{
    arm_do_semihosting(env);
}

static uint32_t helper_cpsr_read(void *env)
{
    return cpsr_read(env);
}

static void helper_cpsr_write(void *env, uint32_t val, uint32_t mask)
{
    cpsr_write(env, val, mask);
}

/* Exception return: CPSR from SPSR, then the new pc. */
static void helper_exception_return(void *env, uint32_t pc)
{
    CPUARMState *e = env;

    cpsr_write(e, e->spsr, 0xffffffffu);
    e->regs[15] = pc & (e->thumb ? ~1u : ~3u);
}

/* Shift by register (bottom byte of S); *CARRY is updated where it changes. */
static uint32_t shift_by_reg(uint32_t x, uint32_t type, uint32_t s, uint32_t *carry)
{
    s &= 0xff;
    if (s == 0) {
        return x;
    }
    switch (type) {
    case 0:     /* LSL */
        if (s < 32) {
            *carry = (x >> (32 - s)) & 1;
            return x << s;
        }
        *carry = s == 32 ? x & 1 : 0;
        return 0;
    case 1:     /* LSR */
        if (s < 32) {
            *carry = (x >> (s - 1)) & 1;
            return x >> s;
        }
        *carry = s == 32 ? x >> 31 : 0;
        return 0;
    case 2:     /* ASR */
        if (s < 32) {
            *carry = (x >> (s - 1)) & 1;
            return (uint32_t)((int32_t)x >> s);
        }
        *carry = x >> 31;
        return (uint32_t)((int32_t)x >> 31);
    default:    /* ROR */
        s &= 31;
        if (s) {
            x = (x >> s) | (x << (32 - s));
        }
        *carry = x >> 31;
        return x;
    }
}

static uint32_t helper_shift_reg(uint32_t x, uint32_t type, uint32_t s)
{
    uint32_t c = 0;

    return shift_by_reg(x, type, s, &c);
}

static uint32_t helper_shift_reg_cc(void *env, uint32_t x, uint32_t type, uint32_t s)
{
    CPUARMState *e = env;

    return shift_by_reg(x, type, s, &e->CF);
}

static const TCGHelperInfo info_exception = {
    .func = helper_exception, .name = "exception", .flags = TCG_CALL_NO_WRITE_GLOBALS,
};
static const TCGHelperInfo info_wfi = {
    .func = helper_wfi, .name = "wfi", .flags = TCG_CALL_NO_WRITE_GLOBALS,
};
static const TCGHelperInfo info_semihosting = {
    .func = helper_semihosting, .name = "semihosting", .flags = TCG_CALL_DEFAULT,
};
static const TCGHelperInfo info_cpsr_read = {
    .func = helper_cpsr_read, .name = "cpsr_read", .flags = TCG_CALL_NO_WRITE_GLOBALS,
};
static const TCGHelperInfo info_cpsr_write = {
    .func = helper_cpsr_write, .name = "cpsr_write", .flags = TCG_CALL_DEFAULT,
};
static const TCGHelperInfo info_exception_return = {
    .func = helper_exception_return, .name = "exception_return", .flags = TCG_CALL_DEFAULT,
};
static const TCGHelperInfo info_shift_reg = {
    .func = helper_shift_reg, .name = "shift_reg", .flags = TCG_CALL_NO_RWG_SE,
};
static const TCGHelperInfo info_shift_reg_cc = {
    .func = helper_shift_reg_cc, .name = "shift_reg_cc", .flags = TCG_CALL_DEFAULT,
};

void arm_tcg_init(CPUState *cs)
{
    TCGContext *s = tcg_ctx;
    Error *err = NULL;

    tcg_set_guest_addr_bits(s, 32);
    tcg_set_insn_start_words(s, 1);
    if (!tcg_set_tlb_params(s, offsetof(CPUARMState, tlb_fast),
                            ARM_MMU_MODES, TARGET_PAGE_BITS, &err)) {
        error_report_err(err);
        abort();
    }
    tcg_set_softmmu_helpers(s, helper_ld_mmu, helper_st_mmu);
    tcg_set_lookup_helper(s, tcg_exec_lookup_helper());
    for (int i = 0; i < 16; i++) {
        cpu_R[i] = tcg_global_mem_new_i32(tcg_env, offsetof(CPUARMState, regs[i]),
                                          reg_names[i]);
    }
    cpu_NF = tcg_global_mem_new_i32(tcg_env, offsetof(CPUARMState, NF), "NF");
    cpu_ZF = tcg_global_mem_new_i32(tcg_env, offsetof(CPUARMState, ZF), "ZF");
    cpu_CF = tcg_global_mem_new_i32(tcg_env, offsetof(CPUARMState, CF), "CF");
    cpu_VF = tcg_global_mem_new_i32(tcg_env, offsetof(CPUARMState, VF), "VF");
}

/* ---- registers and control flow ---- */

/* The PL0 MMU index of the current security state (LDRT, STRT ...). */
static int arm_user_mmu_idx(DisasContext *dc)
{
    return arm_mmu_idx_is_secure(dc->mmu_idx) ? ARM_MMU_IDX_S_PL0 : ARM_MMU_IDX_PL0;
}

/* The value of register R as an operand (r15: this instruction + 8). */
static TCGv_i32 load_reg(DisasContext *dc, int r)
{
    if (r == 15) {
        return tcg_constant_i32(dc->pc_curr + 8);
    }
    return cpu_R[r];
}

/* Branch to a computed address (interworking: bit 0 selects Thumb). */
static void gen_bx(DisasContext *dc, TCGv_i32 v)
{
    TCGv_i32 t = tcg_temp_new_i32();

    tcg_gen_andi_i32(t, v, 1);
    tcg_gen_st_i32(t, tcg_env, offsetof(CPUARMState, thumb));
    tcg_gen_andi_i32(cpu_R[15], v, ~1);
    dc->base.is_jmp = DISAS_JUMP;
}

static void store_reg(DisasContext *dc, int r, TCGv_i32 v)
{
    if (r == 15) {
        gen_bx(dc, v);
    } else {
        tcg_gen_mov_i32(cpu_R[r], v);
    }
}

static void gen_goto_tb(DisasContext *dc, unsigned n, uint32_t dest)
{
    if (translator_use_goto_tb(&dc->base, dest)) {
        tcg_gen_goto_tb(n);
        tcg_gen_movi_i32(cpu_R[15], dest);
        tcg_gen_exit_tb(dc->base.tb, n);
    } else {
        tcg_gen_movi_i32(cpu_R[15], dest);
        tcg_gen_lookup_and_goto_ptr();
    }
}

static void gen_exception_insn(DisasContext *dc, int excp)
{
    tcg_gen_movi_i32(cpu_R[15], dc->pc_curr);
    tcg_gen_call(&info_exception, NULL, tcg_env, tcg_constant_i32(excp));
    dc->base.is_jmp = DISAS_NORETURN;
}

static bool unallocated(DisasContext *dc, const char *what)
{
    qemu_log_mask(LOG_UNIMP, "arm: %s instruction 0x%08x at 0x%08x: UNDEF\n",
                  what, dc->insn, dc->pc_curr);
    gen_exception_insn(dc, EXCP_UDEF);
    return true;
}

/*
 * Guest data accesses: every front-end load and store goes through these,
 * which apply the data endianness and the SCTLR.A alignment check (an
 * explicit alignment in MOP, as for exclusives, is kept).
 */
static MemOp aa32_memop(DisasContext *dc, MemOp mop)
{
    mop |= dc->be_data;
    if (dc->sctlr_a && !(mop & MO_AMASK)) {
        mop |= MO_ALIGN;
    }
    return mop;
}

static void gen_aa32_ld_i32(DisasContext *dc, TCGv_i32 val, TCGv_i32 addr, int mmu_idx,
                            MemOp mop)
{
    tcg_gen_qemu_ld_i32(val, addr, mmu_idx, aa32_memop(dc, mop));
}

static void gen_aa32_st_i32(DisasContext *dc, TCGv_i32 val, TCGv_i32 addr, int mmu_idx,
                            MemOp mop)
{
    tcg_gen_qemu_st_i32(val, addr, mmu_idx, aa32_memop(dc, mop));
}

static inline void gen_aa32_ld_i64(DisasContext *dc, TCGv_i64 val, TCGv_i32 addr, int mmu_idx,
                            MemOp mop)
{
    tcg_gen_qemu_ld_i64(val, addr, mmu_idx, aa32_memop(dc, mop));
}

static inline void gen_aa32_st_i64(DisasContext *dc, TCGv_i64 val, TCGv_i32 addr, int mmu_idx,
                            MemOp mop)
{
    tcg_gen_qemu_st_i64(val, addr, mmu_idx, aa32_memop(dc, mop));
}

/* Jumps to L when condition CC (0..13) holds. */
static void gen_jump_if(int cc, TCGLabel *l)
{
    TCGv_i32 t = tcg_temp_new_i32(), u = tcg_temp_new_i32();

    switch (cc) {
    case 0:     /* EQ */
        tcg_gen_brcondi_i32(TCG_COND_EQ, cpu_ZF, 0, l);
        break;
    case 1:     /* NE */
        tcg_gen_brcondi_i32(TCG_COND_NE, cpu_ZF, 0, l);
        break;
    case 2:     /* CS */
        tcg_gen_brcondi_i32(TCG_COND_NE, cpu_CF, 0, l);
        break;
    case 3:     /* CC */
        tcg_gen_brcondi_i32(TCG_COND_EQ, cpu_CF, 0, l);
        break;
    case 4:     /* MI */
        tcg_gen_brcondi_i32(TCG_COND_LT, cpu_NF, 0, l);
        break;
    case 5:     /* PL */
        tcg_gen_brcondi_i32(TCG_COND_GE, cpu_NF, 0, l);
        break;
    case 6:     /* VS */
        tcg_gen_brcondi_i32(TCG_COND_LT, cpu_VF, 0, l);
        break;
    case 7:     /* VC */
        tcg_gen_brcondi_i32(TCG_COND_GE, cpu_VF, 0, l);
        break;
    case 8:     /* HI: C && !Z */
    case 9:     /* LS */
        tcg_gen_setcondi_i32(TCG_COND_NE, t, cpu_ZF, 0);
        tcg_gen_and_i32(t, t, cpu_CF);
        tcg_gen_brcondi_i32(cc == 8 ? TCG_COND_NE : TCG_COND_EQ, t, 0, l);
        break;
    case 10:    /* GE: N == V */
    case 11:    /* LT */
        tcg_gen_xor_i32(t, cpu_NF, cpu_VF);
        tcg_gen_brcondi_i32(cc == 10 ? TCG_COND_GE : TCG_COND_LT, t, 0, l);
        break;
    case 12:    /* GT: !Z && N == V */
    case 13:    /* LE */
        tcg_gen_xor_i32(t, cpu_NF, cpu_VF);
        tcg_gen_setcondi_i32(TCG_COND_GE, t, t, 0);
        tcg_gen_setcondi_i32(TCG_COND_NE, u, cpu_ZF, 0);
        tcg_gen_and_i32(t, t, u);
        tcg_gen_brcondi_i32(cc == 12 ? TCG_COND_NE : TCG_COND_EQ, t, 0, l);
        break;
    default:
        tcg_gen_br(l);
        break;
    }
}

/* ---- flags ---- */

static void gen_logic_cc(TCGv_i32 res)
{
    tcg_gen_mov_i32(cpu_NF, res);
    tcg_gen_mov_i32(cpu_ZF, res);
}

/* d = a + b, setting NZCV */
static void gen_add_cc(TCGv_i32 d, TCGv_i32 a, TCGv_i32 b)
{
    TCGv_i32 zero = tcg_constant_i32(0), t = tcg_temp_new_i32();

    tcg_gen_add2_i32(cpu_NF, cpu_CF, a, zero, b, zero);
    tcg_gen_xor_i32(cpu_VF, cpu_NF, a);
    tcg_gen_xor_i32(t, a, b);
    tcg_gen_andc_i32(cpu_VF, cpu_VF, t);
    tcg_gen_mov_i32(cpu_ZF, cpu_NF);
    tcg_gen_mov_i32(d, cpu_NF);
}

/* d = a + b + C, setting NZCV */
static void gen_adc_cc(TCGv_i32 d, TCGv_i32 a, TCGv_i32 b)
{
    TCGv_i32 zero = tcg_constant_i32(0), t = tcg_temp_new_i32();

    tcg_gen_add2_i32(cpu_NF, t, a, zero, cpu_CF, zero);
    tcg_gen_add2_i32(cpu_NF, cpu_CF, cpu_NF, t, b, zero);
    tcg_gen_xor_i32(cpu_VF, cpu_NF, a);
    tcg_gen_xor_i32(t, a, b);
    tcg_gen_andc_i32(cpu_VF, cpu_VF, t);
    tcg_gen_mov_i32(cpu_ZF, cpu_NF);
    tcg_gen_mov_i32(d, cpu_NF);
}

/* d = a - b, setting NZCV (C = no borrow) */
static void gen_sub_cc(TCGv_i32 d, TCGv_i32 a, TCGv_i32 b)
{
    TCGv_i32 t = tcg_temp_new_i32();

    tcg_gen_sub_i32(cpu_NF, a, b);
    tcg_gen_setcond_i32(TCG_COND_GEU, cpu_CF, a, b);
    tcg_gen_xor_i32(cpu_VF, cpu_NF, a);
    tcg_gen_xor_i32(t, a, b);
    tcg_gen_and_i32(cpu_VF, cpu_VF, t);
    tcg_gen_mov_i32(cpu_ZF, cpu_NF);
    tcg_gen_mov_i32(d, cpu_NF);
}

/* d = a - b - !C = a + ~b + C, setting NZCV */
static void gen_sbc_cc(TCGv_i32 d, TCGv_i32 a, TCGv_i32 b)
{
    TCGv_i32 nb = tcg_temp_new_i32();

    tcg_gen_not_i32(nb, b);
    gen_adc_cc(d, a, nb);
}

/* ---- data processing ---- */

typedef enum DPOp {
    OP_AND, OP_EOR, OP_SUB, OP_RSB, OP_ADD, OP_ADC, OP_SBC, OP_RSC,
    OP_TST, OP_TEQ, OP_CMP, OP_CMN, OP_ORR, OP_MOV, OP_BIC, OP_MVN,
} DPOp;

static bool dp_is_logic(DPOp op)
{
    return op == OP_AND || op == OP_EOR || op == OP_TST || op == OP_TEQ ||
           op == OP_ORR || op == OP_MOV || op == OP_BIC || op == OP_MVN;
}

/*
 * The common part: A is rn's value, B the shifter operand (its carry, for
 * logical ops with S, already in CF).
 */
static bool gen_dp(DisasContext *dc, DPOp op, int s, int rd, TCGv_i32 a, TCGv_i32 b)
{
    TCGv_i32 r = tcg_temp_new_i32();
    TCGv_i32 t;
    bool store = true;

    switch (op) {
    case OP_AND:
    case OP_TST:
        tcg_gen_and_i32(r, a, b);
        break;
    case OP_EOR:
    case OP_TEQ:
        tcg_gen_xor_i32(r, a, b);
        break;
    case OP_ORR:
        tcg_gen_or_i32(r, a, b);
        break;
    case OP_BIC:
        tcg_gen_andc_i32(r, a, b);
        break;
    case OP_MOV:
        tcg_gen_mov_i32(r, b);
        break;
    case OP_MVN:
        tcg_gen_not_i32(r, b);
        break;
    case OP_SUB:
    case OP_CMP:
        if (s) {
            gen_sub_cc(r, a, b);
        } else {
            tcg_gen_sub_i32(r, a, b);
        }
        break;
    case OP_RSB:
        if (s) {
            gen_sub_cc(r, b, a);
        } else {
            tcg_gen_sub_i32(r, b, a);
        }
        break;
    case OP_ADD:
    case OP_CMN:
        if (s) {
            gen_add_cc(r, a, b);
        } else {
            tcg_gen_add_i32(r, a, b);
        }
        break;
    case OP_ADC:
        if (s) {
            gen_adc_cc(r, a, b);
        } else {
            tcg_gen_add_i32(r, a, b);
            tcg_gen_add_i32(r, r, cpu_CF);
        }
        break;
    case OP_SBC:
    case OP_RSC:
        if (op == OP_RSC) {
            t = a;
            a = b;
            b = t;
        }
        if (s) {
            gen_sbc_cc(r, a, b);
        } else {
            tcg_gen_sub_i32(r, a, b);
            tcg_gen_add_i32(r, r, cpu_CF);
            tcg_gen_subi_i32(r, r, 1);
        }
        break;
    }
    if (s && dp_is_logic(op)) {
        gen_logic_cc(r);
    }
    if (op >= OP_TST && op <= OP_CMN) {
        store = false;
    }
    if (!store) {
        return true;
    }
    if (rd == 15 && s) {
        if (dc->user) {
            return unallocated(dc, "exception return in User mode");
        }
        tcg_gen_call(&info_exception_return, NULL, tcg_env, r);
        dc->base.is_jmp = DISAS_JUMP;
        return true;
    }
    store_reg(dc, rd, r);
    return true;
}

/* Shift by immediate of an operand; sets CF to the carry out if SET_CC. */
static TCGv_i32 gen_shift_imm(TCGv_i32 src, int sht, int shim, bool set_cc)
{
    TCGv_i32 r = tcg_temp_new_i32();
    TCGv_i32 c = set_cc ? tcg_temp_new_i32() : NULL;

    switch (sht) {
    case 0:     /* LSL */
        if (shim == 0) {
            return src;
        }
        if (c) {
            tcg_gen_extract_i32(c, src, 32 - shim, 1);
        }
        tcg_gen_shli_i32(r, src, shim);
        break;
    case 1:     /* LSR (0 means 32) */
        if (c) {
            tcg_gen_extract_i32(c, src, shim ? shim - 1 : 31, 1);
        }
        if (shim == 0) {
            tcg_gen_movi_i32(r, 0);
        } else {
            tcg_gen_shri_i32(r, src, shim);
        }
        break;
    case 2:     /* ASR (0 means 32) */
        if (c) {
            tcg_gen_extract_i32(c, src, shim ? shim - 1 : 31, 1);
        }
        tcg_gen_sari_i32(r, src, shim ? shim : 31);
        break;
    default:
        if (shim == 0) {    /* RRX */
            if (c) {
                tcg_gen_andi_i32(c, src, 1);
            }
            tcg_gen_shri_i32(r, src, 1);
            tcg_gen_deposit_i32(r, r, cpu_CF, 31, 1);
        } else {
            if (c) {
                tcg_gen_extract_i32(c, src, shim - 1, 1);
            }
            tcg_gen_rotri_i32(r, src, shim);
        }
        break;
    }
    if (c) {
        tcg_gen_mov_i32(cpu_CF, c);
    }
    return r;
}

static bool op_s_rrr_shi(DisasContext *dc, arg_s_rrr_shi *a, DPOp op)
{
    bool logic_s = a->s && dp_is_logic(op);
    TCGv_i32 b = gen_shift_imm(load_reg(dc, a->rm), a->sht, a->shim, logic_s);

    return gen_dp(dc, op, a->s, a->rd, load_reg(dc, a->rn), b);
}

static bool op_s_rrr_shr(DisasContext *dc, arg_s_rrr_shr *a, DPOp op)
{
    bool logic_s = a->s && dp_is_logic(op);
    TCGv_i32 b = tcg_temp_new_i32();

    if (a->rd == 15 || a->rn == 15 || a->rm == 15 || a->rs == 15) {
        return unallocated(dc, "UNPREDICTABLE");
    }
    if (logic_s) {
        tcg_gen_call(&info_shift_reg_cc, b, tcg_env, load_reg(dc, a->rm),
                     tcg_constant_i32(a->sht), load_reg(dc, a->rs));
    } else {
        tcg_gen_call(&info_shift_reg, b, load_reg(dc, a->rm), tcg_constant_i32(a->sht),
                     load_reg(dc, a->rs));
    }
    return gen_dp(dc, op, a->s, a->rd, load_reg(dc, a->rn), b);
}

static bool op_s_rri_rot(DisasContext *dc, arg_s_rri_rot *a, DPOp op)
{
    unsigned rot = a->rot * 2;
    uint32_t imm = rot ? ((uint32_t)a->imm >> rot) | ((uint32_t)a->imm << (32 - rot))
                       : (uint32_t)a->imm;

    if (a->s && dp_is_logic(op) && rot) {
        tcg_gen_movi_i32(cpu_CF, imm >> 31);
    }
    return gen_dp(dc, op, a->s, a->rd, load_reg(dc, a->rn), tcg_constant_i32(imm));
}

#define DO_DP(NAME, OP)                                                        \
static bool trans_##NAME##_rrri(DisasContext *dc, arg_s_rrr_shi *a)            \
{                                                                              \
    return op_s_rrr_shi(dc, a, OP);                                            \
}                                                                              \
static bool trans_##NAME##_rrrr(DisasContext *dc, arg_s_rrr_shr *a)            \
{                                                                              \
    return op_s_rrr_shr(dc, a, OP);                                            \
}                                                                              \
static bool trans_##NAME##_rri(DisasContext *dc, arg_s_rri_rot *a)             \
{                                                                              \
    return op_s_rri_rot(dc, a, OP);                                            \
}

#define DO_DP_1(NAME, OP, SUF)                                                 \
static bool trans_##NAME##_##SUF##ri(DisasContext *dc, arg_s_rrr_shi *a)      \
{                                                                              \
    return op_s_rrr_shi(dc, a, OP);                                            \
}                                                                              \
static bool trans_##NAME##_##SUF##rr(DisasContext *dc, arg_s_rrr_shr *a)      \
{                                                                              \
    return op_s_rrr_shr(dc, a, OP);                                            \
}                                                                              \
static bool trans_##NAME##_##SUF##i(DisasContext *dc, arg_s_rri_rot *a)       \
{                                                                              \
    return op_s_rri_rot(dc, a, OP);                                            \
}

DO_DP(AND, OP_AND)
DO_DP(EOR, OP_EOR)
DO_DP(SUB, OP_SUB)
DO_DP(RSB, OP_RSB)
DO_DP(ADD, OP_ADD)
DO_DP(ADC, OP_ADC)
DO_DP(SBC, OP_SBC)
DO_DP(RSC, OP_RSC)
DO_DP(ORR, OP_ORR)
DO_DP(BIC, OP_BIC)
DO_DP_1(TST, OP_TST, xr)
DO_DP_1(TEQ, OP_TEQ, xr)
DO_DP_1(CMP, OP_CMP, xr)
DO_DP_1(CMN, OP_CMN, xr)
DO_DP_1(MOV, OP_MOV, rx)
DO_DP_1(MVN, OP_MVN, rx)

/* ---- miscellaneous ---- */

static bool trans_BX(DisasContext *dc, arg_BX *a)
{
    TCGv_i32 t = tcg_temp_new_i32();

    tcg_gen_mov_i32(t, load_reg(dc, a->rm));
    gen_bx(dc, t);
    return true;
}

static bool trans_BLX_r(DisasContext *dc, arg_BLX_r *a)
{
    TCGv_i32 t = tcg_temp_new_i32();

    if (a->rm == 15) {
        return unallocated(dc, "UNPREDICTABLE");
    }
    tcg_gen_mov_i32(t, load_reg(dc, a->rm));
    tcg_gen_movi_i32(cpu_R[14], dc->pc_curr + 4);
    gen_bx(dc, t);
    return true;
}

static bool trans_CLZ(DisasContext *dc, arg_CLZ *a)
{
    TCGv_i32 t = tcg_temp_new_i32();

    tcg_gen_clzi_i32(t, load_reg(dc, a->rm), 32);
    store_reg(dc, a->rd, t);
    return true;
}

static bool trans_MRS(DisasContext *dc, arg_MRS *a)
{
    TCGv_i32 t = tcg_temp_new_i32();

    if (a->r) {
        if (dc->user) {
            return unallocated(dc, "MRS SPSR in User mode");
        }
        tcg_gen_ld_i32(t, tcg_env, offsetof(CPUARMState, spsr));
    } else {
        tcg_gen_call(&info_cpsr_read, t, tcg_env);
    }
    store_reg(dc, a->rd, t);
    return true;
}

static bool gen_msr(DisasContext *dc, int r, int fieldmask, TCGv_i32 val)
{
    uint32_t mask = 0;

    for (int i = 0; i < 4; i++) {
        if (fieldmask & (1 << i)) {
            mask |= 0xffu << (8 * i);
        }
    }
    if (r) {
        TCGv_i32 t = tcg_temp_new_i32(), v = tcg_temp_new_i32();

        if (dc->user) {
            return unallocated(dc, "MSR SPSR in User mode");
        }
        tcg_gen_ld_i32(t, tcg_env, offsetof(CPUARMState, spsr));
        tcg_gen_andi_i32(t, t, ~mask);
        tcg_gen_andi_i32(v, val, mask);
        tcg_gen_or_i32(t, t, v);
        tcg_gen_st_i32(t, tcg_env, offsetof(CPUARMState, spsr));
        return true;
    }
    /* User mode writes only the flags; nobody writes T or the IT/J bits. */
    mask &= dc->user ? 0xf80f0000u : ~(CPSR_T | 0x0600fc00u | (1u << 24));
    tcg_gen_call(&info_cpsr_write, NULL, tcg_env, val, tcg_constant_i32(mask));
    /* The mode or the masks may have changed: look the next block up again. */
    tcg_gen_movi_i32(cpu_R[15], dc->base.pc_next);
    dc->base.is_jmp = DISAS_JUMP;
    return true;
}

static bool trans_MSR_reg(DisasContext *dc, arg_MSR_reg *a)
{
    return gen_msr(dc, a->r, a->mask, load_reg(dc, a->rn));
}

static bool trans_MSR_imm(DisasContext *dc, arg_MSR_imm *a)
{
    unsigned rot = a->rot * 2;
    uint32_t imm = rot ? ((uint32_t)a->imm >> rot) | ((uint32_t)a->imm << (32 - rot))
                       : (uint32_t)a->imm;

    return gen_msr(dc, a->r, a->mask, tcg_constant_i32(imm));
}

static bool trans_NOP(DisasContext *dc, arg_NOP *a)
{
    return true;
}

static bool trans_WFI(DisasContext *dc, arg_WFI *a)
{
    /* Resume after the WFI once an interrupt wakes the vCPU. */
    tcg_gen_movi_i32(cpu_R[15], dc->base.pc_next);
    tcg_gen_call(&info_wfi, NULL, tcg_env);
    dc->base.is_jmp = DISAS_NORETURN;
    return true;
}

static bool trans_MOVW(DisasContext *dc, arg_MOVW *a)
{
    if (a->rd == 15) {
        return unallocated(dc, "UNPREDICTABLE");
    }
    tcg_gen_movi_i32(cpu_R[a->rd], a->imm);
    return true;
}

static bool trans_MOVT(DisasContext *dc, arg_MOVT *a)
{
    if (a->rd == 15) {
        return unallocated(dc, "UNPREDICTABLE");
    }
    tcg_gen_deposit_i32(cpu_R[a->rd], cpu_R[a->rd], tcg_constant_i32(a->imm), 16, 16);
    return true;
}

/* ---- media ---- */

/* rd = rn + extend(ror(rm, 8 * rot)); rn == 15 means no addend. */
static bool gen_extend(DisasContext *dc, arg_rrr_rot *a, MemOp size)
{
    TCGv_i32 t = tcg_temp_new_i32();

    if (a->rd == 15 || a->rm == 15) {
        return unallocated(dc, "UNPREDICTABLE");
    }
    tcg_gen_rotri_i32(t, cpu_R[a->rm], a->rot * 8);
    switch (size) {
    case MO_UB:
        tcg_gen_ext8u_i32(t, t);
        break;
    case MO_SB:
        tcg_gen_ext8s_i32(t, t);
        break;
    case MO_UW:
        tcg_gen_ext16u_i32(t, t);
        break;
    default:
        tcg_gen_ext16s_i32(t, t);
        break;
    }
    if (a->rn != 15) {
        tcg_gen_add_i32(t, t, cpu_R[a->rn]);
    }
    store_reg(dc, a->rd, t);
    return true;
}

static bool trans_SXTAB(DisasContext *dc, arg_rrr_rot *a)
{
    return gen_extend(dc, a, MO_SB);
}

static bool trans_SXTAH(DisasContext *dc, arg_rrr_rot *a)
{
    return gen_extend(dc, a, MO_SW);
}

static bool trans_UXTAB(DisasContext *dc, arg_rrr_rot *a)
{
    return gen_extend(dc, a, MO_UB);
}

static bool trans_UXTAH(DisasContext *dc, arg_rrr_rot *a)
{
    return gen_extend(dc, a, MO_UW);
}

static bool trans_REV(DisasContext *dc, arg_REV *a)
{
    TCGv_i32 t = tcg_temp_new_i32();

    if (a->rd == 15 || a->rm == 15) {
        return unallocated(dc, "UNPREDICTABLE");
    }
    tcg_gen_bswap32_i32(t, cpu_R[a->rm]);
    store_reg(dc, a->rd, t);
    return true;
}

static bool trans_REV16(DisasContext *dc, arg_REV16 *a)
{
    TCGv_i32 t = tcg_temp_new_i32(), u = tcg_temp_new_i32();

    if (a->rd == 15 || a->rm == 15) {
        return unallocated(dc, "UNPREDICTABLE");
    }
    /* Swap the bytes of each halfword. */
    tcg_gen_shri_i32(t, cpu_R[a->rm], 8);
    tcg_gen_andi_i32(t, t, 0x00ff00ff);
    tcg_gen_shli_i32(u, cpu_R[a->rm], 8);
    tcg_gen_andi_i32(u, u, 0xff00ff00);
    tcg_gen_or_i32(t, t, u);
    store_reg(dc, a->rd, t);
    return true;
}

static bool trans_REVSH(DisasContext *dc, arg_REVSH *a)
{
    TCGv_i32 t = tcg_temp_new_i32();

    if (a->rd == 15 || a->rm == 15) {
        return unallocated(dc, "UNPREDICTABLE");
    }
    tcg_gen_bswap16_i32(t, cpu_R[a->rm]);
    tcg_gen_ext16s_i32(t, t);
    store_reg(dc, a->rd, t);
    return true;
}

static bool gen_bfx(DisasContext *dc, int rd, int rn, int lsb, int widthm1, bool sign)
{
    TCGv_i32 t = tcg_temp_new_i32();

    if (rd == 15 || rn == 15 || lsb + widthm1 > 31) {
        return unallocated(dc, "UNPREDICTABLE");
    }
    if (sign) {
        tcg_gen_sextract_i32(t, cpu_R[rn], lsb, widthm1 + 1);
    } else {
        tcg_gen_extract_i32(t, cpu_R[rn], lsb, widthm1 + 1);
    }
    store_reg(dc, rd, t);
    return true;
}

static bool trans_SBFX(DisasContext *dc, arg_SBFX *a)
{
    return gen_bfx(dc, a->rd, a->rn, a->lsb, a->widthm1, true);
}

static bool trans_UBFX(DisasContext *dc, arg_UBFX *a)
{
    return gen_bfx(dc, a->rd, a->rn, a->lsb, a->widthm1, false);
}

/* BFI, or BFC when rn == 15. */
static bool trans_BFCI(DisasContext *dc, arg_BFCI *a)
{
    TCGv_i32 src = a->rn == 15 ? tcg_constant_i32(0) : cpu_R[a->rn];

    if (a->rd == 15 || a->msb < a->lsb) {
        return unallocated(dc, "UNPREDICTABLE");
    }
    tcg_gen_deposit_i32(cpu_R[a->rd], cpu_R[a->rd], src, a->lsb, a->msb - a->lsb + 1);
    return true;
}

/* ---- multiplies ---- */

static bool trans_MUL(DisasContext *dc, arg_MUL *a)
{
    TCGv_i32 t = tcg_temp_new_i32();

    if (a->rd == 15 || a->rn == 15 || a->rm == 15) {
        return unallocated(dc, "UNPREDICTABLE");
    }
    tcg_gen_mul_i32(t, cpu_R[a->rn], cpu_R[a->rm]);
    if (a->s) {
        gen_logic_cc(t);
    }
    store_reg(dc, a->rd, t);
    return true;
}

static bool trans_MLA(DisasContext *dc, arg_MLA *a)
{
    TCGv_i32 t = tcg_temp_new_i32();

    if (a->rd == 15 || a->rn == 15 || a->rm == 15 || a->ra == 15) {
        return unallocated(dc, "UNPREDICTABLE");
    }
    tcg_gen_mul_i32(t, cpu_R[a->rn], cpu_R[a->rm]);
    tcg_gen_add_i32(t, t, cpu_R[a->ra]);
    if (a->s) {
        gen_logic_cc(t);
    }
    store_reg(dc, a->rd, t);
    return true;
}

static bool gen_mull(DisasContext *dc, int s, int rdhi, int rdlo, int rm, int rn,
                     bool is_signed, bool acc)
{
    TCGv_i32 lo = tcg_temp_new_i32(), hi = tcg_temp_new_i32();

    if (rdhi == 15 || rdlo == 15 || rm == 15 || rn == 15 || rdhi == rdlo) {
        return unallocated(dc, "UNPREDICTABLE");
    }
    if (is_signed) {
        tcg_gen_muls2_i32(lo, hi, cpu_R[rn], cpu_R[rm]);
    } else {
        tcg_gen_mulu2_i32(lo, hi, cpu_R[rn], cpu_R[rm]);
    }
    if (acc) {
        tcg_gen_add2_i32(lo, hi, lo, hi, cpu_R[rdlo], cpu_R[rdhi]);
    }
    if (s) {
        tcg_gen_mov_i32(cpu_NF, hi);
        tcg_gen_or_i32(cpu_ZF, lo, hi);
    }
    tcg_gen_mov_i32(cpu_R[rdlo], lo);
    tcg_gen_mov_i32(cpu_R[rdhi], hi);
    return true;
}

static bool trans_UMULL(DisasContext *dc, arg_UMULL *a)
{
    return gen_mull(dc, a->s, a->rdhi, a->rdlo, a->rm, a->rn, false, false);
}

static bool trans_UMLAL(DisasContext *dc, arg_UMLAL *a)
{
    return gen_mull(dc, a->s, a->rdhi, a->rdlo, a->rm, a->rn, false, true);
}

static bool trans_SMULL(DisasContext *dc, arg_SMULL *a)
{
    return gen_mull(dc, a->s, a->rdhi, a->rdlo, a->rm, a->rn, true, false);
}

static bool trans_SMLAL(DisasContext *dc, arg_SMLAL *a)
{
    return gen_mull(dc, a->s, a->rdhi, a->rdlo, a->rm, a->rn, true, true);
}

/* ---- loads and stores ---- */

/*
 * One load or store: OFS is the offset (already shifted). The access is
 * made before any register changes, so a fault leaves them intact.
 */
static bool gen_ldst(DisasContext *dc, int p, int u, int w, int rn, int rt, TCGv_i32 ofs,
                     MemOp mop, bool load)
{
    TCGv_i32 base = load_reg(dc, rn);
    TCGv_i32 addr = tcg_temp_new_i32(), val = tcg_temp_new_i32();
    TCGv_i32 wb = NULL;
    /* Post-indexed with W: the unprivileged forms (LDRT/STRT). */
    int mmu_idx = (!p && w) ? arm_user_mmu_idx(dc) : dc->mmu_idx;

    if ((!p || w) && (rn == 15 || (load && rn == rt))) {
        return unallocated(dc, "UNPREDICTABLE");
    }
    if (p) {
        if (u) {
            tcg_gen_add_i32(addr, base, ofs);
        } else {
            tcg_gen_sub_i32(addr, base, ofs);
        }
    } else {
        tcg_gen_mov_i32(addr, base);
    }
    if (!p || w) {
        wb = tcg_temp_new_i32();
        if (u) {
            tcg_gen_add_i32(wb, base, ofs);
        } else {
            tcg_gen_sub_i32(wb, base, ofs);
        }
    }
    if (load) {
        gen_aa32_ld_i32(dc, val, addr, mmu_idx, mop);
        if (wb) {
            tcg_gen_mov_i32(cpu_R[rn], wb);
        }
        store_reg(dc, rt, val);
    } else {
        gen_aa32_st_i32(dc, load_reg(dc, rt), addr, mmu_idx, mop);
        if (wb) {
            tcg_gen_mov_i32(cpu_R[rn], wb);
        }
    }
    return true;
}

static bool op_ldst_ri(DisasContext *dc, arg_ldst_ri *a, MemOp mop, bool load)
{
    return gen_ldst(dc, a->p, a->u, a->w, a->rn, a->rt, tcg_constant_i32(a->imm), mop, load);
}

static bool op_ldst_rr(DisasContext *dc, arg_ldst_rr *a, MemOp mop, bool load)
{
    if (a->rm == 15) {
        return unallocated(dc, "UNPREDICTABLE");
    }
    return gen_ldst(dc, a->p, a->u, a->w, a->rn, a->rt,
                    gen_shift_imm(cpu_R[a->rm], a->sht, a->shimm, false), mop, load);
}

#define DO_LDST(NAME, MOP, LOAD)                                               \
static bool trans_##NAME##_ri(DisasContext *dc, arg_ldst_ri *a)               \
{                                                                              \
    return op_ldst_ri(dc, a, MOP, LOAD);                                       \
}                                                                              \
static bool trans_##NAME##_rr(DisasContext *dc, arg_ldst_rr *a)               \
{                                                                              \
    return op_ldst_rr(dc, a, MOP, LOAD);                                       \
}

DO_LDST(STR, MO_UL, false)
DO_LDST(LDR, MO_UL, true)
DO_LDST(STRB, MO_UB, false)
DO_LDST(LDRB, MO_UB, true)
DO_LDST(STRH, MO_UW, false)
DO_LDST(LDRH, MO_UW, true)
DO_LDST(LDRSB, MO_SB, true)
DO_LDST(LDRSH, MO_SW, true)

/* LDRD/STRD: rt and rt + 1 at addr and addr + 4. */
static bool gen_ldstd(DisasContext *dc, int p, int u, int w, int rn, int rt, TCGv_i32 ofs,
                      bool load)
{
    TCGv_i32 base = load_reg(dc, rn);
    TCGv_i32 addr = tcg_temp_new_i32(), addr2 = tcg_temp_new_i32();
    TCGv_i32 lo = tcg_temp_new_i32(), hi = tcg_temp_new_i32(), wb = NULL;

    if ((rt & 1) || rt == 14 || ((!p || w) && (rn == 15 || rn == rt || rn == rt + 1))) {
        return unallocated(dc, "UNPREDICTABLE");
    }
    if (u) {
        tcg_gen_add_i32(addr, base, ofs);
    } else {
        tcg_gen_sub_i32(addr, base, ofs);
    }
    if (!p || w) {
        wb = tcg_temp_new_i32();
        tcg_gen_mov_i32(wb, addr);
    }
    if (!p) {
        tcg_gen_mov_i32(addr, base);
    }
    tcg_gen_addi_i32(addr2, addr, 4);
    if (load) {
        gen_aa32_ld_i32(dc, lo, addr, dc->mmu_idx, MO_UL);
        gen_aa32_ld_i32(dc, hi, addr2, dc->mmu_idx, MO_UL);
    } else {
        gen_aa32_st_i32(dc, load_reg(dc, rt), addr, dc->mmu_idx, MO_UL);
        gen_aa32_st_i32(dc, load_reg(dc, rt + 1), addr2, dc->mmu_idx, MO_UL);
    }
    if (wb) {
        tcg_gen_mov_i32(cpu_R[rn], wb);
    }
    if (load) {
        tcg_gen_mov_i32(cpu_R[rt], lo);
        tcg_gen_mov_i32(cpu_R[rt + 1], hi);
    }
    return true;
}

static bool trans_LDRD_ri(DisasContext *dc, arg_ldst_ri *a)
{
    return gen_ldstd(dc, a->p, a->u, a->w, a->rn, a->rt, tcg_constant_i32(a->imm), true);
}

static bool trans_STRD_ri(DisasContext *dc, arg_ldst_ri *a)
{
    return gen_ldstd(dc, a->p, a->u, a->w, a->rn, a->rt, tcg_constant_i32(a->imm), false);
}

static bool trans_LDRD_rr(DisasContext *dc, arg_ldst_rr *a)
{
    if (a->rm == 15 || a->rm == a->rt || a->rm == a->rt + 1) {
        return unallocated(dc, "UNPREDICTABLE");
    }
    return gen_ldstd(dc, a->p, a->u, a->w, a->rn, a->rt, cpu_R[a->rm], true);
}

static bool trans_STRD_rr(DisasContext *dc, arg_ldst_rr *a)
{
    if (a->rm == 15) {
        return unallocated(dc, "UNPREDICTABLE");
    }
    return gen_ldstd(dc, a->p, a->u, a->w, a->rn, a->rt, cpu_R[a->rm], false);
}

static bool op_ldm_stm(DisasContext *dc, arg_ldm *a, bool load)
{
    int n = __builtin_popcount(a->list);
    TCGv_i32 addr = tcg_temp_new_i32(), wb = NULL;
    TCGv_i32 vals[16];

    if (n == 0 || a->rn == 15 || (load && a->w && (a->list & (1 << a->rn)))) {
        return unallocated(dc, "UNPREDICTABLE");
    }
    /* Lowest register at the lowest address. */
    if (a->u) {
        tcg_gen_addi_i32(addr, cpu_R[a->rn], a->b ? 4 : 0);
    } else {
        tcg_gen_addi_i32(addr, cpu_R[a->rn], a->b ? -4 * n : -4 * n + 4);
    }
    if (a->w) {
        wb = tcg_temp_new_i32();
        tcg_gen_addi_i32(wb, cpu_R[a->rn], a->u ? 4 * n : -4 * n);
    }
    for (int i = 0, k = 0; i < 16; i++) {
        if (!(a->list & (1 << i))) {
            continue;
        }
        if (k++) {
            tcg_gen_addi_i32(addr, addr, 4);
        }
        if (load) {
            vals[i] = tcg_temp_new_i32();
            gen_aa32_ld_i32(dc, vals[i], addr, dc->mmu_idx, MO_UL);
        } else {
            gen_aa32_st_i32(dc, load_reg(dc, i), addr, dc->mmu_idx, MO_UL);
        }
    }
    if (wb) {
        tcg_gen_mov_i32(cpu_R[a->rn], wb);
    }
    if (load) {
        for (int i = 0; i < 16; i++) {
            if (a->list & (1 << i)) {
                store_reg(dc, i, vals[i]);
            }
        }
    }
    return true;
}

static bool trans_STM(DisasContext *dc, arg_ldm *a)
{
    return op_ldm_stm(dc, a, false);
}

static bool trans_LDM(DisasContext *dc, arg_ldm *a)
{
    return op_ldm_stm(dc, a, true);
}

/* ---- branches and supervisor call ---- */

static bool gen_branch(DisasContext *dc, int imm24)
{
    gen_goto_tb(dc, 0, dc->pc_curr + 8 + ((uint32_t)imm24 << 2));
    dc->base.is_jmp = DISAS_NORETURN;
    return true;
}

static bool trans_B(DisasContext *dc, arg_B *a)
{
    return gen_branch(dc, a->imm);
}

static bool trans_BL(DisasContext *dc, arg_BL *a)
{
    tcg_gen_movi_i32(cpu_R[14], dc->pc_curr + 4);
    return gen_branch(dc, a->imm);
}

#define ARM_SEMIHOST_SVC 0x123456

static bool trans_SVC(DisasContext *dc, arg_SVC *a)
{
    if (a->imm == ARM_SEMIHOST_SVC && semihosting_enabled() && !dc->user) {
        tcg_gen_movi_i32(cpu_R[15], dc->pc_curr);
        tcg_gen_call(&info_semihosting, NULL, tcg_env);
        /* The call may have ended the run (SYS_EXIT): nothing is cached. */
        dc->base.is_jmp = DISAS_TOO_MANY;
        return true;
    }
    gen_exception_insn(dc, EXCP_SWI);
    return true;
}

/* ---- the translator hooks ---- */

static void arm_init_disas_context(DisasContextBase *db, CPUState *cs)
{
    DisasContext *dc = container_of(db, DisasContext, base);

    dc->thumb = db->tb->flags & ARM_TBFLAG_THUMB;
    dc->user = db->tb->flags & ARM_TBFLAG_USER;
    dc->mmu_idx = (db->tb->flags & ARM_TBFLAG_MMUIDX_MASK) >> ARM_TBFLAG_MMUIDX_SHIFT;
    dc->ns = db->tb->flags & ARM_TBFLAG_NS;
    dc->condexec_cond = ((db->tb->flags & ARM_TBFLAG_CONDEXEC_MASK) >>
                         ARM_TBFLAG_CONDEXEC_SHIFT) >> 4;
    dc->condexec_mask = (((db->tb->flags & ARM_TBFLAG_CONDEXEC_MASK) >>
                          ARM_TBFLAG_CONDEXEC_SHIFT) & 0xf) << 1;
    dc->vfp_enabled = db->tb->flags & ARM_TBFLAG_VFPEN;
    dc->vec_len = (db->tb->flags >> ARM_TBFLAG_VECLEN_SHIFT) & 7;
    dc->vec_stride = (db->tb->flags >> ARM_TBFLAG_VECSTRIDE_SHIFT) & 3;
    dc->be_data = (db->tb->flags & ARM_TBFLAG_BE_DATA) ? MO_BE : MO_LE;
    dc->sctlr_a = db->tb->flags & ARM_TBFLAG_SCTLR_A;
    dc->condjmp = false;
    /* ARM instructions are 4 bytes: the block stops at the page end. */
}

static void arm_tb_start(DisasContextBase *db, CPUState *cs)
{
}

static void arm_insn_start(DisasContextBase *db, CPUState *cs)
{
    tcg_gen_insn_start(db->pc_next);
}

/* Advanced SIMD decoders (translate-neon.c.inc, included below). */
static bool arm_disas_neon_a32(DisasContext *dc, uint32_t insn);
static bool arm_disas_neon_shared(DisasContext *dc, uint32_t insn);

static void arm_translate_insn(DisasContextBase *db, CPUState *cs)
{
    DisasContext *dc = container_of(db, DisasContext, base);
    unsigned cond;

    dc->pc_curr = db->pc_next;
    db->pc_next += 4;
    if (dc->thumb) {
        dc->insn = 0;
        unallocated(dc, "Thumb (not supported yet)");
        return;
    }
    dc->insn = translator_ldl(db, dc->pc_curr);
    cond = dc->insn >> 28;
    if (cond == 0xf) {
        if (arm_disas_neon_a32(dc, dc->insn)) {
            return;
        }
        unallocated(dc, "unconditional-space");
        return;
    }
    if (cond != 0xe) {
        dc->condlabel = gen_new_label();
        dc->condjmp = true;
        gen_jump_if(cond ^ 1, dc->condlabel);
    }
    if (!arm_disas_neon_shared(dc, dc->insn) && !disas_a32(dc, dc->insn)) {
        unallocated(dc, "unimplemented");
    }
    if (dc->condjmp && db->is_jmp == DISAS_NEXT) {
        gen_set_label(dc->condlabel);
        dc->condjmp = false;
    }
}

static void arm_tb_stop(DisasContextBase *db, CPUState *cs)
{
    DisasContext *dc = container_of(db, DisasContext, base);

    if (dc->condjmp && db->is_jmp == DISAS_TOO_MANY) {
        /* Both outcomes continue at the next instruction. */
        gen_set_label(dc->condlabel);
        dc->condjmp = false;
    }
    switch (db->is_jmp) {
    case DISAS_NEXT:
    case DISAS_TOO_MANY:
        gen_goto_tb(dc, 1, db->pc_next);
        break;
    case DISAS_JUMP:
        tcg_gen_lookup_and_goto_ptr();
        break;
    default:
        break;
    }
    if (dc->condjmp) {
        gen_set_label(dc->condlabel);
        gen_goto_tb(dc, 1, db->pc_next);
    }
}

static const TranslatorOps arm_translator_ops = {
    .init_disas_context = arm_init_disas_context,
    .tb_start = arm_tb_start,
    .insn_start = arm_insn_start,
    .translate_insn = arm_translate_insn,
    .tb_stop = arm_tb_stop,
};

void arm_translate_code(CPUState *cs, TranslationBlock *tb, int max_insns)
{
    DisasContext dc = { 0 };
    const uint8_t *host;
    ram_addr_t ram;

    /* The execution loop found the page already; this cannot fail. */
    int mmu_idx = (tb->flags & ARM_TBFLAG_MMUIDX_MASK) >> ARM_TBFLAG_MMUIDX_SHIFT;

    if (!get_page_addr_code(cs, tb->pc, mmu_idx, &ram, &host)) {
        g_assert_not_reached();
    }
    translator_loop(cs, tb, max_insns, host, &arm_translator_ops, &dc.base);
}

#include "translate-neon.c.inc"
