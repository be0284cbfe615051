/* primes.c - prime counting over chunks of a number range. Sieving is libprimesieve's job;
 * trial division is the textbook algorithm (variable cost per number, so scheduling matters);
 * Miller-Rabin is an independent cross-check of the sieve. */
#include "config.h"
#include "primes.h"

#include <math.h>
#include <primesieve.h>
#include <stdio.h>
#include <string.h>

/* The largest prime below 2^64, 2^64 - 59. primesieve 11's C iterator documents an error value
 * past it, but actually lets a C++ exception escape and abort the rank: never ask past it. */
#define PRIMES_LARGEST_64 18446744073709551557ULL

/* Chunks shorter than this are sieved in one iterator pass rather than counted. */
#define PRIMES_SMALL_CHUNK (1ULL << 24)

const char *primes_method_name(primes_method m)
{
    return m == PRIMES_SIEVE ? "sieve" : m == PRIMES_TRIAL ? "trial" : "mr";
}

int primes_is_prime_trial(uint64_t n)
{
    if (n < 4)
        return n >= 2;
    if (n % 2 == 0)
        return 0;
    /* d <= n / d avoids d * d overflowing near 2^64. */
    for (uint64_t d = 3; d <= n / d; d += 2)
        if (n % d == 0)
            return 0;
    return 1;
}

static uint64_t primes_mulmod(uint64_t a, uint64_t b, uint64_t m)
{
    return (uint64_t)((unsigned __int128)a * b % m);
}

static uint64_t primes_powmod(uint64_t base, uint64_t e, uint64_t m)
{
    uint64_t r = 1;
    base %= m;
    while (e) {
        if (e & 1)
            r = primes_mulmod(r, base, m);
        base = primes_mulmod(base, base, m);
        e >>= 1;
    }
    return r;
}

int primes_is_prime_mr(uint64_t n)
{
    static const uint64_t bases[] = {2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37};
    if (n < 2)
        return 0;
    for (size_t i = 0; i < sizeof bases / sizeof bases[0]; i++) {
        if (n == bases[i])
            return 1;
        if (n % bases[i] == 0)
            return 0;
    }
    uint64_t d = n - 1;
    int s = 0;
    while (d % 2 == 0) {
        d /= 2;
        s++;
    }
    for (size_t i = 0; i < sizeof bases / sizeof bases[0]; i++) {
        uint64_t x = primes_powmod(bases[i], d, n);
        if (x == 1 || x == n - 1)
            continue;
        int witness = 1;
        for (int r = 1; r < s && witness; r++) {
            x = primes_mulmod(x, x, n);
            witness = x != n - 1;
        }
        if (witness)
            return 0;
    }
    return 1;
}

static int (*primes_test_fn(primes_method m))(uint64_t)
{
    return m == PRIMES_TRIAL ? primes_is_prime_trial : primes_is_prime_mr;
}

uint64_t primes_count(primes_method method, uint64_t lo, uint64_t hi)
{
    if (lo > hi)
        return 0;
    if (method == PRIMES_SIEVE)
        return primesieve_count_primes(lo, hi);
    int (*is_prime)(uint64_t) = primes_test_fn(method);
    uint64_t count = 0;
    for (uint64_t n = lo;; n++) {
        count += (uint64_t)is_prime(n);
        if (n == hi)
            break;
    }
    return count;
}

int primes_foreach(primes_method method, uint64_t lo, uint64_t hi, int (*fn)(uint64_t p, void *ctx), void *ctx)
{
    if (lo > hi)
        return 0;
    int rc = 0;
    if (method == PRIMES_SIEVE) {
        if (lo > PRIMES_LARGEST_64)
            return 0;
        primesieve_iterator it;
        primesieve_init(&it);
        primesieve_jump_to(&it, lo, hi);
        for (;;) {
            uint64_t p = primesieve_next_prime(&it);
            if (it.is_error || p > hi || p < lo)
                break;
            if ((rc = fn(p, ctx)) != 0 || p == PRIMES_LARGEST_64)
                break;
        }
        primesieve_free_iterator(&it);
        return rc;
    }
    int (*is_prime)(uint64_t) = primes_test_fn(method);
    for (uint64_t n = lo;; n++) {
        if (is_prime(n) && (rc = fn(n, ctx)) != 0)
            return rc;
        if (n == hi)
            break;
    }
    return 0;
}

