/*
 * Unit tests for qom/: types, classes, interfaces, casts, life cycle,
 * properties, composition and path resolution.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qom/object.h"

/* ---- test types ---- */

#define TYPE_TEST_PET "test-pet"
#define TYPE_TEST_GROOMABLE "test-groomable"
#define TYPE_TEST_ANIMAL "test-animal"
#define TYPE_TEST_DOG "test-dog"
#define TYPE_TEST_PUPPY "test-puppy"
#define TYPE_TEST_CAT "test-cat"
#define TYPE_TEST_PROPS "test-props"

typedef struct PetClass {
    InterfaceClass parent_class;
    const char *(*call)(Object *obj);
} PetClass;

typedef struct Animal {
    Object parent_obj;
    int legs;
} Animal;

typedef struct AnimalClass {
    ObjectClass parent_class;
    const char *(*sound)(Animal *a);
    int base_inits;
} AnimalClass;

OBJECT_DECLARE_TYPE(Animal, AnimalClass, TEST_ANIMAL)

/* Records init/finalize hooks in the order they run. */
static GString *event_log;

static void log_event(const char *what)
{
    if (event_log) {
        g_string_append_printf(event_log, "%s;", what);
    }
}

static const char *animal_sound(Animal *a)
{
    return "...";
}

static const char *dog_sound(Animal *a)
{
    return "woof";
}

static const char *dog_call(Object *obj)
{
    return "here boy";
}

static const char *puppy_call(Object *obj)
{
    return "here puppy";
}

static void animal_class_base_init(ObjectClass *klass, void *data)
{
    ((AnimalClass *)klass)->base_inits++;
}

static void animal_class_init(ObjectClass *klass, void *data)
{
    TEST_ANIMAL_CLASS(klass)->sound = animal_sound;
}

static void dog_class_init(ObjectClass *klass, void *data)
{
    PetClass *pc = (PetClass *)object_class_dynamic_cast(klass, TYPE_TEST_PET);

    TEST_ANIMAL_CLASS(klass)->sound = dog_sound;
    pc->call = dog_call;
}

static void puppy_class_init(ObjectClass *klass, void *data)
{
    PetClass *pc = (PetClass *)object_class_dynamic_cast(klass, TYPE_TEST_PET);

    pc->call = puppy_call;
}

static void animal_init(Object *obj)
{
    TEST_ANIMAL(obj)->legs = 4;
    log_event("animal_init");
}

static void animal_post_init(Object *obj)
{
    log_event("animal_post_init");
}

static void dog_init(Object *obj)
{
    log_event("dog_init");
}

static void dog_post_init(Object *obj)
{
    log_event("dog_post_init");
}

static void animal_finalize(Object *obj)
{
    log_event("animal_finalize");
}

static void dog_finalize(Object *obj)
{
    log_event("dog_finalize");
}

/* ---- a type with one property of each kind ---- */

typedef struct PropsObj {
    Object parent_obj;
    bool b;
    uint8_t u8;
    uint16_t u16;
    uint32_t u32;
    uint64_t u64;
    int32_t i32;
    uint32_t ro;
    char *s;
    Object *strong;
    Object *weak;
    bool cb_value;
    char *class_str;
} PropsObj;

OBJECT_DECLARE_SIMPLE_TYPE(PropsObj, TEST_PROPS)

static bool props_get_cb(Object *obj, Error **errp)
{
    return TEST_PROPS(obj)->cb_value;
}

static void props_set_cb(Object *obj, bool value, Error **errp)
{
    TEST_PROPS(obj)->cb_value = value;
}

static char *props_get_class_str(Object *obj, Error **errp)
{
    return g_strdup(TEST_PROPS(obj)->class_str);
}

static void props_set_class_str(Object *obj, const char *value, Error **errp)
{
    if (!strcmp(value, "bad")) {
        error_setg(errp, "class_str rejects '%s'", value);
        return;
    }
    g_free(TEST_PROPS(obj)->class_str);
    TEST_PROPS(obj)->class_str = g_strdup(value);
}

static void weak_check(const Object *obj, const char *name, Object *val,
                       Error **errp)
{
    if (val && object_dynamic_cast(val, TYPE_TEST_CAT)) {
        error_setg(errp, "link '%s' refuses cats", name);
    }
}

