/*
 * HMP against the real emulator: every command through
 * human-monitor-command (libqtest), and the interactive mon:stdio monitor
 * under a pseudo-terminal (banner, prompt, a command, Ctrl-A c, Ctrl-A x).
 */
#include "libqtest.h"

#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static void check_hmp(QTestState *s, const char *cmd, const char *expect)
{
    g_autofree char *out = qtest_hmp(s, "%s", cmd);

    g_assert_cmpstr(out, ==, expect);
}

static void check_hmp_has(QTestState *s, const char *cmd, const char *needle)
{
    g_autofree char *out = qtest_hmp(s, "%s", cmd);

    if (!strstr(out, needle)) {
        g_test_message("'%s' printed '%s'; expected '%s' in it", cmd, out, needle);
        g_assert_not_reached();
    }
}

static void test_commands(void)
{
    g_autofree char *dir = g_dir_make_tmp("hmp-test-XXXXXX", NULL);
    g_autofree char *file = g_build_filename(dir, "mem.bin", NULL);
    g_autofree char *cmd = NULL;
    g_autofree char *data = NULL;
    gsize len;
    QTestState *s = qtest_init("-M none -m 1M");

    check_hmp_has(s, "help", "pmemsave addr size file -- save physical memory to a file");
    check_hmp_has(s, "help info", "info qom-tree [path] -- show the QOM composition tree");
    check_hmp(s, "info status", "VM status: running\r\n");
    check_hmp(s, "info version", "0.1.0 (Ferry 0.1.0)\r\n");
    check_hmp_has(s, "info qtree", "bus: main-system-bus\r\n");
    check_hmp_has(s, "info mtree", "address-space: memory\r\n");
    check_hmp_has(s, "info qom-tree", "  /machine (none-machine)\r\n");
    check_hmp_has(s, "info chardev", ": filename=");
    check_hmp(s, "info registers", "Error: no CPU is available\r\n");
    check_hmp(s, "info cpus", "");
    check_hmp(s, "cpu 0", "Error: invalid CPU index 0\r\n");
    check_hmp(s, "info balloon", "Error: No balloon device has been activated\r\n");
    check_hmp(s, "balloon 256", "Error: No balloon device has been activated\r\n");
    check_hmp(s, "balloon lots", "Error: balloon: 'lots' is not a size in MB\r\n");
    check_hmp(s, "stop", "");
    check_hmp(s, "info status", "VM status: paused\r\n");
    check_hmp(s, "cont", "");
    check_hmp(s, "info status", "VM status: running\r\n");
    check_hmp(s, "system_reset", "");
    json_node_unref(qtest_qmp_eventwait(s, "RESET"));
    check_hmp(s, "qom-set /machine append quiet", "");
    check_hmp(s, "qom-get /machine append", "\"quiet\"\r\n");
    check_hmp(s, "qom-get /nope x", "Error: Device '/nope' not found\r\n");
    qtest_writel(s, 0x100, 0x11223344);
    check_hmp(s, "xp/1xw 0x100", "0000000000000100: 0x11223344\r\n");
    check_hmp(s, "xp/2xb 0x100", "0000000000000100: 0x44 0x33\r\n");
    check_hmp(s, "x/1xw 0x100", "Error: no CPU is available to translate virtual address "
              "0x100 (use the physical form, e.g. xp or pmemsave)\r\n");
    check_hmp(s, "memsave 0x100 4 /tmp/never", "Error: no CPU is available to translate "
              "virtual address 0x100 (use the physical form, e.g. xp or pmemsave)\r\n");
    cmd = g_strdup_printf("pmemsave 0x100 4 %s", file);
    check_hmp(s, cmd, "");
    g_assert_true(g_file_get_contents(file, &data, &len, NULL));
    g_assert_cmpuint(len, ==, 4);
    g_assert_cmpint(memcmp(data, "\x44\x33\x22\x11", 4), ==, 0);
    check_hmp(s, "bogus", "unknown command: 'bogus'\r\n");
    check_hmp(s, "quit", "");
    g_assert_cmpint(qtest_wait_exit(s), ==, 0);
    qtest_quit(s);          /* frees S; the process has already ended */
    unlink(file);
    rmdir(dir);
}

/* Reads from FD until NEEDLE shows up in OUT (30 s at most). */
static bool pty_wait_for(int fd, GString *out, const char *needle)
{
    gint64 end = g_get_monotonic_time() + 30 * G_USEC_PER_SEC;

    while (!strstr(out->str, needle)) {
        struct pollfd pfd = { .fd = fd, .events = POLLIN };
        char buf[1024];
        ssize_t n;

        if (g_get_monotonic_time() > end) {
            g_test_message("waited for '%s', got '%s'", needle, out->str);
            return false;
        }
        if (poll(&pfd, 1, 100) <= 0) {
            continue;
        }
        n = read(fd, buf, sizeof(buf));
        if (n <= 0) {
            g_test_message("pty closed; got '%s'", out->str);
            return false;
        }
        g_string_append_len(out, buf, n);
    }
    return true;
}

