/*
 * SD memory card, SD mode (SD Physical Layer Simplified Specification
 * version 3.01): the commands Linux's mmc stack uses, the card state
 * machine, CID/CSD/SCR/OCR/RCA, standard capacity (byte addressing) up to
 * 2 GiB and high capacity (block addressing) above.
 *
 * Design: everything completes at once (no busy time, no CRC errors).
 * Read data is fetched from the drive one block at a time, when the host
 * first asks for a byte of it, so that a multiple-block read never touches
 * the block after the last one the host takes before CMD12.
 */
#include "qemu/osdep.h"
#include "qemu/log.h"
#include "hw/sd/sd.h"
#include "hw/qdev-properties-system.h"
#include "migration/vmstate.h"

#define SD_SDSC_MAX         (2 * GiB)       /* above: high capacity */
#define SD_OCR_VOLTAGES     0x00ff8000      /* 2.7-3.6 V */
#define SD_OCR_CCS          (1u << 30)
#define SD_OCR_POWER_UP     (1u << 31)
#define SD_FIRST_RCA        0x4567
/* Error bits cleared once a response has carried them (type C). */
#define SD_CLEAR_ON_READ    0xfdf80000u
#define SD_STATE_MASK       (0xfu << 9)

typedef enum {
    SD_R0,      /* no response */
    SD_R1,
    SD_R1B,
    SD_R2_CID,
    SD_R2_CSD,
    SD_R3,
    SD_R6,
    SD_R7,
} SDResponseType;

/* ---- registers ---- */

static void put_be32(uint8_t *p, uint32_t v)
{
    p[0] = v >> 24;
    p[1] = v >> 16;
    p[2] = v >> 8;
    p[3] = v;
}

/* Sets bits HI..LO of a big-endian register of LEN bytes (bit 0 = last). */
static void reg_set_bits(uint8_t *reg, size_t len, unsigned hi, unsigned lo,
                         uint32_t value)
{
    for (unsigned bit = lo; bit <= hi; bit++) {
        uint8_t *byte = &reg[len - 1 - bit / 8];
        uint8_t mask = 1u << (bit % 8);

        if ((value >> (bit - lo)) & 1) {
            *byte |= mask;
        } else {
            *byte &= ~mask;
        }
    }
}

/* CRC7 (x^7 + x^3 + 1) over LEN bytes, as the last byte of R2 carries it. */
static uint8_t sd_crc7(const uint8_t *p, size_t len)
{
    uint8_t crc = 0;

    for (size_t i = 0; i < len; i++) {
        for (int bit = 7; bit >= 0; bit--) {
            unsigned in = (p[i] >> bit) & 1;
            unsigned msb = (crc >> 6) & 1;

            crc = (crc << 1) & 0x7f;
            if (in ^ msb) {
                crc ^= 0x09;
            }
        }
    }
    return crc;
}

static void sd_seal_register(uint8_t *reg)
{
    reg[15] = (sd_crc7(reg, 15) << 1) | 1;
}

static void sd_build_cid(SDState *sd)
{
    static const char pnm[5] = { 'F', 'E', 'R', 'R', 'Y' };
    uint8_t *cid = sd->cid;

    memset(cid, 0, 16);
    cid[0] = 0xfe;                          /* MID */
    cid[1] = 'F';                           /* OID */
    cid[2] = 'Y';
    memcpy(&cid[3], pnm, 5);                /* PNM */
    cid[8] = 0x10;                          /* PRV 1.0 */
    put_be32(&cid[9], 0x0bad5eed);          /* PSN */
    reg_set_bits(cid, 16, 19, 8, (26 << 4) | 1);    /* MDT: 2026-01 */
    sd_seal_register(cid);
}

