/*
 * ARM coprocessor registers: the per-CPU table and the registers every
 * ARMv7-A core has (identification, system control, translation table
 * control, fault status, cache and TLB maintenance, thread IDs).
 */
#include "qemu/osdep.h"
#include "target/arm/cpregs.h"
#include "exec/exec-all.h"
#include "qemu/main-loop.h"
#include "qemu/timer.h"
#include "target/arm/gtimer.h"

#define FIELD(f)    .fieldoffset = offsetof(CPUARMState, f)
#define BANKED(f)   .bank_fieldoffsets = { offsetof(CPUARMState, f[ARM_NS]), \
                                           offsetof(CPUARMState, f[ARM_S]) }

ptrdiff_t arm_cp_field(const ARMCPRegInfo *ri, int bank)
{
    return ri->fieldoffset ? ri->fieldoffset : ri->bank_fieldoffsets[bank];
}

static uint64_t raw_read(CPUARMState *env, const ARMCPRegInfo *ri, int bank)
{
    ptrdiff_t ofs = arm_cp_field(ri, bank);
    void *p = (char *)env + ofs;

    if (!ofs) {
        return 0;
    }
    return (ri->flags & ARM_CP_FIELD64) ? *(uint64_t *)p : *(uint32_t *)p;
}

static void raw_write(CPUARMState *env, const ARMCPRegInfo *ri, int bank, uint64_t value)
{
    ptrdiff_t ofs = arm_cp_field(ri, bank);
    void *p = (char *)env + ofs;

    if (!ofs) {
        return;
    }
    if (ri->flags & ARM_CP_FIELD64) {
        /* A 32-bit access to a 64-bit register sees its low half. */
        if (!(ri->flags & ARM_CP_64BIT)) {
            value = (*(uint64_t *)p & ~0xffffffffull) | (uint32_t)value;
        }
        *(uint64_t *)p = value;
    } else {
        *(uint32_t *)p = value;
    }
}

uint64_t arm_cp_read(CPUARMState *env, const ARMCPRegInfo *ri, int bank)
{
    uint64_t v;
    bool lock = (ri->flags & ARM_CP_IO) && !bql_locked();

    if (ri->flags & ARM_CP_CONST) {
        return ri->resetvalue;
    }
    if (ri->flags & ARM_CP_NOP) {
        return 0;
    }
    if (lock) {
        bql_lock();
    }
    v = ri->readfn ? ri->readfn(env, ri, bank) : raw_read(env, ri, bank);
    if (lock) {
        bql_unlock();
    }
    return v;
}

void arm_cp_write(CPUARMState *env, const ARMCPRegInfo *ri, int bank, uint64_t value)
{
    bool lock = (ri->flags & ARM_CP_IO) && !bql_locked();

    if (ri->flags & (ARM_CP_CONST | ARM_CP_NOP)) {
        return;
    }
    if (lock) {
        bql_lock();
    }
    if (ri->writefn) {
        ri->writefn(env, ri, bank, value);
    } else {
        raw_write(env, ri, bank, value);
    }
    if (lock) {
        bql_unlock();
    }
}

void arm_cp_register(ARMCPU *cpu, const ARMCPRegInfo *regs, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        const ARMCPRegInfo *ri = &regs[i];
        uint32_t key = arm_cp_key(ri->cp, ri->flags & ARM_CP_64BIT, ri->opc1, ri->crn,
                                  ri->crm, ri->opc2);
        ARMCPRegInfo *copy = g_memdup2(ri, sizeof(*ri));

        /* A later table (a model's) overrides an earlier one (the common). */
        g_hash_table_replace(cpu->cp_regs, GUINT_TO_POINTER(key), copy);
    }
}

const ARMCPRegInfo *arm_cp_find(ARMCPU *cpu, uint32_t key)
{
    return g_hash_table_lookup(cpu->cp_regs, GUINT_TO_POINTER(key));
}

static void reset_one(gpointer key, gpointer value, gpointer opaque)
{
    const ARMCPRegInfo *ri = value;
    CPUARMState *env = opaque;

    if (ri->resetfn) {
        ri->resetfn(env, ri);
        return;
    }
    if (ri->flags & (ARM_CP_CONST | ARM_CP_NOP | ARM_CP_NO_RAW)) {
        return;
    }
    for (int bank = 0; bank < 2; bank++) {
        raw_write(env, ri, bank, ri->resetvalue);
        if (ri->fieldoffset) {
            break;
        }
    }
}

void arm_cp_reset(ARMCPU *cpu)
{
    g_hash_table_foreach(cpu->cp_regs, reset_one, &cpu->env);
}

/* ---- identification ---- */

/*
 * With the Virtualization Extensions, Non-secure PL1 reads of MIDR and
 * MPIDR return VPIDR and VMPIDR (ARM ARM B4.1.105, B4.1.106); Hyp mode
 * and Secure state see the real values.
 */
static bool reads_virtual_ids(CPUARMState *env)
{
    return arm_feature(env, ARM_FEATURE_EL2) && !arm_is_secure(env) &&
           (env->uncached_cpsr & CPSR_M) != ARM_CPU_MODE_HYP;
}

static uint64_t midr_read(CPUARMState *env, const ARMCPRegInfo *ri, int bank)
{
    return reads_virtual_ids(env) ? env->cp15.vpidr : env_archcpu(env)->midr;
}

static uint32_t arm_real_mpidr(ARMCPU *cpu)
{
    /* Bit 31: the Multiprocessing Extensions' format; U (bit 30) = 0. */
    return (arm_feature(&cpu->env, ARM_FEATURE_MP) ? 0x80000000u : 0) | cpu->mp_affinity;
}

static uint64_t mpidr_read(CPUARMState *env, const ARMCPRegInfo *ri, int bank)
{
    return reads_virtual_ids(env) ? env->cp15.vmpidr : arm_real_mpidr(env_archcpu(env));
}

static uint64_t ccsidr_read(CPUARMState *env, const ARMCPRegInfo *ri, int bank)
{
    return env_archcpu(env)->ccsidr[env->cp15.csselr[bank] & 0xf];
}

