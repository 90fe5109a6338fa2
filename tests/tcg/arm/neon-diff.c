/*
 * Advanced SIMD differential test: one instruction (or a short sequence)
 * per line, run on registers d0-d7 loaded from pseudo-random data with
 * the saturation boundaries mixed in, every encoding group covered. The
 * output is a hash of d0-d7 and of the memory buffer, and the base
 * register after writeback. The same ELF runs on Debian's qemu-system-arm
 * as the oracle; the outputs must match.
 */
#include <stdint.h>
#include "testlib.h"

/*
 * Page-aligned, so that no translated code shares their page: stores there
 * would invalidate it on every test.
 */
static uint8_t in[64] __attribute__((aligned(4096)));
static uint8_t out[64] __attribute__((aligned(32)));
static uint8_t mem[128] __attribute__((aligned(32)));
static uint32_t seed = 0xcafe1234;

static uint32_t rnd(void)
{
    seed = seed * 1664525u + 1013904223u;
    return seed ^ (seed >> 13);
}

typedef uint32_t test_fn(void);

/*
 * d0-d7 from IN, the instruction(s), d0-d7 to OUT. r4 is the memory
 * pointer (mem + 16) and r5 a post-index register (24): the result is
 * r4's offset from mem.
 */
#define T(NAME, INSN)                                                          \
static uint32_t NAME(void)                                                     \
{                                                                              \
    register uint32_t p __asm__("r4") = (uint32_t)(mem + 16);                  \
    register uint32_t m __asm__("r5") = 24;                                    \
    const uint8_t *src = in;                                                   \
    uint8_t *dst = out;                                                        \
    __asm__ volatile("vld1.8 {d0-d3}, [%2]!\n\t"                               \
                     "vld1.8 {d4-d7}, [%2]\n\t"                                \
                     INSN "\n\t"                                               \
                     "vst1.8 {d0-d3}, [%3]!\n\t"                               \
                     "vst1.8 {d4-d7}, [%3]\n\t"                                \
                     : "+r"(p), "+r"(m), "+r"(src), "+r"(dst)                  \
                     :                                                          \
                     : "memory", "r0", "d0", "d1", "d2", "d3", "d4", "d5",     \
                       "d6", "d7", "d16", "d17", "d18", "d19");                \
    return p - (uint32_t)mem;                                                  \
}

