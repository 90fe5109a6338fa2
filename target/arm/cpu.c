/*
 * ARM vCPU: QOM types (cortex-a7, cortex-a9, cortex-a15), reset, CPSR and
 * register banks, the minimal exception model and the MMU-off page walk.
 */
#include "qemu/osdep.h"
#include "target/arm/cpu.h"
#include "target/arm/cpregs.h"
#include "target/arm/gtimer.h"
#include "exec/exec-all.h"
#include "hw/qdev-properties.h"
#include "hw/irq.h"
#include "qemu/log.h"
#include <capstone/capstone.h>

_Static_assert(offsetof(ARMCPU, env) == sizeof(CPUState), "env must follow CPUState");

int arm_mode_bank(uint32_t mode)
{
    switch (mode) {
    case ARM_CPU_MODE_SVC:
        return BANK_SVC;
    case ARM_CPU_MODE_ABT:
        return BANK_ABT;
    case ARM_CPU_MODE_UND:
        return BANK_UND;
    case ARM_CPU_MODE_IRQ:
        return BANK_IRQ;
    case ARM_CPU_MODE_FIQ:
        return BANK_FIQ;
    case ARM_CPU_MODE_MON:
        return BANK_MON;
    case ARM_CPU_MODE_HYP:
        return BANK_HYP;
    default:
        return BANK_USRSYS;
    }
}

/* Hyp mode has no LR of its own: it uses LR_usr (ARM ARM B9.2.1). */
static int arm_r14_bank(uint32_t mode)
{
    return mode == ARM_CPU_MODE_HYP ? BANK_USRSYS : arm_mode_bank(mode);
}

uint32_t cpsr_read(CPUARMState *env)
{
    uint32_t it = env->condexec_bits;

    return (env->NF & 0x80000000u) | (env->ZF == 0) << 30 | (env->CF & 1) << 29 |
           (env->VF & 0x80000000u) >> 3 | (env->QF ? CPSR_Q : 0) | (env->GE & 0xf) << 16 |
           (it & 3) << 25 | (it & 0xfc) << 8 | (env->thumb ? CPSR_T : 0) |
           (env->uncached_cpsr & ~(CPSR_NZCV | CPSR_Q | CPSR_GE | CPSR_IT | CPSR_T));
}

void arm_switch_mode(CPUARMState *env, uint32_t mode)
{
    uint32_t old = env->uncached_cpsr & CPSR_M;
    int ob = arm_mode_bank(old), nb = arm_mode_bank(mode);

    if (old == mode) {
        return;
    }
    if (old == ARM_CPU_MODE_FIQ) {
        memcpy(env->fiq_regs, env->regs + 8, sizeof(env->fiq_regs));
        memcpy(env->regs + 8, env->usr_regs, sizeof(env->usr_regs));
    } else if (mode == ARM_CPU_MODE_FIQ) {
        memcpy(env->usr_regs, env->regs + 8, sizeof(env->usr_regs));
        memcpy(env->regs + 8, env->fiq_regs, sizeof(env->fiq_regs));
    }
    env->banked_r13[ob] = env->regs[13];
    env->banked_r14[arm_r14_bank(old)] = env->regs[14];
    env->banked_spsr[ob] = env->spsr;
    env->regs[13] = env->banked_r13[nb];
    env->regs[14] = env->banked_r14[arm_r14_bank(mode)];
    env->spsr = env->banked_spsr[nb];
    env->uncached_cpsr = (env->uncached_cpsr & ~CPSR_M) | mode;
}

void cpsr_write(CPUARMState *env, uint32_t val, uint32_t mask)
{
    /* Judged before a mode change: the state the write is made from. */
    bool ns_writer = arm_feature(env, ARM_FEATURE_EL3) && !arm_is_secure(env);

    if (mask & CPSR_NZCV) {
        env->NF = val & 0x80000000u;
        env->ZF = !(val & (1u << 30));
        env->CF = (val >> 29) & 1;
        env->VF = (val << 3) & 0x80000000u;
    }
    if (mask & CPSR_Q) {
        env->QF = !!(val & CPSR_Q);
    }
    if (mask & CPSR_GE) {
        env->GE = (val >> 16) & 0xf;
    }
    if (mask & CPSR_IT_0_1) {
        env->condexec_bits = (env->condexec_bits & ~3u) | ((val >> 25) & 3);
    }
    if (mask & CPSR_IT_2_7) {
        env->condexec_bits = (env->condexec_bits & 3u) | ((val >> 8) & 0xfc);
    }
    if (mask & CPSR_T) {
        env->thumb = !!(val & CPSR_T);
    }
    if ((mask & CPSR_M) && (val & CPSR_M) != (env->uncached_cpsr & CPSR_M)) {
        arm_switch_mode(env, val & CPSR_M);
    }
    mask &= ~(CPSR_NZCV | CPSR_Q | CPSR_GE | CPSR_IT | CPSR_T | CPSR_M);
    /* Non-secure state may change CPSR.F/A only where SCR.FW/AW allow it. */
    if (ns_writer) {
        if (!(env->cp15.scr & (1u << 4))) {
            mask &= ~CPSR_F;
        }
        if (!(env->cp15.scr & (1u << 5))) {
            mask &= ~CPSR_A;
        }
    }
    env->uncached_cpsr = (env->uncached_cpsr & ~mask) | (val & mask);
}

