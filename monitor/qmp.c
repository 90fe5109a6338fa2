/*
 * The QMP front end: framing, request parsing, the session state machine
 * (greeting, capabilities negotiation, commands) and events.
 *
 * All JSON is parsed and generated with json-glib; the stream splitter below
 * only finds where one top-level text ends.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "monitor/commands.h"
#include "monitor-internal.h"
#include "system/runstate.h"

/* Deeper nesting is refused before json-glib's recursive parser sees it. */
#define QMP_NESTING_MAX 1024

/* ---- framing ---- */

void qmp_stream_init(QmpStream *s, size_t max)
{
    memset(s, 0, sizeof(*s));
    s->buf = g_string_new(NULL);
    s->max = max;
}

void qmp_stream_reset(QmpStream *s)
{
    g_string_truncate(s->buf, 0);
    s->depth = 0;
    s->in_string = s->escape = s->bare = false;
}

void qmp_stream_destroy(QmpStream *s)
{
    if (s->buf) {
        g_string_free(s->buf, TRUE);
        s->buf = NULL;
    }
}

static void stream_deliver(QmpStream *s, QmpStreamFunc *fn, void *opaque)
{
    g_autofree char *text = g_strndup(s->buf->str, s->buf->len);
    size_t len = s->buf->len;

    qmp_stream_reset(s);
    fn(opaque, text, len, false);
}

void qmp_stream_feed(QmpStream *s, const char *data, size_t len,
                     QmpStreamFunc *fn, void *opaque)
{
    for (size_t i = 0; i < len; i++) {
        char c = data[i];

        if (s->bare) {
            /* Top-level junk: deliver it whole at the end of its line. */
            if (c == '\n') {
                stream_deliver(s, fn, opaque);
                continue;
            }
            g_string_append_c(s->buf, c);
        } else if (s->depth == 0) {
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                continue;
            }
            g_string_append_c(s->buf, c);
            if (c == '{' || c == '[') {
                s->depth = 1;
            } else {
                s->bare = true;
            }
        } else {
            g_string_append_c(s->buf, c);
            if (s->in_string) {
                if ((unsigned char)c < 0x20) {
                    /* Raw control characters are invalid in a JSON string:
                     * end the text here so the peer hears about it now. */
                    stream_deliver(s, fn, opaque);
                    continue;
                }
                if (s->escape) {
                    s->escape = false;
                } else if (c == '\\') {
                    s->escape = true;
                } else if (c == '"') {
                    s->in_string = false;
                }
            } else if (c == '"') {
                s->in_string = true;
            } else if (c == '{' || c == '[') {
                s->depth++;
            } else if (c == '}' || c == ']') {
                if (--s->depth == 0) {
                    stream_deliver(s, fn, opaque);
                    continue;
                }
            }
        }
        if (s->buf->len > s->max) {
            qmp_stream_reset(s);
            fn(opaque, NULL, 0, true);
        }
    }
}

/* ---- requests ---- */

void qmp_request_clear(QmpRequest *req)
{
    g_clear_pointer(&req->command, g_free);
    g_clear_pointer(&req->args, json_object_unref);
    g_clear_pointer(&req->id, json_node_unref);
    req->oob = false;
}

static bool nesting_ok(const char *buf, size_t len)
{
    int depth = 0;
    bool in_string = false, escape = false;

    for (size_t i = 0; i < len; i++) {
        char c = buf[i];

        if (in_string) {
            if (escape) {
                escape = false;
            } else if (c == '\\') {
                escape = true;
            } else if (c == '"') {
                in_string = false;
            }
        } else if (c == '"') {
            in_string = true;
        } else if (c == '{' || c == '[') {
            if (++depth > QMP_NESTING_MAX) {
                return false;
            }
        } else if (c == '}' || c == ']') {
            depth--;
        }
    }
    return true;
}

