/*
 * An unallocated T32 encoding (UDF.W, 0xf7f0a000) must raise the Undefined
 * Instruction exception. Run by test_thumb_undef.py, which reads the log:
 * the vectors are in flash here and VBAR cannot be set yet (no MCR), so
 * no handler of ours runs; "undef not taken" means the exception was lost.
 */
#include "testlib.h"

int main(void)
{
    __asm__ volatile(".inst.w 0xf7f0a000");
    put_str("undef not taken\n");
    return 1;
}
