/*
 * Static device properties: a table of Property entries per device class,
 * each backed by a field of the device state, registered as class
 * properties (so they can be listed without an instance), given their
 * default at instance init, frozen once the device is realized.
 *
 * New kinds plug in with a PropertyInfo of their own (see DEFINE_PROP());
 * their get/set receive the ObjectProperty whose opaque is the Property,
 * and reach the field with qdev_get_prop_ptr(). Setters see values already
 * checked against PropertyInfo.name when it is a QOM basic type ("bool",
 * "uint32", "str", ...), else the raw GVariant (a string from the command
 * line). The realized check is done before set is called.
 */
#ifndef HW_QDEV_PROPERTIES_H
#define HW_QDEV_PROPERTIES_H

#include "hw/qdev-core.h"

typedef struct PropertyInfo {
    const char *name;           /* QOM type of the property */
    const char *description;
    ObjectPropertyGet *get;
    ObjectPropertySet *set;
    /* Stores PROP's default in OP->defval (NULL hook: no default). */
    void (*set_default_value)(ObjectProperty *op, const Property *prop);
    ObjectPropertyRelease *release;
} PropertyInfo;

struct Property {
    const char *name;
    const PropertyInfo *info;
    ptrdiff_t offset;
    bool set_default;
    union {
        int64_t i;
        uint64_t u;
    } defval;
    const char *link_type;      /* DEFINE_PROP_LINK target type */
};

extern const PropertyInfo qdev_prop_bool;
extern const PropertyInfo qdev_prop_uint8;
extern const PropertyInfo qdev_prop_uint16;
extern const PropertyInfo qdev_prop_uint32;
extern const PropertyInfo qdev_prop_uint64;
extern const PropertyInfo qdev_prop_int32;
extern const PropertyInfo qdev_prop_int64;
extern const PropertyInfo qdev_prop_size;
extern const PropertyInfo qdev_prop_string;
extern const PropertyInfo qdev_prop_link;

/* Fails to compile when FIELD of STATE is not of TYPE. */
#define qdev_prop_check_type(State, field, type) \
    (0 * sizeof(char[1 - 2 * !__builtin_types_compatible_p(                 \
        type, typeof(((State *)0)->field))]))

#define DEFINE_PROP(_name, State, field, _info, type, ...) {             \
        .name = (_name),                                                 \
        .info = &(_info),                                                \
        .offset = offsetof(State, field) +                               \
                  qdev_prop_check_type(State, field, type),              \
        __VA_ARGS__                                                      \
    }

#define DEFINE_PROP_SIGNED(_name, State, field, _def, _info, type)       \
    DEFINE_PROP(_name, State, field, _info, type,                        \
                .set_default = true, .defval.i = (type)(_def))
#define DEFINE_PROP_UNSIGNED(_name, State, field, _def, _info, type)     \
    DEFINE_PROP(_name, State, field, _info, type,                        \
                .set_default = true, .defval.u = (type)(_def))

#define DEFINE_PROP_BOOL(_name, State, field, _def) \
    DEFINE_PROP_UNSIGNED(_name, State, field, _def, qdev_prop_bool, bool)
#define DEFINE_PROP_UINT8(_name, State, field, _def) \
    DEFINE_PROP_UNSIGNED(_name, State, field, _def, qdev_prop_uint8, uint8_t)
#define DEFINE_PROP_UINT16(_name, State, field, _def) \
    DEFINE_PROP_UNSIGNED(_name, State, field, _def, qdev_prop_uint16, uint16_t)
#define DEFINE_PROP_UINT32(_name, State, field, _def) \
    DEFINE_PROP_UNSIGNED(_name, State, field, _def, qdev_prop_uint32, uint32_t)
#define DEFINE_PROP_UINT64(_name, State, field, _def) \
    DEFINE_PROP_UNSIGNED(_name, State, field, _def, qdev_prop_uint64, uint64_t)
#define DEFINE_PROP_INT32(_name, State, field, _def) \
    DEFINE_PROP_SIGNED(_name, State, field, _def, qdev_prop_int32, int32_t)
#define DEFINE_PROP_INT64(_name, State, field, _def) \
    DEFINE_PROP_SIGNED(_name, State, field, _def, qdev_prop_int64, int64_t)
#define DEFINE_PROP_SIZE(_name, State, field, _def) \
    DEFINE_PROP_UNSIGNED(_name, State, field, _def, qdev_prop_size, uint64_t)
/* A g_malloc'd char * field, NULL by default, freed with the device. */
#define DEFINE_PROP_STRING(_name, State, field) \
    DEFINE_PROP(_name, State, field, qdev_prop_string, char *)
/* A strong link<TYPE>, settable until realize. */
#define DEFINE_PROP_LINK(_name, State, field, _type, ptr_type) \
    DEFINE_PROP(_name, State, field, qdev_prop_link, ptr_type, \
                .link_type = (_type))
#define DEFINE_PROP_END_OF_LIST() {}

/*
 * Registers PROPS (terminated by DEFINE_PROP_END_OF_LIST, living as long
 * as the program) as class properties of DC. Once per class, in class_init.
 */
void device_class_set_props(DeviceClass *dc, Property *props);

/* The field of OBJ that PROP describes. */
void *qdev_get_prop_ptr(Object *obj, const Property *prop);

/* Link check that refuses changes once the device is realized. */
void qdev_prop_allow_set_link_before_realize(const Object *obj,
                                             const char *name, Object *val,
                                             Error **errp);
/* Sets ERRP to the "after it was realized" error for property NAME. */
void qdev_prop_set_after_realize(DeviceState *dev, const char *name,
                                 Error **errp);

/* Board-code setters; failures are programming errors (abort). */
void qdev_prop_set_bit(DeviceState *dev, const char *name, bool value);
void qdev_prop_set_uint8(DeviceState *dev, const char *name, uint8_t value);
void qdev_prop_set_uint16(DeviceState *dev, const char *name, uint16_t value);
void qdev_prop_set_uint32(DeviceState *dev, const char *name, uint32_t value);
void qdev_prop_set_uint64(DeviceState *dev, const char *name, uint64_t value);
void qdev_prop_set_int32(DeviceState *dev, const char *name, int32_t value);
void qdev_prop_set_string(DeviceState *dev, const char *name,
                          const char *value);

/* ---- global properties (-global and machine compat properties) ---- */

typedef struct GlobalProperty {
    const char *driver;
    const char *property;
    const char *value;
    bool used;                  /* matched a property of some device */
    bool optional;              /* no error if the property does not exist */
} GlobalProperty;

/* -global DRIVER.PROPERTY=VALUE (strings are copied). */
void qdev_prop_register_global(const char *driver, const char *property,
                               const char *value);
/*
 * Machine compat properties: COMPAT holds GlobalProperty * that outlive
 * every device. Applied before -global ones, so the user wins.
 */
void qdev_prop_register_compat(GPtrArray *compat);
/* Parses "TYPE.PROPERTY=VALUE" (or driver=,property=,value=) and registers it. */
bool qdev_global_parse(const char *str, Error **errp);
/*
 * Reports (error_report) every -global that no device used and whose type
 * has no such property, or whose type does not exist. False if any.
 */
bool qdev_prop_check_globals(void);
/* Forgets every registered global (tests). */
void qdev_prop_clear_globals(void);
/* Applies the globals matching DEV's type (done at instance post-init). */
void qdev_prop_set_globals(DeviceState *dev);

#endif
