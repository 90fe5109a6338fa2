/*
 * ARM Generic Interrupt Controller, architecture versions 1 and 2
 * (ARM IHI 0048B): the Cortex-A9 MPCore GIC (revision 1) and the GIC-400
 * style controller of the Cortex-A7/A15 (revision 2).
 *
 * Properties:
 *   num-cpu (1..8), num-irq (32..1020, a multiple of 32, counting SGIs and
 *   PPIs), revision (1 or 2), has-security-extensions (bool),
 *   has-virtualization-extensions (bool, revision 2 only),
 *   reset-nonsecure (bool): with the Security Extensions, reset leaves the
 *   GIC as Secure firmware would before entering a Non-secure kernel: every
 *   interrupt in Group 1 and each GICC_PMR at 0x80, so that the Non-secure
 *   side can program all of it. Boot code sets it when it starts a Linux
 *   kernel directly in Non-secure state.
 *
 * MMIO regions, in sysbus order (N = num-cpu):
 *   0           distributor (GICD), 4 KiB
 *   1           CPU interface (GICC) of the CPU that makes the access:
 *               0x100 bytes on revision 1, 8 KiB on revision 2
 *   2 .. N+1    CPU interface of CPU 0 .. N-1, whatever the requester
 *   with has-virtualization-extensions, then:
 *   N+2         hypervisor interface (GICH) of the accessing CPU, 4 KiB
 *   N+3 .. 2N+2 GICH of CPU 0 .. N-1, 0x200 bytes each (the GIC-400 maps
 *               them 0x200 apart)
 *   2N+3        virtual CPU interface (GICV) of the accessing CPU, 8 KiB
 *
 * "The accessing CPU" is attrs.requester_id; its security state is
 * attrs.secure. Without the Security Extensions every access is treated as
 * Secure (IHI 0048B, 1.4.1); with them, an access whose initiator gave no
 * attributes (attrs.unspecified: qtest, the monitor) is Secure too. An access whose requester_id is not a CPU of
 * this GIC is logged and reads as zero.
 *
 * Sysbus IRQ outputs (N = num-cpu):
 *   0 .. N-1       IRQ of CPU 0 .. N-1
 *   N .. 2N-1      FIQ of CPU 0 .. N-1 (Group 0 interrupts with FIQEn set)
 *   with has-virtualization-extensions, then:
 *   2N .. 3N-1     virtual IRQ of CPU 0 .. N-1
 *   3N .. 4N-1     virtual FIQ of CPU 0 .. N-1
 *   4N .. 5N-1     maintenance interrupt of CPU 0 .. N-1 (a board wires it
 *                  to PPI 25 of the same CPU)
 *
 * GPIO inputs (unnamed), level-sensitive wires:
 *   0 .. num_irq-33                       SPI n (interrupt ID 32 + n)
 *   (num_irq - 32) + c * 32 + p           PPI/SGI ID p (0..31) of CPU c;
 *                                         inputs for IDs 0..15 are ignored
 *                                         (SGIs come from GICD_SGIR only)
 * Use gic_spi_line() / gic_ppi_line() rather than computing these.
 */
#ifndef HW_INTC_ARM_GIC_H
#define HW_INTC_ARM_GIC_H

#include "hw/sysbus.h"

#define TYPE_ARM_GIC "arm_gic"
OBJECT_DECLARE_SIMPLE_TYPE(GICState, ARM_GIC)

#define GIC_MAX_CPU     8
#define GIC_MAX_IRQ     1020            /* IDs 1020..1023 are special */
#define GIC_NR_SGI      16
#define GIC_INTERNAL    32              /* SGIs + PPIs, banked per CPU */
#define GIC_MAX_SPI     (1024 - GIC_INTERNAL)
#define GIC_SPI_WORDS   (GIC_MAX_SPI / 32)
#define GIC_NR_LR       4               /* list registers per virtual CPU */
#define GIC_SPURIOUS    1023

