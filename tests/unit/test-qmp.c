/*
 * QMP driven in-process: a QMP monitor on a unix socket chardev, the test
 * as the client. Greeting, negotiation, id echo, every command, every error
 * path, events, framing (malformed, oversized input), reconnection.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/main-loop.h"
#include "chardev/char.h"
#include "exec/memory.h"
#include "hw/qdev-core.h"
#include "monitor/monitor.h"
#include "monitor/qmp.h"
#include "system/runstate.h"
#include "qmp-peer.h"

#define GREETING "{\"QMP\":{\"version\":{\"qemu\":{\"micro\":0,\"minor\":1,\"major\":0}," \
                 "\"package\":\"Ferry 0.1.0\"},\"capabilities\":[\"oob\"]}}"

static char *tmpdir;
static char *sock_path;
static uint32_t test_u32 = 7;
static bool test_flag;
static char *test_str;

/* Connects, checks the greeting, and negotiates. */
static Peer *connect_ready(void)
{
    Peer *p = peer_connect(sock_path);
    JsonNode *g = peer_recv(p);
    g_autofree char *text = node_text(g);
    g_autofree char *r = NULL;

    json_node_unref(g);
    g_assert_cmpstr(text, ==, GREETING);
    r = peer_cmd(p, "{\"execute\": \"qmp_capabilities\"}");
    g_assert_cmpstr(r, ==, "{\"return\":{}}");
    return p;
}

#define CHECK_CMD(p, cmd, expect) do {              \
        g_autofree char *r_ = peer_cmd((p), (cmd)); \
        g_assert_cmpstr(r_, ==, (expect));          \
    } while (0)

#define ERR(cls, desc) "{\"error\":{\"class\":\"" cls "\",\"desc\":\"" desc "\"}}"

static void test_greeting(void)
{
    Peer *p = peer_connect(sock_path);
    JsonNode *g = peer_recv(p);
    g_autofree char *text = node_text(g);

    g_assert_cmpstr(text, ==, GREETING);
    json_node_unref(g);
    peer_close(p);
}

static void test_negotiation(void)
{
    Peer *p = peer_connect(sock_path);

    json_node_unref(peer_recv(p));
    CHECK_CMD(p, "{\"execute\": \"query-status\"}",
              ERR("CommandNotFound", "Expecting capabilities negotiation with "
                  "'qmp_capabilities'"));
    CHECK_CMD(p, "{\"execute\": \"no-such\"}",
              ERR("CommandNotFound", "The command no-such has not been found"));
    CHECK_CMD(p, "{\"execute\": \"qmp_capabilities\", \"arguments\": {\"enable\": [\"x\"]}}",
              ERR("GenericError", "Capability \\\"x\\\" is not available"));
    CHECK_CMD(p, "{\"execute\": \"qmp_capabilities\", \"arguments\": {\"enable\": [\"oob\"]}}",
              "{\"return\":{}}");
    CHECK_CMD(p, "{\"execute\": \"qmp_capabilities\"}",
              ERR("CommandNotFound", "Capabilities negotiation is already complete, "
                  "command ignored"));
    /* oob was enabled: exec-oob runs the command */
    CHECK_CMD(p, "{\"exec-oob\": \"query-cpu-definitions\", \"id\": 3}",
              "{\"return\":[],\"id\":3}");
    peer_close(p);

    p = connect_ready();
    CHECK_CMD(p, "{\"exec-oob\": \"query-cpu-definitions\"}",
              ERR("GenericError", "QMP input member 'exec-oob' needs the 'oob' capability "
                  "(enable it with qmp_capabilities)"));
    peer_close(p);
}

static void test_id_echo(void)
{
    Peer *p = connect_ready();

    CHECK_CMD(p, "{\"execute\": \"query-cpu-definitions\", \"id\": 42}",
              "{\"return\":[],\"id\":42}");
    CHECK_CMD(p, "{\"id\": \"abc\", \"execute\": \"query-cpu-definitions\"}",
              "{\"return\":[],\"id\":\"abc\"}");
    CHECK_CMD(p, "{\"execute\": \"query-cpu-definitions\", \"id\": {\"a\": [1, null]}}",
              "{\"return\":[],\"id\":{\"a\":[1,null]}}");
    CHECK_CMD(p, "{\"execute\": \"nope\", \"id\": 7}",
              "{\"error\":{\"class\":\"CommandNotFound\",\"desc\":\"The command nope has "
              "not been found\"},\"id\":7}");
    CHECK_CMD(p, "{\"execute\": \"stop\", \"bogus\": 1, \"id\": 8}",
              "{\"error\":{\"class\":\"GenericError\",\"desc\":\"QMP input member 'bogus' "
              "is unexpected\"},\"id\":8}");
    peer_close(p);
}

