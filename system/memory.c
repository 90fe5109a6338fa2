/*
 * The memory region tree: building it, flattening it into per-address-space
 * views, dispatching MMIO accesses to devices, and printing it.
 */
#include "qemu/osdep.h"
#include "qemu/log.h"
#include "exec/memory.h"
#include "exec/ramblock.h"
#include "system/memory-internal.h"

/*
 * Range arithmetic is done in 128 bits: a region may span all 2^64 bytes,
 * and an alias's target may start "below zero" in the alias's frame.
 */
typedef __int128 s128;

static unsigned transaction_depth;
static bool update_pending;
static GList *address_spaces;           /* AddressSpace *, in init order */
static uint64_t add_seq_counter;

static s128 mr_size128(const MemoryRegion *mr)
{
    return mr->size == UINT64_MAX ? (s128)1 << 64 : (s128)mr->size;
}

/* ---- Initialization ---- */

static void mr_init_common(MemoryRegion *mr, Object *owner, const char *name,
                           uint64_t size)
{
    memset(mr, 0, sizeof(*mr));
    mr->name = g_strdup(name ? name : "anonymous");
    mr->owner = owner;
    mr->size = size;
    mr->enabled = true;
    mr->initialized = true;
}

void memory_region_init(MemoryRegion *mr, Object *owner, const char *name, uint64_t size)
{
    mr_init_common(mr, owner, name, size);
}

void memory_region_init_io(MemoryRegion *mr, Object *owner, const MemoryRegionOps *ops,
                           void *opaque, const char *name, uint64_t size)
{
    static const MemoryRegionOps no_ops;

    mr_init_common(mr, owner, name, size);
    mr->ops = ops ? ops : &no_ops;
    mr->opaque = opaque;
}

static bool mr_init_ram_common(MemoryRegion *mr, Object *owner, const char *name,
                               uint64_t size, void *host, Error **errp)
{
    mr_init_common(mr, owner, name, size);
    mr->ram = true;
    mr->ram_block = qemu_ram_alloc(mr, name, size, host, errp);
    if (!mr->ram_block) {
        g_free(mr->name);
        memset(mr, 0, sizeof(*mr));
        return false;
    }
    return true;
}

bool memory_region_init_ram(MemoryRegion *mr, Object *owner, const char *name,
                            uint64_t size, Error **errp)
{
    return mr_init_ram_common(mr, owner, name, size, NULL, errp);
}

bool memory_region_init_rom(MemoryRegion *mr, Object *owner, const char *name,
                            uint64_t size, Error **errp)
{
    if (!mr_init_ram_common(mr, owner, name, size, NULL, errp)) {
        return false;
    }
    mr->readonly = true;
    return true;
}

void memory_region_init_ram_ptr(MemoryRegion *mr, Object *owner, const char *name,
                                uint64_t size, void *host)
{
    assert(host);
    mr_init_ram_common(mr, owner, name, size, host, &error_abort);
}

bool memory_region_init_rom_device(MemoryRegion *mr, Object *owner,
                                   const MemoryRegionOps *ops, void *opaque,
                                   const char *name, uint64_t size, Error **errp)
{
    if (!mr_init_ram_common(mr, owner, name, size, NULL, errp)) {
        return false;
    }
    mr->rom_device = true;
    mr->romd_mode = true;
    mr->ops = ops;
    mr->opaque = opaque;
    return true;
}

void memory_region_init_alias(MemoryRegion *mr, Object *owner, const char *name,
                              MemoryRegion *orig, hwaddr offset, uint64_t size)
{
    assert(orig && orig != mr);
    mr_init_common(mr, owner, name, size);
    mr->alias = orig;
    mr->alias_offset = offset;
}

/* ---- Transactions and view rebuilding ---- */

