/*
 * qtest: the line protocol that drives an emulator from a test program
 * (facts in ../shared/spec/monitor-qtest.md), and the qtest accelerator
 * (no guest code runs; the virtual clock moves only on request).
 *
 * The protocol engine is a QTestSession: bytes go in through
 * qtest_session_feed(), one reply line per request line comes out through
 * the session's send callback, plus unprompted "IRQ raise N" / "IRQ lower N"
 * lines once interrupts are intercepted. The server (-qtest CHARDEV) is a
 * session bound to a chardev; fuzzers and unit tests make their own.
 */
#ifndef SYSTEM_QTEST_H
#define SYSTEM_QTEST_H

#include "qemu/osdep.h"
#include "qapi/error.h"

#define TYPE_QTEST_ACCEL "qtest-accel"

/* A line longer than this without a newline is answered FAIL and dropped. */
#define QTEST_MAX_LINE (1024 * 1024)
/* The largest SIZE read/write/b64read/b64write/memset accept. */
#define QTEST_MAX_XFER (16 * 1024 * 1024)

/* True when the qtest accelerator is the one in use. */
bool qtest_enabled(void);

/*
 * Starts the server on the chardev SPEC ("unix:PATH" and friends) and,
 * when LOG_PATH is non-NULL (and not "none"), logs every request as
 * "[R +t] line" and every line sent as "[S +t] line", t in seconds since
 * the server started. Errors name the option and the value
 * ("-qtest-log /x/y: cannot open: ...").
 */
bool qtest_server_init(const char *spec, const char *log_path, Error **errp);
/* Stops the server and forgets all interceptions; safe to call twice. */
void qtest_server_cleanup(void);

/* Receives complete lines (with their '\n'); LEN > 0. */
typedef void QTestSendFunc(void *opaque, const char *buf, size_t len);
typedef struct QTestSession QTestSession;

QTestSession *qtest_session_new(QTestSendFunc *send, void *opaque);
/* LOG (or NULL) receives the [R]/[S] lines; the caller keeps ownership. */
void qtest_session_set_log(QTestSession *s, FILE *log);
void qtest_session_free(QTestSession *s);
/*
 * Feeds input bytes: each complete line is processed at once; an
 * incomplete one is kept for the next call (at most QTEST_MAX_LINE bytes:
 * beyond that FAIL is sent once and input is dropped up to the next newline).
 */
void qtest_session_feed(QTestSession *s, const uint8_t *buf, size_t len);
/* Drops a partial line (the peer went away). */
void qtest_session_reset_input(QTestSession *s);
/* Processes one request (without its newline) and sends its reply. */
void qtest_process_line(QTestSession *s, const char *line);

#endif
