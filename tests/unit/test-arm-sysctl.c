/*
 * Versatile Express system registers: identification, flags (the
 * secondary-CPU pen), counters on the virtual clock, lock, MCI inputs,
 * and the SYS_CFG interface (oscillators, sensors, shutdown, reboot,
 * errors for unknown functions and devices).
 */
#include "qemu/osdep.h"
#include "devtest.h"
#include "hw/misc/arm_sysctl.h"
#include "hw/irq.h"
#include "migration/vmstate.h"
#include "system/runstate.h"

#define BASE 0x10000000
#define R(off) (BASE + (off))

typedef struct Fixture {
    DeviceState *dev;
} Fixture;

static void set_a15(DeviceState *dev, void *opaque)
{
    qdev_prop_set_uint32(dev, "proc_id", 0x14000237);
    qdev_prop_set_uint32(dev, "db-osc8", 40000000);
}

static void fixture_setup(Fixture *f, gconstpointer data)
{
    f->dev = devtest_create(TYPE_ARM_SYSCTL, BASE, NULL, data ? set_a15 : NULL,
                            NULL);
    devtest_log_start();
}

static void fixture_teardown(Fixture *f, gconstpointer data)
{
    devtest_log_stop();
    devtest_destroy(f->dev, NULL);
}

/* Starts a SYS_CFG transfer; returns SYS_CFGSTAT. */
static uint32_t cfg(bool write, unsigned func, unsigned site, unsigned dev)
{
    devtest_writel(R(0xa8), 0);
    devtest_writel(R(0xa4), SYS_CFG_START | (write ? SYS_CFG_WRITE : 0) |
                   SYS_CFG_FUNC(func) | SYS_CFG_SITE(site) | SYS_CFG_DEV(dev));
    return devtest_readl(R(0xa8));
}

static void test_ids(Fixture *f, gconstpointer data)
{
    g_assert_cmphex(devtest_readl(R(0x00)), ==, 0x1190f500);
    g_assert_cmphex(devtest_readl(R(0x84)), ==, data ? 0x14000237 : 0x0c000191);
    g_assert_cmphex(devtest_readl(R(0x88)), ==, 0xff000000);
    devtest_writel(R(0x00), 0);
    devtest_log_expect("realview_sysctl: write to read-only offset 0x0");
    g_assert_cmphex(devtest_readl(R(0x00)), ==, 0x1190f500);
    devtest_readl(R(0x400));
    devtest_log_expect("realview_sysctl: read of bad offset 0x400");
    devtest_writel(R(0x400), 1);
    devtest_log_expect("realview_sysctl: write of bad offset 0x400");
}

static void test_flags(Fixture *f, gconstpointer data)
{
    devtest_writel(R(0x30), 0x60001000);
    devtest_writel(R(0x30), 0x3);
    g_assert_cmphex(devtest_readl(R(0x30)), ==, 0x60001003);
    devtest_writel(R(0x34), 0x60000001);
    g_assert_cmphex(devtest_readl(R(0x30)), ==, 0x1002);
    devtest_writel(R(0x38), 0xf0);
    devtest_writel(R(0x3c), 0x30);
    g_assert_cmphex(devtest_readl(R(0x38)), ==, 0xc0);
    /* Reset clears the flags but not the non-volatile ones. */
    device_cold_reset(f->dev);
    g_assert_cmphex(devtest_readl(R(0x30)), ==, 0);
    g_assert_cmphex(devtest_readl(R(0x38)), ==, 0xc0);
}

static void test_plain_registers(Fixture *f, gconstpointer data)
{
    static const struct { hwaddr off; uint32_t in, out; } regs[] = {
        { 0x04, 0x12345678, 0x12345678 },   /* SYS_SW */
        { 0x08, 0x1ff, 0xff },              /* SYS_LED */
        { 0x44, 0xa5, 0xa5 },               /* SYS_PCICTL */
        { 0x4c, 0x3, 0x1 },                 /* SYS_FLASH */
        { 0x50, 0x1f00, 0x1f00 },           /* SYS_CLCD */
        { 0x54, 0x77, 0x77 },               /* SYS_CLCDSER */
        { 0x60, 0x4000, 0x4000 },           /* SYS_MISC */
    };

    for (size_t i = 0; i < G_N_ELEMENTS(regs); i++) {
        devtest_writel(R(regs[i].off), regs[i].in);
        g_assert_cmphex(devtest_readl(R(regs[i].off)), ==, regs[i].out);
    }
    g_assert_cmphex(devtest_readl(R(0x58)), ==, 0);      /* SYS_BOOTCS */
    device_cold_reset(f->dev);
    for (size_t i = 0; i < G_N_ELEMENTS(regs); i++) {
        g_assert_cmphex(devtest_readl(R(regs[i].off)), ==, 0);
    }
}

