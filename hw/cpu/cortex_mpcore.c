/*
 * Cortex MPCore private region: cores, GIC and private peripherals of a
 * cluster as one device. See include/hw/cpu/cortex_mpcore.h.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "hw/cpu/cortex_mpcore.h"
#include "hw/qdev-properties.h"
#include "hw/irq.h"
#include "target/arm/cpu.h"

/* PPIs (interrupt IDs 16..31) the private peripherals use. */
#define PPI_GIC_MAINT       25
#define PPI_GT_HYP          26
#define PPI_GT_VIRT         27
#define PPI_A9_GTIMER       27
#define PPI_GT_SEC          29
#define PPI_A9_TIMER        29
#define PPI_GT_PHYS         30
#define PPI_A9_WDT          30

DeviceState *cortex_mpcore_cpu(CortexMPPrivState *s, unsigned n)
{
    return n < s->num_cpu && s->cpu[n] ? DEVICE(s->cpu[n]) : NULL;
}

static void mpcore_reset_cpus(void *opaque)
{
    CortexMPPrivState *s = opaque;

    for (unsigned n = 0; n < s->num_cpu; n++) {
        CPUState *cs = CPU(s->cpu[n]);

        cpu_reset(cs);
        if (s->cpu_reset_hook) {
            s->cpu_reset_hook(cs, n, s->cpu_reset_opaque);
        }
    }
}

void cortex_mpcore_set_cpu_reset_hook(CortexMPPrivState *s,
                                      void (*fn)(CPUState *cs, unsigned n, void *opaque),
                                      void *opaque)
{
    s->cpu_reset_hook = fn;
    s->cpu_reset_opaque = opaque;
    mpcore_reset_cpus(s);
}

/* SPI n arrives on the container's GPIO input n and goes to the GIC's. */
static void mpcore_set_spi(void *opaque, int n, int level)
{
    CortexMPPrivState *s = opaque;

    qemu_set_irq(qdev_get_gpio_in(DEVICE(&s->gic), gic_spi_line(&s->gic, n)), level);
}

static qemu_irq mpcore_ppi(CortexMPPrivState *s, unsigned cpu, int ppi)
{
    return qdev_get_gpio_in(DEVICE(&s->gic), gic_ppi_line(&s->gic, (int)cpu, ppi));
}

static void mpcore_map(CortexMPPrivState *s, SysBusDevice *dev, int n, hwaddr offset)
{
    memory_region_add_subregion(&s->container, offset, sysbus_mmio_get_region(dev, n));
}

static bool mpcore_create_cpus(CortexMPPrivState *s, const char *type, Error **errp)
{
    for (unsigned n = 0; n < s->num_cpu; n++) {
        g_autofree char *name = g_strdup_printf("cpu[%u]", n);
        CPUState *cs = cpu_create(type, errp);
        DeviceState *dev;

        if (!cs) {
            return false;
        }
        dev = DEVICE(cs);
        object_property_add_child(OBJECT(s), name, OBJECT(cs));
        object_unref(OBJECT(cs));
        s->cpu[n] = OBJECT(cs);
        qdev_prop_set_bit(dev, "has_el3", s->has_el3);
        qdev_prop_set_bit(dev, "has_el2", s->has_el2);
        qdev_prop_set_uint64(dev, "reset-cbar", s->reset_cbar);
        qdev_prop_set_uint32(dev, "mp-affinity", n);
        qdev_prop_set_uint32(dev, "core-count", s->num_cpu);
        qdev_prop_set_bit(dev, "start-powered-off", n > 0 && s->secondaries_off);
        if (!qdev_realize(dev, NULL, errp)) {
            return false;
        }
    }
    return true;
}

