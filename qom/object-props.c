/*
 * QOM property values: the declared-type checks of the generic get/set,
 * command-line parsing and printing, and the standard property kinds
 * (field-backed, callback-backed, child and link).
 */
#include "qemu/osdep.h"
#include "qemu/cutils.h"
#include "qom/object.h"
#include "qom-internal.h"

/* ---- declared value types ---- */

typedef enum {
    PT_OTHER,
    PT_BOOL,
    PT_INT,
    PT_UINT,
    PT_STR,
    PT_LINK,
} PropKind;

/* Classifies PROP->type; *BITS gets the width of integer types. */
static PropKind prop_kind(const ObjectProperty *prop, unsigned *bits)
{
    const char *t = prop->type;
    const char *digits = NULL;
    PropKind kind = PT_OTHER;

    *bits = 64;
    if (!strcmp(t, "bool")) {
        return PT_BOOL;
    }
    if (!strcmp(t, "str") || !strcmp(t, "string")) {
        return PT_STR;
    }
    if (!strcmp(t, "size")) {
        return PT_UINT;
    }
    if (qom_prop_is_link(prop)) {
        return PT_LINK;
    }
    if (g_str_has_prefix(t, "uint")) {
        kind = PT_UINT;
        digits = t + 4;
    } else if (g_str_has_prefix(t, "int")) {
        kind = PT_INT;
        digits = t + 3;
    }
    if (digits) {
        if (!strcmp(digits, "8") || !strcmp(digits, "16") ||
            !strcmp(digits, "32") || !strcmp(digits, "64")) {
            *bits = atoi(digits);
            return kind;
        }
    }
    return PT_OTHER;
}

/* A word for the type of VALUE in error messages. */
static const char *variant_kind_name(GVariant *value)
{
    switch (g_variant_classify(value)) {
    case G_VARIANT_CLASS_BOOLEAN:
        return "bool";
    case G_VARIANT_CLASS_STRING:
    case G_VARIANT_CLASS_OBJECT_PATH:
        return "string";
    case G_VARIANT_CLASS_BYTE:
    case G_VARIANT_CLASS_INT16:
    case G_VARIANT_CLASS_UINT16:
    case G_VARIANT_CLASS_INT32:
    case G_VARIANT_CLASS_UINT32:
    case G_VARIANT_CLASS_INT64:
    case G_VARIANT_CLASS_UINT64:
        return "integer";
    default:
        return g_variant_get_type_string(value);
    }
}

/*
 * Reads any integer GVariant as a sign and a magnitude. Returns false if
 * VALUE is not an integer.
 */
static bool variant_get_integer(GVariant *value, bool *negative,
                                uint64_t *magnitude)
{
    int64_t s;

    *negative = false;
    switch (g_variant_classify(value)) {
    case G_VARIANT_CLASS_BYTE:
        *magnitude = g_variant_get_byte(value);
        return true;
    case G_VARIANT_CLASS_UINT16:
        *magnitude = g_variant_get_uint16(value);
        return true;
    case G_VARIANT_CLASS_UINT32:
        *magnitude = g_variant_get_uint32(value);
        return true;
    case G_VARIANT_CLASS_UINT64:
        *magnitude = g_variant_get_uint64(value);
        return true;
    case G_VARIANT_CLASS_INT16:
        s = g_variant_get_int16(value);
        break;
    case G_VARIANT_CLASS_INT32:
        s = g_variant_get_int32(value);
        break;
    case G_VARIANT_CLASS_INT64:
        s = g_variant_get_int64(value);
        break;
    default:
        return false;
    }
    *negative = s < 0;
    *magnitude = s < 0 ? (uint64_t)0 - (uint64_t)s : (uint64_t)s;
    return true;
}

static void type_error(Object *obj, ObjectProperty *prop, GVariant *value,
                       Error **errp)
{
    error_setg(errp, "Property '%s.%s' expects %s, got %s",
               object_get_typename(obj), prop->name, prop->type,
               variant_kind_name(value));
}