bool qmp_parse_request(const char *buf, size_t len, QmpRequest *req, Error **errp)
{
    g_autoptr(JsonParser) parser = NULL;
    g_autoptr(GError) gerr = NULL;
    g_autoptr(GList) members = NULL;
    JsonObject *obj;
    JsonNode *root, *exec, *oob, *args;

    memset(req, 0, sizeof(*req));
    if (len > G_MAXSSIZE || memchr(buf, '\0', len)) {
        error_setg(errp, "JSON parse error, invalid character in input");
        return false;
    }
    if (!nesting_ok(buf, len)) {
        error_setg(errp, "JSON parse error, nesting deeper than %d levels",
                   QMP_NESTING_MAX);
        return false;
    }
    parser = json_parser_new_immutable();
    if (!json_parser_load_from_data(parser, buf, len, &gerr)) {
        error_setg(errp, "JSON parse error, %s", gerr->message);
        return false;
    }
    root = json_parser_get_root(parser);
    if (!root || !JSON_NODE_HOLDS_OBJECT(root)) {
        error_setg(errp, "QMP input must be a JSON object");
        return false;
    }
    obj = json_node_get_object(root);
    if (json_object_has_member(obj, "id")) {
        req->id = json_node_copy(json_object_get_member(obj, "id"));
    }
    members = json_object_get_members(obj);
    for (GList *l = members; l; l = l->next) {
        const char *key = l->data;

        if (strcmp(key, "execute") && strcmp(key, "exec-oob") &&
            strcmp(key, "arguments") && strcmp(key, "id")) {
            error_setg(errp, "QMP input member '%s' is unexpected", key);
            return false;
        }
    }
    exec = json_object_get_member(obj, "execute");
    oob = json_object_get_member(obj, "exec-oob");
    if (exec && oob) {
        error_setg(errp, "QMP input member 'exec-oob' is unexpected "
                   "together with 'execute'");
        return false;
    }
    if (!exec && !oob) {
        error_setg(errp, "QMP input lacks member 'execute'");
        return false;
    }
    if (exec ? !JSON_NODE_HOLDS_VALUE(exec) ||
               json_node_get_value_type(exec) != G_TYPE_STRING
             : !JSON_NODE_HOLDS_VALUE(oob) ||
               json_node_get_value_type(oob) != G_TYPE_STRING) {
        error_setg(errp, "QMP input member '%s' must be a string",
                   exec ? "execute" : "exec-oob");
        return false;
    }
    args = json_object_get_member(obj, "arguments");
    if (args && !JSON_NODE_HOLDS_OBJECT(args)) {
        error_setg(errp, "QMP input member 'arguments' must be an object");
        return false;
    }
    req->command = g_strdup(json_node_get_string(exec ? exec : oob));
    req->oob = !exec;
    if (args) {
        req->args = json_object_ref(json_node_get_object(args));
    }
    return true;
}

/* ---- output ---- */

char *qmp_to_json(JsonNode *node, bool pretty)
{
    g_autoptr(JsonGenerator) gen = json_generator_new();

    json_generator_set_root(gen, node);
    json_generator_set_pretty(gen, pretty);
    return json_generator_to_data(gen, NULL);
}

/*
 * Sends NODE (consumed) as one message, its newline in the same write:
 * events come from other threads too (migration), and a message must
 * never be split by another one.
 */
static void qmp_send(Monitor *mon, JsonNode *node)
{
    g_autofree char *text = qmp_to_json(node, mon->pretty);
    g_autofree char *line = g_strconcat(text, "\n", NULL);

    json_node_unref(node);
    monitor_write(mon, line, strlen(line));
}

static void add_id(JsonBuilder *b, JsonNode *id)
{
    if (id) {
        json_builder_set_member_name(b, "id");
        json_builder_add_value(b, json_node_copy(id));
    }
}

static void qmp_send_return(Monitor *mon, JsonNode *ret, JsonNode *id)
{
    g_autoptr(JsonBuilder) b = json_builder_new();

    json_builder_begin_object(b);
    json_builder_set_member_name(b, "return");
    json_builder_add_value(b, ret);
    add_id(b, id);
    json_builder_end_object(b);
    qmp_send(mon, json_builder_get_root(b));
}

