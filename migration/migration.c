/*
 * Live migration: see include/migration/migration.h.
 *
 * Outgoing: qmp_migrate() starts the migration thread, which connects,
 * writes the header and the START sections under the BQL, then sends RAM
 * in PART sections without it (each iterate bounded by a byte budget, so
 * that the thread checks for cancellation and applies the bandwidth limit
 * between calls). When the dirty bytes left could be sent within the
 * downtime limit at the measured bandwidth, it takes the BQL, stops the
 * guest (finish-migrate) and writes the END and FULL sections.
 *
 * The return path (capability "return-path", on by default in Ferry, off
 * in QEMU): on a socket the source asks the destination to answer
 * (OPEN_RETURN_PATH, PING) and, after the stream, waits for its SHUT
 * message, whose status says whether the machine loaded; a failure there
 * leaves the source running. QEMU destinations speak the same protocol.
 * Without it, or on exec:/file:, the source cannot know and ends in
 * postmigrate as QEMU's does.
 *
 * Incoming: a listening socket is watched by the main loop; the first
 * connection is handed to the incoming thread, which loads the stream with
 * the BQL held except while RAM pages are read (blocking reads in a thread
 * rather than coroutines; the main loop stays responsive for QMP).
 */
#include "qemu/osdep.h"
#include <sys/socket.h>
#include "qemu/log.h"
#include "qemu/main-loop.h"
#include "migration/migration.h"
#include "migration/savevm.h"
#include "migration/vmstate.h"
#include "monitor/qmp.h"
#include "system/runstate.h"
#include "channel.h"

/* Bytes per iterate call when there is no bandwidth limit. */
#define ITERATE_CHUNK (32 * 1024 * 1024)
/* The bandwidth limit is applied over windows of this many ms. */
#define RATE_WINDOW_MS 100

typedef struct MigrationState {
    MigrationStatus status;
    bool outgoing;
    bool started;               /* a migration (either way) was started */
    GThread *thread;
    MigChannel ch;
    char *uri;
    char *error_desc;
    bool cancel;                /* atomic: asked to cancel */
    int64_t start_us, setup_us, stop_us, end_us;
    int64_t downtime_ms, expected_downtime_ms;
    double mbps;
    int throttle;
    RamStats ram;
    uint64_t passes_reported;
    uint64_t pass_start_transferred;    /* auto-converge: bytes at the last sync */
} MigrationState;

typedef struct IncomingState {
    bool deferred;              /* -incoming defer, migrate-incoming not yet used */
    bool used;
    bool start_paused;
    int listen_fd;
    GThread *thread;
    MigChannel ch;
    bool rp_open;               /* the source asked for return-path messages */
} IncomingState;

static MigrationState mig = { .ch.fd = -1 };
static IncomingState inc = { .listen_fd = -1, .ch.fd = -1 };
static bool caps[MIGRATION_CAP__MAX] = { [MIGRATION_CAP_RETURN_PATH] = true };
static MigrationParameters params = {
    .max_bandwidth = 0,
    .downtime_limit = 300,
    .throttle_initial = 20,
    .throttle_increment = 10,
};

static const char *const status_names[] = {
    [MIGRATION_STATUS_NONE] = "none",
    [MIGRATION_STATUS_SETUP] = "setup",
    [MIGRATION_STATUS_CANCELLING] = "cancelling",
    [MIGRATION_STATUS_CANCELLED] = "cancelled",
    [MIGRATION_STATUS_ACTIVE] = "active",
    [MIGRATION_STATUS_COMPLETED] = "completed",
    [MIGRATION_STATUS_FAILED] = "failed",
    [MIGRATION_STATUS_DEVICE] = "device",
    [MIGRATION_STATUS_PRE_SWITCHOVER] = "pre-switchover",
};

static const char *const cap_names[] = {
    [MIGRATION_CAP_EVENTS] = "events",
    [MIGRATION_CAP_AUTO_CONVERGE] = "auto-converge",
    [MIGRATION_CAP_RETURN_PATH] = "return-path",
};

const char *migration_status_name(MigrationStatus s)
{
    assert(s < MIGRATION_STATUS__MAX);
    return status_names[s];
}

