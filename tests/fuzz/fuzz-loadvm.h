/* Shared by the libFuzzer target and the bounded gcc driver. */
#ifndef TESTS_FUZZ_LOADVM_H
#define TESTS_FUZZ_LOADVM_H

#include "qemu/osdep.h"

void fuzz_loadvm_init(void);
/* A valid stream of the fuzz devices (a seed input). */
GByteArray *fuzz_loadvm_seed(void);
/* Loads DATA; returns 1 when it loaded, 0 when it failed cleanly. */
int fuzz_loadvm_one(const uint8_t *data, size_t size);

#endif
