/*
 * Unit tests for the memory API: region trees and their flattening, MMIO
 * dispatch (validity, splitting, endianness), RAM/ROM, RAM blocks, dirty
 * tracking, translation and "info mtree".
 *
 * Built twice: as test-memory for a little-endian target (arm) and as
 * test-memory-be for a big-endian one (FERRY_TARGET_BIG_ENDIAN=1).
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/log.h"
#include "exec/memory.h"
#include "exec/ramblock.h"
#include "exec/ram_addr.h"

/* ---- Fixtures ---- */

typedef struct TestSpace {
    MemoryRegion root;
    AddressSpace as;
} TestSpace;

static void space_init(TestSpace *s)
{
    memory_region_init(&s->root, NULL, "root", UINT64_MAX);
    address_space_init(&s->as, &s->root, "test");
}

static void space_fini(TestSpace *s)
{
    address_space_destroy(&s->as);
    memory_region_finalize(&s->root);
}

/*
 * A device that records its calls ("r4/4 " = read at 4 of size 4,
 * "w0/2=1234 " = write) and reads as 0x1122334455667700 | addr (cut to
 * the access size by the dispatcher), so that every byte is distinct.
 */
typedef struct TestDev {
    MemoryRegion mr;
    MemoryRegionOps ops;
    GString *calls;
    bool reject;
} TestDev;

static uint64_t tdev_read(void *opaque, hwaddr addr, unsigned size)
{
    TestDev *d = opaque;

    g_string_append_printf(d->calls, "r%" HWADDR_PRIx "/%u ", addr, size);
    return 0x1122334455667700ULL | addr;
}

static void tdev_write(void *opaque, hwaddr addr, uint64_t data, unsigned size)
{
    TestDev *d = opaque;

    g_string_append_printf(d->calls, "w%" HWADDR_PRIx "/%u=%" PRIx64 " ", addr, size, data);
}

static bool tdev_accepts(void *opaque, hwaddr addr, unsigned size, bool is_write,
                         MemTxAttrs attrs)
{
    TestDev *d = opaque;

    return !(d->reject && is_write);
}

static void tdev_init(TestDev *d, const char *name, uint64_t size, enum device_endian e)
{
    memset(d, 0, sizeof(*d));
    d->ops.read = tdev_read;
    d->ops.write = tdev_write;
    d->ops.endianness = e;
    d->calls = g_string_new("");
    memory_region_init_io(&d->mr, NULL, &d->ops, d, name, size);
}

/* Returns the calls recorded so far and forgets them. */
static const char *tdev_calls(TestDev *d)
{
    static char buf[512];

    g_strlcpy(buf, d->calls->str, sizeof(buf));
    g_string_truncate(d->calls, 0);
    return buf;
}

static void tdev_fini(TestDev *d)
{
    memory_region_finalize(&d->mr);
    g_string_free(d->calls, TRUE);
}

/* Captures LOG_GUEST_ERROR output in a temporary file. */
static char *log_path;

static void log_capture_begin(void)
{
    int fd = g_file_open_tmp("test-memory-XXXXXX.log", &log_path, NULL);

    g_assert_cmpint(fd, >=, 0);
    close(fd);
    g_assert_true(qemu_set_log_filename(log_path, &error_abort));
    qemu_set_log(LOG_GUEST_ERROR);
}

/* Stops capturing; returns the text logged (free it). */
static char *log_capture_end(void)
{
    char *text = NULL;

    qemu_set_log(0);
    qemu_set_log_filename(NULL, &error_abort);
    g_assert_true(g_file_get_contents(log_path, &text, NULL, NULL));
    unlink(log_path);
    g_clear_pointer(&log_path, g_free);
    return text;
}

static MemoryRegion *lookup(TestSpace *s, hwaddr addr, hwaddr *xlat)
{
    hwaddr len = 1, x;

    return address_space_translate(&s->as, addr, xlat ? xlat : &x, &len, false,
                                   MEMTXATTRS_UNSPECIFIED);
}

static void ram_init(MemoryRegion *mr, const char *name, uint64_t size)
{
    g_assert_true(memory_region_init_ram(mr, NULL, name, size, &error_abort));
}

/* ---- Tree and flattening ---- */

static void test_overlap_priority(void)
{
    TestSpace s;
    MemoryRegion lo, hi;
    hwaddr x;

    space_init(&s);
    ram_init(&lo, "t.lo", 0x2000);
    ram_init(&hi, "t.hi", 0x2000);
    /* The high-priority one is added first: priority, not order, decides. */
    memory_region_add_subregion_overlap(&s.root, 0x1000, &hi, 1);
    memory_region_add_subregion(&s.root, 0, &lo);
    g_assert_true(lookup(&s, 0x0fff, &x) == &lo);
    g_assert_cmphex(x, ==, 0xfff);
    g_assert_true(lookup(&s, 0x1000, &x) == &hi);
    g_assert_cmphex(x, ==, 0);
    g_assert_true(lookup(&s, 0x2fff, &x) == &hi);
    g_assert_cmphex(x, ==, 0x1fff);
    g_assert_null(lookup(&s, 0x3000, NULL));

    /* Lower priority than a sibling: hidden where they overlap. */
    memory_region_del_subregion(&s.root, &hi);
    memory_region_add_subregion_overlap(&s.root, 0x1000, &hi, -1);
    g_assert_true(lookup(&s, 0x1fff, NULL) == &lo);
    g_assert_true(lookup(&s, 0x2000, &x) == &hi);
    g_assert_cmphex(x, ==, 0x1000);
    g_assert_cmpuint(s.as.current_map->nr, ==, 2);

    memory_region_finalize(&lo);
    memory_region_finalize(&hi);
    space_fini(&s);
}

static void test_overlap_equal_priority(void)
{
    TestSpace s;
    MemoryRegion a, b;

    space_init(&s);
    ram_init(&a, "t.a", 0x1000);
    ram_init(&b, "t.b", 0x1000);
    memory_region_add_subregion(&s.root, 0, &a);
    memory_region_add_subregion(&s.root, 0x800, &b);
    /* Equal priority: the later one wins. */
    g_assert_true(lookup(&s, 0x7ff, NULL) == &a);
    g_assert_true(lookup(&s, 0x800, NULL) == &b);
    g_assert_true(lookup(&s, 0xfff, NULL) == &b);
    g_assert_true(lookup(&s, 0x17ff, NULL) == &b);

    /* Re-adding A makes it the later one. */
    memory_region_del_subregion(&s.root, &a);
    memory_region_add_subregion(&s.root, 0, &a);
    g_assert_true(lookup(&s, 0xfff, NULL) == &a);
    g_assert_true(lookup(&s, 0x1000, NULL) == &b);

    memory_region_finalize(&a);
    memory_region_finalize(&b);
    space_fini(&s);
}

