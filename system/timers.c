/*
 * Clocks and timers: see include/qemu/timer.h for the contract.
 */
#include "qemu/osdep.h"
#include "qemu/timer.h"
#include "system/icount.h"

#include <time.h>

typedef struct TimerList {
    GMutex lock;
    QEMUTimer *head;            /* sorted by expire_time, ties in arming order */
} TimerList;

static TimerList timer_lists[QEMU_CLOCK_MAX];

/*
 * Virtual clock state, under vclock_lock. While running, virtual time is
 * host monotonic time + vclock_offset; while stopped (or manual) it is
 * vclock_frozen.
 */
static GMutex vclock_lock;
static bool vclock_enabled;
static bool vclock_manual;
static int64_t vclock_offset;
static int64_t vclock_frozen;

static void (*timers_notify)(void);

static int64_t get_monotonic_ns(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * NANOSECONDS_PER_SECOND + ts.tv_nsec;
}

static bool vclock_running_locked(void)
{
    return vclock_enabled && !vclock_manual;
}

static int64_t vclock_get_locked(void)
{
    if (icount_enabled()) {
        return icount_get_clock();  /* guest instructions, not host time */
    }
    return vclock_running_locked() ? get_monotonic_ns() + vclock_offset : vclock_frozen;
}

static bool is_virtual(QEMUClockType type)
{
    return type == QEMU_CLOCK_VIRTUAL || type == QEMU_CLOCK_VIRTUAL_RT;
}

int64_t qemu_clock_get_ns(QEMUClockType type)
{
    int64_t v;

    switch (type) {
    case QEMU_CLOCK_REALTIME:
        return get_monotonic_ns();
    case QEMU_CLOCK_HOST:
        return g_get_real_time() * SCALE_US;
    case QEMU_CLOCK_VIRTUAL:
    case QEMU_CLOCK_VIRTUAL_RT:
        g_mutex_lock(&vclock_lock);
        v = vclock_get_locked();
        g_mutex_unlock(&vclock_lock);
        return v;
    default:
        g_assert_not_reached();
    }
}

static void notify(void)
{
    if (timers_notify) {
        timers_notify();
    }
}

/* T became the earliest timer of TYPE. */
static void deadline_changed(QEMUClockType type)
{
    if (is_virtual(type) && icount_enabled()) {
        icount_deadline_changed();
    }
    notify();
}

void qemu_timers_set_notify(void (*fn)(void))
{
    timers_notify = fn;
}

void cpu_enable_ticks(void)
{
    g_mutex_lock(&vclock_lock);
    if (!vclock_enabled) {
        vclock_offset = vclock_frozen - get_monotonic_ns();
        vclock_enabled = true;
    }
    g_mutex_unlock(&vclock_lock);
    notify();
}

void cpu_disable_ticks(void)
{
    g_mutex_lock(&vclock_lock);
    if (vclock_enabled) {
        vclock_frozen = vclock_get_locked();
        vclock_enabled = false;
    }
    g_mutex_unlock(&vclock_lock);
}

bool cpu_ticks_enabled(void)
{
    bool r;

    g_mutex_lock(&vclock_lock);
    r = vclock_enabled;
    g_mutex_unlock(&vclock_lock);
    return r;
}

int64_t cpu_get_clock_offset(void)
{
    int64_t now = get_monotonic_ns(), v;

    g_mutex_lock(&vclock_lock);
    v = vclock_running_locked() ? vclock_offset : vclock_frozen - now;
    g_mutex_unlock(&vclock_lock);
    return v;
}

bool qemu_clock_set_virtual_ns(int64_t ns)
{
    bool ok;

    g_mutex_lock(&vclock_lock);
    ok = !vclock_running_locked();
    if (ok) {
        vclock_frozen = ns;
        if (icount_enabled()) {
            icount_set_clock(ns);
        }
    }
    g_mutex_unlock(&vclock_lock);
    return ok;
}

void qemu_clock_set_manual(bool on)
{
    g_mutex_lock(&vclock_lock);
    if (on != vclock_manual) {
        if (on) {
            vclock_frozen = vclock_get_locked();
        } else {
            /* Resume from the value the manual clock reached. */
            vclock_offset = vclock_frozen - get_monotonic_ns();
        }
        vclock_manual = on;
    }
    g_mutex_unlock(&vclock_lock);
    notify();
}

