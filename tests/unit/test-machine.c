/*
 * Unit tests for hw/core/machine.c: a test-only versioned board family,
 * the machine list and help, -smp limits, the "none" machine.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "hw/boards.h"
#include "exec/memory.h"
#include "hw/qdev-core.h"
#include "hw/qdev-properties.h"

/* Devices the compat properties of the test board talk about. */
typedef struct CompatDevState {
    DeviceState parent_obj;
    uint32_t p, q;
} CompatDevState;

static Property compat_dev_props[] = {
    DEFINE_PROP_UINT32("p", CompatDevState, p, 0),
    DEFINE_PROP_UINT32("q", CompatDevState, q, 0),
    DEFINE_PROP_END_OF_LIST(),
};

static void compat_dev_class_init(ObjectClass *oc, void *data)
{
    device_class_set_props(DEVICE_CLASS(oc), compat_dev_props);
}

static const TypeInfo compat_dev_types[] = {
    {
        .name = "dev-a",
        .parent = TYPE_DEVICE,
        .instance_size = sizeof(CompatDevState),
        .class_init = compat_dev_class_init,
    }, {
        .name = "dev-b",
        .parent = "dev-a",
    },
};
DEFINE_TYPES(compat_dev_types)

#define TYPE_TEST_BOARD "testboard-base" TYPE_MACHINE_SUFFIX

static int test_board_inits;

static void test_board_init(MachineState *ms)
{
    test_board_inits++;
}

static GlobalProperty compat_1_1[] = {
    { .driver = "dev-a", .property = "p", .value = "1" },
};
static GlobalProperty compat_1_0[] = {
    { .driver = "dev-b", .property = "q", .value = "2" },
};

static void testboard_2_0_options(MachineClass *mc)
{
    mc->desc = "test board";
    mc->init = test_board_init;
    mc->max_cpus = 4;
    mc->min_cpus = 2;
    mc->default_cpus = 2;
}
DEFINE_MACHINE_VERSION(testboard, "testboard", TYPE_TEST_BOARD, 2, 0, true,
                       testboard_2_0_options)

static void testboard_1_1_options(MachineClass *mc)
{
    testboard_2_0_options(mc);
    machine_class_add_compat_props(mc, compat_1_1, ARRAY_SIZE(compat_1_1));
}
DEFINE_MACHINE_VERSION(testboard, "testboard", TYPE_TEST_BOARD, 1, 1, false,
                       testboard_1_1_options)

static void testboard_1_0_options(MachineClass *mc)
{
    testboard_1_1_options(mc);
    machine_class_add_compat_props(mc, compat_1_0, ARRAY_SIZE(compat_1_0));
}
DEFINE_MACHINE_VERSION(testboard, "testboard", TYPE_TEST_BOARD, 1, 0, false,
                       testboard_1_0_options)

static const TypeInfo test_board_base = {
    .name = TYPE_TEST_BOARD,
    .parent = TYPE_MACHINE,
    .abstract = true,
};

static void register_test_board(void)
{
    type_register_static(&test_board_base);
}
type_init(register_test_board)

/* A board of another binary: this (arm) test program must not see it. */
static void ppcboard_options(MachineClass *mc)
{
    static const char *const ppc_only[] = { "ppc", "ppc64", NULL };

    mc->desc = "ppc-only test board";
    mc->targets = ppc_only;
}

DEFINE_MACHINE_VERSION(ppcboard, "ppcboard", TYPE_MACHINE, 1, 0, true,
                       ppcboard_options)

static void test_target_filter(void)
{
    GSList *list = machine_class_list();
    g_autofree char *help = NULL;
    size_t len;
    FILE *f = open_memstream(&help, &len);

    g_assert_null(find_machine("ppcboard"));
    g_assert_null(find_machine("ppcboard-1.0"));
    for (GSList *l = list; l; l = l->next) {
        g_assert_cmpstr(MACHINE_CLASS(l->data)->family, !=, "ppcboard");
    }
    g_slist_free(list);
    /* The ARM boards are there, with their RAM block id. */
    g_assert_nonnull(find_machine("vexpress-a9"));
    g_assert_cmpstr(find_machine("vexpress-a9")->default_ram_id, ==,
                    "vexpress.highmem");
    machine_help(f);
    fclose(f);
    g_assert_null(strstr(help, "ppcboard"));
    g_assert_nonnull(strstr(help, "vexpress-a9-0.1"));
}

