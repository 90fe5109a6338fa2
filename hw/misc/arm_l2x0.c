/*
 * ARM PL310 (L2C-310) level 2 cache controller (ARM DDI 0246, chapter 3).
 *
 * Only the register file: no data is cached, so every maintenance
 * operation (sync, clean/invalidate by PA, index or way, unlock way) is
 * complete when the write returns and its register reads 0 ("not busy").
 * Configuration registers that the TRM makes writable only while the
 * cache is disabled ignore writes while it is enabled, as the hardware
 * answers them with an error response.
 */
#include "qemu/osdep.h"
#include "qemu/log.h"
#include "hw/misc/arm_l2x0.h"
#include "hw/irq.h"
#include "hw/qdev-properties.h"
#include "migration/vmstate.h"

#define L2X0_CACHE_ID       0x000
#define L2X0_CACHE_TYPE     0x004
#define L2X0_CTRL           0x100
#define L2X0_AUX_CTRL       0x104
#define L2X0_TAG_RAM_CTRL   0x108
#define L2X0_DATA_RAM_CTRL  0x10c
#define L2X0_EV_CTR_CTRL    0x200
#define L2X0_EV_CTR1_CFG    0x204
#define L2X0_EV_CTR0_CFG    0x208
#define L2X0_EV_CTR1        0x20c
#define L2X0_EV_CTR0        0x210
#define L2X0_INT_MASK       0x214
#define L2X0_INT_MASK_STAT  0x218
#define L2X0_INT_RAW_STAT   0x21c
#define L2X0_INT_CLEAR      0x220
#define L2X0_CACHE_SYNC     0x730
#define L2X0_INV_PA         0x770
#define L2X0_INV_WAY        0x77c
#define L2X0_CLEAN_PA       0x7b0
#define L2X0_CLEAN_INDEX    0x7b8
#define L2X0_CLEAN_WAY      0x7bc
#define L2X0_CLEAN_INV_PA   0x7f0
#define L2X0_CLEAN_INV_IDX  0x7f8
#define L2X0_CLEAN_INV_WAY  0x7fc
#define L2X0_LOCKDOWN_BASE  0x900   /* D at +8n, I at +8n+4 */
#define L2X0_LOCK_LINE_EN   0x950
#define L2X0_UNLOCK_WAY     0x954
#define L2X0_FILTER_START   0xc00
#define L2X0_FILTER_END     0xc04
#define L2X0_DEBUG_CTRL     0xf40
#define L2X0_PREFETCH_CTRL  0xf60
#define L2X0_POWER_CTRL     0xf80

#define CTRL_ENABLE         1u
#define RAM_LATENCY_MASK    0x777u
#define INT_MASK_ALL        0x1ffu
/* r3p2 prefetch control: bits 30-27, 24, 23, 21 and the offset 4:0 */
#define PREFETCH_MASK       0x79a0001fu
#define FILTER_START_MASK   0xfff00001u
#define FILTER_END_MASK     0xfff00000u

#define AUX_ASSOC_16        (1u << 16)
#define AUX_WAYSIZE(aux)    (((aux) >> 17) & 7)

static uint32_t l2x0_cache_type(L2x0State *s)
{
    uint32_t way = AUX_WAYSIZE(s->aux_ctrl);
    uint32_t assoc = (s->aux_ctrl & AUX_ASSOC_16) ? 1 : 0;

    /* ctype 0b1110, unified; D and I fields carry the same geometry */
    return (0xeu << 25) | (way << 20) | (assoc << 18) | (way << 8) | (assoc << 6);
}

static void l2x0_update_irq(L2x0State *s)
{
    qemu_set_irq(s->irq, (s->int_raw & s->int_mask) != 0);
}

