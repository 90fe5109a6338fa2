/*
 * FPU start-up for the floating-point test programs (called by crt0):
 * CPACR grants cp10/cp11 full access (ARMv7-A ARM B4.1.40), then
 * FPEXC.EN turns the FPU on.
 */
    .syntax unified
    .arm
    .fpu    vfpv3
    .text
    .global fpu_init
fpu_init:
    mrc     p15, 0, r0, c1, c0, 2
    orr     r0, r0, #(0xf << 20)
    mcr     p15, 0, r0, c1, c0, 2
    isb
    mov     r0, #(1 << 30)
    vmsr    fpexc, r0
    bx      lr
