/*
 * VFP instructions that must UNDEF, one per build (CASE):
 *   1: any VFP instruction with FPEXC.EN clear (VMRS/VMSR of FPEXC and
 *      MVFR0 still work at PL1 then);
 *   2: VFMA on the Cortex-A9 (VFPv3: no fused multiply-add);
 *   3: a data-processing instruction with FPSCR.Len non-zero (these cores
 *      implement no short vectors).
 * crt0's vectors call test_exception(), which checks that the exception
 * came from the expected instruction in Undefined mode and exits with
 * status 0; falling through the instruction exits with status 3.
 */
#include "testlib.h"
#include "exc.h"

void semi_exit(int status);
extern const char vfp_undef_insn[];

void test_exception(int type, struct exc_frame *f)
{
    uint32_t cpsr;
    int ok;

    __asm__ volatile("mrs %0, cpsr" : "=r"(cpsr));
    ok = type == EXC_UND && f->lr - 4 == (uint32_t)vfp_undef_insn && (cpsr & 0x1f) == 0x1b;
    put_str(ok ? "UNDEF taken at the VFP instruction\n" : "UNDEF taken elsewhere\n");
    semi_exit(ok ? 0 : 2);
}

static uint32_t read_fpexc(void)
{
    uint32_t v;

    __asm__ volatile("vmrs %0, fpexc" : "=r"(v));
    return v;
}

int main(void)
{
    uint32_t v;

    put_str("fpexc ");
    put_hex(read_fpexc());
    put_str("\n");
#if CASE == 1
    __asm__ volatile("vmsr fpexc, %0" : : "r"(0));
    put_str("fpexc ");
    put_hex(read_fpexc());
    __asm__ volatile("vmrs %0, mvfr0" : "=r"(v));
    put_str(" mvfr0 ");
    put_hex(v);
    put_str("\n");
    __asm__ volatile(".global vfp_undef_insn\nvfp_undef_insn: vadd.f32 s0, s0, s1");
#elif CASE == 2
    __asm__ volatile("vmrs %0, fpsid" : "=r"(v));
    put_str("fpsid ");
    put_hex(v);
    put_str("\n");
    __asm__ volatile(".fpu vfpv4\n.global vfp_undef_insn\n"
                     "vfp_undef_insn: vfma.f32 s0, s0, s1\n.fpu vfpv3");
#else
    /* Len = 1: short vectors of two; VMOV from a core register is no data processing. */
    __asm__ volatile("vmsr fpscr, %0\n\tvmov s0, %0" : : "r"(1u << 16));
    __asm__ volatile("vmrs %0, fpscr" : "=r"(v));
    put_str("fpscr ");
    put_hex(v);
    put_str("\n");
    __asm__ volatile(".global vfp_undef_insn\nvfp_undef_insn: vadd.f32 s0, s0, s1");
#endif
    put_str("no UNDEF\n");
    return 3;
}
