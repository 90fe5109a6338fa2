/*
 * qcow2 refcounts (16-bit): lookup, update, cluster allocation with
 * refcount-block and refcount-table growth, and the tree walks that
 * internal snapshots need. See block/qcow2.h for the invariant.
 */
#include "qemu/osdep.h"
#include "qcow2.h"

#define CACHE_MAX 256

static uint64_t cluster_of(BDRVQcow2State *s, uint64_t offset)
{
    return offset >> s->cluster_bits;
}

static uint64_t *cache_key(uint64_t offset)
{
    return g_memdup2(&offset, sizeof(offset));
}

int qcow2_refcount_init(BDRVQcow2State *s, const uint8_t *hdr, Error **errp)
{
    uint64_t off = get_be64(hdr + HDR_REFTABLE);
    uint32_t clusters = get_be32(hdr + HDR_REFTABLE + 8);
    uint64_t bytes = (uint64_t)clusters << s->cluster_bits;
    g_autofree uint8_t *raw = NULL;
    g_autoptr(GHashTable) seen = NULL;

    s->rb_cache = g_hash_table_new_full(g_int64_hash, g_int64_equal, g_free, g_free);
    if (clusters == 0 || bytes > QCOW_MAX_REFTABLE_SIZE) {
        error_setg(errp, "'%s': invalid refcount table size (%u clusters)", s->name,
                   clusters);
        return -EINVAL;
    }
    if (off & (s->cluster_size - 1)) {
        error_setg(errp, "'%s': refcount table offset 0x%" PRIx64 " is not "
                   "cluster aligned", s->name, off);
        return -EINVAL;
    }
    if (off > (uint64_t)s->file->size || bytes > s->file->size - off) {
        error_setg(errp, "'%s': refcount table offset 0x%" PRIx64
                   " beyond end of file", s->name, off);
        return -EINVAL;
    }
    raw = g_malloc(bytes);
    if (block_file_pread(s->file, off, raw, bytes, errp) < 0) {
        return -EIO;
    }
    s->refcount_table_offset = off;
    s->refcount_table_size = bytes / 8;
    s->refcount_table = g_new(uint64_t, s->refcount_table_size);
    seen = g_hash_table_new(g_int64_hash, g_int64_equal);
    for (uint32_t i = 0; i < s->refcount_table_size; i++) {
        uint64_t e = get_be64(raw + 8 * i);

        if (e & ~REFT_OFFSET_MASK || (e & (s->cluster_size - 1))) {
            error_setg(errp, "'%s': refcount block offset 0x%" PRIx64
                       " is not cluster aligned", s->name, e);
            return -EINVAL;
        }
        if (e && (e > (uint64_t)s->file->size ||
                  s->file->size - e < s->cluster_size)) {
            error_setg(errp, "'%s': refcount block offset 0x%" PRIx64
                       " beyond end of file", s->name, e);
            return -EINVAL;
        }
        s->refcount_table[i] = e;
        if (e && !g_hash_table_add(seen, &s->refcount_table[i])) {
            /* Two ranges sharing one block would corrupt each other. */
            error_setg(errp, "'%s': refcount block offset 0x%" PRIx64 " used twice",
                       s->name, e);
            return -EINVAL;
        }
    }
    return 0;
}

void qcow2_refcount_close(BDRVQcow2State *s)
{
    if (s->rb_cache) {
        g_hash_table_destroy(s->rb_cache);
    }
    g_free(s->refcount_table);
}

static uint8_t *load_refblock(BDRVQcow2State *s, uint64_t off, Error **errp)
{
    uint8_t *block = g_hash_table_lookup(s->rb_cache, &off);

    if (block) {
        return block;
    }
    if (off > (uint64_t)s->file->size || s->file->size - off < s->cluster_size) {
        error_setg(errp, "'%s': refcount block offset 0x%" PRIx64
                   " beyond end of file", s->name, off);
        return NULL;
    }
    block = g_malloc(s->cluster_size);
    if (block_file_pread(s->file, off, block, s->cluster_size, errp) < 0) {
        g_free(block);
        return NULL;
    }
    if (g_hash_table_size(s->rb_cache) >= CACHE_MAX) {
        g_hash_table_remove_all(s->rb_cache);
    }
    g_hash_table_insert(s->rb_cache, cache_key(off), block);
    return block;
}

