/*
 * Network core and the slirp back end: delivery and back-pressure between
 * a pair of clients, the bounded queue, the MAC property, and real
 * libslirp answering DHCP and ARP.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/main-loop.h"
#include "hw/qdev-core.h"
#include "net/net.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

/* A test client recording what it receives; refuses while "full". */
typedef struct TestClient {
    NetClientState nc;
    GPtrArray *frames;          /* GBytes * */
    bool full;
    unsigned cleanups;
} TestClient;

static ssize_t test_receive(NetClientState *nc, const uint8_t *buf, size_t size)
{
    TestClient *t = container_of(nc, TestClient, nc);

    if (t->full) {
        return 0;
    }
    g_ptr_array_add(t->frames, g_bytes_new(buf, size));
    return size;
}

static bool test_can_receive(NetClientState *nc)
{
    return !container_of(nc, TestClient, nc)->full;
}

static unsigned cleanups;

static void test_cleanup(NetClientState *nc)
{
    TestClient *t = container_of(nc, TestClient, nc);

    g_ptr_array_free(t->frames, true);
    cleanups++;
}

static const NetClientInfo test_info = {
    .type = NET_CLIENT_DRIVER_OTHER,
    .size = sizeof(TestClient),
    .receive = test_receive,
    .can_receive = test_can_receive,
    .cleanup = test_cleanup,
};

/* Same, but only receive() refuses (no can_receive hook). */
static const NetClientInfo test_info_nocheck = {
    .type = NET_CLIENT_DRIVER_OTHER,
    .size = sizeof(TestClient),
    .receive = test_receive,
    .cleanup = test_cleanup,
};

static TestClient *test_client_new(const NetClientInfo *info, NetClientState *peer,
                                   const char *name)
{
    TestClient *t = (TestClient *)qemu_new_net_client(info, peer, "test", name);

    t->frames = g_ptr_array_new_with_free_func((GDestroyNotify)g_bytes_unref);
    return t;
}

static uint8_t frame_tag(TestClient *t, guint i)
{
    gsize size;
    const uint8_t *p = g_bytes_get_data(g_ptr_array_index(t->frames, i), &size);

    g_assert_cmpuint(size, >=, 1);
    return p[0];
}

static void check_backpressure(const NetClientInfo *info)
{
    TestClient *a = test_client_new(info, NULL, "a");
    TestClient *b = test_client_new(info, &a->nc, "b");
    uint8_t f[60] = { 0 };

    g_assert_true(a->nc.peer == &b->nc && b->nc.peer == &a->nc);
    f[0] = 1;
    g_assert_cmpint(qemu_send_packet(&a->nc, f, sizeof(f)), ==, sizeof(f));
    g_assert_cmpuint(b->frames->len, ==, 1);

    /* B is full: frames wait, in order, and nothing is lost. */
    b->full = true;
    /* Without a can_receive hook only a refused frame reveals it. */
    g_assert_true(qemu_can_send_packet(&a->nc) == !info->can_receive);
    for (int i = 2; i <= 4; i++) {
        f[0] = i;
        g_assert_cmpint(qemu_send_packet(&a->nc, f, sizeof(f)), ==, 0);
    }
    g_assert_cmpuint(qemu_net_queue_len(&b->nc), ==, 3);
    g_assert_cmpuint(b->frames->len, ==, 1);
    /* Still nothing while full. */
    qemu_flush_queued_packets(&b->nc);
    g_assert_cmpuint(qemu_net_queue_len(&b->nc), ==, 3);

    b->full = false;
    /* A new frame does not overtake the queued ones. */
    f[0] = 5;
    g_assert_cmpint(qemu_send_packet(&a->nc, f, sizeof(f)), ==, 0);
    qemu_flush_queued_packets(&b->nc);
    g_assert_cmpuint(qemu_net_queue_len(&b->nc), ==, 0);
    g_assert_cmpuint(b->frames->len, ==, 5);
    for (guint i = 0; i < 5; i++) {
        g_assert_cmpuint(frame_tag(b, i), ==, i + 1);
    }
    g_assert_cmpuint(b->nc.queue_dropped, ==, 0);

    /* The other direction is independent. */
    g_assert_cmpint(qemu_send_packet(&b->nc, f, sizeof(f)), ==, sizeof(f));
    g_assert_cmpuint(a->frames->len, ==, 1);

    cleanups = 0;
    qemu_del_net_client(&a->nc);
    g_assert_null(b->nc.peer);
    /* No peer: the frame goes nowhere, like on an unplugged cable. */
    g_assert_cmpint(qemu_send_packet(&b->nc, f, sizeof(f)), ==, sizeof(f));
    qemu_del_net_client(&b->nc);
    g_assert_cmpuint(cleanups, ==, 2);
}

