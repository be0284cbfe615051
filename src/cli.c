/* cli.c - option parsing with getopt_long; every rank parses the same argv and so
 * reaches the same decision without communicating. */
#include "config.h"
#include "cli.h"
#include "numparse.h"
#include "pi_kernel.h"
#include "primes.h"
#include "workload.h"

#include <getopt.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

static const struct option cli_long_options[] = {
    {"samples", required_argument, NULL, CLI_OPT_SAMPLES},
    {"seed", required_argument, NULL, CLI_OPT_SEED},
    {"from", required_argument, NULL, CLI_OPT_FROM},
    {"to", required_argument, NULL, CLI_OPT_TO},
    {"power", required_argument, NULL, CLI_OPT_POWER},
    {"method", required_argument, NULL, CLI_OPT_METHOD},
    {"list", required_argument, NULL, CLI_OPT_LIST},
    {"schedule", required_argument, NULL, CLI_OPT_SCHEDULE},
    {"kernel", required_argument, NULL, CLI_OPT_KERNEL},
    {"sweep", required_argument, NULL, CLI_OPT_SWEEP},
    {"repeat", required_argument, NULL, CLI_OPT_REPEAT},
    {"checkpoint", required_argument, NULL, CLI_OPT_CHECKPOINT},
    {"checkpoint-every", required_argument, NULL, CLI_OPT_CHECKPOINT_EVERY},
    {"progress", no_argument, NULL, CLI_OPT_PROGRESS},
    {"no-progress", no_argument, NULL, CLI_OPT_NO_PROGRESS},
    {"format", required_argument, NULL, CLI_OPT_FORMAT},
    {"no-header", no_argument, NULL, CLI_OPT_NO_HEADER},
    {"quiet", no_argument, NULL, CLI_OPT_QUIET},
    {"help", no_argument, NULL, CLI_OPT_HELP},
    {"version", no_argument, NULL, CLI_OPT_VERSION},
    {NULL, 0, NULL, 0},
};

/* A week: longer is surely a typo (and seconds must fit the timers' doubles exactly). */
#define CLI_MAX_CHECKPOINT_EVERY 604800

const char *cli_workload_name(const cli_options *o)
{
    return workload_get(o->workload)->name;
}

const char *cli_schedule_name(mcpi_sched_kind k)
{
    return k == MCPI_SCHED_STATIC ? "static" : k == MCPI_SCHED_DYNAMIC ? "dynamic" : "guided";
}

uint64_t cli_items(const cli_options *o)
{
    return workload_get(o->workload)->count(o);
}

/* The --help lines of the workload options, in --help's order: the option as typed (padded to the
 * text's column) and its text. Each line starts with the names of the workloads that accept the
 * option and ends with their defaults (workload_option's shown_default). */
#define CLI_HELP_INDENT "                        "
static const struct {
    int opt;
    const char *head, *text;
} cli_workload_help[] = {
    {CLI_OPT_SAMPLES, "  -n, --samples N       ", "random points"},
    {CLI_OPT_SEED, "  -s, --seed S          ", "64-bit Philox key"},
    {CLI_OPT_KERNEL, "      --kernel K        ", "auto (default, or $MCPI_KERNEL), avx512, avx2,\n" CLI_HELP_INDENT
                                                 "portable or scalar (Random123's reference)"},
    {CLI_OPT_FROM, "      --from A          ", "first number of the range"},
    {CLI_OPT_TO, "      --to B            ", "end of the range, excluded, up to 2^64"},
    {CLI_OPT_METHOD, "      --method M        ", "sieve (libprimesieve, default), trial or mr"},
    {CLI_OPT_LIST, "      --list FILE       ", "write every prime of the range to FILE"},
    {CLI_OPT_POWER, "      --power P         ", "the exponent"},
};

