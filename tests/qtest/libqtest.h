/*
 * libqtest: drives a ferry-system-* process through the qtest protocol and
 * QMP, the way QEMU's device tests drive QEMU (same function names, so
 * tests read familiarly; the code is ours).
 *
 * The binary comes from QTEST_FERRY_BINARY (meson sets it) or
 * QTEST_QEMU_BINARY. The test creates two listening unix sockets; the
 * emulator connects to both. With QTEST_LOG set, the qtest log goes to
 * stderr. Every helper asserts: a FAIL reply, a QMP error where success was
 * expected, or an emulator that died ends the test with a message.
 */
#ifndef TESTS_QTEST_LIBQTEST_H
#define TESTS_QTEST_LIBQTEST_H

#include <glib.h>
#include <json-glib/json-glib.h>
#include <stdbool.h>
#include <stdint.h>

typedef struct QTestState QTestState;

/* The emulator binary to test (aborts the test when none is set). */
const char *qtest_get_binary(void);

/*
 * Starts the emulator with EXTRA_ARGS (shell-quoted words) after the
 * standard ones (-qtest, -qtest-log, a QMP monitor, -display none,
 * -accel qtest), sends "endianness", reads the QMP greeting and negotiates
 * capabilities.
 */
QTestState *qtest_init(const char *extra_args);
QTestState *qtest_initf(const char *fmt, ...) G_GNUC_PRINTF(1, 2);
/* The same without a QMP monitor (the qtest socket only). */
QTestState *qtest_init_without_qmp(const char *extra_args);
/* Sends SIGTERM, waits, and asserts exit status 0; frees S. */
void qtest_quit(QTestState *s);
/* Waits for the process to end by itself (e.g. after QMP quit); its wait status. */
int qtest_wait_exit(QTestState *s);
/* The child's pid (for tests of signal handling). */
int qtest_pid(QTestState *s);

/* ---- the raw protocol ---- */

/* Sends one request line (a newline is added). */
void qtest_sendf(QTestState *s, const char *fmt, ...) G_GNUC_PRINTF(2, 3);
/* Sends bytes as they are (no newline added). */
void qtest_send_raw(QTestState *s, const void *buf, size_t len);
/* The next reply line without its newline; IRQ lines are consumed on the way. */
char *qtest_recv_line(QTestState *s);
/* The next line as sent, IRQ lines included (their levels are still recorded). */
char *qtest_recv_line_raw(QTestState *s);
/* qtest_sendf + qtest_recv_line. */
char *qtest_request(QTestState *s, const char *fmt, ...) G_GNUC_PRINTF(2, 3);

/* ---- requests (each asserts an OK reply) ---- */

bool qtest_big_endian(QTestState *s);

uint8_t qtest_readb(QTestState *s, uint64_t addr);
uint16_t qtest_readw(QTestState *s, uint64_t addr);
uint32_t qtest_readl(QTestState *s, uint64_t addr);
uint64_t qtest_readq(QTestState *s, uint64_t addr);
void qtest_writeb(QTestState *s, uint64_t addr, uint8_t value);
void qtest_writew(QTestState *s, uint64_t addr, uint16_t value);
void qtest_writel(QTestState *s, uint64_t addr, uint32_t value);
void qtest_writeq(QTestState *s, uint64_t addr, uint64_t value);

/* "read"/"write" (hex) and "b64read"/"b64write"; big buffers are split. */
void qtest_memread(QTestState *s, uint64_t addr, void *data, size_t size);
void qtest_memwrite(QTestState *s, uint64_t addr, const void *data, size_t size);
void qtest_bufread(QTestState *s, uint64_t addr, void *data, size_t size);
void qtest_bufwrite(QTestState *s, uint64_t addr, const void *data, size_t size);
void qtest_memset(QTestState *s, uint64_t addr, uint8_t pattern, size_t size);

uint8_t qtest_inb(QTestState *s, uint16_t port);
uint16_t qtest_inw(QTestState *s, uint16_t port);
uint32_t qtest_inl(QTestState *s, uint16_t port);
void qtest_outb(QTestState *s, uint16_t port, uint8_t value);
void qtest_outw(QTestState *s, uint16_t port, uint16_t value);
void qtest_outl(QTestState *s, uint16_t port, uint32_t value);

/* Virtual clock (ns); each returns the clock's new value. */
int64_t qtest_clock_step(QTestState *s, int64_t ns);
int64_t qtest_clock_step_next(QTestState *s);
int64_t qtest_clock_set(QTestState *s, int64_t ns);

void qtest_irq_intercept_in(QTestState *s, const char *qom_path);
void qtest_irq_intercept_out(QTestState *s, const char *qom_path);
void qtest_irq_intercept_out_named(QTestState *s, const char *qom_path, const char *name);
/* Level of intercepted line N as last reported (after a round trip). */
bool qtest_get_irq(QTestState *s, int n);
void qtest_set_irq_in(QTestState *s, const char *qom_path, const char *name, int num,
                      int level);

/* ---- QMP (JSON through json-glib) ---- */

/*
 * Sends the command FMT (JSON text after printf formatting, where single
 * quotes become double quotes as in QEMU's tests: pass a string holding a
 * quote through qtest_qmp_send_raw) and returns its reply object ("return" or
 * "error"), skipping events, which stay queued for qtest_qmp_eventwait.
 * Free with json_node_unref.
 */
JsonNode *qtest_qmp(QTestState *s, const char *fmt, ...) G_GNUC_PRINTF(2, 3);
void qtest_qmp_send(QTestState *s, const char *fmt, ...) G_GNUC_PRINTF(2, 3);
/* Sends bytes on the QMP socket as they are (for malformed-input tests). */
void qtest_qmp_send_raw(QTestState *s, const char *text);
/* The next reply (not an event). */
JsonNode *qtest_qmp_receive(QTestState *s);
/* The first event NAME (queued or arriving); earlier others stay queued. */
JsonNode *qtest_qmp_eventwait(QTestState *s, const char *name);
/* Sends FMT, asserts a "return", and returns it (a new reference). */
JsonNode *qtest_qmp_assert_success(QTestState *s, const char *fmt, ...) G_GNUC_PRINTF(2, 3);
/* Runs an HMP command through human-monitor-command; returns its output. */
char *qtest_hmp(QTestState *s, const char *fmt, ...) G_GNUC_PRINTF(2, 3);
/* The reply object of NODE (asserts it is an object). */
JsonObject *qtest_json_object(JsonNode *node);

/*
 * Runs the binary with ARGS (shell-quoted words) to completion; returns its
 * exit status and, if non-NULL, its stdout/stderr. For command-line tests.
 */
int qtest_run_binary(const char *args, char **out, char **err);

#endif
