/*
 * Parallel NOR flash with the Intel/Sharp command set and a CFI query
 * table (pflash_cfi01).
 *
 * Properties:
 *   drive          the image (-drive if=pflash); writes go to it. Without
 *                  one the flash is blank (0xff) and lives in RAM only.
 *   name           the RAMBlock id of the contents ("vexpress.flash0")
 *   num-blocks     erase blocks in the bank
 *   sector-length  bytes per erase block of the bank (all chips together)
 *   width          bank width in bytes (1, 2 or 4)
 *   device-width   bytes per chip (0: one chip as wide as the bank); the
 *                  bank holds width / device-width chips side by side,
 *                  each answering commands in its own lane
 *   id0 .. id3     read-ID codes (manufacturer, device, ...)
 * Region 0 is a ROM device: reads in read-array mode come straight from
 * the contents; any other mode and every write go through the command
 * decoder.
 */
#ifndef HW_BLOCK_FLASH_H
#define HW_BLOCK_FLASH_H

#include "hw/sysbus.h"
#include "block/block.h"

#define TYPE_PFLASH_CFI01 "cfi.pflash01"
OBJECT_DECLARE_SIMPLE_TYPE(PFlashCFI01, PFLASH_CFI01)

/* Write buffer of one chip (CFI "max bytes in buffer write" = 2^6). */
#define PFLASH_CHIP_BUFFER  64
#define PFLASH_MAX_BUFFER   (PFLASH_CHIP_BUFFER * 4)

struct PFlashCFI01 {
    SysBusDevice parent_obj;

    MemoryRegion mem;
    uint8_t *storage;           /* host pointer of MEM */

    /* Properties */
    BlockDriverState *drive;
    char *name;
    uint32_t num_blocks;
    uint64_t sector_len;
    uint8_t width;
    uint8_t device_width;
    uint16_t ident[4];

    uint8_t cfi_table[0x50];    /* one chip's query table */

    /* Command state (migrated) */
    uint32_t mode;              /* PFlashMode (pflash_cfi01.c) */
    uint8_t status;             /* one chip's status register */
    uint32_t cmd_addr;          /* erase / lock / buffer target */
    uint32_t buf_remaining;     /* buffered program: writes still due */
    uint32_t buf_base;
    uint8_t buf_data[PFLASH_MAX_BUFFER];
    uint8_t buf_valid[PFLASH_MAX_BUFFER];
    uint8_t *locks;             /* one byte per erase block */
};

#endif
