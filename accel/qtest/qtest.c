/*
 * The qtest accelerator and the qtest line protocol.
 *
 * Every request line gets exactly one reply line ("OK ..." or
 * "FAIL reason"); a malformed request never ends the session. Interrupt
 * interception is process-wide (one device at a time, as QEMU does); its
 * "IRQ raise/lower N" lines go to the session that installed it.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/cutils.h"
#include "qemu/timer.h"
#include "chardev/char-fe.h"
#include "exec/memory.h"
#include "hw/irq.h"
#include "hw/qdev-core.h"
#include "system/accel.h"
#include "system/qtest.h"

struct QTestSession {
    QTestSendFunc *send;
    void *opaque;
    FILE *log;
    int64_t start_us;           /* monotonic time the log counts from */
    GString *inbuf;             /* bytes of the line being received */
    gsize scanned;              /* inbuf bytes known to hold no newline */
    bool discarding;            /* dropping the rest of an oversized line */
};

/* ---- interrupt interception ---- */

/* One intercepted GPIO list of the intercepted device. */
typedef struct IrqIntercept {
    bool out;
    char *name;                 /* the list's name, NULL: unnamed */
    int n;
    int *levels;                /* last level reported per line (0/1) */
    /* Inputs only: the device's lines and what they called before. */
    qemu_irq *lines;
    qemu_irq_handler *orig_handler;
    void **orig_opaque;
} IrqIntercept;

static DeviceState *intercept_dev;
static GPtrArray *intercepts;   /* IrqIntercept * */
static QTestSession *irq_session;

static void qtest_send_line(QTestSession *s, const char *fmt, ...) QEMU_PRINTF(2, 3);

static void irq_report(IrqIntercept *ic, int n, int level)
{
    int norm = level != 0;

    if (n < 0 || n >= ic->n || ic->levels[n] == norm) {
        return;
    }
    ic->levels[n] = norm;
    if (irq_session) {
        qtest_send_line(irq_session, "IRQ %s %d", norm ? "raise" : "lower", n);
    }
}

static void irq_out_handler(void *opaque, int n, int level)
{
    irq_report(opaque, n, level);
}

/* OPAQUE is the device's input array (see qemu_irq_intercept_in). */
static void irq_in_handler(void *opaque, int n, int level)
{
    for (guint i = 0; intercepts && i < intercepts->len; i++) {
        IrqIntercept *ic = g_ptr_array_index(intercepts, i);

        if (!ic->out && ic->lines == opaque && n >= 0 && n < ic->n) {
            /* The device still sees its input; the test sees it too. */
            if (ic->orig_handler[n]) {
                ic->orig_handler[n](ic->orig_opaque[n], n, level);
            }
            irq_report(ic, n, level);
            return;
        }
    }
}

static void intercept_free(gpointer p)
{
    IrqIntercept *ic = p;

    g_free(ic->name);
    g_free(ic->levels);
    g_free(ic->orig_handler);
    g_free(ic->orig_opaque);
    g_free(ic);
}

static IrqIntercept *intercept_find(bool out, const char *name)
{
    for (guint i = 0; intercepts && i < intercepts->len; i++) {
        IrqIntercept *ic = g_ptr_array_index(intercepts, i);

        if (ic->out == out && !g_strcmp0(ic->name, name)) {
            return ic;
        }
    }
    return NULL;
}

static IrqIntercept *intercept_new(bool out, const char *name, int n)
{
    IrqIntercept *ic = g_new0(IrqIntercept, 1);

    ic->out = out;
    ic->name = g_strdup(name);
    ic->n = n;
    ic->levels = g_new0(int, n);
    if (!intercepts) {
        intercepts = g_ptr_array_new_with_free_func(intercept_free);
    }
    g_ptr_array_add(intercepts, ic);
    return ic;
}

static void intercepts_clear(void)
{
    if (intercepts) {
        g_ptr_array_free(intercepts, TRUE);
        intercepts = NULL;
    }
    intercept_dev = NULL;
}

/* The list NAME of DEV without creating it (qdev_get_named_gpio_list would). */
static NamedGPIOList *gpio_list(DeviceState *dev, const char *name)
{
    for (GList *l = dev->gpios; l; l = l->next) {
        NamedGPIOList *ngl = l->data;

        if (!g_strcmp0(ngl->name, name)) {
            return ngl;
        }
    }
    return NULL;
}

