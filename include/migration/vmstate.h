/*
 * VMState: how devices and CPUs declare their migratable state.
 *
 * This header is the declaration side only. A device describes its state
 * as a VMStateDescription: a versioned list of fields plus subsections. The
 * stream engine (migration/) walks these tables to write and read QEMU's
 * byte format (see shared/spec/migration-stream.md); nothing here knows the
 * wire, so every device can declare its state before the engine exists.
 *
 * Rules that the declarations encode (ARCHITECTURE.md, "Design rules"):
 * - A field added in a new release gets a higher version_id, or better, goes
 *   into a subsection whose needed() also consults the machine version.
 * - needed() runs on the sending side only. A subsection that is absent from
 *   an incoming stream gets its defaults from the description's absent()
 *   hook, so the receiver never keeps stale values.
 * - Configuration sanity checks are done in post_load with a message that
 *   names the device, the field and both values, not with "equal" fields.
 */
#ifndef MIGRATION_VMSTATE_H
#define MIGRATION_VMSTATE_H

#include "qemu/osdep.h"
#include "qapi/error.h"

typedef struct VMStateDescription VMStateDescription;
typedef struct VMStateField VMStateField;
typedef struct VMStateInfo VMStateInfo;
typedef struct QEMUFile QEMUFile;   /* the stream; defined by migration/ */
typedef struct JSONWriter JSONWriter;

/*
 * What one element of a field is. The built-in kinds are encoded by the
 * engine (byte sizes in the spec's "Field encodings" table); CUSTOM uses
 * the field's VMStateInfo callbacks.
 */
typedef enum VMStateKind {
    VMS_KIND_BOOL,
    VMS_KIND_INT8,
    VMS_KIND_INT16,
    VMS_KIND_INT32,
    VMS_KIND_INT64,
    VMS_KIND_UINT8,
    VMS_KIND_UINT16,
    VMS_KIND_UINT32,
    VMS_KIND_UINT64,
    VMS_KIND_INT32_LE,      /* be32; load accepts 0 <= v <= local value */
    VMS_KIND_FLOAT64,       /* be64 of the IEEE bits */
    VMS_KIND_CPU_DOUBLE_U,  /* be32 high word, be32 low word */
    VMS_KIND_TIMER,         /* be64 expiry ns of its clock, ~0 = idle */
    VMS_KIND_BUFFER,        /* raw bytes */
    VMS_KIND_UNUSED,        /* zeros on save, skipped on load */
    VMS_KIND_BITMAP,        /* ceil(bits / 64) be64 words */
    VMS_KIND_STRUCT,        /* a nested description, inline */
    VMS_KIND_VALIDATE,      /* no bytes; fails the load if field_exists fails */
    VMS_KIND_CUSTOM,        /* VMStateField.info does the work */
    VMS_KIND__MAX,
} VMStateKind;

/* vmdesc "type" name of a built-in kind ("uint32", "int32 le", ...). */
const char *vmstate_kind_name(VMStateKind kind);

/* Callbacks of a custom kind. Return 0 on success, -errno with ERRP set. */
struct VMStateInfo {
    const char *name;   /* vmdesc "type" */
    int (*get)(QEMUFile *f, void *pv, size_t size, const VMStateField *field,
               Error **errp);
    int (*put)(QEMUFile *f, void *pv, size_t size, const VMStateField *field,
               JSONWriter *vmdesc, Error **errp);
};

/* How the field's storage is laid out. */
typedef enum VMStateFlags {
    VMS_SINGLE = 0x1,           /* one element at offset */
    VMS_POINTER = 0x2,          /* offset holds a pointer to the element(s) */
    VMS_ARRAY = 0x4,            /* `num` elements */
    VMS_VARRAY_INT32 = 0x8,     /* count is the int32 at num_offset */
    VMS_VARRAY_UINT32 = 0x10,   /* count is the uint32 at num_offset */
    VMS_VARRAY_UINT16 = 0x20,
    VMS_VARRAY_UINT8 = 0x40,
    VMS_VBUFFER = 0x80,         /* byte count is the uint32 at size_offset */
    VMS_ARRAY_OF_POINTER = 0x100, /* elements are pointers; NULL sends 0x30 */
    VMS_EQUAL = 0x200,          /* load compares with the local value */
    VMS_MUST_EXIST = 0x400,     /* the field is required on load */
    VMS_ALLOC = 0x800,          /* load allocates the pointed-to buffer */
} VMStateFlags;

