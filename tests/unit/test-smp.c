/*
 * SMP scheduling on the single vCPU thread, in-process with two
 * cortex-a9 cores on RAM at 0: a core with "start-powered-off" runs no
 * code until cpu_power_on(); once released, it makes progress although
 * the other core spins forever in one chained block (the round-robin
 * kick); the kick runs only while more than one vCPU does.
 */
#include "qemu/osdep.h"
#include "exec/exec-all.h"
#include "exec/memory.h"
#include "qemu/main-loop.h"
#include "qemu/timer.h"
#include "hw/qdev-properties.h"
#include "system/cpus.h"
#include "system/runstate.h"
#include "target/arm/cpu.h"

#define COUNTER 0x8000

static MemoryRegion ram;

static void put_code(hwaddr addr, const uint32_t *words, size_t n)
{
    g_assert_cmpint(address_space_write(&address_space_memory, addr, MEMTXATTRS_UNSPECIFIED,
                                        words, n * 4), ==, MEMTX_OK);
}

static uint32_t counter(void)
{
    uint32_t v = 0;

    address_space_read(&address_space_memory, COUNTER, MEMTXATTRS_UNSPECIFIED, &v, 4);
    return v;
}

/* Runs the main loop (timers, the kick) for about MS of host time. */
static void run_for_ms(int64_t ms)
{
    int64_t end = qemu_clock_get_ms(QEMU_CLOCK_REALTIME) + ms;

    while (qemu_clock_get_ms(QEMU_CLOCK_REALTIME) < end) {
        main_loop_wait(false);
    }
}

/* Runs the main loop until the counter moves; false after TIMEOUT_MS. */
static bool wait_counter(int64_t timeout_ms)
{
    int64_t end = qemu_clock_get_ms(QEMU_CLOCK_REALTIME) + timeout_ms;

    while (qemu_clock_get_ms(QEMU_CLOCK_REALTIME) < end) {
        main_loop_wait(false);
        if (counter() > 0) {
            return true;
        }
    }
    return false;
}

static CPUState *new_cpu(bool powered_off, uint32_t pc)
{
    CPUState *cs = cpu_create(ARM_CPU_TYPE_NAME("cortex-a9"), &error_abort);

    qdev_prop_set_bit(DEVICE(cs), "start-powered-off", powered_off);
    qdev_realize(DEVICE(cs), NULL, &error_abort);
    cpu_reset(cs);
    CPU_GET_CLASS(cs)->set_pc(cs, pc);
    return cs;
}

static void test_round_robin(void)
{
    static const uint32_t spin[] = {
        0xeafffffe,     /* b . */
    };
    static const uint32_t count[] = {
        0xe3a00902,     /* mov r0, #0x8000 */
        0xe5901000,     /* ldr r1, [r0] */
        0xe2811001,     /* add r1, r1, #1 */
        0xe5801000,     /* str r1, [r0] */
        0xeafffffb,     /* b <ldr> */
    };
    CPUState *cpu0, *cpu1;

    put_code(0x1000, spin, G_N_ELEMENTS(spin));
    put_code(0x2000, count, G_N_ELEMENTS(count));
    cpu0 = new_cpu(false, 0x1000);
    cpu1 = new_cpu(true, 0x2000);
    g_assert_true(cpu1->powered_off);
    g_assert_false(cpu0->powered_off);

    bql_lock();
    cpus_register_tcg();
    g_assert_cmpuint(cpus_kick_period_ms(), ==, 0);
    vm_start();
    g_assert_cmpuint(cpus_kick_period_ms(), ==, 10);
    bql_unlock();

    /* Powered off: CPU 1 runs nothing. */
    run_for_ms(100);
    g_assert_cmpuint(counter(), ==, 0);
    g_assert_cmpuint(cpu1->insns_executed, ==, 0);
    g_assert_cmpuint(cpu0->insns_executed, >, 0);

    /* Released: it runs although CPU 0 never leaves its loop by itself. */
    bql_lock();
    cpu_power_on(cpu1);
    bql_unlock();
    g_assert_true(wait_counter(20000));

    bql_lock();
    vm_stop(RUN_STATE_PAUSED);
    g_assert_cmpuint(cpus_kick_period_ms(), ==, 0);
    bql_unlock();
    cpus_cleanup();
    /* A reset powers the secondary off again. */
    cpu_reset(cpu1);
    g_assert_true(cpu1->powered_off);
    qdev_unrealize(DEVICE(cpu1));
    qdev_unrealize(DEVICE(cpu0));
    object_unref(OBJECT(cpu1));
    object_unref(OBJECT(cpu0));
}

/* Auto-converge's share of sleep: PERCENT of wall time, clamped to 0..99. */
static void test_throttle(void)
{
    g_assert_cmpint(cpus_throttle_sleep_us(1000, 0), ==, 0);
    g_assert_cmpint(cpus_throttle_sleep_us(1000, 20), ==, 250);
    g_assert_cmpint(cpus_throttle_sleep_us(1000, 50), ==, 1000);
    g_assert_cmpint(cpus_throttle_sleep_us(1000, 99), ==, 99000);
    cpus_set_throttle(150);
    g_assert_cmpint(cpus_get_throttle(), ==, 99);
    cpus_set_throttle(-5);
    g_assert_cmpint(cpus_get_throttle(), ==, 0);
    cpus_set_throttle(35);
    g_assert_cmpint(cpus_get_throttle(), ==, 35);
    cpus_set_throttle(0);
}

int main(int argc, char **argv)
{
    int r;

    g_test_init(&argc, &argv, NULL);
    qemu_init_main_loop(&error_abort);
    memory_init();
    memory_region_init_ram(&ram, NULL, "ram", 1 * MiB, &error_abort);
    memory_region_add_subregion(get_system_memory(), 0, &ram);
    g_test_add_func("/smp/round-robin", test_round_robin);
    g_test_add_func("/smp/throttle", test_throttle);
    r = g_test_run();
    tcg_exec_cleanup();
    memory_region_del_subregion(get_system_memory(), &ram);
    memory_region_finalize(&ram);
    return r;
}
