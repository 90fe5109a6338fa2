/*
 * The LPAE long-descriptor MMU (guest only, -cpu cortex-a15): 1 GiB and
 * 2 MiB blocks and 4 KiB pages over three levels, faults at each level
 * in the long-descriptor status format (translation, access flag,
 * permission; WnR and the LPAE bit), XN prefetch aborts, User-mode AP[1],
 * 64-bit TTBR0 and PAR through MCRR/MRRC, TLBIMVA after a remap.
 */
#include "testlib.h"
#include "exc.h"

#define MRC(op1, crn, crm, op2) ({ uint32_t v_; \
    __asm__ volatile("mrc p15, " #op1 ", %0, " #crn ", " #crm ", " #op2 : "=r"(v_)); v_; })
#define MCR(op1, crn, crm, op2, v) \
    __asm__ volatile("mcr p15, " #op1 ", %0, " #crn ", " #crm ", " #op2 :: "r"(v) : "memory")
#define MCRR(op1, crm, v) ({ uint64_t v_ = (v); \
    __asm__ volatile("mcrr p15, " #op1 ", %0, %1, " #crm \
                     :: "r"((uint32_t)v_), "r"((uint32_t)(v_ >> 32)) : "memory"); })
#define MRRC(op1, crm) ({ uint32_t lo_, hi_; \
    __asm__ volatile("mrrc p15, " #op1 ", %0, %1, " #crm : "=r"(lo_), "=r"(hi_)); \
    ((uint64_t)hi_ << 32) | lo_; })

#define RAM         0x60000000u
#define AF          (1ull << 10)
#define AP_USER     (1ull << 6)
#define AP_RO       (1ull << 7)
#define XN          (1ull << 54)
#define BLOCK(pa, attrs)    ((uint64_t)(pa) | (attrs) | 1)
#define TABLE(pa)           ((uint64_t)(uint32_t)(pa) | 3)
#define PAGE(pa, attrs)     ((uint64_t)(pa) | (attrs) | 3)

static uint64_t l1[4] __attribute__((aligned(32)));
static uint64_t l2[512] __attribute__((aligned(4096)));
static uint64_t l3[512] __attribute__((aligned(4096)));

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

static uint32_t rd(uint32_t va)
{
    return *(volatile uint32_t *)va;
}

static void wr(uint32_t va, uint32_t v)
{
    *(volatile uint32_t *)va = v;
}

static volatile uint32_t last_fsr, last_far, aborts;
static volatile int fix_index = -1;     /* l3 entry the handler repairs */
static volatile uint64_t fix_value;

void test_exception(int type, struct exc_frame *f)
{
    uint32_t spsr;

    if (type == EXC_SVC) {
        __asm__ volatile("mrs %0, spsr" : "=r"(spsr));
        if ((spsr & 0x1f) == 0x10) {
            __asm__ volatile("msr spsr_c, %0" :: "r"(0xd3));
        }
        return;
    }
    if (type != EXC_DABT && type != EXC_PABT) {
        put_str("unexpected exception\n");
        failures++;
        return;
    }
    aborts++;
    last_fsr = type == EXC_DABT ? MRC(0, c5, c0, 0) : MRC(0, c5, c0, 1);
    last_far = type == EXC_DABT ? MRC(0, c6, c0, 0) : MRC(0, c6, c0, 2);
    if (fix_index >= 0) {
        l3[fix_index] = fix_value;
        MCR(0, c8, c7, 1, last_far);            /* TLBIMVA */
        f->lr -= type == EXC_DABT ? 8 : 4;      /* retry */
        fix_index = -1;
    } else {
        f->lr -= 4;                             /* skip the access */
    }
}

#define to_user() __asm__ volatile("mov r0, sp\n msr cpsr_c, #0xd0\n mov sp, r0" \
                                   ::: "r0", "memory")
#define to_svc() __asm__ volatile("svc 1" ::: "memory")

typedef uint32_t (*fn_t)(void);

