/*
 * Clocks and timers.
 *
 * Four clocks, all read in nanoseconds:
 *  - QEMU_CLOCK_REALTIME: host monotonic time; always runs.
 *  - QEMU_CLOCK_HOST: host wall-clock time (may jump when the host clock is set).
 *  - QEMU_CLOCK_VIRTUAL: guest time. Starts at 0, advances with host monotonic
 *    time only between cpu_enable_ticks() and cpu_disable_ticks(), i.e. while
 *    the guest runs. In manual mode (qtest) it moves only through
 *    qemu_clock_advance_virtual().
 *    With -icount (include/system/icount.h) it reads bias + guest
 *    instructions << shift instead, and its timers are run by the vCPU
 *    thread at exact instruction counts, not by qemu_clock_run_all_timers.
 *  - QEMU_CLOCK_VIRTUAL_RT: reads the same value as QEMU_CLOCK_VIRTUAL; it has
 *    its own timer list (for timers that must follow guest time but are not
 *    part of the guest's architected state).
 *
 * Timers belong to one clock and fire (their callback runs) from
 * qemu_clock_run_timers(), which the main loop calls, once the clock reaches
 * their expire time. Timer lists are protected by a mutex, so timer_mod and
 * timer_del may be called from any thread; callbacks run in the thread that
 * runs the timers (the main loop), without the list mutex held, so a
 * callback may mod or delete any timer, itself included.
 */
#ifndef QEMU_TIMER_H
#define QEMU_TIMER_H

#include "qemu/osdep.h"

#define SCALE_NS 1
#define SCALE_US 1000
#define SCALE_MS 1000000

typedef enum {
    QEMU_CLOCK_REALTIME,
    QEMU_CLOCK_VIRTUAL,
    QEMU_CLOCK_HOST,
    QEMU_CLOCK_VIRTUAL_RT,
    QEMU_CLOCK_MAX
} QEMUClockType;

typedef void QEMUTimerCB(void *opaque);

typedef struct QEMUTimer QEMUTimer;

/* Visible so that devices can embed timers; touch only through the API. */
struct QEMUTimer {
    int64_t expire_time;        /* ns; -1 when not pending */
    QEMUClockType type;
    int scale;                  /* ns per unit of timer_mod() */
    QEMUTimerCB *cb;
    void *opaque;
    QEMUTimer *next;            /* in the clock's list, sorted by expire_time */
};

/* Clock reads. */
int64_t qemu_clock_get_ns(QEMUClockType type);

static inline int64_t qemu_clock_get_us(QEMUClockType type)
{
    return qemu_clock_get_ns(type) / SCALE_US;
}

static inline int64_t qemu_clock_get_ms(QEMUClockType type)
{
    return qemu_clock_get_ns(type) / SCALE_MS;
}

/* Start / stop the virtual clock (run-state changes call these). */
void cpu_enable_ticks(void);
void cpu_disable_ticks(void);
bool cpu_ticks_enabled(void);

/*
 * Virtual time minus realtime, in ns, at the moment of the call (changes
 * while the virtual clock is stopped).
 */
int64_t cpu_get_clock_offset(void);

/*
 * Sets the virtual clock to NS (migration restores guest time with it).
 * Only while the virtual clock is stopped or in manual mode; returns false
 * (and changes nothing) otherwise.
 */
bool qemu_clock_set_virtual_ns(int64_t ns);

/*
 * Manual mode (qtest): while on, the virtual clock does not follow host
 * time at all; it moves only through qemu_clock_advance_virtual(). Turning
 * it off keeps the current value and lets the clock run again if ticks
 * are enabled.
 */
void qemu_clock_set_manual(bool on);
bool qemu_clock_is_manual(void);

/*
 * Manual mode only: moves the virtual clock forward to DEST_NS, firing the
 * VIRTUAL and VIRTUAL_RT timers with expire time <= DEST_NS in deadline
 * order (ties in arming order). While a callback runs the clock reads that
 * timer's expire time, so a timer re-armed from a callback fires again in
 * the same call if its new expire time is <= DEST_NS. Fires regardless of
 * cpu_ticks_enabled() (stepping the clock is an explicit request). A
 * DEST_NS in the past leaves the clock where it is. Returns the new value.
 */
