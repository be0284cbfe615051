/* check_units.c - unit tests of the pure modules: Philox known answers, the exact hit test,
 * partitions, number parsing and statistics. */
#include "config.h"

#include <check.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <Random123/philox.h>

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "checkpoint.h"
#include "intervals.h"
#include "numparse.h"
#include "partition.h"
#include "pi.h"
#include "pi_kernel.h"
#include "powersum.h"
#include "primelist.h"
#include "primes.h"
#include "report.h"
#include "safefile.h"
#include "stats.h"
#include "sweep.h"

/* Philox4x32-10 known-answer vectors, copied from Random123's own tests/kat_vectors
 * (Debian: /usr/share/doc/librandom123-dev/tests/kat_vectors.gz, lines "philox4x32 10 ..."). */
static const struct {
    uint32_t ctr[4], key[2], out[4];
} philox_kat[] = {
    {{0, 0, 0, 0}, {0, 0}, {0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8}},
    {{0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff}, {0xffffffff, 0xffffffff},
     {0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd}},
    {{0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344}, {0xa4093822, 0x299f31d0},
     {0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1}},
};

START_TEST(test_philox_kat)
{
    philox4x32_ctr_t c = {{philox_kat[_i].ctr[0], philox_kat[_i].ctr[1], philox_kat[_i].ctr[2],
                           philox_kat[_i].ctr[3]}};
    philox4x32_key_t k = {{philox_kat[_i].key[0], philox_kat[_i].key[1]}};
    philox4x32_ctr_t r = philox4x32(c, k);
    for (int j = 0; j < 4; j++)
        ck_assert_uint_eq(r.v[j], philox_kat[_i].out[j]);
}
END_TEST

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

/* Slices of [0, n) cover it once, in order, balanced within one item. */
static void check_partition(uint64_t n, uint64_t parts)
{
    uint64_t next = 0, lo = UINT64_MAX, hi = 0;
    for (uint64_t p = 0; p < parts; p++) {
        uint64_t first, count;
        partition_slice(n, parts, p, &first, &count);
        ck_assert_uint_eq(first, next);
        next = first + count;
        lo = count < lo ? count : lo;
        hi = count > hi ? count : hi;
    }
    ck_assert_uint_eq(next, n);
    ck_assert(hi - lo <= 1);
}

START_TEST(test_partition)
{
    const uint64_t ns[] = {0, 1, 2, 3, 7, 100, 1000003, UINT64_MAX - 1, UINT64_MAX};
    const uint64_t ps[] = {1, 2, 3, 4, 7, 64, 1000};
    for (size_t i = 0; i < sizeof ns / sizeof ns[0]; i++)
        for (size_t j = 0; j < sizeof ps / sizeof ps[0]; j++)
            check_partition(ns[i], ps[j]);
    /* Fewer items than parts: the first n parts get one item each. */
    uint64_t first, count;
    partition_slice(3, 8, 2, &first, &count);
    ck_assert_uint_eq(first, 2);
    ck_assert_uint_eq(count, 1);
    partition_slice(3, 8, 5, &first, &count);
    ck_assert_uint_eq(first, 3);
    ck_assert_uint_eq(count, 0);
    partition_slice(1, 1, 0, &first, &count);
    ck_assert_uint_eq(first, 0);
    ck_assert_uint_eq(count, 1);
}
END_TEST

START_TEST(test_guided_chunks)
{
    /* remaining / (2 * parts), at least the minimum, never past the end. */
    ck_assert_uint_eq(partition_guided_chunk(1000, 2, 1), 250);
    ck_assert_uint_eq(partition_guided_chunk(1000, 2, 400), 400);
    ck_assert_uint_eq(partition_guided_chunk(3, 2, 10), 3);
    ck_assert_uint_eq(partition_guided_chunk(3, 4, 0), 1);
    uint64_t left = UINT64_MAX, chunks = 0;
    while (left > 0) {
        uint64_t c = partition_guided_chunk(left, 4, 1000);
        ck_assert(c >= 1 && c <= left);
        left -= c;
        chunks++;
    }
    ck_assert(chunks < 1000); /* geometric shrinking: few chunks even for 2^64 items */
}
END_TEST

