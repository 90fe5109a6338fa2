/*
 * The qtest protocol itself, against the real binary: every request and
 * its exact reply, the FAIL paths (and that the session goes on after
 * them), clock stepping, IRQ interception, the log, -accel handling and
 * SIGTERM (qtest_quit asserts exit status 0 in every test).
 */
#include "libqtest.h"

#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define MACHINE "-M none -m 16M"
#define OR_IRQ MACHINE " -device or-irq,num-lines=4,id=or0"

static void assert_reply(QTestState *s, const char *request, const char *expected)
{
    g_autofree char *got = qtest_request(s, "%s", request);

    g_assert_cmpstr(got, ==, expected);
}

static void test_sized_access(void)
{
    QTestState *s = qtest_init_without_qmp(MACHINE);
    uint8_t buf[8];

    g_assert_false(qtest_big_endian(s));
    assert_reply(s, "endianness", "OK little");
    assert_reply(s, "writeb 0x10 0x5a", "OK");
    assert_reply(s, "readb 0x10", "OK 0x000000000000005a");
    /* w/l/q values are target-endian: little on ARM. */
    qtest_writew(s, 0x20, 0x1234);
    qtest_writel(s, 0x24, 0x11223344);
    qtest_writeq(s, 0x28, 0x0102030405060708ULL);
    qtest_memread(s, 0x20, buf, 2);
    g_assert_cmphex(buf[0], ==, 0x34);
    g_assert_cmphex(buf[1], ==, 0x12);
    qtest_memread(s, 0x24, buf, 4);
    g_assert_cmphex(buf[0], ==, 0x44);
    g_assert_cmphex(buf[3], ==, 0x11);
    assert_reply(s, "readw 0x20", "OK 0x0000000000001234");
    assert_reply(s, "readl 0x24", "OK 0x0000000011223344");
    assert_reply(s, "readq 0x28", "OK 0x0102030405060708");
    g_assert_cmphex(qtest_readq(s, 0x28), ==, 0x0102030405060708ULL);
    g_assert_cmphex(qtest_readl(s, 0x24), ==, 0x11223344);
    g_assert_cmphex(qtest_readw(s, 0x20), ==, 0x1234);
    g_assert_cmphex(qtest_readb(s, 0x10), ==, 0x5a);
    /* Decimal and octal numbers are C syntax too. */
    assert_reply(s, "writeb 16 010", "OK");
    assert_reply(s, "readb 0x10", "OK 0x0000000000000008");
    qtest_quit(s);
}

static void test_block_access(void)
{
    QTestState *s = qtest_init_without_qmp(MACHINE);
    g_autofree uint8_t *big = g_malloc(200 * 1024);
    g_autofree uint8_t *back = g_malloc(200 * 1024);
    uint8_t buf[16];

    assert_reply(s, "write 0x100 4 0xdeadBEEF", "OK");
    assert_reply(s, "read 0x100 4", "OK 0xdeadbeef");
    /* Short data is zero-filled up to SIZE. */
    assert_reply(s, "write 0x100 4 0x01", "OK");
    assert_reply(s, "read 0x100 4", "OK 0x01000000");
    assert_reply(s, "b64write 0x200 3 AQID", "OK");
    assert_reply(s, "b64read 0x200 3", "OK AQID");
    assert_reply(s, "read 0x200 0", "OK 0x");
    assert_reply(s, "memset 0x300 16 0xaa", "OK");
    qtest_memread(s, 0x300, buf, 16);
    for (int i = 0; i < 16; i++) {
        g_assert_cmphex(buf[i], ==, 0xaa);
    }
    qtest_memset(s, 0x304, 0x11, 4);
    qtest_bufread(s, 0x300, buf, 16);
    g_assert_cmphex(buf[3], ==, 0xaa);
    g_assert_cmphex(buf[4], ==, 0x11);
    g_assert_cmphex(buf[8], ==, 0xaa);

    /* Buffers larger than one request are split by libqtest. */
    for (size_t i = 0; i < 200 * 1024; i++) {
        big[i] = i * 7 + (i >> 9);
    }
    qtest_memwrite(s, 0x10000, big, 200 * 1024);
    qtest_bufread(s, 0x10000, back, 200 * 1024);
    g_assert_cmpmem(big, 200 * 1024, back, 200 * 1024);
    memset(back, 0, 200 * 1024);
    qtest_bufwrite(s, 0x80000, big, 200 * 1024);
    qtest_memread(s, 0x80000, back, 200 * 1024);
    g_assert_cmpmem(big, 200 * 1024, back, 200 * 1024);

    /* Unmapped memory reads as zero and ignores writes. */
    assert_reply(s, "writel 0x40000000 0x12345678", "OK");
    assert_reply(s, "readl 0x40000000", "OK 0x0000000000000000");
    qtest_quit(s);
}