static uint64_t l2x0_read(void *opaque, hwaddr offset, unsigned size)
{
    L2x0State *s = opaque;

    if (offset >= L2X0_LOCKDOWN_BASE &&
        offset < L2X0_LOCKDOWN_BASE + 8 * L2X0_LOCKDOWN_REGS) {
        unsigned n = (offset - L2X0_LOCKDOWN_BASE) / 8;

        return (offset & 4) ? s->i_lockdown[n] : s->d_lockdown[n];
    }
    switch (offset) {
    case L2X0_CACHE_ID:
        return s->cache_id;
    case L2X0_CACHE_TYPE:
        return l2x0_cache_type(s);
    case L2X0_CTRL:
        return s->ctrl;
    case L2X0_AUX_CTRL:
        return s->aux_ctrl;
    case L2X0_TAG_RAM_CTRL:
        return s->tag_ram_ctrl;
    case L2X0_DATA_RAM_CTRL:
        return s->data_ram_ctrl;
    case L2X0_EV_CTR_CTRL:
        return s->ev_counter_ctrl;
    case L2X0_EV_CTR1_CFG:
        return s->ev_counter_cfg[1];
    case L2X0_EV_CTR0_CFG:
        return s->ev_counter_cfg[0];
    case L2X0_EV_CTR1:
    case L2X0_EV_CTR0:
        return 0;           /* no cache events happen */
    case L2X0_INT_MASK:
        return s->int_mask;
    case L2X0_INT_MASK_STAT:
        return s->int_raw & s->int_mask;
    case L2X0_INT_RAW_STAT:
        return s->int_raw;
    case L2X0_CACHE_SYNC:
    case L2X0_INV_PA:
    case L2X0_INV_WAY:
    case L2X0_CLEAN_PA:
    case L2X0_CLEAN_INDEX:
    case L2X0_CLEAN_WAY:
    case L2X0_CLEAN_INV_PA:
    case L2X0_CLEAN_INV_IDX:
    case L2X0_CLEAN_INV_WAY:
    case L2X0_UNLOCK_WAY:
        return 0;           /* operation complete */
    case L2X0_LOCK_LINE_EN:
        return s->lock_line_en;
    case L2X0_FILTER_START:
        return s->filter_start;
    case L2X0_FILTER_END:
        return s->filter_end;
    case L2X0_DEBUG_CTRL:
        return s->debug_ctrl;
    case L2X0_PREFETCH_CTRL:
        return s->prefetch_ctrl;
    case L2X0_POWER_CTRL:
        return s->power_ctrl;
    default:
        qemu_log_mask(LOG_GUEST_ERROR, "l2x0: read of bad offset 0x%x\n",
                      (unsigned)offset);
        return 0;
    }
}

/* Whether a write to a configuration register may proceed. */
static bool l2x0_config_writable(L2x0State *s, const char *reg)
{
    if (s->ctrl & CTRL_ENABLE) {
        qemu_log_mask(LOG_GUEST_ERROR, "l2x0: write to %s while the cache is "
                      "enabled is ignored\n", reg);
        return false;
    }
    return true;
}

static void l2x0_write(void *opaque, hwaddr offset, uint64_t value,
                       unsigned size)
{
    L2x0State *s = opaque;

    if (offset >= L2X0_LOCKDOWN_BASE &&
        offset < L2X0_LOCKDOWN_BASE + 8 * L2X0_LOCKDOWN_REGS) {
        unsigned n = (offset - L2X0_LOCKDOWN_BASE) / 8;

        if (offset & 4) {
            s->i_lockdown[n] = value & 0xffff;
        } else {
            s->d_lockdown[n] = value & 0xffff;
        }
        return;
    }
    switch (offset) {
    case L2X0_CTRL:
        s->ctrl = value & CTRL_ENABLE;
        return;
    case L2X0_AUX_CTRL:
        if (l2x0_config_writable(s, "auxiliary control")) {
            s->aux_ctrl = value;
        }
        return;
    case L2X0_TAG_RAM_CTRL:
        if (l2x0_config_writable(s, "tag RAM latency")) {
            s->tag_ram_ctrl = value & RAM_LATENCY_MASK;
        }
        return;
    case L2X0_DATA_RAM_CTRL:
        if (l2x0_config_writable(s, "data RAM latency")) {
            s->data_ram_ctrl = value & RAM_LATENCY_MASK;
        }
        return;
    case L2X0_EV_CTR_CTRL:
        s->ev_counter_ctrl = value & 1;     /* bits 2:1 reset the counters */
        return;
    case L2X0_EV_CTR1_CFG:
        s->ev_counter_cfg[1] = value & 0x3f;
        return;
    case L2X0_EV_CTR0_CFG:
        s->ev_counter_cfg[0] = value & 0x3f;
        return;
    case L2X0_EV_CTR1:
    case L2X0_EV_CTR0:
        return;
    case L2X0_INT_MASK:
        s->int_mask = value & INT_MASK_ALL;
        l2x0_update_irq(s);
        return;
    case L2X0_INT_CLEAR:
        s->int_raw &= ~(value & INT_MASK_ALL);
        l2x0_update_irq(s);
        return;
    case L2X0_CACHE_SYNC:
    case L2X0_INV_PA:
    case L2X0_INV_WAY:
    case L2X0_CLEAN_PA:
    case L2X0_CLEAN_INDEX:
    case L2X0_CLEAN_WAY:
    case L2X0_CLEAN_INV_PA:
    case L2X0_CLEAN_INV_IDX:
    case L2X0_CLEAN_INV_WAY:
    case L2X0_UNLOCK_WAY:
        return;             /* nothing is cached: done */
    case L2X0_LOCK_LINE_EN:
        s->lock_line_en = value & 1;
        return;
    case L2X0_FILTER_START:
        s->filter_start = value & FILTER_START_MASK;
        return;
    case L2X0_FILTER_END:
        s->filter_end = value & FILTER_END_MASK;
        return;
    case L2X0_DEBUG_CTRL:
        s->debug_ctrl = value & 7;
        return;
    case L2X0_PREFETCH_CTRL:
        s->prefetch_ctrl = value & PREFETCH_MASK;
        return;
    case L2X0_POWER_CTRL:
        s->power_ctrl = value & 3;
        return;
    case L2X0_CACHE_ID:
    case L2X0_CACHE_TYPE:
    case L2X0_INT_MASK_STAT:
    case L2X0_INT_RAW_STAT:
        qemu_log_mask(LOG_GUEST_ERROR, "l2x0: write to read-only offset 0x%x\n",
                      (unsigned)offset);
        return;
    default:
        qemu_log_mask(LOG_GUEST_ERROR, "l2x0: write of bad offset 0x%x\n",
                      (unsigned)offset);
        return;
    }
}

