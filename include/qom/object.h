/*
 * QOM: Ferry's object model.
 *
 * Types are registered by name with a parent, sizes and init hooks. Each
 * concrete type gets one class object (a struct whose first member is its
 * parent's class struct) built on first use. Instances start with an
 * Object header, hold a reference count, and carry named properties. Objects
 * form a composition tree through "child<T>" properties rooted at "/", which
 * gives every object a canonical path ("/machine/peripheral/uart0").
 *
 * Property values travel as GVariant: getters return a new floating-free
 * reference, setters receive a value of any integer/bool/string type and
 * check it against the property's declared type, naming the property in
 * errors. Strings from the command line go through object_property_parse().
 */
#ifndef QOM_OBJECT_H
#define QOM_OBJECT_H

#include "qemu/osdep.h"
#include "qapi/error.h"

typedef struct TypeImpl *Type;
typedef struct ObjectClass ObjectClass;
typedef struct Object Object;
typedef struct ObjectProperty ObjectProperty;
typedef struct InterfaceClass InterfaceClass;
typedef struct InterfaceInfo InterfaceInfo;

#define TYPE_OBJECT "object"
#define TYPE_INTERFACE "interface"
#define TYPE_CONTAINER "container"

/* Getter: returns a new reference (never floating) or NULL with ERRP set. */
typedef GVariant *ObjectPropertyGet(Object *obj, ObjectProperty *prop,
                                    Error **errp);
/* Setter: VALUE is borrowed; on error sets ERRP and leaves state unchanged. */
typedef void ObjectPropertySet(Object *obj, ObjectProperty *prop,
                               GVariant *value, Error **errp);
/* Called when the property is deleted (object finalization or removal). */
typedef void ObjectPropertyRelease(Object *obj, ObjectProperty *prop);

struct ObjectProperty {
    char *name;
    /*
     * QOM type of the value: "bool", "int8".."int64", "uint8".."uint64",
     * "str", "link<TYPE>", "child<TYPE>", or a device-specific name.
     */
    char *type;
    char *description;
    ObjectPropertyGet *get;     /* NULL: write-only */
    ObjectPropertySet *set;     /* NULL: read-only */
    ObjectPropertyRelease *release;
    void *opaque;               /* per-kind data (field pointer, link target) */
    GVariant *defval;           /* default for introspection, or NULL */
};

struct ObjectClass {
    Type type;
    GSList *interfaces;         /* InterfaceClass *, one per interface */
    GHashTable *properties;     /* class properties: name -> ObjectProperty */
    GPtrArray *property_order;  /* class properties in registration order */
    void (*unparent)(Object *obj);
};

struct Object {
    ObjectClass *klass;
    void (*free)(void *obj);    /* g_free for object_new(), NULL if embedded */
    GHashTable *properties;     /* name -> ObjectProperty */
    GPtrArray *property_order;  /* ObjectProperty *, registration order */
    uint32_t ref;
    Object *parent;             /* composition-tree parent, or NULL */
};

struct InterfaceInfo {
    const char *type;
};

struct InterfaceClass {
    ObjectClass parent_class;
    ObjectClass *concrete_class; /* the class implementing the interface */
    Type interface_type;
};

typedef struct TypeInfo {
    const char *name;
    const char *parent;

    size_t instance_size;       /* 0: the parent's */
    void (*instance_init)(Object *obj);
    void (*instance_post_init)(Object *obj);
    void (*instance_finalize)(Object *obj);

    bool abstract;
    size_t class_size;          /* 0: the parent's */
    /* Runs for this class after the parent's class_init; may override. */
    void (*class_init)(ObjectClass *klass, void *data);
    /* Runs for this class and every subclass, before their class_init. */
    void (*class_base_init)(ObjectClass *klass, void *data);
    void *class_data;

    const InterfaceInfo *interfaces; /* terminated by { NULL } */
} TypeInfo;

/* ---- type registration ---- */

