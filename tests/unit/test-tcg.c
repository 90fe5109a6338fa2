/*
 * Translator core tests: IR built by hand against a fake env, translated
 * to x86-64, executed, and compared with C reference semantics written
 * here (never the translator's own folding code).
 */
#include "tcgtest.h"
#include "qemu/log.h"

#define TCG_MAX_TEMPS_TEST 600

static const uint64_t values[] = {
    0, 1, 2, 3, 7, 0x7f, 0x80, 0xff, 0x100, 0x7fff, 0x8000, 0xffff,
    0x12345678, 0x7fffffff, 0x80000000, 0x80000001, 0xfffffffe, 0xffffffff,
    0x100000000ull, 0x123456789abcdef0ull, 0x7fffffffffffffffull,
    0x8000000000000000ull, 0xfffffffffffffffeull, 0xffffffffffffffffull,
    0xdeadbeefcafebabeull, 0x00ff00ff00ff00ffull,
};

static const uint64_t shift_counts[] = { 0, 1, 4, 7, 8, 15, 16, 31, 32, 33, 47, 63 };

static uint64_t sext(unsigned bits, uint64_t v)
{
    return bits == 64 ? v : (uint64_t)(int64_t)(int32_t)v;
}

/* ---- C reference semantics ---- */

typedef uint64_t (*RefBin)(unsigned w, uint64_t a, uint64_t b);

static uint64_t r_add(unsigned w, uint64_t a, uint64_t b) { return a + b; }
static uint64_t r_sub(unsigned w, uint64_t a, uint64_t b) { return a - b; }
static uint64_t r_mul(unsigned w, uint64_t a, uint64_t b) { return a * b; }
static uint64_t r_and(unsigned w, uint64_t a, uint64_t b) { return a & b; }
static uint64_t r_or(unsigned w, uint64_t a, uint64_t b) { return a | b; }
static uint64_t r_xor(unsigned w, uint64_t a, uint64_t b) { return a ^ b; }
static uint64_t r_andc(unsigned w, uint64_t a, uint64_t b) { return a & ~b; }
static uint64_t r_orc(unsigned w, uint64_t a, uint64_t b) { return a | ~b; }
static uint64_t r_shl(unsigned w, uint64_t a, uint64_t b) { return a << b; }
static uint64_t r_shr(unsigned w, uint64_t a, uint64_t b) { return tt_mask(w, a) >> b; }
static uint64_t r_sar(unsigned w, uint64_t a, uint64_t b)
{
    return (uint64_t)((int64_t)sext(w, a) >> b);
}
static uint64_t r_rotl(unsigned w, uint64_t a, uint64_t b)
{
    a = tt_mask(w, a);
    return b ? (a << b) | (a >> (w - b)) : a;
}
static uint64_t r_rotr(unsigned w, uint64_t a, uint64_t b)
{
    a = tt_mask(w, a);
    return b ? (a >> b) | (a << (w - b)) : a;
}
static uint64_t r_div(unsigned w, uint64_t a, uint64_t b)
{
    int64_t sa = sext(w, a), sb = sext(w, b);
    int64_t min = w == 64 ? INT64_MIN : INT32_MIN;
    if (sb == 0) {
        return 0;
    }
    if (sa == min && sb == -1) {
        return sa;
    }
    return sa / sb;
}
static uint64_t r_rem(unsigned w, uint64_t a, uint64_t b)
{
    int64_t sa = sext(w, a), sb = sext(w, b);
    int64_t min = w == 64 ? INT64_MIN : INT32_MIN;
    if (sb == 0) {
        return sa;
    }
    if (sa == min && sb == -1) {
        return 0;
    }
    return sa % sb;
}
static uint64_t r_divu(unsigned w, uint64_t a, uint64_t b)
{
    a = tt_mask(w, a);
    b = tt_mask(w, b);
    return b ? a / b : 0;
}
static uint64_t r_remu(unsigned w, uint64_t a, uint64_t b)
{
    a = tt_mask(w, a);
    b = tt_mask(w, b);
    return b ? a % b : a;
}
static uint64_t r_clz(unsigned w, uint64_t a, uint64_t z)
{
    a = tt_mask(w, a);
    if (!a) {
        return z;
    }
    unsigned n = 0;
    for (uint64_t bit = (uint64_t)1 << (w - 1); !(a & bit); bit >>= 1) {
        n++;
    }
    return n;
}
static uint64_t r_ctz(unsigned w, uint64_t a, uint64_t z)
{
    a = tt_mask(w, a);
    if (!a) {
        return z;
    }
    unsigned n = 0;
    while (!(a & 1)) {
        a >>= 1;
        n++;
    }
    return n;
}

typedef struct BinOp {
    const char *name;
    void (*g32)(TCGv_i32, TCGv_i32, TCGv_i32);
    void (*g64)(TCGv_i64, TCGv_i64, TCGv_i64);
    RefBin ref;
    bool shift;
} BinOp;

#define B(n, s) { #n, tcg_gen_##n##_i32, tcg_gen_##n##_i64, r_##n, s }
static const BinOp binops[] = {
    B(add, false), B(sub, false), B(mul, false), B(and, false), B(or, false),
    B(xor, false), B(andc, false), B(orc, false), B(shl, true), B(shr, true),
    B(sar, true), B(rotl, true), B(rotr, true), B(div, false), B(divu, false),
    B(rem, false), B(remu, false), B(clz, false), B(ctz, false),
};
#undef B

/*
 * Runs OP at width W over all pairs, with B in a register, and with B as
 * a constant (one translation per constant), the optimizer on and off.
 */
static void run_binop(const BinOp *op, unsigned w, bool opt, bool b_const)
{
    const uint64_t *bv = op->shift ? shift_counts : values;
    size_t nb = op->shift ? ARRAY_SIZE(shift_counts) : ARRAY_SIZE(values);
    TCGTranslation t;
    const void *code = NULL;

    tcg_set_optimize(tt_ctx, opt);
    for (size_t j = 0; j < nb; j++) {
        uint64_t b = bv[j];
        if (op->shift && b >= w) {
            continue;
        }
        if (b_const || j == 0) {
            tt_begin();
            if (w == 32) {
                op->g32(tt_r[2], tt_r[0], b_const ? tcg_constant_i32(b) : tt_r[1]);
            } else {
                op->g64(tt_x[2], tt_x[0], b_const ? tcg_constant_i64(b) : tt_x[1]);
            }
            tcg_gen_exit_tb(NULL, 0);
            code = tt_translate(&t);
        }
        for (size_t i = 0; i < ARRAY_SIZE(values); i++) {
            TestEnv env = { 0 };
            uint64_t a = values[i];
            env.r[0] = a;
            env.r[1] = b;
            env.x[0] = a;
            env.x[1] = b;
            g_assert_cmpuint(tcg_qemu_tb_exec(&env, code), ==, 0);
            uint64_t got = w == 32 ? env.r[2] : env.x[2];
            uint64_t want = tt_mask(w, op->ref(w, a, b));
            if (got != want) {
                g_error("%s_i%u(%#" PRIx64 ", %#" PRIx64 ")%s%s = %#" PRIx64 ", want %#" PRIx64,
                        op->name, w, a, b, b_const ? " [const]" : "", opt ? " [opt]" : "",
                        got, want);
            }
            /* The inputs are untouched. */
            g_assert_cmpuint(w == 32 ? env.r[0] : env.x[0], ==, tt_mask(w, a));
        }
    }
}

static void test_binops(gconstpointer data)
{
    unsigned w = GPOINTER_TO_UINT(data);
    tt_setup();
    for (size_t k = 0; k < ARRAY_SIZE(binops); k++) {
        for (int opt = 0; opt < 2; opt++) {
            run_binop(&binops[k], w, opt, false);
            run_binop(&binops[k], w, opt, true);
        }
    }
    tcg_set_optimize(tt_ctx, true);
}

/* Both operands constant: the optimizer folds; results must not change. */
static void test_binops_folded(gconstpointer data)
{
    unsigned w = GPOINTER_TO_UINT(data);
    TCGTranslation t;
    tt_setup();
    for (size_t k = 0; k < ARRAY_SIZE(binops); k++) {
        const BinOp *op = &binops[k];
        for (size_t i = 0; i < ARRAY_SIZE(values); i += 3) {
            for (size_t j = 0; j < ARRAY_SIZE(values); j += 2) {
                uint64_t a = values[i], b = op->shift ? values[j] % w : values[j];
                for (int opt = 0; opt < 2; opt++) {
                    tcg_set_optimize(tt_ctx, opt);
                    tt_begin();
                    if (w == 32) {
                        op->g32(tt_r[2], tcg_constant_i32(a), tcg_constant_i32(b));
                    } else {
                        op->g64(tt_x[2], tcg_constant_i64(a), tcg_constant_i64(b));
                    }
                    tcg_gen_exit_tb(NULL, 0);
                    const void *code = tt_translate(&t);
                    TestEnv env = { 0 };
                    tcg_qemu_tb_exec(&env, code);
                    uint64_t got = w == 32 ? env.r[2] : env.x[2];
                    uint64_t want = tt_mask(w, op->ref(w, a, b));
                    if (got != want) {
                        g_error("folded %s_i%u(%#" PRIx64 ", %#" PRIx64 ") opt=%d = %#" PRIx64
                                ", want %#" PRIx64, op->name, w, a, b, opt, got, want);
                    }
                }
            }
        }
    }
    tcg_set_optimize(tt_ctx, true);
}

