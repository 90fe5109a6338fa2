/*
 * Internal snapshots of the whole machine: savevm / loadvm / delvm and
 * `info snapshots` (shared/spec/migration-stream.md, "Snapshots in qcow2").
 *
 * The drives taking part are the open images of the drive table
 * (bdrv_next) that are writable; read-only and empty drives are skipped.
 * The vmstate (one complete migration stream) goes to the first of them.
 * Errors name the drive (its id, else its file) and the tag.
 */
#ifndef MIGRATION_SNAPSHOT_H
#define MIGRATION_SNAPSHOT_H

#include "qemu/osdep.h"
#include "qapi/error.h"
#include "block/snapshot.h"

/*
 * savevm: stops the guest, writes the stream into the first drive's
 * vmstate area, records snapshot NAME on every drive (replacing one with
 * the same tag), then restores the previous run state. NAME NULL or empty:
 * "vm-YYYYMMDDhhmmss" from the local time. Fails without changing any
 * image when a writable drive cannot hold snapshots or none can.
 */
bool save_snapshot(const char *name, Error **errp);
/*
 * loadvm: NAME must exist on every drive and carry a vmstate. Reverts the
 * disks, resets the machine, loads the stream and resumes the previous
 * run state. If the load fails the VM is left stopped ("restore-vm" when it
 * was running or paused; a half-loaded machine never resumes by itself) and
 * ERRP says why.
 */
bool load_snapshot(const char *name, Error **errp);
/* delvm: deletes NAME (tag or id) from every drive that has it. */
bool delete_snapshot(const char *name, Error **errp);
/*
 * The snapshots present on all drives (the first drive's entries whose tag
 * every other drive has), for `info snapshots`. Returns the count and sets
 * *LIST (g_free it); 0 and NULL when there are none or no drives.
 */
int snapshot_list_common(QEMUSnapshotInfo **list);
/* The `info snapshots` text (bdrv_snapshot_format_info of the above). */
char *snapshot_info_text(void);

#endif
