/*
 * ARM Generic Interrupt Controller v1/v2 (ARM IHI 0048B): distributor,
 * CPU interfaces, device model and migration state. The virtualization
 * interface (GICH/GICV) is in arm_gic_virt.c.
 *
 * Model notes:
 * - Priorities implement 5 bits (mask 0xf8), as the Cortex-A9 GIC and the
 *   GIC-400 do: 32 preemption levels, minimum Secure BPR 2, Non-secure 3.
 * - All state is kept in the Secure view; Non-secure accesses see it
 *   through the transformations of IHI 0048B 3.6 (priorities shifted,
 *   Group 0 state hidden).
 * - Active priorities: bit n of apr/nsapr = an active interrupt whose group
 *   priority is n << 3 (Group 0 / Group 1). This is the recommended
 *   GICC_APR0 layout (IHI 0048B 4.4.8); GICC_NSAPR0 [31:16] is what
 *   Non-secure reads of GICC_APR0 see in [15:0].
 * - SGIs are always enabled (GICD_ISENABLER0[15:0] RAO/WI) and always
 *   edge-triggered. PPI trigger mode is banked; on revision 2 it is
 *   programmable, on revision 1 it is the Cortex-A9's fixed GICD_ICFGR1
 *   (ID 27 global timer, 29 private timer, 30 watchdog: edge; 28 nFIQ and
 *   31 nIRQ: level).
 */
#include "qemu/osdep.h"
#include "qemu/log.h"
#include "qemu/bitops.h"
#include "hw/qdev-properties.h"
#include "migration/vmstate.h"
#include "gic_internal.h"

/* Distributor offsets (IHI 0048B, 4.1.2). */
#define GICD_CTLR       0x000
#define GICD_TYPER      0x004
#define GICD_IIDR       0x008
#define GICD_IGROUPR    0x080
#define GICD_ISENABLER  0x100
#define GICD_ICENABLER  0x180
#define GICD_ISPENDR    0x200
#define GICD_ICPENDR    0x280
#define GICD_ISACTIVER  0x300
#define GICD_ICACTIVER  0x380
#define GICD_IPRIORITYR 0x400
#define GICD_ITARGETSR  0x800
#define GICD_ICFGR      0xc00
#define GICD_IMPDEF     0xd00   /* PPI/SPI status on the Cortex-A9 */
#define GICD_NSACR      0xe00
#define GICD_SGIR       0xf00
#define GICD_CPENDSGIR  0xf10
#define GICD_SPENDSGIR  0xf20
#define GICD_PIDR4      0xfd0

/* CPU interface offsets (IHI 0048B, 4.1.3). */
#define GICC_CTLR       0x00
#define GICC_PMR        0x04
#define GICC_BPR        0x08
#define GICC_IAR        0x0c
#define GICC_EOIR       0x10
#define GICC_RPR        0x14
#define GICC_HPPIR      0x18
#define GICC_ABPR       0x1c
#define GICC_AIAR       0x20
#define GICC_AEOIR      0x24
#define GICC_AHPPIR     0x28
#define GICC_APR0       0xd0
#define GICC_NSAPR0     0xe0
#define GICC_IIDR       0xfc
#define GICC_DIR        0x1000

#define GIC_A9_PPI_CFG  0x7dc00000u    /* Cortex-A9 ICDICFR1, read-only */

#define GIC_BPR_MIN     2       /* Secure BPR with 5 priority bits */
#define GIC_ABPR_MIN    3       /* Non-secure BPR */

/* Peripheral/component ID bytes at 0xfd0..0xffc (PIDR4-7, PIDR0-3, CIDR). */
static const uint8_t gic_id_v1[12] = {
    0x04, 0x00, 0x00, 0x00, 0x90, 0xb3, 0x1b, 0x00, 0x0d, 0xf0, 0x05, 0xb1
};
static const uint8_t gic_id_v2[12] = {
    0x04, 0x00, 0x00, 0x00, 0x90, 0xb4, 0x2b, 0x00, 0x0d, 0xf0, 0x05, 0xb1
};

/* Per-ID bitmaps; the banked word of a CPU holds IDs 0..31. */
typedef enum GICField {
    GIC_F_ENABLE,
    GIC_F_PEND,
    GIC_F_ACTIVE,
    GIC_F_LEVEL,
    GIC_F_GROUP,
} GICField;

static uint32_t *gic_word(GICState *s, GICField f, int cpu, int irq)
{
    GICCpuState *c = &s->cpu[cpu];
    bool banked = irq < GIC_INTERNAL;
    int i = (irq - GIC_INTERNAL) / 32;

    switch (f) {
    case GIC_F_ENABLE:
        return banked ? &c->enable : &s->enable[i];
    case GIC_F_PEND:
        return banked ? &c->pend : &s->pend[i];
    case GIC_F_ACTIVE:
        return banked ? &c->active : &s->active[i];
    case GIC_F_LEVEL:
        return banked ? &c->level : &s->level[i];
    case GIC_F_GROUP:
        return banked ? &c->group : &s->group[i];
    }
    g_assert_not_reached();
}

static inline uint32_t irq_bit(int irq)
{
    return 1u << (irq & 31);
}

static bool gic_test(GICState *s, GICField f, int cpu, int irq)
{
    return *gic_word(s, f, cpu, irq) & irq_bit(irq);
}

static void gic_assign(GICState *s, GICField f, int cpu, int irq, bool v)
{
    uint32_t *w = gic_word(s, f, cpu, irq);

    *w = v ? (*w | irq_bit(irq)) : (*w & ~irq_bit(irq));
}

static int gic_group(GICState *s, int cpu, int irq)
{
    return gic_has_groups(s) && gic_test(s, GIC_F_GROUP, cpu, irq);
}

static bool gic_is_edge(GICState *s, int cpu, int irq)
{
    if (irq < GIC_NR_SGI) {
        return true;
    }
    if (irq < GIC_INTERNAL) {
        return (s->cpu[cpu].ppi_cfg >> ((irq - 16) * 2 + 1)) & 1;
    }
    return (s->cfg[(irq - GIC_INTERNAL) / 16] >> ((irq % 16) * 2 + 1)) & 1;
}

static bool gic_is_pending(GICState *s, int cpu, int irq)
{
    if (irq < GIC_NR_SGI) {
        return s->cpu[cpu].sgi_src[irq] != 0;
    }
    if (gic_test(s, GIC_F_PEND, cpu, irq)) {
        return true;
    }
    /* A level-sensitive input is pending while the wire is high. */
    return !gic_is_edge(s, cpu, irq) && gic_test(s, GIC_F_LEVEL, cpu, irq);
}

static uint8_t *gic_prio_ptr(GICState *s, int cpu, int irq)
{
    return irq < GIC_INTERNAL ? &s->cpu[cpu].priority[irq]
                              : &s->priority[irq - GIC_INTERNAL];
}

