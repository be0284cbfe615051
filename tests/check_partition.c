/* check_partition.c - unit tests of partition.c: static slices and guided chunk sizes. */
#include "config.h"

#include <check.h>
#include <stdint.h>

#include "check_main.h"
#include "partition.h"

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

CHECK_MAIN("partition", test_partition, test_guided_chunks)
