/*
 * Interrupt support for the bare-metal tests: see irq.h.
 */
#include "irq.h"

/* The flash behind address 0: 32-bit bank of two 16-bit Intel chips. */
#define FLASH_PROGRAM   0x00400040u
#define FLASH_READ      0x00ff00ffu

static void (*irq_handler)(uint32_t id);
static uint32_t irq_stack[256] __attribute__((aligned(8)));

void irq_dispatch(void);
void irq_dispatch(void)
{
    uint32_t iar = rd32(GICC_IAR);
    uint32_t id = iar & 0x3ff;

    if (id == 1023) {
        return;     /* spurious */
    }
    irq_handler(id);
    wr32(GICC_EOIR, iar);
}

/* IRQ mode: lr = return address + 4; return restores CPSR from SPSR. */
__asm__(
    "    .text\n"
    "    .arm\n"
    "    .global irq_entry\n"
    "irq_entry:\n"
    "    sub     lr, lr, #4\n"
    "    push    {r0-r3, r12, lr}\n"
    "    bl      irq_dispatch\n"
    "    pop     {r0-r3, r12, lr}\n"
    "    movs    pc, lr\n");

void irq_entry(void);

/* Addresses near 0 hidden from the compiler (it takes them for NULL). */
static void flash_write(uint32_t addr, uint32_t value)
{
    __asm__("" : "+r"(addr));
    wr32(addr, value);
}

static void flash_program(uint32_t addr, uint32_t value)
{
    flash_write(addr, FLASH_PROGRAM);
    flash_write(addr, value);
}

void irq_setup(void (*handler)(uint32_t id))
{
    uint32_t top = (uint32_t)&irq_stack[256];

    irq_handler = handler;
    /* 0x18: ldr pc, [pc, #24] -> the address stored at 0x38. */
    flash_program(0x18, 0xe59ff018u);
    flash_program(0x38, (uint32_t)irq_entry);
    flash_write(0x0, FLASH_READ);
    __asm__ volatile(
        "mrs    r1, cpsr\n"
        "msr    cpsr_c, #0xd2\n"    /* IRQ mode, IRQ and FIQ masked */
        "mov    sp, %0\n"
        "msr    cpsr_c, r1\n"
        : : "r"(top) : "r1", "memory");
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
