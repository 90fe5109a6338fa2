/*
 * MemOp: how a guest memory access is performed (size, sign, byte order,
 * alignment), and MemOpIdx: a MemOp paired with the MMU index it uses.
 * Shared by the translator core, accel/tcg and the softmmu helpers.
 */
#ifndef EXEC_MEMOP_H
#define EXEC_MEMOP_H

#include "qemu/osdep.h"

typedef enum MemOp {
    MO_8 = 0,
    MO_16 = 1,
    MO_32 = 2,
    MO_64 = 3,
    MO_SIZE = 3,            /* log2 of the access size in bytes */

    MO_SIGN = 1 << 2,       /* sign-extend the loaded value */

    /* Byte order relative to the host, which is always little-endian. */
    MO_BSWAP = 1 << 3,
    MO_LE = 0,
    MO_BE = MO_BSWAP,

    /*
     * Alignment requirement, bits 4..6: 0 means none, 1..6 means the
     * address must be a multiple of 2^n bytes, 7 means "the access size".
     * A misaligned address always takes the slow path, whose helper decides
     * (fault or split access).
     */
    MO_ASHIFT = 4,
    MO_AMASK = 7 << 4,
    MO_UNALN = 0,
    MO_ALIGN_2 = 1 << 4,
    MO_ALIGN_4 = 2 << 4,
    MO_ALIGN_8 = 3 << 4,
    MO_ALIGN_16 = 4 << 4,
    MO_ALIGN_32 = 5 << 4,
    MO_ALIGN_64 = 6 << 4,
    MO_ALIGN = 7 << 4,

    MO_UB = MO_8,
    MO_UW = MO_16,
    MO_UL = MO_32,
    MO_UQ = MO_64,
    MO_SB = MO_SIGN | MO_8,
    MO_SW = MO_SIGN | MO_16,
    MO_SL = MO_SIGN | MO_32,

    MO_LEUW = MO_LE | MO_UW,
    MO_LEUL = MO_LE | MO_UL,
    MO_LEUQ = MO_LE | MO_UQ,
    MO_LESW = MO_LE | MO_SW,
    MO_LESL = MO_LE | MO_SL,
    MO_BEUW = MO_BE | MO_UW,
    MO_BEUL = MO_BE | MO_UL,
    MO_BEUQ = MO_BE | MO_UQ,
    MO_BESW = MO_BE | MO_SW,
    MO_BESL = MO_BE | MO_SL,
} MemOp;

static inline unsigned memop_size(MemOp op)
{
    return 1u << (op & MO_SIZE);
}

/* log2 of the required alignment in bytes (0: byte alignment). */
static inline unsigned memop_alignment_bits(MemOp op)
{
    unsigned a = (op & MO_AMASK) >> MO_ASHIFT;
    return a == 7 ? (op & MO_SIZE) : a;
}

/* A MemOp with its MMU index: what the slow-path helpers receive. */
typedef uint32_t MemOpIdx;

static inline MemOpIdx make_memop_idx(MemOp op, unsigned mmu_idx)
{
    assert(mmu_idx < 16);
    return ((uint32_t)op << 4) | mmu_idx;
}

static inline MemOp get_memop(MemOpIdx oi)
{
    return (MemOp)(oi >> 4);
}

static inline unsigned get_mmuidx(MemOpIdx oi)
{
    return oi & 15;
}

#endif
