/*
 * Fuzz target: a qcow2 image from memory (an overlay-only file, so nothing
 * touches the disk), opened writable, then read, written, snapshotted and
 * reverted. Any input must give errors, never a crash, leak or hang.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "block/block_int.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static uint32_t peek32(const uint8_t *data, size_t size, size_t off)
{
    return off + 4 <= size ? (uint32_t)data[off] << 24 | data[off + 1] << 16 |
                             data[off + 2] << 8 | data[off + 3] : 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    BlockFile *f = block_file_new_from_buffer("fuzz.qcow2", data, size);
    BlockDriverState *bs = bdrv_open_file(f, "fuzz.qcow2", "qcow2", BDRV_O_SNAPSHOT,
                                          NULL);
    QEMUSnapshotInfo sn = { .name = "fuzz" }, *list = NULL;
    uint8_t buf[4096] = { 0 };
    int64_t len;
    int n;

    if (!bs) {
        return 0;
    }
    len = bdrv_getlength(bs);
    for (int64_t off = 0; off < MIN(len, 256 * KiB); off += sizeof(buf)) {
        bdrv_pread(bs, off, buf, MIN((int64_t)sizeof(buf), len - off));
    }
    bdrv_load_vmstate(bs, buf, 0, 512);
    n = bdrv_snapshot_list(bs, &list);
    /* Tree walks cost L1 size x L2 size: keep inputs with huge tables fast. */
    if (peek32(data, size, 36) <= 4096 && size <= 1 * MiB) {
        if (n > 0) {
            bdrv_snapshot_goto(bs, list[0].id_str, NULL);
        }
        if (len > 0) {
            bdrv_pwrite(bs, 0, data, MIN((int64_t)size, MIN(len, 4096)));
            bdrv_pwrite(bs, len / 2, buf, MIN(len - len / 2, 3000));
        }
        bdrv_save_vmstate(bs, buf, 100, 1000);
        bdrv_snapshot_create(bs, &sn, NULL);
        bdrv_snapshot_delete(bs, "fuzz", NULL);
        if (len > 0) {
            bdrv_pread(bs, 0, buf, MIN(len, 4096));
        }
    }
    g_free(list);
    bdrv_close(bs);
    return 0;
}
