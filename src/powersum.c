/* powersum.c - exact power sums. Tallies are 128-bit numbers in two words plus an overflow
 * flag, combined by 128-bit addition in a user-defined MPI_Op; a sum past 2^128 - 1 is never
 * wrapped, it sets the flag. */
#include "config.h"
#include "powersum.h"

#include <math.h>
#include <stdio.h>

int powersum_pow(uint64_t k, uint64_t p, powersum_u128 *out)
{
    powersum_u128 result = 1, base = k;
    if (k <= 1) { /* 0^0 = 1, 0^p = 0, 1^p = 1: no loop over a huge p */
        *out = (k == 1 || p == 0) ? 1 : 0;
        return 1;
    }
    for (;;) {
        if ((p & 1) && __builtin_mul_overflow(result, base, &result))
            return 0;
        p >>= 1;
        if (p == 0)
            break;
        if (__builtin_mul_overflow(base, base, &base))
            return 0;
    }
    *out = result;
    return 1;
}

int powersum_surely_overflows(uint64_t from, powersum_u128 to, uint64_t power)
{
    if (to <= from || to - from < 2)
        return 0; /* one term at most: the exact power tells, instantly */
    /* Every term is at least from^P, and the sum is at least the integral of x^P from
     * max(from, 1) - 1 to to - 1. long double keeps 64 bits; the factor 1.001 dwarfs its error. */
    const long double two128 = 340282366920938463463374607431768211456.0L, margin = 1.001L;
    long double n = (long double)(to - from), p = (long double)power;
    long double a = (long double)(from ? from - 1 : 0), b = (long double)(to - 1);
    long double flat = n * powl((long double)from, p);
    long double top = powl(b, p + 1), bottom = powl(a, p + 1);
    long double integral = bottom < top / 2 ? (top - bottom) / (p + 1) : 0; /* no cancellation */
    long double bound = flat > integral ? flat : integral;
    return bound > two128 * margin;
}

powersum_u128 powersum_tally_sum(const uint64_t *tally)
{
    return ((powersum_u128)tally[POWERSUM_TALLY_HI] << 64) | tally[POWERSUM_TALLY_LO];
}

static void powersum_store(uint64_t *tally, powersum_u128 sum)
{
    tally[POWERSUM_TALLY_LO] = (uint64_t)sum;
    tally[POWERSUM_TALLY_HI] = (uint64_t)(sum >> 64);
}

static void powersum_combine(uint64_t *inout, const uint64_t *in, const void *ctx)
{
    (void)ctx;
    powersum_u128 sum;
    if (__builtin_add_overflow(powersum_tally_sum(inout), powersum_tally_sum(in), &sum))
        inout[POWERSUM_TALLY_OVERFLOW] = 1;
    inout[POWERSUM_TALLY_OVERFLOW] |= in[POWERSUM_TALLY_OVERFLOW];
    powersum_store(inout, sum);
}

static int powersum_map(uint64_t first, uint64_t count, uint64_t *tally, const void *ctx)
{
    const powersum_params *pp = ctx;
    if (tally[POWERSUM_TALLY_OVERFLOW])
        return MCPI_OK; /* the answer is already "too large" */
    powersum_u128 sum = powersum_tally_sum(tally), term;
    uint64_t k = pp->from + first, last = k + (count - 1);
    if (pp->power == 2) { /* the common case: k^2 < 2^128 always */
        for (;; k++) {
            if (__builtin_add_overflow(sum, (powersum_u128)k * k, &sum))
                goto overflow;
            if (k == last)
                break;
        }
    } else {
        for (;; k++) {
            if (!powersum_pow(k, pp->power, &term) || __builtin_add_overflow(sum, term, &sum))
                goto overflow;
            if (k == last)
                break;
        }
    }
    powersum_store(tally, sum);
    return MCPI_OK;
overflow:
    tally[POWERSUM_TALLY_OVERFLOW] = 1;
    return MCPI_OK;
}

int powersum_tally_possible(const uint64_t *tally, const intervals *done, const void *ctx, char *why, size_t whylen)
{
    const powersum_params *pp = ctx;
    if (tally[POWERSUM_TALLY_OVERFLOW] > 1) {
        snprintf(why, whylen, "overflow flag %llu", (unsigned long long)tally[POWERSUM_TALLY_OVERFLOW]);
        return 0;
    }
    if (tally[POWERSUM_TALLY_OVERFLOW])
        return intervals_total(done) > 0 || (snprintf(why, whylen, "an overflow with nothing done"), 0);
    /* The largest sum the done numbers can give: each interval's count times its largest term. */
    powersum_u128 bound = 0, term, part;
    for (size_t i = 0; i < done->n; i++) {
        uint64_t first = done->v[2 * i], end = done->v[2 * i + 1];
        if (end - 1 > UINT64_MAX - pp->from || !powersum_pow(pp->from + (end - 1), pp->power, &term) ||
            __builtin_mul_overflow(term, (powersum_u128)(end - first), &part) ||
            __builtin_add_overflow(bound, part, &bound))
            return 1; /* the bound passes 2^128 - 1: any sum is possible */
    }
    if (powersum_tally_sum(tally) <= bound)
        return 1;
    snprintf(why, whylen, "a sum larger than the %llu numbers done can give", (unsigned long long)intervals_total(done));
    return 0;
}

mcpi_workload powersum_workload(const powersum_params *params)
{
    mcpi_workload w = {.name = "powersum",
                       .tally_words = POWERSUM_TALLY_WORDS,
                       .map = powersum_map,
                       .combine = powersum_combine,
                       .ctx = params};
    return w;
}
