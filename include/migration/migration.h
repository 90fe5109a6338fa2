/*
 * Live migration: the outgoing migration thread, the incoming side, their
 * status, capabilities and parameters. The monitor commands (QMP and HMP)
 * are thin wrappers around these functions (migration/migration-cmds.c).
 *
 * Threads: every function here is called with the BQL held (main loop).
 * The outgoing migration runs on its own thread, which takes the BQL to
 * change the status, to stop the guest and to save device state; RAM pages
 * are sent without it. The incoming stream is loaded on a thread that holds
 * the BQL except while it reads RAM pages (ram_load_set_drop_bql).
 */
#ifndef MIGRATION_MIGRATION_H
#define MIGRATION_MIGRATION_H

#include "qemu/osdep.h"
#include "qapi/error.h"
#include "exec/cpu-common.h"
#include "migration/ram.h"

typedef enum MigrationStatus {
    MIGRATION_STATUS_NONE,
    MIGRATION_STATUS_SETUP,
    MIGRATION_STATUS_CANCELLING,
    MIGRATION_STATUS_CANCELLED,
    MIGRATION_STATUS_ACTIVE,
    MIGRATION_STATUS_COMPLETED,
    MIGRATION_STATUS_FAILED,
    MIGRATION_STATUS_DEVICE,
    MIGRATION_STATUS_PRE_SWITCHOVER,
    MIGRATION_STATUS__MAX
} MigrationStatus;

/* QMP name: "none", "setup", "active", ... */
const char *migration_status_name(MigrationStatus s);

typedef struct MigrationInfo {
    bool has_status;            /* false: no migration yet ("{}") */
    MigrationStatus status;
    bool has_ram;               /* outgoing migrations report RAM counters */
    RamStats ram;
    double mbps;
    int64_t total_time;         /* ms; running total while active */
    bool has_downtime;
    int64_t downtime;           /* ms, once completed */
    bool has_expected_downtime;
    int64_t expected_downtime;  /* ms, while active */
    int64_t setup_time;         /* ms */
    bool has_throttle;
    int cpu_throttle_percentage;
    char *error_desc;           /* failed: the reason (g_free) */
} MigrationInfo;

typedef enum MigrationCapability {
    MIGRATION_CAP_EVENTS,
    MIGRATION_CAP_AUTO_CONVERGE,
    MIGRATION_CAP_RETURN_PATH,
    MIGRATION_CAP__MAX
} MigrationCapability;

const char *migration_capability_name(MigrationCapability c);
/* Looks NAME up; an unknown name is an error naming it. */
bool migration_capability_lookup(const char *name, MigrationCapability *c, Error **errp);

typedef struct MigrationParameters {
    uint64_t max_bandwidth;     /* bytes/s; 0: no limit */
    uint64_t downtime_limit;    /* ms */
    uint64_t throttle_initial;  /* auto-converge: percent of the first step */
    uint64_t throttle_increment;
} MigrationParameters;

/*
 * Starts an outgoing migration to URI. Fails at once on a bad URI, or when
 * a migration or an incoming migration is in progress; a connection error
 * is reported through the status (failed, error-desc).
 */
bool qmp_migrate(const char *uri, Error **errp);
/*
 * Starts listening (or reading) for the stream. Only after -incoming
 * defer, and only once.
 */
bool qmp_migrate_incoming(const char *uri, Error **errp);
void qmp_query_migrate(MigrationInfo *info);
void migration_info_clear(MigrationInfo *info);
/* Sets capability NAME; unknown names and changes while active fail. */
bool qmp_migrate_set_capability(const char *name, bool state, Error **errp);
bool migration_capability_get(MigrationCapability c);
/* Sets parameter NAME ("max-bandwidth", "downtime-limit", ...) to VALUE. */
bool qmp_migrate_set_parameter(const char *name, int64_t value, Error **errp);
void qmp_query_migrate_parameters(MigrationParameters *p);
/* Cancels an outgoing migration in progress (no-op otherwise). */
void qmp_migrate_cancel(void);
/*
 * Waits, dropping the BQL, until the outgoing migration ends; returns its
 * final status (HMP 'migrate' without -d).
 */
MigrationStatus migration_wait_outgoing(void);

/*
 * Command line: -incoming URI|defer. Enters "inmigrate"; START_PAUSED
 * (-S) keeps the guest paused after the load. Listening errors name the URI.
 */
bool migration_incoming_init(const char *uri, bool start_paused, Error **errp);
/* Whether URI is a migration URI this build handles (errors name it). */
bool migration_uri_valid(const char *uri, Error **errp);
/* Joins the migration threads at exit (cancels an outgoing migration). */
void migration_shutdown(void);

#endif
