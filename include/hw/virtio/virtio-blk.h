/*
 * Virtio block device (Virtio 1.1, section 5.2): one request queue;
 * IN, OUT, FLUSH and GET_ID requests served at once from the drive.
 * Property "drive" (required): the image, e.g. -drive if=none,id=hd0 with
 * -device virtio-blk-device,drive=hd0.
 */
#ifndef HW_VIRTIO_VIRTIO_BLK_H
#define HW_VIRTIO_VIRTIO_BLK_H

#include "hw/virtio/virtio.h"
#include "block/block.h"

#define TYPE_VIRTIO_BLK "virtio-blk-device"
OBJECT_DECLARE_SIMPLE_TYPE(VirtIOBlock, VIRTIO_BLK)

#define VIRTIO_ID_BLOCK         2

#define VIRTIO_BLK_T_IN         0
#define VIRTIO_BLK_T_OUT        1
#define VIRTIO_BLK_T_FLUSH      4
#define VIRTIO_BLK_T_GET_ID     8

#define VIRTIO_BLK_S_OK         0
#define VIRTIO_BLK_S_IOERR      1
#define VIRTIO_BLK_S_UNSUPP     2

#define VIRTIO_BLK_F_SEG_MAX    2
#define VIRTIO_BLK_F_RO         5
#define VIRTIO_BLK_F_BLK_SIZE   6
#define VIRTIO_BLK_F_FLUSH      9

#define VIRTIO_BLK_QUEUE_SIZE   128
#define VIRTIO_BLK_SEG_MAX      (VIRTIO_BLK_QUEUE_SIZE - 2)

struct VirtIOBlock {
    VirtIODevice parent_obj;
    BlockDriverState *drive;
    VirtQueue *vq;
};

#endif
