/*
 * Helpers shared by the qom/ sources; not part of the public API.
 */
#ifndef QOM_INTERNAL_H
#define QOM_INTERNAL_H

#include "qom/object.h"

/* Opaque of every "link<T>" property (instance or class). */
typedef struct LinkProperty {
    Object **targetp;           /* instance link: the field */
    ptrdiff_t offset;           /* class link: offset of the field in OBJ */
    bool is_class;
    char *target_type;
    void (*check)(const Object *obj, const char *name, Object *val,
                  Error **errp);
    ObjectPropertyLinkFlags flags;
} LinkProperty;

static inline bool qom_prop_is_child(const ObjectProperty *prop)
{
    return g_str_has_prefix(prop->type, "child<");
}

static inline bool qom_prop_is_link(const ObjectProperty *prop)
{
    return g_str_has_prefix(prop->type, "link<");
}

/* Where the link PROP of OBJ stores its target. */
static inline Object **qom_link_slot(Object *obj, ObjectProperty *prop)
{
    LinkProperty *lp = prop->opaque;

    return lp->is_class ? (Object **)((char *)obj + lp->offset) : lp->targetp;
}

/* A new, non-floating reference to VALUE (which may be floating). */
static inline GVariant *qom_variant_take(GVariant *value)
{
    return g_variant_ref_sink(value);
}

/* Sets a link to VALUE after the type and check tests. */
bool qom_link_set_object(Object *obj, ObjectProperty *prop, Object *value,
                         Error **errp);

/* Instance properties of OBJ in order, then class ones, as a new array. */
GPtrArray *qom_property_list(Object *obj);

#endif