/* ---- sending and logging ---- */

static void qtest_log(QTestSession *s, char dir, const char *line)
{
    int64_t us = g_get_monotonic_time() - s->start_us;

    if (s->log) {
        fprintf(s->log, "[%c +%" PRId64 ".%06" PRId64 "] %s\n", dir,
                us / G_USEC_PER_SEC, us % G_USEC_PER_SEC, line);
        fflush(s->log);
    }
}

static void qtest_send_str(QTestSession *s, const char *line)
{
    g_autofree char *text = g_strconcat(line, "\n", NULL);

    qtest_log(s, 'S', line);
    s->send(s->opaque, text, strlen(text));
}

static void qtest_send_line(QTestSession *s, const char *fmt, ...)
{
    g_autofree char *line = NULL;
    va_list ap;

    va_start(ap, fmt);
    line = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    qtest_send_str(s, line);
}

/* ---- argument parsing ---- */

/* A number in C syntax (0x..., 0..., decimal) no larger than MAX. */
static bool parse_num(const char *word, const char *what, uint64_t max, uint64_t *out,
                      Error **errp)
{
    uint64_t v;
    int ret = qemu_strtou64(word, 0, &v);

    if (ret == -ERANGE || (!ret && v > max)) {
        error_setg(errp, "%s '%s' out of range (at most 0x%" PRIx64 ")", what, word, max);
        return false;
    }
    if (ret < 0) {
        error_setg(errp, "invalid %s '%s' (expected a number)", what, word);
        return false;
    }
    *out = v;
    return true;
}

static bool parse_size(const char *word, uint64_t *out, Error **errp)
{
    return parse_num(word, "SIZE", QTEST_MAX_XFER, out, errp);
}

/* The device at PATH (partial paths allowed). */
static DeviceState *find_device(const char *path, Error **errp)
{
    bool ambiguous = false;
    Object *obj = object_resolve_path(path, &ambiguous);

    if (ambiguous) {
        error_setg(errp, "path '%s' is ambiguous", path);
        return NULL;
    }
    if (!obj) {
        error_setg(errp, "no object at path '%s'", path);
        return NULL;
    }
    if (!object_dynamic_cast(obj, TYPE_DEVICE)) {
        error_setg(errp, "'%s' is not a device (it is a %s)", path,
                   object_get_typename(obj));
        return NULL;
    }
    return DEVICE(obj);
}

/* ---- requests ---- */

/*
 * A handler gets the request's words (w[0] is the command, NARGS more
 * follow, already checked against the table) and returns the text that
 * follows "OK" (NULL: bare "OK"), or sets ERRP for a FAIL line.
 */
typedef char *QTestHandler(QTestSession *s, char **w, int nargs, Error **errp);

static const unsigned access_bits[] = { ['b'] = 8, ['w'] = 16, ['l'] = 32, ['q'] = 64 };

static uint64_t width_max(unsigned bits)
{
    return bits == 64 ? UINT64_MAX : (UINT64_C(1) << bits) - 1;
}

/* readb/readw/readl/readq ADDR: target-endian values. */
static char *do_read_sized(QTestSession *s, char **w, int nargs, Error **errp)
{
    AddressSpace *as = &address_space_memory;
    MemTxAttrs attrs = MEMTXATTRS_UNSPECIFIED;
    uint64_t addr, v = 0;

    if (!parse_num(w[1], "ADDR", UINT64_MAX, &addr, errp)) {
        return NULL;
    }
    switch (w[0][4]) {
    case 'b':
        v = address_space_ldub(as, addr, attrs, NULL);
        break;
    case 'w':
        v = address_space_lduw(as, addr, attrs, NULL);
        break;
    case 'l':
        v = address_space_ldl(as, addr, attrs, NULL);
        break;
    default:
        v = address_space_ldq(as, addr, attrs, NULL);
        break;
    }
    return g_strdup_printf("0x%016" PRIx64, v);
}

