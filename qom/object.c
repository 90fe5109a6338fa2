/*
 * QOM core: the type table, class construction, casts, instance life cycle
 * and the property table of objects and classes.
 */
#include "qemu/osdep.h"
#include "qom/object.h"
#include "qom-internal.h"

struct TypeImpl {
    char *name;
    char *parent_name;
    struct TypeImpl *parent;    /* resolved on class initialization */

    size_t instance_size;
    size_t class_size;
    void (*instance_init)(Object *obj);
    void (*instance_post_init)(Object *obj);
    void (*instance_finalize)(Object *obj);
    void (*class_init)(ObjectClass *klass, void *data);
    void (*class_base_init)(ObjectClass *klass, void *data);
    void *class_data;
    bool abstract;

    char **interface_names;     /* NULL-terminated */
    ObjectClass *klass;         /* built on first use */
};

typedef struct TypeImpl TypeImpl;

/*
 * Created lazily: types register from constructors of many translation
 * units, whose relative order the linker decides.
 */
static GHashTable *type_table;

static GHashTable *type_table_get(void)
{
    if (!type_table) {
        type_table = g_hash_table_new(g_str_hash, g_str_equal);
    }
    return type_table;
}

static TypeImpl *type_get_by_name(const char *name)
{
    if (!name) {
        return NULL;
    }
    return g_hash_table_lookup(type_table_get(), name);
}

Type type_register_static(const TypeInfo *info)
{
    TypeImpl *ti;
    size_t n = 0;

    if (!info->name || type_get_by_name(info->name)) {
        fprintf(stderr, "qom: type '%s' registered twice or without a name\n",
                info->name ? info->name : "(null)");
        abort();
    }
    ti = g_new0(TypeImpl, 1);
    ti->name = g_strdup(info->name);
    ti->parent_name = g_strdup(info->parent);
    ti->instance_size = info->instance_size;
    ti->class_size = info->class_size;
    ti->instance_init = info->instance_init;
    ti->instance_post_init = info->instance_post_init;
    ti->instance_finalize = info->instance_finalize;
    ti->class_init = info->class_init;
    ti->class_base_init = info->class_base_init;
    ti->class_data = info->class_data;
    ti->abstract = info->abstract;
    while (info->interfaces && info->interfaces[n].type) {
        n++;
    }
    ti->interface_names = g_new0(char *, n + 1);
    for (size_t i = 0; i < n; i++) {
        ti->interface_names[i] = g_strdup(info->interfaces[i].type);
    }
    g_hash_table_insert(type_table_get(), ti->name, ti);
    return ti;
}

void type_register_static_array(const TypeInfo *infos, int nr_infos)
{
    for (int i = 0; i < nr_infos; i++) {
        type_register_static(&infos[i]);
    }
}

static TypeImpl *type_get_parent(TypeImpl *ti)
{
    if (ti->parent_name && !ti->parent) {
        ti->parent = type_get_by_name(ti->parent_name);
        if (!ti->parent) {
            fprintf(stderr, "qom: type '%s' has unknown parent '%s'\n",
                    ti->name, ti->parent_name);
            abort();
        }
    }
    return ti->parent;
}

/* True if TI is TARGET or derives from it. */
static bool type_is_ancestor(TypeImpl *ti, TypeImpl *target)
{
    for (; ti; ti = type_get_parent(ti)) {
        if (ti == target) {
            return true;
        }
    }
    return false;
}

static bool type_is_interface(TypeImpl *ti)
{
    return type_is_ancestor(ti, type_get_by_name(TYPE_INTERFACE));
}

static size_t type_class_size(TypeImpl *ti)
{
    for (; ti; ti = type_get_parent(ti)) {
        if (ti->class_size) {
            return ti->class_size;
        }
    }
    return sizeof(ObjectClass);
}

