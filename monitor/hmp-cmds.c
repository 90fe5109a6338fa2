/*
 * The HMP command tables and their handlers. Handlers parse the text
 * arguments, call the shared implementation (include/monitor/commands.h)
 * and print the result; an error is one line and never ends the monitor.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "chardev/char.h"
#include "exec/memory.h"
#include "hw/core/cpu.h"
#include "system/cpus.h"
#include "hw/qdev-core.h"
#include "hw/qdev-properties.h"
#include "migration/snapshot.h"
#include "monitor/commands.h"
#include "ui/input.h"
#include "net/net.h"
#include "monitor-internal.h"
#include "../migration/migration-cmds.h"

#include <capstone/capstone.h>
#include "qemu/cutils.h"

/* Prints ERR (if set) as one line and frees it; returns true if it was set. */
static bool hmp_handle_error(Monitor *mon, Error *err)
{
    if (!err) {
        return false;
    }
    monitor_printf(mon, "Error: %s\n", error_get_pretty(err));
    error_free(err);
    return true;
}

/* Splits ARGS shell-style; prints a usage line when the count is not N. */
static char **hmp_args(Monitor *mon, const char *args, int n, const char *usage)
{
    g_autoptr(GError) gerr = NULL;
    char **argv = NULL;
    int argc = 0;

    if (*args && !g_shell_parse_argv(args, &argc, &argv, &gerr)) {
        monitor_printf(mon, "Error: invalid arguments: %s\n", gerr->message);
        return NULL;
    }
    if (argc != n) {
        monitor_printf(mon, "Error: expected %d argument%s: %s\n", n,
                       n == 1 ? "" : "s", usage);
        g_strfreev(argv);
        return NULL;
    }
    return argv;
}

static bool hmp_parse_u64(Monitor *mon, const char *what, const char *s,
                          uint64_t *out)
{
    char *end;

    errno = 0;
    *out = g_ascii_strtoull(s, &end, 0);
    if (!*s || *end || errno || *s == '-') {
        monitor_printf(mon, "Error: invalid %s '%s'\n", what, s);
        return false;
    }
    return true;
}

/* ---- help, info ---- */

static void print_table_help(Monitor *mon, const HMPCommand *table,
                             const char *prefix)
{
    for (const HMPCommand *c = table; c->name; c++) {
        monitor_printf(mon, "%s%s%s%s -- %s\n", prefix, c->name,
                       c->params && *c->params ? " " : "",
                       c->params ? c->params : "", c->help);
    }
}

static void hmp_help(Monitor *mon, const char *args)
{
    const HMPCommand *c;

    if (!*args) {
        print_table_help(mon, hmp_cmds, "");
        return;
    }
    if (!strcmp(args, "info")) {
        print_table_help(mon, hmp_info_cmds, "info ");
        return;
    }
    c = hmp_find_cmd(hmp_cmds, args);
    if (!c) {
        monitor_printf(mon, "unknown command: '%s'\n", args);
        return;
    }
    monitor_printf(mon, "%s%s%s -- %s\n", c->name, *c->params ? " " : "",
                   c->params, c->help);
}

static void hmp_info(Monitor *mon, const char *args)
{
    const char *rest;
    g_autofree char *name = hmp_split_word(args, &rest);
    const HMPCommand *c;

    if (!*name) {
        print_table_help(mon, hmp_info_cmds, "info ");
        return;
    }
    c = hmp_find_cmd(hmp_info_cmds, name);
    if (!c) {
        monitor_printf(mon, "unknown command: 'info %s'\n", name);
        return;
    }
    c->cmd(mon, rest);
}

static void hmp_info_status(Monitor *mon, const char *args)
{
    StatusInfo info = qmp_query_status();

    if (info.running) {
        monitor_printf(mon, "VM status: running\n");
    } else if (info.status == RUN_STATE_PAUSED) {
        monitor_printf(mon, "VM status: paused\n");
    } else {
        monitor_printf(mon, "VM status: paused (%s)\n", runstate_name(info.status));
    }
}

static void hmp_info_version(Monitor *mon, const char *args)
{
    VersionInfo v = qmp_query_version();

    monitor_printf(mon, "%d.%d.%d (%s)\n", v.major, v.minor, v.micro, v.package);
}

static void qtree_print_bus(Monitor *mon, BusState *bus, int indent);

