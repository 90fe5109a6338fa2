/*
 * Virtualization Extensions (ARM ARM B1.7, B1.8): Hyp mode on
 * vexpress-a15,virtualization=on. Without EL3 the core resets in Hyp mode;
 * with secure=on it resets in Secure SVC and this program enters Hyp mode
 * from Monitor mode (SCR.NS and SCR.HCE, exception return to Hyp).
 *
 * Checked: exceptions taken in Hyp mode (UNDEF, SVC, HVC, data and
 * prefetch aborts under the Hyp MMU with an LPAE table) use their own
 * Hyp vectors with HSR, ELR_hyp, SPSR_hyp, HDFAR/HIFAR; HVC (A32 and T32)
 * from Non-secure SVC takes the Hyp Trap vector, ERET returns; ERET in
 * SVC is SUBS pc, lr, #0; T32 ERET in Hyp; MRS/MSR banked; HCR.IMO routes
 * the generic timer's IRQ to Hyp mode even with CPSR.I set in SVC; HCR.VI
 * raises a virtual IRQ the SVC guest takes at its own IRQ vector; HCR.HCD
 * (no EL3) makes HVC UNDEFINED. Prints "hyp ok" and exits 0. Guest only.
 */
#include "testlib.h"
#include "exc.h"

#define GICD            0x2c001000u
#define GICC            0x2c002000u
#define PPI_NS_PTIMER   30

#define MODE_SVC        0x13
#define MODE_HYP        0x1a
#define HCR_VM_BIT      (1u << 0)
#define HCR_FMO         (1u << 3)
#define HCR_IMO         (1u << 4)
#define HCR_VI          (1u << 7)
#define HCR_HCD         (1u << 29)

void semi_exit(int status);
uint32_t hyp_handler(uint32_t vec, uint32_t *frame);
void run_in_svc(void (*fn)(void), uint32_t svc_sp);
void run_in_user(void (*fn)(void), uint32_t usr_sp);
void user_udf(void);
void user_svc(void);
void svc_s1ptw(void);
void enter_hyp_from_monitor(void);
void hyp_udf(void);
void hyp_svc(void);
void hyp_hvc(void);
void svc_hvc(void);
void thumb_hvc(void);
uint32_t svc_eret(void);
uint32_t thumb_eret_hyp(void);
uint32_t thumb_banked(uint32_t v);
extern uint32_t hyp_vectors[];

