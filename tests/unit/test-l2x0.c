/*
 * PL310 L2 cache controller registers: identification and type (derived
 * from the auxiliary control value), enable, configuration locked while
 * enabled, maintenance operations completing at once, interrupts,
 * lockdown, filtering, debug, prefetch and power control.
 */
#include "qemu/osdep.h"
#include "devtest.h"
#include "hw/misc/arm_l2x0.h"
#include "migration/vmstate.h"

#define BASE 0x1e00a000
#define R(off) (BASE + (off))

typedef struct Fixture {
    DeviceState *dev;
    IrqRecorder irq;
} Fixture;

static void set_board_aux(DeviceState *dev, void *opaque)
{
    qdev_prop_set_uint32(dev, "aux-ctrl", 0x02060000);
}

static void fixture_setup(Fixture *f, gconstpointer data)
{
    f->dev = devtest_create(TYPE_ARM_L2X0, BASE, &f->irq,
                            data ? set_board_aux : NULL, NULL);
    devtest_log_start();
}

static void fixture_teardown(Fixture *f, gconstpointer data)
{
    devtest_log_stop();
    devtest_destroy(f->dev, &f->irq);
}

static void test_ids(Fixture *f, gconstpointer data)
{
    g_assert_cmphex(devtest_readl(R(0x000)), ==, 0x410000c8);
    if (data) {
        /* 64 KiB ways, 8-way: the CoreTile A9x4's 512 KiB */
        g_assert_cmphex(devtest_readl(R(0x104)), ==, 0x02060000);
        g_assert_cmphex(devtest_readl(R(0x004)), ==, 0x1c300300);
    } else {
        g_assert_cmphex(devtest_readl(R(0x104)), ==, 0x02020000);
        g_assert_cmphex(devtest_readl(R(0x004)), ==, 0x1c100100);
    }
    devtest_writel(R(0x000), 0);
    devtest_log_expect("l2x0: write to read-only offset 0x0");
    g_assert_cmphex(devtest_readl(R(0x000)), ==, 0x410000c8);
    devtest_readl(R(0x300));
    devtest_log_expect("l2x0: read of bad offset 0x300");
    devtest_writel(R(0x300), 1);
    devtest_log_expect("l2x0: write of bad offset 0x300");
}

static void test_enable_locks_config(Fixture *f, gconstpointer data)
{
    /* What Linux does: latencies and aux control first, then enable. */
    devtest_writel(R(0x108), 0x111);
    devtest_writel(R(0x10c), 0xfff);
    devtest_writel(R(0x104), 0x02070000);       /* 16-way */
    g_assert_cmphex(devtest_readl(R(0x108)), ==, 0x111);
    g_assert_cmphex(devtest_readl(R(0x10c)), ==, 0x777);
    g_assert_cmphex(devtest_readl(R(0x004)), ==, 0x1c340340);
    devtest_writel(R(0x100), 3);
    g_assert_cmphex(devtest_readl(R(0x100)), ==, 1);
    devtest_writel(R(0x104), 0x02020000);
    devtest_log_expect("l2x0: write to auxiliary control while the cache is "
                       "enabled is ignored");
    g_assert_cmphex(devtest_readl(R(0x104)), ==, 0x02070000);
    devtest_writel(R(0x108), 0);
    devtest_log_expect("l2x0: write to tag RAM latency while the cache is "
                       "enabled is ignored");
    devtest_writel(R(0x10c), 0);
    devtest_log_expect("l2x0: write to data RAM latency while the cache is "
                       "enabled is ignored");
    g_assert_cmphex(devtest_readl(R(0x108)), ==, 0x111);
    devtest_writel(R(0x100), 0);
    devtest_writel(R(0x108), 0);
    g_assert_cmphex(devtest_readl(R(0x108)), ==, 0);
    /* Reset: disabled, the property's aux control value. */
    devtest_writel(R(0x100), 1);
    device_cold_reset(f->dev);
    g_assert_cmphex(devtest_readl(R(0x100)), ==, 0);
    g_assert_cmphex(devtest_readl(R(0x104)), ==, 0x02020000);
}

