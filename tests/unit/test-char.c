/*
 * Unit tests for chardevs: backends, events, back-pressure, mux, errors.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/main-loop.h"
#include "qemu/option.h"
#include "chardev/char.h"
#include "chardev/char-fe.h"

#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>

static char *tmpdir;

/* A front end that records what it gets. */
typedef struct Fe {
    CharBackend be;
    GString *rx;
    int can_read;           /* what can_read returns */
    int max_chunk;          /* largest read seen */
    int events[CHR_EVENT_CLOSED + 1];
    GArray *event_log;      /* QEMUChrEvent */
} Fe;

static int fe_can_read(void *opaque)
{
    return ((Fe *)opaque)->can_read;
}

static void fe_read(void *opaque, const uint8_t *buf, int size)
{
    Fe *fe = opaque;

    g_assert_cmpint(size, <=, fe->can_read);
    fe->max_chunk = MAX(fe->max_chunk, size);
    g_string_append_len(fe->rx, (const char *)buf, size);
}

static void fe_event(void *opaque, QEMUChrEvent ev)
{
    Fe *fe = opaque;

    fe->events[ev]++;
    g_array_append_val(fe->event_log, ev);
}

static void fe_attach(Fe *fe, Chardev *chr)
{
    memset(fe, 0, sizeof(*fe));
    fe->rx = g_string_new(NULL);
    fe->event_log = g_array_new(FALSE, FALSE, sizeof(QEMUChrEvent));
    fe->can_read = 4096;
    qemu_chr_fe_init(&fe->be, chr, &error_abort);
    qemu_chr_fe_set_handlers(&fe->be, fe_can_read, fe_read, fe_event, NULL, fe,
                             NULL, true);
}

static void fe_detach(Fe *fe, bool del)
{
    qemu_chr_fe_deinit(&fe->be, del);
    g_string_free(fe->rx, TRUE);
    g_array_free(fe->event_log, TRUE);
}

typedef bool Cond(void *opaque);

/* Runs the main loop until COND holds or MS pass; returns COND. */
static bool pump_until(Cond *cond, void *opaque, int ms)
{
    gint64 end = g_get_monotonic_time() + ms * 1000;

    while (!(cond && cond(opaque)) && g_get_monotonic_time() < end) {
        main_loop_wait(true);
        g_usleep(500);
    }
    return cond && cond(opaque);
}

static void pump(int ms)
{
    pump_until(NULL, NULL, ms);
}

typedef struct RxWant {
    Fe *fe;
    size_t len;
} RxWant;

static bool rx_has(void *opaque)
{
    RxWant *w = opaque;

    return w->fe->rx->len >= w->len;
}

static void wait_rx(Fe *fe, size_t len)
{
    RxWant w = { fe, len };

    g_assert_true(pump_until(rx_has, &w, 5000));
}

static bool opened(void *opaque)
{
    return ((Fe *)opaque)->events[CHR_EVENT_OPENED] > 0;
}

static bool closed(void *opaque)
{
    return ((Fe *)opaque)->events[CHR_EVENT_CLOSED] > 0;
}

static char *tmp_path(const char *name)
{
    return g_build_filename(tmpdir, name, NULL);
}

/* Checks the filename of CHR against a format. */
static void check_filename(Chardev *chr, const char *fmt, ...) QEMU_PRINTF(2, 3);
static void check_filename(Chardev *chr, const char *fmt, ...)
{
    g_autofree char *fname = qemu_chr_get_filename(chr);
    g_autofree char *want = NULL;
    va_list ap;

    va_start(ap, fmt);
    want = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    g_assert_cmpstr(fname, ==, want);
}

static void expect_error(Error **errp, const char *msg)
{
    g_assert_nonnull(*errp);
    g_assert_cmpstr(error_get_pretty(*errp), ==, msg);
    error_free(*errp);
    *errp = NULL;
}

static Chardev *chr_from_opts(const char *str, Error **errp)
{
    g_autoptr(QemuOpts) opts = qemu_opts_parse("chardev", str, "backend", &error_abort);

    return qemu_chr_new_from_opts(opts, NULL, errp);
}

