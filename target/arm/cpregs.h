/*
 * ARM coprocessor registers (CP14/CP15): a table per CPU, looked up by
 * encoding when an MRC/MCR/MRRC/MCRR is translated.
 *
 * A register is described once, by an ARMCPRegInfo: its encoding, who may
 * access it, and where its value lives (a field of CPUARMState, one per
 * security bank for banked registers) or which functions read and write
 * it. The translator inlines plain field accesses and calls
 * arm_cp_read/arm_cp_write for the rest.
 */
#ifndef TARGET_ARM_CPREGS_H
#define TARGET_ARM_CPREGS_H

#include "target/arm/cpu.h"

/*
 * Access rights: a bit per privilege level and direction. A register
 * that PL1 may access may also be accessed from PL2 and PL3 (Secure PL1
 * with the Security Extensions): the PLn_RW shorthands include the levels
 * above.
 */
enum {
    PL0_R = 0x01, PL0_W = 0x02,
    PL1_R = 0x04, PL1_W = 0x08,
    PL2_R = 0x10, PL2_W = 0x20,
    PL3_R = 0x40, PL3_W = 0x80,
};
#define PL3_RW  (PL3_R | PL3_W)
#define PL2_RW  (PL2_R | PL2_W | PL3_RW)
#define PL1_RW  (PL1_R | PL1_W | PL2_RW)
#define PL0_RW  (PL0_R | PL0_W | PL1_RW)
#define PL1_RO  (PL1_R | PL2_R | PL3_R)
#define PL1_WO  (PL1_W | PL2_W | PL3_W)
#define PL0_RO  (PL0_R | PL1_RO)

/* ARMCPRegInfo.flags */
enum {
    ARM_CP_CONST    = 1 << 0,   /* reads give resetvalue, writes are ignored */
    ARM_CP_NOP      = 1 << 1,   /* reads give 0, writes are ignored (cache ops) */
    ARM_CP_IO       = 1 << 2,   /* read/write functions need the BQL (devices) */
    ARM_CP_END_TB   = 1 << 3,   /* a write changes translation state: end the block */
    ARM_CP_64BIT    = 1 << 4,   /* MRRC/MCRR register (crm and opc1 only) */
    ARM_CP_FIELD64  = 1 << 5,   /* the field is a uint64_t (32-bit access: low half) */
    ARM_CP_NO_RAW   = 1 << 6,   /* an operation, not state: not migrated */
};

typedef struct ARMCPRegInfo ARMCPRegInfo;

/* Where the value of a register lives when it has no read/write function. */
struct ARMCPRegInfo {
    const char *name;
    uint8_t cp, opc1, crn, crm, opc2;
    uint32_t flags;
    uint8_t access;
    uint64_t resetvalue;
    /*
     * Field offsets in CPUARMState: fieldoffset for an unbanked register;
     * bank_fieldoffsets[ARM_NS] / [ARM_S] for one banked by the Security
     * Extensions (fieldoffset 0 then). 0 with neither: functions only.
     */
    ptrdiff_t fieldoffset;
    ptrdiff_t bank_fieldoffsets[2];
    /* Run-time check beyond ACCESS (traps, NSACR ...): true if allowed;
     * false makes the access UNDEF. */
    bool (*accessfn)(CPUARMState *env, const ARMCPRegInfo *ri, bool isread);
    /* BANK: the copy the access uses (ARM_NS/ARM_S; see arm_cp_bank). */
    uint64_t (*readfn)(CPUARMState *env, const ARMCPRegInfo *ri, int bank);
    void (*writefn)(CPUARMState *env, const ARMCPRegInfo *ri, int bank, uint64_t value);
    /* Reset: called instead of storing resetvalue when set. */
    void (*resetfn)(CPUARMState *env, const ARMCPRegInfo *ri);
};

/* The lookup key of an encoding (is64: MRRC/MCRR, crn and opc2 ignored). */
static inline uint32_t arm_cp_key(int cp, bool is64, int opc1, int crn, int crm, int opc2)
{
    if (is64) {
        crn = 0;
        opc2 = 0;
    }
    return (uint32_t)cp << 16 | (uint32_t)is64 << 15 | (uint32_t)opc1 << 11 |
           (uint32_t)crn << 7 | (uint32_t)crm << 3 | (uint32_t)opc2;
}

/* Adds the registers of a table (N entries) to CPU's set. */
void arm_cp_register(ARMCPU *cpu, const ARMCPRegInfo *regs, size_t n);
/* Builds CPU's register set from its features (cpu realize). */
void arm_cp_init_cpu(ARMCPU *cpu);
/* Resets every register that has a reset value or function. */
void arm_cp_reset(ARMCPU *cpu);
/* The register of KEY, or NULL (the access UNDEFs). */
const ARMCPRegInfo *arm_cp_find(ARMCPU *cpu, uint32_t key);
/* Whether privilege level PL (0..3) may read (ISREAD) or write RI. */
static inline bool arm_cp_pl_ok(const ARMCPRegInfo *ri, int pl, bool isread)
{
    return ri->access & (isread ? PL0_R : PL0_W) << (2 * pl);
}
/* The field of RI for the bank BANK (ARM_NS/ARM_S); 0 if functions only. */
ptrdiff_t arm_cp_field(const ARMCPRegInfo *ri, int bank);

/* Slow path of an access, from generated code (BANK as arm_cp_field). */
uint64_t arm_cp_read(CPUARMState *env, const ARMCPRegInfo *ri, int bank);
void arm_cp_write(CPUARMState *env, const ARMCPRegInfo *ri, int bank, uint64_t value);

/* The CP15 bank an access in the current state uses (Monitor: SCR.NS). */
static inline int arm_cp_bank(const CPUARMState *env)
{
    if (arm_feature(env, ARM_FEATURE_EL3) &&
        (env->uncached_cpsr & CPSR_M) == ARM_CPU_MODE_MON) {
        return (env->cp15.scr & 1) ? ARM_NS : ARM_S;
    }
    return arm_cur_bank(env);
}

/* Address translation operations (ptw.c): the walk's result to PAR. */
void arm_ats_write(CPUARMState *env, const ARMCPRegInfo *ri, int bank, uint64_t value);
/* The ATS12NSO* forms: Secure PL1 only. */
bool arm_ats_ns_access(CPUARMState *env, const ARMCPRegInfo *ri, bool isread);

#endif
