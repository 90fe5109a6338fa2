/*
 * GICv2 virtualization extensions (ARM IHI 0048B, chapter 5): the
 * hypervisor control interface (GICH) and the virtual CPU interface (GICV)
 * that a guest sees instead of GICC. The virtual CPU interface is driven
 * entirely by the list registers: a pending LR is what GICV_IAR returns,
 * and its EOI/deactivation updates the LR (and, for hardware interrupts,
 * deactivates the physical interrupt).
 *
 * Sizes as on the GIC-400: 4 list registers, 5 priority and preemption
 * bits (GICH_VTR 0x90000003).
 */
#include "qemu/osdep.h"
#include "qemu/log.h"
#include "gic_internal.h"

#define GICH_HCR        0x00
#define GICH_VTR        0x04
#define GICH_VMCR       0x08
#define GICH_MISR       0x10
#define GICH_EISR0      0x20
#define GICH_EISR1      0x24
#define GICH_ELRSR0     0x30
#define GICH_ELRSR1     0x34
#define GICH_APR        0xf0
#define GICH_LR0        0x100
#define GICH_END        0x200

#define GICV_CTLR       0x00
#define GICV_PMR        0x04
#define GICV_BPR        0x08
#define GICV_IAR        0x0c
#define GICV_EOIR       0x10
#define GICV_RPR        0x14
#define GICV_HPPIR      0x18
#define GICV_ABPR       0x1c
#define GICV_AIAR       0x20
#define GICV_AEOIR      0x24
#define GICV_AHPPIR     0x28
#define GICV_APR0       0xd0
#define GICV_IIDR       0xfc
#define GICV_DIR        0x1000

/* GICV_CTLR bits live at the same positions in GICH_VMCR. */
#define GICV_CTLR_MASK  0x21fu
#define VMCR_VEM        (1u << 9)

#define GICH_VTR_VALUE  ((4u << 29) | (4u << 26) | (GIC_NR_LR - 1))

void gic_virt_reset_cpu(GICCpuState *c)
{
    c->hcr = 0;
    c->vmcr = GICH_VMCR_RESET;
    c->vapr = 0;
    memset(c->lr, 0, sizeof(c->lr));
}

static uint32_t vmcr_pmr(GICCpuState *c)
{
    return ((c->vmcr >> 27) & 0x1f) << 3;
}

static uint32_t vmcr_bpr(GICCpuState *c)
{
    return (c->vmcr >> 21) & 7;
}

static uint32_t vmcr_abpr(GICCpuState *c)
{
    return (c->vmcr >> 18) & 7;
}

static uint32_t lr_state(uint32_t lr)
{
    return lr & (GICH_LR_PENDING | GICH_LR_ACTIVE);
}

static uint32_t gicv_group_prio(GICCpuState *c, bool group1, uint32_t prio)
{
    uint32_t shift;

    if (group1 && !(c->vmcr & GICC_CTLR_CBPR)) {
        shift = vmcr_abpr(c);
    } else {
        shift = vmcr_bpr(c) + 1;
    }
    return prio & (0xffu << shift) & 0xff;
}

static uint32_t gicv_running_prio(GICCpuState *c)
{
    return c->vapr ? (uint32_t)__builtin_ctz(c->vapr) << 3 : GIC_IDLE_PRIO;
}

/*
 * Highest-priority pending list register whose virtual group is enabled
 * (lowest LR number on a tie); with MASKED, also above the virtual priority
 * mask and able to preempt. Returns the LR index or -1.
 */
static int gicv_best_lr(GICCpuState *c, bool masked)
{
    uint32_t best_prio = GIC_IDLE_PRIO;
    int best = -1;

    for (int i = 0; i < GIC_NR_LR; i++) {
        uint32_t lr = c->lr[i];
        bool group1 = lr & GICH_LR_GRP1;

        if (lr_state(lr) != GICH_LR_PENDING) {
            continue;   /* invalid, or active (pending+active is not signalled) */
        }
        if (!(c->vmcr & (group1 ? GICC_CTLR_EN_GRP1 : GICC_CTLR_EN_GRP0))) {
            continue;
        }
        if (GICH_LR_PRIO(lr) < best_prio) {
            best_prio = GICH_LR_PRIO(lr);
            best = i;
        }
    }
    if (best >= 0 && masked) {
        bool group1 = c->lr[best] & GICH_LR_GRP1;

        if (best_prio >= vmcr_pmr(c) ||
            gicv_group_prio(c, group1, best_prio) >= gicv_running_prio(c)) {
            return -1;
        }
    }
    return best;
}

