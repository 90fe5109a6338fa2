/*
 * The abstract machine type, versioned machine classes, the machine list
 * and the creation of "/machine".
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "hw/boards.h"
#include "exec/memory.h"

MachineState *current_machine;

/* Ferry releases and what changed after each (see machine_class_set_version). */
GlobalProperty hw_compat_0_1[] = {
    { NULL }
};

static const struct {
    int major, minor;
    GlobalProperty *props;
} ferry_releases[] = {
    { 0, 1, hw_compat_0_1 },
};

static int version_cmp(int amaj, int amin, int bmaj, int bmin)
{
    return amaj != bmaj ? (amaj > bmaj) - (amaj < bmaj)
                        : (amin > bmin) - (amin < bmin);
}

void machine_class_add_compat_props(MachineClass *mc,
                                    GlobalProperty *props, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        g_ptr_array_add(mc->compat_props, (gpointer)&props[i]);
    }
}

void machine_class_set_version(MachineClass *mc, const char *family,
                               int major, int minor, bool latest)
{
    mc->family = family;
    mc->name = g_strdup_printf("%s-%d.%d", family, major, minor);
    mc->alias = latest ? family : NULL;
    mc->version = g_strdup_printf("%d.%d", major, minor);
    mc->version_major = major;
    mc->version_minor = minor;
    for (size_t i = 0; i < ARRAY_SIZE(ferry_releases); i++) {
        GlobalProperty *p = ferry_releases[i].props;

        if (version_cmp(ferry_releases[i].major, ferry_releases[i].minor,
                        major, minor) < 0) {
            continue;
        }
        for (; p->driver; p++) {
            g_ptr_array_add(mc->compat_props, (gpointer)p);
        }
    }
}

const char *machine_class_version(MachineClass *mc)
{
    return mc->version;
}

/* Concrete classes without a name are named after their QOM type. */
const char *machine_class_name(MachineClass *mc)
{
    if (!mc->name) {
        const char *t = object_class_get_name(OBJECT_CLASS(mc));

        assert(g_str_has_suffix(t, TYPE_MACHINE_SUFFIX));
        mc->name = g_strndup(t, strlen(t) - strlen(TYPE_MACHINE_SUFFIX));
    }
    return mc->name;
}

/*
 * Every binary links every board; a board names the targets it belongs to
 * ("arm"), and the others do not see it. NULL: every target ("none").
 */
static bool machine_class_for_this_target(MachineClass *mc)
{
    if (!mc->targets) {
        return true;
    }
    for (const char *const *t = mc->targets; *t; t++) {
        if (!strcmp(*t, target_name())) {
            return true;
        }
    }
    return false;
}

GSList *machine_class_list(void)
{
    GSList *all = object_class_get_list(TYPE_MACHINE, false);
    GSList *mine = NULL;

    for (GSList *l = all; l; l = l->next) {
        if (machine_class_for_this_target(MACHINE_CLASS(l->data))) {
            mine = g_slist_prepend(mine, l->data);
        }
    }
    g_slist_free(all);
    return g_slist_reverse(mine);
}

MachineClass *find_machine(const char *name)
{
    GSList *list = machine_class_list();
    MachineClass *found = NULL;

    for (GSList *l = list; l && !found; l = l->next) {
        MachineClass *mc = MACHINE_CLASS(l->data);

        if (!strcmp(machine_class_name(mc), name) ||
            (mc->alias && !strcmp(mc->alias, name))) {
            found = mc;
        }
    }
    g_slist_free(list);
    return found;
}

MachineClass *find_default_machine(void)
{
    GSList *list = machine_class_list();
    MachineClass *found = NULL;

    for (GSList *l = list; l && !found; l = l->next) {
        MachineClass *mc = MACHINE_CLASS(l->data);

        if (mc->is_default) {
            found = mc;
        }
    }
    g_slist_free(list);
    return found;
}

/* By family (or name), newest version first. */
static gint machine_help_cmp(gconstpointer a, gconstpointer b)
{
    MachineClass *ma = MACHINE_CLASS((gpointer)a), *mb = MACHINE_CLASS((gpointer)b);
    const char *fa = ma->family ? ma->family : machine_class_name(ma);
    const char *fb = mb->family ? mb->family : machine_class_name(mb);
    int c = strcmp(fa, fb);

    if (c) {
        return c;
    }
    return -version_cmp(ma->version_major, ma->version_minor,
                        mb->version_major, mb->version_minor);
}

