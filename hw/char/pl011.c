/*
 * ARM PrimeCell PL011 UART (ARM DDI 0183, r1p5).
 *
 * Both FIFOs are modelled. Received characters wait in the backend while
 * the RX FIFO is full or the receiver is disabled, and transmitted ones
 * wait in the TX FIFO while the backend is busy: no byte is dropped unless
 * the guest overruns a FIFO, as real hardware would.
 */
#include "qemu/osdep.h"
#include "hw/primecell.h"
#include "qemu/log.h"
#include "hw/char/pl011.h"
#include "hw/qdev-properties-system.h"
#include "migration/vmstate.h"

/* Register offsets (DDI 0183, table 3-1). */
#define UARTDR      0x000
#define UARTRSR     0x004
#define UARTFR      0x018
#define UARTILPR    0x020
#define UARTIBRD    0x024
#define UARTFBRD    0x028
#define UARTLCR_H   0x02c
#define UARTCR      0x030
#define UARTIFLS    0x034
#define UARTIMSC    0x038
#define UARTRIS     0x03c
#define UARTMIS     0x040
#define UARTICR     0x044
#define UARTDMACR   0x048

#define FR_BUSY     (1 << 3)
#define FR_RXFE     (1 << 4)
#define FR_TXFF     (1 << 5)
#define FR_RXFF     (1 << 6)
#define FR_TXFE     (1 << 7)

#define LCR_FEN     (1 << 4)
#define CR_UARTEN   (1 << 0)
#define CR_LBE      (1 << 7)
#define CR_TXE      (1 << 8)
#define CR_RXE      (1 << 9)

#define INT_RX      (1 << 4)
#define INT_TX      (1 << 5)
#define INT_RT      (1 << 6)
#define INT_FE      (1 << 7)
#define INT_PE      (1 << 8)
#define INT_BE      (1 << 9)
#define INT_OE      (1 << 10)
#define INT_ALL     0x7ff

#define DR_BE       (1 << 10)
#define DR_OE       (1 << 11)

/* Peripheral and PrimeCell identification bytes at 0xfe0..0xffc. */
static const uint8_t pl011_id[8] = {
    0x11, 0x10, 0x14, 0x00, 0x0d, 0xf0, 0x05, 0xb1
};

static unsigned fifo_depth(PL011State *s)
{
    return (s->lcr & LCR_FEN) ? PL011_FIFO_DEPTH : 1;
}

/* FIFO trigger levels for IFLS values 0..4: 1/8, 1/4, 1/2, 3/4, 7/8. */
static unsigned trigger_level(PL011State *s, unsigned sel)
{
    static const unsigned eighths[] = { 1, 2, 4, 6, 7 };

    if (!(s->lcr & LCR_FEN)) {
        return 1;
    }
    return PL011_FIFO_DEPTH * eighths[sel < 5 ? sel : 2] / 8;
}

static void pl011_update(PL011State *s)
{
    unsigned rx_trigger = trigger_level(s, (s->ifls >> 3) & 7);
    unsigned tx_trigger = trigger_level(s, s->ifls & 7);

    /*
     * RX fires at the trigger level; characters below it raise the
     * receive timeout at once (the 32-bit-period wait is not modelled).
     */
    s->ris &= ~(INT_RX | INT_RT | INT_TX);
    if (s->rx_count >= rx_trigger) {
        s->ris |= INT_RX;
    } else if (s->rx_count > 0) {
        s->ris |= INT_RT;
    }
    if (s->tx_count <= (s->lcr & LCR_FEN ? tx_trigger : 0)) {
        s->ris |= INT_TX;
    }
    qemu_set_irq(s->irq, (s->ris & s->imsc) != 0);
}

