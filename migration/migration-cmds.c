/*
 * The migration monitor commands: QMP handlers (listed in monitor/qmp-cmds.c)
 * and their HMP twins (listed in monitor/hmp-cmds.c). Both only convert
 * arguments and results; the work is in migration/migration.c.
 */
#include "qemu/osdep.h"
#include "migration/migration.h"
#include "migration-cmds.h"
#include "../monitor/monitor-internal.h"

static JsonNode *ret_object(JsonObject *o)
{
    JsonNode *n = json_node_new(JSON_NODE_OBJECT);

    json_node_take_object(n, o);
    return n;
}

/* ---- QMP ---- */

JsonNode *qmp_cmd_migrate(Monitor *mon, JsonObject *args, Error **errp)
{
    if (json_object_has_member(args, "detach") &&
        !json_object_get_boolean_member(args, "detach")) {
        /* QMP always returns at once; 'detach' is accepted for old clients. */
    }
    if (!qmp_migrate(json_object_get_string_member(args, "uri"), errp)) {
        return NULL;
    }
    return ret_object(json_object_new());
}

JsonNode *qmp_cmd_migrate_incoming(Monitor *mon, JsonObject *args, Error **errp)
{
    if (!qmp_migrate_incoming(json_object_get_string_member(args, "uri"), errp)) {
        return NULL;
    }
    return ret_object(json_object_new());
}

JsonNode *qmp_cmd_migrate_cancel(Monitor *mon, JsonObject *args, Error **errp)
{
    qmp_migrate_cancel();
    return ret_object(json_object_new());
}

JsonObject *migration_info_to_json(const MigrationInfo *info)
{
    JsonObject *o = json_object_new();

    if (!info->has_status) {
        return o;
    }
    json_object_set_string_member(o, "status", migration_status_name(info->status));
    if (info->has_ram) {
        JsonObject *r = json_object_new();

        json_object_set_int_member(r, "transferred", info->ram.transferred);
        json_object_set_int_member(r, "remaining", info->ram.remaining);
        json_object_set_int_member(r, "total", info->ram.total);
        json_object_set_int_member(r, "duplicate", info->ram.duplicate);
        json_object_set_int_member(r, "normal", info->ram.normal);
        json_object_set_int_member(r, "normal-bytes", info->ram.normal * TARGET_PAGE_SIZE);
        json_object_set_int_member(r, "dirty-sync-count", info->ram.dirty_sync_count);
        json_object_set_double_member(r, "mbps", info->mbps);
        json_object_set_int_member(r, "page-size", TARGET_PAGE_SIZE);
        json_object_set_object_member(o, "ram", r);
        json_object_set_int_member(o, "total-time", info->total_time);
        json_object_set_int_member(o, "setup-time", info->setup_time);
    }
    if (info->has_downtime) {
        json_object_set_int_member(o, "downtime", info->downtime);
    }
    if (info->has_expected_downtime) {
        json_object_set_int_member(o, "expected-downtime", info->expected_downtime);
    }
    if (info->has_throttle) {
        json_object_set_int_member(o, "cpu-throttle-percentage",
                                   info->cpu_throttle_percentage);
    }
    if (info->error_desc) {
        json_object_set_string_member(o, "error-desc", info->error_desc);
    }
    return o;
}

JsonNode *qmp_cmd_query_migrate(Monitor *mon, JsonObject *args, Error **errp)
{
    MigrationInfo info;
    JsonObject *o;

    qmp_query_migrate(&info);
    o = migration_info_to_json(&info);
    migration_info_clear(&info);
    return ret_object(o);
}

JsonNode *qmp_cmd_migrate_set_capabilities(Monitor *mon, JsonObject *args, Error **errp)
{
    JsonArray *a = json_object_get_array_member(args, "capabilities");
    guint n = json_array_get_length(a);
    g_autofree const char **names = g_new0(const char *, n + 1);
    g_autofree bool *states = g_new0(bool, n + 1);

    /* Check every entry first, so that a bad one changes nothing. */
    for (guint i = 0; i < n; i++) {
        JsonNode *e = json_array_get_element(a, i);
        JsonObject *c = JSON_NODE_HOLDS_OBJECT(e) ? json_node_get_object(e) : NULL;
        JsonNode *name = c ? json_object_get_member(c, "capability") : NULL;
        JsonNode *state = c ? json_object_get_member(c, "state") : NULL;
        MigrationCapability cap;

        if (!name || !state || !JSON_NODE_HOLDS_VALUE(name) ||
            json_node_get_value_type(name) != G_TYPE_STRING ||
            !JSON_NODE_HOLDS_VALUE(state) ||
            json_node_get_value_type(state) != G_TYPE_BOOLEAN) {
            error_setg(errp, "capabilities[%u]: expected {\"capability\": string, "
                       "\"state\": boolean}", i);
            return NULL;
        }
        names[i] = json_node_get_string(name);
        states[i] = json_node_get_boolean(state);
        if (!migration_capability_lookup(names[i], &cap, errp)) {
            return NULL;
        }
    }
    for (guint i = 0; i < n; i++) {
        if (!qmp_migrate_set_capability(names[i], states[i], errp)) {
            return NULL;
        }
    }
    return ret_object(json_object_new());
}

