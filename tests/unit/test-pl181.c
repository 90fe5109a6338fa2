/*
 * PL181 MMCI with an SD card, through the controller's registers: IDs and
 * reset values, card detect, the SD initialisation sequence (CMD0, CMD8,
 * ACMD41, CMD2, CMD3, CMD9, CMD7), responses R1/R1b/R2/R3/R6/R7, status
 * flags, FIFO reads and writes of single and multiple blocks against a
 * raw temporary image, SCR and switch status, write protection, SDHC
 * block addressing, errors and the state descriptions' checks.
 */
#include "qemu/osdep.h"
#include <fcntl.h>
#include <unistd.h>
#include <glib/gstdio.h>
#include "devtest.h"
#include "hw/sd/pl181.h"
#include "hw/qdev-properties-system.h"
#include "system/blockdev.h"
#include "migration/vmstate.h"
#include "migration/qemu-file.h"

#define BASE        0x10005000
#define POWER       (BASE + 0x00)
#define ARGUMENT    (BASE + 0x08)
#define COMMAND     (BASE + 0x0c)
#define RESPCMD     (BASE + 0x10)
#define RESP(i)     (BASE + 0x14 + 4 * (i))
#define DATALENGTH  (BASE + 0x28)
#define DATACTRL    (BASE + 0x2c)
#define DATACNT     (BASE + 0x30)
#define STATUS      (BASE + 0x34)
#define CLEAR       (BASE + 0x38)
#define MASK0       (BASE + 0x3c)
#define FIFOCNT     (BASE + 0x48)
#define FIFO        (BASE + 0x80)

#define C_RESP      (1 << 6)
#define C_LONG      (1 << 7)
#define C_ENABLE    (1 << 10)

#define S_CMD_TIMEOUT   (1 << 2)
#define S_RESP_END      (1 << 6)
#define S_CMD_SENT      (1 << 7)
#define S_DATA_END      (1 << 8)
#define S_BLOCK_END     (1 << 10)
#define S_TX_ACTIVE     (1 << 12)
#define S_RX_ACTIVE     (1 << 13)
#define S_TX_HALF_EMPTY (1 << 14)
#define S_RX_FULL       (1 << 17)
#define S_TX_EMPTY      (1 << 18)
#define S_RX_AVAIL      (1 << 21)

#define DC_ENABLE   1
#define DC_READ     2
#define DC_BLK512   (9 << 4)

#define R1_STATE(r) (((r) >> 9) & 0xf)

#define IMAGE_SIZE  (1 * MiB)

typedef struct Fixture {
    char *dir;
    char *image;
    DeviceState *dev;
    IrqRecorder irq;
    IrqRecorder inserted, readonly;
    DriveInfo *drive;
} Fixture;

typedef struct CardCase {
    uint64_t size;          /* 0: no card */
    bool readonly;
} CardCase;

static const CardCase card_1m = { IMAGE_SIZE, false };
static const CardCase card_ro = { IMAGE_SIZE, true };
static const CardCase card_none = { 0, false };
static const CardCase card_hc = { 3 * GiB, false };

static uint8_t pattern(uint64_t offset)
{
    return (offset * 7 + (offset >> 9)) & 0xff;
}

static void fixture_setup(Fixture *f, gconstpointer data)
{
    const CardCase *c = data;
    DeviceState *card;

    f->dir = g_dir_make_tmp("pl181-XXXXXX", NULL);
    g_assert_nonnull(f->dir);
    f->image = g_build_filename(f->dir, "sd.img", NULL);
    if (c->size) {
        g_autofree uint8_t *buf = g_malloc(IMAGE_SIZE);
        g_autofree char *spec = NULL;
        int fd;

        for (uint64_t i = 0; i < IMAGE_SIZE; i++) {
            buf[i] = pattern(i);
        }
        g_assert_true(g_file_set_contents(f->image, (char *)buf, IMAGE_SIZE, NULL));
        fd = open(f->image, O_RDWR);
        g_assert_cmpint(fd, >=, 0);
        g_assert_cmpint(ftruncate(fd, c->size), ==, 0);     /* sparse */
        close(fd);
        spec = g_strdup_printf("if=sd,file=%s,format=raw%s", f->image,
                               c->readonly ? ",readonly=on" : "");
        f->drive = drive_new(spec, false, &error_abort);
    }
    f->dev = devtest_create(TYPE_PL181, BASE, &f->irq, NULL, NULL);
    card = qdev_new(TYPE_SD_CARD);
    if (f->drive) {
        qdev_prop_set_drive(card, "drive", f->drive->bs);
    }
    g_assert_true(qdev_realize_and_unref(card, qdev_get_child_bus(f->dev, "sd-bus"),
                                         &error_abort));
    qdev_connect_gpio_out_named(f->dev, "card-inserted", 0,
                                devtest_recorder_line(&f->inserted));
    qdev_connect_gpio_out_named(f->dev, "card-read-only", 0,
                                devtest_recorder_line(&f->readonly));
    device_cold_reset(f->dev);
}

