/*
 * The generic handle: format probing, bounds checks and dispatch to the
 * format drivers (block/raw.c, block/qcow2*.c).
 */
#include "qemu/osdep.h"
#include "block/block_int.h"

static const BlockDriver *const drivers[] = { &bdrv_qcow2, &bdrv_raw };

static const BlockDriver *find_driver(const char *format)
{
    for (size_t i = 0; i < ARRAY_SIZE(drivers); i++) {
        if (!strcmp(drivers[i]->format_name, format)) {
            return drivers[i];
        }
    }
    return NULL;
}

BlockDriverState *bdrv_open_file(BlockFile *file, const char *filename,
                                 const char *format, int flags, Error **errp)
{
    const BlockDriver *drv = NULL;
    BlockDriverState *bs;

    if (format) {
        drv = find_driver(format);
        if (!drv) {
            error_setg(errp, "'%s': unknown format '%s' (expected raw or qcow2)",
                       filename, format);
            block_file_close(file);
            return NULL;
        }
    } else {
        uint8_t head[512];

        if (block_file_pread(file, 0, head, sizeof(head), errp) < 0) {
            block_file_close(file);
            return NULL;
        }
        for (size_t i = 0; i < ARRAY_SIZE(drivers) && !drv; i++) {
            if (drivers[i]->probe && drivers[i]->probe(head, sizeof(head))) {
                drv = drivers[i];
            }
        }
        if (!drv) {
            drv = &bdrv_raw;
        }
    }
    bs = g_new0(BlockDriverState, 1);
    bs->drv = drv;
    bs->opaque = g_malloc0(drv->state_size);
    bs->file = file;
    bs->filename = g_strdup(filename);
    bs->flags = flags;
    bs->read_only = !(flags & (BDRV_O_RDWR | BDRV_O_SNAPSHOT));
    if (drv->open(bs, errp) < 0) {
        block_file_close(bs->file);
        g_free(bs->opaque);
        g_free(bs->filename);
        g_free(bs);
        return NULL;
    }
    return bs;
}

BlockDriverState *bdrv_open(const char *filename, const char *format,
                            int flags, Error **errp)
{
    BlockFile *file;

    if (format && !find_driver(format)) {
        error_setg(errp, "'%s': unknown format '%s' (expected raw or qcow2)",
                   filename, format);
        return NULL;
    }
    file = block_file_open(filename, flags & BDRV_O_RDWR,
                           flags & BDRV_O_SNAPSHOT, errp);
    if (!file) {
        return NULL;
    }
    return bdrv_open_file(file, filename, format, flags, errp);
}

void bdrv_close(BlockDriverState *bs)
{
    if (!bs) {
        return;
    }
    if (!bs->read_only) {
        bdrv_flush(bs);
    }
    if (bs->drv->close) {
        bs->drv->close(bs);
    }
    block_file_close(bs->file);
    g_free(bs->opaque);
    g_free(bs->filename);
    g_free(bs->last_error);
    g_free(bs);
}

/* Keeps the message of a failed operation; returns RET. */
static int keep_error(BlockDriverState *bs, int ret, Error *err)
{
    if (err) {
        g_free(bs->last_error);
        bs->last_error = g_strdup(error_get_pretty(err));
        error_free(err);
    }
    return ret;
}

static bool check_range(BlockDriverState *bs, int64_t offset, int64_t bytes,
                        Error **errp)
{
    if (offset < 0 || bytes < 0 || offset > bs->total_size ||
        bytes > bs->total_size - offset) {
        error_setg(errp, "'%s': access of %" PRId64 " bytes at %" PRId64
                   " is beyond the disk size %" PRId64, bs->filename, bytes,
                   offset, bs->total_size);
        return false;
    }
    return true;
}

int bdrv_pread(BlockDriverState *bs, int64_t offset, void *buf, int64_t bytes)
{
    Error *err = NULL;
    int ret;

    if (!check_range(bs, offset, bytes, &err)) {
        return keep_error(bs, -EINVAL, err);
    }
    ret = bs->drv->pread(bs, offset, buf, bytes, &err);

    return keep_error(bs, ret, err);
}

