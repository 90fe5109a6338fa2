/*
 * IR building functions: each appends ops to the current context. Some
 * front-end operations expand into several ops (bit fields, immediates)
 * or into helper calls (division).
 */
#include "qemu/osdep.h"
#include "tcg/tcg-op.h"
#include "tcg-internal.h"

#define ARG(v) ((TCGArg)((uintptr_t)(v) - 1))

static TCGTemp *handle_temp(uintptr_t h, TCGType type)
{
    g_assert(h >= 1 && (int)(h - 1) < tcg_ctx->nb_temps);
    TCGTemp *t = &tcg_ctx->temps[h - 1];
    g_assert(t->type == type);
    return t;
}

TCGTemp *tcgv_i32_temp(TCGv_i32 v)
{
    return handle_temp((uintptr_t)v, TCG_TYPE_I32);
}

TCGTemp *tcgv_i64_temp(TCGv_i64 v)
{
    return handle_temp((uintptr_t)v, TCG_TYPE_I64);
}

TCGTemp *tcgv_ptr_temp(TCGv_ptr v)
{
    return handle_temp((uintptr_t)v, TCG_TYPE_PTR);
}

static void op1(TCGOpcode opc, TCGArg a)
{
    const TCGOpDef *d = &tcg_op_defs[opc];
    TCGOp *op = tcg_emit_op(opc, d->nb_oargs, d->nb_iargs, d->nb_cargs);
    op->args[0] = a;
}

static void op2(TCGOpcode opc, TCGArg a, TCGArg b)
{
    const TCGOpDef *d = &tcg_op_defs[opc];
    TCGOp *op = tcg_emit_op(opc, d->nb_oargs, d->nb_iargs, d->nb_cargs);
    op->args[0] = a;
    op->args[1] = b;
}

static void op3(TCGOpcode opc, TCGArg a, TCGArg b, TCGArg c)
{
    const TCGOpDef *d = &tcg_op_defs[opc];
    TCGOp *op = tcg_emit_op(opc, d->nb_oargs, d->nb_iargs, d->nb_cargs);
    op->args[0] = a;
    op->args[1] = b;
    op->args[2] = c;
}

static void op4(TCGOpcode opc, TCGArg a, TCGArg b, TCGArg c, TCGArg e)
{
    const TCGOpDef *d = &tcg_op_defs[opc];
    TCGOp *op = tcg_emit_op(opc, d->nb_oargs, d->nb_iargs, d->nb_cargs);
    op->args[0] = a;
    op->args[1] = b;
    op->args[2] = c;
    op->args[3] = e;
}

static void op6(TCGOpcode opc, TCGArg a, TCGArg b, TCGArg c, TCGArg e, TCGArg f, TCGArg g)
{
    const TCGOpDef *d = &tcg_op_defs[opc];
    TCGOp *op = tcg_emit_op(opc, d->nb_oargs, d->nb_iargs, d->nb_cargs);
    op->args[0] = a;
    op->args[1] = b;
    op->args[2] = c;
    op->args[3] = e;
    op->args[4] = f;
    op->args[5] = g;
}

/* ---- division helpers: defined results for all inputs ---- */

static uint32_t helper_div_i32(uint32_t a, uint32_t b)
{
    if (b == 0) {
        return 0;
    }
    if ((int32_t)a == INT32_MIN && (int32_t)b == -1) {
        return a;
    }
    return (uint32_t)((int32_t)a / (int32_t)b);
}

static uint32_t helper_rem_i32(uint32_t a, uint32_t b)
{
    if (b == 0) {
        return a;
    }
    if ((int32_t)a == INT32_MIN && (int32_t)b == -1) {
        return 0;
    }
    return (uint32_t)((int32_t)a % (int32_t)b);
}

static uint32_t helper_divu_i32(uint32_t a, uint32_t b)
{
    return b ? a / b : 0;
}

static uint32_t helper_remu_i32(uint32_t a, uint32_t b)
{
    return b ? a % b : a;
}

static uint64_t helper_div_i64(uint64_t a, uint64_t b)
{
    if (b == 0) {
        return 0;
    }
    if ((int64_t)a == INT64_MIN && (int64_t)b == -1) {
        return a;
    }
    return (uint64_t)((int64_t)a / (int64_t)b);
}

