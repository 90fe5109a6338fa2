/*
 * Character devices (chardevs): the host side of serial ports, monitors and
 * other byte streams. A chardev is a plain struct built by a backend driver
 * (stdio, mux, file, pipe, pty, null, socket); a device or the monitor
 * reaches it through a CharBackend (include/chardev/char-fe.h).
 *
 * All chardev I/O runs in the main-loop thread, from GSources attached to
 * the GMainContext given at creation / qemu_chr_fe_set_handlers() (NULL:
 * the default context). Back-pressure: a backend reads from its fd only
 * while the front end's can_read handler returns > 0, and never more bytes
 * than it returned.
 */
#ifndef CHARDEV_CHAR_H
#define CHARDEV_CHAR_H

#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/option.h"

typedef enum QEMUChrEvent {
    CHR_EVENT_BREAK,    /* serial break (mux: Ctrl-A b) */
    CHR_EVENT_OPENED,   /* backend connected / ready */
    CHR_EVENT_MUX_IN,   /* mux focus moved to this front end */
    CHR_EVENT_MUX_OUT,  /* mux focus moved away from this front end */
    CHR_EVENT_CLOSED,   /* backend disconnected (socket peer gone, pty closed) */
} QEMUChrEvent;

typedef struct Chardev Chardev;
typedef struct CharBackend CharBackend;
typedef struct ChardevDriver ChardevDriver;

struct Chardev {
    char *label;                /* the id */
    char *filename;             /* for "info chardev"; see qemu_chr_get_filename */
    const ChardevDriver *driver;
    CharBackend *be;            /* the front end (NULL: none; unused for a mux) */
    GMainContext *context;      /* where its sources run (NULL: default) */
    bool be_open;               /* backend connected (OPENED sent, no CLOSED since) */
    /* Generic fd I/O (char-fd.c); -1 when the backend has none right now. */
    int fd_in;
    int fd_out;
    GSource *read_source;
    /* Unix sockets: descriptors arrive with the bytes (SCM_RIGHTS); the
     * last one received waits in msgfd (-1: none) for its taker. */
    bool recv_fds;
    int msgfd;
};

/* A backend driver; one static instance per backend type. */
struct ChardevDriver {
    const char *name;
    const char *help;
    size_t instance_size;       /* >= sizeof(Chardev); Chardev comes first */
    const char *const *opts;    /* accepted option names (NULL-terminated) */
    /* Opens the backend; fills fd_in/fd_out and filename, or sets ERRP. */
    bool (*open)(Chardev *chr, QemuOpts *opts, Error **errp);
    /*
     * Writes up to LEN bytes without blocking; returns the count accepted
     * (0: would block, try again when a watch fires), -1 on a hard error.
     * NULL: the generic fd write on fd_out.
     */
    int (*write)(Chardev *chr, const uint8_t *buf, int len);
    /* A GSource that fires on COND on the output; NULL: fd_out watch. */
    GSource *(*add_watch)(Chardev *chr, GIOCondition cond);
    /* Blocks until output is possible (write_all); NULL: poll fd_out. */
    void (*wait_writable)(Chardev *chr);
    /* The front end can take input again; NULL: nothing extra to do. */
    void (*accept_input)(Chardev *chr);
    /* The read side reached end of file or failed; NULL: stop reading. */
    void (*read_eof)(Chardev *chr);
    /* Called after qemu_chr_fe_set_handlers() stored new handlers. */
    void (*handlers_changed)(Chardev *chr);
    /* Front-end attach/detach hooks (mux); NULL: single front end. */
    bool (*fe_attach)(Chardev *chr, CharBackend *b, Error **errp);
    void (*fe_detach)(Chardev *chr, CharBackend *b);
    /* Releases backend resources (not the Chardev). */
    void (*finalize)(Chardev *chr);
};

/*
 * Creates a chardev from a legacy spec string: "null", "none", "stdio",
 * "pty", "mon:SPEC", "file:PATH", "pipe:PATH", "unix:PATH[,opts]",
 * "tcp:[HOST]:PORT[,opts]". "none" returns NULL *without* setting ERRP
 * (no device); any other NULL return sets ERRP.
 */
