/* check_cli.c - unit tests of cli.c: a table of command lines, each with the status cli_parse
 * must return and, for a valid one, the fields it must set, or, for a refusal, a text its one-line
 * message must contain. The expectations are written from --help and the README, not from runs. */
#include "config.h"

#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "check_main.h"
#include "cli.h"
#include "mcpi.h"
#include "numparse.h"
#include "pi_kernel.h"
#include "primes.h"
#include "workload.h"

enum { MAX_ARGS = 12 };

static const struct {
    const char *argv[MAX_ARGS]; /* after "mcpi", NULL-terminated */
    int status;                 /* MCPI_OK or MCPI_ERR_USAGE */
    const char *expect;         /* OK: "key=value ..." fields of describe(); else a part of the message */
} cli_cases[] = {
    /* Valid command lines and what they set. */
    {{NULL}, MCPI_OK, "action=run workload=pi format=text quiet=0 schedule=static:0 sweep=0 repeat=3"},
    {{"-n", "1e6", "-s", "42"}, MCPI_OK, "workload=pi samples=1000000 seed=42"},
    {{"pi", "--samples=18446744073709551615", "--seed", "0"}, MCPI_OK, "samples=18446744073709551615 seed=0"},
    {{"-q", "-n", "10"}, MCPI_OK, "quiet=1 format=text samples=10"},
    {{"--samp", "5", "--form", "json"}, MCPI_OK, "samples=5 format=json"}, /* unique prefixes */
    {{"primes", "--from", "10", "--to", "1e3", "--method", "mr"}, MCPI_OK,
     "workload=primes from=10 to=1000 method=mr"},
    {{"primes", "--from", "1", "--to", "18446744073709551616"}, MCPI_OK, "from=1 to=18446744073709551616"},
    {{"primes", "--to", "100", "--list", "p.txt"}, MCPI_OK, "list=p.txt"},
    {{"powersum", "--from", "3", "--to", "2e6", "--power", "3"}, MCPI_OK,
     "workload=powersum from=3 to=2000000 power=3"},
    {{"--format", "csv", "--no-header"}, MCPI_OK, "format=csv no_header=1"},
    {{"--schedule", "dynamic:777"}, MCPI_OK, "schedule=dynamic:777"},
    {{"--schedule", "guided"}, MCPI_OK, "schedule=guided:0"},
    {{"--sweep", "weak", "--repeat", "5"}, MCPI_OK, "sweep=2 repeat=5"},
    {{"--checkpoint", "c.ckpt", "--checkpoint-every", "7"}, MCPI_OK, "checkpoint=c.ckpt every=7"},
    {{"--help"}, MCPI_OK, "action=help help=-1"},
    {{"primes", "--help"}, MCPI_OK, "action=help help=primes"},
    {{"-V"}, MCPI_OK, "action=version"},
    {{"--kernel", "scalar"}, MCPI_OK, "workload=pi kernel=scalar"},
    {{"--kernel", "avx512"}, MCPI_OK, "kernel=avx512"}, /* whether the CPU has it is run.c's check */
    /* Unknown options, missing values, repeated options. */
    {{"--bogus"}, MCPI_ERR_USAGE, "unknown option '--bogus' (see mcpi --help)"},
    {{"-x"}, MCPI_ERR_USAGE, "unknown option '-x'"},
    {{"-n"}, MCPI_ERR_USAGE, "option '-n' needs a value"},
    {{"--seed"}, MCPI_ERR_USAGE, "option '--seed' needs a value"},
    {{"-n", "5", "-n", "6"}, MCPI_ERR_USAGE, "option '--samples' given more than once"},
    {{"-n", "5", "--samples", "5"}, MCPI_ERR_USAGE, "option '--samples' given more than once"},
    {{"-q", "--quiet"}, MCPI_ERR_USAGE, "option '--quiet' given more than once"},
    /* Values. */
    {{"-n", "0"}, MCPI_ERR_USAGE, "invalid --samples '0'"},
    {{"-n", "2.5"}, MCPI_ERR_USAGE, "invalid --samples '2.5'"},
    {{"-s", "18446744073709551616"}, MCPI_ERR_USAGE, "invalid --seed '18446744073709551616'"},
    {{"--format", "xml"}, MCPI_ERR_USAGE, "invalid --format 'xml': expected text, json or csv"},
    {{"--schedule", "static:5"}, MCPI_ERR_USAGE, "static takes no chunk size"},
    {{"--schedule", "fifo"}, MCPI_ERR_USAGE, "invalid --schedule 'fifo'"},
    {{"--kernel", "sse9"}, MCPI_ERR_USAGE, "invalid --kernel 'sse9': expected auto, avx512, avx2, portable or scalar"},
    {{"primes", "--method", "aks"}, MCPI_ERR_USAGE, "invalid --method 'aks': expected sieve, trial or mr"},
    {{"primes", "--to", "18446744073709551616"}, MCPI_ERR_USAGE, "at most 2^64 - 1 numbers"},
    {{"primes", "--from", "10", "--to", "5"}, MCPI_ERR_USAGE, "--from 10 is greater than --to 5"},
    {{"--sweep", "medium"}, MCPI_ERR_USAGE, "invalid --sweep 'medium': expected strong or weak"},
    {{"--sweep="}, MCPI_ERR_USAGE, "invalid --sweep '': expected strong or weak"},
    {{"primes", "--list="}, MCPI_ERR_USAGE, "invalid --list '': needs a file name"},
    {{"--checkpoint", ""}, MCPI_ERR_USAGE, "invalid --checkpoint '': needs a file name"},
    /* Options that do not apply to the workload. */
    {{"primes", "-n", "5"}, MCPI_ERR_USAGE, "option '--samples' does not apply to workload 'primes'"},
    {{"pi", "--from", "5"}, MCPI_ERR_USAGE, "option '--from' does not apply to workload 'pi'"},
    {{"powersum", "--method", "mr"}, MCPI_ERR_USAGE, "option '--method' does not apply to workload 'powersum'"},
    {{"primes", "--power", "3"}, MCPI_ERR_USAGE, "option '--power' does not apply to workload 'primes'"},
    {{"pi", "--list", "x"}, MCPI_ERR_USAGE, "option '--list' does not apply to workload 'pi'"},
    /* Workload names: a near one gets a suggestion, a far one the list. */
    {{"prime"}, MCPI_ERR_USAGE, "unknown workload 'prime' (did you mean primes?)"},
    {{"powrsum"}, MCPI_ERR_USAGE, "unknown workload 'powrsum' (did you mean powersum?)"},
    {{"zzz"}, MCPI_ERR_USAGE, "unknown workload 'zzz' (expected pi, primes or powersum)"},
    {{"pi", "extra"}, MCPI_ERR_USAGE, "unexpected argument 'extra'"},
    /* Options that apply only to some formats or with other options. */
    {{"--no-header"}, MCPI_ERR_USAGE, "option '--no-header' applies only to --format csv"},
    {{"--no-header", "--format", "json"}, MCPI_ERR_USAGE, "option '--no-header' applies only to --format csv"},
    {{"-q", "--format", "json"}, MCPI_ERR_USAGE, "option '--quiet' applies only to --format text"},
    {{"-q", "--format", "csv"}, MCPI_ERR_USAGE, "option '--quiet' applies only to --format text"},
    {{"--progress", "--no-progress"}, MCPI_ERR_USAGE, "options '--progress' and '--no-progress' conflict"},
    {{"--repeat", "3"}, MCPI_ERR_USAGE, "option '--repeat' needs --sweep"},
    {{"--checkpoint-every", "5"}, MCPI_ERR_USAGE, "option '--checkpoint-every' needs --checkpoint"},
    {{"primes", "--list", "f", "--checkpoint", "f"}, MCPI_ERR_USAGE, "name the same file 'f'"},
    {{"primes", "--to", "100", "--sweep", "strong", "--list", "x"}, MCPI_ERR_USAGE,
     "option '--sweep' cannot be combined with --list"},
    /* A control character in a value is made '?', so the message stays one line. */
    {{"--format", "a\nb"}, MCPI_ERR_USAGE, "invalid --format 'a?b'"},
};

