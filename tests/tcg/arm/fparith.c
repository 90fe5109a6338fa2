/*
 * VFP through compiled C: single and double arithmetic, square roots,
 * conversions between the precisions and to and from integers,
 * comparisons and a few small numeric loops. Results are printed as bit
 * patterns; the host build of the same source is the reference (IEEE 754
 * with round to nearest gives the same bits everywhere). NaN bit patterns
 * are not compared (hosts differ in their default NaN), only NaN-ness.
 */
#include "testlib.h"

static const float fvals[] = {
    0.0f, -0.0f, 1.0f, -1.5f, 3.14159265f, 1e-3f, 123456.789f, -7e20f, 3.4e38f,
    1.17549435e-38f, 1.4e-45f, 2.5e-39f, 0.1f, 16777217.0f, 1.0f / 3.0f,
};
static const double dvals[] = {
    0.0, -0.0, 1.0, -2.75, 3.14159265358979, 1e-300, 1e300, -4.9e-324, 2.2250738585072014e-308,
    0.1, 9007199254740993.0, 1.0 / 3.0, -123456789.123, 6.02214076e23,
};
#define NF (int)(sizeof(fvals) / sizeof(fvals[0]))
#define ND (int)(sizeof(dvals) / sizeof(dvals[0]))

/* volatile: every operation happens at run time, on the FPU under test. */
static volatile float vf[NF];
static volatile double vd[ND];

static uint32_t fbits(float f)
{
    union { float f; uint32_t u; } x = { .f = f };

    return f != f ? 0x7fc00000u : x.u;   /* any NaN prints the same */
}

static void put_d(double d)
{
    union { double d; uint64_t u; } x = { .d = d };

    if (d != d) {
        x.u = 0x7ff8000000000000ull;
    }
    put_hex((uint32_t)(x.u >> 32));
    put_hex((uint32_t)x.u);
}

static void put_f(float f)
{
    put_hex(fbits(f));
}

static void single_ops(void)
{
    put_str("single\n");
    for (int i = 0; i < NF; i++) {
        for (int j = 0; j < NF; j++) {
            float a = vf[i], b = vf[j];

            put_f(a + b);
            put_str(" ");
            put_f(a - b);
            put_str(" ");
            put_f(a * b);
            put_str(" ");
            put_f(a / b);
            put_str(" ");
            put_f(a * b + a);       /* VMLA (not fused on VFPv3) */
            put_str(" ");
            put_hex((a < b) | (a <= b) << 1 | (a == b) << 2 | (a != b) << 3 |
                    (a > b) << 4 | (a >= b) << 5);
            put_str("\n");
        }
    }
}

static void double_ops(void)
{
    put_str("double\n");
    for (int i = 0; i < ND; i++) {
        for (int j = 0; j < ND; j++) {
            double a = vd[i], b = vd[j];

            put_d(a + b);
            put_str(" ");
            put_d(a - b);
            put_str(" ");
            put_d(a * b);
            put_str(" ");
            put_d(a / b);
            put_str(" ");
            put_d(b - a * b);
            put_str(" ");
            put_hex((a < b) | (a <= b) << 1 | (a == b) << 2 | (a != b) << 3 |
                    (a > b) << 4 | (a >= b) << 5);
            put_str("\n");
        }
    }
}

static void conversions(void)
{
    static const int32_t ints[] = { 0, 1, -1, 16777217, -2147483647 - 1, 2147483647, 12345 };
    static const uint32_t uints[] = { 0, 1, 0x80000000u, 0xffffffffu, 0x01000001u };
    volatile int32_t vi;
    volatile uint32_t vu;

    put_str("conversions\n");
    for (int i = 0; i < NF; i++) {
        float f = vf[i];

        put_d((double)f);
        put_str(" ");
        put_f(-f);
        put_str(" ");
        put_f(f < 0 ? -f : f);
        put_str(" ");
        put_f(__builtin_sqrtf(f < 0 ? -f : f));
        put_str(" ");
        /* In-range values only: C leaves the others undefined. */
        put_hex(f > -2e9f && f < 2e9f ? (uint32_t)(int32_t)f : 0);
        put_str(" ");
        put_hex(f >= 0 && f < 4e9f ? (uint32_t)f : 0);
        put_str("\n");
    }
    for (int i = 0; i < ND; i++) {
        double d = vd[i];

        put_f((float)d);
        put_str(" ");
        put_d(__builtin_sqrt(d < 0 ? -d : d));
        put_str(" ");
        put_hex(d > -2e9 && d < 2e9 ? (uint32_t)(int32_t)d : 0);
        put_str(" ");
        put_hex(d >= 0 && d < 4e9 ? (uint32_t)d : 0);
        put_str("\n");
    }
    for (unsigned i = 0; i < sizeof(ints) / sizeof(ints[0]); i++) {
        vi = ints[i];
        put_f((float)vi);
        put_str(" ");
        put_d((double)vi);
        put_str("\n");
    }
    for (unsigned i = 0; i < sizeof(uints) / sizeof(uints[0]); i++) {
        vu = uints[i];
        put_f((float)vu);
        put_str(" ");
        put_d((double)vu);
        put_str("\n");
    }
}

/* Small numeric loops: results depend on every rounding on the way. */
static void loops(void)
{
    volatile double one = 1.0;
    double x = 2.0, s = 0, e = 1, t = 1;
    float fs = 0, fx = 0.5f;

    put_str("loops\n");
    for (int i = 0; i < 6; i++) {
        x = (x + 2.0 * one / x) / 2.0;      /* Newton for sqrt(2) */
    }
    put_d(x);
    put_str("\n");
    for (int i = 1; i < 20; i++) {
        t /= i;
        e += t;                             /* e */
    }
    put_d(e);
    put_str("\n");
    for (int i = 1; i <= 1000; i++) {
        s += one / ((double)i * i);         /* pi^2 / 6 */
        fs += (float)one / (float)i;
        fx = fx * 1.0001f + 0.001f;
    }
    put_d(s);
    put_str(" ");
    put_f(fs);
    put_str(" ");
    put_f(fx);
    put_str("\n");
}

int main(void)
{
    for (int i = 0; i < NF; i++) {
        vf[i] = fvals[i];
    }
    for (int i = 0; i < ND; i++) {
        vd[i] = dvals[i];
    }
    single_ops();
    double_ops();
    conversions();
    loops();
    put_str("done\n");
    return 0;
}
