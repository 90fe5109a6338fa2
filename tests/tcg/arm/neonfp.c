/*
 * Advanced SIMD floating point over edge-case inputs: NaNs (quiet and
 * signalling), infinities, denormals (flushed: IDC), zeros, the extremes,
 * rounding ties, and the estimate tables swept. Every instruction runs
 * under an FPSCR whose control bits are not the standard value (rounding
 * toward -inf or zero, FZ and DN clear) to show that they are ignored.
 *
 * q0 = d0:d1 and q1 = d2:d3 are the operands, q2 = d4:d5 the destination
 * (its old value is the accumulator); each line is the instruction, its
 * inputs, the result lanes and the FPSCR after (flags from zero). VFMA and
 * VFMS run where MVFR1 reports VFPv4 fused multiply-add. The expected
 * output is qemu-system-arm's for the same ELF (run-test.py --golden).
 */
#include "testlib.h"

#define RM (2u << 22)
#define RZ (3u << 22)
#define AHP (1u << 26)

typedef void op_fn(const uint32_t *in, uint32_t *out, uint32_t *fpscr);

/* IN: q0, q1, q2 (12 words); OUT: q2 after INSN; *FPSCR in and out. */
#define OP(NAME, INSN)                                                          \
static void NAME(const uint32_t *in, uint32_t *out, uint32_t *fpscr)           \
{                                                                               \
    const uint32_t *src = in;                                                   \
    uint32_t f = *fpscr;                                                        \
    __asm__ volatile("vld1.32 {d0-d3}, [%[s]]!\n\t"                             \
                     "vld1.32 {d4-d5}, [%[s]]\n\t"                              \
                     "vmsr fpscr, %[f]\n\t" INSN "\n\t"                         \
                     "vmrs %[f], fpscr\n\t"                                     \
                     "vst1.32 {d4-d5}, [%[d]]"                                  \
                     : [f] "+r"(f), [s] "+r"(src)                               \
                     : [d] "r"(out)                                             \
                     : "memory", "d0", "d1", "d2", "d3", "d4", "d5");           \
    *fpscr = f;                                                                 \
}

/* Binary, D form (d4 = d0 op d2) and Q form. */
OP(vadd_d, "vadd.f32 d4, d0, d2")
OP(vsub_d, "vsub.f32 d4, d0, d2")
OP(vmul_d, "vmul.f32 d4, d0, d2")
OP(vmla_d, "vmla.f32 d4, d0, d2")
OP(vmls_d, "vmls.f32 d4, d0, d2")
OP(vabd_d, "vabd.f32 d4, d0, d2")
OP(vpadd_d, "vpadd.f32 d4, d0, d2")
OP(vmax_d, "vmax.f32 d4, d0, d2")
OP(vmin_d, "vmin.f32 d4, d0, d2")
OP(vpmax_d, "vpmax.f32 d4, d0, d2")
OP(vpmin_d, "vpmin.f32 d4, d0, d2")
OP(vceq_d, "vceq.f32 d4, d0, d2")
OP(vcge_d, "vcge.f32 d4, d0, d2")
OP(vcgt_d, "vcgt.f32 d4, d0, d2")
OP(vacge_d, "vacge.f32 d4, d0, d2")
OP(vacgt_d, "vacgt.f32 d4, d0, d2")
OP(vrecps_d, "vrecps.f32 d4, d0, d2")
OP(vrsqrts_d, "vrsqrts.f32 d4, d0, d2")
OP(vmul_sc, "vmul.f32 d4, d0, d2[1]")
OP(vmla_sc, "vmla.f32 d4, d0, d2[0]")
OP(vmls_sc, "vmls.f32 d4, d0, d3[1]")
OP(vfma_d, "vfma.f32 d4, d0, d2")
OP(vfms_d, "vfms.f32 d4, d0, d2")

