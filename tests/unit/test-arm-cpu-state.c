/*
 * The ARM CPU's migration state (target/arm/machine.c): every register,
 * bank and mode survives a save/load into another CPU, the CPSR's mode is
 * restored without shuffling the banks, the interrupt lines come back as
 * pending requests, and a stream with an impossible mode is refused with a
 * message naming it. Hyp state: a CPU in Hyp mode, HCR.VI as a pending
 * virtual IRQ, and the HMAIR subsection sent only when it is set.
 */
#include "qemu/osdep.h"
#include "exec/exec-all.h"
#include "exec/memory.h"
#include "migration/qemu-file.h"
#include "migration/vmstate.h"
#include "target/arm/cpu.h"

static ARMCPU *new_cpu(void)
{
    CPUState *cs = cpu_create(ARM_CPU_TYPE_NAME("cortex-a9"), &error_abort);

    qdev_realize(DEVICE(cs), NULL, &error_abort);
    return ARM_CPU(cs);
}

static void free_cpu(ARMCPU *cpu)
{
    qdev_unrealize(DEVICE(cpu));
    object_unref(OBJECT(cpu));
}

static GByteArray *save(ARMCPU *cpu)
{
    QEMUFile *out = qemu_file_new_output_mem();
    GByteArray *copy = g_byte_array_new();

    g_assert_true(vmstate_save_state(out, &vmstate_arm_cpu, cpu, NULL, &error_abort));
    qemu_fflush(out);
    g_byte_array_append(copy, qemu_file_mem_data(out)->data, qemu_file_mem_data(out)->len);
    qemu_fclose(out);
    return copy;
}

static bool load(ARMCPU *cpu, GByteArray *data, Error **errp)
{
    QEMUFile *in = qemu_file_new_input_mem(data->data, data->len);
    bool ok = vmstate_load_state(in, &vmstate_arm_cpu, cpu, vmstate_arm_cpu.version_id, errp);

    qemu_fclose(in);
    return ok;
}

/* A CPU in IRQ mode with distinct values everywhere. */
static void fill(ARMCPU *cpu)
{
    CPUARMState *env = &cpu->env;

    for (int i = 0; i < 16; i++) {
        env->regs[i] = 0x1000 + i;
    }
    cpsr_write(env, ARM_CPU_MODE_IRQ | CPSR_I | CPSR_T | 0xa0000000u | CPSR_Q |
               (5u << 16), 0xffffffffu);
    env->condexec_bits = 0x4c;
    env->spsr = 0x600001d3;
    for (int b = 0; b < ARM_NB_BANKS; b++) {
        env->banked_r13[b] = 0x2000 + b;
        env->banked_r14[b] = 0x3000 + b;
        env->banked_spsr[b] = 0x4000 + b;
    }
    for (int i = 0; i < 5; i++) {
        env->usr_regs[i] = 0x5000 + i;
        env->fiq_regs[i] = 0x6000 + i;
    }
    for (int i = 0; i < 32; i++) {
        env->vfp.d[i] = 0x0123456789abcdefull * (i + 1);
    }
    env->vfp.fpscr = 0x03c0009f;
    env->vfp.fpexc = 0x40000000;
    env->exclusive_addr = 0x60001000;
    env->exclusive_val = 0xdeadbeef;
    env->cp15.sctlr[ARM_NS] = 0x10c5387d;
    env->cp15.ttbr0[ARM_NS] = 0x6000406a;
    env->cp15.ttbr1[ARM_S] = 0x6100406a;
    env->cp15.dacr[ARM_NS] = 0x55555555;
    env->cp15.vbar[ARM_NS] = 0xc0008000;
    env->cp15.tpidruro[ARM_NS] = 0xbeef0001;
    env->cp15.contextidr[ARM_NS] = 42;
    env->cp15.gt[GTIMER_VIRT].cval = 0x123456789ull;
    env->cp15.gt[GTIMER_VIRT].ctl = 1;
    cpu->irq_lines = 1u << ARM_CPU_IRQ;
}

