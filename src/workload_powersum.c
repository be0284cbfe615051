/* workload_powersum.c - the powersum workload's descriptor: the range and --power, the refusal of
 * hopeless sums before the run and of an overflowed sum after it. */
#include "config.h"
#include "workload.h"
#include "workload_range.h"
#include "numparse.h"
#include "powersum.h"

#define POWERSUM_DEFAULT_TO 1000000000 /* [0, 1e9) */
#define POWERSUM_DEFAULT_POWER 2

static const workload_option powersum_options[] = {
    WORKLOAD_RANGE_OPTIONS(WORKLOAD_STR(POWERSUM_DEFAULT_TO)),
    {CLI_OPT_POWER, WORKLOAD_STR(POWERSUM_DEFAULT_POWER)},
    {0, NULL},
};

static int powersum_settle(cli_options *o, const unsigned char *given, char *err, size_t errlen)
{
    if (!given[CLI_OPT_POWER])
        o->power = POWERSUM_DEFAULT_POWER;
    const char *hint = o->power > 0 ? "0^P is 0: use --from 1" : "every k^0 is 1: the sum of 2^64 of them is 2^64";
    return workload_range_settle(o, given, POWERSUM_DEFAULT_TO, hint, err, errlen);
}

static mcpi_workload powersum_make(const cli_options *o, workload_params *p)
{
    _Static_assert(sizeof(powersum_params) <= sizeof(workload_params), "powersum_params fits");
    powersum_params *params = (powersum_params *)p;
    *params = (powersum_params){.from = o->from, .power = o->power};
    return powersum_workload(params);
}

/* Rank 0's one line for a power sum past 2^128 - 1; returns MCPI_ERR_USAGE. */
static int powersum_overflow(const cli_options *o)
{
    char from[48], to[48];
    fprintf(stderr, "mcpi: the sum of k^%llu for k in [%s, %s) exceeds 2^128 - 1; use a shorter range or a smaller power\n",
            (unsigned long long)o->power, numparse_u128_str(o->from, from), numparse_u128_str(o->to, to));
    return MCPI_ERR_USAGE;
}

/* Hopeless sums are refused at once; every rank computes the same bound. */
static int powersum_check(const cli_options *o, MPI_Comm comm)
{
    int rank = 0;
    if (!powersum_surely_overflows(o->from, o->to, o->power))
        return MCPI_OK;
    if (MPI_Comm_rank(comm, &rank) == MPI_SUCCESS && rank == 0)
        powersum_overflow(o);
    return MCPI_ERR_USAGE;
}

static void powersum_identity(const cli_options *o, char *buf, size_t len)
{
    char from[48], to[48];
    snprintf(buf, len, "powersum from=%s to=%s power=%llu", numparse_u128_str(o->from, from),
             numparse_u128_str(o->to, to), (unsigned long long)o->power);
}

static int powersum_judge(const cli_options *o, const mcpi_result *res)
{
    return res->tally[POWERSUM_TALLY_OVERFLOW] ? powersum_overflow(o) : MCPI_OK;
}

static void powersum_report(report *r, const cli_options *o, const mcpi_result *res, double list_s)
{
    (void)list_s;
    char sum[48];
    numparse_u128_str(powersum_tally_sum(res->tally), sum);
    workload_range_report(r, "powersum", o);
    report_add(r, "power", "power", REPORT_NUMBER, "%llu", (unsigned long long)o->power);
    r->primary = report_add(r, "sum", "sum", REPORT_STRING, "%s", sum);
}

const workload_desc workload_powersum = {
    .name = "powersum",
    .title = "mcpi: exact power sum",
    .summary = "exact sum of k^P for k in [A, B)",
    .about = "Exact sum of k^P for k in [A, B).",
    .items = "numbers",
    .options = powersum_options,
    .settle = powersum_settle,
    .count = workload_range_count,
    .scale = workload_range_scale,
    .make = powersum_make,
    .check = powersum_check,
    .identity = powersum_identity,
    .tally_possible = powersum_tally_possible,
    .judge = powersum_judge,
    .report = powersum_report,
};
