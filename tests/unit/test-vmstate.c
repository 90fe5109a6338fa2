/*
 * Unit tests of the VMState engine and the QEMUFile channel: exact bytes
 * of each field kind, version and presence rules, hook order,
 * subsections, load errors and the vmdesc JSON.
 */
#include "qemu/osdep.h"
#include <json-glib/json-glib.h>
#include "qemu/timer.h"
#include "migration/qemu-file.h"
#include "migration/vmdesc.h"
#include "migration/vmstate.h"

/* ---- helpers ---- */

/* Saves OPAQUE; returns the bytes (and the vmdesc object if JSON). */
static GByteArray *save_bytes(const VMStateDescription *vmsd, void *opaque,
                              JsonNode **json)
{
    QEMUFile *f = qemu_file_new_output_mem();
    JSONWriter jw = { json_builder_new() };
    GByteArray *out;

    json_builder_begin_object(jw.builder);
    g_assert_true(vmstate_save_state(f, vmsd, opaque, &jw, &error_abort));
    json_builder_end_object(jw.builder);
    if (json) {
        *json = json_builder_get_root(jw.builder);
    }
    g_object_unref(jw.builder);
    out = g_byte_array_new();
    g_byte_array_append(out, qemu_file_mem_data(f)->data,
                        qemu_file_mem_data(f)->len);
    g_assert_cmpint(qemu_fclose(f), ==, 0);
    return out;
}

static void assert_bytes(GByteArray *got, const uint8_t *want, size_t len)
{
    if (got->len != len || memcmp(got->data, want, len)) {
        g_autofree char *hex = NULL;
        GString *s = g_string_new(NULL);

        for (guint i = 0; i < got->len; i++) {
            g_string_append_printf(s, "%02x ", got->data[i]);
        }
        hex = g_string_free(s, FALSE);
        g_test_message("got %u bytes: %s", got->len, hex);
    }
    g_assert_cmpuint(got->len, ==, len);
    g_assert_true(memcmp(got->data, want, len) == 0);
}

/* Loads DATA; returns NULL on success or the error message; checks that
 * the whole input was consumed when it succeeds. */
static char *load_bytes(const VMStateDescription *vmsd, void *opaque,
                        int version, const uint8_t *data, size_t len)
{
    QEMUFile *f = qemu_file_new_input_mem(data, len);
    Error *err = NULL;
    char *msg = NULL;

    if (!vmstate_load_state(f, vmsd, opaque, version, &err)) {
        msg = g_strdup(error_get_pretty(err));
        error_free(err);
    } else {
        g_assert_cmpuint(qemu_file_transferred(f), ==, len);
    }
    qemu_fclose(f);
    return msg;
}

static void expect_load_error(const VMStateDescription *vmsd, void *opaque,
                              int version, const uint8_t *data, size_t len,
                              const char *want)
{
    g_autofree char *msg = load_bytes(vmsd, opaque, version, data, len);

    g_assert_cmpstr(msg, ==, want);
}

/* ---- the channel ---- */

static void test_file_mem(void)
{
    static const uint8_t data[] = { 1, 0, 2, 0, 0, 0, 3, 0, 0, 0, 0, 0, 0, 0, 4,
                                    'x', 'y' };
    QEMUFile *f = qemu_file_new_output_mem();
    QEMUFile *in;
    const uint8_t *p;
    uint8_t buf[4];

    qemu_put_byte(f, 1);
    qemu_put_be16(f, 2);
    qemu_put_be32(f, 3);
    qemu_put_be64(f, 4);
    qemu_put_buffer(f, (const uint8_t *)"xy", 2);
    g_assert_cmpuint(qemu_file_transferred(f), ==, sizeof(data));
    g_assert_cmpmem(qemu_file_mem_data(f)->data, qemu_file_mem_data(f)->len,
                    data, sizeof(data));
    g_assert_cmpint(qemu_fclose(f), ==, 0);

    in = qemu_file_new_input_mem(data, sizeof(data));
    g_assert_cmpint(qemu_peek_byte(in, 0), ==, 1);
    g_assert_cmpint(qemu_peek_byte(in, 16), ==, 'y');
    g_assert_cmpint(qemu_peek_byte(in, 17), ==, -1);
    g_assert_cmpuint(qemu_peek_buffer(in, &p, 4, 15), ==, 2);
    g_assert_cmpint(p[0], ==, 'x');
    g_assert_cmpuint(qemu_get_byte(in), ==, 1);
    g_assert_cmpuint(qemu_get_be16(in), ==, 2);
    g_assert_cmpuint(qemu_get_be32(in), ==, 3);
    g_assert_cmpuint(qemu_get_be64(in), ==, 4);
    g_assert_cmpint(qemu_file_get_error(in), ==, 0);
    /* Two bytes left: a 4-byte read is truncated, zero-filled and sticky. */
    memset(buf, 0xaa, sizeof(buf));
    g_assert_cmpuint(qemu_get_buffer(in, buf, 4), ==, 2);
    g_assert_cmpint(buf[0], ==, 'x');
    g_assert_cmpint(buf[2], ==, 0);
    g_assert_cmpint(buf[3], ==, 0);
    g_assert_true(qemu_file_is_truncated(in));
    g_assert_cmpuint(qemu_get_be32(in), ==, 0);
    g_assert_cmpint(qemu_file_get_error(in), ==, QEMU_FILE_ETRUNC);
    qemu_file_set_error(in, -EIO);       /* the first error stays */
    g_assert_cmpint(qemu_fclose(in), ==, QEMU_FILE_ETRUNC);
}

