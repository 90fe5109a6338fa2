/*
 * The "ram" live section and the "timebase" section (see
 * include/migration/ram.h and shared/spec/migration-stream.md, "RAM").
 */
#include "qemu/osdep.h"
#include "qemu/log.h"
#include "qemu/main-loop.h"
#include "qemu/timer.h"
#include "exec/ram_addr.h"
#include "exec/ramblock.h"
#include "migration/ram.h"
#include "migration/vmstate.h"

#define BITS_PER_UL (sizeof(unsigned long) * CHAR_BIT)
#define RAM_FLAGS_MASK ((uint64_t)TARGET_PAGE_SIZE - 1)

typedef struct RamBlockState {
    RAMBlock *rb;
    unsigned long *bitmap;      /* migration's copy: pages still to send */
    uint64_t nr_pages;
} RamBlockState;

typedef struct RamState {
    GArray *blocks;             /* RamBlockState, in block creation order */
    uint64_t dirty_pages;       /* set bits over all bitmaps */
    guint cursor_block;         /* where the current pass goes on */
    uint64_t cursor_page;
    RAMBlock *last_sent;        /* for CONTINUE; persists across sections */
    uint64_t iterate_budget;
    RamStats stats;
    GMutex stats_lock;          /* stats are read by the main loop */
} RamState;

static RamState ram_state;
static RAMBlock *ram_load_last;
static bool ram_load_drop_bql;

bool buffer_is_zero(const void *buf, size_t len)
{
    const uint8_t *p = buf;
    size_t i = 0;

    /* Word loop on the aligned bulk; memcpy keeps it free of aliasing UB. */
    for (; i + 8 * sizeof(uint64_t) <= len; i += 8 * sizeof(uint64_t)) {
        uint64_t w[8];

        memcpy(w, p + i, sizeof(w));
        if (w[0] | w[1] | w[2] | w[3] | w[4] | w[5] | w[6] | w[7]) {
            return false;
        }
    }
    for (; i < len; i++) {
        if (p[i]) {
            return false;
        }
    }
    return true;
}

void ram_set_iterate_budget(uint64_t bytes)
{
    ram_state.iterate_budget = bytes;
}

void ram_load_set_drop_bql(bool on)
{
    ram_load_drop_bql = on;
}

void ram_stats_get(RamStats *out)
{
    g_mutex_lock(&ram_state.stats_lock);
    *out = ram_state.stats;
    g_mutex_unlock(&ram_state.stats_lock);
}

static void stats_update(void)
{
    g_mutex_lock(&ram_state.stats_lock);
    ram_state.stats.remaining = ram_state.dirty_pages * TARGET_PAGE_SIZE;
    g_mutex_unlock(&ram_state.stats_lock);
}

static void stats_add(uint64_t *counter, uint64_t n)
{
    g_mutex_lock(&ram_state.stats_lock);
    *counter += n;
    g_mutex_unlock(&ram_state.stats_lock);
}

/* ---- save ---- */

static int add_block(RAMBlock *rb, void *opaque)
{
    RamBlockState bs = { .rb = rb, .nr_pages = ramblock_nr_pages(rb) };
    uint64_t words = DIV_ROUND_UP(bs.nr_pages, BITS_PER_UL);

    bs.bitmap = g_new0(unsigned long, words);
    /* Every page starts dirty: the first pass sends the whole block. */
    for (uint64_t p = 0; p < bs.nr_pages; p++) {
        bs.bitmap[p / BITS_PER_UL] |= 1UL << (p % BITS_PER_UL);
    }
    ram_state.dirty_pages += bs.nr_pages;
    g_array_append_val(ram_state.blocks, bs);
    return 0;
}

static void ram_free_blocks(void)
{
    if (!ram_state.blocks) {
        return;
    }
    for (guint i = 0; i < ram_state.blocks->len; i++) {
        g_free(g_array_index(ram_state.blocks, RamBlockState, i).bitmap);
    }
    g_array_free(ram_state.blocks, TRUE);
    ram_state.blocks = NULL;
}

