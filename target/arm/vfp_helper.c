/*
 * ARM VFP arithmetic on the host FPU: see vfp_helper.h.
 *
 * The host (SSE) computes each IEEE operation with the guest's rounding
 * mode; the differences from ARM are corrected around it:
 * - NaN operands never reach the host: ARM's rules pick the result (the
 *   first signalling NaN quietened, else the first quiet NaN; DN gives
 *   the default NaN), and a NaN the host makes (invalid operation) is
 *   replaced by ARM's default NaN.
 * - FZ: denormal inputs become zero (IDC) before the operation; a result
 *   tiny before rounding becomes zero with UFC and without IXC.
 * - ARM detects tininess before rounding. Only a result that rounds up
 *   to the smallest normal can differ; it is recomputed toward zero.
 * Operands pass through volatile objects so that the compiler neither
 * folds the operation nor moves it across the fenv calls.
 */
#include "qemu/osdep.h"
#include "target/arm/vfp_helper.h"
#include <fenv.h>
#include <math.h>

enum { OP_ADD, OP_SUB, OP_MUL, OP_DIV, OP_FMA, OP_SQRT, OP_CVT };

/* Bit-level description of the two formats. */
typedef struct FmtInfo {
    int frac_bits;
    uint64_t sign, exp_mask, frac_mask, quiet, default_nan;
    double min_normal;
} FmtInfo;

static const FmtInfo fmt_s = {
    23, 1ull << 31, 0xffull << 23, (1ull << 23) - 1, 1ull << 22,
    ARM_VFP_DEFAULT_NAN_S, 0x1p-126,
};
static const FmtInfo fmt_d = {
    52, 1ull << 63, 0x7ffull << 52, (1ull << 52) - 1, 1ull << 51,
    ARM_VFP_DEFAULT_NAN_D, 0x1p-1022,
};

static bool is_nan(const FmtInfo *f, uint64_t a)
{
    return (a & f->exp_mask) == f->exp_mask && (a & f->frac_mask);
}

static bool is_snan(const FmtInfo *f, uint64_t a)
{
    return is_nan(f, a) && !(a & f->quiet);
}

static bool is_zero_exp(const FmtInfo *f, uint64_t a)
{
    return !(a & f->exp_mask);
}

/* FPUnpack's flush of a denormal input under FZ. */
static uint64_t flush_in(const FmtInfo *f, uint64_t a, uint32_t fpscr, uint32_t *flags)
{
    if ((fpscr & ARM_FPSCR_FZ) && is_zero_exp(f, a) && (a & f->frac_mask)) {
        *flags |= ARM_FPSCR_IDC;
        return a & f->sign;
    }
    return a;
}

/* The result for a NaN operand A (already chosen): quietened, or DN. */
static uint64_t nan_result(const FmtInfo *f, uint64_t a, uint32_t fpscr, uint32_t *flags)
{
    if (is_snan(f, a)) {
        *flags |= ARM_FPSCR_IOC;
    }
    return (fpscr & ARM_FPSCR_DN) ? f->default_nan : a | f->quiet;
}

/*
 * FPProcessNaNs for N operands in ARM's order: true with *RES set when
 * any operand is a NaN. IOC is raised when any operand is signalling.
 */
static bool process_nans(const FmtInfo *f, const uint64_t *ops, int n, uint32_t fpscr,
                         uint32_t *flags, uint64_t *res)
{
    int pick = -1;

    for (int i = 0; i < n && pick < 0; i++) {
        if (is_snan(f, ops[i])) {
            pick = i;
        }
    }
    for (int i = 0; i < n && pick < 0; i++) {
        if (is_nan(f, ops[i])) {
            pick = i;
        }
    }
    if (pick < 0) {
        return false;
    }
    for (int i = 0; i < n; i++) {
        if (is_snan(f, ops[i])) {
            *flags |= ARM_FPSCR_IOC;
        }
    }
    *res = nan_result(f, ops[pick], fpscr, flags);
    return true;
}

static int host_rmode(uint32_t fpscr)
{
    static const int modes[4] = { FE_TONEAREST, FE_UPWARD, FE_DOWNWARD, FE_TOWARDZERO };

    return modes[(fpscr >> ARM_FPSCR_RMODE_SHIFT) & 3];
}