static void test_file_fd(void)
{
    int fds[2];
    QEMUFile *out, *in;
    g_autofree uint8_t *big = g_malloc(100000);
    g_autofree uint8_t *back = g_malloc(100000);
    char path[] = "/tmp/ferry-qemufile-XXXXXX";
    int fd = g_mkstemp(path);

    g_assert_cmpint(fd, >=, 0);
    unlink(path);
    for (int i = 0; i < 100000; i++) {
        big[i] = i * 7;
    }
    /* A regular file larger than the buffer. */
    out = qemu_file_new_output_fd(dup(fd), true);
    qemu_put_be32(out, 0xdeadbeef);
    qemu_put_buffer(out, big, 100000);
    g_assert_cmpint(qemu_fclose(out), ==, 0);
    g_assert_cmpint(lseek(fd, 0, SEEK_SET), ==, 0);
    in = qemu_file_new_input_fd(fd, true);
    g_assert_cmphex(qemu_get_be32(in), ==, 0xdeadbeef);
    g_assert_cmpint(qemu_peek_byte(in, 1), ==, big[1]);
    g_assert_cmpuint(qemu_get_buffer(in, back, 100000), ==, 100000);
    g_assert_true(memcmp(big, back, 100000) == 0);
    g_assert_cmpint(qemu_peek_byte(in, 0), ==, -1);
    g_assert_cmpint(qemu_file_get_error(in), ==, 0);
    g_assert_cmpuint(qemu_get_byte(in), ==, 0);
    g_assert_true(qemu_file_is_truncated(in));
    qemu_fclose(in);

    /* A pipe: the reader sees what the writer flushed, then EOF. */
    g_assert_cmpint(pipe(fds), ==, 0);
    out = qemu_file_new_output_fd(fds[1], true);
    qemu_put_be16(out, 0x1234);
    qemu_fflush(out);
    in = qemu_file_new_input_fd(fds[0], true);
    g_assert_cmphex(qemu_get_be16(in), ==, 0x1234);
    g_assert_cmpint(qemu_fclose(out), ==, 0);
    g_assert_cmpint(qemu_peek_byte(in, 0), ==, -1);
    qemu_fclose(in);

    /* Writing into a pipe nobody reads: EPIPE, sticky. */
    g_assert_cmpint(pipe(fds), ==, 0);
    close(fds[0]);
    signal(SIGPIPE, SIG_IGN);
    out = qemu_file_new_output_fd(fds[1], true);
    qemu_put_be32(out, 1);
    qemu_fflush(out);
    g_assert_cmpint(qemu_file_get_error(out), ==, -EPIPE);
    g_assert_cmpint(qemu_fclose(out), ==, -EPIPE);
}

/* ---- simple kinds ---- */

typedef struct Simple {
    bool b;
    int8_t i8;
    int16_t i16;
    int32_t i32;
    int64_t i64;
    uint8_t u8;
    uint16_t u16;
    uint32_t u32;
    uint64_t u64;
    double d;
    uint64_t cdu;
    int32_t le;
    uint16_t arr[3];
} Simple;

static const VMStateDescription vmstate_simple = {
    .name = "simple",
    .version_id = 1,
    .minimum_version_id = 1,
    .fields = (const VMStateField[]) {
        VMSTATE_BOOL(b, Simple),
        VMSTATE_INT8(i8, Simple),
        VMSTATE_INT16(i16, Simple),
        VMSTATE_INT32(i32, Simple),
        VMSTATE_INT64(i64, Simple),
        VMSTATE_UINT8(u8, Simple),
        VMSTATE_UINT16(u16, Simple),
        VMSTATE_UINT32(u32, Simple),
        VMSTATE_UINT64(u64, Simple),
        VMSTATE_FLOAT64(d, Simple),
        VMSTATE_SINGLE_TEST(cdu, Simple, 0, NULL, VMS_KIND_CPU_DOUBLE_U, uint64_t),
        VMSTATE_INT32_POSITIVE_LE(le, Simple),
        VMSTATE_UINT16_ARRAY(arr, Simple, 3),
        VMSTATE_END_OF_LIST()
    },
};

static const uint8_t simple_bytes[] = {
    0x01,                                           /* bool */
    0xfe,                                           /* int8 -2 */
    0xff, 0xfd,                                     /* int16 -3 */
    0xff, 0xff, 0xff, 0xfc,                         /* int32 -4 */
    0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xfb, /* int64 -5 */
    0x81,
    0x82, 0x83,
    0x84, 0x85, 0x86, 0x87,
    0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08,
    0x3f, 0xf8, 0, 0, 0, 0, 0, 0,                   /* 1.5 */
    0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, /* high word, low word */
    0x00, 0x00, 0x00, 0x07,
    0x00, 0x01, 0x00, 0x02, 0x00, 0x03,
};

static void test_simple_kinds(void)
{
    Simple s = {
        .b = true, .i8 = -2, .i16 = -3, .i32 = -4, .i64 = -5, .u8 = 0x81,
        .u16 = 0x8283, .u32 = 0x84858687, .u64 = 0x0102030405060708ULL,
        .d = 1.5, .cdu = 0x1122334455667788ULL, .le = 7, .arr = { 1, 2, 3 },
    };
    Simple t = { .le = 9 };
    g_autoptr(GByteArray) bytes = save_bytes(&vmstate_simple, &s, NULL);
    g_autofree char *msg = NULL;

    assert_bytes(bytes, simple_bytes, sizeof(simple_bytes));
    msg = load_bytes(&vmstate_simple, &t, 1, bytes->data, bytes->len);
    g_assert_null(msg);
    g_assert_true(t.b == s.b && t.i8 == s.i8 && t.i16 == s.i16);
    g_assert_true(t.i32 == s.i32 && t.i64 == s.i64 && t.u8 == s.u8);
    g_assert_true(t.u16 == s.u16 && t.u32 == s.u32 && t.u64 == s.u64);
    g_assert_true(t.d == s.d && t.cdu == s.cdu && t.le == s.le);
    g_assert_cmpmem(t.arr, sizeof(t.arr), s.arr, sizeof(s.arr));
}

