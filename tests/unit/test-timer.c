/*
 * Unit tests for clocks, timers and the main loop.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/main-loop.h"
#include "qemu/timer.h"

/* Records the order in which timers fire and the virtual time they saw. */
typedef struct Fired {
    GArray *ids;        /* int */
    GArray *times;      /* int64_t */
} Fired;

typedef struct TestTimer {
    QEMUTimer timer;
    Fired *log;
    int id;
    int rearm_count;    /* re-arm this many times, each +rearm_step */
    int64_t rearm_step;
    QEMUTimer *del_other;
} TestTimer;

static void test_timer_cb(void *opaque)
{
    TestTimer *tt = opaque;
    int64_t now = qemu_clock_get_ns(tt->timer.type);

    g_array_append_val(tt->log->ids, tt->id);
    g_array_append_val(tt->log->times, now);
    if (tt->rearm_count > 0) {
        tt->rearm_count--;
        timer_mod_ns(&tt->timer, now + tt->rearm_step);
    }
    if (tt->del_other) {
        timer_del(tt->del_other);
    }
}

static void fired_init(Fired *f)
{
    f->ids = g_array_new(FALSE, FALSE, sizeof(int));
    f->times = g_array_new(FALSE, FALSE, sizeof(int64_t));
}

static void fired_free(Fired *f)
{
    g_array_free(f->ids, TRUE);
    g_array_free(f->times, TRUE);
}

static void tt_init(TestTimer *tt, Fired *log, int id, QEMUClockType type)
{
    memset(tt, 0, sizeof(*tt));
    tt->log = log;
    tt->id = id;
    timer_init_ns(&tt->timer, type, test_timer_cb, tt);
}

static void test_virtual_stops_and_starts(void)
{
    int64_t a, b, c;

    g_assert_false(cpu_ticks_enabled());
    g_assert_true(qemu_clock_set_virtual_ns(1000));
    a = qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL);
    g_assert_cmpint(a, ==, 1000);
    g_usleep(2000);
    g_assert_cmpint(qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL), ==, a);

    cpu_enable_ticks();
    g_assert_true(cpu_ticks_enabled());
    g_assert_false(qemu_clock_set_virtual_ns(5));   /* refused while running */
    g_usleep(2000);
    b = qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL);
    g_assert_cmpint(b, >=, a + 2000 * SCALE_US);
    g_assert_cmpint(qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL_RT), >=, b);
    cpu_disable_ticks();
    c = qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL);
    g_usleep(2000);
    g_assert_cmpint(qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL), ==, c);
    /* Offset = virtual - realtime. */
    g_assert_cmpint(cpu_get_clock_offset() + qemu_clock_get_ns(QEMU_CLOCK_REALTIME), >=, c);

    /* The other clocks run regardless. */
    a = qemu_clock_get_ns(QEMU_CLOCK_REALTIME);
    b = qemu_clock_get_ms(QEMU_CLOCK_HOST);
    g_assert_cmpint(b, >, 1500000000000LL);     /* after 2017 */
    g_usleep(1000);
    g_assert_cmpint(qemu_clock_get_ns(QEMU_CLOCK_REALTIME), >, a);
}

static void test_virtual_timers_wait_for_ticks(void)
{
    Fired log;
    TestTimer t;

    fired_init(&log);
    tt_init(&t, &log, 1, QEMU_CLOCK_VIRTUAL);
    g_assert_true(qemu_clock_set_virtual_ns(0));
    timer_mod_ns(&t.timer, 0);
    g_assert_false(qemu_clock_run_timers(QEMU_CLOCK_VIRTUAL));
    g_assert_cmpint(qemu_clock_deadline_ns_all(QEMU_CLOCK_VIRTUAL), ==, -1);
    g_assert_cmpuint(log.ids->len, ==, 0);
    cpu_enable_ticks();
    g_assert_true(qemu_clock_run_timers(QEMU_CLOCK_VIRTUAL));
    cpu_disable_ticks();
    g_assert_cmpuint(log.ids->len, ==, 1);
    g_assert_false(timer_pending(&t.timer));
    fired_free(&log);
}

