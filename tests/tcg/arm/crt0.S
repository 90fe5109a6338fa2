/*
 * Start-up for the bare-metal test programs: a stack at the top of the
 * first MiB of RAM, .bss cleared, main() called, its result passed to
 * SYS_EXIT_EXTENDED. Also the vector table a test may point VBAR at.
 */
    .syntax unified
    .arm
    .section .text.start, "ax"
    .global _start
    .weak   fpu_init
_start:
    ldr     sp, =__stack_top
    ldr     r0, =__bss_start
    ldr     r1, =__bss_end
    mov     r2, #0
1:  cmp     r0, r1
    strlo   r2, [r0], #4
    blo     1b
    /* Programs linked with fpu.S enable the FPU first (weak: 0 without). */
    ldr     r0, =fpu_init
    cmp     r0, #0
    blxne   r0
    bl      main
    bl      semi_exit
2:  b       2b
    .ltorg
