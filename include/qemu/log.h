/*
 * Debug logging selected with "-d ITEMS" and sent to stderr or "-D FILE".
 */
#ifndef QEMU_LOG_H
#define QEMU_LOG_H

#include "qemu/osdep.h"
#include "qapi/error.h"

#define CPU_LOG_TB_OUT_ASM  (1 << 0)
#define CPU_LOG_TB_IN_ASM   (1 << 1)
#define CPU_LOG_TB_OP       (1 << 2)
#define CPU_LOG_TB_OP_OPT   (1 << 3)
#define CPU_LOG_INT         (1 << 4)
#define CPU_LOG_EXEC        (1 << 5)
#define CPU_LOG_TB_CPU      (1 << 6)
#define CPU_LOG_MMU         (1 << 7)
#define CPU_LOG_TB_NOCHAIN  (1 << 8)
#define LOG_GUEST_ERROR     (1 << 11)
#define LOG_UNIMP           (1 << 10)

extern int qemu_loglevel;

static inline bool qemu_loglevel_mask(int mask)
{
    return (qemu_loglevel & mask) != 0;
}

void qemu_log(const char *fmt, ...) QEMU_PRINTF(1, 2);

/* Logs only when one of MASK's categories is enabled. */
#define qemu_log_mask(MASK, ...) do {           \
        if (unlikely(qemu_loglevel_mask(MASK))) { \
            qemu_log(__VA_ARGS__);              \
        }                                       \
    } while (0)

/*
 * Parses "item,item,..." into a mask. Returns false and sets *ERRP naming
 * the first unknown item. "help" is not handled here (see qemu_log_help).
 */
bool qemu_str_to_log_mask(const char *str, int *mask, Error **errp);
void qemu_log_help(FILE *out);
void qemu_set_log(int mask);
/* Sends log output to FILENAME (NULL: stderr). */
bool qemu_set_log_filename(const char *filename, Error **errp);
void qemu_log_close(void);

#endif
