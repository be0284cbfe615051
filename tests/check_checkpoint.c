/* check_checkpoint.c - unit tests of checkpoint.c: the file format read back, damage and
 * foreign files refused. */
#include "config.h"

#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "check_main.h"
#include "checkpoint.h"
#include "intervals.h"

/* Fills *st with a primes run's state: two done pieces, tally words 41, 2^64 - 1 and 0. */
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
    /* Valid checksums over bad contents: the checksum line is computed here for each text, with
     * zlib's standard CRC-32, so the good text's acceptance below pins the format's checksum. */
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

CHECK_MAIN("checkpoint", test_checkpoint_round_trip_and_damage, test_checkpoint_foreign_and_inconsistent)