static uint32_t gic_cpu_mask(GICState *s)
{
    return (1u << s->num_cpu) - 1;
}

static bool gic_targets_cpu(GICState *s, int cpu, int irq)
{
    /* Uniprocessor: GICD_ITARGETSR is RAZ/WI and everything goes to CPU 0. */
    return irq < GIC_INTERNAL || s->num_cpu == 1 ||
           (s->targets[irq - GIC_INTERNAL] & (1u << cpu));
}

int gic_region_cpu(GICRegion *r, MemTxAttrs attrs, const char *what)
{
    if (r->cpu >= 0) {
        return r->cpu;
    }
    if (attrs.requester_id >= r->gic->num_cpu) {
        qemu_log_mask(LOG_GUEST_ERROR, "arm_gic: %s access from requester %u, "
                      "which is not one of the %u CPUs\n", what,
                      attrs.requester_id, r->gic->num_cpu);
        return -1;
    }
    return attrs.requester_id;
}

uint32_t gic_cpu_iidr(GICState *s)
{
    /* Cortex-A9 ICCIIDR / GIC-400 GICC_IIDR. */
    return s->revision == 1 ? 0x3901243b : 0x0202143b;
}

static uint32_t gic_dist_iidr(GICState *s)
{
    return s->revision == 1 ? 0x0102043b : 0x0200143b;
}

/* ---- priorities and the highest pending interrupt ---- */

/* Group priority of PRIO for an interrupt of GROUP on CPU (IHI 0048B 3.3.3). */
static uint32_t gic_group_prio(GICState *s, int cpu, int group, uint32_t prio)
{
    GICCpuState *c = &s->cpu[cpu];
    uint32_t shift;

    if (group && !(c->ctlr & GICC_CTLR_CBPR)) {
        shift = c->abpr;
    } else {
        shift = c->bpr + 1;
    }
    return prio & (0xffu << shift) & 0xff;
}

static uint32_t gic_running_prio(GICCpuState *c)
{
    uint32_t bits = c->apr | c->nsapr;

    return bits ? (uint32_t)__builtin_ctz(bits) << 3 : GIC_IDLE_PRIO;
}

/*
 * Highest-priority interrupt that is enabled, pending, not active,
 * targeted at CPU and whose group is enabled in both the distributor and
 * the CPU interface; lowest ID on a tie. Returns GIC_SPURIOUS if none.
 * Priority masking and preemption are not applied (GICC_HPPIR).
 */
static int gic_best_pending(GICState *s, int cpu, uint32_t *prio_out)
{
    GICCpuState *c = &s->cpu[cpu];
    bool en0 = (s->ctlr & 1) && (c->ctlr & GICC_CTLR_EN_GRP0);
    bool en1 = gic_has_groups(s) && (s->ctlr & 2) && (c->ctlr & GICC_CTLR_EN_GRP1);
    int nwords = DIV_ROUND_UP(s->num_irq, 32);
    uint32_t best_prio = GIC_IDLE_PRIO;
    int best = GIC_SPURIOUS;

    if (!en0 && !en1) {
        return GIC_SPURIOUS;
    }
    for (int w = 0; w < nwords; w++) {
        uint32_t cand;

        if (w == 0) {
            uint32_t sgis = 0;

            for (int i = 0; i < GIC_NR_SGI; i++) {
                sgis |= c->sgi_src[i] ? 1u << i : 0;
            }
            cand = c->enable & ~c->active & (sgis | c->pend | c->level);
        } else {
            cand = s->enable[w - 1] & ~s->active[w - 1] &
                   (s->pend[w - 1] | s->level[w - 1]);
        }
        while (cand) {
            int irq = w * 32 + __builtin_ctz(cand);
            uint32_t p;

            cand &= cand - 1;
            if (irq >= (int)s->num_irq || !gic_is_pending(s, cpu, irq) ||
                !gic_targets_cpu(s, cpu, irq)) {
                continue;
            }
            if (!(gic_group(s, cpu, irq) ? en1 : en0)) {
                continue;
            }
            p = *gic_prio_ptr(s, cpu, irq);
            if (p < best_prio) {
                best_prio = p;
                best = irq;
            }
        }
    }
    *prio_out = best_prio;
    return best;
}

/* The interrupt CPU should be signalled for, after masking and preemption. */
static int gic_signalled(GICState *s, int cpu)
{
    GICCpuState *c = &s->cpu[cpu];
    uint32_t prio;
    int irq = gic_best_pending(s, cpu, &prio);

    if (irq == GIC_SPURIOUS || prio >= c->pmr) {
        return GIC_SPURIOUS;
    }
    if (gic_group_prio(s, cpu, gic_group(s, cpu, irq), prio) >= gic_running_prio(c)) {
        return GIC_SPURIOUS;
    }
    return irq;
}

void gic_update(GICState *s)
{
    for (int cpu = 0; cpu < (int)s->num_cpu; cpu++) {
        int irq = gic_signalled(s, cpu);
        bool irq_level = false, fiq_level = false;

        if (irq != GIC_SPURIOUS) {
            if (!gic_group(s, cpu, irq) && (s->cpu[cpu].ctlr & GICC_CTLR_FIQEN)) {
                fiq_level = true;
            } else {
                irq_level = true;
            }
        }
        qemu_set_irq(s->irq[cpu], irq_level);
        qemu_set_irq(s->fiq[cpu], fiq_level);
        if (s->virt_extn) {
            gic_virt_update(s, cpu);
        }
    }
}

void gic_deactivate_irq(GICState *s, int cpu, int irq)
{
    gic_assign(s, GIC_F_ACTIVE, cpu, irq, false);
}

/* ---- CPU interface ---- */

/*
 * GICC_IAR / GICC_AIAR. NS_VIEW: the access may only acknowledge Group 1
 * (a Non-secure access, or the Secure alias AIAR).
 */
static uint32_t gic_acknowledge(GICState *s, int cpu, bool ns_view)
{
    GICCpuState *c = &s->cpu[cpu];
    int irq = gic_signalled(s, cpu);
    uint32_t ret, gp;
    int group;

    if (irq == GIC_SPURIOUS) {
        return GIC_SPURIOUS;
    }
    group = gic_group(s, cpu, irq);
    if (ns_view && !group) {
        return GIC_SPURIOUS;
    }
    if (!ns_view && group && !(c->ctlr & GICC_CTLR_ACKCTL)) {
        return 1022;
    }
    gp = gic_group_prio(s, cpu, group, *gic_prio_ptr(s, cpu, irq));
    if (group) {
        c->nsapr |= 1u << (gp >> 3);
    } else {
        c->apr |= 1u << (gp >> 3);
    }
    gic_assign(s, GIC_F_ACTIVE, cpu, irq, true);
    ret = irq;
    if (irq < GIC_NR_SGI) {
        int src = __builtin_ctz(c->sgi_src[irq]);

        c->sgi_src[irq] &= ~(1u << src);
        ret |= src << 10;
    } else {
        /* A level input still high keeps the interrupt pending too. */
        gic_assign(s, GIC_F_PEND, cpu, irq, false);
    }
    gic_update(s);
    return ret;
}

