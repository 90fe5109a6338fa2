/*
 * Cortex-A9 MPCore private timer and watchdog (ARM DDI 0407, 4.1-4.3).
 *
 * Each CPU has its own timer and watchdog, banked at the same address:
 * an access reaches the block of the CPU that makes it, known from
 * MemTxAttrs.requester_id (the CPU's index, see accel/tcg/cputlb.c).
 * The watchdog runs in timer mode only: setting its Watchdog mode bit is
 * logged as unimplemented and the block keeps counting as a timer.
 *
 * Properties: "num-cpu" (1..4), "freq-hz" (PERIPHCLK, default 100 MHz;
 * the counters tick at freq-hz / (prescaler + 1)).
 *
 * MMIO regions: 0 = the block of the accessing CPU (0x40 bytes: timer at
 * +0x00, watchdog at +0x20); 1 + c = CPU c's block, whoever accesses it.
 * Sysbus IRQ outputs: 2c = timer of CPU c (PPI 29), 2c + 1 = watchdog of
 * CPU c (PPI 30). Each output is high while the block's event flag is set
 * and its interrupt is enabled.
 */
#ifndef HW_TIMER_ARM_MPTIMER_H
#define HW_TIMER_ARM_MPTIMER_H

#include "hw/sysbus.h"
#include "hw/ptimer.h"

#define TYPE_ARM_MPTIMER "arm-mptimer"
OBJECT_DECLARE_SIMPLE_TYPE(ARMMPTimerState, ARM_MPTIMER)

#define ARM_MPTIMER_MAX_CPUS 4

typedef struct ARMMPTimerBlock {
    PTimer ptimer;
    uint32_t load;
    uint32_t control;
    uint32_t status;        /* event flag */
    uint32_t reset_status;  /* watchdog only */
    uint32_t disable_seq;   /* watchdog: 1 after 0x12345678 was written */
    bool is_watchdog;
    struct ARMMPTimerState *owner;
    qemu_irq irq;
} ARMMPTimerBlock;

typedef struct ARMMPTimerRegion {
    struct ARMMPTimerState *s;
    int cpu;                /* -1: the requester's */
} ARMMPTimerRegion;

struct ARMMPTimerState {
    SysBusDevice parent_obj;

    uint32_t num_cpu;       /* property */
    uint32_t freq_hz;       /* property */

    MemoryRegion iomem;
    MemoryRegion percpu_mem[ARM_MPTIMER_MAX_CPUS];
    ARMMPTimerRegion region[ARM_MPTIMER_MAX_CPUS + 1];
    ARMMPTimerBlock timer[ARM_MPTIMER_MAX_CPUS * 2];    /* [2c] timer, [2c+1] wdt */
};

#endif
