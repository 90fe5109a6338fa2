/*
 * ferry-system-* entry point: parse, build, run, tear down.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "system/cmdline.h"
#include "system/runstate.h"
#include "system/system.h"

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
    if (!qemu_init(&cfg, &err)) {
        if (err) {
            error_report_err(err);
        }
        qemu_cleanup();
        qemu_cmdline_config_free(&cfg);
        return 1;
    }
    status = qemu_main_loop();
    qemu_cleanup();
    qemu_cmdline_config_free(&cfg);
    return status;
}
