/*
 * The code buffer: an executable mapping split into fixed-size regions.
 * A context owns one region at a time and fills it with translations; when
 * no region is left the caller flushes the whole buffer and retranslates.
 *
 * W^X: the buffer is a memfd mapped twice, writable at one address and
 * executable at another; code is written through the first and run at the
 * second (rx_diff converts). Without memfd, one RWX mapping is used.
 * x86 keeps the instruction cache coherent with stores, so no flush is
 * needed after writing code.
 */
#include "qemu/osdep.h"
#include <sys/mman.h>
#include "tcg-internal.h"

#define DEFAULT_REGION_SIZE (2 * MiB)

struct TCGCodeBuffer {
    uint8_t *rw;
    uint8_t *rx;
    size_t size;
    size_t region_size;
    unsigned nb_regions;
    unsigned next_region;
    uint64_t generation;
    bool dual;
    GMutex lock;
};

TCGCodeBuffer *tcg_code_buffer_new(size_t size, size_t region_size, Error **errp)
{
    if (!region_size) {
        region_size = MIN(DEFAULT_REGION_SIZE, size);
    }
    if (region_size < 4096 || size < region_size) {
        error_setg(errp, "tcg: code buffer size %zu with region size %zu is too small",
                   size, region_size);
        return NULL;
    }
    size = QEMU_ALIGN_DOWN(size, region_size);

    TCGCodeBuffer *buf = g_new0(TCGCodeBuffer, 1);
    int fd = memfd_create("ferry-jit", MFD_CLOEXEC);
    if (fd >= 0 && ftruncate(fd, size) == 0) {
        void *rw = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
        void *rx = rw == MAP_FAILED ? MAP_FAILED
                   : mmap(NULL, size, PROT_READ | PROT_EXEC, MAP_SHARED, fd, 0);
        if (rx != MAP_FAILED) {
            buf->rw = rw;
            buf->rx = rx;
            buf->dual = true;
        } else if (rw != MAP_FAILED) {
            munmap(rw, size);
        }
    }
    if (fd >= 0) {
        close(fd);
    }
    if (!buf->dual) {
        void *p = mmap(NULL, size, PROT_READ | PROT_WRITE | PROT_EXEC,
                       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (p == MAP_FAILED) {
            error_setg_errno(errp, errno, "tcg: cannot map a code buffer of %zu bytes", size);
            g_free(buf);
            return NULL;
        }
        buf->rw = buf->rx = p;
    }
    buf->size = size;
    buf->region_size = region_size;
    buf->nb_regions = size / region_size;
    g_mutex_init(&buf->lock);
    return buf;
}

void tcg_code_buffer_free(TCGCodeBuffer *buf)
{
    if (!buf) {
        return;
    }
    munmap(buf->rw, buf->size);
    if (buf->dual) {
        munmap(buf->rx, buf->size);
    }
    g_mutex_clear(&buf->lock);
    g_free(buf);
}

void tcg_code_buffer_reset(TCGCodeBuffer *buf)
{
    g_mutex_lock(&buf->lock);
    buf->next_region = 0;
    buf->generation++;
    g_mutex_unlock(&buf->lock);
}

bool tcg_code_buffer_is_dual_mapped(const TCGCodeBuffer *buf)
{
    return buf->dual;
}

size_t tcg_code_buffer_used(const TCGCodeBuffer *buf)
{
    return (size_t)buf->next_region * buf->region_size;
}

bool tcg_region_alloc(TCGCodeBuffer *buf, uint8_t **rw_start, uint8_t **rw_end,
                      ptrdiff_t *rx_diff)
{
    bool ok = false;
    g_mutex_lock(&buf->lock);
    if (buf->next_region < buf->nb_regions) {
        *rw_start = buf->rw + (size_t)buf->next_region * buf->region_size;
        *rw_end = *rw_start + buf->region_size;
        *rx_diff = buf->rx - buf->rw;
        buf->next_region++;
        ok = true;
    }
    g_mutex_unlock(&buf->lock);
    return ok;
}

uint64_t tcg_region_generation(TCGCodeBuffer *buf)
{
    g_mutex_lock(&buf->lock);
    uint64_t g = buf->generation;
    g_mutex_unlock(&buf->lock);
    return g;
}

uint8_t *tcg_code_rw(TCGCodeBuffer *buf, const void *rx)
{
    const uint8_t *p = rx;
    g_assert(p >= buf->rx && p < buf->rx + buf->size);
    return buf->rw + (p - buf->rx);
}

void tcg_patch_goto_tb(TCGCodeBuffer *buf, const void *code, uint16_t jmp_insn_offset,
                       const void *target)
{
    g_assert(jmp_insn_offset != TCG_NO_JUMP);
    const uint8_t *field = (const uint8_t *)code + jmp_insn_offset;
    intptr_t disp = (const uint8_t *)target - (field + 4);
    g_assert(disp == (int32_t)disp);
    /* The field is 4-byte aligned (see tcg_out_goto_tb): one atomic store. */
    uint32_t *rw = (uint32_t *)tcg_code_rw(buf, field);
    __atomic_store_n(rw, (uint32_t)(int32_t)disp, __ATOMIC_RELEASE);
}