static void sd_build_csd(SDState *sd)
{
    uint8_t *csd = sd->csd;

    memset(csd, 0, 16);
    csd[1] = 0x0e;                          /* TAAC: 1 ms */
    csd[3] = 0x32;                          /* TRAN_SPEED: 25 MHz */
    reg_set_bits(csd, 16, 95, 84, 0x5b5);   /* CCC: classes 0 2 4 5 7 8 10 */
    reg_set_bits(csd, 16, 46, 46, 1);       /* ERASE_BLK_EN */
    reg_set_bits(csd, 16, 45, 39, 0x7f);    /* SECTOR_SIZE */
    reg_set_bits(csd, 16, 28, 26, 2);       /* R2W_FACTOR */
    reg_set_bits(csd, 16, 25, 22, 9);       /* WRITE_BL_LEN: 512 */
    if (sd->high_capacity) {
        reg_set_bits(csd, 16, 127, 126, 1);             /* CSD version 2.0 */
        reg_set_bits(csd, 16, 83, 80, 9);
        reg_set_bits(csd, 16, 69, 48, sd->size / (512 * KiB) - 1);
    } else {
        unsigned bl_shift = sd->size > GiB ? 10 : 9;
        uint64_t blocks = sd->size >> bl_shift;
        unsigned mult = 0;

        /* The smallest multiplier whose unit count fits C_SIZE's 12 bits. */
        while (mult < 7 && (blocks >> (mult + 2)) > 4096) {
            mult++;
        }
        reg_set_bits(csd, 16, 83, 80, bl_shift);        /* READ_BL_LEN */
        reg_set_bits(csd, 16, 79, 79, 1);               /* READ_BL_PARTIAL */
        reg_set_bits(csd, 16, 73, 62, (blocks >> (mult + 2)) - 1);
        reg_set_bits(csd, 16, 61, 50, 0xfff);           /* VDD currents */
        reg_set_bits(csd, 16, 49, 47, mult);
    }
    sd_seal_register(csd);
}

static void sd_build_scr(SDState *sd)
{
    memset(sd->scr, 0, sizeof(sd->scr));
    sd->scr[0] = 0x02;                      /* SCR 1.0, SD_SPEC 2.00 */
    /* SD_SECURITY (2: SDSC, 3: SDHC), SD_BUS_WIDTHS 1 and 4 bits */
    sd->scr[1] = (sd->high_capacity ? 0x30 : 0x20) | 0x05;
}

/* ---- data transfers ---- */

static void sd_start_read(SDState *sd, uint8_t cmd, bool acmd,
                          const void *data, uint32_t len)
{
    sd->state = SD_STATE_DATA;
    sd->current_cmd = cmd;
    sd->acmd_transfer = acmd;
    sd->data_offset = 0;
    sd->data_size = len;
    sd->block_loaded = data != NULL;
    if (data) {
        memcpy(sd->data, data, len);
    }
}

static uint64_t sd_address(SDState *sd, uint32_t arg)
{
    return sd->high_capacity ? (uint64_t)arg * 512 : arg;
}

static bool sd_load_block(SDState *sd)
{
    if (sd->data_start + sd->blocklen > sd->size) {
        sd->card_status |= SD_OUT_OF_RANGE;
        return false;
    }
    if (bdrv_pread(sd->drive, sd->data_start, sd->data, sd->blocklen) < 0) {
        qemu_log_mask(LOG_GUEST_ERROR, "sd-card: read at 0x%" PRIx64 " failed: %s\n",
                      sd->data_start, bdrv_get_last_error(sd->drive));
        sd->card_status |= SD_GENERAL_ERROR;
        return false;
    }
    sd->block_loaded = true;
    return true;
}

size_t sd_read_data(SDState *sd, void *buf, size_t len)
{
    size_t done = 0;

    while (done < len && sd->state == SD_STATE_DATA) {
        size_t n;

        if (!sd->block_loaded && !sd_load_block(sd)) {
            break;      /* stays in the data state until CMD12 */
        }
        n = MIN(len - done, sd->data_size - sd->data_offset);
        memcpy((uint8_t *)buf + done, sd->data + sd->data_offset, n);
        sd->data_offset += n;
        done += n;
        if (sd->data_offset < sd->data_size) {
            continue;
        }
        if (sd->current_cmd == 18 && !sd->acmd_transfer) {
            sd->data_start += sd->blocklen;
            sd->data_offset = 0;
            sd->block_loaded = false;
        } else {
            sd->state = SD_STATE_TRAN;
        }
    }
    return done;
}

