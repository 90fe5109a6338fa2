/*
 * Frame buffers in guest memory, for display devices.
 *
 * framebuffer_map() looks at BASE..BASE+SIZE in AS. When the range lies
 * in one RAM region, the device reads it through a host pointer and can
 * ask which parts changed since the last framebuffer_clear_dirty() (the
 * VGA dirty client); otherwise it is read through the address space and
 * every part counts as changed.
 */
#ifndef HW_DISPLAY_FRAMEBUFFER_H
#define HW_DISPLAY_FRAMEBUFFER_H

#include "exec/memory.h"

typedef struct FrameBuffer {
    AddressSpace *as;
    hwaddr base;
    hwaddr size;
    MemoryRegion *mr;       /* the RAM region, or NULL */
    hwaddr mr_offset;
    const uint8_t *host;    /* mr's bytes at BASE, or NULL */
} FrameBuffer;

void framebuffer_map(FrameBuffer *fb, AddressSpace *as, hwaddr base,
                     hwaddr size);
/* Whether OFFSET..OFFSET+LEN of the buffer may have changed. */
bool framebuffer_dirty(FrameBuffer *fb, hwaddr offset, hwaddr len);
/* Starts a new dirty period for the whole buffer. */
void framebuffer_clear_dirty(FrameBuffer *fb);
/* Copies LEN bytes at OFFSET of the buffer into BUF. */
void framebuffer_read(FrameBuffer *fb, hwaddr offset, void *buf, hwaddr len);

#endif
