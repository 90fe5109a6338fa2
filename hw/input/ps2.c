/*
 * PS/2 keyboard and mouse: the command protocols of an MF-II keyboard and
 * a PS/2 mouse with the IntelliMouse wheel extension, a 16-byte queue
 * towards the host interface, and the input API (see the header).
 *
 * A command from the host discards bytes not yet read: the device aborts
 * what it was sending when the host takes the line, and the host expects
 * the acknowledge (0xfa) next.
 */
#include "qemu/osdep.h"
#include "qemu/log.h"
#include "hw/input/ps2.h"
#include "ui/input.h"

#define PS2_ACK         0xfa
#define PS2_RESEND      0xfe
#define PS2_SELFTEST_OK 0xaa
#define PS2_ECHO        0xee

/* Commands */
#define KBD_SET_LEDS        0xed
#define KBD_ECHO            0xee
#define KBD_SCANCODE_SET    0xf0
#define KBD_IDENTIFY        0xf2
#define KBD_TYPEMATIC       0xf3
#define KBD_ENABLE          0xf4
#define KBD_DISABLE         0xf5
#define KBD_DEFAULTS        0xf6
#define KBD_RESEND          0xfe
#define KBD_RESET           0xff

#define MOUSE_SCALING_11    0xe6
#define MOUSE_SCALING_21    0xe7
#define MOUSE_RESOLUTION    0xe8
#define MOUSE_STATUS        0xe9
#define MOUSE_STREAM        0xea
#define MOUSE_READ_DATA     0xeb
#define MOUSE_RESET_WRAP    0xec
#define MOUSE_WRAP          0xee
#define MOUSE_REMOTE        0xf0
#define MOUSE_GET_ID        0xf2
#define MOUSE_SAMPLE_RATE   0xf3
#define MOUSE_ENABLE        0xf4
#define MOUSE_DISABLE       0xf5
#define MOUSE_DEFAULTS      0xf6
#define MOUSE_RESEND        0xfe
#define MOUSE_RESET         0xff

#define MOUSE_STATUS_REMOTE   0x40
#define MOUSE_STATUS_ENABLED  0x20
#define MOUSE_STATUS_SCALE21  0x10

/* Live devices, most recently initialized first. */
static GSList *keyboards;
static GSList *mice;

/* ---- queue ---- */

static unsigned ps2_room(const PS2State *s)
{
    return PS2_QUEUE_SIZE - s->count;
}

static void ps2_queue_raw(PS2State *s, uint8_t b)
{
    assert(s->count < PS2_QUEUE_SIZE);
    s->data[(s->rptr + s->count) % PS2_QUEUE_SIZE] = b;
    s->count++;
    if (s->count == 1) {
        s->update(s->opaque, 1);
    }
}

static void ps2_queue(PS2State *s, const uint8_t *bytes, unsigned n)
{
    /* All or nothing: a partial reply or scan sequence confuses the host. */
    if (ps2_room(s) < n) {
        return;
    }
    for (unsigned i = 0; i < n; i++) {
        ps2_queue_raw(s, bytes[i]);
    }
}

static void ps2_queue1(PS2State *s, uint8_t b)
{
    ps2_queue(s, &b, 1);
}

static void ps2_queue2(PS2State *s, uint8_t b1, uint8_t b2)
{
    uint8_t b[2] = { b1, b2 };

    ps2_queue(s, b, 2);
}

static void ps2_clear_queue(PS2State *s)
{
    bool had = s->count > 0;

    s->rptr = 0;
    s->count = 0;
    if (had) {
        s->update(s->opaque, 0);
    }
}

bool ps2_has_data(const PS2State *s)
{
    return s->count > 0;
}

uint8_t ps2_peek_data(const PS2State *s)
{
    return s->count ? s->data[s->rptr] : s->last;
}

static void ps2_mouse_flush(PS2MouseState *s);