static void test_request_errors(void)
{
    Peer *p = connect_ready();
    g_autofree char *r = NULL;

    r = peer_cmd(p, "{\"execute\": }");
    g_assert_true(g_str_has_prefix(r, "{\"error\":{\"class\":\"GenericError\","
                                   "\"desc\":\"JSON parse error, "));
    CHECK_CMD(p, "[1, 2]", ERR("GenericError", "QMP input must be a JSON object"));
    g_free(r);
    r = peer_cmd(p, "hello");
    /* json-glib words the rest; it names the offending token */
    g_assert_true(g_str_has_prefix(r, "{\"error\":{\"class\":\"GenericError\","
                                   "\"desc\":\"JSON parse error, "));
    g_assert_nonnull(strstr(r, "hello"));
    CHECK_CMD(p, "{\"id\": 1}", "{\"error\":{\"class\":\"GenericError\",\"desc\":\"QMP input "
              "lacks member 'execute'\"},\"id\":1}");
    CHECK_CMD(p, "{\"execute\": 5}",
              ERR("GenericError", "QMP input member 'execute' must be a string"));
    CHECK_CMD(p, "{\"execute\": \"stop\", \"arguments\": [1]}",
              ERR("GenericError", "QMP input member 'arguments' must be an object"));
    CHECK_CMD(p, "{\"execute\": \"stop\", \"exec-oob\": \"stop\"}",
              ERR("GenericError", "QMP input member 'exec-oob' is unexpected together "
                  "with 'execute'"));
    /* A raw newline inside a string ends the text: error now, session goes on. */
    g_free(r);
    r = peer_cmd(p, "{\"execute\": \"sto");
    g_assert_true(strstr(r, "GenericError"));
    CHECK_CMD(p, "{\"execute\": \"query-cpu-definitions\"}", "{\"return\":[]}");
    peer_close(p);
}

static void test_arg_types(void)
{
    Peer *p = connect_ready();

    CHECK_CMD(p, "{\"execute\": \"qom-get\", \"arguments\": {\"path\": 1, \"property\": \"x\"}}",
              ERR("GenericError", "Invalid parameter type for 'path', expected: string"));
    CHECK_CMD(p, "{\"execute\": \"pmemsave\", \"arguments\": {\"val\": \"0\", \"size\": 1, "
              "\"filename\": \"f\"}}",
              ERR("GenericError", "Invalid parameter type for 'val', expected: integer"));
    CHECK_CMD(p, "{\"execute\": \"qom-list-types\", \"arguments\": {\"abstract\": 1}}",
              ERR("GenericError", "Invalid parameter type for 'abstract', expected: boolean"));
    CHECK_CMD(p, "{\"execute\": \"qmp_capabilities\", \"arguments\": {\"enable\": {}}}",
              ERR("CommandNotFound", "Capabilities negotiation is already complete, "
                  "command ignored"));
    CHECK_CMD(p, "{\"execute\": \"qom-get\", \"arguments\": {\"path\": \"/machine\"}}",
              ERR("GenericError", "Parameter 'property' is missing"));
    CHECK_CMD(p, "{\"execute\": \"stop\", \"arguments\": {\"y\": 1}}",
              ERR("GenericError", "Parameter 'y' is unexpected"));
    CHECK_CMD(p, "{\"execute\": \"pmemsave\", \"arguments\": {\"val\": -1, \"size\": 1, "
              "\"filename\": \"f\"}}",
              ERR("GenericError", "Parameter 'val' must not be negative, got -1"));
    peer_close(p);
}