static const MemoryRegionOps l2x0_ops = {
    .read = l2x0_read,
    .write = l2x0_write,
    .endianness = DEVICE_NATIVE_ENDIAN,
    .valid.min_access_size = 4,
    .valid.max_access_size = 4,
};

static void l2x0_reset(DeviceState *dev)
{
    L2x0State *s = ARM_L2X0(dev);

    s->ctrl = 0;
    s->aux_ctrl = s->aux_ctrl_reset;
    s->tag_ram_ctrl = 0;
    s->data_ram_ctrl = 0;
    s->ev_counter_ctrl = 0;
    s->ev_counter_cfg[0] = 0;
    s->ev_counter_cfg[1] = 0;
    s->int_mask = 0;
    s->int_raw = 0;
    memset(s->d_lockdown, 0, sizeof(s->d_lockdown));
    memset(s->i_lockdown, 0, sizeof(s->i_lockdown));
    s->lock_line_en = 0;
    s->filter_start = 0;
    s->filter_end = 0;
    s->debug_ctrl = 0;
    s->prefetch_ctrl = 0;
    s->power_ctrl = 0;
    l2x0_update_irq(s);
}

static void l2x0_init(Object *obj)
{
    L2x0State *s = ARM_L2X0(obj);

    memory_region_init_io(&s->iomem, obj, &l2x0_ops, s, "l2x0", 0x1000);
    sysbus_init_mmio(SYS_BUS_DEVICE(obj), &s->iomem);
    sysbus_init_irq(SYS_BUS_DEVICE(obj), &s->irq);
}

static void l2x0_finalize(Object *obj)
{
    memory_region_finalize(&ARM_L2X0(obj)->iomem);
}

static const VMStateDescription vmstate_l2x0 = {
    .name = "l2x0",
    .version_id = 1,
    .minimum_version_id = 1,
    .fields = (const VMStateField[]) {
        VMSTATE_UINT32(ctrl, L2x0State),
        VMSTATE_UINT32(aux_ctrl, L2x0State),
        VMSTATE_UINT32(tag_ram_ctrl, L2x0State),
        VMSTATE_UINT32(data_ram_ctrl, L2x0State),
        VMSTATE_UINT32(ev_counter_ctrl, L2x0State),
        VMSTATE_UINT32_ARRAY(ev_counter_cfg, L2x0State, 2),
        VMSTATE_UINT32(int_mask, L2x0State),
        VMSTATE_UINT32(int_raw, L2x0State),
        VMSTATE_UINT32_ARRAY(d_lockdown, L2x0State, L2X0_LOCKDOWN_REGS),
        VMSTATE_UINT32_ARRAY(i_lockdown, L2x0State, L2X0_LOCKDOWN_REGS),
        VMSTATE_UINT32(lock_line_en, L2x0State),
        VMSTATE_UINT32(filter_start, L2x0State),
        VMSTATE_UINT32(filter_end, L2x0State),
        VMSTATE_UINT32(debug_ctrl, L2x0State),
        VMSTATE_UINT32(prefetch_ctrl, L2x0State),
        VMSTATE_UINT32(power_ctrl, L2x0State),
        VMSTATE_END_OF_LIST()
    },
};

static Property l2x0_properties[] = {
    DEFINE_PROP_UINT32("cache-id", L2x0State, cache_id, 0x410000c8),
    DEFINE_PROP_UINT32("aux-ctrl", L2x0State, aux_ctrl_reset, 0x02020000),
    DEFINE_PROP_END_OF_LIST(),
};

static void l2x0_class_init(ObjectClass *klass, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);

    dc->desc = "ARM PL310 L2 cache controller";
    dc->reset = l2x0_reset;
    dc->vmsd = &vmstate_l2x0;
    device_class_set_props(dc, l2x0_properties);
}

static const TypeInfo l2x0_types[] = {
    {
        .name = TYPE_ARM_L2X0,
        .parent = TYPE_SYS_BUS_DEVICE,
        .instance_size = sizeof(L2x0State),
        .instance_init = l2x0_init,
        .instance_finalize = l2x0_finalize,
        .class_init = l2x0_class_init,
    },
};

DEFINE_TYPES(l2x0_types)