static char *do_write_sized(QTestSession *s, char **w, int nargs, Error **errp)
{
    AddressSpace *as = &address_space_memory;
    MemTxAttrs attrs = MEMTXATTRS_UNSPECIFIED;
    char kind = w[0][5];
    uint64_t addr, v;

    if (!parse_num(w[1], "ADDR", UINT64_MAX, &addr, errp) ||
        !parse_num(w[2], "VALUE", width_max(access_bits[(unsigned char)kind]), &v, errp)) {
        return NULL;
    }
    switch (kind) {
    case 'b':
        address_space_stb(as, addr, v, attrs, NULL);
        break;
    case 'w':
        address_space_stw(as, addr, v, attrs, NULL);
        break;
    case 'l':
        address_space_stl(as, addr, v, attrs, NULL);
        break;
    default:
        address_space_stq(as, addr, v, attrs, NULL);
        break;
    }
    return NULL;
}

/* Reads SIZE bytes at ADDR (w[1], w[2]) into a new buffer. */
static uint8_t *read_block(char **w, uint64_t *size, Error **errp)
{
    uint64_t addr;
    uint8_t *buf;

    if (!parse_num(w[1], "ADDR", UINT64_MAX, &addr, errp) || !parse_size(w[2], size, errp)) {
        return NULL;
    }
    buf = g_malloc0(*size + 1);
    address_space_read(&address_space_memory, addr, MEMTXATTRS_UNSPECIFIED, buf, *size);
    return buf;
}

static char *do_read(QTestSession *s, char **w, int nargs, Error **errp)
{
    static const char hex[] = "0123456789abcdef";
    g_autofree uint8_t *buf = NULL;
    uint64_t size;
    GString *out;

    buf = read_block(w, &size, errp);
    if (!buf) {
        return NULL;
    }
    out = g_string_sized_new(2 + 2 * size + 1);
    g_string_append(out, "0x");
    for (uint64_t i = 0; i < size; i++) {
        g_string_append_c(out, hex[buf[i] >> 4]);
        g_string_append_c(out, hex[buf[i] & 15]);
    }
    return g_string_free(out, FALSE);
}

static char *do_b64read(QTestSession *s, char **w, int nargs, Error **errp)
{
    g_autofree uint8_t *buf = NULL;
    uint64_t size;

    buf = read_block(w, &size, errp);
    return buf ? g_base64_encode(buf, size) : NULL;
}

static void write_block(uint64_t addr, const uint8_t *buf, uint64_t size)
{
    address_space_write(&address_space_memory, addr, MEMTXATTRS_UNSPECIFIED, buf, size);
}

/* write ADDR SIZE 0xHEX: bytes in memory order; short data is zero-filled. */
static char *do_write(QTestSession *s, char **w, int nargs, Error **errp)
{
    g_autofree uint8_t *buf = NULL;
    const char *data = w[3];
    uint64_t addr, size;
    size_t digits;

    if (!parse_num(w[1], "ADDR", UINT64_MAX, &addr, errp) || !parse_size(w[2], &size, errp)) {
        return NULL;
    }
    if (data[0] != '0' || (data[1] != 'x' && data[1] != 'X')) {
        error_setg(errp, "invalid DATA '%.32s' (expected 0x and hex digits)", data);
        return NULL;
    }
    data += 2;
    digits = strlen(data);
    if (digits % 2) {
        error_setg(errp, "DATA has an odd number of hex digits (%zu)", digits);
        return NULL;
    }
    if (digits / 2 > size) {
        error_setg(errp, "DATA holds %zu bytes, more than SIZE %" PRIu64, digits / 2, size);
        return NULL;
    }
    buf = g_malloc0(size + 1);
    for (size_t i = 0; i < digits; i += 2) {
        int hi = g_ascii_xdigit_value(data[i]);
        int lo = g_ascii_xdigit_value(data[i + 1]);

        if (hi < 0 || lo < 0) {
            error_setg(errp, "invalid hex digit in DATA at offset %zu", i + (hi >= 0));
            return NULL;
        }
        buf[i / 2] = hi << 4 | lo;
    }
    write_block(addr, buf, size);
    return NULL;
}

static char *do_b64write(QTestSession *s, char **w, int nargs, Error **errp)
{
    g_autofree uint8_t *buf = NULL;
    g_autofree guchar *decoded = NULL;
    const char *data = w[3];
    uint64_t addr, size;
    gsize len;

    if (!parse_num(w[1], "ADDR", UINT64_MAX, &addr, errp) || !parse_size(w[2], &size, errp)) {
        return NULL;
    }
    /* g_base64_decode skips what it does not know; be strict instead. */
    for (const char *p = data; *p; p++) {
        if (!g_ascii_isalnum(*p) && *p != '+' && *p != '/' && *p != '=') {
            error_setg(errp, "invalid base64 character '%c' in DATA", *p);
            return NULL;
        }
    }
    decoded = g_base64_decode(data, &len);
    if (len > size) {
        error_setg(errp, "DATA holds %zu bytes, more than SIZE %" PRIu64, (size_t)len, size);
        return NULL;
    }
    buf = g_malloc0(size + 1);
    memcpy(buf, decoded, len);
    write_block(addr, buf, size);
    return NULL;
}

