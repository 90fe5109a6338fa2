/*
 * Unit tests for the command line: the parser in process (every rejection
 * with its exact message), then a few runs of the real binary, whose path
 * comes from FERRY_BINARY (set by meson).
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/log.h"
#include "qemu/timer.h"
#include "system/accel.h"
#include "system/cmdline.h"
#include "net/net.h"
#include "system/qtest.h"
#include "system/runstate.h"
#include "system/system.h"
#include "hw/boards.h"
#include "exec/memory.h"

#include <gio/gio.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

/* Parses the NULL-terminated words; returns the error message or NULL. */
static char *parse_words(CmdlineConfig *cfg, const char *const *words)
{
    g_autoptr(GPtrArray) argv = g_ptr_array_new();
    Error *err = NULL;
    char *msg = NULL;

    g_ptr_array_add(argv, (char *)"ferry-system-arm");
    for (; *words; words++) {
        g_ptr_array_add(argv, (char *)*words);
    }
    g_ptr_array_add(argv, NULL);
    qemu_cmdline_config_init(cfg);
    if (!qemu_cmdline_parse(argv->len - 1, (char **)argv->pdata, cfg, &err)) {
        msg = g_strdup(error_get_pretty(err));
        error_free(err);
    }
    return msg;
}

#define ARGS(...) ((const char *const[]){ __VA_ARGS__, NULL })

static void expect_error(const char *const *words, const char *msg)
{
    CmdlineConfig cfg;
    g_autofree char *got = parse_words(&cfg, words);

    g_assert_cmpstr(got, ==, msg);
    qemu_cmdline_config_free(&cfg);
}