static void check_timestamp(JsonNode *ev, const char *name)
{
    JsonObject *o = json_node_get_object(ev);
    JsonObject *ts = json_object_get_object_member(o, "timestamp");
    gint64 now = g_get_real_time() / G_USEC_PER_SEC;
    gint64 s = json_object_get_int_member(ts, "seconds");
    gint64 us = json_object_get_int_member(ts, "microseconds");

    g_assert_cmpstr(json_object_get_string_member(o, "event"), ==, name);
    g_assert_cmpint(s, <=, now);
    g_assert_cmpint(s, >=, now - 60);
    g_assert_cmpint(us, >=, 0);
    g_assert_cmpint(us, <, 1000000);
}

static void expect_event(Peer *p, const char *name, const char *data)
{
    JsonNode *ev = peer_event(p);
    JsonObject *o = json_node_get_object(ev);

    check_timestamp(ev, name);
    if (data) {
        g_autofree char *d = node_text(json_object_get_member(o, "data"));

        g_assert_cmpstr(d, ==, data);
    } else {
        g_assert_false(json_object_has_member(o, "data"));
    }
    json_node_unref(ev);
}

static void test_run_control(void)
{
    Peer *p = connect_ready();
    int status;

    runstate_reset_for_test();
    CHECK_CMD(p, "{\"execute\": \"query-status\"}",
              "{\"return\":{\"running\":false,\"status\":\"prelaunch\"}}");
    CHECK_CMD(p, "{\"execute\": \"cont\"}", "{\"return\":{}}");
    expect_event(p, "RESUME", NULL);
    CHECK_CMD(p, "{\"execute\": \"query-status\"}",
              "{\"return\":{\"running\":true,\"status\":\"running\"}}");
    CHECK_CMD(p, "{\"execute\": \"stop\"}", "{\"return\":{}}");
    expect_event(p, "STOP", NULL);
    CHECK_CMD(p, "{\"execute\": \"query-status\"}",
              "{\"return\":{\"running\":false,\"status\":\"paused\"}}");
    CHECK_CMD(p, "{\"execute\": \"cont\"}", "{\"return\":{}}");
    expect_event(p, "RESUME", NULL);

    CHECK_CMD(p, "{\"execute\": \"system_reset\"}", "{\"return\":{}}");
    g_assert_false(main_loop_should_exit(&status));
    expect_event(p, "RESET", "{\"guest\":false,\"reason\":\"host-qmp-system-reset\"}");

    CHECK_CMD(p, "{\"execute\": \"quit\"}", "{\"return\":{}}");
    g_assert_true(main_loop_should_exit(&status));
    g_assert_cmpint(status, ==, 0);
    expect_event(p, "SHUTDOWN", "{\"guest\":false,\"reason\":\"host-qmp-quit\"}");

    /* cont after a shutdown needs a reset */
    runstate_reset_for_test();
    vm_start();
    expect_event(p, "RESUME", NULL);
    runstate_set(RUN_STATE_SHUTDOWN);
    CHECK_CMD(p, "{\"execute\": \"cont\"}",
              ERR("GenericError", "Resetting the Virtual Machine is required"));
    runstate_reset_for_test();
    peer_close(p);
}

