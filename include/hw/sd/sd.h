/*
 * SD memory card (SD Physical Layer Simplified Specification, SD mode) and
 * the small bus a host controller uses to talk to it.
 *
 * The host sends a command (index and argument) and gets the response
 * bytes back at once, most significant byte first, without start bit,
 * direction bit or CRC except for R2 (16 bytes: the register with its
 * CRC7 in the last byte). Data moves as bytes in both directions while the
 * card is in the data (read) or receive (write) state; blocks are read
 * from / written to the card's drive as they are crossed. Busy periods
 * (R1b, programming) complete at once.
 *
 * A card without a drive is "no card present": the bus reports nothing
 * inserted and commands get no response.
 */
#ifndef HW_SD_SD_H
#define HW_SD_SD_H

#include "hw/qdev-core.h"
#include "block/block.h"

#define TYPE_SD_BUS "sd-bus"
#define TYPE_SD_CARD "sd-card"

OBJECT_DECLARE_SIMPLE_TYPE(SDState, SD_CARD)

typedef BusState SDBus;

typedef struct SDRequest {
    uint8_t cmd;            /* command index 0..63 */
    uint32_t arg;
} SDRequest;

/* Card states (the CURRENT_STATE field of the card status). */
typedef enum SDCardState {
    SD_STATE_IDLE = 0,
    SD_STATE_READY = 1,
    SD_STATE_IDENT = 2,
    SD_STATE_STBY = 3,
    SD_STATE_TRAN = 4,
    SD_STATE_DATA = 5,
    SD_STATE_RCV = 6,
    SD_STATE_PRG = 7,
    SD_STATE_DIS = 8,
    SD_STATE_INACTIVE = 15,     /* after CMD15 / unusable voltage */
} SDCardState;

/* Card status bits (R1) */
#define SD_OUT_OF_RANGE     (1u << 31)
#define SD_ADDRESS_ERROR    (1u << 30)
#define SD_BLOCK_LEN_ERROR  (1u << 29)
#define SD_WP_VIOLATION     (1u << 26)
#define SD_ILLEGAL_COMMAND  (1u << 22)
#define SD_CARD_ERROR       (1u << 20)
#define SD_GENERAL_ERROR    (1u << 19)
#define SD_READY_FOR_DATA   (1u << 8)
#define SD_APP_CMD          (1u << 5)
#define SD_STATUS_STATE(st) ((uint32_t)(st) << 9)

struct SDState {
    DeviceState parent_obj;

    BlockDriverState *drive;    /* "drive" property; NULL: no card */
    uint64_t size;              /* capacity in bytes (whole blocks) */
    bool high_capacity;         /* SDHC: block addressing */

    /* Registers (built at realize from the size, except rca/status/ocr) */
    uint8_t cid[16];
    uint8_t csd[16];
    uint8_t scr[8];
    uint32_t ocr;
    uint16_t rca;
    uint32_t card_status;

    /* Protocol state (migrated) */
    uint32_t state;             /* SDCardState */
    bool expecting_acmd;        /* the last command was CMD55 */
    uint8_t current_cmd;        /* command of the data transfer in progress */
    bool acmd_transfer;         /* ... which was an application command */
    uint32_t blocklen;
    uint64_t data_start;        /* byte address of the current block */
    uint32_t data_offset;       /* bytes done in data[] */
    uint32_t data_size;         /* bytes in data[] for this transfer unit */
    bool block_loaded;          /* data[] holds the block at data_start */
    uint8_t bus_width;          /* ACMD6: 1 or 4 */
    uint8_t data[512];
};

/* ---- the bus, as a host controller sees it ---- */

/* The card on BUS, or NULL. */
SDState *sdbus_get_card(SDBus *bus);
/* Whether a card with media is on BUS, and whether it is write-protected. */
bool sdbus_get_inserted(SDBus *bus);
bool sdbus_get_readonly(SDBus *bus);
/*
 * Sends REQ; fills RESPONSE (room for 16 bytes) and returns its length:
 * 0 (no response: no card, illegal command, wrong state), 4 (R1, R1b,
 * R3, R6, R7) or 16 (R2).
 */
int sdbus_do_command(SDBus *bus, const SDRequest *req, uint8_t *response);
/* Whether the card has read data to give / accepts write data now. */
bool sdbus_data_ready(SDBus *bus);
bool sdbus_receive_ready(SDBus *bus);
/* Move up to LEN bytes; return how many moved (fewer at the end of data). */
size_t sdbus_read_data(SDBus *bus, void *buf, size_t len);
size_t sdbus_write_data(SDBus *bus, const void *buf, size_t len);

/* Card-level entry points (the bus functions call these). */
int sd_do_command(SDState *sd, const SDRequest *req, uint8_t *response);
size_t sd_read_data(SDState *sd, void *buf, size_t len);
size_t sd_write_data(SDState *sd, const void *buf, size_t len);

#endif