static void test_rejections(void)
{
    const struct {
        const char *const *words;
        const char *msg;
    } cases[] = {
        { ARGS("-bogus"), "-bogus: invalid option" },
        { ARGS("--bogus"), "--bogus: invalid option" },
        { ARGS("stray"), "stray: invalid option" },
        { ARGS("-m"), "-m: requires an argument" },
        { ARGS("-M", "none", "-serial"), "-serial: requires an argument" },
        { ARGS("-m", "foo"), "-m foo: invalid size" },
        { ARGS("-m", "0"), "-m 0: RAM size must not be zero" },
        { ARGS("-m", "size=1G,bad=1"), "-m size=1G,bad=1: Invalid parameter 'bad'" },
        { ARGS("-m", "slots=2"), "-m slots=2: missing 'size'" },
        { ARGS("-smp", "x"), "-smp x: invalid cpus 'x' (expected 1..4096)" },
        { ARGS("-smp", "4,maxcpus=2"), "-smp 4,maxcpus=2: maxcpus (2) must be at least cpus (4)" },
        { ARGS("-smp", "2,foo=1"), "-smp 2,foo=1: Invalid parameter 'foo'" },
        { ARGS("-uuid", "1234"),
          "-uuid 1234: invalid UUID (expected xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)" },
        { ARGS("-name", "x,colour=red"), "-name x,colour=red: Invalid parameter 'colour'" },
        { ARGS("-icount", "shift=1"), "-icount shift=1: not supported yet (no CPU)" },
        { ARGS("-semihosting-config", "enable=maybe"),
          "-semihosting-config enable=maybe: Parameter 'enable' expects 'on' or 'off', "
          "got 'maybe'" },
        { ARGS("-semihosting-config", "enable=on,chardev=c0"),
          "-semihosting-config enable=on,chardev=c0: Invalid parameter 'chardev'" },
        { ARGS("-semihosting-config", "enable=on,target=gdb"),
          "-semihosting-config enable=on,target=gdb: target=gdb is not supported "
          "(only native and auto)" },
        { ARGS("-drive", "file=x.img,if=scsi"),
          "-drive file=x.img,if=scsi: invalid if 'scsi' (expected none, ide, sd, mtd or "
          "pflash)" },
        { ARGS("-drive", "file=x.img,format=vmdk"),
          "-drive file=x.img,format=vmdk: invalid format 'vmdk' (expected raw or qcow2)" },
        { ARGS("-drive", "file=x.img,cache=none"),
          "-drive file=x.img,cache=none: Invalid parameter 'cache'" },
        { ARGS("-drive", "file=x.img,snapshot=maybe"),
          "-drive file=x.img,snapshot=maybe: Parameter 'snapshot' expects 'on' or 'off', "
          "got 'maybe'" },
        { ARGS("-netdev", "tap,id=n0"),
          "-netdev tap,id=n0: network backend 'tap' is not available" },
        { ARGS("-netdev", "bogus,id=n0"),
          "-netdev bogus,id=n0: invalid network backend type 'bogus' (use '-netdev help' for a "
          "list)" },
        { ARGS("-netdev", "id=n0"), "-netdev id=n0: Parameter 'type' is missing" },
        { ARGS("-netdev", "user"), "-netdev user: Parameter 'id' is missing" },
        { ARGS("-netdev", "user,id=n0,model=lan9118"),
          "-netdev user,id=n0,model=lan9118: Invalid parameter 'model'" },
        { ARGS("-netdev", "user,id=n0,colour=red"),
          "-netdev user,id=n0,colour=red: Invalid parameter 'colour'" },
        { ARGS("-netdev", "user,id=n0,net=10.0.2.0/33"),
          "-netdev user,id=n0,net=10.0.2.0/33: Parameter 'net' expects an IPv4 network like "
          "10.0.2.0/24, not '10.0.2.0/33'" },
        { ARGS("-netdev", "user,id=n0,net=10.0.2.1/24"),
          "-netdev user,id=n0,net=10.0.2.1/24: Parameter 'net': '10.0.2.1/24' has host bits set" },
        { ARGS("-netdev", "user,id=n0,host=10.0.3.2"),
          "-netdev user,id=n0,host=10.0.3.2: Parameter 'host': 10.0.3.2 is not in the guest "
          "network" },
        { ARGS("-netdev", "user,id=n0,dns=x"),
          "-netdev user,id=n0,dns=x: Parameter 'dns' expects an IPv4 address, not 'x'" },
        { ARGS("-netdev", "user,id=n0,restrict=maybe"),
          "-netdev user,id=n0,restrict=maybe: Parameter 'restrict' expects 'on' or 'off', got "
          "'maybe'" },
        { ARGS("-netdev", "user,id=n0,ipv4=off,ipv6=off"),
          "-netdev user,id=n0,ipv4=off,ipv6=off: ipv4=off and ipv6=off leave no network" },
        { ARGS("-netdev", "user,id=n0,hostfwd=tcp::5555-:22,hostfwd=sctp::1-:2"),
          "-netdev user,id=n0,hostfwd=tcp::5555-:22,hostfwd=sctp::1-:2: invalid host forwarding "
          "rule 'sctp::1-:2' (expected [tcp|udp]:[hostaddr]:hostport-[guestaddr]:guestport)" },
        { ARGS("-netdev", "user,id=n0,hostfwd=tcp::70000-:22"),
          "-netdev user,id=n0,hostfwd=tcp::70000-:22: invalid host forwarding rule "
          "'tcp::70000-:22' (expected [tcp|udp]:[hostaddr]:hostport-[guestaddr]:guestport)" },
        { ARGS("-nic", "tap"), "-nic tap: network backend 'tap' is not available" },
        { ARGS("-nic", "user,mac=52:54:00:12:34"),
          "-nic user,mac=52:54:00:12:34: invalid MAC address '52:54:00:12:34' (expected 6 hex "
          "byte pairs like 52:54:00:12:34:56)" },
        { ARGS("-nic", "user,mac=01:00:5e:00:00:01"),
          "-nic user,mac=01:00:5e:00:00:01: invalid MAC address '01:00:5e:00:00:01' (multicast "
          "bit set)" },
        { ARGS("-nic", "user,model="), "-nic user,model=: Parameter 'model' is empty" },
        { ARGS("-incoming", "ftp:x"), "-incoming ftp:x: migration URI 'ftp:x': unknown "
          "transport (use tcp:, unix:, exec:, fd: or file:)" },
        { ARGS("-incoming", "tcp:localhost"), "-incoming tcp:localhost: migration URI "
          "'tcp:localhost': expected HOST:PORT" },
        { ARGS("-trace", "pl011*"), "-trace pl011*: not supported yet (no trace events)" },
        { ARGS("-qmp", "mon:stdio"), "-qmp mon:stdio: use -serial for a 'mon:' multiplexer" },
        { ARGS("-mon", "chardev=c0,mode=control,pretty=maybe"),
          "-mon chardev=c0,mode=control,pretty=maybe: "
          "Parameter 'pretty' expects 'on' or 'off', got 'maybe'" },
        { ARGS("-mon", "mode=readline"), "-mon mode=readline: parameter 'chardev' is missing" },
        { ARGS("-mon", "c0,mode=fancy"),
          "-mon c0,mode=fancy: invalid mode 'fancy' (expected readline or control)" },
        { ARGS("-monitor", "mon:stdio"),
          "-monitor mon:stdio: use -serial for a 'mon:' multiplexer" },
        { ARGS("-chardev", "stdio"), "-chardev stdio: chardev: no id specified" },
        { ARGS("-chardev", "id=c0"), "-chardev id=c0: chardev: \"c0\" missing backend" },
        { ARGS("-device", "id=d0"), "-device id=d0: parameter 'driver' is missing" },
        { ARGS("-global", "nodot"), "-global nodot: expected TYPE.PROPERTY=VALUE" },
        { ARGS("-global", "pl011.x"), "-global pl011.x: expected TYPE.PROPERTY=VALUE" },
        { ARGS("-display", "gtk"), "-display gtk: display 'gtk' is not supported (only 'none')" },
        { ARGS("-audio", "pa"), "-audio pa: audio back end 'pa' is not supported (only 'none')" },
        { ARGS("-accel", "nope"), "-accel nope: invalid accelerator nope" },
        { ARGS("-accel", "tcg", "-accel", "kvm2"), "-accel kvm2: invalid accelerator kvm2" },
        { ARGS("-accel", "tcg,speed=9"), "-accel tcg,speed=9: Invalid parameter 'speed'" },
        { ARGS("-d", "nosuchitem"),
          "-d nosuchitem: unknown log item 'nosuchitem' (use '-d help' for a list)" },
        { ARGS("-run-with", "chroot=/x"), "-run-with chroot=/x: Invalid parameter 'chroot'" },
        { ARGS("-run-with", "exit-with-parent=maybe"),
          "-run-with exit-with-parent=maybe: Parameter 'exit-with-parent' expects 'on' or "
          "'off', got 'maybe'" },
        { ARGS("-M", "none,=x"), "-M none,=x: Invalid parameter '' in 'none,=x'" },
    };

    for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
        expect_error(cases[i].words, cases[i].msg);
    }
}

