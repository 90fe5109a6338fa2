/*
 * Performance monitors (guest only): the cycle counter counts while
 * enabled and stops when disabled, PMCR.C resets it, writes set it, the
 * event counters read as zero, the enable and interrupt-enable set/clear
 * pairs, and PL0 access UNDEFs unless PMUSERENR.EN is set.
 */
#include "sysregs.h"

#define PMCR_E  1u
#define PMCR_C  4u
#define CYCLES  (1u << 31)

static void spin(void)
{
    for (volatile int i = 0; i < 200000; i++) {
    }
}

static uint32_t pmccntr(void)
{
    return MRC(0, c9, c13, 0);
}

int main(void)
{
    uint32_t a, b, n = (MRC(0, c9, c12, 0) >> 11) & 0x1f;
    uint32_t all = CYCLES | ((1u << n) - 1);

    check("PMCNTENSET reset", MRC(0, c9, c12, 1), 0);
    check("PMCCNTR reset", pmccntr(), 0);

    /* Counting: the counter moves over a loop */
    MCR(0, c9, c12, 0, PMCR_E | PMCR_C);
    MCR(0, c9, c12, 1, CYCLES);
    check("PMCNTENSET", MRC(0, c9, c12, 1), CYCLES);
    a = pmccntr();
    spin();
    b = pmccntr();
    check("PMCCNTR increases", b > a, 1);

    /* Disabled: it stands still, PMCR.C zeroes it, a write sets it */
    MCR(0, c9, c12, 2, CYCLES);
    check("PMCNTENCLR", MRC(0, c9, c12, 1), 0);
    a = pmccntr();
    spin();
    check("PMCCNTR stopped", pmccntr(), a);
    MCR(0, c9, c12, 0, PMCR_E | PMCR_C);
    check("PMCR.C", pmccntr(), 0);
    check("PMCR.C reads as zero", MRC(0, c9, c12, 0) & PMCR_C, 0);
    MCR(0, c9, c13, 0, 12345);
    check("PMCCNTR write", pmccntr(), 12345);
    /* ... and counting resumes from the written value */
    MCR(0, c9, c12, 1, CYCLES);
    spin();
    check("PMCCNTR resumes", pmccntr() > 12345, 1);
    MCR(0, c9, c12, 0, 0);      /* PMCR.E clear stops it too */
    a = pmccntr();
    spin();
    check("PMCR.E clear", pmccntr(), a);

    /* Only implemented counters can be enabled; event counters are RAZ/WI */
    MCR(0, c9, c12, 1, 0xffffffff);
    check("PMCNTENSET implemented bits", MRC(0, c9, c12, 1), all);
    MCR(0, c9, c12, 2, 0xffffffff);
    MCR(0, c9, c14, 1, 0xffffffff);
    check("PMINTENSET", MRC(0, c9, c14, 1), all);
    MCR(0, c9, c14, 2, CYCLES);
    check("PMINTENCLR", MRC(0, c9, c14, 1), all & ~CYCLES);
    MCR(0, c9, c12, 5, 1);
    check("PMSELR", MRC(0, c9, c12, 5), 1);
    MCR(0, c9, c13, 2, 77);
    check("PMXEVCNTR", MRC(0, c9, c13, 2), 0);
    MCR(0, c9, c12, 3, 0xffffffff);
    check("PMOVSR", MRC(0, c9, c12, 3), 0);

    /* PL0: UNDEF without PMUSERENR.EN, allowed with it */
    MCR(0, c9, c14, 0, 0);
    TO_USER();
    EXPECT_UNDEF("PL0 PMCCNTR without EN", 2, { (void)pmccntr(); MCR(0, c9, c12, 0, 0); });
    a = MRC(0, c9, c14, 0);                     /* PMUSERENR is PL0-readable */
    EXPECT_UNDEF("PL0 PMUSERENR write", 1, MCR(0, c9, c14, 0, 1));
    TO_SVC();
    check("PMUSERENR from PL0", a, 0);
    MCR(0, c9, c14, 0, 1);
    MCR(0, c9, c13, 0, 500);
    TO_USER();
    EXPECT_UNDEF("PL0 PMCCNTR with EN", 0, a = pmccntr());
    TO_SVC();
    check("PMCCNTR from PL0", a, 500);

    put_str(failures ? "pmu FAILED\n" : "pmu ok\n");
    return failures;
}
