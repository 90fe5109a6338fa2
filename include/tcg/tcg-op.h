/*
 * Building IR: what a guest front end calls, on the current context
 * (tcg_ctx). "d" is the destination; an op may use the same temp as
 * destination and source. Shift and rotate counts must be below the
 * width; immediates ("...i") are sign-extended to the op's width.
 */
#ifndef TCG_TCG_OP_H
#define TCG_TCG_OP_H

#include "tcg/tcg.h"

/* For helper-call arguments: the temp behind a handle. */
TCGTemp *tcgv_i32_temp(TCGv_i32 v);
TCGTemp *tcgv_i64_temp(TCGv_i64 v);
TCGTemp *tcgv_ptr_temp(TCGv_ptr v);
static inline TCGTemp *tcg_temp_none(void *p)
{
    assert(p == NULL);
    return NULL;
}
#define tcg_temp_of(x) _Generic((x), \
    TCGv_i32: tcgv_i32_temp, TCGv_i64: tcgv_i64_temp, TCGv_ptr: tcgv_ptr_temp, \
    void *: tcg_temp_none)(x)

/* Calls INFO with NARGS arguments; RET may be NULL for void helpers. */
void tcg_gen_callN(const TCGHelperInfo *info, TCGTemp *ret, int nargs, TCGTemp **args);
#define tcg_gen_call0(info, ret) tcg_gen_callN(info, tcg_temp_of(ret), 0, NULL)
#define tcg_gen_call1(info, ret, a) \
    tcg_gen_callN(info, tcg_temp_of(ret), 1, (TCGTemp *[]){ tcg_temp_of(a) })
#define tcg_gen_call2(info, ret, a, b) \
    tcg_gen_callN(info, tcg_temp_of(ret), 2, (TCGTemp *[]){ tcg_temp_of(a), tcg_temp_of(b) })
#define tcg_gen_call3(info, ret, a, b, c) \
    tcg_gen_callN(info, tcg_temp_of(ret), 3, \
                  (TCGTemp *[]){ tcg_temp_of(a), tcg_temp_of(b), tcg_temp_of(c) })
#define tcg_gen_call4(info, ret, a, b, c, d) \
    tcg_gen_callN(info, tcg_temp_of(ret), 4, (TCGTemp *[]){ tcg_temp_of(a), \
                  tcg_temp_of(b), tcg_temp_of(c), tcg_temp_of(d) })
#define tcg_gen_call5(info, ret, a, b, c, d, e) \
    tcg_gen_callN(info, tcg_temp_of(ret), 5, (TCGTemp *[]){ tcg_temp_of(a), \
                  tcg_temp_of(b), tcg_temp_of(c), tcg_temp_of(d), tcg_temp_of(e) })
#define tcg_gen_call6(info, ret, a, b, c, d, e, f) \
    tcg_gen_callN(info, tcg_temp_of(ret), 6, (TCGTemp *[]){ tcg_temp_of(a), \
                  tcg_temp_of(b), tcg_temp_of(c), tcg_temp_of(d), tcg_temp_of(e), \
                  tcg_temp_of(f) })

/* tcg_gen_call(info, ret, args...): 1 to 6 arguments. */
#define TCG_NARGS_(_1, _2, _3, _4, _5, _6, n, ...) n
#define TCG_NARGS(...) TCG_NARGS_(__VA_ARGS__, 6, 5, 4, 3, 2, 1, 0)
#define TCG_CAT_(a, b) a##b
#define TCG_CAT(a, b) TCG_CAT_(a, b)
#define tcg_gen_call(info, ret, ...) \
    TCG_CAT(tcg_gen_call, TCG_NARGS(__VA_ARGS__))(info, ret, __VA_ARGS__)

/* ---- both widths ---- */
#define TCG_OP_DECLS(W, T, I)                                                   \
void tcg_gen_mov_##W(T d, T a);                                                 \
void tcg_gen_movi_##W(T d, I v);                                                \
void tcg_gen_add_##W(T d, T a, T b);                                            \
void tcg_gen_addi_##W(T d, T a, I v);                                           \
void tcg_gen_sub_##W(T d, T a, T b);                                            \
void tcg_gen_subi_##W(T d, T a, I v);                                           \
void tcg_gen_mul_##W(T d, T a, T b);                                            \
void tcg_gen_muli_##W(T d, T a, I v);                                           \
void tcg_gen_neg_##W(T d, T a);                                                 \
void tcg_gen_and_##W(T d, T a, T b);                                            \
void tcg_gen_andi_##W(T d, T a, I v);                                           \
void tcg_gen_or_##W(T d, T a, T b);                                             \
void tcg_gen_ori_##W(T d, T a, I v);                                            \
void tcg_gen_xor_##W(T d, T a, T b);                                            \
void tcg_gen_xori_##W(T d, T a, I v);                                           \
void tcg_gen_not_##W(T d, T a);                                                 \
void tcg_gen_andc_##W(T d, T a, T b);                                           \
void tcg_gen_orc_##W(T d, T a, T b);                                            \
void tcg_gen_shl_##W(T d, T a, T b);                                            \
void tcg_gen_shli_##W(T d, T a, unsigned n);                                    \
void tcg_gen_shr_##W(T d, T a, T b);                                            \
void tcg_gen_shri_##W(T d, T a, unsigned n);                                    \
void tcg_gen_sar_##W(T d, T a, T b);                                            \
void tcg_gen_sari_##W(T d, T a, unsigned n);                                    \
void tcg_gen_rotl_##W(T d, T a, T b);                                           \
void tcg_gen_rotli_##W(T d, T a, unsigned n);                                   \
void tcg_gen_rotr_##W(T d, T a, T b);                                           \
void tcg_gen_rotri_##W(T d, T a, unsigned n);                                   \
/* (hi:lo) = a * b, unsigned / signed */                                        \
void tcg_gen_mulu2_##W(T lo, T hi, T a, T b);                                   \
void tcg_gen_muls2_##W(T lo, T hi, T a, T b);                                   \
/* (dh:dl) = (ah:al) +/- (bh:bl) */                                             \
void tcg_gen_add2_##W(T dl, T dh, T al, T ah, T bl, T bh);                      \
void tcg_gen_sub2_##W(T dl, T dh, T al, T ah, T bl, T bh);                      \
/* Division by zero gives 0 (rem: the dividend); MIN / -1 gives MIN           \
 * (rem: 0). Done by helpers. */                                                \
