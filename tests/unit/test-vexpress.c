/*
 * The vexpress-a9 and vexpress-a15 boards map each motherboard device at
 * its address in the board's memory map (shared/spec/boards.md and the
 * V2M-P1 "Cortex-A series" map), with the board's identification values
 * a migration instance id derived from the MMIO base, and its interrupt
 * wired to its SPI of the MPCore region's GIC.
 * Each board is built in a subprocess, as a process holds one machine.
 */
#include "qemu/osdep.h"
#include "devtest.h"
#include "hw/boards.h"
#include "ui/console.h"
#include "migration/vmstate.h"
#include "qemu/option.h"
#include "hw/qdev-monitor.h"
#include "system/blockdev.h"
#include <glib/gstdio.h>

typedef struct BoardCase {
    const char *machine;
    hwaddr sysregs, sp810, l2x0, uart0, timer, rtc, kmi0, kmi1, clcd;
    uint32_t proc_id;
    uint32_t db_osc0;
    hwaddr mmci, flash0, flash1;
    bool flash_alias;
} BoardCase;

static const BoardCase a9 = {
    .machine = "vexpress-a9",
    .sysregs = 0x10000000, .sp810 = 0x10001000, .l2x0 = 0x1e00a000,
    .uart0 = 0x10009000, .timer = 0x10011000, .rtc = 0x10017000,
    .kmi0 = 0x10006000, .kmi1 = 0x10007000, .clcd = 0x1001f000,
    .proc_id = 0x0c000191, .db_osc0 = 45000000,
    .mmci = 0x10005000, .flash0 = 0x40000000, .flash1 = 0x44000000,
    .flash_alias = true,
};

static const BoardCase a15 = {
    .machine = "vexpress-a15",
    .sysregs = 0x1c010000, .sp810 = 0x1c020000, .l2x0 = 0,
    .uart0 = 0x1c090000, .timer = 0x1c110000, .rtc = 0x1c170000,
    .kmi0 = 0x1c060000, .kmi1 = 0x1c070000, .clcd = 0x1c1f0000,
    .proc_id = 0x14000237, .db_osc0 = 60000000,
    .mmci = 0x1c050000, .flash0 = 0x08000000, .flash1 = 0x0c000000,
};

static uint32_t primecell_part(hwaddr base)
{
    return devtest_readl(base + 0xfe0) | (devtest_readl(base + 0xfe4) & 0xf) << 8;
}

/* Every board device's interrupt goes to its GIC SPI (boards.md). */
static void check_irq_wiring(const BoardCase *c)
{
    static const struct { const char *dev; int n, spi; } wiring[] = {
        { "timer01", 0, 2 }, { "timer23", 0, 3 }, { "rtc", 0, 4 },
        { "uart0", 0, 5 }, { "uart1", 0, 6 }, { "uart2", 0, 7 }, { "uart3", 0, 8 },
        { "mmci", 0, 9 }, { "mmci", 1, 10 }, { "kmi0", 0, 12 }, { "kmi1", 0, 13 },
        { "clcd", 0, 14 }, { "ethernet", 0, 15 },
        { "virtio-mmio0", 0, 40 }, { "virtio-mmio1", 0, 41 },
        { "virtio-mmio2", 0, 42 }, { "virtio-mmio3", 0, 43 },
    };
    Object *machine = qdev_get_machine();
    DeviceState *mp = DEVICE(object_resolve_path_component(machine, "mpcore"));

    g_assert_nonnull(mp);
    g_assert_cmpstr(object_get_typename(OBJECT(mp)), ==,
                    c->l2x0 ? "a9mpcore-priv" : "a15mpcore-priv");
    g_assert_nonnull(object_resolve_path_component(OBJECT(mp), "cpu[0]"));
    g_assert_null(object_resolve_path_component(OBJECT(mp), "cpu[1]"));
    for (size_t i = 0; i < G_N_ELEMENTS(wiring); i++) {
        DeviceState *dev = DEVICE(object_resolve_path_component(machine, wiring[i].dev));
        qemu_irq line = qdev_get_gpio_out_connector(dev, SYSBUS_DEVICE_GPIO_IRQ,
                                                    wiring[i].n);

        if (line != qdev_get_gpio_in(mp, wiring[i].spi)) {
            g_error("%s IRQ %d is not wired to SPI %d", wiring[i].dev, wiring[i].n,
                    wiring[i].spi);
        }
    }
}