OP(vadd_q, "vadd.f32 q2, q0, q1")
OP(vsub_q, "vsub.f32 q2, q0, q1")
OP(vmul_q, "vmul.f32 q2, q0, q1")
OP(vmla_q, "vmla.f32 q2, q0, q1")
OP(vmls_q, "vmls.f32 q2, q0, q1")
OP(vabd_q, "vabd.f32 q2, q0, q1")
OP(vmax_q, "vmax.f32 q2, q0, q1")
OP(vmin_q, "vmin.f32 q2, q0, q1")
OP(vceq_q, "vceq.f32 q2, q0, q1")
OP(vcge_q, "vcge.f32 q2, q0, q1")
OP(vcgt_q, "vcgt.f32 q2, q0, q1")
OP(vacge_q, "vacge.f32 q2, q0, q1")
OP(vacgt_q, "vacgt.f32 q2, q0, q1")
OP(vrecps_q, "vrecps.f32 q2, q0, q1")
OP(vrsqrts_q, "vrsqrts.f32 q2, q0, q1")
OP(vmul_scq, "vmul.f32 q2, q0, d3[0]")
OP(vmla_scq, "vmla.f32 q2, q0, d2[1]")
OP(vmls_scq, "vmls.f32 q2, q1, d0[0]")
OP(vfma_q, "vfma.f32 q2, q0, q1")
OP(vfms_q, "vfms.f32 q2, q0, q1")

/* Unary on q0 (Q form) into q2. */
OP(vabs_q, "vabs.f32 q2, q0")
OP(vneg_q, "vneg.f32 q2, q0")
OP(vceqz_q, "vceq.f32 q2, q0, #0")
OP(vcgez_q, "vcge.f32 q2, q0, #0")
OP(vcgtz_q, "vcgt.f32 q2, q0, #0")
OP(vclez_q, "vcle.f32 q2, q0, #0")
OP(vcltz_q, "vclt.f32 q2, q0, #0")
OP(vrecpe_q, "vrecpe.f32 q2, q0")
OP(vrsqrte_q, "vrsqrte.f32 q2, q0")
OP(vrecpeu_q, "vrecpe.u32 q2, q0")
OP(vrsqrteu_q, "vrsqrte.u32 q2, q0")
OP(tosi_q, "vcvt.s32.f32 q2, q0")
OP(toui_q, "vcvt.u32.f32 q2, q0")
OP(sito_q, "vcvt.f32.s32 q2, q0")
OP(uito_q, "vcvt.f32.u32 q2, q0")
OP(tosx1_q, "vcvt.s32.f32 q2, q0, #1")
OP(touix16_q, "vcvt.u32.f32 q2, q0, #16")
OP(tosx32_q, "vcvt.s32.f32 q2, q0, #32")
OP(sxto8_q, "vcvt.f32.s32 q2, q0, #8")
OP(uxto32_q, "vcvt.f32.u32 q2, q0, #32")
/* D forms of the unary group. */
OP(vabs_d, "vabs.f32 d4, d1")
OP(vcgtz_d, "vcgt.f32 d4, d1, #0")
OP(vrecpe_d, "vrecpe.f32 d4, d1")
OP(vrsqrteu_d, "vrsqrte.u32 d4, d1")
OP(tosi_d, "vcvt.s32.f32 d4, d1")
OP(uxto4_d, "vcvt.f32.u32 d4, d1, #4")
/* Half precision: q0 to d4 (d5 kept); d0 to q2. */
OP(tohalf, "vcvt.f16.f32 d4, q0")
OP(fromhalf, "vcvt.f32.f16 q2, d0")

static const uint32_t vals[] = {
    0x00000000, 0x80000000, 0x3f800000, 0xbfc00000, 0x00800000, 0x00ffffff,
    0x00000001, 0x807fffff, 0x7f7fffff, 0xff7fffff, 0x7f800000, 0xff800000,
    0x7fc00001, 0x7f800005, 0xffc00002, 0xff812345, 0x3f000000, 0x3f800001,
    0x4f000000, 0xcf000001, 0x40200000, 0xc0600000, 0x33800000, 0x33000001,
    0x7e800000, 0x7e7fffff, 0x01000000, 0x40400000,
};
#define NV (int)(sizeof(vals) / sizeof(vals[0]))