/* ---- unary ops ---- */

typedef struct UnOp {
    const char *name;
    void (*g32)(TCGv_i32, TCGv_i32);
    void (*g64)(TCGv_i64, TCGv_i64);
    uint64_t (*ref)(unsigned w, uint64_t a);
} UnOp;

static uint64_t u_neg(unsigned w, uint64_t a) { return -a; }
static uint64_t u_not(unsigned w, uint64_t a) { return ~a; }
static uint64_t u_ext8s(unsigned w, uint64_t a) { return (uint64_t)(int64_t)(int8_t)a; }
static uint64_t u_ext8u(unsigned w, uint64_t a) { return (uint8_t)a; }
static uint64_t u_ext16s(unsigned w, uint64_t a) { return (uint64_t)(int64_t)(int16_t)a; }
static uint64_t u_ext16u(unsigned w, uint64_t a) { return (uint16_t)a; }
static uint64_t u_bswap16(unsigned w, uint64_t a)
{
    return ((a & 0xff) << 8) | ((a >> 8) & 0xff);
}
static uint64_t u_bswap32(unsigned w, uint64_t a)
{
    return ((a & 0xff) << 24) | ((a & 0xff00) << 8) | ((a >> 8) & 0xff00) | ((a >> 24) & 0xff);
}

#define U(n) { #n, tcg_gen_##n##_i32, tcg_gen_##n##_i64, u_##n }
static const UnOp unops[] = {
    U(neg), U(not), U(ext8s), U(ext8u), U(ext16s), U(ext16u), U(bswap16), U(bswap32),
};
#undef U

static uint64_t u_bswap64(unsigned w, uint64_t a)
{
    uint64_t r = 0;
    for (int i = 0; i < 8; i++) {
        r = (r << 8) | ((a >> (8 * i)) & 0xff);
    }
    return r;
}
static uint64_t u_ext32s(unsigned w, uint64_t a) { return (uint64_t)(int64_t)(int32_t)a; }
static uint64_t u_ext32u(unsigned w, uint64_t a) { return (uint32_t)a; }

static const UnOp unops64[] = {
    { "bswap64", NULL, tcg_gen_bswap64_i64, u_bswap64 },
    { "ext32s", NULL, tcg_gen_ext32s_i64, u_ext32s },
    { "ext32u", NULL, tcg_gen_ext32u_i64, u_ext32u },
};

static void run_unop(const UnOp *op, unsigned w, bool opt)
{
    TCGTranslation t;
    tcg_set_optimize(tt_ctx, opt);
    tt_begin();
    if (w == 32) {
        op->g32(tt_r[2], tt_r[0]);
    } else {
        op->g64(tt_x[2], tt_x[0]);
    }
    tcg_gen_exit_tb(NULL, 0);
    const void *code = tt_translate(&t);
    for (size_t i = 0; i < ARRAY_SIZE(values); i++) {
        TestEnv env = { 0 };
        env.r[0] = values[i];
        env.x[0] = values[i];
        tcg_qemu_tb_exec(&env, code);
        uint64_t got = w == 32 ? env.r[2] : env.x[2];
        uint64_t want = tt_mask(w, op->ref(w, values[i]));
        if (got != want) {
            g_error("%s_i%u(%#" PRIx64 ") = %#" PRIx64 ", want %#" PRIx64, op->name, w,
                    values[i], got, want);
        }
    }
    /* And folded. */
    for (size_t i = 0; i < ARRAY_SIZE(values); i++) {
        tt_begin();
        if (w == 32) {
            op->g32(tt_r[2], tcg_constant_i32(values[i]));
        } else {
            op->g64(tt_x[2], tcg_constant_i64(values[i]));
        }
        tcg_gen_exit_tb(NULL, 0);
        code = tt_translate(&t);
        TestEnv env = { 0 };
        tcg_qemu_tb_exec(&env, code);
        uint64_t got = w == 32 ? env.r[2] : env.x[2];
        g_assert_cmphex(got, ==, tt_mask(w, op->ref(w, values[i])));
    }
}

static void test_unops(void)
{
    tt_setup();
    for (int opt = 0; opt < 2; opt++) {
        for (size_t k = 0; k < ARRAY_SIZE(unops); k++) {
            run_unop(&unops[k], 32, opt);
            run_unop(&unops[k], 64, opt);
        }
        for (size_t k = 0; k < ARRAY_SIZE(unops64); k++) {
            run_unop(&unops64[k], 64, opt);
        }
    }
    tcg_set_optimize(tt_ctx, true);
}

/* ---- conditions ---- */

static bool ref_cond(TCGCond c, unsigned w, uint64_t a, uint64_t b)
{
    uint64_t ua = tt_mask(w, a), ub = tt_mask(w, b);
    int64_t sa = sext(w, a), sb = sext(w, b);
    switch (c) {
    case TCG_COND_NEVER: return false;
    case TCG_COND_ALWAYS: return true;
    case TCG_COND_EQ: return ua == ub;
    case TCG_COND_NE: return ua != ub;
    case TCG_COND_LT: return sa < sb;
    case TCG_COND_GE: return sa >= sb;
    case TCG_COND_LE: return sa <= sb;
    case TCG_COND_GT: return sa > sb;
    case TCG_COND_LTU: return ua < ub;
    case TCG_COND_GEU: return ua >= ub;
    case TCG_COND_LEU: return ua <= ub;
    case TCG_COND_GTU: return ua > ub;
    case TCG_COND_TSTEQ: return (ua & ub) == 0;
    case TCG_COND_TSTNE: return (ua & ub) != 0;
    }
    g_assert_not_reached();
}

static const uint64_t cond_values[] = {
    0, 1, 2, 0x7f, 0x80, 0x7fffffff, 0x80000000, 0xffffffff, 0x100000000ull,
    0x7fffffffffffffffull, 0x8000000000000000ull, 0xffffffffffffffffull,
};

/* KIND 0: setcond, 1: movcond, 2: brcond. B_CONST: b as an immediate. */
static void run_cond(int kind, unsigned w, TCGCond c, bool b_const, uint64_t bc)
{
    TCGTranslation t;
    tt_begin();
    TCGLabel *l = gen_new_label();
    if (w == 32) {
        TCGv_i32 b = b_const ? tcg_constant_i32(bc) : tt_r[1];
        switch (kind) {
        case 0: tcg_gen_setcond_i32(c, tt_r[2], tt_r[0], b); break;
        case 1: tcg_gen_movcond_i32(c, tt_r[2], tt_r[0], b, tt_r[3], tt_r[4]); break;
        default:
            tcg_gen_movi_i32(tt_r[2], 0);
            tcg_gen_brcond_i32(c, tt_r[0], b, l);
            tcg_gen_movi_i32(tt_r[2], 1);
            gen_set_label(l);
        }
    } else {
        TCGv_i64 b = b_const ? tcg_constant_i64(bc) : tt_x[1];
        switch (kind) {
        case 0: tcg_gen_setcond_i64(c, tt_x[2], tt_x[0], b); break;
        case 1: tcg_gen_movcond_i64(c, tt_x[2], tt_x[0], b, tt_x[3], tt_x[4]); break;
        default:
            tcg_gen_movi_i64(tt_x[2], 0);
            tcg_gen_brcond_i64(c, tt_x[0], b, l);
            tcg_gen_movi_i64(tt_x[2], 1);
            gen_set_label(l);
        }
    }
    tcg_gen_exit_tb(NULL, 0);
    const void *code = tt_translate(&t);
    for (size_t i = 0; i < ARRAY_SIZE(cond_values); i++) {
        for (size_t j = 0; j < ARRAY_SIZE(cond_values); j++) {
            uint64_t a = cond_values[i], b = b_const ? bc : cond_values[j];
            TestEnv env = { 0 };
            env.r[0] = env.x[0] = a;
            env.r[1] = env.x[1] = b;
            env.r[3] = env.x[3] = 0x1111;
            env.r[4] = env.x[4] = 0x2222;
            tcg_qemu_tb_exec(&env, code);
            bool r = ref_cond(c, w, a, b);
            uint64_t want = kind == 0 ? r : kind == 1 ? (r ? 0x1111 : 0x2222) : !r;
            uint64_t got = w == 32 ? env.r[2] : env.x[2];
            if (got != want) {
                g_error("cond kind %d i%u cond %d (%#" PRIx64 ", %#" PRIx64 ")%s = %#" PRIx64,
                        kind, w, c, a, b, b_const ? " const" : "", got);
            }
            if (b_const) {
                break;
            }
        }
    }
}

