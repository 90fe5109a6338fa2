/*
 * An SP804 interrupt (timer 0/1 at 0x10011000: SPI 2, interrupt ID 34)
 * routed through the GIC distributor to CPU 0: the handler acknowledges
 * ID 34, clears the timer's interrupt and ends it. While IRQs are masked
 * the interrupt shows pending in the distributor; masking it in the timer
 * clears the pending state (the line is level-sensitive). Guest only.
 */
#include "testlib.h"
#include "irq.h"

#define SP804           0x10011000u
#define SP804_LOAD      (SP804 + 0x00)
#define SP804_CONTROL   (SP804 + 0x08)
#define SP804_INTCLR    (SP804 + 0x0c)
#define SP804_RIS       (SP804 + 0x10)

#define CTRL_32BIT      (1u << 1)
#define CTRL_IE         (1u << 5)
#define CTRL_PERIODIC   (1u << 6)
#define CTRL_ENABLE     (1u << 7)

#define ID_SP804        34
#define WANT 5

static volatile int ticks;
static volatile int others;

static void handler(uint32_t id)
{
    if (id == ID_SP804) {
        wr32(SP804_INTCLR, 1);
        ticks++;
    } else {
        others++;
    }
}

int main(void);
int main(void)
{
    int fails = 0;
    uint32_t bit = 1u << (ID_SP804 - 32);

    irq_setup(handler);
    gic_enable();
    /* Route ID 34 to CPU 0 (byte 2 of ITARGETSR8) and enable it. */
    wr32(GICD_ITARGETSR(ID_SP804 / 4), 0x01u << (8 * (ID_SP804 % 4)));
    wr32(GICD_ISENABLER(1), bit);

    /* IRQs masked: the expiry shows as pending in the distributor. */
    wr32(SP804_LOAD, 1000);
    wr32(SP804_CONTROL, CTRL_ENABLE | CTRL_PERIODIC | CTRL_IE | CTRL_32BIT);
    while (!(rd32(SP804_RIS) & 1)) {
    }
    if (!(rd32(GICD_ISPENDR(1)) & bit)) {
        put_str("FAIL SPI 2 not pending\n");
        fails++;
    }
    wr32(SP804_INTCLR, 1);
    if (rd32(GICD_ISPENDR(1)) & bit) {
        put_str("FAIL SPI 2 pending after the device cleared it\n");
        fails++;
    }

    irq_unmask();
    while (ticks < WANT) {
        wfi();
    }
    irq_mask();
    wr32(SP804_CONTROL, 0);
    wr32(SP804_INTCLR, 1);
    put_str("sp804 interrupts ");
    put_dec(ticks >= WANT ? WANT : ticks);
    put_str("\n");
    if (others) {
        put_str("FAIL unexpected interrupt ids\n");
        fails++;
    }
    if (rd32(GICD_ISACTIVER(1)) & bit) {
        put_str("FAIL SPI 2 still active\n");
        fails++;
    }
    return fails;
}