/* Pulls the writes made since the last sync into the bitmaps. */
static void ram_sync(void)
{
    for (guint i = 0; i < ram_state.blocks->len; i++) {
        RamBlockState *bs = &g_array_index(ram_state.blocks, RamBlockState, i);

        ram_state.dirty_pages += ramblock_sync_dirty_bitmap(bs->rb, bs->bitmap);
    }
    stats_add(&ram_state.stats.dirty_sync_count, 1);
    stats_update();
}

static bool ram_save_setup(QEMUFile *f, void *opaque, Error **errp)
{
    uint64_t start = qemu_file_transferred(f);

    ram_free_blocks();
    ram_state.blocks = g_array_new(FALSE, TRUE, sizeof(RamBlockState));
    ram_state.dirty_pages = 0;
    ram_state.cursor_block = 0;
    ram_state.cursor_page = 0;
    ram_state.last_sent = NULL;
    g_mutex_lock(&ram_state.stats_lock);
    memset(&ram_state.stats, 0, sizeof(ram_state.stats));
    ram_state.stats.total = ram_bytes_total();
    ram_state.stats.dirty_sync_count = 1;
    g_mutex_unlock(&ram_state.stats_lock);

    qemu_ram_foreach_block(add_block, NULL);
    memory_global_dirty_log_start();

    qemu_put_be64(f, ram_bytes_total() | RAM_SAVE_FLAG_MEM_SIZE);
    for (guint i = 0; i < ram_state.blocks->len; i++) {
        RAMBlock *rb = g_array_index(ram_state.blocks, RamBlockState, i).rb;
        size_t len = strlen(rb->idstr);

        qemu_put_byte(f, len);
        qemu_put_buffer(f, (const uint8_t *)rb->idstr, len);
        qemu_put_be64(f, rb->used_length);
    }
    qemu_put_be64(f, RAM_SAVE_FLAG_EOS);
    stats_add(&ram_state.stats.transferred, qemu_file_transferred(f) - start);
    stats_update();
    return true;
}

static void put_page_header(QEMUFile *f, RAMBlock *rb, uint64_t offset, uint64_t flags)
{
    if (rb == ram_state.last_sent) {
        qemu_put_be64(f, offset | flags | RAM_SAVE_FLAG_CONTINUE);
    } else {
        size_t len = strlen(rb->idstr);

        qemu_put_be64(f, offset | flags);
        qemu_put_byte(f, len);
        qemu_put_buffer(f, (const uint8_t *)rb->idstr, len);
        ram_state.last_sent = rb;
    }
}

static void save_page(QEMUFile *f, RAMBlock *rb, uint64_t page)
{
    uint64_t offset = page << TARGET_PAGE_BITS;
    const uint8_t *host = rb->host + offset;

    if (buffer_is_zero(host, TARGET_PAGE_SIZE)) {
        put_page_header(f, rb, offset, RAM_SAVE_FLAG_ZERO);
        qemu_put_byte(f, 0);
        stats_add(&ram_state.stats.duplicate, 1);
    } else {
        put_page_header(f, rb, offset, RAM_SAVE_FLAG_PAGE);
        qemu_put_buffer(f, host, TARGET_PAGE_SIZE);
        stats_add(&ram_state.stats.normal, 1);
    }
}

/*
 * Sends dirty pages from the cursor on. Returns true when the pass reached
 * the end of the last block, false when BUDGET bytes were written first.
 */
static bool send_dirty(QEMUFile *f, uint64_t budget)
{
    uint64_t start = qemu_file_transferred(f);
    bool finished = true;

    while (ram_state.cursor_block < ram_state.blocks->len) {
        RamBlockState *bs = &g_array_index(ram_state.blocks, RamBlockState,
                                           ram_state.cursor_block);
        uint64_t p = ram_state.cursor_page;

        while (p < bs->nr_pages) {
            unsigned long *w = &bs->bitmap[p / BITS_PER_UL];
            unsigned long bits = *w >> (p % BITS_PER_UL);

            if (!bits) {
                p = (p / BITS_PER_UL + 1) * BITS_PER_UL;
                continue;
            }
            p += __builtin_ctzl(bits);
            if (p >= bs->nr_pages) {
                break;
            }
            *w &= ~(1UL << (p % BITS_PER_UL));
            ram_state.dirty_pages--;
            save_page(f, bs->rb, p);
            p++;
            if (budget && qemu_file_transferred(f) - start >= budget) {
                finished = false;
                break;
            }
        }
        if (!finished) {
            ram_state.cursor_page = p;
            break;
        }
        ram_state.cursor_block++;
        ram_state.cursor_page = 0;
    }
    stats_add(&ram_state.stats.transferred, qemu_file_transferred(f) - start);
    stats_update();
    return finished;
}

