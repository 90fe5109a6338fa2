/*
 * Text forms of snapshot information (`info snapshots`).
 */
#include "qemu/osdep.h"
#include "block/snapshot.h"

#include <time.h>

char *bdrv_size_to_str(uint64_t val)
{
    static const char *const units[] = { "B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB" };
    double v = val;
    int i = 0;

    /* Switch units at 1000, so at most three digits precede the point. */
    while (v >= 1000 && i < (int)ARRAY_SIZE(units) - 1) {
        v /= 1024;
        i++;
    }
    return g_strdup_printf("%0.3g %s", v, units[i]);
}

char *bdrv_snapshot_format_row(const QEMUSnapshotInfo *sn, bool show_id)
{
    g_autofree char *size = NULL;
    char date[32] = "", clock[64], icount[32] = "";
    uint64_t secs;
    time_t t;
    struct tm tm;

    if (!sn) {
        return g_strdup_printf("%-7s %-16s %8s %19s %15s %10s", "ID", "TAG",
                               "VM_SIZE", "DATE", "VM_CLOCK", "ICOUNT");
    }
    size = bdrv_size_to_str(sn->vm_state_size);
    t = sn->date_sec;
    if (localtime_r(&t, &tm)) {
        strftime(date, sizeof(date), "%Y-%m-%d %H:%M:%S", &tm);
    }
    secs = sn->vm_clock_nsec / NANOSECONDS_PER_SECOND;
    g_snprintf(clock, sizeof(clock), "%02" PRIu64 ":%02d:%02d.%03d", secs / 3600,
               (int)(secs / 60 % 60), (int)(secs % 60),
               (int)(sn->vm_clock_nsec / 1000000 % 1000));
    if (sn->icount != SNAPSHOT_ICOUNT_NONE) {
        g_snprintf(icount, sizeof(icount), "%" PRIu64, sn->icount);
    }
    return g_strdup_printf("%-7s %-16s %8s %19s %15s %10s",
                           show_id ? sn->id_str : "--", sn->name, size, date, clock,
                           icount);
}

char *bdrv_snapshot_format_info(const QEMUSnapshotInfo *list, int n)
{
    GString *out;
    g_autofree char *header = NULL;

    if (n <= 0) {
        return g_strdup("There is no snapshot available.\n");
    }
    header = bdrv_snapshot_format_row(NULL, false);
    out = g_string_new("List of snapshots present on all disks:\n");
    g_string_append_printf(out, "%s\n", header);
    for (int i = 0; i < n; i++) {
        g_autofree char *row = bdrv_snapshot_format_row(&list[i], false);

        g_string_append_printf(out, "%s\n", row);
    }
    return g_string_free(out, FALSE);
}