static char *do_memset(QTestSession *s, char **w, int nargs, Error **errp)
{
    g_autofree uint8_t *buf = NULL;
    uint64_t addr, size, v;

    if (!parse_num(w[1], "ADDR", UINT64_MAX, &addr, errp) || !parse_size(w[2], &size, errp) ||
        !parse_num(w[3], "VALUE", 0xff, &v, errp)) {
        return NULL;
    }
    buf = g_malloc(size + 1);
    memset(buf, v, size);
    write_block(addr, buf, size);
    return NULL;
}

/* inb/inw/inl PORT, outb/outw/outl PORT VALUE: port I/O, target-endian. */
static char *do_port_io(QTestSession *s, char **w, int nargs, Error **errp)
{
    AddressSpace *as = &address_space_io;
    MemTxAttrs attrs = MEMTXATTRS_UNSPECIFIED;
    bool is_out = w[0][0] == 'o';
    char kind = w[0][is_out ? 3 : 2];
    uint64_t port, v = 0;

    if (!parse_num(w[1], "ADDR", 0xffff, &port, errp)) {
        return NULL;
    }
    if (is_out) {
        if (!parse_num(w[2], "VALUE", width_max(access_bits[(unsigned char)kind]), &v,
                       errp)) {
            return NULL;
        }
        if (kind == 'b') {
            address_space_stb(as, port, v, attrs, NULL);
        } else if (kind == 'w') {
            address_space_stw(as, port, v, attrs, NULL);
        } else {
            address_space_stl(as, port, v, attrs, NULL);
        }
        return NULL;
    }
    if (kind == 'b') {
        v = address_space_ldub(as, port, attrs, NULL);
    } else if (kind == 'w') {
        v = address_space_lduw(as, port, attrs, NULL);
    } else {
        v = address_space_ldl(as, port, attrs, NULL);
    }
    return g_strdup_printf("0x%04" PRIx64, v);
}

static char *do_endianness(QTestSession *s, char **w, int nargs, Error **errp)
{
    return g_strdup(target_big_endian() ? "big" : "little");
}

static bool check_manual_clock(Error **errp)
{
    if (!qemu_clock_is_manual()) {
        error_setg(errp, "the virtual clock is not under qtest control (use -accel qtest)");
        return false;
    }
    return true;
}

/* The earliest deadline of the clocks qemu_clock_advance_virtual serves. */
static int64_t next_virtual_deadline(void)
{
    int64_t a = qemu_clock_next_deadline_abs(QEMU_CLOCK_VIRTUAL);
    int64_t b = qemu_clock_next_deadline_abs(QEMU_CLOCK_VIRTUAL_RT);

    if (a < 0) {
        return b;
    }
    return b < 0 ? a : MIN(a, b);
}

static char *do_clock_step(QTestSession *s, char **w, int nargs, Error **errp)
{
    int64_t now, dest;
    uint64_t ns;

    if (!check_manual_clock(errp)) {
        return NULL;
    }
    now = qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL);
    if (nargs == 1) {
        if (!parse_num(w[1], "NS", INT64_MAX - now, &ns, errp)) {
            return NULL;
        }
        dest = now + ns;
    } else {
        dest = next_virtual_deadline();
        if (dest < 0) {
            error_setg(errp, "no timer is pending (give NS to step by)");
            return NULL;
        }
        dest = MAX(dest, now);
    }
    return g_strdup_printf("%" PRId64, qemu_clock_advance_virtual(dest));
}

static char *do_clock_set(QTestSession *s, char **w, int nargs, Error **errp)
{
    uint64_t ns;

    if (!check_manual_clock(errp) || !parse_num(w[1], "NS", INT64_MAX, &ns, errp)) {
        return NULL;
    }
    return g_strdup_printf("%" PRId64, qemu_clock_advance_virtual(ns));
}