#define ID_REG(NAME, CRM, OP2, MEMBER) \
    { .name = NAME, .cp = 15, .crn = 0, .crm = CRM, .opc2 = OP2, .access = PL1_RO, \
      .readfn = id_##MEMBER##_read, .flags = ARM_CP_NO_RAW }
#define ID_READ(MEMBER) \
    static uint64_t id_##MEMBER##_read(CPUARMState *env, const ARMCPRegInfo *ri, int bank) \
    { \
        return env_archcpu(env)->MEMBER; \
    }
ID_READ(ctr)
ID_READ(revidr)
ID_READ(id_pfr0)
ID_READ(id_pfr1)
ID_READ(id_dfr0)
ID_READ(id_afr0)
ID_READ(id_mmfr0)
ID_READ(id_mmfr1)
ID_READ(id_mmfr2)
ID_READ(id_mmfr3)
ID_READ(id_isar0)
ID_READ(id_isar1)
ID_READ(id_isar2)
ID_READ(id_isar3)
ID_READ(id_isar4)
ID_READ(id_isar5)
ID_READ(clidr)

/* ---- system control and translation ---- */

/* Writes that change how addresses translate drop the TLB. */
static void tlb_affecting_write(CPUARMState *env, const ARMCPRegInfo *ri, int bank,
                                uint64_t value)
{
    raw_write(env, ri, bank, value);
    tlb_flush(env_cpu(env));
}

static void actlr_reset(CPUARMState *env, const ARMCPRegInfo *ri)
{
    env->cp15.actlr = env_archcpu(env)->reset_auxcr;
}

/*
 * CPACR: with the Security Extensions, NSACR.CP10/CP11 (bits 10, 11)
 * clear make CPACR.cp10/cp11 RAZ/WI from Non-secure state (ARM ARM
 * B4.1.40, B4.1.111). ASEDIS (bit 31), D32DIS (30) and the cp10/cp11
 * fields are the implemented bits; cp10 and cp11 must be equal, cp11
 * follows cp10 (B4.1.40: other settings are UNPREDICTABLE).
 */
static uint32_t cpacr_ns_mask(CPUARMState *env)
{
    uint32_t mask = 0xc0f00000u;

    if (!arm_feature(env, ARM_FEATURE_EL3) || arm_is_secure(env)) {
        return mask;
    }
    if (!(env->cp15.nsacr & (1u << 10))) {
        mask &= ~(3u << 20);
    }
    if (!(env->cp15.nsacr & (1u << 11))) {
        mask &= ~(3u << 22);
    }
    return mask;
}

static uint64_t cpacr_read(CPUARMState *env, const ARMCPRegInfo *ri, int bank)
{
    return env->cp15.cpacr & cpacr_ns_mask(env);
}

static void cpacr_write(CPUARMState *env, const ARMCPRegInfo *ri, int bank, uint64_t value)
{
    uint32_t mask = cpacr_ns_mask(env);

    env->cp15.cpacr = (env->cp15.cpacr & ~mask) | ((uint32_t)value & mask);
}

/* ---- cache and TLB maintenance ---- */

/*
 * The MMU indexes a TLB operation acts on: those of the security state it
 * is executed in (a Non-secure TLBIALL leaves the Secure entries alone).
 */
static uint16_t tlbi_idxmap(CPUARMState *env)
{
    return arm_is_secure(env) ? (1u << ARM_MMU_IDX_S_PL1 | 1u << ARM_MMU_IDX_S_PL0)
                              : (1u << ARM_MMU_IDX_PL1 | 1u << ARM_MMU_IDX_PL0);
}

static void tlbiall_write(CPUARMState *env, const ARMCPRegInfo *ri, int bank, uint64_t value)
{
    tlb_flush_by_mmuidx(env_cpu(env), tlbi_idxmap(env));
}

static void tlbimva_write(CPUARMState *env, const ARMCPRegInfo *ri, int bank, uint64_t value)
{
    tlb_flush_page_by_mmuidx(env_cpu(env), value & TARGET_PAGE_MASK, tlbi_idxmap(env));
}

/* The Inner Shareable forms act on every CPU. */
static void tlbiall_is_write(CPUARMState *env, const ARMCPRegInfo *ri, int bank,
                             uint64_t value)
{
    tlb_flush_by_mmuidx_all_cpus(tlbi_idxmap(env));
}

static void tlbimva_is_write(CPUARMState *env, const ARMCPRegInfo *ri, int bank,
                             uint64_t value)
{
    tlb_flush_page_by_mmuidx_all_cpus(value & TARGET_PAGE_MASK, tlbi_idxmap(env));
}

#define CP15(NAME, OP1, CRN, CRM, OP2, ...) \
    { .name = NAME, .cp = 15, .opc1 = OP1, .crn = CRN, .crm = CRM, .opc2 = OP2, __VA_ARGS__ }
#define CACHE_OP(NAME, CRM, OP2) \
    CP15(NAME, 0, 7, CRM, OP2, .access = PL1_WO, .flags = ARM_CP_NOP)

static const ARMCPRegInfo v7_regs[] = {
    CP15("MIDR", 0, 0, 0, 0, .access = PL1_RO, .readfn = midr_read, .flags = ARM_CP_NO_RAW),
    ID_REG("CTR", 0, 1, ctr),
    CP15("TCMTR", 0, 0, 0, 2, .access = PL1_RO, .flags = ARM_CP_CONST, .resetvalue = 0),
    CP15("TLBTR", 0, 0, 0, 3, .access = PL1_RO, .flags = ARM_CP_CONST, .resetvalue = 0),
    CP15("MPIDR", 0, 0, 0, 5, .access = PL1_RO, .readfn = mpidr_read, .flags = ARM_CP_NO_RAW),
    ID_REG("REVIDR", 0, 6, revidr),
    ID_REG("ID_PFR0", 1, 0, id_pfr0),
    ID_REG("ID_PFR1", 1, 1, id_pfr1),
    ID_REG("ID_DFR0", 1, 2, id_dfr0),
    ID_REG("ID_AFR0", 1, 3, id_afr0),
    ID_REG("ID_MMFR0", 1, 4, id_mmfr0),
    ID_REG("ID_MMFR1", 1, 5, id_mmfr1),
    ID_REG("ID_MMFR2", 1, 6, id_mmfr2),
    ID_REG("ID_MMFR3", 1, 7, id_mmfr3),
    ID_REG("ID_ISAR0", 2, 0, id_isar0),
    ID_REG("ID_ISAR1", 2, 1, id_isar1),
    ID_REG("ID_ISAR2", 2, 2, id_isar2),
    ID_REG("ID_ISAR3", 2, 3, id_isar3),
    ID_REG("ID_ISAR4", 2, 4, id_isar4),
    ID_REG("ID_ISAR5", 2, 5, id_isar5),
    CP15("CCSIDR", 1, 0, 0, 0, .access = PL1_RO, .readfn = ccsidr_read, .flags = ARM_CP_NO_RAW),
    CP15("CLIDR", 1, 0, 0, 1, .access = PL1_RO, .readfn = id_clidr_read, .flags = ARM_CP_NO_RAW),
    CP15("AIDR", 1, 0, 0, 7, .access = PL1_RO, .flags = ARM_CP_CONST, .resetvalue = 0),
    CP15("CSSELR", 2, 0, 0, 0, .access = PL1_RW, BANKED(cp15.csselr)),

    CP15("SCTLR", 0, 1, 0, 0, .access = PL1_RW, BANKED(cp15.sctlr),
         .writefn = tlb_affecting_write, .flags = ARM_CP_END_TB),
    CP15("ACTLR", 0, 1, 0, 1, .access = PL1_RW, FIELD(cp15.actlr), .resetfn = actlr_reset),
    CP15("CPACR", 0, 1, 0, 2, .access = PL1_RW, FIELD(cp15.cpacr), .readfn = cpacr_read,
         .writefn = cpacr_write, .flags = ARM_CP_END_TB),

    CP15("TTBR0", 0, 2, 0, 0, .access = PL1_RW, BANKED(cp15.ttbr0),
         .writefn = tlb_affecting_write, .flags = ARM_CP_FIELD64),
    CP15("TTBR1", 0, 2, 0, 1, .access = PL1_RW, BANKED(cp15.ttbr1),
         .writefn = tlb_affecting_write, .flags = ARM_CP_FIELD64),
    CP15("TTBCR", 0, 2, 0, 2, .access = PL1_RW, BANKED(cp15.ttbcr),
         .writefn = tlb_affecting_write),
    CP15("DACR", 0, 3, 0, 0, .access = PL1_RW, BANKED(cp15.dacr),
         .writefn = tlb_affecting_write),

    CP15("DFSR", 0, 5, 0, 0, .access = PL1_RW, BANKED(cp15.dfsr)),
    CP15("IFSR", 0, 5, 0, 1, .access = PL1_RW, BANKED(cp15.ifsr)),
    CP15("ADFSR", 0, 5, 1, 0, .access = PL1_RW, BANKED(cp15.adfsr)),
    CP15("AIFSR", 0, 5, 1, 1, .access = PL1_RW, BANKED(cp15.aifsr)),
    CP15("DFAR", 0, 6, 0, 0, .access = PL1_RW, BANKED(cp15.dfar)),
    CP15("IFAR", 0, 6, 0, 2, .access = PL1_RW, BANKED(cp15.ifar)),

    CACHE_OP("ICIALLUIS", 1, 0),
    CACHE_OP("BPIALLIS", 1, 6),
    CP15("PAR", 0, 7, 4, 0, .access = PL1_RW, BANKED(cp15.par), .flags = ARM_CP_FIELD64),
    CACHE_OP("ICIALLU", 5, 0),
    CACHE_OP("ICIMVAU", 5, 1),
    CACHE_OP("CP15ISB", 5, 4),
    CACHE_OP("BPIALL", 5, 6),
    CACHE_OP("BPIMVA", 5, 7),
    CACHE_OP("DCIMVAC", 6, 1),
    CACHE_OP("DCISW", 6, 2),
    CACHE_OP("DCCMVAC", 10, 1),
    CACHE_OP("DCCSW", 10, 2),
    CACHE_OP("CP15DSB", 10, 4),
    CACHE_OP("CP15DMB", 10, 5),
    CACHE_OP("DCCMVAU", 11, 1),
    CACHE_OP("DCCIMVAC", 14, 1),
    CACHE_OP("DCCISW", 14, 2),

    /*
     * TLB maintenance. Entries are not tagged with ASIDs: the by-ASID
     * operations drop everything, the by-MVA ones the page in every mode.
     */
    CP15("TLBIALLIS", 0, 8, 3, 0, .access = PL1_WO, .writefn = tlbiall_is_write,
         .flags = ARM_CP_NO_RAW),
    CP15("TLBIMVAIS", 0, 8, 3, 1, .access = PL1_WO, .writefn = tlbimva_is_write,
         .flags = ARM_CP_NO_RAW),
    CP15("TLBIASIDIS", 0, 8, 3, 2, .access = PL1_WO, .writefn = tlbiall_is_write,
         .flags = ARM_CP_NO_RAW),
    CP15("TLBIMVAAIS", 0, 8, 3, 3, .access = PL1_WO, .writefn = tlbimva_is_write,
         .flags = ARM_CP_NO_RAW),
    CP15("ITLBIALL", 0, 8, 5, 0, .access = PL1_WO, .writefn = tlbiall_write,
         .flags = ARM_CP_NO_RAW),
    CP15("ITLBIMVA", 0, 8, 5, 1, .access = PL1_WO, .writefn = tlbimva_write,
         .flags = ARM_CP_NO_RAW),
    CP15("ITLBIASID", 0, 8, 5, 2, .access = PL1_WO, .writefn = tlbiall_write,
         .flags = ARM_CP_NO_RAW),
    CP15("DTLBIALL", 0, 8, 6, 0, .access = PL1_WO, .writefn = tlbiall_write,
         .flags = ARM_CP_NO_RAW),
    CP15("DTLBIMVA", 0, 8, 6, 1, .access = PL1_WO, .writefn = tlbimva_write,
         .flags = ARM_CP_NO_RAW),
    CP15("DTLBIASID", 0, 8, 6, 2, .access = PL1_WO, .writefn = tlbiall_write,
         .flags = ARM_CP_NO_RAW),
    CP15("TLBIALL", 0, 8, 7, 0, .access = PL1_WO, .writefn = tlbiall_write,
         .flags = ARM_CP_NO_RAW),
    CP15("TLBIMVA", 0, 8, 7, 1, .access = PL1_WO, .writefn = tlbimva_write,
         .flags = ARM_CP_NO_RAW),
    CP15("TLBIASID", 0, 8, 7, 2, .access = PL1_WO, .writefn = tlbiall_write,
         .flags = ARM_CP_NO_RAW),
    CP15("TLBIMVAA", 0, 8, 7, 3, .access = PL1_WO, .writefn = tlbimva_write,
         .flags = ARM_CP_NO_RAW),

    CP15("PRRR", 0, 10, 2, 0, .access = PL1_RW, BANKED(cp15.prrr),
         .writefn = tlb_affecting_write),
    CP15("NMRR", 0, 10, 2, 1, .access = PL1_RW, BANKED(cp15.nmrr),
         .writefn = tlb_affecting_write),

    CP15("VBAR", 0, 12, 0, 0, .access = PL1_RW, BANKED(cp15.vbar)),

    CP15("FCSEIDR", 0, 13, 0, 0, .access = PL1_RW, BANKED(cp15.fcseidr)),
    CP15("CONTEXTIDR", 0, 13, 0, 1, .access = PL1_RW, BANKED(cp15.contextidr),
         .writefn = tlb_affecting_write),
    CP15("TPIDRURW", 0, 13, 0, 2, .access = PL0_RW, BANKED(cp15.tpidrurw)),
    CP15("TPIDRURO", 0, 13, 0, 3, .access = PL0_R | PL1_RW, BANKED(cp15.tpidruro)),
    CP15("TPIDRPRW", 0, 13, 0, 4, .access = PL1_RW, BANKED(cp15.tpidrprw)),
};

/* ---- Performance Monitors (ARM ARM C12; ARM_FEATURE_PMU) ---- */

/*
 * Only the cycle counter is implemented: PMCR.N advertises the model's
 * event counters (TRM facts) but PMXEVTYPER and PMXEVCNTR read as zero and
 * ignore writes, so that they never count. The cycle counter advances one
 * cycle per nanosecond of the virtual clock (every 64 with PMCR.D).
 */
#define PMCR_E      (1u << 0)
#define PMCR_P      (1u << 1)
#define PMCR_C      (1u << 2)
#define PMCR_D      (1u << 3)
#define PMCR_WMASK  0x39u       /* E, D, X, DP: the bits that are stored */
#define PMU_CYCLE_BIT (1u << 31)

static uint32_t pmu_counter_mask(CPUARMState *env)
{
    uint32_t n = (env_archcpu(env)->reset_pmcr >> 11) & 0x1f;

    return PMU_CYCLE_BIT | ((1u << n) - 1);
}

static bool pmu_cycles_counting(CPUARMState *env)
{
    return (env->cp15.pmcr & PMCR_E) && (env->cp15.pmcnten & PMU_CYCLE_BIT);
}

static uint64_t pmu_clock_cycles(CPUARMState *env)
{
    uint64_t ns = qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL);

    return (env->cp15.pmcr & PMCR_D) ? ns / 64 : ns;
}

