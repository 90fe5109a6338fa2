/*
 * Machines: the abstract "machine" QOM type, board classes, versioned
 * machine types and the one machine of a run ("/machine").
 *
 * A board is declared per version with DEFINE_MACHINE_VERSION: every board
 * exists as "NAME-X.Y" and the newest version also answers to "NAME". The
 * QOM type of a machine is "<name>-machine" ("vexpress-a9-0.1-machine").
 */
#ifndef HW_BOARDS_H
#define HW_BOARDS_H

#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qom/object.h"
#include "system/runstate.h"
#include "hw/qdev-properties.h"

#define TYPE_MACHINE "machine"
#define TYPE_MACHINE_SUFFIX "-machine"
#define MACHINE_TYPE_NAME(machinename) (machinename TYPE_MACHINE_SUFFIX)

typedef struct MemoryRegion MemoryRegion;

OBJECT_DECLARE_TYPE(MachineState, MachineClass, MACHINE)

typedef struct CpuTopology {
    unsigned cpus;          /* CPUs present at startup */
    unsigned max_cpus;      /* CPUs the machine can hold */
} CpuTopology;

struct MachineClass {
    ObjectClass parent_class;

    const char *family;             /* "vexpress-a9" for versioned boards */
    const char *name;               /* "vexpress-a9-0.1", "none" */
    const char *alias;              /* "vexpress-a9" on the newest version */
    const char *desc;
    const char *deprecation_reason;
    const char *version;            /* "0.1", NULL when unversioned */
    /* Binaries that offer the board ({ "arm", NULL }); NULL: all of them. */
    const char *const *targets;
    int version_major, version_minor; /* -1 when unversioned */

    void (*init)(MachineState *ms);
    /* Instead of init, for boards whose set-up can fail (bad -kernel image). */
    bool (*init_checked)(MachineState *ms, Error **errp);
    /* NULL: reset every device (qemu_devices_reset). */
    void (*reset)(MachineState *ms, ShutdownCause reason);

    int max_cpus, min_cpus, default_cpus;
    bool is_default;
    const char *default_cpu_type;
    uint64_t default_ram_size;
    const char *default_ram_id;     /* NULL: no RAM unless -m is given */
    /* Map RAM at guest address 0 (the "none" machine; boards map it themselves). */
    bool map_ram_at_zero;
    /* The board cannot load -kernel/-initrd/-append/-dtb/-bios images. */
    bool no_kernel_loading;
    bool no_serial;

    /* GlobalProperty *, applied as qdev globals before devices exist. */
    GPtrArray *compat_props;
};

struct MachineState {
    Object parent_obj;

    char *dtb;
    char *dumpdtb;
    char *kernel_filename;
    char *kernel_cmdline;
    char *initrd_filename;
    char *firmware;
    char *cpu_type;
    char *ram_memdev_id;
    uint64_t ram_size;
    CpuTopology smp;
    MemoryRegion *ram;      /* NULL when the machine has no RAM */
};

/* The machine of this run (NULL before machine_create()). */
extern MachineState *current_machine;

/*
 * Declares version MAJOR.MINOR of board NAMESTR (a C identifier IDENT is
 * needed because board names contain dashes). OPTIONS(mc) fills the class:
 * an older version's OPTIONS calls the next newer one's, then adds its own
 * compat properties, so each version carries those of all newer versions.
 * LATEST marks the version the unversioned alias points to.
 */
#define DEFINE_MACHINE_VERSION(IDENT, NAMESTR, PARENT, MAJOR, MINOR, LATEST, \
                               OPTIONS)                                     \
    static void IDENT##_##MAJOR##_##MINOR##_class_init(ObjectClass *oc,     \
                                                        void *data)         \
    {                                                                       \
        MachineClass *mc = MACHINE_CLASS(oc);                               \
        OPTIONS(mc);                                                        \
        machine_class_set_version(mc, NAMESTR, MAJOR, MINOR, LATEST);       \
    }                                                                       \
    static const TypeInfo IDENT##_##MAJOR##_##MINOR##_info = {              \
        .name = NAMESTR "-" #MAJOR "." #MINOR TYPE_MACHINE_SUFFIX,          \
        .parent = PARENT,                                                   \
        .class_init = IDENT##_##MAJOR##_##MINOR##_class_init,               \
    };                                                                      \
    static void IDENT##_##MAJOR##_##MINOR##_register(void)                  \
    {                                                                       \
        type_register_static(&IDENT##_##MAJOR##_##MINOR##_info);            \
    }                                                                       \
    type_init(IDENT##_##MAJOR##_##MINOR##_register)

/*
 * Names MC "FAMILY-MAJOR.MINOR" (alias FAMILY when LATEST) and adds the
 * compat properties of every Ferry release at or after MAJOR.MINOR
 * (hw_compat_X_Y holds what changed after release X.Y).
 */
void machine_class_set_version(MachineClass *mc, const char *family,
                               int major, int minor, bool latest);
/* "0.1" for a versioned machine (static storage), NULL otherwise. */
const char *machine_class_version(MachineClass *mc);
/*
 * Appends N compat properties (PROPS must outlive the program and stay
 * writable: qdev marks each entry "used").
 */
void machine_class_add_compat_props(MachineClass *mc,
                                    GlobalProperty *props, size_t n);

/* Ferry's own releases (writable, see above); each ends with a NULL driver. */
extern GlobalProperty hw_compat_0_1[];

/* MC's machine name (mc->name, or derived from the QOM type name). */
const char *machine_class_name(MachineClass *mc);
/* The class named NAME (a name or an alias), or NULL. */
MachineClass *find_machine(const char *name);
/* The default machine class (is_default), or NULL. */
MachineClass *find_default_machine(void);
/* Every concrete machine class, sorted by name; g_slist_free it. */
GSList *machine_class_list(void);
/* "-M help": "Supported machines are:" and one line per name and alias. */
void machine_help(FILE *out);

/*
 * Checks an -smp request against MC's limits ("Invalid SMP CPUs 8. The max
 * CPUs supported by machine 'none' is 1"). CPUS 0 means the default.
 */
bool machine_parse_smp(MachineClass *mc, unsigned cpus, unsigned max_cpus,
                       CpuTopology *out, Error **errp);

/*
 * Creates the machine of class MC as "/machine" and sets current_machine;
 * RAM_SIZE 0 means the class default. Returns NULL with ERRP set on error.
 */
MachineState *machine_create(MachineClass *mc, uint64_t ram_size,
                             Error **errp);
/*
 * Allocates RAM (if the size is not zero), checks the image options the
 * board cannot use, and runs the board's init.
 */
bool machine_run_board_init(MachineState *ms, Error **errp);
/* Unparents and drops current_machine. */
void machine_destroy(void);

/*
 * Allocates ms->ram (ram_size bytes, named mc->default_ram_id or
 * "ram") and maps it at 0 when mc->map_ram_at_zero.
 */
bool machine_create_ram(MachineState *ms, Error **errp);

#endif