/* Only one device's lines are numbered at a time (the protocol names no device). */
static bool claim_intercept_dev(DeviceState *dev, const char *path, Error **errp)
{
    if (intercept_dev && intercept_dev != dev) {
        error_setg(errp, "IRQ intercept already enabled on another device than '%s'", path);
        return false;
    }
    return true;
}

static char *do_irq_intercept_out(QTestSession *s, char **w, int nargs, Error **errp)
{
    const char *name = nargs > 1 ? w[2] : NULL;
    DeviceState *dev = find_device(w[1], errp);
    NamedGPIOList *ngl;
    IrqIntercept *ic;

    if (!dev || !claim_intercept_dev(dev, w[1], errp)) {
        return NULL;
    }
    irq_session = s;
    ngl = gpio_list(dev, name);
    if (!ngl || !ngl->num_out) {
        error_setg(errp, "'%s' has no output GPIO lines named '%s'", w[1],
                   name ? name : "unnamed-gpio-out");
        return NULL;
    }
    if (intercept_find(true, name)) {
        return NULL;                    /* already in place */
    }
    intercept_dev = dev;
    ic = intercept_new(true, name, ngl->num_out);
    for (int i = 0; i < ngl->num_out; i++) {
        qemu_irq irq = qemu_allocate_irq(irq_out_handler, ic, i);

        /* The device's link now owns the line; the old wiring is dropped. */
        qdev_connect_gpio_out_named(dev, name, i, irq);
        qemu_free_irq(irq);
    }
    return NULL;
}

static char *do_irq_intercept_in(QTestSession *s, char **w, int nargs, Error **errp)
{
    DeviceState *dev = find_device(w[1], errp);
    bool any = false;

    if (!dev || !claim_intercept_dev(dev, w[1], errp)) {
        return NULL;
    }
    irq_session = s;
    for (GList *l = dev->gpios; l; l = l->next) {
        NamedGPIOList *ngl = l->data;
        IrqIntercept *ic;

        if (!ngl->num_in) {
            continue;
        }
        any = true;
        if (intercept_find(false, ngl->name)) {
            continue;
        }
        ic = intercept_new(false, ngl->name, ngl->num_in);
        ic->lines = ngl->in;
        ic->orig_handler = g_new(qemu_irq_handler, ngl->num_in);
        ic->orig_opaque = g_new(void *, ngl->num_in);
        for (int i = 0; i < ngl->num_in; i++) {
            ic->orig_handler[i] = ngl->in[i]->handler;
            ic->orig_opaque[i] = ngl->in[i]->opaque;
        }
        qemu_irq_intercept_in(ngl->in, irq_in_handler, ngl->num_in);
    }
    if (!any) {
        error_setg(errp, "'%s' has no input GPIO lines", w[1]);
        return NULL;
    }
    intercept_dev = dev;
    return NULL;
}

/* set_irq_in PATH NAME NUM LEVEL ("unnamed-gpio-in": the unnamed list). */
static char *do_set_irq_in(QTestSession *s, char **w, int nargs, Error **errp)
{
    const char *name = strcmp(w[2], "unnamed-gpio-in") ? w[2] : NULL;
    DeviceState *dev = find_device(w[1], errp);
    NamedGPIOList *ngl;
    uint64_t num;
    int64_t level;

    if (!dev) {
        return NULL;
    }
    ngl = gpio_list(dev, name);
    if (!ngl || !ngl->num_in) {
        error_setg(errp, "'%s' has no input GPIO lines named '%s'", w[1], w[2]);
        return NULL;
    }
    if (!parse_num(w[3], "NUM", ngl->num_in - 1, &num, errp)) {
        return NULL;
    }
    if (qemu_strtoi64(w[4], 0, &level) < 0 || level < INT_MIN || level > INT_MAX) {
        error_setg(errp, "invalid LEVEL '%s' (expected a number)", w[4]);
        return NULL;
    }
    qemu_set_irq(ngl->in[num], level);
    return NULL;
}

static char *do_rtas(QTestSession *s, char **w, int nargs, Error **errp)
{
    error_setg(errp, "not a pseries machine");
    return NULL;
}

typedef struct QTestCommand {
    const char *name;
    int min_args, max_args;
    const char *usage;          /* the arguments, for error messages */
    QTestHandler *handler;
} QTestCommand;

