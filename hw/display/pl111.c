/*
 * ARM PrimeCell PL111 colour LCD controller (ARM DDI 0293, r0p2).
 *
 * Modelled: the timing registers (for the picture's size only), the upper
 * panel's frame buffer in every pixel format, byte and pixel ordering,
 * the 256-entry palette, power, and the interrupts. Not modelled: the
 * lower panel of dual-panel STN displays (LPBASE is kept but not shown),
 * grey-scaling of monochrome STN panels (colours are shown as they are),
 * the hardware cursor (its registers read as zero), DMA errors and FIFO
 * underflow.
 */
#include "qemu/osdep.h"
#include "hw/primecell.h"
#include "qemu/log.h"
#include "hw/display/pl111.h"
#include "hw/display/framebuffer.h"
#include "hw/irq.h"
#include "migration/vmstate.h"

#define LCD_TIMING0     0x000
#define LCD_TIMING3     0x00c
#define LCD_UPBASE      0x010
#define LCD_LPBASE      0x014
#define LCD_CONTROL     0x018
#define LCD_IMSC        0x01c
#define LCD_RIS         0x020
#define LCD_MIS         0x024
#define LCD_ICR         0x028
#define LCD_UPCURR      0x02c
#define LCD_LPCURR      0x030
#define LCD_PALETTE     0x200
#define LCD_PALETTE_END 0x400
#define CRSR_IMAGE      0x800
#define CRSR_END        0xc30

#define CTRL_LCDEN      (1u << 0)
#define CTRL_BPP_SH     1
#define CTRL_BGR        (1u << 8)
#define CTRL_BEBO       (1u << 9)
#define CTRL_BEPO       (1u << 10)
#define CTRL_LCDPWR     (1u << 11)
#define CTRL_MASK       0x1ffffu

#define INT_FUF         (1u << 1)
#define INT_LNBU        (1u << 2)
#define INT_VCOMP       (1u << 3)
#define INT_MBERROR     (1u << 4)
#define INT_ALL         0x1eu

#define FRAME_NS        (NANOSECONDS_PER_SECOND / 60)

/* Part 0x111, designer ARM (0x41), revision 2; PrimeCell id 0xb105f00d. */
static const uint8_t pl111_id[8] = {
    0x11, 0x11, 0x24, 0x00, 0x0d, 0xf0, 0x05, 0xb1
};

/* Bits per pixel for LcdBpp 0..7: 1, 2, 4, 8, 16 (1:5:5:5), 24 (stored in
 * 32), 16 (5:6:5), 12 (4:4:4, stored in 16). */
static const unsigned bpp_bits[8] = { 1, 2, 4, 8, 16, 32, 16, 16 };

static void pl111_update_irq(PL111State *s)
{
    qemu_set_irq(s->irq, (s->ris & s->imsc) != 0);
}

static void pl111_frame(void *opaque)
{
    PL111State *s = opaque;

    /* Each frame latches the base addresses and passes the compare point. */
    s->ris |= INT_LNBU | INT_VCOMP;
    pl111_update_irq(s);
    timer_mod_ns(&s->frame_timer,
                 qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL) + FRAME_NS);
}

static void pl111_set_control(PL111State *s, uint32_t value)
{
    bool was_on = s->control & CTRL_LCDEN;

    s->control = value & CTRL_MASK;
    if ((s->control & CTRL_LCDEN) && !was_on) {
        timer_mod_ns(&s->frame_timer,
                     qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL) + FRAME_NS);
    } else if (!(s->control & CTRL_LCDEN)) {
        timer_del(&s->frame_timer);
    }
}

/* ---- rendering ---- */

static uint32_t fetch_le32(const uint8_t *data, size_t size, size_t at)
{
    uint32_t w = 0;

    for (int i = 0; i < 4; i++) {
        if (at + i < size) {
            w |= (uint32_t)data[at + i] << (8 * i);
        }
    }
    return w;
}

/* The raw value of pixel N of the frame (row-major), in BITS bits. */
static uint32_t pl111_raw_pixel(PL111State *s, const uint8_t *data, size_t size,
                                uint64_t n, unsigned bits)
{
    uint64_t bit = n * bits;
    uint32_t word = fetch_le32(data, size, (bit / 32) * 4);
    unsigned i = (bit % 32) / bits;
    unsigned shift;

    if (s->control & CTRL_BEBO) {
        /* Big-endian bytes and pixels: pixel 0 in the first byte's MSBs. */
        word = GUINT32_SWAP_LE_BE(word);
        shift = 32 - bits * (i + 1);
    } else if ((s->control & CTRL_BEPO) && bits < 8) {
        unsigned per_byte = 8 / bits;

        shift = (i / per_byte) * 8 + 8 - bits * (i % per_byte + 1);
    } else {
        shift = bits * i;
    }
    return bits == 32 ? word : (word >> shift) & ((1u << bits) - 1);
}

