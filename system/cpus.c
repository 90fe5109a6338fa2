/*
 * The vCPU thread: see include/system/cpus.h.
 *
 * State shared with the main thread (run, paused, quit) is protected by
 * the BQL; the thread holds the BQL only while it waits or changes that
 * state, and drops it while running guest code.
 */
#include "qemu/osdep.h"
#include <sys/syscall.h>
#include "system/cpus.h"
#include "system/runstate.h"
#include "exec/exec-all.h"
#include "qemu/main-loop.h"
#include "qemu/timer.h"

/*
 * Round-robin fairness: with more than one vCPU, a host-time timer makes
 * the running vCPU leave generated code every CPUS_KICK_PERIOD_MS, so that
 * one spinning on a lock held by another (or polling a flag that another
 * must set) cannot keep the thread forever.
 */
#define CPUS_KICK_PERIOD_MS 10
#include "system/icount.h"

static GThread *vcpu_thread;
static GCond run_cond;          /* the thread waits on it (pause, halt) */
static GCond paused_cond;       /* vm_stop waits on it */
static bool registered;
static bool should_run;         /* the VM runs */
static int halted_all;          /* semihosting exit: no more guest code (atomic) */
static bool quit;
static bool thread_paused;      /* the thread is outside cpu_exec */
static int pause_depth;         /* cpus_pause nesting: no guest code while > 0 */
static VMChangeStateEntry *vmstate_entry;
static CPUState *running_cpu;   /* the vCPU inside cpu_exec (atomic) */
static QEMUTimer *kick_timer;

static unsigned cpus_count(void)
{
    return cpus_list ? cpus_list->len : 0;
}

static void kick_timer_cb(void *opaque)
{
    CPUState *cs = g_atomic_pointer_get(&running_cpu);

    if (cs) {
        cpu_exit(cs);
    }
    timer_mod(kick_timer, qemu_clock_get_ms(QEMU_CLOCK_REALTIME) + CPUS_KICK_PERIOD_MS);
}

/* Runs the fairness kick while the VM runs with more than one vCPU. */
static void kick_timer_update(bool running)
{
    if (running && cpus_count() > 1) {
        if (!kick_timer) {
            kick_timer = timer_new_ms(QEMU_CLOCK_REALTIME, kick_timer_cb, NULL);
        }
        if (!timer_pending(kick_timer)) {
            timer_mod(kick_timer,
                      qemu_clock_get_ms(QEMU_CLOCK_REALTIME) + CPUS_KICK_PERIOD_MS);
        }
    } else if (kick_timer) {
        timer_del(kick_timer);
    }
}

unsigned cpus_kick_period_ms(void)
{
    return kick_timer && timer_pending(kick_timer) ? CPUS_KICK_PERIOD_MS : 0;
}

/* Auto-converge: percentage of wall time the vCPUs spend asleep (atomic). */
static int throttle_pct;

void cpus_set_throttle(int percent)
{
    g_atomic_int_set(&throttle_pct, CLAMP(percent, 0, 99));
}

int cpus_get_throttle(void)
{
    return g_atomic_int_get(&throttle_pct);
}

int64_t cpus_throttle_sleep_us(int64_t run_us, int percent)
{
    /* Asleep PERCENT of the time: sleep / (run + sleep) = percent / 100. */
    return percent <= 0 ? 0 : run_us * percent / (100 - percent);
}

/*
 * After a round of guest code that took RUN_US: sleep the throttle's
 * share without the BQL, in short steps so that a pause or quit is seen.
 */
static void throttle_sleep(int64_t run_us)
{
    int64_t left = MIN(cpus_throttle_sleep_us(run_us, cpus_get_throttle()), 100000);

    while (left > 0 && should_run && !quit) {
        int64_t step = MIN(left, 10000);

        bql_unlock();
        g_usleep(step);
        bql_lock();
        left -= step;
    }
}

static bool any_cpu_has_work(void)
{
    CPUState *cs;

    CPU_FOREACH(cs) {
        CPUClass *cc = CPU_GET_CLASS(cs);

        if (!cs->powered_off && cc->has_work && cc->has_work(cs)) {
            return true;
        }
    }
    return false;
}

static int vcpu_tid;

int cpus_thread_id(void)
{
    return g_atomic_int_get(&vcpu_tid);
}