int main(void)
{
    uint32_t v;
    uint64_t par;

    /* 0x60000000..0x61ffffff identity (2 MiB blocks, PL0 and PL1 RW). */
    l1[1] = TABLE(l2);
    for (int i = 0; i < 16; i++) {
        l2[256 + i] = BLOCK(RAM + (i << 21), AF | AP_USER);
    }
    l2[384] = BLOCK(RAM + 0x400000, AF);            /* VA 0x70000000: 2 MiB block */
    l2[385] = TABLE(l3);                            /* VA 0x70200000: pages */
    l3[0] = PAGE(RAM + 0x600000, AF | AP_USER);
    l3[1] = PAGE(RAM + 0x601000, AP_USER);          /* AF = 0 */
    l3[3] = PAGE(RAM + 0x603000, AF | AP_RO | AP_USER);
    l3[4] = PAGE(RAM + 0x800000, AF | XN);
    l3[5] = PAGE(RAM + 0x605000, AF);               /* PL1 only */
    l1[3] = BLOCK(0x40000000u, AF);                 /* VA 0xc0000000: 1 GiB block */

    MCR(0, c10, c2, 0, 0);                          /* MAIR0 */
    MCR(0, c2, c0, 2, 0x80000000u);                 /* TTBCR: EAE, T0SZ = 0 */
    MCRR(0, c2, (uint64_t)(uint32_t)l1 | (5ull << 48));    /* TTBR0 with ASID 5 */
    check("TTBR0 64", (uint32_t)(MRRC(0, c2) >> 48), 5);
    MCR(0, c8, c7, 0, 0);
    MCR(0, c1, c0, 0, MRC(0, c1, c0, 0) | 1);

    wr(0x70000010, 0x12345678);
    check("2M block", rd(RAM + 0x400010), 0x12345678);
    check("1G block", rd(0xe0400010), 0x12345678);
    wr(0x70200020, 0xabcd0001);
    check("4K page", rd(RAM + 0x600020), 0xabcd0001);

    /* ATS1CPR in the long format (64-bit PAR: LPAE bit 11). */
    MCR(0, c7, c8, 0, 0x70000123);
    par = MRRC(0, c7);
    check("PAR PA", (uint32_t)par & 0xfffff001u, RAM + 0x400000);
    check("PAR LPAE", (uint32_t)par & 0x800, 0x800);
    MCR(0, c7, c8, 0, 0x10000000);
    par = MRRC(0, c7);
    check("PAR fault", (uint32_t)par & 0x87f, 0x800 | (0x05 << 1) | 1);

    /* Faults, each skipped by the handler. */
    (void)rd(0x10000000);
    check("L1 xlat", last_fsr, 0x205);
    check("L1 xlat FAR", last_far, 0x10000000);
    wr(0x70202000, 1);
    check("L3 xlat (write)", last_fsr, 0xa07);
    (void)rd(0x78000000);
    check("L2 xlat", last_fsr, 0x206);
    wr(0x70203000, 1);
    check("L3 perm RO", last_fsr, 0xa0f);
    check("L3 perm FAR", last_far, 0x70203000);
    to_user();
    v = rd(0x70200020);                             /* PL0 allowed */
    (void)rd(0x70205000);                           /* PL1 only */
    (void)rd(0x70000000);                           /* block without AP[1] */
    to_svc();
    check("user read", v, 0xabcd0001);
    check("user perm L2", last_fsr, 0x20e);
    check("user perm FAR", last_far, 0x70000000);
    check("abort count", aborts, 6);

    /* Access flag, repaired and retried. */
    wr(RAM + 0x601040, 0x42);
    fix_index = 1;
    fix_value = l3[1] | AF;
    v = rd(0x70201040);
    check("AF fsr", last_fsr, 0x20b);
    check("AF retried", v, 0x42);

    /* XN: prefetch abort, then executable after the repair. */
    wr(RAM + 0x800000, 0xe3a00007);                 /* mov r0, #7 */
    wr(RAM + 0x800004, 0xe12fff1e);                 /* bx lr */
    fix_index = 4;
    fix_value = l3[4] & ~XN;
    v = ((fn_t)0x70204000)();
    check("XN IFSR", last_fsr, 0x20f);
    check("XN IFAR", last_far, 0x70204000);
    check("XN retried", v, 7);

    /* Remap a page and TLBIMVA. */
    wr(RAM + 0x606000, 0x600d);
    l3[0] = PAGE(RAM + 0x606000, AF | AP_USER);
    MCR(0, c8, c7, 1, 0x70200000);
    check("remap", rd(0x70200000), 0x600d);

    MCR(0, c1, c0, 0, MRC(0, c1, c0, 0) & ~1u);
    if (failures == 0) {
        put_str("lpae ok\n");
    }
    return failures;
}
