/*
 * ARM PrimeCell PL181 MultiMedia Card Interface (ARM DDI 0172).
 *
 * Commands complete as soon as they are written. Data moves between the
 * card and the 16-word FIFO whenever both sides can take it: a read fills
 * the FIFO from the card (and refills it as the guest drains it), a write
 * passes each word to the card as soon as the card is receiving. DataEnd
 * is raised once the last byte has left the FIFO (reads) or reached the
 * card (writes). DMA is not modelled (the vexpress has no DMA for it).
 */
#include "qemu/osdep.h"
#include "hw/primecell.h"
#include "qemu/log.h"
#include "hw/sd/pl181.h"
#include "migration/vmstate.h"

#define MCI_POWER       0x00
#define MCI_CLOCK       0x04
#define MCI_ARGUMENT    0x08
#define MCI_COMMAND     0x0c
#define MCI_RESPCMD     0x10
#define MCI_RESPONSE0   0x14
#define MCI_RESPONSE3   0x20
#define MCI_DATATIMER   0x24
#define MCI_DATALENGTH  0x28
#define MCI_DATACTRL    0x2c
#define MCI_DATACNT     0x30
#define MCI_STATUS      0x34
#define MCI_CLEAR       0x38
#define MCI_MASK0       0x3c
#define MCI_MASK1       0x40
#define MCI_FIFOCNT     0x48
#define MCI_FIFO        0x80
#define MCI_FIFO_END    0xc0

#define CMD_RESPONSE    (1 << 6)
#define CMD_LONGRSP     (1 << 7)
#define CMD_INTERRUPT   (1 << 8)
#define CMD_PENDING     (1 << 9)
#define CMD_ENABLE      (1 << 10)

#define DATACTRL_ENABLE     (1 << 0)
#define DATACTRL_DIR_READ   (1 << 1)    /* card to controller */
#define DATACTRL_STREAM     (1 << 2)
#define DATACTRL_DMA        (1 << 3)

/* MCIStatus bits: 0..10 latched (MCIClear), 11..21 follow the state. */
#define ST_CMD_TIMEOUT      (1 << 2)
#define ST_CMD_RESP_END     (1 << 6)
#define ST_CMD_SENT         (1 << 7)
#define ST_DATA_END         (1 << 8)
#define ST_DATA_BLOCK_END   (1 << 10)
#define ST_TX_ACTIVE        (1 << 12)
#define ST_RX_ACTIVE        (1 << 13)
#define ST_TX_HALF_EMPTY    (1 << 14)
#define ST_RX_HALF_FULL     (1 << 15)
#define ST_TX_FULL          (1 << 16)
#define ST_RX_FULL          (1 << 17)
#define ST_TX_EMPTY         (1 << 18)
#define ST_RX_EMPTY         (1 << 19)
#define ST_TX_AVAIL         (1 << 20)
#define ST_RX_AVAIL         (1 << 21)
#define ST_LATCHED          0x7ff
#define ST_ALL              0x3fffff

/* Peripheral ID (part 0x181, designer ARM) and PrimeCell ID bytes. */
static const uint8_t pl181_id[8] = {
    0x81, 0x11, 0x04, 0x00, 0x0d, 0xf0, 0x05, 0xb1
};

static uint32_t get_le32(const uint8_t *p)
{
    return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint32_t get_be32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | p[1] << 16 | p[2] << 8 | p[3];
}

static void put_le32(uint8_t *p, uint32_t v)
{
    p[0] = v;
    p[1] = v >> 8;
    p[2] = v >> 16;
    p[3] = v >> 24;
}

static bool pl181_reading(PL181State *s)
{
    return s->datactrl & DATACTRL_DIR_READ;
}

static uint32_t pl181_status(PL181State *s)
{
    uint32_t st = s->status;
    unsigned n = s->fifo_len;

    if (!s->data_active) {
        return st;
    }
    if (pl181_reading(s)) {
        st |= ST_RX_ACTIVE;
        st |= n >= PL181_FIFO_WORDS / 2 ? ST_RX_HALF_FULL : 0;
        st |= n == PL181_FIFO_WORDS ? ST_RX_FULL : 0;
        st |= n == 0 ? ST_RX_EMPTY : ST_RX_AVAIL;
    } else {
        st |= ST_TX_ACTIVE;
        st |= n <= PL181_FIFO_WORDS / 2 ? ST_TX_HALF_EMPTY : 0;
        st |= n == PL181_FIFO_WORDS ? ST_TX_FULL : 0;
        st |= n == 0 ? ST_TX_EMPTY : ST_TX_AVAIL;
    }
    return st;
}

