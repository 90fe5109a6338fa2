/*
 * Descriptors passed to the monitor (getfd/closefd): a client of a unix
 * socket monitor sends a descriptor with a command (SCM_RIGHTS), getfd
 * gives it a name, and a command that takes "fd:NAME" (migrate) takes it
 * from the table. The table is global, not per monitor: a name given on
 * one monitor can be used from another.
 */
#include "qemu/osdep.h"
#include "monitor/commands.h"
#include "monitor-internal.h"

static GHashTable *named_fds;   /* name -> fd (GINT_TO_POINTER) */

static void close_fd(gpointer p)
{
    close(GPOINTER_TO_INT(p));
}

bool qmp_getfd(Monitor *mon, const char *fdname, Error **errp)
{
    int fd;

    if (g_ascii_isdigit(fdname[0])) {
        error_setg(errp, "Parameter 'fdname' expects a name not starting with a digit");
        return false;
    }
    fd = qemu_chr_fe_get_msgfd(&mon->chr);
    if (fd < 0) {
        error_setg(errp, "No file descriptor supplied via SCM_RIGHTS");
        return false;
    }
    if (!named_fds) {
        named_fds = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, close_fd);
    }
    /* A name given again gets the new descriptor; the old one is closed. */
    g_hash_table_replace(named_fds, g_strdup(fdname), GINT_TO_POINTER(fd));
    return true;
}

bool qmp_closefd(const char *fdname, Error **errp)
{
    if (!named_fds || !g_hash_table_remove(named_fds, fdname)) {
        error_setg(errp, "File descriptor named '%s' not found", fdname);
        return false;
    }
    return true;
}

int monitor_fd_take(const char *fdname, Error **errp)
{
    gpointer key, value;

    if (!named_fds || !g_hash_table_steal_extended(named_fds, fdname, &key, &value)) {
        error_setg(errp, "File descriptor named '%s' has not been found", fdname);
        return -1;
    }
    g_free(key);
    return GPOINTER_TO_INT(value);
}

void monitor_fds_cleanup(void)
{
    if (named_fds) {
        g_hash_table_destroy(named_fds);
        named_fds = NULL;
    }
}