static size_t type_instance_size(TypeImpl *ti)
{
    for (; ti; ti = type_get_parent(ti)) {
        if (ti->instance_size) {
            return ti->instance_size;
        }
    }
    return sizeof(Object);
}

static void type_initialize(TypeImpl *ti);

static void class_reset_tables(ObjectClass *klass, TypeImpl *ti)
{
    klass->type = ti;
    klass->interfaces = NULL;
    klass->properties = g_hash_table_new(g_str_hash, g_str_equal);
    klass->property_order = g_ptr_array_new();
}

/*
 * The InterfaceClass of IFACE for the concrete class KLASS. TEMPLATE is the
 * parent class's copy (so that overrides made by the parent's class_init
 * are inherited) or NULL to start from the interface's own class.
 */
static InterfaceClass *interface_class_new(ObjectClass *klass, TypeImpl *iface,
                                           InterfaceClass *template)
{
    size_t size = type_class_size(iface);
    InterfaceClass *ic = g_malloc0(size);

    type_initialize(iface);
    memcpy(ic, template ? (void *)template : (void *)iface->klass, size);
    ic->parent_class.type = iface;
    ic->parent_class.interfaces = NULL;
    ic->concrete_class = klass;
    ic->interface_type = iface;
    return ic;
}

static bool class_has_interface(ObjectClass *klass, TypeImpl *iface)
{
    for (GSList *l = klass->interfaces; l; l = l->next) {
        InterfaceClass *ic = l->data;

        if (type_is_ancestor(ic->interface_type, iface)) {
            return true;
        }
    }
    return false;
}

static void type_run_base_init(TypeImpl *ti, ObjectClass *klass)
{
    TypeImpl *parent = type_get_parent(ti);

    if (parent) {
        type_run_base_init(parent, klass);
    }
    if (ti->class_base_init) {
        ti->class_base_init(klass, ti->class_data);
    }
}

static void type_initialize(TypeImpl *ti)
{
    TypeImpl *parent;
    size_t size;
    ObjectClass *klass;
    GSList *ifaces = NULL;

    if (ti->klass) {
        return;
    }
    parent = type_get_parent(ti);
    size = type_class_size(ti);
    klass = g_malloc0(size);
    if (parent) {
        size_t psize = type_class_size(parent);

        type_initialize(parent);
        assert(size >= psize);
        memcpy(klass, parent->klass, psize);
    }
    class_reset_tables(klass, ti);

    if (parent) {
        for (GSList *l = parent->klass->interfaces; l; l = l->next) {
            InterfaceClass *pic = l->data;

            ifaces = g_slist_append(ifaces,
                                    interface_class_new(klass,
                                                        pic->interface_type,
                                                        pic));
        }
    }
    klass->interfaces = ifaces;
    for (char **name = ti->interface_names; *name; name++) {
        TypeImpl *iface = type_get_by_name(*name);

        if (!iface || !type_is_interface(iface)) {
            fprintf(stderr, "qom: type '%s' implements '%s', which is not an "
                    "interface type\n", ti->name, *name);
            abort();
        }
        if (!class_has_interface(klass, iface)) {
            klass->interfaces =
                g_slist_append(klass->interfaces,
                               interface_class_new(klass, iface, NULL));
        }
    }

    /* Published before the hooks run so that they can use the class. */
    ti->klass = klass;
    type_run_base_init(ti, klass);
    if (ti->class_init) {
        ti->class_init(klass, ti->class_data);
    }
}

/* ---- classes ---- */

ObjectClass *object_class_by_name(const char *typename)
{
    TypeImpl *ti = type_get_by_name(typename);

    if (!ti) {
        return NULL;
    }
    type_initialize(ti);
    return ti->klass;
}

const char *object_class_get_name(ObjectClass *klass)
{
    return klass->type->name;
}

ObjectClass *object_class_get_parent(ObjectClass *klass)
{
    TypeImpl *parent = type_get_parent(klass->type);

    if (!parent) {
        return NULL;
    }
    type_initialize(parent);
    return parent->klass;
}