struct VMStateField {
    const char *name;
    VMStateKind kind;
    const VMStateInfo *info;            /* VMS_KIND_CUSTOM only */
    const VMStateDescription *vmsd;     /* VMS_KIND_STRUCT only */
    VMStateFlags flags;
    size_t offset;          /* of the field in the state struct */
    size_t size;            /* of one element in bytes */
    size_t start;           /* first byte of a partial buffer */
    int num;                /* fixed element count (VMS_ARRAY) */
    size_t num_offset;      /* variable count (VMS_VARRAY_*) */
    size_t size_offset;     /* variable byte count (VMS_VBUFFER) */
    int version_id;         /* first description version with this field */
    /* Overrides version_id: presence decided by this test (save and load). */
    bool (*field_exists)(void *opaque, int version_id);
    const char *err_hint;
};

typedef enum MigrationPriority {
    MIG_PRI_DEFAULT = 0,
    MIG_PRI_IOMMU,
    MIG_PRI_PCI_BUS,
    MIG_PRI_VIRTIO_MEM,
    MIG_PRI_GICV3_ITS,
    MIG_PRI_GICV3,
    MIG_PRI_MAX,
} MigrationPriority;

struct VMStateDescription {
    const char *name;
    /* Blocks migration and savevm with an error naming the device. */
    bool unmigratable;
    int version_id;
    int minimum_version_id;
    MigrationPriority priority;
    /*
     * Hooks, in stream order. Save: pre_save, fields, subsections,
     * post_save. Load: pre_load, fields, subsections, post_load. A hook that
     * fails returns false and sets ERRP naming the device and the value.
     */
    bool (*pre_load)(void *opaque, Error **errp);
    bool (*post_load)(void *opaque, int version_id, Error **errp);
    bool (*pre_save)(void *opaque, Error **errp);
    void (*post_save)(void *opaque);
    /* Subsections: sent only when needed() holds (sender side only). */
    bool (*needed)(void *opaque);
    /*
     * Subsections: called on load when this subsection was not in the
     * stream, to give its fields their defined defaults.
     */
    void (*absent)(void *opaque);
    const VMStateField *fields;                     /* ends VMSTATE_END_OF_LIST */
    const VMStateDescription *const *subsections;   /* ends with NULL */
};

/* ---- field declaration macros ---- */

/*
 * Compile-time check that FIELD of STATE has type T: a negative array size
 * does not compile. Evaluates to 0.
 */
#define vmstate_type_check(t1, t2) \
    char[1 - 2 * !__builtin_types_compatible_p(t1, t2)]
#define vmstate_typeof_field(state, field) typeof(((state *)0)->field)
#define vmstate_offset_value(state, field, type) \
    (offsetof(state, field) + \
     0 * sizeof(vmstate_type_check(type, vmstate_typeof_field(state, field))))
#define vmstate_offset_array(state, field, type, num) \
    (offsetof(state, field) + \
     0 * sizeof(vmstate_type_check(type[num], \
                                   vmstate_typeof_field(state, field))))
#define vmstate_offset_pointer(state, field, type) \
    (offsetof(state, field) + \
     0 * sizeof(vmstate_type_check(type *, vmstate_typeof_field(state, field))))
#define vmstate_sizeof_field(state, field) sizeof(((state *)0)->field)

#define VMSTATE_SINGLE_TEST(_field, _state, _version, _test, _kind, _type) { \
    .name = (stringify(_field)),                                          \
    .version_id = (_version),                                             \
    .field_exists = (_test),                                              \
    .kind = (_kind),                                                      \
    .size = sizeof(_type),                                                \
    .flags = VMS_SINGLE,                                                  \
    .offset = vmstate_offset_value(_state, _field, _type),                \
}