static void flat_fill(GArray *arr, s128 start, s128 end, MemoryRegion *mr, s128 base, bool ro)
{
    guint i = 0;
    s128 cur = start;

    /* Ranges are sorted and disjoint: walk them once, filling the holes. */
    while (cur < end) {
        FlatRange *fr;
        s128 gap_end = end;

        while (i < arr->len && (s128)g_array_index(arr, FlatRange, i).last < cur) {
            i++;
        }
        fr = i < arr->len ? &g_array_index(arr, FlatRange, i) : NULL;
        if (fr && (s128)fr->start <= cur) {
            cur = (s128)fr->last + 1;
            i++;
            continue;
        }
        if (fr && (s128)fr->start < gap_end) {
            gap_end = fr->start;
        }
        FlatRange nr = {
            .start = (hwaddr)cur,
            .last = (hwaddr)(gap_end - 1),
            .mr = mr,
            .offset_in_region = (hwaddr)(cur - base),
            .readonly = ro,
        };
        g_array_insert_val(arr, i, nr);
        i++;
        cur = gap_end;
    }
}

/*
 * Renders MR, whose offset 0 is at absolute address BASE, into ARR, within
 * [CLIP_START, CLIP_END). Subregions are visited highest priority first and
 * only fill what is still empty, so the winner of an overlap is the first
 * one rendered; a terminal region then fills the holes its subregions left.
 */
static void render(GArray *arr, MemoryRegion *mr, s128 base, s128 clip_start, s128 clip_end,
                   bool ro, unsigned depth)
{
    s128 start, end;

    assert(depth < 64);     /* an alias cycle is a board bug */
    if (!mr->enabled) {
        return;
    }
    start = MAX(base, clip_start);
    end = MIN(base + mr_size128(mr), clip_end);
    if (start >= end) {
        return;
    }
    ro = ro || mr->readonly;
    if (mr->alias) {
        render(arr, mr->alias, base - (s128)mr->alias_offset, start, end, ro, depth + 1);
        return;
    }
    for (GList *l = mr->subregions; l; l = l->next) {
        MemoryRegion *sub = l->data;

        render(arr, sub, base + (s128)sub->addr, start, end, ro, depth + 1);
    }
    if (mr->ram || mr->ops) {
        flat_fill(arr, start, end, mr, base, ro);
    }
}

static FlatView *generate_flatview(MemoryRegion *root)
{
    GArray *arr = g_array_new(FALSE, FALSE, sizeof(FlatRange));
    FlatView *fv = g_new0(FlatView, 1);
    guint out = 0;

    if (root) {
        render(arr, root, 0, 0, (s128)1 << 64, false, 0);
    }
    /* Merge neighbours that continue each other (e.g. split by a hole filled later). */
    for (guint i = 0; i < arr->len; i++) {
        FlatRange *cur = &g_array_index(arr, FlatRange, i);
        FlatRange *prev = out ? &g_array_index(arr, FlatRange, out - 1) : NULL;

        if (prev && prev->mr == cur->mr && prev->readonly == cur->readonly &&
            prev->last + 1 == cur->start &&
            prev->offset_in_region + (prev->last - prev->start + 1) == cur->offset_in_region) {
            prev->last = cur->last;
            continue;
        }
        g_array_index(arr, FlatRange, out++) = *cur;
    }
    fv->nr = out;
    fv->ranges = (FlatRange *)g_array_free(arr, FALSE);
    return fv;
}

static void flatview_free(FlatView *fv)
{
    if (fv) {
        g_free(fv->ranges);
        g_free(fv);
    }
}

static void address_space_update(AddressSpace *as)
{
    FlatView *old = as->current_map;

    as->current_map = generate_flatview(as->root);
    as->generation++;
    flatview_free(old);
}

void memory_region_transaction_begin(void)
{
    transaction_depth++;
}

void memory_region_transaction_commit(void)
{
    assert(transaction_depth > 0);
    if (--transaction_depth == 0 && update_pending) {
        update_pending = false;
        for (GList *l = address_spaces; l; l = l->next) {
            address_space_update(l->data);
        }
    }
}

/* Every mutation of the tree goes through here. */
static void memory_changed(void)
{
    memory_region_transaction_begin();
    update_pending = true;
    memory_region_transaction_commit();
}

/* ---- Tree manipulation ---- */

