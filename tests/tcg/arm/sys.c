/*
 * System-level A32 instructions (guest only): the exclusive monitor
 * (success, failure after CLREX, after an exception, on another address),
 * SWP, barriers and hints, UNDEF of the divide on cortex-a9 and of SMC
 * without the Security Extensions, BKPT as a debug Prefetch Abort, CPS
 * and the mode/mask rules in User mode, SRS/RFE, LDM/STM of the User
 * registers, exception returns (LDM ^ with pc, SUBS pc, lr), SETEND and
 * the unprivileged loads/stores.
 *
 * Also built in Thumb (-mthumb): the T32 forms where T32 has them. There,
 * PSR values written for a return keep the T bit (PSR_T), and the handler
 * moves lr past the 32-bit UNDEF encodings and the 16-bit BKPT (UNDEF's lr
 * is the instruction + 2, a Prefetch Abort's + 4). SWP and the User-bank
 * and exception-return LDM/STM have no T32 encoding; MSR takes a register.
 */
#include "testlib.h"
#include "exc.h"

static volatile int n_exc;
static volatile int last_type;
static volatile uint32_t last_lr;

#ifdef __thumb__
#define PSR_T 0x20u
/* Sets the flags to 0 (T32 MSR has no immediate form). */
#define CLEAR_FLAGS "mov r12, #0\n\tmsr cpsr_f, r12\n\t"
#else
#define PSR_T 0u
#define CLEAR_FLAGS "msr cpsr_f, #0\n\t"
#endif

void test_exception(int type, struct exc_frame *f)
{
    n_exc++;
    last_type = type;
    last_lr = f->lr;        /* returns past the instruction */
#ifdef __thumb__
    {
        uint32_t spsr;

        __asm__ volatile("mrs %0, spsr" : "=r"(spsr));
        if ((spsr & PSR_T) && type == EXC_UND &&
            (*(volatile uint16_t *)(f->lr - 2) >> 11) >= 0x1d) {
            f->lr += 2;
        }
        if ((spsr & PSR_T) && type == EXC_PABT) {
            f->lr -= 2;
        }
    }
#endif
    if (type == EXC_SVC) {
        /* "svc 1" from User mode: return in Supervisor mode, flags kept */
        __asm__ volatile("msr spsr_c, %0" :: "r"(0xd3 | PSR_T));
    }
}

static int failures;

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

static uint32_t cpsr(void)
{
    uint32_t v;

    __asm__ volatile("mrs %0, cpsr" : "=r"(v));
    return v;
}

static volatile uint32_t word __attribute__((aligned(8)));
static volatile uint64_t dword __attribute__((aligned(8)));

static uint32_t ldrex(volatile uint32_t *p)
{
    uint32_t v;

    __asm__ volatile("ldrex %0, [%1]" : "=r"(v) : "r"(p) : "memory");
    return v;
}

static uint32_t strex(volatile uint32_t *p, uint32_t v)
{
    uint32_t r;

    __asm__ volatile("strex %0, %2, [%1]" : "=&r"(r) : "r"(p), "r"(v) : "memory");
    return r;
}

