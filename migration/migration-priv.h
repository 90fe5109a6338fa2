/*
 * Private to migration/: the configuration section and JSON helpers
 * shared by the stream writer/reader and -dump-vmstate.
 */
#ifndef MIGRATION_MIGRATION_PRIV_H
#define MIGRATION_MIGRATION_PRIV_H

#include "qemu/osdep.h"
#include <json-glib/json-glib.h>
#include "migration/qemu-file.h"
#include "migration/vmdesc.h"

/* Ferry uses 4 KiB target pages on every machine. */
#define MIGRATION_TARGET_PAGE_BITS 12

/* Configuration payload (after the 0x07 byte); members go into JW's object. */
bool migration_config_save(QEMUFile *f, JSONWriter *jw, Error **errp);
/* Reads and checks it against this machine (name, page bits, capabilities). */
bool migration_config_load(QEMUFile *f, Error **errp);
/* The machine name the configuration carries (static or class storage). */
const char *migration_machine_name(void);

/* Compact JSON with ", " and ": " separators (the vmdesc format). */
char *migration_json_compact(JsonNode *node);

#endif