static void props_init(Object *obj)
{
    PropsObj *p = TEST_PROPS(obj);

    p->u32 = 115200;
    p->ro = 7;
    object_property_add_bool_ptr(obj, "b", &p->b, OBJ_PROP_FLAG_READWRITE);
    object_property_add_uint8_ptr(obj, "u8", &p->u8, OBJ_PROP_FLAG_READWRITE);
    object_property_add_uint16_ptr(obj, "u16", &p->u16,
                                   OBJ_PROP_FLAG_READWRITE);
    object_property_add_uint32_ptr(obj, "u32", &p->u32,
                                   OBJ_PROP_FLAG_READWRITE);
    object_property_add_uint64_ptr(obj, "u64", &p->u64,
                                   OBJ_PROP_FLAG_READWRITE);
    object_property_add_int32_ptr(obj, "i32", &p->i32,
                                  OBJ_PROP_FLAG_READWRITE);
    object_property_add_uint32_ptr(obj, "ro", &p->ro, OBJ_PROP_FLAG_READ);
    object_property_add_str_ptr(obj, "s", &p->s, OBJ_PROP_FLAG_READWRITE);
    object_property_add_bool(obj, "cb", props_get_cb, props_set_cb);
    object_property_add_link(obj, "strong", TYPE_TEST_ANIMAL, &p->strong,
                             object_property_allow_set_link,
                             OBJ_PROP_LINK_STRONG);
    object_property_add_link(obj, "weak", TYPE_TEST_ANIMAL, &p->weak,
                             weak_check, 0);
}

static void props_finalize(Object *obj)
{
    g_free(TEST_PROPS(obj)->s);
    g_free(TEST_PROPS(obj)->class_str);
}

static void props_class_init(ObjectClass *klass, void *data)
{
    object_class_property_add_str(klass, "class-str", props_get_class_str,
                                  props_set_class_str);
    object_class_property_set_description(klass, "class-str", "a class prop");
}

static const InterfaceInfo dog_interfaces[] = {
    { TYPE_TEST_PET },
    { NULL }
};

static const InterfaceInfo puppy_interfaces[] = {
    { TYPE_TEST_GROOMABLE },
    { NULL }
};

static const TypeInfo test_types[] = {
    {
        .name = TYPE_TEST_PET,
        .parent = TYPE_INTERFACE,
        .class_size = sizeof(PetClass),
    },
    {
        .name = TYPE_TEST_GROOMABLE,
        .parent = TYPE_INTERFACE,
    },
    {
        .name = TYPE_TEST_ANIMAL,
        .parent = TYPE_OBJECT,
        .abstract = true,
        .instance_size = sizeof(Animal),
        .class_size = sizeof(AnimalClass),
        .instance_init = animal_init,
        .instance_post_init = animal_post_init,
        .instance_finalize = animal_finalize,
        .class_init = animal_class_init,
        .class_base_init = animal_class_base_init,
    },
    {
        .name = TYPE_TEST_DOG,
        .parent = TYPE_TEST_ANIMAL,
        .instance_init = dog_init,
        .instance_post_init = dog_post_init,
        .instance_finalize = dog_finalize,
        .class_init = dog_class_init,
        .interfaces = dog_interfaces,
    },
    {
        .name = TYPE_TEST_PUPPY,
        .parent = TYPE_TEST_DOG,
        .class_init = puppy_class_init,
        .interfaces = puppy_interfaces,
    },
    {
        .name = TYPE_TEST_CAT,
        .parent = TYPE_TEST_ANIMAL,
    },
    {
        .name = TYPE_TEST_PROPS,
        .parent = TYPE_OBJECT,
        .instance_size = sizeof(PropsObj),
        .instance_init = props_init,
        .instance_finalize = props_finalize,
        .class_init = props_class_init,
    },
};

DEFINE_TYPES(test_types)

/* ---- types, classes, casts ---- */

static void test_class_inheritance(void)
{
    ObjectClass *dog = object_class_by_name(TYPE_TEST_DOG);
    ObjectClass *cat = object_class_by_name(TYPE_TEST_CAT);
    ObjectClass *animal = object_class_by_name(TYPE_TEST_ANIMAL);
    g_autoptr(Animal) d = TEST_ANIMAL(object_new(TYPE_TEST_DOG));
    g_autoptr(Animal) c = TEST_ANIMAL(object_new(TYPE_TEST_CAT));

    g_assert_nonnull(dog);
    g_assert_cmpstr(object_class_get_name(dog), ==, TYPE_TEST_DOG);
    g_assert_true(object_class_get_parent(dog) == animal);
    g_assert_null(object_class_get_parent(object_class_by_name(TYPE_OBJECT)));
    g_assert_true(object_class_is_abstract(animal));
    g_assert_false(object_class_is_abstract(dog));
    g_assert_null(object_class_by_name("no-such-type"));

    /* Overridden in the subclass, inherited by the other one. */
    g_assert_cmpstr(TEST_ANIMAL_GET_CLASS(d)->sound(d), ==, "woof");
    g_assert_cmpstr(TEST_ANIMAL_GET_CLASS(c)->sound(c), ==, "...");
    g_assert_cmpstr(TEST_ANIMAL_CLASS(animal)->sound(c), ==, "...");
    g_assert_cmpint(d->legs, ==, 4);

    /* class_base_init ran once for each class, on top of a zeroed count. */
    g_assert_cmpint(TEST_ANIMAL_CLASS(animal)->base_inits, ==, 1);
    g_assert_cmpint(TEST_ANIMAL_CLASS(dog)->base_inits, ==, 2);
    g_assert_cmpint(TEST_ANIMAL_CLASS(cat)->base_inits, ==, 2);
}

