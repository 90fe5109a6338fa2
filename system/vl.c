/*
 * From a parsed command line to a running system, and back.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/log.h"
#include "qemu/main-loop.h"
#include "chardev/char.h"
#include "exec/memory.h"
#include "hw/boards.h"
#include "hw/qdev-monitor.h"
#include "hw/qdev-properties.h"
#include "migration/migration.h"
#include "migration/savevm.h"
#include "migration/snapshot.h"
#include "monitor/monitor.h"
#include "system/accel.h"
#include "system/icount.h"
#include "system/qtest.h"
#include "system/cpus.h"
#include "hw/core/cpu.h"
#include "exec/exec-all.h"
#include "semihosting/semihost.h"
#include "system/runstate.h"
#include "system/system.h"
#include "system/blockdev.h"
#include "net/net.h"

#include <signal.h>
#include <sys/prctl.h>

static Chardev *serial_hds[MAX_SERIAL_PORTS];
static CmdlineConfig *current_cfg;
static const char *const no_prom_env[] = { NULL };

Chardev *serial_hd(int i)
{
    return i >= 0 && i < MAX_SERIAL_PORTS ? serial_hds[i] : NULL;
}

int serial_max_hds(void)
{
    int n = 0;

    for (int i = 0; i < MAX_SERIAL_PORTS; i++) {
        if (serial_hds[i]) {
            n = i + 1;
        }
    }
    return n;
}

const char *qemu_get_vm_name(void)
{
    return current_cfg ? current_cfg->name : NULL;
}

const char *qemu_get_uuid(void)
{
    return current_cfg ? current_cfg->uuid : NULL;
}

const char *const *qemu_get_prom_env(void)
{
    if (!current_cfg || !current_cfg->prom_env->len) {
        return no_prom_env;
    }
    /* The array keeps a NULL after its last element (see below). */
    return (const char *const *)current_cfg->prom_env->pdata;
}

/* The models -cpu accepts: CPU types named "MODEL-<target>-cpu". */
static void print_cpu_models(FILE *out)
{
    g_autofree char *suffix = g_strdup_printf("-%s-cpu", target_name());
    GSList *list = object_class_get_list(TYPE_CPU, false);

    for (GSList *l = list; l; l = l->next) {
        const char *name = object_class_get_name(l->data);

        if (g_str_has_suffix(name, suffix) && strlen(name) > strlen(suffix)) {
            fprintf(out, "  %.*s\n", (int)(strlen(name) - strlen(suffix)), name);
        }
    }
    g_slist_free(list);
}

int qemu_print_help(CmdlineConfig *cfg, FILE *out)
{
    switch (cfg->help) {
    case CMDLINE_HELP_NONE:
        break;
    case CMDLINE_HELP_USAGE:
        qemu_cmdline_version(out);
        fputc('\n', out);
        qemu_cmdline_usage(out);
        break;
    case CMDLINE_HELP_VERSION:
        qemu_cmdline_version(out);
        break;
    case CMDLINE_HELP_MACHINE:
        machine_help(out);
        break;
    case CMDLINE_HELP_DEVICE:
        fflush(out);
        if (!qdev_device_help(cfg->help_opts)) {
            /* "-device nope,help": let device_add name the problem. */
            Error *err = NULL;

            qdev_device_add(cfg->help_opts, &err);
            if (!err) {
                error_setg(&err, "no help available");
            }
            error_prepend(&err, "-device %s: ", qemu_opt_get(cfg->help_opts, "driver"));
            error_report_err(err);
            return 1;
        }
        break;
    case CMDLINE_HELP_CPU:
        fprintf(out, "Available CPUs:\n");
        print_cpu_models(out);
        break;
    case CMDLINE_HELP_LOG:
        qemu_log_help(out);
        break;
    case CMDLINE_HELP_CHARDEV:
        qemu_chr_list_help(out);
        break;
    case CMDLINE_HELP_ACCEL:
        accel_print_help(out);
        break;
    case CMDLINE_HELP_NETDEV:
        net_print_help(out);
        break;
    }
    return 0;
}

