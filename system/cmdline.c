/*
 * The option table and the parser behind qemu_cmdline_parse().
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/cutils.h"
#include "qemu/log.h"
#include "qemu/option.h"
#include "migration/migration.h"
#include "system/accel.h"
#include "system/cmdline.h"
#include "system/blockdev.h"
#include "net/net.h"

typedef enum OptionIndex {
    OPT_MACHINE, OPT_CPU, OPT_M_RAM, OPT_SMP, OPT_KERNEL, OPT_INITRD,
    OPT_APPEND, OPT_DTB, OPT_BIOS, OPT_DRIVE, OPT_SNAPSHOT, OPT_DEVICE,
    OPT_GLOBAL, OPT_NETDEV, OPT_NIC, OPT_SERIAL, OPT_MONITOR, OPT_QMP,
    OPT_CHARDEV, OPT_MON, OPT_NOGRAPHIC, OPT_DISPLAY, OPT_S, OPT_INCOMING,
    OPT_LOADVM, OPT_NO_REBOOT, OPT_NO_SHUTDOWN, OPT_SEMIHOSTING, OPT_SEMIHOSTING_CONFIG,
    OPT_ICOUNT,
    OPT_ACCEL, OPT_QTEST, OPT_QTEST_LOG, OPT_D, OPT_D_FILE, OPT_TRACE,
    OPT_DUMP_VMSTATE, OPT_NODEFAULTS, OPT_NAME, OPT_UUID, OPT_PROM_ENV,
    OPT_AUDIO, OPT_RUN_WITH, OPT_VERSION, OPT_HELP,
} OptionIndex;

typedef struct OptionDef {
    const char *name;
    const char *arg;        /* argument placeholder, NULL: takes none */
    OptionIndex index;
    const char *help;
} OptionDef;

static const OptionDef option_table[] = {
    { "M", "NAME[,prop=value...]", OPT_MACHINE, "select the machine ('-M help' lists them)" },
    { "machine", "NAME[,prop=value...]", OPT_MACHINE, "same as -M" },
    { "cpu", "MODEL", OPT_CPU, "select the CPU model ('-cpu help' lists them)" },
    { "m", "SIZE", OPT_M_RAM, "guest RAM size (bare number: MiB; K/M/G suffixes)" },
    { "smp", "N[,maxcpus=M]", OPT_SMP, "number of CPUs" },
    { "kernel", "FILE", OPT_KERNEL, "kernel image to boot" },
    { "initrd", "FILE", OPT_INITRD, "initial ram disk" },
    { "append", "CMDLINE", OPT_APPEND, "kernel command line" },
    { "dtb", "FILE", OPT_DTB, "device tree blob" },
    { "bios", "FILE", OPT_BIOS, "firmware image" },
    { "drive", "OPTIONS", OPT_DRIVE, "block device" },
    { "snapshot", NULL, OPT_SNAPSHOT, "write to temporary files instead of disk images" },
    { "device", "TYPE[,prop=value...]", OPT_DEVICE, "add a device ('-device help')" },
    { "global", "TYPE.prop=value", OPT_GLOBAL, "default value of a device property" },
    { "netdev", "OPTIONS", OPT_NETDEV, "network back end" },
    { "nic", "OPTIONS", OPT_NIC, "network card and back end" },
    { "serial", "DEV", OPT_SERIAL, "redirect the next serial port to DEV" },
    { "monitor", "DEV", OPT_MONITOR, "human monitor on DEV" },
    { "qmp", "DEV", OPT_QMP, "QMP monitor on DEV" },
    { "chardev", "BACKEND,id=ID[,...]", OPT_CHARDEV, "character device ('-chardev help')" },
    { "mon", "chardev=ID[,mode=readline|control]", OPT_MON, "monitor on a chardev" },
    { "nographic", NULL, OPT_NOGRAPHIC, "no display; serial and monitor on stdio" },
    { "display", "none", OPT_DISPLAY, "display back end (only 'none')" },
    { "S", NULL, OPT_S, "do not start the guest at startup" },
    { "incoming", "URI", OPT_INCOMING, "wait for an incoming migration" },
    { "loadvm", "TAG", OPT_LOADVM, "start from a snapshot" },
    { "no-reboot", NULL, OPT_NO_REBOOT, "exit instead of rebooting" },
    { "no-shutdown", NULL, OPT_NO_SHUTDOWN, "stop instead of exiting on guest shutdown" },
    { "semihosting", NULL, OPT_SEMIHOSTING, "enable semihosting" },
    { "semihosting-config", "enable=on|off[,target=native]", OPT_SEMIHOSTING_CONFIG,
      "configure semihosting" },
    { "icount", "shift=N", OPT_ICOUNT, "instruction counting" },
    { "accel", "tcg|qtest", OPT_ACCEL, "accelerator (repeatable: the first that works)" },
    { "qtest", "CHARDEV", OPT_QTEST, "qtest protocol on CHARDEV" },
    { "qtest-log", "FILE", OPT_QTEST_LOG, "log of the qtest protocol" },
    { "d", "ITEM[,...]", OPT_D, "debug log items ('-d help')" },
    { "D", "FILE", OPT_D_FILE, "send the debug log to FILE" },
    { "trace", "PATTERN", OPT_TRACE, "enable trace events" },
    { "dump-vmstate", "FILE", OPT_DUMP_VMSTATE, "write the VMState descriptions as JSON" },
    { "nodefaults", NULL, OPT_NODEFAULTS, "no default serial, monitor or devices" },
    { "name", "NAME", OPT_NAME, "guest name" },
    { "uuid", "UUID", OPT_UUID, "machine UUID" },
    { "prom-env", "VAR=VALUE", OPT_PROM_ENV, "firmware environment variable" },
    { "audio", "none", OPT_AUDIO, "audio back end (only 'none')" },
    { "run-with", "exit-with-parent=on", OPT_RUN_WITH, "process options" },
    { "version", NULL, OPT_VERSION, "print the version and exit" },
    { "h", NULL, OPT_HELP, "print this help and exit" },
    { "help", NULL, OPT_HELP, "same as -h" },
};

