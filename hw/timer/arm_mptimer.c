/*
 * Cortex-A9 MPCore private timer and watchdog (ARM DDI 0407, 4.1-4.3).
 * See include/hw/timer/arm_mptimer.h.
 *
 * A block counts down from Load (or from a written Counter) at
 * freq-hz / (prescaler + 1); reaching zero sets the event flag, and with
 * auto-reload the count restarts from Load. The counter is a PTimer, so it
 * only costs an event per expiry and migrates with the virtual clock.
 */
#include "qemu/osdep.h"
#include "qemu/log.h"
#include "hw/timer/arm_mptimer.h"
#include "hw/irq.h"
#include "hw/qdev-properties.h"
#include "migration/vmstate.h"

/* Offsets within a block (the watchdog's are the same + 0x20). */
#define MPT_LOAD        0x00
#define MPT_COUNTER     0x04
#define MPT_CONTROL     0x08
#define MPT_INTSTAT     0x0c
#define MPT_WDT_RESETST 0x10    /* watchdog only: +0x30 */
#define MPT_WDT_DISABLE 0x14    /* watchdog only: +0x34 */

#define CTRL_ENABLE     (1u << 0)
#define CTRL_AUTORELOAD (1u << 1)
#define CTRL_IT_ENABLE  (1u << 2)
#define CTRL_WDT_MODE   (1u << 3)
#define CTRL_PRESCALER  0xff00u

static void mpt_update_irq(ARMMPTimerBlock *b)
{
    qemu_set_irq(b->irq, b->status && (b->control & CTRL_IT_ENABLE));
}

static void mpt_expired(void *opaque)
{
    ARMMPTimerBlock *b = opaque;

    b->status = 1;
    mpt_update_irq(b);
}

/* Applies control/load to the PTimer; RELOAD restarts the count at Load. */
static void mpt_restart(ARMMPTimerBlock *b, bool reload)
{
    PTimer *p = &b->ptimer;
    uint32_t prescaler = (b->control & CTRL_PRESCALER) >> 8;
    bool periodic = (b->control & CTRL_AUTORELOAD) && b->load != 0;

    ptimer_set_freq(p, b->owner->freq_hz / (prescaler + 1));
    ptimer_set_limit(p, b->load, reload);
    if (!(b->control & CTRL_ENABLE)) {
        ptimer_stop(p);
        return;
    }
    if (ptimer_get_count(p) == 0 && !periodic) {
        /* Stopped at zero: nothing more to count (one-shot done). */
        ptimer_stop(p);
        return;
    }
    ptimer_run(p, !periodic);
}

static uint32_t mpt_block_read(ARMMPTimerBlock *b, hwaddr offset)
{
    switch (offset) {
    case MPT_LOAD:
        return b->load;
    case MPT_COUNTER:
        return ptimer_get_count(&b->ptimer);
    case MPT_CONTROL:
        return b->control;
    case MPT_INTSTAT:
        return b->status;
    case MPT_WDT_RESETST:
        if (b->is_watchdog) {
            return b->reset_status;
        }
        break;
    case MPT_WDT_DISABLE:
        if (b->is_watchdog) {
            return 0;   /* write-only */
        }
        break;
    }
    qemu_log_mask(LOG_GUEST_ERROR, "arm-mptimer: read of bad offset 0x%x\n",
                  (unsigned)(offset + (b->is_watchdog ? 0x20 : 0)));
    return 0;
}