static void test_int32_le_and_bool(void)
{
    Simple t = { .le = 6 };
    g_autofree uint8_t *data = g_memdup2(simple_bytes, sizeof(simple_bytes));
    size_t le_off = sizeof(simple_bytes) - 10;

    /* 7 > local 6 */
    expect_load_error(&vmstate_simple, &t, 1, data, sizeof(simple_bytes),
                      "simple: field 'le': stream value 7 is not in 0..6 "
                      "(the local value)");
    data[le_off] = 0xff;    /* negative */
    t.le = 100;
    expect_load_error(&vmstate_simple, &t, 1, data, sizeof(simple_bytes),
                      "simple: field 'le': stream value -16777209 is not in "
                      "0..100 (the local value)");
    data[0] = 2;
    expect_load_error(&vmstate_simple, &t, 1, data, sizeof(simple_bytes),
                      "simple: field 'b': 2 is not a bool");
}

static void test_truncated(void)
{
    Simple t = { .le = 100 };

    /* Every proper prefix fails cleanly, naming the field where it ends. */
    for (size_t len = 0; len < sizeof(simple_bytes); len++) {
        g_autofree char *msg = load_bytes(&vmstate_simple, &t, 1, simple_bytes,
                                          len);

        g_assert_nonnull(msg);
        g_assert_nonnull(strstr(msg, "stream ends early (truncated)"));
    }
    expect_load_error(&vmstate_simple, &t, 1, simple_bytes, 3,
                      "simple: field 'i16': stream ends early (truncated)");
}

/* ---- equal ---- */

typedef struct Eq {
    uint32_t magic;
    int8_t small;
} Eq;

static const VMStateDescription vmstate_eq = {
    .name = "eq",
    .version_id = 1,
    .minimum_version_id = 1,
    .fields = (const VMStateField[]) {
        VMSTATE_UINT32_EQUAL(magic, Eq),
        { .name = "small", .kind = VMS_KIND_INT8, .size = 1,
          .flags = VMS_SINGLE | VMS_EQUAL, .offset = offsetof(Eq, small) },
        VMSTATE_END_OF_LIST()
    },
};

static void test_equal(void)
{
    Eq e = { 42, -1 };
    static const uint8_t ok[] = { 0, 0, 0, 42, 0xff };
    static const uint8_t bad[] = { 0, 0, 0, 43, 0xff };
    static const uint8_t bad2[] = { 0, 0, 0, 42, 0xfe };
    g_autoptr(GByteArray) bytes = save_bytes(&vmstate_eq, &e, NULL);

    assert_bytes(bytes, ok, sizeof(ok));
    g_assert_null(load_bytes(&vmstate_eq, &e, 1, ok, sizeof(ok)));
    expect_load_error(&vmstate_eq, &e, 1, bad, sizeof(bad),
                      "eq: field 'magic': stream value 43 differs from local "
                      "value 42");
    expect_load_error(&vmstate_eq, &e, 1, bad2, sizeof(bad2),
                      "eq: field 'small': stream value -2 differs from local "
                      "value -1");
}

/* ---- timers ---- */

typedef struct Tmr {
    QEMUTimer t;
    QEMUTimer *tp;
} Tmr;

static void timer_cb(void *opaque)
{
}

static const VMStateDescription vmstate_tmr = {
    .name = "tmr",
    .version_id = 1,
    .minimum_version_id = 1,
    .fields = (const VMStateField[]) {
        VMSTATE_TIMER(t, Tmr),
        VMSTATE_TIMER_PTR(tp, Tmr),
        VMSTATE_END_OF_LIST()
    },
};

static void test_timer(void)
{
    Tmr a, b;
    static const uint8_t want[] = {
        0, 0, 0, 0, 0, 0, 0x30, 0x39,
        0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
    };
    g_autoptr(GByteArray) bytes = NULL;

    qemu_clock_set_manual(true);
    timer_init_ns(&a.t, QEMU_CLOCK_VIRTUAL, timer_cb, NULL);
    a.tp = timer_new_ns(QEMU_CLOCK_VIRTUAL, timer_cb, NULL);
    timer_init_ns(&b.t, QEMU_CLOCK_VIRTUAL, timer_cb, NULL);
    b.tp = timer_new_ns(QEMU_CLOCK_VIRTUAL, timer_cb, NULL);
    timer_mod_ns(&a.t, 12345);
    timer_mod_ns(b.tp, 99);     /* armed here, idle in the stream */
    bytes = save_bytes(&vmstate_tmr, &a, NULL);
    assert_bytes(bytes, want, sizeof(want));
    g_assert_null(load_bytes(&vmstate_tmr, &b, 1, bytes->data, bytes->len));
    g_assert_cmpint(timer_expire_time_ns(&b.t), ==, 12345);
    g_assert_false(timer_pending(b.tp));
    timer_deinit(&a.t);
    timer_deinit(&b.t);
    timer_free(a.tp);
    timer_free(b.tp);
}

/* ---- buffers, unused, bitmap, varrays, pointers ---- */

typedef struct Bufs {
    uint8_t fixed[4];
    uint32_t vlen;
    uint8_t *vbuf;
    int32_t nbits;
    unsigned long *bitmap;
    uint32_t n32;
    uint32_t *a32;
    int32_t ni32;
    uint16_t *a16;
    uint16_t n16;
    uint8_t *a8;
    uint8_t n8;
    uint64_t *a64;
} Bufs;

