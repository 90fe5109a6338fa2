/*
 * The ARM VFP arithmetic API (target/arm/vfp_helper.h) on its own: the
 * parts the guest tests cannot reach on a Cortex-A9 (fused multiply-add,
 * the Advanced SIMD "standard FPSCR value") and a few hand-checked edge
 * cases with their exact flags. Expected values are worked out by hand
 * from the IEEE 754 and ARM rules stated next to each.
 */
#include "qemu/osdep.h"
#include "target/arm/vfp_helper.h"

#define RP (1u << ARM_FPSCR_RMODE_SHIFT)
#define RM (2u << ARM_FPSCR_RMODE_SHIFT)
#define RZ (3u << ARM_FPSCR_RMODE_SHIFT)

static void test_fma(void)
{
    uint32_t fl = 0;

    /* (1 + 2^-23)(1 - 2^-23) - 1 = -2^-46 exactly with one rounding ... */
    g_assert_cmphex(helper_vfp_fmas(0xbf800000, 0x3f800001, 0x3f7ffffe, 0, &fl), ==,
                    0xa8800000);
    g_assert_cmphex(fl, ==, 0);
    /* ... and 0 with two (the product rounds to 1). */
    g_assert_cmphex(helper_vfp_adds(0xbf800000,
                                    helper_vfp_muls(0x3f800001, 0x3f7ffffe, 0, &fl), 0, &fl),
                    ==, 0);
    g_assert_cmphex(fl, ==, ARM_FPSCR_IXC);
    fl = 0;
    g_assert_cmphex(helper_vfp_fmad(0xbff0000000000000ull, 0x3ff0000000000001ull,
                                    0x3feffffffffffffeull, 0, &fl), ==, 0xb970000000000000ull);
    g_assert_cmphex(fl, ==, 0);
}

static void test_fma_nans(void)
{
    uint32_t fl = 0;

    /* Signalling before quiet; among equals the addend comes first. */
    g_assert_cmphex(helper_vfp_fmas(0x7fc00001, 0x7f800002, 0x3f800000, 0, &fl), ==,
                    0x7fc00002);
    g_assert_cmphex(fl, ==, ARM_FPSCR_IOC);
    fl = 0;
    g_assert_cmphex(helper_vfp_fmas(0x7f800003, 0x7f800002, 0x3f800000, 0, &fl), ==,
                    0x7fc00003);
    g_assert_cmphex(fl, ==, ARM_FPSCR_IOC);
    fl = 0;
    g_assert_cmphex(helper_vfp_fmas(0x7fc00001, 0x7fc00004, 0x3f800000, 0, &fl), ==,
                    0x7fc00001);
    g_assert_cmphex(fl, ==, 0);
    /* infinity * 0 + quiet NaN: invalid, default NaN. */
    g_assert_cmphex(helper_vfp_fmas(0x7fc00001, 0x7f800000, 0, 0, &fl), ==,
                    ARM_VFP_DEFAULT_NAN_S);
    g_assert_cmphex(fl, ==, ARM_FPSCR_IOC);
}

static void test_standard_fpscr(void)
{
    uint32_t fl = 0;

    /* FZ: a denormal input counts as zero (IDC). */
    g_assert_cmphex(helper_vfp_adds(0x00000001, 0, ARM_FPSCR_STANDARD, &fl), ==, 0);
    g_assert_cmphex(fl, ==, ARM_FPSCR_IDC);
    fl = 0;
    /* DN: a quiet NaN operand gives the default NaN, without IOC. */
    g_assert_cmphex(helper_vfp_adds(0xffc00005, 0x3f800000, ARM_FPSCR_STANDARD, &fl), ==,
                    ARM_VFP_DEFAULT_NAN_S);
    g_assert_cmphex(fl, ==, 0);
    g_assert_cmphex(helper_vfp_addd(0xfff8000000000005ull, 0, ARM_FPSCR_STANDARD, &fl), ==,
                    ARM_VFP_DEFAULT_NAN_D);
    /* Without DN the NaN propagates (quietened, IOC for a signalling one). */
    g_assert_cmphex(helper_vfp_adds(0x3f800000, 0xff800005, 0, &fl), ==, 0xffc00005);
    g_assert_cmphex(fl, ==, ARM_FPSCR_IOC);
}

