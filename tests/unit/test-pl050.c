/*
 * PL050 KMI with its PS/2 keyboard and mouse, through the registers:
 * identification, status and interrupts, the keyboard's command protocol
 * and scan codes (sets 1 and 2), the mouse's commands, IntelliMouse
 * detection and movement packets, the 16-byte queue, the input API.
 */
#include "qemu/osdep.h"
#include "devtest.h"
#include "hw/input/pl050.h"
#include "ui/input.h"
#include "migration/vmstate.h"

#define BASE 0x10006000
#define CR      (BASE + 0x00)
#define STAT    (BASE + 0x04)
#define DATA    (BASE + 0x08)
#define CLKDIV  (BASE + 0x0c)
#define IR      (BASE + 0x10)

#define CR_EN       0x04
#define CR_TXIE     0x08
#define CR_RXIE     0x10
#define ST_RXFULL   0x10
#define ST_TXEMPTY  0x40

typedef struct Fixture {
    DeviceState *dev;
    IrqRecorder irq;
    PL050State *s;
} Fixture;

static void fixture_setup(Fixture *f, gconstpointer data)
{
    f->dev = devtest_create(data ? TYPE_PL050_MOUSE : TYPE_PL050_KBD, BASE,
                            &f->irq, NULL, NULL);
    f->s = PL050(f->dev);
    devtest_writel(CR, CR_EN | CR_RXIE);
    devtest_log_start();
}

static void fixture_teardown(Fixture *f, gconstpointer data)
{
    devtest_log_stop();
    devtest_destroy(f->dev, &f->irq);
}

/* Reads every queued byte into OUT (at most MAX); returns the count. */
static unsigned drain(uint8_t *out, unsigned max)
{
    unsigned n = 0;

    while (devtest_readl(STAT) & ST_RXFULL) {
        g_assert_cmpuint(n, <, max);
        out[n++] = devtest_readl(DATA);
    }
    return n;
}

static void expect_bytes(const uint8_t *want, unsigned n)
{
    uint8_t got[PS2_QUEUE_SIZE];
    unsigned len = drain(got, sizeof(got));

    g_assert_cmpmem(got, len, want, n);
}

#define EXPECT(...) do {                                \
        static const uint8_t w_[] = { __VA_ARGS__ };    \
        expect_bytes(w_, sizeof(w_));                   \
    } while (0)

static void cmd(uint8_t b)
{
    devtest_writel(DATA, b);
}

static void test_ids_status(Fixture *f, gconstpointer data)
{
    static const uint8_t id[8] = { 0x50, 0x10, 0x04, 0x00,
                                   0x0d, 0xf0, 0x05, 0xb1 };

    for (int i = 0; i < 8; i++) {
        g_assert_cmphex(devtest_readl(BASE + 0xfe0 + 4 * i), ==, id[i]);
    }
    /* Idle: lines high, transmitter empty, nothing received. */
    g_assert_cmphex(devtest_readl(STAT), ==, ST_TXEMPTY | 3);
    devtest_writel(CR, CR_EN | 3);          /* force clock and data low */
    g_assert_cmphex(devtest_readl(STAT), ==, ST_TXEMPTY);
    devtest_writel(CLKDIV, 0xff);
    g_assert_cmphex(devtest_readl(CLKDIV), ==, 0xf);
    devtest_writel(CR, 0x20);
    devtest_log_expect("pl050: AT-mode line (KMITYPE) is not implemented");
    devtest_readl(BASE + 0x20);
    devtest_log_expect("pl050: read of bad offset 0x20");
    devtest_writel(BASE + 0x20, 0);
    devtest_log_expect("pl050: write of bad offset 0x20");
    devtest_writel(STAT, 0);
    devtest_log_expect("pl050: write to read-only offset 0x4");
    device_cold_reset(f->dev);
    g_assert_cmphex(devtest_readl(CR), ==, 0);
    cmd(0xff);
    devtest_log_expect("pl050: data 0xff written while the interface is "
                       "disabled");
    g_assert_false(devtest_readl(STAT) & ST_RXFULL);
}

