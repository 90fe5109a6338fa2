/*
 * qcow2 internal snapshots: the snapshot table, create / goto / delete with
 * refcount bookkeeping, and the vmstate area hand-off. A snapshot is a copy
 * of the active L1 table; the clusters it reaches get one more reference,
 * so the next write to any of them from the active image copies it first.
 */
#include "qemu/osdep.h"
#include "qcow2.h"

#define SN_HEADER_SIZE 40

static void free_snapshot(QCowSnapshot *sn)
{
    g_free(sn->id_str);
    g_free(sn->name);
    g_free(sn->extra);
}

void qcow2_free_snapshots(BDRVQcow2State *s)
{
    for (int i = 0; i < s->nb_snapshots; i++) {
        free_snapshot(&s->snapshots[i]);
    }
    g_free(s->snapshots);
    s->snapshots = NULL;
    s->nb_snapshots = 0;
}

static int read_bytes(BDRVQcow2State *s, uint64_t off, void *buf, uint64_t len,
                      Error **errp)
{
    if (off > (uint64_t)s->file->size || len > s->file->size - off) {
        error_setg(errp, "'%s': snapshot table entry at 0x%" PRIx64
                   " beyond end of file", s->name, off);
        return -EINVAL;
    }
    return block_file_pread(s->file, off, buf, len, errp);
}

int qcow2_read_snapshots(BDRVQcow2State *s, uint32_t nb, uint64_t offset,
                         Error **errp)
{
    uint64_t off = offset;

    if (nb > QCOW_MAX_SNAPSHOTS) {
        error_setg(errp, "'%s': too many snapshots (%u)", s->name, nb);
        return -EINVAL;
    }
    if (nb && (offset & (s->cluster_size - 1))) {
        error_setg(errp, "'%s': snapshot table offset 0x%" PRIx64 " is not cluster "
                   "aligned", s->name, offset);
        return -EINVAL;
    }
    if (nb && offset >= (uint64_t)s->file->size) {
        error_setg(errp, "'%s': snapshot table offset 0x%" PRIx64 " beyond end of file",
                   s->name, offset);
        return -EINVAL;
    }
    s->snapshots = g_new0(QCowSnapshot, MAX(nb, 1));
    for (uint32_t i = 0; i < nb; i++) {
        QCowSnapshot *sn = &s->snapshots[i];
        uint8_t h[SN_HEADER_SIZE];
        uint32_t extra_size, id_len, name_len;
        g_autofree uint8_t *extra = NULL;

        s->nb_snapshots = i + 1;
        if (off - offset > QCOW_MAX_SNAPSHOTS_SIZE) {
            error_setg(errp, "'%s': snapshot table too large", s->name);
            return -EINVAL;
        }
        if (read_bytes(s, off, h, sizeof(h), errp) < 0) {
            return -EINVAL;
        }
        sn->l1_table_offset = get_be64(h);
        sn->l1_size = get_be32(h + 8);
        id_len = get_be16(h + 12);
        name_len = get_be16(h + 14);
        sn->date_sec = get_be32(h + 16);
        sn->date_nsec = get_be32(h + 20);
        sn->vm_clock_nsec = get_be64(h + 24);
        sn->vm_state_size = get_be32(h + 32);
        extra_size = get_be32(h + 36);
        sn->disk_size = UINT64_MAX;
        sn->icount = UINT64_MAX;
        off += sizeof(h);
        if (extra_size > QCOW_MAX_SNAPSHOT_EXTRA) {
            error_setg(errp, "'%s': snapshot %u: extra data too large (%u bytes)",
                       s->name, i, extra_size);
            return -EINVAL;
        }
        if (sn->l1_size > QCOW_MAX_L1_SIZE / 8 ||
            (sn->l1_table_offset & (s->cluster_size - 1))) {
            error_setg(errp, "'%s': snapshot %u: invalid L1 table (0x%" PRIx64
                       ", %u entries)", s->name, i, sn->l1_table_offset, sn->l1_size);
            return -EINVAL;
        }
        extra = g_malloc(MAX(extra_size, 1));
        sn->id_str = g_malloc0(id_len + 1);
        sn->name = g_malloc0(name_len + 1);
        if (read_bytes(s, off, extra, extra_size, errp) < 0 ||
            read_bytes(s, off + extra_size, sn->id_str, id_len, errp) < 0 ||
            read_bytes(s, off + extra_size + id_len, sn->name, name_len, errp) < 0) {
            return -EINVAL;
        }
        if (extra_size >= 8) {
            sn->vm_state_size = get_be64(extra);
        }
        if (extra_size >= 16) {
            sn->disk_size = get_be64(extra + 8);
        }
        if (extra_size >= 24) {
            sn->icount = get_be64(extra + 16);
        }
        if (extra_size > QCOW_SNAPSHOT_EXTRA_SIZE) {
            sn->extra_len = extra_size - QCOW_SNAPSHOT_EXTRA_SIZE;
            sn->extra = g_memdup2(extra + QCOW_SNAPSHOT_EXTRA_SIZE, sn->extra_len);
        }
        off = QEMU_ALIGN_UP(off + extra_size + id_len + name_len, 8);
    }
    return 0;
}

