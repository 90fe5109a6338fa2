/*
 * Command-line parsing for ferry-system-*: turns argv into a CmdlineConfig
 * without starting anything, so that every rejection can be tested in
 * process. system/vl.c then builds the machine from the config.
 *
 * Errors name the option as the user spelled it and its value:
 * "-m foo: invalid size", "-bogus: invalid option".
 */
#ifndef SYSTEM_CMDLINE_H
#define SYSTEM_CMDLINE_H

#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/option.h"

/* What the user asked to be printed instead of running a machine. */
typedef enum CmdlineHelp {
    CMDLINE_HELP_NONE,
    CMDLINE_HELP_USAGE,         /* -h, -help */
    CMDLINE_HELP_VERSION,       /* -version */
    CMDLINE_HELP_MACHINE,       /* -M help */
    CMDLINE_HELP_DEVICE,        /* -device help, -device TYPE,help */
    CMDLINE_HELP_CPU,           /* -cpu help */
    CMDLINE_HELP_LOG,           /* -d help */
    CMDLINE_HELP_CHARDEV,       /* -chardev help */
    CMDLINE_HELP_ACCEL,         /* -accel help */
    CMDLINE_HELP_NETDEV,        /* -netdev help, -nic help */
} CmdlineHelp;

/* One -monitor or -mon request: a chardev (by spec or id) and a mode. */
typedef struct CmdlineMonitor {
    char *spec;         /* -monitor DEV: a chardev spec, else NULL */
    char *chardev_id;   /* -mon chardev=ID: an existing chardev, else NULL */
    bool control;       /* QMP (-qmp, -mon mode=control) */
    bool pretty;        /* QMP: -mon pretty=on */
} CmdlineMonitor;

typedef struct CmdlineConfig {
    CmdlineHelp help;
    QemuOpts *help_opts;        /* the -device TYPE,help options */

    char *machine_type;         /* NULL: the default machine */
    char *cpu_model;            /* -cpu MODEL; NULL: the machine's default */
    QemuOpts *machine_opts;     /* -M properties other than "type" */
    uint64_t ram_size;          /* 0: the machine's default */
    unsigned smp_cpus;          /* 0: the machine's default */
    unsigned smp_max_cpus;      /* 0: smp_cpus */
    bool smp_given;

    char *kernel, *initrd, *append, *dtb, *bios;

    char *name;
    char *uuid;                 /* validated "xxxxxxxx-xxxx-..." or NULL */
    bool start_paused;          /* -S */
    bool no_reboot, no_shutdown;
    bool semihosting;           /* -semihosting, -semihosting-config enable=on */
    bool nodefaults;
    bool nographic;
    bool display_none;
    bool exit_with_parent;

    GPtrArray *serials;         /* char *, "-serial" specs in order */
    GPtrArray *monitors;        /* CmdlineMonitor * */
    GPtrArray *chardevs;        /* QemuOpts *, group "chardev" */
    GPtrArray *devices;         /* QemuOpts *, group "device" */
    GPtrArray *drives;          /* char *, "-drive" specs (syntax checked) */
    bool snapshot;              /* -snapshot: every drive snapshot=on */
    GPtrArray *netdevs;         /* char *, "-netdev" specs (syntax checked) */
    GPtrArray *nics;            /* char *, "-nic" specs (syntax checked) */
    GPtrArray *globals;         /* char *, "-global" strings */
    GPtrArray *prom_env;        /* char * */
    /*
     * -accel names in order (each a known accelerator); the first whose
     * init works is used. Default: "qtest" with -qtest, else "tcg".
     */
    GPtrArray *accels;
    char *qtest_chardev;        /* -qtest CHARDEV-SPEC, or NULL */
    char *qtest_log;            /* -qtest-log FILE, or NULL */

    int log_mask;
    char *log_file;
    char *dump_vmstate;         /* -dump-vmstate FILE: write it and exit */
    char *loadvm;               /* -loadvm TAG: restore it before starting */
    char *incoming;             /* -incoming URI or "defer", or NULL */
} CmdlineConfig;

void qemu_cmdline_config_init(CmdlineConfig *cfg);
void qemu_cmdline_config_free(CmdlineConfig *cfg);

/*
 * Parses ARGV[1..ARGC-1] into CFG (initialized by the caller). Stops at the
 * first error: sets ERRP ("-OPT VALUE: problem") and returns false. After a
 * help option, parsing goes on (so "-M help -bogus" still fails) but the
 * caller prints help instead of running. Applies the -nographic defaults.
 */
bool qemu_cmdline_parse(int argc, char **argv, CmdlineConfig *cfg,
                        Error **errp);

/* The -h text (option list). */
void qemu_cmdline_usage(FILE *out);
/* The -version text. */
void qemu_cmdline_version(FILE *out);

#define FERRY_VERSION "0.1.0"

#endif
