/* run.c - the whole program as a function: parse, set up, run the engine, report. */
#include "config.h"
#include "mcpi.h"
#include "cli.h"
#include "mpicheck.h"
#include "pi.h"
#include "report.h"
#include "stats.h"
#include "topo.h"

#include <math.h>
#include <stdlib.h>

static const char *run_schedule_name(mcpi_sched_kind k)
{
    return k == MCPI_SCHED_STATIC ? "static" : k == MCPI_SCHED_DYNAMIC ? "dynamic" : "guided";
}

/* Fields every workload reports: where it ran, how the work was handed out, how long it took. */
static void run_report_common(report *r, const mcpi_result *res, const topo_info *topo,
                              const char *items_name)
{
    double rate = res->wall_s > 0 ? (double)res->items / res->wall_s : 0;
    report_add(r, "ranks", NULL, REPORT_NUMBER, "%d", res->ranks);
    report_add(r, "nodes", NULL, REPORT_NUMBER, "%d", topo->nodes);
    if (topo->ranks_per_node_min == topo->ranks_per_node_max)
        report_add(r, NULL, "ranks", REPORT_NUMBER, "%d on %d node%s (%d per node)", res->ranks,
                   topo->nodes, topo->nodes == 1 ? "" : "s", topo->ranks_per_node_max);
    else
        report_add(r, NULL, "ranks", REPORT_NUMBER, "%d on %d nodes (%d to %d per node)", res->ranks,
                   topo->nodes, topo->ranks_per_node_min, topo->ranks_per_node_max);
    report_add(r, "schedule", NULL, REPORT_STRING, "%s", run_schedule_name(res->schedule.kind));
    report_add(r, "chunks", NULL, REPORT_NUMBER, "%llu", (unsigned long long)res->chunks);
    if (res->schedule.kind == MCPI_SCHED_STATIC)
        report_add(r, NULL, "schedule", REPORT_STRING, "static (%llu chunk%s)",
                   (unsigned long long)res->chunks, res->chunks == 1 ? "" : "s");
    else
        report_add(r, NULL, "schedule", REPORT_STRING, "%s:%llu (%llu chunk%s)",
                   run_schedule_name(res->schedule.kind), (unsigned long long)res->chunk_size,
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

/* Runs the configured workload on comm and prints the report at rank 0. */
static int run_workload(const cli_options *o, MPI_Comm comm, FILE *out)
{
    int rank;
    MPI_CHECK(MPI_Comm_rank(comm, &rank));
    topo_info topo;
    int rc = topo_query(comm, &topo);
    if (rc != MCPI_OK)
        return rc;
    pi_params pi = {.seed = o->seed};
    mcpi_workload w = pi_workload(&pi);
    mcpi_result res;
    rc = mcpi_engine_run(comm, &w, o->samples, &o->schedule, &res);
    if (rc == MCPI_OK && rank == 0) {
        report r;
        report_init(&r, "mcpi: Monte Carlo estimate of pi");
        run_report_pi(&r, o, &res);
        run_report_common(&r, &res, &topo, "samples/s");
        report_print(out, &r, o->format, o->quiet);
        report_free(&r);
    }
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
