/*
 * Intel/Sharp command set NOR flash with CFI (pflash_cfi01).
 *
 * The bank is WIDTH bytes wide and made of WIDTH / DEVICE-WIDTH identical
 * chips side by side (the Versatile Express has two 16-bit chips on a
 * 32-bit bus). Commands are taken from the lowest lane; every chip answers
 * in its own lane, so status, ID and query values read back replicated.
 * Query and ID tables are indexed by chip word: bank offset / WIDTH.
 *
 * Programming clears bits only (new = old & data), like the real cells;
 * operations complete at once. Lock bits are recorded and reported in
 * read-ID mode but do not block writes.
 */
#include "qemu/osdep.h"
#include "qemu/log.h"
#include "hw/block/flash.h"
#include "hw/qdev-properties-system.h"
#include "migration/vmstate.h"

typedef enum PFlashMode {
    PF_READ_ARRAY,
    PF_READ_STATUS,
    PF_READ_ID,
    PF_QUERY,
    PF_PROGRAM,         /* 0x40/0x10 given: the next write is the data */
    PF_BUF_COUNT,       /* 0xe8 given: the next write is the word count */
    PF_BUF_DATA,
    PF_BUF_CONFIRM,
    PF_ERASE_CONFIRM,
    PF_LOCK_CONFIRM,
    PF_NR_MODES
} PFlashMode;

#define SR_READY        0x80
#define SR_ERASE_ERROR  0x20
#define SR_PROG_ERROR   0x10
#define SR_SEQ_ERROR    0x30
#define SR_LOCKED       0x02

static unsigned pflash_chips(PFlashCFI01 *pf)
{
    return pf->device_width ? pf->width / pf->device_width : 1;
}

static unsigned pflash_chip_width(PFlashCFI01 *pf)
{
    return pf->device_width ? pf->device_width : pf->width;
}

static uint64_t pflash_size(PFlashCFI01 *pf)
{
    return (uint64_t)pf->num_blocks * pf->sector_len;
}

/* VALUE (one chip's answer) in every chip's lane of the bank. */
static uint32_t pflash_replicate(PFlashCFI01 *pf, uint32_t value)
{
    unsigned bits = pflash_chip_width(pf) * 8;
    uint32_t word = 0;

    for (unsigned c = 0; c < pflash_chips(pf); c++) {
        word |= value << (c * bits);
    }
    return word;
}

static void pflash_build_cfi(PFlashCFI01 *pf)
{
    uint8_t *t = pf->cfi_table;
    unsigned chips = pflash_chips(pf);
    uint64_t chip_size = pflash_size(pf) / chips;
    uint32_t chip_block = pf->sector_len / chips;

    memset(t, 0, sizeof(pf->cfi_table));
    t[0x10] = 'Q';
    t[0x11] = 'R';
    t[0x12] = 'Y';
    t[0x13] = 0x01;             /* Intel/Sharp extended command set */
    t[0x15] = 0x31;             /* its extended table */
    t[0x1b] = 0x27;             /* Vcc 2.7 .. 3.6 V */
    t[0x1c] = 0x36;
    t[0x1f] = 0x07;             /* typical word program 128 us */
    t[0x20] = 0x07;             /* typical buffer write 128 us */
    t[0x21] = 0x0a;             /* typical block erase 1 s */
    t[0x23] = 0x04;             /* maxima: 16 x typical */
    t[0x24] = 0x04;
    t[0x25] = 0x04;
    t[0x27] = __builtin_ctzll(chip_size); /* chip size 2^n bytes */
    t[0x28] = pflash_chip_width(pf) == 1 ? 0x00 : 0x01;   /* x8 / x16 */
    t[0x2a] = __builtin_ctz(PFLASH_CHIP_BUFFER);
    t[0x2c] = 1;                /* one erase block region */
    t[0x2d] = (pf->num_blocks - 1) & 0xff;
    t[0x2e] = (pf->num_blocks - 1) >> 8;
    t[0x2f] = (chip_block / 256) & 0xff;
    t[0x30] = (chip_block / 256) >> 8;
    /* Primary extended table, version 1.0, one protection register field */
    t[0x31] = 'P';
    t[0x32] = 'R';
    t[0x33] = 'I';
    t[0x34] = '1';
    t[0x35] = '0';
    t[0x3b] = 0x01;             /* block status: lock bit */
    t[0x3d] = 0x33;             /* Vcc optimum 3.3 V */
    t[0x3f] = 0x01;
    t[0x40] = 0x80;
    t[0x42] = 0x03;
    t[0x43] = 0x03;
}

