/*
 * Inside the block layer: the host-file layer every format reads through,
 * and the driver table. Not for device models (they use block/block.h).
 */
#ifndef BLOCK_BLOCK_INT_H
#define BLOCK_BLOCK_INT_H

#include "block/block.h"
#include "block/snapshot.h"

/*
 * The image file. With an overlay (BDRV_O_SNAPSHOT) the file is opened
 * read-only and writes go to in-memory chunks that shadow it; the format
 * drivers cannot tell the difference, so snapshot=on works for every format.
 * Reads past the end return zeros. Return 0 or -errno with ERRP set.
 */
typedef struct BlockFile {
    int fd;
    char *name;                 /* for messages */
    int64_t size;               /* current logical size */
    GHashTable *overlay;        /* chunk index -> BLOCK_FILE_CHUNK bytes */
} BlockFile;

#define BLOCK_FILE_CHUNK (64 * KiB)

BlockFile *block_file_open(const char *filename, bool writable, bool overlay,
                           Error **errp);
/* An overlay-only file over BUF (the fuzzers use it); nothing is on disk. */
BlockFile *block_file_new_from_buffer(const char *name, const void *buf,
                                      size_t len);
void block_file_close(BlockFile *f);
int block_file_pread(BlockFile *f, int64_t off, void *buf, int64_t len,
                     Error **errp);
int block_file_pwrite(BlockFile *f, int64_t off, const void *buf, int64_t len,
                      Error **errp);
int block_file_flush(BlockFile *f, Error **errp);

typedef struct BlockDriver {
    const char *format_name;
    size_t state_size;
    /* True when the first bytes of a file say it is in this format. */
    bool (*probe)(const uint8_t *buf, size_t len);
    int (*open)(BlockDriverState *bs, Error **errp);
    void (*close)(BlockDriverState *bs);
    int (*pread)(BlockDriverState *bs, int64_t off, void *buf, int64_t len,
                 Error **errp);
    int (*pwrite)(BlockDriverState *bs, int64_t off, const void *buf,
                  int64_t len, Error **errp);
    int (*flush)(BlockDriverState *bs, Error **errp);
    /* Optional: vmstate area and snapshots. */
    int (*save_vmstate)(BlockDriverState *bs, const uint8_t *buf, int64_t pos,
                        size_t size, Error **errp);
    int (*load_vmstate)(BlockDriverState *bs, uint8_t *buf, int64_t pos,
                        size_t size, Error **errp);
    bool (*snapshot_create)(BlockDriverState *bs, QEMUSnapshotInfo *sn,
                            Error **errp);
    bool (*snapshot_goto)(BlockDriverState *bs, const char *name_or_id,
                          Error **errp);
    bool (*snapshot_delete)(BlockDriverState *bs, const char *name_or_id,
                            Error **errp);
    int (*snapshot_list)(BlockDriverState *bs, QEMUSnapshotInfo **list);
} BlockDriver;

struct BlockDriverState {
    const BlockDriver *drv;
    void *opaque;               /* drv->state_size bytes */
    BlockFile *file;
    char *filename;
    int flags;
    bool read_only;
    int64_t total_size;         /* virtual size, set by drv->open */
    char *last_error;
};

extern const BlockDriver bdrv_raw;
extern const BlockDriver bdrv_qcow2;

/* Opens a driver over an already open FILE (takes it). */
BlockDriverState *bdrv_open_file(BlockFile *file, const char *filename,
                                 const char *format, int flags, Error **errp);

#endif
