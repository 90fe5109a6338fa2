/*
 * The VMState engine: walks a VMStateDescription to write or read a
 * device's state in the stream format of shared/spec/migration-stream.md,
 * and describes what it wrote in the vmdesc JSON.
 *
 * Presence of a field: its field_exists test if it has one (called with
 * the version being written, or the stream's version on load), otherwise
 * version_id <= that version. Nested structs always use their own current
 * version: nested versions never travel. Subsections follow the fields as
 * 0x05, u8 len, name, be32 version, then their own fields and subsections.
 *
 * Error messages are "field 'PATH': problem", PATH naming nested structs
 * and array elements ("timer[1].ptimer.enabled"); the public entry points
 * prefix the description name or the caller's label ("pl011 instance 0").
 */
#include "qemu/osdep.h"
#include "migration/vmstate-priv.h"
#include "migration/vmdesc.h"

#define VMS_SUBSECTION 0x05
/* Largest buffer VMS_ALLOC makes for one field: bounds a hostile count. */
#define VMS_ALLOC_MAX (64 * MiB)

static bool save_desc(QEMUFile *f, const VMStateDescription *vmsd,
                      void *opaque, JsonBuilder *jb, const char *prefix,
                      Error **errp);
static bool load_desc(QEMUFile *f, const VMStateDescription *vmsd,
                      void *opaque, int version_id, const char *prefix,
                      Error **errp);

static bool field_present(const VMStateField *field, void *opaque,
                          int version_id)
{
    if (field->field_exists) {
        return field->field_exists(opaque, version_id);
    }
    return field->version_id <= version_id;
}

static bool is_array(const VMStateField *field)
{
    return field->flags & (VMS_ARRAY | VMS_VARRAY_INT32 | VMS_VARRAY_UINT32 |
                           VMS_VARRAY_UINT16 | VMS_VARRAY_UINT8);
}

/* Element count; false (ERRP set) for a negative int32 count. */
static bool field_count(const VMStateField *field, void *opaque, size_t *n,
                        const char *path, Error **errp)
{
    const uint8_t *cnt = (const uint8_t *)opaque + field->num_offset;

    if (field->flags & VMS_ARRAY) {
        *n = field->num;
    } else if (field->flags & VMS_VARRAY_INT32) {
        int32_t v = *(const int32_t *)cnt;

        if (v < 0) {
            error_setg(errp, "field '%s': element count %d is negative", path, v);
            return false;
        }
        *n = v;
    } else if (field->flags & VMS_VARRAY_UINT32) {
        *n = *(const uint32_t *)cnt;
    } else if (field->flags & VMS_VARRAY_UINT16) {
        *n = *(const uint16_t *)cnt;
    } else if (field->flags & VMS_VARRAY_UINT8) {
        *n = *cnt;
    } else {
        *n = 1;
    }
    return true;
}

/*
 * Size of one element: bytes for a BUFFER, bits for a BITMAP (VBUFFER
 * reads it from the size field), the field's size otherwise.
 */
static bool field_elem_size(const VMStateField *field, void *opaque,
                            size_t *size, const char *path, Error **errp)
{
    const uint8_t *p = (const uint8_t *)opaque + field->size_offset;

    if (!(field->flags & VMS_VBUFFER)) {
        *size = field->size;
    } else if (field->kind == VMS_KIND_BITMAP) {
        int32_t bits = *(const int32_t *)p;

        if (bits < 0) {
            error_setg(errp, "field '%s': bit count %d is negative", path, bits);
            return false;
        }
        *size = bits;
    } else {
        *size = *(const uint32_t *)p;
    }
    return true;
}

/* Bytes of storage one element takes (the array stride). */
static size_t elem_stride(const VMStateField *field, size_t size)
{
    if (field->flags & VMS_ARRAY_OF_POINTER) {
        return sizeof(void *);
    }
    if (field->kind == VMS_KIND_BITMAP) {
        return DIV_ROUND_UP(size, 64) * sizeof(unsigned long);
    }
    return size;
}

