/*
 * ARM GIC v1/v2 through its registers, with explicit memory transaction
 * attributes (requester CPU, security state) and recorders on every output:
 * IDs and reset values, enable/pending/active state, edge and level inputs,
 * acknowledge/EOI, priority masking and preemption, targets, SGIs, banked
 * registers, the Security Extensions' views, split EOI, the virtualization
 * interface, realize errors and the migration description.
 */
#include "qemu/osdep.h"
#include "devtest.h"
#include "hw/intc/arm_gic.h"
#include "hw/irq.h"
#include "migration/vmstate.h"

#define DIST        0x2c001000
#define CPUIF       0x2c002000
#define PERCPU(c)   (0x2c100000 + 0x2000 * (c))
#define GICH        0x2c004000
#define PERHYP(c)   (0x2c005000 + 0x200 * (c))
#define GICV        0x2c006000

/* Distributor registers. */
#define D_CTLR      (DIST + 0x000)
#define D_TYPER     (DIST + 0x004)
#define D_IIDR      (DIST + 0x008)
#define D_IGROUPR(n)    (DIST + 0x080 + 4 * (n))
#define D_ISENABLER(n)  (DIST + 0x100 + 4 * (n))
#define D_ICENABLER(n)  (DIST + 0x180 + 4 * (n))
#define D_ISPENDR(n)    (DIST + 0x200 + 4 * (n))
#define D_ICPENDR(n)    (DIST + 0x280 + 4 * (n))
#define D_ISACTIVER(n)  (DIST + 0x300 + 4 * (n))
#define D_ICACTIVER(n)  (DIST + 0x380 + 4 * (n))
#define D_IPRIORITY(id) (DIST + 0x400 + (id))
#define D_ITARGETS(id)  (DIST + 0x800 + (id))
#define D_ICFGR(n)      (DIST + 0xc00 + 4 * (n))
#define D_SGIR      (DIST + 0xf00)
#define D_CPENDSGI(id)  (DIST + 0xf10 + (id))
#define D_SPENDSGI(id)  (DIST + 0xf20 + (id))

/* CPU interface registers, relative to a CPU interface base. */
#define C_CTLR      0x00
#define C_PMR       0x04
#define C_BPR       0x08
#define C_IAR       0x0c
#define C_EOIR      0x10
#define C_RPR       0x14
#define C_HPPIR     0x18
#define C_ABPR      0x1c
#define C_AIAR      0x20
#define C_AEOIR     0x24
#define C_APR0      0xd0
#define C_NSAPR0    0xe0
#define C_IIDR      0xfc
#define C_DIR       0x1000

#define H_HCR       0x00
#define H_VTR       0x04
#define H_VMCR      0x08
#define H_MISR      0x10
#define H_EISR0     0x20
#define H_ELRSR0    0x30
#define H_APR       0xf0
#define H_LR(n)     (0x100 + 4 * (n))

#define LR_PENDING  (1u << 28)
#define LR_ACTIVE   (1u << 29)
#define LR_GRP1     (1u << 30)
#define LR_HW       (1u << 31)
#define LR_EOI      (1u << 19)
#define LR_PRIO(p)  (((p) >> 3) << 23)

#define SEC     true
#define NONSEC  false

typedef struct GicConfig {
    uint32_t revision, num_cpu, num_irq;
    bool security, virt;
    bool reset_nonsecure;
} GicConfig;

static const GicConfig cfg_a9 = { 1, 4, 96, true, false };
static const GicConfig cfg_a9_nsboot = { 1, 4, 96, true, false, true };
static const GicConfig cfg_a9_uni = { 1, 1, 64, true, false };
static const GicConfig cfg_a9_nosec = { 1, 2, 64, false, false };
static const GicConfig cfg_v2 = { 2, 2, 96, false, false };
static const GicConfig cfg_v2_4cpu = { 2, 4, 64, false, false };
static const GicConfig cfg_v2_sec = { 2, 2, 96, true, false };
static const GicConfig cfg_a15 = { 2, 2, 160, true, true };
static const GicConfig cfg_uni = { 2, 1, 256, false, false };

typedef struct Fixture {
    const GicConfig *cfg;
    DeviceState *dev;
    GICState *s;
    IrqRecorder irq[GIC_MAX_CPU], fiq[GIC_MAX_CPU];
    IrqRecorder virq[GIC_MAX_CPU], vfiq[GIC_MAX_CPU], maint[GIC_MAX_CPU];
} Fixture;

static MemTxAttrs attrs_of(int cpu, bool secure)
{
    return (MemTxAttrs) { .requester_id = cpu, .secure = secure };
}

static uint32_t rd(hwaddr addr, int cpu, bool secure)
{
    return devtest_read_attrs(addr, 4, attrs_of(cpu, secure));
}

static void wr(hwaddr addr, uint32_t v, int cpu, bool secure)
{
    devtest_write_attrs(addr, 4, v, attrs_of(cpu, secure));
}

static uint8_t rdb(hwaddr addr, int cpu, bool secure)
{
    return devtest_read_attrs(addr, 1, attrs_of(cpu, secure));
}

static void wrb(hwaddr addr, uint8_t v, int cpu, bool secure)
{
    devtest_write_attrs(addr, 1, v, attrs_of(cpu, secure));
}

/* Secure accesses of CPU 0, the common case. */
static uint32_t rd0(hwaddr addr)
{
    return rd(addr, 0, SEC);
}

static void wr0(hwaddr addr, uint32_t v)
{
    wr(addr, v, 0, SEC);
}

static void set_props(DeviceState *dev, void *opaque)
{
    const GicConfig *c = opaque;

    qdev_prop_set_uint32(dev, "revision", c->revision);
    qdev_prop_set_uint32(dev, "num-cpu", c->num_cpu);
    qdev_prop_set_uint32(dev, "num-irq", c->num_irq);
    qdev_prop_set_bit(dev, "has-security-extensions", c->security);
    qdev_prop_set_bit(dev, "has-virtualization-extensions", c->virt);
    qdev_prop_set_bit(dev, "reset-nonsecure", c->reset_nonsecure);
}

static void fixture_setup(Fixture *f, gconstpointer data)
{
    const GicConfig *c = data;
    SysBusDevice *sbd;
    int n = c->num_cpu;

    f->cfg = c;
    f->dev = devtest_create(TYPE_ARM_GIC, DIST, NULL, set_props, (void *)c);
    f->s = ARM_GIC(f->dev);
    sbd = SYS_BUS_DEVICE(f->dev);
    sysbus_mmio_map(sbd, 1, CPUIF);
    for (int i = 0; i < n; i++) {
        sysbus_mmio_map(sbd, 2 + i, PERCPU(i));
        sysbus_connect_irq(sbd, i, devtest_recorder_line(&f->irq[i]));
        sysbus_connect_irq(sbd, n + i, devtest_recorder_line(&f->fiq[i]));
    }
    if (c->virt) {
        sysbus_mmio_map(sbd, n + 2, GICH);
        for (int i = 0; i < n; i++) {
            sysbus_mmio_map(sbd, n + 3 + i, PERHYP(i));
            sysbus_connect_irq(sbd, 2 * n + i, devtest_recorder_line(&f->virq[i]));
            sysbus_connect_irq(sbd, 3 * n + i, devtest_recorder_line(&f->vfiq[i]));
            sysbus_connect_irq(sbd, 4 * n + i, devtest_recorder_line(&f->maint[i]));
        }
        sysbus_mmio_map(sbd, 2 * n + 3, GICV);
    }
}

static void fixture_teardown(Fixture *f, gconstpointer data)
{
    devtest_destroy(f->dev, NULL);
    for (int i = 0; i < GIC_MAX_CPU; i++) {
        IrqRecorder *recs[] = { &f->irq[i], &f->fiq[i], &f->virq[i], &f->vfiq[i],
                                &f->maint[i] };

        for (size_t j = 0; j < G_N_ELEMENTS(recs); j++) {
            if (recs[j]->line) {
                qemu_free_irq(recs[j]->line);
            }
        }
    }
}

static void set_spi(Fixture *f, int n, int level)
{
    qemu_set_irq(qdev_get_gpio_in(f->dev, gic_spi_line(f->s, n)), level);
}

static void set_ppi(Fixture *f, int cpu, int id, int level)
{
    qemu_set_irq(qdev_get_gpio_in(f->dev, gic_ppi_line(f->s, cpu, id)), level);
}

