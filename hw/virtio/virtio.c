/*
 * Virtio core: split virtqueues in guest memory and the common device
 * state (Virtio 1.1, section 2.6).
 */
#include "qemu/osdep.h"
#include "qemu/log.h"
#include "hw/virtio/virtio.h"
#include "migration/vmstate.h"

#define DESC_SIZE   16

typedef struct VRingDesc {
    uint64_t addr;
    uint32_t len;
    uint16_t flags;
    uint16_t next;
} VRingDesc;

static AddressSpace *vdev_as(void)
{
    return &address_space_memory;
}

static uint16_t vq_lduw(uint64_t addr)
{
    return address_space_lduw_le(vdev_as(), addr, MEMTXATTRS_UNSPECIFIED, NULL);
}

static void vq_stw(uint64_t addr, uint16_t v)
{
    address_space_stw_le(vdev_as(), addr, v, MEMTXATTRS_UNSPECIFIED, NULL);
}

static void vq_stl(uint64_t addr, uint32_t v)
{
    address_space_stl_le(vdev_as(), addr, v, MEMTXATTRS_UNSPECIFIED, NULL);
}

static void read_desc(uint64_t table, unsigned i, VRingDesc *d)
{
    uint64_t a = table + (uint64_t)i * DESC_SIZE;
    AddressSpace *as = vdev_as();

    d->addr = address_space_ldq_le(as, a, MEMTXATTRS_UNSPECIFIED, NULL);
    d->len = address_space_ldl_le(as, a + 8, MEMTXATTRS_UNSPECIFIED, NULL);
    d->flags = address_space_lduw_le(as, a + 12, MEMTXATTRS_UNSPECIFIED, NULL);
    d->next = address_space_lduw_le(as, a + 14, MEMTXATTRS_UNSPECIFIED, NULL);
}

void virtio_init(VirtIODevice *vdev, const char *name, uint16_t device_id,
                 uint32_t config_len)
{
    DeviceState *dev = DEVICE(vdev);
    DeviceState *transport = dev->parent_bus ? dev->parent_bus->parent : NULL;

    /*
     * A device plugged with -device takes its transport's stream identity
     * (one device per transport), so that it never depends on the order
     * of the command line.
     */
    if (dev->vmstate_instance_id < 0 && transport) {
        dev->vmstate_instance_id = transport->vmstate_instance_id;
    }
    vdev->name = name;
    vdev->device_id = device_id;
    vdev->config_len = config_len;
    vdev->host_features |= 1ull << VIRTIO_F_VERSION_1
                           | 1ull << VIRTIO_RING_F_INDIRECT_DESC;
}

VirtQueue *virtio_add_queue(VirtIODevice *vdev, unsigned num_max,
                            VirtIOHandleOutput *handle_output)
{
    for (int i = 0; i < VIRTIO_QUEUE_MAX; i++) {
        VirtQueue *vq = &vdev->vq[i];

        if (!vq->num_max) {
            vq->num_max = num_max;
            vq->num = num_max;
            vq->handle_output = handle_output;
            return vq;
        }
    }
    g_assert_not_reached();
}

void virtqueue_element_clear(VirtQueueElement *elem)
{
    g_free(elem->out_addr);
    g_free(elem->in_addr);
    g_free(elem->out_len);
    g_free(elem->in_len);
    memset(elem, 0, sizeof(*elem));
}

static bool vq_fail(VirtIODevice *vdev, VirtQueue *vq, const char *what)
{
    qemu_log_mask(LOG_GUEST_ERROR, "%s: queue %d: %s\n", vdev->name,
                  (int)(vq - vdev->vq), what);
    vq->broken = true;
    vdev->status |= VIRTIO_CONFIG_S_NEEDS_RESET;
    return false;
}

