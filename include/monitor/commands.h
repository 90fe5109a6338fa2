/*
 * The monitor commands, implemented once. The QMP layer (monitor/qmp-cmds.c)
 * and the HMP layer (monitor/hmp-cmds.c) only convert arguments and format
 * results; both call these functions.
 *
 * Every function that takes Error **errp sets it (naming the object and the
 * value) exactly when it fails; the error class is the one QMP reports.
 */
#ifndef MONITOR_COMMANDS_H
#define MONITOR_COMMANDS_H

#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qom/object.h"
#include "system/runstate.h"

#define FERRY_VERSION_MAJOR 0
#define FERRY_VERSION_MINOR 1
#define FERRY_VERSION_MICRO 0
#define FERRY_PACKAGE "Ferry 0.1.0"

typedef struct StatusInfo {
    bool running;
    RunState status;
} StatusInfo;

typedef struct VersionInfo {
    int major, minor, micro;
    const char *package;
} VersionInfo;

typedef struct Monitor Monitor;

/*
 * getfd: names the descriptor MON's client sent along with the command
 * (unix socket monitors, SCM_RIGHTS); a name not starting with a digit.
 * closefd: closes a named descriptor.
 */
bool qmp_getfd(Monitor *mon, const char *fdname, Error **errp);
bool qmp_closefd(const char *fdname, Error **errp);

/* stop: pauses a running VM (no-op otherwise). */
void qmp_stop(Error **errp);
/*
 * cont: resumes the VM. Fails after a shutdown or internal error ("Resetting
 * the Virtual Machine is required") and while an incoming migration runs.
 */
void qmp_cont(Error **errp);
/* quit: requests a clean exit; the main loop reports SHUTDOWN and exits. */
void qmp_quit(Error **errp);
/* system_reset: requests a reset; the main loop resets and reports RESET. */
void qmp_system_reset(Error **errp);
/*
 * The memory balloon: no machine of this release has a balloon device, so
 * both fail with DeviceNotActive, as QEMU does on such machines (libvirt
 * asks for it on every guest).
 */
uint64_t qmp_query_balloon(Error **errp);
void qmp_balloon(int64_t target_bytes, Error **errp);
StatusInfo qmp_query_status(void);
VersionInfo qmp_query_version(void);

/* The object at PATH, or NULL with DeviceNotFound "Device 'PATH' not found". */
Object *qmp_resolve_path(const char *path, Error **errp);
/* A new reference to the value of PATH.PROP, or NULL with ERRP set. */
GVariant *qmp_qom_get(const char *path, const char *prop, Error **errp);
/* Sets PATH.PROP from a typed value (QMP) ... */
bool qmp_qom_set(const char *path, const char *prop, GVariant *value,
                 Error **errp);
/* ... or from its command-line spelling (HMP), see object_property_parse. */
bool qmp_qom_set_str(const char *path, const char *prop, const char *value,
                     Error **errp);
/* The properties of PATH (borrowed ObjectProperty *); g_ptr_array_unref it. */
GPtrArray *qmp_qom_list(const char *path, Error **errp);

/*
 * The monitors' current CPU (HMP "cpu N"; default the first): the one
 * "info registers" shows and whose MMU translates virtual addresses.
 * monitor_get_cpu is NULL on a machine without CPUs; monitor_set_cpu fails
 * with "invalid CPU index N" for a CPU that does not exist.
 */
struct CPUState *monitor_get_cpu(void);
bool monitor_set_cpu(int index, Error **errp);

/*
 * Guest memory for x/xp, memsave, pmemsave. Virtual addresses go through
 * the current CPU's MMU; without a CPU the virtual forms fail with
 * "no CPU is available ...". Physical reads go through address_space_memory.
 */
bool monitor_read_phys(uint64_t addr, void *buf, size_t len, Error **errp);
bool monitor_read_virt(uint64_t addr, void *buf, size_t len, Error **errp);
typedef bool MemReader(uint64_t addr, void *buf, size_t len, Error **errp);
bool qmp_memsave(uint64_t addr, uint64_t size, const char *filename, Error **errp);
bool qmp_pmemsave(uint64_t addr, uint64_t size, const char *filename,
                  Error **errp);

/*
 * send-key (QMP) / sendkey (HMP): presses QCODES (ui/input.h numbering) in
 * order on the default PS/2 keyboard and releases them in reverse order
 * HOLD_MS milliseconds of guest time later (<= 0: at once). A release
 * still pending from an earlier call happens first. Fails with no key,
 * a bad code or no keyboard on the machine.
 */
bool qmp_send_key(const int *qcodes, size_t n, int64_t hold_ms, Error **errp);
/* screendump: the primary display as a binary PPM; FORMAT NULL or "ppm". */
bool qmp_screendump(const char *filename, const char *format, Error **errp);

/* human-monitor-command: the output of one HMP command line; g_free it. */
char *qmp_human_monitor_command(const char *cmdline, Error **errp);

#endif
