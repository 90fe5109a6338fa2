/*
 * The command implementations both monitors call (include/monitor/commands.h).
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "exec/memory.h"
#include "monitor/commands.h"
#include "system/runstate.h"
#include "hw/core/cpu.h"
#include "exec/cpu-common.h"
#include "hw/input/ps2.h"
#include "qemu/timer.h"
#include "ui/console.h"
#include "ui/input.h"

void qmp_stop(Error **errp)
{
    vm_stop(RUN_STATE_PAUSED);
}

void qmp_cont(Error **errp)
{
    if (runstate_check(RUN_STATE_SHUTDOWN) ||
        runstate_check(RUN_STATE_INTERNAL_ERROR) ||
        runstate_check(RUN_STATE_GUEST_PANICKED)) {
        error_setg(errp, "Resetting the Virtual Machine is required");
        return;
    }
    if (runstate_check(RUN_STATE_INMIGRATE)) {
        error_setg(errp, "Migration is not finalized yet");
        return;
    }
    vm_start();
}

void qmp_quit(Error **errp)
{
    qemu_system_shutdown_request(SHUTDOWN_CAUSE_HOST_QMP_QUIT);
}

void qmp_system_reset(Error **errp)
{
    qemu_system_reset_request(SHUTDOWN_CAUSE_HOST_QMP_SYSTEM_RESET);
}

StatusInfo qmp_query_status(void)
{
    return (StatusInfo) {
        .running = runstate_is_running(),
        .status = runstate_get(),
    };
}

VersionInfo qmp_query_version(void)
{
    return (VersionInfo) {
        .major = FERRY_VERSION_MAJOR,
        .minor = FERRY_VERSION_MINOR,
        .micro = FERRY_VERSION_MICRO,
        .package = FERRY_PACKAGE,
    };
}

Object *qmp_resolve_path(const char *path, Error **errp)
{
    bool ambiguous = false;
    Object *obj = object_resolve_path(path, &ambiguous);

    if (!obj) {
        if (ambiguous) {
            error_setg(errp, "Path '%s' is ambiguous", path);
        } else {
            error_set(errp, ERROR_CLASS_DEVICE_NOT_FOUND, "Device '%s' not found", path);
        }
    }
    return obj;
}

GVariant *qmp_qom_get(const char *path, const char *prop, Error **errp)
{
    Object *obj = qmp_resolve_path(path, errp);

    return obj ? object_property_get(obj, prop, errp) : NULL;
}

bool qmp_qom_set(const char *path, const char *prop, GVariant *value, Error **errp)
{
    Object *obj = qmp_resolve_path(path, errp);

    return obj && object_property_set(obj, prop, value, errp);
}

bool qmp_qom_set_str(const char *path, const char *prop, const char *value,
                     Error **errp)
{
    Object *obj = qmp_resolve_path(path, errp);

    return obj && object_property_parse(obj, prop, value, errp);
}

static void collect_prop(Object *obj, ObjectProperty *prop, void *opaque)
{
    g_ptr_array_add(opaque, prop);
}

GPtrArray *qmp_qom_list(const char *path, Error **errp)
{
    Object *obj = qmp_resolve_path(path, errp);
    GPtrArray *props;

    if (!obj) {
        return NULL;
    }
    props = g_ptr_array_new();
    object_property_foreach(obj, collect_prop, props);
    return props;
}

bool monitor_read_phys(uint64_t addr, void *buf, size_t len, Error **errp)
{
    MemTxResult r = address_space_read(&address_space_memory, addr,
                                       MEMTXATTRS_UNSPECIFIED, buf, len);

    if (r != MEMTX_OK) {
        error_setg(errp, "Cannot access memory at physical address 0x%" PRIx64
                   " (size %zu)", addr, len);
        return false;
    }
    return true;
}

static void no_balloon(Error **errp)
{
    error_set(errp, ERROR_CLASS_DEVICE_NOT_ACTIVE,
              "No balloon device has been activated");
}

uint64_t qmp_query_balloon(Error **errp)
{
    no_balloon(errp);
    return 0;
}

void qmp_balloon(int64_t target_bytes, Error **errp)
{
    if (target_bytes <= 0) {
        error_setg(errp, "Parameter 'value' expects a size above 0, got %"
                   PRId64, target_bytes);
        return;
    }
    no_balloon(errp);
}

static int monitor_cpu_index;

struct CPUState *monitor_get_cpu(void)
{
    CPUState *cs = qemu_get_cpu(monitor_cpu_index);

    return cs ? cs : qemu_get_cpu(0);
}

bool monitor_set_cpu(int index, Error **errp)
{
    if (index < 0 || !qemu_get_cpu(index)) {
        error_setg(errp, "invalid CPU index %d", index);
        return false;
    }
    monitor_cpu_index = index;
    return true;
}

/*
 * Virtual addresses are those of the monitor's current CPU, page
 * by page through its MMU as a debugger sees it (no faults, no TLB fill).
 */
