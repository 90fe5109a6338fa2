/*
 * The human monitor (HMP): a table of commands served on a chardev.
 *
 * Served on any chardev ("-monitor DEV", "-mon chardev=ID", the "mon:"
 * multiplexer) with readline editing (monitor/readline.c). The QMP monitor
 * (include/monitor/qmp.h) shares the Monitor object; both call the command
 * implementations declared in include/monitor/commands.h.
 */
#ifndef MONITOR_MONITOR_H
#define MONITOR_MONITOR_H

#include "qemu/osdep.h"
#include "qapi/error.h"
#include "chardev/char.h"

typedef struct Monitor Monitor;

typedef struct HMPCommand {
    const char *name;           /* "info", "stop" */
    const char *params;         /* for help: "[tag]", "" */
    const char *help;           /* one line */
    /* ARGS: the rest of the line after the name, leading spaces removed. */
    void (*cmd)(Monitor *mon, const char *args);
    const struct HMPCommand *sub_table; /* "info": the sub-commands */
} HMPCommand;

/* The top-level command table and the "info" table ({ NULL }-terminated). */
extern const HMPCommand hmp_cmds[];
extern const HMPCommand hmp_info_cmds[];

/*
 * Starts an HMP monitor on CHR (attaching a front end; CHR may be a mux).
 * The banner and first prompt appear when the chardev opens or the mux
 * gives the monitor the focus.
 */
Monitor *monitor_init_hmp(Chardev *chr, Error **errp);
void monitor_printf(Monitor *mon, const char *fmt, ...) QEMU_PRINTF(2, 3);
/* Runs one command line as if typed (no echo, no prompt). */
void monitor_handle_command(Monitor *mon, const char *line);
/*
 * Starts a QMP monitor on CHR. The greeting is sent each time the chardev
 * opens (a new client); a client that goes away leaves the monitor waiting,
 * un-negotiated, for the next. PRETTY: indented replies.
 */
Monitor *monitor_init_qmp(Chardev *chr, bool pretty, Error **errp);
/* True for a QMP monitor. */
bool monitor_is_qmp(const Monitor *mon);
/*
 * Runs one HMP command line on a fresh in-memory monitor and returns what
 * it printed (lines end in "\r\n", as on a terminal); g_free the result.
 */
char *monitor_hmp_capture(const char *cmdline);
/* Detaches and frees every monitor (before qemu_chr_cleanup). */
void monitor_cleanup(void);

/*
 * The descriptor getfd named FDNAME, now the caller's (the name is gone);
 * -1 with ERRP set if there is none.
 */
int monitor_fd_take(const char *fdname, Error **errp);
/* Closes every named descriptor (monitor_cleanup). */
void monitor_fds_cleanup(void);

#define MONITOR_BANNER "Ferry " "0.1.0" " monitor - type 'help' for more information"
#define MONITOR_PROMPT "(qemu) "

#endif