static void fixture_teardown(Fixture *f, gconstpointer data)
{
    devtest_destroy(f->dev, &f->irq);
    qemu_free_irq(f->inserted.line);
    qemu_free_irq(f->readonly.line);
    drive_cleanup();
    g_unlink(f->image);
    g_rmdir(f->dir);
    g_free(f->image);
    g_free(f->dir);
}

/* Sends a command; returns MCIStatus after it and clears the latched bits. */
static uint32_t send(int index, uint32_t arg, uint32_t flags)
{
    uint32_t st;

    devtest_writel(ARGUMENT, arg);
    devtest_writel(COMMAND, index | flags | C_ENABLE);
    st = devtest_readl(STATUS);
    devtest_writel(CLEAR, 0x7ff);
    return st;
}

/* A short-response command that must answer; returns RESPONSE0. */
static uint32_t send_r(int index, uint32_t arg)
{
    g_assert_cmphex(send(index, arg, C_RESP) & (S_RESP_END | S_CMD_TIMEOUT), ==,
                    S_RESP_END);
    g_assert_cmpuint(devtest_readl(RESPCMD), ==, index);
    return devtest_readl(RESP(0));
}

/* CMD0 .. CMD7: the card ends selected, in the transfer state. */
static uint32_t init_card(bool hc)
{
    uint32_t r, rca;

    g_assert_cmphex(send(0, 0, 0) & S_CMD_SENT, ==, S_CMD_SENT);
    g_assert_cmphex(send_r(8, 0x1aa), ==, 0x1aa);
    r = send_r(55, 0);
    g_assert_cmphex(r & 0x20, ==, 0x20);            /* APP_CMD */
    g_assert_cmpuint(R1_STATE(r), ==, 0);           /* idle */
    /* ACMD41: R3 has no index in hardware, but our RESPCMD keeps it. */
    r = send_r(41, 0x40ff8000);
    g_assert_cmphex(r & 0x80000000, ==, 0x80000000);   /* powered up */
    g_assert_cmphex(r & 0x40000000, ==, hc ? 0x40000000 : 0);
    g_assert_cmphex(r & 0x00ff8000, ==, 0x00ff8000);
    g_assert_cmphex(send(2, 0, C_RESP | C_LONG) & S_RESP_END, ==, S_RESP_END);
    g_assert_cmphex(devtest_readl(RESPCMD), ==, 0x3f);
    g_assert_cmphex(devtest_readl(RESP(0)), ==, 0xfe465946u);   /* MID, "FY", "F" */
    r = send_r(3, 0);
    rca = r >> 16;
    g_assert_cmphex(rca, ==, 0x4567);
    g_assert_cmpuint((r >> 9) & 0xf, ==, 2);        /* R6: was in ident */
    r = send_r(7, rca << 16);
    g_assert_cmpuint(R1_STATE(r), ==, 3);           /* was in stby */
    r = send_r(13, rca << 16);
    g_assert_cmpuint(R1_STATE(r), ==, 4);           /* now tran */
    g_assert_cmphex(r & 0x100, ==, 0x100);          /* READY_FOR_DATA */
    return rca;
}