static void test_happy_path(void)
{
    CmdlineConfig cfg;
    CmdlineMonitor *mon;
    QemuOpts *opts;
    char *err = parse_words(&cfg, ARGS(
        "-M", "none,dtb=a.dtb", "--machine", "kernel=k", "-m", "256", "-smp", "1",
        "-name", "guest=vm1,debug-threads=on", "-uuid", "12345678-1234-1234-1234-123456789abc",
        "-S", "-no-reboot", "-no-shutdown", "-nodefaults", "-display", "none",
        "-serial", "null", "-serial", "file:/tmp/x", "-monitor", "stdio",
        "-chardev", "null,id=c0", "-mon", "chardev=c0,mode=readline",
        "-qmp", "unix:/tmp/q,server=on,wait=off", "-mon", "c0,mode=control,pretty=on",
        "-device", "pl011,id=u0", "-global", "pl011.baud=9600", "-d", "guest_errors,unimp",
        "-D", "/tmp/log", "-audio", "none", "-accel", "qtest", "-accel", "tcg",
        "-run-with", "exit-with-parent=on", "-prom-env", "a=b", "-kernel", "vmlinux",
        "-initrd", "rd", "-append", "console=ttyAMA0", "-dtb", "b.dtb", "-bios", "fw.bin",
        "-loadvm", "snap1",
        "-semihosting-config", "enable=off", "-semihosting"));

    g_assert_null(err);
    g_assert_true(cfg.semihosting);
    g_assert_cmpint(cfg.help, ==, CMDLINE_HELP_NONE);
    g_assert_cmpstr(cfg.machine_type, ==, "none");
    g_assert_cmpstr(qemu_opt_get(cfg.machine_opts, "dtb"), ==, "a.dtb");
    g_assert_cmpstr(qemu_opt_get(cfg.machine_opts, "kernel"), ==, "k");
    g_assert_false(qemu_opt_has(cfg.machine_opts, "type"));
    g_assert_cmpuint(cfg.ram_size, ==, 256 * MiB);
    g_assert_cmpuint(cfg.smp_cpus, ==, 1);
    g_assert_cmpuint(cfg.smp_max_cpus, ==, 1);
    g_assert_cmpstr(cfg.name, ==, "vm1");
    g_assert_cmpstr(cfg.loadvm, ==, "snap1");
    g_assert_cmpstr(cfg.uuid, ==, "12345678-1234-1234-1234-123456789abc");
    g_assert_true(cfg.start_paused && cfg.no_reboot && cfg.no_shutdown);
    g_assert_true(cfg.nodefaults && cfg.display_none && cfg.exit_with_parent);
    g_assert_false(cfg.nographic);
    g_assert_cmpuint(cfg.serials->len, ==, 2);
    g_assert_cmpstr(g_ptr_array_index(cfg.serials, 1), ==, "file:/tmp/x");
    g_assert_cmpuint(cfg.monitors->len, ==, 4);
    mon = g_ptr_array_index(cfg.monitors, 2);
    g_assert_cmpstr(mon->spec, ==, "unix:/tmp/q,server=on,wait=off");
    g_assert_true(mon->control && !mon->pretty);
    mon = g_ptr_array_index(cfg.monitors, 3);
    g_assert_cmpstr(mon->chardev_id, ==, "c0");
    g_assert_true(mon->control && mon->pretty);
    mon = g_ptr_array_index(cfg.monitors, 0);
    g_assert_cmpstr(mon->spec, ==, "stdio");
    mon = g_ptr_array_index(cfg.monitors, 1);
    g_assert_cmpstr(mon->chardev_id, ==, "c0");
    g_assert_false(mon->control);
    opts = g_ptr_array_index(cfg.chardevs, 0);
    g_assert_cmpstr(opts->id, ==, "c0");
    g_assert_cmpstr(qemu_opt_get(opts, "backend"), ==, "null");
    opts = g_ptr_array_index(cfg.devices, 0);
    g_assert_cmpstr(qemu_opt_get(opts, "driver"), ==, "pl011");
    g_assert_cmpstr(g_ptr_array_index(cfg.globals, 0), ==, "pl011.baud=9600");
    g_assert_cmpint(cfg.log_mask, ==, LOG_GUEST_ERROR | LOG_UNIMP);
    g_assert_cmpstr(cfg.log_file, ==, "/tmp/log");
    g_assert_cmpuint(cfg.accels->len, ==, 2);
    g_assert_cmpstr(g_ptr_array_index(cfg.accels, 0), ==, "qtest");
    g_assert_cmpstr(g_ptr_array_index(cfg.accels, 1), ==, "tcg");
    g_assert_null(cfg.qtest_chardev);
    g_assert_cmpstr(g_ptr_array_index(cfg.prom_env, 0), ==, "a=b");
    g_assert_cmpstr(cfg.kernel, ==, "vmlinux");
    g_assert_cmpstr(cfg.initrd, ==, "rd");
    g_assert_cmpstr(cfg.append, ==, "console=ttyAMA0");
    g_assert_cmpstr(cfg.dtb, ==, "b.dtb");
    g_assert_cmpstr(cfg.bios, ==, "fw.bin");
    qemu_cmdline_config_free(&cfg);

    /* -m size=, -smp maxcpus, -name bare, -accel order kept. */
    err = parse_words(&cfg, ARGS("-m", "size=1G", "-smp", "cpus=2,maxcpus=4", "-name", "plain",
                                 "-accel", "tcg", "-accel", "qtest", "-m", "64K"));
    g_assert_null(err);
    g_assert_cmpuint(cfg.ram_size, ==, 64 * KiB);
    g_assert_cmpuint(cfg.smp_cpus, ==, 2);
    g_assert_cmpuint(cfg.smp_max_cpus, ==, 4);
    g_assert_cmpstr(cfg.name, ==, "plain");
    g_assert_cmpuint(cfg.accels->len, ==, 2);
    g_assert_cmpstr(g_ptr_array_index(cfg.accels, 0), ==, "tcg");
    g_assert_null(cfg.machine_type);
    g_assert_cmpuint(cfg.serials->len, ==, 0);     /* no -nographic: no defaults */
    qemu_cmdline_config_free(&cfg);
}