static void test_container_nested(void)
{
    TestSpace s;
    MemoryRegion outer, inner, r1, r2;
    hwaddr x;

    space_init(&s);
    memory_region_init(&outer, NULL, "outer", 0x10000);
    memory_region_init(&inner, NULL, "inner", 0x1000);
    ram_init(&r1, "t.r1", 0x100);
    ram_init(&r2, "t.r2", 0x1000);   /* larger than INNER: clipped */
    memory_region_add_subregion(&inner, 0x10, &r1);
    memory_region_add_subregion(&inner, 0x800, &r2);
    memory_region_add_subregion(&outer, 0x4000, &inner);
    memory_region_add_subregion(&s.root, 0x100000, &outer);

    g_assert_true(lookup(&s, 0x104010, &x) == &r1);
    g_assert_cmphex(x, ==, 0);
    g_assert_null(lookup(&s, 0x104000, NULL));     /* hole in a container */
    g_assert_true(lookup(&s, 0x104fff, &x) == &r2);
    g_assert_cmphex(x, ==, 0x7ff);
    g_assert_null(lookup(&s, 0x105000, NULL));     /* clipped by INNER */

    /* Moving the middle container moves everything under it. */
    memory_region_set_address(&outer, 0x200000);
    g_assert_null(lookup(&s, 0x104010, NULL));
    g_assert_true(lookup(&s, 0x204010, NULL) == &r1);

    memory_region_finalize(&r1);
    memory_region_finalize(&r2);
    memory_region_finalize(&inner);
    memory_region_finalize(&outer);
    space_fini(&s);
}

static void test_alias_ram(void)
{
    TestSpace s;
    MemoryRegion ram, alias, box, box_alias;
    uint8_t *host;
    hwaddr x;

    space_init(&s);
    ram_init(&ram, "t.ram", 0x4000);
    host = memory_region_get_ram_ptr(&ram);
    memory_region_init_alias(&alias, NULL, "t.alias", &ram, 0x1000, 0x1000);
    memory_region_add_subregion(&s.root, 0, &ram);
    memory_region_add_subregion(&s.root, 0x10000, &alias);

    address_space_stl_le(&s.as, 0x10004, 0xdeadbeef, MEMTXATTRS_UNSPECIFIED, NULL);
    g_assert_cmphex(host[0x1004], ==, 0xef);
    g_assert_cmphex(address_space_ldl_le(&s.as, 0x1004, MEMTXATTRS_UNSPECIFIED, NULL),
                    ==, 0xdeadbeef);
    g_assert_true(lookup(&s, 0x10fff, &x) == &ram);
    g_assert_cmphex(x, ==, 0x1fff);
    g_assert_null(lookup(&s, 0x11000, NULL));
    g_assert_true(memory_region_get_ram_ptr(&alias) == host + 0x1000);

    /* Changing the offset re-points the window. */
    memory_region_set_alias_offset(&alias, 0x3000);
    g_assert_true(lookup(&s, 0x10000, &x) == &ram);
    g_assert_cmphex(x, ==, 0x3000);

    /* An alias into a container sees the container's subregions. */
    memory_region_init(&box, NULL, "t.box", 0x10000);
    memory_region_init_alias(&box_alias, NULL, "t.box-alias", &s.root, 0x2000, 0x2000);
    memory_region_add_subregion(&box, 0x100, &box_alias);
    memory_region_add_subregion(&s.root, 0x20000, &box);
    g_assert_true(lookup(&s, 0x20100, &x) == &ram);
    g_assert_cmphex(x, ==, 0x2000);
    g_assert_cmphex(address_space_ldl_le(&s.as, 0x20100 - 0x2000 + 0x1004,
                                         MEMTXATTRS_UNSPECIFIED, NULL), ==, 0);

    memory_region_finalize(&box_alias);
    memory_region_finalize(&box);
    memory_region_finalize(&alias);
    memory_region_finalize(&ram);
    space_fini(&s);
}

static void test_alias_mmio(void)
{
    TestSpace s;
    TestDev d;
    MemoryRegion alias;

    space_init(&s);
    tdev_init(&d, "t.dev", 0x100, DEVICE_LITTLE_ENDIAN);
    memory_region_init_alias(&alias, NULL, "t.dev-alias", &d.mr, 0x40, 0x40);
    memory_region_add_subregion(&s.root, 0x1000, &alias);

    address_space_stl_le(&s.as, 0x1008, 0x12345678, MEMTXATTRS_UNSPECIFIED, NULL);
    g_assert_cmpstr(tdev_calls(&d), ==, "w48/4=12345678 ");
    memory_region_set_alias_offset(&alias, 0x80);
    address_space_ldl(&s.as, 0x1008, MEMTXATTRS_UNSPECIFIED, NULL);
    g_assert_cmpstr(tdev_calls(&d), ==, "r88/4 ");

    memory_region_finalize(&alias);
    tdev_fini(&d);
    space_fini(&s);
}

static void test_view_rebuild(void)
{
    TestSpace s;
    MemoryRegion ram;
    uint64_t gen;

    space_init(&s);
    ram_init(&ram, "t.ram", 0x1000);
    memory_region_add_subregion(&s.root, 0x1000, &ram);
    g_assert_true(lookup(&s, 0x1000, NULL) == &ram);

    memory_region_set_enabled(&ram, false);
    g_assert_null(lookup(&s, 0x1000, NULL));
    g_assert_cmpuint(s.as.current_map->nr, ==, 0);
    memory_region_set_enabled(&ram, true);
    g_assert_true(lookup(&s, 0x1000, NULL) == &ram);

    memory_region_set_address(&ram, 0x8000);
    g_assert_null(lookup(&s, 0x1000, NULL));
    g_assert_true(lookup(&s, 0x8000, NULL) == &ram);

    /* A transaction rebuilds once, at the outermost commit. */
    gen = s.as.generation;
    memory_region_transaction_begin();
    memory_region_set_address(&ram, 0x9000);
    memory_region_transaction_begin();
    memory_region_set_enabled(&ram, false);
    memory_region_set_enabled(&ram, true);
    memory_region_transaction_commit();
    g_assert_cmpuint(s.as.generation, ==, gen);
    g_assert_true(lookup(&s, 0x8000, NULL) == &ram);   /* old view still in use */
    memory_region_transaction_commit();
    g_assert_cmpuint(s.as.generation, ==, gen + 1);
    g_assert_true(lookup(&s, 0x9000, NULL) == &ram);

    /* Finalizing a mapped region removes it from the view. */
    memory_region_finalize(&ram);
    g_assert_null(lookup(&s, 0x9000, NULL));
    space_fini(&s);
}

static void test_finalize(void)
{
    MemoryRegion zero, c, sub;

    memset(&zero, 0, sizeof(zero));
    memory_region_finalize(&zero);      /* never initialized: no-op */
    memory_region_init(&c, NULL, "t.c", 0x1000);
    ram_init(&sub, "t.sub", 0x1000);
    memory_region_add_subregion(&c, 0, &sub);
    memory_region_finalize(&c);         /* detaches SUB */
    g_assert_null(sub.container);
    memory_region_finalize(&c);         /* twice: no-op */
    memory_region_finalize(&sub);
    g_assert_null(qemu_ram_block_by_name("t.sub"));
    g_assert_null(sub.name);
}

/* ---- MMIO dispatch ---- */

