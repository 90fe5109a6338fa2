/*
 * ARM SP804 dual-input timer (ARM DDI 0271).
 *
 * Two identical 32/16-bit down-counters at +0x00 and +0x20, each with
 * free-running, periodic and one-shot modes and a prescaler; their
 * interrupts are ORed onto the one output line (TIMINTC).
 */
#include "qemu/osdep.h"
#include "hw/primecell.h"
#include "qemu/log.h"
#include "hw/timer/sp804.h"
#include "hw/qdev-properties.h"
#include "migration/vmstate.h"

/* Per-timer registers (DDI 0271, 3.1). */
#define TIMER_LOAD      0x00
#define TIMER_VALUE     0x04
#define TIMER_CONTROL   0x08
#define TIMER_INTCLR    0x0c
#define TIMER_RIS       0x10
#define TIMER_MIS       0x14
#define TIMER_BGLOAD    0x18

#define CTRL_ONESHOT    (1 << 0)
#define CTRL_32BIT      (1 << 1)
#define CTRL_PRESCALE_SHIFT 2
#define CTRL_IE         (1 << 5)
#define CTRL_PERIODIC   (1 << 6)
#define CTRL_ENABLE     (1 << 7)

#define SP804_ITCR      0xf00
#define SP804_ITOP      0xf04

static const uint8_t sp804_id[8] = {
    0x04, 0x18, 0x14, 0x00, 0x0d, 0xf0, 0x05, 0xb1
};

static void sp804_update(SP804State *s)
{
    bool level = false;

    for (int i = 0; i < 2; i++) {
        SP804Timer *t = &s->timer[i];

        level |= t->ris && (t->control & CTRL_IE);
    }
    qemu_set_irq(s->irq, level);
}

static uint64_t timer_width_mask(SP804Timer *t)
{
    return (t->control & CTRL_32BIT) ? 0xffffffffu : 0xffffu;
}

/*
 * Applies control/load to the counter. Periodic mode reloads LOAD;
 * free-running mode wraps to the all-ones value of the counter width.
 */
static void sp804_reconfigure(SP804Timer *t, bool reload)
{
    PTimer *p = &t->ptimer;
    uint64_t mask = timer_width_mask(t);
    uint64_t limit = (t->control & CTRL_PERIODIC) ? t->load : mask;
    static const unsigned prescale_shift[4] = { 0, 4, 8, 8 };
    unsigned prescale = (t->control >> CTRL_PRESCALE_SHIFT) & 3;

    if (prescale == 3) {
        qemu_log_mask(LOG_GUEST_ERROR, "sp804: reserved prescale value 3\n");
    }
    ptimer_set_freq(p, t->freq >> prescale_shift[prescale]);
    ptimer_set_limit(p, limit & mask, false);
    if (reload) {
        /* Writing Load starts the count from it at once, in every mode. */
        ptimer_set_count(p, t->load & mask);
    }
    if (t->control & CTRL_ENABLE) {
        ptimer_run(p, t->control & CTRL_ONESHOT);
    } else {
        ptimer_stop(p);
    }
}

static void sp804_tick(void *opaque)
{
    SP804Timer *t = opaque;

    t->ris = 1;
    if (t->control & CTRL_ONESHOT) {
        /* One-shot: the counter halts at zero with the enable bit kept. */
        t->control &= ~CTRL_ENABLE;
    }
    sp804_update(t->parent);
}

static uint64_t sp804_timer_read(SP804Timer *t, hwaddr offset)
{
    switch (offset) {
    case TIMER_LOAD:
    case TIMER_BGLOAD:
        return t->load;
    case TIMER_VALUE:
        return ptimer_get_count(&t->ptimer);
    case TIMER_CONTROL:
        return t->control;
    case TIMER_RIS:
        return t->ris;
    case TIMER_MIS:
        return t->ris && (t->control & CTRL_IE);
    default:
        qemu_log_mask(LOG_GUEST_ERROR, "sp804: read of bad offset 0x%x\n",
                      (unsigned)offset);
        return 0;
    }
}

static void sp804_timer_write(SP804Timer *t, hwaddr offset, uint32_t value)
{
    switch (offset) {
    case TIMER_LOAD:
        t->load = value;
        sp804_reconfigure(t, true);
        break;
    case TIMER_BGLOAD:
        /* Takes effect at the next reload only. */
        t->load = value;
        sp804_reconfigure(t, false);
        break;
    case TIMER_CONTROL:
        t->control = value & 0xef;
        sp804_reconfigure(t, false);
        break;
    case TIMER_INTCLR:
        t->ris = 0;
        break;
    case TIMER_VALUE:
    case TIMER_RIS:
    case TIMER_MIS:
        qemu_log_mask(LOG_GUEST_ERROR, "sp804: write to read-only offset "
                      "0x%x\n", (unsigned)offset);
        return;
    default:
        qemu_log_mask(LOG_GUEST_ERROR, "sp804: write of bad offset 0x%x\n",
                      (unsigned)offset);
        return;
    }
    sp804_update(t->parent);
}

static uint64_t sp804_read(void *opaque, hwaddr offset, unsigned size)
{
    uint64_t id;
    SP804State *s = opaque;

    if (offset < 0x40) {
        return sp804_timer_read(&s->timer[offset >> 5], offset & 0x1f);
    }
    if (primecell_id_read(sp804_id, offset, &id)) {
        return id;
    }
    if (offset == SP804_ITCR || offset == SP804_ITOP) {
        qemu_log_mask(LOG_UNIMP, "sp804: integration test registers\n");
        return 0;
    }
    qemu_log_mask(LOG_GUEST_ERROR, "sp804: read of bad offset 0x%x\n",
                  (unsigned)offset);
    return 0;
}

