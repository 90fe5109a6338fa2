/*
 * The Monitor object, and the HMP front end: readline input from a chardev,
 * dispatch through the command tables (monitor/hmp-cmds.c), replies written
 * back to the same chardev -- or into a buffer for human-monitor-command.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "monitor/commands.h"
#include "monitor-internal.h"
#include "system/runstate.h"

GPtrArray *monitor_list;

void monitor_register(Monitor *mon)
{
    if (!monitor_list) {
        monitor_list = g_ptr_array_new();
    }
    g_ptr_array_add(monitor_list, mon);
}

bool monitor_is_qmp(const Monitor *mon)
{
    return mon->is_qmp;
}

void monitor_write(Monitor *mon, const char *buf, size_t len)
{
    /* One writer at a time: QMP events may come from the migration thread. */
    static GMutex lock;

    g_mutex_lock(&lock);
    if (mon->outbuf) {
        g_string_append_len(mon->outbuf, buf, len);
    } else {
        qemu_chr_fe_write_all(&mon->chr, (const uint8_t *)buf, len);
    }
    g_mutex_unlock(&lock);
}

void monitor_printf(Monitor *mon, const char *fmt, ...)
{
    va_list ap;
    g_autofree char *s = NULL;
    g_autoptr(GString) out = g_string_new(NULL);

    va_start(ap, fmt);
    s = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    /* Terminals in raw mode need CR LF. */
    for (const char *p = s; *p; p++) {
        if (*p == '\n') {
            g_string_append_c(out, '\r');
        }
        g_string_append_c(out, *p);
    }
    monitor_write(mon, out->str, out->len);
}

static void monitor_error_printer(void *opaque, const char *msg)
{
    monitor_printf(opaque, "%s", msg);
}

const HMPCommand *hmp_find_cmd(const HMPCommand *table, const char *name)
{
    for (const HMPCommand *c = table; c->name; c++) {
        if (!strcmp(c->name, name)) {
            return c;
        }
    }
    return NULL;
}

char *hmp_split_word(const char *line, const char **rest)
{
    const char *p = line, *start;

    while (*p == ' ' || *p == '\t') {
        p++;
    }
    start = p;
    /* "x/4xw" is the command "x" with the format "/4xw". */
    while (*p && *p != ' ' && *p != '\t' && !(*p == '/' && p > start)) {
        p++;
    }
    *rest = p;
    while (**rest == ' ' || **rest == '\t') {
        (*rest)++;
    }
    return g_strndup(start, p - start);
}

void monitor_handle_command(Monitor *mon, const char *line)
{
    const char *rest;
    g_autofree char *name = hmp_split_word(line, &rest);
    g_autofree char *args = NULL;
    const HMPCommand *c;

    if (!*name) {
        return;
    }
    c = hmp_find_cmd(hmp_cmds, name);
    if (!c) {
        monitor_printf(mon, "unknown command: '%s'\n", name);
        return;
    }
    args = g_strchomp(g_strdup(rest));
    error_set_printer(monitor_error_printer, mon);
    c->cmd(mon, args);
    error_set_printer(NULL, NULL);
}

/* ---- readline glue ---- */

static void hmp_rl_out(void *opaque, const char *buf, size_t len)
{
    monitor_write(opaque, buf, len);
}

static void hmp_rl_line(void *opaque, const char *line)
{
    Monitor *mon = opaque;

    monitor_handle_command(mon, line);
    if (qemu_shutdown_requested_get() == SHUTDOWN_CAUSE_NONE) {
        readline_show_prompt(mon->rs);
    }
}

static void hmp_rl_complete(void *opaque, const char *prefix, GPtrArray *out)
{
    for (const HMPCommand *c = hmp_cmds; c->name; c++) {
        if (g_str_has_prefix(c->name, prefix)) {
            g_ptr_array_add(out, g_strdup(c->name));
        }
    }
}

static int monitor_can_read(void *opaque)
{
    return 256;
}

static void monitor_read(void *opaque, const uint8_t *buf, int size)
{
    Monitor *mon = opaque;

    for (int i = 0; i < size; i++) {
        readline_handle_byte(mon->rs, buf[i]);
    }
}

static void monitor_event(void *opaque, QEMUChrEvent event)
{
    Monitor *mon = opaque;

    if (event != CHR_EVENT_OPENED && event != CHR_EVENT_MUX_IN) {
        return;
    }
    if (!mon->banner_shown) {
        monitor_printf(mon, MONITOR_BANNER "\n");
        mon->banner_shown = true;
    }
    readline_show_prompt(mon->rs);
}

static Monitor *monitor_hmp_new(void)
{
    Monitor *mon = g_new0(Monitor, 1);

    mon->rs = readline_new(hmp_rl_out, hmp_rl_line, hmp_rl_complete, mon);
    readline_set_prompt(mon->rs, MONITOR_PROMPT);
    return mon;
}

void monitor_hmp_free(Monitor *mon)
{
    readline_free(mon->rs);
}

Monitor *monitor_init_hmp(Chardev *chr, Error **errp)
{
    Monitor *mon = monitor_hmp_new();

    if (!qemu_chr_fe_init(&mon->chr, chr, errp)) {
        monitor_free(mon);
        return NULL;
    }
    monitor_register(mon);
    qemu_chr_fe_set_handlers(&mon->chr, monitor_can_read, monitor_read,
                             monitor_event, NULL, mon, NULL, true);
    return mon;
}

char *monitor_hmp_capture(const char *cmdline)
{
    Monitor *mon = monitor_hmp_new();
    char *out;

    mon->outbuf = g_string_new(NULL);
    monitor_handle_command(mon, cmdline);
    out = g_string_free(mon->outbuf, FALSE);
    mon->outbuf = NULL;
    monitor_free(mon);
    return out;
}

char *qmp_human_monitor_command(const char *cmdline, Error **errp)
{
    return monitor_hmp_capture(cmdline);
}

void monitor_free(Monitor *mon)
{
    if (mon->is_qmp) {
        monitor_qmp_free(mon);
    } else {
        monitor_hmp_free(mon);
    }
    if (mon->outbuf) {
        g_string_free(mon->outbuf, TRUE);
    }
    g_free(mon);
}

void monitor_cleanup(void)
{
    if (!monitor_list) {
        return;
    }
    runstate_set_event_hooks(NULL);
    monitor_fds_cleanup();
    for (guint i = 0; i < monitor_list->len; i++) {
        Monitor *mon = g_ptr_array_index(monitor_list, i);

        qemu_chr_fe_deinit(&mon->chr, false);
        monitor_free(mon);
    }
    g_ptr_array_free(monitor_list, TRUE);
    monitor_list = NULL;
}
