/*
 * Versatile Express V2M-P1 motherboard system registers (ARM DUI 0447,
 * section 4.3) and the SYS_CFG interface (4.3.24-4.3.26) through which
 * software reaches the motherboard and daughterboard controllers:
 * oscillators, voltage/current/temperature sensors, shutdown, reboot and
 * the DVI mux. Every SYS_CFG transfer completes at once.
 *
 * The two counters (SYS_100HZ, SYS_24MHZ) are derived from the virtual
 * clock, so they stop with the guest and need no migrated state.
 */
#include "qemu/osdep.h"
#include "qemu/log.h"
#include "qemu/timer.h"
#include "hw/misc/arm_sysctl.h"
#include "hw/qdev-properties.h"
#include "migration/vmstate.h"
#include "system/runstate.h"

#define SYS_ID          0x00
#define SYS_SW          0x04
#define SYS_LED         0x08
#define SYS_LOCK        0x20
#define SYS_100HZ       0x24
#define SYS_FLAGS       0x30    /* read: flags; write: set bits */
#define SYS_FLAGSCLR    0x34
#define SYS_NVFLAGS     0x38
#define SYS_NVFLAGSCLR  0x3c
#define SYS_PCICTL      0x44
#define SYS_MCI         0x48
#define SYS_FLASH       0x4c
#define SYS_CLCD        0x50
#define SYS_CLCDSER     0x54
#define SYS_BOOTCS      0x58
#define SYS_24MHZ       0x5c
#define SYS_MISC        0x60
#define SYS_PROCID0     0x84
#define SYS_PROCID1     0x88
#define SYS_CFGDATA     0xa0
#define SYS_CFGCTRL     0xa4
#define SYS_CFGSTAT     0xa8

#define LOCK_KEY        0xa05f
#define LOCK_LOCKED     (1u << 16)

#define MCI_CARDIN      (1u << 0)
#define MCI_WPROT       (1u << 1)

enum { SITE_MB = 0, SITE_DB1 = 1, SITE_DB2 = 2 };

/* Fixed sensor readings (uV, uA, milli-degrees C), as a board at rest. */
static const uint32_t sensor_volt[] = { 1000000, 1000000, 1800000 };
static const uint32_t sensor_amp[] = { 350000, 120000, 50000 };
static const uint32_t sensor_temp[] = { 42000 };

static uint32_t counter_at(uint64_t hz)
{
    uint64_t ns = qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL);

    /* Split to keep ns * hz within 64 bits for any run time. */
    return (uint32_t)((ns / NANOSECONDS_PER_SECOND) * hz +
                      (ns % NANOSECONDS_PER_SECOND) * hz / NANOSECONDS_PER_SECOND);
}

static uint32_t *osc_slot(ARMSysCtlState *s, unsigned site, unsigned dev)
{
    if (site == SITE_MB && dev < ARM_SYSCTL_MB_OSCS && s->mb_osc_reset[dev]) {
        return &s->mb_osc[dev];
    }
    if (site == SITE_DB1 && dev < ARM_SYSCTL_DB_OSCS && s->db_osc_reset[dev]) {
        return &s->db_osc[dev];
    }
    return NULL;
}

static bool sensor_read(const uint32_t *table, size_t n, unsigned site,
                        unsigned dev, uint32_t *value)
{
    if (site != SITE_DB1 || dev >= n) {
        return false;
    }
    *value = table[dev];
    return true;
}