static const struct {
    const char *text;
    numparse_error error;
    uint64_t value;
} parse_table[] = {
    {"0", NUMPARSE_OK, 0},
    {"1", NUMPARSE_OK, 1},
    {"0012", NUMPARSE_OK, 12},
    {"18446744073709551615", NUMPARSE_OK, UINT64_MAX},
    {"1e9", NUMPARSE_OK, 1000000000ULL},
    {"1E3", NUMPARSE_OK, 1000},
    {"1e+3", NUMPARSE_OK, 1000},
    {"2.5e10", NUMPARSE_OK, 25000000000ULL},
    {"1.50e2", NUMPARSE_OK, 150},
    {"1.8446744073709551615e19", NUMPARSE_OK, UINT64_MAX},
    {"0e99999999999999999999", NUMPARSE_OK, 0},
    {"1e0", NUMPARSE_OK, 1},
    {"", NUMPARSE_EMPTY, 0},
    {"-1", NUMPARSE_SYNTAX, 0},
    {"+1", NUMPARSE_SYNTAX, 0},
    {" 1", NUMPARSE_SYNTAX, 0},
    {"1 ", NUMPARSE_SYNTAX, 0},
    {"0x10", NUMPARSE_SYNTAX, 0},
    {"1.5", NUMPARSE_SYNTAX, 0},
    {"12.0", NUMPARSE_SYNTAX, 0},
    {"1.", NUMPARSE_SYNTAX, 0},
    {"1.e5", NUMPARSE_SYNTAX, 0},
    {".5e1", NUMPARSE_SYNTAX, 0},
    {"1e", NUMPARSE_SYNTAX, 0},
    {"e5", NUMPARSE_SYNTAX, 0},
    {"1e-3", NUMPARSE_SYNTAX, 0},
    {"nan", NUMPARSE_SYNTAX, 0},
    {"inf", NUMPARSE_SYNTAX, 0},
    {"1,000", NUMPARSE_SYNTAX, 0},
    {"1e9x", NUMPARSE_SYNTAX, 0},
    {"2.5e0", NUMPARSE_NOT_INTEGER, 0},
    {"1.25e1", NUMPARSE_NOT_INTEGER, 0},
    {"18446744073709551616", NUMPARSE_RANGE, 0},
    {"99999999999999999999999", NUMPARSE_RANGE, 0},
    {"1.8446744073709551616e19", NUMPARSE_RANGE, 0},
    {"1e20", NUMPARSE_RANGE, 0},
    {"1e99999999999999999999", NUMPARSE_RANGE, 0},
};

START_TEST(test_numparse_table)
{
    uint64_t v = 12345;
    numparse_error e = numparse_u64_max(parse_table[_i].text, UINT64_MAX, &v);
    ck_assert_msg(e == parse_table[_i].error, "'%s': error %d, expected %d", parse_table[_i].text, e,
                  parse_table[_i].error);
    if (e == NUMPARSE_OK)
        ck_assert_uint_eq(v, parse_table[_i].value);
    else
        ck_assert_uint_eq(v, 12345); /* untouched on error */
}
END_TEST

