/*
 * The vmstate-area QEMUFile back end and savevm/loadvm/delvm in process,
 * on qcow2 images made by qemu-img (the emulator-level tests are in
 * tests/qtest/snapshot-test.c).
 */
#include "qemu/osdep.h"
#include <glib/gstdio.h>
#include "qemu/timer.h"
#include "exec/memory.h"
#include "block/block.h"
#include "migration/qemu-file.h"
#include "migration/savevm.h"
#include "migration/snapshot.h"
#include "migration/vmstate.h"
#include "system/blockdev.h"
#include "system/runstate.h"

static char *tmpdir;

typedef struct SDev {
    uint32_t reg;
} SDev;

static SDev sdev;

static const VMStateDescription vmstate_sdev = {
    .name = "sdev",
    .version_id = 1,
    .minimum_version_id = 1,
    .fields = (const VMStateField[]) {
        VMSTATE_UINT32(reg, SDev),
        VMSTATE_END_OF_LIST()
    },
};

static char *make_qcow2(const char *name)
{
    char *path = g_build_filename(tmpdir, name, NULL);
    g_autofree char *cmd = g_strdup_printf("qemu-img create -q -f qcow2 %s 8M", path);
    int status;

    g_unlink(path);
    g_assert_true(g_spawn_command_line_sync(cmd, NULL, NULL, &status, NULL));
    g_assert_true(g_spawn_check_wait_status(status, NULL));
    return path;
}

static void test_vmstate_file(void)
{
    g_autofree char *path = make_qcow2("file.qcow2");
    BlockDriverState *bs = bdrv_open(path, "qcow2", BDRV_O_RDWR, &error_abort);
    size_t len = 100000;
    g_autofree uint8_t *data = g_malloc(len);
    g_autofree uint8_t *back = g_malloc(len);
    QEMUFile *f;

    for (size_t i = 0; i < len; i++) {
        data[i] = (uint8_t)(i * 13 + (i >> 8));
    }
    f = qemu_file_new_output_vmstate(bs);
    /* Odd pieces, so writes straddle the channel's buffer. */
    for (size_t done = 0; done < len; done += MIN(len - done, 7777)) {
        qemu_put_buffer(f, data + done, MIN(len - done, 7777));
    }
    g_assert_cmpuint(qemu_file_transferred(f), ==, len);
    g_assert_cmpint(qemu_fclose(f), ==, 0);

    f = qemu_file_new_input_vmstate(bs);
    g_assert_cmpuint(qemu_get_buffer(f, back, len), ==, len);
    g_assert_cmpint(qemu_file_get_error(f), ==, 0);
    g_assert_cmpmem(back, len, data, len);
    qemu_fclose(f);
    bdrv_close(bs);
}

static void test_vmstate_file_errors(void)
{
    g_autofree char *path = g_build_filename(tmpdir, "x.raw", NULL);
    g_autofree char *zeros = g_malloc0(65536);
    BlockDriverState *bs;
    QEMUFile *f;

    g_assert_true(g_file_set_contents(path, zeros, 65536, NULL));
    bs = bdrv_open(path, "raw", BDRV_O_RDWR, &error_abort);
    f = qemu_file_new_output_vmstate(bs);
    qemu_put_be32(f, 1);
    g_assert_cmpint(qemu_fclose(f), ==, -ENOTSUP);
    g_assert_nonnull(strstr(bdrv_get_last_error(bs), "cannot hold a vmstate"));

    /* Nothing can be read: the input ends at once. */
    f = qemu_file_new_input_vmstate(bs);
    g_assert_cmpuint(qemu_get_byte(f), ==, 0);
    g_assert_true(qemu_file_is_truncated(f));
    qemu_fclose(f);
    bdrv_close(bs);
}

static void test_in_process(void)
{
    g_autofree char *path = make_qcow2("proc.qcow2");
    g_autofree char *spec = g_strdup_printf("file=%s,if=none,format=qcow2,id=d0", path);
    g_autofree char *long_name = g_strnfill(300, 'n');
    g_autofree char *text = NULL;
    g_autofree QEMUSnapshotInfo *list = NULL;
    Error *err = NULL;

    g_assert_nonnull(drive_new(spec, false, &error_abort));
    sdev.reg = 0x11;
    qemu_clock_advance_virtual(qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL) + 2500000);
    g_assert_true(save_snapshot("s1", &error_abort));
    g_assert_true(runstate_check(RUN_STATE_PRELAUNCH));
    g_assert_cmpint(snapshot_list_common(&list), ==, 1);
    g_assert_cmpstr(list[0].name, ==, "s1");
    g_assert_cmpuint(list[0].vm_state_size, >, 0);
    g_assert_cmpuint(list[0].vm_clock_nsec, ==, qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL));

    sdev.reg = 0x22;
    g_assert_true(load_snapshot("s1", &error_abort));
    g_assert_cmphex(sdev.reg, ==, 0x11);
    g_assert_true(runstate_check(RUN_STATE_PRELAUNCH));

    g_assert_false(save_snapshot(long_name, &err));
    g_assert_nonnull(strstr(error_get_pretty(err), "savevm: snapshot name 'nnnn"));
    g_assert_nonnull(strstr(error_get_pretty(err), "' is too long (at most 255 bytes)"));
    g_clear_pointer(&err, error_free);

    g_assert_true(delete_snapshot("s1", &error_abort));
    text = snapshot_info_text();
    g_assert_cmpstr(text, ==, "There is no snapshot available.\n");
    drive_cleanup();
}

int main(int argc, char **argv)
{
    int ret;

    g_test_init(&argc, &argv, NULL);
    memory_init();
    qemu_clock_set_manual(true);
    savevm_set_machine_name("test-1.0");
    global_state_register();
    vmstate_register(&sdev, 0, &vmstate_sdev, &sdev);
    tmpdir = g_dir_make_tmp("ferry-test-snapshot-XXXXXX", NULL);
    g_test_add_func("/snapshot/vmstate-file", test_vmstate_file);
    g_test_add_func("/snapshot/vmstate-file-errors", test_vmstate_file_errors);
    g_test_add_func("/snapshot/in-process", test_in_process);
    ret = g_test_run();
    {
        g_autoptr(GDir) dir = g_dir_open(tmpdir, 0, NULL);
        const char *name;

        while (dir && (name = g_dir_read_name(dir))) {
            g_autofree char *p = g_build_filename(tmpdir, name, NULL);

            g_unlink(p);
        }
    }
    g_rmdir(tmpdir);
    g_free(tmpdir);
    return ret;
}
