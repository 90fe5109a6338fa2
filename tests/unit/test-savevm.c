/*
 * Unit tests of the migration stream: exact framing, globalstate bytes,
 * the vmdesc trailer, live sections, every load error of the spec, and a
 * save/load of a vexpress-a9 machine (UART, dual timers, RTC).
 */
#include "qemu/osdep.h"
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include "qemu/timer.h"
#include "exec/memory.h"
#include "hw/boards.h"
#include "migration/qemu-file.h"
#include "migration/savevm.h"
#include "migration/vmstate.h"
#include "system/cmdline.h"
#include "system/runstate.h"
#include "system/system.h"

typedef struct TDev {
    uint32_t reg;
    uint8_t more;
} TDev;

static bool more_needed(void *opaque)
{
    return ((TDev *)opaque)->more != 0;
}

static const VMStateDescription vmstate_tdev_more = {
    .name = "tdev/more",
    .version_id = 1,
    .minimum_version_id = 1,
    .needed = more_needed,
    .fields = (const VMStateField[]) {
        VMSTATE_UINT8(more, TDev),
        VMSTATE_END_OF_LIST()
    },
};

static const VMStateDescription vmstate_tdev = {
    .name = "tdev",
    .version_id = 2,
    .minimum_version_id = 1,
    .fields = (const VMStateField[]) {
        VMSTATE_UINT32(reg, TDev),
        VMSTATE_END_OF_LIST()
    },
    .subsections = (const VMStateDescription *const[]) {
        &vmstate_tdev_more,
        NULL
    },
};

static bool skip_needed(void *opaque)
{
    return false;
}

/* A top-level needed() that says no: the entry is not sent at all. */
static const VMStateDescription vmstate_skipped = {
    .name = "skipped",
    .version_id = 1,
    .minimum_version_id = 1,
    .needed = skip_needed,
    .fields = (const VMStateField[]) {
        VMSTATE_UINT32(reg, TDev),
        VMSTATE_END_OF_LIST()
    },
};

static TDev devs[2], skipped;

static GByteArray *save_stream(void)
{
    QEMUFile *f = qemu_file_new_output_mem();
    GByteArray *out = g_byte_array_new();

    g_assert_true(qemu_savevm_state(f, &error_abort));
    g_byte_array_append(out, qemu_file_mem_data(f)->data,
                        qemu_file_mem_data(f)->len);
    g_assert_cmpint(qemu_fclose(f), ==, 0);
    return out;
}

static char *load_stream(const uint8_t *data, size_t len)
{
    QEMUFile *f = qemu_file_new_input_mem(data, len);
    Error *err = NULL;
    char *msg = NULL;

    if (!qemu_loadvm_state(f, &err)) {
        msg = g_strdup(error_get_pretty(err));
        error_free(err);
    }
    qemu_fclose(f);
    return msg;
}

static void expect_error(const uint8_t *data, size_t len, const char *want)
{
    g_autofree char *msg = load_stream(data, len);

    g_assert_cmpstr(msg, ==, want);
}

static ssize_t find(GByteArray *s, const void *needle, size_t len)
{
    for (size_t i = 0; i + len <= s->len; i++) {
        if (!memcmp(s->data + i, needle, len)) {
            return i;
        }
    }
    return -1;
}

static const uint8_t header[] = {
    'Q', 'E', 'V', 'M', 0, 0, 0, 3,
    0x07, 0, 0, 0, 8, 't', 'e', 's', 't', '-', '1', '.', '0',
    0x05, 30, 'c', 'o', 'n', 'f', 'i', 'g', 'u', 'r', 'a', 't', 'i', 'o', 'n',
    '/', 't', 'a', 'r', 'g', 'e', 't', '-', 'p', 'a', 'g', 'e', '-', 'b', 'i',
    't', 's', 0, 0, 0, 1, 0, 0, 0, 12,
    0x08, 0, 11, 0, 0,
};

