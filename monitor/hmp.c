/*
 * HMP: line input from a chardev front end, a command table, replies
 * written back to the same chardev.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "chardev/char-fe.h"
#include "monitor/monitor.h"
#include "system/runstate.h"

#define MONITOR_LINE_MAX 4096

struct Monitor {
    CharBackend chr;
    GString *line;
    bool banner_shown;
    bool skip_lf;       /* a CR ended the last line: ignore a following LF */
};

static GPtrArray *monitors;

void monitor_printf(Monitor *mon, const char *fmt, ...)
{
    va_list ap;
    g_autofree char *s = NULL;
    GString *out;

    va_start(ap, fmt);
    s = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    /* Terminals in raw mode need CR LF. */
    out = g_string_new(NULL);
    for (const char *p = s; *p; p++) {
        if (*p == '\n') {
            g_string_append_c(out, '\r');
        }
        g_string_append_c(out, *p);
    }
    qemu_chr_fe_write_all(&mon->chr, (const uint8_t *)out->str, out->len);
    g_string_free(out, TRUE);
}

static void monitor_error_printer(void *opaque, const char *msg)
{
    monitor_printf(opaque, "%s", msg);
}

/* ---- commands ---- */

static void print_table_help(Monitor *mon, const HMPCommand *table,
                             const char *prefix)
{
    for (const HMPCommand *c = table; c->name; c++) {
        monitor_printf(mon, "%s%s%s%s -- %s\n", prefix, c->name,
                       c->params && *c->params ? " " : "",
                       c->params ? c->params : "", c->help);
    }
}

static void hmp_help(Monitor *mon, const char *args)
{
    if (*args && !strcmp(args, "info")) {
        print_table_help(mon, hmp_info_cmds, "info ");
        return;
    }
    print_table_help(mon, hmp_cmds, "");
}

static void hmp_info_status(Monitor *mon, const char *args)
{
    RunState s = runstate_get();

    if (s == RUN_STATE_RUNNING) {
        monitor_printf(mon, "VM status: running\n");
    } else if (s == RUN_STATE_PAUSED) {
        monitor_printf(mon, "VM status: paused\n");
    } else {
        monitor_printf(mon, "VM status: paused (%s)\n", runstate_name(s));
    }
}

static void hmp_info_version(Monitor *mon, const char *args)
{
    monitor_printf(mon, "0.1.0\n");
}

static void hmp_stop(Monitor *mon, const char *args)
{
    vm_stop(RUN_STATE_PAUSED);
}

static void hmp_cont(Monitor *mon, const char *args)
{
    if (runstate_check(RUN_STATE_SHUTDOWN) ||
        runstate_check(RUN_STATE_INTERNAL_ERROR)) {
        monitor_printf(mon, "Resetting the Virtual Machine is required\n");
        return;
    }
    if (runstate_check(RUN_STATE_INMIGRATE)) {
        monitor_printf(mon, "Migration is not finalized yet\n");
        return;
    }
    vm_start();
}

static void hmp_quit(Monitor *mon, const char *args)
{
    qemu_system_shutdown_request(SHUTDOWN_CAUSE_HOST_QMP_QUIT);
}

static void hmp_system_reset(Monitor *mon, const char *args)
{
    qemu_system_reset_request(SHUTDOWN_CAUSE_HOST_QMP_SYSTEM_RESET);
}

static void hmp_info(Monitor *mon, const char *args);

const HMPCommand hmp_info_cmds[] = {
    { "status", "", "show the current VM status (running|paused)", hmp_info_status },
    { "version", "", "show the version of Ferry", hmp_info_version },
    { NULL }
};

const HMPCommand hmp_cmds[] = {
    { "help", "[cmd]", "show the help", hmp_help },
    { "info", "[subcommand]", "show various information about the system state",
      hmp_info, hmp_info_cmds },
    { "stop", "", "stop emulation", hmp_stop },
    { "cont", "", "resume emulation", hmp_cont },
    { "quit", "", "quit the emulator", hmp_quit },
    { "system_reset", "", "reset the system", hmp_system_reset },
    { NULL }
};

