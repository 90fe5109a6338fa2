/*
 * The Cortex MPCore private region containers through the memory API:
 * they create their cores as children and wire them to the GIC; SPIs
 * arrive on the container's GPIO inputs; the private peripherals sit at
 * their offsets and raise their PPIs on the right CPU; secondary cores
 * start powered off; the reset hook; property errors.
 */
#include "qemu/osdep.h"
#include "devtest.h"
#include "hw/cpu/cortex_mpcore.h"
#include "hw/irq.h"
#include "target/arm/cpu.h"

#define BASE        0x1e000000
#define GICD        (BASE + 0x1000)
#define ISPENDR(n)  (GICD + 0x200 + 4 * (n))

static MemTxAttrs cpu_attrs(unsigned cpu)
{
    return (MemTxAttrs) { .requester_id = cpu, .secure = 1 };
}

static void set_cpus(DeviceState *dev, void *opaque)
{
    qdev_prop_set_uint32(dev, "num-cpu", GPOINTER_TO_UINT(opaque));
}

static void test_a9_cores(void)
{
    DeviceState *dev = devtest_create(TYPE_A9MPCORE_PRIV, BASE, NULL, set_cpus,
                                      GUINT_TO_POINTER(2));
    CortexMPPrivState *s = CORTEX_MPCORE_PRIV(dev);
    DeviceState *cpu0 = cortex_mpcore_cpu(s, 0);
    DeviceState *cpu1 = cortex_mpcore_cpu(s, 1);
    uint32_t typer;

    g_assert_nonnull(cpu0);
    g_assert_nonnull(cpu1);
    g_assert_null(cortex_mpcore_cpu(s, 2));
    g_assert_true(object_resolve_path_component(OBJECT(dev), "cpu[0]") == OBJECT(cpu0));
    g_assert_true(object_resolve_path_component(OBJECT(dev), "cpu[1]") == OBJECT(cpu1));
    g_assert_cmpstr(object_get_typename(OBJECT(cpu0)), ==, ARM_CPU_TYPE_NAME("cortex-a9"));
    g_assert_true(DEVICE(cpu0)->realized);
    /* The secondary waits for boot code. */
    g_assert_false(CPU(cpu0)->powered_off);
    g_assert_true(CPU(cpu1)->powered_off);
    cpu_power_on(CPU(cpu1));
    g_assert_false(CPU(cpu1)->powered_off);
    /* The CPU's CBAR: the region's base. */
    g_assert_cmphex(ARM_CPU(cpu0)->reset_cbar, ==, 0);

    /* SCU at +0: two CPUs. */
    g_assert_cmphex(devtest_readl(BASE + 0x04), ==, 0x31);
    /* Distributor at +0x1000: 96 IDs (ITLinesNumber 2), 2 CPUs. */
    typer = devtest_readl(GICD + 0x004);
    g_assert_cmpuint(typer & 0x1f, ==, 2);
    g_assert_cmpuint((typer >> 5) & 7, ==, 1);
    /* CPU interface at +0x100: the A9's ICCIIDR. */
    g_assert_cmphex(devtest_readl(BASE + 0x1fc), ==, 0x3901243b);
    devtest_destroy(dev, NULL);
}

/* SPI 5 on the container's input 5: pending, then IRQ to CPU 0. */
static void test_a9_spi(void)
{
    DeviceState *dev = devtest_create(TYPE_A9MPCORE_PRIV, BASE, NULL, set_cpus,
                                      GUINT_TO_POINTER(2));
    CortexMPPrivState *s = CORTEX_MPCORE_PRIV(dev);
    CPUState *cpu0 = CPU(cortex_mpcore_cpu(s, 0));
    CPUState *cpu1 = CPU(cortex_mpcore_cpu(s, 1));

    qemu_set_irq(qdev_get_gpio_in(dev, 5), 1);
    g_assert_cmphex(devtest_readl(ISPENDR(1)), ==, 1u << 5);
    g_assert_false(cpu0->interrupt_request & CPU_INTERRUPT_HARD);
    /* Distributor and CPU interface on, SPI 5 enabled for CPU 0. */
    devtest_writel(GICD + 0x000, 1);
    devtest_writel(GICD + 0x104, 1u << 5);
    devtest_writel(GICD + 0x800 + 36, 0x0100);     /* ID 37 -> CPU 0 */
    devtest_writel(BASE + 0x100, 1);
    devtest_writel(BASE + 0x104, 0xff);
    g_assert_true(cpu0->interrupt_request & CPU_INTERRUPT_HARD);
    g_assert_false(cpu1->interrupt_request & CPU_INTERRUPT_HARD);
    /* Acknowledge: interrupt ID 37 (SPI 5). */
    g_assert_cmpuint(devtest_readl(BASE + 0x10c) & 0x3ff, ==, 37);
    g_assert_false(cpu0->interrupt_request & CPU_INTERRUPT_HARD);
    devtest_writel(BASE + 0x110, 37);
    /* Still high (level): pending again. */
    g_assert_true(cpu0->interrupt_request & CPU_INTERRUPT_HARD);
    qemu_set_irq(qdev_get_gpio_in(dev, 5), 0);
    g_assert_false(cpu0->interrupt_request & CPU_INTERRUPT_HARD);
    g_assert_cmphex(devtest_readl(ISPENDR(1)), ==, 0);
    devtest_destroy(dev, NULL);
}

