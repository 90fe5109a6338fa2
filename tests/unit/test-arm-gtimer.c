/*
 * ARM generic timer, PMU cycle counter and CPU state dump, driven through
 * the CP15 register functions (arm_cp_read/arm_cp_write) on CPU objects
 * that never run code, with the manual virtual clock: the timer outputs'
 * levels and edges, CNTVOFF, the Secure physical bank, reset, a post-load
 * recomputation, PMCR.D, L2CTLR's CPU count and `info registers`' security
 * state.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/timer.h"
#include "target/arm/cpu.h"
#include "target/arm/cpregs.h"
#include "target/arm/gtimer.h"
#include "devtest.h"

#define CTL_ENABLE  1u
#define CTL_IMASK   2u
#define CTL_ISTATUS 4u
#define NS_PER_TICK 16      /* 62.5 MHz */

typedef struct Fixture {
    ARMCPU *cpu;
    IrqRecorder rec[ARM_NB_GTIMERS];
} Fixture;

static ARMCPU *cpu_new(const char *type, bool el3, bool el2, uint32_t cores)
{
    CPUState *cs = cpu_create(type, &error_abort);

    qdev_prop_set_bit(DEVICE(cs), "has_el3", el3);
    qdev_prop_set_bit(DEVICE(cs), "has_el2", el2);
    qdev_prop_set_uint32(DEVICE(cs), "core-count", cores);
    qdev_realize(DEVICE(cs), NULL, &error_abort);
    return ARM_CPU(cs);
}

static void cpu_free(ARMCPU *cpu)
{
    qdev_unrealize(DEVICE(cpu));
    object_unref(OBJECT(cpu));
}

static void fixture_init(Fixture *f, bool el3, bool el2)
{
    f->cpu = cpu_new(ARM_CPU_TYPE_NAME("cortex-a15"), el3, el2, 1);
    for (int i = 0; i < ARM_NB_GTIMERS; i++) {
        qdev_connect_gpio_out_named(DEVICE(f->cpu), "gt-timer-outputs", i,
                                    devtest_recorder_line(&f->rec[i]));
    }
    cpu_reset(CPU(f->cpu));
    /* Start on a tick boundary so that deadlines are exact. */
    devtest_clock_step(NS_PER_TICK - qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL) % NS_PER_TICK);
}

static void fixture_fini(Fixture *f)
{
    cpu_free(f->cpu);
    for (int i = 0; i < ARM_NB_GTIMERS; i++) {
        qemu_free_irq(f->rec[i].line);
    }
}

static const ARMCPRegInfo *reg(ARMCPU *cpu, bool is64, int opc1, int crn, int crm, int opc2)
{
    const ARMCPRegInfo *ri = arm_cp_find(cpu, arm_cp_key(15, is64, opc1, crn, crm, opc2));

    g_assert_nonnull(ri);
    return ri;
}

static void wr(ARMCPU *cpu, int bank, bool is64, int opc1, int crn, int crm, int opc2,
               uint64_t v)
{
    arm_cp_write(&cpu->env, reg(cpu, is64, opc1, crn, crm, opc2), bank, v);
}

static uint64_t rd(ARMCPU *cpu, int bank, bool is64, int opc1, int crn, int crm, int opc2)
{
    return arm_cp_read(&cpu->env, reg(cpu, is64, opc1, crn, crm, opc2), bank);
}

#define CNTV_TVAL_W(c, v)   wr(c, ARM_NS, false, 0, 14, 3, 0, v)
#define CNTV_CTL_W(c, v)    wr(c, ARM_NS, false, 0, 14, 3, 1, v)
#define CNTV_CTL_R(c)       rd(c, ARM_NS, false, 0, 14, 3, 1)
#define CNTV_CVAL_W(c, v)   wr(c, ARM_NS, true, 3, 0, 14, 0, v)
#define CNTVCT_R(c)         rd(c, ARM_NS, true, 1, 0, 14, 0)
#define CNTPCT_R(c)         rd(c, ARM_NS, true, 0, 0, 14, 0)