static void pl011_push_rx(PL011State *s, uint32_t value)
{
    unsigned depth = fifo_depth(s);

    if (s->rx_count >= depth) {
        /* Overrun: the character is lost, the last entry gets OE. */
        s->ris |= INT_OE;
        s->rx_fifo[(s->rx_pos + s->rx_count - 1) % PL011_FIFO_DEPTH] |= DR_OE;
        qemu_log_mask(LOG_GUEST_ERROR, "pl011: receive FIFO overrun\n");
        return;
    }
    s->rx_fifo[(s->rx_pos + s->rx_count) % PL011_FIFO_DEPTH] = value;
    s->rx_count++;
    if (value & DR_BE) {
        s->ris |= INT_BE;
    }
}

static gboolean pl011_tx_ready(void *do_not_use, GIOCondition cond,
                               void *opaque);

/* Hands queued bytes to the backend; waits for it when it is busy. */
static void pl011_drain_tx(PL011State *s)
{
    int done;

    if (s->tx_count == 0 || s->tx_watch) {
        return;
    }
    done = qemu_chr_fe_write(&s->chr, s->tx_fifo, s->tx_count);
    if (done > 0) {
        memmove(s->tx_fifo, s->tx_fifo + done, s->tx_count - done);
        s->tx_count -= done;
    }
    if (s->tx_count > 0) {
        s->tx_watch = qemu_chr_fe_add_watch(&s->chr, G_IO_OUT | G_IO_HUP,
                                            pl011_tx_ready, s);
        if (!s->tx_watch) {
            /* No way to wait: the backend is gone, drop like a cut cable. */
            s->tx_count = 0;
        }
    }
    pl011_update(s);
}

static gboolean pl011_tx_ready(void *do_not_use, GIOCondition cond,
                               void *opaque)
{
    PL011State *s = opaque;

    s->tx_watch = 0;
    pl011_drain_tx(s);
    return G_SOURCE_REMOVE;
}

static void pl011_write_data(PL011State *s, uint8_t ch)
{
    if (!(s->cr & CR_UARTEN) || !(s->cr & CR_TXE)) {
        qemu_log_mask(LOG_GUEST_ERROR,
                      "pl011: data written while the transmitter is "
                      "disabled (UARTCR 0x%x)\n", s->cr);
    }
    if (s->cr & CR_LBE) {
        pl011_push_rx(s, ch);
        pl011_update(s);
        return;
    }
    if (s->tx_count >= fifo_depth(s)) {
        qemu_log_mask(LOG_GUEST_ERROR, "pl011: transmit FIFO overrun\n");
        return;
    }
    s->tx_fifo[s->tx_count++] = ch;
    pl011_drain_tx(s);
}

static uint32_t pl011_read_data(PL011State *s)
{
    uint32_t value;

    if (s->rx_count == 0) {
        return 0;
    }
    value = s->rx_fifo[s->rx_pos];
    s->rx_pos = (s->rx_pos + 1) % PL011_FIFO_DEPTH;
    s->rx_count--;
    s->rsr = (value >> 8) & 0xf;
    pl011_update(s);
    /* Room again: let the backend deliver what it holds. */
    qemu_chr_fe_accept_input(&s->chr);
    return value;
}

static uint32_t pl011_flags(PL011State *s)
{
    uint32_t fr = 0;

    if (s->rx_count == 0) {
        fr |= FR_RXFE;
    }
    if (s->rx_count >= fifo_depth(s)) {
        fr |= FR_RXFF;
    }
    if (s->tx_count == 0) {
        fr |= FR_TXFE;
    } else {
        fr |= FR_BUSY;
    }
    if (s->tx_count >= fifo_depth(s)) {
        fr |= FR_TXFF;
    }
    return fr;
}