/* Reads up to LEN bytes from FD within 5 s. */
static GString *read_fd(int fd, size_t len)
{
    GString *s = g_string_new(NULL);
    gint64 end = g_get_monotonic_time() + 5 * G_USEC_PER_SEC;

    while (s->len < len && g_get_monotonic_time() < end) {
        struct pollfd pfd = { .fd = fd, .events = POLLIN };
        char buf[256];

        main_loop_wait(true);
        if (poll(&pfd, 1, 10) > 0) {
            ssize_t n = read(fd, buf, MIN(sizeof(buf), len - s->len));

            if (n > 0) {
                g_string_append_len(s, buf, n);
            }
        }
    }
    return s;
}

static int free_tcp_port(void)
{
    struct sockaddr_in sa = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
    socklen_t len = sizeof(sa);
    int fd = socket(AF_INET, SOCK_STREAM, 0);

    g_assert_cmpint(bind(fd, (struct sockaddr *)&sa, sizeof(sa)), ==, 0);
    g_assert_cmpint(getsockname(fd, (struct sockaddr *)&sa, &len), ==, 0);
    close(fd);
    return ntohs(sa.sin_port);
}

static int unix_connect(const char *path)
{
    struct sockaddr_un sa = { .sun_family = AF_UNIX };
    int fd = socket(AF_UNIX, SOCK_STREAM, 0);

    g_strlcpy(sa.sun_path, path, sizeof(sa.sun_path));
    g_assert_cmpint(connect(fd, (struct sockaddr *)&sa, sizeof(sa)), ==, 0);
    return fd;
}

static void test_null(void)
{
    Chardev *chr = qemu_chr_new("n0", "null", NULL, &error_abort);
    g_autofree char *fname = qemu_chr_get_filename(chr);
    CharBackend other;
    Error *err = NULL;
    Fe fe;

    g_assert_cmpstr(fname, ==, "null");
    g_assert_true(qemu_chr_find("n0") == chr);
    g_assert_cmpstr(qemu_chr_get_label(chr), ==, "n0");
    fe_attach(&fe, chr);
    g_assert_cmpint(fe.events[CHR_EVENT_OPENED], ==, 1);
    g_assert_true(qemu_chr_fe_backend_connected(&fe.be));
    g_assert_true(qemu_chr_fe_get_driver(&fe.be) == chr);
    g_assert_cmpint(qemu_chr_fe_write(&fe.be, (const uint8_t *)"abc", 3), ==, 3);
    g_assert_false(qemu_chr_fe_init(&other, chr, &err));
    expect_error(&err, "Device 'n0' is in use");
    fe_detach(&fe, true);
    g_assert_null(qemu_chr_find("n0"));

    /* No chardev at all: writes go nowhere, successfully. */
    g_assert_true(qemu_chr_fe_init(&other, NULL, &error_abort));
    g_assert_false(qemu_chr_fe_backend_connected(&other));
    g_assert_cmpint(qemu_chr_fe_write(&other, (const uint8_t *)"abc", 3), ==, 3);
    g_assert_cmpint(qemu_chr_fe_add_watch(&other, G_IO_OUT, NULL, NULL), ==, 0);
    qemu_chr_fe_deinit(&other, false);

    /* "none" is no device, and not an error. */
    g_assert_null(qemu_chr_new("n1", "none", NULL, &error_abort));

    /* "chardev:ID" names an existing -chardev (as -serial chardev:ID). */
    chr = qemu_chr_new("n2", "null", NULL, &error_abort);
    g_assert_true(qemu_chr_new("serial0", "chardev:n2", NULL, &error_abort) == chr);
    g_assert_null(qemu_chr_new("serial1", "chardev:nope", NULL, &err));
    expect_error(&err, "chardev 'nope' not found");
    qemu_chr_delete(chr);
}

