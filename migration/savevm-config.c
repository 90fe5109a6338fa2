/*
 * The configuration section and the globalstate section.
 *
 * configuration: be32 len + machine type name, then the subsections
 * configuration/target-page-bits (when pages are above the target's legacy
 * minimum) and configuration/capabilities (when any capability is set).
 * It is a VMStateDescription like any other, so its vmdesc comes for free;
 * the name check happens in post_load, naming both machines.
 *
 * globalstate: the run state of the source, so that the destination knows
 * whether to resume.
 */
#include "qemu/osdep.h"
#include "hw/boards.h"
#include "migration/savevm.h"
#include "migration/vmstate.h"
#include "migration/migration-priv.h"

#define MAX_CAPABILITIES 64

typedef struct ConfigState {
    uint32_t len;
    uint8_t *name;              /* not NUL-terminated on the wire */
    uint32_t target_page_bits;
    uint32_t caps_count;
    char **capabilities;        /* caps_count entries */
} ConfigState;

static char *machine_name_override;
static GStrv local_caps;
static ConfigState config_state;

void savevm_set_machine_name(const char *name)
{
    g_free(machine_name_override);
    machine_name_override = g_strdup(name);
}

void savevm_set_capabilities(const char *const *caps)
{
    g_strfreev(local_caps);
    local_caps = caps && caps[0] ? g_strdupv((char **)caps) : NULL;
}

const char *migration_machine_name(void)
{
    if (machine_name_override) {
        return machine_name_override;
    }
    if (current_machine) {
        return MACHINE_GET_CLASS(current_machine)->name;
    }
    return "none";
}

/* The page size below which QEMU's targets omit target-page-bits. */
static uint32_t legacy_page_bits(void)
{
    return !strcmp(target_name(), "arm") ? 10 : 12;
}

static void config_free_caps(ConfigState *s)
{
    for (uint32_t i = 0; s->capabilities && i < s->caps_count; i++) {
        g_free(s->capabilities[i]);
    }
    g_free(s->capabilities);
    s->capabilities = NULL;
    s->caps_count = 0;
}

static void config_clear(ConfigState *s)
{
    config_free_caps(s);
    g_free(s->name);
    s->name = NULL;
    s->len = 0;
}

static bool config_pre_save(void *opaque, Error **errp)
{
    ConfigState *s = opaque;
    const char *name = migration_machine_name();

    config_clear(s);
    s->len = strlen(name);
    s->name = (uint8_t *)g_strdup(name);
    s->target_page_bits = MIGRATION_TARGET_PAGE_BITS;
    s->caps_count = local_caps ? g_strv_length(local_caps) : 0;
    s->capabilities = g_new0(char *, s->caps_count + 1);
    for (uint32_t i = 0; i < s->caps_count; i++) {
        s->capabilities[i] = g_strdup(local_caps[i]);
    }
    return true;
}

static bool config_pre_load(void *opaque, Error **errp)
{
    config_clear(opaque);
    return true;
}

static bool config_post_load(void *opaque, int version_id, Error **errp)
{
    ConfigState *s = opaque;
    const char *local = migration_machine_name();
    g_autofree char *name = s->name ? g_strndup((const char *)s->name, s->len)
                                    : g_strdup("");

    if (strlen(name) != s->len || strcmp(name, local)) {
        error_setg(errp, "machine type mismatch: the stream is for '%s', this "
                   "machine is '%s'", name, local);
        return false;
    }
    if (s->target_page_bits != MIGRATION_TARGET_PAGE_BITS) {
        error_setg(errp, "target page bits mismatch: the stream has %u, this "
                   "machine uses %d", s->target_page_bits,
                   MIGRATION_TARGET_PAGE_BITS);
        return false;
    }
    for (uint32_t i = 0; i < s->caps_count; i++) {
        if (!local_caps || !g_strv_contains((const char *const *)local_caps,
                                            s->capabilities[i])) {
            error_setg(errp, "capability '%s' is set on the source but not "
                       "here", s->capabilities[i]);
            return false;
        }
    }
    return true;
}

static bool config_len_ok(void *opaque, int version_id)
{
    return ((ConfigState *)opaque)->len < 256;
}

