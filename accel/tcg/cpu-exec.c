/*
 * The execution loop and the translation-block cache.
 *
 * Blocks are keyed by (pc, flags, ram address of the code page). A
 * per-vCPU jump cache indexed by pc sits in front of a global hash table.
 * A block belongs to its code page, and also to the next page when its
 * last instruction runs into it (a T32 instruction across the boundary);
 * a per-page list lets a write to either page (code-write notifier) drop
 * it. Chained jumps into a dropped block are reset first.
 *
 * Threading: one vCPU thread translates and runs all vCPUs (system/cpus.c),
 * so the cache needs no lock. The code-write notifier also runs in the
 * main thread (loader, DMA) while the vCPU thread is paused or outside
 * generated code... except for DMA into code while running, which a
 * multi-threaded design must revisit (docs/devel/translator-loop.md).
 */
#include "qemu/osdep.h"
#include <sys/resource.h>
#include "exec/exec-all.h"
#include "exec/ram_addr.h"
#include "exec/memory.h"
#include "tcg/tcg.h"
#include "qemu/log.h"
#include "system/icount.h"

#define CODE_BUFFER_SIZE (64 * MiB)

static size_t code_buffer_size = CODE_BUFFER_SIZE;
static TCGCodeBuffer *code_buf;
static __thread TCGContext *thread_ctx;
static GHashTable *tb_htable;       /* TranslationBlock * (key and value) */
static GHashTable *tb_pages;        /* ram page number -> PageTBs */
static TBStats stats;

/* The blocks of one code page and the span of page offsets they cover. */
typedef struct PageTBs {
    uint64_t page;              /* the key */
    GSList *tbs;
    uint32_t lo, hi;            /* [lo, hi): a superset of the blocks' code */
} PageTBs;

static void page_tbs_free(gpointer p)
{
    PageTBs *pd = p;

    g_slist_free(pd->tbs);
    g_free(pd);
}
static GTree *tb_by_code;           /* TBs by host code, for cpu_restore_state */
static GPtrArray *tb_all;           /* every TB since the last flush (owned) */

static guint tb_hash(gconstpointer p)
{
    const TranslationBlock *tb = p;
    uint64_t h = tb->pc * 0x9e3779b97f4a7c15ull ^ tb->flags ^ (tb->page_addr << 7) ^
                 ((uint64_t)tb->insn_limit << 40);

    return (guint)(h ^ (h >> 32));
}

static gboolean tb_equal(gconstpointer a, gconstpointer b)
{
    const TranslationBlock *x = a, *y = b;

    return x->pc == y->pc && x->flags == y->flags && x->page_addr == y->page_addr &&
           x->insn_limit == y->insn_limit;
}

/* tb_by_code is keyed by the TB itself, ordered by host code address. */
static gint code_cmp(gconstpointer a, gconstpointer b, gpointer unused)
{
    uintptr_t x = (uintptr_t)((const TranslationBlock *)a)->tc_ptr;
    uintptr_t y = (uintptr_t)((const TranslationBlock *)b)->tc_ptr;

    return x < y ? -1 : x > y;
}

/* For g_tree_search: 0 when RETADDR lies in the block's code. */
static gint code_search(gconstpointer key, gconstpointer retaddr)
{
    const TranslationBlock *tb = key;
    uintptr_t start = (uintptr_t)tb->tc_ptr, ra = (uintptr_t)retaddr;

    if (ra <= start) {
        return -1;      /* in a block with a smaller address */
    }
    return ra > start + tb->size_code ? 1 : 0;
}

/*
 * CS's class without the checked QOM cast: on the per-block paths (the
 * indirect-branch lookup runs at every computed jump) the cast's type-name
 * comparisons cost more than the lookup itself. Every vCPU is a CPU.
 */
static inline CPUClass *cpu_class_fast(CPUState *cs)
{
    return (CPUClass *)object_get_class(OBJECT(cs));
}

static inline unsigned jmp_cache_hash(vaddr pc)
{
    return tb_jmp_cache_hash(pc);
}