#define VMSTATE_ARRAY_TEST(_field, _state, _num, _version, _test, _kind, _type) { \
    .name = (stringify(_field)),                                          \
    .version_id = (_version),                                             \
    .field_exists = (_test),                                              \
    .num = (_num),                                                        \
    .kind = (_kind),                                                      \
    .size = sizeof(_type),                                                \
    .flags = VMS_ARRAY,                                                   \
    .offset = vmstate_offset_array(_state, _field, _type, _num),          \
}

#ifndef stringify
#define stringify(s) tostring(s)
#define tostring(s) #s
#endif

#define VMSTATE_BOOL_V(f, s, v)   VMSTATE_SINGLE_TEST(f, s, v, NULL, VMS_KIND_BOOL, bool)
#define VMSTATE_INT8_V(f, s, v)   VMSTATE_SINGLE_TEST(f, s, v, NULL, VMS_KIND_INT8, int8_t)
#define VMSTATE_INT16_V(f, s, v)  VMSTATE_SINGLE_TEST(f, s, v, NULL, VMS_KIND_INT16, int16_t)
#define VMSTATE_INT32_V(f, s, v)  VMSTATE_SINGLE_TEST(f, s, v, NULL, VMS_KIND_INT32, int32_t)
#define VMSTATE_INT64_V(f, s, v)  VMSTATE_SINGLE_TEST(f, s, v, NULL, VMS_KIND_INT64, int64_t)
#define VMSTATE_UINT8_V(f, s, v)  VMSTATE_SINGLE_TEST(f, s, v, NULL, VMS_KIND_UINT8, uint8_t)
#define VMSTATE_UINT16_V(f, s, v) VMSTATE_SINGLE_TEST(f, s, v, NULL, VMS_KIND_UINT16, uint16_t)
#define VMSTATE_UINT32_V(f, s, v) VMSTATE_SINGLE_TEST(f, s, v, NULL, VMS_KIND_UINT32, uint32_t)
#define VMSTATE_UINT64_V(f, s, v) VMSTATE_SINGLE_TEST(f, s, v, NULL, VMS_KIND_UINT64, uint64_t)

#define VMSTATE_BOOL(f, s)   VMSTATE_BOOL_V(f, s, 0)
#define VMSTATE_INT8(f, s)   VMSTATE_INT8_V(f, s, 0)
#define VMSTATE_INT16(f, s)  VMSTATE_INT16_V(f, s, 0)
#define VMSTATE_INT32(f, s)  VMSTATE_INT32_V(f, s, 0)
#define VMSTATE_INT64(f, s)  VMSTATE_INT64_V(f, s, 0)
#define VMSTATE_UINT8(f, s)  VMSTATE_UINT8_V(f, s, 0)
#define VMSTATE_UINT16(f, s) VMSTATE_UINT16_V(f, s, 0)
#define VMSTATE_UINT32(f, s) VMSTATE_UINT32_V(f, s, 0)
#define VMSTATE_UINT64(f, s) VMSTATE_UINT64_V(f, s, 0)

#define VMSTATE_UINT8_TEST(f, s, t)  VMSTATE_SINGLE_TEST(f, s, 0, t, VMS_KIND_UINT8, uint8_t)
#define VMSTATE_UINT32_TEST(f, s, t) VMSTATE_SINGLE_TEST(f, s, 0, t, VMS_KIND_UINT32, uint32_t)
#define VMSTATE_INT32_TEST(f, s, t)  VMSTATE_SINGLE_TEST(f, s, 0, t, VMS_KIND_INT32, int32_t)
#define VMSTATE_UINT64_TEST(f, s, t) VMSTATE_SINGLE_TEST(f, s, 0, t, VMS_KIND_UINT64, uint64_t)

/* Accepts on load only 0 <= stream value <= the local value. */
#define VMSTATE_INT32_POSITIVE_LE(f, s) \
    VMSTATE_SINGLE_TEST(f, s, 0, NULL, VMS_KIND_INT32_LE, int32_t)

/* Kept for streams that need them; Ferry's devices check in post_load. */
#define VMSTATE_UINT32_EQUAL(f, s) { \
    .name = (stringify(f)), .kind = VMS_KIND_UINT32, .size = sizeof(uint32_t), \
    .flags = VMS_SINGLE | VMS_EQUAL, \
    .offset = vmstate_offset_value(s, f, uint32_t), }

