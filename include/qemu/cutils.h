/*
 * String-to-number helpers with strict, fully-consumed parsing.
 */
#ifndef QEMU_CUTILS_H
#define QEMU_CUTILS_H

#include "qemu/osdep.h"
#include "qapi/error.h"

/*
 * Each returns 0 on success, -EINVAL when STR is not a number (or has
 * trailing garbage), -ERANGE when it does not fit. Bases: 0 means C syntax
 * ("0x" hex, leading "0" octal, else decimal).
 */
int qemu_strtoi64(const char *str, int base, int64_t *result);
int qemu_strtou64(const char *str, int base, uint64_t *result);
/* "1", "64K", "256M", "1G", "2T" (binary units; a bare number is bytes). */
int qemu_strtosz(const char *str, uint64_t *result);
/* Like qemu_strtosz but a bare number means MiB (as "-m 256" does). */
int qemu_strtosz_MiB(const char *str, uint64_t *result);

/* "on"/"yes"/"true"/"y" and "off"/"no"/"false"/"n". */
bool qapi_bool_parse(const char *name, const char *value, bool *obj,
                     Error **errp);

#endif
