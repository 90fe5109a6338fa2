/*
 * The memory API: a tree of MemoryRegions per address space, flattened into
 * a sorted list of ranges that all guest-visible accesses are dispatched
 * through (CPUs, device DMA, qtest, the monitor, migration).
 *
 * See docs/devel/memory.md for the reasons behind the rules stated here.
 *
 * Threads: every function here runs under the big lock. Only the dirty
 * bitmap operations (exec/ram_addr.h) are atomic and may race with the
 * migration thread.
 */
#ifndef EXEC_MEMORY_H
#define EXEC_MEMORY_H

#include "qemu/osdep.h"
#include "qapi/error.h"
#include "exec/hwaddr.h"
#include "exec/memattrs.h"
#include "exec/cpu-common.h"

typedef struct Object Object;
typedef struct RAMBlock RAMBlock;
typedef struct MemoryRegion MemoryRegion;
typedef struct AddressSpace AddressSpace;
typedef struct FlatView FlatView;

/* Byte order of a device's registers. NATIVE is the binary's target order. */
enum device_endian {
    DEVICE_NATIVE_ENDIAN,
    DEVICE_BIG_ENDIAN,
    DEVICE_LITTLE_ENDIAN,
};

/*
 * Callbacks of an MMIO region. ADDR is relative to the region; DATA holds
 * the SIZE-byte register value as a number (byte order is applied by the
 * dispatcher according to ENDIANNESS, so a device never swaps bytes itself).
 * If a *_with_attrs callback is set it is used instead of the plain one.
 */
typedef struct MemoryRegionOps {
    uint64_t (*read)(void *opaque, hwaddr addr, unsigned size);
    void (*write)(void *opaque, hwaddr addr, uint64_t data, unsigned size);
    MemTxResult (*read_with_attrs)(void *opaque, hwaddr addr, uint64_t *data,
                                   unsigned size, MemTxAttrs attrs);
    MemTxResult (*write_with_attrs)(void *opaque, hwaddr addr, uint64_t data,
                                    unsigned size, MemTxAttrs attrs);
    enum device_endian endianness;
    /*
     * What the guest may do. An access of a size outside [min, max] (0
     * means 1 and 4), misaligned for its size without UNALIGNED, or refused
     * by ACCEPTS is logged under LOG_GUEST_ERROR and fails with
     * MEMTX_DECODE_ERROR; a rejected read returns 0.
     */
    struct {
        unsigned min_access_size;
        unsigned max_access_size;
        bool unaligned;
        bool (*accepts)(void *opaque, hwaddr addr, unsigned size,
                        bool is_write, MemTxAttrs attrs);
    } valid;
    /*
     * What the callbacks can handle (0 means 1 and 4). A valid access
     * wider than max is split into max-sized calls; one narrower than min
     * is widened to a min-sized, min-aligned call (unless UNALIGNED) and
     * the bytes are extracted. A narrow WRITE is widened the same way: the
     * other bytes of the wide write are ZERO (no read-modify-write, since
     * reads can have side effects); set min to 1 if that is wrong for you.
     */
    struct {
        unsigned min_access_size;
        unsigned max_access_size;
        bool unaligned;
    } impl;
} MemoryRegionOps;

/*
 * A node of the memory tree. Plain struct, embedded in its owner (usually a
 * device state); the owner calls memory_region_finalize() when it dies.
 * The fields up to ram_block may be read by anyone; change them only
 * through the functions below, which rebuild the flattened views.
 */
struct MemoryRegion {
    char *name;                 /* owned copy */
    Object *owner;              /* opaque: never dereferenced here */
    /*
     * Size in bytes. UINT64_MAX stands for the whole 64-bit space (2^64),
     * which is what a root container such as "system" uses.
     */
    uint64_t size;
    hwaddr addr;                /* offset in CONTAINER */
    MemoryRegion *container;
    bool enabled;
    bool readonly;              /* guest writes are ignored (and logged) */
    bool rom_device;            /* RAM for reads in romd mode, ops for writes */
    bool ram;                   /* has a RAMBlock (RAM, ROM, RAM from pointer) */
    int priority;
    MemoryRegion *alias;
    hwaddr alias_offset;
    RAMBlock *ram_block;

