/*
 * The generic loader device. Two modes, as QEMU users know them:
 *
 *   -device loader,addr=A,data=V,data-len=N[,data-be=on]
 *       stores the N-byte value V (N = 1, 2, 4 or 8) at A;
 *   -device loader,file=F,addr=A,force-raw=on
 *       copies file F to A.
 *
 * The store happens at every system reset, so a reboot starts from the
 * same memory contents. The file is read once, at realize, so that a bad
 * path fails at start-up rather than at the first reset. Setting a CPU's
 * program counter (cpu-num=) needs a CPU and is refused until Ferry has
 * one; ELF and uImage files need the image loaders and are refused unless
 * force-raw=on asks for the bytes as they are.
 */
#include "qemu/osdep.h"
#include "hw/misc/generic-loader.h"
#include "hw/qdev-properties.h"
#include "exec/memory.h"

#define CPU_NUM_UNSET UINT32_MAX

static void loader_store(void *opaque)
{
    GenericLoaderState *s = opaque;
    const void *buf;
    size_t len;
    uint8_t bytes[8];
    MemTxResult res;

    if (s->image) {
        buf = s->image;
        len = s->image_size;
    } else {
        /* The value goes into memory in the byte order data-be asks for. */
        for (int i = 0; i < s->data_len; i++) {
            int shift = s->data_be ? 8 * (s->data_len - 1 - i) : 8 * i;

            bytes[i] = s->data >> shift;
        }
        buf = bytes;
        len = s->data_len;
    }
    res = address_space_write_rom(&address_space_memory, s->addr,
                                  MEMTXATTRS_UNSPECIFIED, buf, len);
    if (res != MEMTX_OK) {
        warn_report("loader: could not store %zu bytes at 0x%" PRIx64
                    " (nothing writable is mapped there)", len, s->addr);
    }
}

static bool loader_read_file(GenericLoaderState *s, Error **errp)
{
    g_autoptr(GError) gerr = NULL;
    gchar *contents;
    gsize size;

    if (!g_file_get_contents(s->file, &contents, &size, &gerr)) {
        error_setg(errp, "cannot read file '%s': %s", s->file,
                   gerr->message);
        return false;
    }
    if (!s->force_raw && size >= 4 && !memcmp(contents, "\x7f" "ELF", 4)) {
        error_setg(errp, "'%s' is an ELF image; ELF loading is not "
                   "supported yet (force-raw=on loads the bytes as they are)",
                   s->file);
        g_free(contents);
        return false;
    }
    s->image = (uint8_t *)contents;
    s->image_size = size;
    return true;
}

static void loader_realize(DeviceState *dev, Error **errp)
{
    GenericLoaderState *s = GENERIC_LOADER(dev);

    if (s->cpu_num != CPU_NUM_UNSET) {
        error_setg(errp, "cpu-num=%u: this machine has no CPU to "
                   "start at the loaded address", s->cpu_num);
        return;
    }
    if (s->file) {
        if (s->data || s->data_len || s->data_be) {
            error_setg(errp, "'file' cannot be combined with 'data', "
                       "'data-len' or 'data-be'");
            return;
        }
        if (!s->has_addr) {
            error_setg(errp, "a raw file needs 'addr'");
            return;
        }
        if (!loader_read_file(s, errp)) {
            return;
        }
    } else {
        if (!s->has_addr) {
            error_setg(errp, "'addr' is required");
            return;
        }
        if (s->data_len != 1 && s->data_len != 2 && s->data_len != 4 &&
            s->data_len != 8) {
            error_setg(errp, "data-len=%u: must be 1, 2, 4 or 8",
                       s->data_len);
            return;
        }
        if (s->data_len < 8 && (s->data >> (8 * s->data_len))) {
            error_setg(errp, "data=0x%" PRIx64 " does not fit in "
                       "data-len=%u bytes", s->data, s->data_len);
            return;
        }
    }
    qemu_register_reset(loader_store, s);
    /* Reset may already have run (a device added at run time): store now. */
    loader_store(s);
}

static void loader_unrealize(DeviceState *dev)
{
    qemu_unregister_reset(loader_store, GENERIC_LOADER(dev));
}

static void loader_finalize(Object *obj)
{
    GenericLoaderState *s = GENERIC_LOADER(obj);

    g_free(s->image);
    s->image = NULL;
}

/* "addr" distinguishes "not given" from 0. */
static GVariant *loader_get_addr(Object *obj, ObjectProperty *op, Error **errp)
{
    return g_variant_ref_sink(g_variant_new_uint64(GENERIC_LOADER(obj)->addr));
}

static void loader_set_addr(Object *obj, ObjectProperty *op, GVariant *v,
                            Error **errp)
{
    GenericLoaderState *s = GENERIC_LOADER(obj);

    if (DEVICE(obj)->realized) {
        qdev_prop_set_after_realize(DEVICE(obj), "addr", errp);
        return;
    }
    s->addr = g_variant_get_uint64(v);
    s->has_addr = true;
}

static Property loader_props[] = {
    DEFINE_PROP_UINT64("data", GenericLoaderState, data, 0),
    DEFINE_PROP_UINT8("data-len", GenericLoaderState, data_len, 0),
    DEFINE_PROP_BOOL("data-be", GenericLoaderState, data_be, false),
    DEFINE_PROP_UINT32("cpu-num", GenericLoaderState, cpu_num, CPU_NUM_UNSET),
    DEFINE_PROP_BOOL("force-raw", GenericLoaderState, force_raw, false),
    DEFINE_PROP_STRING("file", GenericLoaderState, file),
    DEFINE_PROP_END_OF_LIST(),
};

static void loader_class_init(ObjectClass *klass, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);

    dc->desc = "Generic loader";
    dc->realize = loader_realize;
    dc->unrealize = loader_unrealize;
    dc->user_creatable = true;
    device_class_set_props(dc, loader_props);
    object_class_property_add(klass, "addr", "uint64", loader_get_addr,
                              loader_set_addr, NULL, NULL);
    object_class_property_set_description(klass, "addr",
                                          "guest physical address to load at");
}

static const TypeInfo loader_types[] = {
    {
        .name = TYPE_GENERIC_LOADER,
        .parent = TYPE_DEVICE,
        .instance_size = sizeof(GenericLoaderState),
        .instance_finalize = loader_finalize,
        .class_init = loader_class_init,
    },
};

DEFINE_TYPES(loader_types)