static void test_framing(void)
{
    g_autoptr(GByteArray) s = save_stream();
    VMStateEntry *g = vmstate_find("globalstate", 0);
    VMStateEntry *d1 = vmstate_find("tdev", 1);
    uint8_t gs[5 + 1 + 11 + 8 + 104 + 5] = { 0x04 };
    uint8_t d1sec[] = {
        0x04, 0, 0, 0, d1->section_id, 4, 't', 'd', 'e', 'v', 0, 0, 0, 1,
        0, 0, 0, 2, 0xca, 0xfe, 0, 1,
        0x05, 9, 't', 'd', 'e', 'v', '/', 'm', 'o', 'r', 'e', 0, 0, 0, 1, 7,
        0x7e, 0, 0, 0, d1->section_id,
    };
    ssize_t eof;

    g_assert_cmpmem(s->data, sizeof(header), header, sizeof(header));
    /* globalstate: be32 size, 32-byte name, 2 flags, 66 zero bytes. */
    gs[4] = g->section_id;
    gs[5] = 11;
    memcpy(gs + 6, "globalstate", 11);
    gs[24] = 1;                 /* version */
    gs[28] = 10;                /* strlen("prelaunch") + 1 */
    memcpy(gs + 29, "prelaunch", 9);
    gs[61] = 1;                 /* has_vm_was_suspended */
    gs[sizeof(gs) - 5] = 0x7e;
    gs[sizeof(gs) - 1] = g->section_id;
    g_assert_cmpint(find(s, gs, sizeof(gs)), ==, sizeof(header));
    g_assert_cmpint(find(s, d1sec, sizeof(d1sec)), >, 0);
    g_assert_cmpint(find(s, "skipped", 7), <, 0);
    /* EOF, then 0x06 and the trailer as the analysis script finds it. */
    eof = find(s, "\x00\x06", 2);
    g_assert_cmpint(eof, >, 0);
    {
        size_t last_nul = 0, brace;
        uint32_t len = (s->data[eof + 2] << 24) | (s->data[eof + 3] << 16) |
                       (s->data[eof + 4] << 8) | s->data[eof + 5];

        g_assert_cmpuint(eof + 6 + len, ==, s->len);
        for (size_t i = 0; i < s->len; i++) {
            if (!s->data[i]) {
                last_nul = i;
            }
        }
        brace = last_nul;
        while (s->data[brace] != '{') {
            brace++;
        }
        g_assert_cmpuint(brace, ==, eof + 6);
        g_assert_cmpint(s->data[brace - 5], ==, 0x06);
    }
}

static void test_vmdesc(void)
{
    g_autoptr(GByteArray) s = save_stream();
    ssize_t eof = find(s, "\x00\x06", 2);
    g_autofree char *json = g_strndup((char *)s->data + eof + 6, s->len - eof - 6);
    g_autoptr(JsonParser) parser = json_parser_new();
    JsonObject *root, *o;
    JsonArray *devices;

    g_assert_nonnull(strstr(json, "{\"page_size\": 4096, \"configuration\": {"));
    g_assert_null(strchr(json, '\n'));
    g_assert_true(json_parser_load_from_data(parser, json, -1, NULL));
    root = json_node_get_object(json_parser_get_root(parser));
    g_assert_cmpint(json_object_get_int_member(root, "page_size"), ==, 4096);
    o = json_object_get_object_member(root, "configuration");
    g_assert_cmpstr(json_object_get_string_member(o, "vmsd_name"), ==,
                    "configuration");
    devices = json_object_get_array_member(root, "devices");
    g_assert_cmpuint(json_array_get_length(devices), ==, 3);
    o = json_array_get_object_element(devices, 0);
    g_assert_cmpstr(json_object_get_string_member(o, "name"), ==, "globalstate");
    g_assert_cmpint(json_object_get_int_member(o, "instance_id"), ==, 0);
    g_assert_cmpint(json_object_get_int_member(o, "version"), ==, 1);
    o = json_array_get_object_element(devices, 2);
    g_assert_cmpstr(json_object_get_string_member(o, "name"), ==, "tdev");
    g_assert_cmpint(json_object_get_int_member(o, "instance_id"), ==, 1);
    g_assert_cmpstr(json_object_get_string_member(
        json_array_get_object_element(json_object_get_array_member(o, "subsections"), 0),
        "vmsd_name"), ==, "tdev/more");
    o = json_array_get_object_element(json_object_get_array_member(o, "fields"), 0);
    g_assert_cmpstr(json_object_get_string_member(o, "name"), ==, "reg");
    g_assert_cmpint(json_object_get_int_member(o, "size"), ==, 4);
}

