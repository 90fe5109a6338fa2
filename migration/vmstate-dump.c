/*
 * -dump-vmstate: every device class's VMStateDescription as pretty JSON
 * (spec "-dump-vmstate FILE"), the input of a static compatibility check
 * between two builds or against golden files of earlier releases.
 */
#include "qemu/osdep.h"
#include <json-glib/json-glib.h>
#include "hw/qdev-core.h"
#include "migration/savevm.h"
#include "migration/vmstate.h"

static void dump_desc(JsonBuilder *jb, const VMStateDescription *vmsd);

static void dump_field(JsonBuilder *jb, const VMStateField *field)
{
    json_builder_begin_object(jb);
    json_builder_set_member_name(jb, "field");
    json_builder_add_string_value(jb, field->name);
    json_builder_set_member_name(jb, "version_id");
    json_builder_add_int_value(jb, field->version_id);
    json_builder_set_member_name(jb, "field_exists");
    json_builder_add_boolean_value(jb, field->field_exists != NULL);
    json_builder_set_member_name(jb, "size");
    json_builder_add_int_value(jb, field->size);
    if (field->flags & VMS_ARRAY) {
        json_builder_set_member_name(jb, "num");
        json_builder_add_int_value(jb, field->num);
    }
    if (field->kind == VMS_KIND_STRUCT) {
        json_builder_set_member_name(jb, "Description");
        dump_desc(jb, field->vmsd);
    }
    json_builder_end_object(jb);
}

static void dump_desc(JsonBuilder *jb, const VMStateDescription *vmsd)
{
    json_builder_begin_object(jb);
    json_builder_set_member_name(jb, "name");
    json_builder_add_string_value(jb, vmsd->name);
    json_builder_set_member_name(jb, "version_id");
    json_builder_add_int_value(jb, vmsd->version_id);
    json_builder_set_member_name(jb, "minimum_version_id");
    json_builder_add_int_value(jb, vmsd->minimum_version_id);
    json_builder_set_member_name(jb, "Fields");
    json_builder_begin_array(jb);
    for (const VMStateField *f = vmsd->fields; f && f->name; f++) {
        dump_field(jb, f);
    }
    json_builder_end_array(jb);
    json_builder_set_member_name(jb, "Subsections");
    json_builder_begin_array(jb);
    for (const VMStateDescription *const *s = vmsd->subsections; s && *s; s++) {
        dump_desc(jb, *s);
    }
    json_builder_end_array(jb);
    json_builder_end_object(jb);
}

static gint compare_class_names(gconstpointer a, gconstpointer b)
{
    return strcmp(object_class_get_name((ObjectClass *)a),
                  object_class_get_name((ObjectClass *)b));
}

bool vmstate_dump_file(FILE *out, const char *machine, Error **errp)
{
    g_autoptr(JsonBuilder) jb = json_builder_new();
    g_autoptr(JsonGenerator) gen = json_generator_new();
    g_autoptr(JsonNode) root = NULL;
    g_autofree char *text = NULL;
    GSList *list = object_class_get_list(TYPE_DEVICE, false);

    /* Sorted by type name, so that two dumps compare line by line. */
    list = g_slist_sort(list, compare_class_names);
    json_builder_begin_object(jb);
    json_builder_set_member_name(jb, "vmschkmachine");
    json_builder_begin_object(jb);
    json_builder_set_member_name(jb, "Name");
    json_builder_add_string_value(jb, machine);
    json_builder_end_object(jb);
    for (GSList *l = list; l; l = l->next) {
        DeviceClass *dc = DEVICE_CLASS(l->data);
        const VMStateDescription *vmsd = dc->vmsd;

        if (!vmsd) {
            continue;
        }
        json_builder_set_member_name(jb, object_class_get_name(l->data));
        json_builder_begin_object(jb);
        json_builder_set_member_name(jb, "Name");
        json_builder_add_string_value(jb, vmsd->name);
        json_builder_set_member_name(jb, "version_id");
        json_builder_add_int_value(jb, vmsd->version_id);
        json_builder_set_member_name(jb, "minimum_version_id");
        json_builder_add_int_value(jb, vmsd->minimum_version_id);
        json_builder_set_member_name(jb, "Description");
        dump_desc(jb, vmsd);
        json_builder_end_object(jb);
    }
    g_slist_free(list);
    json_builder_end_object(jb);
    root = json_builder_get_root(jb);
    json_generator_set_root(gen, root);
    json_generator_set_pretty(gen, TRUE);
    json_generator_set_indent(gen, 2);
    text = json_generator_to_data(gen, NULL);
    if (fputs(text, out) < 0 || fputc('\n', out) < 0 || fflush(out) != 0) {
        error_setg_errno(errp, errno, "cannot write the vmstate dump");
        return false;
    }
    return true;
}
