/*
 * Disk images: raw and qcow2 (version 3) behind one handle.
 *
 * Contract: every error names the file and what is wrong ("'x.qcow2':
 * unsupported qcow2 version 1"). Images are untrusted input: every offset and
 * size read from a file is validated before use, so a malformed image gives
 * an error, never a crash or an out-of-bounds access.
 */
#ifndef BLOCK_BLOCK_H
#define BLOCK_BLOCK_H

#include "qemu/osdep.h"
#include "qapi/error.h"

typedef struct BlockDriverState BlockDriverState;

/* bdrv_open() flags */
#define BDRV_O_RDWR     0x0002  /* open for writing */
/*
 * Temporary overlay: the image is writable but writes land in memory and
 * the file is never modified (-snapshot, -drive snapshot=on).
 */
#define BDRV_O_SNAPSHOT 0x0008

/*
 * Opens FILENAME as FORMAT ("raw", "qcow2", or NULL to probe the content).
 * Returns NULL and sets ERRP on failure.
 */
BlockDriverState *bdrv_open(const char *filename, const char *format,
                            int flags, Error **errp);
/* Flushes and frees BS (NULL is fine). */
void bdrv_close(BlockDriverState *bs);

/*
 * Guest-visible data. OFFSET + BYTES must lie within bdrv_getlength().
 * Return 0 or a negative errno; the message of the last failure is kept
 * (bdrv_get_last_error()).
 */
int bdrv_pread(BlockDriverState *bs, int64_t offset, void *buf, int64_t bytes);
int bdrv_pwrite(BlockDriverState *bs, int64_t offset, const void *buf,
                int64_t bytes);
int bdrv_flush(BlockDriverState *bs);
/* The message of the last failed bdrv_pread/pwrite/flush, or NULL. */
const char *bdrv_get_last_error(BlockDriverState *bs);

/* Virtual disk size in bytes. */
int64_t bdrv_getlength(BlockDriverState *bs);
bool bdrv_is_read_only(BlockDriverState *bs);
/* "raw" or "qcow2". */
const char *bdrv_get_format_name(BlockDriverState *bs);
const char *bdrv_get_filename(BlockDriverState *bs);

/*
 * The vmstate area (qcow2 only): bytes stored past the end of the virtual
 * disk, captured by the next internal snapshot. Return 0 or -errno.
 */
int bdrv_save_vmstate(BlockDriverState *bs, const uint8_t *buf, int64_t pos,
                      size_t size);
int bdrv_load_vmstate(BlockDriverState *bs, uint8_t *buf, int64_t pos,
                      size_t size);

#endif