START_TEST(test_numparse_limits)
{
    uint64_t v;
    ck_assert_int_eq(numparse_u64_max("100", 100, &v), NUMPARSE_OK);
    ck_assert_int_eq(numparse_u64_max("101", 100, &v), NUMPARSE_RANGE);
    ck_assert_int_eq(numparse_u64_max("1.01e2", 100, &v), NUMPARSE_RANGE);
    /* 2^64 itself, for half-open ranges ending at the top of the 64-bit numbers. */
    numparse_u128 big, two64 = (numparse_u128)1 << 64;
    ck_assert_int_eq(numparse_u128_max("18446744073709551616", two64, &big), NUMPARSE_OK);
    ck_assert(big == two64);
    ck_assert_int_eq(numparse_u128_max("18446744073709551617", two64, &big), NUMPARSE_RANGE);
    char buf[48];
    ck_assert_str_eq(numparse_u128_str(two64, buf), "18446744073709551616");
    ck_assert_str_eq(numparse_u128_str(0, buf), "0");
    ck_assert_str_eq(numparse_u128_str(~(numparse_u128)0, buf), "340282366920938463463374607431768211455");
}
END_TEST

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

/* Bytes of "p\n" lines, the slow way. */
static int add_line_bytes(uint64_t p, void *ctx)
{
    char buf[32];
    *(uint64_t *)ctx += (uint64_t)snprintf(buf, sizeof buf, "%llu\n", (unsigned long long)p);
    return 0;
}

START_TEST(test_primelist_bytes)
{
    const uint64_t ranges[][2] = {{0, 1}, {0, 100000}, {9, 11}, {99990, 100010}, {999999000, 1000001000}};
    for (size_t i = 0; i < sizeof ranges / sizeof ranges[0]; i++) {
        uint64_t slow = 0;
        primes_foreach(PRIMES_SIEVE, ranges[i][0], ranges[i][1], add_line_bytes, &slow);
        ck_assert_uint_eq(primelist_bytes(PRIMES_SIEVE, ranges[i][0], ranges[i][1]), slow);
        ck_assert_uint_eq(primelist_bytes(PRIMES_MR, ranges[i][0], ranges[i][1]), slow);
    }
    uint64_t slow = 0;
    primes_foreach(PRIMES_MR, 0 - 400, UINT64_MAX, add_line_bytes, &slow);
    ck_assert_uint_eq(slow, 10 * 21); /* ten 20-digit primes */
    ck_assert_uint_eq(primelist_bytes(PRIMES_MR, 0 - 400, UINT64_MAX), slow);
}
END_TEST

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

/* xorshift64: the tests' own deterministic random numbers. */
static uint64_t xorshift(uint64_t *s)
{
    *s ^= *s << 13, *s ^= *s >> 7, *s ^= *s << 17;
    return *s;
}

/* Adding the pieces of a split of [0, n) in any order merges them into [0, n); overlaps are refused. */
START_TEST(test_intervals_merge_any_order)
{
    uint64_t seed = 0x9e3779b97f4a7c15ULL + (uint64_t)_i;
    enum { PIECES = 200 };
    uint64_t cut[PIECES + 1];
    cut[0] = 0;
    for (int i = 1; i <= PIECES; i++)
        cut[i] = cut[i - 1] + 1 + xorshift(&seed) % 1000;
    int order[PIECES];
    for (int i = 0; i < PIECES; i++)
        order[i] = i;
    for (int i = PIECES - 1; i > 0; i--) { /* Fisher-Yates */
        int j = (int)(xorshift(&seed) % (uint64_t)(i + 1)), t = order[i];
        order[i] = order[j];
        order[j] = t;
    }
    intervals s;
    intervals_init(&s);
    uint64_t added = 0;
    for (int i = 0; i < PIECES; i++) {
        int k = order[i];
        ck_assert_int_eq(intervals_add(&s, cut[k], cut[k + 1]), INTERVALS_OK);
        added += cut[k + 1] - cut[k];
        ck_assert_uint_eq(intervals_total(&s), added);
        for (size_t j = 0; j < s.n; j++) { /* sorted, disjoint, never adjacent */
            ck_assert(s.v[2 * j] < s.v[2 * j + 1]);
            if (j > 0)
                ck_assert(s.v[2 * j - 1] < s.v[2 * j]);
        }
        /* Any piece again, or one straddling a piece already in, is refused and changes nothing. */
        size_t before = s.n;
        ck_assert_int_eq(intervals_add(&s, cut[k], cut[k + 1]), INTERVALS_OVERLAP);
        ck_assert_int_eq(intervals_add(&s, cut[k + 1] - 1, cut[k + 1] + 1), INTERVALS_OVERLAP);
        ck_assert_uint_eq(s.n, before);
    }
    ck_assert_uint_eq(s.n, 1);
    ck_assert_uint_eq(s.v[0], 0);
    ck_assert_uint_eq(s.v[1], cut[PIECES]);
    ck_assert_int_eq(intervals_add(&s, 5, 5), INTERVALS_EMPTY);
    intervals_free(&s);
}
END_TEST