void tcg_gen_div_##W(T d, T a, T b);                                            \
void tcg_gen_divu_##W(T d, T a, T b);                                           \
void tcg_gen_rem_##W(T d, T a, T b);                                            \
void tcg_gen_remu_##W(T d, T a, T b);                                           \
/* d = v - a */                                                                 \
void tcg_gen_subfi_##W(T d, I v, T a);                                          \
void tcg_gen_abs_##W(T d, T a);                                                 \
void tcg_gen_smin_##W(T d, T a, T b);                                           \
void tcg_gen_smax_##W(T d, T a, T b);                                           \
void tcg_gen_umin_##W(T d, T a, T b);                                           \
void tcg_gen_umax_##W(T d, T a, T b);                                           \
/* High half of the double-width product */                                     \
void tcg_gen_muluh_##W(T d, T a, T b);                                          \
void tcg_gen_mulsh_##W(T d, T a, T b);                                          \
/* Number of set bits */                                                        \
void tcg_gen_ctpop_##W(T d, T a);                                               \
/* Bit fields: LEN bits at OFS. */                                              \
void tcg_gen_extract_##W(T d, T a, unsigned ofs, unsigned len);                 \
void tcg_gen_sextract_##W(T d, T a, unsigned ofs, unsigned len);                \
void tcg_gen_deposit_##W(T d, T a, T b, unsigned ofs, unsigned len);            \
void tcg_gen_ext8s_##W(T d, T a);                                               \
void tcg_gen_ext8u_##W(T d, T a);                                               \
void tcg_gen_ext16s_##W(T d, T a);                                              \
void tcg_gen_ext16u_##W(T d, T a);                                              \
/* bswap16/32 swap the low 2/4 bytes and zero the rest */                       \
void tcg_gen_bswap16_##W(T d, T a);                                             \
void tcg_gen_bswap32_##W(T d, T a);                                             \
/* Leading/trailing zeros; Z is the result for a zero input. */                 \
void tcg_gen_clz_##W(T d, T a, T z);                                            \
void tcg_gen_clzi_##W(T d, T a, I z);                                           \
void tcg_gen_ctz_##W(T d, T a, T z);                                            \
void tcg_gen_ctzi_##W(T d, T a, I z);                                           \
void tcg_gen_setcond_##W(TCGCond c, T d, T a, T b);                             \
void tcg_gen_setcondi_##W(TCGCond c, T d, T a, I b);                            \
/* d = (c1 cond c2) ? v1 : v2 */                                                \
void tcg_gen_movcond_##W(TCGCond c, T d, T c1, T c2, T v1, T v2);               \
void tcg_gen_brcond_##W(TCGCond c, T a, T b, TCGLabel *l);                      \
void tcg_gen_brcondi_##W(TCGCond c, T a, I b, TCGLabel *l);                     \
/* Host memory at base + offset (the env block) */                              \
void tcg_gen_ld8u_##W(T d, TCGv_ptr base, intptr_t ofs);                        \
void tcg_gen_ld8s_##W(T d, TCGv_ptr base, intptr_t ofs);                        \
void tcg_gen_ld16u_##W(T d, TCGv_ptr base, intptr_t ofs);                       \
void tcg_gen_ld16s_##W(T d, TCGv_ptr base, intptr_t ofs);                       \
void tcg_gen_ld_##W(T d, TCGv_ptr base, intptr_t ofs);                          \
void tcg_gen_st8_##W(T v, TCGv_ptr base, intptr_t ofs);                         \
void tcg_gen_st16_##W(T v, TCGv_ptr base, intptr_t ofs);                        \
void tcg_gen_st_##W(T v, TCGv_ptr base, intptr_t ofs);

