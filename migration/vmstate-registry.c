/*
 * The registry of state instances and checks of description tables. The
 * stream engine that walks them lives beside this file.
 */
#include "qemu/osdep.h"
#include "migration/vmstate.h"

static GPtrArray *entries;      /* VMStateEntry *, registration order */
static int next_section_id;

const char *vmstate_kind_name(VMStateKind kind)
{
    static const char *const names[VMS_KIND__MAX] = {
        [VMS_KIND_BOOL] = "bool",
        [VMS_KIND_INT8] = "int8",
        [VMS_KIND_INT16] = "int16",
        [VMS_KIND_INT32] = "int32",
        [VMS_KIND_INT64] = "int64",
        [VMS_KIND_UINT8] = "uint8",
        [VMS_KIND_UINT16] = "uint16",
        [VMS_KIND_UINT32] = "uint32",
        [VMS_KIND_UINT64] = "uint64",
        [VMS_KIND_INT32_LE] = "int32 le",
        [VMS_KIND_FLOAT64] = "float64",
        [VMS_KIND_CPU_DOUBLE_U] = "CPU_Double_U",
        [VMS_KIND_TIMER] = "timer",
        [VMS_KIND_BUFFER] = "buffer",
        [VMS_KIND_UNUSED] = "unused_buffer",
        [VMS_KIND_BITMAP] = "bitmap",
        [VMS_KIND_STRUCT] = "struct",
        [VMS_KIND_VALIDATE] = "validate",
        [VMS_KIND_CUSTOM] = "custom",
    };

    assert(kind < VMS_KIND__MAX);
    return names[kind];
}

static bool id_taken(const char *idstr, int id)
{
    for (guint i = 0; entries && i < entries->len; i++) {
        VMStateEntry *e = g_ptr_array_index(entries, i);

        if (!strcmp(e->idstr, idstr) && e->instance_id == id) {
            return true;
        }
    }
    return false;
}

VMStateEntry *vmstate_register_full(void *owner, const char *prefix,
                                    int instance_id, int alias_id,
                                    const VMStateDescription *vmsd,
                                    void *opaque)
{
    VMStateEntry *e;
    char *idstr;

    assert(vmsd && vmsd->name);
    if (!entries) {
        entries = g_ptr_array_new_with_free_func(g_free);
    }
    idstr = prefix ? g_strdup_printf("%s/%s", prefix, vmsd->name)
                   : g_strdup(vmsd->name);
    if (strlen(idstr) >= sizeof(e->idstr)) {
        g_error("vmstate: idstr '%s' is too long", idstr);
    }
    if (instance_id < 0) {
        instance_id = 0;
        while (id_taken(idstr, instance_id)) {
            instance_id++;
        }
    } else if (id_taken(idstr, instance_id)) {
        g_error("vmstate: duplicate section '%s' instance %d", idstr,
                instance_id);
    }
    e = g_new0(VMStateEntry, 1);
    g_strlcpy(e->idstr, idstr, sizeof(e->idstr));
    g_free(idstr);
    e->instance_id = instance_id;
    e->alias_id = alias_id;
    e->section_id = next_section_id++;
    e->vmsd = vmsd;
    e->opaque = opaque;
    e->owner = owner;
    g_ptr_array_add(entries, e);
    return e;
}

void vmstate_unregister(void *owner, const VMStateDescription *vmsd,
                        void *opaque)
{
    for (guint i = 0; entries && i < entries->len; i++) {
        VMStateEntry *e = g_ptr_array_index(entries, i);

        if (e->owner == owner && e->vmsd == vmsd && e->opaque == opaque) {
            g_ptr_array_remove_index(entries, i);
            return;
        }
    }
}

VMStateEntry *vmstate_find(const char *idstr, int id)
{
    for (guint i = 0; entries && i < entries->len; i++) {
        VMStateEntry *e = g_ptr_array_index(entries, i);

        if (!strcmp(e->idstr, idstr) &&
            (e->instance_id == id || (e->alias_id >= 0 && e->alias_id == id))) {
            return e;
        }
    }
    return NULL;
}

int vmstate_alloc_section_id(void)
{
    return next_section_id++;
}

static gint compare_entries(gconstpointer a, gconstpointer b)
{
    const VMStateEntry *ea = *(VMStateEntry *const *)a;
    const VMStateEntry *eb = *(VMStateEntry *const *)b;

    /* Higher priority first, then registration order. */
    if (ea->vmsd->priority != eb->vmsd->priority) {
        return ea->vmsd->priority > eb->vmsd->priority ? -1 : 1;
    }
    return ea->section_id - eb->section_id;
}

void vmstate_foreach(void (*fn)(VMStateEntry *e, void *opaque), void *opaque)
{
    g_autoptr(GPtrArray) sorted = g_ptr_array_new();

    for (guint i = 0; entries && i < entries->len; i++) {
        g_ptr_array_add(sorted, g_ptr_array_index(entries, i));
    }
    g_ptr_array_sort(sorted, compare_entries);
    for (guint i = 0; i < sorted->len; i++) {
        fn(g_ptr_array_index(sorted, i), opaque);
    }
}

bool vmstate_check_description(const VMStateDescription *vmsd, Error **errp)
{
    if (!vmsd->name) {
        error_setg(errp, "vmstate description without a name");
        return false;
    }
    if (vmsd->minimum_version_id > vmsd->version_id) {
        error_setg(errp, "vmstate '%s': minimum_version_id %d is above "
                   "version_id %d", vmsd->name, vmsd->minimum_version_id,
                   vmsd->version_id);
        return false;
    }
    for (const VMStateField *f = vmsd->fields; f && f->name; f++) {
        if (f->version_id > vmsd->version_id) {
            error_setg(errp, "vmstate '%s': field '%s' has version %d, above "
                       "the description's %d", vmsd->name, f->name,
                       f->version_id, vmsd->version_id);
            return false;
        }
        if (f->kind == VMS_KIND_STRUCT && !f->vmsd) {
            error_setg(errp, "vmstate '%s': struct field '%s' has no "
                       "description", vmsd->name, f->name);
            return false;
        }
        if (f->kind == VMS_KIND_CUSTOM && !f->info) {
            error_setg(errp, "vmstate '%s': custom field '%s' has no info",
                       vmsd->name, f->name);
            return false;
        }
        if (f->kind == VMS_KIND_STRUCT &&
            !vmstate_check_description(f->vmsd, errp)) {
            return false;
        }
    }
    for (const VMStateDescription *const *sub = vmsd->subsections;
         sub && *sub; sub++) {
        size_t n = strlen(vmsd->name);

        if (strncmp((*sub)->name, vmsd->name, n) || (*sub)->name[n] != '/') {
            error_setg(errp, "vmstate '%s': subsection '%s' must be named "
                       "'%s/...'", vmsd->name, (*sub)->name, vmsd->name);
            return false;
        }
        if (!(*sub)->needed) {
            error_setg(errp, "vmstate '%s': subsection '%s' has no needed()",
                       vmsd->name, (*sub)->name);
            return false;
        }
        if (!vmstate_check_description(*sub, errp)) {
            return false;
        }
    }
    return true;
}