static void test_lock(Fixture *f, gconstpointer data)
{
    g_assert_cmphex(devtest_readl(R(0x20)), ==, 0x10000);
    devtest_writel(R(0x20), 0xa05f);
    g_assert_cmphex(devtest_readl(R(0x20)), ==, 0xa05f);
    devtest_writel(R(0x20), 0x1234);
    g_assert_cmphex(devtest_readl(R(0x20)), ==, 0x11234);
}

static void test_counters(Fixture *f, gconstpointer data)
{
    uint32_t c100 = devtest_readl(R(0x24));
    uint32_t c24 = devtest_readl(R(0x5c));

    devtest_clock_step(1000000000);     /* one second */
    g_assert_cmpuint(devtest_readl(R(0x24)) - c100, ==, 100);
    g_assert_cmpuint(devtest_readl(R(0x5c)) - c24, ==, 24000000);
    devtest_clock_step(1000);           /* 1 us: 24 ticks */
    g_assert_cmpuint(devtest_readl(R(0x5c)) - c24, ==, 24000024);
}

static void test_mci(Fixture *f, gconstpointer data)
{
    g_assert_cmphex(devtest_readl(R(0x48)), ==, 0);
    qemu_set_irq(qdev_get_gpio_in_named(f->dev, "card-detect", 0), 1);
    g_assert_cmphex(devtest_readl(R(0x48)), ==, 1);
    qemu_set_irq(qdev_get_gpio_in_named(f->dev, "write-protect", 0), 1);
    g_assert_cmphex(devtest_readl(R(0x48)), ==, 3);
    qemu_set_irq(qdev_get_gpio_in_named(f->dev, "card-detect", 0), 0);
    g_assert_cmphex(devtest_readl(R(0x48)), ==, 2);
}

static void test_cfg_osc(Fixture *f, gconstpointer data)
{
    g_assert_cmphex(cfg(false, SYS_CFG_OSC, 0, 1), ==, SYS_CFGSTAT_COMPLETE);
    g_assert_cmpuint(devtest_readl(R(0xa0)), ==, 23750000);
    g_assert_cmphex(cfg(false, SYS_CFG_OSC, 1, 2), ==, SYS_CFGSTAT_COMPLETE);
    g_assert_cmpuint(devtest_readl(R(0xa0)), ==, 66670000);
    /* The START bit reads back clear: the transfer is over. */
    g_assert_cmphex(devtest_readl(R(0xa4)), ==, SYS_CFG_FUNC(1) | SYS_CFG_SITE(1) | 2);

    devtest_writel(R(0xa0), 36000000);
    g_assert_cmphex(cfg(true, SYS_CFG_OSC, 1, 1), ==, SYS_CFGSTAT_COMPLETE);
    devtest_writel(R(0xa0), 0);
    g_assert_cmphex(cfg(false, SYS_CFG_OSC, 1, 1), ==, SYS_CFGSTAT_COMPLETE);
    g_assert_cmpuint(devtest_readl(R(0xa0)), ==, 36000000);

    if (data) {
        g_assert_cmphex(cfg(false, SYS_CFG_OSC, 1, 8), ==, SYS_CFGSTAT_COMPLETE);
        g_assert_cmpuint(devtest_readl(R(0xa0)), ==, 40000000);
    }
    g_assert_cmphex(cfg(false, SYS_CFG_OSC, 0, 3), ==,
                    SYS_CFGSTAT_COMPLETE | SYS_CFGSTAT_ERROR);
    devtest_log_expect("realview_sysctl: no oscillator 3 at site 0");
    g_assert_cmphex(cfg(false, SYS_CFG_OSC, 2, 0), ==,
                    SYS_CFGSTAT_COMPLETE | SYS_CFGSTAT_ERROR);
    devtest_log_expect("realview_sysctl: no oscillator 0 at site 2");

    /* Reset restores the property value. */
    device_cold_reset(f->dev);
    g_assert_cmphex(cfg(false, SYS_CFG_OSC, 1, 1), ==, SYS_CFGSTAT_COMPLETE);
    g_assert_cmpuint(devtest_readl(R(0xa0)), ==, 23750000);
}

static void test_cfg_sensors(Fixture *f, gconstpointer data)
{
    g_assert_cmphex(cfg(false, SYS_CFG_VOLT, 1, 0), ==, SYS_CFGSTAT_COMPLETE);
    g_assert_cmpuint(devtest_readl(R(0xa0)), ==, 1000000);
    g_assert_cmphex(cfg(false, SYS_CFG_AMP, 1, 1), ==, SYS_CFGSTAT_COMPLETE);
    g_assert_cmpuint(devtest_readl(R(0xa0)), ==, 120000);
    g_assert_cmphex(cfg(false, SYS_CFG_TEMP, 1, 0), ==, SYS_CFGSTAT_COMPLETE);
    g_assert_cmpuint(devtest_readl(R(0xa0)), ==, 42000);
    g_assert_cmphex(cfg(false, SYS_CFG_TEMP, 1, 5), ==,
                    SYS_CFGSTAT_COMPLETE | SYS_CFGSTAT_ERROR);
    devtest_log_expect("realview_sysctl: no sensor 5 (function 4) at site 1");
    g_assert_cmphex(cfg(true, SYS_CFG_VOLT, 1, 0), ==,
                    SYS_CFGSTAT_COMPLETE | SYS_CFGSTAT_ERROR);
    devtest_log_expect("realview_sysctl: SYS_CFG function 2 is read-only");
}