/* Distributor and CPU interface C enabled for everything, mask wide open. */
static void enable_all(Fixture *f)
{
    wr0(D_CTLR, 3);
    for (int c = 0; c < (int)f->cfg->num_cpu; c++) {
        wr(PERCPU(c) + C_CTLR, 3, c, SEC);
        wr(PERCPU(c) + C_PMR, 0xff, c, SEC);
    }
}

/* Enables ID (an SPI) with priority PRIO, routed to CPU 0. */
static void setup_spi(int id, uint8_t prio)
{
    wrb(D_IPRIORITY(id), prio, 0, SEC);
    wrb(D_ITARGETS(id), 1, 0, SEC);
    wr0(D_ISENABLER(id / 32), 1u << (id % 32));
}

/* ---- IDs and reset values ---- */

static void test_ids_v1(Fixture *f, gconstpointer data)
{
    static const uint8_t id[12] = { 0x04, 0, 0, 0, 0x90, 0xb3, 0x1b, 0,
                                    0x0d, 0xf0, 0x05, 0xb1 };

    /* 96 IDs: ITLinesNumber 2; 4 CPUs; SecurityExtn. */
    g_assert_cmphex(rd0(D_TYPER), ==, 0x462);
    g_assert_cmphex(rd0(D_IIDR), ==, 0x0102043b);
    g_assert_cmphex(rd0(CPUIF + C_IIDR), ==, 0x3901243b);
    for (int i = 0; i < 12; i++) {
        g_assert_cmphex(rd0(DIST + 0xfd0 + 4 * i), ==, id[i]);
    }
    /* The GICv1 CPU interface is 0x100 bytes, as in the A9 private region. */
    g_assert_cmpuint(memory_region_size(sysbus_mmio_get_region(
                         SYS_BUS_DEVICE(f->dev), 1)), ==, 0x100);
}

static void test_ids_v2(Fixture *f, gconstpointer data)
{
    static const uint8_t id[12] = { 0x04, 0, 0, 0, 0x90, 0xb4, 0x2b, 0,
                                    0x0d, 0xf0, 0x05, 0xb1 };

    /* 160 IDs: ITLinesNumber 4; 2 CPUs; SecurityExtn. */
    g_assert_cmphex(rd0(D_TYPER), ==, 0x424);
    g_assert_cmphex(rd0(D_IIDR), ==, 0x0200143b);
    g_assert_cmphex(rd0(CPUIF + C_IIDR), ==, 0x0202143b);
    g_assert_cmphex(rd0(GICV + C_IIDR), ==, 0x0202143b);
    for (int i = 0; i < 12; i++) {
        g_assert_cmphex(rdb(DIST + 0xfd0 + 4 * i, 0, NONSEC), ==, id[i]);
    }
    g_assert_cmpuint(memory_region_size(sysbus_mmio_get_region(
                         SYS_BUS_DEVICE(f->dev), 1)), ==, 0x2000);
}

static void test_typer_uni(Fixture *f, gconstpointer data)
{
    /* 256 IDs, one CPU, no Security Extensions. */
    g_assert_cmphex(rd0(D_TYPER), ==, 7);
    /* Uniprocessor: ITARGETSR is RAZ/WI and SPIs go to CPU 0. */
    wrb(D_ITARGETS(40), 0xff, 0, SEC);
    g_assert_cmphex(rdb(D_ITARGETS(40), 0, SEC), ==, 0);
    g_assert_cmphex(rdb(D_ITARGETS(3), 0, SEC), ==, 0);
    enable_all(f);
    setup_spi(40, 0x10);
    set_spi(f, 8, 1);
    g_assert_cmpint(f->irq[0].level, ==, 1);
    g_assert_cmpuint(rd0(CPUIF + C_IAR), ==, 40);
}

static void test_reset_values(Fixture *f, gconstpointer data)
{
    g_assert_cmphex(rd0(D_CTLR), ==, 0);
    g_assert_cmphex(rd0(D_ISENABLER(0)), ==, 0x0000ffff);
    g_assert_cmphex(rd0(D_ISENABLER(1)), ==, 0);
    g_assert_cmphex(rd0(D_ICFGR(0)), ==, 0xaaaaaaaa);
    g_assert_cmphex(rd0(D_IGROUPR(1)), ==, 0);
    g_assert_cmphex(rd0(CPUIF + C_CTLR), ==, 0);
    g_assert_cmphex(rd0(CPUIF + C_PMR), ==, 0);
    g_assert_cmphex(rd0(CPUIF + C_BPR), ==, 2);
    g_assert_cmphex(rd(CPUIF + C_BPR, 0, NONSEC), ==, 3);
    g_assert_cmphex(rd0(CPUIF + C_ABPR), ==, 3);
    g_assert_cmphex(rd0(CPUIF + C_RPR), ==, 0xff);
    g_assert_cmphex(rd0(CPUIF + C_HPPIR), ==, 1023);
    g_assert_cmphex(rd0(CPUIF + C_APR0), ==, 0);
    g_assert_cmphex(rd(GICH + H_VTR, 1, NONSEC), ==, 0x90000003);
    g_assert_cmphex(rd(GICH + H_VMCR, 1, NONSEC), ==, 0x004c0000);
    g_assert_cmphex(rd(GICH + H_HCR, 1, NONSEC), ==, 0);
    g_assert_cmphex(rd(GICH + H_ELRSR0, 1, NONSEC), ==, 0xf);
    g_assert_cmphex(rd(GICH + H_LR(0), 1, NONSEC), ==, 0);
    g_assert_cmphex(rd(GICV + C_BPR, 1, NONSEC), ==, 2);
    g_assert_cmphex(rd(GICV + C_RPR, 1, NONSEC), ==, 0xff);

    /* Reset undoes guest changes. */
    wr0(D_CTLR, 3);
    wr0(CPUIF + C_PMR, 0xf0);
    wr0(D_ISENABLER(1), 0xff);
    device_cold_reset(f->dev);
    g_assert_cmphex(rd0(D_CTLR), ==, 0);
    g_assert_cmphex(rd0(CPUIF + C_PMR), ==, 0);
    g_assert_cmphex(rd0(D_ISENABLER(1)), ==, 0);
}

/* ---- distributor state and the CPU interface flow ---- */

static void test_enable_level(Fixture *f, gconstpointer data)
{
    enable_all(f);
    wrb(D_ITARGETS(37), 1, 0, SEC);
    set_spi(f, 5, 1);
    /* Pending but disabled: nothing signalled. */
    g_assert_cmphex(rd0(D_ISPENDR(1)), ==, 1u << 5);
    g_assert_cmpint(f->irq[0].level, ==, 0);
    wr0(D_ISENABLER(1), 1u << 5);
    g_assert_cmphex(rd0(D_ISENABLER(1)), ==, 1u << 5);
    g_assert_cmpint(f->irq[0].level, ==, 1);
    g_assert_cmpint(f->irq[1].level, ==, 0);
    wr0(D_ICENABLER(1), 1u << 5);
    g_assert_cmpint(f->irq[0].level, ==, 0);
    g_assert_cmphex(rd0(D_ICENABLER(1)), ==, 0);
    wr0(D_ISENABLER(1), 1u << 5);
    /* Distributor or CPU interface disabled: not signalled. */
    wr0(D_CTLR, 0);
    g_assert_cmpint(f->irq[0].level, ==, 0);
    wr0(D_CTLR, 1);
    g_assert_cmpint(f->irq[0].level, ==, 1);
    wr0(CPUIF + C_CTLR, 0);
    g_assert_cmpint(f->irq[0].level, ==, 0);
    g_assert_cmpuint(rd0(CPUIF + C_IAR), ==, 1023);
    wr0(CPUIF + C_CTLR, 1);
    /* A level input: lowering the line ends the pending state. */
    set_spi(f, 5, 0);
    g_assert_cmpint(f->irq[0].level, ==, 0);
    g_assert_cmphex(rd0(D_ISPENDR(1)), ==, 0);
}