/* The complement, and positions in the space of what is left, checked index by index. */
START_TEST(test_intervals_complement_locate)
{
    intervals done, left;
    intervals_init(&done);
    intervals_init(&left);
    ck_assert_int_eq(intervals_add(&done, 0, 3), INTERVALS_OK);
    ck_assert_int_eq(intervals_add(&done, 10, 12), INTERVALS_OK);
    ck_assert_int_eq(intervals_add(&done, 20, 25), INTERVALS_OK);
    ck_assert_int_eq(intervals_complement(&done, 30, &left), INTERVALS_OK);
    ck_assert_uint_eq(left.n, 3); /* [3,10) [12,20) [25,30) */
    ck_assert_uint_eq(intervals_total(&left), 30 - 10);
    ck_assert_int_eq(intervals_index(&left), INTERVALS_OK);
    uint64_t v = 0;
    for (uint64_t x = 0; x < 30; x++) {
        int is_done = x < 3 || (x >= 10 && x < 12) || (x >= 20 && x < 25);
        if (is_done)
            continue;
        uint64_t real, run;
        intervals_locate(&left, v, &real, &run);
        ck_assert_uint_eq(real, x);
        uint64_t end = x < 10 ? 10 : x < 20 ? 20 : 30;
        ck_assert_uint_eq(run, end - x);
        v++;
    }
    intervals empty, all;
    intervals_init(&empty);
    intervals_init(&all);
    ck_assert_int_eq(intervals_complement(&empty, UINT64_MAX, &all), INTERVALS_OK);
    ck_assert_uint_eq(intervals_total(&all), UINT64_MAX);
    intervals_free(&empty);
    intervals_free(&all);
    intervals_free(&done);
    intervals_free(&left);
}
END_TEST

static void checkpoint_sample(checkpoint_state *st)
{
    memset(st, 0, sizeof *st);
    snprintf(st->run, sizeof st->run, "primes from=0 to=1000000 method=sieve");
    st->items = 1000000;
    st->tally_words = 3;
    st->tally[0] = 41;
    st->tally[1] = UINT64_MAX;
    st->tally[2] = 0;
    intervals_init(&st->done);
    ck_assert_int_eq(intervals_add(&st->done, 0, 1000), INTERVALS_OK);
    ck_assert_int_eq(intervals_add(&st->done, 500000, 600000), INTERVALS_OK);
}

/* zlib's CRC-32 is the standard one: its check value over "123456789" is 0xcbf43926. */
START_TEST(test_crc32_check_value)
{
    ck_assert_uint_eq(crc32(0L, (const Bytef *)"123456789", 9), 0xcbf43926UL);
}
END_TEST