static void *vcpu_thread_fn(void *opaque)
{
    CPUState *first = qemu_get_cpu(0);

    g_atomic_int_set(&vcpu_tid, (int)syscall(SYS_gettid));
    tcg_exec_init_thread(first);
    bql_lock();
    while (!quit) {
        bool any_ran = false;
        int64_t run_us = 0;
        CPUState *cs;

        if (!should_run || pause_depth || g_atomic_int_get(&halted_all)) {
            thread_paused = true;
            g_cond_broadcast(&paused_cond);
            bql_cond_wait(&run_cond);
            continue;
        }
        thread_paused = false;
        CPU_FOREACH(cs) {
            bool icount = icount_enabled();
            int64_t t0;
            int r;

            if (cs->powered_off) {
                continue;
            }
            if (icount) {
                /* Timers due at this instruction count fire before the
                 * slice, which then ends at the next deadline. */
                icount_run_timers();
                icount_slice_begin(cs);
            }
            /*
             * A kick that reached this vCPU while it was not running was
             * for waking it (its interrupt request stays set) or for the
             * stop conditions checked above under the BQL: either way it
             * must not end the slice before it starts.
             */
            g_atomic_int_set(&cs->exit_request, 0);
            g_atomic_pointer_set(&running_cpu, cs);
            bql_unlock();
            t0 = g_get_monotonic_time();
            r = cpu_exec(cs);
            run_us += g_get_monotonic_time() - t0;
            bql_lock();
            g_atomic_pointer_set(&running_cpu, NULL);
            if (icount) {
                icount_slice_end(cs);
            }
            if (r != EXCP_HLT && r != EXCP_HALTED) {
                any_ran = true;
            }
            if (!should_run || pause_depth || quit || g_atomic_int_get(&halted_all)) {
                break;
            }
        }
        if (any_ran && cpus_get_throttle()) {
            throttle_sleep(run_us);
        }
        if (!any_ran && should_run && !quit) {
            if (icount_enabled() && icount_warp()) {
                continue;   /* virtual time jumped to a timer: look again */
            }
            /*
             * An interrupt that arrived while a vCPU ran into its WFI left
             * its kick unanswered (nobody was waiting yet): look again
             * instead of sleeping. Devices raise interrupts under the BQL,
             * which this thread holds from this check to the wait.
             */
            if (any_cpu_has_work()) {
                continue;
            }
            /* Every vCPU waits for an interrupt: sleep until a kick. */
            thread_paused = true;
            g_cond_broadcast(&paused_cond);
            bql_cond_wait(&run_cond);
        }
    }
    thread_paused = true;
    g_cond_broadcast(&paused_cond);
    bql_unlock();
    tcg_exec_exit_thread();
    return NULL;
}

static void kick_all(void)
{
    CPUState *cs;

    CPU_FOREACH(cs) {
        cpu_exit(cs);
    }
    g_cond_broadcast(&run_cond);
}

static void cpus_vm_state_change(void *opaque, bool running, RunState state)
{
    bool locked = bql_locked();

    if (!locked) {
        bql_lock();
    }
    should_run = running;
    kick_timer_update(running);
    if (running) {
        thread_paused = false;
        if (!vcpu_thread) {
            vcpu_thread = g_thread_new("vcpu", vcpu_thread_fn, NULL);
        }
        g_cond_broadcast(&run_cond);
    } else {
        /* Pause: wait until the thread is out of guest code. */
        kick_all();
        while (vcpu_thread && !thread_paused) {
            bql_cond_wait(&paused_cond);
        }
    }
    if (!locked) {
        bql_unlock();
    }
}

void cpus_pause(void)
{
    bool locked = bql_locked();

    if (!locked) {
        bql_lock();
    }
    pause_depth++;
    kick_all();
    while (vcpu_thread && !thread_paused) {
        bql_cond_wait(&paused_cond);
    }
    if (!locked) {
        bql_unlock();
    }
}

void cpus_resume(void)
{
    bool locked = bql_locked();

    if (!locked) {
        bql_lock();
    }
    assert(pause_depth > 0);
    if (--pause_depth == 0) {
        g_cond_broadcast(&run_cond);
    }
    if (!locked) {
        bql_unlock();
    }
}

void cpus_register_tcg(void)
{
    if (registered) {
        return;
    }
    registered = true;
    vmstate_entry = qemu_add_vm_change_state_handler(cpus_vm_state_change, NULL);
}

bool cpus_are_registered(void)
{
    return registered;
}

void qemu_cpu_kick(CPUState *cs)
{
    cpu_exit(cs);
    g_cond_broadcast(&run_cond);
}

void cpus_halt_all(void)
{
    g_atomic_int_set(&halted_all, 1);
    kick_all();
}

void cpus_cleanup(void)
{
    bool locked = bql_locked();

    if (!registered) {
        return;
    }
    if (!locked) {
        bql_lock();
    }
    quit = true;
    kick_all();
    bql_unlock();
    if (vcpu_thread) {
        g_thread_join(vcpu_thread);
        vcpu_thread = NULL;
    }
    bql_lock();
    qemu_del_vm_change_state_handler(vmstate_entry);
    vmstate_entry = NULL;
    if (kick_timer) {
        timer_free(kick_timer);
        kick_timer = NULL;
    }
    registered = should_run = quit = false;
    halted_all = 0;
    if (!locked) {
        bql_unlock();
    }
}
