/*
 * Run state machine, VM start/stop and the request flags served by the
 * main loop.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "system/runstate.h"
#include "system/cpus.h"
#include "qemu/main-loop.h"
#include "qemu/timer.h"
#include "hw/qdev-core.h"

#include <glib-unix.h>
#include <signal.h>

static const char *const runstate_names[RUN_STATE__MAX] = {
    [RUN_STATE_DEBUG] = "debug",
    [RUN_STATE_INMIGRATE] = "inmigrate",
    [RUN_STATE_INTERNAL_ERROR] = "internal-error",
    [RUN_STATE_IO_ERROR] = "io-error",
    [RUN_STATE_PAUSED] = "paused",
    [RUN_STATE_POSTMIGRATE] = "postmigrate",
    [RUN_STATE_PRELAUNCH] = "prelaunch",
    [RUN_STATE_FINISH_MIGRATE] = "finish-migrate",
    [RUN_STATE_RESTORE_VM] = "restore-vm",
    [RUN_STATE_RUNNING] = "running",
    [RUN_STATE_SAVE_VM] = "save-vm",
    [RUN_STATE_SHUTDOWN] = "shutdown",
    [RUN_STATE_SUSPENDED] = "suspended",
    [RUN_STATE_WATCHDOG] = "watchdog",
    [RUN_STATE_GUEST_PANICKED] = "guest-panicked",
    [RUN_STATE_COLO] = "colo",
};

static const char *const cause_names[SHUTDOWN_CAUSE__MAX] = {
    [SHUTDOWN_CAUSE_NONE] = "none",
    [SHUTDOWN_CAUSE_HOST_ERROR] = "host-error",
    [SHUTDOWN_CAUSE_HOST_QMP_QUIT] = "host-qmp-quit",
    [SHUTDOWN_CAUSE_HOST_QMP_SYSTEM_RESET] = "host-qmp-system-reset",
    [SHUTDOWN_CAUSE_HOST_SIGNAL] = "host-signal",
    [SHUTDOWN_CAUSE_HOST_UI] = "host-ui",
    [SHUTDOWN_CAUSE_GUEST_SHUTDOWN] = "guest-shutdown",
    [SHUTDOWN_CAUSE_GUEST_RESET] = "guest-reset",
    [SHUTDOWN_CAUSE_GUEST_PANIC] = "guest-panic",
    [SHUTDOWN_CAUSE_SUBSYSTEM_RESET] = "subsystem-reset",
    [SHUTDOWN_CAUSE_SNAPSHOT_LOAD] = "snapshot-load",
};

/* Allowed transitions: for each source state, the set of targets. */
#define S(x) (1u << RUN_STATE_ ## x)
static const uint32_t transitions[RUN_STATE__MAX] = {
    [RUN_STATE_DEBUG] = S(RUNNING) | S(FINISH_MIGRATE) | S(PRELAUNCH) | S(SUSPENDED),
    [RUN_STATE_INMIGRATE] = S(INTERNAL_ERROR) | S(IO_ERROR) | S(PAUSED) | S(RUNNING) |
        S(SHUTDOWN) | S(SUSPENDED) | S(WATCHDOG) | S(GUEST_PANICKED) |
        S(FINISH_MIGRATE) | S(PRELAUNCH) | S(POSTMIGRATE) | S(COLO),
    [RUN_STATE_INTERNAL_ERROR] = S(PAUSED) | S(RUNNING) | S(FINISH_MIGRATE) |
        S(PRELAUNCH),
    [RUN_STATE_IO_ERROR] = S(RUNNING) | S(FINISH_MIGRATE) | S(PRELAUNCH),
    [RUN_STATE_PAUSED] = S(RUNNING) | S(FINISH_MIGRATE) | S(POSTMIGRATE) |
        S(PRELAUNCH) | S(COLO) | S(SUSPENDED) | S(SAVE_VM) | S(RESTORE_VM) |
        S(SHUTDOWN),
    [RUN_STATE_POSTMIGRATE] = S(RUNNING) | S(FINISH_MIGRATE) | S(PRELAUNCH) |
        S(PAUSED),
    [RUN_STATE_PRELAUNCH] = S(RUNNING) | S(FINISH_MIGRATE) | S(INMIGRATE) |
        S(RESTORE_VM) | S(SAVE_VM) | S(PAUSED),
    [RUN_STATE_FINISH_MIGRATE] = S(RUNNING) | S(PAUSED) | S(POSTMIGRATE) |
        S(PRELAUNCH) | S(COLO) | S(INTERNAL_ERROR) | S(IO_ERROR) |
        S(SHUTDOWN) | S(SUSPENDED) | S(WATCHDOG) | S(GUEST_PANICKED),
    [RUN_STATE_RESTORE_VM] = S(RUNNING) | S(PRELAUNCH) | S(SUSPENDED) | S(PAUSED),
    [RUN_STATE_RUNNING] = S(DEBUG) | S(INTERNAL_ERROR) | S(IO_ERROR) | S(PAUSED) |
        S(FINISH_MIGRATE) | S(RESTORE_VM) | S(SAVE_VM) | S(SHUTDOWN) |
        S(WATCHDOG) | S(GUEST_PANICKED) | S(COLO) | S(SUSPENDED),
    [RUN_STATE_SAVE_VM] = S(RUNNING) | S(SUSPENDED) | S(PAUSED) | S(PRELAUNCH),
    [RUN_STATE_SHUTDOWN] = S(PAUSED) | S(FINISH_MIGRATE) | S(PRELAUNCH) | S(COLO),
    [RUN_STATE_SUSPENDED] = S(RUNNING) | S(FINISH_MIGRATE) | S(PRELAUNCH) |
        S(COLO) | S(PAUSED) | S(SAVE_VM) | S(RESTORE_VM) | S(SHUTDOWN),
    [RUN_STATE_WATCHDOG] = S(RUNNING) | S(FINISH_MIGRATE) | S(PRELAUNCH) | S(COLO),
    [RUN_STATE_GUEST_PANICKED] = S(RUNNING) | S(FINISH_MIGRATE) | S(PRELAUNCH),
    [RUN_STATE_COLO] = S(RUNNING) | S(PRELAUNCH) | S(SHUTDOWN),
};
#undef S