const char *migration_capability_name(MigrationCapability c)
{
    assert(c < MIGRATION_CAP__MAX);
    return cap_names[c];
}

bool migration_capability_get(MigrationCapability c)
{
    return caps[c];
}

static bool status_is_active(MigrationStatus s)
{
    return s == MIGRATION_STATUS_SETUP || s == MIGRATION_STATUS_ACTIVE ||
           s == MIGRATION_STATUS_CANCELLING || s == MIGRATION_STATUS_DEVICE ||
           s == MIGRATION_STATUS_PRE_SWITCHOVER;
}

/* Under the BQL. */
static void set_status(MigrationStatus s)
{
    /* Under the BQL, or during start-up before any other thread exists. */
    if (mig.status == s) {
        return;
    }
    mig.status = s;
    if (caps[MIGRATION_CAP_EVENTS]) {
        JsonObject *o = json_object_new();
        JsonNode *n = json_node_new(JSON_NODE_OBJECT);

        json_object_set_string_member(o, "status", status_names[s]);
        json_node_take_object(n, o);
        qapi_event_emit("MIGRATION", n);
    }
}

static void set_failed(Error *err)
{
    g_free(mig.error_desc);
    mig.error_desc = g_strdup(error_get_pretty(err));
    qemu_log_mask(LOG_UNIMP, "migration failed: %s\n", mig.error_desc);
    error_free(err);
    set_status(MIGRATION_STATUS_FAILED);
}

static bool cancelled(void)
{
    return __atomic_load_n(&mig.cancel, __ATOMIC_ACQUIRE);
}

/* ---- outgoing ---- */

/* Under the BQL: copies the RAM counters, reports passes, auto-converge. */
static void update_stats(void)
{
    uint64_t prev_sync = mig.ram.dirty_sync_count;

    ram_stats_get(&mig.ram);
    for (uint64_t p = mig.passes_reported + 1; p <= mig.ram.dirty_sync_count; p++) {
        if (caps[MIGRATION_CAP_EVENTS]) {
            JsonObject *o = json_object_new();
            JsonNode *n = json_node_new(JSON_NODE_OBJECT);

            json_object_set_int_member(o, "pass", p);
            json_node_take_object(n, o);
            qapi_event_emit("MIGRATION_PASS", n);
        }
    }
    mig.passes_reported = mig.ram.dirty_sync_count;
    /*
     * Auto-converge: after the second pass, a pass that leaves more than
     * half of what it sent dirty again means the guest writes faster than
     * we send; raise the throttle. There is no vCPU to slow down yet, so
     * the percentage is only recorded (and reported by query-migrate).
     */
    if (caps[MIGRATION_CAP_AUTO_CONVERGE] && mig.ram.dirty_sync_count > prev_sync &&
        mig.ram.dirty_sync_count > 2) {
        uint64_t sent = mig.ram.transferred - mig.pass_start_transferred;

        if (mig.ram.remaining > sent / 2) {
            mig.throttle = mig.throttle ? MIN(mig.throttle + (int)params.throttle_increment, 99)
                                        : (int)params.throttle_initial;
        }
    }
    if (mig.ram.dirty_sync_count > prev_sync) {
        mig.pass_start_transferred = mig.ram.transferred;
    }
}

static bool channel_has_return_path(const MigChannel *ch)
{
    return ch->is_socket;
}

static bool read_full(int fd, uint8_t *buf, size_t len)
{
    while (len) {
        ssize_t n = read(fd, buf, len);

        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            return false;
        }
        buf += n;
        len -= n;
    }
    return true;
}

/*
 * Reads the destination's return-path messages until SHUT: true if it
 * loaded the machine; false with ERRP set otherwise. PONGs are skipped.
 */
