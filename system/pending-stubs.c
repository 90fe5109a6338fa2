/*
 * TEMPORARY weak stand-ins for pending-api.h (see there). A strong
 * definition from the real subsystem replaces each at link time.
 */
#include "qemu/osdep.h"
#include "hw/pending-qdev.h"
#include "hw/boards.h"

__attribute__((weak)) void qemu_devices_reset(void)
{
}

/* Until the memory API is merged, machines get no RAM region. */
__attribute__((weak)) bool machine_create_ram(MachineState *ms, Error **errp)
{
    return true;
}