bool object_class_is_abstract(ObjectClass *klass)
{
    return klass->type->abstract || type_is_interface(klass->type);
}

/*
 * Successful casts of the last few (class, type name) pairs, per thread:
 * hot paths (the vCPU's per-block lookups) cast with literal type names.
 * A hit is confirmed by comparing the name, as a heap name may be freed
 * and its address reused. Classes are never freed.
 */
#define CAST_CACHE_SIZE 16

typedef struct CastCacheEntry {
    ObjectClass *klass;
    const char *typename;
    TypeImpl *target;
    ObjectClass *ret;
} CastCacheEntry;

static __thread CastCacheEntry cast_cache[CAST_CACHE_SIZE];

static CastCacheEntry *cast_cache_entry(ObjectClass *klass, const char *typename)
{
    uintptr_t h = (uintptr_t)klass >> 4 ^ (uintptr_t)typename >> 3;

    return &cast_cache[(h ^ h >> 8) % CAST_CACHE_SIZE];
}

ObjectClass *object_class_dynamic_cast(ObjectClass *klass,
                                       const char *typename)
{
    TypeImpl *target;
    CastCacheEntry *ce;

    if (!klass) {
        return NULL;
    }
    /* Fast path: casts to the exact type are the common case. */
    if (!strcmp(klass->type->name, typename)) {
        return klass;
    }
    ce = cast_cache_entry(klass, typename);
    if (ce->klass == klass && ce->typename == typename && !strcmp(ce->target->name, typename)) {
        return ce->ret;
    }
    target = type_get_by_name(typename);
    if (!target) {
        return NULL;
    }
    if (type_is_ancestor(klass->type, target)) {
        *ce = (CastCacheEntry){ klass, typename, target, klass };
        return klass;
    }
    for (GSList *l = klass->interfaces; l; l = l->next) {
        InterfaceClass *ic = l->data;

        if (type_is_ancestor(ic->interface_type, target)) {
            return &ic->parent_class;
        }
    }
    return NULL;
}

ObjectClass *object_class_dynamic_cast_assert(ObjectClass *klass,
                                              const char *typename,
                                              const char *file, int line,
                                              const char *func)
{
    ObjectClass *ret;

    if (!klass) {
        return NULL;
    }
    ret = object_class_dynamic_cast(klass, typename);
    if (!ret) {
        fprintf(stderr, "%s:%d:%s: class '%s' is not a '%s'\n", file, line,
                func, object_class_get_name(klass), typename);
        abort();
    }
    return ret;
}

static gint class_cmp_name(gconstpointer a, gconstpointer b)
{
    return strcmp(object_class_get_name((ObjectClass *)a),
                  object_class_get_name((ObjectClass *)b));
}

GSList *object_class_get_list(const char *implements_type,
                              bool include_abstract)
{
    GSList *list = NULL;
    GList *types = g_hash_table_get_values(type_table_get());

    for (GList *l = types; l; l = l->next) {
        TypeImpl *ti = l->data;
        ObjectClass *klass;

        type_initialize(ti);
        klass = ti->klass;
        if (implements_type && !object_class_dynamic_cast(klass,
                                                          implements_type)) {
            continue;
        }
        if (!include_abstract && object_class_is_abstract(klass)) {
            continue;
        }
        list = g_slist_prepend(list, klass);
    }
    g_list_free(types);
    return g_slist_sort(list, class_cmp_name);
}

void object_class_foreach(void (*fn)(ObjectClass *klass, void *opaque),
                          const char *implements_type, bool include_abstract,
                          void *opaque)
{
    GSList *list = object_class_get_list(implements_type, include_abstract);

    for (GSList *l = list; l; l = l->next) {
        fn(l->data, opaque);
    }
    g_slist_free(list);
}

/* ---- instances ---- */

