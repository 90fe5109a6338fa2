/*
 * Fuzz target for the migration stream loader (qemu_loadvm_state).
 *
 * A set of test descriptions covering the field kinds (structs, variable
 * arrays with their bounds validated, VMS_ALLOC, timers, subsections,
 * bitmaps) is registered once, under the machine name "fuzz-1.0". Every
 * input is loaded from memory; a failing load must only produce an error.
 * With clang this file is a libFuzzer target; tests/fuzz/fuzz-loadvm-driver.c
 * runs it for a bounded number of mutations under gcc.
 */
#include "qemu/osdep.h"
#include "qemu/timer.h"
#include "migration/qemu-file.h"
#include "migration/savevm.h"
#include "migration/vmstate.h"
#include "fuzz.h"

typedef struct FuzzElem {
    uint16_t v;
    uint8_t flag;
} FuzzElem;

typedef struct FuzzDev {
    uint32_t regs[4];
    uint8_t fifo[16];
    uint32_t count;
    uint32_t vals[8];
    uint32_t *vals_ptr;
    uint8_t n_alloc;
    uint64_t *alloc;
    int32_t nbits;
    unsigned long bits[2];
    unsigned long *bits_ptr;
    FuzzElem elems[2];
    FuzzElem *elem_ptrs[2];
    QEMUTimer timer;
    int32_t le;
    bool b;
    uint64_t extra;
} FuzzDev;

static bool count_ok(void *opaque, int version_id)
{
    return ((FuzzDev *)opaque)->count <= 8;
}

static bool nbits_ok(void *opaque, int version_id)
{
    int32_t n = ((FuzzDev *)opaque)->nbits;

    return n >= 0 && n <= 128;
}

static bool extra_needed(void *opaque)
{
    return ((FuzzDev *)opaque)->extra != 0;
}

static void extra_absent(void *opaque)
{
    ((FuzzDev *)opaque)->extra = 0;
}

static bool elem_flag_needed(void *opaque)
{
    return ((FuzzElem *)opaque)->flag != 0;
}

static const VMStateDescription vmstate_fuzz_elem_flag = {
    .name = "fuzz-elem/flag",
    .version_id = 1,
    .minimum_version_id = 1,
    .needed = elem_flag_needed,
    .fields = (const VMStateField[]) {
        VMSTATE_UINT8(flag, FuzzElem),
        VMSTATE_END_OF_LIST()
    },
};

static const VMStateDescription vmstate_fuzz_elem = {
    .name = "fuzz-elem",
    .version_id = 1,
    .minimum_version_id = 1,
    .fields = (const VMStateField[]) {
        VMSTATE_UINT16(v, FuzzElem),
        VMSTATE_END_OF_LIST()
    },
    .subsections = (const VMStateDescription *const[]) {
        &vmstate_fuzz_elem_flag,
        NULL
    },
};

static const VMStateDescription vmstate_fuzz_extra = {
    .name = "fuzz-dev/extra",
    .version_id = 2,
    .minimum_version_id = 1,
    .needed = extra_needed,
    .absent = extra_absent,
    .fields = (const VMStateField[]) {
        VMSTATE_UINT64(extra, FuzzDev),
        VMSTATE_END_OF_LIST()
    },
};

static const VMStateDescription vmstate_fuzz_dev = {
    .name = "fuzz-dev",
    .version_id = 3,
    .minimum_version_id = 1,
    .fields = (const VMStateField[]) {
        VMSTATE_UINT32_ARRAY(regs, FuzzDev, 4),
        VMSTATE_BUFFER(fifo, FuzzDev),
        VMSTATE_UINT32(count, FuzzDev),
        VMSTATE_VALIDATE("count <= 8", count_ok),
        VMSTATE_VARRAY_UINT32(vals_ptr, FuzzDev, count, 0, VMS_KIND_UINT32,
                              uint32_t),
        VMSTATE_UINT8_V(n_alloc, FuzzDev, 2),
        {
            .name = "alloc", .kind = VMS_KIND_UINT64, .size = 8, .version_id = 2,
            .flags = VMS_VARRAY_UINT8 | VMS_POINTER | VMS_ALLOC,
            .num_offset = offsetof(FuzzDev, n_alloc),
            .offset = offsetof(FuzzDev, alloc),
        },
        VMSTATE_INT32(nbits, FuzzDev),
        VMSTATE_VALIDATE("nbits in 0..128", nbits_ok),
        VMSTATE_BITMAP(bits_ptr, FuzzDev, 0, nbits),
        VMSTATE_STRUCT_ARRAY(elems, FuzzDev, 2, 0, vmstate_fuzz_elem, FuzzElem),
        VMSTATE_ARRAY_OF_POINTER_TO_STRUCT(elem_ptrs, FuzzDev, 2, 0,
                                           vmstate_fuzz_elem, FuzzElem),
        VMSTATE_TIMER(timer, FuzzDev),
        VMSTATE_INT32_POSITIVE_LE(le, FuzzDev),
        VMSTATE_BOOL_V(b, FuzzDev, 3),
        VMSTATE_UNUSED(3),
        VMSTATE_END_OF_LIST()
    },
    .subsections = (const VMStateDescription *const[]) {
        &vmstate_fuzz_extra,
        NULL
    },
};

