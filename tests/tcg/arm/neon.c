/*
 * Advanced SIMD integer operations and structure loads/stores through
 * arm_neon.h intrinsics. The guest build runs the instructions; the host
 * build (no __ARM_NEON) computes the ARM ARM definitions in plain C, and
 * the outputs are compared. Inputs are pseudo-random with the boundary
 * values of the saturating forms mixed in.
 */
#include <stdint.h>
#include "testlib.h"
#ifdef __ARM_NEON
#include <arm_neon.h>
#endif

typedef union {
    uint8_t u8[64];
    int8_t s8[64];
    uint16_t u16[32];
    int16_t s16[32];
    uint32_t u32[16];
    int32_t s32[16];
    uint64_t u64[8];
} vec;

static vec a, b, c, r;
static uint32_t seed = 0x12345678;

static uint32_t rnd(void)
{
    seed = seed * 1664525u + 1013904223u;
    return seed ^ (seed >> 15);
}

static void fill(int round)
{
    static const uint8_t special[] = { 0x00, 0x7f, 0x80, 0xff, 0x01, 0xfe, 0x81, 0x40 };

    for (int i = 0; i < 64; i++) {
        a.u8[i] = rnd() >> 24;
        b.u8[i] = rnd() >> 24;
        c.u8[i] = rnd() >> 24;
        r.u8[i] = 0;
    }
    if (round & 1) {
        for (int i = 0; i < 16; i++) {
            a.u8[i] = special[i & 7];
            b.u8[i] = special[(i + round) & 7];
        }
    }
}

static void show(const char *name, int bytes)
{
    put_str(name);
    for (int i = 0; i < bytes / 4; i++) {
        put_str(i % 4 ? " " : "\n  ");
        put_hex(r.u32[i]);
    }
    put_str("\n");
}

static __attribute__((unused)) int64_t sat(int64_t v, int bits, int is_unsigned)
{
    int64_t lo = is_unsigned ? 0 : -((int64_t)1 << (bits - 1));
    int64_t hi = is_unsigned ? ((int64_t)1 << bits) - 1 : ((int64_t)1 << (bits - 1)) - 1;

    return v < lo ? lo : v > hi ? hi : v;
}

