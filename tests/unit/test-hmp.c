/*
 * HMP: readline editing (escape sequences in, line and output checked),
 * every command through monitor_hmp_capture (what human-monitor-command
 * runs), and an interactive session over a unix socket chardev.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/main-loop.h"
#include "chardev/char.h"
#include "exec/memory.h"
#include "hw/qdev-core.h"
#include "monitor/commands.h"
#include "monitor/monitor.h"
#include "monitor/readline.h"
#include "net/net.h"
#include "system/runstate.h"
#include "qmp-peer.h"

static char *tmpdir;
static uint32_t test_u32 = 7;

/* ---- readline ---- */

typedef struct Rl {
    ReadLineState *rs;
    GString *out;
    GPtrArray *lines;
} Rl;

static void rl_out(void *opaque, const char *buf, size_t len)
{
    g_string_append_len(((Rl *)opaque)->out, buf, len);
}

static void rl_line(void *opaque, const char *line)
{
    g_ptr_array_add(((Rl *)opaque)->lines, g_strdup(line));
}

static void rl_complete(void *opaque, const char *prefix, GPtrArray *c)
{
    static const char *const words[] = { "info", "stop", "system_reset", "system_powerdown" };

    for (size_t i = 0; i < G_N_ELEMENTS(words); i++) {
        if (g_str_has_prefix(words[i], prefix)) {
            g_ptr_array_add(c, g_strdup(words[i]));
        }
    }
}

static void rl_init(Rl *r)
{
    r->out = g_string_new(NULL);
    r->lines = g_ptr_array_new_with_free_func(g_free);
    r->rs = readline_new(rl_out, rl_line, rl_complete, r);
    readline_set_prompt(r->rs, "(qemu) ");
}

static void rl_free(Rl *r)
{
    readline_free(r->rs);
    g_string_free(r->out, TRUE);
    g_ptr_array_free(r->lines, TRUE);
}

static void feed(Rl *r, const char *s)
{
    for (; *s; s++) {
        readline_handle_byte(r->rs, (unsigned char)*s);
    }
}

static const char *last_line(Rl *r)
{
    g_assert_cmpuint(r->lines->len, >, 0);
    return g_ptr_array_index(r->lines, r->lines->len - 1);
}

static void test_readline_editing(void)
{
    Rl r;

    rl_init(&r);
    feed(&r, "helo");
    g_assert_cmpstr(r.out->str, ==, "helo");       /* plain typing: plain echo */
    feed(&r, "\033[D\033[Dl");                       /* left, left, insert */
    g_assert_cmpstr(readline_get_line(r.rs), ==, "hello");
    g_assert_cmpint(readline_get_cursor(r.rs), ==, 3);
    g_assert_nonnull(strstr(r.out->str, "\r(qemu) hello\033[K\033[2D"));   /* redraw */
    feed(&r, "\033[H");                              /* home */
    g_assert_cmpint(readline_get_cursor(r.rs), ==, 0);
    feed(&r, "\033[3~");                             /* delete */
    g_assert_cmpstr(readline_get_line(r.rs), ==, "ello");
    feed(&r, "\033[F");                              /* end */
    g_assert_cmpint(readline_get_cursor(r.rs), ==, 4);
    feed(&r, "\x7f");                                /* backspace */
    g_assert_cmpstr(readline_get_line(r.rs), ==, "ell");
    feed(&r, "\x01X\x05Y");                          /* Ctrl-A, Ctrl-E */
    g_assert_cmpstr(readline_get_line(r.rs), ==, "XellY");
    feed(&r, "\033[D\033[D\x0b");                    /* Ctrl-K */
    g_assert_cmpstr(readline_get_line(r.rs), ==, "Xel");
    feed(&r, "\033[D\x15");                          /* Ctrl-U */
    g_assert_cmpstr(readline_get_line(r.rs), ==, "l");
    feed(&r, "\033OH\033[C\033[C\033[1~\033[4~");   /* SS3 home, right past end, 1~ 4~ */
    g_assert_cmpint(readline_get_cursor(r.rs), ==, 1);
    feed(&r, "\033[Z\033x");                          /* unknown sequences: ignored */
    g_assert_cmpstr(readline_get_line(r.rs), ==, "l");
    feed(&r, "\r\n");
    g_assert_cmpuint(r.lines->len, ==, 1);           /* CR LF is one line */
    g_assert_cmpstr(last_line(&r), ==, "l");
    feed(&r, "\n");
    g_assert_cmpuint(r.lines->len, ==, 2);
    g_assert_cmpstr(last_line(&r), ==, "");
    rl_free(&r);
}

