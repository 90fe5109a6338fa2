/* Memory-heavy copying: memcpy/memmove of megabytes and struct copies. */
#include "bench.h"
#include <string.h>

#define MB (1024 * 1024)

/*
 * The buffers live above the first MiB of RAM (link.ld puts the stacks at
 * its top, so large .bss arrays would overlap them).
 */
#define a ((uint8_t *)0x60200000)
#define b ((uint8_t *)0x60600000)

struct rec {
    uint32_t id;
    uint32_t v[7];
};

static struct rec recs[4096], out[4096];

void *memcpy(void *d, const void *s, unsigned n);
void *memmove(void *d, const void *s, unsigned n);

/* Word-wise copy as a C library would do for aligned buffers. */
void *memcpy(void *d, const void *s, unsigned n)
{
    uint32_t *dw = d;
    const uint32_t *sw = s;
    uint8_t *db;
    const uint8_t *sb;

    if ((((uintptr_t)d | (uintptr_t)s) & 3) == 0) {
        for (; n >= 32; n -= 32, dw += 8, sw += 8) {
            uint32_t t0 = sw[0], t1 = sw[1], t2 = sw[2], t3 = sw[3];
            uint32_t t4 = sw[4], t5 = sw[5], t6 = sw[6], t7 = sw[7];
            dw[0] = t0; dw[1] = t1; dw[2] = t2; dw[3] = t3;
            dw[4] = t4; dw[5] = t5; dw[6] = t6; dw[7] = t7;
        }
    }
    db = (uint8_t *)dw;
    sb = (const uint8_t *)sw;
    while (n--) {
        *db++ = *sb++;
    }
    return d;
}

void *memmove(void *d, const void *s, unsigned n)
{
    uint8_t *db = d;
    const uint8_t *sb = s;

    if (db <= sb || db >= sb + n) {
        return memcpy(d, s, n);
    }
    while (n--) {
        db[n] = sb[n];
    }
    return d;
}

int main(void)
{
    uint32_t sum = 0;

    for (int i = 0; i < 2 * MB; i += 4) {
        *(uint32_t *)&a[i] = i * 2654435761u;
    }
    for (int r = 0; r < 24; r++) {
        memcpy(b, a, 2 * MB);
        memcpy(a, b, 2 * MB);
        sum += a[r * 4097] + b[r * 65537 % (2 * MB)];
    }
    for (int r = 0; r < 2; r++) {
        memmove(a + 1, a, MB);
        sum += a[r * 1031];
    }
    for (int i = 0; i < 4096; i++) {
        recs[i].id = i;
        for (int k = 0; k < 7; k++) {
            recs[i].v[k] = i ^ k;
        }
    }
    for (int r = 0; r < 64; r++) {
        for (int i = 0; i < 4096; i++) {
            struct rec t = recs[(i * 17 + r) & 4095];
            t.id += r;
            out[i] = t;
        }
        sum += out[r].id + out[r * 31].v[3];
    }
    return bench_check("memcopy", sum, 0x0002ab30u);
}
