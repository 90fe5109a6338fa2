/*
 * Design rule 1 (docs/devel/migration.md, "Identity"): a section is found by
 * (idstr, instance id), never by the QOM path of what it belongs to. So a
 * board that moves a device in the object tree -- the CPUs out of the MPCore
 * container, a timer into it -- still writes the same stream and still loads
 * the streams of the old layout, the state arriving on the moved objects.
 *
 * The machine is vexpress-a9 with two cores, built as the emulator builds it
 * (one machine per process: each step runs in a subprocess, the streams go
 * through files). "Moved" means: core 0 becomes /machine/cpu[1], core 1
 * becomes /machine/cpu[0] (swapped, so that a lookup by path or by tree
 * order would cross their states), and timer01 becomes
 * /machine/mpcore/timer01. And the negative cases: a stream whose section
 * really names another idstr or instance fails, naming that section.
 */
#include "qemu/osdep.h"
#include "devtest.h"
#include "hw/boards.h"
#include "hw/core/cpu.h"
#include "migration/qemu-file.h"
#include "migration/savevm.h"
#include "target/arm/cpu.h"

#include <fcntl.h>

#define TIMER01      0x10011000
#define SP804_LOAD   0x00
#define SP804_LOAD2  0x20
#define NCPU         2

static char *tmpdir;

static MachineState *build_machine(unsigned ncpu)
{
    MachineClass *mc = find_machine("vexpress-a9");
    MachineState *ms;

    g_assert_nonnull(mc);
    devtest_init();
    global_state_register();
    /* The RTC starts at a fixed time, not now: streams compare byte for byte. */
    qdev_prop_register_global("pl031", "start-time", "2026-01-31T12:00:00Z");
    ms = machine_create(mc, 0, &error_abort);
    g_assert_true(machine_parse_smp(mc, ncpu, 0, &ms->smp, &error_abort));
    qdev_prop_register_compat(mc->compat_props);
    g_assert_true(machine_run_board_init(ms, &error_abort));
    qemu_devices_reset();
    return ms;
}

static Object *resolve(const char *path)
{
    return object_resolve_path(path, NULL);
}

/*
 * Moves child OLD of FROM to be child NEW of TO, keeping it realized: what
 * a board gets when it creates the object under the other parent. (Deleting
 * a child property unparents the child, which unrealizes a device; the
 * class's unparent hook is bypassed for the move.)
 */
static void move_child(Object *from, const char *old, Object *to, const char *new)
{
    g_autofree char *from_path = object_get_canonical_path(from);
    g_autofree char *old_path = g_strdup_printf("%s/%s", from_path, old);
    Object *obj = resolve(old_path);
    ObjectClass *oc;
    void (*unparent)(Object *obj);

    g_assert_nonnull(obj);
    g_assert_true(DEVICE(obj)->realized);
    oc = object_get_class(obj);
    unparent = oc->unparent;
    object_ref(obj);
    oc->unparent = NULL;
    object_property_del(from, old);
    oc->unparent = unparent;
    object_property_add_child(to, new, obj);
    object_unref(obj);
    g_assert_true(DEVICE(obj)->realized);
}

static void move_devices(MachineState *ms)
{
    Object *mp = resolve("/machine/mpcore");
    Object *cpu0 = OBJECT(qemu_get_cpu(0)), *cpu1 = OBJECT(qemu_get_cpu(1));

    g_assert_nonnull(mp);
    move_child(mp, "cpu[0]", OBJECT(ms), "cpu[1]");
    move_child(mp, "cpu[1]", OBJECT(ms), "cpu[0]");
    move_child(OBJECT(ms), "timer01", mp, "timer01");
    /* The tree really changed. */
    g_assert_null(resolve("/machine/mpcore/cpu[0]"));
    g_assert_null(resolve("/machine/timer01"));
    g_assert_true(resolve("/machine/cpu[1]") == cpu0);
    g_assert_true(resolve("/machine/cpu[0]") == cpu1);
    g_assert_nonnull(resolve("/machine/mpcore/timer01"));
}

static uint32_t reg_value(int cpu, int reg)
{
    return 0xc0de0000u | (uint32_t)cpu << 8 | (uint32_t)reg;
}

