/*
 * libqtest: see libqtest.h. Blocking sockets throughout: a test is one
 * conversation, and a hung emulator is caught by meson's test timeout.
 */
#include "libqtest.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

/* How long the emulator may take to connect (a loaded machine is slow). */
#define CONNECT_TIMEOUT_MS (120 * 1000)
/* Requests stay well below the server's 1 MiB line limit. */
#define XFER_CHUNK (64 * 1024)

typedef struct LineReader {
    int fd;
    GString *buf;
} LineReader;

struct QTestState {
    GPid pid;
    bool exited;
    int status;
    char *tmpdir;
    char *qtest_path, *qmp_path;
    LineReader qtest, qmp;
    bool has_qmp;
    bool big_endian;
    int irq_level[64];
    GQueue events;              /* JsonNode *, oldest first */
};

const char *qtest_get_binary(void)
{
    const char *bin = g_getenv("QTEST_FERRY_BINARY");

    if (!bin) {
        bin = g_getenv("QTEST_QEMU_BINARY");
    }
    if (!bin) {
        g_error("libqtest: set QTEST_FERRY_BINARY (or QTEST_QEMU_BINARY) to the emulator");
    }
    return bin;
}

static int listen_unix(const char *path)
{
    struct sockaddr_un addr = { .sun_family = AF_UNIX };
    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);

    g_assert_cmpint(fd, >=, 0);
    g_assert_cmpuint(strlen(path), <, sizeof(addr.sun_path));
    strcpy(addr.sun_path, path);
    g_assert_cmpint(bind(fd, (struct sockaddr *)&addr, sizeof(addr)), ==, 0);
    g_assert_cmpint(listen(fd, 1), ==, 0);
    return fd;
}

/* Fails the test if the child has already exited (it could not start). */
static void check_alive(QTestState *s)
{
    int status;

    if (!s->exited && waitpid(s->pid, &status, WNOHANG) == s->pid) {
        s->exited = true;
        s->status = status;
    }
    if (s->exited) {
        g_error("libqtest: the emulator exited before connecting (status 0x%x)", s->status);
    }
}

static int accept_peer(QTestState *s, int lfd)
{
    gint64 deadline = g_get_monotonic_time() + CONNECT_TIMEOUT_MS * 1000LL;

    for (;;) {
        struct pollfd p = { .fd = lfd, .events = POLLIN };
        int fd;

        if (poll(&p, 1, 100) > 0) {
            fd = accept4(lfd, NULL, NULL, SOCK_CLOEXEC);
            g_assert_cmpint(fd, >=, 0);
            return fd;
        }
        check_alive(s);
        if (g_get_monotonic_time() > deadline) {
            g_error("libqtest: the emulator did not connect within %d s", CONNECT_TIMEOUT_MS / 1000);
        }
    }
}

/* The next line from R (without '\n'), or NULL when the peer closed. */
static char *read_line(LineReader *r)
{
    for (;;) {
        char *nl = memchr(r->buf->str, '\n', r->buf->len);
        char chunk[4096];
        ssize_t n;

        if (nl) {
            char *line = g_strndup(r->buf->str, nl - r->buf->str);

            g_string_erase(r->buf, 0, nl - r->buf->str + 1);
            return line;
        }
        n = read(r->fd, chunk, sizeof(chunk));
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            return NULL;
        }
        g_string_append_len(r->buf, chunk, n);
    }
}

/* Describes how the emulator ended, if it has (for failure messages). */
static char *describe_exit(QTestState *s)
{
    int status;

    if (!s->exited && waitpid(s->pid, &status, WNOHANG) == s->pid) {
        s->exited = true;
        s->status = status;
    }
    if (!s->exited) {
        return g_strdup("the emulator is still running");
    }
    if (WIFSIGNALED(s->status)) {
        return g_strdup_printf("the emulator was killed by signal %d",
                               WTERMSIG(s->status));
    }
    return g_strdup_printf("the emulator exited with status %d",
                           WEXITSTATUS(s->status));
}

