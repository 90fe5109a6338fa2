/*
 * The front-end side of a chardev: what a device (or the monitor) embeds.
 */
#ifndef CHARDEV_CHAR_FE_H
#define CHARDEV_CHAR_FE_H

#include "chardev/char.h"

/* How many bytes the front end can take now (0: stop reading). */
typedef int IOCanReadHandler(void *opaque);
/* Input: never more than the last can_read allowed. */
typedef void IOReadHandler(void *opaque, const uint8_t *buf, int size);
typedef void IOEventHandler(void *opaque, QEMUChrEvent event);
/* Watch callback: return G_SOURCE_REMOVE (FALSE) to stop watching. */
typedef gboolean (*FEWatchFunc)(void *do_not_use, GIOCondition condition, void *data);

struct CharBackend {
    Chardev *chr;
    IOEventHandler *chr_event;
    IOCanReadHandler *chr_can_read;
    IOReadHandler *chr_read;
    void *opaque;
    int tag;                    /* index in a mux */
    bool fe_is_open;
};

/*
 * Attaches B to S (S may be NULL: no backend). Fails with "Device 'ID' is
 * in use" when S already has a front end and is not a mux.
 */
bool qemu_chr_fe_init(CharBackend *b, Chardev *s, Error **errp);
/* Detaches B; with DEL also deletes the chardev (a mux: once unused). */
void qemu_chr_fe_deinit(CharBackend *b, bool del);
/*
 * Installs the handlers (all NULL: detach them). CONTEXT: where the
 * backend's sources run (NULL: default). BE_CHANGE must be NULL. With
 * SET_OPEN, an already-open backend delivers CHR_EVENT_OPENED at once.
 */
void qemu_chr_fe_set_handlers(CharBackend *b, IOCanReadHandler *fd_can_read,
                              IOReadHandler *fd_read, IOEventHandler *fd_event,
                              void *be_change, void *opaque, GMainContext *context,
                              bool set_open);
/*
 * Writes without blocking; returns the number of bytes accepted, which may
 * be less than LEN or 0 when the backend would block (back-pressure: retry
 * after qemu_chr_fe_add_watch(G_IO_OUT) fires; nothing is dropped). With no
 * chardev, or a socket with no peer, or a pty nobody opened, returns LEN:
 * the bytes go nowhere, like a disconnected cable. -1 on a hard error.
 */
int qemu_chr_fe_write(CharBackend *be, const uint8_t *buf, int len);
/* Blocks until all of BUF is written (or dropped as above); LEN or -1. */
int qemu_chr_fe_write_all(CharBackend *be, const uint8_t *buf, int len);
/* Calls FUNC when COND (G_IO_OUT) holds on the output; 0 if unsupported. */
guint qemu_chr_fe_add_watch(CharBackend *be, GIOCondition cond, FEWatchFunc func,
                            void *user_data);
/* The front end can take more input: the backend resumes reading. */
void qemu_chr_fe_accept_input(CharBackend *be);
bool qemu_chr_fe_backend_connected(CharBackend *be);
/* True when the backend is open (a socket has a peer). */
bool qemu_chr_fe_backend_open(CharBackend *be);
Chardev *qemu_chr_fe_get_driver(CharBackend *be);
/* The descriptor that came with the last bytes read (unix sockets), now
 * the caller's; -1 if none. */
int qemu_chr_fe_get_msgfd(CharBackend *be);
void qemu_chr_fe_printf(CharBackend *be, const char *fmt, ...) QEMU_PRINTF(2, 3);

#endif