static void qtree_print_prop(Object *obj, ObjectProperty *prop, void *opaque)
{
    void **ctx = opaque;
    Monitor *mon = ctx[0];
    int indent = GPOINTER_TO_INT(ctx[1]);
    g_autofree char *val = NULL;

    /* The configurable properties (what -device and -global can set). */
    if (!prop->set || !prop->get || !strcmp(prop->name, "realized") ||
        g_str_has_prefix(prop->type, "child<") || g_str_has_prefix(prop->type, "link<")) {
        return;
    }
    val = object_property_print(obj, prop->name, NULL);
    monitor_printf(mon, "%*s%s = %s\n", indent, "", prop->name, val ? val : "<unreadable>");
}

static void qtree_print_dev(Monitor *mon, DeviceState *dev, int indent)
{
    void *ctx[2] = { mon, GINT_TO_POINTER(indent + 2) };

    monitor_printf(mon, "%*sdev: %s, id \"%s\"\n", indent, "",
                   object_get_typename(OBJECT(dev)), dev->id ? dev->id : "");
    for (GList *l = dev->gpios; l; l = l->next) {
        NamedGPIOList *g = l->data;

        if (g->num_in) {
            monitor_printf(mon, "%*sgpio-in \"%s\" %d\n", indent + 2, "",
                           g->name ? g->name : "", g->num_in);
        }
        if (g->num_out) {
            monitor_printf(mon, "%*sgpio-out \"%s\" %d\n", indent + 2, "",
                           g->name ? g->name : "", g->num_out);
        }
    }
    object_property_foreach(OBJECT(dev), qtree_print_prop, ctx);
    for (GList *l = dev->child_bus; l; l = l->next) {
        qtree_print_bus(mon, l->data, indent + 2);
    }
}

static void qtree_print_bus(Monitor *mon, BusState *bus, int indent)
{
    monitor_printf(mon, "%*sbus: %s\n", indent, "", bus->name);
    monitor_printf(mon, "%*stype %s\n", indent + 2, "", object_get_typename(OBJECT(bus)));
    for (GList *l = bus->children; l; l = l->next) {
        qtree_print_dev(mon, l->data, indent + 2);
    }
}

static void hmp_info_qtree(Monitor *mon, const char *args)
{
    qtree_print_bus(mon, sysbus_get_default(), 0);
}

static void hmp_info_mtree(Monitor *mon, const char *args)
{
    g_autoptr(GString) out = g_string_new(NULL);

    if (*args && strcmp(args, "-f")) {
        monitor_printf(mon, "Error: unknown option '%s' (expected -f)\n", args);
        return;
    }
    mtree_info(!strcmp(args, "-f"), out);
    monitor_printf(mon, "%s", out->str);
}

typedef struct QomTreeCtx {
    Monitor *mon;
    int indent;
} QomTreeCtx;

static int qom_tree_print(Object *obj, void *opaque)
{
    QomTreeCtx *ctx = opaque;
    QomTreeCtx sub = { ctx->mon, ctx->indent + 2 };
    g_autofree char *name = object_get_canonical_path_component(obj);

    monitor_printf(ctx->mon, "%*s/%s (%s)\n", ctx->indent, "", name,
                   object_get_typename(obj));
    object_child_foreach(obj, qom_tree_print, &sub);
    return 0;
}

static void hmp_info_qom_tree(Monitor *mon, const char *args)
{
    const char *path = *args ? args : "/";
    Error *err = NULL;
    Object *obj = qmp_resolve_path(path, &err);
    QomTreeCtx ctx = { mon, 2 };

    if (hmp_handle_error(mon, err)) {
        return;
    }
    if (obj == object_get_root()) {
        monitor_printf(mon, "/ (%s)\n", object_get_typename(obj));
        object_child_foreach(obj, qom_tree_print, &ctx);
    } else {
        ctx.indent = 0;
        qom_tree_print(obj, &ctx);
    }
}

static void print_chardev(Chardev *chr, void *opaque)
{
    g_autofree char *fname = qemu_chr_get_filename(chr);

    monitor_printf(opaque, "%s: filename=%s\n", qemu_chr_get_label(chr), fname);
}

static void hmp_info_chardev(Monitor *mon, const char *args)
{
    qemu_chr_foreach(print_chardev, mon);
}

static void hmp_info_network(Monitor *mon, const char *args)
{
    g_autofree char *text = net_info_string();

    monitor_printf(mon, "%s", text);
}

