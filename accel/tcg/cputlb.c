/*
 * The softmmu TLB: filling entries from the target's page walk, flushing,
 * and the slow paths of guest loads and stores (misses, MMIO, writes to
 * pages holding translated code, accesses crossing a page).
 *
 * Tags follow exec/tlb-common.h. Per entry, CPUState keeps beside the
 * fast table a "full" record with what the slow path needs: the guest
 * physical page and, for RAM, its ram address (dirty tracking).
 */
#include "qemu/osdep.h"
#include "exec/exec-all.h"
#include "exec/memory.h"
#include "exec/ram_addr.h"
#include "qemu/log.h"
#include "qemu/main-loop.h"

typedef struct CPUTLBEntryFull {
    uint64_t paddr;         /* guest physical page address */
    ram_addr_t ram_addr;    /* of the page, for RAM; RAM_ADDR_INVALID else */
} CPUTLBEntryFull;

#define RAM_ADDR_INVALID ((ram_addr_t)-1)

/*
 * What a vCPU's TLB keeps beside the fast tables (allocated with the
 * first fill): the full records, the victim TLB (a small fully
 * associative array per mode receiving the entries a fill evicts), and
 * per mode the span of the mappings larger than a page it holds.
 */
typedef struct CPUTLBSide {
    CPUTLBEntryFull full[CPU_MAX_MMU_MODES][CPU_TLB_SIZE];
    CPUTLBEntry vtable[CPU_MAX_MMU_MODES][CPU_VTLB_SIZE];
    CPUTLBEntryFull vfull[CPU_MAX_MMU_MODES][CPU_VTLB_SIZE];
    unsigned vnext[CPU_MAX_MMU_MODES];
    vaddr large_addr[CPU_MAX_MMU_MODES];
    vaddr large_mask[CPU_MAX_MMU_MODES];    /* 0: no large mapping */
} CPUTLBSide;

static GHashTable *tlb_sides;   /* CPUState * -> CPUTLBSide * */

static CPUTLBSide *tlb_side(CPUState *cs)
{
    CPUTLBSide *side;

    if (!tlb_sides) {
        tlb_sides = g_hash_table_new_full(NULL, NULL, NULL, g_free);
    }
    side = g_hash_table_lookup(tlb_sides, cs);
    if (!side) {
        side = g_new0(CPUTLBSide, 1);
        memset(side->vtable, 0xff, sizeof(side->vtable));
        g_hash_table_insert(tlb_sides, cs, side);
    }
    return side;
}

static CPUTLBEntryFull *tlb_full(CPUState *cs, int mmu_idx, unsigned index)
{
    return &tlb_side(cs)->full[mmu_idx][index];
}

static inline unsigned tlb_index(vaddr addr)
{
    return (addr >> TARGET_PAGE_BITS) & (CPU_TLB_SIZE - 1);
}

static inline CPUTLBEntry *tlb_entry(CPUState *cs, int mmu_idx, vaddr addr)
{
    return &cs->tlb_table[mmu_idx][tlb_index(addr)];
}

/* Whether TAG maps the page of ADDR (flag bits ignored, invalid excluded). */
static inline bool tlb_hit(uint64_t tag, vaddr addr)
{
    return !(tag & TLB_INVALID_MASK) && (tag & TARGET_PAGE_MASK) == (addr & TARGET_PAGE_MASK);
}

static bool tlb_entry_maps(const CPUTLBEntry *e, vaddr addr)
{
    return tlb_hit(e->addr_read, addr) || tlb_hit(e->addr_write, addr) ||
           tlb_hit(e->addr_code, addr);
}

static void tlb_jmp_cache_clear(CPUState *cs)
{
    /* The jump cache is keyed by virtual pc: a mapping change stales it. */
    if (cs->tb_jmp_cache) {
        memset(cs->tb_jmp_cache, 0, sizeof(TranslationBlock *) * TB_JMP_CACHE_SIZE);
    }
}

