/*
 * virtio-blk behind a virtio-mmio transport, driven like a guest driver:
 * registers and feature negotiation, then descriptor tables and rings
 * built in guest RAM, QueueNotify, and checks of the used ring, the
 * interrupt and the image file. Also indirect descriptors, FLUSH and
 * GET_ID, bad requests, a malformed ring, and the error messages.
 */
#include "qemu/osdep.h"
#include <glib/gstdio.h>
#include "devtest.h"
#include "hw/virtio/virtio-mmio.h"
#include "hw/virtio/virtio-blk.h"
#include "hw/qdev-properties-system.h"
#include "system/blockdev.h"
#include "migration/vmstate.h"
#include "migration/qemu-file.h"

#define BASE        0x10013000
#define RAM         0x60000000
#define RAM_SIZE    (1 * MiB)
#define DESC        (RAM + 0x0000)
#define AVAIL       (RAM + 0x1000)
#define USED        (RAM + 0x2000)
#define HDR         (RAM + 0x3000)
#define DATA        (RAM + 0x4000)
#define STATUS_B    (RAM + 0x8000)
#define INDIRECT    (RAM + 0x9000)
#define QSIZE       16
#define DISK_SIZE   (64 * KiB)

#define F_NEXT      1
#define F_WRITE     2
#define F_INDIRECT  4

typedef struct Fixture {
    char *dir, *image;
    MemoryRegion ram;
    DeviceState *transport;
    IrqRecorder irq;
    uint16_t avail_idx;
} Fixture;

static uint8_t pattern(uint64_t o)
{
    return (o * 3 + (o >> 9)) & 0xff;
}

static void wq(hwaddr a, uint64_t v)
{
    address_space_stq_le(&address_space_memory, a, v, MEMTXATTRS_UNSPECIFIED, NULL);
}

static void wl(hwaddr a, uint32_t v)
{
    address_space_stl_le(&address_space_memory, a, v, MEMTXATTRS_UNSPECIFIED, NULL);
}

static void ww(hwaddr a, uint16_t v)
{
    address_space_stw_le(&address_space_memory, a, v, MEMTXATTRS_UNSPECIFIED, NULL);
}

static uint32_t rl(hwaddr a)
{
    return address_space_ldl_le(&address_space_memory, a, MEMTXATTRS_UNSPECIFIED, NULL);
}

static uint16_t rw_(hwaddr a)
{
    return address_space_lduw_le(&address_space_memory, a, MEMTXATTRS_UNSPECIFIED, NULL);
}

static uint32_t reg(hwaddr off)
{
    return devtest_readl(BASE + off);
}

static void set_reg(hwaddr off, uint32_t v)
{
    devtest_writel(BASE + off, v);
}

static void fixture_setup(Fixture *f, gconstpointer data)
{
    g_autofree uint8_t *buf = g_malloc(DISK_SIZE);
    g_autofree char *spec = NULL;
    DeviceState *blk;

    f->dir = g_dir_make_tmp("vblk-XXXXXX", NULL);
    f->image = g_build_filename(f->dir, "disk.img", NULL);
    for (int i = 0; i < DISK_SIZE; i++) {
        buf[i] = pattern(i);
    }
    g_assert_true(g_file_set_contents(f->image, (char *)buf, DISK_SIZE, NULL));
    spec = g_strdup_printf("if=none,id=hd0,file=%s,format=raw", f->image);
    drive_new(spec, false, &error_abort);
    g_assert_true(memory_region_init_ram(&f->ram, NULL, "test.ram", RAM_SIZE,
                                         &error_abort));
    memory_region_add_subregion(get_system_memory(), RAM, &f->ram);

    f->transport = devtest_create(TYPE_VIRTIO_MMIO, BASE, &f->irq, NULL, NULL);
    blk = qdev_new(TYPE_VIRTIO_BLK);
    g_assert_true(object_property_set_str(OBJECT(blk), "drive", "hd0", &error_abort));
    g_assert_true(qdev_realize_and_unref(blk, qdev_get_child_bus(f->transport,
                                                                 "virtio-bus"),
                                         &error_abort));
    device_cold_reset(f->transport);
    f->avail_idx = 0;
}

