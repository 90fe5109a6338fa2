/*
 * Generic timer (guest only, -cpu cortex-a15): CNTFRQ, the counts move
 * and are 64-bit, TVAL programs CVAL relative to the count, ISTATUS
 * reads as the condition (polled: there is no interrupt path without a
 * GIC wiring here), IMASK leaves ISTATUS alone, and CNTKCTL gates PL0.
 */
#include "sysregs.h"

#define CTL_ENABLE  1u
#define CTL_IMASK   2u
#define CTL_ISTATUS 4u

static uint64_t cntvct(void)
{
    return MRRC(1, c14);
}

/* Waits until the virtual count passes TARGET; 0 if it never did. */
static int wait_count(uint64_t target)
{
    for (uint32_t i = 0; i < 400000000u; i++) {
        if (cntvct() > target) {
            return 1;
        }
    }
    return 0;
}

int main(void)
{
    uint64_t a, b, cval;
    uint32_t tval;

    check("CNTFRQ", MRC(0, c14, c0, 0), 62500000);
    a = cntvct();
    for (volatile int i = 0; i < 100000; i++) {
    }
    b = cntvct();
    check("CNTVCT increases", b > a, 1);
    check("CNTPCT >= CNTVCT", MRRC(0, c14) >= b, 1);

    /* Disabled timer: ISTATUS clear even with CVAL in the past */
    check("CNTV_CTL reset", MRC(0, c14, c3, 1), 0);
    MCRR(3, c14, 1);
    check("CNTV_CVAL", (uint32_t)MRRC(3, c14), 1);
    check("disabled: no ISTATUS", MRC(0, c14, c3, 1), 0);

    /* Far future: condition false; TVAL counts down from what was set */
    MCR(0, c14, c3, 0, 0x40000000);
    MCR(0, c14, c3, 1, CTL_ENABLE);
    check("far: no ISTATUS", MRC(0, c14, c3, 1), CTL_ENABLE);
    tval = MRC(0, c14, c3, 0);
    check("TVAL counts down", tval <= 0x40000000 && tval > 0x30000000, 1);

    /* 1 ms ahead: wait for the count, then ISTATUS (masked or not) */
    MCR(0, c14, c3, 0, 62500);
    cval = MRRC(3, c14);
    check("TVAL sets CVAL ahead", cval > b, 1);
    MCR(0, c14, c3, 1, CTL_ENABLE | CTL_IMASK);
    check("count reached CVAL", wait_count(cval), 1);
    check("ISTATUS masked", MRC(0, c14, c3, 1), CTL_ENABLE | CTL_IMASK | CTL_ISTATUS);
    MCR(0, c14, c3, 1, CTL_ENABLE);
    check("ISTATUS", MRC(0, c14, c3, 1), CTL_ENABLE | CTL_ISTATUS);
    check("TVAL negative after expiry", MRC(0, c14, c3, 0) >> 31, 1);
    MCR(0, c14, c3, 1, 0);

    /* The physical timer through CVAL */
    cval = MRRC(0, c14) + 1000;
    MCRR(2, c14, cval);
    MCR(0, c14, c2, 1, CTL_ENABLE);
    check("phys count reached CVAL", wait_count(cval), 1);
    check("CNTP ISTATUS", MRC(0, c14, c2, 1), CTL_ENABLE | CTL_ISTATUS);
    MCR(0, c14, c2, 1, 0);

    /* PL0: counts and timers only as CNTKCTL allows */
    MCR(0, c14, c1, 0, 0);
    TO_USER();
    EXPECT_UNDEF("PL0 counts gated", 3,
                 { (void)cntvct(); (void)MRRC(0, c14); (void)MRC(0, c14, c0, 0); });
    EXPECT_UNDEF("PL0 timers gated", 2, { (void)MRC(0, c14, c3, 1); (void)MRC(0, c14, c2, 1); });
    TO_SVC();
    MCR(0, c14, c1, 0, 0x303);      /* PL0PCTEN PL0VCTEN PL0VTEN PL0PTEN */
    check("CNTKCTL", MRC(0, c14, c1, 0), 0x303);
    TO_USER();
    EXPECT_UNDEF("PL0 allowed", 0, { (void)cntvct(); (void)MRC(0, c14, c3, 1);
                                     (void)MRC(0, c14, c2, 1); (void)MRC(0, c14, c0, 0); });
    EXPECT_UNDEF("PL0 CNTFRQ write", 1, MCR(0, c14, c0, 0, 1));
    TO_SVC();

    put_str(failures ? "gtimer FAILED\n" : "gtimer ok\n");
    return failures;
}