/* A checkpoint reads back as written; every truncation and every changed byte is refused. */
START_TEST(test_checkpoint_round_trip_and_damage)
{
    checkpoint_state st, back;
    checkpoint_sample(&st);
    char *buf;
    size_t len;
    ck_assert_int_eq(checkpoint_format(&st, &buf, &len), MCPI_OK);
    char why[200];
    intervals_init(&back.done);
    ck_assert_int_eq(checkpoint_parse(buf, len, &back, why, sizeof why), CHECKPOINT_OK);
    ck_assert_str_eq(back.run, st.run);
    ck_assert_uint_eq(back.items, st.items);
    ck_assert_int_eq(back.tally_words, 3);
    ck_assert(memcmp(back.tally, st.tally, 3 * sizeof st.tally[0]) == 0);
    ck_assert_uint_eq(back.done.n, 2);
    ck_assert_uint_eq(intervals_total(&back.done), 101000);
    intervals_free(&back.done);
    for (size_t cut = 0; cut < len; cut++) {
        intervals_init(&back.done);
        ck_assert_int_ne(checkpoint_parse(buf, cut, &back, why, sizeof why), CHECKPOINT_OK);
        intervals_free(&back.done);
    }
    for (size_t at = 0; at < len; at++) {
        for (int bit = 0; bit < 8; bit++) {
            buf[at] ^= (char)(1 << bit);
            intervals_init(&back.done);
            ck_assert_msg(checkpoint_parse(buf, len, &back, why, sizeof why) != CHECKPOINT_OK,
                          "a flipped bit %d at byte %zu went unnoticed", bit, at);
            intervals_free(&back.done);
            buf[at] ^= (char)(1 << bit);
        }
    }
    free(buf);
    intervals_free(&st.done);
}
END_TEST

/* Files that are not mcpi checkpoints, or break the format behind a valid checksum. */
START_TEST(test_checkpoint_foreign_and_inconsistent)
{
    char why[200];
    checkpoint_state back;
    intervals_init(&back.done);
    ck_assert_int_eq(checkpoint_parse("#!/bin/sh\n", 10, &back, why, sizeof why), CHECKPOINT_FOREIGN);
    ck_assert_int_eq(checkpoint_parse("mcpi checkpoint 2\n", 18, &back, why, sizeof why), CHECKPOINT_FOREIGN);
    ck_assert_ptr_nonnull(strstr(why, "version 2"));
    /* Valid checksums over bad contents: the checksum line is computed here for each text. */
    static const char *bad[] = {
        "mcpi checkpoint 1\nrun pi samples=10 seed=1\nitems 10\ntally 3\ndone 5\nintervals 1\n0 4\n",      /* done != sum */
        "mcpi checkpoint 1\nrun pi samples=10 seed=1\nitems 10\ntally 3\ndone 4\nintervals 1\n8 12\n",     /* past items */
        "mcpi checkpoint 1\nrun pi samples=10 seed=1\nitems 10\ntally 3\ndone 2\nintervals 2\n4 5\n2 3\n", /* order */
        "mcpi checkpoint 1\nrun pi samples=10 seed=1\nitems 10\ntally 3\ndone 2\nintervals 2\n2 4\n4 5\n", /* adjacent */
        "mcpi checkpoint 1\nrun pi samples=10 seed=1\nitems 10\ntally 03\ndone 0\nintervals 0\n",          /* leading 0 */
        "mcpi checkpoint 1\nrun pi samples=10 seed=1\nitems 10\ntally\ndone 0\nintervals 0\n",             /* no tally */
        "mcpi checkpoint 1\nrun pi samples=10 seed=1\nitems 10\ntally 18446744073709551616\ndone 0\nintervals 0\n",
        "mcpi checkpoint 1\nrun pi samples=10 seed=1\nitems 10\ntally 3\ndone 0\nintervals 0\nextra\n",
        "mcpi checkpoint 1\nrun \nitems 10\ntally 3\ndone 0\nintervals 0\n",
        "mcpi checkpoint 1\nrun pi samples=10 seed=1\nitems 10\ntally 3\ndone 0\nintervals 1\n",          /* missing */
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char text[600];
        size_t n = strlen(bad[i]);
        memcpy(text, bad[i], n);
        n += (size_t)snprintf(text + n, sizeof text - n, "crc32 %08lx\n", crc32(0L, (const Bytef *)bad[i], (uInt)n));
        intervals_init(&back.done);
        ck_assert_msg(checkpoint_parse(text, n, &back, why, sizeof why) == CHECKPOINT_CORRUPT, "accepted: %s", bad[i]);
        intervals_free(&back.done);
    }
    /* The same shape with consistent contents is accepted (the cases above fail for their reason). */
    const char *good = "mcpi checkpoint 1\nrun pi samples=10 seed=1\nitems 10\ntally 3\ndone 4\nintervals 2\n0 2\n4 6\n";
    char text[600];
    size_t n = strlen(good);
    memcpy(text, good, n);
    n += (size_t)snprintf(text + n, sizeof text - n, "crc32 %08lx\n", crc32(0L, (const Bytef *)good, (uInt)n));
    intervals_init(&back.done);
    ck_assert_int_eq(checkpoint_parse(text, n, &back, why, sizeof why), CHECKPOINT_OK);
    ck_assert_uint_eq(back.tally[0], 3);
    intervals_free(&back.done);
}
END_TEST