static void fixture_teardown(Fixture *f, gconstpointer data)
{
    devtest_destroy(f->transport, &f->irq);
    memory_region_finalize(&f->ram);
    drive_cleanup();
    g_unlink(f->image);
    g_rmdir(f->dir);
    g_free(f->image);
    g_free(f->dir);
}

/* The driver side of initialisation (Virtio 1.1, 3.1.1). */
static void driver_init(Fixture *f)
{
    set_reg(0x70, 1);                       /* ACKNOWLEDGE */
    set_reg(0x70, 3);                       /* DRIVER */
    set_reg(0x24, 1);
    set_reg(0x20, 1);                       /* VERSION_1 */
    set_reg(0x24, 0);
    set_reg(0x20, 1u << VIRTIO_BLK_F_FLUSH);
    set_reg(0x70, 0xb);                     /* FEATURES_OK */
    g_assert_cmphex(reg(0x70), ==, 0xb);
    set_reg(0x30, 0);
    g_assert_cmpuint(reg(0x34), ==, VIRTIO_BLK_QUEUE_SIZE);
    set_reg(0x38, QSIZE);
    set_reg(0x80, DESC);
    set_reg(0x84, 0);
    set_reg(0x90, AVAIL);
    set_reg(0x94, 0);
    set_reg(0xa0, USED);
    set_reg(0xa4, 0);
    set_reg(0x44, 1);
    g_assert_cmpuint(reg(0x44), ==, 1);
    set_reg(0x70, 0xf);                     /* DRIVER_OK */
}

static void desc(hwaddr table, int i, uint64_t addr, uint32_t len, uint16_t flags,
                 uint16_t next)
{
    hwaddr a = table + 16 * i;

    wq(a, addr);
    wl(a + 8, len);
    ww(a + 12, flags);
    ww(a + 14, next);
}

static void header(uint32_t type, uint64_t sector)
{
    wl(HDR, type);
    wl(HDR + 4, 0);
    wq(HDR + 8, sector);
}

/* Makes HEAD available and notifies; returns the used element's length. */
static uint32_t submit(Fixture *f, uint16_t head)
{
    uint16_t used_before = rw_(USED + 2);

    ww(AVAIL + 4 + 2 * (f->avail_idx % QSIZE), head);
    f->avail_idx++;
    ww(AVAIL + 2, f->avail_idx);
    set_reg(0x50, 0);
    g_assert_cmpuint(rw_(USED + 2), ==, (uint16_t)(used_before + 1));
    g_assert_cmpuint(rl(USED + 4 + 8 * (used_before % QSIZE)), ==, head);
    return rl(USED + 8 + 8 * (used_before % QSIZE));
}

static void check_image(Fixture *f, uint64_t off, const uint8_t *data, size_t len)
{
    g_autofree char *contents = NULL;
    gsize size;

    g_assert_true(g_file_get_contents(f->image, &contents, &size, NULL));
    g_assert_cmpmem(contents + off, len, data, len);
}

static void test_registers(Fixture *f, gconstpointer data)
{
    g_assert_cmphex(reg(0x000), ==, 0x74726976);
    g_assert_cmphex(reg(0x004), ==, 2);
    g_assert_cmphex(reg(0x008), ==, VIRTIO_ID_BLOCK);
    g_assert_cmphex(reg(0x00c), ==, 0x554d4551);
    set_reg(0x14, 1);
    g_assert_cmphex(reg(0x10), ==, 1);                  /* VERSION_1 */
    set_reg(0x14, 0);
    g_assert_cmphex(reg(0x10), ==, 1u << 28 | 1u << 9 | 1u << 6 | 1u << 2);
    /* config: capacity, seg_max, blk_size */
    g_assert_cmpuint(reg(0x100), ==, DISK_SIZE / 512);
    g_assert_cmpuint(reg(0x104), ==, 0);
    g_assert_cmpuint(reg(0x10c), ==, VIRTIO_BLK_SEG_MAX);
    g_assert_cmpuint(reg(0x114), ==, 512);
    g_assert_cmpuint(devtest_readb(BASE + 0x101), ==, (DISK_SIZE / 512) >> 8);
    g_assert_cmpuint(reg(0x0fc), ==, 0);

    devtest_log_start();
    set_reg(0x38, 3);
    devtest_log_expect("virtio-blk: queue size 3 invalid (maximum 128)");
    /* without VERSION_1, FEATURES_OK does not stick */
    set_reg(0x70, 3);
    set_reg(0x24, 0);
    set_reg(0x20, 1u << 9);
    set_reg(0x70, 0xb);
    devtest_log_expect("virtio-blk: features 0x200 refused");
    devtest_log_stop();
    g_assert_cmphex(reg(0x70), ==, 3);
    set_reg(0x70, 0);                                   /* reset */
    g_assert_cmphex(reg(0x70), ==, 0);
}

