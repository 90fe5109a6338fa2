/*
 * Start-up for the bare-metal test programs: a stack per exception mode
 * at the top of the first MiB of RAM, VBAR at the vector table below,
 * .bss cleared, main() called, its result passed to SYS_EXIT_EXTENDED.
 *
 * Every exception vector saves r0-r12 and lr on its mode's stack and calls
 * test_exception(type, frame) (exc.h); the handler may change the frame,
 * lr being the address the vector returns to (with CPSR from SPSR). The
 * IRQ and FIQ vectors have already subtracted 4 from lr, so they return
 * to the interrupted instruction.
 */
    .syntax unified
    .arm
    .section .text.start, "ax"
    .global _start
    .weak   fpu_init
_start:
    ldr     r0, =__stack_top
    msr     cpsr_c, #0xd7       @ Abort (IRQ and FIQ stay masked)
    mov     sp, r0
    sub     r0, r0, #0x1000
    msr     cpsr_c, #0xdb       @ Undefined
    mov     sp, r0
    sub     r0, r0, #0x1000
    msr     cpsr_c, #0xd2       @ IRQ
    mov     sp, r0
    sub     r0, r0, #0x1000
    msr     cpsr_c, #0xd1       @ FIQ
    mov     sp, r0
    sub     r0, r0, #0x1000
    msr     cpsr_c, #0xd3       @ Supervisor: main runs here
    mov     sp, r0
    ldr     r0, =test_vectors
    mcr     p15, 0, r0, c12, c0, 0      @ VBAR
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

    .align  5
    .global test_vectors
test_vectors:
    b       _start
    b       vec_und
    b       vec_svc
    b       vec_pabt
    b       vec_dabt
    b       vec_hyp
    b       vec_irq
    b       vec_fiq

    .macro  vector name, type, adjust
\name:
    .if     \adjust
    sub     lr, lr, #\adjust
    .endif
    push    {r0-r12, lr}
    mov     r0, #\type
    mov     r1, sp
    bl      test_exception
    pop     {r0-r12, lr}
    movs    pc, lr
    .endm

    vector  vec_und, 1, 0
    vector  vec_svc, 2, 0
    vector  vec_pabt, 3, 0
    vector  vec_dabt, 4, 0
    vector  vec_hyp, 5, 0
    vector  vec_irq, 6, 4
    vector  vec_fiq, 7, 4
