/*
 * Cortex-A9 MPCore global timer (ARM DDI 0407, 4.4).
 * See include/hw/timer/a9gtimer.h.
 *
 * The counter is computed from the virtual clock (counter_base at
 * base_ns), so it costs nothing between events and freezes with the VM;
 * each CPU has a QEMUTimer armed for the instant the counter reaches its
 * comparator.
 */
#include "qemu/osdep.h"
#include "qemu/log.h"
#include "qemu/bitops.h"
#include "hw/timer/a9gtimer.h"
#include "hw/irq.h"
#include "hw/qdev-properties.h"
#include "migration/vmstate.h"

#define GT_COUNTER_LO   0x00
#define GT_COUNTER_HI   0x04
#define GT_CONTROL      0x08
#define GT_INTSTAT      0x0c
#define GT_COMPARE_LO   0x10
#define GT_COMPARE_HI   0x14
#define GT_AUTOINC      0x18

#define CTRL_TIMER_EN   (1u << 0)
#define CTRL_COMP_EN    (1u << 1)
#define CTRL_IRQ_EN     (1u << 2)
#define CTRL_AUTOINC    (1u << 3)
#define CTRL_BANKED     (CTRL_COMP_EN | CTRL_IRQ_EN | CTRL_AUTOINC)
#define CTRL_PRESCALER  0xff00u

#define NS_PER_SEC      1000000000ull

static uint64_t gt_div(A9GTimerState *s)
{
    return ((s->control & CTRL_PRESCALER) >> 8) + 1;
}

static uint64_t gt_counter(A9GTimerState *s)
{
    int64_t now;
    unsigned __int128 ticks;

    if (!(s->control & CTRL_TIMER_EN)) {
        return s->counter_base;
    }
    now = qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL);
    ticks = (unsigned __int128)(uint64_t)(now - s->base_ns) * s->freq_hz /
            (NS_PER_SEC * gt_div(s));
    return s->counter_base + (uint64_t)ticks;
}

/* Restarts the time base at the current count (before a rate change). */
static void gt_rebase(A9GTimerState *s)
{
    s->counter_base = gt_counter(s);
    s->base_ns = qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL);
}

static void gt_update_irq(A9GTimerPerCPU *c)
{
    qemu_set_irq(c->irq, c->status && (c->control & CTRL_IRQ_EN));
}

/* Sets the event flag if the comparator was reached; re-arms the timer. */
static void gt_update_cpu(A9GTimerState *s, A9GTimerPerCPU *c)
{
    uint64_t count = gt_counter(s);
    unsigned __int128 ns;

    timer_del(&c->timer);
    if (!(s->control & CTRL_TIMER_EN) || !(c->control & CTRL_COMP_EN)) {
        gt_update_irq(c);
        return;
    }
    if (count >= c->compare) {
        c->status = 1;
        if ((c->control & CTRL_AUTOINC) && c->inc) {
            uint64_t behind = (count - c->compare) / c->inc + 1;

            c->compare += behind * c->inc;
        }
    }
    gt_update_irq(c);
    if (count >= c->compare) {
        return;     /* no auto-increment: fired once, stays reached */
    }
    ns = (unsigned __int128)(c->compare - s->counter_base) * NS_PER_SEC * gt_div(s);
    ns = (ns + s->freq_hz - 1) / s->freq_hz;
    if (ns > INT64_MAX - (unsigned __int128)s->base_ns) {
        return;     /* beyond the end of time */
    }
    timer_mod_ns(&c->timer, s->base_ns + (int64_t)ns);
}

static void gt_update_all(A9GTimerState *s)
{
    for (unsigned i = 0; i < s->num_cpu; i++) {
        gt_update_cpu(s, &s->cpu[i]);
    }
}

static void gt_timer_cb(void *opaque)
{
    A9GTimerPerCPU *c = opaque;

    gt_update_cpu(c->owner, c);
}

static int gt_region_cpu(A9GTimerRegion *r, MemTxAttrs attrs)
{
    if (r->cpu >= 0) {
        return r->cpu;
    }
    if (attrs.requester_id >= r->s->num_cpu) {
        qemu_log_mask(LOG_GUEST_ERROR, "a9-gtimer: access from requester %u, "
                      "which is not one of the %u CPUs\n", attrs.requester_id,
                      r->s->num_cpu);
        return -1;
    }
    return attrs.requester_id;
}

