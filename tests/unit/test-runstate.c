/*
 * Unit tests for system/runstate.c: transitions, start/stop, handlers,
 * reset/shutdown requests and the -no-reboot/-no-shutdown semantics.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "system/runstate.h"

#include <signal.h>
#include "qemu/timer.h"

static void test_names(void)
{
    RunState s;

    g_assert_cmpstr(runstate_name(RUN_STATE_PRELAUNCH), ==, "prelaunch");
    g_assert_cmpstr(runstate_name(RUN_STATE_GUEST_PANICKED), ==, "guest-panicked");
    g_assert_cmpstr(runstate_name(RUN_STATE_FINISH_MIGRATE), ==, "finish-migrate");
    g_assert_true(runstate_from_name("postmigrate", &s));
    g_assert_cmpint(s, ==, RUN_STATE_POSTMIGRATE);
    g_assert_false(runstate_from_name("bogus", &s));
    g_assert_cmpint(s, ==, RUN_STATE_POSTMIGRATE);
    for (int i = 0; i < RUN_STATE__MAX; i++) {
        g_assert_true(runstate_from_name(runstate_name(i), &s));
        g_assert_cmpint(s, ==, i);
    }
    g_assert_cmpstr(shutdown_cause_name(SHUTDOWN_CAUSE_HOST_QMP_QUIT), ==, "host-qmp-quit");
    g_assert_cmpstr(shutdown_cause_name(SHUTDOWN_CAUSE_GUEST_SHUTDOWN), ==, "guest-shutdown");
    g_assert_cmpstr(shutdown_cause_name(SHUTDOWN_CAUSE_HOST_SIGNAL), ==, "host-signal");
    g_assert_true(shutdown_caused_by_guest(SHUTDOWN_CAUSE_GUEST_RESET));
    g_assert_false(shutdown_caused_by_guest(SHUTDOWN_CAUSE_HOST_QMP_SYSTEM_RESET));
}

static void test_transitions(void)
{
    static const struct { RunState from, to; bool ok; } cases[] = {
        { RUN_STATE_PRELAUNCH, RUN_STATE_RUNNING, true },
        { RUN_STATE_PRELAUNCH, RUN_STATE_INMIGRATE, true },
        { RUN_STATE_PRELAUNCH, RUN_STATE_FINISH_MIGRATE, true },
        { RUN_STATE_RUNNING, RUN_STATE_PAUSED, true },
        { RUN_STATE_RUNNING, RUN_STATE_SHUTDOWN, true },
        { RUN_STATE_RUNNING, RUN_STATE_SAVE_VM, true },
        { RUN_STATE_RUNNING, RUN_STATE_GUEST_PANICKED, true },
        { RUN_STATE_PAUSED, RUN_STATE_RUNNING, true },
        { RUN_STATE_INMIGRATE, RUN_STATE_RUNNING, true },
        { RUN_STATE_INMIGRATE, RUN_STATE_PAUSED, true },
        { RUN_STATE_POSTMIGRATE, RUN_STATE_RUNNING, true },
        { RUN_STATE_SHUTDOWN, RUN_STATE_PRELAUNCH, true },
        { RUN_STATE_SHUTDOWN, RUN_STATE_RUNNING, false },
        { RUN_STATE_PRELAUNCH, RUN_STATE_POSTMIGRATE, false },
        { RUN_STATE_POSTMIGRATE, RUN_STATE_INMIGRATE, false },
        { RUN_STATE_RUNNING, RUN_STATE_INMIGRATE, false },
        { RUN_STATE_GUEST_PANICKED, RUN_STATE_SHUTDOWN, false },
    };

    for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
        g_assert_cmpint(runstate_transition_allowed(cases[i].from, cases[i].to), ==,
                        cases[i].ok);
    }
    runstate_reset_for_test();
    g_assert_true(runstate_check(RUN_STATE_PRELAUNCH));
    runstate_set(RUN_STATE_RUNNING);
    g_assert_true(runstate_is_running());
    runstate_set(RUN_STATE_RUNNING);        /* same state: no-op */
    runstate_set(RUN_STATE_PAUSED);
    g_assert_cmpint(runstate_get(), ==, RUN_STATE_PAUSED);
    runstate_reset_for_test();
}

