/*
 * The A9 private timer through the GIC: PPI 29 enabled in the
 * distributor, the CPU interface on, CPSR.I clear; the IRQ handler
 * acknowledges through GICC_IAR, clears the timer's event flag and ends
 * the interrupt through GICC_EOIR. Ten periodic interrupts must arrive,
 * each one acknowledged as ID 29, and nothing may stay pending or active.
 * Guest only.
 */
#include "testlib.h"
#include "irq.h"

#define PTIMER_LOAD     (A9_PRIV + 0x600)
#define PTIMER_COUNTER  (A9_PRIV + 0x604)
#define PTIMER_CONTROL  (A9_PRIV + 0x608)
#define PTIMER_ISR      (A9_PRIV + 0x60c)

#define WANT 10

static volatile int ticks;
static volatile int others;

static void handler(uint32_t id)
{
    if (id == 29) {
        wr32(PTIMER_ISR, 1);
        ticks++;
    } else {
        others++;
    }
}

int main(void);
int main(void)
{
    int fails = 0;

    irq_setup(handler);
    gic_enable();
    wr32(GICD_ISENABLER(0), 1u << 29);
    if (!(rd32(GICD_ISENABLER(0)) & (1u << 29))) {
        put_str("FAIL PPI 29 not enabled\n");
        fails++;
    }
    /* 1 ms periods at 100 MHz, auto-reload, interrupt enabled. */
    wr32(PTIMER_LOAD, 100000);
    wr32(PTIMER_CONTROL, 7);
    irq_unmask();
    while (ticks < WANT) {
        wfi();
    }
    irq_mask();
    wr32(PTIMER_CONTROL, 0);
    wr32(PTIMER_ISR, 1);
    put_str("timer interrupts ");
    put_dec(ticks >= WANT ? WANT : ticks);
    put_str("\n");
    if (others) {
        put_str("FAIL unexpected interrupt ids\n");
        fails++;
    }
    if (rd32(GICD_ISACTIVER(0)) & (1u << 29)) {
        put_str("FAIL PPI 29 still active\n");
        fails++;
    }
    if (rd32(GICD_ISPENDR(0)) & (1u << 29)) {
        put_str("FAIL PPI 29 still pending\n");
        fails++;
    }
    return fails;
}