static void pflash_set_mode(PFlashCFI01 *pf, PFlashMode mode)
{
    pf->mode = mode;
    memory_region_rom_device_set_romd(&pf->mem, mode == PF_READ_ARRAY);
}

/* Stores the bytes [offset, offset + len) of the contents in the image. */
static void pflash_commit(PFlashCFI01 *pf, uint64_t offset, uint64_t len)
{
    memory_region_set_dirty(&pf->mem, offset, len);
    if (pf->drive && bdrv_pwrite(pf->drive, offset, pf->storage + offset, len) < 0) {
        qemu_log_mask(LOG_GUEST_ERROR, "%s: writing the image failed: %s\n",
                      pf->name, bdrv_get_last_error(pf->drive));
        pf->status |= SR_PROG_ERROR;
    }
}

static bool pflash_writable(PFlashCFI01 *pf, uint8_t error)
{
    if (pf->drive && bdrv_is_read_only(pf->drive)) {
        qemu_log_mask(LOG_GUEST_ERROR, "%s: program/erase of a read-only "
                      "flash\n", pf->name);
        pf->status |= error | SR_LOCKED;
        return false;
    }
    return true;
}

static void pflash_program(PFlashCFI01 *pf, uint32_t offset, uint32_t value,
                           unsigned size)
{
    if (!pflash_writable(pf, SR_PROG_ERROR)) {
        return;
    }
    for (unsigned i = 0; i < size; i++) {
        pf->storage[offset + i] &= value >> (8 * i);
    }
    pflash_commit(pf, offset, size);
}

static void pflash_buffer_commit(PFlashCFI01 *pf)
{
    uint32_t bufsize = PFLASH_CHIP_BUFFER * pflash_chips(pf);
    uint32_t first = bufsize, last = 0;

    if (!pflash_writable(pf, SR_PROG_ERROR)) {
        return;
    }
    for (uint32_t i = 0; i < bufsize; i++) {
        if (pf->buf_valid[i]) {
            pf->storage[pf->buf_base + i] &= pf->buf_data[i];
            first = MIN(first, i);
            last = i;
        }
    }
    if (first <= last) {
        pflash_commit(pf, pf->buf_base + first, last - first + 1);
    }
}

static void pflash_erase(PFlashCFI01 *pf)
{
    uint64_t start = QEMU_ALIGN_DOWN(pf->cmd_addr, pf->sector_len);

    if (!pflash_writable(pf, SR_ERASE_ERROR)) {
        return;
    }
    memset(pf->storage + start, 0xff, pf->sector_len);
    pflash_commit(pf, start, pf->sector_len);
}

static void pflash_seq_error(PFlashCFI01 *pf, uint8_t cmd)
{
    qemu_log_mask(LOG_GUEST_ERROR, "%s: command 0x%02x out of sequence "
                  "(mode %u)\n", pf->name, cmd, pf->mode);
    pf->status |= SR_SEQ_ERROR;
    pflash_set_mode(pf, PF_READ_STATUS);
}