/* The first CPU's state, as its class's dump_state prints it. */
static void hmp_info_registers(Monitor *mon, const char *args)
{
    CPUState *cs = monitor_get_cpu();
    char *buf = NULL;
    size_t len = 0;
    FILE *f;

    if (!cs) {
        monitor_printf(mon, "Error: no CPU is available\n");
        return;
    }
    f = open_memstream(&buf, &len);
    cpu_dump_state(cs, f, 0);
    fclose(f);
    monitor_printf(mon, "%s", buf);
    free(buf);
}

/* QEMU's shape: "* CPU #0: thread_id=N", the current CPU starred. */
static void hmp_info_cpus(Monitor *mon, const char *args)
{
    CPUState *cur = monitor_get_cpu();
    CPUState *cs;

    CPU_FOREACH(cs) {
        monitor_printf(mon, "%c CPU #%d: thread_id=%d\n", cs == cur ? '*' : ' ',
                       cs->cpu_index, cpus_thread_id());
    }
}

static void hmp_cpu(Monitor *mon, const char *args)
{
    Error *err = NULL;
    char *end;
    long index;

    if (!args || !*args) {
        monitor_printf(mon, "Error: cpu: missing argument 'index'\n");
        return;
    }
    index = strtol(args, &end, 0);
    while (*end == ' ') {
        end++;
    }
    if (end == args || *end || index < 0 || index > INT_MAX) {
        monitor_printf(mon, "Error: cpu: '%s' is not a CPU index\n", args);
        return;
    }
    monitor_set_cpu((int)index, &err);
    hmp_handle_error(mon, err);
}

/* ---- run control ---- */

static void hmp_stop(Monitor *mon, const char *args)
{
    Error *err = NULL;

    qmp_stop(&err);
    hmp_handle_error(mon, err);
}

static void hmp_cont(Monitor *mon, const char *args)
{
    Error *err = NULL;

    qmp_cont(&err);
    hmp_handle_error(mon, err);
}

static void hmp_quit(Monitor *mon, const char *args)
{
    Error *err = NULL;

    qmp_quit(&err);
    hmp_handle_error(mon, err);
}

static void hmp_getfd(Monitor *mon, const char *args)
{
    g_auto(GStrv) argv = hmp_args(mon, args, 1, "getfd NAME");
    Error *err = NULL;

    if (argv) {
        qmp_getfd(mon, argv[0], &err);
        hmp_handle_error(mon, err);
    }
}

static void hmp_closefd(Monitor *mon, const char *args)
{
    g_auto(GStrv) argv = hmp_args(mon, args, 1, "closefd NAME");
    Error *err = NULL;

    if (argv) {
        qmp_closefd(argv[0], &err);
        hmp_handle_error(mon, err);
    }
}

static void hmp_system_reset(Monitor *mon, const char *args)
{
    Error *err = NULL;

    qmp_system_reset(&err);
    hmp_handle_error(mon, err);
}

static void hmp_info_balloon(Monitor *mon, const char *args)
{
    Error *err = NULL;
    uint64_t actual = qmp_query_balloon(&err);

    if (!hmp_handle_error(mon, err)) {
        monitor_printf(mon, "balloon: actual=%" PRIu64 "\n", actual >> 20);
    }
}

/* "balloon MEGABYTES": the target guest memory size. */
static void hmp_balloon(Monitor *mon, const char *args)
{
    Error *err = NULL;
    int64_t mb;

    if (qemu_strtoi64(args, 0, &mb) < 0) {
        monitor_printf(mon, "Error: balloon: '%s' is not a size in MB\n", args);
        return;
    }
    qmp_balloon(mb << 20, &err);
    hmp_handle_error(mon, err);
}

/* ---- QOM ---- */

static void hmp_qom_get(Monitor *mon, const char *args)
{
    g_auto(GStrv) argv = hmp_args(mon, args, 2, "qom-get PATH PROPERTY");
    g_autoptr(GVariant) v = NULL;
    g_autofree char *text = NULL;
    Error *err = NULL;
    JsonNode *node;

    if (!argv) {
        return;
    }
    v = qmp_qom_get(argv[0], argv[1], &err);
    if (hmp_handle_error(mon, err)) {
        return;
    }
    node = json_gvariant_serialize(v);
    text = qmp_to_json(node, false);
    json_node_unref(node);
    monitor_printf(mon, "%s\n", text);
}