/* Merges prime p into the tally's lists of smallest and largest primes; a prime already
 * listed is not listed twice (a chunk with few primes has them in both lists). */
static void primes_note(uint64_t *tally, uint64_t p)
{
    uint64_t *first = tally + PRIMES_TALLY_FIRST, *last = tally + PRIMES_TALLY_LAST;
    if (p < first[PRIMES_SHOWN - 1]) { /* insert, keeping ascending order */
        int i = PRIMES_SHOWN - 1;
        for (; i > 0 && first[i - 1] >= p; i--)
            if (first[i - 1] == p)
                goto last_list;
        for (int j = PRIMES_SHOWN - 1; j > i; j--)
            first[j] = first[j - 1];
        first[i] = p;
    }
last_list:
    if (p > last[0]) {
        int i = 0;
        for (; i < PRIMES_SHOWN - 1 && last[i + 1] <= p; i++)
            if (last[i + 1] == p)
                return;
        for (int j = 0; j < i; j++)
            last[j] = last[j + 1];
        last[i] = p;
    }
}

static void primes_identity(uint64_t *tally, const void *ctx)
{
    (void)ctx;
    tally[PRIMES_TALLY_COUNT] = 0;
    for (int i = 0; i < PRIMES_SHOWN; i++) {
        tally[PRIMES_TALLY_FIRST + i] = UINT64_MAX;
        tally[PRIMES_TALLY_LAST + i] = 0;
    }
}

/* Two tallies of disjoint ranges: counts add, the shown primes are the extremes of both. */
static void primes_combine(uint64_t *inout, const uint64_t *in, const void *ctx)
{
    (void)ctx;
    inout[PRIMES_TALLY_COUNT] += in[PRIMES_TALLY_COUNT];
    for (int i = 0; i < PRIMES_SHOWN; i++) {
        if (in[PRIMES_TALLY_FIRST + i] != UINT64_MAX)
            primes_note(inout, in[PRIMES_TALLY_FIRST + i]);
        if (in[PRIMES_TALLY_LAST + i] != 0)
            primes_note(inout, in[PRIMES_TALLY_LAST + i]);
    }
}

static int primes_count_note_fn(uint64_t p, void *ctx)
{
    uint64_t *tally = ctx;
    tally[PRIMES_TALLY_COUNT]++;
    primes_note(tally, p);
    return 0;
}

/* Collects at most PRIMES_SHOWN primes walking down from hi to lo. */
static void primes_note_largest(uint64_t *tally, uint64_t lo, uint64_t hi)
{
    primesieve_iterator it;
    primesieve_init(&it);
    primesieve_jump_to(&it, hi, lo);
    for (int i = 0; i < PRIMES_SHOWN; i++) {
        uint64_t p = primesieve_prev_prime(&it);
        if (it.is_error || p < lo || p > hi || p == 0)
            break;
        primes_note(tally, p);
    }
    primesieve_free_iterator(&it);
}

static int primes_note_first_n(uint64_t p, void *ctx)
{
    uint64_t **state = ctx; /* {tally, remaining} */
    primes_note(state[0], p);
    return --*state[1] == 0;
}

static int primes_map(uint64_t first, uint64_t count, uint64_t *tally, const void *ctx)
{
    const primes_params *pp = ctx;
    uint64_t lo = pp->from + first, hi = lo + (count - 1);
    if (pp->method != PRIMES_SIEVE) {
        int (*is_prime)(uint64_t) = primes_test_fn(pp->method);
        uint64_t found = 0;
        for (uint64_t n = lo;; n++) {
            if (is_prime(n)) {
                found++;
                primes_note(tally, n);
            }
            if (n == hi)
                break;
        }
        tally[PRIMES_TALLY_COUNT] += found;
        return MCPI_OK;
    }
    if (hi - lo < PRIMES_SMALL_CHUNK) {
        /* One pass of the iterator: each primesieve call first sieves the primes up to
         * sqrt(hi), which near 2^64 costs about a second, so small chunks make one call. */
        primes_foreach(PRIMES_SIEVE, lo, hi, primes_count_note_fn, tally);
        return MCPI_OK;
    }
    /* Large chunks: counting is several times faster than iterating, so count, then fetch
     * only the smallest primes (where they can still enter the list) and the largest. */
    tally[PRIMES_TALLY_COUNT] += primesieve_count_primes(lo, hi);
    if (lo < tally[PRIMES_TALLY_FIRST + PRIMES_SHOWN - 1]) {
        uint64_t remaining = PRIMES_SHOWN;
        uint64_t *state[2] = {tally, &remaining};
        primes_foreach(PRIMES_SIEVE, lo, hi, primes_note_first_n, state);
    }
    if (hi > tally[PRIMES_TALLY_LAST])
        primes_note_largest(tally, lo, hi);
    return MCPI_OK;
}

