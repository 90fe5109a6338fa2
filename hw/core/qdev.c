/*
 * The device base type: creation, realize/unrealize, GPIO lines.
 */
#include "qemu/osdep.h"
#include "hw/qdev-properties.h"
#include "qdev-internal.h"

Object *qdev_get_machine(void)
{
    return container_get(object_get_root(), "/machine");
}

DeviceState *qdev_try_new(const char *type)
{
    ObjectClass *oc = object_class_by_name(type);

    if (!oc || object_class_is_abstract(oc) ||
        !object_class_dynamic_cast(oc, TYPE_DEVICE)) {
        return NULL;
    }
    return DEVICE(object_new_with_class(oc));
}

DeviceState *qdev_new(const char *type)
{
    DeviceState *dev = qdev_try_new(type);

    if (!dev) {
        fprintf(stderr, "qdev: '%s' is not a concrete device type\n", type);
        abort();
    }
    return dev;
}

BusState *qdev_get_child_bus(DeviceState *dev, const char *name)
{
    for (GList *l = dev->child_bus; l; l = l->next) {
        BusState *bus = l->data;

        if (!strcmp(bus->name, name)) {
            return bus;
        }
    }
    return NULL;
}

/* ---- realize ---- */

bool qdev_set_parent_bus(DeviceState *dev, BusState *bus, Error **errp)
{
    DeviceClass *dc = DEVICE_GET_CLASS(dev);
    BusClass *bc = BUS_GET_CLASS(bus);

    if (!dc->bus_type || !object_dynamic_cast(OBJECT(bus), dc->bus_type)) {
        error_setg(errp, "Device '%s' cannot plug into bus '%s' (type '%s'): "
                   "it needs %s%s%s", object_get_typename(OBJECT(dev)),
                   bus->name, object_get_typename(OBJECT(bus)),
                   dc->bus_type ? "a '" : "no bus",
                   dc->bus_type ? dc->bus_type : "",
                   dc->bus_type ? "' bus" : "");
        return false;
    }
    if (bc->max_dev && bus->num_children >= bc->max_dev) {
        error_setg(errp, "Bus '%s' is full (%d devices): cannot add device "
                   "'%s'", bus->name, bc->max_dev,
                   object_get_typename(OBJECT(dev)));
        return false;
    }
    if (dev->parent_bus) {
        qbus_remove_child(dev->parent_bus, dev);
    }
    qbus_add_child(bus, dev);
    return true;
}

bool qdev_realize(DeviceState *dev, BusState *bus, Error **errp)
{
    DeviceClass *dc = DEVICE_GET_CLASS(dev);
    bool plugged = false;

    if (bus && bus != dev->parent_bus) {
        if (!qdev_set_parent_bus(dev, bus, errp)) {
            return false;
        }
        plugged = true;
    } else if (!bus && dc->bus_type && !dev->parent_bus) {
        error_setg(errp, "Device '%s' needs a '%s' bus",
                   object_get_typename(OBJECT(dev)), dc->bus_type);
        return false;
    }
    if (!object_property_set_bool(OBJECT(dev), "realized", true, errp)) {
        if (plugged) {
            qbus_remove_child(bus, dev);
        }
        return false;
    }
    return true;
}

bool qdev_realize_and_unref(DeviceState *dev, BusState *bus, Error **errp)
{
    bool ok = qdev_realize(dev, bus, errp);

    object_unref(OBJECT(dev));
    return ok;
}

void qdev_unrealize(DeviceState *dev)
{
    object_property_set_bool(OBJECT(dev), "realized", false, &error_abort);
}

static bool device_get_realized(Object *obj, Error **errp)
{
    return DEVICE(obj)->realized;
}

static void device_unrealize_tree(DeviceState *dev)
{
    DeviceClass *dc = DEVICE_GET_CLASS(dev);

    if (!dev->realized) {
        return;
    }
    for (GList *b = dev->child_bus; b; b = b->next) {
        BusState *bus = b->data;

        for (GList *l = bus->children; l; l = l->next) {
            device_unrealize_tree(l->data);
        }
    }
    if (dc->unrealize) {
        dc->unrealize(dev);
    }
    dev->realized = false;
}