static void tlb_flush_one_mmuidx(CPUState *cs, int mmu_idx)
{
    memset(cs->tlb_table[mmu_idx], 0xff, sizeof(CPUTLBEntry) * CPU_TLB_SIZE);
    if (tlb_sides && g_hash_table_lookup(tlb_sides, cs)) {
        CPUTLBSide *side = tlb_side(cs);

        memset(side->vtable[mmu_idx], 0xff, sizeof(side->vtable[mmu_idx]));
        side->large_mask[mmu_idx] = 0;
    }
}

void tlb_flush_by_mmuidx(CPUState *cs, uint16_t idxmap)
{
    for (unsigned i = 0; i < cs->nb_mmu_modes; i++) {
        if (idxmap & (1u << i)) {
            tlb_flush_one_mmuidx(cs, i);
        }
    }
    qemu_log_mask(CPU_LOG_MMU, "tlb_flush: cpu %d mmu_idx map 0x%x\n", cs->cpu_index, idxmap);
    tlb_jmp_cache_clear(cs);
}

void tlb_flush(CPUState *cs)
{
    tlb_flush_by_mmuidx(cs, (1u << cs->nb_mmu_modes) - 1);
    cs->tlb_as_generation = address_space_memory.generation;
}

void tlb_flush_page_by_mmuidx(CPUState *cs, vaddr addr, uint16_t idxmap)
{
    CPUTLBSide *side = tlb_sides ? g_hash_table_lookup(tlb_sides, cs) : NULL;

    for (unsigned i = 0; i < cs->nb_mmu_modes; i++) {
        CPUTLBEntry *e = tlb_entry(cs, i, addr);

        if (!(idxmap & (1u << i))) {
            continue;
        }
        if (side && side->large_mask[i] &&
            (addr & side->large_mask[i]) == side->large_addr[i]) {
            /* Inside a mapping larger than a page: its pages are anywhere. */
            tlb_flush_one_mmuidx(cs, i);
            continue;
        }
        if (tlb_entry_maps(e, addr)) {
            memset(e, 0xff, sizeof(*e));
        }
        for (unsigned v = 0; side && v < CPU_VTLB_SIZE; v++) {
            if (tlb_entry_maps(&side->vtable[i][v], addr)) {
                memset(&side->vtable[i][v], 0xff, sizeof(CPUTLBEntry));
            }
        }
    }
    qemu_log_mask(CPU_LOG_MMU, "tlb_flush_page: cpu %d addr 0x%" PRIx64 " mmu_idx map 0x%x\n",
                  cs->cpu_index, (uint64_t)addr, idxmap);
    tlb_jmp_cache_clear(cs);
}

void tlb_flush_page(CPUState *cs, vaddr addr)
{
    tlb_flush_page_by_mmuidx(cs, addr, (1u << cs->nb_mmu_modes) - 1);
}

void tlb_flush_all_cpus(void)
{
    CPUState *cs;

    CPU_FOREACH(cs) {
        tlb_flush(cs);
    }
}

void tlb_flush_by_mmuidx_all_cpus(uint16_t idxmap)
{
    CPUState *cs;

    CPU_FOREACH(cs) {
        tlb_flush_by_mmuidx(cs, idxmap);
    }
}

void tlb_flush_page_by_mmuidx_all_cpus(vaddr addr, uint16_t idxmap)
{
    CPUState *cs;

    CPU_FOREACH(cs) {
        tlb_flush_page_by_mmuidx(cs, addr, idxmap);
    }
}

void tlb_flush_page_all_cpus(vaddr addr)
{
    CPUState *cs;

    CPU_FOREACH(cs) {
        tlb_flush_page(cs, addr);
    }
}

/* Flushes when the memory map changed since the TLB was filled. */
static void tlb_check_generation(CPUState *cs)
{
    if (cs->tlb_as_generation != address_space_memory.generation) {
        tlb_flush(cs);
    }
}

