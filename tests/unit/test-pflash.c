/*
 * CFI flash (Intel/Sharp command set) as the Versatile Express has it:
 * two 16-bit chips on a 32-bit bus. Read array from the image, CFI query,
 * read ID and lock bits, word and buffered program, block erase, status
 * and sequence errors, a blank flash without drive, a read-only image,
 * and the realize and load errors.
 */
#include "qemu/osdep.h"
#include <glib/gstdio.h>
#include "devtest.h"
#include "hw/block/flash.h"
#include "hw/qdev-properties-system.h"
#include "system/blockdev.h"
#include "migration/vmstate.h"

#define BASE        0x40000000
#define SECTOR      (256 * KiB)
#define NUM_BLOCKS  16
#define FLASH_SIZE  (NUM_BLOCKS * SECTOR)

typedef struct Fixture {
    char *dir;
    char *image;
    DriveInfo *drive;
    DeviceState *dev;
} Fixture;

typedef struct FlashCase {
    bool image;
    bool readonly;
} FlashCase;

static const FlashCase with_image = { true, false };
static const FlashCase blank = { false, false };
static const FlashCase readonly = { true, true };

static uint8_t pattern(uint64_t offset)
{
    return (offset * 13 + (offset >> 12)) & 0xff;
}

static uint32_t pattern32(uint64_t offset)
{
    return pattern(offset) | pattern(offset + 1) << 8 | pattern(offset + 2) << 16 |
           (uint32_t)pattern(offset + 3) << 24;
}

static void setup_props(DeviceState *dev, void *opaque)
{
    Fixture *f = opaque;

    qdev_prop_set_string(dev, "name", "test.flash");
    qdev_prop_set_uint32(dev, "num-blocks", NUM_BLOCKS);
    qdev_prop_set_uint64(dev, "sector-length", SECTOR);
    qdev_prop_set_uint8(dev, "width", 4);
    qdev_prop_set_uint8(dev, "device-width", 2);
    if (f && f->drive) {
        qdev_prop_set_drive(dev, "drive", f->drive->bs);
    }
}

static void fixture_setup(Fixture *f, gconstpointer data)
{
    const FlashCase *c = data;

    f->dir = g_dir_make_tmp("pflash-XXXXXX", NULL);
    f->image = g_build_filename(f->dir, "flash.img", NULL);
    if (c->image) {
        g_autofree uint8_t *buf = g_malloc(FLASH_SIZE);
        g_autofree char *spec = NULL;

        for (uint64_t i = 0; i < FLASH_SIZE; i++) {
            buf[i] = pattern(i);
        }
        g_assert_true(g_file_set_contents(f->image, (char *)buf, FLASH_SIZE, NULL));
        spec = g_strdup_printf("if=pflash,file=%s,format=raw%s", f->image,
                               c->readonly ? ",readonly=on" : "");
        f->drive = drive_new(spec, false, &error_abort);
    }
    f->dev = devtest_create(TYPE_PFLASH_CFI01, BASE, NULL, setup_props, f);
}

static void fixture_teardown(Fixture *f, gconstpointer data)
{
    devtest_destroy(f->dev, NULL);
    drive_cleanup();
    g_unlink(f->image);
    g_rmdir(f->dir);
    g_free(f->image);
    g_free(f->dir);
}

static uint8_t image_byte(Fixture *f, uint64_t offset)
{
    g_autofree char *contents = NULL;
    gsize len;

    g_assert_true(g_file_get_contents(f->image, &contents, &len, NULL));
    g_assert_cmpuint(len, ==, FLASH_SIZE);
    return contents[offset];
}

static uint32_t image_word(Fixture *f, uint64_t offset)
{
    return image_byte(f, offset) | image_byte(f, offset + 1) << 8 |
           image_byte(f, offset + 2) << 16 | (uint32_t)image_byte(f, offset + 3) << 24;
}

static MemoryRegion *flash_mr(Fixture *f)
{
    return sysbus_mmio_get_region(SYS_BUS_DEVICE(f->dev), 0);
}

/* Commands go to both chips: the byte replicated in each 16-bit lane. */
static void command(hwaddr offset, uint8_t cmd)
{
    devtest_writel(BASE + offset, cmd | cmd << 16);
}

static uint32_t status(void)
{
    command(0, 0x70);
    return devtest_readl(BASE);
}

