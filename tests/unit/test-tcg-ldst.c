/*
 * Guest memory ops through a fake softmmu TLB: the inline fast path on a
 * hit (no helper called), the slow path on a miss, a flagged entry,
 * misalignment or a page crossing (helper called with the right address,
 * MemOpIdx and a return address that maps back to the guest instruction),
 * both byte orders, all sizes, sign extension, 32- and 64-bit addresses.
 */
#include "tcgtest.h"

#define PAGE_BITS 12
#define PAGE_SIZE (1u << PAGE_BITS)
#define NB_PAGES 4
#define TLB_ENTRIES 64

static uint8_t *ram;            /* NB_PAGES guest pages */
static uint64_t guest_base;     /* guest address of ram[0] */
static CPUTLBEntry tables[2][TLB_ENTRIES];

typedef struct SlowCall {
    bool is_st;
    uint64_t addr;
    uint64_t val;
    MemOpIdx oi;
    uintptr_t retaddr;
} SlowCall;

static SlowCall calls[16];
static unsigned nb_calls;

static uint8_t *guest_ptr(uint64_t addr, unsigned size)
{
    g_assert_cmphex(addr, >=, guest_base);
    g_assert_cmphex(addr + size, <=, guest_base + NB_PAGES * PAGE_SIZE);
    return ram + (addr - guest_base);
}

/* Reference access semantics, used by the slow path and the checks. */
static uint64_t ref_load(uint64_t addr, MemOp mop)
{
    unsigned size = memop_size(mop);
    uint8_t *p = guest_ptr(addr, size);
    uint64_t v = 0;
    for (unsigned i = 0; i < size; i++) {
        unsigned k = (mop & MO_BSWAP) ? i : size - 1 - i;
        v = (v << 8) | p[k];
    }
    if ((mop & MO_SIGN) && size < 8) {
        unsigned sh = 64 - 8 * size;
        v = (uint64_t)((int64_t)(v << sh) >> sh);
    }
    return v;
}

static void ref_store(uint64_t addr, uint64_t v, MemOp mop)
{
    unsigned size = memop_size(mop);
    uint8_t *p = guest_ptr(addr, size);
    for (unsigned i = 0; i < size; i++) {
        unsigned k = (mop & MO_BSWAP) ? size - 1 - i : i;
        p[k] = v >> (8 * i);
    }
}

static uint64_t slow_ld(void *env, uint64_t addr, MemOpIdx oi, uintptr_t retaddr)
{
    g_assert_cmpuint(nb_calls, <, ARRAY_SIZE(calls));
    calls[nb_calls++] = (SlowCall){ false, addr, 0, oi, retaddr };
    return ref_load(addr, get_memop(oi));
}

static void slow_st(void *env, uint64_t addr, uint64_t val, MemOpIdx oi, uintptr_t retaddr)
{
    g_assert_cmpuint(nb_calls, <, ARRAY_SIZE(calls));
    calls[nb_calls++] = (SlowCall){ true, addr, val, oi, retaddr };
    ref_store(addr, val, get_memop(oi));
}

static void tlb_fill_all(TestEnv *env, uint64_t flags)
{
    memset(tables, 0xff, sizeof(tables));   /* invalid tags */
    for (int m = 0; m < 2; m++) {
        env->tlb[m].mask = (TLB_ENTRIES - 1) << CPU_TLB_ENTRY_BITS;
        env->tlb[m].table = tables[m];
        for (unsigned pg = 0; pg < NB_PAGES; pg++) {
            uint64_t va = guest_base + pg * PAGE_SIZE;
            CPUTLBEntry *e = &tables[m][(va >> PAGE_BITS) & (TLB_ENTRIES - 1)];
            e->addr_read = va | flags;
            e->addr_write = va | flags;
            e->addr_code = va;
            e->addend = (uintptr_t)ram - guest_base;
        }
    }
}

/* A context per address width: the width is a per-context setting. */
static TCGContext *ctx[2];
static TCGv_i32 a32;            /* address global in 32-bit mode: r[0] */
static TCGv_i64 a64;            /* address global in 64-bit mode: x[0] */
static TCGv_i32 v32[2];
static TCGv_i64 v64[2];

