/*
 * The generic block layer: raw images, probing, the temporary overlay,
 * error messages, the -drive table and the `info snapshots` text.
 * (qcow2 itself is in test-qcow2.c.)
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "block/block.h"
#include "block/snapshot.h"
#include "system/blockdev.h"

#include <glib/gstdio.h>

static char *tmpdir;

static char *make_raw(const char *name, size_t len)
{
    char *path = g_build_filename(tmpdir, name, NULL);
    g_autofree uint8_t *data = g_malloc(len);

    for (size_t i = 0; i < len; i++) {
        data[i] = i * 13 + 1;
    }
    g_assert_true(g_file_set_contents(path, (char *)data, len, NULL));
    return path;
}

static void assert_error(Error **errp, const char *want)
{
    g_assert_nonnull(*errp);
    g_assert_cmpstr(error_get_pretty(*errp), ==, want);
    error_free(*errp);
    *errp = NULL;
}

static void test_raw(void)
{
    g_autofree char *path = make_raw("a.raw", 10000);
    g_autofree char *msg = NULL;
    uint8_t buf[100];
    QEMUSnapshotInfo sn = { .name = "x" };
    BlockDriverState *bs = bdrv_open(path, NULL, BDRV_O_RDWR, &error_abort);
    Error *err = NULL;

    g_assert_cmpstr(bdrv_get_format_name(bs), ==, "raw");
    g_assert_cmpint(bdrv_getlength(bs), ==, 10000);
    g_assert_cmpint(bdrv_pread(bs, 9900, buf, 100), ==, 0);
    g_assert_cmpint(buf[0], ==, (uint8_t)(9900 * 13 + 1));
    g_assert_cmpint(bdrv_pwrite(bs, 5000, "hello", 5), ==, 0);
    g_assert_cmpint(bdrv_pread(bs, 4999, buf, 7), ==, 0);
    g_assert_true(memcmp(buf + 1, "hello", 5) == 0);
    g_assert_cmpint(bdrv_pread(bs, 9990, buf, 11), ==, -EINVAL);
    msg = g_strdup_printf("'%s': access of 11 bytes at 9990 is beyond the disk size 10000",
                          path);
    g_assert_cmpstr(bdrv_get_last_error(bs), ==, msg);
    g_assert_cmpint(bdrv_flush(bs), ==, 0);
    g_assert_false(bdrv_can_snapshot(bs));
    g_assert_false(bdrv_snapshot_create(bs, &sn, &err));
    g_free(msg);
    msg = g_strdup_printf("'%s': raw images do not support snapshots", path);
    assert_error(&err, msg);
    g_assert_cmpint(bdrv_save_vmstate(bs, buf, 0, 1), ==, -ENOTSUP);
    g_free(msg);
    msg = g_strdup_printf("'%s': this format's image cannot hold a vmstate", path);
    g_assert_cmpstr(bdrv_get_last_error(bs), ==, msg);
    bdrv_close(bs);

    /* The write reached the file. */
    bs = bdrv_open(path, "raw", 0, &error_abort);
    g_assert_true(bdrv_is_read_only(bs));
    g_assert_cmpint(bdrv_pread(bs, 5000, buf, 5), ==, 0);
    g_assert_true(memcmp(buf, "hello", 5) == 0);
    g_assert_cmpint(bdrv_pwrite(bs, 0, "x", 1), ==, -EPERM);
    bdrv_close(bs);
    g_unlink(path);
}

static void test_overlay(void)
{
    g_autofree char *path = make_raw("b.raw", 200000);
    g_autofree char *before = NULL, *after = NULL;
    gsize blen, alen;
    uint8_t big[150000], back[150000];
    BlockDriverState *bs;

    g_assert_true(g_file_get_contents(path, &before, &blen, NULL));
    bs = bdrv_open(path, NULL, BDRV_O_SNAPSHOT, &error_abort);
    g_assert_false(bdrv_is_read_only(bs));
    memset(big, 0x5a, sizeof(big));
    g_assert_cmpint(bdrv_pwrite(bs, 30000, big, sizeof(big)), ==, 0);
    g_assert_cmpint(bdrv_pread(bs, 30000, back, sizeof(back)), ==, 0);
    g_assert_true(memcmp(big, back, sizeof(big)) == 0);
    /* Around the written range the file's bytes show through. */
    g_assert_cmpint(bdrv_pread(bs, 29999, back, 1), ==, 0);
    g_assert_cmpint(back[0], ==, (uint8_t)before[29999]);
    g_assert_cmpint(bdrv_pread(bs, 180000, back, 1), ==, 0);
    g_assert_cmpint(back[0], ==, (uint8_t)before[180000]);
    bdrv_close(bs);
    g_assert_true(g_file_get_contents(path, &after, &alen, NULL));
    g_assert_cmpuint(alen, ==, blen);
    g_assert_true(memcmp(before, after, blen) == 0);
    g_unlink(path);
}