static void hmp_qom_set(Monitor *mon, const char *args)
{
    g_auto(GStrv) argv = hmp_args(mon, args, 3, "qom-set PATH PROPERTY VALUE");
    Error *err = NULL;

    if (!argv) {
        return;
    }
    qmp_qom_set_str(argv[0], argv[1], argv[2], &err);
    hmp_handle_error(mon, err);
}

/* ---- memory ---- */

typedef struct DumpFormat {
    int count;
    char fmt;       /* x d u o c i */
    int size;       /* 1 2 4 8 */
} DumpFormat;

/* Parses "/NFU" (any of the parts may be missing). */
static bool parse_dump_format(Monitor *mon, const char **p, DumpFormat *f)
{
    const char *s = *p;

    *f = (DumpFormat) { 1, 'x', 4 };
    if (*s != '/') {
        return true;
    }
    s++;
    if (g_ascii_isdigit(*s)) {
        char *end;
        guint64 n = g_ascii_strtoull(s, &end, 10);

        if (n == 0 || n > 65536) {
            monitor_printf(mon, "Error: invalid count '%.*s' (1..65536)\n",
                           (int)(end - s), s);
            return false;
        }
        f->count = n;
        s = end;
    }
    for (; *s && *s != ' '; s++) {
        switch (*s) {
        case 'x': case 'd': case 'u': case 'o': case 'c': case 'i':
            f->fmt = *s;
            break;
        case 'b':
            f->size = 1;
            break;
        case 'h':
            f->size = 2;
            break;
        case 'w':
            f->size = 4;
            break;
        case 'g':
            f->size = 8;
            break;
        default:
            monitor_printf(mon, "Error: invalid char in format: '%c'\n", *s);
            return false;
        }
    }
    while (*s == ' ') {
        s++;
    }
    *p = s;
    return true;
}

static uint64_t load_target(const uint8_t *b, int size)
{
    uint64_t v = 0;

    for (int i = 0; i < size; i++) {
        int k = target_big_endian() ? i : size - 1 - i;

        v = (v << 8) | b[k];
    }
    return v;
}

static bool disas_open(csh *h)
{
    cs_mode mode;
    cs_arch arch;

    if (g_str_has_prefix(target_name(), "ppc")) {
        arch = CS_ARCH_PPC;
        mode = CS_MODE_BIG_ENDIAN |
               (!strcmp(target_name(), "ppc64") ? CS_MODE_64 : CS_MODE_32);
    } else {
        arch = CS_ARCH_ARM;
        mode = CS_MODE_ARM | CS_MODE_LITTLE_ENDIAN;
    }
    return cs_open(arch, mode, h) == CS_ERR_OK;
}

static void dump_insns(Monitor *mon, MemReader *read, uint64_t addr, int count)
{
    csh h;

    if (!disas_open(&h)) {
        monitor_printf(mon, "Error: no disassembler for target '%s'\n", target_name());
        return;
    }
    for (int i = 0; i < count; i++, addr += 4) {
        uint8_t b[4];
        cs_insn *insn;
        Error *err = NULL;

        if (!read(addr, b, 4, &err)) {
            hmp_handle_error(mon, err);
            break;
        }
        if (cs_disasm(h, b, 4, addr, 1, &insn) == 1) {
            monitor_printf(mon, "0x%016" PRIx64 ":  %s %s\n", addr,
                           insn->mnemonic, insn->op_str);
            cs_free(insn, 1);
        } else {
            monitor_printf(mon, "0x%016" PRIx64 ":  .word 0x%08" PRIx64 "\n",
                           addr, load_target(b, 4));
        }
    }
    cs_close(&h);
}

static void dump_value(GString *line, const DumpFormat *f, uint64_t v)
{
    int bits = f->size * 8;

    switch (f->fmt) {
    case 'x':
        g_string_append_printf(line, " 0x%0*" PRIx64, f->size * 2, v);
        break;
    case 'o':
        g_string_append_printf(line, " 0%" PRIo64, v);
        break;
    case 'u':
        g_string_append_printf(line, " %" PRIu64, v);
        break;
    case 'd': {
        int64_t s = bits == 64 ? (int64_t)v : (int64_t)(v << (64 - bits)) >> (64 - bits);

        g_string_append_printf(line, " %" PRId64, s);
        break;
    }
    case 'c':
        if (v >= 32 && v < 127 && v != '\\' && v != '\'') {
            g_string_append_printf(line, " '%c'", (int)v);
        } else {
            g_string_append_printf(line, " '\\x%02x'", (unsigned)(v & 0xff));
        }
        break;
    }
}

