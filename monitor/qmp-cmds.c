/*
 * The QMP command table: each command's name, argument schema and handler,
 * declared once. query-commands answers from this table and the dispatcher
 * (monitor/qmp.c) checks arguments against it before a handler runs, so
 * handlers read their arguments without re-checking types.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "hw/boards.h"
#include "hw/qdev-core.h"
#include "monitor/commands.h"
#include "monitor-internal.h"
#include "../migration/migration-cmds.h"

/* ---- JSON helpers ---- */

static JsonNode *ret_empty(void)
{
    JsonNode *n = json_node_new(JSON_NODE_OBJECT);

    json_node_take_object(n, json_object_new());
    return n;
}

static JsonNode *ret_array(JsonArray *a)
{
    JsonNode *n = json_node_new(JSON_NODE_ARRAY);

    json_node_take_array(n, a);
    return n;
}

static const char *arg_str(JsonObject *args, const char *name)
{
    return json_object_has_member(args, name) ?
           json_object_get_string_member(args, name) : NULL;
}

static bool arg_bool(JsonObject *args, const char *name, bool dflt)
{
    return json_object_has_member(args, name) ?
           json_object_get_boolean_member(args, name) : dflt;
}

static bool arg_u64(JsonObject *args, const char *name, uint64_t *out, Error **errp)
{
    int64_t v = json_object_get_int_member(args, name);

    if (v < 0) {
        error_setg(errp, "Parameter '%s' must not be negative, got %" PRId64, name, v);
        return false;
    }
    *out = v;
    return true;
}

/* ---- commands ---- */

static JsonNode *cmd_qmp_capabilities(Monitor *mon, JsonObject *args, Error **errp)
{
    bool oob = false;

    if (json_object_has_member(args, "enable")) {
        JsonArray *caps = json_object_get_array_member(args, "enable");

        for (guint i = 0; i < json_array_get_length(caps); i++) {
            JsonNode *c = json_array_get_element(caps, i);

            if (!JSON_NODE_HOLDS_VALUE(c) || json_node_get_value_type(c) != G_TYPE_STRING ||
                strcmp(json_node_get_string(c), "oob")) {
                g_autofree char *text = qmp_to_json(c, false);

                error_setg(errp, "Capability %s is not available", text);
                return NULL;
            }
            oob = true;
        }
    }
    mon->negotiated = true;
    mon->oob = oob;
    return ret_empty();
}

static JsonNode *cmd_query_status(Monitor *mon, JsonObject *args, Error **errp)
{
    StatusInfo info = qmp_query_status();
    g_autoptr(JsonBuilder) b = json_builder_new();

    json_builder_begin_object(b);
    json_builder_set_member_name(b, "running");
    json_builder_add_boolean_value(b, info.running);
    json_builder_set_member_name(b, "status");
    json_builder_add_string_value(b, runstate_name(info.status));
    json_builder_end_object(b);
    return json_builder_get_root(b);
}

/* stop, cont, quit, system_reset: no arguments, an empty return. */
#define SIMPLE_CMD(cname, fn)                                                 \
static JsonNode *cname(Monitor *mon, JsonObject *args, Error **errp)          \
{                                                                             \
    Error *err = NULL;                                                        \
                                                                              \
    fn(&err);                                                                 \
    if (err) {                                                                \
        error_propagate(errp, err);                                           \
        return NULL;                                                          \
    }                                                                         \
    return ret_empty();                                                       \
}
SIMPLE_CMD(cmd_stop, qmp_stop)
SIMPLE_CMD(cmd_cont, qmp_cont)
SIMPLE_CMD(cmd_quit, qmp_quit)
SIMPLE_CMD(cmd_system_reset, qmp_system_reset)

static JsonNode *cmd_getfd(Monitor *mon, JsonObject *args, Error **errp)
{
    return qmp_getfd(mon, arg_str(args, "fdname"), errp) ? ret_empty() : NULL;
}

static JsonNode *cmd_closefd(Monitor *mon, JsonObject *args, Error **errp)
{
    return qmp_closefd(arg_str(args, "fdname"), errp) ? ret_empty() : NULL;
}

