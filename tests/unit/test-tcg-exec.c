/*
 * The execution engine with the ARM front end, in-process: a cortex-a9
 * runs code placed in RAM at 0 (so that the exception vectors are RAM)
 * through cpu_exec on the test's thread. Checks precise state after a
 * data abort in the middle of a block, invalidation of translations when
 * their code is overwritten, chaining, and the flush of a full code buffer.
 */
#include "qemu/osdep.h"
#include "exec/exec-all.h"
#include "exec/memory.h"
#include "target/arm/cpu.h"
#include "hw/char/pl011.h"

#define TYPE_FAULTY_A9 "faulty-a9-arm-cpu"
#define FAULT_BASE 0x80000      /* data accesses to this page abort */

static MemoryRegion ram;
static bool (*parent_tlb_fill)(CPUState *cs, vaddr addr, int size, MMUAccessType type,
                               int mmu_idx, bool probe, uintptr_t retaddr);

static bool faulty_tlb_fill(CPUState *cs, vaddr addr, int size, MMUAccessType type,
                            int mmu_idx, bool probe, uintptr_t retaddr)
{
    if ((addr & TARGET_PAGE_MASK) == FAULT_BASE && type != MMU_INST_FETCH) {
        if (probe) {
            return false;
        }
        cpu_raise_exception(cs, EXCP_DATA_ABORT, retaddr);
    }
    return parent_tlb_fill(cs, addr, size, type, mmu_idx, probe, retaddr);
}

static void faulty_class_init(ObjectClass *oc, void *data)
{
    CPUClass *cc = CPU_CLASS(oc);

    parent_tlb_fill = cc->tlb_fill;
    cc->tlb_fill = faulty_tlb_fill;
}

static const TypeInfo faulty_type = {
    .name = TYPE_FAULTY_A9,
    .parent = ARM_CPU_TYPE_NAME("cortex-a9"),
    .class_init = faulty_class_init,
};

static CPUState *cpu;

static CPUARMState *env(void)
{
    return cpu_env(cpu);
}

static void put_code(hwaddr addr, const uint32_t *words, size_t n)
{
    g_assert_cmpint(address_space_write(&address_space_memory, addr, MEMTXATTRS_UNSPECIFIED,
                                        words, n * 4), ==, MEMTX_OK);
}

#define WFI 0xe320f003

/* Runs from PC until the guest executes a WFI; returns cpu_exec's result. */
static int run_from(uint32_t pc)
{
    cpu_reset(cpu);
    CPU_GET_CLASS(cpu)->set_pc(cpu, pc);
    return cpu_exec(cpu);
}

static void test_precise_abort(void)
{
    static const uint32_t prog[] = {
        0xe3a00001,     /* mov r0, #1 */
        0xe3a01002,     /* mov r1, #2 */
        0xe0802001,     /* add r2, r0, r1 */
        0xe3a04702,     /* mov r4, #0x80000 */
        0xe5943000,     /* ldr r3, [r4]       <- aborts */
        0xe3a05009,     /* mov r5, #9 */
        WFI,
    };
    static const uint32_t vectors[8] = {
        WFI, WFI, WFI, WFI, WFI /* data abort at 0x10 */, WFI, WFI, WFI,
    };
    TBStats before, after;

    put_code(0, vectors, 8);
    put_code(0x1000, prog, G_N_ELEMENTS(prog));
    tb_get_stats(&before);
    g_assert_cmpint(run_from(0x1000), ==, EXCP_HLT);
    tb_get_stats(&after);
    /* The registers written before the fault are there, nothing after it. */
    g_assert_cmphex(env()->regs[0], ==, 1);
    g_assert_cmphex(env()->regs[2], ==, 3);
    g_assert_cmphex(env()->regs[3], ==, 0);
    g_assert_cmphex(env()->regs[5], ==, 0);
    /* Abort mode, LR = the faulting instruction + 8, SPSR = the old CPSR. */
    g_assert_cmphex(env()->uncached_cpsr & CPSR_M, ==, ARM_CPU_MODE_ABT);
    g_assert_cmphex(env()->regs[14], ==, 0x1010 + 8);
    g_assert_cmphex(env()->spsr & CPSR_M, ==, ARM_CPU_MODE_SVC);
    /* Halted after the WFI at the vector. */
    g_assert_cmphex(env()->regs[15], ==, 0x14);
    g_assert_true(cpu->halted);
    /* One block for the program (up to the abort), one for the vector. */
    g_assert_cmpuint(after.translated - before.translated, ==, 2);
}

