/*
 * Start-up for the bare-metal test programs: a stack at the top of the
 * first MiB of RAM, .bss cleared, main() called, its result passed to
 * SYS_EXIT_EXTENDED. Also the vector table a test may point VBAR at.
 */
    .syntax unified
    .arm
    .section .text.start, "ax"
    .global _start
_start:
    ldr     sp, =__stack_top
    ldr     r0, =__bss_start
    ldr     r1, =__bss_end
    mov     r2, #0
1:  cmp     r0, r1
    strlo   r2, [r0], #4
    blo     1b
    bl      main
    bl      semi_exit
2:  b       2b
    .ltorg
