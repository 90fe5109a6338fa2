/*
 * ARM generic timer (ARM ARM B8) as CP15 registers: see gtimer.h.
 *
 * Only the counts and each timer's compare value and control are state
 * (env->cp15.cntvoff, gt[]); the condition (ISTATUS), the output levels
 * and the QEMUTimer deadlines are derived from them by gt_update, so that
 * a loaded state needs nothing but arm_gt_recalc.
 */
#include "qemu/osdep.h"
#include "target/arm/gtimer.h"
#include "target/arm/cpregs.h"
#include "qemu/timer.h"
#include "hw/irq.h"

#define GT_CTL_ENABLE   (1u << 0)
#define GT_CTL_IMASK    (1u << 1)
#define GT_CTL_ISTATUS  (1u << 2)

/* CNTKCTL (B4.1.26): the PL0 access enables. */
#define CNTKCTL_PL0PCTEN (1u << 0)
#define CNTKCTL_PL0VCTEN (1u << 1)
#define CNTKCTL_PL0VTEN  (1u << 8)
#define CNTKCTL_PL0PTEN  (1u << 9)

#define NS_PER_SEC 1000000000u

uint64_t arm_gt_count(ARMCPU *cpu)
{
    uint64_t ns = qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL);

    return (uint64_t)((unsigned __int128)ns * cpu->gt_freq_hz / NS_PER_SEC);
}

/* The count timer IDX compares against: the virtual one is offset. */
static uint64_t gt_timer_count(ARMCPU *cpu, int idx)
{
    uint64_t c = arm_gt_count(cpu);

    return idx == GTIMER_VIRT ? c - cpu->env.cp15.cntvoff : c;
}

static bool gt_istatus(ARMCPU *cpu, int idx)
{
    const ARMGenericTimer *t = &cpu->env.cp15.gt[idx];

    return (t->ctl & GT_CTL_ENABLE) && gt_timer_count(cpu, idx) >= t->cval;
}

/*
 * Output level (ENABLE && !IMASK && ISTATUS) and, while the condition is
 * false, a QEMUTimer at the first nanosecond the count reaches CVAL.
 */
static void gt_update(ARMCPU *cpu, int idx)
{
    const ARMGenericTimer *t = &cpu->env.cp15.gt[idx];
    QEMUTimer *qt = cpu->gt_timer[idx];
    bool istatus = gt_istatus(cpu, idx);

    qemu_set_irq(cpu->gt_timer_outputs[idx], istatus && !(t->ctl & GT_CTL_IMASK));
    if (!qt) {
        return;
    }
    if (!(t->ctl & GT_CTL_ENABLE) || istatus || !cpu->gt_freq_hz) {
        timer_del(qt);
        return;
    }
    /* The physical count at which the condition holds, then its time. */
    uint64_t target = idx == GTIMER_VIRT ? t->cval + cpu->env.cp15.cntvoff : t->cval;
    unsigned __int128 ns = ((unsigned __int128)target * NS_PER_SEC + cpu->gt_freq_hz - 1) /
                           cpu->gt_freq_hz;

    if (ns > INT64_MAX || (idx == GTIMER_VIRT && target < cpu->env.cp15.cntvoff)) {
        timer_del(qt);      /* beyond the clock's range (or wrapped): never */
    } else {
        timer_mod_ns(qt, (int64_t)ns);
    }
}

void arm_gt_recalc(ARMCPU *cpu)
{
    if (!arm_feature(&cpu->env, ARM_FEATURE_GENERIC_TIMER)) {
        return;
    }
    for (int i = 0; i < ARM_NB_GTIMERS; i++) {
        gt_update(cpu, i);
    }
}

static void gt_timer_cb(void *opaque)
{
    arm_gt_recalc(opaque);
}

void arm_gt_realize(ARMCPU *cpu)
{
    if (!arm_feature(&cpu->env, ARM_FEATURE_GENERIC_TIMER)) {
        return;
    }
    for (int i = 0; i < ARM_NB_GTIMERS; i++) {
        if (!cpu->gt_timer[i]) {
            cpu->gt_timer[i] = timer_new_ns(QEMU_CLOCK_VIRTUAL, gt_timer_cb, cpu);
        }
    }
}

void arm_gt_free(ARMCPU *cpu)
{
    for (int i = 0; i < ARM_NB_GTIMERS; i++) {
        if (cpu->gt_timer[i]) {
            timer_free(cpu->gt_timer[i]);
            cpu->gt_timer[i] = NULL;
        }
    }
}

/* ---- access checks ---- */

static bool gt_pl0_allows(CPUARMState *env, uint32_t enables)
{
    return !arm_is_user(env) || (env->cp15.cntkctl & enables);
}

/* CNTFRQ: PL0 reads with either count enabled; written only at the highest PL. */
static bool gt_cntfrq_access(CPUARMState *env, const ARMCPRegInfo *ri, bool isread)
{
    if (!isread) {
        return !arm_feature(env, ARM_FEATURE_EL3) || arm_is_secure(env);
    }
    return gt_pl0_allows(env, CNTKCTL_PL0PCTEN | CNTKCTL_PL0VCTEN);
}