/* The cycle count now, whichever form pmccntr holds (cpu.h). */
static uint64_t pmu_cycles_get(CPUARMState *env)
{
    return pmu_cycles_counting(env) ? env->cp15.pmccntr + pmu_clock_cycles(env)
                                    : env->cp15.pmccntr;
}

/*
 * Around a change of PMCR.E/D or PMCNTENSET[31]: freeze turns pmccntr into
 * the value, thaw back into an offset under the new settings.
 */
static void pmu_cycles_freeze(CPUARMState *env)
{
    env->cp15.pmccntr = pmu_cycles_get(env);
}

static void pmu_cycles_thaw(CPUARMState *env)
{
    if (pmu_cycles_counting(env)) {
        env->cp15.pmccntr -= pmu_clock_cycles(env);
    }
}

static void pmu_cycles_set(CPUARMState *env, uint64_t value)
{
    env->cp15.pmccntr = value;
    pmu_cycles_thaw(env);
}

/* PL0 access needs PMUSERENR.EN (ARM ARM B4.1.127). */
static bool pmreg_access(CPUARMState *env, const ARMCPRegInfo *ri, bool isread)
{
    return !arm_is_user(env) || (env->cp15.pmuserenr & 1);
}

static uint64_t pmcr_read(CPUARMState *env, const ARMCPRegInfo *ri, int bank)
{
    return (env_archcpu(env)->reset_pmcr & ~PMCR_WMASK) | (env->cp15.pmcr & PMCR_WMASK);
}