static void test_readline_history(void)
{
    Rl r;

    rl_init(&r);
    feed(&r, "one\rtwo\rtwo\r\rthr");
    g_assert_cmpstr(readline_get_history(r.rs, 0), ==, "one");
    g_assert_cmpstr(readline_get_history(r.rs, 1), ==, "two");
    g_assert_null(readline_get_history(r.rs, 2));  /* duplicates and empty lines skipped */
    feed(&r, "\033[A");
    g_assert_cmpstr(readline_get_line(r.rs), ==, "two");
    feed(&r, "\033[A\033[A");                         /* stops at the oldest */
    g_assert_cmpstr(readline_get_line(r.rs), ==, "one");
    feed(&r, "\033[B");
    g_assert_cmpstr(readline_get_line(r.rs), ==, "two");
    feed(&r, "\033[B");                               /* back to the line being typed */
    g_assert_cmpstr(readline_get_line(r.rs), ==, "thr");
    feed(&r, "\x10\r");                               /* Ctrl-P, enter */
    g_assert_cmpstr(last_line(&r), ==, "two");
    for (int i = 0; i < READLINE_HISTORY_MAX + 5; i++) {
        g_autofree char *l = g_strdup_printf("cmd%d\r", i);

        feed(&r, l);
    }
    g_assert_cmpstr(readline_get_history(r.rs, 0), ==, "cmd5");
    g_assert_null(readline_get_history(r.rs, READLINE_HISTORY_MAX));
    rl_free(&r);
}

static void test_readline_completion(void)
{
    Rl r;

    rl_init(&r);
    feed(&r, "in\t");
    g_assert_cmpstr(readline_get_line(r.rs), ==, "info ");
    feed(&r, "\x15sy\t");                             /* common prefix */
    g_assert_cmpstr(readline_get_line(r.rs), ==, "system_");
    g_string_truncate(r.out, 0);
    feed(&r, "\t");                                   /* ambiguous: list */
    g_assert_cmpstr(r.out->str, ==, "\r\nsystem_reset system_powerdown\r\n(qemu) system_");
    feed(&r, "\x15zz\t");                             /* no candidate */
    g_assert_cmpstr(readline_get_line(r.rs), ==, "zz");
    feed(&r, " in\t");                                /* only the first word */
    g_assert_cmpstr(readline_get_line(r.rs), ==, "zz in");
    rl_free(&r);
}

static void test_readline_long_line(void)
{
    Rl r;
    g_autofree char *big = g_strnfill(READLINE_LINE_MAX + 100, 'a');

    rl_init(&r);
    feed(&r, big);
    g_assert_cmpuint(strlen(readline_get_line(r.rs)), ==, READLINE_LINE_MAX);
    rl_free(&r);
}

/* ---- commands ---- */

#define CHECK_HMP(cmd, expect) do {                     \
        g_autofree char *o_ = monitor_hmp_capture(cmd); \
        g_assert_cmpstr(o_, ==, (expect));              \
    } while (0)

static void check_hmp_contains(const char *cmd, const char *needle)
{
    g_autofree char *o = monitor_hmp_capture(cmd);

    if (!strstr(o, needle)) {
        g_test_message("'%s' printed '%s', expected '%s' in it", cmd, o, needle);
        g_assert_not_reached();
    }
}