static void test_invalid_transition_aborts(void)
{
    if (g_test_subprocess()) {
        runstate_reset_for_test();
        runstate_set(RUN_STATE_POSTMIGRATE);
        return;
    }
    g_test_trap_subprocess(NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
    g_test_trap_assert_failed();
    g_test_trap_assert_stderr("invalid runstate transition: 'prelaunch' -> 'postmigrate'\n*");
}

typedef struct HandlerLog {
    GString *s;
} HandlerLog;

static void log_handler_a(void *opaque, bool running, RunState state)
{
    HandlerLog *log = opaque;

    g_string_append_printf(log->s, "a:%d:%s ", running, runstate_name(state));
}

static void log_handler_b(void *opaque, bool running, RunState state)
{
    HandlerLog *log = opaque;

    g_string_append_printf(log->s, "b:%d:%s ", running, runstate_name(state));
}

static int hook_stops, hook_resumes;
static void hook_stop(void)
{
    hook_stops++;
}

static void hook_resume(void)
{
    hook_resumes++;
}

static const RunStateEventHooks count_hooks = {
    .on_stop = hook_stop,
    .on_resume = hook_resume,
};

static void test_start_stop(void)
{
    HandlerLog log = { g_string_new(NULL) };
    VMChangeStateEntry *a, *b;
    int64_t t0, t1;

    runstate_reset_for_test();
    hook_stops = hook_resumes = 0;
    runstate_set_event_hooks(&count_hooks);
    a = qemu_add_vm_change_state_handler(log_handler_a, &log);
    b = qemu_add_vm_change_state_handler(log_handler_b, &log);

    /* Stopped: the virtual clock does not move. */
    t0 = qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL);
    g_usleep(2000);
    g_assert_cmpint(qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL), ==, t0);

    vm_start();
    g_assert_true(runstate_is_running());
    g_usleep(2000);
    t1 = qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL);
    g_assert_cmpint(t1, >, t0);
    g_assert_cmpint(vm_prepare_start(), ==, -1);    /* already running */

    g_assert_cmpint(vm_stop(RUN_STATE_PAUSED), ==, 0);
    g_assert_true(runstate_check(RUN_STATE_PAUSED));
    t1 = qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL);
    g_usleep(2000);
    g_assert_cmpint(qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL), ==, t1);

    /* Stopping a stopped VM changes nothing; forcing does. */
    vm_stop(RUN_STATE_SHUTDOWN);
    g_assert_true(runstate_check(RUN_STATE_PAUSED));
    vm_stop_force_state(RUN_STATE_POSTMIGRATE);
    g_assert_true(runstate_check(RUN_STATE_POSTMIGRATE));

    g_assert_cmpstr(log.s->str, ==, "a:1:running b:1:running b:0:paused a:0:paused ");
    g_assert_cmpint(hook_stops, ==, 1);
    g_assert_cmpint(hook_resumes, ==, 1);

    qemu_del_vm_change_state_handler(a);
    g_string_truncate(log.s, 0);
    vm_start();
    g_assert_cmpstr(log.s->str, ==, "b:1:running ");
    qemu_del_vm_change_state_handler(b);
    runstate_set_event_hooks(NULL);
    runstate_reset_for_test();
    g_string_free(log.s, TRUE);
}

static GString *event_log;

static void ev_reset(bool guest, ShutdownCause reason)
{
    g_string_append_printf(event_log, "RESET(%d,%s) ", guest, shutdown_cause_name(reason));
}

static void ev_shutdown(bool guest, const char *reason)
{
    g_string_append_printf(event_log, "SHUTDOWN(%d,%s) ", guest, reason);
}

static void ev_stop(void)
{
    g_string_append(event_log, "STOP ");
}

static const RunStateEventHooks log_hooks = {
    .on_stop = ev_stop,
    .on_reset = ev_reset,
    .on_shutdown = ev_shutdown,
};

static int powerdowns;
static void on_powerdown(void *opaque)
{
    powerdowns += GPOINTER_TO_INT(opaque);
}