/* three registers, same length */
T(t_vhadd_s8, "vhadd.s8 q2, q0, q1")
T(t_vhadd_u32, "vhadd.u32 d4, d0, d1")
T(t_vqadd_s8, "vqadd.s8 q2, q0, q1")
T(t_vqadd_u16, "vqadd.u16 q2, q0, q1")
T(t_vqadd_s64, "vqadd.s64 q2, q0, q1")
T(t_vqadd_u64, "vqadd.u64 d5, d1, d3")
T(t_vrhadd_s16, "vrhadd.s16 q2, q0, q1")
T(t_vrhadd_u8, "vrhadd.u8 d4, d0, d3")
T(t_logic, "vand q2, q0, q1\n\tvbic d6, d0, d1\n\tvorr d7, d1, d2\n\tvorn d5, d3, d0")
T(t_logic2, "veor q2, q0, q1\n\tvbsl d6, d0, d1\n\tvbit d7, d1, d2\n\tvbif d5, d3, d0")
T(t_vhsub_s32, "vhsub.s32 q2, q0, q1")
T(t_vhsub_u8, "vhsub.u8 q2, q0, q1")
T(t_vqsub_s16, "vqsub.s16 q2, q0, q1")
T(t_vqsub_u8, "vqsub.u8 q2, q0, q1")
T(t_vqsub_s64, "vqsub.s64 q2, q0, q1")
T(t_vcgt, "vcgt.s8 d4, d0, d1\n\tvcgt.u16 d5, d1, d2\n\tvcge.s32 d6, d2, d3\n\tvcge.u8 d7, d0, d3")
T(t_vshl_s8, "vshl.s8 q2, q0, q1")
T(t_vshl_u64, "vshl.u64 q2, q0, q1")
T(t_vshl_s16_small, "vshr.s16 q1, q1, #12\n\tvshl.s16 q2, q0, q1")
T(t_vqshl_s32, "vshr.s32 q1, q1, #26\n\tvqshl.s32 q2, q0, q1")
T(t_vqshl_u8, "vshr.s8 q1, q1, #4\n\tvqshl.u8 q2, q0, q1")
T(t_vqshl_s64, "vshr.s64 q1, q1, #57\n\tvqshl.s64 q2, q0, q1")
T(t_vrshl_s16, "vshr.s16 q1, q1, #11\n\tvrshl.s16 q2, q0, q1")
T(t_vrshl_u32, "vshr.s32 q1, q1, #25\n\tvrshl.u32 q2, q0, q1")
T(t_vqrshl_s8, "vshr.s8 q1, q1, #4\n\tvqrshl.s8 q2, q0, q1")
T(t_vqrshl_u64, "vshr.s64 q1, q1, #57\n\tvqrshl.u64 q2, q0, q1")
T(t_vqrshl_s64, "vqrshl.s64 q2, q0, q1")
T(t_vmax, "vmax.s8 d4, d0, d1\n\tvmax.u16 d5, d1, d2\n\tvmin.s32 d6, d2, d3\n\tvmin.u8 d7, d0, d3")
T(t_vabd, "vabd.s8 d4, d0, d1\n\tvabd.u16 d5, d1, d2\n\tvaba.s32 d6, d2, d3\n\tvaba.u8 q3, q0, q1")
T(t_vadd, "vadd.i8 d4, d0, d1\n\tvadd.i64 d5, d1, d2\n\tvsub.i32 q3, q0, q1")
T(t_vtst, "vtst.8 d4, d0, d1\n\tvtst.32 d5, d1, d2\n\tvceq.i16 q3, q0, q1")
T(t_vceq_self, "vceq.i8 q2, q0, q0")
T(t_vmla, "vmla.i8 q2, q0, q1\n\tvmls.i16 q3, q0, q1")
T(t_vmul, "vmul.i32 q2, q0, q1\n\tvmul.p8 q3, q0, q1")
T(t_vpmax, "vpmax.s8 d4, d0, d1\n\tvpmax.u16 d5, d1, d2\n\t"
          "vpmin.s32 d6, d2, d3\n\tvpmin.u8 d7, d0, d3")
T(t_vqdmulh, "vqdmulh.s16 q2, q0, q1\n\tvqdmulh.s32 q3, q0, q1")
T(t_vqrdmulh, "vqrdmulh.s16 q2, q0, q1\n\tvqrdmulh.s32 q3, q0, q1")
T(t_vqdmulh_min, "vdup.16 q1, d0[0]\n\tvqdmulh.s16 q2, q1, q1\n\tvqrdmulh.s16 q3, q1, q1")
T(t_vpadd, "vpadd.i8 d4, d0, d1\n\tvpadd.i16 d5, d1, d2\n\tvpadd.i32 d6, d2, d3")
T(t_high_regs, "vadd.i16 q8, q0, q1\n\tveor q9, q8, q0\n\tvmov q2, q8\n\tvmov q3, q9")
/* three registers, different lengths */
T(t_vaddl, "vaddl.s8 q2, d0, d1\n\tvaddl.u16 q3, d2, d3")
T(t_vaddw, "vaddw.s32 q2, q0, d2\n\tvaddw.u8 q3, q1, d0")
T(t_vsubl, "vsubl.s16 q2, d0, d1\n\tvsubl.u32 q3, d2, d3")
T(t_vsubw, "vsubw.s8 q2, q0, d2\n\tvsubw.u16 q3, q1, d0")
T(t_vaddhn, "vaddhn.i16 d4, q0, q1\n\tvraddhn.i32 d5, q0, q1\n\t"
            "vsubhn.i64 d6, q0, q1\n\tvrsubhn.i16 d7, q0, q1")
