/*
 * LAN9118 through its registers, joined to a test back end: identity and
 * reset values, MAC CSRs and the PHY, transmit through the TX data FIFO,
 * receive into the RX FIFOs with filtering, FCS and interrupts,
 * back-pressure when the RX FIFO is full, loopback, the general-purpose
 * timer, soft reset, its properties and its state description.
 */
#include "qemu/osdep.h"
#include "devtest.h"
#include "hw/net/lan9118.h"
#include "migration/vmstate.h"
#include "net/net.h"

#include <zlib.h>

#define BASE 0x4e000000
#define RX_DATA         (BASE + 0x00)
#define TX_DATA         (BASE + 0x20)
#define RX_STATUS       (BASE + 0x40)
#define RX_STATUS_PEEK  (BASE + 0x44)
#define TX_STATUS       (BASE + 0x48)
#define ID_REV          (BASE + 0x50)
#define IRQ_CFG         (BASE + 0x54)
#define INT_STS         (BASE + 0x58)
#define INT_EN          (BASE + 0x5c)
#define BYTE_TEST       (BASE + 0x64)
#define FIFO_INT        (BASE + 0x68)
#define RX_CFG          (BASE + 0x6c)
#define TX_CFG          (BASE + 0x70)
#define HW_CFG          (BASE + 0x74)
#define RX_DP_CTRL      (BASE + 0x78)
#define RX_FIFO_INF     (BASE + 0x7c)
#define TX_FIFO_INF     (BASE + 0x80)
#define PMT_CTRL        (BASE + 0x84)
#define GPT_CFG         (BASE + 0x8c)
#define GPT_CNT         (BASE + 0x90)
#define FREE_RUN        (BASE + 0x9c)
#define RX_DROP         (BASE + 0xa0)
#define MAC_CSR_CMD     (BASE + 0xa4)
#define MAC_CSR_DATA    (BASE + 0xa8)
#define E2P_CMD         (BASE + 0xb0)

#define MAC_CR 1
#define ADDRH 2
#define ADDRL 3
#define HASHH 4
#define HASHL 5
#define MII_ACC 6
#define MII_DATA 7

#define MAC_CR_TXEN     (1u << 3)
#define MAC_CR_RXEN     (1u << 2)
#define MAC_CR_BCAST    (1u << 11)
#define MAC_CR_HPFILT   (1u << 13)
#define INT_SW          (1u << 31)
#define INT_RXSTOP      (1u << 24)
#define INT_GPT         (1u << 19)
#define INT_TSFL        (1u << 7)
#define INT_RSFL        (1u << 3)
#define IRQ_EN          (1u << 8)
#define IRQ_INT         (1u << 12)

static const uint8_t nic_mac[6] = { 0x52, 0x54, 0x00, 0xaa, 0xbb, 0xcc };

/* The far end of the cable: records frames, refuses nothing. */
typedef struct Peer {
    NetClientState nc;
    GPtrArray *frames;
} Peer;

static ssize_t peer_receive(NetClientState *nc, const uint8_t *buf, size_t size)
{
    g_ptr_array_add(container_of(nc, Peer, nc)->frames, g_bytes_new(buf, size));
    return size;
}

static void peer_cleanup(NetClientState *nc)
{
    g_ptr_array_free(container_of(nc, Peer, nc)->frames, true);
}

static const NetClientInfo peer_info = {
    .type = NET_CLIENT_DRIVER_OTHER,
    .size = sizeof(Peer),
    .receive = peer_receive,
    .cleanup = peer_cleanup,
};

typedef struct Fixture {
    Peer *peer;
    DeviceState *dev;
    IrqRecorder irq;
} Fixture;

static void setup_props(DeviceState *dev, void *opaque)
{
    object_property_set_str(OBJECT(dev), "netdev", "peer0", &error_abort);
    object_property_set_str(OBJECT(dev), "mac", "52:54:00:aa:bb:cc", &error_abort);
}