static void test_interfaces(void)
{
    ObjectClass *dog = object_class_by_name(TYPE_TEST_DOG);
    ObjectClass *puppy = object_class_by_name(TYPE_TEST_PUPPY);
    ObjectClass *cat = object_class_by_name(TYPE_TEST_CAT);
    PetClass *dog_pet = (PetClass *)object_class_dynamic_cast(dog,
                                                              TYPE_TEST_PET);
    PetClass *puppy_pet = (PetClass *)object_class_dynamic_cast(puppy,
                                                                TYPE_TEST_PET);
    Object *p = object_new(TYPE_TEST_PUPPY);

    g_assert_nonnull(dog_pet);
    g_assert_nonnull(puppy_pet);
    /* One vtable per implementing class, each with its own override. */
    g_assert_true((void *)dog_pet != (void *)puppy_pet);
    g_assert_true(dog_pet->parent_class.concrete_class == dog);
    g_assert_true(puppy_pet->parent_class.concrete_class == puppy);
    g_assert_cmpstr(dog_pet->call(NULL), ==, "here boy");
    g_assert_cmpstr(puppy_pet->call(p), ==, "here puppy");
    g_assert_cmpstr(object_class_get_name(&dog_pet->parent_class.parent_class),
                    ==, TYPE_TEST_PET);
    g_assert_nonnull(object_class_dynamic_cast(puppy, TYPE_TEST_GROOMABLE));
    g_assert_nonnull(object_class_dynamic_cast(puppy, TYPE_INTERFACE));
    g_assert_null(object_class_dynamic_cast(dog, TYPE_TEST_GROOMABLE));
    g_assert_null(object_class_dynamic_cast(cat, TYPE_TEST_PET));

    /* Casting an instance to an interface gives the instance. */
    g_assert_true(object_dynamic_cast(p, TYPE_TEST_PET) == p);
    g_assert_true(object_dynamic_cast(p, TYPE_TEST_ANIMAL) == p);
    g_assert_true(object_class_is_abstract(object_class_by_name(TYPE_TEST_PET)));
    object_unref(p);
}

static void test_failed_casts(void)
{
    Object *c = object_new(TYPE_TEST_CAT);

    g_assert_null(object_dynamic_cast(c, TYPE_TEST_DOG));
    g_assert_null(object_dynamic_cast(c, "no-such-type"));
    g_assert_null(object_dynamic_cast(NULL, TYPE_TEST_DOG));
    g_assert_true(object_dynamic_cast(c, TYPE_OBJECT) == c);
    g_assert_null(object_class_dynamic_cast(object_get_class(c),
                                            TYPE_TEST_PROPS));
    object_unref(c);
}

