/*
 * Booting 32-bit ARM boards: image loaders, the DTB fix-ups, the boot
 * loader and secondary-CPU pen written into guest memory, and the CPU
 * reset hooks that start the guest there. Contract and layout: boot.h.
 */
#include "qemu/osdep.h"
#include "hw/arm/boot.h"
#include "hw/loader.h"
#include "hw/qdev-core.h"
#include "hw/core/cpu.h"
#include "exec/exec-all.h"
#include "qemu/log.h"
#include "target/arm/cpu.h"
#include <libfdt.h>
#include <zlib.h>
#include <elf.h>

#define ZIMAGE_MAGIC_OFFSET     0x24
#define ZIMAGE_MAGIC            0x016f2818u

/* Legacy U-Boot image header: 64 bytes, big-endian (U-Boot's image.h). */
#define UIMAGE_MAGIC            0x27051956u
#define UIMAGE_HEADER_SIZE      64
#define UIMAGE_OS_LINUX         5
#define UIMAGE_ARCH_ARM         2
#define UIMAGE_TYPE_KERNEL      2
#define UIMAGE_COMP_NONE        0
#define UIMAGE_COMP_GZIP        1

/* ATAG list tags (Documentation/arm/setup) */
#define ATAG_NONE               0x00000000u
#define ATAG_CORE               0x54410001u
#define ATAG_MEM                0x54410002u
#define ATAG_INITRD2            0x54420005u
#define ATAG_CMDLINE            0x54410009u

#define DTB_ALIGN               4096
#define DTB_SLACK               4096    /* room for /chosen and /memory */

/* The boot loader: r0 = 0, r1 = board id, r2 = DTB/ATAGs, pc = kernel. */
static const uint32_t boot_loader[] = {
    0xe3a00000,     /* mov r0, #0 */
    0xe59f1004,     /* ldr r1, [pc, #4]   -> board id */
    0xe59f2004,     /* ldr r2, [pc, #4]   -> DTB or ATAGs */
    0xe59ff004,     /* ldr pc, [pc, #4]   -> kernel entry */
    /* words 4-6 patched in: board id, DTB, entry */
};
#define BOOT_LOADER_WORDS   7

/*
 * The holding pen: enable the GIC CPU interface (if any) so that an SGI
 * wakes the WFI, then sleep until the flag register holds an address
 * and jump there (vexpress Linux writes secondary_startup to SYS_FLAGSSET
 * and sends an IPI).
 */
static const uint32_t smp_pen[] = {
    0xe59f2028,     /* ldr r2, [pc, #40]  -> GIC CPU interface */
    0xe3520000,     /* cmp r2, #0 */
    0x13a01001,     /* movne r1, #1 */
    0x15821000,     /* strne r1, [r2]      GICC_CTLR: enable */
    0x13a010ff,     /* movne r1, #0xff */
    0x15821004,     /* strne r1, [r2, #4]  GICC_PMR: all priorities */
    0xe59f2014,     /* ldr r2, [pc, #20]  -> flag register */
    0xe320f003,     /* 1: wfi */
    0xe5920000,     /* ldr r0, [r2] */
    0xe3500000,     /* cmp r0, #0 */
    0x0afffffb,     /* beq 1b */
    0xe12fff10,     /* bx r0 */
    /* words 12-13 patched in: GIC CPU interface, flag register */
};
#define SMP_PEN_WORDS   14

/* One CPU's reset hook. */
typedef struct ARMBootCPU {
    ARMBootInfo *info;
    CPUState *cs;
    GPtrArray **blobs;      /* the primary's hook writes them first */
} ARMBootCPU;

/*
 * The reset hooks of one boot, as an object: the machine's child "boot",
 * so that the hooks go (unregistered) with the machine.
 */
#define TYPE_ARM_BOOT "arm-boot"
OBJECT_DECLARE_SIMPLE_TYPE(ARMBootState, ARM_BOOT)

struct ARMBootState {
    Object parent_obj;
    ARMBootInfo info;       /* the hooks outlive the caller's copy */
    GPtrArray *cpus;        /* ARMBootCPU, one per CPU */
    GPtrArray *blobs;       /* ARMBootBlob: written again at each reset */
};

static void arm_boot_cpu_reset(void *opaque);

