/*
 * SP804 dual timer through its registers, with the virtual clock stepped
 * by hand: periodic, one-shot and free-running modes, prescaler,
 * background load, interrupt masking, both timers on one line.
 */
#include "qemu/osdep.h"
#include "devtest.h"
#include "hw/timer/sp804.h"
#include "migration/vmstate.h"

#define BASE 0x10011000
#define LOAD(t)     (BASE + 0x20 * (t) + 0x00)
#define VALUE(t)    (BASE + 0x20 * (t) + 0x04)
#define CTRL(t)     (BASE + 0x20 * (t) + 0x08)
#define INTCLR(t)   (BASE + 0x20 * (t) + 0x0c)
#define RIS(t)      (BASE + 0x20 * (t) + 0x10)
#define MIS(t)      (BASE + 0x20 * (t) + 0x14)
#define BGLOAD(t)   (BASE + 0x20 * (t) + 0x18)

#define C_ONESHOT   0x01
#define C_32BIT     0x02
#define C_PRE16     0x04
#define C_IE        0x20
#define C_PERIODIC  0x40
#define C_EN        0x80

#define US 1000     /* ns; the timer ticks at 1 MHz by default */

typedef struct Fixture {
    DeviceState *dev;
    IrqRecorder irq;
} Fixture;

static void fixture_setup(Fixture *f, gconstpointer data)
{
    f->dev = devtest_create(TYPE_SP804, BASE, &f->irq, NULL, NULL);
}

static void fixture_teardown(Fixture *f, gconstpointer data)
{
    devtest_destroy(f->dev, &f->irq);
}

static void test_ids_and_reset(Fixture *f, gconstpointer data)
{
    static const uint8_t id[8] = { 0x04, 0x18, 0x14, 0x00,
                                   0x0d, 0xf0, 0x05, 0xb1 };

    for (int i = 0; i < 8; i++) {
        g_assert_cmphex(devtest_readl(BASE + 0xfe0 + 4 * i), ==, id[i]);
    }
    for (int t = 0; t < 2; t++) {
        g_assert_cmphex(devtest_readl(CTRL(t)), ==, C_IE);
        g_assert_cmphex(devtest_readl(VALUE(t)), ==, 0xffffffff);
        g_assert_cmphex(devtest_readl(LOAD(t)), ==, 0);
        g_assert_cmphex(devtest_readl(RIS(t)), ==, 0);
    }
    /* Stopped: the count does not move. */
    devtest_clock_step(1000 * US);
    g_assert_cmphex(devtest_readl(VALUE(0)), ==, 0xffffffff);
}

static void test_periodic(Fixture *f, gconstpointer data)
{
    devtest_writel(LOAD(0), 1000);
    devtest_writel(CTRL(0), C_EN | C_PERIODIC | C_32BIT | C_IE);
    g_assert_cmpuint(devtest_readl(VALUE(0)), ==, 1000);
    devtest_clock_step(400 * US);
    g_assert_cmpuint(devtest_readl(VALUE(0)), ==, 600);
    g_assert_cmpint(f->irq.level, ==, 0);
    devtest_clock_step(600 * US);
    g_assert_cmpuint(devtest_readl(RIS(0)), ==, 1);
    g_assert_cmpuint(devtest_readl(MIS(0)), ==, 1);
    g_assert_cmpint(f->irq.level, ==, 1);
    /* Reloaded from LOAD. */
    g_assert_cmpuint(devtest_readl(VALUE(0)), ==, 1000);
    devtest_writel(INTCLR(0), 1);
    g_assert_cmpint(f->irq.level, ==, 0);
    devtest_clock_step(2500 * US);
    g_assert_cmpint(f->irq.raises, ==, 2);
    g_assert_cmpuint(devtest_readl(VALUE(0)), ==, 500);
}

static void test_oneshot(Fixture *f, gconstpointer data)
{
    devtest_writel(LOAD(0), 100);
    devtest_writel(CTRL(0), C_EN | C_ONESHOT | C_32BIT | C_IE);
    devtest_clock_step(99 * US);
    g_assert_cmpint(f->irq.level, ==, 0);
    devtest_clock_step(1 * US);
    g_assert_cmpint(f->irq.level, ==, 1);
    g_assert_cmpuint(devtest_readl(VALUE(0)), ==, 0);
    g_assert_false(devtest_readl(CTRL(0)) & C_EN);
    devtest_writel(INTCLR(0), 1);
    devtest_clock_step(1000 * US);
    g_assert_cmpint(f->irq.raises, ==, 1);
    g_assert_cmpuint(devtest_readl(VALUE(0)), ==, 0);
}

static void test_free_running_wraps(Fixture *f, gconstpointer data)
{
    devtest_writel(LOAD(0), 10);
    devtest_writel(CTRL(0), C_EN | C_32BIT | C_IE);
    devtest_clock_step(10 * US);
    g_assert_cmpint(f->irq.level, ==, 1);
    g_assert_cmphex(devtest_readl(VALUE(0)), ==, 0xffffffff);
    devtest_clock_step(5 * US);
    g_assert_cmphex(devtest_readl(VALUE(0)), ==, 0xfffffffa);
}

static void test_sixteen_bit(Fixture *f, gconstpointer data)
{
    devtest_writel(LOAD(0), 0x12345);
    devtest_writel(CTRL(0), C_EN | C_IE);   /* 16-bit free-running */
    g_assert_cmphex(devtest_readl(VALUE(0)), ==, 0x2345);
    devtest_clock_step(0x2345 * US);
    g_assert_cmpint(f->irq.level, ==, 1);
    g_assert_cmphex(devtest_readl(VALUE(0)), ==, 0xffff);
}

