/*
 * ARM SP810 system controller (ARM DDI 0254, chapter 3).
 *
 * Clocks and PLLs are not modelled: mode changes complete at once, the
 * crystal and PLL report "stable" as soon as they are enabled, and the
 * peripheral clock enables are plain bits. What matters to software on the
 * Versatile Express is SCCTRL's timer clock selection, which the model
 * exports as GPIO lines (see the header).
 */
#include "qemu/osdep.h"
#include "hw/primecell.h"
#include "qemu/log.h"
#include "hw/misc/sp810.h"
#include "hw/irq.h"
#include "hw/qdev-properties.h"
#include "migration/vmstate.h"

#define SCCTRL          0x000
#define SCSYSSTAT       0x004
#define SCIMCTRL        0x008
#define SCIMSTAT        0x00c
#define SCXTALCTRL      0x010
#define SCPLLCTRL       0x014
#define SCPLLFCTRL      0x018
#define SCPERCTRL0      0x01c
#define SCPERCTRL1      0x020
#define SCPEREN         0x024
#define SCPERDIS        0x028
#define SCPERCLKEN      0x02c
#define SCPERSTAT       0x030
#define SCSYSID0        0xee0
#define SCSYSID3        0xeec
#define SCITCR          0xf00
#define SCITIR0         0xf04
#define SCITIR1         0xf08
#define SCITOR          0xf0c
#define SCCNTCTRL       0xf10
#define SCCNTDATA       0xf14
#define SCCNTSTEP       0xf18

/* SCCTRL */
#define CTRL_MODECTRL       0x7
#define CTRL_MODESTATUS_SH  3
#define CTRL_MODESTATUS     (0xf << CTRL_MODESTATUS_SH)
#define CTRL_REMAPCLEAR     (1u << 8)
#define CTRL_REMAPSTAT      (1u << 9)
#define CTRL_TIMERSEL(n)    (1u << (15 + 2 * (n)))
#define CTRL_WRITABLE       0x00fffd87u     /* all but status bits 3-6, 9 */

/* Stable modes: ModeCtrl value -> ModeStatus value (DDI 0254 3.2.1) */
#define MODE_SLEEP  0x0
#define MODE_DOZE   0x1
#define MODE_SLOW   0x2
#define MODE_NORMAL 0x4

/* SCXTALCTRL / SCPLLCTRL: enable bit 0, status ("stable") bit 19 / 1 */
#define XTAL_EN         (1u << 0)
#define XTAL_STABLE     (1u << 19)
#define PLL_EN          (1u << 0)
#define PLL_STABLE      (1u << 1)

/* PrimeCell identification: part 0x810, designer ARM (0x41), revision 0. */
static const uint8_t sp810_id[8] = {
    0x10, 0x18, 0x04, 0x00, 0x0d, 0xf0, 0x05, 0xb1
};

static uint32_t mode_status(uint32_t modectrl)
{
    switch (modectrl) {
    case MODE_SLEEP:
    case MODE_DOZE:
    case MODE_SLOW:
    case MODE_NORMAL:
        return modectrl;
    default:
        /* Reserved encodings: the controller stays in (or goes to) SLOW. */
        return MODE_SLOW;
    }
}

static void sp810_update_timer_clocks(SP810State *s)
{
    for (int n = 0; n < SP810_TIMERS; n++) {
        qemu_set_irq(s->timer_clk_sel[n], !!(s->ctrl & CTRL_TIMERSEL(n)));
    }
}

static uint64_t sp810_read(void *opaque, hwaddr offset, unsigned size)
{
    uint64_t id;
    SP810State *s = opaque;

    if (primecell_id_read(sp810_id, offset, &id)) {
        return id;
    }
    if (offset >= SCSYSID0 && offset <= SCSYSID3) {
        return (s->sys_id >> (8 * ((offset - SCSYSID0) >> 2))) & 0xff;
    }
    switch (offset) {
    case SCCTRL:
        return s->ctrl;
    case SCSYSSTAT:
        return s->sysstat;
    case SCIMCTRL:
        return s->imctrl;
    case SCIMSTAT:
        return s->imstat;
    case SCXTALCTRL:
        return s->xtalctrl | ((s->xtalctrl & XTAL_EN) ? XTAL_STABLE : 0);
    case SCPLLCTRL:
        return s->pllctrl | ((s->pllctrl & PLL_EN) ? PLL_STABLE : 0);
    case SCPLLFCTRL:
        return s->pllfctrl;
    case SCPERCTRL0:
        return s->perctrl0;
    case SCPERCTRL1:
        return s->perctrl1;
    case SCPERCLKEN:
    case SCPERSTAT:
        return s->perclken;
    case SCITCR:
        return s->itcr;
    case SCITIR0:
    case SCITIR1:
    case SCITOR:
    case SCCNTCTRL:
    case SCCNTDATA:
    case SCCNTSTEP:
        qemu_log_mask(LOG_UNIMP, "sp810: test register 0x%x reads as zero\n",
                      (unsigned)offset);
        return 0;
    default:
        qemu_log_mask(LOG_GUEST_ERROR, "sp810: read of bad offset 0x%x\n",
                      (unsigned)offset);
        return 0;
    }
}

