/*
 * Virtio block device. Requests: a 16-byte readable header (type,
 * reserved, sector), the data, and a final writable status byte. Data is
 * moved in bounded chunks so that a request's size never sets how much
 * host memory is allocated.
 */
#include "qemu/osdep.h"
#include "qemu/log.h"
#include "hw/virtio/virtio-blk.h"
#include "hw/qdev-properties-system.h"
#include "system/blockdev.h"
#include "migration/vmstate.h"

#define CHUNK           (64 * KiB)
#define CONFIG_LEN      24
#define ID_BYTES        20

static uint8_t blk_rw(VirtIOBlock *s, const VirtQueueElement *elem,
                      uint32_t type, uint64_t sector, uint64_t len)
{
    g_autofree uint8_t *buf = g_malloc(MIN(len, CHUNK) + 1);
    uint64_t pos = sector * 512;
    uint64_t done = 0;

    if (len % 512 || sector > INT64_MAX / 512
        || pos + len > (uint64_t)bdrv_getlength(s->drive)) {
        qemu_log_mask(LOG_GUEST_ERROR, "virtio-blk: request of %" PRIu64
                      " bytes at sector %" PRIu64 " outside the disk\n",
                      len, sector);
        return VIRTIO_BLK_S_IOERR;
    }
    if (type == VIRTIO_BLK_T_OUT && bdrv_is_read_only(s->drive)) {
        return VIRTIO_BLK_S_IOERR;
    }
    while (done < len) {
        uint64_t n = MIN(len - done, CHUNK);
        int ret;

        if (type == VIRTIO_BLK_T_IN) {
            ret = bdrv_pread(s->drive, pos + done, buf, n);
            if (ret == 0) {
                virtqueue_elem_write(elem, done, buf, n);
            }
        } else {
            virtqueue_elem_read(elem, 16 + done, buf, n);
            ret = bdrv_pwrite(s->drive, pos + done, buf, n);
        }
        if (ret < 0) {
            qemu_log_mask(LOG_GUEST_ERROR, "virtio-blk: I/O error: %s\n",
                          bdrv_get_last_error(s->drive));
            return VIRTIO_BLK_S_IOERR;
        }
        done += n;
    }
    return VIRTIO_BLK_S_OK;
}

/* Serves ELEM; returns the bytes written into its writable part. */
static uint32_t blk_handle(VirtIOBlock *s, const VirtQueueElement *elem)
{
    uint8_t hdr[16];
    uint32_t type;
    uint64_t sector, data_in;
    uint8_t status;
    uint32_t written = 0;

    if (elem->out_bytes < sizeof(hdr) || elem->in_bytes < 1) {
        qemu_log_mask(LOG_GUEST_ERROR, "virtio-blk: request without header or "
                      "status byte\n");
        return 0;
    }
    virtqueue_elem_read(elem, 0, hdr, sizeof(hdr));
    type = hdr[0] | hdr[1] << 8 | hdr[2] << 16 | (uint32_t)hdr[3] << 24;
    sector = 0;
    for (int i = 7; i >= 0; i--) {
        sector = sector << 8 | hdr[8 + i];
    }
    data_in = elem->in_bytes - 1;
    switch (type) {
    case VIRTIO_BLK_T_IN:
        status = blk_rw(s, elem, type, sector, data_in);
        written = status == VIRTIO_BLK_S_OK ? data_in : 0;
        break;
    case VIRTIO_BLK_T_OUT:
        status = blk_rw(s, elem, type, sector, elem->out_bytes - sizeof(hdr));
        break;
    case VIRTIO_BLK_T_FLUSH:
        status = bdrv_flush(s->drive) < 0 ? VIRTIO_BLK_S_IOERR : VIRTIO_BLK_S_OK;
        break;
    case VIRTIO_BLK_T_GET_ID: {
        char id[ID_BYTES] = { 0 };
        const char *name = bdrv_get_device_name(s->drive);

        strncpy(id, name ? name : "", ID_BYTES);
        written = MIN(data_in, ID_BYTES);
        virtqueue_elem_write(elem, 0, id, written);
        status = VIRTIO_BLK_S_OK;
        break;
    }
    default:
        status = VIRTIO_BLK_S_UNSUPP;
        break;
    }
    virtqueue_elem_write(elem, data_in, &status, 1);
    return written + 1;
}