/* Distinctive state on every core and in timer01. */
static void set_state(void)
{
    for (int n = 0; n < NCPU; n++) {
        CPUARMState *env = &ARM_CPU(qemu_get_cpu(n))->env;

        for (int r = 0; r < 15; r++) {
            env->regs[r] = reg_value(n, r);
        }
        env->regs[15] = 0x60000100 + 0x10 * n;
        env->cp15.tpidrurw[ARM_NS] = 0x7e570000u + n;
        env->vfp.d[7] = 0x0123456789abcdefull ^ (uint64_t)n;
    }
    devtest_writel(TIMER01 + SP804_LOAD, 0x12345678);
    devtest_writel(TIMER01 + SP804_LOAD2, 0x0badcafe);
}

/* The state of set_state(), looked up by the cores' identity (their index). */
static void check_state(void)
{
    for (int n = 0; n < NCPU; n++) {
        CPUARMState *env = &ARM_CPU(qemu_get_cpu(n))->env;

        for (int r = 0; r < 15; r++) {
            g_assert_cmphex(env->regs[r], ==, reg_value(n, r));
        }
        g_assert_cmphex(env->regs[15], ==, 0x60000100 + 0x10 * n);
        g_assert_cmphex(env->cp15.tpidrurw[ARM_NS], ==, 0x7e570000u + n);
        g_assert_cmphex(env->vfp.d[7], ==, 0x0123456789abcdefull ^ (uint64_t)n);
    }
    g_assert_cmphex(devtest_readl(TIMER01 + SP804_LOAD), ==, 0x12345678);
    g_assert_cmphex(devtest_readl(TIMER01 + SP804_LOAD2), ==, 0x0badcafe);
}

static char *stream_path(const char *name)
{
    return g_build_filename(tmpdir, name, NULL);
}

static void save_to(const char *name, bool moved)
{
    g_autofree char *path = stream_path(name);
    MachineState *ms = build_machine(NCPU);
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    QEMUFile *f;

    g_assert_cmpint(fd, >=, 0);
    if (moved) {
        move_devices(ms);
    }
    set_state();
    f = qemu_file_new_output_fd(fd, true);
    g_assert_true(qemu_savevm_state(f, &error_abort));
    g_assert_cmpint(qemu_fclose(f), ==, 0);
}

/* Loads stream NAME into a machine with NCPU_LOAD cores; returns the error. */
static Error *load_from(const char *name, unsigned ncpu_load, bool moved)
{
    g_autofree char *path = stream_path(name);
    MachineState *ms = build_machine(ncpu_load);
    Error *err = NULL;
    int fd = open(path, O_RDONLY);
    QEMUFile *f;
    bool ok;

    g_assert_cmpint(fd, >=, 0);
    if (moved) {
        move_devices(ms);
    }
    f = qemu_file_new_input_fd(fd, true);
    ok = qemu_loadvm_state(f, &err);
    qemu_fclose(f);
    g_assert_true(ok == !err);
    return err;
}

/*
 * Runs STEP in a subprocess (it sees FERRY_QOMPATH_STEP) and asserts that it
 * passed: each step builds its own machine.
 */