    /* Private. */
    const MemoryRegionOps *ops;
    void *opaque;
    bool romd_mode;
    bool initialized;
    uint64_t add_seq;           /* orders equal-priority siblings */
    GList *subregions;          /* MemoryRegion *, highest priority first */
};

/* One range of a flattened view: [start, last] maps to MR at OFFSET_IN_REGION. */
typedef struct FlatRange {
    hwaddr start;
    hwaddr last;                /* inclusive, so that 2^64 - 1 fits */
    MemoryRegion *mr;           /* terminal: RAM, ROM, rom device or MMIO */
    hwaddr offset_in_region;
    bool readonly;              /* MR or an alias/container leading to it */
} FlatRange;

/* Sorted, non-overlapping ranges; holes are unassigned. */
struct FlatView {
    FlatRange *ranges;
    unsigned nr;
};

struct AddressSpace {
    char *name;
    MemoryRegion *root;
    FlatView *current_map;
    /*
     * Incremented every time the view is rebuilt. A TLB that caches
     * translations compares it to know when to flush.
     */
    uint64_t generation;
};

/* ---- Regions ---- */

/* A container: no contents of its own; subregions decide what is there. */
void memory_region_init(MemoryRegion *mr, Object *owner, const char *name, uint64_t size);
void memory_region_init_io(MemoryRegion *mr, Object *owner, const MemoryRegionOps *ops,
                           void *opaque, const char *name, uint64_t size);
/*
 * RAM, zeroed and page aligned. NAME is also the RAMBlock id: a stable
 * string chosen by the board ("vexpress.highmem") that migration sends.
 * Fails (and leaves MR as a never-initialized region) if the id is empty,
 * too long, already used, or the memory cannot be allocated.
 */
bool memory_region_init_ram(MemoryRegion *mr, Object *owner, const char *name,
                            uint64_t size, Error **errp);
/* Like RAM but guest writes are ignored and logged; loaders use write_rom. */
bool memory_region_init_rom(MemoryRegion *mr, Object *owner, const char *name,
                            uint64_t size, Error **errp);
/*
 * RAM whose contents live at HOST (SIZE bytes, owned by the caller and
 * outliving MR). A bad or duplicate id is a programming error: aborts
 * with the message.
 */
void memory_region_init_ram_ptr(MemoryRegion *mr, Object *owner, const char *name,
                                uint64_t size, void *host);
/*
 * Flash-like device: reads come from RAM while in romd mode (the initial
 * mode), from OPS otherwise; writes always go to OPS.
 */
bool memory_region_init_rom_device(MemoryRegion *mr, Object *owner,
                                   const MemoryRegionOps *ops, void *opaque,
                                   const char *name, uint64_t size, Error **errp);
void memory_region_rom_device_set_romd(MemoryRegion *mr, bool romd_mode);
/* A window of SIZE bytes onto ORIG starting at OFFSET; ORIG may be anything. */
void memory_region_init_alias(MemoryRegion *mr, Object *owner, const char *name,
                              MemoryRegion *orig, hwaddr offset, uint64_t size);

/*
 * Removes MR from its container, detaches its subregions, frees its name
 * and RAM, and leaves it zeroed. Safe on a zeroed, never-initialized
 * struct and when called twice. MR must not be an address-space root or
 * the target of a live alias.
 */
void memory_region_finalize(MemoryRegion *mr);

/*
 * Places SUB at OFFSET in CONTAINER with priority 0 / PRIORITY. Where
 * siblings overlap, the higher priority wins; at equal priority the one
 * added later wins. SUB must not already be in a container.
 */
void memory_region_add_subregion(MemoryRegion *container, hwaddr offset, MemoryRegion *sub);
void memory_region_add_subregion_overlap(MemoryRegion *container, hwaddr offset,
                                         MemoryRegion *sub, int priority);
void memory_region_del_subregion(MemoryRegion *container, MemoryRegion *sub);
void memory_region_set_enabled(MemoryRegion *mr, bool enabled);
void memory_region_set_address(MemoryRegion *mr, hwaddr addr);
void memory_region_set_alias_offset(MemoryRegion *mr, hwaddr offset);
void memory_region_set_readonly(MemoryRegion *mr, bool readonly);
/* Changes a region's size (e.g. a BAR); rebuilds the views. */
void memory_region_set_size(MemoryRegion *mr, uint64_t size);

