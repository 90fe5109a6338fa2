/*
 * "-netdev user": user-mode networking through libslirp. The guest sees
 * a NAT router (default 10.0.2.2 on 10.0.2.0/24) with DHCP (first lease
 * 10.0.2.15) and a DNS forwarder at 10.0.2.3; hostfwd rules forward
 * host ports to the guest.
 *
 * Main-loop integration: a GSource attached to the default context asks
 * libslirp for its descriptors each iteration (slirp_pollfds_fill, in
 * prepare) and hands back what poll found (slirp_pollfds_poll, in
 * dispatch); libslirp's timers are QEMU_CLOCK_REALTIME timers, since the
 * network outside runs in host time whatever the guest clock does.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/log.h"
#include "qemu/main-loop.h"
#include "qemu/option.h"
#include "qemu/timer.h"
#include "net/net.h"

#include <arpa/inet.h>
#include <slirp/libslirp.h>

typedef struct SlirpState SlirpState;

typedef struct SlirpSource {
    GSource source;
    SlirpState *s;
} SlirpSource;

typedef struct SlirpTimer {
    QEMUTimer timer;
    SlirpState *s;
    SlirpTimerId id;
    void *cb_opaque;
} SlirpTimer;

struct SlirpState {
    NetClientState nc;
    Slirp *slirp;
    GSource *source;
    GPtrArray *pollfds;         /* GPollFD *, registered with the source */
    gint64 deadline_us;         /* monotonic: poll slirp by then at least */
    GPtrArray *hostfwds;        /* char *, the rules as given */
};

static const char *const user_opts[] = {
    "type", "id", "net", "host", "dns", "dhcpstart", "hostfwd", "restrict", "hostname",
    "ipv4", "ipv6", "model", "mac", NULL
};

/* ---- libslirp callbacks ---- */

static ssize_t slirp_send_packet_cb(const void *buf, size_t len, void *opaque)
{
    SlirpState *s = opaque;

    /* Queued or lost frames are both fine for libslirp (TCP retransmits). */
    qemu_send_packet(&s->nc, buf, len);
    return len;
}

static void slirp_guest_error_cb(const char *msg, void *opaque)
{
    qemu_log_mask(LOG_GUEST_ERROR, "slirp: %s\n", msg);
}

static int64_t slirp_clock_get_ns_cb(void *opaque)
{
    return qemu_clock_get_ns(QEMU_CLOCK_REALTIME);
}

static void slirp_timer_fire(void *opaque)
{
    SlirpTimer *t = opaque;

    slirp_handle_timer(t->s->slirp, t->id, t->cb_opaque);
}

static void *slirp_timer_new_opaque_cb(SlirpTimerId id, void *cb_opaque, void *opaque)
{
    SlirpTimer *t = g_new0(SlirpTimer, 1);

    t->s = opaque;
    t->id = id;
    t->cb_opaque = cb_opaque;
    timer_init_ms(&t->timer, QEMU_CLOCK_REALTIME, slirp_timer_fire, t);
    return t;
}

static void slirp_timer_free_cb(void *timer, void *opaque)
{
    SlirpTimer *t = timer;

    timer_deinit(&t->timer);
    g_free(t);
}

static void slirp_timer_mod_cb(void *timer, int64_t expire_ms, void *opaque)
{
    SlirpTimer *t = timer;

    timer_mod(&t->timer, expire_ms);
}

/* Descriptors go through the GSource each iteration: nothing to keep here. */
static void slirp_register_poll_fd_cb(int fd, void *opaque)
{
}

static void slirp_unregister_poll_fd_cb(int fd, void *opaque)
{
}

static void slirp_notify_cb(void *opaque)
{
    qemu_notify_event();
}

static const SlirpCb slirp_callbacks = {
    .send_packet = slirp_send_packet_cb,
    .guest_error = slirp_guest_error_cb,
    .clock_get_ns = slirp_clock_get_ns_cb,
    .timer_free = slirp_timer_free_cb,
    .timer_mod = slirp_timer_mod_cb,
    .register_poll_fd = slirp_register_poll_fd_cb,
    .unregister_poll_fd = slirp_unregister_poll_fd_cb,
    .notify = slirp_notify_cb,
    .timer_new_opaque = slirp_timer_new_opaque_cb,
};

/* ---- the GSource ---- */

static void drop_pollfds(SlirpState *s)
{
    for (guint i = 0; i < s->pollfds->len; i++) {
        g_source_remove_poll(s->source, g_ptr_array_index(s->pollfds, i));
    }
    g_ptr_array_set_size(s->pollfds, 0);
}