static void test_help_options(void)
{
    const struct {
        const char *const *words;
        CmdlineHelp help;
    } cases[] = {
        { ARGS("-h"), CMDLINE_HELP_USAGE },
        { ARGS("--help"), CMDLINE_HELP_USAGE },
        { ARGS("-version"), CMDLINE_HELP_VERSION },
        { ARGS("-M", "help"), CMDLINE_HELP_MACHINE },
        { ARGS("-machine", "?"), CMDLINE_HELP_MACHINE },
        { ARGS("-device", "help"), CMDLINE_HELP_DEVICE },
        { ARGS("-device", "pl011,help"), CMDLINE_HELP_DEVICE },
        { ARGS("-cpu", "help"), CMDLINE_HELP_CPU },
        { ARGS("-d", "help"), CMDLINE_HELP_LOG },
        { ARGS("-chardev", "help"), CMDLINE_HELP_CHARDEV },
        { ARGS("-accel", "help"), CMDLINE_HELP_ACCEL },
        { ARGS("-netdev", "help"), CMDLINE_HELP_NETDEV },
        { ARGS("-nic", "?"), CMDLINE_HELP_NETDEV },
    };

    for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
        CmdlineConfig cfg;
        g_autofree char *err = parse_words(&cfg, cases[i].words);

        g_assert_null(err);
        g_assert_cmpint(cfg.help, ==, cases[i].help);
        qemu_cmdline_config_free(&cfg);
    }
    /* A help request does not hide a later error. */
    expect_error(ARGS("-M", "help", "-bogus"), "-bogus: invalid option");
}

static void test_nographic_defaults(void)
{
    CmdlineConfig cfg;
    CmdlineMonitor *mon;
    char *err;

    err = parse_words(&cfg, ARGS("-nographic"));
    g_assert_null(err);
    g_assert_cmpuint(cfg.serials->len, ==, 1);
    g_assert_cmpstr(g_ptr_array_index(cfg.serials, 0), ==, "mon:stdio");
    g_assert_cmpuint(cfg.monitors->len, ==, 0);
    qemu_cmdline_config_free(&cfg);

    err = parse_words(&cfg, ARGS("-nographic", "-serial", "null"));
    g_assert_null(err);
    g_assert_cmpuint(cfg.serials->len, ==, 1);
    mon = g_ptr_array_index(cfg.monitors, 0);
    g_assert_cmpstr(mon->spec, ==, "stdio");
    qemu_cmdline_config_free(&cfg);

    err = parse_words(&cfg, ARGS("-nographic", "-monitor", "null"));
    g_assert_null(err);
    g_assert_cmpstr(g_ptr_array_index(cfg.serials, 0), ==, "stdio");
    qemu_cmdline_config_free(&cfg);

    err = parse_words(&cfg, ARGS("-nographic", "-nodefaults"));
    g_assert_null(err);
    g_assert_cmpuint(cfg.serials->len, ==, 0);
    g_assert_cmpuint(cfg.monitors->len, ==, 0);
    qemu_cmdline_config_free(&cfg);
}

static void test_usage_and_version(void)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);

    qemu_cmdline_version(f);
    qemu_cmdline_usage(f);
    fclose(f);
    g_assert_true(g_str_has_prefix(buf, "Ferry emulator version 0.1.0\nCopyright"));
    g_assert_nonnull(strstr(buf, "\n-nographic "));
    g_assert_nonnull(strstr(buf, "\n-accel tcg|qtest "));
    free(buf);
}