static void test_backpressure(void)
{
    check_backpressure(&test_info);
    check_backpressure(&test_info_nocheck);
}

static void test_queue_limit(void)
{
    TestClient *a = test_client_new(&test_info, NULL, "a");
    TestClient *b = test_client_new(&test_info, &a->nc, "b");
    uint8_t f[1] = { 0 };

    b->full = true;
    b->nc.queue_limit = 4;
    for (int i = 0; i < 4; i++) {
        g_assert_cmpint(qemu_send_packet(&a->nc, f, 1), ==, 0);
    }
    g_assert_cmpint(qemu_send_packet(&a->nc, f, 1), ==, -ENOSPC);
    g_assert_cmpint(qemu_send_packet(&a->nc, f, 1), ==, -ENOSPC);
    g_assert_cmpuint(b->nc.queue_dropped, ==, 2);
    g_assert_cmpuint(qemu_net_queue_len(&b->nc), ==, 4);
    b->full = false;
    qemu_flush_queued_packets(&b->nc);
    g_assert_cmpuint(b->frames->len, ==, 4);
    /* Deleting a client with frames queued for it frees them. */
    b->full = true;
    g_assert_cmpint(qemu_send_packet(&a->nc, f, 1), ==, 0);
    qemu_del_net_client(&b->nc);
    qemu_del_net_client(&a->nc);
}

static void test_names(void)
{
    TestClient *a = test_client_new(&test_info, NULL, NULL);
    TestClient *b = test_client_new(&test_info, NULL, NULL);

    g_assert_cmpstr(a->nc.name, ==, "test.0");
    g_assert_cmpstr(b->nc.name, ==, "test.1");
    g_assert_true(qemu_find_netdev("test.1") == &b->nc);
    g_assert_null(qemu_find_netdev("nope"));
    qemu_del_net_client(&a->nc);
    qemu_del_net_client(&b->nc);
}

static void test_macaddr_parse(void)
{
    const struct { const char *s, *err; } bad[] = {
        { "", "invalid MAC address '' (expected 6 hex byte pairs like 52:54:00:12:34:56)" },
        { "52:54:00:12:34", "invalid MAC address '52:54:00:12:34' (expected 6 hex byte pairs "
          "like 52:54:00:12:34:56)" },
        { "52:54:00:12:34:5g", "invalid MAC address '52:54:00:12:34:5g' (expected 6 hex byte "
          "pairs like 52:54:00:12:34:56)" },
        { "52:54:00:12:34:56:78", "invalid MAC address '52:54:00:12:34:56:78' (expected 6 hex "
          "byte pairs like 52:54:00:12:34:56)" },
        { "525400123456", "invalid MAC address '525400123456' (expected 6 hex byte pairs like "
          "52:54:00:12:34:56)" },
        { "ff:ff:ff:ff:ff:ff", "invalid MAC address 'ff:ff:ff:ff:ff:ff' (multicast bit set)" },
    };
    MACAddr mac = { { 0 } };
    Error *err = NULL;

    g_assert_true(qemu_parse_macaddr("52:54:00:Ab:cD:0f", &mac, &error_abort));
    g_assert_cmpmem(mac.a, 6, ((uint8_t[]){ 0x52, 0x54, 0, 0xab, 0xcd, 0x0f }), 6);
    g_assert_true(qemu_parse_macaddr("02-00-00-00-00-01", &mac, &error_abort));
    g_assert_cmpuint(mac.a[5], ==, 1);
    for (size_t i = 0; i < G_N_ELEMENTS(bad); i++) {
        g_assert_false(qemu_parse_macaddr(bad[i].s, &mac, &err));
        g_assert_cmpstr(error_get_pretty(err), ==, bad[i].err);
        error_free(err);
        err = NULL;
    }
    /* The value is kept on failure. */
    g_assert_cmpuint(mac.a[5], ==, 1);

    /* Defaults: one per NIC, counting up from ...:56. */
    net_cleanup();
    memset(&mac, 0, sizeof(mac));
    qemu_macaddr_default_if_unset(&mac);
    g_assert_cmpmem(mac.a, 6, ((uint8_t[]){ 0x52, 0x54, 0, 0x12, 0x34, 0x56 }), 6);
    memset(&mac, 0, sizeof(mac));
    qemu_macaddr_default_if_unset(&mac);
    g_assert_cmpuint(mac.a[5], ==, 0x57);
    qemu_macaddr_default_if_unset(&mac);
    g_assert_cmpuint(mac.a[5], ==, 0x57);       /* set already: kept */
    net_cleanup();
}

