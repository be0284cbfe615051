/* check_primes.c - unit tests of primes.c: the three methods against tables of primes and
 * pseudoprimes, the top of the 64-bit range, and the checks of a tally by its meaning. */
#include "config.h"

#include <check.h>
#include <stdint.h>
#include <string.h>

#include "check_done.h"
#include "check_main.h"
#include "intervals.h"
#include "primes.h"

/* The 25 primes below 100 (any table of primes). */
static const uint64_t primes_below_100[] = {2,  3,  5,  7,  11, 13, 17, 19, 23, 29, 31, 37, 41,
                                            43, 47, 53, 59, 61, 67, 71, 73, 79, 83, 89, 97};

/* The ten largest primes below 2^64, as 2^64 - k: k = 59, 83, 95, 179, 189, 257, 279, 323, 353, 363
 * (the table "primes just less than a power of two", e.g. primes.utm.edu/lists/2small/0bit.html). */
static const uint64_t below_2_64[] = {59, 83, 95, 179, 189, 257, 279, 323, 353, 363};

/* Strong pseudoprimes that fool Miller-Rabin for small bases (OEIS A014233: the smallest
 * numbers that pass bases 2; 2,3; 2,3,5; ...; 2..23) and Carmichael numbers (A002997). */
static const uint64_t pseudoprimes[] = {2047ULL, 1373653ULL, 25326001ULL, 3215031751ULL, 2152302898747ULL,
                                        3474749660383ULL, 341550071728321ULL, 3825123056546413051ULL,
                                        561, 1105, 1729, 2465, 2821, 6601, 8911};

START_TEST(test_primes_small)
{
    size_t next = 0;
    for (uint64_t n = 0; n < 100; n++) {
        int expect = next < 25 && primes_below_100[next] == n;
        next += (size_t)expect;
        ck_assert_int_eq(primes_is_prime_trial(n), expect);
        ck_assert_int_eq(primes_is_prime_mr(n), expect);
    }
    ck_assert_uint_eq(primes_count(PRIMES_SIEVE, 0, 99), 25);
    ck_assert_uint_eq(primes_count(PRIMES_TRIAL, 0, 99), 25);
    ck_assert_uint_eq(primes_count(PRIMES_MR, 0, 99), 25);
}
END_TEST

START_TEST(test_primes_pseudoprimes)
{
    for (size_t i = 0; i < sizeof pseudoprimes / sizeof pseudoprimes[0]; i++)
        ck_assert_msg(!primes_is_prime_mr(pseudoprimes[i]), "%llu", (unsigned long long)pseudoprimes[i]);
    for (size_t i = 8; i < sizeof pseudoprimes / sizeof pseudoprimes[0]; i++)
        ck_assert(!primes_is_prime_trial(pseudoprimes[i]));
}
END_TEST

START_TEST(test_primes_near_2_64)
{
    /* Miller-Rabin on all of [2^64 - 400, 2^64): exactly the table's numbers are prime. */
    size_t next = 9;
    for (uint64_t k = 400; k >= 1; k--) {
        int expect = next < 10 && below_2_64[next] == k;
        if (expect)
            next--;
        ck_assert_msg(primes_is_prime_mr(0 - k) == expect, "2^64 - %llu", (unsigned long long)k);
    }
    ck_assert_uint_eq(primes_count(PRIMES_MR, 0 - 400, UINT64_MAX), 10);
}
END_TEST

static int count_calls(uint64_t p, void *ctx)
{
    (void)p;
    ++*(uint64_t *)ctx;
    return 0;
}

/* The sieve up to the very top: no prime above 2^64 - 59 is asked for (primesieve would abort). */
START_TEST(test_sieve_top)
{
    uint64_t calls = 0;
    ck_assert_int_eq(primes_foreach(PRIMES_SIEVE, 0 - 400, UINT64_MAX, count_calls, &calls), 0);
    ck_assert_uint_eq(calls, 10);
    calls = 0;
    ck_assert_int_eq(primes_foreach(PRIMES_SIEVE, 0 - 50, UINT64_MAX, count_calls, &calls), 0);
    ck_assert_uint_eq(calls, 0);
    ck_assert_uint_eq(primes_count(PRIMES_SIEVE, 0 - 59, UINT64_MAX), 1);
}
END_TEST

