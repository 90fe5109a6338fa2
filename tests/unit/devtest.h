/*
 * Helpers for device unit tests: a device mapped into system memory,
 * register access through the memory API, an IRQ line recorder, manual
 * virtual-clock stepping, and a capture chardev.
 */
#ifndef TESTS_UNIT_DEVTEST_H
#define TESTS_UNIT_DEVTEST_H

#include "qemu/osdep.h"
#include "hw/sysbus.h"
#include "hw/qdev-properties.h"
#include "chardev/char.h"

typedef struct IrqRecorder {
    int level;
    int raises;     /* 0 -> 1 transitions seen */
    qemu_irq line;  /* the input the device's IRQ 0 is wired to */
} IrqRecorder;

/* Sets up memory, manual virtual clock (at 0) and the main context. */
void devtest_init(void);
/*
 * Creates TYPE, lets SETUP (may be NULL) set properties, realizes it on the
 * system bus, maps region 0 at ADDR, wires IRQ 0 to REC (may be NULL) and
 * resets it.
 */
DeviceState *devtest_create(const char *type, hwaddr addr, IrqRecorder *rec,
                            void (*setup)(DeviceState *dev, void *opaque),
                            void *opaque);
/*
 * Creates TYPE, lets SETUP set properties, and checks that realizing it
 * fails with an error whose message contains EXPECTED.
 */
void devtest_expect_realize_error(const char *type,
                                  void (*setup)(DeviceState *dev,
                                                void *opaque),
                                  void *opaque, const char *expected);
/* Unplugs DEV and frees REC's line (REC may be NULL). */
void devtest_destroy(DeviceState *dev, IrqRecorder *rec);

uint32_t devtest_readl(hwaddr addr);
void devtest_writel(hwaddr addr, uint32_t value);
uint8_t devtest_readb(hwaddr addr);
/* SIZE-byte (1, 2 or 4) little-endian access with explicit attributes. */
uint32_t devtest_read_attrs(hwaddr addr, unsigned size, MemTxAttrs attrs);
void devtest_write_attrs(hwaddr addr, unsigned size, uint32_t value,
                         MemTxAttrs attrs);
/* Zeroes REC and returns a new line that records into it (free with
 * qemu_free_irq); for devices with more than one output. */
qemu_irq devtest_recorder_line(IrqRecorder *rec);

/* Advances the virtual clock by NS, firing timers; returns the new time. */
int64_t devtest_clock_step(int64_t ns);

/* A chardev that records output; while "busy" it accepts nothing. */
typedef struct CaptureChardev {
    Chardev parent;
    GByteArray *out;
    bool busy;
    int pipe[2];    /* write end: an always-writable watch target */
} CaptureChardev;

CaptureChardev *capture_chardev_new(const char *label);
void capture_chardev_free(CaptureChardev *cap);
/* Runs pending main-loop work (watches, idle sources) without blocking. */
void devtest_run_pending(void);

/*
 * Guest-error/unimplemented logging captured to a temporary file:
 * start enables LOG_GUEST_ERROR | LOG_UNIMP; take returns (and forgets)
 * what was logged since the last take (g_free it); stop restores stderr
 * and the mask 0.
 */
void devtest_log_start(void);
char *devtest_log_take(void);
void devtest_log_stop(void);
/* Asserts that the log since the last take contains EXPECTED. */
void devtest_log_expect(const char *expected);

#endif
