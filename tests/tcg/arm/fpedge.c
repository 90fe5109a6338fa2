/*
 * VFP edge cases, run instruction by instruction: NaN propagation and
 * default NaN (DN), flush-to-zero (FZ) with IDC/UFC, the four rounding
 * modes, the cumulative flags, tininess before rounding, VCVT saturation
 * and rounding, fixed point and half precision (IEEE and AHP).
 *
 * Each line is an operation, its operands, the FPSCR it ran under, the
 * result and the FPSCR after (flags accumulate from zero). Guest only:
 * the expected output, fpedge.expected, is qemu-system-arm's output for
 * the same ELF (see run-test.py --golden and --oracle).
 */
#include "testlib.h"

#define RN 0u
#define RP (1u << 22)
#define RM (2u << 22)
#define RZ (3u << 22)
#define FZ (1u << 24)
#define DN (1u << 25)
#define AHP (1u << 26)

typedef uint32_t (*op_s)(uint32_t d, uint32_t n, uint32_t m, uint32_t *fpscr);
typedef uint64_t (*op_d)(uint64_t d, uint64_t n, uint64_t m, uint32_t *fpscr);

/* s2 = INSN(s2, s0, s1) under *FPSCR; *FPSCR gets the FPSCR after. */
#define OPS(name, insn)                                                         \
static uint32_t name(uint32_t d, uint32_t n, uint32_t m, uint32_t *fpscr)      \
{                                                                               \
    uint32_t f = *fpscr;                                                        \
    __asm__ volatile("vmsr fpscr, %[f]\n\tvmov s0, %[n]\n\tvmov s1, %[m]\n\t"   \
                     "vmov s2, %[d]\n\t" insn "\n\tvmov %[d], s2\n\t"           \
                     "vmrs %[f], fpscr"                                         \
                     : [d] "+r"(d), [f] "+r"(f) : [n] "r"(n), [m] "r"(m)        \
                     : "s0", "s1", "s2", "memory");                             \
    *fpscr = f;                                                                 \
    return d;                                                                   \
}

#define OPD(name, insn)                                                         \
static uint64_t name(uint64_t d, uint64_t n, uint64_t m, uint32_t *fpscr)      \
{                                                                               \
    uint32_t f = *fpscr;                                                        \
    __asm__ volatile("vmsr fpscr, %[f]\n\tvmov d0, %Q[n], %R[n]\n\t"            \
                     "vmov d1, %Q[m], %R[m]\n\tvmov d2, %Q[d], %R[d]\n\t"       \
                     insn "\n\tvmov %Q[d], %R[d], d2\n\tvmrs %[f], fpscr"       \
                     : [d] "+r"(d), [f] "+r"(f) : [n] "r"(n), [m] "r"(m)        \
                     : "d0", "d1", "d2", "memory");                             \
    *fpscr = f;                                                                 \
    return d;                                                                   \
}

OPS(s_add, "vadd.f32 s2, s0, s1")
OPS(s_sub, "vsub.f32 s2, s0, s1")
OPS(s_mul, "vmul.f32 s2, s0, s1")
OPS(s_div, "vdiv.f32 s2, s0, s1")
OPS(s_nmul, "vnmul.f32 s2, s0, s1")
OPS(s_mla, "vmla.f32 s2, s0, s1")
OPS(s_mls, "vmls.f32 s2, s0, s1")
OPS(s_nmla, "vnmla.f32 s2, s0, s1")
OPS(s_nmls, "vnmls.f32 s2, s0, s1")
OPS(s_sqrt, "vsqrt.f32 s2, s0")
OPS(s_abs, "vabs.f32 s2, s0")
OPS(s_neg, "vneg.f32 s2, s0")
OPS(s_cmp, "vcmp.f32 s0, s1")
OPS(s_cmpe, "vcmpe.f32 s0, s1")
OPS(s_cmpz, "vcmpe.f32 s0, #0")
OPS(s_tosi, "vcvt.s32.f32 s2, s0")
OPS(s_tosir, "vcvtr.s32.f32 s2, s0")
OPS(s_toui, "vcvt.u32.f32 s2, s0")
OPS(s_touir, "vcvtr.u32.f32 s2, s0")
OPS(s_sito, "vcvt.f32.s32 s2, s0")
OPS(s_uito, "vcvt.f32.u32 s2, s0")
OPS(s_tosh8, "vmov s2, s0\n\tvcvt.s16.f32 s2, s2, #8")
OPS(s_toul16, "vmov s2, s0\n\tvcvt.u32.f32 s2, s2, #16")
OPS(s_shto4, "vmov s2, s0\n\tvcvt.f32.s16 s2, s2, #4")
OPS(s_ulto31, "vmov s2, s0\n\tvcvt.f32.u32 s2, s2, #31")
OPS(s_tohb, "vcvtb.f16.f32 s2, s0")
OPS(s_toht, "vcvtt.f16.f32 s2, s0")
OPS(s_hbto, "vcvtb.f32.f16 s2, s0")
OPS(s_htto, "vcvtt.f32.f16 s2, s0")
OPS(s_tod_hi, "vcvt.f64.f32 d1, s0\n\tvmov s2, s3")
OPS(s_vmov1, "vmov.f32 s2, #1.5")
OPS(s_vmovm, "vmov.f32 s2, #-0.1875")

