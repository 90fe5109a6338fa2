/*
 * The qtest protocol engine in process: a QTestSession with a sink that
 * collects replies, on a system address space with 64 KiB of RAM at 0.
 * Covers what the binary tests cannot reach easily: clock_step to a
 * timer's deadline, input split across reads, the oversized-line state,
 * the log format, and (built twice) the target byte order of w/l/q.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/timer.h"
#include "exec/memory.h"
#include "system/qtest.h"

static MemoryRegion ram;

typedef struct Fixture {
    QTestSession *s;
    GString *out;
} Fixture;

static void sink(void *opaque, const char *buf, size_t len)
{
    g_string_append_len(opaque, buf, len);
}

static void fixture_setup(Fixture *f, gconstpointer data)
{
    f->out = g_string_new(NULL);
    f->s = qtest_session_new(sink, f->out);
    qemu_clock_set_manual(true);
}

static void fixture_teardown(Fixture *f, gconstpointer data)
{
    qtest_session_free(f->s);
    g_string_free(f->out, TRUE);
    qemu_clock_set_manual(false);
}

/* Processes LINE and returns what was sent (then forgets it). */
static char *req(Fixture *f, const char *line)
{
    char *out;

    qtest_process_line(f->s, line);
    out = g_strdup(f->out->str);
    g_string_truncate(f->out, 0);
    return out;
}

static void expect(Fixture *f, const char *line, const char *reply)
{
    g_autofree char *got = req(f, line);

    g_assert_cmpstr(got, ==, reply);
}

static void timer_cb(void *opaque)
{
    (*(int *)opaque)++;
}

static void test_clock_step_deadline(Fixture *f, gconstpointer data)
{
    int fired = 0;
    int64_t now = qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL);
    g_autofree char *want = g_strdup_printf("OK %" PRId64 "\n", now + 12345);
    QEMUTimer *t = timer_new_ns(QEMU_CLOCK_VIRTUAL, timer_cb, &fired);

    timer_mod_ns(t, now + 12345);
    expect(f, "clock_step", want);
    g_assert_cmpint(fired, ==, 1);
    g_assert_cmpint(qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL), ==, now + 12345);
    expect(f, "clock_step", "FAIL clock_step: no timer is pending (give NS to step by)\n");
    timer_free(t);

    /* Without the manual clock, stepping is refused. */
    qemu_clock_set_manual(false);
    expect(f, "clock_step 10", "FAIL clock_step: the virtual clock is not under qtest "
           "control (use -accel qtest)\n");
    expect(f, "clock_set 10", "FAIL clock_set: the virtual clock is not under qtest "
           "control (use -accel qtest)\n");
}

static void test_feed_split(Fixture *f, gconstpointer data)
{
    qtest_session_feed(f->s, (const uint8_t *)"rea", 3);
    g_assert_cmpstr(f->out->str, ==, "");
    qtest_session_feed(f->s, (const uint8_t *)"db 0\ni", 6);
    qtest_session_feed(f->s, (const uint8_t *)"nb 0\nnope", 9);
    g_assert_cmpstr(f->out->str, ==, "OK 0x0000000000000000\nOK 0x0000\n");
    /* A peer that goes away leaves no half line behind. */
    qtest_session_reset_input(f->s);
    qtest_session_feed(f->s, (const uint8_t *)"\n", 1);
    g_assert_cmpstr(f->out->str, ==, "OK 0x0000000000000000\nOK 0x0000\n"
                    "FAIL Unknown command ''\n");
}

static void test_feed_oversized(Fixture *f, gconstpointer data)
{
    g_autofree uint8_t *junk = g_malloc(QTEST_MAX_LINE);

    memset(junk, 'x', QTEST_MAX_LINE);
    qtest_session_feed(f->s, junk, QTEST_MAX_LINE);
    g_assert_cmpstr(f->out->str, ==, "");
    qtest_session_feed(f->s, junk, 1);
    g_assert_cmpstr(f->out->str, ==,
                    "FAIL line too long (more than 1048576 bytes without a newline)\n");
    /* Still the same line: dropped silently up to its newline. */
    qtest_session_feed(f->s, junk, QTEST_MAX_LINE);
    qtest_session_feed(f->s, (const uint8_t *)"xx\ninb 0\n", 9);
    g_assert_cmpstr(f->out->str, ==,
                    "FAIL line too long (more than 1048576 bytes without a newline)\n"
                    "OK 0x0000\n");
}

static void test_log(Fixture *f, gconstpointer data)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *log = open_memstream(&buf, &len);
    g_autoptr(GRegex) re = g_regex_new("^\\[R \\+0\\.[0-9]{6}\\] readb 0\n"
                                       "\\[S \\+0\\.[0-9]{6}\\] OK 0x0000000000000000\n$",
                                       0, 0, NULL);

    qtest_session_set_log(f->s, log);
    g_free(req(f, "readb 0"));
    fclose(log);
    g_assert_true(g_regex_match(re, buf, 0, NULL));
    free(buf);
    qtest_session_set_log(f->s, NULL);
}

static void test_byte_order(Fixture *f, gconstpointer data)
{
    bool be = target_big_endian();

    expect(f, "endianness", be ? "OK big\n" : "OK little\n");
    expect(f, "writel 0x100 0x11223344", "OK\n");
    expect(f, "read 0x100 4", be ? "OK 0x11223344\n" : "OK 0x44332211\n");
    expect(f, "readl 0x100", "OK 0x0000000011223344\n");
    expect(f, "writeq 0x108 0x0102030405060708", "OK\n");
    expect(f, "read 0x108 8", be ? "OK 0x0102030405060708\n" : "OK 0x0807060504030201\n");
    expect(f, "writew 0x110 0xabcd", "OK\n");
    expect(f, "b64read 0x110 2", be ? "OK q80=\n" : "OK zas=\n");
    expect(f, "readw 0x110", "OK 0x000000000000abcd\n");
}

int main(int argc, char **argv)
{
    int ret;

    g_test_init(&argc, &argv, NULL);
    memory_init();
    g_assert_true(memory_region_init_ram(&ram, NULL, "test.ram", 64 * 1024, &error_abort));
    memory_region_add_subregion(get_system_memory(), 0, &ram);
    g_test_add("/qtest/clock-step-deadline", Fixture, NULL, fixture_setup,
               test_clock_step_deadline, fixture_teardown);
    g_test_add("/qtest/feed-split", Fixture, NULL, fixture_setup, test_feed_split,
               fixture_teardown);
    g_test_add("/qtest/feed-oversized", Fixture, NULL, fixture_setup, test_feed_oversized,
               fixture_teardown);
    g_test_add("/qtest/log", Fixture, NULL, fixture_setup, test_log, fixture_teardown);
    g_test_add("/qtest/byte-order", Fixture, NULL, fixture_setup, test_byte_order,
               fixture_teardown);
    ret = g_test_run();
    memory_region_del_subregion(get_system_memory(), &ram);
    memory_region_finalize(&ram);
    return ret;
}
