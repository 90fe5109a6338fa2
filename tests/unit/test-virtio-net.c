/*
 * virtio-net behind a virtio-mmio transport, driven like a guest driver
 * through the memory API: feature negotiation and the config space (MAC,
 * link status), frames sent from the transmit queue to a test back end,
 * frames from the back end into receive buffers (one buffer, mergeable
 * buffers, waiting for buffers, too large), a malformed receive buffer,
 * state across save/load, and an ARP round trip through libslirp.
 */
#include "qemu/osdep.h"
#include "devtest.h"
#include "hw/virtio/virtio-mmio.h"
#include "hw/virtio/virtio-net.h"
#include "migration/vmstate.h"
#include "migration/qemu-file.h"
#include "qemu/main-loop.h"
#include "system/runstate.h"

#define BASE        0x10013000
#define RAM         0x60000000
#define RAM_SIZE    (1 * MiB)
/* Receive queue 0 and transmit queue 1: tables and rings. */
#define RX_DESC     (RAM + 0x0000)
#define RX_AVAIL    (RAM + 0x1000)
#define RX_USED     (RAM + 0x2000)
#define TX_DESC     (RAM + 0x3000)
#define TX_AVAIL    (RAM + 0x4000)
#define TX_USED     (RAM + 0x5000)
#define RX_BUF      (RAM + 0x10000)     /* buffer i at RX_BUF + 0x1000 * i */
#define TX_BUF      (RAM + 0x20000)
#define QSIZE       16

#define F_NEXT      1
#define F_WRITE     2

#define FEATURES_LO (1u << VIRTIO_NET_F_MAC | 1u << VIRTIO_NET_F_MRG_RXBUF | \
                     1u << VIRTIO_NET_F_STATUS)

/* The test's back end: the NIC's peer, keeping what it receives. */
typedef struct TestPeer {
    NetClientState nc;
    GPtrArray *frames;          /* GBytes */
} TestPeer;

static ssize_t peer_receive(NetClientState *nc, const uint8_t *buf, size_t size)
{
    TestPeer *p = container_of(nc, TestPeer, nc);

    g_ptr_array_add(p->frames, g_bytes_new(buf, size));
    return size;
}

static void peer_cleanup(NetClientState *nc)
{
    TestPeer *p = container_of(nc, TestPeer, nc);

    g_ptr_array_unref(p->frames);
}

static const NetClientInfo peer_info = {
    .type = NET_CLIENT_DRIVER_OTHER,
    .size = sizeof(TestPeer),
    .receive = peer_receive,
    .cleanup = peer_cleanup,
};

typedef struct Fixture {
    MemoryRegion ram;
    DeviceState *transport;
    VirtIONet *net;
    TestPeer *peer;             /* NULL with slirp */
    IrqRecorder irq;
    uint16_t rx_avail, tx_avail;
} Fixture;

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

static void setup_common(Fixture *f, const char *netdev)
{
    DeviceState *dev;

    g_assert_true(memory_region_init_ram(&f->ram, NULL, "test.ram", RAM_SIZE,
                                         &error_abort));
    memory_region_add_subregion(get_system_memory(), RAM, &f->ram);
    f->transport = devtest_create(TYPE_VIRTIO_MMIO, BASE, &f->irq, NULL, NULL);
    dev = qdev_new(TYPE_VIRTIO_NET);
    g_assert_true(object_property_set_str(OBJECT(dev), "mac", "52:54:00:aa:bb:cc",
                                          &error_abort));
    g_assert_true(object_property_set_str(OBJECT(dev), "netdev", netdev, &error_abort));
    g_assert_true(qdev_realize_and_unref(dev, qdev_get_child_bus(f->transport, "virtio-bus"),
                                         &error_abort));
    f->net = VIRTIO_NET(dev);
    device_cold_reset(f->transport);
    f->rx_avail = f->tx_avail = 0;
    if (!runstate_is_running()) {
        vm_start();
    }
}

static void fixture_setup(Fixture *f, gconstpointer data)
{
    f->peer = (TestPeer *)qemu_new_net_client(&peer_info, NULL, "test", "peer0");
    f->peer->frames = g_ptr_array_new_with_free_func((GDestroyNotify)g_bytes_unref);
    setup_common(f, "peer0");
}

static void fixture_teardown(Fixture *f, gconstpointer data)
{
    devtest_destroy(f->transport, &f->irq);
    memory_region_finalize(&f->ram);
    net_cleanup();
}