static const QTestCommand commands[] = {
    { "readb", 1, 1, "ADDR", do_read_sized },
    { "readw", 1, 1, "ADDR", do_read_sized },
    { "readl", 1, 1, "ADDR", do_read_sized },
    { "readq", 1, 1, "ADDR", do_read_sized },
    { "writeb", 2, 2, "ADDR VALUE", do_write_sized },
    { "writew", 2, 2, "ADDR VALUE", do_write_sized },
    { "writel", 2, 2, "ADDR VALUE", do_write_sized },
    { "writeq", 2, 2, "ADDR VALUE", do_write_sized },
    { "read", 2, 2, "ADDR SIZE", do_read },
    { "write", 3, 3, "ADDR SIZE 0xDATA", do_write },
    { "b64read", 2, 2, "ADDR SIZE", do_b64read },
    { "b64write", 3, 3, "ADDR SIZE B64DATA", do_b64write },
    { "memset", 3, 3, "ADDR SIZE VALUE", do_memset },
    { "inb", 1, 1, "ADDR", do_port_io },
    { "inw", 1, 1, "ADDR", do_port_io },
    { "inl", 1, 1, "ADDR", do_port_io },
    { "outb", 2, 2, "ADDR VALUE", do_port_io },
    { "outw", 2, 2, "ADDR VALUE", do_port_io },
    { "outl", 2, 2, "ADDR VALUE", do_port_io },
    { "endianness", 0, 0, "", do_endianness },
    { "clock_step", 0, 1, "[NS]", do_clock_step },
    { "clock_set", 1, 1, "NS", do_clock_set },
    { "irq_intercept_in", 1, 1, "QOMPATH", do_irq_intercept_in },
    { "irq_intercept_out", 1, 2, "QOMPATH [NAME]", do_irq_intercept_out },
    { "set_irq_in", 4, 4, "QOMPATH NAME NUM LEVEL", do_set_irq_in },
    { "rtas", 0, INT_MAX, "NAME NARGS ARGS NRET RETS", do_rtas },
};

void qtest_process_line(QTestSession *s, const char *line)
{
    g_auto(GStrv) w = g_strsplit(line, " ", -1);
    const QTestCommand *cmd = NULL;
    g_autofree char *reply = NULL;
    Error *err = NULL;
    int nargs;

    qtest_log(s, 'R', line);
    nargs = g_strv_length(w) - 1;
    for (size_t i = 0; w[0] && i < ARRAY_SIZE(commands); i++) {
        if (!strcmp(commands[i].name, w[0])) {
            cmd = &commands[i];
            break;
        }
    }
    if (!cmd) {
        qtest_send_line(s, "FAIL Unknown command '%.64s'", w[0] ? w[0] : "");
        return;
    }
    for (int i = 1; i <= nargs; i++) {
        if (!*w[i]) {
            error_setg(&err, "empty argument %d (words are separated by one space)", i);
            break;
        }
    }
    if (!err && nargs < cmd->min_args) {
        error_setg(&err, "missing argument (usage: %s %s)", cmd->name, cmd->usage);
    } else if (!err && nargs > cmd->max_args) {
        error_setg(&err, "too many arguments (usage: %s %s)", cmd->name, cmd->usage);
    }
    if (!err) {
        reply = cmd->handler(s, w, nargs, &err);
    }
    if (err) {
        qtest_send_line(s, "FAIL %s: %s", cmd->name, error_get_pretty(err));
        error_free(err);
    } else if (reply) {
        qtest_send_line(s, "OK %s", reply);
    } else {
        qtest_send_str(s, "OK");
    }
}

/* ---- sessions ---- */

QTestSession *qtest_session_new(QTestSendFunc *send, void *opaque)
{
    QTestSession *s = g_new0(QTestSession, 1);

    s->send = send;
    s->opaque = opaque;
    s->start_us = g_get_monotonic_time();
    s->inbuf = g_string_new(NULL);
    return s;
}

void qtest_session_set_log(QTestSession *s, FILE *log)
{
    s->log = log;
}

void qtest_session_free(QTestSession *s)
{
    if (!s) {
        return;
    }
    if (irq_session == s) {
        irq_session = NULL;
    }
    g_string_free(s->inbuf, TRUE);
    g_free(s);
}

void qtest_session_reset_input(QTestSession *s)
{
    g_string_truncate(s->inbuf, 0);
    s->scanned = 0;
    s->discarding = false;
}

