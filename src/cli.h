/* cli.h - the command line: workload, its parameters, schedule and output format. */
#ifndef MCPI_CLI_H
#define MCPI_CLI_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include "mcpi.h"
#include "pi_kernel.h"
#include "primes.h"
#include "resume.h"
#include "sweep.h"

#define CLI_DEFAULT_SAMPLES 1000000000ULL /* about a second on two cores */
#define CLI_DEFAULT_SEED 314159265ULL
#define CLI_DEFAULT_PRIMES_TO 10000000000ULL  /* [0, 1e10): about a second on two cores */
#define CLI_DEFAULT_POWERSUM_TO 1000000000ULL /* [0, 1e9) */
#define CLI_DEFAULT_POWER 2
#define CLI_DEFAULT_REPEAT 3

typedef enum cli_action { CLI_RUN, CLI_HELP, CLI_VERSION } cli_action;
typedef enum cli_workload { CLI_PI, CLI_PRIMES, CLI_POWERSUM, CLI_WORKLOADS } cli_workload;
typedef enum cli_format { CLI_TEXT, CLI_JSON, CLI_CSV } cli_format;
typedef enum cli_progress { CLI_PROGRESS_AUTO, CLI_PROGRESS_ON, CLI_PROGRESS_OFF } cli_progress;

/* Everything the command line decides. */
typedef struct cli_options {
    cli_action action;
    cli_workload workload;
    uint64_t samples;       /* pi: N */
    uint64_t seed;          /* pi: Philox key */
    int kernel;             /* pi: a pi_kernel_id (--kernel, else $MCPI_KERNEL, else auto) */
    uint64_t from;          /* primes, powersum: A of [A, B) */
    unsigned __int128 to;   /* primes, powersum: B of [A, B), up to 2^64 */
    uint64_t power;         /* powersum: P */
    int method;             /* primes: a primes_method */
    const char *list;       /* primes: file for every prime, or NULL */
    cli_format format;
    int quiet;              /* text: print only the result */
    int no_header;          /* csv: leave out the header line (--no-header) */
    int help_workload;      /* --help after a workload name: that workload (a cli_workload); else -1 */
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

/* Name of a workload as typed on the command line. */
const char *cli_workload_name(cli_workload w);

/* Size of the index space a run covers: samples, or the length of the range. */
uint64_t cli_items(const cli_options *o);

/* Parses a schedule "static", "dynamic[:CHUNK]" or "guided[:MINCHUNK]"; MCPI_OK or MCPI_ERR_USAGE with err set. */
int cli_parse_schedule(const char *text, mcpi_schedule *s, char *err, size_t errlen);

/* Name of a schedule kind ("static", "dynamic", "guided"). */
const char *cli_schedule_name(mcpi_sched_kind k);

#endif