static void qmp_send_error(Monitor *mon, Error *err, JsonNode *id)
{
    g_autoptr(JsonBuilder) b = json_builder_new();

    json_builder_begin_object(b);
    json_builder_set_member_name(b, "error");
    json_builder_begin_object(b);
    json_builder_set_member_name(b, "class");
    json_builder_add_string_value(b, error_class_name(error_get_class(err)));
    json_builder_set_member_name(b, "desc");
    json_builder_add_string_value(b, error_get_pretty(err));
    json_builder_end_object(b);
    add_id(b, id);
    json_builder_end_object(b);
    qmp_send(mon, json_builder_get_root(b));
    error_free(err);
}

static void qmp_send_greeting(Monitor *mon)
{
    g_autoptr(JsonBuilder) b = json_builder_new();
    VersionInfo v = qmp_query_version();

    json_builder_begin_object(b);
    json_builder_set_member_name(b, "QMP");
    json_builder_begin_object(b);
    json_builder_set_member_name(b, "version");
    json_builder_begin_object(b);
    json_builder_set_member_name(b, "qemu");
    json_builder_begin_object(b);
    json_builder_set_member_name(b, "micro");
    json_builder_add_int_value(b, v.micro);
    json_builder_set_member_name(b, "minor");
    json_builder_add_int_value(b, v.minor);
    json_builder_set_member_name(b, "major");
    json_builder_add_int_value(b, v.major);
    json_builder_end_object(b);
    json_builder_set_member_name(b, "package");
    json_builder_add_string_value(b, v.package);
    json_builder_end_object(b);
    json_builder_set_member_name(b, "capabilities");
    json_builder_begin_array(b);
    json_builder_add_string_value(b, "oob");
    json_builder_end_array(b);
    json_builder_end_object(b);
    json_builder_end_object(b);
    qmp_send(mon, json_builder_get_root(b));
}

/* ---- dispatch ---- */

static void qmp_dispatch(Monitor *mon, QmpRequest *req)
{
    const QmpCommand *cmd = qmp_find_command(req->command);
    bool is_caps = !strcmp(req->command, "qmp_capabilities");
    g_autoptr(JsonObject) empty = json_object_new();
    Error *err = NULL;
    JsonNode *ret;

    if (!cmd) {
        error_set(&err, ERROR_CLASS_COMMAND_NOT_FOUND,
                  "The command %s has not been found", req->command);
    } else if (!mon->negotiated && !is_caps) {
        error_set(&err, ERROR_CLASS_COMMAND_NOT_FOUND,
                  "Expecting capabilities negotiation with 'qmp_capabilities'");
    } else if (mon->negotiated && is_caps) {
        error_set(&err, ERROR_CLASS_COMMAND_NOT_FOUND,
                  "Capabilities negotiation is already complete, command ignored");
    } else if (req->oob && !mon->oob) {
        error_setg(&err, "QMP input member 'exec-oob' needs the 'oob' capability "
                   "(enable it with qmp_capabilities)");
    }
    if (err) {
        qmp_send_error(mon, err, req->id);
        return;
    }
    if (!qmp_check_args(cmd, req->args ? req->args : empty, &err)) {
        qmp_send_error(mon, err, req->id);
        return;
    }
    ret = cmd->fn(mon, req->args ? req->args : empty, &err);
    if (!ret) {
        assert(err);
        qmp_send_error(mon, err, req->id);
        return;
    }
    qmp_send_return(mon, ret, req->id);
}

static void qmp_handle_text(void *opaque, const char *text, size_t len, bool overflow)
{
    Monitor *mon = opaque;
    QmpRequest req;
    Error *err = NULL;

    if (overflow) {
        error_setg(&err, "JSON input exceeds %d bytes without a complete "
                   "message; input dropped", QMP_INPUT_MAX);
        qmp_send_error(mon, err, NULL);
        return;
    }
    if (!qmp_parse_request(text, len, &req, &err)) {
        qmp_send_error(mon, err, req.id);
    } else {
        qmp_dispatch(mon, &req);
    }
    qmp_request_clear(&req);
}

