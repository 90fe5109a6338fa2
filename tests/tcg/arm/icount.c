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
 * 3. Three consecutive loads of the SP804 counter in one block: each sees
 *    the clock of its own instruction (at shift=10 an instruction is 1.024
 *    ticks, so the values step down); prints the two steps.
 * 4. An alignment fault (SCTLR.A) in the middle of a block, its handler
 *    returning after the load: the instructions after the fault are counted
 *    once, so 20 more of them take exactly 20 instructions more.
 * The printed numbers depend on the shift only: two runs with the same
 * shift print the same text (tests/tcg/arm/test_icount.py compares them).
 * Without icount only the checks that hold for host time are made.
 */
#include "testlib.h"
#include "exc.h"

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

/* Ticks between two SYS_ELAPSED calls around 5 nops, a load from P and
 * TAIL nops, all in one block. */
#define FAULT_SEQ(tail) \
    __asm__ volatile( \
        "mov r0, #0x30\n\t" \
        "mov r1, %[b0]\n\t" \
        "svc 0x123456\n\t" \
        ".rept 5\n\tnop\n\t.endr\n\t" \
        "ldr r3, [%[p]]\n\t" \
        ".rept " #tail "\n\tnop\n\t.endr\n\t" \
        "mov r0, #0x30\n\t" \
        "mov r1, %[b1]\n\t" \
        "svc 0x123456\n\t" \
        : : [p] "r"(p), [b0] "r"(b0), [b1] "r"(b1) \
        : "r0", "r1", "r3", "memory", "cc")

static volatile int aborts;

void test_exception(int type, struct exc_frame *f)
{
    if (type != EXC_DABT) {
        put_str("unexpected exception\n");
        failures++;
        return;
    }
    aborts++;
    f->lr -= 4;     /* the vector returns to the fault + 8: resume after it */
}

static uint64_t measure_fault(int long_tail)
{
    static uint32_t buf[4];
    const volatile uint8_t *p = (const volatile uint8_t *)buf + 1;
    uint32_t b0[2], b1[2], sctlr;

    __asm__ volatile("mrc p15, 0, %0, c1, c0, 0" : "=r"(sctlr));
    __asm__ volatile("mcr p15, 0, %0, c1, c0, 0" : : "r"(sctlr | 2) : "memory");
    if (long_tail) {
        FAULT_SEQ(40);
    } else {
        FAULT_SEQ(20);
    }
    __asm__ volatile("mcr p15, 0, %0, c1, c0, 0" : : "r"(sctlr) : "memory");
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

    /* Back-to-back counter reads in one block. */
    t[T_CONTROL] = 0;
    t[T_LOAD] = 1000000;
    t[T_CONTROL] = CTRL_ENABLE | CTRL_32BIT | CTRL_ONESHOT;
    {
        uint32_t v0, v1, v2;

        __asm__ volatile("ldr %0, [%3, #4]\n\t"
                         "ldr %1, [%3, #4]\n\t"
                         "ldr %2, [%3, #4]\n\t"
                         : "=&r"(v0), "=&r"(v1), "=&r"(v2) : "r"(t) : "memory");
        expect("the counter counts down", v0 >= v1 && v1 >= v2);
        if (icount) {
            put_str("io steps ");
            put_u64(v0 - v1);
            put_str(" ");
            put_u64(v1 - v2);
            put_str("\n");
        }
    }
    t[T_CONTROL] = 0;

    /* A fault in the middle of a block. */
    {
        uint64_t f20 = measure_fault(0), f40 = measure_fault(1);

        expect("two alignment faults", aborts == 2);
        if (icount) {
            put_str("fault tail ns ");
            put_u64(f40 - f20);
            put_str("\n");
            expect("the instructions after a fault count once", (f40 - f20) * 2004 == 20 * d1);
        }
    }
    put_str(failures ? "icount FAILED\n" : "icount ok\n");
    return failures ? 1 : 0;
}
