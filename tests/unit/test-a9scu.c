/*
 * Cortex-A9 SCU registers through the memory API: configuration by CPU
 * count, byte-wide power status, masks, read-only and bad offsets,
 * reset, migration state, property errors.
 */
#include "qemu/osdep.h"
#include "devtest.h"
#include "hw/misc/a9scu.h"
#include "migration/vmstate.h"
#include "migration/qemu-file.h"

#define BASE 0x1e000000

static void set_cpus(DeviceState *dev, void *opaque)
{
    qdev_prop_set_uint32(dev, "num-cpu", GPOINTER_TO_UINT(opaque));
}

static void test_config(void)
{
    for (unsigned n = 1; n <= 4; n++) {
        DeviceState *dev = devtest_create(TYPE_A9_SCU, BASE, NULL, set_cpus,
                                          GUINT_TO_POINTER(n));

        g_assert_cmphex(devtest_readl(BASE + 0x04), ==,
                        (n - 1) | (((1u << n) - 1) << 4));
        devtest_destroy(dev, NULL);
    }
}

static void test_registers(void)
{
    DeviceState *dev = devtest_create(TYPE_A9_SCU, BASE, NULL, set_cpus,
                                      GUINT_TO_POINTER(4));

    g_assert_cmphex(devtest_readl(BASE + 0x00), ==, 0);
    g_assert_cmphex(devtest_readl(BASE + 0x50), ==, 0xf);
    devtest_writel(BASE + 0x00, 0xffffffff);
    g_assert_cmphex(devtest_readl(BASE + 0x00), ==, 0x7f);
    /* CPU 2 announces dormant mode with a byte write. */
    devtest_write_attrs(BASE + 0x0a, 1, 0x02, MEMTXATTRS_UNSPECIFIED);
    g_assert_cmphex(devtest_readl(BASE + 0x08), ==, 0x00020000);
    g_assert_cmphex(devtest_readb(BASE + 0x0a), ==, 0x02);
    devtest_writel(BASE + 0x08, 0xffffffff);
    g_assert_cmphex(devtest_readl(BASE + 0x08), ==, 0x03030303);
    devtest_writel(BASE + 0x40, 0x12345678);
    devtest_writel(BASE + 0x44, 0x9abcdef0);
    g_assert_cmphex(devtest_readl(BASE + 0x40), ==, 0x12300000);
    g_assert_cmphex(devtest_readl(BASE + 0x44), ==, 0x9ab00000);
    devtest_writel(BASE + 0x54, 0xffffffff);
    g_assert_cmphex(devtest_readl(BASE + 0x54), ==, 0xfff);

    devtest_log_start();
    devtest_writel(BASE + 0x04, 0);
    devtest_log_expect("a9-scu: write to the read-only configuration register");
    g_assert_cmphex(devtest_readl(BASE + 0x04), ==, 0xf3);
    g_assert_cmphex(devtest_readl(BASE + 0x80), ==, 0);
    devtest_log_expect("a9-scu: read of bad offset 0x80");
    devtest_writel(BASE + 0x84, 1);
    devtest_log_expect("a9-scu: write of bad offset 0x84");
    devtest_log_stop();

    device_cold_reset(dev);
    g_assert_cmphex(devtest_readl(BASE + 0x00), ==, 0);
    g_assert_cmphex(devtest_readl(BASE + 0x08), ==, 0);
    g_assert_cmphex(devtest_readl(BASE + 0x40), ==, 0);
    devtest_destroy(dev, NULL);
}

static void test_vmstate(void)
{
    DeviceState *dev = devtest_create(TYPE_A9_SCU, BASE, NULL, set_cpus,
                                      GUINT_TO_POINTER(2));
    const VMStateDescription *vmsd = DEVICE_GET_CLASS(dev)->vmsd;
    QEMUFile *out = qemu_file_new_output_mem();
    GByteArray *data;
    QEMUFile *in;

    g_assert_true(vmstate_check_description(vmsd, &error_abort));
    devtest_writel(BASE + 0x00, 1);
    devtest_writel(BASE + 0x08, 0x0300);
    g_assert_true(vmstate_save_state(out, vmsd, dev, NULL, &error_abort));
    data = qemu_file_mem_data(out);
    device_cold_reset(dev);
    g_assert_cmphex(devtest_readl(BASE + 0x00), ==, 0);
    in = qemu_file_new_input_mem(data->data, data->len);
    g_assert_true(vmstate_load_state(in, vmsd, dev, 1, &error_abort));
    g_assert_cmphex(devtest_readl(BASE + 0x00), ==, 1);
    g_assert_cmphex(devtest_readl(BASE + 0x08), ==, 0x0300);
    qemu_fclose(in);
    qemu_fclose(out);
    devtest_destroy(dev, NULL);
}

static void test_bad_cpus(void)
{
    devtest_expect_realize_error(TYPE_A9_SCU, set_cpus, GUINT_TO_POINTER(5),
                                 "a9-scu: num-cpu 5 is out of range (1..4)");
    devtest_expect_realize_error(TYPE_A9_SCU, set_cpus, GUINT_TO_POINTER(0),
                                 "a9-scu: num-cpu 0 is out of range (1..4)");
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    devtest_init();
    g_test_add_func("/a9scu/config", test_config);
    g_test_add_func("/a9scu/registers", test_registers);
    g_test_add_func("/a9scu/vmstate", test_vmstate);
    g_test_add_func("/a9scu/bad-cpus", test_bad_cpus);
    return g_test_run();
}
