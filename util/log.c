/*
 * "-d" debug logging.
 */
#include "qemu/osdep.h"
#include "qemu/log.h"

int qemu_loglevel;
static FILE *logfile;
static GMutex log_lock;

static const struct {
    int mask;
    const char *name;
    const char *help;
} log_items[] = {
    { CPU_LOG_TB_OUT_ASM, "out_asm", "show generated host assembly code for each compiled TB" },
    { CPU_LOG_TB_IN_ASM, "in_asm", "show target assembly code for each compiled TB" },
    { CPU_LOG_TB_OP, "op", "show micro ops for each compiled TB" },
    { CPU_LOG_TB_OP_OPT, "op_opt", "show micro ops after optimization" },
    { CPU_LOG_INT, "int", "show interrupts/exceptions in short format" },
    { CPU_LOG_EXEC, "exec", "show trace before each executed TB (lots of logs)" },
    { CPU_LOG_TB_CPU, "cpu", "show CPU registers before entering a TB (lots of logs)" },
    { CPU_LOG_MMU, "mmu", "log MMU-related activities" },
    { CPU_LOG_TB_NOCHAIN, "nochain", "do not chain compiled TBs so that \"exec\" and \"cpu\" show complete traces" },
    { LOG_UNIMP, "unimp", "log unimplemented functionality" },
    { LOG_GUEST_ERROR, "guest_errors", "log when the guest OS does something invalid" },
};

void qemu_log(const char *fmt, ...)
{
    va_list ap;
    FILE *f;

    g_mutex_lock(&log_lock);
    f = logfile ? logfile : stderr;
    va_start(ap, fmt);
    vfprintf(f, fmt, ap);
    va_end(ap);
    fflush(f);
    g_mutex_unlock(&log_lock);
}

bool qemu_str_to_log_mask(const char *str, int *mask, Error **errp)
{
    g_auto(GStrv) items = g_strsplit(str, ",", -1);
    int m = 0;

    for (int i = 0; items[i]; i++) {
        size_t k;

        if (!strcmp(items[i], "all")) {
            for (k = 0; k < ARRAY_SIZE(log_items); k++) {
                m |= log_items[k].mask;
            }
            continue;
        }
        for (k = 0; k < ARRAY_SIZE(log_items); k++) {
            if (!strcmp(items[i], log_items[k].name)) {
                m |= log_items[k].mask;
                break;
            }
        }
        if (k == ARRAY_SIZE(log_items)) {
            error_setg(errp, "unknown log item '%s' (use '-d help' for a list)",
                       items[i]);
            return false;
        }
    }
    *mask = m;
    return true;
}

void qemu_log_help(FILE *out)
{
    fprintf(out, "Log items (comma separated):\n");
    for (size_t k = 0; k < ARRAY_SIZE(log_items); k++) {
        fprintf(out, "%-15s %s\n", log_items[k].name, log_items[k].help);
    }
}

void qemu_set_log(int mask)
{
    qemu_loglevel = mask;
}

bool qemu_set_log_filename(const char *filename, Error **errp)
{
    FILE *f = NULL;

    if (filename) {
        f = fopen(filename, "w");
        if (!f) {
            error_setg_errno(errp, errno, "cannot open log file '%s'", filename);
            return false;
        }
    }
    g_mutex_lock(&log_lock);
    if (logfile) {
        fclose(logfile);
    }
    logfile = f;
    g_mutex_unlock(&log_lock);
    return true;
}

void qemu_log_close(void)
{
    qemu_set_log_filename(NULL, NULL);
}
