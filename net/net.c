/*
 * Network core: client pairs, frame delivery with back-pressure, MAC and
 * netdev device properties, and the -netdev / -nic configuration.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/log.h"
#include "qemu/option.h"
#include "hw/qdev-properties.h"
#include "net/net.h"

/* Every client, in creation order. */
static GPtrArray *net_clients;

/* One "-nic": its back end, waiting for the board's NIC. */
typedef struct NICInfo {
    char *spec;
    char *model;                /* NULL: any */
    MACAddr mac;                /* all zero: the NIC's default */
    NetClientState *backend;
    bool used;
} NICInfo;

static GPtrArray *nic_table;
static unsigned nic_default_mac_index;

typedef struct NetPacket {
    size_t size;
    uint8_t data[];
} NetPacket;

static const char *const backend_types_unavailable[] = {
    "tap", "bridge", "socket", "stream", "dgram", "vde", "l2tpv3", "netmap",
    "vhost-user", "vhost-vdpa", "hubport", "af-xdp", "passt", NULL
};

static GPtrArray *clients(void)
{
    if (!net_clients) {
        net_clients = g_ptr_array_new();
    }
    return net_clients;
}

static bool name_in_use(const char *name)
{
    return qemu_find_netdev(name) != NULL;
}

static char *generate_name(const char *model)
{
    for (unsigned i = 0;; i++) {
        char *name = g_strdup_printf("%s.%u", model, i);

        if (!name_in_use(name)) {
            return name;
        }
        g_free(name);
    }
}

static void client_setup(NetClientState *nc, const NetClientInfo *info, NetClientState *peer,
                         const char *model, const char *name)
{
    assert(info->size >= sizeof(NetClientState));
    nc->info = info;
    nc->model = g_strdup(model);
    nc->name = name ? g_strdup(name) : generate_name(model);
    nc->queue_limit = NET_QUEUE_DEFAULT_LIMIT;
    g_queue_init(&nc->incoming);
    if (peer) {
        assert(!peer->peer);
        nc->peer = peer;
        peer->peer = nc;
    }
    g_ptr_array_add(clients(), nc);
}

NetClientState *qemu_new_net_client(const NetClientInfo *info, NetClientState *peer,
                                    const char *model, const char *name)
{
    NetClientState *nc = g_malloc0(info->size);

    client_setup(nc, info, peer, model, name);
    return nc;
}

static void purge_queue(NetClientState *nc)
{
    NetPacket *p;

    while ((p = g_queue_pop_head(&nc->incoming))) {
        g_free(p);
    }
}

/* Frees NC's own resources; does not touch its peer. */
static void client_destroy(NetClientState *nc)
{
    if (nc->peer) {
        /* Frames NC sent that wait at the peer go nowhere now. */
        purge_queue(nc->peer);
        nc->peer->peer = NULL;
        nc->peer = NULL;
    }
    purge_queue(nc);
    if (net_clients) {
        g_ptr_array_remove(net_clients, nc);
    }
    if (nc->info->cleanup) {
        nc->info->cleanup(nc);
    }
    g_free(nc->model);
    g_free(nc->name);
}

void qemu_del_net_client(NetClientState *nc)
{
    assert(nc->info->type != NET_CLIENT_DRIVER_NIC);
    client_destroy(nc);
    g_free(nc);
}

NICState *qemu_new_nic(const NetClientInfo *info, NICConf *conf,
                       const char *model, const char *name, void *opaque)
{
    NICState *nic;

    assert(info->type == NET_CLIENT_DRIVER_NIC && info->size >= sizeof(NICState));
    nic = g_malloc0(info->size);
    nic->conf = conf;
    nic->opaque = opaque;
    client_setup(&nic->nc, info, conf->peer, model, name);
    qemu_format_nic_info_str(&nic->nc, conf->macaddr.a);
    return nic;
}

void qemu_del_nic(NICState *nic)
{
    client_destroy(&nic->nc);
    g_free(nic);
}