static void test_edge_vs_level(Fixture *f, gconstpointer data)
{
    enable_all(f);
    setup_spi(37, 0x20);
    /* Edge: a pulse latches the pending state; acknowledging clears it. */
    wr0(D_ICFGR(2), 2u << 10);
    g_assert_cmphex(rd0(D_ICFGR(2)), ==, 2u << 10);
    set_spi(f, 5, 1);
    set_spi(f, 5, 0);
    g_assert_cmpint(f->irq[0].level, ==, 1);
    g_assert_cmpuint(rd0(CPUIF + C_IAR), ==, 37);
    g_assert_cmphex(rd0(D_ISPENDR(1)), ==, 0);
    g_assert_cmphex(rd0(D_ISACTIVER(1)), ==, 1u << 5);
    wr0(CPUIF + C_EOIR, 37);
    g_assert_cmpint(f->irq[0].level, ==, 0);
    g_assert_cmpuint(rd0(CPUIF + C_IAR), ==, 1023);

    /* Level: still high after the acknowledge -> active and pending. */
    wr0(D_ICFGR(2), 0);
    set_spi(f, 5, 1);
    g_assert_cmpuint(rd0(CPUIF + C_IAR), ==, 37);
    g_assert_cmphex(rd0(D_ISPENDR(1)), ==, 1u << 5);
    g_assert_cmphex(rd0(D_ISACTIVER(1)), ==, 1u << 5);
    g_assert_cmpint(f->irq[0].level, ==, 0);
    wr0(CPUIF + C_EOIR, 37);
    /* Deactivated while the line is high: signalled again. */
    g_assert_cmpint(f->irq[0].level, ==, 1);
    set_spi(f, 5, 0);
    g_assert_cmpint(f->irq[0].level, ==, 0);
}

static void test_pending_set_clear(Fixture *f, gconstpointer data)
{
    enable_all(f);
    setup_spi(40, 0x20);
    wr0(D_ISPENDR(1), 1u << 8);
    g_assert_cmphex(rd0(D_ISPENDR(1)), ==, 1u << 8);
    g_assert_cmphex(rd0(D_ICPENDR(1)), ==, 1u << 8);
    g_assert_cmpint(f->irq[0].level, ==, 1);
    g_assert_cmpuint(rd0(CPUIF + C_HPPIR), ==, 40);
    wr0(D_ICPENDR(1), 1u << 8);
    g_assert_cmphex(rd0(D_ISPENDR(1)), ==, 0);
    g_assert_cmpint(f->irq[0].level, ==, 0);
    /* SGI pending bits are not writable through ISPENDR0. */
    wr0(D_ISPENDR(0), 0xf);
    g_assert_cmphex(rd0(D_ISPENDR(0)), ==, 0);
    /* ISPENDR latches a level interrupt: it stays after the line drops. */
    wr0(D_ISPENDR(1), 1u << 8);
    set_spi(f, 8, 1);
    set_spi(f, 8, 0);
    g_assert_cmphex(rd0(D_ISPENDR(1)), ==, 1u << 8);
}

static void test_iar_eoi_active(Fixture *f, gconstpointer data)
{
    enable_all(f);
    setup_spi(33, 0x40);
    setup_spi(34, 0x40);
    g_assert_cmpuint(rd0(CPUIF + C_IAR), ==, 1023);
    wr0(D_ISPENDR(1), 0x6);
    g_assert_cmpint(f->irq[0].raises, ==, 1);
    /* Equal priority: the lower ID first. */
    g_assert_cmpuint(rd0(CPUIF + C_IAR), ==, 33);
    g_assert_cmphex(rd0(CPUIF + C_RPR), ==, 0x40);
    g_assert_cmphex(rd0(CPUIF + C_APR0), ==, 1u << (0x40 >> 3));
    /* Same priority cannot preempt. */
    g_assert_cmpint(f->irq[0].level, ==, 0);
    g_assert_cmpuint(rd0(CPUIF + C_IAR), ==, 1023);
    g_assert_cmpuint(rd0(CPUIF + C_HPPIR), ==, 34);
    wr0(CPUIF + C_EOIR, 33);
    g_assert_cmphex(rd0(D_ISACTIVER(1)), ==, 0);
    g_assert_cmphex(rd0(CPUIF + C_RPR), ==, 0xff);
    g_assert_cmpint(f->irq[0].level, ==, 1);
    g_assert_cmpuint(rd0(CPUIF + C_IAR), ==, 34);
    wr0(CPUIF + C_EOIR, 34);
    g_assert_cmpuint(rd0(CPUIF + C_IAR), ==, 1023);
    /* Active state through ISACTIVER/ICACTIVER (GICv2). */
    wr0(D_ISACTIVER(1), 1u << 1);
    g_assert_cmphex(rd0(D_ICACTIVER(1)), ==, 1u << 1);
    wr0(D_ISPENDR(1), 1u << 1);
    g_assert_cmpint(f->irq[0].level, ==, 0);    /* active: not signalled */
    wr0(D_ICACTIVER(1), 1u << 1);
    g_assert_cmpint(f->irq[0].level, ==, 1);
    /* EOI of an ID beyond num-irq and of a spurious ID are ignored. */
    g_assert_cmpuint(rd0(CPUIF + C_IAR), ==, 33);
    wr0(CPUIF + C_EOIR, 500);
    wr0(CPUIF + C_EOIR, 1023);
    g_assert_cmphex(rd0(CPUIF + C_RPR), ==, 0x40);
}

static void test_pmr_mask(Fixture *f, gconstpointer data)
{
    enable_all(f);
    setup_spi(37, 0x80);
    wr0(CPUIF + C_PMR, 0x80);
    wr0(D_ISPENDR(1), 1u << 5);
    g_assert_cmpint(f->irq[0].level, ==, 0);
    g_assert_cmpuint(rd0(CPUIF + C_IAR), ==, 1023);
    g_assert_cmpuint(rd0(CPUIF + C_HPPIR), ==, 37);
    /* Only 5 priority bits exist. */
    wr0(CPUIF + C_PMR, 0x8f);
    g_assert_cmphex(rd0(CPUIF + C_PMR), ==, 0x88);
    g_assert_cmphex(rdb(D_IPRIORITY(37), 0, SEC), ==, 0x80);
    wrb(D_IPRIORITY(37), 0x87, 0, SEC);
    g_assert_cmphex(rdb(D_IPRIORITY(37), 0, SEC), ==, 0x80);
    g_assert_cmpint(f->irq[0].level, ==, 1);
    g_assert_cmpuint(rd0(CPUIF + C_IAR), ==, 37);
    /* Word access to four priorities at once. */
    wr0(DIST + 0x400 + 36, 0x10203040);
    g_assert_cmphex(rd0(DIST + 0x400 + 36), ==, 0x10203040);
    g_assert_cmphex(rdb(D_IPRIORITY(38), 0, SEC), ==, 0x20);
}

static void test_preemption_bpr(Fixture *f, gconstpointer data)
{
    enable_all(f);
    setup_spi(37, 0x48);
    setup_spi(38, 0x50);
    /* BPR 5: group priority is bits [7:6]. */
    wr0(CPUIF + C_BPR, 5);
    g_assert_cmphex(rd0(CPUIF + C_BPR), ==, 5);
    wr0(D_ISPENDR(1), 1u << 6);
    g_assert_cmpuint(rd0(CPUIF + C_IAR), ==, 38);
    g_assert_cmphex(rd0(CPUIF + C_RPR), ==, 0x40);
    /* 0x48 is in the same group (0x40): no preemption. */
    wr0(D_ISPENDR(1), 1u << 5);
    g_assert_cmpint(f->irq[0].level, ==, 0);
    g_assert_cmpuint(rd0(CPUIF + C_IAR), ==, 1023);
    /* 0x30 is in group 0x00: preempts. */
    wrb(D_IPRIORITY(37), 0x30, 0, SEC);
    g_assert_cmpint(f->irq[0].level, ==, 1);
    g_assert_cmpuint(rd0(CPUIF + C_IAR), ==, 37);
    g_assert_cmphex(rd0(CPUIF + C_RPR), ==, 0x00);
    g_assert_cmphex(rd0(CPUIF + C_APR0), ==, 0x101);
    wr0(CPUIF + C_EOIR, 37);
    g_assert_cmphex(rd0(CPUIF + C_RPR), ==, 0x40);
    wr0(CPUIF + C_EOIR, 38);
    g_assert_cmphex(rd0(CPUIF + C_RPR), ==, 0xff);
    /* BPR below the minimum reads as the minimum. */
    wr0(CPUIF + C_BPR, 0);
    g_assert_cmphex(rd0(CPUIF + C_BPR), ==, 2);
}

