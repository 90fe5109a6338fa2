/*
 * Unit tests for hw/core qdev: realize, static and global properties,
 * GPIO lines, buses and reset, -device.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/option.h"
#include "hw/qdev-core.h"
#include "hw/qdev-properties.h"
#include "hw/qdev-monitor.h"
#include "hw/irq.h"

#define TYPE_TEST_DEV "test-dev"
#define TYPE_TEST_DEV_SUB "test-dev-sub"
#define TYPE_TEST_HIDDEN "test-hidden"
#define TYPE_TEST_GPIO "test-gpio"
#define TYPE_TEST_BUS "test-bus"
#define TYPE_TEST_BRIDGE "test-bridge"
#define TYPE_TEST_LEAF "test-leaf"

/* Records events (reset order, handler calls) in the order they happen. */
static GString *event_log;

static void log_event(const char *fmt, ...) QEMU_PRINTF(1, 2);
static void log_event(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    g_string_append_vprintf(event_log, fmt, ap);
    va_end(ap);
    g_string_append_c(event_log, ';');
}

static void log_reset(void)
{
    g_string_truncate(event_log, 0);
}

/* error_report() output, captured. */
static void capture_printer(void *opaque, const char *msg)
{
    g_string_append(opaque, msg);
}

typedef struct TestDev {
    DeviceState parent_obj;
    uint32_t baud;
    bool fast;
    char *name;
    int32_t offset;
    uint64_t size;
    uint8_t small;
    IRQState *link;
    uint16_t sub_only;
    int unrealized;
} TestDev;

#define TEST_DEV(obj) OBJECT_CHECK(TestDev, (obj), TYPE_TEST_DEV)

static void test_dev_realize(DeviceState *dev, Error **errp)
{
    if (TEST_DEV(dev)->baud == 0) {
        error_setg(errp, "baud must be non-zero");
    }
}

static void test_dev_unrealize(DeviceState *dev)
{
    TEST_DEV(dev)->unrealized++;
}

static Property test_dev_props[] = {
    DEFINE_PROP_UINT32("baud", TestDev, baud, 115200),
    DEFINE_PROP_BOOL("fast", TestDev, fast, true),
    DEFINE_PROP_STRING("name", TestDev, name),
    DEFINE_PROP_INT32("offset", TestDev, offset, -3),
    DEFINE_PROP_SIZE("size", TestDev, size, 4 * KiB),
    DEFINE_PROP_UINT8("small", TestDev, small, 0),
    DEFINE_PROP_LINK("irq-link", TestDev, link, TYPE_IRQ, IRQState *),
    DEFINE_PROP_END_OF_LIST(),
};

static Property test_dev_sub_props[] = {
    DEFINE_PROP_UINT16("sub-only", TestDev, sub_only, 77),
    DEFINE_PROP_END_OF_LIST(),
};

static void test_dev_class_init(ObjectClass *oc, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(oc);

    dc->realize = test_dev_realize;
    dc->unrealize = test_dev_unrealize;
    dc->desc = "a test device";
    device_class_set_props(dc, test_dev_props);
}

static void test_dev_sub_class_init(ObjectClass *oc, void *data)
{
    device_class_set_props(DEVICE_CLASS(oc), test_dev_sub_props);
}

static void test_hidden_class_init(ObjectClass *oc, void *data)
{
    DEVICE_CLASS(oc)->user_creatable = false;
}

/* ---- GPIO device ---- */

typedef struct TestGpio {
    DeviceState parent_obj;
    qemu_irq out[2];
    qemu_irq alert;
} TestGpio;

#define TEST_GPIO(obj) OBJECT_CHECK(TestGpio, (obj), TYPE_TEST_GPIO)

static void gpio_in_handler(void *opaque, int n, int level)
{
    log_event("%s in%d=%d", DEVICE(opaque)->id, n, level);
}

static void gpio_ctl_handler(void *opaque, int n, int level)
{
    log_event("%s ctl%d=%d", DEVICE(opaque)->id, n, level);
}