static void sd_program_block(SDState *sd)
{
    if (sd->data_start + sd->blocklen > sd->size) {
        sd->card_status |= SD_OUT_OF_RANGE;
    } else if (bdrv_pwrite(sd->drive, sd->data_start, sd->data,
                           sd->blocklen) < 0) {
        qemu_log_mask(LOG_GUEST_ERROR, "sd-card: write at 0x%" PRIx64 " failed: %s\n",
                      sd->data_start, bdrv_get_last_error(sd->drive));
        sd->card_status |= SD_GENERAL_ERROR;
    }
}

size_t sd_write_data(SDState *sd, const void *buf, size_t len)
{
    size_t done = 0;

    while (done < len && sd->state == SD_STATE_RCV) {
        size_t n = MIN(len - done, sd->data_size - sd->data_offset);

        memcpy(sd->data + sd->data_offset, (const uint8_t *)buf + done, n);
        sd->data_offset += n;
        done += n;
        if (sd->data_offset < sd->data_size) {
            continue;
        }
        sd_program_block(sd);
        if (sd->current_cmd == 25) {
            sd->data_start += sd->blocklen;
            sd->data_offset = 0;
        } else {
            sd->state = SD_STATE_TRAN;      /* through prg, at once */
        }
    }
    return done;
}

/* ---- commands ---- */

static void sd_reset_state(SDState *sd)
{
    sd->state = SD_STATE_IDLE;
    sd->rca = 0;
    sd->card_status = 0;
    sd->ocr = SD_OCR_VOLTAGES | (sd->high_capacity ? SD_OCR_CCS : 0);
    sd->expecting_acmd = false;
    sd->current_cmd = 0;
    sd->acmd_transfer = false;
    sd->blocklen = 512;
    sd->data_start = 0;
    sd->data_offset = 0;
    sd->data_size = 0;
    sd->block_loaded = false;
    sd->bus_width = 1;
}

/* CMD6: the 512-bit switch status; only function 0 in each group. */
static void sd_switch_function(SDState *sd, uint32_t arg)
{
    uint8_t status[64] = { 0 };

    status[1] = 1;                          /* max current: 1 mA */
    for (int group = 0; group < 6; group++) {
        unsigned fn = (arg >> (4 * group)) & 0xf;
        unsigned result = (fn == 0 || fn == 0xf) ? 0 : 0xf;

        status[13 - 2 * group] = 0x01;      /* supported: function 0 */
        status[16 - group / 2] |= result << ((group % 2) * 4);
    }
    /* Mode 1 (switch) changes nothing: function 0 stays selected. */
    sd_start_read(sd, 6, false, status, sizeof(status));
}

static SDResponseType sd_app_command(SDState *sd, const SDRequest *req,
                                     bool *handled)
{
    *handled = true;
    switch (req->cmd) {
    case 6:         /* SET_BUS_WIDTH */
        if (sd->state != SD_STATE_TRAN) {
            break;
        }
        sd->bus_width = (req->arg & 3) == 2 ? 4 : 1;
        return SD_R1;
    case 13: {      /* SD_STATUS */
        uint8_t status[64] = { 0 };

        if (sd->state != SD_STATE_TRAN) {
            break;
        }
        status[0] = sd->bus_width == 4 ? 0x80 : 0x00;
        sd_start_read(sd, 13, true, status, sizeof(status));
        return SD_R1;
    }
    case 41:        /* SD_SEND_OP_COND */
        if (sd->state != SD_STATE_IDLE) {
            break;
        }
        if (req->arg & SD_OCR_VOLTAGES) {
            /* A usable voltage: power-up completes at once. */
            sd->ocr |= SD_OCR_POWER_UP;
            sd->state = SD_STATE_READY;
        }
        return SD_R3;
    case 51:        /* SEND_SCR */
        if (sd->state != SD_STATE_TRAN) {
            break;
        }
        sd_start_read(sd, 51, true, sd->scr, sizeof(sd->scr));
        return SD_R1;
    default:
        *handled = false;   /* not an ACMD: the normal command */
        return SD_R0;
    }
    sd->card_status |= SD_ILLEGAL_COMMAND;
    return SD_R0;
}