static double to_host(const FmtInfo *f, uint64_t a)
{
    if (f == &fmt_s) {
        uint32_t w = a;
        float x;

        memcpy(&x, &w, 4);
        return x;
    } else {
        double x;

        memcpy(&x, &a, 8);
        return x;
    }
}

static uint64_t from_host(const FmtInfo *f, double v)
{
    if (f == &fmt_s) {
        float x = v;        /* exact: V is a float value */
        uint32_t w;

        memcpy(&w, &x, 4);
        return w;
    } else {
        uint64_t w;

        memcpy(&w, &v, 8);
        return w;
    }
}

/*
 * One host operation in format F under host rounding mode RM: returns
 * the result (exact as a double) and the host exceptions in *EXC.
 * OP_CVT rounds the double A to single precision.
 */
static double host_op(const FmtInfo *f, int op, double a, double b, double c, int rm, int *exc)
{
    double res;

    fesetround(rm);
    feclearexcept(FE_ALL_EXCEPT);
    if (f == &fmt_s) {
        volatile float x = a, y = b, z = c;
        volatile double dx = a;
        volatile float r = 0;

        switch (op) {
        case OP_ADD:
            r = x + y;
            break;
        case OP_SUB:
            r = x - y;
            break;
        case OP_MUL:
            r = x * y;
            break;
        case OP_DIV:
            r = x / y;
            break;
        case OP_FMA:
            r = fmaf(x, y, z);
            break;
        case OP_SQRT:
            r = sqrtf(x);
            break;
        case OP_CVT:
            r = (float)dx;
            break;
        }
        res = r;
    } else {
        volatile double x = a, y = b, z = c;
        volatile double r = 0;

        switch (op) {
        case OP_ADD:
            r = x + y;
            break;
        case OP_SUB:
            r = x - y;
            break;
        case OP_MUL:
            r = x * y;
            break;
        case OP_DIV:
            r = x / y;
            break;
        case OP_FMA:
            r = fma(x, y, z);
            break;
        default:
            r = sqrt(x);
            break;
        }
        res = r;
    }
    *exc = fetestexcept(FE_ALL_EXCEPT);
    fesetround(FE_TONEAREST);
    return res;
}

/*
 * Runs OP on non-NaN, already flushed operands and applies ARM's rules to
 * the result: default NaN for an invalid operation, tininess before
 * rounding, FZ on the output.
 */
static uint64_t arith(const FmtInfo *f, int op, double a, double b, double c, uint32_t fpscr,
                      uint32_t *flags)
{
    int exc, exc_rz;
    double r = host_op(f, op, a, b, c, host_rmode(fpscr), &exc);
    bool tiny = false;

    if (isnan(r)) {
        *flags |= ARM_FPSCR_IOC;
        return f->default_nan;
    }
    if (exc & FE_UNDERFLOW) {
        tiny = true;            /* tiny after rounding, so before too */
    } else if (r != 0 && fabs(r) < f->min_normal) {
        tiny = true;            /* an exact denormal */
    } else if ((exc & FE_INEXACT) && fabs(r) == f->min_normal) {
        /* Rounded up to the smallest normal? Toward zero tells. */
        tiny = fabs(host_op(f, op, a, b, c, FE_TOWARDZERO, &exc_rz)) < f->min_normal;
    }
    if (tiny && (fpscr & ARM_FPSCR_FZ)) {
        *flags |= ARM_FPSCR_UFC;
        return signbit(r) ? f->sign : 0;
    }
    if (tiny && (exc & FE_INEXACT)) {
        *flags |= ARM_FPSCR_UFC;
    }
    if (exc & FE_INVALID) {
        *flags |= ARM_FPSCR_IOC;
    }
    if (exc & FE_DIVBYZERO) {
        *flags |= ARM_FPSCR_DZC;
    }
    if (exc & FE_OVERFLOW) {
        *flags |= ARM_FPSCR_OFC;
    }
    if (exc & FE_INEXACT) {
        *flags |= ARM_FPSCR_IXC;
    }
    return from_host(f, r);
}

static uint64_t binop(const FmtInfo *f, int op, uint64_t a, uint64_t b, uint32_t fpscr,
                      uint32_t *flags)
{
    uint64_t ops[2], res;

    ops[0] = flush_in(f, a, fpscr, flags);
    ops[1] = flush_in(f, b, fpscr, flags);
    if (process_nans(f, ops, 2, fpscr, flags, &res)) {
        return res;
    }
    return arith(f, op, to_host(f, ops[0]), to_host(f, ops[1]), 0, fpscr, flags);
}