static void pl181_update(PL181State *s)
{
    uint32_t st = pl181_status(s);

    for (int i = 0; i < 2; i++) {
        qemu_set_irq(s->irq[i], (st & s->mask[i]) != 0);
    }
}

static void pl181_fifo_push(PL181State *s, uint32_t value)
{
    s->fifo[(s->fifo_pos + s->fifo_len) % PL181_FIFO_WORDS] = value;
    s->fifo_len++;
}

static uint32_t pl181_fifo_pop(PL181State *s)
{
    uint32_t value = s->fifo[s->fifo_pos];

    s->fifo_pos = (s->fifo_pos + 1) % PL181_FIFO_WORDS;
    s->fifo_len--;
    return value;
}

/* Counts bytes moved with the card, for DataBlockEnd. */
static void pl181_block_progress(PL181State *s, uint32_t bytes)
{
    uint32_t blksz = 1u << ((s->datactrl >> 4) & 0xf);

    s->block_done += bytes;
    if (s->block_done >= blksz) {
        s->block_done -= blksz;
        s->status |= ST_DATA_BLOCK_END;
    }
}

/* Moves what can move between the card and the FIFO. */
static void pl181_fifo_run(PL181State *s)
{
    uint8_t bytes[4];

    if (!s->data_active) {
        return;
    }
    if (pl181_reading(s)) {
        while (s->datacnt && s->fifo_len < PL181_FIFO_WORDS
               && sdbus_data_ready(s->bus)) {
            size_t got;

            memset(bytes, 0, sizeof(bytes));
            got = sdbus_read_data(s->bus, bytes, MIN(4u, s->datacnt));
            if (!got) {
                break;
            }
            pl181_fifo_push(s, get_le32(bytes));
            s->datacnt -= got;
            s->fifocnt--;
            pl181_block_progress(s, got);
        }
        if (!s->datacnt && !s->fifo_len) {
            s->data_active = false;
            s->status |= ST_DATA_END;
        }
    } else {
        while (s->fifo_len && s->datacnt && sdbus_receive_ready(s->bus)) {
            uint32_t n = MIN(4u, s->datacnt);

            put_le32(bytes, pl181_fifo_pop(s));
            sdbus_write_data(s->bus, bytes, n);
            s->datacnt -= n;
            pl181_block_progress(s, n);
        }
        if (!s->datacnt) {
            s->data_active = false;
            s->fifo_len = 0;    /* words past DataLength are dropped */
            s->status |= ST_DATA_END;
        }
    }
}

static void pl181_send_command(PL181State *s)
{
    SDRequest req = { .cmd = s->cmd & 0x3f, .arg = s->cmdarg };
    uint8_t resp[16];
    int len;

    if (s->cmd & (CMD_INTERRUPT | CMD_PENDING)) {
        qemu_log_mask(LOG_UNIMP, "pl181: command wait modes (0x%x) are not "
                      "implemented\n", s->cmd);
    }
    len = sdbus_do_command(s->bus, &req, resp);
    if (!(s->cmd & CMD_RESPONSE)) {
        s->status |= ST_CMD_SENT;
    } else if (len != ((s->cmd & CMD_LONGRSP) ? 16 : 4)) {
        s->status |= ST_CMD_TIMEOUT;
    } else if (len == 16) {
        for (int i = 0; i < 4; i++) {
            s->response[i] = get_be32(resp + 4 * i);
        }
        s->respcmd = 0x3f;      /* R2 carries "111111" */
        s->status |= ST_CMD_RESP_END;
    } else {
        s->response[0] = get_be32(resp);
        s->response[1] = s->response[2] = s->response[3] = 0;
        s->respcmd = req.cmd;
        s->status |= ST_CMD_RESP_END;
    }
    /* The card may now send or accept data. */
    pl181_fifo_run(s);
}

static uint32_t pl181_fifo_read(PL181State *s)
{
    uint32_t value;

    if (!s->data_active || !pl181_reading(s) || !s->fifo_len) {
        qemu_log_mask(LOG_GUEST_ERROR, "pl181: read from an empty FIFO\n");
        return 0;
    }
    value = pl181_fifo_pop(s);
    pl181_fifo_run(s);
    return value;
}

