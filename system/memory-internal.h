/*
 * Shared between system/memory.c (tree, views, MMIO) and system/physmem.c
 * (RAM, dirty bits, address-space accesses). Not a public header.
 */
#ifndef SYSTEM_MEMORY_INTERNAL_H
#define SYSTEM_MEMORY_INTERNAL_H

#include "exec/memory.h"

/*
 * The range of FV holding ADDR, or NULL; then *HOLE (if not NULL) is the
 * number of unassigned bytes from ADDR to the next range (0 meaning 2^64,
 * i.e. the rest of the space).
 */
const FlatRange *flatview_find(const FlatView *fv, hwaddr addr, hwaddr *hole);

/* Loads/stores SIZE (<= 8) bytes at P as a number in the given byte order. */
static inline uint64_t mem_ldn(const void *p, unsigned size, bool big_endian)
{
    const uint8_t *b = p;
    uint64_t v = 0;

    for (unsigned i = 0; i < size; i++) {
        if (big_endian) {
            v = (v << 8) | b[i];
        } else {
            v |= (uint64_t)b[i] << (8 * i);
        }
    }
    return v;
}

static inline void mem_stn(void *p, unsigned size, bool big_endian, uint64_t v)
{
    uint8_t *b = p;

    for (unsigned i = 0; i < size; i++) {
        unsigned shift = big_endian ? 8 * (size - 1 - i) : 8 * i;
        b[i] = v >> shift;
    }
}

static inline uint64_t mem_bswap(uint64_t v, unsigned size)
{
    switch (size) {
    case 1:
        return v;
    case 2:
        return GUINT16_SWAP_LE_BE((uint16_t)v);
    case 4:
        return GUINT32_SWAP_LE_BE((uint32_t)v);
    default:
        assert(size == 8);
        return GUINT64_SWAP_LE_BE(v);
    }
}

#endif