__asm__(
    "   .syntax unified\n"
    "   .arch_extension virt\n"
    "   .arch_extension sec\n"
    "   .text\n"
    "   .align 5\n"
    "   .global hyp_vectors\n"
    "hyp_vectors:\n"
    "   b hv0\n b hv1\n b hv2\n b hv3\n b hv4\n b hv5\n b hv6\n b hv7\n"
    "   .macro hvec n\n"
    "hv\\n:\n"
    "   push {r0-r12, lr}\n"
    "   mov r0, #\\n\n"
    "   mov r1, sp\n"
    "   bl hyp_handler\n"
    "   cmp r0, #0\n"
    "   beq hyp_resume\n"
    "   msr elr_hyp, r0\n"
    "   pop {r0-r12, lr}\n"
    "   eret\n"
    "   .endm\n"
    "   hvec 0\n hvec 1\n hvec 2\n hvec 3\n hvec 4\n hvec 5\n hvec 6\n hvec 7\n"
    /* Back in Hyp mode from the SVC function: run_in_svc returns. */
    "hyp_resume:\n"
    "   ldr r0, =hyp_saved_sp\n"
    "   ldr sp, [r0]\n"
    "   pop {r4-r11, lr}\n"
    "   bx lr\n"
    /* run_in_svc(fn, sp): fn runs in Non-secure SVC (IRQ/FIQ masked). */
    "   .global run_in_svc, run_in_user\n"
    "run_in_svc:\n"
    "   push {r4-r11, lr}\n"
    "   ldr r2, =hyp_saved_sp\n"
    "   str sp, [r2]\n"
    "   msr elr_hyp, r0\n"
    "   mov r2, #0x1d3\n"
    "   msr spsr_fsxc, r2\n"
    "   msr sp_svc, r1\n"
    "   ldr r2, =svc_return\n"
    "   msr lr_svc, r2\n"
    "   eret\n"
    "svc_return:\n"
    "   hvc #0xffff\n"
    /* run_in_user(fn, sp): fn runs in User mode; HCR.TGE brings its SVC here. */
    "run_in_user:\n"
    "   push {r4-r11, lr}\n"
    "   ldr r2, =hyp_saved_sp\n"
    "   str sp, [r2]\n"
    "   msr elr_hyp, r0\n"
    "   mov r2, #0x1d0\n"
    "   msr spsr_fsxc, r2\n"
    "   msr sp_usr, r1\n"
    "   ldr lr, =user_return\n"
    "   eret\n"
    "user_return:\n"
    "   svc #0xffff\n"
    "   .ltorg\n"
    /* From Secure SVC: Monitor mode sets SCR.NS|HCE and returns to Hyp. */
    "   .global enter_hyp_from_monitor\n"
    "enter_hyp_from_monitor:\n"
    "   push {r4, lr}\n"
    "   ldr r0, =mon_vectors\n"
    "   mcr p15, 0, r0, c12, c0, 1\n"
    "   isb\n"
    "   smc #0\n"
    "   pop {r4, pc}\n"
    "   .align 5\n"
    "mon_vectors:\n"
    "   b .\n b .\n b mon_smc\n b .\n b .\n b .\n b .\n b .\n"
    "mon_smc:\n"
    "   mrs r0, sp_svc\n"
    "   msr sp_hyp, r0\n"
    "   movw r0, #0x101\n"
    "   mcr p15, 0, r0, c1, c1, 0\n"
    "   isb\n"
    "   mov r0, #0x1da\n"
    "   msr spsr_fsxc, r0\n"
    "   movs pc, lr\n"
    "   .ltorg\n"
    "   .global hyp_udf, hyp_svc, hyp_hvc, svc_hvc, svc_eret, user_udf, user_svc\n"
    /* Stage 1 on, its table at an IPA stage 2 does not map: the next fetch faults. */
    "svc_s1ptw:\n"
    "   mov r0, #0x40000000\n"
    "   mcr p15, 0, r0, c2, c0, 0\n"
    "   mov r0, #0\n"
    "   mcr p15, 0, r0, c2, c0, 2\n"
    "   mvn r0, #0\n"
    "   mcr p15, 0, r0, c3, c0, 0\n"
    "   mrc p15, 0, r0, c1, c0, 0\n"
    "   orr r0, r0, #1\n"
    "   mcr p15, 0, r0, c1, c0, 0\n"
    "   isb\n"
    "   nop\n"
    "   bx lr\n"
    "user_udf:\n"
    "   udf #2\n"
    "   bx lr\n"
    "user_svc:\n"
    "   svc #0x77\n"
    "   bx lr\n"
    "hyp_udf:\n"
    "   udf #1\n"
    "   bx lr\n"
    "hyp_svc:\n"
    "   svc #0x42\n"
    "   bx lr\n"
    "hyp_hvc:\n"
    "   hvc #0xabcd\n"
    "   bx lr\n"
    "svc_hvc:\n"
    "   hvc #0x1234\n"
    "   bx lr\n"
    /* ERET outside Hyp mode: SUBS pc, lr, #0 (CPSR from SPSR_svc). */
    "svc_eret:\n"
    "   mov r2, lr\n"
    "   mrs r1, cpsr\n"
    "   msr spsr_fsxc, r1\n"
    "   adr lr, 1f\n"
    "   mov r0, #0\n"
    "   eret\n"
    "   mov r0, #2\n"
    "   bx r2\n"
    "1: add r0, r0, #1\n"
    "   bx r2\n"
    "   .thumb\n"
    "   .global thumb_hvc, thumb_eret_hyp, thumb_banked\n"
    /* T32 MSR/MRS banked: SP_und through r0, ELR_hyp kept. */
    "   .thumb_func\n"
    "thumb_banked:\n"
    "   mrs r2, elr_hyp\n"
    "   msr sp_und, r0\n"
    "   mrs r1, sp_und\n"
    "   msr elr_hyp, r1\n"
    "   mrs r0, elr_hyp\n"
    "   msr elr_hyp, r2\n"
    "   bx lr\n"
    "   .thumb_func\n"
    "thumb_hvc:\n"
    "   hvc #0x4321\n"
    "   bx lr\n"
    /* T32 ERET in Hyp mode: to ELR_hyp with SPSR_hyp (Hyp, Thumb). */
    "   .thumb_func\n"
    "thumb_eret_hyp:\n"
    "   mov r2, lr\n"
    "   mrs r1, cpsr\n"
    "   orr r1, r1, #0x20\n"
    "   msr spsr_fsxc, r1\n"
    "   adr r0, 2f\n"
    "   orr r0, r0, #1\n"
    "   msr elr_hyp, r0\n"
    "   movs r0, #0\n"
    "   eret\n"
    "   movs r0, #2\n"
    "   bx r2\n"
    "   .align 2\n"
    "2: adds r0, r0, #1\n"
    "   bx r2\n"
    "   .arm\n");

