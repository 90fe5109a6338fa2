/*
 * Machine-version compatibility against the golden files of
 * tests/migration-compat/<machine-version>/:
 *  - vmstate.json: the -dump-vmstate of that release. This build's
 *    description must not differ from it in a way that breaks migration
 *    to that release (backward; rules in include/migration/vmstate-compat.h).
 *  - stream.bin: a stream that release wrote for a machine with known
 *    device state. It must still load, giving that state back (forward).
 * Every versioned machine type must have both files.
 *
 * "--record MACHINE FILE" writes such a stream (used by
 * scripts/update-migration-golden.sh); each machine is built in a
 * subprocess, as a process holds one machine.
 */
#include "qemu/osdep.h"
#include "devtest.h"
#include "hw/boards.h"
#include "migration/savevm.h"
#include "migration/vmstate-compat.h"

#include <fcntl.h>

/* Device registers the recorded stream sets, per board family. */
typedef struct FamilyState {
    const char *family;
    hwaddr timer, rtc;
} FamilyState;

static const FamilyState families[] = {
    { "vexpress-a9", 0x10011000, 0x10017000 },
    { "vexpress-a15", 0x1c110000, 0x1c170000 },
};

#define SP804_LOAD   0x00
#define SP804_LOAD2  0x20
#define PL031_MR     0x04

static const FamilyState *family_of(MachineClass *mc)
{
    for (size_t i = 0; i < G_N_ELEMENTS(families); i++) {
        if (!g_strcmp0(mc->family, families[i].family)) {
            return &families[i];
        }
    }
    return NULL;
}

static const char *compat_dir(void)
{
    const char *dir = g_getenv("FERRY_COMPAT_DIR");

    g_assert_nonnull(dir);
    return dir;
}

/* Builds machine NAME the way the emulator does, up to the reset. */
static MachineClass *build_machine(const char *name)
{
    MachineClass *mc = find_machine(name);
    MachineState *ms;

    g_assert_nonnull(mc);
    devtest_init();
    global_state_register();
    ms = machine_create(mc, 0, &error_abort);
    qdev_prop_register_compat(mc->compat_props);
    g_assert_true(machine_run_board_init(ms, &error_abort));
    qemu_devices_reset();
    return mc;
}

