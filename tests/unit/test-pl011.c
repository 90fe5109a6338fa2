/*
 * PL011 UART through its registers: identification, transmit with
 * back-pressure, receive with flow control, interrupts, loopback, break,
 * and its state description.
 */
#include "qemu/osdep.h"
#include "devtest.h"
#include "hw/char/pl011.h"
#include "chardev/char-fe.h"
#include "migration/vmstate.h"

#define BASE 0x10009000
#define DR      (BASE + 0x000)
#define RSR     (BASE + 0x004)
#define FR      (BASE + 0x018)
#define LCR_H   (BASE + 0x02c)
#define CR      (BASE + 0x030)
#define IFLS    (BASE + 0x034)
#define IMSC    (BASE + 0x038)
#define RIS     (BASE + 0x03c)
#define MIS     (BASE + 0x040)
#define ICR     (BASE + 0x044)

#define FR_BUSY 0x08
#define FR_RXFE 0x10
#define FR_TXFF 0x20
#define FR_RXFF 0x40
#define FR_TXFE 0x80
#define INT_RX  0x10
#define INT_TX  0x20
#define INT_RT  0x40
#define INT_BE  0x200
#define INT_OE  0x400

typedef struct Fixture {
    CaptureChardev *cap;
    DeviceState *dev;
    IrqRecorder irq;
} Fixture;

static void attach_capture(DeviceState *dev, void *opaque)
{
    Fixture *f = opaque;

    g_assert_true(qemu_chr_fe_init(&PL011(dev)->chr, &f->cap->parent,
                                   &error_abort));
}

static void fixture_setup(Fixture *f, gconstpointer data)
{
    f->cap = capture_chardev_new("serial-test");
    f->dev = devtest_create(TYPE_PL011, BASE, &f->irq, attach_capture, f);
}

static void fixture_teardown(Fixture *f, gconstpointer data)
{
    devtest_destroy(f->dev, &f->irq);
    capture_chardev_free(f->cap);
}

static void test_ids(Fixture *f, gconstpointer data)
{
    static const uint8_t id[8] = { 0x11, 0x10, 0x14, 0x00,
                                   0x0d, 0xf0, 0x05, 0xb1 };

    for (int i = 0; i < 8; i++) {
        g_assert_cmphex(devtest_readl(BASE + 0xfe0 + 4 * i), ==, id[i]);
        g_assert_cmphex(devtest_readb(BASE + 0xfe0 + 4 * i), ==, id[i]);
    }
}

static void test_reset_values(Fixture *f, gconstpointer data)
{
    g_assert_cmphex(devtest_readl(CR), ==, 0x300);
    g_assert_cmphex(devtest_readl(IFLS), ==, 0x12);
    g_assert_cmphex(devtest_readl(FR), ==, FR_TXFE | FR_RXFE);
    g_assert_cmphex(devtest_readl(IMSC), ==, 0);
    g_assert_cmpint(f->irq.level, ==, 0);
}

static void test_transmit(Fixture *f, gconstpointer data)
{
    devtest_writel(CR, 0x301);
    devtest_writel(DR, 'H');
    devtest_writel(DR, 'i');
    g_assert_cmpuint(f->cap->out->len, ==, 2);
    g_assert_cmpmem(f->cap->out->data, 2, "Hi", 2);
    g_assert_cmphex(devtest_readl(FR) & (FR_TXFE | FR_BUSY), ==, FR_TXFE);
}

static void test_transmit_backpressure(Fixture *f, gconstpointer data)
{
    devtest_writel(LCR_H, 0x70);            /* FIFOs on, 8 bits */
    devtest_writel(CR, 0x301);
    f->cap->busy = true;
    devtest_writel(DR, 'a');
    devtest_writel(DR, 'b');
    devtest_writel(DR, 'c');
    devtest_run_pending();
    /* Held in the TX FIFO, not dropped. */
    g_assert_cmpuint(f->cap->out->len, ==, 0);
    g_assert_cmphex(devtest_readl(FR) & (FR_TXFE | FR_BUSY), ==, FR_BUSY);
    f->cap->busy = false;
    devtest_run_pending();
    g_assert_cmpuint(f->cap->out->len, ==, 3);
    g_assert_cmpmem(f->cap->out->data, 3, "abc", 3);
    g_assert_cmphex(devtest_readl(FR) & (FR_TXFE | FR_BUSY), ==, FR_TXFE);
}