static void test_manual_advance_order(void)
{
    Fired log;
    TestTimer t[4];
    int64_t now;

    fired_init(&log);
    qemu_clock_set_manual(true);
    g_assert_true(qemu_clock_set_virtual_ns(0));
    for (int i = 0; i < 4; i++) {
        tt_init(&t[i], &log, i, i == 3 ? QEMU_CLOCK_VIRTUAL_RT : QEMU_CLOCK_VIRTUAL);
    }
    timer_mod_ns(&t[0].timer, 300);
    timer_mod_ns(&t[1].timer, 100);
    timer_mod_ns(&t[2].timer, 100);     /* same deadline: arming order */
    timer_mod_ns(&t[3].timer, 200);     /* VIRTUAL_RT interleaves */
    /* Manual mode: ticks do not move the clock. */
    cpu_enable_ticks();
    g_usleep(1000);
    g_assert_cmpint(qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL), ==, 0);
    cpu_disable_ticks();

    g_assert_cmpint(qemu_clock_deadline_ns_all(QEMU_CLOCK_VIRTUAL), ==, 100);
    g_assert_cmpint(qemu_clock_next_deadline_abs(QEMU_CLOCK_VIRTUAL), ==, 100);
    now = qemu_clock_advance_virtual(250);
    g_assert_cmpint(now, ==, 250);
    g_assert_cmpuint(log.ids->len, ==, 3);
    g_assert_cmpint(g_array_index(log.ids, int, 0), ==, 1);
    g_assert_cmpint(g_array_index(log.ids, int, 1), ==, 2);
    g_assert_cmpint(g_array_index(log.ids, int, 2), ==, 3);
    g_assert_cmpint(g_array_index(log.times, int64_t, 0), ==, 100);
    g_assert_cmpint(g_array_index(log.times, int64_t, 2), ==, 200);
    g_assert_cmpint(qemu_clock_deadline_ns_all(QEMU_CLOCK_VIRTUAL), ==, 50);
    /* Going backwards is a no-op. */
    g_assert_cmpint(qemu_clock_advance_virtual(10), ==, 250);
    g_assert_cmpint(qemu_clock_advance_virtual(1000), ==, 1000);
    g_assert_cmpuint(log.ids->len, ==, 4);
    g_assert_cmpint(g_array_index(log.times, int64_t, 3), ==, 300);
    g_assert_cmpint(qemu_clock_deadline_ns_all(QEMU_CLOCK_VIRTUAL), ==, -1);
    g_assert_cmpint(qemu_clock_next_deadline_abs(QEMU_CLOCK_VIRTUAL), ==, -1);
    qemu_clock_set_manual(false);
    fired_free(&log);
}

static void test_manual_rearm_and_del(void)
{
    Fired log;
    TestTimer a, b, c;

    fired_init(&log);
    qemu_clock_set_manual(true);
    g_assert_true(qemu_clock_set_virtual_ns(0));
    tt_init(&a, &log, 1, QEMU_CLOCK_VIRTUAL);
    tt_init(&b, &log, 2, QEMU_CLOCK_VIRTUAL);
    tt_init(&c, &log, 3, QEMU_CLOCK_VIRTUAL);
    a.rearm_count = 5;
    a.rearm_step = 100;         /* 10, 110, 210, 310, 410, 510 */
    a.del_other = NULL;
    b.del_other = &c.timer;     /* b at 150 deletes c at 160 */
    timer_mod_ns(&a.timer, 10);
    timer_mod_ns(&b.timer, 150);
    timer_mod_ns(&c.timer, 160);
    g_assert_cmpint(qemu_clock_advance_virtual(400), ==, 400);
    /* a@10, a@110, b@150, a@210, a@310 */
    g_assert_cmpuint(log.ids->len, ==, 5);
    g_assert_cmpint(g_array_index(log.ids, int, 2), ==, 2);
    g_assert_cmpint(g_array_index(log.times, int64_t, 4), ==, 310);
    g_assert_false(timer_pending(&c.timer));
    g_assert_true(timer_pending(&a.timer));
    g_assert_cmpint(timer_expire_time_ns(&a.timer), ==, 410);
    g_assert_cmpint(timer_expire_time_ns(&c.timer), ==, -1);
    g_assert_true(timer_expired(&a.timer, 410));
    g_assert_false(timer_expired(&a.timer, 409));
    timer_deinit(&a.timer);
    g_assert_false(timer_pending(&a.timer));
    qemu_clock_set_manual(false);
    fired_free(&log);
}

static void test_mod_anticipate_and_scale(void)
{
    Fired log;
    QEMUTimer *t;
    TestTimer tt;

    fired_init(&log);
    tt_init(&tt, &log, 1, QEMU_CLOCK_VIRTUAL);
    timer_free(NULL);
    t = timer_new_ms(QEMU_CLOCK_VIRTUAL, test_timer_cb, &tt);
    timer_mod(t, 5);
    g_assert_cmpint(timer_expire_time_ns(t), ==, 5 * SCALE_MS);
    g_assert_true(timer_expired(t, 5));
    g_assert_false(timer_expired(t, 4));
    timer_mod_anticipate(t, 7);     /* later: ignored */
    g_assert_cmpint(timer_expire_time_ns(t), ==, 5 * SCALE_MS);
    timer_mod_anticipate(t, 3);     /* earlier: taken */
    g_assert_cmpint(timer_expire_time_ns(t), ==, 3 * SCALE_MS);
    timer_del(t);
    timer_mod_anticipate(t, 9);     /* not pending: arms */
    g_assert_cmpint(timer_expire_time_ns(t), ==, 9 * SCALE_MS);
    timer_mod(t, -4);               /* negative means 0 */
    g_assert_cmpint(timer_expire_time_ns(t), ==, 0);
    timer_mod(t, INT64_MAX);        /* saturates instead of wrapping */
    g_assert_cmpint(timer_expire_time_ns(t), ==, INT64_MAX);
    timer_free(t);

    t = timer_new_us(QEMU_CLOCK_REALTIME, test_timer_cb, &tt);
    timer_mod(t, qemu_clock_get_us(QEMU_CLOCK_REALTIME) + 1000000);
    g_assert_cmpint(qemu_clock_deadline_ns_all(QEMU_CLOCK_REALTIME), >, 900 * SCALE_MS);
    g_assert_cmpint(qemu_clock_deadline_ns_all(QEMU_CLOCK_REALTIME), <=, 1000 * SCALE_MS);
    timer_free(t);
    g_assert_cmpint(qemu_clock_deadline_ns_all(QEMU_CLOCK_REALTIME), ==, -1);
    g_assert_cmpuint(log.ids->len, ==, 0);
    fired_free(&log);
}

