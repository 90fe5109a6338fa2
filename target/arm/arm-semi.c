/*
 * ARM semihosting (the "Semihosting for AArch32 and AArch64" interface):
 * the operation number is in r0, its argument (a value or the address of
 * a parameter block) in r1, the result goes to r0. Console output goes to
 * the emulator's stdout (handle 1, and SYS_WRITEC/SYS_WRITE0) or stderr
 * (handle 2); SYS_EXIT ends the emulator with the guest's status.
 *
 * Guest memory is read through the CPU's debug translation, so this keeps
 * working once the MMU exists.
 */
#include "qemu/osdep.h"
#include "target/arm/cpu.h"
#include "exec/exec-all.h"
#include "exec/memory.h"
#include "semihosting/semihost.h"
#include "system/runstate.h"
#include "system/cpus.h"
#include "system/icount.h"
#include "qemu/timer.h"
#include "qemu/log.h"

enum {
    SYS_OPEN = 0x01,
    SYS_CLOSE = 0x02,
    SYS_WRITEC = 0x03,
    SYS_WRITE0 = 0x04,
    SYS_WRITE = 0x05,
    SYS_READ = 0x06,
    SYS_READC = 0x07,
    SYS_ISERROR = 0x08,
    SYS_ISTTY = 0x09,
    SYS_CLOCK = 0x10,
    SYS_TIME = 0x11,
    SYS_ERRNO = 0x13,
    SYS_HEAPINFO = 0x16,
    SYS_EXIT = 0x18,
    SYS_EXIT_EXTENDED = 0x20,
    SYS_ELAPSED = 0x30,
    SYS_TICKFREQ = 0x31,
};

#define ADP_STOPPED_APPLICATION_EXIT 0x20026

/* Handles as file descriptors: SYS_OPEN(":tt") gives these. */
#define HANDLE_STDIN    0
#define HANDLE_STDOUT   1
#define HANDLE_STDERR   2

static gint64 start_time_us;

static bool semi_rw(CPUState *cs, uint32_t addr, void *buf, uint32_t len, bool is_write)
{
    CPUClass *cc = CPU_GET_CLASS(cs);
    uint8_t *p = buf;

    while (len) {
        uint32_t chunk = MIN(len, TARGET_PAGE_SIZE - (addr & ~TARGET_PAGE_MASK));
        uint64_t phys = cc->get_phys_page_debug(cs, addr);

        if (phys == (uint64_t)-1 ||
            address_space_rw(&address_space_memory, phys | (addr & ~TARGET_PAGE_MASK),
                             MEMTXATTRS_UNSPECIFIED, p, chunk, is_write) != MEMTX_OK) {
            return false;
        }
        addr += chunk;
        p += chunk;
        len -= chunk;
    }
    return true;
}

static bool semi_ld32(CPUState *cs, uint32_t addr, uint32_t *val)
{
    uint32_t v;

    if (!semi_rw(cs, addr, &v, 4, false)) {
        return false;
    }
    *val = GUINT32_FROM_LE(v);
    return true;
}

static bool semi_st32(CPUState *cs, uint32_t addr, uint32_t val)
{
    uint32_t v = GUINT32_TO_LE(val);

    return semi_rw(cs, addr, &v, 4, true);
}

static void semi_out(FILE *f, const void *buf, size_t len)
{
    fwrite(buf, 1, len, f);
    fflush(f);
}

static FILE *handle_file(uint32_t handle)
{
    return handle == HANDLE_STDOUT ? stdout : handle == HANDLE_STDERR ? stderr : NULL;
}

static void semi_exit(CPUState *cs, int status)
{
    qemu_system_shutdown_request_status(SHUTDOWN_CAUSE_GUEST_SHUTDOWN, status);
    /* No guest code runs after this; the main loop ends the process. */
    cpus_halt_all();
    cs->exception_index = EXCP_HLT;
    cpu_loop_exit(cs);
}