static void test_read(Fixture *f, gconstpointer data)
{
    uint8_t buf[1024];

    driver_init(f);
    header(VIRTIO_BLK_T_IN, 2);
    desc(DESC, 0, HDR, 16, F_NEXT, 1);
    desc(DESC, 1, DATA, 512, F_NEXT | F_WRITE, 2);
    desc(DESC, 2, DATA + 512, 512, F_NEXT | F_WRITE, 3);
    desc(DESC, 3, STATUS_B, 1, F_WRITE, 0);
    address_space_stb(&address_space_memory, STATUS_B, 0xff, MEMTXATTRS_UNSPECIFIED, NULL);
    g_assert_cmpuint(submit(f, 0), ==, 1025);
    g_assert_cmpuint(address_space_ldub(&address_space_memory, STATUS_B,
                                        MEMTXATTRS_UNSPECIFIED, NULL), ==, 0);
    address_space_read(&address_space_memory, DATA, MEMTXATTRS_UNSPECIFIED, buf, 1024);
    for (int i = 0; i < 1024; i++) {
        g_assert_cmphex(buf[i], ==, pattern(1024 + i));
    }
    g_assert_cmpint(f->irq.level, ==, 1);
    g_assert_cmphex(reg(0x60), ==, 1);
    set_reg(0x64, 1);
    g_assert_cmpint(f->irq.level, ==, 0);

    /* NO_INTERRUPT: the used ring moves, the line stays low */
    ww(AVAIL, 1);
    submit(f, 0);
    g_assert_cmpint(f->irq.level, ==, 0);
}

static void test_write_flush_id(Fixture *f, gconstpointer data)
{
    uint8_t buf[512];
    char id[20];

    for (int i = 0; i < 512; i++) {
        buf[i] = i ^ 0x5a;
    }
    driver_init(f);
    address_space_write(&address_space_memory, DATA, MEMTXATTRS_UNSPECIFIED, buf, 512);
    header(VIRTIO_BLK_T_OUT, 4);
    desc(DESC, 5, HDR, 16, F_NEXT, 6);
    desc(DESC, 6, DATA, 512, F_NEXT, 7);
    desc(DESC, 7, STATUS_B, 1, F_WRITE, 0);
    g_assert_cmpuint(submit(f, 5), ==, 1);
    g_assert_cmpuint(address_space_ldub(&address_space_memory, STATUS_B,
                                        MEMTXATTRS_UNSPECIFIED, NULL), ==, 0);
    check_image(f, 2048, buf, 512);

    header(VIRTIO_BLK_T_FLUSH, 0);
    desc(DESC, 0, HDR, 16, F_NEXT, 1);
    desc(DESC, 1, STATUS_B, 1, F_WRITE, 0);
    g_assert_cmpuint(submit(f, 0), ==, 1);
    g_assert_cmpuint(address_space_ldub(&address_space_memory, STATUS_B,
                                        MEMTXATTRS_UNSPECIFIED, NULL), ==, 0);

    header(VIRTIO_BLK_T_GET_ID, 0);
    desc(DESC, 0, HDR, 16, F_NEXT, 1);
    desc(DESC, 1, DATA, 20, F_NEXT | F_WRITE, 2);
    desc(DESC, 2, STATUS_B, 1, F_WRITE, 0);
    g_assert_cmpuint(submit(f, 0), ==, 21);
    address_space_read(&address_space_memory, DATA, MEMTXATTRS_UNSPECIFIED, id, 20);
    g_assert_cmpstr(id, ==, "hd0");
}

