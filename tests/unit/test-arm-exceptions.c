/*
 * ARM exception entry (arm_cpu_do_interrupt) and interrupt masking, in
 * process on a cortex-a9 with the Security Extensions: mode, LR offsets
 * (ARM and Thumb), SPSR, CPSR.I/F/A/T/E/IT, vector bases (VBAR per bank,
 * high vectors, MVBAR), routing to Monitor mode (SMC, SCR.IRQ/FIQ/EA),
 * SCR.AW/FW, the fault registers of the target bank and BKPT.
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

int main(int argc, char **argv)
{
    int r;

    g_test_init(&argc, &argv, NULL);
    memory_init();
    cpu = cpu_create(ARM_CPU_TYPE_NAME("cortex-a9"), &error_abort);
    object_property_set_bool(OBJECT(cpu), "has_el3", true, &error_abort);
    qdev_realize(DEVICE(cpu), NULL, &error_abort);

    g_test_add_func("/arm-exceptions/undef-svc", test_undef_svc);
    g_test_add_func("/arm-exceptions/sctlr-bits", test_sctlr_bits);
    g_test_add_func("/arm-exceptions/aborts", test_aborts);
    g_test_add_func("/arm-exceptions/monitor-routing", test_monitor_routing);
    g_test_add_func("/arm-exceptions/masking", test_masking);
    g_test_add_func("/arm-exceptions/cpsr-write-ns", test_cpsr_write_ns);
    r = g_test_run();

    qdev_unrealize(DEVICE(cpu));
    object_unref(OBJECT(cpu));
    return r;
}
