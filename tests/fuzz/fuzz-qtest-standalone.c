/*
 * Runs the qtest fuzz target without libFuzzer (gcc builds, `make check`):
 * every file of the seed corpus, then pseudo-random mutations of them
 * (byte flips, insertions, deletions, splices, dictionary words) for a
 * bounded time. Deterministic for a given seed; a crash or abort() is
 * the failure. Usage: fuzz-qtest-standalone CORPUS_DIR [SECONDS [SEED]]
 */
#include "qemu/osdep.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const dict[] = {
    "readb ", "readw ", "readl ", "readq ", "writeb ", "writew ", "writel ", "writeq ",
    "read ", "write ", "b64read ", "b64write ", "memset ", "inb ", "outw ", "inl ",
    "endianness", "clock_step", "clock_set ", "irq_intercept_in ", "irq_intercept_out ",
    "set_irq_in ", "rtas ", "device[0]", "/machine", "0x1000000 ", "unnamed-gpio-in", "0x", "0xffffffffffffffff",
    "-1", "16777216", "\n", " ", "\r\n", "AAAA==", "0x1000", "9223372036854775807",
};

static void insert_bytes(GByteArray *a, guint pos, const void *data, guint len)
{
    guint old = a->len;

    g_byte_array_set_size(a, old + len);
    memmove(a->data + pos + len, a->data + pos, old - pos);
    memcpy(a->data + pos, data, len);
}

static GByteArray *mutate(GRand *r, GPtrArray *seeds)
{
    GByteArray *src = g_ptr_array_index(seeds, g_rand_int_range(r, 0, seeds->len));
    GByteArray *out = g_byte_array_new();
    int rounds = g_rand_int_range(r, 1, 8);

    g_byte_array_append(out, src->data, src->len);
    for (int i = 0; i < rounds; i++) {
        guint pos = out->len ? g_rand_int_range(r, 0, out->len + 1) : 0;
        const char *word;

        switch (g_rand_int_range(r, 0, 5)) {
        case 0:
            if (pos < out->len) {
                out->data[pos] ^= 1u << g_rand_int_range(r, 0, 8);
            }
            break;
        case 1: {
            guint8 b = g_rand_int_range(r, 0, 256);

            insert_bytes(out, pos, &b, 1);
            break;
        }
        case 2: {
            guint n = g_rand_int_range(r, 1, 16);

            if (pos < out->len) {
                g_byte_array_remove_range(out, pos, MIN(out->len - pos, n));
            }
            break;
        }
        case 3:
            word = dict[g_rand_int_range(r, 0, G_N_ELEMENTS(dict))];
            insert_bytes(out, pos, word, strlen(word));
            break;
        default: {
            GByteArray *other = g_ptr_array_index(seeds, g_rand_int_range(r, 0, seeds->len));

            g_byte_array_append(out, other->data, other->len);
            break;
        }
        }
    }
    return out;
}

int main(int argc, char **argv)
{
    g_autoptr(GPtrArray) seeds = g_ptr_array_new_with_free_func((GDestroyNotify)
                                                                 g_byte_array_unref);
    double seconds = argc > 2 ? g_ascii_strtod(argv[2], NULL) : 5.0;
    guint32 seed = argc > 3 ? (guint32)g_ascii_strtoull(argv[3], NULL, 0) : 20260101;
    g_autoptr(GError) gerr = NULL;
    g_autoptr(GDir) dir = NULL;
    g_autoptr(GTimer) timer = g_timer_new();
    GRand *r = g_rand_new_with_seed(seed);
    const char *name;
    guint64 execs = 0;

    if (argc < 2) {
        fprintf(stderr, "usage: %s CORPUS_DIR [SECONDS [SEED]]\n", argv[0]);
        return 2;
    }
    dir = g_dir_open(argv[1], 0, &gerr);
    if (!dir) {
        fprintf(stderr, "%s: %s\n", argv[0], gerr->message);
        return 2;
    }
    LLVMFuzzerInitialize(&argc, &argv);
    while ((name = g_dir_read_name(dir))) {
        g_autofree char *path = g_build_filename(argv[1], name, NULL);
        gchar *data;
        gsize len;

        if (!g_file_get_contents(path, &data, &len, NULL)) {
            continue;
        }
        LLVMFuzzerTestOneInput((const uint8_t *)data, len);
        execs++;
        g_ptr_array_add(seeds, g_byte_array_new_take((guint8 *)data, len));
    }
    if (!seeds->len) {
        fprintf(stderr, "%s: empty corpus in %s\n", argv[0], argv[1]);
        return 2;
    }
    while (g_timer_elapsed(timer, NULL) < seconds) {
        GByteArray *in = mutate(r, seeds);

        LLVMFuzzerTestOneInput(in->data, in->len);
        g_byte_array_unref(in);
        execs++;
    }
    g_rand_free(r);
    printf("fuzz-qtest: %" G_GUINT64_FORMAT " inputs in %.1f s (seed %u), no crash\n",
           execs, g_timer_elapsed(timer, NULL), seed);
    return 0;
}