static SDResponseType sd_normal_command(SDState *sd, const SDRequest *req)
{
    uint16_t rca = req->arg >> 16;
    uint64_t addr;

    switch (req->cmd) {
    case 0:         /* GO_IDLE_STATE */
        if (sd->state != SD_STATE_INACTIVE) {
            sd_reset_state(sd);
        }
        return SD_R0;
    case 2:         /* ALL_SEND_CID */
        if (sd->state != SD_STATE_READY) {
            break;
        }
        sd->state = SD_STATE_IDENT;
        return SD_R2_CID;
    case 3:         /* SEND_RELATIVE_ADDR */
        if (sd->state != SD_STATE_IDENT && sd->state != SD_STATE_STBY) {
            break;
        }
        sd->rca = sd->rca ? sd->rca + 1 : SD_FIRST_RCA;
        sd->state = SD_STATE_STBY;
        return SD_R6;
    case 6:         /* SWITCH_FUNC */
        if (sd->state != SD_STATE_TRAN) {
            break;
        }
        sd_switch_function(sd, req->arg);
        return SD_R1;
    case 7:         /* SELECT/DESELECT_CARD */
        if (rca == sd->rca) {
            if (sd->state == SD_STATE_STBY || sd->state == SD_STATE_DIS) {
                sd->state = SD_STATE_TRAN;
                return SD_R1B;
            }
            break;
        }
        switch (sd->state) {
        case SD_STATE_TRAN:
        case SD_STATE_DATA:
        case SD_STATE_RCV:
        case SD_STATE_PRG:
            sd->state = SD_STATE_STBY;
            break;
        default:
            break;
        }
        return SD_R0;       /* the deselected card does not answer */
    case 8:         /* SEND_IF_COND */
        if (sd->state != SD_STATE_IDLE) {
            break;
        }
        if (((req->arg >> 8) & 0xf) != 1) {
            return SD_R0;   /* voltage not supported: no response */
        }
        return SD_R7;
    case 9:         /* SEND_CSD */
    case 10:        /* SEND_CID */
        if (sd->state != SD_STATE_STBY) {
            break;
        }
        if (rca != sd->rca) {
            return SD_R0;
        }
        return req->cmd == 9 ? SD_R2_CSD : SD_R2_CID;
    case 12:        /* STOP_TRANSMISSION */
        if (sd->state != SD_STATE_DATA && sd->state != SD_STATE_RCV) {
            break;
        }
        sd->state = SD_STATE_TRAN;  /* a partial write block is dropped */
        return SD_R1B;
    case 13:        /* SEND_STATUS */
        if (sd->state < SD_STATE_STBY || sd->state > SD_STATE_DIS) {
            break;
        }
        return rca == sd->rca ? SD_R1 : SD_R0;
    case 16:        /* SET_BLOCKLEN */
        if (sd->state != SD_STATE_TRAN) {
            break;
        }
        if (req->arg == 0 || req->arg > 512) {
            sd->card_status |= SD_BLOCK_LEN_ERROR;
        } else if (!sd->high_capacity) {
            sd->blocklen = req->arg;    /* SDHC: always 512 */
        }
        return SD_R1;
    case 17:        /* READ_SINGLE_BLOCK */
    case 18:        /* READ_MULTIPLE_BLOCK */
    case 24:        /* WRITE_BLOCK */
    case 25:        /* WRITE_MULTIPLE_BLOCK */
        if (sd->state != SD_STATE_TRAN) {
            break;
        }
        addr = sd_address(sd, req->arg);
        if (addr + sd->blocklen > sd->size) {
            sd->card_status |= SD_ADDRESS_ERROR | SD_OUT_OF_RANGE;
            return SD_R1;
        }
        if (req->cmd >= 24 && bdrv_is_read_only(sd->drive)) {
            sd->card_status |= SD_WP_VIOLATION;
            return SD_R1;
        }
        sd->data_start = addr;
        if (req->cmd <= 18) {
            sd_start_read(sd, req->cmd, false, NULL, sd->blocklen);
        } else {
            sd->state = SD_STATE_RCV;
            sd->current_cmd = req->cmd;
            sd->acmd_transfer = false;
            sd->data_offset = 0;
            sd->data_size = sd->blocklen;
        }
        return SD_R1;
    case 55:        /* APP_CMD */
        if (sd->state != SD_STATE_IDLE && rca != sd->rca) {
            return SD_R0;
        }
        sd->expecting_acmd = true;
        return SD_R1;
    default:
        break;
    }
    qemu_log_mask(LOG_GUEST_ERROR, "sd-card: illegal command CMD%d in state %u\n",
                  req->cmd, sd->state);
    sd->card_status |= SD_ILLEGAL_COMMAND;
    return SD_R0;
}

