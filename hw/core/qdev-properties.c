/*
 * Static device properties and global (-global, compat) properties.
 */
#include "qemu/osdep.h"
#include "qemu/option.h"
#include "hw/qdev-properties.h"

void *qdev_get_prop_ptr(Object *obj, const Property *prop)
{
    return (char *)obj + prop->offset;
}

void qdev_prop_set_after_realize(DeviceState *dev, const char *name,
                                 Error **errp)
{
    error_setg(errp, "Attempt to set property '%s' on device '%s' (type '%s') "
               "after it was realized", name,
               dev->id ? dev->id : object_get_typename(OBJECT(dev)),
               object_get_typename(OBJECT(dev)));
}

void qdev_prop_allow_set_link_before_realize(const Object *obj,
                                             const char *name, Object *val,
                                             Error **errp)
{
    DeviceState *dev = DEVICE(obj);

    if (dev->realized) {
        qdev_prop_set_after_realize(dev, name, errp);
    }
}

/* ---- the basic kinds ---- */

/*
 * Values reaching these setters were range-checked by the QOM core against
 * the declared type, so they only store; getters return canonical forms.
 */
#define FIELD(obj, op, type) ((type *)qdev_get_prop_ptr((obj), (op)->opaque))

static GVariant *get_bool(Object *obj, ObjectProperty *op, Error **errp)
{
    return g_variant_ref_sink(g_variant_new_boolean(*FIELD(obj, op, bool)));
}

static void set_bool(Object *obj, ObjectProperty *op, GVariant *v,
                     Error **errp)
{
    *FIELD(obj, op, bool) = g_variant_get_boolean(v);
}

static void default_bool(ObjectProperty *op, const Property *prop)
{
    op->defval = g_variant_ref_sink(g_variant_new_boolean(prop->defval.u));
}

static void default_uint(ObjectProperty *op, const Property *prop)
{
    op->defval = g_variant_ref_sink(g_variant_new_uint64(prop->defval.u));
}

static void default_int(ObjectProperty *op, const Property *prop)
{
    op->defval = g_variant_ref_sink(g_variant_new_int64(prop->defval.i));
}

#define UINT_KIND(NAME, CTYPE, QTYPE)                                       \
    static GVariant *get_##NAME(Object *obj, ObjectProperty *op,           \
                                Error **errp)                              \
    {                                                                      \
        return g_variant_ref_sink(                                         \
            g_variant_new_uint64(*FIELD(obj, op, CTYPE)));                 \
    }                                                                      \
    static void set_##NAME(Object *obj, ObjectProperty *op, GVariant *v,   \
                           Error **errp)                                   \
    {                                                                      \
        *FIELD(obj, op, CTYPE) = (CTYPE)g_variant_get_uint64(v);           \
    }                                                                      \
    const PropertyInfo qdev_prop_##NAME = {                                \
        .name = QTYPE,                                                     \
        .get = get_##NAME,                                                 \
        .set = set_##NAME,                                                 \
        .set_default_value = default_uint,                                 \
    };

#define INT_KIND(NAME, CTYPE, QTYPE)                                        \
    static GVariant *get_##NAME(Object *obj, ObjectProperty *op,           \
                                Error **errp)                              \
    {                                                                      \
        return g_variant_ref_sink(                                         \
            g_variant_new_int64(*FIELD(obj, op, CTYPE)));                  \
    }                                                                      \
    static void set_##NAME(Object *obj, ObjectProperty *op, GVariant *v,   \
                           Error **errp)                                   \
    {                                                                      \
        *FIELD(obj, op, CTYPE) = (CTYPE)g_variant_get_int64(v);            \
    }                                                                      \
    const PropertyInfo qdev_prop_##NAME = {                                \
        .name = QTYPE,                                                     \
        .get = get_##NAME,                                                 \
        .set = set_##NAME,                                                 \
        .set_default_value = default_int,                                  \
    };

const PropertyInfo qdev_prop_bool = {
    .name = "bool",
    .get = get_bool,
    .set = set_bool,
    .set_default_value = default_bool,
};

UINT_KIND(uint8, uint8_t, "uint8")
UINT_KIND(uint16, uint16_t, "uint16")
UINT_KIND(uint32, uint32_t, "uint32")
UINT_KIND(uint64, uint64_t, "uint64")
UINT_KIND(size, uint64_t, "size")
INT_KIND(int32, int32_t, "int32")
INT_KIND(int64, int64_t, "int64")