static void test_port_io(void)
{
    QTestState *s = qtest_init_without_qmp(MACHINE);

    /* "inb 0" answers on every target (libqtest uses it as a round trip). */
    assert_reply(s, "inb 0", "OK 0x0000");
    assert_reply(s, "inw 0x10", "OK 0x0000");
    assert_reply(s, "inl 0xffff", "OK 0x0000");
    assert_reply(s, "outb 0 0xff", "OK");
    assert_reply(s, "outw 2 0xffff", "OK");
    assert_reply(s, "outl 4 0xffffffff", "OK");
    assert_reply(s, "inb 0x10000",
                 "FAIL inb: ADDR '0x10000' out of range (at most 0xffff)");
    assert_reply(s, "outb 0 0x100", "FAIL outb: VALUE '0x100' out of range (at most 0xff)");
    g_assert_cmpuint(qtest_inb(s, 0), ==, 0);
    qtest_quit(s);
}

static void test_clock(void)
{
    QTestState *s = qtest_init_without_qmp(MACHINE);

    /* Nothing moves the virtual clock but the test. */
    assert_reply(s, "clock_step 0", "OK 0");
    g_usleep(20 * 1000);
    assert_reply(s, "clock_step 0", "OK 0");
    assert_reply(s, "clock_step",
                 "FAIL clock_step: no timer is pending (give NS to step by)");
    assert_reply(s, "clock_step 1000", "OK 1000");
    g_assert_cmpint(qtest_clock_step(s, 500), ==, 1500);
    assert_reply(s, "clock_set 5000", "OK 5000");
    /* The clock never goes back. */
    assert_reply(s, "clock_set 10", "OK 5000");
    g_assert_cmpint(qtest_clock_set(s, 1000000), ==, 1000000);
    assert_reply(s, "clock_set -5",
                 "FAIL clock_set: NS '-5' out of range (at most 0x7fffffffffffffff)");
    assert_reply(s, "clock_step 0x7fffffffffffffff",
                 "FAIL clock_step: NS '0x7fffffffffffffff' out of range "
                 "(at most 0x7ffffffffff0bdbf)");
    assert_reply(s, "clock_step x", "FAIL clock_step: invalid NS 'x' (expected a number)");
    qtest_quit(s);
}

