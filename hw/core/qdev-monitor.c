/*
 * -device: creating user devices from option strings, and device help.
 */
#include "qemu/osdep.h"
#include "qemu/option.h"
#include "hw/qdev-properties.h"
#include "hw/qdev-monitor.h"

/* Letters, digits, '-', '.', '_', starting with a letter (QEMU's rule). */
static bool id_wellformed(const char *id)
{
    if (!g_ascii_isalpha(id[0])) {
        return false;
    }
    for (const char *p = id; *p; p++) {
        if (!g_ascii_isalnum(*p) && !strchr("-._", *p)) {
            return false;
        }
    }
    return true;
}

typedef struct BusSearch {
    const char *type;
    BusState *found;
} BusSearch;

static bool bus_has_room(BusState *bus)
{
    int max = BUS_GET_CLASS(bus)->max_dev;

    return !max || bus->num_children < max;
}

static int find_bus(Object *obj, void *opaque)
{
    BusSearch *s = opaque;
    BusState *bus = (BusState *)object_dynamic_cast(obj, TYPE_BUS);

    if (bus && object_dynamic_cast(obj, s->type) && bus_has_room(bus)) {
        s->found = bus;
        return 1;
    }
    return 0;
}

/* The first bus of TYPE with room, searching the whole tree depth first. */
static BusState *qbus_find_by_type(const char *type)
{
    BusSearch s = { type, NULL };

    if (find_bus(OBJECT(sysbus_get_default()), &s)) {
        return s.found;
    }
    object_child_foreach_recursive(object_get_root(), find_bus, &s);
    return s.found;
}

static BusState *device_pick_bus(DeviceClass *dc, const char *driver,
                                 const char *bus_path, Error **errp)
{
    BusState *bus;

    if (bus_path) {
        bool ambiguous = false;

        bus = (BusState *)object_resolve_path_type(bus_path, TYPE_BUS,
                                                   &ambiguous);
        if (!bus) {
            error_setg(errp, "Bus '%s' %s", bus_path,
                       ambiguous ? "is ambiguous" : "not found");
            return NULL;
        }
        if (!dc->bus_type || !object_dynamic_cast(OBJECT(bus), dc->bus_type)) {
            error_setg(errp, "Device '%s' can't go on bus '%s' of type '%s'",
                       driver, bus_path, object_get_typename(OBJECT(bus)));
            return NULL;
        }
        return bus;
    }
    bus = qbus_find_by_type(dc->bus_type);
    if (!bus) {
        error_setg(errp, "No '%s' bus found for device '%s'", dc->bus_type,
                   driver);
    }
    return bus;
}

DeviceState *qdev_device_add(QemuOpts *opts, Error **errp)
{
    const char *driver = qemu_opt_get(opts, "driver");
    const char *bus_path = qemu_opt_get(opts, "bus");
    ObjectClass *oc;
    DeviceClass *dc;
    BusState *bus = NULL;
    DeviceState *dev;
    Object *parent;

    if (!driver) {
        error_setg(errp, "Parameter 'driver' is missing");
        return NULL;
    }
    oc = object_class_by_name(driver);
    if (!oc || !object_class_dynamic_cast(oc, TYPE_DEVICE)) {
        error_setg(errp, "'%s' is not a valid device model name", driver);
        return NULL;
    }
    if (object_class_is_abstract(oc)) {
        error_setg(errp, "Device type '%s' is abstract and cannot be "
                   "instantiated", driver);
        return NULL;
    }
    dc = DEVICE_CLASS(oc);
    if (!dc->user_creatable) {
        error_setg(errp, "Device '%s' can not be dynamically instantiated",
                   driver);
        return NULL;
    }
    if (dc->bus_type || bus_path) {
        bus = device_pick_bus(dc, driver, bus_path, errp);
        if (!bus) {
            return NULL;
        }
    }
    if (opts->id) {
        parent = container_get(qdev_get_machine(), "/peripheral");
        if (!id_wellformed(opts->id)) {
            error_setg(errp, "Invalid device ID '%s': IDs start with a letter "
                       "and contain only letters, digits, '-', '.', '_'",
                       opts->id);
            return NULL;
        }
        if (object_resolve_path_component(parent, opts->id)) {
            error_setg(errp, "Duplicate device ID '%s'", opts->id);
            return NULL;
        }
    } else {
        parent = container_get(qdev_get_machine(), "/peripheral-anon");
    }

    dev = DEVICE(object_new_with_class(oc));
    if (opts->id) {
        dev->id = g_strdup(opts->id);
        object_property_add_child(parent, opts->id, OBJECT(dev));
    } else {
        object_property_add_child(parent, "device[*]", OBJECT(dev));
    }
    /* The tree holds the device from now on. */
    object_unref(OBJECT(dev));

    for (guint i = 0; i < opts->opts->len; i++) {
        QemuOpt *opt = g_ptr_array_index(opts->opts, i);

        if (!strcmp(opt->name, "driver") || !strcmp(opt->name, "bus") ||
            !strcmp(opt->name, "id")) {
            continue;
        }
        if (!object_property_parse(OBJECT(dev), opt->name, opt->value, errp)) {
            goto fail;
        }
    }
    if (!qdev_realize(dev, bus, errp)) {
        goto fail;
    }
    return dev;

fail:
    object_unparent(OBJECT(dev));
    return NULL;
}