static void sp810_write(void *opaque, hwaddr offset, uint64_t value,
                        unsigned size)
{
    SP810State *s = opaque;

    switch (offset) {
    case SCCTRL:
        s->ctrl = (value & CTRL_WRITABLE & ~CTRL_REMAPCLEAR) |
                  (mode_status(value & CTRL_MODECTRL) << CTRL_MODESTATUS_SH);
        /* RemapClear is a request: the remap status follows it at once. */
        if (value & CTRL_REMAPCLEAR) {
            s->ctrl |= CTRL_REMAPCLEAR | CTRL_REMAPSTAT;
        }
        sp810_update_timer_clocks(s);
        return;
    case SCSYSSTAT:
        s->sysstat = value;
        return;
    case SCIMCTRL:
        s->imctrl = value & 0xff;
        return;
    case SCIMSTAT:
        s->imstat = value & 1;
        return;
    case SCXTALCTRL:
        s->xtalctrl = value & ~XTAL_STABLE & 0x7ffff;
        return;
    case SCPLLCTRL:
        s->pllctrl = value & ~PLL_STABLE & 0xff;
        return;
    case SCPLLFCTRL:
        s->pllfctrl = value;
        return;
    case SCPERCTRL0:
        s->perctrl0 = value;
        return;
    case SCPERCTRL1:
        s->perctrl1 = value;
        return;
    case SCPEREN:
        s->perclken |= value;
        return;
    case SCPERDIS:
        s->perclken &= ~value;
        return;
    case SCITCR:
        s->itcr = value & 1;
        if (value & 1) {
            qemu_log_mask(LOG_UNIMP, "sp810: integration test mode is not "
                          "implemented\n");
        }
        return;
    case SCITIR0:
    case SCITIR1:
    case SCITOR:
    case SCCNTCTRL:
    case SCCNTDATA:
    case SCCNTSTEP:
        qemu_log_mask(LOG_UNIMP, "sp810: test register 0x%x ignores writes\n",
                      (unsigned)offset);
        return;
    default:
        qemu_log_mask(LOG_GUEST_ERROR, "sp810: write of bad offset 0x%x\n",
                      (unsigned)offset);
        return;
    }
}

static const MemoryRegionOps sp810_ops = {
    .read = sp810_read,
    .write = sp810_write,
    .endianness = DEVICE_NATIVE_ENDIAN,
    .valid.min_access_size = 4,
    .valid.max_access_size = 4,
};

static void sp810_reset(DeviceState *dev)
{
    SP810State *s = SP810(dev);

    /*
     * Out of reset the controller runs in NORMAL mode with every timer on
     * REFCLK; firmware or Linux selects TIMCLK.
     */
    s->ctrl = MODE_NORMAL | (MODE_NORMAL << CTRL_MODESTATUS_SH);
    s->sysstat = 0;
    s->imctrl = 0;
    s->imstat = 0;
    s->xtalctrl = XTAL_EN;
    s->pllctrl = PLL_EN;
    s->pllfctrl = 0;
    s->perctrl0 = 0;
    s->perctrl1 = 0;
    s->perclken = 0xffffffff;
    s->itcr = 0;
    sp810_update_timer_clocks(s);
}

static void sp810_init(Object *obj)
{
    SP810State *s = SP810(obj);

    memory_region_init_io(&s->iomem, obj, &sp810_ops, s, "sp810", 0x1000);
    sysbus_init_mmio(SYS_BUS_DEVICE(obj), &s->iomem);
    qdev_init_gpio_out_named(DEVICE(obj), s->timer_clk_sel, "timer-clk-sel",
                             SP810_TIMERS);
}

static void sp810_finalize(Object *obj)
{
    memory_region_finalize(&SP810(obj)->iomem);
}

static const VMStateDescription vmstate_sp810 = {
    .name = "sp810",
    .version_id = 1,
    .minimum_version_id = 1,
    .fields = (const VMStateField[]) {
        VMSTATE_UINT32(ctrl, SP810State),
        VMSTATE_UINT32(sysstat, SP810State),
        VMSTATE_UINT32(imctrl, SP810State),
        VMSTATE_UINT32(imstat, SP810State),
        VMSTATE_UINT32(xtalctrl, SP810State),
        VMSTATE_UINT32(pllctrl, SP810State),
        VMSTATE_UINT32(pllfctrl, SP810State),
        VMSTATE_UINT32(perctrl0, SP810State),
        VMSTATE_UINT32(perctrl1, SP810State),
        VMSTATE_UINT32(perclken, SP810State),
        VMSTATE_UINT32(itcr, SP810State),
        VMSTATE_END_OF_LIST()
    },
};

static Property sp810_properties[] = {
    DEFINE_PROP_UINT32("sys-id", SP810State, sys_id, 0),
    DEFINE_PROP_END_OF_LIST(),
};

static void sp810_class_init(ObjectClass *klass, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);

    dc->desc = "ARM SP810 system controller";
    dc->reset = sp810_reset;
    dc->vmsd = &vmstate_sp810;
    device_class_set_props(dc, sp810_properties);
}

static const TypeInfo sp810_types[] = {
    {
        .name = TYPE_SP810,
        .parent = TYPE_SYS_BUS_DEVICE,
        .instance_size = sizeof(SP810State),
        .instance_init = sp810_init,
        .instance_finalize = sp810_finalize,
        .class_init = sp810_class_init,
    },
};

DEFINE_TYPES(sp810_types)