/* ---- slirp ---- */

static const uint8_t guest_mac[6] = { 0x52, 0x54, 0x00, 0x12, 0x34, 0x56 };

static uint16_t ip_checksum(const uint8_t *p, size_t len)
{
    uint32_t sum = 0;

    for (size_t i = 0; i + 1 < len; i += 2) {
        sum += p[i] << 8 | p[i + 1];
    }
    while (sum >> 16) {
        sum = (sum & 0xffff) + (sum >> 16);
    }
    return ~sum;
}

static void put16(uint8_t *p, uint16_t v)
{
    p[0] = v >> 8;
    p[1] = v;
}

/* A DHCPDISCOVER from guest_mac: Ethernet + IPv4 + UDP 68->67 + BOOTP. */
static size_t build_dhcp_discover(uint8_t *f, uint32_t xid)
{
    const size_t bootp_len = 300, udp_len = 8 + bootp_len, ip_len = 20 + udp_len;
    uint8_t *ip = f + 14, *udp = ip + 20, *bp = udp + 8;
    uint8_t *opt;

    memset(f, 0, 14 + ip_len);
    memset(f, 0xff, 6);
    memcpy(f + 6, guest_mac, 6);
    put16(f + 12, 0x0800);
    ip[0] = 0x45;
    put16(ip + 2, ip_len);
    ip[8] = 64;
    ip[9] = 17;
    memset(ip + 16, 0xff, 4);                   /* to 255.255.255.255 from 0.0.0.0 */
    put16(ip + 10, ip_checksum(ip, 20));
    put16(udp, 68);
    put16(udp + 2, 67);
    put16(udp + 4, udp_len);                    /* checksum 0: none */
    bp[0] = 1;                                  /* BOOTREQUEST */
    bp[1] = 1;                                  /* Ethernet */
    bp[2] = 6;
    bp[4] = xid >> 24;
    bp[5] = xid >> 16;
    bp[6] = xid >> 8;
    bp[7] = xid;
    memcpy(bp + 28, guest_mac, 6);
    opt = bp + 236;
    memcpy(opt, (uint8_t[]){ 99, 130, 83, 99, 53, 1, 1, 255 }, 8);
    return 14 + ip_len;
}

/* Runs the main loop until T has N frames or 10 s of host time passed. */
static void wait_frames(TestClient *t, guint n)
{
    gint64 end = g_get_monotonic_time() + 10 * G_USEC_PER_SEC;

    while (t->frames->len < n && g_get_monotonic_time() < end) {
        main_loop_wait(true);
        g_usleep(1000);
    }
}

static const uint8_t *find_frame(TestClient *t, uint16_t ethertype, size_t *size)
{
    for (guint i = 0; i < t->frames->len; i++) {
        gsize sz;
        const uint8_t *p = g_bytes_get_data(g_ptr_array_index(t->frames, i), &sz);

        if (sz >= 14 && (p[12] << 8 | p[13]) == ethertype) {
            *size = sz;
            return p;
        }
    }
    return NULL;
}

