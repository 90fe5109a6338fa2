/*
 * The monitor's keyboard and screen on vexpress-a9: HMP sendkey and QMP
 * send-key reach the PL050 keyboard (0x10006000) as PS/2 set-2 scancodes,
 * with the release after the hold time of guest time; HMP and QMP
 * screendump write the same PPM of the PL111 (0x1001f000). Errors of both.
 * Also -nic model=virtio-net-device on the virtio-mmio transports.
 */
#include "libqtest.h"

#include <string.h>

#define KMI         0x10006000
#define KMI_CR      (KMI + 0x00)
#define KMI_STAT    (KMI + 0x04)
#define KMI_DATA    (KMI + 0x08)
#define CR_EN       0x04
#define ST_RXFULL   0x10

#define CLCD        0x1001f000
#define FB          0x60100000
#define W           16
#define H           4
#define MS          1000000LL

/* Drains the keyboard: the bytes received so far, as "1c f0 1c". */
static char *kmi_drain(QTestState *s)
{
    GString *out = g_string_new("");

    while (qtest_readl(s, KMI_STAT) & ST_RXFULL) {
        g_string_append_printf(out, "%s%02x", out->len ? " " : "",
                               qtest_readl(s, KMI_DATA) & 0xff);
    }
    return g_string_free(out, false);
}

static void check_bytes(QTestState *s, const char *expect)
{
    g_autofree char *got = kmi_drain(s);

    g_assert_cmpstr(got, ==, expect);
}

static void check_hmp(QTestState *s, const char *cmd, const char *expect)
{
    g_autofree char *out = qtest_hmp(s, "%s", cmd);

    g_assert_cmpstr(out, ==, expect);
}

/* The "desc" of an error reply (asserts it is one). */
static char *qmp_error(QTestState *s, const char *cmd)
{
    JsonNode *r = qtest_qmp(s, "%s", cmd);
    JsonObject *o = qtest_json_object(r);
    char *desc;

    g_assert_true(json_object_has_member(o, "error"));
    desc = g_strdup(json_object_get_string_member(json_object_get_object_member(o, "error"),
                                                   "desc"));
    json_node_unref(r);
    return desc;
}

static void check_qmp_error(QTestState *s, const char *cmd, const char *expect)
{
    g_autofree char *desc = qmp_error(s, cmd);

    g_assert_cmpstr(desc, ==, expect);
}

static void test_sendkey(void)
{
    QTestState *s = qtest_init("-M vexpress-a9");

    qtest_writel(s, KMI_CR, CR_EN);
    check_bytes(s, "");
    /* Held 100 ms of guest time by default. */
    check_hmp(s, "sendkey a", "");
    check_bytes(s, "1c");
    qtest_clock_step(s, 99 * MS);
    check_bytes(s, "");
    qtest_clock_step(s, 1 * MS);
    check_bytes(s, "f0 1c");
    /* Several keys: pressed in order, released in reverse. */
    check_hmp(s, "sendkey ctrl-alt-delete 10", "");
    check_bytes(s, "14 11 e0 71");
    qtest_clock_step(s, 10 * MS);
    check_bytes(s, "e0 f0 71 f0 11 f0 14");
    /* A pending release happens before the next keys. */
    check_hmp(s, "sendkey b 1000", "");
    check_hmp(s, "sendkey ret 0", "");
    check_bytes(s, "32 f0 32 5a f0 5a");
    /* QMP send-key: the same path. */
    json_node_unref(qtest_qmp_assert_success(s,
        "{'execute': 'send-key', 'arguments': {'keys': [{'type': 'qcode', 'data': 'shift'},"
        " {'type': 'qcode', 'data': 'x'}], 'hold-time': 5}}"));
    check_bytes(s, "12 22");
    qtest_clock_step(s, 5 * MS);
    check_bytes(s, "f0 22 f0 12");

    check_hmp(s, "sendkey ctrl-nokey", "Error: sendkey: unknown key 'nokey'\r\n");
    check_hmp(s, "sendkey", "Error: expected 1 argument: sendkey KEYS [HOLD_MS]\r\n");
    check_hmp(s, "sendkey a soon", "Error: invalid hold time 'soon'\r\n");
    check_qmp_error(s, "{'execute': 'send-key', 'arguments': {'keys': []}}",
                    "send-key: no key given");
    check_qmp_error(s, "{'execute': 'send-key', 'arguments': {'keys': "
                    "[{'type': 'qcode', 'data': 'nokey'}]}}", "send-key: unknown key 'nokey'");
    check_qmp_error(s, "{'execute': 'send-key', 'arguments': {'keys': "
                    "[{'type': 'number', 'data': 30}]}}",
                    "send-key: key 0 must be {\"type\": \"qcode\", \"data\": NAME}");
    check_bytes(s, "");
    qtest_quit(s);

    s = qtest_init("-M none");
    check_hmp(s, "sendkey a", "Error: send-key: the machine has no keyboard\r\n");
    qtest_quit(s);
}

static char *read_file(const char *path, gsize *len)
{
    char *data = NULL;

    g_assert_true(g_file_get_contents(path, &data, len, NULL));
    return data;
}