static int slirp_add_poll_cb(int fd, int events, void *opaque)
{
    SlirpState *s = opaque;
    GPollFD *pfd = g_new0(GPollFD, 1);

    pfd->fd = fd;
    pfd->events = (events & SLIRP_POLL_IN ? G_IO_IN : 0) |
                  (events & SLIRP_POLL_OUT ? G_IO_OUT : 0) |
                  (events & SLIRP_POLL_PRI ? G_IO_PRI : 0) |
                  (events & SLIRP_POLL_ERR ? G_IO_ERR : 0) |
                  (events & SLIRP_POLL_HUP ? G_IO_HUP : 0);
    g_ptr_array_add(s->pollfds, pfd);
    g_source_add_poll(s->source, pfd);
    return s->pollfds->len - 1;
}

static int slirp_get_revents_cb(int idx, void *opaque)
{
    SlirpState *s = opaque;
    GPollFD *pfd;

    if (idx < 0 || idx >= (int)s->pollfds->len) {
        return 0;
    }
    pfd = g_ptr_array_index(s->pollfds, idx);
    return (pfd->revents & G_IO_IN ? SLIRP_POLL_IN : 0) |
           (pfd->revents & G_IO_OUT ? SLIRP_POLL_OUT : 0) |
           (pfd->revents & G_IO_PRI ? SLIRP_POLL_PRI : 0) |
           (pfd->revents & G_IO_ERR ? SLIRP_POLL_ERR : 0) |
           (pfd->revents & G_IO_HUP ? SLIRP_POLL_HUP : 0);
}

static gboolean slirp_source_prepare(GSource *source, gint *timeout)
{
    SlirpState *s = ((SlirpSource *)source)->s;
    uint32_t ms = UINT32_MAX;

    drop_pollfds(s);
    slirp_pollfds_fill(s->slirp, &ms, slirp_add_poll_cb, s);
    if (ms == UINT32_MAX) {
        *timeout = -1;
        s->deadline_us = G_MAXINT64;
    } else {
        *timeout = MIN(ms, (uint32_t)G_MAXINT);
        s->deadline_us = g_get_monotonic_time() + (gint64)ms * 1000;
    }
    return FALSE;
}

static gboolean slirp_source_check(GSource *source)
{
    SlirpState *s = ((SlirpSource *)source)->s;

    for (guint i = 0; i < s->pollfds->len; i++) {
        GPollFD *pfd = g_ptr_array_index(s->pollfds, i);

        if (pfd->revents) {
            return TRUE;
        }
    }
    /* libslirp's TCP timers run from slirp_pollfds_poll. */
    return g_get_monotonic_time() >= s->deadline_us;
}

static gboolean slirp_source_dispatch(GSource *source, GSourceFunc cb, gpointer data)
{
    SlirpState *s = ((SlirpSource *)source)->s;

    slirp_pollfds_poll(s->slirp, 0, slirp_get_revents_cb, s);
    return G_SOURCE_CONTINUE;
}

static GSourceFuncs slirp_source_funcs = {
    .prepare = slirp_source_prepare,
    .check = slirp_source_check,
    .dispatch = slirp_source_dispatch,
};

/* ---- the net client ---- */

static ssize_t net_slirp_receive(NetClientState *nc, const uint8_t *buf, size_t size)
{
    SlirpState *s = container_of(nc, SlirpState, nc);

    slirp_input(s->slirp, buf, size);
    return size;
}

static void net_slirp_cleanup(NetClientState *nc)
{
    SlirpState *s = container_of(nc, SlirpState, nc);

    if (s->source) {
        drop_pollfds(s);
        g_source_destroy(s->source);
        g_source_unref(s->source);
    }
    if (s->slirp) {
        slirp_cleanup(s->slirp);
    }
    g_ptr_array_free(s->pollfds, true);
    g_ptr_array_free(s->hostfwds, true);
}

static const NetClientInfo net_slirp_info = {
    .type = NET_CLIENT_DRIVER_USER,
    .size = sizeof(SlirpState),
    .receive = net_slirp_receive,
    .cleanup = net_slirp_cleanup,
};

/* ---- options ---- */

typedef struct SlirpOpts {
    struct in_addr net, mask, host, dns, dhcp;
    bool restricted, ipv4, ipv6;
    const char *hostname;
} SlirpOpts;

static bool parse_addr(const char *opt, const char *value, struct in_addr *addr, Error **errp)
{
    if (!inet_pton(AF_INET, value, addr)) {
        error_setg(errp, "Parameter '%s' expects an IPv4 address, not '%s'", opt, value);
        return false;
    }
    return true;
}