static void monitor_free(gpointer p)
{
    CmdlineMonitor *mon = p;

    g_free(mon->spec);
    g_free(mon->chardev_id);
    g_free(mon);
}

static void opts_free(gpointer p)
{
    qemu_opts_free(p);
}

void qemu_cmdline_config_init(CmdlineConfig *cfg)
{
    memset(cfg, 0, sizeof(*cfg));
    cfg->serials = g_ptr_array_new_with_free_func(g_free);
    cfg->monitors = g_ptr_array_new_with_free_func(monitor_free);
    cfg->chardevs = g_ptr_array_new_with_free_func(opts_free);
    cfg->devices = g_ptr_array_new_with_free_func(opts_free);
    cfg->drives = g_ptr_array_new_with_free_func(g_free);
    cfg->netdevs = g_ptr_array_new_with_free_func(g_free);
    cfg->nics = g_ptr_array_new_with_free_func(g_free);
    cfg->globals = g_ptr_array_new_with_free_func(g_free);
    cfg->prom_env = g_ptr_array_new_with_free_func(g_free);
    cfg->accels = g_ptr_array_new_with_free_func(g_free);
}

void qemu_cmdline_config_free(CmdlineConfig *cfg)
{
    qemu_opts_free(cfg->help_opts);
    qemu_opts_free(cfg->machine_opts);
    g_free(cfg->machine_type);
    g_free(cfg->cpu_model);
    g_free(cfg->kernel);
    g_free(cfg->initrd);
    g_free(cfg->append);
    g_free(cfg->dtb);
    g_free(cfg->bios);
    g_free(cfg->name);
    g_free(cfg->uuid);
    g_free(cfg->qtest_chardev);
    g_free(cfg->qtest_log);
    g_ptr_array_free(cfg->accels, TRUE);
    g_free(cfg->log_file);
    g_free(cfg->dump_vmstate);
    g_free(cfg->loadvm);
    g_free(cfg->incoming);
    g_ptr_array_free(cfg->serials, TRUE);
    g_ptr_array_free(cfg->monitors, TRUE);
    g_ptr_array_free(cfg->chardevs, TRUE);
    g_ptr_array_free(cfg->devices, TRUE);
    g_ptr_array_free(cfg->drives, TRUE);
    g_ptr_array_free(cfg->netdevs, TRUE);
    g_ptr_array_free(cfg->nics, TRUE);
    g_ptr_array_free(cfg->globals, TRUE);
    g_ptr_array_free(cfg->prom_env, TRUE);
    memset(cfg, 0, sizeof(*cfg));
}

