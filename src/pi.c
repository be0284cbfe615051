/* pi.c - sample-to-random-number mapping of the pi workload (see README, "Reproducibility").
 * Pair k of samples uses counter {k mod 2^32, k div 2^32, 0, 0} and key {seed mod 2^32,
 * seed div 2^32}; sample 2k takes output words (r0, r1), sample 2k+1 takes (r2, r3). */
#include "config.h"
#include "pi.h"

#include <stdio.h>

#include <Random123/philox.h>

static philox4x32_key_t pi_key(uint64_t seed)
{
    philox4x32_key_t key = {{(uint32_t)seed, (uint32_t)(seed >> 32)}};
    return key;
}

static philox4x32_ctr_t pi_pair(philox4x32_key_t key, uint64_t k)
{
    philox4x32_ctr_t ctr = {{(uint32_t)k, (uint32_t)(k >> 32), 0, 0}};
    return philox4x32(ctr, key);
}

uint64_t pi_hits_kernel(pi_pairs_fn pairs_fn, uint64_t seed, uint64_t first, uint64_t count)
{
    philox4x32_key_t key = pi_key(seed);
    uint64_t hits = 0;
    if (count == 0)
        return 0;
    if (first & 1) { /* the second sample of pair first/2 */
        philox4x32_ctr_t r = pi_pair(key, first / 2);
        hits += pi_is_hit(r.v[2], r.v[3]);
        first++;
        count--;
    }
    uint64_t pairs = count / 2;
    hits += pairs_fn(key.v[0], key.v[1], first / 2, pairs);
    if (count & 1) { /* the first sample of the pair after the whole ones */
        philox4x32_ctr_t r = pi_pair(key, first / 2 + pairs);
        hits += pi_is_hit(r.v[0], r.v[1]);
    }
    return hits;
}

uint64_t pi_hits_reference(uint64_t seed, uint64_t first, uint64_t count)
{
    return pi_hits_kernel(pi_kernel_get(PI_KERNEL_SCALAR), seed, first, count);
}

uint64_t pi_hits(uint64_t seed, uint64_t first, uint64_t count)
{
    return pi_hits_kernel(pi_kernel_get(PI_KERNEL_AUTO), seed, first, count);
}

static int pi_map(uint64_t first, uint64_t count, uint64_t *tally, const void *ctx)
{
    const pi_params *p = ctx;
    tally[0] += pi_hits_kernel(p->pairs ? p->pairs : pi_kernel_get(PI_KERNEL_AUTO), p->seed, first, count);
    return MCPI_OK;
}

int pi_tally_possible(const uint64_t *tally, const intervals *done, const void *ctx, char *why, size_t whylen)
{
    (void)ctx;
    if (tally[0] <= intervals_total(done))
        return 1;
    snprintf(why, whylen, "%llu hits in %llu samples done", (unsigned long long)tally[0],
             (unsigned long long)intervals_total(done));
    return 0;
}

mcpi_workload pi_workload(const pi_params *params)
{
    mcpi_workload w = {.name = "pi", .tally_words = 1, .map = pi_map, .ctx = params};
    return w;
}
