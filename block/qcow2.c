/*
 * qcow2 version 3: header, L1/L2 mapping, reads (zero, unallocated and
 * zlib-compressed clusters included) and writes with allocation and
 * copy-on-write of shared clusters. Layout facts: docs/devel/block.md.
 */
#include "qemu/osdep.h"
#include "qcow2.h"

#include <zlib.h>

#define L2_CACHE_MAX 256

static const char *const incompat_names[] = {
    "dirty bit", "corrupt bit", "external data file", "compression type",
    "extended L2 entries",
};

int qcow2_write_header_field(BDRVQcow2State *s, int offset, const void *buf,
                             size_t len, Error **errp)
{
    return block_file_pwrite(s->file, offset, buf, len, errp);
}

int qcow2_write_l1_entry(BDRVQcow2State *s, uint32_t index, Error **errp)
{
    uint8_t be[8];

    put_be64(be, s->l1_table[index]);
    return block_file_pwrite(s->file, s->l1_table_offset + 8ULL * index, be, 8, errp);
}

/* The cached L2 table at OFFSET; valid until the next cache operation. */
static uint8_t *load_l2(BDRVQcow2State *s, uint64_t offset, Error **errp)
{
    uint8_t *t = g_hash_table_lookup(s->l2_cache, &offset);

    if (t) {
        return t;
    }
    if (offset & (s->cluster_size - 1)) {
        error_setg(errp, "'%s': L2 table offset 0x%" PRIx64 " is not cluster aligned",
                   s->name, offset);
        return NULL;
    }
    if (offset > (uint64_t)s->file->size || s->file->size - offset < s->cluster_size) {
        error_setg(errp, "'%s': L2 table offset 0x%" PRIx64 " beyond end of file",
                   s->name, offset);
        return NULL;
    }
    t = g_malloc(s->cluster_size);
    if (block_file_pread(s->file, offset, t, s->cluster_size, errp) < 0) {
        g_free(t);
        return NULL;
    }
    if (g_hash_table_size(s->l2_cache) >= L2_CACHE_MAX) {
        g_hash_table_remove_all(s->l2_cache);
    }
    g_hash_table_insert(s->l2_cache, g_memdup2(&offset, sizeof(offset)), t);
    return t;
}

uint64_t *qcow2_read_l2_copy(BDRVQcow2State *s, uint64_t offset, Error **errp)
{
    uint8_t *raw = load_l2(s, offset, errp);
    uint64_t n = 1ULL << s->l2_bits;
    uint64_t *t;

    if (!raw) {
        return NULL;
    }
    t = g_new(uint64_t, n);
    for (uint64_t i = 0; i < n; i++) {
        t[i] = get_be64(raw + 8 * i);
    }
    return t;
}

int qcow2_write_l2_table(BDRVQcow2State *s, uint64_t offset,
                         const uint64_t *table, Error **errp)
{
    uint8_t *raw = g_malloc(s->cluster_size);

    for (uint64_t i = 0; i < (1ULL << s->l2_bits); i++) {
        put_be64(raw + 8 * i, table[i]);
    }
    if (block_file_pwrite(s->file, offset, raw, s->cluster_size, errp) < 0) {
        g_free(raw);
        return -EIO;
    }
    g_hash_table_insert(s->l2_cache, g_memdup2(&offset, sizeof(offset)), raw);
    return 0;
}

static int write_l2_entry(BDRVQcow2State *s, uint64_t l2off, uint64_t idx,
                          uint64_t entry, Error **errp)
{
    uint8_t *t = load_l2(s, l2off, errp);

    if (!t) {
        return -EIO;
    }
    put_be64(t + 8 * idx, entry);
    return block_file_pwrite(s->file, l2off + 8 * idx, t + 8 * idx, 8, errp);
}

/* The L2 entry for virtual offset VOFF (0 when unmapped). */
static int get_l2_entry(BDRVQcow2State *s, uint64_t voff, uint64_t *entry,
                        Error **errp)
{
    uint64_t l1i = voff >> (s->cluster_bits + s->l2_bits);
    uint64_t l2i = (voff >> s->cluster_bits) & ((1ULL << s->l2_bits) - 1);
    uint64_t l2off;
    uint8_t *t;

    *entry = 0;
    if (l1i >= s->l1_size) {
        return 0;
    }
    l2off = s->l1_table[l1i] & L1E_OFFSET_MASK;
    if (!l2off) {
        return 0;
    }
    t = load_l2(s, l2off, errp);
    if (!t) {
        return -EIO;
    }
    *entry = get_be64(t + 8 * l2i);
    return 0;
}