uint8_t ps2_read_data(PS2State *s)
{
    if (s->count == 0) {
        return s->last;
    }
    s->last = s->data[s->rptr];
    s->rptr = (s->rptr + 1) % PS2_QUEUE_SIZE;
    s->count--;
    if (s->count == 0) {
        s->update(s->opaque, 0);
    }
    /* Room again: pending motion may now fit. */
    if (s->is_mouse) {
        ps2_mouse_flush(container_of(s, PS2MouseState, common));
    }
    return s->last;
}

static void ps2_common_reset(PS2State *s)
{
    ps2_clear_queue(s);
    s->last = 0;
    s->write_cmd = -1;
}

/* ---- keyboard ---- */

static void ps2_kbd_defaults(PS2KbdState *s)
{
    s->scancode_set = 2;
    s->typematic = 0x2b;    /* 10.9 cps, 500 ms */
}

void ps2_kbd_reset(PS2KbdState *s)
{
    ps2_common_reset(&s->common);
    ps2_kbd_defaults(s);
    s->scan_enabled = true;
    s->leds = 0;
}

void ps2_kbd_init(PS2KbdState *s, PS2UpdateFn *update, void *opaque)
{
    s->common.update = update;
    s->common.opaque = opaque;
    ps2_kbd_reset(s);
    keyboards = g_slist_prepend(keyboards, s);
}

void ps2_kbd_cleanup(PS2KbdState *s)
{
    keyboards = g_slist_remove(keyboards, s);
}

PS2KbdState *ps2_keyboard_default(void)
{
    return keyboards ? keyboards->data : NULL;
}

static void ps2_kbd_param(PS2KbdState *s, uint8_t cmd, uint8_t val)
{
    PS2State *c = &s->common;

    switch (cmd) {
    case KBD_SET_LEDS:
        s->leds = val & 7;
        ps2_queue1(c, PS2_ACK);
        break;
    case KBD_TYPEMATIC:
        s->typematic = val & 0x7f;
        ps2_queue1(c, PS2_ACK);
        break;
    case KBD_SCANCODE_SET:
        if (val == 0) {
            ps2_queue2(c, PS2_ACK, s->scancode_set);
        } else if (val == 1 || val == 2) {
            s->scancode_set = val;
            ps2_queue1(c, PS2_ACK);
        } else {
            qemu_log_mask(LOG_UNIMP, "ps2: scancode set %u is not "
                          "implemented\n", val);
            ps2_queue1(c, PS2_RESEND);
        }
        break;
    }
}

void ps2_write_keyboard(PS2KbdState *s, uint8_t byte)
{
    PS2State *c = &s->common;

    if (c->write_cmd >= 0) {
        uint8_t cmd = c->write_cmd;

        c->write_cmd = -1;
        ps2_clear_queue(c);
        ps2_kbd_param(s, cmd, byte);
        return;
    }
    if (byte == KBD_RESEND) {
        ps2_queue1(c, c->last);
        return;
    }
    ps2_clear_queue(c);
    switch (byte) {
    case KBD_SET_LEDS:
    case KBD_TYPEMATIC:
    case KBD_SCANCODE_SET:
        c->write_cmd = byte;
        ps2_queue1(c, PS2_ACK);
        break;
    case KBD_ECHO:
        ps2_queue1(c, PS2_ECHO);
        break;
    case KBD_IDENTIFY: {
        static const uint8_t id[] = { PS2_ACK, 0xab, 0x83 };

        ps2_queue(c, id, sizeof(id));
        break;
    }
    case KBD_ENABLE:
        s->scan_enabled = true;
        ps2_queue1(c, PS2_ACK);
        break;
    case KBD_DISABLE:
        ps2_kbd_defaults(s);
        s->scan_enabled = false;
        ps2_queue1(c, PS2_ACK);
        break;
    case KBD_DEFAULTS:
        ps2_kbd_defaults(s);
        ps2_queue1(c, PS2_ACK);
        break;
    case KBD_RESET:
        ps2_kbd_reset(s);
        ps2_queue2(c, PS2_ACK, PS2_SELFTEST_OK);
        break;
    case 0xf7 ... 0xfd:
        /* Set-3 key attributes: acknowledged, no effect in sets 1/2. */
        ps2_queue1(c, PS2_ACK);
        break;
    default:
        qemu_log_mask(LOG_GUEST_ERROR, "ps2: unknown keyboard command "
                      "0x%02x\n", byte);
        ps2_queue1(c, PS2_RESEND);
        break;
    }
}