void machine_help(FILE *out)
{
    GSList *list = g_slist_sort(machine_class_list(), machine_help_cmp);

    fprintf(out, "Supported machines are:\n");
    for (GSList *l = list; l; l = l->next) {
        MachineClass *mc = MACHINE_CLASS(l->data);
        const char *desc = mc->desc ? mc->desc : "";

        if (mc->alias) {
            fprintf(out, "%-20s %s (alias of %s)\n", mc->alias, desc,
                    machine_class_name(mc));
        }
        fprintf(out, "%-20s %s%s%s\n", machine_class_name(mc), desc,
                mc->is_default ? " (default)" : "",
                mc->deprecation_reason ? " (deprecated)" : "");
    }
    g_slist_free(list);
}

bool machine_parse_smp(MachineClass *mc, unsigned cpus, unsigned max_cpus,
                       CpuTopology *out, Error **errp)
{
    const char *name = machine_class_name(mc);
    unsigned min = mc->min_cpus > 0 ? mc->min_cpus : 1;

    if (!cpus) {
        cpus = mc->default_cpus > 0 ? mc->default_cpus : 1;
    }
    if (!max_cpus) {
        max_cpus = cpus;
    }
    if (max_cpus < cpus) {
        error_setg(errp, "Invalid SMP CPUs %u. maxcpus (%u) must be at least cpus",
                   cpus, max_cpus);
        return false;
    }
    if (cpus < min) {
        error_setg(errp, "Invalid SMP CPUs %u. The min CPUs supported by machine "
                   "'%s' is %u", cpus, name, min);
        return false;
    }
    if (max_cpus > mc->max_cpus) {
        error_setg(errp, "Invalid SMP CPUs %u. The max CPUs supported by machine "
                   "'%s' is %d", max_cpus, name, mc->max_cpus);
        return false;
    }
    out->cpus = cpus;
    out->max_cpus = max_cpus;
    return true;
}

/* ---- the machine object ---- */

#define MACHINE_STR_PROP(field)                                             \
    static char *machine_get_##field(Object *obj, Error **errp)             \
    {                                                                       \
        return g_strdup(MACHINE(obj)->field ? MACHINE(obj)->field : "");    \
    }                                                                       \
    static void machine_set_##field(Object *obj, const char *v, Error **errp) \
    {                                                                       \
        MachineState *ms = MACHINE(obj);                                    \
        g_free(ms->field);                                                  \
        ms->field = g_strdup(v);                                            \
    }

MACHINE_STR_PROP(kernel_filename)
MACHINE_STR_PROP(initrd_filename)
MACHINE_STR_PROP(kernel_cmdline)
MACHINE_STR_PROP(dtb)
MACHINE_STR_PROP(dumpdtb)
MACHINE_STR_PROP(firmware)

static void machine_reset_current(ShutdownCause reason)
{
    MachineState *ms = current_machine;
    MachineClass *mc;

    if (!ms) {
        qemu_devices_reset();
        return;
    }
    mc = MACHINE_GET_CLASS(ms);
    if (mc->reset) {
        mc->reset(ms, reason);
    } else {
        qemu_devices_reset();
    }
}

MachineState *machine_create(MachineClass *mc, uint64_t ram_size,
                             Error **errp)
{
    Object *obj;
    MachineState *ms;

    if (object_class_is_abstract(OBJECT_CLASS(mc))) {
        error_setg(errp, "machine type '%s' is abstract",
                   object_class_get_name(OBJECT_CLASS(mc)));
        return NULL;
    }
    assert(!current_machine);
    obj = object_new_with_class(OBJECT_CLASS(mc));
    ms = MACHINE(obj);
    ms->ram_size = ram_size ? ram_size : mc->default_ram_size;
    ms->cpu_type = g_strdup(mc->default_cpu_type);
    object_property_add_child(object_get_root(), "machine", obj);
    object_unref(obj);
    current_machine = ms;
    runstate_set_machine_reset(machine_reset_current);
    return ms;
}

bool machine_create_ram(MachineState *ms, Error **errp)
{
    MachineClass *mc = MACHINE_GET_CLASS(ms);
    MemoryRegion *mr = g_new0(MemoryRegion, 1);

    if (!memory_region_init_ram(mr, OBJECT(ms),
                                mc->default_ram_id ? mc->default_ram_id : "ram",
                                ms->ram_size, errp)) {
        g_free(mr);
        return false;
    }
    ms->ram = mr;
    if (mc->map_ram_at_zero) {
        memory_init();
        memory_region_add_subregion(get_system_memory(), 0, mr);
    }
    return true;
}

