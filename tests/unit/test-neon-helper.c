/*
 * Advanced SIMD helpers (target/arm/neon_helper.c) called directly on a
 * CPU state: the saturating forms and FPSCR.QC, which guest test programs
 * cannot read back until VMRS is translated, the modified-immediate
 * expansion, and the floating-point lanes (estimates, steps, max/min,
 * compares, the standard FPSCR value, conversions). Instruction words are
 * A32 encodings from the assembler.
 */
#include "qemu/osdep.h"
#include "target/arm/neon_helper.h"

static CPUARMState env;

static void reset_env(void)
{
    memset(&env, 0, sizeof(env));
}

static bool qc(void)
{
    return env.vfp.fpscr & ARM_FPSCR_QC;
}

/* vqadd.s8 d0, d1, d2: saturation sets QC, which then stays set. */
static void test_vqadd_qc(void)
{
    reset_env();
    env.vfp.d[1] = 0x0102030405060708ull;
    env.vfp.d[2] = 0x1010101010101010ull;
    helper_neon_3same(&env, 0xf2010012);
    g_assert_cmphex(env.vfp.d[0], ==, 0x1112131415161718ull);
    g_assert_false(qc());

    env.vfp.d[1] = 0x7f7f80800000ff01ull;
    env.vfp.d[2] = 0x0180ff80017f017full;
    helper_neon_3same(&env, 0xf2010012);
    g_assert_cmphex(env.vfp.d[0], ==, 0x7fff8080017f007full);
    g_assert_true(qc());

    /* QC is sticky: a later operation that does not saturate keeps it. */
    env.vfp.d[1] = env.vfp.d[2] = 0;
    helper_neon_3same(&env, 0xf2010802);        /* vadd.i8 d0, d1, d2 */
    g_assert_cmphex(env.vfp.d[0], ==, 0);
    g_assert_true(qc());
}

/* vqadd.u32 q8, q9, q10: high registers, Q form. */
static void test_vqadd_u32_q(void)
{
    reset_env();
    env.vfp.d[18] = 0xffffffff00000001ull;
    env.vfp.d[19] = 0x8000000000000000ull;
    env.vfp.d[20] = 0x0000000100000002ull;
    env.vfp.d[21] = 0x8000000000000001ull;
    helper_neon_3same(&env, 0xf36200f4);
    g_assert_cmphex(env.vfp.d[16], ==, 0xffffffff00000003ull);
    g_assert_cmphex(env.vfp.d[17], ==, 0xffffffff00000001ull);
    g_assert_true(qc());
}

/* vqrdmulh.s16: only -1 * -1 (0x8000 squared) saturates. */
static void test_vqrdmulh(void)
{
    reset_env();
    env.vfp.d[1] = 0x8000800040000001ull;
    env.vfp.d[2] = 0x8000400040007fffull;
    helper_neon_3same(&env, 0xf3110b02);
    g_assert_cmphex(env.vfp.d[0], ==, 0x7fffc00020000001ull);
    g_assert_true(qc());
}

/* vqshl.u64 d0, d1, d2 (value d1, shift d2 bottom byte, signed). */
static void test_vqshl_u64(void)
{
    reset_env();
    env.vfp.d[1] = 0x00000000000000ffull;
    env.vfp.d[2] = 56;
    helper_neon_3same(&env, 0xf3320411);
    g_assert_cmphex(env.vfp.d[0], ==, 0xff00000000000000ull);
    g_assert_false(qc());
    env.vfp.d[2] = 57;
    helper_neon_3same(&env, 0xf3320411);
    g_assert_cmphex(env.vfp.d[0], ==, ~0ull);
    g_assert_true(qc());
    /* A negative count shifts right, without saturation. */
    reset_env();
    env.vfp.d[1] = 0x8000000000000000ull;
    env.vfp.d[2] = 0xc1;     /* -63 */
    helper_neon_3same(&env, 0xf3320411);
    g_assert_cmphex(env.vfp.d[0], ==, 1);
    g_assert_false(qc());
}

