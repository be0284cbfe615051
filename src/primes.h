/* primes.h - the primes workload: count the primes of [A, B) by sieve, trial division or Miller-Rabin. */
#ifndef MCPI_PRIMES_H
#define MCPI_PRIMES_H

#include <stdint.h>
#include <stddef.h>
#include "intervals.h"
#include "mcpi.h"

/* How many of the smallest and of the largest primes of the range a run reports. */
#define PRIMES_SHOWN 10

typedef enum primes_method {
    PRIMES_SIEVE, /* libprimesieve's segmented sieve, one thread per rank */
    PRIMES_TRIAL, /* trial division by odd numbers up to the square root */
    PRIMES_MR     /* deterministic Miller-Rabin, exact for all 64-bit numbers */
} primes_method;

/* Parameters of a primes run; index i of [0, N) is the number from + i. */
typedef struct primes_params {
    uint64_t from;        /* A */
    primes_method method;
} primes_params;

/* Tally layout: the count, then the smallest primes (ascending, UINT64_MAX where fewer),
 * then the largest primes (ascending, 0 where fewer). */
enum {
    PRIMES_TALLY_COUNT = 0,
    PRIMES_TALLY_FIRST = 1,
    PRIMES_TALLY_LAST = 1 + PRIMES_SHOWN,
    PRIMES_TALLY_WORDS = 1 + 2 * PRIMES_SHOWN
};

/* 1 iff n is prime, by trial division by 2 and the odd numbers up to sqrt(n). */
int primes_is_prime_trial(uint64_t n);

/* 1 iff n is prime, by Miller-Rabin with the first 12 prime bases (exact below 3.3e24). */
int primes_is_prime_mr(uint64_t n);

/* Number of primes in [lo, hi] (inclusive, lo <= hi) by method. */
uint64_t primes_count(primes_method method, uint64_t lo, uint64_t hi);

/* Calls fn(p, ctx) for every prime p of [lo, hi] (inclusive, lo <= hi) in ascending order; stops early
 * and returns fn's value when it is non-zero, else returns 0. */
int primes_foreach(primes_method method, uint64_t lo, uint64_t hi, int (*fn)(uint64_t p, void *ctx), void *ctx);

/* Name of a method ("sieve", "trial", "mr"). */
const char *primes_method_name(primes_method m);

/* The primes workload over [from, from + N). */
mcpi_workload primes_workload(const primes_params *params);

/* Checkpoint check by meaning (internal: resume and the fuzzer pass it to checkpoint_load): 1 if
 * tally can be the primes tally of the done set for params ctx, else 0 with a reason in why. */
int primes_tally_possible(const uint64_t *tally, const intervals *done, const void *ctx, char *why, size_t whylen);

#endif