/*
 * VALUE converted to the canonical form of PROP's declared type ("b", "x",
 * "t", "s"), range-checked; a new reference, or NULL with ERRP set.
 * Properties of other types get VALUE itself; their setter checks it.
 */
static GVariant *prop_coerce(Object *obj, ObjectProperty *prop,
                             GVariant *value, Error **errp)
{
    unsigned bits;
    bool neg;
    uint64_t mag;

    switch (prop_kind(prop, &bits)) {
    case PT_BOOL:
        if (!g_variant_is_of_type(value, G_VARIANT_TYPE_BOOLEAN)) {
            break;
        }
        return g_variant_ref(value);
    case PT_STR:
    case PT_LINK:
        if (!g_variant_is_of_type(value, G_VARIANT_TYPE_STRING)) {
            break;
        }
        return g_variant_ref(value);
    case PT_INT: {
        uint64_t max = bits == 64 ? INT64_MAX : (UINT64_C(1) << (bits - 1)) - 1;
        int64_t min = bits == 64 ? INT64_MIN : -(INT64_C(1) << (bits - 1));

        if (!variant_get_integer(value, &neg, &mag)) {
            break;
        }
        if ((!neg && mag > max) || (neg && mag > (uint64_t)0 - (uint64_t)min)) {
            error_setg(errp, "Property '%s.%s' expects an %s value in "
                       "[%" PRId64 ", %" PRIu64 "], got %s%" PRIu64,
                       object_get_typename(obj), prop->name, prop->type,
                       min, max, neg ? "-" : "", mag);
            return NULL;
        }
        return g_variant_ref_sink(
            g_variant_new_int64(neg ? (int64_t)((uint64_t)0 - mag)
                                    : (int64_t)mag));
    }
    case PT_UINT: {
        uint64_t max = bits == 64 ? UINT64_MAX : (UINT64_C(1) << bits) - 1;

        if (!variant_get_integer(value, &neg, &mag)) {
            break;
        }
        if (neg || mag > max) {
            error_setg(errp, "Property '%s.%s' expects a %s value in "
                       "[0, %" PRIu64 "], got %s%" PRIu64,
                       object_get_typename(obj), prop->name, prop->type,
                       max, neg ? "-" : "", mag);
            return NULL;
        }
        return g_variant_ref_sink(g_variant_new_uint64(mag));
    }
    case PT_OTHER:
        return g_variant_ref(value);
    }
    type_error(obj, prop, value, errp);
    return NULL;
}

/* ---- generic access ---- */

GVariant *object_property_get(Object *obj, const char *name, Error **errp)
{
    ObjectProperty *prop = object_property_find_err(obj, name, errp);
    GVariant *v;

    if (!prop) {
        return NULL;
    }
    if (!prop->get) {
        error_setg(errp, "Property '%s.%s' is write-only",
                   object_get_typename(obj), name);
        return NULL;
    }
    v = prop->get(obj, prop, errp);
    if (v && g_variant_is_floating(v)) {
        g_variant_ref_sink(v);
    }
    return v;
}

/*
 * VALUE is consumed if floating (so g_variant_new_*() can be passed
 * directly), borrowed otherwise.
 */
bool object_property_set(Object *obj, const char *name, GVariant *value,
                         Error **errp)
{
    ObjectProperty *prop;
    GVariant *canon;
    Error *local_err = NULL;

    g_variant_ref_sink(value);
    prop = object_property_find_err(obj, name, errp);
    if (!prop) {
        goto fail;
    }
    if (!prop->set) {
        error_setg(errp, "Property '%s.%s' is read-only",
                   object_get_typename(obj), name);
        goto fail;
    }
    canon = prop_coerce(obj, prop, value, errp);
    if (!canon) {
        goto fail;
    }
    prop->set(obj, prop, canon, &local_err);
    g_variant_unref(canon);
    g_variant_unref(value);
    if (local_err) {
        error_propagate(errp, local_err);
        return false;
    }
    return true;

fail:
    g_variant_unref(value);
    return false;
}