static uint32_t pack_rgb(PL111State *s, unsigned lo, unsigned mid,
                         unsigned hi)
{
    /* Red is in the low field unless BGR is set. */
    if (s->control & CTRL_BGR) {
        return (hi << 16) | (mid << 8) | lo;
    }
    return (lo << 16) | (mid << 8) | hi;
}

static unsigned expand5(unsigned v)
{
    return (v << 3) | (v >> 2);
}

static unsigned expand6(unsigned v)
{
    return (v << 2) | (v >> 4);
}

static uint32_t pl111_color(PL111State *s, unsigned mode, uint32_t v)
{
    switch (mode) {
    case 0: case 1: case 2: case 3: {
        uint32_t e = s->palette[v / 2] >> (16 * (v % 2));

        return pack_rgb(s, expand5(e & 0x1f), expand5((e >> 5) & 0x1f),
                        expand5((e >> 10) & 0x1f));
    }
    case 4:
        return pack_rgb(s, expand5(v & 0x1f), expand5((v >> 5) & 0x1f),
                        expand5((v >> 10) & 0x1f));
    case 5:
        return pack_rgb(s, v & 0xff, (v >> 8) & 0xff, (v >> 16) & 0xff);
    case 6:
        return pack_rgb(s, expand5(v & 0x1f), expand6((v >> 5) & 0x3f),
                        expand5((v >> 11) & 0x1f));
    default:
        return pack_rgb(s, (v & 0xf) * 17, ((v >> 4) & 0xf) * 17,
                        ((v >> 8) & 0xf) * 17);
    }
}

void pl111_refresh(PL111State *s)
{
    unsigned width = 16 * (((s->timing[0] >> 2) & 0x3f) + 1);
    unsigned height = (s->timing[1] & 0x3ff) + 1;
    unsigned mode = (s->control >> CTRL_BPP_SH) & 7;
    unsigned bits = bpp_bits[mode];
    size_t frame_bytes = (size_t)width * height * bits / 8;
    g_autofree uint8_t *copy = NULL;
    const uint8_t *data;
    FrameBuffer fb;

    if (!(s->control & CTRL_LCDEN)) {
        return;     /* the last picture stays */
    }
    if (!s->surface || s->surface->width != width ||
        s->surface->height != height) {
        qemu_free_displaysurface(s->surface);
        s->surface = qemu_create_displaysurface(width, height);
        s->invalidate = true;
    }
    if (!(s->control & CTRL_LCDPWR)) {
        for (unsigned y = 0; y < height; y++) {
            memset(surface_row(s->surface, y), 0, width * 4);
        }
        s->invalidate = true;   /* power on redraws */
        return;
    }
    framebuffer_map(&fb, &address_space_memory, s->upbase, frame_bytes);
    data = fb.host;
    if (!data) {
        copy = g_malloc(frame_bytes);
        framebuffer_read(&fb, 0, copy, frame_bytes);
        data = copy;
    }
    for (unsigned y = 0; y < height; y++) {
        uint64_t first = (uint64_t)y * width;
        size_t start = (first * bits / 8) & ~(size_t)3;
        size_t end = MIN(frame_bytes, (((first + width) * bits / 8) + 3) & ~(size_t)3);
        uint32_t *row;

        if (!s->invalidate && !framebuffer_dirty(&fb, start, end - start)) {
            continue;
        }
        row = surface_row(s->surface, y);
        for (unsigned x = 0; x < width; x++) {
            row[x] = pl111_color(s, mode, pl111_raw_pixel(s, data, frame_bytes,
                                                          first + x, bits));
        }
    }
    framebuffer_clear_dirty(&fb);
    s->invalidate = false;
}

static void pl111_display_refresh(void *opaque)
{
    pl111_refresh(opaque);
}

static DisplaySurface *pl111_display_surface(void *opaque)
{
    return ((PL111State *)opaque)->surface;
}

/* ---- registers ---- */

static uint64_t pl111_read(void *opaque, hwaddr offset, unsigned size)
{
    uint64_t id;
    PL111State *s = opaque;

    if (primecell_id_read(pl111_id, offset, &id)) {
        return id;
    }
    if (offset >= LCD_PALETTE && offset < LCD_PALETTE_END) {
        return s->palette[(offset - LCD_PALETTE) >> 2];
    }
    if (offset >= CRSR_IMAGE && offset < CRSR_END) {
        return 0;   /* no hardware cursor */
    }
    switch (offset) {
    case LCD_TIMING0 ... LCD_TIMING3:
        return s->timing[offset >> 2];
    case LCD_UPBASE:
    case LCD_UPCURR:
        return s->upbase;
    case LCD_LPBASE:
    case LCD_LPCURR:
        return s->lpbase;
    case LCD_CONTROL:
        return s->control;
    case LCD_IMSC:
        return s->imsc;
    case LCD_RIS:
        return s->ris;
    case LCD_MIS:
        return s->ris & s->imsc;
    default:
        qemu_log_mask(LOG_GUEST_ERROR, "pl111: read of bad offset 0x%x\n",
                      (unsigned)offset);
        return 0;
    }
}

