/*
 * Run state of the virtual machine, VM start/stop, and the requests
 * (reset, shutdown, powerdown) that devices, the monitor and signal
 * handlers post for the main loop to act on.
 */
#ifndef SYSTEM_RUNSTATE_H
#define SYSTEM_RUNSTATE_H

#include "qemu/osdep.h"

/* The order and QMP names follow QEMU's RunState enum. */
typedef enum RunState {
    RUN_STATE_DEBUG,
    RUN_STATE_INMIGRATE,
    RUN_STATE_INTERNAL_ERROR,
    RUN_STATE_IO_ERROR,
    RUN_STATE_PAUSED,
    RUN_STATE_POSTMIGRATE,
    RUN_STATE_PRELAUNCH,
    RUN_STATE_FINISH_MIGRATE,
    RUN_STATE_RESTORE_VM,
    RUN_STATE_RUNNING,
    RUN_STATE_SAVE_VM,
    RUN_STATE_SHUTDOWN,
    RUN_STATE_SUSPENDED,
    RUN_STATE_WATCHDOG,
    RUN_STATE_GUEST_PANICKED,
    RUN_STATE_COLO,
    RUN_STATE__MAX
} RunState;

/* Why a reset or shutdown was requested (QMP "reason" of SHUTDOWN/RESET). */
typedef enum ShutdownCause {
    SHUTDOWN_CAUSE_NONE,
    SHUTDOWN_CAUSE_HOST_ERROR,
    SHUTDOWN_CAUSE_HOST_QMP_QUIT,
    SHUTDOWN_CAUSE_HOST_QMP_SYSTEM_RESET,
    SHUTDOWN_CAUSE_HOST_SIGNAL,
    SHUTDOWN_CAUSE_HOST_UI,
    SHUTDOWN_CAUSE_GUEST_SHUTDOWN,
    SHUTDOWN_CAUSE_GUEST_RESET,
    SHUTDOWN_CAUSE_GUEST_PANIC,
    SHUTDOWN_CAUSE_SUBSYSTEM_RESET,
    SHUTDOWN_CAUSE_SNAPSHOT_LOAD,
    SHUTDOWN_CAUSE__MAX
} ShutdownCause;

/* QMP name ("running", "prelaunch", ...); STATE must be valid. */
const char *runstate_name(RunState state);
/* Looks NAME up; false (and *STATE untouched) when unknown. */
bool runstate_from_name(const char *name, RunState *state);
/* QMP name of a cause ("host-qmp-quit", "guest-shutdown", ...). */
const char *shutdown_cause_name(ShutdownCause cause);
/* True for causes that come from the guest (QMP "guest": true). */
bool shutdown_caused_by_guest(ShutdownCause cause);

bool runstate_check(RunState state);
RunState runstate_get(void);
/*
 * Moves to NEW_STATE. Setting the current state again is a no-op; a
 * transition outside the table is a programming error: it prints
 * "invalid runstate transition: 'A' -> 'B'" and aborts.
 */
void runstate_set(RunState new_state);
bool runstate_transition_allowed(RunState from, RunState to);
bool runstate_is_running(void);
/* Back to prelaunch with no pending request (for tests). */
void runstate_reset_for_test(void);

/* ---- VM start/stop ---- */

typedef void VMChangeStateHandler(void *opaque, bool running, RunState state);
typedef struct VMChangeStateEntry VMChangeStateEntry;

/*
 * Handlers run in registration order when the VM starts and in reverse
 * order when it stops, so that a later layer stops before what it uses.
 */
VMChangeStateEntry *qemu_add_vm_change_state_handler(VMChangeStateHandler *cb,
                                                     void *opaque);
void qemu_del_vm_change_state_handler(VMChangeStateEntry *e);

/*
 * Prepares to run: enables the virtual clock, enters "running", notifies
 * the handlers and emits RESUME. Returns -1 (and does nothing) when the VM
 * already runs, else 0.
 */
int vm_prepare_start(void);
void vm_start(void);
/*
 * Stops a running VM: enters STATE, disables the virtual clock, notifies,
 * emits STOP. A VM that is not running keeps its state. Returns 0.
 */
int vm_stop(RunState state);
/* Like vm_stop, but a stopped VM is moved to STATE as well. */
int vm_stop_force_state(RunState state);

/*
 * Hooks for the monitor's events, called where QMP emits STOP, RESUME,
 * RESET and SHUTDOWN. Any member may be NULL; HOOKS must outlive its use.
 */
typedef struct RunStateEventHooks {
    void (*on_stop)(void);
    void (*on_resume)(void);
    void (*on_reset)(bool guest, ShutdownCause reason);
    void (*on_shutdown)(bool guest, const char *reason);
} RunStateEventHooks;
void runstate_set_event_hooks(const RunStateEventHooks *hooks);

/* ---- requests, served by the main loop ---- */

/*
 * -no-reboot: a reset request (other than a subsystem reset) becomes a
 * shutdown request with the same cause.
 * -no-shutdown: a shutdown the guest (or the UI) asks for stops the VM in
 * "shutdown" instead of ending the process; quit and signals still exit.
 */
void runstate_set_no_reboot(bool on);
void runstate_set_no_shutdown(bool on);

/* These may be called from any thread; they wake the main loop. */
void qemu_system_reset_request(ShutdownCause cause);
void qemu_system_shutdown_request(ShutdownCause cause);
/* Same, and the process exits with STATUS (semihosting SYS_EXIT) unless
 * -no-shutdown turns the shutdown into a stop. */
void qemu_system_shutdown_request_status(ShutdownCause cause, int status);
void qemu_system_powerdown_request(void);
/* Records a termination signal; the shutdown reports it when served. */
void qemu_system_killed(int signal);

/* The pending request, if any (tests and the main loop). */
ShutdownCause qemu_reset_requested_get(void);
ShutdownCause qemu_shutdown_requested_get(void);

/* Called on each powerdown request (e.g. a board's power button line). */
void qemu_register_powerdown_handler(void (*fn)(void *opaque), void *opaque);

/* Installed by the machine layer: resets the current machine. */
void runstate_set_machine_reset(void (*fn)(ShutdownCause reason));

/*
 * Resets the machine (its reset hook, else every device through
 * qemu_devices_reset()) and reports RESET with REASON.
 */
void qemu_system_reset(ShutdownCause reason);

/*
 * Serves pending requests once. Returns true when the process should exit
 * (a shutdown that -no-shutdown does not turn into a stop).
 */
bool main_loop_should_exit(int *status);
/* Runs main_loop_wait() until a shutdown; returns the exit status. */
int qemu_main_loop(void);
/* Turns SIGTERM/SIGINT/SIGHUP into shutdown requests (GLib sources). */
void runstate_init_signals(void);
void runstate_cleanup_signals(void);

#endif