static MemTxResult gt_read(void *opaque, hwaddr offset, uint64_t *data,
                           unsigned size, MemTxAttrs attrs)
{
    A9GTimerRegion *r = opaque;
    A9GTimerState *s = r->s;
    int cpu = gt_region_cpu(r, attrs);
    A9GTimerPerCPU *c;

    *data = 0;
    if (cpu < 0) {
        return MEMTX_OK;
    }
    c = &s->cpu[cpu];
    switch (offset) {
    case GT_COUNTER_LO:
        *data = (uint32_t)gt_counter(s);
        break;
    case GT_COUNTER_HI:
        *data = gt_counter(s) >> 32;
        break;
    case GT_CONTROL:
        *data = s->control | c->control;
        break;
    case GT_INTSTAT:
        *data = c->status;
        break;
    case GT_COMPARE_LO:
        *data = (uint32_t)c->compare;
        break;
    case GT_COMPARE_HI:
        *data = c->compare >> 32;
        break;
    case GT_AUTOINC:
        *data = c->inc;
        break;
    default:
        qemu_log_mask(LOG_GUEST_ERROR, "a9-gtimer: read of bad offset 0x%x\n",
                      (unsigned)offset);
    }
    return MEMTX_OK;
}

static MemTxResult gt_write(void *opaque, hwaddr offset, uint64_t data,
                            unsigned size, MemTxAttrs attrs)
{
    A9GTimerRegion *r = opaque;
    A9GTimerState *s = r->s;
    int cpu = gt_region_cpu(r, attrs);
    A9GTimerPerCPU *c;
    uint64_t count;

    if (cpu < 0) {
        return MEMTX_OK;
    }
    c = &s->cpu[cpu];
    switch (offset) {
    case GT_COUNTER_LO:
    case GT_COUNTER_HI:
        /* Software must stop the timer to write the counter (4.4.1). */
        if (s->control & CTRL_TIMER_EN) {
            qemu_log_mask(LOG_GUEST_ERROR, "a9-gtimer: counter write while "
                          "the timer is enabled is ignored\n");
            return MEMTX_OK;
        }
        count = s->counter_base;
        count = offset == GT_COUNTER_LO ? deposit64(count, 0, 32, data)
                                        : deposit64(count, 32, 32, data);
        s->counter_base = count;
        gt_update_all(s);
        break;
    case GT_CONTROL:
        gt_rebase(s);
        s->control = data & (CTRL_TIMER_EN | CTRL_PRESCALER);
        c->control = data & CTRL_BANKED;
        gt_update_all(s);
        break;
    case GT_INTSTAT:
        c->status &= ~(data & 1);
        gt_update_irq(c);
        break;
    case GT_COMPARE_LO:
        c->compare = deposit64(c->compare, 0, 32, data);
        gt_update_cpu(s, c);
        break;
    case GT_COMPARE_HI:
        c->compare = deposit64(c->compare, 32, 32, data);
        gt_update_cpu(s, c);
        break;
    case GT_AUTOINC:
        c->inc = data;
        break;
    default:
        qemu_log_mask(LOG_GUEST_ERROR, "a9-gtimer: write of bad offset 0x%x\n",
                      (unsigned)offset);
    }
    return MEMTX_OK;
}

static const MemoryRegionOps gt_ops = {
    .read_with_attrs = gt_read,
    .write_with_attrs = gt_write,
    .endianness = DEVICE_NATIVE_ENDIAN,
    .valid.min_access_size = 4,
    .valid.max_access_size = 4,
};

static void gt_reset(DeviceState *dev)
{
    A9GTimerState *s = A9_GTIMER(dev);

    s->control = 0;
    s->counter_base = 0;
    s->base_ns = qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL);
    for (unsigned i = 0; i < s->num_cpu; i++) {
        A9GTimerPerCPU *c = &s->cpu[i];

        c->control = 0;
        c->status = 0;
        c->compare = 0;
        c->inc = 0;
        timer_del(&c->timer);
        gt_update_irq(c);
    }
}