static void test_gpio_init(Object *obj)
{
    DeviceState *dev = DEVICE(obj);
    TestGpio *s = TEST_GPIO(obj);

    qdev_init_gpio_in(dev, gpio_in_handler, 2);
    qdev_init_gpio_in_named(dev, gpio_ctl_handler, "ctl", 1);
    qdev_init_gpio_out(dev, s->out, 2);
    qdev_init_gpio_out_named(dev, &s->alert, "alert", 1);
}

/* ---- bus, bridge, leaf ---- */

typedef struct TestBridge {
    DeviceState parent_obj;
    BusState *bus;
} TestBridge;

#define TEST_BRIDGE(obj) OBJECT_CHECK(TestBridge, (obj), TYPE_TEST_BRIDGE)

static void bridge_init(Object *obj)
{
    TEST_BRIDGE(obj)->bus = qbus_new(TYPE_TEST_BUS, DEVICE(obj), NULL);
}

static void bridge_reset(DeviceState *dev)
{
    log_event("reset %s", dev->id);
}

static void leaf_reset(DeviceState *dev)
{
    log_event("reset %s", dev->id);
}

static void test_bus_reset(BusState *bus)
{
    log_event("reset bus %s", bus->name);
}

static void bridge_class_init(ObjectClass *oc, void *data)
{
    DEVICE_CLASS(oc)->reset = bridge_reset;
    DEVICE_CLASS(oc)->bus_type = TYPE_SYSTEM_BUS;
}

static void leaf_class_init(ObjectClass *oc, void *data)
{
    DEVICE_CLASS(oc)->reset = leaf_reset;
    DEVICE_CLASS(oc)->bus_type = TYPE_TEST_BUS;
}

static void test_bus_class_init(ObjectClass *oc, void *data)
{
    BUS_CLASS(oc)->reset = test_bus_reset;
    BUS_CLASS(oc)->max_dev = 2;
}

static const TypeInfo test_types[] = {
    {
        .name = TYPE_TEST_DEV,
        .parent = TYPE_DEVICE,
        .instance_size = sizeof(TestDev),
        .class_init = test_dev_class_init,
    },
    {
        .name = TYPE_TEST_DEV_SUB,
        .parent = TYPE_TEST_DEV,
        .class_init = test_dev_sub_class_init,
    },
    {
        .name = TYPE_TEST_HIDDEN,
        .parent = TYPE_TEST_DEV,
        .class_init = test_hidden_class_init,
    },
    {
        .name = TYPE_TEST_GPIO,
        .parent = TYPE_DEVICE,
        .instance_size = sizeof(TestGpio),
        .instance_init = test_gpio_init,
    },
    {
        .name = TYPE_TEST_BUS,
        .parent = TYPE_BUS,
        .class_init = test_bus_class_init,
    },
    {
        .name = TYPE_TEST_BRIDGE,
        .parent = TYPE_DEVICE,
        .instance_size = sizeof(TestBridge),
        .instance_init = bridge_init,
        .class_init = bridge_class_init,
    },
    {
        .name = TYPE_TEST_LEAF,
        .parent = TYPE_DEVICE,
        .class_init = leaf_class_init,
    },
};

DEFINE_TYPES(test_types)

static void assert_error(Error *err, const char *msg)
{
    g_assert_nonnull(err);
    g_assert_cmpstr(error_get_pretty(err), ==, msg);
    error_free(err);
}

static void assert_path(Object *obj, const char *path)
{
    g_autofree char *p = object_get_canonical_path(obj);

    g_assert_cmpstr(p, ==, path);
}

/* ---- realize and static properties ---- */

