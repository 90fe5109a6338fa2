/*
 * ARM PrimeCell PL050 PS/2 keyboard/mouse interface (ARM DDI 0143, r1p0).
 *
 * The serial link is not timed: a byte written to KMIDATA reaches the PS/2
 * device at once (TXEMPTY stays set) and the device's answer is readable
 * immediately. The receive register is the head of the device's queue.
 */
#include "qemu/osdep.h"
#include "hw/primecell.h"
#include "qemu/log.h"
#include "hw/input/pl050.h"
#include "hw/irq.h"
#include "migration/vmstate.h"

#define KMICR       0x00
#define KMISTAT     0x04
#define KMIDATA     0x08
#define KMICLKDIV   0x0c
#define KMIIR       0x10

#define CR_FKMIC    (1u << 0)
#define CR_FKMID    (1u << 1)
#define CR_KMIEN    (1u << 2)
#define CR_TXINTREN (1u << 3)
#define CR_RXINTREN (1u << 4)
#define CR_KMITYPE  (1u << 5)

#define STAT_KMIDATAIN  (1u << 0)
#define STAT_KMICLKIN   (1u << 1)
#define STAT_RXPARITY   (1u << 2)
#define STAT_RXBUSY     (1u << 3)
#define STAT_RXFULL     (1u << 4)
#define STAT_TXBUSY     (1u << 5)
#define STAT_TXEMPTY    (1u << 6)

#define IR_RX       (1u << 0)
#define IR_TX       (1u << 1)

/* Part 0x050, designer ARM (0x41), revision 0; PrimeCell id 0xb105f00d. */
static const uint8_t pl050_id[8] = {
    0x50, 0x10, 0x04, 0x00, 0x0d, 0xf0, 0x05, 0xb1
};

static PS2State *pl050_ps2(PL050State *s)
{
    return s->is_mouse ? &s->mouse.common : &s->kbd.common;
}

static uint32_t pl050_ir(PL050State *s)
{
    uint32_t ir = 0;

    if (ps2_has_data(pl050_ps2(s)) && (s->cr & CR_RXINTREN)) {
        ir |= IR_RX;
    }
    if (s->cr & CR_TXINTREN) {
        ir |= IR_TX;        /* the transmitter is always empty */
    }
    return ir;
}

static void pl050_update(PL050State *s)
{
    qemu_set_irq(s->irq, (s->cr & CR_KMIEN) && pl050_ir(s) != 0);
}

static void pl050_ps2_update(void *opaque, int level)
{
    pl050_update(opaque);
}

static uint32_t pl050_stat(PL050State *s)
{
    PS2State *ps2 = pl050_ps2(s);
    uint32_t stat = STAT_TXEMPTY;

    /* Lines idle high unless the host forces them low. */
    if (!(s->cr & CR_FKMID)) {
        stat |= STAT_KMIDATAIN;
    }
    if (!(s->cr & CR_FKMIC)) {
        stat |= STAT_KMICLKIN;
    }
    if (ps2_has_data(ps2)) {
        stat |= STAT_RXFULL;
        /* Odd parity: the parity bit makes the count of ones odd. */
        if (!(__builtin_popcount(ps2_peek_data(ps2)) & 1)) {
            stat |= STAT_RXPARITY;
        }
    }
    return stat;
}

static uint64_t pl050_read(void *opaque, hwaddr offset, unsigned size)
{
    uint64_t id;
    PL050State *s = opaque;

    if (primecell_id_read(pl050_id, offset, &id)) {
        return id;
    }
    switch (offset) {
    case KMICR:
        return s->cr;
    case KMISTAT:
        return pl050_stat(s);
    case KMIDATA: {
        uint8_t b = ps2_read_data(pl050_ps2(s));

        pl050_update(s);
        return b;
    }
    case KMICLKDIV:
        return s->clkdiv;
    case KMIIR:
        return pl050_ir(s);
    default:
        qemu_log_mask(LOG_GUEST_ERROR, "pl050: read of bad offset 0x%x\n",
                      (unsigned)offset);
        return 0;
    }
}

static void pl050_write(void *opaque, hwaddr offset, uint64_t value,
                        unsigned size)
{
    PL050State *s = opaque;

    switch (offset) {
    case KMICR:
        s->cr = value & 0x3f;
        if (s->cr & CR_KMITYPE) {
            qemu_log_mask(LOG_UNIMP, "pl050: AT-mode line (KMITYPE) is not "
                          "implemented\n");
        }
        break;
    case KMIDATA:
        if (!(s->cr & CR_KMIEN)) {
            qemu_log_mask(LOG_GUEST_ERROR, "pl050: data 0x%02x written while "
                          "the interface is disabled\n", (unsigned)(value & 0xff));
            return;
        }
        if (s->is_mouse) {
            ps2_write_mouse(&s->mouse, value & 0xff);
        } else {
            ps2_write_keyboard(&s->kbd, value & 0xff);
        }
        break;
    case KMICLKDIV:
        s->clkdiv = value & 0xf;
        return;
    case KMISTAT:
    case KMIIR:
        qemu_log_mask(LOG_GUEST_ERROR, "pl050: write to read-only offset "
                      "0x%x\n", (unsigned)offset);
        return;
    default:
        qemu_log_mask(LOG_GUEST_ERROR, "pl050: write of bad offset 0x%x\n",
                      (unsigned)offset);
        return;
    }
    pl050_update(s);
}

