/* pi.h - the Monte Carlo pi workload: Philox4x32-10 points in the unit square, exact hit test. */
#ifndef MCPI_PI_H
#define MCPI_PI_H

#include <stdint.h>
#include <stddef.h>
#include "intervals.h"
#include "mcpi.h"
#include "pi_kernel.h"

/* Parameters of a pi run; the workload's ctx. */
typedef struct pi_params {
    uint64_t seed;
    pi_pairs_fn pairs; /* the kernel for whole pairs; NULL: the fastest available */
} pi_params;

/* 1 iff the point of words (a, b) lies inside the quarter circle:
 * (2a+1)^2 + (2b+1)^2 < 2^66, i.e. a(a+1) + b(b+1) < 2^64, computed exactly. */
static inline unsigned pi_is_hit(uint32_t a, uint32_t b)
{
    uint64_t p = (uint64_t)a * a + a, q = (uint64_t)b * b + b; /* each <= 2^64 - 2^32 */
    return q <= ~p;                                            /* p + q <= 2^64 - 1 */
}

/* Hits among samples [first, first+count) for seed, using Random123's scalar philox4x32 (the reference). */
uint64_t pi_hits_reference(uint64_t seed, uint64_t first, uint64_t count);

/* Hits among samples [first, first+count) for seed, by the fastest kernel available. */
uint64_t pi_hits(uint64_t seed, uint64_t first, uint64_t count);

/* Hits among samples [first, first+count) for seed, whole pairs by kernel `pairs`. */
uint64_t pi_hits_kernel(pi_pairs_fn pairs, uint64_t seed, uint64_t first, uint64_t count);

/* The pi workload over samples [0, N); tally word 0 is the number of hits. */
mcpi_workload pi_workload(const pi_params *params);

/* Checkpoint check by meaning (internal: resume and the fuzzer pass it to checkpoint_load): 1 if
 * tally can be the pi tally of the done set for params ctx, else 0 with a reason in why. */
int pi_tally_possible(const uint64_t *tally, const intervals *done, const void *ctx, char *why, size_t whylen);

#endif