/* vqmovn.s32 d0, q1 and vqabs.s8 d0, d1. */
static void test_narrow_abs(void)
{
    reset_env();
    env.vfp.d[2] = 0xffff80000000ffffull;       /* -32768, 65535 */
    env.vfp.d[3] = 0x7fffffff80000000ull;       /* INT32_MAX, INT32_MIN */
    helper_neon_2misc(&env, 0xf3b60282);
    g_assert_cmphex(env.vfp.d[0], ==, 0x7fff800080007fffull);
    g_assert_true(qc());

    reset_env();
    env.vfp.d[1] = 0x80817f0001ff0000ull;
    helper_neon_2misc(&env, 0xf3b00701);
    g_assert_cmphex(env.vfp.d[0], ==, 0x7f7f7f0001010000ull);
    g_assert_true(qc());
}

/* vqdmlal.s32 q0, d2, d3: the doubling product and the sum saturate. */
static void test_vqdmlal(void)
{
    reset_env();
    env.vfp.d[0] = 5;
    env.vfp.d[1] = 0x7ffffffffffffff0ull;
    env.vfp.d[2] = 0x0000000280000000ull;       /* lanes: INT32_MIN, 2 */
    env.vfp.d[3] = 0x0000000880000000ull;       /* lanes: INT32_MIN, 8 */
    helper_neon_3diff(&env, 0xf2a20903);
    g_assert_cmphex(env.vfp.d[0], ==, 0x7fffffffffffffffull);
    g_assert_cmphex(env.vfp.d[1], ==, 0x7fffffffffffffffull);
    g_assert_true(qc());
}

static void test_expand_imm(void)
{
    g_assert_cmphex(arm_neon_expand_imm(0, 0, 0x12), ==, 0x0000001200000012ull);
    g_assert_cmphex(arm_neon_expand_imm(0, 6, 0x12), ==, 0x12000000120000ull << 8);
    g_assert_cmphex(arm_neon_expand_imm(0, 10, 0xab), ==, 0xab00ab00ab00ab00ull);
    g_assert_cmphex(arm_neon_expand_imm(1, 12, 0x4a), ==, 0x00004aff00004affull);
    g_assert_cmphex(arm_neon_expand_imm(0, 13, 0x4a), ==, 0x004affff004affffull);
    g_assert_cmphex(arm_neon_expand_imm(0, 14, 0xa5), ==, 0xa5a5a5a5a5a5a5a5ull);
    g_assert_cmphex(arm_neon_expand_imm(1, 14, 0xa5), ==, 0xff00ff0000ff00ffull);
    /* 1.0f and -0.125f */
    g_assert_cmphex(arm_neon_expand_imm(0, 15, 0x70), ==, 0x3f8000003f800000ull);
    g_assert_cmphex(arm_neon_expand_imm(0, 15, 0xc0), ==, 0xbe000000be000000ull);
}

/* ---- floating point ---- */

#define F_DNAN 0x7fc00000u

/* VRECPE.F32: the table's ends, the special operands and their flags. */
static void test_recpe_f32(void)
{
    uint32_t fl = 0;

    g_assert_cmphex(arm_neon_recpe_f32(0x3f800000, &fl), ==, 0x3f7f8000);   /* 1.0 */
    g_assert_cmphex(arm_neon_recpe_f32(0xbfffffff, &fl), ==, 0xbf000000);   /* -2^1 */
    g_assert_cmphex(fl, ==, 0);
    g_assert_cmphex(arm_neon_recpe_f32(0x80000000, &fl), ==, 0xff800000);
    g_assert_cmphex(fl, ==, ARM_FPSCR_DZC);
    fl = 0;
    /* A denormal is flushed (IDC) and then is a zero (DZC). */
    g_assert_cmphex(arm_neon_recpe_f32(0x00000001, &fl), ==, 0x7f800000);
    g_assert_cmphex(fl, ==, ARM_FPSCR_IDC | ARM_FPSCR_DZC);
    fl = 0;
    /* |a| >= 2^126: underflow to zero; just below gives the smallest normal. */
    g_assert_cmphex(arm_neon_recpe_f32(0xfe800000, &fl), ==, 0x80000000);
    g_assert_cmphex(fl, ==, ARM_FPSCR_UFC);
    fl = 0;
    g_assert_cmphex(arm_neon_recpe_f32(0x7e7fffff, &fl), ==, 0x00800000);
    g_assert_cmphex(arm_neon_recpe_f32(0xff800000, &fl), ==, 0x80000000);
    g_assert_cmphex(arm_neon_recpe_f32(0x7fc12345, &fl), ==, F_DNAN);
    g_assert_cmphex(fl, ==, 0);
    g_assert_cmphex(arm_neon_recpe_f32(0x7f800001, &fl), ==, F_DNAN);
    g_assert_cmphex(fl, ==, ARM_FPSCR_IOC);
}

