/*
 * Cortex-A9 private timer and watchdog (timer mode) through the memory
 * API with the virtual clock stepped by hand: periodic and one-shot
 * counting, prescaler, event flag and interrupt, banking per CPU by
 * requester id, watchdog registers, reset, migration, property errors.
 */
#include "qemu/osdep.h"
#include "devtest.h"
#include "hw/timer/arm_mptimer.h"
#include "migration/vmstate.h"
#include "migration/qemu-file.h"

#define BASE    0x1e000600
#define CPU1    0x1f000000      /* CPU 1's block, region 2 */
#define LOAD    0x00
#define COUNT   0x04
#define CTRL    0x08
#define ISR     0x0c
#define WDT     0x20

#define C_EN    1u
#define C_AUTO  2u
#define C_IT    4u
#define C_WDT   8u

#define TICK    10      /* ns at the default 100 MHz */

typedef struct Fixture {
    DeviceState *dev;
    IrqRecorder irq[4];         /* timer0, wdt0, timer1, wdt1 */
} Fixture;

static void set_two(DeviceState *dev, void *opaque)
{
    qdev_prop_set_uint32(dev, "num-cpu", 2);
}

static void fixture_setup(Fixture *f, gconstpointer data)
{
    f->dev = devtest_create(TYPE_ARM_MPTIMER, BASE, &f->irq[0], set_two, NULL);
    for (int i = 1; i < 4; i++) {
        sysbus_connect_irq(SYS_BUS_DEVICE(f->dev), i, devtest_recorder_line(&f->irq[i]));
    }
    sysbus_mmio_map(SYS_BUS_DEVICE(f->dev), 2, CPU1);
}

static void fixture_teardown(Fixture *f, gconstpointer data)
{
    devtest_destroy(f->dev, &f->irq[0]);
    for (int i = 1; i < 4; i++) {
        qemu_free_irq(f->irq[i].line);
    }
}

static MemTxAttrs cpu_attrs(unsigned cpu)
{
    return (MemTxAttrs) { .requester_id = cpu, .secure = 1 };
}

static void test_reset(Fixture *f, gconstpointer data)
{
    for (hwaddr b = 0; b <= WDT; b += WDT) {
        g_assert_cmphex(devtest_readl(BASE + b + LOAD), ==, 0);
        g_assert_cmphex(devtest_readl(BASE + b + COUNT), ==, 0);
        g_assert_cmphex(devtest_readl(BASE + b + CTRL), ==, 0);
        g_assert_cmphex(devtest_readl(BASE + b + ISR), ==, 0);
    }
    g_assert_cmphex(devtest_readl(BASE + WDT + 0x10), ==, 0);
}

static void test_periodic(Fixture *f, gconstpointer data)
{
    devtest_writel(BASE + LOAD, 1000);
    g_assert_cmpuint(devtest_readl(BASE + COUNT), ==, 1000);
    devtest_writel(BASE + CTRL, C_EN | C_AUTO | C_IT);
    devtest_clock_step(400 * TICK);
    g_assert_cmpuint(devtest_readl(BASE + COUNT), ==, 600);
    g_assert_cmpint(f->irq[0].level, ==, 0);
    devtest_clock_step(600 * TICK);
    g_assert_cmpuint(devtest_readl(BASE + ISR), ==, 1);
    g_assert_cmpint(f->irq[0].level, ==, 1);
    g_assert_cmpuint(devtest_readl(BASE + COUNT), ==, 1000);
    devtest_writel(BASE + ISR, 1);
    g_assert_cmpint(f->irq[0].level, ==, 0);
    devtest_clock_step(1000 * TICK);
    g_assert_cmpint(f->irq[0].raises, ==, 2);
    /* Masked: the flag is set but the line stays low. */
    devtest_writel(BASE + ISR, 1);
    devtest_writel(BASE + CTRL, C_EN | C_AUTO);
    devtest_clock_step(1000 * TICK);
    g_assert_cmpuint(devtest_readl(BASE + ISR), ==, 1);
    g_assert_cmpint(f->irq[0].level, ==, 0);
    /* Enabling the interrupt with the flag set raises the line. */
    devtest_writel(BASE + CTRL, C_EN | C_AUTO | C_IT);
    g_assert_cmpint(f->irq[0].level, ==, 1);
    /* The other blocks did not move. */
    g_assert_cmpint(f->irq[1].raises + f->irq[2].raises + f->irq[3].raises, ==, 0);
}

