/*
 * SP810 system controller through its registers: identification, mode
 * control, timer clock selection lines, peripheral clock enables,
 * crystal/PLL status, test registers.
 */
#include "qemu/osdep.h"
#include "devtest.h"
#include "hw/misc/sp810.h"
#include "hw/irq.h"
#include "migration/vmstate.h"

#define BASE 0x10001000
#define R(off) (BASE + (off))

typedef struct Fixture {
    DeviceState *dev;
    int sel[SP810_TIMERS];
    int changes;
    qemu_irq lines[SP810_TIMERS];
} Fixture;

static void record_sel(void *opaque, int n, int level)
{
    Fixture *f = opaque;

    f->sel[n] = level;
    f->changes++;
}

static void set_sysid(DeviceState *dev, void *opaque)
{
    qdev_prop_set_uint32(dev, "sys-id", 0x44332211);
}

static void fixture_setup(Fixture *f, gconstpointer data)
{
    f->dev = devtest_create(TYPE_SP810, BASE, NULL, set_sysid, NULL);
    for (int n = 0; n < SP810_TIMERS; n++) {
        f->sel[n] = -1;
        f->lines[n] = qemu_allocate_irq(record_sel, f, n);
        qdev_connect_gpio_out_named(f->dev, "timer-clk-sel", n, f->lines[n]);
    }
    device_cold_reset(f->dev);
    devtest_log_start();
}

static void fixture_teardown(Fixture *f, gconstpointer data)
{
    devtest_log_stop();
    devtest_destroy(f->dev, NULL);
    for (int n = 0; n < SP810_TIMERS; n++) {
        qemu_free_irq(f->lines[n]);
    }
}

static void test_ids(Fixture *f, gconstpointer data)
{
    static const uint8_t id[8] = { 0x10, 0x18, 0x04, 0x00,
                                   0x0d, 0xf0, 0x05, 0xb1 };

    for (int i = 0; i < 8; i++) {
        g_assert_cmphex(devtest_readl(R(0xfe0 + 4 * i)), ==, id[i]);
    }
    for (int i = 0; i < 4; i++) {
        g_assert_cmphex(devtest_readl(R(0xee0 + 4 * i)), ==, 0x11 * (i + 1));
    }
    devtest_readl(R(0x100));
    devtest_log_expect("sp810: read of bad offset 0x100");
    devtest_writel(R(0x100), 0);
    devtest_log_expect("sp810: write of bad offset 0x100");
}

static void test_mode(Fixture *f, gconstpointer data)
{
    g_assert_cmphex(devtest_readl(R(0x000)), ==, 0x4 | (0x4 << 3));
    devtest_writel(R(0x000), 0x2);                  /* SLOW */
    g_assert_cmphex(devtest_readl(R(0x000)) & 0x7f, ==, 0x2 | (0x2 << 3));
    devtest_writel(R(0x000), 0x1 | (0xf << 3));     /* status is read-only */
    g_assert_cmphex(devtest_readl(R(0x000)) & 0x7f, ==, 0x1 | (0x1 << 3));
    devtest_writel(R(0x000), 0x7);                  /* reserved: SLOW */
    g_assert_cmphex((devtest_readl(R(0x000)) >> 3) & 0xf, ==, 0x2);
    devtest_writel(R(0x000), 0x4 | (1 << 8));       /* RemapClear */
    g_assert_true(devtest_readl(R(0x000)) & (1 << 9));
}

static void test_timer_select(Fixture *f, gconstpointer data)
{
    /* Reset drives every line: REFCLK. */
    for (int n = 0; n < SP810_TIMERS; n++) {
        g_assert_cmpint(f->sel[n], ==, 0);
    }
    /* What Linux does on the Versatile Express: TIMCLK for timers 0, 1. */
    devtest_writel(R(0x000), 0x4 | (1 << 15) | (1 << 17));
    g_assert_cmpint(f->sel[0], ==, 1);
    g_assert_cmpint(f->sel[1], ==, 1);
    g_assert_cmpint(f->sel[2], ==, 0);
    g_assert_cmpint(f->sel[3], ==, 0);
    devtest_writel(R(0x000), 0x4 | (1 << 21));
    g_assert_cmpint(f->sel[0], ==, 0);
    g_assert_cmpint(f->sel[3], ==, 1);
    g_assert_true(devtest_readl(R(0x000)) & (1 << 21));
    device_cold_reset(f->dev);
    g_assert_cmpint(f->sel[3], ==, 0);
}

static void test_peripheral_clocks(Fixture *f, gconstpointer data)
{
    g_assert_cmphex(devtest_readl(R(0x02c)), ==, 0xffffffff);
    devtest_writel(R(0x028), 0x0000ff00);           /* SCPERDIS */
    g_assert_cmphex(devtest_readl(R(0x02c)), ==, 0xffff00ff);
    g_assert_cmphex(devtest_readl(R(0x030)), ==, 0xffff00ff);
    devtest_writel(R(0x024), 0x00000300);           /* SCPEREN */
    g_assert_cmphex(devtest_readl(R(0x030)), ==, 0xffff03ff);
    devtest_writel(R(0x01c), 0xabc);
    devtest_writel(R(0x020), 0xdef);
    g_assert_cmphex(devtest_readl(R(0x01c)), ==, 0xabc);
    g_assert_cmphex(devtest_readl(R(0x020)), ==, 0xdef);
}

static void test_xtal_pll(Fixture *f, gconstpointer data)
{
    g_assert_cmphex(devtest_readl(R(0x010)), ==, (1 << 19) | 1);
    devtest_writel(R(0x010), 0x10);                 /* crystal off */
    g_assert_cmphex(devtest_readl(R(0x010)), ==, 0x10);
    g_assert_cmphex(devtest_readl(R(0x014)), ==, 0x3);
    devtest_writel(R(0x014), 0x0);
    g_assert_cmphex(devtest_readl(R(0x014)), ==, 0x0);
    devtest_writel(R(0x018), 0x12345);
    g_assert_cmphex(devtest_readl(R(0x018)), ==, 0x12345);
    devtest_writel(R(0x008), 0x1ff);
    g_assert_cmphex(devtest_readl(R(0x008)), ==, 0xff);
}

static void test_test_registers(Fixture *f, gconstpointer data)
{
    devtest_writel(R(0xf00), 1);
    devtest_log_expect("sp810: integration test mode is not implemented");
    g_assert_cmphex(devtest_readl(R(0xf00)), ==, 1);
    g_assert_cmphex(devtest_readl(R(0xf14)), ==, 0);
    devtest_log_expect("sp810: test register 0xf14 reads as zero");
    devtest_writel(R(0xf10), 5);
    devtest_log_expect("sp810: test register 0xf10 ignores writes");
}

static void test_vmstate(Fixture *f, gconstpointer data)
{
    DeviceClass *dc = DEVICE_GET_CLASS(f->dev);

    g_assert_true(vmstate_check_description(dc->vmsd, &error_abort));
    g_assert_cmpstr(dc->vmsd->name, ==, "sp810");
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    devtest_init();
#define ADD(path, fn) \
    g_test_add("/sp810/" path, Fixture, NULL, fixture_setup, fn, \
               fixture_teardown)
    ADD("ids", test_ids);
    ADD("mode", test_mode);
    ADD("timer-select", test_timer_select);
    ADD("peripheral-clocks", test_peripheral_clocks);
    ADD("xtal-pll", test_xtal_pll);
    ADD("test-registers", test_test_registers);
    ADD("vmstate", test_vmstate);
    return g_test_run();
}
