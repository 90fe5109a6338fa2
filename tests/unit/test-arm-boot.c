/*
 * hw/arm/boot.c's CPU reset hooks on two cortex-a9s with the Security
 * Extensions: the primary at the boot loader and the secondary in the
 * holding pen (where it is written), Non-secure entry for Linux unless
 * secure_boot, Secure entry for bare-metal ELF, the reset vector without
 * a kernel, and every case surviving a system reset. (Running guests:
 * tests/functional/test_arm_boot.py.)
 */
#include "qemu/osdep.h"
#include "hw/arm/boot.h"
#include "hw/qdev-core.h"
#include "target/arm/cpu.h"
#include <glib/gstdio.h>

#define RAM         0x60000000
#define RAM_SIZE    (16 * MiB)

static MemoryRegion ram;
static CPUState *cpu[2];
static char *dir;

static ARMBootInfo board_info(void)
{
    return (ARMBootInfo) {
        .ram_base = RAM,
        .ram_size = RAM_SIZE,
        .loader_start = RAM,
        .board_id = 0x8e0,
        .smp_bootreg_addr = 0x10000030,
        .gic_cpu_if_addr = 0x1e000100,
    };
}

static char *write_image(const char *name, const void *data, size_t len)
{
    char *path = g_build_filename(dir, name, NULL);

    g_assert_true(g_file_set_contents(path, data, len, NULL));
    return path;
}

static void put32(uint8_t *p, uint32_t v)
{
    for (int i = 0; i < 4; i++) {
        p[i] = v >> (8 * i);
    }
}

/* A real machine object: the boot's reset hooks are its child, gone with it. */
static MachineState *new_machine(const char *kernel)
{
    MachineState *ms = MACHINE(object_new(MACHINE_TYPE_NAME("none")));

    ms->kernel_filename = g_strdup(kernel);
    return ms;
}

static CPUARMState *env_of(int i)
{
    return &ARM_CPU(cpu[i])->env;
}

static uint32_t ram_word(hwaddr a)
{
    return address_space_ldl_le(&address_space_memory, a, MEMTXATTRS_UNSPECIFIED, NULL);
}

/* Scribbles over both CPUs, then resets the system: the hooks must undo it. */
static void disturb_and_reset(void)
{
    for (int i = 0; i < 2; i++) {
        env_of(i)->regs[15] = 0x1234;
        env_of(i)->cp15.scr ^= 1;
    }
    qemu_devices_reset();
}

static void test_linux_nonsecure(void)
{
    static const uint32_t code[16] = { [9] = 0x016f2818 };
    g_autofree char *path = write_image("zImage", code, sizeof(code));
    MachineState *ms = new_machine(path);
    ARMBootInfo info = board_info();

    g_assert_true(arm_load_kernel(ms, cpu[0], &info, &error_abort));
    g_assert_cmpint(info.kind, ==, ARM_IMAGE_ZIMAGE);
    g_assert_cmphex(info.entry, ==, RAM + 0x10000);
    for (int pass = 0; pass < 2; pass++) {
        g_assert_cmphex(env_of(0)->regs[15], ==, RAM);
        g_assert_cmphex(env_of(1)->regs[15], ==, RAM + ARM_BOOT_PEN_OFFSET);
        for (int i = 0; i < 2; i++) {
            g_assert_cmphex(env_of(i)->cp15.scr & 1, ==, 1);      /* Non-secure */
            g_assert_cmphex(env_of(i)->uncached_cpsr & 0x1df, ==, 0x1d3);
            g_assert_false(arm_is_secure(env_of(i)));
        }
        disturb_and_reset();
    }
    g_assert_cmphex(ram_word(RAM + 16), ==, 0x8e0);
    g_assert_cmphex(ram_word(RAM + 20), ==, RAM + ARM_BOOT_ATAGS_OFFSET);
    g_assert_cmphex(ram_word(RAM + 24), ==, RAM + 0x10000);
    g_assert_cmphex(ram_word(RAM + ARM_BOOT_PEN_OFFSET + 48), ==, 0x1e000100);
    g_assert_cmphex(ram_word(RAM + ARM_BOOT_PEN_OFFSET + 52), ==, 0x10000030);
    g_unlink(path);
    object_unref(OBJECT(ms));
}

static void test_linux_secure_and_pen_address(void)
{
    static const uint32_t code[4] = { 0xeafffffe };
    g_autofree char *path = write_image("Image", code, sizeof(code));
    MachineState *ms = new_machine(path);
    ARMBootInfo info = board_info();

    info.secure_boot = true;
    info.smp_loader_start = RAM + 0x800000;
    info.gic_cpu_if_addr = 0;
    g_assert_true(arm_load_kernel(ms, cpu[0], &info, &error_abort));
    g_assert_cmpint(info.kind, ==, ARM_IMAGE_RAW);
    for (int pass = 0; pass < 2; pass++) {
        g_assert_cmphex(env_of(0)->regs[15], ==, RAM);
        g_assert_cmphex(env_of(1)->regs[15], ==, RAM + 0x800000);
        g_assert_cmphex(env_of(0)->cp15.scr & 1, ==, 0);          /* Secure */
        g_assert_true(arm_is_secure(env_of(1)));
        disturb_and_reset();
    }
    g_assert_cmphex(ram_word(RAM + 0x800000 + 28), ==, 0xe320f003);    /* wfi */
    g_assert_cmphex(ram_word(RAM + 0x800000 + 48), ==, 0);
    g_unlink(path);
    object_unref(OBJECT(ms));
}

