/*
 * Exceptions taken from Thumb code inside IT blocks (built with -mthumb):
 * an UNDEF (a 32-bit MRC to the absent cp7), an SVC and a Data Abort (an
 * unaligned LDREX), each conditional inside an IT block. The handler
 * checks the architecture's LR offsets (UNDEF and SVC: the instruction +
 * 2, Data Abort: + 8), SPSR.T and SPSR.IT (the IT state of the faulting
 * instruction; for SVC already that of the next one), then returns past
 * the instruction, advancing SPSR.IT itself as an OS does; the rest of
 * the IT block must then run under its own conditions.
 *
 * BKPT is unconditional even in an IT block: taken although its condition
 * fails (Prefetch Abort, LR = the instruction + 4).
 *
 * Also the T32 divide: results where ID_ISAR0 says Thumb has it
 * (cortex-a15), UNDEF where not (cortex-a9).
 */
#include "testlib.h"
#include "exc.h"

static int failures;

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

static volatile uint32_t seen_type, seen_lr, seen_spsr, seen_dfsr, seen_dfar, n_exc;

/* ITSTATE (IT[7:0]) of a PSR: IT[1:0] in bits 26:25, IT[7:2] in 15:10. */
static uint32_t psr_it(uint32_t psr)
{
    return ((psr >> 25) & 3) | ((psr >> 8) & 0xfc);
}

static uint32_t psr_with_it(uint32_t psr, uint32_t it)
{
    return (psr & ~0x0600fc00u) | (it & 3) << 25 | (it & 0xfc) << 8;
}

/* The state after one instruction of the block (the architecture's ITAdvance). */
static uint32_t it_advance(uint32_t it)
{
    return (it & 7) == 0 ? 0 : (it & 0xe0) | ((it << 1) & 0x1f);
}

static int thumb_wide(uint32_t addr)
{
    return (*(volatile uint16_t *)addr >> 11) >= 0x1d;
}

void test_exception(int type, struct exc_frame *f)
{
    uint32_t spsr, at;

    __asm__ volatile("mrs %0, spsr" : "=r"(spsr));
    n_exc++;
    seen_type = type;
    seen_lr = f->lr;
    seen_spsr = spsr;
    if (type == EXC_UND) {
        at = f->lr - 2;
    } else if (type == EXC_PABT) {
        at = f->lr - 4;
    } else if (type == EXC_DABT) {
        at = f->lr - 8;
        __asm__ volatile("mrc p15, 0, %0, c5, c0, 0" : "=r"(seen_dfsr));
        __asm__ volatile("mrc p15, 0, %0, c6, c0, 0" : "=r"(seen_dfar));
    } else {
        return;     /* SVC: lr and SPSR.IT name the next instruction already */
    }
    f->lr = at + (thumb_wide(at) ? 4 : 2);
    spsr = psr_with_it(spsr, it_advance(psr_it(spsr)));
    __asm__ volatile("msr spsr_fsxc, %0" :: "r"(spsr));
}

static void reset_seen(void)
{
    n_exc = 0;
    seen_type = seen_lr = seen_spsr = seen_dfsr = seen_dfar = 0;
}

static void check_entry(const char *what, int type, uint32_t lr, uint32_t it)
{
    put_str(what);
    put_str(": type ");
    put_hex(seen_type);
    put_str(" it ");
    put_hex(psr_it(seen_spsr));
    put_str("\n");
    check("exceptions taken", n_exc, 1);
    check("type", seen_type, type);
    check("lr", seen_lr, lr);
    check("spsr.T", seen_spsr & 0x20, 0x20);
    check("spsr.M", seen_spsr & 0x1f, 0x13);
    check("spsr.IT", psr_it(seen_spsr), it);
}

extern char it_undef_at[], it_svc_at[], it_dabt_at[], it_bkpt_at[];

/* ITETE EQ with Z set; the first instruction UNDEFs (IT state 0x0b). */
static __attribute__((noinline)) void test_undef_in_it(void)
{
    uint32_t r;

    reset_seen();
    __asm__ volatile("movs r0, #0\n\t"
                     "mov r1, #0\n\t"
                     "itete eq\n\t"
                     ".global it_undef_at\n"
                     "it_undef_at:\n\t"
                     "mrceq p7, 0, r2, c0, c0, 0\n\t"
                     "addne r1, r1, #1\n\t"
                     "addeq r1, r1, #2\n\t"
                     "addne r1, r1, #4\n\t"
                     "mov %0, r1"
                     : "=r"(r) :: "r0", "r1", "r2", "cc", "memory");
    check_entry("undef", EXC_UND, ((uint32_t)it_undef_at & ~1u) + 2, 0x0b);
    check("rest of the block after undef", r, 2);
}