static void elem_add(VirtQueueElement *elem, const VRingDesc *d)
{
    bool in = d->flags & VRING_DESC_F_WRITE;
    unsigned *n = in ? &elem->in_num : &elem->out_num;
    uint64_t **addr = in ? &elem->in_addr : &elem->out_addr;
    uint32_t **len = in ? &elem->in_len : &elem->out_len;

    *addr = g_renew(uint64_t, *addr, *n + 1);
    *len = g_renew(uint32_t, *len, *n + 1);
    (*addr)[*n] = d->addr;
    (*len)[*n] = d->len;
    (*n)++;
    if (in) {
        elem->in_bytes += d->len;
    } else {
        elem->out_bytes += d->len;
    }
}

bool virtqueue_pop(VirtIODevice *vdev, VirtQueue *vq, VirtQueueElement *elem)
{
    uint64_t table = vq->desc;
    unsigned max = vq->num, i, seen = 0;
    uint16_t avail_idx;
    bool indirect = false;
    VRingDesc d;

    memset(elem, 0, sizeof(*elem));
    if (!vq->ready || vq->broken || !vq->num) {
        return false;
    }
    avail_idx = vq_lduw(vq->avail + 2);
    if (avail_idx == vq->last_avail_idx) {
        return false;
    }
    if ((uint16_t)(avail_idx - vq->last_avail_idx) > vq->num) {
        return vq_fail(vdev, vq, "available index ran ahead of the ring");
    }
    i = vq_lduw(vq->avail + 4 + 2 * (vq->last_avail_idx % vq->num));
    if (i >= vq->num) {
        return vq_fail(vdev, vq, "head descriptor out of range");
    }
    vq->last_avail_idx++;
    elem->index = i;
    for (;;) {
        read_desc(table, i, &d);
        if (d.flags & VRING_DESC_F_INDIRECT) {
            if (indirect || (d.flags & VRING_DESC_F_NEXT) || !d.len
                || d.len % DESC_SIZE || d.len / DESC_SIZE > VIRTQUEUE_MAX_SIZE) {
                virtqueue_element_clear(elem);
                return vq_fail(vdev, vq, "bad indirect descriptor");
            }
            indirect = true;
            table = d.addr;
            max = d.len / DESC_SIZE;
            i = 0;
            seen = 0;
            continue;
        }
        if (!(d.flags & VRING_DESC_F_WRITE) && elem->in_num) {
            virtqueue_element_clear(elem);
            return vq_fail(vdev, vq, "readable descriptor after a writable one");
        }
        elem_add(elem, &d);
        if (!(d.flags & VRING_DESC_F_NEXT)) {
            return true;
        }
        i = d.next;
        if (i >= max || ++seen >= max) {
            virtqueue_element_clear(elem);
            return vq_fail(vdev, vq, "descriptor chain out of range or looping");
        }
    }
}

void virtqueue_push(VirtIODevice *vdev, VirtQueue *vq,
                    const VirtQueueElement *elem, uint32_t len)
{
    uint64_t slot = vq->used + 4 + 8ull * (vq->used_idx % vq->num);

    vq_stl(slot, elem->index);
    vq_stl(slot + 4, len);
    vq->used_idx++;
    vq_stw(vq->used + 2, vq->used_idx);
}

void virtqueue_fill(VirtIODevice *vdev, VirtQueue *vq, const VirtQueueElement *elem,
                    uint32_t len, unsigned ahead)
{
    uint64_t slot = vq->used + 4 + 8ull * ((uint16_t)(vq->used_idx + ahead) % vq->num);

    vq_stl(slot, elem->index);
    vq_stl(slot + 4, len);
}

void virtqueue_flush(VirtIODevice *vdev, VirtQueue *vq, unsigned count)
{
    vq->used_idx += count;
    vq_stw(vq->used + 2, vq->used_idx);
}

void virtqueue_unpop(VirtQueue *vq, unsigned count)
{
    vq->last_avail_idx -= count;
}

