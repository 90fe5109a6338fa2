/*
 * Loading guest images into guest memory.
 */
#ifndef HW_LOADER_H
#define HW_LOADER_H

#include "qemu/osdep.h"
#include "qapi/error.h"
#include "exec/memory.h"

/* Whether FILENAME starts with the ELF magic (false if unreadable). */
bool file_is_elf(const char *filename);

/*
 * Loads the PT_LOAD segments of the ELF file FILENAME (32 or 64-bit,
 * either byte order) into AS at their physical addresses, through
 * address_space_write_rom (so ROM is written too); the bytes between a
 * segment's file size and memory size are zeroed. ELF_MACHINE is the
 * expected e_machine (EM_ARM...). On success stores the entry point and
 * the lowest/highest loaded addresses (any pointer may be NULL). Errors
 * name the file: not ELF, wrong class or machine, truncated, a segment
 * outside guest memory.
 */
bool load_elf_as(const char *filename, AddressSpace *as, int elf_machine, uint64_t *entry,
                 uint64_t *lowaddr, uint64_t *highaddr, Error **errp);

#endif
