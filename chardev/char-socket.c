/*
 * socket chardev: unix or tcp, server or client, one peer at a time.
 *
 * A server listens; with wait=on (the default) creation blocks until the
 * first client connects. While a client is connected no other is accepted
 * (they queue in the backlog); after it leaves, the next is accepted. A
 * client connects at creation (failure is an error) unless reconnect=S is
 * given, in which case it retries every S seconds, also after a disconnect.
 * Connect and disconnect send CHR_EVENT_OPENED / CHR_EVENT_CLOSED.
 */
#include "qemu/osdep.h"
#include "chardev/char.h"

#include <glib-unix.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>

typedef struct SocketChardev {
    Chardev parent;
    bool is_unix;
    bool is_server;
    bool nodelay;
    int family;                 /* AF_UNSPEC, or AF_INET / AF_INET6 (ipv4=on / ipv6=on) */
    char *path;
    char *host;
    char *port;
    int reconnect_s;
    int listen_fd;
    int fd;                     /* connected peer, -1 when none */
    GSource *listen_source;
    GSource *reconnect_source;
    char *addr_desc;            /* "unix:PATH,server=on" */
} SocketChardev;

static const char *const socket_opts[] = {
    "path", "host", "port", "server", "wait", "nowait", "nodelay", "reconnect",
    "ipv4", "ipv6", NULL
};

static void socket_update_filename(SocketChardev *s)
{
    qemu_chr_set_filename(&s->parent, "%s%s", s->fd >= 0 ? "" : "disconnected:",
                          s->addr_desc);
}

static void socket_start_listen(SocketChardev *s);
static void socket_schedule_reconnect(SocketChardev *s);

static void socket_connected(SocketChardev *s, int fd)
{
    Chardev *chr = &s->parent;
    int one = 1;

    s->fd = fd;
    qemu_set_nonblock(fd, NULL);
    if (!s->is_unix && s->nodelay) {
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
    }
    socket_update_filename(s);
    chr->recv_fds = s->is_unix;
    qemu_chr_fd_set(chr, fd, fd);
    qemu_chr_be_event(chr, CHR_EVENT_OPENED);
}

static void socket_disconnect(SocketChardev *s)
{
    Chardev *chr = &s->parent;

    if (s->fd < 0) {
        return;
    }
    qemu_chr_fd_remove_read(chr);
    close(s->fd);
    s->fd = -1;
    chr->fd_in = chr->fd_out = -1;
    if (chr->msgfd >= 0) {
        close(chr->msgfd);      /* sent by the client that left */
        chr->msgfd = -1;
    }
    socket_update_filename(s);
    if (s->is_server) {
        socket_start_listen(s);
    } else if (s->reconnect_s > 0) {
        socket_schedule_reconnect(s);
    }
    qemu_chr_be_event(chr, CHR_EVENT_CLOSED);
}

static gboolean socket_accept(gint fd, GIOCondition cond, gpointer opaque)
{
    SocketChardev *s = opaque;
    int cfd = accept4(s->listen_fd, NULL, NULL, SOCK_CLOEXEC);

    if (cfd < 0) {
        return G_SOURCE_CONTINUE;
    }
    g_source_unref(s->listen_source);
    s->listen_source = NULL;
    socket_connected(s, cfd);
    return G_SOURCE_REMOVE;
}

static void socket_start_listen(SocketChardev *s)
{
    if (s->listen_source) {
        return;
    }
    s->listen_source = g_unix_fd_source_new(s->listen_fd, G_IO_IN);
    g_source_set_callback(s->listen_source, G_SOURCE_FUNC(socket_accept), s, NULL);
    g_source_attach(s->listen_source, s->parent.context);
}