static void test_exclusives(void)
{
    static volatile uint32_t other;
    volatile uint8_t *b = (volatile uint8_t *)&word;
    volatile uint16_t *h = (volatile uint16_t *)&word;
    uint32_t r, v, lo, hi;

    word = 5;
    check("ldrex", ldrex(&word), 5);
    check("strex ok", strex(&word, 6), 0);
    check("strex stored", word, 6);
    check("strex again (monitor open)", strex(&word, 7), 1);
    check("strex failed kept", word, 6);

    ldrex(&word);
    __asm__ volatile("clrex" ::: "memory");
    check("strex after clrex", strex(&word, 8), 1);
    check("after clrex kept", word, 6);

    ldrex(&word);
    n_exc = 0;
    __asm__ volatile("udf #1" ::: "memory");
    check("udf taken", n_exc, 1);
    check("strex after exception", strex(&word, 9), 1);
    check("after exception kept", word, 6);

    ldrex(&word);
    check("strex other address", strex(&other, 1), 1);
    check("other kept", other, 0);

    /* byte and halfword */
    word = 0x11223344;
    __asm__ volatile("ldrexb %0, [%1]" : "=r"(v) : "r"(b + 1) : "memory");
    check("ldrexb", v, 0x33);
    __asm__ volatile("strexb %0, %2, [%1]" : "=&r"(r) : "r"(b + 1), "r"(0xaa) : "memory");
    check("strexb", r, 0);
    __asm__ volatile("ldrexh %0, [%1]" : "=r"(v) : "r"(h + 1) : "memory");
    check("ldrexh", v, 0x1122);
    __asm__ volatile("strexh %0, %2, [%1]" : "=&r"(r) : "r"(h + 1), "r"(0xbeef) : "memory");
    check("strexh", r, 0);
    check("b/h stored", word, 0xbeefaa44);

    /* doubleword: rt at the lower address */
    dword = 0x0123456789abcdefull;
    {
        register uint32_t r2 __asm__("r2");
        register uint32_t r3 __asm__("r3");

        __asm__ volatile("ldrexd r2, r3, [%2]" : "=r"(r2), "=r"(r3) : "r"(&dword) : "memory");
        lo = r2;
        hi = r3;
    }
    check("ldrexd lo", lo, 0x89abcdef);
    check("ldrexd hi", hi, 0x01234567);
    {
        register uint32_t r2 __asm__("r2") = 0xcafef00d;
        register uint32_t r3 __asm__("r3") = 0xdeadbeef;

        __asm__ volatile("strexd %0, r2, r3, [%1]" : "=&r"(r) : "r"(&dword), "r"(r2), "r"(r3)
                         : "memory");
    }
    check("strexd", r, 0);
    check("strexd stored lo", (uint32_t)dword, 0xcafef00d);
    check("strexd stored hi", (uint32_t)(dword >> 32), 0xdeadbeef);

#ifndef __thumb__
    /* SWP/SWPB r0, r2, [r1] (encoded: the assembler deprecates them) */
    word = 0x01020304;
    {
        register uint32_t r0 __asm__("r0");
        register uint32_t r1 __asm__("r1") = (uint32_t)&word;
        register uint32_t r2 __asm__("r2") = 0xa5a5a5a5;

        __asm__ volatile(".inst 0xe1010092" : "=&r"(r0) : "r"(r1), "r"(r2) : "memory");
        check("swp old", r0, 0x01020304);
        check("swp new", word, 0xa5a5a5a5);
        r2 = 0x5a;
        __asm__ volatile(".inst 0xe1410092" : "=&r"(r0) : "r"(r1), "r"(r2) : "memory");
        check("swpb old", r0, 0xa5);
    }
    check("swpb new", word, 0xa5a5a55a);
#endif
}

static void test_hints(void)
{
    n_exc = 0;
    __asm__ volatile("dmb ish\n\tdsb sy\n\tisb\n\tyield\n\tsev\n\tnop\n\tdbg #3\n\t"
                     ".arch_extension mp\n\t"
                     "pld [sp, #4]\n\tpldw [sp]\n\tpli [sp, #-8]\n\tpld [sp, r0]"
                     ::: "memory");
    /* WFE may return at once (the event may be set): it must not hang */
    __asm__ volatile("sev\n\twfe" ::: "memory");
    check("hints take no exception", n_exc, 0);
}

/* Runs INSN (an encoding the assembler may refuse) and checks it UNDEFs. */
#define EXPECT_UNDEF(what, insn) do {                                          \
    n_exc = 0;                                                                 \
    last_type = 0;                                                             \
    __asm__ volatile(insn ::: "memory", "r0", "r1", "r2");                     \
    check(what " undef", n_exc, 1);                                            \
    check(what " type", last_type, EXC_UND);                                   \
} while (0)

