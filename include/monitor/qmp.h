/*
 * QMP: the JSON machine protocol. Framing (splitting a byte stream into
 * messages), request parsing, events.
 *
 * The parsing functions take no global state so that a fuzzer can call them
 * directly (tests/fuzz/fuzz-qmp.c).
 */
#ifndef MONITOR_QMP_H
#define MONITOR_QMP_H

#include "qemu/osdep.h"
#include "qapi/error.h"
#include <json-glib/json-glib.h>

/* Input without a complete message beyond this many bytes is dropped. */
#define QMP_INPUT_MAX (1024 * 1024)

/*
 * Splits a byte stream into top-level JSON texts. Only brackets and strings
 * are tracked (a text ends when its outermost '{' or '[' closes); anything
 * else at the top level is collected up to the next newline and delivered as
 * one (malformed) text, so that the peer gets an error for it.
 */
typedef struct QmpStream {
    GString *buf;
    size_t max;
    int depth;
    bool in_string;
    bool escape;
    bool bare;          /* collecting top-level junk up to a newline */
} QmpStream;

/* TEXT/LEN: one message (not NUL-terminated in general); OVERFLOW: the
 * buffer passed s->max and was dropped (TEXT is NULL). */
typedef void QmpStreamFunc(void *opaque, const char *text, size_t len,
                           bool overflow);

void qmp_stream_init(QmpStream *s, size_t max);
void qmp_stream_reset(QmpStream *s);
void qmp_stream_destroy(QmpStream *s);
void qmp_stream_feed(QmpStream *s, const char *data, size_t len,
                     QmpStreamFunc *fn, void *opaque);

typedef struct QmpRequest {
    char *command;          /* "execute" or "exec-oob" value */
    bool oob;
    JsonObject *args;       /* a reference, or NULL: no arguments */
    JsonNode *id;           /* a copy, or NULL */
} QmpRequest;

/*
 * Parses one request. On failure sets ERRP (GenericError) and still fills
 * REQ->id when the text was an object with an "id", so the error can echo
 * it. Call qmp_request_clear() in both cases.
 */
bool qmp_parse_request(const char *buf, size_t len, QmpRequest *req,
                       Error **errp);
void qmp_request_clear(QmpRequest *req);

/*
 * Sends event NAME to every negotiated QMP monitor, with a timestamp.
 * DATA: a JSON object node or NULL (no "data" member); ownership is taken.
 */
void qapi_event_emit(const char *name, JsonNode *data);

/* The text of a node ("{...}"); g_free it. */
char *qmp_to_json(JsonNode *node, bool pretty);

#endif
