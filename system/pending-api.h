/*
 * TEMPORARY: the parts of the timer, main-loop and qdev contracts that
 * system/ uses before the branches that provide them are merged. Each
 * declaration matches the agreed contract; pending-stubs.c gives weak
 * stand-ins. Both files go away at the merge.
 */
#ifndef SYSTEM_PENDING_API_H
#define SYSTEM_PENDING_API_H

#include "qemu/osdep.h"
#include "qapi/error.h"

typedef enum {
    QEMU_CLOCK_REALTIME,
    QEMU_CLOCK_VIRTUAL,
    QEMU_CLOCK_HOST,
    QEMU_CLOCK_VIRTUAL_RT,
    QEMU_CLOCK_MAX
} QEMUClockType;

int64_t qemu_clock_get_ns(QEMUClockType type);
void cpu_enable_ticks(void);
void cpu_disable_ticks(void);

int qemu_init_main_loop(Error **errp);
void main_loop_wait(bool nonblocking);
void qemu_notify_event(void);

void qemu_devices_reset(void);

#endif