static void test_targets(Fixture *f, gconstpointer data)
{
    enable_all(f);
    wrb(D_IPRIORITY(37), 0x10, 0, SEC);
    wr0(D_ISENABLER(1), 1u << 5);
    wrb(D_ITARGETS(37), 0x2, 0, SEC);
    g_assert_cmphex(rdb(D_ITARGETS(37), 0, SEC), ==, 0x2);
    /* Targets beyond num-cpu are not kept. */
    wrb(D_ITARGETS(38), 0xff, 0, SEC);
    g_assert_cmphex(rdb(D_ITARGETS(38), 0, SEC), ==, 0x3);
    set_spi(f, 5, 1);
    g_assert_cmpint(f->irq[1].level, ==, 1);
    g_assert_cmpint(f->irq[0].level, ==, 0);
    g_assert_cmpuint(rd0(CPUIF + C_IAR), ==, 1023);
    g_assert_cmpuint(rd(CPUIF + C_IAR, 1, SEC), ==, 37);
    g_assert_cmpint(f->irq[1].level, ==, 0);
    /* SGI/PPI target bytes read as the reading CPU. */
    g_assert_cmphex(rdb(D_ITARGETS(3), 0, SEC), ==, 1);
    g_assert_cmphex(rdb(D_ITARGETS(27), 1, SEC), ==, 2);
    /* Both CPUs targeted: the first to acknowledge takes it. */
    wrb(D_ITARGETS(40), 0x3, 0, SEC);
    wr0(D_ISENABLER(1), 1u << 8);
    wr0(D_ISPENDR(1), 1u << 8);
    g_assert_cmpint(f->irq[0].level, ==, 1);
    g_assert_cmpuint(rd0(CPUIF + C_IAR), ==, 40);
    g_assert_cmpuint(rd(CPUIF + C_HPPIR, 1, SEC), ==, 1023);
}

static void test_sgi(Fixture *f, gconstpointer data)
{
    enable_all(f);
    /* From CPU 1 to the list {2, 3}. */
    wr(D_SGIR, (0u << 24) | (0xcu << 16) | 3, 1, SEC);
    g_assert_cmpint(f->irq[0].level, ==, 0);
    g_assert_cmpint(f->irq[1].level, ==, 0);
    g_assert_cmpint(f->irq[2].level, ==, 1);
    g_assert_cmpint(f->irq[3].level, ==, 1);
    g_assert_cmphex(rdb(D_SPENDSGI(3), 3, SEC), ==, 0x2);
    g_assert_cmphex(rd(D_ISPENDR(0), 3, SEC), ==, 1u << 3);
    g_assert_cmpuint(rd(CPUIF + C_HPPIR, 2, SEC), ==, (1u << 10) | 3);
    g_assert_cmpuint(rd(CPUIF + C_IAR, 2, SEC), ==, (1u << 10) | 3);
    wr(CPUIF + C_EOIR, (1u << 10) | 3, 2, SEC);
    /* Clear CPU 3's through GICD_CPENDSGIR. */
    wrb(D_CPENDSGI(3), 0x2, 3, SEC);
    g_assert_cmpint(f->irq[3].level, ==, 0);

    /* All but self, from CPU 0. */
    wr0(D_SGIR, (1u << 24) | 5);
    g_assert_cmpint(f->irq[0].level, ==, 0);
    for (int c = 1; c < 4; c++) {
        g_assert_cmpint(f->irq[c].level, ==, 1);
        g_assert_cmpuint(rd(PERCPU(c) + C_IAR, 0, SEC), ==, 5);
        wr(PERCPU(c) + C_EOIR, 5, 0, SEC);
    }
    /* Self, from CPU 2; two sources pending at once are acked one by one. */
    wr(D_SGIR, (2u << 24) | 7, 2, SEC);
    wr(D_SGIR, (0u << 24) | (0x4u << 16) | 7, 0, SEC);
    g_assert_cmpint(f->irq[2].level, ==, 1);
    g_assert_cmphex(rdb(D_SPENDSGI(7), 2, SEC), ==, 0x5);
    g_assert_cmpuint(rd(CPUIF + C_IAR, 2, SEC), ==, 7);
    g_assert_cmphex(rd(D_ISPENDR(0), 2, SEC), ==, 1u << 7);
    wr(CPUIF + C_EOIR, 7, 2, SEC);
    g_assert_cmpuint(rd(CPUIF + C_IAR, 2, SEC), ==, (2u << 10) | 7);
    wr(CPUIF + C_EOIR, (2u << 10) | 7, 2, SEC);
    g_assert_cmpint(f->irq[2].level, ==, 0);
    /* GICD_SPENDSGIR sets a source directly. */
    wrb(D_SPENDSGI(1), 0x8, 1, SEC);
    g_assert_cmpuint(rd(CPUIF + C_IAR, 1, SEC), ==, (3u << 10) | 1);
    /* Filter 3 is reserved: nothing happens. */
    wr0(D_SGIR, (3u << 24) | 2);
    for (int c = 0; c < 4; c++) {
        g_assert_cmphex(rd(D_ISPENDR(0), c, SEC), ==, 0);
    }
    /* SGIs are always edge and always enabled. */
    wr0(D_ICFGR(0), 0);
    g_assert_cmphex(rd0(D_ICFGR(0)), ==, 0xaaaaaaaa);
    wr0(D_ICENABLER(0), 0xffff);
    g_assert_cmphex(rd0(D_ISENABLER(0)), ==, 0xffff);
}

static void test_banked(Fixture *f, gconstpointer data)
{
    enable_all(f);
    /* Per-CPU regions fix the CPU whatever the requester says. */
    wr(PERCPU(1) + C_PMR, 0x40, 0, SEC);
    g_assert_cmphex(rd(CPUIF + C_PMR, 1, SEC), ==, 0x40);
    g_assert_cmphex(rd(CPUIF + C_PMR, 0, SEC), ==, 0xf8);
    g_assert_cmphex(rd(PERCPU(0) + C_PMR, 1, SEC), ==, 0xf8);
    /* Banked distributor registers for IDs 0..31. */
    wrb(D_IPRIORITY(27), 0x30, 1, SEC);
    g_assert_cmphex(rdb(D_IPRIORITY(27), 0, SEC), ==, 0);
    g_assert_cmphex(rdb(D_IPRIORITY(27), 1, SEC), ==, 0x30);
    wr(D_ISENABLER(0), 1u << 27, 1, SEC);
    g_assert_cmphex(rd(D_ISENABLER(0), 1, SEC), ==, 0xffff | (1u << 27));
    g_assert_cmphex(rd(D_ISENABLER(0), 0, SEC), ==, 0xffff);
    /* PPI 27 of CPU 1 only reaches CPU 1. */
    set_ppi(f, 1, 27, 1);
    g_assert_cmpint(f->irq[1].level, ==, 1);
    g_assert_cmpint(f->irq[0].level, ==, 0);
    g_assert_cmphex(rd(D_ISPENDR(0), 1, SEC), ==, 1u << 27);
    g_assert_cmphex(rd(D_ISPENDR(0), 0, SEC), ==, 0);
    g_assert_cmpuint(rd(PERCPU(1) + C_IAR, 0, SEC), ==, 27);
    g_assert_cmphex(rd(D_ISACTIVER(0), 1, SEC), ==, 1u << 27);
    g_assert_cmphex(rd(D_ISACTIVER(0), 0, SEC), ==, 0);
    wr(PERCPU(1) + C_EOIR, 27, 0, SEC);
    set_ppi(f, 1, 27, 0);
    /* PPI trigger mode is banked. */
    wr(D_ICFGR(1), 2u << 22, 1, SEC);
    g_assert_cmphex(rd(D_ICFGR(1), 1, SEC), ==, 2u << 22);
    g_assert_cmphex(rd(D_ICFGR(1), 0, SEC), ==, 0);
    set_ppi(f, 1, 27, 1);
    set_ppi(f, 1, 27, 0);
    g_assert_cmpint(f->irq[1].level, ==, 1);
    /* SGI input lines have no wire: ignored. */
    set_ppi(f, 0, 3, 1);
    g_assert_cmphex(rd(D_ISPENDR(0), 0, SEC), ==, 0);
    /* A requester that is not one of the CPUs reads zero. */
    g_assert_cmphex(rd(CPUIF + C_PMR, 5, SEC), ==, 0);
    g_assert_cmphex(rd(D_TYPER, 5, SEC), ==, 0);
}