/* A command written in one of the reading modes. */
static void pflash_command(PFlashCFI01 *pf, uint32_t offset, uint8_t cmd)
{
    switch (cmd) {
    case 0xff:
    case 0x00:
    case 0xf0:      /* AMD-style reset, written by CFI probes */
        pflash_set_mode(pf, PF_READ_ARRAY);
        return;
    case 0x70:
        pflash_set_mode(pf, PF_READ_STATUS);
        return;
    case 0x50:
        pf->status = SR_READY;
        return;
    case 0x90:
        pflash_set_mode(pf, PF_READ_ID);
        return;
    case 0x98:
        pflash_set_mode(pf, PF_QUERY);
        return;
    case 0x40:
    case 0x10:
        pflash_set_mode(pf, PF_PROGRAM);
        return;
    case 0xe8:
        pf->cmd_addr = offset;
        pflash_set_mode(pf, PF_BUF_COUNT);
        return;
    case 0x20:
        pf->cmd_addr = offset;
        pflash_set_mode(pf, PF_ERASE_CONFIRM);
        return;
    case 0x60:
        pf->cmd_addr = offset;
        pflash_set_mode(pf, PF_LOCK_CONFIRM);
        return;
    case 0xd0:
    case 0x01:
        pflash_seq_error(pf, cmd);
        return;
    default:
        qemu_log_mask(LOG_GUEST_ERROR, "%s: unknown command 0x%02x at "
                      "0x%x\n", pf->name, cmd, offset);
        pflash_set_mode(pf, PF_READ_ARRAY);
        return;
    }
}

static void pflash_write(void *opaque, hwaddr offset, uint64_t value,
                         unsigned size)
{
    PFlashCFI01 *pf = opaque;
    uint8_t cmd = value & 0xff;
    uint32_t bufsize = PFLASH_CHIP_BUFFER * pflash_chips(pf);
    uint32_t words;

    switch ((PFlashMode)pf->mode) {
    case PF_PROGRAM:
        pflash_program(pf, offset, value, size);
        pflash_set_mode(pf, PF_READ_STATUS);
        return;
    case PF_BUF_COUNT:
        /* Each chip gets (count + 1) words: one bank access per word. */
        words = (value & ((1u << (8 * MIN(pflash_chip_width(pf), 2u))) - 1)) + 1;
        if (words * pf->width > bufsize) {
            qemu_log_mask(LOG_GUEST_ERROR, "%s: buffered program of %u words "
                          "exceeds the %u-byte buffer\n", pf->name, words,
                          bufsize);
            pf->status |= SR_SEQ_ERROR;
            pflash_set_mode(pf, PF_READ_STATUS);
            return;
        }
        pf->buf_remaining = words;
        pf->buf_base = QEMU_ALIGN_DOWN(pf->cmd_addr, bufsize);
        memset(pf->buf_valid, 0, sizeof(pf->buf_valid));
        pflash_set_mode(pf, PF_BUF_DATA);
        return;
    case PF_BUF_DATA:
        if (offset < pf->buf_base || offset + size > pf->buf_base + bufsize) {
            qemu_log_mask(LOG_GUEST_ERROR, "%s: buffered program data at 0x%x "
                          "outside the buffer at 0x%x\n", pf->name,
                          (unsigned)offset, pf->buf_base);
            pf->status |= SR_PROG_ERROR;
        } else {
            for (unsigned i = 0; i < size; i++) {
                pf->buf_data[offset - pf->buf_base + i] = value >> (8 * i);
                pf->buf_valid[offset - pf->buf_base + i] = 1;
            }
        }
        if (--pf->buf_remaining == 0) {
            pflash_set_mode(pf, PF_BUF_CONFIRM);
        }
        return;
    case PF_BUF_CONFIRM:
        if (cmd != 0xd0) {
            pflash_seq_error(pf, cmd);
            return;
        }
        if (!(pf->status & SR_PROG_ERROR)) {
            pflash_buffer_commit(pf);
        }
        pflash_set_mode(pf, PF_READ_STATUS);
        return;
    case PF_ERASE_CONFIRM:
        if (cmd != 0xd0) {
            pflash_seq_error(pf, cmd);
            return;
        }
        pflash_erase(pf);
        pflash_set_mode(pf, PF_READ_STATUS);
        return;
    case PF_LOCK_CONFIRM:
        if (cmd == 0x01 || cmd == 0x2f) {
            pf->locks[pf->cmd_addr / pf->sector_len] = 1;
        } else if (cmd == 0xd0) {
            pf->locks[pf->cmd_addr / pf->sector_len] = 0;
        } else {
            pflash_seq_error(pf, cmd);
            return;
        }
        pflash_set_mode(pf, PF_READ_STATUS);
        return;
    default:
        pflash_command(pf, offset, cmd);
        return;
    }
}