static bool is_inf(const FmtInfo *f, uint64_t a)
{
    return (a & f->exp_mask) == f->exp_mask && !(a & f->frac_mask);
}

static bool is_zero(const FmtInfo *f, uint64_t a)
{
    return !(a & ~f->sign);
}

static uint64_t fma_op(const FmtInfo *f, uint64_t addend, uint64_t a, uint64_t b,
                       uint32_t fpscr, uint32_t *flags)
{
    uint64_t ops[3], res;

    ops[0] = flush_in(f, addend, fpscr, flags);
    ops[1] = flush_in(f, a, fpscr, flags);
    ops[2] = flush_in(f, b, fpscr, flags);
    /* infinity * zero + quiet NaN is invalid, with the default NaN. */
    if (is_nan(f, ops[0]) && !is_snan(f, ops[0]) &&
        ((is_inf(f, ops[1]) && is_zero(f, ops[2])) ||
         (is_zero(f, ops[1]) && is_inf(f, ops[2])))) {
        *flags |= ARM_FPSCR_IOC;
        return f->default_nan;
    }
    if (process_nans(f, ops, 3, fpscr, flags, &res)) {
        return res;
    }
    return arith(f, OP_FMA, to_host(f, ops[1]), to_host(f, ops[2]), to_host(f, ops[0]),
                 fpscr, flags);
}

#define DEF_BINOP(name, op)                                                           \
uint32_t helper_vfp_##name##s(uint32_t a, uint32_t b, uint32_t fpscr, uint32_t *flags) \
{                                                                                     \
    return binop(&fmt_s, op, a, b, fpscr, flags);                                     \
}                                                                                     \
uint64_t helper_vfp_##name##d(uint64_t a, uint64_t b, uint32_t fpscr, uint32_t *flags) \
{                                                                                     \
    return binop(&fmt_d, op, a, b, fpscr, flags);                                     \
}

DEF_BINOP(add, OP_ADD)
DEF_BINOP(sub, OP_SUB)
DEF_BINOP(mul, OP_MUL)
DEF_BINOP(div, OP_DIV)

uint32_t helper_vfp_fmas(uint32_t addend, uint32_t a, uint32_t b, uint32_t fpscr,
                         uint32_t *flags)
{
    return fma_op(&fmt_s, addend, a, b, fpscr, flags);
}

uint64_t helper_vfp_fmad(uint64_t addend, uint64_t a, uint64_t b, uint32_t fpscr,
                         uint32_t *flags)
{
    return fma_op(&fmt_d, addend, a, b, fpscr, flags);
}

static uint64_t sqrt_op(const FmtInfo *f, uint64_t a, uint32_t fpscr, uint32_t *flags)
{
    uint64_t res;

    a = flush_in(f, a, fpscr, flags);
    if (process_nans(f, &a, 1, fpscr, flags, &res)) {
        return res;
    }
    return arith(f, OP_SQRT, to_host(f, a), 0, 0, fpscr, flags);
}

uint32_t helper_vfp_sqrts(uint32_t a, uint32_t fpscr, uint32_t *flags)
{
    return sqrt_op(&fmt_s, a, fpscr, flags);
}

uint64_t helper_vfp_sqrtd(uint64_t a, uint32_t fpscr, uint32_t *flags)
{
    return sqrt_op(&fmt_d, a, fpscr, flags);
}

static uint32_t cmp_op(const FmtInfo *f, uint64_t a, uint64_t b, bool quiet_nan_invalid,
                       uint32_t fpscr, uint32_t *flags)
{
    double x, y;

    a = flush_in(f, a, fpscr, flags);
    b = flush_in(f, b, fpscr, flags);
    if (is_nan(f, a) || is_nan(f, b)) {
        if (quiet_nan_invalid || is_snan(f, a) || is_snan(f, b)) {
            *flags |= ARM_FPSCR_IOC;
        }
        return 0x3u << 28;
    }
    x = to_host(f, a);
    y = to_host(f, b);
    if (x == y) {
        return 0x6u << 28;
    }
    return x < y ? 0x8u << 28 : 0x2u << 28;
}

uint32_t helper_vfp_cmps(uint32_t a, uint32_t b, bool quiet_nan_invalid, uint32_t fpscr,
                         uint32_t *flags)
{
    return cmp_op(&fmt_s, a, b, quiet_nan_invalid, fpscr, flags);
}

