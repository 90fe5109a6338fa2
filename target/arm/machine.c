/*
 * The ARM CPU in the migration stream: section "cpu", instance = the CPU's
 * index (never its QOM path, so that moving the cores under another
 * parent changes nothing on the wire).
 *
 * Everything the architecture can observe is here: the core registers and
 * every mode's banks, the CPSR, VFP/Advanced SIMD registers and controls,
 * the exclusive monitor, CP15 register by register (both security banks),
 * the generic timers' registers (their QEMUTimers are recomputed from them
 * on load, relative to the virtual clock that travels in the stream), the
 * levels of the CPU's interrupt inputs, and whether it is halted in WFI.
 *
 * Adding state later: a register added in a later release goes into a new
 * subsection whose needed() says when its value differs from its reset
 * value, with absent() restoring that reset value (docs/devel/migration.md).
 */
#include "qemu/osdep.h"
#include "target/arm/cpu.h"
#include "exec/exec-all.h"
#include "migration/vmstate.h"
#include "target/arm/gtimer.h"

static bool arm_cpu_pre_save(void *opaque, Error **errp)
{
    ARMCPU *cpu = opaque;

    cpu->vmstate_cpsr = cpsr_read(&cpu->env);
    return true;
}

static bool arm_cpu_post_load(void *opaque, int version_id, Error **errp)
{
    ARMCPU *cpu = opaque;
    CPUARMState *env = &cpu->env;
    CPUState *cs = CPU(cpu);
    uint32_t mode = cpu->vmstate_cpsr & CPSR_M;
    static const uint32_t line_mask[ARM_CPU_NB_LINES] = {
        CPU_INTERRUPT_HARD, CPU_INTERRUPT_FIQ, CPU_INTERRUPT_VIRQ, CPU_INTERRUPT_VFIQ,
    };

    switch (mode) {
    case ARM_CPU_MODE_USR: case ARM_CPU_MODE_FIQ: case ARM_CPU_MODE_IRQ:
    case ARM_CPU_MODE_SVC: case ARM_CPU_MODE_MON: case ARM_CPU_MODE_ABT:
    case ARM_CPU_MODE_HYP: case ARM_CPU_MODE_UND: case ARM_CPU_MODE_SYS:
        break;
    default:
        error_setg(errp, "invalid CPSR mode 0x%x", mode);
        return false;
    }
    /*
     * The registers of the saved mode are in regs[] already, the others in
     * the banks: set the mode without switching banks, then the rest.
     */
    env->uncached_cpsr = (env->uncached_cpsr & ~CPSR_M) | mode;
    cpsr_write(env, cpu->vmstate_cpsr, 0xffffffffu);
    for (int i = 0; i < ARM_CPU_NB_LINES; i++) {
        if (cpu->irq_lines & (1u << i)) {
            cs->interrupt_request |= line_mask[i];
        } else {
            cs->interrupt_request &= ~line_mask[i];
        }
    }
    /* HCR.VI/VF: the virtual interrupt requests. */
    arm_update_virtual_irqs(cpu);
    tlb_flush(cs);
    /* The generic timers' deadlines and output levels from the registers. */
    if (arm_feature(env, ARM_FEATURE_GENERIC_TIMER)) {
        arm_gt_recalc(cpu);
    }
    return true;
}

#define CP15_BANKED(f) VMSTATE_UINT32_ARRAY(env.cp15.f, ARMCPU, 2)
#define CP15_BANKED64(f) VMSTATE_UINT64_ARRAY(env.cp15.f, ARMCPU, 2)
#define CP15(f) VMSTATE_UINT32(env.cp15.f, ARMCPU)
#define CP15_64(f) VMSTATE_UINT64(env.cp15.f, ARMCPU)

static const VMStateDescription vmstate_arm_gtimer = {
    .name = "cpu/gtimer",
    .version_id = 1,
    .minimum_version_id = 1,
    .fields = (const VMStateField[]) {
        VMSTATE_UINT64(cval, ARMGenericTimer),
        VMSTATE_UINT32(ctl, ARMGenericTimer),
        VMSTATE_END_OF_LIST()
    },
};

/* Hyp memory attributes (HMAIR0/1): sent only when set (not at reset). */
static bool arm_hyp_mair_needed(void *opaque)
{
    ARMCPU *cpu = opaque;

    return cpu->env.cp15.hmair[0] || cpu->env.cp15.hmair[1];
}

/* A stream without the subsection: the reset value. */
static void arm_hyp_mair_absent(void *opaque)
{
    ARMCPU *cpu = opaque;

    cpu->env.cp15.hmair[0] = cpu->env.cp15.hmair[1] = 0;
}

static const VMStateDescription vmstate_arm_hyp_mair = {
    .name = "cpu/hyp-mair",
    .version_id = 1,
    .minimum_version_id = 1,
    .needed = arm_hyp_mair_needed,
    .absent = arm_hyp_mair_absent,
    .fields = (const VMStateField[]) {
        VMSTATE_UINT32_ARRAY(env.cp15.hmair, ARMCPU, 2),
        VMSTATE_END_OF_LIST()
    },
};