bool object_property_set_bool(Object *obj, const char *name, bool value,
                              Error **errp)
{
    return object_property_set(obj, name, g_variant_new_boolean(value), errp);
}

bool object_property_set_int(Object *obj, const char *name, int64_t value,
                             Error **errp)
{
    return object_property_set(obj, name, g_variant_new_int64(value), errp);
}

bool object_property_set_uint(Object *obj, const char *name, uint64_t value,
                              Error **errp)
{
    return object_property_set(obj, name, g_variant_new_uint64(value), errp);
}

bool object_property_set_str(Object *obj, const char *name,
                             const char *value, Error **errp)
{
    return object_property_set(obj, name, g_variant_new_string(value), errp);
}

static void get_type_error(Object *obj, const char *name, const char *want,
                           GVariant *v, Error **errp)
{
    error_setg(errp, "Property '%s.%s' is not %s (it holds a %s)",
               object_get_typename(obj), name, want, variant_kind_name(v));
}

bool object_property_get_bool(Object *obj, const char *name, Error **errp)
{
    g_autoptr(GVariant) v = object_property_get(obj, name, errp);

    if (!v) {
        return false;
    }
    if (!g_variant_is_of_type(v, G_VARIANT_TYPE_BOOLEAN)) {
        get_type_error(obj, name, "a bool", v, errp);
        return false;
    }
    return g_variant_get_boolean(v);
}

int64_t object_property_get_int(Object *obj, const char *name, Error **errp)
{
    g_autoptr(GVariant) v = object_property_get(obj, name, errp);
    bool neg;
    uint64_t mag;

    if (!v) {
        return 0;
    }
    if (!variant_get_integer(v, &neg, &mag)) {
        get_type_error(obj, name, "an integer", v, errp);
        return 0;
    }
    if (!neg && mag > INT64_MAX) {
        error_setg(errp, "Property '%s.%s' value %" PRIu64 " does not fit in "
                   "int64", object_get_typename(obj), name, mag);
        return 0;
    }
    return neg ? (int64_t)((uint64_t)0 - mag) : (int64_t)mag;
}

uint64_t object_property_get_uint(Object *obj, const char *name,
                                  Error **errp)
{
    g_autoptr(GVariant) v = object_property_get(obj, name, errp);
    bool neg;
    uint64_t mag;

    if (!v) {
        return 0;
    }
    if (!variant_get_integer(v, &neg, &mag)) {
        get_type_error(obj, name, "an integer", v, errp);
        return 0;
    }
    if (neg) {
        error_setg(errp, "Property '%s.%s' value -%" PRIu64 " is negative",
                   object_get_typename(obj), name, mag);
        return 0;
    }
    return mag;
}

char *object_property_get_str(Object *obj, const char *name, Error **errp)
{
    g_autoptr(GVariant) v = object_property_get(obj, name, errp);

    if (!v) {
        return NULL;
    }
    if (!g_variant_is_of_type(v, G_VARIANT_TYPE_STRING)) {
        get_type_error(obj, name, "a string", v, errp);
        return NULL;
    }
    return g_variant_dup_string(v, NULL);
}

bool object_property_set_link(Object *obj, const char *name, Object *value,
                              Error **errp)
{
    ObjectProperty *prop = object_property_find_err(obj, name, errp);

    if (!prop) {
        return false;
    }
    if (!qom_prop_is_link(prop)) {
        error_setg(errp, "Property '%s.%s' is not a link (it is %s)",
                   object_get_typename(obj), name, prop->type);
        return false;
    }
    if (!prop->set) {
        error_setg(errp, "Property '%s.%s' is read-only",
                   object_get_typename(obj), name);
        return false;
    }
    return qom_link_set_object(obj, prop, value, errp);
}

