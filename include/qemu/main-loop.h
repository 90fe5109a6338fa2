/*
 * The main loop: GLib's default GMainContext, plus the timers, plus the big
 * lock (BQL) that serializes device access between the main-loop thread and
 * the vCPU thread.
 */
#ifndef QEMU_MAIN_LOOP_H
#define QEMU_MAIN_LOOP_H

#include "qemu/osdep.h"
#include "qapi/error.h"

/*
 * Sets up the default GMainContext: a GSource that runs expired timers and
 * whose timeout is the nearest timer deadline, and a poll function that
 * drops the BQL while polling. Also ignores SIGPIPE (writes to a closed
 * pipe or socket report EPIPE instead). Idempotent; returns true.
 */
bool qemu_init_main_loop(Error **errp);

/*
 * One main-loop iteration: polls (blocking unless NONBLOCKING, at most
 * until the next timer deadline), dispatches ready sources, runs expired
 * timers. If the caller holds the BQL it is released only while polling.
 */
void main_loop_wait(bool nonblocking);

/* Wakes a main loop that is polling; callable from any thread. */
void qemu_notify_event(void);

/*
 * The big lock. Not recursive: locking it twice from one thread, or
 * unlocking it without holding it, aborts.
 */
void bql_lock(void);
void bql_unlock(void);
/* True when the calling thread holds the BQL. */
bool bql_locked(void);
/* Waits on COND, releasing the BQL (which the caller holds) meanwhile. */
void bql_cond_wait(GCond *cond);

typedef void IOHandler(void *opaque);

/*
 * Calls FD_READ when FD is readable (or hung up) and FD_WRITE when it is
 * writable, from the main loop. Replaces any previous handlers for FD;
 * both NULL removes them.
 */
void qemu_set_fd_handler(int fd, IOHandler *fd_read, IOHandler *fd_write,
                         void *opaque);

#endif