static void test_realtime_main_loop(void)
{
    Fired log;
    TestTimer a, b;
    int64_t start = qemu_clock_get_ns(QEMU_CLOCK_REALTIME);

    fired_init(&log);
    tt_init(&a, &log, 1, QEMU_CLOCK_REALTIME);
    tt_init(&b, &log, 2, QEMU_CLOCK_REALTIME);
    timer_mod_ns(&b.timer, start + 20 * SCALE_MS);
    timer_mod_ns(&a.timer, start + 10 * SCALE_MS);
    bql_lock();
    while (log.ids->len < 2) {
        /* Blocking waits end because the timer source sets the timeout. */
        main_loop_wait(false);
        g_assert_true(bql_locked());
    }
    bql_unlock();
    g_assert_false(bql_locked());
    g_assert_cmpint(g_array_index(log.ids, int, 0), ==, 1);
    g_assert_cmpint(g_array_index(log.ids, int, 1), ==, 2);
    g_assert_cmpint(g_array_index(log.times, int64_t, 1), >=, start + 20 * SCALE_MS);
    fired_free(&log);
}

static gpointer arm_from_thread(gpointer opaque)
{
    TestTimer *tt = opaque;

    g_usleep(20000);
    bql_lock();
    timer_mod_ns(&tt->timer, qemu_clock_get_ns(QEMU_CLOCK_REALTIME) + SCALE_MS);
    bql_unlock();
    return NULL;
}

/* A timer armed from another thread wakes a main loop blocked with no timeout. */
static void test_timer_from_thread(void)
{
    Fired log;
    TestTimer tt;
    GThread *th;

    fired_init(&log);
    tt_init(&tt, &log, 7, QEMU_CLOCK_REALTIME);
    bql_lock();
    th = g_thread_new("arm", arm_from_thread, &tt);
    while (!log.ids->len) {
        main_loop_wait(false);      /* must drop the BQL while polling */
    }
    bql_unlock();
    g_thread_join(th);
    g_assert_cmpint(g_array_index(log.ids, int, 0), ==, 7);
    fired_free(&log);
}

static void fd_read_cb(void *opaque)
{
    int *fds = opaque;
    char c;

    g_assert_cmpint(read(fds[0], &c, 1), ==, 1);
    fds[2] = c;
    qemu_set_fd_handler(fds[0], NULL, NULL, NULL);
}

static void test_fd_handler(void)
{
    int fds[3] = { -1, -1, 0 };

    g_assert_cmpint(pipe(fds), ==, 0);
    qemu_set_fd_handler(fds[0], fd_read_cb, NULL, fds);
    g_assert_cmpint(write(fds[1], "k", 1), ==, 1);
    for (int i = 0; i < 100 && !fds[2]; i++) {
        main_loop_wait(false);
    }
    g_assert_cmpint(fds[2], ==, 'k');
    /* Removed by the handler itself: no further calls. */
    g_assert_cmpint(write(fds[1], "z", 1), ==, 1);
    main_loop_wait(true);
    g_assert_cmpint(fds[2], ==, 'k');
    close(fds[0]);
    close(fds[1]);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    qemu_init_main_loop(&error_abort);
    g_test_add_func("/timer/virtual-stops-and-starts", test_virtual_stops_and_starts);
    g_test_add_func("/timer/virtual-timers-wait-for-ticks", test_virtual_timers_wait_for_ticks);
    g_test_add_func("/timer/manual-advance-order", test_manual_advance_order);
    g_test_add_func("/timer/manual-rearm-and-del", test_manual_rearm_and_del);
    g_test_add_func("/timer/mod-anticipate-and-scale", test_mod_anticipate_and_scale);
    g_test_add_func("/timer/realtime-main-loop", test_realtime_main_loop);
    g_test_add_func("/timer/from-thread", test_timer_from_thread);
    g_test_add_func("/main-loop/fd-handler", test_fd_handler);
    return g_test_run();
}
