/*
 * The "ram" live section: exact bytes of the records (block list, ZERO,
 * PAGE, CONTINUE across sections, EOS) and every load error.
 */
#include "qemu/osdep.h"
#include "exec/memory.h"
#include "exec/ram_addr.h"
#include "exec/ramblock.h"
#include "migration/migration.h"
#include "migration/ram.h"
#include "migration/vmstate.h"

#define PAGE TARGET_PAGE_SIZE

static MemoryRegion ram_mr;
static RAMBlock *rb;

static void put64(GByteArray *a, uint64_t v)
{
    for (int i = 7; i >= 0; i--) {
        uint8_t b = v >> (i * 8);

        g_byte_array_append(a, &b, 1);
    }
}

static void put_name(GByteArray *a, const char *name)
{
    uint8_t len = strlen(name);

    g_byte_array_append(a, &len, 1);
    g_byte_array_append(a, (const uint8_t *)name, len);
}

static void put_page(GByteArray *a, uint8_t fill)
{
    for (uint64_t i = 0; i < PAGE; i++) {
        g_byte_array_append(a, &fill, 1);
    }
}

static void assert_bytes(QEMUFile *f, GByteArray *expect)
{
    GByteArray *got = qemu_file_mem_data(f);

    g_assert_cmpuint(got->len, ==, expect->len);
    g_assert_cmpmem(got->data, got->len, expect->data, expect->len);
}

static void test_encoding(void)
{
    g_autoptr(GByteArray) start = g_byte_array_new();
    g_autoptr(GByteArray) part = g_byte_array_new();
    g_autoptr(GByteArray) end = g_byte_array_new();
    QEMUFile *f;
    RamStats st;
    Error *err = NULL;

    memset(rb->host, 0, 3 * PAGE);
    memset(rb->host + PAGE, 0xab, PAGE);

    f = qemu_file_new_output_mem();
    g_assert_true(ram_save_handlers.save_setup(f, NULL, &error_abort));
    put64(start, 3 * PAGE | RAM_SAVE_FLAG_MEM_SIZE);
    put_name(start, "t.ram");
    put64(start, 3 * PAGE);
    put64(start, RAM_SAVE_FLAG_EOS);
    assert_bytes(f, start);
    qemu_fclose(f);

    /* One pass: nothing was written meanwhile, so the section is done. */
    f = qemu_file_new_output_mem();
    ram_set_iterate_budget(0);
    g_assert_cmpint(ram_save_handlers.save_live_iterate(f, NULL, &error_abort), ==, 1);
    put64(part, 0 | RAM_SAVE_FLAG_ZERO);
    put_name(part, "t.ram");
    g_byte_array_append(part, (const uint8_t *)"", 1);
    put64(part, PAGE | RAM_SAVE_FLAG_PAGE | RAM_SAVE_FLAG_CONTINUE);
    put_page(part, 0xab);
    put64(part, 2 * PAGE | RAM_SAVE_FLAG_ZERO | RAM_SAVE_FLAG_CONTINUE);
    g_byte_array_append(part, (const uint8_t *)"", 1);
    put64(part, RAM_SAVE_FLAG_EOS);
    assert_bytes(f, part);
    qemu_fclose(f);

    /* A write seen by dirty logging goes in the END; CONTINUE persists. */
    memset(rb->host + 2 * PAGE, 0x5c, PAGE);
    cpu_physical_memory_set_dirty_range(rb->offset + 2 * PAGE, 4);
    f = qemu_file_new_output_mem();
    g_assert_true(ram_save_handlers.save_live_complete(f, NULL, &error_abort));
    put64(end, 2 * PAGE | RAM_SAVE_FLAG_PAGE | RAM_SAVE_FLAG_CONTINUE);
    put_page(end, 0x5c);
    put64(end, RAM_SAVE_FLAG_EOS);
    assert_bytes(f, end);
    qemu_fclose(f);

    ram_stats_get(&st);
    g_assert_cmpuint(st.total, ==, 3 * PAGE);
    g_assert_cmpuint(st.duplicate, ==, 2);
    g_assert_cmpuint(st.normal, ==, 2);
    g_assert_cmpuint(st.remaining, ==, 0);
    g_assert_cmpuint(st.dirty_sync_count, ==, 3);
    g_assert_cmpuint(st.transferred, ==, start->len + part->len + end->len);
    ram_save_handlers.save_cleanup(NULL);

    /* Loading the three sections reproduces the memory. */
    memset(rb->host, 0x11, 3 * PAGE);
    f = qemu_file_new_input_mem(start->data, start->len);
    g_assert_true(ram_save_handlers.load_state(f, NULL, 4, 0x01, &err));
    qemu_fclose(f);
    f = qemu_file_new_input_mem(part->data, part->len);
    g_assert_true(ram_save_handlers.load_state(f, NULL, 4, 0x02, &err));
    qemu_fclose(f);
    f = qemu_file_new_input_mem(end->data, end->len);
    g_assert_true(ram_save_handlers.load_state(f, NULL, 4, 0x03, &err));
    qemu_fclose(f);
    g_assert_true(buffer_is_zero(rb->host, PAGE));
    for (uint64_t i = 0; i < PAGE; i++) {
        g_assert_cmpuint(rb->host[PAGE + i], ==, 0xab);
        g_assert_cmpuint(rb->host[2 * PAGE + i], ==, 0x5c);
    }
}

