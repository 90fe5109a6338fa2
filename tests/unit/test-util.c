/*
 * Unit tests for util/: errors, option strings, number parsing, log masks.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/cutils.h"
#include "qemu/log.h"
#include "qemu/option.h"

static void test_error_propagate(void)
{
    Error *local = NULL, *err = NULL;

    error_setg(&local, "bad value '%s'", "x");
    g_assert_nonnull(local);
    error_prepend(&local, "pl011: ");
    error_propagate(&err, local);
    g_assert_cmpstr(error_get_pretty(err), ==, "pl011: bad value 'x'");
    g_assert_cmpint(error_get_class(err), ==, ERROR_CLASS_GENERIC_ERROR);
    error_free(err);

    /* The first error wins; a second is dropped. */
    err = NULL;
    error_setg(&err, "first");
    error_setg(&err, "second");
    g_assert_cmpstr(error_get_pretty(err), ==, "first");
    error_free(err);

    /* NULL errp ignores. */
    error_setg(NULL, "ignored");
}

static void test_error_class(void)
{
    Error *err = NULL;

    error_set(&err, ERROR_CLASS_COMMAND_NOT_FOUND, "The command %s has not "
              "been found", "foo");
    g_assert_cmpstr(error_class_name(error_get_class(err)), ==,
                    "CommandNotFound");
    error_free(err);
    g_assert_cmpstr(error_class_name(ERROR_CLASS_DEVICE_NOT_FOUND), ==,
                    "DeviceNotFound");
}

static void test_error_errno(void)
{
    Error *err = NULL;

    error_setg_errno(&err, ENOENT, "cannot open '%s'", "/x");
    g_assert_cmpstr(error_get_pretty(err), ==,
                    "cannot open '/x': No such file or directory");
    error_free(err);
}

static void test_opts_implied(void)
{
    g_autoptr(QemuOpts) opts = NULL;

    opts = qemu_opts_parse("machine", "vexpress-a9,secure=off,id=m0",
                           "type", &error_abort);
    g_assert_cmpstr(qemu_opt_get(opts, "type"), ==, "vexpress-a9");
    g_assert_cmpstr(qemu_opt_get(opts, "secure"), ==, "off");
    g_assert_cmpstr(opts->id, ==, "m0");
    g_assert_false(qemu_opt_get_bool(opts, "secure", true, &error_abort));
    g_assert_null(qemu_opt_get(opts, "missing"));
}

static void test_opts_escape_and_bare(void)
{
    g_autoptr(QemuOpts) opts = NULL;

    opts = qemu_opts_parse("drive", "file=a,,b.img,server,if=sd", NULL,
                           &error_abort);
    g_assert_cmpstr(qemu_opt_get(opts, "file"), ==, "a,b.img");
    g_assert_cmpstr(qemu_opt_get(opts, "server"), ==, "on");
    g_assert_cmpstr(qemu_opt_get(opts, "if"), ==, "sd");
}

static void test_opts_errors(void)
{
    Error *err = NULL;
    QemuOpts *opts;
    static const char *const allowed[] = { "type", NULL };

    opts = qemu_opts_parse("x", "=v", NULL, &err);
    g_assert_null(opts);
    g_assert_nonnull(err);
    error_free_or_abort(&err);

    opts = qemu_opts_parse("x", "a,n=zz,s=1Q", "type", &error_abort);
    g_assert_false(qemu_opts_check(opts, allowed, &err));
    g_assert_cmpstr(error_get_pretty(err), ==, "Invalid parameter 'n'");
    error_free_or_abort(&err);
    g_assert_cmpuint(qemu_opt_get_number(opts, "n", 7, &err), ==, 7);
    g_assert_cmpstr(error_get_pretty(err), ==,
                    "Parameter 'n' expects a number, got 'zz'");
    error_free_or_abort(&err);
    qemu_opt_get_size(opts, "s", 0, &err);
    g_assert_nonnull(strstr(error_get_pretty(err), "'1Q'"));
    error_free_or_abort(&err);
    qemu_opts_free(opts);

    opts = qemu_opts_parse("x", "help", "type", &error_abort);
    g_assert_true(qemu_opts_wants_help(opts));
    qemu_opts_free(opts);
}

