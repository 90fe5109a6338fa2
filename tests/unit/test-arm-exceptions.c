/*
 * ARM exception entry (arm_cpu_do_interrupt) and interrupt masking, in
 * process on a cortex-a9 with the Security Extensions: mode, LR offsets
 * (ARM and Thumb), SPSR, CPSR.I/F/A/T/E/IT, vector bases (VBAR per bank,
 * high vectors, MVBAR), routing to Monitor mode (SMC, SCR.IRQ/FIQ/EA),
 * SCR.AW/FW, the fault registers of the target bank and BKPT. Then Hyp
 * mode on a cortex-a15 with PL2 and no EL3: reset in Hyp, the Hyp vectors,
 * HSR/ELR_hyp/SPSR_hyp/HDFAR, HCR.IMO/TGE routing and HCR.VI.
 */
#include "qemu/osdep.h"
#include "exec/exec-all.h"
#include "exec/memory.h"
#include "target/arm/cpu.h"

static CPUState *cpu;

static CPUARMState *env(void)
{
    return cpu_env(cpu);
}

#define SCR_NS  (1u << 0)
#define SCR_IRQ (1u << 1)
#define SCR_FIQ (1u << 2)
#define SCR_EA  (1u << 3)
#define SCR_FW  (1u << 4)
#define SCR_AW  (1u << 5)

/* Reset, then Supervisor mode at PC with only I clear, in the given state. */
static void setup(uint32_t pc, uint32_t scr)
{
    cpu_reset(cpu);
    env()->cp15.scr = scr;
    env()->cp15.vbar[ARM_S] = 0x1000;
    env()->cp15.vbar[ARM_NS] = 0x2000;
    env()->cp15.mvbar = 0x3000;
    env()->regs[15] = pc;
    env()->uncached_cpsr &= ~(CPSR_I | CPSR_A | CPSR_F);
}

static void take(int excp)
{
    cpu->exception_index = excp;
    arm_cpu_do_interrupt(cpu);
}

static uint32_t mode(void)
{
    return env()->uncached_cpsr & CPSR_M;
}

static void test_undef_svc(void)
{
    uint32_t old;

    setup(0x8000, 0);
    old = cpsr_read(env());
    take(EXCP_UDEF);
    g_assert_cmphex(mode(), ==, ARM_CPU_MODE_UND);
    g_assert_cmphex(env()->regs[14], ==, 0x8004);
    g_assert_cmphex(env()->spsr, ==, old);
    g_assert_cmphex(env()->regs[15], ==, 0x1004);      /* Secure VBAR */
    g_assert_cmphex(env()->uncached_cpsr & (CPSR_I | CPSR_A | CPSR_F), ==, CPSR_I);

    /* Thumb: LR is the instruction + 2; IT state is cleared. */
    setup(0x8000, 0);
    env()->thumb = 1;
    env()->condexec_bits = 0x1c;
    take(EXCP_SWI);
    g_assert_cmphex(mode(), ==, ARM_CPU_MODE_SVC);
    g_assert_cmphex(env()->regs[14], ==, 0x8002);
    g_assert_cmphex(env()->spsr & (CPSR_T | CPSR_IT), ==, CPSR_T | (0x1cu & 0xfc) << 8);
    g_assert_cmpuint(env()->condexec_bits, ==, 0);
    g_assert_cmpuint(env()->thumb, ==, 0);
    g_assert_cmphex(env()->regs[15], ==, 0x1008);
}

static void test_sctlr_bits(void)
{
    /* SCTLR.V: high vectors; TE: Thumb handler; EE: big-endian data. */
    setup(0x8000, 0);
    env()->cp15.sctlr[ARM_S] |= (1u << 13) | (1u << 30) | (1u << 25);
    take(EXCP_UDEF);
    g_assert_cmphex(env()->regs[15], ==, 0xffff0004);
    g_assert_cmpuint(env()->thumb, ==, 1);
    g_assert_cmphex(env()->uncached_cpsr & CPSR_E, ==, CPSR_E);
}

