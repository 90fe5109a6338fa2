/*
 * Shared set-up for the translator tests: a fake CPU state ("env") with
 * registers as globals, one code buffer and one context per process.
 */
#ifndef TCGTEST_H
#define TCGTEST_H

#include "qemu/osdep.h"
#include "tcg/tcg-op.h"
#include "exec/tlb-common.h"

typedef struct TestEnv {
    uint32_t r[16];
    uint64_t x[16];
    uint64_t pc;
    uint64_t scratch[8];
    CPUTLBDescFast tlb[4];
} TestEnv;

extern TCGCodeBuffer *tt_buf;
extern TCGContext *tt_ctx;
extern TCGv_i32 tt_r[16];
extern TCGv_i64 tt_x[16];
extern TCGv_i64 tt_pc;

/* Creates the buffer, the context and the globals (idempotent). */
void tt_setup(void);
/* Starts a translation. */
void tt_begin(void);
/* Translates; asserts success and returns the code. */
const void *tt_translate(TCGTranslation *t);
/* Loads/stores a global of the width given through env. */
uint64_t tt_mask(unsigned bits, uint64_t v);

#endif