static void mpcore_realize(DeviceState *dev, Error **errp)
{
    CortexMPPrivState *s = CORTEX_MPCORE_PRIV(dev);
    CortexMPPrivClass *k = CORTEX_MPCORE_PRIV_GET_CLASS(dev);
    SysBusDevice *gicbus = SYS_BUS_DEVICE(&s->gic);
    DeviceState *gicdev = DEVICE(&s->gic);
    const char *type = s->cpu_type ? s->cpu_type : k->default_cpu_type;
    unsigned n = s->num_cpu;
    ObjectClass *oc;

    if (n < 1 || n > CORTEX_MPCORE_MAX_CPUS) {
        error_setg(errp, "%s: num-cpu %u is out of range (1..%d)",
                   object_get_typename(OBJECT(dev)), n, CORTEX_MPCORE_MAX_CPUS);
        return;
    }
    if (s->num_irq < 64 || s->num_irq > GIC_MAX_IRQ || s->num_irq % 32) {
        error_setg(errp, "%s: num-irq %u must be a multiple of 32 in 64..992",
                   object_get_typename(OBJECT(dev)), s->num_irq);
        return;
    }
    oc = object_class_by_name(type);
    if (!oc || !object_class_dynamic_cast(oc, TYPE_ARM_CPU)) {
        error_setg(errp, "%s: cpu-type '%s' is not an ARM CPU model",
                   object_get_typename(OBJECT(dev)), type);
        return;
    }
    if (!mpcore_create_cpus(s, type, errp)) {
        return;
    }

    qdev_prop_set_uint32(gicdev, "num-cpu", n);
    qdev_prop_set_uint32(gicdev, "num-irq", s->num_irq);
    qdev_prop_set_uint32(gicdev, "revision", k->gic_revision);
    qdev_prop_set_bit(gicdev, "has-security-extensions", s->has_el3);
    qdev_prop_set_bit(gicdev, "has-virtualization-extensions",
                      k->gic_revision == 2 && s->has_el2);
    if (!sysbus_realize(gicbus, errp)) {
        return;
    }
    /* GIC outputs, in its sysbus order: IRQ, FIQ, then VIRQ, VFIQ, maint. */
    for (unsigned c = 0; c < n; c++) {
        DeviceState *cpu = DEVICE(s->cpu[c]);

        sysbus_connect_irq(gicbus, c, qdev_get_gpio_in(cpu, ARM_CPU_IRQ));
        sysbus_connect_irq(gicbus, n + c, qdev_get_gpio_in(cpu, ARM_CPU_FIQ));
        if (s->gic.virt_extn) {
            sysbus_connect_irq(gicbus, 2 * n + c, qdev_get_gpio_in(cpu, ARM_CPU_VIRQ));
            sysbus_connect_irq(gicbus, 3 * n + c, qdev_get_gpio_in(cpu, ARM_CPU_VFIQ));
            sysbus_connect_irq(gicbus, 4 * n + c, mpcore_ppi(s, c, PPI_GIC_MAINT));
        }
    }
    memory_region_init(&s->container, OBJECT(s), object_get_typename(OBJECT(dev)),
                       k->container_size);
    sysbus_init_mmio(SYS_BUS_DEVICE(dev), &s->container);
    qdev_init_gpio_in(dev, mpcore_set_spi, s->num_irq - GIC_INTERNAL);
    if (!k->realize_flavour(s, errp)) {
        return;
    }
    qemu_register_reset(mpcore_reset_cpus, s);
    s->reset_registered = true;
}

static void mpcore_instance_init(Object *obj)
{
    CortexMPPrivState *s = CORTEX_MPCORE_PRIV(obj);

    object_initialize_child(obj, "gic", &s->gic, TYPE_ARM_GIC);
}

static void mpcore_finalize(Object *obj)
{
    CortexMPPrivState *s = CORTEX_MPCORE_PRIV(obj);

    if (s->reset_registered) {
        qemu_unregister_reset(mpcore_reset_cpus, s);
    }
    memory_region_finalize(&s->container);
}

/* ---- Cortex-A9 ---- */

static bool a9mp_realize_flavour(CortexMPPrivState *s, Error **errp)
{
    unsigned n = s->num_cpu;
    SysBusDevice *scu = SYS_BUS_DEVICE(&s->scu);
    SysBusDevice *gt = SYS_BUS_DEVICE(&s->gtimer);
    SysBusDevice *mpt = SYS_BUS_DEVICE(&s->mptimer);

    qdev_prop_set_uint32(DEVICE(scu), "num-cpu", n);
    qdev_prop_set_uint32(DEVICE(gt), "num-cpu", n);
    qdev_prop_set_uint32(DEVICE(mpt), "num-cpu", n);
    if (!sysbus_realize(scu, errp) || !sysbus_realize(gt, errp) ||
        !sysbus_realize(mpt, errp)) {
        return false;
    }
    mpcore_map(s, scu, 0, 0x0000);
    mpcore_map(s, SYS_BUS_DEVICE(&s->gic), 1, 0x0100);
    mpcore_map(s, gt, 0, 0x0200);
    mpcore_map(s, mpt, 0, 0x0600);
    mpcore_map(s, SYS_BUS_DEVICE(&s->gic), 0, 0x1000);
    for (unsigned c = 0; c < n; c++) {
        sysbus_connect_irq(gt, c, mpcore_ppi(s, c, PPI_A9_GTIMER));
        sysbus_connect_irq(mpt, 2 * c, mpcore_ppi(s, c, PPI_A9_TIMER));
        sysbus_connect_irq(mpt, 2 * c + 1, mpcore_ppi(s, c, PPI_A9_WDT));
    }
    return true;
}

static void a9mp_instance_init(Object *obj)
{
    CortexMPPrivState *s = CORTEX_MPCORE_PRIV(obj);

    object_initialize_child(obj, "scu", &s->scu, TYPE_A9_SCU);
    object_initialize_child(obj, "gtimer", &s->gtimer, TYPE_A9_GTIMER);
    object_initialize_child(obj, "mptimer", &s->mptimer, TYPE_ARM_MPTIMER);
}

/* ---- Cortex-A15 / A7 ---- */

