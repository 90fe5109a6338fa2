/*
 * Network core: clients (NIC front ends and host back ends) joined in
 * pairs, frames passed between peers with back-pressure, the MAC address
 * device property, and the -netdev / -nic configuration.
 *
 * Delivery contract: qemu_send_packet() hands a frame to the sender's
 * peer. When the peer cannot take it (can_receive false, or receive
 * returns 0) the frame waits in the peer's bounded incoming queue; the
 * peer calls qemu_flush_queued_packets() once it has room again. Frames
 * are lost only when that queue is full, and each loss is counted in
 * NetClientState.queue_dropped.
 */
#ifndef NET_NET_H
#define NET_NET_H

#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/option.h"
#include "hw/qdev-properties.h"

typedef struct NetClientState NetClientState;
typedef struct NICState NICState;

typedef enum NetClientDriver {
    NET_CLIENT_DRIVER_NIC,
    NET_CLIENT_DRIVER_USER,
    NET_CLIENT_DRIVER_OTHER,    /* test back ends */
} NetClientDriver;

/*
 * RECEIVE returns SIZE when the frame was taken (or deliberately
 * discarded), 0 when it cannot be taken now (it is queued), <0 on error
 * (the frame is dropped). CAN_RECEIVE (may be NULL: always) is asked
 * before RECEIVE. CLEANUP (may be NULL) runs before the client is freed.
 */
typedef struct NetClientInfo {
    NetClientDriver type;
    size_t size;                /* of the structure that embeds the state */
    ssize_t (*receive)(NetClientState *nc, const uint8_t *buf, size_t size);
    bool (*can_receive)(NetClientState *nc);
    void (*cleanup)(NetClientState *nc);
} NetClientInfo;

#define NET_QUEUE_DEFAULT_LIMIT 256

struct NetClientState {
    const NetClientInfo *info;
    NetClientState *peer;
    char *model;                /* "user", "lan9118", ... */
    char *name;                 /* the id, or a generated "MODEL.N" */
    char info_str[256];         /* one line for "info network" */
    GQueue incoming;            /* frames waiting for this client */
    unsigned queue_limit;       /* at most this many frames wait */
    uint64_t queue_dropped;     /* frames lost to a full queue */
    bool flushing;
};

typedef struct MACAddr {
    uint8_t a[6];
} MACAddr;

/* A NIC's configuration: its MAC address and the back end it joins. */
typedef struct NICConf {
    MACAddr macaddr;            /* all zero: unset, a default is chosen */
    NetClientState *peer;
} NICConf;

struct NICState {
    NetClientState nc;
    NICConf *conf;
    void *opaque;
};

/*
 * Creates a client of INFO joined to PEER (may be NULL). NAME NULL: a
 * generated "MODEL.N". PEER must not have a peer already.
 */
NetClientState *qemu_new_net_client(const NetClientInfo *info, NetClientState *peer,
                                    const char *model, const char *name);
/* Unjoins NC from its peer, drops its queue, runs cleanup and frees it. */
void qemu_del_net_client(NetClientState *nc);

/* A NIC front end; INFO->type must be NET_CLIENT_DRIVER_NIC. */
NICState *qemu_new_nic(const NetClientInfo *info, NICConf *conf,
                       const char *model, const char *name, void *opaque);
void qemu_del_nic(NICState *nic);
NetClientState *qemu_get_queue(NICState *nic);
void *qemu_get_nic_opaque(NetClientState *nc);
/* Formats NC's info_str as "model=M,macaddr=aa:bb:...". */
void qemu_format_nic_info_str(NetClientState *nc, const uint8_t macaddr[6]);

/*
 * Sends a frame from NC to its peer. Returns SIZE when delivered (or when
 * there is no peer: the frame goes nowhere, like on an unplugged cable),
 * 0 when it was queued for the peer, -ENOSPC when the peer's queue was
 * full (the frame is dropped and counted).
 */
ssize_t qemu_send_packet(NetClientState *nc, const uint8_t *buf, size_t size);
/* True when NC's peer would take a frame now. */
bool qemu_can_send_packet(NetClientState *nc);
/* Delivers the frames waiting for NC, in order, while it takes them. */
void qemu_flush_queued_packets(NetClientState *nc);
/* Frames waiting for NC. */
unsigned qemu_net_queue_len(NetClientState *nc);

/* Finds a client by name (NULL if none). */
NetClientState *qemu_find_netdev(const char *id);
/* Calls FN for every client, in creation order. */
void qemu_foreach_net_client(void (*fn)(NetClientState *nc, void *opaque), void *opaque);

/* "52:54:00:12:34:56" (also '-' separated). Error names the value. */
bool qemu_parse_macaddr(const char *str, MACAddr *mac, Error **errp);
/* An all-zero MAC becomes 52:54:00:12:34:(56 + n) for the n-th such NIC. */
void qemu_macaddr_default_if_unset(MACAddr *mac);

extern const PropertyInfo qdev_prop_macaddr;
extern const PropertyInfo qdev_prop_netdev;

#define DEFINE_PROP_MACADDR(_name, State, field) \
    DEFINE_PROP(_name, State, field, qdev_prop_macaddr, MACAddr)
#define DEFINE_PROP_NETDEV(_name, State, field) \
    DEFINE_PROP(_name, State, field, qdev_prop_netdev, NetClientState *)
/* "mac" and "netdev" backed by the NICConf field CONF of STATE. */
#define DEFINE_NIC_PROPERTIES(State, conf) \
    DEFINE_PROP_MACADDR("mac", State, conf.macaddr), \
    DEFINE_PROP_NETDEV("netdev", State, conf.peer)

/* ---- -netdev and -nic ---- */

/*
 * Syntax checks of "-netdev" / "-nic" arguments (no resources taken):
 * known type, known options, id present (-netdev), valid values.
 */
bool net_check_netdev_opts(const char *spec, Error **errp);
bool net_check_nic_opts(const char *spec, Error **errp);
/* Creates the back end of "-netdev SPEC". Error without the option prefix. */
bool net_client_init_netdev(const char *spec, Error **errp);
/* Creates the back end of "-nic SPEC" and records it for the board. */
bool net_client_init_nic(const char *spec, Error **errp);
/*
 * For boards: gives DEV (a NIC device, not realized) the next "-nic"
 * whose model is MODEL or unset: sets its "mac" and "netdev". False when
 * no such -nic is left.
 */
bool qemu_configure_nic_device(DeviceState *dev, const char *model);
/*
 * Whether a "-nic" with exactly model MODEL is still waiting: for boards
 * that create such NICs on demand (virtio-net-device on virtio-mmio).
 */
bool qemu_nic_model_pending(const char *model);
/* After board init: an error for every -nic no board NIC took. */
bool net_check_clients(Error **errp);
/*
 * The "info network" text: each NIC with its peer indented below it, then
 * back ends without a NIC. Lines end in "\n"; g_free the result.
 */
char *net_info_string(void);
/* Prints the back-end types ("-netdev help"). */
void net_print_help(FILE *out);
/* Deletes every client (at exit and between tests). */
void net_cleanup(void);

/* Back ends (net/slirp.c). */
NetClientState *net_slirp_init(const QemuOpts *opts, NetClientState *peer,
                               const char *name, Error **errp);
bool net_slirp_check_opts(const QemuOpts *opts, Error **errp);

#endif