static void mux_quit(void)
{
    qemu_system_shutdown_request(SHUTDOWN_CAUSE_HOST_QMP_QUIT);
}

static bool init_serials(CmdlineConfig *cfg, Error **errp)
{
    for (guint i = 0; i < cfg->serials->len; i++) {
        const char *spec = g_ptr_array_index(cfg->serials, i);
        g_autofree char *label = g_strdup_printf("serial%u", i);
        Error *err = NULL;
        Chardev *chr;

        if (i >= MAX_SERIAL_PORTS) {
            error_setg(errp, "-serial %s: too many serial ports (at most %d)", spec,
                       MAX_SERIAL_PORTS);
            return false;
        }
        chr = qemu_chr_new(label, spec, NULL, &err);
        if (err) {
            error_propagate(errp, err);
            error_prepend(errp, "-serial %s: ", spec);
            return false;
        }
        serial_hds[i] = chr;
        if (chr && g_str_has_prefix(spec, "mon:") && !monitor_init_hmp(chr, &err)) {
            error_propagate(errp, err);
            error_prepend(errp, "-serial %s: ", spec);
            return false;
        }
    }
    return true;
}

static bool init_monitors(CmdlineConfig *cfg, Error **errp)
{
    for (guint i = 0; i < cfg->monitors->len; i++) {
        CmdlineMonitor *m = g_ptr_array_index(cfg->monitors, i);
        g_autofree char *where = m->spec ? g_strdup_printf("%s %s", m->control ? "-qmp"
                                                           : "-monitor", m->spec)
                                         : g_strdup_printf("-mon chardev=%s", m->chardev_id);
        Error *err = NULL;
        Chardev *chr;

        if (m->spec) {
            g_autofree char *label = g_strdup_printf("compat_monitor%u", i);

            chr = qemu_chr_new(label, m->spec, NULL, &err);
            if (!chr && !err) {
                continue;           /* "-monitor none" */
            }
        } else {
            chr = qemu_chr_find(m->chardev_id);
            if (!chr) {
                error_setg(&err, "chardev '%s' not found", m->chardev_id);
            }
        }
        if (!err && m->control) {
            monitor_init_qmp(chr, m->pretty, &err);
        } else if (!err) {
            monitor_init_hmp(chr, &err);
        }
        if (err) {
            error_propagate(errp, err);
            error_prepend(errp, "%s: ", where);
            return false;
        }
    }
    return true;
}

/*
 * -cpu MODEL: the concrete CPU type named "MODEL-<arch>-cpu" becomes the
 * machine's cpu_type (the boards that honour it create that type).
 */
static bool select_cpu_model(MachineState *ms, const char *model, Error **errp)
{
    g_autofree char *prefix = g_strdup_printf("%s-", model);
    GSList *list = object_class_get_list(TYPE_CPU, false);
    const char *found = NULL;

    for (GSList *l = list; l; l = l->next) {
        const char *name = object_class_get_name(l->data);
        const char *rest = name + strlen(prefix);
        const char *dash;

        if (!g_str_has_prefix(name, prefix)) {
            continue;
        }
        dash = strchr(rest, '-');
        if (dash && dash > rest && strcmp(dash, "-cpu") == 0) {
            found = name;
            break;
        }
    }
    g_slist_free(list);
    if (!found) {
        error_setg(errp, "unable to find CPU model '%s'", model);
        return false;
    }
    g_free(ms->cpu_type);
    ms->cpu_type = g_strdup(found);
    return true;
}