/* Integers for the conversions to float (ties, extremes). */
static const uint32_t ivals[] = {
    0, 1, 0xffffffff, 0x7fffffff, 0x80000000, 0x80000001, 0x00ffffff, 0x01000001,
    0x01000003, 0x7fffffc0, 0xffffff80, 0x00012345, 0xfedcba98, 0x40000000,
    0x3fffffff, 0xc0000000,
};
#define NI (int)(sizeof(ivals) / sizeof(ivals[0]))

static const uint32_t modes[] = { 0, RM, RZ };

/* For the compiler's zeroing of the input arrays (freestanding build). */
void *memset(void *d, int c, unsigned int n);
void *memset(void *d, int c, unsigned int n)
{
    volatile unsigned char *p = d;

    while (n--) {
        *p++ = (unsigned char)c;
    }
    return d;
}

static uint32_t seed = 0x1234abcd;

static uint32_t rnd(void)
{
    seed = seed * 1664525u + 1013904223u;
    return seed ^ (seed >> 15);
}

static void line(const char *name, const uint32_t *in, int nin, const uint32_t *out, int nout,
                 uint32_t fpscr)
{
    put_str(name);
    for (int i = 0; i < nin; i++) {
        put_str(" ");
        put_hex(in[i]);
    }
    put_str(" =");
    for (int i = 0; i < nout; i++) {
        put_str(" ");
        put_hex(out[i]);
    }
    put_str(" ");
    put_hex(fpscr);
    put_str("\n");
}

/* Runs FN on IN under MODE and prints NIN inputs (see IDX) and NOUT lanes. */
static void run(const char *name, op_fn *fn, uint32_t *in, const int *idx, int nin, int nout,
                uint32_t mode)
{
    uint32_t out[4], f = mode, shown[12];

    fn(in, out, &f);
    for (int i = 0; i < nin; i++) {
        shown[i] = in[idx[i]];
    }
    line(name, shown, nin, out, nout, f);
}

struct op {
    const char *name;
    op_fn *fn;
};

/*
 * D forms over all pairs (a, b): lanes d0 = {a, b}, d2 = {b, a}, the
 * accumulator d4 = {c, -c} with c from the table too.
 */
static void pairs(const struct op *ops, int nops)
{
    static const int idx[] = { 0, 1, 8 };

    for (int k = 0; k < nops; k++) {
        for (int i = 0; i < NV; i++) {
            for (int j = i; j < NV; j++) {
                uint32_t c = vals[(i + 3 * j) % NV];
                uint32_t in[12] = { vals[i], vals[j], 0, 0, vals[j], vals[i], 0x3fc00000, vals[j],
                                    c, c ^ 0x80000000u, 0, 0 };

                run(ops[k].name, ops[k].fn, in, idx, 3, 2, modes[(i + j) % 3]);
            }
        }
    }
}

/* Q forms: four lanes of random picks from the table, and random numbers. */
static void quads(const struct op *ops, int nops, int rounds)
{
    static const int idx[] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 };

    for (int k = 0; k < nops; k++) {
        for (int r = 0; r < rounds; r++) {
            uint32_t in[12];

            for (int i = 0; i < 12; i++) {
                uint32_t x = rnd();

                in[i] = (r & 1) ? vals[x % NV] : (x & 0xbfffffffu) | ((x & 1) << 30);
            }
            run(ops[k].name, ops[k].fn, in, idx, 12, 4, modes[r % 3]);
        }
    }
}

/* Unary Q forms over a list of single values (q0 = 4 consecutive values). */
static void unary(const char *name, op_fn *fn, const uint32_t *v, int n, int nout)
{
    static const int idx[] = { 0, 1, 2, 3 };

    for (int i = 0; i < n; i += 4) {
        uint32_t in[12] = { 0 };

        for (int k = 0; k < 4; k++) {
            in[k] = v[(i + k) % n];
        }
        in[8] = 0x12345678;
        in[9] = 0x9abcdef0;
        in[10] = 0x0badf00d;
        in[11] = 0xdeadbeef;
        run(name, fn, in, idx, 4, nout, modes[(i / 4) % 3]);
    }
}