static void arm_boot_finalize(Object *obj)
{
    ARMBootState *b = ARM_BOOT(obj);

    for (guint i = 0; b->cpus && i < b->cpus->len; i++) {
        qemu_unregister_reset(arm_boot_cpu_reset, g_ptr_array_index(b->cpus, i));
    }
    if (b->cpus) {
        g_ptr_array_free(b->cpus, TRUE);
    }
    if (b->blobs) {
        g_ptr_array_free(b->blobs, TRUE);
    }
}

static const TypeInfo arm_boot_type = {
    .name = TYPE_ARM_BOOT,
    .parent = TYPE_OBJECT,
    .instance_size = sizeof(ARMBootState),
    .instance_finalize = arm_boot_finalize,
};

static void arm_boot_register_types(void)
{
    type_register_static(&arm_boot_type);
}

type_init(arm_boot_register_types)

const char *arm_image_kind_name(ARMImageKind kind)
{
    static const char *const names[] = {
        [ARM_IMAGE_NONE] = "none",
        [ARM_IMAGE_ELF] = "ELF",
        [ARM_IMAGE_UIMAGE] = "uImage",
        [ARM_IMAGE_ZIMAGE] = "zImage",
        [ARM_IMAGE_RAW] = "raw Image",
    };

    return names[kind];
}

/*
 * Everything the boot writes into guest memory, kept so that every reset
 * writes it again (Linux overwrites its zImage and initrd as it boots: a
 * reboot must find them as at power-on, as with ROM). Collected while
 * arm_load_kernel runs, then owned by the machine's "boot" object.
 */
typedef struct ARMBootBlob {
    hwaddr addr;
    GBytes *data;
} ARMBootBlob;

static GPtrArray *loading_blobs;

static void blob_free(gpointer p)
{
    ARMBootBlob *b = p;

    g_bytes_unref(b->data);
    g_free(b);
}

static bool write_guest(hwaddr addr, const void *buf, uint64_t len)
{
    if (loading_blobs) {
        ARMBootBlob *b = g_new(ARMBootBlob, 1);

        b->addr = addr;
        b->data = g_bytes_new(buf, len);
        g_ptr_array_add(loading_blobs, b);
    }
    return address_space_write_rom(&address_space_memory, addr, MEMTXATTRS_UNSPECIFIED,
                                   buf, len) == MEMTX_OK;
}

static void write_blobs(GPtrArray *blobs)
{
    for (guint i = 0; blobs && i < blobs->len; i++) {
        ARMBootBlob *b = g_ptr_array_index(blobs, i);
        gsize len;
        const void *data = g_bytes_get_data(b->data, &len);

        address_space_write_rom(&address_space_memory, b->addr, MEMTXATTRS_UNSPECIFIED,
                                data, len);
    }
}

static void write_words(hwaddr addr, const uint32_t *words, unsigned n)
{
    g_autofree uint32_t *le = g_new(uint32_t, n);

    for (unsigned i = 0; i < n; i++) {
        le[i] = GUINT32_TO_LE(words[i]);
    }
    write_guest(addr, le, n * 4);
}

/* Reads FILE for OPTION; the error names both. */
static bool read_file(const char *option, const char *file, uint8_t **data, gsize *size,
                      Error **errp)
{
    g_autoptr(GError) gerr = NULL;

    if (!g_file_get_contents(file, (gchar **)data, size, &gerr)) {
        error_setg(errp, "%s %s: could not read: %s", option, file, gerr->message);
        return false;
    }
    return true;
}

static hwaddr ram_end(const ARMBootInfo *info)
{
    return info->ram_base + info->ram_size;
}

/* Whether [ADDR, ADDR + LEN) is inside RAM. */
static bool in_ram(const ARMBootInfo *info, uint64_t addr, uint64_t len)
{
    return addr >= info->ram_base && len <= info->ram_size &&
           addr - info->ram_base <= info->ram_size - len;
}

static bool check_fits(const ARMBootInfo *info, const char *option, const char *file,
                       uint64_t addr, uint64_t len, Error **errp)
{
    if (!in_ram(info, addr, len)) {
        error_setg(errp, "%s %s: does not fit in RAM (%" PRIu64 " bytes at 0x%" PRIx64
                   ", RAM is 0x%" PRIx64 "-0x%" PRIx64 ")", option, file, len, addr,
                   (uint64_t)info->ram_base, (uint64_t)ram_end(info) - 1);
        return false;
    }
    return true;
}

