/*
 * RAM blocks, dirty bitmaps, and accesses through address spaces (byte
 * buffers, sized loads/stores, translation).
 */
#include "qemu/osdep.h"
#include "qemu/log.h"
#include "exec/memory.h"
#include "exec/ramblock.h"
#include "exec/ram_addr.h"
#include "exec/exec-all.h"
#include "system/cpus.h"
#include "system/memory-internal.h"

#include <sys/mman.h>

#define BITS_PER_ULONG (sizeof(unsigned long) * CHAR_BIT)

static GPtrArray *ram_blocks;           /* RAMBlock *, creation order */
static ram_addr_t ram_next_offset;      /* offsets are never reused */
static RAMBlock *ram_mru_block;         /* last block found by address */
static bool dirty_log_migration;
static void (*code_write_notifier)(ram_addr_t start, ram_addr_t len);

/* ---- RAM blocks ---- */

RAMBlock *qemu_ram_block_by_name(const char *name)
{
    for (guint i = 0; ram_blocks && i < ram_blocks->len; i++) {
        RAMBlock *rb = g_ptr_array_index(ram_blocks, i);

        if (!strcmp(rb->idstr, name)) {
            return rb;
        }
    }
    return NULL;
}

RAMBlock *qemu_ram_block_from_addr(ram_addr_t addr)
{
    RAMBlock *rb = ram_mru_block;

    if (rb && addr - rb->offset < rb->used_length) {
        return rb;
    }
    for (guint i = 0; ram_blocks && i < ram_blocks->len; i++) {
        rb = g_ptr_array_index(ram_blocks, i);
        if (addr - rb->offset < rb->used_length) {
            ram_mru_block = rb;
            return rb;
        }
    }
    return NULL;
}

int qemu_ram_foreach_block(int (*fn)(RAMBlock *rb, void *opaque), void *opaque)
{
    for (guint i = 0; ram_blocks && i < ram_blocks->len; i++) {
        int ret = fn(g_ptr_array_index(ram_blocks, i), opaque);

        if (ret) {
            return ret;
        }
    }
    return 0;
}

uint64_t ram_bytes_total(void)
{
    uint64_t total = 0;

    for (guint i = 0; ram_blocks && i < ram_blocks->len; i++) {
        total += ((RAMBlock *)g_ptr_array_index(ram_blocks, i))->used_length;
    }
    return total;
}

uint64_t ramblock_nr_pages(const RAMBlock *rb)
{
    return DIV_ROUND_UP(rb->used_length, TARGET_PAGE_SIZE);
}

RAMBlock *qemu_ram_alloc(MemoryRegion *mr, const char *name, uint64_t size,
                         void *host, Error **errp)
{
    RAMBlock *rb;
    size_t mapped = 0;
    uint64_t pages, words;

    if (!name || !*name) {
        error_setg(errp, "RAM block id must not be empty");
        return NULL;
    }
    if (strlen(name) >= RAMBLOCK_IDSTR_LEN) {
        error_setg(errp, "RAM block id '%s' is too long (at most %d characters)",
                   name, RAMBLOCK_IDSTR_LEN - 1);
        return NULL;
    }
    if (size == 0) {
        error_setg(errp, "RAM block '%s' has size 0", name);
        return NULL;
    }
    if (qemu_ram_block_by_name(name)) {
        error_setg(errp, "RAM block id '%s' is already in use", name);
        return NULL;
    }
    if (!host) {
        size_t page = sysconf(_SC_PAGESIZE);

        if (size > SIZE_MAX - page) {
            error_setg(errp, "cannot allocate %" PRIu64 " bytes for RAM block '%s'",
                       size, name);
            return NULL;
        }
        mapped = QEMU_ALIGN_UP((size_t)size, page);
        /* Anonymous mappings are zeroed, page aligned and committed lazily. */
        host = mmap(NULL, mapped, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
                    -1, 0);
        if (host == MAP_FAILED) {
            error_setg_errno(errp, errno,
                             "cannot allocate %" PRIu64 " bytes for RAM block '%s'",
                             size, name);
            return NULL;
        }
    }

    rb = g_new0(RAMBlock, 1);
    rb->mr = mr;
    rb->host = host;
    g_strlcpy(rb->idstr, name, sizeof(rb->idstr));
    rb->offset = ram_next_offset;
    rb->used_length = size;
    rb->max_length = size;
    rb->mapped_length = mapped;
    ram_next_offset += TARGET_PAGE_ALIGN(size);

    /*
     * New RAM starts dirty for every client: a display redraws it, no code
     * was translated from it, and migration must send it.
     */
    pages = ramblock_nr_pages(rb);
    words = DIV_ROUND_UP(pages, BITS_PER_ULONG);
    for (unsigned c = 0; c < DIRTY_MEMORY_NUM; c++) {
        rb->dirty[c] = g_new0(unsigned long, words);
        for (uint64_t p = 0; p < pages; p++) {
            rb->dirty[c][p / BITS_PER_ULONG] |= 1UL << (p % BITS_PER_ULONG);
        }
    }

    if (!ram_blocks) {
        ram_blocks = g_ptr_array_new();
    }
    g_ptr_array_add(ram_blocks, rb);
    return rb;
}

