/*
 * TEMPORARY: GlobalProperty as the qdev contract defines it, until the
 * qdev part of the qom branch is merged (then hw/qdev-core.h replaces it).
 */
#ifndef HW_PENDING_QDEV_H
#define HW_PENDING_QDEV_H

typedef struct GlobalProperty {
    const char *driver;
    const char *property;
    const char *value;
    bool used;
    bool optional;
} GlobalProperty;

/* Resets every device (weak stand-in in system/pending-stubs.c). */
void qemu_devices_reset(void);

#endif
