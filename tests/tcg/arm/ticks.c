/*
 * A ticking guest for the live-migration tests (tests/functional/
 * test_migrate_ticks.py), on vexpress-a9, never exits:
 *  - "ticks boot\n" on the PL011 UART (UART0, 0x10009000);
 *  - an initialisation phase of INIT_US microseconds of guest time (SP804
 *    timer 2, free running at 1 MHz) doing checksum work over a buffer it
 *    verifies; "ticks init ok\n" (or "ticks FAIL ..." and a halt);
 *  - then "tick N\n" every 100 ms, N = 0, 1, 2 ... counted by the SP804
 *    timer 1 interrupt (SPI 2, ID 34) through the GIC, printed by the main
 *    loop, which otherwise sits in WFI.
 * The guest checks what it can see itself: guest time never goes backward
 * across a tick (a timer that restarted on the destination), and the UART's
 * transmit FIFO drains. Checks on the sequence of lines are the test's.
 *
 * SMP: every CPU enters at ticks_entry (the ELF entry); all but CPU 0 sit
 * in WFI with IRQs masked, as secondaries parked by firmware would.
 */
#include "testlib.h"
#include "irq.h"

#define UART0           0x10009000u
#define UART_DR         (UART0 + 0x00)
#define UART_FR         (UART0 + 0x18)
#define UART_CR         (UART0 + 0x30)
#define UART_FR_TXFF    (1u << 5)

#define SP804           0x10011000u
#define T1_LOAD         (SP804 + 0x00)
#define T1_CONTROL      (SP804 + 0x08)
#define T1_INTCLR       (SP804 + 0x0c)
#define T2_LOAD         (SP804 + 0x20)
#define T2_VALUE        (SP804 + 0x24)
#define T2_CONTROL      (SP804 + 0x28)

#define CTRL_32BIT      (1u << 1)
#define CTRL_IE         (1u << 5)
#define CTRL_PERIODIC   (1u << 6)
#define CTRL_ENABLE     (1u << 7)

#define ID_SP804        34
#define TICK_US         100000u
#define INIT_US         2500000u

/* Secondaries park here; CPU 0 goes on to crt0's _start. */
__asm__(".section .text\n"
        ".global ticks_entry\n"
        "ticks_entry:\n"
        "    mrc   p15, 0, r0, c0, c0, 5\n"     /* MPIDR */
        "    ands  r0, r0, #3\n"
        "    beq   _start\n"
        "1:  wfi\n"
        "    b     1b\n");

static volatile uint32_t ticks;      /* timer interrupts taken */
static volatile uint32_t others;
static uint32_t buf[4096];

static void uart_putc(char c)
{
    while (rd32(UART_FR) & UART_FR_TXFF) {
    }
    wr32(UART_DR, (uint8_t)c);
}

static void uart_puts(const char *s)
{
    while (*s) {
        uart_putc(*s++);
    }
}

static void uart_putu(uint32_t v)
{
    char digits[12];
    int n = 0;

    do {
        digits[n++] = '0' + v % 10;
        v /= 10;
    } while (v);
    while (n) {
        uart_putc(digits[--n]);
    }
}

static void halt(const char *why)
{
    uart_puts("ticks FAIL ");
    uart_puts(why);
    uart_puts("\n");
    irq_mask();
    for (;;) {
        wfi();
    }
}

/* Guest microseconds since timer 2 was started (it counts down from ~0). */
static uint32_t now_us(void)
{
    return 0xffffffffu - rd32(T2_VALUE);
}

static void handler(uint32_t id)
{
    if (id == ID_SP804) {
        wr32(T1_INTCLR, 1);
        ticks++;
    } else {
        others++;
    }
}

/* One round of work: fill BUF from an LCG, then check it by a second walk. */
static void init_round(uint32_t seed)
{
    uint32_t x = seed, sum = 0, check = 0;

    for (unsigned i = 0; i < 4096; i++) {
        x = x * 1664525u + 1013904223u;
        buf[i] = x;
        sum += x ^ i;
    }
    for (unsigned i = 4096; i-- > 0;) {
        check += buf[i] ^ i;
    }
    if (check != sum) {
        halt("init checksum");
    }
}

int main(void);
int main(void)
{
    uint32_t printed = 0, seed = 1, last_us;

    wr32(UART_CR, 0x301);          /* UARTEN | TXE | RXE */
    uart_puts("ticks boot\n");
    /* Width first: Load loads the counter at once, masked to the width. */
    wr32(T2_CONTROL, CTRL_32BIT);
    wr32(T2_LOAD, 0xffffffffu);
    wr32(T2_CONTROL, CTRL_ENABLE | CTRL_32BIT);
    while (now_us() < INIT_US) {
        init_round(seed++);
    }
    uart_puts("ticks init ok\n");

    irq_setup(handler);
    gic_enable();
    wr32(GICD_ITARGETSR(ID_SP804 / 4), 0x01u << (8 * (ID_SP804 % 4)));
    wr32(GICD_ISENABLER(ID_SP804 / 32), 1u << (ID_SP804 % 32));
    wr32(T1_CONTROL, CTRL_PERIODIC | CTRL_32BIT);
    wr32(T1_LOAD, TICK_US);
    wr32(T1_CONTROL, CTRL_ENABLE | CTRL_PERIODIC | CTRL_IE | CTRL_32BIT);
    last_us = now_us();
    irq_unmask();
    for (;;) {
        uint32_t taken = ticks;

        while (printed < taken) {
            uint32_t us = now_us();

            if (us < last_us) {
                halt("guest time went backward");
            }
            last_us = us;
            uart_puts("tick ");
            uart_putu(printed++);
            uart_puts("\n");
        }
        if (others) {
            halt("unexpected interrupt id");
        }
        /* IRQs masked around the check, so no interrupt slips in before WFI. */
        irq_mask();
        if (ticks == printed) {
            wfi();
        }
        irq_unmask();
    }
    return 0;
}