/* The --help lines of the options every workload accepts; a line's printf argument is its default. */
static const char *const cli_common_help[] = {
    "      --schedule S      static (default), dynamic[:CHUNK] or guided[:MINCHUNK]\n",
    "      --sweep KIND      scaling study in one launch: strong (same work at every\n"
    "                        size) or weak (work per rank fixed: N or the range's\n"
    "                        length is per rank) on 1, 2, 4, ... ranks and all ranks\n",
    "      --repeat R        sweep: runs per point, reporting the median (default %d)\n",
    "      --checkpoint FILE\n"
    "                        save the finished part of the run to FILE every S seconds\n"
    "                        (--checkpoint-every) and on SIGTERM, SIGINT or SIGUSR1\n"
    "                        (then exit 3); if FILE exists, resume from it (any ranks,\n"
    "                        any schedule)\n",
    "      --checkpoint-every S  seconds between checkpoints (default %d)\n",
    "      --progress        show progress and ETA on stderr: one line redrawn in place\n"
    "                        on a terminal (also behind mpirun; MCPI_PROGRESS=1 forces\n"
    "                        it), else a line a second, or every 10 s into a file\n"
    "                        (default on a terminal; --no-progress: never)\n",
    "      --format F        text, json or csv (default text)\n",
    "      --no-header       csv: leave out the header line (to append runs to a file)\n",
    "  -q, --quiet           text format only: print only the result\n",
    "  -h, --help            print this help (after a workload: its options) and exit\n",
    "  -V, --version         print mcpi's and the MPI library's versions and exit\n",
};

/* The default workload option opt has in workload w, as --help shows it, or NULL. */
static const char *cli_shown_default(int w, int opt)
{
    for (const workload_option *p = workload_get(w)->options; p->opt != 0; p++)
        if (p->opt == opt)
            return p->shown_default;
    return NULL;
}

/* Prints the help line of workload option i: "pi: random points (default 1000000000)", or, when
 * the workloads that accept it differ in its default, the defaults on a line of their own. */
static void cli_workload_help_line(FILE *out, size_t i)
{
    int opt = cli_workload_help[i].opt, n = 0, same = 1;
    const char *first = NULL;
    fputs(cli_workload_help[i].head, out);
    for (int w = 0; w < workload_count(); w++) {
        if (!workload_accepts(w, opt))
            continue;
        fprintf(out, "%s%s", n++ ? ", " : "", workload_get(w)->name);
        const char *d = cli_shown_default(w, opt);
        if (first == NULL)
            first = d;
        else if (d == NULL || strcmp(d, first) != 0)
            same = 0;
    }
    fprintf(out, ": %s", cli_workload_help[i].text);
    if (first != NULL && same) {
        fprintf(out, " (default %s)", first);
    } else if (first != NULL) {
        fputs("\n" CLI_HELP_INDENT "(default ", out);
        for (int w = 0, k = 0; w < workload_count(); w++)
            if (workload_accepts(w, opt))
                fprintf(out, "%s%s for %s", k++ ? ", " : "", cli_shown_default(w, opt), workload_get(w)->name);
        fputc(')', out);
    }
    fputc('\n', out);
}

void cli_usage(FILE *out, int workload)
{
    if (workload < 0) {
        fprintf(out,
                "Usage: mcpi [WORKLOAD] [OPTIONS]\n"
                "Exact, reproducible MPI workloads: Monte Carlo pi, prime counting, power sums.\n"
                "Run it under mpirun or srun; the work is split into chunks of an index space,\n"
                "every rank computes, MPI_Reduce combines integer tallies, so results do not\n"
                "depend on the number of ranks or the schedule.\n"
                "\n"
                "Workloads (mcpi WORKLOAD --help shows a workload's options):\n");
        for (int w = 0; w < workload_count(); w++)
            fprintf(out, "  %-21s %s\n", workload_get(w)->name, workload_get(w)->summary);
        fprintf(out, "\nOptions:\n");
    } else {
        fprintf(out, "Usage: mcpi %s [OPTIONS]\n%s\n\nOptions:\n", workload_get(workload)->name,
                workload_get(workload)->about);
    }
    for (size_t i = 0; i < sizeof cli_workload_help / sizeof cli_workload_help[0]; i++) {
        int shown = 0;
        for (int w = 0; w < workload_count(); w++)
            shown |= (workload < 0 || w == workload) && workload_accepts(w, cli_workload_help[i].opt);
        if (shown)
            cli_workload_help_line(out, i);
    }
    for (size_t i = 0; i < sizeof cli_common_help / sizeof cli_common_help[0]; i++) {
        const char *text = cli_common_help[i];
        if (strstr(text, "%d") != NULL)
            fprintf(out, text, strstr(text, "--repeat") ? CLI_DEFAULT_REPEAT : RESUME_DEFAULT_EVERY_S);
        else
            fputs(text, out);
    }
    fprintf(out,
            "\n"
            "Numbers are decimal integers or exact scientific notation (1e9, 2.5e10).\n"
            "Long options may be shortened to any unambiguous prefix (--samp for --samples).\n"
            "\n"
            "Exit status: 0 success, 1 runtime failure, 2 bad command line or input,\n"
            "3 stopped after a checkpoint (resumable).\n");
    if (workload < 0)
        fprintf(out,
                "\n"
                "Examples:\n"
                "  mpirun -np 4 mcpi -n 1e10 -s 42 --format json\n"
                "  mpirun -np 4 mcpi primes --from 1e9 --to 2e9 --schedule dynamic\n"
                "  mpirun -np 4 mcpi powersum --from 1 --to 1e9 --power 3\n"
                "  mpirun -np 8 mcpi primes --to 1e10 --sweep strong --format csv\n"
                "  mpirun -np 4 mcpi -n 1e12 --checkpoint pi.ckpt --progress\n");
}