static uint64_t pl011_read(void *opaque, hwaddr offset, unsigned size)
{
    uint64_t id;
    PL011State *s = opaque;

    if (primecell_id_read(pl011_id, offset, &id)) {
        return id;
    }
    switch (offset) {
    case UARTDR:
        return pl011_read_data(s);
    case UARTRSR:
        return s->rsr;
    case UARTFR:
        return pl011_flags(s);
    case UARTILPR:
        return s->ilpr;
    case UARTIBRD:
        return s->ibrd;
    case UARTFBRD:
        return s->fbrd;
    case UARTLCR_H:
        return s->lcr;
    case UARTCR:
        return s->cr;
    case UARTIFLS:
        return s->ifls;
    case UARTIMSC:
        return s->imsc;
    case UARTRIS:
        return s->ris;
    case UARTMIS:
        return s->ris & s->imsc;
    case UARTDMACR:
        return s->dmacr;
    default:
        qemu_log_mask(LOG_GUEST_ERROR, "pl011: read of bad offset 0x%x\n",
                      (unsigned)offset);
        return 0;
    }
}

static void pl011_write(void *opaque, hwaddr offset, uint64_t value,
                        unsigned size)
{
    PL011State *s = opaque;

    switch (offset) {
    case UARTDR:
        pl011_write_data(s, value & 0xff);
        return;
    case UARTRSR:
        s->rsr = 0;     /* UARTECR: any write clears the error bits */
        return;
    case UARTFR:
        return;         /* read-only */
    case UARTILPR:
        s->ilpr = value & 0xff;
        return;
    case UARTIBRD:
        s->ibrd = value & 0xffff;
        return;
    case UARTFBRD:
        s->fbrd = value & 0x3f;
        return;
    case UARTLCR_H:
        if ((s->lcr ^ value) & LCR_FEN) {
            /* Toggling FEN flushes the FIFOs (TRM 3.3.7). */
            s->rx_count = 0;
            s->rx_pos = 0;
        }
        s->lcr = value & 0xff;
        break;
    case UARTCR:
        s->cr = value & 0xff87;
        qemu_chr_fe_accept_input(&s->chr);
        break;
    case UARTIFLS:
        s->ifls = value & 0x3f;
        break;
    case UARTIMSC:
        s->imsc = value & INT_ALL;
        break;
    case UARTICR:
        s->ris &= ~(value & INT_ALL);
        break;
    case UARTDMACR:
        s->dmacr = value & 7;
        if (value & 3) {
            qemu_log_mask(LOG_UNIMP, "pl011: DMA is not implemented\n");
        }
        return;
    default:
        qemu_log_mask(LOG_GUEST_ERROR, "pl011: write of bad offset 0x%x\n",
                      (unsigned)offset);
        return;
    }
    pl011_update(s);
}

static int pl011_can_receive(void *opaque)
{
    PL011State *s = opaque;

    /* Hold input back while the guest cannot take it (nothing is lost). */
    if (!(s->cr & CR_UARTEN) || !(s->cr & CR_RXE)) {
        return 0;
    }
    return fifo_depth(s) - s->rx_count;
}

static void pl011_receive(void *opaque, const uint8_t *buf, int size)
{
    PL011State *s = opaque;

    for (int i = 0; i < size; i++) {
        pl011_push_rx(s, buf[i]);
    }
    pl011_update(s);
}

static void pl011_event(void *opaque, QEMUChrEvent event)
{
    PL011State *s = opaque;

    if (event == CHR_EVENT_BREAK) {
        pl011_push_rx(s, DR_BE);
        pl011_update(s);
    }
}

static const MemoryRegionOps pl011_ops = {
    .read = pl011_read,
    .write = pl011_write,
    .endianness = DEVICE_NATIVE_ENDIAN,
    .valid.min_access_size = 1,
    .valid.max_access_size = 4,
    .impl.min_access_size = 4,
    .impl.max_access_size = 4,
};

static void pl011_reset(DeviceState *dev)
{
    PL011State *s = PL011(dev);

    s->rsr = 0;
    s->lcr = 0;
    s->cr = CR_RXE | CR_TXE;
    s->ifls = 0x12;
    s->imsc = 0;
    s->ris = 0;
    s->dmacr = 0;
    s->ilpr = 0;
    s->ibrd = 0;
    s->fbrd = 0;
    s->rx_count = 0;
    s->rx_pos = 0;
    /* Bytes already handed to the TX FIFO still go out: keep tx_count. */
    pl011_update(s);
}

