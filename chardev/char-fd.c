/*
 * Generic fd I/O for chardevs (a read source with back-pressure, non-blocking
 * writes) and the simple fd backends: null, file, pipe, stdio, pty.
 */
#include "qemu/osdep.h"
#include "chardev/char.h"

#include <fcntl.h>
#include <glib-unix.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <termios.h>

#define READ_CHUNK 4096

/*
 * Polls fd_in only while the front end can take input: prepare() adds or
 * removes the poll record according to qemu_chr_be_can_write(), so a full
 * front end stops the reads (and a hung-up fd cannot spin the loop).
 */
typedef struct FdReadSource {
    GSource source;
    GPollFD pfd;
    bool polling;
    Chardev *chr;
} FdReadSource;

static gboolean fd_read_prepare(GSource *src, gint *timeout)
{
    FdReadSource *rs = (FdReadSource *)src;
    bool want = qemu_chr_be_can_write(rs->chr) > 0;

    if (want != rs->polling) {
        if (want) {
            g_source_add_poll(src, &rs->pfd);
        } else {
            g_source_remove_poll(src, &rs->pfd);
        }
        rs->polling = want;
    }
    *timeout = -1;
    return FALSE;
}

static gboolean fd_read_check(GSource *src)
{
    FdReadSource *rs = (FdReadSource *)src;

    return rs->polling && (rs->pfd.revents & (G_IO_IN | G_IO_HUP | G_IO_ERR));
}

/*
 * read() that also takes the descriptors sent with the bytes: the last one
 * is kept in msgfd (replacing, and closing, one nobody took).
 */
static ssize_t fd_recv_with_fds(Chardev *chr, uint8_t *buf, size_t len)
{
    union {
        struct cmsghdr align;
        char buf[CMSG_SPACE(sizeof(int) * 16)];
    } control;
    struct iovec iov = { .iov_base = buf, .iov_len = len };
    struct msghdr msg = {
        .msg_iov = &iov, .msg_iovlen = 1,
        .msg_control = control.buf, .msg_controllen = sizeof(control.buf),
    };
    ssize_t n = recvmsg(chr->fd_in, &msg, MSG_CMSG_CLOEXEC);

    if (n < 0) {
        return n;
    }
    for (struct cmsghdr *c = CMSG_FIRSTHDR(&msg); c; c = CMSG_NXTHDR(&msg, c)) {
        size_t nfds;
        int fds[16];

        if (c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_RIGHTS) {
            continue;
        }
        nfds = (c->cmsg_len - CMSG_LEN(0)) / sizeof(int);
        memcpy(fds, CMSG_DATA(c), nfds * sizeof(int));
        for (size_t i = 0; i < nfds; i++) {
            if (chr->msgfd >= 0) {
                close(chr->msgfd);
            }
            chr->msgfd = fds[i];
        }
    }
    return n;
}

static gboolean fd_read_dispatch(GSource *src, GSourceFunc cb, gpointer data)
{
    FdReadSource *rs = (FdReadSource *)src;
    Chardev *chr = rs->chr;
    uint8_t buf[READ_CHUNK];
    int max = qemu_chr_be_can_write(chr);
    ssize_t n;

    if (max <= 0) {
        return G_SOURCE_CONTINUE;
    }
    n = chr->recv_fds ? fd_recv_with_fds(chr, buf, MIN(max, (int)sizeof(buf)))
                      : read(chr->fd_in, buf, MIN(max, (int)sizeof(buf)));
    if (n > 0) {
        qemu_chr_be_write(chr, buf, n);
    } else if (n == 0 || (errno != EAGAIN && errno != EINTR)) {
        if (chr->driver->read_eof) {
            chr->driver->read_eof(chr);
        } else {
            qemu_chr_fd_remove_read(chr);
        }
    }
    return G_SOURCE_CONTINUE;
}

static GSourceFuncs fd_read_funcs = {
    .prepare = fd_read_prepare,
    .check = fd_read_check,
    .dispatch = fd_read_dispatch,
};

void qemu_chr_fd_remove_read(Chardev *s)
{
    if (s->read_source) {
        g_source_destroy(s->read_source);
        g_source_unref(s->read_source);
        s->read_source = NULL;
    }
}