static void device_set_realized(Object *obj, bool value, Error **errp)
{
    DeviceState *dev = DEVICE(obj);
    DeviceClass *dc = DEVICE_GET_CLASS(dev);
    Error *local_err = NULL;
    bool attached = false;

    if (value == dev->realized) {
        return;
    }
    if (!value) {
        device_unrealize_tree(dev);
        return;
    }
    if (!obj->parent) {
        Object *unattached = container_get(qdev_get_machine(), "unattached");

        object_property_add_child(unattached, "device[*]", obj);
        attached = true;
    }
    if (dc->realize) {
        dc->realize(dev, &local_err);
    }
    if (local_err) {
        error_prepend(&local_err, "Device '%s' (%s) failed to realize: ",
                      dev->id ? dev->id : object_get_typename(obj),
                      object_get_typename(obj));
        error_propagate(errp, local_err);
        if (attached) {
            object_unparent(obj);
        }
        return;
    }
    dev->realized = true;
}

/* ---- GPIO ---- */

NamedGPIOList *qdev_get_named_gpio_list(DeviceState *dev, const char *name)
{
    NamedGPIOList *ngl;

    for (GList *l = dev->gpios; l; l = l->next) {
        ngl = l->data;
        if (!g_strcmp0(ngl->name, name)) {
            return ngl;
        }
    }
    ngl = g_new0(NamedGPIOList, 1);
    ngl->name = g_strdup(name);
    dev->gpios = g_list_append(dev->gpios, ngl);
    return ngl;
}

static char *gpio_prop_name(const char *name, bool in, int n)
{
    return g_strdup_printf("%s[%d]", name ? name : in ? "unnamed-gpio-in"
                           : "unnamed-gpio-out", n);
}

void qdev_init_gpio_in_named(DeviceState *dev, qemu_irq_handler handler,
                             const char *name, int n)
{
    NamedGPIOList *ngl = qdev_get_named_gpio_list(dev, name);

    /* A name is either a set of inputs or of outputs (one property name). */
    assert(!name || ngl->num_out == 0);
    assert(n >= 0);
    ngl->in = g_renew(qemu_irq, ngl->in, ngl->num_in + n);
    for (int i = 0; i < n; i++) {
        int idx = ngl->num_in + i;
        g_autofree char *pname = gpio_prop_name(name, true, idx);
        qemu_irq irq = qemu_allocate_irq(handler, dev, idx);

        object_property_add_child(OBJECT(dev), pname, OBJECT(irq));
        object_unref(OBJECT(irq));
        ngl->in[idx] = irq;
    }
    ngl->num_in += n;
}

void qdev_init_gpio_in(DeviceState *dev, qemu_irq_handler handler, int n)
{
    qdev_init_gpio_in_named(dev, handler, NULL, n);
}

void qdev_init_gpio_out_named(DeviceState *dev, qemu_irq *pins,
                              const char *name, int n)
{
    NamedGPIOList *ngl = qdev_get_named_gpio_list(dev, name);

    assert(!name || ngl->num_in == 0);
    assert(n >= 0);
    for (int i = 0; i < n; i++) {
        g_autofree char *pname = gpio_prop_name(name, false, ngl->num_out + i);

        /* The link is strong: it must not start with an unowned value. */
        assert(!pins[i]);
        object_property_add_link(OBJECT(dev), pname, TYPE_IRQ,
                                 (Object **)&pins[i],
                                 object_property_allow_set_link,
                                 OBJ_PROP_LINK_STRONG);
    }
    ngl->num_out += n;
}

void qdev_init_gpio_out(DeviceState *dev, qemu_irq *pins, int n)
{
    qdev_init_gpio_out_named(dev, pins, NULL, n);
}

