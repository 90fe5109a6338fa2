/*
 * Instruction counting (-icount shift=N): deterministic guest time.
 *
 * With icount on, QEMU_CLOCK_VIRTUAL (and VIRTUAL_RT) no longer follows host
 * time: it reads bias + (guest instructions retired) << shift, in ns. The
 * vCPU thread runs the vCPUs in slices whose instruction budget ends exactly
 * at the next virtual timer deadline; generated code checks the budget at
 * block entry (accel/tcg/translator.c), and the vCPU thread, not the main
 * loop, runs the expired virtual timers between slices, so that timers fire
 * at the same instruction count in every run. When every vCPU sleeps (WFI),
 * the clock jumps to the next deadline ("warp") instead of waiting for host
 * time. See docs/devel/tcg.md, "Instruction counting".
 *
 * Threads: the slice functions run on the vCPU thread (with the BQL held);
 * clock reads may come from any thread; outside the vCPU thread they see the
 * instructions of finished slices only.
 */
#ifndef SYSTEM_ICOUNT_H
#define SYSTEM_ICOUNT_H

#include "qemu/osdep.h"
#include "hw/core/cpu.h"

/* Largest shift accepted (2^10 ns per instruction, about 1 MIPS). */
#define ICOUNT_MAX_SHIFT 10
/* Longest slice, in instructions: how often the vCPU thread looks around
 * (round-robin between vCPUs, pause requests) when no deadline is near. */
#define ICOUNT_MAX_SLICE 1000000

/*
 * Parses the argument of -icount: "N", "shift=N" (0 <= N <= ICOUNT_MAX_SHIFT)
 * or "shift=auto" (refused: no adaptive mode). Sets *SHIFT on success; the
 * error message names the bad value.
 */
bool icount_parse(const char *arg, int *shift, Error **errp);

/* Turns instruction counting on with SHIFT (before the vCPUs run), or off
 * with -1 (tests); resets the counters and the bias. */
void icount_configure(int shift);
bool icount_enabled(void);
int icount_shift(void);

/* ---- clock arithmetic (pure) ---- */

/* INSNS << SHIFT in ns, saturated at INT64_MAX; negative INSNS give 0. */
int64_t icount_insns_to_ns(int64_t insns, int shift);
/* The fewest instructions that take at least NS ns (rounded up; 0 for
 * NS <= 0). */
int64_t icount_ns_to_insns(int64_t ns, int shift);
/* The budget of a slice that starts at NOW with the next deadline DEADLINE
 * (absolute ns; -1: none): instructions up to the deadline, at most
 * ICOUNT_MAX_SLICE; 0 when the deadline has passed. */
int64_t icount_budget_for(int64_t now, int64_t deadline, int shift);

/* ---- the clock ---- */

/* Guest instructions retired since icount_configure, all vCPUs. On the
 * vCPU thread inside a slice this includes the running slice. */
int64_t icount_get_executed(void);
/* The virtual clock: bias + executed << shift. */
int64_t icount_get_clock(void);
/* Sets the virtual clock to NS (migration); moves the bias only. */
void icount_set_clock(int64_t ns);

/* ---- the vCPU thread ---- */

/* Gives CS its budget up to the next virtual deadline (0 if a timer is due:
 * run them first) and makes it the running vCPU of this thread. */
void icount_slice_begin(CPUState *cs);
/* Retires what CS executed of its slice; no vCPU runs on this thread. */
void icount_slice_end(CPUState *cs);
/*
 * A virtual timer became the earliest one. On the vCPU thread inside a
 * slice, shrinks the budget so that the slice ends at the new deadline
 * (at the end of the current block when it is already nearer); elsewhere
 * kicks the vCPUs so that they take a new slice.
 */
void icount_deadline_changed(void);
/* Runs the expired virtual timers (the vCPU thread). True if any ran. */
bool icount_run_timers(void);
/*
 * Every vCPU sleeps: moves the clock to the next virtual deadline and runs
 * the timers due then. False (and no change) when no virtual timer is
 * armed: only an outside event can wake the vCPUs.
 */
bool icount_warp(void);

#endif