static bool await_return_path(Error **errp)
{
    if (!caps[MIGRATION_CAP_RETURN_PATH] || !channel_has_return_path(&mig.ch)) {
        return true;
    }
    shutdown(mig.ch.fd, SHUT_WR);
    for (;;) {
        uint8_t hdr[4], data[256];
        uint16_t type, len;

        if (!read_full(mig.ch.fd, hdr, sizeof(hdr))) {
            error_setg(errp, "the destination closed the return path without "
                       "confirming the load");
            return false;
        }
        type = hdr[0] << 8 | hdr[1];
        len = hdr[2] << 8 | hdr[3];
        if (len > sizeof(data) || !read_full(mig.ch.fd, data, len)) {
            error_setg(errp, "return path: bad message (type %u, length %u)", type, len);
            return false;
        }
        if (type == MIG_RP_MSG_PONG) {
            continue;
        }
        if (type != MIG_RP_MSG_SHUT || len != 4) {
            error_setg(errp, "return path: unexpected message type %u, length %u", type, len);
            return false;
        }
        if (data[0] | data[1] | data[2] | data[3]) {
            error_setg(errp, "the destination failed to load the migration stream "
                       "(see query-migrate there)");
            return false;
        }
        return true;
    }
}

static void rate_limit(int64_t window_start_us, uint64_t window_bytes)
{
    int64_t due_us;

    if (!params.max_bandwidth) {
        return;
    }
    due_us = window_start_us + (int64_t)(window_bytes * 1000000.0 / params.max_bandwidth);
    while (!cancelled() && g_get_monotonic_time() < due_us) {
        g_usleep(MIN(due_us - g_get_monotonic_time(), 10000));
    }
}

