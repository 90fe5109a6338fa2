/*
 * Error objects and user-facing reporting.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"

struct Error {
    char *msg;
    ErrorClass err_class;
    const char *src;
    int line;
    GString *hint;
};

/* Sentinels: only their addresses matter. */
Error *error_abort;
Error *error_fatal;

static char *progname;
static GPtrArray *loc_stack;
static ErrorPrinter *printer;
static void *printer_opaque;

void error_init(const char *argv0)
{
    g_free(progname);
    progname = g_path_get_basename(argv0);
}

const char *error_get_progname(void)
{
    return progname ? progname : "ferry";
}

void loc_push(const char *fmt, ...)
{
    va_list ap;

    if (!loc_stack) {
        loc_stack = g_ptr_array_new_with_free_func(g_free);
    }
    va_start(ap, fmt);
    g_ptr_array_add(loc_stack, g_strdup_vprintf(fmt, ap));
    va_end(ap);
}

void loc_pop(void)
{
    assert(loc_stack && loc_stack->len > 0);
    g_ptr_array_remove_index(loc_stack, loc_stack->len - 1);
}

void error_set_printer(ErrorPrinter *p, void *opaque)
{
    printer = p;
    printer_opaque = opaque;
}

static void emit(const char *prefix, const char *fmt, va_list ap)
{
    GString *s = g_string_new(NULL);

    if (!printer) {
        g_string_append_printf(s, "%s: ", error_get_progname());
        if (loc_stack && loc_stack->len) {
            g_string_append_printf(s, "%s: ",
                                   (char *)g_ptr_array_index(loc_stack,
                                                             loc_stack->len - 1));
        }
    }
    g_string_append(s, prefix);
    g_string_append_vprintf(s, fmt, ap);
    g_string_append_c(s, '\n');
    if (printer) {
        printer(printer_opaque, s->str);
    } else {
        fputs(s->str, stderr);
        fflush(stderr);
    }
    g_string_free(s, TRUE);
}

void error_vreport(const char *fmt, va_list ap)
{
    emit("", fmt, ap);
}

void error_report(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    emit("", fmt, ap);
    va_end(ap);
}

void warn_report(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    emit("warning: ", fmt, ap);
    va_end(ap);
}

void info_report(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    emit("info: ", fmt, ap);
    va_end(ap);
}

static void deliver(Error **errp, Error *err)
{
    if (errp == &error_abort) {
        fprintf(stderr, "Unexpected error in %s:%d: %s\n",
                err->src, err->line, err->msg);
        abort();
    }
    if (errp == &error_fatal) {
        error_report_err(err);
        exit(1);
    }
    if (!errp || *errp) {
        /* Nobody wants it, or an error is already set: keep the first. */
        assert(!errp || *errp != err);
        error_free(err);
        return;
    }
    *errp = err;
}

static Error *error_new(const char *src, int line, ErrorClass err_class,
                        char *msg)
{
    Error *err = g_new0(Error, 1);

    err->msg = msg;
    err->err_class = err_class;
    err->src = src;
    err->line = line;
    return err;
}

void error_set_internal(Error **errp, const char *src, int line,
                        ErrorClass err_class, const char *fmt, ...)
{
    va_list ap;
    char *msg;

    if (!errp) {
        return;
    }
    va_start(ap, fmt);
    msg = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    deliver(errp, error_new(src, line, err_class, msg));
}

void error_setg_errno_internal(Error **errp, const char *src, int line,
                               int os_errno, const char *fmt, ...)
{
    va_list ap;
    char *msg, *full;

    if (!errp) {
        return;
    }
    va_start(ap, fmt);
    msg = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    full = os_errno ? g_strdup_printf("%s: %s", msg, g_strerror(os_errno))
                    : g_strdup(msg);
    g_free(msg);
    deliver(errp, error_new(src, line, ERROR_CLASS_GENERIC_ERROR, full));
}

void error_propagate(Error **dst_errp, Error *local_err)
{
    if (!local_err) {
        return;
    }
    deliver(dst_errp, local_err);
}

void error_prepend(Error **errp, const char *fmt, ...)
{
    va_list ap;
    char *prefix, *msg;

    if (!errp || !*errp) {
        return;
    }
    va_start(ap, fmt);
    prefix = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    msg = g_strconcat(prefix, (*errp)->msg, NULL);
    g_free(prefix);
    g_free((*errp)->msg);
    (*errp)->msg = msg;
}

void error_append_hint(Error **errp, const char *fmt, ...)
{
    va_list ap;

    if (!errp || !*errp || errp == &error_abort || errp == &error_fatal) {
        return;
    }
    if (!(*errp)->hint) {
        (*errp)->hint = g_string_new(NULL);
    }
    va_start(ap, fmt);
    g_string_append_vprintf((*errp)->hint, fmt, ap);
    va_end(ap);
}

const char *error_get_pretty(const Error *err)
{
    return err->msg;
}

ErrorClass error_get_class(const Error *err)
{
    return err->err_class;
}

const char *error_class_name(ErrorClass err_class)
{
    switch (err_class) {
    case ERROR_CLASS_GENERIC_ERROR:
        return "GenericError";
    case ERROR_CLASS_COMMAND_NOT_FOUND:
        return "CommandNotFound";
    case ERROR_CLASS_DEVICE_NOT_ACTIVE:
        return "DeviceNotActive";
    case ERROR_CLASS_DEVICE_NOT_FOUND:
        return "DeviceNotFound";
    }
    g_assert_not_reached();
}

Error *error_copy(const Error *err)
{
    Error *copy = error_new(err->src, err->line, err->err_class,
                            g_strdup(err->msg));

    if (err->hint) {
        copy->hint = g_string_new(err->hint->str);
    }
    return copy;
}

void error_free(Error *err)
{
    if (!err) {
        return;
    }
    g_free(err->msg);
    if (err->hint) {
        g_string_free(err->hint, TRUE);
    }
    g_free(err);
}

void error_free_or_abort(Error **errp)
{
    assert(errp && *errp);
    error_free(*errp);
    *errp = NULL;
}

static void report_err(Error *err, bool warn)
{
    if (warn) {
        warn_report("%s", err->msg);
    } else {
        error_report("%s", err->msg);
    }
    if (err->hint) {
        if (printer) {
            printer(printer_opaque, err->hint->str);
        } else {
            fputs(err->hint->str, stderr);
        }
    }
    error_free(err);
}

void error_report_err(Error *err)
{
    report_err(err, false);
}

void warn_report_err(Error *err)
{
    report_err(err, true);
}
