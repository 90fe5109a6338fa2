/*
 * "key=value,key=value" option strings with QEMU's syntax: an implied first
 * key ("-M virt" means "-M type=virt"), ",," for a literal comma, a bare key
 * meaning "key=on", and "id=" kept apart.
 */
#ifndef QEMU_OPTION_H
#define QEMU_OPTION_H

#include "qemu/osdep.h"
#include "qapi/error.h"

typedef struct QemuOpt {
    char *name;
    char *value;
} QemuOpt;

typedef struct QemuOpts {
    char *group;        /* "machine", "device", "chardev", ... */
    char *id;           /* value of "id=", or NULL */
    GPtrArray *opts;    /* QemuOpt *, in command-line order */
} QemuOpts;

/*
 * Parses PARAMS. IMPLIED_KEY names the first item when it has no "="
 * (NULL: a bare first item is an error). Returns NULL and sets ERRP on
 * an empty key or a malformed item.
 */
QemuOpts *qemu_opts_parse(const char *group, const char *params,
                          const char *implied_key, Error **errp);
void qemu_opts_free(QemuOpts *opts);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(QemuOpts, qemu_opts_free)

/* The last value given for NAME, or NULL. */
const char *qemu_opt_get(const QemuOpts *opts, const char *name);
bool qemu_opt_has(const QemuOpts *opts, const char *name);
/* Adds or appends a value (later values win in qemu_opt_get). */
void qemu_opt_set(QemuOpts *opts, const char *name, const char *value);
/* Removes every value of NAME. */
void qemu_opt_unset(QemuOpts *opts, const char *name);

/*
 * Typed getters: DEFVAL when NAME is absent. On a malformed value they set
 * ERRP ("Parameter 'NAME' expects ...") and return DEFVAL.
 */
bool qemu_opt_get_bool(const QemuOpts *opts, const char *name, bool defval,
                       Error **errp);
uint64_t qemu_opt_get_number(const QemuOpts *opts, const char *name,
                             uint64_t defval, Error **errp);
uint64_t qemu_opt_get_size(const QemuOpts *opts, const char *name,
                           uint64_t defval, Error **errp);

/* True when the user asked for help ("help" or "?" as a key or value). */
bool qemu_opts_wants_help(const QemuOpts *opts);

/*
 * Fails with "Invalid parameter 'X'" for the first key not in ALLOWED
 * (a NULL-terminated list; "id" is always allowed).
 */
bool qemu_opts_check(const QemuOpts *opts, const char *const *allowed,
                     Error **errp);

#endif
