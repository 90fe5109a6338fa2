/*
 * Chardev registry, creation from options and spec strings, and the
 * front-end API. See include/chardev/char.h and char-fe.h.
 */
#include "qemu/osdep.h"
#include "chardev/char.h"
#include "chardev/char-fe.h"

#include <glib-unix.h>
#include <poll.h>

static const ChardevDriver *const drivers[] = {
    &char_null_driver,
    &char_file_driver,
    &char_pipe_driver,
    &char_pty_driver,
    &char_socket_driver,
    &char_stdio_driver,
};

static GList *chardevs;     /* Chardev *, in creation order */

static const ChardevDriver *find_driver(const char *name)
{
    for (int i = 0; i < ARRAY_SIZE(drivers); i++) {
        if (!strcmp(drivers[i]->name, name)) {
            return drivers[i];
        }
    }
    return NULL;
}

void qemu_chr_list_help(FILE *out)
{
    fprintf(out, "Available chardev backend types:\n");
    for (int i = 0; i < ARRAY_SIZE(drivers); i++) {
        fprintf(out, "  %-8s %s\n", drivers[i]->name, drivers[i]->help);
    }
}

Chardev *qemu_chr_find(const char *label)
{
    for (GList *l = chardevs; l; l = l->next) {
        Chardev *chr = l->data;

        if (!strcmp(chr->label, label)) {
            return chr;
        }
    }
    return NULL;
}

void qemu_chr_foreach(void (*fn)(Chardev *chr, void *opaque), void *opaque)
{
    for (GList *l = chardevs; l; l = l->next) {
        fn(l->data, opaque);
    }
}

const char *qemu_chr_get_label(Chardev *chr)
{
    return chr->label;
}

char *qemu_chr_get_filename(Chardev *chr)
{
    if (qemu_chr_is_mux(chr)) {
        return qemu_chr_mux_get_filename(chr);
    }
    return g_strdup(chr->filename ? chr->filename : chr->driver->name);
}

void qemu_chr_set_filename(Chardev *s, const char *fmt, ...)
{
    va_list ap;

    g_free(s->filename);
    va_start(ap, fmt);
    s->filename = g_strdup_vprintf(fmt, ap);
    va_end(ap);
}

bool qemu_chr_is_mux(Chardev *chr)
{
    return chr->driver == &char_mux_driver;
}

/* Allocates a chardev of DRIVER and registers it under LABEL. */
Chardev *qemu_chr_alloc(const ChardevDriver *driver, const char *label,
                          GMainContext *context)
{
    Chardev *chr = g_malloc0(driver->instance_size);

    chr->driver = driver;
    chr->label = g_strdup(label);
    chr->context = context;
    chr->fd_in = -1;
    chr->fd_out = -1;
    chr->msgfd = -1;
    return chr;
}

void qemu_chr_free(Chardev *chr)
{
    qemu_chr_fd_remove_read(chr);
    if (chr->msgfd >= 0) {
        close(chr->msgfd);
    }
    if (chr->driver->finalize) {
        chr->driver->finalize(chr);
    }
    g_free(chr->label);
    g_free(chr->filename);
    g_free(chr);
}

static Chardev *chr_open(const ChardevDriver *driver, const char *label,
                         QemuOpts *opts, GMainContext *context, Error **errp)
{
    Chardev *chr = qemu_chr_alloc(driver, label, context);

    if (!driver->open(chr, opts, errp)) {
        qemu_chr_free(chr);
        return NULL;
    }
    chardevs = g_list_append(chardevs, chr);
    return chr;
}

static const char *const common_opts[] = { "backend", "mux", NULL };