uint64_t memory_region_size(MemoryRegion *mr);
const char *memory_region_name(const MemoryRegion *mr);
/* Host address of the first byte of a RAM region (or an alias of one). */
void *memory_region_get_ram_ptr(MemoryRegion *mr);
/* ram_addr_t of the first byte of a RAM region (or an alias of one). */
ram_addr_t memory_region_get_ram_addr(MemoryRegion *mr);
bool memory_region_is_ram(const MemoryRegion *mr);
bool memory_region_is_rom(const MemoryRegion *mr);
bool memory_region_is_romd(const MemoryRegion *mr);

/*
 * Whether an access of the given direction to MR (a terminal region from
 * a FlatRange or address_space_translate) may use its host memory
 * directly; false means it must go through memory_region_dispatch_*.
 * READONLY is the FlatRange's flag (pass mr->readonly if unknown).
 */
static inline bool memory_access_is_direct(const MemoryRegion *mr, bool is_write,
                                           bool readonly)
{
    if (is_write) {
        return mr->ram && !mr->rom_device && !readonly;
    }
    return mr->ram && (!mr->rom_device || mr->romd_mode);
}

/*
 * Batch changes: the views are rebuilt once, at the outermost commit.
 * Every mutator above is its own transaction when called outside one.
 */
void memory_region_transaction_begin(void);
void memory_region_transaction_commit(void);

/*
 * MMIO access to a terminal region, with the checks and splitting that
 * MemoryRegionOps describes. VAL is the SIZE-byte value in the device's
 * byte order (as the device's callback sees it). SIZE is 1, 2, 4 or 8.
 * Regions without ops (RAM, containers) are accessed as bytes of memory.
 */
MemTxResult memory_region_dispatch_read(MemoryRegion *mr, hwaddr addr, uint64_t *val,
                                        unsigned size, MemTxAttrs attrs);
MemTxResult memory_region_dispatch_write(MemoryRegion *mr, hwaddr addr, uint64_t val,
                                         unsigned size, MemTxAttrs attrs);
/* Whether MR's registers are big-endian (DEVICE_NATIVE resolved). */
bool memory_region_big_endian(const MemoryRegion *mr);

/* ---- Dirty tracking (page granule: TARGET_PAGE_SIZE) ---- */

#define DIRTY_MEMORY_VGA        0   /* framebuffers; always enabled */
#define DIRTY_MEMORY_CODE       1   /* clear bit = translated code in page */
#define DIRTY_MEMORY_MIGRATION  2   /* enabled by memory_global_dirty_log_start */
#define DIRTY_MEMORY_NUM        3

/* ADDR/SIZE are relative to MR, a RAM region or an alias of one. */
void memory_region_set_dirty(MemoryRegion *mr, hwaddr addr, hwaddr size);
bool memory_region_get_dirty(MemoryRegion *mr, hwaddr addr, hwaddr size, unsigned client);
void memory_region_reset_dirty(MemoryRegion *mr, hwaddr addr, hwaddr size, unsigned client);
bool memory_region_test_and_clear_dirty(MemoryRegion *mr, hwaddr addr, hwaddr size,
                                        unsigned client);
/*
 * Enables the MIGRATION client: from now on writes set its bits. Start
 * clears the MIGRATION bits of every block, so a session sees only the
 * writes made during it (migration starts with its own all-ones bitmap).
 */
void memory_global_dirty_log_start(void);
void memory_global_dirty_log_stop(void);
bool memory_global_dirty_log_active(void);

/* ---- Address spaces ---- */

void address_space_init(AddressSpace *as, MemoryRegion *root, const char *name);
void address_space_destroy(AddressSpace *as);

/*
 * Byte-buffer accesses. BUF holds guest memory in guest byte order (byte
 * i is the byte at ADDR + i). Accesses crossing region boundaries are
 * split; MMIO parts are issued in the widest sizes the device accepts.
 * Unassigned bytes read as 0 and writes to them are dropped; both are
 * logged under LOG_GUEST_ERROR and give MEMTX_DECODE_ERROR. Results of
 * the pieces are OR-ed.
 */
MemTxResult address_space_read(AddressSpace *as, hwaddr addr, MemTxAttrs attrs,
                               void *buf, hwaddr len);
