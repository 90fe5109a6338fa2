/*
 * The stream writer and reader (shared/spec/migration-stream.md, "Top
 * level"): header, configuration, live sections, SWITCHOVER_START, FULL
 * sections of the VMState registry, EOF, vmdesc trailer.
 *
 * Identity: a FULL or START section names (idstr, instance id); the
 * receiver binds the sender's section id to the entry it found, so PART
 * and END sections (and every footer) are checked against that binding.
 */
#include "qemu/osdep.h"
#include "hw/boards.h"
#include "migration/savevm.h"
#include "migration/vmdesc.h"
#include "migration/vmstate.h"
#include "migration/migration-priv.h"

/* ---- live handlers ---- */

typedef struct LiveEntry {
    char *idstr;
    int instance_id;
    int version_id;
    int section_id;
    const SaveVMHandlers *ops;
    void *opaque;
    bool done;          /* save_live_iterate reported completion */
} LiveEntry;

static GPtrArray *live_entries;     /* LiveEntry *, registration order */

static void live_entry_free(gpointer p)
{
    LiveEntry *le = p;

    g_free(le->idstr);
    g_free(le);
}

static LiveEntry *live_find(const char *idstr, int instance_id)
{
    for (guint i = 0; live_entries && i < live_entries->len; i++) {
        LiveEntry *le = g_ptr_array_index(live_entries, i);

        if (!strcmp(le->idstr, idstr) && le->instance_id == instance_id) {
            return le;
        }
    }
    return NULL;
}

void register_savevm_live(const char *idstr, int instance_id, int version_id,
                          const SaveVMHandlers *ops, void *opaque)
{
    LiveEntry *le;

    assert(strlen(idstr) < 256);
    if (live_find(idstr, instance_id)) {
        g_error("savevm: duplicate live section '%s' instance %d", idstr,
                instance_id);
    }
    if (!live_entries) {
        live_entries = g_ptr_array_new_with_free_func(live_entry_free);
    }
    le = g_new0(LiveEntry, 1);
    le->idstr = g_strdup(idstr);
    le->instance_id = instance_id;
    le->version_id = version_id;
    le->section_id = vmstate_alloc_section_id();
    le->ops = ops;
    le->opaque = opaque;
    g_ptr_array_add(live_entries, le);
}

void unregister_savevm_live(const char *idstr, int instance_id)
{
    LiveEntry *le = live_find(idstr, instance_id);

    if (le) {
        g_ptr_array_remove(live_entries, le);
    }
}

/* ---- section framing ---- */

static void put_section_header(QEMUFile *f, uint8_t type, int section_id,
                               const char *idstr, int instance_id,
                               int version_id)
{
    qemu_put_byte(f, type);
    qemu_put_be32(f, section_id);
    if (type == QEMU_VM_SECTION_START || type == QEMU_VM_SECTION_FULL) {
        size_t len = strlen(idstr);

        qemu_put_byte(f, len);
        qemu_put_buffer(f, (const uint8_t *)idstr, len);
        qemu_put_be32(f, instance_id);
        qemu_put_be32(f, version_id);
    }
}

static void put_section_footer(QEMUFile *f, int section_id)
{
    qemu_put_byte(f, QEMU_VM_SECTION_FOOTER);
    qemu_put_be32(f, section_id);
}

static void put_command(QEMUFile *f, uint16_t cmd, uint16_t len,
                        const uint8_t *data)
{
    qemu_put_byte(f, QEMU_VM_COMMAND);
    qemu_put_be16(f, cmd);
    qemu_put_be16(f, len);
    if (len) {
        qemu_put_buffer(f, data, len);
    }
}

void qemu_savevm_send_open_return_path(QEMUFile *f, uint32_t ping)
{
    uint8_t be[4] = { ping >> 24, ping >> 16, ping >> 8, ping };

    put_command(f, MIG_CMD_OPEN_RETURN_PATH, 0, NULL);
    put_command(f, MIG_CMD_PING, 4, be);
}

/* ---- save ---- */

static JsonBuilder *save_desc_builder;   /* vmdesc between header and complete */

