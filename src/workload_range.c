/* workload_range.c - the range [A, B) that the primes and powersum workloads share. */
#include "config.h"
#include "workload_range.h"
#include "numparse.h"

int workload_range_settle(cli_options *o, const unsigned char *given, uint64_t default_to, char *err,
                          size_t errlen)
{
    if (!given[CLI_OPT_TO])
        o->to = default_to;
    char a[48], b[48];
    if (o->from > o->to)
        return cli_fail(err, errlen, "invalid range: --from %s is greater than --to %s",
                        numparse_u128_str(o->from, a), numparse_u128_str(o->to, b));
    if (o->to - o->from > UINT64_MAX)
        return cli_fail(err, errlen, "invalid range [%s, %s): at most 2^64 - 1 numbers (use --from 1 or a smaller --to)",
                        numparse_u128_str(o->from, a), numparse_u128_str(o->to, b));
    return MCPI_OK;
}

uint64_t workload_range_count(const cli_options *o)
{
    return (uint64_t)(o->to - o->from);
}

int workload_range_scale(cli_options *o, uint64_t factor)
{
    unsigned __int128 total = (unsigned __int128)workload_range_count(o) * factor;
    if (total > UINT64_MAX || total > ((unsigned __int128)1 << 64) - o->from)
        return MCPI_ERR_USAGE;
    o->to = o->from + total;
    return MCPI_OK;
}

void workload_range_report(report *r, const char *name, const cli_options *o)
{
    char from[48], to[48];
    numparse_u128_str(o->from, from);
    numparse_u128_str(o->to, to);
    report_add(r, "workload", NULL, REPORT_STRING, "%s", name);
    report_add(r, "from", NULL, REPORT_NUMBER, "%s", from);
    report_add(r, "to", NULL, REPORT_NUMBER, "%s", to);
    report_add(r, NULL, "range", REPORT_STRING, "[%s, %s)", from, to);
}