START_TEST(test_primes_methods_agree)
{
    /* Ranges of every kind of start; the sieve is independent of the other two. */
    const uint64_t starts[] = {0, 1, 2, 3, 1000, 999983, 4294967291ULL, 1000000000000ULL};
    for (size_t i = 0; i < sizeof starts / sizeof starts[0]; i++) {
        uint64_t lo = starts[i], hi = lo + 3000;
        uint64_t sieve = primes_count(PRIMES_SIEVE, lo, hi);
        ck_assert_uint_eq(primes_count(PRIMES_MR, lo, hi), sieve);
        ck_assert_uint_eq(primes_count(PRIMES_TRIAL, lo, hi), sieve);
    }
}
END_TEST

/* The check of a primes tally by its meaning: a count no larger than the numbers done, and the
 * primes shown prime and inside the done pieces. */
START_TEST(test_primes_tally_possible)
{
    intervals done;
    check_done_sample(&done);
    char why[160];
    /* primes from 1000: indices [0, 100) are 1000..1099, [200, 300) are 1200..1299. Independent
     * source: 1009 1013 1019 1021 1031 1033 1039 1049 1051 1061 1063 1069 1087 1091 1093 1097 are
     * the primes of 1000..1099 (16) and 1201 1213 1217 1223 1229 1231 1237 1249 1259 1277 1279 1283
     * 1289 1291 1297 those of 1200..1299 (15), from the table of primes. */
    primes_params pp = {.from = 1000, .method = PRIMES_SIEVE};
    uint64_t t[PRIMES_TALLY_WORDS] = {31, 1009, 1013, 1019, 1021, 1031, 1033, 1039, 1049, 1051, 1061};
    uint64_t last[PRIMES_SHOWN] = {1231, 1237, 1249, 1259, 1277, 1279, 1283, 1289, 1291, 1297};
    memcpy(t + PRIMES_TALLY_LAST, last, sizeof last);
    ck_assert_msg(primes_tally_possible(t, &done, &pp, why, sizeof why), "%s", why);
    t[PRIMES_TALLY_COUNT] = 201; /* more primes than numbers */
    ck_assert(!primes_tally_possible(t, &done, &pp, why, sizeof why));
    t[PRIMES_TALLY_COUNT] = 31;
    t[PRIMES_TALLY_LAST] = 1151; /* prime, but not in a done interval */
    ck_assert(!primes_tally_possible(t, &done, &pp, why, sizeof why));
    t[PRIMES_TALLY_LAST] = 1231;
    t[PRIMES_TALLY_LAST + 9] = 1293; /* in a done interval, not prime (3 x 431) */
    ck_assert(!primes_tally_possible(t, &done, &pp, why, sizeof why));
    t[PRIMES_TALLY_LAST + 9] = 1297;
    ck_assert_msg(primes_tally_possible(t, &done, &pp, why, sizeof why), "%s", why);
    t[PRIMES_TALLY_FIRST + 9] = UINT64_MAX; /* nine shown for a count of 31 */
    ck_assert(!primes_tally_possible(t, &done, &pp, why, sizeof why));
    uint64_t none[PRIMES_TALLY_WORDS] = {0};
    for (int i = 0; i < PRIMES_SHOWN; i++)
        none[PRIMES_TALLY_FIRST + i] = UINT64_MAX;
    ck_assert(primes_tally_possible(none, &done, &pp, why, sizeof why));
    none[PRIMES_TALLY_COUNT] = 1; /* a count with no prime shown */
    ck_assert(!primes_tally_possible(none, &done, &pp, why, sizeof why));
    intervals_free(&done);
}
END_TEST


CHECK_MAIN("primes", test_primes_small, test_primes_pseudoprimes, test_primes_near_2_64, test_sieve_top,
           test_primes_methods_agree, test_primes_tally_possible)