/* VRSQRTE.F32: both exponent parities, negative operands, zeros. */
static void test_rsqrte_f32(void)
{
    uint32_t fl = 0;

    g_assert_cmphex(arm_neon_rsqrte_f32(0x3f800000, &fl), ==, 0x3f7f8000);  /* 1 */
    g_assert_cmphex(arm_neon_rsqrte_f32(0x40800000, &fl), ==, 0x3eff8000);  /* 4 */
    g_assert_cmphex(arm_neon_rsqrte_f32(0x40000000, &fl), ==, 0x3f348000);  /* 2 */
    g_assert_cmphex(arm_neon_rsqrte_f32(0x7f800000, &fl), ==, 0);
    g_assert_cmphex(fl, ==, 0);
    g_assert_cmphex(arm_neon_rsqrte_f32(0x80000000, &fl), ==, 0xff800000);
    g_assert_cmphex(fl, ==, ARM_FPSCR_DZC);
    fl = 0;
    g_assert_cmphex(arm_neon_rsqrte_f32(0xbf800000, &fl), ==, F_DNAN);
    g_assert_cmphex(fl, ==, ARM_FPSCR_IOC);
    fl = 0;
    g_assert_cmphex(arm_neon_rsqrte_f32(0xff800000, &fl), ==, F_DNAN);
    g_assert_cmphex(fl, ==, ARM_FPSCR_IOC);
}

static void test_estimate_u32(void)
{
    g_assert_cmphex(arm_neon_recpe_u32(0x7fffffff), ==, 0xffffffff);
    g_assert_cmphex(arm_neon_recpe_u32(0x80000000), ==, 0xff800000);
    g_assert_cmphex(arm_neon_recpe_u32(0xffffffff), ==, 0x80000000);
    g_assert_cmphex(arm_neon_rsqrte_u32(0x3fffffff), ==, 0xffffffff);
    g_assert_cmphex(arm_neon_rsqrte_u32(0x40000000), ==, 0xff800000);
    g_assert_cmphex(arm_neon_rsqrte_u32(0x80000000), ==, 0xb4800000);
}

/* VRECPS/VRSQRTS: infinity times zero (also a flushed denormal) is exact. */
static void test_steps(void)
{
    uint32_t fl = 0;

    g_assert_cmphex(arm_neon_recps_f32(0xff800000, 0x00000000, &fl), ==, 0x40000000);
    g_assert_cmphex(fl, ==, 0);
    g_assert_cmphex(arm_neon_recps_f32(0x807fffff, 0x7f800000, &fl), ==, 0x40000000);
    g_assert_cmphex(fl, ==, ARM_FPSCR_IDC);
    fl = 0;
    g_assert_cmphex(arm_neon_recps_f32(0x40000000, 0x40400000, &fl), ==, 0xc0800000);
    g_assert_cmphex(arm_neon_rsqrts_f32(0x7f800000, 0x80000000, &fl), ==, 0x3fc00000);
    g_assert_cmphex(arm_neon_rsqrts_f32(0x3f800000, 0x3f800000, &fl), ==, 0x3f800000);
    g_assert_cmphex(arm_neon_rsqrts_f32(0x40000000, 0x40000000, &fl), ==, 0xbf000000);
    g_assert_cmphex(fl, ==, 0);
    g_assert_cmphex(arm_neon_recps_f32(0x3f800000, 0x7fc00001, &fl), ==, F_DNAN);
    g_assert_cmphex(fl, ==, 0);
    g_assert_cmphex(arm_neon_rsqrts_f32(0x7f800001, 0x3f800000, &fl), ==, F_DNAN);
    g_assert_cmphex(fl, ==, ARM_FPSCR_IOC);
    fl = 0;
    /* The product overflows (OFC, IXC): 2 - inf. */
    g_assert_cmphex(arm_neon_recps_f32(0x7f000000, 0x7f000000, &fl), ==, 0xff800000);
    g_assert_cmphex(fl, ==, ARM_FPSCR_OFC | ARM_FPSCR_IXC);
}

