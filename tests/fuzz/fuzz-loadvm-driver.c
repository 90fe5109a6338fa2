/*
 * Bounded fuzzing of the stream loader without libFuzzer: mutations of a
 * valid stream (byte flips, truncation, insertion, deletion) from a fixed
 * seed, so that a failure reproduces. Usage: fuzz-loadvm-driver [ITERS]
 * [SEED-OUT-FILE]; exits 0 when every input loaded or failed cleanly.
 */
#include "qemu/osdep.h"
#include "fuzz-loadvm.h"

int main(int argc, char **argv)
{
    long iters = argc > 1 ? atol(argv[1]) : 20000;
    g_autoptr(GByteArray) seed = fuzz_loadvm_seed();
    GRand *rng = g_rand_new_with_seed(12345);
    long loaded = 0;

    if (argc > 2 && !g_file_set_contents(argv[2], (const char *)seed->data,
                                         seed->len, NULL)) {
        fprintf(stderr, "cannot write %s\n", argv[2]);
        return 1;
    }
    if (!fuzz_loadvm_one(seed->data, seed->len)) {
        fprintf(stderr, "the seed stream does not load\n");
        return 1;
    }
    for (long i = 0; i < iters; i++) {
        g_autoptr(GByteArray) in = g_byte_array_new();
        int edits = g_rand_int_range(rng, 1, 5);

        g_byte_array_append(in, seed->data, seed->len);
        for (int e = 0; e < edits && in->len; e++) {
            guint pos = g_rand_int_range(rng, 0, in->len);

            switch (g_rand_int_range(rng, 0, 5)) {
            case 0:
                in->data[pos] ^= 1u << g_rand_int_range(rng, 0, 8);
                break;
            case 1:
                in->data[pos] = g_rand_int_range(rng, 0, 256);
                break;
            case 2:
                g_byte_array_set_size(in, pos);
                break;
            case 3: {
                uint8_t b = g_rand_int_range(rng, 0, 256);

                g_byte_array_set_size(in, in->len + 1);
                memmove(in->data + pos + 1, in->data + pos, in->len - pos - 1);
                in->data[pos] = b;
                break;
            }
            default:
                g_byte_array_remove_index(in, pos);
                break;
            }
        }
        loaded += fuzz_loadvm_one(in->data, in->len);
    }
    g_rand_free(rng);
    printf("%ld inputs, %ld loaded, none crashed\n", iters, loaded);
    return 0;
}
