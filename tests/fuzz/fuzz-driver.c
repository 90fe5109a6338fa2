/*
 * A stand-in for libFuzzer for gcc builds and the test suite: runs a fuzz
 * target over its seeds (a corpus directory and/or seeds the target builds
 * in code), then over pseudo-random mutations of them for a bounded time.
 * Deterministic for a given seed value. A crash, a sanitizer report or a
 * failed assertion in the target is the failure. Prints TAP.
 *
 * Usage: fuzz-driver [--corpus DIR] [--seconds S] [--seed N] [--dump-seeds DIR]
 *
 * --dump-seeds writes the seeds (including those the target builds in code)
 * into DIR, to start a libFuzzer corpus, and exits.
 */
#include "qemu/osdep.h"
#include "fuzz.h"

static void insert_bytes(GByteArray *a, guint pos, const void *data,
                         guint len)
{
    guint old = a->len;

    g_byte_array_set_size(a, old + len);
    memmove(a->data + pos + len, a->data + pos, old - pos);
    memcpy(a->data + pos, data, len);
}

/* Big-endian field values that reach edge cases in binary formats. */
static const uint32_t edge_values[] = {
    0, 1, 0x7f, 0x80, 0xff, 0x100, 0x7fff, 0x8000, 0xffff, 0x10000,
    0x7fffffff, 0x80000000, 0xfffffffe, 0xffffffff,
};

static GByteArray *mutate(GRand *r, GPtrArray *seeds)
{
    GByteArray *src = g_ptr_array_index(seeds,
                                        g_rand_int_range(r, 0, seeds->len));
    GByteArray *out = g_byte_array_new();
    int rounds = g_rand_int_range(r, 1, 8);

    g_byte_array_append(out, src->data, src->len);
    for (int i = 0; i < rounds; i++) {
        guint pos = out->len ? g_rand_int_range(r, 0, out->len + 1) : 0;
        bool inside = pos < out->len;

        switch (g_rand_int_range(r, 0, 8)) {
        case 0:     /* flip a bit */
            if (inside) {
                out->data[pos] ^= 1u << g_rand_int_range(r, 0, 8);
            }
            break;
        case 1: {   /* insert a random byte */
            guint8 b = g_rand_int_range(r, 0, 256);

            insert_bytes(out, pos, &b, 1);
            break;
        }
        case 2: {   /* delete a range (MIN evaluates twice: draw first) */
            guint want = g_rand_int_range(r, 1, 16);

            if (inside) {
                g_byte_array_remove_range(out, pos, MIN(out->len - pos, want));
            }
            break;
        }
        case 3:     /* insert a dictionary word */
            if (&fuzz_dictionary != NULL && fuzz_dictionary[0]) {
                int n = 0;
                const char *w;

                while (fuzz_dictionary[n]) {
                    n++;
                }
                w = fuzz_dictionary[g_rand_int_range(r, 0, n)];
                insert_bytes(out, pos, w, strlen(w));
            }
            break;
        case 4:     /* a 32-bit big-endian edge value over the bytes */
            if (pos + 4 <= out->len) {
                uint32_t v = edge_values[g_rand_int_range(
                    r, 0, G_N_ELEMENTS(edge_values))];

                out->data[pos] = v >> 24;
                out->data[pos + 1] = v >> 16;
                out->data[pos + 2] = v >> 8;
                out->data[pos + 3] = v;
            }
            break;
        case 5:     /* repeat a range (deep nesting, long inputs) */
            if (inside) {
                guint want = g_rand_int_range(r, 1, 64);
                guint len = MIN(out->len - pos, want);
                g_autofree guint8 *copy = g_memdup2(out->data + pos, len);

                for (int k = g_rand_int_range(r, 1, 16); k > 0; k--) {
                    insert_bytes(out, pos, copy, len);
                }
            }
            break;
        case 6:     /* truncate */
            g_byte_array_set_size(out, pos);
            break;
        default: {  /* splice another seed in */
            GByteArray *other = g_ptr_array_index(
                seeds, g_rand_int_range(r, 0, seeds->len));

            insert_bytes(out, pos, other->data, other->len);
            break;
        }
        }
    }
    return out;
}

