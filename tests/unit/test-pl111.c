/*
 * PL111 CLCD: identification, registers, the frame interrupt on the
 * virtual clock, and rendering of a 16x4 frame buffer in RAM in several
 * pixel formats and orderings, checked through screendump's PPM output;
 * lines are redrawn when their memory changes; the display registry and
 * screendump's errors.
 */
#include "qemu/osdep.h"
#include "devtest.h"
#include "hw/display/pl111.h"
#include "ui/console.h"
#include "exec/memory.h"
#include "migration/vmstate.h"

#define BASE    0x1001f000
#define FB      0x60000000
#define TIMING0 (BASE + 0x000)
#define TIMING1 (BASE + 0x004)
#define UPBASE  (BASE + 0x010)
#define LPBASE  (BASE + 0x014)
#define CONTROL (BASE + 0x018)
#define IMSC    (BASE + 0x01c)
#define RIS     (BASE + 0x020)
#define MIS     (BASE + 0x024)
#define ICR     (BASE + 0x028)
#define UPCURR  (BASE + 0x02c)
#define PALETTE (BASE + 0x200)

#define W 16
#define H 4

#define EN      0x001
#define BPP(n)  ((n) << 1)
#define BGR     0x100
#define BEBO    0x200
#define BEPO    0x400
#define PWR     0x800

static MemoryRegion ram;

typedef struct Fixture {
    DeviceState *dev;
    IrqRecorder irq;
    char *path;
} Fixture;

static void fixture_setup(Fixture *f, gconstpointer data)
{
    int fd;

    f->dev = devtest_create(TYPE_PL111, BASE, &f->irq, NULL, NULL);
    fd = g_file_open_tmp("pl111-XXXXXX.ppm", &f->path, NULL);
    g_assert_cmpint(fd, >=, 0);
    close(fd);
    devtest_log_start();
}

static void fixture_teardown(Fixture *f, gconstpointer data)
{
    devtest_log_stop();
    devtest_destroy(f->dev, &f->irq);
    unlink(f->path);
    g_free(f->path);
}

static void write_fb(hwaddr off, const void *buf, size_t len)
{
    g_assert_cmpint(address_space_write(&address_space_memory, FB + off,
                                        MEMTXATTRS_UNSPECIFIED, buf, len),
                    ==, MEMTX_OK);
}

static void setup_panel(uint32_t control)
{
    devtest_writel(TIMING0, ((W / 16) - 1) << 2);
    devtest_writel(TIMING1, H - 1);
    devtest_writel(UPBASE, FB);
    devtest_writel(CONTROL, control);
}

/* Dumps the screen and returns pixel (x, y) as 0xRRGGBB. */
static uint32_t dump_pixel(Fixture *f, int x, int y)
{
    g_autofree char *ppm = NULL;
    gsize len;
    const char *hdr = "P6\n16 4\n255\n";
    const uint8_t *p;

    g_assert_true(qemu_screendump(f->path, &error_abort));
    g_assert_true(g_file_get_contents(f->path, &ppm, &len, NULL));
    g_assert_cmpuint(len, ==, strlen(hdr) + W * H * 3);
    g_assert_cmpmem(ppm, strlen(hdr), hdr, strlen(hdr));
    p = (const uint8_t *)ppm + strlen(hdr) + (y * W + x) * 3;
    return (p[0] << 16) | (p[1] << 8) | p[2];
}

