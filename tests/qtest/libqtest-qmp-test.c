/*
 * libqtest's QMP side against the real monitor: negotiation at init,
 * replies with events queued on the way, eventwait, HMP through
 * human-monitor-command, and the accelerator types in qom-list-types.
 */
#include "libqtest.h"

#include <string.h>

static bool list_has_name(JsonArray *list, const char *name)
{
    for (guint i = 0; i < json_array_get_length(list); i++) {
        JsonObject *o = json_array_get_object_element(list, i);

        if (!g_strcmp0(json_object_get_string_member(o, "name"), name)) {
            return true;
        }
    }
    return false;
}

static void test_accel_types(void)
{
    QTestState *s = qtest_init("-M none");
    JsonNode *ret = qtest_qmp_assert_success(s, "{'execute': 'qom-list-types', "
                                             "'arguments': {'implements': 'accel'}}");
    JsonArray *types = json_node_get_array(ret);

    g_assert_true(list_has_name(types, "tcg-accel"));
    g_assert_true(list_has_name(types, "qtest-accel"));
    g_assert_false(list_has_name(types, "accel"));     /* abstract */
    json_node_unref(ret);
    ret = qtest_qmp_assert_success(s, "{'execute': 'qom-list-types', "
                                   "'arguments': {'implements': 'accel', 'abstract': true}}");
    g_assert_true(list_has_name(json_node_get_array(ret), "accel"));
    json_node_unref(ret);
    qtest_quit(s);
}

static void test_events_and_replies(void)
{
    QTestState *s = qtest_init("-M none");
    JsonNode *reply, *ev, *ret;
    JsonObject *status;

    ret = qtest_qmp_assert_success(s, "{'execute': 'query-status'}");
    status = json_node_get_object(ret);
    g_assert_cmpstr(json_object_get_string_member(status, "status"), ==, "running");
    json_node_unref(ret);

    /* STOP arrives around the reply; qtest_qmp keeps it queued. */
    reply = qtest_qmp(s, "{'execute': 'stop', 'id': 7}");
    g_assert_true(json_object_has_member(qtest_json_object(reply), "return"));
    g_assert_cmpint(json_object_get_int_member(qtest_json_object(reply), "id"), ==, 7);
    json_node_unref(reply);
    json_node_unref(qtest_qmp_assert_success(s, "{'execute': 'cont'}"));
    ev = qtest_qmp_eventwait(s, "RESUME");
    g_assert_true(json_object_has_member(qtest_json_object(ev), "timestamp"));
    json_node_unref(ev);
    ev = qtest_qmp_eventwait(s, "STOP");        /* older, still queued */
    json_node_unref(ev);

    reply = qtest_qmp(s, "{'execute': 'no-such-command'}");
    status = json_object_get_object_member(qtest_json_object(reply), "error");
    g_assert_cmpstr(json_object_get_string_member(status, "class"), ==, "CommandNotFound");
    json_node_unref(reply);
    qtest_quit(s);
}

static void test_hmp(void)
{
    QTestState *s = qtest_init("-M none -m 16M");
    g_autofree char *out = NULL;

    out = qtest_hmp(s, "info status");
    g_assert_cmpstr(out, ==, "VM status: running\r\n");
    g_free(out);
    /* Memory written through qtest is what the monitor sees. */
    qtest_writel(s, 0x100, 0xcafef00d);
    out = qtest_hmp(s, "xp /1wx 0x100");
    g_assert_nonnull(strstr(out, "0xcafef00d"));
    g_free(out);
    /* A string with JSON specials is quoted by libqtest, not by the caller. */
    out = qtest_hmp(s, "nosuch \"quoted\" \\ arg");
    g_assert_nonnull(strstr(out, "nosuch"));
    qtest_quit(s);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/libqtest-qmp/accel-types", test_accel_types);
    g_test_add_func("/libqtest-qmp/events-and-replies", test_events_and_replies);
    g_test_add_func("/libqtest-qmp/hmp", test_hmp);
    return g_test_run();
}
