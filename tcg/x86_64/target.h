/*
 * x86-64 host facts for the register allocator.
 */
#ifndef TCG_X86_64_TARGET_H
#define TCG_X86_64_TARGET_H

#define TCG_TARGET_NB_REGS 16

enum {
    TCG_REG_RAX, TCG_REG_RCX, TCG_REG_RDX, TCG_REG_RBX,
    TCG_REG_RSP, TCG_REG_RBP, TCG_REG_RSI, TCG_REG_RDI,
    TCG_REG_R8, TCG_REG_R9, TCG_REG_R10, TCG_REG_R11,
    TCG_REG_R12, TCG_REG_R13, TCG_REG_R14, TCG_REG_R15,
};

/* env lives in a callee-saved register for the whole block. */
#define TCG_AREG0 TCG_REG_RBP
/* Never allocated: scratch for the emitter. */
#define TCG_REG_TMP TCG_REG_R11

#define TCG_CALL_CLOBBERED \
    ((1u << TCG_REG_RAX) | (1u << TCG_REG_RCX) | (1u << TCG_REG_RDX) | \
     (1u << TCG_REG_RSI) | (1u << TCG_REG_RDI) | (1u << TCG_REG_R8) | \
     (1u << TCG_REG_R9) | (1u << TCG_REG_R10) | (1u << TCG_REG_R11))

/*
 * Frame: the prologue pushes 6 callee-saved registers, then reserves
 * TCG_FRAME_SIZE bytes; temps spill at [rsp + 8 * slot]. The return
 * address + 6 pushes + frame keep rsp 16-byte aligned at calls.
 */
#define TCG_FRAME_SIZE (TCG_FRAME_SLOTS * 8 + 8)

#endif