static void test_file(void)
{
    g_autofree char *path = tmp_path("out.txt");
    g_autofree char *spec = g_strdup_printf("file:%s", path);
    g_autofree char *opts = g_strdup_printf("file,id=f1,path=%s,append=on", path);
    g_autofree char *content = NULL;
    Chardev *chr;
    Fe fe;

    chr = qemu_chr_new("f0", spec, NULL, &error_abort);
    fe_attach(&fe, chr);
    g_assert_cmpint(qemu_chr_fe_write_all(&fe.be, (const uint8_t *)"hello ", 6), ==, 6);
    qemu_chr_fe_printf(&fe.be, "%d", 42);
    fe_detach(&fe, true);
    g_assert_true(g_file_get_contents(path, &content, NULL, NULL));
    g_assert_cmpstr(content, ==, "hello 42");
    g_clear_pointer(&content, g_free);

    chr = chr_from_opts(opts, &error_abort);
    fe_attach(&fe, chr);
    qemu_chr_fe_printf(&fe.be, "!");
    fe_detach(&fe, true);
    g_assert_true(g_file_get_contents(path, &content, NULL, NULL));
    g_assert_cmpstr(content, ==, "hello 42!");
    unlink(path);
}

static void test_pipe(void)
{
    g_autofree char *base = tmp_path("p");
    g_autofree char *in = g_strdup_printf("%s.in", base);
    g_autofree char *out = g_strdup_printf("%s.out", base);
    g_autofree char *spec = g_strdup_printf("pipe:%s", base);
    g_autoptr(GString) got = NULL;
    int fin, fout;
    Chardev *chr;
    Fe fe;

    g_assert_cmpint(mkfifo(in, 0600), ==, 0);
    g_assert_cmpint(mkfifo(out, 0600), ==, 0);
    chr = qemu_chr_new("p0", spec, NULL, &error_abort);
    fe_attach(&fe, chr);
    fin = open(in, O_WRONLY);
    fout = open(out, O_RDONLY | O_NONBLOCK);
    g_assert_cmpint(write(fin, "ping", 4), ==, 4);
    wait_rx(&fe, 4);
    g_assert_cmpstr(fe.rx->str, ==, "ping");
    g_assert_cmpint(qemu_chr_fe_write(&fe.be, (const uint8_t *)"pong", 4), ==, 4);
    got = read_fd(fout, 4);
    g_assert_cmpstr(got->str, ==, "pong");
    fe_detach(&fe, true);
    close(fin);
    close(fout);
    unlink(in);
    unlink(out);

    /* Without .in/.out, PATH itself carries both directions. */
    g_assert_cmpint(mkfifo(base, 0600), ==, 0);
    chr = qemu_chr_new("p1", spec, NULL, &error_abort);
    fe_attach(&fe, chr);
    fin = open(base, O_WRONLY);
    g_assert_cmpint(write(fin, "x", 1), ==, 1);
    wait_rx(&fe, 1);
    g_assert_cmpstr(fe.rx->str, ==, "x");
    fe_detach(&fe, true);
    close(fin);
    unlink(base);
}