/* Moves a valid entry about to be overwritten into the mode's victim TLB. */
static void tlb_evict_to_victim(CPUState *cs, int mmu_idx, unsigned index, vaddr vpage)
{
    CPUTLBEntry *e = &cs->tlb_table[mmu_idx][index];
    CPUTLBSide *side = tlb_side(cs);
    unsigned v;

    if (tlb_entry_maps(e, vpage) ||
        ((e->addr_read & e->addr_write & e->addr_code) & TLB_INVALID_MASK)) {
        return;     /* the same page is refilled, or nothing to keep */
    }
    v = side->vnext[mmu_idx]++ % CPU_VTLB_SIZE;
    side->vtable[mmu_idx][v] = *e;
    side->vfull[mmu_idx][v] = side->full[mmu_idx][index];
}

/*
 * On a miss in the main table: if the victim TLB holds ADDR's page with
 * TYPE's access allowed, swap it with the main entry. True if found.
 */
static bool tlb_victim_lookup(CPUState *cs, int mmu_idx, vaddr addr, MMUAccessType type)
{
    CPUTLBSide *side = tlb_sides ? g_hash_table_lookup(tlb_sides, cs) : NULL;
    unsigned index = tlb_index(addr);

    for (unsigned v = 0; side && v < CPU_VTLB_SIZE; v++) {
        CPUTLBEntry *ve = &side->vtable[mmu_idx][v];
        uint64_t tag = type == MMU_DATA_STORE ? ve->addr_write :
                       type == MMU_DATA_LOAD ? ve->addr_read : ve->addr_code;

        if (tlb_hit(tag, addr)) {
            CPUTLBEntry *e = &cs->tlb_table[mmu_idx][index];
            CPUTLBEntry te = *e;
            CPUTLBEntryFull tf = side->full[mmu_idx][index];

            *e = *ve;
            side->full[mmu_idx][index] = side->vfull[mmu_idx][v];
            *ve = te;
            side->vfull[mmu_idx][v] = tf;
            return true;
        }
    }
    return false;
}

void tlb_set_page_sized(CPUState *cs, vaddr addr, uint64_t paddr, int prot, int mmu_idx,
                        uint64_t size)
{
    CPUTLBSide *side = tlb_side(cs);

    if (size > TARGET_PAGE_SIZE) {
        vaddr mask = ~(vaddr)(size - 1);

        if (!side->large_mask[mmu_idx]) {
            side->large_mask[mmu_idx] = mask;
            side->large_addr[mmu_idx] = addr & mask;
        } else {
            /* Widen the span until it covers both mappings. */
            mask &= side->large_mask[mmu_idx];
            while ((side->large_addr[mmu_idx] & mask) != (addr & mask)) {
                mask <<= 1;
            }
            side->large_mask[mmu_idx] = mask;
            side->large_addr[mmu_idx] = addr & mask;
        }
    }
    tlb_set_page(cs, addr, paddr, prot, mmu_idx);
}