static void test_indirect(Fixture *f, gconstpointer data)
{
    uint8_t buf[512];

    driver_init(f);
    header(VIRTIO_BLK_T_IN, 7);
    desc(INDIRECT, 0, HDR, 16, F_NEXT, 1);
    desc(INDIRECT, 1, DATA, 512, F_NEXT | F_WRITE, 2);
    desc(INDIRECT, 2, STATUS_B, 1, F_WRITE, 0);
    desc(DESC, 9, INDIRECT, 48, F_INDIRECT, 0);
    g_assert_cmpuint(submit(f, 9), ==, 513);
    address_space_read(&address_space_memory, DATA, MEMTXATTRS_UNSPECIFIED, buf, 512);
    for (int i = 0; i < 512; i++) {
        g_assert_cmphex(buf[i], ==, pattern(7 * 512 + i));
    }
}

static void test_bad_requests(Fixture *f, gconstpointer data)
{
    driver_init(f);
    devtest_log_start();
    header(VIRTIO_BLK_T_IN, DISK_SIZE / 512);
    desc(DESC, 0, HDR, 16, F_NEXT, 1);
    desc(DESC, 1, DATA, 512, F_NEXT | F_WRITE, 2);
    desc(DESC, 2, STATUS_B, 1, F_WRITE, 0);
    g_assert_cmpuint(submit(f, 0), ==, 1);
    g_assert_cmpuint(address_space_ldub(&address_space_memory, STATUS_B,
                                        MEMTXATTRS_UNSPECIFIED, NULL), ==,
                     VIRTIO_BLK_S_IOERR);
    devtest_log_expect("virtio-blk: request of 512 bytes at sector 128 outside the disk");
    header(99, 0);
    g_assert_cmpuint(submit(f, 0), ==, 1);
    g_assert_cmpuint(address_space_ldub(&address_space_memory, STATUS_B,
                                        MEMTXATTRS_UNSPECIFIED, NULL), ==,
                     VIRTIO_BLK_S_UNSUPP);

    /* a chain that loops: the queue stops, the device needs a reset */
    desc(DESC, 3, HDR, 16, F_NEXT, 4);
    desc(DESC, 4, HDR, 16, F_NEXT, 3);
    ww(AVAIL + 4 + 2 * (f->avail_idx % QSIZE), 3);
    ww(AVAIL + 2, ++f->avail_idx);
    set_reg(0x50, 0);
    devtest_log_expect("virtio-blk: queue 0: descriptor chain out of range or looping");
    g_assert_cmphex(reg(0x70) & 0x40, ==, 0x40);
    /* a head past the ring */
    set_reg(0x70, 0);
    driver_init(f);
    f->avail_idx = 0;
    ww(AVAIL + 4, QSIZE);
    ww(AVAIL + 2, ++f->avail_idx);
    set_reg(0x50, 0);
    devtest_log_expect("virtio-blk: queue 0: head descriptor out of range");
    set_reg(0x50, 5);
    devtest_log_expect("virtio-blk: notify of missing queue 5");
    devtest_log_stop();
}

/* Saves OPAQUE's state with VMSD, lets the caller disturb it, loads it back. */
static GByteArray *state_save(const VMStateDescription *vmsd, void *opaque)
{
    QEMUFile *out = qemu_file_new_output_mem();
    GByteArray *copy;

    g_assert_true(vmstate_save_state(out, vmsd, opaque, NULL, &error_abort));
    qemu_fflush(out);
    copy = g_byte_array_new();
    g_byte_array_append(copy, qemu_file_mem_data(out)->data,
                        qemu_file_mem_data(out)->len);
    qemu_fclose(out);
    return copy;
}

static void state_load(const VMStateDescription *vmsd, void *opaque, GByteArray *data)
{
    QEMUFile *in = qemu_file_new_input_mem(data->data, data->len);

    g_assert_true(vmstate_load_state(in, vmsd, opaque, vmsd->version_id, &error_abort));
    qemu_fclose(in);
    g_byte_array_unref(data);
}

