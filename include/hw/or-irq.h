/*
 * or-irq: NUM_LINES input lines ("unnamed-gpio-in[i]") OR-ed onto one
 * output ("unnamed-gpio-out[0]"), for boards that share an interrupt line.
 * It needs no bus, so -device or-irq,num-lines=N also gives qtests a
 * device with GPIO inputs on any machine.
 */
#ifndef HW_OR_IRQ_H
#define HW_OR_IRQ_H

#include "hw/qdev-core.h"

#define TYPE_OR_IRQ "or-irq"
#define OR_IRQ_MAX_LINES 64

OBJECT_DECLARE_SIMPLE_TYPE(OrIRQState, OR_IRQ)

struct OrIRQState {
    DeviceState parent_obj;
    qemu_irq out;
    bool levels[OR_IRQ_MAX_LINES];
    uint16_t num_lines;
};

#endif
