/*
 * qcow2 against the outside oracle: images made by Debian's qemu-img open
 * in Ferry, and what Ferry writes passes `qemu-img check` and reads back
 * identically through `qemu-img convert`. Snapshots both ways, the vmstate
 * area, and malformed images (each with its message).
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "block/block.h"
#include "block/snapshot.h"

#include <fcntl.h>
#include <glib/gstdio.h>

static char *tmpdir;
static char *qemu_img;

static char *path_of(const char *name)
{
    return g_build_filename(tmpdir, name, NULL);
}

/* Runs qemu-img with ARGS; returns its exit status, output in *OUT. */
static int run_img(char **out, const char *first, ...)
{
    g_autoptr(GPtrArray) argv = g_ptr_array_new();
    g_autofree char *err = NULL;
    g_autoptr(GError) gerr = NULL;
    int status = -1;
    va_list ap;

    g_ptr_array_add(argv, qemu_img);
    va_start(ap, first);
    for (const char *a = first; a; a = va_arg(ap, const char *)) {
        g_ptr_array_add(argv, (char *)a);
    }
    va_end(ap);
    g_ptr_array_add(argv, NULL);
    g_assert_true(g_spawn_sync(NULL, (char **)argv->pdata, NULL, G_SPAWN_DEFAULT, NULL,
                               NULL, out, &err, &status, &gerr));
    if (!g_spawn_check_wait_status(status, NULL)) {
        g_test_message("qemu-img %s: %s%s", first, out ? *out : "", err);
    }
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static bool have_qemu_img(void)
{
    if (!qemu_img) {
        g_test_skip("qemu-img not installed (scripts/install-deps.sh installs it)");
        return false;
    }
    return true;
}

static char *create_image(const char *name, const char *size, int cluster_size)
{
    char *path = path_of(name);
    g_autofree char *opt = g_strdup_printf("cluster_size=%d", cluster_size);

    g_unlink(path);
    g_assert_cmpint(run_img(NULL, "create", "-q", "-f", "qcow2", "-o", opt, path, size,
                            NULL), ==, 0);
    return path;
}

static void assert_check_clean(const char *path)
{
    g_autofree char *out = NULL;

    g_assert_cmpint(run_img(&out, "check", "-f", "qcow2", path, NULL), ==, 0);
    g_assert_nonnull(strstr(out, "No errors were found on the image."));
}

static void fill_pattern(uint8_t *buf, size_t len, uint32_t seed)
{
    for (size_t i = 0; i < len; i++) {
        buf[i] = (uint8_t)(seed * 31 + i * 7 + (i >> 9));
    }
}

/* qemu-img's view of the disk equals MODEL. */
static void assert_convert_equals(const char *path, const uint8_t *model, size_t len)
{
    g_autofree char *raw = path_of("converted.raw");
    g_autofree char *data = NULL;
    gsize got = 0;

    g_assert_cmpint(run_img(NULL, "convert", "-f", "qcow2", "-O", "raw", path, raw, NULL),
                    ==, 0);
    g_assert_true(g_file_get_contents(raw, &data, &got, NULL));
    g_assert_cmpuint(got, ==, len);
    g_assert_true(memcmp(data, model, len) == 0);
    g_unlink(raw);
}

static void test_rw_cluster_size(gconstpointer data)
{
    int cs = GPOINTER_TO_INT(data);
    const size_t size = 8 * MiB;
    g_autofree char *path = create_image("rw.qcow2", "8M", cs);
    g_autofree uint8_t *model = g_malloc0(size);
    g_autofree uint8_t *buf = g_malloc(size);
    BlockDriverState *bs = bdrv_open(path, NULL, BDRV_O_RDWR, &error_abort);
    GRand *rand = g_rand_new_with_seed(cs);
    g_autofree char *msg = NULL;

    g_assert_cmpstr(bdrv_get_format_name(bs), ==, "qcow2");
    g_assert_cmpint(bdrv_getlength(bs), ==, size);
    g_assert_false(bdrv_is_read_only(bs));
    /* A fresh image reads as zeros. */
    memset(buf, 0xaa, size);
    g_assert_cmpint(bdrv_pread(bs, 0, buf, size), ==, 0);
    g_assert_true(memcmp(buf, model, size) == 0);
    /* Unaligned, cluster-crossing and overlapping writes. */
    for (int i = 0; i < 150; i++) {
        int64_t len = g_rand_int_range(rand, 1, 3 * cs + 1000);
        int64_t off = g_rand_int_range(rand, 0, size - len);

        fill_pattern(model + off, len, i);
        g_assert_cmpint(bdrv_pwrite(bs, off, model + off, len), ==, 0);
    }
    g_assert_cmpint(bdrv_pwrite(bs, size - 3, "end", 3), ==, 0);
    memcpy(model + size - 3, "end", 3);
    g_assert_cmpint(bdrv_pread(bs, 0, buf, size), ==, 0);
    g_assert_true(memcmp(buf, model, size) == 0);
    /* Out of range: refused with a message. */
    g_assert_cmpint(bdrv_pwrite(bs, size - 1, "xy", 2), ==, -EINVAL);
    g_assert_nonnull(strstr(bdrv_get_last_error(bs), "beyond the disk size"));
    bdrv_close(bs);
    g_rand_free(rand);

    assert_check_clean(path);
    assert_convert_equals(path, model, size);

    /* Reopened read-only, the data is still there and writes are refused. */
    bs = bdrv_open(path, "qcow2", 0, &error_abort);
    g_assert_true(bdrv_is_read_only(bs));
    g_assert_cmpint(bdrv_pread(bs, 0, buf, size), ==, 0);
    g_assert_true(memcmp(buf, model, size) == 0);
    g_assert_cmpint(bdrv_pwrite(bs, 0, "x", 1), ==, -EPERM);
    g_free(msg);
    msg = g_strdup_printf("'%s': the image is read-only", path);
    g_assert_cmpstr(bdrv_get_last_error(bs), ==, msg);
    bdrv_close(bs);
    g_unlink(path);
}

static void test_big_sparse(void)
{
    g_autofree char *path = create_image("big.qcow2", "8G", 65536);
    g_autofree char *raw = path_of("big.raw");
    const int64_t offs[] = { 4 * GiB - 100, 5 * GiB + 12345, 8 * GiB - 70000 };
    uint8_t pat[70000], back[70000];
    BlockDriverState *bs;
    int fd;

    if (!have_qemu_img()) {
        return;
    }
    bs = bdrv_open(path, NULL, BDRV_O_RDWR, &error_abort);
    for (size_t i = 0; i < ARRAY_SIZE(offs); i++) {
        fill_pattern(pat, sizeof(pat), i + 1);
        g_assert_cmpint(bdrv_pwrite(bs, offs[i], pat, sizeof(pat)), ==, 0);
    }
    for (size_t i = 0; i < ARRAY_SIZE(offs); i++) {
        fill_pattern(pat, sizeof(pat), i + 1);
        g_assert_cmpint(bdrv_pread(bs, offs[i], back, sizeof(back)), ==, 0);
        g_assert_true(memcmp(pat, back, sizeof(pat)) == 0);
    }
    g_assert_cmpint(bdrv_pread(bs, 6 * GiB, back, 4096), ==, 0);
    g_assert_cmpint(back[0] | back[4095], ==, 0);
    bdrv_close(bs);
    assert_check_clean(path);

    /* qemu-img reads the same bytes at the same (beyond 4 GiB) offsets. */
    g_assert_cmpint(run_img(NULL, "convert", "-f", "qcow2", "-O", "raw", "-S", "4k",
                            path, raw, NULL), ==, 0);
    fd = open(raw, O_RDONLY);
    g_assert_cmpint(fd, >=, 0);
    for (size_t i = 0; i < ARRAY_SIZE(offs); i++) {
        fill_pattern(pat, sizeof(pat), i + 1);
        g_assert_cmpint(pread(fd, back, sizeof(back), offs[i]), ==, sizeof(back));
        g_assert_true(memcmp(pat, back, sizeof(pat)) == 0);
    }
    close(fd);
    g_unlink(raw);
    g_unlink(path);
}

static void assert_reads(BlockDriverState *bs, int64_t off, const uint8_t *want,
                         size_t len)
{
    g_autofree uint8_t *got = g_malloc(len);

    g_assert_cmpint(bdrv_pread(bs, off, got, len), ==, 0);
    g_assert_true(memcmp(got, want, len) == 0);
}

static void test_snapshots(gconstpointer data)
{
    int cs = GPOINTER_TO_INT(data);
    const size_t size = MAX(4 * MiB, 8 * cs);
    g_autofree char *size_str = g_strdup_printf("%zu", size);
    g_autofree char *path = create_image("snap.qcow2", size_str, cs);
    g_autofree uint8_t *a = g_malloc0(size), *b = NULL, *c = NULL;
    g_autofree char *out = NULL;
    QEMUSnapshotInfo sn = { .icount = SNAPSHOT_ICOUNT_NONE }, *list = NULL;
    BlockDriverState *bs = bdrv_open(path, NULL, BDRV_O_RDWR, &error_abort);
    Error *err = NULL;

    g_assert_true(bdrv_can_snapshot(bs));
    g_assert_cmpint(bdrv_snapshot_list(bs, &list), ==, 0);
    fill_pattern(a + 1000, 3 * cs, 1);
    fill_pattern(a + size / 2, 2 * cs + 17, 2);
    g_assert_cmpint(bdrv_pwrite(bs, 0, a, size), ==, 0);
    g_strlcpy(sn.name, "first", sizeof(sn.name));
    g_assert_true(bdrv_snapshot_create(bs, &sn, &error_abort));
    g_assert_cmpstr(sn.id_str, ==, "1");

    /* Overwrite part of what the snapshot holds, plus fresh space. */
    b = g_memdup2(a, size);
    fill_pattern(b + 500, 2 * cs, 3);
    fill_pattern(b + size - cs, cs, 4);
    g_assert_cmpint(bdrv_pwrite(bs, 500, b + 500, 2 * cs), ==, 0);
    g_assert_cmpint(bdrv_pwrite(bs, size - cs, b + size - cs, cs), ==, 0);
    assert_reads(bs, 0, b, size);
    memset(&sn, 0, sizeof(sn));
    sn.icount = 12345;
    g_strlcpy(sn.name, "second", sizeof(sn.name));
    g_assert_true(bdrv_snapshot_create(bs, &sn, &error_abort));
    g_assert_cmpstr(sn.id_str, ==, "2");
    c = g_memdup2(b, size);
    fill_pattern(c, size, 5);
    g_assert_cmpint(bdrv_pwrite(bs, 0, c, size), ==, 0);
    bdrv_close(bs);
    assert_check_clean(path);
    g_assert_cmpint(run_img(&out, "snapshot", "-l", path, NULL), ==, 0);
    g_assert_nonnull(strstr(out, "first"));
    g_assert_nonnull(strstr(out, "second"));
    assert_convert_equals(path, c, size);

    /* Revert: the data at snapshot time, whatever was written since. */
    bs = bdrv_open(path, NULL, BDRV_O_RDWR, &error_abort);
    g_assert_cmpint(bdrv_snapshot_list(bs, &list), ==, 2);
    g_assert_cmpstr(list[1].name, ==, "second");
    g_assert_cmpuint(list[1].icount, ==, 12345);
    g_assert_cmpuint(list[0].icount, ==, SNAPSHOT_ICOUNT_NONE);
    g_free(list);
    g_assert_true(bdrv_snapshot_goto(bs, "first", &error_abort));
    assert_reads(bs, 0, a, size);
    g_assert_true(bdrv_snapshot_goto(bs, "2", &error_abort));
    assert_reads(bs, 0, b, size);
    /* Writing after a revert must not change the snapshot (copy-on-write). */
    g_assert_cmpint(bdrv_pwrite(bs, 0, c, size), ==, 0);
    g_assert_true(bdrv_snapshot_goto(bs, "second", &error_abort));
    assert_reads(bs, 0, b, size);

    /* Same tag again replaces it, with a new id. */
    memset(&sn, 0, sizeof(sn));
    g_strlcpy(sn.name, "first", sizeof(sn.name));
    g_assert_true(bdrv_snapshot_create(bs, &sn, &error_abort));
    g_assert_cmpstr(sn.id_str, ==, "3");
    g_assert_cmpint(bdrv_snapshot_list(bs, &list), ==, 2);
    g_free(list);
    g_assert_true(bdrv_snapshot_delete(bs, "second", &error_abort));
    g_assert_false(bdrv_snapshot_goto(bs, "second", &err));
    g_free(out);
    out = g_strdup_printf("'%s': snapshot 'second' not found", path);
    g_assert_cmpstr(error_get_pretty(err), ==, out);
    error_free(err);
    g_assert_true(bdrv_snapshot_goto(bs, "first", &error_abort));
    assert_reads(bs, 0, b, size);
    bdrv_close(bs);
    assert_check_clean(path);
    g_free(out);
    g_assert_cmpint(run_img(&out, "snapshot", "-l", path, NULL), ==, 0);
    g_assert_nonnull(strstr(out, "first"));
    g_assert_null(strstr(out, "second"));

    /* Delete the last one: no snapshots, still clean, no leaks. */
    bs = bdrv_open(path, NULL, BDRV_O_RDWR, &error_abort);
    g_assert_true(bdrv_snapshot_delete(bs, "first", &error_abort));
    g_assert_cmpint(bdrv_snapshot_list(bs, &list), ==, 0);
    bdrv_close(bs);
    assert_check_clean(path);
    g_unlink(path);
}

static void test_qemu_img_snapshot(void)
{
    g_autofree char *path = NULL;
    uint8_t a[100000], b[100000];
    BlockDriverState *bs;
    QEMUSnapshotInfo info;

    if (!have_qemu_img()) {
        return;
    }
    path = create_image("qi.qcow2", "1M", 65536);
    bs = bdrv_open(path, NULL, BDRV_O_RDWR, &error_abort);
    fill_pattern(a, sizeof(a), 9);
    g_assert_cmpint(bdrv_pwrite(bs, 333, a, sizeof(a)), ==, 0);
    bdrv_close(bs);
    g_assert_cmpint(run_img(NULL, "snapshot", "-c", "by-qemu", path, NULL), ==, 0);

    bs = bdrv_open(path, NULL, BDRV_O_RDWR, &error_abort);
    g_assert_true(bdrv_snapshot_find(bs, "by-qemu", &info));
    g_assert_cmpstr(info.id_str, ==, "1");
    fill_pattern(b, sizeof(b), 10);
    g_assert_cmpint(bdrv_pwrite(bs, 0, b, sizeof(b)), ==, 0);
    g_assert_true(bdrv_snapshot_goto(bs, "by-qemu", &error_abort));
    assert_reads(bs, 333, a, sizeof(a));
    bdrv_close(bs);
    assert_check_clean(path);
    g_assert_cmpint(run_img(NULL, "snapshot", "-d", "by-qemu", path, NULL), ==, 0);
    assert_check_clean(path);
    g_unlink(path);
}

static void test_vmstate(void)
{
    g_autofree char *path = NULL;
    const size_t len = 300 * 1000;
    g_autofree uint8_t *vm = g_malloc(len), *other = g_malloc(len), *back = g_malloc(len);
    QEMUSnapshotInfo sn = { .name = "vm1", .icount = SNAPSHOT_ICOUNT_NONE };
    BlockDriverState *bs;

    if (!have_qemu_img()) {
        return;
    }
    path = create_image("vm.qcow2", "3M", 65536);
    bs = bdrv_open(path, NULL, BDRV_O_RDWR, &error_abort);
    fill_pattern(vm, len, 21);
    fill_pattern(other, len, 22);
    g_assert_cmpint(bdrv_save_vmstate(bs, vm, 0, len), ==, 0);
    sn.vm_state_size = len;
    sn.vm_clock_nsec = 1234567890;
    g_assert_true(bdrv_snapshot_create(bs, &sn, &error_abort));
    /* The active image no longer holds the vmstate... */
    g_assert_cmpint(bdrv_load_vmstate(bs, back, 0, len), ==, 0);
    g_assert_cmpint(back[0] | back[len / 2] | back[len - 1], ==, 0);
    /* ...so writing another one cannot touch the snapshot's. */
    g_assert_cmpint(bdrv_save_vmstate(bs, other, 0, len), ==, 0);
    g_assert_cmpint(bdrv_getlength(bs), ==, 3 * MiB);
    bdrv_close(bs);
    assert_check_clean(path);

    bs = bdrv_open(path, NULL, BDRV_O_RDWR, &error_abort);
    g_assert_true(bdrv_snapshot_goto(bs, "vm1", &error_abort));
    g_assert_cmpint(bdrv_load_vmstate(bs, back, 0, len), ==, 0);
    g_assert_true(memcmp(back, vm, len) == 0);
    g_assert_cmpint(bdrv_load_vmstate(bs, back, 1000, 10), ==, 0);
    g_assert_true(memcmp(back, vm + 1000, 10) == 0);
    g_assert_cmpint(bdrv_load_vmstate(bs, back, -1, 10), ==, -EINVAL);
    g_assert_nonnull(strstr(bdrv_get_last_error(bs), "out of range"));
    bdrv_close(bs);
    assert_check_clean(path);
    g_unlink(path);
}

static void test_compressed(void)
{
    g_autofree char *raw = path_of("c.raw");
    g_autofree char *path = path_of("c.qcow2");
    const size_t size = 1 * MiB;
    g_autofree uint8_t *model = g_malloc0(size);
    BlockDriverState *bs;

    if (!have_qemu_img()) {
        return;
    }
    for (size_t i = 0; i < size; i++) {
        model[i] = (i / 4096) & 0xff;       /* compresses well */
    }
    g_assert_true(g_file_set_contents(raw, (char *)model, size, NULL));
    g_assert_cmpint(run_img(NULL, "convert", "-c", "-f", "raw", "-O", "qcow2", raw, path,
                            NULL), ==, 0);
    bs = bdrv_open(path, NULL, BDRV_O_RDWR, &error_abort);
    assert_reads(bs, 0, model, size);
    /* A partial write into a compressed cluster decompresses it first. */
    memcpy(model + 70000, "ferry", 5);
    g_assert_cmpint(bdrv_pwrite(bs, 70000, "ferry", 5), ==, 0);
    assert_reads(bs, 0, model, size);
    bdrv_close(bs);
    assert_check_clean(path);
    assert_convert_equals(path, model, size);
    g_unlink(raw);
    g_unlink(path);
}

static void test_temporary_overlay(void)
{
    g_autofree char *path = NULL;
    g_autofree char *before = NULL, *after = NULL;
    gsize blen, alen;
    uint8_t pat[5000];
    QEMUSnapshotInfo sn = { .name = "tmp" };
    BlockDriverState *bs;

    if (!have_qemu_img()) {
        return;
    }
    path = create_image("ov.qcow2", "1M", 4096);
    g_assert_true(g_file_get_contents(path, &before, &blen, NULL));
    bs = bdrv_open(path, NULL, BDRV_O_RDWR | BDRV_O_SNAPSHOT, &error_abort);
    g_assert_false(bdrv_is_read_only(bs));
    fill_pattern(pat, sizeof(pat), 3);
    g_assert_cmpint(bdrv_pwrite(bs, 12345, pat, sizeof(pat)), ==, 0);
    g_assert_true(bdrv_snapshot_create(bs, &sn, &error_abort));
    assert_reads(bs, 12345, pat, sizeof(pat));
    bdrv_close(bs);
    g_assert_true(g_file_get_contents(path, &after, &alen, NULL));
    g_assert_cmpuint(alen, ==, blen);
    g_assert_true(memcmp(before, after, blen) == 0);
    g_unlink(path);
}

/* Patches LEN big-endian bytes of VALUE at OFFSET into the file. */
static void patch(const char *path, off_t offset, uint64_t value, int len)
{
    uint8_t b[8];
    int fd = open(path, O_WRONLY);

    for (int i = 0; i < len; i++) {
        b[i] = value >> (8 * (len - 1 - i));
    }
    g_assert_cmpint(fd, >=, 0);
    g_assert_cmpint(pwrite(fd, b, len, offset), ==, len);
    close(fd);
}

static uint64_t peek(const char *path, off_t offset)
{
    uint8_t b[8];
    uint64_t v = 0;
    int fd = open(path, O_RDONLY);

    g_assert_cmpint(pread(fd, b, 8, offset), ==, 8);
    close(fd);
    for (int i = 0; i < 8; i++) {
        v = v << 8 | b[i];
    }
    return v;
}

static void expect_open_error(const char *path, int flags, const char *msg_fmt)
{
    g_autofree char *want = g_strdup_printf(msg_fmt, path);
    Error *err = NULL;
    BlockDriverState *bs = bdrv_open(path, "qcow2", flags, &err);

    if (bs) {
        bdrv_close(bs);
        g_error("opened an image that should fail with: %s", want);
    }
    g_assert_nonnull(err);
    g_assert_cmpstr(error_get_pretty(err), ==, want);
    error_free(err);
}

static void test_malformed(void)
{
    g_autofree char *path = NULL;
    g_autofree char *msg = NULL;
    BlockDriverState *bs;
    uint8_t buf[512];
    uint64_t l1_off;

    if (!have_qemu_img()) {
        return;
    }
#define FRESH() do { g_free(path); path = create_image("bad.qcow2", "1M", 65536); } while (0)
    FRESH();
    patch(path, 0, 0x514649fc, 4);
    expect_open_error(path, 0, "'%s': not a qcow2 image (bad magic)");
    /* ... though "raw" opens anything. */
    bs = bdrv_open(path, "raw", 0, &error_abort);
    g_assert_cmpstr(bdrv_get_format_name(bs), ==, "raw");
    bdrv_close(bs);
    FRESH();
    g_assert_cmpint(truncate(path, 50), ==, 0);
    expect_open_error(path, 0, "'%s': truncated header (50 bytes)");
    FRESH();
    patch(path, 4, 1, 4);
    expect_open_error(path, 0, "'%s': unsupported qcow2 version 1 (only 3)");
    FRESH();
    patch(path, 20, 23, 4);
    expect_open_error(path, 0, "'%s': unsupported cluster size 2^23 (expected 512 B to "
                      "2 MiB)");
    FRESH();
    patch(path, 36, 0x10000000, 4);
    expect_open_error(path, 0, "'%s': L1 table too large (268435456 entries)");
    FRESH();
    patch(path, 40, 0x7000000000ULL, 8);
    expect_open_error(path, 0, "'%s': L1 table offset 0x7000000000 beyond end of file");
    FRESH();
    patch(path, 48, 0x100000, 8);
    expect_open_error(path, 0, "'%s': refcount table offset 0x100000 beyond end of file");
    FRESH();
    patch(path, peek(path, 48), 0x4000000000ULL, 8);
    expect_open_error(path, 0, "'%s': refcount block offset 0x4000000000 beyond end of "
                      "file");
    FRESH();
    patch(path, 72, (1ULL << 7) | (1ULL << 4), 8);
    expect_open_error(path, 0, "'%s': unsupported incompatible features: "
                      "extended L2 entries, bit 7");
    FRESH();
    patch(path, 32, 1, 4);
    expect_open_error(path, 0, "'%s': encrypted images are not supported");
    FRESH();
    patch(path, 96, 5, 4);
    expect_open_error(path, 0, "'%s': refcount width of 32 bits is not supported "
                      "(only 16)");
    FRESH();
    patch(path, 8, 0x200, 8);
    expect_open_error(path, 0, "'%s': images with a backing file are not supported");
    FRESH();
    patch(path, 72, 1, 8);
    expect_open_error(path, BDRV_O_RDWR, "'%s': the image is marked dirty; repair it "
                      "with 'qemu-img check -r all' or open it read-only");
    FRESH();
    patch(path, 60, 1, 4);
    patch(path, 64, 0x7000000000ULL, 8);
    expect_open_error(path, 0, "'%s': snapshot table offset 0x7000000000 beyond end of "
                      "file");

    FRESH();
    patch(path, 100, 4, 4);
    expect_open_error(path, 0, "'%s': invalid header length 4");
    FRESH();
    patch(path, 60, 70000, 4);
    expect_open_error(path, 0, "'%s': too many snapshots (70000)");
    FRESH();
    patch(path, peek(path, 48) + 8, peek(path, peek(path, 48)), 8);
    msg = g_strdup_printf("'%%s': refcount block offset 0x%" PRIx64 " used twice",
                          peek(path, peek(path, 48)));
    expect_open_error(path, 0, msg);
    g_free(msg);
    FRESH();
    {
        uint32_t hlen = peek(path, 100) >> 32;
        uint32_t type = peek(path, QEMU_ALIGN_UP(hlen, 8)) >> 32;

        g_assert_cmpuint(type, !=, 0);      /* qemu-img writes extensions */
        patch(path, QEMU_ALIGN_UP(hlen, 8) + 4, 0xffffff, 4);
        msg = g_strdup_printf("'%%s': header extension 0x%08x overflows the header "
                              "cluster", type);
        expect_open_error(path, 0, msg);
        g_free(msg);
        msg = NULL;
    }
    /* A dirty image still opens read-only. */
    FRESH();
    patch(path, 72, 1, 8);
    bs = bdrv_open(path, NULL, 0, &error_abort);
    bdrv_close(bs);

    /* An L2 offset beyond the end: the read fails with a message, no crash. */
    FRESH();
    bs = bdrv_open(path, NULL, BDRV_O_RDWR, &error_abort);
    g_assert_cmpint(bdrv_pwrite(bs, 0, "data", 4), ==, 0);
    bdrv_close(bs);
    l1_off = peek(path, 40);
    patch(path, l1_off, 0x8000007000000000ULL, 8);
    bs = bdrv_open(path, NULL, 0, &error_abort);
    g_assert_cmpint(bdrv_pread(bs, 0, buf, sizeof(buf)), ==, -EIO);
    msg = g_strdup_printf("'%s': L2 table offset 0x7000000000 beyond end of file", path);
    g_assert_cmpstr(bdrv_get_last_error(bs), ==, msg);
    bdrv_close(bs);
    g_unlink(path);
#undef FRESH
}

static void add_sized(const char *name, GTestDataFunc fn)
{
    static const int sizes[] = { 512, 4096, 65536, 2 * 1024 * 1024 };

    for (size_t i = 0; i < ARRAY_SIZE(sizes); i++) {
        g_autofree char *p = g_strdup_printf("/qcow2/%s/%d", name, sizes[i]);

        g_test_add_data_func(p, GINT_TO_POINTER(sizes[i]), fn);
    }
}

static void rw_wrapper(gconstpointer d)
{
    if (have_qemu_img()) {
        test_rw_cluster_size(d);
    }
}

static void snap_wrapper(gconstpointer d)
{
    if (have_qemu_img()) {
        test_snapshots(d);
    }
}

int main(int argc, char **argv)
{
    int ret;

    g_test_init(&argc, &argv, NULL);
    tmpdir = g_dir_make_tmp("ferry-qcow2-XXXXXX", NULL);
    g_assert_nonnull(tmpdir);
    qemu_img = g_find_program_in_path("qemu-img");
    add_sized("rw", rw_wrapper);
    add_sized("snapshots", snap_wrapper);
    g_test_add_func("/qcow2/big-sparse", test_big_sparse);
    g_test_add_func("/qcow2/qemu-img-snapshot", test_qemu_img_snapshot);
    g_test_add_func("/qcow2/vmstate", test_vmstate);
    g_test_add_func("/qcow2/compressed", test_compressed);
    g_test_add_func("/qcow2/temporary-overlay", test_temporary_overlay);
    g_test_add_func("/qcow2/malformed", test_malformed);
    ret = g_test_run();
    g_rmdir(tmpdir);
    g_free(tmpdir);
    g_free(qemu_img);
    return ret;
}
