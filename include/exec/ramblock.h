/*
 * RAM blocks: the host memory behind RAM and ROM regions.
 */
#ifndef EXEC_RAMBLOCK_H
#define EXEC_RAMBLOCK_H

#include "qemu/osdep.h"
#include "qapi/error.h"
#include "exec/cpu-common.h"
#include "exec/memory.h"

#define RAMBLOCK_IDSTR_LEN 256

/*
 * One contiguous piece of guest RAM. Migration finds it by IDSTR, which is
 * the explicit name the board gave the region (never derived from the
 * object tree, so that moving a device does not change it).
 */
struct RAMBlock {
    MemoryRegion *mr;
    uint8_t *host;              /* page aligned, zeroed at creation */
    char idstr[RAMBLOCK_IDSTR_LEN];
    ram_addr_t offset;          /* in the global ram_addr_t space */
    uint64_t used_length;       /* bytes */
    uint64_t max_length;        /* bytes (= used_length: no resizing yet) */
    /*
     * One bit per TARGET_PAGE of the block per client (DIRTY_MEMORY_*);
     * set = dirty. Accessed atomically.
     */
    unsigned long *dirty[DIRTY_MEMORY_NUM];
    /* Private. */
    size_t mapped_length;       /* bytes mmap()ed, 0 if HOST is the caller's */
};

/* The block with id NAME, or NULL. */
RAMBlock *qemu_ram_block_by_name(const char *name);
/* The block holding ram_addr ADDR, or NULL. */
RAMBlock *qemu_ram_block_from_addr(ram_addr_t addr);
/* Calls FN on every block in creation order; stops at (and returns) a non-zero result. */
int qemu_ram_foreach_block(int (*fn)(RAMBlock *rb, void *opaque), void *opaque);
/* Sum of used_length of all blocks. */
uint64_t ram_bytes_total(void);

/*
 * Creation and destruction, used by memory_region_init_ram & co. With HOST
 * NULL the memory is allocated (mmap: page aligned, zeroed); otherwise it
 * is the caller's. Errors name the id: empty, too long, duplicate, size 0,
 * allocation failure.
 */
RAMBlock *qemu_ram_alloc(MemoryRegion *mr, const char *name, uint64_t size,
                         void *host, Error **errp);
void qemu_ram_free(RAMBlock *rb);

#endif