#define VMSTATE_FLOAT64(f, s) \
    VMSTATE_SINGLE_TEST(f, s, 0, NULL, VMS_KIND_FLOAT64, double)
#define VMSTATE_FLOAT64_ARRAY(f, s, n) \
    VMSTATE_ARRAY_TEST(f, s, n, 0, NULL, VMS_KIND_FLOAT64, double)

#define VMSTATE_BOOL_ARRAY(f, s, n)   VMSTATE_ARRAY_TEST(f, s, n, 0, NULL, VMS_KIND_BOOL, bool)
#define VMSTATE_INT8_ARRAY(f, s, n)   VMSTATE_ARRAY_TEST(f, s, n, 0, NULL, VMS_KIND_INT8, int8_t)
#define VMSTATE_INT32_ARRAY(f, s, n)  VMSTATE_ARRAY_TEST(f, s, n, 0, NULL, VMS_KIND_INT32, int32_t)
#define VMSTATE_UINT8_ARRAY(f, s, n)  VMSTATE_ARRAY_TEST(f, s, n, 0, NULL, VMS_KIND_UINT8, uint8_t)
#define VMSTATE_UINT16_ARRAY(f, s, n) \
    VMSTATE_ARRAY_TEST(f, s, n, 0, NULL, VMS_KIND_UINT16, uint16_t)
#define VMSTATE_UINT32_ARRAY(f, s, n) \
    VMSTATE_ARRAY_TEST(f, s, n, 0, NULL, VMS_KIND_UINT32, uint32_t)
#define VMSTATE_UINT64_ARRAY(f, s, n) \
    VMSTATE_ARRAY_TEST(f, s, n, 0, NULL, VMS_KIND_UINT64, uint64_t)
#define VMSTATE_UINT32_ARRAY_V(f, s, n, v) \
    VMSTATE_ARRAY_TEST(f, s, n, v, NULL, VMS_KIND_UINT32, uint32_t)
#define VMSTATE_UINT8_ARRAY_V(f, s, n, v) \
    VMSTATE_ARRAY_TEST(f, s, n, v, NULL, VMS_KIND_UINT8, uint8_t)

/* A variable-length array of uint32 at a pointer, count in another field. */
#define VMSTATE_VARRAY_UINT32(f, s, count_field, v, _kind, type) { \
    .name = (stringify(f)), .version_id = (v), .kind = (_kind), \
    .size = sizeof(type), .flags = VMS_VARRAY_UINT32 | VMS_POINTER, \
    .num_offset = vmstate_offset_value(s, count_field, uint32_t), \
    .offset = vmstate_offset_pointer(s, f, type), }
#define VMSTATE_VARRAY_INT32(f, s, count_field, v, _kind, type) { \
    .name = (stringify(f)), .version_id = (v), .kind = (_kind), \
    .size = sizeof(type), .flags = VMS_VARRAY_INT32 | VMS_POINTER, \
    .num_offset = vmstate_offset_value(s, count_field, int32_t), \
    .offset = vmstate_offset_pointer(s, f, type), }
#define VMSTATE_VARRAY_UINT16(f, s, count_field, v, _kind, type) { \
    .name = (stringify(f)), .version_id = (v), .kind = (_kind), \
    .size = sizeof(type), .flags = VMS_VARRAY_UINT16 | VMS_POINTER, \
    .num_offset = vmstate_offset_value(s, count_field, uint16_t), \
    .offset = vmstate_offset_pointer(s, f, type), }
#define VMSTATE_VARRAY_UINT8(f, s, count_field, v, _kind, type) { \
    .name = (stringify(f)), .version_id = (v), .kind = (_kind), \
    .size = sizeof(type), .flags = VMS_VARRAY_UINT8 | VMS_POINTER, \
    .num_offset = vmstate_offset_value(s, count_field, uint8_t), \
    .offset = vmstate_offset_pointer(s, f, type), }

/* A uint8_t array sent as raw bytes. */
#define VMSTATE_BUFFER_V(f, s, v) { \
    .name = (stringify(f)), .version_id = (v), .kind = VMS_KIND_BUFFER, \
    .size = vmstate_sizeof_field(s, f), .flags = VMS_SINGLE, \
    .offset = offsetof(s, f) + \
        0 * sizeof(vmstate_type_check(uint8_t, typeof(((s *)0)->f[0]))), }
