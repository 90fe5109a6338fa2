/*
 * A display surface: the picture a display device shows, as 32-bit
 * x8r8g8b8 pixels (0x00RRGGBB in host order) in a pixman image. No UI
 * backend exists yet; screendump reads surfaces.
 */
#ifndef UI_SURFACE_H
#define UI_SURFACE_H

#include "qemu/osdep.h"
#include <pixman.h>

typedef struct DisplaySurface {
    int width;
    int height;
    pixman_image_t *image;
} DisplaySurface;

/* A WIDTH x HEIGHT surface, all black. Both must be > 0. */
DisplaySurface *qemu_create_displaysurface(int width, int height);
void qemu_free_displaysurface(DisplaySurface *surface);

static inline uint32_t *surface_row(DisplaySurface *surface, int y)
{
    uint8_t *base = (uint8_t *)pixman_image_get_data(surface->image);

    return (uint32_t *)(base + (size_t)y * pixman_image_get_stride(surface->image));
}

#endif
