/*
 * ARM SP804 dual-input timer (ARM DDI 0271).
 */
#ifndef HW_TIMER_SP804_H
#define HW_TIMER_SP804_H

#include "hw/sysbus.h"
#include "hw/ptimer.h"

#define TYPE_SP804 "sp804"
OBJECT_DECLARE_SIMPLE_TYPE(SP804State, SP804)

/* One of the two counters. */
typedef struct SP804Timer {
    PTimer ptimer;
    uint32_t control;
    uint32_t load;
    uint32_t ris;           /* raw interrupt status (bit 0) */
    uint32_t freq;          /* TIMCLK in Hz, from the "freqN" property */
    struct SP804State *parent;
} SP804Timer;

struct SP804State {
    SysBusDevice parent_obj;

    MemoryRegion iomem;
    SP804Timer timer[2];
    uint32_t freq0, freq1;
    qemu_irq irq;
};

#endif