/* Inflates a gzip stream of LEN bytes into at most MAX bytes; -1 on error. */
static int64_t gunzip(const uint8_t *src, size_t len, uint8_t *dst, size_t max)
{
    z_stream s = { 0 };
    int ret;

    if (inflateInit2(&s, 16 + MAX_WBITS) != Z_OK) {
        return -1;
    }
    s.next_in = (Bytef *)src;
    s.avail_in = len;
    s.next_out = dst;
    s.avail_out = max;
    ret = inflate(&s, Z_FINISH);
    inflateEnd(&s);
    return ret == Z_STREAM_END ? (int64_t)s.total_out : -1;
}

static uint32_t be32_at(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | p[1] << 16 | p[2] << 8 | p[3];
}

static uint32_t le32_at(const uint8_t *p)
{
    return (uint32_t)p[3] << 24 | p[2] << 16 | p[1] << 8 | p[0];
}

/*
 * A legacy uImage: the payload goes to the header's load address and is
 * entered at its entry point. Only ARM kernel images, uncompressed or gzip.
 */
static bool load_uimage(ARMBootInfo *info, const char *file, const uint8_t *data,
                        gsize size, bool *is_linux, Error **errp)
{
    uint32_t payload = be32_at(data + 12), load = be32_at(data + 16);
    uint8_t os = data[28], arch = data[29], type = data[30], comp = data[31];
    const uint8_t *body = data + UIMAGE_HEADER_SIZE;

    if (arch != UIMAGE_ARCH_ARM || type != UIMAGE_TYPE_KERNEL) {
        error_setg(errp, "-kernel %s: uImage is not an ARM kernel (arch %u, type %u)",
                   file, arch, type);
        return false;
    }
    if (payload > size - UIMAGE_HEADER_SIZE) {
        error_setg(errp, "-kernel %s: truncated uImage (header says %u bytes, file has %"
                   PRIu64 ")", file, payload, (uint64_t)(size - UIMAGE_HEADER_SIZE));
        return false;
    }
    info->kernel_load = load;
    info->entry = be32_at(data + 20);
    *is_linux = os == UIMAGE_OS_LINUX;
    if (comp == UIMAGE_COMP_NONE) {
        info->kernel_size = payload;
        if (!check_fits(info, "-kernel", file, load, payload, errp)) {
            return false;
        }
        write_guest(load, body, payload);
        return true;
    }
    if (comp == UIMAGE_COMP_GZIP) {
        uint64_t room = in_ram(info, load, 1) ? ram_end(info) - load : 0;
        g_autofree uint8_t *out = NULL;
        int64_t n;

        if (!room) {
            return check_fits(info, "-kernel", file, load, payload, errp);
        }
        out = g_malloc(room);
        n = gunzip(body, payload, out, room);
        if (n < 0) {
            error_setg(errp, "-kernel %s: gzip uImage does not decompress into the %" PRIu64
                       " bytes of RAM above 0x%x (corrupt or too large)", file, room, load);
            return false;
        }
        info->kernel_size = n;
        write_guest(load, out, n);
        return true;
    }
    error_setg(errp, "-kernel %s: uImage compression %u not supported (only none and gzip)",
               file, comp);
    return false;
}

