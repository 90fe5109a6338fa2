/*
 * An unallocated T32 encoding (0xfa00f040, in the data-processing register
 * space) must raise the Undefined Instruction exception with LR = its
 * address + 2 (Thumb) and the T bit in SPSR; the handler steps over the
 * second halfword and the program goes on. test_thumb_undef.py also
 * checks the -d unimp,int log.
 */
#include "testlib.h"
#include "exc.h"

extern char udf_insn[];
static volatile int undefs;

void test_exception(int type, struct exc_frame *f)
{
    uint32_t spsr;

    __asm__ volatile("mrs %0, spsr" : "=r"(spsr));
    if (type == EXC_UND && f->lr == (uint32_t)udf_insn + 2 && (spsr & 0x20)) {
        undefs++;
    }
    f->lr += 2;     /* past the 32-bit instruction */
}

int main(void)
{
    __asm__ volatile(".global udf_insn\nudf_insn: .inst.w 0xfa00f040");
    if (undefs != 1) {
        put_str("undef not taken\n");
        return 1;
    }
    put_str("undef ok\n");
    return 0;
}