static void test_introspection(void)
{
    Peer *p = connect_ready();
    g_autofree char *r = NULL;

    CHECK_CMD(p, "{\"execute\": \"query-version\"}",
              "{\"return\":{\"qemu\":{\"micro\":0,\"minor\":1,\"major\":0},"
              "\"package\":\"Ferry 0.1.0\"}}");
    CHECK_CMD(p, "{\"execute\": \"query-cpu-definitions\"}", "{\"return\":[]}");
    r = peer_cmd(p, "{\"execute\": \"query-commands\"}");
    for (const char *const *c = (const char *const[]) {
            "qmp_capabilities", "query-status", "stop", "cont", "quit", "system_reset",
            "query-version", "query-commands", "query-machines", "query-cpu-definitions",
            "qom-list", "qom-get", "qom-set", "qom-list-types", "qom-list-properties",
            "device-list-properties", "human-monitor-command", "memsave", "pmemsave",
            NULL }; *c; c++) {
        g_autofree char *want = g_strdup_printf("{\"name\":\"%s\"}", *c);

        g_assert_nonnull(strstr(r, want));
    }
    g_free(r);
    r = peer_cmd(p, "{\"execute\": \"query-machines\"}");
    g_assert_nonnull(strstr(r, "{\"name\":\"none\",\"is-default\":"));
    g_assert_nonnull(strstr(r, "\"cpu-max\":1,\"deprecated\":false}"));
    g_free(r);
    r = peer_cmd(p, "{\"execute\": \"qom-list-types\", \"arguments\": "
                 "{\"implements\": \"device\"}}");
    g_assert_nonnull(strstr(r, "{\"name\":\"pl011\",\"parent\":\"sys-bus-device\"}"));
    g_assert_null(strstr(r, "\"abstract\":true"));
    g_free(r);
    r = peer_cmd(p, "{\"execute\": \"qom-list-types\", \"arguments\": {\"abstract\": true}}");
    g_assert_nonnull(strstr(r, "{\"name\":\"device\",\"parent\":\"object\","
                            "\"abstract\":true}"));
    g_free(r);
    r = peer_cmd(p, "{\"execute\": \"qom-list-properties\", \"arguments\": "
                 "{\"typename\": \"pl011\"}}");
    g_assert_nonnull(strstr(r, "{\"name\":\"realized\",\"type\":\"bool\""));
    g_free(r);
    r = peer_cmd(p, "{\"execute\": \"qom-list-properties\", \"arguments\": "
                 "{\"typename\": \"device\"}}");
    g_assert_true(g_str_has_prefix(r, "{\"return\":["));
    CHECK_CMD(p, "{\"execute\": \"qom-list-properties\", \"arguments\": {\"typename\": \"x\"}}",
              ERR("GenericError", "Class 'x' not found"));
    g_free(r);
    r = peer_cmd(p, "{\"execute\": \"device-list-properties\", \"arguments\": "
                 "{\"typename\": \"pl011\"}}");
    g_assert_nonnull(strstr(r, "{\"name\":\"chardev\",\"type\":"));
    g_assert_null(strstr(r, "\"realized\""));
    CHECK_CMD(p, "{\"execute\": \"device-list-properties\", \"arguments\": "
              "{\"typename\": \"nope\"}}", ERR("DeviceNotFound", "Device 'nope' not found"));
    CHECK_CMD(p, "{\"execute\": \"device-list-properties\", \"arguments\": "
              "{\"typename\": \"container\"}}",
              ERR("GenericError", "Parameter 'typename' expects a device type, "
                  "got 'container'"));
    CHECK_CMD(p, "{\"execute\": \"device-list-properties\", \"arguments\": "
              "{\"typename\": \"device\"}}",
              ERR("GenericError", "Parameter 'typename' expects a non-abstract device "
                  "type, got 'device'"));
    peer_close(p);
}

static void test_qom(void)
{
    Peer *p = connect_ready();
    g_autofree char *r = NULL;

    r = peer_cmd(p, "{\"execute\": \"qom-list\", \"arguments\": {\"path\": \"/machine/qmptest\"}}");
    g_assert_nonnull(strstr(r, "{\"name\":\"u32\",\"type\":\"uint32\"}"));
    g_assert_nonnull(strstr(r, "{\"name\":\"flag\",\"type\":\"bool\"}"));
    CHECK_CMD(p, "{\"execute\": \"qom-list\", \"arguments\": {\"path\": \"/nope\"}}",
              ERR("DeviceNotFound", "Device '/nope' not found"));
    CHECK_CMD(p, "{\"execute\": \"qom-get\", \"arguments\": {\"path\": \"/machine/qmptest\", "
              "\"property\": \"u32\"}}", "{\"return\":7}");
    CHECK_CMD(p, "{\"execute\": \"qom-set\", \"arguments\": {\"path\": \"/machine/qmptest\", "
              "\"property\": \"u32\", \"value\": 1234}}", "{\"return\":{}}");
    g_assert_cmpuint(test_u32, ==, 1234);
    CHECK_CMD(p, "{\"execute\": \"qom-set\", \"arguments\": {\"path\": \"qmptest\", "
              "\"property\": \"flag\", \"value\": true}}", "{\"return\":{}}");
    g_assert_true(test_flag);
    CHECK_CMD(p, "{\"execute\": \"qom-get\", \"arguments\": {\"path\": \"qmptest\", "
              "\"property\": \"flag\"}}", "{\"return\":true}");
    CHECK_CMD(p, "{\"execute\": \"qom-set\", \"arguments\": {\"path\": \"qmptest\", "
              "\"property\": \"str\", \"value\": \"hi\"}}", "{\"return\":{}}");
    g_assert_cmpstr(test_str, ==, "hi");
    CHECK_CMD(p, "{\"execute\": \"qom-get\", \"arguments\": {\"path\": \"qmptest\", "
              "\"property\": \"str\"}}", "{\"return\":\"hi\"}");
    CHECK_CMD(p, "{\"execute\": \"qom-get\", \"arguments\": {\"path\": \"/nope\", "
              "\"property\": \"x\"}}", ERR("DeviceNotFound", "Device '/nope' not found"));
    CHECK_CMD(p, "{\"execute\": \"qom-get\", \"arguments\": {\"path\": \"qmptest\", "
              "\"property\": \"nope\"}}",
              ERR("GenericError", "Property 'container.nope' not found"));
    CHECK_CMD(p, "{\"execute\": \"qom-set\", \"arguments\": {\"path\": \"qmptest\", "
              "\"property\": \"u32\", \"value\": 1.5}}",
              ERR("GenericError", "Invalid parameter type for 'value', expected: integer, "
                  "boolean or string"));
    g_free(r);
    r = peer_cmd(p, "{\"execute\": \"qom-set\", \"arguments\": {\"path\": \"qmptest\", "
                 "\"property\": \"u32\", \"value\": \"x\"}}");
    g_assert_nonnull(strstr(r, "GenericError"));
    g_assert_nonnull(strstr(r, "u32"));
    g_assert_cmpuint(test_u32, ==, 1234);
    peer_close(p);
}