static const char *kind_type_name(const VMStateField *field)
{
    if (field->kind == VMS_KIND_CUSTOM) {
        return field->info->name;
    }
    if ((field->flags & VMS_EQUAL) && field->kind != VMS_KIND_STRUCT) {
        static const char *const equal[VMS_KIND__MAX] = {
            [VMS_KIND_INT8] = "int8 equal", [VMS_KIND_INT16] = "int16 equal",
            [VMS_KIND_INT32] = "int32 equal", [VMS_KIND_INT64] = "int64 equal",
            [VMS_KIND_UINT8] = "uint8 equal", [VMS_KIND_UINT16] = "uint16 equal",
            [VMS_KIND_UINT32] = "uint32 equal", [VMS_KIND_UINT64] = "uint64 equal",
            [VMS_KIND_BOOL] = "bool equal",
        };
        if (equal[field->kind]) {
            return equal[field->kind];
        }
    }
    return vmstate_kind_name(field->kind);
}

/* "name", or "name[k]" when NAME occurs more than once among FIELDS. */
static char *desc_field_name(const VMStateField *fields,
                             const VMStateField *field)
{
    int before = 0, total = 0;

    for (const VMStateField *f = fields; f->name; f++) {
        if (f->kind == VMS_KIND_VALIDATE || strcmp(f->name, field->name)) {
            continue;
        }
        if (f < field) {
            before++;
        }
        total++;
    }
    return total > 1 ? g_strdup_printf("%s[%d]", field->name, before)
                     : g_strdup(field->name);
}

/* ---- save ---- */

typedef struct ElemDesc {
    const char *type;
    uint64_t size;
    JsonNode *sub;      /* the "struct" object, or NULL */
} ElemDesc;

static void elem_desc_clear(gpointer p)
{
    ElemDesc *d = p;

    if (d->sub) {
        json_node_unref(d->sub);
    }
}

static void emit_elem(JsonBuilder *jb, const char *name, const ElemDesc *d,
                      int64_t array_len, int64_t index)
{
    json_builder_begin_object(jb);
    json_builder_set_member_name(jb, "name");
    json_builder_add_string_value(jb, name);
    if (array_len >= 0) {
        json_builder_set_member_name(jb, "array_len");
        json_builder_add_int_value(jb, array_len);
    }
    if (index >= 0) {
        json_builder_set_member_name(jb, "index");
        json_builder_add_int_value(jb, index);
    }
    json_builder_set_member_name(jb, "type");
    json_builder_add_string_value(jb, d->type);
    if (d->sub) {
        json_builder_set_member_name(jb, "struct");
        json_builder_add_value(jb, json_node_ref(d->sub));
    }
    json_builder_set_member_name(jb, "size");
    json_builder_add_int_value(jb, d->size);
    json_builder_end_object(jb);
}

/*
 * Describes one field: a single object, one with "array_len" when all
 * elements look alike, else one object per element with "index".
 */
static void emit_field(JsonBuilder *jb, const char *name,
                       const VMStateField *field, GArray *elems)
{
    bool same = true;

    if (!elems->len) {
        return;
    }
    for (guint i = 1; i < elems->len; i++) {
        ElemDesc *a = &g_array_index(elems, ElemDesc, 0);
        ElemDesc *b = &g_array_index(elems, ElemDesc, i);

        same &= a->size == b->size && !strcmp(a->type, b->type);
    }
    if (!is_array(field)) {
        emit_elem(jb, name, &g_array_index(elems, ElemDesc, 0), -1, -1);
    } else if (same) {
        emit_elem(jb, name, &g_array_index(elems, ElemDesc, 0), elems->len, -1);
    } else {
        for (guint i = 0; i < elems->len; i++) {
            emit_elem(jb, name, &g_array_index(elems, ElemDesc, i), -1, i);
        }
    }
}