static bool gt_pct_access(CPUARMState *env, const ARMCPRegInfo *ri, bool isread)
{
    return gt_pl0_allows(env, CNTKCTL_PL0PCTEN);
}

static bool gt_vct_access(CPUARMState *env, const ARMCPRegInfo *ri, bool isread)
{
    return gt_pl0_allows(env, CNTKCTL_PL0VCTEN);
}

static bool gt_ptimer_access(CPUARMState *env, const ARMCPRegInfo *ri, bool isread)
{
    return gt_pl0_allows(env, CNTKCTL_PL0PTEN);
}

static bool gt_vtimer_access(CPUARMState *env, const ARMCPRegInfo *ri, bool isread)
{
    return gt_pl0_allows(env, CNTKCTL_PL0VTEN);
}

/* ---- registers ---- */

/* The timer a CTL/CVAL/TVAL register of bank BANK designates (its field). */
static int gt_index(const ARMCPRegInfo *ri, int bank)
{
    ptrdiff_t ofs = arm_cp_field(ri, bank) - offsetof(CPUARMState, cp15.gt);

    return ofs / sizeof(ARMGenericTimer);
}

static uint64_t gt_cntpct_read(CPUARMState *env, const ARMCPRegInfo *ri, int bank)
{
    return arm_gt_count(env_archcpu(env));
}

static uint64_t gt_cntvct_read(CPUARMState *env, const ARMCPRegInfo *ri, int bank)
{
    return gt_timer_count(env_archcpu(env), GTIMER_VIRT);
}

static uint64_t gt_ctl_read(CPUARMState *env, const ARMCPRegInfo *ri, int bank)
{
    int idx = gt_index(ri, bank);
    uint32_t ctl = env->cp15.gt[idx].ctl & (GT_CTL_ENABLE | GT_CTL_IMASK);

    return ctl | (gt_istatus(env_archcpu(env), idx) ? GT_CTL_ISTATUS : 0);
}

static void gt_ctl_write(CPUARMState *env, const ARMCPRegInfo *ri, int bank, uint64_t value)
{
    int idx = gt_index(ri, bank);

    env->cp15.gt[idx].ctl = value & (GT_CTL_ENABLE | GT_CTL_IMASK);
    gt_update(env_archcpu(env), idx);
}

static void gt_cval_write(CPUARMState *env, const ARMCPRegInfo *ri, int bank, uint64_t value)
{
    int idx = gt_index(ri, bank);

    env->cp15.gt[idx].cval = value;
    gt_update(env_archcpu(env), idx);
}

/* TVAL: the signed 32-bit distance from the count to CVAL (B8.1.5). */
static uint64_t gt_tval_read(CPUARMState *env, const ARMCPRegInfo *ri, int bank)
{
    int idx = gt_index(ri, bank);

    return (uint32_t)(env->cp15.gt[idx].cval - gt_timer_count(env_archcpu(env), idx));
}

static void gt_tval_write(CPUARMState *env, const ARMCPRegInfo *ri, int bank, uint64_t value)
{
    int idx = gt_index(ri, bank);

    env->cp15.gt[idx].cval = gt_timer_count(env_archcpu(env), idx) + (int32_t)value;
    gt_update(env_archcpu(env), idx);
}

static void gt_cntvoff_write(CPUARMState *env, const ARMCPRegInfo *ri, int bank,
                             uint64_t value)
{
    env->cp15.cntvoff = value;
    gt_update(env_archcpu(env), GTIMER_VIRT);
}

static void gt_cntkctl_write(CPUARMState *env, const ARMCPRegInfo *ri, int bank,
                             uint64_t value)
{
    env->cp15.cntkctl = value & 0x3ffu;
}

static void gt_cntfrq_reset(CPUARMState *env, const ARMCPRegInfo *ri)
{
    env->cp15.cntfrq = env_archcpu(env)->gt_freq_hz;
}

#define GT_FIELD(i, f)  .fieldoffset = offsetof(CPUARMState, cp15.gt[i].f)
/* CNTP: the Secure bank is the Secure physical timer (CNTPS) with EL3. */
#define GT_PBANK(f)     .bank_fieldoffsets = { offsetof(CPUARMState, cp15.gt[GTIMER_PHYS].f), \
                                               offsetof(CPUARMState, cp15.gt[GTIMER_SEC].f) }
#define GT_REG(NAME, OP1, CRN, CRM, OP2, ...) \
    { .name = NAME, .cp = 15, .opc1 = OP1, .crn = CRN, .crm = CRM, .opc2 = OP2, __VA_ARGS__ }
#define GT_REG64(NAME, OP1, ...) \
    { .name = NAME, .cp = 15, .opc1 = OP1, .crm = 14, __VA_ARGS__ }

/*
 * The timers' registers are ARM_CP_IO: their functions set GPIO levels
 * and QEMUTimers under the BQL.
 */