static void test_conditions(void)
{
    tt_setup();
    for (int kind = 0; kind < 3; kind++) {
        for (TCGCond c = TCG_COND_NEVER; c <= TCG_COND_TSTNE; c++) {
            run_cond(kind, 32, c, false, 0);
            run_cond(kind, 64, c, false, 0);
            for (size_t j = 0; j < ARRAY_SIZE(cond_values); j += 3) {
                run_cond(kind, 32, c, true, cond_values[j]);
                run_cond(kind, 64, c, true, cond_values[j]);
            }
        }
    }
}

/* ---- carries and double-width multiply ---- */

static void test_add2_sub2(void)
{
    TCGTranslation t;
    tt_setup();
    /* i32 pairs against 64-bit C arithmetic */
    for (int sub = 0; sub < 2; sub++) {
        tt_begin();
        (sub ? tcg_gen_sub2_i32 : tcg_gen_add2_i32)(tt_r[4], tt_r[5], tt_r[0], tt_r[1],
                                                      tt_r[2], tt_r[3]);
        tcg_gen_exit_tb(NULL, 0);
        const void *code = tt_translate(&t);
        for (size_t i = 0; i < ARRAY_SIZE(values); i++) {
            for (size_t j = 0; j < ARRAY_SIZE(values); j++) {
                uint64_t a = values[i] * 0x9e3779b97f4a7c15ull, b = values[j];
                TestEnv env = { 0 };
                env.r[0] = a;
                env.r[1] = a >> 32;
                env.r[2] = b;
                env.r[3] = b >> 32;
                tcg_qemu_tb_exec(&env, code);
                uint64_t want = sub ? a - b : a + b;
                g_assert_cmphex(env.r[4] | ((uint64_t)env.r[5] << 32), ==, want);
            }
        }
    }
    /* i64 pairs against unsigned __int128 */
    for (int sub = 0; sub < 2; sub++) {
        for (int k = 0; k < 2; k++) {
            tt_begin();
            TCGv_i64 bl = k ? tcg_constant_i64(-1) : tt_x[2];
            TCGv_i64 bh = k ? tcg_constant_i64(1) : tt_x[3];
            (sub ? tcg_gen_sub2_i64 : tcg_gen_add2_i64)(tt_x[4], tt_x[5], tt_x[0], tt_x[1],
                                                          bl, bh);
            tcg_gen_exit_tb(NULL, 0);
            const void *code = tt_translate(&t);
            for (size_t i = 0; i < ARRAY_SIZE(values); i++) {
                for (size_t j = 0; j < ARRAY_SIZE(values); j++) {
                    unsigned __int128 a = ((unsigned __int128)values[j] << 64) | values[i];
                    unsigned __int128 b = k ? ((unsigned __int128)1 << 64) | UINT64_MAX
                                            : ((unsigned __int128)values[i] << 64) | values[j];
                    TestEnv env = { 0 };
                    env.x[0] = a;
                    env.x[1] = a >> 64;
                    env.x[2] = b;
                    env.x[3] = b >> 64;
                    tcg_qemu_tb_exec(&env, code);
                    unsigned __int128 want = sub ? a - b : a + b;
                    g_assert_cmphex(env.x[4], ==, (uint64_t)want);
                    g_assert_cmphex(env.x[5], ==, (uint64_t)(want >> 64));
                }
            }
        }
    }
}

static void test_mul2(void)
{
    TCGTranslation t;
    tt_setup();
    for (int sign = 0; sign < 2; sign++) {
        tt_begin();
        (sign ? tcg_gen_muls2_i32 : tcg_gen_mulu2_i32)(tt_r[2], tt_r[3], tt_r[0], tt_r[1]);
        (sign ? tcg_gen_muls2_i64 : tcg_gen_mulu2_i64)(tt_x[2], tt_x[3], tt_x[0], tt_x[1]);
        tcg_gen_exit_tb(NULL, 0);
        const void *code = tt_translate(&t);
        for (size_t i = 0; i < ARRAY_SIZE(values); i++) {
            for (size_t j = 0; j < ARRAY_SIZE(values); j++) {
                uint64_t a = values[i], b = values[j];
                TestEnv env = { 0 };
                env.r[0] = env.x[0] = a;
                env.r[1] = env.x[1] = b;
                tcg_qemu_tb_exec(&env, code);
                uint64_t p32 = sign ? (uint64_t)((int64_t)(int32_t)a * (int32_t)b)
                                    : (uint64_t)(uint32_t)a * (uint32_t)b;
                g_assert_cmphex(env.r[2] | ((uint64_t)env.r[3] << 32), ==, p32);
                unsigned __int128 p64 = sign ? (unsigned __int128)((__int128)(int64_t)a *
                                                                   (int64_t)b)
                                             : (unsigned __int128)a * b;
                g_assert_cmphex(env.x[2], ==, (uint64_t)p64);
                g_assert_cmphex(env.x[3], ==, (uint64_t)(p64 >> 64));
            }
        }
    }
}

/* ---- bit fields and conversions ---- */

static void test_extract_deposit(void)
{
    TCGTranslation t;
    tt_setup();
    static const unsigned fields[][2] = {
        { 0, 1 }, { 0, 8 }, { 3, 5 }, { 8, 16 }, { 31, 1 }, { 0, 31 }, { 1, 31 }, { 16, 16 },
        { 0, 32 },
    };
    for (size_t f = 0; f < ARRAY_SIZE(fields); f++) {
        unsigned ofs = fields[f][0], len = fields[f][1];
        unsigned ofs64 = ofs + 17 > 63 ? ofs : ofs + 17;
        unsigned len64 = ofs64 + len + 20 <= 64 ? len + 20 : len;
        tt_begin();
        tcg_gen_extract_i32(tt_r[2], tt_r[0], ofs, len);
        tcg_gen_sextract_i32(tt_r[3], tt_r[0], ofs, len);
        tcg_gen_deposit_i32(tt_r[4], tt_r[0], tt_r[1], ofs, len);
        tcg_gen_extract_i64(tt_x[2], tt_x[0], ofs64, len64);
        tcg_gen_sextract_i64(tt_x[3], tt_x[0], ofs64, len64);
        tcg_gen_deposit_i64(tt_x[4], tt_x[0], tt_x[1], ofs64, len64);
        tcg_gen_exit_tb(NULL, 0);
        const void *code = tt_translate(&t);
        for (size_t i = 0; i < ARRAY_SIZE(values); i++) {
            uint64_t a = values[i], b = values[ARRAY_SIZE(values) - 1 - i];
            TestEnv env = { 0 };
            env.r[0] = env.x[0] = a;
            env.r[1] = env.x[1] = b;
            tcg_qemu_tb_exec(&env, code);
            uint32_t m32 = len == 32 ? UINT32_MAX : (1u << len) - 1;
            uint32_t f32 = ((uint32_t)a >> ofs) & m32;
            uint32_t s32 = len == 32 ? f32 : (f32 ^ (1u << (len - 1))) - (1u << (len - 1));
            g_assert_cmphex(env.r[2], ==, f32);
            g_assert_cmphex(env.r[3], ==, s32);
            g_assert_cmphex(env.r[4], ==, ((uint32_t)a & ~(m32 << ofs)) | ((b & m32) << ofs));
            uint64_t m64 = len64 == 64 ? UINT64_MAX : ((uint64_t)1 << len64) - 1;
            uint64_t f64 = (a >> ofs64) & m64;
            uint64_t sb = (uint64_t)1 << (len64 - 1);
            g_assert_cmphex(env.x[2], ==, f64);
            g_assert_cmphex(env.x[3], ==, (f64 ^ sb) - sb);
            g_assert_cmphex(env.x[4], ==, (a & ~(m64 << ofs64)) | ((b & m64) << ofs64));
        }
    }
}