/* The parsed options as "key=value" words, for comparing with the table. */
static void describe(const cli_options *o, char *buf, size_t len)
{
    static const char *actions[] = {"run", "help", "version"}, *formats[] = {"text", "json", "csv"};
    char to[48];
    const char *help = o->help_workload < 0 ? "-1" : workload_get(o->help_workload)->name;
    const char *method = o->workload == workload_find("primes") ? primes_method_name((primes_method)o->method) : "-";
    snprintf(buf, len,
             " action=%s workload=%s samples=%llu seed=%llu from=%llu to=%s power=%llu method=%s list=%s"
             " format=%s quiet=%d no_header=%d help=%s schedule=%s:%llu sweep=%d repeat=%llu checkpoint=%s"
             " every=%llu kernel=%s ",
             actions[o->action], cli_workload_name(o), (unsigned long long)o->samples,
             (unsigned long long)o->seed, (unsigned long long)o->from, numparse_u128_str(o->to, to),
             (unsigned long long)o->power, method, o->list ? o->list : "-",
             formats[o->format], o->quiet, o->no_header, help, cli_schedule_name(o->schedule.kind),
             (unsigned long long)o->schedule.chunk, o->sweep, (unsigned long long)o->repeat,
             o->checkpoint ? o->checkpoint : "-", (unsigned long long)o->checkpoint_every,
             o->workload == workload_find("pi") ? pi_kernel_name((pi_kernel_id)o->kernel) : "-");
}