static JsonNode *cmd_query_version(Monitor *mon, JsonObject *args, Error **errp)
{
    VersionInfo v = qmp_query_version();
    g_autoptr(JsonBuilder) b = json_builder_new();

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
    return json_builder_get_root(b);
}

static JsonNode *cmd_query_commands(Monitor *mon, JsonObject *args, Error **errp)
{
    JsonArray *a = json_array_new();

    for (const QmpCommand *c = qmp_commands; c->name; c++) {
        JsonObject *o = json_object_new();

        json_object_set_string_member(o, "name", c->name);
        json_array_add_object_element(a, o);
    }
    return ret_array(a);
}

static JsonNode *cmd_query_machines(Monitor *mon, JsonObject *args, Error **errp)
{
    JsonArray *a = json_array_new();
    GSList *list = machine_class_list();

    for (GSList *l = list; l; l = l->next) {
        MachineClass *mc = l->data;
        JsonObject *o = json_object_new();

        json_object_set_string_member(o, "name", machine_class_name(mc));
        if (mc->alias) {
            json_object_set_string_member(o, "alias", mc->alias);
        }
        json_object_set_boolean_member(o, "is-default", mc->is_default);
        json_object_set_int_member(o, "cpu-max", mc->max_cpus);
        json_object_set_boolean_member(o, "deprecated", mc->deprecation_reason != NULL);
        json_array_add_object_element(a, o);
    }
    g_slist_free(list);
    return ret_array(a);
}

static JsonNode *cmd_query_cpu_definitions(Monitor *mon, JsonObject *args, Error **errp)
{
    /* No CPU models exist in this build yet. */
    return ret_array(json_array_new());
}

static JsonNode *cmd_qom_list(Monitor *mon, JsonObject *args, Error **errp)
{
    g_autoptr(GPtrArray) props = qmp_qom_list(arg_str(args, "path"), errp);
    JsonArray *a;

    if (!props) {
        return NULL;
    }
    a = json_array_new();
    for (guint i = 0; i < props->len; i++) {
        ObjectProperty *p = g_ptr_array_index(props, i);
        JsonObject *o = json_object_new();

        json_object_set_string_member(o, "name", p->name);
        json_object_set_string_member(o, "type", p->type);
        json_array_add_object_element(a, o);
    }
    return ret_array(a);
}

static JsonNode *cmd_qom_get(Monitor *mon, JsonObject *args, Error **errp)
{
    g_autoptr(GVariant) v = qmp_qom_get(arg_str(args, "path"),
                                        arg_str(args, "property"), errp);

    return v ? json_gvariant_serialize(v) : NULL;
}

/* JSON scalars map onto the GVariant types QOM setters accept. */
static GVariant *json_to_variant(JsonNode *n, Error **errp)
{
    if (JSON_NODE_HOLDS_VALUE(n)) {
        switch (json_node_get_value_type(n)) {
        case G_TYPE_INT64:
            return g_variant_ref_sink(g_variant_new_int64(json_node_get_int(n)));
        case G_TYPE_BOOLEAN:
            return g_variant_ref_sink(g_variant_new_boolean(json_node_get_boolean(n)));
        case G_TYPE_STRING:
            return g_variant_ref_sink(g_variant_new_string(json_node_get_string(n)));
        default:
            break;
        }
    }
    error_setg(errp, "Invalid parameter type for 'value', expected: integer, "
               "boolean or string");
    return NULL;
}

static JsonNode *cmd_qom_set(Monitor *mon, JsonObject *args, Error **errp)
{
    g_autoptr(GVariant) v = json_to_variant(json_object_get_member(args, "value"), errp);

    if (!v || !qmp_qom_set(arg_str(args, "path"), arg_str(args, "property"), v, errp)) {
        return NULL;
    }
    return ret_empty();
}