static void sp804_write(void *opaque, hwaddr offset, uint64_t value,
                        unsigned size)
{
    SP804State *s = opaque;

    if (offset < 0x40) {
        sp804_timer_write(&s->timer[offset >> 5], offset & 0x1f, value);
        return;
    }
    if (offset == SP804_ITCR || offset == SP804_ITOP) {
        qemu_log_mask(LOG_UNIMP, "sp804: integration test registers\n");
        return;
    }
    qemu_log_mask(LOG_GUEST_ERROR, "sp804: write of bad offset 0x%x\n",
                  (unsigned)offset);
}

static const MemoryRegionOps sp804_ops = {
    .read = sp804_read,
    .write = sp804_write,
    .endianness = DEVICE_NATIVE_ENDIAN,
    .valid.min_access_size = 4,
    .valid.max_access_size = 4,
};

static void sp804_reset(DeviceState *dev)
{
    SP804State *s = SP804(dev);

    for (int i = 0; i < 2; i++) {
        SP804Timer *t = &s->timer[i];

        ptimer_stop(&t->ptimer);
        t->control = CTRL_IE;
        t->load = 0;
        t->ris = 0;
        ptimer_set_freq(&t->ptimer, t->freq);
        /* The counter resets to all ones (DDI 0271, 3.2). */
        ptimer_set_limit(&t->ptimer, 0xffffffffu, true);
    }
    sp804_update(s);
}

static void sp804_init(Object *obj)
{
    SP804State *s = SP804(obj);

    memory_region_init_io(&s->iomem, obj, &sp804_ops, s, "sp804", 0x1000);
    sysbus_init_mmio(SYS_BUS_DEVICE(obj), &s->iomem);
    sysbus_init_irq(SYS_BUS_DEVICE(obj), &s->irq);
    for (int i = 0; i < 2; i++) {
        s->timer[i].parent = s;
        ptimer_init(&s->timer[i].ptimer, sp804_tick, &s->timer[i]);
    }
}

static void sp804_realize(DeviceState *dev, Error **errp)
{
    SP804State *s = SP804(dev);

    if (s->freq0 == 0 || s->freq1 == 0) {
        error_setg(errp, "sp804: 'freq0' and 'freq1' must be non-zero "
                   "(got %u and %u)", s->freq0, s->freq1);
        return;
    }
    s->timer[0].freq = s->freq0;
    s->timer[1].freq = s->freq1;
    sp804_reset(dev);
}

static void sp804_finalize(Object *obj)
{
    SP804State *s = SP804(obj);

    for (int i = 0; i < 2; i++) {
        ptimer_deinit(&s->timer[i].ptimer);
    }
    memory_region_finalize(&s->iomem);
}

static bool sp804_timer_post_load(void *opaque, int version_id, Error **errp)
{
    SP804Timer *t = opaque;

    if (t->ris > 1) {
        error_setg(errp, "sp804: field 'ris' %u is not 0 or 1", t->ris);
        return false;
    }
    return true;
}

static const VMStateDescription vmstate_sp804_timer = {
    .name = "sp804_timer",
    .version_id = 1,
    .minimum_version_id = 1,
    .post_load = sp804_timer_post_load,
    .fields = (const VMStateField[]) {
        VMSTATE_UINT32(control, SP804Timer),
        VMSTATE_UINT32(load, SP804Timer),
        VMSTATE_UINT32(ris, SP804Timer),
        VMSTATE_UINT32(freq, SP804Timer),
        VMSTATE_PTIMER(ptimer, SP804Timer),
        VMSTATE_END_OF_LIST()
    },
};

static bool sp804_post_load(void *opaque, int version_id, Error **errp)
{
    sp804_update(opaque);
    return true;
}

static const VMStateDescription vmstate_sp804 = {
    .name = "sp804",
    .version_id = 1,
    .minimum_version_id = 1,
    .post_load = sp804_post_load,
    .fields = (const VMStateField[]) {
        VMSTATE_STRUCT_ARRAY(timer, SP804State, 2, 1, vmstate_sp804_timer,
                             SP804Timer),
        VMSTATE_END_OF_LIST()
    },
};

static Property sp804_properties[] = {
    DEFINE_PROP_UINT32("freq0", SP804State, freq0, 1000000),
    DEFINE_PROP_UINT32("freq1", SP804State, freq1, 1000000),
    DEFINE_PROP_END_OF_LIST(),
};

static void sp804_class_init(ObjectClass *klass, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);

    dc->desc = "ARM SP804 dual-input timer";
    dc->realize = sp804_realize;
    dc->reset = sp804_reset;
    dc->vmsd = &vmstate_sp804;
    device_class_set_props(dc, sp804_properties);
}

static const TypeInfo sp804_types[] = {
    {
        .name = TYPE_SP804,
        .parent = TYPE_SYS_BUS_DEVICE,
        .instance_size = sizeof(SP804State),
        .instance_init = sp804_init,
        .instance_finalize = sp804_finalize,
        .class_init = sp804_class_init,
    },
};

DEFINE_TYPES(sp804_types)