static void pl011_init(Object *obj)
{
    PL011State *s = PL011(obj);

    memory_region_init_io(&s->iomem, obj, &pl011_ops, s, "pl011", 0x1000);
    sysbus_init_mmio(SYS_BUS_DEVICE(obj), &s->iomem);
    sysbus_init_irq(SYS_BUS_DEVICE(obj), &s->irq);
}

static void pl011_realize(DeviceState *dev, Error **errp)
{
    PL011State *s = PL011(dev);

    qemu_chr_fe_set_handlers(&s->chr, pl011_can_receive, pl011_receive,
                             pl011_event, NULL, s, NULL, true);
}

static void pl011_finalize(Object *obj)
{
    PL011State *s = PL011(obj);

    if (s->tx_watch) {
        g_source_remove(s->tx_watch);
        s->tx_watch = 0;
    }
    memory_region_finalize(&s->iomem);
}

static bool pl011_post_load(void *opaque, int version_id, Error **errp)
{
    PL011State *s = opaque;

    if (s->rx_pos >= PL011_FIFO_DEPTH || s->rx_count > PL011_FIFO_DEPTH) {
        error_setg(errp, "pl011: fields 'rx_pos' %u / 'rx_count' %u exceed "
                   "the FIFO depth %u", s->rx_pos, s->rx_count,
                   PL011_FIFO_DEPTH);
        return false;
    }
    if (s->tx_count > PL011_FIFO_DEPTH) {
        error_setg(errp, "pl011: field 'tx_count' %u exceeds the FIFO depth "
                   "%u", s->tx_count, PL011_FIFO_DEPTH);
        return false;
    }
    /* Queued output continues on the destination's backend. */
    pl011_drain_tx(s);
    pl011_update(s);
    return true;
}

static const VMStateDescription vmstate_pl011 = {
    .name = "pl011",
    .version_id = 1,
    .minimum_version_id = 1,
    .post_load = pl011_post_load,
    .fields = (const VMStateField[]) {
        VMSTATE_UINT32(rsr, PL011State),
        VMSTATE_UINT32(lcr, PL011State),
        VMSTATE_UINT32(cr, PL011State),
        VMSTATE_UINT32(ifls, PL011State),
        VMSTATE_UINT32(imsc, PL011State),
        VMSTATE_UINT32(ris, PL011State),
        VMSTATE_UINT32(dmacr, PL011State),
        VMSTATE_UINT32(ilpr, PL011State),
        VMSTATE_UINT32(ibrd, PL011State),
        VMSTATE_UINT32(fbrd, PL011State),
        VMSTATE_UINT32_ARRAY(rx_fifo, PL011State, PL011_FIFO_DEPTH),
        VMSTATE_UINT32(rx_pos, PL011State),
        VMSTATE_UINT32(rx_count, PL011State),
        VMSTATE_BUFFER(tx_fifo, PL011State),
        VMSTATE_UINT32(tx_count, PL011State),
        VMSTATE_END_OF_LIST()
    },
};

static Property pl011_properties[] = {
    DEFINE_PROP_CHR("chardev", PL011State, chr),
    DEFINE_PROP_END_OF_LIST(),
};

static void pl011_class_init(ObjectClass *klass, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);

    dc->desc = "ARM PrimeCell PL011 UART";
    dc->realize = pl011_realize;
    dc->reset = pl011_reset;
    dc->vmsd = &vmstate_pl011;
    device_class_set_props(dc, pl011_properties);
}

static const TypeInfo pl011_types[] = {
    {
        .name = TYPE_PL011,
        .parent = TYPE_SYS_BUS_DEVICE,
        .instance_size = sizeof(PL011State),
        .instance_init = pl011_init,
        .instance_finalize = pl011_finalize,
        .class_init = pl011_class_init,
    },
};

DEFINE_TYPES(pl011_types)
