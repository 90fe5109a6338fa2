/*
 * SMSC LAN9118 Ethernet controller: the register interface the Linux
 * smsc911x driver programs, on a 32-bit bus.
 *
 * Model: transmit is immediate (a frame goes to the peer when its last
 * buffer is written), so the TX data FIFO always reports its full size
 * free. Receive keeps real FIFOs: a frame is taken only when its data and
 * status fit, otherwise the network core holds it (back-pressure) until the
 * guest drains the FIFOs. RX data carries RX_CFG.RXDOFF padding bytes, the
 * frame (at least 60 bytes), its FCS, and padding to the RX end alignment.
 *
 * The interrupt output is active high whatever IRQ_CFG.IRQ_POL says: the
 * boards wire it to active-high controller inputs and their device trees
 * configure the driver for it.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/log.h"
#include "qemu/timer.h"
#include "hw/irq.h"
#include "hw/net/lan9118.h"
#include "migration/vmstate.h"

#include <zlib.h>

/* Register offsets */
enum {
    RX_DATA_FIFO = 0x00,        /* 0x00..0x1c alias */
    TX_DATA_FIFO = 0x20,        /* 0x20..0x3c alias */
    RX_STATUS_FIFO = 0x40,
    RX_STATUS_FIFO_PEEK = 0x44,
    TX_STATUS_FIFO = 0x48,
    TX_STATUS_FIFO_PEEK = 0x4c,
    ID_REV = 0x50,
    IRQ_CFG = 0x54,
    INT_STS = 0x58,
    INT_EN = 0x5c,
    BYTE_TEST = 0x64,
    FIFO_INT = 0x68,
    RX_CFG = 0x6c,
    TX_CFG = 0x70,
    HW_CFG = 0x74,
    RX_DP_CTRL = 0x78,
    RX_FIFO_INF = 0x7c,
    TX_FIFO_INF = 0x80,
    PMT_CTRL = 0x84,
    GPIO_CFG = 0x88,
    GPT_CFG = 0x8c,
    GPT_CNT = 0x90,
    WORD_SWAP = 0x98,
    FREE_RUN = 0x9c,
    RX_DROP = 0xa0,
    MAC_CSR_CMD = 0xa4,
    MAC_CSR_DATA = 0xa8,
    AFC_CFG = 0xac,
    E2P_CMD = 0xb0,
    E2P_DATA = 0xb4,
};

#define ID_REV_VALUE    0x01180001
#define BYTE_TEST_VALUE 0x87654321

/* IRQ_CFG */
#define IRQ_CFG_IRQ_INT     (1u << 12)
#define IRQ_CFG_IRQ_EN      (1u << 8)
#define IRQ_CFG_WRITABLE    0xff000111u

/* INT_STS / INT_EN */
#define INT_SW              (1u << 31)
#define INT_TXSTOP          (1u << 25)
#define INT_RXSTOP          (1u << 24)
#define INT_TX_IOC          (1u << 21)
#define INT_GPT             (1u << 19)
#define INT_PHY             (1u << 18)
#define INT_TXSO            (1u << 16)
#define INT_RXE             (1u << 14)
#define INT_TDFA            (1u << 9)
#define INT_TSFL            (1u << 7)
#define INT_RSFL            (1u << 3)

/* TX_CFG */
#define TX_CFG_STOP_TX      (1u << 0)
#define TX_CFG_TX_ON        (1u << 1)
#define TX_CFG_TXSAO        (1u << 2)
#define TX_CFG_TXD_DUMP     (1u << 14)
#define TX_CFG_TXS_DUMP     (1u << 15)

/* RX_CFG */
#define RX_CFG_RX_DUMP      (1u << 15)

/* HW_CFG */
#define HW_CFG_SRST         (1u << 0)
#define HW_CFG_32BIT        (1u << 2)
#define HW_CFG_TX_FIF_SZ(v) (((v) >> 16) & 0xf)
#define HW_CFG_MBO          (1u << 20)
#define HW_CFG_WRITABLE     0x0fff0ff0u

#define RX_DP_CTRL_FFWD     (1u << 31)
#define PMT_CTRL_READY      (1u << 0)
#define PMT_CTRL_PHY_RST    (1u << 10)
#define GPT_CFG_EN          (1u << 29)

/* MAC_CSR_CMD */
#define MAC_CSR_BUSY        (1u << 31)
#define MAC_CSR_READ        (1u << 30)

/* E2P_CMD */
#define E2P_BUSY            (1u << 31)
#define E2P_MAC_LOADED      (1u << 9)
#define E2P_TIMEOUT         (1u << 8)

/* MAC CSR indices */
enum {
    MAC_CR = 1, ADDRH, ADDRL, HASHH, HASHL, MII_ACC, MII_DATA, FLOW, VLAN1, VLAN2, WUFF, WUCSR,
};

/* MAC_CR */
#define MAC_CR_RXALL        (1u << 31)
#define MAC_CR_LOOPBK       (1u << 21)
#define MAC_CR_MCPAS        (1u << 19)
#define MAC_CR_PRMS         (1u << 18)
#define MAC_CR_HO           (1u << 15)
#define MAC_CR_HPFILT       (1u << 13)
#define MAC_CR_BCAST        (1u << 11)      /* set: broadcast frames are refused */
#define MAC_CR_TXEN         (1u << 3)
#define MAC_CR_RXEN         (1u << 2)

/* MII_ACC */
#define MII_ACC_BUSY        (1u << 0)
#define MII_ACC_WRITE       (1u << 1)
#define LAN9118_PHY_ADDR    1