static void test_open_errors(void)
{
    g_autofree char *missing = g_build_filename(tmpdir, "missing.img", NULL);
    g_autofree char *want = NULL;
    Error *err = NULL;

    g_assert_null(bdrv_open(missing, NULL, 0, &err));
    want = g_strdup_printf("Could not open '%s': No such file or directory", missing);
    assert_error(&err, want);
    g_assert_null(bdrv_open(tmpdir, NULL, 0, &err));
    g_free(want);
    want = g_strdup_printf("'%s' is a directory", tmpdir);
    assert_error(&err, want);
    g_assert_null(bdrv_open(missing, "vmdk", 0, &err));
    g_free(want);
    want = g_strdup_printf("'%s': unknown format 'vmdk' (expected raw or qcow2)", missing);
    assert_error(&err, want);
}

static void test_drives(void)
{
    g_autofree char *a = make_raw("d0.raw", 4096);
    g_autofree char *b = make_raw("d1.raw", 4096);
    g_autofree char *spec = NULL;
    DriveInfo *d0, *d1, *d2, *d3;
    Error *err = NULL;

    spec = g_strdup_printf("file=%s,if=sd,format=raw", a);
    d0 = drive_new(spec, false, &error_abort);
    g_assert_cmpstr(d0->id, ==, "sd0");
    g_assert_false(bdrv_is_read_only(d0->bs));
    g_free(spec);
    spec = g_strdup_printf("file=%s,if=sd,readonly=on", b);
    d1 = drive_new(spec, false, &error_abort);
    g_assert_cmpstr(d1->id, ==, "sd1");
    g_assert_true(bdrv_is_read_only(d1->bs));
    g_free(spec);
    spec = g_strdup_printf("file=%s,if=ide,index=3,id=disk", a);
    d2 = drive_new(spec, true, &error_abort);
    g_assert_cmpint(d2->bus, ==, 1);
    g_assert_cmpint(d2->unit, ==, 1);
    g_assert_cmpstr(bdrv_get_device_name(d2->bs), ==, "disk");
    d3 = drive_new("if=pflash", false, &error_abort);    /* empty drive */
    g_assert_null(d3->bs);
    g_assert_cmpstr(d3->id, ==, "pflash0");

    g_assert_true(drive_get(IF_SD, 0, 0) == d0->bs);
    g_assert_true(drive_get(IF_SD, 0, 1) == d1->bs);
    g_assert_true(drive_get_by_index(IF_SD, 1) == d1->bs);
    g_assert_true(drive_get_by_index(IF_IDE, 3) == d2->bs);
    g_assert_null(drive_get(IF_MTD, 0, 0));
    g_assert_true(bdrv_next(NULL) == d0->bs);
    g_assert_true(bdrv_next(d0->bs) == d1->bs);
    g_assert_true(bdrv_next(d1->bs) == d2->bs);
    g_assert_null(bdrv_next(d2->bs));

    g_assert_null(drive_new("if=sd,unit=1", false, &err));
    assert_error(&err, "drive with bus=0, unit=1 (index=1) exists");
    g_assert_null(drive_new("if=ide,unit=2", false, &err));
    assert_error(&err, "unit 2 too big (max is 1)");
    g_assert_null(drive_new("if=mtd,id=disk", false, &err));
    assert_error(&err, "duplicate drive id 'disk'");
    g_assert_null(drive_new("if=mtd,index=1,bus=0", false, &err));
    assert_error(&err, "index cannot be used with bus and unit");
    g_assert_null(drive_new("if=mtd,unit=x", false, &err));
    assert_error(&err, "invalid unit 'x' (expected 0..1023)");
    g_assert_null(drive_new("file=/nonexistent/x.img,if=mtd", false, &err));
    assert_error(&err, "Could not open '/nonexistent/x.img': No such file or directory");
    g_assert_null(drive_get(IF_MTD, 0, 0));
    drive_cleanup();
    g_assert_null(bdrv_next(NULL));
    g_unlink(a);
    g_unlink(b);
}