void memory_region_add_subregion_overlap(MemoryRegion *container, hwaddr offset,
                                         MemoryRegion *sub, int priority)
{
    GList *l;

    assert(container->initialized && sub->initialized);
    assert(!sub->container && sub != container);
    sub->container = container;
    sub->addr = offset;
    sub->priority = priority;
    sub->add_seq = ++add_seq_counter;
    /* Highest priority first; a newcomer goes before its equals (it wins). */
    for (l = container->subregions; l; l = l->next) {
        MemoryRegion *other = l->data;

        if (other->priority <= priority) {
            break;
        }
    }
    container->subregions = g_list_insert_before(container->subregions, l, sub);
    memory_changed();
}

void memory_region_add_subregion(MemoryRegion *container, hwaddr offset, MemoryRegion *sub)
{
    memory_region_add_subregion_overlap(container, offset, sub, 0);
}

void memory_region_del_subregion(MemoryRegion *container, MemoryRegion *sub)
{
    assert(sub->container == container);
    container->subregions = g_list_remove(container->subregions, sub);
    sub->container = NULL;
    memory_changed();
}

void memory_region_set_enabled(MemoryRegion *mr, bool enabled)
{
    if (mr->enabled != enabled) {
        mr->enabled = enabled;
        memory_changed();
    }
}

void memory_region_set_address(MemoryRegion *mr, hwaddr addr)
{
    if (mr->addr != addr) {
        mr->addr = addr;
        memory_changed();
    }
}

void memory_region_set_alias_offset(MemoryRegion *mr, hwaddr offset)
{
    assert(mr->alias);
    if (mr->alias_offset != offset) {
        mr->alias_offset = offset;
        memory_changed();
    }
}

void memory_region_set_readonly(MemoryRegion *mr, bool readonly)
{
    if (mr->readonly != readonly) {
        mr->readonly = readonly;
        memory_changed();
    }
}

void memory_region_set_size(MemoryRegion *mr, uint64_t size)
{
    if (mr->size != size) {
        mr->size = size;
        memory_changed();
    }
}

void memory_region_rom_device_set_romd(MemoryRegion *mr, bool romd_mode)
{
    assert(mr->rom_device);
    if (mr->romd_mode != romd_mode) {
        mr->romd_mode = romd_mode;
        /* Not a layout change, but cached translations must be dropped. */
        memory_changed();
    }
}

void memory_region_finalize(MemoryRegion *mr)
{
    if (!mr->initialized) {
        return;
    }
    for (GList *l = address_spaces; l; l = l->next) {
        assert(((AddressSpace *)l->data)->root != mr);
    }
    memory_region_transaction_begin();
    if (mr->container) {
        memory_region_del_subregion(mr->container, mr);
    }
    for (GList *l = mr->subregions; l; l = l->next) {
        ((MemoryRegion *)l->data)->container = NULL;
    }
    g_list_free(mr->subregions);
    mr->subregions = NULL;
    if (mr->ram_block) {
        qemu_ram_free(mr->ram_block);
    }
    g_free(mr->name);
    memset(mr, 0, sizeof(*mr));
    update_pending = true;
    memory_region_transaction_commit();
}

/* ---- Queries ---- */

uint64_t memory_region_size(MemoryRegion *mr)
{
    return mr->size;
}

const char *memory_region_name(const MemoryRegion *mr)
{
    return mr->name;
}

bool memory_region_is_ram(const MemoryRegion *mr)
{
    return mr->ram;
}

bool memory_region_is_rom(const MemoryRegion *mr)
{
    return mr->ram && mr->readonly && !mr->rom_device;
}

bool memory_region_is_romd(const MemoryRegion *mr)
{
    return mr->rom_device && mr->romd_mode;
}

bool memory_region_big_endian(const MemoryRegion *mr)
{
    switch (mr->ops ? mr->ops->endianness : DEVICE_NATIVE_ENDIAN) {
    case DEVICE_BIG_ENDIAN:
        return true;
    case DEVICE_LITTLE_ENDIAN:
        return false;
    default:
        return target_big_endian();
    }
}

/* ---- MMIO dispatch ---- */