static void arm_cpu_reset(CPUState *cs)
{
    ARMCPU *cpu = ARM_CPU(cs);
    CPUARMState *env = &cpu->env;

    memset(env, 0, offsetof(CPUARMState, tlb_fast));
    arm_cp_reset(cpu);
    /*
     * Reset: Supervisor mode, IRQ/FIQ/async aborts masked, ARM state; Hyp
     * mode when PL2 is the highest level (EL2 without EL3, as QEMU).
     */
    env->uncached_cpsr = CPSR_A | CPSR_F | CPSR_I;
    if (arm_feature(env, ARM_FEATURE_EL2) && !arm_feature(env, ARM_FEATURE_EL3)) {
        env->uncached_cpsr |= ARM_CPU_MODE_HYP;
    } else {
        env->uncached_cpsr |= ARM_CPU_MODE_SVC;
    }
    env->ZF = 1;
    env->exclusive_addr = -1;
    env->cp15.sctlr[ARM_NS] = env->cp15.sctlr[ARM_S] = cpu->reset_sctlr;
    if (arm_feature(env, ARM_FEATURE_EL3) && cpu->has_el3) {
        /* Reset is in Secure state: SCR.NS = 0. */
        env->cp15.scr = 0;
    } else {
        env->cp15.scr = 1;
    }
    env->cp15.cntfrq = cpu->gt_freq_hz;
    env->vfp.fpscr = 0;
    tlb_flush(cs);
    /* HCR is clear: no virtual interrupt unless the inputs are high. */
    arm_update_virtual_irqs(cpu);
    /* Timers disabled: outputs low, no deadlines. */
    arm_gt_recalc(cpu);
}

static void arm_cpu_set_pc(CPUState *cs, vaddr pc)
{
    CPUARMState *env = &ARM_CPU(cs)->env;

    env->regs[15] = pc & ~1u;
    env->thumb = pc & 1;
}

static vaddr arm_cpu_get_pc(CPUState *cs)
{
    return ARM_CPU(cs)->env.regs[15];
}

static bool arm_cpu_has_work(CPUState *cs)
{
    return g_atomic_int_get(&cs->interrupt_request) &
           (CPU_INTERRUPT_HARD | CPU_INTERRUPT_FIQ | CPU_INTERRUPT_VIRQ | CPU_INTERRUPT_VFIQ);
}

/*
 * GPIO inputs: IRQ, FIQ, VIRQ, VFIQ. A line's level is kept in irq_lines;
 * IRQ and FIQ raise the matching interrupt_request bit so that the vCPU
 * leaves generated code and looks (cpu_exec_interrupt).
 */
static void arm_cpu_set_irq(void *opaque, int line, int level)
{
    ARMCPU *cpu = opaque;
    CPUState *cs = CPU(cpu);
    static const uint32_t mask[ARM_CPU_NB_LINES] = {
        [ARM_CPU_IRQ] = CPU_INTERRUPT_HARD, [ARM_CPU_FIQ] = CPU_INTERRUPT_FIQ,
        [ARM_CPU_VIRQ] = CPU_INTERRUPT_VIRQ, [ARM_CPU_VFIQ] = CPU_INTERRUPT_VFIQ,
    };

    if (level) {
        cpu->irq_lines |= 1u << line;
    } else {
        cpu->irq_lines &= ~(1u << line);
    }
    if (line == ARM_CPU_VIRQ || line == ARM_CPU_VFIQ) {
        arm_update_virtual_irqs(cpu);
    } else if (level) {
        /*
         * Only a new request kicks: a GIC re-asserting a line that is
         * already high (it does on every distributor update) must not
         * make the vCPU leave its slice each time.
         */
        if (!(g_atomic_int_get(&cs->interrupt_request) & mask[line])) {
            cpu_interrupt(cs, mask[line]);
        }
    } else {
        cpu_reset_interrupt(cs, mask[line]);
    }
}

/* A virtual interrupt is pending while HCR.VI/VF or its input is set. */
void arm_update_virtual_irqs(ARMCPU *cpu)
{
    CPUState *cs = CPU(cpu);
    uint32_t hcr = cpu->env.cp15.hcr;
    bool vi = (hcr & HCR_VI) || (cpu->irq_lines & (1u << ARM_CPU_VIRQ));
    bool vf = (hcr & HCR_VF) || (cpu->irq_lines & (1u << ARM_CPU_VFIQ));

    if (vi) {
        cpu_interrupt(cs, CPU_INTERRUPT_VIRQ);
    } else {
        cpu_reset_interrupt(cs, CPU_INTERRUPT_VIRQ);
    }
    if (vf) {
        cpu_interrupt(cs, CPU_INTERRUPT_VFIQ);
    } else {
        cpu_reset_interrupt(cs, CPU_INTERRUPT_VFIQ);
    }
}

/* SCR bits. */
#define SCR_NS  (1u << 0)
#define SCR_IRQ (1u << 1)
#define SCR_FIQ (1u << 2)
#define SCR_EA  (1u << 3)
#define SCR_FW  (1u << 4)
#define SCR_AW  (1u << 5)

/* SCTLR bits of exception entry. */
#define SCTLR_V  (1u << 13)
#define SCTLR_EE (1u << 25)
#define SCTLR_TE (1u << 30)

static bool has_el3(CPUARMState *env)
{
    return arm_feature(env, ARM_FEATURE_EL3);
}

/*
 * Whether the pending IRQ (FIQ if IS_FIQ) is taken now. The CPSR mask bit
 * masks it, except that an interrupt the SCR routes to Monitor mode
 * cannot be masked from Non-secure state when SCR.FW/AW forbids that
 * state to change the mask bit (the Non-secure OS could not have set it).
 */
static bool irq_unmasked(CPUARMState *env, bool is_fiq)
{
    uint32_t scr = env->cp15.scr;
    uint32_t route = is_fiq ? SCR_FIQ : SCR_IRQ;
    bool to_mon = has_el3(env) && (scr & route);

    /*
     * Virtualization Extensions (B1.8.5): a physical interrupt HCR.IMO/FMO
     * (or TGE) routes to Hyp mode is taken from Non-secure PL0/PL1 whatever
     * CPSR.I/F says, and masked by it in Hyp mode; one not routed there is
     * never taken in Hyp mode (it would go down to PL1).
     */
    if (arm_feature(env, ARM_FEATURE_EL2) && !to_mon && !arm_is_secure(env)) {
        if (env->cp15.hcr & ((is_fiq ? HCR_FMO : HCR_IMO) | HCR_TGE)) {
            return !arm_is_hyp(env) || !(env->uncached_cpsr & (is_fiq ? CPSR_F : CPSR_I));
        }
        if (arm_is_hyp(env)) {
            return false;
        }
    }
    if ((env->uncached_cpsr & CPSR_M) == ARM_CPU_MODE_MON) {
        return !(env->uncached_cpsr & (is_fiq ? CPSR_F : CPSR_I));
    }
    if (has_el3(env) && !arm_is_secure(env) && (scr & route) && is_fiq && !(scr & SCR_FW)) {
        return true;
    }
    return !(env->uncached_cpsr & (is_fiq ? CPSR_F : CPSR_I));
}

