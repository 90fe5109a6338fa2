/*
 * Guest physical addresses.
 */
#ifndef EXEC_HWADDR_H
#define EXEC_HWADDR_H

#include "qemu/osdep.h"

/* An address on a guest bus; always 64 bits wide, whatever the target. */
typedef uint64_t hwaddr;

#define HWADDR_MAX UINT64_MAX
#define HWADDR_BITS 64
#define HWADDR_PRIx PRIx64
#define HWADDR_PRId PRId64
#define HWADDR_PRIu PRIu64
/* Fixed-width hex, as "info mtree" prints addresses. */
#define HWADDR_FMT_plx "%016" PRIx64

#endif