/* Loads -kernel; sets kind, entry, kernel_load/size. */
static bool load_kernel_image(ARMBootInfo *info, const char *file, Error **errp)
{
    g_autofree uint8_t *data = NULL;
    gsize size;
    bool is_linux = true;

    if (!read_file("-kernel", file, &data, &size, errp)) {
        return false;
    }
    if (size >= SELFMAG && !memcmp(data, ELFMAG, SELFMAG)) {
        uint64_t low, high;

        info->kind = ARM_IMAGE_ELF;
        if (!load_elf_as(file, &address_space_memory, EM_ARM, &info->entry, &low, &high,
                         errp)) {
            error_prepend(errp, "-kernel %s: ", file);
            return false;
        }
        info->kernel_load = low;
        info->kernel_size = high - low;
        if (loading_blobs && high > low && high - low <= 256 * MiB) {
            /* Keep the image as loaded (segments and their zeroed tails). */
            g_autofree uint8_t *img = g_malloc(high - low);

            if (address_space_read(&address_space_memory, low, MEMTXATTRS_UNSPECIFIED, img,
                                   high - low) == MEMTX_OK) {
                ARMBootBlob *b = g_new(ARMBootBlob, 1);

                b->addr = low;
                b->data = g_bytes_new(img, high - low);
                g_ptr_array_add(loading_blobs, b);
            }
        }
        return true;
    }
    if (size >= UIMAGE_HEADER_SIZE && be32_at(data) == UIMAGE_MAGIC) {
        info->kind = ARM_IMAGE_UIMAGE;
        if (!load_uimage(info, file, data, size, &is_linux, errp)) {
            return false;
        }
        if (!is_linux) {
            /* Not Linux (e.g. a bare-metal uImage): entered like an ELF. */
            info->kind = ARM_IMAGE_ELF;
        }
        return true;
    }
    info->kind = ARM_IMAGE_RAW;
    if (size >= ZIMAGE_MAGIC_OFFSET + 4 &&
        le32_at(data + ZIMAGE_MAGIC_OFFSET) == ZIMAGE_MAGIC) {
        info->kind = ARM_IMAGE_ZIMAGE;
    }
    info->kernel_load = info->loader_start + ARM_BOOT_KERNEL_OFFSET;
    info->kernel_size = size;
    info->entry = info->kernel_load;
    if (!check_fits(info, "-kernel", file, info->kernel_load, size, errp)) {
        return false;
    }
    write_guest(info->kernel_load, data, size);
    return true;
}

/*
 * Places and loads -initrd: at loader_start + min(RAM / 2, 128 MiB), moved
 * up past the kernel when the kernel reaches that far.
 */
static bool load_initrd(ARMBootInfo *info, const char *file, Error **errp)
{
    g_autofree uint8_t *data = NULL;
    gsize size;
    hwaddr start = info->loader_start + MIN(info->ram_size / 2, 128 * MiB);

    if (!read_file("-initrd", file, &data, &size, errp)) {
        return false;
    }
    if (info->kind != ARM_IMAGE_ELF || in_ram(info, info->kernel_load, 1)) {
        start = MAX(start, info->kernel_load + info->kernel_size);
    }
    start = QEMU_ALIGN_UP(start, 4096);
    if (!check_fits(info, "-initrd", file, start, size, errp)) {
        return false;
    }
    write_guest(start, data, size);
    info->initrd_start = start;
    info->initrd_size = size;
    return true;
}

/* Sets a "reg"-style property of CELLS cells to VALUE; false if it does not fit. */
static bool fdt_put_cells(uint8_t *buf, unsigned cells, uint64_t value)
{
    if (cells == 1) {
        if (value > UINT32_MAX) {
            return false;
        }
        uint32_t be = GUINT32_TO_BE(value);

        memcpy(buf, &be, 4);
    } else {
        uint64_t be = GUINT64_TO_BE(value);

        memcpy(buf, &be, 8);
    }
    return true;
}

/* libfdt result check: "-dtb FILE: <what>: <libfdt message>". */
static bool fdt_ok(int ret, const char *file, const char *what, Error **errp)
{
    if (ret < 0) {
        error_setg(errp, "-dtb %s: %s: %s", file, what, fdt_strerror(ret));
        return false;
    }
    return true;
}

/*
 * -dtb: the file with /memory's reg set to the RAM bank, /chosen's
 * bootargs (-append) and linux,initrd-start/end (-initrd), placed after
 * the initrd (or the kernel) and written into guest memory.
 */
