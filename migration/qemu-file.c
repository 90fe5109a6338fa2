/*
 * The buffered migration channel (see include/migration/qemu-file.h).
 *
 * Input keeps a window buf[pos..len) of bytes read ahead; a peek or get
 * that needs more than the window holds refills it from the descriptor
 * (memory input has no refill: the window is the whole buffer). Output
 * collects bytes in buf[0..len) and writes them out when full or flushed;
 * memory output appends straight to a GByteArray.
 */
#include "qemu/osdep.h"
#include "migration/qemu-file.h"
#include "block/block.h"

#define QEMU_FILE_BUF_SIZE (32 * 1024)

struct QEMUFile {
    bool writable;
    int fd;                 /* -1 for memory channels */
    bool own_fd;
    GByteArray *mem_out;    /* memory output */
    BlockDriverState *bs;   /* vmstate area back end, or NULL */
    int64_t bs_pos;         /* next vmstate-area offset to read or write */
    const uint8_t *buf;     /* input window (ours, or the caller's memory) */
    uint8_t *own_buf;       /* buffer we allocated (fd input/output) */
    size_t pos, len;
    bool eof;               /* the descriptor reported end of input */
    int error;
    uint64_t transferred;
};

static QEMUFile *file_new(int fd, bool own_fd, bool writable)
{
    QEMUFile *f = g_new0(QEMUFile, 1);

    f->fd = fd;
    f->own_fd = own_fd;
    f->writable = writable;
    if (fd >= 0) {
        f->own_buf = g_malloc(QEMU_FILE_BUF_SIZE);
        f->buf = f->own_buf;
    }
    return f;
}

QEMUFile *qemu_file_new_input_fd(int fd, bool own_fd)
{
    return file_new(fd, own_fd, false);
}

QEMUFile *qemu_file_new_output_fd(int fd, bool own_fd)
{
    return file_new(fd, own_fd, true);
}

QEMUFile *qemu_file_new_output_mem(void)
{
    QEMUFile *f = file_new(-1, false, true);

    f->mem_out = g_byte_array_new();
    return f;
}

static QEMUFile *file_new_vmstate(BlockDriverState *bs, bool writable)
{
    QEMUFile *f = g_new0(QEMUFile, 1);

    f->fd = -1;
    f->bs = bs;
    f->writable = writable;
    f->own_buf = g_malloc(QEMU_FILE_BUF_SIZE);
    f->buf = f->own_buf;
    return f;
}

QEMUFile *qemu_file_new_output_vmstate(BlockDriverState *bs)
{
    return file_new_vmstate(bs, true);
}

QEMUFile *qemu_file_new_input_vmstate(BlockDriverState *bs)
{
    return file_new_vmstate(bs, false);
}

QEMUFile *qemu_file_new_input_mem(const uint8_t *data, size_t len)
{
    QEMUFile *f = file_new(-1, false, false);

    f->buf = data;
    f->len = len;
    f->eof = true;
    return f;
}

GByteArray *qemu_file_mem_data(QEMUFile *f)
{
    assert(f->mem_out);
    return f->mem_out;
}

int qemu_file_get_error(QEMUFile *f)
{
    return f->error;
}

void qemu_file_set_error(QEMUFile *f, int err)
{
    if (!f->error && err) {
        f->error = err;
    }
}

bool qemu_file_is_truncated(QEMUFile *f)
{
    return f->error == QEMU_FILE_ETRUNC;
}

uint64_t qemu_file_transferred(QEMUFile *f)
{
    return f->transferred;
}

bool qemu_file_is_writable(QEMUFile *f)
{
    return f->writable;
}

void qemu_fflush(QEMUFile *f)
{
    size_t done = 0;

    if (!f->writable || (f->fd < 0 && !f->bs)) {
        return;
    }
    if (f->bs) {
        if (!f->error && f->len) {
            int ret = bdrv_save_vmstate(f->bs, f->own_buf, f->bs_pos, f->len);

            if (ret < 0) {
                qemu_file_set_error(f, ret);
            }
            f->bs_pos += f->len;
        }
        f->len = 0;
        return;
    }
    while (!f->error && done < f->len) {
        ssize_t n = write(f->fd, f->own_buf + done, f->len - done);

        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            qemu_file_set_error(f, n < 0 ? -errno : -EIO);
            break;
        }
        done += n;
    }
    f->len = 0;
}

int qemu_fclose(QEMUFile *f)
{
    int ret;

    qemu_fflush(f);
    ret = f->error;
    if (f->own_fd && f->fd >= 0 && close(f->fd) < 0 && !ret) {
        ret = -errno;
    }
    if (f->mem_out) {
        g_byte_array_free(f->mem_out, TRUE);
    }
    g_free(f->own_buf);
    g_free(f);
    return ret;
}

void qemu_put_buffer(QEMUFile *f, const uint8_t *buf, size_t size)
{
    assert(f->writable);
    if (f->error) {
        return;
    }
    f->transferred += size;
    if (f->mem_out) {
        g_byte_array_append(f->mem_out, buf, size);
        return;
    }
    while (size && !f->error) {
        size_t n = MIN(size, QEMU_FILE_BUF_SIZE - f->len);

        memcpy(f->own_buf + f->len, buf, n);
        f->len += n;
        buf += n;
        size -= n;
        if (f->len == QEMU_FILE_BUF_SIZE) {
            qemu_fflush(f);
        }
    }
}