/*
 * Whether a pending virtual IRQ (FIQ if IS_FIQ) is taken now: only by the
 * Non-secure PL0/PL1 guest while HCR.IMO/FMO (and not TGE) routes the
 * physical ones to Hyp mode, masked by CPSR.I/F (B1.8.6).
 */
static bool virq_unmasked(CPUARMState *env, bool is_fiq)
{
    uint32_t hcr = env->cp15.hcr;

    if (!arm_feature(env, ARM_FEATURE_EL2) || arm_is_secure(env) || arm_is_hyp(env) ||
        !(hcr & (is_fiq ? HCR_FMO : HCR_IMO)) || (hcr & HCR_TGE)) {
        return false;
    }
    return !(env->uncached_cpsr & (is_fiq ? CPSR_F : CPSR_I));
}

/* Takes a pending interrupt that is not masked (FIQ, IRQ, vFIQ, vIRQ). */
static bool arm_cpu_exec_interrupt(CPUState *cs, uint32_t request)
{
    CPUARMState *env = &ARM_CPU(cs)->env;

    if ((request & CPU_INTERRUPT_FIQ) && irq_unmasked(env, true)) {
        cs->exception_index = EXCP_FIQ;
    } else if ((request & CPU_INTERRUPT_HARD) && irq_unmasked(env, false)) {
        cs->exception_index = EXCP_IRQ;
    } else if ((request & CPU_INTERRUPT_VFIQ) && virq_unmasked(env, true)) {
        cs->exception_index = EXCP_VFIQ;
    } else if ((request & CPU_INTERRUPT_VIRQ) && virq_unmasked(env, false)) {
        cs->exception_index = EXCP_VIRQ;
    } else {
        return false;
    }
    arm_cpu_do_interrupt(cs);
    /* Taken: the exec loop must not deliver it a second time. */
    cs->exception_index = -1;
    return true;
}

/* HSR exception classes (ARM ARM B3.13.6). */
#define EC_UNKNOWN      0x00u
#define EC_SVC          0x11u
#define EC_HVC          0x12u
#define EC_PABT_LOWER   0x20u
#define EC_PABT_HYP     0x21u
#define EC_DABT_LOWER   0x24u
#define EC_DABT_HYP     0x25u
#define HSR_IL          (1u << 25)

/*
 * Whether exception EXCP is taken to Hyp mode (ARM ARM B1.8.3, Table
 * B1-4); *OFFSET is then its Hyp vector. Exceptions taken from Hyp mode
 * use their own vector; those that enter Hyp mode from Non-secure PL0/PL1
 * (HVC, traps, HCR.TGE routing) use the Hyp Trap vector 0x14, and
 * physical interrupts HCR.IMO/FMO route use 0x18/0x1c. SCR routing to
 * Monitor mode comes first.
 */
static bool hyp_route(CPUARMState *env, int excp, uint32_t scr_route, uint32_t *offset)
{
    ARMCPU *cpu = env_archcpu(env);
    uint32_t hcr = env->cp15.hcr;
    bool hyp = arm_is_hyp(env);
    bool tge_user = !arm_is_secure(env) && arm_is_user(env) && (hcr & HCR_TGE);

    if (!arm_feature(env, ARM_FEATURE_EL2) || (has_el3(env) && (env->cp15.scr & scr_route))) {
        return false;
    }
    switch (excp) {
    case EXCP_HVC:
        *offset = hyp ? 0x08 : 0x14;
        return true;
    case EXCP_HYP_TRAP:
        *offset = 0x14;
        return true;
    case EXCP_UDEF:
    case EXCP_SWI:
    case EXCP_PREFETCH_ABORT:
    case EXCP_BKPT:
    case EXCP_DATA_ABORT:
        *offset = !hyp ? 0x14 : excp == EXCP_UDEF ? 0x04 : excp == EXCP_SWI ? 0x08 :
                  excp == EXCP_DATA_ABORT ? 0x10 : 0x0c;
        return hyp || tge_user ||
               ((excp == EXCP_PREFETCH_ABORT || excp == EXCP_DATA_ABORT) && cpu->fault.stage2);
    case EXCP_IRQ:
    case EXCP_FIQ:
        *offset = excp == EXCP_IRQ ? 0x18 : 0x1c;
        return !arm_is_secure(env) &&
               (hyp || (hcr & ((excp == EXCP_IRQ ? HCR_IMO : HCR_FMO) | HCR_TGE)));
    default:
        return false;
    }
}

/*
 * The long-descriptor status code (HSR's IFSC/DFSC) of an abort's FSR:
 * as is when the regime used that format (FSR bit 9), else translated
 * from the short-descriptor FS (HCR.TGE routing a PL1&0 abort to Hyp).
 */
static uint32_t hsr_fsc(uint32_t fsr)
{
    static const uint8_t from_short[16] = {
        [0x01] = 0x21, [0x02] = 0x22, [0x03] = 0x09, [0x05] = 0x05, [0x06] = 0x0a,
        [0x07] = 0x06, [0x08] = 0x10, [0x09] = 0x0d, [0x0b] = 0x0e, [0x0c] = 0x15,
        [0x0d] = 0x0d, [0x0e] = 0x16, [0x0f] = 0x0e,
    };

    if (fsr & (1u << 9)) {
        return fsr & 0x3f;
    }
    return (fsr & (1u << 10)) ? 0x10 : from_short[fsr & 0xf];
}

