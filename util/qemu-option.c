/*
 * Parsing of "key=value,..." option strings.
 */
#include "qemu/osdep.h"
#include "qemu/option.h"
#include "qemu/cutils.h"

static void qemu_opt_free(gpointer p)
{
    QemuOpt *opt = p;

    g_free(opt->name);
    g_free(opt->value);
    g_free(opt);
}

/*
 * Copies from *P up to the next unescaped STOP character (or end of string)
 * into a new string, turning ",," into ",". Leaves *P at the stop character
 * or at the terminating NUL.
 */
static char *get_token(const char **p, char stop)
{
    GString *s = g_string_new(NULL);
    const char *q = *p;

    while (*q) {
        if (*q == ',') {
            if (q[1] == ',') {
                g_string_append_c(s, ',');
                q += 2;
                continue;
            }
            break;
        }
        if (*q == stop) {
            break;
        }
        g_string_append_c(s, *q++);
    }
    *p = q;
    return g_string_free(s, FALSE);
}

QemuOpts *qemu_opts_parse(const char *group, const char *params,
                          const char *implied_key, Error **errp)
{
    QemuOpts *opts = g_new0(QemuOpts, 1);
    const char *p = params;
    bool first = true;

    opts->group = g_strdup(group);
    opts->opts = g_ptr_array_new_with_free_func(qemu_opt_free);

    while (*p) {
        char *name = get_token(&p, '=');
        char *value;

        if (*p == '=') {
            p++;
            value = get_token(&p, '\0');
        } else if (first && implied_key) {
            value = name;
            name = g_strdup(implied_key);
        } else {
            /* A bare key means "on" ("server" is "server=on"). */
            value = g_strdup("on");
        }
        if (!*name) {
            error_setg(errp, "Invalid parameter '' in '%s'", params);
            g_free(name);
            g_free(value);
            qemu_opts_free(opts);
            return NULL;
        }
        if (!strcmp(name, "id")) {
            g_free(opts->id);
            opts->id = value;
            g_free(name);
        } else {
            QemuOpt *opt = g_new(QemuOpt, 1);

            opt->name = name;
            opt->value = value;
            g_ptr_array_add(opts->opts, opt);
        }
        first = false;
        if (*p == ',') {
            p++;
            if (!*p) {
                break;
            }
        }
    }
    return opts;
}

void qemu_opts_free(QemuOpts *opts)
{
    if (!opts) {
        return;
    }
    g_ptr_array_free(opts->opts, TRUE);
    g_free(opts->group);
    g_free(opts->id);
    g_free(opts);
}

static QemuOpt *find_opt(const QemuOpts *opts, const char *name)
{
    for (guint i = opts->opts->len; i > 0; i--) {
        QemuOpt *opt = g_ptr_array_index(opts->opts, i - 1);

        if (!strcmp(opt->name, name)) {
            return opt;
        }
    }
    return NULL;
}

const char *qemu_opt_get(const QemuOpts *opts, const char *name)
{
    QemuOpt *opt;

    if (!strcmp(name, "id")) {
        return opts->id;
    }
    opt = find_opt(opts, name);
    return opt ? opt->value : NULL;
}

bool qemu_opt_has(const QemuOpts *opts, const char *name)
{
    return qemu_opt_get(opts, name) != NULL;
}

void qemu_opt_set(QemuOpts *opts, const char *name, const char *value)
{
    QemuOpt *opt;

    if (!strcmp(name, "id")) {
        g_free(opts->id);
        opts->id = g_strdup(value);
        return;
    }
    opt = g_new(QemuOpt, 1);
    opt->name = g_strdup(name);
    opt->value = g_strdup(value);
    g_ptr_array_add(opts->opts, opt);
}

void qemu_opt_unset(QemuOpts *opts, const char *name)
{
    for (guint i = opts->opts->len; i > 0; i--) {
        QemuOpt *opt = g_ptr_array_index(opts->opts, i - 1);

        if (!strcmp(opt->name, name)) {
            g_ptr_array_remove_index(opts->opts, i - 1);
        }
    }
}

bool qemu_opt_get_bool(const QemuOpts *opts, const char *name, bool defval,
                       Error **errp)
{
    const char *v = qemu_opt_get(opts, name);
    bool b;

    if (!v) {
        return defval;
    }
    return qapi_bool_parse(name, v, &b, errp) ? b : defval;
}

uint64_t qemu_opt_get_number(const QemuOpts *opts, const char *name,
                             uint64_t defval, Error **errp)
{
    const char *v = qemu_opt_get(opts, name);
    uint64_t n;

    if (!v) {
        return defval;
    }
    if (qemu_strtou64(v, 0, &n) < 0) {
        error_setg(errp, "Parameter '%s' expects a number, got '%s'", name, v);
        return defval;
    }
    return n;
}

uint64_t qemu_opt_get_size(const QemuOpts *opts, const char *name,
                           uint64_t defval, Error **errp)
{
    const char *v = qemu_opt_get(opts, name);
    uint64_t n;

    if (!v) {
        return defval;
    }
    if (qemu_strtosz(v, &n) < 0) {
        error_setg(errp, "Parameter '%s' expects a size (e.g. 64K, 256M), "
                   "got '%s'", name, v);
        return defval;
    }
    return n;
}

bool qemu_opts_wants_help(const QemuOpts *opts)
{
    for (guint i = 0; i < opts->opts->len; i++) {
        QemuOpt *opt = g_ptr_array_index(opts->opts, i);

        if (!strcmp(opt->name, "help") || !strcmp(opt->name, "?") ||
            !strcmp(opt->value, "help") || !strcmp(opt->value, "?")) {
            return true;
        }
    }
    return false;
}

bool qemu_opts_check(const QemuOpts *opts, const char *const *allowed,
                     Error **errp)
{
    for (guint i = 0; i < opts->opts->len; i++) {
        QemuOpt *opt = g_ptr_array_index(opts->opts, i);
        const char *const *a;

        for (a = allowed; *a; a++) {
            if (!strcmp(*a, opt->name)) {
                break;
            }
        }
        if (!*a) {
            error_setg(errp, "Invalid parameter '%s'", opt->name);
            return false;
        }
    }
    return true;
}
