/*
 * mux chardev: several front ends (serial port, monitor) share one backend.
 * Output from every front end goes to the backend; input goes to the front
 * end that has the focus. Escape sequences (default escape Ctrl-A):
 *   C-a c  cycle focus (MUX_OUT to the old front end, MUX_IN to the new)
 *   C-a x  quit (see qemu_chr_set_mux_quit_handler)
 *   C-a h  print help     C-a b  send a break     C-a a / C-a C-a  literal C-a
 * Other characters after the escape are ignored.
 *
 * Each front end has a small input buffer so that escapes are seen even
 * while the focused front end is busy; the mux reads from the backend only
 * while the focused buffer has room (back-pressure).
 */
#include "qemu/osdep.h"
#include "chardev/char.h"
#include "chardev/char-fe.h"

#include <glib-unix.h>

#define MAX_MUX 4
#define MUX_BUFFER_SIZE 32

typedef struct MuxChardev {
    Chardev parent;
    Chardev *base;
    CharBackend chr;                    /* the mux as front end of BASE */
    CharBackend *backends[MAX_MUX];
    int mux_cnt;                        /* slots used so far */
    int focus;
    bool got_escape;
    uint8_t buf[MAX_MUX][MUX_BUFFER_SIZE];
    unsigned prod[MAX_MUX];
    unsigned cons[MAX_MUX];
} MuxChardev;

static int escape_char = 0x01;

static void default_quit(void)
{
    qemu_chr_cleanup();
    exit(0);
}

static void (*quit_handler)(void) = default_quit;

void qemu_chr_set_mux_quit_handler(void (*fn)(void))
{
    quit_handler = fn ? fn : default_quit;
}

void qemu_chr_set_mux_escape_char(int c)
{
    escape_char = c;
}

static MuxChardev *to_mux(Chardev *chr)
{
    assert(qemu_chr_is_mux(chr));
    return (MuxChardev *)chr;
}

int qemu_chr_mux_fe_count(Chardev *chr)
{
    MuxChardev *d = to_mux(chr);
    int n = 0;

    for (int i = 0; i < MAX_MUX; i++) {
        n += d->backends[i] != NULL;
    }
    return n;
}

static void mux_send_event(MuxChardev *d, int tag, QEMUChrEvent ev)
{
    CharBackend *be = tag >= 0 && tag < MAX_MUX ? d->backends[tag] : NULL;

    if (be && be->chr_event) {
        be->chr_event(be->opaque, ev);
    }
}

/* Delivers buffered input to the focused front end while it can take it. */
static void mux_flush(MuxChardev *d)
{
    int m = d->focus;
    CharBackend *be = m >= 0 ? d->backends[m] : NULL;

    while (be && be->chr_can_read && be->chr_read && d->prod[m] != d->cons[m]) {
        int can = be->chr_can_read(be->opaque);
        unsigned idx = d->cons[m] % MUX_BUFFER_SIZE;
        int n = MIN((unsigned)can, MIN(d->prod[m] - d->cons[m], MUX_BUFFER_SIZE - idx));

        if (n <= 0) {
            break;
        }
        d->cons[m] += n;
        be->chr_read(be->opaque, &d->buf[m][idx], n);
    }
}

void qemu_chr_mux_set_focus(Chardev *chr, int tag)
{
    MuxChardev *d = to_mux(chr);

    assert(tag >= 0 && tag < MAX_MUX);
    if (tag == d->focus) {
        return;
    }
    mux_send_event(d, d->focus, CHR_EVENT_MUX_OUT);
    d->focus = tag;
    mux_send_event(d, d->focus, CHR_EVENT_MUX_IN);
    mux_flush(d);
    qemu_chr_fe_accept_input(&d->chr);
}

int qemu_chr_mux_get_focus(Chardev *chr)
{
    return to_mux(chr)->focus;
}

static void mux_print_help(MuxChardev *d)
{
    static const char *const lines[] = {
        "h    print this help",
        "x    exit emulator",
        "b    send break",
        "c    switch between console and monitor",
        "a    send C-a",
    };
    char esc = 'a' + escape_char - 1;

    qemu_chr_fe_printf(&d->chr, "\r\n");
    for (int i = 0; i < ARRAY_SIZE(lines); i++) {
        qemu_chr_fe_printf(&d->chr, "C-%c %s\r\n", esc, lines[i]);
    }
}

static void mux_cycle_focus(MuxChardev *d)
{
    for (int i = 1; i <= MAX_MUX; i++) {
        int next = (d->focus + i) % MAX_MUX;

        if (d->backends[next] || i == MAX_MUX) {
            qemu_chr_mux_set_focus(&d->parent, next);
            return;
        }
    }
}

/* Returns true when CH is data for the focused front end. */
static bool mux_proc_byte(MuxChardev *d, uint8_t ch)
{
    if (!d->got_escape) {
        if (ch == escape_char) {
            d->got_escape = true;
            return false;
        }
        return true;
    }
    d->got_escape = false;
    if (ch == 'a' || ch == escape_char) {
        return true;
    }
    switch (ch) {
    case 'h':
    case '?':
        mux_print_help(d);
        break;
    case 'x':
        qemu_chr_fe_printf(&d->chr, "ferry: terminated by C-a x\r\n");
        quit_handler();
        break;
    case 'b':
        mux_send_event(d, d->focus, CHR_EVENT_BREAK);
        break;
    case 'c':
        mux_cycle_focus(d);
        break;
    default:
        break;
    }
    return false;
}