/* ---- Security Extensions ---- */

static void test_security_groups(Fixture *f, gconstpointer data)
{
    wr0(D_CTLR, 3);
    g_assert_cmphex(rd0(D_CTLR), ==, 3);
    g_assert_cmphex(rd(D_CTLR, 0, NONSEC), ==, 1);
    wr(D_CTLR, 0, 0, NONSEC);
    g_assert_cmphex(rd0(D_CTLR), ==, 1);
    wr(D_CTLR, 1, 0, NONSEC);
    /* EnableGrp0 | EnableGrp1 | FIQEn. */
    wr0(CPUIF + C_CTLR, 0xb);
    g_assert_cmphex(rd0(CPUIF + C_CTLR), ==, 0xb);
    g_assert_cmphex(rd(CPUIF + C_CTLR, 0, NONSEC), ==, 1);
    wr0(CPUIF + C_PMR, 0xf8);
    setup_spi(37, 0x10);

    /* Group 0 with FIQEn -> FIQ. */
    wr0(D_ISPENDR(1), 1u << 5);
    g_assert_cmpint(f->fiq[0].level, ==, 1);
    g_assert_cmpint(f->irq[0].level, ==, 0);
    /* Non-secure cannot see or acknowledge Group 0. */
    g_assert_cmphex(rd(D_ISPENDR(1), 0, NONSEC), ==, 0);
    g_assert_cmpuint(rd(CPUIF + C_IAR, 0, NONSEC), ==, 1023);
    g_assert_cmpuint(rd(CPUIF + C_HPPIR, 0, NONSEC), ==, 1023);
    wr(D_ICPENDR(1), 1u << 5, 0, NONSEC);
    wr(D_ICENABLER(1), 1u << 5, 0, NONSEC);
    wrb(D_IPRIORITY(37), 0xf0, 0, NONSEC);
    g_assert_cmphex(rdb(D_IPRIORITY(37), 0, NONSEC), ==, 0);
    g_assert_cmphex(rdb(D_IPRIORITY(37), 0, SEC), ==, 0x10);
    g_assert_cmphex(rd0(D_ISPENDR(1)), ==, 1u << 5);
    g_assert_cmphex(rd0(D_ISENABLER(1)), ==, 1u << 5);
    wr(D_IGROUPR(1), 1u << 5, 0, NONSEC);
    g_assert_cmphex(rd0(D_IGROUPR(1)), ==, 0);
    /* FIQEn off: Group 0 goes to IRQ. */
    wr0(CPUIF + C_CTLR, 0x3);
    g_assert_cmpint(f->fiq[0].level, ==, 0);
    g_assert_cmpint(f->irq[0].level, ==, 1);
    wr0(CPUIF + C_CTLR, 0xb);

    /* Group 1 -> IRQ; Non-secure view of its priority. */
    wr0(D_IGROUPR(1), 1u << 5);
    g_assert_cmphex(rd0(D_IGROUPR(1)), ==, 1u << 5);
    g_assert_cmphex(rd(D_IGROUPR(1), 0, NONSEC), ==, 0);
    g_assert_cmpint(f->fiq[0].level, ==, 0);
    g_assert_cmpint(f->irq[0].level, ==, 1);
    wrb(D_IPRIORITY(37), 0xa0, 0, SEC);
    g_assert_cmphex(rdb(D_IPRIORITY(37), 0, NONSEC), ==, 0x40);
    wrb(D_IPRIORITY(37), 0x20, 0, NONSEC);
    g_assert_cmphex(rdb(D_IPRIORITY(37), 0, SEC), ==, 0x90);
    g_assert_cmphex(rd(D_ISPENDR(1), 0, NONSEC), ==, 1u << 5);
    /* Secure IAR of a Group 1 interrupt without AckCtl: 1022. */
    g_assert_cmpuint(rd0(CPUIF + C_HPPIR), ==, 1022);
    g_assert_cmpuint(rd0(CPUIF + C_IAR), ==, 1022);
    g_assert_cmphex(rd0(D_ISACTIVER(1)), ==, 0);
    /* Non-secure acknowledges it; its active priority shows in NSAPR0. */
    g_assert_cmpuint(rd(CPUIF + C_IAR, 0, NONSEC), ==, 37);
    g_assert_cmphex(rd0(CPUIF + C_NSAPR0), ==, 1u << (0x90 >> 3));
    g_assert_cmphex(rd(CPUIF + C_APR0, 0, NONSEC), ==, 1u << ((0x90 >> 3) - 16));
    g_assert_cmphex(rd0(CPUIF + C_APR0), ==, 0);
    g_assert_cmphex(rd0(CPUIF + C_RPR), ==, 0x90);
    g_assert_cmphex(rd(CPUIF + C_RPR, 0, NONSEC), ==, 0x20);
    wr(CPUIF + C_EOIR, 37, 0, NONSEC);
    g_assert_cmphex(rd0(D_ISACTIVER(1)), ==, 0);
    /* With AckCtl, Secure acknowledges Group 1 too. */
    wr0(D_ISPENDR(1), 1u << 5);
    wr0(CPUIF + C_CTLR, 0xf);
    g_assert_cmpuint(rd0(CPUIF + C_IAR), ==, 37);
    wr0(CPUIF + C_EOIR, 37);
    g_assert_cmphex(rd0(CPUIF + C_RPR), ==, 0xff);
}

static void test_security_cpu_regs(Fixture *f, gconstpointer data)
{
    /* Non-secure PMR writes cannot touch a Secure-range mask. */
    wr0(CPUIF + C_PMR, 0x40);
    g_assert_cmphex(rd(CPUIF + C_PMR, 0, NONSEC), ==, 0);
    wr(CPUIF + C_PMR, 0xf0, 0, NONSEC);
    g_assert_cmphex(rd0(CPUIF + C_PMR), ==, 0x40);
    wr0(CPUIF + C_PMR, 0x80);
    wr(CPUIF + C_PMR, 0x40, 0, NONSEC);
    g_assert_cmphex(rd0(CPUIF + C_PMR), ==, 0xa0);
    g_assert_cmphex(rd(CPUIF + C_PMR, 0, NONSEC), ==, 0x40);
    /* Non-secure GICC_CTLR bits map onto the Secure register's. */
    wr(CPUIF + C_CTLR, 0x261, 0, NONSEC);
    g_assert_cmphex(rd0(CPUIF + C_CTLR), ==, 0x582);
    g_assert_cmphex(rd(CPUIF + C_CTLR, 0, NONSEC), ==, 0x261);
    /* Banked BPR: Non-secure BPR is ABPR; with CBPR it shows BPR + 1. */
    wr(CPUIF + C_BPR, 5, 0, NONSEC);
    g_assert_cmphex(rd0(CPUIF + C_ABPR), ==, 5);
    g_assert_cmphex(rd0(CPUIF + C_BPR), ==, 2);
    wr0(CPUIF + C_CTLR, 0x10);
    g_assert_cmphex(rd(CPUIF + C_BPR, 0, NONSEC), ==, 3);
    wr(CPUIF + C_BPR, 6, 0, NONSEC);
    g_assert_cmphex(rd0(CPUIF + C_ABPR), ==, 5);
    /* ABPR, AIAR and NSAPR0 are Secure-only: RAZ/WI for Non-secure. */
    g_assert_cmphex(rd(CPUIF + C_ABPR, 0, NONSEC), ==, 0);
    wr(CPUIF + C_NSAPR0, 0xffffffff, 0, NONSEC);
    g_assert_cmphex(rd0(CPUIF + C_NSAPR0), ==, 0);
    /* Non-secure SGIR only sends Group 1 SGIs; Secure picks with NSATT. */
    wr0(D_CTLR, 3);
    wr0(CPUIF + C_CTLR, 3);
    wr0(D_IGROUPR(0), 1u << 9);     /* SGI 9 is Group 1 on CPU 0 */
    wr(D_SGIR, (2u << 24) | 8, 0, NONSEC);
    wr(D_SGIR, (2u << 24) | 9, 0, NONSEC);
    g_assert_cmphex(rd0(D_ISPENDR(0)), ==, 1u << 9);
    wr0(D_SGIR, (2u << 24) | (1u << 15) | 8);   /* NSATT 1, SGI 8 Group 0 */
    g_assert_cmphex(rd0(D_ISPENDR(0)), ==, 1u << 9);
    wr0(D_SGIR, (2u << 24) | 8);
    g_assert_cmphex(rd0(D_ISPENDR(0)), ==, (1u << 9) | (1u << 8));
    /* Aliased registers: AIAR acknowledges Group 1 for the Secure side. */
    wr0(CPUIF + C_PMR, 0xff);
    g_assert_cmpuint(rd0(CPUIF + C_AIAR), ==, 1023);    /* SGI 8 (Group 0) first */
    g_assert_cmpuint(rd0(CPUIF + C_IAR), ==, 8);
    wr0(CPUIF + C_EOIR, 8);
    g_assert_cmpuint(rd0(CPUIF + C_AIAR), ==, 9);
    g_assert_cmphex(rd0(CPUIF + C_NSAPR0), ==, 1);
    wr0(CPUIF + C_AEOIR, 9);
    g_assert_cmphex(rd0(CPUIF + C_NSAPR0), ==, 0);
    g_assert_cmphex(rd0(D_ISACTIVER(0)), ==, 0);
}

