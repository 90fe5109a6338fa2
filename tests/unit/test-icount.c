/*
 * Unit tests for instruction counting (system/icount.c): the clock
 * arithmetic, -icount parsing, slices and their budgets, deadline changes
 * inside a slice, the warp of an idle machine, and which thread runs the
 * virtual timers. A bare CPUState stands in for a vCPU: the slice
 * functions touch only its icount fields; "executing" N instructions is
 * what generated code does, icount_budget -= N.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/timer.h"
#include "system/icount.h"

static CPUState fake_cpu;

typedef struct Fired {
    int count;
    int64_t at;         /* the virtual clock the callback saw */
} Fired;

static void fired_cb(void *opaque)
{
    Fired *f = opaque;

    f->count++;
    f->at = qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL);
}

static void run_insns(CPUState *cs, int n)
{
    g_assert_cmpint(cs->icount_budget, >=, n);
    cs->icount_budget -= n;
}

static void test_arithmetic(void)
{
    g_assert_cmpint(icount_insns_to_ns(5, 0), ==, 5);
    g_assert_cmpint(icount_insns_to_ns(5, 3), ==, 40);
    g_assert_cmpint(icount_insns_to_ns(0, 3), ==, 0);
    g_assert_cmpint(icount_insns_to_ns(-7, 3), ==, 0);
    g_assert_cmpint(icount_insns_to_ns(INT64_MAX >> 2, 2), ==, (INT64_MAX >> 2) << 2);
    g_assert_cmpint(icount_insns_to_ns((INT64_MAX >> 2) + 1, 2), ==, INT64_MAX);

    g_assert_cmpint(icount_ns_to_insns(0, 2), ==, 0);
    g_assert_cmpint(icount_ns_to_insns(-5, 0), ==, 0);
    g_assert_cmpint(icount_ns_to_insns(1, 2), ==, 1);     /* rounded up */
    g_assert_cmpint(icount_ns_to_insns(4, 2), ==, 1);
    g_assert_cmpint(icount_ns_to_insns(5, 2), ==, 2);
    g_assert_cmpint(icount_ns_to_insns(1000, 0), ==, 1000);
    g_assert_cmpint(icount_ns_to_insns(1024, 10), ==, 1);
    g_assert_cmpint(icount_ns_to_insns(INT64_MAX, 0), ==, INT64_MAX);

    g_assert_cmpint(icount_budget_for(100, -1, 0), ==, ICOUNT_MAX_SLICE);
    g_assert_cmpint(icount_budget_for(100, 100, 0), ==, 0);
    g_assert_cmpint(icount_budget_for(100, 50, 0), ==, 0);
    g_assert_cmpint(icount_budget_for(100, 110, 2), ==, 3);
    g_assert_cmpint(icount_budget_for(100, 112, 2), ==, 3);
    g_assert_cmpint(icount_budget_for(100, 113, 2), ==, 4);
    g_assert_cmpint(icount_budget_for(0, INT64_MAX, 0), ==, ICOUNT_MAX_SLICE);
}

static void test_parse(void)
{
    static const struct {
        const char *arg;
        int shift;          /* -1: rejected with MSG */
        const char *msg;
    } cases[] = {
        { "0", 0 }, { "10", 10 }, { "shift=4", 4 }, { "shift=0", 0 },
        { "shift=auto", -1, "shift=auto is not supported (adaptive mode); use shift=0..10" },
        { "11", -1, "invalid shift '11' (expected 0..10)" },
        { "shift=1x", -1, "invalid shift '1x' (expected 0..10)" },
        { "", -1, "invalid shift '' (expected 0..10)" },
        { "99999999999999999999", -1,
          "invalid shift '99999999999999999999' (expected 0..10)" },
        { "shift=2,align=on", -1, "only shift=N is supported" },
        { "sleep=on", -1, "invalid parameter 'sleep' (expected shift=N)" },
    };

    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        Error *err = NULL;
        int shift = -5;
        bool ok = icount_parse(cases[i].arg, &shift, &err);

        if (cases[i].shift >= 0) {
            g_assert_null(err);
            g_assert_true(ok);
            g_assert_cmpint(shift, ==, cases[i].shift);
        } else {
            g_assert_false(ok);
            g_assert_cmpint(shift, ==, -5);
            g_assert_cmpstr(error_get_pretty(err), ==, cases[i].msg);
            error_free(err);
        }
    }
}

