/* check_stats.c - unit tests of stats.c: the binomial estimate and its spread. */
#include "config.h"

#include <check.h>
#include <math.h>
#include <stdint.h>

#include "check_main.h"
#include "stats.h"

START_TEST(test_stats)
{
    /* 3 hits of 4: p = 3/4, estimate 3, stderr 4 sqrt(3/64) = sqrt(3)/2. */
    stats_estimate e = stats_binomial(3, 4, 4.0);
    ck_assert_double_eq_tol(e.estimate, 3.0, 1e-15);
    ck_assert_double_eq_tol(e.stderr_, sqrt(3.0) / 2, 1e-15);
    ck_assert_double_eq_tol(e.ci_high - e.estimate, 1.959963984540054 * sqrt(3.0) / 2, 1e-12);
    /* All hits or none: no spread. */
    e = stats_binomial(10, 10, 4.0);
    ck_assert_double_eq(e.estimate, 4.0);
    ck_assert_double_eq(e.stderr_, 0.0);
    e = stats_binomial(0, UINT64_MAX, 4.0);
    ck_assert_double_eq(e.estimate, 0.0);
    /* Counts near 2^64 keep their ratio. */
    e = stats_binomial(UINT64_MAX / 2, UINT64_MAX, 4.0);
    ck_assert_double_eq_tol(e.estimate, 2.0, 1e-15);
}
END_TEST

CHECK_MAIN("stats", test_stats)