/* PHY registers */
#define BMCR_RESET          0x8000
#define BMCR_LOOPBACK       0x4000
#define BMCR_ANRESTART      0x0200
#define BMCR_DEFAULT        0x3100  /* 100 Mb/s, autonegotiation, full duplex */
#define BMSR_VALUE          0x782d  /* 10/100 capable, link up, autonegotiation done */
#define PHY_ID1             0x0007
#define PHY_ID2             0xc0d1
#define ANAR_DEFAULT        0x01e1
#define ANLPAR_VALUE        0x45e1  /* link partner: 10/100 half/full, pause, ack */
#define PHY_ISF_ANEG_DONE   0x0040

/* TX command A / B */
#define TXA_BUF_SIZE(a)     ((a) & 0x7ff)
#define TXA_FIRST_SEG       (1u << 13)
#define TXA_LAST_SEG        (1u << 12)
#define TXA_IOC             (1u << 31)
#define TXA_OFFSET(a)       (((a) >> 16) & 0x1f)
#define TXA_END_ALIGN(a)    (((a) >> 24) & 3)
#define TXB_TAG(b)          ((b) >> 16)
#define TXB_NO_PAD          (1u << 12)

/* RX status word */
#define RXS_LENGTH(len)     ((uint32_t)(len) << 16)
#define RXS_BROADCAST       (1u << 13)
#define RXS_MULTICAST       (1u << 10)
#define RXS_FRAME_TYPE      (1u << 5)

enum { TX_CMD_A, TX_CMD_B, TX_DATA };

#define ETH_ZLEN            60
#define ETH_MAX_FRAME       1522    /* with a VLAN tag, without FCS */

static const unsigned end_align_bytes[4] = { 4, 16, 32, 4 };

/* ---- FIFO geometry (HW_CFG.TX_FIF_SZ KiB for TX, the rest for RX) ---- */

static unsigned tx_fifo_kib(LAN9118State *s)
{
    unsigned kib = HW_CFG_TX_FIF_SZ(s->hw_cfg);

    return kib < 2 ? 2 : kib > 14 ? 14 : kib;
}

static uint32_t tx_data_fifo_bytes(LAN9118State *s)
{
    return tx_fifo_kib(s) * 1024 - 512;
}

static uint32_t rx_status_capacity(LAN9118State *s)
{
    return (LAN9118_FIFO_BYTES - tx_fifo_kib(s) * 1024) / 16 / 4;
}

static uint32_t rx_data_capacity(LAN9118State *s)
{
    return (LAN9118_FIFO_BYTES - tx_fifo_kib(s) * 1024) / 4 - rx_status_capacity(s);
}

/* ---- interrupts ---- */

static void lan9118_update(LAN9118State *s)
{
    uint32_t rx_level = s->fifo_int & 0xff;
    uint32_t tx_level = (s->fifo_int >> 16) & 0xff;
    uint32_t tdfa_level = (s->fifo_int >> 24) * 64;
    bool active;

    /* Level conditions re-assert after the guest acknowledges them. */
    if (s->rx_status_count > rx_level) {
        s->int_sts |= INT_RSFL;
    }
    if (s->tx_status_count > tx_level) {
        s->int_sts |= INT_TSFL;
    }
    if (tx_data_fifo_bytes(s) > tdfa_level) {
        s->int_sts |= INT_TDFA;
    }
    if (s->phy_int_src & s->phy_int_mask) {
        s->int_sts |= INT_PHY;
    } else {
        s->int_sts &= ~INT_PHY;
    }
    active = s->int_sts & s->int_en;
    if (active) {
        s->irq_cfg |= IRQ_CFG_IRQ_INT;
    } else {
        s->irq_cfg &= ~IRQ_CFG_IRQ_INT;
    }
    qemu_set_irq(s->irq, active && (s->irq_cfg & IRQ_CFG_IRQ_EN));
}

/* ---- receive ---- */

static bool rx_enabled(LAN9118State *s)
{
    return s->mac_cr & MAC_CR_RXEN;
}

/* Words one frame of LEN bytes (without FCS) takes in the RX data FIFO. */
static uint32_t rx_frame_words(LAN9118State *s, size_t len)
{
    uint32_t off = (s->rx_cfg >> 8) & 0x1f;
    uint32_t align = end_align_bytes[s->rx_cfg >> 30];
    size_t bytes = off + MAX(len, ETH_ZLEN) + 4;

    return DIV_ROUND_UP(bytes, align) * align / 4;
}

static bool rx_room(LAN9118State *s, size_t len)
{
    return s->rx_status_count < rx_status_capacity(s) &&
           rx_data_capacity(s) - s->rx_data_count >= rx_frame_words(s, len);
}

static bool lan9118_can_receive(NetClientState *nc)
{
    LAN9118State *s = qemu_get_nic_opaque(nc);

    return !rx_enabled(s) || rx_room(s, ETH_MAX_FRAME);
}

/* Big-endian CRC-32 of the destination, as the multicast hash uses it. */
static unsigned mcast_hash_bit(const uint8_t *addr)
{
    uint32_t crc = 0xffffffff;

    for (int i = 0; i < 6; i++) {
        uint8_t b = addr[i];

        for (int bit = 0; bit < 8; bit++, b >>= 1) {
            crc = (crc << 1) ^ ((((crc >> 31) ^ b) & 1) ? 0x04c11db7 : 0);
        }
    }
    return crc >> 26;
}