void qemu_put_byte(QEMUFile *f, uint8_t v)
{
    qemu_put_buffer(f, &v, 1);
}

void qemu_put_be16(QEMUFile *f, uint16_t v)
{
    uint16_t be = GUINT16_TO_BE(v);

    qemu_put_buffer(f, (const uint8_t *)&be, 2);
}

void qemu_put_be32(QEMUFile *f, uint32_t v)
{
    uint32_t be = GUINT32_TO_BE(v);

    qemu_put_buffer(f, (const uint8_t *)&be, 4);
}

void qemu_put_be64(QEMUFile *f, uint64_t v)
{
    uint64_t be = GUINT64_TO_BE(v);

    qemu_put_buffer(f, (const uint8_t *)&be, 8);
}

/*
 * Makes at least NEED bytes available in the window if the input has
 * them; returns how many are available. Sets no error (callers decide
 * whether a short window is a truncation).
 */
static size_t fill(QEMUFile *f, size_t need)
{
    assert(!f->writable);
    if (f->error) {
        return 0;
    }
    if (f->len - f->pos >= need || f->eof) {
        return f->len - f->pos;
    }
    /* fd input: slide the unread bytes to the front, then read more. */
    memmove(f->own_buf, f->own_buf + f->pos, f->len - f->pos);
    f->len -= f->pos;
    f->pos = 0;
    while (f->len < need && !f->eof && f->bs) {
        /*
         * The vmstate area has no end marker: read whole chunks; reading
         * past what was saved gives zeros or an error, and the stream's
         * own EOF record decides where it ends.
         */
        size_t n = QEMU_FILE_BUF_SIZE - f->len;
        int ret = bdrv_load_vmstate(f->bs, f->own_buf + f->len, f->bs_pos, n);

        if (ret < 0) {
            f->eof = true;      /* nothing more can be read */
            break;
        }
        f->bs_pos += n;
        f->len += n;
    }
    while (f->len < need && !f->eof) {
        ssize_t n = read(f->fd, f->own_buf + f->len, QEMU_FILE_BUF_SIZE - f->len);

        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0) {
            qemu_file_set_error(f, -errno);
            return 0;
        }
        if (n == 0) {
            f->eof = true;
        }
        f->len += n;
    }
    return f->len - f->pos;
}

size_t qemu_get_buffer(QEMUFile *f, uint8_t *buf, size_t size)
{
    size_t done = 0;

    while (done < size) {
        size_t want = MIN(size - done, QEMU_FILE_BUF_SIZE);
        size_t avail = fill(f, want);
        size_t n = MIN(avail, want);

        if (n == 0) {
            if (!f->error) {
                qemu_file_set_error(f, QEMU_FILE_ETRUNC);
            }
            memset(buf + done, 0, size - done);
            break;
        }
        memcpy(buf + done, f->buf + f->pos, n);
        f->pos += n;
        f->transferred += n;
        done += n;
    }
    return done;
}

size_t qemu_file_skip(QEMUFile *f, size_t size)
{
    size_t done = 0;

    while (done < size) {
        size_t want = MIN(size - done, QEMU_FILE_BUF_SIZE);
        size_t n = MIN(fill(f, want), want);

        if (n == 0) {
            if (!f->error) {
                qemu_file_set_error(f, QEMU_FILE_ETRUNC);
            }
            break;
        }
        f->pos += n;
        f->transferred += n;
        done += n;
    }
    return done;
}

uint8_t qemu_get_byte(QEMUFile *f)
{
    uint8_t v;

    qemu_get_buffer(f, &v, 1);
    return v;
}

uint16_t qemu_get_be16(QEMUFile *f)
{
    uint16_t v;

    qemu_get_buffer(f, (uint8_t *)&v, 2);
    return GUINT16_FROM_BE(v);
}

uint32_t qemu_get_be32(QEMUFile *f)
{
    uint32_t v;

    qemu_get_buffer(f, (uint8_t *)&v, 4);
    return GUINT32_FROM_BE(v);
}

uint64_t qemu_get_be64(QEMUFile *f)
{
    uint64_t v;

    qemu_get_buffer(f, (uint8_t *)&v, 8);
    return GUINT64_FROM_BE(v);
}

size_t qemu_peek_buffer(QEMUFile *f, const uint8_t **buf, size_t size,
                        size_t offset)
{
    size_t avail;

    assert(size + offset <= QEMU_FILE_PEEK_MAX);
    avail = fill(f, offset + size);
    if (avail <= offset) {
        *buf = NULL;
        return 0;
    }
    *buf = f->buf + f->pos + offset;
    return MIN(avail - offset, size);
}

int qemu_peek_byte(QEMUFile *f, size_t offset)
{
    const uint8_t *p;

    return qemu_peek_buffer(f, &p, 1, offset) == 1 ? *p : -1;
}
