/*
 * The softmmu TLB (accel/tcg/cputlb.c) through its slow-path accessors,
 * with a cortex-a9 whose fills are counted: the victim TLB serves an
 * entry its main slot lost, flushes by MMU index leave the other indexes
 * alone, a page flush reaches the victim TLB and the whole of a mapping
 * larger than a page, and a misaligned access of an aligned MemOp calls
 * do_unaligned_access (ARM: an alignment fault data abort) before any fill.
 */
#include "qemu/osdep.h"
#include "exec/exec-all.h"
#include "exec/memory.h"
#include "exec/ram_addr.h"
#include "target/arm/cpu.h"

#define TYPE_COUNTING_A9 "counting-a9-arm-cpu"
#define PAGE TARGET_PAGE_SIZE
/* Two addresses that share a slot of the main table. */
#define ADDR_A 0x3000u
#define ADDR_B (ADDR_A + CPU_TLB_SIZE * PAGE)

static MemoryRegion ram;
static CPUState *cpu;
static unsigned fills;
static uint64_t large_size;     /* next fill: a mapping this large (0: a page) */
static bool (*parent_tlb_fill)(CPUState *cs, vaddr addr, int size, MMUAccessType type,
                               int mmu_idx, bool probe, uintptr_t retaddr);

/* Identity mapping of the low 4 MiB onto the RAM (modulo its size). */
static bool counting_tlb_fill(CPUState *cs, vaddr addr, int size, MMUAccessType type,
                              int mmu_idx, bool probe, uintptr_t retaddr)
{
    fills++;
    if (large_size) {
        tlb_set_page_sized(cs, addr, addr & (1 * MiB - 1), PAGE_READ | PAGE_WRITE | PAGE_EXEC,
                           mmu_idx, large_size);
    } else {
        tlb_set_page(cs, addr, addr & (1 * MiB - 1), PAGE_READ | PAGE_WRITE | PAGE_EXEC,
                     mmu_idx);
    }
    return true;
}

static void counting_class_init(ObjectClass *oc, void *data)
{
    CPUClass *cc = CPU_CLASS(oc);

    parent_tlb_fill = cc->tlb_fill;
    cc->tlb_fill = counting_tlb_fill;
}

static const TypeInfo counting_type = {
    .name = TYPE_COUNTING_A9,
    .parent = ARM_CPU_TYPE_NAME("cortex-a9"),
    .class_init = counting_class_init,
};

static uint32_t ld(vaddr addr, int mmu_idx)
{
    return cpu_ldl_mmu(cpu_env(cpu), addr, mmu_idx, 0);
}

/* The fills an access makes. */
static unsigned fills_of(vaddr addr, int mmu_idx)
{
    unsigned before = fills;

    ld(addr, mmu_idx);
    return fills - before;
}

static void test_hit_and_victim(void)
{
    tlb_flush(cpu);
    g_assert_cmpuint(fills_of(ADDR_A, 0), ==, 1);
    g_assert_cmpuint(fills_of(ADDR_A, 0), ==, 0);
    /* B takes A's slot; A moved to the victim TLB and comes back from it. */
    g_assert_cmpuint(fills_of(ADDR_B, 0), ==, 1);
    g_assert_cmpuint(fills_of(ADDR_A, 0), ==, 0);
    g_assert_cmpuint(fills_of(ADDR_B, 0), ==, 0);
    /* Another index has its own tables. */
    g_assert_cmpuint(fills_of(ADDR_A, 1), ==, 1);
}

static void test_victim_capacity(void)
{
    tlb_flush(cpu);
    /* CPU_VTLB_SIZE + 2 pages in one slot: the oldest victim is lost. */
    for (unsigned i = 0; i < CPU_VTLB_SIZE + 2; i++) {
        g_assert_cmpuint(fills_of(ADDR_A + i * CPU_TLB_SIZE * PAGE, 0), ==, 1);
    }
    g_assert_cmpuint(fills_of(ADDR_A, 0), ==, 1);
    g_assert_cmpuint(fills_of(ADDR_A + (CPU_VTLB_SIZE + 1) * CPU_TLB_SIZE * PAGE, 0), ==, 0);
}