static void test_aborts(void)
{
    ARMCPU *arm = ARM_CPU(cpu);

    /* Non-secure data abort: the NS bank's DFSR/DFAR, A set (SCR.AW). */
    setup(0x8000, SCR_NS | SCR_AW | SCR_FW);
    arm->fault.fsr = 0x805;
    arm->fault.far = 0x12345678;
    arm->fault.ea = false;
    take(EXCP_DATA_ABORT);
    g_assert_cmphex(mode(), ==, ARM_CPU_MODE_ABT);
    g_assert_cmphex(env()->regs[14], ==, 0x8008);
    g_assert_cmphex(env()->regs[15], ==, 0x2010);
    g_assert_cmphex(env()->cp15.dfsr[ARM_NS], ==, 0x805);
    g_assert_cmphex(env()->cp15.dfar[ARM_NS], ==, 0x12345678);
    g_assert_cmphex(env()->cp15.dfsr[ARM_S], ==, 0);
    g_assert_cmphex(env()->uncached_cpsr & (CPSR_I | CPSR_A | CPSR_F), ==, CPSR_I | CPSR_A);

    /* Prefetch abort: IFSR/IFAR, LR + 4. */
    setup(0x8000, SCR_NS | SCR_AW);
    arm->fault.fsr = 0x00d;
    arm->fault.far = 0x8000;
    take(EXCP_PREFETCH_ABORT);
    g_assert_cmphex(env()->regs[14], ==, 0x8004);
    g_assert_cmphex(env()->regs[15], ==, 0x200c);
    g_assert_cmphex(env()->cp15.ifsr[ARM_NS], ==, 0x00d);
    g_assert_cmphex(env()->cp15.ifar[ARM_NS], ==, 0x8000);

    /* External abort with SCR.EA: Monitor mode, the Secure bank. */
    setup(0x8000, SCR_NS | SCR_EA);
    arm->fault.fsr = 0x80c;
    arm->fault.far = 0x4000;
    arm->fault.ea = true;
    take(EXCP_DATA_ABORT);
    g_assert_cmphex(mode(), ==, ARM_CPU_MODE_MON);
    g_assert_cmphex(env()->regs[15], ==, 0x3010);
    g_assert_cmphex(env()->cp15.dfsr[ARM_S], ==, 0x80c);
    g_assert_cmphex(env()->uncached_cpsr & (CPSR_I | CPSR_A | CPSR_F), ==,
                    CPSR_I | CPSR_A | CPSR_F);
    arm->fault.ea = false;

    /* BKPT: a prefetch abort reporting a debug event. */
    setup(0x8000, 0);
    take(EXCP_BKPT);
    g_assert_cmphex(mode(), ==, ARM_CPU_MODE_ABT);
    g_assert_cmphex(env()->regs[14], ==, 0x8004);
    g_assert_cmphex(env()->cp15.ifsr[ARM_S], ==, 0x2);
    g_assert_cmphex(env()->regs[15], ==, 0x100c);
}

static void test_monitor_routing(void)
{
    /* SMC: Monitor mode at MVBAR + 8, from either state. */
    setup(0x8000, SCR_NS);
    take(EXCP_SMC);
    g_assert_cmphex(mode(), ==, ARM_CPU_MODE_MON);
    g_assert_cmphex(env()->regs[14], ==, 0x8004);
    g_assert_cmphex(env()->regs[15], ==, 0x3008);
    g_assert_true(arm_is_secure(env()));

    /* IRQ with SCR.IRQ: Monitor at MVBAR + 0x18; without: IRQ mode, NS VBAR. */
    setup(0x8000, SCR_NS | SCR_IRQ);
    take(EXCP_IRQ);
    g_assert_cmphex(mode(), ==, ARM_CPU_MODE_MON);
    g_assert_cmphex(env()->regs[15], ==, 0x3018);
    g_assert_cmphex(env()->regs[14], ==, 0x8004);
    setup(0x8000, SCR_NS | SCR_AW | SCR_FW);
    take(EXCP_IRQ);
    g_assert_cmphex(mode(), ==, ARM_CPU_MODE_IRQ);
    g_assert_cmphex(env()->regs[15], ==, 0x2018);

    /* FIQ to a Non-secure mode with SCR.FW/AW clear: F and A unchanged. */
    setup(0x8000, SCR_NS);
    take(EXCP_FIQ);
    g_assert_cmphex(mode(), ==, ARM_CPU_MODE_FIQ);
    g_assert_cmphex(env()->regs[15], ==, 0x201c);
    g_assert_cmphex(env()->uncached_cpsr & (CPSR_I | CPSR_A | CPSR_F), ==, CPSR_I);
    /* ... and set when allowed. */
    setup(0x8000, SCR_NS | SCR_FW | SCR_AW);
    take(EXCP_FIQ);
    g_assert_cmphex(env()->uncached_cpsr & (CPSR_I | CPSR_A | CPSR_F), ==,
                    CPSR_I | CPSR_A | CPSR_F);
}