static int read_compressed(BDRVQcow2State *s, uint64_t entry, uint8_t *out,
                           Error **errp)
{
    uint64_t first, count;
    uint32_t shift = 62 - (s->cluster_bits - 8);
    uint64_t off = entry & ((1ULL << shift) - 1);
    uint64_t sectors = ((entry >> shift) & ((1ULL << (s->cluster_bits - 8)) - 1)) + 1;
    uint64_t len = sectors * 512 - (off & 511);
    g_autofree uint8_t *in = NULL;
    z_stream z = { 0 };
    int zr;

    if (s->compression_type != 0) {
        error_setg(errp, "'%s': compression type %u is not supported (only zlib)",
                   s->name, s->compression_type);
        return -ENOTSUP;
    }
    qcow2_l2_entry_clusters(s, entry, &first, &count);
    in = g_malloc(len);
    if (block_file_pread(s->file, off, in, len, errp) < 0) {
        return -EIO;
    }
    if (inflateInit2(&z, -12) != Z_OK) {
        error_setg(errp, "'%s': zlib initialisation failed", s->name);
        return -EIO;
    }
    z.next_in = in;
    z.avail_in = len;
    z.next_out = out;
    z.avail_out = s->cluster_size;
    zr = inflate(&z, Z_FINISH);
    inflateEnd(&z);
    if ((zr != Z_STREAM_END && zr != Z_BUF_ERROR && zr != Z_OK) || z.avail_out) {
        error_setg(errp, "'%s': corrupt compressed cluster at 0x%" PRIx64, s->name, off);
        return -EIO;
    }
    return 0;
}

/* Reads LEN bytes at VOFF, all within one cluster. */
static int read_in_cluster(BDRVQcow2State *s, uint64_t voff, uint8_t *buf,
                           uint64_t len, Error **errp)
{
    uint64_t in = voff & (s->cluster_size - 1), entry, host;

    if (get_l2_entry(s, voff, &entry, errp) < 0) {
        return -EIO;
    }
    if (entry & QCOW_OFLAG_COMPRESSED) {
        g_autofree uint8_t *c = g_malloc(s->cluster_size);

        if (read_compressed(s, entry, c, errp) < 0) {
            return -EIO;
        }
        memcpy(buf, c + in, len);
        return 0;
    }
    host = entry & L2E_OFFSET_MASK;
    if ((entry & QCOW_OFLAG_ZERO) || !host) {
        memset(buf, 0, len);
        return 0;
    }
    if (host & (s->cluster_size - 1)) {
        error_setg(errp, "'%s': data cluster offset 0x%" PRIx64 " is not cluster aligned",
                   s->name, host);
        return -EIO;
    }
    return block_file_pread(s->file, host + in, buf, len, errp);
}

/*
 * Makes the L2 table for L1 index L1I private to the active image
 * (allocating or copying it) and returns its offset in *L2OFF.
 */
static int l2_for_write(BDRVQcow2State *s, uint64_t l1i, uint64_t *l2off,
                        Error **errp)
{
    uint64_t old = s->l1_table[l1i] & L1E_OFFSET_MASK;
    g_autofree uint64_t *table = NULL;
    int64_t new;
    uint16_t rc = 0;

    if (old && qcow2_get_refcount(s, old >> s->cluster_bits, &rc, errp) < 0) {
        return -EIO;
    }
    if (old && rc == 1) {
        *l2off = old;
        if (!(s->l1_table[l1i] & QCOW_OFLAG_COPIED)) {
            s->l1_table[l1i] = old | QCOW_OFLAG_COPIED;
            return qcow2_write_l1_entry(s, l1i, errp);
        }
        return 0;
    }
    if (old && rc == 0) {
        error_setg(errp, "'%s': L2 table at 0x%" PRIx64 " has refcount 0", s->name, old);
        return -EIO;
    }
    if (old) {
        table = qcow2_read_l2_copy(s, old, errp);
        if (!table) {
            return -EIO;
        }
    } else {
        table = g_new0(uint64_t, 1ULL << s->l2_bits);
    }
    new = qcow2_alloc_clusters(s, 1, errp);
    if (new < 0 || qcow2_write_l2_table(s, new, table, errp) < 0) {
        return -EIO;
    }
    s->l1_table[l1i] = new | QCOW_OFLAG_COPIED;
    if (qcow2_write_l1_entry(s, l1i, errp) < 0) {
        return -EIO;
    }
    /* The old table loses the active image's reference (its data does not). */
    if (old && qcow2_update_refcount(s, old, -1, errp) < 0) {
        return -EIO;
    }
    *l2off = new;
    return 0;
}