static void pmcr_write(CPUARMState *env, const ARMCPRegInfo *ri, int bank, uint64_t value)
{
    pmu_cycles_freeze(env);
    if (value & PMCR_C) {
        env->cp15.pmccntr = 0;
    }
    env->cp15.pmcr = value & PMCR_WMASK;
    pmu_cycles_thaw(env);
}

static void pmcr_reset(CPUARMState *env, const ARMCPRegInfo *ri)
{
    env->cp15.pmcr = env_archcpu(env)->reset_pmcr & PMCR_WMASK;
}

static void pmcnten_write(CPUARMState *env, const ARMCPRegInfo *ri, int bank, uint64_t value)
{
    uint32_t v = value & pmu_counter_mask(env);

    pmu_cycles_freeze(env);
    if (ri->opc2 == 1) {
        env->cp15.pmcnten |= v;         /* PMCNTENSET */
    } else {
        env->cp15.pmcnten &= ~v;        /* PMCNTENCLR */
    }
    pmu_cycles_thaw(env);
}

static void pmovsr_write(CPUARMState *env, const ARMCPRegInfo *ri, int bank, uint64_t value)
{
    env->cp15.pmovsr &= ~(uint32_t)value;       /* write one to clear */
}

static void pmselr_write(CPUARMState *env, const ARMCPRegInfo *ri, int bank, uint64_t value)
{
    env->cp15.pmselr = value & 0x1f;
}

static uint64_t pmccntr_read(CPUARMState *env, const ARMCPRegInfo *ri, int bank)
{
    return (uint32_t)pmu_cycles_get(env);
}

static void pmccntr_write(CPUARMState *env, const ARMCPRegInfo *ri, int bank, uint64_t value)
{
    pmu_cycles_set(env, (uint32_t)value);
}

static void pmuserenr_write(CPUARMState *env, const ARMCPRegInfo *ri, int bank,
                            uint64_t value)
{
    env->cp15.pmuserenr = value & 1;
}