TCG_OP_DECLS(i32, TCGv_i32, int32_t)
TCG_OP_DECLS(i64, TCGv_i64, int64_t)
#undef TCG_OP_DECLS

void tcg_gen_bswap64_i64(TCGv_i64 d, TCGv_i64 a);
void tcg_gen_ext32s_i64(TCGv_i64 d, TCGv_i64 a);
void tcg_gen_ext32u_i64(TCGv_i64 d, TCGv_i64 a);
void tcg_gen_ld32u_i64(TCGv_i64 d, TCGv_ptr base, intptr_t ofs);
void tcg_gen_ld32s_i64(TCGv_i64 d, TCGv_ptr base, intptr_t ofs);
void tcg_gen_st32_i64(TCGv_i64 v, TCGv_ptr base, intptr_t ofs);
void tcg_gen_extu_i32_i64(TCGv_i64 d, TCGv_i32 a);
void tcg_gen_ext_i32_i64(TCGv_i64 d, TCGv_i32 a);
void tcg_gen_extrl_i64_i32(TCGv_i32 d, TCGv_i64 a);
void tcg_gen_extrh_i64_i32(TCGv_i32 d, TCGv_i64 a);
/* d = hi:lo */
void tcg_gen_concat_i32_i64(TCGv_i64 d, TCGv_i32 lo, TCGv_i32 hi);
/* lo = low half of a, hi = high half */
void tcg_gen_extr_i64_i32(TCGv_i32 lo, TCGv_i32 hi, TCGv_i64 a);

void tcg_gen_mov_ptr(TCGv_ptr d, TCGv_ptr a);
void tcg_gen_addi_ptr(TCGv_ptr d, TCGv_ptr a, intptr_t v);
void tcg_gen_ld_ptr(TCGv_ptr d, TCGv_ptr base, intptr_t ofs);
void tcg_gen_st_ptr(TCGv_ptr v, TCGv_ptr base, intptr_t ofs);
/* d = a + (pointer-sized) b */
void tcg_gen_add_ptr(TCGv_ptr d, TCGv_ptr a, TCGv_i64 b);
void tcg_gen_brcondi_ptr(TCGCond c, TCGv_ptr a, intptr_t b, TCGLabel *l);

/* ---- control flow ---- */
void tcg_gen_br(TCGLabel *l);
void gen_set_label(TCGLabel *l);
/* Marks the start of a guest instruction; the words come back from
 * tcg_restore_state. Unused words (beyond tcg_set_insn_start_words) are 0. */
void tcg_gen_insn_start(uint64_t w0);
void tcg_gen_insn_start2(uint64_t w0, uint64_t w1);
void tcg_gen_insn_start3(uint64_t w0, uint64_t w1, uint64_t w2);
/* Changes word WORD of the most recent insn_start (e.g. a syndrome known
 * only after decoding). */
void tcg_update_insn_start(unsigned word, uint64_t value);
/* Orders guest memory accesses (ARM DMB, PowerPC sync). */
void tcg_gen_mb(TCGBar bar);
/* Returns (uintptr_t)TB + IDX from tcg_qemu_tb_exec; TB 4-byte aligned, IDX < 4. */
void tcg_gen_exit_tb(const void *tb, unsigned idx);
/* Patchable direct jump N (0 or 1), at most once each per translation;
 * unpatched it falls through to the code that follows (usually exit_tb). */
void tcg_gen_goto_tb(unsigned n);
/* Jumps to host code at PTR; a null PTR leaves with value 0. */
void tcg_gen_goto_ptr(TCGv_ptr ptr);
/* Calls the context's lookup helper and jumps to the block it returns. */
void tcg_gen_lookup_and_goto_ptr(void);

/* ---- guest memory ---- */
/* ADDR is a TCGv_i32 or TCGv_i64 matching tcg_set_guest_addr_bits. */
void tcg_gen_qemu_ld_i32_t(TCGv_i32 v, TCGTemp *addr, unsigned mmu_idx, MemOp mop);
void tcg_gen_qemu_ld_i64_t(TCGv_i64 v, TCGTemp *addr, unsigned mmu_idx, MemOp mop);
void tcg_gen_qemu_st_i32_t(TCGv_i32 v, TCGTemp *addr, unsigned mmu_idx, MemOp mop);
void tcg_gen_qemu_st_i64_t(TCGv_i64 v, TCGTemp *addr, unsigned mmu_idx, MemOp mop);
#define tcg_gen_qemu_ld_i32(v, addr, idx, mop) \
    tcg_gen_qemu_ld_i32_t(v, tcg_temp_of(addr), idx, mop)
#define tcg_gen_qemu_ld_i64(v, addr, idx, mop) \
    tcg_gen_qemu_ld_i64_t(v, tcg_temp_of(addr), idx, mop)
#define tcg_gen_qemu_st_i32(v, addr, idx, mop) \
    tcg_gen_qemu_st_i32_t(v, tcg_temp_of(addr), idx, mop)
#define tcg_gen_qemu_st_i64(v, addr, idx, mop) \
    tcg_gen_qemu_st_i64_t(v, tcg_temp_of(addr), idx, mop)

#endif