static void pl181_fifo_write(PL181State *s, uint32_t value)
{
    if (!s->data_active || pl181_reading(s)) {
        qemu_log_mask(LOG_GUEST_ERROR, "pl181: FIFO write without a write "
                      "transfer in progress\n");
        return;
    }
    if (s->fifo_len == PL181_FIFO_WORDS) {
        qemu_log_mask(LOG_GUEST_ERROR, "pl181: FIFO write while full\n");
        return;
    }
    pl181_fifo_push(s, value);
    if (s->fifocnt) {
        s->fifocnt--;
    }
    pl181_fifo_run(s);
}

static uint64_t pl181_read(void *opaque, hwaddr offset, unsigned size)
{
    uint64_t id;
    PL181State *s = opaque;
    uint32_t value;

    if (primecell_id_read(pl181_id, offset, &id)) {
        return id;
    }
    if (offset >= MCI_FIFO && offset < MCI_FIFO_END) {
        value = pl181_fifo_read(s);
        pl181_update(s);
        return value;
    }
    switch (offset) {
    case MCI_POWER:
        return s->power;
    case MCI_CLOCK:
        return s->clock;
    case MCI_ARGUMENT:
        return s->cmdarg;
    case MCI_COMMAND:
        return s->cmd;
    case MCI_RESPCMD:
        return s->respcmd;
    case MCI_RESPONSE0 ... MCI_RESPONSE3:
        return s->response[(offset - MCI_RESPONSE0) >> 2];
    case MCI_DATATIMER:
        return s->datatimer;
    case MCI_DATALENGTH:
        return s->datalength;
    case MCI_DATACTRL:
        return s->datactrl;
    case MCI_DATACNT:
        return s->datacnt;
    case MCI_STATUS:
        return pl181_status(s);
    case MCI_MASK0:
        return s->mask[0];
    case MCI_MASK1:
        return s->mask[1];
    case MCI_FIFOCNT:
        return s->fifocnt;
    default:
        qemu_log_mask(LOG_GUEST_ERROR, "pl181: read of bad offset 0x%x\n",
                      (unsigned)offset);
        return 0;
    }
}

static void pl181_write(void *opaque, hwaddr offset, uint64_t value,
                        unsigned size)
{
    PL181State *s = opaque;

    if (offset >= MCI_FIFO && offset < MCI_FIFO_END) {
        pl181_fifo_write(s, value);
        pl181_update(s);
        return;
    }
    switch (offset) {
    case MCI_POWER:
        s->power = value & 0xff;
        break;
    case MCI_CLOCK:
        s->clock = value & 0xfff;
        break;
    case MCI_ARGUMENT:
        s->cmdarg = value;
        break;
    case MCI_COMMAND:
        s->cmd = value & 0x7ff;
        if (s->cmd & CMD_ENABLE) {
            pl181_send_command(s);
        }
        break;
    case MCI_DATATIMER:
        s->datatimer = value;
        break;
    case MCI_DATALENGTH:
        s->datalength = value & 0xffff;
        break;
    case MCI_DATACTRL:
        s->datactrl = value & 0xff;
        if (s->datactrl & (DATACTRL_DMA | DATACTRL_STREAM)) {
            qemu_log_mask(LOG_UNIMP, "pl181: DMA and stream transfers "
                          "are not implemented (DataCtrl 0x%x)\n", s->datactrl);
        }
        if (s->datactrl & DATACTRL_ENABLE) {
            s->datacnt = s->datalength;
            s->fifocnt = (s->datalength + 3) / 4;
            s->fifo_pos = 0;
            s->fifo_len = 0;
            s->block_done = 0;
            s->data_active = true;
            pl181_fifo_run(s);
        }
        break;
    case MCI_CLEAR:
        s->status &= ~(value & ST_LATCHED);
        break;
    case MCI_MASK0:
        s->mask[0] = value & ST_ALL;
        break;
    case MCI_MASK1:
        s->mask[1] = value & ST_ALL;
        break;
    default:
        qemu_log_mask(LOG_GUEST_ERROR, "pl181: write of bad offset 0x%x\n",
                      (unsigned)offset);
        return;
    }
    pl181_update(s);
}