static int qmp_can_read(void *opaque)
{
    return 4096;
}

static void qmp_read(void *opaque, const uint8_t *buf, int size)
{
    Monitor *mon = opaque;

    qmp_stream_feed(&mon->stream, (const char *)buf, size, qmp_handle_text, mon);
}

/* A new client gets a fresh session; a departed one leaves nothing behind. */
static void qmp_event(void *opaque, QEMUChrEvent event)
{
    Monitor *mon = opaque;

    switch (event) {
    case CHR_EVENT_OPENED:
    case CHR_EVENT_CLOSED:
        qmp_stream_reset(&mon->stream);
        mon->negotiated = false;
        mon->oob = false;
        if (event == CHR_EVENT_OPENED) {
            qmp_send_greeting(mon);
        }
        break;
    default:
        break;
    }
}

/* ---- events ---- */

void qapi_event_emit(const char *name, JsonNode *data)
{
    gint64 now = g_get_real_time();

    for (guint i = 0; monitor_list && i < monitor_list->len; i++) {
        Monitor *mon = g_ptr_array_index(monitor_list, i);
        g_autoptr(JsonBuilder) b = NULL;

        if (!mon->is_qmp || !mon->negotiated) {
            continue;
        }
        b = json_builder_new();
        json_builder_begin_object(b);
        json_builder_set_member_name(b, "event");
        json_builder_add_string_value(b, name);
        if (data) {
            json_builder_set_member_name(b, "data");
            json_builder_add_value(b, json_node_copy(data));
        }
        json_builder_set_member_name(b, "timestamp");
        json_builder_begin_object(b);
        json_builder_set_member_name(b, "seconds");
        json_builder_add_int_value(b, now / G_USEC_PER_SEC);
        json_builder_set_member_name(b, "microseconds");
        json_builder_add_int_value(b, now % G_USEC_PER_SEC);
        json_builder_end_object(b);
        json_builder_end_object(b);
        qmp_send(mon, json_builder_get_root(b));
    }
    if (data) {
        json_node_unref(data);
    }
}

static JsonNode *guest_reason(bool guest, const char *reason)
{
    g_autoptr(JsonBuilder) b = json_builder_new();

    json_builder_begin_object(b);
    json_builder_set_member_name(b, "guest");
    json_builder_add_boolean_value(b, guest);
    json_builder_set_member_name(b, "reason");
    json_builder_add_string_value(b, reason);
    json_builder_end_object(b);
    return json_builder_get_root(b);
}

static void on_stop(void)
{
    qapi_event_emit("STOP", NULL);
}

static void on_resume(void)
{
    qapi_event_emit("RESUME", NULL);
}

static void on_reset(bool guest, ShutdownCause reason)
{
    qapi_event_emit("RESET", guest_reason(guest, shutdown_cause_name(reason)));
}

static void on_shutdown(bool guest, const char *reason)
{
    qapi_event_emit("SHUTDOWN", guest_reason(guest, reason));
}

static const RunStateEventHooks qmp_event_hooks = {
    .on_stop = on_stop,
    .on_resume = on_resume,
    .on_reset = on_reset,
    .on_shutdown = on_shutdown,
};

void monitor_qmp_events_init(void)
{
    runstate_set_event_hooks(&qmp_event_hooks);
}

/* ---- setup ---- */

Monitor *monitor_init_qmp(Chardev *chr, bool pretty, Error **errp)
{
    Monitor *mon = g_new0(Monitor, 1);

    mon->is_qmp = true;
    mon->pretty = pretty;
    qmp_stream_init(&mon->stream, QMP_INPUT_MAX);
    if (!qemu_chr_fe_init(&mon->chr, chr, errp)) {
        monitor_free(mon);
        return NULL;
    }
    monitor_register(mon);
    monitor_qmp_events_init();
    qemu_chr_fe_set_handlers(&mon->chr, qmp_can_read, qmp_read, qmp_event,
                             NULL, mon, NULL, true);
    return mon;
}

void monitor_qmp_free(Monitor *mon)
{
    qmp_stream_destroy(&mon->stream);
}