static void pl111_write(void *opaque, hwaddr offset, uint64_t value,
                        unsigned size)
{
    PL111State *s = opaque;

    if (offset >= LCD_PALETTE && offset < LCD_PALETTE_END) {
        s->palette[(offset - LCD_PALETTE) >> 2] = value;
        s->invalidate = true;
        return;
    }
    if (offset >= CRSR_IMAGE && offset < CRSR_END) {
        qemu_log_mask(LOG_UNIMP, "pl111: hardware cursor (offset 0x%x) is not "
                      "implemented\n", (unsigned)offset);
        return;
    }
    switch (offset) {
    case LCD_TIMING0 ... LCD_TIMING3:
        s->timing[offset >> 2] = offset == LCD_TIMING3 ? value & 0x1ffff : value;
        s->invalidate = true;
        return;
    case LCD_UPBASE:
        s->upbase = value & ~7u;
        s->invalidate = true;
        return;
    case LCD_LPBASE:
        s->lpbase = value & ~7u;
        return;
    case LCD_CONTROL:
        pl111_set_control(s, value);
        s->invalidate = true;
        return;
    case LCD_IMSC:
        s->imsc = value & INT_ALL;
        break;
    case LCD_ICR:
        s->ris &= ~(value & INT_ALL);
        break;
    case LCD_RIS:
    case LCD_MIS:
    case LCD_UPCURR:
    case LCD_LPCURR:
        qemu_log_mask(LOG_GUEST_ERROR, "pl111: write to read-only offset "
                      "0x%x\n", (unsigned)offset);
        return;
    default:
        qemu_log_mask(LOG_GUEST_ERROR, "pl111: write of bad offset 0x%x\n",
                      (unsigned)offset);
        return;
    }
    pl111_update_irq(s);
}

static const MemoryRegionOps pl111_ops = {
    .read = pl111_read,
    .write = pl111_write,
    .endianness = DEVICE_NATIVE_ENDIAN,
    .valid.min_access_size = 4,
    .valid.max_access_size = 4,
};

static void pl111_reset(DeviceState *dev)
{
    PL111State *s = PL111(dev);

    memset(s->timing, 0, sizeof(s->timing));
    s->upbase = 0;
    s->lpbase = 0;
    pl111_set_control(s, 0);
    s->imsc = 0;
    s->ris = 0;
    memset(s->palette, 0, sizeof(s->palette));
    s->invalidate = true;
    pl111_update_irq(s);
}

static void pl111_init(Object *obj)
{
    PL111State *s = PL111(obj);

    memory_region_init_io(&s->iomem, obj, &pl111_ops, s, "pl111", 0x1000);
    sysbus_init_mmio(SYS_BUS_DEVICE(obj), &s->iomem);
    sysbus_init_irq(SYS_BUS_DEVICE(obj), &s->irq);
    timer_init_ns(&s->frame_timer, QEMU_CLOCK_VIRTUAL, pl111_frame, s);
    s->display.name = "pl111";
    s->display.refresh = pl111_display_refresh;
    s->display.surface = pl111_display_surface;
    s->display.opaque = s;
}

static void pl111_realize(DeviceState *dev, Error **errp)
{
    qemu_display_register(&PL111(dev)->display);
}

static void pl111_finalize(Object *obj)
{
    PL111State *s = PL111(obj);

    qemu_display_unregister(&s->display);
    timer_del(&s->frame_timer);
    qemu_free_displaysurface(s->surface);
    s->surface = NULL;
    memory_region_finalize(&s->iomem);
}

static bool pl111_post_load(void *opaque, int version_id, Error **errp)
{
    PL111State *s = opaque;

    s->invalidate = true;
    pl111_update_irq(s);
    return true;
}

static const VMStateDescription vmstate_pl111 = {
    .name = "pl111",
    .version_id = 1,
    .minimum_version_id = 1,
    .post_load = pl111_post_load,
    .fields = (const VMStateField[]) {
        VMSTATE_UINT32_ARRAY(timing, PL111State, 4),
        VMSTATE_UINT32(upbase, PL111State),
        VMSTATE_UINT32(lpbase, PL111State),
        VMSTATE_UINT32(control, PL111State),
        VMSTATE_UINT32(imsc, PL111State),
        VMSTATE_UINT32(ris, PL111State),
        VMSTATE_UINT32_ARRAY(palette, PL111State, PL111_PALETTE_WORDS),
        VMSTATE_TIMER(frame_timer, PL111State),
        VMSTATE_END_OF_LIST()
    },
};

static void pl111_class_init(ObjectClass *klass, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);

    dc->desc = "ARM PL111 colour LCD controller";
    dc->realize = pl111_realize;
    dc->reset = pl111_reset;
    dc->vmsd = &vmstate_pl111;
}

static const TypeInfo pl111_types[] = {
    {
        .name = TYPE_PL111,
        .parent = TYPE_SYS_BUS_DEVICE,
        .instance_size = sizeof(PL111State),
        .instance_init = pl111_init,
        .instance_finalize = pl111_finalize,
        .class_init = pl111_class_init,
    },
};

DEFINE_TYPES(pl111_types)