bool monitor_read_virt(uint64_t addr, void *buf, size_t len, Error **errp)
{
    CPUState *cs = monitor_get_cpu();
    uint8_t *out = buf;

    if (!cs) {
        error_setg(errp, "no CPU is available to translate virtual address 0x%" PRIx64
                   " (use the physical form, e.g. xp or pmemsave)", addr);
        return false;
    }
    while (len) {
        uint64_t page = addr & TARGET_PAGE_MASK;
        size_t n = MIN(len, page + TARGET_PAGE_SIZE - addr);
        uint64_t phys = CPU_GET_CLASS(cs)->get_phys_page_debug(cs, page);

        if (phys == (uint64_t)-1) {
            error_setg(errp, "Cannot access memory at virtual address 0x%" PRIx64
                       " (not mapped)", addr);
            return false;
        }
        if (!monitor_read_phys(phys + (addr - page), out, n, errp)) {
            return false;
        }
        addr += n;
        out += n;
        len -= n;
    }
    return true;
}

static bool mem_save(MemReader *read, uint64_t addr, uint64_t size,
                     const char *filename, Error **errp)
{
    uint8_t chunk[4096];
    FILE *f;
    bool ok = true;

    /* Check the first access before creating the file. */
    if (size && !read(addr, chunk, MIN(size, sizeof(chunk)), errp)) {
        return false;
    }
    f = fopen(filename, "wb");
    if (!f) {
        error_setg_errno(errp, errno, "Could not open '%s'", filename);
        return false;
    }
    for (uint64_t done = 0; done < size && ok;) {
        size_t n = MIN(size - done, sizeof(chunk));

        ok = read(addr + done, chunk, n, errp);
        if (ok && fwrite(chunk, 1, n, f) != n) {
            error_setg_errno(errp, errno, "Could not write to '%s'", filename);
            ok = false;
        }
        done += n;
    }
    if (fclose(f) != 0 && ok) {
        error_setg_errno(errp, errno, "Could not write to '%s'", filename);
        ok = false;
    }
    return ok;
}

bool qmp_memsave(uint64_t addr, uint64_t size, const char *filename, Error **errp)
{
    return mem_save(monitor_read_virt, addr, size, filename, errp);
}

bool qmp_pmemsave(uint64_t addr, uint64_t size, const char *filename, Error **errp)
{
    return mem_save(monitor_read_phys, addr, size, filename, errp);
}

/* Keys of the last send-key, released by the timer (or the next send-key). */
static struct {
    QEMUTimer *timer;
    PS2KbdState *kbd;
    int qcodes[16];
    size_t n;
} held_keys;

static void release_held_keys(void *opaque)
{
    while (held_keys.n) {
        ps2_keyboard_event(held_keys.kbd, held_keys.qcodes[--held_keys.n], false);
    }
}

bool qmp_send_key(const int *qcodes, size_t n, int64_t hold_ms, Error **errp)
{
    PS2KbdState *kbd = ps2_keyboard_default();

    if (!n) {
        error_setg(errp, "send-key: no key given");
        return false;
    }
    if (n > G_N_ELEMENTS(held_keys.qcodes)) {
        error_setg(errp, "send-key: at most %zu keys at once, got %zu",
                   G_N_ELEMENTS(held_keys.qcodes), n);
        return false;
    }
    for (size_t i = 0; i < n; i++) {
        if (!qemu_input_qcode_name(qcodes[i])) {
            error_setg(errp, "send-key: invalid key code %d", qcodes[i]);
            return false;
        }
    }
    if (!kbd) {
        error_setg(errp, "send-key: the machine has no keyboard");
        return false;
    }
    if (held_keys.timer) {
        timer_del(held_keys.timer);
    }
    release_held_keys(NULL);
    held_keys.kbd = kbd;
    for (size_t i = 0; i < n; i++) {
        ps2_keyboard_event(kbd, qcodes[i], true);
        held_keys.qcodes[held_keys.n++] = qcodes[i];
    }
    if (hold_ms <= 0) {
        release_held_keys(NULL);
        return true;
    }
    if (!held_keys.timer) {
        held_keys.timer = timer_new_ms(QEMU_CLOCK_VIRTUAL, release_held_keys, NULL);
    }
    timer_mod(held_keys.timer, qemu_clock_get_ms(QEMU_CLOCK_VIRTUAL) + hold_ms);
    return true;
}

bool qmp_screendump(const char *filename, const char *format, Error **errp)
{
    if (format && strcmp(format, "ppm")) {
        error_setg(errp, "screendump: format '%s' is not supported (only ppm)", format);
        return false;
    }
    return qemu_screendump(filename, errp);
}
