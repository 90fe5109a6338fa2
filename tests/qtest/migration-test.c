/*
 * Live migration between two emulator processes (source and destination,
 * each driven through qtest and QMP) on loopback: device registers, timers'
 * remaining time and RAM survive; status, events and run states follow the
 * spec; failures leave the source running and the destination refusing to
 * run a half-loaded machine.
 */
#include "libqtest.h"
#include <inttypes.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>

#define MACHINE "-M vexpress-a9 -m 64M"

#define TIMER01 0x10011000
#define TIMER23 0x10012000
#define RTC     0x10017000
#define UART0   0x10009000
#define RAM     0x60000000ULL

#define US 1000

static char *tmpdir;

static int free_port(void)
{
    struct sockaddr_in sa = { .sin_family = AF_INET };
    socklen_t len = sizeof(sa);
    int fd = socket(AF_INET, SOCK_STREAM, 0);

    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    g_assert_cmpint(bind(fd, (struct sockaddr *)&sa, sizeof(sa)), ==, 0);
    g_assert_cmpint(getsockname(fd, (struct sockaddr *)&sa, &len), ==, 0);
    close(fd);
    return ntohs(sa.sin_port);
}

static char *tcp_uri(void)
{
    return g_strdup_printf("tcp:127.0.0.1:%d", free_port());
}

static char *unix_uri(const char *name)
{
    return g_strdup_printf("unix:%s/%s", tmpdir, name);
}

/* The query-migrate reply object (a new reference in *NODE). */
static JsonObject *query_migrate(QTestState *s, JsonNode **node)
{
    *node = qtest_qmp_assert_success(s, "{'execute': 'query-migrate'}");
    return json_node_get_object(*node);
}

static char *migrate_status(QTestState *s)
{
    JsonNode *n;
    JsonObject *o = query_migrate(s, &n);
    char *st = g_strdup(json_object_has_member(o, "status") ?
                        json_object_get_string_member(o, "status") : "");

    json_node_unref(n);
    return st;
}

/* Polls until the status is one of the terminal ones; returns it. */
static char *wait_terminal(QTestState *s)
{
    for (int i = 0; i < 6000; i++) {
        char *st = migrate_status(s);

        if (!strcmp(st, "completed") || !strcmp(st, "failed") || !strcmp(st, "cancelled")) {
            return st;
        }
        g_free(st);
        g_usleep(10 * 1000);
    }
    g_assert_not_reached();
}

static char *run_state(QTestState *s)
{
    JsonNode *n = qtest_qmp_assert_success(s, "{'execute': 'query-status'}");
    JsonObject *r = json_node_get_object(n);
    char *st = g_strdup(json_object_get_string_member(r, "status"));

    json_node_unref(n);
    return st;
}

static void assert_run_state(QTestState *s, const char *want)
{
    g_autofree char *st = run_state(s);

    g_assert_cmpstr(st, ==, want);
}

static void migrate(QTestState *s, const char *uri)
{
    JsonNode *n = qtest_qmp_assert_success(s, "{'execute': 'migrate', "
                                           "'arguments': {'uri': '%s'}}", uri);

    json_node_unref(n);
}

static void set_cap(QTestState *s, const char *cap, bool on)
{
    JsonNode *n = qtest_qmp_assert_success(
        s, "{'execute': 'migrate-set-capabilities', 'arguments': {'capabilities': "
        "[{'capability': '%s', 'state': %s}]}}", cap, on ? "true" : "false");

    json_node_unref(n);
}

static char *error_desc(QTestState *s)
{
    JsonNode *n;
    JsonObject *o = query_migrate(s, &n);
    char *d = json_object_has_member(o, "error-desc") ?
              g_strdup(json_object_get_string_member(o, "error-desc")) : NULL;

    json_node_unref(n);
    return d;
}

/* The error description of a QMP reply that must be an error. */
static char *qmp_error(JsonNode *reply)
{
    JsonObject *o = qtest_json_object(reply);
    JsonObject *e;
    char *d;

    g_assert_true(json_object_has_member(o, "error"));
    e = json_object_get_object_member(o, "error");
    d = g_strdup(json_object_get_string_member(e, "desc"));
    json_node_unref(reply);
    return d;
}

/* ---- device state ---- */