static void test_masking(void)
{
    CPUClass *cc = CPU_GET_CLASS(cpu);

    /* CPSR.I masks IRQ. */
    setup(0x8000, SCR_NS | SCR_AW | SCR_FW);
    env()->uncached_cpsr |= CPSR_I;
    g_assert_false(cc->cpu_exec_interrupt(cpu, CPU_INTERRUPT_HARD));
    g_assert_cmphex(mode(), ==, ARM_CPU_MODE_SVC);
    env()->uncached_cpsr &= ~CPSR_I;
    g_assert_true(cc->cpu_exec_interrupt(cpu, CPU_INTERRUPT_HARD));
    g_assert_cmphex(mode(), ==, ARM_CPU_MODE_IRQ);

    /* FIQ before IRQ. */
    setup(0x8000, SCR_NS | SCR_AW | SCR_FW);
    g_assert_true(cc->cpu_exec_interrupt(cpu, CPU_INTERRUPT_HARD | CPU_INTERRUPT_FIQ));
    g_assert_cmphex(mode(), ==, ARM_CPU_MODE_FIQ);

    /* A FIQ routed to Monitor cannot be masked from NS when SCR.FW is 0. */
    setup(0x8000, SCR_NS | SCR_FIQ);
    env()->uncached_cpsr |= CPSR_F;
    g_assert_true(cc->cpu_exec_interrupt(cpu, CPU_INTERRUPT_FIQ));
    g_assert_cmphex(mode(), ==, ARM_CPU_MODE_MON);
    /* With SCR.FW set, F masks it. */
    setup(0x8000, SCR_NS | SCR_FIQ | SCR_FW);
    env()->uncached_cpsr |= CPSR_F;
    g_assert_false(cc->cpu_exec_interrupt(cpu, CPU_INTERRUPT_FIQ));
}

static void test_cpsr_write_ns(void)
{
    /* From Non-secure state, F and A change only where SCR.FW/AW allow. */
    setup(0x8000, SCR_NS);
    cpsr_write(env(), CPSR_F | CPSR_A | CPSR_I | ARM_CPU_MODE_SVC, CPSR_F | CPSR_A | CPSR_I);
    g_assert_cmphex(env()->uncached_cpsr & (CPSR_I | CPSR_A | CPSR_F), ==, CPSR_I);
    env()->cp15.scr |= SCR_FW | SCR_AW;
    cpsr_write(env(), CPSR_F | CPSR_A, CPSR_F | CPSR_A);
    g_assert_cmphex(env()->uncached_cpsr & (CPSR_A | CPSR_F), ==, CPSR_A | CPSR_F);
    /* Secure state: always. */
    setup(0x8000, 0);
    cpsr_write(env(), CPSR_F, CPSR_F);
    g_assert_cmphex(env()->uncached_cpsr & CPSR_F, ==, CPSR_F);
}

/* ---- Virtualization Extensions: a cortex-a15 with EL2, without EL3 ---- */

static CPUState *hcpu;

static CPUARMState *henv(void)
{
    return cpu_env(hcpu);
}

/* Reset (Hyp mode), then MODE at PC with A/I/F clear. */
static void hsetup(uint32_t mode, uint32_t pc)
{
    cpu_reset(hcpu);
    g_assert_cmphex(henv()->uncached_cpsr & CPSR_M, ==, ARM_CPU_MODE_HYP);
    henv()->cp15.hvbar = 0x4000;
    henv()->cp15.vbar[ARM_NS] = 0x2000;
    arm_switch_mode(henv(), mode);
    henv()->uncached_cpsr &= ~(CPSR_I | CPSR_A | CPSR_F);
    henv()->regs[15] = pc;
}

static void htake(int excp)
{
    hcpu->exception_index = excp;
    arm_cpu_do_interrupt(hcpu);
}

static uint32_t hmode(void)
{
    return henv()->uncached_cpsr & CPSR_M;
}

