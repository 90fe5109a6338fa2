/*
 * ARM Versatile Express boards: the V2M-P1 motherboard with a CoreTile
 * daughterboard (A9x4: "legacy" memory map; A15x2: "Cortex-A series" map).
 * Addresses and interrupt numbers: shared/spec/boards.md.
 *
 * RAM, the system registers, the SP810, the PS/2 keyboard and mouse, the
 * four UARTs, the two dual timers, the RTC, the motherboard CLCD and (A9
 * only) the PL310 L2 cache controller are mapped where the guest expects
 * them. The CoreTile's MPCore private region (a9mpcore-priv at 0x1e000000,
 * a15mpcore-priv at 0x2c000000) holds the -smp 1..4 cores and the GIC;
 * every device interrupt goes to its GIC SPI. Under -accel tcg the cores
 * run (core 0 from the entry of a bare-metal ELF given with -kernel; the
 * others start powered off until boot code releases them); under qtest
 * they exist but never run, and tests drive the devices and read the GIC.
 * hw/arm/boot.c boots them (-kernel/-initrd/-append/-dtb/-bios).
 */
#include "qemu/osdep.h"
#include "hw/boards.h"
#include "hw/sysbus.h"
#include "hw/qdev-properties-system.h"
#include "hw/char/pl011.h"
#include "hw/timer/sp804.h"
#include "hw/rtc/pl031.h"
#include "hw/misc/arm_sysctl.h"
#include "hw/misc/sp810.h"
#include "hw/misc/arm_l2x0.h"
#include "hw/input/pl050.h"
#include "hw/display/pl111.h"
#include "hw/net/lan9118.h"
#include "hw/sd/pl181.h"
#include "hw/block/flash.h"
#include "system/blockdev.h"
#include "hw/virtio/virtio-mmio.h"
#include "hw/cpu/cortex_mpcore.h"
#include "hw/virtio/virtio-net.h"
#include "hw/arm/boot.h"
#include "exec/memory.h"
#include "system/system.h"
#include "system/accel.h"
#include "system/cpus.h"
#include "target/arm/cpu.h"
#include "semihosting/semihost.h"

/* Motherboard peripherals whose position differs between the two maps. */
typedef enum {
    VE_SYSREGS,
    VE_SP810,
    VE_KMI0, VE_KMI1,
    VE_UART0, VE_UART1, VE_UART2, VE_UART3,
    VE_TIMER01, VE_TIMER23,
    VE_RTC,
    VE_CLCD,
    VE_MMCI,
    VE_NORFLASH0, VE_NORFLASH1,
    VE_VIRTIO,
    VE_NR_DEVICES
} VEDevice;

typedef struct VEBoardInfo {
    const char *name;
    const char *desc;
    hwaddr ram_base;
    const hwaddr *map;      /* indexed by VEDevice */
    uint32_t proc_id;       /* SYS_PROCID0: the CoreTile in site 1 */
    const uint32_t *db_osc; /* its oscillators (SYS_CFG site 1), Hz */
    unsigned num_db_osc;
    hwaddr l2x0_base;       /* 0: no PL310 on this CoreTile */
    hwaddr eth_base;        /* LAN9118 on the static memory bus */
    bool flash_alias;       /* flash0 also at address 0 */
    const char *mpcore_type;
    hwaddr mpcore_base;     /* the MPCore private region */
    hwaddr gic_cpu_if;      /* GIC CPU interface: the SMP pen enables it */
} VEBoardInfo;

#define VE_BOARD_ID         0x8e0   /* Linux machine type: Versatile Express */
#define VE_SYS_FLAGS        0x30    /* sysregs: the secondary CPUs' start address */

/* The vexpress machines: MachineState plus the board's own properties. */
#define TYPE_VEXPRESS_MACHINE "vexpress-machine"
OBJECT_DECLARE_SIMPLE_TYPE(VexpressMachineState, VEXPRESS_MACHINE)

struct VexpressMachineState {
    MachineState parent_obj;
    bool secure;            /* CPUs with the Security Extensions (EL3) */
    bool secure_set;        /* "secure" given: else it follows "virtualization" */
    bool virtualization;    /* CPUs with the Virtualization Extensions (EL2) */
};