/* LRs whose EOI maintenance is due (IHI 0048B 5.3.6). */
static uint32_t gich_eisr(GICCpuState *c)
{
    uint32_t v = 0;

    for (int i = 0; i < GIC_NR_LR; i++) {
        uint32_t lr = c->lr[i];

        if (!lr_state(lr) && !(lr & GICH_LR_HW) && (lr & GICH_LR_EOI)) {
            v |= 1u << i;
        }
    }
    return v;
}

/* LRs that hold no interrupt (IHI 0048B 5.3.7). */
static uint32_t gich_elrsr(GICCpuState *c)
{
    uint32_t v = 0;

    for (int i = 0; i < GIC_NR_LR; i++) {
        uint32_t lr = c->lr[i];

        if (!lr_state(lr) && ((lr & GICH_LR_HW) || !(lr & GICH_LR_EOI))) {
            v |= 1u << i;
        }
    }
    return v;
}

static uint32_t gich_misr(GICCpuState *c)
{
    uint32_t hcr = c->hcr;
    int valid = 0, pending = 0;
    uint32_t v = 0;

    for (int i = 0; i < GIC_NR_LR; i++) {
        valid += lr_state(c->lr[i]) != 0;
        pending += (c->lr[i] & GICH_LR_PENDING) != 0;
    }
    if (gich_eisr(c)) {
        v |= 1u << 0;
    }
    if ((hcr & GICH_HCR_UIE) && valid <= 1) {
        v |= 1u << 1;
    }
    if ((hcr & GICH_HCR_LRENPIE) && (hcr >> GICH_HCR_EOICOUNT_SHIFT)) {
        v |= 1u << 2;
    }
    if ((hcr & GICH_HCR_NPIE) && !pending) {
        v |= 1u << 3;
    }
    if ((hcr & GICH_HCR_VGRP0EIE) && (c->vmcr & GICC_CTLR_EN_GRP0)) {
        v |= 1u << 4;
    }
    if ((hcr & GICH_HCR_VGRP0DIE) && !(c->vmcr & GICC_CTLR_EN_GRP0)) {
        v |= 1u << 5;
    }
    if ((hcr & GICH_HCR_VGRP1EIE) && (c->vmcr & GICC_CTLR_EN_GRP1)) {
        v |= 1u << 6;
    }
    if ((hcr & GICH_HCR_VGRP1DIE) && !(c->vmcr & GICC_CTLR_EN_GRP1)) {
        v |= 1u << 7;
    }
    return v;
}

void gic_virt_update(GICState *s, int cpu)
{
    GICCpuState *c = &s->cpu[cpu];
    bool virq = false, vfiq = false;
    bool en = c->hcr & GICH_HCR_EN;

    if (en) {
        int i = gicv_best_lr(c, true);

        if (i >= 0) {
            if (!(c->lr[i] & GICH_LR_GRP1) && (c->vmcr & GICC_CTLR_FIQEN)) {
                vfiq = true;
            } else {
                virq = true;
            }
        }
    }
    qemu_set_irq(s->virq[cpu], virq);
    qemu_set_irq(s->vfiq[cpu], vfiq);
    qemu_set_irq(s->maint[cpu], en && gich_misr(c) != 0);
}

static uint32_t gicv_irq_value(uint32_t lr)
{
    uint32_t vid = GICH_LR_VID(lr);

    if (vid < GIC_NR_SGI && !(lr & GICH_LR_HW)) {
        vid |= GICH_LR_CPUID(lr) << 10;
    }
    return vid;
}

static uint32_t gicv_acknowledge(GICState *s, int cpu)
{
    GICCpuState *c = &s->cpu[cpu];
    int i;

    if (!(c->hcr & GICH_HCR_EN) || (i = gicv_best_lr(c, true)) < 0) {
        return GIC_SPURIOUS;
    }
    if ((c->lr[i] & GICH_LR_GRP1) && !(c->vmcr & GICC_CTLR_ACKCTL)) {
        return 1022;
    }
    c->vapr |= 1u << (gicv_group_prio(c, c->lr[i] & GICH_LR_GRP1,
                                      GICH_LR_PRIO(c->lr[i])) >> 3);
    c->lr[i] = (c->lr[i] & ~GICH_LR_PENDING) | GICH_LR_ACTIVE;
    gic_update(s);
    return gicv_irq_value(c->lr[i]);
}