static RunState current_run_state = RUN_STATE_PRELAUNCH;
static const RunStateEventHooks *event_hooks;

struct VMChangeStateEntry {
    VMChangeStateHandler *cb;
    void *opaque;
};
static GList *vm_change_handlers;   /* VMChangeStateEntry *, in order */

typedef struct PowerdownHandler {
    void (*fn)(void *opaque);
    void *opaque;
} PowerdownHandler;
static GList *powerdown_handlers;

static bool no_reboot;
static bool no_shutdown;
/* Posted from any thread, consumed by the main loop (ShutdownCause values). */
static int reset_requested;
static int shutdown_requested;
static int shutdown_status;     /* exit status of a guest shutdown */
static int powerdown_requested;
static int shutdown_signal;

const char *runstate_name(RunState state)
{
    assert(state >= 0 && state < RUN_STATE__MAX);
    return runstate_names[state];
}

bool runstate_from_name(const char *name, RunState *state)
{
    for (int i = 0; i < RUN_STATE__MAX; i++) {
        if (!strcmp(runstate_names[i], name)) {
            *state = i;
            return true;
        }
    }
    return false;
}

const char *shutdown_cause_name(ShutdownCause cause)
{
    assert(cause >= 0 && cause < SHUTDOWN_CAUSE__MAX);
    return cause_names[cause];
}

bool shutdown_caused_by_guest(ShutdownCause cause)
{
    return cause == SHUTDOWN_CAUSE_GUEST_SHUTDOWN ||
           cause == SHUTDOWN_CAUSE_GUEST_RESET ||
           cause == SHUTDOWN_CAUSE_GUEST_PANIC;
}

bool runstate_check(RunState state)
{
    return current_run_state == state;
}

RunState runstate_get(void)
{
    return current_run_state;
}

bool runstate_transition_allowed(RunState from, RunState to)
{
    assert(from >= 0 && from < RUN_STATE__MAX);
    assert(to >= 0 && to < RUN_STATE__MAX);
    return (transitions[from] >> to) & 1;
}

