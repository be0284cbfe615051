/* workload_pi.c - the pi workload's descriptor: -n, -s and --kernel, the estimate and its interval. */
#include "config.h"
#include "workload.h"
#include "mpicheck.h"
#include "pi.h"
#include "stats.h"

#include <math.h>
#include <stdlib.h>

#define PI_DEFAULT_SAMPLES 1000000000 /* about a second on two cores */
#define PI_DEFAULT_SEED 314159265
#define PI_KERNEL_BAD_ENV (-1) /* o->kernel for an invalid $MCPI_KERNEL on this rank */

static const workload_option pi_options[] = {
    {CLI_OPT_SAMPLES, WORKLOAD_STR(PI_DEFAULT_SAMPLES)},
    {CLI_OPT_SEED, WORKLOAD_STR(PI_DEFAULT_SEED)},
    {CLI_OPT_KERNEL, NULL},
    {0, NULL},
};

static int pi_settle(cli_options *o, const unsigned char *given, char *err, size_t errlen)
{
    if (!given[CLI_OPT_SAMPLES])
        o->samples = PI_DEFAULT_SAMPLES;
    if (!given[CLI_OPT_SEED])
        o->seed = PI_DEFAULT_SEED;
    (void)err, (void)errlen;
    /* $MCPI_KERNEL may reach some ranks only (mpirun passes it to other nodes only with -x): an
     * invalid one is kept as PI_KERNEL_BAD_ENV and refused by pi_check, where every rank agrees. */
    const char *env = getenv("MCPI_KERNEL");
    int from_env = env != NULL && *env != '\0' ? pi_kernel_from_name(env) : PI_KERNEL_AUTO;
    if (!given[CLI_OPT_KERNEL])
        o->kernel = from_env < 0 ? PI_KERNEL_BAD_ENV : from_env;
    return MCPI_OK;
}

static uint64_t pi_count(const cli_options *o)
{
    return o->samples;
}

static int pi_scale(cli_options *o, uint64_t factor)
{
    if ((unsigned __int128)o->samples * factor > UINT64_MAX)
        return MCPI_ERR_USAGE;
    o->samples *= factor;
    return MCPI_OK;
}

static mcpi_workload pi_make(const cli_options *o, workload_params *p)
{
    _Static_assert(sizeof(pi_params) <= sizeof(workload_params), "pi_params fits");
    pi_params *params = (pi_params *)p;
    pi_kernel_id k = o->kernel == PI_KERNEL_BAD_ENV ? PI_KERNEL_AUTO : (pi_kernel_id)o->kernel; /* never run */
    *params = (pi_params){.seed = o->seed, .pairs = pi_kernel_get(k)};
    return pi_workload(params);
}

/* An invalid $MCPI_KERNEL on any rank, or a forced kernel that some rank's CPU (nodes may differ)
 * cannot run: MCPI_ERR_USAGE on every rank, rank 0's one line. Every rank takes part, whatever its
 * kernel: $MCPI_KERNEL may reach some ranks only, so ranks may differ in it (which changes no result). */
static int pi_check(const cli_options *o, MPI_Comm comm)
{
    int rank, bad = o->kernel == PI_KERNEL_BAD_ENV;
    int mine[2] = {bad, !bad && !pi_kernel_available((pi_kernel_id)o->kernel)}, any[2] = {0, 0};
    MPI_CHECK(MPI_Comm_rank(comm, &rank));
    MPI_CHECK(MPI_Allreduce(mine, any, 2, MPI_INT, MPI_MAX, comm));
    if (!any[0] && !any[1])
        return MCPI_OK;
    if (rank != 0)
        return MCPI_ERR_USAGE;
    if (bad)
        fprintf(stderr, "mcpi: invalid MCPI_KERNEL '%s': expected " PI_KERNEL_CHOICES "\n", getenv("MCPI_KERNEL"));
    else if (any[0])
        fprintf(stderr, "mcpi: invalid MCPI_KERNEL on some rank: expected " PI_KERNEL_CHOICES "\n");
    else if (o->kernel != PI_KERNEL_AUTO)
        fprintf(stderr, "mcpi: invalid --kernel '%s': not supported by the CPU of every rank\n",
                pi_kernel_name((pi_kernel_id)o->kernel));
    else
        fprintf(stderr, "mcpi: invalid MCPI_KERNEL on some rank: a kernel its CPU does not support\n");
    return MCPI_ERR_USAGE;
}

static void pi_identity(const cli_options *o, char *buf, size_t len)
{
    snprintf(buf, len, "pi samples=%llu seed=%llu", (unsigned long long)o->samples, (unsigned long long)o->seed);
}

static void pi_report(report *r, const cli_options *o, const mcpi_result *res, double list_s)
{
    (void)list_s;
    uint64_t hits = res->tally[0];
    stats_estimate e = stats_binomial(hits, o->samples, 4.0);
    report_add(r, "workload", NULL, REPORT_STRING, "pi");
    r->primary = report_add(r, "estimate", "estimate", REPORT_NUMBER, "%.15f", e.estimate);
    report_add(r, "stderr", "standard error", REPORT_NUMBER, "%.3g", e.stderr_);
    report_add(r, "ci95_low", NULL, REPORT_NUMBER, "%.15f", e.ci_low);
    report_add(r, "ci95_high", NULL, REPORT_NUMBER, "%.15f", e.ci_high);
    report_add(r, NULL, "95% interval", REPORT_STRING, "[%.9f, %.9f]", e.ci_low, e.ci_high);
    report_add(r, "abs_error", "|estimate - pi|", REPORT_NUMBER, "%.3g", fabs(e.estimate - M_PI));
    report_add(r, "samples", "samples", REPORT_NUMBER, "%llu", (unsigned long long)o->samples);
    report_add(r, "hits", "hits", REPORT_NUMBER, "%llu", (unsigned long long)hits);
    report_add(r, "seed", "seed", REPORT_NUMBER, "%llu", (unsigned long long)o->seed);
    pi_kernel_id k = o->kernel == PI_KERNEL_AUTO ? pi_kernel_best() : (pi_kernel_id)o->kernel;
    report_add(r, "kernel", "kernel", REPORT_STRING, "%s", pi_kernel_name(k));
}

const workload_desc workload_pi = {
    .name = "pi",
    .title = "mcpi: Monte Carlo estimate of pi",
    .summary = "Monte Carlo estimate of pi (the default)",
    .about = "Monte Carlo estimate of pi (the default workload).",
    .items = "samples",
    .options = pi_options,
    .settle = pi_settle,
    .count = pi_count,
    .scale = pi_scale,
    .make = pi_make,
    .check = pi_check,
    .identity = pi_identity,
    .tally_possible = pi_tally_possible,
    .judge = NULL,
    .report = pi_report,
};