static void test_strtosz(void)
{
    uint64_t v;

    g_assert_cmpint(qemu_strtosz("4096", &v), ==, 0);
    g_assert_cmpuint(v, ==, 4096);
    g_assert_cmpint(qemu_strtosz("64K", &v), ==, 0);
    g_assert_cmpuint(v, ==, 65536);
    g_assert_cmpint(qemu_strtosz("1G", &v), ==, 0);
    g_assert_cmpuint(v, ==, 1ULL << 30);
    g_assert_cmpint(qemu_strtosz("1.5k", &v), ==, 0);
    g_assert_cmpuint(v, ==, 1536);
    g_assert_cmpint(qemu_strtosz_MiB("256", &v), ==, 0);
    g_assert_cmpuint(v, ==, 256ULL << 20);
    g_assert_cmpint(qemu_strtosz("12X", &v), ==, -EINVAL);
    g_assert_cmpint(qemu_strtosz("-1", &v), ==, -EINVAL);
    g_assert_cmpint(qemu_strtosz("", &v), ==, -EINVAL);
    g_assert_cmpint(qemu_strtosz("20E", &v), ==, -ERANGE);
}

static void test_strtoint(void)
{
    uint64_t u;
    int64_t i;

    g_assert_cmpint(qemu_strtou64("0x10", 0, &u), ==, 0);
    g_assert_cmpuint(u, ==, 16);
    g_assert_cmpint(qemu_strtou64("12a", 0, &u), ==, -EINVAL);
    g_assert_cmpint(qemu_strtou64("-5", 0, &u), ==, -ERANGE);
    g_assert_cmpint(qemu_strtoi64("-5", 0, &i), ==, 0);
    g_assert_cmpint(i, ==, -5);
    g_assert_cmpint(qemu_strtoi64("99999999999999999999", 0, &i), ==, -ERANGE);
}

static void test_bool_parse(void)
{
    bool b = false;
    Error *err = NULL;

    g_assert_true(qapi_bool_parse("x", "on", &b, &error_abort) && b);
    g_assert_true(qapi_bool_parse("x", "no", &b, &error_abort) && !b);
    g_assert_false(qapi_bool_parse("secure", "maybe", &b, &err));
    g_assert_cmpstr(error_get_pretty(err), ==,
                    "Parameter 'secure' expects 'on' or 'off', got 'maybe'");
    error_free(err);
}

static void test_log_mask(void)
{
    int mask = 0;
    Error *err = NULL;

    g_assert_true(qemu_str_to_log_mask("unimp,guest_errors", &mask,
                                       &error_abort));
    g_assert_cmpint(mask, ==, LOG_UNIMP | LOG_GUEST_ERROR);
    g_assert_false(qemu_str_to_log_mask("unimp,bogus", &mask, &err));
    g_assert_nonnull(strstr(error_get_pretty(err), "'bogus'"));
    error_free(err);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/util/error/propagate", test_error_propagate);
    g_test_add_func("/util/error/class", test_error_class);
    g_test_add_func("/util/error/errno", test_error_errno);
    g_test_add_func("/util/opts/implied", test_opts_implied);
    g_test_add_func("/util/opts/escape-bare", test_opts_escape_and_bare);
    g_test_add_func("/util/opts/errors", test_opts_errors);
    g_test_add_func("/util/cutils/strtosz", test_strtosz);
    g_test_add_func("/util/cutils/strtoint", test_strtoint);
    g_test_add_func("/util/cutils/bool", test_bool_parse);
    g_test_add_func("/util/log/mask", test_log_mask);
    return g_test_run();
}
