/* workload_range.h - what the workloads over a range [A, B) of numbers share: --from and --to,
 * their check, N = B - A, weak scaling, and the report fields of the range. */
#ifndef MCPI_WORKLOAD_RANGE_H
#define MCPI_WORKLOAD_RANGE_H

#include "workload.h"

/* The --help entries of --from and --to, given B's default as a decimal string (a literal). */
#define WORKLOAD_RANGE_OPTIONS(to_default) {CLI_OPT_FROM, "0"}, {CLI_OPT_TO, to_default}

/* Sets B to default_to unless --to was given, then checks A <= B and B - A < 2^64: MCPI_OK, or
 * MCPI_ERR_USAGE with a message in err; a range of 2^64 numbers is refused with the hint in parentheses (how
 * to ask the workload's question in 2^64 - 1 numbers). */
int workload_range_settle(cli_options *o, const unsigned char *given, uint64_t default_to, const char *hint,
                          char *err, size_t errlen);

/* N = B - A (a settled range). */
uint64_t workload_range_count(const cli_options *o);

/* B = A + factor (B - A), factor >= 1: MCPI_OK, or MCPI_ERR_USAGE (o unchanged) past 2^64. */
int workload_range_scale(cli_options *o, uint64_t factor);

/* Adds the fields workload (the name), from, to and the text line range. */
void workload_range_report(report *r, const char *name, const cli_options *o);

#endif