static void test_ids(Fixture *f, gconstpointer data)
{
    static const uint8_t id[8] = { 0x81, 0x11, 0x04, 0x00,
                                   0x0d, 0xf0, 0x05, 0xb1 };

    for (int i = 0; i < 8; i++) {
        g_assert_cmphex(devtest_readl(BASE + 0xfe0 + 4 * i), ==, id[i]);
    }
}

static void test_reset_values(Fixture *f, gconstpointer data)
{
    devtest_writel(POWER, 0x86);
    devtest_writel(MASK0, 0x3ff);
    device_cold_reset(f->dev);
    g_assert_cmphex(devtest_readl(POWER), ==, 0);
    g_assert_cmphex(devtest_readl(MASK0), ==, 0);
    g_assert_cmphex(devtest_readl(STATUS), ==, 0);
    g_assert_cmphex(devtest_readl(DATACNT), ==, 0);
    g_assert_cmpint(f->irq.level, ==, 0);
    g_assert_cmpint(f->inserted.level, ==, 1);
    g_assert_cmpint(f->readonly.level, ==, 0);
}

static void test_no_card(Fixture *f, gconstpointer data)
{
    g_assert_cmpint(f->inserted.level, ==, 0);
    g_assert_cmphex(send(0, 0, 0), ==, S_CMD_SENT);
    g_assert_cmphex(send(8, 0x1aa, C_RESP), ==, S_CMD_TIMEOUT);
}

static void test_init_and_csd(Fixture *f, gconstpointer data)
{
    uint32_t rca = init_card(false);
    uint32_t r1, r2, c_size, mult, bl_len;

    /* CSD in stby only: deselect, read it, select again. */
    g_assert_cmphex(send(7, 0, C_RESP), ==, S_CMD_TIMEOUT);    /* no answer */
    g_assert_cmphex(send(9, rca << 16, C_RESP | C_LONG), ==, S_RESP_END);
    g_assert_cmphex(devtest_readl(RESP(0)) >> 30, ==, 0);      /* CSD 1.0 */
    r1 = devtest_readl(RESP(1));
    r2 = devtest_readl(RESP(2));
    bl_len = (r1 >> 16) & 0xf;
    c_size = ((r1 & 0x3ff) << 2) | (r2 >> 30);
    mult = (r2 >> 15) & 7;
    g_assert_cmpuint((uint64_t)(c_size + 1) << (mult + 2) << bl_len, ==, IMAGE_SIZE);
    /* CRC7 and end bit close the register */
    g_assert_cmphex(devtest_readl(RESP(3)) & 1, ==, 1);
    g_assert_cmphex(send(10, rca << 16, C_RESP | C_LONG), ==, S_RESP_END);
    g_assert_cmphex(devtest_readl(RESP(0)) >> 24, ==, 0xfe);
    /* Addressed to another card: silence */
    g_assert_cmphex(send(9, (rca + 1) << 16, C_RESP | C_LONG), ==, S_CMD_TIMEOUT);
    g_assert_cmpuint(R1_STATE(send_r(7, rca << 16)), ==, 3);
}

static void test_illegal_command(Fixture *f, gconstpointer data)
{
    uint32_t rca = init_card(false);

    devtest_log_start();
    g_assert_cmphex(send(2, 0, C_RESP | C_LONG), ==, S_CMD_TIMEOUT);
    devtest_log_expect("sd-card: illegal command CMD2 in state 4");
    devtest_log_stop();
    /* reported once, by the next response */
    g_assert_cmphex(send_r(13, rca << 16) & (1u << 22), ==, 1u << 22);
    g_assert_cmphex(send_r(13, rca << 16) & (1u << 22), ==, 0);
    /* a bad block length: reported at once, in tran with READY_FOR_DATA */
    g_assert_cmphex(send_r(16, 1024), ==, (1u << 29) | 0x900);
    g_assert_cmphex(send_r(13, rca << 16) & (1u << 29), ==, 0);
}