NetClientState *qemu_get_queue(NICState *nic)
{
    return &nic->nc;
}

void *qemu_get_nic_opaque(NetClientState *nc)
{
    assert(nc->info->type == NET_CLIENT_DRIVER_NIC);
    return container_of(nc, NICState, nc)->opaque;
}

void qemu_format_nic_info_str(NetClientState *nc, const uint8_t macaddr[6])
{
    snprintf(nc->info_str, sizeof(nc->info_str),
             "model=%s,macaddr=%02x:%02x:%02x:%02x:%02x:%02x", nc->model,
             macaddr[0], macaddr[1], macaddr[2], macaddr[3], macaddr[4], macaddr[5]);
}

/* ---- delivery ---- */

static bool client_can_receive(NetClientState *nc)
{
    return !nc->info->can_receive || nc->info->can_receive(nc);
}

/* Offers one frame to NC: >0 taken, 0 refused for now, <0 dropped. */
static ssize_t deliver(NetClientState *nc, const uint8_t *buf, size_t size)
{
    if (!client_can_receive(nc)) {
        return 0;
    }
    return nc->info->receive(nc, buf, size);
}

static ssize_t enqueue(NetClientState *nc, const uint8_t *buf, size_t size)
{
    NetPacket *p;

    if (g_queue_get_length(&nc->incoming) >= nc->queue_limit) {
        nc->queue_dropped++;
        return -ENOSPC;
    }
    p = g_malloc(sizeof(*p) + size);
    p->size = size;
    memcpy(p->data, buf, size);
    g_queue_push_tail(&nc->incoming, p);
    return 0;
}

ssize_t qemu_send_packet(NetClientState *nc, const uint8_t *buf, size_t size)
{
    NetClientState *peer = nc->peer;
    ssize_t ret;

    if (!peer) {
        return size;
    }
    /* Frames already waiting go first: keep the order. */
    if (!g_queue_is_empty(&peer->incoming) || peer->flushing) {
        return enqueue(peer, buf, size);
    }
    ret = deliver(peer, buf, size);
    if (ret == 0) {
        return enqueue(peer, buf, size);
    }
    return ret < 0 ? ret : (ssize_t)size;
}

bool qemu_can_send_packet(NetClientState *nc)
{
    return !nc->peer || (g_queue_is_empty(&nc->peer->incoming) && client_can_receive(nc->peer));
}

void qemu_flush_queued_packets(NetClientState *nc)
{
    NetPacket *p;

    if (nc->flushing) {
        return;     /* called again from inside receive */
    }
    nc->flushing = true;
    while ((p = g_queue_peek_head(&nc->incoming))) {
        if (deliver(nc, p->data, p->size) == 0) {
            break;
        }
        g_queue_pop_head(&nc->incoming);
        g_free(p);
    }
    nc->flushing = false;
}

unsigned qemu_net_queue_len(NetClientState *nc)
{
    return g_queue_get_length(&nc->incoming);
}

NetClientState *qemu_find_netdev(const char *id)
{
    for (guint i = 0; net_clients && i < net_clients->len; i++) {
        NetClientState *nc = g_ptr_array_index(net_clients, i);

        if (!strcmp(nc->name, id)) {
            return nc;
        }
    }
    return NULL;
}

void qemu_foreach_net_client(void (*fn)(NetClientState *nc, void *opaque), void *opaque)
{
    for (guint i = 0; net_clients && i < net_clients->len; i++) {
        fn(g_ptr_array_index(net_clients, i), opaque);
    }
}

/* ---- MAC addresses ---- */