void ps2_keyboard_event(PS2KbdState *s, int qcode, bool down)
{
    uint16_t code = qemu_input_qcode_to_scancode(qcode, s->scancode_set);
    uint8_t seq[4];
    unsigned n = 0;

    if (!code || !s->scan_enabled) {
        return;
    }
    if (code & 0xff00) {
        seq[n++] = code >> 8;
    }
    if (s->scancode_set == 1) {
        seq[n++] = (code & 0xff) | (down ? 0 : 0x80);
    } else {
        if (!down) {
            seq[n++] = 0xf0;
        }
        seq[n++] = code & 0xff;
    }
    ps2_queue(&s->common, seq, n);
}

/* ---- mouse ---- */

static void ps2_mouse_defaults(PS2MouseState *s)
{
    s->status = 0;
    s->resolution = 2;      /* 4 counts/mm */
    s->sample_rate = 100;
}

void ps2_mouse_reset(PS2MouseState *s)
{
    ps2_common_reset(&s->common);
    ps2_mouse_defaults(s);
    s->wrap = 0;
    s->type = 0;
    s->detect_state = 0;
    s->buttons = 0;
    s->sent_buttons = 0;
    s->dx = s->dy = s->dz = 0;
}

void ps2_mouse_init(PS2MouseState *s, PS2UpdateFn *update, void *opaque)
{
    s->common.update = update;
    s->common.opaque = opaque;
    s->common.is_mouse = true;
    ps2_mouse_reset(s);
    mice = g_slist_prepend(mice, s);
}

void ps2_mouse_cleanup(PS2MouseState *s)
{
    mice = g_slist_remove(mice, s);
}

PS2MouseState *ps2_mouse_default(void)
{
    return mice ? mice->data : NULL;
}

static unsigned packet_size(PS2MouseState *s)
{
    return s->type == 3 ? 4 : 3;
}

/* Queues one movement packet with the deltas clamped to its range. */
static void ps2_mouse_send_packet(PS2MouseState *s)
{
    int dx = MIN(MAX(s->dx, -256), 255);
    int dy = MIN(MAX(-s->dy, -256), 255);   /* the packet's y goes up */
    int dz = MIN(MAX(s->dz, -8), 7);
    uint8_t b[4];

    b[0] = 0x08 | (s->buttons & 7) | (dx < 0 ? 0x10 : 0) | (dy < 0 ? 0x20 : 0);
    b[1] = dx & 0xff;
    b[2] = dy & 0xff;
    b[3] = dz & 0x0f;
    ps2_queue(&s->common, b, packet_size(s));
    s->sent_buttons = s->buttons;
    s->dx -= dx;
    s->dy += dy;
    s->dz -= s->type == 3 ? dz : s->dz;
}

static void ps2_mouse_flush(PS2MouseState *s)
{
    if (!(s->status & MOUSE_STATUS_ENABLED) || (s->status & MOUSE_STATUS_REMOTE)) {
        return;
    }
    while ((s->dx || s->dy || (s->dz && s->type == 3) ||
            s->buttons != s->sent_buttons) &&
           ps2_room(&s->common) >= packet_size(s)) {
        ps2_mouse_send_packet(s);
    }
}

void ps2_mouse_event(PS2MouseState *s, int dx, int dy, int dz,
                     unsigned buttons)
{
    if (!(s->status & MOUSE_STATUS_ENABLED) || (s->status & MOUSE_STATUS_REMOTE)) {
        /* Remote mode keeps counting for READ_DATA; disabled drops. */
        if (s->status & MOUSE_STATUS_REMOTE) {
            s->dx += dx;
            s->dy += dy;
            s->dz += dz;
            s->buttons = buttons & 7;
        }
        return;
    }
    s->dx += dx;
    s->dy += dy;
    s->dz += dz;
    s->buttons = buttons & 7;
    ps2_mouse_flush(s);
}

