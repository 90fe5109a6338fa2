/*
 * ARM vCPU (A32 subset): architectural state and the CPU types.
 *
 * NZCV are kept split so that generated code sets them with single ops:
 * N is bit 31 of NF, Z is set when ZF == 0, C is CF (0 or 1), V is bit 31
 * of VF. The rest of the CPSR (mode, masks, T) is in uncached_cpsr with
 * the T bit in "thumb". r13/r14 (and r8-r12 for FIQ) of the other modes
 * live in the banks, swapped on mode changes.
 */
#ifndef TARGET_ARM_CPU_H
#define TARGET_ARM_CPU_H

#include "qemu/osdep.h"
#include "hw/core/cpu.h"

#define TYPE_ARM_CPU "arm-cpu"
OBJECT_DECLARE_TYPE(ARMCPU, ARMCPUClass, ARM_CPU)
#define ARM_CPU_TYPE_NAME(model) model "-" TYPE_ARM_CPU

/* CPSR mode field values */
#define ARM_CPU_MODE_USR 0x10
#define ARM_CPU_MODE_FIQ 0x11
#define ARM_CPU_MODE_IRQ 0x12
#define ARM_CPU_MODE_SVC 0x13
#define ARM_CPU_MODE_MON 0x16
#define ARM_CPU_MODE_ABT 0x17
#define ARM_CPU_MODE_HYP 0x1a
#define ARM_CPU_MODE_UND 0x1b
#define ARM_CPU_MODE_SYS 0x1f

#define CPSR_M      0x1fu
#define CPSR_T      (1u << 5)
#define CPSR_F      (1u << 6)
#define CPSR_I      (1u << 7)
#define CPSR_A      (1u << 8)
#define CPSR_E      (1u << 9)
#define CPSR_NZCV   0xf0000000u

/* Exception numbers (CPUState.exception_index) */
#define EXCP_UDEF           1
#define EXCP_SWI            2
#define EXCP_PREFETCH_ABORT 3
#define EXCP_DATA_ABORT     4
#define EXCP_IRQ            5
#define EXCP_FIQ            6
#define EXCP_SMC            7   /* Secure Monitor Call: to Monitor mode */
#define EXCP_BKPT           8   /* BKPT: a prefetch abort (debug event) */
#define EXCP_HVC            9   /* Hypervisor Call: to Hyp mode */
#define EXCP_HYP_TRAP       10  /* a trap to Hyp mode (HCR.TGE routing ...) */
#define EXCP_VIRQ           11  /* virtual IRQ (HCR.VI or the VIRQ input) */
#define EXCP_VFIQ           12  /* virtual FIQ (HCR.VF or the VFIQ input) */

#define CPSR_IT_0_1 (3u << 25)
#define CPSR_IT_2_7 (0xfcu << 8)
#define CPSR_IT     (CPSR_IT_0_1 | CPSR_IT_2_7)
#define CPSR_GE     (0xfu << 16)
#define CPSR_Q      (1u << 27)

/*
 * MMU indexes (one softmmu TLB each). Monitor mode is Secure PL1. The
 * index is part of the TB flags; translations of one index never serve
 * another, so a change of security state or privilege needs no flush.
 */
#define ARM_MMU_IDX_PL1     0   /* Non-secure PL1 (kernel) */
#define ARM_MMU_IDX_PL0     1   /* Non-secure PL0 (user) */
#define ARM_MMU_IDX_S_PL1   2   /* Secure PL1, Monitor included */
#define ARM_MMU_IDX_S_PL0   3   /* Secure PL0 */
#define ARM_MMU_IDX_PL2     4   /* Hyp */
#define ARM_MMU_MODES       5
/* Old names, used by the A32 loads/stores with translation (LDRT ...). */
#define ARM_MMU_IDX_PRIV    ARM_MMU_IDX_PL1
#define ARM_MMU_IDX_USER    ARM_MMU_IDX_PL0

