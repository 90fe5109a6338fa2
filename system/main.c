/*
 * ferry-system-* entry point: parse, build, run, tear down.
 */
#include "qemu/osdep.h"
#include "qemu/main-loop.h"
#include "qapi/error.h"
#include "hw/boards.h"
#include "migration/savevm.h"
#include "system/cmdline.h"
#include "system/runstate.h"
#include "system/system.h"

/* -dump-vmstate FILE: the descriptions of every device class, then exit. */
static int dump_vmstate(CmdlineConfig *cfg)
{
    MachineClass *mc = cfg->machine_type ? find_machine(cfg->machine_type)
                                         : find_default_machine();
    Error *err = NULL;
    FILE *out;

    if (!mc) {
        error_report("-machine %s: unsupported machine type "
                     "(use '-machine help' for a list)",
                     cfg->machine_type ? cfg->machine_type : "(default)");
        return 1;
    }
    out = fopen(cfg->dump_vmstate, "w");
    if (!out) {
        error_report("-dump-vmstate %s: cannot open: %s", cfg->dump_vmstate,
                     g_strerror(errno));
        return 1;
    }
    if (!vmstate_dump_file(out, mc->name, &err)) {
        error_prepend(&err, "-dump-vmstate %s: ", cfg->dump_vmstate);
        error_report_err(err);
        fclose(out);
        return 1;
    }
    return fclose(out) == 0 ? 0 : 1;
}

int main(int argc, char **argv)
{
    CmdlineConfig cfg;
    Error *err = NULL;
    int status;

    error_init(argv[0]);
    qemu_cmdline_config_init(&cfg);
    if (!qemu_cmdline_parse(argc, argv, &cfg, &err)) {
        error_report_err(err);
        qemu_cmdline_config_free(&cfg);
        return 1;
    }
    if (cfg.help != CMDLINE_HELP_NONE) {
        status = qemu_print_help(&cfg, stdout);
        fflush(stdout);
        qemu_cmdline_config_free(&cfg);
        return status;
    }
    if (cfg.dump_vmstate) {
        status = dump_vmstate(&cfg);
        qemu_cmdline_config_free(&cfg);
        return status;
    }
    /*
     * The main thread holds the BQL except while it polls (main_loop_wait),
     * so that other threads (migration) serialize with it on device state.
     */
    bql_lock();
    if (!qemu_init(&cfg, &err)) {
        if (err) {
            error_report_err(err);
        }
        qemu_cleanup();
        bql_unlock();
        qemu_cmdline_config_free(&cfg);
        return 1;
    }
    status = qemu_main_loop();
    qemu_cleanup();
    bql_unlock();
    qemu_cmdline_config_free(&cfg);
    return status;
}