static void test_fail_paths(void)
{
    QTestState *s = qtest_init_without_qmp(MACHINE);
    g_autofree char *huge = g_malloc(2 * 1024 * 1024 + 1);
    g_autofree char *reply = NULL;

    assert_reply(s, "nope 1 2", "FAIL Unknown command 'nope'");
    assert_reply(s, "", "FAIL Unknown command ''");
    assert_reply(s, "readb", "FAIL readb: missing argument (usage: readb ADDR)");
    assert_reply(s, "readb 0 1", "FAIL readb: too many arguments (usage: readb ADDR)");
    assert_reply(s, "readb zz", "FAIL readb: invalid ADDR 'zz' (expected a number)");
    assert_reply(s, "readb 0x", "FAIL readb: invalid ADDR '0x' (expected a number)");
    assert_reply(s, "readb  0",
                 "FAIL readb: empty argument 1 (words are separated by one space)");
    assert_reply(s, "writeb 0 0x100", "FAIL writeb: VALUE '0x100' out of range (at most 0xff)");
    assert_reply(s, "writew 0 0x10000",
                 "FAIL writew: VALUE '0x10000' out of range (at most 0xffff)");
    assert_reply(s, "writel 0 -2",
                 "FAIL writel: VALUE '-2' out of range (at most 0xffffffff)");
    assert_reply(s, "read 0 0x1000001",
                 "FAIL read: SIZE '0x1000001' out of range (at most 0x1000000)");
    assert_reply(s, "write 0 2 1234",
                 "FAIL write: invalid DATA '1234' (expected 0x and hex digits)");
    assert_reply(s, "write 0 2 0x123", "FAIL write: DATA has an odd number of hex digits (3)");
    assert_reply(s, "write 0 1 0x1234", "FAIL write: DATA holds 2 bytes, more than SIZE 1");
    assert_reply(s, "write 0 2 0x12zz", "FAIL write: invalid hex digit in DATA at offset 2");
    assert_reply(s, "b64write 0 4 AQ!D", "FAIL b64write: invalid base64 character '!' in DATA");
    assert_reply(s, "b64write 0 1 AQID", "FAIL b64write: DATA holds 3 bytes, more than SIZE 1");
    assert_reply(s, "memset 0 4 0x100", "FAIL memset: VALUE '0x100' out of range (at most 0xff)");
    assert_reply(s, "rtas ibm,get-system-parameter 3 1 2 3 1 0",
                 "FAIL rtas: not a pseries machine");
    assert_reply(s, "irq_intercept_out /machine/nope",
                 "FAIL irq_intercept_out: no object at path '/machine/nope'");
    assert_reply(s, "irq_intercept_in /machine",
                 "FAIL irq_intercept_in: '/machine' is not a device (it is a none-machine)");
    assert_reply(s, "set_irq_in /nope x 0 1", "FAIL set_irq_in: no object at path '/nope'");

    /* A line over 1 MiB: one FAIL, the rest of it dropped, then business as usual. */
    memset(huge, 'a', 2 * 1024 * 1024);
    huge[2 * 1024 * 1024] = 0;
    qtest_send_raw(s, huge, 2 * 1024 * 1024);
    qtest_send_raw(s, " tail\n", 6);
    reply = qtest_recv_line(s);
    g_assert_cmpstr(reply, ==, "FAIL line too long (more than 1048576 bytes without a newline)");
    assert_reply(s, "readb 0x10", "OK 0x0000000000000000");
    /* CRLF line ends are accepted. */
    qtest_send_raw(s, "endianness\r\n", 12);
    g_clear_pointer(&reply, g_free);
    reply = qtest_recv_line(s);
    g_assert_cmpstr(reply, ==, "OK little");
    qtest_quit(s);
}