static int record(const char *machine, const char *file)
{
    MachineClass *mc = build_machine(machine);
    const FamilyState *fs = family_of(mc);
    Error *err = NULL;
    int fd = open(file, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    QEMUFile *f;
    bool ok;

    if (fd < 0) {
        fprintf(stderr, "--record: cannot create '%s': %s\n", file, g_strerror(errno));
        return 1;
    }
    if (fs) {
        devtest_writel(fs->timer + SP804_LOAD, 0x12345678);
        devtest_writel(fs->timer + SP804_LOAD2, 0x0badcafe);
        devtest_writel(fs->rtc + PL031_MR, 0x5eed0001);
    }
    f = qemu_file_new_output_fd(fd, true);
    ok = qemu_savevm_state(f, &err);
    if (qemu_fclose(f) < 0 && ok) {
        error_setg(&err, "--record: cannot write '%s'", file);
        ok = false;
    }
    if (!ok) {
        error_report_err(err);
        return 1;
    }
    return 0;
}

/* ---- the comparator's rules ---- */

static const char base_json[] =
    "{\"vmschkmachine\": {\"Name\": \"m-0.1\"},"
    " \"dev\": {\"Name\": \"dev\", \"version_id\": 2, \"minimum_version_id\": 1,"
    "  \"Description\": {\"name\": \"dev\", \"version_id\": 2, \"minimum_version_id\": 1,"
    "   \"Fields\": [{\"field\": \"a\", \"version_id\": 0, \"field_exists\": false,"
    "                \"size\": 4},"
    "               {\"field\": \"b\", \"version_id\": 2, \"field_exists\": false,"
    "                \"size\": 4, \"num\": 8},"
    "               {\"field\": \"s\", \"version_id\": 0, \"field_exists\": false,"
    "                \"size\": 8, \"Description\": {\"name\": \"inner\", \"version_id\": 1,"
    "                 \"minimum_version_id\": 1, \"Fields\": [{\"field\": \"x\","
    "                 \"version_id\": 0, \"field_exists\": false, \"size\": 8}],"
    "                 \"Subsections\": []}}],"
    "   \"Subsections\": [{\"name\": \"dev/sub\", \"version_id\": 1,"
    "     \"minimum_version_id\": 1, \"Fields\": [{\"field\": \"c\", \"version_id\": 0,"
    "     \"field_exists\": false, \"size\": 1}], \"Subsections\": []}]}}}";

typedef struct RuleCase {
    const char *name;
    const char *from, *to;      /* a substitution turning golden into current */
    const char *expected;       /* the problem, NULL: compatible */
} RuleCase;

static const RuleCase rule_cases[] = {
    { "identical", NULL, NULL, NULL },
    { "field-removed", "{\"field\": \"a\", \"version_id\": 0, \"field_exists\": false,"
      "                \"size\": 4},", "", "dev: field 0 is 'b', was 'a'" },
    { "field-retyped", "\"size\": 4, \"num\": 8", "\"size\": 2, \"num\": 8",
      "dev: field 'b' size changed from 4 to 2" },
    { "field-resized", "\"num\": 8", "\"num\": 16", "dev: field 'b' num changed from 8 to 16" },
    { "field-renamed", "\"field\": \"a\"", "\"field\": \"z\"", "dev: field 0 is 'z', was 'a'" },
    { "field-added", "\"size\": 1}]", "\"size\": 1}, {\"field\": \"d\", \"size\": 1}]",
      "dev/dev/sub: field 'd' added (new state belongs in a subsection)" },
    { "field-exists", "\"field_exists\": false, \"size\": 1}",
      "\"field_exists\": true, \"size\": 1}", "dev/dev/sub: field 'c' field_exists changed" },
    { "struct-field", "\"size\": 8}]", "\"size\": 4}]",
      "dev.s: field 'x' size changed from 8 to 4" },
    { "version-bump", "\"name\": \"dev\", \"version_id\": 2", "\"name\": \"dev\", \"version_id\": 3",
      "dev: version_id changed from 2 to 3 (use a subsection)" },
    { "minimum-raised", "\"version_id\": 2, \"minimum_version_id\": 1,   \"Fields\"",
      "\"version_id\": 2, \"minimum_version_id\": 3,   \"Fields\"",
      "dev: minimum_version_id 3 is above the released version 2" },
    { "subsection-removed", "\"name\": \"dev/sub\"", "\"name\": \"dev/other\"",
      "dev: subsection 'dev/sub' removed" },
    { "subsection-added", "\"Subsections\": []}]}}}",
      "\"Subsections\": []}, {\"name\": \"dev/new\", \"version_id\": 1, \"Fields\": []}]}}}",
      NULL },
    { "section-added", "{\"vmschkmachine\"", "{\"new\": {\"Description\": {}}, \"vmschkmachine\"",
      NULL },
    { "section-removed", "\"dev\": {\"Name\"", "\"dev2\": {\"Name\"", "dev: section removed" },
    { "machine-name", "m-0.1", "m-0.2", "machine 'm-0.1' compared with machine 'm-0.2'" },
};

static JsonNode *parse_json(const char *text)
{
    g_autoptr(GError) gerr = NULL;
    JsonNode *node = json_from_string(text, &gerr);

    g_assert_no_error(gerr);
    return node;
}

static void test_rule(gconstpointer opaque)
{
    const RuleCase *c = opaque;
    g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func(g_free);
    g_autoptr(JsonNode) golden = parse_json(base_json);
    g_autoptr(JsonNode) current = NULL;
    g_autoptr(GString) text = g_string_new(base_json);
    bool ok;

    if (c->from) {
        g_assert_cmpuint(g_string_replace(text, c->from, c->to, 1), ==, 1);
    }
    current = parse_json(text->str);
    ok = vmstate_compat_check(golden, current, problems);
    if (!c->expected) {
        g_assert_cmpuint(problems->len, ==, 0);
        g_assert_true(ok);
        return;
    }
    g_assert_false(ok);
    g_assert_cmpuint(problems->len, >=, 1);
    g_assert_cmpstr(g_ptr_array_index(problems, 0), ==, c->expected);
}

static void test_not_object(void)
{
    g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func(g_free);
    g_autoptr(JsonNode) golden = parse_json(base_json);
    g_autoptr(JsonNode) current = parse_json("[1]");

    g_assert_false(vmstate_compat_check(golden, current, problems));
    g_assert_cmpstr(g_ptr_array_index(problems, 0), ==, "a description is not a JSON object");
}

/* ---- the golden files ---- */

static void test_description(gconstpointer opaque)
{
    const char *machine = opaque;
    g_autofree char *path = g_build_filename(compat_dir(), machine, "vmstate.json", NULL);
    g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func(g_free);
    g_autoptr(JsonParser) parser = json_parser_new();
    g_autoptr(GError) gerr = NULL;
    g_autoptr(JsonNode) current = NULL;
    char *dump = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&dump, &len);

    g_assert_nonnull(mem);
    g_assert_true(vmstate_dump_file(mem, machine, &error_abort));
    fclose(mem);
    current = parse_json(dump);
    free(dump);
    if (!json_parser_load_from_file(parser, path, &gerr)) {
        g_test_fail_printf("%s: no golden description (%s); a new machine version needs "
                           "scripts/update-migration-golden.sh", machine, gerr->message);
        return;
    }
    if (!vmstate_compat_check(json_parser_get_root(parser), current, problems)) {
        for (guint i = 0; i < problems->len; i++) {
            g_test_message("%s: %s", machine, (char *)g_ptr_array_index(problems, i));
        }
        g_test_fail_printf("%s: %u incompatible change(s) to the released description "
                           "(first: %s)", machine, problems->len,
                           (char *)g_ptr_array_index(problems, 0));
    }
}