/* R1 card status; APP: the command was (or announces) an ACMD. */
static uint32_t sd_r1(SDState *sd, uint32_t state_before, bool app)
{
    uint32_t status = (sd->card_status & ~SD_STATE_MASK)
                      | SD_STATUS_STATE(state_before) | SD_READY_FOR_DATA;

    if (app) {
        status |= SD_APP_CMD;
    }
    sd->card_status &= ~SD_CLEAR_ON_READ;
    return status;
}

int sd_do_command(SDState *sd, const SDRequest *req, uint8_t *response)
{
    uint32_t state_before = sd->state;
    bool acmd = sd->expecting_acmd;
    SDResponseType type = SD_R0;
    bool handled = false;
    bool app;
    uint32_t status;

    if (!sd->drive) {
        return 0;
    }
    sd->expecting_acmd = false;
    if (acmd) {
        type = sd_app_command(sd, req, &handled);
    }
    if (!handled) {
        type = sd_normal_command(sd, req);
    }
    app = handled || sd->expecting_acmd;
    switch (type) {
    case SD_R0:
        return 0;
    case SD_R1:
    case SD_R1B:
        put_be32(response, sd_r1(sd, state_before, app));
        return 4;
    case SD_R2_CID:
        memcpy(response, sd->cid, 16);
        return 16;
    case SD_R2_CSD:
        memcpy(response, sd->csd, 16);
        return 16;
    case SD_R3:
        put_be32(response, sd->ocr);
        return 4;
    case SD_R6:
        status = sd_r1(sd, state_before, app);
        put_be32(response, ((uint32_t)sd->rca << 16)
                 | ((status >> 8) & 0xc000) | ((status >> 6) & 0x2000)
                 | (status & 0x1fff));
        return 4;
    case SD_R7:
        put_be32(response, req->arg & 0xfff);
        return 4;
    }
    return 0;
}

/* ---- the bus ---- */

SDState *sdbus_get_card(SDBus *bus)
{
    return bus->children ? SD_CARD(bus->children->data) : NULL;
}

bool sdbus_get_inserted(SDBus *bus)
{
    SDState *sd = sdbus_get_card(bus);

    return sd && sd->drive;
}

bool sdbus_get_readonly(SDBus *bus)
{
    SDState *sd = sdbus_get_card(bus);

    return sd && sd->drive && bdrv_is_read_only(sd->drive);
}

int sdbus_do_command(SDBus *bus, const SDRequest *req, uint8_t *response)
{
    SDState *sd = sdbus_get_card(bus);

    return sd ? sd_do_command(sd, req, response) : 0;
}

bool sdbus_data_ready(SDBus *bus)
{
    SDState *sd = sdbus_get_card(bus);

    return sd && sd->drive && sd->state == SD_STATE_DATA;
}

bool sdbus_receive_ready(SDBus *bus)
{
    SDState *sd = sdbus_get_card(bus);

    return sd && sd->drive && sd->state == SD_STATE_RCV;
}

size_t sdbus_read_data(SDBus *bus, void *buf, size_t len)
{
    SDState *sd = sdbus_get_card(bus);

    return sd && sd->drive ? sd_read_data(sd, buf, len) : 0;
}