static uint64_t helper_rem_i64(uint64_t a, uint64_t b)
{
    if (b == 0) {
        return a;
    }
    if ((int64_t)a == INT64_MIN && (int64_t)b == -1) {
        return 0;
    }
    return (uint64_t)((int64_t)a % (int64_t)b);
}

static uint64_t helper_divu_i64(uint64_t a, uint64_t b)
{
    return b ? a / b : 0;
}

static uint64_t helper_remu_i64(uint64_t a, uint64_t b)
{
    return b ? a % b : a;
}

static uint32_t helper_ctpop_i32(uint32_t a)
{
    return __builtin_popcount(a);
}

static uint64_t helper_ctpop_i64(uint64_t a)
{
    return __builtin_popcountll(a);
}

#define HELPER_INFO(n) \
    static const TCGHelperInfo info_##n = { (void *)helper_##n, #n, TCG_CALL_NO_RWG_SE };
HELPER_INFO(div_i32)
HELPER_INFO(rem_i32)
HELPER_INFO(divu_i32)
HELPER_INFO(remu_i32)
HELPER_INFO(div_i64)
HELPER_INFO(rem_i64)
HELPER_INFO(divu_i64)
HELPER_INFO(remu_i64)
HELPER_INFO(ctpop_i32)
HELPER_INFO(ctpop_i64)

/* ---- generic ops for both widths ---- */

