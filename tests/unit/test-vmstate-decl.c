/*
 * Unit tests for the declaration side of VMState: field macros, the
 * registry of state instances, and description checks.
 */
#include "qemu/osdep.h"
#include "migration/vmstate.h"

typedef struct Inner {
    uint16_t a;
} Inner;

typedef struct Dev {
    bool flag;
    uint8_t b;
    uint32_t regs[4];
    int64_t big;
    uint8_t fifo[16];
    Inner inner;
    uint32_t count;
    uint32_t *vals;
} Dev;

static const VMStateDescription vmstate_inner = {
    .name = "inner",
    .version_id = 1,
    .minimum_version_id = 1,
    .fields = (const VMStateField[]) {
        VMSTATE_UINT16(a, Inner),
        VMSTATE_END_OF_LIST()
    },
};

static bool sub_needed(void *opaque)
{
    return ((Dev *)opaque)->big != 0;
}

static const VMStateDescription vmstate_dev_sub = {
    .name = "dev/big",
    .version_id = 1,
    .minimum_version_id = 1,
    .needed = sub_needed,
    .fields = (const VMStateField[]) {
        VMSTATE_INT64(big, Dev),
        VMSTATE_END_OF_LIST()
    },
};

static const VMStateDescription vmstate_dev = {
    .name = "dev",
    .version_id = 2,
    .minimum_version_id = 1,
    .fields = (const VMStateField[]) {
        VMSTATE_BOOL(flag, Dev),
        VMSTATE_UINT8_V(b, Dev, 2),
        VMSTATE_UINT32_ARRAY(regs, Dev, 4),
        VMSTATE_BUFFER(fifo, Dev),
        VMSTATE_STRUCT(inner, Dev, 1, vmstate_inner, Inner),
        VMSTATE_UINT32(count, Dev),
        VMSTATE_VARRAY_UINT32(vals, Dev, count, 0, VMS_KIND_UINT32, uint32_t),
        VMSTATE_UNUSED(4),
        VMSTATE_END_OF_LIST()
    },
    .subsections = (const VMStateDescription *const[]) {
        &vmstate_dev_sub,
        NULL
    },
};

static void test_field_macros(void)
{
    const VMStateField *f = vmstate_dev.fields;

    g_assert_cmpstr(f[0].name, ==, "flag");
    g_assert_cmpint(f[0].kind, ==, VMS_KIND_BOOL);
    g_assert_cmpuint(f[0].size, ==, 1);
    g_assert_cmpuint(f[0].offset, ==, offsetof(Dev, flag));

    g_assert_cmpint(f[1].version_id, ==, 2);
    g_assert_cmpuint(f[1].offset, ==, offsetof(Dev, b));

    g_assert_cmpstr(f[2].name, ==, "regs");
    g_assert_cmpint(f[2].num, ==, 4);
    g_assert_cmpuint(f[2].size, ==, 4);
    g_assert_true(f[2].flags & VMS_ARRAY);

    g_assert_cmpint(f[3].kind, ==, VMS_KIND_BUFFER);
    g_assert_cmpuint(f[3].size, ==, 16);

    g_assert_cmpint(f[4].kind, ==, VMS_KIND_STRUCT);
    g_assert_true(f[4].vmsd == &vmstate_inner);
    g_assert_cmpuint(f[4].offset, ==, offsetof(Dev, inner));

    g_assert_true(f[6].flags & VMS_VARRAY_UINT32);
    g_assert_true(f[6].flags & VMS_POINTER);
    g_assert_cmpuint(f[6].num_offset, ==, offsetof(Dev, count));

    g_assert_cmpint(f[7].kind, ==, VMS_KIND_UNUSED);
    g_assert_cmpuint(f[7].size, ==, 4);

    g_assert_cmpstr(vmstate_kind_name(VMS_KIND_INT32_LE), ==, "int32 le");
    g_assert_cmpstr(vmstate_kind_name(VMS_KIND_UNUSED), ==, "unused_buffer");
}

static void test_check_ok(void)
{
    g_assert_true(vmstate_check_description(&vmstate_dev, &error_abort));
}

