/*
 * Dirty tracking on the global RAM address space (ram_addr_t), for the
 * TLB slow path, the translator (self-modifying code) and migration.
 */
#ifndef EXEC_RAM_ADDR_H
#define EXEC_RAM_ADDR_H

#include "qemu/osdep.h"
#include "exec/cpu-common.h"
#include "exec/memory.h"
#include "exec/ramblock.h"

/*
 * Records a write of LENGTH bytes at START: pages whose CODE bit is clear
 * are reported to the code-write notifier (then their CODE bit is set),
 * and every enabled client's bit is set. Every path that writes guest RAM
 * must call this (address_space_write does).
 */
void cpu_physical_memory_set_dirty_range(ram_addr_t start, ram_addr_t length);
/* Whether any page of [START, START+LENGTH) is dirty for CLIENT. */
bool cpu_physical_memory_get_dirty(ram_addr_t start, ram_addr_t length, unsigned client);
void cpu_physical_memory_reset_dirty(ram_addr_t start, ram_addr_t length, unsigned client);
/* Atomically: returns get_dirty, then resets. */
bool cpu_physical_memory_test_and_clear_dirty(ram_addr_t start, ram_addr_t length,
                                              unsigned client);

/*
 * Self-modifying code. The translator calls ram_page_protect_code() on a
 * page it translates code from (clears the CODE bit). A later write into
 * that page calls the notifier with the written range, once per page
 * (the CODE bit is set again before the next write), so it can
 * invalidate the translations there. ram_page_is_code_clean() tells
 * whether writes to the page are free of that cost (bit set). One
 * notifier; NULL removes it.
 */
void ram_page_protect_code(ram_addr_t addr);
bool ram_page_is_code_clean(ram_addr_t addr);
void memory_set_code_write_notifier(void (*fn)(ram_addr_t start, ram_addr_t len));

/*
 * Migration: ORs RB's MIGRATION bits into DEST (a bitmap of
 * used_length / TARGET_PAGE_SIZE bits, owned by migration), clears them in
 * RB, and returns how many bits were newly set in DEST.
 */
uint64_t ramblock_sync_dirty_bitmap(RAMBlock *rb, unsigned long *dest);
/* The raw bitmap of CLIENT (bit i = page i of the block); for inspection. */
unsigned long *ramblock_dirty_bitmap(RAMBlock *rb, unsigned client);
/* Number of TARGET_PAGEs of RB (bits in each of its bitmaps). */
uint64_t ramblock_nr_pages(const RAMBlock *rb);

#endif