static void check_board(const BoardCase *c)
{
    MachineState *ms = machine_create(find_machine(c->machine), 0, &error_abort);

    g_assert_true(machine_run_board_init(ms, &error_abort));
    qemu_devices_reset();
    check_irq_wiring(c);

    g_assert_cmphex(devtest_readl(c->sysregs), ==, 0x1190f500);
    g_assert_cmphex(devtest_readl(c->sysregs + 0x84), ==, c->proc_id);
    /* SYS_CFG: oscillator 0 of the daughterboard */
    devtest_writel(c->sysregs + 0xa4, 0x80000000 | (1 << 20) | (1 << 16));
    g_assert_cmphex(devtest_readl(c->sysregs + 0xa8), ==, 1);
    g_assert_cmpuint(devtest_readl(c->sysregs + 0xa0), ==, c->db_osc0);
    g_assert_nonnull(vmstate_find("realview_sysctl", (int)(c->sysregs >> 12)));

    g_assert_cmphex(primecell_part(c->sp810), ==, 0x810);
    g_assert_nonnull(vmstate_find("sp810", (int)(c->sp810 >> 12)));
    g_assert_cmphex(primecell_part(c->uart0), ==, 0x011);
    g_assert_cmphex(primecell_part(c->kmi0), ==, 0x050);
    g_assert_cmphex(primecell_part(c->kmi1), ==, 0x050);
    /* KMI0 has the keyboard (identify: ab 83), KMI1 the mouse (id 00). */
    devtest_writel(c->kmi0, 0x04);
    devtest_writel(c->kmi0 + 8, 0xf2);
    g_assert_cmphex(devtest_readl(c->kmi0 + 8), ==, 0xfa);
    g_assert_cmphex(devtest_readl(c->kmi0 + 8), ==, 0xab);
    devtest_writel(c->kmi1, 0x04);
    devtest_writel(c->kmi1 + 8, 0xf2);
    g_assert_cmphex(devtest_readl(c->kmi1 + 8), ==, 0xfa);
    g_assert_cmphex(devtest_readl(c->kmi1 + 8), ==, 0x00);
    g_assert_nonnull(vmstate_find("pl050_keyboard", (int)(c->kmi0 >> 12)));
    g_assert_nonnull(vmstate_find("pl050_mouse", (int)(c->kmi1 >> 12)));
    g_assert_cmphex(primecell_part(c->timer), ==, 0x804);
    g_assert_cmphex(primecell_part(c->rtc), ==, 0x031);
    g_assert_cmphex(primecell_part(c->clcd), ==, 0x111);
    g_assert_nonnull(vmstate_find("pl111", (int)(c->clcd >> 12)));
    g_assert_nonnull(qemu_display_primary());
    g_assert_cmpstr(qemu_display_primary()->name, ==, "pl111");
    if (c->l2x0) {
        g_assert_cmphex(devtest_readl(c->l2x0), ==, 0x410000c8);
        g_assert_cmphex(devtest_readl(c->l2x0 + 0x104), ==, 0x02060000);
        g_assert_nonnull(vmstate_find("l2x0", (int)(c->l2x0 >> 12)));
    } else {
        g_assert_null(vmstate_find("l2x0", 0x1e00a));
    }

    /* MMC slot: empty without -drive if=sd (SYS_MCI card-detect clear) */
    g_assert_cmphex(primecell_part(c->mmci), ==, 0x181);
    g_assert_cmphex(devtest_readl(c->sysregs + 0x48) & 1, ==, 0);
    g_assert_nonnull(vmstate_find("pl181", (int)(c->mmci >> 12)));
    g_assert_nonnull(vmstate_find("sd-card", (int)(c->mmci >> 12)));
    g_assert_nonnull(object_resolve_path("/machine/mmci", NULL));
    /* Flash banks: blank, 64 MiB, two x16 chips (CFI: 32 MiB each) */
    for (int i = 0; i < 2; i++) {
        hwaddr base = i ? c->flash1 : c->flash0;

        g_assert_cmphex(devtest_readl(base + 64 * MiB - 4), ==, 0xffffffff);
        devtest_writel(base, 0x00980098);
        g_assert_cmphex(devtest_readl(base + 0x10 * 4), ==, 0x00510051);
        g_assert_cmphex(devtest_readl(base + 0x27 * 4), ==, 0x00190019);
        g_assert_cmphex(devtest_readl(base + 0x2d * 4), ==, 0x00ff00ff);
        if (c->flash_alias && i == 0) {
            g_assert_cmphex(devtest_readl(0x10 * 4), ==, 0x00510051);
        }
        devtest_writel(base, 0x00ff00ff);
        g_assert_nonnull(vmstate_find("pflash_cfi01", (int)(base >> 12)));
    }
    g_assert_nonnull(object_resolve_path("/machine/flash0", NULL));
    g_assert_nonnull(object_resolve_path("/machine/flash1", NULL));
    machine_destroy();
}

