/*
 * Loads and stores: every size and sign through C (compared with the
 * host build's output), then the A32 addressing forms in assembly
 * (offset, pre-indexed and post-indexed with writeback, register offsets
 * with shifts, LDM/STM in all four directions), self-checked against
 * hand-computed values.
 */
#include "testlib.h"

static volatile uint8_t buf[64];
static int failures;

static void c_part(void)
{
    volatile uint16_t *h = (volatile uint16_t *)buf;
    volatile uint32_t *w = (volatile uint32_t *)buf;
    volatile int8_t *sb = (volatile int8_t *)buf;
    volatile int16_t *sh = (volatile int16_t *)buf;
    uint32_t sum = 0;

    for (int i = 0; i < 64; i++) {
        buf[i] = (uint8_t)(i * 37 + 0x80);
    }
    for (int i = 0; i < 16; i++) {
        put_hex(w[i]);
        put_str(i % 4 == 3 ? "\n" : " ");
    }
    for (int i = 0; i < 32; i++) {
        sum = sum * 31 + h[i] + (uint32_t)sh[i];
    }
    for (int i = 0; i < 64; i++) {
        sum = sum * 7 + (uint32_t)sb[i];
    }
    put_str("sum ");
    put_hex(sum);
    put_str("\n");
    for (int i = 0; i < 16; i++) {
        w[i] = 0x01010101u * (uint32_t)i;
    }
    h[3] = 0xbeef;
    buf[9] = 0x5a;
    for (int i = 0; i < 4; i++) {
        put_hex(w[i]);
        put_str(" ");
    }
    put_str("\n");
}

#ifdef __arm__
static void check(const char *what, uint32_t got, uint32_t want)
{
    if (got != want) {
        put_str("FAIL ");
        put_str(what);
        put_str(": got ");
        put_hex(got);
        put_str(" want ");
        put_hex(want);
        put_str("\n");
        failures++;
    }
}

static uint32_t words[8] = { 0x11111111, 0x22222222, 0x33333333, 0x44444444,
                             0x55555555, 0x66666666, 0x77777777, 0x88888888 };