/* The fixed cost of one map call whose chunk ends at index last, in numbers' worth of work
 * (mcpi_workload's call_cost): sieving first sieves the primes up to sqrt(hi); 0 for trial and mr. */
static uint64_t primes_call_cost(uint64_t last, const void *ctx)
{
    const primes_params *pp = ctx;
    if (pp->method != PRIMES_SIEVE)
        return 0; /* trial division and Miller-Rabin cost per number only */
    /* Every primesieve call first sieves the primes up to sqrt(hi). Measured with one thread on
     * this project's machine (a Zen 3 core), that costs as much as sieving about
     * 1.29e6 (hi / 1e12)^0.324 + 5e5 numbers near hi: 0.6e6 at 1e9, 1.8e6 at 1e12, 1.2e7 at 1e15,
     * 1e8 at 1e18 and 2.9e8 (1.2 s) near 2^64. The fit is within a factor of 2 everywhere. */
    double hi = (double)pp->from + (double)last;
    return (uint64_t)(1.29e6 * pow(hi / 1e12, 0.324) + 5e5);
}

/* Checks the shown primes list v (n entries, `none` where fewer, on the side given by none_first)
 * against the count and the done set: k = min(count, n) primes, strictly ascending, each a prime
 * whose index lies in done. */
static int primes_shown_possible(const uint64_t *v, uint64_t none, int none_first, uint64_t count, uint64_t from,
                                 const intervals *done, const char *which, char *why, size_t whylen)
{
    uint64_t want = count < PRIMES_SHOWN ? count : PRIMES_SHOWN;
    int lo = none_first ? PRIMES_SHOWN - (int)want : 0, hi = lo + (int)want;
    for (int i = 0; i < PRIMES_SHOWN; i++) {
        uint64_t p = v[i];
        int shown = i >= lo && i < hi;
        if (!shown && p != none) {
            snprintf(why, whylen, "%s primes do not match the count %llu", which, (unsigned long long)count);
            return 0;
        }
        if (!shown)
            continue;
        if (p == none || (i > lo && p <= v[i - 1]) || p < from || !intervals_contains(done, p - from) ||
            !primes_is_prime_mr(p)) {
            snprintf(why, whylen, "%s prime %llu is not a prime of the done part in order", which,
                     (unsigned long long)p);
            return 0;
        }
    }
    return 1;
}

int primes_tally_possible(const uint64_t *tally, const intervals *done, const void *ctx, char *why, size_t whylen)
{
    const primes_params *pp = ctx;
    uint64_t count = tally[PRIMES_TALLY_COUNT];
    if (count > intervals_total(done)) {
        snprintf(why, whylen, "%llu primes in %llu numbers done", (unsigned long long)count,
                 (unsigned long long)intervals_total(done));
        return 0;
    }
    return primes_shown_possible(tally + PRIMES_TALLY_FIRST, UINT64_MAX, 0, count, pp->from, done, "first", why,
                                 whylen) &&
           primes_shown_possible(tally + PRIMES_TALLY_LAST, 0, 1, count, pp->from, done, "last", why, whylen);
}

mcpi_workload primes_workload(const primes_params *params)
{
    /* One primesieve thread per rank: ranks map to cores. */
    primesieve_set_num_threads(1);
    mcpi_workload w = {.name = "primes",
                       .tally_words = PRIMES_TALLY_WORDS,
                       .identity = primes_identity,
                       .map = primes_map,
                       .combine = primes_combine,
                       .ctx = params,
                       .call_cost = primes_call_cost};
    return w;
}