Object *object_property_get_link(Object *obj, const char *name, Error **errp)
{
    ObjectProperty *prop = object_property_find_err(obj, name, errp);

    if (!prop) {
        return NULL;
    }
    if (qom_prop_is_link(prop)) {
        return *qom_link_slot(obj, prop);
    }
    if (qom_prop_is_child(prop)) {
        return prop->opaque;
    }
    error_setg(errp, "Property '%s.%s' is not a link (it is %s)",
               object_get_typename(obj), name, prop->type);
    return NULL;
}

/* ---- command line and human formats ---- */

bool object_property_parse(Object *obj, const char *name, const char *string,
                           Error **errp)
{
    ObjectProperty *prop = object_property_find_err(obj, name, errp);
    unsigned bits;
    GVariant *v = NULL;

    if (!prop) {
        return false;
    }
    switch (prop_kind(prop, &bits)) {
    case PT_BOOL: {
        bool b;

        if (!qapi_bool_parse(name, string, &b, NULL)) {
            error_setg(errp, "Property '%s.%s' expects bool (on/off), got '%s'",
                       object_get_typename(obj), name, string);
            return false;
        }
        v = g_variant_new_boolean(b);
        break;
    }
    case PT_INT: {
        int64_t i;
        int ret = qemu_strtoi64(string, 0, &i);

        if (ret) {
            error_setg(errp, "Property '%s.%s' expects %s, got '%s'%s",
                       object_get_typename(obj), name, prop->type, string,
                       ret == -ERANGE ? " (out of range)" : "");
            return false;
        }
        v = g_variant_new_int64(i);
        break;
    }
    case PT_UINT: {
        uint64_t u;
        int ret = qemu_strtou64(string, 0, &u);

        if (ret == -EINVAL) {
            ret = qemu_strtosz(string, &u);
        }
        if (ret) {
            error_setg(errp, "Property '%s.%s' expects %s, got '%s'%s",
                       object_get_typename(obj), name, prop->type, string,
                       ret == -ERANGE ? " (out of range)" : "");
            return false;
        }
        v = g_variant_new_uint64(u);
        break;
    }
    case PT_STR:
    case PT_LINK:
    case PT_OTHER:
        v = g_variant_new_string(string);
        break;
    }
    return object_property_set(obj, name, v, errp);
}

char *object_property_print(Object *obj, const char *name, Error **errp)
{
    g_autoptr(GVariant) v = object_property_get(obj, name, errp);
    bool neg;
    uint64_t mag;

    if (!v) {
        return NULL;
    }
    if (g_variant_is_of_type(v, G_VARIANT_TYPE_BOOLEAN)) {
        return g_strdup(g_variant_get_boolean(v) ? "true" : "false");
    }
    if (g_variant_is_of_type(v, G_VARIANT_TYPE_STRING)) {
        return g_variant_dup_string(v, NULL);
    }
    if (variant_get_integer(v, &neg, &mag)) {
        return g_strdup_printf("%s%" PRIu64, neg ? "-" : "", mag);
    }
    return g_variant_print(v, false);
}

/* ---- field-backed properties ---- */

#define PTR_PROP(NAME, CTYPE, TYPESTR, NEW, GETV)                             \
    static GVariant *get_##NAME##_ptr(Object *obj, ObjectProperty *prop,      \
                                      Error **errp)                           \
    {                                                                         \
        return g_variant_ref_sink(NEW(*(CTYPE *)prop->opaque));               \
    }                                                                         \
    static void set_##NAME##_ptr(Object *obj, ObjectProperty *prop,           \
                                 GVariant *value, Error **errp)               \
    {                                                                         \
        *(CTYPE *)prop->opaque = (CTYPE)GETV(value);                          \
    }                                                                         \
    ObjectProperty *object_property_add_##NAME##_ptr(Object *obj,             \
                                                     const char *name,        \
                                                     CTYPE *v,                \
                                                     ObjectPropertyFlags flags) \
    {                                                                         \
        return object_property_add(                                           \
            obj, name, TYPESTR,                                               \
            (flags & OBJ_PROP_FLAG_READ) ? get_##NAME##_ptr : NULL,           \
            (flags & OBJ_PROP_FLAG_WRITE) ? set_##NAME##_ptr : NULL,          \
            NULL, v);                                                         \
    }