static void test_width_conversions(void)
{
    TCGTranslation t;
    tt_setup();
    tt_begin();
    tcg_gen_extu_i32_i64(tt_x[2], tt_r[0]);
    tcg_gen_ext_i32_i64(tt_x[3], tt_r[0]);
    tcg_gen_extrl_i64_i32(tt_r[2], tt_x[0]);
    tcg_gen_extrh_i64_i32(tt_r[3], tt_x[0]);
    /* An i32 result used as a 64-bit value must have clean upper bits. */
    TCGv_i32 t32 = tcg_temp_new_i32();
    TCGv_i64 t64 = tcg_temp_new_i64();
    tcg_gen_not_i32(t32, tt_r[0]);
    tcg_gen_extu_i32_i64(t64, t32);
    tcg_gen_mov_i64(tt_x[4], t64);
    tcg_gen_exit_tb(NULL, 0);
    const void *code = tt_translate(&t);
    for (size_t i = 0; i < ARRAY_SIZE(values); i++) {
        TestEnv env = { 0 };
        env.r[0] = values[i];
        env.x[0] = values[i] * 0x9e3779b97f4a7c15ull;
        tcg_qemu_tb_exec(&env, code);
        g_assert_cmphex(env.x[2], ==, (uint32_t)values[i]);
        g_assert_cmphex(env.x[3], ==, (uint64_t)(int64_t)(int32_t)values[i]);
        g_assert_cmphex(env.r[2], ==, (uint32_t)env.x[0]);
        g_assert_cmphex(env.r[3], ==, (uint32_t)(env.x[0] >> 32));
        g_assert_cmphex(env.x[4], ==, (uint32_t)~values[i]);
    }
}

static uintptr_t ret_addrs[8];
static const TCGHelperInfo info_where;

/* ---- compound ops built from others ---- */

static void test_compound(void)
{
    TCGTranslation t;
    tt_setup();
    tt_begin();
    tcg_gen_subfi_i32(tt_r[2], 100, tt_r[0]);
    tcg_gen_abs_i32(tt_r[3], tt_r[0]);
    tcg_gen_smin_i32(tt_r[4], tt_r[0], tt_r[1]);
    tcg_gen_smax_i32(tt_r[5], tt_r[0], tt_r[1]);
    tcg_gen_umin_i32(tt_r[6], tt_r[0], tt_r[1]);
    tcg_gen_umax_i32(tt_r[7], tt_r[0], tt_r[1]);
    tcg_gen_muluh_i32(tt_r[8], tt_r[0], tt_r[1]);
    tcg_gen_mulsh_i32(tt_r[9], tt_r[0], tt_r[1]);
    tcg_gen_ctpop_i32(tt_r[10], tt_r[0]);
    tcg_gen_concat_i32_i64(tt_x[10], tt_r[0], tt_r[1]);
    tcg_gen_extr_i64_i32(tt_r[11], tt_r[12], tt_x[0]);
    tcg_gen_subfi_i64(tt_x[2], -100, tt_x[0]);
    tcg_gen_abs_i64(tt_x[3], tt_x[0]);
    tcg_gen_smin_i64(tt_x[4], tt_x[0], tt_x[1]);
    tcg_gen_smax_i64(tt_x[5], tt_x[0], tt_x[1]);
    tcg_gen_umin_i64(tt_x[6], tt_x[0], tt_x[1]);
    tcg_gen_umax_i64(tt_x[7], tt_x[0], tt_x[1]);
    tcg_gen_muluh_i64(tt_x[8], tt_x[0], tt_x[1]);
    tcg_gen_mulsh_i64(tt_x[9], tt_x[0], tt_x[1]);
    tcg_gen_ctpop_i64(tt_x[11], tt_x[0]);
    tcg_gen_exit_tb(NULL, 0);
    const void *code = tt_translate(&t);
    for (size_t i = 0; i < ARRAY_SIZE(values); i++) {
        for (size_t j = 0; j < ARRAY_SIZE(values); j++) {
            uint64_t a = values[i], b = values[j];
            uint32_t a32 = a, b32 = b;
            TestEnv env = { 0 };
            env.r[0] = env.x[0] = a;
            env.r[1] = env.x[1] = b;
            tcg_qemu_tb_exec(&env, code);
            g_assert_cmphex(env.r[2], ==, 100 - a32);
            g_assert_cmphex(env.r[3], ==, (int32_t)a32 < 0 ? -a32 : a32);
            g_assert_cmphex(env.r[4], ==, (int32_t)a32 < (int32_t)b32 ? a32 : b32);
            g_assert_cmphex(env.r[5], ==, (int32_t)a32 > (int32_t)b32 ? a32 : b32);
            g_assert_cmphex(env.r[6], ==, MIN(a32, b32));
            g_assert_cmphex(env.r[7], ==, MAX(a32, b32));
            g_assert_cmphex(env.r[8], ==, (uint32_t)(((uint64_t)a32 * b32) >> 32));
            g_assert_cmphex(env.r[9], ==,
                            (uint32_t)((uint64_t)((int64_t)(int32_t)a32 * (int32_t)b32) >> 32));
            g_assert_cmpuint(env.r[10], ==, __builtin_popcount(a32));
            g_assert_cmphex(env.x[10], ==, ((uint64_t)b32 << 32) | a32);
            g_assert_cmphex(env.r[11], ==, a32);
            g_assert_cmphex(env.r[12], ==, (uint32_t)(a >> 32));
            g_assert_cmphex(env.x[2], ==, (uint64_t)-100 - a);
            g_assert_cmphex(env.x[3], ==, (int64_t)a < 0 ? -a : a);
            g_assert_cmphex(env.x[4], ==, (int64_t)a < (int64_t)b ? a : b);
            g_assert_cmphex(env.x[5], ==, (int64_t)a > (int64_t)b ? a : b);
            g_assert_cmphex(env.x[6], ==, MIN(a, b));
            g_assert_cmphex(env.x[7], ==, MAX(a, b));
            g_assert_cmphex(env.x[8], ==, (uint64_t)(((unsigned __int128)a * b) >> 64));
            g_assert_cmphex(env.x[9], ==,
                            (uint64_t)((unsigned __int128)((__int128)(int64_t)a * (int64_t)b)
                                       >> 64));
            g_assert_cmpuint(env.x[11], ==, __builtin_popcountll(a));
        }
    }
}

/* Barriers: x86 needs a fence only between a store and a later load. */
static void test_barriers(void)
{
    TCGTranslation t;
    char *text;
    size_t len;
    tt_setup();
    for (int k = 0; k < 2; k++) {
        tt_begin();
        tcg_gen_addi_i32(tt_r[0], tt_r[0], 1);
        tcg_gen_mb(k ? TCG_MO_ALL : TCG_MO_LD_LD | TCG_MO_LD_ST | TCG_MO_ST_ST);
        tcg_gen_addi_i32(tt_r[0], tt_r[0], 1);
        tcg_gen_exit_tb(NULL, 0);
        const void *code = tt_translate(&t);
        TestEnv env = { 0 };
        tcg_qemu_tb_exec(&env, code);
        g_assert_cmpuint(env.r[0], ==, 2);
        FILE *f = open_memstream(&text, &len);
        tcg_dump_host_code(f, code, t.code_size);
        fclose(f);
        g_assert_cmpint(strstr(text, "mfence") != NULL, ==, k);
        free(text);
    }
}

/* A word of the last insn_start can be changed after the fact. */
static void test_update_insn_start(void)
{
    TCGTranslation t;
    tt_setup();
    tt_begin();
    tcg_gen_insn_start2(0x100, 0);
    tcg_gen_addi_i32(tt_r[0], tt_r[0], 1);
    tcg_gen_insn_start2(0x104, 0);
    tcg_update_insn_start(1, 0xabcd);
    tcg_gen_call(&info_where, NULL, tcg_constant_i32(7));
    tcg_gen_exit_tb(NULL, 0);
    const void *code = tt_translate(&t);
    TestEnv env = { 0 };
    tcg_qemu_tb_exec(&env, code);
    uint64_t w[TCG_MAX_INSN_WORDS];
    g_assert(tcg_restore_state(code, t.restore_data, ret_addrs[7], w));
    g_assert_cmphex(w[0], ==, 0x104);
    g_assert_cmphex(w[1], ==, 0xabcd);
}

/* ---- env loads and stores ---- */