static void setup_ctx(int k)
{
    if (ctx[k]) {
        tcg_set_current(ctx[k]);
        return;
    }
    tt_setup();
    ctx[k] = tcg_context_new(tt_buf);
    tcg_set_current(ctx[k]);
    tcg_set_guest_addr_bits(ctx[k], k ? 64 : 32);
    tcg_set_insn_start_words(ctx[k], 1);
    g_assert(tcg_set_tlb_params(ctx[k], offsetof(TestEnv, tlb), 2, PAGE_BITS, &error_abort));
    tcg_set_softmmu_helpers(ctx[k], slow_ld, slow_st);
    if (k) {
        a64 = tcg_global_mem_new_i64(tcg_env, offsetof(TestEnv, x[0]), "addr");
    } else {
        a32 = tcg_global_mem_new_i32(tcg_env, offsetof(TestEnv, r[0]), "addr");
    }
    v32[k] = tcg_global_mem_new_i32(tcg_env, offsetof(TestEnv, r[1]), "v32");
    v64[k] = tcg_global_mem_new_i64(tcg_env, offsetof(TestEnv, x[1]), "v64");
}

static void fill_ram(void)
{
    for (unsigned i = 0; i < NB_PAGES * PAGE_SIZE; i++) {
        ram[i] = (i * 37 + 0x85) ^ (i >> 8);
    }
}

static const MemOp sizes_signs[] = {
    MO_UB, MO_SB, MO_UW, MO_SW, MO_UL, MO_SL, MO_UQ,
};

/* Loads at ADDR with every MemOp; HIT says whether the helper may run. */
static void check_loads(int k, uint64_t addr, uint64_t tlb_flags, bool expect_slow,
                        MemOp extra)
{
    TCGTranslation t;
    for (size_t i = 0; i < ARRAY_SIZE(sizes_signs); i++) {
        for (int be = 0; be < 2; be++) {
            for (int wide = 0; wide < 2; wide++) {
                MemOp mop = sizes_signs[i] | (be ? MO_BE : MO_LE) | extra;
                if (!wide && (mop & MO_SIZE) == MO_64) {
                    continue;
                }
                for (int mmu = 0; mmu < 2; mmu++) {
                    setup_ctx(k);
                    tcg_func_start(ctx[k]);
                    tcg_gen_insn_start(0x4000 + i);
                    if (wide) {
                        if (k) {
                            tcg_gen_qemu_ld_i64(v64[k], a64, mmu, mop);
                        } else {
                            tcg_gen_qemu_ld_i64(v64[k], a32, mmu, mop);
                        }
                    } else {
                        if (k) {
                            tcg_gen_qemu_ld_i32(v32[k], a64, mmu, mop);
                        } else {
                            tcg_gen_qemu_ld_i32(v32[k], a32, mmu, mop);
                        }
                    }
                    tcg_gen_exit_tb(NULL, 0);
                    int rc = tcg_gen_code(ctx[k], &t);
                    g_assert_cmpint(rc, ==, TCG_GEN_OK);

                    TestEnv env = { 0 };
                    tlb_fill_all(&env, tlb_flags);
                    if (mmu == 1 && !expect_slow) {
                        /* mmu 0's table is invalid: only idx 1 may be used */
                        memset(tables[0], 0xff, sizeof(tables[0]));
                    }
                    env.r[0] = addr;
                    env.x[0] = addr;
                    env.r[1] = 0xdeadbeef;
                    env.x[1] = 0xdeadbeefdeadbeefull;
                    nb_calls = 0;
                    tcg_qemu_tb_exec(&env, t.code);
                    uint64_t want = ref_load(addr, mop);
                    if (wide) {
                        g_assert_cmphex(env.x[1], ==, want);
                    } else {
                        g_assert_cmphex(env.r[1], ==, (uint32_t)want);
                    }
                    g_assert_cmpuint(nb_calls, ==, expect_slow ? 1 : 0);
                    if (expect_slow) {
                        uint64_t w[TCG_MAX_INSN_WORDS];
                        g_assert_false(calls[0].is_st);
                        g_assert_cmphex(calls[0].addr, ==, addr);
                        g_assert_cmpuint(get_mmuidx(calls[0].oi), ==, mmu);
                        MemOp got = get_memop(calls[0].oi);
                        g_assert_cmpuint(got & MO_SIZE, ==, mop & MO_SIZE);
                        if ((mop & MO_SIZE) != MO_8) {
                            g_assert_cmpuint(got & MO_BSWAP, ==, mop & MO_BSWAP);
                        }
                        g_assert(tcg_restore_state(t.code, t.restore_data, calls[0].retaddr,
                                                   w));
                        g_assert_cmphex(w[0], ==, 0x4000 + i);
                    }
                }
            }
        }
    }
}