/* Performs one SYS_CFG transfer; returns false for the error bit. */
static bool sys_cfg_transfer(ARMSysCtlState *s, uint32_t ctrl)
{
    unsigned func = (ctrl >> 20) & 0x3f;
    unsigned site = (ctrl >> 16) & 3;
    unsigned pos = (ctrl >> 12) & 0xf;
    unsigned dev = ctrl & 0xfff;
    bool write = ctrl & SYS_CFG_WRITE;
    uint32_t *osc;

    switch (func) {
    case SYS_CFG_OSC:
        osc = osc_slot(s, site, dev);
        if (!osc) {
            qemu_log_mask(LOG_GUEST_ERROR, "realview_sysctl: no oscillator %u "
                          "at site %u\n", dev, site);
            return false;
        }
        if (write) {
            *osc = s->cfgdata;
        } else {
            s->cfgdata = *osc;
        }
        return true;
    case SYS_CFG_VOLT:
    case SYS_CFG_AMP:
    case SYS_CFG_TEMP: {
        bool ok;

        if (write) {
            qemu_log_mask(LOG_GUEST_ERROR, "realview_sysctl: SYS_CFG function "
                          "%u is read-only\n", func);
            return false;
        }
        if (func == SYS_CFG_VOLT) {
            ok = sensor_read(sensor_volt, G_N_ELEMENTS(sensor_volt), site, dev,
                             &s->cfgdata);
        } else if (func == SYS_CFG_AMP) {
            ok = sensor_read(sensor_amp, G_N_ELEMENTS(sensor_amp), site, dev,
                             &s->cfgdata);
        } else {
            ok = sensor_read(sensor_temp, G_N_ELEMENTS(sensor_temp), site, dev,
                             &s->cfgdata);
        }
        if (!ok) {
            qemu_log_mask(LOG_GUEST_ERROR, "realview_sysctl: no sensor %u "
                          "(function %u) at site %u\n", dev, func, site);
        }
        return ok;
    }
    case SYS_CFG_SHUTDOWN:
    case SYS_CFG_REBOOT:
        if (!write || site != SITE_MB || dev != 0) {
            qemu_log_mask(LOG_GUEST_ERROR, "realview_sysctl: bad %s request "
                          "(site %u device %u, %s)\n",
                          func == SYS_CFG_SHUTDOWN ? "shutdown" : "reboot",
                          site, dev, write ? "write" : "read");
            return false;
        }
        if (func == SYS_CFG_SHUTDOWN) {
            qemu_system_shutdown_request(SHUTDOWN_CAUSE_GUEST_SHUTDOWN);
        } else {
            qemu_system_reset_request(SHUTDOWN_CAUSE_GUEST_RESET);
        }
        return true;
    case SYS_CFG_DVIMODE:
        if (site != SITE_MB || dev != 0) {
            qemu_log_mask(LOG_GUEST_ERROR, "realview_sysctl: no DVI mux at "
                          "site %u device %u\n", site, dev);
            return false;
        }
        if (write) {
            /* 0 VGA, 1 SVGA, 2 XGA, 3 SXGA, 4 UXGA: no DVI output modelled */
            s->dvimode = s->cfgdata & 7;
            qemu_log_mask(LOG_UNIMP, "realview_sysctl: DVI mode %u selected "
                          "(not modelled)\n", s->dvimode);
        } else {
            s->cfgdata = s->dvimode;
        }
        return true;
    default:
        qemu_log_mask(LOG_UNIMP, "realview_sysctl: SYS_CFG function %u "
                      "(site %u position %u device %u) not implemented\n",
                      func, site, pos, dev);
        return false;
    }
}

static uint64_t arm_sysctl_read(void *opaque, hwaddr offset, unsigned size)
{
    ARMSysCtlState *s = opaque;

    switch (offset) {
    case SYS_ID:
        return s->sys_id;
    case SYS_SW:
        return s->sw;
    case SYS_LED:
        return s->leds;
    case SYS_LOCK:
        return s->lockval == LOCK_KEY ? LOCK_KEY : (LOCK_LOCKED | s->lockval);
    case SYS_100HZ:
        return counter_at(100);
    case SYS_FLAGS:
        return s->flags;
    case SYS_NVFLAGS:
        return s->nvflags;
    case SYS_PCICTL:
        return s->pcictl;
    case SYS_MCI:
        return s->mci;
    case SYS_FLASH:
        return s->flash;
    case SYS_CLCD:
        return s->clcd;
    case SYS_CLCDSER:
        return s->clcdser;
    case SYS_BOOTCS:
        return s->bootcs;
    case SYS_24MHZ:
        return counter_at(24000000);
    case SYS_MISC:
        return s->misc;
    case SYS_PROCID0:
        return s->proc_id0;
    case SYS_PROCID1:
        return s->proc_id1;
    case SYS_CFGDATA:
        return s->cfgdata;
    case SYS_CFGCTRL:
        return s->cfgctrl;
    case SYS_CFGSTAT:
        return s->cfgstat;
    default:
        qemu_log_mask(LOG_GUEST_ERROR, "realview_sysctl: read of bad offset "
                      "0x%x\n", (unsigned)offset);
        return 0;
    }
}

