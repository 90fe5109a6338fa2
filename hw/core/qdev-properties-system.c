/*
 * Static device properties whose values are host resources.
 */
#include "qemu/osdep.h"
#include "hw/qdev-properties-system.h"
#include "chardev/char.h"
#include "system/blockdev.h"

static GVariant *get_chr(Object *obj, ObjectProperty *op, Error **errp)
{
    CharBackend *be = qdev_get_prop_ptr(obj, op->opaque);
    const char *label = be->chr ? qemu_chr_get_label(be->chr) : "";

    return g_variant_ref_sink(g_variant_new_string(label));
}

static void set_chr(Object *obj, ObjectProperty *op, GVariant *v,
                    Error **errp)
{
    const Property *prop = op->opaque;
    CharBackend *be = qdev_get_prop_ptr(obj, prop);
    const char *label = g_variant_get_string(v, NULL);
    Chardev *chr;

    if (!*label) {
        /* Empty: no backend (output is discarded, input never comes). */
        qemu_chr_fe_deinit(be, false);
        return;
    }
    chr = qemu_chr_find(label);
    if (!chr) {
        error_setg(errp, "Property '%s.%s' can't find value '%s'",
                   object_get_typename(obj), prop->name, label);
        return;
    }
    if (be->chr) {
        qemu_chr_fe_deinit(be, false);
    }
    if (!qemu_chr_fe_init(be, chr, errp)) {
        error_prepend(errp, "Property '%s.%s': ", object_get_typename(obj),
                      prop->name);
    }
}

static void release_chr(Object *obj, ObjectProperty *op)
{
    CharBackend *be = qdev_get_prop_ptr(obj, op->opaque);

    qemu_chr_fe_deinit(be, false);
}

const PropertyInfo qdev_prop_chr = {
    .name = "str",
    .description = "ID of a chardev to use as a backend",
    .get = get_chr,
    .set = set_chr,
    .release = release_chr,
};

void qdev_prop_set_chr(DeviceState *dev, const char *name, Chardev *chr)
{
    object_property_set_str(OBJECT(dev), name, qemu_chr_get_label(chr),
                            &error_abort);
}

static GVariant *get_drive(Object *obj, ObjectProperty *op, Error **errp)
{
    BlockDriverState **ptr = qdev_get_prop_ptr(obj, op->opaque);
    const char *id = *ptr ? bdrv_get_device_name(*ptr) : NULL;

    return g_variant_ref_sink(g_variant_new_string(id ? id : ""));
}

static void set_drive(Object *obj, ObjectProperty *op, GVariant *v,
                      Error **errp)
{
    const Property *prop = op->opaque;
    BlockDriverState **ptr = qdev_get_prop_ptr(obj, prop);
    const char *id = g_variant_get_string(v, NULL);
    BlockDriverState *bs = NULL;

    if (!*id) {
        *ptr = NULL;
        return;
    }
    while ((bs = bdrv_next(bs))) {
        const char *name = bdrv_get_device_name(bs);

        if (name && !strcmp(name, id)) {
            *ptr = bs;
            return;
        }
    }
    error_setg(errp, "Property '%s.%s' can't find value '%s'",
               object_get_typename(obj), prop->name, id);
}

const PropertyInfo qdev_prop_drive = {
    .name = "str",
    .description = "ID of a drive to use as a backend",
    .get = get_drive,
    .set = set_drive,
};

void qdev_prop_set_drive(DeviceState *dev, const char *name,
                         BlockDriverState *bs)
{
    const char *id = bdrv_get_device_name(bs);

    assert(id);
    object_property_set_str(OBJECT(dev), name, id, &error_abort);
}