static const ARMCPRegInfo gt_regs[] = {
    GT_REG("CNTFRQ", 0, 14, 0, 0, .access = PL0_R | PL1_RW, .accessfn = gt_cntfrq_access,
           .fieldoffset = offsetof(CPUARMState, cp15.cntfrq), .resetfn = gt_cntfrq_reset),
    GT_REG("CNTKCTL", 0, 14, 1, 0, .access = PL1_RW,
           .fieldoffset = offsetof(CPUARMState, cp15.cntkctl), .writefn = gt_cntkctl_write),
    GT_REG64("CNTPCT", 0, .access = PL0_R | PL1_RO, .accessfn = gt_pct_access,
             .readfn = gt_cntpct_read, .flags = ARM_CP_64BIT | ARM_CP_IO | ARM_CP_NO_RAW),
    GT_REG64("CNTVCT", 1, .access = PL0_R | PL1_RO, .accessfn = gt_vct_access,
             .readfn = gt_cntvct_read, .flags = ARM_CP_64BIT | ARM_CP_IO | ARM_CP_NO_RAW),

    GT_REG("CNTP_TVAL", 0, 14, 2, 0, .access = PL0_RW, .accessfn = gt_ptimer_access,
           GT_PBANK(cval), .readfn = gt_tval_read, .writefn = gt_tval_write,
           .flags = ARM_CP_IO | ARM_CP_NO_RAW),
    GT_REG("CNTP_CTL", 0, 14, 2, 1, .access = PL0_RW, .accessfn = gt_ptimer_access,
           GT_PBANK(ctl), .readfn = gt_ctl_read, .writefn = gt_ctl_write, .flags = ARM_CP_IO),
    GT_REG64("CNTP_CVAL", 2, .access = PL0_RW, .accessfn = gt_ptimer_access, GT_PBANK(cval),
             .writefn = gt_cval_write, .flags = ARM_CP_64BIT | ARM_CP_FIELD64 | ARM_CP_IO),

    GT_REG("CNTV_TVAL", 0, 14, 3, 0, .access = PL0_RW, .accessfn = gt_vtimer_access,
           GT_FIELD(GTIMER_VIRT, cval), .readfn = gt_tval_read, .writefn = gt_tval_write,
           .flags = ARM_CP_IO | ARM_CP_NO_RAW),
    GT_REG("CNTV_CTL", 0, 14, 3, 1, .access = PL0_RW, .accessfn = gt_vtimer_access,
           GT_FIELD(GTIMER_VIRT, ctl), .readfn = gt_ctl_read, .writefn = gt_ctl_write,
           .flags = ARM_CP_IO),
    GT_REG64("CNTV_CVAL", 3, .access = PL0_RW, .accessfn = gt_vtimer_access,
             GT_FIELD(GTIMER_VIRT, cval), .writefn = gt_cval_write,
             .flags = ARM_CP_64BIT | ARM_CP_FIELD64 | ARM_CP_IO),
};

/* With the Virtualization Extensions: Hyp timer, CNTHCTL, CNTVOFF (B8.1). */
static const ARMCPRegInfo gt_el2_regs[] = {
    GT_REG("CNTHCTL", 4, 14, 1, 0, .access = PL2_RW, .accessfn = arm_cp_hyp_access,
           .fieldoffset = offsetof(CPUARMState, cp15.cnthctl)),
    GT_REG64("CNTVOFF", 4, .access = PL2_RW, .accessfn = arm_cp_hyp_access,
             .fieldoffset = offsetof(CPUARMState, cp15.cntvoff), .writefn = gt_cntvoff_write,
             .flags = ARM_CP_64BIT | ARM_CP_FIELD64 | ARM_CP_IO),
    GT_REG("CNTHP_TVAL", 4, 14, 2, 0, .access = PL2_RW, .accessfn = arm_cp_hyp_access,
           GT_FIELD(GTIMER_HYP, cval), .readfn = gt_tval_read, .writefn = gt_tval_write,
           .flags = ARM_CP_IO | ARM_CP_NO_RAW),
    GT_REG("CNTHP_CTL", 4, 14, 2, 1, .access = PL2_RW, .accessfn = arm_cp_hyp_access,
           GT_FIELD(GTIMER_HYP, ctl), .readfn = gt_ctl_read, .writefn = gt_ctl_write,
           .flags = ARM_CP_IO),
    GT_REG64("CNTHP_CVAL", 6, .access = PL2_RW, .accessfn = arm_cp_hyp_access,
             GT_FIELD(GTIMER_HYP, cval), .writefn = gt_cval_write,
             .flags = ARM_CP_64BIT | ARM_CP_FIELD64 | ARM_CP_IO),
};

void arm_gt_register(ARMCPU *cpu)
{
    arm_cp_register(cpu, gt_regs, G_N_ELEMENTS(gt_regs));
    if (arm_feature(&cpu->env, ARM_FEATURE_EL2)) {
        arm_cp_register(cpu, gt_el2_regs, G_N_ELEMENTS(gt_el2_regs));
    }
}
