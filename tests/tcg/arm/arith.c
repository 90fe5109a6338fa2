/*
 * Data processing: results and NZCV of the flag-setting instructions,
 * shifts by immediate and by register, multiplies, and conditional
 * execution of every condition under every NZCV combination.
 *
 * On the guest each case runs the real instruction (inline assembly);
 * on the host the same program computes the architecture's definition in
 * C. The test compares the two outputs line by line.
 */
#include "testlib.h"

typedef uint32_t (*op_fn)(uint32_t a, uint32_t b, uint32_t cin, uint32_t *nzcv);

#ifdef __arm__
/* Runs INSN with C = CIN and returns its result and NZCV. */
#define OP2(name, insn)                                                        \
static uint32_t name(uint32_t a, uint32_t b, uint32_t cin, uint32_t *nzcv)    \
{                                                                              \
    uint32_t r, f, c = cin << 29;                                              \
    __asm__ volatile("msr cpsr_f, %[c]\n\t" insn "\n\tmrs %[f], cpsr"          \
                     : [r] "=&r"(r), [f] "=&r"(f)                             \
                     : [a] "r"(a), [b] "r"(b), [c] "r"(c) : "cc");            \
    *nzcv = f >> 28;                                                           \
    return r;                                                                  \
}
OP2(op_adds, "adds %[r], %[a], %[b]")
OP2(op_subs, "subs %[r], %[a], %[b]")
OP2(op_adcs, "adcs %[r], %[a], %[b]")
OP2(op_sbcs, "sbcs %[r], %[a], %[b]")
OP2(op_rsbs, "rsbs %[r], %[a], %[b]")
#ifdef __thumb__
/* T32 has no RSC, no MULS.W and no register-shifted operands: equivalents. */
OP2(op_rscs, "sbcs %[r], %[b], %[a]")
#else
OP2(op_rscs, "rscs %[r], %[a], %[b]")
#endif
OP2(op_ands, "ands %[r], %[a], %[b]")
OP2(op_eors, "eors %[r], %[a], %[b]")
OP2(op_orrs, "orrs %[r], %[a], %[b]")
OP2(op_bics, "bics %[r], %[a], %[b]")
OP2(op_mvns, "mvns %[r], %[b]")
OP2(op_cmp, "mov %[r], #0\n\tcmp %[a], %[b]")
OP2(op_cmn, "mov %[r], #0\n\tcmn %[a], %[b]")
OP2(op_tst, "mov %[r], #0\n\ttst %[a], %[b]")
OP2(op_teq, "mov %[r], #0\n\tteq %[a], %[b]")
#ifdef __thumb__
/* 16-bit MULS: low registers, rd == rm. */
static uint32_t op_muls(uint32_t a, uint32_t b, uint32_t cin, uint32_t *nzcv)
{
    uint32_t f, c = cin << 29;
    register uint32_t r __asm__("r2") = b;
    register uint32_t ra __asm__("r3") = a;

    __asm__ volatile("msr cpsr_f, %[c]\n\tmuls %[r], %[a], %[r]\n\tmrs %[f], cpsr"
                     : [r] "+l"(r), [f] "=&r"(f) : [a] "l"(ra), [c] "r"(c) : "cc");
    *nzcv = f >> 28;
    return r;
}
OP2(op_lsls_r, "lsls %[r], %[a], %[b]")
OP2(op_lsrs_r, "lsrs %[r], %[a], %[b]")
OP2(op_asrs_r, "asrs %[r], %[a], %[b]")
OP2(op_rors_r, "rors %[r], %[a], %[b]")
OP2(op_add_lsl_r, "lsl %[r], %[a], %[b]\n\tadd %[r], %[a], %[r]")
#else
OP2(op_muls, "muls %[r], %[a], %[b]")
OP2(op_lsls_r, "movs %[r], %[a], lsl %[b]")
OP2(op_lsrs_r, "movs %[r], %[a], lsr %[b]")
OP2(op_asrs_r, "movs %[r], %[a], asr %[b]")
OP2(op_rors_r, "movs %[r], %[a], ror %[b]")
OP2(op_add_lsl_r, "add %[r], %[a], %[a], lsl %[b]")
#endif
OP2(op_lsls_1, "movs %[r], %[a], lsl #1")
OP2(op_lsls_31, "movs %[r], %[a], lsl #31")
OP2(op_lsrs_1, "movs %[r], %[a], lsr #1")
OP2(op_lsrs_32, "movs %[r], %[a], lsr #32")
OP2(op_asrs_7, "movs %[r], %[a], asr #7")
OP2(op_asrs_32, "movs %[r], %[a], asr #32")
OP2(op_rors_8, "movs %[r], %[a], ror #8")
OP2(op_rrxs, "movs %[r], %[a], rrx")
OP2(op_ands_imm, "ands %[r], %[a], #0xff000000")
OP2(op_subs_asr, "subs %[r], %[a], %[b], asr #3")
OP2(op_umull_lo, "umull %[r], %[c], %[a], %[b]")
OP2(op_smull_hi, "smull %[c], %[r], %[a], %[b]")
OP2(op_clz, "clz %[r], %[a]")
OP2(op_movw_t, "movw %[r], #0x5678\n\tmovt %[r], #0x1234")
#else
static uint32_t nz(uint32_t r)
{
    return (r >> 31) << 3 | (r == 0) << 2;
}

