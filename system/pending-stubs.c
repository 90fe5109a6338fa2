/*
 * TEMPORARY weak stand-ins for hw/pending-qdev.h (see there). A strong
 * definition from the real subsystem replaces each at link time.
 */
#include "qemu/osdep.h"
#include "hw/pending-qdev.h"

__attribute__((weak)) void qemu_devices_reset(void)
{
}


__attribute__((weak)) DeviceState *qdev_device_add(QemuOpts *opts, Error **errp)
{
    error_setg(errp, "'%s' is not a valid device model name",
               qemu_opt_get(opts, "driver"));
    return NULL;
}

__attribute__((weak)) bool qdev_device_help(QemuOpts *opts)
{
    printf("No devices yet.\n");
    return true;
}

__attribute__((weak)) bool qdev_global_parse(const char *str, Error **errp)
{
    return true;
}

__attribute__((weak)) bool qdev_prop_check_globals(void)
{
    return true;
}

__attribute__((weak)) void qdev_prop_register_compat(GPtrArray *compat)
{
}
