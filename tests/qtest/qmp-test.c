/*
 * QMP against the real emulator process, through libqtest plus a second,
 * raw QMP monitor (-qmp unix:...) for what libqtest does for us (greeting,
 * negotiation): several monitors at once, each command, each error class
 * the commands produce, events with timestamps.
 */
#include "libqtest.h"

#include <signal.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#define GREETING "{\"QMP\":{\"version\":{\"qemu\":{\"micro\":0,\"minor\":1,\"major\":0}," \
                 "\"package\":\"Ferry 0.1.0\"},\"capabilities\":[\"oob\"]}}"

static char *node_text(JsonNode *n)
{
    g_autoptr(JsonGenerator) gen = json_generator_new();

    json_generator_set_root(gen, n);
    return json_generator_to_data(gen, NULL);
}

/* A raw client on a unix socket: one JSON line at a time. */
typedef struct Raw {
    int fd;
    GString *rx;
} Raw;

static Raw *raw_connect(const char *path)
{
    struct sockaddr_un addr = { .sun_family = AF_UNIX };
    Raw *r = g_new0(Raw, 1);
    struct timeval tv = { .tv_sec = 30 };

    r->fd = socket(AF_UNIX, SOCK_STREAM, 0);
    g_strlcpy(addr.sun_path, path, sizeof(addr.sun_path));
    g_assert_cmpint(connect(r->fd, (struct sockaddr *)&addr, sizeof(addr)), ==, 0);
    setsockopt(r->fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
    r->rx = g_string_new(NULL);
    return r;
}

static char *raw_line(Raw *r)
{
    char *nl;
    char *line;

    while (!(nl = strchr(r->rx->str, '\n'))) {
        char buf[1024];
        ssize_t n = recv(r->fd, buf, sizeof(buf), 0);

        g_assert_cmpint(n, >, 0);
        g_string_append_len(r->rx, buf, n);
    }
    line = g_strndup(r->rx->str, nl - r->rx->str);
    g_string_erase(r->rx, 0, nl - r->rx->str + 1);
    return line;
}

static char *raw_cmd(Raw *r, const char *text)
{
    g_assert_cmpint(send(r->fd, text, strlen(text), 0), ==, (ssize_t)strlen(text));
    g_assert_cmpint(send(r->fd, "\n", 1, 0), ==, 1);
    return raw_line(r);
}

static void raw_close(Raw *r)
{
    close(r->fd);
    g_string_free(r->rx, TRUE);
    g_free(r);
}

#define RAW_CMD(r, cmd, expect) do {                \
        g_autofree char *l_ = raw_cmd((r), (cmd));  \
        g_assert_cmpstr(l_, ==, (expect));          \
    } while (0)

static void test_greeting_negotiation(void)
{
    g_autofree char *dir = g_dir_make_tmp("qmp-test-XXXXXX", NULL);
    g_autofree char *path = g_build_filename(dir, "qmp2.sock", NULL);
    QTestState *s = qtest_initf("-M none -qmp unix:%s,server=on,wait=off", path);
    Raw *r = raw_connect(path);
    g_autofree char *greeting = raw_line(r);
    g_autofree char *ev = NULL;

    g_assert_cmpstr(greeting, ==, GREETING);
    RAW_CMD(r, "{\"execute\": \"query-status\", \"id\": 1}",
            "{\"error\":{\"class\":\"CommandNotFound\",\"desc\":\"Expecting capabilities "
            "negotiation with 'qmp_capabilities'\"},\"id\":1}");
    RAW_CMD(r, "{\"execute\": \"qmp_capabilities\"}", "{\"return\":{}}");
    RAW_CMD(r, "{\"execute\": \"qmp_capabilities\"}",
            "{\"error\":{\"class\":\"CommandNotFound\",\"desc\":\"Capabilities negotiation "
            "is already complete, command ignored\"}}");
    /* An event caused through one monitor reaches the other one too. */
    json_node_unref(qtest_qmp_assert_success(s, "{'execute': 'stop'}"));
    ev = raw_line(r);
    g_assert_true(g_str_has_prefix(ev, "{\"event\":\"STOP\",\"timestamp\":{\"seconds\":"));
    raw_close(r);
    qtest_quit(s);
    unlink(path);
    rmdir(dir);
}

static void check_error(QTestState *s, const char *cmd, const char *cls, const char *desc)
{
    JsonNode *reply = qtest_qmp(s, "%s", cmd);
    JsonObject *err = json_object_get_object_member(qtest_json_object(reply), "error");

    g_assert_nonnull(err);
    g_assert_cmpstr(json_object_get_string_member(err, "class"), ==, cls);
    g_assert_cmpstr(json_object_get_string_member(err, "desc"), ==, desc);
    json_node_unref(reply);
}

