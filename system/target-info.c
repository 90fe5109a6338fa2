/*
 * Facts about the target a binary is built for. This file is compiled once
 * per binary with FERRY_TARGET_NAME and FERRY_TARGET_BIG_ENDIAN defined, so
 * that the rest of the core is compiled only once.
 */
#include "qemu/osdep.h"

bool target_big_endian(void)
{
    return FERRY_TARGET_BIG_ENDIAN;
}

const char *target_name(void)
{
    return FERRY_TARGET_NAME;
}