/* Queue addresses and indices survive a save/reset/load cycle. */
static void test_migrate(Fixture *f, gconstpointer data)
{
    VirtIOMMIOProxy *proxy = VIRTIO_MMIO(f->transport);
    VirtIODevice *vdev = virtio_bus_get_device(BUS(proxy->bus));
    const VMStateDescription *tvmsd = DEVICE_GET_CLASS(f->transport)->vmsd;
    const VMStateDescription *dvmsd = DEVICE_GET_CLASS(vdev)->vmsd;
    GByteArray *tstate, *dstate;
    uint8_t buf[512];

    driver_init(f);
    header(VIRTIO_BLK_T_IN, 1);
    desc(DESC, 0, HDR, 16, F_NEXT, 1);
    desc(DESC, 1, DATA, 512, F_NEXT | F_WRITE, 2);
    desc(DESC, 2, STATUS_B, 1, F_WRITE, 0);
    submit(f, 0);
    set_reg(0x30, 3);                       /* QueueSel: migrated too */
    tstate = state_save(tvmsd, f->transport);
    dstate = state_save(dvmsd, vdev);
    set_reg(0x70, 0);
    device_cold_reset(f->transport);
    g_assert_cmpuint(reg(0x70), ==, 0);
    state_load(tvmsd, f->transport, tstate);
    state_load(dvmsd, vdev, dstate);
    g_assert_cmphex(reg(0x70), ==, 0xf);
    g_assert_cmphex(proxy->queue_sel, ==, 3);
    g_assert_cmphex(vdev->vq[0].last_avail_idx, ==, 1);
    g_assert_cmphex(vdev->vq[0].desc, ==, DESC);
    header(VIRTIO_BLK_T_IN, 5);
    g_assert_cmpuint(submit(f, 0), ==, 513);
    g_assert_cmpuint(rw_(USED + 2), ==, 2);
    address_space_read(&address_space_memory, DATA, MEMTXATTRS_UNSPECIFIED, buf, 512);
    g_assert_cmphex(buf[7], ==, pattern(5 * 512 + 7));
}

static void test_errors(void)
{
    DeviceState *transport = devtest_create(TYPE_VIRTIO_MMIO, BASE, NULL, NULL, NULL);
    DeviceState *blk = qdev_new(TYPE_VIRTIO_BLK);
    const VMStateField *vqf = &vmstate_virtio_device.fields[4];
    VirtQueue vq = { .num = 3, .num_max = 128 };
    Error *err = NULL;

    /* an empty transport says DeviceID 0 */
    g_assert_cmphex(devtest_readl(BASE), ==, 0x74726976);
    g_assert_cmphex(devtest_readl(BASE + 8), ==, 0);
    g_assert_false(qdev_realize(blk, qdev_get_child_bus(transport, "virtio-bus"), &err));
    g_assert_cmpstr(error_get_pretty(err), ==,
                    "Device 'virtio-blk-device' (virtio-blk-device) failed to "
                    "realize: property 'drive' is required");
    error_free(err);
    err = NULL;
    object_unref(OBJECT(blk));

    g_assert_cmpstr(vqf->name, ==, "vq");
    g_assert_false(vqf->vmsd->post_load(&vq, 1, &err));
    g_assert_cmpstr(error_get_pretty(err), ==, "virtqueue: size 3 invalid (maximum 128)");
    error_free(err);
    g_assert_true(vmstate_check_description(&vmstate_virtio_device, &error_abort));
    g_assert_true(vmstate_check_description(DEVICE_GET_CLASS(transport)->vmsd,
                                            &error_abort));
    devtest_destroy(transport, NULL);
}

#define ADD(name, fn) \
    g_test_add("/virtio-blk/" name, Fixture, NULL, fixture_setup, fn, fixture_teardown)

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    devtest_init();
    ADD("registers", test_registers);
    ADD("read", test_read);
    ADD("write-flush-id", test_write_flush_id);
    ADD("indirect", test_indirect);
    ADD("bad-requests", test_bad_requests);
    ADD("migrate", test_migrate);
    g_test_add_func("/virtio-blk/errors", test_errors);
    return g_test_run();
}
