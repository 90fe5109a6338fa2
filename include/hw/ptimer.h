/*
 * A periodic down-counter on the virtual clock: the shared model behind
 * countdown timers (SP804, MPCore private timers, watchdogs).
 *
 * The counter runs at FREQ Hz from DELTA down to 0. Reaching 0 calls the
 * owner's callback; in periodic mode it then reloads LIMIT, in one-shot
 * mode it stops at 0. Between events nothing runs: the current count is
 * computed from the virtual clock when read, so a stopped guest sees a
 * frozen counter and a migrated one resumes where it was.
 */
#ifndef HW_PTIMER_H
#define HW_PTIMER_H

#include "qemu/osdep.h"
#include "qemu/timer.h"
#include "migration/vmstate.h"

typedef void PTimerCallback(void *opaque);

typedef struct PTimer {
    uint8_t enabled;        /* 0 stopped, 1 periodic, 2 one-shot */
    uint64_t limit;         /* reload value */
    uint64_t delta;         /* count when stopped / at last (re)start */
    uint64_t period_fp;     /* ns per tick, 32.32 fixed point */
    int64_t last_event;     /* virtual ns when delta was loaded */
    int64_t next_event;     /* virtual ns when the count reaches 0 */
    QEMUTimer timer;
    PTimerCallback *cb;
    void *opaque;
} PTimer;

void ptimer_init(PTimer *s, PTimerCallback *cb, void *opaque);
void ptimer_deinit(PTimer *s);
/* Sets the tick rate; a running counter keeps its current count. */
void ptimer_set_freq(PTimer *s, uint32_t freq_hz);
/* Sets the reload value; with RELOAD also the current count. */
void ptimer_set_limit(PTimer *s, uint64_t limit, bool reload);
void ptimer_set_count(PTimer *s, uint64_t count);
uint64_t ptimer_get_count(PTimer *s);
uint64_t ptimer_get_limit(PTimer *s);
/* Starts counting (ONESHOT: stop at zero). A zero count fires at once. */
void ptimer_run(PTimer *s, bool oneshot);
void ptimer_stop(PTimer *s);
bool ptimer_is_running(PTimer *s);

extern const VMStateDescription vmstate_ptimer;
#define VMSTATE_PTIMER(f, s) VMSTATE_STRUCT(f, s, 1, vmstate_ptimer, PTimer)

#endif