/* Registers INFO (which must outlive the program). Returns the type. */
Type type_register_static(const TypeInfo *info);
void type_register_static_array(const TypeInfo *infos, int nr_infos);

/*
 * Registration from constructors: every translation unit that defines types
 * uses DEFINE_TYPES(array) or type_init(fn); the registration runs before
 * main(), so lookups by name work from the first line of main().
 */
#define type_init(function) \
    static void __attribute__((constructor)) do_qom_init_ ## function(void) \
    {                                                                    \
        function();                                                      \
    }

#define DEFINE_TYPES(type_array)                                        \
    static void do_qemu_init_ ## type_array(void)                      \
    {                                                                  \
        type_register_static_array(type_array, ARRAY_SIZE(type_array)); \
    }                                                                  \
    type_init(do_qemu_init_ ## type_array)

/* ---- classes ---- */

/* The class of TYPENAME (initializing it on first use), or NULL. */
ObjectClass *object_class_by_name(const char *typename);
const char *object_class_get_name(ObjectClass *klass);
ObjectClass *object_class_get_parent(ObjectClass *klass);
bool object_class_is_abstract(ObjectClass *klass);

/*
 * KLASS viewed as TYPENAME (a parent type, or an interface it implements,
 * for which the per-class InterfaceClass is returned), or NULL.
 */
ObjectClass *object_class_dynamic_cast(ObjectClass *klass,
                                       const char *typename);
/* Like object_class_dynamic_cast but aborts with a message on failure. */
ObjectClass *object_class_dynamic_cast_assert(ObjectClass *klass,
                                              const char *typename,
                                              const char *file, int line,
                                              const char *func);

/*
 * Classes of every type that is (or implements) IMPLEMENTS_TYPE (NULL: all),
 * sorted by name; abstract ones only if INCLUDE_ABSTRACT. Free the list
 * with g_slist_free.
 */
GSList *object_class_get_list(const char *implements_type,
                              bool include_abstract);
void object_class_foreach(void (*fn)(ObjectClass *klass, void *opaque),
                          const char *implements_type, bool include_abstract,
                          void *opaque);

/* ---- instances ---- */

/* A new instance with one reference. TYPENAME must be concrete. */
Object *object_new(const char *typename);
Object *object_new_with_class(ObjectClass *klass);
/*
 * Initializes an instance in caller-provided storage of SIZE bytes (the
 * object is not freed when its last reference goes, only finalized).
 */
void object_initialize(void *data, size_t size, const char *typename);
/*
 * object_initialize() followed by adding it as child PROPNAME of PARENT;
 * the child property then holds the only reference.
 */
void object_initialize_child_internal(Object *parent, const char *propname,
                                      void *child, size_t size,
                                      const char *type);
#define object_initialize_child(parent, propname, child, type) \
    object_initialize_child_internal((parent), (propname), \
                                     (child), sizeof(*(child)), (type))

Object *object_ref(void *obj);
/* Drops a reference; at zero, finalizes (child first) and frees. */
void object_unref(void *obj);

ObjectClass *object_get_class(Object *obj);
const char *object_get_typename(const Object *obj);

/* OBJ if it is (or implements) TYPENAME, else NULL. */
Object *object_dynamic_cast(Object *obj, const char *typename);
Object *object_dynamic_cast_assert(Object *obj, const char *typename,
                                   const char *file, int line,
                                   const char *func);

#define OBJECT(obj) ((Object *)(obj))
#define OBJECT_CLASS(klass) ((ObjectClass *)(klass))
#define OBJECT_CHECK(type, obj, name) \
    ((type *)object_dynamic_cast_assert(OBJECT(obj), (name), \
                                        __FILE__, __LINE__, __func__))
#define OBJECT_CLASS_CHECK(class_type, klass, name) \
    ((class_type *)object_class_dynamic_cast_assert(OBJECT_CLASS(klass), \
                                                    (name), __FILE__, \
                                                    __LINE__, __func__))
#define OBJECT_GET_CLASS(class_type, obj, name) \
    OBJECT_CLASS_CHECK(class_type, object_get_class(OBJECT(obj)), name)

/*
 * Declares the checked casts for a type:
 *   OBJECT_DECLARE_TYPE(PL011State, PL011Class, PL011)
 * gives PL011(obj), PL011_CLASS(klass), PL011_GET_CLASS(obj) for TYPE_PL011.
 */
#define OBJECT_DECLARE_TYPE(InstanceType, ClassType, MODULE_OBJ_NAME)     \
    typedef struct InstanceType InstanceType;                            \
    typedef struct ClassType ClassType;                                  \
    G_DEFINE_AUTOPTR_CLEANUP_FUNC(InstanceType, object_unref)            \
    static inline QEMU_UNUSED InstanceType *MODULE_OBJ_NAME(const void *obj) \
    {                                                                    \
        return OBJECT_CHECK(InstanceType, obj, TYPE_##MODULE_OBJ_NAME);  \
    }                                                                    \
    static inline QEMU_UNUSED ClassType *                                \
    MODULE_OBJ_NAME##_GET_CLASS(const void *obj)                         \
    {                                                                    \
        return OBJECT_GET_CLASS(ClassType, obj, TYPE_##MODULE_OBJ_NAME); \
    }                                                                    \
    static inline QEMU_UNUSED ClassType *                                \
    MODULE_OBJ_NAME##_CLASS(const void *klass)                           \
    {                                                                    \
        return OBJECT_CLASS_CHECK(ClassType, klass, TYPE_##MODULE_OBJ_NAME); \
    }

/* For types without a class struct of their own. */
#define OBJECT_DECLARE_SIMPLE_TYPE(InstanceType, MODULE_OBJ_NAME)        \
    typedef struct InstanceType InstanceType;                            \
    G_DEFINE_AUTOPTR_CLEANUP_FUNC(InstanceType, object_unref)            \
    static inline QEMU_UNUSED InstanceType *MODULE_OBJ_NAME(const void *obj) \
    {                                                                    \
        return OBJECT_CHECK(InstanceType, obj, TYPE_##MODULE_OBJ_NAME);  \
    }

/* ---- properties ---- */

/*
 * Adds a property to OBJ. Fails (ERRP: "attempt to add duplicate property
 * 'NAME' to object (type 'T')") if the name exists. A NAME ending in "[*]"
 * gets the first free index ("device[0]", "device[1]", ...).
 */
ObjectProperty *object_property_try_add(Object *obj, const char *name,
                                        const char *type,
                                        ObjectPropertyGet *get,
                                        ObjectPropertySet *set,
                                        ObjectPropertyRelease *release,
                                        void *opaque, Error **errp);
/* Same, aborting on a duplicate (programming error). */
ObjectProperty *object_property_add(Object *obj, const char *name,
                                    const char *type,
                                    ObjectPropertyGet *get,
                                    ObjectPropertySet *set,
                                    ObjectPropertyRelease *release,
                                    void *opaque);
/* A property shared by every instance of KLASS and its subclasses. */
ObjectProperty *object_class_property_add(ObjectClass *klass,
                                          const char *name, const char *type,
                                          ObjectPropertyGet *get,
                                          ObjectPropertySet *set,
                                          ObjectPropertyRelease *release,
                                          void *opaque);
void object_property_set_description(Object *obj, const char *name,
                                     const char *description);
void object_class_property_set_description(ObjectClass *klass,
                                           const char *name,
                                           const char *description);
void object_property_del(Object *obj, const char *name);

/* Instance property, then class properties up the chain; NULL if none. */
ObjectProperty *object_property_find(Object *obj, const char *name);
/* Same, setting ERRP ("Property 'T.NAME' not found") when absent. */
ObjectProperty *object_property_find_err(Object *obj, const char *name,
                                         Error **errp);
ObjectProperty *object_class_property_find(ObjectClass *klass,
                                           const char *name);

/* Calls FN for each property (instance first, then class), in order. */
void object_property_foreach(Object *obj,
                             void (*fn)(Object *obj, ObjectProperty *prop,
                                        void *opaque),
                             void *opaque);
void object_class_property_foreach(ObjectClass *klass,
                                   void (*fn)(ObjectClass *klass,
                                              ObjectProperty *prop,
                                              void *opaque),
                                   void *opaque);

/* Generic get/set with the declared-type checks described above. */
GVariant *object_property_get(Object *obj, const char *name, Error **errp);
bool object_property_set(Object *obj, const char *name, GVariant *value,
                         Error **errp);

/* Typed conveniences. Getters return the zero value on error. */
bool object_property_set_bool(Object *obj, const char *name, bool value,
                              Error **errp);
bool object_property_get_bool(Object *obj, const char *name, Error **errp);
bool object_property_set_int(Object *obj, const char *name, int64_t value,
                             Error **errp);
int64_t object_property_get_int(Object *obj, const char *name, Error **errp);
bool object_property_set_uint(Object *obj, const char *name, uint64_t value,
                              Error **errp);
uint64_t object_property_get_uint(Object *obj, const char *name,
                                  Error **errp);
bool object_property_set_str(Object *obj, const char *name,
                             const char *value, Error **errp);
/* Returns a new string (g_free it) or NULL. */
char *object_property_get_str(Object *obj, const char *name, Error **errp);
/* Sets a link<T> property to VALUE (NULL clears it). */
bool object_property_set_link(Object *obj, const char *name, Object *value,
                              Error **errp);
Object *object_property_get_link(Object *obj, const char *name, Error **errp);

/*
 * Sets NAME from its command-line spelling: "on"/"off" for bool, C-syntax
 * numbers (and size suffixes K/M/G for unsigned) for integers, a path for
 * links, the string itself for "str" and other string-typed properties.
 */
bool object_property_parse(Object *obj, const char *name, const char *string,
                           Error **errp);
/* The value formatted for humans (info qtree, qom-get in HMP). g_free it. */
char *object_property_print(Object *obj, const char *name, Error **errp);

/* Typed properties backed by a field of the instance (PTR into OBJ). */
typedef enum {
    OBJ_PROP_FLAG_READ = 1 << 0,
    OBJ_PROP_FLAG_WRITE = 1 << 1,
    OBJ_PROP_FLAG_READWRITE = OBJ_PROP_FLAG_READ | OBJ_PROP_FLAG_WRITE,
} ObjectPropertyFlags;

ObjectProperty *object_property_add_bool_ptr(Object *obj, const char *name,
                                             bool *v,
                                             ObjectPropertyFlags flags);
ObjectProperty *object_property_add_uint8_ptr(Object *obj, const char *name,
                                              uint8_t *v,
                                              ObjectPropertyFlags flags);
ObjectProperty *object_property_add_uint16_ptr(Object *obj, const char *name,
                                               uint16_t *v,
                                               ObjectPropertyFlags flags);
ObjectProperty *object_property_add_uint32_ptr(Object *obj, const char *name,
                                               uint32_t *v,
                                               ObjectPropertyFlags flags);
ObjectProperty *object_property_add_uint64_ptr(Object *obj, const char *name,
                                               uint64_t *v,
                                               ObjectPropertyFlags flags);
ObjectProperty *object_property_add_int32_ptr(Object *obj, const char *name,
                                              int32_t *v,
                                              ObjectPropertyFlags flags);
/* A read-write "str" property backed by a g_malloc'd char * field. */
ObjectProperty *object_property_add_str_ptr(Object *obj, const char *name,
                                            char **v,
                                            ObjectPropertyFlags flags);
/* Properties computed by callbacks (NULL setter: read-only). */
ObjectProperty *object_property_add_bool(Object *obj, const char *name,
                                         bool (*get)(Object *, Error **),
                                         void (*set)(Object *, bool,
                                                     Error **));
ObjectProperty *object_property_add_str(Object *obj, const char *name,
                                        char *(*get)(Object *, Error **),
                                        void (*set)(Object *, const char *,
                                                    Error **));
ObjectProperty *object_class_property_add_bool(ObjectClass *klass,
                                               const char *name,
                                               bool (*get)(Object *,
                                                           Error **),
                                               void (*set)(Object *, bool,
                                                           Error **));
ObjectProperty *object_class_property_add_str(ObjectClass *klass,
                                              const char *name,
                                              char *(*get)(Object *,
                                                           Error **),
                                              void (*set)(Object *,
                                                          const char *,
                                                          Error **));

/* ---- composition tree ---- */

/*
 * Adds CHILD as property NAME ("child<TYPE>") of OBJ and takes a reference
 * on it; the child's parent becomes OBJ. A child can have one parent only.
 * NAME may end in "[*]" for automatic numbering.
 */
ObjectProperty *object_property_try_add_child(Object *obj, const char *name,
                                              Object *child, Error **errp);
ObjectProperty *object_property_add_child(Object *obj, const char *name,
                                          Object *child);
/* Detaches OBJ from its parent (dropping the parent's reference). */
void object_unparent(Object *obj);

typedef enum {
    /* The link holds a reference on its target while set. */
    OBJ_PROP_LINK_STRONG = 1 << 0,
} ObjectPropertyLinkFlags;

/*
 * A "link<TYPE>" property stored in *TARGETP. CHECK (NULL: any value of
 * TYPE is accepted) can veto a new value;
 * qdev_prop_allow_set_link_before_realize is the usual one.
 * Setting it from a string resolves the string as a path.
 */
ObjectProperty *object_property_add_link(
    Object *obj, const char *name, const char *type, Object **targetp,
    void (*check)(const Object *obj, const char *name, Object *val,
                  Error **errp),
    ObjectPropertyLinkFlags flags);
/*
 * The same as a class property: the target lives at OFFSET in each
 * instance (for static device properties). Released at finalization.
 */
ObjectProperty *object_class_property_add_link(
    ObjectClass *klass, const char *name, const char *type, ptrdiff_t offset,
    void (*check)(const Object *obj, const char *name, Object *val,
                  Error **errp),
    ObjectPropertyLinkFlags flags);
/* A check that allows any value. */
void object_property_allow_set_link(const Object *obj, const char *name,
                                    Object *val, Error **errp);

/* The root "/" container (created on first use). */
Object *object_get_root(void);
/*
 * The container at PATH below ROOT, creating "container" objects for the
 * missing components ("/machine/unattached").
 */
Object *container_get(Object *root, const char *path);

/* "/machine/peripheral/uart0": the names of child properties from the root. */
char *object_get_canonical_path(const Object *obj);
/* The last component of the canonical path ("uart0"), or NULL if unparented. */
char *object_get_canonical_path_component(const Object *obj);

/*
 * Resolves PATH. An absolute path ("/machine/…") follows child and link
 * properties from the root. A partial path ("uart0", "peripheral/uart0")
 * matches any object whose canonical path ends with it; if several do,
 * returns NULL and sets *AMBIGUOUS (if non-NULL) to true.
 */
Object *object_resolve_path(const char *path, bool *ambiguous);
/* Same, accepting only objects of TYPENAME. */
Object *object_resolve_path_type(const char *path, const char *typename,
                                 bool *ambiguous);
/* The child or link target named PART of PARENT, or NULL. */
Object *object_resolve_path_component(Object *parent, const char *part);

/* Calls FN on each child (in property order); stops at a non-zero return. */
int object_child_foreach(Object *obj, int (*fn)(Object *child, void *opaque),
                         void *opaque);
/* Same, depth-first over all descendants. */
int object_child_foreach_recursive(Object *obj,
                                   int (*fn)(Object *child, void *opaque),
                                   void *opaque);

#endif