uint32_t hyp_saved_sp;

static int fails;
static int with_el3;
static uint32_t stacks[3][512];

/* The last exception taken to Hyp mode. */
static volatile struct {
    uint32_t vec, hsr, elr, spsr, hdfar, hifar;
    int count;
} hx;
static volatile uint32_t hist_hsr[64], hist_elr[64], hist_far[64], hist_hpfar[64];
static volatile int virq_hits, virq_mode_ok, hyp_irqs, hyp_irq_id;

static void check(const char *what, uint32_t got, uint32_t want)
{
    if (got != want) {
        put_str("FAIL ");
        put_str(what);
        put_str(": ");
        put_hex(got);
        put_str(" want ");
        put_hex(want);
        put_str("\n");
        fails++;
    }
}

static uint32_t cpsr(void)
{
    uint32_t v;

    __asm__ volatile("mrs %0, cpsr" : "=r"(v));
    return v;
}

static uint32_t get_hcr(void)
{
    uint32_t v;

    __asm__ volatile("mrc p15, 4, %0, c1, c1, 0" : "=r"(v));
    return v;
}

static void set_hcr(uint32_t v)
{
    __asm__ volatile("mcr p15, 4, %0, c1, c1, 0\n isb" :: "r"(v) : "memory");
}

static inline uint32_t rd32(uint32_t a)
{
    return *(volatile uint32_t *)a;
}

static inline void wr32(uint32_t a, uint32_t v)
{
    *(volatile uint32_t *)a = v;
}

static void set_ptimer(uint32_t tval, uint32_t ctl)
{
    __asm__ volatile("mcr p15, 0, %0, c14, c2, 0\n mcr p15, 0, %1, c14, c2, 1\n isb"
                     :: "r"(tval), "r"(ctl) : "memory");
}