static void test_budget(void)
{
    QEMUFile *f;

    memset(rb->host, 0x77, 3 * PAGE);
    f = qemu_file_new_output_mem();
    g_assert_true(ram_save_handlers.save_setup(f, NULL, &error_abort));
    qemu_fclose(f);
    /* A budget of one page: one page per PART; an empty PART ends the pass. */
    ram_set_iterate_budget(PAGE);
    for (int i = 0; i < 3; i++) {
        f = qemu_file_new_output_mem();
        g_assert_cmpint(ram_save_handlers.save_live_iterate(f, NULL, &error_abort), ==, 0);
        g_assert_cmpuint(qemu_file_mem_data(f)->len, ==, 8 + (i ? 0 : 6) + PAGE + 8);
        qemu_fclose(f);
    }
    f = qemu_file_new_output_mem();
    g_assert_cmpint(ram_save_handlers.save_live_iterate(f, NULL, &error_abort), ==, 1);
    qemu_fclose(f);
    ram_set_iterate_budget(0);
    ram_save_handlers.save_cleanup(NULL);
}

typedef struct LoadErrorCase {
    const char *name;
    int version;
    int type;
    void (*build)(GByteArray *a);
    const char *message;
} LoadErrorCase;

static void build_unknown_block(GByteArray *a)
{
    put64(a, PAGE | RAM_SAVE_FLAG_MEM_SIZE);
    put_name(a, "nope.ram");
    put64(a, PAGE);
    put64(a, RAM_SAVE_FLAG_EOS);
}

static void build_length(GByteArray *a)
{
    put64(a, PAGE | RAM_SAVE_FLAG_MEM_SIZE);
    put_name(a, "t.ram");
    put64(a, PAGE);
    put64(a, RAM_SAVE_FLAG_EOS);
}

static void build_bad_flags(GByteArray *a)
{
    put64(a, PAGE | 0x40);
}

static void build_both_flags(GByteArray *a)
{
    put64(a, RAM_SAVE_FLAG_ZERO | RAM_SAVE_FLAG_PAGE);
}

static void build_unknown_page_block(GByteArray *a)
{
    put64(a, RAM_SAVE_FLAG_ZERO);
    put_name(a, "other");
    g_byte_array_append(a, (const uint8_t *)"", 1);
}

static void build_continue_first(GByteArray *a)
{
    put64(a, PAGE | RAM_SAVE_FLAG_ZERO | RAM_SAVE_FLAG_CONTINUE);
    g_byte_array_append(a, (const uint8_t *)"", 1);
}

static void build_fill(GByteArray *a)
{
    put64(a, RAM_SAVE_FLAG_ZERO);
    put_name(a, "t.ram");
    g_byte_array_append(a, (const uint8_t *)"\x07", 1);
}

static void build_beyond(GByteArray *a)
{
    put64(a, 3 * PAGE | RAM_SAVE_FLAG_ZERO);
    put_name(a, "t.ram");
    g_byte_array_append(a, (const uint8_t *)"", 1);
}

static void build_truncated(GByteArray *a)
{
    put64(a, RAM_SAVE_FLAG_PAGE);
    put_name(a, "t.ram");
    put_page(a, 1);
    g_byte_array_set_size(a, a->len - 100);
}

static void build_empty(GByteArray *a)
{
}

