/*
 * Internal snapshots (qcow2): disk state plus an optional vmstate, by tag.
 */
#ifndef BLOCK_SNAPSHOT_H
#define BLOCK_SNAPSHOT_H

#include "block/block.h"

#define SNAPSHOT_ICOUNT_NONE UINT64_MAX

typedef struct QEMUSnapshotInfo {
    char id_str[128];           /* unique numeric id ("1", "2", ...) */
    char name[256];             /* the tag */
    uint64_t vm_state_size;     /* bytes in the vmstate area, 0: disk only */
    uint32_t date_sec, date_nsec;
    uint64_t vm_clock_nsec;
    uint64_t icount;            /* SNAPSHOT_ICOUNT_NONE: not recorded */
} QEMUSnapshotInfo;

/* True for a writable image whose format holds internal snapshots. */
bool bdrv_can_snapshot(BlockDriverState *bs);

/*
 * Records the current disk state (and the vmstate area, vm_state_size
 * bytes of it) as SN->name. An existing snapshot with that tag is replaced.
 * An empty SN->id_str gets the highest numeric id + 1 (written back to SN).
 */
bool bdrv_snapshot_create(BlockDriverState *bs, QEMUSnapshotInfo *sn,
                          Error **errp);
/* Reverts the disk to the snapshot with that tag or id. */
bool bdrv_snapshot_goto(BlockDriverState *bs, const char *name_or_id,
                        Error **errp);
bool bdrv_snapshot_delete(BlockDriverState *bs, const char *name_or_id,
                          Error **errp);
/* Sets *LIST (g_free it) and returns the count; 0 and NULL when none. */
int bdrv_snapshot_list(BlockDriverState *bs, QEMUSnapshotInfo **list);
/* Finds by tag first, then by id; false when absent. */
bool bdrv_snapshot_find(BlockDriverState *bs, const char *name_or_id,
                        QEMUSnapshotInfo *out);

/*
 * One row of the snapshot table as `info snapshots` prints it ("%-7s
 * %-16s %8s %19s %15s %10s"), without newline; SN NULL gives the header
 * row. SHOW_ID false prints "--" for the id.
 */
char *bdrv_snapshot_format_row(const QEMUSnapshotInfo *sn, bool show_id);
/* The whole `info snapshots` text for N snapshots, newline-terminated. */
char *bdrv_snapshot_format_info(const QEMUSnapshotInfo *list, int n);
/* "0 B", "1.2 MiB": three significant digits, units of 1024. */
char *bdrv_size_to_str(uint64_t val);

#endif