void tlb_set_page(CPUState *cs, vaddr addr, uint64_t paddr, int prot, int mmu_idx)
{
    vaddr vpage = addr & TARGET_PAGE_MASK;
    uint64_t ppage = paddr & TARGET_PAGE_MASK;
    unsigned index = tlb_index(vpage);
    CPUTLBEntry *e = &cs->tlb_table[mmu_idx][index];
    CPUTLBEntryFull *full;
    hwaddr xlat, plen = TARGET_PAGE_SIZE;
    const FlatRange *fr;
    MemoryRegion *mr;
    uint64_t flags_rd = 0, flags_wr = 0;
    bool readonly;

    tlb_evict_to_victim(cs, mmu_idx, index, vpage);
    full = tlb_full(cs, mmu_idx, index);
    mr = address_space_translate(&address_space_memory, ppage, &xlat, &plen, false,
                                 MEMTXATTRS_UNSPECIFIED);
    fr = address_space_lookup(&address_space_memory, ppage);
    readonly = fr ? fr->readonly : false;
    full->paddr = ppage;
    full->ram_addr = RAM_ADDR_INVALID;
    if (!mr || plen < TARGET_PAGE_SIZE || !memory_access_is_direct(mr, false, readonly)) {
        /* MMIO, unassigned, or RAM smaller than a page: every access is slow. */
        flags_rd = flags_wr = TLB_MMIO;
        e->addend = 0;
    } else {
        full->ram_addr = memory_region_get_ram_addr(mr) + xlat;
        e->addend = (uintptr_t)((uint8_t *)memory_region_get_ram_ptr(mr) + xlat) -
                    (uintptr_t)vpage;
        if (!memory_access_is_direct(mr, true, readonly)) {
            flags_wr = TLB_MMIO;
        } else if (!ram_page_is_code_clean(full->ram_addr) ||
                   memory_global_dirty_log_active()) {
            /* Writes must tell the dirty clients (translated code, migration). */
            flags_wr = TLB_NOTDIRTY;
        }
    }
    e->addr_read = (prot & PAGE_READ) ? (vpage | flags_rd) : (uint64_t)-1;
    e->addr_write = (prot & PAGE_WRITE) ? (vpage | flags_wr) : (uint64_t)-1;
    e->addr_code = (prot & PAGE_EXEC) ? (vpage | flags_rd) : (uint64_t)-1;
    qemu_log_mask(CPU_LOG_MMU, "tlb_set_page: vaddr 0x%" PRIx64 " paddr 0x%" PRIx64
                  " prot %x mmu_idx %d\n", (uint64_t)vpage, ppage, prot, mmu_idx);
}

static uint64_t *entry_tag(CPUTLBEntry *e, MMUAccessType type)
{
    return type == MMU_DATA_STORE ? &e->addr_write :
           type == MMU_DATA_LOAD ? &e->addr_read : &e->addr_code;
}

/* Returns the entry for ADDR, filling it (which may not return) on a miss. */
static CPUTLBEntry *tlb_lookup(CPUState *cs, vaddr addr, int size, MMUAccessType type,
                               int mmu_idx, uintptr_t retaddr)
{
    CPUTLBEntry *e;

    tlb_check_generation(cs);
    e = tlb_entry(cs, mmu_idx, addr);
    if (!tlb_hit(*entry_tag(e, type), addr) && !tlb_victim_lookup(cs, mmu_idx, addr, type)) {
        CPU_GET_CLASS(cs)->tlb_fill(cs, addr, size, type, mmu_idx, false, retaddr);
        e = tlb_entry(cs, mmu_idx, addr);
        assert(tlb_hit(*entry_tag(e, type), addr));
    }
    return e;
}

static uint64_t bswap_sized(uint64_t v, unsigned size)
{
    switch (size) {
    case 2:
        return __builtin_bswap16(v);
    case 4:
        return __builtin_bswap32(v);
    case 8:
        return __builtin_bswap64(v);
    default:
        return v;
    }
}

static uint64_t mmio_access(CPUState *cs, uint64_t paddr, uint64_t val, unsigned size,
                            bool is_write)
{
    hwaddr xlat, plen = size;
    bool locked = bql_locked();
    MemoryRegion *mr;
    uint64_t ret = 0;

    /* Devices are serialized by the big lock (see ARCHITECTURE.md). */
    if (!locked) {
        bql_lock();
    }
    mr = address_space_translate(&address_space_memory, paddr, &xlat, &plen, is_write,
                                 MEMTXATTRS_UNSPECIFIED);
    if (!mr || plen < size) {
        uint8_t buf[8] = { 0 };

        /* Unassigned or split: the byte path logs and drops. */
        if (is_write) {
            memcpy(buf, &val, size);
            address_space_write(&address_space_memory, paddr, MEMTXATTRS_UNSPECIFIED,
                                buf, size);
        } else {
            address_space_read(&address_space_memory, paddr, MEMTXATTRS_UNSPECIFIED,
                               buf, size);
            memcpy(&ret, buf, size);
        }
    } else if (is_write) {
        memory_region_dispatch_write(mr, xlat, val, size, MEMTXATTRS_UNSPECIFIED);
    } else {
        memory_region_dispatch_read(mr, xlat, &ret, size, MEMTXATTRS_UNSPECIFIED);
    }
    if (!locked) {
        bql_unlock();
    }
    return ret;
}