static inline bool arm_mmu_idx_is_user(int mmu_idx)
{
    return mmu_idx == ARM_MMU_IDX_PL0 || mmu_idx == ARM_MMU_IDX_S_PL0;
}

static inline bool arm_mmu_idx_is_secure(int mmu_idx)
{
    return mmu_idx == ARM_MMU_IDX_S_PL1 || mmu_idx == ARM_MMU_IDX_S_PL0;
}

/* Bank numbers for banked r13/r14/SPSR */
enum { BANK_USRSYS, BANK_SVC, BANK_ABT, BANK_UND, BANK_IRQ, BANK_FIQ, BANK_MON,
       BANK_HYP, ARM_NB_BANKS };

/*
 * Security banking of CP15 registers: [0] is the Non-secure copy, [1]
 * the Secure one. Without the Security Extensions the CPU is never in
 * Secure state and only the Non-secure copy is used.
 */
enum { ARM_NS = 0, ARM_S = 1 };

/* Generic timers (A7/A15): physical, virtual, hyp, secure physical. */
enum { GTIMER_PHYS, GTIMER_VIRT, GTIMER_HYP, GTIMER_SEC, ARM_NB_GTIMERS };

typedef struct ARMGenericTimer {
    uint64_t cval;
    uint32_t ctl;
} ARMGenericTimer;

/* Inputs of the CPU (GPIO lines 0..3) and the generic timers' outputs. */
enum { ARM_CPU_IRQ, ARM_CPU_FIQ, ARM_CPU_VIRQ, ARM_CPU_VFIQ, ARM_CPU_NB_LINES };

typedef struct CPUARMState {
    uint32_t regs[16];
    uint32_t NF, ZF, CF, VF;
    uint32_t QF;                /* sticky saturation (CPSR.Q), 0 or 1 */
    uint32_t GE;                /* CPSR.GE in bits 3:0 */
    uint32_t condexec_bits;     /* Thumb IT state: cond << 4 | mask (ITSTATE) */
    uint32_t uncached_cpsr;     /* CPSR without NZCV, Q, GE, IT and T */
    uint32_t thumb;
    uint32_t spsr;              /* of the current mode */
    uint32_t banked_spsr[ARM_NB_BANKS];
    uint32_t banked_r13[ARM_NB_BANKS];
    uint32_t banked_r14[ARM_NB_BANKS];
    uint32_t usr_regs[5];       /* r8-r12 outside FIQ mode */
    uint32_t fiq_regs[5];       /* r8-r12 of FIQ mode */
    uint32_t elr_hyp;

    /* Exclusive monitor: address of the last LDREX (-1: open), its data. */
    uint64_t exclusive_addr;
    uint64_t exclusive_val;
    uint32_t exclusive_high;    /* LDREXD: the second word */

    /* VFP/Advanced SIMD: D0-D31 (Q0-Q15 are pairs), control registers. */
    struct {
        uint64_t d[32];
        uint32_t fpscr;         /* the whole FPSCR, flags included */
        uint32_t fpexc;
        uint32_t fpinst, fpinst2;
    } vfp;

    /* CP15 state, by register; [ARM_NS]/[ARM_S] copies where banked. */
    struct {
        uint32_t sctlr[2];
        uint32_t actlr;
        uint32_t cpacr;
        uint32_t scr, sder, nsacr;
        uint64_t ttbr0[2], ttbr1[2];    /* 64-bit with LPAE */
        uint32_t ttbcr[2];
        uint32_t dacr[2];
        uint32_t dfsr[2], ifsr[2], dfar[2], ifar[2];
        uint32_t adfsr[2], aifsr[2];
        uint64_t par[2];
        uint32_t prrr[2], nmrr[2];      /* MAIR0/MAIR1 with LPAE */
        uint32_t vbar[2], mvbar;
        uint32_t contextidr[2];
        uint32_t tpidrurw[2], tpidruro[2], tpidrprw[2];
        uint32_t csselr[2];
        uint32_t fcseidr[2];
        uint32_t pmcr, pmcnten, pmovsr, pmuserenr, pmintenset, pmselr;
        /*
         * PMCCNTR: while the cycle counter counts (PMCR.E and PMCNTENSET[31])
         * the offset added to the clock-derived count, else the value.
         */
        uint64_t pmccntr;
        uint32_t l2ctlr, l2ectlr;       /* A7/A15 (L2CTLR[25:24] from core-count) */
        uint32_t a9_pcr, a9_diag;       /* A9 power control, diagnostic control */
        uint32_t dbgdscr;               /* CP14 DBGDSCR (monitor debug enable ...) */
        uint32_t teecr, teehbr;         /* CP14 ThumbEE configuration, handler base */
        /* Hyp (Virtualization Extensions, A7/A15) */
        uint32_t hsctlr, hcr, hdcr, hcptr, hstr, hvbar, htcr, hsr, hpfar, hdfar, hifar;
        uint64_t httbr, vttbr;
        uint32_t vtcr, vpidr, vmpidr;
        uint32_t hmair[2];              /* HMAIR0, HMAIR1 */
        /* Generic timer */
        uint32_t cntfrq, cntkctl, cnthctl;
        uint64_t cntvoff;
        ARMGenericTimer gt[ARM_NB_GTIMERS];
    } cp15;

    CPUTLBDescFast tlb_fast[ARM_MMU_MODES];
} __attribute__((aligned(16))) CPUARMState;