int64_t qemu_clock_advance_virtual(int64_t dest_ns);

/*
 * Nanoseconds until the earliest armed timer of TYPE expires (0 if one has
 * already expired), or -1 when no timer is armed, or when TYPE is a
 * virtual clock that is stopped (its timers cannot fire; not in manual mode).
 */
int64_t qemu_clock_deadline_ns_all(QEMUClockType type);
/* Absolute expire time (ns, on TYPE's clock) of the earliest timer; -1 if none. */
int64_t qemu_clock_next_deadline_abs(QEMUClockType type);

/*
 * The timeout the main loop may sleep for: the minimum over the clocks that
 * move by themselves (virtual ones only when enabled, not manual and not
 * driven by -icount);
 * -1 for "no timer".
 */
int64_t qemu_timers_poll_timeout_ns(void);

/* Timers. */
void timer_init_full(QEMUTimer *t, QEMUClockType type, int scale,
                     QEMUTimerCB *cb, void *opaque);

static inline void timer_init_ns(QEMUTimer *t, QEMUClockType type,
                                 QEMUTimerCB *cb, void *opaque)
{
    timer_init_full(t, type, SCALE_NS, cb, opaque);
}

static inline void timer_init_us(QEMUTimer *t, QEMUClockType type,
                                 QEMUTimerCB *cb, void *opaque)
{
    timer_init_full(t, type, SCALE_US, cb, opaque);
}

static inline void timer_init_ms(QEMUTimer *t, QEMUClockType type,
                                 QEMUTimerCB *cb, void *opaque)
{
    timer_init_full(t, type, SCALE_MS, cb, opaque);
}

QEMUTimer *timer_new_full(QEMUClockType type, int scale, QEMUTimerCB *cb,
                          void *opaque);

static inline QEMUTimer *timer_new_ns(QEMUClockType type, QEMUTimerCB *cb,
                                      void *opaque)
{
    return timer_new_full(type, SCALE_NS, cb, opaque);
}

static inline QEMUTimer *timer_new_us(QEMUClockType type, QEMUTimerCB *cb,
                                      void *opaque)
{
    return timer_new_full(type, SCALE_US, cb, opaque);
}

static inline QEMUTimer *timer_new_ms(QEMUClockType type, QEMUTimerCB *cb,
                                      void *opaque)
{
    return timer_new_full(type, SCALE_MS, cb, opaque);
}

/* Deletes T (if pending) without freeing it; T may be re-initialized. */
void timer_deinit(QEMUTimer *t);
/* Deletes and frees a timer from timer_new_*(); NULL is a no-op. */
void timer_free(QEMUTimer *t);

/*
 * Arms T to expire at EXPIRE_TIME (absolute, in T's scale units; negative
 * values mean 0). Re-arming a pending timer moves it.
 */
void timer_mod(QEMUTimer *t, int64_t expire_time);
void timer_mod_ns(QEMUTimer *t, int64_t expire_ns);
/* Like timer_mod, but only moves the expire time earlier (or arms T). */
void timer_mod_anticipate(QEMUTimer *t, int64_t expire_time);
void timer_mod_anticipate_ns(QEMUTimer *t, int64_t expire_ns);
void timer_del(QEMUTimer *t);
bool timer_pending(QEMUTimer *t);
/* True when T is pending and expires at or before CURRENT_TIME (T's scale). */
bool timer_expired(QEMUTimer *t, int64_t current_time);
/* Expire time in ns, or -1 when not pending. */
int64_t timer_expire_time_ns(QEMUTimer *t);

/*
 * Runs the expired timers of TYPE in deadline order; each callback runs
 * once per expiry. Virtual timers do not fire while the virtual clock is
 * stopped. Returns true when at least one callback ran.
 */
bool qemu_clock_run_timers(QEMUClockType type);
/* The same for every clock; skips the virtual ones with icount. */
bool qemu_clock_run_all_timers(void);

/*
 * Called (without the list lock) whenever a timer becomes the earliest of
 * its clock or the virtual clock starts, so that a sleeping main loop can
 * recompute its timeout. The main loop installs qemu_notify_event here.
 */
void qemu_timers_set_notify(void (*notify)(void));

#endif
