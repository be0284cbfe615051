/* check_primelist.c - unit tests of primelist.c: the size of a list of primes, counted without writing it. */
#include "config.h"

#include <check.h>
#include <stdint.h>
#include <stdio.h>

#include "check_main.h"
#include "primelist.h"
#include "primes.h"

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

CHECK_MAIN("primelist", test_primelist_bytes)
