/*
 * Exceptions in the bare-metal test programs (guest only): crt0.S's
 * vectors call test_exception() with the saved registers. The default
 * reports the exception and exits with status 1; a test that expects
 * exceptions defines its own.
 */
#ifndef EXC_H
#define EXC_H

#include <stdint.h>

enum {
    EXC_UND = 1, EXC_SVC, EXC_PABT, EXC_DABT, EXC_HYP, EXC_IRQ, EXC_FIQ,
};

struct exc_frame {
    uint32_t r[13];
    uint32_t lr;        /* where the vector returns to (CPSR from SPSR) */
};

void test_exception(int type, struct exc_frame *f);

#endif