static void test_errors_and_id(void)
{
    QTestState *s = qtest_init("-M none");
    JsonNode *reply;
    g_autofree char *text = NULL;

    reply = qtest_qmp(s, "{'execute': 'query-cpu-definitions', 'id': {'seq': 5}}");
    text = node_text(reply);
    g_assert_cmpstr(text, ==, "{\"return\":[],\"id\":{\"seq\":5}}");
    json_node_unref(reply);
    check_error(s, "{'execute': 'frobnicate'}", "CommandNotFound",
                "The command frobnicate has not been found");
    check_error(s, "{'execute': 'qom-get', 'arguments': {'path': '/nope', 'property': 'x'}}",
                "DeviceNotFound", "Device '/nope' not found");
    check_error(s, "{'execute': 'device-list-properties', 'arguments': {'typename': 'zz'}}",
                "DeviceNotFound", "Device 'zz' not found");
    check_error(s, "{'execute': 'query-balloon'}", "DeviceNotActive",
                "No balloon device has been activated");
    check_error(s, "{'execute': 'balloon', 'arguments': {'value': 268435456}}",
                "DeviceNotActive", "No balloon device has been activated");
    check_error(s, "{'execute': 'balloon', 'arguments': {'value': 0}}", "GenericError",
                "Parameter 'value' expects a size above 0, got 0");
    check_error(s, "{'execute': 'qom-list', 'arguments': {'path': 5}}", "GenericError",
                "Invalid parameter type for 'path', expected: string");
    check_error(s, "{'execute': 'qom-list'}", "GenericError", "Parameter 'path' is missing");
    check_error(s, "{'execute': 'stop', 'arguments': {'now': true}}", "GenericError",
                "Parameter 'now' is unexpected");
    check_error(s, "{'execute': 'stop', 'extra': 1}", "GenericError",
                "QMP input member 'extra' is unexpected");
    qtest_qmp_send_raw(s, "{\"execute\": ]\n");
    reply = qtest_qmp_receive(s);
    g_assert_cmpstr(json_object_get_string_member(
        json_object_get_object_member(qtest_json_object(reply), "error"), "class"),
        ==, "GenericError");
    json_node_unref(reply);
    /* The session goes on. */
    json_node_unref(qtest_qmp_assert_success(s, "{'execute': 'query-version'}"));
    qtest_quit(s);
}

static bool has_name(JsonNode *list, const char *name)
{
    JsonArray *a = json_node_get_array(list);

    for (guint i = 0; i < json_array_get_length(a); i++) {
        if (!g_strcmp0(json_object_get_string_member(json_array_get_object_element(a, i),
                                                     "name"), name)) {
            return true;
        }
    }
    return false;
}

static void check_event(QTestState *s, const char *name, const char *data)
{
    JsonNode *ev = qtest_qmp_eventwait(s, name);
    JsonObject *o = qtest_json_object(ev);
    JsonObject *ts = json_object_get_object_member(o, "timestamp");
    gint64 now = g_get_real_time() / G_USEC_PER_SEC;

    g_assert_cmpint(json_object_get_int_member(ts, "seconds"), <=, now);
    g_assert_cmpint(json_object_get_int_member(ts, "seconds"), >, now - 60);
    g_assert_cmpint(json_object_get_int_member(ts, "microseconds"), <, 1000000);
    if (data) {
        g_autofree char *d = node_text(json_object_get_member(o, "data"));

        g_assert_cmpstr(d, ==, data);
    }
    json_node_unref(ev);
}

