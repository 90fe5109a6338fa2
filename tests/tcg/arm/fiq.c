/*
 * FIQs from the A9 MPCore GIC (guest only; run with -M vexpress-a9,secure=on:
 * the GIC has the Security Extensions, the program runs Secure). With
 * GICC_CTLR.FIQEn set, Group 0 interrupts are signalled as FIQ:
 * - an SGI (GICD_SGIR) pending while CPSR.F is set is not taken (CPSR.I
 *   clear does not let it through either); clearing F takes it at the FIQ
 *   vector, in FIQ mode (I, F and A set), with SPSR = the interrupted CPSR;
 *   the handler (fiq_entry) runs on the banked r8-r12, sp and lr without
 *   saving them, returns with SUBS PC, LR, #4 to the interrupted
 *   instruction, and the interrupted code's r8-r12 are intact; the banked
 *   r8 (the handler's counter) keeps its value between FIQs;
 * - the SP804 (SPI 2, ID 34) as FIQ, several times, waking WFI;
 * - FIQEn clear: the same Group 0 SGI arrives at the IRQ vector;
 * - FIQEn set, a Group 1 SGI: IRQ, not FIQ.
 * Without the Security Extensions (default vexpress-a9) FIQEn does not
 * stick; the program says so and ends. Returns the number of failures.
 */
#include "testlib.h"
#include "exc.h"
#include "irq.h"

#define GICC_HPPIR      (GICC + 0x18)
#define GICD_IGROUPR(n) (GICD + 0x080 + 4 * (n))
#define GICD_SGIR       (GICD + 0xf00)
#define SGIR_SELF       (2u << 24)
#define SGIR_NSATT      (1u << 15)

#define CTLR_GRP0       1u
#define CTLR_GRP1       2u
#define CTLR_ACKCTL     4u
#define CTLR_FIQEN      8u

#define SP804           0x10011000u
#define SP804_LOAD      (SP804 + 0x00)
#define SP804_CONTROL   (SP804 + 0x08)
#define SP804_INTCLR    (SP804 + 0x0c)
#define ID_SP804        34

#define MCR(op1, crn, crm, op2, v) \
    __asm__ volatile("mcr p15, " #op1 ", %0, " #crn ", " #crm ", " #op2 \
                     :: "r"((uint32_t)(v)) : "memory")

/* Written by fiq_entry (through the banked r9). */
struct fiq_record {
    uint32_t count;     /* the banked r8 after its increment */
    uint32_t cpsr;
    uint32_t spsr;
    uint32_t lr;
    uint32_t sp;
    uint32_t iar;
};

/* What fiq_window saw: r7 (3 ADDs), r8-r12, and the window's bounds. */
struct window {
    uint32_t r7, r8, r9, r10, r11, r12;
    uint32_t first, end;
};

volatile struct fiq_record fiq_rec;
extern char fiq_vectors[], test_vectors[], __stack_top[];
void fiq_set_banked(uint32_t r8, volatile struct fiq_record *rec);
void fiq_get_banked(uint32_t out[7]);
void fiq_window(struct window *w);