static void test_flush_by_mmuidx(void)
{
    tlb_flush(cpu);
    ld(ADDR_A, 0);
    ld(ADDR_A, 2);
    ld(ADDR_B, 2);      /* A of index 2 now in its victim TLB */
    tlb_flush_by_mmuidx(cpu, 1u << 0);
    g_assert_cmpuint(fills_of(ADDR_A, 0), ==, 1);
    g_assert_cmpuint(fills_of(ADDR_A, 2), ==, 0);
    tlb_flush_by_mmuidx(cpu, 1u << 2);
    g_assert_cmpuint(fills_of(ADDR_A, 2), ==, 1);
    g_assert_cmpuint(fills_of(ADDR_A, 0), ==, 0);
    /* The all-CPUs form reaches this CPU too. */
    tlb_flush_by_mmuidx_all_cpus(1u << 0);
    g_assert_cmpuint(fills_of(ADDR_A, 0), ==, 1);
}

static void test_flush_page_by_mmuidx(void)
{
    tlb_flush(cpu);
    ld(ADDR_A, 0);
    ld(ADDR_A + PAGE, 0);
    ld(ADDR_A, 3);
    tlb_flush_page_by_mmuidx(cpu, ADDR_A, 1u << 0);
    g_assert_cmpuint(fills_of(ADDR_A, 0), ==, 1);
    g_assert_cmpuint(fills_of(ADDR_A + PAGE, 0), ==, 0);
    g_assert_cmpuint(fills_of(ADDR_A, 3), ==, 0);
    /* A page flush also drops the victim TLB's copy. */
    ld(ADDR_B, 0);      /* A to the victim TLB */
    tlb_flush_page_all_cpus(ADDR_A);
    g_assert_cmpuint(fills_of(ADDR_B, 0), ==, 0);
    g_assert_cmpuint(fills_of(ADDR_A, 0), ==, 1);
    g_assert_cmpuint(fills_of(ADDR_A, 3), ==, 1);
    tlb_flush_page_by_mmuidx_all_cpus(ADDR_A, 1u << 3);
    g_assert_cmpuint(fills_of(ADDR_A, 3), ==, 1);
    g_assert_cmpuint(fills_of(ADDR_A, 0), ==, 0);
}

static void test_large_page(void)
{
    tlb_flush(cpu);
    large_size = 1 * MiB;
    ld(0x100000, 0);
    ld(0x180000, 0);
    large_size = 0;
    ld(0x300000, 0);
    /* A page flush inside the 1 MiB mapping drops all its pages. */
    tlb_flush_page(cpu, 0x1ff000);
    g_assert_cmpuint(fills_of(0x100000, 0), ==, 1);
    g_assert_cmpuint(fills_of(0x180000, 0), ==, 1);
}