int cli_fail(char *err, size_t errlen, const char *fmt, ...)
{
    va_list ap;
    int n = snprintf(err, errlen, "mcpi: ");
    va_start(ap, fmt);
    if (n >= 0 && (size_t)n < errlen)
        vsnprintf(err + n, errlen - (size_t)n, fmt, ap);
    va_end(ap);
    /* The message quotes what the user typed: a newline or other control character in it
     * must not break the one-line promise (found by fuzz/fuzz_cli.c). */
    for (char *c = err; *c; c++)
        if ((unsigned char)*c < 0x20 || *c == 0x7f)
            *c = '?';
    return MCPI_ERR_USAGE;
}

/* Parses the value of --NAME into *out within [min, max]. */
static int cli_number(const char *name, const char *s, numparse_u128 min, numparse_u128 max,
                      numparse_u128 *out, char *err, size_t errlen)
{
    char buf[48];
    numparse_error e = numparse_u128_max(s, max, out);
    if (e == NUMPARSE_RANGE)
        return cli_fail(err, errlen, "invalid --%s '%s': must be at most %s", name, s, numparse_u128_str(max, buf));
    if (e != NUMPARSE_OK)
        return cli_fail(err, errlen, "invalid --%s '%s': %s", name, s, numparse_reason(e));
    if (*out < min)
        return cli_fail(err, errlen, "invalid --%s '%s': must be at least %s", name, s, numparse_u128_str(min, buf));
    return MCPI_OK;
}

static int cli_u64(const char *name, const char *s, uint64_t min, uint64_t *out, char *err, size_t errlen)
{
    numparse_u128 v = 0;
    int rc = cli_number(name, s, min, UINT64_MAX, &v, err, errlen);
    *out = (uint64_t)v;
    return rc;
}

/* Parses a schedule "static", "dynamic[:CHUNK]" or "guided[:MINCHUNK]"; MCPI_OK or MCPI_ERR_USAGE with err set. */
static int cli_parse_schedule(const char *text, mcpi_schedule *s, char *err, size_t errlen)
{
    static const mcpi_sched_kind kinds[] = {MCPI_SCHED_STATIC, MCPI_SCHED_DYNAMIC, MCPI_SCHED_GUIDED};
    const char *colon = strchr(text, ':');
    size_t name_len = colon ? (size_t)(colon - text) : strlen(text);
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
        const char *name = cli_schedule_name(kinds[i]);
        if (strlen(name) != name_len || strncmp(text, name, name_len) != 0)
            continue;
        s->kind = kinds[i];
        s->chunk = 0;
        if (colon == NULL)
            return MCPI_OK;
        if (kinds[i] == MCPI_SCHED_STATIC)
            return cli_fail(err, errlen, "invalid --schedule '%s': static takes no chunk size", text);
        numparse_u128 chunk;
        numparse_error e = numparse_u128_max(colon + 1, UINT64_MAX, &chunk);
        if (e != NUMPARSE_OK || chunk == 0)
            return cli_fail(err, errlen, "invalid --schedule '%s': the chunk size must be a whole number from 1 to %llu",
                            text, (unsigned long long)UINT64_MAX);
        s->chunk = (uint64_t)chunk;
        return MCPI_OK;
    }
    return cli_fail(err, errlen, "invalid --schedule '%s': expected static, dynamic[:CHUNK] or guided[:MINCHUNK]", text);
}

static const char *cli_long_name(int code)
{
    for (const struct option *o = cli_long_options; o->name != NULL; o++)
        if (o->val == code)
            return o->name;
    return "?";
}

