/* run.c - the whole program as a function: parse, set up, run the engine, report. */
#include "config.h"
#include "mcpi.h"
#include "cli.h"
#include "mpicheck.h"
#include "numparse.h"
#include "pi.h"
#include "powersum.h"
#include "primelist.h"
#include "primes.h"
#include "report.h"
#include "stats.h"
#include "topo.h"

#include <math.h>
#include <stdlib.h>

/* Fields every workload reports: where it ran, how the work was handed out, how long it took. */
static void run_report_common(report *r, const mcpi_result *res, const topo_info *topo,
                              const char *items_name)
{
    double rate = res->wall_s > 0 ? (double)res->items / res->wall_s : 0;
    report_add(r, "ranks", NULL, REPORT_NUMBER, "%d", res->ranks);
    report_add(r, "nodes", NULL, REPORT_NUMBER, "%d", topo->nodes);
    report_add(r, "ranks_per_node", NULL, REPORT_NUMBER, "%d", topo->ranks_per_node_max);
    if (topo->ranks_per_node_min == topo->ranks_per_node_max)
        report_add(r, NULL, "ranks", REPORT_NUMBER, "%d on %d node%s (%d per node)", res->ranks,
                   topo->nodes, topo->nodes == 1 ? "" : "s", topo->ranks_per_node_max);
    else
        report_add(r, NULL, "ranks", REPORT_NUMBER, "%d on %d nodes (%d to %d per node)", res->ranks,
                   topo->nodes, topo->ranks_per_node_min, topo->ranks_per_node_max);
    report_add_strings(r, "hosts", "hosts", topo->hosts, topo->nodes);
    report_add(r, "schedule", NULL, REPORT_STRING, "%s", cli_schedule_name(res->schedule.kind));
    report_add(r, "chunks", NULL, REPORT_NUMBER, "%llu", (unsigned long long)res->chunks);
    if (res->schedule.kind == MCPI_SCHED_STATIC)
        report_add(r, NULL, "schedule", REPORT_STRING, "static (%llu chunk%s)",
                   (unsigned long long)res->chunks, res->chunks == 1 ? "" : "s");
    else
        report_add(r, NULL, "schedule", REPORT_STRING, "%s:%llu (%llu chunk%s)",
                   cli_schedule_name(res->schedule.kind), (unsigned long long)res->chunk_size,
                   (unsigned long long)res->chunks, res->chunks == 1 ? "" : "s");
    report_add(r, "wall_s", NULL, REPORT_NUMBER, "%.6f", res->wall_s);
    report_add(r, NULL, "wall time", REPORT_STRING, "%.3f s", res->wall_s);
    report_add(r, NULL, items_name, REPORT_NUMBER, "%.4g", rate);
    report_add(r, "items_per_s", NULL, REPORT_NUMBER, "%.6g", rate);
    report_add(r, "compute_min_s", NULL, REPORT_NUMBER, "%.6f", res->compute_min_s);
    report_add(r, "compute_mean_s", NULL, REPORT_NUMBER, "%.6f", res->compute_mean_s);
    report_add(r, "compute_max_s", NULL, REPORT_NUMBER, "%.6f", res->compute_max_s);
    report_add(r, "imbalance", NULL, REPORT_NUMBER, "%.6f", mcpi_imbalance(res));
    report_add(r, NULL, "compute per rank", REPORT_STRING, "min %.3f s, mean %.3f s, max %.3f s",
               res->compute_min_s, res->compute_mean_s, res->compute_max_s);
    report_add(r, NULL, "load imbalance", REPORT_STRING, "%.2f%% (max/mean - 1)", 100 * mcpi_imbalance(res));
    report_add(r, "oversubscribed", NULL, REPORT_NUMBER, "%s", topo->oversubscribed ? "true" : "false");
    if (topo->oversubscribed)
        report_add(r, NULL, "warning", REPORT_STRING,
                   "more ranks than cores on a node: timings are not meaningful for scaling");
}