static void test_defaults(void)
{
    DeviceState *dev = qdev_new(TYPE_TEST_DEV_SUB);
    TestDev *t = TEST_DEV(dev);
    g_autofree char *s = NULL;

    g_assert_cmpuint(t->baud, ==, 115200);
    g_assert_true(t->fast);
    g_assert_null(t->name);
    g_assert_cmpint(t->offset, ==, -3);
    g_assert_cmpuint(t->size, ==, 4096);
    g_assert_cmpuint(t->sub_only, ==, 77);
    g_assert_false(dev->realized);
    g_assert_false(object_property_get_bool(OBJECT(dev), "realized",
                                            &error_abort));
    /* Static properties are class properties, listed without an instance. */
    g_assert_nonnull(object_class_property_find(
                         object_class_by_name(TYPE_TEST_DEV), "baud"));
    g_assert_cmpstr(object_class_property_find(
                        object_class_by_name(TYPE_TEST_DEV), "irq-link")->type,
                    ==, "link<irq>");

    g_assert_true(object_property_parse(OBJECT(dev), "size", "1M",
                                        &error_abort));
    g_assert_cmpuint(t->size, ==, MiB);
    qdev_prop_set_string(dev, "name", "uart");
    g_assert_cmpstr(t->name, ==, "uart");
    qdev_prop_set_uint32(dev, "baud", 9600);
    qdev_prop_set_bit(dev, "fast", false);
    qdev_prop_set_int32(dev, "offset", -7);
    s = object_property_print(OBJECT(dev), "offset", &error_abort);
    g_assert_cmpstr(s, ==, "-7");
    g_assert_cmpuint(t->baud, ==, 9600);
    g_assert_false(t->fast);
    g_assert_true(qdev_try_new("no-such") == NULL);
    g_assert_true(qdev_try_new(TYPE_DEVICE) == NULL);
    g_assert_true(qdev_try_new(TYPE_IRQ) == NULL);
    /* The string is freed with the device (checked by LeakSanitizer). */
    object_unref(OBJECT(dev));
}

static void test_realize(void)
{
    DeviceState *dev = qdev_new(TYPE_TEST_DEV);
    DeviceState *bad = qdev_new(TYPE_TEST_DEV);
    Error *err = NULL;
    qemu_irq irq = qemu_allocate_irq(gpio_in_handler, NULL, 0);

    g_assert_true(qdev_realize(dev, NULL, &error_abort));
    g_assert_true(dev->realized);
    g_assert_true(object_property_get_bool(OBJECT(dev), "realized",
                                           &error_abort));
    /* No composition parent: placed under /machine/unattached. */
    g_assert_true(OBJECT(dev)->parent ==
                  object_resolve_path("/machine/unattached", NULL));
    {
        g_autofree char *p = object_get_canonical_path(OBJECT(dev));

        g_assert_true(g_str_has_prefix(p, "/machine/unattached/device["));
    }

    /* Frozen after realize. */
    g_assert_false(object_property_set_uint(OBJECT(dev), "baud", 1, &err));
    assert_error(err, "Attempt to set property 'baud' on device 'test-dev' "
                 "(type 'test-dev') after it was realized");
    err = NULL;
    g_assert_false(object_property_set_link(OBJECT(dev), "irq-link",
                                            OBJECT(irq), &err));
    assert_error(err, "Attempt to set property 'irq-link' on device "
                 "'test-dev' (type 'test-dev') after it was realized");
    g_assert_cmpuint(TEST_DEV(dev)->baud, ==, 115200);

    /* Realize error: not realized, not attached, type named. */
    qdev_prop_set_uint32(bad, "baud", 0);
    err = NULL;
    g_assert_false(qdev_realize(bad, NULL, &err));
    assert_error(err, "Device 'test-dev' (test-dev) failed to realize: "
                 "baud must be non-zero");
    g_assert_false(bad->realized);
    g_assert_null(OBJECT(bad)->parent);
    /* Range error from a static property. */
    err = NULL;
    g_assert_false(object_property_set_uint(OBJECT(bad), "small", 256, &err));
    assert_error(err, "Property 'test-dev.small' expects a uint8 value in "
                 "[0, 255], got 256");
    object_unref(OBJECT(bad));

    /* Link before realize holds a reference; unrealize then unparent. */
    bad = qdev_new(TYPE_TEST_DEV);
    g_assert_true(object_property_set_link(OBJECT(bad), "irq-link",
                                           OBJECT(irq), &error_abort));
    g_assert_cmpuint(OBJECT(irq)->ref, ==, 2);
    g_assert_true(qdev_realize_and_unref(bad, NULL, &error_abort));
    g_assert_cmpuint(OBJECT(bad)->ref, ==, 1);
    object_unparent(OBJECT(bad));
    g_assert_cmpuint(OBJECT(irq)->ref, ==, 1);

    qdev_unrealize(dev);
    g_assert_false(dev->realized);
    g_assert_cmpint(TEST_DEV(dev)->unrealized, ==, 1);
    object_unparent(OBJECT(dev));
    object_unref(OBJECT(dev));
    qemu_free_irq(irq);
}