/* Added after 0.1's stream layout was drafted: only sent when set. */
static bool arm_thumbee_needed(void *opaque)
{
    ARMCPU *cpu = opaque;

    return cpu->env.cp15.teecr != 0 || cpu->env.cp15.teehbr != 0;
}

static void arm_thumbee_absent(void *opaque)
{
    ARMCPU *cpu = opaque;

    cpu->env.cp15.teecr = 0;
    cpu->env.cp15.teehbr = 0;
}

static const VMStateDescription vmstate_arm_thumbee = {
    .name = "cpu/thumbee",
    .version_id = 1,
    .minimum_version_id = 1,
    .needed = arm_thumbee_needed,
    .absent = arm_thumbee_absent,
    .fields = (const VMStateField[]) {
        CP15(teecr),
        CP15(teehbr),
        VMSTATE_END_OF_LIST()
    },
};

const VMStateDescription vmstate_arm_cpu = {
    .name = "cpu",
    .version_id = 1,
    .minimum_version_id = 1,
    .pre_save = arm_cpu_pre_save,
    .post_load = arm_cpu_post_load,
    .fields = (const VMStateField[]) {
        VMSTATE_UINT32_ARRAY(env.regs, ARMCPU, 16),
        VMSTATE_UINT32(vmstate_cpsr, ARMCPU),
        VMSTATE_UINT32(env.spsr, ARMCPU),
        VMSTATE_UINT32_ARRAY(env.banked_spsr, ARMCPU, ARM_NB_BANKS),
        VMSTATE_UINT32_ARRAY(env.banked_r13, ARMCPU, ARM_NB_BANKS),
        VMSTATE_UINT32_ARRAY(env.banked_r14, ARMCPU, ARM_NB_BANKS),
        VMSTATE_UINT32_ARRAY(env.usr_regs, ARMCPU, 5),
        VMSTATE_UINT32_ARRAY(env.fiq_regs, ARMCPU, 5),
        VMSTATE_UINT32(env.elr_hyp, ARMCPU),
        VMSTATE_UINT64(env.exclusive_addr, ARMCPU),
        VMSTATE_UINT64(env.exclusive_val, ARMCPU),
        VMSTATE_UINT32(env.exclusive_high, ARMCPU),
        VMSTATE_UINT32(irq_lines, ARMCPU),
        VMSTATE_BOOL(parent_obj.halted, ARMCPU),
        /* VFP and Advanced SIMD */
        VMSTATE_UINT64_ARRAY(env.vfp.d, ARMCPU, 32),
        VMSTATE_UINT32(env.vfp.fpscr, ARMCPU),
        VMSTATE_UINT32(env.vfp.fpexc, ARMCPU),
        VMSTATE_UINT32(env.vfp.fpinst, ARMCPU),
        VMSTATE_UINT32(env.vfp.fpinst2, ARMCPU),
        /* CP15, register by register ([ARM_NS], [ARM_S] where banked) */
        CP15_BANKED(sctlr),
        CP15(actlr),
        CP15(cpacr),
        CP15(scr),
        CP15(sder),
        CP15(nsacr),
        CP15_BANKED64(ttbr0),
        CP15_BANKED64(ttbr1),
        CP15_BANKED(ttbcr),
        CP15_BANKED(dacr),
        CP15_BANKED(dfsr),
        CP15_BANKED(ifsr),
        CP15_BANKED(dfar),
        CP15_BANKED(ifar),
        CP15_BANKED(adfsr),
        CP15_BANKED(aifsr),
        CP15_BANKED64(par),
        CP15_BANKED(prrr),
        CP15_BANKED(nmrr),
        CP15_BANKED(vbar),
        CP15(mvbar),
        CP15_BANKED(contextidr),
        CP15_BANKED(tpidrurw),
        CP15_BANKED(tpidruro),
        CP15_BANKED(tpidrprw),
        CP15_BANKED(csselr),
        CP15_BANKED(fcseidr),
        CP15(pmcr),
        CP15(pmcnten),
        CP15(pmovsr),
        CP15(pmuserenr),
        CP15(pmintenset),
        CP15(pmselr),
        CP15_64(pmccntr),
        CP15(l2ctlr),
        CP15(l2ectlr),
        CP15(a9_pcr),
        CP15(a9_diag),
        CP15(dbgdscr),
        CP15(hsctlr),
        CP15(hcr),
        CP15(hdcr),
        CP15(hcptr),
        CP15(hstr),
        CP15(hvbar),
        CP15(htcr),
        CP15(hsr),
        CP15(hpfar),
        CP15(hdfar),
        CP15(hifar),
        CP15_64(httbr),
        CP15_64(vttbr),
        CP15(vtcr),
        CP15(vpidr),
        CP15(vmpidr),
        CP15(cntfrq),
        CP15(cntkctl),
        CP15(cnthctl),
        CP15_64(cntvoff),
        VMSTATE_STRUCT_ARRAY(env.cp15.gt, ARMCPU, ARM_NB_GTIMERS, 1, vmstate_arm_gtimer,
                             ARMGenericTimer),
        VMSTATE_END_OF_LIST()
    },
    .subsections = (const VMStateDescription * const []) {
        &vmstate_arm_hyp_mair,
        &vmstate_arm_thumbee,
        NULL
    },
};