static void test_mmio_split(void)
{
    TestSpace s;
    TestDev le, be;
    MemTxResult r;

    space_init(&s);
    tdev_init(&le, "t.le", 0x100, DEVICE_LITTLE_ENDIAN);
    tdev_init(&be, "t.be", 0x100, DEVICE_BIG_ENDIAN);
    le.ops.valid.max_access_size = 8;
    le.ops.impl.max_access_size = 4;
    be.ops.valid.max_access_size = 8;
    be.ops.impl.max_access_size = 4;
    memory_region_add_subregion(&s.root, 0x1000, &le.mr);
    memory_region_add_subregion(&s.root, 0x2000, &be.mr);

    g_assert_cmphex(address_space_ldq_le(&s.as, 0x1000, MEMTXATTRS_UNSPECIFIED, &r), ==,
                    0x5566770455667700ULL);
    g_assert_cmpuint(r, ==, MEMTX_OK);
    g_assert_cmpstr(tdev_calls(&le), ==, "r0/4 r4/4 ");
    g_assert_cmphex(address_space_ldq_be(&s.as, 0x2000, MEMTXATTRS_UNSPECIFIED, &r), ==,
                    0x5566770055667704ULL);
    g_assert_cmpstr(tdev_calls(&be), ==, "r0/4 r4/4 ");

    address_space_stq_le(&s.as, 0x1008, 0x1111111122222222ULL, MEMTXATTRS_UNSPECIFIED, &r);
    g_assert_cmpstr(tdev_calls(&le), ==, "w8/4=22222222 wc/4=11111111 ");
    address_space_stq_be(&s.as, 0x2008, 0x1111111122222222ULL, MEMTXATTRS_UNSPECIFIED, &r);
    g_assert_cmpstr(tdev_calls(&be), ==, "w8/4=11111111 wc/4=22222222 ");

    tdev_fini(&le);
    tdev_fini(&be);
    space_fini(&s);
}

static void test_mmio_widen(void)
{
    TestSpace s;
    TestDev le, be;

    space_init(&s);
    tdev_init(&le, "t.le", 0x100, DEVICE_LITTLE_ENDIAN);
    tdev_init(&be, "t.be", 0x100, DEVICE_BIG_ENDIAN);
    le.ops.impl.min_access_size = 4;
    be.ops.impl.min_access_size = 4;
    memory_region_add_subregion(&s.root, 0x1000, &le.mr);
    memory_region_add_subregion(&s.root, 0x2000, &be.mr);

    /* Register at 0 reads 0x55667700: LE bytes 00 77 66 55, BE 55 66 77 00. */
    g_assert_cmphex(address_space_ldub(&s.as, 0x1001, MEMTXATTRS_UNSPECIFIED, NULL), ==, 0x77);
    g_assert_cmpstr(tdev_calls(&le), ==, "r0/4 ");
    g_assert_cmphex(address_space_ldub(&s.as, 0x2001, MEMTXATTRS_UNSPECIFIED, NULL), ==, 0x66);
    g_assert_cmpstr(tdev_calls(&be), ==, "r0/4 ");
    g_assert_cmphex(address_space_lduw_le(&s.as, 0x1002, MEMTXATTRS_UNSPECIFIED, NULL),
                    ==, 0x5566);
    g_assert_cmpstr(tdev_calls(&le), ==, "r0/4 ");

    /* Narrow writes: one wide write, the byte in place, the rest zero. */
    address_space_stb(&s.as, 0x1005, 0xab, MEMTXATTRS_UNSPECIFIED, NULL);
    g_assert_cmpstr(tdev_calls(&le), ==, "w4/4=ab00 ");
    address_space_stb(&s.as, 0x2005, 0xab, MEMTXATTRS_UNSPECIFIED, NULL);
    g_assert_cmpstr(tdev_calls(&be), ==, "w4/4=ab0000 ");

    tdev_fini(&le);
    tdev_fini(&be);
    space_fini(&s);
}

static void test_mmio_valid(void)
{
    TestSpace s;
    TestDev d, m;
    MemTxResult r;
    uint64_t v;
    g_autofree char *log = NULL;

    space_init(&s);
    tdev_init(&d, "t.dev", 0x100, DEVICE_LITTLE_ENDIAN);
    tdev_init(&m, "t.min4", 0x100, DEVICE_LITTLE_ENDIAN);
    m.ops.valid.min_access_size = 4;
    memory_region_add_subregion(&s.root, 0x1000, &d.mr);
    memory_region_add_subregion(&s.root, 0x2000, &m.mr);

    log_capture_begin();
    /* Default valid.max is 4: an 8-byte access is refused. */
    v = address_space_ldq(&s.as, 0x1000, MEMTXATTRS_UNSPECIFIED, &r);
    g_assert_cmphex(v, ==, 0);
    g_assert_cmpuint(r, ==, MEMTX_DECODE_ERROR);
    address_space_ldub(&s.as, 0x2003, MEMTXATTRS_UNSPECIFIED, &r);
    g_assert_cmpuint(r, ==, MEMTX_DECODE_ERROR);
    log = log_capture_end();
    g_assert_cmpstr(tdev_calls(&d), ==, "");
    g_assert_cmpstr(tdev_calls(&m), ==, "");
    g_assert_nonnull(strstr(log, "Invalid read at addr 0x0, size 8, region 't.dev', "
                            "reason: invalid size (valid 1..4)\n"));
    g_assert_nonnull(strstr(log, "Invalid read at addr 0x3, size 1, region 't.min4', "
                            "reason: invalid size (valid 4..4)\n"));

    /* A byte buffer is cut into pieces the device accepts. */
    {
        uint8_t buf[8];

        g_assert_cmpuint(address_space_read(&s.as, 0x1000, MEMTXATTRS_UNSPECIFIED, buf, 8),
                         ==, MEMTX_OK);
        g_assert_cmpstr(tdev_calls(&d), ==, "r0/4 r4/4 ");
        g_assert_cmphex(buf[4], ==, 0x04);
        g_assert_cmpuint(address_space_read(&s.as, 0x1001, MEMTXATTRS_UNSPECIFIED, buf, 7),
                         ==, MEMTX_OK);
        g_assert_cmpstr(tdev_calls(&d), ==, "r1/1 r2/2 r4/4 ");
    }

    tdev_fini(&d);
    tdev_fini(&m);
    space_fini(&s);
}