/* ---- globals ---- */

static void test_globals(void)
{
    g_autoptr(GString) reports = g_string_new("");
    GlobalProperty compat[] = {
        { .driver = TYPE_TEST_DEV, .property = "baud", .value = "1200" },
        { .driver = TYPE_TEST_DEV, .property = "absent", .value = "1",
          .optional = true },
    };
    g_autoptr(GPtrArray) compat_arr = g_ptr_array_new();
    DeviceState *dev;
    Error *err = NULL;

    g_ptr_array_add(compat_arr, &compat[0]);
    g_ptr_array_add(compat_arr, &compat[1]);
    qdev_prop_register_compat(compat_arr);
    g_assert_true(qdev_global_parse("test-dev.fast=off", &error_abort));
    g_assert_true(qdev_global_parse("driver=test-dev-sub,property=sub-only,"
                                    "value=5", &error_abort));
    dev = qdev_new(TYPE_TEST_DEV_SUB);
    /* Applied to a subclass of the named type. */
    g_assert_cmpuint(TEST_DEV(dev)->baud, ==, 1200);
    g_assert_false(TEST_DEV(dev)->fast);
    g_assert_cmpuint(TEST_DEV(dev)->sub_only, ==, 5);
    object_unref(OBJECT(dev));
    g_assert_true(compat[0].used);
    g_assert_true(qdev_prop_check_globals());

    /* -global overrides compat. */
    qdev_prop_register_global(TYPE_TEST_DEV, "baud", "2400");
    dev = qdev_new(TYPE_TEST_DEV);
    g_assert_cmpuint(TEST_DEV(dev)->baud, ==, 2400);
    object_unref(OBJECT(dev));

    /* A bad value is reported, naming the global; the device is created. */
    qdev_prop_register_global(TYPE_TEST_DEV, "small", "300");
    error_set_printer(capture_printer, reports);
    dev = qdev_new(TYPE_TEST_DEV);
    error_set_printer(NULL, NULL);
    g_assert_cmpstr(reports->str, ==,
                    "can't apply global test-dev.small=300: Property "
                    "'test-dev.small' expects a uint8 value in [0, 255], "
                    "got 300\n");
    object_unref(OBJECT(dev));

    /* Unused globals. */
    qdev_prop_register_global(TYPE_TEST_LEAF, "nosuch", "1");
    qdev_prop_register_global("no-such-type", "x", "1");
    qdev_prop_register_global(TYPE_TEST_BRIDGE, "realized", "on");
    g_string_truncate(reports, 0);
    error_set_printer(capture_printer, reports);
    g_assert_false(qdev_prop_check_globals());
    error_set_printer(NULL, NULL);
    g_assert_cmpstr(reports->str, ==,
                    "-global: property 'nosuch' not found for 'test-leaf'\n"
                    "-global: type 'no-such-type' not found (in "
                    "no-such-type.x=1)\n");

    /* Parse errors. */
    g_assert_false(qdev_global_parse("test-dev.baud", &err));
    assert_error(err, "-global 'test-dev.baud': missing '=' (expected "
                 "TYPE.PROPERTY=VALUE)");
    err = NULL;
    g_assert_false(qdev_global_parse("test-dev=5", &err));
    assert_error(err, "-global 'test-dev=5': expected TYPE.PROPERTY before "
                 "'='");
    err = NULL;
    g_assert_false(qdev_global_parse("driver=x,value=1", &err));
    assert_error(err, "-global 'driver=x,value=1': 'property' and 'value' are "
                 "required");
    qdev_prop_clear_globals();
}

/* ---- GPIO ---- */

static DeviceState *gpio_dev(const char *id)
{
    DeviceState *dev = qdev_new(TYPE_TEST_GPIO);

    dev->id = g_strdup(id);
    object_property_add_child(container_get(object_get_root(), "/machine/gp"),
                              id, OBJECT(dev));
    object_unref(OBJECT(dev));
    qdev_realize(dev, NULL, &error_abort);
    return dev;
}

static void intercept_handler(void *opaque, int n, int level)
{
    log_event("intercept %d=%d", n, level);
}

