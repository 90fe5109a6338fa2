/*
 * Cortex-A9 MPCore global timer (ARM DDI 0407, 4.4).
 *
 * One 64-bit up-counter shared by all CPUs, ticking at
 * freq-hz / (prescaler + 1) while the Timer enable bit is set; each CPU
 * has its own comparator, auto-increment value, comparator/IRQ/auto-
 * increment enables and event flag, banked at the same address: an access
 * reaches the bank of the CPU that makes it (MemTxAttrs.requester_id, the
 * CPU's index). When the counter reaches a CPU's comparator (comparator
 * enabled), that CPU's event flag is set and, with auto-increment, the
 * comparator advances by the auto-increment value (events missed while
 * the counter ran past several comparator values coalesce into one).
 *
 * Properties: "num-cpu" (1..4), "freq-hz" (PERIPHCLK, default 100 MHz).
 * MMIO region 0: the accessing CPU's view (0x20 bytes); 1 + c: CPU c's.
 * Sysbus IRQ output c: CPU c's interrupt (PPI 27), high while its event
 * flag is set and its IRQ enable bit is set.
 */
#ifndef HW_TIMER_A9GTIMER_H
#define HW_TIMER_A9GTIMER_H

#include "hw/sysbus.h"
#include "qemu/timer.h"

#define TYPE_A9_GTIMER "arm.cortex-a9-global-timer"
OBJECT_DECLARE_SIMPLE_TYPE(A9GTimerState, A9_GTIMER)

#define A9_GTIMER_MAX_CPUS 4

typedef struct A9GTimerPerCPU {
    uint32_t control;       /* bits 1..3: comparator, IRQ, auto-increment */
    uint32_t status;        /* event flag */
    uint64_t compare;
    uint32_t inc;
    QEMUTimer timer;
    qemu_irq irq;
    struct A9GTimerState *owner;
} A9GTimerPerCPU;

typedef struct A9GTimerRegion {
    struct A9GTimerState *s;
    int cpu;                /* -1: the requester's */
} A9GTimerRegion;

struct A9GTimerState {
    SysBusDevice parent_obj;

    uint32_t num_cpu;       /* property */
    uint32_t freq_hz;       /* property */

    MemoryRegion iomem;
    MemoryRegion percpu_mem[A9_GTIMER_MAX_CPUS];
    A9GTimerRegion region[A9_GTIMER_MAX_CPUS + 1];

    uint32_t control;       /* shared bits: Timer enable, prescaler */
    uint64_t counter_base;  /* counter value at base_ns */
    int64_t base_ns;        /* virtual clock when counting (re)started */
    A9GTimerPerCPU cpu[A9_GTIMER_MAX_CPUS];
};

#endif