/* "cpu N" picks the CPU that "info registers" and x show; "info cpus" stars it. */
static void test_cpu_select(void)
{
    QTestState *s = qtest_init("-M vexpress-a9 -smp 2");
    g_autofree char *cpus = NULL;

    cpus = qtest_hmp(s, "info cpus");
    g_assert(g_regex_match_simple("^\\* CPU #0: thread_id=[0-9]+\r\n"
                                  "  CPU #1: thread_id=[0-9]+\r\n$", cpus, 0, 0));
    check_hmp(s, "cpu 1", "");
    g_free(cpus);
    cpus = qtest_hmp(s, "info cpus");
    g_assert(g_regex_match_simple("^  CPU #0: .*\r\n\\* CPU #1: ", cpus, 0, 0));
    check_hmp(s, "cpu 2", "Error: invalid CPU index 2\r\n");
    check_hmp(s, "cpu x", "Error: cpu: 'x' is not a CPU index\r\n");
    check_hmp(s, "cpu", "Error: cpu: missing argument 'index'\r\n");
    qtest_quit(s);
}

static void pty_type(int fd, const char *s)
{
    g_assert_cmpint(write(fd, s, strlen(s)), ==, (ssize_t)strlen(s));
}

static void test_mon_stdio_pty(void)
{
    g_autoptr(GString) out = g_string_new(NULL);
    int master, slave, status;
    pid_t pid;

    g_assert_cmpint(openpty(&master, &slave, NULL, NULL, NULL), ==, 0);
    pid = fork();
    g_assert_cmpint(pid, >=, 0);
    if (pid == 0) {
        setsid();
        dup2(slave, 0);
        dup2(slave, 1);
        dup2(slave, 2);
        close(master);
        close(slave);
        execl(qtest_get_binary(), qtest_get_binary(), "-M", "vexpress-a9", "-nographic",
              (char *)NULL);
        _exit(127);
    }
    close(slave);
    g_assert_true(pty_wait_for(master, out, "monitor - type 'help' for more information"));
    /* Ctrl-A c: the monitor gets the focus and shows its prompt. */
    g_string_truncate(out, 0);
    pty_type(master, "\001c");
    g_assert_true(pty_wait_for(master, out, "(qemu) "));
    g_string_truncate(out, 0);
    pty_type(master, "info status\r");
    g_assert_true(pty_wait_for(master, out, "VM status: running"));
    g_assert_true(pty_wait_for(master, out, "(qemu) "));    /* the prompt comes back */
    /* Ctrl-A c again: the serial port has the input; the monitor stays silent. */
    pty_type(master, "\001c");
    g_string_truncate(out, 0);
    pty_type(master, "info version\r");
    /* Ctrl-A x: the emulator quits cleanly. */
    pty_type(master, "\001x");
    g_assert_true(pty_wait_for(master, out, "terminated by C-a x"));
    g_assert_null(strstr(out->str, "Ferry 0.1.0)"));
    g_assert_cmpint(waitpid(pid, &status, 0), ==, pid);
    g_assert_true(WIFEXITED(status));
    g_assert_cmpint(WEXITSTATUS(status), ==, 0);
    close(master);
}

/* x and memsave translate through the first CPU's MMU (off here: flat). */
static void test_virtual_memory(void)
{
    QTestState *s = qtest_init("-M vexpress-a9");
    g_autofree char *file = g_build_filename(g_get_tmp_dir(), "ferry-memsave-XXXXXX", NULL);
    g_autofree char *cmd = NULL;
    g_autofree char *data = NULL;
    gsize len;
    int fd = g_mkstemp(file);

    g_assert_cmpint(fd, >=, 0);
    close(fd);
    qtest_writel(s, 0x60000ffc, 0xcafef00d);
    qtest_writel(s, 0x60001000, 0x01020304);
    check_hmp(s, "x/2xw 0x60000ffc", "0000000060000ffc: 0xcafef00d 0x01020304\r\n");
    cmd = g_strdup_printf("memsave 0x60000ffe 4 %s", file);
    check_hmp(s, cmd, "");
    g_assert_true(g_file_get_contents(file, &data, &len, NULL));
    g_assert_cmpuint(len, ==, 4);
    g_assert_cmpint(memcmp(data, "\xfe\xca\x04\x03", 4), ==, 0);
    unlink(file);
    qtest_quit(s);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    /* A dead emulator should fail an assertion with a message, not kill us. */
    signal(SIGPIPE, SIG_IGN);
    g_test_add_func("/hmp/commands", test_commands);
    g_test_add_func("/hmp/cpu-select", test_cpu_select);
    g_test_add_func("/hmp/virtual-memory", test_virtual_memory);
    g_test_add_func("/hmp/mon-stdio-pty", test_mon_stdio_pty);
    return g_test_run();
}