static void test_interrupts(Fixture *f, gconstpointer data)
{
    g_assert_cmpint(f->irq.level, ==, 0);
    cmd(0xee);                              /* echo */
    g_assert_cmphex(devtest_readl(IR), ==, 1);
    g_assert_cmpint(f->irq.level, ==, 1);
    /* 0xee has six ones: odd parity bit is 1. */
    g_assert_cmphex(devtest_readl(STAT), ==, ST_TXEMPTY | ST_RXFULL | 4 | 3);
    g_assert_cmphex(devtest_readl(DATA), ==, 0xee);
    g_assert_cmpint(f->irq.level, ==, 0);
    /* An empty read returns the last byte again. */
    g_assert_cmphex(devtest_readl(DATA), ==, 0xee);
    /* TX interrupt: the transmitter is always empty. */
    devtest_writel(CR, CR_EN | CR_TXIE);
    g_assert_cmphex(devtest_readl(IR), ==, 2);
    g_assert_cmpint(f->irq.level, ==, 1);
    /* Masked by KMIEN. */
    devtest_writel(CR, CR_TXIE);
    g_assert_cmpint(f->irq.level, ==, 0);
}

static void test_kbd_commands(Fixture *f, gconstpointer data)
{
    cmd(0xff);
    EXPECT(0xfa, 0xaa);
    cmd(0xf2);
    EXPECT(0xfa, 0xab, 0x83);
    cmd(0xed);
    EXPECT(0xfa);
    cmd(0x07);
    EXPECT(0xfa);
    g_assert_cmpuint(f->s->kbd.leds, ==, 7);
    cmd(0xf3);                              /* typematic rate/delay */
    EXPECT(0xfa);
    cmd(0x20);
    EXPECT(0xfa);
    g_assert_cmpuint(f->s->kbd.typematic, ==, 0x20);
    cmd(0xf0);
    EXPECT(0xfa);
    cmd(0x00);
    EXPECT(0xfa, 0x02);                     /* current set */
    cmd(0xf0);
    cmd(0x03);                              /* the ack was never read */
    EXPECT(0xfe);
    devtest_log_expect("ps2: scancode set 3 is not implemented");
    cmd(0xfe);                              /* resend the last byte */
    EXPECT(0xfe);
    cmd(0xab);
    EXPECT(0xfe);
    devtest_log_expect("ps2: unknown keyboard command 0xab");
    cmd(0xfa);                              /* set-3 attribute command */
    EXPECT(0xfa);
    cmd(0xf6);
    EXPECT(0xfa);
    g_assert_cmpuint(f->s->kbd.typematic, ==, 0x2b);
}

static void test_kbd_scancodes(Fixture *f, gconstpointer data)
{
    PS2KbdState *kbd = &f->s->kbd;

    g_assert_true(ps2_keyboard_default() == kbd);
    /* A newer keyboard takes over; when it goes, the older one is back. */
    DeviceState *other = qdev_new(TYPE_PL050_KBD);
    g_assert_true(ps2_keyboard_default() == &PL050(other)->kbd);
    object_unref(OBJECT(other));
    g_assert_true(ps2_keyboard_default() == kbd);
    ps2_keyboard_event(kbd, Q_KEY_CODE_A, true);
    ps2_keyboard_event(kbd, Q_KEY_CODE_A, false);
    EXPECT(0x1c, 0xf0, 0x1c);
    g_assert_cmpint(f->irq.raises, ==, 1);
    ps2_keyboard_event(kbd, Q_KEY_CODE_UP, true);
    ps2_keyboard_event(kbd, Q_KEY_CODE_UP, false);
    EXPECT(0xe0, 0x75, 0xe0, 0xf0, 0x75);
    ps2_keyboard_event(kbd, qemu_input_qcode_from_name("ret"), true);
    EXPECT(0x5a);

    /* Scanning disabled: keys are dropped; 0xf5 also restores defaults. */
    cmd(0xf5);
    EXPECT(0xfa);
    ps2_keyboard_event(kbd, Q_KEY_CODE_A, true);
    g_assert_false(devtest_readl(STAT) & ST_RXFULL);
    cmd(0xf4);
    EXPECT(0xfa);

    /* Set 1: break = make | 0x80. */
    cmd(0xf0);
    EXPECT(0xfa);
    cmd(0x01);
    EXPECT(0xfa);
    ps2_keyboard_event(kbd, Q_KEY_CODE_A, true);
    ps2_keyboard_event(kbd, Q_KEY_CODE_A, false);
    ps2_keyboard_event(kbd, Q_KEY_CODE_RIGHT, false);
    EXPECT(0x1e, 0x9e, 0xe0, 0xcd);

    /* Queue of 16: a sequence that does not fit whole is dropped. */
    for (int i = 0; i < 8; i++) {
        ps2_keyboard_event(kbd, Q_KEY_CODE_DELETE, true);    /* 2 bytes */
    }
    ps2_keyboard_event(kbd, Q_KEY_CODE_B, true);
    g_assert_cmpuint(kbd->common.count, ==, 16);
    uint8_t got[16];
    g_assert_cmpuint(drain(got, 16), ==, 16);
    g_assert_cmphex(got[15], ==, 0x53);
}

