/*
 * ARM VFP arithmetic (ARMv7-A ARM, A2.7 and the FP pseudocode of A2.7.x):
 * IEEE 754 operations with ARM's choices for NaNs, flush-to-zero,
 * tininess and the cumulative exception flags.
 *
 * Every operation takes the control word FPSCR (only RMode, FZ, DN and AHP
 * are read) and ORs the exceptions it raises into *FLAGS, in FPSCR layout
 * (IOC, DZC, OFC, UFC, IXC, IDC). The VFP translator passes the live FPSCR
 * and &env->vfp.fpscr; Advanced SIMD passes ARM_FPSCR_STANDARD.
 * Values travel as their bit patterns (uint32_t single, uint64_t double).
 */
#ifndef TARGET_ARM_VFP_HELPER_H
#define TARGET_ARM_VFP_HELPER_H

#include <stdbool.h>
#include <stdint.h>

#define ARM_FPSCR_IOC       (1u << 0)
#define ARM_FPSCR_DZC       (1u << 1)
#define ARM_FPSCR_OFC       (1u << 2)
#define ARM_FPSCR_UFC       (1u << 3)
#define ARM_FPSCR_IXC       (1u << 4)
#define ARM_FPSCR_IDC       (1u << 7)
#define ARM_FPSCR_EXC_MASK  0x9fu
#define ARM_FPSCR_LEN_SHIFT 16
#define ARM_FPSCR_STRIDE_SHIFT 20
#define ARM_FPSCR_RMODE_SHIFT 22      /* 0 nearest, 1 +inf, 2 -inf, 3 zero */
#define ARM_FPSCR_FZ        (1u << 24)
#define ARM_FPSCR_DN        (1u << 25)
#define ARM_FPSCR_AHP       (1u << 26)
#define ARM_FPSCR_QC        (1u << 27)
#define ARM_FPSCR_NZCV      0xf0000000u
/* The "standard FPSCR value" of Advanced SIMD: FZ, DN, round to nearest. */
#define ARM_FPSCR_STANDARD  (ARM_FPSCR_FZ | ARM_FPSCR_DN)

#define ARM_VFP_DEFAULT_NAN_S 0x7fc00000u
#define ARM_VFP_DEFAULT_NAN_D 0x7ff8000000000000ull

/* Two-operand arithmetic: a OP b. */
uint32_t helper_vfp_adds(uint32_t a, uint32_t b, uint32_t fpscr, uint32_t *flags);
uint32_t helper_vfp_subs(uint32_t a, uint32_t b, uint32_t fpscr, uint32_t *flags);
uint32_t helper_vfp_muls(uint32_t a, uint32_t b, uint32_t fpscr, uint32_t *flags);
uint32_t helper_vfp_divs(uint32_t a, uint32_t b, uint32_t fpscr, uint32_t *flags);
uint64_t helper_vfp_addd(uint64_t a, uint64_t b, uint32_t fpscr, uint32_t *flags);
uint64_t helper_vfp_subd(uint64_t a, uint64_t b, uint32_t fpscr, uint32_t *flags);
uint64_t helper_vfp_muld(uint64_t a, uint64_t b, uint32_t fpscr, uint32_t *flags);
uint64_t helper_vfp_divd(uint64_t a, uint64_t b, uint32_t fpscr, uint32_t *flags);
/* Fused multiply-add, one rounding: addend + a * b (FPMulAdd). */
uint32_t helper_vfp_fmas(uint32_t addend, uint32_t a, uint32_t b, uint32_t fpscr,
                         uint32_t *flags);
uint64_t helper_vfp_fmad(uint64_t addend, uint64_t a, uint64_t b, uint32_t fpscr,
                         uint32_t *flags);
uint32_t helper_vfp_sqrts(uint32_t a, uint32_t fpscr, uint32_t *flags);
uint64_t helper_vfp_sqrtd(uint64_t a, uint32_t fpscr, uint32_t *flags);
/*
 * Comparison: returns NZCV in bits 31:28 (0110 equal, 1000 less, 0010
 * greater, 0011 unordered). QUIET_NAN_INVALID (VCMPE) raises IOC for
 * quiet NaNs too; signalling NaNs always do.
 */
uint32_t helper_vfp_cmps(uint32_t a, uint32_t b, bool quiet_nan_invalid, uint32_t fpscr,
                         uint32_t *flags);
uint32_t helper_vfp_cmpd(uint64_t a, uint64_t b, bool quiet_nan_invalid, uint32_t fpscr,
                         uint32_t *flags);
/* Precision conversions. */
uint64_t helper_vfp_f32_to_f64(uint32_t a, uint32_t fpscr, uint32_t *flags);
uint32_t helper_vfp_f64_to_f32(uint64_t a, uint32_t fpscr, uint32_t *flags);
/*
 * Float to fixed point with FRAC fraction bits, saturated to a SIZE-bit
 * (16 or 32) signed or unsigned integer (IOC on saturation or NaN),
 * rounded toward zero when RZ, else by FPSCR.RMode. The result is
 * sign- or zero-extended to 32 bits. FRAC 0 gives VCVT to integer.
 */
uint32_t helper_vfp_f32_to_fixed(uint32_t a, int size, int frac, bool is_signed, bool rz,
                                 uint32_t fpscr, uint32_t *flags);
uint32_t helper_vfp_f64_to_fixed(uint64_t a, int size, int frac, bool is_signed, bool rz,
                                 uint32_t fpscr, uint32_t *flags);
/* Fixed point (low SIZE bits of V) to float, rounded by FPSCR.RMode. */
uint32_t helper_vfp_fixed_to_f32(uint32_t v, int size, int frac, bool is_signed,
                                 uint32_t fpscr, uint32_t *flags);
uint64_t helper_vfp_fixed_to_f64(uint32_t v, int size, int frac, bool is_signed,
                                 uint32_t fpscr, uint32_t *flags);
/* Half precision (IEEE, or the alternative format with FPSCR.AHP). */
uint32_t helper_vfp_f16_to_f32(uint32_t h, uint32_t fpscr, uint32_t *flags);
uint32_t helper_vfp_f32_to_f16(uint32_t a, uint32_t fpscr, uint32_t *flags);

#endif