Chardev *qemu_chr_new_from_opts(QemuOpts *opts, GMainContext *context, Error **errp)
{
    const char *backend = qemu_opt_get(opts, "backend");
    const ChardevDriver *driver;
    g_autoptr(GPtrArray) allowed = g_ptr_array_new();
    Chardev *base, *mux;
    g_autofree char *base_label = NULL;
    Error *local_err = NULL;
    bool is_mux;

    if (!backend) {
        error_setg(errp, "chardev: parameter 'backend' is missing");
        return NULL;
    }
    driver = find_driver(backend);
    if (!driver) {
        error_setg(errp, "'%s' is not a valid char driver name", backend);
        return NULL;
    }
    if (!opts->id || !*opts->id) {
        error_setg(errp, "chardev: no id specified");
        return NULL;
    }
    for (int i = 0; common_opts[i]; i++) {
        g_ptr_array_add(allowed, (gpointer)common_opts[i]);
    }
    for (int i = 0; driver->opts && driver->opts[i]; i++) {
        g_ptr_array_add(allowed, (gpointer)driver->opts[i]);
    }
    g_ptr_array_add(allowed, NULL);
    if (!qemu_opts_check(opts, (const char *const *)allowed->pdata, errp)) {
        return NULL;
    }
    is_mux = qemu_opt_get_bool(opts, "mux", false, &local_err);
    if (local_err) {
        error_propagate(errp, local_err);
        return NULL;
    }
    base_label = is_mux ? g_strdup_printf("%s-base", opts->id) : g_strdup(opts->id);
    if (qemu_chr_find(opts->id) || qemu_chr_find(base_label)) {
        error_setg(errp, "Duplicate ID '%s' for chardev", opts->id);
        return NULL;
    }
    base = chr_open(driver, base_label, opts, context, errp);
    if (!base || !is_mux) {
        return base;
    }
    mux = qemu_chr_mux_new(opts->id, base, context, errp);
    if (!mux) {
        qemu_chr_delete(base);
        return NULL;
    }
    chardevs = g_list_append(chardevs, mux);
    return mux;
}

/*
 * Translates a legacy spec into options. "tcp:" and "unix:" may be followed
 * by ",key=value" options; "server", "nowait", "nodelay" are bare keys.
 */
static QemuOpts *parse_spec(const char *label, const char *spec, Error **errp)
{
    static const char *const simple[] = { "null", "stdio", "pty", NULL };
    QemuOpts *opts;
    const char *p, *comma;
    g_autofree char *first = NULL;

    if (g_str_has_prefix(spec, "mon:")) {
        opts = parse_spec(label, spec + 4, errp);
        if (opts) {
            qemu_opt_set(opts, "mux", "on");
            if (!strcmp(spec + 4, "stdio")) {
                /* Ctrl-C goes to the guest; Ctrl-A x quits. */
                qemu_opt_set(opts, "signal", "off");
            }
        }
        return opts;
    }
    for (int i = 0; simple[i]; i++) {
        if (!strcmp(spec, simple[i])) {
            opts = qemu_opts_parse("chardev", simple[i], "backend", errp);
            goto done;
        }
    }
    if ((p = g_str_has_prefix(spec, "file:") ? spec + 5 : NULL) ||
        (p = g_str_has_prefix(spec, "pipe:") ? spec + 5 : NULL)) {
        opts = qemu_opts_parse("chardev", spec[0] == 'f' ? "file" : "pipe",
                               "backend", errp);
        qemu_opt_set(opts, "path", p);
        goto done;
    }
    if (g_str_has_prefix(spec, "unix:") || g_str_has_prefix(spec, "tcp:")) {
        bool is_unix = spec[0] == 'u';

        p = spec + (is_unix ? 5 : 4);
        comma = strchr(p, ',');
        first = comma ? g_strndup(p, comma - p) : g_strdup(p);
        opts = qemu_opts_parse("chardev", comma ? comma + 1 : "", NULL, errp);
        if (!opts) {
            return NULL;
        }
        qemu_opt_set(opts, "backend", "socket");
        if (is_unix) {
            qemu_opt_set(opts, "path", first);
        } else {
            char *colon = strrchr(first, ':');

            if (!colon) {
                error_setg(errp, "chardev '%s': tcp address '%s' lacks ':PORT'",
                           label, first);
                qemu_opts_free(opts);
                return NULL;
            }
            *colon = 0;
            if (*first) {
                qemu_opt_set(opts, "host", first);
            }
            qemu_opt_set(opts, "port", colon + 1);
        }
        goto done;
    }
    {
        g_autofree char *name = g_strndup(spec, strcspn(spec, ":,"));

        error_setg(errp, "'%s' is not a valid char driver name", name);
        return NULL;
    }
done:
    if (opts) {
        g_free(opts->id);
        opts->id = g_strdup(label);
    }
    return opts;
}

