/*
 * FPU start-up for the floating-point test programs (called by crt0):
 * CPACR grants cp10/cp11 full access (ARMv7-A ARM B4.1.40), then
 * FPEXC.EN turns the FPU on.
 *
 * Temporary: while Ferry's translator lacks MCR/MRC to CPACR, the tests
 * run it with -global cortex-a9-arm-cpu.vfp-on-reset=on, which resets
 * with CPACR and FPEXC.EN already set, and this code must skip the
 * CP15 accesses there. It tells the two apart by semihosting
 * SYS_GET_CMDLINE (0x15), which qemu-system-arm implements and Ferry
 * does not yet. Remove the probe once MCR to CPACR exists.
 */
    .syntax unified
    .arm
    .fpu    vfpv3
    .text
    .global fpu_init
fpu_init:
    push    {r4, lr}
    sub     sp, sp, #72
    add     r4, sp, #8
    str     r4, [sp]            /* buffer */
    mov     r0, #64
    str     r0, [sp, #4]        /* its size */
    mov     r0, #0x15           /* SYS_GET_CMDLINE */
    mov     r1, sp
    svc     0x123456
    add     sp, sp, #72
    cmp     r0, #0
    bne     1f                  /* no SYS_GET_CMDLINE: FPU on at reset */
    mrc     p15, 0, r0, c1, c0, 2
    orr     r0, r0, #(0xf << 20)
    mcr     p15, 0, r0, c1, c0, 2
    isb
1:  mov     r0, #(1 << 30)
    vmsr    fpexc, r0
    pop     {r4, pc}