void qemu_ram_free(RAMBlock *rb)
{
    if (!rb) {
        return;
    }
    g_ptr_array_remove(ram_blocks, rb);
    if (ram_mru_block == rb) {
        ram_mru_block = NULL;
    }
    if (rb->mapped_length) {
        munmap(rb->host, rb->mapped_length);
    }
    for (unsigned c = 0; c < DIRTY_MEMORY_NUM; c++) {
        g_free(rb->dirty[c]);
    }
    g_free(rb);
}

/* Follows aliases down to the RAM region; *OFFSET accumulates. */
static MemoryRegion *resolve_ram(MemoryRegion *mr, hwaddr *offset)
{
    *offset = 0;
    while (mr->alias) {
        *offset += mr->alias_offset;
        mr = mr->alias;
    }
    assert(mr->ram_block);
    return mr;
}

void *memory_region_get_ram_ptr(MemoryRegion *mr)
{
    hwaddr off;

    mr = resolve_ram(mr, &off);
    return mr->ram_block->host + off;
}

ram_addr_t memory_region_get_ram_addr(MemoryRegion *mr)
{
    hwaddr off;

    mr = resolve_ram(mr, &off);
    return mr->ram_block->offset + off;
}

/* ---- Dirty bitmaps ---- */

static bool bit_test(const unsigned long *bm, uint64_t nr)
{
    return (__atomic_load_n(&bm[nr / BITS_PER_ULONG], __ATOMIC_RELAXED) >>
            (nr % BITS_PER_ULONG)) & 1;
}

/* Sets bit NR; returns its old value. */
static bool bit_set(unsigned long *bm, uint64_t nr)
{
    unsigned long mask = 1UL << (nr % BITS_PER_ULONG);

    return __atomic_fetch_or(&bm[nr / BITS_PER_ULONG], mask, __ATOMIC_RELAXED) & mask;
}

/* Clears bit NR; returns its old value. */
static bool bit_clear(unsigned long *bm, uint64_t nr)
{
    unsigned long mask = 1UL << (nr % BITS_PER_ULONG);

    return __atomic_fetch_and(&bm[nr / BITS_PER_ULONG], ~mask, __ATOMIC_RELAXED) & mask;
}

enum dirty_op { DIRTY_SET, DIRTY_GET, DIRTY_RESET, DIRTY_TEST_AND_CLEAR };

/*
 * Applies OP for CLIENT (or, for DIRTY_SET, for every enabled client) to
 * the pages of [START, START+LENGTH), which may span blocks; bytes outside
 * any block are ignored. Returns whether any page was dirty (GET, TEST_*).
 */
static bool dirty_range_op(ram_addr_t start, ram_addr_t length, unsigned client,
                           enum dirty_op op)
{
    bool any = false;
    ram_addr_t addr = start, end = start + length;