static void test_read_array(Fixture *f, gconstpointer data)
{
    g_assert_true(memory_region_is_romd(flash_mr(f)));
    for (uint64_t a = 0; a < FLASH_SIZE; a += 0x10004) {
        g_assert_cmphex(devtest_readl(BASE + a), ==, pattern32(a));
    }
    g_assert_cmphex(devtest_readb(BASE + 5), ==, pattern(5));
}

static void test_query(Fixture *f, gconstpointer data)
{
    command(0x55 * 4, 0x98);
    g_assert_false(memory_region_is_romd(flash_mr(f)));
    g_assert_cmphex(devtest_readl(BASE + 0x10 * 4), ==, 0x00510051);     /* Q */
    g_assert_cmphex(devtest_readl(BASE + 0x11 * 4), ==, 0x00520052);     /* R */
    g_assert_cmphex(devtest_readl(BASE + 0x12 * 4), ==, 0x00590059);     /* Y */
    g_assert_cmphex(devtest_readl(BASE + 0x13 * 4), ==, 0x00010001);     /* Intel */
    /* each chip: 2 MiB, x16, 64-byte buffer, 16 blocks of 128 KiB */
    g_assert_cmphex(devtest_readl(BASE + 0x27 * 4), ==, 0x00150015);
    g_assert_cmphex(devtest_readl(BASE + 0x28 * 4), ==, 0x00010001);
    g_assert_cmphex(devtest_readl(BASE + 0x2a * 4), ==, 0x00060006);
    g_assert_cmphex(devtest_readl(BASE + 0x2c * 4), ==, 0x00010001);
    g_assert_cmphex(devtest_readl(BASE + 0x2d * 4), ==, 0x000f000f);
    g_assert_cmphex(devtest_readl(BASE + 0x2e * 4), ==, 0);
    g_assert_cmphex(devtest_readl(BASE + 0x2f * 4), ==, 0);
    g_assert_cmphex(devtest_readl(BASE + 0x30 * 4), ==, 0x00020002);
    g_assert_cmphex(devtest_readl(BASE + 0x31 * 4), ==, 0x00500050);     /* P */
    /* narrower reads see one chip's lane */
    g_assert_cmphex(devtest_readb(BASE + 0x10 * 4), ==, 'Q');
    g_assert_cmphex(devtest_readb(BASE + 0x10 * 4 + 2), ==, 'Q');
    g_assert_cmphex(devtest_readb(BASE + 0x10 * 4 + 1), ==, 0);
    command(0, 0xf0);
    g_assert_true(memory_region_is_romd(flash_mr(f)));
    g_assert_cmphex(devtest_readl(BASE + 0x40), ==, pattern32(0x40));
    devtest_log_start();
    command(0, 0x42);
    devtest_log_expect("test.flash: unknown command 0x42 at 0x0");
    devtest_log_stop();
}

static void test_read_id_and_locks(Fixture *f, gconstpointer data)
{
    command(0, 0x90);
    g_assert_cmphex(devtest_readl(BASE), ==, 0x00890089);
    g_assert_cmphex(devtest_readl(BASE + 4), ==, 0x00180018);
    g_assert_cmphex(devtest_readl(BASE + SECTOR + 8), ==, 0);
    command(SECTOR, 0x60);
    command(SECTOR, 0x01);
    g_assert_cmphex(devtest_readl(BASE), ==, 0x00800080);    /* status */
    command(0, 0x90);
    g_assert_cmphex(devtest_readl(BASE + SECTOR + 8), ==, 0x00010001);
    g_assert_cmphex(devtest_readl(BASE + 2 * SECTOR + 8), ==, 0);
    /* lock bits do not stop programming (recorded only) */
    command(SECTOR, 0x40);
    devtest_writel(BASE + SECTOR, 0);
    g_assert_cmphex(image_word(f, SECTOR), ==, 0);
    command(SECTOR, 0x60);
    command(SECTOR, 0xd0);
    command(0, 0x90);
    g_assert_cmphex(devtest_readl(BASE + SECTOR + 8), ==, 0);
}

