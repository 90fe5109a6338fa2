/*
 * The composition tree: the root container, containers created on demand,
 * canonical paths and path resolution.
 */
#include "qemu/osdep.h"
#include "qom/object.h"
#include "qom-internal.h"

static const TypeInfo container_types[] = {
    {
        .name = TYPE_CONTAINER,
        .parent = TYPE_OBJECT,
        .instance_size = sizeof(Object),
    },
};

DEFINE_TYPES(container_types)

/* Lives for the whole program; reachable from here, so never a leak. */
static Object *root;

Object *object_get_root(void)
{
    if (!root) {
        root = object_new(TYPE_CONTAINER);
    }
    return root;
}

Object *container_get(Object *root_obj, const char *path)
{
    g_auto(GStrv) parts = g_strsplit(path, "/", -1);
    Object *obj = root_obj;

    for (char **p = parts; *p; p++) {
        Object *child;

        if (!**p) {
            continue;
        }
        child = object_resolve_path_component(obj, *p);
        if (!child) {
            child = object_new(TYPE_CONTAINER);
            object_property_add_child(obj, *p, child);
            object_unref(child);
        }
        obj = child;
    }
    return obj;
}

/* The name of the child property of OBJ's parent that holds OBJ. */
static const char *child_name(const Object *obj)
{
    Object *parent = obj->parent;

    for (guint i = 0; i < parent->property_order->len; i++) {
        ObjectProperty *prop = g_ptr_array_index(parent->property_order, i);

        if (qom_prop_is_child(prop) && prop->opaque == obj) {
            return prop->name;
        }
    }
    g_assert_not_reached();
}

char *object_get_canonical_path_component(const Object *obj)
{
    return obj->parent ? g_strdup(child_name(obj)) : NULL;
}

char *object_get_canonical_path(const Object *obj)
{
    Object *r = object_get_root();
    GString *path;
    GPtrArray *names;

    if (obj == r) {
        return g_strdup("/");
    }
    names = g_ptr_array_new();
    for (; obj != r; obj = obj->parent) {
        if (!obj->parent) {
            /* Not attached below the root. */
            g_ptr_array_free(names, true);
            return NULL;
        }
        g_ptr_array_add(names, (gpointer)child_name(obj));
    }
    path = g_string_new("");
    for (guint i = names->len; i > 0; i--) {
        g_string_append_c(path, '/');
        g_string_append(path, g_ptr_array_index(names, i - 1));
    }
    g_ptr_array_free(names, true);
    return g_string_free(path, false);
}

Object *object_resolve_path_component(Object *parent, const char *part)
{
    ObjectProperty *prop = object_property_find(parent, part);

    if (!prop) {
        return NULL;
    }
    if (qom_prop_is_child(prop)) {
        return prop->opaque;
    }
    if (qom_prop_is_link(prop)) {
        return *qom_link_slot(parent, prop);
    }
    return NULL;
}

/* Follows PARTS (empty ones skipped) from OBJ; NULL if a step is missing. */
static Object *resolve_from(Object *obj, char **parts)
{
    for (; obj && *parts; parts++) {
        if (**parts) {
            obj = object_resolve_path_component(obj, *parts);
        }
    }
    return obj;
}

/*
 * Adds to FOUND every object of TYPENAME reached by PARTS from OBJ or from
 * one of its descendants (through child properties, which form a tree, so
 * the walk ends).
 */
static void resolve_partial(Object *obj, char **parts, const char *typename,
                            GPtrArray *found)
{
    Object *hit = resolve_from(obj, parts);

    if (hit && object_dynamic_cast(hit, typename) &&
        !g_ptr_array_find(found, hit, NULL)) {
        g_ptr_array_add(found, hit);
    }
    for (guint i = 0; i < obj->property_order->len; i++) {
        ObjectProperty *prop = g_ptr_array_index(obj->property_order, i);

        if (qom_prop_is_child(prop)) {
            resolve_partial(prop->opaque, parts, typename, found);
        }
    }
}

Object *object_resolve_path_type(const char *path, const char *typename,
                                 bool *ambiguous)
{
    g_auto(GStrv) parts = NULL;
    Object *obj = NULL;

    if (ambiguous) {
        *ambiguous = false;
    }
    if (!path || !*path) {
        return NULL;
    }
    parts = g_strsplit(path, "/", -1);
    if (path[0] == '/') {
        obj = resolve_from(object_get_root(), parts);
        return object_dynamic_cast(obj, typename);
    } else {
        g_autoptr(GPtrArray) found = g_ptr_array_new();

        resolve_partial(object_get_root(), parts, typename, found);
        if (found->len == 1) {
            obj = g_ptr_array_index(found, 0);
        } else if (found->len > 1 && ambiguous) {
            *ambiguous = true;
        }
    }
    return obj;
}

Object *object_resolve_path(const char *path, bool *ambiguous)
{
    return object_resolve_path_type(path, TYPE_OBJECT, ambiguous);
}

/*
 * Iterates over a snapshot of the children, so FN may unparent the child
 * it is given.
 */
int object_child_foreach(Object *obj, int (*fn)(Object *child, void *opaque),
                         void *opaque)
{
    g_autoptr(GPtrArray) children = g_ptr_array_new();
    int ret = 0;

    for (guint i = 0; i < obj->property_order->len; i++) {
        ObjectProperty *prop = g_ptr_array_index(obj->property_order, i);

        if (qom_prop_is_child(prop)) {
            g_ptr_array_add(children, prop->opaque);
        }
    }
    for (guint i = 0; i < children->len && !ret; i++) {
        ret = fn(g_ptr_array_index(children, i), opaque);
    }
    return ret;
}

typedef struct RecursiveWalk {
    int (*fn)(Object *child, void *opaque);
    void *opaque;
} RecursiveWalk;

static int walk_recursive(Object *child, void *opaque)
{
    RecursiveWalk *w = opaque;
    int ret = w->fn(child, w->opaque);

    return ret ? ret : object_child_foreach(child, walk_recursive, w);
}

int object_child_foreach_recursive(Object *obj,
                                   int (*fn)(Object *child, void *opaque),
                                   void *opaque)
{
    RecursiveWalk w = { fn, opaque };

    return object_child_foreach(obj, walk_recursive, &w);
}