static void test_requests(void)
{
    int status = -1;
    static bool registered;

    event_log = g_string_new(NULL);
    runstate_reset_for_test();
    runstate_set_event_hooks(&log_hooks);
    vm_start();

    /* Reset keeps a running VM running. */
    qemu_system_reset_request(SHUTDOWN_CAUSE_GUEST_RESET);
    g_assert_cmpint(qemu_reset_requested_get(), ==, SHUTDOWN_CAUSE_GUEST_RESET);
    g_assert_false(main_loop_should_exit(&status));
    g_assert_cmpint(qemu_reset_requested_get(), ==, SHUTDOWN_CAUSE_NONE);
    g_assert_true(runstate_is_running());

    /* Reset of a paused VM goes back to prelaunch. */
    vm_stop(RUN_STATE_PAUSED);
    qemu_system_reset_request(SHUTDOWN_CAUSE_HOST_QMP_SYSTEM_RESET);
    g_assert_false(main_loop_should_exit(&status));
    g_assert_true(runstate_check(RUN_STATE_PRELAUNCH));
    g_assert_cmpstr(event_log->str, ==, "RESET(1,guest-reset) STOP "
                    "RESET(0,host-qmp-system-reset) ");

    /* -no-reboot: a guest reset becomes a shutdown. */
    g_string_truncate(event_log, 0);
    vm_start();
    runstate_set_no_reboot(true);
    qemu_system_reset_request(SHUTDOWN_CAUSE_GUEST_RESET);
    g_assert_cmpint(qemu_reset_requested_get(), ==, SHUTDOWN_CAUSE_NONE);
    g_assert_true(main_loop_should_exit(&status));
    g_assert_cmpint(status, ==, 0);
    g_assert_cmpstr(event_log->str, ==, "SHUTDOWN(1,guest-reset) ");
    runstate_set_no_reboot(false);

    /* -no-shutdown: a guest shutdown stops in "shutdown", quit still exits. */
    g_string_truncate(event_log, 0);
    runstate_set_no_shutdown(true);
    qemu_system_shutdown_request(SHUTDOWN_CAUSE_GUEST_SHUTDOWN);
    g_assert_false(main_loop_should_exit(&status));
    g_assert_true(runstate_check(RUN_STATE_SHUTDOWN));
    qemu_system_shutdown_request(SHUTDOWN_CAUSE_HOST_QMP_QUIT);
    status = -1;
    g_assert_true(main_loop_should_exit(&status));
    g_assert_cmpint(status, ==, 0);
    g_assert_cmpstr(event_log->str, ==, "SHUTDOWN(1,guest-shutdown) STOP "
                    "SHUTDOWN(0,host-qmp-quit) ");

    /* Without -no-shutdown a guest shutdown exits. */
    runstate_set_no_shutdown(false);
    qemu_system_shutdown_request(SHUTDOWN_CAUSE_GUEST_SHUTDOWN);
    g_assert_true(main_loop_should_exit(&status));

    /* Powerdown runs the handlers once. */
    if (!registered) {
        qemu_register_powerdown_handler(on_powerdown, GINT_TO_POINTER(1));
        registered = true;
    }
    powerdowns = 0;
    qemu_system_powerdown_request();
    g_assert_false(main_loop_should_exit(&status));
    g_assert_false(main_loop_should_exit(&status));
    g_assert_cmpint(powerdowns, ==, 1);

    runstate_set_event_hooks(NULL);
    runstate_reset_for_test();
    g_string_free(event_log, TRUE);
}

static void test_main_loop_signal(void)
{
    if (g_test_subprocess()) {
        runstate_reset_for_test();
        runstate_init_signals();
        vm_start();
        kill(getpid(), SIGTERM);
        g_assert_cmpint(qemu_main_loop(), ==, 0);
        runstate_cleanup_signals();
        fprintf(stderr, "loop ended\n");
        return;
    }
    g_test_trap_subprocess(NULL, 10 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
    g_test_trap_assert_passed();
    g_test_trap_assert_stderr("*terminating on signal 15\nloop ended\n");
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    error_init("test-runstate");
    g_test_add_func("/runstate/names", test_names);
    g_test_add_func("/runstate/transitions", test_transitions);
    g_test_add_func("/runstate/invalid-transition", test_invalid_transition_aborts);
    g_test_add_func("/runstate/start-stop", test_start_stop);
    g_test_add_func("/runstate/requests", test_requests);
    g_test_add_func("/runstate/signal", test_main_loop_signal);
    return g_test_run();
}