static void test_hmp_and_memory(void)
{
    Peer *p = connect_ready();
    g_autofree char *file = g_build_filename(tmpdir, "pmem.bin", NULL);
    g_autofree char *cmd = NULL;
    g_autofree char *data = NULL;
    gsize len;

    runstate_reset_for_test();
    CHECK_CMD(p, "{\"execute\": \"human-monitor-command\", \"arguments\": "
              "{\"command-line\": \"info status\"}}",
              "{\"return\":\"VM status: paused (prelaunch)\\r\\n\"}");
    CHECK_CMD(p, "{\"execute\": \"human-monitor-command\", \"arguments\": "
              "{\"command-line\": \"xp/2xb 0x1000\"}}",
              "{\"return\":\"0000000000001000: 0x5a 0xa5\\r\\n\"}");
    cmd = g_strdup_printf("{\"execute\": \"pmemsave\", \"arguments\": {\"val\": 4096, "
                          "\"size\": 3, \"filename\": \"%s\"}}", file);
    CHECK_CMD(p, cmd, "{\"return\":{}}");
    g_assert_true(g_file_get_contents(file, &data, &len, NULL));
    g_assert_cmpuint(len, ==, 3);
    g_assert_cmpint(memcmp(data, "\x5a\xa5\x00", 3), ==, 0);
    CHECK_CMD(p, "{\"execute\": \"pmemsave\", \"arguments\": {\"val\": 4096, "
              "\"size\": 3, \"filename\": \"/nonexistent/dir/f\"}}",
              ERR("GenericError", "Could not open '/nonexistent/dir/f': "
                  "No such file or directory"));
    CHECK_CMD(p, "{\"execute\": \"pmemsave\", \"arguments\": {\"val\": 1099511627776, "
              "\"size\": 4, \"filename\": \"/tmp/never\"}}",
              ERR("GenericError", "Cannot access memory at physical address "
                  "0x10000000000 (size 4)"));
    CHECK_CMD(p, "{\"execute\": \"memsave\", \"arguments\": {\"val\": 0, "
              "\"size\": 4, \"filename\": \"/tmp/never\"}}",
              ERR("GenericError", "no CPU is available to translate virtual address 0x0 "
                  "(use the physical form, e.g. xp or pmemsave)"));
    g_assert_false(g_file_test("/tmp/never", G_FILE_TEST_EXISTS));
    peer_close(p);
}

