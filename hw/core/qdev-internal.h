/*
 * Helpers shared by the hw/core qdev sources; not a public API.
 */
#ifndef HW_CORE_QDEV_INTERNAL_H
#define HW_CORE_QDEV_INTERNAL_H

#include "hw/qdev-core.h"

/* Puts DEV on BUS (the bus takes a reference) / takes it off again. */
void qbus_add_child(BusState *bus, DeviceState *dev);
void qbus_remove_child(BusState *bus, DeviceState *dev);

#endif
