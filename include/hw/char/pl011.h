/*
 * ARM PrimeCell PL011 UART (ARM DDI 0183).
 */
#ifndef HW_CHAR_PL011_H
#define HW_CHAR_PL011_H

#include "hw/sysbus.h"
#include "chardev/char-fe.h"

#define TYPE_PL011 "pl011"
OBJECT_DECLARE_SIMPLE_TYPE(PL011State, PL011)

#define PL011_FIFO_DEPTH 16

struct PL011State {
    SysBusDevice parent_obj;

    MemoryRegion iomem;
    CharBackend chr;
    qemu_irq irq;

    /* Guest-visible registers (reset values in pl011_reset). */
    uint32_t rsr;           /* receive status: FE/PE/BE/OE of last read */
    uint32_t lcr;           /* UARTLCR_H */
    uint32_t cr;            /* UARTCR */
    uint32_t ifls;          /* UARTIFLS */
    uint32_t imsc;          /* interrupt mask set/clear */
    uint32_t ris;           /* raw interrupt status */
    uint32_t dmacr;
    uint32_t ilpr;
    uint32_t ibrd;
    uint32_t fbrd;

    /* Receive FIFO: 12-bit entries (data + error bits), ring buffer. */
    uint32_t rx_fifo[PL011_FIFO_DEPTH];
    uint32_t rx_pos;
    uint32_t rx_count;
    /* Transmit FIFO: bytes the backend has not taken yet (back-pressure). */
    uint8_t tx_fifo[PL011_FIFO_DEPTH];
    uint32_t tx_count;

    guint tx_watch;         /* backend watch while the TX FIFO drains */
};

#endif