static void test_transmit_fifo_full(Fixture *f, gconstpointer data)
{
    devtest_writel(CR, 0x301);              /* FIFOs off: depth 1 */
    f->cap->busy = true;
    devtest_writel(DR, 'x');
    g_assert_true(devtest_readl(FR) & FR_TXFF);
    devtest_writel(DR, 'y');                /* overrun: lost, as on hardware */
    f->cap->busy = false;
    devtest_run_pending();
    g_assert_cmpuint(f->cap->out->len, ==, 1);
    g_assert_cmpint(f->cap->out->data[0], ==, 'x');
}

static void test_receive_and_interrupts(Fixture *f, gconstpointer data)
{
    Chardev *chr = &f->cap->parent;

    devtest_writel(CR, 0x301);
    devtest_writel(IMSC, INT_RX | INT_RT);
    g_assert_cmpint(qemu_chr_be_can_write(chr), ==, 1);
    qemu_chr_be_write(chr, (const uint8_t *)"x", 1);
    g_assert_false(devtest_readl(FR) & FR_RXFE);
    g_assert_true(devtest_readl(FR) & FR_RXFF);
    g_assert_cmpint(f->irq.level, ==, 1);
    g_assert_cmphex(devtest_readl(MIS), ==, INT_RX);
    g_assert_cmpint(qemu_chr_be_can_write(chr), ==, 0);
    g_assert_cmphex(devtest_readl(DR), ==, 'x');
    g_assert_cmpint(f->irq.level, ==, 0);
    g_assert_true(devtest_readl(FR) & FR_RXFE);

    /* With FIFOs on, 16 entries; below the 1/2 trigger only RT fires. */
    devtest_writel(LCR_H, 0x70);
    g_assert_cmpint(qemu_chr_be_can_write(chr), ==, 16);
    qemu_chr_be_write(chr, (const uint8_t *)"abc", 3);
    g_assert_cmphex(devtest_readl(RIS) & (INT_RX | INT_RT), ==, INT_RT);
    qemu_chr_be_write(chr, (const uint8_t *)"defgh", 5);
    g_assert_cmphex(devtest_readl(RIS) & (INT_RX | INT_RT), ==, INT_RX);
    for (const char *p = "abcdefgh"; *p; p++) {
        g_assert_cmphex(devtest_readl(DR), ==, *p);
    }
    g_assert_cmpint(f->irq.level, ==, 0);
    g_assert_cmpint(f->irq.raises, ==, 2);
}

static void test_receive_flow_control(Fixture *f, gconstpointer data)
{
    Chardev *chr = &f->cap->parent;

    /* Receiver off (UARTEN clear): input stays in the backend. */
    devtest_writel(CR, 0x300);
    g_assert_cmpint(qemu_chr_be_can_write(chr), ==, 0);
    devtest_writel(CR, 0x101);              /* enabled, RXE clear */
    g_assert_cmpint(qemu_chr_be_can_write(chr), ==, 0);
    devtest_writel(CR, 0x301);
    g_assert_cmpint(qemu_chr_be_can_write(chr), ==, 1);
}

static void test_tx_interrupt_mask(Fixture *f, gconstpointer data)
{
    devtest_writel(CR, 0x301);
    g_assert_true(devtest_readl(RIS) & INT_TX);
    g_assert_cmpint(f->irq.level, ==, 0);
    devtest_writel(IMSC, INT_TX);
    g_assert_cmpint(f->irq.level, ==, 1);
    g_assert_cmphex(devtest_readl(MIS), ==, INT_TX);
    devtest_writel(IMSC, 0);
    g_assert_cmpint(f->irq.level, ==, 0);
}

