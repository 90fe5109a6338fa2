/*
 * Wire encodings of the built-in scalar field kinds (spec "Field
 * encodings"): integers big-endian at their own width, bool one byte,
 * float64 its IEEE bits, CPU_Double_U high word then low word, a timer its
 * expiry in ns (all ones when idle), a buffer its raw bytes, a bitmap
 * ceil(bits / 64) be64 words.
 */
#include "qemu/osdep.h"
#include "qemu/timer.h"
#include "migration/vmstate-priv.h"

static uint64_t load_local(const void *p, size_t size)
{
    switch (size) {
    case 1:
        return *(const uint8_t *)p;
    case 2:
        return *(const uint16_t *)p;
    case 4:
        return *(const uint32_t *)p;
    default:
        return *(const uint64_t *)p;
    }
}

static void store_local(void *p, size_t size, uint64_t v)
{
    switch (size) {
    case 1:
        *(uint8_t *)p = v;
        break;
    case 2:
        *(uint16_t *)p = v;
        break;
    case 4:
        *(uint32_t *)p = v;
        break;
    default:
        *(uint64_t *)p = v;
        break;
    }
}

/* Width on the wire of an integer-like kind; 0 for the others. */
static size_t int_width(VMStateKind kind)
{
    switch (kind) {
    case VMS_KIND_BOOL:
    case VMS_KIND_INT8:
    case VMS_KIND_UINT8:
        return 1;
    case VMS_KIND_INT16:
    case VMS_KIND_UINT16:
        return 2;
    case VMS_KIND_INT32:
    case VMS_KIND_UINT32:
    case VMS_KIND_INT32_LE:
        return 4;
    case VMS_KIND_INT64:
    case VMS_KIND_UINT64:
    case VMS_KIND_FLOAT64:
        return 8;
    default:
        return 0;
    }
}

static uint64_t width_mask(size_t width)
{
    return width >= 8 ? UINT64_MAX : (UINT64_C(1) << (8 * width)) - 1;
}

static bool kind_is_signed(VMStateKind kind)
{
    return kind == VMS_KIND_INT8 || kind == VMS_KIND_INT16 ||
           kind == VMS_KIND_INT32 || kind == VMS_KIND_INT64 ||
           kind == VMS_KIND_INT32_LE;
}

static int64_t sign_extend(uint64_t v, size_t width)
{
    int shift = 64 - 8 * width;

    return (int64_t)(v << shift) >> shift;
}

static void put_int(QEMUFile *f, size_t width, uint64_t v)
{
    switch (width) {
    case 1:
        qemu_put_byte(f, v);
        break;
    case 2:
        qemu_put_be16(f, v);
        break;
    case 4:
        qemu_put_be32(f, v);
        break;
    default:
        qemu_put_be64(f, v);
        break;
    }
}

static uint64_t get_int(QEMUFile *f, size_t width)
{
    switch (width) {
    case 1:
        return qemu_get_byte(f);
    case 2:
        return qemu_get_be16(f);
    case 4:
        return qemu_get_be32(f);
    default:
        return qemu_get_be64(f);
    }
}

void vmstate_put_scalar(QEMUFile *f, const VMStateField *field, void *elem,
                        size_t size)
{
    size_t width = int_width(field->kind);

    if (width) {
        uint64_t v = load_local(elem, field->size);

        if (field->kind == VMS_KIND_BOOL) {
            v = *(bool *)elem;
        }
        put_int(f, width, v);
        return;
    }
    switch (field->kind) {
    case VMS_KIND_CPU_DOUBLE_U: {
        uint64_t v;

        memcpy(&v, elem, 8);
        qemu_put_be32(f, v >> 32);
        qemu_put_be32(f, (uint32_t)v);
        break;
    }
    case VMS_KIND_TIMER:
        qemu_put_be64(f, (uint64_t)timer_expire_time_ns(elem));
        break;
    case VMS_KIND_BUFFER:
        if (size > field->start) {
            qemu_put_buffer(f, (uint8_t *)elem + field->start,
                            size - field->start);
        }
        break;
    case VMS_KIND_BITMAP: {
        const unsigned long *words = elem;

        for (size_t i = 0; i < DIV_ROUND_UP(size, 64); i++) {
            qemu_put_be64(f, words[i]);
        }
        break;
    }
    default:
        g_assert_not_reached();
    }
}

