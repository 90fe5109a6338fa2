/*
 * Advanced SIMD (NEON) operations, run out of line by the code the
 * A32/T32 front end generates (translate-neon.c.inc).
 *
 * Each helper takes the instruction in its A32 encoding (T32 encodings are
 * converted first) and works on env->vfp.d: the translator has already
 * checked every UNDEF condition (register alignment for Q forms, reserved
 * sizes, model features), so a helper never raises an exception.
 * Saturating forms set FPSCR.QC (bit 27).
 * Lanes are little-endian within each D register: lane i of an N-bit
 * element size is bits [N*i + N - 1 : N*i] (ARM ARM A2.6, "Advanced SIMD
 * vectors").
 */
#ifndef TARGET_ARM_NEON_HELPER_H
#define TARGET_ARM_NEON_HELPER_H

#include "target/arm/cpu.h"
#include "target/arm/vfp_helper.h"

/* Three registers of the same length (ARM ARM A7.4.1). */
void helper_neon_3same(CPUARMState *env, uint32_t insn);
/* Three registers of different lengths (A7.4.2). */
void helper_neon_3diff(CPUARMState *env, uint32_t insn);
/* Two registers and a scalar, integer forms (A7.4.3). */
void helper_neon_2scalar(CPUARMState *env, uint32_t insn);
/* Two registers and a shift amount (A7.4.4). */
void helper_neon_2shift(CPUARMState *env, uint32_t insn);
/* One register and a modified immediate (A7.4.6). */
void helper_neon_1imm(CPUARMState *env, uint32_t insn);
/* Two registers, miscellaneous, integer forms (A7.4.5). */
void helper_neon_2misc(CPUARMState *env, uint32_t insn);
/* VEXT, VTBL/VTBX, VDUP (scalar). */
void helper_neon_vext(CPUARMState *env, uint32_t insn);
void helper_neon_vtbl(CPUARMState *env, uint32_t insn);
void helper_neon_vdup_scalar(CPUARMState *env, uint32_t insn);

/*
 * Floating-point forms (single precision lanes only), run with the
 * "standard FPSCR value" (ARM_FPSCR_STANDARD: flush-to-zero, default NaN,
 * round to nearest; AHP from the FPSCR for the half-precision conversions)
 * whatever the FPSCR holds; the exceptions they raise accumulate in the
 * FPSCR's cumulative flags. The translator has checked the UNDEF cases
 * (sz = 1, odd Q registers, pairwise Q forms, model features).
 * 3same_fp: VADD/VSUB/VPADD/VABD/VMUL/VMLA/VMLS/VFMA/VFMS/VCEQ/VCGE/VCGT/
 * VACGE/VACGT/VMAX/VMIN/VPMAX/VPMIN/VRECPS/VRSQRTS (A7.4.1, opc 1100-1111).
 */
void helper_neon_3same_fp(CPUARMState *env, uint32_t insn);
/* VMLA/VMLS/VMUL by a scalar, .F32 (A7.4.3, opc 0001, 0101, 1001). */
void helper_neon_2scalar_fp(CPUARMState *env, uint32_t insn);
/*
 * Two registers, miscellaneous: compares with #0, VABS/VNEG .F32,
 * VRECPE/VRSQRTE (.F32, .U32), VCVT between F32 and S32/U32, VCVT between
 * F16 and F32 (A7.4.5).
 */
void helper_neon_2misc_fp(CPUARMState *env, uint32_t insn);
/* VCVT between F32 and fixed point with #fbits (A7.4.4, opc 111x). */
void helper_neon_cvt_fixed(CPUARMState *env, uint32_t insn);

/*
 * The per-lane operations under the standard FPSCR value, exceptions ORed
 * into *FLAGS (FPSCR layout). The estimates follow the ARM ARM's
 * reciprocal and reciprocal square root estimate tables (8 significant
 * bits); the steps compute 2 - a*b and (3 - a*b) / 2, with the product
 * rounded first, and 2.0 (1.5) for infinity times zero.
 */
uint32_t arm_neon_recpe_f32(uint32_t a, uint32_t *flags);
uint32_t arm_neon_rsqrte_f32(uint32_t a, uint32_t *flags);
uint32_t arm_neon_recpe_u32(uint32_t a);
uint32_t arm_neon_rsqrte_u32(uint32_t a);
uint32_t arm_neon_recps_f32(uint32_t a, uint32_t b, uint32_t *flags);
uint32_t arm_neon_rsqrts_f32(uint32_t a, uint32_t b, uint32_t *flags);
/* FPMax/FPMin: NaNs give the default NaN; max(+0, -0) is +0, min is -0. */
uint32_t arm_neon_max_f32(uint32_t a, uint32_t b, bool is_min, uint32_t *flags);
/*
 * Comparisons returning an all-ones or zero lane: ARM_NEON_CMP_EQ raises
 * IOC only for signalling NaNs, GE and GT (also on absolute values, ABS)
 * for every NaN.
 */
enum { ARM_NEON_CMP_EQ, ARM_NEON_CMP_GE, ARM_NEON_CMP_GT };
uint32_t arm_neon_cmp_f32(uint32_t a, uint32_t b, int cond, bool abs, uint32_t *flags);

/*
 * The expansion of a modified immediate (AdvSIMDExpandImm) to 64 bits;
 * OP is bit 5, CMODE bits 11:8, IMM8 i:imm3:imm4.
 */
uint64_t arm_neon_expand_imm(int op, int cmode, uint32_t imm8);

#endif