/* The names of the values of --sweep and --format, by value (NULL: no name); --method's are
 * primes_method_name's. */
static const char *const cli_sweeps[] = {[SWEEP_NONE] = NULL, [SWEEP_STRONG] = "strong", [SWEEP_WEAK] = "weak"};
static const char *const cli_formats[] = {[REPORT_TEXT] = "text", [REPORT_JSON] = "json", [REPORT_CSV] = "csv"};
const char *cli_sweep_name(sweep_kind k)
{
    return cli_sweeps[k];
}

#define CLI_PICK(opt, arg, names, value) cli_pick(opt, arg, names, sizeof names / sizeof names[0], value, err, errlen)

/* Sets *value to the index of arg in names[0..n) (NULL entries name nothing) and returns MCPI_OK;
 * else a usage error listing the names ("invalid --OPT 'ARG': expected a, b or c"). */
static int cli_pick(const char *opt, const char *arg, const char *const *names, size_t n, int *value, char *err,
                    size_t errlen)
{
    char expected[128] = "";
    size_t listed = 0, named = 0;
    for (size_t i = 0; i < n; i++) {
        if (names[i] != NULL && strcmp(arg, names[i]) == 0) {
            *value = (int)i;
            return MCPI_OK;
        }
        named += names[i] != NULL;
    }
    for (size_t i = 0; i < n; i++) {
        if (names[i] == NULL)
            continue;
        const char *sep = listed == 0 ? "" : listed + 1 < named ? ", " : " or ";
        snprintf(expected + strlen(expected), sizeof expected - strlen(expected), "%s%s", sep, names[i]);
        listed++;
    }
    return cli_fail(err, errlen, "invalid --%s '%s': expected %s", opt, arg, expected);
}

/* Sets *file to arg, a file name for --OPT, which must not be empty. */
static int cli_file(const char *opt, const char *arg, const char **file, char *err, size_t errlen)
{
    if (*arg == '\0')
        return cli_fail(err, errlen, "invalid --%s '': needs a file name", opt);
    *file = arg;
    return MCPI_OK;
}

/* Handles one option and its value. */
static int cli_option(int c, const char *arg, cli_options *o, char *err, size_t errlen)
{
    numparse_u128 v;
    int rc = MCPI_OK, choice;
    const char *const cli_methods[] = {[PRIMES_SIEVE] = primes_method_name(PRIMES_SIEVE),
                                       [PRIMES_TRIAL] = primes_method_name(PRIMES_TRIAL),
                                       [PRIMES_MR] = primes_method_name(PRIMES_MR)};
    switch (c) {
    case CLI_OPT_SAMPLES:
        return cli_u64("samples", arg, 1, &o->samples, err, errlen);
    case CLI_OPT_SEED:
        return cli_u64("seed", arg, 0, &o->seed, err, errlen);
    case CLI_OPT_FROM:
        return cli_u64("from", arg, 0, &o->from, err, errlen);
    case CLI_OPT_TO:
        rc = cli_number("to", arg, 0, (numparse_u128)1 << 64, &v, err, errlen);
        o->to = v;
        return rc;
    case CLI_OPT_POWER:
        return cli_u64("power", arg, 0, &o->power, err, errlen);
    case CLI_OPT_METHOD:
        return CLI_PICK("method", arg, cli_methods, &o->method);
    case CLI_OPT_LIST:
        return cli_file("list", arg, &o->list, err, errlen);
    case CLI_OPT_SCHEDULE:
        return cli_parse_schedule(arg, &o->schedule, err, errlen);
    case CLI_OPT_SWEEP:
        return CLI_PICK("sweep", arg, cli_sweeps, &o->sweep);
    case CLI_OPT_REPEAT:
        return cli_u64("repeat", arg, 1, &o->repeat, err, errlen);
    case CLI_OPT_CHECKPOINT:
        return cli_file("checkpoint", arg, &o->checkpoint, err, errlen);
    case CLI_OPT_CHECKPOINT_EVERY:
        rc = cli_number("checkpoint-every", arg, 1, CLI_MAX_CHECKPOINT_EVERY, &v, err, errlen);
        o->checkpoint_every = (uint64_t)v;
        return rc;
    case CLI_OPT_PROGRESS:
    case CLI_OPT_NO_PROGRESS:
        o->progress = c == CLI_OPT_PROGRESS ? CLI_PROGRESS_ON : CLI_PROGRESS_OFF;
        return MCPI_OK;
    case CLI_OPT_KERNEL:
        if ((o->kernel = pi_kernel_from_name(arg)) < 0)
            return cli_fail(err, errlen, "invalid --kernel '%s': expected " PI_KERNEL_CHOICES, arg);
        return MCPI_OK;
    case CLI_OPT_FORMAT:
        if ((rc = CLI_PICK("format", arg, cli_formats, &choice)) == MCPI_OK)
            o->format = (report_format)choice;
        return rc;
    case CLI_OPT_QUIET:
        o->quiet = 1;
        return MCPI_OK;
    case CLI_OPT_NO_HEADER:
        o->no_header = 1;
        return MCPI_OK;
    case CLI_OPT_HELP:
    case CLI_OPT_VERSION:
        o->action = c == CLI_OPT_HELP ? CLI_HELP : CLI_VERSION;
        return MCPI_OK;
    }
    return cli_fail(err, errlen, "internal error: option %d", c);
}

