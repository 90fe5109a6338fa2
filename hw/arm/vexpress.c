/*
 * ARM Versatile Express boards: the V2M-P1 motherboard with a CoreTile
 * daughterboard (A9x4: "legacy" memory map; A15x2: "Cortex-A series" map).
 * Addresses and interrupt numbers: shared/spec/boards.md.
 *
 * This is the devices-only stage of the board: RAM, the four UARTs, the
 * two dual timers and the RTC are mapped where the guest expects them.
 * The CPU, the MPCore private region with its GIC and the rest of the
 * motherboard arrive with the ARM vCPU; until then the interrupt lines end
 * unconnected (qtest intercepts them at the devices) and no guest code
 * runs, which the board says at start-up.
 */
#include "qemu/osdep.h"
#include "hw/boards.h"
#include "hw/sysbus.h"
#include "hw/qdev-properties-system.h"
#include "hw/char/pl011.h"
#include "hw/timer/sp804.h"
#include "hw/rtc/pl031.h"
#include "exec/memory.h"
#include "system/system.h"

/* Motherboard peripherals whose position differs between the two maps. */
typedef enum {
    VE_UART0, VE_UART1, VE_UART2, VE_UART3,
    VE_TIMER01, VE_TIMER23,
    VE_RTC,
    VE_NR_DEVICES
} VEDevice;

typedef struct VEBoardInfo {
    const char *name;
    const char *desc;
    hwaddr ram_base;
    const hwaddr *map;      /* indexed by VEDevice */
} VEBoardInfo;

static const hwaddr motherboard_legacy_map[VE_NR_DEVICES] = {
    [VE_UART0] = 0x10009000,
    [VE_UART1] = 0x1000a000,
    [VE_UART2] = 0x1000b000,
    [VE_UART3] = 0x1000c000,
    [VE_TIMER01] = 0x10011000,
    [VE_TIMER23] = 0x10012000,
    [VE_RTC] = 0x10017000,
};

static const hwaddr motherboard_aseries_map[VE_NR_DEVICES] = {
    [VE_UART0] = 0x1c090000,
    [VE_UART1] = 0x1c0a0000,
    [VE_UART2] = 0x1c0b0000,
    [VE_UART3] = 0x1c0c0000,
    [VE_TIMER01] = 0x1c110000,
    [VE_TIMER23] = 0x1c120000,
    [VE_RTC] = 0x1c170000,
};

static const VEBoardInfo vexpress_a9_info = {
    .name = "vexpress-a9",
    .desc = "ARM Versatile Express for Cortex-A9 (devices only: no CPU yet)",
    .ram_base = 0x60000000,
    .map = motherboard_legacy_map,
};

static const VEBoardInfo vexpress_a15_info = {
    .name = "vexpress-a15",
    .desc = "ARM Versatile Express for Cortex-A15 (devices only: no CPU yet)",
    .ram_base = 0x80000000,
    .map = motherboard_aseries_map,
};

static DeviceState *ve_create(const char *type, hwaddr addr,
                              void (*setup)(DeviceState *dev, void *opaque),
                              void *opaque)
{
    DeviceState *dev = qdev_new(type);

    /*
     * The stream identifies each device by its MMIO base, so that adding
     * or reordering devices never changes which state goes where.
     */
    qdev_set_vmstate_instance_id(dev, (int)(addr >> 12), -1);
    if (setup) {
        setup(dev, opaque);
    }
    sysbus_realize_and_unref(SYS_BUS_DEVICE(dev), &error_fatal);
    sysbus_mmio_map(SYS_BUS_DEVICE(dev), 0, addr);
    return dev;
}

static void ve_attach_serial(DeviceState *dev, void *opaque)
{
    Chardev *chr = serial_hd(GPOINTER_TO_INT(opaque));

    if (chr) {
        qdev_prop_set_chr(dev, "chardev", chr);
    }
}

static void vexpress_init(MachineState *ms, const VEBoardInfo *info)
{
    const hwaddr *map = info->map;

    memory_region_add_subregion(get_system_memory(), info->ram_base, ms->ram);
    for (int i = 0; i < 4; i++) {
        ve_create(TYPE_PL011, map[VE_UART0 + i], ve_attach_serial,
                  GINT_TO_POINTER(i));
    }
    ve_create(TYPE_SP804, map[VE_TIMER01], NULL, NULL);
    ve_create(TYPE_SP804, map[VE_TIMER23], NULL, NULL);
    ve_create(TYPE_PL031, map[VE_RTC], NULL, NULL);
}

static void vexpress_a9_init(MachineState *ms)
{
    vexpress_init(ms, &vexpress_a9_info);
}

static void vexpress_a15_init(MachineState *ms)
{
    vexpress_init(ms, &vexpress_a15_info);
}

static void vexpress_common_options(MachineClass *mc)
{
    static const char *const arm_only[] = { "arm", NULL };

    mc->targets = arm_only;
    mc->max_cpus = 4;
    mc->default_cpus = 1;
    mc->default_ram_size = 128 * MiB;
    mc->default_ram_id = "vexpress.highmem";
    /* -kernel and friends need the CPU and the boot loader. */
    mc->no_kernel_loading = true;
}

static void vexpress_a9_options(MachineClass *mc)
{
    vexpress_common_options(mc);
    mc->desc = vexpress_a9_info.desc;
    mc->init = vexpress_a9_init;
}

static void vexpress_a15_options(MachineClass *mc)
{
    vexpress_common_options(mc);
    mc->desc = vexpress_a15_info.desc;
    mc->init = vexpress_a15_init;
}

DEFINE_MACHINE_VERSION(vexpress_a9, "vexpress-a9", TYPE_MACHINE, 0, 1, true,
                       vexpress_a9_options)
DEFINE_MACHINE_VERSION(vexpress_a15, "vexpress-a15", TYPE_MACHINE, 0, 1, true,
                       vexpress_a15_options)