static void fixture_setup(Fixture *f, gconstpointer data)
{
    f->peer = (Peer *)qemu_new_net_client(&peer_info, NULL, "peer", "peer0");
    f->peer->frames = g_ptr_array_new_with_free_func((GDestroyNotify)g_bytes_unref);
    f->dev = devtest_create(TYPE_LAN9118, BASE, &f->irq, setup_props, NULL);
}

static void fixture_teardown(Fixture *f, gconstpointer data)
{
    devtest_destroy(f->dev, &f->irq);
    g_assert_null(f->peer->nc.peer);
    qemu_del_net_client(&f->peer->nc);
    net_cleanup();
}

static void csr_write(unsigned idx, uint32_t val)
{
    devtest_writel(MAC_CSR_DATA, val);
    devtest_writel(MAC_CSR_CMD, 0x80000000u | idx);
    g_assert_false(devtest_readl(MAC_CSR_CMD) & 0x80000000u);
}

static uint32_t csr_read(unsigned idx)
{
    devtest_writel(MAC_CSR_CMD, 0xc0000000u | idx);
    g_assert_false(devtest_readl(MAC_CSR_CMD) & 0x80000000u);
    return devtest_readl(MAC_CSR_DATA);
}

static uint32_t mii_read(unsigned phy, unsigned reg)
{
    csr_write(MII_ACC, phy << 11 | reg << 6 | 1);
    g_assert_false(csr_read(MII_ACC) & 1);
    return csr_read(MII_DATA);
}

static void mii_write(unsigned phy, unsigned reg, uint32_t val)
{
    csr_write(MII_DATA, val);
    csr_write(MII_ACC, phy << 11 | reg << 6 | 2 | 1);
}

/* Writes LEN bytes as one TX buffer starting OFFSET bytes into its first word. */
static void tx_buffer(const uint8_t *data, size_t len, unsigned offset, uint32_t flags,
                      uint32_t cmd_b)
{
    size_t words = (offset + len + 3) / 4;

    devtest_writel(TX_DATA, flags | offset << 16 | len);
    devtest_writel(TX_DATA, cmd_b);
    for (size_t w = 0; w < words; w++) {
        uint32_t v = 0;

        for (int b = 0; b < 4; b++) {
            size_t pos = w * 4 + b;

            if (pos >= offset && pos - offset < len) {
                v |= (uint32_t)data[pos - offset] << (8 * b);
            }
        }
        devtest_writel(TX_DATA + (w % 8) * 4, v);
    }
}

#define TXA_FIRST (1u << 13)
#define TXA_LAST  (1u << 12)

static void make_frame(uint8_t *f, size_t len, const uint8_t *dst, uint8_t seed)
{
    for (size_t i = 0; i < len; i++) {
        f[i] = seed + i * 7;
    }
    memcpy(f, dst, 6);
    memcpy(f + 6, "\x02\x00\x00\x00\x00\x01", 6);
    f[12] = 0x08;
    f[13] = 0x00;
}

/* Reads the next RX frame: returns its status; DATA gets LEN-4 bytes after OFF pad. */
static uint32_t rx_read(uint8_t *data, size_t *len, unsigned off)
{
    uint32_t status = devtest_readl(RX_STATUS);
    size_t total = (status >> 16) & 0x3fff;
    size_t words = (off + total + 3) / 4;
    g_autofree uint8_t *raw = g_malloc(words * 4);

    for (size_t w = 0; w < words; w++) {
        uint32_t v = devtest_readl(RX_DATA + (w % 8) * 4);

        for (int b = 0; b < 4; b++) {
            raw[w * 4 + b] = v >> (8 * b);
        }
    }
    /* The FCS is the IEEE CRC-32 of the frame, least significant byte first. */
    g_assert_cmphex(crc32(0, raw + off, total - 4), ==,
                    raw[off + total - 4] | raw[off + total - 3] << 8 |
                    raw[off + total - 2] << 16 | (uint32_t)raw[off + total - 1] << 24);
    memcpy(data, raw + off, total - 4);
    *len = total - 4;
    return status;
}

static void enable(uint32_t mac_cr_extra)
{
    csr_write(MAC_CR, MAC_CR_TXEN | MAC_CR_RXEN | mac_cr_extra);
    devtest_writel(TX_CFG, 2);                  /* TX_ON */
}