/* Writes LEN bytes at VOFF, all within one cluster. */
static int write_in_cluster(BDRVQcow2State *s, uint64_t voff, const uint8_t *buf,
                            uint64_t len, Error **errp)
{
    uint64_t l1i = voff >> (s->cluster_bits + s->l2_bits);
    uint64_t l2i = (voff >> s->cluster_bits) & ((1ULL << s->l2_bits) - 1);
    uint64_t in = voff & (s->cluster_size - 1);
    uint64_t l2off, entry, host, first, count;
    g_autofree uint8_t *whole = NULL;
    uint16_t rc = 0;
    int64_t new;

    if (l1i >= s->l1_size && qcow2_grow_l1(s, l1i + 1, errp) < 0) {
        return -EIO;
    }
    if (l2_for_write(s, l1i, &l2off, errp) < 0 ||
        get_l2_entry(s, voff, &entry, errp) < 0) {
        return -EIO;
    }
    host = entry & L2E_OFFSET_MASK;
    if (!(entry & (QCOW_OFLAG_COMPRESSED | QCOW_OFLAG_ZERO)) && host) {
        if (host & (s->cluster_size - 1)) {
            error_setg(errp, "'%s': data cluster offset 0x%" PRIx64
                       " is not cluster aligned", s->name, host);
            return -EIO;
        }
        if (qcow2_get_refcount(s, host >> s->cluster_bits, &rc, errp) < 0) {
            return -EIO;
        }
        if (rc == 1) {
            if (!(entry & QCOW_OFLAG_COPIED) &&
                write_l2_entry(s, l2off, l2i, host | QCOW_OFLAG_COPIED, errp) < 0) {
                return -EIO;
            }
            return block_file_pwrite(s->file, host + in, buf, len, errp);
        }
    }
    /* Copy-on-write (or first write): a new cluster with old data + new. */
    whole = g_malloc(s->cluster_size);
    if (len < s->cluster_size &&
        read_in_cluster(s, voff - in, whole, s->cluster_size, errp) < 0) {
        return -EIO;
    }
    memcpy(whole + in, buf, len);
    new = qcow2_alloc_clusters(s, 1, errp);
    if (new < 0 ||
        block_file_pwrite(s->file, new, whole, s->cluster_size, errp) < 0 ||
        write_l2_entry(s, l2off, l2i, new | QCOW_OFLAG_COPIED, errp) < 0) {
        return -EIO;
    }
    qcow2_l2_entry_clusters(s, entry, &first, &count);
    for (uint64_t c = 0; c < count; c++) {
        if (qcow2_update_refcount(s, first + (c << s->cluster_bits), -1, errp) < 0) {
            return -EIO;
        }
    }
    return 0;
}

int qcow2_grow_l1(BDRVQcow2State *s, uint64_t min_size, Error **errp)
{
    uint64_t bytes = QEMU_ALIGN_UP(min_size * 8, s->cluster_size);
    uint64_t new_size = bytes / 8;
    uint64_t old_off = s->l1_table_offset, old_size = s->l1_size;
    g_autofree uint8_t *raw = NULL;
    uint8_t hdr[12];
    int64_t off;

    if (bytes > QCOW_MAX_L1_SIZE) {
        error_setg(errp, "'%s': L1 table would grow too large (%" PRIu64 " entries)",
                   s->name, min_size);
        return -EFBIG;
    }
    off = qcow2_alloc_clusters(s, bytes >> s->cluster_bits, errp);
    if (off < 0) {
        return -EIO;
    }
    raw = g_malloc0(bytes);
    for (uint32_t i = 0; i < s->l1_size; i++) {
        put_be64(raw + 8 * i, s->l1_table[i]);
    }
    if (block_file_pwrite(s->file, off, raw, bytes, errp) < 0) {
        return -EIO;
    }
    put_be32(hdr, new_size);
    put_be64(hdr + 4, off);
    if (qcow2_write_header_field(s, HDR_L1_SIZE, hdr, 12, errp) < 0) {
        return -EIO;
    }
    s->l1_table = g_renew(uint64_t, s->l1_table, new_size);
    memset(s->l1_table + s->l1_size, 0, (new_size - s->l1_size) * 8);
    s->l1_size = new_size;
    s->l1_table_offset = off;
    if (old_size) {
        return qcow2_free_clusters(s, old_off,
                                   DIV_ROUND_UP(old_size * 8, s->cluster_size), errp);
    }
    return 0;
}

