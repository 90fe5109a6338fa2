/*
 * TEMPORARY: GlobalProperty as the qdev contract defines it, until the
 * qdev part of the qom branch is merged (then hw/qdev-core.h replaces it).
 */
#ifndef HW_PENDING_QDEV_H
#define HW_PENDING_QDEV_H

#include "qemu/osdep.h"
#include "qapi/error.h"

typedef struct GlobalProperty {
    const char *driver;
    const char *property;
    const char *value;
    bool used;
    bool optional;
} GlobalProperty;

#include "qemu/option.h"

typedef struct DeviceState DeviceState;
DeviceState *qdev_device_add(QemuOpts *opts, Error **errp);
bool qdev_device_help(QemuOpts *opts);
bool qdev_global_parse(const char *str, Error **errp);
bool qdev_prop_check_globals(void);
void qdev_prop_register_compat(GPtrArray *compat);

/* Resets every device (weak stand-in in system/pending-stubs.c). */
void qemu_devices_reset(void);

#endif