    assert(client < DIRTY_MEMORY_NUM);
    while (addr < end) {
        RAMBlock *rb = qemu_ram_block_from_addr(addr);
        ram_addr_t block_end, stop;
        uint64_t first, last;

        if (!rb) {
            addr = QEMU_ALIGN_DOWN(addr, TARGET_PAGE_SIZE) + TARGET_PAGE_SIZE;
            continue;
        }
        block_end = rb->offset + rb->used_length;
        stop = MIN(end, block_end);
        first = (addr - rb->offset) >> TARGET_PAGE_BITS;
        last = (stop - 1 - rb->offset) >> TARGET_PAGE_BITS;
        for (uint64_t p = first; p <= last; p++) {
            switch (op) {
            case DIRTY_SET:
                if (!bit_set(rb->dirty[DIRTY_MEMORY_CODE], p) && code_write_notifier) {
                    ram_addr_t ps = rb->offset + (p << TARGET_PAGE_BITS);
                    ram_addr_t s = MAX(ps, addr);
                    ram_addr_t e = MIN(ps + TARGET_PAGE_SIZE, stop);

                    code_write_notifier(s, e - s);
                }
                bit_set(rb->dirty[DIRTY_MEMORY_VGA], p);
                if (dirty_log_migration) {
                    bit_set(rb->dirty[DIRTY_MEMORY_MIGRATION], p);
                }
                break;
            case DIRTY_GET:
                any |= bit_test(rb->dirty[client], p);
                break;
            case DIRTY_RESET:
                bit_clear(rb->dirty[client], p);
                break;
            case DIRTY_TEST_AND_CLEAR:
                any |= bit_clear(rb->dirty[client], p);
                break;
            }
        }
        addr = stop;
    }
    return any;
}

void cpu_physical_memory_set_dirty_range(ram_addr_t start, ram_addr_t length)
{
    dirty_range_op(start, length, 0, DIRTY_SET);
}

bool cpu_physical_memory_get_dirty(ram_addr_t start, ram_addr_t length, unsigned client)
{
    return dirty_range_op(start, length, client, DIRTY_GET);
}

void cpu_physical_memory_reset_dirty(ram_addr_t start, ram_addr_t length, unsigned client)
{
    dirty_range_op(start, length, client, DIRTY_RESET);
}

bool cpu_physical_memory_test_and_clear_dirty(ram_addr_t start, ram_addr_t length,
                                              unsigned client)
{
    return dirty_range_op(start, length, client, DIRTY_TEST_AND_CLEAR);
}

void ram_page_protect_code(ram_addr_t addr)
{
    cpu_physical_memory_reset_dirty(QEMU_ALIGN_DOWN(addr, TARGET_PAGE_SIZE), 1,
                                    DIRTY_MEMORY_CODE);
}

bool ram_page_is_code_clean(ram_addr_t addr)
{
    RAMBlock *rb = qemu_ram_block_from_addr(addr);

    return !rb || bit_test(rb->dirty[DIRTY_MEMORY_CODE],
                           (addr - rb->offset) >> TARGET_PAGE_BITS);
}

void memory_set_code_write_notifier(void (*fn)(ram_addr_t start, ram_addr_t len))
{
    code_write_notifier = fn;
}

unsigned long *ramblock_dirty_bitmap(RAMBlock *rb, unsigned client)
{
    assert(client < DIRTY_MEMORY_NUM);
    return rb->dirty[client];
}

uint64_t ramblock_sync_dirty_bitmap(RAMBlock *rb, unsigned long *dest)
{
    unsigned long *src = rb->dirty[DIRTY_MEMORY_MIGRATION];
    uint64_t words = DIV_ROUND_UP(ramblock_nr_pages(rb), BITS_PER_ULONG);
    uint64_t newly = 0;

    for (uint64_t i = 0; i < words; i++) {
        unsigned long w = __atomic_exchange_n(&src[i], 0, __ATOMIC_RELAXED);

        newly += __builtin_popcountl(w & ~dest[i]);
        dest[i] |= w;
    }
    return newly;
}