#define TCG_OP_DEFS(W, T, I, TYPE, BITS)                                        \
void tcg_gen_mov_##W(T d, T a)                                                  \
{                                                                               \
    if (d != a) {                                                               \
        op2(INDEX_op_mov_##W, ARG(d), ARG(a));                                  \
    }                                                                           \
}                                                                               \
void tcg_gen_movi_##W(T d, I v)                                                 \
{                                                                               \
    tcg_gen_mov_##W(d, tcg_constant_##W(v));                                    \
}                                                                               \
static void bin_##W(TCGOpcode opc, T d, T a, T b)                               \
{                                                                               \
    op3(opc, ARG(d), ARG(a), ARG(b));                                           \
}                                                                               \
void tcg_gen_add_##W(T d, T a, T b) { bin_##W(INDEX_op_add_##W, d, a, b); }     \
void tcg_gen_addi_##W(T d, T a, I v) { tcg_gen_add_##W(d, a, tcg_constant_##W(v)); } \
void tcg_gen_sub_##W(T d, T a, T b) { bin_##W(INDEX_op_sub_##W, d, a, b); }     \
void tcg_gen_subi_##W(T d, T a, I v) { tcg_gen_sub_##W(d, a, tcg_constant_##W(v)); } \
void tcg_gen_mul_##W(T d, T a, T b) { bin_##W(INDEX_op_mul_##W, d, a, b); }     \
void tcg_gen_muli_##W(T d, T a, I v) { tcg_gen_mul_##W(d, a, tcg_constant_##W(v)); } \
void tcg_gen_neg_##W(T d, T a) { op2(INDEX_op_neg_##W, ARG(d), ARG(a)); }       \
void tcg_gen_and_##W(T d, T a, T b) { bin_##W(INDEX_op_and_##W, d, a, b); }     \
void tcg_gen_andi_##W(T d, T a, I v) { tcg_gen_and_##W(d, a, tcg_constant_##W(v)); } \
void tcg_gen_or_##W(T d, T a, T b) { bin_##W(INDEX_op_or_##W, d, a, b); }       \
void tcg_gen_ori_##W(T d, T a, I v) { tcg_gen_or_##W(d, a, tcg_constant_##W(v)); } \
void tcg_gen_xor_##W(T d, T a, T b) { bin_##W(INDEX_op_xor_##W, d, a, b); }     \
void tcg_gen_xori_##W(T d, T a, I v) { tcg_gen_xor_##W(d, a, tcg_constant_##W(v)); } \
void tcg_gen_not_##W(T d, T a) { op2(INDEX_op_not_##W, ARG(d), ARG(a)); }       \
void tcg_gen_andc_##W(T d, T a, T b) { bin_##W(INDEX_op_andc_##W, d, a, b); }   \
void tcg_gen_orc_##W(T d, T a, T b) { bin_##W(INDEX_op_orc_##W, d, a, b); }     \
void tcg_gen_shl_##W(T d, T a, T b) { bin_##W(INDEX_op_shl_##W, d, a, b); }     \
void tcg_gen_shr_##W(T d, T a, T b) { bin_##W(INDEX_op_shr_##W, d, a, b); }     \
void tcg_gen_sar_##W(T d, T a, T b) { bin_##W(INDEX_op_sar_##W, d, a, b); }     \
void tcg_gen_rotl_##W(T d, T a, T b) { bin_##W(INDEX_op_rotl_##W, d, a, b); }   \
void tcg_gen_rotr_##W(T d, T a, T b) { bin_##W(INDEX_op_rotr_##W, d, a, b); }   \
void tcg_gen_shli_##W(T d, T a, unsigned n)                                     \
{                                                                               \
    g_assert(n < BITS);                                                         \
    tcg_gen_shl_##W(d, a, tcg_constant_##W(n));                                 \
}                                                                               \
void tcg_gen_shri_##W(T d, T a, unsigned n)                                     \
{                                                                               \
    g_assert(n < BITS);                                                         \
    tcg_gen_shr_##W(d, a, tcg_constant_##W(n));                                 \
}                                                                               \
void tcg_gen_sari_##W(T d, T a, unsigned n)                                     \
{                                                                               \
    g_assert(n < BITS);                                                         \
    tcg_gen_sar_##W(d, a, tcg_constant_##W(n));                                 \
}                                                                               \
void tcg_gen_rotli_##W(T d, T a, unsigned n)                                    \
{                                                                               \
    g_assert(n < BITS);                                                         \
    tcg_gen_rotl_##W(d, a, tcg_constant_##W(n));                                \
}                                                                               \
void tcg_gen_rotri_##W(T d, T a, unsigned n)                                    \
{                                                                               \
    g_assert(n < BITS);                                                         \
    tcg_gen_rotr_##W(d, a, tcg_constant_##W(n));                                \
}                                                                               \
void tcg_gen_mulu2_##W(T lo, T hi, T a, T b)                                    \
{                                                                               \
    g_assert(lo != hi);                                                         \
    op4(INDEX_op_mulu2_##W, ARG(lo), ARG(hi), ARG(a), ARG(b));                  \
}                                                                               \
void tcg_gen_muls2_##W(T lo, T hi, T a, T b)                                    \
{                                                                               \
    g_assert(lo != hi);                                                         \
    op4(INDEX_op_muls2_##W, ARG(lo), ARG(hi), ARG(a), ARG(b));                  \
}                                                                               \
void tcg_gen_add2_##W(T dl, T dh, T al, T ah, T bl, T bh)                       \
{                                                                               \
    g_assert(dl != dh);                                                         \
    op6(INDEX_op_add2_##W, ARG(dl), ARG(dh), ARG(al), ARG(ah), ARG(bl), ARG(bh)); \
}                                                                               \
void tcg_gen_sub2_##W(T dl, T dh, T al, T ah, T bl, T bh)                       \
{                                                                               \
    g_assert(dl != dh);                                                         \
    op6(INDEX_op_sub2_##W, ARG(dl), ARG(dh), ARG(al), ARG(ah), ARG(bl), ARG(bh)); \
}                                                                               \
void tcg_gen_div_##W(T d, T a, T b) { tcg_gen_call2(&info_div_##W, d, a, b); }   \
void tcg_gen_divu_##W(T d, T a, T b) { tcg_gen_call2(&info_divu_##W, d, a, b); } \
void tcg_gen_rem_##W(T d, T a, T b) { tcg_gen_call2(&info_rem_##W, d, a, b); }   \
void tcg_gen_remu_##W(T d, T a, T b) { tcg_gen_call2(&info_remu_##W, d, a, b); } \
void tcg_gen_subfi_##W(T d, I v, T a) { tcg_gen_sub_##W(d, tcg_constant_##W(v), a); } \
void tcg_gen_abs_##W(T d, T a)                                                  \
{                                                                               \
    T t = tcg_temp_new_##W();                                                   \
    tcg_gen_sari_##W(t, a, BITS - 1);                                           \
    tcg_gen_xor_##W(d, a, t);                                                   \
    tcg_gen_sub_##W(d, d, t);                                                   \
}                                                                               \
void tcg_gen_smin_##W(T d, T a, T b) { tcg_gen_movcond_##W(TCG_COND_LT, d, a, b, a, b); } \
void tcg_gen_smax_##W(T d, T a, T b) { tcg_gen_movcond_##W(TCG_COND_GT, d, a, b, a, b); } \
void tcg_gen_umin_##W(T d, T a, T b) { tcg_gen_movcond_##W(TCG_COND_LTU, d, a, b, a, b); } \
void tcg_gen_umax_##W(T d, T a, T b) { tcg_gen_movcond_##W(TCG_COND_GTU, d, a, b, a, b); } \
void tcg_gen_muluh_##W(T d, T a, T b)                                           \
{                                                                               \
    T lo = tcg_temp_new_##W();                                                  \
    tcg_gen_mulu2_##W(lo, d, a, b);                                             \
}                                                                               \
void tcg_gen_mulsh_##W(T d, T a, T b)                                           \
{                                                                               \
    T lo = tcg_temp_new_##W();                                                  \
    tcg_gen_muls2_##W(lo, d, a, b);                                             \
}                                                                               \
void tcg_gen_ctpop_##W(T d, T a) { tcg_gen_call1(&info_ctpop_##W, d, a); }      \
void tcg_gen_extract_##W(T d, T a, unsigned ofs, unsigned len)                  \
{                                                                               \
    g_assert(len >= 1 && ofs + len <= BITS);                                    \
    if (ofs + len == BITS) {                                                    \
        tcg_gen_shri_##W(d, a, ofs);                                            \
    } else if (ofs == 0) {                                                      \
        tcg_gen_andi_##W(d, a, (I)((((uint64_t)1) << len) - 1));               \
    } else {                                                                    \
        tcg_gen_shri_##W(d, a, ofs);                                            \
        tcg_gen_andi_##W(d, d, (I)((((uint64_t)1) << len) - 1));               \
    }                                                                           \
}                                                                               \
void tcg_gen_sextract_##W(T d, T a, unsigned ofs, unsigned len)                 \
{                                                                               \
    g_assert(len >= 1 && ofs + len <= BITS);                                    \
    if (ofs + len == BITS) {                                                    \
        tcg_gen_sari_##W(d, a, ofs);                                            \
    } else {                                                                    \
        tcg_gen_shli_##W(d, a, BITS - ofs - len);                               \
        tcg_gen_sari_##W(d, d, BITS - len);                                     \
    }                                                                           \
}                                                                               \
void tcg_gen_deposit_##W(T d, T a, T b, unsigned ofs, unsigned len)             \
{                                                                               \
    g_assert(len >= 1 && ofs + len <= BITS);                                    \
    if (len == BITS) {                                                          \
        tcg_gen_mov_##W(d, b);                                                  \
        return;                                                                 \
    }                                                                           \
    uint64_t m = ((((uint64_t)1) << len) - 1);                                  \
    T t = tcg_temp_new_##W();                                                   \
    tcg_gen_andi_##W(t, b, (I)m);                                               \
    tcg_gen_shli_##W(t, t, ofs);                                                \
    tcg_gen_andi_##W(d, a, (I)~(m << ofs));                                     \
    tcg_gen_or_##W(d, d, t);                                                    \
}                                                                               \
void tcg_gen_ext8s_##W(T d, T a) { op2(INDEX_op_ext8s_##W, ARG(d), ARG(a)); }   \
void tcg_gen_ext8u_##W(T d, T a) { op2(INDEX_op_ext8u_##W, ARG(d), ARG(a)); }   \
void tcg_gen_ext16s_##W(T d, T a) { op2(INDEX_op_ext16s_##W, ARG(d), ARG(a)); } \
void tcg_gen_ext16u_##W(T d, T a) { op2(INDEX_op_ext16u_##W, ARG(d), ARG(a)); } \
void tcg_gen_bswap16_##W(T d, T a) { op2(INDEX_op_bswap16_##W, ARG(d), ARG(a)); } \
void tcg_gen_bswap32_##W(T d, T a) { op2(INDEX_op_bswap32_##W, ARG(d), ARG(a)); } \
void tcg_gen_clz_##W(T d, T a, T z) { bin_##W(INDEX_op_clz_##W, d, a, z); }     \
void tcg_gen_clzi_##W(T d, T a, I z) { tcg_gen_clz_##W(d, a, tcg_constant_##W(z)); } \
void tcg_gen_ctz_##W(T d, T a, T z) { bin_##W(INDEX_op_ctz_##W, d, a, z); }     \
void tcg_gen_ctzi_##W(T d, T a, I z) { tcg_gen_ctz_##W(d, a, tcg_constant_##W(z)); } \
void tcg_gen_setcond_##W(TCGCond c, T d, T a, T b)                              \
{                                                                               \
    op4(INDEX_op_setcond_##W, ARG(d), ARG(a), ARG(b), c);                       \
}                                                                               \
void tcg_gen_setcondi_##W(TCGCond c, T d, T a, I b)                             \
{                                                                               \
    tcg_gen_setcond_##W(c, d, a, tcg_constant_##W(b));                          \
}                                                                               \
void tcg_gen_movcond_##W(TCGCond c, T d, T c1, T c2, T v1, T v2)                \
{                                                                               \
    op6(INDEX_op_movcond_##W, ARG(d), ARG(c1), ARG(c2), ARG(v1), ARG(v2), c);   \
}                                                                               \
void tcg_gen_brcond_##W(TCGCond c, T a, T b, TCGLabel *l)                       \
{                                                                               \
    if (c == TCG_COND_NEVER) {                                                  \
        return;                                                                 \
    }                                                                           \
    if (c == TCG_COND_ALWAYS) {                                                 \
        tcg_gen_br(l);                                                          \
        return;                                                                 \
    }                                                                           \
    l->referenced = true;                                                       \
    op4(INDEX_op_brcond_##W, ARG(a), ARG(b), c, (TCGArg)(uintptr_t)l);          \
}                                                                               \
void tcg_gen_brcondi_##W(TCGCond c, T a, I b, TCGLabel *l)                      \
{                                                                               \
    tcg_gen_brcond_##W(c, a, tcg_constant_##W(b), l);                           \
}                                                                               \
void tcg_gen_ld8u_##W(T d, TCGv_ptr b, intptr_t o)                              \
{ op3(INDEX_op_ld8u_##W, ARG(d), ARG(b), o); }                                  \
void tcg_gen_ld8s_##W(T d, TCGv_ptr b, intptr_t o)                              \
{ op3(INDEX_op_ld8s_##W, ARG(d), ARG(b), o); }                                  \
void tcg_gen_ld16u_##W(T d, TCGv_ptr b, intptr_t o)                             \
{ op3(INDEX_op_ld16u_##W, ARG(d), ARG(b), o); }                                 \
void tcg_gen_ld16s_##W(T d, TCGv_ptr b, intptr_t o)                             \
{ op3(INDEX_op_ld16s_##W, ARG(d), ARG(b), o); }                                 \
void tcg_gen_ld_##W(T d, TCGv_ptr b, intptr_t o)                                \
{ op3(INDEX_op_ld_##W, ARG(d), ARG(b), o); }                                    \
void tcg_gen_st8_##W(T v, TCGv_ptr b, intptr_t o)                               \
{ op3(INDEX_op_st8_##W, ARG(v), ARG(b), o); }                                   \
void tcg_gen_st16_##W(T v, TCGv_ptr b, intptr_t o)                              \
{ op3(INDEX_op_st16_##W, ARG(v), ARG(b), o); }                                  \
void tcg_gen_st_##W(T v, TCGv_ptr b, intptr_t o) { op3(INDEX_op_st_##W, ARG(v), ARG(b), o); }

TCG_OP_DEFS(i32, TCGv_i32, int32_t, TCG_TYPE_I32, 32)
TCG_OP_DEFS(i64, TCGv_i64, int64_t, TCG_TYPE_I64, 64)

void tcg_gen_bswap64_i64(TCGv_i64 d, TCGv_i64 a)
{
    op2(INDEX_op_bswap64_i64, ARG(d), ARG(a));
}

void tcg_gen_ext32s_i64(TCGv_i64 d, TCGv_i64 a)
{
    op2(INDEX_op_ext32s_i64, ARG(d), ARG(a));
}

void tcg_gen_ext32u_i64(TCGv_i64 d, TCGv_i64 a)
{
    op2(INDEX_op_ext32u_i64, ARG(d), ARG(a));
}

void tcg_gen_ld32u_i64(TCGv_i64 d, TCGv_ptr b, intptr_t o)
{
    op3(INDEX_op_ld32u_i64, ARG(d), ARG(b), o);
}

void tcg_gen_ld32s_i64(TCGv_i64 d, TCGv_ptr b, intptr_t o)
{
    op3(INDEX_op_ld32s_i64, ARG(d), ARG(b), o);
}

void tcg_gen_st32_i64(TCGv_i64 v, TCGv_ptr b, intptr_t o)
{
    op3(INDEX_op_st32_i64, ARG(v), ARG(b), o);
}

void tcg_gen_extu_i32_i64(TCGv_i64 d, TCGv_i32 a)
{
    op2(INDEX_op_extu_i32_i64, ARG(d), ARG(a));
}

void tcg_gen_ext_i32_i64(TCGv_i64 d, TCGv_i32 a)
{
    op2(INDEX_op_ext_i32_i64, ARG(d), ARG(a));
}

void tcg_gen_extrl_i64_i32(TCGv_i32 d, TCGv_i64 a)
{
    op2(INDEX_op_extrl_i64_i32, ARG(d), ARG(a));
}

void tcg_gen_extrh_i64_i32(TCGv_i32 d, TCGv_i64 a)
{
    op2(INDEX_op_extrh_i64_i32, ARG(d), ARG(a));
}

void tcg_gen_concat_i32_i64(TCGv_i64 d, TCGv_i32 lo, TCGv_i32 hi)
{
    TCGv_i64 t = tcg_temp_new_i64();
    tcg_gen_extu_i32_i64(t, hi);
    tcg_gen_extu_i32_i64(d, lo);
    tcg_gen_shli_i64(t, t, 32);
    tcg_gen_or_i64(d, d, t);
}

void tcg_gen_extr_i64_i32(TCGv_i32 lo, TCGv_i32 hi, TCGv_i64 a)
{
    tcg_gen_extrl_i64_i32(lo, a);
    tcg_gen_extrh_i64_i32(hi, a);
}

/* Pointers are 64-bit values on this host. */
void tcg_gen_mov_ptr(TCGv_ptr d, TCGv_ptr a)
{
    tcg_gen_mov_i64((TCGv_i64)d, (TCGv_i64)a);
}

void tcg_gen_addi_ptr(TCGv_ptr d, TCGv_ptr a, intptr_t v)
{
    tcg_gen_addi_i64((TCGv_i64)d, (TCGv_i64)a, v);
}

void tcg_gen_ld_ptr(TCGv_ptr d, TCGv_ptr base, intptr_t ofs)
{
    tcg_gen_ld_i64((TCGv_i64)d, base, ofs);
}

void tcg_gen_add_ptr(TCGv_ptr d, TCGv_ptr a, TCGv_i64 b)
{
    tcg_gen_add_i64((TCGv_i64)d, (TCGv_i64)a, b);
}

void tcg_gen_brcondi_ptr(TCGCond c, TCGv_ptr a, intptr_t b, TCGLabel *l)
{
    tcg_gen_brcondi_i64(c, (TCGv_i64)a, b, l);
}

void tcg_gen_st_ptr(TCGv_ptr v, TCGv_ptr base, intptr_t ofs)
{
    tcg_gen_st_i64((TCGv_i64)v, base, ofs);
}

/* ---- calls ---- */

void tcg_gen_callN(const TCGHelperInfo *info, TCGTemp *ret, int nargs, TCGTemp **args)
{
    TCGContext *s = tcg_ctx;
    g_assert(nargs >= 0 && nargs <= TCG_MAX_CALL_ARGS);
    TCGOp *op = tcg_emit_op(INDEX_op_call, ret ? 1 : 0, nargs, 1);
    unsigned i = 0;
    if (ret) {
        g_assert(ret->kind != TEMP_CONST && ret->kind != TEMP_FIXED);
        op->args[i++] = temp_idx(s, ret);
    }
    for (int j = 0; j < nargs; j++) {
        op->args[i++] = temp_idx(s, args[j]);
    }
    op->args[i] = (TCGArg)(uintptr_t)info;
}

/* ---- control flow ---- */

void tcg_gen_br(TCGLabel *l)
{
    l->referenced = true;
    op1(INDEX_op_br, (TCGArg)(uintptr_t)l);
}

void gen_set_label(TCGLabel *l)
{
    op1(INDEX_op_set_label, (TCGArg)(uintptr_t)l);
}

void tcg_gen_insn_start3(uint64_t w0, uint64_t w1, uint64_t w2)
{
    TCGOp *op = tcg_emit_op(INDEX_op_insn_start, 0, 0, TCG_MAX_INSN_WORDS);
    op->args[0] = w0;
    op->args[1] = w1;
    op->args[2] = w2;
}

void tcg_gen_insn_start(uint64_t w0)
{
    tcg_gen_insn_start3(w0, 0, 0);
}

void tcg_gen_insn_start2(uint64_t w0, uint64_t w1)
{
    tcg_gen_insn_start3(w0, w1, 0);
}

void tcg_update_insn_start(unsigned word, uint64_t value)
{
    TCGContext *s = tcg_ctx;
    g_assert(word < TCG_MAX_INSN_WORDS);
    for (unsigned i = s->nb_ops; i-- > 0;) {
        if (s->ops[i].opc == INDEX_op_insn_start) {
            s->ops[i].args[word] = value;
            return;
        }
    }
    g_assert_not_reached();
}

void tcg_gen_mb(TCGBar bar)
{
    op1(INDEX_op_mb, bar);
}

void tcg_gen_exit_tb(const void *tb, unsigned idx)
{
    g_assert(((uintptr_t)tb & 3) == 0 && idx < 4);
    op1(INDEX_op_exit_tb, (uintptr_t)tb + idx);
}

void tcg_gen_goto_tb(unsigned n)
{
    g_assert(n < 2);
    op1(INDEX_op_goto_tb, n);
}

void tcg_gen_goto_ptr(TCGv_ptr ptr)
{
    op1(INDEX_op_goto_ptr, ARG(ptr));
}

void tcg_gen_lookup_and_goto_ptr(void)
{
    TCGContext *s = tcg_ctx;
    g_assert(s->lookup_helper);
    s->lookup_info.func = (void *)s->lookup_helper;
    s->lookup_info.name = "lookup_tb_ptr";
    s->lookup_info.flags = TCG_CALL_NO_WRITE_GLOBALS;
    TCGv_ptr p = tcg_temp_new_ptr();
    tcg_gen_call1(&s->lookup_info, p, tcg_env);
    tcg_gen_goto_ptr(p);
}

/* ---- guest memory ---- */

static MemOp canonical_memop(MemOp mop, bool is64, bool st)
{
    unsigned size = mop & MO_SIZE;
    g_assert(is64 || size <= MO_32);
    if (size == MO_8) {
        mop &= ~MO_BSWAP;
    }
    if (st || size == MO_64 || (!is64 && size == MO_32)) {
        mop &= ~MO_SIGN;
    }
    if ((mop & MO_AMASK) == MO_ALIGN) {
        mop = (mop & ~MO_AMASK) | (size << MO_ASHIFT);
    }
    return mop;
}

static void gen_ldst(TCGOpcode opc, TCGArg val, TCGTemp *addr, unsigned mmu_idx, MemOp mop)
{
    TCGContext *s = tcg_ctx;
    g_assert(addr->type == (s->addr_bits == 64 ? TCG_TYPE_I64 : TCG_TYPE_I32));
    g_assert(mmu_idx < 16);
    op3(opc, val, temp_idx(s, addr), make_memop_idx(mop, mmu_idx));
}

void tcg_gen_qemu_ld_i32_t(TCGv_i32 v, TCGTemp *addr, unsigned mmu_idx, MemOp mop)
{
    gen_ldst(INDEX_op_qemu_ld_i32, ARG(v), addr, mmu_idx, canonical_memop(mop, false, false));
}

void tcg_gen_qemu_ld_i64_t(TCGv_i64 v, TCGTemp *addr, unsigned mmu_idx, MemOp mop)
{
    gen_ldst(INDEX_op_qemu_ld_i64, ARG(v), addr, mmu_idx, canonical_memop(mop, true, false));
}

void tcg_gen_qemu_st_i32_t(TCGv_i32 v, TCGTemp *addr, unsigned mmu_idx, MemOp mop)
{
    gen_ldst(INDEX_op_qemu_st_i32, ARG(v), addr, mmu_idx, canonical_memop(mop, false, true));
}

void tcg_gen_qemu_st_i64_t(TCGv_i64 v, TCGTemp *addr, unsigned mmu_idx, MemOp mop)
{
    gen_ldst(INDEX_op_qemu_st_i64, ARG(v), addr, mmu_idx, canonical_memop(mop, true, true));
}