Chardev *qemu_chr_new(const char *label, const char *spec, GMainContext *context,
                      Error **errp)
{
    g_autoptr(QemuOpts) opts = NULL;

    if (!strcmp(spec, "none")) {
        return NULL;
    }
    if (g_str_has_prefix(spec, "chardev:")) {
        /* An existing -chardev by its id (it may serve one front end). */
        Chardev *chr = qemu_chr_find(spec + 8);

        if (!chr) {
            error_setg(errp, "chardev '%s' not found", spec + 8);
        }
        return chr;
    }
    opts = parse_spec(label, spec, errp);
    if (!opts) {
        return NULL;
    }
    return qemu_chr_new_from_opts(opts, context, errp);
}

void qemu_chr_delete(Chardev *chr)
{
    chardevs = g_list_remove(chardevs, chr);
    if (chr->be) {
        chr->be->chr = NULL;
        chr->be = NULL;
    }
    qemu_chr_free(chr);
}

void qemu_chr_cleanup(void)
{
    /* Muxes first: they delete their own base chardevs. */
    while (chardevs) {
        Chardev *chr = g_list_last(chardevs)->data;

        qemu_chr_delete(chr);
    }
}

/* Back-end side. */

int qemu_chr_be_can_write(Chardev *s)
{
    CharBackend *be = s->be;

    if (!be || !be->chr_can_read || !be->chr_read) {
        return 0;
    }
    return be->chr_can_read(be->opaque);
}

void qemu_chr_be_write(Chardev *s, const uint8_t *buf, int len)
{
    CharBackend *be = s->be;

    if (be && be->chr_read && len > 0) {
        be->chr_read(be->opaque, buf, len);
    }
}

void qemu_chr_be_event(Chardev *s, QEMUChrEvent event)
{
    CharBackend *be = s->be;

    if (event == CHR_EVENT_OPENED) {
        if (s->be_open) {
            return;
        }
        s->be_open = true;
    } else if (event == CHR_EVENT_CLOSED) {
        if (!s->be_open) {
            return;
        }
        s->be_open = false;
    }
    if (be && be->chr_event) {
        be->chr_event(be->opaque, event);
    }
}

/* Front-end side. */

bool qemu_chr_fe_init(CharBackend *b, Chardev *s, Error **errp)
{
    memset(b, 0, sizeof(*b));
    if (!s) {
        return true;
    }
    if (s->driver->fe_attach) {
        if (!s->driver->fe_attach(s, b, errp)) {
            return false;
        }
    } else {
        if (s->be) {
            error_setg(errp, "Device '%s' is in use", s->label);
            return false;
        }
        s->be = b;
    }
    b->chr = s;
    return true;
}

void qemu_chr_fe_deinit(CharBackend *b, bool del)
{
    Chardev *s = b->chr;

    if (!s) {
        return;
    }
    qemu_chr_fe_set_handlers(b, NULL, NULL, NULL, NULL, NULL, s->context, false);
    if (s->driver->fe_detach) {
        s->driver->fe_detach(s, b);
    } else if (s->be == b) {
        s->be = NULL;
    }
    b->chr = NULL;
    if (del && !(qemu_chr_is_mux(s) && qemu_chr_mux_fe_count(s) > 0)) {
        qemu_chr_delete(s);
    }
}

