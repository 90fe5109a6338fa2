/*
 * The abstract accelerator type and the choice of one per run.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "system/accel.h"

static AccelState *accel_in_use;

/* Names users pass to QEMU that Ferry can never provide on this host. */
static const char *const unavailable_accels[] = {
    "kvm", "hvf", "xen", "whpx", "nvmm",
};

AccelClass *accel_find(const char *name)
{
    g_autofree char *type = g_strconcat(name, ACCEL_CLASS_SUFFIX, NULL);
    ObjectClass *oc = object_class_by_name(type);

    if (!oc || object_class_is_abstract(oc) || !object_class_dynamic_cast(oc, TYPE_ACCEL)) {
        return NULL;
    }
    return ACCEL_CLASS(oc);
}

bool accel_name_known(const char *name)
{
    for (size_t i = 0; i < ARRAY_SIZE(unavailable_accels); i++) {
        if (!strcmp(name, unavailable_accels[i])) {
            return true;
        }
    }
    return accel_find(name) != NULL;
}

static bool accel_try(const char *name, Error **errp)
{
    AccelClass *ac = accel_find(name);
    AccelState *accel;

    if (!ac) {
        error_setg(errp, "accelerator not available");
        return false;
    }
    accel = ACCEL(object_new_with_class(OBJECT_CLASS(ac)));
    if (ac->init_machine && !ac->init_machine(accel, errp)) {
        object_unref(OBJECT(accel));
        return false;
    }
    accel_in_use = accel;
    return true;
}

bool accel_init_from_list(const char *const *names, guint n, Error **errp)
{
    Error *first_err = NULL;

    assert(!accel_in_use);
    for (guint i = 0; i < n; i++) {
        Error *err = NULL;

        if (accel_try(names[i], &err)) {
            error_free(first_err);
            return true;
        }
        error_prepend(&err, "-accel %s: ", names[i]);
        if (!first_err) {
            first_err = err;
        } else {
            error_free(err);
        }
    }
    if (!first_err) {
        error_setg(&first_err, "no accelerator given");
    }
    error_propagate(errp, first_err);
    return false;
}

AccelState *current_accel(void)
{
    return accel_in_use;
}

const char *current_accel_name(void)
{
    return accel_in_use ? ACCEL_GET_CLASS(accel_in_use)->name : NULL;
}

void accel_cleanup(void)
{
    AccelState *accel = accel_in_use;

    if (!accel) {
        return;
    }
    accel_in_use = NULL;
    if (ACCEL_GET_CLASS(accel)->cleanup) {
        ACCEL_GET_CLASS(accel)->cleanup(accel);
    }
    object_unref(OBJECT(accel));
}

void accel_print_help(FILE *out)
{
    GSList *list = object_class_get_list(TYPE_ACCEL, false);

    fprintf(out, "Accelerators supported in Ferry binary:\n");
    for (GSList *l = list; l; l = l->next) {
        fprintf(out, "%s\n", ACCEL_CLASS(l->data)->name);
    }
    g_slist_free(list);
}

static const TypeInfo accel_types[] = {
    {
        .name = TYPE_ACCEL,
        .parent = TYPE_OBJECT,
        .instance_size = sizeof(AccelState),
        .class_size = sizeof(AccelClass),
        .abstract = true,
    },
};

DEFINE_TYPES(accel_types)
