/*
 * -device and device_add: devices created from option strings.
 */
#ifndef HW_QDEV_MONITOR_H
#define HW_QDEV_MONITOR_H

#include "qemu/option.h"
#include "hw/qdev-core.h"

/*
 * Creates, configures and realizes the device described by OPTS ("driver"
 * is the type, "bus" an optional bus path, "id" its name under
 * /machine/peripheral; other keys are properties). Returns the device
 * (owned by the tree) or NULL with ERRP set and nothing left behind.
 */
DeviceState *qdev_device_add(QemuOpts *opts, Error **errp);
/*
 * Handles "-device help" (every user-creatable device) and
 * "-device TYPE,help" (its properties), printing to stdout. Returns false
 * if OPTS asks for no help or names no device type (the caller then reports
 * the error through qdev_device_add).
 */
bool qdev_device_help(QemuOpts *opts);

#endif