static void pminten_write(CPUARMState *env, const ARMCPRegInfo *ri, int bank, uint64_t value)
{
    uint32_t v = value & pmu_counter_mask(env);

    if (ri->opc2 == 1) {
        env->cp15.pmintenset |= v;      /* PMINTENSET */
    } else {
        env->cp15.pmintenset &= ~v;     /* PMINTENCLR */
    }
}

#define PMU_REG(NAME, CRM, OP2, ...) \
    CP15(NAME, 0, 9, CRM, OP2, .access = PL0_RW, .accessfn = pmreg_access, __VA_ARGS__)

static const ARMCPRegInfo pmu_regs[] = {
    PMU_REG("PMCR", 12, 0, FIELD(cp15.pmcr), .readfn = pmcr_read, .writefn = pmcr_write,
            .resetfn = pmcr_reset, .flags = ARM_CP_IO),
    PMU_REG("PMCNTENSET", 12, 1, FIELD(cp15.pmcnten), .writefn = pmcnten_write,
            .flags = ARM_CP_IO),
    PMU_REG("PMCNTENCLR", 12, 2, FIELD(cp15.pmcnten), .writefn = pmcnten_write,
            .flags = ARM_CP_IO | ARM_CP_NO_RAW),
    PMU_REG("PMOVSR", 12, 3, FIELD(cp15.pmovsr), .writefn = pmovsr_write),
    PMU_REG("PMSWINC", 12, 4, .flags = ARM_CP_NOP),
    PMU_REG("PMSELR", 12, 5, FIELD(cp15.pmselr), .writefn = pmselr_write),
    PMU_REG("PMCCNTR", 13, 0, FIELD(cp15.pmccntr), .readfn = pmccntr_read,
            .writefn = pmccntr_write, .flags = ARM_CP_IO | ARM_CP_FIELD64),
    /* No event counters are implemented: see above. */
    PMU_REG("PMXEVTYPER", 13, 1, .flags = ARM_CP_CONST, .resetvalue = 0),
    PMU_REG("PMXEVCNTR", 13, 2, .flags = ARM_CP_CONST, .resetvalue = 0),
    CP15("PMUSERENR", 0, 9, 14, 0, .access = PL0_R | PL1_RW, FIELD(cp15.pmuserenr),
         .writefn = pmuserenr_write),
    CP15("PMINTENSET", 0, 9, 14, 1, .access = PL1_RW, FIELD(cp15.pmintenset),
         .writefn = pminten_write),
    CP15("PMINTENCLR", 0, 9, 14, 2, .access = PL1_RW, FIELD(cp15.pmintenset),
         .writefn = pminten_write, .flags = ARM_CP_NO_RAW),
};

/* ---- Security Extensions (ARM ARM B1.5; ARM_FEATURE_EL3) ---- */

/* SCR: NS IRQ FIQ EA FW AW nET SCD HCE SIF (B4.1.129); HCE needs EL2. */
static void scr_write(CPUARMState *env, const ARMCPRegInfo *ri, int bank, uint64_t value)
{
    uint32_t mask = 0x2ffu;

    if (arm_feature(env, ARM_FEATURE_EL2)) {
        mask |= 1u << 8;
    }
    env->cp15.scr = value & mask;
}

static void scr_reset(CPUARMState *env, const ARMCPRegInfo *ri)
{
    env->cp15.scr = 0;      /* Secure state out of reset */
}

static void sder_write(CPUARMState *env, const ARMCPRegInfo *ri, int bank, uint64_t value)
{
    env->cp15.sder = value & 3;     /* SUIDEN, SUNIDEN */
}

/* NSACR: CP10, CP11, NSD32DIS, NSASEDIS, and the A9's PLE, TL, NS_SMP. */
static void nsacr_write(CPUARMState *env, const ARMCPRegInfo *ri, int bank, uint64_t value)
{
    env->cp15.nsacr = value & 0x0007cc00u;
}

static void mvbar_write(CPUARMState *env, const ARMCPRegInfo *ri, int bank, uint64_t value)
{
    env->cp15.mvbar = value & ~0x1fu;
}

/*
 * SCR, SDER, MVBAR: Secure PL1 only (PL3 here); a write to SCR changes
 * the security state and with it the TB flags. NSACR: readable from
 * Non-secure PL1 and PL2, writable from Secure PL1.
 */
static const ARMCPRegInfo el3_regs[] = {
    CP15("SCR", 0, 1, 1, 0, .access = PL3_RW, FIELD(cp15.scr), .writefn = scr_write,
         .resetfn = scr_reset, .flags = ARM_CP_END_TB),
    CP15("SDER", 0, 1, 1, 1, .access = PL3_RW, FIELD(cp15.sder), .writefn = sder_write),
    CP15("NSACR", 0, 1, 1, 2, .access = PL1_RO | PL3_W, FIELD(cp15.nsacr),
         .writefn = nsacr_write, .flags = ARM_CP_END_TB),
    CP15("MVBAR", 0, 12, 0, 1, .access = PL3_RW, FIELD(cp15.mvbar), .writefn = mvbar_write),
};

/* ---- Virtualization Extensions (ARM ARM B1.7; ARM_FEATURE_EL2) ---- */

/*
 * The Hyp registers: Hyp mode, or Monitor mode with SCR.NS set (B4.1.1).
 * Other Secure PL1 modes run at PL3 here and must UNDEF.
 */
bool arm_cp_hyp_access(CPUARMState *env, const ARMCPRegInfo *ri, bool isread)
{
    uint32_t mode = env->uncached_cpsr & CPSR_M;

    if (mode == ARM_CPU_MODE_HYP) {
        return true;
    }
    return mode == ARM_CPU_MODE_MON && (env->cp15.scr & 1);
}

static void vpidr_reset(CPUARMState *env, const ARMCPRegInfo *ri)
{
    env->cp15.vpidr = env_archcpu(env)->midr;
}

static void vmpidr_reset(CPUARMState *env, const ARMCPRegInfo *ri)
{
    env->cp15.vmpidr = arm_real_mpidr(env_archcpu(env));
}

/* HCR: the routing of interrupts changes, VI/VF raise virtual interrupts. */
static void hcr_write(CPUARMState *env, const ARMCPRegInfo *ri, int bank, uint64_t value)
{
    uint32_t old = env->cp15.hcr;

    env->cp15.hcr = value;
    /* HCR.VM turns stage 2 on or off for the Non-secure PL1&0 entries. */
    if ((old ^ (uint32_t)value) & HCR_VM) {
        tlb_flush_by_mmuidx(env_cpu(env), 1u << ARM_MMU_IDX_PL1 | 1u << ARM_MMU_IDX_PL0);
    }
    arm_update_virtual_irqs(env_archcpu(env));
}