static const VMStateDescription vmstate_bufs = {
    .name = "bufs",
    .version_id = 1,
    .minimum_version_id = 1,
    .fields = (const VMStateField[]) {
        VMSTATE_BUFFER(fixed, Bufs),
        VMSTATE_UNUSED(3),
        VMSTATE_UINT32(vlen, Bufs),
        VMSTATE_VBUFFER_UINT32(vbuf, Bufs, 0, vlen),
        VMSTATE_INT32(nbits, Bufs),
        VMSTATE_BITMAP(bitmap, Bufs, 0, nbits),
        VMSTATE_UINT32(n32, Bufs),
        VMSTATE_VARRAY_UINT32(a32, Bufs, n32, 0, VMS_KIND_UINT32, uint32_t),
        VMSTATE_INT32(ni32, Bufs),
        VMSTATE_VARRAY_INT32(a16, Bufs, ni32, 0, VMS_KIND_UINT16, uint16_t),
        VMSTATE_UINT16(n16, Bufs),
        VMSTATE_VARRAY_UINT16(a8, Bufs, n16, 0, VMS_KIND_UINT8, uint8_t),
        VMSTATE_UINT8(n8, Bufs),
        {
            .name = "a64", .kind = VMS_KIND_UINT64, .size = 8,
            .flags = VMS_VARRAY_UINT8 | VMS_POINTER | VMS_ALLOC,
            .num_offset = offsetof(Bufs, n8), .offset = offsetof(Bufs, a64),
        },
        VMSTATE_END_OF_LIST()
    },
};

static void test_buffers(void)
{
    uint8_t vb[3] = { 7, 8, 9 };
    unsigned long bm[2] = { 0x8000000000000001UL, 0x5 };
    uint32_t a32[2] = { 0x11, 0x22 };
    uint16_t a16[1] = { 0x3344 };
    uint8_t a8[2] = { 0x55, 0x66 };
    uint64_t a64[1] = { 0x77 };
    Bufs s = { { 1, 2, 3, 4 }, 3, vb, 67, bm, 2, a32, 1, a16, 2, a8, 1, a64 };
    uint8_t vb2[3];
    unsigned long bm2[2] = { 0, ~0UL };
    uint32_t b32[2];
    uint16_t b16[1];
    uint8_t b8[2];
    Bufs t = { .vbuf = vb2, .bitmap = bm2, .a32 = b32, .a16 = b16, .a8 = b8 };
    static const uint8_t want[] = {
        1, 2, 3, 4, 0, 0, 0,
        0, 0, 0, 3, 7, 8, 9,
        0, 0, 0, 67,
        0x80, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 5,
        0, 0, 0, 2, 0, 0, 0, 0x11, 0, 0, 0, 0x22,
        0, 0, 0, 1, 0x33, 0x44,
        0, 2, 0x55, 0x66,
        1, 0, 0, 0, 0, 0, 0, 0, 0x77,
    };
    g_autoptr(GByteArray) bytes = save_bytes(&vmstate_bufs, &s, NULL);
    g_autofree uint8_t *data = g_memdup2(want, sizeof(want));

    assert_bytes(bytes, want, sizeof(want));
    data[4] = 0xee;         /* unused bytes are skipped, whatever they hold */
    g_assert_null(load_bytes(&vmstate_bufs, &t, 1, data, sizeof(want)));
    g_assert_cmpmem(t.fixed, 4, s.fixed, 4);
    g_assert_cmpmem(vb2, 3, vb, 3);
    g_assert_cmphex(bm2[0], ==, bm[0]);
    g_assert_cmphex(bm2[1], ==, 5);
    g_assert_cmpmem(b32, 8, a32, 8);
    g_assert_cmphex(b16[0], ==, 0x3344);
    g_assert_cmpmem(b8, 2, a8, 2);
    g_assert_nonnull(t.a64);            /* VMS_ALLOC made it */
    g_assert_cmphex(t.a64[0], ==, 0x77);
    g_free(t.a64);

    /* A negative count from the stream is refused. */
    data = g_realloc(data, sizeof(want));
    memcpy(data, want, sizeof(want));
    data[46] = 0xff;
    t.a64 = NULL;
    expect_load_error(&vmstate_bufs, &t, 1, data, sizeof(want),
                      "bufs: field 'a16': element count -16777215 is negative");
}

/* ---- structs and pointers ---- */

typedef struct Inner {
    uint16_t v;
    uint8_t extra;
} Inner;

static bool inner_extra_needed(void *opaque)
{
    return ((Inner *)opaque)->extra != 0;
}

static const VMStateDescription vmstate_inner_extra = {
    .name = "inner/extra",
    .version_id = 1,
    .minimum_version_id = 1,
    .needed = inner_extra_needed,
    .fields = (const VMStateField[]) {
        VMSTATE_UINT8(extra, Inner),
        VMSTATE_END_OF_LIST()
    },
};

static const VMStateDescription vmstate_inner = {
    .name = "inner",
    .version_id = 3,            /* never travels */
    .minimum_version_id = 3,
    .fields = (const VMStateField[]) {
        VMSTATE_UINT16(v, Inner),
        VMSTATE_END_OF_LIST()
    },
    .subsections = (const VMStateDescription *const[]) {
        &vmstate_inner_extra,
        NULL
    },
};

typedef struct Outer {
    Inner one;
    Inner arr[2];
    Inner *ptr;
    Inner *ptrs[3];
    uint8_t pad1;
    uint8_t pad2;
} Outer;

static const VMStateDescription vmstate_outer = {
    .name = "outer",
    .version_id = 1,
    .minimum_version_id = 1,
    .fields = (const VMStateField[]) {
        VMSTATE_STRUCT(one, Outer, 0, vmstate_inner, Inner),
        VMSTATE_STRUCT_ARRAY(arr, Outer, 2, 0, vmstate_inner, Inner),
        VMSTATE_STRUCT_POINTER(ptr, Outer, vmstate_inner, Inner),
        VMSTATE_ARRAY_OF_POINTER_TO_STRUCT(ptrs, Outer, 3, 0, vmstate_inner, Inner),
        VMSTATE_UNUSED(1),
        VMSTATE_UNUSED(2),
        VMSTATE_END_OF_LIST()
    },
};

