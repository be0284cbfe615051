/* check_powersum.c - unit tests of powersum.c: exact powers, the quick overflow refusal, and the
 * checks of a tally by its meaning. */
#include "config.h"

#include <check.h>
#include <stdint.h>

#include "check_done.h"
#include "check_main.h"
#include "intervals.h"
#include "powersum.h"

START_TEST(test_powersum_pow)
{
    powersum_u128 v;
    ck_assert(powersum_pow(0, 0, &v) && v == 1);
    ck_assert(powersum_pow(0, 5, &v) && v == 0);
    ck_assert(powersum_pow(1, UINT64_MAX, &v) && v == 1);
    ck_assert(powersum_pow(3, 4, &v) && v == 81);
    ck_assert(powersum_pow(2, 127, &v) && v == (powersum_u128)1 << 127);
    ck_assert(!powersum_pow(2, 128, &v));
    ck_assert(powersum_pow(UINT64_MAX, 2, &v) && v == (powersum_u128)UINT64_MAX * UINT64_MAX);
    ck_assert(!powersum_pow(UINT64_MAX, 3, &v));
    ck_assert(!powersum_pow(3, UINT64_MAX, &v));
    /* 10^38 fits, 10^39 does not (2^128 - 1 = 3.4e38). */
    ck_assert(powersum_pow(10, 38, &v));
    ck_assert(!powersum_pow(10, 39, &v));
}
END_TEST

/* The quick refusal only refuses sums that really overflow (checked against Python big ints). */
START_TEST(test_powersum_bound)
{
    const powersum_u128 two64 = (powersum_u128)1 << 64;
    ck_assert(powersum_surely_overflows(1, 1000000000000ULL, 3));  /* ~2.5e47 */
    ck_assert(powersum_surely_overflows(0, 1000000, 1000));
    ck_assert(powersum_surely_overflows(2, 100, 128));
    ck_assert(!powersum_surely_overflows(1, 5001, 2));
    ck_assert(!powersum_surely_overflows(0, two64, 1));            /* 2^127 - 2^63: fits */
    ck_assert(!powersum_surely_overflows(1, 1000000000ULL, 3));    /* 2.5e35: fits */
    /* Borderline: 4 * 2^126 = 2^128 exactly; the exact sum must decide, not the bound. */
    ck_assert(!powersum_surely_overflows(1ULL << 63, ((powersum_u128)1 << 63) + 4, 2));
    ck_assert(!powersum_surely_overflows(UINT64_MAX, two64, 2));
    /* sum k^4 over [1, 70171683) is 0.999999998 * 2^128, one more term overflows (Python's
     * big integers, n(n+1)(2n+1)(3n^2+3n-1)/30): both are left to the exact sum; 1% more is refused. */
    ck_assert(!powersum_surely_overflows(1, 70171683, 4));
    ck_assert(!powersum_surely_overflows(1, 70171684, 4));
    ck_assert(powersum_surely_overflows(1, 70873400, 4));
}
END_TEST

/* The check of a power sum by its meaning: no larger than the largest sum the done pieces allow,
 * and a well-formed overflow flag. */
START_TEST(test_powersum_tally_possible)
{
    intervals done;
    check_done_sample(&done);
    char why[160];
    /* powersum of k^2 from 1: done indices [0, 100) and [200, 300) are k = 1..100 and 201..300;
     * the largest possible sum is 100 * 100^2 + 100 * 300^2 = 10,000,000. */
    powersum_params ps = {.from = 1, .power = 2};
    uint64_t sum[POWERSUM_TALLY_WORDS] = {10000000, 0, 0};
    ck_assert(powersum_tally_possible(sum, &done, &ps, why, sizeof why));
    sum[0] = 10000001;
    ck_assert(!powersum_tally_possible(sum, &done, &ps, why, sizeof why));
    sum[0] = 5;
    sum[POWERSUM_TALLY_OVERFLOW] = 2;
    ck_assert(!powersum_tally_possible(sum, &done, &ps, why, sizeof why));
    sum[POWERSUM_TALLY_HI] = 1; /* 2^64 + 5 with no overflow flag: too large */
    sum[POWERSUM_TALLY_OVERFLOW] = 0;
    ck_assert(!powersum_tally_possible(sum, &done, &ps, why, sizeof why));
    intervals_free(&done);
}
END_TEST


CHECK_MAIN("powersum", test_powersum_pow, test_powersum_bound, test_powersum_tally_possible)