static void test_env_ldst(void)
{
    TCGTranslation t;
    tt_setup();
    intptr_t s0 = offsetof(TestEnv, scratch);
    tt_begin();
    tcg_gen_ld8u_i32(tt_r[0], tcg_env, s0 + 1);
    tcg_gen_ld8s_i32(tt_r[1], tcg_env, s0 + 1);
    tcg_gen_ld16u_i32(tt_r[2], tcg_env, s0 + 2);
    tcg_gen_ld16s_i32(tt_r[3], tcg_env, s0 + 2);
    tcg_gen_ld_i32(tt_r[4], tcg_env, s0 + 4);
    tcg_gen_ld8u_i64(tt_x[0], tcg_env, s0 + 1);
    tcg_gen_ld8s_i64(tt_x[1], tcg_env, s0 + 1);
    tcg_gen_ld16u_i64(tt_x[2], tcg_env, s0 + 2);
    tcg_gen_ld16s_i64(tt_x[3], tcg_env, s0 + 2);
    tcg_gen_ld32u_i64(tt_x[4], tcg_env, s0 + 4);
    tcg_gen_ld32s_i64(tt_x[5], tcg_env, s0 + 4);
    tcg_gen_ld_i64(tt_x[6], tcg_env, s0 + 8);
    /* Stores, through a pointer temp too. */
    TCGv_ptr p = tcg_temp_new_ptr();
    tcg_gen_addi_ptr(p, tcg_env, s0 + 16);
    tcg_gen_st8_i32(tt_r[5], p, 0);
    tcg_gen_st16_i32(tt_r[5], p, 2);
    tcg_gen_st_i32(tt_r[5], p, 4);
    tcg_gen_st8_i64(tt_x[7], tcg_env, s0 + 24);
    tcg_gen_st16_i64(tt_x[7], tcg_env, s0 + 26);
    tcg_gen_st32_i64(tt_x[7], tcg_env, s0 + 28);
    tcg_gen_st_i64(tt_x[7], tcg_env, s0 + 32);
    tcg_gen_st_i32(tcg_constant_i32(0x5a5a5a5a), tcg_env, s0 + 40);
    tcg_gen_st8_i32(tcg_constant_i32(0x77), tcg_env, s0 + 44);
    tcg_gen_st16_i32(tcg_constant_i32(0x6655), tcg_env, s0 + 46);
    tcg_gen_st_i64(tcg_constant_i64(-5), tcg_env, s0 + 48);
    tcg_gen_exit_tb(NULL, 0);
    const void *code = tt_translate(&t);

    TestEnv env = { 0 };
    uint8_t *b = (uint8_t *)env.scratch;
    memcpy(b, "\x11\x92\x34\x85\x78\x56\x34\xf2\xef\xcd\xab\x89\x67\x45\x23\x81", 16);
    env.r[5] = 0xa1b2c3d4;
    env.x[7] = 0x0102030405060708ull;
    tcg_qemu_tb_exec(&env, code);
    g_assert_cmphex(env.r[0], ==, 0x92);
    g_assert_cmphex(env.r[1], ==, 0xffffff92);
    g_assert_cmphex(env.r[2], ==, 0x8534);
    g_assert_cmphex(env.r[3], ==, 0xffff8534);
    g_assert_cmphex(env.r[4], ==, 0xf2345678);
    g_assert_cmphex(env.x[0], ==, 0x92);
    g_assert_cmphex(env.x[1], ==, 0xffffffffffffff92ull);
    g_assert_cmphex(env.x[2], ==, 0x8534);
    g_assert_cmphex(env.x[3], ==, 0xffffffffffff8534ull);
    g_assert_cmphex(env.x[4], ==, 0xf2345678);
    g_assert_cmphex(env.x[5], ==, 0xfffffffff2345678ull);
    g_assert_cmphex(env.x[6], ==, 0x8123456789abcdefull);
    g_assert_cmphex(b[16], ==, 0xd4);
    g_assert_cmphex(b[17], ==, 0);
    g_assert_cmphex(*(uint16_t *)(b + 18), ==, 0xc3d4);
    g_assert_cmphex(*(uint32_t *)(b + 20), ==, 0xa1b2c3d4);
    g_assert_cmphex(b[24], ==, 0x08);
    g_assert_cmphex(*(uint16_t *)(b + 26), ==, 0x0708);
    g_assert_cmphex(*(uint32_t *)(b + 28), ==, 0x05060708);
    g_assert_cmphex(env.scratch[4], ==, 0x0102030405060708ull);
    g_assert_cmphex(*(uint32_t *)(b + 40), ==, 0x5a5a5a5a);
    g_assert_cmphex(b[44], ==, 0x77);
    g_assert_cmphex(*(uint16_t *)(b + 46), ==, 0x6655);
    g_assert_cmphex(env.scratch[6], ==, (uint64_t)-5);
}

/* ---- control flow inside a block ---- */

static void test_loop(void)
{
    TCGTranslation t;
    tt_setup();
    /* sum = 0; for (i = n; i != 0; i--) sum += i;  with temps across labels */
    tt_begin();
    TCGv_i32 i = tcg_temp_new_i32();
    TCGv_i64 sum = tcg_temp_new_i64();
    TCGv_i64 wide = tcg_temp_new_i64();
    TCGLabel *top = gen_new_label(), *done = gen_new_label();
    tcg_gen_mov_i32(i, tt_r[0]);
    tcg_gen_movi_i64(sum, 0);
    gen_set_label(top);
    tcg_gen_brcondi_i32(TCG_COND_EQ, i, 0, done);
    tcg_gen_extu_i32_i64(wide, i);
    tcg_gen_add_i64(sum, sum, wide);
    tcg_gen_subi_i32(i, i, 1);
    tcg_gen_addi_i32(tt_r[1], tt_r[1], 1);
    tcg_gen_br(top);
    gen_set_label(done);
    tcg_gen_mov_i64(tt_x[0], sum);
    tcg_gen_exit_tb(NULL, 1);
    const void *code = tt_translate(&t);
    TestEnv env = { 0 };
    env.r[0] = 100000;
    g_assert_cmpuint(tcg_qemu_tb_exec(&env, code), ==, 1);
    g_assert_cmpuint(env.x[0], ==, 100000ull * 100001 / 2);
    g_assert_cmpuint(env.r[1], ==, 100000);
}

/* ---- register pressure ---- */

static void test_pressure(void)
{
    TCGTranslation t;
    tt_setup();
    enum { N = 40 };
    for (int opt = 0; opt < 2; opt++) {
        tcg_set_optimize(tt_ctx, opt);
        tt_begin();
        TCGv_i64 tmp[N];
        /* N live temps, each from all globals, then combined. */
        for (int k = 0; k < N; k++) {
            tmp[k] = tcg_temp_new_i64();
            tcg_gen_muli_i64(tmp[k], tt_x[k % 16], k + 3);
            tcg_gen_add_i64(tmp[k], tmp[k], tt_x[(k + 5) % 16]);
        }
        for (int k = 0; k < 16; k++) {
            tcg_gen_addi_i64(tt_x[k], tt_x[k], k);
            tcg_gen_addi_i32(tt_r[k], tt_r[k], k * 2);
        }
        for (int k = 0; k < N; k++) {
            tcg_gen_xor_i64(tt_x[k % 16], tt_x[k % 16], tmp[k]);
        }
        tcg_gen_exit_tb(NULL, 0);
        const void *code = tt_translate(&t);

        TestEnv env = { 0 }, ref;
        for (int k = 0; k < 16; k++) {
            env.x[k] = values[k] * 0x9e3779b97f4a7c15ull + k;
            env.r[k] = k * 1000;
        }
        ref = env;
        uint64_t tv[N];
        for (int k = 0; k < N; k++) {
            tv[k] = ref.x[k % 16] * (k + 3) + ref.x[(k + 5) % 16];
        }
        for (int k = 0; k < 16; k++) {
            ref.x[k] += k;
            ref.r[k] += k * 2;
        }
        for (int k = 0; k < N; k++) {
            ref.x[k % 16] ^= tv[k];
        }
        tcg_qemu_tb_exec(&env, code);
        for (int k = 0; k < 16; k++) {
            g_assert_cmphex(env.x[k], ==, ref.x[k]);
            g_assert_cmphex(env.r[k], ==, ref.r[k]);
        }
    }
    tcg_set_optimize(tt_ctx, true);
}

/* ---- helper calls ---- */

static TestEnv *seen_env;
static uint64_t seen_args[6];
static uint32_t seen_r0;

static uint64_t helper_six(uint64_t a, uint64_t b, uint64_t c, uint64_t d, uint64_t e,
                           uint64_t f)
{
    seen_args[0] = a;
    seen_args[1] = b;
    seen_args[2] = c;
    seen_args[3] = d;
    seen_args[4] = e;
    seen_args[5] = f;
    return a + 2 * b + 3 * c + 4 * d + 5 * e + 6 * f;
}

static uint32_t helper_read_r0(void *env)
{
    seen_env = env;
    seen_r0 = ((TestEnv *)env)->r[0];
    return seen_r0 + 1;
}

static void helper_write_r0(void *env, uint32_t v)
{
    ((TestEnv *)env)->r[0] = v;
}

static const TCGHelperInfo info_six = { (void *)helper_six, "six", TCG_CALL_NO_RWG_SE };
static const TCGHelperInfo info_read = { (void *)helper_read_r0, "read_r0",
                                         TCG_CALL_NO_WRITE_GLOBALS };
