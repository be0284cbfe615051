/* fuzz_checkpoint.c - libFuzzer target for the checkpoint reader. Each input is read twice: as it
 * is (so the checksum guards the parser), and with a correct checksum line appended (so mutations
 * reach the parser behind it). The reader never crashes or reads past the bytes; whatever it accepts
 * is consistent (sorted, disjoint intervals inside [0, items)) and writes back to the same bytes.
 * Whatever it accepts then goes through the workload's check by meaning (chosen by the run line, as
 * resume.c does): the check never crashes, says why in one line when it refuses, and what it
 * passes keeps the promises the report relies on (pi: hits <= samples done, so a finite estimate;
 * primes: count <= numbers done, shown primes inside the done part; powersum: flag 0 or 1). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include <math.h>

#include "checkpoint.h"
#include "pi.h"
#include "powersum.h"
#include "primes.h"
#include "stats.h"

/* The number after "key=" in the run line, or 0. */
static uint64_t fuzz_param(const char *run, const char *key)
{
    const char *p = strstr(run, key);
    return p != NULL ? strtoull(p + strlen(key), NULL, 10) : 0;
}

/* The workload's check by meaning, as resume.c applies it after loading. */
static void fuzz_meaning(checkpoint_state *st)
{
    char why[200] = "";
    uint64_t total = intervals_total(&st->done);
    if (strncmp(st->run, "pi ", 3) == 0 && st->tally_words == 1) {
        if (pi_tally_possible(st->tally, &st->done, NULL, why, sizeof why)) {
            if (st->tally[0] > total)
                abort();
            stats_estimate e = stats_binomial(st->tally[0], st->items ? st->items : 1, 4.0);
            if (!isfinite(e.estimate) || !isfinite(e.stderr_))
                abort(); /* never nan or inf in a report */
        }
    } else if (strncmp(st->run, "primes ", 7) == 0 && st->tally_words == PRIMES_TALLY_WORDS) {
        primes_params pp = {.from = fuzz_param(st->run, "from="), .method = PRIMES_MR};
        if (primes_tally_possible(st->tally, &st->done, &pp, why, sizeof why)) {
            if (st->tally[PRIMES_TALLY_COUNT] > total)
                abort();
            for (int i = 0; i < PRIMES_SHOWN; i++) {
                uint64_t p = st->tally[PRIMES_TALLY_FIRST + i];
                if (p != UINT64_MAX && (p < pp.from || !intervals_contains(&st->done, p - pp.from)))
                    abort();
            }
        }
    } else if (strncmp(st->run, "powersum ", 9) == 0 && st->tally_words == POWERSUM_TALLY_WORDS) {
        powersum_params ps = {.from = fuzz_param(st->run, "from="), .power = fuzz_param(st->run, "power=")};
        if (ps.power > 64)
            ps.power = 64; /* keeps the bound's loop short; any power is checked the same way */
        if (powersum_tally_possible(st->tally, &st->done, &ps, why, sizeof why) && st->tally[POWERSUM_TALLY_OVERFLOW] > 1)
            abort();
    } else {
        return;
    }
    if (memchr(why, '\n', strnlen(why, sizeof why)) != NULL)
        abort(); /* the reason goes into a one-line message */
}

static void fuzz_read(const char *buf, size_t len)
{
    checkpoint_state st;
    char why[200];
    memset(&st, 0, sizeof st);
    intervals_init(&st.done);
    int rc = checkpoint_parse(buf, len, &st, why, sizeof why);
    if (rc == CHECKPOINT_OK) {
        uint64_t last = 0;
        for (size_t i = 0; i < st.done.n; i++) {
            if (st.done.v[2 * i] >= st.done.v[2 * i + 1] || st.done.v[2 * i + 1] > st.items ||
                (i > 0 && st.done.v[2 * i] <= last))
                abort();
            last = st.done.v[2 * i + 1];
        }
        if (st.tally_words < 1 || st.tally_words > MCPI_TALLY_MAX || strlen(st.run) >= CHECKPOINT_RUN_MAX)
            abort();
        char *again;
        size_t again_len;
        if (checkpoint_format(&st, &again, &again_len) != MCPI_OK)
            abort();
        if (again_len != len || memcmp(again, buf, len) != 0) /* one spelling per state */
            abort();
        free(again);
        fuzz_meaning(&st);
    } else if (rc != CHECKPOINT_FOREIGN && rc != CHECKPOINT_CORRUPT) {
        abort();
    } else if (memchr(why, '\n', strnlen(why, sizeof why)) != NULL) {
        abort(); /* the reason goes into a one-line message */
    }
    intervals_free(&st.done);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_read((const char *)data, size);
    char *sealed = malloc(size + 16);
    if (sealed == NULL)
        return 0;
    memcpy(sealed, data, size);
    int n = snprintf(sealed + size, 16, "crc32 %08lx\n", crc32(0L, data, (uInt)size));
    fuzz_read(sealed, size + (size_t)n);
    free(sealed);
    return 0;
}