/* Writes the whole table to new clusters, switches the header, frees the old. */
static int write_snapshots(BDRVQcow2State *s, uint64_t old_off, uint32_t old_nb,
                           Error **errp)
{
    GByteArray *buf = g_byte_array_new();
    uint64_t old_bytes = 0, clusters;
    int64_t off = 0;
    uint8_t hdr[12];
    int ret = -EIO;

    for (int i = 0; i < s->nb_snapshots; i++) {
        QCowSnapshot *sn = &s->snapshots[i];
        uint8_t h[SN_HEADER_SIZE + QCOW_SNAPSHOT_EXTRA_SIZE];
        static const uint8_t pad[8];
        size_t id_len = strlen(sn->id_str), name_len = strlen(sn->name);

        put_be64(h, sn->l1_table_offset);
        put_be32(h + 8, sn->l1_size);
        put_be16(h + 12, id_len);
        put_be16(h + 14, name_len);
        put_be32(h + 16, sn->date_sec);
        put_be32(h + 20, sn->date_nsec);
        put_be64(h + 24, sn->vm_clock_nsec);
        put_be32(h + 32, MIN(sn->vm_state_size, UINT32_MAX));
        put_be32(h + 36, QCOW_SNAPSHOT_EXTRA_SIZE + sn->extra_len);
        put_be64(h + 40, sn->vm_state_size);
        put_be64(h + 48, sn->disk_size == UINT64_MAX ? s->size : sn->disk_size);
        put_be64(h + 56, sn->icount);
        g_byte_array_append(buf, h, sizeof(h));
        if (sn->extra_len) {
            g_byte_array_append(buf, sn->extra, sn->extra_len);
        }
        g_byte_array_append(buf, (uint8_t *)sn->id_str, id_len);
        g_byte_array_append(buf, (uint8_t *)sn->name, name_len);
        g_byte_array_append(buf, pad, QEMU_ALIGN_UP(buf->len, 8) - buf->len);
    }
    if (buf->len > QCOW_MAX_SNAPSHOTS_SIZE) {
        error_setg(errp, "'%s': snapshot table too large", s->name);
        goto out;
    }
    clusters = DIV_ROUND_UP(buf->len, s->cluster_size);
    if (clusters) {
        g_byte_array_set_size(buf, clusters * s->cluster_size);
        off = qcow2_alloc_clusters(s, clusters, errp);
        if (off < 0 || block_file_pwrite(s->file, off, buf->data, buf->len, errp) < 0) {
            goto out;
        }
    }
    put_be32(hdr, s->nb_snapshots);
    put_be64(hdr + 4, off);
    if (qcow2_write_header_field(s, HDR_SNAPSHOTS, hdr, 12, errp) < 0) {
        goto out;
    }
    if (old_nb) {
        /* The old table's size: walk it as it was written (entries are 8-aligned). */
        old_bytes = 0;
        for (uint32_t i = 0; i < old_nb; i++) {
            uint8_t h[SN_HEADER_SIZE];

            if (block_file_pread(s->file, old_off + old_bytes, h, sizeof(h), errp) < 0) {
                goto out;
            }
            old_bytes = QEMU_ALIGN_UP(old_bytes + SN_HEADER_SIZE + get_be32(h + 36) +
                                      get_be16(h + 12) + get_be16(h + 14), 8);
        }
        if (qcow2_free_clusters(s, old_off, DIV_ROUND_UP(old_bytes, s->cluster_size),
                                errp) < 0) {
            goto out;
        }
    }
    ret = 0;
out:
    g_byte_array_free(buf, TRUE);
    return ret;
}