static void test_versions(void)
{
    MachineClass *latest = find_machine("testboard");
    MachineClass *v10 = find_machine("testboard-1.0");
    MachineClass *v11 = find_machine("testboard-1.1");

    g_assert_nonnull(latest);
    g_assert_true(latest == find_machine("testboard-2.0"));
    g_assert_cmpstr(latest->name, ==, "testboard-2.0");
    g_assert_cmpstr(latest->alias, ==, "testboard");
    g_assert_cmpstr(object_class_get_name(OBJECT_CLASS(latest)), ==,
                    "testboard-2.0-machine");
    g_assert_cmpstr(machine_class_version(latest), ==, "2.0");
    g_assert_cmpstr(machine_class_version(v10), ==, "1.0");
    g_assert_null(v10->alias);
    g_assert_null(machine_class_version(find_machine("none")));
    g_assert_null(find_machine("testboard-3.0"));
    g_assert_null(find_machine("testboard-base"));    /* abstract */
    g_assert_null(find_machine("nope"));

    /* Newer versions' compat props apply to older ones; none to the newest. */
    g_assert_cmpuint(latest->compat_props->len, ==, 0);
    g_assert_cmpuint(v11->compat_props->len, ==, 1);
    g_assert_cmpuint(v10->compat_props->len, ==, 2);
    g_assert_cmpstr(((GlobalProperty *)g_ptr_array_index(v10->compat_props, 0))->driver,
                    ==, "dev-a");
    g_assert_cmpstr(((GlobalProperty *)g_ptr_array_index(v10->compat_props, 1))->driver,
                    ==, "dev-b");
    g_assert_null(hw_compat_0_1[0].driver);
}

/* What vl.c does: the machine's compat props become globals for devices. */
static uint32_t compat_value(const char *machine, const char *type, const char *prop)
{
    DeviceState *dev;
    uint32_t v;

    qdev_prop_register_compat(find_machine(machine)->compat_props);
    dev = qdev_new(type);
    v = object_property_get_uint(OBJECT(dev), prop, &error_abort);
    object_unref(dev);
    qdev_prop_clear_globals();
    return v;
}

static void test_compat_applied(void)
{
    g_assert_cmpuint(compat_value("testboard", "dev-a", "p"), ==, 0);
    g_assert_cmpuint(compat_value("testboard-1.1", "dev-a", "p"), ==, 1);
    g_assert_cmpuint(compat_value("testboard-1.1", "dev-b", "q"), ==, 0);
    g_assert_cmpuint(compat_value("testboard-1.0", "dev-a", "p"), ==, 1);
    g_assert_cmpuint(compat_value("testboard-1.0", "dev-b", "q"), ==, 2);
    g_assert_cmpuint(compat_value("testboard-1.0", "dev-b", "p"), ==, 1);  /* inherited */
}

static void test_help(void)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);

    machine_help(f);
    fclose(f);
    g_assert_true(g_str_has_prefix(buf, "Supported machines are:\n"));
    g_assert_nonnull(strstr(buf, "\nnone                 empty machine (default)\n"));
    g_assert_nonnull(strstr(buf, "\ntestboard            test board (alias of testboard-2.0)\n"
                             "testboard-2.0        test board\n"
                             "testboard-1.1        test board\n"
                             "testboard-1.0        test board\n"));
    free(buf);
    g_assert_true(find_default_machine() == find_machine("none"));
}

static void expect_smp_error(MachineClass *mc, unsigned cpus, unsigned max,
                             const char *msg)
{
    CpuTopology topo;
    Error *err = NULL;

    g_assert_false(machine_parse_smp(mc, cpus, max, &topo, &err));
    g_assert_cmpstr(error_get_pretty(err), ==, msg);
    error_free(err);
}