static void test_mmio_unaligned(void)
{
    TestSpace s;
    TestDev d;
    MemTxResult r;
    g_autofree char *log = NULL;

    space_init(&s);
    tdev_init(&d, "t.dev", 0x100, DEVICE_LITTLE_ENDIAN);
    memory_region_add_subregion(&s.root, 0x1000, &d.mr);

    log_capture_begin();
    address_space_stl(&s.as, 0x1002, 1, MEMTXATTRS_UNSPECIFIED, &r);
    log = log_capture_end();
    g_assert_cmpuint(r, ==, MEMTX_DECODE_ERROR);
    g_assert_cmpstr(tdev_calls(&d), ==, "");
    g_assert_cmpstr(log, ==, "Invalid write at addr 0x2, size 4, region 't.dev', "
                    "reason: unaligned\n");

    /* Allowed by valid, not by impl: two aligned calls, bytes merged. */
    d.ops.valid.unaligned = true;
    g_assert_cmphex(address_space_ldl_le(&s.as, 0x1002, MEMTXATTRS_UNSPECIFIED, &r), ==,
                    0x77045566);
    g_assert_cmpuint(r, ==, MEMTX_OK);
    g_assert_cmpstr(tdev_calls(&d), ==, "r0/4 r4/4 ");
    /* And with impl.unaligned the device gets it as is. */
    d.ops.impl.unaligned = true;
    address_space_ldl_le(&s.as, 0x1002, MEMTXATTRS_UNSPECIFIED, &r);
    g_assert_cmpstr(tdev_calls(&d), ==, "r2/4 ");

    tdev_fini(&d);
    space_fini(&s);
}

static void test_mmio_accepts(void)
{
    TestSpace s;
    TestDev d;
    MemTxResult r;
    g_autofree char *log = NULL;

    space_init(&s);
    tdev_init(&d, "t.dev", 0x100, DEVICE_LITTLE_ENDIAN);
    d.ops.valid.accepts = tdev_accepts;
    d.reject = true;
    memory_region_add_subregion(&s.root, 0x1000, &d.mr);

    log_capture_begin();
    address_space_stw(&s.as, 0x1010, 7, MEMTXATTRS_UNSPECIFIED, &r);
    g_assert_cmpuint(r, ==, MEMTX_DECODE_ERROR);
    address_space_lduw(&s.as, 0x1010, MEMTXATTRS_UNSPECIFIED, &r);
    g_assert_cmpuint(r, ==, MEMTX_OK);
    log = log_capture_end();
    g_assert_cmpstr(tdev_calls(&d), ==, "r10/2 ");
    g_assert_cmpstr(log, ==, "Invalid write at addr 0x10, size 2, region 't.dev', "
                    "reason: rejected\n");

    tdev_fini(&d);
    space_fini(&s);
}

static void test_mmio_endian(void)
{
    TestSpace s;
    TestDev le, be, nat;
    uint8_t buf[4];
    const uint8_t le_bytes[4] = { 0x00, 0x77, 0x66, 0x55 };
    const uint8_t be_bytes[4] = { 0x55, 0x66, 0x77, 0x00 };

    g_assert_cmpint(target_big_endian(), ==, FERRY_TARGET_BIG_ENDIAN);
    space_init(&s);
    tdev_init(&le, "t.le", 0x100, DEVICE_LITTLE_ENDIAN);
    tdev_init(&be, "t.be", 0x100, DEVICE_BIG_ENDIAN);
    tdev_init(&nat, "t.native", 0x100, DEVICE_NATIVE_ENDIAN);
    memory_region_add_subregion(&s.root, 0x1000, &le.mr);
    memory_region_add_subregion(&s.root, 0x2000, &be.mr);
    memory_region_add_subregion(&s.root, 0x3000, &nat.mr);

    /* One call of size 4; the bytes are the register in device order. */
    address_space_read(&s.as, 0x1000, MEMTXATTRS_UNSPECIFIED, buf, 4);
    g_assert_cmpmem(buf, 4, le_bytes, 4);
    g_assert_cmpstr(tdev_calls(&le), ==, "r0/4 ");
    address_space_read(&s.as, 0x2000, MEMTXATTRS_UNSPECIFIED, buf, 4);
    g_assert_cmpmem(buf, 4, be_bytes, 4);
    g_assert_cmpstr(tdev_calls(&be), ==, "r0/4 ");
    address_space_read(&s.as, 0x3000, MEMTXATTRS_UNSPECIFIED, buf, 4);
    g_assert_cmpmem(buf, 4, FERRY_TARGET_BIG_ENDIAN ? be_bytes : le_bytes, 4);

    /* Sized loads: same endianness as the device gives the register value. */
    g_assert_cmphex(address_space_ldl_le(&s.as, 0x1000, MEMTXATTRS_UNSPECIFIED, NULL),
                    ==, 0x55667700);
    g_assert_cmphex(address_space_ldl_be(&s.as, 0x1000, MEMTXATTRS_UNSPECIFIED, NULL),
                    ==, 0x00776655);
    g_assert_cmphex(address_space_ldl_be(&s.as, 0x2000, MEMTXATTRS_UNSPECIFIED, NULL),
                    ==, 0x55667700);
    g_assert_cmphex(address_space_ldl(&s.as, 0x3000, MEMTXATTRS_UNSPECIFIED, NULL),
                    ==, 0x55667700);
    g_assert_cmphex(address_space_ldl(&s.as, 0x1000, MEMTXATTRS_UNSPECIFIED, NULL), ==,
                    FERRY_TARGET_BIG_ENDIAN ? 0x00776655 : 0x55667700);
    tdev_calls(&le);
    tdev_calls(&be);
    tdev_calls(&nat);

    /* Stores: byte buffer 01 02 03 04 is 0x04030201 to LE, 0x01020304 to BE. */
    buf[0] = 1, buf[1] = 2, buf[2] = 3, buf[3] = 4;
    address_space_write(&s.as, 0x1004, MEMTXATTRS_UNSPECIFIED, buf, 4);
    g_assert_cmpstr(tdev_calls(&le), ==, "w4/4=4030201 ");
    address_space_write(&s.as, 0x2004, MEMTXATTRS_UNSPECIFIED, buf, 4);
    g_assert_cmpstr(tdev_calls(&be), ==, "w4/4=1020304 ");
    address_space_write(&s.as, 0x3004, MEMTXATTRS_UNSPECIFIED, buf, 4);
    g_assert_cmpstr(tdev_calls(&nat), ==,
                    FERRY_TARGET_BIG_ENDIAN ? "w4/4=1020304 " : "w4/4=4030201 ");
    address_space_stl_le(&s.as, 0x2008, 0x01020304, MEMTXATTRS_UNSPECIFIED, NULL);
    g_assert_cmpstr(tdev_calls(&be), ==, "w8/4=4030201 ");
    address_space_stw(&s.as, 0x300c, 0x1234, MEMTXATTRS_UNSPECIFIED, NULL);
    g_assert_cmpstr(tdev_calls(&nat), ==, "wc/2=1234 ");

    tdev_fini(&le);
    tdev_fini(&be);
    tdev_fini(&nat);
    space_fini(&s);
}

/* ---- RAM, ROM, unassigned ---- */

