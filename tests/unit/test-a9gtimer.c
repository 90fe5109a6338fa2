/*
 * Cortex-A9 global timer through the memory API with the virtual clock
 * stepped by hand: the shared 64-bit counter and prescaler, per-CPU
 * comparators (banked by requester id), auto-increment, event flag and
 * interrupt, counter writes, reset, migration, property errors.
 */
#include "qemu/osdep.h"
#include "devtest.h"
#include "hw/timer/a9gtimer.h"
#include "migration/vmstate.h"
#include "migration/qemu-file.h"

#define BASE    0x1e000200
#define CPU1    0x1f000000      /* CPU 1's view, region 2 */
#define CNT_LO  0x00
#define CNT_HI  0x04
#define CTRL    0x08
#define ISR     0x0c
#define CMP_LO  0x10
#define CMP_HI  0x14
#define AUTOINC 0x18

#define C_EN    1u
#define C_CMP   2u
#define C_IRQ   4u
#define C_AUTO  8u

#define TICK    10      /* ns at the default 100 MHz */

typedef struct Fixture {
    DeviceState *dev;
    IrqRecorder irq[2];
} Fixture;

static void set_two(DeviceState *dev, void *opaque)
{
    qdev_prop_set_uint32(dev, "num-cpu", 2);
}

static void fixture_setup(Fixture *f, gconstpointer data)
{
    f->dev = devtest_create(TYPE_A9_GTIMER, BASE, &f->irq[0], set_two, NULL);
    sysbus_connect_irq(SYS_BUS_DEVICE(f->dev), 1, devtest_recorder_line(&f->irq[1]));
    sysbus_mmio_map(SYS_BUS_DEVICE(f->dev), 2, CPU1);
}

static void fixture_teardown(Fixture *f, gconstpointer data)
{
    devtest_destroy(f->dev, &f->irq[0]);
    qemu_free_irq(f->irq[1].line);
}

static MemTxAttrs cpu_attrs(unsigned cpu)
{
    return (MemTxAttrs) { .requester_id = cpu };
}

static uint64_t counter(void)
{
    return devtest_readl(BASE + CNT_LO) | (uint64_t)devtest_readl(BASE + CNT_HI) << 32;
}

static void test_counter(Fixture *f, gconstpointer data)
{
    g_assert_cmphex(devtest_readl(BASE + CTRL), ==, 0);
    devtest_clock_step(1000 * TICK);
    g_assert_cmpuint(counter(), ==, 0);
    devtest_writel(BASE + CTRL, C_EN);
    devtest_clock_step(1000 * TICK);
    g_assert_cmpuint(counter(), ==, 1000);
    /* Prescaler 3: a quarter of the rate, from the current count on. */
    devtest_writel(BASE + CTRL, C_EN | (3 << 8));
    devtest_clock_step(1000 * TICK);
    g_assert_cmpuint(counter(), ==, 1250);
    devtest_writel(BASE + CTRL, 0);
    devtest_clock_step(1000 * TICK);
    g_assert_cmpuint(counter(), ==, 1250);
    /* Stopped: software may load the counter (upper word included). */
    devtest_writel(BASE + CNT_LO, 0xfffffff0);
    devtest_writel(BASE + CNT_HI, 0x1);
    g_assert_cmphex(counter(), ==, 0x1fffffff0ull);
    devtest_writel(BASE + CTRL, C_EN);
    devtest_clock_step(0x20 * TICK);
    g_assert_cmphex(counter(), ==, 0x200000010ull);
    devtest_log_start();
    devtest_writel(BASE + CNT_LO, 0);
    devtest_log_expect("a9-gtimer: counter write while the timer is enabled is ignored");
    devtest_log_stop();
    g_assert_cmphex(counter(), ==, 0x200000010ull);
}

static void test_compare(Fixture *f, gconstpointer data)
{
    devtest_writel(BASE + CMP_LO, 500);
    devtest_writel(BASE + CTRL, C_EN | C_CMP | C_IRQ);
    devtest_clock_step(499 * TICK);
    g_assert_cmpint(f->irq[0].level, ==, 0);
    devtest_clock_step(1 * TICK);
    g_assert_cmpuint(devtest_readl(BASE + ISR), ==, 1);
    g_assert_cmpint(f->irq[0].level, ==, 1);
    g_assert_cmpint(f->irq[1].level, ==, 0);
    devtest_writel(BASE + ISR, 1);
    g_assert_cmpint(f->irq[0].level, ==, 0);
    /* Without auto-increment it fires once. */
    devtest_clock_step(5000 * TICK);
    g_assert_cmpint(f->irq[0].raises, ==, 1);
    /* A comparator below the counter fires at once. */
    devtest_writel(BASE + CMP_LO, 10);
    g_assert_cmpint(f->irq[0].raises, ==, 2);
}

