/*
 * qdev: devices and buses on top of QOM.
 *
 * A device is configured through properties while unrealized, then
 * realized (its "realized" property set to true), which checks the
 * configuration and builds the device's working state; after that its
 * static properties are frozen. Devices plug into buses (a bus is a child
 * object of the device that provides it) and are reset through them.
 */
#ifndef HW_QDEV_CORE_H
#define HW_QDEV_CORE_H

#include "qom/object.h"
#include "hw/irq.h"

#define TYPE_DEVICE "device"
#define TYPE_BUS "bus"
#define TYPE_SYSTEM_BUS "System"

struct VMStateDescription;
typedef struct Property Property;

OBJECT_DECLARE_TYPE(DeviceState, DeviceClass, DEVICE)
OBJECT_DECLARE_TYPE(BusState, BusClass, BUS)

/* The GPIO lines of a device that share a name (NULL: the unnamed ones). */
typedef struct NamedGPIOList {
    char *name;
    qemu_irq *in;               /* num_in input lines (child objects) */
    int num_in;
    int num_out;                /* output lines: link<irq> properties */
} NamedGPIOList;

struct DeviceState {
    Object parent_obj;
    char *id;                   /* -device id=, or NULL */
    bool realized;
    BusState *parent_bus;
    GList *gpios;               /* NamedGPIOList * */
    GList *child_bus;           /* BusState *, in creation order */
    int num_child_bus;
};

typedef void DeviceRealize(DeviceState *dev, Error **errp);
typedef void DeviceUnrealize(DeviceState *dev);
typedef void DeviceReset(DeviceState *dev);

struct DeviceClass {
    ObjectClass parent_class;
    const char *desc;           /* one line, for -device help */
    bool user_creatable;        /* may be created with -device (default) */
    const char *bus_type;       /* the bus it plugs into, NULL: none */
    Property *props_;           /* set with device_class_set_props() */
    DeviceRealize *realize;
    DeviceUnrealize *unrealize;
    DeviceReset *reset;
    const struct VMStateDescription *vmsd;
};

struct BusState {
    Object parent_obj;
    DeviceState *parent;        /* the device providing the bus, or NULL */
    char *name;
    GList *children;            /* DeviceState *, each holding a reference */
    int num_children;
};

struct BusClass {
    ObjectClass parent_class;
    int max_dev;                /* 0: unlimited */
    void (*reset)(BusState *bus);   /* after its devices are reset */
};

/* ---- devices ---- */

/* A new unrealized device; TYPE must be a concrete device type (aborts). */
DeviceState *qdev_new(const char *type);
/* Same, but NULL if TYPE is unknown, abstract or not a device. */
DeviceState *qdev_try_new(const char *type);

/*
 * Plugs DEV into BUS (NULL for devices without a bus) and realizes it.
 * A device without a composition parent becomes /machine/unattached/
 * device[N]. On failure DEV stays unrealized (and off the bus) and ERRP
 * names the device type.
 */
bool qdev_realize(DeviceState *dev, BusState *bus, Error **errp);
/* qdev_realize(), then drops the caller's reference (the tree keeps one). */
bool qdev_realize_and_unref(DeviceState *dev, BusState *bus, Error **errp);
void qdev_unrealize(DeviceState *dev);
/* Puts DEV on BUS, checking the bus type. */
bool qdev_set_parent_bus(DeviceState *dev, BusState *bus, Error **errp);

/* The child bus called NAME of DEV, or NULL. */
BusState *qdev_get_child_bus(DeviceState *dev, const char *name);
/* "/machine" (a container created on first use if nothing else made it). */
Object *qdev_get_machine(void);

/* ---- reset ---- */

/*
 * Resets DEV: the devices on its child buses first (depth first, so a
 * parent's reset sees its children already reset), then DEV's own reset.
 */
void device_cold_reset(DeviceState *dev);
/* Resets each realized device on BUS (and below), then BUS itself. */
void bus_cold_reset(BusState *bus);
/*
 * System reset: every realized device reachable from the main system bus,
 * then every qemu_register_reset() handler in registration order.
 */
void qemu_devices_reset(void);
typedef void QEMUResetHandler(void *opaque);
void qemu_register_reset(QEMUResetHandler *fn, void *opaque);
void qemu_unregister_reset(QEMUResetHandler *fn, void *opaque);

/* ---- buses ---- */

/*
 * A new bus of TYPENAME provided by PARENT (its child property NAME; NULL
 * NAME: "<id or type>.<N>"). PARENT may be NULL for a root bus.
 */
BusState *qbus_new(const char *typename, DeviceState *parent,
                   const char *name);
/* The main system bus ("/machine/unattached/sysbus"), created on first use. */
BusState *sysbus_get_default(void);

/* ---- GPIO ---- */

/* N input lines calling HANDLER(DEV, i, level), children "NAME[i]". */
void qdev_init_gpio_in(DeviceState *dev, qemu_irq_handler handler, int n);
void qdev_init_gpio_in_named(DeviceState *dev, qemu_irq_handler handler,
                             const char *name, int n);
/* N output lines stored in PINS[0..N-1], link<irq> properties "NAME[i]". */
void qdev_init_gpio_out(DeviceState *dev, qemu_irq *pins, int n);
void qdev_init_gpio_out_named(DeviceState *dev, qemu_irq *pins,
                              const char *name, int n);
qemu_irq qdev_get_gpio_in(DeviceState *dev, int n);
qemu_irq qdev_get_gpio_in_named(DeviceState *dev, const char *name, int n);
/* Wires output N of DEV to IRQ (NULL disconnects). */
void qdev_connect_gpio_out(DeviceState *dev, int n, qemu_irq irq);
void qdev_connect_gpio_out_named(DeviceState *dev, const char *name, int n,
                                 qemu_irq irq);
/* What output N of DEV is wired to, or NULL. */
qemu_irq qdev_get_gpio_out_connector(DeviceState *dev, const char *name,
                                     int n);
/* The list for NAME (NULL: unnamed), created empty if absent. */
NamedGPIOList *qdev_get_named_gpio_list(DeviceState *dev, const char *name);

#endif