static bool stream_error(QEMUFile *f, Error **errp)
{
    int err = qemu_file_get_error(f);

    if (err) {
        error_setg(errp, "write error on the migration stream: %s",
                   g_strerror(-err));
        return true;
    }
    return false;
}

void qemu_savevm_state_header(QEMUFile *f)
{
    JSONWriter jw;
    Error *err = NULL;

    qemu_put_be32(f, QEMU_VM_FILE_MAGIC);
    qemu_put_be32(f, QEMU_VM_FILE_VERSION);

    if (save_desc_builder) {
        g_object_unref(save_desc_builder);
    }
    save_desc_builder = json_builder_new();
    jw.builder = save_desc_builder;
    json_builder_begin_object(jw.builder);
    json_builder_set_member_name(jw.builder, "page_size");
    json_builder_add_int_value(jw.builder, 1 << MIGRATION_TARGET_PAGE_BITS);
    json_builder_set_member_name(jw.builder, "configuration");
    json_builder_begin_object(jw.builder);
    qemu_put_byte(f, QEMU_VM_CONFIGURATION);
    /* Only fails on a write error, which the stream keeps. */
    if (!migration_config_save(f, &jw, &err)) {
        error_free(err);
    }
    json_builder_end_object(jw.builder);
}

bool qemu_savevm_state_setup(QEMUFile *f, Error **errp)
{
    for (guint i = 0; live_entries && i < live_entries->len; i++) {
        LiveEntry *le = g_ptr_array_index(live_entries, i);

        le->done = false;
        put_section_header(f, QEMU_VM_SECTION_START, le->section_id,
                           le->idstr, le->instance_id, le->version_id);
        if (le->ops->save_setup && !le->ops->save_setup(f, le->opaque, errp)) {
            error_prepend(errp, "%s instance %d: ", le->idstr, le->instance_id);
            return false;
        }
        put_section_footer(f, le->section_id);
    }
    return !stream_error(f, errp);
}

int qemu_savevm_state_iterate(QEMUFile *f, Error **errp)
{
    int all_done = 1;

    for (guint i = 0; live_entries && i < live_entries->len; i++) {
        LiveEntry *le = g_ptr_array_index(live_entries, i);
        int ret;

        if (le->done || !le->ops->save_live_iterate) {
            continue;
        }
        put_section_header(f, QEMU_VM_SECTION_PART, le->section_id, NULL, 0, 0);
        ret = le->ops->save_live_iterate(f, le->opaque, errp);
        if (ret < 0) {
            error_prepend(errp, "%s instance %d: ", le->idstr, le->instance_id);
            return -1;
        }
        put_section_footer(f, le->section_id);
        le->done = ret > 0;
        all_done &= le->done;
    }
    return stream_error(f, errp) ? -1 : all_done;
}

typedef struct SaveDevicesCtx {
    QEMUFile *f;
    JSONWriter *jw;
    Error *err;
} SaveDevicesCtx;

static void save_one_entry(VMStateEntry *e, void *opaque)
{
    SaveDevicesCtx *ctx = opaque;
    const VMStateDescription *vmsd = e->vmsd;
    g_autofree char *label = NULL;
    JsonBuilder *jb = ctx->jw->builder;

    if (ctx->err || (vmsd->needed && !vmsd->needed(e->opaque))) {
        return;
    }
    label = g_strdup_printf("%s instance %d", e->idstr, e->instance_id);
    put_section_header(ctx->f, QEMU_VM_SECTION_FULL, e->section_id, e->idstr,
                       e->instance_id, vmsd->version_id);
    json_builder_begin_object(jb);
    json_builder_set_member_name(jb, "name");
    json_builder_add_string_value(jb, e->idstr);
    json_builder_set_member_name(jb, "instance_id");
    json_builder_add_int_value(jb, e->instance_id);
    if (!vmstate_save_state_label(ctx->f, vmsd, e->opaque, ctx->jw, label,
                                  &ctx->err)) {
        return;
    }
    json_builder_end_object(jb);
    put_section_footer(ctx->f, e->section_id);
}

/*
 * The trailer: 0x06, be32 length, JSON. Analysis tools find it by the
 * last NUL byte of the stream and the first '{' after it, so no byte of
 * the length after its last zero may be '{': pad the JSON with spaces
 * until that holds.
 */