static void test_ram_rw(void)
{
    TestSpace s;
    MemoryRegion ram;
    uint8_t in[16], out[16];
    const uint8_t *host;

    space_init(&s);
    ram_init(&ram, "t.ram", 0x10000);
    host = memory_region_get_ram_ptr(&ram);
    g_assert_cmpuint((uintptr_t)host % 4096, ==, 0);
    g_assert_cmphex(host[0x1234], ==, 0);
    memory_region_add_subregion(&s.root, 0x40000000, &ram);

    for (int i = 0; i < 16; i++) {
        in[i] = i * 3 + 1;
    }
    g_assert_cmpuint(address_space_write(&s.as, 0x40000ffa, MEMTXATTRS_UNSPECIFIED, in, 16),
                     ==, MEMTX_OK);
    g_assert_cmpmem(host + 0xffa, 16, in, 16);
    g_assert_cmpuint(address_space_rw(&s.as, 0x40000ffa, MEMTXATTRS_UNSPECIFIED, out, 16,
                                      false), ==, MEMTX_OK);
    g_assert_cmpmem(out, 16, in, 16);

    address_space_stq_be(&s.as, 0x40000100, 0x0102030405060708ULL, MEMTXATTRS_UNSPECIFIED,
                         NULL);
    g_assert_cmphex(host[0x100], ==, 1);
    g_assert_cmphex(host[0x107], ==, 8);
    g_assert_cmphex(address_space_ldq_le(&s.as, 0x40000100, MEMTXATTRS_UNSPECIFIED, NULL),
                    ==, 0x0807060504030201ULL);
    g_assert_cmphex(address_space_lduw_be(&s.as, 0x40000101, MEMTXATTRS_UNSPECIFIED, NULL),
                    ==, 0x0203);
    address_space_stl(&s.as, 0x40000200, 0xaabbccdd, MEMTXATTRS_UNSPECIFIED, NULL);
    g_assert_cmphex(host[0x200], ==, FERRY_TARGET_BIG_ENDIAN ? 0xaa : 0xdd);

    memory_region_finalize(&ram);
    space_fini(&s);
}

static void test_rom(void)
{
    TestSpace s;
    MemoryRegion rom;
    const uint8_t data[4] = { 1, 2, 3, 4 };
    uint8_t out[4];
    const uint8_t *host;
    g_autofree char *log = NULL;

    space_init(&s);
    g_assert_true(memory_region_init_rom(&rom, NULL, "t.rom", 0x1000, &error_abort));
    g_assert_true(memory_region_is_rom(&rom));
    host = memory_region_get_ram_ptr(&rom);
    memory_region_add_subregion(&s.root, 0x100000, &rom);

    log_capture_begin();
    g_assert_cmpuint(address_space_write(&s.as, 0x100010, MEMTXATTRS_UNSPECIFIED, data, 4),
                     ==, MEMTX_OK);
    address_space_stl(&s.as, 0x100020, 0x12345678, MEMTXATTRS_UNSPECIFIED, NULL);
    log = log_capture_end();
    g_assert_cmphex(host[0x10], ==, 0);
    g_assert_cmphex(host[0x20], ==, 0);
    g_assert_cmpstr(log, ==,
                    "Invalid write at addr 0x100010, size 4, region 't.rom', "
                    "reason: read-only, ignored\n"
                    "Invalid write at addr 0x100020, size 4, region 't.rom', "
                    "reason: read-only, ignored\n");

    g_assert_cmpuint(address_space_write_rom(&s.as, 0x100010, MEMTXATTRS_UNSPECIFIED, data,
                                             4), ==, MEMTX_OK);
    address_space_read(&s.as, 0x100010, MEMTXATTRS_UNSPECIFIED, out, 4);
    g_assert_cmpmem(out, 4, data, 4);

    /* Read-only RAM behaves the same, and becomes writable again. */
    memory_region_set_readonly(&rom, false);
    address_space_stb(&s.as, 0x100030, 9, MEMTXATTRS_UNSPECIFIED, NULL);
    g_assert_cmphex(host[0x30], ==, 9);

    memory_region_finalize(&rom);
    space_fini(&s);
}

static void test_rom_device(void)
{
    TestSpace s;
    TestDev d;
    uint8_t *host;

    space_init(&s);
    memset(&d, 0, sizeof(d));
    d.ops.read = tdev_read;
    d.ops.write = tdev_write;
    d.ops.endianness = DEVICE_LITTLE_ENDIAN;
    d.calls = g_string_new("");
    g_assert_true(memory_region_init_rom_device(&d.mr, NULL, &d.ops, &d, "t.flash", 0x1000,
                                                &error_abort));
    host = memory_region_get_ram_ptr(&d.mr);
    host[4] = 0x5a;
    memory_region_add_subregion(&s.root, 0, &d.mr);

    g_assert_cmphex(address_space_ldub(&s.as, 4, MEMTXATTRS_UNSPECIFIED, NULL), ==, 0x5a);
    address_space_stw_le(&s.as, 4, 0x00f0, MEMTXATTRS_UNSPECIFIED, NULL);
    g_assert_cmpstr(tdev_calls(&d), ==, "w4/2=f0 ");
    g_assert_cmphex(host[4], ==, 0x5a);
    memory_region_rom_device_set_romd(&d.mr, false);
    g_assert_cmphex(address_space_ldub(&s.as, 4, MEMTXATTRS_UNSPECIFIED, NULL), ==, 0x04);
    g_assert_cmpstr(tdev_calls(&d), ==, "r4/1 ");
    /* The loader fills its memory whatever the mode. */
    address_space_write_rom(&s.as, 8, MEMTXATTRS_UNSPECIFIED, "\x77", 1);
    g_assert_cmphex(host[8], ==, 0x77);
    g_assert_cmpstr(tdev_calls(&d), ==, "");

    tdev_fini(&d);
    space_fini(&s);
}

static void test_unassigned(void)
{
    TestSpace s;
    uint8_t buf[4] = { 0xff, 0xff, 0xff, 0xff };
    const uint8_t zero[4] = { 0 };
    MemTxResult r;
    g_autofree char *log = NULL;

    space_init(&s);
    log_capture_begin();
    r = address_space_read(&s.as, 0x5000, MEMTXATTRS_UNSPECIFIED, buf, 4);
    g_assert_cmpuint(r, ==, MEMTX_DECODE_ERROR);
    g_assert_cmpmem(buf, 4, zero, 4);
    g_assert_cmphex(address_space_ldl(&s.as, 0x6000, MEMTXATTRS_UNSPECIFIED, &r), ==, 0);
    g_assert_cmpuint(r, ==, MEMTX_DECODE_ERROR);
    address_space_stw(&s.as, 0x7000, 1, MEMTXATTRS_UNSPECIFIED, &r);
    g_assert_cmpuint(r, ==, MEMTX_DECODE_ERROR);
    log = log_capture_end();
    g_assert_cmpstr(log, ==,
                    "Invalid read at addr 0x5000, size 4, address space 'test', "
                    "reason: unassigned\n"
                    "Invalid read at addr 0x6000, size 4, address space 'test', "
                    "reason: unassigned\n"
                    "Invalid write at addr 0x7000, size 2, address space 'test', "
                    "reason: unassigned\n");

    /* Without the log category nothing is written, the result is the same. */
    g_assert_cmphex(address_space_ldub(&s.as, 0x5000, MEMTXATTRS_UNSPECIFIED, &r), ==, 0);
    g_assert_cmpuint(r, ==, MEMTX_DECODE_ERROR);
    space_fini(&s);
}