static void *migration_thread(void *opaque)
{
    Error *err = NULL;
    QEMUFile *f = NULL;
    RunState prev_state = RUN_STATE_RUNNING;
    bool was_running = false;
    int64_t bw_start_us = 0;
    uint64_t bw_start_bytes = 0;
    double bytes_per_ms = 0;
    double ram_per_ms = 0;
    uint64_t sync_seen = 1;
    int ret = 0;

    /* fd: was opened by qmp_migrate (it takes the monitor's descriptor). */
    if (mig.ch.transport != MIG_TRANSPORT_FD &&
        !migration_channel_connect(mig.uri, &mig.ch, &err)) {
        bql_lock();
        set_failed(err);
        bql_unlock();
        return NULL;
    }
    f = qemu_file_new_output_fd(mig.ch.fd, false);

    bql_lock();
    if (cancelled()) {
        goto cancel_locked;
    }
    global_state_store(RUN_STATE__MAX);
    qemu_savevm_state_header(f);
    if (caps[MIGRATION_CAP_RETURN_PATH] && channel_has_return_path(&mig.ch)) {
        qemu_savevm_send_open_return_path(f, 1);
    }
    if (!qemu_savevm_state_setup(f, &err)) {
        goto fail_locked;
    }
    qemu_fflush(f);
    mig.setup_us = g_get_monotonic_time() - mig.start_us;
    update_stats();
    set_status(MIGRATION_STATUS_ACTIVE);
    bql_unlock();

    bw_start_us = g_get_monotonic_time();
    bw_start_bytes = qemu_file_transferred(f);
    for (;;) {
        uint64_t budget = params.max_bandwidth ?
            MAX(params.max_bandwidth * RATE_WINDOW_MS / 1000, TARGET_PAGE_SIZE) : ITERATE_CHUNK;
        int64_t t0 = g_get_monotonic_time(), elapsed_us;
        uint64_t b0 = qemu_file_transferred(f);
        bool converged;

        if (cancelled()) {
            break;
        }
        ram_set_iterate_budget(budget);
        ret = qemu_savevm_state_iterate(f, &err);
        qemu_fflush(f);
        rate_limit(t0, qemu_file_transferred(f) - b0);
        elapsed_us = g_get_monotonic_time() - bw_start_us;
        if (elapsed_us > 0) {
            bytes_per_ms = (qemu_file_transferred(f) - bw_start_bytes) * 1000.0 / elapsed_us;
        }

        bql_lock();
        if (ret < 0 || qemu_file_get_error(f)) {
            if (!err) {
                error_setg(&err, "write to '%s' failed: %s", mig.uri,
                           g_strerror(-qemu_file_get_error(f)));
            }
            if (cancelled()) {
                error_free(err);
                goto cancel_locked;
            }
            goto fail_locked;
        }
        update_stats();
        mig.mbps = bytes_per_ms * 8.0 / 1000.0;
        /*
         * The remaining dirty bytes are RAM bytes, so the bandwidth they
         * are divided by is RAM bytes migrated per ms, not bytes on the
         * wire: a zero page costs 13 wire bytes but 4 KiB of RAM, and the
         * wire rate would make a block of zero pages look 300 times slower
         * than it is (and a block of data pages as fast as the zeros).
         */
        if (elapsed_us > 0) {
            ram_per_ms = (mig.ram.normal + mig.ram.duplicate) * (double)TARGET_PAGE_SIZE *
                         1000.0 / elapsed_us;
        }
        mig.expected_downtime_ms = ram_per_ms > 0 ? (int64_t)(mig.ram.remaining / ram_per_ms) : 0;
        /*
         * Decide at the end of a pass only: within a pass, "remaining"
         * still holds pages the pass is about to send anyway, and sending
         * them live costs no downtime.
         */
        converged = ret > 0 ||
            (mig.ram.dirty_sync_count > sync_seen && ram_per_ms > 0 &&
             mig.ram.remaining <= ram_per_ms * params.downtime_limit);
        sync_seen = mig.ram.dirty_sync_count;
        if (converged && !cancelled()) {
            /* Switch over: everything below runs with the guest stopped. */
            prev_state = runstate_get();
            was_running = runstate_is_running();
            global_state_store(prev_state);
            mig.stop_us = g_get_monotonic_time();
            vm_stop_force_state(RUN_STATE_FINISH_MIGRATE);
            ram_set_iterate_budget(0);
            if (!qemu_savevm_state_complete(f, &err)) {
                goto fail_stopped_locked;
            }
            update_stats();
            /*
             * Downtime as QEMU counts it: from the stop until the whole
             * stream is written; the wait for the destination's SHUT
             * (its catching up on the socket buffers, then loading the
             * device state) is not included.
             */
            mig.downtime_ms = (g_get_monotonic_time() - mig.stop_us) / 1000;
            bql_unlock();
            if (!await_return_path(&err)) {
                bql_lock();
                goto fail_stopped_locked;
            }
            bql_lock();
            if (cancelled()) {
                /* Too late to cancel: the destination has the machine. */
                __atomic_store_n(&mig.cancel, false, __ATOMIC_RELEASE);
            }
            mig.end_us = g_get_monotonic_time();
            runstate_set(RUN_STATE_POSTMIGRATE);
            set_status(MIGRATION_STATUS_COMPLETED);
            goto out_locked;
        }
        bql_unlock();
    }
    bql_lock();

cancel_locked:
    set_status(MIGRATION_STATUS_CANCELLED);
    goto out_locked;

fail_stopped_locked:
    /* The source keeps running as before. */
    if (was_running) {
        vm_start();
    } else {
        runstate_set(runstate_transition_allowed(RUN_STATE_FINISH_MIGRATE, prev_state) ?
                     prev_state : RUN_STATE_PAUSED);
    }
    /* fall through */
fail_locked:
    if (cancelled()) {
        error_free(err);
        set_status(MIGRATION_STATUS_CANCELLED);
    } else {
        set_failed(err);
    }
out_locked:
    global_state_store(RUN_STATE__MAX);
    qemu_savevm_state_cleanup();
    if (!mig.end_us) {
        mig.end_us = g_get_monotonic_time();
    }
    qemu_fclose(f);
    migration_channel_close(&mig.ch);
    bql_unlock();
    return NULL;
}

static void join_outgoing(void)
{
    if (mig.thread) {
        bool locked = bql_locked();

        if (locked) {
            bql_unlock();
        }
        g_thread_join(mig.thread);
        if (locked) {
            bql_lock();
        }
        mig.thread = NULL;
    }
}

static void find_blocker(VMStateEntry *e, void *opaque)
{
    Error **errp = opaque;

    if (!*errp && e->vmsd->unmigratable) {
        error_setg(errp, "device '%s' instance %d is not migratable (state '%s' is "
                   "marked unmigratable)", e->idstr, e->instance_id, e->vmsd->name);
    }
}