static void test_loopback_and_overrun(Fixture *f, gconstpointer data)
{
    devtest_writel(CR, 0x381);              /* LBE */
    devtest_writel(IMSC, INT_OE);
    devtest_writel(DR, 'q');
    g_assert_cmpuint(f->cap->out->len, ==, 0);
    devtest_writel(DR, 'r');                /* FIFO of 1 is full: overrun */
    g_assert_true(devtest_readl(RIS) & INT_OE);
    g_assert_cmpint(f->irq.level, ==, 1);
    g_assert_cmphex(devtest_readl(DR), ==, 0x800 | 'q');
    g_assert_cmphex(devtest_readl(RSR), ==, 0x8);
    devtest_writel(RSR, 0);
    g_assert_cmphex(devtest_readl(RSR), ==, 0);
    devtest_writel(ICR, INT_OE);
    g_assert_cmpint(f->irq.level, ==, 0);
}

static void test_break(Fixture *f, gconstpointer data)
{
    devtest_writel(CR, 0x301);
    qemu_chr_be_event(&f->cap->parent, CHR_EVENT_BREAK);
    g_assert_true(devtest_readl(RIS) & INT_BE);
    g_assert_cmphex(devtest_readl(DR), ==, 0x400);
}

static void test_vmstate(Fixture *f, gconstpointer data)
{
    DeviceClass *dc = DEVICE_GET_CLASS(f->dev);
    PL011State *s = PL011(f->dev);
    VMStateEntry *e = vmstate_find("pl011", 0);
    Error *err = NULL;

    g_assert_nonnull(e);
    g_assert_true(e->opaque == s);
    g_assert_true(dc->vmsd == e->vmsd);
    g_assert_true(vmstate_check_description(dc->vmsd, &error_abort));

    /* post_load rejects impossible FIFO state with a precise message. */
    s->rx_count = 99;
    g_assert_false(dc->vmsd->post_load(s, 1, &err));
    g_assert_cmpstr(error_get_pretty(err), ==, "pl011: fields 'rx_pos' 0 / "
                    "'rx_count' 99 exceed the FIFO depth 16");
    error_free(err);
    s->rx_count = 0;

    /* Queued output left by a stream continues on load. */
    s->tx_fifo[0] = 'm';
    s->tx_count = 1;
    g_assert_true(dc->vmsd->post_load(s, 1, &error_abort));
    g_assert_cmpuint(f->cap->out->len, ==, 1);
    g_assert_cmpint(f->cap->out->data[0], ==, 'm');
}

static void test_chardev_property(void)
{
    DeviceState *dev = qdev_new(TYPE_PL011);
    Error *err = NULL;

    g_assert_false(object_property_set_str(OBJECT(dev), "chardev", "nope",
                                           &err));
    g_assert_cmpstr(error_get_pretty(err), ==,
                    "Property 'pl011.chardev' can't find value 'nope'");
    error_free(err);
    object_unref(OBJECT(dev));
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    devtest_init();
#define ADD(path, fn) \
    g_test_add("/pl011/" path, Fixture, NULL, fixture_setup, fn, \
               fixture_teardown)
    ADD("ids", test_ids);
    ADD("reset-values", test_reset_values);
    ADD("transmit", test_transmit);
    ADD("transmit-backpressure", test_transmit_backpressure);
    ADD("transmit-fifo-full", test_transmit_fifo_full);
    ADD("receive-interrupts", test_receive_and_interrupts);
    ADD("receive-flow-control", test_receive_flow_control);
    ADD("tx-interrupt-mask", test_tx_interrupt_mask);
    ADD("loopback-overrun", test_loopback_and_overrun);
    ADD("break", test_break);
    ADD("vmstate", test_vmstate);
    g_test_add_func("/pl011/chardev-property", test_chardev_property);
    return g_test_run();
}