static void queue_setup(unsigned n, hwaddr desc, hwaddr avail, hwaddr used)
{
    set_reg(0x30, n);
    g_assert_cmpuint(reg(0x34), ==, VIRTIO_NET_QUEUE_SIZE);
    set_reg(0x38, QSIZE);
    set_reg(0x80, desc);
    set_reg(0x84, 0);
    set_reg(0x90, avail);
    set_reg(0x94, 0);
    set_reg(0xa0, used);
    set_reg(0xa4, 0);
    set_reg(0x44, 1);
}

/* The driver side of initialisation with FEATURES (low word) and VERSION_1. */
static void driver_init(uint32_t features)
{
    set_reg(0x70, 1);
    set_reg(0x70, 3);
    set_reg(0x24, 1);
    set_reg(0x20, 1);
    set_reg(0x24, 0);
    set_reg(0x20, features);
    set_reg(0x70, 0xb);
    g_assert_cmphex(reg(0x70), ==, 0xb);
    queue_setup(0, RX_DESC, RX_AVAIL, RX_USED);
    queue_setup(1, TX_DESC, TX_AVAIL, TX_USED);
    set_reg(0x70, 0xf);
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

/* Offers receive buffer I (LEN bytes, descriptor I) without notifying. */
static void rx_offer(Fixture *f, int i, uint32_t len)
{
    desc(RX_DESC, i, RX_BUF + 0x1000 * i, len, F_WRITE, 0);
    ww(RX_AVAIL + 4 + 2 * (f->rx_avail % QSIZE), i);
    f->rx_avail++;
    ww(RX_AVAIL + 2, f->rx_avail);
}

static void make_frame(uint8_t *buf, size_t len, uint8_t seed)
{
    for (size_t i = 0; i < len; i++) {
        buf[i] = seed + i * 7;
    }
}

/*
 * Sends LEN bytes as one frame from the transmit queue; the header spans
 * two descriptors (4 bytes, then the other 8 with the frame).
 */
static void tx_send(Fixture *f, const uint8_t *frame, size_t len)
{
    uint8_t hdr[VIRTIO_NET_HDR_LEN] = { 0 };
    int d = 2 * (f->tx_avail % (QSIZE / 2));

    address_space_write(&address_space_memory, TX_BUF, MEMTXATTRS_UNSPECIFIED, hdr,
                        sizeof(hdr));
    address_space_write(&address_space_memory, TX_BUF + sizeof(hdr), MEMTXATTRS_UNSPECIFIED,
                        frame, len);
    desc(TX_DESC, d, TX_BUF, 4, F_NEXT, d + 1);
    desc(TX_DESC, d + 1, TX_BUF + 4, 8 + len, 0, 0);
    ww(TX_AVAIL + 4 + 2 * (f->tx_avail % QSIZE), d);
    f->tx_avail++;
    ww(TX_AVAIL + 2, f->tx_avail);
    set_reg(0x50, 1);
}

static void test_config(Fixture *f, gconstpointer data)
{
    g_assert_cmphex(reg(0x008), ==, VIRTIO_ID_NET);
    set_reg(0x14, 0);
    g_assert_cmphex(reg(0x10), ==, 1u << 28 | FEATURES_LO);
    set_reg(0x14, 1);
    g_assert_cmphex(reg(0x10), ==, 1);
    /* config: mac, status (link up) */
    g_assert_cmphex(reg(0x100), ==, 0xaa005452);
    g_assert_cmphex(devtest_readb(BASE + 0x104), ==, 0xbb);
    g_assert_cmphex(devtest_readb(BASE + 0x105), ==, 0xcc);
    g_assert_cmphex(devtest_readb(BASE + 0x106), ==, VIRTIO_NET_S_LINK_UP);
    g_assert_cmphex(devtest_readb(BASE + 0x107), ==, 0);
    /* two queues, no third (no control queue) */
    set_reg(0x30, 1);
    g_assert_cmpuint(reg(0x34), ==, VIRTIO_NET_QUEUE_SIZE);
    set_reg(0x30, 2);
    g_assert_cmpuint(reg(0x34), ==, 0);
    /* the NIC is joined to the back end */
    g_assert_true(qemu_get_queue(f->net->nic)->peer == &f->peer->nc);
}

static void test_transmit(Fixture *f, gconstpointer data)
{
    uint8_t frame[100];
    gsize size;
    const uint8_t *got;

    driver_init(FEATURES_LO);
    make_frame(frame, sizeof(frame), 1);
    tx_send(f, frame, sizeof(frame));
    g_assert_cmpuint(f->peer->frames->len, ==, 1);
    got = g_bytes_get_data(g_ptr_array_index(f->peer->frames, 0), &size);
    g_assert_cmpmem(got, size, frame, sizeof(frame));
    g_assert_cmpuint(rw_(TX_USED + 2), ==, 1);
    g_assert_cmpuint(rl(TX_USED + 4), ==, 0);           /* head descriptor */
    g_assert_cmpuint(rl(TX_USED + 8), ==, 0);           /* nothing written */
    g_assert_cmpint(f->irq.level, ==, 1);
    set_reg(0x64, 1);
    /* Shorter than the header: logged, returned, nothing sent. */
    devtest_log_start();
    desc(TX_DESC, 4, TX_BUF, 6, 0, 0);
    ww(TX_AVAIL + 4 + 2 * (f->tx_avail % QSIZE), 4);
    f->tx_avail++;
    ww(TX_AVAIL + 2, f->tx_avail);
    set_reg(0x50, 1);
    devtest_log_expect("virtio-net: bad transmit buffer (6 readable, 0 writable bytes)");
    devtest_log_stop();
    g_assert_cmpuint(f->peer->frames->len, ==, 1);
    g_assert_cmpuint(rw_(TX_USED + 2), ==, 2);
}

static void test_receive_one_buffer(Fixture *f, gconstpointer data)
{
    uint8_t frame[200], got[200];

    driver_init(1u << VIRTIO_NET_F_MAC);
    make_frame(frame, sizeof(frame), 9);
    /* No buffer yet: the frame waits in the net core. */
    g_assert_cmpint(qemu_send_packet(&f->peer->nc, frame, sizeof(frame)), ==, 0);
    g_assert_cmpuint(qemu_net_queue_len(qemu_get_queue(f->net->nic)), ==, 1);
    g_assert_cmpint(f->irq.level, ==, 0);
    rx_offer(f, 0, 1514 + VIRTIO_NET_HDR_LEN);
    set_reg(0x50, 0);                                   /* notify rx: flush */
    g_assert_cmpuint(qemu_net_queue_len(qemu_get_queue(f->net->nic)), ==, 0);
    g_assert_cmpuint(rw_(RX_USED + 2), ==, 1);
    g_assert_cmpuint(rl(RX_USED + 8), ==, VIRTIO_NET_HDR_LEN + sizeof(frame));
    g_assert_cmpuint(rw_(RX_BUF + 10), ==, 1);         /* num_buffers */
    g_assert_cmphex(rl(RX_BUF), ==, 0);                 /* flags, gso_type... */
    address_space_read(&address_space_memory, RX_BUF + VIRTIO_NET_HDR_LEN,
                       MEMTXATTRS_UNSPECIFIED, got, sizeof(got));
    g_assert_cmpmem(got, sizeof(got), frame, sizeof(frame));
    g_assert_cmpint(f->irq.level, ==, 1);

    /* Without MRG_RXBUF, a frame larger than one buffer is dropped. */
    rx_offer(f, 1, 64);
    devtest_log_start();
    g_assert_cmpint(qemu_send_packet(&f->peer->nc, frame, sizeof(frame)), ==,
                    sizeof(frame));
    devtest_log_expect("virtio-net: 200-byte frame does not fit the receive buffers, "
                       "dropped");
    devtest_log_stop();
    g_assert_cmpuint(f->net->rx_dropped, ==, 1);
    g_assert_cmpuint(rw_(RX_USED + 2), ==, 1);
    /* The buffer was given back: a small frame takes it. */
    g_assert_cmpint(qemu_send_packet(&f->peer->nc, frame, 40), ==, 40);
    g_assert_cmpuint(rw_(RX_USED + 2), ==, 2);
    g_assert_cmpuint(rl(RX_USED + 8 + 8), ==, VIRTIO_NET_HDR_LEN + 40);
}

static void test_receive_mergeable(Fixture *f, gconstpointer data)
{
    uint8_t frame[150], got[150];

    driver_init(FEATURES_LO);
    make_frame(frame, sizeof(frame), 33);
    rx_offer(f, 0, 64);
    rx_offer(f, 1, 64);
    /* 162 bytes need three 64-byte buffers: with two, the frame waits. */
    g_assert_cmpint(qemu_send_packet(&f->peer->nc, frame, sizeof(frame)), ==, 0);
    g_assert_cmpuint(rw_(RX_USED + 2), ==, 0);
    rx_offer(f, 2, 64);
    set_reg(0x50, 0);
    g_assert_cmpuint(rw_(RX_USED + 2), ==, 3);
    g_assert_cmpuint(rl(RX_USED + 4), ==, 0);
    g_assert_cmpuint(rl(RX_USED + 8), ==, 64);
    g_assert_cmpuint(rl(RX_USED + 12), ==, 1);
    g_assert_cmpuint(rl(RX_USED + 16), ==, 64);
    g_assert_cmpuint(rl(RX_USED + 20), ==, 2);
    g_assert_cmpuint(rl(RX_USED + 24), ==, 162 - 128);
    g_assert_cmpuint(rw_(RX_BUF + 10), ==, 3);
    address_space_read(&address_space_memory, RX_BUF + 12, MEMTXATTRS_UNSPECIFIED,
                       got, 52);
    address_space_read(&address_space_memory, RX_BUF + 0x1000, MEMTXATTRS_UNSPECIFIED,
                       got + 52, 64);
    address_space_read(&address_space_memory, RX_BUF + 0x2000, MEMTXATTRS_UNSPECIFIED,
                       got + 116, 34);
    g_assert_cmpmem(got, sizeof(got), frame, sizeof(frame));
}

static void test_receive_errors(Fixture *f, gconstpointer data)
{
    uint8_t frame[60] = { 0 };

    /* Before DRIVER_OK nothing is delivered: the core queues. */
    g_assert_cmpint(qemu_send_packet(&f->peer->nc, frame, sizeof(frame)), ==, 0);
    driver_init(FEATURES_LO);
    /* A receive buffer the device may not write: the queue breaks. */
    desc(RX_DESC, 0, RX_BUF, 64, 0, 0);
    ww(RX_AVAIL + 4, 0);
    ww(RX_AVAIL + 2, 1);
    devtest_log_start();
    set_reg(0x50, 0);
    devtest_log_expect("virtio-net: receive buffer is not a writable buffer of at least "
                       "the header size");
    devtest_log_stop();
    g_assert_cmphex(reg(0x70) & VIRTIO_CONFIG_S_NEEDS_RESET, ==,
                    VIRTIO_CONFIG_S_NEEDS_RESET);
    g_assert_cmpuint(rw_(RX_USED + 2), ==, 0);
    /* The broken queue takes nothing more until reset. */
    g_assert_cmpint(qemu_send_packet(&f->peer->nc, frame, sizeof(frame)), ==, 0);
    set_reg(0x70, 0);
    g_assert_cmphex(reg(0x70), ==, 0);
}

static GByteArray *state_save(const VMStateDescription *vmsd, void *opaque)
{
    QEMUFile *out = qemu_file_new_output_mem();
    GByteArray *copy = g_byte_array_new();

    g_assert_true(vmstate_save_state(out, vmsd, opaque, NULL, &error_abort));
    qemu_fflush(out);
    g_byte_array_append(copy, qemu_file_mem_data(out)->data, qemu_file_mem_data(out)->len);
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

/* Negotiated features and both queues survive save, reset, load. */
static void test_migrate(Fixture *f, gconstpointer data)
{
    const VMStateDescription *tvmsd = DEVICE_GET_CLASS(f->transport)->vmsd;
    const VMStateDescription *dvmsd = DEVICE_GET_CLASS(f->net)->vmsd;
    VirtIODevice *vdev = VIRTIO_DEVICE(f->net);
    GByteArray *tstate, *dstate;
    uint8_t frame[80];

    g_assert_true(vmstate_check_description(dvmsd, &error_abort));
    driver_init(FEATURES_LO);
    make_frame(frame, sizeof(frame), 3);
    tx_send(f, frame, sizeof(frame));
    rx_offer(f, 0, 256);
    rx_offer(f, 1, 256);
    set_reg(0x50, 0);
    qemu_send_packet(&f->peer->nc, frame, sizeof(frame));
    tstate = state_save(tvmsd, f->transport);
    dstate = state_save(dvmsd, vdev);
    set_reg(0x70, 0);
    device_cold_reset(f->transport);
    g_assert_cmpuint(vdev->guest_features, ==, 0);
    state_load(tvmsd, f->transport, tstate);
    state_load(dvmsd, vdev, dstate);
    g_assert_cmphex(reg(0x70), ==, 0xf);
    g_assert_cmphex(vdev->guest_features, ==, 1ull << 32 | FEATURES_LO);
    g_assert_cmpuint(f->net->status, ==, VIRTIO_NET_S_LINK_UP);
    g_assert_cmpuint(vdev->vq[0].last_avail_idx, ==, 1);
    g_assert_cmpuint(vdev->vq[1].last_avail_idx, ==, 1);
    /* Both queues carry on where they were. */
    qemu_send_packet(&f->peer->nc, frame, 20);
    g_assert_cmpuint(rw_(RX_USED + 2), ==, 2);
    g_assert_cmpuint(rl(RX_USED + 12), ==, 1);
    tx_send(f, frame, 30);
    g_assert_cmpuint(f->peer->frames->len, ==, 2);
    g_assert_cmpuint(rw_(TX_USED + 2), ==, 2);
}

/* ARP "who has 10.0.2.2" through the transmit queue; slirp's reply arrives. */
static void test_slirp_arp(void)
{
    static const uint8_t mac[6] = { 0x52, 0x54, 0x00, 0xaa, 0xbb, 0xcc };
    Fixture fx = { 0 }, *f = &fx;
    uint8_t arp[42] = { 0 }, got[42];
    gint64 end;

    g_assert_true(qemu_init_main_loop(&error_abort));
    g_assert_true(net_client_init_netdev("user,id=u0", &error_abort));
    setup_common(f, "u0");
    driver_init(FEATURES_LO);
    rx_offer(f, 0, 1526);
    set_reg(0x50, 0);

    memset(arp, 0xff, 6);
    memcpy(arp + 6, mac, 6);
    arp[12] = 0x08;
    arp[13] = 0x06;
    arp[15] = 1;                                        /* Ethernet */
    arp[16] = 0x08;                                     /* IPv4 */
    arp[18] = 6;
    arp[19] = 4;
    arp[21] = 1;                                        /* request */
    memcpy(arp + 22, mac, 6);
    memcpy(arp + 28, (uint8_t[]){ 10, 0, 2, 15 }, 4);
    memcpy(arp + 38, (uint8_t[]){ 10, 0, 2, 2 }, 4);
    tx_send(f, arp, sizeof(arp));
    g_assert_cmpuint(rw_(TX_USED + 2), ==, 1);

    end = g_get_monotonic_time() + 10 * G_USEC_PER_SEC;
    while (rw_(RX_USED + 2) == 0 && g_get_monotonic_time() < end) {
        main_loop_wait(true);
        g_usleep(1000);
    }
    g_assert_cmpuint(rw_(RX_USED + 2), ==, 1);
    g_assert_cmpuint(rl(RX_USED + 8), >=, VIRTIO_NET_HDR_LEN + 42);
    address_space_read(&address_space_memory, RX_BUF + VIRTIO_NET_HDR_LEN,
                       MEMTXATTRS_UNSPECIFIED, got, sizeof(got));
    g_assert_cmpmem(got, 6, mac, 6);                    /* to us */
    g_assert_cmphex(got[12] << 8 | got[13], ==, 0x0806);
    g_assert_cmphex(got[20] << 8 | got[21], ==, 2);     /* reply */
    g_assert_cmpmem(got + 28, 4, ((uint8_t[]){ 10, 0, 2, 2 }), 4);
    g_assert_cmpmem(got + 32, 6, mac, 6);
    g_assert_cmpint(f->irq.level, ==, 1);
    fixture_teardown(f, NULL);
}

static void test_no_netdev(void)
{
    DeviceState *transport = devtest_create(TYPE_VIRTIO_MMIO, BASE, NULL, NULL, NULL);
    DeviceState *dev = qdev_new(TYPE_VIRTIO_NET);
    Error *err = NULL;

    /* Without a back end the NIC works and its frames go nowhere. */
    g_assert_true(qdev_realize_and_unref(dev, qdev_get_child_bus(transport, "virtio-bus"),
                                         &error_abort));
    g_assert_null(qemu_get_queue(VIRTIO_NET(dev)->nic)->peer);
    devtest_destroy(transport, NULL);
    dev = qdev_new(TYPE_VIRTIO_NET);
    g_assert_false(object_property_set_str(OBJECT(dev), "netdev", "nosuch", &err));
    g_assert_nonnull(strstr(error_get_pretty(err), "nosuch"));
    error_free(err);
    object_unref(OBJECT(dev));
    net_cleanup();
}

#define ADD(name, fn) \
    g_test_add("/virtio-net/" name, Fixture, NULL, fixture_setup, fn, fixture_teardown)

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    devtest_init();
    ADD("config", test_config);
    ADD("transmit", test_transmit);
    ADD("receive-one-buffer", test_receive_one_buffer);
    ADD("receive-mergeable", test_receive_mergeable);
    ADD("receive-errors", test_receive_errors);
    ADD("migrate", test_migrate);
    g_test_add_func("/virtio-net/no-netdev", test_no_netdev);
    g_test_add_func("/virtio-net/slirp-arp", test_slirp_arp);
    return g_test_run();
}
