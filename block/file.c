/*
 * The host-file layer: whole-buffer pread/pwrite on a file descriptor,
 * optionally shadowed by an in-memory overlay (see block_int.h).
 */
#include "qemu/osdep.h"
#include "block/block_int.h"

#include <fcntl.h>
#include <sys/stat.h>

static BlockFile *file_new(const char *name, int fd, int64_t size, bool overlay)
{
    BlockFile *f = g_new0(BlockFile, 1);

    f->fd = fd;
    f->name = g_strdup(name);
    f->size = size;
    if (overlay) {
        f->overlay = g_hash_table_new_full(g_int64_hash, g_int64_equal, g_free,
                                           g_free);
    }
    return f;
}

BlockFile *block_file_open(const char *filename, bool writable, bool overlay,
                           Error **errp)
{
    struct stat st;
    int fd = open(filename, (writable && !overlay ? O_RDWR : O_RDONLY) | O_CLOEXEC);

    if (fd < 0) {
        error_setg_errno(errp, errno, "Could not open '%s'", filename);
        return NULL;
    }
    if (fstat(fd, &st) < 0) {
        error_setg_errno(errp, errno, "Could not open '%s'", filename);
        close(fd);
        return NULL;
    }
    if (S_ISDIR(st.st_mode)) {
        error_setg(errp, "'%s' is a directory", filename);
        close(fd);
        return NULL;
    }
    return file_new(filename, fd, st.st_size, overlay);
}

BlockFile *block_file_new_from_buffer(const char *name, const void *buf,
                                      size_t len)
{
    BlockFile *f = file_new(name, -1, 0, true);

    block_file_pwrite(f, 0, buf, len, &error_abort);
    return f;
}

void block_file_close(BlockFile *f)
{
    if (!f) {
        return;
    }
    if (f->fd >= 0) {
        close(f->fd);
    }
    if (f->overlay) {
        g_hash_table_destroy(f->overlay);
    }
    g_free(f->name);
    g_free(f);
}

/* Reads from the file itself; bytes past its end read as zeros. */
static int host_pread(BlockFile *f, int64_t off, uint8_t *buf, int64_t len,
                      Error **errp)
{
    while (len > 0) {
        ssize_t n = f->fd < 0 ? 0 : pread(f->fd, buf, len, off);

        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            error_setg_errno(errp, errno, "'%s': read error at 0x%" PRIx64,
                             f->name, (uint64_t)off);
            return -EIO;
        }
        if (n == 0) {
            memset(buf, 0, len);
            return 0;
        }
        buf += n;
        off += n;
        len -= n;
    }
    return 0;
}

int block_file_pread(BlockFile *f, int64_t off, void *buf, int64_t len,
                     Error **errp)
{
    uint8_t *p = buf;

    if (off < 0 || len < 0 || off > INT64_MAX - len) {
        error_setg(errp, "'%s': read at invalid offset", f->name);
        return -EINVAL;
    }
    if (!f->overlay) {
        return host_pread(f, off, p, len, errp);
    }
    while (len > 0) {
        int64_t idx = off / BLOCK_FILE_CHUNK;
        int64_t in = off % BLOCK_FILE_CHUNK;
        int64_t n = MIN(len, BLOCK_FILE_CHUNK - in);
        uint8_t *chunk = g_hash_table_lookup(f->overlay, &idx);

        if (chunk) {
            memcpy(p, chunk + in, n);
        } else if (host_pread(f, off, p, n, errp) < 0) {
            return -EIO;
        }
        if (off + n > f->size) {
            /* Beyond the logical end (the overlay may have shrunk nothing). */
            int64_t keep = MAX(f->size - off, 0);

            memset(p + keep, 0, n - keep);
        }
        p += n;
        off += n;
        len -= n;
    }
    return 0;
}

int block_file_pwrite(BlockFile *f, int64_t off, const void *buf, int64_t len,
                      Error **errp)
{
    const uint8_t *p = buf;

    if (off < 0 || len < 0 || off > INT64_MAX - len) {
        error_setg(errp, "'%s': write at invalid offset", f->name);
        return -EINVAL;
    }
    if (!f->overlay) {
        while (len > 0) {
            ssize_t n = pwrite(f->fd, p, len, off);

            if (n < 0) {
                if (errno == EINTR) {
                    continue;
                }
                error_setg_errno(errp, errno, "'%s': write error at 0x%" PRIx64,
                                 f->name, (uint64_t)off);
                return -EIO;
            }
            p += n;
            off += n;
            len -= n;
            f->size = MAX(f->size, off);
        }
        return 0;
    }
    while (len > 0) {
        int64_t idx = off / BLOCK_FILE_CHUNK;
        int64_t in = off % BLOCK_FILE_CHUNK;
        int64_t n = MIN(len, BLOCK_FILE_CHUNK - in);
        uint8_t *chunk = g_hash_table_lookup(f->overlay, &idx);

        if (!chunk) {
            int64_t base = idx * BLOCK_FILE_CHUNK;

            chunk = g_malloc(BLOCK_FILE_CHUNK);
            if (block_file_pread(f, base, chunk, BLOCK_FILE_CHUNK, errp) < 0) {
                g_free(chunk);
                return -EIO;
            }
            g_hash_table_insert(f->overlay, g_memdup2(&idx, sizeof(idx)), chunk);
        }
        memcpy(chunk + in, p, n);
        p += n;
        off += n;
        len -= n;
        f->size = MAX(f->size, off);
    }
    return 0;
}

int block_file_flush(BlockFile *f, Error **errp)
{
    if (f->overlay || f->fd < 0) {
        return 0;
    }
    if (fdatasync(f->fd) < 0) {
        error_setg_errno(errp, errno, "'%s': flush failed", f->name);
        return -EIO;
    }
    return 0;
}
