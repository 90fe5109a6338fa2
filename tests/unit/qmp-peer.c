/*
 * Test helpers: see qmp-peer.h.
 */
#include "qmp-peer.h"
#include "qemu/main-loop.h"

#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>

void pump_ms(int ms)
{
    gint64 end = g_get_monotonic_time() + ms * 1000;

    while (g_get_monotonic_time() < end) {
        main_loop_wait(true);
        g_usleep(200);
    }
}

Peer *peer_connect(const char *path)
{
    struct sockaddr_un addr = { .sun_family = AF_UNIX };
    Peer *p = g_new0(Peer, 1);

    p->fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0);
    g_assert_cmpint(p->fd, >=, 0);
    g_strlcpy(addr.sun_path, path, sizeof(addr.sun_path));
    g_assert_cmpint(connect(p->fd, (struct sockaddr *)&addr, sizeof(addr)), ==, 0);
    p->rx = g_string_new(NULL);
    g_queue_init(&p->events);
    return p;
}

void peer_close(Peer *p)
{
    close(p->fd);
    g_string_free(p->rx, TRUE);
    g_queue_clear_full(&p->events, (GDestroyNotify)json_node_unref);
    g_free(p);
    pump_ms(20);        /* let the server see the hang-up */
}

void peer_send(Peer *p, const char *text)
{
    size_t len = strlen(text), done = 0;
    gint64 end = g_get_monotonic_time() + 10 * G_USEC_PER_SEC;

    while (done < len) {
        ssize_t n = send(p->fd, text + done, len - done, MSG_NOSIGNAL);

        if (n > 0) {
            done += n;
        } else {
            g_assert_true(n < 0 && errno == EAGAIN);
            g_assert_cmpint(g_get_monotonic_time(), <, end);
            main_loop_wait(true);   /* the server drains its input */
        }
    }
}

static void peer_poll(Peer *p)
{
    char buf[4096];
    ssize_t n;

    main_loop_wait(true);
    while ((n = recv(p->fd, buf, sizeof(buf), 0)) > 0) {
        g_string_append_len(p->rx, buf, n);
    }
    if (n < 0) {
        g_usleep(200);
    }
}

void peer_wait_for(Peer *p, const char *needle)
{
    gint64 end = g_get_monotonic_time() + 10 * G_USEC_PER_SEC;

    while (!strstr(p->rx->str, needle)) {
        if (g_get_monotonic_time() > end) {
            g_test_message("waited for '%s', got '%s'", needle, p->rx->str);
            g_assert_not_reached();
        }
        peer_poll(p);
    }
}

JsonNode *peer_recv(Peer *p)
{
    g_autoptr(JsonParser) parser = json_parser_new();
    g_autofree char *line = NULL;
    char *nl;

    peer_wait_for(p, "\n");
    nl = strchr(p->rx->str, '\n');
    line = g_strndup(p->rx->str, nl - p->rx->str);
    g_string_erase(p->rx, 0, nl - p->rx->str + 1);
    g_assert_true(json_parser_load_from_data(parser, line, -1, NULL));
    return json_node_copy(json_parser_get_root(parser));
}

JsonNode *peer_reply(Peer *p)
{
    for (;;) {
        JsonNode *n = peer_recv(p);

        if (!json_object_has_member(json_node_get_object(n), "event")) {
            return n;
        }
        g_queue_push_tail(&p->events, n);
    }
}

char *node_text(JsonNode *n)
{
    g_autoptr(JsonGenerator) gen = json_generator_new();

    json_generator_set_root(gen, n);
    return json_generator_to_data(gen, NULL);
}

char *peer_cmd(Peer *p, const char *text)
{
    JsonNode *n;
    char *s;

    peer_send(p, text);
    peer_send(p, "\n");
    n = peer_reply(p);
    s = node_text(n);
    json_node_unref(n);
    return s;
}

JsonNode *peer_event(Peer *p)
{
    if (!g_queue_is_empty(&p->events)) {
        return g_queue_pop_head(&p->events);
    }
    return peer_recv(p);
}
