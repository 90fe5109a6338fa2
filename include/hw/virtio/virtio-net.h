/*
 * Virtio network device (Virtio 1.1, section 5.1): one receive and one
 * transmit queue, no control queue. Features offered: MAC, STATUS (link
 * always up) and MRG_RXBUF (a frame may span several receive buffers).
 * Properties "mac" and "netdev" (-device virtio-net-device,netdev=ID or
 * -nic user,model=virtio-net-device on boards with virtio-mmio).
 */
#ifndef HW_VIRTIO_VIRTIO_NET_H
#define HW_VIRTIO_VIRTIO_NET_H

#include "hw/virtio/virtio.h"
#include "net/net.h"

#define TYPE_VIRTIO_NET "virtio-net-device"
OBJECT_DECLARE_SIMPLE_TYPE(VirtIONet, VIRTIO_NET)

#define VIRTIO_ID_NET           1

#define VIRTIO_NET_F_MAC        5
#define VIRTIO_NET_F_MRG_RXBUF  15
#define VIRTIO_NET_F_STATUS     16

#define VIRTIO_NET_S_LINK_UP    1

/* struct virtio_net_hdr with num_buffers: always 12 bytes with VERSION_1. */
#define VIRTIO_NET_HDR_LEN      12
#define VIRTIO_NET_QUEUE_SIZE   256
#define VIRTIO_NET_CONFIG_LEN   8       /* mac[6], status */
#define VIRTIO_NET_MAX_FRAME    65536

struct VirtIONet {
    VirtIODevice parent_obj;
    NICConf conf;
    NICState *nic;
    VirtQueue *rx_vq, *tx_vq;
    uint16_t status;
    uint64_t rx_dropped;        /* frames the guest had no room for */
    struct VMChangeStateEntry *vmstate_entry;
};

#endif