static int find_snapshot(BDRVQcow2State *s, const char *name_or_id)
{
    for (int i = 0; i < s->nb_snapshots; i++) {
        if (!strcmp(s->snapshots[i].name, name_or_id)) {
            return i;
        }
    }
    for (int i = 0; i < s->nb_snapshots; i++) {
        if (!strcmp(s->snapshots[i].id_str, name_or_id)) {
            return i;
        }
    }
    return -1;
}

/* The snapshot's L1 table, padded with zeros to MIN_SIZE entries. */
static uint64_t *read_snapshot_l1(BDRVQcow2State *s, QCowSnapshot *sn,
                                  uint32_t min_size, Error **errp)
{
    uint64_t bytes = (uint64_t)sn->l1_size * 8;
    g_autofree uint8_t *raw = g_malloc(MAX(bytes, 1));
    uint64_t *t = g_new0(uint64_t, MAX(MAX(sn->l1_size, min_size), 1));

    if (sn->l1_size && (sn->l1_table_offset > (uint64_t)s->file->size ||
                        bytes > s->file->size - sn->l1_table_offset)) {
        error_setg(errp, "'%s': snapshot '%s': L1 table offset 0x%" PRIx64
                   " beyond end of file", s->name, sn->name, sn->l1_table_offset);
        g_free(t);
        return NULL;
    }
    if (block_file_pread(s->file, sn->l1_table_offset, raw, bytes, errp) < 0) {
        g_free(t);
        return NULL;
    }
    for (uint32_t i = 0; i < sn->l1_size; i++) {
        t[i] = get_be64(raw + 8 * i);
    }
    return t;
}

static bool delete_index(BDRVQcow2State *s, int idx, Error **errp)
{
    QCowSnapshot sn = s->snapshots[idx];
    uint64_t old_off = 0;
    uint32_t old_nb = s->nb_snapshots;
    g_autofree uint64_t *l1 = read_snapshot_l1(s, &sn, 0, errp);
    uint8_t h[12];

    if (!l1) {
        return false;
    }
    if (block_file_pread(s->file, HDR_SNAPSHOTS, h, 12, errp) < 0) {
        return false;
    }
    old_off = get_be64(h + 4);
    /* Drop the entry from the table first, so a failure below only leaks. */
    memmove(&s->snapshots[idx], &s->snapshots[idx + 1],
            (s->nb_snapshots - idx - 1) * sizeof(QCowSnapshot));
    s->nb_snapshots--;
    if (write_snapshots(s, old_off, old_nb, errp) < 0) {
        s->nb_snapshots++;
        memmove(&s->snapshots[idx + 1], &s->snapshots[idx],
                (s->nb_snapshots - idx - 1) * sizeof(QCowSnapshot));
        s->snapshots[idx] = sn;
        return false;
    }
    free_snapshot(&sn);
    if (qcow2_update_tree_refcounts(s, l1, sn.l1_size, -1, errp) < 0 ||
        (sn.l1_size &&
         qcow2_free_clusters(s, sn.l1_table_offset,
                             DIV_ROUND_UP((uint64_t)sn.l1_size * 8, s->cluster_size),
                             errp) < 0) ||
        qcow2_refresh_copied(s, errp) < 0) {
        return false;
    }
    return true;
}

