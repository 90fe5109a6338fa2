/*
 * Cortex-A9 MPCore Snoop Control Unit registers (ARM DDI 0407, 2.2).
 *
 * Property "num-cpu" (1..4). One 256-byte MMIO region (the SCU part of the
 * private region at +0x00). Coherency itself is not modelled: memory is
 * always coherent in the emulator; the registers hold what software
 * writes and the configuration register reports the CPU count.
 */
#ifndef HW_MISC_A9SCU_H
#define HW_MISC_A9SCU_H

#include "hw/sysbus.h"

#define TYPE_A9_SCU "a9-scu"
OBJECT_DECLARE_SIMPLE_TYPE(A9SCUState, A9_SCU)

struct A9SCUState {
    SysBusDevice parent_obj;

    MemoryRegion iomem;
    uint32_t num_cpu;       /* property */

    uint32_t control;
    uint32_t power_status;  /* byte per CPU, bits [1:0] used */
    uint32_t filter_start;
    uint32_t filter_end;
    uint32_t sac;
    uint32_t snsac;
};

#endif
