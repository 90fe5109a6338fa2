/*
 * Thumb routines for thumb.c: IT blocks, CBZ/CBNZ, TBB/TBH, interworking
 * calls in both directions, literal loads and ADR at pcs that are not
 * multiples of 4, POP {pc} back to A32 and T32 callers.
 */
    .syntax unified
    .text

/* t_it_COND(nzcv): 1 when COND holds for flags NZCV (bits 3:0), else 0. */
    .macro it_cond c, nc
    .thumb
    .align 2
    .global t_it_\c
    .thumb_func
t_it_\c:
    lsls    r0, r0, #28
    msr     APSR_nzcvq, r0
    ite     \c
    mov\c   r0, #1
    mov\nc  r0, #0
    bx      lr
    .endm
    it_cond eq, ne
    it_cond ne, eq
    it_cond cs, cc
    it_cond cc, cs
    it_cond mi, pl
    it_cond pl, mi
    it_cond vs, vc
    it_cond vc, vs
    it_cond hi, ls
    it_cond ls, hi
    it_cond ge, lt
    it_cond lt, ge
    it_cond gt, le
    it_cond le, gt

/*
 * 16-bit ALU instructions inside an IT block leave the flags alone: the
 * ADD below keeps Z set, so the second block still takes its "eq" arm.
 * Returns 0x1f when every step went the expected way.
 */
    .global t_it_flags
    .thumb_func
t_it_flags:
    movs    r0, #0              @ Z = 1
    movs    r1, #0
    itt     eq
    addeq   r0, r0, #1          @ 16-bit, inside IT: no flags
    addeq   r1, r1, #2
    ite     eq
    orreq   r0, r0, #4          @ Z still 1
    orrne   r0, r0, #0x100
    cmp     r0, #5
    ittet   eq                  @ four instructions, then/else mixed
    addeq   r1, r1, #8
    addeq   r1, r1, #16
    addne   r1, r1, #0x200
    subeq   r1, r1, #1          @ r1 = 2 + 8 + 16 - 1 = 25
    adds    r0, r0, r1          @ 5 + 25 = 30, outside IT: flags
    it      ne
    addne   r0, r0, #1          @ 31
    bx      lr

/* t_cbz(x): 1 if x == 0, else 2; t_cbnz(x): 1 if x != 0, else 2. */
    .global t_cbz
    .thumb_func
t_cbz:
    cbz     r0, 1f
    movs    r0, #2
    bx      lr
1:  movs    r0, #1
    bx      lr

    .global t_cbnz
    .thumb_func
t_cbnz:
    cbnz    r0, 1f
    movs    r0, #2
    bx      lr
1:  movs    r0, #1
    bx      lr

/* t_tbb(i), t_tbh(i): 10, 20, 30 for i = 0, 1, 2 through a branch table. */
    .global t_tbb
    .thumb_func
t_tbb:
    tbb     [pc, r0]
1:  .byte   (2f - 1b) / 2, (3f - 1b) / 2, (4f - 1b) / 2
    .align 1
2:  movs    r0, #10
    bx      lr
3:  movs    r0, #20
    bx      lr
4:  movs    r0, #30
    bx      lr

    .global t_tbh
    .thumb_func
t_tbh:
    adr     r1, 1f
    tbh     [r1, r0, lsl #1]
1:  .hword  (2f - 1b) / 2, (3f - 1b) / 2, (4f - 1b) / 2
2:  movs    r0, #10
    bx      lr
3:  movs    r0, #20
    bx      lr
4:  movs    r0, #30
    bx      lr

/*
 * Literal loads and ADR from a pc that is 2 modulo 4: the base is the
 * pc aligned down. Returns 0 when all agree, else a failure bit mask.
 */
    .global t_literal
    .thumb_func
    .align 2
t_literal:
    push    {r4, lr}
    movs    r0, #0
    nop                         @ the next instruction is at 2 mod 4
    ldr     r1, 1f              @ 16-bit literal
    ldr.w   r2, 1f              @ 32-bit literal, at 0 mod 4
    nop
    ldr.w   r3, 1f              @ 32-bit literal, at 2 mod 4
    adr     r4, 1f
    ldr     r12, =0x600dcafe
    cmp     r1, r12
    it      ne
    orrne   r0, r0, #1
    cmp     r2, r12
    it      ne
    orrne   r0, r0, #2
    cmp     r3, r12
    it      ne
    orrne   r0, r0, #4
    ldr     r1, [r4]
    cmp     r1, r12
    it      ne
    orrne   r0, r0, #8
    adr.w   r4, 2f              @ backwards
    ldr     r1, [r4]
    ldr     r12, =0xbadf00d5
    cmp     r1, r12
    it      ne
    orrne   r0, r0, #16
    ldrh    r1, 3f              @ halfword literal (LDRH.W)
    ldr     r12, =0x8001
    cmp     r1, r12
    it      ne
    orrne   r0, r0, #32
    ldrsb   r1, 3f + 1          @ signed byte literal (0x80)
    cmn     r1, #128
    it      ne
    orrne   r0, r0, #64
    pop     {r4, pc}
    .align 2
1:  .word   0x600dcafe
2:  .word   0xbadf00d5
3:  .hword  0x8001
    .align 2
    .ltorg

/* Thumb calls A32 (arm_add1 is C built for A32) and returns to A32 with POP {pc}. */
    .global t_call_arm
    .thumb_func
t_call_arm:
    push    {r4, lr}
    bl      arm_add1            @ the linker makes this BLX imm
    ldr     r1, =arm_add1
    blx     r1                  @ BLX register to A32
    pop     {r4, pc}            @ back to the A32 caller (bit 0 of lr clear)
    .ltorg

/* Thumb to Thumb: the callee returns with POP {pc} to a Thumb caller. */
    .thumb_func
t_inner:
    push    {r4, lr}
    adds    r0, r0, #100
    pop     {r4, pc}

    .global t_outer
    .thumb_func
t_outer:
    push    {lr}
    bl      t_inner
    ldr     r1, =t_inner
    blx     r1
    pop     {pc}
    .ltorg

/* A32 calling Thumb: a_call_thumb(fn, x) = fn(x) through BLX register. */
    .arm
    .align 2
    .global a_call_thumb
a_call_thumb:
    push    {r4, lr}
    mov     r4, r0
    mov     r0, r1
    blx     r4
    pop     {r4, pc}

/* A32 BLX (immediate) to a Thumb routine. */
    .global a_blx_imm
a_blx_imm:
    push    {r4, lr}
    blx     t_inner
    pop     {r4, pc}
