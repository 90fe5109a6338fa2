/*
 * The tcg accelerator type. Until a CPU exists there is nothing to
 * translate: choosing it only means "guest time follows host time".
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
