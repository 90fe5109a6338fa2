/*
 * Booting 32-bit ARM boards: -kernel (zImage, uImage, ELF, raw Image),
 * -initrd, -append, -dtb, -bios, the primary CPU's entry state and the
 * secondary CPUs' holding pen.
 *
 * Linux's boot protocol (Documentation/arm/booting.rst): the kernel is
 * entered in SVC mode with the MMU and caches off, IRQ and FIQ masked,
 * r0 = 0, r1 = the machine (board) id, r2 = the physical address of the
 * DTB (or of an ATAG list when there is no DTB).
 *
 * Memory layout from loader_start (the bottom of RAM on vexpress), as
 * QEMU lays it out, so that guests and scripts find things where they
 * expect them:
 *   +0x0000  boot loader (sets r0-r2, jumps to the kernel)
 *   +0x0020  secondary-CPU holding pen (unless smp_loader_start is given)
 *   +0x0100  ATAG list (only when no -dtb)
 *   +0x10000 the kernel (zImage, raw Image; a uImage goes to its load address)
 *   initrd: loader_start + min(RAM / 2, 128 MiB), or above the kernel's end
 *   DTB: after the initrd, 4 KiB aligned
 */
#ifndef HW_ARM_BOOT_H
#define HW_ARM_BOOT_H

#include "qemu/osdep.h"
#include "qapi/error.h"
#include "exec/memory.h"
#include "hw/boards.h"
#include "hw/core/cpu.h"

#define ARM_BOOT_KERNEL_OFFSET  0x10000
#define ARM_BOOT_PEN_OFFSET     0x20
#define ARM_BOOT_ATAGS_OFFSET   0x100

/* What -kernel turned out to be. */
typedef enum ARMImageKind {
    ARM_IMAGE_NONE,         /* no -kernel: firmware or the reset vector */
    ARM_IMAGE_ELF,          /* bare metal: entered at e_entry, registers as at reset */
    ARM_IMAGE_UIMAGE,       /* legacy U-Boot header, uncompressed or gzip */
    ARM_IMAGE_ZIMAGE,       /* magic 0x016f2818 at +0x24 */
    ARM_IMAGE_RAW,          /* anything else: a raw Image */
} ARMImageKind;

typedef struct ARMBootInfo {
    /* Set by the board. */
    hwaddr ram_base;
    uint64_t ram_size;
    hwaddr loader_start;        /* usually ram_base */
    uint32_t board_id;          /* r1 for Linux (vexpress: 0x8e0) */
    hwaddr smp_loader_start;    /* the pen; 0: loader_start + ARM_BOOT_PEN_OFFSET */
    hwaddr smp_bootreg_addr;    /* the register the pen polls (sysregs SYS_FLAGS) */
    hwaddr gic_cpu_if_addr;     /* the pen enables this GIC CPU interface; 0: none */
    /*
     * Enter Linux in Secure state (machine secure=on). When false, a CPU
     * with EL3 enters Linux in Non-secure SVC (SCR.NS set at reset, as
     * a boot monitor would have done).
     */
    bool secure_boot;
    /* -bios goes here (the boot flash, seen at the reset vector); 0: no -bios. */
    hwaddr firmware_base;
    uint64_t firmware_max;

    /* Filled by arm_load_kernel. */
    ARMImageKind kind;
    uint64_t entry;             /* where the primary CPU starts */
    uint64_t kernel_load, kernel_size;
    hwaddr initrd_start;
    uint64_t initrd_size;
    hwaddr dtb_start;           /* 0: no DTB */
    uint64_t dtb_size;
    CPUState *primary;
} ARMBootInfo;

/*
 * Loads what the command line of MS asks for (-kernel, -initrd, -append,
 * -dtb, -bios) into the system address space as described by INFO, and
 * registers a reset handler for every CPU that exists now: it resets the
 * CPU, then puts PRIMARY at the boot loader (or the ELF entry, or leaves
 * it at the reset vector for -bios) and every other CPU in the holding
 * pen. The handler runs at every system_reset, so a reset boots again.
 * PRIMARY may be NULL (no CPU, e.g. under qtest): images are still loaded.
 * Errors name the option and the file ("-kernel FILE: ...").
 */
bool arm_load_kernel(MachineState *ms, CPUState *primary, ARMBootInfo *info,
                     Error **errp);

/* The image kind's name for messages and logs ("zImage", "uImage"...). */
const char *arm_image_kind_name(ARMImageKind kind);

#endif