static void test_slirp_dhcp_arp(void)
{
    NetClientState *user;
    TestClient *guest;
    uint8_t f[600];
    size_t len, size;
    const uint8_t *r, *bp;
    uint8_t arp[42];

    g_assert_true(qemu_init_main_loop(&error_abort));
    g_assert_true(net_client_init_netdev("user,id=u0", &error_abort));
    user = qemu_find_netdev("u0");
    g_assert_nonnull(user);
    g_assert_cmpint(user->info->type, ==, NET_CLIENT_DRIVER_USER);
    guest = test_client_new(&test_info, user, "guest");

    len = build_dhcp_discover(f, 0x12345678);
    g_assert_cmpint(qemu_send_packet(&guest->nc, f, len), ==, len);
    wait_frames(guest, 1);
    r = find_frame(guest, 0x0800, &size);
    g_assert_nonnull(r);
    g_assert_cmpuint(size, >=, 14 + 20 + 8 + 240);
    /* To us, or broadcast (the client has no address yet). */
    g_assert_true(!memcmp(r, guest_mac, 6) || !memcmp(r, "\xff\xff\xff\xff\xff\xff", 6));
    g_assert_cmpuint(r[14 + 9], ==, 17);            /* UDP */
    g_assert_cmpmem(r + 14 + 12, 4, ((uint8_t[]){ 10, 0, 2, 2 }), 4);
    g_assert_cmpuint(r[34] << 8 | r[35], ==, 67);
    g_assert_cmpuint(r[36] << 8 | r[37], ==, 68);
    bp = r + 42;
    g_assert_cmpuint(bp[0], ==, 2);                 /* BOOTREPLY */
    g_assert_cmpmem(bp + 4, 4, ((uint8_t[]){ 0x12, 0x34, 0x56, 0x78 }), 4);
    g_assert_cmpmem(bp + 16, 4, ((uint8_t[]){ 10, 0, 2, 15 }), 4);     /* yiaddr */
    g_assert_cmpmem(bp + 236, 4, ((uint8_t[]){ 99, 130, 83, 99 }), 4);
    /* Option 53 (message type) = 2 (DHCPOFFER) */
    {
        const uint8_t *o = bp + 240, *end = r + size;
        int type = -1;

        while (o < end && *o != 255) {
            if (*o == 0) {
                o++;
                continue;
            }
            if (o[0] == 53) {
                type = o[2];
            }
            o += 2 + o[1];
        }
        g_assert_cmpint(type, ==, 2);
    }

    /* ARP: who has 10.0.2.2? tell 10.0.2.15 */
    g_ptr_array_set_size(guest->frames, 0);
    memset(arp, 0, sizeof(arp));
    memset(arp, 0xff, 6);
    memcpy(arp + 6, guest_mac, 6);
    put16(arp + 12, 0x0806);
    put16(arp + 14, 1);
    put16(arp + 16, 0x0800);
    arp[18] = 6;
    arp[19] = 4;
    put16(arp + 20, 1);                             /* request */
    memcpy(arp + 22, guest_mac, 6);
    memcpy(arp + 28, (uint8_t[]){ 10, 0, 2, 15 }, 4);
    memcpy(arp + 38, (uint8_t[]){ 10, 0, 2, 2 }, 4);
    g_assert_cmpint(qemu_send_packet(&guest->nc, arp, sizeof(arp)), ==, sizeof(arp));
    wait_frames(guest, 1);
    r = find_frame(guest, 0x0806, &size);
    g_assert_nonnull(r);
    g_assert_cmpuint(r[20] << 8 | r[21], ==, 2);    /* reply */
    g_assert_cmpmem(r + 28, 4, ((uint8_t[]){ 10, 0, 2, 2 }), 4);
    g_assert_cmpmem(r + 32, 6, guest_mac, 6);
    g_assert_cmpmem(r, 6, guest_mac, 6);

    qemu_del_net_client(&guest->nc);
    net_cleanup();
    g_assert_null(qemu_find_netdev("u0"));
}

/*
 * hostfwd through the main loop: a host connection to the forwarded port
 * makes libslirp look for the guest, so an ARP request for 10.0.2.15 (or
 * the SYN itself) reaches the guest side.
 */
