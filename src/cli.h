/* cli.h - the command line: workload, its parameters, schedule and output format. */
#ifndef MCPI_CLI_H
#define MCPI_CLI_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include "mcpi.h"
#include "report.h"
#include "resume.h"
#include "sweep.h"

#define CLI_DEFAULT_REPEAT 3

typedef enum cli_action { CLI_RUN, CLI_HELP, CLI_VERSION } cli_action;
typedef enum cli_progress { CLI_PROGRESS_AUTO, CLI_PROGRESS_ON, CLI_PROGRESS_OFF } cli_progress;

/* The options, by getopt_long code. The workload options (samples, seed, from, to, power, method,
 * list, kernel) apply to the workloads whose descriptor lists them; the others apply to every one. */
typedef enum cli_opt {
    CLI_OPT_SAMPLES = 'n',
    CLI_OPT_SEED = 's',
    CLI_OPT_QUIET = 'q',
    CLI_OPT_HELP = 'h',
    CLI_OPT_VERSION = 'V',
    CLI_OPT_FROM = 256,
    CLI_OPT_TO,
    CLI_OPT_POWER,
    CLI_OPT_METHOD,
    CLI_OPT_LIST,
    CLI_OPT_KERNEL,
    CLI_OPT_FORMAT,
    CLI_OPT_SCHEDULE,
    CLI_OPT_SWEEP,
    CLI_OPT_REPEAT,
    CLI_OPT_CHECKPOINT,
    CLI_OPT_CHECKPOINT_EVERY,
    CLI_OPT_PROGRESS,
    CLI_OPT_NO_PROGRESS,
    CLI_OPT_NO_HEADER,
    CLI_OPT_LAST
} cli_opt;

/* Everything the command line decides. */
typedef struct cli_options {
    cli_action action;
    int workload;           /* index in the workload table (workload.h) */
    uint64_t samples;       /* pi: N */
    uint64_t seed;          /* pi: Philox key */
    int kernel;             /* pi: a pi_kernel_id (--kernel, else $MCPI_KERNEL, else auto); -1 for an
                             * invalid $MCPI_KERNEL, which the workload's check refuses on every rank */
    uint64_t from;          /* primes, powersum: A of [A, B) */
    unsigned __int128 to;   /* primes, powersum: B of [A, B), up to 2^64 */
    uint64_t power;         /* powersum: P */
    int method;             /* primes: a primes_method */
    const char *list;       /* primes: file for every prime, or NULL */
    report_format format;
    int quiet;              /* text: print only the result */
    int no_header;          /* csv: leave out the header line (--no-header) */
    int help_workload;      /* --help after a workload name: that workload's index; else -1 */
    int sweep;              /* a sweep_kind: SWEEP_NONE for a single run */
    uint64_t repeat;        /* sweep: runs per point */
    const char *checkpoint; /* --checkpoint FILE, or NULL */
    uint64_t checkpoint_every; /* seconds between checkpoints */
    int progress;           /* a cli_progress */
    mcpi_schedule schedule;
} cli_options;

/* Parses argv into *o. On bad input returns MCPI_ERR_USAGE with a one-line message
 * (starting "mcpi: ", no newline) in err; otherwise MCPI_OK. Does no I/O. */
int cli_parse(int argc, char **argv, cli_options *o, char *err, size_t errlen);

/* Prints the --help text: the general one for workload -1, else that workload's options. */
void cli_usage(FILE *out, int workload);

/* Name of workload o->workload as typed on the command line. */
const char *cli_workload_name(const cli_options *o);

/* Size N of the index space [0, N) that a run of the options o (from cli_parse) covers. */
uint64_t cli_items(const cli_options *o);

/* Writes "mcpi: " and the printf-formatted message into err (control characters made '?', so the
 * message stays one line); returns MCPI_ERR_USAGE. */
int cli_fail(char *err, size_t errlen, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* Name of a schedule kind ("static", "dynamic", "guided"). */
const char *cli_schedule_name(mcpi_sched_kind k);

/* Name of a sweep kind as --sweep takes it ("strong", "weak"; NULL for SWEEP_NONE). */
const char *cli_sweep_name(sweep_kind k);

#endif