static void memory_dump(Monitor *mon, const char *args, MemReader *read)
{
    DumpFormat f;
    uint64_t addr;
    const char *p = args;

    if (!parse_dump_format(mon, &p, &f)) {
        return;
    }
    if (!*p) {
        monitor_printf(mon, "Error: missing address\n");
        return;
    }
    if (!hmp_parse_u64(mon, "address", p, &addr)) {
        return;
    }
    if (f.fmt == 'i') {
        dump_insns(mon, read, addr, f.count);
        return;
    }
    if (f.fmt == 'c') {
        f.size = 1;
    }
    for (uint64_t off = 0, len = (uint64_t)f.count * f.size; off < len;) {
        uint64_t n = MIN(len - off, 16);
        uint8_t buf[16];
        Error *err = NULL;
        g_autoptr(GString) line = g_string_new(NULL);

        if (!read(addr + off, buf, n, &err)) {
            hmp_handle_error(mon, err);
            return;
        }
        g_string_append_printf(line, "%016" PRIx64 ":", addr + off);
        for (uint64_t i = 0; i < n; i += f.size) {
            dump_value(line, &f, load_target(buf + i, f.size));
        }
        monitor_printf(mon, "%s\n", line->str);
        off += n;
    }
}

static void hmp_x(Monitor *mon, const char *args)
{
    memory_dump(mon, args, monitor_read_virt);
}

static void hmp_xp(Monitor *mon, const char *args)
{
    memory_dump(mon, args, monitor_read_phys);
}

static void hmp_mem_save(Monitor *mon, const char *args, const char *name,
                         bool (*save)(uint64_t, uint64_t, const char *, Error **))
{
    g_autofree char *usage = g_strdup_printf("%s ADDR SIZE FILE", name);
    g_auto(GStrv) argv = hmp_args(mon, args, 3, usage);
    uint64_t addr, size;
    Error *err = NULL;

    if (!argv || !hmp_parse_u64(mon, "address", argv[0], &addr) ||
        !hmp_parse_u64(mon, "size", argv[1], &size)) {
        return;
    }
    save(addr, size, argv[2], &err);
    hmp_handle_error(mon, err);
}

static void hmp_memsave(Monitor *mon, const char *args)
{
    hmp_mem_save(mon, args, "memsave", qmp_memsave);
}

static void hmp_pmemsave(Monitor *mon, const char *args)
{
    hmp_mem_save(mon, args, "pmemsave", qmp_pmemsave);
}

/* ---- display and keyboard ---- */

static void hmp_screendump(Monitor *mon, const char *args)
{
    g_auto(GStrv) argv = hmp_args(mon, args, 1, "screendump FILENAME");
    Error *err = NULL;

    if (argv) {
        qmp_screendump(argv[0], NULL, &err);
        hmp_handle_error(mon, err);
    }
}

/* sendkey ctrl-alt-f1 [hold_ms]: key names joined by '-' (ui/input.h). */
static void hmp_sendkey(Monitor *mon, const char *args)
{
    g_auto(GStrv) argv = NULL;
    g_auto(GStrv) names = NULL;
    g_autofree int *qcodes = NULL;
    uint64_t hold = 100;
    Error *err = NULL;
    size_t n;

    argv = hmp_args(mon, args, strchr(args, ' ') ? 2 : 1, "sendkey KEYS [HOLD_MS]");
    if (!argv || (argv[1] && !hmp_parse_u64(mon, "hold time", argv[1], &hold))) {
        return;
    }
    names = g_strsplit(argv[0], "-", -1);
    n = g_strv_length(names);
    qcodes = g_new0(int, n + 1);
    for (size_t i = 0; i < n; i++) {
        qcodes[i] = qemu_input_qcode_from_name(names[i]);
        if (qcodes[i] < 0) {
            monitor_printf(mon, "Error: sendkey: unknown key '%s'\n", names[i]);
            return;
        }
    }
    qmp_send_key(qcodes, n, hold, &err);
    hmp_handle_error(mon, err);
}

/* ---- snapshots ---- */

static void hmp_info_snapshots(Monitor *mon, const char *args)
{
    g_autofree char *text = snapshot_info_text();

    monitor_printf(mon, "%s", text);
}

