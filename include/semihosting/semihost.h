/*
 * Semihosting configuration (-semihosting, -semihosting-config): whether
 * guest semihosting calls are served, and the memory layout SYS_HEAPINFO
 * reports. The calls themselves are per architecture (target/arm/arm-semi.c).
 */
#ifndef SEMIHOSTING_SEMIHOST_H
#define SEMIHOSTING_SEMIHOST_H

#include "qemu/osdep.h"

void semihosting_enable(bool on);
bool semihosting_enabled(void);
/* The RAM the board gives the guest, for SYS_HEAPINFO. */
void semihosting_set_ram(uint64_t base, uint64_t size);
void semihosting_get_ram(uint64_t *base, uint64_t *size);

#endif
