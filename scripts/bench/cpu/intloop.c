/* Integer loops: table-free CRC-32 over a buffer and a sieve of Eratosthenes. */
#include "bench.h"

#define BUF_SIZE 4096
#define SIEVE_N 200000

static uint8_t buf[BUF_SIZE];
static uint8_t composite[SIEVE_N];

static uint32_t crc32(const uint8_t *p, int n, uint32_t crc)
{
    crc = ~crc;
    for (int i = 0; i < n; i++) {
        crc ^= p[i];
        for (int k = 0; k < 8; k++) {
            crc = (crc >> 1) ^ (0xedb88320u & -(crc & 1));
        }
    }
    return ~crc;
}

static uint32_t sieve(void)
{
    uint32_t count = 0;

    for (int i = 0; i < SIEVE_N; i++) {
        composite[i] = 0;
    }
    for (int i = 2; i < SIEVE_N; i++) {
        if (!composite[i]) {
            count++;
            for (int j = 2 * i; j < SIEVE_N; j += i) {
                composite[j] = 1;
            }
        }
    }
    return count;
}

int main(void)
{
    uint32_t crc = 0, primes = 0;

    for (int i = 0; i < BUF_SIZE; i++) {
        buf[i] = (uint8_t)(i * 7 + 3);
    }
    for (int r = 0; r < 192; r++) {
        crc = crc32(buf, BUF_SIZE, crc);
    }
    for (int r = 0; r < 24; r++) {
        primes += sieve();
    }
    return bench_check("crc", crc, 0xa663c94au) | bench_check("primes", primes, 24 * 17984);
}