static int qcow2_rw(BDRVQcow2State *s, uint64_t off, uint8_t *rbuf,
                    const uint8_t *wbuf, uint64_t len, Error **errp)
{
    while (len > 0) {
        uint64_t n = MIN(len, s->cluster_size - (off & (s->cluster_size - 1)));
        int ret = rbuf ? read_in_cluster(s, off, rbuf, n, errp)
                       : write_in_cluster(s, off, wbuf, n, errp);

        if (ret < 0) {
            return ret;
        }
        off += n;
        len -= n;
        rbuf = rbuf ? rbuf + n : NULL;
        wbuf = wbuf ? wbuf + n : NULL;
    }
    return 0;
}

static int qcow2_pread(BlockDriverState *bs, int64_t off, void *buf, int64_t len,
                       Error **errp)
{
    return qcow2_rw(bs->opaque, off, buf, NULL, len, errp);
}

static int qcow2_pwrite(BlockDriverState *bs, int64_t off, const void *buf,
                        int64_t len, Error **errp)
{
    return qcow2_rw(bs->opaque, off, NULL, buf, len, errp);
}

static int vmstate_range(BDRVQcow2State *s, int64_t pos, size_t size,
                         uint64_t *off, Error **errp)
{
    uint64_t base = s->vm_state_index * qcow2_l1_span(s);
    uint64_t limit = (QCOW_MAX_L1_SIZE / 8) * qcow2_l1_span(s);

    if (pos < 0 || base + pos < base || base + pos > limit || size > limit - base - pos) {
        error_setg(errp, "'%s': vmstate access of %zu bytes at %" PRId64
                   " is out of range", s->name, size, pos);
        return -EINVAL;
    }
    *off = base + pos;
    return 0;
}

static int qcow2_save_vmstate(BlockDriverState *bs, const uint8_t *buf,
                              int64_t pos, size_t size, Error **errp)
{
    BDRVQcow2State *s = bs->opaque;
    uint64_t off;

    if (vmstate_range(s, pos, size, &off, errp) < 0) {
        return -EINVAL;
    }
    return qcow2_rw(s, off, NULL, buf, size, errp);
}

static int qcow2_load_vmstate(BlockDriverState *bs, uint8_t *buf, int64_t pos,
                              size_t size, Error **errp)
{
    BDRVQcow2State *s = bs->opaque;
    uint64_t off;

    if (vmstate_range(s, pos, size, &off, errp) < 0) {
        return -EINVAL;
    }
    return qcow2_rw(s, off, buf, NULL, size, errp);
}

static bool qcow2_probe(const uint8_t *buf, size_t len)
{
    return len >= 4 && get_be32(buf) == QCOW_MAGIC;
}

/* "bit 7, extended L2 entries": names from the image's table, else ours. */
static char *feature_list(uint64_t bits, char **names)
{
    GString *str = g_string_new(NULL);

    for (int b = 0; b < 64; b++) {
        if (!(bits & (1ULL << b))) {
            continue;
        }
        if (str->len) {
            g_string_append(str, ", ");
        }
        if (names[b]) {
            g_string_append(str, names[b]);
        } else if (b < (int)ARRAY_SIZE(incompat_names)) {
            g_string_append(str, incompat_names[b]);
        } else {
            g_string_append_printf(str, "bit %d", b);
        }
    }
    return g_string_free(str, FALSE);
}

/*
 * Walks the header extensions (between the header and the end of cluster
 * 0). They stay untouched on disk; only the feature name table is used,
 * to name features in messages.
 */
static int parse_extensions(BDRVQcow2State *s, const uint8_t *c0, uint32_t start,
                            char **names, Error **errp)
{
    uint64_t off = start;

    while (off + 8 <= s->cluster_size) {
        uint32_t type = get_be32(c0 + off), len = get_be32(c0 + off + 4);

        off += 8;
        if (type == 0) {
            return 0;
        }
        if (len > s->cluster_size - off) {
            error_setg(errp, "'%s': header extension 0x%08x overflows the header "
                       "cluster", s->name, type);
            return -EINVAL;
        }
        if (type == 0x6803f857) {               /* feature name table */
            for (uint32_t i = 0; i + 48 <= len; i += 48) {
                const uint8_t *f = c0 + off + i;

                if (f[0] == 0 && f[1] < 64 && !names[f[1]]) {
                    names[f[1]] = g_strndup((const char *)f + 2, 46);
                }
            }
        }
        off += QEMU_ALIGN_UP((uint64_t)len, 8);
    }
    return 0;
}

