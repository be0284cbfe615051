/* ln2.c - a user-defined mcpi workload: Monte Carlo estimate of ln 2 = integral of 1/(1+u) on [0, 1].
 *
 * A point (u, v) of the unit square is a hit when v < 1/(1+u), i.e. (1 + u) v < 1; the fraction of
 * hits tends to ln 2. Words (a, b) of Philox4x32-10 give u = (a+1/2)/2^32 and v = (b+1/2)/2^32, so
 * the test is (2^33 + 2a + 1)(2b + 1) < 2^66, exact in integers: the hit count is the same on any
 * number of ranks and any schedule. The engine does the partitioning, scheduling, reduction and
 * timing; this file only says what one chunk of samples contributes.
 *
 * Build: mpicc ln2.c -lmcpi -lprimesieve -lm   Run: mpirun -np 4 ./ln2 [SAMPLES] [SEED]
 * SAMPLES (default 1e7, at least 1) and SEED (default 1) are whole numbers written as for mcpi:
 * digits, optionally with an exponent (1e8); anything else is refused with one line and status 2.
 *
 * Recipe: making this a workload of the mcpi program itself (mcpi ln2 -n 1e9 --format csv, with
 * checkpoints, progress, sweeps and every report format for free). The program's workloads are one
 * table of descriptors (src/workload.h, one line of contract per member); adding one touches:
 *   1. a new file src/workload_ln2.c: ln2_hit and ln2_map from here, and
 *        static const workload_option ln2_options[] = {{CLI_OPT_SAMPLES, "10000000"},
 *                                                      {CLI_OPT_SEED, "1"}, {0, NULL}};
 *        const workload_desc workload_ln2 = {.name = "ln2", .title = "mcpi: Monte Carlo estimate of ln 2",
 *            .summary = ..., .about = ..., .items = "samples", .options = ln2_options,
 *            .settle = (defaults of -n and -s when not given), .count = (o->samples),
 *            .scale = (samples times the factor, refused past 2^64), .make = (this file's
 *            mcpi_workload, its ln2_params stored in the workload_params it is given),
 *            .identity = ("ln2 samples=N seed=S", the result-defining parameters),
 *            .report = (report_add of workload, estimate as r->primary, stderr, samples, hits, seed:
 *            the same keys on every run, report_add_absent for one that does not apply)};
 *      check, tally_possible and judge may stay NULL (pi's tally_possible, hits <= samples done,
 *      is a good one to copy);
 *   2. src/workload.c: workload_ln2 in the extern line and &workload_ln2 in the table;
 *   3. Makefile.am: src/workload_ln2.c in libmcpi_a_SOURCES;
 *   4. a shell test beside the others in tests/ (listed in SHELL_TESTS) whose known answer comes from
 *      an independent source.
 * --help, the "does not apply" checks, the CSV columns and the checkpoint all follow from the
 * descriptor. Measured with a scratch "divisors" workload (the sum of d(k) over [A, B) on --from and
 * --to, checked against OEIS A057494 on 1 to 4 ranks and every schedule): a 68-line file, 2 changed
 * lines in workload.c, 2 in Makefile.am, and an 11-line test. A workload that needs an option mcpi
 * does not have yet also adds it to src/cli.c (getopt table, value parser and help line).
 */
#include <mcpi.h>
#include <Random123/philox.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

typedef struct ln2_params {
    uint64_t seed;
} ln2_params;

static unsigned ln2_hit(uint32_t a, uint32_t b)
{
    unsigned __int128 x = ((unsigned __int128)1 << 33) + 2 * (unsigned __int128)a + 1;
    unsigned __int128 y = 2 * (unsigned __int128)b + 1;
    return x * y < ((unsigned __int128)1 << 66);
}

/* Sample i uses counter {i mod 2^32, i div 2^32, 0, 0} and output words r0, r1. */
static int ln2_map(uint64_t first, uint64_t count, uint64_t *tally, const void *ctx)
{
    const ln2_params *p = ctx;
    philox4x32_key_t key = {{(uint32_t)p->seed, (uint32_t)(p->seed >> 32)}};
    for (uint64_t i = first; i < first + count; i++) {
        philox4x32_ctr_t c = {{(uint32_t)i, (uint32_t)(i >> 32), 0, 0}};
        philox4x32_ctr_t r = philox4x32(c, key);
        tally[0] += ln2_hit(r.v[0], r.v[1]);
    }
    return MCPI_OK;
}

/* Parses a whole number "123" or "1e8" (digits, then optionally e and digits) into *out; 0 on
 * success, -1 for anything else: a sign, blanks, a fraction, or a value beyond 64 bits. */
static int ln2_number(const char *s, uint64_t *out)
{
    if (*s < '0' || *s > '9')
        return -1;
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno == ERANGE)
        return -1;
    if (*end == 'e' || *end == 'E') {
        const char *e = end + 1;
        if (*e < '0' || *e > '9')
            return -1;
        unsigned long exponent = strtoul(e, &end, 10);
        for (unsigned long i = 0; i < exponent && v != 0; i++) {
            if (v > UINT64_MAX / 10)
                return -1;
            v *= 10;
        }
    }
    if (*end != '\0')
        return -1;
    *out = v;
    return 0;
}

int main(int argc, char **argv)
{
    MPI_Init(&argc, &argv);
    int rank;
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    uint64_t samples = 10000000;
    ln2_params params = {.seed = 1};
    const char *bad = NULL, *what = "";
    if (argc > 3)
        bad = "unexpected argument", what = argv[3];
    else if (argc > 1 && (ln2_number(argv[1], &samples) != 0 || samples == 0))
        bad = "invalid SAMPLES", what = argv[1];
    else if (argc > 2 && ln2_number(argv[2], &params.seed) != 0)
        bad = "invalid SEED", what = argv[2];
    if (bad != NULL) { /* every rank parses the same arguments and stops alike; rank 0 says why */
        if (rank == 0)
            fprintf(stderr, "ln2: %s '%s' (usage: ln2 [SAMPLES] [SEED], whole numbers like 10000000 or 1e7; "
                            "SAMPLES at least 1)\n", bad, what);
        MPI_Finalize();
        return 2;
    }
    mcpi_workload w = {.name = "ln2", .tally_words = 1, .map = ln2_map, .ctx = &params};
    mcpi_schedule sched = {MCPI_SCHED_DYNAMIC, 0};
    mcpi_result res;
    int status = mcpi_engine_run(MPI_COMM_WORLD, &w, samples, &sched, &res);
    if (status == MCPI_OK && rank == 0) {
        double p = (double)res.tally[0] / (double)samples;
        printf("ln2 %.9f stderr %.3g hits %llu samples %llu ranks %d wall %.3f s imbalance %.2f%%\n", p,
               sqrt(p * (1 - p) / (double)samples), (unsigned long long)res.tally[0],
               (unsigned long long)samples, res.ranks, res.wall_s, 100 * mcpi_imbalance(&res));
    }
    MPI_Finalize();
    return status;
}
