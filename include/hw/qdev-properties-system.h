/*
 * Static device properties whose values are host resources (chardevs).
 */
#ifndef HW_QDEV_PROPERTIES_SYSTEM_H
#define HW_QDEV_PROPERTIES_SYSTEM_H

#include "hw/qdev-properties.h"
#include "chardev/char-fe.h"
#include "block/block.h"

extern const PropertyInfo qdev_prop_chr;
extern const PropertyInfo qdev_prop_drive;

/*
 * A CharBackend field connected to the chardev whose id is the property's
 * value ("-device pl011,chardev=serial0"). Reads give the id, "" if none.
 */
#define DEFINE_PROP_CHR(_name, State, field) \
    DEFINE_PROP(_name, State, field, qdev_prop_chr, CharBackend)

/* Connects DEV's chardev property NAME to CHR (before realize). */
void qdev_prop_set_chr(DeviceState *dev, const char *name, Chardev *chr);

/*
 * A BlockDriverState * field naming a drive of the drive table by its id
 * ("-device virtio-blk-device,drive=hd0"). Reads give the id, "" if none.
 * The drive table keeps ownership of the image.
 */
#define DEFINE_PROP_DRIVE(_name, State, field) \
    DEFINE_PROP(_name, State, field, qdev_prop_drive, BlockDriverState *)

/* Connects DEV's drive property NAME to BS, a drive of the table. */
void qdev_prop_set_drive(DeviceState *dev, const char *name,
                         BlockDriverState *bs);

#endif