/* Checks the options against the workload and each other. */
static int cli_validate(cli_options *o, const unsigned char *seen, char *err, size_t errlen)
{
    if (seen[CLI_OPT_REPEAT] && !seen[CLI_OPT_SWEEP])
        return cli_fail(err, errlen, "option '--repeat' needs --sweep");
    if (o->repeat > 1000)
        return cli_fail(err, errlen, "invalid --repeat '%llu': must be at most 1000", (unsigned long long)o->repeat);
    if (seen[CLI_OPT_SWEEP] && (seen[CLI_OPT_LIST] || o->quiet))
        return cli_fail(err, errlen, "option '--sweep' cannot be combined with %s", seen[CLI_OPT_LIST] ? "--list" : "--quiet");
    if (seen[CLI_OPT_SWEEP] && (seen[CLI_OPT_CHECKPOINT] || seen[CLI_OPT_PROGRESS]))
        return cli_fail(err, errlen, "option '--sweep' cannot be combined with %s",
                        seen[CLI_OPT_CHECKPOINT] ? "--checkpoint" : "--progress");
    if (o->quiet && o->format != REPORT_TEXT)
        return cli_fail(err, errlen, "option '--quiet' applies only to --format text (json and csv carry every field)");
    if (o->no_header && o->format != REPORT_CSV)
        return cli_fail(err, errlen, "option '--no-header' applies only to --format csv");
    if (seen[CLI_OPT_PROGRESS] && seen[CLI_OPT_NO_PROGRESS])
        return cli_fail(err, errlen, "options '--progress' and '--no-progress' conflict");
    if (seen[CLI_OPT_CHECKPOINT_EVERY] && !seen[CLI_OPT_CHECKPOINT])
        return cli_fail(err, errlen, "option '--checkpoint-every' needs --checkpoint");
    if (seen[CLI_OPT_CHECKPOINT] && seen[CLI_OPT_LIST] && strcmp(o->checkpoint, o->list) == 0)
        return cli_fail(err, errlen, "options '--checkpoint' and '--list' name the same file '%s'", o->list);
    /* The workload options, in the order their misuse is reported. */
    static const int workload_opts[] = {CLI_OPT_SAMPLES, CLI_OPT_SEED, CLI_OPT_KERNEL, CLI_OPT_FROM,
                                        CLI_OPT_TO,      CLI_OPT_POWER, CLI_OPT_METHOD, CLI_OPT_LIST};
    for (size_t i = 0; i < sizeof workload_opts / sizeof workload_opts[0]; i++)
        if (seen[workload_opts[i]] && !workload_accepts(o->workload, workload_opts[i]))
            return cli_fail(err, errlen, "option '--%s' does not apply to workload '%s'",
                            cli_long_name(workload_opts[i]), cli_workload_name(o));
    return workload_get(o->workload)->settle(o, seen, err, errlen);
}

/* The workload that name starts, or whose name is within a third of its length in edits
 * (insertions, deletions, substitutions; at least one), if exactly one is nearest; else -1. */