static void test_binary_drive_error(void)
{
    const char *bin = g_getenv("FERRY_BINARY");
    const char *argv[] = {
        bin, "-M", "none", "-nodefaults", "-display", "none",
        "-drive", "file=/nonexistent/x.img,if=sd", NULL
    };
    g_autofree char *out = NULL, *err = NULL;
    int status;

    if (!bin) {
        g_test_skip("FERRY_BINARY not set");
        return;
    }
    g_assert_true(g_spawn_sync(NULL, (char **)argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               &out, &err, &status, NULL));
    g_assert_false(g_spawn_check_wait_status(status, NULL));
    g_assert_true(g_str_has_suffix(err, ": -drive file=/nonexistent/x.img,if=sd: Could "
                                   "not open '/nonexistent/x.img': No such file or "
                                   "directory\n"));
    g_assert_cmpint(strchr(err, '\n') - err, ==, strlen(err) - 1);    /* one line */
}

static void test_size_to_str(void)
{
    const struct { uint64_t v; const char *s; } cases[] = {
        { 0, "0 B" }, { 999, "999 B" }, { 1000, "0.977 KiB" }, { 1024, "1 KiB" },
        { 1536, "1.5 KiB" }, { 1258291, "1.2 MiB" }, { 3ULL << 30, "3 GiB" },
    };

    for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
        g_autofree char *s = bdrv_size_to_str(cases[i].v);

        g_assert_cmpstr(s, ==, cases[i].s);
    }
}

static void test_info_snapshots(void)
{
    QEMUSnapshotInfo sn[2] = {
        { .id_str = "1", .name = "boot", .vm_state_size = 1258291,
          .date_sec = 1795303800, .vm_clock_nsec = 1234000000ULL,
          .icount = SNAPSHOT_ICOUNT_NONE },
        { .id_str = "2", .name = "later", .vm_state_size = 0,
          .date_sec = 1795303800 + 3661, .vm_clock_nsec = 3723004000000ULL,
          .icount = 42 },
    };
    g_autofree char *empty = bdrv_snapshot_format_info(NULL, 0);
    g_autofree char *text = NULL, *row = NULL;

    g_setenv("TZ", "UTC", TRUE);
    tzset();
    g_assert_cmpstr(empty, ==, "There is no snapshot available.\n");
    text = bdrv_snapshot_format_info(sn, 2);
    g_assert_cmpstr(text, ==,
        "List of snapshots present on all disks:\n"
        "ID      TAG               VM_SIZE                DATE        VM_CLOCK     ICOUNT\n"
        "--      boot              1.2 MiB 2026-11-21 23:30:00    00:00:01.234           \n"
        "--      later                 0 B 2026-11-22 00:31:01    01:02:03.004         42\n");
    row = bdrv_snapshot_format_row(&sn[1], true);
    g_assert_true(g_str_has_prefix(row, "2       later "));
}

int main(int argc, char **argv)
{
    int ret;

    g_test_init(&argc, &argv, NULL);
    tmpdir = g_dir_make_tmp("ferry-block-XXXXXX", NULL);
    g_assert_nonnull(tmpdir);
    g_test_add_func("/block/raw", test_raw);
    g_test_add_func("/block/overlay", test_overlay);
    g_test_add_func("/block/open-errors", test_open_errors);
    g_test_add_func("/block/drives", test_drives);
    g_test_add_func("/block/binary-drive-error", test_binary_drive_error);
    g_test_add_func("/block/size-to-str", test_size_to_str);
    g_test_add_func("/block/info-snapshots", test_info_snapshots);
    ret = g_test_run();
    g_rmdir(tmpdir);
    g_free(tmpdir);
    return ret;
}
