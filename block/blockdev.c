/*
 * -drive: option parsing and the table of drives.
 */
#include "qemu/osdep.h"
#include "qemu/option.h"
#include "system/blockdev.h"

static const char *const if_names[IF_COUNT] = {
    [IF_NONE] = "none", [IF_IDE] = "ide", [IF_PFLASH] = "pflash",
    [IF_MTD] = "mtd", [IF_SD] = "sd",
};
/* Units per bus; 0: one bus with any number of units. */
static const int if_max_devs[IF_COUNT] = { [IF_IDE] = 2 };

static GPtrArray *drives;       /* DriveInfo * */

static const char *const drive_params[] = {
    "file", "format", "if", "id", "index", "bus", "unit", "snapshot",
    "readonly", NULL
};

typedef struct DriveOpts {
    const char *file, *format, *id;
    BlockInterfaceType type;
    int64_t index, bus, unit;   /* -1: not given */
    bool snapshot, readonly;
} DriveOpts;

static bool get_int(QemuOpts *opts, const char *key, int64_t *out, Error **errp)
{
    const char *v = qemu_opt_get(opts, key);
    uint64_t n;

    *out = -1;
    if (!v) {
        return true;
    }
    if (!g_ascii_string_to_unsigned(v, 10, 0, 1023, &n, NULL)) {
        error_setg(errp, "invalid %s '%s' (expected 0..1023)", key, v);
        return false;
    }
    *out = n;
    return true;
}

static bool parse(QemuOpts *opts, DriveOpts *d, Error **errp)
{
    const char *ifname = qemu_opt_get(opts, "if");
    Error *err = NULL;

    if (!qemu_opts_check(opts, drive_params, errp)) {
        return false;
    }
    d->file = qemu_opt_get(opts, "file");
    d->format = qemu_opt_get(opts, "format");
    d->id = opts->id;
    if (d->format && strcmp(d->format, "raw") && strcmp(d->format, "qcow2")) {
        error_setg(errp, "invalid format '%s' (expected raw or qcow2)", d->format);
        return false;
    }
    d->type = IF_DEFAULT;
    for (int i = 0; ifname && i < IF_COUNT; i++) {
        if (!strcmp(ifname, if_names[i])) {
            d->type = i;
        }
    }
    if (ifname && d->type == IF_DEFAULT) {
        error_setg(errp, "invalid if '%s' (expected none, ide, sd, mtd or pflash)",
                   ifname);
        return false;
    }
    if (d->type == IF_DEFAULT) {
        d->type = IF_NONE;
    }
    d->snapshot = qemu_opt_get_bool(opts, "snapshot", false, &err);
    if (!err) {
        d->readonly = qemu_opt_get_bool(opts, "readonly", false, &err);
    }
    if (err) {
        error_propagate(errp, err);
        return false;
    }
    if (!get_int(opts, "index", &d->index, errp) || !get_int(opts, "bus", &d->bus, errp) ||
        !get_int(opts, "unit", &d->unit, errp)) {
        return false;
    }
    if (d->index >= 0 && (d->bus >= 0 || d->unit >= 0)) {
        error_setg(errp, "index cannot be used with bus and unit");
        return false;
    }
    if (d->id && !d->id[0]) {
        error_setg(errp, "invalid id ''");
        return false;
    }
    return true;
}

bool drive_check_opts(const char *spec, Error **errp)
{
    g_autoptr(QemuOpts) opts = qemu_opts_parse("drive", spec, NULL, errp);
    DriveOpts d;

    return opts && parse(opts, &d, errp);
}

DriveInfo *drive_get_info(BlockInterfaceType type, int bus, int unit)
{
    for (guint i = 0; drives && i < drives->len; i++) {
        DriveInfo *di = g_ptr_array_index(drives, i);

        if (di->type == type && di->bus == bus && di->unit == unit) {
            return di;
        }
    }
    return NULL;
}

static bool id_taken(const char *id)
{
    for (guint i = 0; drives && i < drives->len; i++) {
        if (!strcmp(((DriveInfo *)g_ptr_array_index(drives, i))->id, id)) {
            return true;
        }
    }
    return false;
}