PTR_PROP(bool, bool, "bool", g_variant_new_boolean, g_variant_get_boolean)
PTR_PROP(uint8, uint8_t, "uint8", g_variant_new_uint64, g_variant_get_uint64)
PTR_PROP(uint16, uint16_t, "uint16", g_variant_new_uint64, g_variant_get_uint64)
PTR_PROP(uint32, uint32_t, "uint32", g_variant_new_uint64, g_variant_get_uint64)
PTR_PROP(uint64, uint64_t, "uint64", g_variant_new_uint64, g_variant_get_uint64)
PTR_PROP(int32, int32_t, "int32", g_variant_new_int64, g_variant_get_int64)

static GVariant *get_str_ptr(Object *obj, ObjectProperty *prop, Error **errp)
{
    char *s = *(char **)prop->opaque;

    return g_variant_ref_sink(g_variant_new_string(s ? s : ""));
}

static void set_str_ptr(Object *obj, ObjectProperty *prop, GVariant *value,
                        Error **errp)
{
    char **field = prop->opaque;

    g_free(*field);
    *field = g_variant_dup_string(value, NULL);
}

/* The field's string stays owned by the object: its finalize frees it. */
ObjectProperty *object_property_add_str_ptr(Object *obj, const char *name,
                                            char **v,
                                            ObjectPropertyFlags flags)
{
    return object_property_add(obj, name, "str",
                               (flags & OBJ_PROP_FLAG_READ) ? get_str_ptr : NULL,
                               (flags & OBJ_PROP_FLAG_WRITE) ? set_str_ptr : NULL,
                               NULL, v);
}

/* ---- callback-backed properties ---- */

typedef struct BoolCallbacks {
    bool (*get)(Object *, Error **);
    void (*set)(Object *, bool, Error **);
} BoolCallbacks;

typedef struct StrCallbacks {
    char *(*get)(Object *, Error **);
    void (*set)(Object *, const char *, Error **);
} StrCallbacks;

static GVariant *get_bool_cb(Object *obj, ObjectProperty *prop, Error **errp)
{
    BoolCallbacks *cb = prop->opaque;
    Error *local_err = NULL;
    bool b = cb->get(obj, &local_err);

    if (local_err) {
        error_propagate(errp, local_err);
        return NULL;
    }
    return g_variant_ref_sink(g_variant_new_boolean(b));
}

static void set_bool_cb(Object *obj, ObjectProperty *prop, GVariant *value,
                        Error **errp)
{
    BoolCallbacks *cb = prop->opaque;

    cb->set(obj, g_variant_get_boolean(value), errp);
}

static GVariant *get_str_cb(Object *obj, ObjectProperty *prop, Error **errp)
{
    StrCallbacks *cb = prop->opaque;
    Error *local_err = NULL;
    char *s = cb->get(obj, &local_err);
    GVariant *v;

    if (local_err) {
        error_propagate(errp, local_err);
        g_free(s);
        return NULL;
    }
    v = g_variant_ref_sink(g_variant_new_string(s ? s : ""));
    g_free(s);
    return v;
}

static void set_str_cb(Object *obj, ObjectProperty *prop, GVariant *value,
                       Error **errp)
{
    StrCallbacks *cb = prop->opaque;

    cb->set(obj, g_variant_get_string(value, NULL), errp);
}

static void release_opaque(Object *obj, ObjectProperty *prop)
{
    g_free(prop->opaque);
}

ObjectProperty *object_property_add_bool(Object *obj, const char *name,
                                         bool (*get)(Object *, Error **),
                                         void (*set)(Object *, bool,
                                                     Error **))
{
    BoolCallbacks *cb = g_new(BoolCallbacks, 1);

    cb->get = get;
    cb->set = set;
    return object_property_add(obj, name, "bool", get ? get_bool_cb : NULL,
                               set ? set_bool_cb : NULL, release_opaque, cb);
}