static bool rx_filter(LAN9118State *s, const uint8_t *buf)
{
    static const uint8_t bcast[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
    uint8_t own[6] = {
        s->mac_addrl, s->mac_addrl >> 8, s->mac_addrl >> 16, s->mac_addrl >> 24,
        s->mac_addrh, s->mac_addrh >> 8,
    };
    unsigned bit;

    if (s->mac_cr & (MAC_CR_PRMS | MAC_CR_RXALL)) {
        return true;
    }
    if (!memcmp(buf, bcast, 6)) {
        return !(s->mac_cr & MAC_CR_BCAST);
    }
    if (buf[0] & 1) {
        if (s->mac_cr & MAC_CR_MCPAS) {
            return true;
        }
        if (!(s->mac_cr & MAC_CR_HPFILT)) {
            return false;
        }
    } else if (!(s->mac_cr & MAC_CR_HO) || !(s->mac_cr & MAC_CR_HPFILT)) {
        return !memcmp(buf, own, 6);
    }
    bit = mcast_hash_bit(buf);
    return ((bit & 0x20 ? s->mac_hashh : s->mac_hashl) >> (bit & 0x1f)) & 1;
}

static void rx_push_word(LAN9118State *s, uint32_t w)
{
    s->rx_data[(s->rx_data_head + s->rx_data_count) % LAN9118_RX_DATA_MAX] = w;
    s->rx_data_count++;
}

/* Puts a frame in the RX FIFOs: false when it does not fit now. */
static bool rx_store(LAN9118State *s, const uint8_t *buf, size_t size)
{
    uint8_t frame[ETH_MAX_FRAME + 4];
    size_t len = MAX(size, ETH_ZLEN);
    uint32_t off = (s->rx_cfg >> 8) & 0x1f;
    uint32_t words = rx_frame_words(s, size);
    uint32_t crc, status;
    size_t total;

    if (!rx_room(s, size)) {
        return false;
    }
    memset(frame, 0, sizeof(frame));
    memcpy(frame, buf, size);
    crc = crc32(0, frame, len);
    for (int i = 0; i < 4; i++) {
        frame[len + i] = crc >> (8 * i);        /* the FCS goes out LSB first */
    }
    total = len + 4;
    for (uint32_t w = 0; w < words; w++) {
        uint32_t v = 0;

        for (int b = 0; b < 4; b++) {
            size_t pos = w * 4 + b;

            if (pos >= off && pos - off < total) {
                v |= (uint32_t)frame[pos - off] << (8 * b);
            }
        }
        rx_push_word(s, v);
    }
    status = RXS_LENGTH(total);
    if (buf[0] == 0xff && !memcmp(buf, buf + 1, 5)) {
        status |= RXS_BROADCAST;
    } else if (buf[0] & 1) {
        status |= RXS_MULTICAST;
    }
    if ((buf[12] << 8 | buf[13]) >= 0x600) {
        status |= RXS_FRAME_TYPE;
    }
    s->rx_status[(s->rx_status_head + s->rx_status_count) % LAN9118_RX_STATUS_MAX] = status;
    s->rx_status_words[(s->rx_status_head + s->rx_status_count) % LAN9118_RX_STATUS_MAX] = words;
    s->rx_status_count++;
    return true;
}

static void rx_frame(LAN9118State *s, const uint8_t *buf, size_t size)
{
    if (size < 14 || size > ETH_MAX_FRAME) {
        s->rx_drop++;
        return;
    }
    if (rx_filter(s, buf) && !rx_store(s, buf, size)) {
        /* Only loopback gets here (the network core asks first): lost. */
        s->rx_drop++;
    }
}

static ssize_t lan9118_receive(NetClientState *nc, const uint8_t *buf, size_t size)
{
    LAN9118State *s = qemu_get_nic_opaque(nc);

    if (!rx_enabled(s)) {
        return size;            /* the MAC is off: the frame passes by */
    }
    if (size < 14 || size > ETH_MAX_FRAME) {
        s->rx_drop++;
        return size;
    }
    if (!rx_filter(s, buf)) {
        return size;
    }
    if (!rx_store(s, buf, size)) {
        return 0;
    }
    lan9118_update(s);
    return size;
}

static void rx_dump(LAN9118State *s)
{
    s->rx_data_count = 0;
    s->rx_status_count = 0;
    s->rx_packet_words = 0;
}

static void rx_flush(LAN9118State *s)
{
    if (s->nic) {
        qemu_flush_queued_packets(qemu_get_queue(s->nic));
    }
}

static uint32_t rx_data_pop(LAN9118State *s)
{
    uint32_t v;

    if (!s->rx_data_count) {
        qemu_log_mask(LOG_GUEST_ERROR, "lan9118: read from the empty RX data FIFO\n");
        return 0;
    }
    v = s->rx_data[s->rx_data_head];
    s->rx_data_head = (s->rx_data_head + 1) % LAN9118_RX_DATA_MAX;
    s->rx_data_count--;
    if (s->rx_packet_words && !--s->rx_packet_words) {
        rx_flush(s);
    }
    return v;
}

static uint32_t rx_status_pop(LAN9118State *s, bool peek)
{
    uint32_t v;

    if (!s->rx_status_count) {
        return 0;
    }
    v = s->rx_status[s->rx_status_head];
    if (!peek) {
        /* A frame not read to its end is skipped (like a fast-forward). */
        while (s->rx_packet_words && s->rx_data_count) {
            s->rx_data_head = (s->rx_data_head + 1) % LAN9118_RX_DATA_MAX;
            s->rx_data_count--;
            s->rx_packet_words--;
        }
        s->rx_packet_words = s->rx_status_words[s->rx_status_head];
        s->rx_status_head = (s->rx_status_head + 1) % LAN9118_RX_STATUS_MAX;
        s->rx_status_count--;
    }
    return v;
}

static void rx_fast_forward(LAN9118State *s)
{
    while (s->rx_packet_words && s->rx_data_count) {
        rx_data_pop(s);
    }
    s->rx_packet_words = 0;
    rx_flush(s);
}

/* ---- transmit ---- */

static void tx_status_push(LAN9118State *s, uint32_t status)
{
    if (s->tx_status_count == LAN9118_TX_STATUS_MAX) {
        if (!(s->tx_cfg & TX_CFG_TXSAO)) {
            s->int_sts |= INT_TXSO;
            return;
        }
        s->tx_status_head = (s->tx_status_head + 1) % LAN9118_TX_STATUS_MAX;
        s->tx_status_count--;
    }
    s->tx_status[(s->tx_status_head + s->tx_status_count) % LAN9118_TX_STATUS_MAX] = status;
    s->tx_status_count++;
}

static bool loopback(LAN9118State *s)
{
    return (s->mac_cr & MAC_CR_LOOPBK) || (s->phy_control & BMCR_LOOPBACK);
}

static void tx_send(LAN9118State *s)
{
    size_t len = s->tx_len;

    if (len < ETH_ZLEN && !(s->tx_cmd_b & TXB_NO_PAD)) {
        memset(s->tx_frame + len, 0, ETH_ZLEN - len);
        len = ETH_ZLEN;
    }
    if (loopback(s)) {
        if (rx_enabled(s)) {
            rx_frame(s, s->tx_frame, len);
        }
    } else if (s->nic) {
        qemu_send_packet(qemu_get_queue(s->nic), s->tx_frame, len);
    }
    tx_status_push(s, TXB_TAG(s->tx_cmd_b) << 16);
    if (s->tx_cmd_a & TXA_IOC) {
        s->int_sts |= INT_TX_IOC;
    }
}

static uint32_t tx_buf_bytes(LAN9118State *s)
{
    uint32_t bytes = TXA_OFFSET(s->tx_cmd_a) + TXA_BUF_SIZE(s->tx_cmd_a);

    uint32_t align = end_align_bytes[TXA_END_ALIGN(s->tx_cmd_a)];

    return DIV_ROUND_UP(bytes, align) * align;
}

static void tx_buffer_done(LAN9118State *s)
{
    s->tx_state = TX_CMD_A;
    if (!(s->tx_cmd_a & TXA_LAST_SEG)) {
        return;
    }
    if (!(s->tx_cfg & TX_CFG_TX_ON) || !(s->mac_cr & MAC_CR_TXEN)) {
        qemu_log_mask(LOG_GUEST_ERROR, "lan9118: frame written while the transmitter is "
                      "off (TX_CFG 0x%x, MAC_CR 0x%x): dropped\n", s->tx_cfg, s->mac_cr);
        return;
    }
    if (s->tx_len > LAN9118_FRAME_MAX) {
        qemu_log_mask(LOG_GUEST_ERROR, "lan9118: %u-byte frame too long: dropped\n",
                      s->tx_len);
        return;
    }
    tx_send(s);
}

static void tx_data_write(LAN9118State *s, uint32_t val)
{
    switch (s->tx_state) {
    case TX_CMD_A:
        s->tx_cmd_a = val;
        s->tx_state = TX_CMD_B;
        return;
    case TX_CMD_B:
        s->tx_cmd_b = val;
        if (s->tx_cmd_a & TXA_FIRST_SEG) {
            s->tx_len = 0;
        }
        s->tx_buf_pos = 0;
        s->tx_state = TX_DATA;
        if (!tx_buf_bytes(s)) {
            tx_buffer_done(s);
        }
        return;
    default: {
        uint32_t off = TXA_OFFSET(s->tx_cmd_a);
        uint32_t end = off + TXA_BUF_SIZE(s->tx_cmd_a);

        for (int b = 0; b < 4; b++, s->tx_buf_pos++) {
            if (s->tx_buf_pos >= off && s->tx_buf_pos < end) {
                if (s->tx_len < LAN9118_FRAME_MAX) {
                    s->tx_frame[s->tx_len] = val >> (8 * b);
                }
                s->tx_len++;
            }
        }
        if (s->tx_buf_pos >= tx_buf_bytes(s)) {
            tx_buffer_done(s);
        }
        return;
    }
    }
}

static uint32_t tx_status_pop(LAN9118State *s, bool peek)
{
    uint32_t v;

    if (!s->tx_status_count) {
        return 0;
    }
    v = s->tx_status[s->tx_status_head];
    if (!peek) {
        s->tx_status_head = (s->tx_status_head + 1) % LAN9118_TX_STATUS_MAX;
        s->tx_status_count--;
    }
    return v;
}

/* ---- PHY and MAC CSRs ---- */

static void phy_reset(LAN9118State *s)
{
    s->phy_control = BMCR_DEFAULT;
    s->phy_advertise = ANAR_DEFAULT;
    s->phy_mode = 0x0002;           /* ENERGYON */
    s->phy_int_src = PHY_ISF_ANEG_DONE;
    s->phy_int_mask = 0;
}

static uint32_t phy_read(LAN9118State *s, unsigned reg)
{
    uint32_t v;

    switch (reg) {
    case 0:
        return s->phy_control;
    case 1:
        return BMSR_VALUE;
    case 2:
        return PHY_ID1;
    case 3:
        return PHY_ID2;
    case 4:
        return s->phy_advertise;
    case 5:
        return ANLPAR_VALUE;
    case 6:
        return 0x0001;              /* the partner negotiates */
    case 17:
        return s->phy_mode;
    case 29:                        /* interrupt source: cleared by reading */
        v = s->phy_int_src;
        s->phy_int_src = 0;
        return v;
    case 30:
        return s->phy_int_mask;
    case 31:                        /* autonegotiation done, 100BASE-TX full duplex */
        return 0x1058;
    default:
        return 0;
    }
}

static void phy_write(LAN9118State *s, unsigned reg, uint32_t val)
{
    switch (reg) {
    case 0:
        if (val & BMCR_RESET) {
            phy_reset(s);
            break;
        }
        s->phy_control = val & 0x7980;
        if (val & BMCR_ANRESTART) {
            s->phy_int_src |= PHY_ISF_ANEG_DONE;
        }
        break;
    case 4:
        s->phy_advertise = (val & 0x2de1) | 0x0001;
        break;
    case 17:
        s->phy_mode = val & 0xffff;
        break;
    case 30:
        s->phy_int_mask = val & 0xff;
        break;
    default:
        qemu_log_mask(LOG_UNIMP, "lan9118: write of PHY register %u ignored\n", reg);
        break;
    }
}

static void mii_access(LAN9118State *s, uint32_t val)
{
    unsigned phy = (val >> 11) & 0x1f, reg = (val >> 6) & 0x1f;

    /*
     * Every write starts an access, whether or not it sets MIIBZY: Linux's smsc911x writes
     * only the address and direction, then polls MIIBZY clear. The access completes at once.
     */
    s->mac_mii_acc = val & ~MII_ACC_BUSY;
    if (val & MII_ACC_WRITE) {
        if (phy == LAN9118_PHY_ADDR) {
            phy_write(s, reg, s->mac_mii_data & 0xffff);
        }
    } else {
        /* No PHY at other addresses: the bus floats high. */
        s->mac_mii_data = phy == LAN9118_PHY_ADDR ? phy_read(s, reg) : 0xffff;
    }
}

static uint32_t mac_csr_read(LAN9118State *s, unsigned idx)
{
    switch (idx) {
    case MAC_CR:
        return s->mac_cr;
    case ADDRH:
        return s->mac_addrh;
    case ADDRL:
        return s->mac_addrl;
    case HASHH:
        return s->mac_hashh;
    case HASHL:
        return s->mac_hashl;
    case MII_ACC:
        return s->mac_mii_acc;
    case MII_DATA:
        return s->mac_mii_data;
    case FLOW:
        return s->mac_flow;
    case VLAN1:
        return s->mac_vlan1;
    case VLAN2:
        return s->mac_vlan2;
    case WUFF:
        return 0;
    case WUCSR:
        return s->mac_wucsr;
    default:
        qemu_log_mask(LOG_GUEST_ERROR, "lan9118: read of unknown MAC CSR %u\n", idx);
        return 0;
    }
}

static void mac_csr_write(LAN9118State *s, unsigned idx, uint32_t val)
{
    switch (idx) {
    case MAC_CR: {
        uint32_t old = s->mac_cr;

        s->mac_cr = val & 0x90bfbdec;
        if ((old & MAC_CR_RXEN) && !(val & MAC_CR_RXEN)) {
            s->int_sts |= INT_RXSTOP;
        }
        if (!(old & MAC_CR_RXEN) && (val & MAC_CR_RXEN)) {
            rx_flush(s);
        }
        break;
    }
    case ADDRH:
        s->mac_addrh = val & 0xffff;
        break;
    case ADDRL:
        s->mac_addrl = val;
        break;
    case HASHH:
        s->mac_hashh = val;
        break;
    case HASHL:
        s->mac_hashl = val;
        break;
    case MII_ACC:
        mii_access(s, val);
        break;
    case MII_DATA:
        s->mac_mii_data = val & 0xffff;
        break;
    case FLOW:
        s->mac_flow = val & 0xffff0007;
        break;
    case VLAN1:
        s->mac_vlan1 = val & 0xffff;
        break;
    case VLAN2:
        s->mac_vlan2 = val & 0xffff;
        break;
    case WUFF:
        break;
    case WUCSR:
        s->mac_wucsr = val & 0x37e;
        break;
    default:
        qemu_log_mask(LOG_GUEST_ERROR, "lan9118: write of unknown MAC CSR %u\n", idx);
        break;
    }
}

/* ---- registers ---- */

static void load_mac(LAN9118State *s)
{
    const uint8_t *m = s->conf.macaddr.a;

    s->mac_addrl = m[0] | m[1] << 8 | m[2] << 16 | (uint32_t)m[3] << 24;
    s->mac_addrh = m[4] | m[5] << 8;
}

static void lan9118_soft_reset(LAN9118State *s)
{
    s->irq_cfg = 0;
    s->int_sts = 0;
    s->int_en = 0;
    s->fifo_int = 0x48000000;
    s->rx_cfg = 0;
    s->tx_cfg = 0;
    s->hw_cfg = HW_CFG_MBO | HW_CFG_32BIT | (5u << 16);
    s->pmt_ctrl = PMT_CTRL_READY;
    s->gpio_cfg = 0;
    s->gpt_cfg = 0xffff;
    ptimer_stop(&s->gpt);
    s->word_swap = 0;
    s->rx_drop = 0;
    s->mac_csr_cmd = 0;
    s->mac_csr_data = 0;
    s->afc_cfg = 0;
    s->e2p_cmd = E2P_MAC_LOADED;    /* no EEPROM: "mac" stands for its contents */
    s->e2p_data = 0;
    s->mac_cr = 0;                  /* receiver and transmitter off */
    load_mac(s);
    s->mac_hashh = 0;
    s->mac_hashl = 0;
    s->mac_mii_acc = 0;
    s->mac_mii_data = 0;
    s->mac_flow = 0;
    s->mac_vlan1 = 0;
    s->mac_vlan2 = 0;
    s->mac_wucsr = 0;
    phy_reset(s);
    s->tx_state = TX_CMD_A;
    s->tx_cmd_a = 0;
    s->tx_cmd_b = 0;
    s->tx_buf_pos = 0;
    s->tx_len = 0;
    s->tx_status_head = 0;
    s->tx_status_count = 0;
    s->rx_data_head = 0;
    s->rx_status_head = 0;
    rx_dump(s);
}

static uint32_t free_run(void)
{
    /* 25 MHz from the virtual clock: one tick per 40 ns */
    return (uint32_t)(qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL) / 40);
}