static const uint64_t reg_list[] = {
    TIMER01 + 0x00, TIMER01 + 0x04, TIMER01 + 0x08, TIMER01 + 0x10,
    TIMER01 + 0x20, TIMER01 + 0x24, TIMER01 + 0x28, TIMER01 + 0x30,
    TIMER23 + 0x00, TIMER23 + 0x04, TIMER23 + 0x08,
    RTC + 0x00, RTC + 0x04, RTC + 0x10, RTC + 0x14,
    UART0 + 0x24, UART0 + 0x28, UART0 + 0x2c, UART0 + 0x30, UART0 + 0x34,
    UART0 + 0x38, UART0 + 0x18,
};

static void program_devices(QTestState *s)
{
    /* Timer 0: periodic 32-bit; timer 1: one-shot; TIMER23 timer 0 wrapping. */
    qtest_writel(s, TIMER01 + 0x00, 100000);
    qtest_writel(s, TIMER01 + 0x08, 0xe2);
    qtest_writel(s, TIMER01 + 0x20, 7777);
    qtest_writel(s, TIMER01 + 0x28, 0xa3);
    qtest_writel(s, TIMER23 + 0x00, 4242);
    qtest_writel(s, TIMER23 + 0x08, 0x82);
    /* RTC: load, match, interrupt mask. */
    qtest_writel(s, RTC + 0x08, 1577836800u);
    qtest_writel(s, RTC + 0x04, 1577836900u);
    qtest_writel(s, RTC + 0x10, 1);
    /* UART: baud, line control, FIFO level, interrupt mask, enable. */
    qtest_writel(s, UART0 + 0x24, 0x10);
    qtest_writel(s, UART0 + 0x28, 0x3);
    qtest_writel(s, UART0 + 0x2c, 0x70);
    qtest_writel(s, UART0 + 0x34, 0x12);
    qtest_writel(s, UART0 + 0x38, 0x50);
    qtest_writel(s, UART0 + 0x30, 0x301);
    /* RAM: a few pages with data, one left zero among them. */
    qtest_writel(s, RAM, 0xdeadbeef);
    qtest_writel(s, RAM + 0x1004, 0x01234567);
    qtest_writel(s, RAM + 0x3ff0000, 0xcafef00d);
    /* Let the timers run a little. */
    qtest_clock_step(s, 12345 * US + 17);
}

static void read_regs(QTestState *s, uint32_t *out)
{
    for (size_t i = 0; i < G_N_ELEMENTS(reg_list); i++) {
        out[i] = qtest_readl(s, reg_list[i]);
    }
}

static void compare_machines(QTestState *src, QTestState *dst)
{
    uint32_t a[G_N_ELEMENTS(reg_list)], b[G_N_ELEMENTS(reg_list)];

    read_regs(src, a);
    read_regs(dst, b);
    for (size_t i = 0; i < G_N_ELEMENTS(reg_list); i++) {
        g_test_message("reg 0x%08" PRIx64 ": 0x%08x / 0x%08x", reg_list[i], a[i], b[i]);
        g_assert_cmphex(a[i], ==, b[i]);
    }
    g_assert_cmphex(qtest_readl(dst, RAM), ==, 0xdeadbeef);
    g_assert_cmphex(qtest_readl(dst, RAM + 0x1004), ==, 0x01234567);
    g_assert_cmphex(qtest_readl(dst, RAM + 0x2000), ==, 0);
    g_assert_cmphex(qtest_readl(dst, RAM + 0x3ff0000), ==, 0xcafef00d);

    /* The virtual clock resumed where the source stopped it. */
    g_assert_cmpint(qtest_clock_step(dst, 0), ==, qtest_clock_step(src, 0));
    /* Timers keep the same remaining time: step both identically. */
    qtest_clock_step(src, 3333 * US);
    qtest_clock_step(dst, 3333 * US);
    read_regs(src, a);
    read_regs(dst, b);
    for (size_t i = 0; i < G_N_ELEMENTS(reg_list); i++) {
        g_assert_cmphex(a[i], ==, b[i]);
    }
    /* The next deadlines agree (the one-shot and the periodic timers). */
    for (int i = 0; i < 3; i++) {
        g_assert_cmpint(qtest_clock_step_next(src), ==, qtest_clock_step_next(dst));
    }
    g_assert_cmphex(qtest_readl(src, TIMER01 + 0x10), ==, qtest_readl(dst, TIMER01 + 0x10));
    g_assert_cmphex(qtest_readl(src, TIMER01 + 0x30), ==, qtest_readl(dst, TIMER01 + 0x30));
}