static void test_structs(void)
{
    Inner p = { 0x0505, 0 }, q = { 0x0606, 0 };
    Outer s = { { 0x0101, 0 }, { { 0x0202, 0 }, { 0x0303, 9 } }, &p,
                { &q, NULL, &q } };
    Inner p2, q2, r2;
    Outer t = { .ptr = &p2, .ptrs = { &q2, NULL, &r2 } };
    static const uint8_t want[] = {
        0x01, 0x01,
        0x02, 0x02, 0x03, 0x03, 0x05, 11, 'i', 'n', 'n', 'e', 'r', '/', 'e',
        'x', 't', 'r', 'a', 0, 0, 0, 1, 9,
        0x05, 0x05,
        0x06, 0x06, 0x30, 0x06, 0x06,
        0, 0, 0,
    };
    g_autoptr(JsonNode) json = NULL;
    g_autoptr(GByteArray) bytes = save_bytes(&vmstate_outer, &s, &json);
    g_autofree char *text = json_to_string(json, FALSE);
    JsonArray *fields;
    JsonObject *o;

    assert_bytes(bytes, want, sizeof(want));
    g_assert_null(load_bytes(&vmstate_outer, &t, 1, want, sizeof(want)));
    g_assert_cmphex(t.one.v, ==, 0x0101);
    g_assert_cmphex(t.arr[1].v, ==, 0x0303);
    g_assert_cmpint(t.arr[1].extra, ==, 9);
    g_assert_cmphex(p2.v, ==, 0x0505);
    g_assert_cmphex(q2.v, ==, 0x0606);
    g_assert_cmphex(r2.v, ==, 0x0606);

    /* NULL here, but the stream has an element: named error. */
    t.ptrs[1] = NULL;
    t.ptrs[2] = NULL;
    expect_load_error(&vmstate_outer, &t, 1, want, sizeof(want),
                      "outer: field 'ptrs[2]': element is NULL here but the "
                      "stream has 0x06, not the null marker 0x30");

    /* vmdesc: nesting, array_len, per-element index, nullptr, dup names. */
    g_test_message("%s", text);
    o = json_node_get_object(json);
    g_assert_cmpstr(json_object_get_string_member(o, "vmsd_name"), ==, "outer");
    g_assert_cmpint(json_object_get_int_member(o, "version"), ==, 1);
    g_assert_false(json_object_has_member(o, "subsections"));
    fields = json_object_get_array_member(o, "fields");
    g_assert_cmpuint(json_array_get_length(fields), ==, 9);
    o = json_array_get_object_element(fields, 0);
    g_assert_cmpstr(json_object_get_string_member(o, "name"), ==, "one");
    g_assert_cmpstr(json_object_get_string_member(o, "type"), ==, "struct");
    g_assert_cmpint(json_object_get_int_member(o, "size"), ==, 2);
    o = json_object_get_object_member(o, "struct");
    g_assert_cmpstr(json_object_get_string_member(o, "vmsd_name"), ==, "inner");
    g_assert_cmpint(json_object_get_int_member(o, "version"), ==, 3);
    /* arr elements differ in size (one has a subsection): per index */
    o = json_array_get_object_element(fields, 1);
    g_assert_cmpint(json_object_get_int_member(o, "index"), ==, 0);
    g_assert_cmpint(json_object_get_int_member(o, "size"), ==, 2);
    o = json_array_get_object_element(fields, 2);
    g_assert_cmpint(json_object_get_int_member(o, "index"), ==, 1);
    g_assert_cmpint(json_object_get_int_member(o, "size"), ==, 20);
    o = json_object_get_object_member(o, "struct");
    g_assert_cmpstr(json_object_get_string_member(
        json_array_get_object_element(json_object_get_array_member(o, "subsections"), 0),
        "vmsd_name"), ==, "inner/extra");
    o = json_array_get_object_element(fields, 5);
    g_assert_cmpstr(json_object_get_string_member(o, "name"), ==, "ptrs");
    g_assert_cmpint(json_object_get_int_member(o, "index"), ==, 1);
    g_assert_cmpstr(json_object_get_string_member(o, "type"), ==, "nullptr");
    g_assert_cmpint(json_object_get_int_member(o, "size"), ==, 1);
    o = json_array_get_object_element(fields, 7);
    g_assert_cmpstr(json_object_get_string_member(o, "name"), ==, "unused[0]");
    g_assert_cmpstr(json_object_get_string_member(o, "type"), ==, "unused_buffer");
    g_assert_cmpint(json_object_get_int_member(o, "size"), ==, 1);
    o = json_array_get_object_element(fields, 8);
    g_assert_cmpstr(json_object_get_string_member(o, "name"), ==, "unused[1]");
    g_assert_cmpint(json_object_get_int_member(o, "size"), ==, 2);
}

static void test_vmdesc_array_len(void)
{
    Simple s = { .le = 1 };
    g_autoptr(JsonNode) json = NULL;
    g_autoptr(GByteArray) bytes = save_bytes(&vmstate_simple, &s, &json);
    JsonArray *fields = json_object_get_array_member(json_node_get_object(json),
                                                     "fields");
    JsonObject *o = json_array_get_object_element(fields, 12);

    g_assert_cmpuint(json_array_get_length(fields), ==, 13);
    g_assert_cmpstr(json_object_get_string_member(o, "name"), ==, "arr");
    g_assert_cmpint(json_object_get_int_member(o, "array_len"), ==, 3);
    g_assert_cmpstr(json_object_get_string_member(o, "type"), ==, "uint16");
    g_assert_cmpint(json_object_get_int_member(o, "size"), ==, 2);
    o = json_array_get_object_element(fields, 11);
    g_assert_cmpstr(json_object_get_string_member(o, "type"), ==, "int32 le");
    o = json_array_get_object_element(fields, 10);
    g_assert_cmpstr(json_object_get_string_member(o, "type"), ==, "CPU_Double_U");
    g_assert_cmpint(json_object_get_int_member(o, "size"), ==, 8);
    g_assert_cmpuint(bytes->len, ==, sizeof(simple_bytes));
}

/* ---- custom kind ---- */