/* ---- help ---- */

static void print_device(gpointer data, gpointer opaque)
{
    ObjectClass *oc = data;
    DeviceClass *dc = DEVICE_CLASS(oc);

    if (!dc->user_creatable) {
        return;
    }
    printf("name \"%s\"", object_class_get_name(oc));
    if (dc->bus_type) {
        printf(", bus %s", dc->bus_type);
    }
    if (dc->desc) {
        printf(", desc \"%s\"", dc->desc);
    }
    printf("\n");
}

static void collect_settable(ObjectClass *oc, ObjectProperty *prop,
                             void *opaque)
{
    if (prop->set && strcmp(prop->name, "realized")) {
        g_ptr_array_add(opaque, prop);
    }
}

static gint prop_cmp(gconstpointer a, gconstpointer b)
{
    const ObjectProperty *pa = *(ObjectProperty *const *)a;
    const ObjectProperty *pb = *(ObjectProperty *const *)b;

    return strcmp(pa->name, pb->name);
}

static char *format_default(GVariant *v)
{
    if (g_variant_is_of_type(v, G_VARIANT_TYPE_BOOLEAN)) {
        return g_strdup(g_variant_get_boolean(v) ? "true" : "false");
    }
    if (g_variant_is_of_type(v, G_VARIANT_TYPE_STRING)) {
        return g_variant_dup_string(v, NULL);
    }
    if (g_variant_is_of_type(v, G_VARIANT_TYPE_UINT64)) {
        return g_strdup_printf("%" PRIu64, g_variant_get_uint64(v));
    }
    if (g_variant_is_of_type(v, G_VARIANT_TYPE_INT64)) {
        return g_strdup_printf("%" PRId64, g_variant_get_int64(v));
    }
    return g_variant_print(v, false);
}

bool qdev_device_help(QemuOpts *opts)
{
    const char *driver = qemu_opt_get(opts, "driver");
    ObjectClass *oc;
    g_autoptr(GPtrArray) props = NULL;

    if (!qemu_opts_wants_help(opts)) {
        return false;
    }
    if (!driver || !strcmp(driver, "help") || !strcmp(driver, "?")) {
        GSList *list = object_class_get_list(TYPE_DEVICE, false);

        g_slist_foreach(list, print_device, NULL);
        g_slist_free(list);
        return true;
    }
    oc = object_class_by_name(driver);
    if (!oc || !object_class_dynamic_cast(oc, TYPE_DEVICE) ||
        object_class_is_abstract(oc)) {
        return false;
    }
    props = g_ptr_array_new();
    object_class_property_foreach(oc, collect_settable, props);
    g_ptr_array_sort(props, prop_cmp);
    printf("%s options:\n", driver);
    for (guint i = 0; i < props->len; i++) {
        ObjectProperty *prop = g_ptr_array_index(props, i);

        printf("  %s=<%s>", prop->name, prop->type);
        if (prop->description) {
            printf("  - %s", prop->description);
        }
        if (prop->defval) {
            g_autofree char *d = format_default(prop->defval);

            printf(" (default: %s)", d);
        }
        printf("\n");
    }
    if (!props->len) {
        printf("There are no options for %s.\n", driver);
    }
    return true;
}