/* What one chip answers at chip word INDEX in the current mode. */
static uint32_t pflash_chip_value(PFlashCFI01 *pf, uint32_t offset)
{
    uint32_t index = offset / pf->width;

    switch ((PFlashMode)pf->mode) {
    case PF_READ_ID:
        if (index % (pf->sector_len / pf->width) == 2) {
            return pf->locks[offset / pf->sector_len];
        }
        index %= pf->sector_len / pf->width;
        return index < 2 ? pf->ident[index] : 0;
    case PF_QUERY:
        return index < sizeof(pf->cfi_table) ? pf->cfi_table[index] : 0;
    default:
        return pf->status;
    }
}

static uint64_t pflash_read(void *opaque, hwaddr offset, unsigned size)
{
    PFlashCFI01 *pf = opaque;
    uint32_t aligned = offset & ~(hwaddr)(pf->width - 1);
    uint32_t word;

    if (pf->mode == PF_READ_ARRAY) {
        uint32_t value = 0;

        for (unsigned i = 0; i < size; i++) {
            value |= (uint32_t)pf->storage[offset + i] << (8 * i);
        }
        return value;
    }
    word = pflash_replicate(pf, pflash_chip_value(pf, aligned));
    word >>= 8 * (offset - aligned);
    return size == 4 ? word : word & ((1u << (8 * size)) - 1);
}

static const MemoryRegionOps pflash_ops = {
    .read = pflash_read,
    .write = pflash_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid.min_access_size = 1,
    .valid.max_access_size = 4,
    .impl.min_access_size = 1,
    .impl.max_access_size = 4,
};

static void pflash_realize(DeviceState *dev, Error **errp)
{
    PFlashCFI01 *pf = PFLASH_CFI01(dev);
    uint64_t size;

    if (!pf->name) {
        error_setg(errp, "pflash_cfi01: property 'name' is required");
        return;
    }
    if (!pf->num_blocks || !pf->sector_len) {
        error_setg(errp, "%s: num-blocks (%u) and sector-length (%" PRIu64
                   ") must be non-zero", pf->name, pf->num_blocks,
                   pf->sector_len);
        return;
    }
    if ((pf->width != 1 && pf->width != 2 && pf->width != 4)
        || (pf->device_width && pf->width % pf->device_width)) {
        error_setg(errp, "%s: unsupported width %u / device-width %u",
                   pf->name, pf->width, pf->device_width);
        return;
    }
    size = pflash_size(pf);
    if (((size / pflash_chips(pf)) & (size / pflash_chips(pf) - 1))
        || pf->sector_len % (pflash_chips(pf) * 256)) {
        error_setg(errp, "%s: size %" PRIu64 " / sector-length %" PRIu64
                   " do not fit a CFI description", pf->name, size,
                   pf->sector_len);
        return;
    }
    if (pf->drive && bdrv_getlength(pf->drive) < (int64_t)size) {
        error_setg(errp, "%s: device needs %" PRIu64 " bytes, image '%s' "
                   "has %" PRId64, pf->name, size,
                   bdrv_get_filename(pf->drive), bdrv_getlength(pf->drive));
        return;
    }
    if (!memory_region_init_rom_device(&pf->mem, OBJECT(dev), &pflash_ops, pf,
                                       pf->name, size, errp)) {
        return;
    }
    pf->storage = memory_region_get_ram_ptr(&pf->mem);
    if (!pf->drive) {
        memset(pf->storage, 0xff, size);
    } else if (bdrv_pread(pf->drive, 0, pf->storage, size) < 0) {
        error_setg(errp, "%s: %s", pf->name, bdrv_get_last_error(pf->drive));
        memory_region_finalize(&pf->mem);
        return;
    }
    pf->locks = g_malloc0(pf->num_blocks);
    pflash_build_cfi(pf);
    sysbus_init_mmio(SYS_BUS_DEVICE(dev), &pf->mem);
}

