/*
 * Displays: a registry of display devices ("display sources") so that the
 * monitor (screendump) and future UIs can find the board's screen.
 *
 * A source's refresh(opaque) brings its surface up to date with guest
 * memory and registers; surface(opaque) returns the current surface or
 * NULL while the device has never shown a picture.
 */
#ifndef UI_CONSOLE_H
#define UI_CONSOLE_H

#include "qemu/osdep.h"
#include "qapi/error.h"
#include "ui/surface.h"

typedef struct DisplaySource {
    const char *name;
    void (*refresh)(void *opaque);
    DisplaySurface *(*surface)(void *opaque);
    void *opaque;
} DisplaySource;

/* The first registered source is the primary display. */
void qemu_display_register(DisplaySource *src);
void qemu_display_unregister(DisplaySource *src);
DisplaySource *qemu_display_primary(void);

/*
 * Refreshes the primary display and writes its surface to FILENAME as a
 * binary PPM (P6, maxval 255). False with ERRP set when there is no
 * display, it has no picture yet, or the file cannot be written.
 */
bool qemu_screendump(const char *filename, Error **errp);

#endif