static bool save_elem(QEMUFile *f, const VMStateField *field, void *elem,
                      size_t size, const char *path, ElemDesc *d,
                      bool want_desc, Error **errp)
{
    d->type = kind_type_name(field);
    if (field->kind == VMS_KIND_STRUCT) {
        g_autofree char *prefix = g_strdup_printf("%s.", path);
        g_autoptr(JsonBuilder) sub = want_desc ? json_builder_new() : NULL;

        if (sub) {
            json_builder_begin_object(sub);
        }
        if (!save_desc(f, field->vmsd, elem, sub, prefix, errp)) {
            return false;
        }
        if (sub) {
            json_builder_end_object(sub);
            d->sub = json_builder_get_root(sub);
        }
    } else if (field->kind == VMS_KIND_CUSTOM) {
        Error *err = NULL;

        if (field->info->put(f, elem, size, field, NULL, &err) < 0) {
            if (!err) {
                error_setg(&err, "cannot be saved");
            }
            error_prepend(&err, "field '%s': ", path);
            error_propagate(errp, err);
            return false;
        }
    } else {
        vmstate_put_scalar(f, field, elem, size);
    }
    return true;
}

static bool save_field(QEMUFile *f, const VMStateField *fields,
                       const VMStateField *field, void *opaque, JsonBuilder *jb,
                       const char *prefix, Error **errp)
{
    g_autofree char *path = g_strdup_printf("%s%s", prefix, field->name);
    g_autoptr(GArray) elems = g_array_new(FALSE, TRUE, sizeof(ElemDesc));
    uint8_t *base = (uint8_t *)opaque + field->offset;
    size_t n, size;

    g_array_set_clear_func(elems, elem_desc_clear);
    if (field->kind == VMS_KIND_UNUSED) {
        g_autofree uint8_t *zeros = g_malloc0(field->size);
        ElemDesc d = { .type = vmstate_kind_name(field->kind), .size = field->size };

        qemu_put_buffer(f, zeros, field->size);
        g_array_append_val(elems, d);
        goto describe;
    }
    if (!field_count(field, opaque, &n, path, errp) ||
        !field_elem_size(field, opaque, &size, path, errp)) {
        return false;
    }
    if (field->flags & VMS_POINTER) {
        base = *(uint8_t **)base;
        if (!base && n && size) {
            error_setg(errp, "field '%s': pointer is NULL", path);
            return false;
        }
    }
    for (size_t i = 0; base && i < n; i++) {
        g_autofree char *epath = is_array(field)
            ? g_strdup_printf("%s[%zu]", path, i) : g_strdup(path);
        uint8_t *elem = base + i * elem_stride(field, size);
        uint64_t start = qemu_file_transferred(f);
        ElemDesc d = { 0 };

        if (field->flags & VMS_ARRAY_OF_POINTER) {
            elem = *(uint8_t **)elem;
        }
        if (!elem) {
            qemu_put_byte(f, VMS_NULLPTR_MARKER);
            d.type = "nullptr";
        } else if (!save_elem(f, field, elem, size, epath, &d, jb, errp)) {
            elem_desc_clear(&d);
            return false;
        }
        d.size = qemu_file_transferred(f) - start;
        g_array_append_val(elems, d);
    }
describe:
    if (jb) {
        g_autofree char *name = desc_field_name(fields, field);

        emit_field(jb, name, field, elems);
    }
    return true;
}