T(t_vabal, "vabal.s8 q2, d0, d1\n\tvabdl.u16 q3, d2, d3")
T(t_vmlal, "vmlal.s16 q2, d0, d1\n\tvmlsl.u32 q3, d2, d3")
T(t_vmull, "vmull.s8 q2, d0, d1\n\tvmull.u32 q3, d2, d3")
T(t_vmull_p8, "vmull.p8 q2, d0, d1\n\tvmull.p8 q3, d2, d3")
T(t_vqdmlal, "vqdmlal.s16 q2, d0, d1\n\tvqdmlsl.s32 q3, d2, d3")
T(t_vqdmull, "vqdmull.s16 q2, d0, d1\n\tvqdmull.s32 q3, d2, d3")
T(t_vqdmull_min, "vdup.32 d1, d0[1]\n\tvqdmull.s32 q2, d1, d1\n\tvqdmlal.s32 q3, d1, d1")
/* two registers and a scalar */
T(t_sc_vmla, "vmla.i16 q2, q0, d2[3]\n\tvmls.i32 d6, d1, d3[1]")
T(t_sc_vmul, "vmul.i16 d4, d0, d2[1]\n\tvmul.i32 q3, q0, d3[0]")
T(t_sc_vmlal, "vmlal.s16 q2, d0, d2[2]\n\tvmlsl.u32 q3, d1, d3[1]")
T(t_sc_vmull, "vmull.u16 q2, d0, d7[3]\n\tvmull.s32 q3, d1, d2[0]")
T(t_sc_vqdml, "vqdmlal.s16 q2, d0, d2[1]\n\tvqdmlsl.s32 q3, d1, d3[1]")
T(t_sc_vqdmull, "vqdmull.s16 q2, d0, d1[0]\n\tvqdmulh.s32 q3, q0, d3[1]")
T(t_sc_vqrdmulh, "vqrdmulh.s16 q2, q0, d3[2]\n\tvqrdmulh.s32 d6, d1, d2[0]")
/* two registers and a shift amount */
T(t_vshr, "vshr.s8 d4, d0, #3\n\tvshr.u16 d5, d1, #16\n\t"
         "vshr.s32 d6, d2, #32\n\tvshr.u64 d7, d3, #1")
T(t_vsra, "vsra.s8 q2, q0, #8\n\tvsra.u64 q3, q1, #64")
T(t_vrshr, "vrshr.s16 d4, d0, #1\n\tvrshr.u32 d5, d1, #32\n\tvrshr.s64 d6, d2, #64\n\t"
           "vrshr.u8 d7, d3, #7")
T(t_vrsra, "vrsra.s32 q2, q0, #5\n\tvrsra.u8 q3, q1, #8")
T(t_vsri, "vsri.8 d4, d0, #3\n\tvsri.16 d5, d1, #16\n\tvsri.32 d6, d2, #1\n\tvsri.64 d7, d3, #64")
T(t_vsli, "vshl.i8 d4, d0, #7\n\tvsli.16 d5, d1, #15\n\tvsli.32 d6, d2, #0\n\tvsli.64 d7, d3, #33")
T(t_vqshl_imm, "vqshl.s8 d4, d0, #3\n\tvqshl.u16 d5, d1, #9\n\tvqshl.s32 d6, d2, #31\n\t"
               "vqshl.u64 d7, d3, #1")
T(t_vqshlu, "vqshlu.s8 d4, d0, #1\n\tvqshlu.s16 d5, d1, #0\n\tvqshlu.s32 d6, d2, #7\n\t"
            "vqshlu.s64 d7, d3, #63")
T(t_vshrn, "vshrn.i16 d4, q0, #1\n\tvshrn.i32 d5, q1, #16\n\tvrshrn.i64 d6, q0, #32\n\t"
           "vrshrn.i16 d7, q1, #8")
T(t_vqshrn, "vqshrn.s16 d4, q0, #1\n\tvqshrn.u32 d5, q1, #3\n\tvqrshrn.s64 d6, q0, #20\n\t"
            "vqrshrn.u16 d7, q1, #2")
T(t_vqshrun, "vqshrun.s16 d4, q0, #1\n\tvqshrun.s32 d5, q1, #16\n\tvqrshrun.s64 d6, q0, #31\n\t"
             "vqrshrun.s16 d7, q1, #4")
