/*
 * Virtio MMIO transport, version 2 ("modern" only: no legacy registers).
 */
#include "qemu/osdep.h"
#include "qemu/log.h"
#include "hw/virtio/virtio-mmio.h"
#include "migration/vmstate.h"

#define VIRTIO_MMIO_MAGIC       0x74726976      /* "virt" */
#define VIRTIO_MMIO_VENDOR      0x554d4551      /* "QEMU" */

enum {
    R_MAGIC = 0x000,
    R_VERSION = 0x004,
    R_DEVICE_ID = 0x008,
    R_VENDOR_ID = 0x00c,
    R_DEVICE_FEATURES = 0x010,
    R_DEVICE_FEATURES_SEL = 0x014,
    R_DRIVER_FEATURES = 0x020,
    R_DRIVER_FEATURES_SEL = 0x024,
    R_QUEUE_SEL = 0x030,
    R_QUEUE_NUM_MAX = 0x034,
    R_QUEUE_NUM = 0x038,
    R_QUEUE_READY = 0x044,
    R_QUEUE_NOTIFY = 0x050,
    R_INTERRUPT_STATUS = 0x060,
    R_INTERRUPT_ACK = 0x064,
    R_STATUS = 0x070,
    R_QUEUE_DESC_LOW = 0x080,
    R_QUEUE_DESC_HIGH = 0x084,
    R_QUEUE_DRIVER_LOW = 0x090,
    R_QUEUE_DRIVER_HIGH = 0x094,
    R_QUEUE_DEVICE_LOW = 0x0a0,
    R_QUEUE_DEVICE_HIGH = 0x0a4,
    R_CONFIG_GENERATION = 0x0fc,
    R_CONFIG = 0x100,
};

static VirtIODevice *mmio_vdev(VirtIOMMIOProxy *s)
{
    return virtio_bus_get_device(BUS(s->bus));
}

static VirtQueue *mmio_vq(VirtIOMMIOProxy *s, VirtIODevice *vdev)
{
    return s->queue_sel < VIRTIO_QUEUE_MAX ? &vdev->vq[s->queue_sel] : NULL;
}

static void set_low(uint64_t *v, uint32_t low)
{
    *v = (*v & ~0xffffffffull) | low;
}

static void set_high(uint64_t *v, uint32_t high)
{
    *v = (*v & 0xffffffffull) | (uint64_t)high << 32;
}

static uint64_t virtio_mmio_read(void *opaque, hwaddr offset, unsigned size)
{
    VirtIOMMIOProxy *s = opaque;
    VirtIODevice *vdev = mmio_vdev(s);
    VirtQueue *vq;

    if (offset == R_MAGIC) {
        return VIRTIO_MMIO_MAGIC;
    }
    if (offset == R_VERSION) {
        return 2;
    }
    if (!vdev) {
        return 0;       /* DeviceID 0: nothing here */
    }
    if (offset >= R_CONFIG) {
        return virtio_config_read(vdev, offset - R_CONFIG, size);
    }
    if (size != 4) {
        qemu_log_mask(LOG_GUEST_ERROR, "virtio-mmio: %u-byte read of register "
                      "0x%x\n", size, (unsigned)offset);
        return 0;
    }
    vq = mmio_vq(s, vdev);
    switch (offset) {
    case R_DEVICE_ID:
        return vdev->device_id;
    case R_VENDOR_ID:
        return VIRTIO_MMIO_VENDOR;
    case R_DEVICE_FEATURES:
        return s->host_features_sel > 1 ? 0
               : vdev->host_features >> (32 * s->host_features_sel);
    case R_QUEUE_NUM_MAX:
        return vq ? vq->num_max : 0;
    case R_QUEUE_READY:
        return vq ? vq->ready : 0;
    case R_INTERRUPT_STATUS:
        return vdev->isr;
    case R_STATUS:
        return vdev->status;
    case R_CONFIG_GENERATION:
        return vdev->generation;
    default:
        qemu_log_mask(LOG_GUEST_ERROR, "virtio-mmio: read of bad offset "
                      "0x%x\n", (unsigned)offset);
        return 0;
    }
}