static void test_screendump(void)
{
    g_autofree char *dir = g_dir_make_tmp("screendump-XXXXXX", NULL);
    g_autofree char *hmp_file = g_build_filename(dir, "hmp.ppm", NULL);
    g_autofree char *qmp_file = g_build_filename(dir, "qmp.ppm", NULL);
    g_autofree char *cmd = NULL;
    g_autofree char *a = NULL, *b = NULL;
    const char *hdr = "P6\n16 4\n255\n";
    const uint8_t *px;
    gsize alen, blen;
    QTestState *s = qtest_init("-M vexpress-a9");

    cmd = g_strdup_printf("screendump %s", hmp_file);
    check_hmp(s, cmd, "Error: screendump: display 'pl111' has not shown a picture yet\r\n");
    g_free(cmd);
    cmd = g_strdup_printf("{'execute': 'screendump', 'arguments': {'filename': '%s'}}",
                          qmp_file);
    check_qmp_error(s, cmd, "screendump: display 'pl111' has not shown a picture yet");

    /* 16x4 at 24 bpp: pixel 5 of line 0 is R aa, G bb, B cc. */
    qtest_writel(s, FB + 5 * 4, 0x00ccbbaa);
    qtest_writel(s, FB + (2 * W + 1) * 4, 0x00010203);
    qtest_writel(s, CLCD + 0x000, ((W / 16) - 1) << 2);
    qtest_writel(s, CLCD + 0x004, H - 1);
    qtest_writel(s, CLCD + 0x010, FB);
    qtest_writel(s, CLCD + 0x018, 0x001 | (5 << 1) | 0x800);

    g_free(cmd);
    cmd = g_strdup_printf("screendump %s", hmp_file);
    check_hmp(s, cmd, "");
    json_node_unref(qtest_qmp(s, "{'execute': 'screendump', 'arguments': {'filename': '%s',"
                              " 'format': 'ppm'}}", qmp_file));
    a = read_file(hmp_file, &alen);
    b = read_file(qmp_file, &blen);
    g_assert_cmpuint(alen, ==, strlen(hdr) + W * H * 3);
    g_assert_cmpmem(a, strlen(hdr), hdr, strlen(hdr));
    g_assert_cmpmem(a, alen, b, blen);
    px = (const uint8_t *)a + strlen(hdr);
    g_assert_cmpmem(px + 5 * 3, 3, "\xaa\xbb\xcc", 3);
    g_assert_cmpmem(px + (2 * W + 1) * 3, 3, "\x03\x02\x01", 3);
    g_assert_cmpmem(px, 3, "\0\0\0", 3);

    g_free(cmd);
    cmd = g_strdup_printf("{'execute': 'screendump', 'arguments': {'filename': '%s',"
                          " 'format': 'png'}}", qmp_file);
    check_qmp_error(s, cmd, "screendump: format 'png' is not supported (only ppm)");
    g_free(a);
    a = qtest_hmp(s, "screendump /nonexistent-dir/x.ppm");
    g_assert_true(g_str_has_prefix(a, "Error: screendump: cannot write "
                                   "'/nonexistent-dir/x.ppm': "));
    g_assert_true(g_str_has_suffix(a, "No such file or directory\r\n"));
    g_free(b);
    b = qmp_error(s, "{'execute': 'screendump', 'arguments': "
                  "{'filename': '/nonexistent-dir/x.ppm'}}");
    g_assert_true(g_str_has_prefix(b, "screendump: cannot write '/nonexistent-dir/x.ppm': "));
    check_hmp(s, "screendump", "Error: expected 1 argument: screendump FILENAME\r\n");
    qtest_quit(s);

    s = qtest_init("-M none");
    check_hmp(s, "screendump /tmp/unused.ppm", "Error: screendump: there is no display device\r\n");
    qtest_quit(s);

    unlink(hmp_file);
    unlink(qmp_file);
    rmdir(dir);
}

/*
 * -nic user,model=virtio-net-device: a virtio-net on the next free
 * virtio-mmio transport (DeviceID 1 at 0x10013008 + 0x200 * i), joined to
 * its own slirp; -device virtio-net-device,netdev=ID takes the next one.
 */
static void test_virtio_net_nic(void)
{
    g_autofree char *out = NULL, *err = NULL;
    QTestState *s = qtest_init("-M vexpress-a9 -nic user,model=virtio-net-device,"
                               "mac=52:54:00:00:00:42 -netdev user,id=n1 "
                               "-device virtio-net-device,netdev=n1");

    g_assert_cmphex(qtest_readl(s, 0x10013008), ==, 1);
    g_assert_cmphex(qtest_readl(s, 0x10013208), ==, 1);
    g_assert_cmphex(qtest_readl(s, 0x10013408), ==, 0);
    /* config space: the MAC given with -nic */
    g_assert_cmphex(qtest_readl(s, 0x10013100), ==, 0x00005452);
    g_assert_cmphex(qtest_readb(s, 0x10013105), ==, 0x42);
    out = qtest_hmp(s, "info network");
    g_assert_nonnull(strstr(out, "model=virtio-net-device,macaddr=52:54:00:00:00:42\r\n"
                            " \\ user.0: "));
    g_assert_nonnull(strstr(out, " \\ n1: index=0,type=user"));
    qtest_quit(s);

    /* Four transports: a fifth virtio-net -nic is refused. */
    g_assert_cmpint(qtest_run_binary("-M vexpress-a9 -display none -serial none "
                                     "-monitor none -nic user,model=virtio-net-device "
                                     "-nic user,model=virtio-net-device "
                                     "-nic user,model=virtio-net-device "
                                     "-nic user,model=virtio-net-device "
                                     "-nic user,model=virtio-net-device", NULL, &err), ==, 1);
    g_assert_nonnull(strstr(err, "-nic user,model=virtio-net-device: this machine has no "
                            "free network card of model 'virtio-net-device'"));
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/vexpress/monitor/sendkey", test_sendkey);
    g_test_add_func("/vexpress/monitor/screendump", test_screendump);
    g_test_add_func("/vexpress/nic/virtio-net", test_virtio_net_nic);
    return g_test_run();
}
