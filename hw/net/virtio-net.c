/*
 * Virtio network device (Virtio 1.1, 5.1): frames from the transmit queue
 * go to the NIC's peer (e.g. slirp); frames from the peer fill receive
 * buffers the driver made available, each preceded by a 12-byte
 * virtio_net_hdr (no offloads: flags and gso_type 0; num_buffers = the
 * buffers used). Without buffers, or while the driver is not ready, the
 * net core queues frames and the receive queue's notify flushes them.
 */
#include "qemu/osdep.h"
#include "qemu/log.h"
#include "hw/virtio/virtio-net.h"
#include "hw/qdev-properties.h"
#include "migration/vmstate.h"
#include "system/runstate.h"

/* Queue indexes (5.1.2). */
#define RX_QUEUE    0
#define TX_QUEUE    1

static void virtio_net_get_config(VirtIODevice *vdev, uint8_t *config)
{
    VirtIONet *n = VIRTIO_NET(vdev);

    memcpy(config, n->conf.macaddr.a, 6);
    config[6] = n->status & 0xff;
    config[7] = n->status >> 8;
}

static bool driver_ready(VirtIONet *n)
{
    VirtIODevice *vdev = VIRTIO_DEVICE(n);

    return (vdev->status & VIRTIO_CONFIG_S_DRIVER_OK) && n->rx_vq->ready &&
           !n->rx_vq->broken;
}

static bool virtio_net_can_receive(NetClientState *nc)
{
    VirtIONet *n = qemu_get_nic_opaque(nc);

    return runstate_is_running() && driver_ready(n);
}

/*
 * Puts one frame into receive buffers. Returns SIZE when delivered (or
 * dropped for good: too large for any buffer set), 0 when the driver has
 * not made enough buffers available yet (the net core keeps the frame).
 */
static ssize_t virtio_net_receive(NetClientState *nc, const uint8_t *buf, size_t size)
{
    VirtIONet *n = qemu_get_nic_opaque(nc);
    VirtIODevice *vdev = VIRTIO_DEVICE(n);
    bool mergeable = vdev->guest_features & (1ull << VIRTIO_NET_F_MRG_RXBUF);
    size_t total = VIRTIO_NET_HDR_LEN + size, done = 0;
    VirtQueueElement elems[VIRTIO_NET_QUEUE_SIZE];
    uint32_t lens[VIRTIO_NET_QUEUE_SIZE];
    uint8_t hdr[VIRTIO_NET_HDR_LEN] = { 0 };
    unsigned count = 0;

    if (!driver_ready(n)) {
        return 0;
    }
    while (done < total) {
        VirtQueueElement *e = &elems[count];
        size_t len;

        if (count == VIRTIO_NET_QUEUE_SIZE || (count && !mergeable) ||
            !virtqueue_pop(vdev, n->rx_vq, e)) {
            bool full_set = count == VIRTIO_NET_QUEUE_SIZE || (count && !mergeable);

            virtqueue_unpop(n->rx_vq, count);
            for (unsigned i = 0; i < count; i++) {
                virtqueue_element_clear(&elems[i]);
            }
            if (full_set) {
                /* Even every buffer would not hold it: drop it for good. */
                qemu_log_mask(LOG_GUEST_ERROR, "virtio-net: %zu-byte frame does not fit "
                              "the receive buffers, dropped\n", size);
                n->rx_dropped++;
                return size;
            }
            return 0;
        }
        if (e->out_num || !e->in_bytes ||
            (count == 0 && e->in_bytes < VIRTIO_NET_HDR_LEN)) {
            virtqueue_element_clear(e);
            qemu_log_mask(LOG_GUEST_ERROR, "virtio-net: receive buffer is not a writable "
                          "buffer of at least the header size\n");
            virtqueue_unpop(n->rx_vq, count + 1);
            for (unsigned i = 0; i < count; i++) {
                virtqueue_element_clear(&elems[i]);
            }
            n->rx_vq->broken = true;
            vdev->status |= VIRTIO_CONFIG_S_NEEDS_RESET;
            return size;
        }
        len = MIN(e->in_bytes, total - done);
        lens[count++] = len;
        done += len;
    }

    /* Now that the set is known: header (with num_buffers), then the frame. */
    hdr[10] = count & 0xff;
    hdr[11] = count >> 8;
    done = 0;
    for (unsigned i = 0; i < count; i++) {
        size_t off = 0;

        if (i == 0) {
            virtqueue_elem_write(&elems[0], 0, hdr, VIRTIO_NET_HDR_LEN);
            off = VIRTIO_NET_HDR_LEN;
        }
        virtqueue_elem_write(&elems[i], off, buf + done, lens[i] - off);
        done += lens[i] - off;
        virtqueue_fill(vdev, n->rx_vq, &elems[i], lens[i], i);
        virtqueue_element_clear(&elems[i]);
    }
    virtqueue_flush(vdev, n->rx_vq, count);
    virtio_notify(vdev, n->rx_vq);
    return size;
}

/* The driver added receive buffers: deliver what waited. */
static void virtio_net_handle_rx(VirtIODevice *vdev, VirtQueue *vq)
{
    VirtIONet *n = VIRTIO_NET(vdev);

    qemu_flush_queued_packets(qemu_get_queue(n->nic));
}

