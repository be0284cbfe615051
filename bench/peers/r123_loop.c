/* r123_loop.c - the plain loop a C user writes: Random123's philox4x32 for each pair of samples,
 * the same exact hit test as mcpi, one process. Usage: r123_loop N SEED -> "hits seconds" */
#include <Random123/philox.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static unsigned hit(uint32_t a, uint32_t b)
{
    uint64_t p = (uint64_t)a * a + a, q = (uint64_t)b * b + b;
    return q <= ~p;
}

int main(int argc, char **argv)
{
    if (argc != 3)
        return 2;
    uint64_t n = strtoull(argv[1], NULL, 10), seed = strtoull(argv[2], NULL, 10), hits = 0;
    philox4x32_key_t key = {{(uint32_t)seed, (uint32_t)(seed >> 32)}};
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (uint64_t k = 0; k < n / 2; k++) {
        philox4x32_ctr_t c = {{(uint32_t)k, (uint32_t)(k >> 32), 0, 0}};
        philox4x32_ctr_t r = philox4x32(c, key);
        hits += hit(r.v[0], r.v[1]) + hit(r.v[2], r.v[3]);
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    printf("%llu %.6f\n", (unsigned long long)hits, (double)(t1.tv_sec - t0.tv_sec) + 1e-9 * (double)(t1.tv_nsec - t0.tv_nsec));
    return 0;
}