static void write_all(QTestState *s, int fd, const void *buf, size_t len)
{
    const char *p = buf;

    while (len) {
        /* A socket: an emulator that died must fail the test, not kill it. */
        ssize_t n = send(fd, p, len, MSG_NOSIGNAL);

        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            int err = errno;

            /* Give a dying emulator a moment to be reaped for the message. */
            g_usleep(100 * 1000);
            g_error("libqtest: writing '%.60s' to the emulator failed: %s (%s)",
                    (const char *)buf, g_strerror(err), describe_exit(s));
        }
        p += n;
        len -= n;
    }
}

static QTestState *spawn(const char *extra_args, bool with_qmp)
{
    QTestState *s = g_new0(QTestState, 1);
    g_autoptr(GError) gerr = NULL;
    g_autofree char *cmd = NULL;
    g_auto(GStrv) argv = NULL;
    const char *log = g_getenv("QTEST_LOG") ? "/dev/fd/2" : "/dev/null";
    int qtest_lfd, qmp_lfd = -1;

    s->tmpdir = g_dir_make_tmp("ferry-qtest-XXXXXX", &gerr);
    g_assert_no_error(gerr);
    s->qtest_path = g_build_filename(s->tmpdir, "qtest.sock", NULL);
    s->qmp_path = g_build_filename(s->tmpdir, "qmp.sock", NULL);
    qtest_lfd = listen_unix(s->qtest_path);
    if (with_qmp) {
        qmp_lfd = listen_unix(s->qmp_path);
    }
    cmd = g_strdup_printf("'%s' -qtest unix:%s -qtest-log %s %s%s%s "
                          "-display none -accel qtest -run-with exit-with-parent=on %s",
                          qtest_get_binary(), s->qtest_path, log,
                          with_qmp ? "-chardev socket,path=" : "",
                          with_qmp ? s->qmp_path : "",
                          with_qmp ? ",id=char0 -mon chardev=char0,mode=control" : "",
                          extra_args ? extra_args : "");
    g_assert_true(g_shell_parse_argv(cmd, NULL, &argv, &gerr));
    g_assert_no_error(gerr);
    g_assert_true(g_spawn_async(NULL, argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL,
                                &s->pid, &gerr));
    g_assert_no_error(gerr);

    s->qtest.fd = accept_peer(s, qtest_lfd);
    s->qtest.buf = g_string_new(NULL);
    close(qtest_lfd);
    s->qmp.fd = -1;
    if (with_qmp) {
        s->qmp.fd = accept_peer(s, qmp_lfd);
        s->qmp.buf = g_string_new(NULL);
        close(qmp_lfd);
        s->has_qmp = true;
    }
    g_queue_init(&s->events);
    return s;
}

static JsonNode *qmp_read_message(QTestState *s);

static QTestState *qtest_init_internal(const char *extra_args, bool with_qmp)
{
    QTestState *s = spawn(extra_args, with_qmp);
    g_autofree char *endian = qtest_request(s, "endianness");

    g_assert_true(!strcmp(endian, "OK big") || !strcmp(endian, "OK little"));
    s->big_endian = !strcmp(endian, "OK big");
    if (with_qmp) {
        JsonNode *greeting = qmp_read_message(s);

        g_assert_true(json_object_has_member(qtest_json_object(greeting), "QMP"));
        json_node_unref(greeting);
        json_node_unref(qtest_qmp_assert_success(s, "{'execute': 'qmp_capabilities'}"));
    }
    return s;
}

QTestState *qtest_init(const char *extra_args)
{
    return qtest_init_internal(extra_args, true);
}

QTestState *qtest_initf(const char *fmt, ...)
{
    g_autofree char *args = NULL;
    va_list ap;

    va_start(ap, fmt);
    args = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    return qtest_init(args);
}

QTestState *qtest_init_without_qmp(const char *extra_args)
{
    return qtest_init_internal(extra_args, false);
}

int qtest_pid(QTestState *s)
{
    return s->pid;
}

static void qtest_free(QTestState *s)
{
    if (s->qtest.fd >= 0) {
        close(s->qtest.fd);
    }
    if (s->qmp.fd >= 0) {
        close(s->qmp.fd);
    }
    if (s->qtest.buf) {
        g_string_free(s->qtest.buf, TRUE);
    }
    if (s->qmp.buf) {
        g_string_free(s->qmp.buf, TRUE);
    }
    g_queue_clear_full(&s->events, (GDestroyNotify)json_node_unref);
    unlink(s->qtest_path);
    unlink(s->qmp_path);
    rmdir(s->tmpdir);
    g_free(s->qtest_path);
    g_free(s->qmp_path);
    g_free(s->tmpdir);
    g_spawn_close_pid(s->pid);
    g_free(s);
}