/* Deactivates virtual interrupt VID: its LR, and the physical one for HW. */
static void gicv_deactivate(GICState *s, int cpu, uint32_t vid)
{
    GICCpuState *c = &s->cpu[cpu];

    for (int i = 0; i < GIC_NR_LR; i++) {
        uint32_t lr = c->lr[i];

        if (GICH_LR_VID(lr) != vid || !(lr & GICH_LR_ACTIVE)) {
            continue;
        }
        c->lr[i] = lr & ~GICH_LR_ACTIVE;
        if ((lr & GICH_LR_HW) && GICH_LR_PID(lr) < s->num_irq) {
            gic_deactivate_irq(s, cpu, GICH_LR_PID(lr));
        }
        return;
    }
    /* No LR holds it: count it for the hypervisor (GICH_HCR.EOICount). */
    c->hcr += 1u << GICH_HCR_EOICOUNT_SHIFT;
}

static void gicv_eoi(GICState *s, int cpu, uint32_t value)
{
    GICCpuState *c = &s->cpu[cpu];
    uint32_t vid = value & 0x3ff;

    if (vid >= 1020) {
        return;
    }
    if (c->vapr) {
        c->vapr &= c->vapr - 1;     /* priority drop of the highest level */
    }
    if (!(c->vmcr & VMCR_VEM)) {
        gicv_deactivate(s, cpu, vid);
    }
    gic_update(s);
}

static MemTxResult gic_hyp_read(void *opaque, hwaddr off, uint64_t *data,
                                unsigned size, MemTxAttrs attrs)
{
    GICRegion *r = opaque;
    int cpu = gic_region_cpu(r, attrs, "hypervisor interface");
    GICCpuState *c;

    *data = 0;
    if (cpu < 0) {
        return MEMTX_OK;
    }
    c = &r->gic->cpu[cpu];
    switch (off) {
    case GICH_HCR:
        *data = c->hcr;
        break;
    case GICH_VTR:
        *data = GICH_VTR_VALUE;
        break;
    case GICH_VMCR:
        *data = c->vmcr;
        break;
    case GICH_MISR:
        *data = gich_misr(c);
        break;
    case GICH_EISR0:
        *data = gich_eisr(c);
        break;
    case GICH_ELRSR0:
        *data = gich_elrsr(c);
        break;
    case GICH_EISR1:
    case GICH_ELRSR1:
        break;
    case GICH_APR:
        *data = c->vapr;
        break;
    case GICH_LR0 ... GICH_END - 4:
        if (off < GICH_LR0 + 4 * GIC_NR_LR) {
            *data = c->lr[(off - GICH_LR0) / 4];
        }
        break;
    default:
        qemu_log_mask(LOG_GUEST_ERROR, "arm_gic: read of reserved GICH offset "
                      "0x%x\n", (unsigned)off);
        break;
    }
    return MEMTX_OK;
}

static MemTxResult gic_hyp_write(void *opaque, hwaddr off, uint64_t data,
                                 unsigned size, MemTxAttrs attrs)
{
    GICRegion *r = opaque;
    int cpu = gic_region_cpu(r, attrs, "hypervisor interface");
    GICCpuState *c;

    if (cpu < 0) {
        return MEMTX_OK;
    }
    c = &r->gic->cpu[cpu];
    switch (off) {
    case GICH_HCR:
        c->hcr = data & GICH_HCR_MASK;
        break;
    case GICH_VMCR:
        c->vmcr = data & GICH_VMCR_MASK;
        break;
    case GICH_APR:
        c->vapr = data;
        break;
    case GICH_LR0 ... GICH_END - 4:
        if (off < GICH_LR0 + 4 * GIC_NR_LR) {
            c->lr[(off - GICH_LR0) / 4] = data & GICH_LR_MASK;
        }
        break;
    case GICH_VTR:
    case GICH_MISR:
    case GICH_EISR0:
    case GICH_EISR1:
    case GICH_ELRSR0:
    case GICH_ELRSR1:
        qemu_log_mask(LOG_GUEST_ERROR, "arm_gic: write to read-only GICH "
                      "offset 0x%x\n", (unsigned)off);
        return MEMTX_OK;
    default:
        qemu_log_mask(LOG_GUEST_ERROR, "arm_gic: write of reserved GICH offset "
                      "0x%x\n", (unsigned)off);
        return MEMTX_OK;
    }
    gic_update(r->gic);
    return MEMTX_OK;
}