static void test_reset_values(Fixture *f, gconstpointer data)
{
    g_assert_cmphex(devtest_readl(ID_REV), ==, 0x01180001);
    g_assert_cmphex(devtest_readl(BYTE_TEST), ==, 0x87654321);
    g_assert_cmphex(devtest_readl(HW_CFG), ==, 0x00150004);
    g_assert_cmphex(devtest_readl(PMT_CTRL) & 1, ==, 1);
    g_assert_cmphex(devtest_readl(FIFO_INT), ==, 0x48000000);
    g_assert_cmphex(devtest_readl(TX_FIFO_INF), ==, 4608);
    g_assert_cmphex(devtest_readl(RX_FIFO_INF), ==, 0);
    g_assert_cmphex(devtest_readl(E2P_CMD), ==, 0x200);
    g_assert_cmphex(devtest_readl(INT_EN), ==, 0);
    g_assert_cmpint(f->irq.level, ==, 0);
    /* The "mac" property is what the EEPROM would have loaded. */
    g_assert_cmphex(csr_read(ADDRL), ==, 0xaa005452);
    g_assert_cmphex(csr_read(ADDRH), ==, 0xccbb);
    g_assert_cmphex(csr_read(MAC_CR), ==, 0);
    /* An EEPROM command times out: there is none. */
    devtest_writel(E2P_CMD, 0x80000000u);
    g_assert_cmphex(devtest_readl(E2P_CMD), ==, 0x300);
    devtest_writel(E2P_CMD, 0x100);             /* write 1 to clear the timeout */
    g_assert_cmphex(devtest_readl(E2P_CMD), ==, 0x200);
}

static void test_phy(Fixture *f, gconstpointer data)
{
    g_assert_cmphex(mii_read(1, 2), ==, 0x0007);
    g_assert_cmphex(mii_read(1, 3), ==, 0xc0d1);
    g_assert_cmphex(mii_read(1, 1) & 0x0024, ==, 0x0024);  /* link up, negotiated */
    g_assert_cmphex(mii_read(1, 0), ==, 0x3100);
    g_assert_cmphex(mii_read(1, 4), ==, 0x01e1);
    g_assert_cmphex(mii_read(1, 5) & 0x01e0, ==, 0x01e0);
    mii_write(1, 4, 0x0061);
    g_assert_cmphex(mii_read(1, 4), ==, 0x0061);
    mii_write(1, 0, 0x8000);                    /* PHY reset */
    g_assert_cmphex(mii_read(1, 4), ==, 0x01e1);
    g_assert_cmphex(mii_read(1, 0), ==, 0x3100);
    /* Nothing answers at other addresses. */
    g_assert_cmphex(mii_read(2, 2), ==, 0xffff);
    g_assert_cmphex(mii_read(0, 1), ==, 0xffff);
}

/* Linux's smsc911x leaves MIIBZY clear when it writes MII_ACC: the access happens anyway. */
static void test_phy_without_busy_bit(Fixture *f, gconstpointer data)
{
    csr_write(MII_ACC, 1 << 11 | 2 << 6);
    g_assert_false(csr_read(MII_ACC) & 1);
    g_assert_cmphex(csr_read(MII_DATA), ==, 0x0007);
    csr_write(MII_ACC, 1 << 11 | 3 << 6);
    g_assert_cmphex(csr_read(MII_DATA), ==, 0xc0d1);
    csr_write(MII_DATA, 0x4100);                /* loopback, full duplex */
    csr_write(MII_ACC, 1 << 11 | 0 << 6 | 2);
    g_assert_cmphex(mii_read(1, 0), ==, 0x4100);
}

