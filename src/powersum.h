/* powersum.h - the powersum workload: the exact sum of k^P over [A, B) in 128-bit integers. */
#ifndef MCPI_POWERSUM_H
#define MCPI_POWERSUM_H

#include <stdint.h>
#include <stddef.h>
#include "intervals.h"
#include "mcpi.h"

typedef unsigned __int128 powersum_u128;

/* Parameters of a powersum run; index i of [0, N) is the number from + i. */
typedef struct powersum_params {
    uint64_t from;  /* A */
    uint64_t power; /* P; 0^0 counts as 1 */
} powersum_params;

/* Tally layout: the sum's low and high 64 bits, and 1 if it exceeded 2^128 - 1. */
enum { POWERSUM_TALLY_LO, POWERSUM_TALLY_HI, POWERSUM_TALLY_OVERFLOW, POWERSUM_TALLY_WORDS };

/* k^p into *out; returns 0 if it exceeds 2^128 - 1. */
int powersum_pow(uint64_t k, uint64_t p, powersum_u128 *out);

/* 1 if the sum of k^power over [from, to) surely exceeds 2^128 - 1, by a lower bound with a wide
 * margin for rounding; 0 if it may fit (then only the exact sum can tell). */
int powersum_surely_overflows(uint64_t from, powersum_u128 to, uint64_t power);

/* The sum held in a tally (meaningless if its overflow word is set). */
powersum_u128 powersum_tally_sum(const uint64_t *tally);

/* The powersum workload over [from, from + N). */
mcpi_workload powersum_workload(const powersum_params *params);

/* Checkpoint check by meaning (internal: resume and the fuzzer pass it to checkpoint_load): 1 if
 * tally can be the powersum tally of the done set for params ctx, else 0 with a reason in why. */
int powersum_tally_possible(const uint64_t *tally, const intervals *done, const void *ctx, char *why, size_t whylen);

#endif
