/*
 * Cortex MPCore private memory region: the cluster of 1-4 cores together
 * with their GIC and (per flavour) private peripherals, as one device.
 *
 * The abstract type TYPE_CORTEX_MPCORE_PRIV owns what every flavour
 * shares. Properties (set before realize):
 *   num-cpu    1..4 cores (default 1)
 *   num-irq    GIC interrupt IDs: external lines + 32 (a multiple of 32,
 *              64..1020; default per flavour: 96)
 *   cpu-type   QOM type of the cores (default per flavour)
 *   has-el3    Security Extensions in the cores and the GIC (default on)
 *   has-el2    Virtualization Extensions in the cores and, on the
 *              A15/A7, the GIC's virtual interface (default off)
 *   reset-cbar the cores' Configuration Base Address (the region's base)
 *   secondaries-powered-off
 *              cores 1..N-1 start powered off (CPUState "start-powered-off")
 *              until boot code releases them with cpu_power_on (default on)
 *
 * The container CREATES ITS CORES at realize, as QOM children "cpu[n]"
 * (cpu_index n when it is the machine's only cluster: the requester id
 * of their MMIO accesses, by which the GIC and the private timers bank
 * per CPU), and wires each core's IRQ/FIQ (and VIRQ/VFIQ) inputs to its
 * GIC CPU interface outputs. Boards reach the cores through
 * cortex_mpcore_cpu(), never by global CPU index. The cores are not on a
 * bus: the container resets them at every system reset (a reset handler
 * it holds from realize to finalize), then calls the board's hook (see
 * cortex_mpcore_set_cpu_reset_hook) so that boot code can set where each
 * core starts.
 *
 * GPIO inputs (unnamed) 0 .. num-irq - 33: SPI n (interrupt ID 32 + n).
 * MMIO region 0: the container (map it at the private region's base).
 *
 * Flavours:
 *   a9mpcore-priv  (8 KiB) SCU +0x0000, GIC CPU interface +0x0100, global
 *                  timer +0x0200 (PPI 27), private timer +0x0600 (PPI 29)
 *                  and watchdog +0x0620 (PPI 30), distributor +0x1000.
 *                  GIC revision 1. Default cpu-type cortex-a9.
 *   a15mpcore-priv (32 KiB) distributor +0x1000, CPU interface +0x2000,
 *   a7mpcore-priv  virtual interface control +0x4000 (this CPU's) and
 *                  +0x5000 + 0x200 * c (CPU c's), virtual CPU interface
 *                  +0x6000. GIC revision 2. Each core's generic timer
 *                  outputs go to PPIs 30 (physical), 27 (virtual), 26
 *                  (hyp), 29 (secure); the GIC maintenance interrupt to
 *                  PPI 25. Default cpu-type cortex-a15 / cortex-a7.
 */
#ifndef HW_CPU_CORTEX_MPCORE_H
#define HW_CPU_CORTEX_MPCORE_H

#include "hw/sysbus.h"
#include "hw/core/cpu.h"
#include "hw/intc/arm_gic.h"
#include "hw/misc/a9scu.h"
#include "hw/timer/a9gtimer.h"
#include "hw/timer/arm_mptimer.h"

#define TYPE_CORTEX_MPCORE_PRIV "cortex-mpcore-priv"
OBJECT_DECLARE_TYPE(CortexMPPrivState, CortexMPPrivClass, CORTEX_MPCORE_PRIV)

#define TYPE_A9MPCORE_PRIV "a9mpcore-priv"
#define TYPE_A15MPCORE_PRIV "a15mpcore-priv"
#define TYPE_A7MPCORE_PRIV "a7mpcore-priv"

#define CORTEX_MPCORE_MAX_CPUS 4

struct CortexMPPrivState {
    SysBusDevice parent_obj;

    /* Properties */
    uint32_t num_cpu;
    uint32_t num_irq;
    char *cpu_type;
    bool has_el3;
    bool has_el2;
    uint64_t reset_cbar;
    bool secondaries_off;

    MemoryRegion container;
    GICState gic;
    Object *cpu[CORTEX_MPCORE_MAX_CPUS];    /* ARMCPU, children "cpu[n]" */
    bool reset_registered;
    void (*cpu_reset_hook)(CPUState *cs, unsigned n, void *opaque);
    void *cpu_reset_opaque;

    /* a9mpcore-priv only */
    A9SCUState scu;
    A9GTimerState gtimer;
    ARMMPTimerState mptimer;
};

struct CortexMPPrivClass {
    SysBusDeviceClass parent_class;

    const char *default_cpu_type;
    uint32_t gic_revision;
    uint64_t container_size;
    /* Maps the flavour's regions and wires its PPIs (after the GIC). */
    bool (*realize_flavour)(CortexMPPrivState *s, Error **errp);
};

/* Core N (0 .. num-cpu - 1) of a realized container, NULL beyond. */
DeviceState *cortex_mpcore_cpu(CortexMPPrivState *s, unsigned n);
/*
 * Sets FN to run after each core's reset (system reset, and once now for
 * every core): the board's boot code places core N there.
 */
void cortex_mpcore_set_cpu_reset_hook(CortexMPPrivState *s,
                                      void (*fn)(CPUState *cs, unsigned n, void *opaque),
                                      void *opaque);
/* The container's GIC. */
static inline GICState *cortex_mpcore_gic(CortexMPPrivState *s)
{
    return &s->gic;
}

#endif