static void test_roundtrip(void)
{
    g_autoptr(GByteArray) s = save_stream();

    devs[0].reg = devs[1].reg = 0;
    devs[1].more = 0;
    g_assert_null(load_stream(s->data, s->len));
    g_assert_cmphex(devs[0].reg, ==, 0x1234);
    g_assert_cmphex(devs[1].reg, ==, 0xcafe0001);
    g_assert_cmpint(devs[1].more, ==, 7);
    g_assert_cmpint(global_state_get_runstate(), ==, RUN_STATE_PRELAUNCH);
    /* Bytes after EOF (the trailer, or anything) are not read. */
    g_byte_array_append(s, (const uint8_t *)"junk", 4);
    g_assert_null(load_stream(s->data, s->len));
}

static void test_load_errors(void)
{
    g_autoptr(GByteArray) s = save_stream();
    g_autofree uint8_t *d = g_memdup2(s->data, s->len);
    VMStateEntry *d1 = vmstate_find("tdev", 1);
    uint8_t sec[] = { 0x04, 0, 0, 0, d1->section_id, 4, 't', 'd', 'e', 'v',
                      0, 0, 0, 1, 0, 0, 0, 2 };
    ssize_t at = find(s, sec, sizeof(sec));
    ssize_t eof = find(s, "\x00\x06", 2);
    size_t n = s->len;

    g_assert_cmpint(at, >, 0);
#define RESET() memcpy(d, s->data, n)
    d[0] = 'X';
    expect_error(d, n, "not a migration stream (magic 0x5845564d, expected "
                 "0x5145564d)");
    RESET();
    d[7] = 2;
    expect_error(d, n, "unsupported stream version 2 (expected 3)");
    RESET();
    d[8] = 0x04;
    expect_error(d, n, "missing configuration section (found section type 0x04)");
    RESET();
    d[20] = '9';
    expect_error(d, n, "configuration: machine type mismatch: the stream is for "
                 "'test-1.9', this machine is 'test-1.0'");
    RESET();
    d[60] = 10;
    expect_error(d, n, "configuration: target page bits mismatch: the stream "
                 "has 10, this machine uses 12");
    RESET();
    d[sizeof(header) - 5] = 0x09;
    expect_error(d, n, "unknown section type 0x09");
    RESET();
    d[sizeof(header) - 4] = 1;
    expect_error(d, n, "unsupported command 267 in the stream");
    RESET();
    d[sizeof(header) - 3] = 2;          /* PING without its 4 bytes */
    expect_error(d, n, "command PING with length 0, expected 4");
    RESET();
    d[at + 9] = 'x';
    expect_error(d, n, "unknown section or instance 'tdex' 1");
    RESET();
    d[at + 13] = 5;
    expect_error(d, n, "unknown section or instance 'tdev' 5");
    RESET();
    d[at + 17] = 3;
    expect_error(d, n, "tdev instance 1: version 3 is too new (local version 2)");
    RESET();
    d[at + 17] = 0;
    expect_error(d, n, "tdev instance 1: version 0 is too old (minimum version 1)");
    RESET();
    d[at + sizeof(sec) + 4] = 0x06;    /* the subsection marker */
    expect_error(d, n, "missing section footer for 'tdev' (found 0x06)");
    RESET();
    d[at + sizeof(sec) + 24] = 0x55;    /* footer id */
    expect_error(d, n, "mismatched section id in the footer of 'tdev': 85, "
                 "expected 2");
    RESET();
    d[at + sizeof(sec) + 14] = 'x';     /* "tdev/morx" */
    expect_error(d, n, "tdev instance 1: subsection tdev/morx in tdev does not "
                 "exist");
    RESET();
    /* Every prefix that ends before EOF is a clean error. */
    for (ssize_t len = 0; len <= eof; len++) {
        g_autofree char *msg = load_stream(d, len);

        g_assert_nonnull(msg);
        if (!strstr(msg, "truncated")) {
            g_test_message("prefix %zd: %s", len, msg);
        }
        g_assert_nonnull(strstr(msg, "truncated"));
    }
    expect_error(d, at + 3, "truncated stream: it ends in a section header");
    expect_error(d, at + sizeof(sec) + 2,
                 "tdev instance 1: field 'reg': stream ends early (truncated)");
}

/* ---- live sections ---- */

typedef struct Live {
    GString *log;
    int parts;
} Live;

static bool live_setup(QEMUFile *f, void *opaque, Error **errp)
{
    qemu_put_be32(f, 0x5354);
    return true;
}