static void object_run_init(Object *obj, TypeImpl *ti)
{
    TypeImpl *parent = type_get_parent(ti);

    if (parent) {
        object_run_init(obj, parent);
    }
    if (ti->instance_init) {
        ti->instance_init(obj);
    }
}

static void object_run_post_init(Object *obj, TypeImpl *ti)
{
    TypeImpl *parent = type_get_parent(ti);

    if (parent) {
        object_run_post_init(obj, parent);
    }
    if (ti->instance_post_init) {
        ti->instance_post_init(obj);
    }
}

static TypeImpl *type_for_instance(const char *typename)
{
    TypeImpl *ti = type_get_by_name(typename);

    if (!ti) {
        fprintf(stderr, "qom: cannot create an object of unknown type '%s'\n",
                typename ? typename : "(null)");
        abort();
    }
    type_initialize(ti);
    if (object_class_is_abstract(ti->klass)) {
        fprintf(stderr, "qom: cannot create an object of abstract type '%s'\n",
                typename);
        abort();
    }
    return ti;
}

static void object_initialize_with_type(void *data, size_t size, TypeImpl *ti)
{
    Object *obj = data;

    assert(size >= type_instance_size(ti));
    memset(obj, 0, size);
    obj->klass = ti->klass;
    obj->ref = 1;
    obj->properties = g_hash_table_new(g_str_hash, g_str_equal);
    obj->property_order = g_ptr_array_new();
    object_run_init(obj, ti);
    object_run_post_init(obj, ti);
}

static Object *object_new_with_type(TypeImpl *ti)
{
    size_t size = type_instance_size(ti);
    Object *obj = g_malloc(size);

    object_initialize_with_type(obj, size, ti);
    obj->free = g_free;
    return obj;
}

Object *object_new(const char *typename)
{
    return object_new_with_type(type_for_instance(typename));
}

Object *object_new_with_class(ObjectClass *klass)
{
    return object_new_with_type(type_for_instance(klass->type->name));
}

void object_initialize(void *data, size_t size, const char *typename)
{
    object_initialize_with_type(data, size, type_for_instance(typename));
}

void object_initialize_child_internal(Object *parent, const char *propname,
                                      void *child, size_t size,
                                      const char *type)
{
    object_initialize(child, size, type);
    object_property_add_child(parent, propname, OBJECT(child));
    /* The child property now holds the only reference. */
    object_unref(child);
}

static void class_collect_props(ObjectClass *klass, GPtrArray *out);

static void property_free(ObjectProperty *prop)
{
    g_free(prop->name);
    g_free(prop->type);
    g_free(prop->description);
    if (prop->defval) {
        g_variant_unref(prop->defval);
    }
    g_free(prop);
}

/*
 * Deletes properties last-added first; a release hook may delete other
 * properties, hence the loop instead of an iteration.
 */
static void object_property_del_all(Object *obj)
{
    while (obj->property_order->len) {
        ObjectProperty *prop =
            g_ptr_array_steal_index(obj->property_order,
                                    obj->property_order->len - 1);

        g_hash_table_remove(obj->properties, prop->name);
        if (prop->release) {
            prop->release(obj, prop);
        }
        property_free(prop);
    }
}

static void object_finalize(Object *obj)
{
    assert(!obj->parent);
    for (TypeImpl *ti = obj->klass->type; ti; ti = type_get_parent(ti)) {
        if (ti->instance_finalize) {
            ti->instance_finalize(obj);
        }
    }
    object_property_del_all(obj);
    /* Class properties keep per-instance state too (strong class links). */
    {
        g_autoptr(GPtrArray) cprops = g_ptr_array_new();

        class_collect_props(obj->klass, cprops);
        for (guint i = 0; i < cprops->len; i++) {
            ObjectProperty *prop = g_ptr_array_index(cprops, i);

            if (prop->release) {
                prop->release(obj, prop);
            }
        }
    }
    g_hash_table_unref(obj->properties);
    g_ptr_array_unref(obj->property_order);
    if (obj->free) {
        obj->free(obj);
    }
}