bool qemu_parse_macaddr(const char *str, MACAddr *mac, Error **errp)
{
    const char *p = str;
    MACAddr tmp;

    for (int i = 0; i < 6; i++) {
        if (!g_ascii_isxdigit(p[0]) || !g_ascii_isxdigit(p[1]) ||
            (i < 5 && p[2] != ':' && p[2] != '-') || (i == 5 && p[2])) {
            error_setg(errp, "invalid MAC address '%s' (expected 6 hex byte pairs "
                       "like 52:54:00:12:34:56)", str);
            return false;
        }
        tmp.a[i] = g_ascii_xdigit_value(p[0]) << 4 | g_ascii_xdigit_value(p[1]);
        p += 3;
    }
    if (tmp.a[0] & 1) {
        error_setg(errp, "invalid MAC address '%s' (multicast bit set)", str);
        return false;
    }
    *mac = tmp;
    return true;
}

void qemu_macaddr_default_if_unset(MACAddr *mac)
{
    static const MACAddr zero;

    if (memcmp(mac, &zero, sizeof(zero))) {
        return;
    }
    mac->a[0] = 0x52;
    mac->a[1] = 0x54;
    mac->a[2] = 0x00;
    mac->a[3] = 0x12;
    mac->a[4] = 0x34;
    mac->a[5] = 0x56 + nic_default_mac_index++;
}

static GVariant *get_macaddr(Object *obj, ObjectProperty *op, Error **errp)
{
    MACAddr *mac = qdev_get_prop_ptr(obj, op->opaque);
    g_autofree char *s = g_strdup_printf("%02x:%02x:%02x:%02x:%02x:%02x", mac->a[0],
                                         mac->a[1], mac->a[2], mac->a[3], mac->a[4],
                                         mac->a[5]);

    return g_variant_ref_sink(g_variant_new_string(s));
}

static void set_macaddr(Object *obj, ObjectProperty *op, GVariant *v, Error **errp)
{
    const Property *prop = op->opaque;
    MACAddr *mac = qdev_get_prop_ptr(obj, prop);

    if (!qemu_parse_macaddr(g_variant_get_string(v, NULL), mac, errp)) {
        error_prepend(errp, "Property '%s.%s': ", object_get_typename(obj), prop->name);
    }
}

const PropertyInfo qdev_prop_macaddr = {
    .name = "str",
    .description = "Ethernet 6-byte MAC Address, example: 52:54:00:12:34:56",
    .get = get_macaddr,
    .set = set_macaddr,
};

static GVariant *get_netdev(Object *obj, ObjectProperty *op, Error **errp)
{
    NetClientState **ncp = qdev_get_prop_ptr(obj, op->opaque);

    return g_variant_ref_sink(g_variant_new_string(*ncp ? (*ncp)->name : ""));
}

static void set_netdev(Object *obj, ObjectProperty *op, GVariant *v, Error **errp)
{
    const Property *prop = op->opaque;
    NetClientState **ncp = qdev_get_prop_ptr(obj, prop);
    const char *id = g_variant_get_string(v, NULL);
    NetClientState *nc;

    if (!*id) {
        *ncp = NULL;
        return;
    }
    nc = qemu_find_netdev(id);
    if (!nc || nc->info->type == NET_CLIENT_DRIVER_NIC) {
        error_setg(errp, "Property '%s.%s' can't find value '%s'", object_get_typename(obj),
                   prop->name, id);
        return;
    }
    if (nc->peer) {
        error_setg(errp, "Property '%s.%s': network back end '%s' is already in use",
                   object_get_typename(obj), prop->name, id);
        return;
    }
    *ncp = nc;
}

const PropertyInfo qdev_prop_netdev = {
    .name = "str",
    .description = "ID of a netdev to use as a backend",
    .get = get_netdev,
    .set = set_netdev,
};

/* ---- -netdev and -nic ---- */

static const char *const nic_only_opts[] = { "model", "mac" };

static bool check_type(const char *type, Error **errp)
{
    if (!type) {
        error_setg(errp, "Parameter 'type' is missing");
        return false;
    }
    if (!strcmp(type, "user")) {
        return true;
    }
    for (const char *const *t = backend_types_unavailable; *t; t++) {
        if (!strcmp(*t, type)) {
            error_setg(errp, "network backend '%s' is not available", type);
            return false;
        }
    }
    error_setg(errp, "invalid network backend type '%s' (use '-netdev help' for a list)", type);
    return false;
}

