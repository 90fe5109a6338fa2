/*
 * TEMPORARY weak stand-ins for pending-api.h (see there). A strong
 * definition from the real subsystem replaces each at link time.
 */
#include "qemu/osdep.h"
#include "pending-api.h"

static bool ticks_enabled;
static int64_t ticks_offset;    /* virtual = monotonic - offset while on */
static int64_t ticks_frozen;    /* virtual time while off */

__attribute__((weak)) int64_t qemu_clock_get_ns(QEMUClockType type)
{
    int64_t now = g_get_monotonic_time() * 1000;

    if (type != QEMU_CLOCK_VIRTUAL) {
        return now;
    }
    return ticks_enabled ? now - ticks_offset : ticks_frozen;
}

__attribute__((weak)) void cpu_enable_ticks(void)
{
    if (!ticks_enabled) {
        ticks_offset = g_get_monotonic_time() * 1000 - ticks_frozen;
        ticks_enabled = true;
    }
}

__attribute__((weak)) void cpu_disable_ticks(void)
{
    if (ticks_enabled) {
        ticks_frozen = g_get_monotonic_time() * 1000 - ticks_offset;
        ticks_enabled = false;
    }
}

__attribute__((weak)) int qemu_init_main_loop(Error **errp)
{
    return 0;
}

__attribute__((weak)) void main_loop_wait(bool nonblocking)
{
    g_main_context_iteration(NULL, !nonblocking);
}

__attribute__((weak)) void qemu_notify_event(void)
{
    g_main_context_wakeup(NULL);
}

__attribute__((weak)) void qemu_devices_reset(void)
{
}