static JsonNode *cmd_qom_list_types(Monitor *mon, JsonObject *args, Error **errp)
{
    bool abstract = arg_bool(args, "abstract", false);
    GSList *list = object_class_get_list(arg_str(args, "implements"), abstract);
    JsonArray *a = json_array_new();

    for (GSList *l = list; l; l = l->next) {
        ObjectClass *oc = l->data;
        ObjectClass *parent = object_class_get_parent(oc);
        JsonObject *o = json_object_new();

        json_object_set_string_member(o, "name", object_class_get_name(oc));
        if (parent) {
            json_object_set_string_member(o, "parent", object_class_get_name(parent));
        }
        if (object_class_is_abstract(oc)) {
            json_object_set_boolean_member(o, "abstract", true);
        }
        json_array_add_object_element(a, o);
    }
    g_slist_free(list);
    return ret_array(a);
}

typedef struct PropList {
    JsonArray *a;
    bool settable_only;     /* device-list-properties */
} PropList;

static void add_prop_info(ObjectProperty *p, PropList *pl)
{
    JsonObject *o;

    if (pl->settable_only && (!p->set || !strcmp(p->name, "realized"))) {
        return;
    }
    o = json_object_new();
    json_object_set_string_member(o, "name", p->name);
    json_object_set_string_member(o, "type", p->type);
    if (p->description) {
        json_object_set_string_member(o, "description", p->description);
    }
    if (p->defval) {
        json_object_set_member(o, "default-value", json_gvariant_serialize(p->defval));
    }
    json_array_add_object_element(pl->a, o);
}

static void add_obj_prop(Object *obj, ObjectProperty *p, void *opaque)
{
    add_prop_info(p, opaque);
}

static void add_class_prop(ObjectClass *oc, ObjectProperty *p, void *opaque)
{
    add_prop_info(p, opaque);
}

/* Properties of OC: an instance's (a temporary one) unless OC is abstract. */
static JsonNode *list_props(ObjectClass *oc, bool settable_only)
{
    PropList pl = { json_array_new(), settable_only };

    if (object_class_is_abstract(oc)) {
        object_class_property_foreach(oc, add_class_prop, &pl);
    } else {
        Object *obj = object_new_with_class(oc);

        object_property_foreach(obj, add_obj_prop, &pl);
        object_unref(obj);
    }
    return ret_array(pl.a);
}

static JsonNode *cmd_qom_list_properties(Monitor *mon, JsonObject *args, Error **errp)
{
    const char *name = arg_str(args, "typename");
    ObjectClass *oc = object_class_by_name(name);

    if (!oc) {
        error_setg(errp, "Class '%s' not found", name);
        return NULL;
    }
    return list_props(oc, false);
}

static JsonNode *cmd_device_list_properties(Monitor *mon, JsonObject *args, Error **errp)
{
    const char *name = arg_str(args, "typename");
    ObjectClass *oc = object_class_by_name(name);

    if (!oc) {
        error_set(errp, ERROR_CLASS_DEVICE_NOT_FOUND, "Device '%s' not found", name);
        return NULL;
    }
    if (!object_class_dynamic_cast(oc, TYPE_DEVICE)) {
        error_setg(errp, "Parameter 'typename' expects a device type, got '%s'", name);
        return NULL;
    }
    if (object_class_is_abstract(oc)) {
        error_setg(errp, "Parameter 'typename' expects a non-abstract device type, "
                   "got '%s'", name);
        return NULL;
    }
    return list_props(oc, true);
}

static JsonNode *cmd_human_monitor_command(Monitor *mon, JsonObject *args, Error **errp)
{
    g_autofree char *out = qmp_human_monitor_command(arg_str(args, "command-line"), errp);
    JsonNode *n;

    if (!out) {
        return NULL;
    }
    n = json_node_new(JSON_NODE_VALUE);
    json_node_set_string(n, out);
    return n;
}

static JsonNode *mem_save_cmd(JsonObject *args, Error **errp,
                              bool (*save)(uint64_t, uint64_t, const char *, Error **))
{
    uint64_t addr, size;

    if (!arg_u64(args, "val", &addr, errp) || !arg_u64(args, "size", &size, errp) ||
        !save(addr, size, arg_str(args, "filename"), errp)) {
        return NULL;
    }
    return ret_empty();
}

