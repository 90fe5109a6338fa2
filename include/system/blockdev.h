/*
 * The drive table: what -drive created, found by interface, bus and unit.
 * Boards pick their drives from here; savevm walks all of them.
 */
#ifndef SYSTEM_BLOCKDEV_H
#define SYSTEM_BLOCKDEV_H

#include "block/block.h"

typedef enum BlockInterfaceType {
    IF_DEFAULT = -1,
    IF_NONE = 0,
    IF_IDE,
    IF_PFLASH,
    IF_MTD,
    IF_SD,
    IF_COUNT
} BlockInterfaceType;

typedef struct DriveInfo {
    BlockInterfaceType type;
    int bus, unit;
    char *id;
    BlockDriverState *bs;       /* NULL: an empty drive (no file=) */
} DriveInfo;

/* Checks the syntax of a -drive argument (the command-line parser's part). */
bool drive_check_opts(const char *spec, Error **errp);
/*
 * Creates the drive SPEC describes and opens its image (SNAPSHOT_ALL: as
 * with snapshot=on). Errors name the problem ("invalid if 'x' ...",
 * "Could not open 'x.img': No such file or directory").
 */
DriveInfo *drive_new(const char *spec, bool snapshot_all, Error **errp);
DriveInfo *drive_get_info(BlockInterfaceType type, int bus, int unit);
BlockDriverState *drive_get(BlockInterfaceType type, int bus, int unit);
/* INDEX counts units across buses (IDE: two units per bus). */
BlockDriverState *drive_get_by_index(BlockInterfaceType type, int index);
/* The drive's id ("sd0", "ide0-hd0", or id=) or NULL for a foreign BS. */
const char *bdrv_get_device_name(BlockDriverState *bs);
/* Iterates over the open images in creation order: NULL gives the first. */
BlockDriverState *bdrv_next(BlockDriverState *bs);
/* Closes every drive (end of run, tests). */
void drive_cleanup(void);

#endif