static void test_ids_registers(Fixture *f, gconstpointer data)
{
    static const uint8_t id[8] = { 0x11, 0x11, 0x24, 0x00,
                                   0x0d, 0xf0, 0x05, 0xb1 };

    for (int i = 0; i < 8; i++) {
        g_assert_cmphex(devtest_readl(BASE + 0xfe0 + 4 * i), ==, id[i]);
    }
    devtest_writel(UPBASE, 0x60000007);
    g_assert_cmphex(devtest_readl(UPBASE), ==, 0x60000000);
    g_assert_cmphex(devtest_readl(UPCURR), ==, 0x60000000);
    devtest_writel(LPBASE, 0x61000000);
    g_assert_cmphex(devtest_readl(LPBASE), ==, 0x61000000);
    devtest_writel(BASE + 0x00c, 0xffffffff);
    g_assert_cmphex(devtest_readl(BASE + 0x00c), ==, 0x1ffff);
    devtest_writel(PALETTE + 0x1fc, 0x12345678);
    g_assert_cmphex(devtest_readl(PALETTE + 0x1fc), ==, 0x12345678);
    devtest_writel(BASE + 0xc00, 1);
    devtest_log_expect("pl111: hardware cursor (offset 0xc00) is not implemented");
    g_assert_cmphex(devtest_readl(BASE + 0xc00), ==, 0);
    devtest_writel(RIS, 1);
    devtest_log_expect("pl111: write to read-only offset 0x20");
    devtest_readl(BASE + 0x100);
    devtest_log_expect("pl111: read of bad offset 0x100");
    devtest_writel(BASE + 0x100, 0);
    devtest_log_expect("pl111: write of bad offset 0x100");
    device_cold_reset(f->dev);
    g_assert_cmphex(devtest_readl(UPBASE), ==, 0);
    g_assert_cmphex(devtest_readl(PALETTE + 0x1fc), ==, 0);
}

static void test_frame_interrupt(Fixture *f, gconstpointer data)
{
    devtest_writel(IMSC, 0xff);
    g_assert_cmphex(devtest_readl(IMSC), ==, 0x1e);
    devtest_clock_step(NANOSECONDS_PER_SECOND / 10);
    g_assert_cmphex(devtest_readl(RIS), ==, 0);         /* LCD off */
    setup_panel(EN | BPP(5) | PWR);
    devtest_clock_step(NANOSECONDS_PER_SECOND / 60);
    g_assert_cmphex(devtest_readl(RIS), ==, 0x0c);      /* LNBU | VCOMP */
    g_assert_cmphex(devtest_readl(MIS), ==, 0x0c);
    g_assert_cmpint(f->irq.level, ==, 1);
    devtest_writel(ICR, 0x0c);
    g_assert_cmpint(f->irq.level, ==, 0);
    devtest_writel(IMSC, 0x08);
    devtest_clock_step(NANOSECONDS_PER_SECOND / 60);
    g_assert_cmpint(f->irq.raises, ==, 2);
    /* Disabled: frames stop. */
    devtest_writel(CONTROL, 0);
    devtest_writel(ICR, 0x1e);
    devtest_clock_step(NANOSECONDS_PER_SECOND);
    g_assert_cmphex(devtest_readl(RIS), ==, 0);
}

static void test_render_32bpp(Fixture *f, gconstpointer data)
{
    uint32_t px[W * H];

    for (int i = 0; i < W * H; i++) {
        px[i] = GUINT32_TO_LE(0x00010203 * i);       /* B G R bytes */
    }
    px[5] = GUINT32_TO_LE(0x00ccbbaa);               /* R aa, G bb, B cc */
    write_fb(0, px, sizeof(px));
    setup_panel(EN | BPP(5) | PWR);
    g_assert_cmphex(dump_pixel(f, 5, 0), ==, 0xaabbcc);
    g_assert_cmphex(dump_pixel(f, 1, 2), ==, 0x634221);
    /* BGR swaps red and blue. */
    devtest_writel(CONTROL, EN | BPP(5) | PWR | BGR);
    g_assert_cmphex(dump_pixel(f, 5, 0), ==, 0xccbbaa);
    /*
     * Dirty tracking: a change that bypasses the memory API (no dirty
     * bit) is not picked up; a guest write is.
     */
    ((uint32_t *)memory_region_get_ram_ptr(&ram))[0] = GUINT32_TO_LE(0x00112233);
    g_assert_cmphex(dump_pixel(f, 0, 0), ==, 0x000000);
    px[0] = GUINT32_TO_LE(0x00ffffff);
    write_fb(0, px, 4);
    g_assert_cmphex(dump_pixel(f, 0, 0), ==, 0xffffff);
    /* Power off: black. */
    devtest_writel(CONTROL, EN | BPP(5));
    g_assert_cmphex(dump_pixel(f, 5, 0), ==, 0);
    /* Disabled: the last picture stays. */
    devtest_writel(CONTROL, BPP(5));
    g_assert_cmphex(dump_pixel(f, 5, 0), ==, 0);
}