static void test_max_min_cmp(void)
{
    uint32_t fl = 0;

    g_assert_cmphex(arm_neon_max_f32(0x80000000, 0x00000000, false, &fl), ==, 0);
    g_assert_cmphex(arm_neon_max_f32(0x00000000, 0x80000000, true, &fl), ==, 0x80000000);
    g_assert_cmphex(arm_neon_max_f32(0xbf800000, 0x3f000000, false, &fl), ==, 0x3f000000);
    g_assert_cmphex(arm_neon_max_f32(0xbf800000, 0x3f000000, true, &fl), ==, 0xbf800000);
    g_assert_cmphex(arm_neon_max_f32(0xffc00001, 0x3f800000, false, &fl), ==, F_DNAN);
    g_assert_cmphex(fl, ==, 0);
    /* A denormal is a zero of its sign: min(-denormal, +0) is -0. */
    g_assert_cmphex(arm_neon_max_f32(0x80000001, 0x00000000, true, &fl), ==, 0x80000000);
    g_assert_cmphex(fl, ==, ARM_FPSCR_IDC);
    fl = 0;
    g_assert_cmphex(arm_neon_cmp_f32(0x7fc00000, 0x7fc00000, ARM_NEON_CMP_EQ, false, &fl), ==,
                    0);
    g_assert_cmphex(fl, ==, 0);
    g_assert_cmphex(arm_neon_cmp_f32(0x7fc00000, 0, ARM_NEON_CMP_GE, false, &fl), ==, 0);
    g_assert_cmphex(fl, ==, ARM_FPSCR_IOC);
    fl = 0;
    g_assert_cmphex(arm_neon_cmp_f32(0x7f800001, 0, ARM_NEON_CMP_EQ, false, &fl), ==, 0);
    g_assert_cmphex(fl, ==, ARM_FPSCR_IOC);
    fl = 0;
    g_assert_cmphex(arm_neon_cmp_f32(0xc0400000, 0x40000000, ARM_NEON_CMP_GT, true, &fl), ==,
                    0xffffffff);
    g_assert_cmphex(arm_neon_cmp_f32(0xc0400000, 0x40000000, ARM_NEON_CMP_GT, false, &fl), ==,
                    0);
    g_assert_cmphex(arm_neon_cmp_f32(0x80000000, 0, ARM_NEON_CMP_GE, false, &fl), ==,
                    0xffffffff);
    g_assert_cmphex(fl, ==, 0);
    g_assert_cmphex(arm_neon_cmp_f32(0x00400000, 0, ARM_NEON_CMP_EQ, false, &fl), ==,
                    0xffffffff);
    g_assert_cmphex(fl, ==, ARM_FPSCR_IDC);
}

/*
 * vadd.f32 d0, d1, d2 under an FPSCR asking for round toward zero, no FZ,
 * no DN: the standard value applies, the control bits stay and the
 * flags accumulate.
 */
static void test_3same_fp_standard(void)
{
    uint32_t ctl = 3u << ARM_FPSCR_RMODE_SHIFT;

    reset_env();
    env.vfp.fpscr = ctl;
    env.vfp.d[1] = 0x007fffff3f800000ull;        /* { 1.0, denormal } */
    env.vfp.d[2] = 0x7f80000133c00000ull;        /* { 1.5 * 2^-24, sNaN } */
    helper_neon_3same_fp(&env, 0xf2010d02);
    g_assert_cmphex(env.vfp.d[0], ==, 0x7fc000003f800001ull);
    g_assert_cmphex(env.vfp.fpscr, ==,
                    ctl | ARM_FPSCR_IDC | ARM_FPSCR_IOC | ARM_FPSCR_IXC);

    /* vpmax.f32 d0, d1, d2: the pairs of each operand. */
    env.vfp.d[1] = 0xbf8000003f000000ull;
    env.vfp.d[2] = 0x4000000040400000ull;
    helper_neon_3same_fp(&env, 0xf3010f02);
    g_assert_cmphex(env.vfp.d[0], ==, 0x404000003f000000ull);
}

