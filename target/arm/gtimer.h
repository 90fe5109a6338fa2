/*
 * ARM generic timer (ARM ARM B8; Cortex-A7/A15): CNTFRQ, the physical and
 * virtual counts, and the physical, virtual, Hyp and Secure physical
 * timers. The counts derive from the virtual clock; each timer has a
 * QEMUTimer that fires when its condition becomes true and drives the
 * CPU's "gt-timer-outputs" GPIO line (GTIMER_*).
 */
#ifndef TARGET_ARM_GTIMER_H
#define TARGET_ARM_GTIMER_H

#include "target/arm/cpu.h"

/* Adds the timer registers to CPU's set (ARM_FEATURE_GENERIC_TIMER). */
void arm_gt_register(ARMCPU *cpu);
/* Creates the QEMUTimers (CPU realize); arm_gt_free releases them. */
void arm_gt_realize(ARMCPU *cpu);
void arm_gt_free(ARMCPU *cpu);
/*
 * Recomputes every timer's output level and QEMUTimer deadline from the
 * state in env->cp15 (cntvoff, gt[]): after reset and after loading a
 * migrated state. Needs the BQL. A CPU without the timers is left alone.
 */
void arm_gt_recalc(ARMCPU *cpu);
/* The physical count (CNTPCT) now. */
uint64_t arm_gt_count(ARMCPU *cpu);

#endif
