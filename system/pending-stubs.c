/*
 * TEMPORARY weak stand-ins for hw/pending-qdev.h (see there). A strong
 * definition from the real subsystem replaces each at link time.
 */
#include "qemu/osdep.h"
#include "hw/pending-qdev.h"

__attribute__((weak)) void qemu_devices_reset(void)
{
}