static void test_code_write(void)
{
    uint32_t prog[] = {
        0xe3a00011,     /* mov r0, #17 */
        WFI,
    };
    TBStats s1, s2;

    put_code(0x2000, prog, 2);
    g_assert_cmpint(run_from(0x2000), ==, EXCP_HLT);
    g_assert_cmphex(env()->regs[0], ==, 17);
    /* The same code again: served from the cache. */
    tb_get_stats(&s1);
    g_assert_cmpint(run_from(0x2000), ==, EXCP_HLT);
    tb_get_stats(&s2);
    g_assert_cmpuint(s2.translated, ==, s1.translated);
    /* Overwritten: the old translation must go. */
    prog[0] = 0xe3a0002a;   /* mov r0, #42 */
    put_code(0x2000, prog, 1);
    g_assert_cmpint(run_from(0x2000), ==, EXCP_HLT);
    g_assert_cmphex(env()->regs[0], ==, 42);
    tb_get_stats(&s1);
    g_assert_cmpuint(s1.invalidated, >, s2.invalidated);
}

static void test_chain_and_loop(void)
{
    static const uint32_t prog[] = {
        0xe3a00000,     /* mov r0, #0 */
        0xe3a01c01,     /* mov r1, #256 */
        0xe2800003,     /* loop: add r0, r0, #3 */
        0xe2511001,     /* subs r1, r1, #1 */
        0x1afffffc,     /* bne loop */
        WFI,
    };
    TBStats s1, s2;

    put_code(0x3000, prog, G_N_ELEMENTS(prog));
    tb_get_stats(&s1);
    g_assert_cmpint(run_from(0x3000), ==, EXCP_HLT);
    tb_get_stats(&s2);
    g_assert_cmphex(env()->regs[0], ==, 3 * 256);
    g_assert_cmphex(env()->regs[1], ==, 0);
    /* The loop block jumps to itself: chained once, not 255 trips to the loop. */
    g_assert_cmpuint(s2.chained, >, s1.chained);
}

static void test_buffer_full(void)
{
    enum { N = 16 * 1024 };
    g_autofree uint32_t *prog = g_new(uint32_t, 2 * N + 1);
    TBStats s1, s2;

    /* N blocks of "add r0, r0, #1; b next": each one a translation. */
    for (int i = 0; i < N; i++) {
        prog[2 * i] = 0xe2800001;
        prog[2 * i + 1] = 0xeaffffff;   /* b to the next instruction */
    }
    prog[2 * N] = WFI;
    put_code(0x10000, prog, 2 * N + 1);
    tb_get_stats(&s1);
    g_assert_cmpint(run_from(0x10000), ==, EXCP_HLT);
    tb_get_stats(&s2);
    g_assert_cmphex(env()->regs[0], ==, N);
    g_assert_cmpuint(s2.flushes, >, s1.flushes);
}

static void test_create_errors(void)
{
    Error *err = NULL;

    g_assert_null(cpu_create("pl011", &err));
    g_assert_cmpstr(error_get_pretty(err), ==, "'pl011' is not a CPU model");
    error_free(err);
    err = NULL;
    g_assert_null(cpu_create(TYPE_ARM_CPU, &err));
    g_assert_cmpstr(error_get_pretty(err), ==, "'arm-cpu' is not a CPU model");
    error_free(err);
    err = NULL;
    g_assert_null(cpu_create("no-such-cpu", &err));
    g_assert_cmpstr(error_get_pretty(err), ==, "'no-such-cpu' is not a CPU model");
    error_free(err);
}

int main(int argc, char **argv)
{
    int r;

    g_test_init(&argc, &argv, NULL);
    type_register_static(&faulty_type);
    memory_init();
    memory_region_init_ram(&ram, NULL, "ram", 1 * MiB, &error_abort);
    memory_region_add_subregion(get_system_memory(), 0, &ram);
    /* Small enough for test_buffer_full to fill it. */
    tcg_exec_set_code_buffer_size(512 * KiB);
    cpu = cpu_create(TYPE_FAULTY_A9, &error_abort);
    qdev_realize(DEVICE(cpu), NULL, &error_abort);

    g_test_add_func("/tcg-exec/precise-abort", test_precise_abort);
    g_test_add_func("/tcg-exec/code-write", test_code_write);
    g_test_add_func("/tcg-exec/chain-and-loop", test_chain_and_loop);
    g_test_add_func("/tcg-exec/buffer-full", test_buffer_full);
    g_test_add_func("/tcg-exec/create-errors", test_create_errors);
    r = g_test_run();

    qdev_unrealize(DEVICE(cpu));
    object_unref(OBJECT(cpu));
    tcg_exec_cleanup();
    memory_region_finalize(&ram);
    return r;
}
