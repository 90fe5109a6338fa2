/*
 * The short-descriptor MMU (guest only): identity and remapped sections,
 * small and large pages built here, translation / permission / domain /
 * access flag / alignment faults with their DFSR and DFAR, XN prefetch
 * aborts with IFSR and IFAR, TLB maintenance after a remap, exception
 * entry (mode, LR, SPSR, masks) and a precise data abort in the middle of
 * a straight-line block, retried after the handler maps the page.
 */
#include "testlib.h"
#include "exc.h"

#define MRC(op1, crn, crm, op2) ({ uint32_t v_; \
    __asm__ volatile("mrc p15, " #op1 ", %0, " #crn ", " #crm ", " #op2 : "=r"(v_)); v_; })
#define MCR(op1, crn, crm, op2, v) \
    __asm__ volatile("mcr p15, " #op1 ", %0, " #crn ", " #crm ", " #op2 :: "r"(v) : "memory")

#define RAM         0x60000000u
#define SECTION(pa, ap, dom) (((pa) & 0xfff00000u) | ((ap & 3) << 10) | ((ap >> 2) << 15) | \
                              ((dom) << 5) | 2)
#define XN_SECT     (1u << 4)
#define COARSE(pa, dom) (((pa) & 0xfffffc00u) | ((dom) << 5) | 1)
#define SMALL(pa, ap) (((pa) & 0xfffff000u) | ((ap & 3) << 4) | ((ap >> 2) << 9) | 2)
#define LARGE(pa, ap) (((pa) & 0xffff0000u) | ((ap & 3) << 4) | ((ap >> 2) << 9) | 1)

static uint32_t l1[4096] __attribute__((aligned(16384)));
static uint32_t l2[256] __attribute__((aligned(1024)));

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

static void tlbimva(uint32_t va)
{
    MCR(0, c8, c7, 1, va);
}

static void tlbiall(void)
{
    MCR(0, c8, c7, 0, 0);
}

static uint32_t rd(uint32_t va)
{
    return *(volatile uint32_t *)va;
}

static void wr(uint32_t va, uint32_t v)
{
    *(volatile uint32_t *)va = v;
}

static uint32_t cpsr(void)
{
    uint32_t v;

    __asm__ volatile("mrs %0, cpsr" : "=r"(v));
    return v;
}

/* ---- exception bookkeeping ---- */

enum { FIX_NONE, FIX_SKIP, FIX_MAP, FIX_AF, FIX_XN, FIX_PRECISE };

static volatile int fix;            /* what the abort handler does */
static volatile int count[8];
static volatile uint32_t last_fsr, last_far, last_lr, last_spsr, last_cpsr;
static volatile uint32_t map_l1_index, map_l1_value;
static volatile uint32_t precise_regs[4];

void test_exception(int type, struct exc_frame *f)
{
    uint32_t spsr;

    __asm__ volatile("mrs %0, spsr" : "=r"(spsr));
    count[type]++;
    last_lr = f->lr;
    last_spsr = spsr;
    last_cpsr = cpsr();
    if (type == EXC_SVC) {
        if ((spsr & 0x1f) == 0x10) {
            /* "svc" from User mode: return in Supervisor mode */
            __asm__ volatile("msr spsr_c, %0" :: "r"(0xd3));
        }
        return;
    }
    if (type == EXC_UND) {
        return;     /* lr is past the instruction */
    }
    if (type == EXC_DABT) {
        last_fsr = MRC(0, c5, c0, 0);
        last_far = MRC(0, c6, c0, 0);
    } else if (type == EXC_PABT) {
        last_fsr = MRC(0, c5, c0, 1);
        last_far = MRC(0, c6, c0, 2);
    } else {
        put_str("unexpected exception\n");
        failures++;
        return;
    }
    switch (fix) {
    case FIX_SKIP:          /* continue after the faulting load/store */
        f->lr -= 4;
        break;
    case FIX_PRECISE:
        precise_regs[0] = f->r[4];
        precise_regs[1] = f->r[5];
        precise_regs[2] = f->r[6];
        precise_regs[3] = f->r[7];
        /* fall through */
    case FIX_MAP:           /* map the page, retry the access */
        l1[map_l1_index] = map_l1_value;
        tlbimva(last_far);
        f->lr -= 8;
        break;
    case FIX_AF:
        l1[map_l1_index] |= 1u << 10;
        tlbimva(last_far);
        f->lr -= 8;
        break;
    case FIX_XN:            /* clear XN, retry the fetch */
        l1[map_l1_index] &= ~XN_SECT;
        tlbimva(last_far);
        f->lr -= 4;
        break;
    default:
        put_str("unexpected abort\n");
        failures++;
        f->lr -= 4;
        break;
    }
}

/* User mode on the same stack (main's frame stays addressable). */
#define to_user() __asm__ volatile("mov r0, sp\n msr cpsr_c, #0xd0\n mov sp, r0" \
                                   ::: "r0", "memory")