/* One access within a page, value in little-endian (guest memory) order. */
static uint64_t do_ld_page(CPUState *cs, vaddr addr, unsigned size, int mmu_idx,
                           MMUAccessType type, uintptr_t retaddr)
{
    CPUTLBEntry *e = tlb_lookup(cs, addr, size, type, mmu_idx, retaddr);
    uint64_t tag = *entry_tag(e, type);
    uint64_t val = 0;

    if (tag & TLB_MMIO) {
        CPUTLBEntryFull *full = tlb_full(cs, mmu_idx, tlb_index(addr));

        return mmio_access(cs, full->paddr | (addr & ~TARGET_PAGE_MASK), 0, size, false);
    }
    memcpy(&val, (void *)(uintptr_t)(addr + e->addend), size);
    return val;
}

static void do_st_page(CPUState *cs, vaddr addr, uint64_t val, unsigned size, int mmu_idx,
                       uintptr_t retaddr)
{
    CPUTLBEntry *e = tlb_lookup(cs, addr, size, MMU_DATA_STORE, mmu_idx, retaddr);
    CPUTLBEntryFull *full = tlb_full(cs, mmu_idx, tlb_index(addr));

    if (e->addr_write & TLB_MMIO) {
        mmio_access(cs, full->paddr | (addr & ~TARGET_PAGE_MASK), val, size, true);
        return;
    }
    memcpy((void *)(uintptr_t)(addr + e->addend), &val, size);
    if (e->addr_write & TLB_NOTDIRTY) {
        ram_addr_t ra = full->ram_addr + (addr & ~TARGET_PAGE_MASK);

        /* Invalidates translations in the page (code-write notifier). */
        cpu_physical_memory_set_dirty_range(ra, size);
        if (ram_page_is_code_clean(full->ram_addr) && !memory_global_dirty_log_active()) {
            e->addr_write &= ~(uint64_t)TLB_NOTDIRTY;
        }
    }
}

static uint64_t do_ld(CPUState *cs, vaddr addr, unsigned size, int mmu_idx,
                      MMUAccessType type, uintptr_t retaddr)
{
    vaddr last = addr + size - 1;

    if ((addr & TARGET_PAGE_MASK) == (last & TARGET_PAGE_MASK)) {
        return do_ld_page(cs, addr, size, mmu_idx, type, retaddr);
    }
    /* Crossing a page: byte by byte, each page faulting on its own. */
    uint64_t val = 0;

    for (unsigned i = 0; i < size; i++) {
        val |= do_ld_page(cs, addr + i, 1, mmu_idx, type, retaddr) << (8 * i);
    }
    return val;
}

static void do_st(CPUState *cs, vaddr addr, uint64_t val, unsigned size, int mmu_idx,
                  uintptr_t retaddr)
{
    vaddr last = addr + size - 1;

    if ((addr & TARGET_PAGE_MASK) == (last & TARGET_PAGE_MASK)) {
        do_st_page(cs, addr, val, size, mmu_idx, retaddr);
        return;
    }
    /* Probe both pages first so that a fault leaves memory untouched. */
    tlb_lookup(cs, addr, 1, MMU_DATA_STORE, mmu_idx, retaddr);
    tlb_lookup(cs, last, 1, MMU_DATA_STORE, mmu_idx, retaddr);
    for (unsigned i = 0; i < size; i++) {
        do_st_page(cs, addr + i, (val >> (8 * i)) & 0xff, 1, mmu_idx, retaddr);
    }
}

/*
 * The MemOp's alignment requirement comes first (the fast path sent a
 * misaligned access here): the target's alignment fault, if it has one.
 */
static void check_alignment(CPUState *cs, vaddr addr, MemOp mop, MMUAccessType type,
                            int mmu_idx, uintptr_t retaddr)
{
    unsigned a_mask = (1u << memop_alignment_bits(mop)) - 1;
    CPUClass *cc = CPU_GET_CLASS(cs);

    if ((addr & a_mask) && cc->do_unaligned_access) {
        qemu_log_mask(CPU_LOG_MMU, "unaligned %s at 0x%" PRIx64 " (alignment %u)\n",
                      type == MMU_DATA_STORE ? "store" : "load", (uint64_t)addr, a_mask + 1);
        cc->do_unaligned_access(cs, addr, type, mmu_idx, retaddr);
        g_assert_not_reached();
    }
}