static const char *access_invalid_reason(MemoryRegion *mr, hwaddr addr, unsigned size,
                                         bool is_write, MemTxAttrs attrs, char *buf,
                                         size_t buflen)
{
    const MemoryRegionOps *ops = mr->ops;
    unsigned vmin = ops->valid.min_access_size ? ops->valid.min_access_size : 1;
    unsigned vmax = ops->valid.max_access_size ? ops->valid.max_access_size : 4;

    if (size < vmin || size > vmax) {
        snprintf(buf, buflen, "invalid size (valid %u..%u)", vmin, vmax);
        return buf;
    }
    if (!ops->valid.unaligned && (addr & (size - 1))) {
        return "unaligned";
    }
    if (ops->valid.accepts && !ops->valid.accepts(mr->opaque, addr, size, is_write, attrs)) {
        return "rejected";
    }
    return NULL;
}

static MemTxResult call_read(MemoryRegion *mr, hwaddr addr, uint64_t *val, unsigned size,
                             MemTxAttrs attrs)
{
    const MemoryRegionOps *ops = mr->ops;
    uint64_t mask = size == 8 ? UINT64_MAX : (1ULL << (8 * size)) - 1;
    MemTxResult r = MEMTX_OK;

    *val = 0;
    if (ops->read_with_attrs) {
        r = ops->read_with_attrs(mr->opaque, addr, val, size, attrs);
    } else if (ops->read) {
        *val = ops->read(mr->opaque, addr, size);
    } else {
        qemu_log_mask(LOG_GUEST_ERROR, "Invalid read at addr 0x%" HWADDR_PRIx
                      ", size %u, region '%s', reason: not readable\n",
                      addr, size, mr->name);
        return MEMTX_DECODE_ERROR;
    }
    *val &= mask;
    return r;
}

static MemTxResult call_write(MemoryRegion *mr, hwaddr addr, uint64_t val, unsigned size,
                              MemTxAttrs attrs)
{
    const MemoryRegionOps *ops = mr->ops;

    if (ops->write_with_attrs) {
        return ops->write_with_attrs(mr->opaque, addr, val, size, attrs);
    }
    if (ops->write) {
        ops->write(mr->opaque, addr, val, size);
        return MEMTX_OK;
    }
    qemu_log_mask(LOG_GUEST_ERROR, "Invalid write at addr 0x%" HWADDR_PRIx
                  ", size %u, region '%s', reason: not writable\n", addr, size, mr->name);
    return MEMTX_DECODE_ERROR;
}

/* Bit position of byte I of an N-byte value stored in the given order. */
static unsigned byte_shift(unsigned i, unsigned n, bool be)
{
    return be ? 8 * (n - 1 - i) : 8 * i;
}

/*
 * Performs a valid access through callbacks limited to ops->impl: covers
 * [ADDR, ADDR+SIZE) with impl-sized (and, unless impl.unaligned, aligned)
 * calls and moves each byte between the calls' values and *VAL in the
 * region's byte order.
 */
static MemTxResult access_with_impl(MemoryRegion *mr, hwaddr addr, uint64_t *val,
                                    unsigned size, bool is_write, MemTxAttrs attrs)
{
    const MemoryRegionOps *ops = mr->ops;
    unsigned imin = ops->impl.min_access_size ? ops->impl.min_access_size : 1;
    unsigned imax = ops->impl.max_access_size ? ops->impl.max_access_size : 4;
    unsigned n = MIN(MAX(size, imin), imax);
    bool be = memory_region_big_endian(mr);
    MemTxResult r = MEMTX_OK;
    hwaddr start;
    uint64_t out = 0;

    if (n == size && (ops->impl.unaligned || !(addr & (size - 1)))) {
        return is_write ? call_write(mr, addr, *val, size, attrs)
                        : call_read(mr, addr, val, size, attrs);
    }
    start = ops->impl.unaligned ? addr : QEMU_ALIGN_DOWN(addr, n);
    for (hwaddr a = start; a < addr + size; a += n) {
        uint64_t w = 0;

        if (is_write) {
            for (unsigned j = 0; j < n; j++) {
                if (a + j >= addr && a + j < addr + size) {
                    uint64_t b = (*val >> byte_shift(a + j - addr, size, be)) & 0xff;

                    w |= b << byte_shift(j, n, be);
                }
            }
            r |= call_write(mr, a, w, n, attrs);
        } else {
            r |= call_read(mr, a, &w, n, attrs);
            for (unsigned j = 0; j < n; j++) {
                if (a + j >= addr && a + j < addr + size) {
                    uint64_t b = (w >> byte_shift(j, n, be)) & 0xff;

                    out |= b << byte_shift(a + j - addr, size, be);
                }
            }
        }
    }
    if (!is_write) {
        *val = out;
    }
    return r;
}