static GVariant *get_string(Object *obj, ObjectProperty *op, Error **errp)
{
    char *s = *FIELD(obj, op, char *);

    return g_variant_ref_sink(g_variant_new_string(s ? s : ""));
}

static void set_string(Object *obj, ObjectProperty *op, GVariant *v,
                       Error **errp)
{
    char **field = FIELD(obj, op, char *);

    g_free(*field);
    *field = g_variant_dup_string(v, NULL);
}

static void release_string(Object *obj, ObjectProperty *op)
{
    char **field = FIELD(obj, op, char *);

    g_free(*field);
    *field = NULL;
}

const PropertyInfo qdev_prop_string = {
    .name = "str",
    .get = get_string,
    .set = set_string,
    .release = release_string,
};

/* Registered through object_class_property_add_link(); see below. */
const PropertyInfo qdev_prop_link = {
    .name = "link",
};

/* ---- registration ---- */

static void static_prop_set(Object *obj, ObjectProperty *op, GVariant *v,
                            Error **errp)
{
    Property *prop = op->opaque;
    DeviceState *dev = DEVICE(obj);

    if (dev->realized) {
        qdev_prop_set_after_realize(dev, prop->name, errp);
        return;
    }
    prop->info->set(obj, op, v, errp);
}

void device_class_set_props(DeviceClass *dc, Property *props)
{
    ObjectClass *oc = OBJECT_CLASS(dc);

    dc->props_ = props;
    for (Property *prop = props; prop->name; prop++) {
        ObjectProperty *op;

        if (prop->info == &qdev_prop_link) {
            g_autofree char *desc = g_strdup_printf("link to a '%s'",
                                                    prop->link_type);

            op = object_class_property_add_link(
                oc, prop->name, prop->link_type, prop->offset,
                qdev_prop_allow_set_link_before_realize, OBJ_PROP_LINK_STRONG);
            op->description = g_strdup(desc);
            continue;
        }
        op = object_class_property_add(oc, prop->name, prop->info->name,
                                       prop->info->get,
                                       prop->info->set ? static_prop_set : NULL,
                                       prop->info->release, prop);
        if (prop->info->description) {
            op->description = g_strdup(prop->info->description);
        }
        if (prop->set_default && prop->info->set_default_value) {
            prop->info->set_default_value(op, prop);
        }
    }
}

/* ---- board-code setters ---- */

void qdev_prop_set_bit(DeviceState *dev, const char *name, bool value)
{
    object_property_set_bool(OBJECT(dev), name, value, &error_abort);
}

void qdev_prop_set_uint8(DeviceState *dev, const char *name, uint8_t value)
{
    object_property_set_uint(OBJECT(dev), name, value, &error_abort);
}

void qdev_prop_set_uint16(DeviceState *dev, const char *name, uint16_t value)
{
    object_property_set_uint(OBJECT(dev), name, value, &error_abort);
}

void qdev_prop_set_uint32(DeviceState *dev, const char *name, uint32_t value)
{
    object_property_set_uint(OBJECT(dev), name, value, &error_abort);
}

void qdev_prop_set_uint64(DeviceState *dev, const char *name, uint64_t value)
{
    object_property_set_uint(OBJECT(dev), name, value, &error_abort);
}

void qdev_prop_set_int32(DeviceState *dev, const char *name, int32_t value)
{
    object_property_set_int(OBJECT(dev), name, value, &error_abort);
}

void qdev_prop_set_string(DeviceState *dev, const char *name,
                          const char *value)
{
    object_property_set_str(OBJECT(dev), name, value, &error_abort);
}

/* ---- globals ---- */

/* Machine compat properties (borrowed) and -global ones (owned). */
static GPtrArray *compat_props;
static GPtrArray *user_globals;

static void user_global_free(gpointer p)
{
    GlobalProperty *g = p;

    g_free((char *)g->driver);
    g_free((char *)g->property);
    g_free((char *)g->value);
    g_free(g);
}

void qdev_prop_register_global(const char *driver, const char *property,
                               const char *value)
{
    GlobalProperty *g = g_new0(GlobalProperty, 1);

    if (!user_globals) {
        user_globals = g_ptr_array_new_with_free_func(user_global_free);
    }
    g->driver = g_strdup(driver);
    g->property = g_strdup(property);
    g->value = g_strdup(value);
    g_ptr_array_add(user_globals, g);
}