static void put_vmdesc(QEMUFile *f, JsonBuilder *jb)
{
    g_autoptr(JsonNode) root = json_builder_get_root(jb);
    g_autofree char *json = migration_json_compact(root);
    GString *s = g_string_new(json);

    for (;;) {
        uint32_t len = s->len;
        uint8_t b[4] = { len >> 24, len >> 16, len >> 8, len };
        int last_zero = -1;
        bool bad = false;

        for (int i = 0; i < 4; i++) {
            if (!b[i]) {
                last_zero = i;
            }
        }
        for (int i = last_zero + 1; i < 4; i++) {
            bad |= b[i] == '{';
        }
        if (!bad) {
            break;
        }
        g_string_append_c(s, ' ');
    }
    qemu_put_byte(f, QEMU_VM_VMDESCRIPTION);
    qemu_put_be32(f, s->len);
    qemu_put_buffer(f, (const uint8_t *)s->str, s->len);
    g_string_free(s, TRUE);
}

bool qemu_savevm_state_complete(QEMUFile *f, Error **errp)
{
    SaveDevicesCtx ctx = { .f = f };
    JSONWriter jw = { .builder = save_desc_builder };

    assert(save_desc_builder);
    put_command(f, MIG_CMD_SWITCHOVER_START, 0, NULL);
    for (guint i = 0; live_entries && i < live_entries->len; i++) {
        LiveEntry *le = g_ptr_array_index(live_entries, i);

        put_section_header(f, QEMU_VM_SECTION_END, le->section_id, NULL, 0, 0);
        if (le->ops->save_live_complete &&
            !le->ops->save_live_complete(f, le->opaque, errp)) {
            error_prepend(errp, "%s instance %d: ", le->idstr, le->instance_id);
            return false;
        }
        put_section_footer(f, le->section_id);
    }
    json_builder_set_member_name(jw.builder, "devices");
    json_builder_begin_array(jw.builder);
    ctx.jw = &jw;
    vmstate_foreach(save_one_entry, &ctx);
    if (ctx.err) {
        error_propagate(errp, ctx.err);
        return false;
    }
    json_builder_end_array(jw.builder);
    json_builder_end_object(jw.builder);
    qemu_put_byte(f, QEMU_VM_EOF);
    put_vmdesc(f, jw.builder);
    qemu_fflush(f);
    return !stream_error(f, errp);
}

void qemu_savevm_state_cleanup(void)
{
    for (guint i = 0; live_entries && i < live_entries->len; i++) {
        LiveEntry *le = g_ptr_array_index(live_entries, i);

        if (le->ops->save_cleanup) {
            le->ops->save_cleanup(le->opaque);
        }
    }
    if (save_desc_builder) {
        g_object_unref(save_desc_builder);
        save_desc_builder = NULL;
    }
}

static void check_blocker(VMStateEntry *e, void *opaque)
{
    Error **errp = opaque;

    if (!*errp && e->vmsd->unmigratable) {
        error_setg(errp, "device '%s' instance %d is not migratable "
                   "(state '%s' is marked unmigratable)", e->idstr,
                   e->instance_id, e->vmsd->name);
    }
}

bool qemu_savevm_state(QEMUFile *f, Error **errp)
{
    Error *err = NULL;
    bool ok;
    int ret;

    global_state_register();
    vmstate_foreach(check_blocker, &err);
    if (err) {
        error_propagate(errp, err);
        return false;
    }
    qemu_savevm_state_header(f);
    ok = qemu_savevm_state_setup(f, errp);
    while (ok && (ret = qemu_savevm_state_iterate(f, errp)) == 0) {
        /* a savevm sends everything now */
    }
    ok = ok && ret > 0 && qemu_savevm_state_complete(f, errp);
    qemu_savevm_state_cleanup();
    return ok;
}

/* ---- load ---- */

typedef struct LoadBinding {
    char *idstr;
    int instance_id;
    int version_id;
    LiveEntry *live;
} LoadBinding;

static void binding_free(gpointer p)
{
    LoadBinding *b = p;

    g_free(b->idstr);
    g_free(b);
}