uint32_t hyp_handler(uint32_t vec, uint32_t *frame)
{
    uint32_t hsr, elr, spsr, hdfar, hifar, hpfar;

    __asm__ volatile("mrc p15, 4, %0, c5, c2, 0\n"
                     "mrs %1, elr_hyp\n"
                     "mrs %2, spsr\n"
                     "mrc p15, 4, %3, c6, c0, 0\n"
                     "mrc p15, 4, %4, c6, c0, 2"
                     : "=r"(hsr), "=r"(elr), "=r"(spsr), "=r"(hdfar), "=r"(hifar));
    __asm__ volatile("mrc p15, 4, %0, c6, c0, 4" : "=r"(hpfar));
    switch (vec) {
    case 6:     /* IRQ routed by HCR.IMO */
        hyp_irq_id = rd32(GICC + 0x0c) & 0x3ff;
        set_ptimer(0, 0);
        wr32(GICC + 0x10, hyp_irq_id);
        hyp_irqs++;
        hx.spsr = spsr;
        return elr;
    case 5:
        if (hsr == 0x4a00ffff || hsr == 0x4600ffff) {
            return 0;           /* the SVC/User function is done: run_in_* returns */
        }
        if (hsr == 0x4a000002) {
            set_hcr(get_hcr() & ~HCR_VI);   /* the guest's vIRQ handler asks */
            return elr;
        }
        break;
    default:
        break;
    }
    hx.vec = vec;
    hx.hsr = hsr;
    hx.elr = elr;
    hx.spsr = spsr;
    hx.hdfar = hdfar;
    hx.hifar = hifar;
    hist_hsr[hx.count & 63] = hsr;
    hist_elr[hx.count & 63] = elr;
    hist_far[hx.count & 63] = hsr >> 26 == 0x20 ? hifar : hdfar;
    hist_hpfar[hx.count & 63] = hpfar;
    hx.count++;
    switch (vec) {
    case 1:     /* UNDEF in Hyp: skip the instruction */
    case 4:     /* data abort in Hyp: skip the load or store */
        return elr + 4;
    case 3:     /* prefetch abort in Hyp: back to the caller */
        return frame[13];
    case 2:     /* SVC/HVC in Hyp: ELR_hyp is the next instruction */
        return elr;
    case 5:     /* HVC from SVC, HCR.TGE: SVC (next) or UNDEF (skip) from User */
        if (hsr >> 26 == 0x20) {
            /* Stage 2 fault on the guest's stage 1 walk: its MMU off, retry. */
            uint32_t sctlr;

            __asm__ volatile("mrc p15, 0, %0, c1, c0, 0" : "=r"(sctlr));
            __asm__ volatile("mcr p15, 0, %0, c1, c0, 0\n isb" :: "r"(sctlr & ~1u));
            return elr;
        }
        /* UNDEF, stage 2 data abort: skip the instruction */
        return hsr >> 26 == 0 || hsr >> 26 == 0x24 ? elr + 4 : elr;
    default:
        put_str("FAIL unexpected Hyp vector ");
        put_dec(vec);
        put_str("\n");
        semi_exit(1);
        return 0;
    }
}

/* The Non-secure PL1 vectors (crt0): the virtual IRQ and HVC's UNDEF. */
static volatile int undefs;

void test_exception(int type, struct exc_frame *f)
{
    if (type == EXC_IRQ) {
        virq_hits++;
        virq_mode_ok = (cpsr() & 0x1f) == 0x12;
        __asm__ volatile("hvc #2" ::: "memory");
        return;
    }
    if (type == EXC_UND) {
        undefs++;
        return;
    }
    put_str("FAIL unexpected PL1 exception ");
    put_dec(type);
    put_str("\n");
    semi_exit(1);
}

static void expect_hyp(const char *what, uint32_t vec, uint32_t hsr, uint32_t elr,
                       uint32_t spsr_mode)
{
    put_str(what);
    put_str("\n");
    check("vector", hx.vec, vec);
    check("HSR", hx.hsr, hsr);
    check("ELR_hyp", hx.elr, elr);
    check("SPSR_hyp mode", hx.spsr & 0x1f, spsr_mode);
}

static void svc_part(void)
{
    uint32_t n = hx.count;

    check("SVC mode", cpsr() & 0x1f, MODE_SVC);
    svc_hvc();
    check("HVC from SVC taken", hx.count, n + 1);
    expect_hyp("hvc from svc", 5, 0x4a001234, (uint32_t)svc_hvc + 4, MODE_SVC);
    thumb_hvc();
    expect_hyp("t32 hvc from svc", 5, 0x4a004321, (uint32_t)thumb_hvc - 1 + 4, MODE_SVC);
    check("SPSR_hyp.T", hx.spsr & 0x20, 0x20);
    check("ERET in SVC (SUBS pc, lr)", svc_eret(), 1);
}

static void irq_part(void)
{
    /* CPSR.I is set: the physical IRQ still goes to Hyp mode (HCR.IMO). */
    for (int i = 0; i < 100000 && !hyp_irqs; i++) {
        __asm__ volatile("wfi" ::: "memory");
    }
}