static void test_smp(void)
{
    MachineClass *none = find_machine("none");
    MachineClass *tb = find_machine("testboard");
    CpuTopology topo;

    g_assert_true(machine_parse_smp(none, 0, 0, &topo, &error_abort));
    g_assert_cmpuint(topo.cpus, ==, 1);
    g_assert_cmpuint(topo.max_cpus, ==, 1);
    g_assert_true(machine_parse_smp(tb, 0, 0, &topo, &error_abort));
    g_assert_cmpuint(topo.cpus, ==, 2);
    g_assert_true(machine_parse_smp(tb, 2, 4, &topo, &error_abort));
    g_assert_cmpuint(topo.max_cpus, ==, 4);
    expect_smp_error(none, 8, 0, "Invalid SMP CPUs 8. The max CPUs supported by "
                     "machine 'none' is 1");
    expect_smp_error(tb, 1, 0, "Invalid SMP CPUs 1. The min CPUs supported by "
                     "machine 'testboard-2.0' is 2");
    expect_smp_error(tb, 2, 8, "Invalid SMP CPUs 8. The max CPUs supported by "
                     "machine 'testboard-2.0' is 4");
    expect_smp_error(tb, 3, 2, "Invalid SMP CPUs 3. maxcpus (2) must be at least cpus");
}

static void test_create_none(void)
{
    MachineState *ms;
    Error *err = NULL;
    char *s;

    ms = machine_create(find_machine("none"), 0, &error_abort);
    g_assert_true(current_machine == ms);
    g_assert_true(object_resolve_path("/machine", NULL) == OBJECT(ms));
    g_assert_cmpuint(ms->ram_size, ==, 0);
    g_assert_true(machine_run_board_init(ms, &error_abort));

    /* Image options arrive as properties; "none" refuses them. */
    g_assert_true(object_property_parse(OBJECT(ms), "kernel", "vmlinux", &error_abort));
    g_assert_true(object_property_parse(OBJECT(ms), "append", "console=x", &error_abort));
    s = object_property_get_str(OBJECT(ms), "append", &error_abort);
    g_assert_cmpstr(s, ==, "console=x");
    g_free(s);
    g_assert_false(machine_run_board_init(ms, &err));
    g_assert_cmpstr(error_get_pretty(err), ==,
                    "-kernel vmlinux: machine 'none' does not support kernel loading");
    error_free(err);
    err = NULL;
    g_free(ms->kernel_filename);
    ms->kernel_filename = NULL;
    g_assert_false(machine_run_board_init(ms, &err));
    g_assert_cmpstr(error_get_pretty(err), ==,
                    "-append console=x: machine 'none' does not support a kernel command line");
    error_free(err);
    err = NULL;
    machine_destroy();
    g_assert_null(current_machine);
    g_assert_null(object_resolve_path("/machine", NULL));

    /* -m sets the size; a board's init runs. */
    ms = machine_create(find_machine("none"), 64 * MiB, &error_abort);
    g_assert_cmpuint(ms->ram_size, ==, 64 * MiB);
    g_assert_true(machine_run_board_init(ms, &error_abort));
    g_assert_nonnull(ms->ram);
    g_assert_cmpuint(ms->ram->size, ==, 64 * MiB);
    g_assert_cmpstr(ms->ram->name, ==, "ram");
    /* "none" maps its RAM at 0. */
    address_space_stl_le(&address_space_memory, 0x100, 0xcafe, MEMTXATTRS_UNSPECIFIED, NULL);
    g_assert_cmphex(address_space_ldl_le(&address_space_memory, 0x100,
                                         MEMTXATTRS_UNSPECIFIED, NULL), ==, 0xcafe);
    machine_destroy();
    test_board_inits = 0;
    ms = machine_create(find_machine("testboard-1.0"), 0, &error_abort);
    g_assert_cmpuint(ms->ram_size, ==, 128 * MiB);
    g_assert_true(machine_run_board_init(ms, &error_abort));
    g_assert_cmpint(test_board_inits, ==, 1);
    machine_destroy();

    g_assert_null(machine_create(MACHINE_CLASS(object_class_by_name(TYPE_MACHINE)), 0,
                                 &err));
    g_assert_cmpstr(error_get_pretty(err), ==, "machine type 'machine' is abstract");
    error_free(err);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    error_init("test-machine");
    g_test_add_func("/machine/versions", test_versions);
    g_test_add_func("/machine/target-filter", test_target_filter);
    g_test_add_func("/machine/compat-applied", test_compat_applied);
    g_test_add_func("/machine/help", test_help);
    g_test_add_func("/machine/smp", test_smp);
    g_test_add_func("/machine/create-none", test_create_none);
    return g_test_run();
}