void qemu_chr_fd_update_read(Chardev *s)
{
    FdReadSource *rs;

    qemu_chr_fd_remove_read(s);
    if (s->fd_in < 0) {
        return;
    }
    s->read_source = g_source_new(&fd_read_funcs, sizeof(FdReadSource));
    rs = (FdReadSource *)s->read_source;
    rs->pfd.fd = s->fd_in;
    rs->pfd.events = G_IO_IN | G_IO_HUP | G_IO_ERR;
    rs->chr = s;
    g_source_set_name(s->read_source, s->label);
    g_source_attach(s->read_source, s->context);
}

void qemu_chr_fd_set(Chardev *s, int fd_in, int fd_out)
{
    s->fd_in = fd_in;
    s->fd_out = fd_out;
    qemu_chr_fd_update_read(s);
}

bool qemu_set_nonblock(int fd, Error **errp)
{
    int flags = fcntl(fd, F_GETFL);

    if (flags < 0 || fcntl(fd, F_SETFL, flags | O_NONBLOCK) < 0) {
        error_setg_errno(errp, errno, "cannot make fd %d non-blocking", fd);
        return false;
    }
    return true;
}

int qemu_chr_fd_write(Chardev *s, const uint8_t *buf, int len)
{
    ssize_t n;

    if (s->fd_out < 0) {
        return len;
    }
    do {
        n = write(s->fd_out, buf, len);
    } while (n < 0 && errno == EINTR);
    if (n < 0) {
        return errno == EAGAIN ? 0 : -1;
    }
    return n;
}

static void close_fds(Chardev *chr)
{
    if (chr->fd_in >= 0) {
        close(chr->fd_in);
    }
    if (chr->fd_out >= 0 && chr->fd_out != chr->fd_in) {
        close(chr->fd_out);
    }
    chr->fd_in = chr->fd_out = -1;
}

/* null: swallows output, never produces input. */

static bool null_open(Chardev *chr, QemuOpts *opts, Error **errp)
{
    chr->be_open = true;
    qemu_chr_set_filename(chr, "null");
    return true;
}

const ChardevDriver char_null_driver = {
    .name = "null",
    .help = "discards output, no input",
    .instance_size = sizeof(Chardev),
    .open = null_open,
};

/* file: output appended or truncated into a regular file. */

static const char *const file_opts[] = { "path", "append", NULL };

static const char *need_path(Chardev *chr, QemuOpts *opts, Error **errp)
{
    const char *path = qemu_opt_get(opts, "path");

    if (!path || !*path) {
        error_setg(errp, "chardev '%s': %s backend requires 'path'", chr->label,
                   chr->driver->name);
    }
    return path && *path ? path : NULL;
}

static bool file_open(Chardev *chr, QemuOpts *opts, Error **errp)
{
    const char *path = need_path(chr, opts, errp);
    Error *local_err = NULL;
    bool append;
    int fd;

    if (!path) {
        return false;
    }
    append = qemu_opt_get_bool(opts, "append", false, &local_err);
    if (local_err) {
        error_propagate(errp, local_err);
        return false;
    }
    fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC | (append ? O_APPEND : O_TRUNC), 0666);
    if (fd < 0) {
        error_setg_errno(errp, errno, "Could not open '%s'", path);
        return false;
    }
    chr->fd_out = fd;
    chr->be_open = true;
    qemu_chr_set_filename(chr, "file:%s", path);
    return true;
}

const ChardevDriver char_file_driver = {
    .name = "file",
    .help = "path=PATH[,append=on]: output to a file",
    .instance_size = sizeof(Chardev),
    .opts = file_opts,
    .open = file_open,
    .finalize = close_fds,
};

/* pipe: PATH.in (input) and PATH.out (output) FIFOs, or PATH for both. */

static const char *const pipe_opts[] = { "path", NULL };