static int cli_nearest_workload(const char *name)
{
    int best = -1, best_d = 3, ties = 0;
    size_t n = strlen(name);
    if (n == 0)
        return -1;
    for (int w = 0; w < workload_count(); w++) {
        const char *t = workload_get(w)->name;
        size_t m = strlen(t);
        int d, row[2][16];
        if (strncmp(t, name, n) == 0) {
            d = 1; /* a prefix: "prim" */
        } else if (n > m + 2 || m > n + 2 || m >= sizeof row[0] / sizeof row[0][0]) {
            continue; /* too different in length (or a name longer than a row: no suggestion) */
        } else { /* Levenshtein distance, two rows */
            for (size_t j = 0; j <= m; j++)
                row[0][j] = (int)j;
            for (size_t i = 1; i <= n; i++) {
                int *prev = row[(i - 1) & 1], *cur = row[i & 1];
                cur[0] = (int)i;
                for (size_t j = 1; j <= m; j++) {
                    int sub = prev[j - 1] + (name[i - 1] != t[j - 1]);
                    int del = prev[j] + 1, ins = cur[j - 1] + 1;
                    cur[j] = sub < del ? (sub < ins ? sub : ins) : (del < ins ? del : ins);
                }
            }
            d = row[n & 1][m];
            if (d > (m / 3 > 1 ? (int)(m / 3) : 1))
                continue; /* too far for its length: "x" is not "pi" */
        }
        if (d < best_d)
            best = w, best_d = d, ties = 0;
        else if (d == best_d)
            ties++;
    }
    return ties ? -1 : best;
}

int cli_parse(int argc, char **argv, cli_options *o, char *err, size_t errlen)
{
    memset(o, 0, sizeof *o);
    o->action = CLI_RUN;
    o->workload = 0;
    o->repeat = CLI_DEFAULT_REPEAT;
    o->checkpoint_every = RESUME_DEFAULT_EVERY_S;
    o->progress = CLI_PROGRESS_AUTO;
    o->format = REPORT_TEXT;
    o->help_workload = -1;
    o->schedule.kind = MCPI_SCHED_STATIC;
    err[0] = '\0';

    /* getopt_long permutes argv: work on a copy so the caller's argv stays as it was. */
    char **args = malloc(((size_t)argc + 1) * sizeof *args);
    if (args == NULL)
        return cli_fail(err, errlen, "out of memory");
    memcpy(args, argv, (size_t)argc * sizeof *args);
    args[argc] = NULL;

    int rc = MCPI_OK;
    unsigned char seen[CLI_OPT_LAST] = {0};
    opterr = 0;
    optind = 0; /* glibc: a full re-initialisation, so mcpi_run can be called again */
    int c;
    while (rc == MCPI_OK && (c = getopt_long(argc, args, ":n:s:qhV", cli_long_options, NULL)) != -1) {
        if (c == '?') {
            if (optopt != 0)
                rc = cli_fail(err, errlen, "unknown option '-%c' (see mcpi --help)", optopt);
            else
                rc = cli_fail(err, errlen, "unknown option '%s' (see mcpi --help)", args[optind - 1]);
        } else if (c == ':') { /* the option as typed: "-n", "--samples" */
            rc = cli_fail(err, errlen, "option '%s' needs a value", args[optind - 1]);
        } else if (seen[c]++) {
            rc = cli_fail(err, errlen, "option '--%s' given more than once", cli_long_name(c));
        } else {
            rc = cli_option(c, optarg, o, err, errlen);
        }
    }
    /* Positional arguments: at most one, the workload. */
    if (rc == MCPI_OK && optind < argc) {
        const char *name = args[optind];
        int i = workload_find(name), near = i < 0 ? cli_nearest_workload(name) : -1;
        if (near >= 0) {
            rc = cli_fail(err, errlen, "unknown workload '%s' (did you mean %s?)", name, workload_get(near)->name);
        } else if (i < 0) {
            char names[256] = "";
            for (int w = 0, n = workload_count(); w < n; w++)
                snprintf(names + strlen(names), sizeof names - strlen(names), "%s%s",
                         w == 0 ? "" : w + 1 < n ? ", " : " or ", workload_get(w)->name);
            rc = cli_fail(err, errlen, "unknown workload '%s' (expected %s)", name, names);
        } else {
            o->workload = i;
        }
        if (rc == MCPI_OK && o->action == CLI_HELP)
            o->help_workload = i;
        if (rc == MCPI_OK && optind + 1 < argc)
            rc = cli_fail(err, errlen, "unexpected argument '%s'", args[optind + 1]);
    }
    if (rc == MCPI_OK && o->action == CLI_RUN)
        rc = cli_validate(o, seen, err, errlen);
    free(args);
    return rc;
}