static bool load_dtb(ARMBootInfo *info, const char *file, const char *cmdline,
                     Error **errp)
{
    g_autofree uint8_t *data = NULL;
    g_autofree uint8_t *fdt = NULL;
    gsize size;
    int ret, node, acells, scells, bufsize;
    uint8_t reg[16];
    hwaddr start;

    if (!read_file("-dtb", file, &data, &size, errp)) {
        return false;
    }
    if (size < sizeof(struct fdt_header)) {
        error_setg(errp, "-dtb %s: not a device tree blob: %s", file,
                   fdt_strerror(-FDT_ERR_TRUNCATED));
        return false;
    }
    ret = fdt_check_full(data, size);
    if (!fdt_ok(ret, file, "not a valid device tree blob", errp)) {
        return false;
    }
    bufsize = fdt_totalsize(data) + DTB_SLACK + (cmdline ? strlen(cmdline) + 64 : 0);
    fdt = g_malloc0(bufsize);
    if (!fdt_ok(fdt_open_into(data, fdt, bufsize), file, "cannot open", errp)) {
        return false;
    }

    acells = fdt_address_cells(fdt, 0);
    scells = fdt_size_cells(fdt, 0);
    if (acells < 1 || acells > 2 || scells < 1 || scells > 2) {
        error_setg(errp, "-dtb %s: unsupported root #address-cells %d / #size-cells %d",
                   file, acells, scells);
        return false;
    }
    if (!fdt_put_cells(reg, acells, info->ram_base) ||
        !fdt_put_cells(reg + 4 * acells, scells, info->ram_size)) {
        error_setg(errp, "-dtb %s: RAM at 0x%" PRIx64 " of %" PRIu64 " bytes does not fit "
                   "the root's #address-cells/#size-cells", file, (uint64_t)info->ram_base,
                   info->ram_size);
        return false;
    }
    node = fdt_node_offset_by_prop_value(fdt, -1, "device_type", "memory",
                                         sizeof("memory"));
    if (node == -FDT_ERR_NOTFOUND) {
        node = fdt_add_subnode(fdt, 0, "memory");
        if (node >= 0) {
            ret = fdt_setprop_string(fdt, node, "device_type", "memory");
            if (!fdt_ok(ret, file, "cannot add /memory", errp)) {
                return false;
            }
        }
    }
    if (!fdt_ok(node, file, "cannot find or add /memory", errp) ||
        !fdt_ok(fdt_setprop(fdt, node, "reg", reg, 4 * (acells + scells)), file,
                "cannot set /memory reg", errp)) {
        return false;
    }

    node = fdt_path_offset(fdt, "/chosen");
    if (node == -FDT_ERR_NOTFOUND) {
        node = fdt_add_subnode(fdt, 0, "chosen");
    }
    if (!fdt_ok(node, file, "cannot find or add /chosen", errp)) {
        return false;
    }
    if (cmdline && *cmdline &&
        !fdt_ok(fdt_setprop_string(fdt, node, "bootargs", cmdline), file,
                "cannot set /chosen bootargs", errp)) {
        return false;
    }
    if (info->initrd_size) {
        uint64_t end = info->initrd_start + info->initrd_size;

        if (!fdt_ok(fdt_setprop_u32(fdt, node, "linux,initrd-start", info->initrd_start),
                    file, "cannot set /chosen linux,initrd-start", errp) ||
            !fdt_ok(fdt_setprop_u32(fdt, node, "linux,initrd-end", end), file,
                    "cannot set /chosen linux,initrd-end", errp)) {
            return false;
        }
    }
    if (!fdt_ok(fdt_pack(fdt), file, "cannot pack", errp)) {
        return false;
    }

    if (info->initrd_size) {
        start = info->initrd_start + info->initrd_size;
    } else if (info->kernel_size && in_ram(info, info->kernel_load, 1)) {
        start = info->kernel_load + info->kernel_size;
    } else {
        start = info->loader_start + MIN(info->ram_size / 2, 128 * MiB);
    }
    start = QEMU_ALIGN_UP(start, DTB_ALIGN);
    info->dtb_size = fdt_totalsize(fdt);
    if (!check_fits(info, "-dtb", file, start, info->dtb_size, errp)) {
        return false;
    }
    write_guest(start, fdt, info->dtb_size);
    info->dtb_start = start;
    return true;
}

