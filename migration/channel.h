/*
 * Migration transports (private to migration/): the URIs of
 * shared/spec/monitor-qtest.md turned into file descriptors.
 *
 *   tcp:HOST:PORT       socket (HOST may be [v6addr]; empty = any on listen)
 *   unix:PATH           socket
 *   exec:CMD            "sh -c CMD": its stdin (outgoing) or stdout (incoming)
 *   file:PATH[,offset=N]  a regular file, the stream starting at byte N
 *   fd:NAME             a descriptor named by the monitor's getfd (taken)
 *   fd:N                descriptor N, inherited from the parent process
 */
#ifndef MIGRATION_CHANNEL_H
#define MIGRATION_CHANNEL_H

#include "qemu/osdep.h"
#include "qapi/error.h"

typedef enum MigTransport {
    MIG_TRANSPORT_TCP,
    MIG_TRANSPORT_UNIX,
    MIG_TRANSPORT_EXEC,
    MIG_TRANSPORT_FILE,
    MIG_TRANSPORT_FD,
} MigTransport;

typedef struct MigChannel {
    int fd;
    MigTransport transport;
    bool is_socket;     /* two-way: the return path is possible */
    GPid pid;           /* exec: the child, else 0 */
} MigChannel;

/* Checks URI's scheme and syntax (errors name the URI). */
bool migration_uri_check(const char *uri, MigTransport *transport, Error **errp);
/*
 * Outgoing: a connected socket, a pipe to the command, the file or the
 * passed descriptor. fd:NAME takes the monitor's descriptor: call it from
 * the main thread (with the BQL).
 */
bool migration_channel_connect(const char *uri, MigChannel *ch, Error **errp);
/* Incoming tcp/unix: a listening socket (non-blocking accept is the caller's). */
int migration_channel_listen(const char *uri, Error **errp);
/* Incoming exec/file/fd: the fd to read the stream from. */
bool migration_channel_open_incoming(const char *uri, MigChannel *ch, Error **errp);
/* Closes the fd and reaps an exec child. */
void migration_channel_close(MigChannel *ch);

#endif