OPD(d_add, "vadd.f64 d2, d0, d1")
OPD(d_sub, "vsub.f64 d2, d0, d1")
OPD(d_mul, "vmul.f64 d2, d0, d1")
OPD(d_div, "vdiv.f64 d2, d0, d1")
OPD(d_mla, "vmla.f64 d2, d0, d1")
OPD(d_nmls, "vnmls.f64 d2, d0, d1")
OPD(d_sqrt, "vsqrt.f64 d2, d0")
OPD(d_cmp, "vcmp.f64 d0, d1")
OPD(d_cmpe, "vcmpe.f64 d0, d1")
OPD(d_tos, "vcvt.f32.f64 s4, d0\n\tvmov.f32 s5, #1.0")
OPD(d_tosi, "vcvt.s32.f64 s4, d0\n\tvmov.f32 s5, #1.0")
OPD(d_toui, "vcvtr.u32.f64 s4, d0\n\tvmov.f32 s5, #1.0")
OPD(d_sito, "vmov s0, %Q[n]\n\tvcvt.f64.s32 d2, s0")
OPD(d_tosl16, "vmov.f64 d2, d0\n\tvcvt.s32.f64 d2, d2, #16")
OPD(d_vmov, "vmov.f64 d2, #-31.0")

static const uint32_t svals[] = {
    0x00000000, 0x80000000, 0x3f800000, 0xbfc00000, 0x00800000, 0x00ffffff,
    0x00000001, 0x807fffff, 0x7f7fffff, 0x7f800000, 0xff800000, 0x7fc00001,
    0x7f800005, 0xffc00002, 0xff812345, 0x3f000000, 0x3f800001, 0x4f000000,
    0xcf000001, 0x4f800000, 0xc0200000, 0x40600000, 0x477fe000, 0x477ff000,
    0x38800000, 0x33800000, 0x33000001,
};
static const uint64_t dvals[] = {
    0, 0x8000000000000000ull, 0x3ff0000000000000ull, 0xc004000000000000ull,
    0x0010000000000000ull, 0x001fffffffffffffull, 0x0000000000000001ull,
    0x7fefffffffffffffull, 0x7ff0000000000000ull, 0x7ff8000000000001ull,
    0x7ff0000000000002ull, 0xfff8000000000003ull, 0x3fe0000000000000ull,
    0x41e0000000000000ull, 0xc1e0000000200000ull, 0x36a0000000000000ull,
    0x3810000000000000ull, 0x380fffffffffffffull, 0x47efffffe0000000ull,
};
static const uint32_t modes[] = { RN, RP, RM, RZ, FZ, DN, FZ | DN | RZ };
static const uint32_t hvals[] = {
    0x3c00, 0xfbff, 0x7c00, 0x7e01, 0x7d01, 0x0001, 0x83ff, 0x0400, 0xfe00,
};

#define NS (int)(sizeof(svals) / sizeof(svals[0]))
#define ND (int)(sizeof(dvals) / sizeof(dvals[0]))
#define NM (int)(sizeof(modes) / sizeof(modes[0]))

static void put_d(uint64_t v)
{
    put_hex((uint32_t)(v >> 32));
    put_hex((uint32_t)v);
}

static void line_s(const char *name, op_s fn, uint32_t d, uint32_t n, uint32_t m, uint32_t mode)
{
    uint32_t f = mode, r = fn(d, n, m, &f);

    put_str(name);
    put_str(" ");
    put_hex(n);
    put_str(" ");
    put_hex(m);
    put_str(" ");
    put_hex(mode);
    put_str(" = ");
    put_hex(r);
    put_str(" ");
    put_hex(f);
    put_str("\n");
}

static void line_d(const char *name, op_d fn, uint64_t d, uint64_t n, uint64_t m, uint32_t mode)
{
    uint32_t f = mode;
    uint64_t r = fn(d, n, m, &f);

    put_str(name);
    put_str(" ");
    put_d(n);
    put_str(" ");
    put_d(m);
    put_str(" ");
    put_hex(mode);
    put_str(" = ");
    put_d(r);
    put_str(" ");
    put_hex(f);
    put_str("\n");
}

