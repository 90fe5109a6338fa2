/*
 * Attributes of a bus transaction, and its result.
 */
#ifndef EXEC_MEMATTRS_H
#define EXEC_MEMATTRS_H

#include "qemu/osdep.h"

/*
 * What the bus knows about a transaction besides address and data. Devices
 * that care (TrustZone controllers, interrupt controllers that bank by
 * requester) read it in their *_with_attrs callbacks.
 */
typedef struct MemTxAttrs {
    unsigned secure:1;          /* TrustZone secure world */
    unsigned user:1;            /* unprivileged access */
    unsigned requester_id:16;   /* bus master id (CPU index, PCI RID) */
    unsigned unspecified:1;     /* the initiator said nothing */
} MemTxAttrs;

#define MEMTXATTRS_UNSPECIFIED ((MemTxAttrs) { .unspecified = 1 })

/* Bit mask: results of split accesses are OR-ed together. */
typedef uint32_t MemTxResult;
#define MEMTX_OK 0
#define MEMTX_ERROR (1U << 0)           /* the device signalled a bus error */
#define MEMTX_DECODE_ERROR (1U << 1)    /* nothing decodes the address, or
                                           the access shape is not valid */

#endif
