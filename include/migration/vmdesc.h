/*
 * The writer of the vmdesc JSON trailer. A thin wrapper around json-glib's
 * JsonBuilder, so that VMStateInfo callbacks and the engine share one type
 * (include/migration/vmstate.h only forward-declares it).
 */
#ifndef MIGRATION_VMDESC_H
#define MIGRATION_VMDESC_H

#include "qemu/osdep.h"
#include <json-glib/json-glib.h>

struct JSONWriter {
    JsonBuilder *builder;
};

#endif