#define VMSTATE_BUFFER(f, s) VMSTATE_BUFFER_V(f, s, 0)
/* Bytes [0, size) of a uint8_t array, size in a uint32_t field. */
#define VMSTATE_VBUFFER_UINT32(f, s, v, size_field) { \
    .name = (stringify(f)), .version_id = (v), .kind = VMS_KIND_BUFFER, \
    .flags = VMS_VBUFFER | VMS_POINTER, \
    .size_offset = vmstate_offset_value(s, size_field, uint32_t), \
    .offset = vmstate_offset_pointer(s, f, uint8_t), }

/* Unused space: N zero bytes, skipped on load. */
#define VMSTATE_UNUSED_V(v, n) { \
    .name = "unused", .version_id = (v), .kind = VMS_KIND_UNUSED, \
    .size = (n), .flags = VMS_SINGLE, }
#define VMSTATE_UNUSED(n) VMSTATE_UNUSED_V(0, n)
#define VMSTATE_UNUSED_TEST(t, n) { \
    .name = "unused", .field_exists = (t), .kind = VMS_KIND_UNUSED, \
    .size = (n), .flags = VMS_SINGLE, }

/* A bitmap of `bits` bits stored as unsigned long words at a pointer. */
#define VMSTATE_BITMAP(f, s, v, bits_field) { \
    .name = (stringify(f)), .version_id = (v), .kind = VMS_KIND_BITMAP, \
    .flags = VMS_VBUFFER | VMS_POINTER, \
    .size_offset = vmstate_offset_value(s, bits_field, int32_t), \
    .offset = offsetof(s, f), }

/* A timer: embedded QEMUTimer, or a QEMUTimer * field (_PTR). */
#define VMSTATE_TIMER(f, s) { \
    .name = (stringify(f)), .kind = VMS_KIND_TIMER, \
    .size = vmstate_sizeof_field(s, f), .flags = VMS_SINGLE, \
    .offset = offsetof(s, f), }
#define VMSTATE_TIMER_PTR(f, s) { \
    .name = (stringify(f)), .kind = VMS_KIND_TIMER, \
    .size = sizeof(void *), .flags = VMS_SINGLE | VMS_POINTER, \
    .offset = offsetof(s, f), }

/* A nested struct described by VMSD, inline in the stream. */
#define VMSTATE_STRUCT_V(f, s, v, _vmsd, type) { \
    .name = (stringify(f)), .version_id = (v), .kind = VMS_KIND_STRUCT, \
    .vmsd = &(_vmsd), .size = sizeof(type), .flags = VMS_SINGLE, \
    .offset = vmstate_offset_value(s, f, type), }
#define VMSTATE_STRUCT(f, s, v, _vmsd, type) VMSTATE_STRUCT_V(f, s, v, _vmsd, type)
#define VMSTATE_STRUCT_ARRAY(f, s, n, v, _vmsd, type) { \
    .name = (stringify(f)), .version_id = (v), .kind = VMS_KIND_STRUCT, \
    .vmsd = &(_vmsd), .num = (n), .size = sizeof(type), .flags = VMS_ARRAY, \
    .offset = vmstate_offset_array(s, f, type, n), }
#define VMSTATE_STRUCT_POINTER(f, s, _vmsd, type) { \
    .name = (stringify(f)), .kind = VMS_KIND_STRUCT, .vmsd = &(_vmsd), \
    .size = sizeof(type), .flags = VMS_SINGLE | VMS_POINTER, \
    .offset = vmstate_offset_pointer(s, f, type), }
/* An array of N pointers to structs; a NULL element is sent as 0x30. */
#define VMSTATE_ARRAY_OF_POINTER_TO_STRUCT(f, s, n, v, _vmsd, type) { \
    .name = (stringify(f)), .version_id = (v), .kind = VMS_KIND_STRUCT, \
    .vmsd = &(_vmsd), .num = (n), .size = sizeof(type *), \
    .flags = VMS_ARRAY | VMS_ARRAY_OF_POINTER, \
    .offset = vmstate_offset_array(s, f, type *, n), }