static void event_status(QTestState *s, const char *want)
{
    JsonNode *ev = qtest_qmp_eventwait(s, "MIGRATION");
    JsonObject *data = json_object_get_object_member(qtest_json_object(ev), "data");

    g_assert_cmpstr(json_object_get_string_member(data, "status"), ==, want);
    json_node_unref(ev);
}

static void do_full_migration(const char *uri)
{
    QTestState *src = qtest_init(MACHINE);
    QTestState *dst = qtest_initf(MACHINE " -incoming %s", uri);
    g_autofree char *st = NULL;
    JsonNode *n, *ev;
    JsonObject *o, *ram;

    /* Before any migration query-migrate is empty. */
    o = query_migrate(src, &n);
    g_assert_cmpuint(json_object_get_size(o), ==, 0);
    json_node_unref(n);
    assert_run_state(dst, "inmigrate");

    program_devices(src);
    set_cap(src, "events", true);
    migrate(src, uri);
    event_status(src, "setup");
    event_status(src, "active");
    ev = qtest_qmp_eventwait(src, "MIGRATION_PASS");
    json_node_unref(ev);
    ev = qtest_qmp_eventwait(src, "STOP");
    json_node_unref(ev);
    event_status(src, "completed");
    st = wait_terminal(src);
    g_assert_cmpstr(st, ==, "completed");
    assert_run_state(src, "postmigrate");

    o = query_migrate(src, &n);
    ram = json_object_get_object_member(o, "ram");
    /*
     * 64 MiB of RAM plus the two 64 MiB flash banks, which are RAM blocks
     * too: blank flash reads 0xff, so every flash page is a normal page;
     * RAM is zero but for the 3 pages the test wrote.
     */
    g_assert_cmpint(json_object_get_int_member(ram, "total"), ==, 192 * 1024 * 1024);
    g_assert_cmpint(json_object_get_int_member(ram, "remaining"), ==, 0);
    g_assert_cmpint(json_object_get_int_member(ram, "normal"), ==, 3 + 2 * 16384);
    g_assert_cmpint(json_object_get_int_member(ram, "normal-bytes"), ==,
                    (3 + 2 * 16384) * 4096);
    g_assert_cmpint(json_object_get_int_member(ram, "duplicate"), ==, 16384 - 3);
    g_assert_cmpint(json_object_get_int_member(ram, "page-size"), ==, 4096);
    g_assert_cmpint(json_object_get_int_member(ram, "dirty-sync-count"), >=, 2);
    g_assert_cmpint(json_object_get_int_member(ram, "transferred"), >, 2 * 4096);
    g_assert_true(json_object_has_member(o, "downtime"));
    g_assert_true(json_object_has_member(o, "total-time"));
    g_assert_true(json_object_has_member(o, "setup-time"));
    g_assert_false(json_object_has_member(o, "error-desc"));
    json_node_unref(n);

    /* The destination resumes: the source was running and there is no -S. */
    ev = qtest_qmp_eventwait(dst, "RESUME");
    json_node_unref(ev);
    g_free(st);
    st = wait_terminal(dst);
    g_assert_cmpstr(st, ==, "completed");
    assert_run_state(dst, "running");

    compare_machines(src, dst);
    qtest_quit(src);
    qtest_quit(dst);
}

static void test_tcp(void)
{
    g_autofree char *uri = tcp_uri();

    do_full_migration(uri);
}

static void test_unix(void)
{
    g_autofree char *uri = unix_uri("mig.sock");

    do_full_migration(uri);
}