static void test_cross_boundary(void)
{
    TestSpace s;
    MemoryRegion ram1, ram2;
    TestDev d;
    uint8_t buf[24], *h1, *h2;
    MemTxResult r;
    g_autofree char *log = NULL;

    /* ram1 [0x0ff8, 0x1000) | dev [0x1000, 0x1004) | hole 4 | ram2 [0x1008, ...) */
    space_init(&s);
    ram_init(&ram1, "t.ram1", 0x1000);
    ram_init(&ram2, "t.ram2", 0x1000);
    tdev_init(&d, "t.dev", 4, DEVICE_LITTLE_ENDIAN);
    memory_region_add_subregion(&s.root, 0, &ram1);
    memory_region_add_subregion(&s.root, 0x1000, &d.mr);
    memory_region_add_subregion(&s.root, 0x1008, &ram2);
    h1 = memory_region_get_ram_ptr(&ram1);
    h2 = memory_region_get_ram_ptr(&ram2);
    for (int i = 0; i < 8; i++) {
        h1[0xff8 + i] = 0x10 + i;
        h2[i] = 0x20 + i;
    }

    log_capture_begin();
    memset(buf, 0xee, sizeof(buf));
    r = address_space_read(&s.as, 0xff8, MEMTXATTRS_UNSPECIFIED, buf, 24);
    log = log_capture_end();
    g_assert_cmpuint(r, ==, MEMTX_DECODE_ERROR);
    g_assert_cmphex(buf[0], ==, 0x10);
    g_assert_cmphex(buf[7], ==, 0x17);
    g_assert_cmphex(buf[8], ==, 0x00);      /* device 0x55667700, little-endian */
    g_assert_cmphex(buf[9], ==, 0x77);
    g_assert_cmphex(buf[11], ==, 0x55);
    g_assert_cmphex(buf[12], ==, 0);        /* hole */
    g_assert_cmphex(buf[15], ==, 0);
    g_assert_cmphex(buf[16], ==, 0x20);
    g_assert_cmphex(buf[23], ==, 0x27);
    g_assert_cmpstr(tdev_calls(&d), ==, "r0/4 ");
    g_assert_cmpstr(log, ==, "Invalid read at addr 0x1004, size 4, address space 'test', "
                    "reason: unassigned\n");

    /* A sized access straddling RAM and device goes byte-path. */
    address_space_stl_le(&s.as, 0xffe, 0xa1b2c3d4, MEMTXATTRS_UNSPECIFIED, &r);
    g_assert_cmpuint(r, ==, MEMTX_OK);
    g_assert_cmphex(h1[0xffe], ==, 0xd4);
    g_assert_cmphex(h1[0xfff], ==, 0xc3);
    g_assert_cmpstr(tdev_calls(&d), ==, "w0/2=a1b2 ");

    memory_region_finalize(&ram1);
    memory_region_finalize(&ram2);
    tdev_fini(&d);
    space_fini(&s);
}

/* ---- RAM blocks ---- */

static int collect_block(RAMBlock *rb, void *opaque)
{
    GString *s = opaque;

    if (g_str_has_prefix(rb->idstr, "t.")) {
        g_string_append_printf(s, "%s ", rb->idstr);
    }
    return 0;
}

static void test_ramblock_ids(void)
{
    MemoryRegion a, b, dup, bad, ptr;
    Error *err = NULL;
    g_autoptr(GString) order = g_string_new("");
    g_autofree char *long_id = g_strnfill(256, 'x');
    static uint8_t backing[8192];
    uint64_t total = ram_bytes_total();
    RAMBlock *rb;

    ram_init(&a, "t.first", 0x3000);
    ram_init(&b, "t.second", 0x800);
    g_assert_cmpuint(ram_bytes_total(), ==, total + 0x3800);
    rb = qemu_ram_block_by_name("t.first");
    g_assert_true(rb == a.ram_block && rb->mr == &a);
    g_assert_cmpuint(rb->used_length, ==, 0x3000);
    g_assert_cmpuint(rb->offset % TARGET_PAGE_SIZE, ==, 0);
    g_assert_true(qemu_ram_block_from_addr(b.ram_block->offset + 0x7ff) == b.ram_block);
    g_assert_null(qemu_ram_block_by_name("t.nonexistent"));

    g_assert_false(memory_region_init_ram(&dup, NULL, "t.first", 0x1000, &err));
    g_assert_cmpstr(error_get_pretty(err), ==, "RAM block id 't.first' is already in use");
    g_clear_pointer(&err, error_free);
    memory_region_finalize(&dup);       /* left never-initialized: safe */
    g_assert_true(qemu_ram_block_by_name("t.first") == a.ram_block);

    g_assert_false(memory_region_init_ram(&bad, NULL, "", 0x1000, &err));
    g_assert_cmpstr(error_get_pretty(err), ==, "RAM block id must not be empty");
    g_clear_pointer(&err, error_free);
    g_assert_false(memory_region_init_rom(&bad, NULL, long_id, 0x1000, &err));
    g_assert_true(g_str_has_suffix(error_get_pretty(err),
                                   "' is too long (at most 255 characters)"));
    g_clear_pointer(&err, error_free);
    g_assert_false(memory_region_init_ram(&bad, NULL, "t.empty", 0, &err));
    g_assert_cmpstr(error_get_pretty(err), ==, "RAM block 't.empty' has size 0");
    g_clear_pointer(&err, error_free);
    g_assert_false(memory_region_init_ram(&bad, NULL, "t.huge", 1ULL << 62, &err));
    g_assert_true(g_str_has_prefix(error_get_pretty(err),
                                   "cannot allocate 4611686018427387904 bytes for RAM "
                                   "block 't.huge': "));
    g_clear_pointer(&err, error_free);
    g_assert_null(qemu_ram_block_by_name("t.huge"));

    memory_region_init_ram_ptr(&ptr, NULL, "t.ptr", sizeof(backing), backing);
    g_assert_true(memory_region_get_ram_ptr(&ptr) == backing);

    qemu_ram_foreach_block(collect_block, order);
    g_assert_cmpstr(order->str, ==, "t.first t.second t.ptr ");

    memory_region_finalize(&a);
    memory_region_finalize(&b);
    memory_region_finalize(&ptr);
    g_assert_null(qemu_ram_block_by_name("t.first"));
    g_assert_cmpuint(ram_bytes_total(), ==, total);
    /* The id is free again. */
    ram_init(&a, "t.first", 0x1000);
    memory_region_finalize(&a);
}

/* ---- Dirty tracking ---- */