int qtest_wait_exit(QTestState *s)
{
    while (!s->exited) {
        if (waitpid(s->pid, &s->status, 0) == s->pid) {
            s->exited = true;
        } else {
            g_assert_cmpint(errno, ==, EINTR);
        }
    }
    return s->status;
}

void qtest_quit(QTestState *s)
{
    int status;

    if (!s->exited) {
        kill(s->pid, SIGTERM);
    }
    status = qtest_wait_exit(s);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        g_error("libqtest: the emulator ended with wait status 0x%x, not exit status 0",
                status);
    }
    qtest_free(s);
}

/* ---- the qtest socket ---- */

void qtest_send_raw(QTestState *s, const void *buf, size_t len)
{
    write_all(s, s->qtest.fd, buf, len);
}

void qtest_sendf(QTestState *s, const char *fmt, ...)
{
    g_autofree char *line = NULL;
    g_autofree char *text = NULL;
    va_list ap;

    va_start(ap, fmt);
    line = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    text = g_strconcat(line, "\n", NULL);
    qtest_send_raw(s, text, strlen(text));
}

/* "IRQ raise N" / "IRQ lower N": the server's unprompted lines. */
static bool handle_irq_line(QTestState *s, const char *line)
{
    int n;
    char dir[8];

    if (!g_str_has_prefix(line, "IRQ ")) {
        return false;
    }
    g_assert_cmpint(sscanf(line, "IRQ %7s %d", dir, &n), ==, 2);
    g_assert_true(!strcmp(dir, "raise") || !strcmp(dir, "lower"));
    g_assert_cmpint(n, >=, 0);
    g_assert_cmpint(n, <, (int)G_N_ELEMENTS(s->irq_level));
    s->irq_level[n] = !strcmp(dir, "raise");
    return true;
}

char *qtest_recv_line(QTestState *s)
{
    for (;;) {
        char *line = read_line(&s->qtest);

        if (!line) {
            g_error("libqtest: the emulator closed the qtest connection");
        }
        if (!handle_irq_line(s, line)) {
            return line;
        }
        g_free(line);
    }
}

char *qtest_recv_line_raw(QTestState *s)
{
    char *line = read_line(&s->qtest);

    if (!line) {
        g_error("libqtest: the emulator closed the qtest connection");
    }
    handle_irq_line(s, line);
    return line;
}

char *qtest_request(QTestState *s, const char *fmt, ...)
{
    g_autofree char *line = NULL;
    va_list ap;

    va_start(ap, fmt);
    line = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    qtest_sendf(s, "%s", line);
    return qtest_recv_line(s);
}

/* Sends a request and returns what follows "OK" ("" for a bare OK). */
static char *G_GNUC_PRINTF(2, 3) rsp_ok(QTestState *s, const char *fmt, ...)
{
    g_autofree char *line = NULL;
    g_autofree char *reply = NULL;
    va_list ap;

    va_start(ap, fmt);
    line = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    reply = qtest_request(s, "%s", line);
    if (strcmp(reply, "OK") && !g_str_has_prefix(reply, "OK ")) {
        g_error("libqtest: '%.80s' got '%s'", line, reply);
    }
    return g_strdup(reply[2] ? reply + 3 : "");
}

static uint64_t rsp_u64(QTestState *s, const char *cmd, uint64_t addr)
{
    g_autofree char *v = rsp_ok(s, "%s 0x%" G_GINT64_MODIFIER "x", cmd, addr);

    return g_ascii_strtoull(v, NULL, 0);
}

bool qtest_big_endian(QTestState *s)
{
    return s->big_endian;
}

uint8_t qtest_readb(QTestState *s, uint64_t addr)
{
    return rsp_u64(s, "readb", addr);
}

uint16_t qtest_readw(QTestState *s, uint64_t addr)
{
    return rsp_u64(s, "readw", addr);
}