static void test_program(Fixture *f, gconstpointer data)
{
    uint32_t old = pattern32(0x100);

    command(0x100, 0x40);
    devtest_writel(BASE + 0x100, 0x12345678);
    g_assert_false(memory_region_is_romd(flash_mr(f)));
    g_assert_cmphex(devtest_readl(BASE + 0x100), ==, 0x00800080);
    /* cells only go from 1 to 0 */
    g_assert_cmphex(image_word(f, 0x100), ==, old & 0x12345678);
    command(0, 0xff);
    g_assert_cmphex(devtest_readl(BASE + 0x100), ==, old & 0x12345678);
    /* 0x10 is the alternate word program; a 16-bit write programs 2 bytes */
    command(0x200, 0x10);
    devtest_write_attrs(BASE + 0x202, 2, 0x0000, MEMTXATTRS_UNSPECIFIED);
    g_assert_cmphex(image_word(f, 0x200), ==, pattern32(0x200) & 0x0000ffff);
    g_assert_cmphex(image_byte(f, 0x204), ==, pattern(0x204));
}

static void test_buffered_program(Fixture *f, gconstpointer data)
{
    command(0x1000, 0xe8);
    g_assert_cmphex(devtest_readl(BASE + 0x1000), ==, 0x00800080);  /* buffer free */
    devtest_writel(BASE + 0x1000, 0x00030003);      /* 4 words per chip */
    for (int i = 0; i < 4; i++) {
        devtest_writel(BASE + 0x1000 + 4 * i, 0x11111111 * i);
    }
    /* nothing is programmed before the confirm */
    g_assert_cmphex(image_word(f, 0x1004), ==, pattern32(0x1004));
    command(0x1000, 0xd0);
    g_assert_cmphex(status(), ==, 0x00800080);
    for (int i = 0; i < 4; i++) {
        g_assert_cmphex(image_word(f, 0x1000 + 4 * i), ==,
                        pattern32(0x1000 + 4 * i) & (0x11111111 * i));
    }
    g_assert_cmphex(image_word(f, 0x1010), ==, pattern32(0x1010));

    /* more than the 128-byte bank buffer: sequence error */
    devtest_log_start();
    command(0x2000, 0xe8);
    devtest_writel(BASE + 0x2000, 0x00200020);
    devtest_log_expect("buffered program of 33 words exceeds the 128-byte buffer");
    devtest_log_stop();
    g_assert_cmphex(devtest_readl(BASE) & 0xff, ==, 0xb0);
    command(0, 0x50);
    g_assert_cmphex(devtest_readl(BASE), ==, 0x00800080);
}

static void test_erase(Fixture *f, gconstpointer data)
{
    command(2 * SECTOR + 0x1234 * 4, 0x20);
    command(2 * SECTOR + 0x1234 * 4, 0xd0);
    g_assert_cmphex(devtest_readl(BASE), ==, 0x00800080);
    command(0, 0xff);
    for (uint64_t a = 2 * SECTOR; a < 3 * SECTOR; a += 0x1000) {
        g_assert_cmphex(devtest_readl(BASE + a), ==, 0xffffffff);
        g_assert_cmphex(image_byte(f, a), ==, 0xff);
    }
    g_assert_cmphex(image_byte(f, 3 * SECTOR - 1), ==, 0xff);
    g_assert_cmphex(image_byte(f, 2 * SECTOR - 1), ==, pattern(2 * SECTOR - 1));
    g_assert_cmphex(image_byte(f, 3 * SECTOR), ==, pattern(3 * SECTOR));

    /* erase without confirm: sequence error, nothing erased */
    devtest_log_start();
    command(SECTOR, 0x20);
    command(SECTOR, 0xff);
    devtest_log_expect("test.flash: command 0xff out of sequence");
    devtest_log_stop();
    g_assert_cmphex(devtest_readl(BASE) & 0x30, ==, 0x30);
    g_assert_cmphex(image_byte(f, SECTOR), ==, pattern(SECTOR));
}

static void test_blank(Fixture *f, gconstpointer data)
{
    g_assert_cmphex(devtest_readl(BASE), ==, 0xffffffff);
    g_assert_cmphex(devtest_readl(BASE + FLASH_SIZE - 4), ==, 0xffffffff);
    command(8, 0x40);
    devtest_writel(BASE + 8, 0xcafef00d);
    command(0, 0xff);
    g_assert_cmphex(devtest_readl(BASE + 8), ==, 0xcafef00d);
    g_assert_false(g_file_test(f->image, G_FILE_TEST_EXISTS));
}