/* Parses and builds WORDS; returns the error of either step, or NULL. */
static char *init_words(CmdlineConfig *cfg, const char *const *words)
{
    char *msg = parse_words(cfg, words);
    Error *err = NULL;

    g_assert_null(msg);
    if (!qemu_init(cfg, &err)) {
        msg = g_strdup(error_get_pretty(err));
        error_free(err);
    }
    return msg;
}

static void expect_init_error(const char *const *words, const char *msg)
{
    CmdlineConfig cfg;
    g_autofree char *got = init_words(&cfg, words);

    g_assert_cmpstr(got, ==, msg);
    qemu_cleanup();
    g_assert_null(current_machine);
    qemu_cmdline_config_free(&cfg);
    runstate_reset_for_test();
}

static void test_init_rejections(void)
{
    expect_init_error(ARGS("-M", "nope"), "-machine nope: unsupported machine type "
                      "(use '-machine help' for a list)");
    expect_init_error(ARGS("-smp", "4"), "-smp 4: Invalid SMP CPUs 4. The max CPUs "
                      "supported by machine 'none' is 1");
    expect_init_error(ARGS("-mon", "chardev=nochr"),
                      "-mon chardev=nochr: chardev 'nochr' not found");
    expect_init_error(ARGS("-chardev", "null,id=c0", "-mon", "c0", "-mon", "c0"),
                      "-mon chardev=c0: Device 'c0' is in use");
    expect_init_error(ARGS("-serial", "null", "-serial", "null", "-serial", "null",
                           "-serial", "null", "-serial", "null"),
                      "-serial null: too many serial ports (at most 4)");
    expect_init_error(ARGS("-accel", "kvm"), "-accel kvm: accelerator not available");
    /* None works: the first failure is reported. */
    expect_init_error(ARGS("-accel", "hvf", "-accel", "kvm"),
                      "-accel hvf: accelerator not available");
    g_assert_null(current_accel());
    expect_init_error(ARGS("-qtest", "unix:/nonexistent/dir/q.sock"),
                      "-qtest unix:/nonexistent/dir/q.sock: Failed to connect to "
                      "'/nonexistent/dir/q.sock': No such file or directory");
    expect_init_error(ARGS("-qtest", "none"), "-qtest none: a chardev is required");
    expect_init_error(ARGS("-qtest", "null", "-qtest-log", "/nonexistent/dir/log"),
                      "-qtest-log /nonexistent/dir/log: cannot open: No such file or directory");
    g_assert_false(qemu_clock_is_manual());
    expect_init_error(ARGS("-D", "/nonexistent/dir/log"),
                      "-D /nonexistent/dir/log: cannot open log file "
                      "'/nonexistent/dir/log': No such file or directory");
}

static void test_init_machine_rejections(void)
{
    /* These fail after /machine exists: cleanup must remove it. */
    expect_init_error(ARGS("-kernel", "vmlinux"),
                      "-kernel vmlinux: machine 'none' does not support kernel loading");
    expect_init_error(ARGS("-M", "none", "-bios", "fw.bin"),
                      "-bios fw.bin: machine 'none' does not support firmware loading");
    expect_init_error(ARGS("-M", "none,dtb=x.dtb"),
                      "-dtb x.dtb: machine 'none' does not support device tree loading");
    expect_init_error(ARGS("-M", "none,colour=red"),
                      "-machine colour=red: Property 'none-machine.colour' not found");
    expect_init_error(ARGS("-device", "nope,id=d0"),
                      "-device nope: 'nope' is not a valid device model name");
    /* Network: back ends are made, and removed again by the cleanup. */
    expect_init_error(ARGS("-M", "none", "-nic", "user"),
                      "-nic user: this machine has no free network card");
    expect_init_error(ARGS("-M", "none", "-nic", "user,model=e1000"),
                      "-nic user,model=e1000: this machine has no free network card of model "
                      "'e1000'");
    expect_init_error(ARGS("-netdev", "user,id=n0", "-netdev", "user,id=n0"),
                      "-netdev user,id=n0: Duplicate ID 'n0' for netdev");
    g_assert_null(qemu_find_netdev("n0"));
}

/* A listening socket on 127.0.0.1; returns the fd and its port. */
static int listen_local(int *port)
{
    struct sockaddr_in sa = { .sin_family = AF_INET };
    socklen_t len = sizeof(sa);
    int fd = socket(AF_INET, SOCK_STREAM, 0);

    g_assert_cmpint(fd, >=, 0);
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    g_assert_cmpint(bind(fd, (struct sockaddr *)&sa, sizeof(sa)), ==, 0);
    g_assert_cmpint(listen(fd, 1), ==, 0);
    g_assert_cmpint(getsockname(fd, (struct sockaddr *)&sa, &len), ==, 0);
    *port = ntohs(sa.sin_port);
    return fd;
}