static MemTxResult dispatch(MemoryRegion *mr, hwaddr addr, uint64_t *val, unsigned size,
                            bool is_write, MemTxAttrs attrs)
{
    char buf[64];
    const char *reason;

    assert(size == 1 || size == 2 || size == 4 || size == 8);
    if (!mr->ops || (!is_write && memory_region_is_romd(mr))) {
        /* Plain memory: the bytes are the value in target order. */
        void *p;

        if (!mr->ram) {
            if (!is_write) {
                *val = 0;
            }
            return MEMTX_DECODE_ERROR;
        }
        p = (uint8_t *)memory_region_get_ram_ptr(mr) + addr;
        if (is_write) {
            mem_stn(p, size, target_big_endian(), *val);
            memory_region_set_dirty(mr, addr, size);
        } else {
            *val = mem_ldn(p, size, target_big_endian());
        }
        return MEMTX_OK;
    }
    reason = access_invalid_reason(mr, addr, size, is_write, attrs, buf, sizeof(buf));
    if (reason) {
        qemu_log_mask(LOG_GUEST_ERROR, "Invalid %s at addr 0x%" HWADDR_PRIx
                      ", size %u, region '%s', reason: %s\n",
                      is_write ? "write" : "read", addr, size, mr->name, reason);
        if (!is_write) {
            *val = 0;
        }
        return MEMTX_DECODE_ERROR;
    }
    return access_with_impl(mr, addr, val, size, is_write, attrs);
}

MemTxResult memory_region_dispatch_read(MemoryRegion *mr, hwaddr addr, uint64_t *val,
                                        unsigned size, MemTxAttrs attrs)
{
    return dispatch(mr, addr, val, size, false, attrs);
}

MemTxResult memory_region_dispatch_write(MemoryRegion *mr, hwaddr addr, uint64_t val,
                                         unsigned size, MemTxAttrs attrs)
{
    return dispatch(mr, addr, &val, size, true, attrs);
}

/* ---- Address spaces ---- */

void address_space_init(AddressSpace *as, MemoryRegion *root, const char *name)
{
    memset(as, 0, sizeof(*as));
    as->name = g_strdup(name ? name : "anonymous");
    as->root = root;
    address_spaces = g_list_append(address_spaces, as);
    address_space_update(as);
}

void address_space_destroy(AddressSpace *as)
{
    address_spaces = g_list_remove(address_spaces, as);
    flatview_free(as->current_map);
    g_free(as->name);
    memset(as, 0, sizeof(*as));
}

