/*
 * Cortex-A9 MPCore Snoop Control Unit registers (ARM DDI 0407, 2.2).
 * See include/hw/misc/a9scu.h.
 */
#include "qemu/osdep.h"
#include "qemu/log.h"
#include "hw/misc/a9scu.h"
#include "hw/qdev-properties.h"
#include "migration/vmstate.h"

#define SCU_CTRL            0x00
#define SCU_CONFIG          0x04
#define SCU_POWER_STATUS    0x08
#define SCU_INVALIDATE_ALL  0x0c
#define SCU_FILTER_START    0x40
#define SCU_FILTER_END      0x44
#define SCU_SAC             0x50
#define SCU_SNSAC           0x54

#define SCU_CTRL_MASK       0x7fu   /* enable, filtering, parity, spec. fills, ... */
#define SCU_POWER_MASK      0x03030303u
#define SCU_FILTER_MASK     0xfff00000u     /* 1 MiB granules */

static uint64_t a9_scu_read(void *opaque, hwaddr offset, unsigned size)
{
    A9SCUState *s = opaque;
    unsigned shift = (offset & 3) * 8;
    uint32_t v;

    switch (offset & ~3u) {
    case SCU_CTRL:
        v = s->control;
        break;
    case SCU_CONFIG:
        /* [1:0] CPUs - 1; [7:4] CPUs taking part in coherency. */
        v = (s->num_cpu - 1) | (((1u << s->num_cpu) - 1) << 4);
        break;
    case SCU_POWER_STATUS:
        v = s->power_status;
        break;
    case SCU_INVALIDATE_ALL:
        v = 0;
        break;
    case SCU_FILTER_START:
        v = s->filter_start;
        break;
    case SCU_FILTER_END:
        v = s->filter_end;
        break;
    case SCU_SAC:
        v = s->sac;
        break;
    case SCU_SNSAC:
        v = s->snsac;
        break;
    default:
        qemu_log_mask(LOG_GUEST_ERROR, "a9-scu: read of bad offset 0x%x\n",
                      (unsigned)offset);
        return 0;
    }
    return (v >> shift) & (size == 4 ? 0xffffffffu : (1u << (size * 8)) - 1);
}

static void a9_scu_write(void *opaque, hwaddr offset, uint64_t value,
                         unsigned size)
{
    A9SCUState *s = opaque;
    uint32_t mask = size == 4 ? 0xffffffffu : ((1u << (size * 8)) - 1) << ((offset & 3) * 8);
    uint32_t v = (uint32_t)value << ((offset & 3) * 8);

    switch (offset & ~3u) {
    case SCU_CTRL:
        s->control = (s->control & ~mask) | (v & mask & SCU_CTRL_MASK);
        return;
    case SCU_CONFIG:
        qemu_log_mask(LOG_GUEST_ERROR, "a9-scu: write to the read-only "
                      "configuration register\n");
        return;
    case SCU_POWER_STATUS:
        /* Byte writes are how each CPU announces its own power mode. */
        s->power_status = (s->power_status & ~mask) | (v & mask & SCU_POWER_MASK);
        return;
    case SCU_INVALIDATE_ALL:
        /* No tag RAMs: nothing to invalidate. */
        return;
    case SCU_FILTER_START:
        s->filter_start = (s->filter_start & ~mask) | (v & mask & SCU_FILTER_MASK);
        return;
    case SCU_FILTER_END:
        s->filter_end = (s->filter_end & ~mask) | (v & mask & SCU_FILTER_MASK);
        return;
    case SCU_SAC:
        s->sac = (s->sac & ~mask) | (v & mask & 0xf);
        return;
    case SCU_SNSAC:
        s->snsac = (s->snsac & ~mask) | (v & mask & 0xfff);
        return;
    default:
        qemu_log_mask(LOG_GUEST_ERROR, "a9-scu: write of bad offset 0x%x\n",
                      (unsigned)offset);
        return;
    }
}

static const MemoryRegionOps a9_scu_ops = {
    .read = a9_scu_read,
    .write = a9_scu_write,
    .endianness = DEVICE_NATIVE_ENDIAN,
    .valid.min_access_size = 1,
    .valid.max_access_size = 4,
};

static void a9_scu_reset(DeviceState *dev)
{
    A9SCUState *s = A9_SCU(dev);

    s->control = 0;
    s->power_status = 0;
    s->filter_start = 0;
    s->filter_end = 0;
    /* Every CPU may access the SCU registers (DDI 0407 2.2.9, 2.2.10). */
    s->sac = 0xf;
    s->snsac = 0;
}

static void a9_scu_realize(DeviceState *dev, Error **errp)
{
    A9SCUState *s = A9_SCU(dev);

    if (s->num_cpu < 1 || s->num_cpu > 4) {
        error_setg(errp, "a9-scu: num-cpu %u is out of range (1..4)", s->num_cpu);
    }
}

static void a9_scu_init(Object *obj)
{
    A9SCUState *s = A9_SCU(obj);

    memory_region_init_io(&s->iomem, obj, &a9_scu_ops, s, "a9-scu", 0x100);
    sysbus_init_mmio(SYS_BUS_DEVICE(obj), &s->iomem);
}

static void a9_scu_finalize(Object *obj)
{
    memory_region_finalize(&A9_SCU(obj)->iomem);
}

static const VMStateDescription vmstate_a9_scu = {
    .name = "a9-scu",
    .version_id = 1,
    .minimum_version_id = 1,
    .fields = (const VMStateField[]) {
        VMSTATE_UINT32(control, A9SCUState),
        VMSTATE_UINT32(power_status, A9SCUState),
        VMSTATE_UINT32(filter_start, A9SCUState),
        VMSTATE_UINT32(filter_end, A9SCUState),
        VMSTATE_UINT32(sac, A9SCUState),
        VMSTATE_UINT32(snsac, A9SCUState),
        VMSTATE_END_OF_LIST()
    },
};

static Property a9_scu_properties[] = {
    DEFINE_PROP_UINT32("num-cpu", A9SCUState, num_cpu, 1),
    DEFINE_PROP_END_OF_LIST(),
};

static void a9_scu_class_init(ObjectClass *klass, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);

    dc->desc = "Cortex-A9 MPCore Snoop Control Unit";
    dc->realize = a9_scu_realize;
    dc->reset = a9_scu_reset;
    dc->vmsd = &vmstate_a9_scu;
    device_class_set_props(dc, a9_scu_properties);
}

static const TypeInfo a9_scu_types[] = {
    {
        .name = TYPE_A9_SCU,
        .parent = TYPE_SYS_BUS_DEVICE,
        .instance_size = sizeof(A9SCUState),
        .instance_init = a9_scu_init,
        .instance_finalize = a9_scu_finalize,
        .class_init = a9_scu_class_init,
    },
};

DEFINE_TYPES(a9_scu_types)
