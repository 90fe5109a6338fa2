/*
 * Identification registers per CPU model (run with -cpu cortex-a9, -a15,
 * -a7): the c0 ID registers, CLIDR and CCSIDR per CSSELR level, ACTLR and
 * PMCR at reset, and the IMPLEMENTATION DEFINED registers of the model
 * (A9 power/diagnostic control; A7/A15 L2CTLR with the CPU count).
 * Prints the model it recognized, so that the runner checks -cpu too.
 */
#include "sysregs.h"

struct model {
    const char *name;
    uint32_t midr, ctr;
    uint32_t pfr[2], dfr0, afr0, mmfr[4], isar[6];
    uint32_t clidr, ccsidr[3];
    uint32_t pmcr;
};

static const struct model models[] = {
    { "cortex-a9", 0x410fc090, 0x83338003, { 0x00001031, 0x00000011 }, 0x00010444, 0,
      { 0x00100103, 0x20000000, 0x01230000, 0x00102111 },
      { 0x00101111, 0x13112111, 0x21232041, 0x11112131, 0x00111142, 0 },
      0x09000003, { 0xe01fe019, 0x201fe019, 0 }, 0x41093000 },
    { "cortex-a15", 0x412fc0f1, 0x8444c004, { 0x00001131, 0x00011011 }, 0x02010555, 0,
      { 0x10201105, 0x20000000, 0x01240000, 0x02102211 },
      { 0x02101110, 0x13112111, 0x21232041, 0x11112131, 0x10011142, 0 },
      0x0a200023, { 0x701fe00a, 0x201fe00a, 0x711fe07a }, 0x410f3000 },
    { "cortex-a7", 0x410fc075, 0x84448003, { 0x00001131, 0x00011011 }, 0x02010555, 0,
      { 0x10101105, 0x40000000, 0x01240000, 0x02102211 },
      { 0x02101110, 0x13112111, 0x21232041, 0x11112131, 0x10011142, 0 },
      0x0a200023, { 0x700fe01a, 0x203fe009, 0x707fe03a }, 0x41072000 },
};

static uint32_t ccsidr(uint32_t csselr)
{
    MCR(2, c0, c0, 0, csselr);
    ISB();
    return MRC(1, c0, c0, 0);
}

int main(void)
{
    uint32_t midr = MRC(0, c0, c0, 0);
    const struct model *m = 0;

    for (unsigned i = 0; i < sizeof(models) / sizeof(models[0]); i++) {
        if (models[i].midr == midr) {
            m = &models[i];
        }
    }
    if (!m) {
        check("MIDR of a known model", midr, 0);
        return 1;
    }
    check("CTR", MRC(0, c0, c0, 1), m->ctr);
    check("REVIDR", MRC(0, c0, c0, 6), 0);
    check("ID_PFR0", MRC(0, c0, c1, 0), m->pfr[0]);
    check("ID_PFR1", MRC(0, c0, c1, 1), m->pfr[1]);
    check("ID_DFR0", MRC(0, c0, c1, 2), m->dfr0);
    check("ID_AFR0", MRC(0, c0, c1, 3), m->afr0);
    check("ID_MMFR0", MRC(0, c0, c1, 4), m->mmfr[0]);
    check("ID_MMFR1", MRC(0, c0, c1, 5), m->mmfr[1]);
    check("ID_MMFR2", MRC(0, c0, c1, 6), m->mmfr[2]);
    check("ID_MMFR3", MRC(0, c0, c1, 7), m->mmfr[3]);
    check("ID_ISAR0", MRC(0, c0, c2, 0), m->isar[0]);
    check("ID_ISAR1", MRC(0, c0, c2, 1), m->isar[1]);
    check("ID_ISAR2", MRC(0, c0, c2, 2), m->isar[2]);
    check("ID_ISAR3", MRC(0, c0, c2, 3), m->isar[3]);
    check("ID_ISAR4", MRC(0, c0, c2, 4), m->isar[4]);
    check("ID_ISAR5", MRC(0, c0, c2, 5), m->isar[5]);
    check("CLIDR", MRC(1, c0, c0, 1), m->clidr);
    check("AIDR", MRC(1, c0, c0, 7), 0);
    check("CCSIDR L1 D", ccsidr(0), m->ccsidr[0]);
    check("CCSIDR L1 I", ccsidr(1), m->ccsidr[1]);
    if (m->ccsidr[2]) {
        check("CCSIDR L2", ccsidr(2), m->ccsidr[2]);
    }
    check("CSSELR", MRC(2, c0, c0, 0), m->ccsidr[2] ? 2 : 1);
    check("ACTLR", MRC(0, c1, c0, 1), 0);
    check("PMCR", MRC(0, c9, c12, 0), m->pmcr);

    if (m->midr == 0x410fc090) {
        /* A9: power control and diagnostic control keep what is written */
        check("A9 PCR reset", MRC(0, c15, c0, 0), 0);
        MCR(0, c15, c0, 0, 0x00000701);
        check("A9 PCR", MRC(0, c15, c0, 0), 0x00000701);
        MCR(0, c15, c0, 1, 1u << 4);
        check("A9 diagnostic", MRC(0, c15, c0, 1), 1u << 4);
        EXPECT_UNDEF("A9 has no L2CTLR", 1, (void)MRC(1, c9, c0, 2));
    } else {
        /* A7/A15: one CPU on this board; bits 25:24 are read-only */
        check("L2CTLR", MRC(1, c9, c0, 2), 0);
        MCR(1, c9, c0, 2, 0x03000001);
        check("L2CTLR written", MRC(1, c9, c0, 2), 0x00000001);
        MCR(1, c9, c0, 3, 0x40);
        check("L2ECTLR", MRC(1, c9, c0, 3), 0x40);
        EXPECT_UNDEF("A7/A15 have no A9 PCR", 1, (void)MRC(0, c15, c0, 0));
    }
    put_str("idregs ");
    put_str(m->name);
    put_str(failures ? " FAILED\n" : " ok\n");
    return failures;
}
