/*
 * qcow2 (version 3) internals shared by block/qcow2*.c.
 *
 * Refcount invariant (the one `qemu-img check` verifies): the refcount of a
 * host cluster is the number of ways it is reached: the header, the refcount
 * structures and the snapshot table count once; an L2 table once per L1 table
 * (active or snapshot) that points at it; a data cluster once per such
 * (L1 table, L2 entry) path. So a data cluster in an L2 table shared by two
 * L1 tables has refcount 2, and COPIED flags (bit 63) in the active tables
 * say "refcount is exactly 1: writable in place".
 */
#ifndef BLOCK_QCOW2_H
#define BLOCK_QCOW2_H

#include "block/block_int.h"

#define QCOW_MAGIC 0x514649fbu                  /* "QFI\xfb" */
#define QCOW2_HEADER_V3_SIZE 104

#define QCOW_OFLAG_COPIED       (1ULL << 63)
#define QCOW_OFLAG_COMPRESSED   (1ULL << 62)
#define QCOW_OFLAG_ZERO         (1ULL << 0)
#define L1E_OFFSET_MASK         0x00fffffffffffe00ULL
#define L2E_OFFSET_MASK         0x00fffffffffffe00ULL
#define REFT_OFFSET_MASK        0xfffffffffffffe00ULL

#define QCOW2_INCOMPAT_DIRTY        (1ULL << 0)
#define QCOW2_INCOMPAT_CORRUPT      (1ULL << 1)
#define QCOW2_INCOMPAT_DATA_FILE    (1ULL << 2)
#define QCOW2_INCOMPAT_COMPRESSION  (1ULL << 3)
#define QCOW2_INCOMPAT_EXTL2        (1ULL << 4)
#define QCOW2_INCOMPAT_SUPPORTED \
    (QCOW2_INCOMPAT_DIRTY | QCOW2_INCOMPAT_CORRUPT | QCOW2_INCOMPAT_COMPRESSION)

/* Limits that keep a hostile header from making us allocate gigabytes. */
#define QCOW_MAX_L1_SIZE        (32 * MiB)      /* bytes */
#define QCOW_MAX_REFTABLE_SIZE  (8 * MiB)       /* bytes */
#define QCOW_MAX_SNAPSHOTS      65536
#define QCOW_MAX_SNAPSHOTS_SIZE (64 * MiB)
#define QCOW_MAX_SNAPSHOT_EXTRA 1024
#define QCOW_SNAPSHOT_EXTRA_SIZE 24             /* what we write */

/* Byte offsets of header fields we rewrite in place. */
#define HDR_L1_SIZE             36              /* be32 l1_size, be64 offset */
#define HDR_REFTABLE            48              /* be64 offset, be32 clusters */
#define HDR_SNAPSHOTS           60              /* be32 count, be64 offset */
#define HDR_AUTOCLEAR           88

typedef struct QCowSnapshot {
    uint64_t l1_table_offset;
    uint32_t l1_size;
    char *id_str;
    char *name;
    uint32_t date_sec, date_nsec;
    uint64_t vm_clock_nsec;
    uint64_t vm_state_size;
    uint64_t disk_size;         /* UINT64_MAX: not recorded */
    uint64_t icount;
    uint8_t *extra;             /* extra data beyond what we interpret */
    uint32_t extra_len;
} QCowSnapshot;

typedef struct BDRVQcow2State {
    BlockFile *file;
    const char *name;           /* the file name, for messages */

    uint32_t cluster_bits;
    uint32_t cluster_size;
    uint32_t l2_bits;           /* entries per L2 table = 1 << l2_bits */
    uint32_t rb_bits;           /* entries per refcount block */
    uint64_t size;              /* virtual size */
    uint8_t compression_type;
    uint64_t autoclear;

    uint64_t *l1_table;         /* host endian, flags included */
    uint32_t l1_size;
    uint64_t l1_table_offset;
    uint64_t vm_state_index;    /* first L1 index of the vmstate area */

    uint64_t *refcount_table;   /* host endian */
    uint32_t refcount_table_size;       /* entries */
    uint64_t refcount_table_offset;
    bool reftable_pending;      /* being replaced: do not write entries */

    GHashTable *l2_cache;       /* host offset -> cluster, as on disk */
    GHashTable *rb_cache;
    uint64_t free_hint;         /* no free cluster below this index */

    QCowSnapshot *snapshots;
    int nb_snapshots;
} BDRVQcow2State;