bool qmp_migrate(const char *uri, Error **errp)
{
    Error *blocker = NULL;
    MigTransport t;

    if (status_is_active(mig.status)) {
        error_setg(errp, "There's a migration process in progress (status %s)",
                   status_names[mig.status]);
        return false;
    }
    if (runstate_check(RUN_STATE_INMIGRATE)) {
        error_setg(errp, "Guest is waiting for an incoming migration");
        return false;
    }
    if (!migration_uri_check(uri, &t, errp)) {
        return false;
    }
    vmstate_foreach(find_blocker, &blocker);
    if (blocker) {
        error_propagate(errp, blocker);
        return false;
    }
    join_outgoing();
    mig.ch.transport = t;
    if (t == MIG_TRANSPORT_FD && !migration_channel_connect(uri, &mig.ch, errp)) {
        return false;
    }
    g_free(mig.uri);
    g_free(mig.error_desc);
    mig.error_desc = NULL;
    mig.uri = g_strdup(uri);
    mig.outgoing = true;
    mig.started = true;
    mig.cancel = false;
    mig.start_us = g_get_monotonic_time();
    mig.setup_us = mig.stop_us = mig.end_us = 0;
    mig.downtime_ms = mig.expected_downtime_ms = 0;
    mig.mbps = 0;
    mig.throttle = 0;
    mig.passes_reported = 0;
    mig.pass_start_transferred = 0;
    memset(&mig.ram, 0, sizeof(mig.ram));
    mig.status = MIGRATION_STATUS_NONE;
    set_status(MIGRATION_STATUS_SETUP);
    mig.thread = g_thread_new("migration", migration_thread, NULL);
    return true;
}

void qmp_migrate_cancel(void)
{
    if (!mig.outgoing || !status_is_active(mig.status)) {
        return;
    }
    __atomic_store_n(&mig.cancel, true, __ATOMIC_RELEASE);
    set_status(MIGRATION_STATUS_CANCELLING);
    /*
     * Unblock a write stuck on a slow peer. The fd stays open (the thread
     * closes it), so it cannot be reused under the thread's feet.
     */
    if (mig.ch.fd >= 0 && mig.ch.is_socket) {
        shutdown(mig.ch.fd, SHUT_RDWR);
    }
}

MigrationStatus migration_wait_outgoing(void)
{
    while (status_is_active(mig.status)) {
        bql_unlock();
        g_usleep(10000);
        bql_lock();
    }
    return mig.status;
}

void qmp_query_migrate(MigrationInfo *info)
{
    int64_t now = g_get_monotonic_time();

    memset(info, 0, sizeof(*info));
    if (!mig.started) {
        return;
    }
    info->has_status = true;
    info->status = mig.status;
    if (mig.outgoing && mig.status != MIGRATION_STATUS_SETUP) {
        info->has_ram = true;
        info->ram = mig.ram;
        info->mbps = mig.mbps;
        info->setup_time = mig.setup_us / 1000;
        info->total_time = ((mig.end_us ? mig.end_us : now) - mig.start_us) / 1000;
        if (mig.status == MIGRATION_STATUS_COMPLETED) {
            info->has_downtime = true;
            info->downtime = mig.downtime_ms;
        } else if (mig.status == MIGRATION_STATUS_ACTIVE) {
            info->has_expected_downtime = true;
            info->expected_downtime = mig.expected_downtime_ms;
        }
        if (caps[MIGRATION_CAP_AUTO_CONVERGE] && mig.throttle) {
            info->has_throttle = true;
            info->cpu_throttle_percentage = mig.throttle;
        }
    }
    if (mig.status == MIGRATION_STATUS_FAILED && mig.error_desc) {
        info->error_desc = g_strdup(mig.error_desc);
    }
}

void migration_info_clear(MigrationInfo *info)
{
    g_free(info->error_desc);
    info->error_desc = NULL;
}