qemu_irq qdev_get_gpio_in_named(DeviceState *dev, const char *name, int n)
{
    NamedGPIOList *ngl = qdev_get_named_gpio_list(dev, name);

    assert(n >= 0 && n < ngl->num_in);
    return ngl->in[n];
}

qemu_irq qdev_get_gpio_in(DeviceState *dev, int n)
{
    return qdev_get_gpio_in_named(dev, NULL, n);
}

void qdev_connect_gpio_out_named(DeviceState *dev, const char *name, int n,
                                 qemu_irq irq)
{
    NamedGPIOList *ngl = qdev_get_named_gpio_list(dev, name);
    g_autofree char *pname = gpio_prop_name(name, false, n);

    assert(n >= 0 && n < ngl->num_out);
    object_property_set_link(OBJECT(dev), pname, OBJECT(irq), &error_abort);
}

void qdev_connect_gpio_out(DeviceState *dev, int n, qemu_irq irq)
{
    qdev_connect_gpio_out_named(dev, NULL, n, irq);
}

qemu_irq qdev_get_gpio_out_connector(DeviceState *dev, const char *name,
                                     int n)
{
    NamedGPIOList *ngl = qdev_get_named_gpio_list(dev, name);
    g_autofree char *pname = gpio_prop_name(name, false, n);

    assert(n >= 0 && n < ngl->num_out);
    return (qemu_irq)object_property_get_link(OBJECT(dev), pname,
                                              &error_abort);
}

/* ---- the type ---- */

/*
 * Applies the static property defaults of every class level that
 * registered a table (a level that did not shares its parent's pointer).
 */
static void device_apply_defaults(Object *obj, ObjectClass *oc)
{
    ObjectClass *parent = object_class_get_parent(oc);
    Property *props = DEVICE_CLASS(oc)->props_;

    if (parent && object_class_dynamic_cast(parent, TYPE_DEVICE)) {
        device_apply_defaults(obj, parent);
        if (DEVICE_CLASS(parent)->props_ == props) {
            return;
        }
    }
    for (Property *prop = props; prop && prop->name; prop++) {
        ObjectProperty *op = object_class_property_find(oc, prop->name);

        if (op && op->defval && prop->info->set) {
            prop->info->set(obj, op, op->defval, &error_abort);
        }
    }
}

static void device_initfn(Object *obj)
{
    device_apply_defaults(obj, object_get_class(obj));
}

static void device_post_init(Object *obj)
{
    qdev_prop_set_globals(DEVICE(obj));
}

static void device_finalize(Object *obj)
{
    DeviceState *dev = DEVICE(obj);

    for (GList *l = dev->gpios; l; l = l->next) {
        NamedGPIOList *ngl = l->data;

        g_free(ngl->name);
        g_free(ngl->in);
        g_free(ngl);
    }
    g_list_free(dev->gpios);
    dev->gpios = NULL;
    g_free(dev->id);
}

/* Leaving the tree: unrealize, then leave the bus (which holds a ref). */
static void device_unparent(Object *obj)
{
    DeviceState *dev = DEVICE(obj);

    device_unrealize_tree(dev);
    if (dev->parent_bus) {
        qbus_remove_child(dev->parent_bus, dev);
    }
}

static void device_class_init(ObjectClass *oc, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(oc);

    dc->user_creatable = true;
    oc->unparent = device_unparent;
    object_class_property_add_bool(oc, "realized", device_get_realized,
                                   device_set_realized);
    object_class_property_set_description(oc, "realized",
                                          "whether the device is realized");
}

static const TypeInfo device_types[] = {
    {
        .name = TYPE_DEVICE,
        .parent = TYPE_OBJECT,
        .abstract = true,
        .instance_size = sizeof(DeviceState),
        .class_size = sizeof(DeviceClass),
        .instance_init = device_initfn,
        .instance_post_init = device_post_init,
        .instance_finalize = device_finalize,
        .class_init = device_class_init,
    },
};

DEFINE_TYPES(device_types)