static uint64_t lan9118_read(void *opaque, hwaddr addr, unsigned size)
{
    LAN9118State *s = opaque;
    uint32_t v = 0;

    if (addr < TX_DATA_FIFO) {
        v = rx_data_pop(s);
        lan9118_update(s);
        return v;
    }
    switch (addr) {
    case TX_DATA_FIFO ... TX_DATA_FIFO + 0x1c:
        qemu_log_mask(LOG_GUEST_ERROR, "lan9118: read of the TX data FIFO\n");
        break;
    case RX_STATUS_FIFO:
    case RX_STATUS_FIFO_PEEK:
        v = rx_status_pop(s, addr == RX_STATUS_FIFO_PEEK);
        break;
    case TX_STATUS_FIFO:
    case TX_STATUS_FIFO_PEEK:
        v = tx_status_pop(s, addr == TX_STATUS_FIFO_PEEK);
        break;
    case ID_REV:
        v = ID_REV_VALUE;
        break;
    case IRQ_CFG:
        v = s->irq_cfg;
        break;
    case INT_STS:
        v = s->int_sts;
        break;
    case INT_EN:
        v = s->int_en;
        break;
    case BYTE_TEST:
        v = BYTE_TEST_VALUE;
        break;
    case FIFO_INT:
        v = s->fifo_int;
        break;
    case RX_CFG:
        v = s->rx_cfg;
        break;
    case TX_CFG:
        v = s->tx_cfg;
        break;
    case HW_CFG:
        v = s->hw_cfg;
        break;
    case RX_DP_CTRL:
        v = 0;                  /* a fast-forward completes at once */
        break;
    case RX_FIFO_INF:
        v = s->rx_status_count << 16 | (s->rx_data_count * 4 & 0xffff);
        break;
    case TX_FIFO_INF:
        v = s->tx_status_count << 16 | tx_data_fifo_bytes(s);
        break;
    case PMT_CTRL:
        v = s->pmt_ctrl;
        break;
    case GPIO_CFG:
        v = s->gpio_cfg;
        break;
    case GPT_CFG:
        v = s->gpt_cfg;
        break;
    case GPT_CNT:
        v = (s->gpt_cfg & GPT_CFG_EN) ? ptimer_get_count(&s->gpt) & 0xffff : 0xffff;
        break;
    case WORD_SWAP:
        v = s->word_swap;
        break;
    case FREE_RUN:
        v = free_run();
        break;
    case RX_DROP:
        v = s->rx_drop;
        s->rx_drop = 0;
        break;
    case MAC_CSR_CMD:
        v = s->mac_csr_cmd;
        break;
    case MAC_CSR_DATA:
        v = s->mac_csr_data;
        break;
    case AFC_CFG:
        v = s->afc_cfg;
        break;
    case E2P_CMD:
        v = s->e2p_cmd;
        break;
    case E2P_DATA:
        v = s->e2p_data;
        break;
    default:
        qemu_log_mask(LOG_GUEST_ERROR, "lan9118: read of unknown register 0x%" HWADDR_PRIx
                      "\n", addr);
        break;
    }
    lan9118_update(s);
    return v;
}