static __attribute__((noinline)) void test_arith(void)
{
#ifdef __ARM_NEON
    vst1q_u8(r.u8, vaddq_u8(vld1q_u8(a.u8), vld1q_u8(b.u8)));
#else
    for (int i = 0; i < 16; i++) {
        r.u8[i] = a.u8[i] + b.u8[i];
    }
#endif
    show("vadd.i8", 16);
#ifdef __ARM_NEON
    vst1q_s8(r.s8, vqaddq_s8(vld1q_s8(a.s8), vld1q_s8(b.s8)));
#else
    for (int i = 0; i < 16; i++) {
        r.s8[i] = sat(a.s8[i] + b.s8[i], 8, 0);
    }
#endif
    show("vqadd.s8", 16);
#ifdef __ARM_NEON
    vst1q_u16(r.u16, vqsubq_u16(vld1q_u16(a.u16), vld1q_u16(b.u16)));
#else
    for (int i = 0; i < 8; i++) {
        r.u16[i] = sat((int64_t)a.u16[i] - b.u16[i], 16, 1);
    }
#endif
    show("vqsub.u16", 16);
#ifdef __ARM_NEON
    vst1q_s16(r.s16, vhaddq_s16(vld1q_s16(a.s16), vld1q_s16(b.s16)));
#else
    for (int i = 0; i < 8; i++) {
        r.s16[i] = (a.s16[i] + b.s16[i]) >> 1;
    }
#endif
    show("vhadd.s16", 16);
#ifdef __ARM_NEON
    vst1q_u8(r.u8, vrhaddq_u8(vld1q_u8(a.u8), vld1q_u8(b.u8)));
#else
    for (int i = 0; i < 16; i++) {
        r.u8[i] = (a.u8[i] + b.u8[i] + 1) >> 1;
    }
#endif
    show("vrhadd.u8", 16);
#ifdef __ARM_NEON
    vst1q_u32(r.u32, vmlaq_u32(vld1q_u32(c.u32), vld1q_u32(a.u32), vld1q_u32(b.u32)));
#else
    for (int i = 0; i < 4; i++) {
        r.u32[i] = c.u32[i] + a.u32[i] * b.u32[i];
    }
#endif
    show("vmla.i32", 16);
#ifdef __ARM_NEON
    vst1q_s32(r.s32, vmull_s16(vld1_s16(a.s16), vld1_s16(b.s16)));
#else
    for (int i = 0; i < 4; i++) {
        r.s32[i] = (int32_t)a.s16[i] * b.s16[i];
    }
#endif
    show("vmull.s16", 16);
#ifdef __ARM_NEON
    vst1q_p16((poly16_t *)r.u16, vmull_p8(vld1_p8((poly8_t *)a.u8), vld1_p8((poly8_t *)b.u8)));
#else
    for (int i = 0; i < 8; i++) {
        uint16_t p = 0;

        for (int k = 0; k < 8; k++) {
            if ((b.u8[i] >> k) & 1) {
                p ^= a.u8[i] << k;
            }
        }
        r.u16[i] = p;
    }
#endif
    show("vmull.p8", 16);
#ifdef __ARM_NEON
    vst1q_s16(r.s16, vqdmulhq_s16(vld1q_s16(a.s16), vld1q_s16(b.s16)));
#else
    for (int i = 0; i < 8; i++) {
        r.s16[i] = sat((2 * (int64_t)a.s16[i] * b.s16[i]) >> 16, 16, 0);
    }
#endif
    show("vqdmulh.s16", 16);
#ifdef __ARM_NEON
    vst1q_s32(r.s32, vqrdmulhq_s32(vld1q_s32(a.s32), vld1q_s32(b.s32)));
#else
    for (int i = 0; i < 4; i++) {
        r.s32[i] = sat((2 * (int64_t)a.s32[i] * b.s32[i] + (1ll << 31)) >> 32, 32, 0);
    }
#endif
    show("vqrdmulh.s32", 16);
#ifdef __ARM_NEON
    vst1q_s64((int64_t *)r.u64, vqdmlal_s32(vld1q_s64((int64_t *)c.u64), vld1_s32(a.s32),
                                            vld1_s32(b.s32)));
#else
    for (int i = 0; i < 2; i++) {
        int64_t p = 2 * (int64_t)a.s32[i] * b.s32[i];   /* saturates only for -2^31 squared */
        int64_t acc = (int64_t)c.u64[i];

        if (a.s32[i] == INT32_MIN && b.s32[i] == INT32_MIN) {
            p = INT64_MAX;
        }
        if (p > 0 && acc > INT64_MAX - p) {
            acc = INT64_MAX;
        } else if (p < 0 && acc < INT64_MIN - p) {
            acc = INT64_MIN;
        } else {
            acc += p;
        }
        r.u64[i] = (uint64_t)acc;
    }
#endif
    show("vqdmlal.s32", 16);
#ifdef __ARM_NEON
    vst1q_s8(r.s8, vabdq_s8(vld1q_s8(a.s8), vld1q_s8(b.s8)));
#else
    for (int i = 0; i < 16; i++) {
        int d = a.s8[i] - b.s8[i];

        r.u8[i] = d < 0 ? -d : d;
    }
#endif
    show("vabd.s8", 16);
#ifdef __ARM_NEON
    vst1_s16(r.s16, vpadd_s16(vld1_s16(a.s16), vld1_s16(b.s16)));
#else
    for (int i = 0; i < 2; i++) {
        r.s16[i] = a.s16[2 * i] + a.s16[2 * i + 1];
        r.s16[i + 2] = b.s16[2 * i] + b.s16[2 * i + 1];
    }
#endif
    show("vpadd.i16", 8);
#ifdef __ARM_NEON
    vst1q_u16(r.u16, vpaddlq_u8(vld1q_u8(a.u8)));
#else
    for (int i = 0; i < 8; i++) {
        r.u16[i] = a.u8[2 * i] + a.u8[2 * i + 1];
    }
#endif
    show("vpaddl.u8", 16);
#ifdef __ARM_NEON
    vst1q_u32(r.u32, vmaxq_u32(vld1q_u32(a.u32), vld1q_u32(b.u32)));
#else
    for (int i = 0; i < 4; i++) {
        r.u32[i] = a.u32[i] > b.u32[i] ? a.u32[i] : b.u32[i];
    }
#endif
    show("vmax.u32", 16);
#ifdef __ARM_NEON
    vst1q_u8(r.u8, vcgtq_s8(vld1q_s8(a.s8), vld1q_s8(b.s8)));
#else
    for (int i = 0; i < 16; i++) {
        r.u8[i] = a.s8[i] > b.s8[i] ? 0xff : 0;
    }
#endif
    show("vcgt.s8", 16);
#ifdef __ARM_NEON
    vst1q_u8(r.u8, vbslq_u8(vld1q_u8(c.u8), vld1q_u8(a.u8), vld1q_u8(b.u8)));
#else
    for (int i = 0; i < 16; i++) {
        r.u8[i] = (c.u8[i] & a.u8[i]) | (~c.u8[i] & b.u8[i]);
    }
#endif
    show("vbsl", 16);
}