static void test_socket_unix(void)
{
    g_autofree char *path = tmp_path("sock");
    g_autofree char *sspec = g_strdup_printf("unix:%s,server=on,wait=off", path);
    g_autofree char *cspec = g_strdup_printf("unix:%s", path);
    Chardev *server, *client;
    Fe sfe, cfe;

    server = qemu_chr_new("s0", sspec, NULL, &error_abort);
    check_filename(server, "disconnected:unix:%s,server=on", path);
    fe_attach(&sfe, server);
    g_assert_cmpint(sfe.events[CHR_EVENT_OPENED], ==, 0);
    g_assert_false(qemu_chr_fe_backend_open(&sfe.be));

    client = qemu_chr_new("c0", cspec, NULL, &error_abort);
    fe_attach(&cfe, client);
    g_assert_cmpint(cfe.events[CHR_EVENT_OPENED], ==, 1);
    g_assert_true(pump_until(opened, &sfe, 5000));
    check_filename(server, "unix:%s,server=on", path);

    qemu_chr_fe_write_all(&cfe.be, (const uint8_t *)"to-server", 9);
    wait_rx(&sfe, 9);
    g_assert_cmpstr(sfe.rx->str, ==, "to-server");
    qemu_chr_fe_write_all(&sfe.be, (const uint8_t *)"to-client", 9);
    wait_rx(&cfe, 9);
    g_assert_cmpstr(cfe.rx->str, ==, "to-client");

    /* The client leaves: CLOSED; the server then accepts a new client. */
    fe_detach(&cfe, true);
    g_assert_true(pump_until(closed, &sfe, 5000));
    check_filename(server, "disconnected:unix:%s,server=on", path);
    /* Writes without a peer are dropped, not blocked. */
    g_assert_cmpint(qemu_chr_fe_write(&sfe.be, (const uint8_t *)"lost", 4), ==, 4);

    client = qemu_chr_new("c1", cspec, NULL, &error_abort);
    fe_attach(&cfe, client);
    g_assert_true(pump_until(opened, &sfe, 5000) && sfe.events[CHR_EVENT_OPENED] == 1);
    sfe.events[CHR_EVENT_OPENED] = 0;
    g_string_truncate(sfe.rx, 0);
    g_assert_true(pump_until(opened, &sfe, 5000));
    qemu_chr_fe_write_all(&cfe.be, (const uint8_t *)"again", 5);
    wait_rx(&sfe, 5);
    g_assert_cmpstr(sfe.rx->str, ==, "again");
    g_assert_cmpint(sfe.events[CHR_EVENT_CLOSED], ==, 1);
    fe_detach(&cfe, true);
    fe_detach(&sfe, true);
    g_assert_false(g_file_test(path, G_FILE_TEST_EXISTS));  /* socket file removed */
}

static void test_socket_tcp(void)
{
    int port = free_tcp_port();
    g_autofree char *sspec =
        g_strdup_printf("tcp:127.0.0.1:%d,server,nowait,nodelay", port);
    g_autofree char *copts =
        g_strdup_printf("socket,id=tc,host=127.0.0.1,port=%d,nodelay=on,ipv4=on", port);
    Chardev *server, *client;
    Fe sfe, cfe;

    server = qemu_chr_new("ts", sspec, NULL, &error_abort);
    fe_attach(&sfe, server);
    client = chr_from_opts(copts, &error_abort);
    fe_attach(&cfe, client);
    g_assert_true(pump_until(opened, &sfe, 5000));
    check_filename(client, "tcp:127.0.0.1:%d", port);
    qemu_chr_fe_write_all(&sfe.be, (const uint8_t *)"tcp!", 4);
    wait_rx(&cfe, 4);
    g_assert_cmpstr(cfe.rx->str, ==, "tcp!");
    qemu_chr_fe_write_all(&cfe.be, (const uint8_t *)"back", 4);
    wait_rx(&sfe, 4);
    g_assert_cmpstr(sfe.rx->str, ==, "back");
    /* The server side goes away: the client sees CLOSED. */
    fe_detach(&sfe, true);
    g_assert_true(pump_until(closed, &cfe, 5000));
    fe_detach(&cfe, true);
}

static gpointer connect_later(gpointer path)
{
    g_usleep(50000);
    return GINT_TO_POINTER(unix_connect(path));
}

static void test_socket_server_wait(void)
{
    g_autofree char *path = tmp_path("wsock");
    g_autofree char *opts = g_strdup_printf("socket,id=w0,path=%s,server=on", path);
    GThread *th = g_thread_new("client", connect_later, path);
    Chardev *chr = chr_from_opts(opts, &error_abort);   /* blocks until connect */
    int peer = GPOINTER_TO_INT(g_thread_join(th));
    Fe fe;

    check_filename(chr, "unix:%s,server=on", path);
    fe_attach(&fe, chr);
    g_assert_cmpint(fe.events[CHR_EVENT_OPENED], ==, 1);
    g_assert_cmpint(write(peer, "w", 1), ==, 1);
    wait_rx(&fe, 1);
    close(peer);
    g_assert_true(pump_until(closed, &fe, 5000));
    fe_detach(&fe, true);
}