static void test_dirty_clients(void)
{
    TestSpace s;
    MemoryRegion ram, alias;
    RAMBlock *rb;
    unsigned long *dest;
    const uint64_t P = TARGET_PAGE_SIZE;

    space_init(&s);
    ram_init(&ram, "t.ram", 16 * P);
    memory_region_init_alias(&alias, NULL, "t.alias", &ram, 8 * P, 8 * P);
    memory_region_add_subregion(&s.root, 0, &ram);
    memory_region_add_subregion(&s.root, 0x100000, &alias);
    rb = ram.ram_block;

    /* New RAM is dirty for everyone. */
    g_assert_true(memory_region_get_dirty(&ram, 0, 16 * P, DIRTY_MEMORY_VGA));
    for (unsigned c = 0; c < DIRTY_MEMORY_NUM; c++) {
        memory_region_reset_dirty(&ram, 0, 16 * P, c);
        g_assert_false(memory_region_get_dirty(&ram, 0, 16 * P, c));
    }

    /* Log off: writes mark VGA (and CODE) but not MIGRATION. */
    g_assert_false(memory_global_dirty_log_active());
    address_space_stl(&s.as, 2 * P + 8, 1, MEMTXATTRS_UNSPECIFIED, NULL);
    g_assert_true(memory_region_get_dirty(&ram, 2 * P, P, DIRTY_MEMORY_VGA));
    g_assert_true(memory_region_get_dirty(&ram, 2 * P, P, DIRTY_MEMORY_CODE));
    g_assert_false(memory_region_get_dirty(&ram, 2 * P, P, DIRTY_MEMORY_MIGRATION));
    g_assert_false(memory_region_get_dirty(&ram, 0, 2 * P, DIRTY_MEMORY_VGA));
    g_assert_false(memory_region_get_dirty(&ram, 3 * P, 13 * P, DIRTY_MEMORY_VGA));

    /* Log on: through an alias, across a page boundary. */
    memory_global_dirty_log_start();
    g_assert_true(memory_global_dirty_log_active());
    address_space_stq(&s.as, 0x100000 + P - 4, 1, MEMTXATTRS_UNSPECIFIED, NULL);
    g_assert_true(memory_region_get_dirty(&ram, 8 * P, 1, DIRTY_MEMORY_MIGRATION));
    g_assert_true(memory_region_get_dirty(&alias, P, 1, DIRTY_MEMORY_MIGRATION));
    g_assert_false(memory_region_get_dirty(&ram, 2 * P, P, DIRTY_MEMORY_MIGRATION));
    memory_region_set_dirty(&ram, 15 * P, 1);
    g_assert_cmphex(ramblock_dirty_bitmap(rb, DIRTY_MEMORY_MIGRATION)[0], ==,
                    (1UL << 8) | (1UL << 9) | (1UL << 15));

    /* Migration takes the bits: counted once, then gone. */
    dest = g_new0(unsigned long, 1);
    dest[0] = 1UL << 15;                 /* already pending in migration's view */
    g_assert_cmpuint(ramblock_sync_dirty_bitmap(rb, dest), ==, 2);
    g_assert_cmphex(dest[0], ==, (1UL << 8) | (1UL << 9) | (1UL << 15));
    g_assert_false(memory_region_get_dirty(&ram, 0, 16 * P, DIRTY_MEMORY_MIGRATION));
    g_assert_cmpuint(ramblock_sync_dirty_bitmap(rb, dest), ==, 0);
    g_free(dest);

    /* test_and_clear reports and clears; other clients keep their bits. */
    g_assert_true(memory_region_test_and_clear_dirty(&ram, 2 * P, 4, DIRTY_MEMORY_VGA));
    g_assert_false(memory_region_test_and_clear_dirty(&ram, 2 * P, 4, DIRTY_MEMORY_VGA));
    g_assert_true(memory_region_get_dirty(&ram, 2 * P, 1, DIRTY_MEMORY_CODE));

    memory_global_dirty_log_stop();
    address_space_stb(&s.as, 5 * P, 1, MEMTXATTRS_UNSPECIFIED, NULL);
    g_assert_false(memory_region_get_dirty(&ram, 5 * P, 1, DIRTY_MEMORY_MIGRATION));
    g_assert_true(memory_region_get_dirty(&ram, 5 * P, 1, DIRTY_MEMORY_VGA));

    /* Starting again forgets what an earlier session left. */
    memory_region_set_dirty(&ram, 0, 1);
    memory_global_dirty_log_start();
    address_space_stb(&s.as, 6 * P, 1, MEMTXATTRS_UNSPECIFIED, NULL);
    g_assert_cmphex(ramblock_dirty_bitmap(rb, DIRTY_MEMORY_MIGRATION)[0], ==, 1UL << 6);
    memory_global_dirty_log_stop();

    memory_region_finalize(&alias);
    memory_region_finalize(&ram);
    space_fini(&s);
}

static GString *code_writes;

static void record_code_write(ram_addr_t start, ram_addr_t len)
{
    g_string_append_printf(code_writes, "%" PRIx64 "+%" PRIx64 " ", start, len);
}

static void test_dirty_code(void)
{
    TestSpace s;
    MemoryRegion ram;
    ram_addr_t base;
    const uint64_t P = TARGET_PAGE_SIZE;
    uint8_t buf[16] = { 0 };

    space_init(&s);
    ram_init(&ram, "t.ram", 4 * P);
    memory_region_add_subregion(&s.root, 0, &ram);
    base = memory_region_get_ram_addr(&ram);
    code_writes = g_string_new("");
    memory_set_code_write_notifier(record_code_write);

    g_assert_true(ram_page_is_code_clean(base + P));
    ram_page_protect_code(base + P + 5);
    g_assert_false(ram_page_is_code_clean(base + P));
    g_assert_true(ram_page_is_code_clean(base));

    address_space_stl(&s.as, 0x10, 1, MEMTXATTRS_UNSPECIFIED, NULL);   /* page 0: clean */
    g_assert_cmpstr(code_writes->str, ==, "");
    address_space_write(&s.as, P - 8, MEMTXATTRS_UNSPECIFIED, buf, 16);
    {
        /* Only the protected page is reported, with the bytes written in it. */
        g_autofree char *want = g_strdup_printf("%" PRIx64 "+8 ", base + P);

        g_assert_cmpstr(code_writes->str, ==, want);
    }
    g_string_truncate(code_writes, 0);
    g_assert_true(ram_page_is_code_clean(base + P));

    /* Once per protection: the second write is free. */
    ram_page_protect_code(base + 2 * P);
    address_space_stw(&s.as, 2 * P + 6, 1, MEMTXATTRS_UNSPECIFIED, NULL);
    address_space_stw(&s.as, 2 * P + 6, 1, MEMTXATTRS_UNSPECIFIED, NULL);
    {
        g_autofree char *want = g_strdup_printf("%" PRIx64 "+2 ", base + 2 * P + 6);

        g_assert_cmpstr(code_writes->str, ==, want);
    }

    memory_set_code_write_notifier(NULL);
    g_string_free(code_writes, TRUE);
    memory_region_finalize(&ram);
    space_fini(&s);
}

/* ---- Translation ---- */

