/*
 * savevm / loadvm / delvm over the qcow2 internal snapshots of the drive
 * table (include/migration/snapshot.h).
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/timer.h"
#include "block/snapshot.h"
#include "system/blockdev.h"
#include "system/runstate.h"
#include "migration/qemu-file.h"
#include "migration/savevm.h"
#include "migration/snapshot.h"

#include <time.h>

/* The name errors use for BS: the drive id, else the image file. */
static const char *drive_name(BlockDriverState *bs)
{
    const char *id = bdrv_get_device_name(bs);

    return id ? id : bdrv_get_filename(bs);
}

/*
 * The drives a snapshot covers: every writable image. A writable one that
 * cannot hold snapshots (raw) is an error, since its disk state could not
 * be reverted together with the rest. Returns NULL with ERRP set when none.
 */
static GPtrArray *snapshot_drives(const char *op, Error **errp)
{
    g_autoptr(GPtrArray) drives = g_ptr_array_new();

    for (BlockDriverState *bs = bdrv_next(NULL); bs; bs = bdrv_next(bs)) {
        if (bdrv_is_read_only(bs)) {
            continue;
        }
        if (!bdrv_can_snapshot(bs)) {
            error_setg(errp, "%s: device '%s' is writable but does not support "
                       "snapshots (format %s)", op, drive_name(bs),
                       bdrv_get_format_name(bs));
            return NULL;
        }
        g_ptr_array_add(drives, bs);
    }
    if (!drives->len) {
        error_setg(errp, "No block device can accept snapshots");
        return NULL;
    }
    return g_steal_pointer(&drives);
}

/* Restarts the guest when it ran before a snapshot operation stopped it. */
static void restore_run_state(bool was_running)
{
    if (was_running) {
        vm_start();
    }
}

bool save_snapshot(const char *name, Error **errp)
{
    g_autoptr(GPtrArray) drives = snapshot_drives("savevm", errp);
    g_autofree char *tag = NULL;
    QEMUSnapshotInfo sn = { 0 };
    bool was_running = runstate_is_running();
    RunState saved_state = runstate_get();
    BlockDriverState *first;
    QEMUFile *f;
    Error *err = NULL;
    int64_t now = g_get_real_time();
    int ret;

    if (!drives) {
        return false;
    }
    if (name && *name) {
        tag = g_strdup(name);
    } else {
        time_t t = now / G_USEC_PER_SEC;
        struct tm tm;
        char buf[32] = "";

        if (localtime_r(&t, &tm)) {
            strftime(buf, sizeof(buf), "vm-%Y%m%d%H%M%S", &tm);
        }
        tag = g_strdup(buf);
    }
    if (strlen(tag) >= sizeof(sn.name)) {
        error_setg(errp, "savevm: snapshot name '%s' is too long (at most %zu bytes)",
                   tag, sizeof(sn.name) - 1);
        return false;
    }
    first = g_ptr_array_index(drives, 0);

    vm_stop(RUN_STATE_SAVE_VM);
    if (!runstate_check(RUN_STATE_SAVE_VM) &&
        runstate_transition_allowed(runstate_get(), RUN_STATE_SAVE_VM)) {
        runstate_set(RUN_STATE_SAVE_VM);
    }

    f = qemu_file_new_output_vmstate(first);
    if (!qemu_savevm_state(f, &err)) {
        qemu_fclose(f);
        goto fail;
    }
    qemu_fflush(f);
    sn.vm_state_size = qemu_file_transferred(f);
    ret = qemu_fclose(f);
    if (ret < 0) {
        const char *msg = bdrv_get_last_error(first);

        error_setg(&err, "writing the vmstate to device '%s' failed: %s",
                   drive_name(first), msg ? msg : g_strerror(-ret));
        goto fail;
    }

    g_strlcpy(sn.name, tag, sizeof(sn.name));
    sn.date_sec = now / G_USEC_PER_SEC;
    sn.date_nsec = (now % G_USEC_PER_SEC) * 1000;
    sn.vm_clock_nsec = qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL);
    sn.icount = SNAPSHOT_ICOUNT_NONE;
    for (guint i = 0; i < drives->len; i++) {
        BlockDriverState *bs = g_ptr_array_index(drives, i);
        QEMUSnapshotInfo one = sn;

        one.id_str[0] = '\0';
        if (bs != first) {
            one.vm_state_size = 0;  /* only the first drive holds the vmstate */
        }
        if (!bdrv_snapshot_create(bs, &one, &err)) {
            error_prepend(&err, "Error while creating snapshot '%s' on device '%s': ",
                          tag, drive_name(bs));
            goto fail;
        }
    }
    for (guint i = 0; i < drives->len; i++) {
        bdrv_flush(g_ptr_array_index(drives, i));
    }
    if (runstate_check(RUN_STATE_SAVE_VM) && saved_state != RUN_STATE_RUNNING &&
        runstate_transition_allowed(RUN_STATE_SAVE_VM, saved_state)) {
        runstate_set(saved_state);
    }
    restore_run_state(was_running);
    return true;