static void gt_realize(DeviceState *dev, Error **errp)
{
    A9GTimerState *s = A9_GTIMER(dev);
    SysBusDevice *sbd = SYS_BUS_DEVICE(dev);

    if (s->num_cpu < 1 || s->num_cpu > A9_GTIMER_MAX_CPUS) {
        error_setg(errp, "a9-gtimer: num-cpu %u is out of range (1..%d)",
                   s->num_cpu, A9_GTIMER_MAX_CPUS);
        return;
    }
    if (s->freq_hz == 0) {
        error_setg(errp, "a9-gtimer: freq-hz must not be 0");
        return;
    }
    s->region[0] = (A9GTimerRegion) { .s = s, .cpu = -1 };
    memory_region_init_io(&s->iomem, OBJECT(s), &gt_ops, &s->region[0], "a9-gtimer", 0x20);
    sysbus_init_mmio(sbd, &s->iomem);
    for (unsigned i = 0; i < s->num_cpu; i++) {
        s->region[i + 1] = (A9GTimerRegion) { .s = s, .cpu = (int)i };
        memory_region_init_io(&s->percpu_mem[i], OBJECT(s), &gt_ops, &s->region[i + 1],
                              "a9-gtimer-cpu", 0x20);
        sysbus_init_mmio(sbd, &s->percpu_mem[i]);
    }
    for (unsigned i = 0; i < A9_GTIMER_MAX_CPUS; i++) {
        A9GTimerPerCPU *c = &s->cpu[i];

        c->owner = s;
        timer_init_ns(&c->timer, QEMU_CLOCK_VIRTUAL, gt_timer_cb, c);
        if (i < s->num_cpu) {
            sysbus_init_irq(sbd, &c->irq);
        }
    }
}

static void gt_unrealize(DeviceState *dev)
{
    A9GTimerState *s = A9_GTIMER(dev);

    for (unsigned i = 0; i < A9_GTIMER_MAX_CPUS; i++) {
        timer_del(&s->cpu[i].timer);
    }
}

static void gt_finalize(Object *obj)
{
    A9GTimerState *s = A9_GTIMER(obj);

    if (s->region[0].s) {
        memory_region_finalize(&s->iomem);
        for (unsigned i = 0; i < s->num_cpu; i++) {
            memory_region_finalize(&s->percpu_mem[i]);
        }
    }
}

static bool gt_post_load(void *opaque, int version_id, Error **errp)
{
    A9GTimerState *s = opaque;

    /* The virtual clock travels with the stream: deadlines still hold. */
    gt_update_all(s);
    return true;
}

static const VMStateDescription vmstate_gt_cpu = {
    .name = "a9-gtimer-cpu",
    .version_id = 1,
    .minimum_version_id = 1,
    .fields = (const VMStateField[]) {
        VMSTATE_UINT32(control, A9GTimerPerCPU),
        VMSTATE_UINT32(status, A9GTimerPerCPU),
        VMSTATE_UINT64(compare, A9GTimerPerCPU),
        VMSTATE_UINT32(inc, A9GTimerPerCPU),
        VMSTATE_END_OF_LIST()
    },
};

static const VMStateDescription vmstate_a9_gtimer = {
    .name = "a9-gtimer",
    .version_id = 1,
    .minimum_version_id = 1,
    .post_load = gt_post_load,
    .fields = (const VMStateField[]) {
        VMSTATE_UINT32(control, A9GTimerState),
        VMSTATE_UINT64(counter_base, A9GTimerState),
        VMSTATE_INT64(base_ns, A9GTimerState),
        VMSTATE_STRUCT_ARRAY(cpu, A9GTimerState, A9_GTIMER_MAX_CPUS, 1,
                             vmstate_gt_cpu, A9GTimerPerCPU),
        VMSTATE_END_OF_LIST()
    },
};

static Property gt_properties[] = {
    DEFINE_PROP_UINT32("num-cpu", A9GTimerState, num_cpu, 1),
    DEFINE_PROP_UINT32("freq-hz", A9GTimerState, freq_hz, 100000000),
    DEFINE_PROP_END_OF_LIST(),
};

static void gt_class_init(ObjectClass *klass, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);

    dc->desc = "Cortex-A9 MPCore global timer";
    dc->realize = gt_realize;
    dc->unrealize = gt_unrealize;
    dc->reset = gt_reset;
    dc->vmsd = &vmstate_a9_gtimer;
    device_class_set_props(dc, gt_properties);
}

static const TypeInfo gt_types[] = {
    {
        .name = TYPE_A9_GTIMER,
        .parent = TYPE_SYS_BUS_DEVICE,
        .instance_size = sizeof(A9GTimerState),
        .instance_finalize = gt_finalize,
        .class_init = gt_class_init,
    },
};

DEFINE_TYPES(gt_types)