static void gpt_write(LAN9118State *s, uint32_t val)
{
    uint32_t old = s->gpt_cfg;

    s->gpt_cfg = val & (GPT_CFG_EN | 0xffff);
    if ((val & GPT_CFG_EN) && (!(old & GPT_CFG_EN) || (old & 0xffff) != (val & 0xffff))) {
        /* Counts down from GPT_LOAD at 10 kHz, then wraps to 0xffff. */
        ptimer_stop(&s->gpt);
        ptimer_set_limit(&s->gpt, 0xffff, false);
        ptimer_set_count(&s->gpt, val & 0xffff);
        ptimer_run(&s->gpt, false);
    } else if (!(val & GPT_CFG_EN)) {
        ptimer_stop(&s->gpt);
    }
}

static void lan9118_write(void *opaque, hwaddr addr, uint64_t val64, unsigned size)
{
    LAN9118State *s = opaque;
    uint32_t val = val64;

    if (addr >= TX_DATA_FIFO && addr < RX_STATUS_FIFO) {
        tx_data_write(s, val);
        lan9118_update(s);
        return;
    }
    switch (addr) {
    case IRQ_CFG:
        s->irq_cfg = (s->irq_cfg & IRQ_CFG_IRQ_INT) | (val & IRQ_CFG_WRITABLE);
        break;
    case INT_STS:
        s->int_sts &= ~val;
        break;
    case INT_EN:
        if ((val & INT_SW) && !(s->int_en & INT_SW)) {
            s->int_sts |= INT_SW;
        }
        s->int_en = val & 0xfffff3ff;
        break;
    case FIFO_INT:
        s->fifo_int = val;
        break;
    case RX_CFG:
        if (val & RX_CFG_RX_DUMP) {
            rx_dump(s);
            rx_flush(s);
        }
        s->rx_cfg = val & 0xf3ff1f00;
        break;
    case TX_CFG:
        if (val & TX_CFG_TXS_DUMP) {
            s->tx_status_count = 0;
        }
        if (val & TX_CFG_TXD_DUMP) {
            s->tx_state = TX_CMD_A;
        }
        if (val & TX_CFG_STOP_TX) {
            /* Nothing is ever pending: the transmitter stops at once. */
            s->tx_cfg = (val & TX_CFG_TXSAO);
            s->int_sts |= INT_TXSTOP;
        } else {
            s->tx_cfg = val & (TX_CFG_TX_ON | TX_CFG_TXSAO);
        }
        break;
    case HW_CFG:
        if (val & HW_CFG_SRST) {
            lan9118_soft_reset(s);
            break;
        }
        if (HW_CFG_TX_FIF_SZ(val) != HW_CFG_TX_FIF_SZ(s->hw_cfg)) {
            rx_dump(s);
        }
        s->hw_cfg = (val & HW_CFG_WRITABLE) | HW_CFG_MBO | HW_CFG_32BIT;
        rx_flush(s);
        break;
    case RX_DP_CTRL:
        if (val & RX_DP_CTRL_FFWD) {
            rx_fast_forward(s);
        }
        break;
    case PMT_CTRL:
        if (val & PMT_CTRL_PHY_RST) {
            phy_reset(s);
        }
        s->pmt_ctrl = (val & 0x00003ffe & ~PMT_CTRL_PHY_RST) | PMT_CTRL_READY;
        break;
    case GPIO_CFG:
        s->gpio_cfg = val & 0x7777ffff;
        break;
    case GPT_CFG:
        gpt_write(s, val);
        break;
    case WORD_SWAP:
        s->word_swap = val;
        break;
    case MAC_CSR_CMD:
        s->mac_csr_cmd = val & ~MAC_CSR_BUSY;
        if (val & MAC_CSR_BUSY) {
            if (val & MAC_CSR_READ) {
                s->mac_csr_data = mac_csr_read(s, val & 0xff);
            } else {
                mac_csr_write(s, val & 0xff, s->mac_csr_data);
            }
        }
        break;
    case MAC_CSR_DATA:
        s->mac_csr_data = val;
        break;
    case AFC_CFG:
        s->afc_cfg = val & 0x00ffffff;
        break;
    case E2P_CMD:
        /* There is no EEPROM: every command times out at once. */
        s->e2p_cmd = (s->e2p_cmd & ~0x700000ffu & ~(val & E2P_TIMEOUT)) | (val & 0x700000ff);
        if (val & E2P_BUSY) {
            s->e2p_cmd |= E2P_TIMEOUT;
        }
        break;
    case E2P_DATA:
        s->e2p_data = val & 0xff;
        break;
    case ID_REV:
    case BYTE_TEST:
    case RX_FIFO_INF:
    case TX_FIFO_INF:
    case GPT_CNT:
    case FREE_RUN:
    case RX_DROP:
        qemu_log_mask(LOG_GUEST_ERROR, "lan9118: write of read-only register 0x%"
                      HWADDR_PRIx "\n", addr);
        break;
    default:
        qemu_log_mask(LOG_GUEST_ERROR, "lan9118: write of unknown register 0x%" HWADDR_PRIx
                      "\n", addr);
        break;
    }
    lan9118_update(s);
}