__asm__(
    "   .text\n"
    "   .arm\n"
    "   .align  5\n"
    "   .global fiq_vectors\n"
    /* crt0's vectors, but FIQ goes to fiq_entry. */
    "fiq_vectors:\n"
    "   ldr     pc, =test_vectors + 0x00\n"
    "   ldr     pc, =test_vectors + 0x04\n"
    "   ldr     pc, =test_vectors + 0x08\n"
    "   ldr     pc, =test_vectors + 0x0c\n"
    "   ldr     pc, =test_vectors + 0x10\n"
    "   ldr     pc, =test_vectors + 0x14\n"
    "   ldr     pc, =test_vectors + 0x18\n"
    /* At 0x1c: only the banked registers, nothing saved. */
    "fiq_entry:\n"
    "   add     r8, r8, #1\n"
    "   str     r8, [r9, #0]\n"
    "   mrs     r10, cpsr\n"
    "   str     r10, [r9, #4]\n"
    "   mrs     r10, spsr\n"
    "   str     r10, [r9, #8]\n"
    "   str     lr, [r9, #12]\n"
    "   str     sp, [r9, #16]\n"
    "   ldr     r11, =0x1e00010c\n"         /* GICC_IAR */
    "   ldr     r12, [r11]\n"
    "   str     r12, [r9, #20]\n"
    "   ubfx    r10, r12, #0, #10\n"
    "   cmp     r10, #34\n"
    "   ldreq   r10, =0x1001100c\n"         /* SP804 timer 0 INTCLR */
    "   streq   r10, [r10]\n"
    "   str     r12, [r11, #4]\n"           /* GICC_EOIR */
    "   subs    pc, lr, #4\n"
    "   .ltorg\n"
    /* fiq_set_banked(r8, rec): FIQ mode's r8 and r9 (the record). */
    "   .global fiq_set_banked\n"
    "fiq_set_banked:\n"
    "   mrs     r2, cpsr\n"
    "   msr     cpsr_c, #0xd1\n"
    "   mov     r8, r0\n"
    "   mov     r9, r1\n"
    "   msr     cpsr_c, r2\n"
    "   bx      lr\n"
    /* fiq_get_banked(out): FIQ mode's r8-r14. */
    "   .global fiq_get_banked\n"
    "fiq_get_banked:\n"
    "   mrs     r2, cpsr\n"
    "   msr     cpsr_c, #0xd1\n"
    "   stm     r0, {r8-r14}\n"
    "   msr     cpsr_c, r2\n"
    "   bx      lr\n"
    /*
     * fiq_window(w): r8-r12 hold markers, F is cleared for three ADDs to
     * r7 and set again; the pending FIQ is taken in between.
     */
    "   .global fiq_window\n"
    "fiq_window:\n"
    "   push    {r4-r11}\n"
    "   mov     r7, #0\n"
    "   ldr     r8, =0x88888888\n"
    "   ldr     r9, =0x99999999\n"
    "   ldr     r10, =0xaaaaaaaa\n"
    "   ldr     r11, =0xbbbbbbbb\n"
    "   ldr     r12, =0xcccccccc\n"
    "   cpsie   f\n"
    "1: add     r7, r7, #1\n"
    "   add     r7, r7, #1\n"
    "   add     r7, r7, #1\n"
    "2: cpsid   f\n"
    "   stm     r0, {r7-r12}\n"
    "   adr     r1, 1b\n"
    "   adr     r2, 2b\n"
    "   str     r1, [r0, #24]\n"
    "   str     r2, [r0, #28]\n"
    "   pop     {r4-r11}\n"
    "   bx      lr\n"
    "   .ltorg\n");

void semi_exit(int status);

static int failures;
static volatile uint32_t irqs, irq_id;

static void check(const char *what, uint32_t got, uint32_t want)
{
    if (got != want) {
        put_str("FAIL ");
        put_str(what);
        put_str(": got ");
        put_hex(got);
        put_str(" want ");
        put_hex(want);
        put_str("\n");
        failures++;
    }
}

/* IRQs (crt0's vector through fiq_vectors): acknowledged and counted. */
void test_exception(int type, struct exc_frame *f)
{
    uint32_t iar;

    if (type != EXC_IRQ) {
        put_str("unexpected exception ");
        put_dec(type);
        put_str("\n");
        semi_exit(1);
    }
    iar = rd32(GICC_IAR);
    if ((iar & 0x3ff) >= 1020) {
        return;
    }
    irqs++;
    irq_id = iar & 0x3ff;
    wr32(GICC_EOIR, iar);
}

static void spin(void)
{
    for (volatile int i = 0; i < 2000; i++) {
    }
}

/* Local (irq.c's dispatcher is not linked: IRQs come to test_exception). */
static void irq_unmask_local(void)
{
    __asm__ volatile("cpsie i" ::: "memory");
}

static void irq_mask_local(void)
{
    __asm__ volatile("cpsid i" ::: "memory");
}

static void wfi_local(void)
{
    __asm__ volatile("wfi" ::: "memory");
}

static void fiq_unmask(void)
{
    __asm__ volatile("cpsie f" ::: "memory");
}

static void fiq_mask(void)
{
    __asm__ volatile("cpsid f" ::: "memory");
}

/* SGI 3 as FIQ: masking, entry state, banked registers, return. */
static void test_sgi_fiq(void)
{
    struct window w;
    uint32_t banked[7];

    /* I clear, F set: the FIQ stays pending. */
    irq_unmask_local();
    wr32(GICD_SGIR, SGIR_SELF | 3);
    spin();
    check("FIQ taken with CPSR.F set", fiq_rec.count, 0);
    check("SGI 3 pending", rd32(GICD_ISPENDR(0)) & (1u << 3), 1u << 3);
    check("HPPIR", rd32(GICC_HPPIR) & 0x3ff, 3);
    check("IRQs for a Group 0 interrupt with FIQEn", irqs, 0);
    irq_mask_local();

    fiq_window(&w);
    check("FIQs", fiq_rec.count, 1);
    check("IAR in the handler", fiq_rec.iar & 0x3ff, 3);
    check("FIQ mode, A I F set", fiq_rec.cpsr & 0x1ff, 0x1d1);
    check("SPSR: Supervisor, F clear", fiq_rec.spsr & 0xff, 0x93);
    check("banked sp", fiq_rec.sp, (uint32_t)__stack_top - 0x3000);
    if (fiq_rec.lr - 4 < w.first || fiq_rec.lr - 4 > w.end) {
        put_str("FAIL return address ");
        put_hex(fiq_rec.lr - 4);
        put_str(" outside the window\n");
        failures++;
    }
    check("r7 after the FIQ (each ADD once)", w.r7, 3);
    check("r8", w.r8, 0x88888888);
    check("r9", w.r9, 0x99999999);
    check("r10", w.r10, 0xaaaaaaaa);
    check("r11", w.r11, 0xbbbbbbbb);
    check("r12", w.r12, 0xcccccccc);
    check("SGI 3 no longer pending", rd32(GICD_ISPENDR(0)) & (1u << 3), 0);
    check("SGI 3 not active", rd32(GICD_ISACTIVER(0)) & (1u << 3), 0);

    fiq_get_banked(banked);
    check("banked r8 (the counter)", banked[0], 1);
    check("banked r9 (the record)", banked[1], (uint32_t)&fiq_rec);
    check("banked sp", banked[5], (uint32_t)__stack_top - 0x3000);
    check("banked lr", banked[6], fiq_rec.lr);

    /* A second one: the counter in r8 went on. */
    wr32(GICD_SGIR, SGIR_SELF | 4);
    fiq_window(&w);
    check("second FIQ", fiq_rec.count, 2);
    check("second IAR", fiq_rec.iar & 0x3ff, 4);
    check("r7 after the second FIQ", w.r7, 3);
    check("r8 after the second FIQ", w.r8, 0x88888888);
}