static void test_socket_reconnect(void)
{
    g_autofree char *path = tmp_path("rsock");
    g_autofree char *copts = g_strdup_printf("socket,id=r0,path=%s,reconnect=1", path);
    g_autofree char *sspec = g_strdup_printf("unix:%s,server=on,wait=off", path);
    Chardev *client, *server;
    Fe cfe, sfe;

    client = chr_from_opts(copts, &error_abort);    /* no server yet: not an error */
    check_filename(client, "disconnected:unix:%s", path);
    fe_attach(&cfe, client);
    g_assert_cmpint(cfe.events[CHR_EVENT_OPENED], ==, 0);
    server = qemu_chr_new("r1", sspec, NULL, &error_abort);
    fe_attach(&sfe, server);
    g_assert_true(pump_until(opened, &cfe, 5000));
    g_assert_true(pump_until(opened, &sfe, 5000));
    fe_detach(&sfe, true);
    fe_detach(&cfe, true);
}

/* Back-pressure on input: can_read 0 stops reading; accept_input resumes. */
static void test_backpressure_read(void)
{
    g_autofree char *path = tmp_path("bsock");
    g_autofree char *spec = g_strdup_printf("unix:%s,server=on,wait=off", path);
    Chardev *chr = qemu_chr_new("b0", spec, NULL, &error_abort);
    char data[100];
    int peer;
    Fe fe;

    fe_attach(&fe, chr);
    peer = unix_connect(path);
    g_assert_true(pump_until(opened, &fe, 5000));
    fe.can_read = 0;
    memset(data, 'd', sizeof(data));
    g_assert_cmpint(write(peer, data, sizeof(data)), ==, sizeof(data));
    pump(50);
    g_assert_cmpuint(fe.rx->len, ==, 0);
    fe.can_read = 7;
    qemu_chr_fe_accept_input(&fe.be);
    wait_rx(&fe, sizeof(data));
    g_assert_cmpuint(fe.rx->len, ==, sizeof(data));
    g_assert_cmpint(fe.max_chunk, <=, 7);
    close(peer);
    fe_detach(&fe, true);
}

static gboolean watch_cb(void *do_not_use, GIOCondition cond, void *data)
{
    *(int *)data += 1;
    return G_SOURCE_REMOVE;
}

static bool flag_set(void *opaque)
{
    return *(int *)opaque > 0;
}

/* Back-pressure on output: short writes, then a watch when writable again. */
static void test_backpressure_write(void)
{
    g_autofree char *path = tmp_path("wbsock");
    g_autofree char *spec = g_strdup_printf("unix:%s,server=on,wait=off", path);
    Chardev *chr = qemu_chr_new("b1", spec, NULL, &error_abort);
    g_autofree uint8_t *chunk = g_malloc0(65536);
    size_t total = 0, drained = 0;
    int peer, n, fired = 0;
    guint tag;
    Fe fe;

    fe_attach(&fe, chr);
    peer = unix_connect(path);
    g_assert_true(pump_until(opened, &fe, 5000));
    for (int i = 0; i < 1000; i++) {
        n = qemu_chr_fe_write(&fe.be, chunk, 65536);
        g_assert_cmpint(n, >=, 0);
        total += n;
        if (n == 0) {
            break;
        }
    }
    g_assert_cmpint(n, ==, 0);
    g_assert_cmpuint(total, >, 0);
    tag = qemu_chr_fe_add_watch(&fe.be, G_IO_OUT, watch_cb, &fired);
    g_assert_cmpuint(tag, >, 0);
    pump(20);
    g_assert_cmpint(fired, ==, 0);
    while (drained < total) {
        ssize_t r = read(peer, chunk, 65536);

        g_assert_cmpint(r, >, 0);
        drained += r;
    }
    g_assert_true(pump_until(flag_set, &fired, 5000));
    g_assert_cmpint(qemu_chr_fe_write(&fe.be, chunk, 16), ==, 16);
    close(peer);
    fe_detach(&fe, true);
}

static int quit_calls;

static void test_quit(void)
{
    quit_calls++;
}