static void test_exec_file(void)
{
    g_autofree char *path = g_strdup_printf("%s/mig.bin", tmpdir);
    g_autofree char *uri = g_strdup_printf("file:%s,offset=4096", path);
    g_autofree char *exec = g_strdup_printf("exec:cat > %s.2", path);
    g_autofree char *exec_in = g_strdup_printf("exec:cat %s.2", path);
    QTestState *src = qtest_init(MACHINE);
    QTestState *dst, *dst2;
    g_autofree char *st = NULL;

    program_devices(src);
    migrate(src, uri);
    st = wait_terminal(src);
    g_assert_cmpstr(st, ==, "completed");
    /* A file migration is a stopped machine; paused again afterwards. */
    json_node_unref(qtest_qmp_assert_success(src, "{'execute': 'cont'}"));
    json_node_unref(qtest_qmp_assert_success(src, "{'execute': 'stop'}"));
    g_free(st);
    migrate(src, exec);
    st = wait_terminal(src);
    g_assert_cmpstr(st, ==, "completed");

    dst = qtest_initf(MACHINE " -incoming file:%s,offset=4096", path);
    g_free(st);
    st = wait_terminal(dst);
    g_assert_cmpstr(st, ==, "completed");
    /* The first stream was taken while the source ran. */
    assert_run_state(dst, "running");
    g_assert_cmphex(qtest_readl(dst, RAM + 0x1004), ==, 0x01234567);
    g_assert_cmphex(qtest_readl(dst, TIMER01 + 0x20), ==, 7777);

    dst2 = qtest_initf(MACHINE " -incoming '%s'", exec_in);
    g_free(st);
    st = wait_terminal(dst2);
    g_assert_cmpstr(st, ==, "completed");
    /* The second was taken while the source was paused: stays paused. */
    assert_run_state(dst2, "paused");
    g_assert_cmphex(qtest_readl(dst2, RAM + 0x3ff0000), ==, 0xcafef00d);
    qtest_quit(src);
    qtest_quit(dst);
    qtest_quit(dst2);
}

static void test_defer(void)
{
    g_autofree char *uri = unix_uri("defer.sock");
    QTestState *src = qtest_init(MACHINE);
    QTestState *dst = qtest_init(MACHINE " -incoming defer -S");
    g_autofree char *err = NULL;
    g_autofree char *st = NULL;
    g_autofree char *out = NULL;

    assert_run_state(dst, "inmigrate");
    /* Only on a -incoming defer instance. */
    err = qmp_error(qtest_qmp(src, "{'execute': 'migrate-incoming', "
                              "'arguments': {'uri': '%s'}}", uri));
    g_assert_cmpstr(err, ==, "'-incoming' was not specified on the command line "
                    "('-incoming defer' is needed for migrate-incoming)");
    g_free(err);
    err = qmp_error(qtest_qmp(dst, "{'execute': 'migrate-incoming', "
                              "'arguments': {'uri': 'bogus:1'}}"));
    g_assert_cmpstr(err, ==, "migration URI 'bogus:1': unknown transport (use tcp:, "
                    "unix:, exec:, fd: or file:)");
    /* cont is refused while the machine waits for its state. */
    g_free(err);
    err = qmp_error(qtest_qmp(dst, "{'execute': 'cont'}"));
    g_assert_cmpstr(err, ==, "Migration is not finalized yet");

    out = qtest_hmp(dst, "migrate_incoming %s", uri);
    g_assert_cmpstr(out, ==, "");
    g_free(err);
    err = qmp_error(qtest_qmp(dst, "{'execute': 'migrate-incoming', "
                              "'arguments': {'uri': '%s'}}", uri));
    g_assert_cmpstr(err, ==, "The incoming migration has already been started");

    program_devices(src);
    /* HMP migrate without -d waits for the end. */
    g_free(out);
    out = qtest_hmp(src, "migrate %s", uri);
    g_assert_cmpstr(out, ==, "");
    st = migrate_status(src);
    g_assert_cmpstr(st, ==, "completed");
    g_free(st);
    st = wait_terminal(dst);
    g_assert_cmpstr(st, ==, "completed");
    /* -S: loaded but not resumed. */
    assert_run_state(dst, "paused");
    compare_machines(src, dst);
    json_node_unref(qtest_qmp_assert_success(dst, "{'execute': 'cont'}"));
    assert_run_state(dst, "running");

    g_free(out);
    out = qtest_hmp(src, "info migrate");
    g_assert_nonnull(strstr(out, "Migration status: completed"));
    g_assert_nonnull(strstr(out, "dirty sync count: "));
    qtest_quit(src);
    qtest_quit(dst);
}