static const TCGHelperInfo info_read_norwg = { (void *)helper_read_r0, "read_r0_norwg",
                                               TCG_CALL_NO_RWG };
static const TCGHelperInfo info_write = { (void *)helper_write_r0, "write_r0", 0 };

static void test_helper_calls(void)
{
    TCGTranslation t;
    tt_setup();
    tt_begin();
    TCGv_i64 a = tcg_temp_new_i64();
    tcg_gen_addi_i64(a, tt_x[0], 1);
    tcg_gen_call(&info_six, tt_x[1], a, tt_x[2], tcg_constant_i64(-3), tt_x[3],
                 tcg_constant_i64(0x123456789), a);
    /* r0 changes in a register; a helper reading it must see the new value. */
    tcg_gen_addi_i32(tt_r[0], tt_r[0], 5);
    tcg_gen_call(&info_read, tt_r[1], tcg_env);
    /* After a helper writing r0, r0 must be reloaded. */
    tcg_gen_call2(&info_write, NULL, tcg_env, tcg_constant_i32(777));
    tcg_gen_addi_i32(tt_r[2], tt_r[0], 1);
    tcg_gen_exit_tb(NULL, 0);
    const void *code = tt_translate(&t);

    TestEnv env = { 0 };
    env.x[0] = 10;
    env.x[2] = 20;
    env.x[3] = 0xffffffff00000000ull;
    env.r[0] = 100;
    tcg_qemu_tb_exec(&env, code);
    g_assert_cmpuint(seen_args[0], ==, 11);
    g_assert_cmpuint(seen_args[1], ==, 20);
    g_assert_cmpuint(seen_args[2], ==, (uint64_t)-3);
    g_assert_cmphex(seen_args[3], ==, 0xffffffff00000000ull);
    g_assert_cmphex(seen_args[4], ==, 0x123456789ull);
    g_assert_cmpuint(seen_args[5], ==, 11);
    g_assert_cmphex(env.x[1], ==, 11 + 40 - 9 + 4 * 0xffffffff00000000ull + 5 * 0x123456789ull
                    + 66);
    g_assert(seen_env == &env);
    g_assert_cmpuint(seen_r0, ==, 105);
    g_assert_cmpuint(env.r[1], ==, 106);
    g_assert_cmpuint(env.r[0], ==, 777);
    g_assert_cmpuint(env.r[2], ==, 778);

    /* With NO_RWG the write-back is not forced: the helper sees memory. */
    tt_begin();
    tcg_gen_addi_i32(tt_r[0], tt_r[0], 5);
    tcg_gen_call1(&info_read_norwg, tt_r[1], tcg_env);
    tcg_gen_exit_tb(NULL, 0);
    code = tt_translate(&t);
    env.r[0] = 100;
    tcg_qemu_tb_exec(&env, code);
    g_assert_cmpuint(seen_r0, ==, 100);
    g_assert_cmpuint(env.r[0], ==, 105);

    /* A pure helper whose result is unused disappears. */
    tt_begin();
    tcg_gen_call6(&info_six, tt_x[5], tt_x[0], tt_x[0], tt_x[0], tt_x[0], tt_x[0], tt_x[0]);
    tcg_gen_movi_i64(tt_x[5], 1);
    tcg_gen_exit_tb(NULL, 0);
    memset(seen_args, 0, sizeof(seen_args));
    code = tt_translate(&t);
    env.x[0] = 99;
    tcg_qemu_tb_exec(&env, code);
    g_assert_cmpuint(seen_args[0], ==, 0);
    g_assert_cmpuint(env.x[5], ==, 1);
}

/* ---- block exits and chaining ---- */

static void test_exit_tb(void)
{
    TCGTranslation t;
    static uint64_t fake_tb[2] __attribute__((aligned(8)));
    tt_setup();
    for (unsigned idx = 0; idx < 4; idx++) {
        tt_begin();
        tcg_gen_exit_tb(&fake_tb[1], idx);
        const void *code = tt_translate(&t);
        TestEnv env = { 0 };
        g_assert_cmphex(tcg_qemu_tb_exec(&env, code), ==, (uintptr_t)&fake_tb[1] + idx);
    }
    tt_begin();
    tcg_gen_exit_tb(NULL, 0);
    TestEnv env = { 0 };
    g_assert_cmpuint(tcg_qemu_tb_exec(&env, tt_translate(&t)), ==, 0);
}

static void test_goto_tb(void)
{
    TCGTranslation t1, t2;
    tt_setup();
    /* Block 1: r0 += 1; goto_tb 0 / exit 1 */
    tt_begin();
    tcg_gen_addi_i32(tt_r[0], tt_r[0], 1);
    tcg_gen_goto_tb(0);
    tcg_gen_exit_tb(NULL, 1);
    const void *c1 = tt_translate(&t1);
    g_assert_cmpuint(t1.jmp_insn_offset[0], !=, TCG_NO_JUMP);
    g_assert_cmpuint(t1.jmp_insn_offset[1], ==, TCG_NO_JUMP);
    g_assert_cmpuint(((uintptr_t)c1 + t1.jmp_insn_offset[0]) % 4, ==, 0);
    /* Block 2: r0 *= 10; exit 2 */
    tt_begin();
    tcg_gen_muli_i32(tt_r[0], tt_r[0], 10);
    tcg_gen_exit_tb(NULL, 2);
    const void *c2 = tt_translate(&t2);

    TestEnv env = { 0 };
    env.r[0] = 4;
    g_assert_cmpuint(tcg_qemu_tb_exec(&env, c1), ==, 1);
    g_assert_cmpuint(env.r[0], ==, 5);

    tcg_patch_goto_tb(tt_buf, c1, t1.jmp_insn_offset[0], c2);
    g_assert_cmpuint(tcg_qemu_tb_exec(&env, c1), ==, 2);
    g_assert_cmpuint(env.r[0], ==, 60);

    tcg_patch_goto_tb(tt_buf, c1, t1.jmp_insn_offset[0],
                      (const uint8_t *)c1 + t1.jmp_reset_offset[0]);
    g_assert_cmpuint(tcg_qemu_tb_exec(&env, c1), ==, 1);
    g_assert_cmpuint(env.r[0], ==, 61);
}

static const void *lookup_target;
static int lookups;

static const void *helper_lookup(void *env)
{
    lookups++;
    return ((TestEnv *)env)->r[15] ? lookup_target : NULL;
}

static void test_lookup_and_goto_ptr(void)
{
    TCGTranslation t1, t2;
    tt_setup();
    tcg_set_lookup_helper(tt_ctx, helper_lookup);
    tt_begin();
    tcg_gen_addi_i32(tt_r[0], tt_r[0], 1);
    tcg_gen_lookup_and_goto_ptr();
    const void *c1 = tt_translate(&t1);
    tt_begin();
    tcg_gen_addi_i32(tt_r[0], tt_r[0], 100);
    tcg_gen_exit_tb(NULL, 3);
    lookup_target = tt_translate(&t2);

    TestEnv env = { 0 };
    env.r[15] = 1;
    g_assert_cmpuint(tcg_qemu_tb_exec(&env, c1), ==, 3);
    g_assert_cmpuint(env.r[0], ==, 101);
    env.r[15] = 0;
    g_assert_cmpuint(tcg_qemu_tb_exec(&env, c1), ==, 0);
    g_assert_cmpuint(env.r[0], ==, 102);
    g_assert_cmpint(lookups, ==, 2);
}

/* ---- restore data ---- */

static void helper_where(uint32_t n)
{
    ret_addrs[n] = (uintptr_t)__builtin_return_address(0);
}

static const TCGHelperInfo info_where = { (void *)helper_where, "where", TCG_CALL_NO_RWG };

static void test_restore_data(void)
{
    TCGTranslation t;
    tt_setup();
    tt_begin();
    for (unsigned n = 0; n < 6; n++) {
        tcg_gen_insn_start2(0x8000 + n * 4 - (n == 3 ? 100 : 0), n * 7);
        tcg_gen_addi_i32(tt_r[n], tt_r[n], n);
        if (n % 2 == 0) {
            tcg_gen_call1(&info_where, NULL, tcg_constant_i32(n));
        }
        tcg_gen_mul_i32(tt_r[6], tt_r[6], tt_r[n]);
    }
    tcg_gen_exit_tb(NULL, 0);
    const void *code = tt_translate(&t);
    g_assert_cmpuint(t.nb_insns, ==, 6);
    TestEnv env = { 0 };
    tcg_qemu_tb_exec(&env, code);
    for (unsigned n = 0; n < 6; n += 2) {
        uint64_t w[TCG_MAX_INSN_WORDS];
        g_assert(tcg_restore_state(code, t.restore_data, ret_addrs[n], w));
        g_assert_cmphex(w[0], ==, 0x8000 + n * 4 - (n == 3 ? 100 : 0));
        g_assert_cmpuint(w[1], ==, n * 7);
    }
    /* The first byte of the code belongs to insn 0; past the end: none. */
    uint64_t w[TCG_MAX_INSN_WORDS];
    g_assert(tcg_restore_state(code, t.restore_data, (uintptr_t)code + 1, w));
    g_assert_cmphex(w[0], ==, 0x8000);
    g_assert(!tcg_restore_state(code, t.restore_data, (uintptr_t)code, w));
    g_assert(!tcg_restore_state(code, t.restore_data,
                                (uintptr_t)code + t.code_size + 1, w));
}