static void test_failed_cast_aborts(void)
{
    if (g_test_subprocess()) {
        Object *c = object_new(TYPE_TEST_CAT);

        TEST_PROPS(c);
        return;
    }
    g_test_trap_subprocess(NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
    g_test_trap_assert_failed();
    g_test_trap_assert_stderr("*object * of type 'test-cat' is not a "
                              "'test-props'*");
}

static void test_new_abstract_aborts(void)
{
    if (g_test_subprocess()) {
        object_new(TYPE_TEST_ANIMAL);
        return;
    }
    g_test_trap_subprocess(NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
    g_test_trap_assert_failed();
    g_test_trap_assert_stderr("*abstract type 'test-animal'*");
}

static void test_new_unknown_aborts(void)
{
    if (g_test_subprocess()) {
        object_new("no-such-type");
        return;
    }
    g_test_trap_subprocess(NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
    g_test_trap_assert_failed();
    g_test_trap_assert_stderr("*unknown type 'no-such-type'*");
}

static void test_lifecycle_order(void)
{
    Object *d;

    event_log = g_string_new("");
    d = object_new(TYPE_TEST_DOG);
    g_assert_cmpstr(event_log->str, ==,
                    "animal_init;dog_init;animal_post_init;dog_post_init;");
    g_string_truncate(event_log, 0);
    g_assert_true(object_ref(d) == d);
    g_assert_cmpuint(d->ref, ==, 2);
    object_unref(d);
    g_assert_cmpstr(event_log->str, ==, "");
    object_unref(d);
    g_assert_cmpstr(event_log->str, ==, "dog_finalize;animal_finalize;");
    g_string_free(event_log, true);
    event_log = NULL;
}

static void test_class_list(void)
{
    GSList *all = object_class_get_list(TYPE_TEST_ANIMAL, false);
    GSList *with_abstract = object_class_get_list(TYPE_TEST_ANIMAL, true);
    GSList *pets = object_class_get_list(TYPE_TEST_PET, false);
    GSList *l;

    g_assert_cmpuint(g_slist_length(all), ==, 3);
    l = all;
    g_assert_cmpstr(object_class_get_name(l->data), ==, TYPE_TEST_CAT);
    l = l->next;
    g_assert_cmpstr(object_class_get_name(l->data), ==, TYPE_TEST_DOG);
    l = l->next;
    g_assert_cmpstr(object_class_get_name(l->data), ==, TYPE_TEST_PUPPY);
    g_assert_cmpuint(g_slist_length(with_abstract), ==, 4);
    g_assert_cmpstr(object_class_get_name(with_abstract->data), ==,
                    TYPE_TEST_ANIMAL);
    g_assert_cmpuint(g_slist_length(pets), ==, 2);
    g_assert_cmpstr(object_class_get_name(pets->data), ==, TYPE_TEST_DOG);
    g_slist_free(all);
    g_slist_free(with_abstract);
    g_slist_free(pets);
}

/* ---- properties ---- */

static void assert_error(Error *err, const char *msg)
{
    g_assert_nonnull(err);
    g_assert_cmpstr(error_get_pretty(err), ==, msg);
    error_free(err);
}

static void test_prop_bool(void)
{
    g_autoptr(PropsObj) p = TEST_PROPS(object_new(TYPE_TEST_PROPS));
    Object *obj = OBJECT(p);
    g_autoptr(GVariant) v = NULL;
    Error *err = NULL;
    char *s;

    g_assert_false(object_property_get_bool(obj, "b", &error_abort));
    g_assert_true(object_property_set_bool(obj, "b", true, &error_abort));
    g_assert_true(p->b);
    v = object_property_get(obj, "b", &error_abort);
    g_assert_true(g_variant_is_of_type(v, G_VARIANT_TYPE_BOOLEAN));
    g_assert_false(g_variant_is_floating(v));

    for (const char *const *t = (const char *const[]){ "off", "no", "false",
                                                       NULL }; *t; t++) {
        p->b = true;
        g_assert_true(object_property_parse(obj, "b", *t, &error_abort));
        g_assert_false(p->b);
    }
    for (const char *const *t = (const char *const[]){ "on", "yes", "true",
                                                       NULL }; *t; t++) {
        p->b = false;
        g_assert_true(object_property_parse(obj, "b", *t, &error_abort));
        g_assert_true(p->b);
    }
    s = object_property_print(obj, "b", &error_abort);
    g_assert_cmpstr(s, ==, "true");
    g_free(s);

    g_assert_false(object_property_parse(obj, "b", "maybe", &err));
    assert_error(err, "Property 'test-props.b' expects bool (on/off), "
                 "got 'maybe'");
    err = NULL;
    g_assert_false(object_property_set_int(obj, "b", 1, &err));
    assert_error(err, "Property 'test-props.b' expects bool, got integer");
    g_assert_true(p->b);

    /* Callback-backed bool. */
    g_assert_true(object_property_set_bool(obj, "cb", true, &error_abort));
    g_assert_true(p->cb_value);
    g_assert_true(object_property_get_bool(obj, "cb", &error_abort));
}

static void test_prop_uint(void)
{
    g_autoptr(PropsObj) p = TEST_PROPS(object_new(TYPE_TEST_PROPS));
    Object *obj = OBJECT(p);
    g_autoptr(GVariant) v = NULL;
    Error *err = NULL;
    char *s;

    g_assert_cmpuint(object_property_get_uint(obj, "u32", &error_abort), ==,
                     115200);
    v = object_property_get(obj, "u32", &error_abort);
    g_assert_true(g_variant_is_of_type(v, G_VARIANT_TYPE_UINT64));

    /* Any integer GVariant is accepted when it fits. */
    g_assert_true(object_property_set(obj, "u8", g_variant_new_byte(200),
                                      &error_abort));
    g_assert_cmpuint(p->u8, ==, 200);
    g_assert_true(object_property_set(obj, "u16", g_variant_new_int32(65535),
                                      &error_abort));
    g_assert_cmpuint(p->u16, ==, 65535);
    g_assert_true(object_property_set_uint(obj, "u64", UINT64_MAX,
                                           &error_abort));
    g_assert_cmpuint(p->u64, ==, UINT64_MAX);
    g_assert_true(object_property_set_int(obj, "u32", 4096, &error_abort));
    g_assert_cmpuint(p->u32, ==, 4096);

    g_assert_false(object_property_set_uint(obj, "u8", 300, &err));
    assert_error(err, "Property 'test-props.u8' expects a uint8 value in "
                 "[0, 255], got 300");
    err = NULL;
    g_assert_false(object_property_set_int(obj, "u16", -1, &err));
    assert_error(err, "Property 'test-props.u16' expects a uint16 value in "
                 "[0, 65535], got -1");
    g_assert_cmpuint(p->u8, ==, 200);
    g_assert_cmpuint(p->u16, ==, 65535);
    err = NULL;
    g_assert_false(object_property_set_str(obj, "u32", "x", &err));
    assert_error(err, "Property 'test-props.u32' expects uint32, got string");

    /* Parsing: C syntax and size suffixes. */
    g_assert_true(object_property_parse(obj, "u32", "0x10", &error_abort));
    g_assert_cmpuint(p->u32, ==, 16);
    g_assert_true(object_property_parse(obj, "u64", "64K", &error_abort));
    g_assert_cmpuint(p->u64, ==, 65536);
    err = NULL;
    g_assert_false(object_property_parse(obj, "u32", "ten", &err));
    assert_error(err, "Property 'test-props.u32' expects uint32, got 'ten'");
    err = NULL;
    g_assert_false(object_property_parse(obj, "u8", "256", &err));
    assert_error(err, "Property 'test-props.u8' expects a uint8 value in "
                 "[0, 255], got 256");
    s = object_property_print(obj, "u32", &error_abort);
    g_assert_cmpstr(s, ==, "16");
    g_free(s);
}

static void test_prop_int(void)
{
    g_autoptr(PropsObj) p = TEST_PROPS(object_new(TYPE_TEST_PROPS));
    Object *obj = OBJECT(p);
    g_autoptr(GVariant) v = NULL;
    Error *err = NULL;
    char *s;

    g_assert_true(object_property_set_int(obj, "i32", -5, &error_abort));
    g_assert_cmpint(p->i32, ==, -5);
    v = object_property_get(obj, "i32", &error_abort);
    g_assert_true(g_variant_is_of_type(v, G_VARIANT_TYPE_INT64));
    g_assert_cmpint(object_property_get_int(obj, "i32", &error_abort), ==, -5);
    g_assert_true(object_property_parse(obj, "i32", "-0x10", &error_abort));
    g_assert_cmpint(p->i32, ==, -16);
    s = object_property_print(obj, "i32", &error_abort);
    g_assert_cmpstr(s, ==, "-16");
    g_free(s);
    g_assert_false(object_property_set_uint(obj, "i32", 0x80000000u, &err));
    assert_error(err, "Property 'test-props.i32' expects an int32 value in "
                 "[-2147483648, 2147483647], got 2147483648");
    err = NULL;
    g_assert_false(object_property_parse(obj, "i32", "1.5", &err));
    assert_error(err, "Property 'test-props.i32' expects int32, got '1.5'");
    err = NULL;
    /* A negative value read as unsigned is an error. */
    g_assert_cmpuint(object_property_get_uint(obj, "i32", &err), ==, 0);
    assert_error(err, "Property 'test-props.i32' value -16 is negative");
    g_assert_cmpint(p->i32, ==, -16);
}

static void test_prop_str(void)
{
    g_autoptr(PropsObj) p = TEST_PROPS(object_new(TYPE_TEST_PROPS));
    Object *obj = OBJECT(p);
    Error *err = NULL;
    char *s;

    s = object_property_get_str(obj, "s", &error_abort);
    g_assert_cmpstr(s, ==, "");
    g_free(s);
    g_assert_true(object_property_set_str(obj, "s", "hello", &error_abort));
    g_assert_cmpstr(p->s, ==, "hello");
    g_assert_true(object_property_parse(obj, "s", "on", &error_abort));
    g_assert_cmpstr(p->s, ==, "on");
    s = object_property_print(obj, "s", &error_abort);
    g_assert_cmpstr(s, ==, "on");
    g_free(s);
    g_assert_false(object_property_set_bool(obj, "s", true, &err));
    assert_error(err, "Property 'test-props.s' expects str, got bool");
    err = NULL;
    g_assert_null(object_property_get_str(obj, "u8", &err));
    assert_error(err, "Property 'test-props.u8' is not a string (it holds a "
                 "integer)");

    /* Class property with a setter that can refuse. */
    g_assert_true(object_property_set_str(obj, "class-str", "x",
                                          &error_abort));
    g_assert_cmpstr(p->class_str, ==, "x");
    err = NULL;
    g_assert_false(object_property_set_str(obj, "class-str", "bad", &err));
    assert_error(err, "class_str rejects 'bad'");
    g_assert_cmpstr(object_property_find(obj, "class-str")->description, ==,
                    "a class prop");
    g_assert_nonnull(object_class_property_find(object_get_class(obj),
                                                "class-str"));
    g_assert_null(object_class_property_find(object_get_class(obj), "s"));
}

static void test_prop_errors(void)
{
    g_autoptr(PropsObj) p = TEST_PROPS(object_new(TYPE_TEST_PROPS));
    Object *obj = OBJECT(p);
    Error *err = NULL;

    g_assert_cmpuint(object_property_get_uint(obj, "ro", &error_abort), ==, 7);
    g_assert_false(object_property_set_uint(obj, "ro", 1, &err));
    assert_error(err, "Property 'test-props.ro' is read-only");
    err = NULL;
    g_assert_false(object_property_parse(obj, "ro", "1", &err));
    assert_error(err, "Property 'test-props.ro' is read-only");
    g_assert_cmpuint(p->ro, ==, 7);
    err = NULL;
    g_assert_false(object_property_set_bool(obj, "nope", true, &err));
    assert_error(err, "Property 'test-props.nope' not found");
    err = NULL;
    g_assert_null(object_property_get(obj, "nope", &err));
    assert_error(err, "Property 'test-props.nope' not found");
    err = NULL;
    g_assert_null(object_property_print(obj, "nope", &err));
    assert_error(err, "Property 'test-props.nope' not found");
    err = NULL;
    g_assert_null(object_property_find_err(obj, "nope", &err));
    assert_error(err, "Property 'test-props.nope' not found");
    err = NULL;
    g_assert_null(object_property_try_add(obj, "u8", "uint8", NULL, NULL,
                                          NULL, NULL, &err));
    assert_error(err, "attempt to add duplicate property 'u8' to object "
                 "(type 'test-props')");
}

typedef struct ForeachCount {
    int n;
    bool saw_class;
} ForeachCount;

static void count_prop(Object *obj, ObjectProperty *prop, void *opaque)
{
    ForeachCount *c = opaque;

    c->n++;
    if (!strcmp(prop->name, "class-str")) {
        c->saw_class = true;
    }
}

static void test_prop_foreach_and_del(void)
{
    g_autoptr(PropsObj) p = TEST_PROPS(object_new(TYPE_TEST_PROPS));
    Object *obj = OBJECT(p);
    ForeachCount c = { 0 };

    object_property_foreach(obj, count_prop, &c);
    g_assert_cmpint(c.n, ==, 12);
    g_assert_true(c.saw_class);
    object_property_del(obj, "u8");
    g_assert_null(object_property_find(obj, "u8"));
    c.n = 0;
    object_property_foreach(obj, count_prop, &c);
    g_assert_cmpint(c.n, ==, 11);
}

static void test_prop_link(void)
{
    PropsObj *p = TEST_PROPS(object_new(TYPE_TEST_PROPS));
    Object *obj = OBJECT(p);
    Object *dog = object_new(TYPE_TEST_DOG);
    Object *cat = object_new(TYPE_TEST_CAT);
    Object *other = object_new(TYPE_TEST_PROPS);
    Error *err = NULL;
    char *s;

    g_assert_cmpstr(object_property_find(obj, "strong")->type, ==,
                    "link<test-animal>");
    /* Strong link holds a reference while set. */
    g_assert_true(object_property_set_link(obj, "strong", dog, &error_abort));
    g_assert_cmpuint(dog->ref, ==, 2);
    g_assert_true(object_property_get_link(obj, "strong", &error_abort) == dog);
    g_assert_true(object_property_set_link(obj, "strong", cat, &error_abort));
    g_assert_cmpuint(dog->ref, ==, 1);
    g_assert_cmpuint(cat->ref, ==, 2);
    g_assert_true(object_property_set_link(obj, "strong", NULL, &error_abort));
    g_assert_cmpuint(cat->ref, ==, 1);
    g_assert_null(p->strong);

    /* Wrong type. */
    g_assert_false(object_property_set_link(obj, "strong", other, &err));
    assert_error(err, "Property 'test-props.strong' expects a link to "
                 "'test-animal', got an object of type 'test-props'");

    /* Weak link: no reference; the check vetoes cats. */
    g_assert_true(object_property_set_link(obj, "weak", dog, &error_abort));
    g_assert_cmpuint(dog->ref, ==, 1);
    err = NULL;
    g_assert_false(object_property_set_link(obj, "weak", cat, &err));
    assert_error(err, "link 'weak' refuses cats");
    g_assert_true(p->weak == dog);
    err = NULL;
    g_assert_false(object_property_set_link(obj, "u8", dog, &err));
    assert_error(err, "Property 'test-props.u8' is not a link (it is uint8)");

    /* From a path. */
    object_property_add_child(object_get_root(), "link-dog", dog);
    object_property_add_child(object_get_root(), "link-cat", cat);
    g_assert_true(object_property_parse(obj, "strong", "/link-cat",
                                        &error_abort));
    g_assert_true(p->strong == cat);
    s = object_property_print(obj, "strong", &error_abort);
    g_assert_cmpstr(s, ==, "/link-cat");
    g_free(s);
    g_assert_true(object_property_parse(obj, "weak", "link-dog",
                                        &error_abort));
    g_assert_true(p->weak == dog);
    err = NULL;
    g_assert_false(object_property_parse(obj, "strong", "/nowhere", &err));
    assert_error(err, "Property 'test-props.strong': no object found at "
                 "'/nowhere'");
    err = NULL;
    g_assert_false(object_property_parse(obj, "strong", "/", &err));
    assert_error(err, "Property 'test-props.strong': object at '/' is not a "
                 "'test-animal'");
    g_assert_true(p->strong == cat);
    g_assert_true(object_property_parse(obj, "strong", "", &error_abort));
    g_assert_null(p->strong);
    g_assert_true(object_property_set_link(obj, "strong", cat, &error_abort));

    object_unparent(dog);
    object_unparent(cat);
    object_unref(dog);
    object_unref(other);
    g_assert_cmpuint(cat->ref, ==, 2);
    /* Finalizing P drops its strong reference. */
    object_unref(obj);
    g_assert_cmpuint(cat->ref, ==, 1);
    object_unref(cat);
}

/* ---- composition ---- */

static void test_child_and_unparent(void)
{
    Object *parent = object_new(TYPE_CONTAINER);
    Object *d = object_new(TYPE_TEST_DOG);
    Object *d2 = object_new(TYPE_TEST_DOG);
    Animal embedded;
    ObjectProperty *prop;
    Error *err = NULL;
    char *s;

    prop = object_property_add_child(parent, "dog", d);
    g_assert_cmpstr(prop->type, ==, "child<test-dog>");
    g_assert_true(d->parent == parent);
    g_assert_cmpuint(d->ref, ==, 2);
    g_assert_true(object_resolve_path_component(parent, "dog") == d);
    g_assert_true(object_property_get_link(parent, "dog", &error_abort) == d);

    /* A second parent is refused. */
    g_assert_null(object_property_try_add_child(object_get_root(), "x", d,
                                                &err));
    assert_error(err, "Object of type 'test-dog' cannot be added as child 'x' "
                 "of 'container': it already has a parent");
    err = NULL;
    g_assert_false(object_property_set_str(parent, "dog", "y", &err));
    assert_error(err, "Property 'container.dog' is read-only");

    /* Auto-numbering. */
    object_property_add_child(parent, "pup[*]", d2);
    object_unref(d2);
    g_assert_nonnull(object_property_find(parent, "pup[0]"));
    object_initialize_child(parent, "pup[*]", &embedded, TYPE_TEST_CAT);
    g_assert_true(object_resolve_path_component(parent, "pup[1]") ==
                  OBJECT(&embedded));
    g_assert_cmpuint(OBJECT(&embedded)->ref, ==, 1);
    s = object_get_canonical_path_component(OBJECT(&embedded));
    g_assert_cmpstr(s, ==, "pup[1]");
    g_free(s);
    /* Unparented, unattached: no path. */
    g_assert_null(object_get_canonical_path(OBJECT(&embedded)));

    object_unparent(d);
    g_assert_null(d->parent);
    g_assert_null(object_property_find(parent, "dog"));
    g_assert_cmpuint(d->ref, ==, 1);
    g_assert_null(object_get_canonical_path_component(d));
    object_unparent(d);     /* no-op */
    object_unref(d);

    event_log = g_string_new("");
    object_unparent(OBJECT(&embedded));
    g_assert_cmpstr(event_log->str, ==, "animal_finalize;");
    g_string_free(event_log, true);
    event_log = NULL;
    /* Finalizing the parent drops the remaining children. */
    object_unref(parent);
}

static int count_child(Object *child, void *opaque)
{
    (*(int *)opaque)++;
    return 0;
}

static int find_cat(Object *child, void *opaque)
{
    return object_dynamic_cast(child, TYPE_TEST_CAT) ? 42 : 0;
}

static void test_paths(void)
{
    Object *root = object_get_root();
    Object *machine = container_get(root, "/tmachine/peripheral");
    Object *d1 = object_new(TYPE_TEST_DOG);
    Object *d2 = object_new(TYPE_TEST_DOG);
    Object *c = object_new(TYPE_TEST_CAT);
    Object *anon = container_get(root, "/tmachine/anon");
    bool ambiguous = true;
    int n = 0;
    char *s;

    g_assert_cmpstr(object_get_typename(root), ==, TYPE_CONTAINER);
    g_assert_true(container_get(root, "tmachine/peripheral") == machine);
    g_assert_cmpstr(object_get_typename(machine), ==, TYPE_CONTAINER);
    object_property_add_child(machine, "rex", d1);
    object_property_add_child(anon, "rex", d2);
    object_property_add_child(anon, "tom", c);

    s = object_get_canonical_path(d1);
    g_assert_cmpstr(s, ==, "/tmachine/peripheral/rex");
    g_free(s);
    s = object_get_canonical_path(root);
    g_assert_cmpstr(s, ==, "/");
    g_free(s);

    /* Absolute. */
    g_assert_true(object_resolve_path("/tmachine/peripheral/rex", NULL) == d1);
    g_assert_true(object_resolve_path("/tmachine/anon/rex", NULL) == d2);
    g_assert_true(object_resolve_path("/", NULL) == root);
    g_assert_null(object_resolve_path("/tmachine/nope", NULL));
    g_assert_null(object_resolve_path_type("/tmachine/anon/tom",
                                           TYPE_TEST_DOG, NULL));
    g_assert_true(object_resolve_path_type("/tmachine/anon/tom",
                                           TYPE_TEST_ANIMAL, NULL) == c);

    /* Partial: unique suffix. */
    g_assert_true(object_resolve_path("tom", &ambiguous) == c);
    g_assert_false(ambiguous);
    g_assert_true(object_resolve_path("peripheral/rex", &ambiguous) == d1);
    g_assert_false(ambiguous);
    g_assert_null(object_resolve_path("rex", &ambiguous));
    g_assert_true(ambiguous);
    /* Type narrows the search. */
    g_assert_true(object_resolve_path("anon/rex", NULL) == d2);
    g_assert_null(object_resolve_path_type("tom", TYPE_TEST_DOG, &ambiguous));
    g_assert_false(ambiguous);
    g_assert_null(object_resolve_path("nobody", &ambiguous));
    g_assert_false(ambiguous);

    /* Iteration. */
    object_child_foreach(anon, count_child, &n);
    g_assert_cmpint(n, ==, 2);
    n = 0;
    object_child_foreach_recursive(container_get(root, "/tmachine"),
                                   count_child, &n);
    g_assert_cmpint(n, ==, 5);
    g_assert_cmpint(object_child_foreach_recursive(root, find_cat, NULL), ==,
                    42);

    object_unref(d1);
    object_unref(d2);
    object_unref(c);
    object_unparent(container_get(root, "/tmachine"));
    g_assert_null(object_resolve_path("/tmachine", NULL));
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/qom/class/inheritance", test_class_inheritance);
    g_test_add_func("/qom/class/interfaces", test_interfaces);
    g_test_add_func("/qom/class/list", test_class_list);
    g_test_add_func("/qom/cast/failed", test_failed_casts);
    g_test_add_func("/qom/cast/assert", test_failed_cast_aborts);
    g_test_add_func("/qom/new/abstract", test_new_abstract_aborts);
    g_test_add_func("/qom/new/unknown", test_new_unknown_aborts);
    g_test_add_func("/qom/lifecycle/order", test_lifecycle_order);
    g_test_add_func("/qom/prop/bool", test_prop_bool);
    g_test_add_func("/qom/prop/uint", test_prop_uint);
    g_test_add_func("/qom/prop/int", test_prop_int);
    g_test_add_func("/qom/prop/str", test_prop_str);
    g_test_add_func("/qom/prop/errors", test_prop_errors);
    g_test_add_func("/qom/prop/foreach-del", test_prop_foreach_and_del);
    g_test_add_func("/qom/prop/link", test_prop_link);
    g_test_add_func("/qom/tree/child", test_child_and_unparent);
    g_test_add_func("/qom/tree/paths", test_paths);
    return g_test_run();
}