static JsonNode *cmd_memsave(Monitor *mon, JsonObject *args, Error **errp)
{
    return mem_save_cmd(args, errp, qmp_memsave);
}

static JsonNode *cmd_pmemsave(Monitor *mon, JsonObject *args, Error **errp)
{
    return mem_save_cmd(args, errp, qmp_pmemsave);
}

static JsonNode *cmd_query_balloon(Monitor *mon, JsonObject *args, Error **errp)
{
    JsonObject *o;
    uint64_t actual;
    Error *err = NULL;

    actual = qmp_query_balloon(&err);
    if (err) {
        error_propagate(errp, err);
        return NULL;
    }
    o = json_object_new();
    json_object_set_int_member(o, "actual", actual);
    return json_node_init_object(json_node_alloc(), o);
}

static JsonNode *cmd_balloon(Monitor *mon, JsonObject *args, Error **errp)
{
    Error *err = NULL;

    qmp_balloon(json_object_get_int_member(args, "value"), &err);
    if (err) {
        error_propagate(errp, err);
        return NULL;
    }
    return ret_empty();
}

/* ---- the table ---- */

#define NO_ARGS ((const QmpArg[]) { { NULL } })

const QmpCommand qmp_commands[] = {
    { "qmp_capabilities", (const QmpArg[]) {
        { "enable", QMP_TYPE_ARRAY, true }, { NULL } }, cmd_qmp_capabilities },
    { "query-status", NO_ARGS, cmd_query_status },
    { "stop", NO_ARGS, cmd_stop },
    { "cont", NO_ARGS, cmd_cont },
    { "quit", NO_ARGS, cmd_quit },
    { "system_reset", NO_ARGS, cmd_system_reset },
    { "query-version", NO_ARGS, cmd_query_version },
    { "query-commands", NO_ARGS, cmd_query_commands },
    { "query-machines", NO_ARGS, cmd_query_machines },
    { "query-cpu-definitions", NO_ARGS, cmd_query_cpu_definitions },
    { "query-balloon", NO_ARGS, cmd_query_balloon },
    { "balloon", (const QmpArg[]) {
        { "value", QMP_TYPE_INT }, { NULL } }, cmd_balloon },
    { "qom-list", (const QmpArg[]) {
        { "path", QMP_TYPE_STR }, { NULL } }, cmd_qom_list },
    { "qom-get", (const QmpArg[]) {
        { "path", QMP_TYPE_STR }, { "property", QMP_TYPE_STR }, { NULL } }, cmd_qom_get },
    { "qom-set", (const QmpArg[]) {
        { "path", QMP_TYPE_STR }, { "property", QMP_TYPE_STR },
        { "value", QMP_TYPE_ANY }, { NULL } }, cmd_qom_set },
    { "qom-list-types", (const QmpArg[]) {
        { "implements", QMP_TYPE_STR, true }, { "abstract", QMP_TYPE_BOOL, true },
        { NULL } }, cmd_qom_list_types },
    { "qom-list-properties", (const QmpArg[]) {
        { "typename", QMP_TYPE_STR }, { NULL } }, cmd_qom_list_properties },
    { "device-list-properties", (const QmpArg[]) {
        { "typename", QMP_TYPE_STR }, { NULL } }, cmd_device_list_properties },
    { "human-monitor-command", (const QmpArg[]) {
        { "command-line", QMP_TYPE_STR }, { "cpu-index", QMP_TYPE_INT, true },
        { NULL } }, cmd_human_monitor_command },
    { "memsave", (const QmpArg[]) {
        { "val", QMP_TYPE_INT }, { "size", QMP_TYPE_INT }, { "filename", QMP_TYPE_STR },
        { "cpu-index", QMP_TYPE_INT, true }, { NULL } }, cmd_memsave },
    { "pmemsave", (const QmpArg[]) {
        { "val", QMP_TYPE_INT }, { "size", QMP_TYPE_INT }, { "filename", QMP_TYPE_STR },
        { NULL } }, cmd_pmemsave },
    { "getfd", (const QmpArg[]) { { "fdname", QMP_TYPE_STR }, { NULL } }, cmd_getfd },
    { "closefd", (const QmpArg[]) { { "fdname", QMP_TYPE_STR }, { NULL } }, cmd_closefd },
    { "migrate", (const QmpArg[]) {
        { "uri", QMP_TYPE_STR }, { "detach", QMP_TYPE_BOOL, true }, { NULL } },
      qmp_cmd_migrate },
    { "migrate-incoming", (const QmpArg[]) {
        { "uri", QMP_TYPE_STR }, { NULL } }, qmp_cmd_migrate_incoming },
    { "migrate_cancel", NO_ARGS, qmp_cmd_migrate_cancel },
    { "query-migrate", NO_ARGS, qmp_cmd_query_migrate },
    { "migrate-set-capabilities", (const QmpArg[]) {
        { "capabilities", QMP_TYPE_ARRAY }, { NULL } }, qmp_cmd_migrate_set_capabilities },
    { "query-migrate-capabilities", NO_ARGS, qmp_cmd_query_migrate_capabilities },
    { "migrate-set-parameters", (const QmpArg[]) {
        { "max-bandwidth", QMP_TYPE_INT, true }, { "downtime-limit", QMP_TYPE_INT, true },
        { "cpu-throttle-initial", QMP_TYPE_INT, true },
        { "cpu-throttle-increment", QMP_TYPE_INT, true }, { NULL } },
      qmp_cmd_migrate_set_parameters },
    { "query-migrate-parameters", NO_ARGS, qmp_cmd_query_migrate_parameters },
    { NULL }
};