static bool pipe_open(Chardev *chr, QemuOpts *opts, Error **errp)
{
    const char *path = need_path(chr, opts, errp);
    g_autofree char *in = NULL, *out = NULL;
    int fd_in, fd_out;

    if (!path) {
        return false;
    }
    /* O_RDWR: opening a FIFO does not wait for the peer, and we never get EOF. */
    in = g_strdup_printf("%s.in", path);
    out = g_strdup_printf("%s.out", path);
    fd_in = open(in, O_RDWR | O_CLOEXEC);
    fd_out = open(out, O_RDWR | O_CLOEXEC);
    if (fd_in < 0 || fd_out < 0) {
        if (fd_in >= 0) {
            close(fd_in);
        }
        if (fd_out >= 0) {
            close(fd_out);
        }
        fd_in = fd_out = open(path, O_RDWR | O_CLOEXEC);
        if (fd_in < 0) {
            error_setg_errno(errp, errno, "Could not open '%s'", path);
            return false;
        }
    }
    qemu_set_nonblock(fd_in, NULL);
    qemu_set_nonblock(fd_out, NULL);
    chr->be_open = true;
    qemu_chr_set_filename(chr, "pipe:%s", path);
    qemu_chr_fd_set(chr, fd_in, fd_out);
    return true;
}

const ChardevDriver char_pipe_driver = {
    .name = "pipe",
    .help = "path=PATH: FIFOs PATH.in/PATH.out (or PATH)",
    .instance_size = sizeof(Chardev),
    .opts = pipe_opts,
    .open = pipe_open,
    .finalize = close_fds,
};

/*
 * stdio: stdin/stdout. Only one may exist (it owns the terminal). With a
 * terminal on stdin, raw mode is on while it exists (ISIG kept unless
 * signal=off); finalize and an atexit hook restore the saved settings.
 */

static const char *const stdio_opts[] = { "signal", NULL };
static bool stdio_in_use;
static bool stdio_tty_saved;
static struct termios stdio_saved_tty;
static int stdio_saved_flags = -1;

static void stdio_restore(void)
{
    if (stdio_tty_saved) {
        tcsetattr(0, TCSANOW, &stdio_saved_tty);
        stdio_tty_saved = false;
    }
    if (stdio_saved_flags >= 0) {
        fcntl(0, F_SETFL, stdio_saved_flags);
        stdio_saved_flags = -1;
    }
}

static bool stdio_open(Chardev *chr, QemuOpts *opts, Error **errp)
{
    static bool atexit_done;
    Error *local_err = NULL;
    bool sig;

    if (stdio_in_use) {
        error_setg(errp, "cannot use stdio by multiple character devices");
        return false;
    }
    sig = qemu_opt_get_bool(opts, "signal", true, &local_err);
    if (local_err) {
        error_propagate(errp, local_err);
        return false;
    }
    if (!atexit_done) {
        atexit(stdio_restore);
        atexit_done = true;
    }
    if (isatty(0) && tcgetattr(0, &stdio_saved_tty) == 0) {
        struct termios tty = stdio_saved_tty;

        stdio_tty_saved = true;
        tty.c_iflag &= ~(IGNBRK | BRKINT | PARMRK | ISTRIP | INLCR | IGNCR | ICRNL | IXON);
        tty.c_oflag |= OPOST;
        tty.c_lflag &= ~(ECHO | ECHONL | ICANON | IEXTEN);
        if (!sig) {
            tty.c_lflag &= ~ISIG;
        }
        tty.c_cflag &= ~(CSIZE | PARENB);
        tty.c_cflag |= CS8;
        tty.c_cc[VMIN] = 1;
        tty.c_cc[VTIME] = 0;
        tcsetattr(0, TCSANOW, &tty);
    }
    stdio_saved_flags = fcntl(0, F_GETFL);
    if (stdio_saved_flags >= 0) {
        fcntl(0, F_SETFL, stdio_saved_flags | O_NONBLOCK);
    }
    stdio_in_use = true;
    chr->be_open = true;
    qemu_chr_set_filename(chr, "stdio");
    qemu_chr_fd_set(chr, 0, 1);
    return true;
}

/* stdout stays blocking (other output shares it): write everything. */
static int stdio_write(Chardev *chr, const uint8_t *buf, int len)
{
    int done = 0;

    while (done < len) {
        ssize_t n = write(1, buf + done, len - done);

        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0 && errno == EAGAIN) {
            struct pollfd pfd = { .fd = 1, .events = POLLOUT };

            poll(&pfd, 1, -1);
            continue;
        }
        if (n <= 0) {
            return done ? done : -1;
        }
        done += n;
    }
    return len;
}

static void stdio_finalize(Chardev *chr)
{
    stdio_restore();
    stdio_in_use = false;
}

const ChardevDriver char_stdio_driver = {
    .name = "stdio",
    .help = "[signal=on|off]: standard input/output",
    .instance_size = sizeof(Chardev),
    .opts = stdio_opts,
    .open = stdio_open,
    .write = stdio_write,
    .finalize = stdio_finalize,
};