static const MemoryRegionOps pl050_ops = {
    .read = pl050_read,
    .write = pl050_write,
    .endianness = DEVICE_NATIVE_ENDIAN,
    .valid.min_access_size = 1,
    .valid.max_access_size = 4,
    .impl.min_access_size = 4,
    .impl.max_access_size = 4,
};

static void pl050_reset(DeviceState *dev)
{
    PL050State *s = PL050(dev);

    s->cr = 0;
    s->clkdiv = 0;
    if (s->is_mouse) {
        ps2_mouse_reset(&s->mouse);
    } else {
        ps2_kbd_reset(&s->kbd);
    }
    pl050_update(s);
}

static void pl050_init(Object *obj)
{
    PL050State *s = PL050(obj);

    memory_region_init_io(&s->iomem, obj, &pl050_ops, s, "pl050", 0x1000);
    sysbus_init_mmio(SYS_BUS_DEVICE(obj), &s->iomem);
    sysbus_init_irq(SYS_BUS_DEVICE(obj), &s->irq);
}

static void pl050_kbd_init(Object *obj)
{
    PL050State *s = PL050(obj);

    s->is_mouse = false;
    ps2_kbd_init(&s->kbd, pl050_ps2_update, s);
}

static void pl050_mouse_init(Object *obj)
{
    PL050State *s = PL050(obj);

    s->is_mouse = true;
    ps2_mouse_init(&s->mouse, pl050_ps2_update, s);
}

static void pl050_finalize(Object *obj)
{
    PL050State *s = PL050(obj);

    if (s->is_mouse) {
        ps2_mouse_cleanup(&s->mouse);
    } else {
        ps2_kbd_cleanup(&s->kbd);
    }
    memory_region_finalize(&s->iomem);
}

static bool pl050_post_load(void *opaque, int version_id, Error **errp)
{
    pl050_update(opaque);
    return true;
}

static const VMStateDescription vmstate_pl050_kbd = {
    .name = "pl050_keyboard",
    .version_id = 1,
    .minimum_version_id = 1,
    .post_load = pl050_post_load,
    .fields = (const VMStateField[]) {
        VMSTATE_UINT32(cr, PL050State),
        VMSTATE_UINT32(clkdiv, PL050State),
        VMSTATE_STRUCT(kbd, PL050State, 1, vmstate_ps2_keyboard, PS2KbdState),
        VMSTATE_END_OF_LIST()
    },
};

static const VMStateDescription vmstate_pl050_mouse = {
    .name = "pl050_mouse",
    .version_id = 1,
    .minimum_version_id = 1,
    .post_load = pl050_post_load,
    .fields = (const VMStateField[]) {
        VMSTATE_UINT32(cr, PL050State),
        VMSTATE_UINT32(clkdiv, PL050State),
        VMSTATE_STRUCT(mouse, PL050State, 1, vmstate_ps2_mouse, PS2MouseState),
        VMSTATE_END_OF_LIST()
    },
};

static void pl050_class_init(ObjectClass *klass, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);

    dc->reset = pl050_reset;
}

static void pl050_kbd_class_init(ObjectClass *klass, void *data)
{
    DEVICE_CLASS(klass)->desc = "ARM PL050 PS/2 interface with keyboard";
    DEVICE_CLASS(klass)->vmsd = &vmstate_pl050_kbd;
}

static void pl050_mouse_class_init(ObjectClass *klass, void *data)
{
    DEVICE_CLASS(klass)->desc = "ARM PL050 PS/2 interface with mouse";
    DEVICE_CLASS(klass)->vmsd = &vmstate_pl050_mouse;
}

static const TypeInfo pl050_types[] = {
    {
        .name = TYPE_PL050,
        .parent = TYPE_SYS_BUS_DEVICE,
        .abstract = true,
        .instance_size = sizeof(PL050State),
        .instance_init = pl050_init,
        .instance_finalize = pl050_finalize,
        .class_init = pl050_class_init,
    },
    {
        .name = TYPE_PL050_KBD,
        .parent = TYPE_PL050,
        .instance_init = pl050_kbd_init,
        .class_init = pl050_kbd_class_init,
    },
    {
        .name = TYPE_PL050_MOUSE,
        .parent = TYPE_PL050,
        .instance_init = pl050_mouse_init,
        .class_init = pl050_mouse_class_init,
    },
};

DEFINE_TYPES(pl050_types)