static const MemoryRegionOps pl181_ops = {
    .read = pl181_read,
    .write = pl181_write,
    .endianness = DEVICE_NATIVE_ENDIAN,
    .valid.min_access_size = 4,
    .valid.max_access_size = 4,
};

static void pl181_reset(DeviceState *dev)
{
    PL181State *s = PL181(dev);

    s->power = 0;
    s->clock = 0;
    s->cmdarg = 0;
    s->cmd = 0;
    s->respcmd = 0;
    memset(s->response, 0, sizeof(s->response));
    s->datatimer = 0;
    s->datalength = 0;
    s->datactrl = 0;
    s->datacnt = 0;
    s->fifocnt = 0;
    s->status = 0;
    s->mask[0] = s->mask[1] = 0;
    s->data_active = false;
    s->block_done = 0;
    s->fifo_pos = 0;
    s->fifo_len = 0;
    qemu_set_irq(s->card_inserted, sdbus_get_inserted(s->bus));
    qemu_set_irq(s->card_readonly, sdbus_get_readonly(s->bus));
    pl181_update(s);
}

static void pl181_init(Object *obj)
{
    PL181State *s = PL181(obj);
    DeviceState *dev = DEVICE(obj);

    memory_region_init_io(&s->iomem, obj, &pl181_ops, s, "pl181", 0x1000);
    sysbus_init_mmio(SYS_BUS_DEVICE(obj), &s->iomem);
    sysbus_init_irq(SYS_BUS_DEVICE(obj), &s->irq[0]);
    sysbus_init_irq(SYS_BUS_DEVICE(obj), &s->irq[1]);
    qdev_init_gpio_out_named(dev, &s->card_inserted, "card-inserted", 1);
    qdev_init_gpio_out_named(dev, &s->card_readonly, "card-read-only", 1);
    s->bus = qbus_new(TYPE_SD_BUS, dev, "sd-bus");
}

static void pl181_finalize(Object *obj)
{
    memory_region_finalize(&PL181(obj)->iomem);
}

static bool pl181_post_load(void *opaque, int version_id, Error **errp)
{
    PL181State *s = opaque;

    if (s->fifo_pos >= PL181_FIFO_WORDS || s->fifo_len > PL181_FIFO_WORDS) {
        error_setg(errp, "pl181: invalid FIFO position %u / length %u",
                   s->fifo_pos, s->fifo_len);
        return false;
    }
    return true;
}

static const VMStateDescription vmstate_pl181 = {
    .name = "pl181",
    .version_id = 1,
    .minimum_version_id = 1,
    .post_load = pl181_post_load,
    .fields = (const VMStateField[]) {
        VMSTATE_UINT32(power, PL181State),
        VMSTATE_UINT32(clock, PL181State),
        VMSTATE_UINT32(cmdarg, PL181State),
        VMSTATE_UINT32(cmd, PL181State),
        VMSTATE_UINT32(respcmd, PL181State),
        VMSTATE_UINT32_ARRAY(response, PL181State, 4),
        VMSTATE_UINT32(datatimer, PL181State),
        VMSTATE_UINT32(datalength, PL181State),
        VMSTATE_UINT32(datactrl, PL181State),
        VMSTATE_UINT32(datacnt, PL181State),
        VMSTATE_UINT32(fifocnt, PL181State),
        VMSTATE_UINT32(status, PL181State),
        VMSTATE_UINT32_ARRAY(mask, PL181State, 2),
        VMSTATE_BOOL(data_active, PL181State),
        VMSTATE_UINT32(block_done, PL181State),
        VMSTATE_UINT32_ARRAY(fifo, PL181State, PL181_FIFO_WORDS),
        VMSTATE_UINT32(fifo_pos, PL181State),
        VMSTATE_UINT32(fifo_len, PL181State),
        VMSTATE_END_OF_LIST()
    },
};

static void pl181_class_init(ObjectClass *oc, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(oc);

    dc->desc = "ARM PrimeCell PL181 MultiMedia Card Interface";
    dc->reset = pl181_reset;
    dc->vmsd = &vmstate_pl181;
}

static const TypeInfo pl181_types[] = {
    {
        .name = TYPE_PL181,
        .parent = TYPE_SYS_BUS_DEVICE,
        .instance_size = sizeof(PL181State),
        .instance_init = pl181_init,
        .instance_finalize = pl181_finalize,
        .class_init = pl181_class_init,
    },
};

DEFINE_TYPES(pl181_types)
