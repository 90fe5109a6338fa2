/*
 * Error reporting through "Error **errp" out-parameters.
 *
 * Contract: a function taking Error **errp sets *errp at most once, and only
 * when it fails; callers pass NULL to ignore, &error_abort to assert success,
 * &error_fatal to exit(1) with the message. Messages name the object and the
 * value that were wrong ("Property 'pl011.baud' expects uint32, got 'x'").
 */
#ifndef QAPI_ERROR_H
#define QAPI_ERROR_H

#include "qemu/osdep.h"

/* QMP error classes (the "class" member of a QMP error reply). */
typedef enum ErrorClass {
    ERROR_CLASS_GENERIC_ERROR,
    ERROR_CLASS_COMMAND_NOT_FOUND,
    ERROR_CLASS_DEVICE_NOT_ACTIVE,
    ERROR_CLASS_DEVICE_NOT_FOUND,
} ErrorClass;

typedef struct Error Error;

extern Error *error_abort;
extern Error *error_fatal;

void error_set_internal(Error **errp, const char *src, int line,
                        ErrorClass err_class, const char *fmt, ...)
    QEMU_PRINTF(5, 6);
#define error_setg(errp, ...) \
    error_set_internal((errp), __FILE__, __LINE__, \
                       ERROR_CLASS_GENERIC_ERROR, __VA_ARGS__)
#define error_set(errp, err_class, ...) \
    error_set_internal((errp), __FILE__, __LINE__, (err_class), __VA_ARGS__)
/* Like error_setg, with ": strerror(os_errno)" appended. */
void error_setg_errno_internal(Error **errp, const char *src, int line,
                               int os_errno, const char *fmt, ...)
    QEMU_PRINTF(5, 6);
#define error_setg_errno(errp, os_errno, ...) \
    error_setg_errno_internal((errp), __FILE__, __LINE__, (os_errno), \
                              __VA_ARGS__)

/* Moves LOCAL_ERR into *DST_ERRP (or frees it if DST_ERRP is NULL or set). */
void error_propagate(Error **dst_errp, Error *local_err);
/* Prefixes the message of *ERRP (if set) with the formatted text. */
void error_prepend(Error **errp, const char *fmt, ...) QEMU_PRINTF(2, 3);
/* Adds a hint line printed after the message by error_report_err(). */
void error_append_hint(Error **errp, const char *fmt, ...) QEMU_PRINTF(2, 3);

const char *error_get_pretty(const Error *err);
ErrorClass error_get_class(const Error *err);
const char *error_class_name(ErrorClass err_class);
Error *error_copy(const Error *err);
void error_free(Error *err);
void error_free_or_abort(Error **errp);

/*
 * Reporting to the user: "PROGNAME: [LOCATION: ]MESSAGE\n" on stderr (or to
 * the current monitor once one is wired in through error_set_printer()).
 */
void error_report(const char *fmt, ...) QEMU_PRINTF(1, 2);
void warn_report(const char *fmt, ...) QEMU_PRINTF(1, 2);
void info_report(const char *fmt, ...) QEMU_PRINTF(1, 2);
void error_report_err(Error *err);
void warn_report_err(Error *err);
void error_vreport(const char *fmt, va_list ap) QEMU_PRINTF(1, 0);

void error_init(const char *argv0);
const char *error_get_progname(void);

/*
 * Location context for messages: while parsing "-M foo", the parser pushes
 * "-M foo" so that error_report() prints "ferry-system-arm: -M foo: ...".
 */
void loc_push(const char *fmt, ...) QEMU_PRINTF(1, 2);
void loc_pop(void);

/* Redirects error_report() output (the monitor uses this); NULL = stderr. */
typedef void ErrorPrinter(void *opaque, const char *msg);
void error_set_printer(ErrorPrinter *printer, void *opaque);

#endif