/* Shift of an N-bit lane by a signed amount, as VSHL/VRSHL/VQSHL define it. */
static __attribute__((unused)) int64_t ref_shift(int64_t v, int s, int bits, int round,
                                                 int saturating)
{
    if (s >= bits) {
        /* Everything shifted out; a saturating shift of a non-zero value overflows. */
        return saturating && v ? (v > 0 ? INT64_MAX / 2 : INT64_MIN / 2) : 0;
    }
    if (s >= 0) {
        return v * (1ll << s);
    }
    s = -s > bits ? bits + 1 : -s;
    if (s >= 63) {
        return round ? 0 : (v < 0 ? -1 : 0);
    }
    if (round) {
        return (v + (1ll << (s - 1))) >> s;
    }
    return v >> s;
}

static __attribute__((noinline)) void test_shift(void)
{
#ifdef __ARM_NEON
    vst1q_s8(r.s8, vshlq_s8(vld1q_s8(a.s8), vld1q_s8(b.s8)));
#else
    for (int i = 0; i < 16; i++) {
        r.s8[i] = (int8_t)ref_shift(a.s8[i], b.s8[i], 8, 0, 0);
    }
#endif
    show("vshl.s8", 16);
#ifdef __ARM_NEON
    vst1q_u16(r.u16, vqrshlq_u16(vld1q_u16(a.u16), vshrq_n_s16(vld1q_s16(b.s16), 11)));
#else
    for (int i = 0; i < 8; i++) {
        r.u16[i] = sat(ref_shift(a.u16[i], b.s16[i] >> 11, 16, 1, 1), 16, 1);
    }
#endif
    show("vqrshl.u16", 16);
#ifdef __ARM_NEON
    vst1q_s32(r.s32, vrshrq_n_s32(vld1q_s32(a.s32), 5));
#else
    for (int i = 0; i < 4; i++) {
        r.s32[i] = (int32_t)(((int64_t)a.s32[i] + 16) >> 5);
    }
#endif
    show("vrshr.s32", 16);
#ifdef __ARM_NEON
    vst1q_u8(r.u8, vsraq_n_u8(vld1q_u8(c.u8), vld1q_u8(a.u8), 3));
#else
    for (int i = 0; i < 16; i++) {
        r.u8[i] = c.u8[i] + (a.u8[i] >> 3);
    }
#endif
    show("vsra.u8", 16);
#ifdef __ARM_NEON
    vst1q_u16(r.u16, vsriq_n_u16(vld1q_u16(c.u16), vld1q_u16(a.u16), 4));
#else
    for (int i = 0; i < 8; i++) {
        r.u16[i] = (c.u16[i] & 0xf000) | (a.u16[i] >> 4);
    }
#endif
    show("vsri.16", 16);
#ifdef __ARM_NEON
    vst1q_u32(r.u32, vsliq_n_u32(vld1q_u32(c.u32), vld1q_u32(a.u32), 9));
#else
    for (int i = 0; i < 4; i++) {
        r.u32[i] = (c.u32[i] & 0x1ff) | (a.u32[i] << 9);
    }
#endif
    show("vsli.32", 16);
#ifdef __ARM_NEON
    vst1q_u8(r.u8, vqshluq_n_s8(vld1q_s8(a.s8), 2));
#else
    for (int i = 0; i < 16; i++) {
        r.u8[i] = sat(a.s8[i] * 4, 8, 1);
    }
#endif
    show("vqshlu.s8", 16);
#ifdef __ARM_NEON
    vst1_s16(r.s16, vqrshrn_n_s32(vld1q_s32(a.s32), 7));
#else
    for (int i = 0; i < 4; i++) {
        r.s16[i] = sat(((int64_t)a.s32[i] + 64) >> 7, 16, 0);
    }
#endif
    show("vqrshrn.s32", 8);
#ifdef __ARM_NEON
    vst1_u8(r.u8, vqmovun_s16(vld1q_s16(a.s16)));
#else
    for (int i = 0; i < 8; i++) {
        r.u8[i] = sat(a.s16[i], 8, 1);
    }
#endif
    show("vqmovun.s16", 8);
#ifdef __ARM_NEON
    vst1q_u16(r.u16, vshll_n_u8(vld1_u8(a.u8), 3));
#else
    for (int i = 0; i < 8; i++) {
        r.u16[i] = a.u8[i] << 3;
    }
#endif
    show("vshll.u8", 16);
}

