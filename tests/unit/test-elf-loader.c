/*
 * The ELF loader (hw/core/loader.c): images built here byte by byte, in
 * both classes and byte orders, loaded into RAM; and every rejection.
 */
#include "qemu/osdep.h"
#include "hw/loader.h"
#include "exec/memory.h"
#include <elf.h>
#include <glib/gstdio.h>

#define RAM_BASE 0x10000
static MemoryRegion ram;

/* Writes V as LEN bytes in the given order at P. */
static void put(uint8_t *p, uint64_t v, unsigned len, bool be)
{
    for (unsigned i = 0; i < len; i++) {
        p[be ? len - 1 - i : i] = v >> (8 * i);
    }
}

/*
 * An image with one PT_LOAD of 8 bytes "ferry-ok" at PADDR, memsz 16,
 * and a PT_NOTE that must be ignored. Returns its size.
 */
static size_t make_elf(uint8_t *buf, bool is64, bool be, unsigned machine, uint64_t paddr,
                       uint64_t entry)
{
    size_t ehsize = is64 ? sizeof(Elf64_Ehdr) : sizeof(Elf32_Ehdr);
    size_t phsize = is64 ? sizeof(Elf64_Phdr) : sizeof(Elf32_Phdr);
    size_t data = ehsize + 2 * phsize;

    memset(buf, 0, 512);
    memcpy(buf, ELFMAG, SELFMAG);
    buf[EI_CLASS] = is64 ? ELFCLASS64 : ELFCLASS32;
    buf[EI_DATA] = be ? ELFDATA2MSB : ELFDATA2LSB;
    buf[EI_VERSION] = EV_CURRENT;
    put(buf + offsetof(Elf32_Ehdr, e_type), ET_EXEC, 2, be);
    put(buf + offsetof(Elf32_Ehdr, e_machine), machine, 2, be);
    if (is64) {
        put(buf + offsetof(Elf64_Ehdr, e_entry), entry, 8, be);
        put(buf + offsetof(Elf64_Ehdr, e_phoff), ehsize, 8, be);
        put(buf + offsetof(Elf64_Ehdr, e_phentsize), phsize, 2, be);
        put(buf + offsetof(Elf64_Ehdr, e_phnum), 2, 2, be);
    } else {
        put(buf + offsetof(Elf32_Ehdr, e_entry), entry, 4, be);
        put(buf + offsetof(Elf32_Ehdr, e_phoff), ehsize, 4, be);
        put(buf + offsetof(Elf32_Ehdr, e_phentsize), phsize, 2, be);
        put(buf + offsetof(Elf32_Ehdr, e_phnum), 2, 2, be);
    }
    for (int i = 0; i < 2; i++) {
        uint8_t *ph = buf + ehsize + i * phsize;

        put(ph, i ? PT_NOTE : PT_LOAD, 4, be);
        if (is64) {
            put(ph + offsetof(Elf64_Phdr, p_offset), data, 8, be);
            put(ph + offsetof(Elf64_Phdr, p_paddr), i ? 0 : paddr, 8, be);
            put(ph + offsetof(Elf64_Phdr, p_filesz), 8, 8, be);
            put(ph + offsetof(Elf64_Phdr, p_memsz), 16, 8, be);
        } else {
            put(ph + offsetof(Elf32_Phdr, p_offset), data, 4, be);
            put(ph + offsetof(Elf32_Phdr, p_paddr), i ? 0 : paddr, 4, be);
            put(ph + offsetof(Elf32_Phdr, p_filesz), 8, 4, be);
            put(ph + offsetof(Elf32_Phdr, p_memsz), 16, 4, be);
        }
    }
    memcpy(buf + data, "ferry-ok", 8);
    return data + 8;
}

static char *write_tmp(const void *buf, size_t len)
{
    GError *err = NULL;
    char *path = NULL;
    int fd = g_file_open_tmp("elf-XXXXXX", &path, &err);

    g_assert_no_error(err);
    close(fd);
    g_assert_true(g_file_set_contents(path, buf, len, &err));
    g_assert_no_error(err);
    return path;
}