/* A custom element kind. */
#define VMSTATE_SINGLE_INFO(f, s, v, _info, type) { \
    .name = (stringify(f)), .version_id = (v), .kind = VMS_KIND_CUSTOM, \
    .info = &(_info), .size = sizeof(type), .flags = VMS_SINGLE, \
    .offset = vmstate_offset_value(s, f, type), }

/* No bytes: the load fails with NAME when TEST(opaque, version) is false. */
#define VMSTATE_VALIDATE(_name, _test) { \
    .name = (_name), .kind = VMS_KIND_VALIDATE, .field_exists = (_test), \
    .flags = VMS_MUST_EXIST, }

#define VMSTATE_END_OF_LIST() { .name = NULL }

/* ---- registration of state instances ---- */

#define VMSTATE_INSTANCE_ID_ANY (-1)

/*
 * One registered state instance: a section of the stream is found by
 * (idstr, instance_id) — never by QOM path (design rule 1). alias_id, if
 * >= 0, is accepted on load for streams of older machine versions only.
 */
typedef struct VMStateEntry {
    char idstr[256];
    int instance_id;
    int alias_id;
    int section_id;          /* registration counter */
    const VMStateDescription *vmsd;
    void *opaque;
    void *owner;             /* the registering object (for unregister) */
} VMStateEntry;

/*
 * Registers VMSD for OPAQUE. INSTANCE_ID < 0 picks the next free id for
 * this idstr (0, 1, 2, ... in registration order). IDSTR is VMSD's name
 * unless PREFIX is given ("PREFIX/NAME", for buses with device paths).
 * A duplicate (idstr, instance_id) is a programming error and aborts.
 */
VMStateEntry *vmstate_register_full(void *owner, const char *prefix,
                                    int instance_id, int alias_id,
                                    const VMStateDescription *vmsd,
                                    void *opaque);
static inline VMStateEntry *vmstate_register(void *owner, int instance_id,
                                             const VMStateDescription *vmsd,
                                             void *opaque)
{
    return vmstate_register_full(owner, NULL, instance_id, -1, vmsd, opaque);
}
void vmstate_unregister(void *owner, const VMStateDescription *vmsd,
                        void *opaque);
/* The entry for (IDSTR, ID) where ID matches instance or alias id. */
VMStateEntry *vmstate_find(const char *idstr, int id);
/* Calls FN on every entry in (priority, registration) order. */
void vmstate_foreach(void (*fn)(VMStateEntry *e, void *opaque), void *opaque);

/*
 * Checks a description table for mistakes the compiler cannot see: fields
 * without a name, versions above the description's, minimum above current,
 * subsections whose name does not start with "PARENT/". Sets ERRP naming
 * the description and the field.
 */
bool vmstate_check_description(const VMStateDescription *vmsd, Error **errp);

/* ---- the engine (migration/vmstate.c) ---- */

/*
 * Writes OPAQUE's state as described by VMSD (fields, then the subsections
 * whose needed() holds; hooks pre_save .. post_save). With VMDESC, also
 * adds "vmsd_name", "version", "fields" and (if any was sent)
 * "subsections" members to the JSON object the caller has opened. Returns
 * false with ERRP naming the description and the field.
 */
bool vmstate_save_state(QEMUFile *f, const VMStateDescription *vmsd,
                        void *opaque, JSONWriter *vmdesc, Error **errp);
/*
 * Reads state written with version VERSION_ID of VMSD into OPAQUE (hooks
 * pre_load .. post_load; absent subsections get their absent() defaults).
 * Returns false with ERRP naming the description, field and values.
 */
bool vmstate_load_state(QEMUFile *f, const VMStateDescription *vmsd,
                        void *opaque, int version_id, Error **errp);
/* As above, with errors prefixed by LABEL ("pl011 instance 0") instead. */
bool vmstate_save_state_label(QEMUFile *f, const VMStateDescription *vmsd,
                              void *opaque, JSONWriter *vmdesc,
                              const char *label, Error **errp);
bool vmstate_load_state_label(QEMUFile *f, const VMStateDescription *vmsd,
                              void *opaque, int version_id,
                              const char *label, Error **errp);

/* The next section id (shared by device entries and live handlers). */
int vmstate_alloc_section_id(void);

#endif