static int ram_save_iterate(QEMUFile *f, void *opaque, Error **errp)
{
    int done = 0;

    if (send_dirty(f, ram_state.iterate_budget)) {
        /* End of a pass: start the next one with what was written meanwhile. */
        ram_state.cursor_block = 0;
        ram_state.cursor_page = 0;
        ram_sync();
        done = ram_state.dirty_pages == 0;
    }
    qemu_put_be64(f, RAM_SAVE_FLAG_EOS);
    stats_add(&ram_state.stats.transferred, 8);
    if (qemu_file_get_error(f)) {
        error_setg(errp, "write failed: %s", g_strerror(-qemu_file_get_error(f)));
        return -1;
    }
    return done;
}

static bool ram_save_complete(QEMUFile *f, void *opaque, Error **errp)
{
    ram_sync();
    ram_state.cursor_block = 0;
    ram_state.cursor_page = 0;
    send_dirty(f, 0);
    qemu_put_be64(f, RAM_SAVE_FLAG_EOS);
    stats_add(&ram_state.stats.transferred, 8);
    return true;
}

static void ram_save_cleanup(void *opaque)
{
    memory_global_dirty_log_stop();
    ram_free_blocks();
}

/* ---- load ---- */

static RAMBlock *load_block_name(QEMUFile *f, Error **errp)
{
    char name[256];
    uint8_t len = qemu_get_byte(f);
    RAMBlock *rb;

    qemu_get_buffer(f, (uint8_t *)name, len);
    name[len] = 0;
    if (qemu_file_get_error(f)) {
        return NULL;
    }
    rb = qemu_ram_block_by_name(name);
    if (!rb) {
        error_setg(errp, "unknown RAM block '%s'", name);
    }
    return rb;
}

static bool load_block_list(QEMUFile *f, uint64_t total, Error **errp)
{
    uint64_t seen = 0;

    while (seen < total && !qemu_file_get_error(f)) {
        RAMBlock *rb = load_block_name(f, errp);
        uint64_t len = qemu_get_be64(f);

        if (!rb) {
            return qemu_file_get_error(f) != 0;   /* truncation: reported below */
        }
        if (len != rb->used_length) {
            error_setg(errp, "RAM block '%s': length 0x%" PRIx64 " in the stream, "
                       "0x%" PRIx64 " here", rb->idstr, len, rb->used_length);
            return false;
        }
        seen += len;
    }
    if (!qemu_file_get_error(f) && seen != total) {
        error_setg(errp, "RAM blocks add up to 0x%" PRIx64 " bytes, the stream "
                   "announced 0x%" PRIx64, seen, total);
        return false;
    }
    return true;
}

static bool load_page(QEMUFile *f, uint64_t addr, uint64_t flags, Error **errp)
{
    RAMBlock *rb;
    uint8_t *host;

    if (flags & RAM_SAVE_FLAG_CONTINUE) {
        rb = ram_load_last;
        if (!rb) {
            error_setg(errp, "page record at 0x%" PRIx64 " continues a block "
                       "but none was named before", addr);
            return false;
        }
    } else {
        rb = load_block_name(f, errp);
        if (!rb) {
            return qemu_file_get_error(f) != 0;
        }
        ram_load_last = rb;
    }
    if (addr >= rb->used_length) {
        error_setg(errp, "page offset 0x%" PRIx64 " is beyond RAM block '%s' "
                   "(0x%" PRIx64 " bytes)", addr, rb->idstr, rb->used_length);
        return false;
    }
    host = rb->host + addr;
    if (flags & RAM_SAVE_FLAG_ZERO) {
        uint8_t fill = qemu_get_byte(f);

        if (fill) {
            error_setg(errp, "zero page at 0x%" PRIx64 " of '%s' has fill byte "
                       "0x%02x (must be 0)", addr, rb->idstr, fill);
            return false;
        }
        /* Leave untouched memory untouched (it is zero already). */
        if (!buffer_is_zero(host, TARGET_PAGE_SIZE)) {
            memset(host, 0, TARGET_PAGE_SIZE);
        }
    } else {
        qemu_get_buffer(f, host, TARGET_PAGE_SIZE);
    }
    return true;
}

