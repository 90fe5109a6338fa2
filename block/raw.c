/*
 * raw: the file is the disk, byte for byte.
 */
#include "qemu/osdep.h"
#include "block/block_int.h"

static int raw_open(BlockDriverState *bs, Error **errp)
{
    bs->total_size = bs->file->size;
    return 0;
}

static int raw_pread(BlockDriverState *bs, int64_t off, void *buf, int64_t len,
                     Error **errp)
{
    return block_file_pread(bs->file, off, buf, len, errp);
}

static int raw_pwrite(BlockDriverState *bs, int64_t off, const void *buf,
                      int64_t len, Error **errp)
{
    return block_file_pwrite(bs->file, off, buf, len, errp);
}

const BlockDriver bdrv_raw = {
    .format_name = "raw",
    .state_size = 1,
    .open = raw_open,
    .pread = raw_pread,
    .pwrite = raw_pwrite,
};