static const LoadErrorCase load_errors[] = {
    { "unknown-block", 4, 0x01, build_unknown_block, "unknown RAM block 'nope.ram'" },
    { "length", 4, 0x01, build_length,
      "RAM block 't.ram': length 0x1000 in the stream, 0x3000 here" },
    { "bad-flags", 4, 0x02, build_bad_flags,
      "unknown flags 0x40 in the record for offset 0x1000" },
    { "two-kinds", 4, 0x02, build_both_flags,
      "unknown flags 0xa in the record for offset 0x0" },
    { "unknown-page-block", 4, 0x02, build_unknown_page_block,
      "unknown RAM block 'other'" },
    { "continue-first", 4, 0x01, build_continue_first,
      "page record at 0x1000 continues a block but none was named before" },
    { "fill", 4, 0x02, build_fill,
      "zero page at 0x0 of 't.ram' has fill byte 0x07 (must be 0)" },
    { "beyond", 4, 0x02, build_beyond,
      "page offset 0x3000 is beyond RAM block 't.ram' (0x3000 bytes)" },
    { "truncated", 4, 0x02, build_truncated,
      "stream ended inside the RAM records (No data available)" },
    { "version", 3, 0x01, build_empty, "unsupported version 3 (expected 4)" },
};

static void test_load_error(gconstpointer data)
{
    const LoadErrorCase *c = data;
    g_autoptr(GByteArray) a = g_byte_array_new();
    Error *err = NULL;
    QEMUFile *f;

    c->build(a);
    f = qemu_file_new_input_mem(a->data, a->len);
    g_assert_false(ram_save_handlers.load_state(f, NULL, c->version, c->type, &err));
    g_assert_nonnull(err);
    g_assert_cmpstr(error_get_pretty(err), ==, c->message);
    error_free(err);
    qemu_fclose(f);
}

static void test_buffer_is_zero(void)
{
    uint8_t buf[300] = { 0 };

    g_assert_true(buffer_is_zero(buf, sizeof(buf)));
    g_assert_true(buffer_is_zero(buf, 0));
    for (size_t i = 0; i < sizeof(buf); i += 37) {
        buf[i] = 1;
        g_assert_false(buffer_is_zero(buf, sizeof(buf)));
        buf[i] = 0;
    }
    buf[299] = 0x80;
    g_assert_false(buffer_is_zero(buf, sizeof(buf)));
    g_assert_true(buffer_is_zero(buf, 299));
}

static const VMStateDescription vmstate_blocker = {
    .name = "t-blocker",
    .unmigratable = true,
    .version_id = 1,
    .minimum_version_id = 1,
    .fields = (const VMStateField[]) { VMSTATE_END_OF_LIST() },
};

/* migrate refuses at once (before any thread or connection) with a blocker. */
static void test_migrate_blocked(void)
{
    static int dummy;
    Error *err = NULL;
    MigrationInfo info;

    vmstate_register(NULL, 0, &vmstate_blocker, &dummy);
    g_assert_false(qmp_migrate("unix:/nonexistent/x", &err));
    g_assert_cmpstr(error_get_pretty(err), ==, "device 't-blocker' instance 0 is not "
                    "migratable (state 't-blocker' is marked unmigratable)");
    error_free(err);
    err = NULL;
    vmstate_unregister(NULL, &vmstate_blocker, &dummy);
    g_assert_false(qmp_migrate("fd:mig", &err));
    g_assert_cmpstr(error_get_pretty(err), ==, "File descriptor named 'mig' has not "
                    "been found");
    error_free(err);
    qmp_query_migrate(&info);
    g_assert_false(info.has_status);
    migration_info_clear(&info);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_assert_true(memory_region_init_ram(&ram_mr, NULL, "t.ram", 3 * PAGE, &error_abort));
    rb = qemu_ram_block_by_name("t.ram");
    g_assert_nonnull(rb);

    g_test_add_func("/ram-migration/encoding", test_encoding);
    g_test_add_func("/ram-migration/budget", test_budget);
    g_test_add_func("/ram-migration/buffer-is-zero", test_buffer_is_zero);
    g_test_add_func("/ram-migration/migrate-blocked", test_migrate_blocked);
    for (size_t i = 0; i < G_N_ELEMENTS(load_errors); i++) {
        g_autofree char *path = g_strdup_printf("/ram-migration/load-error/%s",
                                                load_errors[i].name);

        g_test_add_data_func(path, &load_errors[i], test_load_error);
    }
    return g_test_run();
}