static void test_transmit(Fixture *f, gconstpointer data)
{
    uint8_t frame[100];
    const uint8_t *got;
    gsize size;

    enable(0);
    devtest_writel(INT_EN, INT_TSFL);
    devtest_writel(IRQ_CFG, IRQ_EN | 0x11);

    /* A 42-byte frame, 2 bytes into the first word: padded to 60 on the wire. */
    make_frame(frame, 42, nic_mac, 1);
    tx_buffer(frame, 42, 2, TXA_FIRST | TXA_LAST, 0x1234u << 16 | 42);
    g_assert_cmpuint(f->peer->frames->len, ==, 1);
    got = g_bytes_get_data(g_ptr_array_index(f->peer->frames, 0), &size);
    g_assert_cmpuint(size, ==, 60);
    g_assert_cmpmem(got, 42, frame, 42);
    g_assert_cmpmem(got + 42, 18, (uint8_t[18]){ 0 }, 18);

    g_assert_cmphex(devtest_readl(TX_FIFO_INF) >> 16, ==, 1);
    g_assert_true(devtest_readl(INT_STS) & INT_TSFL);
    g_assert_true(devtest_readl(IRQ_CFG) & IRQ_INT);
    g_assert_cmpint(f->irq.level, ==, 1);
    g_assert_cmphex(devtest_readl(TX_STATUS), ==, 0x12340000);
    devtest_writel(INT_STS, INT_TSFL);
    g_assert_cmpint(f->irq.level, ==, 0);
    g_assert_false(devtest_readl(IRQ_CFG) & IRQ_INT);

    /* Two buffers, the second with 16-byte end alignment. */
    make_frame(frame, 100, nic_mac, 9);
    tx_buffer(frame, 30, 3, TXA_FIRST, 0x55u << 16 | 100);
    g_assert_cmpuint(f->peer->frames->len, ==, 1);
    devtest_writel(TX_DATA, TXA_LAST | 1u << 24 | 70);
    devtest_writel(TX_DATA, 0x55u << 16 | 100);
    for (int w = 0; w < 20; w++) {            /* 70 bytes rounded up to 80 */
        uint32_t v = 0;

        for (int b = 0; b < 4; b++) {
            if (w * 4 + b < 70) {
                v |= (uint32_t)frame[30 + w * 4 + b] << (8 * b);
            }
        }
        devtest_writel(TX_DATA, v);
        g_assert_cmpuint(f->peer->frames->len, ==, w < 19 ? 1 : 2);
    }
    got = g_bytes_get_data(g_ptr_array_index(f->peer->frames, 1), &size);
    g_assert_cmpuint(size, ==, 100);
    g_assert_cmpmem(got, 100, frame, 100);
    g_assert_cmphex(devtest_readl(TX_STATUS), ==, 0x00550000);

    /* Transmitter off: the frame is dropped, with a guest error. */
    devtest_log_start();
    devtest_writel(TX_CFG, 1);                  /* STOP_TX */
    g_assert_false(devtest_readl(TX_CFG) & 2);
    tx_buffer(frame, 60, 0, TXA_FIRST | TXA_LAST, 60);
    devtest_log_expect("lan9118: frame written while the transmitter is off");
    devtest_log_stop();
    g_assert_cmpuint(f->peer->frames->len, ==, 2);
}