static int live_iterate(QEMUFile *f, void *opaque, Error **errp)
{
    Live *l = opaque;

    qemu_put_byte(f, l->parts);
    return ++l->parts >= 2;
}

static bool live_complete(QEMUFile *f, void *opaque, Error **errp)
{
    qemu_put_byte(f, 0xee);
    return true;
}

static bool live_load(QEMUFile *f, void *opaque, int version_id, int type,
                      Error **errp)
{
    Live *l = opaque;

    if (type == QEMU_VM_SECTION_START) {
        g_string_append_printf(l->log, "start(v%d,%x) ", version_id,
                               qemu_get_be32(f));
    } else {
        g_string_append_printf(l->log, "%s(%d) ",
                               type == QEMU_VM_SECTION_PART ? "part" : "end",
                               qemu_get_byte(f));
    }
    return true;
}

static const SaveVMHandlers live_ops = {
    .save_setup = live_setup,
    .save_live_iterate = live_iterate,
    .save_live_complete = live_complete,
    .load_state = live_load,
};

static void test_live_sections(void)
{
    Live l = { g_string_new(NULL), 0 };
    g_autoptr(GByteArray) s = NULL;
    uint8_t start[] = { 0x01, 0, 0, 0, 0, 3, 'r', 'a', 'm', 0, 0, 0, 0,
                        0, 0, 0, 4, 0, 0, 0x53, 0x54, 0x7e };
    ssize_t at;
    uint8_t sid;

    register_savevm_live("ram", 0, 4, &live_ops, &l);
    s = save_stream();
    at = find(s, start + 5, sizeof(start) - 5);
    g_assert_cmpint(at, ==, sizeof(header) - 5 + 5);
    sid = s->data[at - 1];
    g_assert_cmpint(s->data[at - 5], ==, 0x01);
    /* START, PART(0), PART(1), SWITCHOVER_START, END(0xee) */
    {
        const uint8_t tail[] = { 0, 0, 0, sid, 0x02, 0, 0, 0, sid, 0, 0x7e, 0, 0,
                                 0, sid, 0x02, 0, 0, 0, sid, 1, 0x7e, 0, 0, 0,
                                 sid, 0x08, 0, 11, 0, 0, 0x03, 0, 0, 0, sid,
                                 0xee, 0x7e, 0, 0, 0, sid };

        g_assert_cmpint(find(s, tail, sizeof(tail)), ==,
                        at + sizeof(start) - 5 - 1 + 1);
    }
    g_assert_null(load_stream(s->data, s->len));
    g_assert_cmpstr(l.log->str, ==, "start(v4,5354) part(0) part(1) end(238) ");

    /* A PART for a section id no START bound. */
    s->data[at + sizeof(start) - 5 + 4 + 4] = 0x77;
    {
        g_autofree char *msg = load_stream(s->data, s->len);

        g_assert_cmpstr(msg, ==, "unknown section id 119 (no START section "
                        "bound it)");
    }
    s->data[at + sizeof(start) - 5 + 4 + 4] = sid;
    s->data[at + 11] = 5;       /* version 5 > 4 */
    {
        g_autofree char *msg = load_stream(s->data, s->len);

        g_assert_cmpstr(msg, ==, "ram instance 0: version 5 is too new (local "
                        "version 4)");
    }
    unregister_savevm_live("ram", 0);
    g_string_free(l.log, TRUE);
}

static const VMStateDescription vmstate_blocker = {
    .name = "blocker",
    .unmigratable = true,
    .version_id = 1,
    .minimum_version_id = 1,
    .fields = (const VMStateField[]) { VMSTATE_END_OF_LIST() },
};

