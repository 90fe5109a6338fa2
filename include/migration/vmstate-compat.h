/*
 * Static migration-compatibility check between two -dump-vmstate JSON
 * documents: GOLDEN, what a released machine version described, and
 * CURRENT, what this build describes for the same machine version.
 *
 * The rules (docs/devel/migration.md, "How to add state without breaking
 * either direction"), per device section of GOLDEN:
 *  - the section must still exist (keyed by class name);
 *  - version_id must not change: a new version means every stream changes,
 *    including the one an old machine type sends to the old release;
 *  - minimum_version_id must not rise above the golden version_id, or
 *    streams of the old release no longer load;
 *  - the field list must be the same: no field removed, added, renamed,
 *    retyped (size), resized (num), or given another version_id or
 *    field_exists; nested struct descriptions are compared the same way;
 *  - every golden subsection must still exist (an old stream may carry it)
 *    and compares by the same rules; subsections CURRENT adds are fine
 *    (their needed() must stay false for the old machine version).
 * Sections CURRENT adds are fine; "vmschkmachine" names must be equal.
 */
#ifndef MIGRATION_VMSTATE_COMPAT_H
#define MIGRATION_VMSTATE_COMPAT_H

#include "qemu/osdep.h"
#include <json-glib/json-glib.h>

/*
 * Appends one message (char *, "pl011: field 'ifl' size changed from 4 to
 * 8") per problem to PROBLEMS; returns true when there is none.
 */
bool vmstate_compat_check(JsonNode *golden, JsonNode *current, GPtrArray *problems);

#endif
