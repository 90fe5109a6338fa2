/*
 * Advanced SIMD (NEON) integer operations, run out of line by the code the
 * A32/T32 front end generates (translate-neon.c.inc).
 *
 * Each helper takes the instruction in its A32 encoding (T32 encodings are
 * converted first) and works on env->vfp.d: the translator has already
 * checked every UNDEF condition (register alignment for Q forms, reserved
 * sizes, floating-point forms, which are not implemented), so a helper
 * never raises an exception. Saturating forms set FPSCR.QC (bit 27).
 * Lanes are little-endian within each D register: lane i of an N-bit
 * element size is bits [N*i + N - 1 : N*i] (ARM ARM A2.6, "Advanced SIMD
 * vectors").
 */
#ifndef TARGET_ARM_NEON_HELPER_H
#define TARGET_ARM_NEON_HELPER_H

#include "target/arm/cpu.h"

#define ARM_FPSCR_QC (1u << 27)

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
 * The expansion of a modified immediate (AdvSIMDExpandImm) to 64 bits;
 * OP is bit 5, CMODE bits 11:8, IMM8 i:imm3:imm4.
 */
uint64_t arm_neon_expand_imm(int op, int cmode, uint32_t imm8);

#endif
