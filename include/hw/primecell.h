/*
 * ARM PrimeCell identification registers: every PrimeCell peripheral ends
 * its 4 KiB block with eight word-spaced ID bytes at 0xfe0..0xffc (four of
 * the peripheral ID, then the component ID 0x0d 0xf0 0x05 0xb1).
 */
#ifndef HW_PRIMECELL_H
#define HW_PRIMECELL_H

#include "exec/hwaddr.h"

#define PRIMECELL_ID_BASE 0xfe0

/*
 * If OFFSET falls in the ID block, stores the ID byte there in *VALUE and
 * returns true; otherwise returns false and leaves *VALUE alone.
 */
static inline bool primecell_id_read(const uint8_t id[8], hwaddr offset,
                                     uint64_t *value)
{
    if (offset < PRIMECELL_ID_BASE || offset >= PRIMECELL_ID_BASE + 0x20) {
        return false;
    }
    *value = id[(offset - PRIMECELL_ID_BASE) >> 2];
    return true;
}

#endif