void memory_global_dirty_log_start(void)
{
    for (guint i = 0; ram_blocks && i < ram_blocks->len; i++) {
        RAMBlock *rb = g_ptr_array_index(ram_blocks, i);

        cpu_physical_memory_reset_dirty(rb->offset, rb->used_length, DIRTY_MEMORY_MIGRATION);
    }
    dirty_log_migration = true;
    /*
     * TLB entries filled before now may write RAM without the slow path
     * that logs: drop them (the vCPUs held out of guest code meanwhile), so
     * every write from here on is logged.
     */
    cpus_pause();
    tlb_flush_all_cpus();
    cpus_resume();
}

void memory_global_dirty_log_stop(void)
{
    dirty_log_migration = false;
}

bool memory_global_dirty_log_active(void)
{
    return dirty_log_migration;
}

void memory_region_set_dirty(MemoryRegion *mr, hwaddr addr, hwaddr size)
{
    cpu_physical_memory_set_dirty_range(memory_region_get_ram_addr(mr) + addr, size);
}

bool memory_region_get_dirty(MemoryRegion *mr, hwaddr addr, hwaddr size, unsigned client)
{
    return cpu_physical_memory_get_dirty(memory_region_get_ram_addr(mr) + addr, size, client);
}

void memory_region_reset_dirty(MemoryRegion *mr, hwaddr addr, hwaddr size, unsigned client)
{
    cpu_physical_memory_reset_dirty(memory_region_get_ram_addr(mr) + addr, size, client);
}

bool memory_region_test_and_clear_dirty(MemoryRegion *mr, hwaddr addr, hwaddr size,
                                        unsigned client)
{
    return cpu_physical_memory_test_and_clear_dirty(memory_region_get_ram_addr(mr) + addr,
                                                    size, client);
}

/* ---- Accesses through an address space ---- */

static MemTxResult unassigned_access(AddressSpace *as, hwaddr addr, hwaddr len, bool is_write)
{
    qemu_log_mask(LOG_GUEST_ERROR, "Invalid %s at addr 0x%" HWADDR_PRIx ", size %"
                  HWADDR_PRIu ", address space '%s', reason: unassigned\n",
                  is_write ? "write" : "read", addr, len, as->name);
    return MEMTX_DECODE_ERROR;
}

static void readonly_write(AddressSpace *as, hwaddr addr, hwaddr len, MemoryRegion *mr)
{
    qemu_log_mask(LOG_GUEST_ERROR, "Invalid write at addr 0x%" HWADDR_PRIx ", size %"
                  HWADDR_PRIu ", region '%s', reason: read-only, ignored\n",
                  addr, len, mr->name);
}

static void ram_write(MemoryRegion *mr, hwaddr off, const void *buf, hwaddr len)
{
    memcpy(mr->ram_block->host + off, buf, len);
    cpu_physical_memory_set_dirty_range(mr->ram_block->offset + off, len);
}

/* Moves LEN bytes between BUF and MMIO region MR in the widest valid pieces. */
static MemTxResult mmio_access(MemoryRegion *mr, hwaddr off, uint8_t *buf, hwaddr len,
                               bool is_write, MemTxAttrs attrs)
{
    const MemoryRegionOps *ops = mr->ops;
    unsigned vmax = ops->valid.max_access_size ? ops->valid.max_access_size : 4;
    bool be = memory_region_big_endian(mr);
    MemTxResult r = MEMTX_OK;

    while (len) {
        unsigned n = 8;

        while (n > len || n > vmax || (!ops->valid.unaligned && (off & (n - 1)))) {
            n >>= 1;
        }
        if (is_write) {
            r |= memory_region_dispatch_write(mr, off, mem_ldn(buf, n, be), n, attrs);
        } else {
            uint64_t v;

            r |= memory_region_dispatch_read(mr, off, &v, n, attrs);
            mem_stn(buf, n, be, v);
        }
        off += n;
        buf += n;
        len -= n;
    }
    return r;
}