static void test_oversized(void)
{
    Peer *p = connect_ready();
    g_autofree char *big = g_malloc(QMP_INPUT_MAX + 2);
    g_autofree char *r = NULL;
    JsonNode *n;

    memset(big, ' ', QMP_INPUT_MAX + 1);
    memcpy(big, "{\"execute\": \"", 13);
    memset(big + 13, 'a', QMP_INPUT_MAX + 1 - 13);
    big[QMP_INPUT_MAX + 1] = '\0';
    peer_send(p, big);
    n = peer_reply(p);
    r = node_text(n);
    json_node_unref(n);
    g_assert_cmpstr(r, ==, ERR("GenericError", "JSON input exceeds 1048576 bytes without a "
                               "complete message; input dropped"));
    /* What follows the dropped part is a new message. */
    g_free(r);
    r = peer_cmd(p, "\"}");
    g_assert_true(g_str_has_prefix(r, "{\"error\":{\"class\":\"GenericError\","
                                   "\"desc\":\"JSON parse error, "));
    CHECK_CMD(p, "{\"execute\": \"query-cpu-definitions\"}", "{\"return\":[]}");
    peer_close(p);
}

static void test_disconnect(void)
{
    Peer *p = connect_ready();
    g_autofree char *r = NULL;
    JsonNode *n;

    /* Leave mid-request and mid-reply: the next client starts fresh. */
    peer_send(p, "{\"execute\": \"query-machines\"}\n{\"execute\": \"qom-li");
    peer_close(p);
    p = peer_connect(sock_path);
    n = peer_recv(p);
    r = node_text(n);
    json_node_unref(n);
    g_assert_cmpstr(r, ==, GREETING);
    CHECK_CMD(p, "{\"execute\": \"query-status\"}",
              ERR("CommandNotFound", "Expecting capabilities negotiation with "
                  "'qmp_capabilities'"));
    peer_close(p);
}

static void test_two_monitors(void)
{
    g_autofree char *path2 = g_build_filename(tmpdir, "qmp2.sock", NULL);
    g_autofree char *spec = g_strdup_printf("unix:%s,server=on,wait=off", path2);
    Chardev *chr = qemu_chr_new("qmp2", spec, NULL, &error_abort);
    Peer *a, *b;

    g_assert_nonnull(monitor_init_qmp(chr, true, &error_abort));
    a = connect_ready();
    b = peer_connect(path2);
    peer_wait_for(b, "\"oob\"\n    ]\n  }\n}\n");      /* pretty-printed greeting */
    g_string_truncate(b->rx, 0);
    peer_send(b, "{\"execute\": \"qmp_capabilities\"}\n");
    peer_wait_for(b, "\"return\"");
    peer_wait_for(b, "}\n");
    g_string_truncate(b->rx, 0);

    runstate_reset_for_test();
    vm_start();
    expect_event(a, "RESUME", NULL);
    peer_wait_for(b, "\"event\" : \"RESUME\"");
    qapi_event_emit("MIGRATION", json_from_string("{\"status\": \"setup\"}", NULL));
    expect_event(a, "MIGRATION", "{\"status\":\"setup\"}");
    peer_wait_for(b, "\"status\" : \"setup\"");
    runstate_reset_for_test();
    peer_close(a);
    peer_close(b);
}

static void test_parse_request(void)
{
    QmpRequest req;
    Error *err = NULL;
    g_autofree char *deep = NULL;
    GString *s = g_string_new("{\"execute\": \"x\", \"arguments\": {\"a\": ");

    g_assert_true(qmp_parse_request("{\"execute\":\"a\",\"arguments\":{\"k\":1}}", 35,
                                    &req, &error_abort));
    g_assert_cmpstr(req.command, ==, "a");
    g_assert_false(req.oob);
    g_assert_cmpint(json_object_get_int_member(req.args, "k"), ==, 1);
    qmp_request_clear(&req);

    g_assert_false(qmp_parse_request("{\"execute\":\"a\"}\0x", 17, &req, &err));
    g_assert_cmpstr(error_get_pretty(err), ==, "JSON parse error, invalid character in input");
    error_free(err);
    err = NULL;
    qmp_request_clear(&req);

    for (int i = 0; i < 2000; i++) {
        g_string_append_c(s, '[');
    }
    deep = g_string_free(s, FALSE);
    g_assert_false(qmp_parse_request(deep, strlen(deep), &req, &err));
    g_assert_cmpstr(error_get_pretty(err), ==, "JSON parse error, nesting deeper than "
                    "1024 levels");
    error_free(err);
    qmp_request_clear(&req);
}

typedef struct Texts {
    GPtrArray *texts;
    int overflows;
} Texts;