static void test_oneshot_prescaler(Fixture *f, gconstpointer data)
{
    devtest_writel(BASE + LOAD, 100);
    /* Prescaler 9: one tick every 10 PERIPHCLK cycles. */
    devtest_writel(BASE + CTRL, C_EN | C_IT | (9 << 8));
    devtest_clock_step(50 * 10 * TICK);
    g_assert_cmpuint(devtest_readl(BASE + COUNT), ==, 50);
    devtest_clock_step(50 * 10 * TICK);
    g_assert_cmpuint(devtest_readl(BASE + COUNT), ==, 0);
    g_assert_cmpint(f->irq[0].level, ==, 1);
    devtest_clock_step(1000 * 10 * TICK);
    g_assert_cmpuint(devtest_readl(BASE + COUNT), ==, 0);
    g_assert_cmpint(f->irq[0].raises, ==, 1);
    /* Writing the counter restarts a one-shot count. */
    devtest_writel(BASE + ISR, 1);
    devtest_writel(BASE + COUNT, 20);
    devtest_clock_step(20 * 10 * TICK);
    g_assert_cmpint(f->irq[0].raises, ==, 2);
    /* Disabled: frozen. */
    devtest_writel(BASE + COUNT, 20);
    devtest_writel(BASE + CTRL, 0);
    devtest_clock_step(100 * 10 * TICK);
    g_assert_cmpuint(devtest_readl(BASE + COUNT), ==, 20);
}

/*
 * The guest reprograms a one-shot just after its deadline, before the
 * main loop has run the expiry (Linux's twd_set_next_event: Counter, then
 * Control): the event still happens, once. Lost, the kernel waits forever.
 */
static void test_late_expiry(Fixture *f, gconstpointer data)
{
    int64_t now = qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL);

    devtest_writel(BASE + COUNT, 5);
    devtest_writel(BASE + CTRL, C_EN | C_IT);
    /* The clock passes the deadline; no timer runs. */
    g_assert(qemu_clock_set_virtual_ns(now + 50 * TICK));
    g_assert_cmpint(f->irq[0].raises, ==, 0);
    devtest_writel(BASE + CTRL, C_EN | C_IT);
    g_assert_cmpint(f->irq[0].level, ==, 1);
    g_assert_cmpuint(devtest_readl(BASE + ISR), ==, 1);
    devtest_clock_step(100 * TICK);
    g_assert_cmpint(f->irq[0].raises, ==, 1);

    /* Same with the next Counter write arriving late. */
    devtest_writel(BASE + ISR, 1);
    devtest_writel(BASE + COUNT, 5);
    now = qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL);
    g_assert(qemu_clock_set_virtual_ns(now + 50 * TICK));
    devtest_writel(BASE + COUNT, 30);
    g_assert_cmpint(f->irq[0].raises, ==, 2);
    devtest_writel(BASE + ISR, 1);
    devtest_clock_step(30 * TICK);
    g_assert_cmpint(f->irq[0].raises, ==, 3);
}

static void test_banked(Fixture *f, gconstpointer data)
{
    /* CPU 1 programs "its" timer at the shared address. */
    devtest_write_attrs(BASE + LOAD, 4, 500, cpu_attrs(1));
    devtest_write_attrs(BASE + CTRL, 4, C_EN | C_IT, cpu_attrs(1));
    g_assert_cmpuint(devtest_read_attrs(BASE + LOAD, 4, cpu_attrs(1)), ==, 500);
    g_assert_cmpuint(devtest_read_attrs(BASE + LOAD, 4, cpu_attrs(0)), ==, 0);
    g_assert_cmpuint(devtest_readl(CPU1 + LOAD), ==, 500);
    devtest_clock_step(500 * TICK);
    g_assert_cmpint(f->irq[2].level, ==, 1);
    g_assert_cmpint(f->irq[0].level, ==, 0);
    g_assert_cmpuint(devtest_readl(CPU1 + ISR), ==, 1);
    g_assert_cmpuint(devtest_read_attrs(BASE + ISR, 4, cpu_attrs(0)), ==, 0);

    devtest_log_start();
    g_assert_cmpuint(devtest_read_attrs(BASE + LOAD, 4, cpu_attrs(5)), ==, 0);
    devtest_log_expect("arm-mptimer: access from requester 5, which is not one of "
                       "the 2 CPUs");
    devtest_write_attrs(BASE + LOAD, 4, 7, cpu_attrs(2));
    devtest_log_expect("arm-mptimer: access from requester 2");
    devtest_log_stop();
}