DriveInfo *drive_new(const char *spec, bool snapshot_all, Error **errp)
{
    g_autoptr(QemuOpts) opts = qemu_opts_parse("drive", spec, NULL, errp);
    int max;
    DriveOpts d;
    DriveInfo *di;

    if (!opts || !parse(opts, &d, errp)) {
        return NULL;
    }
    max = if_max_devs[d.type];
    if (d.index >= 0) {
        d.bus = max ? d.index / max : 0;
        d.unit = max ? d.index % max : d.index;
    }
    if (d.bus < 0) {
        d.bus = 0;
    }
    if (d.unit < 0) {
        d.unit = 0;
        while (drive_get_info(d.type, d.bus, d.unit)) {
            d.unit++;
        }
        if (max && d.unit >= max) {
            d.bus = d.unit / max;
            d.unit %= max;
            while (drive_get_info(d.type, d.bus, d.unit)) {
                d.bus++;
            }
        }
    }
    if (max && d.unit >= max) {
        error_setg(errp, "unit %" PRId64 " too big (max is %d)", d.unit, max - 1);
        return NULL;
    }
    if (drive_get_info(d.type, d.bus, d.unit)) {
        error_setg(errp, "drive with bus=%" PRId64 ", unit=%" PRId64 " (index=%" PRId64
                   ") exists", d.bus, d.unit, max ? d.bus * max + d.unit : d.unit);
        return NULL;
    }
    di = g_new0(DriveInfo, 1);
    di->type = d.type;
    di->bus = d.bus;
    di->unit = d.unit;
    if (d.id) {
        di->id = g_strdup(d.id);
    } else if (max) {
        di->id = g_strdup_printf("%s%d-hd%d", if_names[d.type], di->bus, di->unit);
    } else {
        di->id = g_strdup_printf("%s%d", if_names[d.type], di->unit);
    }
    if (id_taken(di->id)) {
        error_setg(errp, "duplicate drive id '%s'", di->id);
        goto fail;
    }
    if (d.file) {
        int flags = d.readonly ? 0 : BDRV_O_RDWR;

        if (d.snapshot || snapshot_all) {
            flags |= BDRV_O_SNAPSHOT;
        }
        di->bs = bdrv_open(d.file, d.format, flags, errp);
        if (!di->bs) {
            goto fail;
        }
    }
    if (!drives) {
        drives = g_ptr_array_new();
    }
    g_ptr_array_add(drives, di);
    return di;
fail:
    g_free(di->id);
    g_free(di);
    return NULL;
}

BlockDriverState *drive_get(BlockInterfaceType type, int bus, int unit)
{
    DriveInfo *di = drive_get_info(type, bus, unit);

    return di ? di->bs : NULL;
}

BlockDriverState *drive_get_by_index(BlockInterfaceType type, int index)
{
    int max = type >= 0 && type < IF_COUNT ? if_max_devs[type] : 0;

    if (index < 0) {
        return NULL;
    }
    return max ? drive_get(type, index / max, index % max) : drive_get(type, 0, index);
}

const char *bdrv_get_device_name(BlockDriverState *bs)
{
    for (guint i = 0; bs && drives && i < drives->len; i++) {
        DriveInfo *di = g_ptr_array_index(drives, i);

        if (di->bs == bs) {
            return di->id;
        }
    }
    return NULL;
}

BlockDriverState *bdrv_next(BlockDriverState *bs)
{
    bool seen = !bs;

    for (guint i = 0; drives && i < drives->len; i++) {
        DriveInfo *di = g_ptr_array_index(drives, i);

        if (!di->bs) {
            continue;
        }
        if (seen) {
            return di->bs;
        }
        seen = di->bs == bs;
    }
    return NULL;
}

void drive_cleanup(void)
{
    for (guint i = 0; drives && i < drives->len; i++) {
        DriveInfo *di = g_ptr_array_index(drives, i);

        bdrv_close(di->bs);
        g_free(di->id);
        g_free(di);
    }
    if (drives) {
        g_ptr_array_free(drives, TRUE);
        drives = NULL;
    }
}
