/*
 * Instruction counting (-icount shift=N), seen from the guest.
 *
 * 1. SYS_ELAPSED around an assembly loop of exactly 2n + 4 instructions
 *    (after the first SVC up to and including the second): with icount the
 *    ticks are ns of virtual time (SYS_TICKFREQ 1e9), so the delta is
 *    (2n + 4) << shift; checked for n = 1000 and 2000 (proportional).
 * 2. The SP804 at 0x10011000 (1 MHz), one-shot from 100: polled until its
 *    raw interrupt status is set; prints the number of polls, the first
 *    counter value read and the virtual time it took (at least 100 us).
 * The printed numbers depend on the shift only: two runs with the same
 * shift print the same text (tests/tcg/arm/test_icount.py compares them).
 * Without icount only the checks that hold for host time are made.
 */
#include "testlib.h"

#define SYS_ELAPSED 0x30
#define SYS_TICKFREQ 0x31

#define SP804_BASE 0x10011000u
#define T_LOAD 0
#define T_VALUE 1
#define T_CONTROL 2
#define T_INTCLR 3
#define T_RIS 4
#define CTRL_ONESHOT 0x01
#define CTRL_32BIT 0x02
#define CTRL_ENABLE 0x80

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

static int semi(int op, const void *arg)
{
    register int r0 __asm__("r0") = op;
    register const void *r1 __asm__("r1") = arg;

    __asm__ volatile("svc 0x123456" : "+r"(r0) : "r"(r1) : "memory");
    return r0;
}

static uint64_t elapsed(void)
{
    uint32_t b[2];

    semi(SYS_ELAPSED, b);
    return b[0] | (uint64_t)b[1] << 32;
}

/* Ticks between two SYS_ELAPSED calls with N loop iterations between. */
static uint64_t measure_loop(uint32_t n)
{
    uint32_t b0[2], b1[2];

    __asm__ volatile(
        "mov r0, #0x30\n\t"
        "mov r1, %[b0]\n\t"
        "svc 0x123456\n\t"
        "mov r2, %[n]\n"
        "1:\n\t"
        "subs r2, r2, #1\n\t"
        "bne 1b\n\t"
        "mov r0, #0x30\n\t"
        "mov r1, %[b1]\n\t"
        "svc 0x123456\n\t"
        : : [n] "r"(n), [b0] "r"(b0), [b1] "r"(b1)
        : "r0", "r1", "r2", "memory", "cc");
    return (b1[0] | (uint64_t)b1[1] << 32) - (b0[0] | (uint64_t)b0[1] << 32);
}

static void put_u64(uint64_t v)
{
    /* Small enough for put_dec in these tests; checked. */
    expect("fits in 31 bits", v < 0x80000000u);
    put_dec((int32_t)v);
}

int main(void);
int main(void)
{
    volatile uint32_t *t = (volatile uint32_t *)SP804_BASE;
    int icount = semi(SYS_TICKFREQ, 0) == 1000000000;
    uint64_t d1, d2, start, took;
    uint32_t polls = 0, value0;

    put_str(icount ? "icount on\n" : "icount off\n");
    d1 = measure_loop(1000);
    d2 = measure_loop(2000);
    if (icount) {
        put_str("loop ns ");
        put_u64(d1);
        put_str("\n");
        expect("loop time proportional to its instructions", d2 * 2004 == d1 * 4004);
        expect("loop time nonzero", d1 > 0);
    }

    t[T_CONTROL] = 0;
    t[T_INTCLR] = 1;
    t[T_LOAD] = 100;
    start = elapsed();
    t[T_CONTROL] = CTRL_ENABLE | CTRL_32BIT | CTRL_ONESHOT;
    value0 = t[T_VALUE];
    while (!(t[T_RIS] & 1)) {
        polls++;
    }
    took = elapsed() - start;
    t[T_INTCLR] = 1;
    expect("first counter value within the load", value0 <= 100);
    expect("the timer expired, counter 0", t[T_VALUE] == 0);
    if (icount) {
        put_str("polls ");
        put_u64(polls);
        put_str("\nvalue0 ");
        put_u64(value0);
        put_str("\ntimer ns ");
        put_u64(took);
        put_str("\n");
        expect("100 us passed", took >= 100000);
    }
    put_str(failures ? "icount FAILED\n" : "icount ok\n");
    return failures ? 1 : 0;
}