static void test_v1_security(Fixture *f, gconstpointer data)
{
    /* A9: Secure GICC_CTLR has 5 bits; Non-secure sees EnableNS in bit 0. */
    wr0(CPUIF + C_CTLR, 0xffffffff);
    g_assert_cmphex(rd0(CPUIF + C_CTLR), ==, 0x1f);
    g_assert_cmphex(rd(CPUIF + C_CTLR, 0, NONSEC), ==, 1);
    /* Cortex-A9 PPI trigger modes are fixed: 27, 29, 30 edge. */
    g_assert_cmphex(rd(D_ICFGR(1), 2, SEC), ==, 0x7dc00000);
    wr(D_ICFGR(1), 0, 2, SEC);
    g_assert_cmphex(rd(D_ICFGR(1), 2, SEC), ==, 0x7dc00000);
    /* GICv1 has no writable active bits. */
    wr0(D_ISACTIVER(1), 1);
    g_assert_cmphex(rd0(D_ISACTIVER(1)), ==, 0);
    wr0(CPUIF + C_CTLR, 0xb);
    wr0(CPUIF + C_PMR, 0xff);
    wr0(D_CTLR, 3);
    setup_spi(40, 0x10);
    wr(DIST + 0x200 + 4, 1u << 8, 0, SEC);
    g_assert_cmpint(f->fiq[0].level, ==, 1);
    g_assert_cmpuint(rd0(CPUIF + C_IAR), ==, 40);
    wr0(CPUIF + C_EOIR, 40);
    g_assert_cmpint(f->fiq[0].level, ==, 0);
    g_assert_cmphex(rd0(D_ISACTIVER(1)), ==, 0);
}

/*
 * A GIC as a board has it: realized, never reset. An SGI works without
 * any enable write (SGIs are always enabled), as a Group 0 FIQ with
 * FIQEn and as an IRQ without.
 */
static void test_power_on_sgi_fiq(void)
{
    IrqRecorder irq, fiq;
    DeviceState *dev = qdev_new(TYPE_ARM_GIC);
    SysBusDevice *sbd = SYS_BUS_DEVICE(dev);

    set_props(dev, (void *)&cfg_a9_uni);
    sysbus_realize_and_unref(sbd, &error_abort);
    sysbus_mmio_map(sbd, 0, DIST);
    sysbus_mmio_map(sbd, 1, CPUIF);
    sysbus_connect_irq(sbd, 0, devtest_recorder_line(&irq));
    sysbus_connect_irq(sbd, 1, devtest_recorder_line(&fiq));

    g_assert_cmphex(rd0(D_ISENABLER(0)) & 0xffff, ==, 0xffff);
    wr0(D_CTLR, 3);
    wr0(CPUIF + C_PMR, 0xf0);
    wr0(CPUIF + C_CTLR, 0xb);           /* EnableGrp0/1, FIQEn */
    wr0(D_SGIR, (2u << 24) | 3);        /* to this CPU, Group 0 */
    g_assert_cmpuint(rd0(CPUIF + C_HPPIR), ==, 3);
    g_assert_cmpint(fiq.level, ==, 1);
    g_assert_cmpint(irq.level, ==, 0);
    g_assert_cmpuint(rd0(CPUIF + C_IAR), ==, 3);
    g_assert_cmpint(fiq.level, ==, 0);
    wr0(CPUIF + C_EOIR, 3);
    /* Without FIQEn the same interrupt is an IRQ. */
    wr0(CPUIF + C_CTLR, 0x3);
    wr0(D_SGIR, (2u << 24) | 4);
    g_assert_cmpint(irq.level, ==, 1);
    g_assert_cmpint(fiq.level, ==, 0);
    g_assert_cmpuint(rd0(CPUIF + C_IAR), ==, 4);
    wr0(CPUIF + C_EOIR, 4);
    g_assert_cmpint(irq.level, ==, 0);

    devtest_destroy(dev, NULL);
    qemu_free_irq(irq.line);
    qemu_free_irq(fiq.line);
}

static void test_v1_nosec(Fixture *f, gconstpointer data)
{
    /* No groups: CTLRs have one enable bit; IGROUPR and ABPR are RAZ/WI. */
    wr0(D_CTLR, 3);
    g_assert_cmphex(rd0(D_CTLR), ==, 1);
    wr0(CPUIF + C_CTLR, 0xff);
    g_assert_cmphex(rd0(CPUIF + C_CTLR), ==, 1);
    wr0(D_IGROUPR(1), 0xff);
    g_assert_cmphex(rd0(D_IGROUPR(1)), ==, 0);
    g_assert_cmphex(rd0(CPUIF + C_ABPR), ==, 0);
    /* Non-secure attributes make no difference without the extensions. */
    wr(CPUIF + C_PMR, 0xf0, 0, NONSEC);
    g_assert_cmphex(rd0(CPUIF + C_PMR), ==, 0xf0);
    wrb(D_IPRIORITY(33), 0x10, 0, NONSEC);
    wrb(D_ITARGETS(33), 1, 0, NONSEC);
    wr(D_ISENABLER(1), 2, 0, NONSEC);
    wr(D_ISPENDR(1), 2, 0, NONSEC);
    g_assert_cmpint(f->irq[0].level, ==, 1);
    g_assert_cmpint(f->fiq[0].level, ==, 0);
    g_assert_cmpuint(rd(CPUIF + C_IAR, 0, NONSEC), ==, 33);
    g_assert_cmpuint(rd(D_TYPER, 0, NONSEC), ==, 0x21);
}

static void test_spurious(Fixture *f, gconstpointer data)
{
    g_assert_cmpuint(rd0(CPUIF + C_IAR), ==, 1023);
    setup_spi(37, 0x10);
    wr0(D_ISPENDR(1), 1u << 5);
    /* Distributor off. */
    wr0(CPUIF + C_CTLR, 1);
    wr0(CPUIF + C_PMR, 0xff);
    g_assert_cmpuint(rd0(CPUIF + C_IAR), ==, 1023);
    /* PMR 0 masks everything. */
    wr0(D_CTLR, 1);
    wr0(CPUIF + C_PMR, 0);
    g_assert_cmpuint(rd0(CPUIF + C_IAR), ==, 1023);
    wr0(CPUIF + C_PMR, 0xff);
    g_assert_cmpuint(rd0(CPUIF + C_IAR), ==, 37);
    g_assert_cmpuint(rd0(CPUIF + C_IAR), ==, 1023);
}

static void test_split_eoi(Fixture *f, gconstpointer data)
{
    enable_all(f);
    setup_spi(37, 0x10);
    wr0(CPUIF + C_CTLR, 0x203);     /* EOImodeS */
    wr0(D_ISPENDR(1), 1u << 5);
    g_assert_cmpuint(rd0(CPUIF + C_IAR), ==, 37);
    wr0(CPUIF + C_EOIR, 37);
    /* Priority dropped, interrupt still active. */
    g_assert_cmphex(rd0(CPUIF + C_RPR), ==, 0xff);
    g_assert_cmphex(rd0(D_ISACTIVER(1)), ==, 1u << 5);
    wr0(D_ISPENDR(1), 1u << 5);
    g_assert_cmpint(f->irq[0].level, ==, 0);
    wr0(CPUIF + C_DIR, 37);
    g_assert_cmphex(rd0(D_ISACTIVER(1)), ==, 0);
    g_assert_cmpint(f->irq[0].level, ==, 1);
}

