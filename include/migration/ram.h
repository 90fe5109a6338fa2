/*
 * RAM migration: the live "ram" section (instance 0, version 4) of
 * shared/spec/migration-stream.md, and the "timebase" section that carries
 * the virtual clock.
 *
 * Save side: setup sends the block list and starts dirty logging (every
 * page starts dirty); each iterate sends dirty pages up to a byte budget
 * and, when a pass over the bitmap is finished, syncs the dirty bitmap
 * from the memory API; complete syncs once more and sends everything left.
 * The save functions run on the migration thread without the BQL except
 * setup and complete (their callers hold it).
 */
#ifndef MIGRATION_RAM_H
#define MIGRATION_RAM_H

#include "qemu/osdep.h"
#include "migration/savevm.h"

#define RAM_SAVE_FLAG_ZERO          0x02
#define RAM_SAVE_FLAG_MEM_SIZE      0x04
#define RAM_SAVE_FLAG_PAGE          0x08
#define RAM_SAVE_FLAG_EOS           0x10
#define RAM_SAVE_FLAG_CONTINUE      0x20

#define RAM_SECTION_VERSION 4

/* Counters of the current (or last) outgoing RAM transfer. */
typedef struct RamStats {
    uint64_t total;             /* bytes of RAM */
    uint64_t remaining;         /* dirty bytes not sent yet */
    uint64_t transferred;       /* bytes the ram section wrote */
    uint64_t duplicate;         /* zero pages sent */
    uint64_t normal;            /* full pages sent */
    uint64_t dirty_sync_count;  /* bitmap syncs (1 after setup) */
} RamStats;

/* The handlers of the "ram" section (tests drive them directly). */
extern const SaveVMHandlers ram_save_handlers;
/* Registers "ram" (instance 0, version 4) and "timebase"; idempotent. */
void ram_mig_init(void);
void ram_stats_get(RamStats *out);
/*
 * Upper bound of the bytes one save_live_iterate call may write (0: no
 * bound); the migration thread uses it for the bandwidth limit.
 */
void ram_set_iterate_budget(uint64_t bytes);
/*
 * Incoming migration: when true, the "ram" load drops the BQL (which its
 * caller holds) while it reads pages, so that the main loop stays
 * responsive during the bulk of the transfer. Savevm loads keep it.
 */
void ram_load_set_drop_bql(bool on);
/* Whether all LEN bytes at BUF are zero. */
bool buffer_is_zero(const void *buf, size_t len);

#endif