const QmpCommand *qmp_find_command(const char *name)
{
    for (const QmpCommand *c = qmp_commands; c->name; c++) {
        if (!strcmp(c->name, name)) {
            return c;
        }
    }
    return NULL;
}

static const char *const type_names[] = {
    [QMP_TYPE_STR] = "string",
    [QMP_TYPE_INT] = "integer",
    [QMP_TYPE_BOOL] = "boolean",
    [QMP_TYPE_ARRAY] = "array",
    [QMP_TYPE_OBJECT] = "object",
    [QMP_TYPE_ANY] = "any",
};

static bool node_has_type(JsonNode *n, QmpArgType t)
{
    switch (t) {
    case QMP_TYPE_ANY:
        return true;
    case QMP_TYPE_ARRAY:
        return JSON_NODE_HOLDS_ARRAY(n);
    case QMP_TYPE_OBJECT:
        return JSON_NODE_HOLDS_OBJECT(n);
    case QMP_TYPE_STR:
        return JSON_NODE_HOLDS_VALUE(n) && json_node_get_value_type(n) == G_TYPE_STRING;
    case QMP_TYPE_INT:
        return JSON_NODE_HOLDS_VALUE(n) && json_node_get_value_type(n) == G_TYPE_INT64;
    case QMP_TYPE_BOOL:
        return JSON_NODE_HOLDS_VALUE(n) && json_node_get_value_type(n) == G_TYPE_BOOLEAN;
    }
    return false;
}

bool qmp_check_args(const QmpCommand *cmd, JsonObject *args, Error **errp)
{
    g_autoptr(GList) members = json_object_get_members(args);

    for (GList *l = members; l; l = l->next) {
        const char *name = l->data;
        const QmpArg *a = cmd->args;

        while (a->name && strcmp(a->name, name)) {
            a++;
        }
        if (!a->name) {
            error_setg(errp, "Parameter '%s' is unexpected", name);
            return false;
        }
        if (!node_has_type(json_object_get_member(args, name), a->type)) {
            error_setg(errp, "Invalid parameter type for '%s', expected: %s", name,
                       type_names[a->type]);
            return false;
        }
    }
    for (const QmpArg *a = cmd->args; a->name; a++) {
        if (!a->optional && !json_object_has_member(args, a->name)) {
            error_setg(errp, "Parameter '%s' is missing", a->name);
            return false;
        }
    }
    return true;
}