static void test_reset_nonsecure(Fixture *f, gconstpointer data)
{
    g_assert_cmphex(rd0(D_IGROUPR(0)), ==, 0xffffffff);
    g_assert_cmphex(rd0(D_IGROUPR(2)), ==, 0xffffffff);
    g_assert_cmphex(rd0(CPUIF + C_PMR), ==, 0x80);
    /* A Non-secure kernel can now set everything up and take interrupts. */
    wr(D_CTLR, 1, 0, NONSEC);
    wr(CPUIF + C_CTLR, 1, 0, NONSEC);
    wr(CPUIF + C_PMR, 0xf0, 0, NONSEC);
    g_assert_cmphex(rd(CPUIF + C_PMR, 0, NONSEC), ==, 0xf0);
    wrb(D_IPRIORITY(37), 0xa0, 0, NONSEC);
    wrb(D_ITARGETS(37), 1, 0, NONSEC);
    wr(D_ISENABLER(1), 1u << 5, 0, NONSEC);
    set_spi(f, 5, 1);
    g_assert_cmpint(f->irq[0].level, ==, 1);
    g_assert_cmpuint(rd(CPUIF + C_IAR, 0, NONSEC), ==, 37);
    wr(CPUIF + C_EOIR, 37, 0, NONSEC);
    g_assert_cmphex(rd(D_ISACTIVER(1), 0, NONSEC), ==, 0);
}

/* ---- virtualization ---- */

static void test_virt_lr(Fixture *f, gconstpointer data)
{
    /* The hypervisor on CPU 0 programs LR0 with virtual ID 42. */
    wr(GICH + H_HCR, 1, 0, NONSEC);
    wr(GICV + C_CTLR, 1, 0, NONSEC);
    wr(GICV + C_PMR, 0xf8, 0, NONSEC);
    g_assert_cmphex(rd(GICH + H_VMCR, 0, NONSEC), ==, 0xf84c0001);
    wr(GICH + H_LR(0), LR_PENDING | LR_PRIO(0x10) | LR_EOI | 42, 0, NONSEC);
    g_assert_cmpint(f->virq[0].level, ==, 1);
    g_assert_cmpint(f->virq[1].level, ==, 0);
    g_assert_cmpint(f->irq[0].level, ==, 0);
    g_assert_cmphex(rd(GICH + H_ELRSR0, 0, NONSEC), ==, 0xe);
    g_assert_cmpuint(rd(GICV + C_HPPIR, 0, NONSEC), ==, 42);
    g_assert_cmpuint(rd(GICV + C_IAR, 0, NONSEC), ==, 42);
    g_assert_cmphex(rd(GICH + H_LR(0), 0, NONSEC) & (LR_PENDING | LR_ACTIVE), ==,
                    LR_ACTIVE);
    g_assert_cmpint(f->virq[0].level, ==, 0);
    g_assert_cmphex(rd(GICV + C_RPR, 0, NONSEC), ==, 0x10);
    g_assert_cmphex(rd(GICH + H_APR, 0, NONSEC), ==, 1u << 2);
    g_assert_cmpint(f->maint[0].level, ==, 0);
    wr(GICV + C_EOIR, 42, 0, NONSEC);
    /* Done; the EOI bit asks for a maintenance interrupt. */
    g_assert_cmphex(rd(GICH + H_LR(0), 0, NONSEC) & (LR_PENDING | LR_ACTIVE), ==, 0);
    g_assert_cmphex(rd(GICH + H_EISR0, 0, NONSEC), ==, 1);
    g_assert_cmphex(rd(GICH + H_MISR, 0, NONSEC), ==, 1);
    g_assert_cmpint(f->maint[0].level, ==, 1);
    g_assert_cmphex(rd(GICV + C_RPR, 0, NONSEC), ==, 0xff);
    wr(GICH + H_LR(0), 0, 0, NONSEC);
    g_assert_cmpint(f->maint[0].level, ==, 0);
    g_assert_cmphex(rd(GICH + H_ELRSR0, 0, NONSEC), ==, 0xf);

    /* EOI of a virtual ID in no LR counts in EOICount (LRENP). */
    wr(GICH + H_HCR, 1 | 4, 0, NONSEC);
    wr(GICV + C_EOIR, 99, 0, NONSEC);
    g_assert_cmphex(rd(GICH + H_HCR, 0, NONSEC), ==, (1u << 27) | 5);
    g_assert_cmphex(rd(GICH + H_MISR, 0, NONSEC), ==, 4);
    g_assert_cmpint(f->maint[0].level, ==, 1);
    wr(GICH + H_HCR, 1, 0, NONSEC);
    g_assert_cmpint(f->maint[0].level, ==, 0);

    /* Group 0 with VFIQEn -> virtual FIQ; Group 1 without AckCtl -> 1022. */
    wr(GICV + C_CTLR, 0xb, 0, NONSEC);
    wr(GICH + H_LR(1), LR_PENDING | LR_PRIO(0x20) | 7, 0, NONSEC);
    g_assert_cmpint(f->vfiq[0].level, ==, 1);
    g_assert_cmpint(f->virq[0].level, ==, 0);
    wr(GICH + H_LR(1), LR_PENDING | LR_GRP1 | LR_PRIO(0x20) | (3u << 10) | 7, 0,
       NONSEC);
    g_assert_cmpint(f->vfiq[0].level, ==, 0);
    g_assert_cmpint(f->virq[0].level, ==, 1);
    g_assert_cmpuint(rd(GICV + C_IAR, 0, NONSEC), ==, 1022);
    wr(GICV + C_CTLR, 0xf, 0, NONSEC);
    /* A virtual SGI reports its source CPU. */
    g_assert_cmpuint(rd(GICV + C_IAR, 0, NONSEC), ==, (3u << 10) | 7);
    wr(GICV + C_EOIR, (3u << 10) | 7, 0, NONSEC);
    g_assert_cmphex(rd(GICH + H_LR(1), 0, NONSEC) & (LR_PENDING | LR_ACTIVE), ==, 0);

    /* Virtual PMR masks; HCR.En off stops everything. */
    wr(GICH + H_LR(2), LR_PENDING | LR_PRIO(0x80) | 9, 0, NONSEC);
    wr(GICV + C_PMR, 0x80, 0, NONSEC);
    g_assert_cmpint(f->vfiq[0].level, ==, 0);
    g_assert_cmpuint(rd(GICV + C_IAR, 0, NONSEC), ==, 1023);
    wr(GICV + C_PMR, 0xf8, 0, NONSEC);
    g_assert_cmpint(f->vfiq[0].level, ==, 1);
    wr(GICH + H_HCR, 0, 0, NONSEC);
    g_assert_cmpint(f->vfiq[0].level, ==, 0);
    g_assert_cmpuint(rd(GICV + C_IAR, 0, NONSEC), ==, 1023);

    /* The per-CPU GICH region of CPU 1 is CPU 1's. */
    wr(PERHYP(1) + H_LR(3), 0x1234, 0, NONSEC);
    g_assert_cmphex(rd(GICH + H_LR(3), 1, NONSEC), ==, 0x1234);
    g_assert_cmphex(rd(GICH + H_LR(3), 0, NONSEC), ==, 0);
}