static void pflash_reset(DeviceState *dev)
{
    PFlashCFI01 *pf = PFLASH_CFI01(dev);

    pf->status = SR_READY;
    pf->buf_remaining = 0;
    pflash_set_mode(pf, PF_READ_ARRAY);
}

static void pflash_finalize(Object *obj)
{
    PFlashCFI01 *pf = PFLASH_CFI01(obj);

    memory_region_finalize(&pf->mem);
    g_free(pf->locks);
}

static bool pflash_post_load(void *opaque, int version_id, Error **errp)
{
    PFlashCFI01 *pf = opaque;

    if (pf->mode >= PF_NR_MODES || pf->cmd_addr >= pflash_size(pf)
        || pf->buf_base + PFLASH_CHIP_BUFFER * pflash_chips(pf) > pflash_size(pf)) {
        error_setg(errp, "%s: invalid state (mode %u, address 0x%x, buffer "
                   "0x%x)", pf->name, pf->mode, pf->cmd_addr, pf->buf_base);
        return false;
    }
    memory_region_rom_device_set_romd(&pf->mem, pf->mode == PF_READ_ARRAY);
    return true;
}

static const VMStateDescription vmstate_pflash = {
    .name = "pflash_cfi01",
    .version_id = 1,
    .minimum_version_id = 1,
    .post_load = pflash_post_load,
    .fields = (const VMStateField[]) {
        VMSTATE_UINT32(mode, PFlashCFI01),
        VMSTATE_UINT8(status, PFlashCFI01),
        VMSTATE_UINT32(cmd_addr, PFlashCFI01),
        VMSTATE_UINT32(buf_remaining, PFlashCFI01),
        VMSTATE_UINT32(buf_base, PFlashCFI01),
        VMSTATE_BUFFER(buf_data, PFlashCFI01),
        VMSTATE_BUFFER(buf_valid, PFlashCFI01),
        VMSTATE_VBUFFER_UINT32(locks, PFlashCFI01, 0, num_blocks),
        VMSTATE_END_OF_LIST()
    },
};

static Property pflash_properties[] = {
    DEFINE_PROP_DRIVE("drive", PFlashCFI01, drive),
    DEFINE_PROP_STRING("name", PFlashCFI01, name),
    DEFINE_PROP_UINT32("num-blocks", PFlashCFI01, num_blocks, 0),
    DEFINE_PROP_UINT64("sector-length", PFlashCFI01, sector_len, 0),
    DEFINE_PROP_UINT8("width", PFlashCFI01, width, 4),
    DEFINE_PROP_UINT8("device-width", PFlashCFI01, device_width, 0),
    DEFINE_PROP_UINT16("id0", PFlashCFI01, ident[0], 0x89),
    DEFINE_PROP_UINT16("id1", PFlashCFI01, ident[1], 0x18),
    DEFINE_PROP_UINT16("id2", PFlashCFI01, ident[2], 0),
    DEFINE_PROP_UINT16("id3", PFlashCFI01, ident[3], 0),
    DEFINE_PROP_END_OF_LIST(),
};

static void pflash_class_init(ObjectClass *oc, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(oc);

    dc->desc = "Intel/Sharp CFI parallel flash";
    dc->realize = pflash_realize;
    dc->reset = pflash_reset;
    dc->vmsd = &vmstate_pflash;
    device_class_set_props(dc, pflash_properties);
}

static const TypeInfo pflash_types[] = {
    {
        .name = TYPE_PFLASH_CFI01,
        .parent = TYPE_SYS_BUS_DEVICE,
        .instance_size = sizeof(PFlashCFI01),
        .instance_finalize = pflash_finalize,
        .class_init = pflash_class_init,
    },
};

DEFINE_TYPES(pflash_types)
