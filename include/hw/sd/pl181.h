/*
 * ARM PrimeCell PL181 MultiMedia Card Interface (ARM DDI 0172).
 *
 * The card sits on the controller's SD bus "sd-bus" (create an sd-card
 * with qdev_realize(card, qdev_get_child_bus(dev, "sd-bus"), ...)).
 * IRQ 0 and 1 are MCIINTR[0] and [1] (status & MASK0 / MASK1). GPIO outputs
 * "card-inserted" and "card-read-only" follow the card at reset (a board
 * wires them to its card-detect / write-protect inputs).
 */
#ifndef HW_SD_PL181_H
#define HW_SD_PL181_H

#include "hw/sysbus.h"
#include "hw/sd/sd.h"

#define TYPE_PL181 "pl181"
OBJECT_DECLARE_SIMPLE_TYPE(PL181State, PL181)

#define PL181_FIFO_WORDS 16

struct PL181State {
    SysBusDevice parent_obj;

    MemoryRegion iomem;
    SDBus *bus;
    qemu_irq irq[2];
    qemu_irq card_inserted;
    qemu_irq card_readonly;

    uint32_t power;
    uint32_t clock;
    uint32_t cmdarg;
    uint32_t cmd;
    uint32_t respcmd;
    uint32_t response[4];
    uint32_t datatimer;
    uint32_t datalength;
    uint32_t datactrl;
    uint32_t datacnt;       /* bytes still to move between card and FIFO */
    uint32_t fifocnt;       /* words still to pass through the FIFO port */
    uint32_t status;        /* the latched (clearable) bits 0..10 */
    uint32_t mask[2];
    bool data_active;       /* DataCtrl enabled and not yet DataEnd */
    uint32_t block_done;    /* bytes of the current block moved */

    uint32_t fifo[PL181_FIFO_WORDS];
    uint32_t fifo_pos;
    uint32_t fifo_len;
};

#endif
