/*
 * libFuzzer target for the qtest line protocol: the input is a byte stream
 * as a client would send it, fed to a fresh QTestSession on a machine
"none" with 16 MiB of RAM at 0, the qtest accelerator, and a PL011 at
 * 0x1000000 (so that QOM paths and IRQ interception have something to find).
 * Replies go to a sink that only checks their shape.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "hw/sysbus.h"
#include "system/cmdline.h"
#include "system/qtest.h"
#include "system/system.h"

#include "fuzz.h"

const char *const fuzz_dictionary[] = {
    "readb ", "readw ", "readl ", "readq ", "writeb ", "writew ", "writel ", "writeq ",
    "read ", "write ", "b64read ", "b64write ", "memset ", "inb ", "outw ", "inl ",
    "endianness", "clock_step", "clock_set ", "irq_intercept_in ", "irq_intercept_out ",
    "set_irq_in ", "rtas ", "device[0]", "/machine", "0x1000000 ", "unnamed-gpio-in", "0x",
    "0xffffffffffffffff", "-1", "16777216", "\n", " ", "\r\n", "AAAA==", "0x1000",
    "9223372036854775807",
    NULL
};

static CmdlineConfig fuzz_cfg;

/* Every line the server sends starts with OK, FAIL or IRQ and ends in '\n'. */
static void check_reply(void *opaque, const char *buf, size_t len)
{
    size_t *lines = opaque;

    if (!len || buf[len - 1] != '\n' ||
        !(g_str_has_prefix(buf, "OK") || g_str_has_prefix(buf, "FAIL ") ||
          g_str_has_prefix(buf, "IRQ "))) {
        abort();
    }
    (*lines)++;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    char *args[] = {
        (char *)"fuzz-qtest", (char *)"-M", (char *)"none", (char *)"-m", (char *)"16M",
        (char *)"-accel", (char *)"qtest", (char *)"-display", (char *)"none",
        (char *)"-nodefaults", NULL
    };
    Error *err = NULL;

    error_init("fuzz-qtest");
    qemu_cmdline_config_init(&fuzz_cfg);
    if (!qemu_cmdline_parse(ARRAY_SIZE(args) - 1, args, &fuzz_cfg, &err) ||
        !qemu_init(&fuzz_cfg, &err)) {
        error_report_err(err);
        abort();
    }
    /* Just above RAM, so that MMIO is in reach too. */
    sysbus_create_simple("pl011", 0x1000000, NULL);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    size_t lines = 0;
    QTestSession *s = qtest_session_new(check_reply, &lines);
    size_t newlines = 0;

    for (size_t i = 0; i < size; i++) {
        newlines += data[i] == '\n';
    }
    qtest_session_feed(s, data, size);
    /* At least one reply per complete line (IRQ lines may add more). */
    if (lines < newlines && size <= QTEST_MAX_LINE) {
        abort();
    }
    qtest_session_free(s);
    return 0;
}