static FuzzDev devs[2];
static FuzzElem spare;

static void timer_cb(void *opaque)
{
}

static void reset_dev(FuzzDev *d, int i)
{
    g_free(d->alloc);
    timer_del(&d->timer);
    memset(d, 0, offsetof(FuzzDev, timer));
    d->vals_ptr = d->vals;
    d->bits_ptr = d->bits;
    d->elem_ptrs[0] = &spare;
    d->elem_ptrs[1] = i ? &spare : NULL;
    d->le = 1000;
}

static void fuzz_loadvm_init(void)
{
    static bool done;

    if (done) {
        return;
    }
    done = true;
    qemu_clock_set_manual(true);
    savevm_set_machine_name("fuzz-1.0");
    global_state_register();
    for (int i = 0; i < 2; i++) {
        timer_init_ns(&devs[i].timer, QEMU_CLOCK_VIRTUAL, timer_cb, NULL);
        reset_dev(&devs[i], i);
        vmstate_register(NULL, i ? 0x10 : -1, &vmstate_fuzz_dev, &devs[i]);
    }
}

static GByteArray *fuzz_loadvm_seed(void)
{
    QEMUFile *f = qemu_file_new_output_mem();
    GByteArray *out = g_byte_array_new();

    fuzz_loadvm_init();
    for (int i = 0; i < 2; i++) {
        FuzzDev *d = &devs[i];

        d->regs[1] = 0x1234 + i;
        memcpy(d->fifo, "hello", 5);
        d->count = 3;
        d->vals[2] = 7;
        d->n_alloc = 2;
        d->alloc = g_new0(uint64_t, 2);
        d->alloc[1] = 99;
        d->nbits = 70;
        d->bits[1] = 0x3f;
        d->elems[1].flag = 1;
        d->le = 5;
        d->b = true;
        d->extra = i;
        timer_mod_ns(&d->timer, 5000);
    }
    if (!qemu_savevm_state(f, &error_abort)) {
        abort();
    }
    g_byte_array_append(out, qemu_file_mem_data(f)->data,
                        qemu_file_mem_data(f)->len);
    qemu_fclose(f);
    return out;
}

/* Loads DATA; returns 1 when it loaded, 0 when it failed cleanly. */
static int fuzz_loadvm_one(const uint8_t *data, size_t size)
{
    QEMUFile *f;
    Error *err = NULL;
    bool ok;

    fuzz_loadvm_init();
    for (int i = 0; i < 2; i++) {
        reset_dev(&devs[i], i);
    }
    f = qemu_file_new_input_mem(data, size);
    ok = qemu_loadvm_state(f, &err);
    if (!ok) {
        /* Every failure explains itself. */
        if (!err || !*error_get_pretty(err)) {
            abort();
        }
        error_free(err);
    }
    qemu_fclose(f);
    return ok;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_loadvm_one(data, size);
    return 0;
}

/* A valid stream of the fuzz devices, which must itself load. */
void fuzz_builtin_seeds(GPtrArray *seeds)
{
    GByteArray *seed = fuzz_loadvm_seed();

    if (!fuzz_loadvm_one(seed->data, seed->len)) {
        fprintf(stderr, "fuzz-loadvm: the seed stream does not load\n");
        abort();
    }
    g_ptr_array_add(seeds, seed);
}