/*
 * The byte path. ROM (write_rom) lets writes reach ROM and rom devices'
 * memory and skips MMIO.
 */
static MemTxResult access_bytes(AddressSpace *as, hwaddr addr, MemTxAttrs attrs,
                                uint8_t *buf, hwaddr len, bool is_write, bool rom)
{
    MemTxResult r = MEMTX_OK;

    while (len) {
        hwaddr hole, l, off;
        const FlatRange *fr = flatview_find(as->current_map, addr, &hole);
        MemoryRegion *mr;

        if (!fr) {
            l = (hole == 0 || hole > len) ? len : hole;
            if (!is_write) {
                memset(buf, 0, l);
            }
            r |= unassigned_access(as, addr, l, is_write);
        } else {
            l = (len - 1 <= fr->last - addr) ? len : fr->last - addr + 1;
            mr = fr->mr;
            off = fr->offset_in_region + (addr - fr->start);
            if (!is_write) {
                if (memory_access_is_direct(mr, false, fr->readonly)) {
                    memcpy(buf, mr->ram_block->host + off, l);
                } else {
                    r |= mmio_access(mr, off, buf, l, false, attrs);
                }
            } else if (rom) {
                if (mr->ram) {
                    ram_write(mr, off, buf, l);
                }
            } else if (fr->readonly) {
                readonly_write(as, addr, l, mr);
            } else if (memory_access_is_direct(mr, true, false)) {
                ram_write(mr, off, buf, l);
            } else {
                r |= mmio_access(mr, off, buf, l, true, attrs);
            }
        }
        addr += l;
        buf += l;
        len -= l;
    }
    return r;
}

MemTxResult address_space_read(AddressSpace *as, hwaddr addr, MemTxAttrs attrs,
                               void *buf, hwaddr len)
{
    return access_bytes(as, addr, attrs, buf, len, false, false);
}

MemTxResult address_space_write(AddressSpace *as, hwaddr addr, MemTxAttrs attrs,
                                const void *buf, hwaddr len)
{
    return access_bytes(as, addr, attrs, (uint8_t *)buf, len, true, false);
}

MemTxResult address_space_rw(AddressSpace *as, hwaddr addr, MemTxAttrs attrs,
                             void *buf, hwaddr len, bool is_write)
{
    return access_bytes(as, addr, attrs, buf, len, is_write, false);
}

MemTxResult address_space_write_rom(AddressSpace *as, hwaddr addr, MemTxAttrs attrs,
                                    const void *buf, hwaddr len)
{
    return access_bytes(as, addr, attrs, (uint8_t *)buf, len, true, true);
}

MemoryRegion *address_space_translate(AddressSpace *as, hwaddr addr, hwaddr *xlat,
                                      hwaddr *plen, bool is_write, MemTxAttrs attrs)
{
    hwaddr hole;
    const FlatRange *fr = flatview_find(as->current_map, addr, &hole);

    if (!fr) {
        if (hole && *plen > hole) {
            *plen = hole;
        }
        *xlat = addr;
        return NULL;
    }
    *xlat = fr->offset_in_region + (addr - fr->start);
    if (*plen && *plen - 1 > fr->last - addr) {
        *plen = fr->last - addr + 1;
    }
    return fr->mr;
}

/* ---- Sized loads and stores ---- */

enum { END_NATIVE, END_LITTLE, END_BIG };

static bool want_big_endian(int endian)
{
    return endian == END_NATIVE ? target_big_endian() : endian == END_BIG;
}