/* vmls.f32 d0, d1, d15[1] and vmul.f32 d0, d1, d2[1]: the scalar lane. */
static void test_2scalar_fp(void)
{
    reset_env();
    env.vfp.d[15] = 0x4000000012345678ull;       /* scalar [1] = 2.0 */
    env.vfp.d[1] = 0xc04000003f800000ull;        /* { 1.0, -3.0 } */
    env.vfp.d[0] = 0x4120000040a00000ull;        /* { 5.0, 10.0 } */
    helper_neon_2scalar_fp(&env, 0xf2a1056f);
    g_assert_cmphex(env.vfp.d[0], ==, 0x4180000040400000ull);  /* { 3.0, 16.0 } */
    env.vfp.d[2] = 0x3f00000000000000ull;        /* scalar [1] = 0.5 */
    helper_neon_2scalar_fp(&env, 0xf2a10962);
    g_assert_cmphex(env.vfp.d[0], ==, 0xbfc000003f000000ull);
    g_assert_cmphex(env.vfp.fpscr, ==, 0);
}

/* Conversions: to fixed point toward zero, half precision with AHP. */
static void test_conversions(void)
{
    reset_env();
    /* vcvt.s32.f32 d0, d1, #3: 1.5 * 8 = 12; -0.1 * 8 = -0.8 -> 0 (IXC). */
    env.vfp.d[1] = 0xbdcccccd3fc00000ull;
    helper_neon_cvt_fixed(&env, 0xf2bd0f11);
    g_assert_cmphex(env.vfp.d[0], ==, 0x000000000000000cull);
    g_assert_cmphex(env.vfp.fpscr, ==, ARM_FPSCR_IXC);
    /* vcvt.u32.f32 d0, d1: NaN and -1 saturate to 0 (IOC). */
    reset_env();
    env.vfp.d[1] = 0xbf8000007fc00000ull;
    helper_neon_2misc_fp(&env, 0xf3bb0781);
    g_assert_cmphex(env.vfp.d[0], ==, 0);
    g_assert_cmphex(env.vfp.fpscr, ==, ARM_FPSCR_IOC);
    /* vcvt.f16.f32 d0, q1 with AHP: infinity is 0x7fff (IOC), NaN 0 (IOC). */
    reset_env();
    env.vfp.fpscr = ARM_FPSCR_AHP;
    env.vfp.d[2] = 0x7f8000003f800000ull;
    env.vfp.d[3] = 0x7fc0000047800000ull;        /* { 65536.0, NaN } */
    helper_neon_2misc_fp(&env, 0xf3b60602);
    g_assert_cmphex(env.vfp.d[0], ==, 0x00007c007fff3c00ull);
    g_assert_cmphex(env.vfp.fpscr, ==, ARM_FPSCR_AHP | ARM_FPSCR_IOC);
    /* vcvt.f32.f16 q0, d1 without AHP: 0x7c00 is infinity. */
    env.vfp.fpscr = 0;
    env.vfp.d[1] = 0x00017c00bc003c00ull;
    helper_neon_2misc_fp(&env, 0xf3b60701);
    g_assert_cmphex(env.vfp.d[0], ==, 0xbf8000003f800000ull);
    g_assert_cmphex(env.vfp.d[1], ==, 0x338000007f800000ull);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/neon/vqadd-qc", test_vqadd_qc);
    g_test_add_func("/neon/vqadd-u32-q", test_vqadd_u32_q);
    g_test_add_func("/neon/vqrdmulh", test_vqrdmulh);
    g_test_add_func("/neon/vqshl-u64", test_vqshl_u64);
    g_test_add_func("/neon/narrow-abs", test_narrow_abs);
    g_test_add_func("/neon/vqdmlal", test_vqdmlal);
    g_test_add_func("/neon/expand-imm", test_expand_imm);
    g_test_add_func("/neon/fp/recpe-f32", test_recpe_f32);
    g_test_add_func("/neon/fp/rsqrte-f32", test_rsqrte_f32);
    g_test_add_func("/neon/fp/estimate-u32", test_estimate_u32);
    g_test_add_func("/neon/fp/steps", test_steps);
    g_test_add_func("/neon/fp/max-min-cmp", test_max_min_cmp);
    g_test_add_func("/neon/fp/3same-standard", test_3same_fp_standard);
    g_test_add_func("/neon/fp/2scalar", test_2scalar_fp);
    g_test_add_func("/neon/fp/conversions", test_conversions);
    return g_test_run();
}