static void load_stream_child(const char *machine)
{
    g_autofree char *path = g_build_filename(compat_dir(), machine, "stream.bin", NULL);
    MachineClass *mc = build_machine(machine);
    const FamilyState *fs = family_of(mc);
    Error *err = NULL;
    int fd = open(path, O_RDONLY);
    QEMUFile *f;
    bool ok;

    if (fd < 0) {
        g_error("%s: no recorded stream '%s': %s", machine, path, g_strerror(errno));
    }
    f = qemu_file_new_input_fd(fd, true);
    ok = qemu_loadvm_state(f, &err);
    qemu_fclose(f);
    if (!ok) {
        g_error("%s: the recorded stream no longer loads: %s", machine,
                error_get_pretty(err));
    }
    if (fs) {
        g_assert_cmphex(devtest_readl(fs->timer + SP804_LOAD), ==, 0x12345678);
        g_assert_cmphex(devtest_readl(fs->timer + SP804_LOAD2), ==, 0x0badcafe);
        g_assert_cmphex(devtest_readl(fs->rtc + PL031_MR), ==, 0x5eed0001);
    }
}

static void test_stream(gconstpointer opaque)
{
    const char *machine = opaque;

    if (g_test_subprocess()) {
        load_stream_child(machine);
        return;
    }
    g_test_trap_subprocess(NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
    g_test_trap_assert_passed();
}

/* A stream that does not match the machine is rejected (the check can fail). */
static void test_stream_wrong_machine(void)
{
    if (g_test_subprocess()) {
        g_autofree char *path = g_build_filename(compat_dir(), "vexpress-a15-0.1",
                                                 "stream.bin", NULL);
        Error *err = NULL;
        QEMUFile *f;
        int fd;

        build_machine("vexpress-a9-0.1");
        fd = open(path, O_RDONLY);
        g_assert_cmpint(fd, >=, 0);
        f = qemu_file_new_input_fd(fd, true);
        g_assert_false(qemu_loadvm_state(f, &err));
        qemu_fclose(f);
        g_assert_nonnull(strstr(error_get_pretty(err), "vexpress-a15-0.1"));
        error_free(err);
        return;
    }
    g_test_trap_subprocess(NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
    g_test_trap_assert_passed();
}

int main(int argc, char **argv)
{
    GSList *machines;

    if (argc == 4 && !strcmp(argv[1], "--record")) {
        return record(argv[2], argv[3]);
    }
    g_test_init(&argc, &argv, NULL);
    for (size_t i = 0; i < G_N_ELEMENTS(rule_cases); i++) {
        g_autofree char *name = g_strdup_printf("/compat/rules/%s", rule_cases[i].name);

        g_test_add_data_func(name, &rule_cases[i], test_rule);
    }
    g_test_add_func("/compat/rules/not-object", test_not_object);
    machines = machine_class_list();
    for (GSList *l = machines; l; l = l->next) {
        MachineClass *mc = l->data;
        const char *name = machine_class_name(mc);
        g_autofree char *d = NULL;
        g_autofree char *s = NULL;

        if (!machine_class_version(mc)) {
            continue;
        }
        d = g_strdup_printf("/compat/%s/description", name);
        s = g_strdup_printf("/compat/%s/stream", name);
        g_test_add_data_func(d, name, test_description);
        g_test_add_data_func(s, name, test_stream);
    }
    g_slist_free(machines);
    g_test_add_func("/compat/stream-wrong-machine", test_stream_wrong_machine);
    return g_test_run();
}