static void test_readonly(Fixture *f, gconstpointer data)
{
    devtest_log_start();
    command(0, 0x40);
    devtest_writel(BASE, 0);
    devtest_log_expect("test.flash: program/erase of a read-only flash");
    g_assert_cmphex(devtest_readl(BASE) & 0xff, ==, 0x92);
    command(0, 0x50);
    command(0, 0x20);
    command(0, 0xd0);
    devtest_log_expect("read-only flash");
    devtest_log_stop();
    g_assert_cmphex(devtest_readl(BASE) & 0xff, ==, 0xa2);
    command(0, 0xff);
    g_assert_cmphex(devtest_readl(BASE), ==, pattern32(0));
    g_assert_cmphex(image_word(f, 0), ==, pattern32(0));
}

static void setup_unnamed(DeviceState *dev, void *opaque)
{
    qdev_prop_set_uint32(dev, "num-blocks", 4);
}

static void setup_no_blocks(DeviceState *dev, void *opaque)
{
    setup_props(dev, NULL);
    qdev_prop_set_uint32(dev, "num-blocks", 0);
}

static void setup_bad_width(DeviceState *dev, void *opaque)
{
    setup_props(dev, NULL);
    qdev_prop_set_uint8(dev, "width", 3);
}

static void setup_odd_size(DeviceState *dev, void *opaque)
{
    setup_props(dev, NULL);
    qdev_prop_set_uint32(dev, "num-blocks", 3);
}

static void setup_small_image(DeviceState *dev, void *opaque)
{
    setup_props(dev, NULL);
    qdev_prop_set_drive(dev, "drive", opaque);
}

static void test_errors(void)
{
    g_autofree char *dir = g_dir_make_tmp("pflash-XXXXXX", NULL);
    g_autofree char *path = g_build_filename(dir, "small.img", NULL);
    g_autofree char *spec = g_strdup_printf("if=pflash,file=%s,format=raw", path);
    DriveInfo *di;
    DeviceState *dev;
    Error *err = NULL;
    PFlashCFI01 *pf;

    devtest_expect_realize_error(TYPE_PFLASH_CFI01, setup_unnamed, NULL,
                                 "pflash_cfi01: property 'name' is required");
    devtest_expect_realize_error(TYPE_PFLASH_CFI01, setup_no_blocks, NULL,
                                 "test.flash: num-blocks (0) and sector-length "
                                 "(262144) must be non-zero");
    devtest_expect_realize_error(TYPE_PFLASH_CFI01, setup_bad_width, NULL,
                                 "test.flash: unsupported width 3 / device-width 2");
    devtest_expect_realize_error(TYPE_PFLASH_CFI01, setup_odd_size, NULL,
                                 "test.flash: size 786432 / sector-length 262144 "
                                 "do not fit a CFI description");
    g_assert_true(g_file_set_contents(path, "abc", 3, NULL));
    di = drive_new(spec, false, &error_abort);
    devtest_expect_realize_error(TYPE_PFLASH_CFI01, setup_small_image, di->bs,
                                 "test.flash: device needs 4194304 bytes, image '");
    drive_cleanup();

    dev = devtest_create(TYPE_PFLASH_CFI01, BASE, NULL, setup_props, NULL);
    pf = PFLASH_CFI01(dev);
    g_assert_true(vmstate_check_description(DEVICE_GET_CLASS(dev)->vmsd, &error_abort));
    pf->mode = 42;
    g_assert_false(DEVICE_GET_CLASS(dev)->vmsd->post_load(pf, 1, &err));
    g_assert_cmpstr(error_get_pretty(err), ==,
                    "test.flash: invalid state (mode 42, address 0x0, buffer 0x0)");
    error_free(err);
    devtest_destroy(dev, NULL);
    g_unlink(path);
    g_rmdir(dir);
}

#define ADD(name, c, fn) \
    g_test_add("/pflash/" name, Fixture, c, fixture_setup, fn, fixture_teardown)

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    devtest_init();
    ADD("read-array", &with_image, test_read_array);
    ADD("query", &with_image, test_query);
    ADD("read-id-and-locks", &with_image, test_read_id_and_locks);
    ADD("program", &with_image, test_program);
    ADD("buffered-program", &with_image, test_buffered_program);
    ADD("erase", &with_image, test_erase);
    ADD("blank", &blank, test_blank);
    ADD("readonly", &readonly, test_readonly);
    g_test_add_func("/pflash/errors", test_errors);
    return g_test_run();
}