static void test_hmp_help_info(void)
{
    check_hmp_contains("help", "xp /fmt addr -- physical memory dump");
    check_hmp_contains("help", "qom-set path property value -- set a QOM property\r\n");
    check_hmp_contains("help info", "info mtree [-f] -- show the memory tree");
    CHECK_HMP("help stop", "stop -- stop emulation\r\n");
    CHECK_HMP("help nope", "unknown command: 'nope'\r\n");
    check_hmp_contains("info", "info status -- show the current VM status");
    CHECK_HMP("info nope", "unknown command: 'info nope'\r\n");
    CHECK_HMP("nope", "unknown command: 'nope'\r\n");
    CHECK_HMP("", "");
    CHECK_HMP("info version", "0.1.0 (Ferry 0.1.0)\r\n");
    CHECK_HMP("info registers", "Error: no CPU is available\r\n");
    check_hmp_contains("info qtree", "bus: main-system-bus\r\n  type System\r\n");
    check_hmp_contains("info qtree", "  dev: pl011, id \"uart9\"\r\n");
    check_hmp_contains("info qtree", "    gpio-out \"sysbus-irq\" 1\r\n    chardev = \r\n");
    check_hmp_contains("info mtree", "address-space: memory\r\n");
    check_hmp_contains("info mtree", "test.ram");
    check_hmp_contains("info mtree -f", "test.ram");
    CHECK_HMP("info mtree -x", "Error: unknown option '-x' (expected -f)\r\n");
    check_hmp_contains("info qom-tree", "/ (container)\r\n  /machine (container)\r\n");
    check_hmp_contains("info qom-tree", "    /hmptest (container)\r\n");
    CHECK_HMP("info qom-tree /machine/hmptest", "/hmptest (container)\r\n");
    CHECK_HMP("info qom-tree /nope", "Error: Device '/nope' not found\r\n");
    check_hmp_contains("info chardev", "hmp0: filename=");
}

static void test_hmp_run_control(void)
{
    int status;

    runstate_reset_for_test();
    CHECK_HMP("info status", "VM status: paused (prelaunch)\r\n");
    CHECK_HMP("cont", "");
    CHECK_HMP("info status", "VM status: running\r\n");
    CHECK_HMP("stop", "");
    CHECK_HMP("info status", "VM status: paused\r\n");
    CHECK_HMP("system_reset", "");
    g_assert_cmpint(qemu_reset_requested_get(), ==, SHUTDOWN_CAUSE_HOST_QMP_SYSTEM_RESET);
    g_assert_false(main_loop_should_exit(&status));
    CHECK_HMP("quit", "");
    g_assert_cmpint(qemu_shutdown_requested_get(), ==, SHUTDOWN_CAUSE_HOST_QMP_QUIT);
    runstate_reset_for_test();
    vm_start();
    runstate_set(RUN_STATE_SHUTDOWN);
    CHECK_HMP("cont", "Error: Resetting the Virtual Machine is required\r\n");
    runstate_reset_for_test();
}

static void test_hmp_qom(void)
{
    CHECK_HMP("qom-get /machine/hmptest u32", "7\r\n");
    CHECK_HMP("qom-set /machine/hmptest u32 0x20", "");
    g_assert_cmpuint(test_u32, ==, 0x20);
    CHECK_HMP("qom-get hmptest u32", "32\r\n");
    CHECK_HMP("qom-get uart9 realized", "true\r\n");
    CHECK_HMP("qom-get /nope u32", "Error: Device '/nope' not found\r\n");
    CHECK_HMP("qom-get hmptest", "Error: expected 2 arguments: qom-get PATH PROPERTY\r\n");
    CHECK_HMP("qom-set hmptest u32",
              "Error: expected 3 arguments: qom-set PATH PROPERTY VALUE\r\n");
    /* GLib words the rest of the message */
    check_hmp_contains("qom-get 'x", "Error: invalid arguments: ");
    check_hmp_contains("qom-set hmptest u32 abc", "Error: ");
    check_hmp_contains("qom-set hmptest u32 abc", "u32");
    g_assert_cmpuint(test_u32, ==, 0x20);
}