static const VMStateDescription bad_version = {
    .name = "badv",
    .version_id = 1,
    .fields = (const VMStateField[]) {
        VMSTATE_UINT8_V(b, Dev, 3),
        VMSTATE_END_OF_LIST()
    },
};
static const VMStateDescription bad_min = {
    .name = "badmin",
    .version_id = 1,
    .minimum_version_id = 2,
};
static const VMStateDescription bad_sub_child = {
    .name = "other/x",
    .needed = sub_needed,
};
static const VMStateDescription bad_sub = {
    .name = "badsub",
    .subsections = (const VMStateDescription *const[]) {
        &bad_sub_child, NULL
    },
};

static void test_check_errors(void)
{
    Error *err = NULL;
    g_assert_false(vmstate_check_description(&bad_version, &err));
    g_assert_cmpstr(error_get_pretty(err), ==, "vmstate 'badv': field 'b' has "
                    "version 3, above the description's 1");
    error_free_or_abort(&err);
    g_assert_false(vmstate_check_description(&bad_min, &err));
    g_assert_nonnull(strstr(error_get_pretty(err), "minimum_version_id 2"));
    error_free_or_abort(&err);
    g_assert_false(vmstate_check_description(&bad_sub, &err));
    g_assert_cmpstr(error_get_pretty(err), ==, "vmstate 'badsub': subsection "
                    "'other/x' must be named 'badsub/...'");
    error_free_or_abort(&err);
}

typedef struct Collected {
    const char *order[8];
    int n;
} Collected;

static void collect(VMStateEntry *e, void *opaque)
{
    Collected *col = opaque;

    col->order[col->n++] = e->idstr;
}

static void test_registry(void)
{
    Dev d0, d1, d2;
    VMStateEntry *e0, *e1, *e2;
    static const VMStateDescription high = {
        .name = "high-prio", .priority = MIG_PRI_GICV3,
    };
    Collected col = { .n = 0 };

    e0 = vmstate_register(&d0, VMSTATE_INSTANCE_ID_ANY, &vmstate_dev, &d0);
    e1 = vmstate_register(&d1, VMSTATE_INSTANCE_ID_ANY, &vmstate_dev, &d1);
    e2 = vmstate_register_full(&d2, NULL, 7, 2, &vmstate_dev, &d2);
    g_assert_cmpint(e0->instance_id, ==, 0);
    g_assert_cmpint(e1->instance_id, ==, 1);
    g_assert_cmpint(e2->instance_id, ==, 7);
    g_assert_true(vmstate_find("dev", 7) == e2);
    /* The legacy alias is accepted on load. */
    g_assert_true(vmstate_find("dev", 2) == e2);
    g_assert_null(vmstate_find("dev", 3));
    g_assert_null(vmstate_find("nope", 0));

    vmstate_register_full(&d0, "0000:00:03.0", VMSTATE_INSTANCE_ID_ANY, -1,
                          &vmstate_inner, &d0.inner);
    g_assert_nonnull(vmstate_find("0000:00:03.0/inner", 0));
    vmstate_register(NULL, 0, &high, NULL);

    vmstate_foreach(collect, &col);
    g_assert_cmpint(col.n, ==, 5);
    g_assert_cmpstr(col.order[0], ==, "high-prio");
    g_assert_cmpstr(col.order[1], ==, "dev");

    vmstate_unregister(&d1, &vmstate_dev, &d1);
    g_assert_null(vmstate_find("dev", 1));
    /* A freed id is reused by the next automatic registration. */
    e1 = vmstate_register(&d1, VMSTATE_INSTANCE_ID_ANY, &vmstate_dev, &d1);
    g_assert_cmpint(e1->instance_id, ==, 1);
}

static void test_registry_duplicate(void)
{
    if (g_test_subprocess()) {
        Dev d;

        vmstate_register(&d, 5, &vmstate_dev, &d);
        vmstate_register(&d, 5, &vmstate_dev, &d);
        return;
    }
    g_test_trap_subprocess(NULL, 0, 0);
    g_test_trap_assert_failed();
    g_test_trap_assert_stderr("*duplicate section 'dev' instance 5*");
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/vmstate-decl/field-macros", test_field_macros);
    g_test_add_func("/vmstate-decl/check-ok", test_check_ok);
    g_test_add_func("/vmstate-decl/check-errors", test_check_errors);
    g_test_add_func("/vmstate-decl/registry", test_registry);
    g_test_add_func("/vmstate-decl/registry-duplicate", test_registry_duplicate);
    return g_test_run();
}
