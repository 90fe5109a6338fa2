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

/* MMU indexes: privileged and user (the MMU itself comes later). */
#define ARM_MMU_IDX_PRIV    0
#define ARM_MMU_IDX_USER    1
#define ARM_MMU_MODES       2

/* Bank numbers for banked r13/r14/SPSR */
enum { BANK_USRSYS, BANK_SVC, BANK_ABT, BANK_UND, BANK_IRQ, BANK_FIQ, BANK_MON,
       BANK_HYP, ARM_NB_BANKS };

typedef struct CPUARMState {
    uint32_t regs[16];
    uint32_t NF, ZF, CF, VF;
    uint32_t uncached_cpsr;     /* CPSR without NZCV and T */
    uint32_t thumb;
    uint32_t spsr;              /* of the current mode */
    uint32_t banked_spsr[ARM_NB_BANKS];
    uint32_t banked_r13[ARM_NB_BANKS];
    uint32_t banked_r14[ARM_NB_BANKS];
    uint32_t usr_regs[5];       /* r8-r12 outside FIQ mode */
    uint32_t fiq_regs[5];       /* r8-r12 of FIQ mode */

    struct {
        uint32_t sctlr;
        uint32_t vbar;
    } cp15;

    CPUTLBDescFast tlb_fast[ARM_MMU_MODES];
} __attribute__((aligned(16))) CPUARMState;

struct ARMCPU {
    CPUState parent_obj;
    CPUARMState env;

    /* ID registers: the model's reset values (TRM facts). */
    uint32_t midr;
    uint32_t ctr;
    uint32_t id_pfr0, id_pfr1;
    uint32_t id_dfr0;
    uint32_t id_mmfr0;
    uint32_t id_isar0;
    uint32_t reset_sctlr;
    uint32_t mpidr;
};

struct ARMCPUClass {
    CPUClass parent_class;
};

uint32_t cpsr_read(CPUARMState *env);
/* Writes the bits of MASK (mode changes switch the register banks). */
void cpsr_write(CPUARMState *env, uint32_t val, uint32_t mask);
void arm_switch_mode(CPUARMState *env, uint32_t mode);
static inline bool arm_is_user(const CPUARMState *env)
{
    return (env->uncached_cpsr & CPSR_M) == ARM_CPU_MODE_USR;
}

/* TB flags */
#define ARM_TBFLAG_THUMB    (1u << 0)
#define ARM_TBFLAG_USER     (1u << 1)

/* Translator setup (translate.c) and the CPU hooks it provides. */
void arm_tcg_init(CPUState *cs);
void arm_translate_code(CPUState *cs, TranslationBlock *tb, int max_insns);
/* Semihosting call (arm-semi.c): operation in r0, argument in r1. */
void arm_do_semihosting(CPUARMState *env);
void arm_cpu_do_interrupt(CPUState *cs);

#endif