uint32_t helper_vfp_cmpd(uint64_t a, uint64_t b, bool quiet_nan_invalid, uint32_t fpscr,
                         uint32_t *flags)
{
    return cmp_op(&fmt_d, a, b, quiet_nan_invalid, fpscr, flags);
}

uint64_t helper_vfp_f32_to_f64(uint32_t a, uint32_t fpscr, uint32_t *flags)
{
    a = flush_in(&fmt_s, a, fpscr, flags);
    if (is_nan(&fmt_s, a)) {
        uint64_t n = (uint64_t)(a & 0x80000000u) << 32 | fmt_d.exp_mask |
                     (uint64_t)(a & fmt_s.frac_mask) << 29;

        if (is_snan(&fmt_s, a)) {
            *flags |= ARM_FPSCR_IOC;
        }
        return (fpscr & ARM_FPSCR_DN) ? ARM_VFP_DEFAULT_NAN_D : n | fmt_d.quiet;
    }
    return from_host(&fmt_d, to_host(&fmt_s, a));
}

uint32_t helper_vfp_f64_to_f32(uint64_t a, uint32_t fpscr, uint32_t *flags)
{
    a = flush_in(&fmt_d, a, fpscr, flags);
    if (is_nan(&fmt_d, a)) {
        uint32_t n = (uint32_t)(a >> 32 & 0x80000000u) | 0x7f800000u |
                     (uint32_t)((a & fmt_d.frac_mask) >> 29);

        if (is_snan(&fmt_d, a)) {
            *flags |= ARM_FPSCR_IOC;
        }
        return (fpscr & ARM_FPSCR_DN) ? ARM_VFP_DEFAULT_NAN_S : n | fmt_s.quiet;
    }
    return arith(&fmt_s, OP_CVT, to_host(&fmt_d, a), 0, 0, fpscr, flags);
}

/* FPToFixed on a flushed, non-NaN value V (exact as a double). */
static uint32_t to_fixed(double v, int size, int frac, bool is_signed, bool rz,
                         uint32_t fpscr, uint32_t *flags)
{
    double lo = is_signed ? -ldexp(1, size - 1) : 0;
    double hi = is_signed ? ldexp(1, size - 1) - 1 : ldexp(1, size) - 1;
    double r;
    int64_t i;

    v = ldexp(v, frac);         /* exact, or infinite (then saturated) */
    if (rz) {
        r = trunc(v);
    } else {
        volatile double x = v;

        fesetround(host_rmode(fpscr));
        r = nearbyint(x);
        fesetround(FE_TONEAREST);
    }
    if (r < lo || r > hi) {
        *flags |= ARM_FPSCR_IOC;
        r = r < lo ? lo : hi;
    } else if (r != v) {
        *flags |= ARM_FPSCR_IXC;
    }
    i = (int64_t)r;
    return (uint32_t)i;
}

uint32_t helper_vfp_f32_to_fixed(uint32_t a, int size, int frac, bool is_signed, bool rz,
                                 uint32_t fpscr, uint32_t *flags)
{
    a = flush_in(&fmt_s, a, fpscr, flags);
    if (is_nan(&fmt_s, a)) {
        *flags |= ARM_FPSCR_IOC;
        return 0;
    }
    return to_fixed(to_host(&fmt_s, a), size, frac, is_signed, rz, fpscr, flags);
}

uint32_t helper_vfp_f64_to_fixed(uint64_t a, int size, int frac, bool is_signed, bool rz,
                                 uint32_t fpscr, uint32_t *flags)
{
    a = flush_in(&fmt_d, a, fpscr, flags);
    if (is_nan(&fmt_d, a)) {
        *flags |= ARM_FPSCR_IOC;
        return 0;
    }
    return to_fixed(to_host(&fmt_d, a), size, frac, is_signed, rz, fpscr, flags);
}

/* The value of the low SIZE bits of V as a fixed-point number (exact). */
static double fixed_value(uint32_t v, int size, int frac, bool is_signed)
{
    double d;

    if (size == 16) {
        d = is_signed ? (double)(int16_t)v : (double)(uint16_t)v;
    } else {
        d = is_signed ? (double)(int32_t)v : (double)v;
    }
    return ldexp(d, -frac);
}

