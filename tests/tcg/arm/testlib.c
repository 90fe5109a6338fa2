/* See testlib.h. */
#include "testlib.h"

#ifdef __arm__
#include "exc.h"

void semi_exit(int status);

static int semi_call(int op, const void *arg)
{
    register int r0 __asm__("r0") = op;
    register const void *r1 __asm__("r1") = arg;

#ifdef __thumb__
    __asm__ volatile("svc 0xab" : "+r"(r0) : "r"(r1) : "memory");
#else
    __asm__ volatile("svc 0x123456" : "+r"(r0) : "r"(r1) : "memory");
#endif
    return r0;
}

void put_str(const char *s)
{
    semi_call(0x04, s);     /* SYS_WRITE0 */
}

/* Unexpected exceptions end the test (exc.h); tests override this. */
__attribute__((weak)) void test_exception(int type, struct exc_frame *f)
{
    put_str("unexpected exception ");
    put_dec(type);
    put_str(" lr ");
    put_hex(f->lr);
    put_str("\n");
    semi_exit(1);
}

/* Called by crt0 with main's result. */
void semi_exit(int status)
{
    uint32_t blk[2] = { 0x20026, (uint32_t)status };   /* ApplicationExit */

    semi_call(0x20, blk);   /* SYS_EXIT_EXTENDED */
}
#else
#include <stdio.h>

void put_str(const char *s)
{
    fputs(s, stdout);
}
#endif

void put_hex(uint32_t v)
{
    char buf[9];

    for (int i = 0; i < 8; i++) {
        buf[i] = "0123456789abcdef"[(v >> (28 - 4 * i)) & 15];
    }
    buf[8] = 0;
    put_str(buf);
}

void put_dec(int32_t v)
{
    char buf[12];
    int i = 11;
    uint32_t u = v < 0 ? -(uint32_t)v : (uint32_t)v;

    buf[i] = 0;
    do {
        buf[--i] = '0' + u % 10;
        u /= 10;
    } while (u);
    if (v < 0) {
        buf[--i] = '-';
    }
    put_str(buf + i);
}