static void collect(void *opaque, const char *text, size_t len, bool overflow)
{
    Texts *t = opaque;

    if (overflow) {
        t->overflows++;
    } else {
        g_ptr_array_add(t->texts, g_strndup(text, len));
    }
}

static void test_stream(void)
{
    QmpStream s;
    Texts t = { g_ptr_array_new_with_free_func(g_free), 0 };
    const char *in = " {\"a\": \"}{\\\"\"}[1,[2]]\njunk here\n{\"b\"\n";

    qmp_stream_init(&s, 16);
    /* Byte by byte: framing must not depend on chunking. */
    for (const char *c = in; *c; c++) {
        qmp_stream_feed(&s, c, 1, collect, &t);
    }
    /* the last object is still open: a newline outside a string is whitespace */
    g_assert_cmpuint(t.texts->len, ==, 3);
    g_assert_cmpstr(g_ptr_array_index(t.texts, 0), ==, "{\"a\": \"}{\\\"\"}");
    g_assert_cmpstr(g_ptr_array_index(t.texts, 1), ==, "[1,[2]]");
    g_assert_cmpstr(g_ptr_array_index(t.texts, 2), ==, "junk here");
    g_assert_cmpint(t.overflows, ==, 0);
    qmp_stream_feed(&s, "{\"0123456789012345678", 21, collect, &t);
    g_assert_cmpint(t.overflows, ==, 1);
    qmp_stream_destroy(&s);
    g_ptr_array_free(t.texts, TRUE);
}

int main(int argc, char **argv)
{
    g_autofree char *spec = NULL;
    Object *obj;
    MemoryRegion *ram = g_new0(MemoryRegion, 1);
    int ret;

    g_test_init(&argc, &argv, NULL);
    qemu_init_main_loop(&error_abort);
    tmpdir = g_dir_make_tmp("test-qmp-XXXXXX", NULL);
    sock_path = g_build_filename(tmpdir, "qmp.sock", NULL);
    spec = g_strdup_printf("unix:%s,server=on,wait=off", sock_path);
    g_assert_nonnull(monitor_init_qmp(qemu_chr_new("qmp0", spec, NULL, &error_abort),
                                      false, &error_abort));

    obj = object_new(TYPE_CONTAINER);
    object_property_add_uint32_ptr(obj, "u32", &test_u32, OBJ_PROP_FLAG_READWRITE);
    object_property_add_bool_ptr(obj, "flag", &test_flag, OBJ_PROP_FLAG_READWRITE);
    object_property_add_str_ptr(obj, "str", &test_str, OBJ_PROP_FLAG_READWRITE);
    object_property_add_child(qdev_get_machine(), "qmptest", obj);
    object_unref(obj);

    memory_init();
    memory_region_init_ram(ram, NULL, "test.ram", 0x10000, &error_abort);
    memory_region_add_subregion(get_system_memory(), 0, ram);
    ((uint8_t *)memory_region_get_ram_ptr(ram))[0x1000] = 0x5a;
    ((uint8_t *)memory_region_get_ram_ptr(ram))[0x1001] = 0xa5;

    g_test_add_func("/qmp/greeting", test_greeting);
    g_test_add_func("/qmp/negotiation", test_negotiation);
    g_test_add_func("/qmp/id-echo", test_id_echo);
    g_test_add_func("/qmp/request-errors", test_request_errors);
    g_test_add_func("/qmp/arg-types", test_arg_types);
    g_test_add_func("/qmp/run-control-events", test_run_control);
    g_test_add_func("/qmp/introspection", test_introspection);
    g_test_add_func("/qmp/qom", test_qom);
    g_test_add_func("/qmp/hmp-and-memory", test_hmp_and_memory);
    g_test_add_func("/qmp/oversized", test_oversized);
    g_test_add_func("/qmp/disconnect", test_disconnect);
    g_test_add_func("/qmp/two-monitors", test_two_monitors);
    g_test_add_func("/qmp/parse-request", test_parse_request);
    g_test_add_func("/qmp/stream", test_stream);
    ret = g_test_run();

    monitor_cleanup();
    qemu_chr_cleanup();
    g_free(test_str);
    {
        g_autofree char *pmem = g_build_filename(tmpdir, "pmem.bin", NULL);

        unlink(pmem);
    }
    rmdir(tmpdir);
    g_free(sock_path);
    g_free(tmpdir);
    return ret;
}
