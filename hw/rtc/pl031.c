/*
 * ARM PrimeCell PL031 real-time clock (ARM DDI 0224).
 *
 * A 32-bit seconds counter with a match register that raises the
 * interrupt when the counter reaches it.
 */
#include "qemu/osdep.h"
#include "hw/primecell.h"
#include "qemu/log.h"
#include "hw/rtc/pl031.h"
#include "hw/qdev-properties.h"
#include "migration/vmstate.h"

#define RTCDR   0x00    /* data (counter), read-only */
#define RTCMR   0x04    /* match */
#define RTCLR   0x08    /* load */
#define RTCCR   0x0c    /* control */
#define RTCIMSC 0x10    /* interrupt mask set/clear */
#define RTCRIS  0x14    /* raw interrupt status */
#define RTCMIS  0x18    /* masked interrupt status */
#define RTCICR  0x1c    /* interrupt clear */

static const uint8_t pl031_id[8] = {
    0x31, 0x10, 0x04, 0x00, 0x0d, 0xf0, 0x05, 0xb1
};

static int64_t vm_seconds(void)
{
    return qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL) / NANOSECONDS_PER_SECOND;
}

static uint32_t pl031_count(PL031State *s)
{
    return (uint32_t)(s->tick_offset + vm_seconds());
}

static void pl031_update(PL031State *s)
{
    qemu_set_irq(s->irq, (s->is & s->im) != 0);
}

/* Arms the alarm for the next virtual-clock second at which count == mr. */
static void pl031_arm_alarm(PL031State *s)
{
    uint32_t now = pl031_count(s);
    uint32_t ticks = s->mr - now;   /* wraps like the 32-bit counter */
    int64_t next_second;

    if (ticks == 0) {
        /* Equal now: the next match is 2^32 seconds away, i.e. never. */
        timer_del(&s->alarm);
        return;
    }
    next_second = (vm_seconds() + ticks) * NANOSECONDS_PER_SECOND;
    timer_mod_ns(&s->alarm, next_second);
}

static void pl031_alarm(void *opaque)
{
    PL031State *s = opaque;

    s->is = 1;
    pl031_update(s);
    /* The counter next equals the match value 2^32 seconds later. */
    pl031_arm_alarm(s);
}

static uint64_t pl031_read(void *opaque, hwaddr offset, unsigned size)
{
    uint64_t id;
    PL031State *s = opaque;

    if (primecell_id_read(pl031_id, offset, &id)) {
        return id;
    }
    switch (offset) {
    case RTCDR:
        return pl031_count(s);
    case RTCMR:
        return s->mr;
    case RTCLR:
        return s->lr;
    case RTCCR:
        return s->cr;
    case RTCIMSC:
        return s->im;
    case RTCRIS:
        return s->is;
    case RTCMIS:
        return s->is & s->im;
    default:
        qemu_log_mask(LOG_GUEST_ERROR, "pl031: read of bad offset 0x%x\n",
                      (unsigned)offset);
        return 0;
    }
}

static void pl031_write(void *opaque, hwaddr offset, uint64_t value,
                        unsigned size)
{
    PL031State *s = opaque;

    switch (offset) {
    case RTCLR:
        s->lr = value;
        s->tick_offset = (int64_t)(uint32_t)value - vm_seconds();
        pl031_arm_alarm(s);
        break;
    case RTCMR:
        s->mr = value;
        pl031_arm_alarm(s);
        break;
    case RTCIMSC:
        s->im = value & 1;
        break;
    case RTCICR:
        s->is &= ~(value & 1);
        break;
    case RTCCR:
        /* Once started the RTC cannot be stopped (DDI 0224, 3.3.4). */
        s->cr = 1;
        break;
    case RTCDR:
    case RTCRIS:
    case RTCMIS:
        qemu_log_mask(LOG_GUEST_ERROR, "pl031: write to read-only offset "
                      "0x%x\n", (unsigned)offset);
        return;
    default:
        qemu_log_mask(LOG_GUEST_ERROR, "pl031: write of bad offset 0x%x\n",
                      (unsigned)offset);
        return;
    }
    pl031_update(s);
}