static void test_gpio(void)
{
    DeviceState *a = gpio_dev("a");
    DeviceState *b = gpio_dev("b");
    TestGpio *ga = TEST_GPIO(a);
    qemu_irq *lines;

    event_log = g_string_new("");
    g_assert_cmpstr(object_property_find(OBJECT(b), "unnamed-gpio-in[1]")->type,
                    ==, "child<irq>");
    g_assert_cmpstr(object_property_find(OBJECT(a), "unnamed-gpio-out[0]")->type,
                    ==, "link<irq>");
    g_assert_cmpstr(object_property_find(OBJECT(a), "alert[0]")->type,
                    ==, "link<irq>");
    g_assert_cmpint(qdev_get_named_gpio_list(b, NULL)->num_in, ==, 2);
    g_assert_cmpint(qdev_get_named_gpio_list(b, "ctl")->num_in, ==, 1);

    /* Unconnected output: no-op. */
    qemu_irq_raise(ga->out[0]);
    g_assert_cmpstr(event_log->str, ==, "");

    qdev_connect_gpio_out(a, 0, qdev_get_gpio_in(b, 1));
    qdev_connect_gpio_out_named(a, "alert", 0,
                                qdev_get_gpio_in_named(b, "ctl", 0));
    g_assert_true(qdev_get_gpio_out_connector(a, NULL, 0) ==
                  qdev_get_gpio_in(b, 1));
    g_assert_null(qdev_get_gpio_out_connector(a, NULL, 1));
    qemu_irq_raise(ga->out[0]);
    qemu_irq_lower(ga->out[0]);
    qemu_irq_pulse(ga->alert);
    g_assert_cmpstr(event_log->str, ==, "b in1=1;b in1=0;b ctl0=1;b ctl0=0;");

    /* Wiring through QOM: a path to the input line. */
    log_reset();
    g_assert_true(object_property_parse(OBJECT(a), "unnamed-gpio-out[1]",
                                        "/machine/gp/b/unnamed-gpio-in[0]",
                                        &error_abort));
    qemu_set_irq(ga->out[1], 5);
    g_assert_cmpstr(event_log->str, ==, "b in0=5;");
    g_assert_true(object_property_set_link(OBJECT(a), "alert[0]", NULL,
                                           &error_abort));
    g_assert_null(ga->alert);

    /* Interception replaces the handlers. */
    log_reset();
    lines = g_new(qemu_irq, 2);
    lines[0] = qdev_get_gpio_in(b, 0);
    lines[1] = qdev_get_gpio_in(b, 1);
    qemu_irq_intercept_in(lines, intercept_handler, 2);
    qemu_irq_raise(ga->out[0]);
    g_assert_cmpstr(event_log->str, ==, "intercept 1=1;");
    g_free(lines);

    /* qemu_allocate_irqs numbers its lines. */
    log_reset();
    lines = qemu_allocate_irqs(intercept_handler, NULL, 3);
    qemu_irq_raise(lines[2]);
    g_assert_cmpstr(event_log->str, ==, "intercept 2=1;");
    qemu_free_irqs(lines, 3);

    object_unparent(container_get(object_get_root(), "/machine/gp"));
    g_string_free(event_log, true);
}

