/*
 * The softmmu TLB layout shared by the translator's inline fast path and
 * accel/tcg, which fills and flushes the tables.
 *
 * Per MMU index, env holds a CPUTLBDescFast at an offset the translator is
 * configured with (tcg_set_tlb_params). The fast path computes
 *     entry = table + ((addr >> (page_bits - CPU_TLB_ENTRY_BITS)) & mask)
 * so MASK is (n_entries - 1) << CPU_TLB_ENTRY_BITS with n_entries a power
 * of two. It then compares the entry's tag (addr_read, addr_write or
 * addr_code) with the page address of the access, keeping the alignment
 * bits the MemOp requires; on a match the host address is addr + addend.
 *
 * Tag format: the guest page address, plus flag bits below the page bits.
 * Any flag bit set makes the comparison fail, so the access goes to the
 * slow path (invalid entry, MMIO, watchpoints, dirty tracking). Flags live
 * in bits [6, page_bits): bits 0..5 are left for alignment checks of up to
 * 64 bytes, so page_bits must be at least 10.
 */
#ifndef EXEC_TLB_COMMON_H
#define EXEC_TLB_COMMON_H

#include "qemu/osdep.h"

typedef struct CPUTLBEntry {
    uint64_t addr_read;
    uint64_t addr_write;
    uint64_t addr_code;
    /* host address = guest address + addend, for RAM pages */
    uintptr_t addend;
} CPUTLBEntry;

#define CPU_TLB_ENTRY_BITS 5
_Static_assert(sizeof(CPUTLBEntry) == 1 << CPU_TLB_ENTRY_BITS, "CPUTLBEntry size");

typedef struct CPUTLBDescFast {
    uintptr_t mask;         /* (n_entries - 1) << CPU_TLB_ENTRY_BITS */
    CPUTLBEntry *table;
} CPUTLBDescFast;

/* Flag bits in a tag; each one forces the slow path. */
#define TLB_INVALID_MASK    (1u << 9)
#define TLB_MMIO            (1u << 8)
#define TLB_NOTDIRTY        (1u << 7)
#define TLB_FORCE_SLOW      (1u << 6)
#define TLB_FLAGS_MASK      (TLB_INVALID_MASK | TLB_MMIO | TLB_NOTDIRTY | TLB_FORCE_SLOW)
#define TLB_MIN_PAGE_BITS   10

#endif