static void test_key_names(void)
{
    g_assert_cmpint(qemu_input_qcode_from_name("kp_add"), ==, Q_KEY_CODE_KP_ADD);
    g_assert_cmpstr(qemu_input_qcode_name(Q_KEY_CODE_SHIFT_R), ==, "shift_r");
    g_assert_cmpint(qemu_input_qcode_from_name("nokey"), ==, -1);
    g_assert_null(qemu_input_qcode_name(Q_KEY_CODE__MAX));
    g_assert_cmphex(qemu_input_qcode_to_scancode(Q_KEY_CODE_F7, 2), ==, 0x83);
    g_assert_cmphex(qemu_input_qcode_to_scancode(Q_KEY_CODE_F7, 1), ==, 0x41);
    g_assert_cmphex(qemu_input_qcode_to_scancode(Q_KEY_CODE_UNMAPPED, 2), ==, 0);
}

static void test_mouse_commands(Fixture *f, gconstpointer data)
{
    cmd(0xff);
    EXPECT(0xfa, 0xaa, 0x00);
    cmd(0xf2);
    EXPECT(0xfa, 0x00);
    cmd(0xe8);
    cmd(0x03);
    cmd(0xf3);
    cmd(40);
    cmd(0xe7);
    EXPECT(0xfa);       /* each command discards what was unread */
    cmd(0xf4);
    EXPECT(0xfa);
    cmd(0xe9);
    EXPECT(0xfa, 0x30, 0x03, 40);           /* enabled, 2:1, res 3, 40/s */
    cmd(0xe6);
    cmd(0xf6);
    EXPECT(0xfa);
    cmd(0xe9);
    EXPECT(0xfa, 0x00, 0x02, 100);          /* defaults, reporting off */
    cmd(0x12);
    EXPECT(0xfe);
    devtest_log_expect("ps2: unknown mouse command 0x12");

    /* Wrap mode echoes everything but reset and reset-wrap. */
    cmd(0xee);
    EXPECT(0xfa);
    cmd(0x42);
    EXPECT(0x42);
    cmd(0xec);
    EXPECT(0xfa);
    cmd(0xfe);
    EXPECT(0xfa);
}

static void test_mouse_intellimouse(Fixture *f, gconstpointer data)
{
    static const uint8_t knock[] = { 200, 100, 80 };

    /* An interrupted knock does nothing. */
    cmd(0xf3); cmd(200); cmd(0xf3); cmd(80);
    cmd(0xf2);
    EXPECT(0xfa, 0x00);
    for (size_t i = 0; i < sizeof(knock); i++) {
        cmd(0xf3);
        cmd(knock[i]);
    }
    cmd(0xf2);
    EXPECT(0xfa, 0x03);

    cmd(0xf4);
    EXPECT(0xfa);
    ps2_mouse_event(&f->s->mouse, 5, 3, 1, 0);
    EXPECT(0x28, 0x05, 0xfd, 0x01);         /* y up is negative */
    cmd(0xff);
    EXPECT(0xfa, 0xaa, 0x00);
    cmd(0xf2);
    EXPECT(0xfa, 0x00);
}