bool migration_capability_lookup(const char *name, MigrationCapability *c, Error **errp)
{
    for (int i = 0; i < MIGRATION_CAP__MAX; i++) {
        if (!strcmp(name, cap_names[i])) {
            *c = i;
            return true;
        }
    }
    error_setg(errp, "Parameter 'capability' does not accept value '%s'", name);
    return false;
}

bool qmp_migrate_set_capability(const char *name, bool state, Error **errp)
{
    MigrationCapability c;

    if (!migration_capability_lookup(name, &c, errp)) {
        return false;
    }
    if (status_is_active(mig.status)) {
        error_setg(errp, "There's a migration process in progress: capability '%s' "
                   "cannot change now", name);
        return false;
    }
    caps[c] = state;
    return true;
}

bool qmp_migrate_set_parameter(const char *name, int64_t value, Error **errp)
{
    uint64_t *p;
    int64_t max = INT64_MAX;

    if (!strcmp(name, "max-bandwidth")) {
        p = &params.max_bandwidth;
    } else if (!strcmp(name, "downtime-limit")) {
        p = &params.downtime_limit;
        max = 2000000;
    } else if (!strcmp(name, "cpu-throttle-initial")) {
        p = &params.throttle_initial;
        max = 99;
    } else if (!strcmp(name, "cpu-throttle-increment")) {
        p = &params.throttle_increment;
        max = 99;
    } else {
        error_setg(errp, "Parameter '%s' is unexpected (migration parameters: "
                   "max-bandwidth, downtime-limit, cpu-throttle-initial, "
                   "cpu-throttle-increment)", name);
        return false;
    }
    if (value < 0 || value > max) {
        error_setg(errp, "Parameter '%s' expects a value between 0 and %" PRId64
                   ", got %" PRId64, name, max, value);
        return false;
    }
    *p = value;
    return true;
}

void qmp_query_migrate_parameters(MigrationParameters *p)
{
    *p = params;
}

/* ---- incoming ---- */

/* Reads the rest of the input until the peer closes (the vmdesc trailer). */
static void drain(int fd)
{
    char buf[4096];
    ssize_t n;

    do {
        n = read(fd, buf, sizeof(buf));
    } while (n > 0 || (n < 0 && errno == EINTR));
}

/* One return-path message with a be32 payload, if the source opened it. */
static void rp_send(uint16_t type, uint32_t value)
{
    uint8_t msg[8] = { type >> 8, type, 0, 4, value >> 24, value >> 16, value >> 8, value };
    size_t done = 0;

    if (!inc.rp_open) {
        return;
    }
    while (done < sizeof(msg)) {
        ssize_t n = write(inc.ch.fd, msg + done, sizeof(msg) - done);

        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            return;     /* the source is gone: nobody to tell */
        }
        done += n;
    }
}

static void rp_open(void)
{
    inc.rp_open = channel_has_return_path(&inc.ch);
}

static void rp_ping(uint32_t value)
{
    rp_send(MIG_RP_MSG_PONG, value);
}

static const LoadvmReturnPath incoming_rp = { .open = rp_open, .ping = rp_ping };

static void *incoming_thread(void *opaque)
{
    QEMUFile *f = qemu_file_new_input_fd(inc.ch.fd, false);
    Error *err = NULL;
    bool ok;

    bql_lock();
    set_status(MIGRATION_STATUS_ACTIVE);
    ram_load_set_drop_bql(true);
    inc.rp_open = false;
    qemu_loadvm_set_return_path(&incoming_rp);
    ok = qemu_loadvm_state(f, &err);
    qemu_loadvm_set_return_path(NULL);
    ram_load_set_drop_bql(false);
    qemu_fclose(f);
    if (!ok) {
        error_prepend(&err, "load of migration stream failed: ");
        set_failed(err);
        rp_send(MIG_RP_MSG_SHUT, 1);
        bql_unlock();
        migration_channel_close(&inc.ch);
        return NULL;
    }
    bql_unlock();
    if (inc.ch.transport != MIG_TRANSPORT_FILE) {
        rp_send(MIG_RP_MSG_SHUT, 0);
        drain(inc.ch.fd);
    }
    migration_channel_close(&inc.ch);
    bql_lock();
    set_status(MIGRATION_STATUS_COMPLETED);
    if (global_state_get_runstate() == RUN_STATE_RUNNING && !inc.start_paused) {
        vm_start();
    } else {
        runstate_set(RUN_STATE_PAUSED);
    }
    bql_unlock();
    qemu_notify_event();
    return NULL;
}

