/*
 * The tcg accelerator type: guest time follows host time, and boards that
 * see it chosen create their CPUs and hand them to the vCPU thread
 * (cpus_register_tcg, include/system/cpus.h), which vm_start starts. Under
 * qtest boards stay CPU-less. The execution engine is accel/tcg/cpu-exec.c.
 */
#include "qemu/osdep.h"
#include "system/accel.h"

static void tcg_accel_class_init(ObjectClass *oc, void *data)
{
    AccelClass *ac = ACCEL_CLASS(oc);

    ac->name = "tcg";
}

static const TypeInfo tcg_accel_types[] = {
    {
        .name = "tcg" ACCEL_CLASS_SUFFIX,
        .parent = TYPE_ACCEL,
        .class_init = tcg_accel_class_init,
    },
};

DEFINE_TYPES(tcg_accel_types)