/* Filling a million gaps, three interleaved ascending streams as three ranks would: the batched
 * merge gives one interval, the right total at every step, and finds a piece added twice. */
START_TEST(test_intervals_million_gaps)
{
    enum { K = 1000000 };
    intervals s;
    intervals_init(&s);
    for (uint64_t i = 0; i < K; i++) /* [2i, 2i+1): the done set of a checkpoint */
        ck_assert_int_eq(intervals_add(&s, 2 * i, 2 * i + 1), INTERVALS_OK);
    ck_assert_uint_eq(s.n, K);
    uint64_t third = K / 3, added = K;
    for (uint64_t k = 0; k <= third; k++)
        for (uint64_t r = 0; r < 3; r++) {
            uint64_t i = r * third + k; /* the gap [2i+1, 2i+2) */
            if (i >= K || (r < 2 && k == third))
                continue;
            ck_assert_int_eq(intervals_add(&s, 2 * i + 1, 2 * i + 2), INTERVALS_OK);
            added++;
            ck_assert_uint_eq(intervals_total(&s), added);
        }
    ck_assert_int_eq(intervals_flush(&s), INTERVALS_OK);
    ck_assert_uint_eq(s.n, 1);
    ck_assert_uint_eq(s.v[0], 0);
    ck_assert_uint_eq(s.v[1], 2 * (uint64_t)K);
    /* Refused at once against the merged part. */
    ck_assert_int_eq(intervals_add(&s, 7, 9), INTERVALS_OVERLAP);
    intervals_free(&s);

    /* A piece added twice while both copies wait in the batch: the merge refuses it, changing nothing. */
    intervals_init(&s);
    for (uint64_t i = 0; i < 1000; i++)
        ck_assert_int_eq(intervals_add(&s, 10 * i, 10 * i + 1), INTERVALS_OK);
    ck_assert_int_eq(intervals_add(&s, 3, 5), INTERVALS_OK); /* far from the end: deferred */
    ck_assert_int_eq(intervals_add(&s, 4, 6), INTERVALS_OK); /* overlaps the deferred one */
    ck_assert_int_eq(intervals_flush(&s), INTERVALS_OVERLAP);
    ck_assert_uint_eq(s.n, 1000);
    ck_assert(intervals_contains(&s, 10) && !intervals_contains(&s, 11) && !intervals_contains(&s, UINT64_MAX));
    intervals_free(&s);
}
END_TEST