size_t sdbus_write_data(SDBus *bus, const void *buf, size_t len)
{
    SDState *sd = sdbus_get_card(bus);

    return sd && sd->drive ? sd_write_data(sd, buf, len) : 0;
}

/* ---- the device ---- */

static void sd_realize(DeviceState *dev, Error **errp)
{
    SDState *sd = SD_CARD(dev);
    int64_t len;

    if (!sd->drive) {
        sd_reset_state(sd);
        return;     /* an empty slot */
    }
    len = bdrv_getlength(sd->drive);
    if (len < 512 * KiB) {
        error_setg(errp, "sd-card: image '%s' is too small (%" PRId64
                   " bytes, at least 512 KiB needed)",
                   bdrv_get_filename(sd->drive), len);
        return;
    }
    sd->high_capacity = len > SD_SDSC_MAX;
    /* Whole CSD capacity units, so that the card and its CSD agree. */
    sd->size = sd->high_capacity ? QEMU_ALIGN_DOWN(len, 512 * KiB)
                                 : QEMU_ALIGN_DOWN(len, 512);
    sd_build_cid(sd);
    sd_build_csd(sd);
    sd_build_scr(sd);
    sd_reset_state(sd);
}

static void sd_reset(DeviceState *dev)
{
    sd_reset_state(SD_CARD(dev));
}

static bool sd_post_load(void *opaque, int version_id, Error **errp)
{
    SDState *sd = opaque;

    if ((sd->state > SD_STATE_DIS && sd->state != SD_STATE_INACTIVE)
        || sd->blocklen == 0 || sd->blocklen > sizeof(sd->data)
        || sd->data_size > sizeof(sd->data)
        || sd->data_offset > sd->data_size) {
        error_setg(errp, "sd-card: invalid state %u (block length %u, "
                   "data %u/%u)", sd->state, sd->blocklen, sd->data_offset,
                   sd->data_size);
        return false;
    }
    return true;
}

static const VMStateDescription vmstate_sd_card = {
    .name = "sd-card",
    .version_id = 1,
    .minimum_version_id = 1,
    .post_load = sd_post_load,
    .fields = (const VMStateField[]) {
        VMSTATE_UINT32(state, SDState),
        VMSTATE_UINT16(rca, SDState),
        VMSTATE_UINT32(card_status, SDState),
        VMSTATE_UINT32(ocr, SDState),
        VMSTATE_BOOL(expecting_acmd, SDState),
        VMSTATE_UINT8(current_cmd, SDState),
        VMSTATE_BOOL(acmd_transfer, SDState),
        VMSTATE_UINT32(blocklen, SDState),
        VMSTATE_UINT64(data_start, SDState),
        VMSTATE_UINT32(data_offset, SDState),
        VMSTATE_UINT32(data_size, SDState),
        VMSTATE_BOOL(block_loaded, SDState),
        VMSTATE_UINT8(bus_width, SDState),
        VMSTATE_BUFFER(data, SDState),
        VMSTATE_END_OF_LIST()
    },
};

static Property sd_properties[] = {
    DEFINE_PROP_DRIVE("drive", SDState, drive),
    DEFINE_PROP_END_OF_LIST(),
};

static void sd_class_init(ObjectClass *oc, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(oc);

    dc->desc = "SD memory card";
    dc->bus_type = TYPE_SD_BUS;
    dc->realize = sd_realize;
    dc->reset = sd_reset;
    dc->vmsd = &vmstate_sd_card;
    device_class_set_props(dc, sd_properties);
}

static void sd_bus_class_init(ObjectClass *oc, void *data)
{
    BUS_CLASS(oc)->max_dev = 1;
}

static const TypeInfo sd_types[] = {
    {
        .name = TYPE_SD_CARD,
        .parent = TYPE_DEVICE,
        .instance_size = sizeof(SDState),
        .class_init = sd_class_init,
    },
    {
        .name = TYPE_SD_BUS,
        .parent = TYPE_BUS,
        .instance_size = sizeof(BusState),
        .class_init = sd_bus_class_init,
    },
};

DEFINE_TYPES(sd_types)