static void hmp_savevm(Monitor *mon, const char *args)
{
    g_auto(GStrv) argv = NULL;
    Error *err = NULL;

    if (*args) {
        argv = hmp_args(mon, args, 1, "savevm [tag]");
        if (!argv) {
            return;
        }
    }
    save_snapshot(argv ? argv[0] : NULL, &err);
    hmp_handle_error(mon, err);
}

/* loadvm and delvm: one TAG argument, then OP. */
static void hmp_snapshot_op(Monitor *mon, const char *args, const char *usage,
                            bool (*op)(const char *name, Error **errp))
{
    g_auto(GStrv) argv = hmp_args(mon, args, 1, usage);
    Error *err = NULL;

    if (argv) {
        op(argv[0], &err);
        hmp_handle_error(mon, err);
    }
}

static void hmp_loadvm(Monitor *mon, const char *args)
{
    hmp_snapshot_op(mon, args, "loadvm tag", load_snapshot);
}

static void hmp_delvm(Monitor *mon, const char *args)
{
    hmp_snapshot_op(mon, args, "delvm tag", delete_snapshot);
}

const HMPCommand hmp_info_cmds[] = {
    { "balloon", "", "show the balloon information", hmp_info_balloon },
    { "chardev", "", "show the character devices", hmp_info_chardev },
    { "cpus", "", "show infos for each CPU", hmp_info_cpus },
    { "migrate", "", "show the migration status", hmp_info_migrate },
    { "mtree", "[-f]", "show the memory tree (-f: flat views)", hmp_info_mtree },
    { "network", "", "show the network clients", hmp_info_network },
    { "qom-tree", "[path]", "show the QOM composition tree", hmp_info_qom_tree },
    { "qtree", "", "show the device tree", hmp_info_qtree },
    { "registers", "", "show the CPU registers", hmp_info_registers },
    { "snapshots", "", "show the snapshots present on all disks", hmp_info_snapshots },
    { "status", "", "show the current VM status (running|paused)", hmp_info_status },
    { "version", "", "show the version of Ferry", hmp_info_version },
    { NULL }
};

const HMPCommand hmp_cmds[] = {
    { "cont", "", "resume emulation", hmp_cont },
    { "cpu", "index", "set the default CPU", hmp_cpu },
    { "delvm", "tag", "delete the snapshot 'tag' from every disk", hmp_delvm },
    { "help", "[cmd]", "show the help", hmp_help },
    { "info", "[subcommand]", "show various information about the system state",
      hmp_info, hmp_info_cmds },
    { "loadvm", "tag", "restore the VM from snapshot 'tag'", hmp_loadvm },
    { "getfd", "fdname", "receive a file descriptor via SCM rights and assign it a name",
      hmp_getfd },
    { "closefd", "fdname", "close a file descriptor previously passed via SCM rights",
      hmp_closefd },
    { "memsave", "addr size file", "save virtual memory to a file", hmp_memsave },
    { "migrate", "[-d] uri", "migrate to URI (-d: do not wait for completion)", hmp_migrate },
    { "migrate_cancel", "", "cancel the current migration", hmp_migrate_cancel },
    { "migrate_incoming", "uri", "accept the incoming migration on URI",
      hmp_migrate_incoming },
    { "migrate_set_capability", "capability state", "enable/disable a migration capability",
      hmp_migrate_set_capability },
    { "migrate_set_parameter", "parameter value", "set a migration parameter",
      hmp_migrate_set_parameter },
    { "pmemsave", "addr size file", "save physical memory to a file", hmp_pmemsave },
    { "qom-get", "path property", "print a QOM property", hmp_qom_get },
    { "qom-set", "path property value", "set a QOM property", hmp_qom_set },
    { "quit", "", "quit the emulator", hmp_quit },
    { "screendump", "filename", "save the screen as a PPM image", hmp_screendump },
    { "sendkey", "keys [hold_ms]", "send keys to the guest (e.g. ctrl-alt-f1)", hmp_sendkey },
    { "savevm", "[tag]", "save the VM as snapshot 'tag' on every writable disk",
      hmp_savevm },
    { "stop", "", "stop emulation", hmp_stop },
    { "system_reset", "", "reset the system", hmp_system_reset },
    { "balloon", "target", "request the guest memory size in MB", hmp_balloon },
    { "x", "/fmt addr", "virtual memory dump starting at 'addr'", hmp_x },
    { "xp", "/fmt addr", "physical memory dump starting at 'addr'", hmp_xp },
    { NULL }
};