static void test_tininess(void)
{
    uint32_t fl = 0;

    /* 0x00ffffff * 0.5 = (2^24 - 1) 2^-150: tiny before rounding, rounds to 2^-126. */
    g_assert_cmphex(helper_vfp_muls(0x00ffffff, 0x3f000000, 0, &fl), ==, 0x00800000);
    g_assert_cmphex(fl, ==, ARM_FPSCR_UFC | ARM_FPSCR_IXC);
    fl = 0;
    /* FZ flushes it: UFC, no IXC. */
    g_assert_cmphex(helper_vfp_muls(0x80ffffff, 0x3f000000, ARM_FPSCR_FZ, &fl), ==,
                    0x80000000);
    g_assert_cmphex(fl, ==, ARM_FPSCR_UFC);
    fl = 0;
    /* An exact denormal result raises nothing. */
    g_assert_cmphex(helper_vfp_muls(0x00800000, 0x3f000000, 0, &fl), ==, 0x00400000);
    g_assert_cmphex(fl, ==, 0);
}

static void test_rounding(void)
{
    static const struct { uint32_t mode, res; } cases[] = {
        { 0, 0x3f800000 }, { RP, 0x3f800001 }, { RM, 0x3f800000 }, { RZ, 0x3f800000 },
    };
    uint32_t fl;

    /* 1 + 2^-24: a tie, to even under round to nearest. */
    for (unsigned i = 0; i < G_N_ELEMENTS(cases); i++) {
        fl = 0;
        g_assert_cmphex(helper_vfp_adds(0x3f800000, 0x33800000, cases[i].mode, &fl), ==,
                        cases[i].res);
        g_assert_cmphex(fl, ==, ARM_FPSCR_IXC);
    }
    fl = 0;
    /* Overflow: infinity to nearest, the largest finite toward zero. */
    g_assert_cmphex(helper_vfp_muls(0x7f7fffff, 0x40000000, 0, &fl), ==, 0x7f800000);
    g_assert_cmphex(helper_vfp_muls(0x7f7fffff, 0x40000000, RZ, &fl), ==, 0x7f7fffff);
    g_assert_cmphex(fl, ==, ARM_FPSCR_OFC | ARM_FPSCR_IXC);
    fl = 0;
    g_assert_cmphex(helper_vfp_divs(0x3f800000, 0x80000000, 0, &fl), ==, 0xff800000);
    g_assert_cmphex(fl, ==, ARM_FPSCR_DZC);
}

static void test_to_int(void)
{
    uint32_t fl = 0;

    /* 3e9 saturates a signed 32-bit result (IOC, not IXC). */
    g_assert_cmphex(helper_vfp_f32_to_fixed(0x4f32d05e, 32, 0, true, true, 0, &fl), ==,
                    0x7fffffff);
    g_assert_cmphex(fl, ==, ARM_FPSCR_IOC);
    fl = 0;
    g_assert_cmphex(helper_vfp_f32_to_fixed(0x7fc00000, 32, 0, true, true, 0, &fl), ==, 0);
    g_assert_cmphex(fl, ==, ARM_FPSCR_IOC);
    fl = 0;
    g_assert_cmphex(helper_vfp_f32_to_fixed(0xbfc00000, 32, 0, false, true, 0, &fl), ==, 0);
    g_assert_cmphex(fl, ==, ARM_FPSCR_IOC);
    fl = 0;
    /* 2.5 by FPSCR.RMode: 2 to nearest (even), 3 toward +infinity. */
    g_assert_cmphex(helper_vfp_f32_to_fixed(0x40200000, 32, 0, true, false, 0, &fl), ==, 2);
    g_assert_cmphex(helper_vfp_f32_to_fixed(0x40200000, 32, 0, true, false, RP, &fl), ==, 3);
    g_assert_cmphex(fl, ==, ARM_FPSCR_IXC);
    fl = 0;
    /* 16-bit fixed point with 8 fraction bits: -1.5 is 0xfe80, sign-extended. */
    g_assert_cmphex(helper_vfp_f32_to_fixed(0xbfc00000, 16, 8, true, true, 0, &fl), ==,
                    0xfffffe80);
    g_assert_cmphex(helper_vfp_fixed_to_f32(0xfe80, 16, 8, true, 0, &fl), ==, 0xbfc00000);
    g_assert_cmphex(fl, ==, 0);
}