/* Big-endian field access on byte buffers (image metadata is big-endian). */
static inline uint16_t get_be16(const void *p)
{
    const uint8_t *b = p;

    return (uint16_t)(b[0] << 8 | b[1]);
}

static inline uint32_t get_be32(const void *p)
{
    const uint8_t *b = p;

    return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
}

static inline uint64_t get_be64(const void *p)
{
    return (uint64_t)get_be32(p) << 32 | get_be32((const uint8_t *)p + 4);
}

static inline void put_be16(void *p, uint16_t v)
{
    uint8_t *b = p;

    b[0] = v >> 8;
    b[1] = v;
}

static inline void put_be32(void *p, uint32_t v)
{
    uint8_t *b = p;

    b[0] = v >> 24;
    b[1] = v >> 16;
    b[2] = v >> 8;
    b[3] = v;
}

static inline void put_be64(void *p, uint64_t v)
{
    put_be32(p, v >> 32);
    put_be32((uint8_t *)p + 4, v);
}

static inline uint64_t qcow2_l1_span(BDRVQcow2State *s)
{
    return 1ULL << (s->cluster_bits + s->l2_bits);
}

/* qcow2.c */
int qcow2_write_header_field(BDRVQcow2State *s, int offset, const void *buf,
                             size_t len, Error **errp);
int qcow2_write_l1_entry(BDRVQcow2State *s, uint32_t index, Error **errp);
/* A private copy of the L2 table at OFFSET (validated); g_free it. */
uint64_t *qcow2_read_l2_copy(BDRVQcow2State *s, uint64_t offset, Error **errp);
int qcow2_write_l2_table(BDRVQcow2State *s, uint64_t offset,
                         const uint64_t *table, Error **errp);
int qcow2_grow_l1(BDRVQcow2State *s, uint64_t min_size, Error **errp);

/* qcow2-refcount.c */
int qcow2_refcount_init(BDRVQcow2State *s, const uint8_t *hdr, Error **errp);
void qcow2_refcount_close(BDRVQcow2State *s);
int qcow2_get_refcount(BDRVQcow2State *s, uint64_t cluster, uint16_t *rc,
                       Error **errp);
/* Adds DELTA to the refcount of the cluster at host OFFSET. */
int qcow2_update_refcount(BDRVQcow2State *s, uint64_t offset, int delta,
                          Error **errp);
/* N contiguous free clusters, refcount set to 1; returns offset or -errno. */
int64_t qcow2_alloc_clusters(BDRVQcow2State *s, uint64_t n, Error **errp);
int qcow2_free_clusters(BDRVQcow2State *s, uint64_t offset, uint64_t n,
                        Error **errp);
/* Host clusters an L2 entry holds: first offset and count (0: none). */
void qcow2_l2_entry_clusters(BDRVQcow2State *s, uint64_t entry,
                             uint64_t *first, uint64_t *count);
/*
 * Adds DELTA to every cluster the L1 table TABLE (N entries) reaches:
 * data clusters, then the L2 tables.
 */
int qcow2_update_tree_refcounts(BDRVQcow2State *s, const uint64_t *table,
                                uint32_t n, int delta, Error **errp);
/* Recomputes the COPIED flags of the active L1 and L2 tables. */
int qcow2_refresh_copied(BDRVQcow2State *s, Error **errp);

/* qcow2-snapshot.c */
int qcow2_read_snapshots(BDRVQcow2State *s, uint32_t nb, uint64_t offset,
                         Error **errp);
void qcow2_free_snapshots(BDRVQcow2State *s);
bool qcow2_snapshot_create(BlockDriverState *bs, QEMUSnapshotInfo *sn,
                           Error **errp);
bool qcow2_snapshot_goto(BlockDriverState *bs, const char *name_or_id,
                         Error **errp);
bool qcow2_snapshot_delete(BlockDriverState *bs, const char *name_or_id,
                           Error **errp);
int qcow2_snapshot_list(BlockDriverState *bs, QEMUSnapshotInfo **list);

#endif