static void test_receive(Fixture *f, gconstpointer data)
{
    uint8_t frame[200], got[1600];
    static const uint8_t other[6] = { 0x52, 0x54, 0x00, 0x99, 0x99, 0x99 };
    static const uint8_t bcast[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
    size_t len;
    uint32_t status;

    /* Receiver off: frames pass by. */
    make_frame(frame, 100, nic_mac, 3);
    g_assert_cmpint(qemu_send_packet(&f->peer->nc, frame, 100), ==, 100);
    g_assert_cmphex(devtest_readl(RX_FIFO_INF), ==, 0);

    enable(0);
    devtest_writel(RX_CFG, 2 << 8);             /* RXDOFF 2, as Linux uses */
    devtest_writel(INT_EN, INT_RSFL);
    devtest_writel(IRQ_CFG, IRQ_EN);
    g_assert_cmpint(qemu_send_packet(&f->peer->nc, frame, 100), ==, 100);
    g_assert_cmphex(devtest_readl(RX_FIFO_INF), ==, 1 << 16 | 108);
    g_assert_cmpint(f->irq.level, ==, 1);
    g_assert_cmphex(devtest_readl(RX_STATUS_PEEK) >> 16, ==, 104);
    status = rx_read(got, &len, 2);
    g_assert_cmphex(status, ==, 104 << 16 | 1 << 5);
    g_assert_cmpuint(len, ==, 100);
    g_assert_cmpmem(got, 100, frame, 100);
    g_assert_cmphex(devtest_readl(RX_FIFO_INF), ==, 0);
    devtest_writel(INT_STS, INT_RSFL);
    g_assert_cmpint(f->irq.level, ==, 0);

    /* Someone else's unicast is filtered; a short broadcast is padded to 60. */
    make_frame(frame, 100, other, 4);
    qemu_send_packet(&f->peer->nc, frame, 100);
    g_assert_cmphex(devtest_readl(RX_FIFO_INF), ==, 0);
    make_frame(frame, 42, bcast, 5);
    qemu_send_packet(&f->peer->nc, frame, 42);
    status = rx_read(got, &len, 2);
    g_assert_cmphex(status, ==, 64 << 16 | 1 << 13 | 1 << 5);
    g_assert_cmpmem(got, 42, frame, 42);

    /* MAC_CR.BCAST refuses broadcasts; the hash filter passes one multicast. */
    csr_write(MAC_CR, MAC_CR_TXEN | MAC_CR_RXEN | MAC_CR_BCAST | MAC_CR_HPFILT);
    qemu_send_packet(&f->peer->nc, frame, 42);
    g_assert_cmphex(devtest_readl(RX_FIFO_INF), ==, 0);
    /* 01:00:5e:00:00:01 hashes to bit 0x1c... whatever it is, exactly one bit passes it. */
    make_frame(frame, 64, (const uint8_t *)"\x01\x00\x5e\x00\x00\x01", 6);
    for (int bit = 0; bit < 64; bit++) {
        csr_write(HASHH, bit >= 32 ? 1u << (bit - 32) : 0);
        csr_write(HASHL, bit < 32 ? 1u << bit : 0);
        qemu_send_packet(&f->peer->nc, frame, 64);
    }
    g_assert_cmphex(devtest_readl(RX_FIFO_INF) >> 16, ==, 1);
    status = rx_read(got, &len, 2);
    g_assert_true(status & 1 << 10);            /* multicast */

    /* Turning the receiver off signals RXSTOP. */
    csr_write(MAC_CR, MAC_CR_TXEN);
    g_assert_true(devtest_readl(INT_STS) & INT_RXSTOP);
}

static void test_backpressure(Fixture *f, gconstpointer data)
{
    uint8_t frame[1514], got[1600];
    size_t len;
    int sent = 0, queued = 0;

    enable(0);
    /* 10560 bytes of RX data FIFO hold 6 full-size frames (380 words each). */
    for (int i = 0; i < 10; i++) {
        make_frame(frame, sizeof(frame), nic_mac, i);
        if (qemu_send_packet(&f->peer->nc, frame, sizeof(frame)) == 0) {
            queued++;
        } else {
            sent++;
        }
    }
    g_assert_cmpint(sent, ==, 6);
    g_assert_cmpint(queued, ==, 4);
    g_assert_cmpuint(qemu_net_queue_len(qemu_find_netdev("peer0")->peer), ==, 4);
    g_assert_cmphex(devtest_readl(RX_FIFO_INF) >> 16, ==, 6);

    /* Draining lets the waiting frames in, in order, none lost. */
    for (int i = 0; i < 10; i++) {
        g_assert_cmphex(devtest_readl(RX_FIFO_INF) >> 16, >=, 1);
        if (i % 2) {
            rx_read(got, &len, 0);
        } else {
            /* Status then fast-forward over the data, as Linux does for errors. */
            devtest_readl(RX_STATUS);
            devtest_writel(RX_DP_CTRL, 0x80000000u);
            g_assert_cmphex(devtest_readl(RX_DP_CTRL), ==, 0);
            len = 0;
        }
        if (len) {
            make_frame(frame, sizeof(frame), nic_mac, i);
            g_assert_cmpmem(got, len, frame, sizeof(frame));
        }
    }
    g_assert_cmphex(devtest_readl(RX_FIFO_INF), ==, 0);
    g_assert_cmpuint(qemu_net_queue_len(qemu_find_netdev("peer0")->peer), ==, 0);
    g_assert_cmpuint(qemu_find_netdev("peer0")->peer->queue_dropped, ==, 0);
    g_assert_cmphex(devtest_readl(RX_DROP), ==, 0);
}

static void test_loopback(Fixture *f, gconstpointer data)
{
    uint8_t frame[64], got[100];
    size_t len;

    enable(0);
    mii_write(1, 0, 0x4000 | 0x2100);           /* PHY loopback */
    make_frame(frame, 64, nic_mac, 7);
    tx_buffer(frame, 64, 0, TXA_FIRST | TXA_LAST, 64);
    g_assert_cmpuint(f->peer->frames->len, ==, 0);
    g_assert_cmphex(devtest_readl(TX_STATUS), ==, 0);
    g_assert_cmphex(devtest_readl(RX_FIFO_INF) >> 16, ==, 1);
    g_assert_cmphex(rx_read(got, &len, 0) >> 16, ==, 68);
    g_assert_cmpmem(got, len, frame, 64);
}

static void test_interrupts(Fixture *f, gconstpointer data)
{
    /* Enabling SW_INT raises it: Linux's interrupt self-test. */
    devtest_writel(IRQ_CFG, IRQ_EN);
    devtest_writel(INT_EN, INT_SW);
    g_assert_true(devtest_readl(INT_STS) & INT_SW);
    g_assert_cmpint(f->irq.level, ==, 1);
    devtest_writel(IRQ_CFG, 0);                 /* master enable off */
    g_assert_cmpint(f->irq.level, ==, 0);
    g_assert_true(devtest_readl(IRQ_CFG) & IRQ_INT);
    devtest_writel(IRQ_CFG, IRQ_EN);
    g_assert_cmpint(f->irq.level, ==, 1);
    devtest_writel(INT_STS, INT_SW);
    g_assert_false(devtest_readl(INT_STS) & INT_SW);
    g_assert_cmpint(f->irq.level, ==, 0);

    /* GPT: 10 kHz from GPT_LOAD; reaching zero raises GPT_INT. */
    devtest_writel(INT_EN, INT_GPT);
    devtest_writel(GPT_CFG, 1u << 29 | 10);
    g_assert_cmphex(devtest_readl(GPT_CNT), ==, 10);
    devtest_clock_step(500 * 1000);             /* 5 ticks */
    g_assert_cmphex(devtest_readl(GPT_CNT), ==, 5);
    g_assert_false(devtest_readl(INT_STS) & INT_GPT);
    devtest_clock_step(600 * 1000);
    g_assert_true(devtest_readl(INT_STS) & INT_GPT);
    g_assert_cmpint(f->irq.level, ==, 1);
    g_assert_cmphex(devtest_readl(FREE_RUN), ==, (uint32_t)(devtest_clock_step(0) / 40));
}

static void test_soft_reset(Fixture *f, gconstpointer data)
{
    uint8_t frame[64];

    enable(0);
    make_frame(frame, 64, nic_mac, 1);
    qemu_send_packet(&f->peer->nc, frame, 64);
    csr_write(ADDRL, 0x12345678);
    devtest_writel(INT_EN, 0xff);
    g_assert_cmphex(devtest_readl(RX_FIFO_INF) >> 16, ==, 1);
    devtest_writel(HW_CFG, 1);                  /* SRST */
    g_assert_cmphex(devtest_readl(HW_CFG) & 1, ==, 0);
    g_assert_cmphex(devtest_readl(RX_FIFO_INF), ==, 0);
    g_assert_cmphex(devtest_readl(INT_EN), ==, 0);
    g_assert_cmphex(csr_read(ADDRL), ==, 0xaa005452);
    g_assert_cmphex(csr_read(MAC_CR), ==, 0);
}

static void test_bad_access(Fixture *f, gconstpointer data)
{
    devtest_log_start();
    devtest_writel(BASE + 0xfc, 1);
    devtest_log_expect("lan9118: write of unknown register 0xfc");
    devtest_writel(ID_REV, 1);
    devtest_log_expect("lan9118: write of read-only register 0x50");
    g_assert_cmphex(devtest_readl(RX_DATA), ==, 0);
    devtest_log_expect("lan9118: read from the empty RX data FIFO");
    csr_read(13);
    devtest_log_expect("lan9118: read of unknown MAC CSR 13");
    devtest_log_stop();
}

static void test_vmstate(Fixture *f, gconstpointer data)
{
    DeviceClass *dc = DEVICE_GET_CLASS(f->dev);
    LAN9118State *s = LAN9118(f->dev);
    VMStateEntry *e = vmstate_find("lan9118", 0);
    Error *err = NULL;

    g_assert_nonnull(e);
    g_assert_true(e->opaque == s);
    g_assert_true(vmstate_check_description(dc->vmsd, &error_abort));
    s->rx_status_count = 1000;
    g_assert_false(dc->vmsd->post_load(s, 1, &err));
    g_assert_cmpstr(error_get_pretty(err), ==, "lan9118: FIFO positions out of range (RX data "
                    "0+0, RX status 0+1000, TX status 0+0, TX state 0)");
    error_free(err);
    s->rx_status_count = 0;
    g_assert_true(dc->vmsd->post_load(s, 1, &error_abort));
}

static void test_properties(void)
{
    DeviceState *dev = qdev_new(TYPE_LAN9118);
    NetClientState *peer;
    Error *err = NULL;
    g_autofree char *mac = NULL;

    g_assert_false(object_property_set_str(OBJECT(dev), "netdev", "nope", &err));
    g_assert_cmpstr(error_get_pretty(err), ==, "Property 'lan9118.netdev' can't find value 'nope'");
    error_free(err);
    err = NULL;
    g_assert_false(object_property_set_str(OBJECT(dev), "mac", "52:54:00:zz:00:01", &err));
    g_assert_cmpstr(error_get_pretty(err), ==, "Property 'lan9118.mac': invalid MAC address "
                    "'52:54:00:zz:00:01' (expected 6 hex byte pairs like 52:54:00:12:34:56)");
    error_free(err);
    err = NULL;
    g_assert_true(object_property_set_str(OBJECT(dev), "mac", "52:54:00:01:02:03", &err));
    mac = object_property_get_str(OBJECT(dev), "mac", &error_abort);
    g_assert_cmpstr(mac, ==, "52:54:00:01:02:03");

    /* A back end takes one NIC. */
    peer = qemu_new_net_client(&peer_info, NULL, "peer", "p1");
    container_of(peer, Peer, nc)->frames = g_ptr_array_new();
    g_assert_true(object_property_set_str(OBJECT(dev), "netdev", "p1", &error_abort));
    sysbus_realize_and_unref(SYS_BUS_DEVICE(dev), &error_abort);
    g_assert_nonnull(peer->peer);
    g_assert_cmpstr(peer->peer->info_str, ==, "model=lan9118,macaddr=52:54:00:01:02:03");
    {
        DeviceState *dev2 = qdev_new(TYPE_LAN9118);

        g_assert_false(object_property_set_str(OBJECT(dev2), "netdev", "p1", &err));
        g_assert_cmpstr(error_get_pretty(err), ==, "Property 'lan9118.netdev': network back "
                        "end 'p1' is already in use");
        error_free(err);
        object_unref(OBJECT(dev2));
    }
    object_unparent(OBJECT(dev));
    g_assert_null(peer->peer);
    qemu_del_net_client(peer);
    net_cleanup();
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    devtest_init();
#define ADD(path, fn) \
    g_test_add("/lan9118/" path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
    ADD("reset-values", test_reset_values);
    ADD("phy", test_phy);
    ADD("phy-without-busy-bit", test_phy_without_busy_bit);
    ADD("transmit", test_transmit);
    ADD("receive", test_receive);
    ADD("backpressure", test_backpressure);
    ADD("loopback", test_loopback);
    ADD("interrupts", test_interrupts);
    ADD("soft-reset", test_soft_reset);
    ADD("bad-access", test_bad_access);
    ADD("vmstate", test_vmstate);
    g_test_add_func("/lan9118/properties", test_properties);
    return g_test_run();
}