static void test_cancel(void)
{
    g_autofree char *uri = tcp_uri();
    QTestState *src = qtest_init(MACHINE);
    QTestState *dst = qtest_initf(MACHINE " -incoming %s", uri);
    g_autofree char *st = NULL;
    g_autofree char *err = NULL;
    JsonNode *n;

    /* Slow enough to still be running when cancelled (~150 KiB at 20 KB/s). */
    json_node_unref(qtest_qmp_assert_success(
        src, "{'execute': 'migrate-set-parameters', 'arguments': "
        "{'max-bandwidth': 20000, 'downtime-limit': 1}}"));
    n = qtest_qmp_assert_success(src, "{'execute': 'query-migrate-parameters'}");
    g_assert_cmpint(json_object_get_int_member(json_node_get_object(n), "max-bandwidth"),
                    ==, 20000);
    json_node_unref(n);
    set_cap(src, "events", true);
    migrate(src, uri);
    event_status(src, "setup");
    event_status(src, "active");
    /* A second migrate while one runs is refused. */
    err = qmp_error(qtest_qmp(src, "{'execute': 'migrate', 'arguments': {'uri': '%s'}}",
                              uri));
    g_assert_cmpstr(err, ==, "There's a migration process in progress (status active)");
    json_node_unref(qtest_qmp_assert_success(src, "{'execute': 'migrate_cancel'}"));
    event_status(src, "cancelling");
    event_status(src, "cancelled");
    st = wait_terminal(src);
    g_assert_cmpstr(st, ==, "cancelled");
    assert_run_state(src, "running");

    /* The destination saw a cut stream: failed, and it will not run. */
    g_free(st);
    st = wait_terminal(dst);
    g_assert_cmpstr(st, ==, "failed");
    assert_run_state(dst, "inmigrate");
    g_free(err);
    err = error_desc(dst);
    g_assert_true(g_str_has_prefix(err, "load of migration stream failed: "));
    g_free(err);
    err = qmp_error(qtest_qmp(dst, "{'execute': 'cont'}"));
    g_assert_cmpstr(err, ==, "Migration is not finalized yet");
    qtest_quit(src);
    qtest_quit(dst);
}

/*
 * Pages written while the migration runs are sent again: the first pass is
 * slowed down by the bandwidth limit, and a page written after it was sent
 * must still arrive with its new content.
 */
static void test_dirty_resend(void)
{
    g_autofree char *uri = tcp_uri();
    QTestState *src = qtest_init(MACHINE);
    QTestState *dst = qtest_initf(MACHINE " -incoming %s", uri);
    g_autofree char *st = NULL;
    JsonNode *n;
    JsonObject *o;

    qtest_memset(src, RAM, 0x5a, 8 * 1024 * 1024);
    json_node_unref(qtest_qmp_assert_success(
        src, "{'execute': 'migrate-set-parameters', 'arguments': "
        "{'max-bandwidth': 4000000, 'downtime-limit': 1}}"));
    set_cap(src, "events", true);
    migrate(src, uri);
    event_status(src, "setup");
    event_status(src, "active");
    /* About 2 s of transfer at 4 MB/s: page 0 went out first. */
    g_usleep(200 * 1000);
    qtest_writel(src, RAM, 0x600df00d);
    qtest_writel(src, RAM + 0x7ff000, 0x12345678);
    st = wait_terminal(src);
    g_assert_cmpstr(st, ==, "completed");
    o = query_migrate(src, &n);
    g_assert_cmpint(json_object_get_int_member(json_object_get_object_member(o, "ram"),
                                               "dirty-sync-count"), >=, 3);
    g_assert_cmpint(json_object_get_int_member(json_object_get_object_member(o, "ram"),
                                               "normal"), >=, 2049);
    json_node_unref(n);
    g_free(st);
    st = wait_terminal(dst);
    g_assert_cmpstr(st, ==, "completed");
    g_assert_cmphex(qtest_readl(dst, RAM), ==, 0x600df00d);
    g_assert_cmphex(qtest_readl(dst, RAM + 0x7ff000), ==, 0x12345678);
    g_assert_cmphex(qtest_readl(dst, RAM + 0x400000), ==, 0x5a5a5a5a);
    qtest_quit(src);
    qtest_quit(dst);
}

/*
 * Auto-converge: a "guest" (the test) that dirties memory faster than the
 * bandwidth limit lets it through (1 MiB per 20 ms, about 50 MB/s, against
 * 40 MB/s; the blank flash banks make a pass about 200 MB long) raises the
 * throttle pass after pass;
 * once it stops writing, the migration converges.
 */