static QemuOpts *parse_netdev(const char *spec, Error **errp)
{
    g_autoptr(QemuOpts) opts = qemu_opts_parse("netdev", spec, "type", errp);

    if (!opts || !check_type(qemu_opt_get(opts, "type"), errp)) {
        return NULL;
    }
    for (size_t i = 0; i < G_N_ELEMENTS(nic_only_opts); i++) {
        if (qemu_opt_has(opts, nic_only_opts[i])) {
            error_setg(errp, "Invalid parameter '%s'", nic_only_opts[i]);
            return NULL;
        }
    }
    if (!opts->id) {
        error_setg(errp, "Parameter 'id' is missing");
        return NULL;
    }
    if (!net_slirp_check_opts(opts, errp)) {
        return NULL;
    }
    return g_steal_pointer(&opts);
}

bool net_check_netdev_opts(const char *spec, Error **errp)
{
    g_autoptr(QemuOpts) opts = parse_netdev(spec, errp);

    return opts != NULL;
}

/* Parses "-nic SPEC"; *NONE is set for "-nic none". */
static QemuOpts *parse_nic(const char *spec, MACAddr *mac, bool *none, Error **errp)
{
    g_autoptr(QemuOpts) opts = qemu_opts_parse("nic", spec, "type", errp);
    const char *type;

    *none = false;
    if (!opts) {
        return NULL;
    }
    type = qemu_opt_get(opts, "type");
    if (type && !strcmp(type, "none")) {
        *none = true;
        return g_steal_pointer(&opts);
    }
    if (!check_type(type, errp)) {
        return NULL;
    }
    memset(mac, 0, sizeof(*mac));
    if (qemu_opt_has(opts, "mac") && !qemu_parse_macaddr(qemu_opt_get(opts, "mac"), mac, errp)) {
        return NULL;
    }
    if (qemu_opt_has(opts, "model") && !*qemu_opt_get(opts, "model")) {
        error_setg(errp, "Parameter 'model' is empty");
        return NULL;
    }
    if (!net_slirp_check_opts(opts, errp)) {
        return NULL;
    }
    return g_steal_pointer(&opts);
}

bool net_check_nic_opts(const char *spec, Error **errp)
{
    MACAddr mac;
    bool none;
    g_autoptr(QemuOpts) opts = parse_nic(spec, &mac, &none, errp);

    return opts != NULL;
}

bool net_client_init_netdev(const char *spec, Error **errp)
{
    g_autoptr(QemuOpts) opts = parse_netdev(spec, errp);

    if (!opts) {
        return false;
    }
    if (qemu_find_netdev(opts->id)) {
        error_setg(errp, "Duplicate ID '%s' for netdev", opts->id);
        return false;
    }
    return net_slirp_init(opts, NULL, opts->id, errp) != NULL;
}

static void nic_info_free(gpointer p)
{
    NICInfo *ni = p;

    g_free(ni->spec);
    g_free(ni->model);
    g_free(ni);
}

bool net_client_init_nic(const char *spec, Error **errp)
{
    MACAddr mac;
    bool none;
    g_autoptr(QemuOpts) opts = parse_nic(spec, &mac, &none, errp);
    NetClientState *backend;
    NICInfo *ni;

    if (!opts) {
        return false;
    }
    if (none) {
        return true;
    }
    if (opts->id && qemu_find_netdev(opts->id)) {
        error_setg(errp, "Duplicate ID '%s' for netdev", opts->id);
        return false;
    }
    backend = net_slirp_init(opts, NULL, opts->id, errp);
    if (!backend) {
        return false;
    }
    if (!nic_table) {
        nic_table = g_ptr_array_new_with_free_func(nic_info_free);
    }
    ni = g_new0(NICInfo, 1);
    ni->spec = g_strdup(spec);
    ni->model = g_strdup(qemu_opt_get(opts, "model"));
    ni->mac = mac;
    ni->backend = backend;
    g_ptr_array_add(nic_table, ni);
    return true;
}