static void test_commands(void)
{
    QTestState *s = qtest_init("-M none");
    JsonNode *ret;
    g_autofree char *text = NULL;

    ret = qtest_qmp_assert_success(s, "{'execute': 'query-status'}");
    text = node_text(ret);
    g_assert_cmpstr(text, ==, "{\"running\":true,\"status\":\"running\"}");
    json_node_unref(ret);
    json_node_unref(qtest_qmp_assert_success(s, "{'execute': 'stop'}"));
    check_event(s, "STOP", NULL);
    json_node_unref(qtest_qmp_assert_success(s, "{'execute': 'cont'}"));
    check_event(s, "RESUME", NULL);
    json_node_unref(qtest_qmp_assert_success(s, "{'execute': 'system_reset'}"));
    check_event(s, "RESET", "{\"guest\":false,\"reason\":\"host-qmp-system-reset\"}");

    ret = qtest_qmp_assert_success(s, "{'execute': 'query-version'}");
    g_free(text);
    text = node_text(ret);
    g_assert_cmpstr(text, ==, "{\"qemu\":{\"micro\":0,\"minor\":1,\"major\":0},"
                    "\"package\":\"Ferry 0.1.0\"}");
    json_node_unref(ret);
    ret = qtest_qmp_assert_success(s, "{'execute': 'query-commands'}");
    g_assert_true(has_name(ret, "human-monitor-command") && has_name(ret, "qom-set"));
    json_node_unref(ret);
    ret = qtest_qmp_assert_success(s, "{'execute': 'query-machines'}");
    g_assert_true(has_name(ret, "none"));
    json_node_unref(ret);
    ret = qtest_qmp_assert_success(s, "{'execute': 'query-cpu-definitions'}");
    g_assert_cmpuint(json_array_get_length(json_node_get_array(ret)), ==, 0);
    json_node_unref(ret);
    ret = qtest_qmp_assert_success(s, "{'execute': 'qom-list', 'arguments': "
                                   "{'path': '/machine'}}");
    g_assert_true(has_name(ret, "append"));
    json_node_unref(ret);
    json_node_unref(qtest_qmp_assert_success(s, "{'execute': 'qom-set', 'arguments': "
                                             "{'path': '/machine', 'property': 'append', "
                                             "'value': 'console=ttyAMA0'}}"));
    ret = qtest_qmp_assert_success(s, "{'execute': 'qom-get', 'arguments': "
                                   "{'path': '/machine', 'property': 'append'}}");
    g_assert_cmpstr(json_node_get_string(ret), ==, "console=ttyAMA0");
    json_node_unref(ret);
    ret = qtest_qmp_assert_success(s, "{'execute': 'qom-list-types', 'arguments': "
                                   "{'implements': 'device'}}");
    g_assert_true(has_name(ret, "pl011"));
    json_node_unref(ret);
    ret = qtest_qmp_assert_success(s, "{'execute': 'qom-list-properties', 'arguments': "
                                   "{'typename': 'pl011'}}");
    g_assert_true(has_name(ret, "chardev"));
    json_node_unref(ret);
    ret = qtest_qmp_assert_success(s, "{'execute': 'device-list-properties', 'arguments': "
                                   "{'typename': 'pl011'}}");
    g_assert_true(has_name(ret, "chardev") && !has_name(ret, "realized"));
    json_node_unref(ret);
    ret = qtest_qmp_assert_success(s, "{'execute': 'human-monitor-command', 'arguments': "
                                   "{'command-line': 'info status'}}");
    g_assert_cmpstr(json_node_get_string(ret), ==, "VM status: running\r\n");
    json_node_unref(ret);

    json_node_unref(qtest_qmp_assert_success(s, "{'execute': 'quit'}"));
    check_event(s, "SHUTDOWN", "{\"guest\":false,\"reason\":\"host-qmp-quit\"}");
    g_assert_cmpint(qtest_wait_exit(s), ==, 0);
    qtest_quit(s);          /* frees S; the process has already ended */
}

/* Introspection of every type (abstract ones too) must answer, never crash. */
static void test_all_types(void)
{
    QTestState *s = qtest_init("-M vexpress-a9");
    JsonNode *types = qtest_qmp_assert_success(s, "{'execute': 'qom-list-types', "
                                               "'arguments': {'abstract': true}}");
    JsonArray *a = json_node_get_array(types);

    g_assert_cmpuint(json_array_get_length(a), >, 10);
    for (guint i = 0; i < json_array_get_length(a); i++) {
        const char *name = json_object_get_string_member(
            json_array_get_object_element(a, i), "name");

        json_node_unref(qtest_qmp_assert_success(
            s, "{'execute': 'qom-list-properties', 'arguments': {'typename': '%s'}}", name));
        json_node_unref(qtest_qmp(
            s, "{'execute': 'device-list-properties', 'arguments': {'typename': '%s'}}", name));
    }
    json_node_unref(types);
    json_node_unref(qtest_qmp_assert_success(s, "{'execute': 'query-status'}"));
    qtest_quit(s);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    /* A dead emulator should fail an assertion with a message, not kill us. */
    signal(SIGPIPE, SIG_IGN);
    g_test_add_func("/qmp/greeting-negotiation", test_greeting_negotiation);
    g_test_add_func("/qmp/errors-and-id", test_errors_and_id);
    g_test_add_func("/qmp/commands", test_commands);
    g_test_add_func("/qmp/all-types", test_all_types);
    return g_test_run();
}
