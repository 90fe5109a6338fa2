/*
 * screendump: the primary display's surface as a binary PPM file.
 */
#include "qemu/osdep.h"
#include "ui/console.h"

bool qemu_screendump(const char *filename, Error **errp)
{
    DisplaySource *src = qemu_display_primary();
    DisplaySurface *surface;
    g_autoptr(GString) out = NULL;
    GError *gerr = NULL;

    if (!src) {
        error_setg(errp, "screendump: there is no display device");
        return false;
    }
    if (src->refresh) {
        src->refresh(src->opaque);
    }
    surface = src->surface(src->opaque);
    if (!surface) {
        error_setg(errp, "screendump: display '%s' has not shown a picture "
                   "yet", src->name);
        return false;
    }
    out = g_string_sized_new(32 + (gsize)surface->width * surface->height * 3);
    g_string_append_printf(out, "P6\n%d %d\n255\n", surface->width,
                           surface->height);
    for (int y = 0; y < surface->height; y++) {
        const uint32_t *row = surface_row(surface, y);

        for (int x = 0; x < surface->width; x++) {
            g_string_append_c(out, (row[x] >> 16) & 0xff);
            g_string_append_c(out, (row[x] >> 8) & 0xff);
            g_string_append_c(out, row[x] & 0xff);
        }
    }
    if (!g_file_set_contents(filename, out->str, out->len, &gerr)) {
        error_setg(errp, "screendump: cannot write '%s': %s", filename,
                   gerr->message);
        g_error_free(gerr);
        return false;
    }
    return true;
}
