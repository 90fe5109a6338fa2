/*
 * A stand-in for libFuzzer when the compiler is not clang: runs the target
 * over every file of a seed corpus, then over pseudo-random mutations of the
 * seeds for a bounded time. Prints TAP. A crash or failed assertion in the
 * target fails the test.
 *
 * Usage: fuzz-driver CORPUS_DIR [SECONDS] [SEED]
 */
#include "qemu/osdep.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const dictionary[] = {
    "{", "}", "[", "]", "\"", "\\", "\\u00", ":", ",", "\n", "null", "true",
    "\"execute\"", "\"exec-oob\"", "\"arguments\"", "\"id\"", "1e999", "-0",
};

static GByteArray *mutate(GRand *r, const GByteArray *seed)
{
    GByteArray *b = g_byte_array_new();
    int n = g_rand_int_range(r, 1, 8);

    g_byte_array_append(b, seed->data, seed->len);
    for (int i = 0; i < n; i++) {
        guint pos = b->len ? g_rand_int_range(r, 0, b->len + 1) : 0;

        switch (g_rand_int_range(r, 0, 5)) {
        case 0:     /* flip a byte */
            if (pos < b->len) {
                b->data[pos] ^= 1u << g_rand_int_range(r, 0, 8);
            }
            break;
        case 1:     /* random byte */
            if (pos < b->len) {
                b->data[pos] = g_rand_int_range(r, 0, 256);
            }
            break;
        case 2: {   /* insert a token */
            const char *t = dictionary[g_rand_int_range(r, 0, G_N_ELEMENTS(dictionary))];

            g_array_insert_vals((GArray *)b, pos, (const guint8 *)t, strlen(t));
            break;
        }
        case 3:     /* delete a range */
            if (pos < b->len) {
                guint want = g_rand_int_range(r, 1, 16);

                g_byte_array_remove_range(b, pos, MIN(b->len - pos, want));
            }
            break;
        case 4:     /* duplicate a range (deep nesting, long inputs) */
            if (pos < b->len) {
                guint want = g_rand_int_range(r, 1, 64);
                guint len = MIN(b->len - pos, want);
                g_autofree guint8 *copy = g_memdup2(b->data + pos, len);

                for (int k = g_rand_int_range(r, 1, 64); k > 0; k--) {
                    g_array_insert_vals((GArray *)b, pos, copy, len);
                }
            }
            break;
        }
    }
    return b;
}

int main(int argc, char **argv)
{
    g_autoptr(GPtrArray) seeds = g_ptr_array_new_with_free_func(
        (GDestroyNotify)g_byte_array_unref);
    g_autoptr(GDir) dir = NULL;
    g_autoptr(GError) gerr = NULL;
    double seconds = argc > 2 ? g_ascii_strtod(argv[2], NULL) : 5.0;
    guint32 seed = argc > 3 ? strtoul(argv[3], NULL, 0) : 0x5eed;
    g_autoptr(GRand) r = g_rand_new_with_seed(seed);
    g_autoptr(GTimer) timer = g_timer_new();
    const char *name;
    unsigned long runs = 0;

    /* A GLib critical in the target is a bug: make it abort. */
    g_log_set_always_fatal(G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
    if (argc < 2) {
        fprintf(stderr, "usage: %s CORPUS_DIR [SECONDS] [SEED]\n", argv[0]);
        return 2;
    }
    dir = g_dir_open(argv[1], 0, &gerr);
    if (!dir) {
        printf("1..1\nnot ok 1 - corpus: %s\n", gerr->message);
        return 1;
    }
    printf("1..2\n");
    while ((name = g_dir_read_name(dir))) {
        g_autofree char *path = g_build_filename(argv[1], name, NULL);
        char *data;
        gsize len;

        if (g_file_get_contents(path, &data, &len, NULL)) {
            GByteArray *b = g_byte_array_new_take((guint8 *)data, len);

            LLVMFuzzerTestOneInput(b->data, b->len);
            g_ptr_array_add(seeds, b);
        }
    }
    printf("%s 1 - %u seed inputs\n", seeds->len ? "ok" : "not ok", seeds->len);
    if (!seeds->len) {
        return 1;
    }
    while (g_timer_elapsed(timer, NULL) < seconds) {
        g_autoptr(GByteArray) m = mutate(r, g_ptr_array_index(
            seeds, g_rand_int_range(r, 0, seeds->len)));

        LLVMFuzzerTestOneInput(m->data, m->len);
        runs++;
    }
    printf("ok 2 - %lu mutated inputs in %.1f s (seed 0x%x)\n", runs, seconds, seed);
    return 0;
}