T(t_vshll, "vshll.s8 q2, d0, #3\n\tvshll.u32 q3, d1, #31")
T(t_vmovl, "vmovl.s16 q2, d0\n\tvmovl.u8 q3, d1")
/* one register and a modified immediate */
T(t_vmov_imm, "vmov.i32 d4, #0x4a00\n\tvmov.i16 d5, #0x91\n\tvmov.i32 d6, #0x12ffff\n\t"
              "vmov.i64 d7, #0xff00ff0000ffff00")
T(t_vmvn_imm, "vmvn.i32 q2, #0x37\n\tvmvn.i16 d6, #0x2a00\n\tvmov.i8 d7, #0xa5")
T(t_vorr_imm, "vorr.i32 q0, #0x50000000\n\tvorr.i16 d2, #0x18\n\tvbic.i32 q2, #0xff00\n\t"
              "vbic.i16 d7, #0x8100")
T(t_vmov_f32, "vmov.f32 q2, #1.5\n\tvmov.f32 d6, #-0.125")
/* two registers, miscellaneous */
T(t_vrev, "vrev64.8 d4, d0\n\tvrev64.32 d5, d1\n\tvrev32.16 d6, d2\n\tvrev16.8 q0, q1")
T(t_vpaddl, "vpaddl.s8 d4, d0\n\tvpaddl.u16 d5, d1\n\tvpaddl.s32 q3, q1")
T(t_vpadal, "vpadal.u8 q2, q0\n\tvpadal.s32 q3, q1")
T(t_vcls, "vcls.s8 d4, d0\n\tvcls.s16 d5, d1\n\tvcls.s32 q3, q1")
T(t_vclz, "vclz.i8 d4, d0\n\tvclz.i16 d5, d1\n\tvclz.i32 q3, q1")
T(t_vcnt, "vcnt.8 q2, q0\n\tvmvn q3, q1")
T(t_vqabs, "vqabs.s8 q2, q0\n\tvqneg.s16 d6, d2\n\tvqneg.s32 d7, d3")
T(t_vqabs_min, "vmov.i32 q1, #0x80000000\n\tvqabs.s32 q2, q1\n\tvqneg.s8 q3, q1")
T(t_vabs, "vabs.s8 d4, d0\n\tvabs.s32 d5, d1\n\tvneg.s16 q3, q1")
T(t_vcmp0, "vcgt.s8 d4, d0, #0\n\tvcge.s16 d5, d1, #0\n\tvceq.i32 d6, d2, #0\n\t"
           "vcle.s8 d7, d3, #0\n\tvclt.s16 d0, d1, #0")
T(t_vswp, "vswp d0, d1\n\tvswp q2, q3")
T(t_vtrn, "vtrn.8 d0, d1\n\tvtrn.16 q2, q3\n\tvtrn.32 d2, d3")
T(t_vuzp, "vuzp.8 d0, d1\n\tvuzp.16 q2, q3\n\tvuzp.32 q1, q0")
T(t_vzip, "vzip.8 d0, d1\n\tvzip.16 q2, q3\n\tvzip.32 q1, q0")
T(t_vmovn, "vmovn.i16 d4, q0\n\tvmovn.i64 d5, q1\n\tvqmovn.s32 d6, q0\n\tvqmovn.u16 d7, q1")
T(t_vqmovun, "vqmovun.s16 d4, q0\n\tvqmovun.s32 d5, q1\n\tvqmovun.s64 d6, q0")
T(t_vshll_max, "vshll.i8 q2, d0, #8\n\tvshll.i32 q3, d1, #32")
/* VEXT, VTBL, VTBX, VDUP, core <-> scalar */
T(t_vext, "vext.8 d4, d0, d1, #3\n\tvext.8 q3, q0, q1, #13")
T(t_vtbl, "vshr.u8 d7, d7, #3\n\tvtbl.8 d4, {d0}, d7\n\tvtbl.8 d5, {d0-d3}, d7\n\t"
          "vtbx.8 d6, {d1-d2}, d7\n\tvtbx.8 d3, {d0-d2}, d7")