static const MemoryRegionOps lan9118_ops = {
    .read = lan9118_read,
    .write = lan9118_write,
    .endianness = DEVICE_NATIVE_ENDIAN,
    .valid.min_access_size = 4,
    .valid.max_access_size = 4,
    .impl.min_access_size = 4,
    .impl.max_access_size = 4,
};

static void lan9118_gpt_tick(void *opaque)
{
    LAN9118State *s = opaque;

    s->int_sts |= INT_GPT;
    lan9118_update(s);
}

static const NetClientInfo lan9118_net_info = {
    .type = NET_CLIENT_DRIVER_NIC,
    .size = sizeof(NICState),
    .receive = lan9118_receive,
    .can_receive = lan9118_can_receive,
};

static void lan9118_reset(DeviceState *dev)
{
    LAN9118State *s = LAN9118(dev);

    lan9118_soft_reset(s);
    lan9118_update(s);
}

static void lan9118_init(Object *obj)
{
    LAN9118State *s = LAN9118(obj);

    memory_region_init_io(&s->mmio, obj, &lan9118_ops, s, "lan9118-mmio", 0x100);
    sysbus_init_mmio(SYS_BUS_DEVICE(obj), &s->mmio);
    sysbus_init_irq(SYS_BUS_DEVICE(obj), &s->irq);
    ptimer_init(&s->gpt, lan9118_gpt_tick, s);
    ptimer_set_freq(&s->gpt, 10000);
}