static void test_mouse_movement(Fixture *f, gconstpointer data)
{
    PS2MouseState *m = &f->s->mouse;

    g_assert_true(ps2_mouse_default() == m);
    /* Reporting disabled: nothing. */
    ps2_mouse_event(m, 10, 10, 0, 0);
    g_assert_false(devtest_readl(STAT) & ST_RXFULL);
    cmd(0xf4);
    EXPECT(0xfa);
    ps2_mouse_event(m, -3, -7, 0, INPUT_BUTTON_LEFT);
    EXPECT(0x19, 0xfd, 0x07);
    ps2_mouse_event(m, 0, 0, 0, INPUT_BUTTON_LEFT | INPUT_BUTTON_MIDDLE);
    EXPECT(0x0d, 0x00, 0x00);
    ps2_mouse_event(m, 0, 0, 0, 0);
    EXPECT(0x08, 0x00, 0x00);
    /* Large motion goes out in clamped packets. */
    ps2_mouse_event(m, 300, 0, 0, 0);
    EXPECT(0x08, 0xff, 0x00, 0x08, 45, 0x00);
    /* Queue full: motion waits and leaves as the guest reads. */
    ps2_mouse_event(m, 255 * 8, 0, 0, 0);
    g_assert_cmpuint(m->common.count, ==, 15);
    uint8_t got[32];
    g_assert_cmpuint(drain(got, 32), ==, 24);
    g_assert_cmpint(m->dx, ==, 0);
    g_assert_cmphex(got[21], ==, 0x08);
    g_assert_cmphex(got[22], ==, 0xff);
    /* A button change that finds the queue full is sent once room exists. */
    ps2_mouse_event(m, 255 * 5, 0, 0, 0);
    g_assert_cmpuint(m->common.count, ==, 15);
    ps2_mouse_event(m, 0, 0, 0, INPUT_BUTTON_RIGHT);
    g_assert_cmpuint(drain(got, 32), ==, 18);
    g_assert_cmphex(got[15], ==, 0x0a);
    g_assert_cmphex(got[16], ==, 0x00);

    /* Remote mode: motion is read on request. */
    cmd(0xf0);
    EXPECT(0xfa);
    ps2_mouse_event(m, 4, 0, 0, INPUT_BUTTON_RIGHT);
    g_assert_false(devtest_readl(STAT) & ST_RXFULL);
    cmd(0xe9);
    EXPECT(0xfa, 0x61, 0x02, 100);
    cmd(0xeb);
    EXPECT(0xfa, 0x0a, 0x04, 0x00);
    cmd(0xea);
    EXPECT(0xfa);
}

static void test_vmstate(Fixture *f, gconstpointer data)
{
    DeviceClass *dc = DEVICE_GET_CLASS(f->dev);
    const VMStateDescription *ps2 = data ? &vmstate_ps2_mouse
                                         : &vmstate_ps2_keyboard;
    PS2State *c = data ? &f->s->mouse.common : &f->s->kbd.common;
    void *opaque = data ? (void *)&f->s->mouse : (void *)&f->s->kbd;
    Error *err = NULL;

    g_assert_true(vmstate_check_description(dc->vmsd, &error_abort));
    g_assert_cmpstr(dc->vmsd->name, ==, data ? "pl050_mouse" : "pl050_keyboard");
    g_assert_true(ps2->post_load(opaque, 1, &error_abort));
    c->count = 17;
    g_assert_false(ps2->post_load(opaque, 1, &err));
    g_assert_cmpstr(error_get_pretty(err), ==,
                    data ? "ps2mouse: fields 'rptr' 0 / 'count' 17 exceed the "
                           "queue size 16"
                         : "ps2kbd: fields 'rptr' 0 / 'count' 17 exceed the "
                           "queue size 16");
    g_clear_pointer(&err, error_free);
    c->count = 0;
    c->write_cmd = 0x100;
    g_assert_false(ps2->post_load(opaque, 1, &err));
    g_assert_nonnull(strstr(error_get_pretty(err),
                            "field 'write_cmd' 256 is not a command"));
    g_clear_pointer(&err, error_free);
    c->write_cmd = -1;
    if (!data) {
        f->s->kbd.scancode_set = 3;
        g_assert_false(ps2->post_load(opaque, 1, &err));
        g_assert_cmpstr(error_get_pretty(err), ==,
                        "ps2kbd: field 'scancode_set' 3 is not 1 or 2");
        g_clear_pointer(&err, error_free);
    }
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    devtest_init();
#define ADD(path, fn, data) \
    g_test_add("/pl050/" path, Fixture, data, fixture_setup, fn, \
               fixture_teardown)
    ADD("ids-status", test_ids_status, NULL);
    ADD("interrupts", test_interrupts, NULL);
    ADD("kbd-commands", test_kbd_commands, NULL);
    ADD("kbd-scancodes", test_kbd_scancodes, NULL);
    ADD("mouse-commands", test_mouse_commands, "mouse");
    ADD("mouse-intellimouse", test_mouse_intellimouse, "mouse");
    ADD("mouse-movement", test_mouse_movement, "mouse");
    ADD("vmstate-kbd", test_vmstate, NULL);
    ADD("vmstate-mouse", test_vmstate, "mouse");
    g_test_add_func("/pl050/key-names", test_key_names);
    return g_test_run();
}