bool qemu_clock_is_manual(void)
{
    bool r;

    g_mutex_lock(&vclock_lock);
    r = vclock_manual;
    g_mutex_unlock(&vclock_lock);
    return r;
}

/* Removes T from its list; the list lock must be held. */
static void timer_unlink_locked(TimerList *tl, QEMUTimer *t)
{
    QEMUTimer **p;

    if (t->expire_time < 0) {
        return;
    }
    for (p = &tl->head; *p; p = &(*p)->next) {
        if (*p == t) {
            *p = t->next;
            break;
        }
    }
    t->next = NULL;
    t->expire_time = -1;
}

/* Inserts T (not in the list) at EXPIRE; returns true when it became the head. */
static bool timer_insert_locked(TimerList *tl, QEMUTimer *t, int64_t expire)
{
    QEMUTimer **p = &tl->head;

    while (*p && (*p)->expire_time <= expire) {
        p = &(*p)->next;
    }
    t->expire_time = expire;
    t->next = *p;
    *p = t;
    return p == &tl->head;
}

void timer_init_full(QEMUTimer *t, QEMUClockType type, int scale,
                     QEMUTimerCB *cb, void *opaque)
{
    assert(type < QEMU_CLOCK_MAX && scale > 0);
    *t = (QEMUTimer) {
        .expire_time = -1,
        .type = type,
        .scale = scale,
        .cb = cb,
        .opaque = opaque,
    };
}

QEMUTimer *timer_new_full(QEMUClockType type, int scale, QEMUTimerCB *cb,
                          void *opaque)
{
    QEMUTimer *t = g_new(QEMUTimer, 1);

    timer_init_full(t, type, scale, cb, opaque);
    return t;
}

void timer_deinit(QEMUTimer *t)
{
    timer_del(t);
}

void timer_free(QEMUTimer *t)
{
    if (t) {
        timer_del(t);
        g_free(t);
    }
}

void timer_del(QEMUTimer *t)
{
    TimerList *tl = &timer_lists[t->type];

    g_mutex_lock(&tl->lock);
    timer_unlink_locked(tl, t);
    g_mutex_unlock(&tl->lock);
}

void timer_mod_ns(QEMUTimer *t, int64_t expire_ns)
{
    TimerList *tl = &timer_lists[t->type];
    bool head;

    g_mutex_lock(&tl->lock);
    timer_unlink_locked(tl, t);
    head = timer_insert_locked(tl, t, MAX(expire_ns, 0));
    g_mutex_unlock(&tl->lock);
    if (head) {
        deadline_changed(t->type);
    }
}

/* EXPIRE * SCALE, saturated so that far-future deadlines stay far. */
static int64_t scale_time(int64_t expire, int scale)
{
    if (expire > INT64_MAX / scale) {
        return INT64_MAX;
    }
    if (expire < 0) {
        return 0;
    }
    return expire * scale;
}

void timer_mod(QEMUTimer *t, int64_t expire_time)
{
    timer_mod_ns(t, scale_time(expire_time, t->scale));
}

void timer_mod_anticipate_ns(QEMUTimer *t, int64_t expire_ns)
{
    TimerList *tl = &timer_lists[t->type];
    bool head = false;

    expire_ns = MAX(expire_ns, 0);
    g_mutex_lock(&tl->lock);
    if (t->expire_time < 0 || expire_ns < t->expire_time) {
        timer_unlink_locked(tl, t);
        head = timer_insert_locked(tl, t, expire_ns);
    }
    g_mutex_unlock(&tl->lock);
    if (head) {
        deadline_changed(t->type);
    }
}

void timer_mod_anticipate(QEMUTimer *t, int64_t expire_time)
{
    timer_mod_anticipate_ns(t, scale_time(expire_time, t->scale));
}

bool timer_pending(QEMUTimer *t)
{
    return timer_expire_time_ns(t) >= 0;
}

int64_t timer_expire_time_ns(QEMUTimer *t)
{
    TimerList *tl = &timer_lists[t->type];
    int64_t v;

    g_mutex_lock(&tl->lock);
    v = t->expire_time;
    g_mutex_unlock(&tl->lock);
    return v;
}