static void test_virt_hw(Fixture *f, gconstpointer data)
{
    /* A physical SPI taken by the hypervisor and forwarded as HW. */
    wr0(D_CTLR, 3);
    wr0(CPUIF + C_CTLR, 0x203);     /* EOImodeS: the guest deactivates */
    wr0(CPUIF + C_PMR, 0xff);
    setup_spi(37, 0x10);
    wr0(D_ISPENDR(1), 1u << 5);
    g_assert_cmpuint(rd0(CPUIF + C_IAR), ==, 37);
    wr0(CPUIF + C_EOIR, 37);
    g_assert_cmphex(rd0(D_ISACTIVER(1)), ==, 1u << 5);

    wr(GICH + H_HCR, 1, 0, SEC);
    wr(GICV + C_CTLR, 0x201, 0, SEC);   /* VEM: EOIR drops, DIR deactivates */
    wr(GICV + C_PMR, 0xf8, 0, SEC);
    wr(GICH + H_LR(0), LR_HW | (37u << 10) | LR_PENDING | LR_PRIO(0x40) | 60, 0, SEC);
    g_assert_cmpuint(rd(GICV + C_IAR, 0, SEC), ==, 60);
    wr(GICV + C_EOIR, 60, 0, SEC);
    g_assert_cmphex(rd(GICV + C_RPR, 0, SEC), ==, 0xff);
    g_assert_cmphex(rd(GICH + H_LR(0), 0, SEC) & LR_ACTIVE, ==, LR_ACTIVE);
    g_assert_cmphex(rd0(D_ISACTIVER(1)), ==, 1u << 5);
    wr(GICV + C_DIR, 60, 0, SEC);
    g_assert_cmphex(rd(GICH + H_LR(0), 0, SEC) & LR_ACTIVE, ==, 0);
    g_assert_cmphex(rd0(D_ISACTIVER(1)), ==, 0);
    /* HW LRs never ask for EOI maintenance. */
    g_assert_cmphex(rd(GICH + H_EISR0, 0, SEC), ==, 0);
    g_assert_cmphex(rd(GICH + H_ELRSR0, 0, SEC), ==, 0xf);
}

/* ---- device configuration and migration ---- */

typedef struct BadProps {
    const char *name;
    uint32_t value;
    bool virt;
} BadProps;

static void set_bad_prop(DeviceState *dev, void *opaque)
{
    const BadProps *b = opaque;

    qdev_prop_set_uint32(dev, b->name, b->value);
    qdev_prop_set_bit(dev, "has-virtualization-extensions", b->virt);
}

static void test_realize_errors(void)
{
    static const struct {
        BadProps props;
        const char *msg;
    } cases[] = {
        { { "num-cpu", 9, false }, "arm_gic: 'num-cpu' must be 1..8 (got 9)" },
        { { "num-cpu", 0, false }, "arm_gic: 'num-cpu' must be 1..8 (got 0)" },
        { { "num-irq", 100, false },
          "arm_gic: 'num-irq' must be a multiple of 32 in 32..992, or 1020 (got 100)" },
        { { "num-irq", 1024, false }, "(got 1024)" },
        { { "revision", 3, false }, "arm_gic: 'revision' must be 1 or 2 (got 3)" },
        { { "revision", 1, true },
          "arm_gic: 'has-virtualization-extensions' needs revision 2 (got revision 1)" },
    };

    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        devtest_expect_realize_error(TYPE_ARM_GIC, set_bad_prop,
                                     (void *)&cases[i].props, cases[i].msg);
    }
}

static void test_max_irq(void)
{
    GicConfig c = { 2, 8, 1020, false, false, false };
    Fixture f = { 0 };

    fixture_setup(&f, &c);
    /* ITLinesNumber 31; ID 1019 is the last one, on the last input line. */
    g_assert_cmphex(rd0(D_TYPER), ==, 0xff);
    enable_all(&f);
    setup_spi(1019, 0x10);
    set_spi(&f, 1019 - 32, 1);
    g_assert_cmpint(f.irq[0].level, ==, 1);
    g_assert_cmpuint(rd0(CPUIF + C_IAR), ==, 1019);
    set_ppi(&f, 7, 31, 1);
    g_assert_cmphex(rd(D_ISPENDR(0), 7, SEC), ==, 1u << 31);
    fixture_teardown(&f, &c);
}

static void test_vmstate(Fixture *f, gconstpointer data)
{
    DeviceClass *dc = DEVICE_GET_CLASS(f->dev);
    const VMStateDescription *vmsd = dc->vmsd;
    GICState *s = f->s;
    Error *err = NULL;

    g_assert_nonnull(vmstate_find("arm_gic", 0));
    g_assert_true(vmstate_check_description(vmsd, &error_abort));
    g_assert_cmpstr(vmsd->subsections[0]->name, ==, "arm_gic/virt");
    g_assert_true(vmsd->subsections[0]->needed(s));

    /* Sender's configuration travels and is checked. */
    g_assert_true(vmsd->pre_save(s, &error_abort));
    g_assert_cmpuint(s->mig_num_irq, ==, 160);
    g_assert_cmpuint(s->mig_num_cpu, ==, 2);
    s->mig_num_irq = 96;
    g_assert_false(vmsd->post_load(s, 1, &err));
    g_assert_cmpstr(error_get_pretty(err), ==,
                    "arm_gic: field 'num-irq' is 96 in the stream but 160 here");
    error_free(err);
    err = NULL;
    s->mig_num_irq = 160;
    s->mig_num_cpu = 4;
    g_assert_false(vmsd->post_load(s, 1, &err));
    g_assert_cmpstr(error_get_pretty(err), ==,
                    "arm_gic: field 'num-cpu' is 4 in the stream but 2 here");
    error_free(err);
    err = NULL;
    s->mig_num_cpu = 2;
    s->cpu[1].abpr = 9;
    g_assert_false(vmsd->post_load(s, 1, &err));
    g_assert_cmpstr(error_get_pretty(err), ==,
                    "arm_gic: CPU 1 binary point (bpr 2, abpr 9) is out of range 0..7");
    error_free(err);
    s->cpu[1].abpr = 3;

    /* Outputs are re-derived from loaded state. */
    s->ctlr = 1;
    s->cpu[0].ctlr = 1;
    s->cpu[0].pmr = 0xf8;
    s->enable[0] = 1;
    s->pend[0] = 1;
    s->targets[0] = 1;
    g_assert_cmpint(f->irq[0].level, ==, 0);
    g_assert_true(vmsd->post_load(s, 1, &error_abort));
    g_assert_cmpint(f->irq[0].level, ==, 1);
    g_assert_cmpuint(rd0(CPUIF + C_IAR), ==, 32);

    /* An absent virtualization subsection gives reset values. */
    s->cpu[1].vmcr = 0;
    s->cpu[1].lr[2] = 5;
    vmsd->subsections[0]->absent(s);
    g_assert_cmphex(s->cpu[1].vmcr, ==, 0x004c0000);
    g_assert_cmphex(s->cpu[1].lr[2], ==, 0);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    devtest_init();
#define ADD(path, cfg, fn) \
    g_test_add("/arm-gic/" path, Fixture, &cfg, fixture_setup, fn, fixture_teardown)
    ADD("ids-v1", cfg_a9, test_ids_v1);
    ADD("ids-v2", cfg_a15, test_ids_v2);
    ADD("typer-uniprocessor", cfg_uni, test_typer_uni);
    ADD("reset-values", cfg_a15, test_reset_values);
    ADD("enable-level", cfg_v2, test_enable_level);
    ADD("edge-vs-level", cfg_v2, test_edge_vs_level);
    ADD("pending-set-clear", cfg_v2, test_pending_set_clear);
    ADD("iar-eoi-active", cfg_v2, test_iar_eoi_active);
    ADD("pmr-mask", cfg_v2, test_pmr_mask);
    ADD("preemption-bpr", cfg_v2, test_preemption_bpr);
    ADD("targets", cfg_v2, test_targets);
    ADD("sgi", cfg_v2_4cpu, test_sgi);
    ADD("banked", cfg_v2, test_banked);
    ADD("security-groups", cfg_v2_sec, test_security_groups);
    ADD("security-cpu-regs", cfg_v2_sec, test_security_cpu_regs);
    ADD("v1-security", cfg_a9, test_v1_security);
    ADD("v1-nosec", cfg_a9_nosec, test_v1_nosec);
    ADD("reset-nonsecure", cfg_a9_nsboot, test_reset_nonsecure);
    ADD("spurious", cfg_v2, test_spurious);
    ADD("split-eoi", cfg_v2, test_split_eoi);
    ADD("virt-lr", cfg_a15, test_virt_lr);
    ADD("virt-hw", cfg_a15, test_virt_hw);
    ADD("vmstate", cfg_a15, test_vmstate);
    g_test_add_func("/arm-gic/realize-errors", test_realize_errors);
    g_test_add_func("/arm-gic/max-irq", test_max_irq);
    g_test_add_func("/arm-gic/power-on-sgi-fiq", test_power_on_sgi_fiq);
    return g_test_run();
}
