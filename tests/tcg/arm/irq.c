/*
 * Interrupt support for the bare-metal tests: see irq.h.
 */
#include "irq.h"
#include "exc.h"
#include "testlib.h"

void semi_exit(int status);

static void (*irq_handler)(uint32_t id);

/* crt0's IRQ vector (lr already adjusted) calls this with the frame. */
void test_exception(int type, struct exc_frame *f)
{
    uint32_t iar, id;

    if (type != EXC_IRQ) {
        put_str("unexpected exception\n");
        semi_exit(1);
    }
    iar = rd32(GICC_IAR);
    id = iar & 0x3ff;
    if (id == 1023) {
        return;     /* spurious */
    }
    irq_handler(id);
    wr32(GICC_EOIR, iar);
}

void irq_setup(void (*handler)(uint32_t id))
{
    irq_handler = handler;
}

void gic_enable(void)
{
    wr32(GICD_CTLR, 1);
    wr32(GICC_PMR, 0xf0);
    wr32(GICC_CTLR, 1);
}

void irq_unmask(void)
{
    __asm__ volatile("mrs r0, cpsr\n"
                     "bic r0, r0, #0x80\n"
                     "msr cpsr_c, r0\n" : : : "r0", "memory");
}

void irq_mask(void)
{
    __asm__ volatile("mrs r0, cpsr\n"
                     "orr r0, r0, #0x80\n"
                     "msr cpsr_c, r0\n" : : : "r0", "memory");
}

void wfi(void)
{
    __asm__ volatile("wfi" : : : "memory");
}