static uint32_t gic_hppir(GICState *s, int cpu, bool ns_view)
{
    uint32_t prio;
    int irq = gic_best_pending(s, cpu, &prio);
    int group;

    if (irq == GIC_SPURIOUS) {
        return GIC_SPURIOUS;
    }
    group = gic_group(s, cpu, irq);
    if (ns_view && !group) {
        return GIC_SPURIOUS;
    }
    if (!ns_view && group && !(s->cpu[cpu].ctlr & GICC_CTLR_ACKCTL)) {
        return 1022;
    }
    if (irq < GIC_NR_SGI) {
        return irq | (__builtin_ctz(s->cpu[cpu].sgi_src[irq]) << 10);
    }
    return irq;
}

/* Checks an EOIR/DIR value; returns the ID or -1 if the write is ignored. */
static int gic_eoi_target(GICState *s, int cpu, bool ns_view, uint32_t value,
                          const char *reg)
{
    int irq = value & 0x3ff;
    int group;

    if (irq >= (int)s->num_irq) {
        if (irq < 1020) {
            qemu_log_mask(LOG_GUEST_ERROR, "arm_gic: %s write of ID %d, beyond "
                          "num-irq %u\n", reg, irq, s->num_irq);
        }
        return -1;
    }
    group = gic_group(s, cpu, irq);
    if (ns_view && !group) {
        qemu_log_mask(LOG_GUEST_ERROR, "arm_gic: Non-secure %s write of Group 0 "
                      "ID %d ignored\n", reg, irq);
        return -1;
    }
    if (!ns_view && group && !(s->cpu[cpu].ctlr & GICC_CTLR_ACKCTL)) {
        qemu_log_mask(LOG_GUEST_ERROR, "arm_gic: Secure %s write of Group 1 "
                      "ID %d with AckCtl clear ignored\n", reg, irq);
        return -1;
    }
    return irq;
}

static void gic_eoi(GICState *s, int cpu, bool ns_view, uint32_t value)
{
    GICCpuState *c = &s->cpu[cpu];
    int irq = gic_eoi_target(s, cpu, ns_view, value, "EOIR");
    uint32_t bits = c->apr | c->nsapr;
    uint32_t eoimode = ns_view ? GICC_CTLR_EOIMODE_NS : GICC_CTLR_EOIMODE_S;

    if (irq < 0) {
        return;
    }
    /* Priority drop: the highest active priority ends. */
    if (bits) {
        uint32_t lvl = 1u << __builtin_ctz(bits);

        c->apr &= ~lvl;
        c->nsapr &= ~lvl;
    }
    if (!(s->revision == 2 && (c->ctlr & eoimode))) {
        gic_deactivate_irq(s, cpu, irq);
    }
    gic_update(s);
}

static void gic_dir(GICState *s, int cpu, bool ns_view, uint32_t value)
{
    int irq = gic_eoi_target(s, cpu, ns_view, value, "DIR");

    if (irq >= 0) {
        gic_deactivate_irq(s, cpu, irq);
        gic_update(s);
    }
}

static uint32_t gic_ctlr_mask(GICState *s)
{
    if (!gic_has_groups(s)) {
        return GICC_CTLR_EN_GRP0;
    }
    return s->revision == 2 ? 0x7ff : 0x1f;
}

/* Non-secure view of GICC_CTLR: (Secure bit, Non-secure bit) pairs. */
static const uint8_t gicc_ctlr_ns_map[][2] = {
    { 1, 0 }, { 7, 5 }, { 8, 6 }, { 10, 9 },
};

static uint32_t gic_ctlr_ns_read(GICState *s, uint32_t ctlr)
{
    uint32_t v = 0;
    int n = s->revision == 2 ? 4 : 1;

    for (int i = 0; i < n; i++) {
        v |= ((ctlr >> gicc_ctlr_ns_map[i][0]) & 1) << gicc_ctlr_ns_map[i][1];
    }
    return v;
}

static uint32_t gic_ctlr_ns_write(GICState *s, uint32_t ctlr, uint32_t value)
{
    int n = s->revision == 2 ? 4 : 1;

    for (int i = 0; i < n; i++) {
        uint32_t sbit = 1u << gicc_ctlr_ns_map[i][0];

        ctlr = (value >> gicc_ctlr_ns_map[i][1]) & 1 ? ctlr | sbit : ctlr & ~sbit;
    }
    return ctlr;
}

/* Non-secure view of a Secure priority value (IHI 0048B 3.6.4). */
static uint32_t gic_prio_ns_read(uint32_t prio)
{
    return prio < 0x80 ? 0 : (prio << 1) & 0xff;
}

static uint32_t gic_cpu_readl(GICState *s, int cpu, bool secure, hwaddr off)
{
    GICCpuState *c = &s->cpu[cpu];
    bool ns = s->security_extn && !secure;
    bool v2 = s->revision == 2;

    switch (off) {
    case GICC_CTLR:
        return ns ? gic_ctlr_ns_read(s, c->ctlr) : c->ctlr & gic_ctlr_mask(s);
    case GICC_PMR:
        return ns ? gic_prio_ns_read(c->pmr) : c->pmr;
    case GICC_BPR:
        if (ns) {
            return (c->ctlr & GICC_CTLR_CBPR) ? MIN(c->bpr + 1, 7) : c->abpr;
        }
        return c->bpr;
    case GICC_IAR:
        return gic_acknowledge(s, cpu, ns);
    case GICC_RPR: {
        uint32_t rp = gic_running_prio(c);

        if (rp == GIC_IDLE_PRIO) {
            return 0xff;
        }
        return ns ? gic_prio_ns_read(rp) : rp;
    }
    case GICC_HPPIR:
        return gic_hppir(s, cpu, ns);
    case GICC_ABPR:
        if (gic_has_groups(s) && !ns) {
            return c->abpr;
        }
        break;
    case GICC_AIAR:
        if (v2 && !ns) {
            return gic_acknowledge(s, cpu, true);
        }
        break;
    case GICC_AHPPIR:
        if (v2 && !ns) {
            return gic_hppir(s, cpu, true);
        }
        break;
    case GICC_APR0:
        return ns ? c->nsapr >> 16 : c->apr;
    case GICC_APR0 + 4 ... GICC_APR0 + 12:
        return 0;
    case GICC_NSAPR0:
        if (v2 && !ns) {
            return c->nsapr;
        }
        break;
    case GICC_NSAPR0 + 4 ... GICC_NSAPR0 + 12:
        if (v2) {
            return 0;
        }
        break;
    case GICC_IIDR:
        return gic_cpu_iidr(s);
    case GICC_EOIR:
    case GICC_AEOIR:
    case GICC_DIR:
        qemu_log_mask(LOG_GUEST_ERROR, "arm_gic: read of write-only CPU "
                      "interface offset 0x%x\n", (unsigned)off);
        return 0;
    default:
        break;
    }
    qemu_log_mask(LOG_GUEST_ERROR, "arm_gic: %s read of CPU interface offset "
                  "0x%x (reserved or not accessible)\n",
                  ns ? "Non-secure" : "Secure", (unsigned)off);
    return 0;
}