static void check_stores(int k, uint64_t addr, uint64_t tlb_flags, bool expect_slow,
                         MemOp extra)
{
    static const MemOp st_sizes[] = { MO_8, MO_16, MO_32, MO_64 };
    TCGTranslation t;
    for (size_t i = 0; i < ARRAY_SIZE(st_sizes); i++) {
        for (int be = 0; be < 2; be++) {
            for (int wide = 0; wide < 2; wide++) {
                MemOp mop = st_sizes[i] | (be ? MO_BE : MO_LE) | extra;
                if (!wide && st_sizes[i] == MO_64) {
                    continue;
                }
                setup_ctx(k);
                tcg_func_start(ctx[k]);
                tcg_gen_insn_start(0x5000 + i);
                if (wide) {
                    if (k) {
                        tcg_gen_qemu_st_i64(v64[k], a64, 1, mop);
                    } else {
                        tcg_gen_qemu_st_i64(v64[k], a32, 1, mop);
                    }
                } else {
                    if (k) {
                        tcg_gen_qemu_st_i32(v32[k], a64, 1, mop);
                    } else {
                        tcg_gen_qemu_st_i32(v32[k], a32, 1, mop);
                    }
                }
                tcg_gen_exit_tb(NULL, 0);
                g_assert_cmpint(tcg_gen_code(ctx[k], &t), ==, TCG_GEN_OK);

                fill_ram();
                TestEnv env = { 0 };
                tlb_fill_all(&env, tlb_flags);
                env.r[0] = addr;
                env.x[0] = addr;
                env.r[1] = 0x89abcdef;
                env.x[1] = 0x0123456789abcdefull;
                uint64_t val = wide ? env.x[1] : env.r[1];
                nb_calls = 0;
                tcg_qemu_tb_exec(&env, t.code);
                g_assert_cmpuint(nb_calls, ==, expect_slow ? 1 : 0);
                /* Read back with the same byte order: the value's low bytes. */
                uint64_t m = st_sizes[i] == MO_64 ? ~0ull
                             : (1ull << (8 * memop_size(st_sizes[i]))) - 1;
                g_assert_cmphex(ref_load(addr, st_sizes[i] | (be ? MO_BE : MO_LE)), ==,
                                val & m);
                /* Neighbouring bytes untouched. */
                uint8_t *p = guest_ptr(addr, 1);
                unsigned off = p - ram;
                g_assert_cmphex(p[-1], ==, (uint8_t)(((off - 1) * 37 + 0x85) ^ ((off - 1) >> 8)));
                unsigned e = off + memop_size(st_sizes[i]);
                g_assert_cmphex(ram[e], ==, (uint8_t)((e * 37 + 0x85) ^ (e >> 8)));
                if (expect_slow) {
                    uint64_t w[TCG_MAX_INSN_WORDS];
                    g_assert_true(calls[0].is_st);
                    g_assert_cmphex(calls[0].addr, ==, addr);
                    g_assert_cmphex(calls[0].val & m, ==, val & m);
                    g_assert_cmpuint(get_mmuidx(calls[0].oi), ==, 1);
                    g_assert(tcg_restore_state(t.code, t.restore_data, calls[0].retaddr, w));
                    g_assert_cmphex(w[0], ==, 0x5000 + i);
                }
            }
        }
    }
}

static void test_ldst(gconstpointer data)
{
    int k = GPOINTER_TO_INT(data);
    guest_base = k ? 0x7654300000ull : 0x80010000ull;
    fill_ram();
    uint64_t in_page = guest_base + PAGE_SIZE + 0x40;

    /* Hits: no helper. */
    check_loads(k, in_page, 0, false, 0);
    check_stores(k, in_page, 0, false, 0);
    /* Misaligned but allowed, inside a page: still the fast path. */
    check_loads(k, in_page + 1, 0, false, 0);
    check_stores(k, in_page + 3, 0, false, 0);
    /* A flagged entry (MMIO): slow path. */
    check_loads(k, in_page, TLB_MMIO, true, 0);
    check_stores(k, in_page, TLB_MMIO, true, 0);
    /* An invalid entry: slow path. */
    check_loads(k, in_page, TLB_INVALID_MASK, true, 0);
}