static bool ram_load_records(QEMUFile *f, int type, Error **errp)
{
    for (;;) {
        uint64_t h = qemu_get_be64(f);
        uint64_t addr = h & ~RAM_FLAGS_MASK;
        uint64_t flags = h & RAM_FLAGS_MASK;
        uint64_t kind = flags & ~(uint64_t)RAM_SAVE_FLAG_CONTINUE;

        if (qemu_file_get_error(f)) {
            break;
        }
        if (kind == RAM_SAVE_FLAG_EOS && !(flags & RAM_SAVE_FLAG_CONTINUE)) {
            return true;
        }
        if (kind == RAM_SAVE_FLAG_MEM_SIZE && !(flags & RAM_SAVE_FLAG_CONTINUE) &&
            type == QEMU_VM_SECTION_START) {
            if (!load_block_list(f, addr, errp)) {
                return false;
            }
            continue;
        }
        if (kind == RAM_SAVE_FLAG_ZERO || kind == RAM_SAVE_FLAG_PAGE) {
            if (!load_page(f, addr, flags, errp)) {
                return false;
            }
            continue;
        }
        error_setg(errp, "unknown flags 0x%" PRIx64 " in the record for offset "
                   "0x%" PRIx64, flags, addr);
        return false;
    }
    error_setg(errp, "stream ended inside the RAM records (%s)",
               g_strerror(-qemu_file_get_error(f)));
    return false;
}

static bool ram_load_state(QEMUFile *f, void *opaque, int version_id, int type,
                           Error **errp)
{
    bool drop = ram_load_drop_bql && bql_locked();
    bool ok;

    if (version_id != RAM_SECTION_VERSION) {
        error_setg(errp, "unsupported version %d (expected %d)", version_id,
                   RAM_SECTION_VERSION);
        return false;
    }
    if (type == QEMU_VM_SECTION_START) {
        ram_load_last = NULL;
    }
    if (drop) {
        bql_unlock();
    }
    ok = ram_load_records(f, type, errp);
    if (drop) {
        bql_lock();
    }
    return ok;
}

const SaveVMHandlers ram_save_handlers = {
    .save_setup = ram_save_setup,
    .save_live_iterate = ram_save_iterate,
    .save_live_complete = ram_save_complete,
    .save_cleanup = ram_save_cleanup,
    .load_state = ram_load_state,
};

/* ---- timebase ---- */

/*
 * Device timers are absolute deadlines on the virtual clock (design rule
 * 3), so the destination resumes the clock where the source stopped it.
 */
typedef struct TimeBase {
    int64_t virtual_ns;
} TimeBase;

static TimeBase timebase;

static bool timebase_pre_save(void *opaque, Error **errp)
{
    TimeBase *tb = opaque;

    tb->virtual_ns = qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL);
    return true;
}

static bool timebase_post_load(void *opaque, int version_id, Error **errp)
{
    TimeBase *tb = opaque;

    if (tb->virtual_ns < 0) {
        error_setg(errp, "field 'virtual_ns': %" PRId64 " is negative", tb->virtual_ns);
        return false;
    }
    if (!qemu_clock_set_virtual_ns(tb->virtual_ns)) {
        error_setg(errp, "field 'virtual_ns': cannot set the virtual clock to %"
                   PRId64 " while the guest runs", tb->virtual_ns);
        return false;
    }
    return true;
}

static const VMStateDescription vmstate_timebase = {
    .name = "timebase",
    .version_id = 1,
    .minimum_version_id = 1,
    .pre_save = timebase_pre_save,
    .post_load = timebase_post_load,
    .fields = (const VMStateField[]) {
        VMSTATE_INT64(virtual_ns, TimeBase),
        VMSTATE_END_OF_LIST()
    },
};

void ram_mig_init(void)
{
    static bool done;

    if (!done) {
        register_savevm_live("ram", 0, RAM_SECTION_VERSION, &ram_save_handlers, NULL);
        vmstate_register(NULL, 0, &vmstate_timebase, &timebase);
        done = true;
    }
}
