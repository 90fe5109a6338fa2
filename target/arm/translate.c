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
#include "target/arm/cpregs.h"
#include "exec/translator.h"
#include "tcg/tcg-op.h"
#include "semihosting/semihost.h"
#include "qemu/log.h"
#include <capstone/capstone.h>

/* Jump types of this front end. */
#define DISAS_JUMP DISAS_TARGET_0   /* r15 holds the next pc: indirect lookup */
#define DISAS_UPDATE DISAS_TARGET_1 /* state the TB flags depend on changed:
                                       continue at the next insn via the loop */
/* r15 holds the next pc; back to the main loop, which takes the interrupts
 * that the instruction unmasked (a chained or looked-up block would not). */
#define DISAS_EXIT DISAS_TARGET_2
/* r15 holds the next pc; only the pc, the Thumb bit and the IT state changed
 * (branches): the next block is probed for inline (translator_lookup_...). */
#define DISAS_BRANCH DISAS_TARGET_3

typedef struct DisasContext {
    DisasContextBase base;
    ARMCPU *cpu;
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
    int cp_pl;              /* privilege level for coprocessor accesses, 0..3 */
    int cp_bank;            /* ARM_NS/ARM_S: the CP15 copy accesses use */
    TCGLabel *condlabel;    /* taken when the condition fails */
    bool condjmp;
    /* Thumb: ITSTATE of this instruction and the value env holds now. */
    int condexec_cur, condexec_stored;
} DisasContext;

/* Field functions of the T32 decoders (t16.decode, t32.decode). */
static int t16_setflags(DisasContext *dc, int x)
{
    return dc->condexec_mask == 0;
}

static int dec_plus_1(DisasContext *dc, int v)
{
    return v + 1;
}

static int times_2(DisasContext *dc, int x)
{
    return x * 2;
}

static int times_4(DisasContext *dc, int x)
{
    return x * 4;
}

/* PUSH: bit 8 is lr; POP: bit 8 is pc. */
static int t16_push_list(DisasContext *dc, int x)
{
    return (x & 0xff) | ((x & 0x100) << 6);
}

static int t16_pop_list(DisasContext *dc, int x)
{
    return (x & 0xff) | ((x & 0x100) << 7);
}

/* LDM Rn!, {list}: no writeback when Rn is in the list (rn << 8 | list). */
static int t16_ldm_w(DisasContext *dc, int x)
{
    return !(x & (1 << (x >> 8)));
}

/* 16-bit CPS: im 0 enables (imod 2), im 1 disables (imod 3). */
static int t16_cps_imod(DisasContext *dc, int x)
{
    return 2 | x;
}

/*
 * ThumbExpandImm of i:imm3:imm8. The A32 trans functions take an 8-bit
 * value rotated right by 2 * rot (rot != 0 also gives the shifter carry):
 * the rotated forms become (value rotated left by 2, rot 1).
 */
static uint32_t t32_expand(int x, bool *rotated)
{
    uint32_t b = x & 0xff;

    *rotated = false;
    switch (x >> 8) {
    case 0:
        return b;
    case 1:
        return b << 16 | b;
    case 2:
        return b << 24 | b << 8;
    case 3:
        return b << 24 | b << 16 | b << 8 | b;
    }
    *rotated = true;
    b = 0x80 | (x & 0x7f);
    return (b >> (x >> 7)) | (b << (32 - (x >> 7)));
}

static int t32_expand_imm(DisasContext *dc, int x)
{
    bool rotated;
    uint32_t v = t32_expand(x, &rotated);

    return (int)(rotated ? (v << 2) | (v >> 30) : v);
}

static int t32_expand_rot(DisasContext *dc, int x)
{
    bool rotated;

    t32_expand(x, &rotated);
    return rotated;
}

/* The generated decoders: arg_* types, trans_* prototypes, disas_*(). */
#include "decode-a32.c.inc"
/* The cond == 1111 space: disas_a32_uncond(). */
#include "decode-a32-uncond.c.inc"
#include "decode-t16.c.inc"
#include "decode-t32.c.inc"
#include "decode-vfp.c.inc"

/* Advanced SIMD decoders (translate-neon.c.inc, included at the end). */
static bool arm_disas_neon_a32(DisasContext *dc, uint32_t insn);
static bool arm_disas_neon_shared(DisasContext *dc, uint32_t insn);
static bool arm_disas_neon_t32(DisasContext *dc, uint32_t insn);

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

/*
 * MSR/CPS: Hyp mode is entered and left only by exceptions and exception
 * returns; a mode change into or out of it is ignored (as QEMU does with
 * this UNPREDICTABLE case).
 */
static void helper_cpsr_write(void *env, uint32_t val, uint32_t mask)
{
    CPUARMState *e = env;

    if ((mask & CPSR_M) && ((val ^ e->uncached_cpsr) & CPSR_M) &&
        (arm_is_hyp(e) || (val & CPSR_M) == ARM_CPU_MODE_HYP)) {
        qemu_log_mask(LOG_GUEST_ERROR, "arm: CPSR mode change 0x%x -> 0x%x ignored "
                      "(Hyp mode)\n", e->uncached_cpsr & CPSR_M, val & CPSR_M);
        mask &= ~CPSR_M;
    }
    cpsr_write(env, val, mask);
}

/*
 * The CPSR bits an exception return restores from PSR: a return to Hyp
 * mode is allowed from Hyp mode, or from Monitor mode with SCR.NS set;
 * otherwise the mode is kept (ARM ARM B1.9.12: UNPREDICTABLE).
 */
static uint32_t exception_return_mask(CPUARMState *e, uint32_t psr)
{
    uint32_t mode = e->uncached_cpsr & CPSR_M;

    if ((psr & CPSR_M) == ARM_CPU_MODE_HYP && mode != ARM_CPU_MODE_HYP &&
        !(mode == ARM_CPU_MODE_MON && (e->cp15.scr & 1) &&
          arm_feature(e, ARM_FEATURE_EL2))) {
        qemu_log_mask(LOG_GUEST_ERROR, "arm: exception return to Hyp mode from mode 0x%x "
                      "ignored\n", mode);
        return ~CPSR_M;
    }
    return 0xffffffffu;
}

/* Exception return: CPSR from SPSR, then the new pc. */
static void helper_exception_return(void *env, uint32_t pc)
{
    CPUARMState *e = env;

    cpsr_write(e, e->spsr, exception_return_mask(e, e->spsr));
    e->regs[15] = pc & (e->thumb ? ~1u : ~3u);
    e->exclusive_addr = -1;     /* exception return clears the local monitor */
}

