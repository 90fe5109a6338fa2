/*
 * Periodic down-counters on the virtual clock.
 */
#include "qemu/osdep.h"
#include "hw/ptimer.h"

static int64_t ticks_to_ns(const PTimer *s, uint64_t ticks)
{
    unsigned __int128 ns = (unsigned __int128)ticks * s->period_fp;

    ns >>= 32;
    return ns > INT64_MAX / 2 ? INT64_MAX / 2 : (int64_t)ns;
}

/* Arms the QEMU timer for a count of DELTA starting now. */
static void ptimer_restart(PTimer *s, int64_t now)
{
    s->last_event = now;
    s->next_event = now + ticks_to_ns(s, s->delta);
    timer_mod_ns(&s->timer, s->next_event);
}

static void ptimer_tick(void *opaque)
{
    PTimer *s = opaque;

    if (!s->enabled) {
        return;
    }
    if (s->enabled == 2 || s->limit == 0) {
        /* One-shot (or nothing to reload): stop at zero. */
        s->delta = 0;
        s->enabled = 0;
    } else {
        /* Periodic: reload, keeping the phase exact across events. */
        s->delta = s->limit;
        s->last_event = s->next_event;
        s->next_event += ticks_to_ns(s, s->limit);
        timer_mod_ns(&s->timer, s->next_event);
    }
    s->cb(s->opaque);
}

/*
 * Delivers an expiry that the virtual clock has reached but whose QEMU
 * timer has not run yet (it runs on the main loop, which may be late).
 * Every change of the count, period or mode calls this first: otherwise a
 * change made just after the deadline would re-base or stop the count and
 * the event would be lost (a one-shot would sit at zero with no interrupt).
 */
static void ptimer_catch_up(PTimer *s)
{
    if (s->enabled && s->period_fp != 0 &&
        qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL) >= s->next_event) {
        if (s->enabled == 2 || s->limit == 0) {
            timer_del(&s->timer);
        }
        ptimer_tick(s);
    }
}

void ptimer_init(PTimer *s, PTimerCallback *cb, void *opaque)
{
    memset(s, 0, sizeof(*s));
    s->cb = cb;
    s->opaque = opaque;
    timer_init_ns(&s->timer, QEMU_CLOCK_VIRTUAL, ptimer_tick, s);
}

void ptimer_deinit(PTimer *s)
{
    timer_del(&s->timer);
}

uint64_t ptimer_get_count(PTimer *s)
{
    int64_t now, remaining;
    unsigned __int128 ticks;

    if (!s->enabled || s->period_fp == 0) {
        return s->delta;
    }
    now = qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL);
    remaining = s->next_event - now;
    if (remaining <= 0) {
        return 0;
    }
    /* Round up: the count reads DELTA until a full period has passed. */
    ticks = (((unsigned __int128)remaining << 32) + s->period_fp - 1) /
            s->period_fp;
    return ticks > s->delta ? s->delta : (uint64_t)ticks;
}

void ptimer_set_count(PTimer *s, uint64_t count)
{
    ptimer_catch_up(s);
    s->delta = count;
    if (s->enabled) {
        ptimer_restart(s, qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL));
    }
}

void ptimer_set_freq(PTimer *s, uint32_t freq_hz)
{
    uint64_t count;

    assert(freq_hz > 0);
    ptimer_catch_up(s);
    count = ptimer_get_count(s);
    s->period_fp = ((uint64_t)NANOSECONDS_PER_SECOND << 32) / freq_hz;
    ptimer_set_count(s, count);
}

void ptimer_set_limit(PTimer *s, uint64_t limit, bool reload)
{
    s->limit = limit;
    if (reload) {
        ptimer_set_count(s, limit);
    }
}

uint64_t ptimer_get_limit(PTimer *s)
{
    return s->limit;
}

void ptimer_run(PTimer *s, bool oneshot)
{
    uint8_t mode = oneshot ? 2 : 1;

    assert(s->period_fp != 0);
    if (s->enabled == mode) {
        return;
    }
    ptimer_catch_up(s);
    if (s->enabled == mode) {
        return;
    }
    if (s->enabled) {
        /* Mode change while running: keep the current count. */
        s->delta = ptimer_get_count(s);
    }
    s->enabled = mode;
    ptimer_restart(s, qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL));
}

void ptimer_stop(PTimer *s)
{
    ptimer_catch_up(s);
    if (!s->enabled) {
        return;
    }
    s->delta = ptimer_get_count(s);
    s->enabled = 0;
    timer_del(&s->timer);
}

bool ptimer_is_running(PTimer *s)
{
    return s->enabled != 0;
}

/*
 * The count travels as the pair (delta, next_event) on the virtual clock,
 * which the machine migrates as its time base; the QEMU timer's expiry is
 * re-derived from next_event on load.
 */
static bool ptimer_pre_save(void *opaque, Error **errp)
{
    PTimer *s = opaque;

    if (s->enabled) {
        s->delta = ptimer_get_count(s);
    }
    return true;
}

static bool ptimer_post_load(void *opaque, int version_id, Error **errp)
{
    PTimer *s = opaque;

    if (s->enabled > 2) {
        error_setg(errp, "ptimer: field 'enabled': %u is not a mode (0..2)",
                   s->enabled);
        return false;
    }
    if (s->enabled && s->period_fp == 0) {
        error_setg(errp, "ptimer: running with field 'period_fp' 0");
        return false;
    }
    if (s->enabled) {
        timer_mod_ns(&s->timer, s->next_event);
    } else {
        timer_del(&s->timer);
    }
    return true;
}

const VMStateDescription vmstate_ptimer = {
    .name = "ptimer",
    .version_id = 1,
    .minimum_version_id = 1,
    .pre_save = ptimer_pre_save,
    .post_load = ptimer_post_load,
    .fields = (const VMStateField[]) {
        VMSTATE_UINT8(enabled, PTimer),
        VMSTATE_UINT64(limit, PTimer),
        VMSTATE_UINT64(delta, PTimer),
        VMSTATE_UINT64(period_fp, PTimer),
        VMSTATE_INT64(last_event, PTimer),
        VMSTATE_INT64(next_event, PTimer),
        VMSTATE_END_OF_LIST()
    },
};
