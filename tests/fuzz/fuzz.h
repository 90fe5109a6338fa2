/*
 * What a fuzz target file provides. The libFuzzer entry points are the
 * standard ones; the optional hooks feed tests/fuzz/fuzz-driver.c, the
 * bounded stand-in that runs every target in the ordinary test suite.
 */
#ifndef TESTS_FUZZ_FUZZ_H
#define TESTS_FUZZ_FUZZ_H

#include "qemu/osdep.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
/* Optional: one-time set-up (machine, devices). */
int LLVMFuzzerInitialize(int *argc, char ***argv) __attribute__((weak));

/* Optional: seed inputs built in code (GByteArray *), besides the corpus. */
void fuzz_builtin_seeds(GPtrArray *seeds) __attribute__((weak));
/* Optional: NULL-terminated tokens the mutator inserts (protocol words). */
extern const char *const fuzz_dictionary[] __attribute__((weak));

#endif