static void run_step(const char *step)
{
    g_setenv("FERRY_QOMPATH_STEP", step, true);
    g_test_trap_subprocess(NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
    if (!g_test_trap_has_passed()) {
        g_test_fail_printf("step '%s' failed", step);
    }
    g_test_trap_assert_passed();
}

static const char *step(void)
{
    const char *s = g_getenv("FERRY_QOMPATH_STEP");

    g_assert_nonnull(s);
    return s;
}

static GBytes *read_stream(const char *name)
{
    g_autofree char *path = stream_path(name);
    g_autoptr(GError) gerr = NULL;
    char *data;
    gsize len;

    g_assert_true(g_file_get_contents(path, &data, &len, &gerr));
    return g_bytes_new_take(data, len);
}

/* The same state saved from either tree is the same stream, byte for byte. */
static void test_same_bytes(void)
{
    g_autoptr(GBytes) a = NULL;
    g_autoptr(GBytes) b = NULL;

    if (g_test_subprocess()) {
        save_to(step(), !strcmp(step(), "moved.bin"));
        return;
    }
    run_step("default.bin");
    run_step("moved.bin");
    a = read_stream("default.bin");
    b = read_stream("moved.bin");
    g_assert_cmpuint(g_bytes_get_size(a), >, 0);
    g_assert_cmpuint(g_bytes_get_size(a), ==, g_bytes_get_size(b));
    g_assert_true(g_bytes_equal(a, b));
}

/* Old layout saved, new layout loads (and the reverse): state on the moved objects. */
static void test_load_across(void)
{
    if (g_test_subprocess()) {
        const char *s = step();
        Error *err;

        if (g_str_has_prefix(s, "save-")) {
            save_to("across.bin", !strcmp(s, "save-moved"));
            return;
        }
        err = load_from("across.bin", NCPU, !strcmp(s, "load-moved"));
        if (err) {
            g_error("loading into the %s tree: %s", s, error_get_pretty(err));
        }
        check_state();
        return;
    }
    run_step("save-default");
    run_step("load-moved");
    run_step("save-moved");
    run_step("load-default");
}

/* A machine with one core has no section 'cpu' instance 1: named in the error. */
static void test_instance_differs(void)
{
    if (g_test_subprocess()) {
        Error *err;

        if (!strcmp(step(), "save")) {
            save_to("two-cpus.bin", false);
            return;
        }
        err = load_from("two-cpus.bin", 1, false);
        g_assert_nonnull(err);
        g_assert_cmpstr(error_get_pretty(err), ==, "unknown section or instance 'cpu' 1");
        error_free(err);
        return;
    }
    run_step("save");
    run_step("load");
}

/*
 * The first timer01-or-timer23 section renamed to 'sp80x' in the stream:
 * no such idstr, and the error names it with its instance.
 */
static void test_idstr_differs(void)
{
    static const char key[] = "\x05sp804";

    if (g_test_subprocess()) {
        g_autoptr(GBytes) bytes = NULL;
        g_autofree char *expect = NULL;
        g_autofree char *path = NULL;
        g_autoptr(GError) gerr = NULL;
        const uint8_t *data;
        uint8_t *copy;
        gsize len;
        uint8_t *hit;
        uint32_t instance;
        Error *err;

        if (!strcmp(step(), "save")) {
            save_to("renamed.bin", false);
            return;
        }
        bytes = read_stream("renamed.bin");
        data = g_bytes_get_data(bytes, &len);
        copy = g_memdup2(data, len);
        hit = memmem(copy, len, key, sizeof(key) - 1);
        g_assert_nonnull(hit);
        hit[5] = 'x';
        instance = (uint32_t)hit[6] << 24 | (uint32_t)hit[7] << 16 |
                   (uint32_t)hit[8] << 8 | hit[9];
        path = stream_path("renamed.bin");
        g_assert_true(g_file_set_contents(path, (char *)copy, len, &gerr));
        g_free(copy);
        err = load_from("renamed.bin", NCPU, true);
        g_assert_nonnull(err);
        expect = g_strdup_printf("unknown section or instance 'sp80x' %u", instance);
        g_assert_cmpstr(error_get_pretty(err), ==, expect);
        /* timer01 or timer23: an instance is its MMIO base page. */
        g_assert_true(instance == (TIMER01 >> 12) || instance == (TIMER01 >> 12) + 1);
        error_free(err);
        return;
    }
    run_step("save");
    run_step("load");
}

int main(int argc, char **argv)
{
    int ret;
    bool owner = false;

    g_test_init(&argc, &argv, NULL);
    tmpdir = g_strdup(g_getenv("FERRY_QOMPATH_DIR"));
    if (!tmpdir) {
        tmpdir = g_dir_make_tmp("ferry-qompath-XXXXXX", NULL);
        g_assert_nonnull(tmpdir);
        g_setenv("FERRY_QOMPATH_DIR", tmpdir, true);
        owner = true;
    }
    g_test_add_func("/qompath/same-bytes", test_same_bytes);
    g_test_add_func("/qompath/load-across", test_load_across);
    g_test_add_func("/qompath/instance-differs", test_instance_differs);
    g_test_add_func("/qompath/idstr-differs", test_idstr_differs);
    ret = g_test_run();
    if (owner) {
        const char *names[] = { "default.bin", "moved.bin", "across.bin", "two-cpus.bin",
                                "renamed.bin" };

        for (size_t i = 0; i < G_N_ELEMENTS(names); i++) {
            g_autofree char *p = stream_path(names[i]);

            unlink(p);
        }
        rmdir(tmpdir);
    }
    g_free(tmpdir);
    return ret;
}
