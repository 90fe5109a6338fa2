/*
 * Virtio core (Virtio 1.x, split virtqueues): the state every virtio device
 * shares, its queues in guest memory, and the bus a transport provides.
 *
 * A device type derives from TYPE_VIRTIO_DEVICE; its realize calls
 * virtio_init() and virtio_add_queue(). The transport (virtio-mmio) owns a
 * TYPE_VIRTIO_BUS holding at most one device and forwards register
 * accesses here. Guest memory is read and written through the memory API
 * (address_space_memory), never through host pointers kept across calls,
 * and every guest-supplied index and length is checked: a malformed ring
 * is logged and makes the device stop using the queue, never crash.
 */
#ifndef HW_VIRTIO_VIRTIO_H
#define HW_VIRTIO_VIRTIO_H

#include "hw/qdev-core.h"
#include "exec/memory.h"

#define TYPE_VIRTIO_DEVICE "virtio-device"
#define TYPE_VIRTIO_BUS "virtio-bus"
OBJECT_DECLARE_TYPE(VirtIODevice, VirtioDeviceClass, VIRTIO_DEVICE)
OBJECT_DECLARE_SIMPLE_TYPE(VirtioBusState, VIRTIO_BUS)

#define VIRTIO_QUEUE_MAX        8
#define VIRTQUEUE_MAX_SIZE      1024

/* Device status bits */
#define VIRTIO_CONFIG_S_ACKNOWLEDGE     1
#define VIRTIO_CONFIG_S_DRIVER          2
#define VIRTIO_CONFIG_S_DRIVER_OK       4
#define VIRTIO_CONFIG_S_FEATURES_OK     8
#define VIRTIO_CONFIG_S_NEEDS_RESET     0x40
#define VIRTIO_CONFIG_S_FAILED          0x80

/* Feature bits */
#define VIRTIO_RING_F_INDIRECT_DESC     28
#define VIRTIO_F_VERSION_1              32

/* Descriptor flags */
#define VRING_DESC_F_NEXT       1
#define VRING_DESC_F_WRITE      2
#define VRING_DESC_F_INDIRECT   4
#define VRING_AVAIL_F_NO_INTERRUPT 1

/* Interrupt status bits */
#define VIRTIO_ISR_QUEUE    1
#define VIRTIO_ISR_CONFIG   2

typedef struct VirtQueue VirtQueue;
typedef void VirtIOHandleOutput(VirtIODevice *vdev, VirtQueue *vq);

struct VirtQueue {
    uint32_t num;               /* size chosen by the driver */
    uint32_t num_max;           /* 0: queue not provided by the device */
    bool ready;
    uint64_t desc;              /* guest addresses of the three parts */
    uint64_t avail;
    uint64_t used;
    uint16_t last_avail_idx;    /* next available entry to take */
    uint16_t used_idx;          /* next used entry to fill */
    bool broken;                /* a malformed ring was seen */
    VirtIOHandleOutput *handle_output;
};

/* A request taken from a queue: device-readable then device-writable parts. */
typedef struct VirtQueueElement {
    uint16_t index;             /* head descriptor, for the used ring */
    unsigned out_num, in_num;
    uint64_t *out_addr, *in_addr;
    uint32_t *out_len, *in_len;
    uint64_t out_bytes, in_bytes;
} VirtQueueElement;

struct VirtIODevice {
    DeviceState parent_obj;

    const char *name;
    uint16_t device_id;
    uint32_t config_len;
    uint64_t host_features;
    uint64_t guest_features;
    uint8_t status;
    uint8_t isr;
    uint32_t generation;        /* ConfigGeneration */
    VirtQueue vq[VIRTIO_QUEUE_MAX];
};

struct VirtioDeviceClass {
    DeviceClass parent_class;
    /* Fills CONFIG (config_len bytes, little-endian fields). */
    void (*get_config)(VirtIODevice *vdev, uint8_t *config);
    /* Device-specific reset, after the common state is cleared. */
    void (*reset)(VirtIODevice *vdev);
};

/* The bus a transport provides; it is told when the interrupt changes. */
struct VirtioBusState {
    BusState parent_obj;
    void (*update_irq)(DeviceState *transport);
};

/* ---- for devices ---- */

void virtio_init(VirtIODevice *vdev, const char *name, uint16_t device_id,
                 uint32_t config_len);
VirtQueue *virtio_add_queue(VirtIODevice *vdev, unsigned num_max,
                            VirtIOHandleOutput *handle_output);
/*
 * Takes the next available request of VQ into ELEM (freed with
 * virtqueue_element_clear). False: none, or the ring is malformed (then
 * logged, and the queue is marked broken until reset).
 */
bool virtqueue_pop(VirtIODevice *vdev, VirtQueue *vq, VirtQueueElement *elem);
/* Returns ELEM to the driver with LEN bytes written. */
void virtqueue_push(VirtIODevice *vdev, VirtQueue *vq,
                    const VirtQueueElement *elem, uint32_t len);
/*
 * For a reply spread over several elements (virtio-net's mergeable
 * buffers): fill writes ELEM's used entry AHEAD places past the last
 * published one without publishing it; flush then publishes COUNT filled
 * entries at once, so that the driver never sees part of the set.
 */
void virtqueue_fill(VirtIODevice *vdev, VirtQueue *vq, const VirtQueueElement *elem,
                    uint32_t len, unsigned ahead);
void virtqueue_flush(VirtIODevice *vdev, VirtQueue *vq, unsigned count);
/* Gives back the last COUNT popped (and not pushed) elements. */
void virtqueue_unpop(VirtQueue *vq, unsigned count);
void virtqueue_element_clear(VirtQueueElement *elem);
/* Copy from the readable / to the writable part at OFFSET; return bytes. */
size_t virtqueue_elem_read(const VirtQueueElement *elem, uint64_t offset,
                           void *buf, size_t len);
size_t virtqueue_elem_write(const VirtQueueElement *elem, uint64_t offset,
                            const void *buf, size_t len);
/* Raises the queue interrupt unless the driver suppressed it. */
void virtio_notify(VirtIODevice *vdev, VirtQueue *vq);

/* ---- for transports ---- */

VirtIODevice *virtio_bus_get_device(BusState *bus);
void virtio_reset(VirtIODevice *vdev);
/* Applies a Status write (0 resets; FEATURES_OK is refused if invalid). */
void virtio_set_status(VirtIODevice *vdev, uint8_t status);
void virtio_queue_notify(VirtIODevice *vdev, unsigned n);
void virtio_update_irq(VirtIODevice *vdev);
/* Config space byte access (SIZE 1, 2 or 4, little-endian). */
uint32_t virtio_config_read(VirtIODevice *vdev, uint32_t offset, unsigned size);

extern const struct VMStateDescription vmstate_virtio_device;

#endif
