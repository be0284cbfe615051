/* check_pi.c - unit tests of pi.c: the exact hit test, the sample-to-counter mapping, splits,
 * and the checks of a tally by its meaning. */
#include "config.h"

#include <check.h>
#include <Random123/philox.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "check_done.h"
#include "check_main.h"
#include "intervals.h"
#include "pi.h"

/* The contract's hit test written the long way: (2a+1)^2 + (2b+1)^2 < 2^66 in 128 bits. */
static int hit_by_definition(uint32_t a, uint32_t b)
{
    unsigned __int128 x = 2 * (unsigned __int128)a + 1, y = 2 * (unsigned __int128)b + 1;
    return x * x + y * y < ((unsigned __int128)1 << 66);
}

START_TEST(test_hit_exact)
{
    ck_assert_uint_eq(pi_is_hit(0, 0), 1);
    ck_assert_uint_eq(pi_is_hit(0xffffffffu, 0xffffffffu), 0);
    ck_assert_uint_eq(pi_is_hit(0xffffffffu, 0), 1); /* (2^33-1)^2 + 1 = 2^66 - 2^34 + 2 */
    ck_assert_uint_eq(pi_is_hit(0xffffffffu, 0x10000u), 0); /* (2^33-1)^2 + (2^17+1)^2 > 2^66 */
    /* Random words, and for each a the boundary b on both sides. */
    uint64_t s = 88172645463325252ULL;
    for (int i = 0; i < 200000; i++) {
        s ^= s << 13, s ^= s >> 7, s ^= s << 17;
        uint32_t a = (uint32_t)s, b = (uint32_t)(s >> 32);
        ck_assert_uint_eq(pi_is_hit(a, b), hit_by_definition(a, b));
        double bmax = sqrt(18446744073709551616.0 - ((double)a * a + a)); /* near the circle */
        for (int64_t d = -2; d <= 2; d++) {
            int64_t bb = (int64_t)bmax + d;
            if (bb >= 0 && bb <= 0xffffffffLL)
                ck_assert_uint_eq(pi_is_hit(a, (uint32_t)bb), hit_by_definition(a, (uint32_t)bb));
        }
    }
}
END_TEST

/* Hits of any split of [0, n) add up to the hits of the whole. */
START_TEST(test_pi_split_sum)
{
    const uint64_t n = 10001, seed = 99;
    uint64_t whole = pi_hits_reference(seed, 0, n);
    ck_assert_uint_eq(pi_hits(seed, 0, n), whole);
    for (uint64_t cut = 0; cut <= 9; cut++) {
        uint64_t c = cut * 1111 + (cut & 1);
        ck_assert_uint_eq(pi_hits(seed, 0, c) + pi_hits(seed, c, n - c), whole);
    }
    uint64_t one_by_one = 0;
    for (uint64_t i = 0; i < 101; i++)
        one_by_one += pi_hits(seed, i, 1);
    ck_assert_uint_eq(one_by_one, pi_hits_reference(seed, 0, 101));
}
END_TEST

/* Sample 2k uses (r0, r1) of pair k and sample 2k+1 uses (r2, r3), key from the seed's halves. */
START_TEST(test_pi_mapping)
{
    const uint64_t seed = 0x0123456789abcdefULL, k = 0x100000002ULL;
    philox4x32_ctr_t c = {{(uint32_t)k, (uint32_t)(k >> 32), 0, 0}};
    philox4x32_key_t key = {{(uint32_t)seed, (uint32_t)(seed >> 32)}};
    philox4x32_ctr_t r = philox4x32(c, key);
    ck_assert_uint_eq(pi_hits_reference(seed, 2 * k, 1), pi_is_hit(r.v[0], r.v[1]));
    ck_assert_uint_eq(pi_hits_reference(seed, 2 * k + 1, 1), pi_is_hit(r.v[2], r.v[3]));
    ck_assert_uint_eq(pi_hits(seed, 2 * k, 2), pi_is_hit(r.v[0], r.v[1]) + pi_is_hit(r.v[2], r.v[3]));
}
END_TEST

/* The check of a pi tally by its meaning: no more hits than samples done. */
START_TEST(test_pi_tally_possible)
{
    intervals done;
    check_done_sample(&done);
    char why[160];
    uint64_t hits = 200;
    ck_assert(pi_tally_possible(&hits, &done, NULL, why, sizeof why));
    hits = 201;
    ck_assert(!pi_tally_possible(&hits, &done, NULL, why, sizeof why));
    ck_assert_ptr_nonnull(strstr(why, "201 hits in 200 samples"));
    hits = UINT64_MAX - 3;
    ck_assert(!pi_tally_possible(&hits, &done, NULL, why, sizeof why));
    intervals_free(&done);
}
END_TEST


CHECK_MAIN("pi", test_hit_exact, test_pi_split_sum, test_pi_mapping, test_pi_tally_possible)