static void test_prescale(Fixture *f, gconstpointer data)
{
    devtest_writel(LOAD(0), 10);
    devtest_writel(CTRL(0), C_EN | C_PERIODIC | C_32BIT | C_IE | C_PRE16);
    devtest_clock_step(159 * US);
    g_assert_cmpint(f->irq.level, ==, 0);
    g_assert_cmpuint(devtest_readl(VALUE(0)), ==, 1);
    devtest_clock_step(1 * US);
    g_assert_cmpint(f->irq.level, ==, 1);
}

static void test_bgload(Fixture *f, gconstpointer data)
{
    devtest_writel(LOAD(0), 1000);
    devtest_writel(CTRL(0), C_EN | C_PERIODIC | C_32BIT | C_IE);
    devtest_clock_step(100 * US);
    devtest_writel(BGLOAD(0), 200);
    g_assert_cmpuint(devtest_readl(VALUE(0)), ==, 900);
    g_assert_cmpuint(devtest_readl(LOAD(0)), ==, 200);
    devtest_clock_step(900 * US);
    g_assert_cmpint(f->irq.raises, ==, 1);
    g_assert_cmpuint(devtest_readl(VALUE(0)), ==, 200);
    devtest_writel(INTCLR(0), 1);
    devtest_clock_step(200 * US);
    g_assert_cmpint(f->irq.raises, ==, 2);
}

static void test_mask_and_two_timers(Fixture *f, gconstpointer data)
{
    devtest_writel(LOAD(0), 50);
    devtest_writel(CTRL(0), C_EN | C_PERIODIC | C_32BIT);   /* IE clear */
    devtest_writel(LOAD(1), 80);
    devtest_writel(CTRL(1), C_EN | C_ONESHOT | C_32BIT | C_IE);
    devtest_clock_step(50 * US);
    g_assert_cmpuint(devtest_readl(RIS(0)), ==, 1);
    g_assert_cmpuint(devtest_readl(MIS(0)), ==, 0);
    g_assert_cmpint(f->irq.level, ==, 0);
    devtest_clock_step(30 * US);
    g_assert_cmpuint(devtest_readl(MIS(1)), ==, 1);
    g_assert_cmpint(f->irq.level, ==, 1);
    /* Enabling timer 0's interrupt keeps the line up after clearing 1. */
    devtest_writel(CTRL(0), C_EN | C_PERIODIC | C_32BIT | C_IE);
    devtest_writel(INTCLR(1), 1);
    g_assert_cmpint(f->irq.level, ==, 1);
    devtest_writel(INTCLR(0), 1);
    g_assert_cmpint(f->irq.level, ==, 0);
}

static void test_stop_freezes(Fixture *f, gconstpointer data)
{
    devtest_writel(LOAD(0), 1000);
    devtest_writel(CTRL(0), C_EN | C_PERIODIC | C_32BIT | C_IE);
    devtest_clock_step(300 * US);
    devtest_writel(CTRL(0), C_PERIODIC | C_32BIT | C_IE);
    devtest_clock_step(5000 * US);
    g_assert_cmpuint(devtest_readl(VALUE(0)), ==, 700);
    g_assert_cmpint(f->irq.raises, ==, 0);
    devtest_writel(CTRL(0), C_EN | C_PERIODIC | C_32BIT | C_IE);
    devtest_clock_step(700 * US);
    g_assert_cmpint(f->irq.raises, ==, 1);
}

static void test_vmstate(Fixture *f, gconstpointer data)
{
    DeviceClass *dc = DEVICE_GET_CLASS(f->dev);
    SP804State *s = SP804(f->dev);
    const VMStateDescription *timer_vmsd = dc->vmsd->fields[0].vmsd;
    Error *err = NULL;

    g_assert_nonnull(vmstate_find("sp804", 0));
    g_assert_true(vmstate_check_description(dc->vmsd, &error_abort));
    s->timer[1].ris = 5;
    g_assert_false(timer_vmsd->post_load(&s->timer[1], 1, &err));
    g_assert_cmpstr(error_get_pretty(err), ==,
                    "sp804: field 'ris' 5 is not 0 or 1");
    error_free(err);
}

static void set_bad_freq(DeviceState *dev, void *opaque)
{
    qdev_prop_set_uint32(dev, "freq1", 0);
}

static void test_realize_error(void)
{
    devtest_expect_realize_error(TYPE_SP804, set_bad_freq, NULL,
                                 "'freq0' and 'freq1' must be non-zero "
                                 "(got 1000000 and 0)");
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    devtest_init();
#define ADD(path, fn) \
    g_test_add("/sp804/" path, Fixture, NULL, fixture_setup, fn, \
               fixture_teardown)
    ADD("ids-reset", test_ids_and_reset);
    ADD("periodic", test_periodic);
    ADD("oneshot", test_oneshot);
    ADD("free-running", test_free_running_wraps);
    ADD("sixteen-bit", test_sixteen_bit);
    ADD("prescale", test_prescale);
    ADD("bgload", test_bgload);
    ADD("mask-two-timers", test_mask_and_two_timers);
    ADD("stop-freezes", test_stop_freezes);
    ADD("vmstate", test_vmstate);
    g_test_add_func("/sp804/realize-error", test_realize_error);
    return g_test_run();
}