static void virq_part(void)
{
    for (volatile int i = 0; i < 100; i++) {
    }
    check("vIRQ masked by CPSR.I", virq_hits, 0);
    __asm__ volatile("cpsie i" ::: "memory");
    for (int i = 0; i < 100000 && !virq_hits; i++) {
        __asm__ volatile("nop" ::: "memory");
    }
    __asm__ volatile("cpsid i" ::: "memory");
}

static void user_part(void)
{
    user_udf();
    user_svc();
}

static volatile uint32_t s2_read;

/* NS SVC under stage 2 (its own MMU off: VA = IPA). */
static void s2_part(void)
{
    wr32(0xc0000010, 0x5a5a1234);   /* IPA 0xc0000000 is PA 0x80200000 */
    s2_read = rd32(0xc0200010);     /* its read-only alias */
    wr32(0xc0200010, 1);            /* stage 2 permission fault */
    (void)rd32(0x40000010);         /* stage 2 translation fault, level 1 */
    svc_s1ptw();                    /* stage 2 fault on a stage 1 walk */
}

static uint64_t s2_l1[4] __attribute__((aligned(32)));
static uint64_t s2_l2[512] __attribute__((aligned(4096)));

#define S2_BLOCK(pa, ap, attr)  ((uint64_t)(pa) | 1u << 10 | (ap) << 6 | (attr) << 2 | 1)

static void stage2_test(void)
{
    uint32_t n;

    put_str("stage 2\n");
    s2_l1[0] = S2_BLOCK(0x00000000u, 3u, 0x1u);             /* devices */
    s2_l1[1] = 0;
    s2_l1[2] = S2_BLOCK(0x80000000u, 3u, 0xfu);             /* RAM, identity */
    s2_l1[3] = (uint32_t)s2_l2 | 3;
    s2_l2[0] = S2_BLOCK(0x80200000u, 3u, 0xfu);             /* 2 MB, remapped */
    s2_l2[1] = S2_BLOCK(0x80200000u, 1u, 0xfu);             /* read-only alias */
    wr32(0x80200010, 0);
    __asm__ volatile("mcr p15, 4, %0, c2, c1, 2" :: "r"(0x80000040u));  /* VTCR: SL0 1 */
    __asm__ volatile("mcrr p15, 6, %Q0, %R0, c2" :: "r"((uint64_t)(uint32_t)s2_l1));
    set_hcr(HCR_VM_BIT);
    n = hx.count;
    run_in_svc(s2_part, (uint32_t)&stacks[0][512]);
    set_hcr(0);
    check("stage 2 write lands in PA", rd32(0x80200010), 0x5a5a1234);
    check("stage 2 read-only alias", s2_read, 0x5a5a1234);
    check("stage 2 faults", hx.count, n + 3);
    /* EC 0x24 (from a lower level), WnR, DFSC; IL/ISV left out as above. */
    check("S2 permission: HSR", hist_hsr[n & 63] & 0xfc0003ff, 0x9000004e);
    check("S2 permission: HDFAR", hist_far[n & 63], 0xc0200010);
    check("S2 permission: HPFAR", hist_hpfar[n & 63], (0xc0200010u >> 12) << 4);
    n++;
    check("S2 translation: HSR", hist_hsr[n & 63] & 0xfc0003ff, 0x90000005);
    check("S2 translation: HDFAR", hist_far[n & 63], 0x40000010);
    check("S2 translation: HPFAR", hist_hpfar[n & 63], (0x40000000u >> 12) << 4);
    n++;
    /* The first-level descriptor of the fetch: IPA 0x40000000 + (VA >> 20) * 4. */
    check("S1PTW: HSR", hist_hsr[n & 63] & 0xfc0003ff, 0x80000085);
    check("S1PTW: HIFAR", hist_far[n & 63], hist_elr[n & 63]);
    check("S1PTW: HPFAR", hist_hpfar[n & 63],
          (0x40000000u + (hist_elr[n & 63] >> 20) * 4) >> 12 << 4);
}

static void hcd_part(void)
{
    svc_hvc();
    check("HVC with HCR.HCD: UNDEF", undefs, 1);
    put_str(fails ? "hyp FAILED\n" : "hyp ok\n");
    semi_exit(fails ? 1 : 0);
}