static void test_elf_secure(void)
{
    /* ELF32 LE, EM_ARM, entry RAM + 0x8000, one PT_LOAD of 4 bytes. */
    uint8_t elf[88] = { 0x7f, 'E', 'L', 'F', 1, 1, 1 };
    g_autofree char *path = NULL;
    MachineState *ms = new_machine(NULL);
    ARMBootInfo info = board_info();

    elf[16] = 2;                                        /* ET_EXEC */
    elf[18] = 40;                                       /* EM_ARM */
    elf[20] = 1;
    put32(elf + 24, RAM + 0x8001);                   /* Thumb entry */
    elf[28] = 52;                                       /* e_phoff */
    elf[42] = 32;                                       /* e_phentsize */
    elf[44] = 1;                                        /* e_phnum */
    elf[52] = 1;                                        /* PT_LOAD */
    elf[56] = 84;                                       /* p_offset */
    put32(elf + 60, RAM + 0x8000);
    put32(elf + 64, RAM + 0x8000);
    elf[68] = 4;
    elf[72] = 4;
    path = write_image("k.elf", elf, sizeof(elf));
    ms->kernel_filename = g_strdup(path);
    g_assert_true(arm_load_kernel(ms, cpu[0], &info, &error_abort));
    g_assert_cmpint(info.kind, ==, ARM_IMAGE_ELF);
    for (int pass = 0; pass < 2; pass++) {
        for (int i = 0; i < 2; i++) {
            /* Every CPU at the entry, Thumb, Secure (bare metal owns EL3). */
            g_assert_cmphex(env_of(i)->regs[15], ==, RAM + 0x8000);
            g_assert_cmpuint(env_of(i)->thumb, ==, 1);
            g_assert_true(arm_is_secure(env_of(i)));
        }
        disturb_and_reset();
    }
    g_unlink(path);
    object_unref(OBJECT(ms));
}

static void test_no_kernel(void)
{
    MachineState *ms = new_machine(NULL);
    ARMBootInfo info = board_info();

    g_assert_true(arm_load_kernel(ms, cpu[0], &info, &error_abort));
    g_assert_cmpint(info.kind, ==, ARM_IMAGE_NONE);
    disturb_and_reset();
    for (int i = 0; i < 2; i++) {
        g_assert_cmphex(env_of(i)->regs[15], ==, 0);
        g_assert_true(arm_is_secure(env_of(i)));
    }
    object_unref(OBJECT(ms));
}

static void test_errors(void)
{
    MachineState ms = { .initrd_filename = (char *)"/dev/null" };
    ARMBootInfo info = board_info();
    Error *err = NULL;

    g_assert_false(arm_load_kernel(&ms, NULL, &info, &err));
    g_assert_cmpstr(error_get_pretty(err), ==, "-initrd /dev/null: only allowed with -kernel");
    error_free(err);
    err = NULL;
    ms = (MachineState) { .kernel_cmdline = (char *)"quiet" };
    g_assert_false(arm_load_kernel(&ms, NULL, &info, &err));
    g_assert_cmpstr(error_get_pretty(err), ==, "-append quiet: only allowed with -kernel");
    error_free(err);
    err = NULL;
    ms = (MachineState) { .firmware = (char *)"/dev/null" };
    g_assert_false(arm_load_kernel(&ms, NULL, &info, &err));
    g_assert_cmpstr(error_get_pretty(err), ==, "-bios /dev/null: this machine has no boot flash");
    error_free(err);
    g_assert_cmpstr(arm_image_kind_name(ARM_IMAGE_UIMAGE), ==, "uImage");
}

int main(int argc, char **argv)
{
    int r;

    g_test_init(&argc, &argv, NULL);
    memory_init();
    memory_region_init_ram(&ram, NULL, "ram", RAM_SIZE, &error_abort);
    memory_region_add_subregion(get_system_memory(), RAM, &ram);
    dir = g_dir_make_tmp("arm-boot-XXXXXX", NULL);
    for (int i = 0; i < 2; i++) {
        cpu[i] = cpu_create(ARM_CPU_TYPE_NAME("cortex-a9"), &error_abort);
        object_property_set_bool(OBJECT(cpu[i]), "has_el3", true, &error_abort);
        qdev_realize(DEVICE(cpu[i]), NULL, &error_abort);
    }

    g_test_add_func("/arm-boot/linux-nonsecure", test_linux_nonsecure);
    g_test_add_func("/arm-boot/linux-secure-pen-address", test_linux_secure_and_pen_address);
    g_test_add_func("/arm-boot/elf-secure", test_elf_secure);
    g_test_add_func("/arm-boot/no-kernel", test_no_kernel);
    g_test_add_func("/arm-boot/errors", test_errors);
    r = g_test_run();

    g_rmdir(dir);
    g_free(dir);
    return r;
}
