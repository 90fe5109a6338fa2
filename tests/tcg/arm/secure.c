/*
 * Security Extensions (guest only; run with has_el3=on, and on the A15
 * with has_el2=on too). Starts in Secure Supervisor mode: the Secure-only
 * registers work there; Monitor mode (entered with MSR, allowed from
 * Secure PL1) switches SCR.NS to reach the Non-secure copy of banked
 * registers (VBAR); then the test drops to Non-secure Supervisor mode
 * where SCR, SDER, MVBAR and NSACR writes UNDEF, NSACR masks CPACR, and
 * (A15 with EL2) MIDR reads VPIDR and L2CTLR ignores writes. It ends there: leaving Non-secure state
 * needs SMC.
 */
#include "sysregs.h"

extern char test_vectors[];

/* In Monitor mode: SCR = scr, MCR VBAR = *w (if w), read VBAR; SCR = 0. */
static uint32_t mon_vbar(uint32_t scr, const uint32_t *w)
{
    uint32_t v;

    __asm__ volatile(
        "msr    cpsr_c, #0xd6\n"            /* Monitor */
        "mcr    p15, 0, %1, c1, c1, 0\n"    /* SCR */
        "mcr    p15, 0, %1, c7, c5, 4\n"
        "cmp    %2, #0\n"
        "ldrne  %0, [%2]\n"
        "mcrne  p15, 0, %0, c12, c0, 0\n"   /* VBAR */
        "mrc    p15, 0, %0, c12, c0, 0\n"
        "mov    %1, #0\n"
        "mcr    p15, 0, %1, c1, c1, 0\n"    /* SCR.NS = 0 again */
        "mcr    p15, 0, %1, c7, c5, 4\n"
        "msr    cpsr_c, #0xd3\n"            /* back to Secure Supervisor */
        : "=&r"(v), "+r"(scr) : "r"(w) : "cc", "memory");
    return v;
}

/*
 * In Monitor mode with SCR.NS set: VPIDR = vpidr, HCR = hcr; returns HCR,
 * then clears it (HCR.VM would put the Non-secure tests under stage 2).
 */
static uint32_t mon_hyp_regs(uint32_t vpidr, uint32_t hcr)
{
    uint32_t v;

    __asm__ volatile(
        "msr    cpsr_c, #0xd6\n"
        "mov    %0, #1\n"
        "mcr    p15, 0, %0, c1, c1, 0\n"    /* SCR.NS */
        "mcr    p15, 0, %1, c7, c5, 4\n"
        "mcr    p15, 4, %1, c0, c0, 0\n"    /* VPIDR */
        "mcr    p15, 4, %2, c1, c1, 0\n"    /* HCR */
        "mrc    p15, 4, %0, c1, c1, 0\n"
        "mov    %1, #0\n"
        "mcr    p15, 4, %1, c1, c1, 0\n"    /* HCR = 0: VM would start stage 2 */
        "mcr    p15, 0, %1, c1, c1, 0\n"    /* SCR.NS = 0 */
        "mcr    p15, 0, %1, c7, c5, 4\n"
        "msr    cpsr_c, #0xd3\n"
        : "=&r"(v), "+r"(vpidr) : "r"(hcr) : "memory");
    return v;
}

int main(void)
{
    uint32_t vectors = (uint32_t)test_vectors, ns_vbar = 0x60080000;
    bool el2 = midr_part() == 0xc0f;
    uint32_t midr = MRC(0, c0, c0, 0), mpidr = MRC(0, c0, c0, 5);

    /* Secure Supervisor mode out of reset */
    check("SCR reset", MRC(0, c1, c1, 0), 0);
    check("NSACR reset", MRC(0, c1, c1, 2), 0);
    check("VBAR (Secure, from crt0)", MRC(0, c12, c0, 0), vectors);
    MCR(0, c1, c1, 1, 0xffffffff);
    check("SDER", MRC(0, c1, c1, 1), 3);
    MCR(0, c12, c0, 1, 0x60040010);
    check("MVBAR", MRC(0, c12, c0, 1), 0x60040000);
    MCR(0, c1, c1, 0, 0x7e);            /* everything but NS */
    check("SCR", MRC(0, c1, c1, 0), 0x7e);
    MCR(0, c1, c1, 0, 0);

    /* Banked VBAR: Monitor mode reaches each copy through SCR.NS */
    check("Non-secure VBAR written", mon_vbar(1, &ns_vbar), ns_vbar);
    check("Secure VBAR kept", mon_vbar(0, 0), vectors);
    check("Non-secure VBAR kept", mon_vbar(1, 0), ns_vbar);
    check("back in Secure state", MRC(0, c1, c1, 0), 0);
    check("Secure VBAR from SVC", MRC(0, c12, c0, 0), vectors);

    if (el2) {
        /* Hyp registers: from Monitor with SCR.NS only */
        EXPECT_UNDEF("HCR from Secure SVC", 1, (void)MRC(4, c1, c1, 0));
        check("HCR from Monitor", mon_hyp_regs(0x41234567, 0x11), 0x11);
        check("MIDR in Secure state", MRC(0, c0, c0, 0), midr);
        MCR(1, c9, c0, 2, 1);           /* L2CTLR: written in Secure state */
        check("L2CTLR (Secure)", MRC(1, c9, c0, 2), 1);
    }

    /* Non-secure Supervisor: vectors there too, NSACR gives cp10 only */
    ns_vbar = vectors;
    mon_vbar(1, &ns_vbar);
    MCR(0, c1, c1, 2, 0x400);
    check("NSACR", MRC(0, c1, c1, 2), 0x400);
    MCR(0, c1, c0, 2, 0);
    __asm__ volatile(
        "msr    cpsr_c, #0xd6\n"
        "mov    r0, #1\n"
        "mcr    p15, 0, r0, c1, c1, 0\n"    /* SCR.NS */
        "mcr    p15, 0, r0, c7, c5, 4\n"
        "msr    cpsr_c, #0xd3\n" ::: "r0", "memory");

    EXPECT_UNDEF("SCR from Non-secure", 2, { (void)MRC(0, c1, c1, 0); MCR(0, c1, c1, 0, 0); });
    EXPECT_UNDEF("SDER, MVBAR from Non-secure", 2,
                 { (void)MRC(0, c1, c1, 1); (void)MRC(0, c12, c0, 1); });
    EXPECT_UNDEF("NSACR read from Non-secure", 0, check("NSACR (NS)", MRC(0, c1, c1, 2), 0x400));
    EXPECT_UNDEF("NSACR write from Non-secure", 1, MCR(0, c1, c1, 2, 0xc00));
    check("VBAR (Non-secure)", MRC(0, c12, c0, 0), vectors);
    MCR(0, c1, c0, 2, 0x00f00000);
    check("CPACR masked by NSACR", MRC(0, c1, c0, 2), 0x00300000);
    if (el2) {
        check("MIDR reads VPIDR", MRC(0, c0, c0, 0), 0x41234567);
        check("MPIDR reads VMPIDR", MRC(0, c0, c0, 5), mpidr);
        EXPECT_UNDEF("HCR from Non-secure SVC", 1, (void)MRC(4, c1, c1, 0));
        MCR(1, c9, c0, 2, 0);           /* ignored from Non-secure state */
        check("L2CTLR (Non-secure write ignored)", MRC(1, c9, c0, 2), 1);
    } else {
        check("MIDR (Non-secure)", MRC(0, c0, c0, 0), midr);
    }

    put_str(failures ? "secure FAILED\n" : "secure ok\n");
    return failures;
}