static bool save_subsections(QEMUFile *f, const VMStateDescription *vmsd,
                             void *opaque, JsonBuilder *jb, Error **errp)
{
    bool opened = false;

    for (const VMStateDescription *const *p = vmsd->subsections; p && *p; p++) {
        const VMStateDescription *sub = *p;
        size_t len = strlen(sub->name);
        bool ok;

        if (!sub->needed || !sub->needed(opaque)) {
            continue;
        }
        assert(len < 256);
        if (jb && !opened) {
            json_builder_set_member_name(jb, "subsections");
            json_builder_begin_array(jb);
            opened = true;
        }
        qemu_put_byte(f, VMS_SUBSECTION);
        qemu_put_byte(f, len);
        qemu_put_buffer(f, (const uint8_t *)sub->name, len);
        qemu_put_be32(f, sub->version_id);
        if (jb) {
            json_builder_begin_object(jb);
        }
        ok = save_desc(f, sub, opaque, jb, "", errp);
        if (!ok) {
            error_prepend(errp, "subsection '%s': ", sub->name);
            return false;
        }
        if (jb) {
            json_builder_end_object(jb);
        }
    }
    if (opened) {
        json_builder_end_array(jb);
    }
    return true;
}

static bool save_desc(QEMUFile *f, const VMStateDescription *vmsd,
                      void *opaque, JsonBuilder *jb, const char *prefix,
                      Error **errp)
{
    bool ok = true;

    if (vmsd->unmigratable) {
        error_setg(errp, "state '%s' is not migratable", vmsd->name);
        return false;
    }
    if (vmsd->pre_save && !vmsd->pre_save(opaque, errp)) {
        if (errp && !*errp) {
            error_setg(errp, "pre_save of '%s' failed", vmsd->name);
        }
        return false;
    }
    if (jb) {
        json_builder_set_member_name(jb, "vmsd_name");
        json_builder_add_string_value(jb, vmsd->name);
        json_builder_set_member_name(jb, "version");
        json_builder_add_int_value(jb, vmsd->version_id);
        json_builder_set_member_name(jb, "fields");
        json_builder_begin_array(jb);
    }
    for (const VMStateField *field = vmsd->fields; ok && field && field->name;
         field++) {
        if (field->kind == VMS_KIND_VALIDATE) {
            continue;       /* checks incoming state only */
        }
        if (!field_present(field, opaque, vmsd->version_id)) {
            if (field->flags & VMS_MUST_EXIST) {
                error_setg(errp, "field '%s%s': required but not present "
                           "in version %d", prefix, field->name,
                           vmsd->version_id);
                ok = false;
            }
            continue;
        }
        ok = save_field(f, vmsd->fields, field, opaque, jb, prefix, errp);
    }
    if (jb && ok) {
        json_builder_end_array(jb);
    }
    if (ok) {
        ok = save_subsections(f, vmsd, opaque, jb, errp);
    }
    if (vmsd->post_save) {
        vmsd->post_save(opaque);
    }
    if (ok && qemu_file_get_error(f)) {
        error_setg(errp, "write error: %s",
                   g_strerror(-qemu_file_get_error(f)));
        ok = false;
    }
    return ok;
}

bool vmstate_save_state_label(QEMUFile *f, const VMStateDescription *vmsd,
                              void *opaque, JSONWriter *vmdesc,
                              const char *label, Error **errp)
{
    Error *err = NULL;

    if (!save_desc(f, vmsd, opaque, vmdesc ? vmdesc->builder : NULL, "", &err)) {
        error_prepend(&err, "%s: ", label);
        error_propagate(errp, err);
        return false;
    }
    return true;
}

bool vmstate_save_state(QEMUFile *f, const VMStateDescription *vmsd,
                        void *opaque, JSONWriter *vmdesc, Error **errp)
{
    return vmstate_save_state_label(f, vmsd, opaque, vmdesc, vmsd->name, errp);
}

/* ---- load ---- */

static bool load_elem(QEMUFile *f, const VMStateField *field, void *elem,
                      size_t size, const char *path, Error **errp)
{
    if (field->kind == VMS_KIND_STRUCT) {
        g_autofree char *prefix = g_strdup_printf("%s.", path);

        return load_desc(f, field->vmsd, elem, field->vmsd->version_id,
                         prefix, errp);
    }
    if (field->kind == VMS_KIND_CUSTOM) {
        Error *err = NULL;

        if (field->info->get(f, elem, size, field, &err) < 0) {
            if (!err) {
                error_setg(&err, "cannot be loaded");
            }
            error_prepend(&err, "field '%s': ", path);
            error_propagate(errp, err);
            return false;
        }
        return vmstate_check_stream(f, path, errp);
    }
    return vmstate_get_scalar(f, field, elem, size, path, errp);
}