void qemu_chr_fe_set_handlers(CharBackend *b, IOCanReadHandler *fd_can_read,
                              IOReadHandler *fd_read, IOEventHandler *fd_event,
                              void *be_change, void *opaque, GMainContext *context,
                              bool set_open)
{
    Chardev *s = b->chr;

    assert(!be_change);
    b->chr_can_read = fd_can_read;
    b->chr_read = fd_read;
    b->chr_event = fd_event;
    b->opaque = opaque;
    if (!s) {
        return;
    }
    b->fe_is_open = set_open || (fd_can_read || fd_read || fd_event);
    if (s->context != context) {
        s->context = context;
        qemu_chr_fd_update_read(s);
    }
    if (s->driver->handlers_changed) {
        s->driver->handlers_changed(s);
    }
    if (set_open && s->be_open && fd_event) {
        fd_event(opaque, CHR_EVENT_OPENED);
    }
}

int qemu_chr_fe_write(CharBackend *be, const uint8_t *buf, int len)
{
    Chardev *s = be->chr;

    if (!s) {
        return len;
    }
    if (s->driver->write) {
        return s->driver->write(s, buf, len);
    }
    return qemu_chr_fd_write(s, buf, len);
}

static void wait_writable(Chardev *s)
{
    if (s->driver->wait_writable) {
        s->driver->wait_writable(s);
    } else if (s->fd_out >= 0) {
        struct pollfd pfd = { .fd = s->fd_out, .events = POLLOUT };

        poll(&pfd, 1, -1);
    } else {
        g_usleep(1000);
    }
}

int qemu_chr_fe_write_all(CharBackend *be, const uint8_t *buf, int len)
{
    int done = 0;

    while (done < len) {
        int n = qemu_chr_fe_write(be, buf + done, len - done);

        if (n < 0) {
            return -1;
        }
        if (n == 0) {
            wait_writable(be->chr);
        }
        done += n;
    }
    return len;
}

typedef struct WatchClosure {
    FEWatchFunc func;
    void *user_data;
} WatchClosure;

static gboolean watch_trampoline(gint fd, GIOCondition cond, gpointer data)
{
    WatchClosure *wc = data;

    return wc->func(NULL, cond, wc->user_data);
}

guint qemu_chr_fe_add_watch(CharBackend *be, GIOCondition cond, FEWatchFunc func,
                            void *user_data)
{
    Chardev *s = be->chr;
    GSource *src = NULL;
    WatchClosure *wc;
    guint tag;

    if (!s) {
        return 0;
    }
    if (s->driver->add_watch) {
        src = s->driver->add_watch(s, cond);
    } else if (s->fd_out >= 0) {
        src = g_unix_fd_source_new(s->fd_out, cond);
    }
    if (!src) {
        return 0;
    }
    wc = g_new(WatchClosure, 1);
    wc->func = func;
    wc->user_data = user_data;
    g_source_set_callback(src, G_SOURCE_FUNC(watch_trampoline), wc, g_free);
    tag = g_source_attach(src, s->context);
    g_source_unref(src);
    return tag;
}

void qemu_chr_fe_accept_input(CharBackend *be)
{
    Chardev *s = be->chr;

    if (!s) {
        return;
    }
    if (s->driver->accept_input) {
        s->driver->accept_input(s);
    }
    /* Let the read sources re-run prepare() and see the new can_read. */
    g_main_context_wakeup(s->context);
}

bool qemu_chr_fe_backend_connected(CharBackend *be)
{
    return be->chr != NULL;
}

bool qemu_chr_fe_backend_open(CharBackend *be)
{
    return be->chr && be->chr->be_open;
}

Chardev *qemu_chr_fe_get_driver(CharBackend *be)
{
    return be->chr;
}

int qemu_chr_fe_get_msgfd(CharBackend *be)
{
    int fd;

    if (!be->chr) {
        return -1;
    }
    fd = be->chr->msgfd;
    be->chr->msgfd = -1;
    return fd;
}

void qemu_chr_fe_printf(CharBackend *be, const char *fmt, ...)
{
    va_list ap;
    g_autofree char *s = NULL;

    va_start(ap, fmt);
    s = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    qemu_chr_fe_write_all(be, (const uint8_t *)s, strlen(s));
}