Object *object_ref(void *opaque)
{
    Object *obj = opaque;

    if (!obj) {
        return NULL;
    }
    assert(obj->ref > 0);
    obj->ref++;
    return obj;
}

void object_unref(void *opaque)
{
    Object *obj = opaque;

    if (!obj) {
        return;
    }
    assert(obj->ref > 0);
    if (--obj->ref == 0) {
        object_finalize(obj);
    }
}

ObjectClass *object_get_class(Object *obj)
{
    return obj->klass;
}

const char *object_get_typename(const Object *obj)
{
    return obj->klass->type->name;
}

Object *object_dynamic_cast(Object *obj, const char *typename)
{
    if (obj && object_class_dynamic_cast(obj->klass, typename)) {
        return obj;
    }
    return NULL;
}

Object *object_dynamic_cast_assert(Object *obj, const char *typename,
                                   const char *file, int line,
                                   const char *func)
{
    if (obj && !object_dynamic_cast(obj, typename)) {
        fprintf(stderr, "%s:%d:%s: object %p of type '%s' is not a '%s'\n",
                file, line, func, (void *)obj, object_get_typename(obj),
                typename);
        abort();
    }
    return obj;
}

/* ---- property tables ---- */

ObjectProperty *object_class_property_find(ObjectClass *klass,
                                           const char *name)
{
    for (; klass; klass = object_class_get_parent(klass)) {
        ObjectProperty *prop = g_hash_table_lookup(klass->properties, name);

        if (prop) {
            return prop;
        }
    }
    return NULL;
}

ObjectProperty *object_property_find(Object *obj, const char *name)
{
    ObjectProperty *prop = g_hash_table_lookup(obj->properties, name);

    return prop ? prop : object_class_property_find(obj->klass, name);
}

ObjectProperty *object_property_find_err(Object *obj, const char *name,
                                         Error **errp)
{
    ObjectProperty *prop = object_property_find(obj, name);

    if (!prop) {
        error_setg(errp, "Property '%s.%s' not found",
                   object_get_typename(obj), name);
    }
    return prop;
}

static ObjectProperty *property_new(const char *name, const char *type,
                                    ObjectPropertyGet *get,
                                    ObjectPropertySet *set,
                                    ObjectPropertyRelease *release,
                                    void *opaque)
{
    ObjectProperty *prop = g_new0(ObjectProperty, 1);

    prop->name = g_strdup(name);
    prop->type = g_strdup(type);
    prop->get = get;
    prop->set = set;
    prop->release = release;
    prop->opaque = opaque;
    return prop;
}

ObjectProperty *object_property_try_add(Object *obj, const char *name,
                                        const char *type,
                                        ObjectPropertyGet *get,
                                        ObjectPropertySet *set,
                                        ObjectPropertyRelease *release,
                                        void *opaque, Error **errp)
{
    ObjectProperty *prop;

    if (g_str_has_suffix(name, "[*]")) {
        g_autofree char *base = g_strndup(name, strlen(name) - 3);

        for (unsigned i = 0;; i++) {
            g_autofree char *full = g_strdup_printf("%s[%u]", base, i);

            if (!object_property_find(obj, full)) {
                return object_property_try_add(obj, full, type, get, set,
                                               release, opaque, errp);
            }
        }
    }
    if (object_property_find(obj, name)) {
        error_setg(errp, "attempt to add duplicate property '%s' to object "
                   "(type '%s')", name, object_get_typename(obj));
        return NULL;
    }
    prop = property_new(name, type, get, set, release, opaque);
    g_hash_table_insert(obj->properties, prop->name, prop);
    g_ptr_array_add(obj->property_order, prop);
    return prop;
}