static bool set_machine_props(MachineState *ms, CmdlineConfig *cfg, Error **errp)
{
    const struct { const char *value, *prop, *option; } images[] = {
        { cfg->kernel, "kernel", "-kernel" },
        { cfg->initrd, "initrd", "-initrd" },
        { cfg->append, "append", "-append" },
        { cfg->dtb, "dtb", "-dtb" },
        { cfg->bios, "firmware", "-bios" },
    };

    for (guint i = 0; cfg->machine_opts && i < cfg->machine_opts->opts->len; i++) {
        QemuOpt *o = g_ptr_array_index(cfg->machine_opts->opts, i);

        if (!object_property_parse(OBJECT(ms), o->name, o->value, errp)) {
            error_prepend(errp, "-machine %s=%s: ", o->name, o->value);
            return false;
        }
    }
    for (size_t i = 0; i < ARRAY_SIZE(images); i++) {
        if (images[i].value &&
            !object_property_set_str(OBJECT(ms), images[i].prop, images[i].value, errp)) {
            error_prepend(errp, "%s %s: ", images[i].option, images[i].value);
            return false;
        }
    }
    return true;
}

/* With "mon:" and a device on it, the device gets the input first (as QEMU does). */
static void focus_serial_muxes(void)
{
    for (int i = 0; i < MAX_SERIAL_PORTS; i++) {
        Chardev *chr = serial_hds[i];

        if (chr && qemu_chr_is_mux(chr) && qemu_chr_mux_fe_count(chr) > 1) {
            qemu_chr_mux_set_focus(chr, qemu_chr_mux_fe_count(chr) - 1);
        }
    }
}