int bdrv_pwrite(BlockDriverState *bs, int64_t offset, const void *buf,
                int64_t bytes)
{
    Error *err = NULL;
    int ret;

    if (bs->read_only) {
        error_setg(&err, "'%s': the image is read-only", bs->filename);
        return keep_error(bs, -EPERM, err);
    }
    if (!check_range(bs, offset, bytes, &err)) {
        return keep_error(bs, -EINVAL, err);
    }
    ret = bs->drv->pwrite(bs, offset, buf, bytes, &err);

    return keep_error(bs, ret, err);
}

int bdrv_flush(BlockDriverState *bs)
{
    Error *err = NULL;
    int ret = bs->drv->flush ? bs->drv->flush(bs, &err) : 0;

    if (ret == 0) {
        ret = block_file_flush(bs->file, &err);
    }
    return keep_error(bs, ret, err);
}

const char *bdrv_get_last_error(BlockDriverState *bs)
{
    return bs->last_error;
}

int64_t bdrv_getlength(BlockDriverState *bs)
{
    return bs->total_size;
}

bool bdrv_is_read_only(BlockDriverState *bs)
{
    return bs->read_only;
}

const char *bdrv_get_format_name(BlockDriverState *bs)
{
    return bs->drv->format_name;
}

const char *bdrv_get_filename(BlockDriverState *bs)
{
    return bs->filename;
}

int bdrv_save_vmstate(BlockDriverState *bs, const uint8_t *buf, int64_t pos,
                      size_t size)
{
    Error *err = NULL;
    int ret;

    if (!bs->drv->save_vmstate || bs->read_only) {
        error_setg(&err, "'%s': %s image cannot hold a vmstate", bs->filename,
                   bs->read_only ? "a read-only" : "this format's");
        return keep_error(bs, -ENOTSUP, err);
    }
    ret = bs->drv->save_vmstate(bs, buf, pos, size, &err);

    return keep_error(bs, ret, err);
}

int bdrv_load_vmstate(BlockDriverState *bs, uint8_t *buf, int64_t pos,
                      size_t size)
{
    Error *err = NULL;
    int ret;

    if (!bs->drv->load_vmstate) {
        error_setg(&err, "'%s': this format's image has no vmstate", bs->filename);
        return keep_error(bs, -ENOTSUP, err);
    }
    ret = bs->drv->load_vmstate(bs, buf, pos, size, &err);

    return keep_error(bs, ret, err);
}

bool bdrv_can_snapshot(BlockDriverState *bs)
{
    return bs && !bs->read_only && bs->drv->snapshot_create;
}

static bool check_snapshot_support(BlockDriverState *bs, Error **errp)
{
    if (!bs->drv->snapshot_create) {
        error_setg(errp, "'%s': %s images do not support snapshots",
                   bs->filename, bs->drv->format_name);
        return false;
    }
    if (bs->read_only) {
        error_setg(errp, "'%s': the image is read-only", bs->filename);
        return false;
    }
    return true;
}

bool bdrv_snapshot_create(BlockDriverState *bs, QEMUSnapshotInfo *sn,
                          Error **errp)
{
    return check_snapshot_support(bs, errp) && bs->drv->snapshot_create(bs, sn, errp);
}

bool bdrv_snapshot_goto(BlockDriverState *bs, const char *name_or_id,
                        Error **errp)
{
    return check_snapshot_support(bs, errp) &&
           bs->drv->snapshot_goto(bs, name_or_id, errp);
}

bool bdrv_snapshot_delete(BlockDriverState *bs, const char *name_or_id,
                          Error **errp)
{
    return check_snapshot_support(bs, errp) &&
           bs->drv->snapshot_delete(bs, name_or_id, errp);
}

int bdrv_snapshot_list(BlockDriverState *bs, QEMUSnapshotInfo **list)
{
    *list = NULL;
    return bs->drv->snapshot_list ? bs->drv->snapshot_list(bs, list) : 0;
}

bool bdrv_snapshot_find(BlockDriverState *bs, const char *name_or_id,
                        QEMUSnapshotInfo *out)
{
    QEMUSnapshotInfo *list;
    int n = bdrv_snapshot_list(bs, &list);
    int found = -1;

    for (int i = 0; i < n && found < 0; i++) {
        if (!strcmp(list[i].name, name_or_id)) {
            found = i;
        }
    }
    for (int i = 0; i < n && found < 0; i++) {
        if (!strcmp(list[i].id_str, name_or_id)) {
            found = i;
        }
    }
    if (found >= 0 && out) {
        *out = list[found];
    }
    g_free(list);
    return found >= 0;
}
