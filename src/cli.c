/* cli.c - option parsing with getopt_long; every rank parses the same argv and so
 * reaches the same decision without communicating. */
#include "config.h"
#include "cli.h"
#include "numparse.h"

#include <getopt.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

enum cli_opt {
    OPT_SAMPLES = 'n',
    OPT_SEED = 's',
    OPT_QUIET = 'q',
    OPT_HELP = 'h',
    OPT_VERSION = 'V',
    OPT_FORMAT = 256,
    OPT_LAST
};

static const struct option cli_long_options[] = {
    {"samples", required_argument, NULL, OPT_SAMPLES},
    {"seed", required_argument, NULL, OPT_SEED},
    {"format", required_argument, NULL, OPT_FORMAT},
    {"quiet", no_argument, NULL, OPT_QUIET},
    {"help", no_argument, NULL, OPT_HELP},
    {"version", no_argument, NULL, OPT_VERSION},
    {NULL, 0, NULL, 0},
};

static const char *cli_workload_names[] = {"pi"};

const char *cli_workload_name(cli_workload w)
{
    return cli_workload_names[w];
}

void cli_usage(FILE *out)
{
    fprintf(out,
            "Usage: mcpi [pi] [OPTIONS]\n"
            "Exact, reproducible MPI workloads: estimate pi by Monte Carlo sampling.\n"
            "Run it under mpirun or srun; rank 0 splits the work, every rank computes,\n"
            "MPI_Reduce combines the integer counts, so results do not depend on the rank count.\n"
            "\n"
            "Workloads:\n"
            "  pi                    Monte Carlo estimate of pi (the default)\n"
            "\n"
            "Options:\n"
            "  -n, --samples N       number of random points (default %llu)\n"
            "  -s, --seed S          64-bit Philox key (default %llu)\n"
            "      --format F        text, json or csv (default text)\n"
            "  -q, --quiet           text format: print only the result\n"
            "  -h, --help            print this help and exit\n"
            "  -V, --version         print mcpi's and the MPI library's versions and exit\n"
            "\n"
            "Numbers are decimal integers or exact scientific notation (1e9, 2.5e10).\n"
            "\n"
            "Exit status: 0 success, 1 runtime failure, 2 bad command line or input,\n"
            "3 stopped after a checkpoint (resumable).\n"
            "\n"
            "Example: mpirun -np 4 mcpi -n 1e10 -s 42 --format json\n",
            (unsigned long long)CLI_DEFAULT_SAMPLES, (unsigned long long)CLI_DEFAULT_SEED);
}

static int cli_fail(char *err, size_t errlen, const char *fmt, ...)
{
    va_list ap;
    int n = snprintf(err, errlen, "mcpi: ");
    va_start(ap, fmt);
    if (n >= 0 && (size_t)n < errlen)
        vsnprintf(err + n, errlen - (size_t)n, fmt, ap);
    va_end(ap);
    return MCPI_ERR_USAGE;
}

/* Parses the value of --NAME into *out within [min, max]. */
static int cli_number(const char *name, const char *s, uint64_t min, uint64_t max, uint64_t *out,
                      char *err, size_t errlen)
{
    numparse_error e = numparse_u64_max(s, max, out);
    if (e == NUMPARSE_RANGE)
        return cli_fail(err, errlen, "invalid --%s '%s': must be at most %llu", name, s,
                        (unsigned long long)max);
    if (e != NUMPARSE_OK)
        return cli_fail(err, errlen, "invalid --%s '%s': %s", name, s, numparse_reason(e));
    if (*out < min)
        return cli_fail(err, errlen, "invalid --%s '%s': must be at least %llu", name, s,
                        (unsigned long long)min);
    return MCPI_OK;
}

static const char *cli_long_name(int code)
{
    for (const struct option *o = cli_long_options; o->name != NULL; o++)
        if (o->val == code)
            return o->name;
    return "?";
}

int cli_parse(int argc, char **argv, cli_options *o, char *err, size_t errlen)
{
    memset(o, 0, sizeof *o);
    o->action = CLI_RUN;
    o->workload = CLI_PI;
    o->samples = CLI_DEFAULT_SAMPLES;
    o->seed = CLI_DEFAULT_SEED;
    o->format = CLI_TEXT;
    o->schedule.kind = MCPI_SCHED_STATIC;
    err[0] = '\0';

    /* getopt_long permutes argv: work on a copy so the caller's argv stays as it was. */
    char **args = malloc(((size_t)argc + 1) * sizeof *args);
    if (args == NULL)
        return cli_fail(err, errlen, "out of memory");
    memcpy(args, argv, (size_t)argc * sizeof *args);
    args[argc] = NULL;

    int rc = MCPI_OK;
    unsigned char seen[OPT_LAST] = {0};
    opterr = 0;
    optind = 0; /* glibc: a full re-initialisation, so mcpi_run can be called again */
    int c;
    while (rc == MCPI_OK && (c = getopt_long(argc, args, ":n:s:qhV", cli_long_options, NULL)) != -1) {
        if (c == '?') {
            if (optopt != 0)
                rc = cli_fail(err, errlen, "unknown option '-%c' (see mcpi --help)", optopt);
            else
                rc = cli_fail(err, errlen, "unknown option '%s' (see mcpi --help)", args[optind - 1]);
            break;
        }
        if (c == ':') { /* the option as typed: "-n", "--samples" */
            rc = cli_fail(err, errlen, "option '%s' needs a value", args[optind - 1]);
            break;
        }
        if (seen[c]++) {
            rc = cli_fail(err, errlen, "option '--%s' given more than once", cli_long_name(c));
            break;
        }
        switch (c) {
        case OPT_SAMPLES:
            rc = cli_number("samples", optarg, 1, UINT64_MAX, &o->samples, err, errlen);
            break;
        case OPT_SEED:
            rc = cli_number("seed", optarg, 0, UINT64_MAX, &o->seed, err, errlen);
            break;
        case OPT_FORMAT:
            if (strcmp(optarg, "text") == 0)
                o->format = CLI_TEXT;
            else if (strcmp(optarg, "json") == 0)
                o->format = CLI_JSON;
            else if (strcmp(optarg, "csv") == 0)
                o->format = CLI_CSV;
            else
                rc = cli_fail(err, errlen, "invalid --format '%s': expected text, json or csv", optarg);
            break;
        case OPT_QUIET:
            o->quiet = 1;
            break;
        case OPT_HELP:
            o->action = CLI_HELP;
            break;
        case OPT_VERSION:
            o->action = CLI_VERSION;
            break;
        }
    }
    /* Positional arguments: at most one, the workload. */
    if (rc == MCPI_OK && optind < argc) {
        const char *name = args[optind];
        size_t i, n = sizeof cli_workload_names / sizeof cli_workload_names[0];
        for (i = 0; i < n && strcmp(name, cli_workload_names[i]) != 0; i++)
            ;
        if (i == n)
            rc = cli_fail(err, errlen, "unknown workload '%s' (expected pi)", name);
        else
            o->workload = (cli_workload)i;
        if (rc == MCPI_OK && optind + 1 < argc)
            rc = cli_fail(err, errlen, "unexpected argument '%s'", args[optind + 1]);
    }
    free(args);
    return rc;
}