static const MemoryRegionOps pl031_ops = {
    .read = pl031_read,
    .write = pl031_write,
    .endianness = DEVICE_NATIVE_ENDIAN,
    .valid.min_access_size = 4,
    .valid.max_access_size = 4,
};

static void pl031_init(Object *obj)
{
    PL031State *s = PL031(obj);

    memory_region_init_io(&s->iomem, obj, &pl031_ops, s, "pl031", 0x1000);
    sysbus_init_mmio(SYS_BUS_DEVICE(obj), &s->iomem);
    sysbus_init_irq(SYS_BUS_DEVICE(obj), &s->irq);
    timer_init_ns(&s->alarm, QEMU_CLOCK_VIRTUAL, pl031_alarm, s);
}

static void pl031_realize(DeviceState *dev, Error **errp)
{
    PL031State *s = PL031(dev);
    int64_t start;

    if (!s->start_time || !strcmp(s->start_time, "now")) {
        start = g_get_real_time() / G_USEC_PER_SEC;
    } else {
        g_autoptr(GDateTime) t = g_date_time_new_from_iso8601(s->start_time,
                                                             NULL);

        if (!t) {
            error_setg(errp, "pl031: property 'start-time': '%s' is not "
                       "'now' or an ISO 8601 time (2026-01-31T12:00:00Z)",
                       s->start_time);
            return;
        }
        start = g_date_time_to_unix(t);
    }
    s->tick_offset = start - vm_seconds();
    s->cr = 1;
    pl031_arm_alarm(s);
}

static void pl031_reset(DeviceState *dev)
{
    PL031State *s = PL031(dev);

    /* The counter keeps running across a reset, like the real part. */
    s->im = 0;
    s->is = 0;
    pl031_update(s);
}

static void pl031_finalize(Object *obj)
{
    PL031State *s = PL031(obj);

    timer_del(&s->alarm);
    memory_region_finalize(&s->iomem);
}

static bool pl031_post_load(void *opaque, int version_id, Error **errp)
{
    PL031State *s = opaque;

    if (s->is > 1 || s->im > 1) {
        error_setg(errp, "pl031: fields 'is' %u / 'im' %u must be 0 or 1",
                   s->is, s->im);
        return false;
    }
    pl031_arm_alarm(s);
    pl031_update(s);
    return true;
}

static const VMStateDescription vmstate_pl031 = {
    .name = "pl031",
    .version_id = 1,
    .minimum_version_id = 1,
    .post_load = pl031_post_load,
    .fields = (const VMStateField[]) {
        VMSTATE_INT64(tick_offset, PL031State),
        VMSTATE_UINT32(mr, PL031State),
        VMSTATE_UINT32(lr, PL031State),
        VMSTATE_UINT32(cr, PL031State),
        VMSTATE_UINT32(im, PL031State),
        VMSTATE_UINT32(is, PL031State),
        VMSTATE_END_OF_LIST()
    },
};

static Property pl031_properties[] = {
    DEFINE_PROP_STRING("start-time", PL031State, start_time),
    DEFINE_PROP_END_OF_LIST(),
};

static void pl031_class_init(ObjectClass *klass, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);

    dc->desc = "ARM PrimeCell PL031 real-time clock";
    dc->realize = pl031_realize;
    dc->reset = pl031_reset;
    dc->vmsd = &vmstate_pl031;
    device_class_set_props(dc, pl031_properties);
}

static const TypeInfo pl031_types[] = {
    {
        .name = TYPE_PL031,
        .parent = TYPE_SYS_BUS_DEVICE,
        .instance_size = sizeof(PL031State),
        .instance_init = pl031_init,
        .instance_finalize = pl031_finalize,
        .class_init = pl031_class_init,
    },
};

DEFINE_TYPES(pl031_types)
