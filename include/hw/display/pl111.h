/*
 * ARM PrimeCell PL111 colour LCD controller (CLCD, ARM DDI 0293).
 *
 * The frame buffer is read from system memory at LCDUPBASE; the picture
 * is the registered display source "pl111" (ui/console.h) and is rendered
 * when someone looks (screendump, a UI refresh), redrawing only lines
 * whose memory changed unless registers changed. A frame timer on the
 * virtual clock (60 Hz while LcdEn is set) raises the vertical compare and
 * next-base-update interrupts once per frame. One IRQ output (combined).
 */
#ifndef HW_DISPLAY_PL111_H
#define HW_DISPLAY_PL111_H

#include "hw/sysbus.h"
#include "qemu/timer.h"
#include "ui/console.h"

#define TYPE_PL111 "pl111"
OBJECT_DECLARE_SIMPLE_TYPE(PL111State, PL111)

#define PL111_PALETTE_WORDS 128     /* 256 entries of 16 bits */

struct PL111State {
    SysBusDevice parent_obj;

    MemoryRegion iomem;
    qemu_irq irq;
    QEMUTimer frame_timer;
    DisplaySource display;
    DisplaySurface *surface;
    bool invalidate;        /* registers changed: redraw everything */

    uint32_t timing[4];
    uint32_t upbase;
    uint32_t lpbase;
    uint32_t control;
    uint32_t imsc;
    uint32_t ris;
    uint32_t palette[PL111_PALETTE_WORDS];
};

/* Renders the current frame into the surface (the display's refresh). */
void pl111_refresh(PL111State *s);

#endif
