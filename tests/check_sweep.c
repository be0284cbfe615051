/* check_sweep.c - unit tests of sweep.c: the rank counts of a sweep and its speedup arithmetic. */
#include "config.h"

#include <check.h>
#include <math.h>

#include "check_main.h"
#include "sweep.h"

START_TEST(test_sweep_sizes)
{
    int sizes[SWEEP_MAX_SIZES];
    ck_assert_int_eq(sweep_sizes(1, sizes), 1);
    ck_assert_int_eq(sizes[0], 1);
    ck_assert_int_eq(sweep_sizes(4, sizes), 3);
    ck_assert(sizes[0] == 1 && sizes[1] == 2 && sizes[2] == 4);
    ck_assert_int_eq(sweep_sizes(6, sizes), 4); /* powers of two, then the full size */
    ck_assert(sizes[2] == 4 && sizes[3] == 6);
    ck_assert_int_eq(sweep_sizes(4096, sizes), 13);
    ck_assert_int_eq(sizes[12], 4096);
}
END_TEST

START_TEST(test_sweep_arithmetic)
{
    double v[] = {5, 1, 3}, w[] = {4, 1, 3, 2};
    ck_assert_double_eq(sweep_median(v, 3), 3);
    ck_assert_double_eq(sweep_median(w, 4), 2.5);
    /* Strong: 10 s on 1 rank, 6.25 s on 2: speedup 1.6, efficiency 0.8, serial fraction
     * (1/1.6 - 1/2) / (1 - 1/2) = 0.25 (Karp and Flatt, CACM 33(5), 1990). */
    double s = sweep_speedup(SWEEP_STRONG, 10, 6.25, 2);
    ck_assert_double_eq_tol(s, 1.6, 1e-12);
    ck_assert_double_eq_tol(sweep_efficiency(s, 2), 0.8, 1e-12);
    ck_assert_double_eq_tol(sweep_karp_flatt(s, 2), 0.25, 1e-12);
    /* Weak (scaled speedup): 1 s on 1 rank, 1.25 s for 4 times the work on 4: speedup 3.2,
     * efficiency 0.8, serial fraction (1/3.2 - 1/4) / (3/4) = 1/12. */
    s = sweep_speedup(SWEEP_WEAK, 1, 1.25, 4);
    ck_assert_double_eq_tol(s, 3.2, 1e-12);
    ck_assert_double_eq_tol(sweep_efficiency(s, 4), 0.8, 1e-12);
    ck_assert_double_eq_tol(sweep_karp_flatt(s, 4), 1.0 / 12, 1e-12);
    /* Perfect scaling has no serial fraction; one rank has none defined. */
    ck_assert_double_eq_tol(sweep_karp_flatt(8, 8), 0, 1e-12);
    ck_assert(isnan(sweep_karp_flatt(1, 1)));
    ck_assert(isnan(sweep_speedup(SWEEP_STRONG, 1, 0, 2)));
}
END_TEST

CHECK_MAIN("sweep", test_sweep_sizes, test_sweep_arithmetic)
