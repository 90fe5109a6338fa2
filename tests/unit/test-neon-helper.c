/*
 * Advanced SIMD helpers (target/arm/neon_helper.c) called directly on a
 * CPU state: the saturating forms and FPSCR.QC, which guest test programs
 * cannot read back until VMRS is translated, and the modified-immediate
 * expansion. Instruction words are A32 encodings from the assembler.
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
    return g_test_run();
}
