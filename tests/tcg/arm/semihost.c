/*
 * Semihosting calls beyond SYS_WRITE0: SYS_WRITEC, SYS_OPEN(":tt") and
 * SYS_WRITE, SYS_ISTTY, SYS_CLOCK, SYS_TIME, SYS_ELAPSED, SYS_TICKFREQ,
 * SYS_HEAPINFO; ends with SYS_EXIT_EXTENDED and status 3, which must
 * become the emulator's exit status. Guest only (expected text in meson).
 */
#include "testlib.h"

static int semi(int op, const void *arg)
{
    register int r0 __asm__("r0") = op;
    register const void *r1 __asm__("r1") = arg;

    __asm__ volatile("svc 0x123456" : "+r"(r0) : "r"(r1) : "memory");
    return r0;
}

static int failures;

static void expect(const char *what, int cond)
{
    if (!cond) {
        put_str("FAIL ");
        put_str(what);
        put_str("\n");
        failures++;
    }
}

int main(void);
int main(void)
{
    char c = 'W';
    uint32_t open_blk[3] = { (uint32_t)":tt", 4, 3 };
    uint32_t heap[4] = { 0 };
    uint32_t *heap_ptr = heap;
    uint32_t t0[2], t1[2];
    int h;

    semi(0x03, &c);                                 /* SYS_WRITEC */
    semi(0x03, "\n");
    h = semi(0x01, open_blk);                       /* SYS_OPEN ":tt" for writing */
    expect("open", h == 1);
    {
        uint32_t wr[3] = { (uint32_t)h, (uint32_t)"written\n", 8 };

        expect("write", semi(0x05, wr) == 0);       /* SYS_WRITE: 0 bytes left */
        wr[0] = 77;
        expect("write bad handle", semi(0x05, wr) == 8);
    }
    expect("istty", semi(0x09, &h) == 1);
    expect("clock", semi(0x10, 0) >= 0);
    expect("time", semi(0x11, 0) > 1600000000);
    expect("tickfreq", semi(0x31, 0) == 1000000);
    expect("elapsed", semi(0x30, t0) == 0);
    for (volatile int i = 0; i < 100000; i++) {
    }
    semi(0x30, t1);
    expect("elapsed grows", t1[0] > t0[0] || t1[1] > t0[1]);
    expect("heapinfo", semi(0x16, &heap_ptr) == 0);
    /* 128 MiB of RAM at 0x60000000: heap in the upper half, stack on top */
    expect("heap base", heap[0] == 0x64000000);
    expect("stack base", heap[2] == 0x68000000);
    expect("unknown op", semi(0x99, 0) == -1);
    put_str(failures ? "semihost FAILED\n" : "semihost ok\n");
    return failures ? 1 : 3;
}