/* GIC SPIs of the motherboard (and static memory bus) devices. */
enum {
    VE_SPI_TIMER01 = 2, VE_SPI_TIMER23 = 3, VE_SPI_RTC = 4, VE_SPI_UART0 = 5,
    VE_SPI_MMCI0 = 9, VE_SPI_MMCI1 = 10, VE_SPI_KMI0 = 12, VE_SPI_KMI1 = 13,
    VE_SPI_CLCD = 14, VE_SPI_ETH = 15, VE_SPI_VIRTIO = 40,
};
/* External interrupt lines of the CoreTiles' GICs (IDs 32..95). */
#define VE_GIC_SPIS 64

static const hwaddr motherboard_legacy_map[VE_NR_DEVICES] = {
    [VE_SYSREGS] = 0x10000000,
    [VE_SP810] = 0x10001000,
    [VE_KMI0] = 0x10006000,
    [VE_KMI1] = 0x10007000,
    [VE_UART0] = 0x10009000,
    [VE_UART1] = 0x1000a000,
    [VE_UART2] = 0x1000b000,
    [VE_UART3] = 0x1000c000,
    [VE_TIMER01] = 0x10011000,
    [VE_TIMER23] = 0x10012000,
    [VE_RTC] = 0x10017000,
    [VE_CLCD] = 0x1001f000,
    [VE_MMCI] = 0x10005000,
    [VE_NORFLASH0] = 0x40000000,
    [VE_NORFLASH1] = 0x44000000,
    [VE_VIRTIO] = 0x10013000,
};

/* Offsets in CS3 (0x1c000000) as in the V2M-P1 TRM's "Cortex-A series" map. */
static const hwaddr motherboard_aseries_map[VE_NR_DEVICES] = {
    [VE_SYSREGS] = 0x1c010000,
    [VE_SP810] = 0x1c020000,
    [VE_KMI0] = 0x1c060000,
    [VE_KMI1] = 0x1c070000,
    [VE_UART0] = 0x1c090000,
    [VE_UART1] = 0x1c0a0000,
    [VE_UART2] = 0x1c0b0000,
    [VE_UART3] = 0x1c0c0000,
    [VE_TIMER01] = 0x1c110000,
    [VE_TIMER23] = 0x1c120000,
    [VE_RTC] = 0x1c170000,
    [VE_CLCD] = 0x1c1f0000,
    [VE_MMCI] = 0x1c050000,
    [VE_NORFLASH0] = 0x08000000,
    [VE_NORFLASH1] = 0x0c000000,
    [VE_VIRTIO] = 0x1c130000,
};

/* CoreTile A9x4: AXI clock, CLCD, test-chip reference */
static const uint32_t a9_db_osc[] = { 45000000, 23750000, 66670000 };

/*
 * CoreTile A15x2: OSCCLK0 CPU reference, 1-3 reserved, 4 external AXI
 * master, 5 HDLCD, 6 SMB, 7 system PLL reference, 8 DDR2 reference.
 */
static const uint32_t a15_db_osc[] = {
    60000000, 0, 0, 0, 40000000, 23750000, 50000000, 60000000, 40000000
};

static const VEBoardInfo vexpress_a9_info = {
    .name = "vexpress-a9",
    .desc = "ARM Versatile Express for Cortex-A9",
    .ram_base = 0x60000000,
    .map = motherboard_legacy_map,
    .proc_id = 0x0c000191,
    .db_osc = a9_db_osc,
    .num_db_osc = G_N_ELEMENTS(a9_db_osc),
    .l2x0_base = 0x1e00a000,
    .eth_base = 0x4e000000,
    .flash_alias = true,
    .mpcore_type = TYPE_A9MPCORE_PRIV,
    .mpcore_base = 0x1e000000,
    .gic_cpu_if = 0x1e000100,
};

static const VEBoardInfo vexpress_a15_info = {
    .name = "vexpress-a15",
    .desc = "ARM Versatile Express for Cortex-A15",
    .ram_base = 0x80000000,
    .map = motherboard_aseries_map,
    .proc_id = 0x14000237,
    .db_osc = a15_db_osc,
    .num_db_osc = G_N_ELEMENTS(a15_db_osc),
    .eth_base = 0x1a000000,
    .mpcore_type = TYPE_A15MPCORE_PRIV,
    .mpcore_base = 0x2c000000,
    .gic_cpu_if = 0x2c002000,
};

/*
 * Creates TYPE as child NAME of the machine ("/machine/uart0"): stable
 * paths for the monitor and tests, whatever the creation order.
 */
