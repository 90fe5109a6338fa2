/*
 * Main loop on GLib's default context: see include/qemu/main-loop.h.
 */
#include "qemu/osdep.h"
#include "qemu/main-loop.h"
#include "qemu/timer.h"

#include <glib-unix.h>
#include <signal.h>

static GMutex bql;
static __thread bool bql_held;
static bool main_loop_ready;

void bql_lock(void)
{
    assert(!bql_held);
    g_mutex_lock(&bql);
    bql_held = true;
}

void bql_unlock(void)
{
    assert(bql_held);
    bql_held = false;
    g_mutex_unlock(&bql);
}

bool bql_locked(void)
{
    return bql_held;
}

void bql_cond_wait(GCond *cond)
{
    assert(bql_held);
    bql_held = false;
    g_cond_wait(cond, &bql);
    bql_held = true;
}

void qemu_notify_event(void)
{
    g_main_context_wakeup(NULL);
}

/* ns -> GLib's ms timeout, rounded up so that we never wake too early. */
static gint timeout_ms(int64_t ns)
{
    if (ns < 0) {
        return -1;
    }
    return (gint)MIN(DIV_ROUND_UP(ns, SCALE_MS), G_MAXINT);
}

static gboolean timer_source_prepare(GSource *source, gint *timeout)
{
    int64_t ns = qemu_timers_poll_timeout_ns();

    *timeout = timeout_ms(ns);
    return ns == 0;
}

static gboolean timer_source_check(GSource *source)
{
    return qemu_timers_poll_timeout_ns() == 0;
}

static gboolean timer_source_dispatch(GSource *source, GSourceFunc cb, gpointer data)
{
    qemu_clock_run_all_timers();
    return G_SOURCE_CONTINUE;
}

static GSourceFuncs timer_source_funcs = {
    .prepare = timer_source_prepare,
    .check = timer_source_check,
    .dispatch = timer_source_dispatch,
};

/* Drops the BQL (when this thread holds it) for the duration of the poll. */
static gint poll_without_bql(GPollFD *fds, guint nfds, gint timeout)
{
    bool locked = bql_locked();
    gint r;

    if (locked) {
        bql_unlock();
    }
    r = g_poll(fds, nfds, timeout);
    if (locked) {
        bql_lock();
    }
    return r;
}

bool qemu_init_main_loop(Error **errp)
{
    GSource *src;

    if (main_loop_ready) {
        return true;
    }
    signal(SIGPIPE, SIG_IGN);
    src = g_source_new(&timer_source_funcs, sizeof(GSource));
    g_source_set_name(src, "ferry-timers");
    g_source_attach(src, NULL);
    g_source_unref(src);
    g_main_context_set_poll_func(g_main_context_default(), poll_without_bql);
    qemu_timers_set_notify(qemu_notify_event);
    main_loop_ready = true;
    return true;
}

void main_loop_wait(bool nonblocking)
{
    g_main_context_iteration(NULL, !nonblocking);
    /* Timers that expired while other sources were dispatched. */
    qemu_clock_run_all_timers();
}

typedef struct FdHandler {
    GSource *source;
    IOHandler *fd_read;
    IOHandler *fd_write;
    void *opaque;
} FdHandler;

static GHashTable *fd_handlers;     /* fd -> FdHandler */

static gboolean fd_handler_dispatch(gint fd, GIOCondition cond, gpointer data)
{
    FdHandler fh = *(FdHandler *)data;  /* a handler may remove itself */

    if ((cond & (G_IO_IN | G_IO_HUP | G_IO_ERR)) && fh.fd_read) {
        fh.fd_read(fh.opaque);
        if (g_hash_table_lookup(fd_handlers, GINT_TO_POINTER(fd)) != data) {
            return G_SOURCE_CONTINUE;   /* removed or replaced meanwhile */
        }
    }
    if ((cond & G_IO_OUT) && fh.fd_write) {
        fh.fd_write(fh.opaque);
    }
    return G_SOURCE_CONTINUE;
}

static void fd_handler_free(gpointer p)
{
    FdHandler *fh = p;

    g_source_destroy(fh->source);
    g_source_unref(fh->source);
    g_free(fh);
}

void qemu_set_fd_handler(int fd, IOHandler *fd_read, IOHandler *fd_write,
                         void *opaque)
{
    GIOCondition cond = 0;
    FdHandler *fh;

    if (!fd_handlers) {
        fd_handlers = g_hash_table_new_full(NULL, NULL, NULL, fd_handler_free);
    }
    g_hash_table_remove(fd_handlers, GINT_TO_POINTER(fd));
    if (!fd_read && !fd_write) {
        return;
    }
    if (fd_read) {
        cond |= G_IO_IN | G_IO_HUP | G_IO_ERR;
    }
    if (fd_write) {
        cond |= G_IO_OUT;
    }
    fh = g_new0(FdHandler, 1);
    fh->fd_read = fd_read;
    fh->fd_write = fd_write;
    fh->opaque = opaque;
    fh->source = g_unix_fd_source_new(fd, cond);
    g_source_set_callback(fh->source, G_SOURCE_FUNC(fd_handler_dispatch), fh, NULL);
    g_source_attach(fh->source, NULL);
    g_hash_table_insert(fd_handlers, GINT_TO_POINTER(fd), fh);
}
