/*
 * Instruction counting: see include/system/icount.h.
 *
 * The clock is bias + retired << shift. "retired" is the sum of finished
 * slices (icount_retired, written by the vCPU thread only) plus, for reads
 * on the vCPU thread during a slice, what the running vCPU used of its
 * budget so far (slice - budget). Generated code takes a block's count at
 * block entry, and an MMIO access is always the last instruction of its
 * block (accel/tcg/cpu-exec.c, icount_io_check), so a device sees the
 * clock of the instruction that reaches it.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/timer.h"
#include "system/icount.h"
#include "system/cpus.h"

static int icount_shift_val = -1;
static int64_t icount_retired;      /* atomic: read from any thread */
static int64_t icount_bias;         /* atomic */
static __thread CPUState *icount_cpu;  /* the vCPU inside a slice on this thread */

bool icount_parse(const char *arg, int *shift, Error **errp)
{
    const char *v = arg;
    char *end;
    long n;

    if (g_str_has_prefix(arg, "shift=")) {
        v = arg + strlen("shift=");
    } else if (strchr(arg, '=')) {
        error_setg(errp, "invalid parameter '%.*s' (expected shift=N)",
                   (int)(strchr(arg, '=') - arg), arg);
        return false;
    }
    if (!strcmp(v, "auto")) {
        error_setg(errp, "shift=auto is not supported (adaptive mode); use shift=0..%d",
                   ICOUNT_MAX_SHIFT);
        return false;
    }
    if (strchr(v, ',')) {
        error_setg(errp, "only shift=N is supported");
        return false;
    }
    errno = 0;
    n = strtol(v, &end, 10);
    if (!*v || *end || errno || n < 0 || n > ICOUNT_MAX_SHIFT) {
        error_setg(errp, "invalid shift '%s' (expected 0..%d)", v, ICOUNT_MAX_SHIFT);
        return false;
    }
    *shift = (int)n;
    return true;
}

void icount_configure(int shift)
{
    assert(shift >= -1 && shift <= ICOUNT_MAX_SHIFT);
    icount_shift_val = shift;
    __atomic_store_n(&icount_retired, 0, __ATOMIC_SEQ_CST);
    __atomic_store_n(&icount_bias, 0, __ATOMIC_SEQ_CST);
    icount_cpu = NULL;
}

bool icount_enabled(void)
{
    return icount_shift_val >= 0;
}

int icount_shift(void)
{
    return icount_shift_val;
}

int64_t icount_insns_to_ns(int64_t insns, int shift)
{
    if (insns <= 0) {
        return 0;
    }
    if (insns > (INT64_MAX >> shift)) {
        return INT64_MAX;
    }
    return insns << shift;
}

int64_t icount_ns_to_insns(int64_t ns, int shift)
{
    if (ns <= 0) {
        return 0;
    }
    /* Rounded up: the slice must reach the deadline, not stop short of it. */
    return (ns >> shift) + ((ns & ((INT64_C(1) << shift) - 1)) != 0);
}

int64_t icount_budget_for(int64_t now, int64_t deadline, int shift)
{
    if (deadline < 0) {
        return ICOUNT_MAX_SLICE;
    }
    if (deadline <= now) {
        return 0;
    }
    return MIN(icount_ns_to_insns(deadline - now, shift), ICOUNT_MAX_SLICE);
}

int64_t icount_get_executed(void)
{
    int64_t n = __atomic_load_n(&icount_retired, __ATOMIC_SEQ_CST);
    CPUState *cs = icount_cpu;

    if (cs) {
        n += cs->icount_slice - cs->icount_budget;
    }
    return n;
}

int64_t icount_get_clock(void)
{
    int64_t bias = __atomic_load_n(&icount_bias, __ATOMIC_SEQ_CST);
    int64_t ns = icount_insns_to_ns(icount_get_executed(), MAX(icount_shift_val, 0));

    return ns > INT64_MAX - bias ? INT64_MAX : bias + ns;
}

void icount_set_clock(int64_t ns)
{
    int64_t cur = icount_insns_to_ns(icount_get_executed(), MAX(icount_shift_val, 0));

    __atomic_store_n(&icount_bias, ns - cur, __ATOMIC_SEQ_CST);
}

/* The earliest virtual deadline (absolute ns), -1 if none. */
static int64_t next_virtual_deadline(void)
{
    int64_t a = qemu_clock_next_deadline_abs(QEMU_CLOCK_VIRTUAL);
    int64_t b = qemu_clock_next_deadline_abs(QEMU_CLOCK_VIRTUAL_RT);

    if (a < 0) {
        return b;
    }
    return b < 0 ? a : MIN(a, b);
}

void icount_slice_begin(CPUState *cs)
{
    int64_t budget = icount_budget_for(icount_get_clock(), next_virtual_deadline(),
                                       icount_shift_val);

    assert(!icount_cpu);
    cs->icount_budget = (int32_t)budget;
    cs->icount_slice = budget;
    cs->icount_next_limit = 0;
    icount_cpu = cs;
}

void icount_slice_end(CPUState *cs)
{
    assert(icount_cpu == cs);
    __atomic_add_fetch(&icount_retired, cs->icount_slice - cs->icount_budget,
                       __ATOMIC_SEQ_CST);
    cs->icount_slice = cs->icount_budget = 0;
    cs->icount_next_limit = 0;
    icount_cpu = NULL;
}

void icount_deadline_changed(void)
{
    CPUState *cs = icount_cpu;

    if (!icount_enabled()) {
        return;
    }
    if (cs) {
        int64_t want = icount_budget_for(icount_get_clock(), next_virtual_deadline(),
                                         icount_shift_val);

        /* Keep slice - budget (what ran) unchanged while shrinking. */
        if (want < cs->icount_budget) {
            int64_t cut = cs->icount_budget - MAX(want, 0);

            cs->icount_budget -= cut;
            cs->icount_slice -= cut;
        }
        return;
    }
    if (cpus_are_registered()) {
        CPUState *c;

        CPU_FOREACH(c) {
            qemu_cpu_kick(c);
        }
    }
}

bool icount_run_timers(void)
{
    bool ran = qemu_clock_run_timers(QEMU_CLOCK_VIRTUAL);

    ran |= qemu_clock_run_timers(QEMU_CLOCK_VIRTUAL_RT);
    return ran;
}

bool icount_warp(void)
{
    int64_t d = next_virtual_deadline();
    int64_t now = icount_get_clock();

    if (d < 0) {
        return false;
    }
    if (d > now) {
        __atomic_add_fetch(&icount_bias, d - now, __ATOMIC_SEQ_CST);
    }
    icount_run_timers();
    return true;
}