/* Private timer of CPU 1 (PPI 29) and global timer of CPU 0 (PPI 27). */
static void test_a9_ppis(void)
{
    DeviceState *dev = devtest_create(TYPE_A9MPCORE_PRIV, BASE, NULL, set_cpus,
                                      GUINT_TO_POINTER(2));

    devtest_write_attrs(BASE + 0x600, 4, 100, cpu_attrs(1));
    devtest_write_attrs(BASE + 0x608, 4, 5, cpu_attrs(1));     /* enable, IT */
    devtest_clock_step(100 * 10);
    g_assert_cmphex(devtest_read_attrs(ISPENDR(0), 4, cpu_attrs(1)), ==, 1u << 29);
    g_assert_cmphex(devtest_read_attrs(ISPENDR(0), 4, cpu_attrs(0)), ==, 0);
    /* Watchdog of CPU 0 (PPI 30). */
    devtest_write_attrs(BASE + 0x620, 4, 50, cpu_attrs(0));
    devtest_write_attrs(BASE + 0x628, 4, 5, cpu_attrs(0));
    devtest_clock_step(50 * 10);
    g_assert_cmphex(devtest_read_attrs(ISPENDR(0), 4, cpu_attrs(0)), ==, 1u << 30);
    /* Global timer comparator of CPU 0. */
    devtest_write_attrs(BASE + 0x210, 4, 10, cpu_attrs(0));
    devtest_write_attrs(BASE + 0x208, 4, 7, cpu_attrs(0));
    devtest_clock_step(10 * 10);
    g_assert_cmphex(devtest_read_attrs(ISPENDR(0), 4, cpu_attrs(0)), ==,
                    (1u << 30) | (1u << 27));
    g_assert_cmphex(devtest_read_attrs(ISPENDR(0), 4, cpu_attrs(1)), ==, 1u << 29);
    devtest_destroy(dev, NULL);
}

static void set_a15(DeviceState *dev, void *opaque)
{
    qdev_prop_set_uint32(dev, "num-cpu", 2);
    qdev_prop_set_bit(dev, "has-el2", opaque != NULL);
}

static void test_a15(void)
{
    DeviceState *dev = devtest_create(TYPE_A15MPCORE_PRIV, BASE, NULL, set_a15,
                                      GINT_TO_POINTER(1));
    CortexMPPrivState *s = CORTEX_MPCORE_PRIV(dev);
    DeviceState *cpu1 = cortex_mpcore_cpu(s, 1);
    static const struct { int timer, ppi; } map[] = {
        { GTIMER_PHYS, 30 }, { GTIMER_VIRT, 27 }, { GTIMER_HYP, 26 }, { GTIMER_SEC, 29 },
    };

    g_assert_cmpstr(object_get_typename(OBJECT(cpu1)), ==, ARM_CPU_TYPE_NAME("cortex-a15"));
    /* GICC at +0x2000 (GIC-400 IIDR), GICH at +0x4000, GICV at +0x6000. */
    g_assert_cmphex(devtest_readl(BASE + 0x20fc), ==, 0x0202143b);
    g_assert_cmphex(devtest_readl(BASE + 0x4004), ==, 0x90000003);
    g_assert_cmphex(devtest_readl(BASE + 0x5200 + 0x004), ==, 0x90000003);
    g_assert_cmphex(devtest_readl(BASE + 0x60fc), ==, 0x0202143b);
    for (size_t i = 0; i < ARRAY_SIZE(map); i++) {
        qemu_irq line = qdev_get_gpio_out_connector(cpu1, "gt-timer-outputs", map[i].timer);

        g_assert_nonnull(line);
        qemu_set_irq(line, 1);
        g_assert_true(devtest_read_attrs(ISPENDR(0), 4, cpu_attrs(1)) & (1u << map[i].ppi));
        g_assert_false(devtest_read_attrs(ISPENDR(0), 4, cpu_attrs(0)) & (1u << map[i].ppi));
        qemu_set_irq(line, 0);
    }
    devtest_destroy(dev, NULL);

    /* Without EL2: no virtualization interface. */
    dev = devtest_create(TYPE_A15MPCORE_PRIV, BASE, NULL, set_a15, NULL);
    g_assert_false(CORTEX_MPCORE_PRIV(dev)->gic.virt_extn);
    g_assert_cmphex(devtest_readl(BASE + 0x20fc), ==, 0x0202143b);
    devtest_destroy(dev, NULL);

    dev = devtest_create(TYPE_A7MPCORE_PRIV, BASE, NULL, NULL, NULL);
    g_assert_cmpstr(object_get_typename(OBJECT(cortex_mpcore_cpu(CORTEX_MPCORE_PRIV(dev), 0))),
                    ==, ARM_CPU_TYPE_NAME("cortex-a7"));
    devtest_destroy(dev, NULL);
}