ObjectProperty *object_property_add_str(Object *obj, const char *name,
                                        char *(*get)(Object *, Error **),
                                        void (*set)(Object *, const char *,
                                                    Error **))
{
    StrCallbacks *cb = g_new(StrCallbacks, 1);

    cb->get = get;
    cb->set = set;
    return object_property_add(obj, name, "str", get ? get_str_cb : NULL,
                               set ? set_str_cb : NULL, release_opaque, cb);
}

/* Class properties live as long as the program: their opaque is never freed. */
ObjectProperty *object_class_property_add_bool(ObjectClass *klass,
                                               const char *name,
                                               bool (*get)(Object *,
                                                           Error **),
                                               void (*set)(Object *, bool,
                                                           Error **))
{
    BoolCallbacks *cb = g_new(BoolCallbacks, 1);

    cb->get = get;
    cb->set = set;
    return object_class_property_add(klass, name, "bool",
                                     get ? get_bool_cb : NULL,
                                     set ? set_bool_cb : NULL, NULL, cb);
}

ObjectProperty *object_class_property_add_str(ObjectClass *klass,
                                              const char *name,
                                              char *(*get)(Object *,
                                                           Error **),
                                              void (*set)(Object *,
                                                          const char *,
                                                          Error **))
{
    StrCallbacks *cb = g_new(StrCallbacks, 1);

    cb->get = get;
    cb->set = set;
    return object_class_property_add(klass, name, "str",
                                     get ? get_str_cb : NULL,
                                     set ? set_str_cb : NULL, NULL, cb);
}

/* ---- child properties ---- */

static GVariant *get_child(Object *obj, ObjectProperty *prop, Error **errp)
{
    g_autofree char *path = object_get_canonical_path(prop->opaque);

    return g_variant_ref_sink(g_variant_new_string(path ? path : ""));
}

static void release_child(Object *obj, ObjectProperty *prop)
{
    Object *child = prop->opaque;

    if (child->klass->unparent) {
        child->klass->unparent(child);
    }
    child->parent = NULL;
    object_unref(child);
}

ObjectProperty *object_property_try_add_child(Object *obj, const char *name,
                                              Object *child, Error **errp)
{
    g_autofree char *type = NULL;
    ObjectProperty *prop;

    if (child->parent) {
        error_setg(errp, "Object of type '%s' cannot be added as child '%s' of "
                   "'%s': it already has a parent", object_get_typename(child),
                   name, object_get_typename(obj));
        return NULL;
    }
    type = g_strdup_printf("child<%s>", object_get_typename(child));
    prop = object_property_try_add(obj, name, type, get_child, NULL,
                                   release_child, child, errp);
    if (prop) {
        object_ref(child);
        child->parent = obj;
    }
    return prop;
}

ObjectProperty *object_property_add_child(Object *obj, const char *name,
                                          Object *child)
{
    return object_property_try_add_child(obj, name, child, &error_abort);
}

void object_unparent(Object *obj)
{
    Object *parent = obj->parent;

    if (!parent) {
        return;
    }
    for (guint i = 0; i < parent->property_order->len; i++) {
        ObjectProperty *prop = g_ptr_array_index(parent->property_order, i);

        if (qom_prop_is_child(prop) && prop->opaque == obj) {
            object_property_del(parent, prop->name);
            return;
        }
    }
    g_assert_not_reached();
}

/* ---- link properties ---- */

void object_property_allow_set_link(const Object *obj, const char *name,
                                    Object *val, Error **errp)
{
}

