/* check_intervals.c - unit tests of intervals.c: merging in any order, overlaps refused,
 * the complement and positions in it, and a million gaps filled. */
#include "config.h"

#include <check.h>
#include <stdint.h>

#include "check_main.h"
#include "intervals.h"

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

CHECK_MAIN_LOOP("intervals", test_intervals_merge_any_order, 5, test_intervals_complement_locate,
                test_intervals_million_gaps)
