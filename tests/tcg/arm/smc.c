/*
 * Self-modifying code (guest only). Code is written with ordinary stores,
 * then made visible the way ARMv7 requires (DCCMVAU, DSB, ICIMVAU, BPIALL,
 * DSB, ISB), and run; every rewrite must be seen by the next execution:
 * - A32 functions generated in a buffer, their immediates rewritten and
 *   called again many times (also a middle instruction only);
 * - a block that patches an instruction ahead of itself in the same block,
 *   and a loop that rewrites its own body on every iteration;
 * - T32 functions generated the same way, A32 and T32 code taking turns at
 *   one address, the same bytes run as A32 and as T32 code (two blocks at
 *   one pc), and a 32-bit T32 instruction across a page end whose
 *   second half (on the next page) is rewritten;
 * - with the MMU on, code written through a second virtual mapping of its
 *   physical page, and run through the other one.
 * Prints "smc ok"; exit status 1 on a failure (the first ten are printed).
 */
#include "testlib.h"

#define MCR(op1, crn, crm, op2, v) \
    __asm__ volatile("mcr p15, " #op1 ", %0, " #crn ", " #crm ", " #op2 \
                     :: "r"((uint32_t)(v)) : "memory")
#define MRC(op1, crn, crm, op2) ({ uint32_t v_; \
    __asm__ volatile("mrc p15, " #op1 ", %0, " #crn ", " #crm ", " #op2 : "=r"(v_)); v_; })

#define RAM         0x60000000u
#define ALIAS       0x70000000u     /* a second mapping of RAM's first MiB */
#define ROUNDS      1000

/* A32 encodings (condition AL). */
#define A_MOVW(rd, v)   (0xe3000000u | ((v) & 0xf000u) << 4 | (rd) << 12 | ((v) & 0xfffu))
#define A_MOVT(rd, v)   (0xe3400000u | ((v) & 0xf000u) << 4 | (rd) << 12 | ((v) & 0xfffu))
#define A_ADDI(rd, v)   (0xe2800000u | (rd) << 16 | (rd) << 12 | ((v) & 0xffu))
#define A_BX_LR         0xe12fff1eu
/* T32 MOVW/MOVT: the halfword at the lower address first. */
#define T_MOVW_HI(v)    (0xf240u | ((v) >> 1 & 0x400u) | ((v) >> 12 & 0xfu))
#define T_MOVT_HI(v)    (0xf2c0u | ((v) >> 1 & 0x400u) | ((v) >> 12 & 0xfu))
#define T_MOV_LO(rd, v) (((v) & 0x700u) << 4 | (rd) << 8 | ((v) & 0xffu))
#define T_MOVS(rd, v)   (0x2000u | (rd) << 8 | ((v) & 0xffu))
#define T_BX_LR         0x4770u

typedef uint32_t (*fn_t)(void);

static uint32_t abuf[16] __attribute__((aligned(64)));
static uint16_t tbuf[16] __attribute__((aligned(64)));
/* Two pages: code across the boundary between them. */
static uint16_t tpages[4096] __attribute__((aligned(4096)));
static uint32_t l1[4096] __attribute__((aligned(16384)));
static int failures;

static void check(const char *what, uint32_t round, uint32_t got, uint32_t want)
{
    if (got != want && ++failures <= 10) {
        put_str("FAIL ");
        put_str(what);
        put_str(" round ");
        put_dec((int32_t)round);
        put_str(": got ");
        put_hex(got);
        put_str(" want ");
        put_hex(want);
        put_str("\n");
    }
}

/*
 * Makes new code in [DVA, DVA+LEN) visible to instruction fetches at IVA
 * (the same bytes; DVA != IVA when written through another mapping).
 */
static void sync_code2(uint32_t dva, uint32_t iva, uint32_t len)
{
    for (uint32_t a = dva & ~31u; a < dva + len; a += 32) {
        MCR(0, c7, c11, 1, a);          /* DCCMVAU */
    }
    __asm__ volatile("dsb" ::: "memory");
    for (uint32_t a = iva & ~31u; a < iva + len; a += 32) {
        MCR(0, c7, c5, 1, a);           /* ICIMVAU */
    }
    MCR(0, c7, c5, 6, 0);               /* BPIALL */
    __asm__ volatile("dsb\n\tisb" ::: "memory");
}

static void sync_code(const void *p, uint32_t len)
{
    sync_code2((uint32_t)p, (uint32_t)p, len);
}

static uint32_t mix(uint32_t i)
{
    return i * 0x9e3779b1u ^ (i >> 3);
}

/* (a) A32 functions rewritten and called again. */
static void test_arm(void)
{
    fn_t f = (fn_t)abuf;

    for (uint32_t i = 0; i < ROUNDS; i++) {
        uint32_t v = mix(i);

        abuf[0] = A_MOVW(0, v & 0xffff);
        abuf[1] = A_MOVT(0, v >> 16);
        abuf[2] = A_BX_LR;
        sync_code(abuf, 12);
        check("arm movw/movt", i, f(), v);
        check("arm movw/movt again", i, f(), v);
        /* Only the middle instruction changes. */
        abuf[1] = A_MOVT(0, (v >> 16) ^ 0x5a5a);
        sync_code(&abuf[1], 4);
        check("arm movt only", i, f(), v ^ 0x5a5a0000u);
    }
    /* The function grows: the old return is now an instruction in the middle. */
    for (uint32_t i = 0; i < 64; i++) {
        abuf[0] = A_MOVW(0, i);
        abuf[1] = A_BX_LR;
        sync_code(abuf, 8);
        check("arm short", i, f(), i);
        abuf[1] = A_ADDI(0, 100);
        abuf[2] = A_ADDI(0, i);
        abuf[3] = A_BX_LR;
        sync_code(abuf, 16);
        check("arm long", i, f(), 100 + 2 * i);
    }
}

/*
 * (b) The same block. smc_ahead(insn) stores INSN over an instruction
 * further on in its own block, synchronises, and falls through to it;
 * smc_loop(n) rewrites the ADD in its loop body on every iteration
 * (iteration i adds i & 0xff) and returns the sum.
 */
uint32_t smc_ahead(uint32_t insn);
uint32_t smc_loop(uint32_t n);
__asm__(
    "   .text\n"
    "   .arm\n"
    "   .global smc_ahead\n"
    "smc_ahead:\n"
    "   adr     r1, 1f\n"
    "   str     r0, [r1]\n"
    "   mcr     p15, 0, r1, c7, c11, 1\n"
    "   dsb\n"
    "   mcr     p15, 0, r1, c7, c5, 1\n"
    "   mcr     p15, 0, r1, c7, c5, 6\n"
    "   dsb\n"
    "   isb\n"
    "1: mov     r0, #0\n"
    "   bx      lr\n"
    "   .global smc_loop\n"
    "smc_loop:\n"
    "   push    {r4, r5}\n"
    "   adr     r1, 2f\n"
    "   ldr     r4, =0xe2822000\n"     /* add r2, r2, #0 */
    "   str     r4, [r1]\n"
    "   mcr     p15, 0, r1, c7, c11, 1\n"
    "   dsb\n"
    "   mcr     p15, 0, r1, c7, c5, 1\n"
    "   mcr     p15, 0, r1, c7, c5, 6\n"
    "   dsb\n"
    "   isb\n"
    "   mov     r2, #0\n"
    "   mov     r3, #0\n"
    "3: \n"
    "2: add     r2, r2, #0\n"
    "   add     r3, r3, #1\n"
    "   and     r5, r3, #0xff\n"
    "   orr     r5, r5, r4\n"
    "   str     r5, [r1]\n"
    "   mcr     p15, 0, r1, c7, c11, 1\n"
    "   dsb\n"
    "   mcr     p15, 0, r1, c7, c5, 1\n"
    "   mcr     p15, 0, r1, c7, c5, 6\n"
    "   dsb\n"
    "   isb\n"
    "   cmp     r3, r0\n"
    "   blo     3b\n"
    "   mov     r0, r2\n"
    "   pop     {r4, r5}\n"
    "   bx      lr\n"
    "   .ltorg\n");

/* call_nclear(f): calls F (BLX) with CPSR.N clear. */
uint32_t call_nclear(uint32_t f);
__asm__(
    "   .text\n"
    "   .arm\n"
    "   .global call_nclear\n"
    "call_nclear:\n"
    "   push    {r4, lr}\n"
    "   mov     r4, r0\n"
    "   movs    r0, #0\n"
    "   blx     r4\n"
    "   pop     {r4, pc}\n");

static void test_same_block(void)
{
    uint32_t want = 0;

    for (uint32_t i = 0; i < ROUNDS; i++) {
        uint32_t v = mix(i) & 0xffff;

        check("ahead", i, smc_ahead(A_MOVW(0, v)), v);
    }
    for (uint32_t i = 0; i < 700; i++) {
        want += i & 0xff;
    }
    check("self-rewriting loop", 700, smc_loop(700), want);
    check("self-rewriting loop again", 5, smc_loop(5), 0 + 1 + 2 + 3 + 4);
}

/* (c) T32 code, and A32/T32 code taking turns at one address. */
static void test_thumb(void)
{
    fn_t t = (fn_t)((uint32_t)tbuf | 1);
    fn_t a = (fn_t)tbuf;
    fn_t x = (fn_t)((uint32_t)&tpages[2047] | 1);

    for (uint32_t i = 0; i < ROUNDS; i++) {
        uint32_t v = mix(i);

        tbuf[0] = T_MOVW_HI(v & 0xffff);
        tbuf[1] = T_MOV_LO(0, v & 0xffff);
        tbuf[2] = T_MOVT_HI(v >> 16);
        tbuf[3] = T_MOV_LO(0, v >> 16);
        tbuf[4] = T_BX_LR;
        sync_code(tbuf, 10);
        check("thumb movw/movt", i, t(), v);
        tbuf[0] = T_MOVS(0, v);
        tbuf[1] = T_BX_LR;
        sync_code(tbuf, 4);
        check("thumb movs", i, t(), v & 0xff);
    }
    for (uint32_t i = 0; i < 200; i++) {
        uint32_t *w = (uint32_t *)tbuf;

        w[0] = A_MOVW(0, i);
        w[1] = A_BX_LR;
        sync_code(tbuf, 8);
        check("turns: arm", i, a(), i);
        tbuf[0] = T_MOVS(0, i + 1);
        tbuf[1] = T_BX_LR;
        sync_code(tbuf, 4);
        check("turns: thumb", i, t(), (i + 1) & 0xff);
    }
    /*
     * The same bytes as A32 and as T32 code, no rewriting between calls: two
     * blocks at one pc that differ in the Thumb bit only (an indirect branch
     * must find the one of its state). T32: MOVS r0, #2; BX lr. A32: that
     * word is LDRBMI (skipped: call_nclear clears N), then MOV r0, #1; BX lr.
     */
    tbuf[0] = T_MOVS(0, 2);
    tbuf[1] = T_BX_LR;
    ((uint32_t *)tbuf)[1] = 0xe3a00001u;
    ((uint32_t *)tbuf)[2] = A_BX_LR;
    sync_code(tbuf, 12);
    for (uint32_t i = 0; i < ROUNDS; i++) {
        check("one pc, A32", i, call_nclear((uint32_t)tbuf), 1);
        check("one pc, T32", i, call_nclear((uint32_t)tbuf | 1), 2);
    }
    /* MOVW at the last halfword of a page: its low half is on the next page. */
    tpages[2047] = T_MOVW_HI(0x1234);
    tpages[2048] = T_MOV_LO(0, 0x1234);
    tpages[2049] = T_BX_LR;
    sync_code(&tpages[2047], 6);
    check("across pages", 0, x(), 0x1234);
    for (uint32_t i = 0; i < 300; i++) {
        /* The next page only: imm4:i stay 0x1 and 0 (from 0x1234). */
        tpages[2048] = T_MOV_LO(0, i);
        sync_code(&tpages[2048], 2);
        check("across pages, second half", i, x(), 0x1000 | i);
        check("across pages, second half again", i, x(), 0x1000 | i);
    }
}

/*
 * (d) With the MMU: RAM's first MiB also at ALIAS. Code written through
 * one mapping runs through the other, both ways round.
 */
static void test_alias(void)
{
    uint32_t off = (uint32_t)abuf - RAM;
    volatile uint32_t *via = (volatile uint32_t *)(ALIAS + off);
    fn_t f = (fn_t)abuf;
    fn_t g = (fn_t)(ALIAS + off);

    for (uint32_t i = 0; i < 4096; i++) {
        /* Flat map, full access, Normal write-back memory. */
        l1[i] = i << 20 | 3u << 10 | 0xc | 2;
    }
    l1[ALIAS >> 20] = RAM | 3u << 10 | 0xc | 2;
    MCR(0, c3, c0, 0, 1);                   /* DACR: domain 0 client */
    MCR(0, c2, c0, 2, 0);                   /* TTBCR */
    MCR(0, c2, c0, 0, (uint32_t)l1);        /* TTBR0 */
    MCR(0, c8, c7, 0, 0);                   /* TLBIALL */
    __asm__ volatile("dsb\n\tisb" ::: "memory");
    MCR(0, c1, c0, 0, MRC(0, c1, c0, 0) | 1);
    __asm__ volatile("isb" ::: "memory");

    for (uint32_t i = 0; i < ROUNDS; i++) {
        uint32_t v = mix(i + 77);

        via[0] = A_MOVW(0, v & 0xffff);
        via[1] = A_MOVT(0, v >> 16);
        via[2] = A_BX_LR;
        sync_code2((uint32_t)via, (uint32_t)abuf, 12);
        check("alias: written at alias, run flat", i, f(), v);
        abuf[0] = A_MOVW(0, ~v & 0xffff);
        sync_code2((uint32_t)abuf, (uint32_t)via, 4);
        check("alias: written flat, run at alias", i, g(), (v & 0xffff0000u) | (~v & 0xffff));
        via[1] = A_MOVT(0, 0x4321);
        sync_code2((uint32_t)via, (uint32_t)abuf, 8);
        check("alias: both", i, f(), 0x43210000u | (~v & 0xffff));
        check("alias: both via alias", i, g(), 0x43210000u | (~v & 0xffff));
    }

    MCR(0, c1, c0, 0, MRC(0, c1, c0, 0) & ~1u);
    __asm__ volatile("isb" ::: "memory");
    MCR(0, c8, c7, 0, 0);
}

int main(void);
int main(void)
{
    test_arm();
    test_same_block();
    test_thumb();
    test_alias();
    if (!failures) {
        put_str("smc ok\n");
    }
    return failures ? 1 : 0;
}
