/*
 * Private interface between the GIC's distributor/CPU interface
 * (arm_gic.c) and its virtualization interface (arm_gic_virt.c).
 */
#ifndef HW_INTC_GIC_INTERNAL_H
#define HW_INTC_GIC_INTERNAL_H

#include "hw/intc/arm_gic.h"

/* GICC_CTLR, Secure layout (IHI 0048B, 4.4.1). */
#define GICC_CTLR_EN_GRP0   (1u << 0)
#define GICC_CTLR_EN_GRP1   (1u << 1)
#define GICC_CTLR_ACKCTL    (1u << 2)
#define GICC_CTLR_FIQEN     (1u << 3)
#define GICC_CTLR_CBPR      (1u << 4)
#define GICC_CTLR_EOIMODE_S (1u << 9)
#define GICC_CTLR_EOIMODE_NS (1u << 10)

/* GICH_HCR / GICH_VMCR / GICH_LR fields (IHI 0048B, 5.3). */
#define GICH_HCR_EN         (1u << 0)
#define GICH_HCR_UIE        (1u << 1)
#define GICH_HCR_LRENPIE    (1u << 2)
#define GICH_HCR_NPIE       (1u << 3)
#define GICH_HCR_VGRP0EIE   (1u << 4)
#define GICH_HCR_VGRP0DIE   (1u << 5)
#define GICH_HCR_VGRP1EIE   (1u << 6)
#define GICH_HCR_VGRP1DIE   (1u << 7)
#define GICH_HCR_EOICOUNT_SHIFT 27
#define GICH_HCR_MASK       (0xffu | (0x1fu << GICH_HCR_EOICOUNT_SHIFT))

#define GICH_VMCR_RESET     ((2u << 21) | (3u << 18))   /* VBPR 2, VABPR 3 */
#define GICH_VMCR_MASK      (0x21fu | (7u << 18) | (7u << 21) | (0x1fu << 27))

#define GICH_LR_VID(lr)     ((lr) & 0x3ff)
#define GICH_LR_PID(lr)     (((lr) >> 10) & 0x3ff)
#define GICH_LR_CPUID(lr)   (((lr) >> 10) & 7)
#define GICH_LR_EOI         (1u << 19)
#define GICH_LR_PRIO(lr)    ((((lr) >> 23) & 0x1f) << 3)
#define GICH_LR_PENDING     (1u << 28)
#define GICH_LR_ACTIVE      (1u << 29)
#define GICH_LR_GRP1        (1u << 30)
#define GICH_LR_HW          (1u << 31)
#define GICH_LR_MASK        0xff8fffffu

/* Implemented priority bits: 5, as on the Cortex-A9 and GIC-400. */
#define GIC_PRIO_MASK       0xf8u
#define GIC_IDLE_PRIO       0x100u  /* running priority with nothing active */

static inline bool gic_has_groups(GICState *s)
{
    return s->security_extn || s->revision == 2;
}

/*
 * Whether an access is Secure: always without the Security Extensions;
 * with them, as the initiator says, and Secure (the full view a debugger
 * gets) when it said nothing (MEMTXATTRS_UNSPECIFIED: qtest, the monitor).
 */
static inline bool gic_access_secure(GICState *s, MemTxAttrs attrs)
{
    return !s->security_extn || attrs.secure || attrs.unspecified;
}

/*
 * CPU index an access through region R is for: the region's own CPU, or
 * the requester's. Returns -1 (after logging) for a requester that is not
 * one of this GIC's CPUs.
 */
int gic_region_cpu(GICRegion *r, MemTxAttrs attrs, const char *what);

/* GICC_IIDR value (also GICV_IIDR). */
uint32_t gic_cpu_iidr(GICState *s);

/* Recomputes every output line from the state. */
void gic_update(GICState *s);

/* Clears the active state of physical interrupt IRQ on CPU (banked IDs). */
void gic_deactivate_irq(GICState *s, int cpu, int irq);

/* Virtualization interface (arm_gic_virt.c). */
extern const MemoryRegionOps gic_hyp_ops;
extern const MemoryRegionOps gic_vcpu_ops;
void gic_virt_reset_cpu(GICCpuState *c);
void gic_virt_update(GICState *s, int cpu);

#endif