/* VTTBR, VTCR: stage 2 of the Non-secure PL1&0 entries. */
static void s2_tlb_affecting_write(CPUARMState *env, const ARMCPRegInfo *ri, int bank,
                                   uint64_t value)
{
    if (ri->flags & ARM_CP_FIELD64) {
        *(uint64_t *)((char *)env + ri->fieldoffset) = value;
    } else {
        *(uint32_t *)((char *)env + ri->fieldoffset) = value;
    }
    tlb_flush_by_mmuidx(env_cpu(env), 1u << ARM_MMU_IDX_PL1 | 1u << ARM_MMU_IDX_PL0);
}

/* The PL2 regime's TLB entries depend on HSCTLR, HTCR and HTTBR. */
static void hyp_tlb_affecting_write(CPUARMState *env, const ARMCPRegInfo *ri, int bank,
                                    uint64_t value)
{
    if (ri->flags & ARM_CP_FIELD64) {
        *(uint64_t *)((char *)env + ri->fieldoffset) = value;
    } else {
        *(uint32_t *)((char *)env + ri->fieldoffset) = value;
    }
    tlb_flush_by_mmuidx(env_cpu(env), 1u << ARM_MMU_IDX_PL2);
}

/* TLBIALLH, TLBIMVAH: the Hyp entries; TLBIALLNSNH: the Non-secure PL1&0 ones. */
static void tlbiallh_write(CPUARMState *env, const ARMCPRegInfo *ri, int bank, uint64_t value)
{
    tlb_flush_by_mmuidx(env_cpu(env), 1u << ARM_MMU_IDX_PL2);
}

static void tlbimvah_write(CPUARMState *env, const ARMCPRegInfo *ri, int bank, uint64_t value)
{
    tlb_flush_page_by_mmuidx(env_cpu(env), value & TARGET_PAGE_MASK, 1u << ARM_MMU_IDX_PL2);
}

static void tlbiallnsnh_write(CPUARMState *env, const ARMCPRegInfo *ri, int bank,
                              uint64_t value)
{
    tlb_flush_by_mmuidx(env_cpu(env), 1u << ARM_MMU_IDX_PL1 | 1u << ARM_MMU_IDX_PL0);
}

static void tlbiallh_is_write(CPUARMState *env, const ARMCPRegInfo *ri, int bank,
                              uint64_t value)
{
    tlb_flush_by_mmuidx_all_cpus(1u << ARM_MMU_IDX_PL2);
}

static void tlbiallnsnh_is_write(CPUARMState *env, const ARMCPRegInfo *ri, int bank,
                                 uint64_t value)
{
    tlb_flush_by_mmuidx_all_cpus(1u << ARM_MMU_IDX_PL1 | 1u << ARM_MMU_IDX_PL0);
}

#define HYP_REG(NAME, OP1, CRN, CRM, OP2, ...) \
    CP15(NAME, OP1, CRN, CRM, OP2, .access = PL2_RW, .accessfn = arm_cp_hyp_access, __VA_ARGS__)

#define HYP_OP(NAME, CRM, OP2, FN) \
    CP15(NAME, 4, 8, CRM, OP2, .access = PL2_W | PL3_W, .accessfn = arm_cp_hyp_access, \
         .writefn = FN, .flags = ARM_CP_NO_RAW)

/* The Hyp registers (stage 2: VTTBR, VTCR, HCR.VM; ptw.c). */
static const ARMCPRegInfo el2_regs[] = {
    HYP_REG("VPIDR", 4, 0, 0, 0, FIELD(cp15.vpidr), .resetfn = vpidr_reset),
    HYP_REG("VMPIDR", 4, 0, 0, 5, FIELD(cp15.vmpidr), .resetfn = vmpidr_reset),
    HYP_REG("HSCTLR", 4, 1, 0, 0, FIELD(cp15.hsctlr), .writefn = hyp_tlb_affecting_write,
            .flags = ARM_CP_END_TB),
    HYP_REG("HACTLR", 4, 1, 0, 1, .flags = ARM_CP_CONST, .resetvalue = 0),
    HYP_REG("HCR", 4, 1, 1, 0, FIELD(cp15.hcr), .writefn = hcr_write,
            .flags = ARM_CP_END_TB),
    HYP_REG("HDCR", 4, 1, 1, 1, FIELD(cp15.hdcr)),
    HYP_REG("HCPTR", 4, 1, 1, 2, FIELD(cp15.hcptr)),
    HYP_REG("HSTR", 4, 1, 1, 3, FIELD(cp15.hstr)),
    HYP_REG("HACR", 4, 1, 1, 7, .flags = ARM_CP_CONST, .resetvalue = 0),
    HYP_REG("HTCR", 4, 2, 0, 2, FIELD(cp15.htcr), .writefn = hyp_tlb_affecting_write),
    HYP_REG("VTCR", 4, 2, 1, 2, FIELD(cp15.vtcr), .writefn = s2_tlb_affecting_write),
    HYP_REG("HSR", 4, 5, 2, 0, FIELD(cp15.hsr)),
    HYP_REG("HDFAR", 4, 6, 0, 0, FIELD(cp15.hdfar)),
    HYP_REG("HIFAR", 4, 6, 0, 2, FIELD(cp15.hifar)),
    HYP_REG("HPFAR", 4, 6, 0, 4, FIELD(cp15.hpfar)),
    HYP_REG("HVBAR", 4, 12, 0, 0, FIELD(cp15.hvbar)),
    CP15("HTTBR", 4, 0, 2, 0, .access = PL2_RW, .accessfn = arm_cp_hyp_access,
         FIELD(cp15.httbr), .flags = ARM_CP_64BIT | ARM_CP_FIELD64,
         .writefn = hyp_tlb_affecting_write),
    HYP_REG("HMAIR0", 4, 10, 2, 0, FIELD(cp15.hmair[0])),
    HYP_REG("HMAIR1", 4, 10, 2, 1, FIELD(cp15.hmair[1])),
    HYP_REG("HAMAIR0", 4, 10, 3, 0, .flags = ARM_CP_CONST, .resetvalue = 0),
    HYP_REG("HAMAIR1", 4, 10, 3, 1, .flags = ARM_CP_CONST, .resetvalue = 0),
    HYP_OP("TLBIALLHIS", 3, 0, tlbiallh_is_write),
    HYP_OP("TLBIMVAHIS", 3, 1, tlbiallh_is_write),
    HYP_OP("TLBIALLNSNHIS", 3, 4, tlbiallnsnh_is_write),
    HYP_OP("TLBIALLH", 7, 0, tlbiallh_write),
    HYP_OP("TLBIMVAH", 7, 1, tlbimvah_write),
    HYP_OP("TLBIALLNSNH", 7, 4, tlbiallnsnh_write),
    CP15("VTTBR", 6, 0, 2, 0, .access = PL2_RW, .accessfn = arm_cp_hyp_access,
         FIELD(cp15.vttbr), .flags = ARM_CP_64BIT | ARM_CP_FIELD64,
         .writefn = s2_tlb_affecting_write),
};