bool vmstate_check_stream(QEMUFile *f, const char *path, Error **errp)
{
    int err = qemu_file_get_error(f);

    if (!err) {
        return true;
    }
    if (err == QEMU_FILE_ETRUNC) {
        error_setg(errp, "field '%s': stream ends early (truncated)", path);
    } else {
        error_setg(errp, "field '%s': read error: %s", path, g_strerror(-err));
    }
    return false;
}

static bool get_int_kind(QEMUFile *f, const VMStateField *field, void *elem,
                         const char *path, Error **errp)
{
    size_t width = int_width(field->kind);
    uint64_t v = get_int(f, width);
    uint64_t local = load_local(elem, field->size);
    bool sign = kind_is_signed(field->kind);

    if (!vmstate_check_stream(f, path, errp)) {
        return false;
    }
    if (field->kind == VMS_KIND_BOOL) {
        if (v > 1) {
            error_setg(errp, "field '%s': %" PRIu64 " is not a bool", path, v);
            return false;
        }
        local = *(bool *)elem;
    }
    if (field->kind == VMS_KIND_INT32_LE) {
        int64_t sv = sign_extend(v, 4), sl = sign_extend(local, 4);

        if (sv < 0 || sv > sl) {
            error_setg(errp, "field '%s': stream value %" PRId64 " is not in "
                       "0..%" PRId64 " (the local value)", path, sv, sl);
            return false;
        }
    }
    if ((field->flags & VMS_EQUAL) && v != (local & width_mask(width))) {
        if (sign) {
            error_setg(errp, "field '%s': stream value %" PRId64 " differs from "
                       "local value %" PRId64, path, sign_extend(v, width),
                       sign_extend(local, width));
        } else {
            error_setg(errp, "field '%s': stream value %" PRIu64 " differs from "
                       "local value %" PRIu64, path, v, local);
        }
        return false;
    }
    if (field->kind == VMS_KIND_BOOL) {
        *(bool *)elem = v;
    } else {
        store_local(elem, field->size,
                    sign ? (uint64_t)sign_extend(v, width) : v);
    }
    return true;
}

bool vmstate_get_scalar(QEMUFile *f, const VMStateField *field, void *elem,
                        size_t size, const char *path, Error **errp)
{
    if (int_width(field->kind)) {
        return get_int_kind(f, field, elem, path, errp);
    }
    switch (field->kind) {
    case VMS_KIND_CPU_DOUBLE_U: {
        uint64_t hi = qemu_get_be32(f);
        uint64_t v = (hi << 32) | qemu_get_be32(f);

        if (!vmstate_check_stream(f, path, errp)) {
            return false;
        }
        memcpy(elem, &v, 8);
        return true;
    }
    case VMS_KIND_TIMER: {
        uint64_t expire = qemu_get_be64(f);

        if (!vmstate_check_stream(f, path, errp)) {
            return false;
        }
        if (expire == UINT64_MAX) {
            timer_del(elem);
        } else if (expire > INT64_MAX) {
            error_setg(errp, "field '%s': timer expiry 0x%" PRIx64 " is not "
                       "a time", path, expire);
            return false;
        } else {
            timer_mod_ns(elem, (int64_t)expire);
        }
        return true;
    }
    case VMS_KIND_BUFFER:
        if (size > field->start) {
            qemu_get_buffer(f, (uint8_t *)elem + field->start,
                            size - field->start);
        }
        return vmstate_check_stream(f, path, errp);
    case VMS_KIND_BITMAP: {
        unsigned long *words = elem;
        size_t n = DIV_ROUND_UP(size, 64);

        for (size_t i = 0; i < n; i++) {
            words[i] = qemu_get_be64(f);
        }
        if (size % 64 && n) {
            /* Bits past the end stay clear whatever the sender had. */
            words[n - 1] &= UINT64_MAX >> (64 - size % 64);
        }
        return vmstate_check_stream(f, path, errp);
    }
    default:
        g_assert_not_reached();
    }
}