static void qcow2_close(BlockDriverState *bs)
{
    BDRVQcow2State *s = bs->opaque;

    qcow2_free_snapshots(s);
    qcow2_refcount_close(s);
    if (s->l2_cache) {
        g_hash_table_destroy(s->l2_cache);
    }
    g_free(s->l1_table);
}

static int check_header(BDRVQcow2State *s, const uint8_t *h, bool writable,
                        char **names, Error **errp)
{
    uint32_t version = get_be32(h + 4);
    uint64_t incompat = get_be64(h + 72);
    uint32_t refcount_order = get_be32(h + 96);
    uint64_t backing = get_be64(h + 8);

    if (version != 3) {
        error_setg(errp, "'%s': unsupported qcow2 version %u (only 3)", s->name, version);
        return -ENOTSUP;
    }
    if (incompat & ~QCOW2_INCOMPAT_SUPPORTED) {
        g_autofree char *list = feature_list(incompat & ~QCOW2_INCOMPAT_SUPPORTED, names);

        error_setg(errp, "'%s': unsupported incompatible features: %s", s->name, list);
        return -ENOTSUP;
    }
    if (writable && (incompat & (QCOW2_INCOMPAT_DIRTY | QCOW2_INCOMPAT_CORRUPT))) {
        error_setg(errp, "'%s': the image is marked %s; repair it with "
                   "'qemu-img check -r all' or open it read-only", s->name,
                   incompat & QCOW2_INCOMPAT_CORRUPT ? "corrupt" : "dirty");
        return -ENOTSUP;
    }
    if (get_be32(h + 32)) {
        error_setg(errp, "'%s': encrypted images are not supported", s->name);
        return -ENOTSUP;
    }
    if (backing) {
        error_setg(errp, "'%s': images with a backing file are not supported",
                   s->name);
        return -ENOTSUP;
    }
    if (refcount_order != 4) {
        error_setg(errp, "'%s': refcount width of %" PRIu64 " bits is not supported "
                   "(only 16)", s->name, refcount_order < 64 ? (uint64_t)1 << refcount_order : 0);
        return -ENOTSUP;
    }
    return 0;
}

static int load_l1(BDRVQcow2State *s, const uint8_t *h, Error **errp)
{
    uint64_t needed = DIV_ROUND_UP(s->size, qcow2_l1_span(s));
    uint64_t bytes;
    g_autofree uint8_t *raw = NULL;

    s->l1_size = get_be32(h + HDR_L1_SIZE);
    s->l1_table_offset = get_be64(h + HDR_L1_SIZE + 4);
    bytes = (uint64_t)s->l1_size * 8;
    if (bytes > QCOW_MAX_L1_SIZE) {
        error_setg(errp, "'%s': L1 table too large (%u entries)", s->name, s->l1_size);
        return -EFBIG;
    }
    if (s->l1_size < needed) {
        error_setg(errp, "'%s': L1 table too small (%u entries) for the disk size "
                   "%" PRIu64, s->name, s->l1_size, s->size);
        return -EINVAL;
    }
    if (s->l1_size && (s->l1_table_offset & (s->cluster_size - 1))) {
        error_setg(errp, "'%s': L1 table offset 0x%" PRIx64 " is not cluster aligned",
                   s->name, s->l1_table_offset);
        return -EINVAL;
    }
    if (s->l1_size && (s->l1_table_offset > (uint64_t)s->file->size ||
                       bytes > s->file->size - s->l1_table_offset)) {
        error_setg(errp, "'%s': L1 table offset 0x%" PRIx64 " beyond end of file",
                   s->name, s->l1_table_offset);
        return -EINVAL;
    }
    s->l1_table = g_new0(uint64_t, MAX(s->l1_size, 1));
    raw = g_malloc(MAX(bytes, 1));
    if (block_file_pread(s->file, s->l1_table_offset, raw, bytes, errp) < 0) {
        return -EIO;
    }
    for (uint32_t i = 0; i < s->l1_size; i++) {
        s->l1_table[i] = get_be64(raw + 8 * i);
    }
    return 0;
}