/*
 * With -drive if=sd the slot reports a card (SYS_MCI) that answers CMD8;
 * -device virtio-blk-device goes to the first transport; the transports
 * are 0x200 apart with ids from their base.
 */
static void check_storage_drives(const BoardCase *c)
{
    g_autofree char *dir = g_dir_make_tmp("vexpress-XXXXXX", NULL);
    g_autofree char *img = g_build_filename(dir, "disk.img", NULL);
    g_autofree char *sd_spec = g_strdup_printf("if=sd,file=%s,format=raw", img);
    g_autofree char *hd_spec = g_strdup_printf("if=none,id=hd0,file=%s,format=raw",
                                               img);
    g_autofree char *zero = g_malloc0(MiB);
    g_autoptr(QemuOpts) opts = NULL;
    hwaddr virtio = c->mmci == 0x10005000 ? 0x10013000 : 0x1c130000;
    MachineState *ms;

    g_assert_true(g_file_set_contents(img, zero, MiB, NULL));
    drive_new(sd_spec, true, &error_abort);
    drive_new(hd_spec, true, &error_abort);
    ms = machine_create(find_machine(c->machine), 0, &error_abort);
    g_assert_true(machine_run_board_init(ms, &error_abort));
    opts = qemu_opts_parse("device", "virtio-blk-device,drive=hd0", "driver",
                           &error_abort);
    g_assert_nonnull(qdev_device_add(opts, &error_abort));
    qemu_devices_reset();

    g_assert_cmphex(devtest_readl(c->sysregs + 0x48) & 3, ==, 1);
    devtest_writel(c->mmci + 0x08, 0x1aa);
    devtest_writel(c->mmci + 0x0c, 8 | (1 << 6) | (1 << 10));
    g_assert_cmphex(devtest_readl(c->mmci + 0x14), ==, 0x1aa);
    for (int i = 0; i < 4; i++) {
        hwaddr base = virtio + 0x200 * i;

        g_assert_cmphex(devtest_readl(base), ==, 0x74726976);
        g_assert_cmphex(devtest_readl(base + 8), ==, i == 0 ? 2 : 0);
        g_assert_nonnull(vmstate_find("virtio-mmio", (int)(base / 0x200)));
    }
    g_assert_cmpuint(devtest_readl(virtio + 0x100), ==, MiB / 512);
    /* the device's state is identified like its transport */
    g_assert_nonnull(vmstate_find("virtio-blk", (int)(virtio / 0x200)));
    machine_destroy();
    drive_cleanup();
    g_unlink(img);
    g_rmdir(dir);
}

static void test_storage(gconstpointer data)
{
    if (g_test_subprocess()) {
        check_storage_drives(data);
        return;
    }
    g_test_trap_subprocess(NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
    g_test_trap_assert_passed();
}

static void test_board(gconstpointer data)
{
    if (g_test_subprocess()) {
        check_board(data);
        return;
    }
    g_test_trap_subprocess(NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
    g_test_trap_assert_passed();
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    devtest_init();
    g_test_add_data_func("/vexpress/a9", &a9, test_board);
    g_test_add_data_func("/vexpress/a15", &a15, test_board);
    g_test_add_data_func("/vexpress/a9/storage", &a9, test_storage);
    g_test_add_data_func("/vexpress/a15/storage", &a15, test_storage);
    return g_test_run();
}