/* A unary D-form operation on d1 (lanes in[2], in[3]); d5 must be kept. */
static void unary_d(const char *name, op_fn *fn, const uint32_t *v, int n)
{
    static const int idx[] = { 2, 3 };

    for (int i = 0; i < n; i += 2) {
        uint32_t in[12] = { 0, 0, v[i % n], v[(i + 1) % n], 0, 0, 0, 0,
                            0x11111111, 0x22222222, 0x33333333, 0x44444444 };

        run(name, fn, in, idx, 2, 4, modes[(i / 2) % 3]);
    }
}

static uint32_t mvfr1(void)
{
    uint32_t v;

    __asm__ volatile("vmrs %0, mvfr1" : "=r"(v));
    return v;
}

int main(void)
{
    static const struct op bin_d[] = {
        { "vadd.f32", vadd_d }, { "vsub.f32", vsub_d }, { "vmul.f32", vmul_d },
        { "vmla.f32", vmla_d }, { "vmls.f32", vmls_d }, { "vabd.f32", vabd_d },
        { "vpadd.f32", vpadd_d }, { "vmax.f32", vmax_d }, { "vmin.f32", vmin_d },
        { "vpmax.f32", vpmax_d }, { "vpmin.f32", vpmin_d }, { "vceq.f32", vceq_d },
        { "vcge.f32", vcge_d }, { "vcgt.f32", vcgt_d }, { "vacge.f32", vacge_d },
        { "vacgt.f32", vacgt_d }, { "vrecps.f32", vrecps_d }, { "vrsqrts.f32", vrsqrts_d },
        { "vmul.f32[1]", vmul_sc }, { "vmla.f32[0]", vmla_sc }, { "vmls.f32[d3]", vmls_sc },
    };
    static const struct op bin_q[] = {
        { "vadd.f32q", vadd_q }, { "vsub.f32q", vsub_q }, { "vmul.f32q", vmul_q },
        { "vmla.f32q", vmla_q }, { "vmls.f32q", vmls_q }, { "vabd.f32q", vabd_q },
        { "vmax.f32q", vmax_q }, { "vmin.f32q", vmin_q }, { "vceq.f32q", vceq_q },
        { "vcge.f32q", vcge_q }, { "vcgt.f32q", vcgt_q }, { "vacge.f32q", vacge_q },
        { "vacgt.f32q", vacgt_q }, { "vrecps.f32q", vrecps_q },
        { "vrsqrts.f32q", vrsqrts_q }, { "vmul.f32q[d3]", vmul_scq },
        { "vmla.f32q[1]", vmla_scq }, { "vmls.f32q1[0]", vmls_scq },
    };
    static const struct op fma_d[] = { { "vfma.f32", vfma_d }, { "vfms.f32", vfms_d } };
    static const struct op fma_q[] = { { "vfma.f32q", vfma_q }, { "vfms.f32q", vfms_q } };
    static const struct op un_f[] = {
        { "vabs.f32", vabs_q }, { "vneg.f32", vneg_q }, { "vceq.f32#0", vceqz_q },
        { "vcge.f32#0", vcgez_q }, { "vcgt.f32#0", vcgtz_q }, { "vcle.f32#0", vclez_q },
        { "vclt.f32#0", vcltz_q }, { "vrecpe.f32", vrecpe_q }, { "vrsqrte.f32", vrsqrte_q },
        { "vcvt.s32.f32", tosi_q }, { "vcvt.u32.f32", toui_q },
        { "vcvt.s32.f32#1", tosx1_q }, { "vcvt.u32.f32#16", touix16_q },
        { "vcvt.s32.f32#32", tosx32_q }, { "vcvt.f16.f32", tohalf },
    };
    static const struct op un_i[] = {
        { "vrecpe.u32", vrecpeu_q }, { "vrsqrte.u32", vrsqrteu_q },
        { "vcvt.f32.s32", sito_q }, { "vcvt.f32.u32", uito_q },
        { "vcvt.f32.s32#8", sxto8_q }, { "vcvt.f32.u32#32", uxto32_q },
    };
    static uint32_t sweep[768], rvals[64], hvals[24];
    static const uint32_t hmodes[] = { 0, AHP, RZ | AHP };
    int fma = (mvfr1() >> 28) != 0;

    pairs(bin_d, sizeof(bin_d) / sizeof(bin_d[0]));
    quads(bin_q, sizeof(bin_q) / sizeof(bin_q[0]), 24);
    if (fma) {
        pairs(fma_d, 2);
        quads(fma_q, 2, 48);
    } else {
        put_str("no VFPv4 fused multiply-add\n");
    }
    /* Every entry of the estimate tables: both exponent parities, both signs. */
    for (int k = 0; k < 256; k++) {
        sweep[k] = 0x3f800000u | k << 15 | (k & 0x7f);
        sweep[256 + k] = 0x40000000u | k << 15 | ((k * 37) & 0x7fff);
        sweep[512 + k] = (k < 128 ? 0x80000000u : 0x40000000u) | k << 23 | (k * 0x10101);
    }
    for (int k = 0; k < 64; k++) {
        rvals[k] = rnd();
    }
    for (unsigned k = 0; k < sizeof(un_f) / sizeof(un_f[0]); k++) {
        unary(un_f[k].name, un_f[k].fn, vals, NV, un_f[k].fn == tohalf ? 2 : 4);
        unary(un_f[k].name, un_f[k].fn, rvals, 64, un_f[k].fn == tohalf ? 2 : 4);
    }
    for (unsigned k = 0; k < sizeof(un_i) / sizeof(un_i[0]); k++) {
        unary(un_i[k].name, un_i[k].fn, ivals, NI, 4);
        unary(un_i[k].name, un_i[k].fn, rvals, 64, 4);
    }
    unary("vrecpe.f32", vrecpe_q, sweep, 512, 4);
    unary("vrsqrte.f32", vrsqrte_q, sweep, 512, 4);
    unary("vrecpe.u32", vrecpeu_q, sweep + 512, 256, 4);
    unary("vrsqrte.u32", vrsqrteu_q, sweep + 512, 256, 4);
    unary_d("vabs.f32d", vabs_d, vals, NV);
    unary_d("vcgt.f32#0d", vcgtz_d, vals, NV);
    unary_d("vrecpe.f32d", vrecpe_d, vals, NV);
    unary_d("vrsqrte.u32d", vrsqrteu_d, ivals, NI);
    unary_d("vcvt.s32.f32d", tosi_d, vals, NV);
    unary_d("vcvt.f32.u32#4d", uxto4_d, ivals, NI);
    /* Half precision, both ways, under IEEE and the alternative format. */
    for (int k = 0; k < 24; k++) {
        static const uint16_t h[] = {
            0x0000, 0x8000, 0x3c00, 0xfbff, 0x7c00, 0xfc00, 0x7e01, 0x7d01, 0xfd55,
            0x0001, 0x83ff, 0x0400, 0xfe00, 0x7bff, 0x3555, 0x8400,
        };

        hvals[k] = k < 16 ? (uint32_t)h[k] | (uint32_t)h[(k + 5) % 16] << 16 : rnd();
    }
    for (unsigned m = 0; m < sizeof(hmodes) / sizeof(hmodes[0]); m++) {
        for (int i = 0; i < 24; i += 2) {
            static const int idx[] = { 0, 1 };
            uint32_t in[12] = { hvals[i], hvals[i + 1], 0, 0, 0, 0, 0, 0, 1, 2, 3, 4 };

            run("vcvt.f32.f16", fromhalf, in, idx, 2, 4, hmodes[m]);
        }
        for (int i = 0; i < NV; i += 4) {
            static const int idx[] = { 0, 1, 2, 3 };
            uint32_t in[12] = { vals[i], vals[(i + 1) % NV], vals[(i + 2) % NV],
                                vals[(i + 3) % NV], 0, 0, 0, 0, 5, 6, 7, 8 };

            run("vcvt.f16.f32", tohalf, in, idx, 4, 4, hmodes[m]);
        }
    }
    put_str("done\n");
    return 0;
}
