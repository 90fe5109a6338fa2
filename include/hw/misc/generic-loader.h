/*
 * The generic loader: a user-creatable device that puts data or a raw
 * image into guest memory at every reset ("-device loader,...").
 */
#ifndef HW_MISC_GENERIC_LOADER_H
#define HW_MISC_GENERIC_LOADER_H

#include "hw/qdev-core.h"

#define TYPE_GENERIC_LOADER "loader"
OBJECT_DECLARE_SIMPLE_TYPE(GenericLoaderState, GENERIC_LOADER)

struct GenericLoaderState {
    DeviceState parent_obj;

    uint64_t addr;
    uint64_t data;
    uint8_t data_len;
    bool data_be;
    char *file;
    bool force_raw;
    uint32_t cpu_num;

    bool has_addr;          /* addr given (0 is a valid address) */
    uint8_t *image;         /* file contents, loaded at realize */
    gsize image_size;
};

#endif