/* "A.B.C.D/N" or "A.B.C.D/M.M.M.M" or "A.B.C.D" (/24). */
static bool parse_net(const char *value, SlirpOpts *o, Error **errp)
{
    g_auto(GStrv) parts = g_strsplit(value, "/", 2);
    uint32_t mask = 0xffffff00;

    if (!inet_pton(AF_INET, parts[0], &o->net)) {
        goto bad;
    }
    if (parts[1]) {
        struct in_addr m;
        char *end;
        unsigned long bits = strtoul(parts[1], &end, 10);

        if (inet_pton(AF_INET, parts[1], &m)) {
            mask = ntohl(m.s_addr);
            if (mask & ~(uint32_t)(-(int64_t)(mask & -mask))) {
                goto bad;   /* not contiguous */
            }
        } else if (*parts[1] && !*end && bits >= 1 && bits <= 30) {
            mask = 0xffffffffu << (32 - bits);
        } else {
            goto bad;
        }
    }
    o->mask.s_addr = htonl(mask);
    if (ntohl(o->net.s_addr) & ~mask) {
        error_setg(errp, "Parameter 'net': '%s' has host bits set", value);
        return false;
    }
    return true;
bad:
    error_setg(errp, "Parameter 'net' expects an IPv4 network like 10.0.2.0/24, not '%s'",
               value);
    return false;
}

static bool in_net(const SlirpOpts *o, struct in_addr a)
{
    return (a.s_addr & o->mask.s_addr) == o->net.s_addr;
}

static bool parse_slirp_opts(const QemuOpts *opts, SlirpOpts *o, Error **errp)
{
    const struct { const char *name; struct in_addr *addr; uint32_t host_part; } addrs[] = {
        { "host", &o->host, 2 }, { "dns", &o->dns, 3 }, { "dhcpstart", &o->dhcp, 15 },
    };
    const char *v;

    memset(o, 0, sizeof(*o));
    if (!qemu_opts_check(opts, user_opts, errp)) {
        return false;
    }
    if (!parse_net(qemu_opt_get(opts, "net") ?: "10.0.2.0/24", o, errp)) {
        return false;
    }
    for (size_t i = 0; i < G_N_ELEMENTS(addrs); i++) {
        v = qemu_opt_get(opts, addrs[i].name);
        if (v) {
            if (!parse_addr(addrs[i].name, v, addrs[i].addr, errp)) {
                return false;
            }
            if (!in_net(o, *addrs[i].addr)) {
                error_setg(errp, "Parameter '%s': %s is not in the guest network", addrs[i].name,
                           v);
                return false;
            }
        } else {
            addrs[i].addr->s_addr = htonl(ntohl(o->net.s_addr) | addrs[i].host_part);
        }
    }
    {
        Error *err = NULL;

        o->restricted = qemu_opt_get_bool(opts, "restrict", false, &err);
        o->ipv4 = err ? false : qemu_opt_get_bool(opts, "ipv4", true, &err);
        o->ipv6 = err ? false : qemu_opt_get_bool(opts, "ipv6", true, &err);
        if (err) {
            error_propagate(errp, err);
            return false;
        }
    }
    if (!o->ipv4 && !o->ipv6) {
        error_setg(errp, "ipv4=off and ipv6=off leave no network");
        return false;
    }
    o->hostname = qemu_opt_get(opts, "hostname");
    return true;
}

typedef struct HostFwd {
    bool udp;
    struct in_addr haddr, gaddr;
    int hport, gport;
} HostFwd;

static bool parse_port(const char *s, int *port)
{
    char *end;
    unsigned long v;

    if (!g_ascii_isdigit(*s)) {
        return false;
    }
    v = strtoul(s, &end, 10);
    if (*end || v > 65535) {
        return false;
    }
    *port = v;
    return true;
}

