/*
 * Runs the qcow2 fuzz target without libFuzzer (gcc builds, the test
 * suite): a small valid image built here (512-byte clusters, one snapshot
 * sharing its clusters with the active image), then deterministic
 * mutations of it (byte flips, big-endian fields set to edge values) for a
 * bounded time. A crash, sanitizer report or abort() is the failure.
 * Usage: fuzz-qcow2-standalone [SECONDS [SEED]]
 */
#include "qemu/osdep.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CS 512

static void be32(uint8_t *p, uint32_t v)
{
    p[0] = v >> 24;
    p[1] = v >> 16;
    p[2] = v >> 8;
    p[3] = v;
}

static void be64(uint8_t *p, uint64_t v)
{
    be32(p, v >> 32);
    be32(p + 4, v);
}

/*
 * Clusters: 0 header, 1 refcount table, 2 refcount block, 3 L1, 4 L2,
 * 5 data, 6 snapshot table, 7 the snapshot's L1 (sharing L2 and data).
 */
static void build_seed(uint8_t *img)
{
    static const uint16_t refcounts[8] = { 1, 1, 1, 1, 2, 2, 1, 1 };

    memset(img, 0, 8 * CS);
    be32(img, 0x514649fb);
    be32(img + 4, 3);
    be32(img + 20, 9);                  /* cluster_bits */
    be64(img + 24, 64 * KiB);           /* size: 2 L1 entries of 32 KiB */
    be32(img + 36, 2);
    be64(img + 40, 3 * CS);
    be64(img + 48, 1 * CS);
    be32(img + 56, 1);
    be32(img + 60, 1);                  /* nb_snapshots */
    be64(img + 64, 6 * CS);
    be32(img + 96, 4);                  /* refcount_order */
    be32(img + 100, 104);
    be64(img + CS, 2 * CS);
    for (int i = 0; i < 8; i++) {
        img[2 * CS + 2 * i + 1] = refcounts[i];
    }
    be64(img + 3 * CS, 4 * CS);         /* shared: no COPIED flag */
    be64(img + 4 * CS, 5 * CS);
    memset(img + 5 * CS, 0xab, CS);
    be64(img + 6 * CS, 7 * CS);         /* snapshot entry */
    be32(img + 6 * CS + 8, 2);
    img[6 * CS + 13] = 1;               /* id length */
    img[6 * CS + 15] = 1;               /* name length */
    be32(img + 6 * CS + 36, 16);        /* extra size */
    be64(img + 6 * CS + 48, 64 * KiB);  /* extra: disk size */
    img[6 * CS + 56] = '1';
    img[6 * CS + 57] = 's';
    be64(img + 7 * CS, 4 * CS);
}

int main(int argc, char **argv)
{
    double seconds = argc > 1 ? g_ascii_strtod(argv[1], NULL) : 5;
    guint32 seed = argc > 2 ? strtoul(argv[2], NULL, 0) : 1;
    static const uint64_t edges[] = {
        0, 1, 0x200, 0x7fffffff, 0xffffffff, 0x100000000ULL, 0x8000000000000a00ULL,
        UINT64_MAX, 0x00fffffffffffe00ULL, 0x4000000000000000ULL,
    };
    uint8_t seed_img[8 * CS], img[8 * CS];
    g_autoptr(GTimer) timer = g_timer_new();
    GRand *r = g_rand_new_with_seed(seed);
    unsigned runs = 0;

    build_seed(seed_img);
    LLVMFuzzerTestOneInput(seed_img, sizeof(seed_img));
    while (g_timer_elapsed(timer, NULL) < seconds) {
        int rounds = g_rand_int_range(r, 1, 6);
        size_t len = sizeof(img);

        memcpy(img, seed_img, sizeof(img));
        for (int i = 0; i < rounds; i++) {
            /* Fields live at 4- and 8-byte boundaries: aim there often. */
            size_t pos = g_rand_int_range(r, 0, sizeof(img) - 8) & ~(size_t)3;

            switch (g_rand_int_range(r, 0, 4)) {
            case 0:
                img[g_rand_int_range(r, 0, sizeof(img))] ^= 1 << g_rand_int_range(r, 0, 8);
                break;
            case 1:
                be64(img + pos, edges[g_rand_int_range(r, 0, ARRAY_SIZE(edges))]);
                break;
            case 2:
                be32(img + pos, g_rand_int(r) % 70000);
                break;
            default:
                len = g_rand_int_range(r, 0, sizeof(img) + 1);
                break;
            }
        }
        LLVMFuzzerTestOneInput(img, len);
        runs++;
    }
    g_rand_free(r);
    printf("fuzz-qcow2-standalone: %u inputs in %.1f s\n", runs,
           g_timer_elapsed(timer, NULL));
    return 0;
}