/* Fields of the pi workload. */
static void run_report_pi(report *r, const cli_options *o, const mcpi_result *res)
{
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

/* Prints the version of mcpi and of the MPI library (allowed before MPI_Init). */
static void run_version(FILE *out)
{
    char lib[MPI_MAX_LIBRARY_VERSION_STRING];
    int len = 0, major = 0, minor = 0;
    MPI_Get_library_version(lib, &len);
    MPI_Get_version(&major, &minor);
    for (int i = 0; i < len; i++) /* keep it to one line per library */
        if (lib[i] == '\n')
            lib[i] = i + 1 < len ? ' ' : '\0';
    fprintf(out, "mcpi %s\nMPI %d.%d: %s\n", PACKAGE_VERSION, major, minor, lib);
}

/* Formats the numbers of a tally list as a JSON array, skipping the sentinel `none`. */
static char *run_json_list(const uint64_t *v, int n, uint64_t none)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    if (f == NULL)
        return NULL;
    int first = 1;
    fputc('[', f);
    for (int i = 0; i < n; i++) {
        if (v[i] == none)
            continue;
        fprintf(f, "%s%llu", first ? "" : ", ", (unsigned long long)v[i]);
        first = 0;
    }
    fputc(']', f);
    fclose(f);
    return text;
}

/* Fields of the primes workload. */
static void run_report_primes(report *r, const cli_options *o, const mcpi_result *res, double list_s)
{
    char from[48], to[48];
    numparse_u128_str(o->from, from);
    numparse_u128_str(o->to, to);
    const uint64_t *t = res->tally;
    char *first = run_json_list(t + PRIMES_TALLY_FIRST, PRIMES_SHOWN, UINT64_MAX);
    char *last = run_json_list(t + PRIMES_TALLY_LAST, PRIMES_SHOWN, 0);
    report_add(r, "workload", NULL, REPORT_STRING, "primes");
    report_add(r, "from", NULL, REPORT_NUMBER, "%s", from);
    report_add(r, "to", NULL, REPORT_NUMBER, "%s", to);
    report_add(r, NULL, "range", REPORT_STRING, "[%s, %s)", from, to);
    report_add(r, "method", "method", REPORT_STRING, "%s", primes_method_name((primes_method)o->method));
    r->primary = report_add(r, "count", "primes", REPORT_NUMBER, "%llu", (unsigned long long)t[PRIMES_TALLY_COUNT]);
    report_add(r, "first", "first", REPORT_ARRAY, "%s", first ? first : "[]");
    report_add(r, "last", "last", REPORT_ARRAY, "%s", last ? last : "[]");
    if (o->list != NULL) {
        report_add(r, "list", "list", REPORT_STRING, "%s", o->list);
        report_add(r, "list_s", NULL, REPORT_NUMBER, "%.6f", list_s);
        report_add(r, NULL, "list written in", REPORT_STRING, "%.3f s", list_s);
    }
    free(first);
    free(last);
}

/* Fields of the powersum workload. */
static void run_report_powersum(report *r, const cli_options *o, const mcpi_result *res)
{
    char from[48], to[48], sum[48];
    numparse_u128_str(o->from, from);
    numparse_u128_str(o->to, to);
    numparse_u128_str(powersum_tally_sum(res->tally), sum);
    report_add(r, "workload", NULL, REPORT_STRING, "powersum");
    report_add(r, "from", NULL, REPORT_NUMBER, "%s", from);
    report_add(r, "to", NULL, REPORT_NUMBER, "%s", to);
    report_add(r, NULL, "range", REPORT_STRING, "[%s, %s)", from, to);
    report_add(r, "power", "power", REPORT_NUMBER, "%llu", (unsigned long long)o->power);
    r->primary = report_add(r, "sum", "sum", REPORT_STRING, "%s", sum);
}

/* Rank 0's one line for a power sum past 2^128 - 1. */
static void run_powersum_overflow(const cli_options *o)
{
    char from[48], to[48];
    fprintf(stderr, "mcpi: the sum of k^%llu for k in [%s, %s) exceeds 2^128 - 1; use a shorter range or a smaller power\n",
            (unsigned long long)o->power, numparse_u128_str(o->from, from), numparse_u128_str(o->to, to));
}

/* The parameters of whichever workload runs. */
typedef union run_params {
    pi_params pi;
    primes_params primes;
    powersum_params powersum;
} run_params;

static mcpi_workload run_make_workload(const cli_options *o, run_params *p)
{
    switch (o->workload) {
    case CLI_PRIMES:
        p->primes = (primes_params){.from = o->from, .method = (primes_method)o->method};
        return primes_workload(&p->primes);
    case CLI_POWERSUM:
        p->powersum = (powersum_params){.from = o->from, .power = o->power};
        return powersum_workload(&p->powersum);
    default:
        p->pi = (pi_params){.seed = o->seed, .pairs = pi_kernel_get((pi_kernel_id)o->kernel)};
        return pi_workload(&p->pi);
    }
}