static bool page_bits_needed(void *opaque)
{
    return MIGRATION_TARGET_PAGE_BITS > legacy_page_bits();
}

static void page_bits_absent(void *opaque)
{
    ((ConfigState *)opaque)->target_page_bits = legacy_page_bits();
}

static const VMStateDescription vmstate_target_page_bits = {
    .name = "configuration/target-page-bits",
    .version_id = 1,
    .minimum_version_id = 1,
    .needed = page_bits_needed,
    .absent = page_bits_absent,
    .fields = (const VMStateField[]) {
        VMSTATE_UINT32(target_page_bits, ConfigState),
        VMSTATE_END_OF_LIST()
    },
};

static bool config_pre_load_caps(void *opaque, Error **errp)
{
    config_free_caps(opaque);
    return true;
}

static bool caps_needed(void *opaque)
{
    return local_caps != NULL;
}

static bool caps_count_ok(void *opaque, int version_id)
{
    return ((ConfigState *)opaque)->caps_count <= MAX_CAPABILITIES;
}

static int put_capability(QEMUFile *f, void *pv, size_t size,
                          const VMStateField *field, JSONWriter *vmdesc,
                          Error **errp)
{
    const char *cap = *(char **)pv;
    size_t len = strlen(cap);

    assert(len < 256);
    qemu_put_byte(f, len);
    qemu_put_buffer(f, (const uint8_t *)cap, len);
    return 0;
}

static int get_capability(QEMUFile *f, void *pv, size_t size,
                          const VMStateField *field, Error **errp)
{
    uint8_t len = qemu_get_byte(f);
    char buf[256];

    qemu_get_buffer(f, (uint8_t *)buf, len);
    buf[len] = 0;
    *(char **)pv = g_strdup(buf);
    return 0;
}

static const VMStateInfo vmstate_info_capability = {
    .name = "capability",
    .get = get_capability,
    .put = put_capability,
};

static const VMStateDescription vmstate_capabilities = {
    .name = "configuration/capabilities",
    .version_id = 1,
    .minimum_version_id = 1,
    .needed = caps_needed,
    .pre_load = config_pre_load_caps,
    .fields = (const VMStateField[]) {
        VMSTATE_UINT32(caps_count, ConfigState),
        VMSTATE_VALIDATE("capability count <= 64", caps_count_ok),
        {
            .name = "capabilities", .kind = VMS_KIND_CUSTOM,
            .info = &vmstate_info_capability, .size = sizeof(char *),
            .flags = VMS_VARRAY_UINT32 | VMS_POINTER | VMS_ALLOC,
            .num_offset = offsetof(ConfigState, caps_count),
            .offset = offsetof(ConfigState, capabilities),
        },
        VMSTATE_END_OF_LIST()
    },
};

static const VMStateDescription vmstate_configuration = {
    .name = "configuration",
    .version_id = 1,
    .minimum_version_id = 1,
    .pre_save = config_pre_save,
    .pre_load = config_pre_load,
    .post_load = config_post_load,
    .fields = (const VMStateField[]) {
        VMSTATE_UINT32(len, ConfigState),
        VMSTATE_VALIDATE("machine name length < 256", config_len_ok),
        {
            .name = "name", .kind = VMS_KIND_BUFFER,
            .flags = VMS_VBUFFER | VMS_POINTER | VMS_ALLOC,
            .size_offset = offsetof(ConfigState, len),
            .offset = offsetof(ConfigState, name),
        },
        VMSTATE_END_OF_LIST()
    },
    .subsections = (const VMStateDescription *const[]) {
        &vmstate_target_page_bits,
        &vmstate_capabilities,
        NULL
    },
};

bool migration_config_save(QEMUFile *f, JSONWriter *jw, Error **errp)
{
    return vmstate_save_state(f, &vmstate_configuration, &config_state, jw,
                              errp);
}

bool migration_config_load(QEMUFile *f, Error **errp)
{
    return vmstate_load_state(f, &vmstate_configuration, &config_state,
                              vmstate_configuration.version_id, errp);
}

/* ---- globalstate ---- */

typedef struct GlobalState {
    uint32_t size;
    uint8_t runstate[32];
    bool has_vm_was_suspended;
    bool vm_was_suspended;
    RunState loaded;
} GlobalState;