static void test_undef(void)
{
#ifdef __thumb__
    /* (T32 ERET is SUBS pc, lr, #0: an exception return, tested below.) */
    EXPECT_UNDEF("udiv on a9", ".inst.w 0xfbb2f0f1");   /* udiv r0, r2, r1 */
    EXPECT_UNDEF("sdiv on a9", ".inst.w 0xfb92f0f1");   /* sdiv r0, r2, r1 */
    EXPECT_UNDEF("smc without EL3", ".inst.w 0xf7f08000");  /* smc #0 */
    EXPECT_UNDEF("hvc", ".inst.w 0xf7e08000");          /* hvc #0 */
    EXPECT_UNDEF("udf", "udf #0x1234");                 /* 32-bit */
    EXPECT_UNDEF("udf16", "udf #0x12");
    EXPECT_UNDEF("mrs banked", ".inst.w 0xf3e08020");   /* mrs r0, r8_usr */
    EXPECT_UNDEF("stm one register", ".inst.w 0xe8800002"); /* stm.w r0, {r1} */
    EXPECT_UNDEF("ldm with sp", ".inst.w 0xe8902002");  /* ldm.w r0, {r1, sp} */
#else
    EXPECT_UNDEF("udiv on a9", ".inst 0xe730f112");     /* udiv r0, r2, r1 */
    EXPECT_UNDEF("sdiv on a9", ".inst 0xe710f112");     /* sdiv r0, r2, r1 */
    EXPECT_UNDEF("smc without EL3", ".inst 0xe1600070");    /* smc #0 */
    EXPECT_UNDEF("hvc", ".inst 0xe1400070");            /* hvc #0 */
    EXPECT_UNDEF("eret", ".inst 0xe160006e");
    EXPECT_UNDEF("udf", "udf #0x1234");
    EXPECT_UNDEF("mrs banked", ".inst 0xe10f0200");     /* mrs r0, r8_usr */
#endif

    /* BKPT: Prefetch Abort with IFSR = debug event */
    n_exc = 0;
    __asm__ volatile("bkpt #0x42" ::: "memory");
    check("bkpt taken", n_exc, 1);
    check("bkpt type", last_type, EXC_PABT);
    {
        uint32_t ifsr;

        __asm__ volatile("mrc p15, 0, %0, c5, c0, 1" : "=r"(ifsr));
        check("bkpt IFSR", ifsr & 0x40f, 0x2);
    }
}

static void test_cps(void)
{
    uint32_t sp_svc, sp_sys, m, c;

    __asm__ volatile("cpsid i" ::: "memory");
    check("cpsid i", cpsr() & 0x80, 0x80);
    __asm__ volatile("cpsie a" ::: "memory");
    check("cpsie a", cpsr() & 0x100, 0);
    __asm__ volatile("cpsid a" ::: "memory");
    check("cpsid a", cpsr() & 0x100, 0x100);

    /* Mode change: System mode has its own (the User) sp. */
    __asm__ volatile("mov %0, sp\n\t"
                     "cps #0x1f\n\t"
                     "mrs %2, cpsr\n\t"
                     "mov %1, sp\n\t"
                     "cps #0x13"
                     : "=&r"(sp_svc), "=&r"(sp_sys), "=&r"(m) :: "memory");
    check("cps to System", m & 0x1f, 0x1f);
    check("cps back", cpsr() & 0x1f, 0x13);
    check("sp banked", sp_svc != sp_sys, 1);

    /* User mode: CPS and MSR to the control bits are ignored, flags are written. */
    {
        register uint32_t r4 __asm__("r4");
        register uint32_t r5 __asm__("r5");
        register uint32_t r6 __asm__("r6");

        __asm__ volatile("cps #0x10\n\t"
                         "cpsie i\n\t"
                         "cps #0x13\n\t"
#ifdef __thumb__
                         "mov r6, #0xf3\n\t"
                         "msr cpsr_c, r6\n\t"
                         "mov r6, #0x40000000\n\t"
                         "msr cpsr_f, r6\n\t"
#else
                         "msr cpsr_c, #0xd3\n\t"
                         "msr cpsr_f, #0x40000000\n\t"
#endif
                         "mrs r4, cpsr\n\t"
                         "mrs r5, spsr\n\t"       /* UNDEF in User mode */
                         "mov r6, #0\n\t"
                         "svc #1\n\t"             /* back to Supervisor mode */
                         : "=r"(r4), "=r"(r5), "=r"(r6) :: "memory", "cc", "lr");
        c = r4;
        (void)r5;
        (void)r6;
    }
    check("user mode kept", c & 0x1f, 0x10);
    check("user cpsie ignored", c & 0x80, 0x80);
    check("user msr flags", c >> 28, 0x4);
    check("user mrs spsr undef", n_exc >= 1, 1);
    check("back in svc", cpsr() & 0x1f, 0x13);
}