static int qcow2_open(BlockDriverState *bs, Error **errp)
{
    BDRVQcow2State *s = bs->opaque;
    uint8_t h[QCOW2_HEADER_V3_SIZE + 8] = { 0 };
    g_autofree uint8_t *c0 = NULL;
    char *names[64] = { 0 };
    uint32_t header_length;
    int ret = -EINVAL;

    s->file = bs->file;
    s->name = bs->filename;
    s->l2_cache = g_hash_table_new_full(g_int64_hash, g_int64_equal, g_free, g_free);
    if (block_file_pread(s->file, 0, h, sizeof(h), errp) < 0) {
        goto fail;
    }
    if (s->file->size < 4 || get_be32(h) != QCOW_MAGIC) {
        error_setg(errp, "'%s': not a qcow2 image (bad magic)", s->name);
        goto fail;
    }
    if (s->file->size < QCOW2_HEADER_V3_SIZE && get_be32(h + 4) >= 3) {
        error_setg(errp, "'%s': truncated header (%" PRId64 " bytes)", s->name,
                   s->file->size);
        goto fail;
    }
    s->cluster_bits = get_be32(h + 20);
    if (s->cluster_bits < 9 || s->cluster_bits > 21) {
        if (get_be32(h + 4) == 3) {
            error_setg(errp, "'%s': unsupported cluster size 2^%u (expected 512 B "
                       "to 2 MiB)", s->name, s->cluster_bits);
            goto fail;
        }
        s->cluster_bits = 16;   /* only to read cluster 0; the version fails */
    }
    s->cluster_size = 1U << s->cluster_bits;
    s->l2_bits = s->cluster_bits - 3;
    s->rb_bits = s->cluster_bits - 1;
    c0 = g_malloc(s->cluster_size);
    if (block_file_pread(s->file, 0, c0, s->cluster_size, errp) < 0) {
        goto fail;
    }
    header_length = get_be32(h + 100);
    if (get_be32(h + 4) == 3 &&
        (header_length < QCOW2_HEADER_V3_SIZE || header_length > s->cluster_size)) {
        error_setg(errp, "'%s': invalid header length %u", s->name, header_length);
        goto fail;
    }
    if (get_be32(h + 4) == 3 &&
        parse_extensions(s, c0, QEMU_ALIGN_UP(header_length, 8), names, errp) < 0) {
        goto fail;
    }
    ret = check_header(s, h, !bs->read_only, names, errp);
    if (ret < 0) {
        goto fail;
    }
    ret = -EINVAL;
    if (header_length > QCOW2_HEADER_V3_SIZE) {
        s->compression_type = h[QCOW2_HEADER_V3_SIZE];
    }
    s->size = get_be64(h + 24);
    if (s->size > (1ULL << 56)) {
        error_setg(errp, "'%s': disk size %" PRIu64 " is too large", s->name, s->size);
        goto fail;
    }
    s->vm_state_index = DIV_ROUND_UP(s->size, qcow2_l1_span(s));
    if (load_l1(s, h, errp) < 0 || qcow2_refcount_init(s, h, errp) < 0 ||
        qcow2_read_snapshots(s, get_be32(h + HDR_SNAPSHOTS),
                             get_be64(h + HDR_SNAPSHOTS + 4), errp) < 0) {
        goto fail;
    }
    s->autoclear = get_be64(h + HDR_AUTOCLEAR);
    if (!bs->read_only && s->autoclear) {
        /* We do not maintain what those bits vouch for: drop them. */
        uint8_t zero[8] = { 0 };

        if (qcow2_write_header_field(s, HDR_AUTOCLEAR, zero, 8, errp) < 0) {
            goto fail;
        }
        s->autoclear = 0;
    }
    bs->total_size = s->size;
    ret = 0;
fail:
    for (int i = 0; i < 64; i++) {
        g_free(names[i]);
    }
    if (ret < 0) {
        qcow2_close(bs);
    }
    return ret;
}

const BlockDriver bdrv_qcow2 = {
    .format_name = "qcow2",
    .state_size = sizeof(BDRVQcow2State),
    .probe = qcow2_probe,
    .open = qcow2_open,
    .close = qcow2_close,
    .pread = qcow2_pread,
    .pwrite = qcow2_pwrite,
    .save_vmstate = qcow2_save_vmstate,
    .load_vmstate = qcow2_load_vmstate,
    .snapshot_create = qcow2_snapshot_create,
    .snapshot_goto = qcow2_snapshot_goto,
    .snapshot_delete = qcow2_snapshot_delete,
    .snapshot_list = qcow2_snapshot_list,
};