static void test_read_blocks(Fixture *f, gconstpointer data)
{
    uint32_t rca = init_card(false);
    uint32_t st;

    devtest_writel(MASK0, S_DATA_END);
    devtest_writel(DATALENGTH, 1024);
    /* Linux enables the data path before sending the command. */
    devtest_writel(DATACTRL, DC_ENABLE | DC_READ | DC_BLK512);
    g_assert_cmphex(devtest_readl(STATUS) & (S_RX_ACTIVE | S_RX_AVAIL), ==, S_RX_ACTIVE);
    g_assert_cmpuint(R1_STATE(send_r(18, 1536)), ==, 4);
    st = devtest_readl(STATUS);
    g_assert_cmphex(st & (S_RX_ACTIVE | S_RX_FULL | S_RX_AVAIL), ==,
                    S_RX_ACTIVE | S_RX_FULL | S_RX_AVAIL);
    /* FIFOCNT: words not yet in the FIFO; DATACNT: bytes not yet fetched */
    g_assert_cmpuint(devtest_readl(FIFOCNT), ==, 256 - 16);
    g_assert_cmpuint(devtest_readl(DATACNT), ==, 1024 - 64);
    for (uint32_t i = 0; i < 1024; i += 4) {
        uint32_t w = devtest_readl(FIFO + (i % 64));
        uint64_t a = 1536 + i;

        g_assert_cmphex(w, ==, pattern(a) | pattern(a + 1) << 8 |
                        pattern(a + 2) << 16 | (uint32_t)pattern(a + 3) << 24);
        g_assert_cmpint(f->irq.level, ==, i + 4 == 1024);
    }
    st = devtest_readl(STATUS);
    g_assert_cmphex(st & (S_DATA_END | S_BLOCK_END | S_RX_ACTIVE), ==,
                    S_DATA_END | S_BLOCK_END);
    devtest_writel(CLEAR, S_DATA_END | S_BLOCK_END);
    g_assert_cmpint(f->irq.level, ==, 0);
    /* the card still sends until CMD12 */
    g_assert_cmpuint(R1_STATE(send_r(13, rca << 16)), ==, 5);
    g_assert_cmpuint(R1_STATE(send_r(12, 0)), ==, 5);
    g_assert_cmpuint(R1_STATE(send_r(13, rca << 16)), ==, 4);

    /* Empty FIFO reads are logged. */
    devtest_log_start();
    g_assert_cmphex(devtest_readl(FIFO), ==, 0);
    devtest_log_expect("pl181: read from an empty FIFO");
    devtest_log_stop();
}

static uint32_t ldl_le_test(const uint8_t *p)
{
    return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24;
}

static void check_image(Fixture *f, uint64_t offset, const uint8_t *data, size_t len)
{
    g_autofree char *contents = NULL;
    gsize size;

    g_assert_true(g_file_get_contents(f->image, &contents, &size, NULL));
    g_assert_cmpuint(size, ==, IMAGE_SIZE);
    g_assert_cmpmem(contents + offset, len, data, len);
    /* neighbours untouched */
    g_assert_cmphex((uint8_t)contents[offset - 1], ==, pattern(offset - 1));
    g_assert_cmphex((uint8_t)contents[offset + len], ==, pattern(offset + len));
}

static void test_write_blocks(Fixture *f, gconstpointer data)
{
    uint32_t rca = init_card(false);
    uint8_t buf[1536];

    for (size_t i = 0; i < sizeof(buf); i++) {
        buf[i] = i ^ 0xa5;
    }
    /* single block: the command first, then the data path */
    g_assert_cmpuint(R1_STATE(send_r(24, 4096)), ==, 4);
    g_assert_cmpuint(R1_STATE(send_r(13, rca << 16)), ==, 6);  /* rcv */
    devtest_writel(DATALENGTH, 512);
    devtest_writel(DATACTRL, DC_ENABLE | DC_BLK512);
    g_assert_cmphex(devtest_readl(STATUS) & (S_TX_ACTIVE | S_TX_EMPTY | S_TX_HALF_EMPTY),
                    ==, S_TX_ACTIVE | S_TX_EMPTY | S_TX_HALF_EMPTY);
    for (int i = 0; i < 512; i += 4) {
        devtest_writel(FIFO, ldl_le_test(buf + i));
    }
    g_assert_cmphex(devtest_readl(STATUS) & (S_DATA_END | S_TX_ACTIVE), ==, S_DATA_END);
    g_assert_cmpuint(R1_STATE(send_r(13, rca << 16)), ==, 4);
    check_image(f, 4096, buf, 512);

    /* multiple blocks, data path first, then CMD25 ... CMD12 */
    devtest_writel(CLEAR, 0x7ff);
    devtest_writel(DATALENGTH, 1024);
    devtest_writel(DATACTRL, DC_ENABLE | DC_BLK512);
    g_assert_cmpuint(R1_STATE(send_r(25, 8192)), ==, 4);
    for (int i = 0; i < 1024; i += 4) {
        devtest_writel(FIFO + 0x3c, ldl_le_test(buf + 512 + i));
    }
    g_assert_cmphex(devtest_readl(STATUS) & S_DATA_END, ==, S_DATA_END);
    g_assert_cmpuint(R1_STATE(send_r(12, 0)), ==, 6);
    check_image(f, 8192, buf + 512, 1024);

    devtest_log_start();
    devtest_writel(FIFO, 0);
    devtest_log_expect("pl181: FIFO write without a write transfer in progress");
    devtest_log_stop();
}