/* "[tcp|udp]:[HOSTADDR]:HOSTPORT-[GUESTADDR]:GUESTPORT" */
static bool parse_hostfwd(const char *rule, const SlirpOpts *o, HostFwd *fwd, Error **errp)
{
    g_auto(GStrv) sides = g_strsplit(rule, "-", 2);
    g_auto(GStrv) host = NULL, guest = NULL;

    memset(fwd, 0, sizeof(*fwd));
    fwd->gaddr = o->dhcp;
    if (!sides[0] || !sides[1]) {
        goto bad;
    }
    host = g_strsplit(sides[0], ":", 0);
    guest = g_strsplit(sides[1], ":", 0);
    if (g_strv_length(host) != 3 || g_strv_length(guest) != 2) {
        goto bad;
    }
    if (!strcmp(host[0], "udp")) {
        fwd->udp = true;
    } else if (*host[0] && strcmp(host[0], "tcp")) {
        goto bad;
    }
    if ((*host[1] && !inet_pton(AF_INET, host[1], &fwd->haddr)) ||
        (*guest[0] && !inet_pton(AF_INET, guest[0], &fwd->gaddr)) ||
        !parse_port(host[2], &fwd->hport) || !parse_port(guest[1], &fwd->gport) ||
        fwd->gport == 0) {
        goto bad;
    }
    return true;
bad:
    error_setg(errp, "invalid host forwarding rule '%s' "
               "(expected [tcp|udp]:[hostaddr]:hostport-[guestaddr]:guestport)", rule);
    return false;
}

bool net_slirp_check_opts(const QemuOpts *opts, Error **errp)
{
    SlirpOpts o;
    HostFwd fwd;

    if (!parse_slirp_opts(opts, &o, errp)) {
        return false;
    }
    for (guint i = 0; i < opts->opts->len; i++) {
        QemuOpt *opt = g_ptr_array_index(opts->opts, i);

        if (!strcmp(opt->name, "hostfwd") && !parse_hostfwd(opt->value, &o, &fwd, errp)) {
            return false;
        }
    }
    return true;
}

NetClientState *net_slirp_init(const QemuOpts *opts, NetClientState *peer, const char *name,
                               Error **errp)
{
    SlirpOpts o;
    SlirpConfig cfg = { .version = 4 };
    NetClientState *nc;
    SlirpState *s;
    char net[INET_ADDRSTRLEN], mask[INET_ADDRSTRLEN];

    if (!net_slirp_check_opts(opts, errp)) {
        return NULL;
    }
    parse_slirp_opts(opts, &o, &error_abort);
    cfg.restricted = o.restricted;
    cfg.in_enabled = o.ipv4;
    cfg.vnetwork = o.net;
    cfg.vnetmask = o.mask;
    cfg.vhost = o.host;
    cfg.in6_enabled = o.ipv6;
    inet_pton(AF_INET6, "fec0::", &cfg.vprefix_addr6);
    cfg.vprefix_len = 64;
    inet_pton(AF_INET6, "fec0::2", &cfg.vhost6);
    inet_pton(AF_INET6, "fec0::3", &cfg.vnameserver6);
    cfg.vhostname = o.hostname;
    cfg.vdhcp_start = o.dhcp;
    cfg.vnameserver = o.dns;

    nc = qemu_new_net_client(&net_slirp_info, peer, "user", name);
    s = container_of(nc, SlirpState, nc);
    s->pollfds = g_ptr_array_new_with_free_func(g_free);
    s->hostfwds = g_ptr_array_new_with_free_func(g_free);
    s->slirp = slirp_new(&cfg, &slirp_callbacks, s);
    if (!s->slirp) {
        error_setg(errp, "libslirp refused the network configuration");
        qemu_del_net_client(nc);
        return NULL;
    }
    s->source = g_source_new(&slirp_source_funcs, sizeof(SlirpSource));
    ((SlirpSource *)s->source)->s = s;
    g_source_set_name(s->source, "slirp");
    g_source_attach(s->source, NULL);

    for (guint i = 0; i < opts->opts->len; i++) {
        QemuOpt *opt = g_ptr_array_index(opts->opts, i);
        HostFwd fwd;

        if (strcmp(opt->name, "hostfwd")) {
            continue;
        }
        parse_hostfwd(opt->value, &o, &fwd, &error_abort);
        if (slirp_add_hostfwd(s->slirp, fwd.udp, fwd.haddr, fwd.hport, fwd.gaddr,
                              fwd.gport) < 0) {
            error_setg(errp, "could not set up host forwarding rule '%s' "
                       "(host port %d in use?)", opt->value, fwd.hport);
            qemu_del_net_client(nc);
            return NULL;
        }
        g_ptr_array_add(s->hostfwds, g_strdup(opt->value));
    }
    inet_ntop(AF_INET, &o.net, net, sizeof(net));
    inet_ntop(AF_INET, &o.mask, mask, sizeof(mask));
    snprintf(nc->info_str, sizeof(nc->info_str), "net=%s,mask=%s,restrict=%s,hostfwds=%u",
             net, mask, o.restricted ? "on" : "off", s->hostfwds->len);
    return nc;
}