bool timer_expired(QEMUTimer *t, int64_t current_time)
{
    int64_t e = timer_expire_time_ns(t);

    return e >= 0 && e <= scale_time(current_time, t->scale);
}

int64_t qemu_clock_next_deadline_abs(QEMUClockType type)
{
    TimerList *tl = &timer_lists[type];
    int64_t v;

    g_mutex_lock(&tl->lock);
    v = tl->head ? tl->head->expire_time : -1;
    g_mutex_unlock(&tl->lock);
    return v;
}

int64_t qemu_clock_deadline_ns_all(QEMUClockType type)
{
    int64_t abs = qemu_clock_next_deadline_abs(type);

    if (abs < 0) {
        return -1;
    }
    if (is_virtual(type) && !cpu_ticks_enabled() && !qemu_clock_is_manual()) {
        return -1;
    }
    return MAX(abs - qemu_clock_get_ns(type), 0);
}

int64_t qemu_timers_poll_timeout_ns(void)
{
    int64_t best = -1;

    for (int type = 0; type < QEMU_CLOCK_MAX; type++) {
        int64_t d;

        if (is_virtual(type) && (qemu_clock_is_manual() || icount_enabled())) {
            /* only qemu_clock_advance_virtual() or guest instructions move it */
            continue;
        }
        d = qemu_clock_deadline_ns_all(type);
        if (d >= 0 && (best < 0 || d < best)) {
            best = d;
        }
    }
    return best;
}

/* Unlinks and returns the head of TL if it expires at or before NOW. */
static QEMUTimer *pop_expired(TimerList *tl, int64_t now)
{
    QEMUTimer *t;

    g_mutex_lock(&tl->lock);
    t = tl->head;
    if (t && t->expire_time <= now) {
        timer_unlink_locked(tl, t);
    } else {
        t = NULL;
    }
    g_mutex_unlock(&tl->lock);
    return t;
}

bool qemu_clock_run_timers(QEMUClockType type)
{
    TimerList *tl = &timer_lists[type];
    bool progress = false;
    QEMUTimer *t;

    if (is_virtual(type) && !cpu_ticks_enabled() && !qemu_clock_is_manual()) {
        return false;
    }
    /* Re-read the clock each time: callbacks take time, and may re-arm. */
    while ((t = pop_expired(tl, qemu_clock_get_ns(type)))) {
        t->cb(t->opaque);
        progress = true;
    }
    return progress;
}

bool qemu_clock_run_all_timers(void)
{
    bool progress = false;

    for (int type = 0; type < QEMU_CLOCK_MAX; type++) {
        if (is_virtual(type) && icount_enabled()) {
            continue;   /* the vCPU thread runs them at exact instruction counts */
        }
        progress |= qemu_clock_run_timers(type);
    }
    return progress;
}

int64_t qemu_clock_advance_virtual(int64_t dest_ns)
{
    static const QEMUClockType vclocks[] = { QEMU_CLOCK_VIRTUAL, QEMU_CLOCK_VIRTUAL_RT };
    int64_t now;

    assert(qemu_clock_is_manual());
    for (;;) {
        int64_t best = -1;
        int which = -1;
        QEMUTimer *t;

        for (int i = 0; i < ARRAY_SIZE(vclocks); i++) {
            int64_t d = qemu_clock_next_deadline_abs(vclocks[i]);

            if (d >= 0 && d <= dest_ns && (best < 0 || d < best)) {
                best = d;
                which = i;
            }
        }
        if (which < 0) {
            break;
        }
        t = pop_expired(&timer_lists[vclocks[which]], best);
        if (!t) {
            continue;   /* another thread changed the list: look again */
        }
        g_mutex_lock(&vclock_lock);
        vclock_frozen = MAX(vclock_frozen, best);
        g_mutex_unlock(&vclock_lock);
        t->cb(t->opaque);
    }
    g_mutex_lock(&vclock_lock);
    vclock_frozen = MAX(vclock_frozen, dest_ns);
    now = vclock_frozen;
    g_mutex_unlock(&vclock_lock);
    return now;
}