static void gic_cpu_writel(GICState *s, int cpu, bool secure, hwaddr off,
                           uint32_t value)
{
    GICCpuState *c = &s->cpu[cpu];
    bool ns = s->security_extn && !secure;
    bool v2 = s->revision == 2;

    switch (off) {
    case GICC_CTLR:
        c->ctlr = ns ? gic_ctlr_ns_write(s, c->ctlr, value)
                     : value & gic_ctlr_mask(s);
        break;
    case GICC_PMR:
        if (ns) {
            /* Non-secure writes cannot unmask Secure priorities. */
            if (c->pmr < 0x80) {
                return;
            }
            value = 0x80 | ((value & 0xff) >> 1);
        }
        c->pmr = value & GIC_PRIO_MASK;
        break;
    case GICC_BPR:
        if (ns) {
            if (!(c->ctlr & GICC_CTLR_CBPR)) {
                c->abpr = MAX(value & 7, GIC_ABPR_MIN);
            }
        } else {
            c->bpr = MAX(value & 7, GIC_BPR_MIN);
        }
        break;
    case GICC_EOIR:
        gic_eoi(s, cpu, ns, value);
        return;
    case GICC_ABPR:
        if (!gic_has_groups(s) || ns) {
            goto bad;
        }
        c->abpr = MAX(value & 7, GIC_ABPR_MIN);
        break;
    case GICC_AEOIR:
        if (!v2 || ns) {
            goto bad;
        }
        gic_eoi(s, cpu, true, value);
        return;
    case GICC_APR0:
        if (ns) {
            c->nsapr = (value & 0xffff) << 16;
        } else {
            c->apr = value;
        }
        break;
    case GICC_APR0 + 4 ... GICC_APR0 + 12:
        return;
    case GICC_NSAPR0:
        if (!v2 || ns) {
            goto bad;
        }
        c->nsapr = value;
        break;
    case GICC_NSAPR0 + 4 ... GICC_NSAPR0 + 12:
        if (!v2) {
            goto bad;
        }
        return;
    case GICC_DIR:
        gic_dir(s, cpu, ns, value);
        return;
    case GICC_IAR:
    case GICC_RPR:
    case GICC_HPPIR:
    case GICC_AIAR:
    case GICC_AHPPIR:
    case GICC_IIDR:
        qemu_log_mask(LOG_GUEST_ERROR, "arm_gic: write to read-only CPU "
                      "interface offset 0x%x\n", (unsigned)off);
        return;
    default:
        goto bad;
    }
    gic_update(s);
    return;
bad:
    qemu_log_mask(LOG_GUEST_ERROR, "arm_gic: %s write of CPU interface offset "
                  "0x%x (reserved or not accessible)\n",
                  ns ? "Non-secure" : "Secure", (unsigned)off);
}

static MemTxResult gic_cpu_read(void *opaque, hwaddr off, uint64_t *data,
                                unsigned size, MemTxAttrs attrs)
{
    GICRegion *r = opaque;
    int cpu = gic_region_cpu(r, attrs, "CPU interface");

    *data = 0;
    if (cpu >= 0) {
        *data = gic_cpu_readl(r->gic, cpu, gic_access_secure(r->gic, attrs), off);
    }
    return MEMTX_OK;
}

static MemTxResult gic_cpu_write(void *opaque, hwaddr off, uint64_t data,
                                 unsigned size, MemTxAttrs attrs)
{
    GICRegion *r = opaque;
    int cpu = gic_region_cpu(r, attrs, "CPU interface");

    if (cpu >= 0) {
        gic_cpu_writel(r->gic, cpu, gic_access_secure(r->gic, attrs), off, data);
    }
    return MEMTX_OK;
}

static const MemoryRegionOps gic_cpu_ops = {
    .read_with_attrs = gic_cpu_read,
    .write_with_attrs = gic_cpu_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid.min_access_size = 4,
    .valid.max_access_size = 4,
};

/* ---- distributor ---- */

/* Whether a Non-secure access (NS) may see interrupt IRQ's state. */
static bool gic_ns_ok(GICState *s, int cpu, bool ns, int irq)
{
    return !ns || gic_group(s, cpu, irq);
}

static uint32_t gic_dist_typer(GICState *s)
{
    return (DIV_ROUND_UP(s->num_irq, 32) - 1) | ((s->num_cpu - 1) << 5) |
           (s->security_extn ? 1u << 10 : 0);
}

/* Reads the bitmap byte of F for IDs BASE..BASE+7. */
static uint8_t gic_bitmap_readb(GICState *s, GICField f, int cpu, bool ns, int base)
{
    uint8_t v = 0;

    for (int i = 0; i < 8; i++) {
        int irq = base + i;
        bool bit;

        if (!gic_ns_ok(s, cpu, ns, irq)) {
            continue;
        }
        if (f == GIC_F_PEND) {
            bit = gic_is_pending(s, cpu, irq);
        } else if (f == GIC_F_ENABLE && irq < GIC_NR_SGI) {
            bit = true;
        } else {
            bit = gic_test(s, f, cpu, irq);
        }
        v |= bit << i;
    }
    return v;
}

static uint8_t gic_icfgr_readb(GICState *s, int cpu, bool ns, int base)
{
    uint8_t v = 0;

    for (int j = 0; j < 4; j++) {
        int irq = base + j;
        uint32_t field;

        if (!gic_ns_ok(s, cpu, ns, irq)) {
            continue;
        }
        if (irq >= GIC_NR_SGI && irq < GIC_INTERNAL) {
            field = (s->cpu[cpu].ppi_cfg >> ((irq - 16) * 2)) & 3;
        } else {
            field = gic_is_edge(s, cpu, irq) ? 2 : 0;
        }
        v |= field << (j * 2);
    }
    return v;
}

/*
 * One byte of the byte-addressable part of the distributor (everything
 * except CTLR/TYPER/IIDR and SGIR). Sets *BAD for a reserved offset.
 */
