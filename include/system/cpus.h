/*
 * The vCPU thread: one host thread runs every vCPU round-robin (see
 * ARCHITECTURE.md). It starts with the VM (vm_start) and pauses with it
 * (vm_stop) through a VM change-state handler; devices are reached under
 * the big lock, which the thread takes only around MMIO and its waits.
 */
#ifndef SYSTEM_CPUS_H
#define SYSTEM_CPUS_H

#include "hw/core/cpu.h"

/*
 * Registers the vCPUs for running under the tcg accelerator: from now on
 * vm_start runs them. Called by boards after creating their CPUs.
 */
void cpus_register_tcg(void);
/* Whether cpus_register_tcg was called (and the thread may run). */
bool cpus_are_registered(void);
/* Wakes a vCPU that waits for an interrupt (any thread). */
void qemu_cpu_kick(CPUState *cs);
/*
 * Stops running guest code for good (semihosting exit): every vCPU leaves
 * generated code and the thread stays idle until cpus_cleanup. From the
 * vCPU thread or any other.
 */
void cpus_halt_all(void);

/*
 * Auto-converge (migration): the vCPUs sleep PERCENT (0..99) of wall
 * time; 0 stops throttling. cpus_throttle_sleep_us: the sleep after
 * RUN_US of guest code.
 */
void cpus_set_throttle(int percent);
int cpus_get_throttle(void);
int64_t cpus_throttle_sleep_us(int64_t run_us, int percent);
/*
 * Holds every vCPU outside guest code until the matching cpus_resume
 * (nestable), whatever the run state: for work that rewrites CPU state
 * under a running VM, such as system_reset. Any thread but the vCPU's.
 */
void cpus_pause(void);
void cpus_resume(void);
/* Stops and joins the thread (qemu_cleanup). Call with the BQL held or
 * not; it is released while joining. */
void cpus_cleanup(void);
/*
 * The period of the round-robin fairness kick while it runs (the VM runs
 * with more than one vCPU), else 0. The vCPU thread skips powered-off
 * vCPUs (CPUState.powered_off).
 */
unsigned cpus_kick_period_ms(void);
/* The host thread id (gettid) of the vCPU thread, which runs every vCPU; 0 before it starts. */
int cpus_thread_id(void);

#endif
