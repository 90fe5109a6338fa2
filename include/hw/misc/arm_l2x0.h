/*
 * ARM PL310 (L2C-310) level 2 cache controller registers (ARM DDI 0246).
 *
 * The cache itself is not modelled: the guest sees a controller whose
 * maintenance operations complete at once. Properties:
 *   cache-id   Cache ID register (default PL310 r3p2: 0x410000c8)
 *   aux-ctrl   Auxiliary Control reset value (default 0x02020000: 16 KiB
 *              ways; the CoreTile A9x4 uses 0x02060000, 64 KiB ways)
 * The Cache Type register follows the way size and associativity in the
 * auxiliary control value. One IRQ output (the combined interrupt), never
 * raised since no event the controller reports is modelled.
 */
#ifndef HW_MISC_ARM_L2X0_H
#define HW_MISC_ARM_L2X0_H

#include "hw/sysbus.h"

#define TYPE_ARM_L2X0 "l2x0"
OBJECT_DECLARE_SIMPLE_TYPE(L2x0State, ARM_L2X0)

#define L2X0_LOCKDOWN_REGS 8

struct L2x0State {
    SysBusDevice parent_obj;

    MemoryRegion iomem;
    qemu_irq irq;

    uint32_t cache_id;          /* property */
    uint32_t aux_ctrl_reset;    /* property */

    uint32_t ctrl;
    uint32_t aux_ctrl;
    uint32_t tag_ram_ctrl;
    uint32_t data_ram_ctrl;
    uint32_t ev_counter_ctrl;
    uint32_t ev_counter_cfg[2];
    uint32_t int_mask;
    uint32_t int_raw;
    uint32_t d_lockdown[L2X0_LOCKDOWN_REGS];
    uint32_t i_lockdown[L2X0_LOCKDOWN_REGS];
    uint32_t lock_line_en;
    uint32_t filter_start;
    uint32_t filter_end;
    uint32_t debug_ctrl;
    uint32_t prefetch_ctrl;
    uint32_t power_ctrl;
};

#endif