static int mux_can_read(void *opaque)
{
    MuxChardev *d = opaque;
    int m = d->focus;

    return MUX_BUFFER_SIZE - (d->prod[m] - d->cons[m]);
}

static void mux_read(void *opaque, const uint8_t *buf, int size)
{
    MuxChardev *d = opaque;

    for (int i = 0; i < size; i++) {
        /* Focus may move while processing: always the current one. */
        if (mux_proc_byte(d, buf[i])) {
            int m = d->focus;

            d->buf[m][d->prod[m]++ % MUX_BUFFER_SIZE] = buf[i];
            mux_flush(d);
        }
    }
    mux_flush(d);
}

static void mux_event(void *opaque, QEMUChrEvent ev)
{
    MuxChardev *d = opaque;

    if (ev == CHR_EVENT_OPENED) {
        d->parent.be_open = true;
    } else if (ev == CHR_EVENT_CLOSED) {
        d->parent.be_open = false;
    }
    for (int i = 0; i < MAX_MUX; i++) {
        mux_send_event(d, i, ev);
    }
}

static bool mux_fe_attach(Chardev *chr, CharBackend *b, Error **errp)
{
    MuxChardev *d = to_mux(chr);

    if (d->mux_cnt >= MAX_MUX) {
        error_setg(errp, "chardev '%s': too many front ends (at most %d)",
                   chr->label, MAX_MUX);
        return false;
    }
    b->tag = d->mux_cnt++;
    d->backends[b->tag] = b;
    return true;
}

static void mux_fe_detach(Chardev *chr, CharBackend *b)
{
    MuxChardev *d = to_mux(chr);

    if (b->tag >= 0 && b->tag < MAX_MUX && d->backends[b->tag] == b) {
        d->backends[b->tag] = NULL;
    }
}

static int mux_write(Chardev *chr, const uint8_t *buf, int len)
{
    return qemu_chr_fe_write(&to_mux(chr)->chr, buf, len);
}

static GSource *mux_add_watch(Chardev *chr, GIOCondition cond)
{
    Chardev *base = to_mux(chr)->base;

    if (base->driver->add_watch) {
        return base->driver->add_watch(base, cond);
    }
    return base->fd_out >= 0 ? g_unix_fd_source_new(base->fd_out, cond) : NULL;
}

static void mux_wait_writable(Chardev *chr)
{
    Chardev *base = to_mux(chr)->base;

    if (base->driver->wait_writable) {
        base->driver->wait_writable(base);
    } else {
        g_usleep(1000);
    }
}

static void mux_accept_input(Chardev *chr)
{
    MuxChardev *d = to_mux(chr);

    mux_flush(d);
    qemu_chr_fe_accept_input(&d->chr);
}

static void mux_handlers_changed(Chardev *chr)
{
    MuxChardev *d = to_mux(chr);

    /* Follow the context the front ends use. */
    qemu_chr_fe_set_handlers(&d->chr, mux_can_read, mux_read, mux_event, NULL, d,
                             chr->context, false);
    mux_flush(d);
}

static bool mux_open(Chardev *chr, QemuOpts *opts, Error **errp)
{
    g_assert_not_reached();     /* created through qemu_chr_mux_new */
}

static void mux_finalize(Chardev *chr)
{
    MuxChardev *d = to_mux(chr);
    Chardev *base = d->base;

    for (int i = 0; i < MAX_MUX; i++) {
        if (d->backends[i]) {
            d->backends[i]->chr = NULL;
        }
    }
    qemu_chr_fe_deinit(&d->chr, false);
    qemu_chr_delete(base);
}

const ChardevDriver char_mux_driver = {
    .name = "mux",
    .help = "multiplexer (mux=on)",
    .instance_size = sizeof(MuxChardev),
    .open = mux_open,
    .write = mux_write,
    .add_watch = mux_add_watch,
    .wait_writable = mux_wait_writable,
    .accept_input = mux_accept_input,
    .handlers_changed = mux_handlers_changed,
    .fe_attach = mux_fe_attach,
    .fe_detach = mux_fe_detach,
    .finalize = mux_finalize,
};

Chardev *qemu_chr_mux_new(const char *label, Chardev *base, GMainContext *context,
                          Error **errp)
{
    Chardev *chr = qemu_chr_alloc(&char_mux_driver, label, context);
    MuxChardev *d = (MuxChardev *)chr;

    d->base = base;
    if (!qemu_chr_fe_init(&d->chr, base, errp)) {
        qemu_chr_free(chr);
        return NULL;
    }
    chr->filename = g_strdup_printf("mux:%s", base->filename ? base->filename : "");
    qemu_chr_fe_set_handlers(&d->chr, mux_can_read, mux_read, mux_event, NULL, d,
                             context, true);
    return chr;
}