static uint8_t gic_dist_readb(GICState *s, int cpu, bool ns, hwaddr off, bool *bad)
{
    int irq;

    if (off >= GICD_IGROUPR && off < GICD_IPRIORITYR) {
        static const GICField fields[] = {
            GIC_F_GROUP, GIC_F_ENABLE, GIC_F_ENABLE, GIC_F_PEND, GIC_F_PEND,
            GIC_F_ACTIVE, GIC_F_ACTIVE,
        };
        int reg = (off - GICD_IGROUPR) / 0x80;

        irq = (off & 0x7f) * 8;
        if (irq >= (int)s->num_irq) {
            return 0;
        }
        if (reg == 0 && (!gic_has_groups(s) || ns)) {
            return 0;
        }
        return gic_bitmap_readb(s, fields[reg], cpu, ns, irq);
    }
    if (off >= GICD_IPRIORITYR && off < GICD_IPRIORITYR + 0x3fc) {
        irq = off - GICD_IPRIORITYR;
        if (irq >= (int)s->num_irq || !gic_ns_ok(s, cpu, ns, irq)) {
            return 0;
        }
        return ns ? (*gic_prio_ptr(s, cpu, irq) << 1) & 0xff : *gic_prio_ptr(s, cpu, irq);
    }
    if (off >= GICD_ITARGETSR && off < GICD_ITARGETSR + 0x3fc) {
        irq = off - GICD_ITARGETSR;
        if (irq >= (int)s->num_irq || s->num_cpu == 1 || !gic_ns_ok(s, cpu, ns, irq)) {
            return 0;
        }
        return irq < GIC_INTERNAL ? 1u << cpu : s->targets[irq - GIC_INTERNAL];
    }
    if (off >= GICD_ICFGR && off < GICD_ICFGR + 0x100) {
        irq = (off - GICD_ICFGR) * 4;
        return irq < (int)s->num_irq ? gic_icfgr_readb(s, cpu, ns, irq) : 0;
    }
    if (off >= GICD_IMPDEF && off < GICD_NSACR) {
        qemu_log_mask(LOG_UNIMP, "arm_gic: PPI/SPI status registers (offset "
                      "0x%x) read as zero\n", (unsigned)off);
        return 0;
    }
    if (off >= GICD_NSACR && off < GICD_NSACR + 0x100 && s->revision == 2) {
        return 0;   /* NSACR not implemented: RAZ/WI (IHI 0048B 4.3.16) */
    }
    if (off >= GICD_CPENDSGIR && off < GICD_SPENDSGIR + 0x10 && s->revision == 2) {
        irq = off & 0xf;
        return gic_ns_ok(s, cpu, ns, irq) ? s->cpu[cpu].sgi_src[irq] : 0;
    }
    if (off >= GICD_PIDR4 && off < 0x1000) {
        const uint8_t *id = s->revision == 1 ? gic_id_v1 : gic_id_v2;

        return (off & 3) ? 0 : id[(off - GICD_PIDR4) / 4];
    }
    *bad = true;
    return 0;
}

static void gic_bitmap_writeb(GICState *s, hwaddr reg, int cpu, bool ns, int base,
                              uint8_t value)
{
    for (int i = 0; i < 8; i++) {
        int irq = base + i;

        if (!(value & (1u << i)) || !gic_ns_ok(s, cpu, ns, irq)) {
            continue;
        }
        switch (reg) {
        case GICD_ISENABLER:
        case GICD_ICENABLER:
            if (irq >= GIC_NR_SGI) {
                gic_assign(s, GIC_F_ENABLE, cpu, irq, reg == GICD_ISENABLER);
            }
            break;
        case GICD_ISPENDR:
        case GICD_ICPENDR:
            /* SGI pending state is set/cleared through GICD_[SC]PENDSGIR. */
            if (irq >= GIC_NR_SGI) {
                gic_assign(s, GIC_F_PEND, cpu, irq, reg == GICD_ISPENDR);
            }
            break;
        case GICD_ISACTIVER:
        case GICD_ICACTIVER:
            gic_assign(s, GIC_F_ACTIVE, cpu, irq, reg == GICD_ISACTIVER);
            break;
        }
    }
}

static void gic_dist_writeb(GICState *s, int cpu, bool ns, hwaddr off, uint8_t value,
                            bool *bad)
{
    GICCpuState *c = &s->cpu[cpu];
    int irq;

    if (off >= GICD_IGROUPR && off < GICD_IGROUPR + 0x80) {
        irq = (off - GICD_IGROUPR) * 8;
        if (gic_has_groups(s) && !ns && irq < (int)s->num_irq) {
            uint32_t *w = gic_word(s, GIC_F_GROUP, cpu, irq);
            int sh = irq & 31;

            *w = (*w & ~(0xffu << sh)) | ((uint32_t)value << sh);
        }
        return;
    }
    if (off >= GICD_ISENABLER && off < GICD_IPRIORITYR) {
        hwaddr reg = off & ~0x7f;

        irq = (off & 0x7f) * 8;
        if (s->revision == 1 && reg >= GICD_ISACTIVER) {
            qemu_log_mask(LOG_GUEST_ERROR, "arm_gic: write to read-only GICv1 "
                          "active bit register (offset 0x%x)\n", (unsigned)off);
            return;
        }
        if (irq < (int)s->num_irq) {
            gic_bitmap_writeb(s, reg, cpu, ns, irq, value);
        }
        return;
    }
    if (off >= GICD_IPRIORITYR && off < GICD_IPRIORITYR + 0x3fc) {
        irq = off - GICD_IPRIORITYR;
        if (irq < (int)s->num_irq && gic_ns_ok(s, cpu, ns, irq)) {
            /* Non-secure writes land in the lower half of the range. */
            uint32_t p = ns ? 0x80 | (value >> 1) : value;

            *gic_prio_ptr(s, cpu, irq) = p & GIC_PRIO_MASK;
        }
        return;
    }
    if (off >= GICD_ITARGETSR && off < GICD_ITARGETSR + 0x3fc) {
        irq = off - GICD_ITARGETSR;
        if (irq >= GIC_INTERNAL && irq < (int)s->num_irq && s->num_cpu > 1 &&
            gic_ns_ok(s, cpu, ns, irq)) {
            s->targets[irq - GIC_INTERNAL] = value & gic_cpu_mask(s);
        }
        return;
    }
    if (off >= GICD_ICFGR && off < GICD_ICFGR + 0x100) {
        irq = (off - GICD_ICFGR) * 4;
        for (int j = 0; j < 4; j++, irq++) {
            uint32_t *w, bit;

            if (irq < GIC_NR_SGI || irq >= (int)s->num_irq ||
                !gic_ns_ok(s, cpu, ns, irq)) {
                continue;
            }
            if (irq < GIC_INTERNAL) {
                if (s->revision == 1) {
                    continue;   /* fixed on the Cortex-A9 */
                }
                w = &c->ppi_cfg;
                bit = 1u << ((irq - 16) * 2 + 1);
            } else {
                w = &s->cfg[(irq - GIC_INTERNAL) / 16];
                bit = 1u << ((irq % 16) * 2 + 1);
            }
            *w = (value >> (j * 2 + 1)) & 1 ? *w | bit : *w & ~bit;
        }
        return;
    }
    if (off >= GICD_IMPDEF && off < GICD_NSACR) {
        qemu_log_mask(LOG_UNIMP, "arm_gic: write to PPI/SPI status registers "
                      "(offset 0x%x) ignored\n", (unsigned)off);
        return;
    }
    if (off >= GICD_NSACR && off < GICD_NSACR + 0x100 && s->revision == 2) {
        return;
    }
    if (off >= GICD_CPENDSGIR && off < GICD_SPENDSGIR + 0x10 && s->revision == 2) {
        irq = off & 0xf;
        if (gic_ns_ok(s, cpu, ns, irq)) {
            value &= gic_cpu_mask(s);
            if (off >= GICD_SPENDSGIR) {
                c->sgi_src[irq] |= value;
            } else {
                c->sgi_src[irq] &= ~value;
            }
        }
        return;
    }
    if (off >= GICD_PIDR4 && off < 0x1000) {
        qemu_log_mask(LOG_GUEST_ERROR, "arm_gic: write to ID register offset "
                      "0x%x\n", (unsigned)off);
        return;
    }
    *bad = true;
}