JsonNode *qmp_cmd_query_migrate_capabilities(Monitor *mon, JsonObject *args, Error **errp)
{
    JsonArray *a = json_array_new();
    JsonNode *n = json_node_new(JSON_NODE_ARRAY);

    for (int c = 0; c < MIGRATION_CAP__MAX; c++) {
        JsonObject *o = json_object_new();

        json_object_set_string_member(o, "capability", migration_capability_name(c));
        json_object_set_boolean_member(o, "state", migration_capability_get(c));
        json_array_add_object_element(a, o);
    }
    json_node_take_array(n, a);
    return n;
}

JsonNode *qmp_cmd_migrate_set_parameters(Monitor *mon, JsonObject *args, Error **errp)
{
    g_autoptr(GList) members = json_object_get_members(args);

    /* Check types first, so that a bad member changes nothing. */
    for (GList *l = members; l; l = l->next) {
        JsonNode *v = json_object_get_member(args, l->data);

        if (!JSON_NODE_HOLDS_VALUE(v) || json_node_get_value_type(v) != G_TYPE_INT64) {
            error_setg(errp, "Invalid parameter type for '%s', expected: integer",
                       (const char *)l->data);
            return NULL;
        }
    }
    for (GList *l = members; l; l = l->next) {
        if (!qmp_migrate_set_parameter(l->data, json_object_get_int_member(args, l->data),
                                       errp)) {
            return NULL;
        }
    }
    return ret_object(json_object_new());
}

JsonNode *qmp_cmd_query_migrate_parameters(Monitor *mon, JsonObject *args, Error **errp)
{
    MigrationParameters p;
    JsonObject *o = json_object_new();

    qmp_query_migrate_parameters(&p);
    json_object_set_int_member(o, "max-bandwidth", p.max_bandwidth);
    json_object_set_int_member(o, "downtime-limit", p.downtime_limit);
    json_object_set_int_member(o, "cpu-throttle-initial", p.throttle_initial);
    json_object_set_int_member(o, "cpu-throttle-increment", p.throttle_increment);
    return ret_object(o);
}

/* ---- HMP ---- */

static void hmp_report(Monitor *mon, Error *err)
{
    if (err) {
        monitor_printf(mon, "Error: %s\n", error_get_pretty(err));
        error_free(err);
    }
}

void hmp_migrate(Monitor *mon, const char *args)
{
    g_auto(GStrv) argv = g_strsplit_set(args, " \t", -1);
    const char *uri = NULL;
    bool detach = false;
    Error *err = NULL;

    for (char **a = argv; *a; a++) {
        if (!**a) {
            continue;
        }
        if (!strcmp(*a, "-d")) {
            detach = true;
        } else if (!uri) {
            uri = *a;
        } else {
            monitor_printf(mon, "Error: unexpected argument '%s' (usage: migrate [-d] URI)\n",
                           *a);
            return;
        }
    }
    if (!uri) {
        monitor_printf(mon, "Error: the URI is missing (usage: migrate [-d] URI)\n");
        return;
    }
    if (!qmp_migrate(uri, &err)) {
        hmp_report(mon, err);
        return;
    }
    if (!detach) {
        MigrationInfo info;

        migration_wait_outgoing();
        qmp_query_migrate(&info);
        if (info.status == MIGRATION_STATUS_FAILED) {
            monitor_printf(mon, "Error: migration failed: %s\n",
                           info.error_desc ? info.error_desc : "unknown error");
        } else if (info.status == MIGRATION_STATUS_CANCELLED) {
            monitor_printf(mon, "migration cancelled\n");
        }
        migration_info_clear(&info);
    }
}

void hmp_migrate_incoming(Monitor *mon, const char *args)
{
    Error *err = NULL;

    if (!*args) {
        monitor_printf(mon, "Error: the URI is missing (usage: migrate_incoming URI)\n");
        return;
    }
    qmp_migrate_incoming(args, &err);
    hmp_report(mon, err);
}

void hmp_migrate_cancel(Monitor *mon, const char *args)
{
    qmp_migrate_cancel();
}

static bool parse_on_off(const char *s, bool *v)
{
    if (!strcmp(s, "on") || !strcmp(s, "true")) {
        *v = true;
    } else if (!strcmp(s, "off") || !strcmp(s, "false")) {
        *v = false;
    } else {
        return false;
    }
    return true;
}