/* ---- code buffer ---- */

static void test_buffer_full(void)
{
    Error *err = NULL;
    g_assert_null(tcg_code_buffer_new(1000, 0, &err));
    g_assert_nonnull(strstr(error_get_pretty(err), "code buffer size 1000"));
    error_free(err);

    TCGCodeBuffer *buf = tcg_code_buffer_new(2 * 4096, 4096, &error_abort);
    g_assert(tcg_code_buffer_is_dual_mapped(buf));
    TCGContext *s = tcg_context_new(buf);
    tcg_set_current(s);
    TCGv_i32 g = tcg_global_mem_new_i32(tcg_env, offsetof(TestEnv, r[0]), "r0");
    TCGTranslation t;
    int rc, n = 0;
    do {
        tcg_func_start(s);
        for (int k = 0; k < 20; k++) {
            tcg_gen_muli_i32(g, g, 3);
        }
        tcg_gen_exit_tb(NULL, 0);
        rc = tcg_gen_code(s, &t);
        n++;
        g_assert_cmpint(n, <, 1000);
    } while (rc == TCG_GEN_OK);
    g_assert_cmpint(rc, ==, TCG_GEN_BUFFER_FULL);
    g_assert_cmpint(n, >, 4);
    g_assert_cmpuint(tcg_code_buffer_used(buf), ==, 2 * 4096);

    tcg_code_buffer_reset(buf);
    g_assert_cmpint(tcg_gen_code(s, &t), ==, TCG_GEN_OK);
    TestEnv env = { 0 };
    env.r[0] = 1;
    tcg_qemu_tb_exec(&env, t.code);
    g_assert_cmpuint(env.r[0], ==, 3486784401u);

    /* A block larger than a region cannot be placed anywhere. */
    tcg_func_start(s);
    for (int k = 0; k < 2000; k++) {
        tcg_gen_muli_i32(g, g, 3);
    }
    tcg_gen_exit_tb(NULL, 0);
    g_assert_cmpint(tcg_gen_code(s, &t), ==, TCG_GEN_TOO_LARGE);

    tcg_context_free(s);
    tcg_code_buffer_free(buf);
    tcg_set_current(tt_ctx);
}

/*
 * Blocks ending in goto_tb fill a buffer: whichever byte the buffer ends on
 * (the jump is padded to an aligned displacement), generation reports
 * "full" instead of padding forever.
 */
static void test_buffer_full_goto_tb(void)
{
    for (int ops = 0; ops < 8; ops++) {
        TCGCodeBuffer *buf = tcg_code_buffer_new(2 * 4096, 4096, &error_abort);
        TCGContext *s = tcg_context_new(buf);
        tcg_set_current(s);
        TCGv_i32 g = tcg_global_mem_new_i32(tcg_env, offsetof(TestEnv, r[0]), "r0");
        TCGTranslation t;
        int rc, n = 0;

        do {
            tcg_func_start(s);
            /* Large enough to overrun a region's last 256+ bytes. */
            for (int k = 0; k < 40 + ops * 7 + (n % 5) * 11; k++) {
                tcg_gen_addi_i32(g, g, k + 1);
            }
            tcg_gen_goto_tb(0);
            tcg_gen_exit_tb(NULL, 1);
            rc = tcg_gen_code(s, &t);
            n++;
            g_assert_cmpint(n, <, 4000);
        } while (rc == TCG_GEN_OK);
        g_assert_cmpint(rc, ==, TCG_GEN_BUFFER_FULL);
        g_assert_cmpint(n, >, 2);
        tcg_context_free(s);
        tcg_code_buffer_free(buf);
    }
    tcg_set_current(tt_ctx);
}

/* More temps alive across a label than the frame has slots. */
static void test_frame_overflow(void)
{
    TCGTranslation t;
    enum { N = TCG_MAX_TEMPS_TEST };
    TCGv_i32 tmp[N];
    tt_setup();
    tt_begin();
    TCGLabel *l = gen_new_label();
    for (int k = 0; k < N; k++) {
        tmp[k] = tcg_temp_new_i32();
        tcg_gen_addi_i32(tmp[k], tt_r[0], k);
    }
    gen_set_label(l);
    for (int k = 0; k < N; k++) {
        tcg_gen_add_i32(tt_r[1], tt_r[1], tmp[k]);
    }
    tcg_gen_exit_tb(NULL, 0);
    g_assert_false(tcg_translation_full());
    g_assert_cmpint(tcg_gen_code(tt_ctx, &t), ==, TCG_GEN_TOO_LARGE);

    /* A front end asks between instructions whether to stop. */
    tt_begin();
    int insns = 0;
    while (!tcg_translation_full()) {
        TCGv_i32 x = tcg_temp_new_i32();
        tcg_gen_addi_i32(x, tt_r[0], insns++);
        tcg_gen_add_i32(tt_r[1], tt_r[1], x);
    }
    g_assert_cmpint(insns, >, 1000);
    tcg_gen_exit_tb(NULL, 0);
    const void *big = tt_translate(&t);
    TestEnv benv = { 0 };
    tcg_qemu_tb_exec(&benv, big);
    g_assert_cmpuint(benv.r[1], ==, (uint32_t)((uint64_t)insns * (insns - 1) / 2));

    /* The same with fewer temps works, and the context is still usable. */
    tt_begin();
    l = gen_new_label();
    for (int k = 0; k < 100; k++) {
        tmp[k] = tcg_temp_new_i32();
        tcg_gen_addi_i32(tmp[k], tt_r[0], k);
    }
    gen_set_label(l);
    for (int k = 0; k < 100; k++) {
        tcg_gen_add_i32(tt_r[1], tt_r[1], tmp[k]);
    }
    tcg_gen_exit_tb(NULL, 0);
    const void *code = tt_translate(&t);
    TestEnv env = { 0 };
    env.r[0] = 1000;
    tcg_qemu_tb_exec(&env, code);
    g_assert_cmpuint(env.r[1], ==, 100 * 1000 + 99 * 100 / 2);
}

/* -d op, op_opt, out_asm */
static void test_logging(void)
{
    TCGTranslation t;
    char *path = NULL, *text = NULL;
    int fd = g_file_open_tmp("tcg-log-XXXXXX", &path, NULL);
    g_assert_cmpint(fd, >=, 0);
    close(fd);
    tt_setup();
    g_assert(qemu_set_log_filename(path, &error_abort));
    qemu_set_log(CPU_LOG_TB_OP | CPU_LOG_TB_OP_OPT | CPU_LOG_TB_OUT_ASM);
    tt_begin();
    tcg_gen_insn_start2(0xabc0, 0);
    tcg_gen_addi_i32(tt_r[3], tt_r[3], 0);
    tcg_gen_muli_i32(tt_r[4], tt_r[4], 3);
    tcg_gen_exit_tb(NULL, 0);
    tt_translate(&t);
    qemu_set_log(0);
    qemu_log_close();
    g_assert(g_file_get_contents(path, &text, NULL, NULL));
    g_assert_nonnull(strstr(text, "OP:\n"));
    g_assert_nonnull(strstr(text, "add_i32 r3,r3,$0x0"));
    g_assert_nonnull(strstr(text, "OP after optimization"));
    g_assert_nonnull(strstr(text, "mul_i32 r4,r4,$0x3"));
    g_assert_nonnull(strstr(text, "OUT: [size="));
    g_assert_nonnull(strstr(text, "imul"));
    /* x + 0 is gone after optimization. */
    g_assert_null(strstr(strstr(text, "OP after optimization"), "add_i32"));
    unlink(path);
    g_free(path);
    g_free(text);
}

/* Two threads, each with its own current context, sharing a code buffer. */
typedef struct ThreadJob {
    TCGCodeBuffer *buf;
    uint32_t mult;
    bool ok;
} ThreadJob;