/*
 * Entry to Hyp mode (B1.8.4): SPSR_hyp the CPSR, ELR_hyp the preferred
 * return address, HSR (and HDFAR/HIFAR for aborts) the syndrome; A, I, F
 * set unless the SCR routes that kind to Monitor mode; T and E from
 * HSCTLR.TE/EE; the vector from HVBAR.
 */
static void take_to_hyp(ARMCPU *cpu, int excp, uint32_t offset)
{
    CPUARMState *env = &cpu->env;
    uint32_t cpsr = cpsr_read(env), pc = env->regs[15];
    bool hyp = arm_is_hyp(env), thumb = env->thumb;
    uint32_t ret = pc, hsr = env->cp15.hsr, mask = 0;
    uint32_t fsc = hsr_fsc(cpu->fault.fsr);

    switch (excp) {
    case EXCP_SWI:
        ret = pc + (thumb ? 2 : 4);
        hsr = cpu->hyp_syndrome;
        break;
    case EXCP_HVC:
        ret = pc + 4;
        hsr = cpu->hyp_syndrome;
        break;
    case EXCP_UDEF:
    case EXCP_HYP_TRAP:
        /* v7: IL is UNK/SBZP for an unknown reason. */
        hsr = EC_UNKNOWN << 26;
        break;
    case EXCP_BKPT:
        cpu->fault.far = pc;
        fsc = 0x22;             /* debug event */
        /* fall through */
    case EXCP_PREFETCH_ABORT:
        hsr = (hyp ? EC_PABT_HYP : EC_PABT_LOWER) << 26 | (cpu->fault.ea ? 1u << 9 : 0) | fsc;
        env->cp15.hifar = cpu->fault.far;
        break;
    case EXCP_DATA_ABORT:
        /* A stage 1 walk only reads: WnR 0 for a stage 2 fault on it. */
        hsr = (hyp ? EC_DABT_HYP : EC_DABT_LOWER) << 26 | (cpu->fault.ea ? 1u << 9 : 0) |
              (cpu->fault.s1ptw ? 0 : ((cpu->fault.fsr >> 11) & 1) << 6) | fsc;
        env->cp15.hdfar = cpu->fault.far;
        break;
    default:    /* IRQ, FIQ: the HSR is left alone */
        break;
    }
    if ((excp == EXCP_PREFETCH_ABORT || excp == EXCP_DATA_ABORT) && cpu->fault.stage2) {
        /* HPFAR: IPA[39:12] in bits 31:4; S1PTW: the fault hit a stage 1 walk. */
        env->cp15.hpfar = (uint32_t)(cpu->fault.ipa >> 12) << 4;
        hsr |= cpu->fault.s1ptw ? 1u << 7 : 0;
    }
    env->cp15.hsr = hsr;
    if (!has_el3(env) || !(env->cp15.scr & SCR_EA)) {
        mask |= CPSR_A;
    }
    if (!has_el3(env) || !(env->cp15.scr & SCR_IRQ)) {
        mask |= CPSR_I;
    }
    if (!has_el3(env) || !(env->cp15.scr & SCR_FIQ)) {
        mask |= CPSR_F;
    }
    qemu_log_mask(CPU_LOG_INT, "arm: exception %d at pc 0x%08x -> hyp, vector 0x%02x, "
                  "HSR 0x%08x\n", excp, pc, offset, hsr);
    arm_switch_mode(env, ARM_CPU_MODE_HYP);
    env->spsr = cpsr;
    env->elr_hyp = ret;
    env->uncached_cpsr |= mask;
    env->uncached_cpsr &= ~(CPSR_E | (1u << 24));
    if (env->cp15.hsctlr & SCTLR_EE) {
        env->uncached_cpsr |= CPSR_E;
    }
    env->condexec_bits = 0;
    env->thumb = !!(env->cp15.hsctlr & SCTLR_TE);
    env->regs[15] = (env->cp15.hvbar & ~0x1fu) + offset;
}

/*
 * Exception entry (ARM ARM B1.8). regs[15] holds the address of the
 * instruction that caused it (UNDEF, SVC, SMC, aborts, BKPT) or of the
 * next one to run (IRQ/FIQ). With the Security Extensions, SMC and the
 * exceptions SCR.IRQ/FIQ/EA route go to Monitor mode (Secure, MVBAR);
 * everything else stays in the current security state and uses that
 * state's VBAR, or the high vectors with SCTLR.V.
 */