static void ps2_mouse_param(PS2MouseState *s, uint8_t cmd, uint8_t val)
{
    PS2State *c = &s->common;

    switch (cmd) {
    case MOUSE_SAMPLE_RATE:
        s->sample_rate = val;
        /* IntelliMouse knock: rates 200, 100, 80 in a row make id 3. */
        if (s->detect_state == 0 && val == 200) {
            s->detect_state = 1;
        } else if (s->detect_state == 1 && val == 100) {
            s->detect_state = 2;
        } else if (s->detect_state == 2 && val == 80) {
            s->type = 3;
            s->detect_state = 0;
        } else {
            s->detect_state = val == 200 ? 1 : 0;
        }
        ps2_queue1(c, PS2_ACK);
        break;
    case MOUSE_RESOLUTION:
        s->resolution = val & 3;
        ps2_queue1(c, PS2_ACK);
        break;
    }
}

void ps2_write_mouse(PS2MouseState *s, uint8_t byte)
{
    PS2State *c = &s->common;

    if (c->write_cmd >= 0) {
        uint8_t cmd = c->write_cmd;

        c->write_cmd = -1;
        ps2_clear_queue(c);
        ps2_mouse_param(s, cmd, byte);
        return;
    }
    if (s->wrap && byte != MOUSE_RESET_WRAP && byte != MOUSE_RESET) {
        ps2_queue1(c, byte);
        return;
    }
    if (byte == MOUSE_RESEND) {
        ps2_queue1(c, c->last);
        return;
    }
    ps2_clear_queue(c);
    switch (byte) {
    case MOUSE_SAMPLE_RATE:
    case MOUSE_RESOLUTION:
        c->write_cmd = byte;
        ps2_queue1(c, PS2_ACK);
        return;     /* the knock continues across the parameter */
    case MOUSE_SCALING_11:
        s->status &= ~MOUSE_STATUS_SCALE21;
        ps2_queue1(c, PS2_ACK);
        break;
    case MOUSE_SCALING_21:
        s->status |= MOUSE_STATUS_SCALE21;
        ps2_queue1(c, PS2_ACK);
        break;
    case MOUSE_STATUS: {
        /* Status byte buttons: bit 2 left, 1 middle, 0 right. */
        uint8_t btn = ((s->buttons & INPUT_BUTTON_LEFT) ? 4 : 0) |
                      ((s->buttons & INPUT_BUTTON_MIDDLE) ? 2 : 0) |
                      ((s->buttons & INPUT_BUTTON_RIGHT) ? 1 : 0);
        uint8_t st[] = { PS2_ACK, s->status | btn, s->resolution,
                         s->sample_rate };

        ps2_queue(c, st, sizeof(st));
        break;
    }
    case MOUSE_STREAM:
        s->status &= ~MOUSE_STATUS_REMOTE;
        ps2_queue1(c, PS2_ACK);
        break;
    case MOUSE_READ_DATA:
        ps2_queue1(c, PS2_ACK);
        ps2_mouse_send_packet(s);
        break;
    case MOUSE_RESET_WRAP:
        s->wrap = 0;
        ps2_queue1(c, PS2_ACK);
        break;
    case MOUSE_WRAP:
        s->wrap = 1;
        ps2_queue1(c, PS2_ACK);
        break;
    case MOUSE_REMOTE:
        s->status |= MOUSE_STATUS_REMOTE;
        ps2_queue1(c, PS2_ACK);
        break;
    case MOUSE_GET_ID:
        ps2_queue2(c, PS2_ACK, s->type);
        break;
    case MOUSE_ENABLE:
        s->status |= MOUSE_STATUS_ENABLED;
        s->dx = s->dy = s->dz = 0;
        ps2_queue1(c, PS2_ACK);
        break;
    case MOUSE_DISABLE:
        s->status &= ~MOUSE_STATUS_ENABLED;
        ps2_queue1(c, PS2_ACK);
        break;
    case MOUSE_DEFAULTS:
        ps2_mouse_defaults(s);
        ps2_queue1(c, PS2_ACK);
        break;
    case MOUSE_RESET: {
        static const uint8_t rst[] = { PS2_ACK, PS2_SELFTEST_OK, 0x00 };

        ps2_mouse_reset(s);
        ps2_queue(c, rst, sizeof(rst));
        break;
    }
    default:
        qemu_log_mask(LOG_GUEST_ERROR, "ps2: unknown mouse command 0x%02x\n",
                      byte);
        ps2_queue1(c, PS2_RESEND);
        break;
    }
    s->detect_state = 0;
}