static void test_unaligned(void)
{
    CPUARMState *env = cpu_env(cpu);
    ARMCPU *arm = ARM_CPU(cpu);
    volatile unsigned before;

    tlb_flush(cpu);
    before = fills;
    cpu->in_exec = true;
    cpu->exception_index = -1;
    if (sigsetjmp(cpu->jmp_env, 0) == 0) {
        helper_ld_mmu(env, 0x2002, make_memop_idx(MO_LEUL | MO_ALIGN, 0), 0);
        g_assert_not_reached();
    }
    cpu->in_exec = false;
    /* An alignment fault, before (without) any fill. */
    g_assert_cmpint(cpu->exception_index, ==, EXCP_DATA_ABORT);
    g_assert_cmphex(arm->fault.fsr, ==, 0x001);
    g_assert_cmphex(arm->fault.far, ==, 0x2002);
    g_assert_cmpuint(fills, ==, before);
    cpu->exception_index = -1;

    /* A store: WnR. */
    cpu->in_exec = true;
    if (sigsetjmp(cpu->jmp_env, 0) == 0) {
        helper_st_mmu(env, 0x2001, 5, make_memop_idx(MO_LEUW | MO_ALIGN, 0), 0);
        g_assert_not_reached();
    }
    cpu->in_exec = false;
    g_assert_cmphex(arm->fault.fsr, ==, 0x801);
    cpu->exception_index = -1;

    /* Without MO_ALIGN the same accesses work (split as needed). */
    helper_st_mmu(env, 0x2001, 0x1234, make_memop_idx(MO_LEUW, 0), 0);
    g_assert_cmphex(helper_ld_mmu(env, 0x2001, make_memop_idx(MO_LEUW, 0), 0), ==, 0x1234);
    /* Aligned with MO_ALIGN: fine. */
    helper_st_mmu(env, 0x2004, 0xcafef00d, make_memop_idx(MO_LEUL | MO_ALIGN, 0), 0);
    g_assert_cmphex(ld(0x2004, 0), ==, 0xcafef00d);
}

/*
 * A write through an entry filled before migration started its dirty log
 * must still reach the log: starting the log drops the TLBs' entries that
 * let writes skip it (else live migration loses the page's later writes).
 */
static void test_dirty_log_start(void)
{
    CPUARMState *env = cpu_env(cpu);
    ram_addr_t page = memory_region_get_ram_addr(&ram) + ADDR_A;
    MemOpIdx oi = make_memop_idx(MO_LEUL, 0);

    tlb_flush(cpu);
    helper_st_mmu(env, ADDR_A, 1, oi, 0);
    helper_st_mmu(env, ADDR_A, 2, oi, 0);      /* the entry writes freely now */
    memory_global_dirty_log_start();
    g_assert_false(cpu_physical_memory_get_dirty(page, PAGE, DIRTY_MEMORY_MIGRATION));
    helper_st_mmu(env, ADDR_A + 4, 3, oi, 0);
    g_assert_true(cpu_physical_memory_get_dirty(page, PAGE, DIRTY_MEMORY_MIGRATION));
    /* And again after the migration took the page's bit. */
    g_assert_true(cpu_physical_memory_test_and_clear_dirty(page, PAGE, DIRTY_MEMORY_MIGRATION));
    helper_st_mmu(env, ADDR_A + 8, 4, oi, 0);
    g_assert_true(cpu_physical_memory_get_dirty(page, PAGE, DIRTY_MEMORY_MIGRATION));
    memory_global_dirty_log_stop();
    g_assert_cmphex(ld(ADDR_A + 8, 0), ==, 4);
}

int main(int argc, char **argv)
{
    int r;

    g_test_init(&argc, &argv, NULL);
    type_register_static(&counting_type);
    memory_init();
    memory_region_init_ram(&ram, NULL, "ram", 1 * MiB, &error_abort);
    memory_region_add_subregion(get_system_memory(), 0, &ram);
    cpu = cpu_create(TYPE_COUNTING_A9, &error_abort);
    qdev_realize(DEVICE(cpu), NULL, &error_abort);
    g_assert_nonnull(parent_tlb_fill);

    g_test_add_func("/cputlb/hit-and-victim", test_hit_and_victim);
    g_test_add_func("/cputlb/victim-capacity", test_victim_capacity);
    g_test_add_func("/cputlb/flush-by-mmuidx", test_flush_by_mmuidx);
    g_test_add_func("/cputlb/flush-page-by-mmuidx", test_flush_page_by_mmuidx);
    g_test_add_func("/cputlb/large-page", test_large_page);
    g_test_add_func("/cputlb/unaligned", test_unaligned);
    g_test_add_func("/cputlb/dirty-log-start", test_dirty_log_start);
    r = g_test_run();

    qdev_unrealize(DEVICE(cpu));
    object_unref(OBJECT(cpu));
    memory_region_finalize(&ram);
    return r;
}