/* Architecture features a model has (ARMCPU.features, bit numbers). */
enum ARMFeature {
    ARM_FEATURE_V7,
    ARM_FEATURE_THUMB2,
    ARM_FEATURE_VFP3,
    ARM_FEATURE_VFP4,
    ARM_FEATURE_VFP_D32,
    ARM_FEATURE_NEON,
    ARM_FEATURE_THUMB_DIV,      /* SDIV/UDIV in T32 */
    ARM_FEATURE_ARM_DIV,        /* SDIV/UDIV in A32 */
    ARM_FEATURE_LPAE,
    ARM_FEATURE_GENERIC_TIMER,
    ARM_FEATURE_EL2,            /* Virtualization Extensions */
    ARM_FEATURE_EL3,            /* Security Extensions */
    ARM_FEATURE_MP,             /* Multiprocessing Extensions (MPIDR) */
    ARM_FEATURE_PMU,
    ARM_FEATURE_CBAR_RO,        /* configuration base address register */
};

struct ARMCPU {
    CPUState parent_obj;
    CPUARMState env;

    uint64_t features;
    /* ID registers: the model's reset values (TRM facts). */
    uint32_t midr;
    uint32_t revidr;
    uint32_t ctr;
    uint32_t id_pfr0, id_pfr1;
    uint32_t id_dfr0, id_afr0;
    uint32_t id_mmfr0, id_mmfr1, id_mmfr2, id_mmfr3;
    uint32_t id_isar0, id_isar1, id_isar2, id_isar3, id_isar4, id_isar5;
    uint32_t mvfr0, mvfr1;
    uint32_t reset_fpsid;
    uint32_t clidr;
    uint32_t ccsidr[16];        /* by CSSELR */
    uint32_t dbgdidr;
    uint32_t reset_sctlr;
    uint32_t reset_auxcr;
    uint32_t reset_pmcr;        /* PMCR at reset: IMP, IDCODE, N */
    uint32_t core_count;        /* property "core-count": CPUs in the cluster */
    uint32_t mp_affinity;       /* property "mp-affinity": MPIDR Aff2-0 */
    uint64_t reset_cbar;        /* property "reset-cbar": the private region */
    uint64_t gt_freq_hz;        /* CNTFRQ reset value */

