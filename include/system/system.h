/*
 * Building and tearing down the system from a parsed command line
 * (system/vl.c), and the facts about this run other code asks for.
 */
#ifndef SYSTEM_SYSTEM_H
#define SYSTEM_SYSTEM_H

#include "qemu/osdep.h"
#include "qapi/error.h"
#include "system/cmdline.h"

typedef struct Chardev Chardev;

#define MAX_SERIAL_PORTS 4

/*
 * Prints what CFG->help asks for (machine list, device help, ...) on OUT
 * (device help goes to stdout). Returns the exit status: 1 when the help
 * request itself was wrong ("-device nope,help", reported on stderr).
 */
int qemu_print_help(CmdlineConfig *cfg, FILE *out);

/*
 * Builds the system described by CFG: logging, main loop, chardevs,
 * monitors, "/machine" with its properties, RAM, board init, -device,
 * -global checks; then starts the VM unless -S. On failure returns false
 * with ERRP set (naming the option and value) -- or unset when the problem
 * was already reported (unused -global: one line each) -- and the caller
 * runs qemu_cleanup().
 * CFG must stay alive until qemu_cleanup().
 */
bool qemu_init(CmdlineConfig *cfg, Error **errp);
/* Undoes qemu_init (also after a failed one); safe to call twice. */
void qemu_cleanup(void);

/* The chardev of serial port I (NULL: none or "-serial none"). */
Chardev *serial_hd(int i);
/* One past the highest serial port index that has a chardev. */
int serial_max_hds(void);

/* -name (NULL if not given), -uuid (NULL if not given), -prom-env values. */
const char *qemu_get_vm_name(void);
const char *qemu_get_uuid(void);
/* NULL-terminated; empty when not given. */
const char *const *qemu_get_prom_env(void);

#endif