static void mpt_block_write(ARMMPTimerBlock *b, hwaddr offset, uint32_t value)
{
    uint32_t mask;

    switch (offset) {
    case MPT_LOAD:
        /* Writing Load also loads the counter (DDI 0407 4.2.1). */
        b->load = value;
        mpt_restart(b, true);
        return;
    case MPT_COUNTER:
        ptimer_set_count(&b->ptimer, value);
        mpt_restart(b, false);
        return;
    case MPT_CONTROL:
        mask = CTRL_ENABLE | CTRL_AUTORELOAD | CTRL_IT_ENABLE | CTRL_PRESCALER;
        if (b->is_watchdog) {
            if (value & CTRL_WDT_MODE) {
                qemu_log_mask(LOG_UNIMP, "arm-mptimer: watchdog mode is not "
                              "implemented; the watchdog stays a timer\n");
            }
            mask |= CTRL_WDT_MODE;
        }
        b->control = value & mask;
        mpt_restart(b, false);
        mpt_update_irq(b);
        return;
    case MPT_INTSTAT:
        b->status &= ~(value & 1);
        mpt_update_irq(b);
        return;
    case MPT_WDT_RESETST:
        if (b->is_watchdog) {
            b->reset_status &= ~(value & 1);
            return;
        }
        break;
    case MPT_WDT_DISABLE:
        if (b->is_watchdog) {
            /* 0x12345678 then 0x87654321 leaves watchdog mode. */
            if (value == 0x12345678) {
                b->disable_seq = 1;
            } else if (value == 0x87654321 && b->disable_seq) {
                b->control &= ~CTRL_WDT_MODE;
                b->disable_seq = 0;
            } else {
                b->disable_seq = 0;
            }
            return;
        }
        break;
    }
    qemu_log_mask(LOG_GUEST_ERROR, "arm-mptimer: write of bad offset 0x%x\n",
                  (unsigned)(offset + (b->is_watchdog ? 0x20 : 0)));
}

/* The CPU a region access is for, or -1 (logged) for a stranger. */
static int mpt_region_cpu(ARMMPTimerRegion *r, MemTxAttrs attrs)
{
    if (r->cpu >= 0) {
        return r->cpu;
    }
    if (attrs.requester_id >= r->s->num_cpu) {
        qemu_log_mask(LOG_GUEST_ERROR, "arm-mptimer: access from requester %u, "
                      "which is not one of the %u CPUs\n", attrs.requester_id,
                      r->s->num_cpu);
        return -1;
    }
    return attrs.requester_id;
}

static MemTxResult mpt_read(void *opaque, hwaddr offset, uint64_t *data,
                            unsigned size, MemTxAttrs attrs)
{
    ARMMPTimerRegion *r = opaque;
    int cpu = mpt_region_cpu(r, attrs);

    *data = 0;
    if (cpu >= 0) {
        *data = mpt_block_read(&r->s->timer[cpu * 2 + (offset >= 0x20)], offset & 0x1f);
    }
    return MEMTX_OK;
}

static MemTxResult mpt_write(void *opaque, hwaddr offset, uint64_t data,
                             unsigned size, MemTxAttrs attrs)
{
    ARMMPTimerRegion *r = opaque;
    int cpu = mpt_region_cpu(r, attrs);

    if (cpu >= 0) {
        mpt_block_write(&r->s->timer[cpu * 2 + (offset >= 0x20)], offset & 0x1f, data);
    }
    return MEMTX_OK;
}

static const MemoryRegionOps mpt_ops = {
    .read_with_attrs = mpt_read,
    .write_with_attrs = mpt_write,
    .endianness = DEVICE_NATIVE_ENDIAN,
    .valid.min_access_size = 4,
    .valid.max_access_size = 4,
};

static void mpt_reset(DeviceState *dev)
{
    ARMMPTimerState *s = ARM_MPTIMER(dev);

    for (unsigned i = 0; i < s->num_cpu * 2; i++) {
        ARMMPTimerBlock *b = &s->timer[i];

        b->load = 0;
        b->control = 0;
        b->status = 0;
        b->reset_status = 0;
        b->disable_seq = 0;
        ptimer_stop(&b->ptimer);
        ptimer_set_limit(&b->ptimer, 0, true);
        ptimer_set_freq(&b->ptimer, s->freq_hz);
        mpt_update_irq(b);
    }
}