static bool a15mp_realize_flavour(CortexMPPrivState *s, Error **errp)
{
    SysBusDevice *gic = SYS_BUS_DEVICE(&s->gic);
    unsigned n = s->num_cpu;
    static const struct { int gtimer, ppi; } timer_ppis[] = {
        { GTIMER_PHYS, PPI_GT_PHYS }, { GTIMER_VIRT, PPI_GT_VIRT },
        { GTIMER_HYP, PPI_GT_HYP }, { GTIMER_SEC, PPI_GT_SEC },
    };

    mpcore_map(s, gic, 0, 0x1000);
    mpcore_map(s, gic, 1, 0x2000);
    if (s->gic.virt_extn) {
        /* After the n + 2 CPU interface regions: GICH, GICH[c], GICV. */
        mpcore_map(s, gic, n + 2, 0x4000);
        for (unsigned c = 0; c < n; c++) {
            mpcore_map(s, gic, n + 3 + c, 0x5000 + 0x200 * c);
        }
        mpcore_map(s, gic, 2 * n + 3, 0x6000);
    }
    for (unsigned c = 0; c < n; c++) {
        for (size_t i = 0; i < ARRAY_SIZE(timer_ppis); i++) {
            qdev_connect_gpio_out_named(DEVICE(s->cpu[c]), "gt-timer-outputs",
                                        timer_ppis[i].gtimer,
                                        mpcore_ppi(s, c, timer_ppis[i].ppi));
        }
    }
    return true;
}

static Property mpcore_properties[] = {
    DEFINE_PROP_UINT32("num-cpu", CortexMPPrivState, num_cpu, 1),
    DEFINE_PROP_UINT32("num-irq", CortexMPPrivState, num_irq, 96),
    DEFINE_PROP_STRING("cpu-type", CortexMPPrivState, cpu_type),
    DEFINE_PROP_BOOL("has-el3", CortexMPPrivState, has_el3, true),
    DEFINE_PROP_BOOL("has-el2", CortexMPPrivState, has_el2, false),
    DEFINE_PROP_UINT64("reset-cbar", CortexMPPrivState, reset_cbar, 0),
    DEFINE_PROP_BOOL("secondaries-powered-off", CortexMPPrivState, secondaries_off, true),
    DEFINE_PROP_END_OF_LIST(),
};

static void mpcore_class_init(ObjectClass *oc, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(oc);

    dc->realize = mpcore_realize;
    device_class_set_props(dc, mpcore_properties);
}

static void a9mp_class_init(ObjectClass *oc, void *data)
{
    CortexMPPrivClass *k = CORTEX_MPCORE_PRIV_CLASS(oc);

    DEVICE_CLASS(oc)->desc = "Cortex-A9 MPCore private region";
    k->default_cpu_type = ARM_CPU_TYPE_NAME("cortex-a9");
    k->gic_revision = 1;
    k->container_size = 0x2000;
    k->realize_flavour = a9mp_realize_flavour;
}

static void a15mp_class_init(ObjectClass *oc, void *data)
{
    CortexMPPrivClass *k = CORTEX_MPCORE_PRIV_CLASS(oc);

    DEVICE_CLASS(oc)->desc = "Cortex-A15 MPCore private region";
    k->default_cpu_type = ARM_CPU_TYPE_NAME("cortex-a15");
    k->gic_revision = 2;
    k->container_size = 0x8000;
    k->realize_flavour = a15mp_realize_flavour;
}

static void a7mp_class_init(ObjectClass *oc, void *data)
{
    CortexMPPrivClass *k = CORTEX_MPCORE_PRIV_CLASS(oc);

    DEVICE_CLASS(oc)->desc = "Cortex-A7 MPCore private region";
    k->default_cpu_type = ARM_CPU_TYPE_NAME("cortex-a7");
    k->gic_revision = 2;
    k->container_size = 0x8000;
    k->realize_flavour = a15mp_realize_flavour;
}

static const TypeInfo mpcore_types[] = {
    {
        .name = TYPE_CORTEX_MPCORE_PRIV,
        .parent = TYPE_SYS_BUS_DEVICE,
        .abstract = true,
        .instance_size = sizeof(CortexMPPrivState),
        .instance_init = mpcore_instance_init,
        .instance_finalize = mpcore_finalize,
        .class_size = sizeof(CortexMPPrivClass),
        .class_init = mpcore_class_init,
    },
    {
        .name = TYPE_A9MPCORE_PRIV,
        .parent = TYPE_CORTEX_MPCORE_PRIV,
        .instance_init = a9mp_instance_init,
        .class_init = a9mp_class_init,
    },
    {
        .name = TYPE_A15MPCORE_PRIV,
        .parent = TYPE_CORTEX_MPCORE_PRIV,
        .class_init = a15mp_class_init,
    },
    {
        .name = TYPE_A7MPCORE_PRIV,
        .parent = TYPE_CORTEX_MPCORE_PRIV,
        .class_init = a7mp_class_init,
    },
};

DEFINE_TYPES(mpcore_types)