/* Returns a connected (or, for a server, listening) fd, or -1 with ERRP set. */
static int socket_unix_fd(SocketChardev *s, Error **errp)
{
    struct sockaddr_un sa = { .sun_family = AF_UNIX };
    int fd;

    if (strlen(s->path) >= sizeof(sa.sun_path)) {
        error_setg(errp, "UNIX socket path '%s' is too long", s->path);
        return -1;
    }
    strcpy(sa.sun_path, s->path);
    fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        error_setg_errno(errp, errno, "Failed to create socket");
        return -1;
    }
    if (s->is_server) {
        unlink(s->path);    /* a stale socket from an earlier run */
        if (bind(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
            error_setg_errno(errp, errno, "Failed to bind socket to %s", s->path);
            goto fail;
        }
        if (listen(fd, 1) < 0) {
            error_setg_errno(errp, errno, "Failed to listen on socket %s", s->path);
            goto fail;
        }
    } else if (connect(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
        error_setg_errno(errp, errno, "Failed to connect to '%s'", s->path);
        goto fail;
    }
    return fd;
fail:
    close(fd);
    return -1;
}

static int socket_inet_fd(SocketChardev *s, Error **errp)
{
    struct addrinfo hints = {
        .ai_socktype = SOCK_STREAM,
        .ai_flags = s->is_server ? AI_PASSIVE : 0,
        .ai_family = s->family,
    };
    struct addrinfo *res, *ai;
    const char *host = s->host;
    int fd = -1, err = 0, rc, one = 1;

    if (!host && !s->is_server) {
        host = "localhost";
    }
    rc = getaddrinfo(host, s->port, &hints, &res);
    if (rc) {
        error_setg(errp, "address resolution failed for %s:%s: %s",
                   host ? host : "", s->port, gai_strerror(rc));
        return -1;
    }
    for (ai = res; ai; ai = ai->ai_next) {
        fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC, ai->ai_protocol);
        if (fd < 0) {
            err = errno;
            continue;
        }
        if (s->is_server) {
            setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
            if (bind(fd, ai->ai_addr, ai->ai_addrlen) == 0 && listen(fd, 1) == 0) {
                break;
            }
        } else if (connect(fd, ai->ai_addr, ai->ai_addrlen) == 0) {
            break;
        }
        err = errno;
        close(fd);
        fd = -1;
    }
    freeaddrinfo(res);
    if (fd < 0) {
        error_setg_errno(errp, err, "Failed to %s '%s:%s'",
                         s->is_server ? "bind socket to" : "connect to",
                         host ? host : "", s->port);
    }
    return fd;
}

static int socket_make_fd(SocketChardev *s, Error **errp)
{
    return s->is_unix ? socket_unix_fd(s, errp) : socket_inet_fd(s, errp);
}

static gboolean socket_reconnect(gpointer opaque)
{
    SocketChardev *s = opaque;
    int fd = socket_make_fd(s, NULL);

    if (fd < 0) {
        return G_SOURCE_CONTINUE;
    }
    g_source_unref(s->reconnect_source);
    s->reconnect_source = NULL;
    socket_connected(s, fd);
    return G_SOURCE_REMOVE;
}

static void socket_schedule_reconnect(SocketChardev *s)
{
    if (s->reconnect_source) {
        return;
    }
    s->reconnect_source = g_timeout_source_new_seconds(s->reconnect_s);
    g_source_set_callback(s->reconnect_source, socket_reconnect, s, NULL);
    g_source_attach(s->reconnect_source, s->parent.context);
}

static bool get_bool(QemuOpts *opts, const char *name, bool def, bool *ok, Error **errp)
{
    Error *local_err = NULL;
    bool v = qemu_opt_get_bool(opts, name, def, &local_err);

    if (local_err) {
        if (*ok) {
            error_propagate(errp, local_err);
        } else {
            error_free(local_err);
        }
        *ok = false;
    }
    return v;
}