static void load_corpus(const char *dirname, GPtrArray *seeds)
{
    g_autoptr(GError) gerr = NULL;
    g_autoptr(GDir) dir = g_dir_open(dirname, 0, &gerr);
    const char *name;

    if (!dir) {
        printf("Bail out! corpus %s: %s\n", dirname, gerr->message);
        exit(1);
    }
    while ((name = g_dir_read_name(dir))) {
        g_autofree char *path = g_build_filename(dirname, name, NULL);
        gchar *data;
        gsize len;

        if (g_file_get_contents(path, &data, &len, NULL)) {
            g_ptr_array_add(seeds, g_byte_array_new_take((guint8 *)data, len));
        }
    }
}

int main(int argc, char **argv)
{
    g_autoptr(GPtrArray) seeds = g_ptr_array_new_with_free_func(
        (GDestroyNotify)g_byte_array_unref);
    g_autoptr(GTimer) timer = NULL;
    const char *corpus = NULL;
    const char *dump = NULL;
    double seconds = 5.0;
    guint32 seed = 0x5eed;
    GRand *r;
    guint64 runs = 0;

    for (int i = 1; i + 1 < argc; i += 2) {
        if (!strcmp(argv[i], "--corpus")) {
            corpus = argv[i + 1];
        } else if (!strcmp(argv[i], "--seconds")) {
            seconds = g_ascii_strtod(argv[i + 1], NULL);
        } else if (!strcmp(argv[i], "--dump-seeds")) {
            dump = argv[i + 1];
        } else if (!strcmp(argv[i], "--seed")) {
            seed = g_ascii_strtoull(argv[i + 1], NULL, 0);
        } else {
            fprintf(stderr, "usage: %s [--corpus DIR] [--seconds S] "
                    "[--seed N] [--dump-seeds DIR]\n", argv[0]);
            return 2;
        }
    }
    /* A GLib warning or critical in a target is a bug: make it abort. */
    g_log_set_always_fatal(G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
    if (LLVMFuzzerInitialize) {
        LLVMFuzzerInitialize(&argc, &argv);
    }
    if (corpus) {
        load_corpus(corpus, seeds);
    }
    if (fuzz_builtin_seeds) {
        fuzz_builtin_seeds(seeds);
    }
    if (dump) {
        for (guint i = 0; i < seeds->len; i++) {
            GByteArray *b = g_ptr_array_index(seeds, i);
            g_autofree char *path = g_strdup_printf("%s/seed-%u", dump, i);

            if (!g_file_set_contents(path, (const char *)b->data, b->len,
                                     NULL)) {
                fprintf(stderr, "cannot write %s\n", path);
                return 1;
            }
        }
        return 0;
    }
    printf("1..2\n");
    for (guint i = 0; i < seeds->len; i++) {
        GByteArray *b = g_ptr_array_index(seeds, i);

        LLVMFuzzerTestOneInput(b->data, b->len);
    }
    printf("%s 1 - %u seed inputs\n", seeds->len ? "ok" : "not ok",
           seeds->len);
    if (!seeds->len) {
        return 1;
    }
    r = g_rand_new_with_seed(seed);
    timer = g_timer_new();
    while (g_timer_elapsed(timer, NULL) < seconds) {
        GByteArray *in = mutate(r, seeds);

        LLVMFuzzerTestOneInput(in->data, in->len);
        g_byte_array_unref(in);
        runs++;
    }
    g_rand_free(r);
    printf("ok 2 - %" G_GUINT64_FORMAT " mutated inputs in %.1f s "
           "(seed 0x%x)\n", runs, seconds, seed);
    return 0;
}