static void test_hyp_in_hyp(void)
{
    uint32_t old;

    /* UNDEF in Hyp mode: HVBAR + 0x04, ELR_hyp the instruction, HSR EC 0. */
    hsetup(ARM_CPU_MODE_HYP, 0x8000);
    henv()->cp15.hsr = 0xdeadbeef;
    old = cpsr_read(henv());
    htake(EXCP_UDEF);
    g_assert_cmphex(hmode(), ==, ARM_CPU_MODE_HYP);
    g_assert_cmphex(henv()->regs[15], ==, 0x4004);
    g_assert_cmphex(henv()->elr_hyp, ==, 0x8000);
    g_assert_cmphex(henv()->spsr, ==, old);
    g_assert_cmphex(henv()->cp15.hsr, ==, 0);
    g_assert_cmphex(henv()->uncached_cpsr & (CPSR_I | CPSR_A | CPSR_F), ==,
                    CPSR_I | CPSR_A | CPSR_F);

    /* SVC in Hyp (Thumb): 0x08, EC 0x11 from the translator, HSCTLR.TE/EE. */
    hsetup(ARM_CPU_MODE_HYP, 0x8000);
    henv()->thumb = 1;
    henv()->cp15.hsctlr = (1u << 30) | (1u << 25);
    ARM_CPU(hcpu)->hyp_syndrome = 0x44000012;
    htake(EXCP_SWI);
    g_assert_cmphex(henv()->regs[15], ==, 0x4008);
    g_assert_cmphex(henv()->elr_hyp, ==, 0x8002);
    g_assert_cmphex(henv()->cp15.hsr, ==, 0x44000012);
    g_assert_cmpuint(henv()->thumb, ==, 1);
    g_assert_cmphex(henv()->uncached_cpsr & CPSR_E, ==, CPSR_E);

    /* Data abort in Hyp: 0x10, EC 0x25, WnR, the long-format status, HDFAR. */
    hsetup(ARM_CPU_MODE_HYP, 0x8000);
    ARM_CPU(hcpu)->fault.fsr = (1u << 11) | (1u << 9) | 0x0e;
    ARM_CPU(hcpu)->fault.far = 0x12345678;
    ARM_CPU(hcpu)->fault.ea = false;
    htake(EXCP_DATA_ABORT);
    g_assert_cmphex(henv()->regs[15], ==, 0x4010);
    g_assert_cmphex(henv()->elr_hyp, ==, 0x8000);
    g_assert_cmphex(henv()->cp15.hsr, ==, 0x25u << 26 | 1u << 6 | 0x0e);
    g_assert_cmphex(henv()->cp15.hdfar, ==, 0x12345678);

    /* Prefetch abort in Hyp: 0x0c, EC 0x21, HIFAR. */
    hsetup(ARM_CPU_MODE_HYP, 0x8000);
    ARM_CPU(hcpu)->fault.fsr = (1u << 9) | 0x05;
    ARM_CPU(hcpu)->fault.far = 0x8000;
    htake(EXCP_PREFETCH_ABORT);
    g_assert_cmphex(henv()->regs[15], ==, 0x400c);
    g_assert_cmphex(henv()->cp15.hsr, ==, 0x21u << 26 | 0x05);
    g_assert_cmphex(henv()->cp15.hifar, ==, 0x8000);
}