void arm_cpu_do_interrupt(CPUState *cs)
{
    ARMCPU *cpu = ARM_CPU(cs);
    CPUARMState *env = &cpu->env;
    uint32_t cpsr = cpsr_read(env);
    uint32_t scr = env->cp15.scr;
    uint32_t mode, offset, lr, mask = CPSR_I;
    bool thumb = env->thumb, el3 = has_el3(env);
    int excp = cs->exception_index;
    bool is_abort = false, is_data = false;
    uint32_t route = 0;
    int bank;

    /* Every exception entry clears the local exclusive monitor. */
    env->exclusive_addr = -1;
    switch (excp) {
    case EXCP_PREFETCH_ABORT:
    case EXCP_DATA_ABORT:
        route = cpu->fault.ea ? SCR_EA : 0;
        break;
    case EXCP_IRQ:
        route = SCR_IRQ;
        break;
    case EXCP_FIQ:
        route = SCR_FIQ;
        break;
    }
    if (hyp_route(env, excp, route, &offset)) {
        take_to_hyp(cpu, excp, offset);
        return;
    }
    route = 0;
    switch (excp) {
    case EXCP_UDEF:
        mode = ARM_CPU_MODE_UND;
        offset = 0x04;
        lr = env->regs[15] + (thumb ? 2 : 4);
        break;
    case EXCP_SWI:
        /* SVC is 2 bytes in Thumb: lr is the next instruction. */
        mode = ARM_CPU_MODE_SVC;
        offset = 0x08;
        lr = env->regs[15] + (thumb ? 2 : 4);
        break;
    case EXCP_SMC:
        mode = ARM_CPU_MODE_MON;
        offset = 0x08;
        lr = env->regs[15] + 4;
        mask |= CPSR_A | CPSR_F;
        break;
    case EXCP_BKPT:
        /* A debug event: a prefetch abort with IFSR.FS = debug event. */
        cpu->fault.fsr = 0x2;
        cpu->fault.far = env->regs[15];
        cpu->fault.ea = false;
        cpu->fault.stage2 = false;
        /* fall through */
    case EXCP_PREFETCH_ABORT:
        mode = ARM_CPU_MODE_ABT;
        offset = 0x0c;
        lr = env->regs[15] + 4;
        mask |= CPSR_A;
        is_abort = true;
        route = cpu->fault.ea ? SCR_EA : 0;
        break;
    case EXCP_DATA_ABORT:
        mode = ARM_CPU_MODE_ABT;
        offset = 0x10;
        lr = env->regs[15] + 8;
        mask |= CPSR_A;
        is_abort = is_data = true;
        route = cpu->fault.ea ? SCR_EA : 0;
        break;
    case EXCP_IRQ:
    case EXCP_VIRQ:
        /* A virtual IRQ is taken by the Non-secure IRQ mode, never routed. */
        mode = ARM_CPU_MODE_IRQ;
        offset = 0x18;
        lr = env->regs[15] + 4;
        mask |= CPSR_A;
        route = excp == EXCP_IRQ ? SCR_IRQ : 0;
        break;
    case EXCP_FIQ:
    case EXCP_VFIQ:
        mode = ARM_CPU_MODE_FIQ;
        offset = 0x1c;
        lr = env->regs[15] + 4;
        mask |= CPSR_A | CPSR_F;
        route = excp == EXCP_FIQ ? SCR_FIQ : 0;
        break;
    default:
        qemu_log_mask(LOG_UNIMP, "arm: unhandled exception %d\n", excp);
        return;
    }
    if (el3 && (scr & route)) {
        mode = ARM_CPU_MODE_MON;
        mask |= CPSR_A | CPSR_F;
    }
    if (mode == ARM_CPU_MODE_MON && !el3) {
        /* No Security Extensions: SMC is UNDEFINED. */
        mode = ARM_CPU_MODE_UND;
        offset = 0x04;
        mask = CPSR_I;
    }
    /* Entry to a Non-secure mode: SCR.AW/FW say whether A/F may be set. */
    if (el3 && mode != ARM_CPU_MODE_MON && (scr & SCR_NS)) {
        if (!(scr & SCR_AW)) {
            mask &= ~CPSR_A;
        }
        if (!(scr & SCR_FW)) {
            mask &= ~CPSR_F;
        }
    }
    bank = (mode == ARM_CPU_MODE_MON) ? ARM_S : arm_cur_bank(env);
    if (is_abort) {
        if (is_data) {
            env->cp15.dfsr[bank] = cpu->fault.fsr;
            env->cp15.dfar[bank] = cpu->fault.far;
        } else {
            env->cp15.ifsr[bank] = cpu->fault.fsr;
            if (excp != EXCP_BKPT) {
                env->cp15.ifar[bank] = cpu->fault.far;
            }
        }
    }
    qemu_log_mask(CPU_LOG_INT, "arm: exception %d at pc 0x%08x -> mode 0x%x%s\n",
                  excp, env->regs[15], mode,
                  is_abort ? (is_data ? " (data abort)" : " (prefetch abort)") : "");
    if (is_abort) {
        qemu_log_mask(CPU_LOG_INT, "arm: %cFSR 0x%08x %cFAR 0x%08x\n", is_data ? 'D' : 'I',
                      cpu->fault.fsr, is_data ? 'D' : 'I', cpu->fault.far);
    }
    arm_switch_mode(env, mode);
    env->spsr = cpsr;
    env->regs[14] = lr;
    env->uncached_cpsr |= mask;
    /* E from SCTLR.EE, T from SCTLR.TE; IT and J cleared. */
    env->uncached_cpsr &= ~(CPSR_E | (1u << 24));
    if (env->cp15.sctlr[bank] & SCTLR_EE) {
        env->uncached_cpsr |= CPSR_E;
    }
    env->condexec_bits = 0;
    env->thumb = !!(env->cp15.sctlr[bank] & SCTLR_TE);
    if (mode == ARM_CPU_MODE_MON) {
        env->regs[15] = (env->cp15.mvbar & ~0x1fu) + offset;
    } else if (env->cp15.sctlr[bank] & SCTLR_V) {
        env->regs[15] = 0xffff0000u + offset;
    } else {
        env->regs[15] = (env->cp15.vbar[bank] & ~0x1fu) + offset;
    }
}

static bool arm_cpu_mmu_idx_is_secure(CPUState *cs, int mmu_idx)
{
    return arm_mmu_idx_is_secure(mmu_idx);
}