static void test_irq_out(void)
{
    QTestState *s = qtest_init_without_qmp(OR_IRQ);
    g_autofree char *line = NULL;

    assert_reply(s, "irq_intercept_out or0 nope",
                 "FAIL irq_intercept_out: 'or0' has no output GPIO lines named 'nope'");
    /* A partial path, as QOM resolves it. */
    assert_reply(s, "irq_intercept_out or0", "OK");
    assert_reply(s, "irq_intercept_out /machine/peripheral/or0", "OK");
    g_assert_false(qtest_get_irq(s, 0));

    /* The IRQ line comes unprompted, before the reply to the request that caused it. */
    qtest_sendf(s, "set_irq_in or0 unnamed-gpio-in 1 1");
    line = qtest_recv_line_raw(s);
    g_assert_cmpstr(line, ==, "IRQ raise 0");
    g_clear_pointer(&line, g_free);
    line = qtest_recv_line_raw(s);
    g_assert_cmpstr(line, ==, "OK");
    g_assert_true(qtest_get_irq(s, 0));

    /* Only changes are reported: a second input keeps the output high. */
    qtest_set_irq_in(s, "or0", NULL, 3, 1);
    g_assert_true(qtest_get_irq(s, 0));
    qtest_set_irq_in(s, "or0", "unnamed-gpio-in", 1, 0);
    g_assert_true(qtest_get_irq(s, 0));
    qtest_sendf(s, "set_irq_in or0 unnamed-gpio-in 3 0");
    g_clear_pointer(&line, g_free);
    line = qtest_recv_line_raw(s);
    g_assert_cmpstr(line, ==, "IRQ lower 0");
    g_clear_pointer(&line, g_free);
    line = qtest_recv_line_raw(s);
    g_assert_cmpstr(line, ==, "OK");
    g_assert_false(qtest_get_irq(s, 0));

    assert_reply(s, "set_irq_in or0 unnamed-gpio-in 4 1",
                 "FAIL set_irq_in: NUM '4' out of range (at most 0x3)");
    assert_reply(s, "set_irq_in or0 other 0 1",
                 "FAIL set_irq_in: 'or0' has no input GPIO lines named 'other'");
    assert_reply(s, "set_irq_in or0 unnamed-gpio-in 0 high",
                 "FAIL set_irq_in: invalid LEVEL 'high' (expected a number)");
    qtest_quit(s);
}

static void test_or_irq_lines(void)
{
    g_autofree char *out = NULL, *err = NULL;

    g_assert_cmpint(qtest_run_binary("-M none -device or-irq,num-lines=65", &out, &err), ==, 1);
    g_assert_cmpstr(err, ==, "ferry-system-arm: -device or-irq: Device 'or-irq' (or-irq) "
                    "failed to realize: num-lines 65 out of range (1..64)\n");
}

static void test_irq_in(void)
{
    QTestState *s = qtest_init_without_qmp(OR_IRQ " -device or-irq,id=or1");

    qtest_irq_intercept_in(s, "or0");
    qtest_irq_intercept_out(s, "or0");
    assert_reply(s, "irq_intercept_in or1",
                 "FAIL irq_intercept_in: IRQ intercept already enabled on another device "
                 "than 'or1'");
    /* Input 2 is reported, and still reaches the device (its output rises). */
    qtest_set_irq_in(s, "or0", NULL, 2, 1);
    g_assert_true(qtest_get_irq(s, 2));
    qtest_set_irq_in(s, "or0", NULL, 3, 5);
    g_assert_true(qtest_get_irq(s, 3));
    qtest_set_irq_in(s, "or0", NULL, 2, 0);
    g_assert_false(qtest_get_irq(s, 2));
    g_assert_true(qtest_get_irq(s, 3));
    qtest_set_irq_in(s, "or0", NULL, 3, 0);
    g_assert_false(qtest_get_irq(s, 3));
    assert_reply(s, "irq_intercept_in /machine/peripheral/or0", "OK");
    assert_reply(s, "irq_intercept_in /machine/peripheral",
                 "FAIL irq_intercept_in: '/machine/peripheral' is not a device "
                 "(it is a container)");
    qtest_quit(s);
}

