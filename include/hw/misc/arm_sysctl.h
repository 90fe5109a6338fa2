/*
 * Versatile Express V2M-P1 motherboard system registers (ARM DUI 0447,
 * "Motherboard Express uATX", section 4.3), including the SYS_CFG
 * configuration interface to the board controllers.
 *
 * The type keeps QEMU's name "realview_sysctl" so that -device and
 * migration section names match. Properties:
 *   sys_id     SYS_ID value (0x1190f500 for the V2M-P1)
 *   proc_id    SYS_PROCID0: the daughterboard in site 1 (0x0c000191 for
 *              the CoreTile A9x4, 0x14000237 for the A15x2)
 *   proc_id1   SYS_PROCID1: site 2 (0xff000000: no daughterboard)
 *   mb-osc0 .. mb-osc4   motherboard oscillators (SYS_CFG site 0), Hz
 *   db-osc0 .. db-osc8   daughterboard oscillators (site 1), Hz; 0 means
 *                        "no such oscillator" (access sets the error bit)
 * GPIO inputs "card-detect" and "write-protect" (one line each) drive the
 * SYS_MCI bits; a future MMC/SD model connects to them. The card is absent
 * until the line is raised.
 */
#ifndef HW_MISC_ARM_SYSCTL_H
#define HW_MISC_ARM_SYSCTL_H

#include "hw/sysbus.h"

#define TYPE_ARM_SYSCTL "realview_sysctl"
OBJECT_DECLARE_SIMPLE_TYPE(ARMSysCtlState, ARM_SYSCTL)

#define ARM_SYSCTL_MB_OSCS  5
#define ARM_SYSCTL_DB_OSCS  9

/* SYS_CFGCTRL fields (DUI 0447 4.3.25) */
#define SYS_CFG_START       (1u << 31)
#define SYS_CFG_WRITE       (1u << 30)
#define SYS_CFG_FUNC(f)     (((uint32_t)(f) & 0x3f) << 20)
#define SYS_CFG_SITE(s)     (((uint32_t)(s) & 0x3) << 16)
#define SYS_CFG_POS(p)      (((uint32_t)(p) & 0xf) << 12)
#define SYS_CFG_DEV(d)      ((uint32_t)(d) & 0xfff)

/* SYS_CFG functions */
enum {
    SYS_CFG_OSC = 1,
    SYS_CFG_VOLT = 2,
    SYS_CFG_AMP = 3,
    SYS_CFG_TEMP = 4,
    SYS_CFG_RESET = 5,
    SYS_CFG_SCC = 6,
    SYS_CFG_MUXFPGA = 7,
    SYS_CFG_SHUTDOWN = 8,
    SYS_CFG_REBOOT = 9,
    SYS_CFG_DVIMODE = 11,
    SYS_CFG_POWER = 12,
    SYS_CFG_ENERGY = 13,
};

/* SYS_CFGSTAT bits */
#define SYS_CFGSTAT_COMPLETE    (1u << 0)
#define SYS_CFGSTAT_ERROR       (1u << 1)

struct ARMSysCtlState {
    SysBusDevice parent_obj;

    MemoryRegion iomem;

    /* properties */
    uint32_t sys_id;
    uint32_t proc_id0;
    uint32_t proc_id1;
    uint32_t mb_osc_reset[ARM_SYSCTL_MB_OSCS];
    uint32_t db_osc_reset[ARM_SYSCTL_DB_OSCS];

    /* guest-visible state */
    uint32_t sw;
    uint32_t leds;
    uint32_t lockval;
    uint32_t flags;
    uint32_t nvflags;       /* survives device reset, as on the board */
    uint32_t pcictl;
    uint32_t mci;           /* driven by the GPIO inputs */
    uint32_t flash;
    uint32_t clcd;
    uint32_t clcdser;
    uint32_t bootcs;
    uint32_t misc;
    uint32_t cfgdata;
    uint32_t cfgctrl;
    uint32_t cfgstat;
    uint32_t dvimode;
    uint32_t mb_osc[ARM_SYSCTL_MB_OSCS];
    uint32_t db_osc[ARM_SYSCTL_DB_OSCS];
};

#endif