static int put_rev16(QEMUFile *f, void *pv, size_t size,
                     const VMStateField *field, JSONWriter *vmdesc, Error **errp)
{
    uint16_t v = *(uint16_t *)pv;

    qemu_put_byte(f, v & 0xff);
    qemu_put_byte(f, v >> 8);
    return 0;
}

static int get_rev16(QEMUFile *f, void *pv, size_t size,
                     const VMStateField *field, Error **errp)
{
    uint16_t lo = qemu_get_byte(f), hi = qemu_get_byte(f);

    if (hi == 0xee) {
        error_setg(errp, "0x%02x is a poisoned high byte", hi);
        return -EINVAL;
    }
    *(uint16_t *)pv = lo | hi << 8;
    return 0;
}

static const VMStateInfo info_rev16 = { "rev16", get_rev16, put_rev16 };

typedef struct Cust {
    uint16_t v;
} Cust;

static const VMStateDescription vmstate_cust = {
    .name = "cust",
    .version_id = 1,
    .minimum_version_id = 1,
    .fields = (const VMStateField[]) {
        VMSTATE_SINGLE_INFO(v, Cust, 0, info_rev16, uint16_t),
        VMSTATE_END_OF_LIST()
    },
};

static void test_custom(void)
{
    Cust c = { 0x1234 }, d = { 0 };
    static const uint8_t want[] = { 0x34, 0x12 };
    static const uint8_t bad[] = { 0x34, 0xee };
    g_autoptr(JsonNode) json = NULL;
    g_autoptr(GByteArray) bytes = save_bytes(&vmstate_cust, &c, &json);
    JsonObject *o = json_array_get_object_element(
        json_object_get_array_member(json_node_get_object(json), "fields"), 0);

    assert_bytes(bytes, want, sizeof(want));
    g_assert_cmpstr(json_object_get_string_member(o, "type"), ==, "rev16");
    g_assert_null(load_bytes(&vmstate_cust, &d, 1, want, sizeof(want)));
    g_assert_cmphex(d.v, ==, 0x1234);
    expect_load_error(&vmstate_cust, &d, 1, bad, sizeof(bad),
                      "cust: field 'v': 0xee is a poisoned high byte");
}

/* ---- versions, tests, validate, must-exist ---- */

typedef struct Ver {
    uint8_t a;
    uint8_t b;          /* version 2 */
    uint8_t c;          /* present per test */
    uint8_t limit;
    int seen_version;
} Ver;

static bool c_test(void *opaque, int version_id)
{
    Ver *v = opaque;

    v->seen_version = version_id;
    return version_id >= 3;
}

static bool limit_ok(void *opaque, int version_id)
{
    return ((Ver *)opaque)->limit < 10;
}

static const VMStateDescription vmstate_ver = {
    .name = "ver",
    .version_id = 3,
    .minimum_version_id = 1,
    .fields = (const VMStateField[]) {
        VMSTATE_UINT8(a, Ver),
        VMSTATE_UINT8_V(b, Ver, 2),
        VMSTATE_UINT8_TEST(c, Ver, c_test),
        VMSTATE_UINT8(limit, Ver),
        VMSTATE_VALIDATE("limit below 10", limit_ok),
        VMSTATE_END_OF_LIST()
    },
};

static void test_versions(void)
{
    Ver v = { 1, 2, 3, 4, 0 }, w = { 0 };
    static const uint8_t v3[] = { 1, 2, 3, 4 };
    static const uint8_t v2[] = { 1, 2, 4 };
    static const uint8_t v1[] = { 1, 4 };
    static const uint8_t bad[] = { 1, 4 + 10 };
    g_autoptr(GByteArray) bytes = save_bytes(&vmstate_ver, &v, NULL);

    assert_bytes(bytes, v3, sizeof(v3));
    g_assert_cmpint(v.seen_version, ==, 3);     /* save: save version */
    g_assert_null(load_bytes(&vmstate_ver, &w, 2, v2, sizeof(v2)));
    g_assert_cmpint(w.seen_version, ==, 2);     /* load: stream version */
    g_assert_cmpint(w.b, ==, 2);
    g_assert_cmpint(w.c, ==, 0);
    g_assert_cmpint(w.limit, ==, 4);
    w.b = 77;
    g_assert_null(load_bytes(&vmstate_ver, &w, 1, v1, sizeof(v1)));
    g_assert_cmpint(w.b, ==, 77);               /* not in version 1 */
    expect_load_error(&vmstate_ver, &w, 4, v3, sizeof(v3),
                      "ver: version 4 is too new (local version 3)");
    expect_load_error(&vmstate_ver, &w, 0, v3, sizeof(v3),
                      "ver: version 0 is too old (minimum version 1)");
    expect_load_error(&vmstate_ver, &w, 1, bad, sizeof(bad),
                      "ver: field 'limit below 10': validation failed");
}

typedef struct Must {
    uint8_t x;
} Must;

static bool never(void *opaque, int version_id)
{
    return false;
}

static const VMStateDescription vmstate_must = {
    .name = "must",
    .version_id = 1,
    .minimum_version_id = 1,
    .fields = (const VMStateField[]) {
        { .name = "x", .kind = VMS_KIND_UINT8, .size = 1, .field_exists = never,
          .flags = VMS_SINGLE | VMS_MUST_EXIST, .offset = offsetof(Must, x) },
        VMSTATE_END_OF_LIST()
    },
};

static const VMStateDescription vmstate_unmig = {
    .name = "unmig",
    .unmigratable = true,
    .version_id = 1,
    .minimum_version_id = 1,
    .fields = (const VMStateField[]) {
        VMSTATE_UINT8(x, Must),
        VMSTATE_END_OF_LIST()
    },
};