void hmp_migrate_set_capability(Monitor *mon, const char *args)
{
    g_auto(GStrv) argv = g_strsplit(args, " ", -1);
    Error *err = NULL;
    bool state;

    if (g_strv_length(argv) != 2) {
        monitor_printf(mon, "Error: usage: migrate_set_capability NAME on|off\n");
        return;
    }
    if (!parse_on_off(argv[1], &state)) {
        monitor_printf(mon, "Error: capability '%s': expected on or off, got '%s'\n",
                       argv[0], argv[1]);
        return;
    }
    qmp_migrate_set_capability(argv[0], state, &err);
    hmp_report(mon, err);
}

void hmp_migrate_set_parameter(Monitor *mon, const char *args)
{
    g_auto(GStrv) argv = g_strsplit(args, " ", -1);
    Error *err = NULL;
    int64_t value;
    char *end;

    if (g_strv_length(argv) != 2) {
        monitor_printf(mon, "Error: usage: migrate_set_parameter NAME VALUE\n");
        return;
    }
    errno = 0;
    value = g_ascii_strtoll(argv[1], &end, 0);
    if (!*argv[1] || errno) {
        monitor_printf(mon, "Error: parameter '%s': invalid value '%s'\n", argv[0], argv[1]);
        return;
    }
    /* Sizes for max-bandwidth may carry a suffix, as in QEMU's HMP. */
    if (*end) {
        uint64_t mul = 0;

        if (!g_ascii_strcasecmp(end, "k")) {
            mul = 1024;
        } else if (!g_ascii_strcasecmp(end, "m")) {
            mul = 1024 * 1024;
        } else if (!g_ascii_strcasecmp(end, "g")) {
            mul = 1024 * 1024 * 1024;
        }
        if (!mul || strcmp(argv[0], "max-bandwidth")) {
            monitor_printf(mon, "Error: parameter '%s': invalid value '%s'\n", argv[0],
                           argv[1]);
            return;
        }
        value *= mul;
    }
    qmp_migrate_set_parameter(argv[0], value, &err);
    hmp_report(mon, err);
}

void hmp_info_migrate(Monitor *mon, const char *args)
{
    MigrationInfo info;
    MigrationParameters p;

    qmp_query_migrate(&info);
    qmp_query_migrate_parameters(&p);
    monitor_printf(mon, "capabilities:");
    for (int c = 0; c < MIGRATION_CAP__MAX; c++) {
        monitor_printf(mon, " %s: %s", migration_capability_name(c),
                       migration_capability_get(c) ? "on" : "off");
    }
    monitor_printf(mon, "\n");
    if (info.has_status) {
        monitor_printf(mon, "Migration status: %s\n", migration_status_name(info.status));
        if (info.has_ram) {
            monitor_printf(mon, "total time: %" PRId64 " ms\n", info.total_time);
            if (info.has_expected_downtime) {
                monitor_printf(mon, "expected downtime: %" PRId64 " ms\n",
                               info.expected_downtime);
            }
            if (info.has_downtime) {
                monitor_printf(mon, "downtime: %" PRId64 " ms\n", info.downtime);
            }
            monitor_printf(mon, "setup: %" PRId64 " ms\n", info.setup_time);
            monitor_printf(mon, "transferred ram: %" PRIu64 " kbytes\n",
                           info.ram.transferred >> 10);
            monitor_printf(mon, "throughput: %0.2f mbps\n", info.mbps);
            monitor_printf(mon, "remaining ram: %" PRIu64 " kbytes\n", info.ram.remaining >> 10);
            monitor_printf(mon, "total ram: %" PRIu64 " kbytes\n", info.ram.total >> 10);
            monitor_printf(mon, "duplicate: %" PRIu64 " pages\n", info.ram.duplicate);
            monitor_printf(mon, "normal: %" PRIu64 " pages\n", info.ram.normal);
            monitor_printf(mon, "normal bytes: %" PRIu64 " kbytes\n",
                           (uint64_t)(info.ram.normal * TARGET_PAGE_SIZE) >> 10);
            monitor_printf(mon, "dirty sync count: %" PRIu64 "\n", info.ram.dirty_sync_count);
            monitor_printf(mon, "page size: %" PRIu64 " kbytes\n", (uint64_t)TARGET_PAGE_SIZE >> 10);
        }
        if (info.has_throttle) {
            monitor_printf(mon, "cpu throttle percentage: %d\n", info.cpu_throttle_percentage);
        }
        if (info.error_desc) {
            monitor_printf(mon, "error description: %s\n", info.error_desc);
        }
    }
    monitor_printf(mon, "parameters: max-bandwidth: %" PRIu64 " bytes/second downtime-limit: %"
                   PRIu64 " ms\n", p.max_bandwidth, p.downtime_limit);
    migration_info_clear(&info);
}
