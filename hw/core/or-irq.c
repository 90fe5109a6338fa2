/*
 * or-irq: see include/hw/or-irq.h.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "hw/irq.h"
#include "hw/or-irq.h"
#include "hw/qdev-properties.h"
#include "migration/vmstate.h"

static void or_irq_update(OrIRQState *s)
{
    bool level = false;

    for (int i = 0; i < s->num_lines; i++) {
        level |= s->levels[i];
    }
    qemu_set_irq(s->out, level);
}

static void or_irq_handler(void *opaque, int n, int level)
{
    OrIRQState *s = OR_IRQ(opaque);

    assert(n >= 0 && n < s->num_lines);
    s->levels[n] = level != 0;
    or_irq_update(s);
}

static void or_irq_realize(DeviceState *dev, Error **errp)
{
    OrIRQState *s = OR_IRQ(dev);

    if (s->num_lines < 1 || s->num_lines > OR_IRQ_MAX_LINES) {
        error_setg(errp, "num-lines %u out of range (1..%d)", s->num_lines,
                   OR_IRQ_MAX_LINES);
        return;
    }
    qdev_init_gpio_in(dev, or_irq_handler, s->num_lines);
}

static void or_irq_init(Object *obj)
{
    qdev_init_gpio_out(DEVICE(obj), &OR_IRQ(obj)->out, 1);
}

static void or_irq_reset(DeviceState *dev)
{
    OrIRQState *s = OR_IRQ(dev);

    /* The inputs' sources reset themselves and re-drive their lines. */
    memset(s->levels, 0, sizeof(s->levels));
}

static const VMStateDescription vmstate_or_irq = {
    .name = "or-irq",
    .version_id = 1,
    .minimum_version_id = 1,
    .fields = (const VMStateField[]) {
        VMSTATE_BOOL_ARRAY(levels, OrIRQState, OR_IRQ_MAX_LINES),
        VMSTATE_END_OF_LIST()
    },
};

static Property or_irq_properties[] = {
    DEFINE_PROP_UINT16("num-lines", OrIRQState, num_lines, 1),
    DEFINE_PROP_END_OF_LIST(),
};

static void or_irq_class_init(ObjectClass *klass, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);

    dc->desc = "OR of several interrupt lines onto one";
    dc->realize = or_irq_realize;
    dc->reset = or_irq_reset;
    dc->vmsd = &vmstate_or_irq;
    device_class_set_props(dc, or_irq_properties);
}

static const TypeInfo or_irq_types[] = {
    {
        .name = TYPE_OR_IRQ,
        .parent = TYPE_DEVICE,
        .instance_size = sizeof(OrIRQState),
        .instance_init = or_irq_init,
        .class_init = or_irq_class_init,
    },
};

DEFINE_TYPES(or_irq_types)