static void test_maintenance(Fixture *f, gconstpointer data)
{
    static const hwaddr ops[] = {
        0x730, 0x770, 0x77c, 0x7b0, 0x7b8, 0x7bc, 0x7f0, 0x7f8, 0x7fc, 0x954
    };

    devtest_writel(R(0x100), 1);
    for (size_t i = 0; i < G_N_ELEMENTS(ops); i++) {
        devtest_writel(R(ops[i]), 0xff);       /* e.g. all 8 ways */
        g_assert_cmphex(devtest_readl(R(ops[i])), ==, 0);
    }
}

static void test_interrupts_counters(Fixture *f, gconstpointer data)
{
    devtest_writel(R(0x214), 0xffff);
    g_assert_cmphex(devtest_readl(R(0x214)), ==, 0x1ff);
    g_assert_cmphex(devtest_readl(R(0x21c)), ==, 0);
    g_assert_cmphex(devtest_readl(R(0x218)), ==, 0);
    devtest_writel(R(0x220), 0x1ff);
    g_assert_cmpint(f->irq.level, ==, 0);
    g_assert_cmpint(f->irq.raises, ==, 0);

    devtest_writel(R(0x200), 7);
    g_assert_cmphex(devtest_readl(R(0x200)), ==, 1);
    devtest_writel(R(0x204), 0xff);
    devtest_writel(R(0x208), 0x09);
    g_assert_cmphex(devtest_readl(R(0x204)), ==, 0x3f);
    g_assert_cmphex(devtest_readl(R(0x208)), ==, 0x09);
    devtest_writel(R(0x20c), 1234);
    g_assert_cmphex(devtest_readl(R(0x20c)), ==, 0);
    g_assert_cmphex(devtest_readl(R(0x210)), ==, 0);
}

static void test_lockdown_and_misc(Fixture *f, gconstpointer data)
{
    for (int n = 0; n < 8; n++) {
        devtest_writel(R(0x900 + 8 * n), 0x10000 | n);
        devtest_writel(R(0x904 + 8 * n), 0x100 + n);
    }
    for (int n = 0; n < 8; n++) {
        g_assert_cmphex(devtest_readl(R(0x900 + 8 * n)), ==, n);
        g_assert_cmphex(devtest_readl(R(0x904 + 8 * n)), ==, 0x100 + n);
    }
    devtest_writel(R(0x950), 3);
    g_assert_cmphex(devtest_readl(R(0x950)), ==, 1);
    devtest_writel(R(0xc00), 0x400fffff);
    devtest_writel(R(0xc04), 0x800fffff);
    g_assert_cmphex(devtest_readl(R(0xc00)), ==, 0x40000001);
    g_assert_cmphex(devtest_readl(R(0xc04)), ==, 0x80000000);
    devtest_writel(R(0xf40), 0xff);
    g_assert_cmphex(devtest_readl(R(0xf40)), ==, 7);
    devtest_writel(R(0xf60), 0xffffffff);
    g_assert_cmphex(devtest_readl(R(0xf60)), ==, 0x79a0001f);
    devtest_writel(R(0xf80), 0xff);
    g_assert_cmphex(devtest_readl(R(0xf80)), ==, 3);
    device_cold_reset(f->dev);
    g_assert_cmphex(devtest_readl(R(0x900)), ==, 0);
    g_assert_cmphex(devtest_readl(R(0xf60)), ==, 0);
}

static void test_vmstate(Fixture *f, gconstpointer data)
{
    DeviceClass *dc = DEVICE_GET_CLASS(f->dev);

    g_assert_true(vmstate_check_description(dc->vmsd, &error_abort));
    g_assert_cmpstr(dc->vmsd->name, ==, "l2x0");
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    devtest_init();
#define ADD(path, fn, data) \
    g_test_add("/l2x0/" path, Fixture, data, fixture_setup, fn, \
               fixture_teardown)
    ADD("ids", test_ids, NULL);
    ADD("ids-board", test_ids, "board");
    ADD("enable-locks-config", test_enable_locks_config, NULL);
    ADD("maintenance", test_maintenance, NULL);
    ADD("interrupts-counters", test_interrupts_counters, NULL);
    ADD("lockdown-misc", test_lockdown_and_misc, NULL);
    ADD("vmstate", test_vmstate, NULL);
    return g_test_run();
}