static bool check_image_option(MachineState *ms, const char *value,
                               const char *option, const char *what,
                               Error **errp)
{
    MachineClass *mc = MACHINE_GET_CLASS(ms);

    if (value && mc->no_kernel_loading) {
        error_setg(errp, "%s %s: machine '%s' does not support %s", option,
                   value, machine_class_name(mc), what);
        return false;
    }
    return true;
}

bool machine_run_board_init(MachineState *ms, Error **errp)
{
    MachineClass *mc = MACHINE_GET_CLASS(ms);

    if (!check_image_option(ms, ms->kernel_filename, "-kernel", "kernel loading", errp) ||
        !check_image_option(ms, ms->initrd_filename, "-initrd", "initrd loading", errp) ||
        !check_image_option(ms, ms->kernel_cmdline, "-append", "a kernel command line",
                            errp) ||
        !check_image_option(ms, ms->dtb, "-dtb", "device tree loading", errp) ||
        !check_image_option(ms, ms->firmware, "-bios", "firmware loading", errp)) {
        return false;
    }
    if (ms->ram_size && !machine_create_ram(ms, errp)) {
        return false;
    }
    if (mc->init_checked) {
        return mc->init_checked(ms, errp);
    }
    if (mc->init) {
        mc->init(ms);
    }
    return true;
}

void machine_destroy(void)
{
    if (current_machine) {
        object_unparent(OBJECT(current_machine));
        current_machine = NULL;
        runstate_set_machine_reset(NULL);
    }
}

static void machine_class_base_init(ObjectClass *oc, void *data)
{
    MachineClass *mc = MACHINE_CLASS(oc);

    /* Identity is per class; limits and defaults are inherited. */
    mc->name = NULL;
    mc->alias = NULL;
    mc->family = NULL;
    mc->is_default = false;
    mc->version = NULL;
    mc->version_major = mc->version_minor = -1;
    mc->compat_props = mc->compat_props ? g_ptr_array_copy(mc->compat_props, NULL, NULL)
                                        : g_ptr_array_new();
}

static void machine_class_init(ObjectClass *oc, void *data)
{
    MachineClass *mc = MACHINE_CLASS(oc);

    mc->max_cpus = 1;
    mc->min_cpus = 1;
    mc->default_cpus = 1;
    mc->default_ram_size = 128 * MiB;
    mc->default_ram_id = "ram";

    object_class_property_add_str(oc, "kernel", machine_get_kernel_filename,
                                  machine_set_kernel_filename);
    object_class_property_set_description(oc, "kernel", "Linux kernel image file");
    object_class_property_add_str(oc, "initrd", machine_get_initrd_filename,
                                  machine_set_initrd_filename);
    object_class_property_set_description(oc, "initrd", "Linux initial ramdisk file");
    object_class_property_add_str(oc, "append", machine_get_kernel_cmdline,
                                  machine_set_kernel_cmdline);
    object_class_property_set_description(oc, "append", "Linux kernel command line");
    object_class_property_add_str(oc, "dtb", machine_get_dtb, machine_set_dtb);
    object_class_property_set_description(oc, "dtb", "Linux kernel device tree file");
    object_class_property_add_str(oc, "dumpdtb", machine_get_dumpdtb,
                                  machine_set_dumpdtb);
    object_class_property_set_description(oc, "dumpdtb", "Dump current dtb to a file");
    object_class_property_add_str(oc, "firmware", machine_get_firmware,
                                  machine_set_firmware);
    object_class_property_set_description(oc, "firmware", "Firmware image");
}

static void machine_finalize(Object *obj)
{
    MachineState *ms = MACHINE(obj);

    if (ms->ram) {
        if (ms->ram->container) {
            memory_region_del_subregion(ms->ram->container, ms->ram);
        }
        memory_region_finalize(ms->ram);
        g_free(ms->ram);
    }
    g_free(ms->kernel_filename);
    g_free(ms->initrd_filename);
    g_free(ms->kernel_cmdline);
    g_free(ms->dtb);
    g_free(ms->dumpdtb);
    g_free(ms->firmware);
    g_free(ms->cpu_type);
    g_free(ms->ram_memdev_id);
}

static const TypeInfo machine_types[] = {
    {
        .name = TYPE_MACHINE,
        .parent = TYPE_OBJECT,
        .abstract = true,
        .instance_size = sizeof(MachineState),
        .instance_finalize = machine_finalize,
        .class_size = sizeof(MachineClass),
        .class_base_init = machine_class_base_init,
        .class_init = machine_class_init,
    },
};

DEFINE_TYPES(machine_types)