static void test_init_netdev(void)
{
    CmdlineConfig cfg;
    int port;
    int fd = listen_local(&port);
    g_autofree char *spec = g_strdup_printf("user,id=n0,hostfwd=tcp:127.0.0.1:%d-:22", port);
    g_autofree char *msg = g_strdup_printf("-netdev %s: could not set up host forwarding rule "
                                           "'tcp:127.0.0.1:%d-:22' (host port %d in use?)",
                                           spec, port, port);
    char *err;

    expect_init_error(ARGS("-netdev", spec), msg);
    g_assert_null(qemu_find_netdev("n0"));
    close(fd);

    /* Port 0: the host picks a free one. */
    err = init_words(&cfg, ARGS("-M", "none", "-S", "-netdev",
                                "user,id=n0,net=192.168.7.0/24,hostfwd=tcp:127.0.0.1:0-:22"));
    g_assert_null(err);
    g_assert_nonnull(qemu_find_netdev("n0"));
    g_assert_cmpstr(qemu_find_netdev("n0")->info_str, ==,
                    "net=192.168.7.0,mask=255.255.255.0,restrict=off,hostfwds=1");
    qemu_cleanup();
    g_assert_null(qemu_find_netdev("n0"));
    qemu_cmdline_config_free(&cfg);
    runstate_reset_for_test();

    /* -nic: the board's LAN9118 gets the back end and the MAC. */
    err = init_words(&cfg, ARGS("-M", "vexpress-a9", "-S", "-nic",
                                "user,model=lan9118,mac=52:54:00:00:00:42"));
    g_assert_null(err);
    {
        Object *eth = object_resolve_path("/machine/ethernet", NULL);
        g_autofree char *netdev = NULL, *mac = NULL;

        g_assert_nonnull(eth);
        netdev = object_property_get_str(eth, "netdev", &error_abort);
        mac = object_property_get_str(eth, "mac", &error_abort);
        g_assert_cmpstr(mac, ==, "52:54:00:00:00:42");
        g_assert_nonnull(qemu_find_netdev(netdev));
        g_assert_cmpint(qemu_find_netdev(netdev)->info->type, ==, NET_CLIENT_DRIVER_USER);
        g_assert_nonnull(qemu_find_netdev(netdev)->peer);
    }
    qemu_cleanup();
    qemu_cmdline_config_free(&cfg);
    runstate_reset_for_test();
    /* "-nic none" asks for nothing. */
    err = init_words(&cfg, ARGS("-M", "none", "-S", "-nic", "none"));
    g_assert_null(err);
    {
        g_autofree char *info = net_info_string();

        g_assert_cmpstr(info, ==, "");
    }
    qemu_cleanup();
    qemu_cmdline_config_free(&cfg);
    runstate_reset_for_test();
    /* One NIC on the board: a second -nic finds none. */
    expect_init_error(ARGS("-M", "vexpress-a15", "-nic", "user", "-nic", "user,id=x"),
                      "-nic user,id=x: this machine has no free network card");
}

