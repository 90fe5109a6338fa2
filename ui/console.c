/*
 * Display surfaces and the registry of display sources.
 */
#include "qemu/osdep.h"
#include "ui/console.h"

static GList *sources;

DisplaySurface *qemu_create_displaysurface(int width, int height)
{
    DisplaySurface *surface = g_new0(DisplaySurface, 1);

    assert(width > 0 && height > 0);
    surface->width = width;
    surface->height = height;
    /* NULL bits: pixman allocates and zeroes the pixels. */
    surface->image = pixman_image_create_bits(PIXMAN_x8r8g8b8, width, height,
                                              NULL, width * 4);
    assert(surface->image);
    return surface;
}

void qemu_free_displaysurface(DisplaySurface *surface)
{
    if (surface) {
        pixman_image_unref(surface->image);
        g_free(surface);
    }
}

void qemu_display_register(DisplaySource *src)
{
    sources = g_list_append(sources, src);
}

void qemu_display_unregister(DisplaySource *src)
{
    sources = g_list_remove(sources, src);
}

DisplaySource *qemu_display_primary(void)
{
    return sources ? sources->data : NULL;
}