static void test_unmigratable_and_caps(void)
{
    static const char *const caps[] = { "x-fast", NULL };
    QEMUFile *f = qemu_file_new_output_mem();
    Error *err = NULL;
    int owner;
    g_autoptr(GByteArray) s = NULL;
    g_autofree char *msg = NULL;

    vmstate_register(&owner, 0, &vmstate_blocker, &owner);
    g_assert_false(qemu_savevm_state(f, &err));
    g_assert_cmpstr(error_get_pretty(err), ==, "device 'blocker' instance 0 is "
                    "not migratable (state 'blocker' is marked unmigratable)");
    g_assert_cmpuint(qemu_file_mem_data(f)->len, ==, 0);
    error_free(err);
    qemu_fclose(f);
    vmstate_unregister(&owner, &vmstate_blocker, &owner);

    savevm_set_capabilities(caps);
    s = save_stream();
    g_assert_cmpint(find(s, "\x05\x1a" "configuration/capabilities\0\0\0\1"
                         "\0\0\0\1\6x-fast", 26 + 2 + 4 + 4 + 7), >, 0);
    g_assert_null(load_stream(s->data, s->len));
    savevm_set_capabilities(NULL);
    msg = load_stream(s->data, s->len);
    g_assert_cmpstr(msg, ==, "configuration: capability 'x-fast' is set on the "
                    "source but not here");
}

/* ---- a vexpress-a9 machine ---- */

#define UART0 0x10009000
#define TIMER01 0x10011000
#define RTC 0x10017000

static uint32_t rd(hwaddr a)
{
    uint32_t v = 0;

    address_space_read(&address_space_memory, a, MEMTXATTRS_UNSPECIFIED, &v, 4);
    return v;
}

static void wr(hwaddr a, uint32_t v)
{
    address_space_write(&address_space_memory, a, MEMTXATTRS_UNSPECIFIED, &v, 4);
}

static void test_machine(void)
{
    static const char *argv[] = { "ferry", "-M", "vexpress-a9", "-S",
                                  "-nodefaults", NULL };
    static const hwaddr regs[] = {
        UART0 + 0x24, UART0 + 0x28, UART0 + 0x2c, UART0 + 0x30, UART0 + 0x38,
        TIMER01 + 0x00, TIMER01 + 0x04, TIMER01 + 0x08, TIMER01 + 0x24,
        TIMER01 + 0x28, RTC + 0x04, RTC + 0x08, RTC + 0x0c, RTC + 0x10,
    };
    uint32_t before[G_N_ELEMENTS(regs)];
    CmdlineConfig cfg;
    Error *err = NULL;
    g_autoptr(GByteArray) s = NULL;
    int64_t deadline, t0;

    savevm_set_machine_name(NULL);
    qemu_cmdline_config_init(&cfg);
    g_assert_true(qemu_cmdline_parse(5, (char **)argv, &cfg, &error_abort));
    g_assert_true(qemu_init(&cfg, &err));
    qemu_clock_set_manual(true);
    t0 = qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL);

    wr(UART0 + 0x24, 0x13);        /* IBRD */
    wr(UART0 + 0x28, 0x5);         /* FBRD */
    wr(UART0 + 0x2c, 0x70);        /* LCR_H: FIFOs, 8 bits */
    wr(UART0 + 0x30, 0x301);       /* CR */
    wr(UART0 + 0x38, 0x50);        /* IMSC */
    wr(TIMER01 + 0x00, 100000);    /* timer 0: periodic, 32-bit, IE */
    wr(TIMER01 + 0x08, 0xe2);
    wr(TIMER01 + 0x20, 5000);      /* timer 1: one-shot */
    wr(TIMER01 + 0x28, 0xa3);
    wr(RTC + 0x04, 12345);         /* MR */
    wr(RTC + 0x10, 1);             /* IMSC */
    qemu_clock_advance_virtual(t0 + 1234567);
    for (size_t i = 0; i < G_N_ELEMENTS(regs); i++) {
        before[i] = rd(regs[i]);
    }
    deadline = qemu_clock_next_deadline_abs(QEMU_CLOCK_VIRTUAL);
    g_assert_cmpint(deadline, >, t0 + 1234567);
    s = save_stream();

    /* Disturb everything, then restore the clock and load. */
    qemu_clock_advance_virtual(t0 + 9000000);
    qemu_system_reset(SHUTDOWN_CAUSE_HOST_QMP_SYSTEM_RESET);
    g_assert_cmphex(rd(UART0 + 0x24), ==, 0);
    g_assert_true(qemu_clock_set_virtual_ns(t0 + 1234567));
    g_assert_null(load_stream(s->data, s->len));
    for (size_t i = 0; i < G_N_ELEMENTS(regs); i++) {
        g_assert_cmphex(rd(regs[i]), ==, before[i]);
    }
    g_assert_cmpint(qemu_clock_next_deadline_abs(QEMU_CLOCK_VIRTUAL), ==, deadline);

    /* A stream of another machine type is refused, naming both. */
    savevm_set_machine_name("vexpress-a15-0.1");
    {
        g_autofree char *msg = load_stream(s->data, s->len);

        g_assert_cmpstr(msg, ==, "configuration: machine type mismatch: the "
                        "stream is for 'vexpress-a9-0.1', this machine is "
                        "'vexpress-a15-0.1'");
    }
    savevm_set_machine_name("test-1.0");
    qemu_cleanup();
    qemu_cmdline_config_free(&cfg);
    runstate_reset_for_test();
}

