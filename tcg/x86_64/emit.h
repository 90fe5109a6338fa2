/*
 * x86-64 opcode constants and encoding primitives shared by emit.c and
 * emit-ldst.c.
 */
#ifndef TCG_X86_64_EMIT_H
#define TCG_X86_64_EMIT_H

#define P_EXT       0x100       /* 0x0f escape */
#define P_DATA16    0x400       /* 0x66 operand-size prefix */
#define P_REXW      0x1000      /* 64-bit operand size */
#define P_REXB_R    0x2000      /* the reg field is a byte register */
#define P_REXB_RM   0x4000      /* the r/m field is a byte register */
#define P_SIMDF3    0x10000     /* 0xf3 prefix */

#define OPC_ARITH_EvIz  0x81
#define OPC_ARITH_EvIb  0x83
#define OPC_ARITH_GvEv  0x03
#define OPC_BSF         (0xbc | P_EXT)
#define OPC_BSR         (0xbd | P_EXT)
#define OPC_TZCNT       (0xbc | P_EXT | P_SIMDF3)
#define OPC_LZCNT       (0xbd | P_EXT | P_SIMDF3)
#define OPC_BSWAP       (0xc8 | P_EXT)
#define OPC_CALL_Jz     0xe8
#define OPC_CMOVCC      (0x40 | P_EXT)
#define OPC_IMUL_GvEv   (0xaf | P_EXT)
#define OPC_IMUL_GvEvIb 0x6b
#define OPC_IMUL_GvEvIz 0x69
#define OPC_JCC_long    0x80        /* after 0x0f */
#define OPC_JCC_short   0x70
#define OPC_JMP_long    0xe9
#define OPC_JMP_short   0xeb
#define OPC_LEA         0x8d
#define OPC_MOVB_EvGv   0x88
#define OPC_MOVL_EvGv   0x89
#define OPC_MOVL_GvEv   0x8b
#define OPC_MOVB_EvIz   0xc6
#define OPC_MOVL_EvIz   0xc7
#define OPC_MOVL_Iv     0xb8
#define OPC_MOVSBL      (0xbe | P_EXT)
#define OPC_MOVSWL      (0xbf | P_EXT)
#define OPC_MOVSLQ      (0x63 | P_REXW)
#define OPC_MOVZBL      (0xb6 | P_EXT)
#define OPC_MOVZWL      (0xb7 | P_EXT)
#define OPC_POP_r32     0x58
#define OPC_PUSH_r32    0x50
#define OPC_RET         0xc3
#define OPC_SETCC       (0x90 | P_EXT)
#define OPC_SHIFT_Ib    0xc1
#define OPC_SHIFT_cl    0xd3
#define OPC_TESTL       0x85
#define OPC_GRP3_Ev     0xf7
#define OPC_GRP5        0xff

#define ARITH_ADD 0
#define ARITH_OR  1
#define ARITH_ADC 2
#define ARITH_SBB 3
#define ARITH_AND 4
#define ARITH_SUB 5
#define ARITH_XOR 6
#define ARITH_CMP 7

#define SHIFT_ROL 0
#define SHIFT_ROR 1
#define SHIFT_SHL 4
#define SHIFT_SHR 5
#define SHIFT_SAR 7

#define EXT3_TESTi 0
#define EXT3_NOT   2
#define EXT3_NEG   3
#define EXT3_MUL   4
#define EXT3_IMUL  5

#define EXT5_CALLN_Ev 2
#define EXT5_JMPN_Ev  4

#define JCC_JO  0x0
#define JCC_JNO 0x1
#define JCC_JB  0x2
#define JCC_JAE 0x3
#define JCC_JE  0x4
#define JCC_JNE 0x5
#define JCC_JBE 0x6
#define JCC_JA  0x7
#define JCC_JS  0x8
#define JCC_JNS 0x9
#define JCC_JL  0xc
#define JCC_JGE 0xd
#define JCC_JLE 0xe
#define JCC_JG  0xf

void tcg_out8(TCGContext *s, uint8_t v);
void tcg_out32(TCGContext *s, uint32_t v);
void tcg_out64(TCGContext *s, uint64_t v);
void tcg_out_opc(TCGContext *s, int opc, int r, int rm, int x);
void tcg_out_modrm(TCGContext *s, int opc, int r, int rm);
void tcg_out_modrm_offset(TCGContext *s, int opc, int r, int base, intptr_t ofs);
void tcg_out_lea_code(TCGContext *s, int r, uint32_t target_ofs);
void tcg_out_lea_add(TCGContext *s, int rexw, int d, int base, int index, int64_t ofs);
void tgen_arithr(TCGContext *s, int subop, int rexw, int dst, int src);
void tgen_arithi(TCGContext *s, int subop, int rexw, int r, int64_t val);
void tcg_patch_rel32(TCGContext *s, uint32_t field, uint32_t target);

#endif