static void virtio_blk_handle_output(VirtIODevice *vdev, VirtQueue *vq)
{
    VirtIOBlock *s = VIRTIO_BLK(vdev);
    VirtQueueElement elem;
    bool any = false;

    while (virtqueue_pop(vdev, vq, &elem)) {
        virtqueue_push(vdev, vq, &elem, blk_handle(s, &elem));
        virtqueue_element_clear(&elem);
        any = true;
    }
    if (any) {
        virtio_notify(vdev, vq);
    }
}

static void put_le(uint8_t *p, uint64_t v, unsigned n)
{
    for (unsigned i = 0; i < n; i++) {
        p[i] = v >> (8 * i);
    }
}

static void virtio_blk_get_config(VirtIODevice *vdev, uint8_t *config)
{
    VirtIOBlock *s = VIRTIO_BLK(vdev);

    memset(config, 0, CONFIG_LEN);
    put_le(config, bdrv_getlength(s->drive) / 512, 8);     /* capacity */
    put_le(config + 12, VIRTIO_BLK_SEG_MAX, 4);            /* seg_max */
    put_le(config + 20, 512, 4);                           /* blk_size */
}

static void virtio_blk_realize(DeviceState *dev, Error **errp)
{
    VirtIOBlock *s = VIRTIO_BLK(dev);
    VirtIODevice *vdev = VIRTIO_DEVICE(dev);

    if (!s->drive) {
        error_setg(errp, "property 'drive' is required");
        return;
    }
    virtio_init(vdev, "virtio-blk", VIRTIO_ID_BLOCK, CONFIG_LEN);
    vdev->host_features |= 1ull << VIRTIO_BLK_F_SEG_MAX
                           | 1ull << VIRTIO_BLK_F_BLK_SIZE
                           | 1ull << VIRTIO_BLK_F_FLUSH;
    if (bdrv_is_read_only(s->drive)) {
        vdev->host_features |= 1ull << VIRTIO_BLK_F_RO;
    }
    s->vq = virtio_add_queue(vdev, VIRTIO_BLK_QUEUE_SIZE,
                             virtio_blk_handle_output);
}

static const VMStateDescription vmstate_virtio_blk = {
    .name = "virtio-blk",
    .version_id = 1,
    .minimum_version_id = 1,
    .fields = (const VMStateField[]) {
        VMSTATE_STRUCT(parent_obj, VirtIOBlock, 1, vmstate_virtio_device,
                       VirtIODevice),
        VMSTATE_END_OF_LIST()
    },
};

static Property virtio_blk_properties[] = {
    DEFINE_PROP_DRIVE("drive", VirtIOBlock, drive),
    DEFINE_PROP_END_OF_LIST(),
};

static void virtio_blk_class_init(ObjectClass *oc, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(oc);
    VirtioDeviceClass *vdc = VIRTIO_DEVICE_CLASS(oc);

    dc->desc = "virtio block device";
    dc->realize = virtio_blk_realize;
    dc->vmsd = &vmstate_virtio_blk;
    device_class_set_props(dc, virtio_blk_properties);
    vdc->get_config = virtio_blk_get_config;
}

static const TypeInfo virtio_blk_types[] = {
    {
        .name = TYPE_VIRTIO_BLK,
        .parent = TYPE_VIRTIO_DEVICE,
        .instance_size = sizeof(VirtIOBlock),
        .class_init = virtio_blk_class_init,
    },
};

DEFINE_TYPES(virtio_blk_types)