bool qcow2_snapshot_delete(BlockDriverState *bs, const char *name_or_id,
                           Error **errp)
{
    BDRVQcow2State *s = bs->opaque;
    int idx = find_snapshot(s, name_or_id);

    if (idx < 0) {
        error_setg(errp, "'%s': snapshot '%s' not found", s->name, name_or_id);
        return false;
    }
    return delete_index(s, idx, errp);
}

/* Drops the active image's references to the vmstate area. */
static int discard_vmstate(BDRVQcow2State *s, Error **errp)
{
    for (uint64_t i = s->vm_state_index; i < s->l1_size; i++) {
        if (!(s->l1_table[i] & L1E_OFFSET_MASK)) {
            continue;
        }
        if (qcow2_update_tree_refcounts(s, &s->l1_table[i], 1, -1, errp) < 0) {
            return -EIO;
        }
        s->l1_table[i] = 0;
        if (qcow2_write_l1_entry(s, i, errp) < 0) {
            return -EIO;
        }
    }
    return 0;
}

bool qcow2_snapshot_create(BlockDriverState *bs, QEMUSnapshotInfo *info,
                           Error **errp)
{
    BDRVQcow2State *s = bs->opaque;
    QCowSnapshot sn = { 0 };
    uint64_t max_id = 0, bytes = (uint64_t)s->l1_size * 8, old_off;
    uint32_t old_nb;
    g_autofree uint8_t *raw = NULL;
    int64_t l1_off = 0;
    int old = find_snapshot(s, info->name);
    uint8_t h[12];

    if (!info->name[0]) {
        error_setg(errp, "'%s': a snapshot needs a name", s->name);
        return false;
    }
    if (old >= 0 && !strcmp(s->snapshots[old].name, info->name) &&
        !delete_index(s, old, errp)) {
        return false;
    }
    for (int i = 0; i < s->nb_snapshots; i++) {
        uint64_t id;

        if (info->id_str[0] && !strcmp(s->snapshots[i].id_str, info->id_str)) {
            error_setg(errp, "'%s': a snapshot with id '%s' already exists", s->name,
                       info->id_str);
            return false;
        }
        if (g_ascii_string_to_unsigned(s->snapshots[i].id_str, 10, 0, UINT32_MAX,
                                        &id, NULL)) {
            max_id = MAX(max_id, id);
        }
    }
    if (!info->id_str[0]) {
        g_snprintf(info->id_str, sizeof(info->id_str), "%" PRIu64, max_id + 1);
    }
    if (!info->date_sec && !info->date_nsec) {
        int64_t now = g_get_real_time();

        info->date_sec = now / G_USEC_PER_SEC;
        info->date_nsec = (now % G_USEC_PER_SEC) * 1000;
    }
    /* Every cluster the active tree reaches gains the snapshot's reference. */
    if (qcow2_update_tree_refcounts(s, s->l1_table, s->l1_size, 1, errp) < 0 ||
        qcow2_refresh_copied(s, errp) < 0) {
        return false;
    }
    if (s->l1_size) {
        l1_off = qcow2_alloc_clusters(s, DIV_ROUND_UP(bytes, s->cluster_size), errp);
        if (l1_off < 0) {
            return false;
        }
        raw = g_malloc(bytes);
        for (uint32_t i = 0; i < s->l1_size; i++) {
            put_be64(raw + 8 * i, s->l1_table[i]);
        }
        if (block_file_pwrite(s->file, l1_off, raw, bytes, errp) < 0) {
            return false;
        }
    }
    if (block_file_pread(s->file, HDR_SNAPSHOTS, h, 12, errp) < 0) {
        return false;
    }
    old_nb = s->nb_snapshots;
    old_off = get_be64(h + 4);
    sn.l1_table_offset = l1_off;
    sn.l1_size = s->l1_size;
    sn.id_str = g_strdup(info->id_str);
    sn.name = g_strdup(info->name);
    sn.date_sec = info->date_sec;
    sn.date_nsec = info->date_nsec;
    sn.vm_clock_nsec = info->vm_clock_nsec;
    sn.vm_state_size = info->vm_state_size;
    sn.disk_size = s->size;
    sn.icount = info->icount;
    s->snapshots = g_renew(QCowSnapshot, s->snapshots, s->nb_snapshots + 1);
    s->snapshots[s->nb_snapshots++] = sn;
    if (write_snapshots(s, old_off, old_nb, errp) < 0) {
        free_snapshot(&s->snapshots[--s->nb_snapshots]);
        return false;
    }
    /* The vmstate now belongs to the snapshot alone. */
    return discard_vmstate(s, errp) == 0 && qcow2_refresh_copied(s, errp) == 0;
}