static void read_small(uint8_t *out, uint32_t len)
{
    for (uint32_t i = 0; i < len; i += 4) {
        uint32_t w = devtest_readl(FIFO);

        for (int b = 0; b < 4 && i + b < len; b++) {
            out[i + b] = w >> (8 * b);
        }
    }
    g_assert_cmphex(devtest_readl(STATUS) & S_DATA_END, ==, S_DATA_END);
    devtest_writel(CLEAR, 0x7ff);
}

static void test_scr_status_switch(Fixture *f, gconstpointer data)
{
    uint32_t rca = init_card(false);
    uint8_t scr[8], st[64], sw[64];

    devtest_writel(DATALENGTH, 8);
    devtest_writel(DATACTRL, DC_ENABLE | DC_READ | (3 << 4));
    send_r(55, rca << 16);
    g_assert_cmphex(send_r(51, 0) & 0x20, ==, 0x20);
    read_small(scr, 8);
    g_assert_cmphex(scr[0], ==, 0x02);
    g_assert_cmphex(scr[1], ==, 0x25);              /* SDSC security, 1/4 bit */

    send_r(55, rca << 16);
    send_r(6, 2);                                   /* ACMD6: 4-bit bus */
    devtest_writel(DATALENGTH, 64);
    devtest_writel(DATACTRL, DC_ENABLE | DC_READ | (6 << 4));
    send_r(55, rca << 16);
    send_r(13, 0);                                  /* ACMD13 */
    read_small(st, 64);
    g_assert_cmphex(st[0], ==, 0x80);               /* DAT_BUS_WIDTH 4 */

    devtest_writel(DATALENGTH, 64);
    devtest_writel(DATACTRL, DC_ENABLE | DC_READ | (6 << 4));
    send_r(6, 0x80fffff1);                          /* switch group 1 to 1 */
    read_small(sw, 64);
    g_assert_cmphex(sw[13], ==, 0x01);              /* only function 0 */
    g_assert_cmphex(sw[16] & 0xf, ==, 0xf);         /* refused */
    g_assert_cmphex(sw[16] >> 4, ==, 0);
    g_assert_cmpuint(R1_STATE(send_r(13, rca << 16)), ==, 4);
}

static void test_out_of_range(Fixture *f, gconstpointer data)
{
    init_card(false);
    g_assert_cmphex(send_r(17, IMAGE_SIZE) & 0xc0000000, ==, 0xc0000000);
    g_assert_cmpuint(R1_STATE(send_r(17, IMAGE_SIZE - 512)), ==, 4);
}

static void test_readonly(Fixture *f, gconstpointer data)
{
    uint32_t rca;

    g_assert_cmpint(f->readonly.level, ==, 1);
    rca = init_card(false);
    g_assert_cmphex(send_r(24, 0) & (1u << 26), ==, 1u << 26);
    g_assert_cmpuint(R1_STATE(send_r(13, rca << 16)), ==, 4);
}