/* ITET EQ with Z set: SVC first; SPSR.IT is the next instruction's (0x14). */
static __attribute__((noinline)) void test_svc_in_it(void)
{
    uint32_t r;

    reset_seen();
    __asm__ volatile("movs r0, #0\n\t"
                     "mov r1, #0\n\t"
                     "itet eq\n\t"
                     ".global it_svc_at\n"
                     "it_svc_at:\n\t"
                     "svceq #0x12\n\t"
                     "addne r1, r1, #4\n\t"
                     "addeq r1, r1, #2\n\t"
                     "mov %0, r1"
                     : "=r"(r) :: "r0", "r1", "cc", "lr", "memory");
    check_entry("svc", EXC_SVC, ((uint32_t)it_svc_at & ~1u) + 2, 0x14);
    check("rest of the block after svc", r, 2);
}

/* ITTET NE with Z clear: the second instruction aborts (IT state 0x16). */
static __attribute__((noinline)) void test_dabt_in_it(void)
{
    static volatile uint32_t buf[2];
    uint32_t r, addr = (uint32_t)buf + 1;

    reset_seen();
    __asm__ volatile("movs r0, #1\n\t"
                     "mov r1, #0\n\t"
                     "mov r6, %1\n\t"
                     "ittet ne\n\t"
                     "addne r1, r1, #1\n\t"
                     ".global it_dabt_at\n"
                     "it_dabt_at:\n\t"
                     "ldrexne r5, [r6]\n\t"
                     "addeq r1, r1, #4\n\t"
                     "addne r1, r1, #8\n\t"
                     "mov %0, r1"
                     : "=r"(r) : "r"(addr) : "r0", "r1", "r5", "r6", "cc", "memory");
    check_entry("dabt", EXC_DABT, ((uint32_t)it_dabt_at & ~1u) + 8, 0x16);
    check("dfsr alignment", seen_dfsr & 0x40f, 0x1);
    check("dfar", seen_dfar, addr);
    check("rest of the block after dabt", r, 9);
}

/* ITTE NE with Z set: BKPT #7 (encoded: assemblers refuse it in IT) is taken (0x1a). */
static __attribute__((noinline)) void test_bkpt_in_it(void)
{
    uint32_t r;

    reset_seen();
    __asm__ volatile("movs r0, #0\n\t"
                     "mov r1, #0\n\t"
                     "itte ne\n\t"
                     ".global it_bkpt_at\n"
                     "it_bkpt_at:\n\t"
                     ".inst.n 0xbe07\n\t"
                     "addne r1, r1, #1\n\t"
                     "addeq r1, r1, #2\n\t"
                     "mov %0, r1"
                     : "=r"(r) :: "r0", "r1", "cc", "memory");
    check_entry("bkpt", EXC_PABT, ((uint32_t)it_bkpt_at & ~1u) + 4, 0x1a);
    check("rest of the block after bkpt", r, 2);
}

/* SDIV/UDIV r0, r1, r2 (encoded: the cortex-a9 assembler refuses them). */
static uint32_t t32_div(int is_signed, uint32_t n, uint32_t m)
{
    register uint32_t r0 __asm__("r0");
    register uint32_t r1 __asm__("r1") = n;
    register uint32_t r2 __asm__("r2") = m;

    if (is_signed) {
        __asm__ volatile(".inst.w 0xfb91f0f2" : "=r"(r0) : "r"(r1), "r"(r2) : "memory");
    } else {
        __asm__ volatile(".inst.w 0xfbb1f0f2" : "=r"(r0) : "r"(r1), "r"(r2) : "memory");
    }
    return r0;
}

static void test_divide(void)
{
    uint32_t isar0;

    __asm__ volatile("mrc p15, 0, %0, c0, c2, 0" : "=r"(isar0));
    reset_seen();
    if (((isar0 >> 24) & 0xf) == 0) {
        put_str("divide: undef\n");
        t32_div(1, 7, 2);
        check("sdiv undef", n_exc, 1);
        check("sdiv undef type", seen_type, EXC_UND);
        t32_div(0, 7, 2);
        check("udiv undef", n_exc, 2);
        return;
    }
    put_str("divide: present\n");
    check("sdiv", t32_div(1, (uint32_t)-7, 2), (uint32_t)-3);
    check("sdiv min/-1", t32_div(1, 0x80000000u, (uint32_t)-1), 0x80000000u);
    check("sdiv by 0", t32_div(1, 5, 0), 0);
    check("udiv", t32_div(0, 0xfffffff9u, 2), 0x7ffffffcu);
    check("udiv by 0", t32_div(0, 5, 0), 0);
    check("no exception", n_exc, 0);
}

int main(void)
{
    test_undef_in_it();
    test_svc_in_it();
    test_dabt_in_it();
    test_bkpt_in_it();
    test_divide();
    if (failures) {
        put_str("thumb-exc FAILED\n");
        return 1;
    }
    put_str("thumb-exc ok\n");
    return 0;
}
