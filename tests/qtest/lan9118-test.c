/*
 * LAN9118 on vexpress, through qtest with "-nic user": the identification
 * registers at the board's address, and a DHCP exchange with libslirp
 * through the controller's FIFOs (transmit a DHCPDISCOVER, receive the
 * DHCPOFFER with its interrupt).
 */
#include "libqtest.h"

#define ETH_QOM "/machine/ethernet"

#define RX_DATA     0x00
#define TX_DATA     0x20
#define RX_STATUS   0x40
#define TX_STATUS   0x48
#define ID_REV      0x50
#define IRQ_CFG     0x54
#define INT_STS     0x58
#define INT_EN      0x5c
#define BYTE_TEST   0x64
#define TX_CFG      0x70
#define RX_FIFO_INF 0x7c
#define MAC_CSR_CMD 0xa4
#define MAC_CSR_DATA 0xa8

static const uint8_t guest_mac[6] = { 0x52, 0x54, 0x00, 0x12, 0x34, 0x77 };

static void put16(uint8_t *p, uint16_t v)
{
    p[0] = v >> 8;
    p[1] = v;
}

static uint16_t ip_checksum(const uint8_t *p, size_t len)
{
    uint32_t sum = 0;

    for (size_t i = 0; i + 1 < len; i += 2) {
        sum += p[i] << 8 | p[i + 1];
    }
    while (sum >> 16) {
        sum = (sum & 0xffff) + (sum >> 16);
    }
    return ~sum;
}

/* Ethernet + IPv4 + UDP 68->67 + a 300-byte BOOTP DHCPDISCOVER. */
static size_t build_dhcp_discover(uint8_t *f)
{
    const size_t bootp_len = 300, udp_len = 8 + bootp_len, ip_len = 20 + udp_len;
    uint8_t *ip = f + 14, *udp = ip + 20, *bp = udp + 8;

    memset(f, 0, 14 + ip_len);
    memset(f, 0xff, 6);
    memcpy(f + 6, guest_mac, 6);
    put16(f + 12, 0x0800);
    ip[0] = 0x45;
    put16(ip + 2, ip_len);
    ip[8] = 64;
    ip[9] = 17;
    memset(ip + 16, 0xff, 4);
    put16(ip + 10, ip_checksum(ip, 20));
    put16(udp, 68);
    put16(udp + 2, 67);
    put16(udp + 4, udp_len);
    bp[0] = 1;
    bp[1] = 1;
    bp[2] = 6;
    memcpy(bp + 4, "\xfe\xed\xbe\xef", 4);
    memcpy(bp + 28, guest_mac, 6);
    memcpy(bp + 236, (uint8_t[]){ 99, 130, 83, 99, 53, 1, 1, 255 }, 8);
    return 14 + ip_len;
}

static void test_ids(gconstpointer data)
{
    uint64_t base = *(const uint64_t *)data;
    QTestState *s = qtest_initf("-M %s", base == 0x4e000000 ? "vexpress-a9" : "vexpress-a15");

    g_assert_cmphex(qtest_readl(s, base + ID_REV), ==, 0x01180001);
    g_assert_cmphex(qtest_readl(s, base + BYTE_TEST), ==, 0x87654321);
    qtest_quit(s);
}

static void test_dhcp(void)
{
    const uint64_t base = 0x4e000000;
    QTestState *s = qtest_init("-M vexpress-a9 -nic user,mac=52:54:00:12:34:77");
    uint8_t frame[400], rx[1600];
    size_t len = build_dhcp_discover(frame);
    gint64 end;
    uint32_t status, total;
    const uint8_t *bp, *o;
    int type = -1;

    qtest_irq_intercept_out_named(s, ETH_QOM, "sysbus-irq");
    qtest_writel(s, base + MAC_CSR_DATA, 0xc);                 /* TXEN | RXEN */
    qtest_writel(s, base + MAC_CSR_CMD, 0x80000001);           /* MAC_CR */
    qtest_writel(s, base + TX_CFG, 2);                         /* TX_ON */
    qtest_writel(s, base + INT_EN, 1 << 3);                    /* RSFL */
    qtest_writel(s, base + IRQ_CFG, 1 << 8);

    qtest_writel(s, base + TX_DATA, 1u << 13 | 1u << 12 | len);
    qtest_writel(s, base + TX_DATA, len << 16 | len);         /* tag = length, as Linux */
    for (size_t w = 0; w < (len + 3) / 4; w++) {
        uint32_t v = 0;

        for (int b = 0; b < 4; b++) {
            if (w * 4 + b < len) {
                v |= (uint32_t)frame[w * 4 + b] << (8 * b);
            }
        }
        qtest_writel(s, base + TX_DATA, v);
    }
    g_assert_cmphex(qtest_readl(s, base + TX_STATUS), ==, len << 16 & 0xffff0000);

    /* libslirp answers from the emulator's main loop. */
    end = g_get_monotonic_time() + 20 * G_USEC_PER_SEC;
    while (!(qtest_readl(s, base + RX_FIFO_INF) >> 16) && g_get_monotonic_time() < end) {
        g_usleep(1000);
    }
    g_assert_cmphex(qtest_readl(s, base + RX_FIFO_INF) >> 16, >=, 1);
    g_assert_true(qtest_get_irq(s, 0));
    g_assert_true(qtest_readl(s, base + INT_STS) & (1 << 3));

    status = qtest_readl(s, base + RX_STATUS);
    total = (status >> 16) & 0x3fff;
    g_assert_cmpuint(total, >, 14 + 20 + 8 + 240 + 4);
    g_assert_cmpuint(total, <=, sizeof(rx));
    for (uint32_t w = 0; w < (total + 3) / 4; w++) {
        uint32_t v = qtest_readl(s, base + RX_DATA);

        for (int b = 0; b < 4; b++) {
            rx[w * 4 + b] = v >> (8 * b);
        }
    }
    g_assert_cmpuint(rx[12] << 8 | rx[13], ==, 0x0800);
    g_assert_cmpuint(rx[14 + 9], ==, 17);
    g_assert_cmpuint(rx[36] << 8 | rx[37], ==, 68);
    bp = rx + 42;
    g_assert_cmpuint(bp[0], ==, 2);
    g_assert_cmpmem(bp + 4, 4, "\xfe\xed\xbe\xef", 4);
    g_assert_cmpmem(bp + 16, 4, ((uint8_t[]){ 10, 0, 2, 15 }), 4);
    for (o = bp + 240; o < rx + total - 4 && *o != 255; o += *o ? 2 + o[1] : 1) {
        if (o[0] == 53) {
            type = o[2];
        }
    }
    g_assert_cmpint(type, ==, 2);                               /* DHCPOFFER */
    qtest_quit(s);
}

int main(int argc, char **argv)
{
    static const uint64_t a9 = 0x4e000000, a15 = 0x1a000000;

    g_test_init(&argc, &argv, NULL);
    g_test_add_data_func("/lan9118/ids/vexpress-a9", &a9, test_ids);
    g_test_add_data_func("/lan9118/ids/vexpress-a15", &a15, test_ids);
    g_test_add_func("/lan9118/dhcp", test_dhcp);
    return g_test_run();
}