static void test_mux(void)
{
    g_autofree char *path = tmp_path("msock");
    g_autofree char *spec = g_strdup_printf("mon:unix:%s,server=on,wait=off", path);
    g_autoptr(GString) help = NULL;
    g_autoptr(GString) out = NULL;
    Chardev *mux = qemu_chr_new("m0", spec, NULL, &error_abort);
    g_autofree char *fname = qemu_chr_get_filename(mux);
    CharBackend extra[3];
    Error *err = NULL;
    Fe a, b;
    int peer;

    g_assert_true(qemu_chr_is_mux(mux));
    g_assert_nonnull(qemu_chr_find("m0-base"));
    g_assert_true(g_str_has_prefix(fname, "mux:disconnected:unix:"));
    fe_attach(&a, mux);
    fe_attach(&b, mux);     /* a mux takes several front ends */
    g_assert_cmpint(a.be.tag, ==, 0);
    g_assert_cmpint(b.be.tag, ==, 1);
    g_assert_cmpint(qemu_chr_mux_get_focus(mux), ==, 0);
    peer = unix_connect(path);
    g_assert_true(pump_until(opened, &a, 5000));
    g_assert_true(pump_until(opened, &b, 5000));
    check_filename(mux, "mux:unix:%s,server=on", path);

    g_assert_cmpint(write(peer, "x", 1), ==, 1);
    wait_rx(&a, 1);
    /* C-a c: focus to b. */
    g_assert_cmpint(write(peer, "\001cy", 3), ==, 3);
    wait_rx(&b, 1);
    g_assert_cmpstr(a.rx->str, ==, "x");
    g_assert_cmpstr(b.rx->str, ==, "y");
    g_assert_cmpint(a.events[CHR_EVENT_MUX_OUT], ==, 1);
    g_assert_cmpint(b.events[CHR_EVENT_MUX_IN], ==, 1);
    g_assert_cmpint(qemu_chr_mux_get_focus(mux), ==, 1);
    /* C-a a and C-a C-a send a literal C-a; C-a b a break; unknown ignored. */
    g_assert_cmpint(write(peer, "\001a\001\001\001b\001zq", 9), ==, 9);
    wait_rx(&b, 4);
    g_assert_cmpstr(b.rx->str, ==, "y\001\001q");
    g_assert_cmpint(b.events[CHR_EVENT_BREAK], ==, 1);
    g_assert_cmpint(a.events[CHR_EVENT_BREAK], ==, 0);
    /* Output from any front end reaches the backend. */
    qemu_chr_fe_write_all(&a.be, (const uint8_t *)"A", 1);
    qemu_chr_fe_write_all(&b.be, (const uint8_t *)"B", 1);
    out = read_fd(peer, 2);
    g_assert_cmpstr(out->str, ==, "AB");
    /* C-a h: help on the backend. */
    g_assert_cmpint(write(peer, "\001h", 2), ==, 2);
    help = read_fd(peer, 40);
    g_assert_nonnull(strstr(help->str, "C-a h"));
    /* C-a x: the quit handler. */
    qemu_chr_set_mux_quit_handler(test_quit);
    g_assert_cmpint(write(peer, "\001x", 2), ==, 2);
    for (int i = 0; i < 1000 && !quit_calls; i++) {
        main_loop_wait(true);
        g_usleep(1000);
    }
    g_assert_cmpint(quit_calls, ==, 1);
    qemu_chr_set_mux_quit_handler(NULL);
    /* Cycle back to a (slots 2 and 3 are empty and skipped). */
    g_assert_cmpint(write(peer, "\001cz", 3), ==, 3);
    wait_rx(&a, 2);
    g_assert_cmpstr(a.rx->str, ==, "xz");
    g_assert_cmpint(a.events[CHR_EVENT_MUX_IN], ==, 1);

    /* Back-pressure through the mux: the focused front end is full. */
    a.can_read = 0;
    g_assert_cmpint(write(peer, "0123456789", 10), ==, 10);
    pump(30);
    g_assert_cmpstr(a.rx->str, ==, "xz");
    a.can_read = 100;
    qemu_chr_fe_accept_input(&a.be);
    wait_rx(&a, 12);
    g_assert_cmpstr(a.rx->str, ==, "xz0123456789");

    /* At most four front ends. */
    g_assert_true(qemu_chr_fe_init(&extra[0], mux, &error_abort));
    g_assert_true(qemu_chr_fe_init(&extra[1], mux, &error_abort));
    g_assert_false(qemu_chr_fe_init(&extra[2], mux, &err));
    expect_error(&err, "chardev 'm0': too many front ends (at most 4)");
    qemu_chr_fe_deinit(&extra[0], false);
    qemu_chr_fe_deinit(&extra[1], false);

    close(peer);
    g_assert_true(pump_until(closed, &a, 5000));
    g_assert_cmpint(b.events[CHR_EVENT_CLOSED], ==, 1);
    fe_detach(&a, true);
    g_assert_nonnull(qemu_chr_find("m0"));  /* b still uses it */
    fe_detach(&b, true);
    g_assert_null(qemu_chr_find("m0"));
    g_assert_null(qemu_chr_find("m0-base"));
}