/* The SP804 as FIQ, taken while waiting in WFI with IRQs masked. */
static void test_sp804_fiq(void)
{
    uint32_t start = fiq_rec.count;

    wr32(GICD_ITARGETSR(ID_SP804 / 4), 0x01u << (8 * (ID_SP804 % 4)));
    wr32(GICD_ISENABLER(1), 1u << (ID_SP804 - 32));
    wr32(SP804_LOAD, 1000);
    wr32(SP804_CONTROL, 0xe2);      /* enable, periodic, IE, 32-bit */
    fiq_unmask();
    while (fiq_rec.count - start < 5) {
        wfi_local();
    }
    fiq_mask();
    wr32(SP804_CONTROL, 0);
    wr32(SP804_INTCLR, 1);
    wr32(GICD_ICENABLER(1), 1u << (ID_SP804 - 32));
    check("SP804 FIQ id", fiq_rec.iar & 0x3ff, ID_SP804);
    check("IRQs during the SP804 FIQs", irqs, 0);
}

/* Without FIQEn, and for Group 1: the IRQ vector. */
static void test_as_irq(void)
{
    uint32_t start = fiq_rec.count;

    wr32(GICC_CTLR, CTLR_GRP0 | CTLR_GRP1);
    wr32(GICD_SGIR, SGIR_SELF | 5);
    __asm__ volatile("cpsie if" ::: "memory");
    spin();
    __asm__ volatile("cpsid if" ::: "memory");
    check("IRQs for Group 0 without FIQEn", irqs, 1);
    check("IRQ id", irq_id, 5);
    check("FIQs without FIQEn", fiq_rec.count - start, 0);

    wr32(GICC_CTLR, CTLR_GRP0 | CTLR_GRP1 | CTLR_ACKCTL | CTLR_FIQEN);
    wr32(GICD_IGROUPR(0), 1u << 6);
    wr32(GICD_SGIR, SGIR_SELF | SGIR_NSATT | 6);
    __asm__ volatile("cpsie if" ::: "memory");
    spin();
    __asm__ volatile("cpsid if" ::: "memory");
    check("IRQs for Group 1 with FIQEn", irqs, 2);
    check("Group 1 IRQ id", irq_id, 6);
    check("FIQs for Group 1", fiq_rec.count - start, 0);
    wr32(GICD_IGROUPR(0), 0);
}

int main(void);
int main(void)
{
    uint32_t ctlr;

    wr32(GICD_CTLR, 3);
    wr32(GICC_PMR, 0xf0);
    wr32(GICC_CTLR, CTLR_GRP0 | CTLR_GRP1 | CTLR_FIQEN);
    ctlr = rd32(GICC_CTLR);
    if (!(ctlr & CTLR_FIQEN)) {
        put_str("fiq: GICC_CTLR ");
        put_hex(ctlr);
        put_str(", no FIQEn (a GIC without the Security Extensions)\n");
        return 0;
    }
    wr32(GICD_ISENABLER(0), 0xffff);        /* SGIs (RAO/WI where fixed) */
    fiq_set_banked(0, &fiq_rec);
    MCR(0, c12, c0, 0, (uint32_t)fiq_vectors);      /* VBAR */
    __asm__ volatile("isb" ::: "memory");

    test_sgi_fiq();
    test_sp804_fiq();
    test_as_irq();

    MCR(0, c12, c0, 0, (uint32_t)test_vectors);
    if (!failures) {
        put_str("fiq ok\n");
    }
    return failures;
}