static uint64_t l1[4] __attribute__((aligned(32)));

static void mmu_part(void)
{
    uint64_t ttbr = (uint32_t)l1;
    uint32_t hsctlr, n;

    /* 1 GB blocks: devices, read-only, normal RAM, nothing. */
    l1[0] = 0x00000000ull | 1u << 10 | 1u << 2 | 1;
    l1[1] = 0x40000000ull | 1u << 10 | 1u << 7 | 1;
    l1[2] = 0x80000000ull | 1u << 10 | 1;
    l1[3] = 0;
    __asm__ volatile("mcr p15, 4, %0, c10, c2, 0" :: "r"(0x04ffu));    /* HMAIR0 */
    __asm__ volatile("mcr p15, 4, %0, c2, c0, 2" :: "r"(0x80000000u)); /* HTCR */
    __asm__ volatile("mcrr p15, 4, %Q0, %R0, c2" :: "r"(ttbr));        /* HTTBR */
    __asm__ volatile("mcr p15, 4, %0, c8, c7, 0\n isb" :: "r"(0));      /* TLBIALLH */
    __asm__ volatile("mrc p15, 4, %0, c1, c0, 0" : "=r"(hsctlr));
    __asm__ volatile("mcr p15, 4, %0, c1, c0, 0\n isb" :: "r"(hsctlr | 1) : "memory");

    n = hx.count;
    (void)rd32(0xc0000100);
    check("Hyp data abort taken", hx.count, n + 1);
    put_str("hyp data abort (translation)\n");
    check("vector", hx.vec, 4);
    /*
     * EC, WnR and DFSC (IL and the instruction syndrome ISV/SAS/SRT are left
     * out: QEMU sets them for single loads and stores, Ferry leaves ISV 0).
     */
    check("HSR", hx.hsr & 0xfc0003ff, 0x94000005);
    check("HDFAR", hx.hdfar, 0xc0000100);
    wr32(0x40000010, 1);
    put_str("hyp data abort (permission, write)\n");
    check("vector", hx.vec, 4);
    check("HSR", hx.hsr & 0xfc0003ff, 0x9400004d);
    check("HDFAR", hx.hdfar, 0x40000010);
    ((void (*)(void))0xc0000000)();
    put_str("hyp prefetch abort\n");
    check("vector", hx.vec, 3);
    check("HSR", hx.hsr, 0x84000005);
    check("HIFAR", hx.hifar, 0xc0000000);
    check("ELR_hyp", hx.elr, 0xc0000000);
    {
        uint32_t v;

        __asm__ volatile("mrc p15, 4, %0, c10, c2, 0" : "=r"(v));
        check("HMAIR0", v, 0x04ff);
    }
    __asm__ volatile("mcr p15, 4, %0, c1, c0, 0\n isb" :: "r"(hsctlr & ~1u) : "memory");
    __asm__ volatile("mcr p15, 4, %0, c8, c7, 0\n isb" :: "r"(0));
}