static bool is_help(const char *s)
{
    return !strcmp(s, "help") || !strcmp(s, "?");
}

static void set_str(char **field, const char *value)
{
    g_free(*field);
    *field = g_strdup(value);
}

/* -M NAME,prop=v: "type" picks the machine, the rest are properties. */
static bool parse_machine(CmdlineConfig *cfg, const char *arg, Error **errp)
{
    QemuOpts *opts = qemu_opts_parse("machine", arg, "type", errp);
    const char *type;

    if (!opts) {
        return false;
    }
    type = qemu_opt_get(opts, "type");
    if (type && is_help(type)) {
        cfg->help = CMDLINE_HELP_MACHINE;
    } else if (type) {
        set_str(&cfg->machine_type, type);
    }
    if (!cfg->machine_opts) {
        cfg->machine_opts = qemu_opts_parse("machine", "", NULL, &error_abort);
    }
    for (guint i = 0; i < opts->opts->len; i++) {
        QemuOpt *o = g_ptr_array_index(opts->opts, i);

        if (strcmp(o->name, "type")) {
            qemu_opt_set(cfg->machine_opts, o->name, o->value);
        }
    }
    qemu_opts_free(opts);
    return true;
}

/* -m SIZE or -m size=SIZE[,slots=N,maxmem=SIZE]. */
static bool parse_ram(CmdlineConfig *cfg, const char *arg, Error **errp)
{
    static const char *const allowed[] = { "size", "slots", "maxmem", NULL };
    g_autoptr(QemuOpts) opts = qemu_opts_parse("memory", arg, "size", errp);
    const char *size;
    uint64_t value;

    if (!opts || !qemu_opts_check(opts, allowed, errp)) {
        return false;
    }
    size = qemu_opt_get(opts, "size");
    if (!size) {
        error_setg(errp, "missing 'size'");
        return false;
    }
    if (qemu_strtosz_MiB(size, &value) < 0) {
        error_setg(errp, "invalid size");
        return false;
    }
    if (value == 0) {
        error_setg(errp, "RAM size must not be zero");
        return false;
    }
    cfg->ram_size = value;
    return true;
}

static bool parse_count(const QemuOpts *opts, const char *key, unsigned *out,
                        Error **errp)
{
    const char *s = qemu_opt_get(opts, key);
    uint64_t v;

    if (!s) {
        return true;
    }
    if (qemu_strtou64(s, 10, &v) < 0 || v == 0 || v > 4096) {
        error_setg(errp, "invalid %s '%s' (expected 1..4096)", key, s);
        return false;
    }
    *out = v;
    return true;
}

/* -smp N[,cpus=N][,maxcpus=M][,sockets=,cores=,threads=] */
static bool parse_smp(CmdlineConfig *cfg, const char *arg, Error **errp)
{
    static const char *const allowed[] = {
        "cpus", "maxcpus", "sockets", "dies", "clusters", "cores", "threads",
        NULL
    };
    g_autoptr(QemuOpts) opts = qemu_opts_parse("smp-opts", arg, "cpus", errp);
    unsigned cpus = 0, max = 0, sockets = 1, cores = 1, threads = 1, dies = 1;
    unsigned clusters = 1;

    if (!opts || !qemu_opts_check(opts, allowed, errp) ||
        !parse_count(opts, "cpus", &cpus, errp) ||
        !parse_count(opts, "maxcpus", &max, errp) ||
        !parse_count(opts, "sockets", &sockets, errp) ||
        !parse_count(opts, "dies", &dies, errp) ||
        !parse_count(opts, "clusters", &clusters, errp) ||
        !parse_count(opts, "cores", &cores, errp) ||
        !parse_count(opts, "threads", &threads, errp)) {
        return false;
    }
    if (!cpus) {
        cpus = max ? max : sockets * dies * clusters * cores * threads;
    }
    if (max && max < cpus) {
        error_setg(errp, "maxcpus (%u) must be at least cpus (%u)", max, cpus);
        return false;
    }
    cfg->smp_cpus = cpus;
    cfg->smp_max_cpus = max ? max : cpus;
    cfg->smp_given = true;
    return true;
}