static void lan9118_realize(DeviceState *dev, Error **errp)
{
    LAN9118State *s = LAN9118(dev);

    qemu_macaddr_default_if_unset(&s->conf.macaddr);
    s->nic = qemu_new_nic(&lan9118_net_info, &s->conf, "lan9118", dev->id, s);
}

static void lan9118_unrealize(DeviceState *dev)
{
    LAN9118State *s = LAN9118(dev);

    if (s->nic) {
        qemu_del_nic(s->nic);
        s->nic = NULL;
    }
}

static void lan9118_finalize(Object *obj)
{
    LAN9118State *s = LAN9118(obj);

    ptimer_deinit(&s->gpt);
    memory_region_finalize(&s->mmio);
}

static bool lan9118_post_load(void *opaque, int version_id, Error **errp)
{
    LAN9118State *s = opaque;

    if (s->rx_data_head >= LAN9118_RX_DATA_MAX || s->rx_data_count > rx_data_capacity(s) ||
        s->rx_status_head >= LAN9118_RX_STATUS_MAX ||
        s->rx_status_count > rx_status_capacity(s) ||
        s->tx_status_head >= LAN9118_TX_STATUS_MAX ||
        s->tx_status_count > LAN9118_TX_STATUS_MAX || s->tx_state > TX_DATA) {
        error_setg(errp, "lan9118: FIFO positions out of range (RX data %u+%u, RX status "
                   "%u+%u, TX status %u+%u, TX state %u)", s->rx_data_head, s->rx_data_count,
                   s->rx_status_head, s->rx_status_count, s->tx_status_head,
                   s->tx_status_count, s->tx_state);
        return false;
    }
    lan9118_update(s);
    /* Room in the RX FIFOs on this side: take what waits. */
    rx_flush(s);
    return true;
}

