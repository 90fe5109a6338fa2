/*
 * TEMPORARY: the part of the qdev contract that system/ uses before the
 * qom branch is merged; pending-stubs.c gives a weak stand-in. Both files
 * go away at the merge.
 */
#ifndef SYSTEM_PENDING_API_H
#define SYSTEM_PENDING_API_H

#include "qemu/osdep.h"

void qemu_devices_reset(void);

#endif