static void test_auto_converge(void)
{
    g_autofree char *uri = tcp_uri();
    QTestState *src = qtest_init(MACHINE);
    QTestState *dst = qtest_initf(MACHINE " -incoming %s", uri);
    g_autofree char *st = NULL;
    int64_t throttle = 0;
    uint8_t fill = 1;

    qtest_memset(src, RAM, fill, 1024 * 1024);
    json_node_unref(qtest_qmp_assert_success(
        src, "{'execute': 'migrate-set-parameters', 'arguments': "
        "{'max-bandwidth': 40000000, 'downtime-limit': 1, 'cpu-throttle-initial': 20, "
        "'cpu-throttle-increment': 15}}"));
    set_cap(src, "auto-converge", true);
    migrate(src, uri);
    for (int i = 0; i < 3000 && throttle < 35; i++) {
        JsonNode *n;
        JsonObject *o;

        fill = fill % 250 + 1;
        qtest_memset(src, RAM, fill, 1024 * 1024);
        o = query_migrate(src, &n);
        g_assert_cmpstr(json_object_get_string_member(o, "status"), !=, "completed");
        if (json_object_has_member(o, "cpu-throttle-percentage")) {
            int64_t t = json_object_get_int_member(o, "cpu-throttle-percentage");

            /* 20, then up by 15 a pass (a loaded host may show two at once). */
            g_assert_cmpint(t, >=, 20);
            g_assert_cmpint((t - 20) % 15, ==, 0);
            g_assert_cmpint(t, >=, throttle);
            throttle = t;
        }
        g_usleep(20 * 1000);
    }
    g_assert_cmpint(throttle, >=, 35);
    /* The writes stop: the migration now converges. */
    st = wait_terminal(src);
    g_assert_cmpstr(st, ==, "completed");
    g_free(st);
    st = wait_terminal(dst);
    g_assert_cmpstr(st, ==, "completed");
    g_assert_cmphex(qtest_readl(dst, RAM + 0x80000), ==, fill * 0x01010101u);
    qtest_quit(src);
    qtest_quit(dst);
}

static int listen_unix(const char *path)
{
    struct sockaddr_un sun = { .sun_family = AF_UNIX };
    int fd = socket(AF_UNIX, SOCK_STREAM, 0);

    g_strlcpy(sun.sun_path, path, sizeof(sun.sun_path));
    unlink(path);
    g_assert_cmpint(bind(fd, (struct sockaddr *)&sun, sizeof(sun)), ==, 0);
    g_assert_cmpint(listen(fd, 1), ==, 0);
    return fd;
}

/* Reads what arrives on FD until it stays quiet for a while. */
static GByteArray *read_quiet(int fd)
{
    GByteArray *a = g_byte_array_new();
    uint8_t buf[4096];

    for (;;) {
        struct pollfd pfd = { .fd = fd, .events = POLLIN };
        ssize_t n;

        if (poll(&pfd, 1, 500) <= 0) {
            return a;
        }
        n = read(fd, buf, sizeof(buf));
        if (n <= 0) {
            return a;
        }
        g_byte_array_append(a, buf, n);
    }
}

/*
 * Bytes queued in the UART's TX FIFO because the backend is busy (a peer
 * that does not read) are part of the state: the destination sends them.
 */
static void test_uart_queued_tx(void)
{
    g_autofree char *uri = unix_uri("uart-mig.sock");
    g_autofree char *spath = g_strdup_printf("%s/serial-src.sock", tmpdir);
    g_autofree char *dpath = g_strdup_printf("%s/serial-dst.sock", tmpdir);
    int sl = listen_unix(spath), dl = listen_unix(dpath);
    QTestState *src = qtest_initf(MACHINE " -serial unix:%s", spath);
    QTestState *dst = qtest_initf(MACHINE " -serial unix:%s -incoming %s", dpath, uri);
    int sfd = accept(sl, NULL, NULL), dfd = accept(dl, NULL, NULL);
    g_autoptr(GByteArray) written = g_byte_array_new();
    g_autoptr(GByteArray) at_dst = NULL;
    g_autoptr(GByteArray) at_src = NULL;
    g_autofree char *st = NULL;

    g_assert_cmpint(sfd, >=, 0);
    g_assert_cmpint(dfd, >=, 0);
    qtest_writel(src, UART0 + 0x2c, 0x70);      /* 8 bits, FIFOs on */
    qtest_writel(src, UART0 + 0x30, 0x301);
    /* Nobody reads: the socket fills up, then the TX FIFO does. */
    while (!(qtest_readl(src, UART0 + 0x18) & (1 << 5))) {
        uint8_t c = 'a' + written->len % 26;

        g_assert_cmpuint(written->len, <, 100000);
        qtest_writel(src, UART0 + 0x00, c);
        g_byte_array_append(written, &c, 1);
    }
    g_assert_false(qtest_readl(src, UART0 + 0x18) & (1 << 7));   /* TXFE clear */

    migrate(src, uri);
    st = wait_terminal(src);
    g_assert_cmpstr(st, ==, "completed");
    g_free(st);
    st = wait_terminal(dst);
    g_assert_cmpstr(st, ==, "completed");

    /* The destination sent the queued bytes: the tail of what was written. */
    at_dst = read_quiet(dfd);
    g_assert_cmpuint(at_dst->len, >, 0);
    g_assert_cmpuint(at_dst->len, <=, 32);
    g_assert_cmpmem(at_dst->data, at_dst->len,
                    written->data + written->len - at_dst->len, at_dst->len);
    g_assert_true(qtest_readl(dst, UART0 + 0x18) & (1 << 7));    /* TXFE: drained */
    /* The source's peer got everything before that tail. */
    at_src = read_quiet(sfd);
    g_assert_cmpuint(at_src->len, >=, written->len - at_dst->len);
    g_assert_cmpmem(at_src->data, written->len - at_dst->len,
                    written->data, written->len - at_dst->len);
    qtest_quit(src);
    qtest_quit(dst);
    close(sfd);
    close(dfd);
    close(sl);
    close(dl);
}