static GlobalState global_state = { .loaded = RUN_STATE_PRELAUNCH };
static bool global_state_registered;
/* RUN_STATE__MAX: none stored, pre_save reads the current state. */
static RunState global_state_stored = RUN_STATE__MAX;

void global_state_store(RunState state)
{
    global_state_stored = state;
}

static bool global_state_pre_save(void *opaque, Error **errp)
{
    GlobalState *s = opaque;
    const char *name = runstate_name(global_state_stored != RUN_STATE__MAX ?
                                     global_state_stored : runstate_get());

    memset(s->runstate, 0, sizeof(s->runstate));
    g_strlcpy((char *)s->runstate, name, sizeof(s->runstate));
    s->size = strlen((char *)s->runstate) + 1;
    s->has_vm_was_suspended = true;
    s->vm_was_suspended = runstate_check(RUN_STATE_SUSPENDED);
    return true;
}

static bool global_state_post_load(void *opaque, int version_id, Error **errp)
{
    GlobalState *s = opaque;
    char name[sizeof(s->runstate) + 1];
    RunState state;

    memcpy(name, s->runstate, sizeof(s->runstate));
    name[sizeof(s->runstate)] = 0;
    if (s->size == 0 || s->size > sizeof(s->runstate) ||
        strlen(name) + 1 != s->size) {
        error_setg(errp, "field 'size': %u does not match the run state name "
                   "'%s'", s->size, name);
        return false;
    }
    if (!runstate_from_name(name, &state)) {
        error_setg(errp, "field 'runstate': unknown run state '%s'", name);
        return false;
    }
    s->loaded = state;
    if (!s->has_vm_was_suspended) {
        s->vm_was_suspended = false;
    }
    return true;
}

static const VMStateDescription vmstate_globalstate = {
    .name = "globalstate",
    .version_id = 1,
    .minimum_version_id = 1,
    .pre_save = global_state_pre_save,
    .post_load = global_state_post_load,
    .fields = (const VMStateField[]) {
        VMSTATE_UINT32(size, GlobalState),
        VMSTATE_BUFFER(runstate, GlobalState),
        VMSTATE_BOOL(has_vm_was_suspended, GlobalState),
        VMSTATE_BOOL(vm_was_suspended, GlobalState),
        VMSTATE_UNUSED(66),
        VMSTATE_END_OF_LIST()
    },
};

void global_state_register(void)
{
    if (!global_state_registered) {
        vmstate_register(NULL, 0, &vmstate_globalstate, &global_state);
        global_state_registered = true;
    }
}

RunState global_state_get_runstate(void)
{
    return global_state.loaded;
}

bool global_state_vm_was_suspended(void)
{
    return global_state.vm_was_suspended;
}

/* ---- JSON ---- */

static void json_compact(GString *out, JsonNode *node)
{
    if (JSON_NODE_HOLDS_OBJECT(node)) {
        JsonObject *obj = json_node_get_object(node);
        GList *members = json_object_get_members(obj);

        g_string_append_c(out, '{');
        for (GList *l = members; l; l = l->next) {
            g_autoptr(JsonNode) key = json_node_init_string(json_node_alloc(),
                                                            l->data);
            g_autofree char *k = json_to_string(key, FALSE);

            g_string_append_printf(out, "%s%s: ", l == members ? "" : ", ", k);
            json_compact(out, json_object_get_member(obj, l->data));
        }
        g_string_append_c(out, '}');
        g_list_free(members);
    } else if (JSON_NODE_HOLDS_ARRAY(node)) {
        JsonArray *arr = json_node_get_array(node);

        g_string_append_c(out, '[');
        for (guint i = 0; i < json_array_get_length(arr); i++) {
            if (i) {
                g_string_append(out, ", ");
            }
            json_compact(out, json_array_get_element(arr, i));
        }
        g_string_append_c(out, ']');
    } else {
        g_autofree char *v = json_to_string(node, FALSE);

        g_string_append(out, v);
    }
}

char *migration_json_compact(JsonNode *node)
{
    GString *out = g_string_new(NULL);

    json_compact(out, node);
    return g_string_free(out, FALSE);
}