/* State of one CPU interface and of its banked interrupts (IDs 0..31). */
typedef struct GICCpuState {
    /* Banked distributor state, bit n = interrupt ID n. */
    uint32_t enable;
    uint32_t pend;          /* latched pending of PPIs (SGIs: sgi_src) */
    uint32_t active;
    uint32_t level;         /* input wire levels of PPIs */
    uint32_t group;         /* GICD_IGROUPR0: 1 = Group 1 */
    uint32_t ppi_cfg;       /* GICD_ICFGR1 value (PPIs 16..31) */
    uint8_t priority[GIC_INTERNAL];
    uint8_t sgi_src[GIC_NR_SGI];    /* pending SGI n: bit s = from CPU s */

    /* CPU interface, all in the Secure view. */
    uint32_t ctlr;          /* GICC_CTLR, Secure layout */
    uint32_t pmr;
    uint32_t bpr;           /* Secure (or only) binary point */
    uint32_t abpr;          /* Non-secure binary point (GICC_ABPR) */
    uint32_t apr;           /* active group priorities of Group 0 */
    uint32_t nsapr;         /* active group priorities of Group 1 */

    /* Virtualization: GICH registers of this CPU. */
    uint32_t hcr;
    uint32_t vmcr;
    uint32_t vapr;          /* GICH_APR */
    uint32_t lr[GIC_NR_LR];
} GICCpuState;

/* Opaque of a CPU-interface-like region: which CPU it serves, -1 = requester. */
typedef struct GICRegion {
    struct GICState *gic;
    int cpu;
} GICRegion;

struct GICState {
    SysBusDevice parent_obj;

    /* Configuration (properties). */
    uint32_t num_cpu;
    uint32_t num_irq;
    uint32_t revision;
    bool security_extn;
    bool virt_extn;
    bool reset_nonsecure;

    MemoryRegion dist_mem;
    MemoryRegion cpu_mem;
    MemoryRegion percpu_mem[GIC_MAX_CPU];
    MemoryRegion hyp_mem;
    MemoryRegion perhyp_mem[GIC_MAX_CPU];
    MemoryRegion vcpu_mem;
    GICRegion cpu_region[GIC_MAX_CPU + 1];  /* [0] = requester, [1+c] = CPU c */

    qemu_irq irq[GIC_MAX_CPU];
    qemu_irq fiq[GIC_MAX_CPU];
    qemu_irq virq[GIC_MAX_CPU];
    qemu_irq vfiq[GIC_MAX_CPU];
    qemu_irq maint[GIC_MAX_CPU];

    /* Distributor state of the SPIs (IDs 32..1023), bit/byte per ID - 32. */
    uint32_t ctlr;          /* GICD_CTLR: bit 0 EnableGrp0, bit 1 EnableGrp1 */
    uint32_t enable[GIC_SPI_WORDS];
    uint32_t pend[GIC_SPI_WORDS];   /* latched (edge or GICD_ISPENDR) */
    uint32_t active[GIC_SPI_WORDS];
    uint32_t level[GIC_SPI_WORDS];  /* input wire levels */
    uint32_t group[GIC_SPI_WORDS];
    uint32_t cfg[GIC_SPI_WORDS * 2];    /* GICD_ICFGR2.. values */
    uint8_t priority[GIC_MAX_SPI];
    uint8_t targets[GIC_MAX_SPI];

    GICCpuState cpu[GIC_MAX_CPU];

    /* Migration only: the sender's configuration, checked in post_load. */
    uint32_t mig_num_irq;
    uint32_t mig_num_cpu;
};

/* GPIO input index of SPI N (interrupt ID 32 + N). */
static inline int gic_spi_line(GICState *s, int n)
{
    return n;
}

/* GPIO input index of PPI/SGI ID P (0..31) of CPU C. */
static inline int gic_ppi_line(GICState *s, int cpu, int p)
{
    return (int)(s->num_irq - GIC_INTERNAL) + cpu * GIC_INTERNAL + p;
}

#endif