static void test_round_trip(void)
{
    ARMCPU *a = new_cpu(), *b = new_cpu();
    GByteArray *data;
    uint32_t cpsr;

    fill(a);
    cpsr = cpsr_read(&a->env);
    data = save(a);
    g_assert_true(load(b, data, &error_abort));
    g_byte_array_unref(data);

    g_assert_cmphex(cpsr_read(&b->env), ==, cpsr);
    g_assert_cmpint(b->env.uncached_cpsr & CPSR_M, ==, ARM_CPU_MODE_IRQ);
    g_assert_cmpmem(b->env.regs, sizeof(b->env.regs), a->env.regs, sizeof(a->env.regs));
    g_assert_cmpmem(b->env.banked_r13, sizeof(b->env.banked_r13), a->env.banked_r13,
                    sizeof(a->env.banked_r13));
    g_assert_cmpmem(b->env.banked_r14, sizeof(b->env.banked_r14), a->env.banked_r14,
                    sizeof(a->env.banked_r14));
    g_assert_cmpmem(b->env.banked_spsr, sizeof(b->env.banked_spsr), a->env.banked_spsr,
                    sizeof(a->env.banked_spsr));
    g_assert_cmpmem(b->env.usr_regs, sizeof(b->env.usr_regs), a->env.usr_regs,
                    sizeof(a->env.usr_regs));
    g_assert_cmpmem(b->env.fiq_regs, sizeof(b->env.fiq_regs), a->env.fiq_regs,
                    sizeof(a->env.fiq_regs));
    g_assert_cmphex(b->env.spsr, ==, 0x600001d3);
    g_assert_cmpmem(&b->env.vfp, sizeof(b->env.vfp), &a->env.vfp, sizeof(a->env.vfp));
    g_assert_cmpmem(&b->env.cp15, sizeof(b->env.cp15), &a->env.cp15, sizeof(a->env.cp15));
    g_assert_cmphex(b->env.exclusive_addr, ==, 0x60001000);
    g_assert_cmphex(b->env.exclusive_val, ==, 0xdeadbeef);
    g_assert_cmphex(b->env.condexec_bits, ==, 0x4c);
    g_assert_cmpint(b->irq_lines, ==, 1u << ARM_CPU_IRQ);
    g_assert_true(CPU(b)->interrupt_request & CPU_INTERRUPT_HARD);

    /* A later mode switch of the loaded CPU sees the right banks. */
    arm_switch_mode(&b->env, ARM_CPU_MODE_SVC);
    g_assert_cmphex(b->env.regs[13], ==, 0x2000 + BANK_SVC);
    g_assert_cmphex(b->env.regs[14], ==, 0x3000 + BANK_SVC);
    free_cpu(a);
    free_cpu(b);
}

static void test_bad_mode(void)
{
    ARMCPU *a = new_cpu(), *b = new_cpu();
    GByteArray *data;
    Error *err = NULL;

    data = save(a);
    /* The CPSR follows the 16 core registers (64 bytes); mode 0x05 is not one. */
    data->data[64 + 3] = 0x05;
    g_assert_false(load(b, data, &err));
    g_assert_nonnull(strstr(error_get_pretty(err), "invalid CPSR mode 0x5"));
    error_free(err);
    g_byte_array_unref(data);
    free_cpu(a);
    free_cpu(b);
}

static bool has_bytes(GByteArray *data, const char *s)
{
    return memmem(data->data, data->len, s, strlen(s)) != NULL;
}

static void test_hyp(void)
{
    ARMCPU *a = new_cpu(), *b = new_cpu();
    GByteArray *plain, *data;

    /* Reset values: no subsection. */
    plain = save(a);
    g_assert_false(has_bytes(plain, "cpu/hyp-mair"));

    arm_switch_mode(&a->env, ARM_CPU_MODE_HYP);
    a->env.regs[13] = 0x7000;
    a->env.elr_hyp = 0x60001234;
    a->env.spsr = 0x600001d3;
    a->env.cp15.hcr = HCR_IMO | HCR_VI;
    a->env.cp15.hmair[0] = 0x04ff;
    a->env.cp15.hmair[1] = 0x44;
    data = save(a);
    g_assert_true(has_bytes(data, "cpu/hyp-mair"));
    g_assert_cmpuint(data->len, >, plain->len);
    b->env.cp15.hmair[1] = 0x99;
    g_assert_true(load(b, data, &error_abort));
    g_assert_cmpint(b->env.uncached_cpsr & CPSR_M, ==, ARM_CPU_MODE_HYP);
    g_assert_cmphex(b->env.regs[13], ==, 0x7000);
    g_assert_cmphex(b->env.elr_hyp, ==, 0x60001234);
    g_assert_cmphex(b->env.spsr, ==, 0x600001d3);
    g_assert_cmphex(b->env.cp15.hmair[0], ==, 0x04ff);
    g_assert_cmphex(b->env.cp15.hmair[1], ==, 0x44);
    g_assert_true(CPU(b)->interrupt_request & CPU_INTERRUPT_VIRQ);

    /* A stream without the subsection gives HMAIR's reset value (0). */
    g_assert_true(load(b, plain, &error_abort));
    g_assert_cmphex(b->env.cp15.hmair[0], ==, 0);
    g_assert_cmphex(b->env.cp15.hmair[1], ==, 0);
    g_assert_false(CPU(b)->interrupt_request & CPU_INTERRUPT_VIRQ);
    g_byte_array_unref(plain);
    g_byte_array_unref(data);
    free_cpu(a);
    free_cpu(b);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    memory_init();
    g_test_add_func("/arm-cpu-state/round-trip", test_round_trip);
    g_test_add_func("/arm-cpu-state/bad-mode", test_bad_mode);
    g_test_add_func("/arm-cpu-state/hyp", test_hyp);
    return g_test_run();
}