static void check_load(bool is64, bool be)
{
    uint8_t buf[512], got[16];
    size_t len = make_elf(buf, is64, be, EM_ARM, RAM_BASE + 0x100, RAM_BASE + 0x104);
    g_autofree char *path = write_tmp(buf, len);
    uint64_t entry = 0, low = 0, high = 0;

    /* Stale bytes where the zero-filled tail goes. */
    memset(got, 0xaa, sizeof(got));
    address_space_write(&address_space_memory, RAM_BASE + 0x100, MEMTXATTRS_UNSPECIFIED, got,
                        sizeof(got));
    g_assert_true(file_is_elf(path));
    g_assert_true(load_elf_as(path, &address_space_memory, EM_ARM, &entry, &low, &high,
                              &error_abort));
    g_assert_cmphex(entry, ==, RAM_BASE + 0x104);
    g_assert_cmphex(low, ==, RAM_BASE + 0x100);
    g_assert_cmphex(high, ==, RAM_BASE + 0x110);
    address_space_read(&address_space_memory, RAM_BASE + 0x100, MEMTXATTRS_UNSPECIFIED, got,
                       sizeof(got));
    g_assert_cmpmem(got, 8, "ferry-ok", 8);
    for (int i = 8; i < 16; i++) {
        g_assert_cmpuint(got[i], ==, 0);
    }
    g_unlink(path);
}

static void test_load(void)
{
    check_load(false, false);
    check_load(false, true);
    check_load(true, false);
    check_load(true, true);
}

static void check_error(const uint8_t *buf, size_t len, const char *fmt)
{
    g_autofree char *path = write_tmp(buf, len);
    g_autofree char *want = g_strdup_printf(fmt, path);
    Error *err = NULL;
    uint64_t entry;

    g_assert_false(load_elf_as(path, &address_space_memory, EM_ARM, &entry, NULL, NULL,
                               &err));
    g_assert_nonnull(err);
    g_assert_cmpstr(error_get_pretty(err), ==, want);
    error_free(err);
    g_unlink(path);
}

static void test_errors(void)
{
    uint8_t buf[512];
    size_t len;
    Error *err = NULL;

    g_assert_false(load_elf_as("/nonexistent/x.elf", &address_space_memory, EM_ARM, NULL,
                               NULL, NULL, &err));
    g_assert_true(g_str_has_prefix(error_get_pretty(err),
                                   "could not load '/nonexistent/x.elf': "));
    error_free(err);
    g_assert_false(file_is_elf("/nonexistent/x.elf"));

    check_error((const uint8_t *)"zImage..", 8, "'%s' is not an ELF file");
    len = make_elf(buf, false, false, EM_ARM, RAM_BASE, RAM_BASE);
    buf[EI_CLASS] = 7;
    check_error(buf, len, "'%s': unknown ELF class 7");
    len = make_elf(buf, false, false, EM_ARM, RAM_BASE, RAM_BASE);
    buf[EI_DATA] = 9;
    check_error(buf, len, "'%s': unknown ELF byte order 9");
    len = make_elf(buf, false, false, EM_ARM, RAM_BASE, RAM_BASE);
    check_error(buf, 20, "'%s': truncated ELF header");
    len = make_elf(buf, false, false, EM_PPC, RAM_BASE, RAM_BASE);
    check_error(buf, len, "'%s': ELF machine 20, expected 40");
    len = make_elf(buf, false, false, EM_ARM, RAM_BASE, RAM_BASE);
    put(buf + offsetof(Elf32_Ehdr, e_phnum), 200, 2, false);
    check_error(buf, len, "'%s': bad program header table");
    len = make_elf(buf, false, false, EM_ARM, 0x40000000, RAM_BASE);
    check_error(buf, len, "'%s': segment 0 at 0x40000000 is outside guest memory");
    len = make_elf(buf, false, false, EM_ARM, RAM_BASE, RAM_BASE);
    put(buf + sizeof(Elf32_Ehdr) + offsetof(Elf32_Phdr, p_filesz), 4096, 4, false);
    put(buf + sizeof(Elf32_Ehdr) + offsetof(Elf32_Phdr, p_memsz), 8192, 4, false);
    check_error(buf, len, "'%s': segment 0 lies outside the file");
    len = make_elf(buf, false, false, EM_ARM, RAM_BASE, RAM_BASE);
    put(buf + sizeof(Elf32_Ehdr), PT_NOTE, 4, false);
    check_error(buf, len, "'%s': no loadable segment");
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    memory_init();
    memory_region_init_ram(&ram, NULL, "ram", 64 * KiB, &error_abort);
    memory_region_add_subregion(get_system_memory(), RAM_BASE, &ram);
    g_test_add_func("/elf-loader/load", test_load);
    g_test_add_func("/elf-loader/errors", test_errors);
    return g_test_run();
}