static void test_compare(void)
{
    uint32_t fl = 0;

    g_assert_cmphex(helper_vfp_cmps(0x7fc00000, 0, false, 0, &fl), ==, 0x30000000);
    g_assert_cmphex(fl, ==, 0);
    g_assert_cmphex(helper_vfp_cmps(0x7fc00000, 0, true, 0, &fl), ==, 0x30000000);
    g_assert_cmphex(fl, ==, ARM_FPSCR_IOC);
    g_assert_cmphex(helper_vfp_cmpd(0x8000000000000000ull, 0, false, 0, &fl), ==, 0x60000000);
    g_assert_cmphex(helper_vfp_cmpd(0xbff0000000000000ull, 0, false, 0, &fl), ==, 0x80000000);
    g_assert_cmphex(helper_vfp_cmps(0x3f800000, 0, false, 0, &fl), ==, 0x20000000);
}

static void test_half(void)
{
    uint32_t fl = 0;

    /* 65520 is halfway between 65504 and 2^16: overflows to nearest. */
    g_assert_cmphex(helper_vfp_f32_to_f16(0x477ff000, 0, &fl), ==, 0x7c00);
    g_assert_cmphex(fl, ==, ARM_FPSCR_OFC | ARM_FPSCR_IXC);
    g_assert_cmphex(helper_vfp_f32_to_f16(0x477ff000, RZ, &fl), ==, 0x7bff);
    fl = 0;
    /* The alternative format has no infinity: 1e6 saturates with IOC. */
    g_assert_cmphex(helper_vfp_f32_to_f16(0x49742400, ARM_FPSCR_AHP, &fl), ==, 0x7fff);
    g_assert_cmphex(fl, ==, ARM_FPSCR_IOC);
    g_assert_cmphex(helper_vfp_f16_to_f32(0x7c00, ARM_FPSCR_AHP, &fl), ==, 0x47800000);
    fl = 0;
    /* A signalling half NaN: quietened, payload kept, IOC. */
    g_assert_cmphex(helper_vfp_f16_to_f32(0x7d01, 0, &fl), ==, 0x7fe02000);
    g_assert_cmphex(fl, ==, ARM_FPSCR_IOC);
    /* The smallest half denormal. */
    g_assert_cmphex(helper_vfp_f16_to_f32(0x8001, 0, &fl), ==, 0xb3800000);
    g_assert_cmphex(helper_vfp_f32_to_f16(0xb3800000, 0, &fl), ==, 0x8001);
}

static void test_convert_precision(void)
{
    uint32_t fl = 0;

    /* A signalling single NaN widens quietened, payload shifted up. */
    g_assert_cmphex(helper_vfp_f32_to_f64(0x7f800001, 0, &fl), ==, 0x7ff8000020000000ull);
    g_assert_cmphex(fl, ==, ARM_FPSCR_IOC);
    fl = 0;
    /* The smallest double normal narrows to zero (underflow, inexact). */
    g_assert_cmphex(helper_vfp_f64_to_f32(0x0010000000000000ull, 0, &fl), ==, 0);
    g_assert_cmphex(fl, ==, ARM_FPSCR_UFC | ARM_FPSCR_IXC);
    fl = 0;
    g_assert_cmphex(helper_vfp_f64_to_f32(0x0010000000000000ull, RP, &fl), ==, 1);
    g_assert_cmphex(helper_vfp_sqrts(0xbf800000, 0, &fl), ==, ARM_VFP_DEFAULT_NAN_S);
    g_assert_cmphex(fl, ==, ARM_FPSCR_UFC | ARM_FPSCR_IXC | ARM_FPSCR_IOC);
    g_assert_cmphex(helper_vfp_sqrtd(0x8000000000000000ull, 0, &fl), ==, 0x8000000000000000ull);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/arm-vfp/fma", test_fma);
    g_test_add_func("/arm-vfp/fma-nans", test_fma_nans);
    g_test_add_func("/arm-vfp/standard-fpscr", test_standard_fpscr);
    g_test_add_func("/arm-vfp/tininess", test_tininess);
    g_test_add_func("/arm-vfp/rounding", test_rounding);
    g_test_add_func("/arm-vfp/to-int", test_to_int);
    g_test_add_func("/arm-vfp/compare", test_compare);
    g_test_add_func("/arm-vfp/half", test_half);
    g_test_add_func("/arm-vfp/convert-precision", test_convert_precision);
    return g_test_run();
}