static void test_watchdog(Fixture *f, gconstpointer data)
{
    devtest_writel(BASE + WDT + LOAD, 300);
    devtest_writel(BASE + WDT + CTRL, C_EN | C_AUTO | C_IT);
    devtest_clock_step(300 * TICK);
    g_assert_cmpint(f->irq[1].level, ==, 1);
    g_assert_cmpint(f->irq[0].level, ==, 0);
    devtest_writel(BASE + WDT + ISR, 1);
    g_assert_cmpint(f->irq[1].level, ==, 0);

    devtest_log_start();
    devtest_writel(BASE + WDT + CTRL, C_EN | C_WDT);
    devtest_log_expect("arm-mptimer: watchdog mode is not implemented");
    g_assert_cmphex(devtest_readl(BASE + WDT + CTRL), ==, C_EN | C_WDT);
    /* The timer's control has no watchdog bit. */
    devtest_writel(BASE + CTRL, C_WDT);
    g_assert_cmphex(devtest_readl(BASE + CTRL), ==, 0);
    /* The disable sequence leaves watchdog mode; a wrong one does not. */
    devtest_writel(BASE + WDT + 0x14, 0x87654321);
    g_assert_cmphex(devtest_readl(BASE + WDT + CTRL), ==, C_EN | C_WDT);
    devtest_writel(BASE + WDT + 0x14, 0x12345678);
    devtest_writel(BASE + WDT + 0x14, 0x87654321);
    g_assert_cmphex(devtest_readl(BASE + WDT + CTRL), ==, C_EN);
    g_assert_cmpuint(devtest_readl(BASE + 0x10), ==, 0);
    devtest_log_expect("arm-mptimer: read of bad offset 0x10");
    devtest_writel(BASE + 0x14, 1);
    devtest_log_expect("arm-mptimer: write of bad offset 0x14");
    devtest_log_stop();

    device_cold_reset(f->dev);
    g_assert_cmphex(devtest_readl(BASE + WDT + CTRL), ==, 0);
    g_assert_cmpint(f->irq[1].level, ==, 0);
}

static void test_vmstate(Fixture *f, gconstpointer data)
{
    const VMStateDescription *vmsd = DEVICE_GET_CLASS(f->dev)->vmsd;
    QEMUFile *out = qemu_file_new_output_mem();
    GByteArray *bytes;
    QEMUFile *in;

    g_assert_true(vmstate_check_description(vmsd, &error_abort));
    devtest_writel(BASE + LOAD, 1000);
    devtest_writel(BASE + CTRL, C_EN | C_AUTO | C_IT);
    devtest_clock_step(250 * TICK);
    devtest_write_attrs(BASE + ISR, 4, 0, cpu_attrs(1));
    g_assert_true(vmstate_save_state(out, vmsd, f->dev, NULL, &error_abort));
    bytes = qemu_file_mem_data(out);
    device_cold_reset(f->dev);
    g_assert_cmpuint(devtest_readl(BASE + COUNT), ==, 0);
    in = qemu_file_new_input_mem(bytes->data, bytes->len);
    g_assert_true(vmstate_load_state(in, vmsd, f->dev, 1, &error_abort));
    g_assert_cmpuint(devtest_readl(BASE + COUNT), ==, 750);
    g_assert_cmphex(devtest_readl(BASE + CTRL), ==, C_EN | C_AUTO | C_IT);
    /* It keeps counting and fires where it would have. */
    devtest_clock_step(750 * TICK);
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
    devtest_expect_realize_error(TYPE_ARM_MPTIMER, set_cpus, GUINT_TO_POINTER(5),
                                 "arm-mptimer: num-cpu 5 is out of range (1..4)");
    devtest_expect_realize_error(TYPE_ARM_MPTIMER, set_nofreq, NULL,
                                 "arm-mptimer: freq-hz must not be 0");
}

#define ADD(name, fn) \
    g_test_add("/arm-mptimer/" name, Fixture, NULL, fixture_setup, fn, fixture_teardown)

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    devtest_init();
    ADD("reset", test_reset);
    ADD("periodic", test_periodic);
    ADD("oneshot-prescaler", test_oneshot_prescaler);
    ADD("late-expiry", test_late_expiry);
    ADD("banked", test_banked);
    ADD("watchdog", test_watchdog);
    ADD("vmstate", test_vmstate);
    g_test_add_func("/arm-mptimer/bad-props", test_bad_props);
    return g_test_run();
}