/* ERET in Hyp mode: CPSR from SPSR_hyp, pc from ELR_hyp. */
static void helper_eret_hyp(void *env)
{
    CPUARMState *e = env;

    helper_exception_return(env, e->elr_hyp);
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
static const TCGHelperInfo info_eret_hyp = {
    .func = helper_eret_hyp, .name = "eret_hyp", .flags = TCG_CALL_DEFAULT,
};
static const TCGHelperInfo info_shift_reg = {
    .func = helper_shift_reg, .name = "shift_reg", .flags = TCG_CALL_NO_RWG_SE,
};
static const TCGHelperInfo info_shift_reg_cc = {
    .func = helper_shift_reg_cc, .name = "shift_reg_cc", .flags = TCG_CALL_DEFAULT,
};

/* ==== A32 completion: runtime helpers ==== */

/* WFE and YIELD: leave the block so that the round-robin loop moves on. */
static void helper_yield(void *env)
{
    CPUState *cs = env_cpu(env);

    cs->exception_index = EXCP_INTERRUPT;
    cpu_loop_exit(cs);
}

/* BKPT: a Prefetch Abort reporting a debug event (IFSR.FS = 0b00010). */
/* RFE: CPSR and pc from memory; clears the monitor like every return. */
static void helper_rfe(void *env, uint32_t pc, uint32_t cpsr)
{
    CPUARMState *e = env;

    cpsr_write(e, cpsr, exception_return_mask(e, cpsr));
    e->regs[15] = pc & (e->thumb ? ~1u : ~3u);
    e->exclusive_addr = -1;
}

/* r13 of MODE, whichever mode is current (SRS). */
static uint32_t helper_get_r13_banked(void *env, uint32_t mode)
{
    CPUARMState *e = env;

    if (arm_mode_bank(mode) == arm_mode_bank(e->uncached_cpsr & CPSR_M)) {
        return e->regs[13];
    }
    return e->banked_r13[arm_mode_bank(mode)];
}

static void helper_set_r13_banked(void *env, uint32_t mode, uint32_t val)
{
    CPUARMState *e = env;

    if (arm_mode_bank(mode) == arm_mode_bank(e->uncached_cpsr & CPSR_M)) {
        e->regs[13] = val;
    } else {
        e->banked_r13[arm_mode_bank(mode)] = val;
    }
}

/* User-mode register R (0..14) seen from a privileged mode (LDM/STM ^). */
static uint32_t *user_reg_ptr(CPUARMState *e, uint32_t r)
{
    uint32_t mode = e->uncached_cpsr & CPSR_M;

    if (r >= 8 && r <= 12 && mode == ARM_CPU_MODE_FIQ) {
        return &e->usr_regs[r - 8];
    }
    if ((r == 13 || r == 14) && arm_mode_bank(mode) != BANK_USRSYS) {
        return r == 13 ? &e->banked_r13[BANK_USRSYS] : &e->banked_r14[BANK_USRSYS];
    }
    return &e->regs[r];
}

static uint32_t helper_get_user_reg(void *env, uint32_t r)
{
    return *user_reg_ptr(env, r);
}

static void helper_set_user_reg(void *env, uint32_t r, uint32_t val)
{
    *user_reg_ptr(env, r) = val;
}

/* Signed saturation of V to 32 bits; sets CPSR.Q when it clamps. */
static uint32_t sat_s32(CPUARMState *e, int64_t v)
{
    if (v > INT32_MAX) {
        e->QF = 1;
        return INT32_MAX;
    }
    if (v < INT32_MIN) {
        e->QF = 1;
        return (uint32_t)INT32_MIN;
    }
    return (uint32_t)v;
}

/* QADD (op 0), QSUB (1), QDADD (2), QDSUB (3): M +/- (doubled) N. */
static uint32_t helper_qaddsub(void *env, uint32_t m, uint32_t n, uint32_t op)
{
    CPUARMState *e = env;
    int64_t nn = (int32_t)n;

    if (op & 2) {
        nn = (int32_t)sat_s32(e, 2 * nn);
    }
    return sat_s32(e, (op & 1) ? (int64_t)(int32_t)m - nn : (int64_t)(int32_t)m + nn);
}

/*
 * Saturation of V to BITS bits, signed (SSAT, BITS 1..32) or unsigned
 * (USAT, BITS 0..31); *SAT is set when it clamps.
 */
static int64_t sat_bits(int64_t v, unsigned bits, bool is_signed, bool *sat)
{
    int64_t lo = is_signed ? -((int64_t)1 << (bits - 1)) : 0;
    int64_t hi = is_signed ? ((int64_t)1 << (bits - 1)) - 1 : ((int64_t)1 << bits) - 1;

    if (v < lo) {
        *sat = true;
        return lo;
    }
    if (v > hi) {
        *sat = true;
        return hi;
    }
    return v;
}

enum { SAT_SSAT, SAT_USAT, SAT_SSAT16, SAT_USAT16 };

/* SSAT/USAT (already shifted operand) and SSAT16/USAT16; sets CPSR.Q. */
static uint32_t helper_sat(void *env, uint32_t v, uint32_t bits, uint32_t op)
{
    CPUARMState *e = env;
    bool sat = false;
    uint32_t r;

    switch (op) {
    case SAT_SSAT:
        r = (uint32_t)sat_bits((int32_t)v, bits, true, &sat);
        break;
    case SAT_USAT:
        r = (uint32_t)sat_bits((int32_t)v, bits, false, &sat);
        break;
    default: {
        bool sgn = op == SAT_SSAT16;
        uint32_t lo = (uint32_t)sat_bits((int16_t)v, bits, sgn, &sat);
        uint32_t hi = (uint32_t)sat_bits((int16_t)(v >> 16), bits, sgn, &sat);

        r = (lo & 0xffff) | hi << 16;
        break;
    }
    }
    if (sat) {
        e->QF = 1;
    }
    return r;
}

/*
 * Parallel add/subtract. OP = kind << 3 | form: kind 1 S, 2 Q, 3 SH,
 * 5 U, 6 UQ, 7 UH; form 0 ADD16, 1 ASX, 2 SAX, 3 SUB16, 4 ADD8, 7 SUB8.
 * The S and U kinds set CPSR.GE.
 */
static uint32_t helper_paddsub(void *env, uint32_t a, uint32_t b, uint32_t op)
{
    CPUARMState *e = env;
    unsigned kind = op >> 3, form = op & 7;
    bool is_signed = kind < 4;
    unsigned lanes = form >= 4 ? 4 : 2, bits = 32 / lanes;
    uint32_t lmask = (1u << bits) - 1, res = 0, ge = 0;

    for (unsigned i = 0; i < lanes; i++) {
        unsigned j = i;
        bool sub = form == 3 || form == 7;
        int32_t x, y, r;
        bool g, dummy = false;

        if (form == 1) {            /* ASX: low = a.lo - b.hi, high = a.hi + b.lo */
            j = 1 - i;
            sub = i == 0;
        } else if (form == 2) {     /* SAX: low = a.lo + b.hi, high = a.hi - b.lo */
            j = 1 - i;
            sub = i == 1;
        }
        x = (a >> (i * bits)) & lmask;
        y = (b >> (j * bits)) & lmask;
        if (is_signed) {
            x = (x ^ (1 << (bits - 1))) - (1 << (bits - 1));
            y = (y ^ (1 << (bits - 1))) - (1 << (bits - 1));
        }
        r = sub ? x - y : x + y;
        g = (is_signed || sub) ? r >= 0 : r >= (1 << bits);
        switch (kind & 3) {
        case 2:     /* saturating */
            r = (int32_t)sat_bits(r, bits, is_signed, &dummy);
            break;
        case 3:     /* halving */
            r >>= 1;
            break;
        default:
            break;
        }
        res |= ((uint32_t)r & lmask) << (i * bits);
        if (g) {
            ge |= (lanes == 2 ? 3u : 1u) << (i * (4 / lanes));
        }
    }
    if (kind == 1 || kind == 5) {
        e->GE = ge;
    }
    return res;
}

/* SEL: byte i from A where GE[i] is set, else from B. */
static uint32_t helper_sel(void *env, uint32_t a, uint32_t b)
{
    CPUARMState *e = env;
    uint32_t mask = 0;

    for (int i = 0; i < 4; i++) {
        if (e->GE & (1u << i)) {
            mask |= 0xffu << (8 * i);
        }
    }
    return (a & mask) | (b & ~mask);
}

static uint32_t helper_usad8(uint32_t a, uint32_t b)
{
    uint32_t sum = 0;

    for (int i = 0; i < 32; i += 8) {
        int d = (int)((a >> i) & 0xff) - (int)((b >> i) & 0xff);

        sum += d < 0 ? -d : d;
    }
    return sum;
}

static uint32_t helper_rbit(uint32_t x)
{
    uint32_t r = 0;

    for (int i = 0; i < 32; i++) {
        r |= ((x >> i) & 1) << (31 - i);
    }
    return r;
}

/* SDIV/UDIV: division by zero gives 0 (no trap in the A/R profile here). */
static uint32_t helper_sdiv(uint32_t n, uint32_t m)
{
    if (m == 0) {
        return 0;
    }
    if (n == 0x80000000u && m == 0xffffffffu) {
        return n;
    }
    return (uint32_t)((int32_t)n / (int32_t)m);
}

static uint32_t helper_udiv(uint32_t n, uint32_t m)
{
    return m ? n / m : 0;
}

/* The signed halfword H (0 bottom, 1 top) of X. */
static int32_t half(uint32_t x, unsigned h)
{
    return (int16_t)(x >> (16 * h));
}

/*
 * Signed multiplies with a 32-bit result. OP = kind | nh << 8 | mh << 9:
 * NH/MH pick the halfwords of N and M (the <x><y> or X of the mnemonic).
 * CPSR.Q is set where the architecture says (accumulations that overflow).
 */
enum {
    MUL_SMLAXY, MUL_SMULXY, MUL_SMLAWY, MUL_SMULWY, MUL_SMLAD, MUL_SMUAD,
    MUL_SMLSD, MUL_SMUSD, MUL_SMMLA, MUL_SMMUL, MUL_SMMLS, MUL_SMMLAR,
    MUL_SMMULR, MUL_SMMLSR, MUL_USADA8,
};

static uint32_t helper_mul32(void *env, uint32_t n, uint32_t m, uint32_t a, uint32_t op)
{
    CPUARMState *e = env;
    unsigned nh = (op >> 8) & 1, mh = (op >> 9) & 1;
    int64_t r;
    uint64_t u;

    switch (op & 0xff) {
    case MUL_SMLAXY:
    case MUL_SMULXY:
        r = (int64_t)half(n, nh) * half(m, mh);
        if ((op & 0xff) == MUL_SMULXY) {
            return (uint32_t)r;
        }
        break;
    case MUL_SMLAWY:
    case MUL_SMULWY:
        r = ((int64_t)(int32_t)n * half(m, mh)) >> 16;
        if ((op & 0xff) == MUL_SMULWY) {
            return (uint32_t)r;
        }
        break;
    case MUL_SMLAD:
    case MUL_SMUAD:
    case MUL_SMLSD:
    case MUL_SMUSD: {
        int64_t p1 = (int64_t)half(n, 0) * half(m, mh);
        int64_t p2 = (int64_t)half(n, 1) * half(m, !mh);
        bool is_sub = (op & 0xff) == MUL_SMLSD || (op & 0xff) == MUL_SMUSD;
        bool acc = (op & 0xff) == MUL_SMLAD || (op & 0xff) == MUL_SMLSD;

        r = is_sub ? p1 - p2 : p1 + p2;
        if (acc) {
            r += (int32_t)a;
        }
        if (r != (int32_t)r) {
            e->QF = 1;
        }
        return (uint32_t)r;
    }
    case MUL_USADA8:
        return helper_usad8(n, m) + a;
    default: {  /* SMMUL, SMMLA, SMMLS (R: rounded): bits 63:32 */
        unsigned k = op & 0xff;
        uint64_t prod = (uint64_t)((int64_t)(int32_t)n * (int32_t)m);
        uint64_t acc = (uint64_t)a << 32;

        if (k == MUL_SMMUL || k == MUL_SMMULR) {
            u = prod;
        } else if (k == MUL_SMMLS || k == MUL_SMMLSR) {
            u = acc - prod;
        } else {
            u = acc + prod;
        }
        if (k == MUL_SMMLAR || k == MUL_SMMULR || k == MUL_SMMLSR) {
            u += 0x80000000u;
        }
        return (uint32_t)(u >> 32);
    }
    }
    r += (int32_t)a;
    if (r != (int32_t)r) {
        e->QF = 1;
    }
    return (uint32_t)r;
}

/*
 * Multiplies with a 64-bit accumulator HI:LO (returned): SMLAL<x><y>,
 * SMLALD(X), SMLSLD(X), UMAAL. OP as for helper_mul32.
 */
enum { MULL_SMLALXY, MULL_SMLALD, MULL_SMLSLD, MULL_UMAAL };

static uint64_t helper_mul64(uint32_t n, uint32_t m, uint32_t lo, uint32_t hi, uint32_t op)
{
    unsigned nh = (op >> 8) & 1, mh = (op >> 9) & 1;
    uint64_t acc = (uint64_t)hi << 32 | lo;
    int64_t p1, p2;

    switch (op & 0xff) {
    case MULL_SMLALXY:
        return acc + (uint64_t)((int64_t)half(n, nh) * half(m, mh));
    case MULL_SMLALD:
    case MULL_SMLSLD:
        p1 = (int64_t)half(n, 0) * half(m, mh);
        p2 = (int64_t)half(n, 1) * half(m, !mh);
        if ((op & 0xff) == MULL_SMLSLD) {
            return acc + (uint64_t)(p1 - p2);
        }
        return acc + (uint64_t)(p1 + p2);
    default:    /* UMAAL: n * m + lo + hi never overflows 64 bits */
        return (uint64_t)n * m + lo + hi;
    }
}

static const TCGHelperInfo info_yield = {
    .func = helper_yield, .name = "yield", .flags = TCG_CALL_NO_WRITE_GLOBALS,
};
static const TCGHelperInfo info_rfe = {
    .func = helper_rfe, .name = "rfe", .flags = TCG_CALL_DEFAULT,
};
static const TCGHelperInfo info_get_r13_banked = {
    .func = helper_get_r13_banked, .name = "get_r13_banked",
    .flags = TCG_CALL_NO_WRITE_GLOBALS,
};
static const TCGHelperInfo info_set_r13_banked = {
    .func = helper_set_r13_banked, .name = "set_r13_banked", .flags = TCG_CALL_DEFAULT,
};
static const TCGHelperInfo info_get_user_reg = {
    .func = helper_get_user_reg, .name = "get_user_reg", .flags = TCG_CALL_NO_WRITE_GLOBALS,
};
static const TCGHelperInfo info_set_user_reg = {
    .func = helper_set_user_reg, .name = "set_user_reg", .flags = TCG_CALL_DEFAULT,
};
static const TCGHelperInfo info_qaddsub = {
    .func = helper_qaddsub, .name = "qaddsub", .flags = TCG_CALL_NO_RWG,
};
static const TCGHelperInfo info_sat = {
    .func = helper_sat, .name = "sat", .flags = TCG_CALL_NO_RWG,
};
static const TCGHelperInfo info_paddsub = {
    .func = helper_paddsub, .name = "paddsub", .flags = TCG_CALL_NO_RWG,
};
static const TCGHelperInfo info_sel = {
    .func = helper_sel, .name = "sel", .flags = TCG_CALL_NO_RWG,
};
static const TCGHelperInfo info_usad8 = {
    .func = helper_usad8, .name = "usad8", .flags = TCG_CALL_NO_RWG_SE,
};
static const TCGHelperInfo info_rbit = {
    .func = helper_rbit, .name = "rbit", .flags = TCG_CALL_NO_RWG_SE,
};
static const TCGHelperInfo info_sdiv = {
    .func = helper_sdiv, .name = "sdiv", .flags = TCG_CALL_NO_RWG_SE,
};
static const TCGHelperInfo info_udiv = {
    .func = helper_udiv, .name = "udiv", .flags = TCG_CALL_NO_RWG_SE,
};
static const TCGHelperInfo info_mul32 = {
    .func = helper_mul32, .name = "mul32", .flags = TCG_CALL_NO_RWG,
};
static const TCGHelperInfo info_mul64 = {
    .func = helper_mul64, .name = "mul64", .flags = TCG_CALL_NO_RWG_SE,
};

/* ==== end of A32 completion helpers ==== */

void arm_tcg_init(CPUState *cs)
{
    TCGContext *s = tcg_ctx;
    Error *err = NULL;

    tcg_set_guest_addr_bits(s, 32);
    /* pc, and the Thumb IT state of the instruction */
    tcg_set_insn_start_words(s, 2);
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

/* The value of register R as an operand (r15: this instruction + 8, Thumb + 4). */
static TCGv_i32 load_reg(DisasContext *dc, int r)
{
    if (r == 15) {
        return tcg_constant_i32(dc->pc_curr + (dc->thumb ? 4 : 8));
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
    dc->base.is_jmp = DISAS_BRANCH;
}

/*
 * A result written to R. To r15: A32 interworks (ALUWritePC); Thumb
 * branches and stays in Thumb state (BranchWritePC).
 */
static void store_reg(DisasContext *dc, int r, TCGv_i32 v)
{
    if (r == 15 && dc->thumb) {
        tcg_gen_andi_i32(cpu_R[15], v, ~1);
        dc->base.is_jmp = DISAS_BRANCH;
    } else if (r == 15) {
        gen_bx(dc, v);
    } else {
        tcg_gen_mov_i32(cpu_R[r], v);
    }
}

/* A loaded value written to R: to r15 it interworks in both states (LoadWritePC). */
static void store_reg_load(DisasContext *dc, int r, TCGv_i32 v)
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
    if (dc->thumb && excp != EXCP_SWI && dc->condexec_cur != dc->condexec_stored) {
        /* The exception returns to this instruction: its own IT state. */
        tcg_gen_st_i32(tcg_constant_i32(dc->condexec_cur), tcg_env,
                       offsetof(CPUARMState, condexec_bits));
    }
    tcg_gen_movi_i32(cpu_R[15], dc->pc_curr);
    tcg_gen_call(&info_exception, NULL, tcg_env, tcg_constant_i32(excp));
    dc->base.is_jmp = DISAS_NORETURN;
}

/* The HSR a Hyp-mode exception reports. */
static void gen_set_hyp_syndrome(DisasContext *dc, uint32_t hsr)
{
    tcg_gen_st_i32(tcg_constant_i32(hsr), tcg_env,
                   offsetof(ARMCPU, hyp_syndrome) - offsetof(ARMCPU, env));
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
        if (dc->mmu_idx == ARM_MMU_IDX_PL2) {
            /* T32 ERET is SUBS pc, lr, #0; the other forms are UNPREDICTABLE in Hyp. */
            if (dc->thumb && dc->insn == 0xf3de8f00) {
                tcg_gen_call(&info_eret_hyp, NULL, tcg_env);
                dc->base.is_jmp = DISAS_JUMP;
                return true;
            }
            return unallocated(dc, "UNPREDICTABLE exception return in Hyp mode");
        }
        tcg_gen_call(&info_exception_return, NULL, tcg_env, r);
        dc->base.is_jmp = DISAS_EXIT;
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
    /* The return address; in Thumb with bit 0 set. */
    tcg_gen_movi_i32(cpu_R[14], dc->thumb ? dc->base.pc_next | 1 : dc->pc_curr + 4);
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
    /* The mode or the masks may have changed: look the next block up again
     * (through the loop when A, I or F may have been cleared). */
    tcg_gen_movi_i32(cpu_R[15], dc->base.pc_next);
    dc->base.is_jmp = (mask & (CPSR_A | CPSR_I | CPSR_F)) ? DISAS_EXIT : DISAS_JUMP;
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
        store_reg_load(dc, rt, val);
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
                store_reg_load(dc, i, vals[i]);
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
    /* Thumb programs call semihosting with SVC 0xab. */
    uint32_t semi_imm = dc->thumb ? 0xab : ARM_SEMIHOST_SVC;

    if (a->imm == semi_imm && semihosting_enabled() && !dc->user) {
        tcg_gen_movi_i32(cpu_R[15], dc->pc_curr);
        tcg_gen_call(&info_semihosting, NULL, tcg_env);
        /* The call may have ended the run (SYS_EXIT): nothing is cached. */
        dc->base.is_jmp = DISAS_TOO_MANY;
        return true;
    }
    if (arm_feature(&dc->cpu->env, ARM_FEATURE_EL2)) {
        /* Hyp mode's HSR: EC 0x11, the immediate's low 16 bits, IL for A32. */
        gen_set_hyp_syndrome(dc, 0x11u << 26 | (dc->thumb ? 0 : 1u << 25) |
                                 (a->imm & 0xffff));
    }
    gen_exception_insn(dc, EXCP_SWI);
    return true;
}

/* ---- Thumb ---- */

/*
 * Thumb-only instructions (T32, 16- and 32-bit). Everything with an A32
 * meaning goes through the A32 trans functions above; these are the forms
 * without one. In Thumb, reading pc gives the instruction's address + 4;
 * literal loads and ADR use that value aligned down to 4.
 */

static uint32_t thumb_pc_aligned(DisasContext *dc)
{
    return (dc->pc_curr + 4) & ~3u;
}

/* A branch inside an IT block must be its last instruction. */
static bool thumb_in_it(DisasContext *dc)
{
    return dc->condexec_mask != 0;
}

static void gen_thumb_goto(DisasContext *dc, uint32_t dest)
{
    gen_goto_tb(dc, 0, dest);
    dc->base.is_jmp = DISAS_NORETURN;
}

/* Branch to DEST when condition COND holds, else fall through (ends the block). */
static void gen_thumb_cond_branch(DisasContext *dc, int cond, uint32_t dest)
{
    dc->condlabel = gen_new_label();
    dc->condjmp = true;
    gen_jump_if(cond ^ 1, dc->condlabel);
    gen_thumb_goto(dc, dest);
}

static bool trans_IT(DisasContext *dc, arg_IT *a)
{
    if (thumb_in_it(dc) || a->cond == 15 || (a->cond == 14 && (a->mask & (a->mask - 1)))) {
        return unallocated(dc, "UNPREDICTABLE IT");
    }
    /* The loop advances the state once after this instruction. */
    dc->condexec_cond = a->cond & 0xe;
    dc->condexec_mask = (a->cond & 1) << 4 | a->mask;
    return true;
}

static bool trans_B_t16(DisasContext *dc, arg_B_t16 *a)
{
    gen_thumb_goto(dc, dc->pc_curr + 4 + a->imm * 2);
    return true;
}

static bool trans_B_cond_t16(DisasContext *dc, arg_B_cond_t16 *a)
{
    if (a->cond == 14) {
        return false;           /* UDF */
    }
    if (thumb_in_it(dc)) {
        return unallocated(dc, "UNPREDICTABLE B<cond> in IT block");
    }
    gen_thumb_cond_branch(dc, a->cond, dc->pc_curr + 4 + a->imm * 2);
    return true;
}

static bool trans_B_cond_w(DisasContext *dc, arg_B_cond_w *a)
{
    int32_t ofs = (a->s ? -1 : 0) * (1 << 20) | a->j2 << 19 | a->j1 << 18 | a->imm6 << 12 |
                  a->imm11 << 1;

    if (a->cond >= 14) {
        return false;           /* miscellaneous control space not handled */
    }
    if (thumb_in_it(dc)) {
        return unallocated(dc, "UNPREDICTABLE B<cond> in IT block");
    }
    gen_thumb_cond_branch(dc, a->cond, dc->pc_curr + 4 + ofs);
    return true;
}

/* The 25-bit offset of B.W, BL and BLX: S:I1:I2:imm10:imm11:0, I = !(J ^ S). */
static int32_t thumb_bl_offset(int s, int imm10, int j1, int j2, int imm11)
{
    int i1 = !(j1 ^ s), i2 = !(j2 ^ s);

    return (s ? -1 : 0) * (1 << 24) | i1 << 23 | i2 << 22 | imm10 << 12 | imm11 << 1;
}

static bool trans_B_w(DisasContext *dc, arg_B_w *a)
{
    gen_thumb_goto(dc, dc->pc_curr + 4 + thumb_bl_offset(a->s, a->imm10, a->j1, a->j2,
                                                         a->imm11));
    return true;
}

static bool trans_BL_t32(DisasContext *dc, arg_BL_t32 *a)
{
    tcg_gen_movi_i32(cpu_R[14], dc->base.pc_next | 1);
    gen_thumb_goto(dc, dc->pc_curr + 4 + thumb_bl_offset(a->s, a->imm10, a->j1, a->j2,
                                                         a->imm11));
    return true;
}

/* BLX imm: call an A32 function (the target is aligned to 4). */
static bool trans_BLX_i_t32(DisasContext *dc, arg_BLX_i_t32 *a)
{
    uint32_t dest = thumb_pc_aligned(dc) +
                    thumb_bl_offset(a->s, a->imm10, a->j1, a->j2, a->imm11 & ~1);

    if (a->imm11 & 1) {
        return unallocated(dc, "UNDEFINED BLX with H set");
    }
    tcg_gen_movi_i32(cpu_R[14], dc->base.pc_next | 1);
    gen_bx(dc, tcg_constant_i32(dest));
    return true;
}

static bool trans_CBZ(DisasContext *dc, arg_CBZ *a)
{
    if (thumb_in_it(dc)) {
        return unallocated(dc, "UNPREDICTABLE CBZ in IT block");
    }
    dc->condlabel = gen_new_label();
    dc->condjmp = true;
    tcg_gen_brcondi_i32(a->nz ? TCG_COND_EQ : TCG_COND_NE, cpu_R[a->rn], 0, dc->condlabel);
    gen_thumb_goto(dc, dc->pc_curr + 4 + (a->i << 6 | a->imm << 1));
    return true;
}

/* TBB/TBH: branch forward by twice the byte/halfword at rn + rm (TBH: rm * 2). */
static bool trans_TBB(DisasContext *dc, arg_TBB *a)
{
    TCGv_i32 addr = tcg_temp_new_i32(), t = tcg_temp_new_i32();

    if (a->rn == 13 || a->rm == 13 || a->rm == 15) {
        return unallocated(dc, "UNPREDICTABLE");
    }
    if (a->h) {
        tcg_gen_shli_i32(t, cpu_R[a->rm], 1);
        tcg_gen_add_i32(addr, load_reg(dc, a->rn), t);
    } else {
        tcg_gen_add_i32(addr, load_reg(dc, a->rn), cpu_R[a->rm]);
    }
    gen_aa32_ld_i32(dc, t, addr, dc->mmu_idx, a->h ? MO_UW : MO_UB);
    tcg_gen_shli_i32(t, t, 1);
    tcg_gen_addi_i32(cpu_R[15], t, dc->pc_curr + 4);
    dc->base.is_jmp = DISAS_BRANCH;
    return true;
}

/* ADR: rd = Align(pc, 4) +/- imm. */
static bool trans_ADR(DisasContext *dc, arg_ADR *a)
{
    if (a->rd == 13 || a->rd == 15) {
        return unallocated(dc, "UNPREDICTABLE");
    }
    tcg_gen_movi_i32(cpu_R[a->rd], thumb_pc_aligned(dc) + (a->sub ? -a->imm : a->imm));
    return true;
}

static bool gen_thumb_literal(DisasContext *dc, int rt, int32_t ofs, MemOp mop)
{
    TCGv_i32 val = tcg_temp_new_i32();

    gen_aa32_ld_i32(dc, val, tcg_constant_i32(thumb_pc_aligned(dc) + ofs), dc->mmu_idx, mop);
    store_reg_load(dc, rt, val);
    return true;
}

static bool trans_LDR_lit_t16(DisasContext *dc, arg_LDR_lit_t16 *a)
{
    return gen_thumb_literal(dc, a->rt, a->imm * 4, MO_UL);
}

/* LDR/LDRB/LDRH/LDRSB/LDRSH (literal), T32. */
static bool trans_LDR_lit(DisasContext *dc, arg_LDR_lit *a)
{
    static const MemOp mops[2][3] = { { MO_UB, MO_UW, MO_UL }, { MO_SB, MO_SW, 0 } };

    if (a->size == 3 || (a->sign && a->size == 2)) {
        return false;
    }
    if (a->rt == 13 || (a->rt == 15 && a->size != 2)) {
        return unallocated(dc, "UNPREDICTABLE");
    }
    return gen_thumb_literal(dc, a->rt, a->u ? a->imm : -a->imm, mops[a->sign][a->size]);
}

/* LDRT/STRT/LDRBT ... (T32): offset addressing with the PL0 permissions. */
static bool trans_LDST_T(DisasContext *dc, arg_LDST_T *a)
{
    static const MemOp mops[2][3] = { { MO_UB, MO_UW, MO_UL }, { MO_SB, MO_SW, 0 } };
    int saved = dc->mmu_idx;
    bool ret;

    if (a->size == 3 || (a->sign && (a->size == 2 || !a->l)) || a->rn == 15) {
        return false;
    }
    if (a->rt == 13 || a->rt == 15) {
        return unallocated(dc, "UNPREDICTABLE");
    }
    dc->mmu_idx = arm_user_mmu_idx(dc);
    ret = gen_ldst(dc, 1, 1, 0, a->rn, a->rt, tcg_constant_i32(a->imm),
                   mops[a->sign][a->size], a->l);
    dc->mmu_idx = saved;
    return ret;
}

/* LDRD/STRD (immediate), T32: any two registers, offset imm8 * 4. */
static bool gen_thumb_ldstd(DisasContext *dc, arg_ldstd *a, bool load)
{
    TCGv_i32 base, addr = tcg_temp_new_i32(), addr2 = tcg_temp_new_i32();
    TCGv_i32 lo = tcg_temp_new_i32(), hi = tcg_temp_new_i32();

    if (a->rt == 13 || a->rt == 15 || a->rt2 == 13 || a->rt2 == 15 ||
        (load && a->rt == a->rt2) ||
        (a->w && (a->rn == 15 || a->rn == a->rt || a->rn == a->rt2)) ||
        (!load && a->rn == 15)) {
        return unallocated(dc, "UNPREDICTABLE");
    }
    base = a->rn == 15 ? tcg_constant_i32(thumb_pc_aligned(dc)) : cpu_R[a->rn];
    tcg_gen_addi_i32(addr, base, a->u ? a->imm : -a->imm);
    if (!a->p) {
        tcg_gen_mov_i32(addr2, addr);       /* the written-back address */
        tcg_gen_mov_i32(addr, base);
    }
    if (load) {
        gen_aa32_ld_i32(dc, lo, addr, dc->mmu_idx, MO_UL);
        tcg_gen_addi_i32(addr, addr, 4);
        gen_aa32_ld_i32(dc, hi, addr, dc->mmu_idx, MO_UL);
        tcg_gen_subi_i32(addr, addr, 4);
    } else {
        gen_aa32_st_i32(dc, cpu_R[a->rt], addr, dc->mmu_idx, MO_UL);
        tcg_gen_addi_i32(lo, addr, 4);
        gen_aa32_st_i32(dc, cpu_R[a->rt2], lo, dc->mmu_idx, MO_UL);
    }
    if (a->w) {
        tcg_gen_mov_i32(cpu_R[a->rn], a->p ? addr : addr2);
    }
    if (load) {
        tcg_gen_mov_i32(cpu_R[a->rt], lo);
        tcg_gen_mov_i32(cpu_R[a->rt2], hi);
    }
    return true;
}

static bool trans_LDRD_t32(DisasContext *dc, arg_ldstd *a)
{
    return gen_thumb_ldstd(dc, a, true);
}

static bool trans_STRD_t32(DisasContext *dc, arg_ldstd *a)
{
    return gen_thumb_ldstd(dc, a, false);
}

/* ORN: rd = rn | ~operand (the operand's carry as for ORR). */
static bool trans_ORN_rri(DisasContext *dc, arg_s_rri_rot *a)
{
    unsigned rot = a->rot * 2;
    uint32_t imm = rot ? ((uint32_t)a->imm >> rot) | ((uint32_t)a->imm << (32 - rot))
                       : (uint32_t)a->imm;

    if (a->s && rot) {
        tcg_gen_movi_i32(cpu_CF, imm >> 31);
    }
    return gen_dp(dc, OP_ORR, a->s, a->rd, load_reg(dc, a->rn), tcg_constant_i32(~imm));
}

static bool trans_ORN_rrri(DisasContext *dc, arg_s_rrr_shi *a)
{
    TCGv_i32 b = gen_shift_imm(load_reg(dc, a->rm), a->sht, a->shim, a->s);
    TCGv_i32 nb = tcg_temp_new_i32();

    tcg_gen_not_i32(nb, b);
    return gen_dp(dc, OP_ORR, a->s, a->rd, load_reg(dc, a->rn), nb);
}

/*
 * LDM/STM (32-bit encodings): the A32 trans functions, after the T32
 * restrictions (UNPREDICTABLE, UNDEF here): at least two registers, never
 * sp, STM never pc, LDM not both lr and pc, no writeback of a listed base,
 * and a load of pc only as the last instruction of an IT block.
 */
static bool t32_ldm_ok(DisasContext *dc, arg_ldm *a, bool load)
{
    uint32_t bad = load ? 1u << 13 : (1u << 13 | 1u << 15);

    if (__builtin_popcount(a->list) < 2 || (a->list & bad) ||
        (a->w && (a->list & (1u << a->rn)))) {
        return false;
    }
    if (load && (a->list & 0xc000) == 0xc000) {
        return false;
    }
    return !(load && (a->list & (1u << 15)) && thumb_in_it(dc) && (dc->condexec_mask & 0xf));
}

static bool trans_STM_t32(DisasContext *dc, arg_ldm *a)
{
    if (!t32_ldm_ok(dc, a, false)) {
        return unallocated(dc, "UNPREDICTABLE T32 STM");
    }
    return trans_STM(dc, a);
}

static bool trans_LDM_t32(DisasContext *dc, arg_ldm *a)
{
    if (!t32_ldm_ok(dc, a, true)) {
        return unallocated(dc, "UNPREDICTABLE T32 LDM");
    }
    return trans_LDM(dc, a);
}

/* The first halfword of a 32-bit Thumb instruction: 0b11101, 0b11110, 0b11111. */
static bool thumb_insn_is_32(uint32_t hw)
{
    return (hw >> 11) >= 0x1d;
}

static uint32_t thumb_fetch16(DisasContextBase *db, uint32_t pc)
{
    const uint8_t *p = db->host_page + (pc - db->page_base);

    return p[0] | p[1] << 8;
}

/* The IT state after an instruction with state (COND, MASK). */
static void thumb_advance_it(int *cond, int *mask)
{
    if (*mask) {
        *cond = (*cond & 0xe) | ((*mask >> 4) & 1);
        *mask = (*mask << 1) & 0x1f;
        if (*mask == 0) {
            *cond = 0;
        }
    }
}

static int thumb_it_bits(int cond, int mask)
{
    return cond << 4 | mask >> 1;
}

/* Makes env->condexec_bits BITS (the state exits and interrupts see). */
static void thumb_store_it(DisasContext *dc, int bits)
{
    if (bits != dc->condexec_stored) {
        tcg_gen_st_i32(tcg_constant_i32(bits), tcg_env, offsetof(CPUARMState, condexec_bits));
        dc->condexec_stored = bits;
    }
}

static void thumb_translate_insn(DisasContextBase *db, CPUState *cs)
{
    DisasContext *dc = container_of(db, DisasContext, base);
    uint32_t insn = thumb_fetch16(db, dc->pc_curr);
    bool is_it, is32 = thumb_insn_is_32(insn);
    int cond = dc->condexec_mask ? dc->condexec_cond : 14;
    int ncond = dc->condexec_cond, nmask = dc->condexec_mask;

    db->pc_next = dc->pc_curr + 2;
    if (is32) {
        uint32_t pc2 = dc->pc_curr + 2;

        if ((pc2 & TARGET_PAGE_MASK) == db->page_base) {
            insn = insn << 16 | thumb_fetch16(db, pc2);
        } else {
            /* Only the first instruction of a block crosses the page end. */
            ram_addr_t ram;
            const uint8_t *host;

            if (!get_page_addr_code(cs, pc2, dc->mmu_idx, &ram, &host)) {
                dc->insn = insn;
                gen_exception_insn(dc, EXCP_PREFETCH_ABORT);
                return;
            }
            insn = insn << 16 | host[0] | host[1] << 8;
        }
        db->pc_next = dc->pc_curr + 4;
    }
    dc->insn = insn;
    is_it = !is32 && (insn & 0xff00) == 0xbf00 && (insn & 0xf);
    if (!is32 && (insn & 0xff00) == 0xbe00) {
        cond = 14;              /* BKPT is unconditional, even in an IT block */
    }

    /* Exits, taken or not, see the state of the next instruction. */
    thumb_advance_it(&ncond, &nmask);
    if (!is_it) {
        thumb_store_it(dc, thumb_it_bits(ncond, nmask));
    }
    if (cond < 14) {
        dc->condlabel = gen_new_label();
        dc->condjmp = true;
        gen_jump_if(cond ^ 1, dc->condlabel);
    }
    /* VFP in T32 is the A32 encoding with 1110 in the condition field. */
    if (!(is32 ? arm_disas_neon_t32(dc, insn) || disas_t32(dc, insn) ||
                 ((insn >> 28) == 0xe && disas_vfp(dc, insn))
               : disas_t16(dc, insn))) {
        unallocated(dc, is32 ? "T32 unallocated or unimplemented"
                             : "T16 unallocated or unimplemented");
    }
    if (is_it) {
        ncond = dc->condexec_cond;
        nmask = dc->condexec_mask;
        thumb_advance_it(&ncond, &nmask);
        thumb_store_it(dc, thumb_it_bits(ncond, nmask));
    }
    dc->condexec_cond = ncond;
    dc->condexec_mask = nmask;
    dc->condexec_cur = thumb_it_bits(ncond, nmask);
    if (dc->condjmp && db->is_jmp == DISAS_NEXT) {
        gen_set_label(dc->condlabel);
        dc->condjmp = false;
    }
    /* A 32-bit instruction across the page end starts the next block. */
    if (db->is_jmp == DISAS_NEXT && (db->pc_next & TARGET_PAGE_MASK) == db->page_base &&
        ((db->pc_next + 2) & TARGET_PAGE_MASK) != db->page_base &&
        thumb_insn_is_32(thumb_fetch16(db, db->pc_next))) {
        db->is_jmp = DISAS_TOO_MANY;
    }
}

/* ==== A32 completion: translation (ARMv7-A integer instructions) ==== */

/* Ends the block after this instruction, looking the next one up anew. */
static void gen_end_block_next(DisasContext *dc)
{
    tcg_gen_movi_i32(cpu_R[15], dc->base.pc_next);
    dc->base.is_jmp = DISAS_JUMP;
}

static void gen_clrex(void)
{
    tcg_gen_st_i64(tcg_constant_i64(-1), tcg_env, offsetof(CPUARMState, exclusive_addr));
}

/* ---- exclusives and swap ---- */

static bool op_ldrex(DisasContext *dc, arg_ldrex *a, MemOp size)
{
    TCGv_i32 addr = tcg_temp_new_i32(), val = tcg_temp_new_i32();
    TCGv_i64 a64 = tcg_temp_new_i64(), v64 = tcg_temp_new_i64();
    bool dbl = size == MO_64;

    if (a->rt == 15 || a->rn == 15 ||
        (dbl && (a->rt2 == 15 || a->rt == a->rt2 || (!dc->thumb && (a->rt & 1))))) {
        return unallocated(dc, "UNPREDICTABLE");
    }
    tcg_gen_addi_i32(addr, cpu_R[a->rn], a->imm);
    if (dbl) {
        TCGv_i32 hi = tcg_temp_new_i32();

        /* One aligned 64-bit access: rt gets the word at the address. */
        gen_aa32_ld_i64(dc, v64, addr, dc->mmu_idx, MO_UQ | MO_ALIGN);
        if (dc->be_data == MO_BE) {
            tcg_gen_extr_i64_i32(hi, val, v64);
        } else {
            tcg_gen_extr_i64_i32(val, hi, v64);
        }
        tcg_gen_st_i32(hi, tcg_env, offsetof(CPUARMState, exclusive_high));
        tcg_gen_mov_i32(cpu_R[a->rt2], hi);
    } else {
        gen_aa32_ld_i32(dc, val, addr, dc->mmu_idx, size | MO_ALIGN);
    }
    tcg_gen_extu_i32_i64(a64, addr);
    tcg_gen_st_i64(a64, tcg_env, offsetof(CPUARMState, exclusive_addr));
    tcg_gen_extu_i32_i64(v64, val);
    tcg_gen_st_i64(v64, tcg_env, offsetof(CPUARMState, exclusive_val));
    tcg_gen_mov_i32(cpu_R[a->rt], val);
    return true;
}

/*
 * Store-exclusive: succeeds (rd = 0) when the monitor holds this address
 * and memory still holds what LDREX read. One vCPU thread runs all CPUs
 * and switches only between blocks, so compare-then-store is atomic.
 */
static bool op_strex(DisasContext *dc, arg_strex *a, MemOp size)
{
    TCGv_i32 addr = tcg_temp_new_i32(), cur = tcg_temp_new_i32();
    TCGv_i32 want = tcg_temp_new_i32();
    TCGv_i64 a64 = tcg_temp_new_i64(), ex = tcg_temp_new_i64();
    TCGLabel *fail = gen_new_label(), *done = gen_new_label();
    bool dbl = size == MO_64;

    if (a->rd == 15 || a->rt == 15 || a->rn == 15 || a->rd == a->rn || a->rd == a->rt ||
        (dbl && (a->rt2 == 15 || a->rd == a->rt2 || (!dc->thumb && (a->rt & 1))))) {
        return unallocated(dc, "UNPREDICTABLE");
    }
    tcg_gen_addi_i32(addr, cpu_R[a->rn], a->imm);
    tcg_gen_extu_i32_i64(a64, addr);
    tcg_gen_ld_i64(ex, tcg_env, offsetof(CPUARMState, exclusive_addr));
    tcg_gen_brcond_i64(TCG_COND_NE, ex, a64, fail);
    tcg_gen_ld_i64(ex, tcg_env, offsetof(CPUARMState, exclusive_val));
    tcg_gen_extrl_i64_i32(want, ex);
    if (dbl) {
        TCGv_i64 v64 = tcg_temp_new_i64(), n64 = tcg_temp_new_i64();
        TCGv_i32 hi = tcg_temp_new_i32(), wanthi = tcg_temp_new_i32();

        gen_aa32_ld_i64(dc, v64, addr, dc->mmu_idx, MO_UQ | MO_ALIGN);
        if (dc->be_data == MO_BE) {
            tcg_gen_extr_i64_i32(hi, cur, v64);
        } else {
            tcg_gen_extr_i64_i32(cur, hi, v64);
        }
        tcg_gen_brcond_i32(TCG_COND_NE, cur, want, fail);
        tcg_gen_ld_i32(wanthi, tcg_env, offsetof(CPUARMState, exclusive_high));
        tcg_gen_brcond_i32(TCG_COND_NE, hi, wanthi, fail);
        if (dc->be_data == MO_BE) {
            tcg_gen_concat_i32_i64(n64, cpu_R[a->rt2], cpu_R[a->rt]);
        } else {
            tcg_gen_concat_i32_i64(n64, cpu_R[a->rt], cpu_R[a->rt2]);
        }
        gen_aa32_st_i64(dc, n64, addr, dc->mmu_idx, MO_UQ | MO_ALIGN);
    } else {
        gen_aa32_ld_i32(dc, cur, addr, dc->mmu_idx, size | MO_ALIGN);
        tcg_gen_brcond_i32(TCG_COND_NE, cur, want, fail);
        gen_aa32_st_i32(dc, cpu_R[a->rt], addr, dc->mmu_idx, size | MO_ALIGN);
    }
    tcg_gen_movi_i32(cpu_R[a->rd], 0);
    tcg_gen_br(done);
    gen_set_label(fail);
    tcg_gen_movi_i32(cpu_R[a->rd], 1);
    gen_set_label(done);
    gen_clrex();
    return true;
}

static bool trans_LDREX(DisasContext *dc, arg_ldrex *a)
{
    return op_ldrex(dc, a, MO_UL);
}

static bool trans_LDREXB(DisasContext *dc, arg_ldrex *a)
{
    return op_ldrex(dc, a, MO_UB);
}

static bool trans_LDREXH(DisasContext *dc, arg_ldrex *a)
{
    return op_ldrex(dc, a, MO_UW);
}

static bool trans_LDREXD(DisasContext *dc, arg_ldrex *a)
{
    return op_ldrex(dc, a, MO_64);
}

static bool trans_STREX(DisasContext *dc, arg_strex *a)
{
    return op_strex(dc, a, MO_UL);
}

static bool trans_STREXB(DisasContext *dc, arg_strex *a)
{
    return op_strex(dc, a, MO_UB);
}

static bool trans_STREXH(DisasContext *dc, arg_strex *a)
{
    return op_strex(dc, a, MO_UW);
}

static bool trans_STREXD(DisasContext *dc, arg_strex *a)
{
    return op_strex(dc, a, MO_64);
}

static bool trans_CLREX(DisasContext *dc, arg_empty *a)
{
    gen_clrex();
    return true;
}

/* SWP/SWPB rt, rt2, [rn]: rt = [rn]; [rn] = rt2 (no other access between). */
static bool op_swp(DisasContext *dc, arg_swp *a, MemOp mop)
{
    TCGv_i32 old = tcg_temp_new_i32(), addr = tcg_temp_new_i32();

    if (a->rt == 15 || a->rt2 == 15 || a->rn == 15 || a->rn == a->rt || a->rn == a->rt2) {
        return unallocated(dc, "UNPREDICTABLE");
    }
    tcg_gen_mov_i32(addr, cpu_R[a->rn]);
    gen_aa32_ld_i32(dc, old, addr, dc->mmu_idx, mop | MO_ALIGN);
    gen_aa32_st_i32(dc, cpu_R[a->rt2], addr, dc->mmu_idx, mop | MO_ALIGN);
    tcg_gen_mov_i32(cpu_R[a->rt], old);
    return true;
}

static bool trans_SWP(DisasContext *dc, arg_swp *a)
{
    return op_swp(dc, a, MO_UL);
}

static bool trans_SWPB(DisasContext *dc, arg_swp *a)
{
    return op_swp(dc, a, MO_UB);
}

/* ---- barriers and hints ---- */

static bool trans_DMB(DisasContext *dc, arg_barrier *a)
{
    tcg_gen_mb(TCG_MO_ALL);
    return true;
}

static bool trans_DSB(DisasContext *dc, arg_barrier *a)
{
    tcg_gen_mb(TCG_MO_ALL);
    return true;
}

/* ISB: later instructions are fetched anew, so the block ends here. */
static bool trans_ISB(DisasContext *dc, arg_barrier *a)
{
    tcg_gen_mb(TCG_MO_ALL);
    gen_end_block_next(dc);
    return true;
}

/* WFE/YIELD: give the other vCPUs a turn (SEV then needs no action). */
static bool trans_WFE(DisasContext *dc, arg_empty *a)
{
    tcg_gen_movi_i32(cpu_R[15], dc->base.pc_next);
    tcg_gen_call(&info_yield, NULL, tcg_env);
    dc->base.is_jmp = DISAS_NORETURN;
    return true;
}

static bool trans_YIELD(DisasContext *dc, arg_empty *a)
{
    return trans_WFE(dc, a);
}

static bool trans_SEV(DisasContext *dc, arg_empty *a)
{
    return true;
}

static bool trans_HINT(DisasContext *dc, arg_i *a)
{
    if (a->imm == 3) {
        return trans_WFI(dc, NULL);
    }
    return true;
}

static bool trans_PLD_ri(DisasContext *dc, arg_empty *a)
{
    return true;
}

static bool trans_PLD_rr(DisasContext *dc, arg_empty *a)
{
    return true;
}

static bool trans_PLI_ri(DisasContext *dc, arg_empty *a)
{
    return true;
}

static bool trans_PLI_rr(DisasContext *dc, arg_empty *a)
{
    return true;
}

/* ---- exceptions: BKPT, UDF, SMC, HVC, ERET ---- */

/* BKPT: a debug event, taken as a prefetch abort (arm_cpu_do_interrupt). */
static bool trans_BKPT(DisasContext *dc, arg_i *a)
{
    gen_exception_insn(dc, EXCP_BKPT);
    return true;
}

static bool trans_UDF(DisasContext *dc, arg_i *a)
{
    gen_exception_insn(dc, EXCP_UDEF);
    return true;
}

/* SMC: UNDEF at PL0; without the Security Extensions arm_cpu_do_interrupt UNDEFs. */
static bool trans_SMC(DisasContext *dc, arg_i *a)
{
    if (dc->user) {
        return unallocated(dc, "SMC in User mode");
    }
    gen_exception_insn(dc, EXCP_SMC);
    return true;
}

/*
 * The instructions of the Virtualization Extensions' instruction set
 * (ERET, MRS/MSR banked) exist on the cores that have them (the LPAE
 * ones here, A7/A15), whether or not the board enables PL2.
 */
static bool has_v7ve(DisasContext *dc)
{
    return arm_feature(&dc->cpu->env, ARM_FEATURE_LPAE);
}

/*
 * HVC (ARM ARM B9.3.4): UNDEFINED without PL2, in User mode or in Secure
 * state; when the SCR.HCE (HCR.HCD without the Security Extensions)
 * disables it; else the Hypervisor Call exception, HSR EC 0x12 with the
 * immediate.
 */
static void helper_hvc(void *env, uint32_t hsr)
{
    CPUARMState *e = env;
    CPUState *cs = env_cpu(env);
    bool undef = arm_feature(e, ARM_FEATURE_EL3) ? !(e->cp15.scr & (1u << 8))
                                                 : (e->cp15.hcr & HCR_HCD);

    if (undef) {
        qemu_log_mask(LOG_GUEST_ERROR, "arm: HVC at 0x%08x disabled by %s: UNDEF\n",
                      e->regs[15], arm_feature(e, ARM_FEATURE_EL3) ? "SCR.HCE" : "HCR.HCD");
        cs->exception_index = EXCP_UDEF;
    } else {
        env_archcpu(e)->hyp_syndrome = hsr;
        cs->exception_index = EXCP_HVC;
    }
    cpu_loop_exit(cs);
}

static const TCGHelperInfo info_hvc = {
    .func = helper_hvc, .name = "hvc", .flags = TCG_CALL_NO_WRITE_GLOBALS,
};

static bool trans_HVC(DisasContext *dc, arg_i *a)
{
    if (!arm_feature(&dc->cpu->env, ARM_FEATURE_EL2)) {
        return unallocated(dc, "HVC (no Virtualization Extensions)");
    }
    if (dc->user || !dc->ns) {
        return unallocated(dc, dc->user ? "HVC in User mode" : "HVC in Secure state");
    }
    tcg_gen_movi_i32(cpu_R[15], dc->pc_curr);
    tcg_gen_call(&info_hvc, NULL, tcg_env, tcg_constant_i32(0x12u << 26 | 1u << 25 | a->imm));
    dc->base.is_jmp = DISAS_NORETURN;
    return true;
}

/* ERET: from ELR_hyp in Hyp mode; SUBS pc, lr, #0 in the PL1 modes. */
static bool trans_ERET(DisasContext *dc, arg_empty *a)
{
    if (!has_v7ve(dc)) {
        return unallocated(dc, "ERET (no Virtualization Extensions)");
    }
    if (dc->user) {
        return unallocated(dc, "ERET in User mode");
    }
    if (dc->mmu_idx == ARM_MMU_IDX_PL2) {
        tcg_gen_call(&info_eret_hyp, NULL, tcg_env);
    } else {
        tcg_gen_call(&info_exception_return, NULL, tcg_env, cpu_R[14]);
    }
    dc->base.is_jmp = DISAS_JUMP;
    return true;
}

/*
 * MRS/MSR (banked register), ARM ARM B9.3.9/B9.3.12: SYSm (R = 0) names
 * r8-r14 of User and FIQ mode, SP/LR of IRQ, SVC, ABT, UND, MON, SP_hyp
 * and ELR_hyp; (R = 1) the SPSR of FIQ, IRQ, SVC, ABT, UND, MON, Hyp.
 * Returns a pointer to the register's storage, or NULL when the access is
 * not allowed from the current state (UNPREDICTABLE: UNDEF, as QEMU).
 */
static uint32_t *banked_reg_ptr(CPUARMState *e, bool r, uint32_t sysm)
{
    static const uint8_t lr_sp_mode[8] = {
        ARM_CPU_MODE_IRQ, ARM_CPU_MODE_SVC, ARM_CPU_MODE_ABT, ARM_CPU_MODE_UND,
        0, 0, ARM_CPU_MODE_MON, ARM_CPU_MODE_HYP,
    };
    uint32_t cur = e->uncached_cpsr & CPSR_M, mode;
    int reg;        /* 8..14: r8-r14, 16: SPSR, 17: ELR_hyp */

    if (r) {
        if (sysm == 14) {
            mode = ARM_CPU_MODE_FIQ;
        } else if (sysm >= 16 && !(sysm & 1) && lr_sp_mode[(sysm - 16) / 2]) {
            mode = lr_sp_mode[(sysm - 16) / 2];
        } else {
            return NULL;
        }
        reg = 16;
    } else if (sysm < 7) {
        mode = ARM_CPU_MODE_USR;
        reg = 8 + sysm;
    } else if (sysm >= 8 && sysm < 15) {
        mode = ARM_CPU_MODE_FIQ;
        reg = sysm;
    } else if (sysm >= 16 && lr_sp_mode[(sysm - 16) / 2]) {
        mode = lr_sp_mode[(sysm - 16) / 2];
        reg = (sysm & 1) ? 13 : 14;
        if (mode == ARM_CPU_MODE_HYP && reg == 14) {
            reg = 17;
        }
    } else {
        return NULL;
    }
    /* Who may access what: Monitor's bank from Secure PL1, Hyp's from PL2+. */
    if (mode == ARM_CPU_MODE_MON && !(arm_feature(e, ARM_FEATURE_EL3) && arm_is_secure(e))) {
        return NULL;
    }
    if (mode == ARM_CPU_MODE_HYP) {
        bool pl3 = arm_feature(e, ARM_FEATURE_EL3) && arm_is_secure(e);

        if (!arm_feature(e, ARM_FEATURE_EL2) || (!pl3 && cur != ARM_CPU_MODE_HYP) ||
            (cur == ARM_CPU_MODE_HYP && reg == 13)) {
            return NULL;
        }
        if (reg == 17) {
            return &e->elr_hyp;
        }
        if (cur == ARM_CPU_MODE_HYP) {
            return &e->spsr;
        }
    } else if (arm_mode_bank(mode) == arm_mode_bank(cur) && mode != ARM_CPU_MODE_USR) {
        return NULL;
    }
    if (reg == 16) {
        return &e->banked_spsr[arm_mode_bank(mode)];
    }
    if (reg <= 12) {
        /* r8-r12: two copies, the FIQ one and everybody else's. */
        if ((mode == ARM_CPU_MODE_FIQ) == (cur == ARM_CPU_MODE_FIQ)) {
            return mode == ARM_CPU_MODE_FIQ ? NULL : &e->regs[reg];
        }
        return mode == ARM_CPU_MODE_FIQ ? &e->fiq_regs[reg - 8] : &e->usr_regs[reg - 8];
    }
    if (mode == ARM_CPU_MODE_USR) {
        /* The User r13/r14 are live in System mode (and r14 in Hyp mode). */
        if (arm_mode_bank(cur) == BANK_USRSYS || (reg == 14 && cur == ARM_CPU_MODE_HYP)) {
            return &e->regs[reg];
        }
        return reg == 13 ? &e->banked_r13[BANK_USRSYS] : &e->banked_r14[BANK_USRSYS];
    }
    return reg == 13 ? &e->banked_r13[arm_mode_bank(mode)]
                     : &e->banked_r14[arm_mode_bank(mode)];
}

static uint32_t *banked_reg_or_undef(void *env, uint32_t r_sysm)
{
    uint32_t *p = banked_reg_ptr(env, r_sysm >> 5, r_sysm & 31);

    if (!p) {
        CPUState *cs = env_cpu(env);

        qemu_log_mask(LOG_GUEST_ERROR, "arm: banked register access R=%u SYSm=%u not "
                      "allowed in mode 0x%x: UNDEF\n", r_sysm >> 5, r_sysm & 31,
                      ((CPUARMState *)env)->uncached_cpsr & CPSR_M);
        cs->exception_index = EXCP_UDEF;
        cpu_loop_exit(cs);
    }
    return p;
}

static uint32_t helper_mrs_banked(void *env, uint32_t r_sysm)
{
    return *banked_reg_or_undef(env, r_sysm);
}

static void helper_msr_banked(void *env, uint32_t r_sysm, uint32_t val)
{
    *banked_reg_or_undef(env, r_sysm) = val;
}

static const TCGHelperInfo info_mrs_banked = {
    .func = helper_mrs_banked, .name = "mrs_banked", .flags = TCG_CALL_NO_WRITE_GLOBALS,
};
static const TCGHelperInfo info_msr_banked = {
    .func = helper_msr_banked, .name = "msr_banked", .flags = TCG_CALL_DEFAULT,
};

static bool banked_ok(DisasContext *dc)
{
    if (!has_v7ve(dc)) {
        unallocated(dc, "MRS/MSR banked (no Virtualization Extensions)");
        return false;
    }
    if (dc->user) {
        unallocated(dc, "MRS/MSR banked in User mode");
        return false;
    }
    /* The helper may UNDEF: the state of this instruction. */
    if (dc->thumb && dc->condexec_cur != dc->condexec_stored) {
        tcg_gen_st_i32(tcg_constant_i32(dc->condexec_cur), tcg_env,
                       offsetof(CPUARMState, condexec_bits));
        dc->condexec_stored = dc->condexec_cur;
    }
    tcg_gen_movi_i32(cpu_R[15], dc->pc_curr);
    return true;
}

static bool trans_MRS_bank(DisasContext *dc, arg_MRS_bank *a)
{
    TCGv_i32 t = tcg_temp_new_i32();

    if (!banked_ok(dc)) {
        return true;
    }
    if (a->rd == 15) {
        return unallocated(dc, "UNPREDICTABLE MRS banked to pc");
    }
    tcg_gen_call(&info_mrs_banked, t, tcg_env, tcg_constant_i32(a->r << 5 | a->sysm));
    tcg_gen_mov_i32(cpu_R[a->rd], t);
    return true;
}

static bool trans_MSR_bank(DisasContext *dc, arg_MSR_bank *a)
{
    if (!banked_ok(dc)) {
        return true;
    }
    if (a->rn == 15) {
        return unallocated(dc, "UNPREDICTABLE MSR banked from pc");
    }
    tcg_gen_call(&info_msr_banked, NULL, tcg_env, tcg_constant_i32(a->r << 5 | a->sysm),
                 cpu_R[a->rn]);
    return true;
}

/* ---- divide ---- */

static bool op_div(DisasContext *dc, arg_rrr *a, const TCGHelperInfo *info)
{
    TCGv_i32 t = tcg_temp_new_i32();

    if (!arm_feature(&dc->cpu->env, dc->thumb ? ARM_FEATURE_THUMB_DIV : ARM_FEATURE_ARM_DIV)) {
        return unallocated(dc, "divide (not in this CPU)");
    }
    if (a->rd == 15 || a->rn == 15 || a->rm == 15) {
        return unallocated(dc, "UNPREDICTABLE");
    }
    tcg_gen_call(info, t, cpu_R[a->rn], cpu_R[a->rm]);
    tcg_gen_mov_i32(cpu_R[a->rd], t);
    return true;
}

static bool trans_SDIV(DisasContext *dc, arg_rrr *a)
{
    return op_div(dc, a, &info_sdiv);
}

static bool trans_UDIV(DisasContext *dc, arg_rrr *a)
{
    return op_div(dc, a, &info_udiv);
}

/* ---- saturating arithmetic ---- */

static bool op_qaddsub(DisasContext *dc, arg_rrr *a, int op)
{
    TCGv_i32 t = tcg_temp_new_i32();

    if (a->rd == 15 || a->rn == 15 || a->rm == 15) {
        return unallocated(dc, "UNPREDICTABLE");
    }
    tcg_gen_call(&info_qaddsub, t, tcg_env, cpu_R[a->rm], cpu_R[a->rn], tcg_constant_i32(op));
    tcg_gen_mov_i32(cpu_R[a->rd], t);
    return true;
}

static bool trans_QADD(DisasContext *dc, arg_rrr *a)
{
    return op_qaddsub(dc, a, 0);
}

static bool trans_QSUB(DisasContext *dc, arg_rrr *a)
{
    return op_qaddsub(dc, a, 1);
}

static bool trans_QDADD(DisasContext *dc, arg_rrr *a)
{
    return op_qaddsub(dc, a, 2);
}

static bool trans_QDSUB(DisasContext *dc, arg_rrr *a)
{
    return op_qaddsub(dc, a, 3);
}

/* SSAT/USAT: the operand is rn shifted (sh: ASR, else LSL; ASR #0 means 32). */
static bool op_sat(DisasContext *dc, arg_sat *a, int op)
{
    TCGv_i32 t = tcg_temp_new_i32();
    unsigned bits = (op == SAT_SSAT || op == SAT_SSAT16) ? a->satimm + 1 : a->satimm;

    if (a->rd == 15 || a->rn == 15) {
        return unallocated(dc, "UNPREDICTABLE");
    }
    if (a->sh) {
        tcg_gen_sari_i32(t, cpu_R[a->rn], a->imm ? a->imm : 31);
    } else {
        tcg_gen_shli_i32(t, cpu_R[a->rn], a->imm);
    }
    tcg_gen_call(&info_sat, t, tcg_env, t, tcg_constant_i32(bits), tcg_constant_i32(op));
    tcg_gen_mov_i32(cpu_R[a->rd], t);
    return true;
}

static bool trans_SSAT(DisasContext *dc, arg_sat *a)
{
    return op_sat(dc, a, SAT_SSAT);
}

static bool trans_USAT(DisasContext *dc, arg_sat *a)
{
    return op_sat(dc, a, SAT_USAT);
}

static bool trans_SSAT16(DisasContext *dc, arg_sat *a)
{
    return op_sat(dc, a, SAT_SSAT16);
}

static bool trans_USAT16(DisasContext *dc, arg_sat *a)
{
    return op_sat(dc, a, SAT_USAT16);
}

/* ---- parallel add/subtract, SEL, USAD8 ---- */

static bool op_paddsub(DisasContext *dc, arg_rrr *a, int op)
{
    TCGv_i32 t = tcg_temp_new_i32();

    if (a->rd == 15 || a->rn == 15 || a->rm == 15) {
        return unallocated(dc, "UNPREDICTABLE");
    }
    tcg_gen_call(&info_paddsub, t, tcg_env, cpu_R[a->rn], cpu_R[a->rm], tcg_constant_i32(op));
    tcg_gen_mov_i32(cpu_R[a->rd], t);
    return true;
}

#define DO_PAR(NAME, KIND, FORM)                                               \
static bool trans_##NAME(DisasContext *dc, arg_rrr *a)                         \
{                                                                              \
    return op_paddsub(dc, a, (KIND) << 3 | (FORM));                            \
}

#define DO_PAR_KIND(PFX, KIND)                                                 \
    DO_PAR(PFX##ADD16, KIND, 0)                                                \
    DO_PAR(PFX##ASX, KIND, 1)                                                  \
    DO_PAR(PFX##SAX, KIND, 2)                                                  \
    DO_PAR(PFX##SUB16, KIND, 3)                                                \
    DO_PAR(PFX##ADD8, KIND, 4)                                                 \
    DO_PAR(PFX##SUB8, KIND, 7)

DO_PAR_KIND(S, 1)
DO_PAR_KIND(Q, 2)
DO_PAR_KIND(SH, 3)
DO_PAR_KIND(U, 5)
DO_PAR_KIND(UQ, 6)
DO_PAR_KIND(UH, 7)

static bool trans_SEL(DisasContext *dc, arg_rrr *a)
{
    TCGv_i32 t = tcg_temp_new_i32();

    if (a->rd == 15 || a->rn == 15 || a->rm == 15) {
        return unallocated(dc, "UNPREDICTABLE");
    }
    tcg_gen_call(&info_sel, t, tcg_env, cpu_R[a->rn], cpu_R[a->rm]);
    tcg_gen_mov_i32(cpu_R[a->rd], t);
    return true;
}

static bool trans_USAD8(DisasContext *dc, arg_rrr *a)
{
    TCGv_i32 t = tcg_temp_new_i32();

    if (a->rd == 15 || a->rn == 15 || a->rm == 15) {
        return unallocated(dc, "UNPREDICTABLE");
    }
    tcg_gen_call(&info_usad8, t, cpu_R[a->rn], cpu_R[a->rm]);
    tcg_gen_mov_i32(cpu_R[a->rd], t);
    return true;
}

/* ---- packing, extension, bit reversal ---- */

/* PKHBT: top of (rm LSL imm), bottom of rn; PKHTB: top of rn, bottom of (rm ASR imm). */
static bool trans_PKH(DisasContext *dc, arg_pkh *a)
{
    TCGv_i32 t = tcg_temp_new_i32(), r = tcg_temp_new_i32();

    if (a->rd == 15 || a->rn == 15 || a->rm == 15) {
        return unallocated(dc, "UNPREDICTABLE");
    }
    if (a->tb) {
        tcg_gen_sari_i32(t, cpu_R[a->rm], a->imm ? a->imm : 31);
        tcg_gen_deposit_i32(r, cpu_R[a->rn], t, 0, 16);
    } else {
        tcg_gen_shli_i32(t, cpu_R[a->rm], a->imm);
        tcg_gen_deposit_i32(r, t, cpu_R[a->rn], 0, 16);
    }
    tcg_gen_mov_i32(cpu_R[a->rd], r);
    return true;
}

/* SXTAB16/UXTAB16 (SXTB16/UXTB16 with rn == 15): bytes 0 and 2, per halfword. */
static bool op_xtab16(DisasContext *dc, arg_rrr_rot *a, bool is_signed)
{
    TCGv_i32 t = tcg_temp_new_i32(), lo = tcg_temp_new_i32(), hi = tcg_temp_new_i32();

    if (a->rd == 15 || a->rm == 15) {
        return unallocated(dc, "UNPREDICTABLE");
    }
    tcg_gen_rotri_i32(t, cpu_R[a->rm], a->rot * 8);
    if (is_signed) {
        tcg_gen_sextract_i32(lo, t, 0, 8);
        tcg_gen_sextract_i32(hi, t, 16, 8);
    } else {
        tcg_gen_extract_i32(lo, t, 0, 8);
        tcg_gen_extract_i32(hi, t, 16, 8);
    }
    if (a->rn != 15) {
        TCGv_i32 u = tcg_temp_new_i32();

        tcg_gen_add_i32(lo, lo, cpu_R[a->rn]);
        tcg_gen_shri_i32(u, cpu_R[a->rn], 16);
        tcg_gen_add_i32(hi, hi, u);
    }
    tcg_gen_deposit_i32(cpu_R[a->rd], lo, hi, 16, 16);
    return true;
}

static bool trans_SXTAB16(DisasContext *dc, arg_rrr_rot *a)
{
    return op_xtab16(dc, a, true);
}

static bool trans_UXTAB16(DisasContext *dc, arg_rrr_rot *a)
{
    return op_xtab16(dc, a, false);
}

static bool trans_RBIT(DisasContext *dc, arg_rrr *a)
{
    TCGv_i32 t = tcg_temp_new_i32();

    if (a->rd == 15 || a->rm == 15) {
        return unallocated(dc, "UNPREDICTABLE");
    }
    tcg_gen_call(&info_rbit, t, cpu_R[a->rm]);
    tcg_gen_mov_i32(cpu_R[a->rd], t);
    return true;
}

/* ---- multiplies ---- */

static bool trans_MLS(DisasContext *dc, arg_rrrr *a)
{
    TCGv_i32 t = tcg_temp_new_i32();

    if (a->rd == 15 || a->rn == 15 || a->rm == 15 || a->ra == 15) {
        return unallocated(dc, "UNPREDICTABLE");
    }
    tcg_gen_mul_i32(t, cpu_R[a->rn], cpu_R[a->rm]);
    tcg_gen_sub_i32(cpu_R[a->rd], cpu_R[a->ra], t);
    return true;
}

/* 32-bit results through helper_mul32; RA 15 in the non-accumulating forms. */
static bool op_mul32(DisasContext *dc, int rd, int rn, int rm, int ra, int op)
{
    TCGv_i32 t = tcg_temp_new_i32();
    TCGv_i32 acc = ra == 15 ? tcg_constant_i32(0) : cpu_R[ra];

    if (rd == 15 || rn == 15 || rm == 15) {
        return unallocated(dc, "UNPREDICTABLE");
    }
    tcg_gen_call(&info_mul32, t, tcg_env, cpu_R[rn], cpu_R[rm], acc, tcg_constant_i32(op));
    tcg_gen_mov_i32(cpu_R[rd], t);
    return true;
}

static bool op_mul64(DisasContext *dc, arg_rdl *a, int op)
{
    TCGv_i64 t = tcg_temp_new_i64();

    if (a->rdlo == 15 || a->rdhi == 15 || a->rn == 15 || a->rm == 15 || a->rdlo == a->rdhi) {
        return unallocated(dc, "UNPREDICTABLE");
    }
    tcg_gen_call(&info_mul64, t, cpu_R[a->rn], cpu_R[a->rm], cpu_R[a->rdlo], cpu_R[a->rdhi],
                 tcg_constant_i32(op));
    tcg_gen_extr_i64_i32(cpu_R[a->rdlo], cpu_R[a->rdhi], t);
    return true;
}

#define MUL_XY(N, M) ((N) << 8 | (M) << 9)

#define DO_MUL_XY(NAME, KIND, N, M)                                            \
static bool trans_##NAME(DisasContext *dc, arg_rrrr *a)                        \
{                                                                              \
    return op_mul32(dc, a->rd, a->rn, a->rm, a->ra, KIND | MUL_XY(N, M));      \
}
#define DO_MUL_XY3(NAME, KIND, N, M)                                           \
static bool trans_##NAME(DisasContext *dc, arg_rrr *a)                         \
{                                                                              \
    return op_mul32(dc, a->rd, a->rn, a->rm, 15, KIND | MUL_XY(N, M));         \
}
#define DO_MULL_XY(NAME, KIND, N, M)                                           \
static bool trans_##NAME(DisasContext *dc, arg_rdl *a)                         \
{                                                                              \
    return op_mul64(dc, a, KIND | MUL_XY(N, M));                               \
}

DO_MUL_XY(SMLABB, MUL_SMLAXY, 0, 0)
DO_MUL_XY(SMLABT, MUL_SMLAXY, 0, 1)
DO_MUL_XY(SMLATB, MUL_SMLAXY, 1, 0)
DO_MUL_XY(SMLATT, MUL_SMLAXY, 1, 1)
DO_MUL_XY3(SMULBB, MUL_SMULXY, 0, 0)
DO_MUL_XY3(SMULBT, MUL_SMULXY, 0, 1)
DO_MUL_XY3(SMULTB, MUL_SMULXY, 1, 0)
DO_MUL_XY3(SMULTT, MUL_SMULXY, 1, 1)
DO_MUL_XY(SMLAWB, MUL_SMLAWY, 0, 0)
DO_MUL_XY(SMLAWT, MUL_SMLAWY, 0, 1)
DO_MUL_XY3(SMULWB, MUL_SMULWY, 0, 0)
DO_MUL_XY3(SMULWT, MUL_SMULWY, 0, 1)
DO_MUL_XY(SMLAD, MUL_SMLAD, 0, 0)
DO_MUL_XY(SMLADX, MUL_SMLAD, 0, 1)
DO_MUL_XY(SMLSD, MUL_SMLSD, 0, 0)
DO_MUL_XY(SMLSDX, MUL_SMLSD, 0, 1)
DO_MUL_XY3(SMUAD, MUL_SMUAD, 0, 0)
DO_MUL_XY3(SMUADX, MUL_SMUAD, 0, 1)
DO_MUL_XY3(SMUSD, MUL_SMUSD, 0, 0)
DO_MUL_XY3(SMUSDX, MUL_SMUSD, 0, 1)
DO_MUL_XY(SMMLA, MUL_SMMLA, 0, 0)
DO_MUL_XY(SMMLAR, MUL_SMMLAR, 0, 0)
DO_MUL_XY(SMMLS, MUL_SMMLS, 0, 0)
DO_MUL_XY(SMMLSR, MUL_SMMLSR, 0, 0)
DO_MUL_XY3(SMMUL, MUL_SMMUL, 0, 0)
DO_MUL_XY3(SMMULR, MUL_SMMULR, 0, 0)
DO_MUL_XY(USADA8, MUL_USADA8, 0, 0)
DO_MULL_XY(SMLALBB, MULL_SMLALXY, 0, 0)
DO_MULL_XY(SMLALBT, MULL_SMLALXY, 0, 1)
DO_MULL_XY(SMLALTB, MULL_SMLALXY, 1, 0)
DO_MULL_XY(SMLALTT, MULL_SMLALXY, 1, 1)
DO_MULL_XY(SMLALD, MULL_SMLALD, 0, 0)
DO_MULL_XY(SMLALDX, MULL_SMLALD, 0, 1)
DO_MULL_XY(SMLSLD, MULL_SMLSLD, 0, 0)
DO_MULL_XY(SMLSLDX, MULL_SMLSLD, 0, 1)
DO_MULL_XY(UMAAL, MULL_UMAAL, 0, 0)

/* ---- processor state: CPS, SETEND ---- */

static bool arm_mode_valid(DisasContext *dc, uint32_t mode)
{
    switch (mode) {
    case ARM_CPU_MODE_USR:
    case ARM_CPU_MODE_FIQ:
    case ARM_CPU_MODE_IRQ:
    case ARM_CPU_MODE_SVC:
    case ARM_CPU_MODE_ABT:
    case ARM_CPU_MODE_UND:
    case ARM_CPU_MODE_SYS:
        return true;
    case ARM_CPU_MODE_MON:
        /* Monitor mode only from Secure state. */
        return arm_feature(&dc->cpu->env, ARM_FEATURE_EL3) && !dc->ns;
    default:
        return false;   /* Hyp: not entered by CPS/SRS here */
    }
}

/* CPS: a NOP in User mode; imod 2 enables, 3 disables A/I/F; M changes mode. */
static bool trans_CPS(DisasContext *dc, arg_cps *a)
{
    uint32_t mask = 0, val = 0;

    if (dc->user) {
        return true;
    }
    if ((a->imod == 0 && !a->m) || a->imod == 1 || (a->m && !arm_mode_valid(dc, a->mode))) {
        return unallocated(dc, "UNPREDICTABLE CPS");
    }
    if (a->imod & 2) {
        mask |= (a->a ? CPSR_A : 0) | (a->i ? CPSR_I : 0) | (a->f ? CPSR_F : 0);
        if (a->imod == 3) {
            val |= mask;
        }
    }
    if (a->m) {
        mask |= CPSR_M;
        val |= a->mode;
    }
    tcg_gen_call(&info_cpsr_write, NULL, tcg_env, tcg_constant_i32(val),
                 tcg_constant_i32(mask));
    /* CPSIE: a pending interrupt is taken before the next instruction. */
    tcg_gen_movi_i32(cpu_R[15], dc->base.pc_next);
    dc->base.is_jmp = DISAS_EXIT;
    return true;
}

/* SETEND: data endianness is a TB flag, so the block ends. */
static bool trans_SETEND(DisasContext *dc, arg_setend *a)
{
    if ((dc->be_data == MO_BE) != !!a->e) {
        tcg_gen_call(&info_cpsr_write, NULL, tcg_env, tcg_constant_i32(a->e ? CPSR_E : 0),
                     tcg_constant_i32(CPSR_E));
        gen_end_block_next(dc);
    }
    return true;
}

/* ---- exception state: SRS, RFE, user-bank and exception-return LDM/STM ---- */

/* The lowest address of a 2-word block at BASE: DA, IA, DB, IB. */
static int block2_offset(int p, int u)
{
    return u ? (p ? 4 : 0) : (p ? -8 : -4);
}

static bool trans_SRS(DisasContext *dc, arg_srs *a)
{
    TCGv_i32 sp = tcg_temp_new_i32(), addr = tcg_temp_new_i32(), t = tcg_temp_new_i32();

    if (dc->user || !arm_mode_valid(dc, a->mode) || a->mode == ARM_CPU_MODE_USR) {
        return unallocated(dc, "UNPREDICTABLE SRS");
    }
    tcg_gen_call(&info_get_r13_banked, sp, tcg_env, tcg_constant_i32(a->mode));
    tcg_gen_addi_i32(addr, sp, block2_offset(a->p, a->u));
    gen_aa32_st_i32(dc, cpu_R[14], addr, dc->mmu_idx, MO_UL);
    tcg_gen_ld_i32(t, tcg_env, offsetof(CPUARMState, spsr));
    tcg_gen_addi_i32(addr, addr, 4);
    gen_aa32_st_i32(dc, t, addr, dc->mmu_idx, MO_UL);
    if (a->w) {
        tcg_gen_addi_i32(sp, sp, a->u ? 8 : -8);
        tcg_gen_call(&info_set_r13_banked, NULL, tcg_env, tcg_constant_i32(a->mode), sp);
    }
    return true;
}

static bool trans_RFE(DisasContext *dc, arg_rfe *a)
{
    TCGv_i32 addr = tcg_temp_new_i32(), pc = tcg_temp_new_i32(), psr = tcg_temp_new_i32();

    if (dc->user || a->rn == 15) {
        return unallocated(dc, "UNPREDICTABLE RFE");
    }
    tcg_gen_addi_i32(addr, cpu_R[a->rn], block2_offset(a->p, a->u));
    gen_aa32_ld_i32(dc, pc, addr, dc->mmu_idx, MO_UL);
    tcg_gen_addi_i32(addr, addr, 4);
    gen_aa32_ld_i32(dc, psr, addr, dc->mmu_idx, MO_UL);
    if (a->w) {
        tcg_gen_addi_i32(cpu_R[a->rn], cpu_R[a->rn], a->u ? 8 : -8);
    }
    tcg_gen_call(&info_rfe, NULL, tcg_env, pc, psr);
    dc->base.is_jmp = DISAS_EXIT;
    return true;
}

/* STM (user registers): no writeback; UNDEF at PL0 (UNPREDICTABLE there). */
static bool trans_STM_user(DisasContext *dc, arg_ldm *a)
{
    int n = __builtin_popcount(a->list);
    TCGv_i32 addr = tcg_temp_new_i32();

    if (dc->user || n == 0 || a->w || a->rn == 15) {
        return unallocated(dc, "UNPREDICTABLE STM (user registers)");
    }
    tcg_gen_addi_i32(addr, cpu_R[a->rn],
                     a->u ? (a->b ? 4 : 0) : (a->b ? -4 * n : -4 * n + 4));
    for (int i = 0; i < 16; i++) {
        TCGv_i32 v;

        if (!(a->list & (1 << i))) {
            continue;
        }
        if (i == 15) {
            v = load_reg(dc, 15);
        } else {
            v = tcg_temp_new_i32();
            tcg_gen_call(&info_get_user_reg, v, tcg_env, tcg_constant_i32(i));
        }
        gen_aa32_st_i32(dc, v, addr, dc->mmu_idx, MO_UL);
        tcg_gen_addi_i32(addr, addr, 4);
    }
    return true;
}

/*
 * LDM with S: without pc it loads User-mode registers (no writeback);
 * with pc it is an exception return: CPSR = SPSR after the loads.
 */
static bool trans_LDM_S(DisasContext *dc, arg_ldm *a)
{
    int n = __builtin_popcount(a->list);
    bool eret = a->list & (1 << 15);
    TCGv_i32 addr = tcg_temp_new_i32();
    TCGv_i32 vals[16];

    if (dc->user || n == 0 || a->rn == 15 || (!eret && a->w) ||
        (a->w && (a->list & (1 << a->rn))) || dc->mmu_idx == ARM_MMU_IDX_PL2) {
        return unallocated(dc, "UNPREDICTABLE LDM (S bit)");
    }
    tcg_gen_addi_i32(addr, cpu_R[a->rn],
                     a->u ? (a->b ? 4 : 0) : (a->b ? -4 * n : -4 * n + 4));
    for (int i = 0; i < 16; i++) {
        if (a->list & (1 << i)) {
            vals[i] = tcg_temp_new_i32();
            gen_aa32_ld_i32(dc, vals[i], addr, dc->mmu_idx, MO_UL);
            tcg_gen_addi_i32(addr, addr, 4);
        }
    }
    if (a->w) {
        tcg_gen_addi_i32(cpu_R[a->rn], cpu_R[a->rn], a->u ? 4 * n : -4 * n);
    }
    for (int i = 0; i < 15; i++) {
        if (!(a->list & (1 << i))) {
            continue;
        }
        if (eret) {
            tcg_gen_mov_i32(cpu_R[i], vals[i]);
        } else {
            tcg_gen_call(&info_set_user_reg, NULL, tcg_env, tcg_constant_i32(i), vals[i]);
        }
    }
    if (eret) {
        tcg_gen_call(&info_exception_return, NULL, tcg_env, vals[15]);
        dc->base.is_jmp = DISAS_EXIT;
    }
    return true;
}

/* BLX immediate: to Thumb state at pc + 8 + imm (imm = imm24:H:0). */
static bool trans_BLX_i(DisasContext *dc, arg_i *a)
{
    tcg_gen_movi_i32(cpu_R[14], dc->pc_curr + 4);
    tcg_gen_st_i32(tcg_constant_i32(1), tcg_env, offsetof(CPUARMState, thumb));
    tcg_gen_movi_i32(cpu_R[15], dc->pc_curr + 8 + a->imm);
    dc->base.is_jmp = DISAS_BRANCH;
    return true;
}

/* ==== end of A32 completion ==== */

/* ---- coprocessor registers (target/arm/cpregs.c) ---- */

static void helper_cp_access(void *env, void *ri_ptr, uint32_t isread)
{
    const ARMCPRegInfo *ri = ri_ptr;

    if (!ri->accessfn(env, ri, isread)) {
        CPUState *cs = env_cpu(env);

        cs->exception_index = EXCP_UDEF;
        cpu_loop_exit(cs);
    }
}

static uint64_t helper_cp_read(void *env, void *ri, uint32_t bank)
{
    return arm_cp_read(env, ri, bank);
}

static void helper_cp_write(void *env, void *ri, uint32_t bank, uint64_t value)
{
    arm_cp_write(env, ri, bank, value);
}

static const TCGHelperInfo info_cp_access = {
    .func = helper_cp_access, .name = "cp_access", .flags = TCG_CALL_NO_WRITE_GLOBALS,
};
static const TCGHelperInfo info_cp_read = {
    .func = helper_cp_read, .name = "cp_read", .flags = TCG_CALL_NO_WRITE_GLOBALS,
};
static const TCGHelperInfo info_cp_write = {
    .func = helper_cp_write, .name = "cp_write", .flags = TCG_CALL_NO_WRITE_GLOBALS,
};

/*
 * MRC/MCR (32-bit) and MRRC/MCRR (64-bit, RT2 the high word). Plain
 * fields are read and written inline; the rest through arm_cp_read/write.
 * Unknown registers and accesses the register's rights forbid UNDEF.
 */
static bool do_coproc(DisasContext *dc, int cp, bool is64, int opc1, int crn, int crm,
                      int opc2, bool isread, int rt, int rt2)
{
    const ARMCPRegInfo *ri;
    ptrdiff_t field;
    TCGv_i64 v;

    if (cp == 10 || cp == 11) {
        return false;           /* VFP and Advanced SIMD */
    }
    ri = arm_cp_find(dc->cpu, arm_cp_key(cp, is64, opc1, crn, crm, opc2));
    if (!ri) {
        qemu_log_mask(LOG_UNIMP, "arm: unknown coprocessor register p%d, %d, c%d, c%d, %d%s "
                      "at 0x%08x\n", cp, opc1, crn, crm, opc2, is64 ? " (64-bit)" : "",
                      dc->pc_curr);
        gen_exception_insn(dc, EXCP_UDEF);
        return true;
    }
    if (!arm_cp_pl_ok(ri, dc->cp_pl, isread) ||
        (!isread && rt == 15) || (is64 && (rt == 15 || rt2 == 15))) {
        gen_exception_insn(dc, EXCP_UDEF);
        return true;
    }
    if (ri->accessfn) {
        tcg_gen_movi_i32(cpu_R[15], dc->pc_curr);
        tcg_gen_call(&info_cp_access, NULL, tcg_env, tcg_constant_ptr((intptr_t)ri),
                     tcg_constant_i32(isread));
    }
    field = (ri->flags & (ARM_CP_CONST | ARM_CP_NOP)) ? 0 : arm_cp_field(ri, dc->cp_bank);
    v = tcg_temp_new_i64();
    if (isread) {
        if (ri->flags & (ARM_CP_CONST | ARM_CP_NOP)) {
            tcg_gen_movi_i64(v, (ri->flags & ARM_CP_CONST) ? ri->resetvalue : 0);
        } else if (field && !ri->readfn) {
            if (ri->flags & ARM_CP_FIELD64) {
                tcg_gen_ld_i64(v, tcg_env, field);
            } else {
                tcg_gen_ld32u_i64(v, tcg_env, field);
            }
        } else {
            tcg_gen_call(&info_cp_read, v, tcg_env, tcg_constant_ptr((intptr_t)ri),
                         tcg_constant_i32(dc->cp_bank));
        }
        if (is64) {
            TCGv_i32 lo = tcg_temp_new_i32(), hi = tcg_temp_new_i32();

            tcg_gen_extr_i64_i32(lo, hi, v);
            tcg_gen_mov_i32(cpu_R[rt], lo);
            tcg_gen_mov_i32(cpu_R[rt2], hi);
        } else if (rt == 15) {
            /* APSR_nzcv form: the flags from bits 31:28 */
            TCGv_i32 t = tcg_temp_new_i32();

            tcg_gen_extrl_i64_i32(t, v);
            tcg_gen_call(&info_cpsr_write, NULL, tcg_env, t, tcg_constant_i32(CPSR_NZCV));
        } else {
            tcg_gen_extrl_i64_i32(cpu_R[rt], v);
        }
        return true;
    }
    if (is64) {
        tcg_gen_concat_i32_i64(v, cpu_R[rt], cpu_R[rt2]);
    } else {
        tcg_gen_extu_i32_i64(v, cpu_R[rt]);
    }
    if (ri->flags & (ARM_CP_CONST | ARM_CP_NOP)) {
        return true;
    }
    if (field && !ri->writefn && !(ri->flags & ARM_CP_FIELD64)) {
        TCGv_i32 t = tcg_temp_new_i32();

        tcg_gen_extrl_i64_i32(t, v);
        tcg_gen_st_i32(t, tcg_env, field);
    } else {
        tcg_gen_call(&info_cp_write, NULL, tcg_env, tcg_constant_ptr((intptr_t)ri),
                     tcg_constant_i32(dc->cp_bank), v);
    }
    if (ri->flags & (ARM_CP_END_TB | ARM_CP_IO)) {
        dc->base.is_jmp = DISAS_UPDATE;
    }
    return true;
}

static bool trans_MCR(DisasContext *dc, arg_mcr *a)
{
    return do_coproc(dc, a->cp, false, a->opc1, a->crn, a->crm, a->opc2, false, a->rt, 0);
}

static bool trans_MRC(DisasContext *dc, arg_mcr *a)
{
    return do_coproc(dc, a->cp, false, a->opc1, a->crn, a->crm, a->opc2, true, a->rt, 0);
}

static bool trans_MCRR(DisasContext *dc, arg_mcrr *a)
{
    return do_coproc(dc, a->cp, true, a->opc1, 0, a->crm, 0, false, a->rt, a->rt2);
}

static bool trans_MRRC(DisasContext *dc, arg_mcrr *a)
{
    return do_coproc(dc, a->cp, true, a->opc1, 0, a->crm, 0, true, a->rt, a->rt2);
}
#include "translate-vfp.c.inc"

/* ---- the translator hooks ---- */

static void arm_init_disas_context(DisasContextBase *db, CPUState *cs)
{
    DisasContext *dc = container_of(db, DisasContext, base);

    dc->thumb = db->tb->flags & ARM_TBFLAG_THUMB;
    if (dc->thumb) {
        db->disas_cs_mode = CS_MODE_THUMB;  /* -d in_asm */
    }
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
    dc->cpu = ARM_CPU(cs);
    dc->cp_bank = (db->tb->flags & ARM_TBFLAG_CP_NS) ? ARM_NS : ARM_S;
    switch (dc->mmu_idx) {
    case ARM_MMU_IDX_PL0:
    case ARM_MMU_IDX_S_PL0:
        dc->cp_pl = 0;
        break;
    case ARM_MMU_IDX_S_PL1:     /* Secure PL1 runs at PL3 with EL3 */
        dc->cp_pl = 3;
        break;
    case ARM_MMU_IDX_PL2:
        dc->cp_pl = 2;
        break;
    default:
        dc->cp_pl = 1;
        break;
    }
    dc->condjmp = false;
    dc->condexec_cur = (db->tb->flags & ARM_TBFLAG_CONDEXEC_MASK) >> ARM_TBFLAG_CONDEXEC_SHIFT;
    dc->condexec_stored = dc->condexec_cur;
    /* ARM instructions are 4 bytes: the block stops at the page end. */
}

static void arm_tb_start(DisasContextBase *db, CPUState *cs)
{
}

static void arm_insn_start(DisasContextBase *db, CPUState *cs)
{
    DisasContext *dc = container_of(db, DisasContext, base);

    /* The IT state for an exception inside the block (restore_state_to_opc). */
    tcg_gen_insn_start2(db->pc_next, dc->thumb ? dc->condexec_cur : 0);
}

static void arm_translate_insn(DisasContextBase *db, CPUState *cs)
{
    DisasContext *dc = container_of(db, DisasContext, base);
    unsigned cond;

    dc->pc_curr = db->pc_next;
    if (dc->thumb) {
        thumb_translate_insn(db, cs);
        return;
    }
    db->pc_next += 4;
    dc->insn = translator_ldl(db, dc->pc_curr);
    cond = dc->insn >> 28;
    if (cond == 0xf) {
        if (!arm_disas_neon_a32(dc, dc->insn) && !disas_a32_uncond(dc, dc->insn)) {
            unallocated(dc, "unconditional-space");
        }
        return;
    }
    if (cond != 0xe) {
        dc->condlabel = gen_new_label();
        dc->condjmp = true;
        gen_jump_if(cond ^ 1, dc->condlabel);
    }
    if (!disas_a32(dc, dc->insn) && !disas_vfp(dc, dc->insn) &&
        !arm_disas_neon_shared(dc, dc->insn)) {
        unallocated(dc, "unimplemented");
    }
    if (dc->condjmp && db->is_jmp == DISAS_NEXT) {
        gen_set_label(dc->condlabel);
        dc->condjmp = false;
    }
}

/*
 * DISAS_BRANCH: the next block's flags are this block's with the Thumb bit
 * and the IT state from env (what arm_cpu_get_tb_cpu_state computes there).
 */
static void gen_branch_lookup(DisasContext *dc)
{
    TCGv_i32 flags = tcg_temp_new_i32(), t = tcg_temp_new_i32();
    TCGv_i64 pc = tcg_temp_new_i64();

    tcg_gen_ld_i32(flags, tcg_env, offsetof(CPUARMState, thumb));
    tcg_gen_ld_i32(t, tcg_env, offsetof(CPUARMState, condexec_bits));
    tcg_gen_andi_i32(t, t, 0xff);
    tcg_gen_shli_i32(t, t, ARM_TBFLAG_CONDEXEC_SHIFT);
    tcg_gen_or_i32(flags, flags, t);
    tcg_gen_ori_i32(flags, flags,
                    dc->base.tb->flags & ~(ARM_TBFLAG_THUMB | ARM_TBFLAG_CONDEXEC_MASK));
    tcg_gen_extu_i32_i64(pc, cpu_R[15]);
    translator_lookup_and_goto_ptr(&dc->base, pc, flags);
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
    case DISAS_UPDATE:
        tcg_gen_movi_i32(cpu_R[15], db->pc_next);
        tcg_gen_exit_tb(NULL, 0);
        break;
    case DISAS_EXIT:
        tcg_gen_exit_tb(NULL, 0);
        break;
    case DISAS_BRANCH:
        gen_branch_lookup(dc);
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
