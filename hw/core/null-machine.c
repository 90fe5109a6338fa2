/*
 * The "none" machine: no CPU, no devices; RAM only when -m asks for it,
 * mapped at 0 so that qtest can read and write it.
 */
#include "qemu/osdep.h"
#include "hw/boards.h"

static void null_machine_class_init(ObjectClass *oc, void *data)
{
    MachineClass *mc = MACHINE_CLASS(oc);

    mc->desc = "empty machine";
    mc->max_cpus = 1;
    mc->default_cpus = 1;
    mc->default_ram_size = 0;
    mc->default_ram_id = "ram";
    mc->map_ram_at_zero = true;
    mc->no_kernel_loading = true;
    mc->no_serial = true;
    mc->is_default = true;
}

static const TypeInfo null_machine_types[] = {
    {
        .name = MACHINE_TYPE_NAME("none"),
        .parent = TYPE_MACHINE,
        .class_init = null_machine_class_init,
    },
};

DEFINE_TYPES(null_machine_types)