/* Alignment-checking MemOps and page crossings take the slow path. */
static void test_ldst_align(gconstpointer data)
{
    int k = GPOINTER_TO_INT(data);
    TCGTranslation t;
    guest_base = k ? 0x7654300000ull : 0x80010000ull;
    fill_ram();
    static const struct {
        uint64_t offset;
        MemOp mop;
        bool slow;
    } cases[] = {
        { 0x40, MO_UL | MO_ALIGN, false },
        { 0x42, MO_UL | MO_ALIGN, true },
        { 0x42, MO_UL | MO_ALIGN_2, false },
        { 0x41, MO_UW | MO_ALIGN_2, true },
        { 0x44, MO_UQ | MO_ALIGN, true },
        { 0x48, MO_UQ | MO_ALIGN, false },
        { 0x41, MO_UB | MO_ALIGN, false },
        { PAGE_SIZE - 2, MO_UL, true },       /* crosses into the next page */
        { PAGE_SIZE - 4, MO_UL, false },
        { PAGE_SIZE - 1, MO_UB, false },
        { PAGE_SIZE - 1, MO_UW | MO_BE, true },
        { PAGE_SIZE - 8, MO_UQ | MO_BE, false },
        { PAGE_SIZE - 7, MO_UQ, true },
    };
    for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
        uint64_t addr = guest_base + PAGE_SIZE + cases[i].offset;
        setup_ctx(k);
        tcg_func_start(ctx[k]);
        if (k) {
            tcg_gen_qemu_ld_i64(v64[k], a64, 0, cases[i].mop);
        } else {
            tcg_gen_qemu_ld_i64(v64[k], a32, 0, cases[i].mop);
        }
        tcg_gen_exit_tb(NULL, 0);
        g_assert_cmpint(tcg_gen_code(ctx[k], &t), ==, TCG_GEN_OK);
        TestEnv env = { 0 };
        tlb_fill_all(&env, 0);
        env.r[0] = addr;
        env.x[0] = addr;
        nb_calls = 0;
        tcg_qemu_tb_exec(&env, t.code);
        if (nb_calls != (cases[i].slow ? 1u : 0u)) {
            g_error("case %zu: offset %#" PRIx64 " mop %#x: %u slow calls", i, cases[i].offset,
                    cases[i].mop, nb_calls);
        }
        g_assert_cmphex(env.x[1], ==, ref_load(addr, cases[i].mop));
        if (cases[i].slow) {
            g_assert_cmpuint(memop_alignment_bits(get_memop(calls[0].oi)), ==,
                             memop_alignment_bits(cases[i].mop));
        }
    }
}

/* A 32-bit guest address wraps: upper bits of the host register never leak. */
static void test_ldst_addr32_arith(void)
{
    TCGTranslation t;
    guest_base = 0x80010000ull;
    fill_ram();
    setup_ctx(0);
    tcg_func_start(ctx[0]);
    TCGv_i32 addr = tcg_temp_new_i32();
    /* addr = r0 + 0xfffffff0 wraps to r0 - 16 */
    tcg_gen_addi_i32(addr, a32, (int32_t)0xfffffff0);
    tcg_gen_qemu_ld_i32(v32[0], addr, 0, MO_LEUL);
    tcg_gen_addi_i32(addr, addr, 4);
    tcg_gen_qemu_st_i32(v32[0], addr, 0, MO_BEUL);
    tcg_gen_exit_tb(NULL, 0);
    g_assert_cmpint(tcg_gen_code(ctx[0], &t), ==, TCG_GEN_OK);
    TestEnv env = { 0 };
    tlb_fill_all(&env, 0);
    uint64_t base = guest_base + 0x100;
    env.r[0] = base + 16;
    nb_calls = 0;
    tcg_qemu_tb_exec(&env, t.code);
    g_assert_cmpuint(nb_calls, ==, 0);
    g_assert_cmphex(env.r[1], ==, (uint32_t)ref_load(base, MO_LEUL));
    g_assert_cmphex(ref_load(base + 4, MO_BEUL), ==, env.r[1]);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    ram = g_malloc(NB_PAGES * PAGE_SIZE);
    g_test_add_data_func("/tcg/ldst/addr32", GINT_TO_POINTER(0), test_ldst);
    g_test_add_data_func("/tcg/ldst/addr64", GINT_TO_POINTER(1), test_ldst);
    g_test_add_data_func("/tcg/ldst-align/addr32", GINT_TO_POINTER(0), test_ldst_align);
    g_test_add_data_func("/tcg/ldst-align/addr64", GINT_TO_POINTER(1), test_ldst_align);
    g_test_add_func("/tcg/ldst/addr32-wrap", test_ldst_addr32_arith);
    int rc = g_test_run();
    tcg_context_free(ctx[0]);
    tcg_context_free(ctx[1]);
    tcg_context_free(tt_ctx);
    tcg_code_buffer_free(tt_buf);
    g_free(ram);
    return rc;
}