/* ---- migration ---- */

static bool ps2_common_post_load(PS2State *s, const char *what, Error **errp)
{
    if (s->rptr >= PS2_QUEUE_SIZE || s->count > PS2_QUEUE_SIZE) {
        error_setg(errp, "%s: fields 'rptr' %u / 'count' %u exceed the queue "
                   "size %u", what, s->rptr, s->count, PS2_QUEUE_SIZE);
        return false;
    }
    if (s->write_cmd < -1 || s->write_cmd > 0xff) {
        error_setg(errp, "%s: field 'write_cmd' %d is not a command",
                   what, s->write_cmd);
        return false;
    }
    return true;
}

static bool ps2_kbd_post_load(void *opaque, int version_id, Error **errp)
{
    PS2KbdState *s = opaque;

    if (s->scancode_set != 1 && s->scancode_set != 2) {
        error_setg(errp, "ps2kbd: field 'scancode_set' %u is not 1 or 2",
                   s->scancode_set);
        return false;
    }
    return ps2_common_post_load(&s->common, "ps2kbd", errp);
}

static bool ps2_mouse_post_load(void *opaque, int version_id, Error **errp)
{
    PS2MouseState *s = opaque;

    return ps2_common_post_load(&s->common, "ps2mouse", errp);
}

#define VMSTATE_PS2_COMMON(S) \
    VMSTATE_UINT8_ARRAY(common.data, S, PS2_QUEUE_SIZE), \
    VMSTATE_UINT32(common.rptr, S), \
    VMSTATE_UINT32(common.count, S), \
    VMSTATE_UINT8(common.last, S), \
    VMSTATE_INT32(common.write_cmd, S)

const VMStateDescription vmstate_ps2_keyboard = {
    .name = "ps2kbd",
    .version_id = 1,
    .minimum_version_id = 1,
    .post_load = ps2_kbd_post_load,
    .fields = (const VMStateField[]) {
        VMSTATE_PS2_COMMON(PS2KbdState),
        VMSTATE_BOOL(scan_enabled, PS2KbdState),
        VMSTATE_UINT8(scancode_set, PS2KbdState),
        VMSTATE_UINT8(leds, PS2KbdState),
        VMSTATE_UINT8(typematic, PS2KbdState),
        VMSTATE_END_OF_LIST()
    },
};

const VMStateDescription vmstate_ps2_mouse = {
    .name = "ps2mouse",
    .version_id = 1,
    .minimum_version_id = 1,
    .post_load = ps2_mouse_post_load,
    .fields = (const VMStateField[]) {
        VMSTATE_PS2_COMMON(PS2MouseState),
        VMSTATE_UINT8(status, PS2MouseState),
        VMSTATE_UINT8(resolution, PS2MouseState),
        VMSTATE_UINT8(sample_rate, PS2MouseState),
        VMSTATE_UINT8(wrap, PS2MouseState),
        VMSTATE_UINT8(type, PS2MouseState),
        VMSTATE_UINT8(detect_state, PS2MouseState),
        VMSTATE_UINT8(buttons, PS2MouseState),
        VMSTATE_UINT8(sent_buttons, PS2MouseState),
        VMSTATE_INT32(dx, PS2MouseState),
        VMSTATE_INT32(dy, PS2MouseState),
        VMSTATE_INT32(dz, PS2MouseState),
        VMSTATE_END_OF_LIST()
    },
};