static void test_not_listening(void)
{
    g_autofree char *uri = unix_uri("nobody.sock");
    QTestState *src = qtest_init(MACHINE);
    g_autofree char *st = NULL;
    g_autofree char *err = NULL;

    migrate(src, uri);
    st = wait_terminal(src);
    g_assert_cmpstr(st, ==, "failed");
    err = error_desc(src);
    g_assert_nonnull(err);
    g_assert_true(g_str_has_prefix(err, "migration URI 'unix:"));
    g_assert_nonnull(strstr(err, "cannot connect: No such file or directory"));
    assert_run_state(src, "running");
    qtest_quit(src);
}

static void test_machine_mismatch(void)
{
    g_autofree char *uri = tcp_uri();
    QTestState *src = qtest_init(MACHINE);
    QTestState *dst = qtest_initf("-M vexpress-a15 -m 64M -incoming %s", uri);
    g_autofree char *st = NULL;
    g_autofree char *err = NULL;

    migrate(src, uri);
    st = wait_terminal(src);
    g_assert_cmpstr(st, ==, "failed");
    assert_run_state(src, "running");
    err = error_desc(src);
    g_assert_nonnull(err);
    g_free(st);
    st = wait_terminal(dst);
    g_assert_cmpstr(st, ==, "failed");
    g_free(err);
    err = error_desc(dst);
    g_test_message("destination: %s", err);
    g_assert_nonnull(strstr(err, "vexpress-a9"));
    g_assert_nonnull(strstr(err, "vexpress-a15"));
    assert_run_state(dst, "inmigrate");
    qtest_quit(src);
    qtest_quit(dst);
}

