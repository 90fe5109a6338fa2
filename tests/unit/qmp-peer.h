/*
 * Test helpers: a raw socket client talking to a monitor served on a unix
 * socket chardev in this process, pumping the main loop while it waits.
 */
#ifndef TESTS_QMP_PEER_H
#define TESTS_QMP_PEER_H

#include "qemu/osdep.h"
#include <json-glib/json-glib.h>

typedef struct Peer {
    int fd;
    GString *rx;
    GQueue events;      /* JsonNode *: events seen while waiting for replies */
} Peer;

/* Connects to PATH (pumping the loop so the server side accepts). */
Peer *peer_connect(const char *path);
void peer_close(Peer *p);
void peer_send(Peer *p, const char *text);
/* Pumps until RX contains NEEDLE (or 10 s pass: fails the test). */
void peer_wait_for(Peer *p, const char *needle);
/* The next JSON line (events included); fails the test after 10 s. */
JsonNode *peer_recv(Peer *p);
/* The next non-event message; events are queued in p->events. */
JsonNode *peer_reply(Peer *p);
/* Sends TEXT and returns the reply (as a compact JSON string, g_free it). */
char *peer_cmd(Peer *p, const char *text);
/* The next event, from the queue or the socket. */
JsonNode *peer_event(Peer *p);
char *node_text(JsonNode *n);
void pump_ms(int ms);

#endif