static __attribute__((noinline)) void test_misc(void)
{
#ifdef __ARM_NEON
    vst1q_u16(r.u16, vclzq_u16(vld1q_u16(a.u16)));
#else
    for (int i = 0; i < 8; i++) {
        int n = 0;

        while (n < 16 && !((a.u16[i] << n) & 0x8000)) {
            n++;
        }
        r.u16[i] = n;
    }
#endif
    show("vclz.i16", 16);
#ifdef __ARM_NEON
    vst1q_s8(r.s8, vclsq_s8(vld1q_s8(a.s8)));
#else
    for (int i = 0; i < 16; i++) {
        int n = 0, top = (a.u8[i] >> 7) & 1;

        while (n < 7 && ((a.u8[i] >> (6 - n)) & 1) == top) {
            n++;
        }
        r.u8[i] = n;
    }
#endif
    show("vcls.s8", 16);
#ifdef __ARM_NEON
    vst1q_u8(r.u8, vcntq_u8(vld1q_u8(a.u8)));
#else
    for (int i = 0; i < 16; i++) {
        r.u8[i] = __builtin_popcount(a.u8[i]);
    }
#endif
    show("vcnt.8", 16);
#ifdef __ARM_NEON
    vst1q_u16(r.u16, vrev64q_u16(vld1q_u16(a.u16)));
#else
    for (int i = 0; i < 8; i++) {
        r.u16[i] = a.u16[(i & ~3) + 3 - (i & 3)];
    }
#endif
    show("vrev64.16", 16);
#ifdef __ARM_NEON
    vst1q_s8(r.s8, vqabsq_s8(vld1q_s8(a.s8)));
#else
    for (int i = 0; i < 16; i++) {
        r.s8[i] = sat(a.s8[i] < 0 ? -a.s8[i] : a.s8[i], 8, 0);
    }
#endif
    show("vqabs.s8", 16);
#ifdef __ARM_NEON
    vst1q_s16(r.s16, vqnegq_s16(vld1q_s16(a.s16)));
#else
    for (int i = 0; i < 8; i++) {
        r.s16[i] = sat(-a.s16[i], 16, 0);
    }
#endif
    show("vqneg.s16", 16);
#ifdef __ARM_NEON
    {
        uint8x8x2_t t = { { vld1_u8(b.u8), vld1_u8(b.u8 + 8) } };

        vst1_u8(r.u8, vtbl2_u8(t, vand_u8(vld1_u8(a.u8), vdup_n_u8(0x1f))));
        vst1_u8(r.u8 + 8, vtbx1_u8(vld1_u8(c.u8), vld1_u8(b.u8), vand_u8(vld1_u8(a.u8),
                                                                            vdup_n_u8(0xf))));
    }
#else
    for (int i = 0; i < 8; i++) {
        int k = a.u8[i] & 0x1f, j = a.u8[i] & 0xf;

        r.u8[i] = k < 16 ? b.u8[k] : 0;
        r.u8[8 + i] = j < 8 ? b.u8[j] : c.u8[i];
    }
#endif
    show("vtbl/vtbx", 16);
#ifdef __ARM_NEON
    {
        uint8x16x2_t z = vzipq_u8(vld1q_u8(a.u8), vld1q_u8(b.u8));

        vst1q_u8(r.u8, z.val[0]);
        vst1q_u8(r.u8 + 16, z.val[1]);
    }
#else
    for (int i = 0; i < 16; i++) {
        r.u8[2 * i] = a.u8[i];
        r.u8[2 * i + 1] = b.u8[i];
    }
#endif
    show("vzip.8", 32);
#ifdef __ARM_NEON
    {
        uint16x8x2_t z = vuzpq_u16(vld1q_u16(a.u16), vld1q_u16(b.u16));

        vst1q_u16(r.u16, z.val[0]);
        vst1q_u16(r.u16 + 8, z.val[1]);
    }
#else
    for (int i = 0; i < 8; i++) {
        r.u16[i] = i < 4 ? a.u16[2 * i] : b.u16[2 * i - 8];
        r.u16[8 + i] = i < 4 ? a.u16[2 * i + 1] : b.u16[2 * i - 7];
    }
#endif
    show("vuzp.16", 32);
#ifdef __ARM_NEON
    {
        uint32x4x2_t z = vtrnq_u32(vld1q_u32(a.u32), vld1q_u32(b.u32));

        vst1q_u32(r.u32, z.val[0]);
        vst1q_u32(r.u32 + 4, z.val[1]);
    }
#else
    for (int i = 0; i < 4; i += 2) {
        r.u32[i] = a.u32[i];
        r.u32[i + 1] = b.u32[i];
        r.u32[4 + i] = a.u32[i + 1];
        r.u32[4 + i + 1] = b.u32[i + 1];
    }
#endif
    show("vtrn.32", 32);
#ifdef __ARM_NEON
    vst1q_u8(r.u8, vextq_u8(vld1q_u8(a.u8), vld1q_u8(b.u8), 5));
#else
    for (int i = 0; i < 16; i++) {
        r.u8[i] = i + 5 < 16 ? a.u8[i + 5] : b.u8[i - 11];
    }
#endif
    show("vext.8", 16);
#ifdef __ARM_NEON
    vst1q_u16(r.u16, vdupq_lane_u16(vld1_u16(a.u16), 2));
#else
    for (int i = 0; i < 8; i++) {
        r.u16[i] = a.u16[2];
    }
#endif
    show("vdup.16 scalar", 16);
}

