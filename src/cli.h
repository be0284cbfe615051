/* cli.h - the command line: workload, its parameters, schedule and output format. */
#ifndef MCPI_CLI_H
#define MCPI_CLI_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include "mcpi.h"

#define CLI_DEFAULT_SAMPLES 250000000ULL /* about a second on two cores */
#define CLI_DEFAULT_SEED 314159265ULL

typedef enum cli_action { CLI_RUN, CLI_HELP, CLI_VERSION } cli_action;
typedef enum cli_workload { CLI_PI } cli_workload;
typedef enum cli_format { CLI_TEXT, CLI_JSON, CLI_CSV } cli_format;

/* Everything the command line decides. */
typedef struct cli_options {
    cli_action action;
    cli_workload workload;
    uint64_t samples;       /* pi: N */
    uint64_t seed;          /* pi: Philox key */
    cli_format format;
    int quiet;              /* text: print only the result */
    mcpi_schedule schedule;
} cli_options;

/* Parses argv into *o. On bad input returns MCPI_ERR_USAGE with a one-line message
 * (starting "mcpi: ", no newline) in err; otherwise MCPI_OK. Does no I/O. */
int cli_parse(int argc, char **argv, cli_options *o, char *err, size_t errlen);

/* Prints the --help text. */
void cli_usage(FILE *out);

/* Name of a workload as typed on the command line. */
const char *cli_workload_name(cli_workload w);

#endif