/* GICD_SGIR (IHI 0048B 4.3.15), written by CPU. */
static void gic_sgir_write(GICState *s, int cpu, bool ns, uint32_t value)
{
    int sgi = value & 0xf;
    int nsatt = (value >> 15) & 1;
    uint32_t targets;

    switch ((value >> 24) & 3) {
    case 0:
        targets = (value >> 16) & 0xff;
        break;
    case 1:
        targets = ~(1u << cpu);
        break;
    case 2:
        targets = 1u << cpu;
        break;
    default:
        qemu_log_mask(LOG_GUEST_ERROR, "arm_gic: GICD_SGIR 0x%08x uses the "
                      "reserved target list filter 3\n", value);
        return;
    }
    targets &= gic_cpu_mask(s);
    for (int t = 0; t < (int)s->num_cpu; t++) {
        if (!(targets & (1u << t))) {
            continue;
        }
        if (s->security_extn) {
            int group = gic_group(s, t, sgi);

            /* Secure writers pick the group with NSATT; others only Group 1. */
            if (ns ? !group : group != nsatt) {
                continue;
            }
        }
        s->cpu[t].sgi_src[sgi] |= 1u << cpu;
    }
}

static uint32_t gic_dist_word_reg(GICState *s, bool ns, hwaddr off)
{
    switch (off) {
    case GICD_CTLR:
        if (!gic_has_groups(s)) {
            return s->ctlr & 1;
        }
        return ns ? (s->ctlr >> 1) & 1 : s->ctlr & 3;
    case GICD_TYPER:
        return gic_dist_typer(s);
    case GICD_IIDR:
        return gic_dist_iidr(s);
    default:
        return 0;
    }
}

static MemTxResult gic_dist_read(void *opaque, hwaddr off, uint64_t *data,
                                 unsigned size, MemTxAttrs attrs)
{
    GICRegion *r = opaque;
    GICState *s = r->gic;
    int cpu = gic_region_cpu(r, attrs, "distributor");
    bool ns = !gic_access_secure(s, attrs);
    bool bad = false;
    uint64_t v = 0;

    *data = 0;
    if (cpu < 0) {
        return MEMTX_OK;
    }
    if (off < 0x10) {
        v = off < 0xc ? gic_dist_word_reg(s, ns, off & ~3) >> ((off & 3) * 8) : 0;
        bad = off >= 0xc;
    } else if (off >= GICD_SGIR && off < GICD_SGIR + 4) {
        qemu_log_mask(LOG_GUEST_ERROR, "arm_gic: read of write-only GICD_SGIR\n");
    } else {
        for (unsigned i = 0; i < size; i++) {
            v |= (uint64_t)gic_dist_readb(s, cpu, ns, off + i, &bad) << (i * 8);
        }
    }
    if (bad) {
        qemu_log_mask(LOG_GUEST_ERROR, "arm_gic: read of reserved distributor "
                      "offset 0x%x\n", (unsigned)off);
        v = 0;
    }
    *data = v & MAKE_64BIT_MASK(0, size * 8);
    return MEMTX_OK;
}

static MemTxResult gic_dist_write(void *opaque, hwaddr off, uint64_t data,
                                  unsigned size, MemTxAttrs attrs)
{
    GICRegion *r = opaque;
    GICState *s = r->gic;
    int cpu = gic_region_cpu(r, attrs, "distributor");
    bool ns = !gic_access_secure(s, attrs);
    bool bad = false;

    if (cpu < 0) {
        return MEMTX_OK;
    }
    if (off == GICD_CTLR) {
        if (!gic_has_groups(s)) {
            s->ctlr = data & 1;
        } else if (ns) {
            s->ctlr = (s->ctlr & ~2u) | ((data & 1) << 1);
        } else {
            s->ctlr = data & 3;
        }
    } else if (off < 0x10) {
        if (off == GICD_TYPER || off == GICD_IIDR) {
            qemu_log_mask(LOG_GUEST_ERROR, "arm_gic: write to read-only "
                          "distributor offset 0x%x\n", (unsigned)off);
        } else {
            bad = true;
        }
    } else if (off >= GICD_SGIR && off < GICD_SGIR + 4) {
        if (off != GICD_SGIR || size != 4) {
            qemu_log_mask(LOG_GUEST_ERROR, "arm_gic: GICD_SGIR needs a 32-bit "
                          "write (got %u bytes at 0x%x)\n", size, (unsigned)off);
            return MEMTX_OK;
        }
        gic_sgir_write(s, cpu, ns, data);
    } else {
        for (unsigned i = 0; i < size; i++) {
            gic_dist_writeb(s, cpu, ns, off + i, data >> (i * 8), &bad);
        }
    }
    if (bad) {
        qemu_log_mask(LOG_GUEST_ERROR, "arm_gic: write of reserved distributor "
                      "offset 0x%x\n", (unsigned)off);
    }
    gic_update(s);
    return MEMTX_OK;
}

static const MemoryRegionOps gic_dist_ops = {
    .read_with_attrs = gic_dist_read,
    .write_with_attrs = gic_dist_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid.min_access_size = 1,
    .valid.max_access_size = 4,
    .impl.min_access_size = 1,
    .impl.max_access_size = 4,
};

/* ---- inputs ---- */

