/*
 * Virtio over MMIO, version 2 (Virtio 1.1, section 4.2): 0x200 bytes of
 * registers, configuration space at 0x100. The device plugs into the
 * transport's bus "virtio-bus" (-device virtio-blk-device picks the first
 * transport with a free bus). IRQ 0 is high while InterruptStatus is
 * non-zero. Without a device, DeviceID reads 0 (the driver skips it).
 */
#ifndef HW_VIRTIO_VIRTIO_MMIO_H
#define HW_VIRTIO_VIRTIO_MMIO_H

#include "hw/sysbus.h"
#include "hw/virtio/virtio.h"

#define TYPE_VIRTIO_MMIO "virtio-mmio"
OBJECT_DECLARE_SIMPLE_TYPE(VirtIOMMIOProxy, VIRTIO_MMIO)

struct VirtIOMMIOProxy {
    SysBusDevice parent_obj;

    MemoryRegion iomem;
    qemu_irq irq;
    VirtioBusState *bus;

    uint32_t host_features_sel;
    uint32_t guest_features_sel;
    uint32_t queue_sel;
};

#endif