MemTxResult address_space_write(AddressSpace *as, hwaddr addr, MemTxAttrs attrs,
                                const void *buf, hwaddr len);
MemTxResult address_space_rw(AddressSpace *as, hwaddr addr, MemTxAttrs attrs,
                             void *buf, hwaddr len, bool is_write);
/* Like write, but also stores into ROM and rom devices; MMIO is skipped. */
MemTxResult address_space_write_rom(AddressSpace *as, hwaddr addr, MemTxAttrs attrs,
                                    const void *buf, hwaddr len);

/*
 * The lookup a TLB uses: the terminal region at ADDR (aliases resolved)
 * and, in *XLAT, the offset in it. On entry *PLEN is the length wanted;
 * on return it is cut to the bytes contiguous in that region. Returns NULL
 * for an unassigned address (*PLEN then is cut to the size of the hole).
 */
MemoryRegion *address_space_translate(AddressSpace *as, hwaddr addr, hwaddr *xlat,
                                      hwaddr *plen, bool is_write, MemTxAttrs attrs);
/* The flat range holding ADDR, or NULL. Valid until the next rebuild. */
const FlatRange *address_space_lookup(AddressSpace *as, hwaddr addr);

/*
 * Sized loads and stores. Without suffix: the target's byte order; _le/_be
 * explicit. RESULT may be NULL. An MMIO access is one device call of that
 * size (subject to the device's valid rules); one crossing regions falls
 * back to the byte path.
 */
#define ADDRESS_SPACE_LD_DECL(name, type)                                          \
    type address_space_##name(AddressSpace *as, hwaddr addr, MemTxAttrs attrs,  \
                              MemTxResult *result)
#define ADDRESS_SPACE_ST_DECL(name, type)                                          \
    void address_space_##name(AddressSpace *as, hwaddr addr, type val,          \
                              MemTxAttrs attrs, MemTxResult *result)
ADDRESS_SPACE_LD_DECL(ldub, uint8_t);
ADDRESS_SPACE_LD_DECL(lduw, uint16_t);
ADDRESS_SPACE_LD_DECL(lduw_le, uint16_t);
ADDRESS_SPACE_LD_DECL(lduw_be, uint16_t);
ADDRESS_SPACE_LD_DECL(ldl, uint32_t);
ADDRESS_SPACE_LD_DECL(ldl_le, uint32_t);
ADDRESS_SPACE_LD_DECL(ldl_be, uint32_t);
ADDRESS_SPACE_LD_DECL(ldq, uint64_t);
ADDRESS_SPACE_LD_DECL(ldq_le, uint64_t);
ADDRESS_SPACE_LD_DECL(ldq_be, uint64_t);
ADDRESS_SPACE_ST_DECL(stb, uint8_t);
ADDRESS_SPACE_ST_DECL(stw, uint16_t);
ADDRESS_SPACE_ST_DECL(stw_le, uint16_t);
ADDRESS_SPACE_ST_DECL(stw_be, uint16_t);
ADDRESS_SPACE_ST_DECL(stl, uint32_t);
ADDRESS_SPACE_ST_DECL(stl_le, uint32_t);
ADDRESS_SPACE_ST_DECL(stl_be, uint32_t);
ADDRESS_SPACE_ST_DECL(stq, uint64_t);
ADDRESS_SPACE_ST_DECL(stq_le, uint64_t);
ADDRESS_SPACE_ST_DECL(stq_be, uint64_t);
#undef ADDRESS_SPACE_LD_DECL
#undef ADDRESS_SPACE_ST_DECL

/* ---- System memory ---- */

/* Container "system", size 2^64, created on first use. */
MemoryRegion *get_system_memory(void);
/* Container "io", 64 KiB (port I/O), created on first use. */
MemoryRegion *get_system_io(void);
extern AddressSpace address_space_memory;   /* name "memory", root system */
extern AddressSpace address_space_io;       /* name "I/O", root io */
/* Initializes the two address spaces above. Idempotent. */
void memory_init(void);

/*
 * "info mtree": the region tree of every address space, or with FLATVIEW
 * the flattened ranges of each. Appends to OUT.
 */
void mtree_info(bool flatview, GString *out);

#endif