static bool covered(BDRVQcow2State *s, uint64_t cluster)
{
    uint64_t rt = cluster >> s->rb_bits;

    return rt < s->refcount_table_size && s->refcount_table[rt];
}

int qcow2_get_refcount(BDRVQcow2State *s, uint64_t cluster, uint16_t *rc,
                       Error **errp)
{
    uint8_t *block;

    *rc = 0;
    if (!covered(s, cluster)) {
        return 0;
    }
    block = load_refblock(s, s->refcount_table[cluster >> s->rb_bits], errp);
    if (!block) {
        return -EIO;
    }
    *rc = get_be16(block + 2 * (cluster & ((1ULL << s->rb_bits) - 1)));
    return 0;
}

/* Precondition: CLUSTER's range has a refcount block. */
static int set_refcount(BDRVQcow2State *s, uint64_t cluster, uint16_t value,
                        Error **errp)
{
    uint64_t rb_off, idx = cluster & ((1ULL << s->rb_bits) - 1);
    uint8_t *block;

    if (!covered(s, cluster)) {
        error_setg(errp, "'%s': no refcount block for cluster 0x%" PRIx64, s->name,
                   cluster << s->cluster_bits);
        return -EIO;
    }
    rb_off = s->refcount_table[cluster >> s->rb_bits];
    block = load_refblock(s, rb_off, errp);
    if (!block) {
        return -EIO;
    }
    put_be16(block + 2 * idx, value);
    if (block_file_pwrite(s->file, rb_off + 2 * idx, block + 2 * idx, 2, errp) < 0) {
        return -EIO;
    }
    if (value == 0) {
        uint64_t off = cluster << s->cluster_bits;

        /* A freed cluster may come back as anything: drop stale copies. */
        g_hash_table_remove(s->l2_cache, &off);
        g_hash_table_remove(s->rb_cache, &off);
        s->free_hint = MIN(s->free_hint, cluster);
    }
    return 0;
}

int qcow2_update_refcount(BDRVQcow2State *s, uint64_t offset, int delta,
                          Error **errp)
{
    uint64_t cluster = cluster_of(s, offset);
    uint16_t rc;
    int64_t v;

    if (qcow2_get_refcount(s, cluster, &rc, errp) < 0) {
        return -EIO;
    }
    v = (int64_t)rc + delta;
    if (v < 0 || v > UINT16_MAX) {
        error_setg(errp, "'%s': refcount %s for cluster 0x%" PRIx64, s->name,
                   v < 0 ? "underflow" : "overflow", offset);
        return -EIO;
    }
    return set_refcount(s, cluster, v, errp);
}

/* One past the highest cluster with a nonzero refcount. */
static int end_cluster(BDRVQcow2State *s, uint64_t *end, Error **errp)
{
    for (int64_t rt = (int64_t)s->refcount_table_size - 1; rt >= 0; rt--) {
        uint8_t *block;

        if (!s->refcount_table[rt]) {
            continue;
        }
        block = load_refblock(s, s->refcount_table[rt], errp);
        if (!block) {
            return -EIO;
        }
        for (int64_t j = (1LL << s->rb_bits) - 1; j >= 0; j--) {
            if (get_be16(block + 2 * j)) {
                *end = ((uint64_t)rt << s->rb_bits) + j + 1;
                return 0;
            }
        }
    }
    *end = 0;
    return 0;
}

/* Ranges (refcount-table indexes) in [FIRST, LAST] without a refcount block. */
static uint64_t count_uncovered(BDRVQcow2State *s, uint64_t first, uint64_t last)
{
    uint64_t n = 0;

    for (uint64_t rt = first >> s->rb_bits; rt <= last >> s->rb_bits; rt++) {
        n += !(rt < s->refcount_table_size && s->refcount_table[rt]);
    }
    return n;
}

/*
 * Allocates N clusters past the last used one. Ranges the new clusters fall
 * in that lack a refcount block get one right after the run; a refcount
 * table too small for all of that is replaced by a larger one placed after
 * those blocks. The fixpoint loop sizes the three parts together, so every
 * cluster we place is described by a block we place.
 */