static void arm_sysctl_write(void *opaque, hwaddr offset, uint64_t value,
                             unsigned size)
{
    ARMSysCtlState *s = opaque;

    switch (offset) {
    case SYS_SW:
        s->sw = value;
        return;
    case SYS_LED:
        s->leds = value & 0xff;
        return;
    case SYS_LOCK:
        s->lockval = value & 0xffff;
        return;
    case SYS_FLAGS:
        s->flags |= value;
        return;
    case SYS_FLAGSCLR:
        s->flags &= ~value;
        return;
    case SYS_NVFLAGS:
        s->nvflags |= value;
        return;
    case SYS_NVFLAGSCLR:
        s->nvflags &= ~value;
        return;
    case SYS_PCICTL:
        s->pcictl = value;
        return;
    case SYS_FLASH:
        s->flash = value & 1;
        return;
    case SYS_CLCD:
        s->clcd = value;
        return;
    case SYS_CLCDSER:
        s->clcdser = value;
        return;
    case SYS_MISC:
        s->misc = value;
        return;
    case SYS_CFGDATA:
        s->cfgdata = value;
        return;
    case SYS_CFGCTRL:
        s->cfgctrl = value & ~SYS_CFG_START;
        if (value & SYS_CFG_START) {
            s->cfgstat = SYS_CFGSTAT_COMPLETE;
            if (!sys_cfg_transfer(s, value)) {
                s->cfgstat |= SYS_CFGSTAT_ERROR;
            }
        }
        return;
    case SYS_CFGSTAT:
        s->cfgstat = value & 3;
        return;
    case SYS_ID:
    case SYS_100HZ:
    case SYS_MCI:
    case SYS_BOOTCS:
    case SYS_24MHZ:
    case SYS_PROCID0:
    case SYS_PROCID1:
        qemu_log_mask(LOG_GUEST_ERROR, "realview_sysctl: write to read-only "
                      "offset 0x%x\n", (unsigned)offset);
        return;
    default:
        qemu_log_mask(LOG_GUEST_ERROR, "realview_sysctl: write of bad offset "
                      "0x%x\n", (unsigned)offset);
        return;
    }
}

static const MemoryRegionOps arm_sysctl_ops = {
    .read = arm_sysctl_read,
    .write = arm_sysctl_write,
    .endianness = DEVICE_NATIVE_ENDIAN,
    .valid.min_access_size = 4,
    .valid.max_access_size = 4,
};

static void arm_sysctl_set_mci(void *opaque, int n, int level)
{
    ARMSysCtlState *s = opaque;
    uint32_t bit = n ? MCI_WPROT : MCI_CARDIN;

    s->mci = level ? (s->mci | bit) : (s->mci & ~bit);
}

static void arm_sysctl_set_card(void *opaque, int n, int level)
{
    arm_sysctl_set_mci(opaque, 0, level);
}

static void arm_sysctl_set_wprot(void *opaque, int n, int level)
{
    arm_sysctl_set_mci(opaque, 1, level);
}

static void arm_sysctl_reset(DeviceState *dev)
{
    ARMSysCtlState *s = ARM_SYSCTL(dev);

    /* nvflags and the MCI inputs are not reset: see the header. */
    s->sw = 0;
    s->leds = 0;
    s->lockval = 0;
    s->flags = 0;
    s->pcictl = 0;
    s->flash = 0;
    s->clcd = 0;
    s->clcdser = 0;
    s->bootcs = 0;
    s->misc = 0;
    s->cfgdata = 0;
    s->cfgctrl = 0;
    s->cfgstat = 0;
    s->dvimode = 0;
    memcpy(s->mb_osc, s->mb_osc_reset, sizeof(s->mb_osc));
    memcpy(s->db_osc, s->db_osc_reset, sizeof(s->db_osc));
}

static void arm_sysctl_init(Object *obj)
{
    ARMSysCtlState *s = ARM_SYSCTL(obj);

    memory_region_init_io(&s->iomem, obj, &arm_sysctl_ops, s, "arm-sysctl",
                          0x1000);
    sysbus_init_mmio(SYS_BUS_DEVICE(obj), &s->iomem);
    qdev_init_gpio_in_named(DEVICE(obj), arm_sysctl_set_card, "card-detect", 1);
    qdev_init_gpio_in_named(DEVICE(obj), arm_sysctl_set_wprot, "write-protect", 1);
}

static void arm_sysctl_finalize(Object *obj)
{
    memory_region_finalize(&ARM_SYSCTL(obj)->iomem);
}