static void test_sdhc(Fixture *f, gconstpointer data)
{
    uint32_t rca = init_card(true);
    uint32_t r1, r2;

    send(7, 0, C_RESP);
    g_assert_cmphex(send(9, rca << 16, C_RESP | C_LONG), ==, S_RESP_END);
    g_assert_cmphex(devtest_readl(RESP(0)) >> 30, ==, 1);      /* CSD 2.0 */
    r1 = devtest_readl(RESP(1));
    r2 = devtest_readl(RESP(2));
    g_assert_cmpuint(((r1 & 0x3f) << 16 | r2 >> 16) + 1, ==, 3 * GiB / (512 * KiB));
    send_r(7, rca << 16);
    /* CMD16 is ignored: blocks stay 512 bytes; addresses count blocks */
    send_r(16, 16);
    devtest_writel(DATALENGTH, 512);
    devtest_writel(DATACTRL, DC_ENABLE | DC_READ | DC_BLK512);
    send_r(17, 3);
    g_assert_cmphex(devtest_readl(FIFO), ==, pattern(1536) | pattern(1537) << 8 |
                    pattern(1538) << 16 | (uint32_t)pattern(1539) << 24);
    send_r(12, 0);
    /* the last block of the 3 GiB card is addressable */
    g_assert_cmphex(send_r(24, 3 * GiB / 512 - 1) & 0xc0000000, ==, 0);
    send_r(12, 0);
    g_assert_cmphex(send_r(17, 3 * GiB / 512) & 0xc0000000, !=, 0);
}

/* Saves OPAQUE's state with VMSD, lets the caller disturb it, loads it back. */
static GByteArray *state_save(const VMStateDescription *vmsd, void *opaque)
{
    QEMUFile *out = qemu_file_new_output_mem();
    GByteArray *copy;

    g_assert_true(vmstate_save_state(out, vmsd, opaque, NULL, &error_abort));
    qemu_fflush(out);
    copy = g_byte_array_new();
    g_byte_array_append(copy, qemu_file_mem_data(out)->data,
                        qemu_file_mem_data(out)->len);
    qemu_fclose(out);
    return copy;
}

static void state_load(const VMStateDescription *vmsd, void *opaque, GByteArray *data)
{
    QEMUFile *in = qemu_file_new_input_mem(data->data, data->len);

    g_assert_true(vmstate_load_state(in, vmsd, opaque, vmsd->version_id, &error_abort));
    qemu_fclose(in);
    g_byte_array_unref(data);
}

/* A multiple-block read saved and restored half-way goes on where it was. */
static void test_migrate_mid_read(Fixture *f, gconstpointer data)
{
    uint32_t rca = init_card(false);
    DeviceState *card = DEVICE(sdbus_get_card(PL181(f->dev)->bus));
    const VMStateDescription *mmci_vmsd = DEVICE_GET_CLASS(f->dev)->vmsd;
    const VMStateDescription *card_vmsd = DEVICE_GET_CLASS(card)->vmsd;
    GByteArray *mmci_state, *card_state;

    devtest_writel(DATALENGTH, 1024);
    devtest_writel(DATACTRL, DC_ENABLE | DC_READ | DC_BLK512);
    send_r(18, 4096);
    for (uint32_t i = 0; i < 600; i += 4) {
        devtest_readl(FIFO);
    }
    mmci_state = state_save(mmci_vmsd, f->dev);
    card_state = state_save(card_vmsd, card);
    device_cold_reset(f->dev);
    g_assert_cmphex(send(13, rca << 16, C_RESP), ==, S_CMD_TIMEOUT);   /* idle */
    state_load(mmci_vmsd, f->dev, mmci_state);
    state_load(card_vmsd, card, card_state);
    for (uint32_t i = 600; i < 1024; i += 4) {
        uint64_t a = 4096 + i;

        g_assert_cmphex(devtest_readl(FIFO), ==, pattern(a) | pattern(a + 1) << 8 |
                        pattern(a + 2) << 16 | (uint32_t)pattern(a + 3) << 24);
    }
    g_assert_cmphex(devtest_readl(STATUS) & S_DATA_END, ==, S_DATA_END);
    g_assert_cmpuint(R1_STATE(send_r(12, 0)), ==, 5);
    g_assert_cmpuint(R1_STATE(send_r(13, rca << 16)), ==, 4);
}