/* Without -dtb: an ATAG list at loader_start + ARM_BOOT_ATAGS_OFFSET. */
static void write_atags(const ARMBootInfo *info, const char *cmdline)
{
    GArray *w = g_array_new(false, false, sizeof(uint32_t));
    uint32_t v;

#define PUT(x) (v = (x), g_array_append_val(w, v))
    PUT(5); PUT(ATAG_CORE); PUT(1); PUT(4096); PUT(0);
    PUT(4); PUT(ATAG_MEM); PUT(info->ram_size); PUT(info->ram_base);
    if (info->initrd_size) {
        PUT(4); PUT(ATAG_INITRD2); PUT(info->initrd_start); PUT(info->initrd_size);
    }
    if (cmdline && *cmdline) {
        size_t len = strlen(cmdline) + 1;
        size_t words = (len + 3) / 4;
        unsigned first = w->len + 2;

        PUT(2 + words); PUT(ATAG_CMDLINE);
        g_array_set_size(w, w->len + words);
        memset(&g_array_index(w, uint32_t, first), 0, words * 4);
        memcpy(&g_array_index(w, uint32_t, first), cmdline, len);
        /* write_words swaps each word: pre-swap the text so bytes stay in order. */
        for (size_t i = 0; i < words; i++) {
            uint32_t *p = &g_array_index(w, uint32_t, first + i);

            *p = GUINT32_FROM_LE(*p);
        }
    }
    PUT(0); PUT(ATAG_NONE);
#undef PUT
    write_words(info->loader_start + ARM_BOOT_ATAGS_OFFSET, (uint32_t *)w->data, w->len);
    g_array_free(w, true);
}

static hwaddr pen_address(const ARMBootInfo *info)
{
    return info->smp_loader_start ? info->smp_loader_start
                                  : info->loader_start + ARM_BOOT_PEN_OFFSET;
}

/* The boot loader and the pen, written for a Linux image. */
static void write_boot_code(const ARMBootInfo *info)
{
    uint32_t loader[BOOT_LOADER_WORDS];
    uint32_t pen[SMP_PEN_WORDS];

    memcpy(loader, boot_loader, sizeof(boot_loader));
    loader[4] = info->board_id;
    loader[5] = info->dtb_start ? info->dtb_start
                                : info->loader_start + ARM_BOOT_ATAGS_OFFSET;
    loader[6] = info->entry;
    write_words(info->loader_start, loader, BOOT_LOADER_WORDS);

    memcpy(pen, smp_pen, sizeof(smp_pen));
    pen[12] = info->gic_cpu_if_addr;
    pen[13] = info->smp_bootreg_addr;
    write_words(pen_address(info), pen, SMP_PEN_WORDS);
}

static bool cpu_has_el3(CPUState *cs)
{
    ARMCPU *cpu = ARM_CPU(cs);

    return arm_feature(&cpu->env, ARM_FEATURE_EL3) && cpu->has_el3;
}

/*
 * After the CPU's own reset. Linux: the primary starts at the boot loader,
 * the others in the pen. ELF: every CPU starts at the entry (bare-metal
 * SMP code tells the CPUs apart by MPIDR), registers as at reset. -bios
 * or nothing: the reset vector.
 */
static void arm_boot_cpu_reset(void *opaque)
{
    ARMBootCPU *b = opaque;
    ARMBootInfo *info = b->info;
    CPUState *cs = b->cs;
    CPUARMState *env = &ARM_CPU(cs)->env;
    bool linux_image = info->kind == ARM_IMAGE_ZIMAGE || info->kind == ARM_IMAGE_UIMAGE ||
                       info->kind == ARM_IMAGE_RAW;

    if (cs == info->primary && b->blobs) {
        write_blobs(*b->blobs);
    }
    cpu_reset(cs);
    if (info->kind == ARM_IMAGE_NONE) {
        return;
    }
    if (info->kind == ARM_IMAGE_ELF) {
        CPU_GET_CLASS(cs)->set_pc(cs, info->entry);
        return;
    }
    assert(linux_image);
    if (!info->secure_boot && cpu_has_el3(cs)) {
        /* Linux expects Non-secure SVC: what a Secure monitor would leave. */
        env->cp15.scr |= 1;
        if (arm_feature(env, ARM_FEATURE_EL2)) {
            /*
             * With PL2 too: HVC enabled (SCR.HCE), still in SVC, as QEMU
             * does. Without EL3 the kernel starts in Hyp mode (reset).
             */
            env->cp15.scr |= 1u << 8;
        }
        tlb_flush(cs);
    }
    CPU_GET_CLASS(cs)->set_pc(cs, cs == info->primary ? info->loader_start
                                                      : pen_address(info));
}