static void test_pty(void)
{
    Chardev *chr = qemu_chr_new("pty0", "pty", NULL, &error_abort);
    g_autofree char *fname = qemu_chr_get_filename(chr);
    g_autoptr(GString) got = NULL;
    int slave;
    Fe fe;

    g_assert_true(g_str_has_prefix(fname, "pty:/dev/pts/"));
    fe_attach(&fe, chr);
    g_assert_cmpint(fe.events[CHR_EVENT_OPENED], ==, 0);
    /* Nobody on the slave side: output is dropped. */
    g_assert_cmpint(qemu_chr_fe_write(&fe.be, (const uint8_t *)"drop", 4), ==, 4);

    slave = open(fname + 4, O_RDWR | O_NOCTTY);
    g_assert_cmpint(slave, >=, 0);
    g_assert_true(pump_until(opened, &fe, 5000));
    g_assert_cmpint(write(slave, "in", 2), ==, 2);
    wait_rx(&fe, 2);
    g_assert_cmpstr(fe.rx->str, ==, "in");
    qemu_chr_fe_write_all(&fe.be, (const uint8_t *)"out", 3);
    got = read_fd(slave, 3);
    g_assert_cmpstr(got->str, ==, "out");
    close(slave);
    g_assert_true(pump_until(closed, &fe, 5000));
    fe_detach(&fe, true);
}

static void test_stdio_once(void)
{
    Chardev *chr = qemu_chr_new("io0", "stdio", NULL, &error_abort);
    Error *err = NULL;

    g_assert_null(qemu_chr_new("io1", "stdio", NULL, &err));
    expect_error(&err, "cannot use stdio by multiple character devices");
    g_assert_null(qemu_chr_find("io1"));
    qemu_chr_delete(chr);
    /* Freed again once the first is gone. */
    chr = chr_from_opts("stdio,id=io2,signal=off", &error_abort);
    qemu_chr_cleanup();
    g_assert_null(qemu_chr_find("io2"));
}