static void test_hmp_memory(void)
{
    g_autofree char *file = g_build_filename(tmpdir, "pmem.bin", NULL);
    g_autofree char *cmd = NULL;
    g_autofree char *data = NULL;
    gsize len;

    CHECK_HMP("xp 0x100", "0000000000000100: 0x03020100\r\n");
    CHECK_HMP("xp/4xb 0x100", "0000000000000100: 0x00 0x01 0x02 0x03\r\n");
    CHECK_HMP("xp/2xh 0x100", "0000000000000100: 0x0100 0x0302\r\n");
    CHECK_HMP("xp/1xg 0x100", "0000000000000100: 0x0706050403020100\r\n");
    CHECK_HMP("xp/5xw 0x100", "0000000000000100: 0x03020100 0x07060504 0x0b0a0908 0x0f0e0d0c\r\n"
              "0000000000000110: 0x13121110\r\n");
    CHECK_HMP("xp/2db 0x1f0", "00000000000001f0: -2 -3\r\n");
    CHECK_HMP("xp/2ub 0x1f0", "00000000000001f0: 254 253\r\n");
    CHECK_HMP("xp/2ob 0x108", "0000000000000108: 010 011\r\n");
    CHECK_HMP("xp/3c 0x140", "0000000000000140: 'A' 'B' '\\x0a'\r\n");
    CHECK_HMP("xp/2i 0x200", "0x0000000000000200:  mov r0, #1\r\n"
              "0x0000000000000204:  bx lr\r\n");
    CHECK_HMP("xp/1i 0x1f0", "0x00000000000001f0:  .word 0xfffcfdfe\r\n");
    CHECK_HMP("xp/2z 0x100", "Error: invalid char in format: 'z'\r\n");
    CHECK_HMP("xp/0x 0x100", "Error: invalid count '0' (1..65536)\r\n");
    CHECK_HMP("xp", "Error: missing address\r\n");
    CHECK_HMP("xp zz", "Error: invalid address 'zz'\r\n");
    CHECK_HMP("xp 0x10000000000", "Error: Cannot access memory at physical address "
              "0x10000000000 (size 4)\r\n");
    CHECK_HMP("x/4x 0x100", "Error: no CPU is available to translate virtual address 0x100 "
              "(use the physical form, e.g. xp or pmemsave)\r\n");
    CHECK_HMP("memsave 0 4 /tmp/x", "Error: no CPU is available to translate virtual address "
              "0x0 (use the physical form, e.g. xp or pmemsave)\r\n");
    cmd = g_strdup_printf("pmemsave 0x100 4 %s", file);
    CHECK_HMP(cmd, "");
    g_assert_true(g_file_get_contents(file, &data, &len, NULL));
    g_assert_cmpuint(len, ==, 4);
    g_assert_cmpint(memcmp(data, "\x00\x01\x02\x03", 4), ==, 0);
    unlink(file);
    CHECK_HMP("pmemsave 0x100 4", "Error: expected 3 arguments: pmemsave ADDR SIZE FILE\r\n");
    CHECK_HMP("pmemsave 0x100 -4 f", "Error: invalid size '-4'\r\n");
    CHECK_HMP("pmemsave 0x100 4 /nonexistent/f", "Error: Could not open '/nonexistent/f': "
              "No such file or directory\r\n");
}

/* Same command, same function: the QMP path through human-monitor-command. */
static void test_hmp_via_qmp(void)
{
    g_autofree char *out = qmp_human_monitor_command("info version", &error_abort);

    g_assert_cmpstr(out, ==, "0.1.0 (Ferry 0.1.0)\r\n");
}

/* ---- a session on a chardev ---- */

static void test_hmp_session(void)
{
    g_autofree char *path = g_build_filename(tmpdir, "hmp.sock", NULL);
    Peer *p = peer_connect(path);

    peer_wait_for(p, "Ferry 0.1.0 monitor - type 'help' for more information\r\n(qemu) ");
    g_string_truncate(p->rx, 0);
    runstate_reset_for_test();
    peer_send(p, "info stat\tus\r");        /* completion applies to the first word only */
    peer_wait_for(p, "(qemu) ");
    g_assert_cmpstr(p->rx->str, ==, "info status\r\nVM status: paused (prelaunch)"
                    "\r\n(qemu) ");
    g_string_truncate(p->rx, 0);
    peer_send(p, "inf\t status\r");
    peer_wait_for(p, "(qemu) ");
    g_assert_cmpstr(p->rx->str, ==, "info  status\r\nVM status: paused (prelaunch)\r\n(qemu) ");
    g_string_truncate(p->rx, 0);
    peer_send(p, "\033[A\r");                 /* history */
    peer_wait_for(p, "(qemu) ");
    g_assert_nonnull(strstr(p->rx->str, "VM status: paused (prelaunch)\r\n"));
    peer_close(p);

    /* A new client gets a prompt; the banner was shown once. */
    p = peer_connect(path);
    peer_wait_for(p, "(qemu) ");
    g_assert_cmpstr(p->rx->str, ==, "(qemu) ");
    peer_close(p);
}

