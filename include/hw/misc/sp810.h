/*
 * ARM SP810 system controller (ARM DDI 0254).
 *
 * Properties: "sys-id" (SCSysID0-3, one byte each, least significant
 * first).
 * GPIO outputs "timer-clk-sel" [0..3]: the TimerEnXSel bits of SCCTRL, one
 * per SP804 counter (0/1 = first dual timer, 2/3 = second). Level 1 means
 * TIMCLK (1 MHz on the Versatile Express), 0 means REFCLK (32.768 kHz).
 * The lines are driven at reset and on every SCCTRL write, so a board can
 * connect them to something that retunes the SP804s; nothing needs to.
 */
#ifndef HW_MISC_SP810_H
#define HW_MISC_SP810_H

#include "hw/sysbus.h"

#define TYPE_SP810 "sp810"
OBJECT_DECLARE_SIMPLE_TYPE(SP810State, SP810)

#define SP810_TIMERS 4

struct SP810State {
    SysBusDevice parent_obj;

    MemoryRegion iomem;
    qemu_irq timer_clk_sel[SP810_TIMERS];

    uint32_t sys_id;        /* property */

    uint32_t ctrl;
    uint32_t sysstat;
    uint32_t imctrl;
    uint32_t imstat;
    uint32_t xtalctrl;
    uint32_t pllctrl;
    uint32_t pllfctrl;
    uint32_t perctrl0;
    uint32_t perctrl1;
    uint32_t perclken;
    uint32_t itcr;
};

#endif