static uint32_t add_with_carry(uint32_t a, uint32_t b, uint32_t cin, uint32_t *nzcv)
{
    uint64_t u = (uint64_t)a + b + cin;
    int64_t s = (int64_t)(int32_t)a + (int32_t)b + cin;
    uint32_t r = (uint32_t)u;

    *nzcv = nz(r) | (u >> 32 ? 2 : 0) | (s != (int32_t)r ? 1 : 0);
    return r;
}

/* Result with N and Z from it, C and V kept from the input (C = cin, V = 0). */
static uint32_t logic(uint32_t r, uint32_t c, uint32_t *nzcv)
{
    *nzcv = nz(r) | c << 1;
    return r;
}

static uint32_t shift(uint32_t x, int type, uint32_t s, uint32_t *c)
{
    s &= 0xff;
    if (s == 0) {
        return x;
    }
    switch (type) {
    case 0:
        *c = s < 32 ? (x >> (32 - s)) & 1 : s == 32 ? x & 1 : 0;
        return s < 32 ? x << s : 0;
    case 1:
        *c = s < 32 ? (x >> (s - 1)) & 1 : s == 32 ? x >> 31 : 0;
        return s < 32 ? x >> s : 0;
    case 2:
        *c = s < 32 ? (x >> (s - 1)) & 1 : x >> 31;
        return s < 32 ? (uint32_t)((int32_t)x >> s) : (uint32_t)((int32_t)x >> 31);
    default:
        s &= 31;
        x = s ? (x >> s) | (x << (32 - s)) : x;
        *c = x >> 31;
        return x;
    }
}

#define M(name, expr)                                                          \
static uint32_t name(uint32_t a, uint32_t b, uint32_t cin, uint32_t *nzcv)    \
{                                                                              \
    uint32_t c = cin;                                                          \
    (void)c;                                                                   \
    expr;                                                                      \
}
M(op_adds, return add_with_carry(a, b, 0, nzcv))
M(op_subs, return add_with_carry(a, ~b, 1, nzcv))
M(op_adcs, return add_with_carry(a, b, cin, nzcv))
M(op_sbcs, return add_with_carry(a, ~b, cin, nzcv))
M(op_rsbs, return add_with_carry(b, ~a, 1, nzcv))
M(op_rscs, return add_with_carry(b, ~a, cin, nzcv))
M(op_ands, return logic(a & b, cin, nzcv))
M(op_eors, return logic(a ^ b, cin, nzcv))
M(op_orrs, return logic(a | b, cin, nzcv))
M(op_bics, return logic(a & ~b, cin, nzcv))
M(op_mvns, return logic(~b, cin, nzcv))
M(op_cmp, add_with_carry(a, ~b, 1, nzcv); return 0)
M(op_cmn, add_with_carry(a, b, 0, nzcv); return 0)
M(op_tst, logic(a & b, cin, nzcv); return 0)
M(op_teq, logic(a ^ b, cin, nzcv); return 0)
M(op_muls, return logic(a * b, cin, nzcv))
M(op_lsls_r, uint32_t r = shift(a, 0, b, &c); return logic(r, c, nzcv))
M(op_lsrs_r, uint32_t r = shift(a, 1, b, &c); return logic(r, c, nzcv))
M(op_asrs_r, uint32_t r = shift(a, 2, b, &c); return logic(r, c, nzcv))
M(op_rors_r, uint32_t r = shift(a, 3, b, &c); return logic(r, c, nzcv))
M(op_add_lsl_r, *nzcv = cin << 1; return a + shift(a, 0, b, &c))
M(op_lsls_1, uint32_t r = shift(a, 0, 1, &c); return logic(r, c, nzcv))
M(op_lsls_31, uint32_t r = shift(a, 0, 31, &c); return logic(r, c, nzcv))
M(op_lsrs_1, uint32_t r = shift(a, 1, 1, &c); return logic(r, c, nzcv))
M(op_lsrs_32, uint32_t r = shift(a, 1, 32, &c); return logic(r, c, nzcv))
M(op_asrs_7, uint32_t r = shift(a, 2, 7, &c); return logic(r, c, nzcv))
M(op_asrs_32, uint32_t r = shift(a, 2, 32, &c); return logic(r, c, nzcv))
M(op_rors_8, uint32_t r = shift(a, 3, 8, &c); return logic(r, c, nzcv))
M(op_rrxs, return logic((a >> 1) | (cin << 31), a & 1, nzcv))
/* A rotated immediate sets C to its bit 31. */
M(op_ands_imm, return logic(a & 0xff000000u, 1, nzcv))
M(op_subs_asr, return add_with_carry(a, ~(uint32_t)((int32_t)b >> 3), 1, nzcv))
M(op_umull_lo, *nzcv = cin << 1; return (uint32_t)((uint64_t)a * b))
M(op_smull_hi, *nzcv = cin << 1;
  return (uint32_t)((uint64_t)((int64_t)(int32_t)a * (int32_t)b) >> 32))