static const VMStateDescription vmstate_arm_sysctl = {
    .name = "realview_sysctl",
    .version_id = 1,
    .minimum_version_id = 1,
    .fields = (const VMStateField[]) {
        VMSTATE_UINT32(sw, ARMSysCtlState),
        VMSTATE_UINT32(leds, ARMSysCtlState),
        VMSTATE_UINT32(lockval, ARMSysCtlState),
        VMSTATE_UINT32(flags, ARMSysCtlState),
        VMSTATE_UINT32(nvflags, ARMSysCtlState),
        VMSTATE_UINT32(pcictl, ARMSysCtlState),
        VMSTATE_UINT32(mci, ARMSysCtlState),
        VMSTATE_UINT32(flash, ARMSysCtlState),
        VMSTATE_UINT32(clcd, ARMSysCtlState),
        VMSTATE_UINT32(clcdser, ARMSysCtlState),
        VMSTATE_UINT32(bootcs, ARMSysCtlState),
        VMSTATE_UINT32(misc, ARMSysCtlState),
        VMSTATE_UINT32(cfgdata, ARMSysCtlState),
        VMSTATE_UINT32(cfgctrl, ARMSysCtlState),
        VMSTATE_UINT32(cfgstat, ARMSysCtlState),
        VMSTATE_UINT32(dvimode, ARMSysCtlState),
        VMSTATE_UINT32_ARRAY(mb_osc, ARMSysCtlState, ARM_SYSCTL_MB_OSCS),
        VMSTATE_UINT32_ARRAY(db_osc, ARMSysCtlState, ARM_SYSCTL_DB_OSCS),
        VMSTATE_END_OF_LIST()
    },
};

#define PROP_OSC(name, field, n, def) \
    DEFINE_PROP_UINT32(name #n, ARMSysCtlState, field[n], def)

static Property arm_sysctl_properties[] = {
    DEFINE_PROP_UINT32("sys_id", ARMSysCtlState, sys_id, 0x1190f500),
    DEFINE_PROP_UINT32("proc_id", ARMSysCtlState, proc_id0, 0x0c000191),
    DEFINE_PROP_UINT32("proc_id1", ARMSysCtlState, proc_id1, 0xff000000),
    /* V2M-P1: OSCCLK0 SMB/MCC, OSCCLK1 CLCD, OSCCLK2 peripherals */
    PROP_OSC("mb-osc", mb_osc_reset, 0, 50000000),
    PROP_OSC("mb-osc", mb_osc_reset, 1, 23750000),
    PROP_OSC("mb-osc", mb_osc_reset, 2, 24000000),
    PROP_OSC("mb-osc", mb_osc_reset, 3, 0),
    PROP_OSC("mb-osc", mb_osc_reset, 4, 0),
    /* CoreTile A9x4: AXI clock, CLCD, test-chip reference */
    PROP_OSC("db-osc", db_osc_reset, 0, 45000000),
    PROP_OSC("db-osc", db_osc_reset, 1, 23750000),
    PROP_OSC("db-osc", db_osc_reset, 2, 66670000),
    PROP_OSC("db-osc", db_osc_reset, 3, 0),
    PROP_OSC("db-osc", db_osc_reset, 4, 0),
    PROP_OSC("db-osc", db_osc_reset, 5, 0),
    PROP_OSC("db-osc", db_osc_reset, 6, 0),
    PROP_OSC("db-osc", db_osc_reset, 7, 0),
    PROP_OSC("db-osc", db_osc_reset, 8, 0),
    DEFINE_PROP_END_OF_LIST(),
};

static void arm_sysctl_class_init(ObjectClass *klass, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);

    dc->desc = "Versatile Express motherboard system registers";
    dc->reset = arm_sysctl_reset;
    dc->vmsd = &vmstate_arm_sysctl;
    device_class_set_props(dc, arm_sysctl_properties);
}

static const TypeInfo arm_sysctl_types[] = {
    {
        .name = TYPE_ARM_SYSCTL,
        .parent = TYPE_SYS_BUS_DEVICE,
        .instance_size = sizeof(ARMSysCtlState),
        .instance_init = arm_sysctl_init,
        .instance_finalize = arm_sysctl_finalize,
        .class_init = arm_sysctl_class_init,
    },
};

DEFINE_TYPES(arm_sysctl_types)