static void test_virt_output(void)
{
    Fixture f;

    fixture_init(&f, false, false);
    g_assert_cmpint(f.rec[GTIMER_VIRT].level, ==, 0);
    CNTV_TVAL_W(f.cpu, 1000);
    CNTV_CTL_W(f.cpu, CTL_ENABLE);
    g_assert_cmphex(CNTV_CTL_R(f.cpu), ==, CTL_ENABLE);
    /* 1000 ticks of 16 ns: nothing one nanosecond early, then the edge */
    devtest_clock_step(1000 * NS_PER_TICK - 1);
    g_assert_cmpint(f.rec[GTIMER_VIRT].level, ==, 0);
    devtest_clock_step(1);
    g_assert_cmpint(f.rec[GTIMER_VIRT].level, ==, 1);
    g_assert_cmpint(f.rec[GTIMER_VIRT].raises, ==, 1);
    g_assert_cmphex(CNTV_CTL_R(f.cpu), ==, CTL_ENABLE | CTL_ISTATUS);
    /* IMASK lowers the line, ISTATUS stays; the other timers stay quiet */
    CNTV_CTL_W(f.cpu, CTL_ENABLE | CTL_IMASK);
    g_assert_cmpint(f.rec[GTIMER_VIRT].level, ==, 0);
    g_assert_cmphex(CNTV_CTL_R(f.cpu), ==, CTL_ENABLE | CTL_IMASK | CTL_ISTATUS);
    CNTV_CTL_W(f.cpu, CTL_ENABLE);
    g_assert_cmpint(f.rec[GTIMER_VIRT].level, ==, 1);
    g_assert_cmpint(f.rec[GTIMER_VIRT].raises, ==, 2);
    g_assert_cmpint(f.rec[GTIMER_PHYS].raises + f.rec[GTIMER_HYP].raises +
                    f.rec[GTIMER_SEC].raises, ==, 0);
    /* A later compare value lowers it until the count gets there */
    CNTV_TVAL_W(f.cpu, 10);
    g_assert_cmpint(f.rec[GTIMER_VIRT].level, ==, 0);
    devtest_clock_step(10 * NS_PER_TICK);
    g_assert_cmpint(f.rec[GTIMER_VIRT].level, ==, 1);
    /* Disabled: low, and ISTATUS reads as zero */
    CNTV_CTL_W(f.cpu, 0);
    g_assert_cmpint(f.rec[GTIMER_VIRT].level, ==, 0);
    g_assert_cmphex(CNTV_CTL_R(f.cpu), ==, 0);
    fixture_fini(&f);
}

static void test_counts(void)
{
    Fixture f;
    uint64_t c0;

    fixture_init(&f, false, true);
    c0 = CNTPCT_R(f.cpu);
    g_assert_cmpuint(c0, ==, qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL) / NS_PER_TICK);
    g_assert_cmpuint(CNTVCT_R(f.cpu), ==, c0);
    devtest_clock_step(160);
    g_assert_cmpuint(CNTPCT_R(f.cpu), ==, c0 + 10);
    /* CNTVOFF (EL2) subtracts from the virtual count and moves its timer */
    CNTV_CVAL_W(f.cpu, c0 + 100);
    CNTV_CTL_W(f.cpu, CTL_ENABLE);
    g_assert_cmpint(f.rec[GTIMER_VIRT].level, ==, 0);
    wr(f.cpu, ARM_NS, true, 4, 0, 14, 0, (uint64_t)-200);
    g_assert_cmpuint(CNTVCT_R(f.cpu), ==, c0 + 210);
    g_assert_cmpint(f.rec[GTIMER_VIRT].level, ==, 1);
    wr(f.cpu, ARM_NS, true, 4, 0, 14, 0, 0);
    g_assert_cmpint(f.rec[GTIMER_VIRT].level, ==, 0);
    /* The Hyp timer has its own output */
    wr(f.cpu, ARM_NS, false, 4, 14, 2, 0, 5);
    wr(f.cpu, ARM_NS, false, 4, 14, 2, 1, CTL_ENABLE);
    devtest_clock_step(5 * NS_PER_TICK);
    g_assert_cmpint(f.rec[GTIMER_HYP].level, ==, 1);
    /* Reset disables every timer and drops the lines */
    cpu_reset(CPU(f.cpu));
    g_assert_cmpint(f.rec[GTIMER_HYP].level, ==, 0);
    g_assert_cmpint(f.rec[GTIMER_VIRT].level, ==, 0);
    fixture_fini(&f);
}

static void test_secure_bank(void)
{
    Fixture f;

    fixture_init(&f, true, false);
    /* CNTP's Secure bank is the Secure physical timer */
    wr(f.cpu, ARM_S, false, 0, 14, 2, 0, 3);
    wr(f.cpu, ARM_S, false, 0, 14, 2, 1, CTL_ENABLE);
    wr(f.cpu, ARM_NS, false, 0, 14, 2, 0, 1000);
    wr(f.cpu, ARM_NS, false, 0, 14, 2, 1, CTL_ENABLE);
    devtest_clock_step(3 * NS_PER_TICK);
    g_assert_cmpint(f.rec[GTIMER_SEC].level, ==, 1);
    g_assert_cmpint(f.rec[GTIMER_PHYS].level, ==, 0);
    g_assert_cmphex(rd(f.cpu, ARM_S, false, 0, 14, 2, 1), ==, CTL_ENABLE | CTL_ISTATUS);
    g_assert_cmphex(rd(f.cpu, ARM_NS, false, 0, 14, 2, 1), ==, CTL_ENABLE);
    fixture_fini(&f);
}

