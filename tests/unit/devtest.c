/*
 * Helpers for device unit tests.
 */
#include "qemu/osdep.h"
#include "devtest.h"
#include "exec/memory.h"
#include "qemu/timer.h"
#include "qemu/main-loop.h"
#include "qemu/log.h"
#include <glib-unix.h>
#include <fcntl.h>

static void irq_record(void *opaque, int n, int level)
{
    IrqRecorder *rec = opaque;

    if (level && !rec->level) {
        rec->raises++;
    }
    rec->level = level;
}

void devtest_init(void)
{
    memory_init();
    qemu_clock_set_manual(true);
}

DeviceState *devtest_create(const char *type, hwaddr addr, IrqRecorder *rec,
                            void (*setup)(DeviceState *dev, void *opaque),
                            void *opaque)
{
    DeviceState *dev = qdev_new(type);
    SysBusDevice *sbd = SYS_BUS_DEVICE(dev);

    if (setup) {
        setup(dev, opaque);
    }
    sysbus_realize_and_unref(sbd, &error_abort);
    sysbus_mmio_map(sbd, 0, addr);
    if (rec) {
        memset(rec, 0, sizeof(*rec));
        rec->line = qemu_allocate_irq(irq_record, rec, 0);
        sysbus_connect_irq(sbd, 0, rec->line);
    }
    device_cold_reset(dev);
    return dev;
}

void devtest_expect_realize_error(const char *type,
                                  void (*setup)(DeviceState *dev,
                                                void *opaque),
                                  void *opaque, const char *expected)
{
    DeviceState *dev = qdev_new(type);
    Error *err = NULL;

    setup(dev, opaque);
    g_assert_false(sysbus_realize(SYS_BUS_DEVICE(dev), &err));
    g_assert_nonnull(err);
    if (!strstr(error_get_pretty(err), expected)) {
        g_error("realize error '%s' lacks '%s'", error_get_pretty(err),
                expected);
    }
    error_free(err);
    object_unref(OBJECT(dev));
}

void devtest_destroy(DeviceState *dev, IrqRecorder *rec)
{
    object_unparent(OBJECT(dev));
    if (rec && rec->line) {
        qemu_free_irq(rec->line);
        rec->line = NULL;
    }
}

uint32_t devtest_readl(hwaddr addr)
{
    MemTxResult res;
    uint32_t v = address_space_ldl_le(&address_space_memory, addr,
                                      MEMTXATTRS_UNSPECIFIED, &res);

    g_assert_cmpuint(res, ==, MEMTX_OK);
    return v;
}

uint8_t devtest_readb(hwaddr addr)
{
    MemTxResult res;
    uint8_t v = address_space_ldub(&address_space_memory, addr,
                                   MEMTXATTRS_UNSPECIFIED, &res);

    g_assert_cmpuint(res, ==, MEMTX_OK);
    return v;
}

void devtest_writel(hwaddr addr, uint32_t value)
{
    MemTxResult res;

    address_space_stl_le(&address_space_memory, addr, value,
                         MEMTXATTRS_UNSPECIFIED, &res);
    g_assert_cmpuint(res, ==, MEMTX_OK);
}

uint32_t devtest_read_attrs(hwaddr addr, unsigned size, MemTxAttrs attrs)
{
    MemTxResult res;
    uint32_t v;

    switch (size) {
    case 1:
        v = address_space_ldub(&address_space_memory, addr, attrs, &res);
        break;
    case 2:
        v = address_space_lduw_le(&address_space_memory, addr, attrs, &res);
        break;
    default:
        g_assert_cmpuint(size, ==, 4);
        v = address_space_ldl_le(&address_space_memory, addr, attrs, &res);
        break;
    }
    g_assert_cmpuint(res, ==, MEMTX_OK);
    return v;
}

void devtest_write_attrs(hwaddr addr, unsigned size, uint32_t value,
                         MemTxAttrs attrs)
{
    MemTxResult res;

    switch (size) {
    case 1:
        address_space_stb(&address_space_memory, addr, value, attrs, &res);
        break;
    case 2:
        address_space_stw_le(&address_space_memory, addr, value, attrs, &res);
        break;
    default:
        g_assert_cmpuint(size, ==, 4);
        address_space_stl_le(&address_space_memory, addr, value, attrs, &res);
        break;
    }
    g_assert_cmpuint(res, ==, MEMTX_OK);
}

qemu_irq devtest_recorder_line(IrqRecorder *rec)
{
    memset(rec, 0, sizeof(*rec));
    rec->line = qemu_allocate_irq(irq_record, rec, 0);
    return rec->line;
}

int64_t devtest_clock_step(int64_t ns)
{
    return qemu_clock_advance_virtual(qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL) + ns);
}

static int capture_write(Chardev *chr, const uint8_t *buf, int len)
{
    CaptureChardev *cap = (CaptureChardev *)chr;

    if (cap->busy) {
        return 0;
    }
    g_byte_array_append(cap->out, buf, len);
    return len;
}

/*
 * Writable again "soon": the watch is an always-writable pipe, so it fires
 * at the next main-context iteration; the device then retries, and the
 * write succeeds once the test has cleared busy.
 */
static GSource *capture_add_watch(Chardev *chr, GIOCondition cond)
{
    CaptureChardev *cap = (CaptureChardev *)chr;

    return g_unix_fd_source_new(cap->pipe[1], cond);
}

static const ChardevDriver capture_driver = {
    .name = "capture",
    .instance_size = sizeof(CaptureChardev),
    .write = capture_write,
    .add_watch = capture_add_watch,
};

CaptureChardev *capture_chardev_new(const char *label)
{
    CaptureChardev *cap =
        (CaptureChardev *)qemu_chr_alloc(&capture_driver, label, NULL);

    cap->out = g_byte_array_new();
    g_assert_true(g_unix_open_pipe(cap->pipe, FD_CLOEXEC, NULL));
    cap->parent.be_open = true;
    return cap;
}

void capture_chardev_free(CaptureChardev *cap)
{
    g_byte_array_free(cap->out, TRUE);
    close(cap->pipe[0]);
    close(cap->pipe[1]);
    qemu_chr_free(&cap->parent);
}

void devtest_run_pending(void)
{
    for (int i = 0; i < 10; i++) {
        g_main_context_iteration(NULL, FALSE);
    }
}

static char *log_path;
static size_t log_seen;

void devtest_log_start(void)
{
    int fd = g_file_open_tmp("devtest-log-XXXXXX", &log_path, NULL);

    g_assert_cmpint(fd, >=, 0);
    close(fd);
    g_assert_true(qemu_set_log_filename(log_path, &error_abort));
    qemu_set_log(LOG_GUEST_ERROR | LOG_UNIMP);
    log_seen = 0;
}

char *devtest_log_take(void)
{
    g_autofree char *all = NULL;
    gsize len = 0;
    char *fresh;

    g_assert_nonnull(log_path);
    g_assert_true(g_file_get_contents(log_path, &all, &len, NULL));
    fresh = g_strdup(all + MIN(log_seen, len));
    log_seen = len;
    return fresh;
}

void devtest_log_expect(const char *expected)
{
    g_autofree char *got = devtest_log_take();

    if (!strstr(got, expected)) {
        g_error("log '%s' lacks '%s'", got, expected);
    }
}

void devtest_log_stop(void)
{
    qemu_set_log(0);
    qemu_log_close();
    if (log_path) {
        unlink(log_path);
        g_free(log_path);
        log_path = NULL;
    }
}
