/*
 * SMSC LAN9118 10/100 Ethernet controller with its internal PHY, on a
 * 32-bit bus (Linux: "smsc,lan9118", reg-io-width 4). One MMIO region of
 * 0x100 bytes, one interrupt output; properties "mac" and "netdev".
 */
#ifndef HW_NET_LAN9118_H
#define HW_NET_LAN9118_H

#include "hw/sysbus.h"
#include "hw/ptimer.h"
#include "net/net.h"

#define TYPE_LAN9118 "lan9118"
OBJECT_DECLARE_SIMPLE_TYPE(LAN9118State, LAN9118)

/* The 16 KiB of FIFO memory, shared between TX and RX by HW_CFG.TX_FIF_SZ. */
#define LAN9118_FIFO_BYTES      16384
#define LAN9118_RX_DATA_MAX     (LAN9118_FIFO_BYTES / 4)    /* words */
#define LAN9118_RX_STATUS_MAX   256
#define LAN9118_TX_STATUS_MAX   128
#define LAN9118_FRAME_MAX       2048

struct LAN9118State {
    SysBusDevice parent_obj;

    MemoryRegion mmio;
    qemu_irq irq;
    NICState *nic;
    NICConf conf;
    PTimer gpt;

    /* System control and status registers */
    uint32_t irq_cfg;
    uint32_t int_sts;
    uint32_t int_en;
    uint32_t fifo_int;
    uint32_t rx_cfg;
    uint32_t tx_cfg;
    uint32_t hw_cfg;
    uint32_t pmt_ctrl;
    uint32_t gpio_cfg;
    uint32_t gpt_cfg;
    uint32_t word_swap;
    uint32_t rx_drop;
    uint32_t mac_csr_cmd;
    uint32_t mac_csr_data;
    uint32_t afc_cfg;
    uint32_t e2p_cmd;
    uint32_t e2p_data;

    /* MAC control and status registers (through MAC_CSR_CMD/DATA) */
    uint32_t mac_cr;
    uint32_t mac_addrh;
    uint32_t mac_addrl;
    uint32_t mac_hashh;
    uint32_t mac_hashl;
    uint32_t mac_mii_acc;
    uint32_t mac_mii_data;
    uint32_t mac_flow;
    uint32_t mac_vlan1;
    uint32_t mac_vlan2;
    uint32_t mac_wucsr;

    /* Internal PHY (address 1) */
    uint32_t phy_control;
    uint32_t phy_advertise;
    uint32_t phy_mode;
    uint32_t phy_int_src;
    uint32_t phy_int_mask;

    /* Transmit: the command words and frame being assembled */
    uint32_t tx_state;          /* next TX data word: command A, B or data */
    uint32_t tx_cmd_a;
    uint32_t tx_cmd_b;
    uint32_t tx_buf_pos;        /* bytes of the current buffer consumed */
    uint32_t tx_len;            /* frame bytes assembled so far */
    uint8_t tx_frame[LAN9118_FRAME_MAX];
    uint32_t tx_status[LAN9118_TX_STATUS_MAX];
    uint32_t tx_status_head;
    uint32_t tx_status_count;

    /* Receive: data words and, per frame, a status word and its size in words */
    uint32_t rx_data[LAN9118_RX_DATA_MAX];
    uint32_t rx_data_head;
    uint32_t rx_data_count;
    uint32_t rx_status[LAN9118_RX_STATUS_MAX];
    uint32_t rx_status_words[LAN9118_RX_STATUS_MAX];
    uint32_t rx_status_head;
    uint32_t rx_status_count;
    uint32_t rx_packet_words;   /* words of the frame whose status was read */
};

#endif
