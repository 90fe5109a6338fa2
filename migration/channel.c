/*
 * Migration transports: see channel.h.
 */
#include "qemu/osdep.h"
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include "monitor/monitor.h"
#include "channel.h"

/* Splits "HOST:PORT" / "[V6]:PORT"; HOST may be empty. */
static bool split_host_port(const char *uri, const char *hp, char **host, char **port,
                            Error **errp)
{
    const char *colon;

    if (hp[0] == '[') {
        const char *end = strchr(hp, ']');

        if (!end || end[1] != ':') {
            error_setg(errp, "migration URI '%s': expected [ADDRESS]:PORT", uri);
            return false;
        }
        *host = g_strndup(hp + 1, end - hp - 1);
        colon = end + 1;
    } else {
        colon = strrchr(hp, ':');
        if (!colon) {
            error_setg(errp, "migration URI '%s': expected HOST:PORT", uri);
            return false;
        }
        *host = g_strndup(hp, colon - hp);
    }
    if (!colon[1]) {
        error_setg(errp, "migration URI '%s': the port is missing", uri);
        g_free(*host);
        return false;
    }
    *port = g_strdup(colon + 1);
    return true;
}

static bool parse_file(const char *uri, char **path, uint64_t *offset, Error **errp)
{
    const char *spec = uri + strlen("file:");
    const char *comma = strstr(spec, ",offset=");

    *offset = 0;
    if (comma) {
        const char *num = comma + strlen(",offset=");
        char *end;

        errno = 0;
        *offset = g_ascii_strtoull(num, &end, 0);
        if (!*num || *end || errno) {
            error_setg(errp, "migration URI '%s': bad offset '%s'", uri, num);
            return false;
        }
        *path = g_strndup(spec, comma - spec);
    } else {
        *path = g_strdup(spec);
    }
    if (!**path) {
        error_setg(errp, "migration URI '%s': the file name is missing", uri);
        g_free(*path);
        return false;
    }
    return true;
}

bool migration_uri_check(const char *uri, MigTransport *transport, Error **errp)
{
    MigTransport t;

    if (g_str_has_prefix(uri, "tcp:")) {
        g_autofree char *host = NULL;
        g_autofree char *port = NULL;

        if (!split_host_port(uri, uri + 4, &host, &port, errp)) {
            return false;
        }
        t = MIG_TRANSPORT_TCP;
    } else if (g_str_has_prefix(uri, "unix:")) {
        if (!uri[5]) {
            error_setg(errp, "migration URI '%s': the socket path is missing", uri);
            return false;
        }
        t = MIG_TRANSPORT_UNIX;
    } else if (g_str_has_prefix(uri, "exec:")) {
        if (!uri[5]) {
            error_setg(errp, "migration URI '%s': the command is missing", uri);
            return false;
        }
        t = MIG_TRANSPORT_EXEC;
    } else if (g_str_has_prefix(uri, "file:")) {
        g_autofree char *path = NULL;
        uint64_t offset;

        if (!parse_file(uri, &path, &offset, errp)) {
            return false;
        }
        t = MIG_TRANSPORT_FILE;
    } else if (g_str_has_prefix(uri, "fd:")) {
        if (!uri[3]) {
            error_setg(errp, "migration URI '%s': the descriptor name is missing", uri);
            return false;
        }
        t = MIG_TRANSPORT_FD;
    } else {
        error_setg(errp, "migration URI '%s': unknown transport (use tcp:, unix:, "
                   "exec:, fd: or file:)", uri);
        return false;
    }
    if (transport) {
        *transport = t;
    }
    return true;
}

static int unix_socket(const char *uri, struct sockaddr_un *sun, Error **errp)
{
    const char *path = uri + strlen("unix:");
    int fd;

    memset(sun, 0, sizeof(*sun));
    sun->sun_family = AF_UNIX;
    if (strlen(path) >= sizeof(sun->sun_path)) {
        error_setg(errp, "migration URI '%s': the socket path is too long", uri);
        return -1;
    }
    strcpy(sun->sun_path, path);
    fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        error_setg_errno(errp, errno, "migration URI '%s': socket", uri);
    }
    return fd;
}

/* A socket connected (LISTEN false) or listening on URI's tcp address. */
static int tcp_socket(const char *uri, bool listen_on, Error **errp)
{
    g_autofree char *host = NULL;
    g_autofree char *port = NULL;
    struct addrinfo hints = { .ai_socktype = SOCK_STREAM };
    struct addrinfo *res, *ai;
    int fd = -1, rc, err = 0;

    if (!split_host_port(uri, uri + 4, &host, &port, errp)) {
        return -1;
    }
    hints.ai_flags = listen_on ? AI_PASSIVE : 0;
    rc = getaddrinfo(*host ? host : NULL, port, &hints, &res);
    if (rc) {
        error_setg(errp, "migration URI '%s': cannot resolve '%s': %s", uri, host,
                   gai_strerror(rc));
        return -1;
    }
    for (ai = res; ai; ai = ai->ai_next) {
        fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC, ai->ai_protocol);
        if (fd < 0) {
            err = errno;
            continue;
        }
        if (listen_on) {
            int on = 1;

            setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof(on));
            if (bind(fd, ai->ai_addr, ai->ai_addrlen) == 0 && listen(fd, 1) == 0) {
                break;
            }
        } else if (connect(fd, ai->ai_addr, ai->ai_addrlen) == 0) {
            int on = 1;

            setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof(on));
            break;
        }
        err = errno;
        close(fd);
        fd = -1;
    }
    freeaddrinfo(res);
    if (fd < 0) {
        error_setg_errno(errp, err, "migration URI '%s': cannot %s", uri,
                         listen_on ? "listen" : "connect");
    }
    return fd;
}

