/*
 * Shared bits of the CPU benchmarks: each program computes a checksum,
 * prints it and returns 0 when it matches the expected value (so that a
 * wrong translation shows up as a failing benchmark, not a fast one).
 */
#ifndef BENCH_H
#define BENCH_H

#include <stdint.h>
#include "testlib.h"

static inline int bench_check(const char *name, uint32_t got, uint32_t want)
{
    put_str(name);
    put_str(" ");
    put_hex(got);
    put_str(got == want ? " ok\n" : " MISMATCH\n");
    return got != want;
}

#endif