void runstate_set(RunState new_state)
{
    if (new_state == current_run_state) {
        return;
    }
    if (!runstate_transition_allowed(current_run_state, new_state)) {
        fprintf(stderr, "invalid runstate transition: '%s' -> '%s'\n",
                runstate_name(current_run_state), runstate_name(new_state));
        abort();
    }
    current_run_state = new_state;
}

bool runstate_is_running(void)
{
    return runstate_check(RUN_STATE_RUNNING);
}

void runstate_reset_for_test(void)
{
    current_run_state = RUN_STATE_PRELAUNCH;
    reset_requested = shutdown_requested = powerdown_requested = 0;
    shutdown_status = 0;
    shutdown_signal = 0;
    no_reboot = no_shutdown = false;
    cpu_disable_ticks();
}

void runstate_set_event_hooks(const RunStateEventHooks *hooks)
{
    event_hooks = hooks;
}

/* ---- start/stop ---- */

VMChangeStateEntry *qemu_add_vm_change_state_handler(VMChangeStateHandler *cb,
                                                     void *opaque)
{
    VMChangeStateEntry *e = g_new0(VMChangeStateEntry, 1);

    e->cb = cb;
    e->opaque = opaque;
    vm_change_handlers = g_list_append(vm_change_handlers, e);
    return e;
}

void qemu_del_vm_change_state_handler(VMChangeStateEntry *e)
{
    vm_change_handlers = g_list_remove(vm_change_handlers, e);
    g_free(e);
}

static void vm_state_notify(bool running, RunState state)
{
    if (running) {
        for (GList *l = vm_change_handlers; l;) {
            VMChangeStateEntry *e = l->data;

            l = l->next;            /* the handler may delete itself */
            e->cb(e->opaque, running, state);
        }
    } else {
        for (GList *l = g_list_last(vm_change_handlers); l;) {
            VMChangeStateEntry *e = l->data;

            l = l->prev;
            e->cb(e->opaque, running, state);
        }
    }
}

int vm_prepare_start(void)
{
    if (runstate_is_running()) {
        return -1;
    }
    cpu_enable_ticks();
    runstate_set(RUN_STATE_RUNNING);
    vm_state_notify(true, RUN_STATE_RUNNING);
    if (event_hooks && event_hooks->on_resume) {
        event_hooks->on_resume();
    }
    return 0;
}

void vm_start(void)
{
    /* vCPUs are resumed here once the accelerator exists. */
    vm_prepare_start();
}

int vm_stop(RunState state)
{
    if (!runstate_is_running()) {
        return 0;
    }
    runstate_set(state);
    cpu_disable_ticks();
    vm_state_notify(false, state);
    if (event_hooks && event_hooks->on_stop) {
        event_hooks->on_stop();
    }
    return 0;
}

int vm_stop_force_state(RunState state)
{
    if (runstate_is_running()) {
        return vm_stop(state);
    }
    runstate_set(state);
    return 0;
}

/* ---- requests ---- */

void runstate_set_no_reboot(bool on)
{
    no_reboot = on;
}

void runstate_set_no_shutdown(bool on)
{
    no_shutdown = on;
}

void qemu_system_reset_request(ShutdownCause cause)
{
    if (no_reboot && cause != SHUTDOWN_CAUSE_SUBSYSTEM_RESET) {
        g_atomic_int_set(&shutdown_requested, cause);
    } else {
        g_atomic_int_set(&reset_requested, cause);
    }
    qemu_notify_event();
}

void qemu_system_shutdown_request_status(ShutdownCause cause, int status)
{
    g_atomic_int_set(&shutdown_status, status);
    qemu_system_shutdown_request(cause);
}

void qemu_system_shutdown_request(ShutdownCause cause)
{
    g_atomic_int_set(&shutdown_requested, cause);
    qemu_notify_event();
}

void qemu_system_powerdown_request(void)
{
    g_atomic_int_set(&powerdown_requested, 1);
    qemu_notify_event();
}

void qemu_system_killed(int signal)
{
    g_atomic_int_set(&shutdown_signal, signal);
    qemu_system_shutdown_request(SHUTDOWN_CAUSE_HOST_SIGNAL);
}

