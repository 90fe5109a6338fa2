/*
 * Interrupt/GPIO lines as QOM objects.
 */
#include "qemu/osdep.h"
#include "hw/irq.h"

void qemu_set_irq(qemu_irq irq, int level)
{
    if (irq) {
        irq->handler(irq->opaque, irq->n, level);
    }
}

qemu_irq qemu_allocate_irq(qemu_irq_handler handler, void *opaque, int n)
{
    IRQState *irq = (IRQState *)object_new(TYPE_IRQ);

    irq->handler = handler;
    irq->opaque = opaque;
    irq->n = n;
    return irq;
}

qemu_irq *qemu_allocate_irqs(qemu_irq_handler handler, void *opaque, int n)
{
    qemu_irq *irqs = g_new(qemu_irq, n);

    for (int i = 0; i < n; i++) {
        irqs[i] = qemu_allocate_irq(handler, opaque, i);
    }
    return irqs;
}

void qemu_free_irq(qemu_irq irq)
{
    object_unref(OBJECT(irq));
}

void qemu_free_irqs(qemu_irq *irqs, int n)
{
    for (int i = 0; i < n; i++) {
        qemu_free_irq(irqs[i]);
    }
    g_free(irqs);
}

void qemu_irq_intercept_in(qemu_irq *gpio_in, qemu_irq_handler handler, int n)
{
    for (int i = 0; i < n; i++) {
        gpio_in[i]->handler = handler;
        gpio_in[i]->opaque = gpio_in;
    }
}

static const TypeInfo irq_types[] = {
    {
        .name = TYPE_IRQ,
        .parent = TYPE_OBJECT,
        .instance_size = sizeof(IRQState),
    },
};

DEFINE_TYPES(irq_types)