fail:
    if (runstate_check(RUN_STATE_SAVE_VM) && saved_state != RUN_STATE_RUNNING &&
        runstate_transition_allowed(RUN_STATE_SAVE_VM, saved_state)) {
        runstate_set(saved_state);
    }
    restore_run_state(was_running);
    error_propagate(errp, err);
    return false;
}

bool load_snapshot(const char *name, Error **errp)
{
    g_autoptr(GPtrArray) drives = snapshot_drives("loadvm", errp);
    bool was_running = runstate_is_running();
    RunState saved_state = runstate_get();
    QEMUSnapshotInfo sn;
    BlockDriverState *first;
    QEMUFile *f;
    Error *err = NULL;
    bool ok;

    if (!drives) {
        return false;
    }
    first = g_ptr_array_index(drives, 0);
    /* Check everything before touching any disk or device. */
    for (guint i = 0; i < drives->len; i++) {
        BlockDriverState *bs = g_ptr_array_index(drives, i);

        if (!bdrv_snapshot_find(bs, name, &sn)) {
            error_setg(errp, "Snapshot '%s' does not exist on device '%s'", name,
                       drive_name(bs));
            return false;
        }
        if (bs == first && !sn.vm_state_size) {
            error_setg(errp, "Snapshot '%s' on device '%s' has no vmstate (a disk-only "
                       "snapshot must be reverted offline)", name, drive_name(bs));
            return false;
        }
    }

    vm_stop(RUN_STATE_RESTORE_VM);
    if (!runstate_check(RUN_STATE_RESTORE_VM) &&
        runstate_transition_allowed(runstate_get(), RUN_STATE_RESTORE_VM)) {
        runstate_set(RUN_STATE_RESTORE_VM);
    }
    for (guint i = 0; i < drives->len; i++) {
        BlockDriverState *bs = g_ptr_array_index(drives, i);

        if (!bdrv_snapshot_goto(bs, name, &err)) {
            error_prepend(&err, "Error while reverting device '%s' to snapshot '%s': ",
                          drive_name(bs), name);
            goto fail;
        }
    }
    qemu_system_reset(SHUTDOWN_CAUSE_SNAPSHOT_LOAD);
    f = qemu_file_new_input_vmstate(first);
    ok = qemu_loadvm_state(f, &err);
    qemu_fclose(f);
    if (!ok) {
        error_prepend(&err, "Error loading the vmstate of snapshot '%s' from device "
                      "'%s': ", name, drive_name(first));
        goto fail;
    }
    if (runstate_check(RUN_STATE_RESTORE_VM) && !was_running) {
        runstate_set(saved_state);
    }
    restore_run_state(was_running);
    return true;

fail:
    /*
     * The machine may be half-loaded: it stays stopped, in "restore-vm"
     * when it was running or paused (as QEMU leaves it), until a loadvm
     * that works or an explicit cont.
     */
    error_propagate(errp, err);
    return false;
}

bool delete_snapshot(const char *name, Error **errp)
{
    g_autoptr(GPtrArray) drives = snapshot_drives("delvm", errp);
    bool found = false;

    if (!drives) {
        return false;
    }
    for (guint i = 0; i < drives->len; i++) {
        BlockDriverState *bs = g_ptr_array_index(drives, i);

        if (!bdrv_snapshot_find(bs, name, NULL)) {
            continue;
        }
        found = true;
        if (!bdrv_snapshot_delete(bs, name, errp)) {
            error_prepend(errp, "Error while deleting snapshot '%s' on device '%s': ",
                          name, drive_name(bs));
            return false;
        }
        bdrv_flush(bs);
    }
    if (!found) {
        error_setg(errp, "Snapshot '%s' not found on any device", name);
        return false;
    }
    return true;
}

int snapshot_list_common(QEMUSnapshotInfo **list)
{
    g_autoptr(GPtrArray) drives = snapshot_drives("info snapshots", NULL);
    QEMUSnapshotInfo *all;
    int n, kept = 0;

    *list = NULL;
    if (!drives) {
        return 0;
    }
    n = bdrv_snapshot_list(g_ptr_array_index(drives, 0), &all);
    for (int i = 0; i < n; i++) {
        bool everywhere = true;

        for (guint d = 1; d < drives->len && everywhere; d++) {
            everywhere = bdrv_snapshot_find(g_ptr_array_index(drives, d), all[i].name,
                                            NULL);
        }
        if (everywhere) {
            all[kept++] = all[i];
        }
    }
    if (!kept) {
        g_free(all);
        return 0;
    }
    *list = all;
    return kept;
}

char *snapshot_info_text(void)
{
    g_autofree QEMUSnapshotInfo *list = NULL;
    int n = snapshot_list_common(&list);

    return bdrv_snapshot_format_info(list, n);
}