int main(void);
int main(void)
{
    uint32_t v, n;

    if ((cpsr() & 0x1f) != MODE_HYP) {
        /* secure=on: Secure SVC out of reset; Monitor mode takes us to Hyp. */
        with_el3 = 1;
        /*
         * Interrupts to group 1, so that Non-secure state may use them, with
         * a Non-secure priority; the priority mask out of the Secure half
         * (else Non-secure writes to GICC_PMR are ignored).
         */
        wr32(GICD + 0x080, 0xffffffffu);
        wr32(GICD + 0x41c, 0xa0a0a0a0u);
        wr32(GICC + 0x004, 0xf0);
        enter_hyp_from_monitor();
    }
    check("Hyp mode", cpsr() & 0x1f, MODE_HYP);
    __asm__ volatile("mcr p15, 4, %0, c12, c0, 0\n isb" :: "r"(hyp_vectors));   /* HVBAR */
    /* The Non-secure PL1 vectors and stacks (crt0's are Secure or ignored). */
    {
        extern uint32_t test_vectors[];

        __asm__ volatile("mcr p15, 0, %0, c12, c0, 0" :: "r"(test_vectors));
    }
    __asm__ volatile("msr sp_irq, %0\n msr sp_und, %1"
                     :: "r"(&stacks[1][512]), "r"(&stacks[2][512]));
    __asm__ volatile("mrs %0, sp_irq" : "=r"(v));
    check("MRS/MSR banked SP_irq", v, (uint32_t)&stacks[1][512]);
    check("T32 MRS/MSR banked", thumb_banked(0x12345678), 0x12345678);
    __asm__ volatile("msr sp_und, %0" :: "r"(&stacks[2][512]));

    hyp_udf();
    expect_hyp("udf in hyp", 1, 0, (uint32_t)hyp_udf, MODE_HYP);
    hyp_svc();
    expect_hyp("svc in hyp", 2, 0x46000042, (uint32_t)hyp_svc + 4, MODE_HYP);
    hyp_hvc();
    expect_hyp("hvc in hyp", 2, 0x4a00abcd, (uint32_t)hyp_hvc + 4, MODE_HYP);
    check("T32 ERET in Hyp", thumb_eret_hyp(), 1);
    check("still Hyp mode", cpsr() & 0x1f, MODE_HYP);

    run_in_svc(svc_part, (uint32_t)&stacks[0][512]);
    check("back in Hyp mode", cpsr() & 0x1f, MODE_HYP);

    mmu_part();

    /* HCR.IMO: the NS physical timer's PPI, taken to Hyp from SVC with CPSR.I set. */
    put_str("hcr.imo timer irq\n");
    wr32(GICD + 0x000, 1);
    wr32(GICC + 0x004, 0xf0);
    wr32(GICC + 0x000, 1);
    wr32(GICD + 0x100, 1u << PPI_NS_PTIMER);
    set_hcr(HCR_IMO | HCR_FMO);
    set_ptimer(1000, 1);
    run_in_svc(irq_part, (uint32_t)&stacks[0][512]);
    check("IRQs taken to Hyp", hyp_irqs, 1);
    check("IRQ id", hyp_irq_id, PPI_NS_PTIMER);
    check("SPSR_hyp mode", hx.spsr & 0x1f, MODE_SVC);
    check("SPSR_hyp.I", hx.spsr & 0x80, 0x80);

    /* HCR.VI: a virtual IRQ the SVC guest takes at its IRQ vector. */
    put_str("hcr.vi virtual irq\n");
    set_hcr(HCR_IMO | HCR_FMO | HCR_VI);
    check("no vIRQ in Hyp mode", virq_hits, 0);
    run_in_svc(virq_part, (uint32_t)&stacks[0][512]);
    check("vIRQs taken", virq_hits, 1);
    check("vIRQ in IRQ mode", virq_mode_ok, 1);
    check("HCR.VI cleared", get_hcr() & HCR_VI, 0);

    /* HCR.TGE: User mode's UNDEF and SVC go to the Hyp Trap vector. */
    set_hcr(1u << 27);
    n = hx.count;
    run_in_user(user_part, (uint32_t)&stacks[0][512]);
    check("TGE traps", hx.count, n + 2);
    check("TGE UNDEF: HSR", hist_hsr[n & 63], 0);
    check("TGE UNDEF: ELR_hyp", hist_elr[n & 63], (uint32_t)user_udf);
    check("TGE SVC: HSR", hx.hsr, 0x46000077);
    check("TGE SVC: ELR_hyp", hx.elr, (uint32_t)user_svc + 4);
    check("TGE SVC: SPSR_hyp mode", hx.spsr & 0x1f, 0x10);
    put_str("hcr.tge\n");
    set_hcr(0);

    stage2_test();

    if (!with_el3) {
        /* No EL3: HCR.HCD disables HVC; the guest's own UNDEF vector. */
        put_str("hcr.hcd\n");
        set_hcr(HCR_HCD);
        run_in_svc(hcd_part, (uint32_t)&stacks[0][512]);
    }
    put_str(fails ? "hyp FAILED\n" : "hyp ok\n");
    return fails;
}