uint64_t helper_ld_mmu(void *env, uint64_t addr, MemOpIdx oi, uintptr_t retaddr)
{
    CPUState *cs = env_cpu(env);
    MemOp mop = get_memop(oi);
    unsigned size = memop_size(mop);
    uint64_t val;

    check_alignment(cs, addr, mop, MMU_DATA_LOAD, get_mmuidx(oi), retaddr);
    val = do_ld(cs, addr, size, get_mmuidx(oi), MMU_DATA_LOAD, retaddr);

    if (mop & MO_BSWAP) {
        val = bswap_sized(val, size);
    }
    if ((mop & MO_SIGN) && size < 8) {
        unsigned sh = 64 - 8 * size;

        val = (uint64_t)((int64_t)(val << sh) >> sh);
    }
    return val;
}

void helper_st_mmu(void *env, uint64_t addr, uint64_t val, MemOpIdx oi, uintptr_t retaddr)
{
    MemOp mop = get_memop(oi);
    unsigned size = memop_size(mop);

    if (size < 8) {
        val &= (1ull << (8 * size)) - 1;
    }
    check_alignment(env_cpu(env), addr, mop, MMU_DATA_STORE, get_mmuidx(oi), retaddr);
    if (mop & MO_BSWAP) {
        val = bswap_sized(val, size);
    }
    do_st(env_cpu(env), addr, val, size, get_mmuidx(oi), retaddr);
}

uint32_t cpu_ldl_mmu(void *env, vaddr addr, int mmu_idx, uintptr_t retaddr)
{
    return helper_ld_mmu(env, addr, make_memop_idx(MO_LEUL, mmu_idx), retaddr);
}

uint8_t cpu_ldub_mmu(void *env, vaddr addr, int mmu_idx, uintptr_t retaddr)
{
    return helper_ld_mmu(env, addr, make_memop_idx(MO_UB, mmu_idx), retaddr);
}

void cpu_stb_mmu(void *env, vaddr addr, uint8_t val, int mmu_idx, uintptr_t retaddr)
{
    helper_st_mmu(env, addr, val, make_memop_idx(MO_UB, mmu_idx), retaddr);
}

bool get_page_addr_code(CPUState *cs, vaddr addr, int mmu_idx, ram_addr_t *ram_out,
                        const uint8_t **host_out)
{
    CPUTLBEntry *e;
    CPUTLBEntryFull *full;

    tlb_check_generation(cs);
    e = tlb_entry(cs, mmu_idx, addr);
    if (!tlb_hit(e->addr_code, addr) && !tlb_victim_lookup(cs, mmu_idx, addr, MMU_INST_FETCH)) {
        if (!CPU_GET_CLASS(cs)->tlb_fill(cs, addr, 1, MMU_INST_FETCH, mmu_idx, true, 0)) {
            return false;
        }
        e = tlb_entry(cs, mmu_idx, addr);
        if (!tlb_hit(e->addr_code, addr)) {
            return false;
        }
    }
    full = tlb_full(cs, mmu_idx, tlb_index(addr));
    if ((e->addr_code & TLB_MMIO) || full->ram_addr == RAM_ADDR_INVALID) {
        return false;
    }
    *ram_out = full->ram_addr;
    *host_out = (const uint8_t *)(uintptr_t)((addr & TARGET_PAGE_MASK) + e->addend);
    return true;
}

void tlb_destroy_cpu(CPUState *cs)
{
    if (tlb_sides) {
        g_hash_table_remove(tlb_sides, cs);
        if (!g_hash_table_size(tlb_sides)) {
            g_hash_table_destroy(tlb_sides);
            tlb_sides = NULL;
        }
    }
}