/* A loaded state carries cval/ctl only: arm_gt_recalc restores the rest. */
static void test_recalc_after_load(void)
{
    Fixture f;
    uint64_t now;

    fixture_init(&f, false, false);
    now = qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL) / NS_PER_TICK;
    f.cpu->env.cp15.gt[GTIMER_PHYS].cval = now + 50;
    f.cpu->env.cp15.gt[GTIMER_PHYS].ctl = CTL_ENABLE;
    f.cpu->env.cp15.gt[GTIMER_VIRT].cval = now;
    f.cpu->env.cp15.gt[GTIMER_VIRT].ctl = CTL_ENABLE;
    arm_gt_recalc(f.cpu);
    g_assert_cmpint(f.rec[GTIMER_VIRT].level, ==, 1);
    g_assert_cmpint(f.rec[GTIMER_PHYS].level, ==, 0);
    devtest_clock_step(50 * NS_PER_TICK);
    g_assert_cmpint(f.rec[GTIMER_PHYS].level, ==, 1);
    fixture_fini(&f);
}

static void test_pmu_divider(void)
{
    ARMCPU *cpu = cpu_new(ARM_CPU_TYPE_NAME("cortex-a15"), false, false, 1);

    cpu_reset(CPU(cpu));
    wr(cpu, ARM_NS, false, 0, 9, 12, 0, 1 | 4 | 8);     /* PMCR: E, C, D */
    wr(cpu, ARM_NS, false, 0, 9, 12, 1, 1u << 31);      /* PMCNTENSET: cycles */
    devtest_clock_step(6400);
    g_assert_cmpuint(rd(cpu, ARM_NS, false, 0, 9, 13, 0), ==, 100);
    wr(cpu, ARM_NS, false, 0, 9, 12, 0, 1);             /* D clear: every ns */
    g_assert_cmpuint(rd(cpu, ARM_NS, false, 0, 9, 13, 0), ==, 100);
    devtest_clock_step(50);
    g_assert_cmpuint(rd(cpu, ARM_NS, false, 0, 9, 13, 0), ==, 150);
    /* PMCR reads the model's N and IDCODE with the written bits */
    g_assert_cmphex(rd(cpu, ARM_NS, false, 0, 9, 12, 0), ==, 0x410f3001);
    cpu_free(cpu);
}

static void test_l2ctlr_cores(void)
{
    ARMCPU *cpu = cpu_new(ARM_CPU_TYPE_NAME("cortex-a7"), false, false, 4);

    cpu_reset(CPU(cpu));
    g_assert_cmphex(rd(cpu, ARM_NS, false, 1, 9, 0, 2), ==, 3u << 24);
    cpu_free(cpu);
}

static char *dump(ARMCPU *cpu)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);

    cpu_dump_state(CPU(cpu), f, 0);
    fclose(f);
    return buf;
}

static void test_dump_security_state(void)
{
    ARMCPU *cpu = cpu_new(ARM_CPU_TYPE_NAME("cortex-a9"), true, false, 1);
    char *s;

    cpu_reset(CPU(cpu));
    s = dump(cpu);
    g_assert_nonnull(strstr(s, " A S svc32\n"));
    g_free(s);
    cpu->env.cp15.scr = 1;
    s = dump(cpu);
    g_assert_nonnull(strstr(s, " A NS svc32\n"));
    g_free(s);
    /* Monitor mode is Secure whatever SCR.NS says */
    arm_switch_mode(&cpu->env, ARM_CPU_MODE_MON);
    s = dump(cpu);
    g_assert_nonnull(strstr(s, " A S mon32\n"));
    g_free(s);
    cpu_free(cpu);

    /* Without the Security Extensions: no security state */
    cpu = cpu_new(ARM_CPU_TYPE_NAME("cortex-a9"), false, false, 1);
    cpu_reset(CPU(cpu));
    s = dump(cpu);
    g_assert_nonnull(strstr(s, " A svc32\n"));
    g_free(s);
    cpu_free(cpu);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    devtest_init();
    g_test_add_func("/arm-gtimer/virt-output", test_virt_output);
    g_test_add_func("/arm-gtimer/counts-cntvoff-hyp-reset", test_counts);
    g_test_add_func("/arm-gtimer/secure-bank", test_secure_bank);
    g_test_add_func("/arm-gtimer/recalc-after-load", test_recalc_after_load);
    g_test_add_func("/arm-gtimer/pmu-divider", test_pmu_divider);
    g_test_add_func("/arm-gtimer/l2ctlr-cores", test_l2ctlr_cores);
    g_test_add_func("/arm-gtimer/dump-security-state", test_dump_security_state);
    return g_test_run();
}