/* The binary's -dump-vmstate: pretty JSON of every device class, exit 0. */
static void test_dump_vmstate(void)
{
    const char *bin = g_getenv("FERRY_BINARY");
    g_autofree char *dir = g_dir_make_tmp("ferry-dump-XXXXXX", NULL);
    g_autofree char *path = g_build_filename(dir, "dump.json", NULL);
    g_autofree char *bad = g_build_filename(dir, "no", "such", "x.json", NULL);
    const char *argv[] = { bin, "-M", "vexpress-a9", "-dump-vmstate", path, NULL };
    g_autofree char *err_out = NULL;
    g_autofree char *text = NULL;
    g_autoptr(JsonParser) parser = json_parser_new();
    JsonObject *root, *o;
    int status;

    if (!bin) {
        g_test_skip("FERRY_BINARY not set");
        return;
    }
    g_assert_true(g_spawn_sync(NULL, (char **)argv, NULL, G_SPAWN_DEFAULT, NULL,
                               NULL, NULL, &err_out, &status, NULL));
    g_assert_true(g_spawn_check_wait_status(status, NULL));
    g_assert_true(g_file_get_contents(path, &text, NULL, NULL));
    g_assert_nonnull(strstr(text, "\n  \"vmschkmachine\""));
    g_assert_true(json_parser_load_from_data(parser, text, -1, NULL));
    root = json_node_get_object(json_parser_get_root(parser));
    o = json_object_get_object_member(root, "vmschkmachine");
    g_assert_cmpstr(json_object_get_string_member(o, "Name"), ==, "vexpress-a9-0.1");
    o = json_object_get_object_member(root, "sp804");
    g_assert_cmpint(json_object_get_int_member(o, "version_id"), ==, 1);
    o = json_object_get_object_member(o, "Description");
    o = json_array_get_object_element(json_object_get_array_member(o, "Fields"), 0);
    g_assert_cmpstr(json_object_get_string_member(o, "field"), ==, "timer");
    g_assert_cmpint(json_object_get_int_member(o, "num"), ==, 2);
    o = json_object_get_object_member(o, "Description");
    g_assert_cmpstr(json_object_get_string_member(o, "name"), ==, "sp804_timer");
    g_unlink(path);

    argv[4] = bad;
    g_free(err_out);
    g_assert_true(g_spawn_sync(NULL, (char **)argv, NULL, G_SPAWN_DEFAULT, NULL,
                               NULL, NULL, &err_out, &status, NULL));
    g_assert_false(g_spawn_check_wait_status(status, NULL));
    g_assert_nonnull(strstr(err_out, "-dump-vmstate "));
    g_assert_nonnull(strstr(err_out, ": cannot open: No such file or directory"));
    g_rmdir(dir);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    memory_init();
    qemu_clock_set_manual(true);
    savevm_set_machine_name("test-1.0");
    global_state_register();
    devs[0].reg = 0x1234;
    devs[1].reg = 0xcafe0001;
    devs[1].more = 7;
    vmstate_register(&devs[0], -1, &vmstate_tdev, &devs[0]);
    vmstate_register(&devs[1], -1, &vmstate_tdev, &devs[1]);
    vmstate_register(&skipped, 0, &vmstate_skipped, &skipped);
    g_test_add_func("/savevm/framing", test_framing);
    g_test_add_func("/savevm/vmdesc", test_vmdesc);
    g_test_add_func("/savevm/roundtrip", test_roundtrip);
    g_test_add_func("/savevm/load-errors", test_load_errors);
    g_test_add_func("/savevm/live-sections", test_live_sections);
    g_test_add_func("/savevm/unmigratable-caps", test_unmigratable_and_caps);
    g_test_add_func("/savevm/machine", test_machine);
    g_test_add_func("/savevm/dump-vmstate", test_dump_vmstate);
    return g_test_run();
}