static void test_render_16bpp(Fixture *f, gconstpointer data)
{
    uint16_t px[W * H] = { 0 };

    px[0] = GUINT16_TO_LE(0x001f);      /* red in the low field */
    px[1] = GUINT16_TO_LE(0x07e0);      /* 5:6:5 green */
    px[2] = GUINT16_TO_LE(0xf800);      /* 5:6:5 blue */
    px[3] = GUINT16_TO_LE(0x7c00);      /* 1:5:5:5 blue */
    write_fb(0, px, sizeof(px));
    setup_panel(EN | BPP(6) | PWR);
    g_assert_cmphex(dump_pixel(f, 0, 0), ==, 0xff0000);
    g_assert_cmphex(dump_pixel(f, 1, 0), ==, 0x00ff00);
    g_assert_cmphex(dump_pixel(f, 2, 0), ==, 0x0000ff);
    devtest_writel(CONTROL, EN | BPP(4) | PWR);
    g_assert_cmphex(dump_pixel(f, 3, 0), ==, 0x0000ff);
    /* 0x07e0 as 1:5:5:5: green 0x1f, blue 0x01 */
    g_assert_cmphex(dump_pixel(f, 1, 0), ==, 0x00ff08);
    /* 4:4:4 */
    px[4] = GUINT16_TO_LE(0x0f80);
    write_fb(0, px, sizeof(px));
    devtest_writel(CONTROL, EN | BPP(7) | PWR);
    g_assert_cmphex(dump_pixel(f, 4, 0), ==, 0x0088ff);
    /* BEBO: the first pixel is in the first two bytes, big-endian. */
    px[0] = GUINT16_TO_BE(0x001f);
    write_fb(0, px, 2);
    devtest_writel(CONTROL, EN | BPP(6) | PWR | BEBO);
    g_assert_cmphex(dump_pixel(f, 0, 0), ==, 0xff0000);
}