static void gic_set_irq(void *opaque, int n, int level)
{
    GICState *s = opaque;
    int nspi = s->num_irq - GIC_INTERNAL;
    int cpu = 0, irq;
    bool old;

    if (n < nspi) {
        irq = n + GIC_INTERNAL;
    } else {
        cpu = (n - nspi) / GIC_INTERNAL;
        irq = (n - nspi) % GIC_INTERNAL;
        if (irq < GIC_NR_SGI) {
            qemu_log_mask(LOG_GUEST_ERROR, "arm_gic: input line %d is SGI %d of "
                          "CPU %d, which has no wire\n", n, irq, cpu);
            return;
        }
    }
    old = gic_test(s, GIC_F_LEVEL, cpu, irq);
    if (old == !!level) {
        return;
    }
    gic_assign(s, GIC_F_LEVEL, cpu, irq, level);
    if (level && gic_is_edge(s, cpu, irq)) {
        gic_assign(s, GIC_F_PEND, cpu, irq, true);
    }
    gic_update(s);
}

/* ---- device ---- */

static void gic_reset(DeviceState *dev)
{
    GICState *s = ARM_GIC(dev);

    /* Wire levels are inputs, not state of the GIC: they survive reset. */
    s->ctlr = 0;
    memset(s->enable, 0, sizeof(s->enable));
    memset(s->pend, 0, sizeof(s->pend));
    memset(s->active, 0, sizeof(s->active));
    memset(s->group, 0, sizeof(s->group));
    memset(s->cfg, 0, sizeof(s->cfg));
    memset(s->priority, 0, sizeof(s->priority));
    memset(s->targets, 0, sizeof(s->targets));
    for (int i = 0; i < GIC_MAX_CPU; i++) {
        GICCpuState *c = &s->cpu[i];
        uint32_t level = c->level;

        memset(c, 0, sizeof(*c));
        c->level = level;
        c->enable = 0xffff;     /* SGIs: always enabled */
        c->ppi_cfg = s->revision == 1 ? GIC_A9_PPI_CFG : 0;
        c->bpr = GIC_BPR_MIN;
        c->abpr = GIC_ABPR_MIN;
        gic_virt_reset_cpu(c);
        if (s->security_extn && s->reset_nonsecure) {
            c->group = 0xffffffff;
            c->pmr = 0x80;
        }
    }
    if (s->security_extn && s->reset_nonsecure) {
        memset(s->group, 0xff, sizeof(s->group));
    }
    gic_update(s);
}

static void gic_init(Object *obj)
{
    GICState *s = ARM_GIC(obj);

    s->cpu_region[0].gic = s;
    s->cpu_region[0].cpu = -1;
}

static void gic_realize(DeviceState *dev, Error **errp)
{
    GICState *s = ARM_GIC(dev);
    SysBusDevice *sbd = SYS_BUS_DEVICE(dev);
    Object *obj = OBJECT(dev);
    uint64_t cpu_size;

    if (s->num_cpu < 1 || s->num_cpu > GIC_MAX_CPU) {
        error_setg(errp, "arm_gic: 'num-cpu' must be 1..%d (got %u)",
                   GIC_MAX_CPU, s->num_cpu);
        return;
    }
    if (s->num_irq < 32 || s->num_irq > GIC_MAX_IRQ ||
        (s->num_irq % 32 && s->num_irq != GIC_MAX_IRQ)) {
        error_setg(errp, "arm_gic: 'num-irq' must be a multiple of 32 in "
                   "32..992, or %d (got %u)", GIC_MAX_IRQ, s->num_irq);
        return;
    }
    if (s->revision != 1 && s->revision != 2) {
        error_setg(errp, "arm_gic: 'revision' must be 1 or 2 (got %u)",
                   s->revision);
        return;
    }
    if (s->virt_extn && s->revision != 2) {
        error_setg(errp, "arm_gic: 'has-virtualization-extensions' needs "
                   "revision 2 (got revision %u)", s->revision);
        return;
    }

    cpu_size = s->revision == 2 ? 0x2000 : 0x100;
    memory_region_init_io(&s->dist_mem, obj, &gic_dist_ops, &s->cpu_region[0],
                          "gic-dist", 0x1000);
    sysbus_init_mmio(sbd, &s->dist_mem);
    memory_region_init_io(&s->cpu_mem, obj, &gic_cpu_ops, &s->cpu_region[0],
                          "gic-cpu", cpu_size);
    sysbus_init_mmio(sbd, &s->cpu_mem);
    for (int i = 0; i < (int)s->num_cpu; i++) {
        g_autofree char *name = g_strdup_printf("gic-cpu%d", i);

        s->cpu_region[i + 1].gic = s;
        s->cpu_region[i + 1].cpu = i;
        memory_region_init_io(&s->percpu_mem[i], obj, &gic_cpu_ops,
                              &s->cpu_region[i + 1], name, cpu_size);
        sysbus_init_mmio(sbd, &s->percpu_mem[i]);
    }
    if (s->virt_extn) {
        memory_region_init_io(&s->hyp_mem, obj, &gic_hyp_ops, &s->cpu_region[0],
                              "gic-hyp", 0x1000);
        sysbus_init_mmio(sbd, &s->hyp_mem);
        for (int i = 0; i < (int)s->num_cpu; i++) {
            g_autofree char *name = g_strdup_printf("gic-hyp%d", i);

            memory_region_init_io(&s->perhyp_mem[i], obj, &gic_hyp_ops,
                                  &s->cpu_region[i + 1], name, 0x200);
            sysbus_init_mmio(sbd, &s->perhyp_mem[i]);
        }
        memory_region_init_io(&s->vcpu_mem, obj, &gic_vcpu_ops, &s->cpu_region[0],
                              "gic-vcpu", 0x2000);
        sysbus_init_mmio(sbd, &s->vcpu_mem);
    }

    for (int i = 0; i < (int)s->num_cpu; i++) {
        sysbus_init_irq(sbd, &s->irq[i]);
    }
    for (int i = 0; i < (int)s->num_cpu; i++) {
        sysbus_init_irq(sbd, &s->fiq[i]);
    }
    if (s->virt_extn) {
        for (int i = 0; i < (int)s->num_cpu; i++) {
            sysbus_init_irq(sbd, &s->virq[i]);
        }
        for (int i = 0; i < (int)s->num_cpu; i++) {
            sysbus_init_irq(sbd, &s->vfiq[i]);
        }
        for (int i = 0; i < (int)s->num_cpu; i++) {
            sysbus_init_irq(sbd, &s->maint[i]);
        }
    }
    qdev_init_gpio_in(dev, gic_set_irq,
                      s->num_irq - GIC_INTERNAL + s->num_cpu * GIC_INTERNAL);
    /*
     * The power-on state is the reset state (SGIs enabled, binary points):
     * the machine does not reset its devices before the guest first runs.
     */
    gic_reset(dev);
}

static void gic_finalize(Object *obj)
{
    GICState *s = ARM_GIC(obj);

    memory_region_finalize(&s->dist_mem);
    memory_region_finalize(&s->cpu_mem);
    memory_region_finalize(&s->hyp_mem);
    memory_region_finalize(&s->vcpu_mem);
    for (int i = 0; i < GIC_MAX_CPU; i++) {
        memory_region_finalize(&s->percpu_mem[i]);
        memory_region_finalize(&s->perhyp_mem[i]);
    }
}