static void test_hyp_from_pl1(void)
{
    /* HVC from SVC: the Hyp Trap vector; LR is LR_usr in Hyp, SVC's is kept. */
    hsetup(ARM_CPU_MODE_SVC, 0x8000);
    henv()->regs[13] = 0x111;
    henv()->regs[14] = 0x222;
    henv()->banked_r14[BANK_USRSYS] = 0x333;
    henv()->banked_r13[BANK_HYP] = 0x444;
    ARM_CPU(hcpu)->hyp_syndrome = 0x4a001234;
    htake(EXCP_HVC);
    g_assert_cmphex(hmode(), ==, ARM_CPU_MODE_HYP);
    g_assert_cmphex(henv()->regs[15], ==, 0x4014);
    g_assert_cmphex(henv()->elr_hyp, ==, 0x8004);
    g_assert_cmphex(henv()->cp15.hsr, ==, 0x4a001234);
    g_assert_cmphex(henv()->spsr & CPSR_M, ==, ARM_CPU_MODE_SVC);
    g_assert_cmphex(henv()->regs[13], ==, 0x444);
    g_assert_cmphex(henv()->regs[14], ==, 0x333);
    arm_switch_mode(henv(), ARM_CPU_MODE_SVC);
    g_assert_cmphex(henv()->regs[13], ==, 0x111);
    g_assert_cmphex(henv()->regs[14], ==, 0x222);

    /* Without TGE an UNDEF from SVC stays at PL1. */
    hsetup(ARM_CPU_MODE_SVC, 0x8000);
    htake(EXCP_UDEF);
    g_assert_cmphex(hmode(), ==, ARM_CPU_MODE_UND);
    g_assert_cmphex(henv()->regs[15], ==, 0x2004);

    /* HCR.TGE: an UNDEF from User mode takes the Hyp Trap vector, EC 0. */
    hsetup(ARM_CPU_MODE_USR, 0x8000);
    henv()->cp15.hcr = HCR_TGE;
    henv()->cp15.hsr = 0xdeadbeef;
    htake(EXCP_UDEF);
    g_assert_cmphex(hmode(), ==, ARM_CPU_MODE_HYP);
    g_assert_cmphex(henv()->regs[15], ==, 0x4014);
    g_assert_cmphex(henv()->elr_hyp, ==, 0x8000);
    g_assert_cmphex(henv()->cp15.hsr, ==, 0);
    g_assert_cmphex(henv()->spsr & CPSR_M, ==, ARM_CPU_MODE_USR);

    /* ... and a data abort: EC 0x24, short-format status in long format. */
    hsetup(ARM_CPU_MODE_USR, 0x8000);
    henv()->cp15.hcr = HCR_TGE;
    ARM_CPU(hcpu)->fault.fsr = 0x07 | (3u << 4);   /* translation, page, domain 3 */
    ARM_CPU(hcpu)->fault.far = 0x1000;
    htake(EXCP_DATA_ABORT);
    g_assert_cmphex(henv()->regs[15], ==, 0x4014);
    g_assert_cmphex(henv()->cp15.hsr, ==, 0x24u << 26 | 0x06);
    g_assert_cmphex(henv()->cp15.hdfar, ==, 0x1000);
}

static void test_hyp_irq_routing(void)
{
    CPUClass *cc = CPU_GET_CLASS(hcpu);

    /* HCR.IMO: taken to Hyp from SVC even with CPSR.I set; ELR the next pc. */
    hsetup(ARM_CPU_MODE_SVC, 0x8000);
    henv()->cp15.hcr = HCR_IMO;
    henv()->uncached_cpsr |= CPSR_I;
    g_assert_true(cc->cpu_exec_interrupt(hcpu, CPU_INTERRUPT_HARD));
    g_assert_cmphex(hmode(), ==, ARM_CPU_MODE_HYP);
    g_assert_cmphex(henv()->regs[15], ==, 0x4018);
    g_assert_cmphex(henv()->elr_hyp, ==, 0x8000);
    /* In Hyp mode CPSR.I masks it. */
    g_assert_false(cc->cpu_exec_interrupt(hcpu, CPU_INTERRUPT_HARD));
    henv()->uncached_cpsr &= ~CPSR_I;
    henv()->regs[15] = 0x9000;
    g_assert_true(cc->cpu_exec_interrupt(hcpu, CPU_INTERRUPT_HARD));
    g_assert_cmphex(henv()->elr_hyp, ==, 0x9000);

    /* HCR.FMO: a FIQ to Hyp + 0x1c. */
    hsetup(ARM_CPU_MODE_SVC, 0x8000);
    henv()->cp15.hcr = HCR_FMO;
    g_assert_true(cc->cpu_exec_interrupt(hcpu, CPU_INTERRUPT_FIQ));
    g_assert_cmphex(henv()->regs[15], ==, 0x401c);

    /* Not routed: never taken in Hyp mode, taken at PL1 otherwise. */
    hsetup(ARM_CPU_MODE_HYP, 0x8000);
    g_assert_false(cc->cpu_exec_interrupt(hcpu, CPU_INTERRUPT_HARD));
    hsetup(ARM_CPU_MODE_SVC, 0x8000);
    g_assert_true(cc->cpu_exec_interrupt(hcpu, CPU_INTERRUPT_HARD));
    g_assert_cmphex(hmode(), ==, ARM_CPU_MODE_IRQ);
}