/* ---- IMPLEMENTATION DEFINED registers of the models ---- */

/*
 * Cortex-A9 (TRM DDI 0388, 4.3 "Power Control Register"): the Power
 * Control Register, and the Diagnostic Control Register (c15, 0, c0, 1,
 * not described in the TRM) that Linux's errata workarounds set; both
 * keep what is written.
 */
static const ARMCPRegInfo a9_regs[] = {
    CP15("A9_PCR", 0, 15, 0, 0, .access = PL1_RW, FIELD(cp15.a9_pcr)),
    CP15("A9_DIAG", 0, 15, 0, 1, .access = PL1_RW, FIELD(cp15.a9_diag)),
};

/*
 * Cortex-A15 (TRM DDI 0438, 4.3.48 "L2 Control Register" and the L2
 * Extended Control Register after it) and Cortex-A7 (TRM DDI 0464, the same
 * registers in 4.3): L2CTLR[25:24] is the number of processors minus one,
 * read-only; the rest reads as written, and Non-secure writes are ignored
 * (4.3.48). L2ECTLR keeps what is written.
 */
static uint64_t l2ctlr_read(CPUARMState *env, const ARMCPRegInfo *ri, int bank)
{
    uint32_t n = env_archcpu(env)->core_count;

    return (env->cp15.l2ctlr & ~(3u << 24)) | ((n ? n - 1 : 0) & 3) << 24;
}

static void l2ctlr_write(CPUARMState *env, const ARMCPRegInfo *ri, int bank, uint64_t value)
{
    if (!arm_feature(env, ARM_FEATURE_EL3) || arm_is_secure(env)) {
        env->cp15.l2ctlr = value;
    }
}

static const ARMCPRegInfo a15_l2_regs[] = {
    CP15("L2CTLR", 1, 9, 0, 2, .access = PL1_RW, FIELD(cp15.l2ctlr), .readfn = l2ctlr_read,
         .writefn = l2ctlr_write),
    CP15("L2ECTLR", 1, 9, 0, 3, .access = PL1_RW, FIELD(cp15.l2ectlr)),
};

static uint64_t cbar_read(CPUARMState *env, const ARMCPRegInfo *ri, int bank)
{
    return env_archcpu(env)->reset_cbar;
}

static const ARMCPRegInfo cbar_regs[] = {
    CP15("CBAR", 4, 15, 0, 0, .access = PL1_RO, .readfn = cbar_read, .flags = ARM_CP_NO_RAW),
};

/* ---- address translation operations and the 64-bit forms of LPAE ---- */

#define ATS(NAME, OP2, ...) \
    CP15(NAME, 0, 7, 8, OP2, .access = PL1_WO, .writefn = arm_ats_write, \
         .flags = ARM_CP_NO_RAW, __VA_ARGS__)

static const ARMCPRegInfo ats_regs[] = {
    ATS("ATS1CPR", 0), ATS("ATS1CPW", 1), ATS("ATS1CUR", 2), ATS("ATS1CUW", 3),
};

static const ARMCPRegInfo ats_ns_regs[] = {
    ATS("ATS12NSOPR", 4, .accessfn = arm_ats_ns_access),
    ATS("ATS12NSOPW", 5, .accessfn = arm_ats_ns_access),
    ATS("ATS12NSOUR", 6, .accessfn = arm_ats_ns_access),
    ATS("ATS12NSOUW", 7, .accessfn = arm_ats_ns_access),
};

/* MCRR/MRRC: TTBR0 (opc1 0), TTBR1 (opc1 1) and PAR with LPAE. */
static const ARMCPRegInfo lpae_regs[] = {
    { .name = "TTBR0_64", .cp = 15, .opc1 = 0, .crm = 2, .access = PL1_RW,
      BANKED(cp15.ttbr0), .writefn = tlb_affecting_write,
      .flags = ARM_CP_64BIT | ARM_CP_FIELD64 | ARM_CP_NO_RAW },
    { .name = "TTBR1_64", .cp = 15, .opc1 = 1, .crm = 2, .access = PL1_RW,
      BANKED(cp15.ttbr1), .writefn = tlb_affecting_write,
      .flags = ARM_CP_64BIT | ARM_CP_FIELD64 | ARM_CP_NO_RAW },
    { .name = "PAR_64", .cp = 15, .opc1 = 0, .crm = 7, .access = PL1_RW,
      BANKED(cp15.par), .flags = ARM_CP_64BIT | ARM_CP_FIELD64 | ARM_CP_NO_RAW },
};

static void arm_mmu_regs_register(ARMCPU *cpu)
{
    arm_cp_register(cpu, ats_regs, G_N_ELEMENTS(ats_regs));
    if (arm_feature(&cpu->env, ARM_FEATURE_EL3)) {
        arm_cp_register(cpu, ats_ns_regs, G_N_ELEMENTS(ats_ns_regs));
    }
    if (arm_feature(&cpu->env, ARM_FEATURE_LPAE)) {
        arm_cp_register(cpu, lpae_regs, G_N_ELEMENTS(lpae_regs));
    }
}

/*
 * CP14 debug registers (ARMv7 debug over CP14). No debug events are
 * generated: breakpoint and watchpoint registers read as zero and ignore
 * writes; DBGDSCR keeps what the kernel writes so that it sees its monitor
 * mode enabled.
 */
static uint64_t dbgdidr_read(CPUARMState *env, const ARMCPRegInfo *ri, int bank)
{
    return env_archcpu(env)->dbgdidr;
}

