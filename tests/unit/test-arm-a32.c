/*
 * A32 instructions whose effects need a CPU other than the vexpress-a9's
 * or a look at state the guest cannot see: a cortex-a15 with the Security
 * Extensions runs code from RAM at 0 through cpu_exec on the test's thread.
 * Covers SDIV/UDIV (divide by zero, overflow), SMC taken to Monitor mode at
 * MVBAR, the exclusive monitor's reset and clearing on exception entry, and
 * YIELD/WFE leaving the execution loop.
 */
#include "qemu/osdep.h"
#include "exec/exec-all.h"
#include "exec/memory.h"
#include "hw/qdev-properties.h"
#include "target/arm/cpu.h"

static MemoryRegion ram;
static CPUState *cpu;

#define WFI 0xe320f003

static CPUARMState *env(void)
{
    return cpu_env(cpu);
}

static void put_code(hwaddr addr, const uint32_t *words, size_t n)
{
    g_assert_cmpint(address_space_write(&address_space_memory, addr, MEMTXATTRS_UNSPECIFIED,
                                        words, n * 4), ==, MEMTX_OK);
}

/* Resets, sets r1 and r2, runs PROG at 0x1000 until it stops. */
static int run(const uint32_t *prog, size_t n, uint32_t r1, uint32_t r2)
{
    static const uint32_t vectors[8] = { WFI, WFI, WFI, WFI, WFI, WFI, WFI, WFI };

    put_code(0, vectors, 8);
    put_code(0x1000, prog, n);
    cpu_reset(cpu);
    env()->regs[1] = r1;
    env()->regs[2] = r2;
    env()->regs[13] = 0x8000;
    CPU_GET_CLASS(cpu)->set_pc(cpu, 0x1000);
    return cpu_exec(cpu);
}

static uint32_t divide(bool is_signed, uint32_t n, uint32_t m)
{
    const uint32_t prog[] = {
        is_signed ? 0xe710f211 : 0xe730f211,    /* sdiv/udiv r0, r1, r2 */
        WFI,
    };

    g_assert_cmpint(run(prog, 2, n, m), ==, EXCP_HLT);
    /* Not UNDEF: the WFI after it was reached in Supervisor mode. */
    g_assert_cmphex(env()->regs[15], ==, 0x1008);
    return env()->regs[0];
}

static void test_divide(void)
{
    g_assert_cmphex(divide(false, 100, 7), ==, 14);
    g_assert_cmphex(divide(false, 0xffffffff, 2), ==, 0x7fffffff);
    g_assert_cmphex(divide(false, 5, 0), ==, 0);
    g_assert_cmphex(divide(true, (uint32_t)-100, 7), ==, (uint32_t)-14);
    g_assert_cmphex(divide(true, 100, (uint32_t)-7), ==, (uint32_t)-14);
    g_assert_cmphex(divide(true, 0x80000000, 0xffffffff), ==, 0x80000000);
    g_assert_cmphex(divide(true, 0x80000000, 0), ==, 0);
}

static void test_smc(void)
{
    static const uint32_t prog[] = {
        0xe1600070,     /* smc #0 */
        WFI,
    };

    env()->cp15.mvbar = 0;
    g_assert_cmpint(run(prog, 2, 0, 0), ==, EXCP_HLT);
    g_assert_cmphex(env()->uncached_cpsr & CPSR_M, ==, ARM_CPU_MODE_MON);
    /* Returns to the instruction after the SMC; SPSR is the caller's CPSR. */
    g_assert_cmphex(env()->regs[14], ==, 0x1004);
    g_assert_cmphex(env()->spsr & CPSR_M, ==, ARM_CPU_MODE_SVC);
    g_assert_cmphex(env()->regs[15], ==, 0x0c);     /* after the WFI at MVBAR + 8 */
}

static void test_monitor(void)
{
    static const uint32_t prog[] = {
        0xe1920f9f,     /* ldrex r0, [r2] */
        0xe7f000f0,     /* udf #0 */
        WFI,
    };
    static const uint32_t ldrex_only[] = {
        0xe1920f9f,     /* ldrex r0, [r2] */
        WFI,
    };

    g_assert_cmpint(run(ldrex_only, 2, 0, 0x4000), ==, EXCP_HLT);
    g_assert_cmphex(env()->exclusive_addr, ==, 0x4000);
    cpu_reset(cpu);
    g_assert_cmphex(env()->exclusive_addr, ==, (uint64_t)-1);
    /* The UNDEF's entry clears the monitor LDREX set. */
    g_assert_cmpint(run(prog, 3, 0, 0x4000), ==, EXCP_HLT);
    g_assert_cmphex(env()->uncached_cpsr & CPSR_M, ==, ARM_CPU_MODE_UND);
    g_assert_cmphex(env()->exclusive_addr, ==, (uint64_t)-1);
}

static void test_yield(void)
{
    static const uint32_t prog[] = {
        0xe320f001,     /* yield */
        0xe3a00007,     /* mov r0, #7 */
        0xe320f002,     /* wfe */
        0xe3a00008,     /* mov r0, #8 */
        WFI,
    };

    /* Each hint leaves the loop with the pc at the next instruction. */
    g_assert_cmpint(run(prog, G_N_ELEMENTS(prog), 0, 0), ==, EXCP_INTERRUPT);
    g_assert_cmphex(env()->regs[15], ==, 0x1004);
    g_assert_cmpint(cpu_exec(cpu), ==, EXCP_INTERRUPT);
    g_assert_cmphex(env()->regs[15], ==, 0x100c);
    g_assert_cmphex(env()->regs[0], ==, 7);
    g_assert_cmpint(cpu_exec(cpu), ==, EXCP_HLT);
    g_assert_cmphex(env()->regs[0], ==, 8);
}

int main(int argc, char **argv)
{
    int r;

    g_test_init(&argc, &argv, NULL);
    memory_init();
    memory_region_init_ram(&ram, NULL, "ram", 1 * MiB, &error_abort);
    memory_region_add_subregion(get_system_memory(), 0, &ram);
    cpu = cpu_create(ARM_CPU_TYPE_NAME("cortex-a15"), &error_abort);
    qdev_prop_set_bit(DEVICE(cpu), "has_el3", true);
    qdev_realize(DEVICE(cpu), NULL, &error_abort);

    g_test_add_func("/arm-a32/divide", test_divide);
    g_test_add_func("/arm-a32/smc", test_smc);
    g_test_add_func("/arm-a32/monitor", test_monitor);
    g_test_add_func("/arm-a32/yield", test_yield);
    r = g_test_run();

    qdev_unrealize(DEVICE(cpu));
    object_unref(OBJECT(cpu));
    tcg_exec_cleanup();
    memory_region_finalize(&ram);
    return r;
}