bool qemu_init(CmdlineConfig *cfg, Error **errp)
{
    MachineClass *mc;
    MachineState *ms;
    CpuTopology topo;

    current_cfg = cfg;
    /* The prom-env array doubles as a NULL-terminated vector. */
    g_ptr_array_add(cfg->prom_env, NULL);
    g_ptr_array_set_size(cfg->prom_env, cfg->prom_env->len - 1);

    if (cfg->exit_with_parent && prctl(PR_SET_PDEATHSIG, SIGKILL) < 0) {
        error_setg_errno(errp, errno, "-run-with exit-with-parent=on: prctl failed");
        return false;
    }
    qemu_set_log(cfg->log_mask);
    if (cfg->log_file && !qemu_set_log_filename(cfg->log_file, errp)) {
        error_prepend(errp, "-D %s: ", cfg->log_file);
        return false;
    }
    semihosting_enable(cfg->semihosting);
    runstate_set_no_reboot(cfg->no_reboot);
    runstate_set_no_shutdown(cfg->no_shutdown);

    mc = cfg->machine_type ? find_machine(cfg->machine_type) : find_default_machine();
    if (!mc) {
        if (cfg->machine_type) {
            /* One line, naming the option and the value. */
            error_setg(errp, "-machine %s: unsupported machine type "
                       "(use '-machine help' for a list)", cfg->machine_type);
        } else {
            error_setg(errp, "no machine specified, and there is no default "
                       "(use '-machine help' for a list)");
        }
        return false;
    }
    if (mc->deprecation_reason) {
        warn_report("Machine type '%s' is deprecated: %s", mc->name,
                    mc->deprecation_reason);
    }
    if (!machine_parse_smp(mc, cfg->smp_cpus, cfg->smp_max_cpus, &topo, errp)) {
        if (cfg->smp_given) {
            error_prepend(errp, "-smp %u: ", cfg->smp_cpus);
        }
        return false;
    }

    if (!qemu_init_main_loop(errp)) {
        return false;
    }
    qemu_chr_set_mux_quit_handler(mux_quit);
    for (guint i = 0; i < cfg->chardevs->len; i++) {
        QemuOpts *opts = g_ptr_array_index(cfg->chardevs, i);

        if (!qemu_chr_new_from_opts(opts, NULL, errp)) {
            error_prepend(errp, "-chardev %s,id=%s: ", qemu_opt_get(opts, "backend"),
                          opts->id);
            return false;
        }
    }
    if (!init_serials(cfg, errp) || !init_monitors(cfg, errp)) {
        return false;
    }
    /* Drives exist before the board, which picks them with drive_get(). */
    for (guint i = 0; i < cfg->drives->len; i++) {
        const char *spec = g_ptr_array_index(cfg->drives, i);

        if (!drive_new(spec, cfg->snapshot, errp)) {
            error_prepend(errp, "-drive %s: ", spec);
            return false;
        }
    }

    /* Network back ends exist before the board, whose NICs join them. */
    for (guint i = 0; i < cfg->netdevs->len; i++) {
        const char *spec = g_ptr_array_index(cfg->netdevs, i);

        if (!net_client_init_netdev(spec, errp)) {
            error_prepend(errp, "-netdev %s: ", spec);
            return false;
        }
    }
    for (guint i = 0; i < cfg->nics->len; i++) {
        const char *spec = g_ptr_array_index(cfg->nics, i);

        if (!net_client_init_nic(spec, errp)) {
            error_prepend(errp, "-nic %s: ", spec);
            return false;
        }
    }

    if (!accel_init_from_list((const char *const *)cfg->accels->pdata, cfg->accels->len,
                              errp)) {
        return false;
    }
    if (cfg->qtest_chardev && !qtest_server_init(cfg->qtest_chardev, cfg->qtest_log, errp)) {
        return false;
    }
    if (cfg->icount) {
        if (strcmp(current_accel_name(), "tcg")) {
            error_setg(errp, "-icount: not supported with the %s accelerator",
                       current_accel_name());
            return false;
        }
        icount_configure(cfg->icount_shift);
    }

    memory_init();
    /* First in the stream, as the destination needs it to decide on resuming. */
    global_state_register();
    /* The "ram" live section and the virtual clock's "timebase", on every machine. */
    ram_mig_init();
    ms = machine_create(mc, cfg->ram_size, errp);
    if (!ms) {
        return false;
    }
    ms->smp = topo;
    if (!set_machine_props(ms, cfg, errp)) {
        return false;
    }
    if (cfg->cpu_model && !select_cpu_model(ms, cfg->cpu_model, errp)) {
        return false;
    }
    qdev_prop_register_compat(mc->compat_props);
    for (guint i = 0; i < cfg->globals->len; i++) {
        const char *g = g_ptr_array_index(cfg->globals, i);

        if (!qdev_global_parse(g, errp)) {
            error_prepend(errp, "-global %s: ", g);
            return false;
        }
    }
    if (!machine_run_board_init(ms, errp)) {
        return false;
    }
    for (guint i = 0; i < cfg->devices->len; i++) {
        QemuOpts *opts = g_ptr_array_index(cfg->devices, i);

        if (!qdev_device_add(opts, errp)) {
            error_prepend(errp, "-device %s: ", qemu_opt_get(opts, "driver"));
            return false;
        }
    }
    if (!net_check_clients(errp)) {
        return false;
    }
    if (!qdev_prop_check_globals()) {
        return false;           /* each bad -global was reported already */
    }
    focus_serial_muxes();

    runstate_init_signals();
    /*
     * Every device starts from its reset state (as after system_reset):
     * device models put their reset values in their reset handlers, and
     * the board's boot hooks run after them.
     */
    qemu_system_reset(SHUTDOWN_CAUSE_NONE);
    /* After the machine and its devices exist, before the guest runs. */
    if (cfg->loadvm && !load_snapshot(cfg->loadvm, errp)) {
        error_prepend(errp, "-loadvm %s: ", cfg->loadvm);
        return false;
    }
    if (cfg->incoming) {
        if (!migration_incoming_init(cfg->incoming, cfg->start_paused, errp)) {
            error_prepend(errp, "-incoming %s: ", cfg->incoming);
            return false;
        }
    } else if (!cfg->start_paused) {
        vm_start();
    }
    return true;
}

void qemu_cleanup(void)
{
    runstate_cleanup_signals();
    migration_shutdown();
    monitor_cleanup();
    /* The vCPU thread ends before its CPUs and the code buffer go. */
    cpus_cleanup();
    machine_destroy();
    tcg_exec_cleanup();
    icount_configure(-1);
    semihosting_enable(false);
    drive_cleanup();
    net_cleanup();
    qtest_server_cleanup();
    accel_cleanup();
    qemu_chr_cleanup();
    qdev_prop_clear_globals();
    memset(serial_hds, 0, sizeof(serial_hds));
    qemu_log_close();
    current_cfg = NULL;
}