static void asm_part(void)
{
    uint32_t base = (uint32_t)words, p, v, v2;

    /* pre-indexed with writeback */
    p = base;
    __asm__ volatile("ldr %0, [%1, #8]!" : "=r"(v), "+r"(p) : : "memory");
    check("ldr pre-wb value", v, 0x33333333);
    check("ldr pre-wb base", p, base + 8);
    /* post-indexed */
    p = base;
    __asm__ volatile("ldr %0, [%1], #12" : "=r"(v), "+r"(p) : : "memory");
    check("ldr post value", v, 0x11111111);
    check("ldr post base", p, base + 12);
    /* negative offset, register offset with shift */
    p = base + 16;
    __asm__ volatile("ldr %0, [%1, #-4]" : "=r"(v) : "r"(p) : "memory");
    check("ldr neg", v, 0x44444444);
    __asm__ volatile("ldr %0, [%1, %2, lsl #2]" : "=r"(v) : "r"(base), "r"(5) : "memory");
    check("ldr reg lsl", v, 0x66666666);
#ifdef __thumb__
    /* T32 has no subtracted register offset. */
    __asm__ volatile("sub %0, %1, %2\n\tldr %0, [%0]" : "=&r"(v) : "r"(base + 28), "r"(8)
                     : "memory");
#else
    __asm__ volatile("ldr %0, [%1, -%2]" : "=r"(v) : "r"(base + 28), "r"(8) : "memory");
#endif
    check("ldr reg neg", v, 0x66666666);
    /* bytes and halves, signed */
    __asm__ volatile("ldrsb %0, [%1, #3]" : "=r"(v) : "r"(base + 24) : "memory");
    check("ldrsb", v, 0x77);
    words[7] = 0x80ff8001;
    __asm__ volatile("ldrsb %0, [%1, #2]" : "=r"(v) : "r"(base + 28) : "memory");
    check("ldrsb neg", v, 0xffffffff);
    __asm__ volatile("ldrsh %0, [%1, #2]" : "=r"(v) : "r"(base + 28) : "memory");
    check("ldrsh neg", v, 0xffff80ff);
    __asm__ volatile("ldrh %0, [%1, #2]" : "=r"(v) : "r"(base + 28) : "memory");
    check("ldrh", v, 0x80ff);
    p = base + 28;
    __asm__ volatile("ldrh %0, [%1], #2" : "=r"(v), "+r"(p) : : "memory");
    check("ldrh post", v, 0x8001);
    check("ldrh post base", p, base + 30);
    __asm__ volatile("ldrb %0, [%1, %2]" : "=r"(v) : "r"(base), "r"(29) : "memory");
    check("ldrb reg", v, 0x80);
    /* stores */
    p = base + 4;
    __asm__ volatile("strb %1, [%0, #1]!" : "+r"(p) : "r"(0xabcd) : "memory");
    check("strb pre-wb", words[1], 0x2222cd22);
    check("strb pre-wb base", p, base + 5);
    __asm__ volatile("strh %1, [%0, #-2]" : : "r"(base + 12), "r"(0x12345678) : "memory");
    check("strh neg", words[2], 0x56783333);
    /* LDM/STM in the four directions (fixed registers: the list is ordered) */
    {
        register uint32_t r2 __asm__("r2");
        register uint32_t r3 __asm__("r3");
        register uint32_t r4 __asm__("r4") = base + 12;

        __asm__ volatile("ldmia r4, {r2, r3}" : "=r"(r2), "=r"(r3) : "r"(r4) : "memory");
        check("ldmia lo", r2, 0x44444444);
        check("ldmia hi", r3, 0x55555555);
#ifdef __thumb__
        /* No LDMIB/LDMDA in T32: LDRD loads the same pair. */
        __asm__ volatile("ldrd r2, r3, [r4, #4]" : "=r"(r2), "=r"(r3) : "r"(r4) : "memory");
#else
        __asm__ volatile("ldmib r4, {r2, r3}" : "=r"(r2), "=r"(r3) : "r"(r4) : "memory");
#endif
        check("ldmib lo", r2, 0x55555555);
#ifdef __thumb__
        __asm__ volatile("ldrd r2, r3, [r4, #-4]" : "=r"(r2), "=r"(r3) : "r"(r4) : "memory");
#else
        __asm__ volatile("ldmda r4, {r2, r3}" : "=r"(r2), "=r"(r3) : "r"(r4) : "memory");
#endif
        check("ldmda lo", r2, 0x56783333);
        check("ldmda hi", r3, 0x44444444);
        r4 = base + 16;
        __asm__ volatile("ldmdb r4!, {r2, r3}" : "=r"(r2), "=r"(r3), "+r"(r4) : : "memory");
        check("ldmdb wb", r4, base + 8);
        check("ldmdb hi", r3, 0x44444444);
        r4 = base;
        r2 = 0xa;
        r3 = 0xb;
        __asm__ volatile("stmia r4!, {r2, r3}" : "+r"(r4) : "r"(r2), "r"(r3) : "memory");
        check("stmia wb", r4, base + 8);
        check("stmia 0", words[0], 0xa);
        check("stmia 1", words[1], 0xb);
        r4 = base + 32;
        r2 = 0xc;
        r3 = 0xd;
        __asm__ volatile("stmdb r4!, {r2, r3}" : "+r"(r4) : "r"(r2), "r"(r3) : "memory");
        check("stmdb wb", r4, base + 24);
        check("stmdb 6", words[6], 0xc);
        check("stmdb 7", words[7], 0xd);
    }
    /* LDRD/STRD */
    {
        register uint32_t r2 __asm__("r2") = 0x1234;
        register uint32_t r3 __asm__("r3") = 0x5678;

        __asm__ volatile("strd r2, r3, [%0, #8]" : : "r"(base), "r"(r2), "r"(r3) : "memory");
        check("strd lo", words[2], 0x1234);
        check("strd hi", words[3], 0x5678);
        __asm__ volatile("ldrd r2, r3, [%2], #-4" : "=r"(r2), "=r"(r3) : "r"(base + 24)
                         : "memory");
        check("ldrd lo", r2, 0xc);
        check("ldrd hi", r3, 0xd);
    }
    /* push/pop through the stack pointer */
    __asm__ volatile("push {%2}\n\tpop {%0}\n\tmov %1, #1"
                     : "=r"(v), "=r"(v2) : "r"(0xcafe) : "memory");
    check("push/pop", v, 0xcafe);
    /* MMIO: the PL011's peripheral ID (UART0) through the slow path */
    v = *(volatile uint32_t *)0x10009fe0;
    check("pl011 periphid0", v, 0x11);
}
#else
static void asm_part(void)
{
}
#endif

int main(void);
int main(void)
{
    c_part();
    asm_part();
    put_str(failures ? "loadstore FAILED\n" : "loadstore ok\n");
    return failures ? 1 : 0;
}