static void test_hyp_virq(void)
{
    CPUClass *cc = CPU_GET_CLASS(hcpu);

    /* HCR.VI raises the request; the NS PL1 guest takes it at its IRQ vector. */
    hsetup(ARM_CPU_MODE_SVC, 0x8000);
    henv()->cp15.hcr = HCR_IMO | HCR_VI;
    arm_update_virtual_irqs(ARM_CPU(hcpu));
    g_assert_true(hcpu->interrupt_request & CPU_INTERRUPT_VIRQ);
    henv()->uncached_cpsr |= CPSR_I;
    g_assert_false(cc->cpu_exec_interrupt(hcpu, CPU_INTERRUPT_VIRQ));
    henv()->uncached_cpsr &= ~CPSR_I;
    g_assert_true(cc->cpu_exec_interrupt(hcpu, CPU_INTERRUPT_VIRQ));
    g_assert_cmphex(hmode(), ==, ARM_CPU_MODE_IRQ);
    g_assert_cmphex(henv()->regs[15], ==, 0x2018);
    g_assert_cmphex(henv()->regs[14], ==, 0x8004);

    /* Not in Hyp mode, not without HCR.IMO; VF the same for FIQ. */
    hsetup(ARM_CPU_MODE_HYP, 0x8000);
    henv()->cp15.hcr = HCR_IMO | HCR_VI;
    g_assert_false(cc->cpu_exec_interrupt(hcpu, CPU_INTERRUPT_VIRQ));
    hsetup(ARM_CPU_MODE_SVC, 0x8000);
    henv()->cp15.hcr = HCR_VI;
    g_assert_false(cc->cpu_exec_interrupt(hcpu, CPU_INTERRUPT_VIRQ));
    henv()->cp15.hcr = HCR_FMO | HCR_VF;
    g_assert_true(cc->cpu_exec_interrupt(hcpu, CPU_INTERRUPT_VFIQ));
    g_assert_cmphex(hmode(), ==, ARM_CPU_MODE_FIQ);

    /* Clearing HCR.VI withdraws the request. */
    henv()->cp15.hcr = 0;
    arm_update_virtual_irqs(ARM_CPU(hcpu));
    g_assert_false(hcpu->interrupt_request & (CPU_INTERRUPT_VIRQ | CPU_INTERRUPT_VFIQ));
}

int main(int argc, char **argv)
{
    int r;

    g_test_init(&argc, &argv, NULL);
    memory_init();
    cpu = cpu_create(ARM_CPU_TYPE_NAME("cortex-a9"), &error_abort);
    object_property_set_bool(OBJECT(cpu), "has_el3", true, &error_abort);
    qdev_realize(DEVICE(cpu), NULL, &error_abort);
    hcpu = cpu_create(ARM_CPU_TYPE_NAME("cortex-a15"), &error_abort);
    object_property_set_bool(OBJECT(hcpu), "has_el2", true, &error_abort);
    qdev_realize(DEVICE(hcpu), NULL, &error_abort);

    g_test_add_func("/arm-exceptions/undef-svc", test_undef_svc);
    g_test_add_func("/arm-exceptions/sctlr-bits", test_sctlr_bits);
    g_test_add_func("/arm-exceptions/aborts", test_aborts);
    g_test_add_func("/arm-exceptions/monitor-routing", test_monitor_routing);
    g_test_add_func("/arm-exceptions/masking", test_masking);
    g_test_add_func("/arm-exceptions/cpsr-write-ns", test_cpsr_write_ns);
    g_test_add_func("/arm-exceptions/hyp/in-hyp", test_hyp_in_hyp);
    g_test_add_func("/arm-exceptions/hyp/from-pl1", test_hyp_from_pl1);
    g_test_add_func("/arm-exceptions/hyp/irq-routing", test_hyp_irq_routing);
    g_test_add_func("/arm-exceptions/hyp/virq", test_hyp_virq);
    r = g_test_run();

    qdev_unrealize(DEVICE(hcpu));
    object_unref(OBJECT(hcpu));
    qdev_unrealize(DEVICE(cpu));
    object_unref(OBJECT(cpu));
    return r;
}