static bool load_field(QEMUFile *f, const VMStateField *field, void *opaque,
                       const char *prefix, Error **errp)
{
    g_autofree char *path = g_strdup_printf("%s%s", prefix, field->name);
    uint8_t *base = (uint8_t *)opaque + field->offset;
    size_t n, size;

    if (field->kind == VMS_KIND_UNUSED) {
        qemu_file_skip(f, field->size);
        return vmstate_check_stream(f, path, errp);
    }
    if (!field_count(field, opaque, &n, path, errp) ||
        !field_elem_size(field, opaque, &size, path, errp)) {
        return false;
    }
    if ((field->flags & VMS_POINTER) && (field->flags & VMS_ALLOC)) {
        size_t stride = elem_stride(field, size);
        void **pp = (void **)base;

        if (n && stride > VMS_ALLOC_MAX / n) {
            error_setg(errp, "field '%s': %zu elements of %zu bytes are too "
                       "many", path, n, stride);
            return false;
        }
        g_free(*pp);
        *pp = n * stride != 0 ? g_malloc0(n * stride) : NULL;
    }
    if (field->flags & VMS_POINTER) {
        base = *(uint8_t **)base;
        if (!base && n && size) {
            error_setg(errp, "field '%s': pointer is NULL", path);
            return false;
        }
    }
    /* A NULL pointer here holds nothing (no elements or empty ones). */
    for (size_t i = 0; base && i < n; i++) {
        g_autofree char *epath = is_array(field)
            ? g_strdup_printf("%s[%zu]", path, i) : g_strdup(path);
        uint8_t *elem = base + i * elem_stride(field, size);

        if (field->flags & VMS_ARRAY_OF_POINTER) {
            elem = *(uint8_t **)elem;
        }
        if (!elem) {
            uint8_t marker = qemu_get_byte(f);

            if (!vmstate_check_stream(f, epath, errp)) {
                return false;
            }
            if (marker != VMS_NULLPTR_MARKER) {
                error_setg(errp, "field '%s': element is NULL here but the "
                           "stream has 0x%02x, not the null marker 0x%02x",
                           epath, marker, VMS_NULLPTR_MARKER);
                return false;
            }
            continue;
        }
        if (!load_elem(f, field, elem, size, epath, errp)) {
            return false;
        }
    }
    return true;
}

static bool check_version(const VMStateDescription *vmsd, int version_id,
                          Error **errp)
{
    if (version_id > vmsd->version_id) {
        error_setg(errp, "version %d is too new (local version %d)",
                   version_id, vmsd->version_id);
        return false;
    }
    if (version_id < vmsd->minimum_version_id) {
        error_setg(errp, "version %d is too old (minimum version %d)",
                   version_id, vmsd->minimum_version_id);
        return false;
    }
    return true;
}

static const VMStateDescription *find_subsection(
    const VMStateDescription *vmsd, const char *name, int *index)
{
    int i = 0;

    for (const VMStateDescription *const *p = vmsd->subsections; p && *p;
         p++, i++) {
        if (!strcmp((*p)->name, name)) {
            *index = i;
            return *p;
        }
    }
    return NULL;
}