Chardev *qemu_chr_new(const char *label, const char *spec, GMainContext *context,
                      Error **errp);
/*
 * Creates a chardev from "-chardev BACKEND,id=ID,..." options (parsed with
 * implied key "backend"). "mux=on" creates a mux named ID over a backend
 * named "ID-base".
 */
Chardev *qemu_chr_new_from_opts(QemuOpts *opts, GMainContext *context, Error **errp);
Chardev *qemu_chr_find(const char *label);
/* Calls FN for every chardev, in creation order (FN must not delete any). */
void qemu_chr_foreach(void (*fn)(Chardev *chr, void *opaque), void *opaque);
/* Closes and frees CHR; an attached front end is left disconnected. */
void qemu_chr_delete(Chardev *chr);
/* Deletes every chardev; restores the terminal. Call at exit. */
void qemu_chr_cleanup(void);
void qemu_chr_list_help(FILE *out);
const char *qemu_chr_get_label(Chardev *chr);
/* "unix:/tmp/x,server=on", "disconnected:unix:...", "pty:/dev/pts/3"...; g_free it. */
char *qemu_chr_get_filename(Chardev *chr);
bool qemu_chr_is_mux(Chardev *chr);

/*
 * Called on Ctrl-A x in a mux. The default handler runs qemu_chr_cleanup()
 * and exit(0); the system code installs one that requests a clean shutdown.
 */
void qemu_chr_set_mux_quit_handler(void (*fn)(void));
/* The mux escape character (default Ctrl-A). */
void qemu_chr_set_mux_escape_char(int c);
/* Moves a mux's input focus to front end TAG (sends MUX_OUT / MUX_IN). */
void qemu_chr_mux_set_focus(Chardev *mux, int tag);
int qemu_chr_mux_get_focus(Chardev *mux);

/* For backends: the front end's can_read (0 without a front end). */
int qemu_chr_be_can_write(Chardev *s);
/* For backends: delivers input to the front end. */
void qemu_chr_be_write(Chardev *s, const uint8_t *buf, int len);
/* For backends: delivers an event; OPENED/CLOSED also update be_open. */
void qemu_chr_be_event(Chardev *s, QEMUChrEvent event);
/* Replaces the filename shown by qemu_chr_get_filename. */
void qemu_chr_set_filename(Chardev *s, const char *fmt, ...) QEMU_PRINTF(2, 3);

/* Generic fd I/O (char-fd.c). */
/* Sets the fds (either may be -1), closing none; (re)creates the read source. */
void qemu_chr_fd_set(Chardev *s, int fd_in, int fd_out);
/* Re-creates the read source in s->context (after a context change). */
void qemu_chr_fd_update_read(Chardev *s);
void qemu_chr_fd_remove_read(Chardev *s);
int qemu_chr_fd_write(Chardev *s, const uint8_t *buf, int len);
bool qemu_set_nonblock(int fd, Error **errp);

extern const ChardevDriver char_null_driver;
extern const ChardevDriver char_file_driver;
extern const ChardevDriver char_pipe_driver;
extern const ChardevDriver char_stdio_driver;
extern const ChardevDriver char_pty_driver;
extern const ChardevDriver char_socket_driver;
extern const ChardevDriver char_mux_driver;

/* Internal to chardev/. */
Chardev *qemu_chr_mux_new(const char *label, Chardev *base, GMainContext *context,
                          Error **errp);
int qemu_chr_mux_fe_count(Chardev *mux);
/* "mux:" + the base's current filename. */
char *qemu_chr_mux_get_filename(Chardev *mux);
/* Allocates an unregistered chardev; qemu_chr_free releases one. */
Chardev *qemu_chr_alloc(const ChardevDriver *driver, const char *label,
                        GMainContext *context);
void qemu_chr_free(Chardev *chr);

#endif