/*
 * FERRY_JIT_STATS=1 in the environment: time spent translating is
 * measured and, at exit, printed on stderr against the process's CPU time
 * (the translator's share of a run; scripts/bench/README.md).
 */
static bool jit_stats_on;
static int64_t jit_translate_ns;

static int64_t jit_now_ns(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static void jit_stats_print(void)
{
    struct rusage ru;
    double cpu_ms, tr_ms = jit_translate_ns / 1e6;

    getrusage(RUSAGE_SELF, &ru);
    cpu_ms = (ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1e3 +
             (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e3;
    fprintf(stderr, "jit: %" PRIu64 " blocks translated, %" PRIu64 " invalidated, %" PRIu64
            " chained, %" PRIu64 " flushes; translation %.1f ms of %.1f ms CPU (%.1f%%)\n",
            stats.translated, stats.invalidated, stats.chained, stats.flushes, tr_ms, cpu_ms,
            cpu_ms > 0 ? 100 * tr_ms / cpu_ms : 0.0);
}

static void tb_cache_init(void)
{
    Error *err = NULL;
    const char *js;

    if (code_buf) {
        return;
    }
    js = getenv("FERRY_JIT_STATS");
    if (js && *js && strcmp(js, "0")) {
        jit_stats_on = true;
        atexit(jit_stats_print);
    }
    code_buf = tcg_code_buffer_new(code_buffer_size, 0, &err);
    if (!code_buf) {
        error_report_err(err);
        abort();
    }
    tb_htable = g_hash_table_new(tb_hash, tb_equal);
    tb_pages = g_hash_table_new_full(g_int64_hash, g_int64_equal, NULL, page_tbs_free);
    tb_by_code = g_tree_new_full(code_cmp, NULL, NULL, NULL);
    tb_all = g_ptr_array_new_with_free_func(g_free);
}

static void tb_free_page_lists(void)
{
    g_hash_table_remove_all(tb_pages);
}

static void tb_free_all(void)
{
    for (guint i = 0; i < tb_all->len; i++) {
        TranslationBlock *tb = g_ptr_array_index(tb_all, i);

        g_slist_free(tb->jmp_incoming);
    }
    g_ptr_array_set_size(tb_all, 0);
}

void tb_flush(void)
{
    CPUState *cs;

    if (!code_buf) {
        return;
    }
    g_hash_table_remove_all(tb_htable);
    tb_free_page_lists();
    g_tree_destroy(tb_by_code);
    tb_by_code = g_tree_new_full(code_cmp, NULL, NULL, NULL);
    tb_free_all();
    CPU_FOREACH(cs) {
        memset(cs->tb_jmp_cache, 0, sizeof(TranslationBlock *) * TB_JMP_CACHE_SIZE);
    }
    tcg_code_buffer_reset(code_buf);
    stats.flushes++;
}

void tcg_exec_cleanup(void)
{
    if (!code_buf) {
        return;
    }
    g_hash_table_destroy(tb_htable);
    tb_free_page_lists();
    g_hash_table_destroy(tb_pages);
    g_tree_destroy(tb_by_code);
    tb_free_all();
    g_ptr_array_free(tb_all, TRUE);
    tcg_exec_exit_thread();
    tcg_code_buffer_free(code_buf);
    code_buf = NULL;
    memory_set_code_write_notifier(NULL);
}

void tcg_exec_exit_thread(void)
{
    if (thread_ctx) {
        tcg_context_free(thread_ctx);
        thread_ctx = NULL;
        tcg_set_current(NULL);
    }
}

void tcg_exec_set_code_buffer_size(size_t size)
{
    assert(!code_buf);
    code_buffer_size = size ? size : CODE_BUFFER_SIZE;
}

void tb_get_stats(TBStats *out)
{
    *out = stats;
}

/* Resets jump N of SRC to its unchained target. */
static void tb_reset_jump(TranslationBlock *src, unsigned n)
{
    tcg_patch_goto_tb(code_buf, src->tc_ptr, src->jmp_insn_offset[n],
                      (const uint8_t *)src->tc_ptr + src->jmp_reset_offset[n]);
    src->jmp_dest[n] = NULL;
}

static void tb_invalidate(TranslationBlock *tb)
{
    CPUState *cs;

    if (tb->invalid) {
        return;
    }
    tb->invalid = true;
    g_hash_table_remove(tb_htable, tb);
    /* Nobody may jump into it any more... */
    for (GSList *l = tb->jmp_incoming; l; l = l->next) {
        uintptr_t v = (uintptr_t)l->data;

        tb_reset_jump((TranslationBlock *)(v & ~(uintptr_t)3), v & 3);
    }
    g_slist_free(tb->jmp_incoming);
    tb->jmp_incoming = NULL;
    /* ...and it no longer appears in its targets' incoming lists. */
    for (unsigned n = 0; n < 2; n++) {
        TranslationBlock *dst = tb->jmp_dest[n];

        if (dst) {
            dst->jmp_incoming = g_slist_remove(dst->jmp_incoming,
                                               (void *)((uintptr_t)tb | n));
            tb->jmp_dest[n] = NULL;
        }
    }
    CPU_FOREACH(cs) {
        unsigned h = jmp_cache_hash(tb->pc);

        if (cs->tb_jmp_cache[h] == tb) {
            cs->tb_jmp_cache[h] = NULL;
        }
    }
    stats.invalidated++;
}

/* True when [START, START + LEN) overlaps the guest code of TB. */
static bool tb_overlaps(const TranslationBlock *tb, ram_addr_t start, ram_addr_t len)
{
    ram_addr_t off = tb->pc & ~TARGET_PAGE_MASK;
    ram_addr_t first = tb->page_addr + off;
    /* A block that faulted on its first fetch still owns its first insn. */
    ram_addr_t end = first + MAX(tb->size, 4u);

    if (tb->page_addr2 != RAM_ADDR_MAX && off + tb->size > TARGET_PAGE_SIZE) {
        /* The part on the next page: [page_addr2, page_addr2 + rest). */
        ram_addr_t rest = off + tb->size - TARGET_PAGE_SIZE;

        if (start < tb->page_addr2 + rest && tb->page_addr2 < start + len) {
            return true;
        }
        end = tb->page_addr + TARGET_PAGE_SIZE;
    }
    return start < end && first < start + len;
}

/*
 * Invalidates the blocks whose guest code overlaps the range; the other
 * blocks of the same pages stay (data next to code is common in
 * bare-metal programs). Returns true when a touched page still holds
 * blocks, i.e. must stay write-protected.
 */
static bool tb_invalidate_range(ram_addr_t start, ram_addr_t len)
{
    bool keep = false;

    if (!tb_pages || !len) {
        return false;
    }
    for (uint64_t page = start >> TARGET_PAGE_BITS;
         page <= (start + len - 1) >> TARGET_PAGE_BITS; page++) {
        PageTBs *pd = g_hash_table_lookup(tb_pages, &page);
        ram_addr_t ps = page << TARGET_PAGE_BITS;
        GSList **link;

        if (!pd) {
            continue;
        }
        /* Data next to code: most writes miss the code span. */
        if (start >= ps + pd->hi || start + len <= ps + pd->lo) {
            keep = true;
            continue;
        }
        /* Unlinks in place: the TBs stay allocated (tb_all). */
        link = &pd->tbs;
        while (*link) {
            GSList *l = *link;
            TranslationBlock *tb = l->data;

            if (tb->invalid || tb_overlaps(tb, start, len)) {
                tb_invalidate(tb);
                *link = l->next;
                g_slist_free_1(l);
            } else {
                link = &l->next;
            }
        }
        if (pd->tbs) {
            keep = true;
        } else {
            g_hash_table_remove(tb_pages, &page);
        }
    }
    return keep;
}

void tb_invalidate_phys_range(ram_addr_t start, ram_addr_t len)
{
    tb_invalidate_range(start, len);
}

/* Called for a write to a protected page (one page at a time). */
static void code_write_notifier(ram_addr_t start, ram_addr_t len)
{
    if (tb_invalidate_range(start, len)) {
        /* Blocks remain on the page: later writes must still be seen. */
        ram_page_protect_code(start);
    }
}

void tcg_exec_init_thread(CPUState *cs)
{
    tb_cache_init();
    if (!thread_ctx) {
        thread_ctx = tcg_context_new(code_buf);
        tcg_set_current(thread_ctx);
        CPU_GET_CLASS(cs)->tcg_init(cs);
    }
    tcg_set_current(thread_ctx);
    memory_set_code_write_notifier(code_write_notifier);
}

/* Lists TB on the RAM page at RAM (created empty: lo > hi). */
static PageTBs *page_tbs_add(ram_addr_t ram, TranslationBlock *tb)
{
    uint64_t page = ram >> TARGET_PAGE_BITS;
    PageTBs *pd = g_hash_table_lookup(tb_pages, &page);

    if (!pd) {
        pd = g_new0(PageTBs, 1);
        pd->page = page;
        pd->lo = TARGET_PAGE_SIZE;
        g_hash_table_insert(tb_pages, &pd->page, pd);
    }
    pd->tbs = g_slist_prepend(pd->tbs, tb);
    return pd;
}

/*
 * A block whose code runs REST bytes into the next page (the front end
 * fetched them there): that page is write-protected too and lists the
 * block, so that a write to either page invalidates it.
 */
static void tb_add_page2(CPUState *cs, TranslationBlock *tb, int mmu_idx, uint32_t rest)
{
    vaddr va = (tb->pc & TARGET_PAGE_MASK) + TARGET_PAGE_SIZE;
    const uint8_t *host;
    ram_addr_t ram;
    PageTBs *pd;

    if (!get_page_addr_code(cs, va, mmu_idx, &ram, &host)) {
        return;     /* the fetch there faulted: no code of the block there */
    }
    ram &= TARGET_PAGE_MASK;
    if (ram_page_is_code_clean(ram)) {
        ram_page_protect_code(ram);
        tlb_flush_all_cpus();
    }
    tb->page_addr2 = ram;
    pd = page_tbs_add(ram, tb);
    pd->lo = 0;
    pd->hi = MAX(pd->hi, rest);
}

/* Translates the block at ST (at most LIMIT instructions when nonzero);
 * NULL when the code is not in RAM. */
static TranslationBlock *tb_gen_code(CPUState *cs, const CPUTBState *st, int mmu_idx,
                                     uint32_t limit)
{
    CPUClass *cc = CPU_GET_CLASS(cs);
    TCGTranslation t;
    TranslationBlock *tb;
    const uint8_t *host;
    ram_addr_t ram;
    int max_insns = limit ? MIN(limit, TCG_MAX_INSNS) : TCG_MAX_INSNS;
    PageTBs *pd;
    uint32_t off;
    int64_t t0;
    int r;

    if (!get_page_addr_code(cs, st->pc, mmu_idx, &ram, &host)) {
        return NULL;
    }
    ram &= TARGET_PAGE_MASK;
    if (ram_page_is_code_clean(ram)) {
        /* From now on writes to the page must reach the notifier. */
        ram_page_protect_code(ram);
        tlb_flush_all_cpus();
    }
    tb = g_new0(TranslationBlock, 1);
    tb->pc = st->pc;
    tb->flags = st->flags;
    tb->page_addr = ram;
    tb->page_addr2 = RAM_ADDR_MAX;
    tb->insn_limit = limit;
    t0 = jit_stats_on ? jit_now_ns() : 0;
    for (;;) {
        tcg_func_start(thread_ctx);
        cc->translate_code(cs, tb, max_insns);
        r = tcg_gen_code(thread_ctx, &t);
        if (r == TCG_GEN_OK) {
            break;
        }
        if (r == TCG_GEN_BUFFER_FULL) {
            qemu_log_mask(CPU_LOG_EXEC, "code buffer full: flushing\n");
            tb_flush();
        } else {
            assert(max_insns > 1);
            max_insns /= 2;
        }
    }
    tb->tc_ptr = t.code;
    tb->size_code = t.code_size;
    tb->restore_data = t.restore_data;
    for (unsigned n = 0; n < 2; n++) {
        tb->jmp_insn_offset[n] = t.jmp_insn_offset[n];
        tb->jmp_reset_offset[n] = t.jmp_reset_offset[n];
    }
    g_ptr_array_add(tb_all, tb);
    g_hash_table_add(tb_htable, tb);
    g_tree_insert(tb_by_code, tb, tb);
    pd = page_tbs_add(ram, tb);
    off = tb->pc & ~TARGET_PAGE_MASK;
    pd->lo = MIN(pd->lo, off);
    pd->hi = MAX(pd->hi, MIN(off + MAX(tb->size, 4u), TARGET_PAGE_SIZE));
    if (off + tb->size > TARGET_PAGE_SIZE) {
        tb_add_page2(cs, tb, mmu_idx, off + tb->size - TARGET_PAGE_SIZE);
    }
    stats.translated++;
    if (jit_stats_on) {
        jit_translate_ns += jit_now_ns() - t0;
    }
    return tb;
}

/* The valid block for ST and LIMIT (0: a normal block), from the caches
 * only (no translation). The jump cache holds normal blocks only. */
static TranslationBlock *tb_lookup(CPUState *cs, const CPUTBState *st, int mmu_idx,
                                   uint32_t limit)
{
    unsigned h = jmp_cache_hash(st->pc);
    TranslationBlock *tb = cs->tb_jmp_cache[h];
    TranslationBlock key;
    const uint8_t *host;

    if (!limit && tb && tb->pc == st->pc && tb->flags == st->flags && !tb->invalid) {
        return tb;
    }
    if (!get_page_addr_code(cs, st->pc, mmu_idx, &key.page_addr, &host)) {
        return NULL;
    }
    key.pc = st->pc;
    key.flags = st->flags;
    key.page_addr &= TARGET_PAGE_MASK;
    key.insn_limit = limit;
    tb = g_hash_table_lookup(tb_htable, &key);
    if (tb && !limit) {
        cs->tb_jmp_cache[h] = tb;
    }
    return tb;
}

/* The MMU index a block's code is fetched with: the target's hook. */
static int code_mmu_idx(CPUState *cs, const CPUTBState *st)
{
    CPUClass *cc = cpu_class_fast(cs);

    return cc->code_mmu_idx ? cc->code_mmu_idx(cs, st) : 0;
}

/* The indirect-branch lookup called from generated code. */
static const void *helper_lookup_tb_ptr(void *env)
{
    CPUState *cs = env_cpu(env);
    CPUTBState st;
    TranslationBlock *tb;

    if (qemu_loglevel_mask(CPU_LOG_TB_NOCHAIN | CPU_LOG_EXEC)) {
        return NULL;
    }
    cpu_class_fast(cs)->get_tb_cpu_state(cs, &st);
    tb = tb_lookup(cs, &st, code_mmu_idx(cs, &st), 0);
    if (!tb) {
        return NULL;
    }
    return tb->tc_ptr;
}

TCGLookupHelper tcg_exec_lookup_helper(void)
{
    return helper_lookup_tb_ptr;
}

static void tb_add_jump(TranslationBlock *src, unsigned n, TranslationBlock *dst)
{
    if (src->invalid || dst->invalid || src->jmp_dest[n] ||
        src->jmp_insn_offset[n] == TCG_NO_JUMP) {
        return;
    }
    tcg_patch_goto_tb(code_buf, src->tc_ptr, src->jmp_insn_offset[n], dst->tc_ptr);
    src->jmp_dest[n] = dst;
    dst->jmp_incoming = g_slist_prepend(dst->jmp_incoming, (void *)((uintptr_t)src | n));
    stats.chained++;
}

/* The block holding RETADDR and the index and insn_start words of the
 * guest instruction there; NULL if RETADDR is not in generated code. */
static TranslationBlock *find_insn(uintptr_t retaddr, uint64_t *words, unsigned *idx)
{
    TranslationBlock *tb;

    if (!retaddr || !tb_by_code) {
        return NULL;
    }
    tb = g_tree_search(tb_by_code, code_search, (gconstpointer)retaddr);
    if (!tb || !tcg_restore_state_index(tb->tc_ptr, tb->restore_data, retaddr, words, idx)) {
        return NULL;
    }
    return tb;
}

bool cpu_restore_state(CPUState *cs, uintptr_t retaddr)
{
    uint64_t words[TCG_MAX_INSN_WORDS];
    TranslationBlock *tb;
    unsigned idx;

    tb = find_insn(retaddr, words, &idx);
    if (!tb) {
        return false;
    }
    CPU_GET_CLASS(cs)->restore_state_to_opc(cs, tb, words);
    if (icount_enabled()) {
        /* The block took all its instructions at entry; instruction IDX and
         * the ones after it did not retire. */
        cs->icount_budget += tb->icount - idx;
    }
    return true;
}

/*
 * TB was left at its entry (exit request, icount) without running: a
 * chained jump into it does not write the guest pc back (the target block
 * implies it), so set the state of its first instruction.
 */
static void tb_sync_entry_state(CPUState *cs, TranslationBlock *tb)
{
    uint64_t words[TCG_MAX_INSN_WORDS];
    unsigned idx;

    /* Host address tc_ptr + 1 lies in the code of the first instruction. */
    if (tcg_restore_state_index(tb->tc_ptr, tb->restore_data, (uintptr_t)tb->tc_ptr + 1,
                                words, &idx)) {
        CPU_GET_CLASS(cs)->restore_state_to_opc(cs, tb, words);
    }
}

void cpu_icount_io_check(CPUState *cs, uintptr_t retaddr)
{
    uint64_t words[TCG_MAX_INSN_WORDS];
    TranslationBlock *tb;
    unsigned idx;

    tb = find_insn(retaddr, words, &idx);
    if (!tb || idx + 1 >= tb->icount) {
        return;     /* not from generated code, or already the last instruction */
    }
    cpu_restore_state(cs, retaddr);
    cs->icount_next_limit = 1;
    cpu_loop_exit(cs);
}

void cpu_loop_exit(CPUState *cs)
{
    assert(cs->in_exec);
    siglongjmp(cs->jmp_env, 1);
}

void cpu_loop_exit_restore(CPUState *cs, uintptr_t retaddr)
{
    if (retaddr) {
        cpu_restore_state(cs, retaddr);
    }
    cpu_loop_exit(cs);
}

void cpu_raise_exception(CPUState *cs, int excp, uintptr_t retaddr)
{
    cs->exception_index = excp;
    cpu_loop_exit_restore(cs, retaddr);
}

/* Takes a pending exception; returns true (and *RET) when the loop ends. */
static bool cpu_handle_exception(CPUState *cs, int *ret)
{
    if (cs->exception_index < 0) {
        return false;
    }
    if (cs->exception_index >= EXCP_INTERRUPT) {
        *ret = cs->exception_index;
        if (*ret == EXCP_HLT) {
            cs->halted = true;
        }
        cs->exception_index = -1;
        return true;
    }
    qemu_log_mask(CPU_LOG_INT, "exception %d\n", cs->exception_index);
    CPU_GET_CLASS(cs)->do_interrupt(cs);
    cs->exception_index = -1;
    return false;
}

static void log_cpu_state(CPUState *cs)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);

    cpu_dump_state(cs, f, 0);
    fclose(f);
    qemu_log("%s", text);
    free(text);
}

int cpu_exec(CPUState *cs)
{
    CPUClass *cc = CPU_GET_CLASS(cs);
    TranslationBlock *last_tb = NULL;
    unsigned last_idx = 0;
    int ret = EXCP_INTERRUPT;

    tcg_exec_init_thread(cs);
    if (cs->halted) {
        if (!cc->has_work || !cc->has_work(cs)) {
            return EXCP_HALTED;
        }
        cs->halted = false;
    }
    cs->in_exec = true;
    if (sigsetjmp(cs->jmp_env, 0) != 0) {
        /* A helper left generated code: its state is restored already. */
        last_tb = NULL;
    }
    for (;;) {
        CPUTBState st;
        TranslationBlock *tb;
        uint32_t limit;
        uintptr_t r;
        int mmu_idx;

        if (cpu_handle_exception(cs, &ret)) {
            break;
        }
        if (g_atomic_int_get(&cs->exit_request)) {
            g_atomic_int_set(&cs->exit_request, 0);
            ret = EXCP_INTERRUPT;
            break;
        }
        if (g_atomic_int_get(&cs->interrupt_request) && cc->cpu_exec_interrupt &&
            cc->cpu_exec_interrupt(cs, g_atomic_int_get(&cs->interrupt_request))) {
            last_tb = NULL;
        }
        cc->get_tb_cpu_state(cs, &st);
        mmu_idx = code_mmu_idx(cs, &st);
        limit = cs->icount_next_limit;
        cs->icount_next_limit = 0;
        tb = tb_lookup(cs, &st, mmu_idx, limit);
        if (!tb) {
            tb = tb_gen_code(cs, &st, mmu_idx, limit);
            if (!tb && cc->tlb_fill) {
                /*
                 * No code page: a fill that is not a probe raises the
                 * target's prefetch abort (and unwinds to the loop) when
                 * the translation faults; else the pc is not in memory.
                 */
                cc->tlb_fill(cs, st.pc, 1, MMU_INST_FETCH, mmu_idx, false, 0);
            }
            if (!tb) {
                qemu_log_mask(LOG_GUEST_ERROR, "cpu %d: pc 0x%" PRIx64
                              " is not in RAM or ROM: vCPU stopped\n",
                              cs->cpu_index, (uint64_t)st.pc);
                cs->halted = true;
                ret = EXCP_HALTED;
                break;
            }
            last_tb = NULL;     /* a flush may have freed it */
            if (!limit) {
                cs->tb_jmp_cache[jmp_cache_hash(st.pc)] = tb;
            }
        }
        if (last_tb && !limit && !qemu_loglevel_mask(CPU_LOG_TB_NOCHAIN | CPU_LOG_EXEC)) {
            tb_add_jump(last_tb, last_idx, tb);
        }
        if (qemu_loglevel_mask(CPU_LOG_EXEC)) {
            qemu_log("Trace %d: %p [%08" PRIx64 "/%08" PRIx32 "]\n", cs->cpu_index,
                     tb->tc_ptr, (uint64_t)tb->pc, tb->flags);
        }
        if (qemu_loglevel_mask(CPU_LOG_TB_CPU)) {
            log_cpu_state(cs);
        }
        cs->insns_executed += tb->icount;
        r = tcg_qemu_tb_exec(cs->env_ptr, tb->tc_ptr);
        last_tb = (TranslationBlock *)(r & ~(uintptr_t)TB_EXIT_MASK);
        last_idx = r & TB_EXIT_MASK;
        if (last_idx >= TB_EXIT_ICOUNT && last_tb) {
            tb_sync_entry_state(cs, last_tb);
        }
        if (last_idx == TB_EXIT_ICOUNT) {
            /* Not entered: the budget is short of its count. Run what is
             * left as a shorter block, or end the slice. */
            if (cs->icount_budget <= 0) {
                ret = EXCP_INTERRUPT;
                break;
            }
            cs->icount_next_limit = cs->icount_budget;
        }
        if (last_idx > TB_EXIT_IDX1) {
            last_tb = NULL;
        }
    }
    cs->in_exec = false;
    return ret;
}
