/*
 * The golden-file comparator (include/migration/vmstate-compat.h).
 */
#include "qemu/osdep.h"
#include "migration/vmstate-compat.h"

static void problem(GPtrArray *problems, const char *fmt, ...) G_GNUC_PRINTF(2, 3);
static void problem(GPtrArray *problems, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    g_ptr_array_add(problems, g_strdup_vprintf(fmt, ap));
    va_end(ap);
}

/* Member NAME of OBJ as an integer; -1 when absent or not a number. */
static int64_t get_int(JsonObject *obj, const char *name)
{
    JsonNode *n = obj ? json_object_get_member(obj, name) : NULL;

    return n && JSON_NODE_HOLDS_VALUE(n) ? json_node_get_int(n) : -1;
}

static const char *get_str(JsonObject *obj, const char *name)
{
    JsonNode *n = obj ? json_object_get_member(obj, name) : NULL;

    return n && JSON_NODE_HOLDS_VALUE(n) ? json_node_get_string(n) : NULL;
}

static JsonArray *get_array(JsonObject *obj, const char *name)
{
    JsonNode *n = obj ? json_object_get_member(obj, name) : NULL;

    return n && JSON_NODE_HOLDS_ARRAY(n) ? json_node_get_array(n) : NULL;
}

static JsonObject *get_object(JsonObject *obj, const char *name)
{
    JsonNode *n = obj ? json_object_get_member(obj, name) : NULL;

    return n && JSON_NODE_HOLDS_OBJECT(n) ? json_node_get_object(n) : NULL;
}

static JsonObject *array_object(JsonArray *a, guint i)
{
    JsonNode *n = json_array_get_element(a, i);

    return JSON_NODE_HOLDS_OBJECT(n) ? json_node_get_object(n) : NULL;
}

static void compare_desc(const char *where, JsonObject *old, JsonObject *cur,
                         GPtrArray *problems);

static void compare_field(const char *where, JsonObject *old, JsonObject *cur,
                          GPtrArray *problems)
{
    static const char *const ints[] = { "version_id", "size", "num" };
    const char *name = get_str(old, "field");
    JsonObject *od, *cd;

    for (size_t i = 0; i < G_N_ELEMENTS(ints); i++) {
        int64_t o = get_int(old, ints[i]), c = get_int(cur, ints[i]);

        if (o != c) {
            problem(problems, "%s: field '%s' %s changed from %" PRId64 " to %" PRId64,
                    where, name, ints[i], o, c);
        }
    }
    if (json_object_get_boolean_member_with_default(old, "field_exists", false) !=
        json_object_get_boolean_member_with_default(cur, "field_exists", false)) {
        problem(problems, "%s: field '%s' field_exists changed", where, name);
    }
    od = get_object(old, "Description");
    cd = get_object(cur, "Description");
    if (od && !cd) {
        problem(problems, "%s: field '%s' is no longer a struct", where, name);
    } else if (!od && cd) {
        problem(problems, "%s: field '%s' became a struct", where, name);
    } else if (od) {
        g_autofree char *inner = g_strdup_printf("%s.%s", where, name);

        compare_desc(inner, od, cd, problems);
    }
}

static void compare_fields(const char *where, JsonArray *old, JsonArray *cur,
                           GPtrArray *problems)
{
    guint on = old ? json_array_get_length(old) : 0;
    guint cn = cur ? json_array_get_length(cur) : 0;

    for (guint i = 0; i < MAX(on, cn); i++) {
        JsonObject *o = i < on ? array_object(old, i) : NULL;
        JsonObject *c = i < cn ? array_object(cur, i) : NULL;
        const char *oname = get_str(o, "field"), *cname = get_str(c, "field");

        if (!c) {
            problem(problems, "%s: field '%s' removed", where, oname);
        } else if (!o) {
            problem(problems, "%s: field '%s' added (new state belongs in a subsection)",
                    where, cname);
        } else if (g_strcmp0(oname, cname)) {
            problem(problems, "%s: field %u is '%s', was '%s'", where, i, cname, oname);
        } else {
            compare_field(where, o, c, problems);
        }
    }
}

static JsonObject *find_subsection(JsonArray *subs, const char *name)
{
    for (guint i = 0; subs && i < json_array_get_length(subs); i++) {
        JsonObject *s = array_object(subs, i);

        if (!g_strcmp0(get_str(s, "name"), name)) {
            return s;
        }
    }
    return NULL;
}

static void compare_desc(const char *where, JsonObject *old, JsonObject *cur,
                         GPtrArray *problems)
{
    int64_t ov = get_int(old, "version_id"), cv = get_int(cur, "version_id");
    int64_t cmin = get_int(cur, "minimum_version_id");
    JsonArray *osubs = get_array(old, "Subsections");
    JsonArray *csubs = get_array(cur, "Subsections");

    if (ov != cv) {
        problem(problems, "%s: version_id changed from %" PRId64 " to %" PRId64
                " (use a subsection)", where, ov, cv);
    }
    if (cmin > ov) {
        problem(problems, "%s: minimum_version_id %" PRId64 " is above the released "
                "version %" PRId64, where, cmin, ov);
    }
    compare_fields(where, get_array(old, "Fields"), get_array(cur, "Fields"), problems);
    for (guint i = 0; osubs && i < json_array_get_length(osubs); i++) {
        JsonObject *os = array_object(osubs, i);
        const char *name = get_str(os, "name");
        JsonObject *cs = find_subsection(csubs, name);
        g_autofree char *inner = g_strdup_printf("%s/%s", where, name);

        if (!cs) {
            problem(problems, "%s: subsection '%s' removed", where, name);
        } else {
            compare_desc(inner, os, cs, problems);
        }
    }
}

bool vmstate_compat_check(JsonNode *golden, JsonNode *current, GPtrArray *problems)
{
    guint before = problems->len;
    JsonObject *gold, *cur;
    g_autoptr(GList) members = NULL;

    if (!JSON_NODE_HOLDS_OBJECT(golden) || !JSON_NODE_HOLDS_OBJECT(current)) {
        problem(problems, "a description is not a JSON object");
        return false;
    }
    gold = json_node_get_object(golden);
    cur = json_node_get_object(current);
    if (g_strcmp0(get_str(get_object(gold, "vmschkmachine"), "Name"),
                  get_str(get_object(cur, "vmschkmachine"), "Name"))) {
        problem(problems, "machine '%s' compared with machine '%s'",
                get_str(get_object(gold, "vmschkmachine"), "Name"),
                get_str(get_object(cur, "vmschkmachine"), "Name"));
    }
    members = json_object_get_members(gold);
    for (GList *l = members; l; l = l->next) {
        const char *section = l->data;
        JsonObject *os, *cs;

        if (!strcmp(section, "vmschkmachine")) {
            continue;
        }
        os = get_object(gold, section);
        cs = get_object(cur, section);
        if (!cs) {
            problem(problems, "%s: section removed", section);
            continue;
        }
        compare_desc(section, get_object(os, "Description"), get_object(cs, "Description"),
                     problems);
    }
    return problems->len == before;
}