static bool parse_name(CmdlineConfig *cfg, const char *arg, Error **errp)
{
    static const char *const allowed[] = {
        "guest", "process", "debug-threads", NULL
    };
    g_autoptr(QemuOpts) opts = qemu_opts_parse("name", arg, "guest", errp);

    if (!opts || !qemu_opts_check(opts, allowed, errp)) {
        return false;
    }
    set_str(&cfg->name, qemu_opt_get(opts, "guest"));
    return true;
}

static bool parse_mon(CmdlineConfig *cfg, const char *arg, Error **errp)
{
    static const char *const allowed[] = { "chardev", "mode", "pretty", NULL };
    g_autoptr(QemuOpts) opts = qemu_opts_parse("mon", arg, "chardev", errp);
    const char *mode, *chardev;
    CmdlineMonitor *mon;

    if (!opts || !qemu_opts_check(opts, allowed, errp)) {
        return false;
    }
    chardev = qemu_opt_get(opts, "chardev");
    if (!chardev) {
        error_setg(errp, "parameter 'chardev' is missing");
        return false;
    }
    mode = qemu_opt_get(opts, "mode");
    if (mode && strcmp(mode, "readline") && strcmp(mode, "control")) {
        error_setg(errp, "invalid mode '%s' (expected readline or control)", mode);
        return false;
    }
    mon = g_new0(CmdlineMonitor, 1);
    mon->chardev_id = g_strdup(chardev);
    mon->control = mode && !strcmp(mode, "control");
    {
        Error *err = NULL;

        mon->pretty = qemu_opt_get_bool(opts, "pretty", false, &err);
        if (err) {
            g_free(mon->chardev_id);
            g_free(mon);
            error_propagate(errp, err);
            return false;
        }
    }
    g_ptr_array_add(cfg->monitors, mon);
    return true;
}

static bool parse_chardev(CmdlineConfig *cfg, const char *arg, Error **errp)
{
    QemuOpts *opts = qemu_opts_parse("chardev", arg, "backend", errp);
    const char *backend;

    if (!opts) {
        return false;
    }
    backend = qemu_opt_get(opts, "backend");
    if (qemu_opts_wants_help(opts) || (backend && is_help(backend))) {
        cfg->help = CMDLINE_HELP_CHARDEV;
        qemu_opts_free(opts);
        return true;
    }
    if (!opts->id) {
        error_setg(errp, "chardev: no id specified");
        qemu_opts_free(opts);
        return false;
    }
    if (!backend) {
        error_setg(errp, "chardev: \"%s\" missing backend", opts->id);
        qemu_opts_free(opts);
        return false;
    }
    g_ptr_array_add(cfg->chardevs, opts);
    return true;
}

static bool parse_device(CmdlineConfig *cfg, const char *arg, Error **errp)
{
    QemuOpts *opts = qemu_opts_parse("device", arg, "driver", errp);
    const char *driver;

    if (!opts) {
        return false;
    }
    driver = qemu_opt_get(opts, "driver");
    if (!driver) {
        error_setg(errp, "parameter 'driver' is missing");
        qemu_opts_free(opts);
        return false;
    }
    if (is_help(driver) || qemu_opts_wants_help(opts)) {
        cfg->help = CMDLINE_HELP_DEVICE;
        qemu_opts_free(cfg->help_opts);
        cfg->help_opts = opts;
        return true;
    }
    g_ptr_array_add(cfg->devices, opts);
    return true;
}

static bool parse_global(CmdlineConfig *cfg, const char *arg, Error **errp)
{
    const char *dot = strchr(arg, '.');
    const char *eq = dot ? strchr(dot, '=') : NULL;

    /* "driver=T,property=P,value=V" is the long spelling. */
    if (!g_str_has_prefix(arg, "driver=") &&
        (!dot || dot == arg || !eq || eq == dot + 1)) {
        error_setg(errp, "expected TYPE.PROPERTY=VALUE");
        return false;
    }
    g_ptr_array_add(cfg->globals, g_strdup(arg));
    return true;
}