static void test_must_exist_and_unmigratable(void)
{
    Must m = { 1 };
    QEMUFile *f = qemu_file_new_output_mem();
    Error *err = NULL;

    g_assert_false(vmstate_save_state(f, &vmstate_must, &m, NULL, &err));
    g_assert_cmpstr(error_get_pretty(err), ==,
                    "must: field 'x': required but not present in version 1");
    error_free(err);
    err = NULL;
    g_assert_false(vmstate_save_state(f, &vmstate_unmig, &m, NULL, &err));
    g_assert_cmpstr(error_get_pretty(err), ==,
                    "unmig: state 'unmig' is not migratable");
    error_free(err);
    qemu_fclose(f);
    expect_load_error(&vmstate_must, &m, 1, (const uint8_t *)"", 0,
                      "must: field 'x': required but not present in version 1");
}

/* ---- hooks and subsections ---- */

typedef struct Hk {
    uint8_t a;
    uint8_t s1;
    uint8_t s2;
    uint8_t s21;
    bool need1, need2, need21;
    bool fail_post;
    GString *log;
} Hk;

#define HOOKS(tag)                                                          \
    static bool tag##_pre_save(void *o, Error **errp)                     \
    {                                                                       \
        g_string_append(((Hk *)o)->log, #tag ".pre_save ");                 \
        return true;                                                        \
    }                                                                       \
    static void tag##_post_save(void *o)                                    \
    {                                                                       \
        g_string_append(((Hk *)o)->log, #tag ".post_save ");                \
    }                                                                       \
    static bool tag##_pre_load(void *o, Error **errp)                     \
    {                                                                       \
        g_string_append(((Hk *)o)->log, #tag ".pre_load ");                 \
        return true;                                                        \
    }                                                                       \
    static bool tag##_post_load(void *o, int v, Error **errp)             \
    {                                                                       \
        g_string_append_printf(((Hk *)o)->log, #tag ".post_load(%d) ", v);  \
        return true;                                                        \
    }                                                                       \
    static void tag##_absent(void *o)                                       \
    {                                                                       \
        g_string_append(((Hk *)o)->log, #tag ".absent ");                   \
    }

HOOKS(s1)
HOOKS(s2)
HOOKS(s21)

static bool top_pre_save(void *o, Error **errp)
{
    g_string_append(((Hk *)o)->log, "top.pre_save ");
    return true;
}

static void top_post_save(void *o)
{
    g_string_append(((Hk *)o)->log, "top.post_save ");
}

static bool top_pre_load(void *o, Error **errp)
{
    g_string_append(((Hk *)o)->log, "top.pre_load ");
    return true;
}

static bool top_post_load(void *o, int v, Error **errp)
{
    Hk *h = o;

    g_string_append_printf(h->log, "top.post_load(%d) ", v);
    if (h->fail_post) {
        error_setg(errp, "field 'a': %u is out of range", h->a);
        return false;
    }
    return true;
}

static bool need1(void *o)
{
    return ((Hk *)o)->need1;
}

static bool need2(void *o)
{
    return ((Hk *)o)->need2;
}

static bool need21(void *o)
{
    return ((Hk *)o)->need21;
}

static int put_logged(QEMUFile *f, void *pv, size_t size,
                      const VMStateField *field, JSONWriter *vmdesc, Error **errp)
{
    qemu_put_byte(f, *(uint8_t *)pv);
    return 0;
}

static int get_logged(QEMUFile *f, void *pv, size_t size,
                      const VMStateField *field, Error **errp)
{
    *(uint8_t *)pv = qemu_get_byte(f);
    return 0;
}

static const VMStateInfo info_logged = { "uint8", get_logged, put_logged };

static const VMStateDescription vmstate_s21 = {
    .name = "hk/two/one", .version_id = 2, .minimum_version_id = 1,
    .needed = need21,
    .pre_save = s21_pre_save, .post_save = s21_post_save,
    .pre_load = s21_pre_load, .post_load = s21_post_load, .absent = s21_absent,
    .fields = (const VMStateField[]) {
        VMSTATE_UINT8(s21, Hk),
        VMSTATE_END_OF_LIST()
    },
};
static const VMStateDescription vmstate_s1 = {
    .name = "hk/one", .version_id = 2, .minimum_version_id = 1,
    .needed = need1,
    .pre_save = s1_pre_save, .post_save = s1_post_save,
    .pre_load = s1_pre_load, .post_load = s1_post_load, .absent = s1_absent,
    .fields = (const VMStateField[]) {
        VMSTATE_UINT8(s1, Hk),
        VMSTATE_END_OF_LIST()
    },
};
static const VMStateDescription vmstate_s2 = {
    .name = "hk/two", .version_id = 2, .minimum_version_id = 1,
    .needed = need2,
    .pre_save = s2_pre_save, .post_save = s2_post_save,
    .pre_load = s2_pre_load, .post_load = s2_post_load, .absent = s2_absent,
    .fields = (const VMStateField[]) {
        VMSTATE_UINT8(s2, Hk),
        VMSTATE_END_OF_LIST()
    },
    .subsections = (const VMStateDescription *const[]) {
        &vmstate_s21,
        NULL
    },
};

static const VMStateDescription vmstate_hk = {
    .name = "hk",
    .version_id = 1,
    .minimum_version_id = 1,
    .pre_save = top_pre_save,
    .post_save = top_post_save,
    .pre_load = top_pre_load,
    .post_load = top_post_load,
    .fields = (const VMStateField[]) {
        VMSTATE_SINGLE_INFO(a, Hk, 0, info_logged, uint8_t),
        VMSTATE_END_OF_LIST()
    },
    .subsections = (const VMStateDescription *const[]) {
        &vmstate_s1,
        &vmstate_s2,
        NULL
    },
};

static char *hk_load(Hk *h, const uint8_t *data, size_t len)
{
    g_string_truncate(h->log, 0);
    return load_bytes(&vmstate_hk, h, 1, data, len);
}

static void test_hooks_and_subsections(void)
{
    Hk h = { 5, 6, 7, 8, true, true, true, false, g_string_new(NULL) };
    Hk r = { .log = g_string_new(NULL) };
    static const uint8_t all[] = {
        5,
        0x05, 6, 'h', 'k', '/', 'o', 'n', 'e', 0, 0, 0, 2, 6,
        0x05, 6, 'h', 'k', '/', 't', 'w', 'o', 0, 0, 0, 2, 7,
        0x05, 10, 'h', 'k', '/', 't', 'w', 'o', '/', 'o', 'n', 'e', 0, 0, 0, 2, 8,
    };
    /* Other order: two (with its child) first, one last. */
    static const uint8_t reordered[] = {
        5,
        0x05, 6, 'h', 'k', '/', 't', 'w', 'o', 0, 0, 0, 1, 7,
        0x05, 10, 'h', 'k', '/', 't', 'w', 'o', '/', 'o', 'n', 'e', 0, 0, 0, 2, 8,
        0x05, 6, 'h', 'k', '/', 'o', 'n', 'e', 0, 0, 0, 2, 6,
    };
    static const uint8_t unknown[] = {
        5, 0x05, 6, 'h', 'k', '/', 'z', 'z', 'z', 0, 0, 0, 1, 6,
    };
    static const uint8_t too_new[] = {
        5, 0x05, 6, 'h', 'k', '/', 'o', 'n', 'e', 0, 0, 0, 3, 6,
    };
    static const uint8_t twice[] = {
        5, 0x05, 6, 'h', 'k', '/', 'o', 'n', 'e', 0, 0, 0, 1, 6,
        0x05, 6, 'h', 'k', '/', 'o', 'n', 'e', 0, 0, 0, 1, 6,
    };
    static const uint8_t none[] = { 5 };
    g_autoptr(GByteArray) bytes = NULL;
    g_autoptr(JsonNode) json = NULL;
    g_autofree char *msg = NULL;
    JsonArray *subs;

    bytes = save_bytes(&vmstate_hk, &h, &json);
    assert_bytes(bytes, all, sizeof(all));
    g_assert_cmpstr(h.log->str, ==,
                    "top.pre_save s1.pre_save s1.post_save s2.pre_save "
                    "s21.pre_save s21.post_save s2.post_save top.post_save ");
    subs = json_object_get_array_member(json_node_get_object(json), "subsections");
    g_assert_cmpuint(json_array_get_length(subs), ==, 2);
    g_assert_cmpstr(json_object_get_string_member(
        json_array_get_object_element(subs, 1), "vmsd_name"), ==, "hk/two");
    g_assert_true(json_object_has_member(json_array_get_object_element(subs, 1),
                                         "subsections"));
    g_assert_false(json_object_has_member(json_array_get_object_element(subs, 0),
                                          "subsections"));

    /* needed() off: no subsection bytes. */
    h.need1 = h.need2 = false;
    g_byte_array_unref(bytes);
    bytes = save_bytes(&vmstate_hk, &h, NULL);
    assert_bytes(bytes, none, sizeof(none));

    msg = hk_load(&r, all, sizeof(all));
    g_assert_null(msg);
    g_assert_cmpstr(r.log->str, ==,
                    "top.pre_load s1.pre_load s1.post_load(2) s2.pre_load "
                    "s21.pre_load s21.post_load(2) s2.post_load(2) "
                    "top.post_load(1) ");
    g_assert_cmpint(r.s21, ==, 8);

    memset(&r.s1, 0, 3);
    g_assert_null(hk_load(&r, reordered, sizeof(reordered)));
    g_assert_cmpint(r.s1, ==, 6);
    g_assert_cmpint(r.s2, ==, 7);
    g_assert_cmpint(r.s21, ==, 8);
    g_assert_nonnull(strstr(r.log->str, "s2.post_load(1)"));

    /* Absent subsections get their defaults; absent children too. */
    g_assert_null(hk_load(&r, none, sizeof(none)));
    g_assert_cmpstr(r.log->str, ==,
                    "top.pre_load s1.absent s2.absent top.post_load(1) ");

    msg = hk_load(&r, unknown, sizeof(unknown));
    g_assert_cmpstr(msg, ==, "hk: subsection hk/zzz in hk does not exist");
    g_free(msg);
    msg = hk_load(&r, too_new, sizeof(too_new));
    g_assert_cmpstr(msg, ==, "hk: subsection 'hk/one': version 3 is too new "
                    "(local version 2)");
    g_free(msg);
    msg = hk_load(&r, twice, sizeof(twice));
    g_assert_cmpstr(msg, ==, "hk: subsection hk/one in hk appears twice");
    g_free(msg);
    r.fail_post = true;
    msg = hk_load(&r, none, sizeof(none));
    g_assert_cmpstr(msg, ==, "hk: field 'a': 5 is out of range");
    g_string_free(h.log, TRUE);
    g_string_free(r.log, TRUE);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/vmstate/file/mem", test_file_mem);
    g_test_add_func("/vmstate/file/fd", test_file_fd);
    g_test_add_func("/vmstate/kinds/simple", test_simple_kinds);
    g_test_add_func("/vmstate/kinds/int32-le-bool", test_int32_le_and_bool);
    g_test_add_func("/vmstate/kinds/truncated", test_truncated);
    g_test_add_func("/vmstate/kinds/equal", test_equal);
    g_test_add_func("/vmstate/kinds/timer", test_timer);
    g_test_add_func("/vmstate/kinds/buffers", test_buffers);
    g_test_add_func("/vmstate/kinds/structs", test_structs);
    g_test_add_func("/vmstate/kinds/custom", test_custom);
    g_test_add_func("/vmstate/vmdesc/array-len", test_vmdesc_array_len);
    g_test_add_func("/vmstate/versions", test_versions);
    g_test_add_func("/vmstate/must-exist", test_must_exist_and_unmigratable);
    g_test_add_func("/vmstate/hooks-subsections", test_hooks_and_subsections);
    return g_test_run();
}