uint32_t qtest_readl(QTestState *s, uint64_t addr)
{
    return rsp_u64(s, "readl", addr);
}

uint64_t qtest_readq(QTestState *s, uint64_t addr)
{
    return rsp_u64(s, "readq", addr);
}

static void write_sized(QTestState *s, const char *cmd, uint64_t addr, uint64_t v)
{
    g_free(rsp_ok(s, "%s 0x%" G_GINT64_MODIFIER "x 0x%" G_GINT64_MODIFIER "x", cmd, addr, v));
}

void qtest_writeb(QTestState *s, uint64_t addr, uint8_t value)
{
    write_sized(s, "writeb", addr, value);
}

void qtest_writew(QTestState *s, uint64_t addr, uint16_t value)
{
    write_sized(s, "writew", addr, value);
}

void qtest_writel(QTestState *s, uint64_t addr, uint32_t value)
{
    write_sized(s, "writel", addr, value);
}

void qtest_writeq(QTestState *s, uint64_t addr, uint64_t value)
{
    write_sized(s, "writeq", addr, value);
}

void qtest_memread(QTestState *s, uint64_t addr, void *data, size_t size)
{
    uint8_t *out = data;

    for (size_t done = 0; done < size;) {
        size_t n = MIN(size - done, XFER_CHUNK);
        g_autofree char *hex = rsp_ok(s, "read 0x%" G_GINT64_MODIFIER "x 0x%zx",
                                      addr + done, n);

        g_assert_true(g_str_has_prefix(hex, "0x"));
        g_assert_cmpuint(strlen(hex), ==, 2 + 2 * n);
        for (size_t i = 0; i < n; i++) {
            out[done + i] = g_ascii_xdigit_value(hex[2 + 2 * i]) << 4 |
                            g_ascii_xdigit_value(hex[3 + 2 * i]);
        }
        done += n;
    }
}

void qtest_memwrite(QTestState *s, uint64_t addr, const void *data, size_t size)
{
    const uint8_t *in = data;

    for (size_t done = 0; done < size;) {
        size_t n = MIN(size - done, XFER_CHUNK);
        GString *hex = g_string_sized_new(2 * n + 1);

        for (size_t i = 0; i < n; i++) {
            g_string_append_printf(hex, "%02x", in[done + i]);
        }
        g_free(rsp_ok(s, "write 0x%" G_GINT64_MODIFIER "x 0x%zx 0x%s", addr + done, n,
                      hex->str));
        g_string_free(hex, TRUE);
        done += n;
    }
}

void qtest_bufread(QTestState *s, uint64_t addr, void *data, size_t size)
{
    uint8_t *out = data;

    for (size_t done = 0; done < size;) {
        size_t n = MIN(size - done, XFER_CHUNK);
        g_autofree char *b64 = rsp_ok(s, "b64read 0x%" G_GINT64_MODIFIER "x 0x%zx",
                                      addr + done, n);
        gsize len;
        g_autofree guchar *bytes = g_base64_decode(b64, &len);

        g_assert_cmpuint(len, ==, n);
        memcpy(out + done, bytes, n);
        done += n;
    }
}

void qtest_bufwrite(QTestState *s, uint64_t addr, const void *data, size_t size)
{
    const uint8_t *in = data;

    for (size_t done = 0; done < size;) {
        size_t n = MIN(size - done, XFER_CHUNK);
        g_autofree char *b64 = g_base64_encode(in + done, n);

        g_free(rsp_ok(s, "b64write 0x%" G_GINT64_MODIFIER "x 0x%zx %s", addr + done, n, b64));
        done += n;
    }
}

void qtest_memset(QTestState *s, uint64_t addr, uint8_t pattern, size_t size)
{
    g_free(rsp_ok(s, "memset 0x%" G_GINT64_MODIFIER "x 0x%zx 0x%02x", addr, size, pattern));
}

static uint32_t port_in(QTestState *s, const char *cmd, uint16_t port)
{
    g_autofree char *v = rsp_ok(s, "%s 0x%x", cmd, port);

    return g_ascii_strtoull(v, NULL, 0);
}

uint8_t qtest_inb(QTestState *s, uint16_t port)
{
    return port_in(s, "inb", port);
}