static size_t elem_copy(unsigned num, const uint64_t *addr, const uint32_t *lens,
                        uint64_t offset, void *buf, size_t len, bool to_guest)
{
    size_t done = 0;

    for (unsigned i = 0; i < num && done < len; i++) {
        uint64_t n;

        if (offset >= lens[i]) {
            offset -= lens[i];
            continue;
        }
        n = MIN(lens[i] - offset, len - done);
        address_space_rw(vdev_as(), addr[i] + offset, MEMTXATTRS_UNSPECIFIED,
                         (uint8_t *)buf + done, n, to_guest);
        done += n;
        offset = 0;
    }
    return done;
}

size_t virtqueue_elem_read(const VirtQueueElement *elem, uint64_t offset,
                           void *buf, size_t len)
{
    return elem_copy(elem->out_num, elem->out_addr, elem->out_len, offset, buf,
                     len, false);
}

size_t virtqueue_elem_write(const VirtQueueElement *elem, uint64_t offset,
                            const void *buf, size_t len)
{
    return elem_copy(elem->in_num, elem->in_addr, elem->in_len, offset,
                     (void *)buf, len, true);
}

static BusState *vdev_bus(VirtIODevice *vdev)
{
    return DEVICE(vdev)->parent_bus;
}

void virtio_update_irq(VirtIODevice *vdev)
{
    BusState *bus = vdev_bus(vdev);
    VirtioBusState *vbus = bus ? VIRTIO_BUS(bus) : NULL;

    if (vbus && vbus->update_irq) {
        vbus->update_irq(bus->parent);
    }
}

void virtio_notify(VirtIODevice *vdev, VirtQueue *vq)
{
    if (vq_lduw(vq->avail) & VRING_AVAIL_F_NO_INTERRUPT) {
        return;
    }
    vdev->isr |= VIRTIO_ISR_QUEUE;
    virtio_update_irq(vdev);
}

VirtIODevice *virtio_bus_get_device(BusState *bus)
{
    return bus->children ? VIRTIO_DEVICE(bus->children->data) : NULL;
}

void virtio_reset(VirtIODevice *vdev)
{
    VirtioDeviceClass *vdc = VIRTIO_DEVICE_GET_CLASS(vdev);

    vdev->status = 0;
    vdev->isr = 0;
    vdev->guest_features = 0;
    for (int i = 0; i < VIRTIO_QUEUE_MAX; i++) {
        VirtQueue *vq = &vdev->vq[i];

        vq->num = vq->num_max;
        vq->ready = false;
        vq->desc = vq->avail = vq->used = 0;
        vq->last_avail_idx = vq->used_idx = 0;
        vq->broken = false;
    }
    if (vdc->reset) {
        vdc->reset(vdev);
    }
    virtio_update_irq(vdev);
}

void virtio_set_status(VirtIODevice *vdev, uint8_t status)
{
    if (status == 0) {
        virtio_reset(vdev);
        return;
    }
    if ((status & VIRTIO_CONFIG_S_FEATURES_OK)
        && !(vdev->status & VIRTIO_CONFIG_S_FEATURES_OK)
        && (!(vdev->guest_features & (1ull << VIRTIO_F_VERSION_1))
            || (vdev->guest_features & ~vdev->host_features))) {
        qemu_log_mask(LOG_GUEST_ERROR, "%s: features 0x%" PRIx64 " refused "
                      "(offered 0x%" PRIx64 ", VERSION_1 required)\n",
                      vdev->name, vdev->guest_features, vdev->host_features);
        status &= ~VIRTIO_CONFIG_S_FEATURES_OK;
    }
    vdev->status = status;
}

void virtio_queue_notify(VirtIODevice *vdev, unsigned n)
{
    VirtQueue *vq;

    if (n >= VIRTIO_QUEUE_MAX || !vdev->vq[n].num_max) {
        qemu_log_mask(LOG_GUEST_ERROR, "%s: notify of missing queue %u\n",
                      vdev->name, n);
        return;
    }
    vq = &vdev->vq[n];
    if (vq->ready && vq->handle_output
        && (vdev->status & VIRTIO_CONFIG_S_DRIVER_OK)) {
        vq->handle_output(vdev, vq);
    }
}