bool qemu_configure_nic_device(DeviceState *dev, const char *model)
{
    for (guint i = 0; nic_table && i < nic_table->len; i++) {
        NICInfo *ni = g_ptr_array_index(nic_table, i);
        static const MACAddr zero;

        if (ni->used || (ni->model && strcmp(ni->model, model))) {
            continue;
        }
        ni->used = true;
        if (memcmp(&ni->mac, &zero, sizeof(zero))) {
            g_autofree char *mac = g_strdup_printf("%02x:%02x:%02x:%02x:%02x:%02x",
                                                   ni->mac.a[0], ni->mac.a[1], ni->mac.a[2],
                                                   ni->mac.a[3], ni->mac.a[4], ni->mac.a[5]);

            object_property_set_str(OBJECT(dev), "mac", mac, &error_abort);
        }
        object_property_set_str(OBJECT(dev), "netdev", ni->backend->name, &error_abort);
        return true;
    }
    return false;
}

bool qemu_nic_model_pending(const char *model)
{
    for (guint i = 0; nic_table && i < nic_table->len; i++) {
        NICInfo *ni = g_ptr_array_index(nic_table, i);

        if (!ni->used && ni->model && !strcmp(ni->model, model)) {
            return true;
        }
    }
    return false;
}

bool net_check_clients(Error **errp)
{
    for (guint i = 0; nic_table && i < nic_table->len; i++) {
        NICInfo *ni = g_ptr_array_index(nic_table, i);

        if (ni->used) {
            continue;
        }
        if (ni->model) {
            error_setg(errp, "-nic %s: this machine has no free network card of model '%s'",
                       ni->spec, ni->model);
        } else {
            error_setg(errp, "-nic %s: this machine has no free network card", ni->spec);
        }
        return false;
    }
    return true;
}

static const char *driver_name(const NetClientState *nc)
{
    switch (nc->info->type) {
    case NET_CLIENT_DRIVER_NIC:
        return "nic";
    case NET_CLIENT_DRIVER_USER:
        return "user";
    default:
        return nc->model;
    }
}

static void info_line(GString *out, const NetClientState *nc, const char *indent)
{
    g_string_append_printf(out, "%s%s: index=0,type=%s,%s", indent, nc->name, driver_name(nc),
                           nc->info_str);
    if (nc->queue_dropped) {
        g_string_append_printf(out, ",dropped=%" PRIu64, nc->queue_dropped);
    }
    g_string_append_c(out, '\n');
}

char *net_info_string(void)
{
    GString *out = g_string_new(NULL);

    for (guint i = 0; net_clients && i < net_clients->len; i++) {
        NetClientState *nc = g_ptr_array_index(net_clients, i);

        if (nc->info->type == NET_CLIENT_DRIVER_NIC) {
            info_line(out, nc, "");
            if (nc->peer) {
                info_line(out, nc->peer, " \\ ");
            }
        } else if (!nc->peer || nc->peer->info->type != NET_CLIENT_DRIVER_NIC) {
            info_line(out, nc, "");
        }
    }
    return g_string_free(out, false);
}

void net_print_help(FILE *out)
{
    fprintf(out, "Available netdev backend types:\nuser\n");
}

void net_cleanup(void)
{
    /* NICs belong to their devices; only back ends are deleted here. */
    for (guint i = net_clients ? net_clients->len : 0; i-- > 0;) {
        NetClientState *nc = g_ptr_array_index(net_clients, i);

        if (nc->info->type != NET_CLIENT_DRIVER_NIC) {
            qemu_del_net_client(nc);
        }
    }
    if (nic_table) {
        g_ptr_array_free(nic_table, true);
        nic_table = NULL;
    }
    if (net_clients && !net_clients->len) {
        g_ptr_array_free(net_clients, true);
        net_clients = NULL;
    }
    nic_default_mac_index = 0;
}