uint16_t qtest_inw(QTestState *s, uint16_t port)
{
    return port_in(s, "inw", port);
}

uint32_t qtest_inl(QTestState *s, uint16_t port)
{
    return port_in(s, "inl", port);
}

void qtest_outb(QTestState *s, uint16_t port, uint8_t value)
{
    g_free(rsp_ok(s, "outb 0x%x 0x%x", port, value));
}

void qtest_outw(QTestState *s, uint16_t port, uint16_t value)
{
    g_free(rsp_ok(s, "outw 0x%x 0x%x", port, value));
}

void qtest_outl(QTestState *s, uint16_t port, uint32_t value)
{
    g_free(rsp_ok(s, "outl 0x%x 0x%x", port, value));
}

static int64_t clock_reply(char *v)
{
    int64_t ns = g_ascii_strtoll(v, NULL, 10);

    g_free(v);
    return ns;
}

int64_t qtest_clock_step(QTestState *s, int64_t ns)
{
    return clock_reply(rsp_ok(s, "clock_step %" G_GINT64_FORMAT, ns));
}

int64_t qtest_clock_step_next(QTestState *s)
{
    return clock_reply(rsp_ok(s, "clock_step"));
}

int64_t qtest_clock_set(QTestState *s, int64_t ns)
{
    return clock_reply(rsp_ok(s, "clock_set %" G_GINT64_FORMAT, ns));
}

void qtest_irq_intercept_in(QTestState *s, const char *qom_path)
{
    g_free(rsp_ok(s, "irq_intercept_in %s", qom_path));
}

void qtest_irq_intercept_out(QTestState *s, const char *qom_path)
{
    g_free(rsp_ok(s, "irq_intercept_out %s", qom_path));
}

void qtest_irq_intercept_out_named(QTestState *s, const char *qom_path, const char *name)
{
    g_free(rsp_ok(s, "irq_intercept_out %s %s", qom_path, name));
}

bool qtest_get_irq(QTestState *s, int n)
{
    g_assert_cmpint(n, >=, 0);
    g_assert_cmpint(n, <, (int)G_N_ELEMENTS(s->irq_level));
    /* A round trip, so that IRQ lines sent before it have been seen. */
    (void)qtest_inb(s, 0);
    return s->irq_level[n];
}

void qtest_set_irq_in(QTestState *s, const char *qom_path, const char *name, int num,
                      int level)
{
    g_free(rsp_ok(s, "set_irq_in %s %s %d %d", qom_path, name ? name : "unnamed-gpio-in",
                  num, level));
}

/* ---- QMP ---- */

JsonObject *qtest_json_object(JsonNode *node)
{
    g_assert_nonnull(node);
    g_assert_true(JSON_NODE_HOLDS_OBJECT(node));
    return json_node_get_object(node);
}

static JsonNode *qmp_read_message(QTestState *s)
{
    g_autoptr(JsonParser) parser = json_parser_new();
    g_autoptr(GError) gerr = NULL;
    g_autofree char *line = NULL;

    g_assert_true(s->has_qmp);
    line = read_line(&s->qmp);
    if (!line) {
        g_error("libqtest: the emulator closed the QMP connection");
    }
    if (!json_parser_load_from_data(parser, line, -1, &gerr)) {
        g_error("libqtest: bad JSON from QMP (%s): %s", gerr->message, line);
    }
    return json_node_ref(json_parser_get_root(parser));
}

void qtest_qmp_send_raw(QTestState *s, const char *text)
{
    g_assert_true(s->has_qmp);
    write_all(s, s->qmp.fd, text, strlen(text));
}

/* QEMU's tests write JSON with single quotes; JSON wants double ones. */
static char *requote(const char *text)
{
    char *out = g_strdup(text);

    for (char *p = out; *p; p++) {
        if (*p == '\'') {
            *p = '"';
        }
    }
    return out;
}

static void qmp_vsend(QTestState *s, const char *fmt, va_list ap)
{
    g_autofree char *text = g_strdup_vprintf(fmt, ap);
    g_autofree char *json = requote(text);
    g_autofree char *line = g_strconcat(json, "\n", NULL);

    qtest_qmp_send_raw(s, line);
}