/* Sends every frame of the transmit queue; the header is skipped (no offloads). */
static void virtio_net_handle_tx(VirtIODevice *vdev, VirtQueue *vq)
{
    VirtIONet *n = VIRTIO_NET(vdev);
    VirtQueueElement e;
    bool done = false;

    while (virtqueue_pop(vdev, vq, &e)) {
        if (e.in_num || e.out_bytes < VIRTIO_NET_HDR_LEN ||
            e.out_bytes - VIRTIO_NET_HDR_LEN > VIRTIO_NET_MAX_FRAME) {
            qemu_log_mask(LOG_GUEST_ERROR, "virtio-net: bad transmit buffer (%" PRIu64
                          " readable, %" PRIu64 " writable bytes)\n", e.out_bytes,
                          e.in_bytes);
        } else {
            size_t len = e.out_bytes - VIRTIO_NET_HDR_LEN;
            g_autofree uint8_t *frame = g_malloc(len ? len : 1);

            virtqueue_elem_read(&e, VIRTIO_NET_HDR_LEN, frame, len);
            qemu_send_packet(qemu_get_queue(n->nic), frame, len);
        }
        virtqueue_push(vdev, vq, &e, 0);
        virtqueue_element_clear(&e);
        done = true;
    }
    if (done) {
        virtio_notify(vdev, vq);
    }
}

/* Frames queued while the VM was stopped go in when it runs again. */
static void virtio_net_vm_state_change(void *opaque, bool running, RunState state)
{
    VirtIONet *n = opaque;

    if (running && n->nic) {
        qemu_flush_queued_packets(qemu_get_queue(n->nic));
    }
}

static const NetClientInfo virtio_net_info = {
    .type = NET_CLIENT_DRIVER_NIC,
    .size = sizeof(NICState),
    .receive = virtio_net_receive,
    .can_receive = virtio_net_can_receive,
};

static void virtio_net_realize(DeviceState *dev, Error **errp)
{
    VirtIONet *n = VIRTIO_NET(dev);
    VirtIODevice *vdev = VIRTIO_DEVICE(dev);

    virtio_init(vdev, "virtio-net", VIRTIO_ID_NET, VIRTIO_NET_CONFIG_LEN);
    vdev->host_features |= 1ull << VIRTIO_NET_F_MAC | 1ull << VIRTIO_NET_F_MRG_RXBUF |
                           1ull << VIRTIO_NET_F_STATUS;
    n->rx_vq = virtio_add_queue(vdev, VIRTIO_NET_QUEUE_SIZE, virtio_net_handle_rx);
    n->tx_vq = virtio_add_queue(vdev, VIRTIO_NET_QUEUE_SIZE, virtio_net_handle_tx);
    n->status = VIRTIO_NET_S_LINK_UP;
    qemu_macaddr_default_if_unset(&n->conf.macaddr);
    n->nic = qemu_new_nic(&virtio_net_info, &n->conf, TYPE_VIRTIO_NET, dev->id, n);
    qemu_format_nic_info_str(qemu_get_queue(n->nic), n->conf.macaddr.a);
    n->vmstate_entry = qemu_add_vm_change_state_handler(virtio_net_vm_state_change, n);
}

static void virtio_net_unrealize(DeviceState *dev)
{
    VirtIONet *n = VIRTIO_NET(dev);

    if (n->vmstate_entry) {
        qemu_del_vm_change_state_handler(n->vmstate_entry);
        n->vmstate_entry = NULL;
    }
    if (n->nic) {
        qemu_del_nic(n->nic);
        n->nic = NULL;
    }
}

static void virtio_net_reset(VirtIODevice *vdev)
{
    VirtIONet *n = VIRTIO_NET(vdev);

    n->status = VIRTIO_NET_S_LINK_UP;
}

static bool virtio_net_post_load(void *opaque, int version_id, Error **errp)
{
    VirtIONet *n = opaque;

    /* Frames that waited for buffers the stream just restored. */
    if (n->nic) {
        qemu_flush_queued_packets(qemu_get_queue(n->nic));
    }
    return true;
}

static const VMStateDescription vmstate_virtio_net = {
    .name = "virtio-net",
    .version_id = 1,
    .minimum_version_id = 1,
    .post_load = virtio_net_post_load,
    .fields = (const VMStateField[]) {
        VMSTATE_STRUCT(parent_obj, VirtIONet, 1, vmstate_virtio_device, VirtIODevice),
        VMSTATE_UINT16(status, VirtIONet),
        VMSTATE_END_OF_LIST()
    },
};

static Property virtio_net_properties[] = {
    DEFINE_NIC_PROPERTIES(VirtIONet, conf),
    DEFINE_PROP_END_OF_LIST(),
};

static void virtio_net_class_init(ObjectClass *oc, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(oc);
    VirtioDeviceClass *vdc = VIRTIO_DEVICE_CLASS(oc);

    dc->desc = "virtio network device";
    dc->realize = virtio_net_realize;
    dc->unrealize = virtio_net_unrealize;
    dc->vmsd = &vmstate_virtio_net;
    device_class_set_props(dc, virtio_net_properties);
    vdc->get_config = virtio_net_get_config;
    vdc->reset = virtio_net_reset;
}

static const TypeInfo virtio_net_types[] = {
    {
        .name = TYPE_VIRTIO_NET,
        .parent = TYPE_VIRTIO_DEVICE,
        .instance_size = sizeof(VirtIONet),
        .class_init = virtio_net_class_init,
    },
};

DEFINE_TYPES(virtio_net_types)
