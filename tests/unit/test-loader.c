/*
 * The generic loader device, created the way -device creates it: data
 * and raw-file modes, re-store at reset, and every rejection.
 */
#include "qemu/osdep.h"
#include "hw/qdev-core.h"
#include "hw/qdev-monitor.h"
#include "exec/memory.h"
#include "qemu/option.h"
#include <glib/gstdio.h>

static MemoryRegion ram;

static DeviceState *add(const char *spec, Error **errp)
{
    g_autoptr(QemuOpts) opts = qemu_opts_parse("device", spec, "driver",
                                               &error_abort);

    return qdev_device_add(opts, errp);
}

static uint64_t peek(hwaddr addr, unsigned len)
{
    uint8_t buf[8] = { 0 };
    uint64_t v = 0;

    address_space_read(&address_space_memory, addr, MEMTXATTRS_UNSPECIFIED,
                       buf, len);
    for (unsigned i = 0; i < len; i++) {
        v |= (uint64_t)buf[i] << (8 * i);
    }
    return v;
}

static void expect_error(const char *spec, const char *msg)
{
    Error *err = NULL;

    g_assert_null(add(spec, &err));
    g_assert_nonnull(err);
    if (!strstr(error_get_pretty(err), msg)) {
        g_error("'%s': got '%s', expected '%s'", spec,
                error_get_pretty(err), msg);
    }
    error_free(err);
}

static void test_data(void)
{
    DeviceState *le = add("loader,addr=0x100,data=0x11223344,data-len=4",
                          &error_abort);
    DeviceState *be = add("loader,addr=0x200,data=0x11223344,data-len=4,"
                          "data-be=on", &error_abort);

    g_assert_cmphex(peek(0x100, 4), ==, 0x11223344);
    g_assert_cmphex(peek(0x200, 4), ==, 0x44332211);

    /* A reset puts the value back after the guest changed it. */
    address_space_write(&address_space_memory, 0x100, MEMTXATTRS_UNSPECIFIED,
                        "\0\0\0\0", 4);
    g_assert_cmphex(peek(0x100, 4), ==, 0);
    qemu_devices_reset();
    g_assert_cmphex(peek(0x100, 4), ==, 0x11223344);
    object_unparent(OBJECT(le));
    object_unparent(OBJECT(be));
}

static void test_file(void)
{
    g_autofree char *dir = g_dir_make_tmp("ferry-loader-XXXXXX", NULL);
    g_autofree char *path = g_build_filename(dir, "blob.bin", NULL);
    g_autofree char *elf = g_build_filename(dir, "k.elf", NULL);
    g_autofree char *spec = NULL;
    DeviceState *dev;

    g_assert_true(g_file_set_contents(path, "\x01\x02\x03\x04\x05", 5, NULL));
    spec = g_strdup_printf("loader,file=%s,addr=0x3000", path);
    dev = add(spec, &error_abort);
    g_assert_cmphex(peek(0x3000, 5), ==, 0x0504030201);
    object_unparent(OBJECT(dev));

    g_assert_true(g_file_set_contents(elf, "\x7f" "ELF\x01\x01", 6, NULL));
    g_free(spec);
    spec = g_strdup_printf("loader,file=%s,addr=0x4000", elf);
    expect_error(spec, "is an ELF image; ELF loading is not supported yet");
    g_free(spec);
    spec = g_strdup_printf("loader,file=%s,addr=0x4000,force-raw=on", elf);
    dev = add(spec, &error_abort);
    g_assert_cmphex(peek(0x4000, 4), ==, 0x464c457f);
    object_unparent(OBJECT(dev));

    g_free(spec);
    spec = g_strdup_printf("loader,file=%s", path);
    expect_error(spec, "a raw file needs 'addr'");
    g_free(spec);
    spec = g_strdup_printf("loader,file=%s,addr=0,data=1", path);
    expect_error(spec, "'file' cannot be combined with 'data'");
    g_unlink(path);
    g_unlink(elf);
    g_rmdir(dir);
}

static void test_errors(void)
{
    expect_error("loader,data=1,data-len=1", "'addr' is required");
    expect_error("loader,addr=0,data=1,data-len=3",
                 "data-len=3: must be 1, 2, 4 or 8");
    expect_error("loader,addr=0,data=0x100,data-len=1",
                 "data=0x100 does not fit in data-len=1 bytes");
    expect_error("loader,addr=0,cpu-num=0", "cpu-num=0: this machine has no CPU");
    expect_error("loader,addr=0,file=/nonexistent/x", "cannot read file "
                 "'/nonexistent/x'");
    expect_error("loader,addr=zz", "addr");
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    memory_init();
    memory_region_init_ram(&ram, NULL, "ram", 1 * MiB, &error_abort);
    memory_region_add_subregion(get_system_memory(), 0, &ram);
    g_test_add_func("/loader/data", test_data);
    g_test_add_func("/loader/file", test_file);
    g_test_add_func("/loader/errors", test_errors);
    return g_test_run();
}