static void test_autoinc(Fixture *f, gconstpointer data)
{
    devtest_writel(BASE + CMP_LO, 100);
    devtest_writel(BASE + AUTOINC, 100);
    devtest_writel(BASE + CTRL, C_EN | C_CMP | C_IRQ | C_AUTO);
    g_assert_cmphex(devtest_readl(BASE + CTRL), ==, C_EN | C_CMP | C_IRQ | C_AUTO);
    devtest_clock_step(100 * TICK);
    g_assert_cmpint(f->irq[0].raises, ==, 1);
    g_assert_cmpuint(devtest_readl(BASE + CMP_LO), ==, 200);
    for (int i = 0; i < 5; i++) {
        devtest_writel(BASE + ISR, 1);
        devtest_clock_step(100 * TICK);
    }
    g_assert_cmpint(f->irq[0].raises, ==, 6);
    g_assert_cmpuint(devtest_readl(BASE + CMP_LO), ==, 700);
}

static void test_banked(Fixture *f, gconstpointer data)
{
    /* CPU 1 sets its comparator at the shared address; CPU 0's stays 0. */
    devtest_write_attrs(BASE + CMP_LO, 4, 300, cpu_attrs(1));
    devtest_write_attrs(BASE + CTRL, 4, C_EN | C_CMP | C_IRQ, cpu_attrs(1));
    g_assert_cmpuint(devtest_readl(CPU1 + CMP_LO), ==, 300);
    g_assert_cmpuint(devtest_read_attrs(BASE + CMP_LO, 4, cpu_attrs(0)), ==, 0);
    /* The enable is shared, the comparator enable is not. */
    g_assert_cmphex(devtest_read_attrs(BASE + CTRL, 4, cpu_attrs(0)), ==, C_EN);
    devtest_clock_step(300 * TICK);
    g_assert_cmpint(f->irq[1].level, ==, 1);
    g_assert_cmpint(f->irq[0].level, ==, 0);
    g_assert_cmpuint(devtest_read_attrs(BASE + ISR, 4, cpu_attrs(1)), ==, 1);
    g_assert_cmpuint(devtest_read_attrs(BASE + ISR, 4, cpu_attrs(0)), ==, 0);
    /* Both CPUs see the same counter. */
    g_assert_cmpuint(devtest_read_attrs(BASE + CNT_LO, 4, cpu_attrs(1)), ==,
                     devtest_read_attrs(BASE + CNT_LO, 4, cpu_attrs(0)));
    devtest_log_start();
    g_assert_cmpuint(devtest_read_attrs(BASE + CNT_LO, 4, cpu_attrs(3)), ==, 0);
    devtest_log_expect("a9-gtimer: access from requester 3, which is not one of the 2 CPUs");
    g_assert_cmpuint(devtest_readl(BASE + 0x1c), ==, 0);
    devtest_log_expect("a9-gtimer: read of bad offset 0x1c");
    devtest_writel(BASE + 0x1c, 0);
    devtest_log_expect("a9-gtimer: write of bad offset 0x1c");
    devtest_log_stop();
    device_cold_reset(f->dev);
    g_assert_cmpint(f->irq[1].level, ==, 0);
    g_assert_cmpuint(devtest_readl(CPU1 + CMP_LO), ==, 0);
}

static void test_vmstate(Fixture *f, gconstpointer data)
{
    const VMStateDescription *vmsd = DEVICE_GET_CLASS(f->dev)->vmsd;
    QEMUFile *out = qemu_file_new_output_mem();
    GByteArray *bytes;
    QEMUFile *in;

    g_assert_true(vmstate_check_description(vmsd, &error_abort));
    devtest_writel(BASE + CMP_LO, 1000);
    devtest_writel(BASE + CTRL, C_EN | C_CMP | C_IRQ);
    devtest_clock_step(400 * TICK);
    g_assert_true(vmstate_save_state(out, vmsd, f->dev, NULL, &error_abort));
    bytes = qemu_file_mem_data(out);
    device_cold_reset(f->dev);
    in = qemu_file_new_input_mem(bytes->data, bytes->len);
    g_assert_true(vmstate_load_state(in, vmsd, f->dev, 1, &error_abort));
    g_assert_cmpuint(counter(), ==, 400);
    devtest_clock_step(599 * TICK);
    g_assert_cmpint(f->irq[0].level, ==, 0);
    devtest_clock_step(1 * TICK);
    g_assert_cmpint(f->irq[0].level, ==, 1);
    qemu_fclose(in);
    qemu_fclose(out);
}

static void set_cpus(DeviceState *dev, void *opaque)
{
    qdev_prop_set_uint32(dev, "num-cpu", GPOINTER_TO_UINT(opaque));
}

static void set_nofreq(DeviceState *dev, void *opaque)
{
    qdev_prop_set_uint32(dev, "freq-hz", 0);
}

static void test_bad_props(void)
{
    devtest_expect_realize_error(TYPE_A9_GTIMER, set_cpus, GUINT_TO_POINTER(0),
                                 "a9-gtimer: num-cpu 0 is out of range (1..4)");
    devtest_expect_realize_error(TYPE_A9_GTIMER, set_nofreq, NULL,
                                 "a9-gtimer: freq-hz must not be 0");
}

#define ADD(name, fn) \
    g_test_add("/a9gtimer/" name, Fixture, NULL, fixture_setup, fn, fixture_teardown)

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    devtest_init();
    ADD("counter", test_counter);
    ADD("compare", test_compare);
    ADD("autoinc", test_autoinc);
    ADD("banked", test_banked);
    ADD("vmstate", test_vmstate);
    g_test_add_func("/a9gtimer/bad-props", test_bad_props);
    return g_test_run();
}