/* Reads "0x7e, be32 id" and checks both against the section. */
static bool check_footer(QEMUFile *f, uint32_t section_id, const char *idstr,
                         Error **errp)
{
    uint8_t marker = qemu_get_byte(f);
    uint32_t id = qemu_get_be32(f);

    if (qemu_file_is_truncated(f)) {
        error_setg(errp, "truncated stream: section '%s' has no footer", idstr);
        return false;
    }
    if (marker != QEMU_VM_SECTION_FOOTER) {
        error_setg(errp, "missing section footer for '%s' (found 0x%02x)",
                   idstr, marker);
        return false;
    }
    if (id != section_id) {
        error_setg(errp, "mismatched section id in the footer of '%s': %u, "
                   "expected %u", idstr, id, section_id);
        return false;
    }
    return true;
}

static bool check_read(QEMUFile *f, const char *where, Error **errp)
{
    int err = qemu_file_get_error(f);

    if (!err) {
        return true;
    }
    if (err == QEMU_FILE_ETRUNC) {
        error_setg(errp, "truncated stream: it ends in %s", where);
    } else {
        error_setg(errp, "read error in %s: %s", where, g_strerror(-err));
    }
    return false;
}

/* START or FULL: header, binding, payload, footer. */
static bool load_section_start_full(QEMUFile *f, uint8_t type,
                                    GHashTable *bindings, Error **errp)
{
    uint32_t section_id = qemu_get_be32(f);
    uint8_t len = qemu_get_byte(f);
    char idstr[257];
    uint32_t instance_id, version_id;
    g_autofree char *label = NULL;
    LoadBinding *b;

    qemu_get_buffer(f, (uint8_t *)idstr, len);
    idstr[len] = 0;
    instance_id = qemu_get_be32(f);
    version_id = qemu_get_be32(f);
    if (!check_read(f, "a section header", errp)) {
        return false;
    }
    if (strlen(idstr) != len) {
        error_setg(errp, "section name '%s' contains a NUL byte", idstr);
        return false;
    }
    label = g_strdup_printf("%s instance %u", idstr, instance_id);
    b = g_new0(LoadBinding, 1);
    b->idstr = g_strdup(idstr);
    b->instance_id = instance_id;
    b->version_id = version_id;
    if (type == QEMU_VM_SECTION_START) {
        b->live = live_find(idstr, instance_id);
        if (!b->live) {
            error_setg(errp, "unknown section or instance '%s' %u", idstr,
                       instance_id);
            binding_free(b);
            return false;
        }
        if (version_id > (uint32_t)b->live->version_id) {
            error_setg(errp, "%s: version %u is too new (local version %d)",
                       label, version_id, b->live->version_id);
            binding_free(b);
            return false;
        }
        g_hash_table_replace(bindings, GUINT_TO_POINTER(section_id), b);
        if (!b->live->ops->load_state(f, b->live->opaque, version_id, type,
                                      errp)) {
            error_prepend(errp, "%s: ", label);
            return false;
        }
    } else {
        VMStateEntry *e = instance_id > INT_MAX ? NULL
                                                : vmstate_find(idstr, instance_id);

        binding_free(b);
        if (!e) {
            error_setg(errp, "unknown section or instance '%s' %u", idstr,
                       instance_id);
            return false;
        }
        if (version_id > INT_MAX) {
            error_setg(errp, "%s: version %u is too new (local version %d)",
                       label, version_id, e->vmsd->version_id);
            return false;
        }
        if (!vmstate_load_state_label(f, e->vmsd, e->opaque, version_id, label,
                                      errp)) {
            return false;
        }
    }
    return check_footer(f, section_id, idstr, errp);
}

static bool load_section_part_end(QEMUFile *f, uint8_t type,
                                  GHashTable *bindings, Error **errp)
{
    uint32_t section_id = qemu_get_be32(f);
    LoadBinding *b;

    if (!check_read(f, "a section header", errp)) {
        return false;
    }
    b = g_hash_table_lookup(bindings, GUINT_TO_POINTER(section_id));
    if (!b) {
        error_setg(errp, "unknown section id %u (no START section bound it)",
                   section_id);
        return false;
    }
    if (!b->live->ops->load_state(f, b->live->opaque, b->version_id, type,
                                  errp)) {
        error_prepend(errp, "%s instance %d: ", b->idstr, b->instance_id);
        return false;
    }
    return check_footer(f, section_id, b->idstr, errp);
}