bool qom_link_set_object(Object *obj, ObjectProperty *prop, Object *value,
                         Error **errp)
{
    LinkProperty *lp = prop->opaque;
    Object **slot = qom_link_slot(obj, prop);
    Object *old = *slot;
    Error *local_err = NULL;

    if (value && !object_dynamic_cast(value, lp->target_type)) {
        error_setg(errp, "Property '%s.%s' expects a link to '%s', got an "
                   "object of type '%s'", object_get_typename(obj), prop->name,
                   lp->target_type, object_get_typename(value));
        return false;
    }
    if (lp->check) {
        lp->check(obj, prop->name, value, &local_err);
        if (local_err) {
            error_propagate(errp, local_err);
            return false;
        }
    }
    if (lp->flags & OBJ_PROP_LINK_STRONG) {
        object_ref(value);
    }
    *slot = value;
    if (lp->flags & OBJ_PROP_LINK_STRONG) {
        object_unref(old);
    }
    return true;
}

static GVariant *get_link(Object *obj, ObjectProperty *prop, Error **errp)
{
    Object *target = *qom_link_slot(obj, prop);
    g_autofree char *path = target ? object_get_canonical_path(target) : NULL;

    return g_variant_ref_sink(g_variant_new_string(path ? path : ""));
}

static void set_link(Object *obj, ObjectProperty *prop, GVariant *value,
                     Error **errp)
{
    LinkProperty *lp = prop->opaque;
    const char *path = g_variant_get_string(value, NULL);
    Object *target = NULL;
    bool ambiguous = false;

    if (*path) {
        target = object_resolve_path_type(path, lp->target_type, &ambiguous);
        if (!target) {
            if (ambiguous) {
                error_setg(errp, "Property '%s.%s': path '%s' is ambiguous",
                           object_get_typename(obj), prop->name, path);
            } else if (object_resolve_path(path, NULL)) {
                error_setg(errp, "Property '%s.%s': object at '%s' is not a "
                           "'%s'", object_get_typename(obj), prop->name, path,
                           lp->target_type);
            } else {
                error_setg(errp, "Property '%s.%s': no object found at '%s'",
                           object_get_typename(obj), prop->name, path);
            }
            return;
        }
    }
    qom_link_set_object(obj, prop, target, errp);
}

static void release_link(Object *obj, ObjectProperty *prop)
{
    LinkProperty *lp = prop->opaque;
    Object **slot = qom_link_slot(obj, prop);

    if ((lp->flags & OBJ_PROP_LINK_STRONG) && *slot) {
        Object *old = *slot;

        *slot = NULL;
        object_unref(old);
    }
    if (!lp->is_class) {
        g_free(lp->target_type);
        g_free(lp);
    }
}

static LinkProperty *link_property_new(const char *type,
                                       void (*check)(const Object *obj,
                                                     const char *name,
                                                     Object *val,
                                                     Error **errp),
                                       ObjectPropertyLinkFlags flags)
{
    LinkProperty *lp = g_new0(LinkProperty, 1);

    lp->target_type = g_strdup(type);
    lp->check = check;
    lp->flags = flags;
    return lp;
}

ObjectProperty *object_property_add_link(
    Object *obj, const char *name, const char *type, Object **targetp,
    void (*check)(const Object *obj, const char *name, Object *val,
                  Error **errp),
    ObjectPropertyLinkFlags flags)
{
    LinkProperty *lp = link_property_new(type, check, flags);
    g_autofree char *ptype = g_strdup_printf("link<%s>", type);

    lp->targetp = targetp;
    return object_property_add(obj, name, ptype, get_link, set_link,
                               release_link, lp);
}

ObjectProperty *object_class_property_add_link(
    ObjectClass *klass, const char *name, const char *type, ptrdiff_t offset,
    void (*check)(const Object *obj, const char *name, Object *val,
                  Error **errp),
    ObjectPropertyLinkFlags flags)
{
    LinkProperty *lp = link_property_new(type, check, flags);
    g_autofree char *ptype = g_strdup_printf("link<%s>", type);

    lp->is_class = true;
    lp->offset = offset;
    return object_class_property_add(klass, name, ptype, get_link, set_link,
                                     release_link, lp);
}