/* DBGDSCRext: MDBGen (15) and the other writable control bits. */
static void dbgdscr_write(CPUARMState *env, const ARMCPRegInfo *ri, int bank, uint64_t value)
{
    env->cp15.dbgdscr = value & 0x2000f0fcu;
}

#define CP14(NAME, OP1, CRN, CRM, OP2, ...) \
    { .name = NAME, .cp = 14, .opc1 = OP1, .crn = CRN, .crm = CRM, .opc2 = OP2, __VA_ARGS__ }
#define DBG_BWP(N) \
    CP14("DBGBVR" #N, 0, 0, N, 4, .access = PL1_RW, .flags = ARM_CP_NOP), \
    CP14("DBGBCR" #N, 0, 0, N, 5, .access = PL1_RW, .flags = ARM_CP_NOP), \
    CP14("DBGWVR" #N, 0, 0, N, 6, .access = PL1_RW, .flags = ARM_CP_NOP), \
    CP14("DBGWCR" #N, 0, 0, N, 7, .access = PL1_RW, .flags = ARM_CP_NOP)

static const ARMCPRegInfo debug_regs[] = {
    CP14("DBGDIDR", 0, 0, 0, 0, .access = PL0_RO, .readfn = dbgdidr_read,
         .flags = ARM_CP_NO_RAW),
    CP14("DBGDRAR", 0, 1, 0, 0, .access = PL0_RO, .flags = ARM_CP_CONST, .resetvalue = 0),
    CP14("DBGDSAR", 0, 2, 0, 0, .access = PL0_RO, .flags = ARM_CP_CONST, .resetvalue = 0),
    CP14("DBGDSCRint", 0, 0, 1, 0, .access = PL0_RO, FIELD(cp15.dbgdscr)),
    CP14("DBGDSCRext", 0, 0, 2, 2, .access = PL1_RW, FIELD(cp15.dbgdscr),
         .writefn = dbgdscr_write),
    CP14("DBGWFAR", 0, 0, 6, 0, .access = PL1_RW, .flags = ARM_CP_NOP),
    CP14("DBGVCR", 0, 0, 7, 0, .access = PL1_RW, .flags = ARM_CP_NOP),
    CP14("DBGOSLAR", 0, 1, 0, 4, .access = PL1_WO, .flags = ARM_CP_NOP),
    CP14("DBGOSLSR", 0, 1, 1, 4, .access = PL1_RO, .flags = ARM_CP_CONST, .resetvalue = 0),
    CP14("DBGOSDLR", 0, 1, 3, 4, .access = PL1_RW, .flags = ARM_CP_NOP),
    CP14("DBGPRCR", 0, 1, 4, 4, .access = PL1_RW, .flags = ARM_CP_NOP),
    CP14("DBGPRSR", 0, 1, 5, 4, .access = PL1_RO, .flags = ARM_CP_CONST, .resetvalue = 0),
    DBG_BWP(0), DBG_BWP(1), DBG_BWP(2), DBG_BWP(3), DBG_BWP(4), DBG_BWP(5),
    DBG_BWP(6), DBG_BWP(7), DBG_BWP(8), DBG_BWP(9), DBG_BWP(10), DBG_BWP(11),
    DBG_BWP(12), DBG_BWP(13), DBG_BWP(14), DBG_BWP(15),
};

/*
 * ThumbEE (ID_PFR0.State3 on all our models): no ThumbEE execution state,
 * but the two CP14 registers exist, and Linux switches TEEHBR per thread.
 * TEECR.XED withholds TEEHBR from PL0.
 */
static bool teehbr_access(CPUARMState *env, const ARMCPRegInfo *ri, bool isread)
{
    return !arm_is_user(env) || !(env->cp15.teecr & 1);
}

static void teecr_write(CPUARMState *env, const ARMCPRegInfo *ri, int bank, uint64_t value)
{
    env->cp15.teecr = value & 1;
}

static void teehbr_write(CPUARMState *env, const ARMCPRegInfo *ri, int bank, uint64_t value)
{
    env->cp15.teehbr = value & ~3u;
}

static const ARMCPRegInfo thumbee_regs[] = {
    CP14("TEECR", 6, 0, 0, 0, .access = PL1_RW, FIELD(cp15.teecr), .writefn = teecr_write),
    CP14("TEEHBR", 6, 1, 0, 0, .access = PL0_RW, .accessfn = teehbr_access,
         FIELD(cp15.teehbr), .writefn = teehbr_write),
};

void arm_cp_init_cpu(ARMCPU *cpu)
{
    cpu->cp_regs = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, g_free);
    arm_cp_register(cpu, v7_regs, G_N_ELEMENTS(v7_regs));
    uint32_t part = (cpu->midr >> 4) & 0xfff;

    if (arm_feature(&cpu->env, ARM_FEATURE_CBAR_RO)) {
        arm_cp_register(cpu, cbar_regs, G_N_ELEMENTS(cbar_regs));
    }
    if (arm_feature(&cpu->env, ARM_FEATURE_PMU)) {
        arm_cp_register(cpu, pmu_regs, G_N_ELEMENTS(pmu_regs));
    }
    if (arm_feature(&cpu->env, ARM_FEATURE_EL3)) {
        arm_cp_register(cpu, el3_regs, G_N_ELEMENTS(el3_regs));
    }
    if (arm_feature(&cpu->env, ARM_FEATURE_EL2)) {
        arm_cp_register(cpu, el2_regs, G_N_ELEMENTS(el2_regs));
    }
    if (part == 0xc09) {
        arm_cp_register(cpu, a9_regs, G_N_ELEMENTS(a9_regs));
    } else if (part == 0xc0f || part == 0xc07) {
        arm_cp_register(cpu, a15_l2_regs, G_N_ELEMENTS(a15_l2_regs));
    }
    if (arm_feature(&cpu->env, ARM_FEATURE_GENERIC_TIMER)) {
        arm_gt_register(cpu);
    }
    arm_mmu_regs_register(cpu);
    arm_cp_register(cpu, debug_regs, G_N_ELEMENTS(debug_regs));
    if (((cpu->id_pfr0 >> 12) & 0xf) != 0) {
        arm_cp_register(cpu, thumbee_regs, G_N_ELEMENTS(thumbee_regs));
    }
}
