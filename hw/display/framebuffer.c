/*
 * Frame buffers in guest memory (see the header).
 */
#include "qemu/osdep.h"
#include "hw/display/framebuffer.h"

void framebuffer_map(FrameBuffer *fb, AddressSpace *as, hwaddr base,
                     hwaddr size)
{
    hwaddr xlat = 0, len = size;
    MemoryRegion *mr;

    memset(fb, 0, sizeof(*fb));
    fb->as = as;
    fb->base = base;
    fb->size = size;
    mr = address_space_translate(as, base, &xlat, &len, false,
                                 MEMTXATTRS_UNSPECIFIED);
    if (mr && memory_region_is_ram(mr) && len >= size) {
        fb->mr = mr;
        fb->mr_offset = xlat;
        fb->host = (const uint8_t *)memory_region_get_ram_ptr(mr) + xlat;
    }
}

bool framebuffer_dirty(FrameBuffer *fb, hwaddr offset, hwaddr len)
{
    if (!fb->mr) {
        return true;
    }
    return memory_region_get_dirty(fb->mr, fb->mr_offset + offset, len,
                                   DIRTY_MEMORY_VGA);
}

void framebuffer_clear_dirty(FrameBuffer *fb)
{
    if (fb->mr && fb->size) {
        memory_region_reset_dirty(fb->mr, fb->mr_offset, fb->size,
                                  DIRTY_MEMORY_VGA);
    }
}

void framebuffer_read(FrameBuffer *fb, hwaddr offset, void *buf, hwaddr len)
{
    if (fb->host) {
        memcpy(buf, fb->host + offset, len);
    } else {
        address_space_read(fb->as, fb->base + offset, MEMTXATTRS_UNSPECIFIED,
                           buf, len);
    }
}