static void test_gpio_bad_index(void)
{
    if (g_test_subprocess()) {
        DeviceState *dev = qdev_new(TYPE_TEST_GPIO);

        qdev_get_gpio_in(dev, 2);
        return;
    }
    g_test_trap_subprocess(NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
    g_test_trap_assert_failed();
}

/* ---- buses and reset ---- */

static void reset_handler(void *opaque)
{
    log_event("handler %s", (const char *)opaque);
}

static void test_reset(void)
{
    DeviceState *br = qdev_new(TYPE_TEST_BRIDGE);
    DeviceState *l1 = qdev_new(TYPE_TEST_LEAF);
    DeviceState *l2 = qdev_new(TYPE_TEST_LEAF);
    DeviceState *l3 = qdev_new(TYPE_TEST_LEAF);
    BusState *bus = TEST_BRIDGE(br)->bus;
    Error *err = NULL;

    event_log = g_string_new("");
    br->id = g_strdup("br");
    l1->id = g_strdup("l1");
    l2->id = g_strdup("l2");
    l3->id = g_strdup("l3");
    g_assert_cmpstr(bus->name, ==, "test-bus.0");
    g_assert_true(qdev_get_child_bus(br, "test-bus.0") == bus);
    g_assert_true(bus->parent == br);

    /* Bus type checks. */
    g_assert_false(qdev_realize(l1, NULL, &err));
    assert_error(err, "Device 'test-leaf' needs a 'test-bus' bus");
    err = NULL;
    g_assert_false(qdev_realize(l1, sysbus_get_default(), &err));
    assert_error(err, "Device 'test-leaf' cannot plug into bus "
                 "'main-system-bus' (type 'System'): it needs a 'test-bus' "
                 "bus");
    assert_path(OBJECT(sysbus_get_default()), "/machine/unattached/sysbus");

    g_assert_true(qdev_realize_and_unref(br, sysbus_get_default(),
                                         &error_abort));
    g_assert_true(qdev_realize_and_unref(l1, bus, &error_abort));
    g_assert_true(qdev_realize_and_unref(l2, bus, &error_abort));
    g_assert_true(l1->parent_bus == bus);
    g_assert_cmpint(bus->num_children, ==, 2);
    err = NULL;
    g_assert_false(qdev_realize(l3, bus, &err));
    assert_error(err, "Bus 'test-bus.0' is full (2 devices): cannot add "
                 "device 'test-leaf'");

    device_cold_reset(br);
    g_assert_cmpstr(event_log->str, ==,
                    "reset l1;reset l2;reset bus test-bus.0;reset br;");

    log_reset();
    qemu_register_reset(reset_handler, (void *)"one");
    qemu_register_reset(reset_handler, (void *)"two");
    qemu_devices_reset();
    g_assert_cmpstr(event_log->str, ==,
                    "reset l1;reset l2;reset bus test-bus.0;reset br;"
                    "handler one;handler two;");
    qemu_unregister_reset(reset_handler, (void *)"one");
    qemu_unregister_reset(reset_handler, (void *)"two");

    /* Unrealized devices are skipped by the bus walk. */
    qdev_unrealize(l2);
    log_reset();
    bus_cold_reset(bus);
    g_assert_cmpstr(event_log->str, ==, "reset l1;reset bus test-bus.0;");

    /* Unparenting the bridge takes its bus and devices along. */
    object_unparent(OBJECT(br));
    g_assert_cmpint(sysbus_get_default()->num_children, ==, 0);
    object_unref(OBJECT(l3));
    g_string_free(event_log, true);
}

/* ---- -device ---- */

static DeviceState *device_add(const char *str, Error **errp)
{
    g_autoptr(QemuOpts) opts = qemu_opts_parse("device", str, "driver",
                                               &error_abort);

    return qdev_device_add(opts, errp);
}

static void assert_add_fails(const char *str, const char *msg)
{
    Error *err = NULL;

    g_assert_null(device_add(str, &err));
    assert_error(err, msg);
}

static void test_device_add(void)
{
    DeviceState *dev, *anon, *br, *leaf;

    dev = device_add("test-dev,id=uart0,baud=9600,name=x", &error_abort);
    assert_path(OBJECT(dev), "/machine/peripheral/uart0");
    g_assert_cmpstr(dev->id, ==, "uart0");
    g_assert_true(dev->realized);
    g_assert_cmpuint(TEST_DEV(dev)->baud, ==, 9600);
    g_assert_true(object_resolve_path("uart0", NULL) == OBJECT(dev));

    anon = device_add("test-dev-sub", &error_abort);
    assert_path(OBJECT(anon), "/machine/peripheral-anon/device[0]");

    br = device_add("test-bridge,id=br0", &error_abort);
    g_assert_true(br->parent_bus == sysbus_get_default());
    leaf = device_add("test-leaf", &error_abort);
    g_assert_true(leaf->parent_bus == TEST_BRIDGE(br)->bus);
    leaf = device_add("test-leaf,bus=br0/test-bus.0", &error_abort);
    g_assert_true(leaf->parent_bus == TEST_BRIDGE(br)->bus);

    assert_add_fails("baud=1", "Parameter 'driver' is missing");
    assert_add_fails("nodev", "'nodev' is not a valid device model name");
    assert_add_fails("irq", "'irq' is not a valid device model name");
    assert_add_fails("device", "Device type 'device' is abstract and cannot be "
                     "instantiated");
    assert_add_fails("test-hidden", "Device 'test-hidden' can not be "
                     "dynamically instantiated");
    assert_add_fails("test-dev,bogus=1", "Property 'test-dev.bogus' not found");
    assert_add_fails("test-dev,baud=fast", "Property 'test-dev.baud' expects "
                     "uint32, got 'fast'");
    assert_add_fails("test-dev,id=uart0", "Duplicate device ID 'uart0'");
    assert_add_fails("test-dev,id=0bad", "Invalid device ID '0bad': IDs start "
                     "with a letter and contain only letters, digits, '-', "
                     "'.', '_'");
    assert_add_fails("test-dev,baud=0,id=z", "Device 'z' (test-dev) failed to "
                     "realize: baud must be non-zero");
    g_assert_null(object_resolve_path("/machine/peripheral/z", NULL));
    assert_add_fails("test-leaf", "No 'test-bus' bus found for device "
                     "'test-leaf'");
    assert_add_fails("test-leaf,bus=nowhere", "Bus 'nowhere' not found");
    assert_add_fails("test-dev,bus=test-bus.0", "Device 'test-dev' can't go "
                     "on bus 'test-bus.0' of type 'test-bus'");
    /* Failed adds leave nothing behind. */
    g_assert_cmpint(TEST_BRIDGE(br)->bus->num_children, ==, 2);
    g_assert_null(object_resolve_path("/machine/peripheral-anon/device[3]",
                                      NULL));

    object_unparent(OBJECT(dev));
    object_unparent(OBJECT(anon));
    object_unparent(OBJECT(br));
    g_assert_null(object_resolve_path("uart0", NULL));
}

static void test_device_help(void)
{
    if (g_test_subprocess()) {
        g_autoptr(QemuOpts) list = qemu_opts_parse("device", "help", "driver",
                                                   &error_abort);
        g_autoptr(QemuOpts) props = qemu_opts_parse("device", "test-dev,help",
                                                    "driver", &error_abort);
        g_autoptr(QemuOpts) unknown = qemu_opts_parse("device", "nodev,help",
                                                      "driver", &error_abort);
        g_autoptr(QemuOpts) none = qemu_opts_parse("device", "test-dev",
                                                   "driver", &error_abort);

        g_assert_true(qdev_device_help(list));
        g_assert_true(qdev_device_help(props));
        g_assert_false(qdev_device_help(unknown));
        g_assert_false(qdev_device_help(none));
        return;
    }
    g_test_trap_subprocess(NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
    g_test_trap_assert_passed();
    g_test_trap_assert_stdout("*name \"test-bridge\", bus System\n"
                              "name \"test-dev\", desc \"a test device\"\n"
                              "name \"test-dev-sub\", desc \"a test device\"\n"
                              "name \"test-gpio\"\n"
                              "name \"test-leaf\", bus test-bus\n"
                              /* real devices sorted after the test ones */
                              "*test-dev options:\n"
                              "  baud=<uint32> (default: 115200)\n"
                              "  fast=<bool> (default: true)\n"
                              "  irq-link=<link<irq>>  - link to a 'irq'\n"
                              "  name=<str>\n"
                              "  offset=<int32> (default: -3)\n"
                              "  size=<size> (default: 4096)\n"
                              "  small=<uint8> (default: 0)\n");
    g_test_trap_assert_stdout_unmatched("*test-hidden*");
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/qdev/props/defaults", test_defaults);
    g_test_add_func("/qdev/realize", test_realize);
    g_test_add_func("/qdev/props/globals", test_globals);
    g_test_add_func("/qdev/gpio/wiring", test_gpio);
    g_test_add_func("/qdev/gpio/bad-index", test_gpio_bad_index);
    g_test_add_func("/qdev/bus/reset", test_reset);
    g_test_add_func("/qdev/device-add", test_device_add);
    g_test_add_func("/qdev/device-help", test_device_help);
    return g_test_run();
}