/* -accel NAME[,opts]: appends NAME; vl.c initializes the first that works. */
static bool parse_accel(CmdlineConfig *cfg, const char *arg, Error **errp)
{
    static const char *const allowed[] = {
        "accel", "thread", "tb-size", "one-insn-per-tb", NULL
    };
    g_autoptr(QemuOpts) opts = qemu_opts_parse("accel", arg, "accel", errp);
    const char *name;

    if (!opts || !qemu_opts_check(opts, allowed, errp)) {
        return false;
    }
    name = qemu_opt_get(opts, "accel");
    if (!name) {
        error_setg(errp, "parameter 'accel' is missing");
        return false;
    }
    if (is_help(name)) {
        cfg->help = CMDLINE_HELP_ACCEL;
        return true;
    }
    if (!accel_name_known(name)) {
        error_setg(errp, "invalid accelerator %s", name);
        return false;
    }
    g_ptr_array_add(cfg->accels, g_strdup(name));
    return true;
}

static bool parse_run_with(CmdlineConfig *cfg, const char *arg, Error **errp)
{
    static const char *const allowed[] = { "exit-with-parent", NULL };
    g_autoptr(QemuOpts) opts = qemu_opts_parse("run-with", arg, NULL, errp);
    Error *err = NULL;

    if (!opts || !qemu_opts_check(opts, allowed, errp)) {
        return false;
    }
    cfg->exit_with_parent = qemu_opt_get_bool(opts, "exit-with-parent", false,
                                              &err);
    if (err) {
        error_propagate(errp, err);
        return false;
    }
    return true;
}

static bool parse_semihosting_config(CmdlineConfig *cfg, const char *arg, Error **errp)
{
    static const char *const allowed[] = { "enable", "target", NULL };
    g_autoptr(QemuOpts) opts = qemu_opts_parse("semihosting-config", arg, "enable", errp);
    const char *target;
    Error *err = NULL;

    if (!opts || !qemu_opts_check(opts, allowed, errp)) {
        return false;
    }
    cfg->semihosting = qemu_opt_get_bool(opts, "enable", true, &err);
    if (err) {
        error_propagate(errp, err);
        return false;
    }
    /* Only the emulator's own console and files exist (no gdb). */
    target = qemu_opt_get(opts, "target");
    if (target && strcmp(target, "native") && strcmp(target, "auto")) {
        error_setg(errp, "target=%s is not supported (only native and auto)", target);
        return false;
    }
    return true;
}

static bool parse_uuid(CmdlineConfig *cfg, const char *arg, Error **errp)
{
    if (!g_uuid_string_is_valid(arg)) {
        error_setg(errp, "invalid UUID (expected xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)");
        return false;
    }
    set_str(&cfg->uuid, arg);
    return true;
}

static bool parse_log(CmdlineConfig *cfg, const char *arg, Error **errp)
{
    int mask;

    if (is_help(arg)) {
        cfg->help = CMDLINE_HELP_LOG;
        return true;
    }
    if (!qemu_str_to_log_mask(arg, &mask, errp)) {
        return false;
    }
    cfg->log_mask = mask;
    return true;
}

/*
 * Handles one option. Errors are set without the "-OPT VALUE: " prefix,
 * which the caller adds.
 */
