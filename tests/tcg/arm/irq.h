/*
 * Interrupt support for the bare-metal tests on vexpress-a9: dispatch of
 * crt0's IRQ vector to a handler, and the A9 MPCore GIC (distributor at
 * 0x1e001000, CPU interface at 0x1e000100). Guest only.
 */
#ifndef IRQ_H
#define IRQ_H

#include <stdint.h>

#define A9_PRIV         0x1e000000u
#define GICC            (A9_PRIV + 0x100)
#define GICD            (A9_PRIV + 0x1000)
#define GICC_CTLR       (GICC + 0x00)
#define GICC_PMR        (GICC + 0x04)
#define GICC_IAR        (GICC + 0x0c)
#define GICC_EOIR       (GICC + 0x10)
#define GICD_CTLR       (GICD + 0x000)
#define GICD_ISENABLER(n) (GICD + 0x100 + 4 * (n))
#define GICD_ICENABLER(n) (GICD + 0x180 + 4 * (n))
#define GICD_ISPENDR(n) (GICD + 0x200 + 4 * (n))
#define GICD_ISACTIVER(n) (GICD + 0x300 + 4 * (n))
#define GICD_ITARGETSR(n) (GICD + 0x800 + 4 * (n))

static inline uint32_t rd32(uint32_t addr)
{
    return *(volatile uint32_t *)addr;
}

static inline void wr32(uint32_t addr, uint32_t v)
{
    *(volatile uint32_t *)addr = v;
}

/*
 * Makes HANDLER(interrupt id) the C handler called for each interrupt
 * acknowledged at the GIC (crt0's IRQ vector and stack; the handler must
 * not EOI: the dispatcher does).
 */
void irq_setup(void (*handler)(uint32_t id));
/* Enables the GIC distributor and this CPU's interface (priority mask 0xf0). */
void gic_enable(void);
/* Clears CPSR.I (IRQs taken) / sets it. */
void irq_unmask(void);
void irq_mask(void);
/* Waits for an interrupt. */
void wfi(void);

#endif