static void test_slirp_hostfwd(void)
{
    struct sockaddr_in sa = { .sin_family = AF_INET };
    socklen_t len = sizeof(sa);
    int probe = socket(AF_INET, SOCK_STREAM, 0), fd;
    g_autofree char *spec = NULL;
    TestClient *guest;
    const uint8_t *r;
    size_t size;
    int port;

    g_assert_true(qemu_init_main_loop(&error_abort));
    /* A port that was free a moment ago. */
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    g_assert_cmpint(bind(probe, (struct sockaddr *)&sa, sizeof(sa)), ==, 0);
    g_assert_cmpint(getsockname(probe, (struct sockaddr *)&sa, &len), ==, 0);
    port = ntohs(sa.sin_port);
    close(probe);
    spec = g_strdup_printf("user,id=fw,hostfwd=tcp:127.0.0.1:%d-:22", port);
    g_assert_true(net_client_init_netdev(spec, &error_abort));
    guest = test_client_new(&test_info, qemu_find_netdev("fw"), "guest");

    fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    g_assert_cmpint(fd, >=, 0);
    g_assert_true(connect(fd, (struct sockaddr *)&sa, sizeof(sa)) == 0 ||
                  errno == EINPROGRESS);
    wait_frames(guest, 1);
    r = find_frame(guest, 0x0806, &size);
    if (r) {
        g_assert_cmpuint(r[20] << 8 | r[21], ==, 1);                   /* request */
        g_assert_cmpmem(r + 38, 4, ((uint8_t[]){ 10, 0, 2, 15 }), 4);  /* for the guest */
    } else {
        r = find_frame(guest, 0x0800, &size);
        g_assert_nonnull(r);
        g_assert_cmpuint(r[14 + 9], ==, 6);                            /* TCP */
        g_assert_cmpmem(r + 30, 4, ((uint8_t[]){ 10, 0, 2, 15 }), 4);
    }
    close(fd);
    qemu_del_net_client(&guest->nc);
    net_cleanup();
}

static ssize_t nic_receive(NetClientState *nc, const uint8_t *buf, size_t size)
{
    return size;
}

static const NetClientInfo test_nic_info = {
    .type = NET_CLIENT_DRIVER_NIC,
    .size = sizeof(NICState),
    .receive = nic_receive,
};

static void test_info_network(void)
{
    NICConf conf = { .macaddr = { { 0x52, 0x54, 0, 0x12, 0x34, 0x56 } } };
    NICState *nic;
    g_autofree char *text = NULL;

    g_assert_true(qemu_init_main_loop(&error_abort));
    g_assert_true(net_client_init_netdev("user,id=u1", &error_abort));
    g_assert_true(net_client_init_netdev("user,id=u2,restrict=on,net=10.9.0.0/16,"
                                         "hostfwd=udp:127.0.0.1:0-:53", &error_abort));
    conf.peer = qemu_find_netdev("u1");
    nic = qemu_new_nic(&test_nic_info, &conf, "testnic", "nic0", NULL);
    g_assert_true(qemu_find_netdev("u1")->peer == qemu_get_queue(nic));
    text = net_info_string();
    g_assert_cmpstr(text, ==,
                    "u2: index=0,type=user,net=10.9.0.0,mask=255.255.0.0,restrict=on,hostfwds=1\n"
                    "nic0: index=0,type=nic,model=testnic,macaddr=52:54:00:12:34:56\n"
                    " \\ u1: index=0,type=user,net=10.0.2.0,mask=255.255.255.0,restrict=off,"
                    "hostfwds=0\n");
    qemu_del_nic(nic);
    g_assert_null(qemu_find_netdev("u1")->peer);
    net_cleanup();
    g_assert_null(qemu_find_netdev("u2"));
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/net/backpressure", test_backpressure);
    g_test_add_func("/net/queue-limit", test_queue_limit);
    g_test_add_func("/net/names", test_names);
    g_test_add_func("/net/macaddr-parse", test_macaddr_parse);
    g_test_add_func("/net/slirp-dhcp-arp", test_slirp_dhcp_arp);
    g_test_add_func("/net/slirp-hostfwd", test_slirp_hostfwd);
    g_test_add_func("/net/info-network", test_info_network);
    return g_test_run();
}