void qtest_session_feed(QTestSession *s, const uint8_t *buf, size_t len)
{
    g_string_append_len(s->inbuf, (const char *)buf, len);
    for (;;) {
        char *nl = memchr(s->inbuf->str + s->scanned, '\n', s->inbuf->len - s->scanned);
        g_autofree char *line = NULL;
        gsize n;

        if (!nl) {
            break;
        }
        n = nl - s->inbuf->str;
        line = g_strndup(s->inbuf->str, n > 0 && s->inbuf->str[n - 1] == '\r' ? n - 1 : n);
        g_string_erase(s->inbuf, 0, n + 1);
        s->scanned = 0;
        if (s->discarding) {
            s->discarding = false;      /* the end of the oversized line */
            continue;
        }
        qtest_process_line(s, line);
    }
    s->scanned = s->inbuf->len;
    if (s->inbuf->len > QTEST_MAX_LINE) {
        if (!s->discarding) {
            qtest_send_line(s, "FAIL line too long (more than %d bytes without a newline)",
                            QTEST_MAX_LINE);
            s->discarding = true;
        }
        g_string_truncate(s->inbuf, 0);
        s->scanned = 0;
    }
}

/* ---- the server on -qtest CHARDEV ---- */

static struct {
    CharBackend be;
    bool be_init;
    QTestSession *session;
    FILE *log;
} server;

static void server_send(void *opaque, const char *buf, size_t len)
{
    qemu_chr_fe_write_all(&server.be, (const uint8_t *)buf, len);
}

static int server_can_read(void *opaque)
{
    return 4096;
}

static void server_read(void *opaque, const uint8_t *buf, int size)
{
    qtest_session_feed(server.session, buf, size);
}

static void server_event(void *opaque, QEMUChrEvent event)
{
    if (event == CHR_EVENT_OPENED || event == CHR_EVENT_CLOSED) {
        qtest_session_reset_input(server.session);
    }
}

bool qtest_server_init(const char *spec, const char *log_path, Error **errp)
{
    Chardev *chr;

    assert(!server.session);
    if (log_path && strcmp(log_path, "none")) {
        server.log = fopen(log_path, "w");
        if (!server.log) {
            error_setg_errno(errp, errno, "-qtest-log %s: cannot open", log_path);
            return false;
        }
    }
    chr = qemu_chr_new("qtest", spec, NULL, errp);
    if (!chr) {
        if (errp && !*errp) {
            error_setg(errp, "a chardev is required");
        }
        error_prepend(errp, "-qtest %s: ", spec);
        qtest_server_cleanup();
        return false;
    }
    if (!qemu_chr_fe_init(&server.be, chr, errp)) {
        error_prepend(errp, "-qtest %s: ", spec);
        qtest_server_cleanup();
        return false;
    }
    server.be_init = true;
    server.session = qtest_session_new(server_send, NULL);
    qtest_session_set_log(server.session, server.log);
    qemu_chr_fe_set_handlers(&server.be, server_can_read, server_read, server_event,
                             NULL, NULL, NULL, true);
    return true;
}

void qtest_server_cleanup(void)
{
    if (server.be_init) {
        qemu_chr_fe_deinit(&server.be, true);
        server.be_init = false;
    }
    qtest_session_free(server.session);
    server.session = NULL;
    if (server.log) {
        fclose(server.log);
        server.log = NULL;
    }
    intercepts_clear();
}

/* ---- the accelerator ---- */

bool qtest_enabled(void)
{
    AccelState *accel = current_accel();

    return accel && object_dynamic_cast(OBJECT(accel), TYPE_QTEST_ACCEL);
}

/* No guest code runs; guest time is whatever the test sets. */
static bool qtest_accel_init(AccelState *accel, Error **errp)
{
    qemu_clock_set_manual(true);
    return true;
}

static void qtest_accel_cleanup(AccelState *accel)
{
    qemu_clock_set_manual(false);
}

static void qtest_accel_class_init(ObjectClass *oc, void *data)
{
    AccelClass *ac = ACCEL_CLASS(oc);

    ac->name = "qtest";
    ac->init_machine = qtest_accel_init;
    ac->cleanup = qtest_accel_cleanup;
}

static const TypeInfo qtest_accel_types[] = {
    {
        .name = TYPE_QTEST_ACCEL,
        .parent = TYPE_ACCEL,
        .class_init = qtest_accel_class_init,
    },
};

DEFINE_TYPES(qtest_accel_types)