static const HMPCommand *find_cmd(const HMPCommand *table, const char *name)
{
    for (const HMPCommand *c = table; c->name; c++) {
        if (!strcmp(c->name, name)) {
            return c;
        }
    }
    return NULL;
}

/* Splits "word rest" into WORD (allocated) and a pointer to REST. */
static char *split_word(const char *line, const char **rest)
{
    const char *p = line, *start;

    while (*p == ' ' || *p == '\t') {
        p++;
    }
    start = p;
    while (*p && *p != ' ' && *p != '\t') {
        p++;
    }
    *rest = p;
    while (**rest == ' ' || **rest == '\t') {
        (*rest)++;
    }
    return g_strndup(start, p - start);
}

static void hmp_info(Monitor *mon, const char *args)
{
    const char *rest;
    g_autofree char *name = split_word(args, &rest);
    const HMPCommand *c;

    if (!*name) {
        print_table_help(mon, hmp_info_cmds, "info ");
        return;
    }
    c = find_cmd(hmp_info_cmds, name);
    if (!c) {
        monitor_printf(mon, "unknown command: 'info %s'\n", name);
        return;
    }
    c->cmd(mon, rest);
}

void monitor_handle_command(Monitor *mon, const char *line)
{
    const char *rest;
    g_autofree char *name = split_word(line, &rest);
    g_autofree char *args = NULL;
    const HMPCommand *c;

    if (!*name) {
        return;
    }
    c = find_cmd(hmp_cmds, name);
    if (!c) {
        monitor_printf(mon, "unknown command: '%s'\n", name);
        return;
    }
    args = g_strchomp(g_strdup(rest));
    error_set_printer(monitor_error_printer, mon);
    c->cmd(mon, args);
    error_set_printer(NULL, NULL);
}

/* ---- input ---- */

static int monitor_can_read(void *opaque)
{
    return 256;
}

static void monitor_read(void *opaque, const uint8_t *buf, int size)
{
    Monitor *mon = opaque;

    for (int i = 0; i < size; i++) {
        uint8_t ch = buf[i];

        if (ch == '\n' && mon->skip_lf) {
            mon->skip_lf = false;
            continue;
        }
        mon->skip_lf = ch == '\r';
        if (ch == '\r' || ch == '\n') {
            g_autofree char *line = g_strdup(mon->line->str);

            monitor_printf(mon, "\n");
            g_string_truncate(mon->line, 0);
            monitor_handle_command(mon, line);
            if (qemu_shutdown_requested_get() == SHUTDOWN_CAUSE_NONE) {
                monitor_printf(mon, MONITOR_PROMPT);
            }
        } else if (ch == 0x7f || ch == '\b') {
            if (mon->line->len) {
                g_string_truncate(mon->line, mon->line->len - 1);
                monitor_printf(mon, "\b \b");
            }
        } else if (ch >= 0x20 && mon->line->len < MONITOR_LINE_MAX) {
            g_string_append_c(mon->line, ch);
            qemu_chr_fe_write_all(&mon->chr, &ch, 1);     /* echo */
        }
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
    monitor_printf(mon, MONITOR_PROMPT);
}

Monitor *monitor_init_hmp(Chardev *chr, Error **errp)
{
    Monitor *mon = g_new0(Monitor, 1);

    if (!qemu_chr_fe_init(&mon->chr, chr, errp)) {
        g_free(mon);
        return NULL;
    }
    mon->line = g_string_new(NULL);
    if (!monitors) {
        monitors = g_ptr_array_new();
    }
    g_ptr_array_add(monitors, mon);
    qemu_chr_fe_set_handlers(&mon->chr, monitor_can_read, monitor_read,
                             monitor_event, NULL, mon, NULL, true);
    return mon;
}

void monitor_cleanup(void)
{
    if (!monitors) {
        return;
    }
    for (guint i = 0; i < monitors->len; i++) {
        Monitor *mon = g_ptr_array_index(monitors, i);

        qemu_chr_fe_deinit(&mon->chr, false);
        g_string_free(mon->line, TRUE);
        g_free(mon);
    }
    g_ptr_array_free(monitors, TRUE);
    monitors = NULL;
}