bool arm_load_kernel(MachineState *ms, CPUState *primary, ARMBootInfo *info,
                     Error **errp)
{
    ARMBootState *boot;
    CPUState *cs;

    info->kind = ARM_IMAGE_NONE;
    info->entry = 0;
    info->kernel_load = info->kernel_size = 0;
    info->initrd_start = info->initrd_size = 0;
    info->dtb_start = info->dtb_size = 0;
    g_clear_pointer(&loading_blobs, g_ptr_array_unref);
    loading_blobs = g_ptr_array_new_with_free_func(blob_free);

    if (!ms->kernel_filename) {
        const struct { const char *value, *option; } need_kernel[] = {
            { ms->initrd_filename, "-initrd" },
            { ms->kernel_cmdline && *ms->kernel_cmdline ? ms->kernel_cmdline : NULL,
              "-append" },
            { ms->dtb, "-dtb" },
        };

        for (size_t i = 0; i < ARRAY_SIZE(need_kernel); i++) {
            if (need_kernel[i].value) {
                error_setg(errp, "%s %s: only allowed with -kernel", need_kernel[i].option,
                           need_kernel[i].value);
                return false;
            }
        }
    }
    if (ms->firmware) {
        g_autofree uint8_t *data = NULL;
        gsize size;

        if (ms->kernel_filename) {
            error_setg(errp, "-bios %s: cannot be combined with -kernel %s on this machine",
                       ms->firmware, ms->kernel_filename);
            return false;
        }
        if (!info->firmware_max) {
            error_setg(errp, "-bios %s: this machine has no boot flash", ms->firmware);
            return false;
        }
        if (!read_file("-bios", ms->firmware, &data, &size, errp)) {
            return false;
        }
        if (size > info->firmware_max) {
            error_setg(errp, "-bios %s: too large for the boot flash (%" PRIu64 " bytes, "
                       "at most %" PRIu64 ")", ms->firmware, (uint64_t)size,
                       info->firmware_max);
            return false;
        }
        write_guest(info->firmware_base, data, size);
    }
    if (ms->kernel_filename) {
        if (!load_kernel_image(info, ms->kernel_filename, errp)) {
            return false;
        }
        if (ms->initrd_filename && !load_initrd(info, ms->initrd_filename, errp)) {
            return false;
        }
        if (ms->dtb && !load_dtb(info, ms->dtb, ms->kernel_cmdline, errp)) {
            return false;
        }
        if (info->kind != ARM_IMAGE_ELF) {
            if (!ms->dtb) {
                write_atags(info, ms->kernel_cmdline);
            }
            write_boot_code(info);
        }
        qemu_log_mask(CPU_LOG_INT, "boot: %s %s at 0x%" PRIx64 " (%" PRIu64 " bytes), "
                      "entry 0x%" PRIx64 ", initrd 0x%" PRIx64 "+%" PRIu64 ", DTB 0x%"
                      PRIx64 "+%" PRIu64 "\n", arm_image_kind_name(info->kind),
                      ms->kernel_filename, info->kernel_load, info->kernel_size,
                      info->entry, (uint64_t)info->initrd_start, info->initrd_size,
                      (uint64_t)info->dtb_start, info->dtb_size);
    }
    if (!primary) {
        g_clear_pointer(&loading_blobs, g_ptr_array_unref);
        return true;
    }

    info->primary = primary;
    boot = ARM_BOOT(object_new(TYPE_ARM_BOOT));
    boot->info = *info;
    boot->cpus = g_ptr_array_new_with_free_func(g_free);
    boot->blobs = g_steal_pointer(&loading_blobs);
    object_property_add_child(OBJECT(ms), "boot", OBJECT(boot));
    object_unref(OBJECT(boot));
    CPU_FOREACH(cs) {
        ARMBootCPU *b = g_new0(ARMBootCPU, 1);

        b->info = &boot->info;
        b->cs = cs;
        b->blobs = &boot->blobs;
        g_ptr_array_add(boot->cpus, b);
        arm_boot_cpu_reset(b);
        qemu_register_reset(arm_boot_cpu_reset, b);
    }
    return true;
}