static DeviceState *ve_create(MachineState *ms, const char *name,
                              const char *type, hwaddr addr,
                              void (*setup)(DeviceState *dev, void *opaque),
                              void *opaque)
{
    DeviceState *dev = qdev_new(type);

    object_property_add_child(OBJECT(ms), name, OBJECT(dev));

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

/* Connects sysbus IRQ N of DEV to GIC SPI SPI of the MPCore region MP. */
static void ve_irq(DeviceState *mp, DeviceState *dev, int n, int spi)
{
    sysbus_connect_irq(SYS_BUS_DEVICE(dev), n, qdev_get_gpio_in(mp, spi));
}

static void ve_attach_serial(DeviceState *dev, void *opaque)
{
    Chardev *chr = serial_hd(GPOINTER_TO_INT(opaque));

    if (chr) {
        qdev_prop_set_chr(dev, "chardev", chr);
    }
}

static void ve_setup_sysregs(DeviceState *dev, void *opaque)
{
    const VEBoardInfo *info = opaque;

    qdev_prop_set_uint32(dev, "sys_id", 0x1190f500);
    qdev_prop_set_uint32(dev, "proc_id", info->proc_id);
    for (unsigned i = 0; i < ARM_SYSCTL_DB_OSCS; i++) {
        g_autofree char *name = g_strdup_printf("db-osc%u", i);

        qdev_prop_set_uint32(dev, name,
                             i < info->num_db_osc ? info->db_osc[i] : 0);
    }
}

static void ve_setup_l2x0(DeviceState *dev, void *opaque)
{
    /* 512 KiB, 8 ways of 64 KiB */
    qdev_prop_set_uint32(dev, "aux-ctrl", 0x02060000);
}

/* The first "-nic" (model unset or lan9118) gets the on-board LAN9118. */
static void ve_setup_ethernet(DeviceState *dev, void *opaque)
{
    qemu_configure_nic_device(dev, TYPE_LAN9118);
}

/* The window onto flash0 at address 0, as an object for its lifetime. */
#define TYPE_VE_FLASH_ALIAS "vexpress-flash-alias"
OBJECT_DECLARE_SIMPLE_TYPE(VEFlashAlias, VE_FLASH_ALIAS)

struct VEFlashAlias {
    Object parent_obj;
    MemoryRegion mr;
};

static void ve_flash_alias_finalize(Object *obj)
{
    memory_region_finalize(&VE_FLASH_ALIAS(obj)->mr);
}

static const TypeInfo ve_flash_alias_type = {
    .name = TYPE_VE_FLASH_ALIAS,
    .parent = TYPE_OBJECT,
    .instance_size = sizeof(VEFlashAlias),
    .instance_finalize = ve_flash_alias_finalize,
};

#define VE_NUM_VIRTIO       4
#define VE_VIRTIO_STRIDE    0x200

#define VE_FLASH_SIZE       (64 * MiB)
#define VE_FLASH_SECTOR     (256 * KiB)

/* Two 16-bit Intel chips on a 32-bit bus per bank (V2M-P1 TRM). */
static void ve_setup_flash(DeviceState *dev, void *opaque)
{
    int index = GPOINTER_TO_INT(opaque);
    g_autofree char *name = g_strdup_printf("vexpress.flash%d", index);
    BlockDriverState *bs = drive_get_by_index(IF_PFLASH, index);

    qdev_prop_set_string(dev, "name", name);
    qdev_prop_set_uint32(dev, "num-blocks", VE_FLASH_SIZE / VE_FLASH_SECTOR);
    qdev_prop_set_uint64(dev, "sector-length", VE_FLASH_SECTOR);
    qdev_prop_set_uint8(dev, "width", 4);
    qdev_prop_set_uint8(dev, "device-width", 2);
    qdev_prop_set_uint16(dev, "id0", 0x89);
    qdev_prop_set_uint16(dev, "id1", 0x18);
    if (bs) {
        qdev_prop_set_drive(dev, "drive", bs);
    }
}

/*
 * The MMC slot (PL181 with its card, present with -drive if=sd) and the
 * two NOR flash banks (-drive if=pflash, index 0 and 1).
 */
static void vexpress_storage_init(MachineState *ms, const VEBoardInfo *info,
                                  DeviceState *mp)
{
    const hwaddr *map = info->map;
    DeviceState *sysregs = DEVICE(object_resolve_path_component(OBJECT(ms),
                                                                "sysregs"));
    DeviceState *mmci = ve_create(ms, "mmci", TYPE_PL181, map[VE_MMCI],
                                  NULL, NULL);
    DeviceState *card = qdev_new(TYPE_SD_CARD);
    BlockDriverState *sd = drive_get(IF_SD, 0, 0);
    DeviceState *flash0;

    ve_irq(mp, mmci, 0, VE_SPI_MMCI0);
    ve_irq(mp, mmci, 1, VE_SPI_MMCI1);
    qdev_set_vmstate_instance_id(card, (int)(map[VE_MMCI] >> 12), -1);
    if (sd) {
        qdev_prop_set_drive(card, "drive", sd);
    }
    qdev_realize_and_unref(card, qdev_get_child_bus(mmci, "sd-bus"),
                           &error_fatal);
    qdev_connect_gpio_out_named(mmci, "card-inserted", 0,
                                qdev_get_gpio_in_named(sysregs, "card-detect", 0));
    qdev_connect_gpio_out_named(mmci, "card-read-only", 0,
                                qdev_get_gpio_in_named(sysregs, "write-protect", 0));

    flash0 = ve_create(ms, "flash0", TYPE_PFLASH_CFI01, map[VE_NORFLASH0],
                       ve_setup_flash, GINT_TO_POINTER(0));
    ve_create(ms, "flash1", TYPE_PFLASH_CFI01, map[VE_NORFLASH1],
              ve_setup_flash, GINT_TO_POINTER(1));
    if (info->flash_alias) {
        VEFlashAlias *alias = VE_FLASH_ALIAS(object_new(TYPE_VE_FLASH_ALIAS));

        /* A child of the bank: gone (and unmapped) before the bank is. */
        object_property_add_child(OBJECT(flash0), "alias", OBJECT(alias));
        object_unref(OBJECT(alias));
        memory_region_init_alias(&alias->mr, OBJECT(alias), "vexpress.flashalias",
                                 sysbus_mmio_get_region(SYS_BUS_DEVICE(flash0), 0),
                                 0, VE_FLASH_SIZE);
        memory_region_add_subregion(get_system_memory(), 0, &alias->mr);
    }

    /*
     * Four virtio-mmio transports, 0x200 apart (SPIs 40-43);
     * -device virtio-*-device plugs into the first free one.
     * Their instance ids come from the base in 0x200 units (unique).
     */
    for (int i = 0; i < VE_NUM_VIRTIO; i++) {
        g_autofree char *name = g_strdup_printf("virtio-mmio%d", i);
        hwaddr base = map[VE_VIRTIO] + VE_VIRTIO_STRIDE * i;
        DeviceState *dev = qdev_new(TYPE_VIRTIO_MMIO);

        object_property_add_child(OBJECT(ms), name, OBJECT(dev));
        qdev_set_vmstate_instance_id(dev, (int)(base / VE_VIRTIO_STRIDE), -1);
        sysbus_realize_and_unref(SYS_BUS_DEVICE(dev), &error_fatal);
        sysbus_mmio_map(SYS_BUS_DEVICE(dev), 0, base);
        ve_irq(mp, dev, 0, VE_SPI_VIRTIO + i);
    }
    /* -nic ...,model=virtio-net-device: a virtio-net on the next transport. */
    for (int i = 0; i < VE_NUM_VIRTIO && qemu_nic_model_pending(TYPE_VIRTIO_NET); i++) {
        g_autofree char *name = g_strdup_printf("virtio-mmio%d", i);
        DeviceState *transport = DEVICE(object_resolve_path_component(OBJECT(ms), name));
        DeviceState *nic = qdev_new(TYPE_VIRTIO_NET);

        qemu_configure_nic_device(nic, TYPE_VIRTIO_NET);
        qdev_realize_and_unref(nic, qdev_get_child_bus(transport, "virtio-bus"),
                               &error_fatal);
    }
}

/*
 * The CoreTile's MPCore private region with its -smp cores and GIC, as
 * child "mpcore" of the machine (its cores are "/machine/mpcore/cpu[n]").
 */
static DeviceState *vexpress_mpcore_init(MachineState *ms, const VEBoardInfo *info)
{
    DeviceState *mp = qdev_new(info->mpcore_type);

    object_property_add_child(OBJECT(ms), "mpcore", OBJECT(mp));
    /* Machines built without -smp parsing (unit tests) have 0: one core. */
    qdev_prop_set_uint32(mp, "num-cpu", MAX(ms->smp.cpus, 1));
    qdev_prop_set_uint32(mp, "num-irq", VE_GIC_SPIS + 32);
    qdev_prop_set_uint64(mp, "reset-cbar", info->mpcore_base);
    /* -cpu picks another model for the cores (as QEMU allows). */
    if (ms->cpu_type) {
        qdev_prop_set_string(mp, "cpu-type", ms->cpu_type);
    }
    /*
     * secure=on|off: EL3 on the cores. As QEMU, its default is off, or on
     * with virtualization=on (the ELF then starts in Secure SVC, Linux in
     * Non-secure Hyp mode); an explicit secure=off gives EL2 without EL3.
     */
    qdev_prop_set_bit(mp, "has-el3", VEXPRESS_MACHINE(ms)->secure_set
                                     ? VEXPRESS_MACHINE(ms)->secure
                                     : VEXPRESS_MACHINE(ms)->virtualization);
    qdev_prop_set_bit(mp, "has-el2", VEXPRESS_MACHINE(ms)->virtualization);
    /* The secondaries run the boot code's pen (or an ELF's entry). */
    qdev_prop_set_bit(mp, "secondaries-powered-off", false);
    sysbus_realize_and_unref(SYS_BUS_DEVICE(mp), &error_fatal);
    sysbus_mmio_map(SYS_BUS_DEVICE(mp), 0, info->mpcore_base);
    return mp;
}

static DeviceState *vexpress_init(MachineState *ms, const VEBoardInfo *info)
{
    const hwaddr *map = info->map;
    DeviceState *mp = vexpress_mpcore_init(ms, info);
    DeviceState *dev;

    memory_region_add_subregion(get_system_memory(), info->ram_base, ms->ram);
    ve_create(ms, "sysregs", TYPE_ARM_SYSCTL, map[VE_SYSREGS], ve_setup_sysregs,
              (void *)info);
    /* Its timer clock lines stay open: the SP804s run at 1 MHz. */
    ve_create(ms, "sp810", TYPE_SP810, map[VE_SP810], NULL, NULL);
    dev = ve_create(ms, "kmi0", TYPE_PL050_KBD, map[VE_KMI0], NULL, NULL);
    ve_irq(mp, dev, 0, VE_SPI_KMI0);
    dev = ve_create(ms, "kmi1", TYPE_PL050_MOUSE, map[VE_KMI1], NULL, NULL);
    ve_irq(mp, dev, 0, VE_SPI_KMI1);
    for (int i = 0; i < 4; i++) {
        g_autofree char *name = g_strdup_printf("uart%d", i);

        dev = ve_create(ms, name, TYPE_PL011, map[VE_UART0 + i], ve_attach_serial,
                        GINT_TO_POINTER(i));
        ve_irq(mp, dev, 0, VE_SPI_UART0 + i);
    }
    dev = ve_create(ms, "timer01", TYPE_SP804, map[VE_TIMER01], NULL, NULL);
    ve_irq(mp, dev, 0, VE_SPI_TIMER01);
    dev = ve_create(ms, "timer23", TYPE_SP804, map[VE_TIMER23], NULL, NULL);
    ve_irq(mp, dev, 0, VE_SPI_TIMER23);
    dev = ve_create(ms, "rtc", TYPE_PL031, map[VE_RTC], NULL, NULL);
    ve_irq(mp, dev, 0, VE_SPI_RTC);
    /* The motherboard CLCD: the primary display (screendump). */
    dev = ve_create(ms, "clcd", TYPE_PL111, map[VE_CLCD], NULL, NULL);
    ve_irq(mp, dev, 0, VE_SPI_CLCD);
    if (info->l2x0_base) {
        ve_create(ms, "l2x0", TYPE_ARM_L2X0, info->l2x0_base, ve_setup_l2x0, NULL);
    }
    dev = ve_create(ms, "ethernet", TYPE_LAN9118, info->eth_base, ve_setup_ethernet, NULL);
    ve_irq(mp, dev, 0, VE_SPI_ETH);
    vexpress_storage_init(ms, info, mp);
    return mp;
}

/*
 * -kernel/-initrd/-append/-dtb/-bios through the ARM boot loader
 * (hw/arm/boot.c): Linux at the bottom of RAM with r1 = 0x8e0, secondaries
 * polling SYS_FLAGS, firmware in flash0 (seen at 0 through the alias).
 * Core 0 of the MPCore region runs the boot loader.
 */
static bool ve_boot(MachineState *ms, const VEBoardInfo *info, CortexMPPrivState *mp,
                    Error **errp)
{
    ARMBootInfo binfo = {
        .ram_base = info->ram_base,
        .ram_size = ms->ram_size,
        .loader_start = info->ram_base,
        .board_id = VE_BOARD_ID,
        .smp_bootreg_addr = info->map[VE_SYSREGS] + VE_SYS_FLAGS,
        .gic_cpu_if_addr = info->gic_cpu_if,
        .secure_boot = false,
        .firmware_base = info->map[VE_NORFLASH0],
        .firmware_max = VE_FLASH_SIZE,
    };
    DeviceState *primary = cortex_mpcore_cpu(mp, 0);

    if (ms->firmware && drive_get_by_index(IF_PFLASH, 0)) {
        error_setg(errp, "-bios %s: flash0 already has its contents from "
                   "-drive if=pflash,index=0", ms->firmware);
        return false;
    }
    return arm_load_kernel(ms, primary ? CPU(primary) : NULL, &binfo, errp);
}

/*
 * Common board init: devices, MPCore region, -kernel. The cores exist
 * under every accelerator; only tcg runs them (qtest drives devices).
 */
static bool vexpress_common_init(MachineState *ms, const VEBoardInfo *info, Error **errp)
{
    CortexMPPrivState *mp = CORTEX_MPCORE_PRIV(vexpress_init(ms, info));

    if (!ve_boot(ms, info, mp, errp)) {
        return false;
    }
    semihosting_set_ram(info->ram_base, ms->ram_size);
    if (g_strcmp0(current_accel_name(), "tcg") == 0) {
        cpus_register_tcg();
    }
    return true;
}

static bool vexpress_a9_init(MachineState *ms, Error **errp)
{
    return vexpress_common_init(ms, &vexpress_a9_info, errp);
}

static bool vexpress_a15_init(MachineState *ms, Error **errp)
{
    return vexpress_common_init(ms, &vexpress_a15_info, errp);
}

static void vexpress_common_options(MachineClass *mc)
{
    static const char *const arm_only[] = { "arm", NULL };

    mc->targets = arm_only;
    mc->max_cpus = 4;
    mc->default_cpus = 1;
    mc->default_ram_size = 128 * MiB;
    mc->default_ram_id = "vexpress.highmem";
}

static void vexpress_a9_options(MachineClass *mc)
{
    vexpress_common_options(mc);
    mc->desc = vexpress_a9_info.desc;
    mc->init_checked = vexpress_a9_init;
}

static void vexpress_a15_options(MachineClass *mc)
{
    vexpress_common_options(mc);
    mc->desc = vexpress_a15_info.desc;
    mc->init_checked = vexpress_a15_init;
}

DEFINE_MACHINE_VERSION(vexpress_a9, "vexpress-a9", TYPE_VEXPRESS_MACHINE, 0, 1, true,
                       vexpress_a9_options)
DEFINE_MACHINE_VERSION(vexpress_a15, "vexpress-a15", TYPE_VEXPRESS_MACHINE, 0, 1, true,
                       vexpress_a15_options)

static bool vexpress_get_secure(Object *obj, Error **errp)
{
    return VEXPRESS_MACHINE(obj)->secure;
}

static void vexpress_set_secure(Object *obj, bool value, Error **errp)
{
    VEXPRESS_MACHINE(obj)->secure = value;
    VEXPRESS_MACHINE(obj)->secure_set = true;
}

static bool vexpress_get_virt(Object *obj, Error **errp)
{
    return VEXPRESS_MACHINE(obj)->virtualization;
}

static void vexpress_set_virt(Object *obj, bool value, Error **errp)
{
    VEXPRESS_MACHINE(obj)->virtualization = value;
}

static void vexpress_machine_class_init(ObjectClass *oc, void *data)
{
    object_class_property_add_bool(oc, "virtualization", vexpress_get_virt,
                                   vexpress_set_virt);
    object_class_property_set_description(oc, "virtualization",
                                          "Virtualization Extensions (EL2) on the CPUs "
                                          "that have them");
    object_class_property_add_bool(oc, "secure", vexpress_get_secure, vexpress_set_secure);
    object_class_property_set_description(oc, "secure",
                                          "Security Extensions (TrustZone) on the CPUs; "
                                          "Linux is still entered in Non-secure SVC");
}

static const TypeInfo vexpress_machine_type = {
    .name = TYPE_VEXPRESS_MACHINE,
    .parent = TYPE_MACHINE,
    .abstract = true,
    .instance_size = sizeof(VexpressMachineState),
    .class_init = vexpress_machine_class_init,
};

static void vexpress_register_types(void)
{
    type_register_static(&vexpress_machine_type);
    type_register_static(&ve_flash_alias_type);
}

type_init(vexpress_register_types)