ShutdownCause qemu_reset_requested_get(void)
{
    return g_atomic_int_get(&reset_requested);
}

ShutdownCause qemu_shutdown_requested_get(void)
{
    return g_atomic_int_get(&shutdown_requested);
}

void qemu_register_powerdown_handler(void (*fn)(void *opaque), void *opaque)
{
    PowerdownHandler *h = g_new0(PowerdownHandler, 1);

    h->fn = fn;
    h->opaque = opaque;
    powerdown_handlers = g_list_append(powerdown_handlers, h);
}

static void (*machine_reset_fn)(ShutdownCause reason);

void runstate_set_machine_reset(void (*fn)(ShutdownCause reason))
{
    machine_reset_fn = fn;
}

void qemu_system_reset(ShutdownCause reason)
{
    if (machine_reset_fn) {
        machine_reset_fn(reason);
    } else {
        qemu_devices_reset();
    }
    if (reason != SHUTDOWN_CAUSE_NONE && reason != SHUTDOWN_CAUSE_SNAPSHOT_LOAD &&
        event_hooks && event_hooks->on_reset) {
        event_hooks->on_reset(shutdown_caused_by_guest(reason), reason);
    }
}

bool main_loop_should_exit(int *status)
{
    ShutdownCause cause;

    cause = g_atomic_int_and(&shutdown_requested, 0);
    if (cause != SHUTDOWN_CAUSE_NONE) {
        int sig = g_atomic_int_and(&shutdown_signal, 0);

        if (sig) {
            error_report("terminating on signal %d", sig);
        }
        if (event_hooks && event_hooks->on_shutdown) {
            event_hooks->on_shutdown(shutdown_caused_by_guest(cause),
                                     shutdown_cause_name(cause));
        }
        /* quit and signals always end the process, whatever -no-shutdown says */
        if (no_shutdown && cause != SHUTDOWN_CAUSE_HOST_QMP_QUIT &&
            cause != SHUTDOWN_CAUSE_HOST_SIGNAL &&
            cause != SHUTDOWN_CAUSE_HOST_ERROR) {
            vm_stop(RUN_STATE_SHUTDOWN);
        } else {
            *status = cause == SHUTDOWN_CAUSE_HOST_ERROR ? 1 :
                      g_atomic_int_and(&shutdown_status, 0);
            return true;
        }
    }
    cause = g_atomic_int_and(&reset_requested, 0);
    if (cause != SHUTDOWN_CAUSE_NONE) {
        /* The reset handlers rewrite CPU state: not under running guest code. */
        cpus_pause();
        qemu_system_reset(cause);
        cpus_resume();
        if (!runstate_check(RUN_STATE_RUNNING) &&
            !runstate_check(RUN_STATE_INMIGRATE) &&
            !runstate_check(RUN_STATE_FINISH_MIGRATE)) {
            runstate_set(RUN_STATE_PRELAUNCH);
        }
    }
    if (g_atomic_int_and(&powerdown_requested, 0)) {
        for (GList *l = powerdown_handlers; l; l = l->next) {
            PowerdownHandler *h = l->data;

            h->fn(h->opaque);
        }
    }
    return false;
}

int qemu_main_loop(void)
{
    int status = 0;

    while (!main_loop_should_exit(&status)) {
        main_loop_wait(false);
    }
    return status;
}

/* ---- signals ---- */

static guint signal_sources[3];

static gboolean on_term_signal(gpointer opaque)
{
    qemu_system_killed(GPOINTER_TO_INT(opaque));
    return G_SOURCE_CONTINUE;
}

void runstate_init_signals(void)
{
    static const int sigs[] = { SIGTERM, SIGINT, SIGHUP };

    for (size_t i = 0; i < ARRAY_SIZE(sigs); i++) {
        if (!signal_sources[i]) {
            signal_sources[i] = g_unix_signal_add(sigs[i], on_term_signal,
                                                  GINT_TO_POINTER(sigs[i]));
        }
    }
}

void runstate_cleanup_signals(void)
{
    for (size_t i = 0; i < ARRAY_SIZE(signal_sources); i++) {
        if (signal_sources[i]) {
            g_source_remove(signal_sources[i]);
            signal_sources[i] = 0;
        }
    }
}
