/*
 * TEMPORARY weak stand-ins for pending-api.h (see there). A strong
 * definition from the real subsystem replaces each at link time.
 */
#include "qemu/osdep.h"
#include "pending-api.h"

__attribute__((weak)) void qemu_devices_reset(void)
{
}
