/*
 * Fuzz target for the QMP input path: the stream splitter and the request
 * parser (include/monitor/qmp.h), which see every byte a QMP client sends.
 * Built as a libFuzzer target with clang (--enable-fuzzing) and, always,
 * linked with fuzz-driver.c for a bounded run in the test suite.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "monitor/qmp.h"
#include "fuzz.h"

const char *const fuzz_dictionary[] = {
    "{", "}", "[", "]", "\"", "\\", "\\u00", ":", ",", "\n", "null", "true",
    "\"execute\"", "\"exec-oob\"", "\"arguments\"", "\"id\"", "1e999", "-0",
    NULL
};

static void check_text(void *opaque, const char *text, size_t len, bool overflow)
{
    QmpRequest req;
    Error *err = NULL;
    bool ok;

    if (overflow) {
        return;
    }
    ok = qmp_parse_request(text, len, &req, &err);
    /* Contract: exactly one of a request and an error. */
    assert(ok == (err == NULL));
    assert(!ok || (req.command && (!req.args || req.args)));
    error_free(err);
    qmp_request_clear(&req);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    QmpStream s;
    QmpRequest req;
    Error *err = NULL;

    /* The whole input as one request ... */
    if (qmp_parse_request((const char *)data, size, &req, &err)) {
        assert(!err && req.command);
    } else {
        assert(err);
        error_free(err);
    }
    qmp_request_clear(&req);

    /* ... and as a stream, split into messages (small limit: overflow path). */
    qmp_stream_init(&s, 4096);
    qmp_stream_feed(&s, (const char *)data, size, check_text, NULL);
    qmp_stream_destroy(&s);
    return 0;
}