static void test_translate(void)
{
    TestSpace s;
    MemoryRegion ram, alias;
    TestDev d;
    hwaddr xlat, len;
    MemoryRegion *mr;

    space_init(&s);
    ram_init(&ram, "t.ram", 0x2000);
    memory_region_init_alias(&alias, NULL, "t.alias", &ram, 0x1000, 0x1000);
    tdev_init(&d, "t.dev", 0x100, DEVICE_LITTLE_ENDIAN);
    memory_region_add_subregion(&s.root, 0x10000, &ram);
    memory_region_add_subregion(&s.root, 0x20000, &alias);
    memory_region_add_subregion(&s.root, 0x30000, &d.mr);

    len = 0x10000;
    mr = address_space_translate(&s.as, 0x10800, &xlat, &len, false, MEMTXATTRS_UNSPECIFIED);
    g_assert_true(mr == &ram);
    g_assert_cmphex(xlat, ==, 0x800);
    g_assert_cmphex(len, ==, 0x1800);
    g_assert_true(memory_access_is_direct(mr, true, false));

    len = 4;
    mr = address_space_translate(&s.as, 0x20ff0, &xlat, &len, true, MEMTXATTRS_UNSPECIFIED);
    g_assert_true(mr == &ram);                  /* alias resolved */
    g_assert_cmphex(xlat, ==, 0x1ff0);
    g_assert_cmphex(len, ==, 4);

    len = 0x1000;
    mr = address_space_translate(&s.as, 0x30010, &xlat, &len, false, MEMTXATTRS_UNSPECIFIED);
    g_assert_true(mr == &d.mr);
    g_assert_cmphex(xlat, ==, 0x10);
    g_assert_cmphex(len, ==, 0xf0);
    g_assert_false(memory_access_is_direct(mr, false, false));

    len = 0x100000;
    mr = address_space_translate(&s.as, 0x12000, &xlat, &len, false, MEMTXATTRS_UNSPECIFIED);
    g_assert_null(mr);
    g_assert_cmphex(len, ==, 0xe000);           /* up to the alias at 0x20000 */
    g_assert_true(address_space_lookup(&s.as, 0x20000)->mr == &ram);

    memory_region_finalize(&alias);
    memory_region_finalize(&ram);
    tdev_fini(&d);
    space_fini(&s);
}

/* ---- System memory and "info mtree" ---- */

static void test_system_mtree(void)
{
    MemoryRegion *sys;
    MemoryRegion ram, flash, alias, box;
    TestDev uart;
    g_autoptr(GString) out = g_string_new("");
    g_autoptr(GString) flat = g_string_new("");
    const char *p;

    memory_init();
    memory_init();
    sys = get_system_memory();
    g_assert_true(sys == get_system_memory());
    g_assert_cmpstr(memory_region_name(sys), ==, "system");
    g_assert_cmphex(memory_region_size(sys), ==, UINT64_MAX);
    g_assert_true(address_space_memory.root == sys);
    g_assert_true(address_space_io.root == get_system_io());
    g_assert_cmphex(memory_region_size(get_system_io()), ==, 0x10000);

    ram_init(&ram, "t.highmem", 0x1000000);
    g_assert_true(memory_region_init_rom(&flash, NULL, "t.flash", 0x10000, &error_abort));
    memory_region_init_alias(&alias, NULL, "t.lowmem", &ram, 0, 0x10000);
    memory_region_init(&box, NULL, "t.box", 0x2000);
    tdev_init(&uart, "t.uart", 0x1000, DEVICE_LITTLE_ENDIAN);
    memory_region_add_subregion(sys, 0x60000000, &ram);
    memory_region_add_subregion_overlap(sys, 0, &flash, 1);
    memory_region_add_subregion(sys, 0, &alias);
    memory_region_add_subregion(sys, 0x10000000, &box);
    memory_region_add_subregion(&box, 0x1000, &uart.mr);
    memory_region_set_enabled(&box, true);

    address_space_stl(&address_space_memory, 0x60000004, 0x11, MEMTXATTRS_UNSPECIFIED, NULL);
    g_assert_cmphex(address_space_ldl(&address_space_memory, 0x60000004,
                                      MEMTXATTRS_UNSPECIFIED, NULL), ==, 0x11);

    mtree_info(false, out);
    p = strstr(out->str, "address-space: memory\n"
               "  0000000000000000-ffffffffffffffff (prio 0, i/o): system\n"
               "    0000000000000000-000000000000ffff (prio 1, rom): t.flash\n"
               "    0000000000000000-000000000000ffff (prio 0, ram): "
               "alias t.lowmem @t.highmem 0000000000000000-000000000000ffff\n"
               "    0000000010000000-0000000010001fff (prio 0, i/o): t.box\n"
               "      0000000010001000-0000000010001fff (prio 0, i/o): t.uart\n"
               "    0000000060000000-0000000060ffffff (prio 0, ram): t.highmem\n"
               "\n");
    g_assert_nonnull(p);
    g_assert_nonnull(strstr(out->str, "address-space: I/O\n"
                            "  0000000000000000-000000000000ffff (prio 0, i/o): io\n\n"));

    memory_region_set_enabled(&box, false);
    g_string_truncate(out, 0);
    mtree_info(false, out);
    g_assert_nonnull(strstr(out->str, "(prio 0, i/o): t.box [disabled]\n"));

    mtree_info(true, flat);
    g_assert_nonnull(strstr(flat->str, " AS \"memory\", root: system\n"
                            " Root memory region: system\n"
                            "  0000000000000000-000000000000ffff (prio 1, rom): t.flash\n"
                            "  0000000060000000-0000000060ffffff (prio 0, ram): t.highmem\n"
                            "\n"));

    memory_region_finalize(&alias);
    memory_region_finalize(&ram);
    memory_region_finalize(&flash);
    tdev_fini(&uart);
    memory_region_finalize(&box);
    g_string_truncate(flat, 0);
    mtree_info(true, flat);
    g_assert_nonnull(strstr(flat->str, " Root memory region: system\n"
                            "  No rendered FlatView\n"));
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/memory/overlap/priority", test_overlap_priority);
    g_test_add_func("/memory/overlap/equal-priority", test_overlap_equal_priority);
    g_test_add_func("/memory/container/nested", test_container_nested);
    g_test_add_func("/memory/alias/ram", test_alias_ram);
    g_test_add_func("/memory/alias/mmio", test_alias_mmio);
    g_test_add_func("/memory/view/rebuild", test_view_rebuild);
    g_test_add_func("/memory/finalize", test_finalize);
    g_test_add_func("/memory/mmio/split", test_mmio_split);
    g_test_add_func("/memory/mmio/widen", test_mmio_widen);
    g_test_add_func("/memory/mmio/valid", test_mmio_valid);
    g_test_add_func("/memory/mmio/unaligned", test_mmio_unaligned);
    g_test_add_func("/memory/mmio/accepts", test_mmio_accepts);
    g_test_add_func("/memory/mmio/endian", test_mmio_endian);
    g_test_add_func("/memory/ram/rw", test_ram_rw);
    g_test_add_func("/memory/rom", test_rom);
    g_test_add_func("/memory/rom-device", test_rom_device);
    g_test_add_func("/memory/unassigned", test_unassigned);
    g_test_add_func("/memory/cross-boundary", test_cross_boundary);
    g_test_add_func("/memory/ramblock/ids", test_ramblock_ids);
    g_test_add_func("/memory/dirty/clients", test_dirty_clients);
    g_test_add_func("/memory/dirty/code", test_dirty_code);
    g_test_add_func("/memory/translate", test_translate);
    g_test_add_func("/memory/system-mtree", test_system_mtree);
    return g_test_run();
}
