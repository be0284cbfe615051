/* workload_primes.c - the primes workload's descriptor: the range, --method and --list, the count
 * and the smallest and largest primes. */
#include "config.h"
#include "workload.h"
#include "workload_range.h"
#include "numparse.h"
#include "primes.h"

#include <stdlib.h>

#define PRIMES_DEFAULT_TO 10000000000 /* [0, 1e10): about a second on two cores */

static const workload_option primes_options[] = {
    WORKLOAD_RANGE_OPTIONS(WORKLOAD_STR(PRIMES_DEFAULT_TO)),
    {CLI_OPT_METHOD, NULL},
    {CLI_OPT_LIST, NULL},
    {0, NULL},
};

static int primes_settle(cli_options *o, const unsigned char *given, char *err, size_t errlen)
{
    return workload_range_settle(o, given, PRIMES_DEFAULT_TO, "0 is not prime: use --from 1", err, errlen);
}

static mcpi_workload primes_make(const cli_options *o, workload_params *p)
{
    _Static_assert(sizeof(primes_params) <= sizeof(workload_params), "primes_params fits");
    primes_params *params = (primes_params *)p;
    *params = (primes_params){.from = o->from, .method = (primes_method)o->method};
    return primes_workload(params);
}

static void primes_identity(const cli_options *o, char *buf, size_t len)
{
    char from[48], to[48];
    snprintf(buf, len, "primes from=%s to=%s method=%s", numparse_u128_str(o->from, from),
             numparse_u128_str(o->to, to), primes_method_name((primes_method)o->method));
}

static void primes_report(report *r, const cli_options *o, const mcpi_result *res, double list_s)
{
    const uint64_t *t = res->tally;
    workload_range_report(r, "primes", o);
    report_add(r, "method", "method", REPORT_STRING, "%s", primes_method_name((primes_method)o->method));
    r->primary = report_add(r, "count", "primes", REPORT_NUMBER, "%llu", (unsigned long long)t[PRIMES_TALLY_COUNT]);
    report_add_numbers(r, "first", "first", t + PRIMES_TALLY_FIRST, PRIMES_SHOWN, UINT64_MAX);
    report_add_numbers(r, "last", "last", t + PRIMES_TALLY_LAST, PRIMES_SHOWN, 0);
    if (o->list != NULL) {
        report_add(r, "list", "list", REPORT_STRING, "%s", o->list);
        report_add(r, "list_s", NULL, REPORT_NUMBER, "%.6f", list_s);
        report_add(r, NULL, "list written in", REPORT_STRING, "%.3f s", list_s);
    } else {
        report_add_absent(r, "list");
        report_add_absent(r, "list_s");
    }
}

const workload_desc workload_primes = {
    .name = "primes",
    .title = "mcpi: primes in a range",
    .summary = "count the primes in [A, B)",
    .about = "Count the primes in [A, B).",
    .items = "numbers",
    .options = primes_options,
    .settle = primes_settle,
    .count = workload_range_count,
    .scale = workload_range_scale,
    .make = primes_make,
    .check = NULL,
    .identity = primes_identity,
    .tally_possible = primes_tally_possible,
    .judge = NULL,
    .report = primes_report,
};