static bool handle_option(CmdlineConfig *cfg, const OptionDef *def,
                          const char *arg, Error **errp)
{
    switch (def->index) {
    case OPT_MACHINE:
        return parse_machine(cfg, arg, errp);
    case OPT_CPU:
        if (is_help(arg)) {
            cfg->help = CMDLINE_HELP_CPU;
            return true;
        }
        set_str(&cfg->cpu_model, arg);
        return true;
    case OPT_SEMIHOSTING:
        cfg->semihosting = true;
        return true;
    case OPT_SEMIHOSTING_CONFIG:
        return parse_semihosting_config(cfg, arg, errp);
    case OPT_ICOUNT:
        error_setg(errp, "not supported yet (no CPU)");
        return false;
    case OPT_M_RAM:
        return parse_ram(cfg, arg, errp);
    case OPT_SMP:
        return parse_smp(cfg, arg, errp);
    case OPT_KERNEL:
        set_str(&cfg->kernel, arg);
        return true;
    case OPT_INITRD:
        set_str(&cfg->initrd, arg);
        return true;
    case OPT_APPEND:
        set_str(&cfg->append, arg);
        return true;
    case OPT_DTB:
        set_str(&cfg->dtb, arg);
        return true;
    case OPT_BIOS:
        set_str(&cfg->bios, arg);
        return true;
    case OPT_DRIVE:
        if (!drive_check_opts(arg, errp)) {
            return false;
        }
        g_ptr_array_add(cfg->drives, g_strdup(arg));
        return true;
    case OPT_SNAPSHOT:
        cfg->snapshot = true;
        return true;
    case OPT_NETDEV:
    case OPT_NIC:
        if (is_help(arg)) {
            cfg->help = CMDLINE_HELP_NETDEV;
            return true;
        }
        if (def->index == OPT_NETDEV ? !net_check_netdev_opts(arg, errp)
                                     : !net_check_nic_opts(arg, errp)) {
            return false;
        }
        g_ptr_array_add(def->index == OPT_NETDEV ? cfg->netdevs : cfg->nics, g_strdup(arg));
        return true;
    case OPT_DUMP_VMSTATE:
        set_str(&cfg->dump_vmstate, arg);
        return true;
    case OPT_INCOMING:
        if (strcmp(arg, "defer") && !migration_uri_valid(arg, errp)) {
            return false;
        }
        set_str(&cfg->incoming, arg);
        return true;
    case OPT_LOADVM:
        set_str(&cfg->loadvm, arg);
        return true;
    case OPT_QTEST:
        set_str(&cfg->qtest_chardev, arg);
        return true;
    case OPT_QTEST_LOG:
        set_str(&cfg->qtest_log, arg);
        return true;
    case OPT_TRACE:
        error_setg(errp, "not supported yet (no trace events)");
        return false;
    case OPT_DEVICE:
        return parse_device(cfg, arg, errp);
    case OPT_GLOBAL:
        return parse_global(cfg, arg, errp);
    case OPT_SERIAL:
        g_ptr_array_add(cfg->serials, g_strdup(arg));
        return true;
    case OPT_MONITOR: {
        CmdlineMonitor *mon;

        if (g_str_has_prefix(arg, "mon:")) {
            error_setg(errp, "use -serial for a 'mon:' multiplexer");
            return false;
        }
        mon = g_new0(CmdlineMonitor, 1);
        mon->spec = g_strdup(arg);
        g_ptr_array_add(cfg->monitors, mon);
        return true;
    }
    case OPT_QMP: {
        CmdlineMonitor *mon;

        if (g_str_has_prefix(arg, "mon:")) {
            error_setg(errp, "use -serial for a 'mon:' multiplexer");
            return false;
        }
        mon = g_new0(CmdlineMonitor, 1);
        mon->spec = g_strdup(arg);
        mon->control = true;
        g_ptr_array_add(cfg->monitors, mon);
        return true;
    }
    case OPT_CHARDEV:
        return parse_chardev(cfg, arg, errp);
    case OPT_MON:
        return parse_mon(cfg, arg, errp);
    case OPT_NOGRAPHIC:
        cfg->nographic = true;
        return true;
    case OPT_DISPLAY:
        if (strcmp(arg, "none")) {
            error_setg(errp, "display '%s' is not supported (only 'none')", arg);
            return false;
        }
        cfg->display_none = true;
        return true;
    case OPT_S:
        cfg->start_paused = true;
        return true;
    case OPT_NO_REBOOT:
        cfg->no_reboot = true;
        return true;
    case OPT_NO_SHUTDOWN:
        cfg->no_shutdown = true;
        return true;
    case OPT_ACCEL:
        return parse_accel(cfg, arg, errp);
    case OPT_D:
        return parse_log(cfg, arg, errp);
    case OPT_D_FILE:
        set_str(&cfg->log_file, arg);
        return true;
    case OPT_NODEFAULTS:
        cfg->nodefaults = true;
        return true;
    case OPT_NAME:
        return parse_name(cfg, arg, errp);
    case OPT_UUID:
        return parse_uuid(cfg, arg, errp);
    case OPT_PROM_ENV:
        g_ptr_array_add(cfg->prom_env, g_strdup(arg));
        return true;
    case OPT_AUDIO:
        if (strcmp(arg, "none") && strcmp(arg, "driver=none")) {
            error_setg(errp, "audio back end '%s' is not supported (only 'none')", arg);
            return false;
        }
        return true;
    case OPT_RUN_WITH:
        return parse_run_with(cfg, arg, errp);
    case OPT_VERSION:
        cfg->help = CMDLINE_HELP_VERSION;
        return true;
    case OPT_HELP:
        cfg->help = CMDLINE_HELP_USAGE;
        return true;
    }
    g_assert_not_reached();
}