START_TEST(test_cli_table)
{
    char *argv[MAX_ARGS + 1] = {"mcpi"};
    int argc = 1;
    for (; cli_cases[_i].argv[argc - 1] != NULL; argc++)
        argv[argc] = (char *)cli_cases[_i].argv[argc - 1];
    argv[argc] = NULL;
    char line[400] = "", err[300];
    for (int a = 1; a < argc; a++)
        snprintf(line + strlen(line), sizeof line - strlen(line), " %s", argv[a]);
    cli_options o;
    int rc = cli_parse(argc, argv, &o, err, sizeof err);
    ck_assert_msg(rc == cli_cases[_i].status, "mcpi%s: status %d, expected %d (%s)", line, rc,
                  cli_cases[_i].status, err);
    ck_assert_msg(argv[1] == NULL || argv[1] == cli_cases[_i].argv[0], "mcpi%s: argv changed", line);
    if (rc != MCPI_OK) {
        ck_assert_msg(strncmp(err, "mcpi: ", 6) == 0 && strchr(err, '\n') == NULL,
                      "mcpi%s: not one 'mcpi: ' line: %s", line, err);
        ck_assert_msg(strstr(err, cli_cases[_i].expect) != NULL, "mcpi%s: message '%s' lacks '%s'", line, err,
                      cli_cases[_i].expect);
        return;
    }
    ck_assert_msg(err[0] == '\0', "mcpi%s: a message on success: %s", line, err);
    char got[600];
    describe(&o, got, sizeof got);
    /* Each expected word stands in the description, delimited by blanks. */
    char want[300];
    snprintf(want, sizeof want, "%s", cli_cases[_i].expect);
    for (char *save = NULL, *w = strtok_r(want, " ", &save); w != NULL; w = strtok_r(NULL, " ", &save)) {
        char word[120];
        snprintf(word, sizeof word, " %s ", w);
        ck_assert_msg(strstr(got, word) != NULL, "mcpi%s: expected %s, parsed%s", line, w, got);
    }
}
END_TEST

/* $MCPI_KERNEL chooses the pi kernel when --kernel does not, and --kernel wins over it. */
START_TEST(test_cli_kernel_env)
{
    char *argv[] = {"mcpi", "--kernel", "scalar", NULL}, err[300];
    cli_options o;
    setenv("MCPI_KERNEL", "portable", 1);
    ck_assert_int_eq(cli_parse(1, argv, &o, err, sizeof err), MCPI_OK);
    ck_assert_str_eq(pi_kernel_name((pi_kernel_id)o.kernel), "portable");
    ck_assert_int_eq(cli_parse(3, argv, &o, err, sizeof err), MCPI_OK);
    ck_assert_str_eq(pi_kernel_name((pi_kernel_id)o.kernel), "scalar");
    /* A bad value is marked, not refused here: it may be on some ranks only, so the workload's
     * collective check refuses it on every rank (tests/invariance.sh). */
    setenv("MCPI_KERNEL", "sse9", 1);
    ck_assert_int_eq(cli_parse(1, argv, &o, err, sizeof err), MCPI_OK);
    ck_assert_int_eq(o.kernel, -1);
    ck_assert_int_eq(cli_parse(3, argv, &o, err, sizeof err), MCPI_OK);
    ck_assert_str_eq(pi_kernel_name((pi_kernel_id)o.kernel), "scalar");
    setenv("MCPI_KERNEL", "", 1); /* empty: as if unset */
    ck_assert_int_eq(cli_parse(1, argv, &o, err, sizeof err), MCPI_OK);
    ck_assert_str_eq(pi_kernel_name((pi_kernel_id)o.kernel), "auto");
    unsetenv("MCPI_KERNEL");
}
END_TEST

CHECK_MAIN_LOOP("cli", test_cli_table, sizeof cli_cases / sizeof cli_cases[0], test_cli_kernel_env)