static void arm_cpu_get_tb_cpu_state(CPUState *cs, CPUTBState *st)
{
    CPUARMState *env = cpu_env(cs);     /* no checked cast: runs per block */

    int mmu_idx = arm_mmu_idx(env);
    uint32_t fpscr = env->vfp.fpscr;
    bool vfp_en = (env->vfp.fpexc & (1u << 30)) && ((env->cp15.cpacr >> 20) & 3) != 0;

    /* Non-secure state: NSACR.CP10 clear makes CPACR.cp10 read as zero. */
    if (arm_feature(env, ARM_FEATURE_EL3) && !arm_is_secure(env) &&
        !(env->cp15.nsacr & (1u << 10))) {
        vfp_en = false;
    }

    st->pc = env->regs[15];
    st->flags = (env->thumb ? ARM_TBFLAG_THUMB : 0) |
                (uint32_t)mmu_idx << ARM_TBFLAG_MMUIDX_SHIFT |
                (env->condexec_bits & 0xff) << ARM_TBFLAG_CONDEXEC_SHIFT |
                (vfp_en ? ARM_TBFLAG_VFPEN : 0) |
                ((env->uncached_cpsr & CPSR_E) ? ARM_TBFLAG_BE_DATA : 0) |
                ((env->cp15.sctlr[arm_cur_bank(env)] & 2) ? ARM_TBFLAG_SCTLR_A : 0) |
                ((fpscr >> 16) & 7) << ARM_TBFLAG_VECLEN_SHIFT |
                ((fpscr >> 20) & 3) << ARM_TBFLAG_VECSTRIDE_SHIFT |
                (arm_mmu_idx_is_user(mmu_idx) ? ARM_TBFLAG_USER : 0) |
                (arm_is_secure(env) ? 0 : ARM_TBFLAG_NS) |
                (arm_cp_bank(env) == ARM_NS ? ARM_TBFLAG_CP_NS : 0);
}

int arm_mmu_idx(CPUARMState *env)
{
    uint32_t mode = env->uncached_cpsr & CPSR_M;

    if (mode == ARM_CPU_MODE_HYP) {
        return ARM_MMU_IDX_PL2;
    }
    if (arm_is_secure(env)) {
        return mode == ARM_CPU_MODE_USR ? ARM_MMU_IDX_S_PL0 : ARM_MMU_IDX_S_PL1;
    }
    return mode == ARM_CPU_MODE_USR ? ARM_MMU_IDX_PL0 : ARM_MMU_IDX_PL1;
}

static int arm_cpu_code_mmu_idx(CPUState *cs, const CPUTBState *st)
{
    return (st->flags & ARM_TBFLAG_MMUIDX_MASK) >> ARM_TBFLAG_MMUIDX_SHIFT;
}

static void arm_restore_state_to_opc(CPUState *cs, const TranslationBlock *tb,
                                     const uint64_t *words)
{
    ARM_CPU(cs)->env.regs[15] = words[0];
    /* The IT state of the faulting Thumb instruction (0 in A32). */
    ARM_CPU(cs)->env.condexec_bits = words[1];
}

static void arm_cpu_dump_state(CPUState *cs, FILE *f, int flags)
{
    CPUARMState *env = &ARM_CPU(cs)->env;
    uint32_t psr = cpsr_read(env);
    static const char *const modes[32] = {
        [0x10] = "usr", [0x11] = "fiq", [0x12] = "irq", [0x13] = "svc", [0x16] = "mon",
        [0x17] = "abt", [0x1a] = "hyp", [0x1b] = "und", [0x1f] = "sys",
    };

    for (int i = 0; i < 16; i++) {
        fprintf(f, "R%02d=%08x%s", i, env->regs[i], (i % 4) == 3 ? "\n" : " ");
    }
    /* With the Security Extensions, the security state before the mode. */
    const char *sec = !arm_feature(env, ARM_FEATURE_EL3) ? "" :
                      arm_is_secure(env) ? "S " : "NS ";

    fprintf(f, "PSR=%08x %c%c%c%c %c %s%s32\n", psr,
            psr & (1u << 31) ? 'N' : '-', psr & (1u << 30) ? 'Z' : '-',
            psr & (1u << 29) ? 'C' : '-', psr & (1u << 28) ? 'V' : '-',
            env->thumb ? 'T' : 'A', sec, modes[psr & CPSR_M] ? modes[psr & CPSR_M] : "???");
}

static void arm_cpu_instance_init(Object *obj)
{
    ARMCPU *cpu = ARM_CPU(obj);

    qdev_init_gpio_in(DEVICE(obj), arm_cpu_set_irq, ARM_CPU_NB_LINES);
    qdev_init_gpio_out_named(DEVICE(obj), cpu->gt_timer_outputs, "gt-timer-outputs",
                             ARM_NB_GTIMERS);
    cpu->gt_freq_hz = 62500000;     /* 16 ns ticks, as QEMU's default */
}

static void arm_cpu_realize(DeviceState *dev, Error **errp)
{
    ARMCPU *cpu = ARM_CPU(dev);

    /* Properties turn features off: a model's EL3/EL2 only when asked. */
    if (!cpu->has_el3) {
        cpu->features &= ~(1ull << ARM_FEATURE_EL3);
    }
    if (!cpu->has_el2) {
        cpu->features &= ~(1ull << ARM_FEATURE_EL2);
    }
    arm_cp_init_cpu(cpu);
    arm_gt_realize(cpu);
    ARM_CPU_GET_CLASS(cpu)->parent_realize(dev, errp);
    /* The state travels under the CPU's index (set by the parent realize). */
    qdev_set_vmstate_instance_id(dev, CPU(cpu)->cpu_index, -1);
}

static void arm_cpu_finalize(Object *obj)
{
    ARMCPU *cpu = ARM_CPU(obj);

    if (cpu->cp_regs) {
        g_hash_table_destroy(cpu->cp_regs);
    }
    arm_gt_free(cpu);
}

static Property arm_cpu_properties[] = {
    DEFINE_PROP_BOOL("has_el3", ARMCPU, has_el3, false),
    DEFINE_PROP_BOOL("has_el2", ARMCPU, has_el2, false),
    DEFINE_PROP_UINT64("reset-cbar", ARMCPU, reset_cbar, 0),
    DEFINE_PROP_UINT32("mp-affinity", ARMCPU, mp_affinity, 0),
    /* CPUs in the cluster (L2CTLR[25:24]); the MPCore container sets it. */
    DEFINE_PROP_UINT32("core-count", ARMCPU, core_count, 1),
    DEFINE_PROP_END_OF_LIST(),
};