static const OptionDef *lookup_option(const char *word)
{
    if (word[0] != '-') {
        return NULL;
    }
    word++;
    if (word[0] == '-') {
        word++;
    }
    for (size_t i = 0; i < ARRAY_SIZE(option_table); i++) {
        if (!strcmp(option_table[i].name, word)) {
            return &option_table[i];
        }
    }
    return NULL;
}

/*
 * -nographic without -nodefaults: serial0 and the monitor share stdio
 * ("mon:stdio") unless the user placed one of them; then the other one
 * gets stdio alone.
 */
static void apply_defaults(CmdlineConfig *cfg)
{
    bool want_serial = cfg->serials->len == 0;
    bool want_monitor = cfg->monitors->len == 0;

    if (cfg->nodefaults || !cfg->nographic) {
        return;
    }
    for (guint i = 0; i < cfg->serials->len; i++) {
        if (g_str_has_prefix(g_ptr_array_index(cfg->serials, i), "mon:")) {
            want_monitor = false;
        }
    }
    if (want_serial && want_monitor) {
        g_ptr_array_add(cfg->serials, g_strdup("mon:stdio"));
    } else if (want_serial) {
        g_ptr_array_add(cfg->serials, g_strdup("stdio"));
    } else if (want_monitor) {
        CmdlineMonitor *mon = g_new0(CmdlineMonitor, 1);

        mon->spec = g_strdup("stdio");
        g_ptr_array_add(cfg->monitors, mon);
    }
}

bool qemu_cmdline_parse(int argc, char **argv, CmdlineConfig *cfg,
                        Error **errp)
{
    for (int i = 1; i < argc; i++) {
        const char *word = argv[i];
        const OptionDef *def = lookup_option(word);
        const char *arg = NULL;
        Error *err = NULL;

        if (!def) {
            error_setg(errp, "%s: invalid option", word);
            return false;
        }
        if (def->arg) {
            if (i + 1 >= argc) {
                error_setg(errp, "%s: requires an argument", word);
                return false;
            }
            arg = argv[++i];
        }
        if (!handle_option(cfg, def, arg, &err)) {
            if (arg) {
                error_prepend(&err, "%s %s: ", word, arg);
            } else {
                error_prepend(&err, "%s: ", word);
            }
            error_propagate(errp, err);
            return false;
        }
    }
    if (!cfg->accels->len) {
        /* As QEMU does: a qtest server without -accel means no guest code. */
        g_ptr_array_add(cfg->accels, g_strdup(cfg->qtest_chardev ? "qtest" : "tcg"));
    }
    apply_defaults(cfg);
    return true;
}

void qemu_cmdline_usage(FILE *out)
{
    fprintf(out, "usage: %s [options]\n\n", error_get_progname());
    for (size_t i = 0; i < ARRAY_SIZE(option_table); i++) {
        const OptionDef *d = &option_table[i];
        g_autofree char *lhs = g_strdup_printf("-%s%s%s", d->name,
                                               d->arg ? " " : "",
                                               d->arg ? d->arg : "");

        fprintf(out, "%-40s %s\n", lhs, d->help);
    }
}

void qemu_cmdline_version(FILE *out)
{
    fprintf(out, "Ferry emulator version " FERRY_VERSION "\n"
            "Copyright (c) 2026 the Ferry authors\n");
}