T(t_vdup_sc, "vdup.8 d4, d0[7]\n\tvdup.16 q3, d1[2]\n\tvdup.32 d5, d2[1]")
T(t_vdup_core, "vmov.32 r0, d0[0]\n\tvdup.8 d4, r0\n\tvdup.16 d5, r0\n\tvdup.32 q3, r0")
T(t_vmov_scalar, "vmov.s8 r0, d1[5]\n\tvmov.8 d4[3], r0\n\tvmov.u16 r0, d2[3]\n\t"
                 "vmov.16 d5[0], r0\n\tvmov.32 r0, d3[1]\n\tvmov.32 d6[0], r0\n\t"
                 "vmov.s16 r0, d0[1]\n\tvmov.32 d7[1], r0")
/* element and structure loads and stores */
T(t_vld1, "vld1.8 {d0}, [r4]\n\tvld1.16 {d1-d2}, [r4:128]!\n\tvld1.32 {d3-d5}, [r4], r5\n\t"
          "vld1.64 {d6-d7}, [r4]")
T(t_vst1, "vst1.8 {d0-d3}, [r4]!\n\tvst1.64 {d4}, [r4:64], r5\n\tvld1.8 {d5-d6}, [r4]")
T(t_vld2, "vld2.8 {d0-d1}, [r4]!\n\tvld2.16 {d2,d4}, [r4]\n\tvld2.32 {d4-d7}, [r4], r5")
T(t_vst2, "vst2.8 {d0,d2}, [r4]!\n\tvst2.16 {d4-d7}, [r4:256]\n\tvld1.8 {d0-d3}, [r4]")
T(t_vld3, "vld3.8 {d0-d2}, [r4]!\n\tvld3.32 {d3,d5,d7}, [r4]")
T(t_vst3, "vst3.16 {d0,d2,d4}, [r4], r5\n\tvst3.8 {d5-d7}, [r4]\n\tvld1.8 {d0-d3}, [r4]")
T(t_vld4, "vld4.8 {d0-d3}, [r4:64]!\n\tvld4.16 {d4,d5,d6,d7}, [r4]")
T(t_vld4_sp, "vld4.32 {d0,d2,d4,d6}, [r4]!")
T(t_vst4, "vst4.8 {d0-d3}, [r4]!\n\tvst4.32 {d1,d3,d5,d7}, [r4]\n\tvld1.8 {d0-d3}, [r4]")
T(t_vld1_lane, "vld1.32 {d2[1]}, [r4:32]!\n\tvld1.16 {d1[2]}, [r4:16]!\n\tvld1.8 {d0[3]}, [r4], r5")
T(t_vld2_lane, "vld2.32 {d5[0],d6[0]}, [r4:64]!\n\tvld2.16 {d2[1],d4[1]}, [r4]!\n\t"
               "vld2.8 {d0[7],d1[7]}, [r4]")
T(t_vld3_lane, "vld3.8 {d0[1],d1[1],d2[1]}, [r4]!\n\tvld3.16 {d3[3],d5[3],d7[3]}, [r4]")
T(t_vld4_lane, "vld4.32 {d4[1],d5[1],d6[1],d7[1]}, [r4:128]!\n\t"
               "vld4.8 {d0[2],d1[2],d2[2],d3[2]}, [r4:32]")
T(t_vst_lane, "vst1.16 {d0[1]}, [r4]!\n\tvst2.8 {d1[4],d2[4]}, [r4]!\n\t"
              "vst3.32 {d3[0],d4[0],d5[0]}, [r4]!\n\tvst4.16 {d4[2],d5[2],d6[2],d7[2]}, [r4]\n\t"
              "vld1.8 {d0-d3}, [r4]")
T(t_vld_dup, "vld1.16 {d1[],d2[]}, [r4:16]!\n\tvld2.32 {d3[],d4[]}, [r4]!\n\t"
             "vld1.8 {d0[]}, [r4]!\n\tvld3.16 {d5[],d6[],d7[]}, [r4]")
T(t_vld_dup2, "vld4.32 {d1[],d3[],d5[],d7[]}, [r4:64]!\n\t"
              "vld4.8 {d0[],d2[],d4[],d6[]}, [r4:32], r5")

struct test {
    const char *name;
    test_fn *fn;
};

