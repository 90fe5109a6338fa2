/*
 * PL031 RTC through its registers: identification, counting on the
 * virtual clock, load, match interrupt and masking, start-time property.
 */
#include "qemu/osdep.h"
#include "devtest.h"
#include "hw/rtc/pl031.h"
#include "qemu/timer.h"
#include "migration/vmstate.h"

#define BASE 0x10017000
#define DR      (BASE + 0x00)
#define MR      (BASE + 0x04)
#define LR      (BASE + 0x08)
#define CR      (BASE + 0x0c)
#define IMSC    (BASE + 0x10)
#define RIS     (BASE + 0x14)
#define MIS     (BASE + 0x18)
#define ICR     (BASE + 0x1c)

#define SEC NANOSECONDS_PER_SECOND
#define START "2026-01-31T12:00:00Z"

typedef struct Fixture {
    DeviceState *dev;
    IrqRecorder irq;
    int64_t start;
} Fixture;

static void set_start(DeviceState *dev, void *opaque)
{
    qdev_prop_set_string(dev, "start-time", opaque);
}

static void fixture_setup(Fixture *f, gconstpointer data)
{
    g_autoptr(GDateTime) t = g_date_time_new_from_iso8601(START, NULL);

    /* Start on a second boundary of the virtual clock. */
    int64_t now = qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL);

    devtest_clock_step((SEC - now % SEC) % SEC);
    f->start = g_date_time_to_unix(t);
    f->dev = devtest_create(TYPE_PL031, BASE, &f->irq, set_start,
                            (void *)START);
}

static void fixture_teardown(Fixture *f, gconstpointer data)
{
    devtest_destroy(f->dev, &f->irq);
}

static void test_ids(Fixture *f, gconstpointer data)
{
    static const uint8_t id[8] = { 0x31, 0x10, 0x04, 0x00,
                                   0x0d, 0xf0, 0x05, 0xb1 };

    for (int i = 0; i < 8; i++) {
        g_assert_cmphex(devtest_readl(BASE + 0xfe0 + 4 * i), ==, id[i]);
    }
    g_assert_cmphex(devtest_readl(CR), ==, 1);
}

static void test_counts_with_virtual_clock(Fixture *f, gconstpointer data)
{
    g_assert_cmpuint(devtest_readl(DR), ==, f->start);
    devtest_clock_step(SEC / 2);
    g_assert_cmpuint(devtest_readl(DR), ==, f->start);
    devtest_clock_step(SEC / 2);
    g_assert_cmpuint(devtest_readl(DR), ==, f->start + 1);
    devtest_clock_step(5 * SEC);
    g_assert_cmpuint(devtest_readl(DR), ==, f->start + 6);
}

static void test_load(Fixture *f, gconstpointer data)
{
    devtest_writel(LR, 1000);
    g_assert_cmpuint(devtest_readl(DR), ==, 1000);
    g_assert_cmpuint(devtest_readl(LR), ==, 1000);
    devtest_clock_step(3 * SEC);
    g_assert_cmpuint(devtest_readl(DR), ==, 1003);
    /* DR is read-only. */
    devtest_writel(DR, 5);
    g_assert_cmpuint(devtest_readl(DR), ==, 1003);
}

static void test_match_interrupt(Fixture *f, gconstpointer data)
{
    devtest_writel(LR, 2000);
    devtest_writel(MR, 2003);
    devtest_writel(IMSC, 1);
    devtest_clock_step(2 * SEC + SEC / 2);
    g_assert_cmpint(f->irq.level, ==, 0);
    g_assert_cmpuint(devtest_readl(RIS), ==, 0);
    devtest_clock_step(SEC / 2);
    g_assert_cmpint(f->irq.level, ==, 1);
    g_assert_cmpuint(devtest_readl(RIS), ==, 1);
    g_assert_cmpuint(devtest_readl(MIS), ==, 1);
    devtest_writel(ICR, 1);
    g_assert_cmpint(f->irq.level, ==, 0);
    devtest_clock_step(10 * SEC);
    g_assert_cmpint(f->irq.raises, ==, 1);
}

static void test_masked(Fixture *f, gconstpointer data)
{
    devtest_writel(LR, 0);
    devtest_writel(MR, 1);
    devtest_clock_step(SEC);
    g_assert_cmpuint(devtest_readl(RIS), ==, 1);
    g_assert_cmpuint(devtest_readl(MIS), ==, 0);
    g_assert_cmpint(f->irq.level, ==, 0);
    devtest_writel(IMSC, 1);
    g_assert_cmpint(f->irq.level, ==, 1);
}

static void test_vmstate(Fixture *f, gconstpointer data)
{
    DeviceClass *dc = DEVICE_GET_CLASS(f->dev);
    PL031State *s = PL031(f->dev);
    Error *err = NULL;

    g_assert_nonnull(vmstate_find("pl031", 0));
    g_assert_true(vmstate_check_description(dc->vmsd, &error_abort));
    s->is = 2;
    g_assert_false(dc->vmsd->post_load(s, 1, &err));
    g_assert_cmpstr(error_get_pretty(err), ==,
                    "pl031: fields 'is' 2 / 'im' 0 must be 0 or 1");
    error_free(err);
    s->is = 0;
}

static void test_bad_start_time(void)
{
    devtest_expect_realize_error(TYPE_PL031, set_start, (void *)"yesterday",
                                 "property 'start-time': 'yesterday' is not");
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    devtest_init();
#define ADD(path, fn) \
    g_test_add("/pl031/" path, Fixture, NULL, fixture_setup, fn, \
               fixture_teardown)
    ADD("ids", test_ids);
    ADD("counts", test_counts_with_virtual_clock);
    ADD("load", test_load);
    ADD("match-interrupt", test_match_interrupt);
    ADD("masked", test_masked);
    ADD("vmstate", test_vmstate);
    g_test_add_func("/pl031/bad-start-time", test_bad_start_time);
    return g_test_run();
}
