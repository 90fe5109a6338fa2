/*
 * ARM PrimeCell PL031 real-time clock (ARM DDI 0224).
 */
#ifndef HW_RTC_PL031_H
#define HW_RTC_PL031_H

#include "hw/sysbus.h"
#include "qemu/timer.h"

#define TYPE_PL031 "pl031"
OBJECT_DECLARE_SIMPLE_TYPE(PL031State, PL031)

struct PL031State {
    SysBusDevice parent_obj;

    MemoryRegion iomem;
    QEMUTimer alarm;
    qemu_irq irq;

    /*
     * The counter reads tick_offset + virtual-clock seconds: it is derived
     * from the machine's time base, so it stops with the guest and travels
     * with it (design rule 3).
     */
    int64_t tick_offset;
    uint32_t mr;            /* match */
    uint32_t lr;            /* last value loaded */
    uint32_t cr;            /* control: bit 0 start (always set once written) */
    uint32_t im;            /* interrupt mask */
    uint32_t is;            /* raw interrupt status */
    char *start_time;       /* "now" or an ISO 8601 UTC time, for tests */
};

#endif