static void mpt_realize(DeviceState *dev, Error **errp)
{
    ARMMPTimerState *s = ARM_MPTIMER(dev);
    SysBusDevice *sbd = SYS_BUS_DEVICE(dev);

    if (s->num_cpu < 1 || s->num_cpu > ARM_MPTIMER_MAX_CPUS) {
        error_setg(errp, "arm-mptimer: num-cpu %u is out of range (1..%d)",
                   s->num_cpu, ARM_MPTIMER_MAX_CPUS);
        return;
    }
    if (s->freq_hz == 0) {
        error_setg(errp, "arm-mptimer: freq-hz must not be 0");
        return;
    }
    s->region[0] = (ARMMPTimerRegion) { .s = s, .cpu = -1 };
    memory_region_init_io(&s->iomem, OBJECT(s), &mpt_ops, &s->region[0],
                          "arm-mptimer", 0x40);
    sysbus_init_mmio(sbd, &s->iomem);
    for (unsigned c = 0; c < s->num_cpu; c++) {
        s->region[c + 1] = (ARMMPTimerRegion) { .s = s, .cpu = (int)c };
        memory_region_init_io(&s->percpu_mem[c], OBJECT(s), &mpt_ops, &s->region[c + 1],
                              "arm-mptimer-cpu", 0x40);
        sysbus_init_mmio(sbd, &s->percpu_mem[c]);
    }
    /* Every block has its PTimer (the stream carries all of them). */
    for (unsigned i = 0; i < ARM_MPTIMER_MAX_CPUS * 2; i++) {
        ARMMPTimerBlock *b = &s->timer[i];

        b->owner = s;
        b->is_watchdog = i & 1;
        ptimer_init(&b->ptimer, mpt_expired, b);
        if (i < s->num_cpu * 2) {
            sysbus_init_irq(sbd, &b->irq);
        }
    }
}

static void mpt_unrealize(DeviceState *dev)
{
    ARMMPTimerState *s = ARM_MPTIMER(dev);

    for (unsigned i = 0; i < ARM_MPTIMER_MAX_CPUS * 2; i++) {
        ptimer_deinit(&s->timer[i].ptimer);
    }
}

static void mpt_finalize(Object *obj)
{
    ARMMPTimerState *s = ARM_MPTIMER(obj);

    if (s->region[0].s) {
        memory_region_finalize(&s->iomem);
        for (unsigned c = 0; c < s->num_cpu; c++) {
            memory_region_finalize(&s->percpu_mem[c]);
        }
    }
}

static const VMStateDescription vmstate_mpt_block = {
    .name = "arm-mptimer-block",
    .version_id = 1,
    .minimum_version_id = 1,
    .fields = (const VMStateField[]) {
        VMSTATE_PTIMER(ptimer, ARMMPTimerBlock),
        VMSTATE_UINT32(load, ARMMPTimerBlock),
        VMSTATE_UINT32(control, ARMMPTimerBlock),
        VMSTATE_UINT32(status, ARMMPTimerBlock),
        VMSTATE_UINT32(reset_status, ARMMPTimerBlock),
        VMSTATE_UINT32(disable_seq, ARMMPTimerBlock),
        VMSTATE_END_OF_LIST()
    },
};

static bool mpt_post_load(void *opaque, int version_id, Error **errp)
{
    ARMMPTimerState *s = opaque;

    for (unsigned i = 0; i < s->num_cpu * 2; i++) {
        mpt_update_irq(&s->timer[i]);
    }
    return true;
}

/* All four CPUs' blocks are sent whatever num-cpu is: a fixed layout. */
static const VMStateDescription vmstate_arm_mptimer = {
    .name = "arm-mptimer",
    .version_id = 1,
    .minimum_version_id = 1,
    .post_load = mpt_post_load,
    .fields = (const VMStateField[]) {
        VMSTATE_STRUCT_ARRAY(timer, ARMMPTimerState, ARM_MPTIMER_MAX_CPUS * 2, 1,
                             vmstate_mpt_block, ARMMPTimerBlock),
        VMSTATE_END_OF_LIST()
    },
};

static Property mpt_properties[] = {
    DEFINE_PROP_UINT32("num-cpu", ARMMPTimerState, num_cpu, 1),
    DEFINE_PROP_UINT32("freq-hz", ARMMPTimerState, freq_hz, 100000000),
    DEFINE_PROP_END_OF_LIST(),
};

static void mpt_class_init(ObjectClass *klass, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);

    dc->desc = "Cortex-A9 MPCore private timer and watchdog";
    dc->realize = mpt_realize;
    dc->unrealize = mpt_unrealize;
    dc->reset = mpt_reset;
    dc->vmsd = &vmstate_arm_mptimer;
    device_class_set_props(dc, mpt_properties);
}

static const TypeInfo mpt_types[] = {
    {
        .name = TYPE_ARM_MPTIMER,
        .parent = TYPE_SYS_BUS_DEVICE,
        .instance_size = sizeof(ARMMPTimerState),
        .instance_finalize = mpt_finalize,
        .class_init = mpt_class_init,
    },
};

DEFINE_TYPES(mpt_types)