static void start_incoming_thread(void)
{
    inc.thread = g_thread_new("migration-incoming", incoming_thread, NULL);
}

static void incoming_accept(void *opaque)
{
    int fd = accept4(inc.listen_fd, NULL, NULL, SOCK_CLOEXEC);

    if (fd < 0) {
        return;     /* spurious wakeup or a peer that went away: keep waiting */
    }
    qemu_set_fd_handler(inc.listen_fd, NULL, NULL, NULL);
    close(inc.listen_fd);
    inc.listen_fd = -1;
    inc.ch.fd = fd;
    inc.ch.is_socket = true;
    start_incoming_thread();
}

/*
 * A passed descriptor may stay silent until the source starts: wait for
 * the first bytes in the main loop, as for a connection, so that the
 * loader (which holds the BQL while it reads device state) never blocks
 * the monitors on an idle peer.
 */
static void incoming_fd_readable(void *opaque)
{
    qemu_set_fd_handler(inc.ch.fd, NULL, NULL, NULL);
    start_incoming_thread();
}

static bool incoming_start(const char *uri, Error **errp)
{
    MigTransport t;

    if (!migration_uri_check(uri, &t, errp)) {
        return false;
    }
    mig.outgoing = false;
    mig.started = true;
    mig.status = MIGRATION_STATUS_NONE;
    if (t == MIG_TRANSPORT_TCP || t == MIG_TRANSPORT_UNIX) {
        inc.listen_fd = migration_channel_listen(uri, errp);
        if (inc.listen_fd < 0) {
            mig.started = false;
            return false;
        }
        inc.ch.transport = t;
        set_status(MIGRATION_STATUS_SETUP);
        qemu_set_fd_handler(inc.listen_fd, incoming_accept, NULL, NULL);
        return true;
    }
    if (!migration_channel_open_incoming(uri, &inc.ch, errp)) {
        mig.started = false;
        return false;
    }
    set_status(MIGRATION_STATUS_SETUP);
    if (t == MIG_TRANSPORT_FD) {
        qemu_set_fd_handler(inc.ch.fd, incoming_fd_readable, NULL, NULL);
    } else {
        start_incoming_thread();
    }
    return true;
}

bool migration_incoming_init(const char *uri, bool start_paused, Error **errp)
{
    inc.start_paused = start_paused;
    if (!strcmp(uri, "defer")) {
        inc.deferred = true;
    } else if (!incoming_start(uri, errp)) {
        return false;
    } else {
        inc.used = true;
    }
    runstate_set(RUN_STATE_INMIGRATE);
    return true;
}

bool qmp_migrate_incoming(const char *uri, Error **errp)
{
    if (inc.used) {
        error_setg(errp, "The incoming migration has already been started");
        return false;
    }
    if (!inc.deferred) {
        error_setg(errp, "'-incoming' was not specified on the command line "
                   "('-incoming defer' is needed for migrate-incoming)");
        return false;
    }
    if (!incoming_start(uri, errp)) {
        return false;
    }
    inc.used = true;
    inc.deferred = false;
    return true;
}

void migration_shutdown(void)
{
    qmp_migrate_cancel();
    join_outgoing();
    if (inc.listen_fd >= 0) {
        qemu_set_fd_handler(inc.listen_fd, NULL, NULL, NULL);
        close(inc.listen_fd);
        inc.listen_fd = -1;
    }
    if (inc.thread) {
        bool locked = bql_locked();

        if (inc.ch.fd >= 0) {
            shutdown(inc.ch.fd, SHUT_RDWR);
        }
        if (locked) {
            bql_unlock();
        }
        g_thread_join(inc.thread);
        if (locked) {
            bql_lock();
        }
        inc.thread = NULL;
    }
}

bool migration_uri_valid(const char *uri, Error **errp)
{
    return migration_uri_check(uri, NULL, errp);
}
