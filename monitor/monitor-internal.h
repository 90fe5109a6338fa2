/*
 * The Monitor object shared by the HMP and QMP front ends (monitor/ only).
 */
#ifndef MONITOR_INTERNAL_H
#define MONITOR_INTERNAL_H

#include "chardev/char-fe.h"
#include "monitor/monitor.h"
#include "monitor/qmp.h"
#include "monitor/readline.h"

struct Monitor {
    CharBackend chr;
    bool is_qmp;
    /* In-memory monitor (human-monitor-command): output is collected here. */
    GString *outbuf;

    /* HMP */
    ReadLineState *rs;
    bool banner_shown;

    /* QMP */
    QmpStream stream;
    bool pretty;
    bool negotiated;    /* qmp_capabilities done for the current client */
    bool oob;           /* the client enabled "oob" */
};

/* Every monitor on a chardev (HMP and QMP), in creation order. */
extern GPtrArray *monitor_list;
void monitor_register(Monitor *mon);
/* Writes LEN raw bytes to the monitor's chardev or its outbuf. */
void monitor_write(Monitor *mon, const char *buf, size_t len);
void monitor_free(Monitor *mon);

/* qmp-cmds.c: the QMP command table. */
typedef enum QmpArgType {
    QMP_TYPE_STR,
    QMP_TYPE_INT,
    QMP_TYPE_BOOL,
    QMP_TYPE_ARRAY,
    QMP_TYPE_OBJECT,
    QMP_TYPE_ANY,
} QmpArgType;

typedef struct QmpArg {
    const char *name;
    QmpArgType type;
    bool optional;
} QmpArg;

/*
 * ARGS: the request's arguments (never NULL; already checked against the
 * schema). Returns the "return" value (a new node) or NULL with ERRP set.
 */
typedef JsonNode *QmpHandler(Monitor *mon, JsonObject *args, Error **errp);

typedef struct QmpCommand {
    const char *name;
    const QmpArg *args;     /* { NULL }-terminated */
    QmpHandler *fn;
} QmpCommand;

extern const QmpCommand qmp_commands[];
const QmpCommand *qmp_find_command(const char *name);
/* Checks ARGS against CMD's schema: types, missing and unexpected members. */
bool qmp_check_args(const QmpCommand *cmd, JsonObject *args, Error **errp);

/* qmp.c */
void monitor_qmp_free(Monitor *mon);
void monitor_qmp_events_init(void);

/* hmp.c */
void monitor_hmp_free(Monitor *mon);
const HMPCommand *hmp_find_cmd(const HMPCommand *table, const char *name);
/* Splits "word rest" into WORD (allocated) and a pointer to REST;
 * "x/4xw" splits before the '/'. */
char *hmp_split_word(const char *line, const char **rest);

#endif