/* Slices, budgets and the clock seen inside and outside a slice. */
static void test_slices(void)
{
    CPUState *cs = &fake_cpu;
    Fired f1 = { 0 }, f2 = { 0 };
    QEMUTimer t1, t2;

    icount_configure(2);
    cpu_enable_ticks();
    g_assert_true(icount_enabled());
    g_assert_cmpint(icount_shift(), ==, 2);
    g_assert_cmpint(qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL), ==, 0);

    /* No timer: the longest slice. */
    icount_slice_begin(cs);
    g_assert_cmpint(cs->icount_budget, ==, ICOUNT_MAX_SLICE);
    run_insns(cs, 10);
    g_assert_cmpint(qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL), ==, 40);
    g_assert_cmpint(qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL_RT), ==, 40);
    icount_slice_end(cs);
    g_assert_cmpint(icount_get_executed(), ==, 10);
    g_assert_cmpint(cs->icount_budget, ==, 0);

    /* A deadline at 1000 ns: 240 instructions of 4 ns from 40 ns. */
    timer_init_ns(&t1, QEMU_CLOCK_VIRTUAL, fired_cb, &f1);
    timer_mod_ns(&t1, 1000);
    icount_slice_begin(cs);
    g_assert_cmpint(cs->icount_budget, ==, 240);
    run_insns(cs, 100);
    g_assert_cmpint(qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL), ==, 440);

    /* An earlier timer armed inside the slice (a device register write)
     * shrinks the budget to reach it exactly: (500 - 440) / 4 = 15. */
    timer_init_ns(&t2, QEMU_CLOCK_VIRTUAL, fired_cb, &f2);
    timer_mod_ns(&t2, 500);
    g_assert_cmpint(cs->icount_budget, ==, 15);
    g_assert_cmpint(qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL), ==, 440);
    /* A later one changes nothing. */
    timer_mod_ns(&t1, 2000);
    g_assert_cmpint(cs->icount_budget, ==, 15);

    /* The main loop leaves virtual timers to the vCPU thread. */
    run_insns(cs, 15);
    g_assert_cmpint(qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL), ==, 500);
    g_assert_false(qemu_clock_run_all_timers());
    g_assert_cmpint(f2.count, ==, 0);
    g_assert_cmpint(qemu_timers_poll_timeout_ns(), ==, -1);
    icount_slice_end(cs);
    g_assert_cmpint(icount_get_executed(), ==, 125);

    /* The vCPU thread runs it at the exact time. */
    g_assert_true(icount_run_timers());
    g_assert_cmpint(f2.count, ==, 1);
    g_assert_cmpint(f2.at, ==, 500);
    g_assert_cmpint(f1.count, ==, 0);

    /* A deadline already passed: an empty slice. */
    icount_slice_begin(cs);
    g_assert_cmpint(cs->icount_budget, ==, (2000 - 500) / 4);
    icount_slice_end(cs);
    timer_mod_ns(&t2, 100);
    icount_slice_begin(cs);
    g_assert_cmpint(cs->icount_budget, ==, 0);
    icount_slice_end(cs);
    g_assert_true(icount_run_timers());
    g_assert_cmpint(f2.count, ==, 2);
    g_assert_cmpint(f2.at, ==, 500);

    timer_del(&t1);
    timer_del(&t2);
    cpu_disable_ticks();
    icount_configure(-1);
    g_assert_false(icount_enabled());
}

/* All vCPUs asleep: the clock jumps to the next deadline. */
static void test_warp(void)
{
    Fired f = { 0 };
    QEMUTimer t;

    icount_configure(0);
    cpu_enable_ticks();
    g_assert_false(icount_warp());      /* no timer: nothing to wait for */
    g_assert_cmpint(qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL), ==, 0);

    timer_init_ns(&t, QEMU_CLOCK_VIRTUAL, fired_cb, &f);
    timer_mod_ns(&t, 5000000000LL);     /* 5 s: no host time passes */
    g_assert_true(icount_warp());
    g_assert_cmpint(f.count, ==, 1);
    g_assert_cmpint(f.at, ==, 5000000000LL);
    g_assert_cmpint(qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL), ==, 5000000000LL);
    g_assert_cmpint(icount_get_executed(), ==, 0);

    /* Instructions count from there. */
    icount_slice_begin(&fake_cpu);
    run_insns(&fake_cpu, 7);
    icount_slice_end(&fake_cpu);
    g_assert_cmpint(qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL), ==, 5000000007LL);

    /* Restoring a clock value (migration) moves the bias only. */
    cpu_disable_ticks();
    g_assert_true(qemu_clock_set_virtual_ns(123456));
    g_assert_cmpint(qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL), ==, 123456);
    g_assert_cmpint(icount_get_executed(), ==, 7);
    icount_configure(-1);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/icount/arithmetic", test_arithmetic);
    g_test_add_func("/icount/parse", test_parse);
    g_test_add_func("/icount/slices", test_slices);
    g_test_add_func("/icount/warp", test_warp);
    return g_test_run();
}