const FlatRange *flatview_find(const FlatView *fv, hwaddr addr, hwaddr *hole)
{
    unsigned lo = 0, hi = fv->nr;

    /* First range whose last byte is >= ADDR. */
    while (lo < hi) {
        unsigned mid = lo + (hi - lo) / 2;

        if (fv->ranges[mid].last < addr) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    if (lo < fv->nr && fv->ranges[lo].start <= addr) {
        return &fv->ranges[lo];
    }
    if (hole) {
        *hole = lo < fv->nr ? fv->ranges[lo].start - addr : -addr;
    }
    return NULL;
}

const FlatRange *address_space_lookup(AddressSpace *as, hwaddr addr)
{
    return flatview_find(as->current_map, addr, NULL);
}

/* ---- System memory ---- */

static MemoryRegion system_memory;
static MemoryRegion system_io;
AddressSpace address_space_memory;
AddressSpace address_space_io;

MemoryRegion *get_system_memory(void)
{
    if (!system_memory.initialized) {
        memory_region_init(&system_memory, NULL, "system", UINT64_MAX);
    }
    return &system_memory;
}

MemoryRegion *get_system_io(void)
{
    if (!system_io.initialized) {
        memory_region_init(&system_io, NULL, "io", 64 * KiB);
    }
    return &system_io;
}

void memory_init(void)
{
    if (!address_space_memory.root) {
        address_space_init(&address_space_memory, get_system_memory(), "memory");
        address_space_init(&address_space_io, get_system_io(), "I/O");
    }
}

/* ---- "info mtree" ---- */

static const char *mr_kind(const MemoryRegion *mr)
{
    while (mr->alias) {
        mr = mr->alias;
    }
    if (memory_region_is_romd(mr)) {
        return "romd";
    }
    if (mr->ram && !mr->rom_device) {
        return mr->readonly ? "rom" : "ram";
    }
    /* Containers print as "i/o", as QEMU's output does. */
    return "i/o";
}

static hwaddr range_last(hwaddr first, uint64_t size)
{
    s128 last = (s128)first + (size == UINT64_MAX ? (s128)1 << 64 : (s128)size) - 1;

    return last > (s128)UINT64_MAX ? UINT64_MAX : (hwaddr)last;
}

static gint mtree_order(gconstpointer a, gconstpointer b)
{
    const MemoryRegion *x = *(MemoryRegion *const *)a;
    const MemoryRegion *y = *(MemoryRegion *const *)b;

    if (x->addr != y->addr) {
        return x->addr < y->addr ? -1 : 1;
    }
    if (x->priority != y->priority) {
        return x->priority > y->priority ? -1 : 1;
    }
    return x->add_seq > y->add_seq ? -1 : x->add_seq < y->add_seq;
}

static void mtree_print_mr(GString *out, const MemoryRegion *mr, hwaddr base, unsigned level)
{
    hwaddr first = base + mr->addr;
    g_autoptr(GPtrArray) kids = g_ptr_array_new();

    g_string_append_printf(out, "%*s" HWADDR_FMT_plx "-" HWADDR_FMT_plx " (prio %d, %s): ",
                           level * 2, "", first, range_last(first, mr->size),
                           mr->priority, mr_kind(mr));
    if (mr->alias) {
        g_string_append_printf(out, "alias %s @%s " HWADDR_FMT_plx "-" HWADDR_FMT_plx,
                               mr->name, mr->alias->name, mr->alias_offset,
                               range_last(mr->alias_offset, mr->size));
    } else {
        g_string_append(out, mr->name);
    }
    g_string_append(out, mr->enabled ? "\n" : " [disabled]\n");

    for (GList *l = mr->subregions; l; l = l->next) {
        g_ptr_array_add(kids, l->data);
    }
    g_ptr_array_sort(kids, mtree_order);
    for (guint i = 0; i < kids->len; i++) {
        mtree_print_mr(out, g_ptr_array_index(kids, i), first, level + 1);
    }
}

void mtree_info(bool flatview, GString *out)
{
    unsigned n = 0;

    for (GList *l = address_spaces; l; l = l->next, n++) {
        AddressSpace *as = l->data;
        FlatView *fv = as->current_map;

        if (!flatview) {
            g_string_append_printf(out, "address-space: %s\n", as->name);
            if (as->root) {
                mtree_print_mr(out, as->root, 0, 1);
            }
            g_string_append(out, "\n");
            continue;
        }
        g_string_append_printf(out, "FlatView #%u\n AS \"%s\", root: %s\n"
                               " Root memory region: %s\n", n, as->name,
                               as->root ? as->root->name : "(none)",
                               as->root ? as->root->name : "(none)");
        if (!fv->nr) {
            g_string_append(out, "  No rendered FlatView\n");
        }
        for (unsigned i = 0; i < fv->nr; i++) {
            const FlatRange *fr = &fv->ranges[i];

            g_string_append_printf(out, "  " HWADDR_FMT_plx "-" HWADDR_FMT_plx
                                   " (prio %d, %s): %s", fr->start, fr->last,
                                   fr->mr->priority,
                                   fr->readonly && fr->mr->ram ? "rom" : mr_kind(fr->mr),
                                   fr->mr->name);
            if (fr->offset_in_region) {
                g_string_append_printf(out, " @" HWADDR_FMT_plx, fr->offset_in_region);
            }
            g_string_append(out, "\n");
        }
        g_string_append(out, "\n");
    }
}