bool qcow2_snapshot_goto(BlockDriverState *bs, const char *name_or_id,
                         Error **errp)
{
    BDRVQcow2State *s = bs->opaque;
    int idx = find_snapshot(s, name_or_id);
    QCowSnapshot *sn;
    g_autofree uint64_t *l1 = NULL;
    g_autofree uint8_t *raw = NULL;
    uint64_t *old;

    if (idx < 0) {
        error_setg(errp, "'%s': snapshot '%s' not found", s->name, name_or_id);
        return false;
    }
    sn = &s->snapshots[idx];
    if (sn->disk_size != UINT64_MAX && sn->disk_size != s->size) {
        error_setg(errp, "'%s': snapshot '%s' has disk size %" PRIu64 ", the image %"
                   PRIu64, s->name, sn->name, sn->disk_size, s->size);
        return false;
    }
    if (sn->l1_size > s->l1_size && qcow2_grow_l1(s, sn->l1_size, errp) < 0) {
        return false;
    }
    l1 = read_snapshot_l1(s, sn, s->l1_size, errp);
    if (!l1) {
        return false;
    }
    /* Take the new references before dropping the old: shared clusters survive. */
    if (qcow2_update_tree_refcounts(s, l1, s->l1_size, 1, errp) < 0 ||
        qcow2_update_tree_refcounts(s, s->l1_table, s->l1_size, -1, errp) < 0) {
        return false;
    }
    old = s->l1_table;
    s->l1_table = g_steal_pointer(&l1);
    l1 = old;
    raw = g_malloc((uint64_t)s->l1_size * 8);
    for (uint32_t i = 0; i < s->l1_size; i++) {
        put_be64(raw + 8 * i, s->l1_table[i]);
    }
    if (block_file_pwrite(s->file, s->l1_table_offset, raw, (uint64_t)s->l1_size * 8,
                          errp) < 0) {
        return false;
    }
    return qcow2_refresh_copied(s, errp) == 0;
}

int qcow2_snapshot_list(BlockDriverState *bs, QEMUSnapshotInfo **list)
{
    BDRVQcow2State *s = bs->opaque;
    QEMUSnapshotInfo *out;

    if (!s->nb_snapshots) {
        *list = NULL;
        return 0;
    }
    out = g_new0(QEMUSnapshotInfo, s->nb_snapshots);
    for (int i = 0; i < s->nb_snapshots; i++) {
        QCowSnapshot *sn = &s->snapshots[i];

        g_strlcpy(out[i].id_str, sn->id_str, sizeof(out[i].id_str));
        g_strlcpy(out[i].name, sn->name, sizeof(out[i].name));
        out[i].vm_state_size = sn->vm_state_size;
        out[i].date_sec = sn->date_sec;
        out[i].date_nsec = sn->date_nsec;
        out[i].vm_clock_nsec = sn->vm_clock_nsec;
        out[i].icount = sn->icount;
    }
    *list = out;
    return s->nb_snapshots;
}