    /* Properties: start with EL3/EL2 on (boards: secure=on) */
    bool has_el3;
    bool has_el2;
    /* Pending state of the GPIO inputs (ARM_CPU_IRQ ...), bit per line. */
    uint32_t irq_lines;
    /* Generic timer outputs ("gt-timer-outputs" GPIO, by GTIMER_*). */
    qemu_irq gt_timer_outputs[ARM_NB_GTIMERS];
    struct QEMUTimer *gt_timer[ARM_NB_GTIMERS];
    /* Coprocessor registers by encoding (target/arm/cpregs.h). */
    GHashTable *cp_regs;
    uint32_t vmstate_cpsr;      /* the CPSR while saving/loading (machine.c) */
    /*
     * The fault an abort being raised reports (ptw.c): the FSR value in
     * the format of the regime and the faulting address. The FSR/FAR of
     * the bank the exception is taken to are written at entry.
     */
    struct {
        uint32_t fsr;
        uint32_t far;
        bool ea;                /* external abort: SCR.EA routes it */
        bool stage2, s1ptw;     /* a stage 2 fault (ARMFault) */
        uint64_t ipa;
    } fault;
    /*
     * The HSR value of a synchronous exception being raised that Hyp mode
     * may take (SVC/HVC: the immediate; set by the translator's code just
     * before the exception). Aborts and UNDEFs compute theirs at entry.
     */
    uint32_t hyp_syndrome;
};

extern const struct VMStateDescription vmstate_arm_cpu;

struct ARMCPUClass {
    CPUClass parent_class;
    DeviceRealize *parent_realize;
};

static inline bool arm_feature(const CPUARMState *env, int feature)
{
    const ARMCPU *cpu = (const ARMCPU *)((const char *)env - offsetof(ARMCPU, env));

    return cpu->features & (1ull << feature);
}

static inline ARMCPU *env_archcpu(CPUARMState *env)
{
    return (ARMCPU *)((char *)env - offsetof(ARMCPU, env));
}

uint32_t cpsr_read(CPUARMState *env);
/* Writes the bits of MASK (mode changes switch the register banks). */
void cpsr_write(CPUARMState *env, uint32_t val, uint32_t mask);
void arm_switch_mode(CPUARMState *env, uint32_t mode);
/* The bank (BANK_*) of MODE's r13/r14/SPSR. */
int arm_mode_bank(uint32_t mode);
static inline bool arm_is_user(const CPUARMState *env)
{
    return (env->uncached_cpsr & CPSR_M) == ARM_CPU_MODE_USR;
}

/* Secure state: Monitor mode, or SCR.NS clear (always without EL3). */
static inline bool arm_is_secure(const CPUARMState *env)
{
    if (!arm_feature(env, ARM_FEATURE_EL3)) {
        return false;
    }
    return (env->uncached_cpsr & CPSR_M) == ARM_CPU_MODE_MON || !(env->cp15.scr & 1);
}

/* The bank of CP15 registers the current state uses (ARM_NS or ARM_S). */
static inline int arm_cur_bank(const CPUARMState *env)
{
    return arm_is_secure(env) ? ARM_S : ARM_NS;
}

/* HCR bits (ARM ARM B4.1.65) the exception model uses. */
#define HCR_VM      (1u << 0)
#define HCR_FMO     (1u << 3)
#define HCR_IMO     (1u << 4)
#define HCR_AMO     (1u << 5)
#define HCR_VF      (1u << 6)
#define HCR_VI      (1u << 7)
#define HCR_TGE     (1u << 27)
#define HCR_HCD     (1u << 29)

static inline bool arm_is_hyp(const CPUARMState *env)
{
    return (env->uncached_cpsr & CPSR_M) == ARM_CPU_MODE_HYP;
}

/*
 * The VIRQ/VFIQ requests from HCR.VI/VF and the VIRQ/VFIQ inputs (cpu.c);
 * called after a write of HCR or of those inputs.
 */
void arm_update_virtual_irqs(ARMCPU *cpu);

/* The MMU index of the current state. */
int arm_mmu_idx(CPUARMState *env);