M(op_clz, *nzcv = cin << 1; return a ? (uint32_t)__builtin_clz(a) : 32)
M(op_movw_t, *nzcv = cin << 1; return 0x12345678)
#endif

static const struct {
    const char *name;
    op_fn fn;
} ops[] = {
    { "adds", op_adds }, { "subs", op_subs }, { "adcs", op_adcs }, { "sbcs", op_sbcs },
    { "rsbs", op_rsbs }, { "rscs", op_rscs }, { "ands", op_ands }, { "eors", op_eors },
    { "orrs", op_orrs }, { "bics", op_bics }, { "mvns", op_mvns }, { "cmp", op_cmp },
    { "cmn", op_cmn }, { "tst", op_tst }, { "teq", op_teq }, { "muls", op_muls },
    { "lsls_r", op_lsls_r }, { "lsrs_r", op_lsrs_r }, { "asrs_r", op_asrs_r },
    { "rors_r", op_rors_r }, { "add_lsl_r", op_add_lsl_r }, { "lsls_1", op_lsls_1 },
    { "lsls_31", op_lsls_31 }, { "lsrs_1", op_lsrs_1 }, { "lsrs_32", op_lsrs_32 },
    { "asrs_7", op_asrs_7 }, { "asrs_32", op_asrs_32 }, { "rors_8", op_rors_8 },
    { "rrxs", op_rrxs }, { "ands_imm", op_ands_imm }, { "subs_asr", op_subs_asr },
    { "umull_lo", op_umull_lo }, { "smull_hi", op_smull_hi }, { "clz", op_clz },
    { "movw_t", op_movw_t },
};

static const uint32_t values[] = {
    0, 1, 2, 31, 32, 33, 0x7fffffff, 0x80000000, 0x80000001, 0xfffffffe, 0xffffffff,
    0x12345678, 0xf0f0f0f0, 0x100,
};

#define N_VALUES (sizeof(values) / sizeof(values[0]))

#ifdef __arm__
/* 1 if condition COND (0..14) passes with flags NZCV. */
static uint32_t cond_passes(int cond, uint32_t nzcv)
{
    uint32_t r, f = nzcv << 28;

#define COND(cc) \
    __asm__ volatile("msr cpsr_f, %1\n\tmov %0, #0\n\tmov" cc " %0, #1" \
                     : "=&r"(r) : "r"(f) : "cc"); break
    switch (cond) {
    case 0: COND("eq");
    case 1: COND("ne");
    case 2: COND("cs");
    case 3: COND("cc");
    case 4: COND("mi");
    case 5: COND("pl");
    case 6: COND("vs");
    case 7: COND("vc");
    case 8: COND("hi");
    case 9: COND("ls");
    case 10: COND("ge");
    case 11: COND("lt");
    case 12: COND("gt");
    case 13: COND("le");
    default: COND("al");
    }
    return r;
}
#else
static uint32_t cond_passes(int cond, uint32_t nzcv)
{
    int n = nzcv >> 3 & 1, z = nzcv >> 2 & 1, c = nzcv >> 1 & 1, v = nzcv & 1;
    int r;

    switch (cond >> 1) {
    case 0: r = z; break;
    case 1: r = c; break;
    case 2: r = n; break;
    case 3: r = v; break;
    case 4: r = c && !z; break;
    case 5: r = n == v; break;
    case 6: r = !z && n == v; break;
    default: return 1;
    }
    return (cond & 1) ? !r : r;
}
#endif

int main(void);
int main(void)
{
    for (unsigned o = 0; o < sizeof(ops) / sizeof(ops[0]); o++) {
        for (unsigned i = 0; i < N_VALUES; i++) {
            for (unsigned j = 0; j < N_VALUES; j++) {
                for (uint32_t cin = 0; cin < 2; cin++) {
                    uint32_t nzcv;
                    uint32_t r = ops[o].fn(values[i], values[j], cin, &nzcv);

                    put_str(ops[o].name);
                    put_str(" ");
                    put_hex(values[i]);
                    put_str(" ");
                    put_hex(values[j]);
                    put_str(cin ? " 1: " : " 0: ");
                    put_hex(r);
                    put_str(" ");
                    put_hex(nzcv);
                    put_str("\n");
                }
            }
        }
    }
    for (int cond = 0; cond < 15; cond++) {
        uint32_t mask = 0;

        for (uint32_t f = 0; f < 16; f++) {
            mask |= cond_passes(cond, f) << f;
        }
        put_str("cond ");
        put_dec(cond);
        put_str(": ");
        put_hex(mask);
        put_str("\n");
    }
    put_str("arith done\n");
    return 0;
}
