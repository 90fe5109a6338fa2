/*
 * Guest image loading: see include/hw/loader.h.
 */
#include "qemu/osdep.h"
#include "hw/loader.h"
#include <elf.h>

bool file_is_elf(const char *filename)
{
    unsigned char magic[SELFMAG];
    FILE *f = fopen(filename, "rb");
    bool ok;

    if (!f) {
        return false;
    }
    ok = fread(magic, 1, SELFMAG, f) == SELFMAG && !memcmp(magic, ELFMAG, SELFMAG);
    fclose(f);
    return ok;
}

typedef struct ElfReader {
    const uint8_t *data;
    size_t size;
    bool big_endian;
    bool is64;
} ElfReader;

static uint64_t rd(const ElfReader *r, size_t off, unsigned len)
{
    uint64_t v = 0;

    for (unsigned i = 0; i < len; i++) {
        unsigned idx = r->big_endian ? i : len - 1 - i;

        v = (v << 8) | r->data[off + idx];
    }
    return v;
}

bool load_elf_as(const char *filename, AddressSpace *as, int elf_machine, uint64_t *entry,
                 uint64_t *lowaddr, uint64_t *highaddr, Error **errp)
{
    g_autofree gchar *contents = NULL;
    g_autoptr(GError) gerr = NULL;
    ElfReader r;
    gsize size;
    uint64_t phoff, low = UINT64_MAX, high = 0, e;
    unsigned phentsize, phnum, machine;
    unsigned loaded = 0;

    if (!g_file_get_contents(filename, &contents, &size, &gerr)) {
        error_setg(errp, "could not load '%s': %s", filename, gerr->message);
        return false;
    }
    r.data = (const uint8_t *)contents;
    r.size = size;
    if (size < EI_NIDENT || memcmp(contents, ELFMAG, SELFMAG)) {
        error_setg(errp, "'%s' is not an ELF file", filename);
        return false;
    }
    if (contents[EI_CLASS] != ELFCLASS32 && contents[EI_CLASS] != ELFCLASS64) {
        error_setg(errp, "'%s': unknown ELF class %d", filename, contents[EI_CLASS]);
        return false;
    }
    if (contents[EI_DATA] != ELFDATA2LSB && contents[EI_DATA] != ELFDATA2MSB) {
        error_setg(errp, "'%s': unknown ELF byte order %d", filename, contents[EI_DATA]);
        return false;
    }
    r.is64 = contents[EI_CLASS] == ELFCLASS64;
    r.big_endian = contents[EI_DATA] == ELFDATA2MSB;
    if (size < (r.is64 ? sizeof(Elf64_Ehdr) : sizeof(Elf32_Ehdr))) {
        error_setg(errp, "'%s': truncated ELF header", filename);
        return false;
    }
    machine = rd(&r, offsetof(Elf32_Ehdr, e_machine), 2);
    if (machine != (unsigned)elf_machine) {
        error_setg(errp, "'%s': ELF machine %u, expected %d", filename, machine, elf_machine);
        return false;
    }
    if (r.is64) {
        e = rd(&r, offsetof(Elf64_Ehdr, e_entry), 8);
        phoff = rd(&r, offsetof(Elf64_Ehdr, e_phoff), 8);
        phentsize = rd(&r, offsetof(Elf64_Ehdr, e_phentsize), 2);
        phnum = rd(&r, offsetof(Elf64_Ehdr, e_phnum), 2);
    } else {
        e = rd(&r, offsetof(Elf32_Ehdr, e_entry), 4);
        phoff = rd(&r, offsetof(Elf32_Ehdr, e_phoff), 4);
        phentsize = rd(&r, offsetof(Elf32_Ehdr, e_phentsize), 2);
        phnum = rd(&r, offsetof(Elf32_Ehdr, e_phnum), 2);
    }
    if (phentsize < (r.is64 ? sizeof(Elf64_Phdr) : sizeof(Elf32_Phdr)) ||
        phoff > size || (uint64_t)phnum * phentsize > size - phoff) {
        error_setg(errp, "'%s': bad program header table", filename);
        return false;
    }
    for (unsigned i = 0; i < phnum; i++) {
        size_t ph = phoff + (size_t)i * phentsize;
        uint64_t type, offset, paddr, filesz, memsz;

        type = rd(&r, ph, 4);
        if (r.is64) {
            offset = rd(&r, ph + offsetof(Elf64_Phdr, p_offset), 8);
            paddr = rd(&r, ph + offsetof(Elf64_Phdr, p_paddr), 8);
            filesz = rd(&r, ph + offsetof(Elf64_Phdr, p_filesz), 8);
            memsz = rd(&r, ph + offsetof(Elf64_Phdr, p_memsz), 8);
        } else {
            offset = rd(&r, ph + offsetof(Elf32_Phdr, p_offset), 4);
            paddr = rd(&r, ph + offsetof(Elf32_Phdr, p_paddr), 4);
            filesz = rd(&r, ph + offsetof(Elf32_Phdr, p_filesz), 4);
            memsz = rd(&r, ph + offsetof(Elf32_Phdr, p_memsz), 4);
        }
        if (type != PT_LOAD || memsz == 0) {
            continue;
        }
        if (filesz > memsz || offset > size || filesz > size - offset) {
            error_setg(errp, "'%s': segment %u lies outside the file", filename, i);
            return false;
        }
        if (address_space_write_rom(as, paddr, MEMTXATTRS_UNSPECIFIED, r.data + offset,
                                    filesz) != MEMTX_OK) {
            error_setg(errp, "'%s': segment %u at 0x%" PRIx64 " is outside guest memory",
                       filename, i, paddr);
            return false;
        }
        if (memsz > filesz) {
            g_autofree uint8_t *zero = g_malloc0(MIN(memsz - filesz, 1 * MiB));

            for (uint64_t done = filesz; done < memsz;) {
                uint64_t n = MIN(memsz - done, 1 * MiB);

                if (address_space_write_rom(as, paddr + done, MEMTXATTRS_UNSPECIFIED, zero,
                                            n) != MEMTX_OK) {
                    error_setg(errp, "'%s': segment %u at 0x%" PRIx64
                               " is outside guest memory", filename, i, paddr);
                    return false;
                }
                done += n;
            }
        }
        low = MIN(low, paddr);
        high = MAX(high, paddr + memsz);
        loaded++;
    }
    if (!loaded) {
        error_setg(errp, "'%s': no loadable segment", filename);
        return false;
    }
    if (entry) {
        *entry = e;
    }
    if (lowaddr) {
        *lowaddr = low;
    }
    if (highaddr) {
        *highaddr = high;
    }
    return true;
}