static void test_srs_rfe(void)
{
    uint32_t buf[4] __attribute__((aligned(8))) = { 0, 0, 0, 0 };
    uint32_t *sp_after, lr_saved, spsr_saved, c;

    /* SRSDB to the Undefined mode's stack: its sp goes down by 8 */
    {
        uint32_t und_sp_before, und_sp_after;

        __asm__ volatile("cps #0x1b\n\tmov %0, sp\n\tcps #0x13" : "=r"(und_sp_before));
        __asm__ volatile("msr spsr_fsxc, %1\n\t"
                         "mov %0, lr\n\t"
                         "mov lr, %2\n\t"
                         "srsdb sp!, #0x1b\n\t"
                         "mov lr, %0"
                         : "=&r"(lr_saved) : "r"(0x600001d3), "r"(0x12345678) : "memory");
        __asm__ volatile("cps #0x1b\n\tmov %0, sp\n\tcps #0x13" : "=r"(und_sp_after));
        check("srs sp", und_sp_before - und_sp_after, 8);
        check("srs lr", ((uint32_t *)und_sp_after)[0], 0x12345678);
        check("srs spsr", ((uint32_t *)und_sp_after)[1], 0x600001d3);
        __asm__ volatile("cps #0x1b\n\tadd sp, sp, #8\n\tcps #0x13" ::: "memory");
    }

    /* SRSIA without writeback into our own mode (Supervisor) */
    __asm__ volatile("mov r0, sp\n\t"
                     "mov sp, %1\n\t"
                     "mov %0, lr\n\t"
                     "mov lr, #0x40\n\t"
                     "srsia sp, #0x13\n\t"
                     "mov lr, %0\n\t"
                     "mov %0, sp\n\t"
                     "mov sp, r0"
                     : "=&r"(sp_after) : "r"(buf) : "r0", "memory");
    check("srsia no writeback", (uint32_t)sp_after, (uint32_t)buf);
    check("srsia lr", buf[0], 0x40);
    check("srsia spsr", buf[1], 0x600001d3);

    /* RFEIA: pc and CPSR (Z and C set, Supervisor) from memory */
    {
        extern char rfe_target[];

        buf[0] = (uint32_t)rfe_target;
        buf[1] = 0x600001d3 | PSR_T;
        __asm__ volatile(CLEAR_FLAGS
                         "mov r0, %1\n\t"
                         "rfeia r0!\n\t"
                         "b .\n"
                         "rfe_target:\n\t"
                         "mrs %0, cpsr\n\t"
                         "sub r0, r0, %1"
                         : "=&r"(c) : "r"(buf) : "r0", "r12", "memory", "cc");
        check("rfe cpsr", c & 0xf00001ff, 0x600001d3 | PSR_T);
    }
    spsr_saved = 0;
    (void)spsr_saved;
}

static void test_ldm_user(void)
{
#ifndef __thumb__
    uint32_t in[2] = { 0x60080000, 0x1234abcd }, out[2] = { 0, 0 };
    uint32_t usr_sp, usr_lr, save[2];

    /* Keep the User sp/lr (System mode's) and restore them after. */
    __asm__ volatile("stmia %0, {sp, lr}^" :: "r"(save) : "memory");
    __asm__ volatile("ldmia %0, {sp, lr}^\n\tnop" :: "r"(in) : "memory");
    __asm__ volatile("cps #0x1f\n\tmov %0, sp\n\tmov %1, lr\n\tcps #0x13"
                     : "=&r"(usr_sp), "=&r"(usr_lr) :: "memory");
    check("ldm^ user sp", usr_sp, in[0]);
    check("ldm^ user lr", usr_lr, in[1]);
    __asm__ volatile("stmia %0, {sp, lr}^" :: "r"(out) : "memory");
    check("stm^ user sp", out[0], in[0]);
    check("stm^ user lr", out[1], in[1]);
    __asm__ volatile("ldmia %0, {sp, lr}^\n\tnop" :: "r"(save) : "memory");
#endif
}