static void virtio_mmio_write(void *opaque, hwaddr offset, uint64_t value,
                              unsigned size)
{
    VirtIOMMIOProxy *s = opaque;
    VirtIODevice *vdev = mmio_vdev(s);
    VirtQueue *vq;

    if (!vdev) {
        return;
    }
    if (offset >= R_CONFIG) {
        qemu_log_mask(LOG_GUEST_ERROR, "%s: config space is read-only\n",
                      vdev->name);
        return;
    }
    if (size != 4) {
        qemu_log_mask(LOG_GUEST_ERROR, "virtio-mmio: %u-byte write of register "
                      "0x%x\n", size, (unsigned)offset);
        return;
    }
    vq = mmio_vq(s, vdev);
    switch (offset) {
    case R_DEVICE_FEATURES_SEL:
        s->host_features_sel = value;
        return;
    case R_DRIVER_FEATURES:
        if (s->guest_features_sel == 0) {
            set_low(&vdev->guest_features, value);
        } else if (s->guest_features_sel == 1) {
            set_high(&vdev->guest_features, value);
        }
        return;
    case R_DRIVER_FEATURES_SEL:
        s->guest_features_sel = value;
        return;
    case R_QUEUE_SEL:
        s->queue_sel = value;
        return;
    case R_QUEUE_NOTIFY:
        virtio_queue_notify(vdev, value);
        return;
    case R_INTERRUPT_ACK:
        vdev->isr &= ~value;
        virtio_update_irq(vdev);
        return;
    case R_STATUS:
        virtio_set_status(vdev, value);
        return;
    default:
        break;
    }
    /* Queue registers: only for a queue the device has */
    if (!vq || !vq->num_max) {
        qemu_log_mask(LOG_GUEST_ERROR, "%s: write 0x%x of register 0x%x for "
                      "missing queue %u\n", vdev->name, (unsigned)value,
                      (unsigned)offset, s->queue_sel);
        return;
    }
    switch (offset) {
    case R_QUEUE_NUM:
        if (!value || value > vq->num_max || (value & (value - 1))) {
            qemu_log_mask(LOG_GUEST_ERROR, "%s: queue size %u invalid "
                          "(maximum %u)\n", vdev->name, (unsigned)value,
                          vq->num_max);
            return;
        }
        vq->num = value;
        return;
    case R_QUEUE_READY:
        vq->ready = value & 1;
        return;
    case R_QUEUE_DESC_LOW:
        set_low(&vq->desc, value);
        return;
    case R_QUEUE_DESC_HIGH:
        set_high(&vq->desc, value);
        return;
    case R_QUEUE_DRIVER_LOW:
        set_low(&vq->avail, value);
        return;
    case R_QUEUE_DRIVER_HIGH:
        set_high(&vq->avail, value);
        return;
    case R_QUEUE_DEVICE_LOW:
        set_low(&vq->used, value);
        return;
    case R_QUEUE_DEVICE_HIGH:
        set_high(&vq->used, value);
        return;
    default:
        qemu_log_mask(LOG_GUEST_ERROR, "virtio-mmio: write of bad offset "
                      "0x%x\n", (unsigned)offset);
        return;
    }
}

static const MemoryRegionOps virtio_mmio_ops = {
    .read = virtio_mmio_read,
    .write = virtio_mmio_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid.min_access_size = 1,
    .valid.max_access_size = 4,
    .impl.min_access_size = 1,
    .impl.max_access_size = 4,
};

static void virtio_mmio_update_irq(DeviceState *transport)
{
    VirtIOMMIOProxy *s = VIRTIO_MMIO(transport);
    VirtIODevice *vdev = mmio_vdev(s);

    qemu_set_irq(s->irq, vdev && vdev->isr);
}

static void virtio_mmio_reset(DeviceState *dev)
{
    VirtIOMMIOProxy *s = VIRTIO_MMIO(dev);

    s->host_features_sel = 0;
    s->guest_features_sel = 0;
    s->queue_sel = 0;
    virtio_mmio_update_irq(dev);
}

static void virtio_mmio_init(Object *obj)
{
    VirtIOMMIOProxy *s = VIRTIO_MMIO(obj);

    memory_region_init_io(&s->iomem, obj, &virtio_mmio_ops, s, "virtio-mmio",
                          0x200);
    sysbus_init_mmio(SYS_BUS_DEVICE(obj), &s->iomem);
    sysbus_init_irq(SYS_BUS_DEVICE(obj), &s->irq);
    s->bus = VIRTIO_BUS(qbus_new(TYPE_VIRTIO_BUS, DEVICE(obj), "virtio-bus"));
    s->bus->update_irq = virtio_mmio_update_irq;
}

static void virtio_mmio_finalize(Object *obj)
{
    memory_region_finalize(&VIRTIO_MMIO(obj)->iomem);
}

static const VMStateDescription vmstate_virtio_mmio = {
    .name = "virtio-mmio",
    .version_id = 1,
    .minimum_version_id = 1,
    .fields = (const VMStateField[]) {
        VMSTATE_UINT32(host_features_sel, VirtIOMMIOProxy),
        VMSTATE_UINT32(guest_features_sel, VirtIOMMIOProxy),
        VMSTATE_UINT32(queue_sel, VirtIOMMIOProxy),
        VMSTATE_END_OF_LIST()
    },
};

static void virtio_mmio_class_init(ObjectClass *oc, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(oc);

    dc->desc = "virtio over MMIO (version 2)";
    dc->reset = virtio_mmio_reset;
    dc->vmsd = &vmstate_virtio_mmio;
}

static const TypeInfo virtio_mmio_types[] = {
    {
        .name = TYPE_VIRTIO_MMIO,
        .parent = TYPE_SYS_BUS_DEVICE,
        .instance_size = sizeof(VirtIOMMIOProxy),
        .instance_init = virtio_mmio_init,
        .instance_finalize = virtio_mmio_finalize,
        .class_init = virtio_mmio_class_init,
    },
};

DEFINE_TYPES(virtio_mmio_types)