static void arm_cpu_class_init(ObjectClass *oc, void *data)
{
    CPUClass *cc = CPU_CLASS(oc);
    ARMCPUClass *acc = ARM_CPU_CLASS(oc);
    DeviceClass *dc = DEVICE_CLASS(oc);

    device_class_set_props(dc, arm_cpu_properties);
    acc->parent_realize = dc->realize;
    dc->realize = arm_cpu_realize;
    dc->vmsd = &vmstate_arm_cpu;
    cc->env_offset = offsetof(ARMCPU, env);
    cc->nb_mmu_modes = ARM_MMU_MODES;
    cc->tlb_fast_offset = offsetof(CPUARMState, tlb_fast);
    cc->cpu_reset = arm_cpu_reset;
    cc->has_work = arm_cpu_has_work;
    cc->do_interrupt = arm_cpu_do_interrupt;
    cc->cpu_exec_interrupt = arm_cpu_exec_interrupt;
    cc->set_pc = arm_cpu_set_pc;
    cc->get_pc = arm_cpu_get_pc;
    cc->dump_state = arm_cpu_dump_state;
    cc->get_phys_page_debug = arm_cpu_get_phys_page_debug;
    cc->tlb_fill = arm_cpu_tlb_fill;
    cc->do_unaligned_access = arm_cpu_do_unaligned_access;
    cc->mmu_idx_is_secure = arm_cpu_mmu_idx_is_secure;
    cc->tcg_init = arm_tcg_init;
    cc->get_tb_cpu_state = arm_cpu_get_tb_cpu_state;
    cc->code_mmu_idx = arm_cpu_code_mmu_idx;
    cc->translate_code = arm_translate_code;
    cc->restore_state_to_opc = arm_restore_state_to_opc;
    cc->disas_cs_arch = CS_ARCH_ARM;
    cc->disas_cs_mode = CS_MODE_ARM;
}

/* ID register values from each core's Technical Reference Manual. */
static void cortex_a9_init(Object *obj)
{
    ARMCPU *cpu = ARM_CPU(obj);

    cpu->features = 1ull << ARM_FEATURE_V7 | 1ull << ARM_FEATURE_THUMB2 |
                    1ull << ARM_FEATURE_VFP3 | 1ull << ARM_FEATURE_NEON |
                    1ull << ARM_FEATURE_VFP_D32 | 1ull << ARM_FEATURE_EL3 |
                    1ull << ARM_FEATURE_MP | 1ull << ARM_FEATURE_PMU |
                    1ull << ARM_FEATURE_CBAR_RO;
    /*
     * Cortex-A9 TRM (DDI 0388), 4.2 "Register summary" (Table 4-2, the c0
     * registers) and 4.3 "Register descriptions". MIDR stays r0p0.
     */
    cpu->midr = 0x410fc090;     /* r0p0 */
    cpu->dbgdidr = 0x35141000;     /* DBGDIDR: v7 debug, memory-mapped interface */
    cpu->revidr = 0;
    cpu->ctr = 0x83338003;      /* 8-word lines in both L1 caches */
    cpu->id_pfr0 = 0x00001031;
    cpu->id_pfr1 = 0x00000011;
    cpu->id_dfr0 = 0x00010444;
    cpu->id_afr0 = 0;
    cpu->id_mmfr0 = 0x00100103;
    cpu->id_mmfr1 = 0x20000000;
    cpu->id_mmfr2 = 0x01230000;
    cpu->id_mmfr3 = 0x00102111;
    cpu->id_isar0 = 0x00101111;
    cpu->reset_fpsid = 0x41033090;
    cpu->mvfr0 = 0x10110222;
    cpu->mvfr1 = 0x01111111;
    cpu->id_isar1 = 0x13112111;
    cpu->id_isar2 = 0x21232041;
    cpu->id_isar3 = 0x11112131;
    cpu->id_isar4 = 0x00111142;
    cpu->id_isar5 = 0;
    /* CLIDR: LoUU 1, LoC 1, L1 separate I and D (the L2 is the PL310). */
    cpu->clidr = 0x09000003;
    /* CCSIDR, 32 KB 4-way caches with 32-byte lines (CoreTile A9x4). */
    cpu->ccsidr[0] = 0xe01fe019;    /* L1 D: WT WB RA, 256 sets */
    cpu->ccsidr[1] = 0x201fe019;    /* L1 I: RA, 256 sets */
    cpu->reset_auxcr = 0;           /* ACTLR (4.3) */
    /* PMCR (chapter 11, Performance Monitoring Unit): IMP 0x41, IDCODE 0x09, N = 6 */
    cpu->reset_pmcr = 0x41093000;
    cpu->reset_sctlr = 0x00c50078;
}