void qtest_qmp_send(QTestState *s, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    qmp_vsend(s, fmt, ap);
    va_end(ap);
}

JsonNode *qtest_qmp_receive(QTestState *s)
{
    for (;;) {
        JsonNode *msg = qmp_read_message(s);

        if (json_object_has_member(qtest_json_object(msg), "event")) {
            g_queue_push_tail(&s->events, msg);
            continue;
        }
        return msg;
    }
}

JsonNode *qtest_qmp(QTestState *s, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    qmp_vsend(s, fmt, ap);
    va_end(ap);
    return qtest_qmp_receive(s);
}

static bool event_is(JsonNode *ev, const char *name)
{
    return !g_strcmp0(json_object_get_string_member(qtest_json_object(ev), "event"), name);
}

JsonNode *qtest_qmp_eventwait(QTestState *s, const char *name)
{
    for (GList *l = s->events.head; l; l = l->next) {
        if (event_is(l->data, name)) {
            JsonNode *ev = l->data;

            g_queue_delete_link(&s->events, l);
            return ev;
        }
    }
    for (;;) {
        JsonNode *msg = qmp_read_message(s);

        if (!json_object_has_member(qtest_json_object(msg), "event")) {
            g_error("libqtest: unexpected QMP reply while waiting for event %s", name);
        }
        if (event_is(msg, name)) {
            return msg;
        }
        g_queue_push_tail(&s->events, msg);
    }
}

static JsonNode *assert_return(JsonNode *reply, const char *what)
{
    JsonObject *obj = qtest_json_object(reply);
    JsonNode *ret;

    if (!json_object_has_member(obj, "return")) {
        g_autofree char *text = json_to_string(reply, FALSE);

        g_error("libqtest: %s failed: %s", what, text);
    }
    ret = json_node_ref(json_object_get_member(obj, "return"));
    json_node_unref(reply);
    return ret;
}

JsonNode *qtest_qmp_assert_success(QTestState *s, const char *fmt, ...)
{
    g_autofree char *text = NULL;
    va_list ap;

    va_start(ap, fmt);
    text = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    return assert_return(qtest_qmp(s, "%s", text), text);
}

char *qtest_hmp(QTestState *s, const char *fmt, ...)
{
    g_autoptr(JsonBuilder) b = json_builder_new();
    g_autoptr(JsonNode) root = NULL;
    g_autofree char *cmdline = NULL;
    g_autofree char *json = NULL;
    g_autofree char *line = NULL;
    JsonNode *ret;
    char *out;
    va_list ap;

    va_start(ap, fmt);
    cmdline = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    /* Built with json-glib, so that any command line is quoted right. */
    json_builder_begin_object(b);
    json_builder_set_member_name(b, "execute");
    json_builder_add_string_value(b, "human-monitor-command");
    json_builder_set_member_name(b, "arguments");
    json_builder_begin_object(b);
    json_builder_set_member_name(b, "command-line");
    json_builder_add_string_value(b, cmdline);
    json_builder_end_object(b);
    json_builder_end_object(b);
    root = json_builder_get_root(b);
    json = json_to_string(root, FALSE);
    /*
     * One write with its newline: the server acts on a complete object
     * (e.g. "quit") before the newline arrives, and may be gone by then.
     */
    line = g_strconcat(json, "\n", NULL);
    qtest_qmp_send_raw(s, line);
    ret = assert_return(qtest_qmp_receive(s), cmdline);
    g_assert_true(JSON_NODE_HOLDS_VALUE(ret));
    out = g_strdup(json_node_get_string(ret));
    json_node_unref(ret);
    return out;
}

int qtest_run_binary(const char *args, char **out, char **err)
{
    g_autofree char *cmd = g_strdup_printf("'%s' %s", qtest_get_binary(), args);
    g_autoptr(GError) gerr = NULL;
    g_auto(GStrv) argv = NULL;
    int status;

    g_assert_true(g_shell_parse_argv(cmd, NULL, &argv, &gerr));
    g_assert_true(g_spawn_sync(NULL, argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, out, err,
                               &status, &gerr));
    g_assert_no_error(gerr);
    g_assert_true(WIFEXITED(status));
    return WEXITSTATUS(status);
}