/* Back to Supervisor mode through the SVC handler. */
#define to_svc() __asm__ volatile("svc 1" ::: "memory")

/*
 * The third memory operation of a straight-line sequence faults. r4-r7
 * start with old values; each store is preceded by the write of its
 * register, so the handler must see r4-r6 new and r7 old.
 */
static void __attribute__((noinline)) precise_block(uint32_t ok, uint32_t bad)
{
    __asm__ volatile(
        "ldr r4, =0xdead0004\n"
        "ldr r5, =0xdead0005\n"
        "ldr r6, =0xdead0006\n"
        "ldr r7, =0xdead0007\n"
        "b 1f\n"
        ".ltorg\n"
        "1:\n"
        "mov r4, #1\n"
        "str r4, [%0]\n"
        "mov r5, #2\n"
        "str r5, [%0, #4]\n"
        "mov r6, #3\n"
        "str r6, [%1]\n"
        "mov r7, #4\n"
        "str r7, [%0, #8]\n"
        :: "r"(ok), "r"(bad) : "r4", "r5", "r6", "r7", "memory");
}

typedef uint32_t (*fn_t)(void);

int main(void)
{
    uint32_t v;

    /* Identity map the first 16 MiB of RAM (domain 0, full access). */
    for (int i = 0; i < 16; i++) {
        l1[(RAM >> 20) + i] = SECTION(RAM + (i << 20), 3, 0);
    }
    /* VA 0x70000000: section remapped to PA RAM + 2 MiB. */
    l1[0x700] = SECTION(RAM + 0x200000, 3, 0);
    /* VA 0x71000000: small pages to RAM + 3 MiB, a large page to RAM + 4 MiB. */
    l1[0x710] = COARSE((uint32_t)l2, 0);
    l2[0] = SMALL(RAM + 0x300000, 3);
    l2[1] = SMALL(RAM + 0x301000, 3);
    for (int i = 16; i < 32; i++) {
        l2[i] = LARGE(RAM + 0x400000, 3);
    }
    l2[2] = SMALL(RAM + 0x302000, 1);       /* PL1 only */
    l2[3] = SMALL(RAM + 0x303000, 2);       /* User read-only */
    /* Domain 1 (no access) and domain 2 (manager, AP no access) sections. */
    l1[0x720] = SECTION(RAM + 0x500000, 3, 1);
    l1[0x721] = SECTION(RAM + 0x500000, 0, 2);
    l1[0x730] = SECTION(RAM + 0x600000, 1, 0);  /* PL1 only */

    MCR(0, c3, c0, 0, 0x31);                /* DACR: d0 client, d1 none, d2 manager */
    MCR(0, c2, c0, 2, 0);                   /* TTBCR: N = 0 */
    MCR(0, c2, c0, 0, (uint32_t)l1);        /* TTBR0 */
    tlbiall();
    MCR(0, c1, c0, 0, MRC(0, c1, c0, 0) | 1);
    check("SCTLR.M", MRC(0, c1, c0, 0) & 1, 1);

    /* Remapped section and pages: write through the VA, read the PA. */
    wr(0x70000010, 0x11112222);
    check("section PA", rd(RAM + 0x200010), 0x11112222);
    wr(RAM + 0x200020, 0x33334444);
    check("section VA", rd(0x70000020), 0x33334444);
    wr(0x71000004, 0xaaaa0001);
    wr(0x71001008, 0xaaaa0002);
    check("small page 0", rd(RAM + 0x300004), 0xaaaa0001);
    check("small page 1", rd(RAM + 0x301008), 0xaaaa0002);
    wr(0x7101abc0, 0xbbbb0003);
    check("large page", rd(RAM + 0x40abc0), 0xbbbb0003);

    /* ATS1CPR: PA of a section, and a fault in PAR's format. */
    MCR(0, c7, c8, 0, 0x70000123);
    check("ATS1CPR ok", MRC(0, c7, c4, 0), RAM + 0x200000);
    MCR(0, c7, c8, 0, 0x7ff00000);
    check("ATS1CPR fault", MRC(0, c7, c4, 0), 0xb);
    MCR(0, c7, c8, 2, 0x71002000);          /* ATS1CUR on a PL1-only page */
    check("ATS1CUR perm", MRC(0, c7, c4, 0), (0xf << 1) | 1);

    /* Translation faults: section (L1) then page (L2), mapped by the handler. */
    fix = FIX_MAP;
    map_l1_index = 0x740;
    map_l1_value = SECTION(RAM + 0x700000, 3, 0);
    wr(RAM + 0x700040, 0x5555aaaa);
    v = rd(0x74000040);
    check("dabt count", count[EXC_DABT], 1);
    check("L1 xlat DFSR", last_fsr, 0x005);
    check("L1 xlat DFAR", last_far, 0x74000040);
    check("mapped read", v, 0x5555aaaa);
    check("abort SPSR mode", last_spsr & 0x1f, 0x13);
    check("abort mode", last_cpsr & 0x1f, 0x17);
    check("abort masks I A", last_cpsr & 0x180, 0x180);

    fix = FIX_SKIP;
    wr(0x71004000, 1);                      /* L2 entry 4: invalid */
    check("L2 xlat DFSR (write)", last_fsr, 0x807);
    check("L2 xlat DFAR", last_far, 0x71004000);

    /* Permission faults from User mode. */
    to_user();
    v = rd(0x71003000);                     /* User RO: read ok */
    (void)rd(0x71002000);                   /* PL1 only */
    v = count[EXC_DABT];
    wr(0x71003004, 7);                      /* User RO: write faults */
    (void)rd(0x73000000);                   /* section, PL1 only */
    to_svc();
    check("user mode back", cpsr() & 0x1f, 0x13);
    check("perm count", count[EXC_DABT], 5);
    check("perm section DFSR", last_fsr, 0x00d);
    check("perm section DFAR", last_far, 0x73000000);
    wr(0x71002000, 9);                      /* PL1 may write */
    check("PL1 write", rd(RAM + 0x302000), 9);
    (void)v;

    /* Domains: no access faults, manager ignores AP. */
    (void)rd(0x72000000);
    check("domain DFSR", last_fsr, 0x019);
    check("domain DFAR", last_far, 0x72000000);
    wr(0x72100010, 0x77);
    check("manager", rd(RAM + 0x500010), 0x77);

    /* Remap a small page, TLBIMVA, see the new mapping. */
    wr(RAM + 0x305000, 0xfeed0005);
    check("before remap", rd(0x71000000), rd(RAM + 0x300000));
    l2[0] = SMALL(RAM + 0x305000, 3);
    tlbimva(0x71000000);
    check("after remap", rd(0x71000000), 0xfeed0005);

    /* XN: prefetch abort with IFSR/IFAR; the handler clears XN and retries. */
    wr(RAM + 0x800000, 0xe3a0002a);         /* mov r0, #42 */
    wr(RAM + 0x800004, 0xe12fff1e);         /* bx lr */
    l1[0x750] = SECTION(RAM + 0x800000, 3, 0) | XN_SECT;
    tlbiall();
    fix = FIX_XN;
    map_l1_index = 0x750;
    v = ((fn_t)0x75000000)();
    check("XN result", v, 42);
    check("pabt count", count[EXC_PABT], 1);
    check("XN IFSR", last_fsr, 0x00d);
    check("XN IFAR", last_far, 0x75000000);
    check("pabt LR", last_lr, 0x75000004);

    /* Access flag (SCTLR.AFE): AF = AP[0] = 0 faults, the handler sets it. */
    MCR(0, c1, c0, 0, MRC(0, c1, c0, 0) | (1u << 29));
    l1[0x760] = SECTION(RAM + 0x900000, 2, 0);  /* AP[2:1] = 01: full, AF = 0 */
    tlbiall();
    fix = FIX_AF;
    map_l1_index = 0x760;
    wr(0x76000008, 0x99);
    check("AF DFSR", last_fsr, 0x803);
    check("AF DFAR", last_far, 0x76000008);
    check("AF write", rd(RAM + 0x900008), 0x99);
    fix = FIX_SKIP;
    l1[0x761] = SECTION(RAM + 0x900000, 3, 0);  /* AP[2:1] = 01, AF = 1 */
    to_user();
    v = rd(0x76100008);                     /* User allowed (AP[1]) */
    to_svc();
    check("AFE user read", v, 0x99);
    MCR(0, c1, c0, 0, MRC(0, c1, c0, 0) & ~(1u << 29));

    /* Alignment: unaligned LDR works without SCTLR.A, faults with it. */
    wr(RAM + 0x310000, 0x44332211);
    wr(RAM + 0x310004, 0x88776655);
    check("unaligned ldr", rd(RAM + 0x310001), 0x55443322);
    MCR(0, c1, c0, 0, MRC(0, c1, c0, 0) | 2);
    v = count[EXC_DABT];
    (void)rd(RAM + 0x310002);
    MCR(0, c1, c0, 0, MRC(0, c1, c0, 0) & ~2u);
    check("align count", count[EXC_DABT], v + 1);
    check("align DFSR", last_fsr, 0x001);
    check("align DFAR", last_far, RAM + 0x310002);

    /* Precise abort in the middle of a block, retried after mapping. */
    fix = FIX_PRECISE;
    map_l1_index = 0x770;
    map_l1_value = SECTION(RAM + 0xa00000, 3, 0);
    precise_block(RAM + 0x320000, 0x77000100);
    check("precise DFAR", last_far, 0x77000100);
    check("precise DFSR", last_fsr, 0x805);
    check("precise r4 new", precise_regs[0], 1);
    check("precise r5 new", precise_regs[1], 2);
    check("precise r6 new", precise_regs[2], 3);
    check("precise r7 old", precise_regs[3], 0xdead0007);
    check("precise st1", rd(RAM + 0x320000), 1);
    check("precise st2", rd(RAM + 0x320004), 2);
    check("precise st3 retried", rd(RAM + 0xa00100), 3);
    check("precise st4", rd(RAM + 0x320008), 4);

    /* Exception entry and return: UNDEF and SVC. */
    v = count[EXC_UND];
    __asm__ volatile(".word 0xe7f000f0" ::: "memory");     /* UDF */
    check("und count", count[EXC_UND], v + 1);
    check("und mode", last_cpsr & 0x1f, 0x1b);
    check("und I set, A kept", last_cpsr & 0x180, 0x080 | (last_spsr & 0x100));
    check("und SPSR", last_spsr & 0x1f, 0x13);
    __asm__ volatile("svc 5" ::: "memory");
    check("svc mode", last_cpsr & 0x1f, 0x13);
    check("svc SPSR", last_spsr & 0x1f, 0x13);

    /* MMU off again: flat. */
    MCR(0, c1, c0, 0, MRC(0, c1, c0, 0) & ~1u);
    check("MMU off", rd(RAM + 0x200010), 0x11112222);

    if (failures == 0) {
        put_str("mmu ok\n");
    }
    return failures;
}
