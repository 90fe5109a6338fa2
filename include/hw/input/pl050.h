/*
 * ARM PrimeCell PL050 PS/2 keyboard/mouse interface (KMI, ARM DDI 0143)
 * with its PS/2 device attached: "pl050_keyboard" carries a PS/2
 * keyboard, "pl050_mouse" a PS/2 mouse (hw/input/ps2.h for the input
 * API). One IRQ output: KMIIR != 0.
 */
#ifndef HW_INPUT_PL050_H
#define HW_INPUT_PL050_H

#include "hw/sysbus.h"
#include "hw/input/ps2.h"

#define TYPE_PL050 "pl050"
#define TYPE_PL050_KBD "pl050_keyboard"
#define TYPE_PL050_MOUSE "pl050_mouse"
OBJECT_DECLARE_SIMPLE_TYPE(PL050State, PL050)

struct PL050State {
    SysBusDevice parent_obj;

    MemoryRegion iomem;
    qemu_irq irq;
    bool is_mouse;
    PS2KbdState kbd;        /* the one in use, by is_mouse */
    PS2MouseState mouse;

    uint32_t cr;
    uint32_t clkdiv;
};

#endif
