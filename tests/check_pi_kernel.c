/* check_pi_kernel.c - unit tests of pi_kernel.c: every SIMD path against the scalar reference. */
#include "config.h"

#include <check.h>
#include <stdint.h>
#include <stdio.h>

#include "check_main.h"
#include "pi.h"
#include "pi_kernel.h"

/* Every SIMD path this CPU offers gives the hits of Random123's scalar philox4x32, bit for bit:
 * odd starts and ends, tails shorter than a batch, counters crossing 2^32 and near 2^64. */
START_TEST(test_kernels_match_reference)
{
    const struct {
        uint64_t seed, first, count;
    } cases[] = {
        {0, 0, 1},
        {1, 0, 1000},
        {2, 1, 999},
        {3, 5, 77},
        {42, 123457, 200001},
        {UINT64_MAX, 2 * 0xfffffff0ULL + 1, 301}, /* pair counters cross 2^32 */
        {0x0123456789abcdefULL, 2 * 0xffffffff00000000ULL, 4099},
        {7, UINT64_MAX - 1000, 1000}, /* the last samples of the 64-bit index space */
    };
    const uint64_t scalar_pairs = 5000;
    for (int id = PI_KERNEL_SCALAR; id < PI_KERNEL_COUNT; id++) {
        pi_pairs_fn fn = pi_kernel_get((pi_kernel_id)id);
        if (fn == NULL) {
            printf("kernel %s: not available on this CPU, not tested\n", pi_kernel_name((pi_kernel_id)id));
            continue;
        }
        for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
            ck_assert_uint_eq(pi_hits_kernel(fn, cases[i].seed, cases[i].first, cases[i].count),
                              pi_hits_reference(cases[i].seed, cases[i].first, cases[i].count));
        /* Every batch size and offset around the kernels' batches (up to 64 pairs). */
        for (uint64_t start = 0; start < 70; start += 3)
            for (uint64_t n = 0; n < 140; n++)
                ck_assert_uint_eq(fn(11, 22, start, n), pi_kernel_get(PI_KERNEL_SCALAR)(11, 22, start, n));
        ck_assert_uint_eq(fn(5, 6, 1ULL << 40, scalar_pairs),
                          pi_kernel_get(PI_KERNEL_SCALAR)(5, 6, 1ULL << 40, scalar_pairs));
        printf("kernel %s: matches the scalar reference\n", pi_kernel_name((pi_kernel_id)id));
    }
    ck_assert(pi_kernel_available(pi_kernel_best()));
    ck_assert_int_eq(pi_kernel_from_name("avx2"), PI_KERNEL_AVX2);
    ck_assert_int_eq(pi_kernel_from_name("sse9"), -1);
}
END_TEST

CHECK_MAIN("pi_kernel", test_kernels_match_reference)