static void place(CPUState *cs, unsigned n, void *opaque)
{
    CPU_GET_CLASS(cs)->set_pc(cs, 0x1000 * (n + 1));
    (*(int *)opaque)++;
}

static void test_reset_hook(void)
{
    DeviceState *dev = devtest_create(TYPE_A9MPCORE_PRIV, BASE, NULL, set_cpus,
                                      GUINT_TO_POINTER(2));
    CortexMPPrivState *s = CORTEX_MPCORE_PRIV(dev);
    ARMCPU *cpu1 = ARM_CPU(cortex_mpcore_cpu(s, 1));
    int calls = 0;

    cortex_mpcore_set_cpu_reset_hook(s, place, &calls);
    g_assert_cmpint(calls, ==, 2);
    g_assert_cmphex(cpu1->env.regs[15], ==, 0x2000);
    cpu1->env.regs[15] = 0;
    cpu_power_on(CPU(cpu1));
    qemu_devices_reset();
    g_assert_cmpint(calls, ==, 4);
    g_assert_cmphex(cpu1->env.regs[15], ==, 0x2000);
    g_assert_true(CPU(cpu1)->powered_off);
    devtest_destroy(dev, NULL);
}

static void set_irqs(DeviceState *dev, void *opaque)
{
    qdev_prop_set_uint32(dev, "num-irq", GPOINTER_TO_UINT(opaque));
}

static void set_type(DeviceState *dev, void *opaque)
{
    qdev_prop_set_string(dev, "cpu-type", opaque);
}

static void test_errors(void)
{
    devtest_expect_realize_error(TYPE_A9MPCORE_PRIV, set_cpus, GUINT_TO_POINTER(5),
                                 "a9mpcore-priv: num-cpu 5 is out of range (1..4)");
    devtest_expect_realize_error(TYPE_A15MPCORE_PRIV, set_cpus, GUINT_TO_POINTER(0),
                                 "a15mpcore-priv: num-cpu 0 is out of range (1..4)");
    devtest_expect_realize_error(TYPE_A9MPCORE_PRIV, set_irqs, GUINT_TO_POINTER(100),
                                 "a9mpcore-priv: num-irq 100 must be a multiple of 32 "
                                 "in 64..992");
    devtest_expect_realize_error(TYPE_A9MPCORE_PRIV, set_irqs, GUINT_TO_POINTER(32),
                                 "num-irq 32 must be");
    devtest_expect_realize_error(TYPE_A7MPCORE_PRIV, set_type, (void *)"pl011",
                                 "a7mpcore-priv: cpu-type 'pl011' is not an ARM CPU model");
    devtest_expect_realize_error(TYPE_A7MPCORE_PRIV, set_type, (void *)"nonesuch",
                                 "cpu-type 'nonesuch' is not an ARM CPU model");
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    devtest_init();
    g_test_add_func("/cortex-mpcore/a9/cores", test_a9_cores);
    g_test_add_func("/cortex-mpcore/a9/spi", test_a9_spi);
    g_test_add_func("/cortex-mpcore/a9/ppis", test_a9_ppis);
    g_test_add_func("/cortex-mpcore/a15", test_a15);
    g_test_add_func("/cortex-mpcore/reset-hook", test_reset_hook);
    g_test_add_func("/cortex-mpcore/errors", test_errors);
    return g_test_run();
}