#define E(N) { #N, N }
static const struct test tests[] = {
    E(t_vhadd_s8), E(t_vhadd_u32), E(t_vqadd_s8), E(t_vqadd_u16), E(t_vqadd_s64),
    E(t_vqadd_u64), E(t_vrhadd_s16), E(t_vrhadd_u8), E(t_logic), E(t_logic2), E(t_vhsub_s32),
    E(t_vhsub_u8), E(t_vqsub_s16), E(t_vqsub_u8), E(t_vqsub_s64), E(t_vcgt), E(t_vshl_s8),
    E(t_vshl_u64), E(t_vshl_s16_small), E(t_vqshl_s32), E(t_vqshl_u8), E(t_vqshl_s64),
    E(t_vrshl_s16), E(t_vrshl_u32), E(t_vqrshl_s8), E(t_vqrshl_u64), E(t_vqrshl_s64),
    E(t_vmax), E(t_vabd), E(t_vadd), E(t_vtst), E(t_vceq_self), E(t_vmla), E(t_vmul),
    E(t_vpmax), E(t_vqdmulh), E(t_vqrdmulh), E(t_vqdmulh_min), E(t_vpadd), E(t_high_regs),
    E(t_vaddl), E(t_vaddw), E(t_vsubl), E(t_vsubw), E(t_vaddhn), E(t_vabal), E(t_vmlal),
    E(t_vmull), E(t_vmull_p8), E(t_vqdmlal), E(t_vqdmull), E(t_vqdmull_min), E(t_sc_vmla),
    E(t_sc_vmul), E(t_sc_vmlal), E(t_sc_vmull), E(t_sc_vqdml), E(t_sc_vqdmull),
    E(t_sc_vqrdmulh), E(t_vshr), E(t_vsra), E(t_vrshr), E(t_vrsra), E(t_vsri), E(t_vsli),
    E(t_vqshl_imm), E(t_vqshlu), E(t_vshrn), E(t_vqshrn), E(t_vqshrun), E(t_vshll),
    E(t_vmovl), E(t_vmov_imm), E(t_vmvn_imm), E(t_vorr_imm), E(t_vmov_f32), E(t_vrev),
    E(t_vpaddl), E(t_vpadal), E(t_vcls), E(t_vclz), E(t_vcnt), E(t_vqabs), E(t_vqabs_min),
    E(t_vabs), E(t_vcmp0), E(t_vswp), E(t_vtrn), E(t_vuzp), E(t_vzip), E(t_vmovn),
    E(t_vqmovun), E(t_vshll_max), E(t_vext), E(t_vtbl), E(t_vdup_sc), E(t_vdup_core),
    E(t_vmov_scalar), E(t_vld1), E(t_vst1), E(t_vld2), E(t_vst2), E(t_vld3), E(t_vst3),
    E(t_vld4), E(t_vld4_sp), E(t_vst4), E(t_vld1_lane), E(t_vld2_lane), E(t_vld3_lane),
    E(t_vld4_lane), E(t_vst_lane), E(t_vld_dup), E(t_vld_dup2),
};

static uint32_t fnv(const uint8_t *p, int n, uint32_t h)
{
    for (int i = 0; i < n; i++) {
        h = (h ^ p[i]) * 16777619u;
    }
    return h;
}

static void fill(int round)
{
    static const uint8_t special[] = { 0x00, 0x7f, 0x80, 0xff, 0x01, 0xfe, 0x81, 0x40 };

    for (int i = 0; i < 64; i++) {
        in[i] = rnd() >> 24;
        if (round & 1 && (rnd() & 3) == 0) {
            in[i] = special[rnd() & 7];
        }
    }
    for (int i = 0; i < 128; i++) {
        mem[i] = rnd() >> 24;
    }
}

int main(void)
{
    for (int round = 0; round < 6; round++) {
        for (unsigned t = 0; t < sizeof(tests) / sizeof(tests[0]); t++) {
            uint32_t wb;

            fill(round * 1000 + t);
            wb = tests[t].fn();
            put_str(tests[t].name);
            put_str(" ");
            put_hex(fnv(mem, sizeof(mem), fnv(out, sizeof(out), 2166136261u)));
            put_str(" ");
            put_hex(wb);
            put_str("\n");
        }
    }
    put_str("neon-diff ok\n");
    return 0;
}