static gpointer translate_thread(gpointer opaque)
{
    ThreadJob *job = opaque;
    TCGContext *s = tcg_context_new(job->buf);
    tcg_set_current(s);
    tcg_set_insn_start_words(s, 3);
    TCGv_i32 r0 = tcg_global_mem_new_i32(tcg_env, offsetof(TestEnv, r[0]), "r0");
    job->ok = true;
    for (uint32_t i = 0; i < 300; i++) {
        TCGTranslation t;
        tcg_func_start(s);
        tcg_gen_insn_start3(i, job->mult, ~(uint64_t)i);
        tcg_gen_muli_i32(r0, r0, job->mult);
        tcg_gen_addi_i32(r0, r0, i);
        tcg_gen_call(&info_where, NULL, tcg_constant_i32(job->mult & 7));
        tcg_gen_exit_tb(NULL, 0);
        if (tcg_gen_code(s, &t) != TCG_GEN_OK) {
            job->ok = false;
            break;
        }
        TestEnv env = { 0 };
        env.r[0] = 7;
        tcg_qemu_tb_exec(&env, t.code);
        uint64_t w[TCG_MAX_INSN_WORDS];
        if (env.r[0] != 7 * job->mult + i ||
            !tcg_restore_state(t.code, t.restore_data, ret_addrs[job->mult & 7], w) ||
            w[0] != i || w[1] != job->mult || w[2] != ~(uint64_t)i) {
            job->ok = false;
            break;
        }
    }
    tcg_context_free(s);
    return NULL;
}

static void test_threads(void)
{
    TCGCodeBuffer *buf = tcg_code_buffer_new(8 * MiB, 64 * KiB, &error_abort);
    ThreadJob jobs[2] = { { buf, 3, false }, { buf, 5, false } };
    GThread *th[2];
    for (int i = 0; i < 2; i++) {
        th[i] = g_thread_new("tcg-test", translate_thread, &jobs[i]);
    }
    for (int i = 0; i < 2; i++) {
        g_thread_join(th[i]);
        g_assert_true(jobs[i].ok);
    }
    /* Each thread took its own regions. */
    g_assert_cmpuint(tcg_code_buffer_used(buf), >=, 2 * 64 * KiB);
    tcg_code_buffer_free(buf);
}

static void test_config_errors(void)
{
    Error *err = NULL;
    tt_setup();
    g_assert_false(tcg_set_tlb_params(tt_ctx, 0, 2, 8, &err));
    g_assert_cmpstr(error_get_pretty(err), ==, "tcg: TLB page bits 8 out of range [10, 30]");
    error_free(err);
    err = NULL;
    g_assert_false(tcg_set_tlb_params(tt_ctx, 0, 17, 12, &err));
    g_assert_cmpstr(error_get_pretty(err), ==,
                    "tcg: number of MMU modes 17 out of range [1, 16]");
    error_free(err);
    err = NULL;
    g_assert_false(tcg_set_tlb_params(tt_ctx, -8, 2, 12, &err));
    g_assert_cmpstr(error_get_pretty(err), ==, "tcg: TLB offset -8 out of range");
    error_free(err);
}

/* ---- optimizer ---- */

static void test_optimizer_counts(void)
{
    TCGTranslation t;
    tt_setup();
    unsigned counts[2];
    for (int opt = 0; opt < 2; opt++) {
        tcg_set_optimize(tt_ctx, opt);
        tt_begin();
        TCGv_i32 a = tcg_temp_new_i32(), b = tcg_temp_new_i32(), c = tcg_temp_new_i32();
        TCGLabel *l = gen_new_label();
        tcg_gen_movi_i32(a, 6);
        tcg_gen_muli_i32(b, a, 7);          /* 42 */
        tcg_gen_addi_i32(b, b, 0);          /* x + 0 */
        tcg_gen_mov_i32(c, tt_r[1]);        /* copy */
        tcg_gen_muli_i32(c, c, 1);          /* x * 1 */
        tcg_gen_andi_i32(c, c, -1);         /* x & ~0 */
        tcg_gen_ori_i32(tt_r[3], c, -1);    /* x | ~0 = ~0 */
        tcg_gen_andi_i32(tt_r[4], tt_r[1], 0);
        tcg_gen_xor_i32(tt_r[5], tt_r[1], tt_r[1]);
        tcg_gen_add_i32(tt_r[0], b, c);
        tcg_gen_brcondi_i32(TCG_COND_NE, a, 6, l);  /* never taken */
        tcg_gen_setcondi_i32(TCG_COND_GTU, tt_r[2], b, 41);
        gen_set_label(l);
        tcg_gen_exit_tb(NULL, 0);
        const void *code = tt_translate(&t);
        counts[opt] = tcg_op_count(tt_ctx);
        TestEnv env = { 0 };
        env.r[1] = 1000;
        env.r[4] = env.r[5] = 9;
        tcg_qemu_tb_exec(&env, code);
        g_assert_cmpuint(env.r[0], ==, 1042);
        g_assert_cmpuint(env.r[2], ==, 1);
        g_assert_cmphex(env.r[3], ==, 0xffffffff);
        g_assert_cmpuint(env.r[4], ==, 0);
        g_assert_cmpuint(env.r[5], ==, 0);
    }
    g_test_message("ops: %u without optimizer, %u with", counts[0], counts[1]);
    /* Folding leaves: r3=-1, r4=0, r5=0, r0=42+r1, r2=1, label, exit. */
    g_assert_cmpuint(counts[1], <=, 7);
    g_assert_cmpuint(counts[1] + 5, <, counts[0]);
    tcg_set_optimize(tt_ctx, true);
}

static void test_dump(void)
{
    TCGTranslation t;
    char *text;
    size_t len;
    tt_setup();
    tt_begin();
    tcg_gen_insn_start2(0x1234, 0);
    tcg_gen_add_i32(tt_r[0], tt_r[0], tt_r[1]);
    tcg_gen_exit_tb(NULL, 0);
    FILE *f = open_memstream(&text, &len);
    tcg_dump_ops(tt_ctx, f);
    fclose(f);
    g_assert_nonnull(strstr(text, "add_i32 r0,r0,r1"));
    g_assert_nonnull(strstr(text, "0000000000001234"));
    free(text);
    const void *code = tt_translate(&t);
    f = open_memstream(&text, &len);
    tcg_dump_host_code(f, code, t.code_size);
    fclose(f);
    g_assert_nonnull(strstr(text, "add"));
    g_assert_nonnull(strstr(text, "ret"));
    free(text);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_data_func("/tcg/binops/i32", GUINT_TO_POINTER(32), test_binops);
    g_test_add_data_func("/tcg/binops/i64", GUINT_TO_POINTER(64), test_binops);
    g_test_add_data_func("/tcg/binops-folded/i32", GUINT_TO_POINTER(32), test_binops_folded);
    g_test_add_data_func("/tcg/binops-folded/i64", GUINT_TO_POINTER(64), test_binops_folded);
    g_test_add_func("/tcg/unops", test_unops);
    g_test_add_func("/tcg/conditions", test_conditions);
    g_test_add_func("/tcg/add2-sub2", test_add2_sub2);
    g_test_add_func("/tcg/mul2", test_mul2);
    g_test_add_func("/tcg/extract-deposit", test_extract_deposit);
    g_test_add_func("/tcg/width-conversions", test_width_conversions);
    g_test_add_func("/tcg/env-ldst", test_env_ldst);
    g_test_add_func("/tcg/compound", test_compound);
    g_test_add_func("/tcg/barriers", test_barriers);
    g_test_add_func("/tcg/update-insn-start", test_update_insn_start);
    g_test_add_func("/tcg/loop", test_loop);
    g_test_add_func("/tcg/pressure", test_pressure);
    g_test_add_func("/tcg/helper-calls", test_helper_calls);
    g_test_add_func("/tcg/exit-tb", test_exit_tb);
    g_test_add_func("/tcg/goto-tb", test_goto_tb);
    g_test_add_func("/tcg/buffer-full-goto-tb", test_buffer_full_goto_tb);
    g_test_add_func("/tcg/lookup-and-goto-ptr", test_lookup_and_goto_ptr);
    g_test_add_func("/tcg/restore-data", test_restore_data);
    g_test_add_func("/tcg/buffer-full", test_buffer_full);
    g_test_add_func("/tcg/config-errors", test_config_errors);
    g_test_add_func("/tcg/frame-overflow", test_frame_overflow);
    g_test_add_func("/tcg/logging", test_logging);
    g_test_add_func("/tcg/threads", test_threads);
    g_test_add_func("/tcg/optimizer-counts", test_optimizer_counts);
    g_test_add_func("/tcg/dump", test_dump);
    int rc = g_test_run();
    tcg_context_free(tt_ctx);
    tcg_code_buffer_free(tt_buf);
    return rc;
}