static uint64_t as_load(AddressSpace *as, hwaddr addr, MemTxAttrs attrs, MemTxResult *result,
                        unsigned size, int endian)
{
    bool be = want_big_endian(endian);
    const FlatRange *fr = flatview_find(as->current_map, addr, NULL);
    MemTxResult r;
    uint64_t v;

    if (fr && size - 1 <= fr->last - addr) {
        MemoryRegion *mr = fr->mr;
        hwaddr off = fr->offset_in_region + (addr - fr->start);

        if (memory_access_is_direct(mr, false, fr->readonly)) {
            v = mem_ldn(mr->ram_block->host + off, size, be);
            r = MEMTX_OK;
        } else {
            r = memory_region_dispatch_read(mr, off, &v, size, attrs);
            if (memory_region_big_endian(mr) != be) {
                v = mem_bswap(v, size);
            }
        }
    } else {
        uint8_t buf[8];

        r = address_space_read(as, addr, attrs, buf, size);
        v = mem_ldn(buf, size, be);
    }
    if (result) {
        *result = r;
    }
    return v;
}

static void as_store(AddressSpace *as, hwaddr addr, uint64_t val, MemTxAttrs attrs,
                     MemTxResult *result, unsigned size, int endian)
{
    bool be = want_big_endian(endian);
    const FlatRange *fr = flatview_find(as->current_map, addr, NULL);
    MemTxResult r = MEMTX_OK;

    if (fr && size - 1 <= fr->last - addr) {
        MemoryRegion *mr = fr->mr;
        hwaddr off = fr->offset_in_region + (addr - fr->start);

        if (fr->readonly) {
            readonly_write(as, addr, size, mr);
        } else if (memory_access_is_direct(mr, true, false)) {
            mem_stn(mr->ram_block->host + off, size, be, val);
            cpu_physical_memory_set_dirty_range(mr->ram_block->offset + off, size);
        } else {
            if (memory_region_big_endian(mr) != be) {
                val = mem_bswap(val, size);
            }
            r = memory_region_dispatch_write(mr, off, val, size, attrs);
        }
    } else {
        uint8_t buf[8];

        mem_stn(buf, size, be, val);
        r = address_space_write(as, addr, attrs, buf, size);
    }
    if (result) {
        *result = r;
    }
}

#define DEFINE_LD(name, type, size, endian)                                          \
    type address_space_##name(AddressSpace *as, hwaddr addr, MemTxAttrs attrs,    \
                              MemTxResult *result)                                 \
    {                                                                              \
        return as_load(as, addr, attrs, result, size, endian);                     \
    }
#define DEFINE_ST(name, type, size, endian)                                          \
    void address_space_##name(AddressSpace *as, hwaddr addr, type val,            \
                              MemTxAttrs attrs, MemTxResult *result)               \
    {                                                                              \
        as_store(as, addr, val, attrs, result, size, endian);                      \
    }

DEFINE_LD(ldub, uint8_t, 1, END_NATIVE)
DEFINE_LD(lduw, uint16_t, 2, END_NATIVE)
DEFINE_LD(lduw_le, uint16_t, 2, END_LITTLE)
DEFINE_LD(lduw_be, uint16_t, 2, END_BIG)
DEFINE_LD(ldl, uint32_t, 4, END_NATIVE)
DEFINE_LD(ldl_le, uint32_t, 4, END_LITTLE)
DEFINE_LD(ldl_be, uint32_t, 4, END_BIG)
DEFINE_LD(ldq, uint64_t, 8, END_NATIVE)
DEFINE_LD(ldq_le, uint64_t, 8, END_LITTLE)
DEFINE_LD(ldq_be, uint64_t, 8, END_BIG)
DEFINE_ST(stb, uint8_t, 1, END_NATIVE)
DEFINE_ST(stw, uint16_t, 2, END_NATIVE)
DEFINE_ST(stw_le, uint16_t, 2, END_LITTLE)
DEFINE_ST(stw_be, uint16_t, 2, END_BIG)
DEFINE_ST(stl, uint32_t, 4, END_NATIVE)
DEFINE_ST(stl_le, uint32_t, 4, END_LITTLE)
DEFINE_ST(stl_be, uint32_t, 4, END_BIG)
DEFINE_ST(stq, uint64_t, 8, END_NATIVE)
DEFINE_ST(stq_le, uint64_t, 8, END_LITTLE)
DEFINE_ST(stq_be, uint64_t, 8, END_BIG)