static bool socket_open(Chardev *chr, QemuOpts *opts, Error **errp)
{
    SocketChardev *s = (SocketChardev *)chr;
    const char *path = qemu_opt_get(opts, "path");
    const char *port = qemu_opt_get(opts, "port");
    bool ok = true, wait;
    Error *local_err = NULL;

    s->fd = s->listen_fd = -1;
    s->is_server = get_bool(opts, "server", false, &ok, errp);
    wait = get_bool(opts, "wait", true, &ok, errp);
    if (qemu_opt_has(opts, "nowait")) {
        wait = !get_bool(opts, "nowait", true, &ok, errp);
    }
    s->nodelay = get_bool(opts, "nodelay", false, &ok, errp);
    if (get_bool(opts, "ipv4", false, &ok, errp)) {
        s->family = AF_INET;
    } else if (get_bool(opts, "ipv6", false, &ok, errp)) {
        s->family = AF_INET6;
    }
    s->reconnect_s = qemu_opt_get_number(opts, "reconnect", 0, &local_err);
    if (!ok) {
        error_free(local_err);
        return false;
    }
    if (local_err) {
        error_propagate(errp, local_err);
        return false;
    }
    if (path && port) {
        error_setg(errp, "chardev '%s': 'path' and 'port' are mutually exclusive",
                   chr->label);
        return false;
    }
    if (!path && !port) {
        error_setg(errp, "chardev '%s': socket needs 'path' or 'port'", chr->label);
        return false;
    }
    if (s->is_server && s->reconnect_s) {
        error_setg(errp, "chardev '%s': 'reconnect' is for clients only", chr->label);
        return false;
    }
    s->is_unix = path != NULL;
    s->path = g_strdup(path);
    s->host = g_strdup(qemu_opt_get(opts, "host"));
    s->port = g_strdup(port);
    if (s->is_unix) {
        s->addr_desc = g_strdup_printf("unix:%s%s", path, s->is_server ? ",server=on" : "");
    } else {
        s->addr_desc = g_strdup_printf("tcp:%s:%s%s", s->host ? s->host : "", port,
                                       s->is_server ? ",server=on" : "");
    }
    socket_update_filename(s);

    if (s->is_server) {
        s->listen_fd = socket_make_fd(s, errp);
        if (s->listen_fd < 0) {
            return false;
        }
        if (wait) {
            int cfd;

            info_report("waiting for connection on: %s", chr->filename);
            do {
                cfd = accept4(s->listen_fd, NULL, NULL, SOCK_CLOEXEC);
            } while (cfd < 0 && errno == EINTR);
            if (cfd < 0) {
                error_setg_errno(errp, errno, "chardev '%s': accept failed", chr->label);
                return false;
            }
            socket_connected(s, cfd);
        } else {
            socket_start_listen(s);
        }
        return true;
    }
    {
        int fd = socket_make_fd(s, s->reconnect_s ? NULL : errp);

        if (fd >= 0) {
            socket_connected(s, fd);
        } else if (s->reconnect_s) {
            socket_schedule_reconnect(s);
        } else {
            return false;
        }
    }
    return true;
}

/*
 * Without a peer the bytes are dropped (LEN). A peer that went away is
 * disconnected here; its bytes are dropped too.
 */
static int socket_write(Chardev *chr, const uint8_t *buf, int len)
{
    SocketChardev *s = (SocketChardev *)chr;
    ssize_t n;

    if (s->fd < 0) {
        return len;
    }
    do {
        n = send(s->fd, buf, len, MSG_NOSIGNAL);
    } while (n < 0 && errno == EINTR);
    if (n >= 0) {
        return n;
    }
    if (errno == EAGAIN) {
        return 0;
    }
    socket_disconnect(s);
    return len;
}

static GSource *socket_add_watch(Chardev *chr, GIOCondition cond)
{
    SocketChardev *s = (SocketChardev *)chr;

    return s->fd >= 0 ? g_unix_fd_source_new(s->fd, cond) : NULL;
}

static void socket_wait_writable(Chardev *chr)
{
    SocketChardev *s = (SocketChardev *)chr;
    struct pollfd pfd = { .fd = s->fd, .events = POLLOUT };

    if (s->fd >= 0) {
        poll(&pfd, 1, -1);
    }
}

static void socket_read_eof(Chardev *chr)
{
    socket_disconnect((SocketChardev *)chr);
}

static void destroy_source(GSource **src)
{
    if (*src) {
        g_source_destroy(*src);
        g_source_unref(*src);
        *src = NULL;
    }
}

static void socket_finalize(Chardev *chr)
{
    SocketChardev *s = (SocketChardev *)chr;

    destroy_source(&s->listen_source);
    destroy_source(&s->reconnect_source);
    if (s->fd >= 0) {
        close(s->fd);
    }
    if (s->listen_fd >= 0) {
        close(s->listen_fd);
        if (s->is_unix) {
            unlink(s->path);
        }
    }
    g_free(s->path);
    g_free(s->host);
    g_free(s->port);
    g_free(s->addr_desc);
}

const ChardevDriver char_socket_driver = {
    .name = "socket",
    .help = "path=P|host=H,port=N[,server=on][,wait=off][,nodelay=on][,reconnect=S]",
    .instance_size = sizeof(SocketChardev),
    .opts = socket_opts,
    .open = socket_open,
    .write = socket_write,
    .add_watch = socket_add_watch,
    .wait_writable = socket_wait_writable,
    .read_eof = socket_read_eof,
    .finalize = socket_finalize,
};