uint32_t virtio_config_read(VirtIODevice *vdev, uint32_t offset, unsigned size)
{
    VirtioDeviceClass *vdc = VIRTIO_DEVICE_GET_CLASS(vdev);
    g_autofree uint8_t *config = g_malloc0(vdev->config_len + 4);
    uint32_t v = 0;

    if (offset + size > vdev->config_len) {
        qemu_log_mask(LOG_GUEST_ERROR, "%s: config read at 0x%x beyond its %u "
                      "bytes\n", vdev->name, offset, vdev->config_len);
        return 0;
    }
    vdc->get_config(vdev, config);
    for (unsigned i = 0; i < size; i++) {
        v |= (uint32_t)config[offset + i] << (8 * i);
    }
    return v;
}

static bool virtqueue_post_load(void *opaque, int version_id, Error **errp)
{
    VirtQueue *vq = opaque;

    if (vq->num > vq->num_max || (vq->num & (vq->num - 1))) {
        error_setg(errp, "virtqueue: size %u invalid (maximum %u)", vq->num,
                   vq->num_max);
        return false;
    }
    return true;
}

static const VMStateDescription vmstate_virtqueue = {
    .name = "virtqueue",
    .version_id = 1,
    .minimum_version_id = 1,
    .post_load = virtqueue_post_load,
    .fields = (const VMStateField[]) {
        VMSTATE_UINT32(num, VirtQueue),
        VMSTATE_BOOL(ready, VirtQueue),
        VMSTATE_UINT64(desc, VirtQueue),
        VMSTATE_UINT64(avail, VirtQueue),
        VMSTATE_UINT64(used, VirtQueue),
        VMSTATE_UINT16(last_avail_idx, VirtQueue),
        VMSTATE_UINT16(used_idx, VirtQueue),
        VMSTATE_BOOL(broken, VirtQueue),
        VMSTATE_END_OF_LIST()
    },
};

const VMStateDescription vmstate_virtio_device = {
    .name = "virtio",
    .version_id = 1,
    .minimum_version_id = 1,
    .fields = (const VMStateField[]) {
        VMSTATE_UINT8(status, VirtIODevice),
        VMSTATE_UINT8(isr, VirtIODevice),
        VMSTATE_UINT64(guest_features, VirtIODevice),
        VMSTATE_UINT32(generation, VirtIODevice),
        VMSTATE_STRUCT_ARRAY(vq, VirtIODevice, VIRTIO_QUEUE_MAX, 1,
                             vmstate_virtqueue, VirtQueue),
        VMSTATE_END_OF_LIST()
    },
};

static void virtio_device_reset(DeviceState *dev)
{
    virtio_reset(VIRTIO_DEVICE(dev));
}

static void virtio_device_class_init(ObjectClass *oc, void *data)
{
    DEVICE_CLASS(oc)->bus_type = TYPE_VIRTIO_BUS;
    DEVICE_CLASS(oc)->reset = virtio_device_reset;
}

static void virtio_bus_class_init(ObjectClass *oc, void *data)
{
    BUS_CLASS(oc)->max_dev = 1;
}

static const TypeInfo virtio_types[] = {
    {
        .name = TYPE_VIRTIO_DEVICE,
        .parent = TYPE_DEVICE,
        .abstract = true,
        .instance_size = sizeof(VirtIODevice),
        .class_size = sizeof(VirtioDeviceClass),
        .class_init = virtio_device_class_init,
    },
    {
        .name = TYPE_VIRTIO_BUS,
        .parent = TYPE_BUS,
        .instance_size = sizeof(VirtioBusState),
        .class_init = virtio_bus_class_init,
    },
};

DEFINE_TYPES(virtio_types)