static bool spawn_exec(const char *uri, bool outgoing, MigChannel *ch, Error **errp)
{
    const char *argv[] = { "/bin/sh", "-c", uri + strlen("exec:"), NULL };
    GError *gerr = NULL;
    int fd = -1;

    if (!g_spawn_async_with_pipes(NULL, (char **)argv, NULL,
                                  G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL, &ch->pid,
                                  outgoing ? &fd : NULL, outgoing ? NULL : &fd, NULL,
                                  &gerr)) {
        error_setg(errp, "migration URI '%s': cannot run the command: %s", uri,
                   gerr->message);
        g_error_free(gerr);
        return false;
    }
    ch->fd = fd;
    return true;
}

static bool open_file(const char *uri, bool outgoing, MigChannel *ch, Error **errp)
{
    g_autofree char *path = NULL;
    uint64_t offset;
    int fd;

    if (!parse_file(uri, &path, &offset, errp)) {
        return false;
    }
    fd = outgoing ? open(path, O_WRONLY | O_CREAT | O_CLOEXEC | (offset ? 0 : O_TRUNC), 0600)
                  : open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        error_setg_errno(errp, errno, "migration URI '%s': cannot open '%s'", uri, path);
        return false;
    }
    if (lseek(fd, offset, SEEK_SET) < 0) {
        error_setg_errno(errp, errno, "migration URI '%s': cannot seek to %" PRIu64,
                         uri, offset);
        close(fd);
        return false;
    }
    ch->fd = fd;
    return true;
}

/* fd:N (inherited) or fd:NAME (getfd); sockets get the return path. */
static bool open_fd(const char *uri, MigChannel *ch, Error **errp)
{
    const char *name = uri + strlen("fd:");
    int type;
    socklen_t len = sizeof(type);

    if (g_ascii_isdigit(name[0])) {
        char *end;
        long n = strtol(name, &end, 10);

        if (*end || n > INT_MAX || fcntl((int)n, F_GETFD) < 0) {
            error_setg(errp, "migration URI '%s': %s is not an open descriptor", uri, name);
            return false;
        }
        ch->fd = (int)n;
    } else {
        ch->fd = monitor_fd_take(name, errp);
        if (ch->fd < 0) {
            return false;
        }
    }
    ch->is_socket = getsockopt(ch->fd, SOL_SOCKET, SO_TYPE, &type, &len) == 0 &&
                    type == SOCK_STREAM;
    return true;
}

bool migration_channel_connect(const char *uri, MigChannel *ch, Error **errp)
{
    struct sockaddr_un sun;

    memset(ch, 0, sizeof(*ch));
    ch->fd = -1;
    if (!migration_uri_check(uri, &ch->transport, errp)) {
        return false;
    }
    ch->is_socket = ch->transport == MIG_TRANSPORT_TCP || ch->transport == MIG_TRANSPORT_UNIX;
    switch (ch->transport) {
    case MIG_TRANSPORT_TCP:
        ch->fd = tcp_socket(uri, false, errp);
        return ch->fd >= 0;
    case MIG_TRANSPORT_UNIX:
        ch->fd = unix_socket(uri, &sun, errp);
        if (ch->fd < 0) {
            return false;
        }
        if (connect(ch->fd, (struct sockaddr *)&sun, sizeof(sun)) < 0) {
            error_setg_errno(errp, errno, "migration URI '%s': cannot connect", uri);
            close(ch->fd);
            ch->fd = -1;
            return false;
        }
        return true;
    case MIG_TRANSPORT_EXEC:
        return spawn_exec(uri, true, ch, errp);
    case MIG_TRANSPORT_FILE:
        return open_file(uri, true, ch, errp);
    case MIG_TRANSPORT_FD:
        return open_fd(uri, ch, errp);
    }
    return false;
}

int migration_channel_listen(const char *uri, Error **errp)
{
    MigTransport t;
    struct sockaddr_un sun;
    int fd;

    if (!migration_uri_check(uri, &t, errp)) {
        return -1;
    }
    if (t == MIG_TRANSPORT_TCP) {
        return tcp_socket(uri, true, errp);
    }
    assert(t == MIG_TRANSPORT_UNIX);
    fd = unix_socket(uri, &sun, errp);
    if (fd < 0) {
        return -1;
    }
    unlink(sun.sun_path);
    if (bind(fd, (struct sockaddr *)&sun, sizeof(sun)) < 0 || listen(fd, 1) < 0) {
        error_setg_errno(errp, errno, "migration URI '%s': cannot listen", uri);
        close(fd);
        return -1;
    }
    return fd;
}

bool migration_channel_open_incoming(const char *uri, MigChannel *ch, Error **errp)
{
    memset(ch, 0, sizeof(*ch));
    ch->fd = -1;
    if (!migration_uri_check(uri, &ch->transport, errp)) {
        return false;
    }
    if (ch->transport == MIG_TRANSPORT_EXEC) {
        return spawn_exec(uri, false, ch, errp);
    }
    if (ch->transport == MIG_TRANSPORT_FD) {
        return open_fd(uri, ch, errp);
    }
    assert(ch->transport == MIG_TRANSPORT_FILE);
    return open_file(uri, false, ch, errp);
}

void migration_channel_close(MigChannel *ch)
{
    if (ch->fd >= 0) {
        close(ch->fd);
        ch->fd = -1;
    }
    if (ch->pid) {
        int status;

        waitpid(ch->pid, &status, 0);
        g_spawn_close_pid(ch->pid);
        ch->pid = 0;
    }
}