uint32_t helper_vfp_fixed_to_f32(uint32_t v, int size, int frac, bool is_signed,
                                 uint32_t fpscr, uint32_t *flags)
{
    return arith(&fmt_s, OP_CVT, fixed_value(v, size, frac, is_signed), 0, 0, fpscr, flags);
}

uint64_t helper_vfp_fixed_to_f64(uint32_t v, int size, int frac, bool is_signed,
                                 uint32_t fpscr, uint32_t *flags)
{
    (void)fpscr;
    (void)flags;
    return from_host(&fmt_d, fixed_value(v, size, frac, is_signed));   /* always exact */
}

uint32_t helper_vfp_f16_to_f32(uint32_t h, uint32_t fpscr, uint32_t *flags)
{
    uint32_t sign = (h & 0x8000u) << 16;
    int exp = (h >> 10) & 31;
    uint32_t frac = h & 0x3ff;
    double v;

    if (exp == 31 && !(fpscr & ARM_FPSCR_AHP)) {
        if (!frac) {
            return sign | 0x7f800000u;
        }
        if (!(frac & 0x200)) {
            *flags |= ARM_FPSCR_IOC;
        }
        if (fpscr & ARM_FPSCR_DN) {
            return ARM_VFP_DEFAULT_NAN_S;
        }
        return sign | 0x7fc00000u | frac << 13;
    }
    /* Half-precision inputs are never flushed. */
    v = exp ? ldexp(1024 + frac, exp - 25) : ldexp(frac, -24);
    return sign | (uint32_t)from_host(&fmt_s, v);
}

/* FPRound to half precision of |V| (non-zero, finite), sign SIGN (0x8000 or 0). */
static uint32_t round_to_f16(double v, uint32_t sign, uint32_t fpscr, uint32_t *flags)
{
    bool ahp = fpscr & ARM_FPSCR_AHP;
    int rmode = (fpscr >> ARM_FPSCR_RMODE_SHIFT) & 3;
    int e, exp;
    double q, sq, rq;

    frexp(v, &e);
    exp = e - 1 < -14 ? -14 : e - 1;
    q = ldexp(v, 10 - exp);         /* exact: at most 24 significant bits */
    sq = sign ? -q : q;
    {
        volatile double x = sq;

        fesetround(host_rmode(fpscr));
        rq = nearbyint(x);
        fesetround(FE_TONEAREST);
    }
    q = fabs(rq);
    if (q >= 2048) {
        q /= 2;
        exp++;
    }
    if (exp > (ahp ? 16 : 15)) {
        if (ahp) {
            *flags |= ARM_FPSCR_IOC;
            return sign | 0x7fff;
        }
        *flags |= ARM_FPSCR_OFC | ARM_FPSCR_IXC;
        /* Infinity unless the rounding goes toward zero for this sign. */
        if (rmode == 0 || (rmode == 1 && !sign) || (rmode == 2 && sign)) {
            return sign | 0x7c00;
        }
        return sign | 0x7bff;
    }
    if (rq != sq) {
        if (v < 0x1p-14) {
            *flags |= ARM_FPSCR_UFC;
        }
        *flags |= ARM_FPSCR_IXC;
    }
    return sign | (uint32_t)(((exp + 14) << 10) + (int)q);
}

uint32_t helper_vfp_f32_to_f16(uint32_t a, uint32_t fpscr, uint32_t *flags)
{
    uint32_t sign = (a >> 16) & 0x8000u;
    bool ahp = fpscr & ARM_FPSCR_AHP;

    a = flush_in(&fmt_s, a, fpscr, flags);
    if (is_nan(&fmt_s, a)) {
        if (ahp) {
            *flags |= ARM_FPSCR_IOC;
            return sign;
        }
        if (is_snan(&fmt_s, a)) {
            *flags |= ARM_FPSCR_IOC;
        }
        if (fpscr & ARM_FPSCR_DN) {
            return 0x7e00;
        }
        return sign | 0x7e00 | ((a >> 13) & 0x3ff);
    }
    if (is_inf(&fmt_s, a)) {
        if (ahp) {
            *flags |= ARM_FPSCR_IOC;
            return sign | 0x7fff;
        }
        return sign | 0x7c00;
    }
    if (is_zero(&fmt_s, a)) {
        return sign;
    }
    return round_to_f16(fabs(to_host(&fmt_s, a)), sign, fpscr, flags);
}