static void set_tiny_drive(DeviceState *dev, void *opaque)
{
    qdev_prop_set_drive(dev, "drive", opaque);
}

static void test_errors(void)
{
    g_autofree char *dir = g_dir_make_tmp("pl181-XXXXXX", NULL);
    g_autofree char *path = g_build_filename(dir, "tiny.img", NULL);
    g_autofree char *spec = g_strdup_printf("if=none,id=tiny,file=%s,format=raw", path);
    DeviceState *card = qdev_new(TYPE_SD_CARD);
    g_autofree char *drive_id = NULL;
    DeviceState *mmci;
    BusState *bus;
    DriveInfo *di;
    Error *err = NULL;
    SDState *sd;
    PL181State *s;

    g_assert_true(g_file_set_contents(path, "x", 1, NULL));
    di = drive_new(spec, false, &error_abort);

    /* the drive property names a drive of the table */
    g_assert_false(object_property_set_str(OBJECT(card), "drive", "nope", &err));
    g_assert_cmpstr(error_get_pretty(err), ==,
                    "Property 'sd-card.drive' can't find value 'nope'");
    error_free(err);
    err = NULL;
    set_tiny_drive(card, di->bs);
    drive_id = object_property_get_str(OBJECT(card), "drive", &error_abort);
    g_assert_cmpstr(drive_id, ==, "tiny");

    mmci = devtest_create(TYPE_PL181, BASE, NULL, NULL, NULL);
    bus = qdev_get_child_bus(mmci, "sd-bus");
    g_assert_false(qdev_realize(card, bus, &err));
    g_assert_nonnull(strstr(error_get_pretty(err), "tiny.img' is too small (1 bytes"));
    error_free(err);
    err = NULL;
    object_unref(OBJECT(card));

    /* loading checks */
    card = qdev_new(TYPE_SD_CARD);
    g_assert_true(qdev_realize_and_unref(card, bus, &error_abort));
    sd = SD_CARD(card);
    sd->blocklen = 4096;
    g_assert_false(DEVICE_GET_CLASS(card)->vmsd->post_load(sd, 1, &err));
    g_assert_cmpstr(error_get_pretty(err), ==,
                    "sd-card: invalid state 0 (block length 4096, data 0/0)");
    error_free(err);
    err = NULL;
    s = PL181(mmci);
    s->fifo_len = 17;
    g_assert_false(DEVICE_GET_CLASS(mmci)->vmsd->post_load(s, 1, &err));
    g_assert_cmpstr(error_get_pretty(err), ==,
                    "pl181: invalid FIFO position 0 / length 17");
    error_free(err);
    g_assert_true(vmstate_check_description(DEVICE_GET_CLASS(card)->vmsd, &error_abort));
    g_assert_true(vmstate_check_description(DEVICE_GET_CLASS(mmci)->vmsd, &error_abort));
    devtest_destroy(mmci, NULL);
    drive_cleanup();
    g_unlink(path);
    g_rmdir(dir);
}

#define ADD(name, c, fn) \
    g_test_add("/pl181/" name, Fixture, c, fixture_setup, fn, fixture_teardown)

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    devtest_init();
    ADD("ids", &card_1m, test_ids);
    ADD("reset-values", &card_1m, test_reset_values);
    ADD("no-card", &card_none, test_no_card);
    ADD("init-and-csd", &card_1m, test_init_and_csd);
    ADD("illegal-command", &card_1m, test_illegal_command);
    ADD("read-blocks", &card_1m, test_read_blocks);
    ADD("write-blocks", &card_1m, test_write_blocks);
    ADD("scr-status-switch", &card_1m, test_scr_status_switch);
    ADD("out-of-range", &card_1m, test_out_of_range);
    ADD("readonly", &card_ro, test_readonly);
    ADD("sdhc", &card_hc, test_sdhc);
    ADD("migrate-mid-read", &card_1m, test_migrate_mid_read);
    g_test_add_func("/pl181/errors", test_errors);
    return g_test_run();
}
