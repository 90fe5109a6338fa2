/*
 * Interrupt and GPIO lines.
 *
 * A line is a QOM object (TYPE_IRQ) holding a handler, so that it can be the
 * target of a link<irq> property (an output pin wired with qom-set) and so
 * that qtest can intercept it. Raising a line calls the handler of the input
 * it is wired to; a NULL line (an output left unconnected) ignores levels.
 */
#ifndef HW_IRQ_H
#define HW_IRQ_H

#include "qom/object.h"

#define TYPE_IRQ "irq"

typedef struct IRQState *qemu_irq;
typedef void (*qemu_irq_handler)(void *opaque, int n, int level);

typedef struct IRQState {
    Object parent_obj;
    qemu_irq_handler handler;
    void *opaque;
    int n;
} IRQState;

/* Calls IRQ's handler with LEVEL; a NULL IRQ is a no-op. */
void qemu_set_irq(qemu_irq irq, int level);

static inline void qemu_irq_raise(qemu_irq irq)
{
    qemu_set_irq(irq, 1);
}

static inline void qemu_irq_lower(qemu_irq irq)
{
    qemu_set_irq(irq, 0);
}

/* A raise immediately followed by a lower (edge-triggered inputs). */
static inline void qemu_irq_pulse(qemu_irq irq)
{
    qemu_set_irq(irq, 1);
    qemu_set_irq(irq, 0);
}

/* A new line (one reference) calling HANDLER(OPAQUE, N, level). */
qemu_irq qemu_allocate_irq(qemu_irq_handler handler, void *opaque, int n);
/* N new lines numbered 0..N-1, in a g_new array (free with qemu_free_irqs). */
qemu_irq *qemu_allocate_irqs(qemu_irq_handler handler, void *opaque, int n);
/* Drops the reference from qemu_allocate_irq. */
void qemu_free_irq(qemu_irq irq);
void qemu_free_irqs(qemu_irq *irqs, int n);

/*
 * Makes each of the N lines of GPIO_IN call HANDLER(GPIO_IN, i, level)
 * instead of its own handler (qtest's irq_intercept_in).
 */
void qemu_irq_intercept_in(qemu_irq *gpio_in, qemu_irq_handler handler, int n);

#endif
