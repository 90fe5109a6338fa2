/*
 * System-bus devices.
 */
#include "qemu/osdep.h"
#include "hw/sysbus.h"

void sysbus_init_mmio(SysBusDevice *dev, MemoryRegion *memory)
{
    int n = dev->num_mmio++;

    assert(n < QDEV_MAX_MMIO);
    dev->mmio[n].addr = (hwaddr)-1;
    dev->mmio[n].memory = memory;
}

void sysbus_init_irq(SysBusDevice *dev, qemu_irq *p)
{
    qdev_init_gpio_out_named(DEVICE(dev), p, SYSBUS_DEVICE_GPIO_IRQ, 1);
}

bool sysbus_has_mmio(SysBusDevice *dev, int n)
{
    return n >= 0 && n < dev->num_mmio;
}

MemoryRegion *sysbus_mmio_get_region(SysBusDevice *dev, int n)
{
    assert(sysbus_has_mmio(dev, n));
    return dev->mmio[n].memory;
}

static void mmio_map(SysBusDevice *dev, int n, hwaddr addr, bool overlap,
                     int priority)
{
    assert(sysbus_has_mmio(dev, n));
    if (dev->mmio[n].addr == addr) {
        return;
    }
    if (dev->mmio[n].addr != (hwaddr)-1) {
        memory_region_del_subregion(get_system_memory(), dev->mmio[n].memory);
    }
    dev->mmio[n].addr = addr;
    if (overlap) {
        memory_region_add_subregion_overlap(get_system_memory(), addr,
                                            dev->mmio[n].memory, priority);
    } else {
        memory_region_add_subregion(get_system_memory(), addr,
                                    dev->mmio[n].memory);
    }
}

void sysbus_mmio_map(SysBusDevice *dev, int n, hwaddr addr)
{
    mmio_map(dev, n, addr, false, 0);
}

void sysbus_mmio_map_overlap(SysBusDevice *dev, int n, hwaddr addr,
                             int priority)
{
    mmio_map(dev, n, addr, true, priority);
}

void sysbus_connect_irq(SysBusDevice *dev, int n, qemu_irq irq)
{
    qdev_connect_gpio_out_named(DEVICE(dev), SYSBUS_DEVICE_GPIO_IRQ, n, irq);
}

bool sysbus_realize(SysBusDevice *dev, Error **errp)
{
    return qdev_realize(DEVICE(dev), sysbus_get_default(), errp);
}

bool sysbus_realize_and_unref(SysBusDevice *dev, Error **errp)
{
    return qdev_realize_and_unref(DEVICE(dev), sysbus_get_default(), errp);
}

DeviceState *sysbus_create_varargs(const char *type, hwaddr addr, ...)
{
    DeviceState *dev = qdev_new(type);
    SysBusDevice *s = SYS_BUS_DEVICE(dev);
    va_list ap;
    qemu_irq irq;
    int n = 0;

    sysbus_realize_and_unref(s, &error_fatal);
    if (addr != (hwaddr)-1) {
        sysbus_mmio_map(s, 0, addr);
    }
    va_start(ap, addr);
    while ((irq = va_arg(ap, qemu_irq)) != NULL) {
        sysbus_connect_irq(s, n++, irq);
    }
    va_end(ap);
    return dev;
}

/*
 * Regions are owned by the device's state: when it goes away they must
 * leave the address space. A subclass's finalize runs first and may have
 * finalized its regions already (which unmaps them).
 */
static void sysbus_device_finalize(Object *obj)
{
    SysBusDevice *dev = SYS_BUS_DEVICE(obj);

    for (int n = 0; n < dev->num_mmio; n++) {
        if (dev->mmio[n].addr != (hwaddr)-1 &&
            dev->mmio[n].memory->container == get_system_memory()) {
            memory_region_del_subregion(get_system_memory(),
                                        dev->mmio[n].memory);
            dev->mmio[n].addr = (hwaddr)-1;
        }
    }
}

static void sysbus_device_class_init(ObjectClass *klass, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);

    dc->bus_type = TYPE_SYSTEM_BUS;
    /* Board-wired devices: the user cannot plug them with -device. */
    dc->user_creatable = false;
}

static const TypeInfo sysbus_types[] = {
    {
        .name = TYPE_SYS_BUS_DEVICE,
        .parent = TYPE_DEVICE,
        .instance_size = sizeof(SysBusDevice),
        .instance_finalize = sysbus_device_finalize,
        .abstract = true,
        .class_size = sizeof(SysBusDeviceClass),
        .class_init = sysbus_device_class_init,
    },
};

DEFINE_TYPES(sysbus_types)
