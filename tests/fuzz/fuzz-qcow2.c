/*
 * Fuzz target: a qcow2 image from memory (an overlay-only file, so nothing
 * touches the disk), opened writable, then read, written, snapshotted and
 * reverted. Any input must give errors, never a crash, leak or hang.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "block/block_int.h"
#include "fuzz.h"

#define CS 512

static void be32(uint8_t *p, uint32_t v)
{
    p[0] = v >> 24;
    p[1] = v >> 16;
    p[2] = v >> 8;
    p[3] = v;
}

static void be64(uint8_t *p, uint64_t v)
{
    be32(p, v >> 32);
    be32(p + 4, v);
}

/*
 * Clusters: 0 header, 1 refcount table, 2 refcount block, 3 L1, 4 L2,
 * 5 data, 6 snapshot table, 7 the snapshot's L1 (sharing L2 and data).
 */
static void build_seed(uint8_t *img)
{
    static const uint16_t refcounts[8] = { 1, 1, 1, 1, 2, 2, 1, 1 };

    memset(img, 0, 8 * CS);
    be32(img, 0x514649fb);
    be32(img + 4, 3);
    be32(img + 20, 9);                  /* cluster_bits */
    be64(img + 24, 64 * KiB);           /* size: 2 L1 entries of 32 KiB */
    be32(img + 36, 2);
    be64(img + 40, 3 * CS);
    be64(img + 48, 1 * CS);
    be32(img + 56, 1);
    be32(img + 60, 1);                  /* nb_snapshots */
    be64(img + 64, 6 * CS);
    be32(img + 96, 4);                  /* refcount_order */
    be32(img + 100, 104);
    be64(img + CS, 2 * CS);
    for (int i = 0; i < 8; i++) {
        img[2 * CS + 2 * i + 1] = refcounts[i];
    }
    be64(img + 3 * CS, 4 * CS);         /* shared: no COPIED flag */
    be64(img + 4 * CS, 5 * CS);
    memset(img + 5 * CS, 0xab, CS);
    be64(img + 6 * CS, 7 * CS);         /* snapshot entry */
    be32(img + 6 * CS + 8, 2);
    img[6 * CS + 13] = 1;               /* id length */
    img[6 * CS + 15] = 1;               /* name length */
    be32(img + 6 * CS + 36, 16);        /* extra size */
    be64(img + 6 * CS + 48, 64 * KiB);  /* extra: disk size */
    img[6 * CS + 56] = '1';
    img[6 * CS + 57] = 's';
    be64(img + 7 * CS, 4 * CS);
}

void fuzz_builtin_seeds(GPtrArray *seeds)
{
    GByteArray *img = g_byte_array_sized_new(8 * CS);

    g_byte_array_set_size(img, 8 * CS);
    build_seed(img->data);
    g_ptr_array_add(seeds, img);
}


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
