/*
 * Shared by the system register tests (guest only): CP15 access macros,
 * a result check, and an exception handler that counts UNDEFs (returning
 * past the instruction) and turns "svc 1" into a return to Supervisor
 * mode, so that a test can drop to User mode and come back.
 */
#ifndef SYSREGS_H
#define SYSREGS_H

#include <stdbool.h>
#include "testlib.h"
#include "exc.h"

#define MRC(op1, crn, crm, op2) ({ uint32_t v_; \
    __asm__ volatile("mrc p15, " #op1 ", %0, " #crn ", " #crm ", " #op2 : "=r"(v_)); v_; })
#define MCR(op1, crn, crm, op2, v) \
    __asm__ volatile("mcr p15, " #op1 ", %0, " #crn ", " #crm ", " #op2 \
                     :: "r"((uint32_t)(v)) : "memory")
#define MRRC(op1, crm) ({ uint32_t lo_, hi_; \
    __asm__ volatile("mrrc p15, " #op1 ", %0, %1, " #crm : "=r"(lo_), "=r"(hi_)); \
    (uint64_t)hi_ << 32 | lo_; })
#define MCRR(op1, crm, v) ({ uint64_t v_ = (v); \
    __asm__ volatile("mcrr p15, " #op1 ", %0, %1, " #crm \
                     :: "r"((uint32_t)v_), "r"((uint32_t)(v_ >> 32)) : "memory"); })

#define TO_USER()       __asm__ volatile("msr cpsr_c, #0xd0" ::: "memory")
#define TO_SVC()        __asm__ volatile("svc 1" ::: "memory")
/* CP15ISB: the ISB instruction belongs to another part of the A32 work. */
#define ISB()           __asm__ volatile("mcr p15, 0, %0, c7, c5, 4" :: "r"(0) : "memory")

static volatile int undefs;
static int failures;

void test_exception(int type, struct exc_frame *f)
{
    if (type == EXC_SVC) {
        /* "svc 1" from User mode: return in Supervisor mode */
        __asm__ volatile("msr spsr_c, %0" :: "r"(0xd3));
        return;
    }
    if (type != EXC_UND) {
        put_str("unexpected exception ");
        put_dec(type);
        put_str("\n");
        failures++;
        return;
    }
    undefs++;
}

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

/* Runs STMT and checks that it raised exactly N UNDEFs. */
#define EXPECT_UNDEF(what, n, stmt) do { \
    int u0_ = undefs; \
    stmt; \
    check(what, undefs - u0_, n); \
} while (0)

static inline uint32_t midr_part(void)
{
    return (MRC(0, c0, c0, 0) >> 4) & 0xfff;
}

#endif