static const VMStateDescription vmstate_lan9118 = {
    .name = "lan9118",
    .version_id = 1,
    .minimum_version_id = 1,
    .post_load = lan9118_post_load,
    .fields = (const VMStateField[]) {
        VMSTATE_PTIMER(gpt, LAN9118State),
        VMSTATE_UINT32(irq_cfg, LAN9118State),
        VMSTATE_UINT32(int_sts, LAN9118State),
        VMSTATE_UINT32(int_en, LAN9118State),
        VMSTATE_UINT32(fifo_int, LAN9118State),
        VMSTATE_UINT32(rx_cfg, LAN9118State),
        VMSTATE_UINT32(tx_cfg, LAN9118State),
        VMSTATE_UINT32(hw_cfg, LAN9118State),
        VMSTATE_UINT32(pmt_ctrl, LAN9118State),
        VMSTATE_UINT32(gpio_cfg, LAN9118State),
        VMSTATE_UINT32(gpt_cfg, LAN9118State),
        VMSTATE_UINT32(word_swap, LAN9118State),
        VMSTATE_UINT32(rx_drop, LAN9118State),
        VMSTATE_UINT32(mac_csr_cmd, LAN9118State),
        VMSTATE_UINT32(mac_csr_data, LAN9118State),
        VMSTATE_UINT32(afc_cfg, LAN9118State),
        VMSTATE_UINT32(e2p_cmd, LAN9118State),
        VMSTATE_UINT32(e2p_data, LAN9118State),
        VMSTATE_UINT32(mac_cr, LAN9118State),
        VMSTATE_UINT32(mac_addrh, LAN9118State),
        VMSTATE_UINT32(mac_addrl, LAN9118State),
        VMSTATE_UINT32(mac_hashh, LAN9118State),
        VMSTATE_UINT32(mac_hashl, LAN9118State),
        VMSTATE_UINT32(mac_mii_acc, LAN9118State),
        VMSTATE_UINT32(mac_mii_data, LAN9118State),
        VMSTATE_UINT32(mac_flow, LAN9118State),
        VMSTATE_UINT32(mac_vlan1, LAN9118State),
        VMSTATE_UINT32(mac_vlan2, LAN9118State),
        VMSTATE_UINT32(mac_wucsr, LAN9118State),
        VMSTATE_UINT32(phy_control, LAN9118State),
        VMSTATE_UINT32(phy_advertise, LAN9118State),
        VMSTATE_UINT32(phy_mode, LAN9118State),
        VMSTATE_UINT32(phy_int_src, LAN9118State),
        VMSTATE_UINT32(phy_int_mask, LAN9118State),
        VMSTATE_UINT32(tx_state, LAN9118State),
        VMSTATE_UINT32(tx_cmd_a, LAN9118State),
        VMSTATE_UINT32(tx_cmd_b, LAN9118State),
        VMSTATE_UINT32(tx_buf_pos, LAN9118State),
        VMSTATE_UINT32(tx_len, LAN9118State),
        VMSTATE_BUFFER(tx_frame, LAN9118State),
        VMSTATE_UINT32_ARRAY(tx_status, LAN9118State, LAN9118_TX_STATUS_MAX),
        VMSTATE_UINT32(tx_status_head, LAN9118State),
        VMSTATE_UINT32(tx_status_count, LAN9118State),
        VMSTATE_UINT32_ARRAY(rx_data, LAN9118State, LAN9118_RX_DATA_MAX),
        VMSTATE_UINT32(rx_data_head, LAN9118State),
        VMSTATE_UINT32(rx_data_count, LAN9118State),
        VMSTATE_UINT32_ARRAY(rx_status, LAN9118State, LAN9118_RX_STATUS_MAX),
        VMSTATE_UINT32_ARRAY(rx_status_words, LAN9118State, LAN9118_RX_STATUS_MAX),
        VMSTATE_UINT32(rx_status_head, LAN9118State),
        VMSTATE_UINT32(rx_status_count, LAN9118State),
        VMSTATE_UINT32(rx_packet_words, LAN9118State),
        VMSTATE_END_OF_LIST()
    },
};

static Property lan9118_properties[] = {
    DEFINE_NIC_PROPERTIES(LAN9118State, conf),
    DEFINE_PROP_END_OF_LIST(),
};

static void lan9118_class_init(ObjectClass *klass, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);

    dc->desc = "SMSC LAN9118 Ethernet controller";
    dc->realize = lan9118_realize;
    dc->unrealize = lan9118_unrealize;
    dc->reset = lan9118_reset;
    dc->vmsd = &vmstate_lan9118;
    device_class_set_props(dc, lan9118_properties);
}

static const TypeInfo lan9118_types[] = {
    {
        .name = TYPE_LAN9118,
        .parent = TYPE_SYS_BUS_DEVICE,
        .instance_size = sizeof(LAN9118State),
        .instance_init = lan9118_init,
        .instance_finalize = lan9118_finalize,
        .class_init = lan9118_class_init,
    },
};

DEFINE_TYPES(lan9118_types)
