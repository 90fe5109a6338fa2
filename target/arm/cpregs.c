/*
 * ARM coprocessor registers: the per-CPU table and the registers every
 * ARMv7-A core has (identification, system control, translation table
 * control, fault status, cache and TLB maintenance, thread IDs).
 */
#include "qemu/osdep.h"
#include "target/arm/cpregs.h"
#include "exec/exec-all.h"
#include "qemu/main-loop.h"

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

static uint64_t midr_read(CPUARMState *env, const ARMCPRegInfo *ri, int bank)
{
    return env_archcpu(env)->midr;
}

static uint64_t mpidr_read(CPUARMState *env, const ARMCPRegInfo *ri, int bank)
{
    ARMCPU *cpu = env_archcpu(env);

    /* Bit 31: the Multiprocessing Extensions' format; U (bit 30) = 0. */
    return (arm_feature(env, ARM_FEATURE_MP) ? 0x80000000u : 0) | cpu->mp_affinity;
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
    CP15("ACTLR", 0, 1, 0, 1, .access = PL1_RW, FIELD(cp15.actlr)),
    CP15("CPACR", 0, 1, 0, 2, .access = PL1_RW, FIELD(cp15.cpacr), .flags = ARM_CP_END_TB),

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

void arm_cp_init_cpu(ARMCPU *cpu)
{
    cpu->cp_regs = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, g_free);
    arm_cp_register(cpu, v7_regs, G_N_ELEMENTS(v7_regs));
    if (arm_feature(&cpu->env, ARM_FEATURE_CBAR_RO)) {
        arm_cp_register(cpu, cbar_regs, G_N_ELEMENTS(cbar_regs));
    }
    arm_mmu_regs_register(cpu);
}
