/*
 * Semihosting configuration: see include/semihosting/semihost.h.
 */
#include "qemu/osdep.h"
#include "semihosting/semihost.h"

static bool enabled;
static uint64_t ram_base, ram_size;

void semihosting_enable(bool on)
{
    enabled = on;
}

bool semihosting_enabled(void)
{
    return enabled;
}

void semihosting_set_ram(uint64_t base, uint64_t size)
{
    ram_base = base;
    ram_size = size;
}

void semihosting_get_ram(uint64_t *base, uint64_t *size)
{
    *base = ram_base;
    *size = ram_size;
}
