/*
 * Buses, the main system bus, and system reset.
 */
#include "qemu/osdep.h"
#include "hw/qdev-core.h"
#include "qdev-internal.h"

/* The bus keeps a reference so that a device on a bus stays alive. */
void qbus_add_child(BusState *bus, DeviceState *dev)
{
    assert(!dev->parent_bus);
    object_ref(OBJECT(dev));
    bus->children = g_list_append(bus->children, dev);
    bus->num_children++;
    dev->parent_bus = bus;
}

void qbus_remove_child(BusState *bus, DeviceState *dev)
{
    assert(dev->parent_bus == bus);
    bus->children = g_list_remove(bus->children, dev);
    bus->num_children--;
    dev->parent_bus = NULL;
    object_unref(OBJECT(dev));
}

BusState *qbus_new(const char *typename, DeviceState *parent,
                   const char *name)
{
    BusState *bus = BUS(object_new(typename));

    if (name) {
        bus->name = g_strdup(name);
    } else {
        g_autofree char *base = g_ascii_strdown(
            parent && parent->id ? parent->id : typename, -1);

        bus->name = g_strdup_printf("%s.%d", base,
                                    parent ? parent->num_child_bus : 0);
    }
    if (parent) {
        bus->parent = parent;
        parent->child_bus = g_list_append(parent->child_bus, bus);
        parent->num_child_bus++;
        object_property_add_child(OBJECT(parent), bus->name, OBJECT(bus));
        /* The child property holds the bus. */
        object_unref(OBJECT(bus));
    }
    return bus;
}

/*
 * Leaving the tree: the devices on the bus go too (their own unparent
 * takes them off the bus), and the providing device forgets the bus.
 */
static void bus_unparent(Object *obj)
{
    BusState *bus = BUS(obj);

    while (bus->children) {
        DeviceState *dev = bus->children->data;

        if (OBJECT(dev)->parent) {
            object_unparent(OBJECT(dev));
        } else {
            qbus_remove_child(bus, dev);
        }
    }
    if (bus->parent) {
        bus->parent->child_bus = g_list_remove(bus->parent->child_bus, bus);
        bus->parent->num_child_bus--;
        bus->parent = NULL;
    }
}

static void bus_finalize(Object *obj)
{
    BusState *bus = BUS(obj);

    assert(!bus->children);
    g_free(bus->name);
}

static void bus_class_init(ObjectClass *oc, void *data)
{
    oc->unparent = bus_unparent;
}

static BusState *main_system_bus;

BusState *sysbus_get_default(void)
{
    if (!main_system_bus) {
        Object *unattached = container_get(qdev_get_machine(), "unattached");

        main_system_bus = qbus_new(TYPE_SYSTEM_BUS, NULL, "main-system-bus");
        object_property_add_child(unattached, "sysbus",
                                  OBJECT(main_system_bus));
        /* The static pointer keeps its own reference: it lives forever. */
    }
    return main_system_bus;
}

/* ---- reset ---- */

void device_cold_reset(DeviceState *dev)
{
    DeviceClass *dc = DEVICE_GET_CLASS(dev);

    for (GList *l = dev->child_bus; l; l = l->next) {
        bus_cold_reset(l->data);
    }
    if (dc->reset) {
        dc->reset(dev);
    }
}

void bus_cold_reset(BusState *bus)
{
    BusClass *bc = BUS_GET_CLASS(bus);

    for (GList *l = bus->children; l; l = l->next) {
        DeviceState *dev = l->data;

        if (dev->realized) {
            device_cold_reset(dev);
        }
    }
    if (bc->reset) {
        bc->reset(bus);
    }
}

typedef struct ResetEntry {
    QEMUResetHandler *fn;
    void *opaque;
} ResetEntry;

static GList *reset_handlers;

void qemu_register_reset(QEMUResetHandler *fn, void *opaque)
{
    ResetEntry *e = g_new(ResetEntry, 1);

    e->fn = fn;
    e->opaque = opaque;
    reset_handlers = g_list_append(reset_handlers, e);
}

void qemu_unregister_reset(QEMUResetHandler *fn, void *opaque)
{
    for (GList *l = reset_handlers; l; l = l->next) {
        ResetEntry *e = l->data;

        if (e->fn == fn && e->opaque == opaque) {
            reset_handlers = g_list_delete_link(reset_handlers, l);
            g_free(e);
            return;
        }
    }
}

void qemu_devices_reset(void)
{
    bus_cold_reset(sysbus_get_default());
    /* A handler may unregister itself: walk with the next link saved. */
    for (GList *l = reset_handlers, *next; l; l = next) {
        ResetEntry *e = l->data;

        next = l->next;
        e->fn(e->opaque);
    }
}

static const TypeInfo bus_types[] = {
    {
        .name = TYPE_BUS,
        .parent = TYPE_OBJECT,
        .abstract = true,
        .instance_size = sizeof(BusState),
        .class_size = sizeof(BusClass),
        .instance_finalize = bus_finalize,
        .class_init = bus_class_init,
    },
    {
        .name = TYPE_SYSTEM_BUS,
        .parent = TYPE_BUS,
    },
};

DEFINE_TYPES(bus_types)