/* Transfers between core registers and lanes; gcc keeps x in a core register. */
static __attribute__((noinline)) void test_core(void)
{
#ifdef __ARM_NEON
    uint32x4_t q = vdupq_n_u32(a.u32[0] ^ 0x5a5a5a5a);
    uint16x8_t h = vsetq_lane_u16(b.u16[1], vld1q_u16(c.u16), 5);
    uint8x16_t v = vld1q_u8(a.u8);
    uint32_t x = vgetq_lane_u8(v, 13) | (uint32_t)vgetq_lane_s8(vreinterpretq_s8_u8(v), 3) << 8;

    vst1q_u32(r.u32, q);
    vst1q_u16(r.u16 + 8, h);
    r.u32[8] = x;
#else
    for (int i = 0; i < 4; i++) {
        r.u32[i] = a.u32[0] ^ 0x5a5a5a5a;
    }
    for (int i = 0; i < 8; i++) {
        r.u16[8 + i] = i == 5 ? b.u16[1] : c.u16[i];
    }
    r.u32[8] = a.u8[13] | (uint32_t)(int32_t)a.s8[3] << 8;
#endif
    show("vdup/vmov core", 36);
}

static __attribute__((noinline)) void test_ldst(void)
{
#ifdef __ARM_NEON
    uint8x16x2_t l2 = vld2q_u8(a.u8);
    uint16x4x3_t l3 = { { vld1_u16(b.u16), vld1_u16(b.u16 + 4), vld1_u16(b.u16 + 8) } };
    uint32x2x4_t l4 = vld4_dup_u32(c.u32);
    uint16x8_t lane = vld1q_lane_u16(&b.u16[3], vld1q_u16(a.u16), 6);

    vst1q_u8(r.u8, l2.val[1]);
    vst3_u16(r.u16 + 8, l3);
    vst1_u32(r.u32 + 10, l4.val[3]);
    vst1q_u16(r.u16 + 24, lane);
#else
    for (int i = 0; i < 16; i++) {
        r.u8[i] = a.u8[2 * i + 1];
    }
    for (int i = 0; i < 4; i++) {
        for (int k = 0; k < 3; k++) {
            r.u16[8 + 3 * i + k] = b.u16[4 * k + i];
        }
    }
    r.u32[10] = r.u32[11] = c.u32[3];
    for (int i = 0; i < 8; i++) {
        r.u16[24 + i] = i == 6 ? b.u16[3] : a.u16[i];
    }
#endif
    show("vld2/vst3/vld4-dup/vld1-lane", 64);
}

int main(void)
{
    for (int round = 0; round < 4; round++) {
        fill(round);
        put_str("round ");
        put_dec(round);
        put_str("\n");
        test_arith();
        test_shift();
        test_misc();
        test_core();
        test_ldst();
    }
    put_str("neon ok\n");
    return 0;
}