/* The workloads' checks by meaning: what a run can produce passes, what it cannot is refused. */
START_TEST(test_tally_possible)
{
    char why[160];
    intervals done;
    intervals_init(&done);
    ck_assert_int_eq(intervals_add(&done, 0, 100), INTERVALS_OK);
    ck_assert_int_eq(intervals_add(&done, 200, 300), INTERVALS_OK);
    uint64_t hits = 200;
    ck_assert(pi_tally_possible(&hits, &done, NULL, why, sizeof why));
    hits = 201;
    ck_assert(!pi_tally_possible(&hits, &done, NULL, why, sizeof why));
    ck_assert_ptr_nonnull(strstr(why, "201 hits in 200 samples"));
    hits = UINT64_MAX - 3;
    ck_assert(!pi_tally_possible(&hits, &done, NULL, why, sizeof why));

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

/* A number that is not finite is printed as null, never nan or inf. */
START_TEST(test_report_not_finite)
{
    report r;
    report_init(&r, "t");
    report_add(&r, "a", "a", REPORT_NUMBER, "%.3g", nan(""));
    report_add(&r, "b", "b", REPORT_NUMBER, "%.3g", -INFINITY);
    report_add(&r, "c", "c", REPORT_NUMBER, "%.3g", 1.5);
    ck_assert_str_eq(report_value(&r, "a"), "null");
    ck_assert_str_eq(report_value(&r, "b"), "null");
    ck_assert_str_eq(report_value(&r, "c"), "1.5");
    report_free(&r);
}
END_TEST

/* What report_print_csv and the JSON printer make of each kind of field, written out by hand. */
START_TEST(test_report_csv)
{
    report r;
    report_init(&r, "title");
    char *hosts[] = {"node1", "node \"2\"", "n,3"};
    report_add(&r, "count", "count", REPORT_NUMBER, "%d", 25);
    report_add(&r, "first", "first", REPORT_ARRAY, "%s", "[2, 3, 5]");
    report_add_strings(&r, "hosts", "hosts", hosts, 3);
    report_add_absent(&r, "list");
    report_add(&r, "karp_flatt", NULL, REPORT_NUMBER, "null");
    report_add(&r, "cpu", NULL, REPORT_STRING, "%s", "AMD EPYC, 2 cores");
    report_add(&r, NULL, "text only", REPORT_STRING, "x");
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    report_print_csv(f, &r, 1);
    report_print_csv(f, &r, 0); /* --no-header: the row alone */
    report_print(f, &r, REPORT_JSON, 0);
    fclose(f);
    ck_assert_str_eq(text, "count,first,hosts,list,karp_flatt,cpu\n"
                           "25,2;3;5,\"node1;node \"\"2\"\";n,3\",,,\"AMD EPYC, 2 cores\"\n"
                           "25,2;3;5,\"node1;node \"\"2\"\";n,3\",,,\"AMD EPYC, 2 cores\"\n"
                           "{\"count\": 25, \"first\": [2, 3, 5], \"hosts\": [\"node1\", \"node \\\"2\\\"\", \"n,3\"], "
                           "\"karp_flatt\": null, \"cpu\": \"AMD EPYC, 2 cores\"}\n");
    free(text);
    report_free(&r);
}
END_TEST

/* safefile: temporaries never follow a planted name, a full device is an error, targets and
 * same-file checks by device and inode. */
START_TEST(test_safefile)
{
    char dir[] = "/tmp/mcpi-units.XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(dir));
    char path[300], other[300], link[300];
    snprintf(path, sizeof path, "%s/target", dir);
    snprintf(other, sizeof other, "%s/sub/../target", dir);
    snprintf(link, sizeof link, "%s/link", dir);
    char sub[300];
    snprintf(sub, sizeof sub, "%s/sub", dir);
    ck_assert_int_eq(mkdir(sub, 0700), 0);
    ck_assert_int_eq(safefile_target_ok(path), 0); /* absent */
    ck_assert(safefile_same(path, other));         /* absent, one resolved name */
    char *tmp;
    int fd;
    ck_assert_int_eq(safefile_temp(path, &tmp, &fd), 0);
    ck_assert(strncmp(tmp, path, strlen(path)) == 0 && strstr(tmp, ".mcpi-") != NULL);
    struct stat sb;
    ck_assert_int_eq(lstat(tmp, &sb), 0);
    ck_assert(S_ISREG(sb.st_mode));
    ck_assert_int_eq(safefile_write(fd, "hello\n", 6, -1), 0);
    ck_assert_int_eq(safefile_commit(fd, tmp, path), 0);
    ck_assert_int_eq(stat(path, &sb), 0);
    ck_assert_int_eq(sb.st_size, 6);
    ck_assert_int_eq(symlink(path, link), 0);
    ck_assert(safefile_same(path, link)); /* same inode */
    ck_assert_int_eq(safefile_target_ok(link), 0);
    ck_assert_int_eq(safefile_target_ok(dir), -1); /* a directory */
    /* /dev/full: every write fails with ENOSPC, and it is reported. */
    int full = open("/dev/full", O_WRONLY);
    if (full >= 0) {
        ck_assert_int_eq(safefile_write(full, "x", 1, -1), ENOSPC);
        close(full);
    }
    /* The lock: taken, refused to a second taker, removed on release. */
    safefile_lock a, b;
    ck_assert_int_eq(safefile_lock_take(path, &a), 0);
    ck_assert_int_eq(safefile_lock_take(path, &b), SAFEFILE_LOCK_HELD);
    safefile_lock_release(&a);
    char lockname[320];
    snprintf(lockname, sizeof lockname, "%s.lock", path);
    ck_assert_int_ne(access(lockname, F_OK), 0);
    ck_assert_int_eq(symlink(path, lockname), 0); /* a planted symlink is refused, not followed */
    ck_assert_int_eq(safefile_lock_take(path, &b), ELOOP);
    unlink(lockname);
    unlink(link);
    unlink(path);
    rmdir(sub);
    rmdir(dir);
}
END_TEST

static Suite *units_suite(void)
{
    Suite *s = suite_create("units");
    TCase *tc = tcase_create("philox");
    tcase_add_loop_test(tc, test_philox_kat, 0, sizeof philox_kat / sizeof philox_kat[0]);
    tcase_add_test(tc, test_hit_exact);
    tcase_add_test(tc, test_pi_split_sum);
    tcase_add_test(tc, test_pi_mapping);
    tcase_add_test(tc, test_kernels_match_reference);
    suite_add_tcase(s, tc);
    tc = tcase_create("partition");
    tcase_add_test(tc, test_partition);
    tcase_add_test(tc, test_guided_chunks);
    suite_add_tcase(s, tc);
    tc = tcase_create("numparse");
    tcase_add_loop_test(tc, test_numparse_table, 0, sizeof parse_table / sizeof parse_table[0]);
    tcase_add_test(tc, test_numparse_limits);
    suite_add_tcase(s, tc);
    tc = tcase_create("primes");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_primes_small);
    tcase_add_test(tc, test_primes_pseudoprimes);
    tcase_add_test(tc, test_primes_near_2_64);
    tcase_add_test(tc, test_sieve_top);
    tcase_add_test(tc, test_primes_methods_agree);
    tcase_add_test(tc, test_primelist_bytes);
    tcase_add_test(tc, test_powersum_pow);
    tcase_add_test(tc, test_powersum_bound);
    suite_add_tcase(s, tc);
    tc = tcase_create("sweep");
    tcase_add_test(tc, test_sweep_sizes);
    tcase_add_test(tc, test_sweep_arithmetic);
    suite_add_tcase(s, tc);
    tc = tcase_create("checkpoint");
    tcase_add_loop_test(tc, test_intervals_merge_any_order, 0, 5);
    tcase_add_test(tc, test_intervals_complement_locate);
    tcase_add_test(tc, test_intervals_million_gaps);
    tcase_add_test(tc, test_tally_possible);
    tcase_add_test(tc, test_report_not_finite);
    tcase_add_test(tc, test_safefile);
    tcase_add_test(tc, test_crc32_check_value);
    tcase_add_test(tc, test_checkpoint_round_trip_and_damage);
    tcase_add_test(tc, test_checkpoint_foreign_and_inconsistent);
    suite_add_tcase(s, tc);

    tc = tcase_create("stats");
    tcase_add_test(tc, test_stats);
    suite_add_tcase(s, tc);
    tc = tcase_create("report");
    tcase_add_test(tc, test_report_csv);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(units_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
