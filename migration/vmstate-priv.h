/*
 * Private to migration/: the per-element encoders of the built-in field
 * kinds (vmstate-types.c), used by the description walker (vmstate.c).
 */
#ifndef MIGRATION_VMSTATE_PRIV_H
#define MIGRATION_VMSTATE_PRIV_H

#include "qemu/osdep.h"
#include "migration/qemu-file.h"
#include "migration/vmstate.h"

/* The byte a NULL element of an array of pointers is sent as. */
#define VMS_NULLPTR_MARKER 0x30

/*
 * Writes one element of a scalar kind (everything but STRUCT, CUSTOM,
 * VALIDATE, UNUSED) stored at ELEM. SIZE is the element's byte size (the
 * buffer length for BUFFER, the bit count for BITMAP).
 */
void vmstate_put_scalar(QEMUFile *f, const VMStateField *field, void *elem,
                        size_t size);
/*
 * Reads one element of a scalar kind into ELEM. Checks EQUAL and INT32_LE
 * against the local value and the stream's error state. On failure sets
 * ERRP as "field 'PATH': problem" and returns false.
 */
bool vmstate_get_scalar(QEMUFile *f, const VMStateField *field, void *elem,
                        size_t size, const char *path, Error **errp);
/* Sets ERRP if F has an error: "field 'PATH': ..."; returns !error. */
bool vmstate_check_stream(QEMUFile *f, const char *path, Error **errp);

#endif
