/*
 * Facts shared by every target about guest pages and the RAM address space.
 */
#ifndef EXEC_CPU_COMMON_H
#define EXEC_CPU_COMMON_H

#include "qemu/osdep.h"
#include "exec/hwaddr.h"

/*
 * The granule of dirty tracking, RAM migration and (later) the softmmu TLB.
 * It is the same for every target so that the core is compiled once.
 */
#define TARGET_PAGE_BITS 12
#define TARGET_PAGE_SIZE (1ULL << TARGET_PAGE_BITS)
#define TARGET_PAGE_MASK (~(TARGET_PAGE_SIZE - 1))
#define TARGET_PAGE_ALIGN(a) (((a) + TARGET_PAGE_SIZE - 1) & TARGET_PAGE_MASK)

/*
 * Offset in the global RAM address space: every RAMBlock occupies a
 * page-aligned, non-overlapping range of it, in creation order. It is
 * not a guest address; it names RAM bytes independently of where (or
 * how many times, through aliases) they are mapped.
 */
typedef uint64_t ram_addr_t;
#define RAM_ADDR_MAX UINT64_MAX
#define RAM_ADDR_FMT "%" PRIx64

#endif