int main(void)
{
    static const struct { const char *name; op_s fn; } bin_s[] = {
        { "vadd.f32", s_add }, { "vsub.f32", s_sub }, { "vmul.f32", s_mul },
        { "vdiv.f32", s_div }, { "vcmp.f32", s_cmp }, { "vcmpe.f32", s_cmpe },
    };
    static const struct { const char *name; op_s fn; } un_s[] = {
        { "vsqrt.f32", s_sqrt }, { "vabs.f32", s_abs }, { "vneg.f32", s_neg },
        { "vcmpe.f32#0", s_cmpz }, { "vcvt.s32", s_tosi }, { "vcvtr.s32", s_tosir },
        { "vcvt.u32", s_toui }, { "vcvtr.u32", s_touir }, { "vcvt.f32.s32", s_sito },
        { "vcvt.f32.u32", s_uito }, { "vcvt.s16#8", s_tosh8 }, { "vcvt.u32#16", s_toul16 },
        { "vcvt.f32.s16#4", s_shto4 }, { "vcvt.f32.u32#31", s_ulto31 },
        { "vcvtb.f16", s_tohb }, { "vcvtt.f16", s_toht }, { "vcvt.f64.hi", s_tod_hi },
        { "vmov#1.5", s_vmov1 }, { "vmov#-0.1875", s_vmovm },
    };
    static const struct { const char *name; op_d fn; } bin_d[] = {
        { "vadd.f64", d_add }, { "vsub.f64", d_sub }, { "vmul.f64", d_mul },
        { "vdiv.f64", d_div }, { "vcmp.f64", d_cmp }, { "vcmpe.f64", d_cmpe },
    };
    static const struct { const char *name; op_d fn; } un_d[] = {
        { "vsqrt.f64", d_sqrt }, { "vcvt.f32.f64", d_tos }, { "vcvt.s32.f64", d_tosi },
        { "vcvtr.u32.f64", d_toui }, { "vcvt.s32.f64#16", d_tosl16 },
        { "vcvt.f64.s32", d_sito }, { "vmov#-31", d_vmov },
    };
    static const uint32_t hmodes[] = { RN, RZ, RM, AHP, DN, FZ, AHP | RZ };

    for (unsigned k = 0; k < sizeof(bin_s) / sizeof(bin_s[0]); k++) {
        for (int i = 0; i < NS; i++) {
            for (int j = 0; j < NS; j++) {
                for (int md = 0; md < NM; md++) {
                    line_s(bin_s[k].name, bin_s[k].fn, 0, svals[i], svals[j], modes[md]);
                }
            }
        }
    }
    for (unsigned k = 0; k < sizeof(un_s) / sizeof(un_s[0]); k++) {
        for (int i = 0; i < NS; i++) {
            for (int md = 0; md < NM; md++) {
                line_s(un_s[k].name, un_s[k].fn, 0x12345678, svals[i], 0, modes[md]);
            }
        }
    }
    /* Multiply-accumulate: d = svals[i], n = svals[j], m = 1.5, 0.5, 2^-1. */
    for (int i = 0; i < NS; i++) {
        for (int j = 0; j < NS; j++) {
            for (int md = 0; md < NM; md += 3) {
                uint32_t m = j & 1 ? 0x3fc00000 : 0x3f000000;

                line_s("vmla.f32", s_mla, svals[i], svals[j], m, modes[md]);
                line_s("vmls.f32", s_mls, svals[i], svals[j], m, modes[md]);
                line_s("vnmla.f32", s_nmla, svals[i], svals[j], m, modes[md]);
                line_s("vnmls.f32", s_nmls, svals[i], svals[j], m, modes[md]);
                line_s("vnmul.f32", s_nmul, svals[i], svals[j], m, modes[md]);
            }
        }
    }
    for (unsigned k = 0; k < sizeof(bin_d) / sizeof(bin_d[0]); k++) {
        for (int i = 0; i < ND; i++) {
            for (int j = 0; j < ND; j++) {
                for (int md = 0; md < NM; md++) {
                    line_d(bin_d[k].name, bin_d[k].fn, 0, dvals[i], dvals[j], modes[md]);
                }
            }
        }
    }
    for (unsigned k = 0; k < sizeof(un_d) / sizeof(un_d[0]); k++) {
        for (int i = 0; i < ND; i++) {
            for (int md = 0; md < NM; md++) {
                line_d(un_d[k].name, un_d[k].fn, 0x0123456789abcdefull, dvals[i], 0, modes[md]);
            }
        }
    }
    for (int i = 0; i < ND; i++) {
        for (int md = 0; md < NM; md += 2) {
            line_d("vmla.f64", d_mla, dvals[i], dvals[(i + 3) % ND], dvals[(i + 5) % ND],
                   modes[md]);
            line_d("vnmls.f64", d_nmls, dvals[i], dvals[(i + 3) % ND], dvals[(i + 5) % ND],
                   modes[md]);
        }
    }
    /* Half precision, with the other half of the register kept. */
    for (int i = 0; i < NS; i++) {
        for (unsigned md = 0; md < sizeof(hmodes) / sizeof(hmodes[0]); md++) {
            line_s("vcvtb.f16", s_tohb, 0x12345678, svals[i], 0, hmodes[md]);
            line_s("vcvtt.f16", s_toht, 0x12345678, svals[i], 0, hmodes[md]);
        }
    }
    for (unsigned i = 0; i < sizeof(hvals) / sizeof(hvals[0]); i++) {
        for (unsigned md = 0; md < sizeof(hmodes) / sizeof(hmodes[0]); md++) {
            line_s("vcvtb.f32.f16", s_hbto, 0, 0xabcd0000 | hvals[i], 0, hmodes[md]);
            line_s("vcvtt.f32.f16", s_htto, 0, hvals[i] << 16 | 0x1234, 0, hmodes[md]);
        }
    }
    put_str("done\n");
    return 0;
}