/* Rank 0 prints the report of a finished run. */
static void run_print(FILE *out, const cli_options *o, const mcpi_result *res, const topo_info *topo, double list_s)
{
    static const char *titles[CLI_WORKLOADS] = {"mcpi: Monte Carlo estimate of pi",
                                                "mcpi: primes in a range",
                                                "mcpi: exact power sum"};
    report r;
    report_init(&r, titles[o->workload]);
    if (o->workload == CLI_PI)
        run_report_pi(&r, o, res);
    else if (o->workload == CLI_PRIMES)
        run_report_primes(&r, o, res, list_s);
    else
        run_report_powersum(&r, o, res);
    run_report_common(&r, res, topo, o->workload == CLI_PI ? "samples/s" : "numbers/s");
    report_print(out, &r, o->format, o->quiet);
    report_free(&r);
}

/* Runs the configured workload on comm and prints the report at rank 0. */
static int run_workload(const cli_options *o, MPI_Comm comm, FILE *out)
{
    int rank;
    MPI_CHECK(MPI_Comm_rank(comm, &rank));
    primelist list;
    int rc;
    if (o->list != NULL && (rc = primelist_open(comm, o->list, &list)) != MCPI_OK)
        return rc; /* an unwritable path fails before any work */
    if (o->workload == CLI_PI && o->kernel != PI_KERNEL_AUTO) {
        /* A forced kernel must run on every rank's CPU; nodes may differ. */
        int here = pi_kernel_available((pi_kernel_id)o->kernel), everywhere = 0;
        MPI_CHECK(MPI_Allreduce(&here, &everywhere, 1, MPI_INT, MPI_MIN, comm));
        if (!everywhere) {
            if (rank == 0)
                fprintf(stderr, "mcpi: invalid --kernel '%s': not supported by the CPU of every rank\n",
                        pi_kernel_name((pi_kernel_id)o->kernel));
            return MCPI_ERR_USAGE;
        }
    }
    topo_info topo;
    rc = topo_query(comm, &topo);
    run_params params;
    mcpi_workload w = run_make_workload(o, &params);
    mcpi_result res;
    if (rc == MCPI_OK && o->workload == CLI_POWERSUM && powersum_surely_overflows(o->from, o->to, o->power)) {
        /* Hopeless sums are refused at once; every rank computes the same bound. */
        if (rank == 0)
            run_powersum_overflow(o);
        topo_free(&topo);
        return MCPI_ERR_USAGE;
    }
    if (rc == MCPI_OK)
        rc = mcpi_engine_run(comm, &w, cli_items(o), &o->schedule, &res);
    if (o->workload == CLI_POWERSUM) {
        /* The tally, with its overflow flag, is known at rank 0 only: every rank takes its verdict. */
        int verdict = rc == MCPI_OK && res.tally[POWERSUM_TALLY_OVERFLOW] ? MCPI_ERR_USAGE : rc;
        MPI_CHECK(MPI_Bcast(&verdict, 1, MPI_INT, 0, comm));
        if (verdict == MCPI_ERR_USAGE && rank == 0)
            run_powersum_overflow(o);
        rc = verdict;
    }
    double list_s = 0;
    if (o->list != NULL) {
        double t0 = MPI_Wtime();
        if (rc == MCPI_OK)
            rc = primelist_write(&list, (primes_method)o->method, o->from, cli_items(o));
        int closed = primelist_close(&list, rc == MCPI_OK);
        if (rc == MCPI_OK)
            rc = closed;
        list_s = MPI_Wtime() - t0;
    }
    if (rc == MCPI_OK && rank == 0)
        run_print(out, o, &res, &topo, list_s);
    topo_free(&topo);
    return rc;
}

int mcpi_run(int argc, char **argv, MPI_Comm comm, FILE *out)
{
    int rank;
    if (MPI_Comm_rank(comm, &rank) != MPI_SUCCESS)
        return MCPI_ERR_RUNTIME;
    cli_options o;
    char err[512];
    int rc = cli_parse(argc, argv, &o, err, sizeof err);
    if (rc != MCPI_OK) {
        if (rank == 0)
            fprintf(stderr, "%s\n", err);
        return rc;
    }
    if (o.action != CLI_RUN) {
        if (rank == 0) {
            if (o.action == CLI_HELP)
                cli_usage(out);
            else
                run_version(out);
            fflush(out);
        }
        return MCPI_OK;
    }
    /* A private communicator whose errors come back as return codes. */
    MPI_Comm work;
    MPI_CHECK(MPI_Comm_dup(comm, &work));
    MPI_CHECK(MPI_Comm_set_errhandler(work, MPI_ERRORS_RETURN));
    rc = run_workload(&o, work, out);
    MPI_Comm_free(&work);
    return rc;
}
