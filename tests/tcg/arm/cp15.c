/*
 * CP15 registers through MRC/MCR (guest only): identification values of
 * the vexpress-a9 CPU, read/write registers keep what was written, a
 * register PL0 may read but not write, and an unknown register UNDEFs.
 */
#include "testlib.h"
#include "exc.h"

#define MRC(op1, crn, crm, op2) ({ uint32_t v_; \
    __asm__ volatile("mrc p15, " #op1 ", %0, " #crn ", " #crm ", " #op2 : "=r"(v_)); v_; })
#define MCR(op1, crn, crm, op2, v) \
    __asm__ volatile("mcr p15, " #op1 ", %0, " #crn ", " #crm ", " #op2 :: "r"(v) : "memory")

static volatile int undefs;
static volatile uint32_t undef_lr;

void test_exception(int type, struct exc_frame *f)
{
    if (type == EXC_SVC) {
        /* "svc 1" from User mode: return in Supervisor mode */
        __asm__ volatile("msr spsr_c, %0" :: "r"(0xd3));
        return;
    }
    if (type != EXC_UND) {
        put_str("unexpected exception\n");
        return;
    }
    undefs++;
    undef_lr = f->lr;       /* returns past the instruction */
}

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

int main(void)
{
    uint32_t v;

    check("MIDR", MRC(0, c0, c0, 0), 0x410fc090);
    check("MPIDR", MRC(0, c0, c0, 5), 0x80000000);
    check("CTR", MRC(0, c0, c0, 1), 0x83338003);
    /* CP14 debug: the ID, and DBGDSCR keeping the monitor-mode enable */
    {
        uint32_t didr, dscr;

        __asm__ volatile("mrc p14, 0, %0, c0, c0, 0" : "=r"(didr));
        check("DBGDIDR", didr, 0x35141000);
        __asm__ volatile("mcr p14, 0, %0, c0, c2, 2" :: "r"(1u << 15));
        __asm__ volatile("mrc p14, 0, %0, c0, c1, 0" : "=r"(dscr));
        check("DBGDSCR MDBGen", dscr, 1u << 15);
        __asm__ volatile("mcr p14, 0, %0, c0, c0, 4" :: "r"(0x1234));   /* DBGBVR0: WI */
    }
    /* CP14 ThumbEE (ID_PFR0.State3): TEEHBR holds a handler base, TEECR.XED */
    {
        uint32_t hbr, cr;

        __asm__ volatile("mcr p14, 6, %0, c1, c0, 0" :: "r"(0x12345670));
        __asm__ volatile("mrc p14, 6, %0, c1, c0, 0" : "=r"(hbr));
        check("TEEHBR", hbr, 0x12345670);
        __asm__ volatile("mcr p14, 6, %0, c0, c0, 0" :: "r"(0xffffffff));
        __asm__ volatile("mrc p14, 6, %0, c0, c0, 0" : "=r"(cr));
        check("TEECR", cr, 1);
        __asm__ volatile("mcr p14, 6, %0, c0, c0, 0" :: "r"(0));
    }

    MCR(0, c13, c0, 2, 0x12345678);             /* TPIDRURW */
    check("TPIDRURW", MRC(0, c13, c0, 2), 0x12345678);
    MCR(0, c3, c0, 0, 0x55555555);              /* DACR */
    check("DACR", MRC(0, c3, c0, 0), 0x55555555);
    MCR(0, c1, c0, 2, 0x00f00000);              /* CPACR: cp10/cp11 full access */
    check("CPACR", MRC(0, c1, c0, 2), 0x00f00000);
    v = MRC(0, c12, c0, 0);                     /* VBAR set by crt0 */
    check("VBAR aligned", v & 0x1f, 0);
    check("SCTLR.M off", MRC(0, c1, c0, 0) & 1, 0);

    /* TLB and cache maintenance are accepted */
    MCR(0, c8, c7, 0, 0);
    MCR(0, c7, c5, 0, 0);

    /* Unknown register: UNDEF, execution continues after it */
    MCR(7, c15, c15, 7, 0);
    check("undef count", undefs, 1);

    /* MIDR is read-only: a write UNDEFs */
    MCR(0, c0, c0, 0, 0);
    check("undef count RO", undefs, 2);

    /* User mode may read TPIDRURO but not write it, nor read SCTLR */
    MCR(0, c13, c0, 3, 0xcafe0001);
    __asm__ volatile("msr cpsr_c, #0xd0" ::: "memory");       /* User */
    v = MRC(0, c13, c0, 3);
    MCR(0, c13, c0, 3, 0);
    (void)MRC(0, c1, c0, 0);
    __asm__ volatile("svc 1" ::: "memory");     /* back to Supervisor (handler) */
    check("TPIDRURO from user", v, 0xcafe0001);
    check("undef count user", undefs, 4);

    put_str(failures ? "cp15 FAILED\n" : "cp15 ok\n");
    return failures;
}