static void test_log(void)
{
    g_autofree char *dir = g_dir_make_tmp("qtest-log-XXXXXX", NULL);
    g_autofree char *path = g_build_filename(dir, "qtest.log", NULL);
    g_autofree char *args = g_strdup_printf(MACHINE " -qtest-log %s", path);
    g_autofree char *text = NULL;
    g_auto(GStrv) lines = NULL;
    QTestState *s = qtest_init_without_qmp(args);
    static const char *const expected[] = {
        "endianness", "OK little", "readb 0", "OK 0x0000000000000000", "bogus",
        "FAIL Unknown command 'bogus'",
    };
    g_autoptr(GRegex) re = g_regex_new("^\\[([RS]) \\+[0-9]+\\.[0-9]{6}\\] (.*)$", 0, 0, NULL);

    assert_reply(s, "readb 0", "OK 0x0000000000000000");
    assert_reply(s, "bogus", "FAIL Unknown command 'bogus'");
    qtest_quit(s);
    g_assert_true(g_file_get_contents(path, &text, NULL, NULL));
    lines = g_strsplit(text, "\n", -1);
    g_assert_cmpuint(g_strv_length(lines), ==, 7);
    for (int i = 0; i < 6; i++) {
        g_autoptr(GMatchInfo) m = NULL;
        g_autofree char *dirn = NULL, *body = NULL;

        g_assert_true(g_regex_match(re, lines[i], 0, &m));
        dirn = g_match_info_fetch(m, 1);
        body = g_match_info_fetch(m, 2);
        g_assert_cmpstr(dirn, ==, i % 2 ? "S" : "R");
        g_assert_cmpstr(body, ==, expected[i]);
    }
    g_assert_cmpstr(lines[6], ==, "");
    unlink(path);
    rmdir(dir);
}

static void test_accel(void)
{
    g_autofree char *out = NULL, *err = NULL;
    QTestState *s;

    g_assert_cmpint(qtest_run_binary("-M none -accel nope", &out, &err), ==, 1);
    g_assert_cmpstr(err, ==, "ferry-system-arm: -accel nope: invalid accelerator nope\n");
    g_clear_pointer(&out, g_free);
    g_clear_pointer(&err, g_free);
    g_assert_cmpint(qtest_run_binary("-M none -accel kvm", &out, &err), ==, 1);
    g_assert_cmpstr(err, ==, "ferry-system-arm: -accel kvm: accelerator not available\n");
    g_clear_pointer(&out, g_free);
    g_clear_pointer(&err, g_free);
    g_assert_cmpint(qtest_run_binary("-accel help", &out, &err), ==, 0);
    g_assert_cmpstr(out, ==, "Accelerators supported in Ferry binary:\nqtest\ntcg\n");
    g_clear_pointer(&out, g_free);
    g_clear_pointer(&err, g_free);
    g_assert_cmpint(qtest_run_binary("-M none -qtest unix:/nonexistent/q.sock", &out, &err),
                    ==, 1);
    g_assert_cmpstr(err, ==, "ferry-system-arm: -qtest unix:/nonexistent/q.sock: Failed to "
                    "connect to '/nonexistent/q.sock': No such file or directory\n");

    /* libqtest passes "-accel qtest" first: it wins over a later tcg (manual clock). */
    s = qtest_init_without_qmp(MACHINE " -accel tcg");
    g_usleep(20 * 1000);
    assert_reply(s, "clock_step 7", "OK 7");
    qtest_quit(s);
}

static void test_sigterm(void)
{
    QTestState *s = qtest_init_without_qmp(MACHINE);
    int status;

    /* SIGTERM while idle: a clean exit with status 0. */
    g_assert_cmpint(kill(qtest_pid(s), SIGTERM), ==, 0);
    status = qtest_wait_exit(s);
    g_assert_true(WIFEXITED(status));
    g_assert_cmpint(WEXITSTATUS(status), ==, 0);
    qtest_quit(s);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/qtest/sized-access", test_sized_access);
    g_test_add_func("/qtest/block-access", test_block_access);
    g_test_add_func("/qtest/port-io", test_port_io);
    g_test_add_func("/qtest/clock", test_clock);
    g_test_add_func("/qtest/fail-paths", test_fail_paths);
    g_test_add_func("/qtest/irq-out", test_irq_out);
    g_test_add_func("/qtest/irq-in", test_irq_in);
    g_test_add_func("/qtest/or-irq-lines", test_or_irq_lines);
    g_test_add_func("/qtest/log", test_log);
    g_test_add_func("/qtest/accel", test_accel);
    g_test_add_func("/qtest/sigterm", test_sigterm);
    return g_test_run();
}