static void cortex_a15_init(Object *obj)
{
    ARMCPU *cpu = ARM_CPU(obj);

    cpu->features = 1ull << ARM_FEATURE_V7 | 1ull << ARM_FEATURE_THUMB2 |
                    1ull << ARM_FEATURE_VFP3 | 1ull << ARM_FEATURE_NEON |
                    1ull << ARM_FEATURE_VFP_D32 | 1ull << ARM_FEATURE_EL3 |
                    1ull << ARM_FEATURE_MP | 1ull << ARM_FEATURE_PMU |
                    1ull << ARM_FEATURE_CBAR_RO |
                     1ull << ARM_FEATURE_VFP4 | 1ull << ARM_FEATURE_THUMB_DIV |
                     1ull << ARM_FEATURE_ARM_DIV | 1ull << ARM_FEATURE_LPAE |
                     1ull << ARM_FEATURE_GENERIC_TIMER | 1ull << ARM_FEATURE_EL2;
    /*
     * Cortex-A15 MPCore TRM r2p1 (DDI 0438), 4.2 "Register summary",
     * Table 4-2 (c0 registers) and 4.3 "Register descriptions".
     */
    cpu->midr = 0x412fc0f1;     /* r2p1 */
    cpu->dbgdidr = 0x3515f021;     /* DBGDIDR: v7.1 debug, r2p1 */
    cpu->revidr = 0;
    cpu->ctr = 0x8444c004;
    cpu->id_pfr0 = 0x00001131;
    cpu->id_pfr1 = 0x00011011;
    cpu->id_dfr0 = 0x02010555;
    cpu->id_afr0 = 0;
    cpu->id_mmfr0 = 0x10201105;
    cpu->id_mmfr1 = 0x20000000;
    cpu->id_mmfr2 = 0x01240000;
    cpu->id_mmfr3 = 0x02102211;
    cpu->id_isar0 = 0x02101110;
    cpu->reset_fpsid = 0x410430f0;
    cpu->mvfr0 = 0x10110222;
    cpu->mvfr1 = 0x11111111;
    cpu->id_isar1 = 0x13112111;
    cpu->id_isar2 = 0x21232041;
    cpu->id_isar3 = 0x11112131;
    cpu->id_isar4 = 0x10011142;
    cpu->id_isar5 = 0;
    /* CLIDR: LoUU 1, LoC 2, LoUIS 1; L1 I+D, L2 unified. */
    cpu->clidr = 0x0a200023;
    /* CCSIDR: 32 KB 2-way L1s with 64-byte lines, 4 MB 16-way L2. */
    cpu->ccsidr[0] = 0x701fe00a;
    cpu->ccsidr[1] = 0x201fe00a;
    cpu->ccsidr[2] = 0x711fe07a;
    cpu->reset_auxcr = 0;           /* ACTLR (4.3) */
    /* PMCR (chapter 11, Performance Monitor Unit): IMP 0x41, IDCODE 0x0f, N = 6 */
    cpu->reset_pmcr = 0x410f3000;
    cpu->reset_sctlr = 0x00c50078;
}

static void cortex_a7_init(Object *obj)
{
    ARMCPU *cpu = ARM_CPU(obj);

    cpu->features = 1ull << ARM_FEATURE_V7 | 1ull << ARM_FEATURE_THUMB2 |
                    1ull << ARM_FEATURE_VFP3 | 1ull << ARM_FEATURE_NEON |
                    1ull << ARM_FEATURE_VFP_D32 | 1ull << ARM_FEATURE_EL3 |
                    1ull << ARM_FEATURE_MP | 1ull << ARM_FEATURE_PMU |
                    1ull << ARM_FEATURE_CBAR_RO |
                     1ull << ARM_FEATURE_VFP4 | 1ull << ARM_FEATURE_THUMB_DIV |
                     1ull << ARM_FEATURE_ARM_DIV | 1ull << ARM_FEATURE_LPAE |
                     1ull << ARM_FEATURE_GENERIC_TIMER | 1ull << ARM_FEATURE_EL2;
    /*
     * Cortex-A7 MPCore TRM r0p5 (DDI 0464), 4.2 "Register summary" and
     * 4.3 "Register descriptions".
     */
    cpu->midr = 0x410fc075;     /* r0p5 */
    cpu->dbgdidr = 0x3515f005;     /* DBGDIDR: v7.1 debug, r0p5 */
    cpu->revidr = 0;
    cpu->ctr = 0x84448003;
    cpu->id_pfr0 = 0x00001131;
    cpu->id_pfr1 = 0x00011011;
    cpu->id_dfr0 = 0x02010555;
    cpu->id_afr0 = 0;
    cpu->id_mmfr0 = 0x10101105;
    cpu->id_mmfr1 = 0x40000000;
    cpu->id_mmfr2 = 0x01240000;
    cpu->id_mmfr3 = 0x02102211;
    /*
     * ID_ISAR0: the r0p5 manual prints 0x01101110, which denies
     * SDIV/UDIV in ARM state; the core has them (r0p3 manual: 0x02101110).
     */
    cpu->id_isar0 = 0x02101110;
    cpu->reset_fpsid = 0x41023075;
    cpu->mvfr0 = 0x10110222;
    cpu->mvfr1 = 0x11111111;
    cpu->id_isar1 = 0x13112111;
    cpu->id_isar2 = 0x21232041;
    cpu->id_isar3 = 0x11112131;
    cpu->id_isar4 = 0x10011142;
    cpu->id_isar5 = 0;
    /*
     * CLIDR: L1 I+D, L2 unified. CCSIDR from the cache geometry (chapters 6, 7):
     * 32 KB 4-way D with 64-byte lines, 32 KB 2-way I with 32-byte lines,
     * 512 KB 8-way L2 with 64-byte lines.
     */
    cpu->clidr = 0x0a200023;
    cpu->ccsidr[0] = 0x700fe01a;
    cpu->ccsidr[1] = 0x203fe009;
    cpu->ccsidr[2] = 0x707fe03a;
    cpu->reset_auxcr = 0;
    /* PMCR (chapter 11, Performance Monitoring Unit): IMP 0x41, IDCODE 0x07, N = 4 */
    cpu->reset_pmcr = 0x41072000;
    cpu->reset_sctlr = 0x00c50078;
}

static const TypeInfo arm_cpu_types[] = {
    {
        .name = TYPE_ARM_CPU,
        .parent = TYPE_CPU,
        .instance_size = sizeof(ARMCPU),
        .abstract = true,
        .class_size = sizeof(ARMCPUClass),
        .instance_init = arm_cpu_instance_init,
        .instance_finalize = arm_cpu_finalize,
        .class_init = arm_cpu_class_init,
    },
    {
        .name = ARM_CPU_TYPE_NAME("cortex-a9"),
        .parent = TYPE_ARM_CPU,
        .instance_init = cortex_a9_init,
    },
    {
        .name = ARM_CPU_TYPE_NAME("cortex-a15"),
        .parent = TYPE_ARM_CPU,
        .instance_init = cortex_a15_init,
    },
    {
        .name = ARM_CPU_TYPE_NAME("cortex-a7"),
        .parent = TYPE_ARM_CPU,
        .instance_init = cortex_a7_init,
    },
};

DEFINE_TYPES(arm_cpu_types)