/* ---- migration ---- */

static bool gic_pre_save(void *opaque, Error **errp)
{
    GICState *s = opaque;

    s->mig_num_irq = s->num_irq;
    s->mig_num_cpu = s->num_cpu;
    return true;
}

static bool gic_post_load(void *opaque, int version_id, Error **errp)
{
    GICState *s = opaque;

    if (s->mig_num_irq != s->num_irq) {
        error_setg(errp, "arm_gic: field 'num-irq' is %u in the stream but %u "
                   "here", s->mig_num_irq, s->num_irq);
        return false;
    }
    if (s->mig_num_cpu != s->num_cpu) {
        error_setg(errp, "arm_gic: field 'num-cpu' is %u in the stream but %u "
                   "here", s->mig_num_cpu, s->num_cpu);
        return false;
    }
    for (int i = 0; i < GIC_MAX_CPU; i++) {
        GICCpuState *c = &s->cpu[i];

        if (c->bpr > 7 || c->abpr > 7) {
            error_setg(errp, "arm_gic: CPU %d binary point (bpr %u, abpr %u) "
                       "is out of range 0..7", i, c->bpr, c->abpr);
            return false;
        }
    }
    /* Output lines are derived state: recompute them from what arrived. */
    gic_update(s);
    return true;
}

static const VMStateDescription vmstate_gic_cpu = {
    .name = "arm_gic_cpu",
    .version_id = 1,
    .minimum_version_id = 1,
    .fields = (const VMStateField[]) {
        VMSTATE_UINT32(enable, GICCpuState),
        VMSTATE_UINT32(pend, GICCpuState),
        VMSTATE_UINT32(active, GICCpuState),
        VMSTATE_UINT32(level, GICCpuState),
        VMSTATE_UINT32(group, GICCpuState),
        VMSTATE_UINT32(ppi_cfg, GICCpuState),
        VMSTATE_UINT8_ARRAY(priority, GICCpuState, GIC_INTERNAL),
        VMSTATE_UINT8_ARRAY(sgi_src, GICCpuState, GIC_NR_SGI),
        VMSTATE_UINT32(ctlr, GICCpuState),
        VMSTATE_UINT32(pmr, GICCpuState),
        VMSTATE_UINT32(bpr, GICCpuState),
        VMSTATE_UINT32(abpr, GICCpuState),
        VMSTATE_UINT32(apr, GICCpuState),
        VMSTATE_UINT32(nsapr, GICCpuState),
        VMSTATE_END_OF_LIST()
    },
};

static const VMStateDescription vmstate_gic_vcpu = {
    .name = "arm_gic_vcpu",
    .version_id = 1,
    .minimum_version_id = 1,
    .fields = (const VMStateField[]) {
        VMSTATE_UINT32(hcr, GICCpuState),
        VMSTATE_UINT32(vmcr, GICCpuState),
        VMSTATE_UINT32(vapr, GICCpuState),
        VMSTATE_UINT32_ARRAY(lr, GICCpuState, GIC_NR_LR),
        VMSTATE_END_OF_LIST()
    },
};

static bool gic_virt_needed(void *opaque)
{
    return ((GICState *)opaque)->virt_extn;
}

static void gic_virt_absent(void *opaque)
{
    GICState *s = opaque;

    for (int i = 0; i < GIC_MAX_CPU; i++) {
        gic_virt_reset_cpu(&s->cpu[i]);
    }
}

static const VMStateDescription vmstate_gic_virt = {
    .name = "arm_gic/virt",
    .version_id = 1,
    .minimum_version_id = 1,
    .needed = gic_virt_needed,
    .absent = gic_virt_absent,
    .fields = (const VMStateField[]) {
        VMSTATE_STRUCT_ARRAY(cpu, GICState, GIC_MAX_CPU, 1, vmstate_gic_vcpu,
                             GICCpuState),
        VMSTATE_END_OF_LIST()
    },
};

static const VMStateDescription vmstate_gic = {
    .name = "arm_gic",
    .version_id = 1,
    .minimum_version_id = 1,
    .pre_save = gic_pre_save,
    .post_load = gic_post_load,
    .fields = (const VMStateField[]) {
        VMSTATE_UINT32(mig_num_irq, GICState),
        VMSTATE_UINT32(mig_num_cpu, GICState),
        VMSTATE_UINT32(ctlr, GICState),
        VMSTATE_UINT32_ARRAY(enable, GICState, GIC_SPI_WORDS),
        VMSTATE_UINT32_ARRAY(pend, GICState, GIC_SPI_WORDS),
        VMSTATE_UINT32_ARRAY(active, GICState, GIC_SPI_WORDS),
        VMSTATE_UINT32_ARRAY(level, GICState, GIC_SPI_WORDS),
        VMSTATE_UINT32_ARRAY(group, GICState, GIC_SPI_WORDS),
        VMSTATE_UINT32_ARRAY(cfg, GICState, GIC_SPI_WORDS * 2),
        VMSTATE_UINT8_ARRAY(priority, GICState, GIC_MAX_SPI),
        VMSTATE_UINT8_ARRAY(targets, GICState, GIC_MAX_SPI),
        VMSTATE_STRUCT_ARRAY(cpu, GICState, GIC_MAX_CPU, 1, vmstate_gic_cpu,
                             GICCpuState),
        VMSTATE_END_OF_LIST()
    },
    .subsections = (const VMStateDescription *const []) {
        &vmstate_gic_virt,
        NULL
    },
};

static Property gic_properties[] = {
    DEFINE_PROP_UINT32("num-cpu", GICState, num_cpu, 1),
    DEFINE_PROP_UINT32("num-irq", GICState, num_irq, 96),
    DEFINE_PROP_UINT32("revision", GICState, revision, 2),
    DEFINE_PROP_BOOL("has-security-extensions", GICState, security_extn, false),
    DEFINE_PROP_BOOL("has-virtualization-extensions", GICState, virt_extn, false),
    DEFINE_PROP_BOOL("reset-nonsecure", GICState, reset_nonsecure, false),
    DEFINE_PROP_END_OF_LIST(),
};

static void gic_class_init(ObjectClass *klass, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);

    dc->desc = "ARM Generic Interrupt Controller (GICv1/GICv2)";
    dc->realize = gic_realize;
    dc->reset = gic_reset;
    dc->vmsd = &vmstate_gic;
    device_class_set_props(dc, gic_properties);
}

static const TypeInfo gic_types[] = {
    {
        .name = TYPE_ARM_GIC,
        .parent = TYPE_SYS_BUS_DEVICE,
        .instance_size = sizeof(GICState),
        .instance_init = gic_init,
        .instance_finalize = gic_finalize,
        .class_init = gic_class_init,
    },
};

DEFINE_TYPES(gic_types)
