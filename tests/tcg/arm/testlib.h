/*
 * Output for the test programs, for the guest (semihosting) and for the
 * host (stdio): the same C source builds both ways, so that the outputs
 * can be compared.
 */
#ifndef TESTLIB_H
#define TESTLIB_H

#include <stdint.h>

void put_str(const char *s);
void put_hex(uint32_t v);       /* 8 hex digits */
void put_dec(int32_t v);

#endif