static const LoadvmReturnPath *loadvm_rp;

void qemu_loadvm_set_return_path(const LoadvmReturnPath *rp)
{
    loadvm_rp = rp;
}

static bool load_command(QEMUFile *f, Error **errp)
{
    static const struct {
        const char *name;
        uint16_t len;
    } cmds[] = {
        [MIG_CMD_OPEN_RETURN_PATH] = { "OPEN_RETURN_PATH", 0 },
        [MIG_CMD_PING] = { "PING", 4 },
        [MIG_CMD_SWITCHOVER_START] = { "SWITCHOVER_START", 0 },
    };
    uint16_t cmd = qemu_get_be16(f);
    uint16_t len = qemu_get_be16(f);
    uint32_t value = 0;

    if (!check_read(f, "a command", errp)) {
        return false;
    }
    if (cmd >= G_N_ELEMENTS(cmds) || !cmds[cmd].name) {
        error_setg(errp, "unsupported command %u in the stream", cmd);
        return false;
    }
    if (len != cmds[cmd].len) {
        error_setg(errp, "command %s with length %u, expected %u",
                   cmds[cmd].name, len, cmds[cmd].len);
        return false;
    }
    if (len) {
        value = qemu_get_be32(f);
        if (!check_read(f, "a command", errp)) {
            return false;
        }
    }
    if (cmd == MIG_CMD_OPEN_RETURN_PATH && loadvm_rp) {
        loadvm_rp->open();
    } else if (cmd == MIG_CMD_PING && loadvm_rp) {
        loadvm_rp->ping(value);
    }
    return true;
}

bool qemu_loadvm_state(QEMUFile *f, Error **errp)
{
    g_autoptr(GHashTable) bindings = NULL;
    Error *err = NULL;
    uint32_t magic, version;
    uint8_t type;

    global_state_register();
    magic = qemu_get_be32(f);
    version = qemu_get_be32(f);
    if (!check_read(f, "the file header", errp)) {
        return false;
    }
    if (magic != QEMU_VM_FILE_MAGIC) {
        error_setg(errp, "not a migration stream (magic 0x%08x, expected "
                   "0x%08x)", magic, QEMU_VM_FILE_MAGIC);
        return false;
    }
    if (version != QEMU_VM_FILE_VERSION) {
        error_setg(errp, "unsupported stream version %u (expected %d)", version,
                   QEMU_VM_FILE_VERSION);
        return false;
    }
    type = qemu_get_byte(f);
    if (!check_read(f, "the configuration section", errp)) {
        return false;
    }
    if (type != QEMU_VM_CONFIGURATION) {
        error_setg(errp, "missing configuration section (found section type "
                   "0x%02x)", type);
        return false;
    }
    if (!migration_config_load(f, &err)) {
        /*
         * A stream cut inside the configuration can look like one without
         * its optional subsections: name the real problem.
         */
        if (qemu_peek_byte(f, 0) < 0 && !qemu_file_get_error(f)) {
            error_free(err);
            qemu_file_set_error(f, QEMU_FILE_ETRUNC);
            check_read(f, "the configuration section", errp);
        } else {
            error_propagate(errp, err);
        }
        return false;
    }
    bindings = g_hash_table_new_full(NULL, NULL, NULL, binding_free);
    for (;;) {
        bool ok;

        type = qemu_get_byte(f);
        if (!check_read(f, "the section list (no EOF section)", errp)) {
            return false;
        }
        switch (type) {
        case QEMU_VM_EOF:
            return true;
        case QEMU_VM_SECTION_START:
        case QEMU_VM_SECTION_FULL:
            ok = load_section_start_full(f, type, bindings, errp);
            break;
        case QEMU_VM_SECTION_PART:
        case QEMU_VM_SECTION_END:
            ok = load_section_part_end(f, type, bindings, errp);
            break;
        case QEMU_VM_COMMAND:
            ok = load_command(f, errp);
            break;
        default:
            error_setg(errp, "unknown section type 0x%02x", type);
            return false;
        }
        if (!ok) {
            return false;
        }
    }
}