static void test_caps_params(void)
{
    QTestState *s = qtest_init(MACHINE);
    g_autofree char *err = NULL;
    g_autofree char *out = NULL;
    JsonNode *n;
    JsonObject *r;

    err = qmp_error(qtest_qmp(s, "{'execute': 'migrate-set-capabilities', 'arguments': "
                              "{'capabilities': [{'capability': 'events', 'state': true}, "
                              "{'capability': 'x-bogus', 'state': true}]}}"));
    g_assert_cmpstr(err, ==, "Parameter 'capability' does not accept value 'x-bogus'");
    /* Nothing changed: the good entry before the bad one was not applied. */
    n = qtest_qmp_assert_success(s, "{'execute': 'query-migrate-capabilities'}");
    r = json_array_get_object_element(json_node_get_array(n), 0);
    g_assert_cmpstr(json_object_get_string_member(r, "capability"), ==, "events");
    g_assert_false(json_object_get_boolean_member(r, "state"));
    json_node_unref(n);

    g_free(err);
    err = qmp_error(qtest_qmp(s, "{'execute': 'migrate-set-parameters', 'arguments': "
                              "{'downtime-limit': -5}}"));
    g_assert_cmpstr(err, ==, "Parameter 'downtime-limit' expects a value between 0 and "
                    "2000000, got -5");
    g_free(err);
    err = qmp_error(qtest_qmp(s, "{'execute': 'migrate', 'arguments': {'uri': 'ftp:x'}}"));
    g_assert_cmpstr(err, ==, "migration URI 'ftp:x': unknown transport (use tcp:, unix:, "
                    "exec:, fd: or file:)");

    out = qtest_hmp(s, "migrate_set_capability x-bogus on");
    g_assert_cmpstr(out, ==, "Error: Parameter 'capability' does not accept value "
                    "'x-bogus'\r\n");
    g_free(out);
    out = qtest_hmp(s, "migrate_set_capability auto-converge maybe");
    g_assert_cmpstr(out, ==, "Error: capability 'auto-converge': expected on or off, "
                    "got 'maybe'\r\n");
    g_free(out);
    out = qtest_hmp(s, "migrate_set_capability auto-converge on");
    g_assert_cmpstr(out, ==, "");
    g_free(out);
    out = qtest_hmp(s, "migrate_set_parameter max-bandwidth 2m");
    g_assert_cmpstr(out, ==, "");
    g_free(out);
    out = qtest_hmp(s, "migrate_set_parameter downtime-limit 123");
    g_assert_cmpstr(out, ==, "");
    g_free(out);
    out = qtest_hmp(s, "migrate_set_parameter x-speed 1");
    g_assert_true(g_str_has_prefix(out, "Error: Parameter 'x-speed' is unexpected"));
    g_free(out);
    out = qtest_hmp(s, "info migrate");
    g_assert_nonnull(strstr(out, "auto-converge: on"));
    g_assert_nonnull(strstr(out, "max-bandwidth: 2097152 bytes/second downtime-limit: 123 ms"));
    g_assert_null(strstr(out, "Migration status"));
    n = qtest_qmp_assert_success(s, "{'execute': 'query-migrate-parameters'}");
    r = json_node_get_object(n);
    g_assert_cmpint(json_object_get_int_member(r, "max-bandwidth"), ==, 2097152);
    g_assert_cmpint(json_object_get_int_member(r, "downtime-limit"), ==, 123);
    json_node_unref(n);
    qtest_quit(s);
}

/* -incoming with a bad URI or address: one line naming the option, exit 1. */
static void test_incoming_errors(void)
{
    g_autofree char *bad = g_strdup_printf("%s/no-such-dir/x.sock", tmpdir);
    g_autofree char *args = g_strdup_printf("-M none -display none -incoming unix:%s", bad);
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;
    g_autofree char *expect = NULL;

    g_assert_cmpint(qtest_run_binary("-M none -display none -incoming ftp:x", &out, &err),
                    ==, 1);
    g_assert_cmpstr(err, ==, "ferry-system-arm: -incoming ftp:x: migration URI 'ftp:x': "
                    "unknown transport (use tcp:, unix:, exec:, fd: or file:)\n");
    g_free(out);
    g_free(err);
    g_assert_cmpint(qtest_run_binary(args, &out, &err), ==, 1);
    expect = g_strdup_printf("ferry-system-arm: -incoming unix:%s: migration URI "
                             "'unix:%s': cannot listen: No such file or directory\n",
                             bad, bad);
    g_assert_cmpstr(err, ==, expect);
}

int main(int argc, char **argv)
{
    int ret;

    g_test_init(&argc, &argv, NULL);
    tmpdir = g_dir_make_tmp("migration-test-XXXXXX", NULL);
    g_assert_nonnull(tmpdir);

    g_test_add_func("/migration/tcp", test_tcp);
    g_test_add_func("/migration/unix", test_unix);
    g_test_add_func("/migration/exec-file", test_exec_file);
    g_test_add_func("/migration/defer", test_defer);
    g_test_add_func("/migration/cancel", test_cancel);
    g_test_add_func("/migration/dirty-resend", test_dirty_resend);
    g_test_add_func("/migration/auto-converge", test_auto_converge);
    g_test_add_func("/migration/uart-queued-tx", test_uart_queued_tx);
    g_test_add_func("/migration/not-listening", test_not_listening);
    g_test_add_func("/migration/machine-mismatch", test_machine_mismatch);
    g_test_add_func("/migration/caps-params", test_caps_params);
    g_test_add_func("/migration/incoming-errors", test_incoming_errors);
    ret = g_test_run();

    {
        g_autoptr(GDir) d = g_dir_open(tmpdir, 0, NULL);
        const char *name;

        while (d && (name = g_dir_read_name(d))) {
            g_autofree char *p = g_build_filename(tmpdir, name, NULL);

            unlink(p);
        }
        rmdir(tmpdir);
        g_free(tmpdir);
    }
    return ret;
}