static void test_cfg_power(Fixture *f, gconstpointer data)
{
    runstate_reset_for_test();
    g_assert_cmphex(cfg(true, SYS_CFG_SHUTDOWN, 0, 0), ==, SYS_CFGSTAT_COMPLETE);
    g_assert_cmpint(qemu_shutdown_requested_get(), ==,
                    SHUTDOWN_CAUSE_GUEST_SHUTDOWN);
    runstate_reset_for_test();
    g_assert_cmphex(cfg(true, SYS_CFG_REBOOT, 0, 0), ==, SYS_CFGSTAT_COMPLETE);
    g_assert_cmpint(qemu_reset_requested_get(), ==, SHUTDOWN_CAUSE_GUEST_RESET);
    runstate_reset_for_test();
    g_assert_cmphex(cfg(true, SYS_CFG_REBOOT, 1, 0), ==,
                    SYS_CFGSTAT_COMPLETE | SYS_CFGSTAT_ERROR);
    devtest_log_expect("realview_sysctl: bad reboot request (site 1 device 0, write)");
    g_assert_cmpint(qemu_reset_requested_get(), ==, SHUTDOWN_CAUSE_NONE);
    g_assert_cmphex(cfg(false, SYS_CFG_SHUTDOWN, 0, 0), ==,
                    SYS_CFGSTAT_COMPLETE | SYS_CFGSTAT_ERROR);
    devtest_log_expect("realview_sysctl: bad shutdown request (site 0 device 0, read)");
    g_assert_cmpint(qemu_shutdown_requested_get(), ==, SHUTDOWN_CAUSE_NONE);
}

static void test_cfg_dvi_and_unknown(Fixture *f, gconstpointer data)
{
    devtest_writel(R(0xa0), 2);
    g_assert_cmphex(cfg(true, SYS_CFG_DVIMODE, 0, 0), ==, SYS_CFGSTAT_COMPLETE);
    devtest_log_expect("realview_sysctl: DVI mode 2 selected (not modelled)");
    devtest_writel(R(0xa0), 0);
    g_assert_cmphex(cfg(false, SYS_CFG_DVIMODE, 0, 0), ==, SYS_CFGSTAT_COMPLETE);
    g_assert_cmpuint(devtest_readl(R(0xa0)), ==, 2);
    g_assert_cmphex(cfg(true, SYS_CFG_DVIMODE, 1, 0), ==,
                    SYS_CFGSTAT_COMPLETE | SYS_CFGSTAT_ERROR);
    devtest_log_expect("realview_sysctl: no DVI mux at site 1 device 0");

    g_assert_cmphex(cfg(true, SYS_CFG_MUXFPGA, 0, 0), ==,
                    SYS_CFGSTAT_COMPLETE | SYS_CFGSTAT_ERROR);
    devtest_log_expect("realview_sysctl: SYS_CFG function 7 (site 0 position 0 "
                       "device 0) not implemented");
    /* The guest clears the status before the next transfer. */
    devtest_writel(R(0xa8), 0);
    g_assert_cmphex(devtest_readl(R(0xa8)), ==, 0);
    /* CFGCTRL without START does nothing. */
    devtest_writel(R(0xa4), SYS_CFG_WRITE | SYS_CFG_FUNC(SYS_CFG_SHUTDOWN));
    g_assert_cmphex(devtest_readl(R(0xa8)), ==, 0);
}

static void test_vmstate(Fixture *f, gconstpointer data)
{
    DeviceClass *dc = DEVICE_GET_CLASS(f->dev);

    g_assert_true(vmstate_check_description(dc->vmsd, &error_abort));
    g_assert_cmpstr(dc->vmsd->name, ==, "realview_sysctl");
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    devtest_init();
#define ADD(path, fn, data) \
    g_test_add("/arm-sysctl/" path, Fixture, data, fixture_setup, fn, \
               fixture_teardown)
    ADD("ids", test_ids, NULL);
    ADD("ids-a15", test_ids, "a15");
    ADD("flags", test_flags, NULL);
    ADD("plain-registers", test_plain_registers, NULL);
    ADD("lock", test_lock, NULL);
    ADD("counters", test_counters, NULL);
    ADD("mci", test_mci, NULL);
    ADD("cfg-osc", test_cfg_osc, NULL);
    ADD("cfg-osc-a15", test_cfg_osc, "a15");
    ADD("cfg-sensors", test_cfg_sensors, NULL);
    ADD("cfg-power", test_cfg_power, NULL);
    ADD("cfg-dvi-unknown", test_cfg_dvi_and_unknown, NULL);
    ADD("vmstate", test_vmstate, NULL);
    return g_test_run();
}