static void test_render_palette(Fixture *f, gconstpointer data)
{
    uint8_t bytes[W * H] = { 0 };

    /* Entry 0 black, 1 red, 2 green, 3 blue; two per palette word. */
    devtest_writel(PALETTE + 0, 0x001f << 16);
    devtest_writel(PALETTE + 4, 0x03e0 | (0x7c00 << 16));
    /* 8 bpp */
    bytes[0] = 1;
    bytes[1] = 2;
    bytes[W] = 3;
    write_fb(0, bytes, sizeof(bytes));
    setup_panel(EN | BPP(3) | PWR);
    g_assert_cmphex(dump_pixel(f, 0, 0), ==, 0xff0000);
    g_assert_cmphex(dump_pixel(f, 1, 0), ==, 0x00ff00);
    g_assert_cmphex(dump_pixel(f, 0, 1), ==, 0x0000ff);
    g_assert_cmphex(dump_pixel(f, 2, 0), ==, 0x000000);

    /* 2 bpp, little-endian pixels: byte 0x39 = pixels 1, 2, 3, 0. */
    /* (colours red, green, blue, black) */
    memset(bytes, 0, sizeof(bytes));
    bytes[0] = 0x39;
    write_fb(0, bytes, sizeof(bytes));
    devtest_writel(CONTROL, EN | BPP(1) | PWR);
    g_assert_cmphex(dump_pixel(f, 0, 0), ==, 0xff0000);
    g_assert_cmphex(dump_pixel(f, 1, 0), ==, 0x00ff00);
    g_assert_cmphex(dump_pixel(f, 2, 0), ==, 0x0000ff);
    g_assert_cmphex(dump_pixel(f, 3, 0), ==, 0x000000);
    /* BEPO: pixel 0 in the byte's most significant bits: 0, 3, 2, 1. */
    devtest_writel(CONTROL, EN | BPP(1) | PWR | BEPO);
    g_assert_cmphex(dump_pixel(f, 0, 0), ==, 0x000000);
    g_assert_cmphex(dump_pixel(f, 1, 0), ==, 0x0000ff);
    g_assert_cmphex(dump_pixel(f, 3, 0), ==, 0xff0000);
    /* BEBO: byte 0 is the word's most significant: same as BEPO here. */
    devtest_writel(CONTROL, EN | BPP(1) | PWR | BEBO);
    g_assert_cmphex(dump_pixel(f, 3, 0), ==, 0xff0000);
    g_assert_cmphex(dump_pixel(f, 15, 0), ==, 0x000000);

    /* 1 bpp: bit 1 of byte 0 is pixel 1; palette changes redraw. */
    memset(bytes, 0, sizeof(bytes));
    bytes[0] = 0x02;
    write_fb(0, bytes, sizeof(bytes));
    devtest_writel(CONTROL, EN | BPP(0) | PWR);
    g_assert_cmphex(dump_pixel(f, 1, 0), ==, 0xff0000);
    g_assert_cmphex(dump_pixel(f, 0, 0), ==, 0x000000);
    devtest_writel(PALETTE + 0, 0x7fff | (0x7c00 << 16));
    g_assert_cmphex(dump_pixel(f, 1, 0), ==, 0x0000ff);
    g_assert_cmphex(dump_pixel(f, 0, 0), ==, 0xffffff);
}

static void test_screendump_errors(Fixture *f, gconstpointer data)
{
    Error *err = NULL;

    g_assert_true(qemu_display_primary() == &PL111(f->dev)->display);
    g_assert_false(qemu_screendump(f->path, &err));
    g_assert_cmpstr(error_get_pretty(err), ==,
                    "screendump: display 'pl111' has not shown a picture yet");
    g_clear_pointer(&err, error_free);
    setup_panel(EN | BPP(5) | PWR);
    g_assert_false(qemu_screendump("/nonexistent-dir/x.ppm", &err));
    g_assert_nonnull(strstr(error_get_pretty(err),
                            "screendump: cannot write '/nonexistent-dir/x.ppm': "));
    g_clear_pointer(&err, error_free);
}

static void test_no_display(void)
{
    Error *err = NULL;

    g_assert_null(qemu_display_primary());
    g_assert_false(qemu_screendump("/tmp/unused.ppm", &err));
    g_assert_cmpstr(error_get_pretty(err), ==,
                    "screendump: there is no display device");
    error_free(err);
}

static void test_vmstate(Fixture *f, gconstpointer data)
{
    DeviceClass *dc = DEVICE_GET_CLASS(f->dev);

    g_assert_true(vmstate_check_description(dc->vmsd, &error_abort));
    g_assert_cmpstr(dc->vmsd->name, ==, "pl111");
    g_assert_true(dc->vmsd->post_load(PL111(f->dev), 1, &error_abort));
    g_assert_true(PL111(f->dev)->invalidate);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    devtest_init();
    memory_region_init_ram(&ram, NULL, "fb.ram", 1 * MiB, &error_abort);
    memory_region_add_subregion(get_system_memory(), FB, &ram);
#define ADD(path, fn) \
    g_test_add("/pl111/" path, Fixture, NULL, fixture_setup, fn, \
               fixture_teardown)
    g_test_add_func("/pl111/no-display", test_no_display);
    ADD("ids-registers", test_ids_registers);
    ADD("frame-interrupt", test_frame_interrupt);
    ADD("render-32bpp", test_render_32bpp);
    ADD("render-16bpp", test_render_16bpp);
    ADD("render-palette", test_render_palette);
    ADD("screendump-errors", test_screendump_errors);
    ADD("vmstate", test_vmstate);
    return g_test_run();
}
