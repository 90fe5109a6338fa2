/*
 * The abstract CPU: registration in cpus_list, TLB and jump-cache storage,
 * reset and the cross-thread kick. See include/hw/core/cpu.h.
 */
#include "qemu/osdep.h"
#include "hw/core/cpu.h"
#include "qemu/main-loop.h"
#include "system/cpus.h"
#include "exec/exec-all.h"
#include "hw/qdev-properties.h"

GPtrArray *cpus_list;

CPUState *qemu_get_cpu(int index)
{
    CPUState *cs;

    CPU_FOREACH(cs) {
        if (cs->cpu_index == index) {
            return cs;
        }
    }
    return NULL;
}

CPUState *cpu_create(const char *typename, Error **errp)
{
    ObjectClass *oc = object_class_by_name(typename);

    if (!oc || !object_class_dynamic_cast(oc, TYPE_CPU) || object_class_is_abstract(oc)) {
        error_setg(errp, "'%s' is not a CPU model", typename);
        return NULL;
    }
    return CPU(object_new(typename));
}

void cpu_reset(CPUState *cs)
{
    CPUClass *cc = CPU_GET_CLASS(cs);

    cs->halted = false;
    cs->powered_off = cs->start_powered_off;
    cs->exception_index = -1;
    cs->interrupt_request = 0;
    if (cc->cpu_reset) {
        cc->cpu_reset(cs);
    }
}

void cpu_dump_state(CPUState *cs, FILE *f, int flags)
{
    CPUClass *cc = CPU_GET_CLASS(cs);

    if (cc->dump_state) {
        cc->dump_state(cs, f, flags);
    }
}

void cpu_exit(CPUState *cs)
{
    g_atomic_int_set(&cs->exit_request, 1);
}

void cpu_interrupt(CPUState *cs, uint32_t mask)
{
    g_atomic_int_or(&cs->interrupt_request, mask);
    qemu_cpu_kick(cs);
}

void cpu_reset_interrupt(CPUState *cs, uint32_t mask)
{
    g_atomic_int_and(&cs->interrupt_request, ~mask);
}

void cpu_power_on(CPUState *cs)
{
    cs->powered_off = false;
    cs->halted = false;
    qemu_cpu_kick(cs);
}

static void cpu_common_realize(DeviceState *dev, Error **errp)
{
    CPUState *cs = CPU(dev);
    CPUClass *cc = CPU_GET_CLASS(cs);

    if (!cpus_list) {
        cpus_list = g_ptr_array_new();
    }
    cs->cpu_index = cpus_list->len;
    g_ptr_array_add(cpus_list, cs);
    cs->env_ptr = (char *)cs + cc->env_offset;
    cs->nb_mmu_modes = cc->nb_mmu_modes;
    cs->tlb_fast = (CPUTLBDescFast *)((char *)cs->env_ptr + cc->tlb_fast_offset);
    for (unsigned i = 0; i < cs->nb_mmu_modes; i++) {
        cs->tlb_table[i] = g_new(CPUTLBEntry, CPU_TLB_SIZE);
        cs->tlb_fast[i].table = cs->tlb_table[i];
        cs->tlb_fast[i].mask = (CPU_TLB_SIZE - 1) << CPU_TLB_ENTRY_BITS;
        memset(cs->tlb_table[i], 0xff, sizeof(CPUTLBEntry) * CPU_TLB_SIZE);
    }
    cs->tb_jmp_cache = g_new0(TranslationBlock *, TB_JMP_CACHE_SIZE);
    cpu_reset(cs);
}

static void cpu_common_unrealize(DeviceState *dev)
{
    CPUState *cs = CPU(dev);

    if (cpus_list) {
        g_ptr_array_remove(cpus_list, cs);
        if (!cpus_list->len) {
            g_ptr_array_free(cpus_list, TRUE);
            cpus_list = NULL;
        }
    }
    for (unsigned i = 0; i < cs->nb_mmu_modes; i++) {
        g_free(cs->tlb_table[i]);
        cs->tlb_table[i] = NULL;
    }
    g_free(cs->tb_jmp_cache);
    cs->tb_jmp_cache = NULL;
    tlb_destroy_cpu(cs);
}

static void cpu_common_reset(DeviceState *dev)
{
    cpu_reset(CPU(dev));
}

static Property cpu_common_properties[] = {
    DEFINE_PROP_BOOL("start-powered-off", CPUState, start_powered_off, false),
    DEFINE_PROP_END_OF_LIST(),
};

static void cpu_class_init(ObjectClass *oc, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(oc);

    device_class_set_props(dc, cpu_common_properties);
    dc->user_creatable = false;
    dc->realize = cpu_common_realize;
    dc->unrealize = cpu_common_unrealize;
    dc->reset = cpu_common_reset;
}

static const TypeInfo cpu_types[] = {
    {
        .name = TYPE_CPU,
        .parent = TYPE_DEVICE,
        .instance_size = sizeof(CPUState),
        .abstract = true,
        .class_size = sizeof(CPUClass),
        .class_init = cpu_class_init,
    },
};

DEFINE_TYPES(cpu_types)