static void test_init_unused_global(void)
{
    CmdlineConfig cfg;

    if (g_test_subprocess()) {
        char *msg = parse_words(&cfg, ARGS("-global", "nope.x=1"));
        Error *err = NULL;

        g_assert_null(msg);
        /* Fails, already reported on stderr: no second message. */
        g_assert_false(qemu_init(&cfg, &err));
        g_assert_null(err);
        g_assert_null(current_machine == NULL ? "no machine?" : NULL);
        qemu_cleanup();
        qemu_cmdline_config_free(&cfg);
        return;
    }
    g_test_trap_subprocess(NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
    g_test_trap_assert_passed();
    g_test_trap_assert_stderr("ferry-system-arm: -global: type 'nope' not found "
                              "(in nope.x=1)\n");
}

static void test_init_happy(void)
{
    CmdlineConfig cfg;
    char *err;

    err = init_words(&cfg, ARGS("-M", "none", "-m", "16M", "-S", "-serial", "null",
                                "-serial", "none", "-serial", "null",
                                "-chardev", "null,id=c0", "-mon", "chardev=c0,mode=readline",
                                "-name", "vm1", "-uuid", "12345678-1234-1234-1234-123456789abc",
                                "-prom-env", "a=1", "-prom-env", "b=2"));
    g_assert_null(err);
    g_assert_true(runstate_check(RUN_STATE_PRELAUNCH));
    g_assert_nonnull(current_machine);
    g_assert_cmpuint(current_machine->ram_size, ==, 16 * MiB);
    g_assert_nonnull(current_machine->ram);
    g_assert_cmpuint(current_machine->smp.cpus, ==, 1);
    g_assert_nonnull(serial_hd(0));
    g_assert_null(serial_hd(1));
    g_assert_nonnull(serial_hd(2));
    g_assert_cmpint(serial_max_hds(), ==, 3);
    g_assert_cmpstr(qemu_get_vm_name(), ==, "vm1");
    g_assert_cmpstr(qemu_get_uuid(), ==, "12345678-1234-1234-1234-123456789abc");
    g_assert_cmpstr(qemu_get_prom_env()[0], ==, "a=1");
    g_assert_cmpstr(qemu_get_prom_env()[1], ==, "b=2");
    g_assert_null(qemu_get_prom_env()[2]);
    qemu_cleanup();
    g_assert_null(serial_hd(0));
    g_assert_null(qemu_get_vm_name());
    g_assert_null(qemu_get_prom_env()[0]);
    qemu_cmdline_config_free(&cfg);
    runstate_reset_for_test();

    /* Without -S the VM runs; no -m: "none" has no RAM. */
    err = init_words(&cfg, ARGS("-M", "none", "-no-shutdown", "-no-reboot"));
    g_assert_null(err);
    g_assert_true(runstate_is_running());
    g_assert_null(current_machine->ram);
    qemu_cleanup();
    qemu_cmdline_config_free(&cfg);
    runstate_reset_for_test();
}

static void test_init_accel(void)
{
    CmdlineConfig cfg;
    char *err;

    /* Default: tcg; the virtual clock follows host time. */
    err = init_words(&cfg, ARGS("-M", "none", "-S"));
    g_assert_null(err);
    g_assert_cmpstr(current_accel_name(), ==, "tcg");
    g_assert_false(qtest_enabled());
    g_assert_false(qemu_clock_is_manual());
    qemu_cleanup();
    g_assert_null(current_accel());
    qemu_cmdline_config_free(&cfg);
    runstate_reset_for_test();

    /* An unavailable one is skipped; the first that works wins. */
    err = init_words(&cfg, ARGS("-M", "none", "-S", "-accel", "kvm", "-accel", "qtest",
                                "-accel", "tcg"));
    g_assert_null(err);
    g_assert_cmpstr(current_accel_name(), ==, "qtest");
    g_assert_true(qtest_enabled());
    g_assert_true(qemu_clock_is_manual());
    qemu_cleanup();
    g_assert_false(qemu_clock_is_manual());
    qemu_cmdline_config_free(&cfg);
    runstate_reset_for_test();

    /* -qtest alone selects the qtest accelerator, as in QEMU. */
    err = parse_words(&cfg, ARGS("-qtest", "null", "-qtest-log", "none"));
    g_assert_null(err);
    g_assert_cmpstr(cfg.qtest_chardev, ==, "null");
    g_assert_cmpstr(cfg.qtest_log, ==, "none");
    g_assert_cmpuint(cfg.accels->len, ==, 1);
    g_assert_cmpstr(g_ptr_array_index(cfg.accels, 0), ==, "qtest");
    qemu_cmdline_config_free(&cfg);
    err = parse_words(&cfg, ARGS("-qtest", "null", "-accel", "tcg"));
    g_assert_null(err);
    g_assert_cmpstr(g_ptr_array_index(cfg.accels, 0), ==, "tcg");
    qemu_cmdline_config_free(&cfg);

    /* Both are QOM types below the abstract "accel". */
    g_assert_nonnull(accel_find("tcg"));
    g_assert_nonnull(accel_find("qtest"));
    g_assert_null(accel_find("kvm"));
    g_assert_true(object_class_is_abstract(object_class_by_name(TYPE_ACCEL)));
    g_assert_nonnull(object_class_dynamic_cast(object_class_by_name("qtest-accel"),
                                               TYPE_ACCEL));
}

/* Runs the real binary with ARGV, feeding INPUT (may be NULL) on a pipe. */
static int run_binary(const char *const *args, const char *input, char **out, char **err)
{
    const char *bin = g_getenv("FERRY_BINARY");
    g_autoptr(GPtrArray) argv = g_ptr_array_new();
    g_autoptr(GSubprocess) proc = NULL;
    GError *gerr = NULL;

    g_assert_nonnull(bin);
    g_ptr_array_add(argv, (char *)bin);
    for (; *args; args++) {
        g_ptr_array_add(argv, (char *)*args);
    }
    g_ptr_array_add(argv, NULL);
    proc = g_subprocess_newv((const char *const *)argv->pdata,
                             G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                             G_SUBPROCESS_FLAGS_STDERR_PIPE, &gerr);
    g_assert_no_error(gerr);
    g_assert_true(g_subprocess_communicate_utf8(proc, input ? input : "", NULL, out, err,
                                                &gerr));
    g_assert_no_error(gerr);
    g_assert_true(g_subprocess_get_if_exited(proc));
    return g_subprocess_get_exit_status(proc);
}

/* -cpu: an unknown model is refused with QEMU's message; a known one boots. */
static void test_binary_cpu(void)
{
    g_autofree char *out = NULL, *err = NULL;

    if (!g_getenv("FERRY_BINARY")) {
        g_test_skip("FERRY_BINARY not set");
        return;
    }
    g_assert_cmpint(run_binary(ARGS("-M", "vexpress-a9", "-cpu", "cortex-a99", "-display",
                                    "none", "-monitor", "none"), NULL, &out, &err), ==, 1);
    g_assert_nonnull(strstr(err, "unable to find CPU model 'cortex-a99'\n"));
    g_clear_pointer(&out, g_free);
    g_clear_pointer(&err, g_free);
    /* A model prefix alone is not a model. */
    g_assert_cmpint(run_binary(ARGS("-M", "vexpress-a9", "-cpu", "cortex", "-display",
                                    "none", "-monitor", "none"), NULL, &out, &err), ==, 1);
    g_assert_nonnull(strstr(err, "unable to find CPU model 'cortex'\n"));
}

static void test_binary(void)
{
    g_autofree char *out = NULL, *err = NULL;

    if (!g_getenv("FERRY_BINARY")) {
        g_test_skip("FERRY_BINARY not set");
        return;
    }
    g_assert_cmpint(run_binary(ARGS("-M", "help"), NULL, &out, &err), ==, 0);
    g_assert_true(g_str_has_prefix(out, "Supported machines are:\n"));
    g_assert_nonnull(strstr(out, "\nnone "));
    g_clear_pointer(&out, g_free);
    g_clear_pointer(&err, g_free);

    g_assert_cmpint(run_binary(ARGS("-device", "help"), NULL, &out, &err), ==, 0);
    g_assert_cmpstr(err, ==, "");
    g_assert_nonnull(strstr(out, "name \"loader\", desc \"Generic loader\"\n"));
    /* Board-wired devices cannot be plugged, so they are not listed. */
    g_assert_null(strstr(out, "pl011"));
    g_clear_pointer(&out, g_free);
    g_clear_pointer(&err, g_free);

    g_assert_cmpint(run_binary(ARGS("-version"), NULL, &out, &err), ==, 0);
    g_assert_true(g_str_has_prefix(out, "Ferry emulator version 0.1.0\n"));
    g_clear_pointer(&out, g_free);
    g_clear_pointer(&err, g_free);

    g_assert_cmpint(run_binary(ARGS("-M", "none", "-nographic"),
                               "info status\nstop\ninfo status\nquit\n", &out, &err), ==, 0);
    g_assert_true(g_str_has_prefix(out, "Ferry 0.1.0 monitor - type 'help' for more "
                                   "information\r\n(qemu) "));
    g_assert_nonnull(strstr(out, "VM status: running\r\n(qemu) "));
    g_assert_nonnull(strstr(out, "VM status: paused\r\n(qemu) "));
    g_assert_cmpstr(err, ==, "");
    g_clear_pointer(&out, g_free);
    g_clear_pointer(&err, g_free);

    g_assert_cmpint(run_binary(ARGS("-bogus"), NULL, &out, &err), ==, 1);
    g_assert_cmpstr(err, ==, "ferry-system-arm: -bogus: invalid option\n");
    g_assert_cmpstr(out, ==, "");
    g_clear_pointer(&out, g_free);
    g_clear_pointer(&err, g_free);

    g_assert_cmpint(run_binary(ARGS("-m", "foo"), NULL, &out, &err), ==, 1);
    g_assert_cmpstr(err, ==, "ferry-system-arm: -m foo: invalid size\n");
    g_clear_pointer(&out, g_free);
    g_clear_pointer(&err, g_free);

    g_assert_cmpint(run_binary(ARGS("-device", "nope,help"), NULL, &out, &err), ==, 1);
    g_assert_cmpstr(err, ==, "ferry-system-arm: -device nope: 'nope' is not a valid device "
                    "model name\n");
    g_clear_pointer(&out, g_free);
    g_clear_pointer(&err, g_free);

    g_assert_cmpint(run_binary(ARGS("-M", "nope"), NULL, &out, &err), ==, 1);
    g_assert_cmpstr(err, ==, "ferry-system-arm: -machine nope: unsupported machine type "
                    "(use '-machine help' for a list)\n");
}

static void test_binary_sigterm(void)
{
    const char *bin = g_getenv("FERRY_BINARY");
    const char *argv[] = { bin, "-M", "none", "-display", "none", "-S", NULL };
    g_autoptr(GSubprocess) proc = NULL;
    g_autofree char *out = NULL, *err = NULL;
    GError *gerr = NULL;

    if (!bin) {
        g_test_skip("FERRY_BINARY not set");
        return;
    }
    proc = g_subprocess_newv(argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                             G_SUBPROCESS_FLAGS_STDERR_PIPE, &gerr);
    g_assert_no_error(gerr);
    g_usleep(200 * 1000);
    g_subprocess_send_signal(proc, SIGTERM);
    g_assert_true(g_subprocess_communicate_utf8(proc, NULL, NULL, &out, &err, &gerr));
    g_assert_no_error(gerr);
    g_assert_true(g_subprocess_get_if_exited(proc));
    g_assert_cmpint(g_subprocess_get_exit_status(proc), ==, 0);
    g_assert_cmpstr(err, ==, "ferry-system-arm: terminating on signal 15\n");
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    error_init("ferry-system-arm");
    g_test_add_func("/cmdline/rejections", test_rejections);
    g_test_add_func("/cmdline/happy-path", test_happy_path);
    g_test_add_func("/cmdline/help-options", test_help_options);
    g_test_add_func("/cmdline/nographic-defaults", test_nographic_defaults);
    g_test_add_func("/cmdline/usage-version", test_usage_and_version);
    g_test_add_func("/cmdline/init-rejections", test_init_rejections);
    g_test_add_func("/cmdline/init-machine-rejections", test_init_machine_rejections);
    g_test_add_func("/cmdline/init-happy", test_init_happy);
    g_test_add_func("/cmdline/init-netdev", test_init_netdev);
    g_test_add_func("/cmdline/init-accel", test_init_accel);
    g_test_add_func("/cmdline/init-unused-global", test_init_unused_global);
    g_test_add_func("/cmdline/binary", test_binary);
    g_test_add_func("/cmdline/binary-cpu", test_binary_cpu);
    g_test_add_func("/cmdline/binary-sigterm", test_binary_sigterm);
    return g_test_run();
}