ObjectProperty *object_property_add(Object *obj, const char *name,
                                    const char *type,
                                    ObjectPropertyGet *get,
                                    ObjectPropertySet *set,
                                    ObjectPropertyRelease *release,
                                    void *opaque)
{
    return object_property_try_add(obj, name, type, get, set, release, opaque,
                                   &error_abort);
}

ObjectProperty *object_class_property_add(ObjectClass *klass,
                                          const char *name, const char *type,
                                          ObjectPropertyGet *get,
                                          ObjectPropertySet *set,
                                          ObjectPropertyRelease *release,
                                          void *opaque)
{
    ObjectProperty *prop;

    if (object_class_property_find(klass, name)) {
        fprintf(stderr, "qom: duplicate class property '%s' in class '%s'\n",
                name, object_class_get_name(klass));
        abort();
    }
    prop = property_new(name, type, get, set, release, opaque);
    g_hash_table_insert(klass->properties, prop->name, prop);
    g_ptr_array_add(klass->property_order, prop);
    return prop;
}

void object_property_set_description(Object *obj, const char *name,
                                     const char *description)
{
    ObjectProperty *prop = object_property_find(obj, name);

    assert(prop);
    g_free(prop->description);
    prop->description = g_strdup(description);
}

void object_class_property_set_description(ObjectClass *klass,
                                           const char *name,
                                           const char *description)
{
    ObjectProperty *prop = g_hash_table_lookup(klass->properties, name);

    assert(prop);
    g_free(prop->description);
    prop->description = g_strdup(description);
}

void object_property_del(Object *obj, const char *name)
{
    ObjectProperty *prop = g_hash_table_lookup(obj->properties, name);

    if (!prop) {
        return;
    }
    g_hash_table_remove(obj->properties, name);
    g_ptr_array_remove(obj->property_order, prop);
    if (prop->release) {
        prop->release(obj, prop);
    }
    property_free(prop);
}

static void class_collect_props(ObjectClass *klass, GPtrArray *out)
{
    ObjectClass *parent = object_class_get_parent(klass);

    if (parent) {
        class_collect_props(parent, out);
    }
    for (guint i = 0; i < klass->property_order->len; i++) {
        g_ptr_array_add(out, g_ptr_array_index(klass->property_order, i));
    }
}

GPtrArray *qom_property_list(Object *obj)
{
    GPtrArray *out = g_ptr_array_new();

    for (guint i = 0; i < obj->property_order->len; i++) {
        g_ptr_array_add(out, g_ptr_array_index(obj->property_order, i));
    }
    class_collect_props(obj->klass, out);
    return out;
}

/*
 * Iterates over a snapshot, so FN may add or delete instance properties
 * (deleting one not yet visited is not allowed).
 */
void object_property_foreach(Object *obj,
                             void (*fn)(Object *obj, ObjectProperty *prop,
                                        void *opaque),
                             void *opaque)
{
    g_autoptr(GPtrArray) props = qom_property_list(obj);

    for (guint i = 0; i < props->len; i++) {
        fn(obj, g_ptr_array_index(props, i), opaque);
    }
}

/* Class properties, base class first, each class in registration order. */
void object_class_property_foreach(ObjectClass *klass,
                                   void (*fn)(ObjectClass *klass,
                                              ObjectProperty *prop,
                                              void *opaque),
                                   void *opaque)
{
    g_autoptr(GPtrArray) props = g_ptr_array_new();

    class_collect_props(klass, props);
    for (guint i = 0; i < props->len; i++) {
        fn(klass, g_ptr_array_index(props, i), opaque);
    }
}

/* ---- built-in types ---- */

static const TypeInfo object_base_types[] = {
    {
        .name = TYPE_OBJECT,
        .instance_size = sizeof(Object),
        .class_size = sizeof(ObjectClass),
    },
    {
        .name = TYPE_INTERFACE,
        .class_size = sizeof(InterfaceClass),
        .abstract = true,
    },
};

DEFINE_TYPES(object_base_types)
