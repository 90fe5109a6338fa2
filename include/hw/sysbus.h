/*
 * System-bus devices: devices that sit directly in the CPU's address space,
 * with MMIO regions the board maps and interrupt lines it wires.
 */
#ifndef HW_SYSBUS_H
#define HW_SYSBUS_H

#include "hw/qdev-core.h"
#include "hw/irq.h"
#include "exec/memory.h"

#define TYPE_SYS_BUS_DEVICE "sys-bus-device"
OBJECT_DECLARE_TYPE(SysBusDevice, SysBusDeviceClass, SYS_BUS_DEVICE)

#define QDEV_MAX_MMIO 32
#define SYSBUS_DEVICE_GPIO_IRQ "sysbus-irq"

struct SysBusDeviceClass {
    DeviceClass parent_class;
};

struct SysBusDevice {
    DeviceState parent_obj;
    int num_mmio;
    struct {
        hwaddr addr;        /* where the board mapped it, or -1 */
        MemoryRegion *memory;
    } mmio[QDEV_MAX_MMIO];
};

/* For the device: declares region N (in call order) and IRQ outputs. */
void sysbus_init_mmio(SysBusDevice *dev, MemoryRegion *memory);
void sysbus_init_irq(SysBusDevice *dev, qemu_irq *p);

/* For the board. */
MemoryRegion *sysbus_mmio_get_region(SysBusDevice *dev, int n);
bool sysbus_has_mmio(SysBusDevice *dev, int n);
void sysbus_mmio_map(SysBusDevice *dev, int n, hwaddr addr);
void sysbus_mmio_map_overlap(SysBusDevice *dev, int n, hwaddr addr,
                             int priority);
void sysbus_connect_irq(SysBusDevice *dev, int n, qemu_irq irq);
bool sysbus_realize(SysBusDevice *dev, Error **errp);
bool sysbus_realize_and_unref(SysBusDevice *dev, Error **errp);
/*
 * Creates TYPE, realizes it, maps region 0 at ADDR (if not -1) and
 * connects IRQs 0.. to the NULL-terminated varargs.
 */
DeviceState *sysbus_create_varargs(const char *type, hwaddr addr, ...);
static inline DeviceState *sysbus_create_simple(const char *type, hwaddr addr,
                                                qemu_irq irq)
{
    return sysbus_create_varargs(type, addr, irq, NULL);
}

#endif
