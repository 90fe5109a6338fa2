/*
 * Accelerators: what runs guest code. Each one is a QOM type named
 * "NAME-accel" (tcg-accel, qtest-accel) below the abstract TYPE_ACCEL, so
 * that clients find them with qom-list-types. One accelerator is chosen per
 * run: the first of the -accel list whose init_machine succeeds.
 */
#ifndef SYSTEM_ACCEL_H
#define SYSTEM_ACCEL_H

#include "qom/object.h"

#define TYPE_ACCEL "accel"
#define ACCEL_CLASS_SUFFIX "-accel"

OBJECT_DECLARE_TYPE(AccelState, AccelClass, ACCEL)

struct AccelState {
    Object parent_obj;
};

struct AccelClass {
    ObjectClass parent_class;
    const char *name;           /* as given to -accel: "tcg", "qtest" */
    /*
     * Prepares the accelerator for the machine (before board init). On
     * failure sets ERRP; the next accelerator of the list is tried.
     */
    bool (*init_machine)(AccelState *accel, Error **errp);
    /* Undoes init_machine (qemu_cleanup, tests). May be NULL. */
    void (*cleanup)(AccelState *accel);
};

/* The class for NAME ("tcg"), or NULL when this binary has no such type. */
AccelClass *accel_find(const char *name);

/*
 * True when -accel NAME names an accelerator Ferry knows of: one of its
 * types, or one it recognizes but can never provide (kvm, hvf, xen, ...),
 * which fails at init with "accelerator not available".
 */
bool accel_name_known(const char *name);

/*
 * Initializes the first accelerator of NAMES (in order) that works. When
 * none does, sets ERRP to the first failure, as "-accel NAME: reason".
 */
bool accel_init_from_list(const char *const *names, guint n, Error **errp);

/* The accelerator in use, or NULL before accel_init_from_list. */
AccelState *current_accel(void);
/* Its -accel name, or NULL. */
const char *current_accel_name(void);
/* Drops the current accelerator (calls its cleanup). */
void accel_cleanup(void);

/* Prints "Accelerators supported in Ferry binary:" and one name a line. */
void accel_print_help(FILE *out);

#endif