/*
 * pty: a pseudo-terminal whose slave name is printed. The backend is open
 * only while someone holds the slave open: a hung-up master is polled
 * every PTY_POLL_MS; output while nobody listens is dropped.
 */

#define PTY_POLL_MS 100

typedef struct PtyChardev {
    Chardev parent;
    int master;
    GSource *timer;
} PtyChardev;

static bool pty_hung_up(PtyChardev *p)
{
    struct pollfd pfd = { .fd = p->master, .events = POLLIN };

    return poll(&pfd, 1, 0) > 0 && (pfd.revents & POLLHUP);
}

static void pty_set_connected(PtyChardev *p, bool connected);

static gboolean pty_poll_timer(gpointer opaque)
{
    PtyChardev *p = opaque;

    if (!pty_hung_up(p)) {
        pty_set_connected(p, true);
        return G_SOURCE_REMOVE;
    }
    return G_SOURCE_CONTINUE;
}

static void pty_set_connected(PtyChardev *p, bool connected)
{
    Chardev *chr = &p->parent;

    if (connected) {
        if (p->timer) {
            g_source_destroy(p->timer);
            g_source_unref(p->timer);
            p->timer = NULL;
        }
        qemu_chr_fd_set(chr, p->master, p->master);
        qemu_chr_be_event(chr, CHR_EVENT_OPENED);
        return;
    }
    chr->fd_in = chr->fd_out = -1;
    qemu_chr_fd_remove_read(chr);
    if (!p->timer) {
        p->timer = g_timeout_source_new(PTY_POLL_MS);
        g_source_set_callback(p->timer, pty_poll_timer, p, NULL);
        g_source_attach(p->timer, chr->context);
    }
    qemu_chr_be_event(chr, CHR_EVENT_CLOSED);
}

static bool pty_open(Chardev *chr, QemuOpts *opts, Error **errp)
{
    PtyChardev *p = (PtyChardev *)chr;
    struct termios tty;
    const char *name;
    int slave;

    p->master = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (p->master < 0 || grantpt(p->master) < 0 || unlockpt(p->master) < 0 ||
        !(name = ptsname(p->master))) {
        error_setg_errno(errp, errno, "chardev '%s': cannot create a pty", chr->label);
        if (p->master >= 0) {
            close(p->master);
        }
        p->master = -1;
        return false;
    }
    /* Raw mode on the slave side so that bytes pass unchanged. */
    slave = open(name, O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (slave >= 0) {
        if (tcgetattr(slave, &tty) == 0) {
            cfmakeraw(&tty);
            tcsetattr(slave, TCSANOW, &tty);
        }
        close(slave);
    }
    qemu_set_nonblock(p->master, NULL);
    qemu_chr_set_filename(chr, "pty:%s", name);
    info_report("char device redirected to %s (label %s)", name, chr->label);
    pty_set_connected(p, false);
    return true;
}

static int pty_write(Chardev *chr, const uint8_t *buf, int len)
{
    PtyChardev *p = (PtyChardev *)chr;

    if (!chr->be_open) {
        if (pty_hung_up(p)) {
            return len;     /* nobody listens: dropped */
        }
        pty_set_connected(p, true);
    }
    return qemu_chr_fd_write(chr, buf, len);
}

static GSource *pty_add_watch(Chardev *chr, GIOCondition cond)
{
    PtyChardev *p = (PtyChardev *)chr;

    return g_unix_fd_source_new(p->master, cond);
}

static void pty_read_eof(Chardev *chr)
{
    pty_set_connected((PtyChardev *)chr, false);
}

static void pty_finalize(Chardev *chr)
{
    PtyChardev *p = (PtyChardev *)chr;

    if (p->timer) {
        g_source_destroy(p->timer);
        g_source_unref(p->timer);
    }
    if (p->master >= 0) {
        close(p->master);
    }
}

const ChardevDriver char_pty_driver = {
    .name = "pty",
    .help = "a new pseudo-terminal (its name is printed)",
    .instance_size = sizeof(PtyChardev),
    .open = pty_open,
    .write = pty_write,
    .add_watch = pty_add_watch,
    .read_eof = pty_read_eof,
    .finalize = pty_finalize,
};