const MemoryRegionOps gic_hyp_ops = {
    .read_with_attrs = gic_hyp_read,
    .write_with_attrs = gic_hyp_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid.min_access_size = 4,
    .valid.max_access_size = 4,
};

static MemTxResult gic_vcpu_read(void *opaque, hwaddr off, uint64_t *data,
                                 unsigned size, MemTxAttrs attrs)
{
    GICRegion *r = opaque;
    int cpu = gic_region_cpu(r, attrs, "virtual CPU interface");
    GICCpuState *c;
    int i;

    *data = 0;
    if (cpu < 0) {
        return MEMTX_OK;
    }
    c = &r->gic->cpu[cpu];
    switch (off) {
    case GICV_CTLR:
        *data = c->vmcr & GICV_CTLR_MASK;
        break;
    case GICV_PMR:
        *data = vmcr_pmr(c);
        break;
    case GICV_BPR:
        *data = vmcr_bpr(c);
        break;
    case GICV_ABPR:
        *data = vmcr_abpr(c);
        break;
    case GICV_IAR:
        *data = gicv_acknowledge(r->gic, cpu);
        break;
    case GICV_RPR:
        *data = c->vapr ? gicv_running_prio(c) : 0xff;
        break;
    case GICV_HPPIR:
        i = gicv_best_lr(c, false);
        *data = i < 0 ? GIC_SPURIOUS : gicv_irq_value(c->lr[i]);
        break;
    case GICV_APR0:
        *data = c->vapr;
        break;
    case GICV_APR0 + 4 ... GICV_APR0 + 12:
        break;
    case GICV_IIDR:
        *data = gic_cpu_iidr(r->gic);
        break;
    case GICV_AIAR:
    case GICV_AHPPIR:
        qemu_log_mask(LOG_UNIMP, "arm_gic: GICV aliased registers are not "
                      "implemented (read of 0x%x)\n", (unsigned)off);
        break;
    default:
        qemu_log_mask(LOG_GUEST_ERROR, "arm_gic: read of reserved or write-only "
                      "GICV offset 0x%x\n", (unsigned)off);
        break;
    }
    return MEMTX_OK;
}

static MemTxResult gic_vcpu_write(void *opaque, hwaddr off, uint64_t data,
                                  unsigned size, MemTxAttrs attrs)
{
    GICRegion *r = opaque;
    int cpu = gic_region_cpu(r, attrs, "virtual CPU interface");
    GICCpuState *c;

    if (cpu < 0) {
        return MEMTX_OK;
    }
    c = &r->gic->cpu[cpu];
    switch (off) {
    case GICV_CTLR:
        c->vmcr = (c->vmcr & ~GICV_CTLR_MASK) | (data & GICV_CTLR_MASK);
        break;
    case GICV_PMR:
        c->vmcr = (c->vmcr & ~(0x1fu << 27)) | (((data >> 3) & 0x1f) << 27);
        break;
    case GICV_BPR:
        c->vmcr = (c->vmcr & ~(7u << 21)) | (MAX(data & 7, 2) << 21);
        break;
    case GICV_ABPR:
        c->vmcr = (c->vmcr & ~(7u << 18)) | (MAX(data & 7, 3) << 18);
        break;
    case GICV_EOIR:
        gicv_eoi(r->gic, cpu, data);
        return MEMTX_OK;
    case GICV_DIR:
        if ((data & 0x3ff) < 1020) {
            gicv_deactivate(r->gic, cpu, data & 0x3ff);
        }
        break;
    case GICV_APR0:
        c->vapr = data;
        break;
    case GICV_APR0 + 4 ... GICV_APR0 + 12:
        return MEMTX_OK;
    case GICV_AEOIR:
        qemu_log_mask(LOG_UNIMP, "arm_gic: GICV_AEOIR is not implemented\n");
        return MEMTX_OK;
    default:
        qemu_log_mask(LOG_GUEST_ERROR, "arm_gic: write of reserved or read-only "
                      "GICV offset 0x%x\n", (unsigned)off);
        return MEMTX_OK;
    }
    gic_update(r->gic);
    return MEMTX_OK;
}

const MemoryRegionOps gic_vcpu_ops = {
    .read_with_attrs = gic_vcpu_read,
    .write_with_attrs = gic_vcpu_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid.min_access_size = 4,
    .valid.max_access_size = 4,
};