static void test_errors(void)
{
    g_autofree char *nodir = tmp_path("no/such/dir");
    g_autofree char *spec = NULL;
    g_autofree char *msg = NULL;
    Chardev *chr;
    Error *err = NULL;
    int port;

    g_assert_null(qemu_chr_new("e0", "bogus:xyz", NULL, &err));
    expect_error(&err, "'bogus' is not a valid char driver name");
    g_assert_null(chr_from_opts("bogus,id=e0", &err));
    expect_error(&err, "'bogus' is not a valid char driver name");
    g_assert_null(chr_from_opts("null", &err));
    expect_error(&err, "chardev: no id specified");
    g_assert_null(chr_from_opts("id=e0", &err));
    expect_error(&err, "chardev: parameter 'backend' is missing");
    g_assert_null(chr_from_opts("null,id=e0,foo=1", &err));
    expect_error(&err, "Invalid parameter 'foo'");
    g_assert_null(chr_from_opts("socket,id=e0,server=maybe,path=/x", &err));
    g_assert_nonnull(err);
    g_assert_nonnull(strstr(error_get_pretty(err), "server"));
    error_free(err);
    err = NULL;
    g_assert_null(chr_from_opts("socket,id=e0", &err));
    expect_error(&err, "chardev 'e0': socket needs 'path' or 'port'");
    g_assert_null(chr_from_opts("file,id=e0", &err));
    expect_error(&err, "chardev 'e0': file backend requires 'path'");
    g_assert_null(qemu_chr_new("e0", "tcp:localhost", NULL, &err));
    expect_error(&err, "chardev 'e0': tcp address 'localhost' lacks ':PORT'");

    spec = g_strdup_printf("file:%s", nodir);
    g_assert_null(qemu_chr_new("e0", spec, NULL, &err));
    msg = g_strdup_printf("Could not open '%s': No such file or directory", nodir);
    expect_error(&err, msg);
    g_free(spec);
    g_free(msg);

    spec = g_strdup_printf("unix:%s,server=on,wait=off", nodir);
    g_assert_null(qemu_chr_new("e0", spec, NULL, &err));
    msg = g_strdup_printf("Failed to bind socket to %s: No such file or directory", nodir);
    expect_error(&err, msg);
    g_free(spec);
    g_free(msg);

    spec = g_strdup_printf("unix:%s", nodir);
    g_assert_null(qemu_chr_new("e0", spec, NULL, &err));
    msg = g_strdup_printf("Failed to connect to '%s': No such file or directory", nodir);
    expect_error(&err, msg);
    g_free(spec);
    g_free(msg);

    port = free_tcp_port();
    spec = g_strdup_printf("tcp:127.0.0.1:%d", port);
    g_assert_null(qemu_chr_new("e0", spec, NULL, &err));
    msg = g_strdup_printf("Failed to connect to '127.0.0.1:%d': Connection refused", port);
    expect_error(&err, msg);

    chr = qemu_chr_new("dup", "null", NULL, &error_abort);
    g_assert_null(qemu_chr_new("dup", "null", NULL, &err));
    expect_error(&err, "Duplicate ID 'dup' for chardev");
    g_assert_null(chr_from_opts("null,id=dup,mux=on", &err));
    expect_error(&err, "Duplicate ID 'dup' for chardev");
    qemu_chr_delete(chr);
    g_assert_null(qemu_chr_find("e0"));
}

static void test_help(void)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);

    qemu_chr_list_help(f);
    fclose(f);
    g_assert_nonnull(strstr(buf, "Available chardev backend types:"));
    g_assert_nonnull(strstr(buf, "  socket"));
    g_assert_nonnull(strstr(buf, "  pty"));
    free(buf);
}

int main(int argc, char **argv)
{
    int ret;

    g_test_init(&argc, &argv, NULL);
    qemu_init_main_loop(&error_abort);
    tmpdir = g_dir_make_tmp("ferry-char-XXXXXX", NULL);
    g_assert_nonnull(tmpdir);
    g_test_add_func("/char/null", test_null);
    g_test_add_func("/char/file", test_file);
    g_test_add_func("/char/pipe", test_pipe);
    g_test_add_func("/char/socket/unix", test_socket_unix);
    g_test_add_func("/char/socket/tcp", test_socket_tcp);
    g_test_add_func("/char/socket/server-wait", test_socket_server_wait);
    g_test_add_func("/char/socket/reconnect", test_socket_reconnect);
    g_test_add_func("/char/backpressure/read", test_backpressure_read);
    g_test_add_func("/char/backpressure/write", test_backpressure_write);
    g_test_add_func("/char/mux", test_mux);
    g_test_add_func("/char/pty", test_pty);
    g_test_add_func("/char/stdio-once", test_stdio_once);
    g_test_add_func("/char/errors", test_errors);
    g_test_add_func("/char/help", test_help);
    ret = g_test_run();
    qemu_chr_cleanup();
    rmdir(tmpdir);
    g_free(tmpdir);
    return ret;
}