static bool load_subsections(QEMUFile *f, const VMStateDescription *vmsd,
                             void *opaque, Error **errp)
{
    size_t nsubs = 0, plen = strlen(vmsd->name);
    g_autofree bool *seen = NULL;

    while (vmsd->subsections && vmsd->subsections[nsubs]) {
        nsubs++;
    }
    seen = g_new0(bool, nsubs + 1);
    for (;;) {
        const VMStateDescription *sub;
        const uint8_t *peek;
        char name[256];
        int len, index = 0;
        uint32_t version;

        if (qemu_peek_byte(f, 0) != VMS_SUBSECTION) {
            break;
        }
        len = qemu_peek_byte(f, 1);
        if (len < 0 || qemu_peek_buffer(f, &peek, len, 2) < (size_t)len) {
            qemu_file_set_error(f, QEMU_FILE_ETRUNC);
            error_setg(errp, "subsection header: stream ends early (truncated)");
            return false;
        }
        if (len) {
            memcpy(name, peek, len);
        }
        name[len] = 0;
        if (strlen(name) <= plen || strncmp(name, vmsd->name, plen) ||
            name[plen] != '/') {
            break;      /* belongs to an outer description */
        }
        sub = find_subsection(vmsd, name, &index);
        if (!sub) {
            error_setg(errp, "subsection %s in %s does not exist", name,
                       vmsd->name);
            return false;
        }
        if (seen[index]) {
            error_setg(errp, "subsection %s in %s appears twice", name,
                       vmsd->name);
            return false;
        }
        seen[index] = true;
        qemu_file_skip(f, 2 + len);
        version = qemu_get_be32(f);
        if (!vmstate_check_stream(f, name, errp)) {
            return false;
        }
        if (version > INT_MAX || !check_version(sub, version, errp) ||
            !load_desc(f, sub, opaque, version, "", errp)) {
            if (version > INT_MAX) {
                error_setg(errp, "version %u is too new (local version %d)",
                           version, sub->version_id);
            }
            error_prepend(errp, "subsection '%s': ", name);
            return false;
        }
    }
    for (size_t i = 0; i < nsubs; i++) {
        if (!seen[i] && vmsd->subsections[i]->absent) {
            vmsd->subsections[i]->absent(opaque);
        }
    }
    return true;
}

static bool load_desc(QEMUFile *f, const VMStateDescription *vmsd,
                      void *opaque, int version_id, const char *prefix,
                      Error **errp)
{
    if (vmsd->unmigratable) {
        error_setg(errp, "state '%s' is not migratable", vmsd->name);
        return false;
    }
    if (vmsd->pre_load && !vmsd->pre_load(opaque, errp)) {
        if (errp && !*errp) {
            error_setg(errp, "pre_load of '%s' failed", vmsd->name);
        }
        return false;
    }
    for (const VMStateField *field = vmsd->fields; field && field->name; field++) {
        if (field->kind == VMS_KIND_VALIDATE) {
            if (!field->field_exists(opaque, version_id)) {
                error_setg(errp, "field '%s%s': validation failed", prefix,
                           field->name);
                return false;
            }
            continue;
        }
        if (!field_present(field, opaque, version_id)) {
            if (field->flags & VMS_MUST_EXIST) {
                error_setg(errp, "field '%s%s': required but not present in "
                           "version %d", prefix, field->name, version_id);
                return false;
            }
            continue;
        }
        if (!load_field(f, field, opaque, prefix, errp)) {
            return false;
        }
    }
    if (!load_subsections(f, vmsd, opaque, errp)) {
        return false;
    }
    if (vmsd->post_load && !vmsd->post_load(opaque, version_id, errp)) {
        if (errp && !*errp) {
            error_setg(errp, "post_load of '%s' failed", vmsd->name);
        }
        return false;
    }
    return true;
}

bool vmstate_load_state_label(QEMUFile *f, const VMStateDescription *vmsd,
                              void *opaque, int version_id,
                              const char *label, Error **errp)
{
    Error *err = NULL;

    if (!check_version(vmsd, version_id, &err) ||
        !load_desc(f, vmsd, opaque, version_id, "", &err)) {
        error_prepend(&err, "%s: ", label);
        error_propagate(errp, err);
        return false;
    }
    return true;
}

bool vmstate_load_state(QEMUFile *f, const VMStateDescription *vmsd,
                        void *opaque, int version_id, Error **errp)
{
    return vmstate_load_state_label(f, vmsd, opaque, version_id, vmsd->name,
                                     errp);
}
