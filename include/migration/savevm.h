/*
 * The migration stream: header, configuration, sections, vmdesc trailer
 * (shared/spec/migration-stream.md). Device state comes from the VMState
 * registry (include/migration/vmstate.h); "live" state such as RAM plugs in
 * through SaveVMHandlers and travels in START/PART/END sections.
 */
#ifndef MIGRATION_SAVEVM_H
#define MIGRATION_SAVEVM_H

#include "qemu/osdep.h"
#include "qapi/error.h"
#include "migration/qemu-file.h"
#include "system/runstate.h"

#define QEMU_VM_FILE_MAGIC      0x5145564d
#define QEMU_VM_FILE_VERSION    3

enum {
    QEMU_VM_EOF = 0x00,
    QEMU_VM_SECTION_START = 0x01,
    QEMU_VM_SECTION_PART = 0x02,
    QEMU_VM_SECTION_END = 0x03,
    QEMU_VM_SECTION_FULL = 0x04,
    QEMU_VM_SUBSECTION = 0x05,
    QEMU_VM_VMDESCRIPTION = 0x06,
    QEMU_VM_CONFIGURATION = 0x07,
    QEMU_VM_COMMAND = 0x08,
    QEMU_VM_SECTION_FOOTER = 0x7e,
};

/* Commands (QEMU_VM_COMMAND) and return-path messages, QEMU's numbers. */
#define MIG_CMD_OPEN_RETURN_PATH 1
#define MIG_CMD_PING             2
#define MIG_CMD_SWITCHOVER_START 11
#define MIG_RP_MSG_SHUT          1   /* be32 status: 0 = loaded */
#define MIG_RP_MSG_PONG          2   /* be32: the PING's value */

/*
 * A live handler (RAM): its state is sent in parts while the guest runs.
 * The stream writes each callback's bytes inside a section of the right
 * type and adds the footer; callbacks only write their payload.
 */
typedef struct SaveVMHandlers {
    /* START payload. */
    bool (*save_setup)(QEMUFile *f, void *opaque, Error **errp);
    /*
     * One PART payload. Returns 1 when everything has been sent, 0 when
     * more remains, -1 on error (ERRP set).
     */
    int (*save_live_iterate)(QEMUFile *f, void *opaque, Error **errp);
    /* END payload, written with the guest stopped. */
    bool (*save_live_complete)(QEMUFile *f, void *opaque, Error **errp);
    /* Called after the stream is written (or failed), to free what setup made. */
    void (*save_cleanup)(void *opaque);
    /* Reads the payload of a START, PART or END section (TYPE says which). */
    bool (*load_state)(QEMUFile *f, void *opaque, int version_id, int type,
                       Error **errp);
} SaveVMHandlers;

/*
 * Registers a live handler under (IDSTR, INSTANCE_ID) with version
 * VERSION_ID. Aborts on a duplicate, like the VMState registry.
 */
void register_savevm_live(const char *idstr, int instance_id, int version_id,
                          const SaveVMHandlers *ops, void *opaque);
void unregister_savevm_live(const char *idstr, int instance_id);

/*
 * The machine type name the configuration section carries: NAME when set
 * (tests, tools), else current_machine's class name. NULL restores that.
 */
void savevm_set_machine_name(const char *name);
/*
 * Capabilities that must agree on both sides (configuration/capabilities):
 * a NULL-terminated list, copied; NULL or empty sends none. On load every
 * capability in the stream must be in the local list.
 */
void savevm_set_capabilities(const char *const *caps);

/* Registers the "globalstate" section (idempotent; machines call it). */
void global_state_register(void);
/*
 * Makes globalstate carry STATE instead of the state at save time (live
 * migration records "running" before it stops the guest to finish);
 * RUN_STATE__MAX goes back to the current state.
 */
void global_state_store(RunState state);
/* The run state the last loaded stream carried (RUN_STATE_PRELAUNCH before). */
RunState global_state_get_runstate(void);
/* Whether the source's guest was suspended (false when the stream did not say). */
bool global_state_vm_was_suspended(void);

/*
 * Writes a complete non-live stream (live handlers write all their state
 * between their START and END sections), then flushes F. The run state
 * recorded in globalstate is the current one. Returns false with ERRP
 * naming the device on failure; F may then hold a partial stream.
 */
bool qemu_savevm_state(QEMUFile *f, Error **errp);

/* Pieces of qemu_savevm_state for live migration. */
void qemu_savevm_state_header(QEMUFile *f);
/* OPEN_RETURN_PATH then PING(VALUE): the destination answers on the socket. */
void qemu_savevm_send_open_return_path(QEMUFile *f, uint32_t ping);
bool qemu_savevm_state_setup(QEMUFile *f, Error **errp);
/* One PART of each unfinished live handler; 1 when all are done. */
int qemu_savevm_state_iterate(QEMUFile *f, Error **errp);
/* SWITCHOVER_START, END sections, FULL sections, EOF, vmdesc. */
bool qemu_savevm_state_complete(QEMUFile *f, Error **errp);
void qemu_savevm_state_cleanup(void);

/*
 * Reads a stream written by qemu_savevm_state (or a live migration) into
 * the registered entries. On failure ERRP names what was wrong; devices
 * may then hold partly loaded state and the caller must not run the
 * machine. Bytes after EOF (the vmdesc trailer) are not read.
 */
bool qemu_loadvm_state(QEMUFile *f, Error **errp);

/*
 * The return path of an incoming migration: called by qemu_loadvm_state
 * for the OPEN_RETURN_PATH and PING commands (migration.c answers on the
 * socket; a snapshot load has none and ignores them).
 */
typedef struct LoadvmReturnPath {
    void (*open)(void);
    void (*ping)(uint32_t value);
} LoadvmReturnPath;
void qemu_loadvm_set_return_path(const LoadvmReturnPath *rp);

/*
 * Writes the -dump-vmstate JSON (every device class with a description,
 * plus "vmschkmachine") to OUT, for machine name MACHINE.
 */
bool vmstate_dump_file(FILE *out, const char *machine, Error **errp);

#endif