/* TB flags: everything translation depends on besides pc. */
#define ARM_TBFLAG_THUMB        (1u << 0)
#define ARM_TBFLAG_MMUIDX_SHIFT 1           /* 3 bits */
#define ARM_TBFLAG_MMUIDX_MASK  (7u << ARM_TBFLAG_MMUIDX_SHIFT)
#define ARM_TBFLAG_CONDEXEC_SHIFT 4         /* 8 bits: IT state */
#define ARM_TBFLAG_CONDEXEC_MASK (0xffu << ARM_TBFLAG_CONDEXEC_SHIFT)
#define ARM_TBFLAG_VFPEN        (1u << 12)  /* FPEXC.EN and CPACR allow VFP */
#define ARM_TBFLAG_BE_DATA      (1u << 13)  /* CPSR.E: big-endian data */
#define ARM_TBFLAG_SCTLR_A      (1u << 14)  /* alignment checks */
#define ARM_TBFLAG_VECLEN_SHIFT 15          /* 3 bits: FPSCR.Len */
#define ARM_TBFLAG_VECSTRIDE_SHIFT 18       /* 2 bits: FPSCR.Stride */
#define ARM_TBFLAG_USER         (1u << 20)  /* PL0 */
#define ARM_TBFLAG_NS           (1u << 21)  /* Non-secure */
#define ARM_TBFLAG_CP_NS        (1u << 22)  /* CP15 accesses use the NS bank */

/* Translator setup (translate.c) and the CPU hooks it provides. */
void arm_tcg_init(CPUState *cs);
void arm_translate_code(CPUState *cs, TranslationBlock *tb, int max_insns);
/* Semihosting call (arm-semi.c): operation in r0, argument in r1. */
void arm_do_semihosting(CPUARMState *env);
void arm_cpu_do_interrupt(CPUState *cs);

/* ---- MMU (ptw.c) ---- */

/* The outcome of a translation: the fault type in ARMFault.type. */
typedef enum ARMFaultType {
    ARM_FAULT_NONE,
    ARM_FAULT_TRANSLATION,
    ARM_FAULT_ACCESS_FLAG,
    ARM_FAULT_DOMAIN,
    ARM_FAULT_PERMISSION,
    ARM_FAULT_ALIGNMENT,
    ARM_FAULT_EXT_WALK,         /* synchronous external abort on the walk */
    ARM_FAULT_DEBUG,
} ARMFaultType;

typedef struct ARMFault {
    ARMFaultType type;
    int level;                  /* 1..3 (short descriptors: 1 section, 2 page) */
    int domain;
    bool lpae;                  /* report in the long-descriptor format */
    bool stage2;                /* a stage 2 fault (HCR.VM): taken to Hyp mode */
    bool s1ptw;                 /* ... on a stage 1 descriptor fetch */
    uint64_t ipa;               /* ... at this intermediate physical address */
} ARMFault;

typedef struct ARMTranslation {
    uint64_t phys;              /* of the accessed address */
    int prot;                   /* PAGE_READ | PAGE_WRITE | PAGE_EXEC */
    uint64_t page_size;
    bool ns;                    /* Secure walks: the descriptors' NS bit */
} ARMTranslation;

/*
 * Translates VA for an access of TYPE in MMU_IDX by walking the tables
 * (never the TLB). False with *FI set on a fault; nothing is raised.
 */
bool arm_get_phys_addr(CPUARMState *env, uint32_t va, MMUAccessType type, int mmu_idx,
                       ARMTranslation *res, ARMFault *fi);
/* The FSR value of FI (short or long format by FI->lpae), WnR for stores. */
uint32_t arm_fault_fsr(const ARMFault *fi, MMUAccessType type);
/* The CPUClass hooks: tlb_fill, get_phys_page_debug, do_unaligned_access. */
bool arm_cpu_tlb_fill(CPUState *cs, vaddr addr, int size, MMUAccessType type, int mmu_idx,
                      bool probe, uintptr_t retaddr);
uint64_t arm_cpu_get_phys_page_debug(CPUState *cs, vaddr addr);
G_NORETURN void arm_cpu_do_unaligned_access(CPUState *cs, vaddr addr, MMUAccessType type,
                                            int mmu_idx, uintptr_t retaddr);

#endif