static int64_t alloc_at_end(BDRVQcow2State *s, uint64_t n, Error **errp)
{
    uint64_t start, k = 0, t = 0, last, entries = s->refcount_table_size;
    uint64_t per_cluster = s->cluster_size / 8;
    uint64_t old_off = s->refcount_table_offset, old_clusters = 0;
    uint64_t *old_table = NULL, next_rb;
    int ret = -EIO;

    if (end_cluster(s, &start, errp) < 0) {
        return -EIO;
    }
    start = MAX(start, 1);      /* never the header, even in a broken image */
    for (;;) {
        uint64_t k2, t2;

        last = start + n + k + t - 1;
        if ((last >> s->rb_bits) >= entries) {
            entries = (last >> s->rb_bits) + 1;
        }
        k2 = count_uncovered(s, start, last);
        t2 = entries > s->refcount_table_size ? DIV_ROUND_UP(entries, per_cluster) : 0;
        if (k2 == k && t2 == t) {
            break;
        }
        k = k2;
        t = t2;
    }
    if (((last + 1) << s->cluster_bits) >> s->cluster_bits != last + 1 ||
        t * s->cluster_size > QCOW_MAX_REFTABLE_SIZE) {
        error_setg(errp, "'%s': image too large (refcount table full)", s->name);
        return -ENOSPC;
    }
    if (t) {
        uint64_t new_size = t * per_cluster;
        uint64_t *table = g_new0(uint64_t, new_size);

        memcpy(table, s->refcount_table, s->refcount_table_size * 8);
        old_table = s->refcount_table;
        old_clusters = DIV_ROUND_UP(s->refcount_table_size * 8, s->cluster_size);
        s->refcount_table = table;
        s->refcount_table_size = new_size;
    }
    /* New refcount blocks, zeroed on disk, then entered in the table. */
    next_rb = start + n;
    for (uint64_t rt = start >> s->rb_bits; rt <= last >> s->rb_bits; rt++) {
        g_autofree uint8_t *zero = NULL;
        uint64_t off;

        if (s->refcount_table[rt]) {
            continue;
        }
        zero = g_malloc0(s->cluster_size);
        off = next_rb++ << s->cluster_bits;
        if (block_file_pwrite(s->file, off, zero, s->cluster_size, errp) < 0) {
            goto out;
        }
        s->refcount_table[rt] = off;
        if (!t) {
            uint8_t be[8];

            put_be64(be, off);
            if (block_file_pwrite(s->file, s->refcount_table_offset + 8 * rt, be, 8,
                                  errp) < 0) {
                goto out;
            }
        }
    }
    if (t) {
        uint64_t toff = (start + n + k) << s->cluster_bits;
        g_autofree uint8_t *raw = g_malloc0(t * s->cluster_size);
        uint8_t hdr[12];

        for (uint64_t i = 0; i < s->refcount_table_size; i++) {
            put_be64(raw + 8 * i, s->refcount_table[i]);
        }
        if (block_file_pwrite(s->file, toff, raw, t * s->cluster_size, errp) < 0) {
            goto out;
        }
        put_be64(hdr, toff);
        put_be32(hdr + 8, t);
        if (qcow2_write_header_field(s, HDR_REFTABLE, hdr, 12, errp) < 0) {
            goto out;
        }
        s->refcount_table_offset = toff;
    }
    for (uint64_t c = start; c <= last; c++) {
        if (set_refcount(s, c, 1, errp) < 0) {
            goto out;
        }
    }
    if (old_table) {
        g_free(old_table);
        old_table = NULL;
        if (qcow2_free_clusters(s, old_off, old_clusters, errp) < 0) {
            return -EIO;
        }
    }
    return start << s->cluster_bits;
out:
    if (old_table) {
        g_free(s->refcount_table);
        s->refcount_table = old_table;
        s->refcount_table_size = old_clusters * per_cluster;
    }
    return ret;
}

int64_t qcow2_alloc_clusters(BDRVQcow2State *s, uint64_t n, Error **errp)
{
    uint64_t end;

    if (n == 1) {
        /* Reuse a freed cluster inside the described area first. */
        if (end_cluster(s, &end, errp) < 0) {
            return -EIO;
        }
        for (uint64_t c = MAX(s->free_hint, 1); c < end; c++) {
            uint16_t rc;

            if (!covered(s, c)) {
                c |= (1ULL << s->rb_bits) - 1;
                continue;
            }
            if (qcow2_get_refcount(s, c, &rc, errp) < 0) {
                return -EIO;
            }
            if (rc == 0) {
                s->free_hint = c + 1;
                if (set_refcount(s, c, 1, errp) < 0) {
                    return -EIO;
                }
                return c << s->cluster_bits;
            }
        }
        s->free_hint = end;
    }
    return alloc_at_end(s, n, errp);
}