void qdev_prop_register_compat(GPtrArray *compat)
{
    if (!compat_props) {
        compat_props = g_ptr_array_new();
    }
    for (guint i = 0; i < compat->len; i++) {
        g_ptr_array_add(compat_props, g_ptr_array_index(compat, i));
    }
}

void qdev_prop_clear_globals(void)
{
    g_clear_pointer(&compat_props, g_ptr_array_unref);
    g_clear_pointer(&user_globals, g_ptr_array_unref);
}

/*
 * The driver part of "A.B.C=v": the longest prefix before a '.' that names
 * a type (type names such as "cfi.pflash01" contain dots), else up to the
 * first '.'. Returns the position of the separating '.', or NULL.
 */
static const char *global_split(const char *lhs)
{
    const char *first = strchr(lhs, '.');

    for (const char *dot = strrchr(lhs, '.'); dot && dot > lhs;
         dot = g_strrstr_len(lhs, dot - lhs, ".")) {
        g_autofree char *driver = g_strndup(lhs, dot - lhs);

        if (object_class_by_name(driver)) {
            return dot;
        }
    }
    return first;
}

bool qdev_global_parse(const char *str, Error **errp)
{
    const char *eq, *dot;
    g_autofree char *lhs = NULL;
    g_autofree char *driver = NULL;

    if (g_str_has_prefix(str, "driver=")) {
        g_autoptr(QemuOpts) opts = qemu_opts_parse("global", str, NULL, errp);
        static const char *const allowed[] = { "driver", "property", "value",
                                               NULL };

        if (!opts || !qemu_opts_check(opts, allowed, errp)) {
            return false;
        }
        if (!qemu_opt_get(opts, "property") || !qemu_opt_get(opts, "value")) {
            error_setg(errp, "-global '%s': 'property' and 'value' are "
                       "required", str);
            return false;
        }
        qdev_prop_register_global(qemu_opt_get(opts, "driver"),
                                  qemu_opt_get(opts, "property"),
                                  qemu_opt_get(opts, "value"));
        return true;
    }
    eq = strchr(str, '=');
    if (!eq) {
        error_setg(errp, "-global '%s': missing '=' (expected "
                   "TYPE.PROPERTY=VALUE)", str);
        return false;
    }
    lhs = g_strndup(str, eq - str);
    dot = global_split(lhs);
    if (!dot || dot == lhs || !dot[1]) {
        error_setg(errp, "-global '%s': expected TYPE.PROPERTY before '='",
                   str);
        return false;
    }
    driver = g_strndup(lhs, dot - lhs);
    qdev_prop_register_global(driver, dot + 1, eq + 1);
    return true;
}

static void apply_globals(DeviceState *dev, GPtrArray *globals)
{
    Object *obj = OBJECT(dev);

    for (guint i = 0; globals && i < globals->len; i++) {
        GlobalProperty *g = g_ptr_array_index(globals, i);
        Error *err = NULL;

        if (!object_dynamic_cast(obj, g->driver)) {
            continue;
        }
        if (!object_property_find(obj, g->property)) {
            if (g->optional) {
                continue;
            }
        } else {
            g->used = true;
        }
        if (!object_property_parse(obj, g->property, g->value, &err)) {
            error_report("can't apply global %s.%s=%s: %s", g->driver,
                         g->property, g->value, error_get_pretty(err));
            error_free(err);
        }
    }
}

void qdev_prop_set_globals(DeviceState *dev)
{
    apply_globals(dev, compat_props);
    apply_globals(dev, user_globals);
}

bool qdev_prop_check_globals(void)
{
    bool ok = true;

    for (guint i = 0; user_globals && i < user_globals->len; i++) {
        GlobalProperty *g = g_ptr_array_index(user_globals, i);
        ObjectClass *oc;

        if (g->used || g->optional) {
            continue;
        }
        oc = object_class_by_name(g->driver);
        if (!oc) {
            error_report("-global: type '%s' not found (in %s.%s=%s)",
                         g->driver, g->driver, g->property, g->value);
            ok = false;
        } else if (!object_class_property_find(oc, g->property)) {
            error_report("-global: property '%s' not found for '%s'",
                         g->property, g->driver);
            ok = false;
        }
    }
    return ok;
}