static void test_hmp_info_network(void)
{
    check_hmp_contains("help info", "info network -- show the network clients");
    g_assert_true(net_client_init_netdev("user,id=hmpnet", &error_abort));
    CHECK_HMP("info network", "hmpnet: index=0,type=user,net=10.0.2.0,mask=255.255.255.0,"
              "restrict=off,hostfwds=0\r\n");
    net_cleanup();
    CHECK_HMP("info network", "");
}

int main(int argc, char **argv)
{
    g_autofree char *spec = NULL;
    g_autofree char *path = NULL;
    MemoryRegion *ram = g_new0(MemoryRegion, 1);
    DeviceState *dev;
    Object *obj;
    uint8_t *mem;
    static const uint8_t insns[] = { 0x01, 0x00, 0xa0, 0xe3, 0x1e, 0xff, 0x2f, 0xe1 };
    int ret;

    g_test_init(&argc, &argv, NULL);
    qemu_init_main_loop(&error_abort);
    tmpdir = g_dir_make_tmp("test-hmp-XXXXXX", NULL);
    path = g_build_filename(tmpdir, "hmp.sock", NULL);
    spec = g_strdup_printf("unix:%s,server=on,wait=off", path);
    g_assert_nonnull(monitor_init_hmp(qemu_chr_new("hmp0", spec, NULL, &error_abort),
                                      &error_abort));

    obj = object_new(TYPE_CONTAINER);
    object_property_add_uint32_ptr(obj, "u32", &test_u32, OBJ_PROP_FLAG_READWRITE);
    object_property_add_child(qdev_get_machine(), "hmptest", obj);
    object_unref(obj);
    dev = qdev_new("pl011");
    dev->id = g_strdup("uart9");
    object_property_add_child(container_get(qdev_get_machine(), "/peripheral"), "uart9",
                              OBJECT(dev));
    qdev_realize_and_unref(dev, sysbus_get_default(), &error_abort);

    memory_init();
    memory_region_init_ram(ram, NULL, "test.ram", 0x10000, &error_abort);
    memory_region_add_subregion(get_system_memory(), 0, ram);
    mem = memory_region_get_ram_ptr(ram);
    for (int i = 0; i < 0x40; i++) {
        mem[0x100 + i] = i;
    }
    mem[0x1f0] = 0xfe;
    mem[0x1f1] = 0xfd;
    mem[0x1f2] = 0xfc;
    mem[0x1f3] = 0xff;
    memcpy(mem + 0x140, "AB\n", 3);
    memcpy(mem + 0x200, insns, sizeof(insns));

    g_test_add_func("/hmp/readline/editing", test_readline_editing);
    g_test_add_func("/hmp/readline/history", test_readline_history);
    g_test_add_func("/hmp/readline/completion", test_readline_completion);
    g_test_add_func("/hmp/readline/long-line", test_readline_long_line);
    g_test_add_func("/hmp/help-info", test_hmp_help_info);
    g_test_add_func("/hmp/run-control", test_hmp_run_control);
    g_test_add_func("/hmp/qom", test_hmp_qom);
    g_test_add_func("/hmp/memory", test_hmp_memory);
    g_test_add_func("/hmp/via-qmp", test_hmp_via_qmp);
    g_test_add_func("/hmp/session", test_hmp_session);
    g_test_add_func("/hmp/info-network", test_hmp_info_network);
    ret = g_test_run();

    monitor_cleanup();
    qemu_chr_cleanup();
    rmdir(tmpdir);
    g_free(tmpdir);
    return ret;
}