void arm_do_semihosting(CPUARMState *env)
{
    CPUState *cs = env_cpu(env);
    uint32_t op = env->regs[0], arg = env->regs[1];
    uint32_t blk[4];
    uint32_t ret = 0;

    if (!start_time_us) {
        start_time_us = g_get_monotonic_time();
    }
    switch (op) {
    case SYS_WRITEC: {
        uint8_t c;

        if (semi_rw(cs, arg, &c, 1, false)) {
            semi_out(stdout, &c, 1);
        }
        return;     /* r0 is corrupted per spec; keep it */
    }
    case SYS_WRITE0: {
        GString *s = g_string_new(NULL);
        uint8_t c;

        while (s->len < 1024 * 1024 && semi_rw(cs, arg + s->len, &c, 1, false) && c) {
            g_string_append_c(s, c);
        }
        semi_out(stdout, s->str, s->len);
        g_string_free(s, TRUE);
        return;
    }
    case SYS_WRITE: {
        FILE *f;
        g_autofree uint8_t *buf = NULL;

        if (!semi_ld32(cs, arg, &blk[0]) || !semi_ld32(cs, arg + 4, &blk[1]) ||
            !semi_ld32(cs, arg + 8, &blk[2])) {
            ret = (uint32_t)-1;
            break;
        }
        f = handle_file(blk[0]);
        buf = g_malloc(blk[2] ? MIN(blk[2], 16 * 1024 * 1024) : 1);
        if (!f || blk[2] > 16 * 1024 * 1024 || !semi_rw(cs, blk[1], buf, blk[2], false)) {
            ret = blk[2];   /* nothing written */
            break;
        }
        semi_out(f, buf, blk[2]);
        ret = 0;
        break;
    }
    case SYS_OPEN: {
        char name[4] = { 0 };

        if (!semi_ld32(cs, arg, &blk[0]) || !semi_ld32(cs, arg + 4, &blk[1]) ||
            !semi_ld32(cs, arg + 8, &blk[2]) || !semi_rw(cs, blk[0], name, 3, false) ||
            strcmp(name, ":tt")) {
            qemu_log_mask(LOG_UNIMP, "semihosting: SYS_OPEN supports only \":tt\"\n");
            ret = (uint32_t)-1;
            break;
        }
        /* Modes 0-3 read, 4-7 write, 8-11 append (stderr by convention). */
        ret = blk[1] < 4 ? HANDLE_STDIN : blk[1] < 8 ? HANDLE_STDOUT : HANDLE_STDERR;
        break;
    }
    case SYS_CLOSE:
    case SYS_ERRNO:
    case SYS_ISERROR:
        ret = 0;
        break;
    case SYS_ISTTY:
        ret = 1;
        break;
    case SYS_READC: {
        int c = getchar();

        ret = c == EOF ? (uint32_t)-1 : (uint32_t)c;
        break;
    }
    case SYS_CLOCK:
        if (icount_enabled()) {
            /* Deterministic: centiseconds of the instruction-driven clock. */
            ret = qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL) / (10 * SCALE_MS);
            break;
        }
        ret = (g_get_monotonic_time() - start_time_us) / 10000;
        break;
    case SYS_TIME:
        ret = g_get_real_time() / G_USEC_PER_SEC;
        break;
    case SYS_ELAPSED: {
        /* With icount, ticks are ns of the virtual clock (SYS_TICKFREQ). */
        uint64_t t = icount_enabled() ? qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL)
                                      : g_get_monotonic_time() - start_time_us;

        ret = semi_st32(cs, arg, (uint32_t)t) && semi_st32(cs, arg + 4, t >> 32) ? 0 : -1;
        break;
    }
    case SYS_TICKFREQ:
        ret = icount_enabled() ? 1000000000 : 1000000;
        break;
    case SYS_HEAPINFO: {
        uint64_t base, size;
        uint32_t blkaddr;

        /* Heap in the upper half of RAM, the stack at its top. */
        semihosting_get_ram(&base, &size);
        blk[0] = base + size / 2;
        blk[1] = base + size - 64 * KiB;
        blk[2] = base + size;
        blk[3] = base + size - 64 * KiB;
        if (!semi_ld32(cs, arg, &blkaddr)) {
            ret = (uint32_t)-1;
            break;
        }
        for (int i = 0; i < 4; i++) {
            semi_st32(cs, blkaddr + 4 * i, blk[i]);
        }
        ret = 0;
        break;
    }
    case SYS_EXIT:
        /* AArch32: r1 is the reason itself. */
        semi_exit(cs, arg == ADP_STOPPED_APPLICATION_EXIT ? 0 : 1);
        break;
    case SYS_EXIT_EXTENDED:
        if (!semi_ld32(cs, arg, &blk[0]) || !semi_ld32(cs, arg + 4, &blk[1])) {
            semi_exit(cs, 1);
        }
        semi_exit(cs, blk[0] == ADP_STOPPED_APPLICATION_EXIT ? (int)blk[1] : 1);
        break;
    default:
        qemu_log_mask(LOG_UNIMP, "semihosting: operation 0x%x not supported\n", op);
        ret = (uint32_t)-1;
        break;
    }
    env->regs[0] = ret;
}