static void test_exception_return(void)
{
    uint32_t c, rest;
    extern char subs_target[];
#ifndef __thumb__
    uint32_t frame[2];
    extern char ldm_target[];

    /* LDMIA r0!, {r1, pc}^: r1 loaded, CPSR = SPSR (N and V set) */
    frame[0] = 0x5555;
    frame[1] = (uint32_t)ldm_target;
    __asm__ volatile("msr spsr_fsxc, %3\n\t"
                     "msr cpsr_f, #0\n\t"
                     "mov r0, %2\n\t"
                     "ldmia r0!, {r1, pc}^\n\t"
                     "b .\n"
                     "ldm_target:\n\t"
                     "mrs %0, cpsr\n\t"
                     "sub r0, r0, %2\n\t"
                     "add %1, r0, r1"
                     : "=&r"(c), "=&r"(rest) : "r"(frame), "r"(0x900001d3)
                     : "r0", "r1", "memory", "cc");
    check("ldm^ pc cpsr", c & 0xf00001ff, 0x900001d3);
    check("ldm^ pc writeback + r1", rest, 8 + 0x5555);
#endif

    /* SUBS pc, lr, #4 */
    __asm__ volatile("msr spsr_fsxc, %2\n\t"
                     CLEAR_FLAGS
                     "mov r1, lr\n\t"
                     "add lr, %3, #4\n\t"
                     "subs pc, lr, #4\n\t"
                     "b .\n"
                     "subs_target:\n\t"
                     "mov lr, r1\n\t"
                     "mrs %0, cpsr\n\t"
                     "mov %1, #0"
                     : "=&r"(c), "=&r"(rest) : "r"(0x300001d3 | PSR_T), "r"(subs_target)
                     : "r1", "r12", "memory", "cc");
    check("subs pc cpsr", c & 0xf00001ff, 0x300001d3 | PSR_T);
    (void)rest;
}

static void test_setend(void)
{
    static volatile uint32_t v = 0x11223344;
    uint32_t w, h, e;

    __asm__ volatile("setend be\n\t"
                     "ldr %0, [%3]\n\t"
                     "ldrh %1, [%3]\n\t"
                     "mrs %2, cpsr\n\t"
                     "setend le"
                     : "=&r"(w), "=&r"(h), "=&r"(e) : "r"(&v) : "memory");
    check("setend be word", w, 0x44332211);
    check("setend be half", h, 0x4433);
    check("setend E bit", e & 0x200, 0x200);
    check("setend le", cpsr() & 0x200, 0);
    check("setend le word", v, 0x11223344);

    /* LDREXD/STREXD big-endian: rt is the word at the lower address */
    dword = 0x0123456789abcdefull;
    {
        register uint32_t r2 __asm__("r2");
        register uint32_t r3 __asm__("r3");
        uint32_t lo, hi, st;

        __asm__ volatile("setend be\n\t"
                         "ldrexd r2, r3, [%2]\n\t"
                         "setend le"
                         : "=r"(r2), "=r"(r3) : "r"(&dword) : "memory");
        lo = r2;
        hi = r3;
        check("be ldrexd rt", lo, 0xefcdab89);
        check("be ldrexd rt2", hi, 0x67452301);
        r2 = 0x11223344;
        r3 = 0x55667788;
        __asm__ volatile("setend be\n\t"
                         "strexd %0, r2, r3, [%1]\n\t"
                         "setend le"
                         : "=&r"(st) : "r"(&dword), "r"(r2), "r"(r3) : "memory");
        check("be strexd", st, 0);
        check("be strexd lo", (uint32_t)dword, 0x44332211);
        check("be strexd hi", (uint32_t)(dword >> 32), 0x88776655);
    }
}

static void test_unpriv(void)
{
    static volatile uint32_t buf[4] = { 0x11111111, 0x2222aaaa, 0x80, 0 };
    uint32_t p = (uint32_t)buf, a, b, c;

#ifdef __thumb__
    /* T32 has only the offset forms */
    __asm__ volatile("ldrt %0, [%3]\n\t"
                     "ldrht %1, [%3, #4]\n\t"
                     "ldrsbt %2, [%3, #8]\n\t"
                     "strt %0, [%3, #12]\n\t"
                     "add %3, %3, #12"
                     : "=&r"(a), "=&r"(b), "=&r"(c), "+r"(p) :: "memory");
#else
    __asm__ volatile("ldrt %0, [%3], #4\n\t"
                     "ldrht %1, [%3], #4\n\t"
                     "ldrsbt %2, [%3], #4\n\t"
                     "strt %0, [%3]"
                     : "=&r"(a), "=&r"(b), "=&r"(c), "+r"(p) :: "memory");
#endif
    check("ldrt", a, 0x11111111);
    check("ldrht", b, 0xaaaa);
    check("ldrsbt", c, 0xffffff80);
    check("strt", buf[3], 0x11111111);
    check("post-index", p, (uint32_t)&buf[3]);
}

int main(void)
{
    test_exclusives();
    test_hints();
    test_undef();
    test_cps();
    test_srs_rfe();
    test_ldm_user();
    test_exception_return();
    test_setend();
    test_unpriv();
    if (failures) {
        put_str("sys FAILED\n");
        return 1;
    }
    put_str("sys ok\n");
    return 0;
}