int qcow2_free_clusters(BDRVQcow2State *s, uint64_t offset, uint64_t n,
                        Error **errp)
{
    for (uint64_t i = 0; i < n; i++) {
        if (qcow2_update_refcount(s, offset + (i << s->cluster_bits), -1, errp) < 0) {
            return -EIO;
        }
    }
    return 0;
}

void qcow2_l2_entry_clusters(BDRVQcow2State *s, uint64_t entry,
                             uint64_t *first, uint64_t *count)
{
    *first = 0;
    *count = 0;
    if (entry & QCOW_OFLAG_COMPRESSED) {
        uint32_t shift = 62 - (s->cluster_bits - 8);
        uint64_t off = entry & ((1ULL << shift) - 1);
        uint64_t sectors = ((entry >> shift) & ((1ULL << (s->cluster_bits - 8)) - 1)) + 1;
        uint64_t start = off & ~511ULL;
        uint64_t end = start + sectors * 512 - 1;

        *first = start & ~(uint64_t)(s->cluster_size - 1);
        *count = ((end - *first) >> s->cluster_bits) + 1;
    } else if (entry & L2E_OFFSET_MASK) {
        *first = entry & L2E_OFFSET_MASK;
        *count = 1;
    }
}

int qcow2_update_tree_refcounts(BDRVQcow2State *s, const uint64_t *table,
                                uint32_t n, int delta, Error **errp)
{
    uint64_t entries = 1ULL << s->l2_bits;

    for (uint32_t i = 0; i < n; i++) {
        uint64_t l2off = table[i] & L1E_OFFSET_MASK;
        g_autofree uint64_t *l2 = NULL;

        if (!l2off) {
            continue;
        }
        l2 = qcow2_read_l2_copy(s, l2off, errp);
        if (!l2) {
            return -EIO;
        }
        for (uint64_t j = 0; j < entries; j++) {
            uint64_t first, count;

            qcow2_l2_entry_clusters(s, l2[j], &first, &count);
            for (uint64_t c = 0; c < count; c++) {
                if (qcow2_update_refcount(s, first + (c << s->cluster_bits), delta,
                                          errp) < 0) {
                    return -EIO;
                }
            }
        }
        if (qcow2_update_refcount(s, l2off, delta, errp) < 0) {
            return -EIO;
        }
    }
    return 0;
}

int qcow2_refresh_copied(BDRVQcow2State *s, Error **errp)
{
    uint64_t entries = 1ULL << s->l2_bits;

    for (uint32_t i = 0; i < s->l1_size; i++) {
        uint64_t l2off = s->l1_table[i] & L1E_OFFSET_MASK;
        g_autofree uint64_t *l2 = NULL;
        bool changed = false;
        uint64_t want;
        uint16_t rc;

        if (!l2off) {
            continue;
        }
        if (qcow2_get_refcount(s, cluster_of(s, l2off), &rc, errp) < 0) {
            return -EIO;
        }
        want = l2off | (rc == 1 ? QCOW_OFLAG_COPIED : 0);
        if (s->l1_table[i] != want) {
            s->l1_table[i] = want;
            if (qcow2_write_l1_entry(s, i, errp) < 0) {
                return -EIO;
            }
        }
        l2 = qcow2_read_l2_copy(s, l2off, errp);
        if (!l2) {
            return -EIO;
        }
        for (uint64_t j = 0; j < entries; j++) {
            uint64_t e = l2[j], off = e & L2E_OFFSET_MASK;

            if (e & QCOW_OFLAG_COMPRESSED) {
                continue;
            }
            rc = 0;
            if (off && qcow2_get_refcount(s, cluster_of(s, off), &rc, errp) < 0) {
                return -EIO;
            }
            want = (e & ~QCOW_OFLAG_COPIED) | (rc == 1 ? QCOW_OFLAG_COPIED : 0);
            if (want != e) {
                l2[j] = want;
                changed = true;
            }
        }
        if (changed && qcow2_write_l2_table(s, l2off, l2, errp) < 0) {
            return -EIO;
        }
    }
    return 0;
}
