/* run.c - the whole program as a function: parse, set up, run the engine, report. */
#include "config.h"
#include "mcpi.h"
#include "checkpoint.h"
#include "cli.h"
#include "mpicheck.h"
#include "primelist.h"
#include "report.h"
#include "resume.h"
#include "safefile.h"
#include "stats.h"
#include "stopsig.h"
#include "testfail.h"
#include "sweep.h"
#include "topo.h"
#include "ttyprobe.h"
#include "workload.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* The last fields of a run's and of a sweep point's report: oversubscribed and rank 0's cpu. */
static void run_report_machine(report *r, const topo_info *topo)
{
    report_add(r, "oversubscribed", NULL, REPORT_NUMBER, "%s", topo->oversubscribed ? "true" : "false");
    char cpu[300];
    topo_cpu(cpu, sizeof cpu);
    report_add(r, "cpu", NULL, REPORT_STRING, "%s", cpu);
}

/* Fields every workload reports: where it ran, how the work was handed out, how long it took. */
static void run_report_common(report *r, const mcpi_result *res, const topo_info *topo,
                              const char *items_name, uint64_t run_items, const char *tracked)
{
    double rate = res->wall_s > 0 ? (double)run_items / res->wall_s : 0;
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
    /* Waiting for work: the scatter (static), or the answers to chunk requests (dynamic, guided). */
    report_add(r, "wait_max_s", NULL, REPORT_NUMBER, "%.6f", res->wait_max_s);
    report_add(r, "wait_mean_s", NULL, REPORT_NUMBER, "%.6f", res->wait_mean_s);
    report_add(r, NULL, "wait for work", REPORT_STRING, "max %.3f s, mean %.3f s per rank%s", res->wait_max_s,
               res->wait_mean_s, res->wait_max_s > 0.1 * res->wall_s && res->wall_s > 0 ? " (the scheduler, not the work, set the wall time)" : "");
    report_add(r, "requests", NULL, REPORT_NUMBER, "%llu", (unsigned long long)res->requests);
    report_add(r, "serve_s", NULL, REPORT_NUMBER, "%.6f", res->serve_s);
    if (res->requests > 0)
        report_add(r, NULL, "chunk requests", REPORT_STRING, "%llu answered by rank 0, %.1f us each",
                   (unsigned long long)res->requests, 1e6 * res->serve_s / (double)res->requests);
    report_add(r, "call_cost", NULL, REPORT_NUMBER, "%llu", (unsigned long long)res->call_cost);
    /* A chunk size that makes the workload's fixed cost per call dominate (more than the work
     * itself, beyond the one call per rank any schedule pays) deserves a line. */
    if (res->call_cost > 0 && res->chunks > (uint64_t)res->ranks &&
        (double)(res->chunks - (uint64_t)res->ranks) * (double)res->call_cost > (double)run_items)
        report_add(r, NULL, "warning", REPORT_STRING,
                   "the fixed cost per call dominates: each of the %llu chunks pays about %llu items' worth of "
                   "set-up; use larger chunks (or the default chunk size)",
                   (unsigned long long)res->chunks, (unsigned long long)res->call_cost);
    if (res->tracking_overhead > 0 && tracked != NULL) {
        report_add(r, "tracking_overhead", NULL, REPORT_NUMBER, "%.6f", res->tracking_overhead);
        report_add(r, NULL, "tracking overhead", REPORT_STRING, "%.3f%% of compute time (%s)",
                   100 * res->tracking_overhead, tracked);
    } else {
        report_add_absent(r, "tracking_overhead");
    }
    run_report_machine(r, topo);
    if (topo->oversubscribed)
        report_add(r, NULL, "warning", REPORT_STRING,
                   "more ranks than cores on a node: timings are not meaningful for scaling");
}

/* Prints the version of mcpi, the MPI compiler and launcher it was configured with, and the MPI
 * library's version (allowed before MPI_Init). */
static void run_version(FILE *out)
{
    char lib[MPI_MAX_LIBRARY_VERSION_STRING];
    int len = 0, major = 0, minor = 0;
    MPI_Get_library_version(lib, &len);
    MPI_Get_version(&major, &minor);
    /* The first line names the library and its version (MPICH, Intel MPI and Cray MPICH go on with
     * their whole configure line); tabs become spaces. */
    lib[strcspn(lib, "\n")] = '\0';
    for (char *c = lib; *c != '\0'; c++)
        if (*c == '\t')
            *c = ' ';
    fprintf(out, "mcpi %s\nbuilt with %s, launcher %s\nMPI %d.%d: %s\n", PACKAGE_VERSION, MCPI_MPICC,
            MCPI_MPIEXEC, major, minor, lib);
}

/* Rank 0's verdict on what it printed to out (e: 0, or the errno of a failed write, which it
 * names in one line), taken by every rank: MCPI_OK or MCPI_ERR_RUNTIME. Collective. */
static int run_output_status(MPI_Comm comm, int e)
{
    int rank, rc = e != 0 ? MCPI_ERR_RUNTIME : MCPI_OK;
    MPI_CHECK(MPI_Comm_rank(comm, &rank));
    if (rank == 0 && e != 0)
        fprintf(stderr, "mcpi: cannot write the report: %s\n", strerror(e));
    MPI_CHECK(MPI_Bcast(&rc, 1, MPI_INT, 0, comm));
    return rc;
}

/* Rank 0 prints the report of a finished run; resumed is what a checkpoint had done before it.
 * 0, or the errno of a failed write. */
static int run_print(FILE *out, const cli_options *o, const mcpi_result *res, const topo_info *topo, double list_s,
                      uint64_t resumed, int progress)
{
    const workload_desc *wd = workload_get(o->workload);
    report r;
    report_init(&r, wd->title);
    wd->report(&r, o, res, list_s);
    if (o->checkpoint != NULL) {
        report_add(&r, "checkpoint", "checkpoint", REPORT_STRING, "%s", o->checkpoint);
        report_add(&r, "resumed_items", NULL, REPORT_NUMBER, "%llu", (unsigned long long)resumed);
        report_add(&r, NULL, "resumed", REPORT_STRING, "%llu of %llu %s were done before this run (%.1f%%)",
                   (unsigned long long)resumed, (unsigned long long)res->items, wd->items,
                   res->items ? 100.0 * (double)resumed / (double)res->items : 100.0);
    } else {
        report_add_absent(&r, "checkpoint");
        report_add_absent(&r, "resumed_items");
    }
    const char *tracked = o->checkpoint != NULL && progress ? "checkpoint, progress"
                          : o->checkpoint != NULL           ? "checkpoint"
                          : progress                        ? "progress"
                                                            : NULL;
    char rate[64];
    snprintf(rate, sizeof rate, "%s/s", wd->items);
    run_report_common(&r, res, topo, rate, res->items - resumed, tracked);
    int e = o->format == REPORT_CSV ? report_print_csv(out, &r, !o->no_header) : report_print(out, &r, o->format, o->quiet);
    report_free(&r);
    return e;
}

/* How rank 0 shows progress: not at all, plain lines (a pipe: one a second), one line redrawn in
 * place (a terminal, directly or through the launcher, or MCPI_PROGRESS=1), or plain lines at most
 * one every RUN_PROGRESS_FILE_S (a regular file). Rank 0 decides for all (collective). */
enum { RUN_PROGRESS_OFF, RUN_PROGRESS_LINES, RUN_PROGRESS_REDRAW, RUN_PROGRESS_FILE };
#define RUN_PROGRESS_FILE_S 10.0
static int run_progress_mode(const cli_options *o, MPI_Comm comm, int *progress)
{
    int rank, mode = RUN_PROGRESS_OFF;
    MPI_CHECK(MPI_Comm_rank(comm, &rank));
    if (rank == 0 && o->progress != CLI_PROGRESS_OFF) {
        const char *env = getenv("MCPI_PROGRESS");
        ttyprobe_kind where = ttyprobe_stderr();
        if (env != NULL && strcmp(env, "1") == 0)
            where = TTYPROBE_TERMINAL;
        else if (env != NULL && strcmp(env, "0") == 0 && o->progress == CLI_PROGRESS_AUTO)
            where = TTYPROBE_PIPE; /* MCPI_PROGRESS=0: not by default, even on a terminal */
        if (where == TTYPROBE_TERMINAL)
            mode = RUN_PROGRESS_REDRAW;
        else if (o->progress == CLI_PROGRESS_ON)
            mode = where == TTYPROBE_FILE ? RUN_PROGRESS_FILE : RUN_PROGRESS_LINES;
    }
    MPI_CHECK(MPI_Bcast(&mode, 1, MPI_INT, 0, comm));
    *progress = mode;
    return MCPI_OK;
}

/* Runs the engine: plain, or tracked when a checkpoint or progress (a RUN_PROGRESS_ mode) is wanted. */
static int run_engine(const cli_options *o, MPI_Comm comm, const mcpi_workload *w, mcpi_result *res,
                      resume_outcome *resumed, int progress)
{
    int rank;
    MPI_CHECK(MPI_Comm_rank(comm, &rank));
    if (o->checkpoint == NULL && !progress)
        return mcpi_engine_run(comm, w, cli_items(o), &o->schedule, res);
    const workload_desc *wd = workload_get(o->workload);
    char identity[CHECKPOINT_RUN_MAX];
    wd->identity(o, identity, sizeof identity);
    resume_options ro = {.path = o->checkpoint,
                         .every_s = o->checkpoint_every,
                         .run = identity,
                         .progress = progress != RUN_PROGRESS_OFF,
                         .progress_tty = progress == RUN_PROGRESS_REDRAW,
                         .progress_every_s = progress == RUN_PROGRESS_FILE ? RUN_PROGRESS_FILE_S : 1.0,
                         .check = wd->tally_possible,
                         .check_ctx = w->ctx};
    return resume_run(comm, w, cli_items(o), &o->schedule, &ro, res, resumed);
}

/* run_workload's body, with the files checked and the checkpoint locked. */
static int run_locked(const cli_options *o, MPI_Comm comm, FILE *out)
{
    const workload_desc *wd = workload_get(o->workload);
    int rank;
    MPI_CHECK(MPI_Comm_rank(comm, &rank));
    primelist list;
    int rc = MCPI_OK;
    if (o->list != NULL && (rc = primelist_open(comm, o->list, &list)) != MCPI_OK)
        return rc; /* an unwritable path fails before any work */
    topo_info topo;
    memset(&topo, 0, sizeof topo);
    if (wd->check != NULL)
        rc = wd->check(o, comm);
    if (rc == MCPI_OK)
        rc = topo_query(comm, &topo);
    workload_params params;
    mcpi_workload w = testfail_workload(wd->make(o, &params), comm);
    mcpi_result res;
    resume_outcome resumed = {0, 0, 0};
    int progress = RUN_PROGRESS_OFF;
    if (rc == MCPI_OK)
        rc = run_progress_mode(o, comm, &progress);
    if (rc == MCPI_OK)
        rc = run_engine(o, comm, &w, &res, &resumed, progress);
    if (rc == MCPI_STOPPED && rank == 0) {
        char shown[256];
        safefile_shown(o->checkpoint, shown, sizeof shown);
        fprintf(stderr, "mcpi: stopped by %s with %.1f%% done; checkpoint '%s' saved: run the same command again "
                        "(with any number of ranks) to resume\n",
                stopsig_name(resumed.stopped_by), cli_items(o) ? 100.0 * (double)resumed.done_items / (double)cli_items(o) : 100.0,
                shown);
    }
    if (wd->judge != NULL) {
        /* The tally is known at rank 0 only: every rank takes its verdict. */
        int verdict = rc == MCPI_OK && rank == 0 ? wd->judge(o, &res) : rc;
        MPI_CHECK(MPI_Bcast(&verdict, 1, MPI_INT, 0, comm));
        rc = verdict;
    }
    double list_s = 0;
    if (o->list != NULL) {
        double t0 = MPI_Wtime();
        /* A stop signal while the list is written ends it (its temporary removed) with one line. */
        stopsig_saved saved;
        stopsig_install(&saved);
        if (rc == MCPI_OK)
            rc = primelist_write(&list, o->method, o->from, cli_items(o), stopsig_caught);
        int closed = primelist_close(&list, rc == MCPI_OK);
        stopsig_restore(&saved);
        if (rc == MCPI_OK)
            rc = closed;
        list_s = MPI_Wtime() - t0;
    }
    if (rc == MCPI_OK)
        rc = run_output_status(comm, rank == 0 ? run_print(out, o, &res, &topo, list_s, resumed.resumed_items,
                                                           progress != RUN_PROGRESS_OFF)
                                               : 0);
    topo_free(&topo);
    return rc;
}

/* Rank 0: the output files' checks, before any work and without opening them (cli_parse does no
 * I/O): a target that exists must be a regular file, --list and --checkpoint must not be one file
 * by any path, and the run takes the checkpoint's lock. MCPI_OK, else one line and status 2 (1 when
 * the lock file cannot be made for a runtime reason: a full disk, an I/O error). */
static int run_check_files(const cli_options *o, safefile_lock *lock)
{
    const char *says[2] = {"cannot write --list", "invalid --checkpoint"}, *paths[2] = {o->list, o->checkpoint};
    char a[256], b[256];
    for (int i = 0; i < 2; i++)
        if (paths[i] != NULL && safefile_target_ok(paths[i]) != 0) {
            safefile_shown(paths[i], a, sizeof a);
            fprintf(stderr, "mcpi: %s '%s': not a regular file (only a regular file is ever replaced)\n", says[i], a);
            return MCPI_ERR_USAGE;
        }
    if (o->list != NULL && o->checkpoint != NULL && safefile_same(o->list, o->checkpoint)) {
        safefile_shown(o->list, a, sizeof a);
        safefile_shown(o->checkpoint, b, sizeof b);
        fprintf(stderr, "mcpi: --list '%s' and --checkpoint '%s' name the same file; give two different files\n", a, b);
        return MCPI_ERR_USAGE;
    }
    if (o->list != NULL && o->checkpoint != NULL) {
        /* The checkpoint's lock file is removed when the run ends: no list may live there. */
        char *lock_name = safefile_lock_name(o->checkpoint);
        int clash = lock_name != NULL && safefile_same(o->list, lock_name);
        free(lock_name);
        if (clash) {
            safefile_shown(o->list, a, sizeof a);
            safefile_shown(o->checkpoint, b, sizeof b);
            fprintf(stderr, "mcpi: --list '%s' is the lock file of --checkpoint '%s'; give the list another name\n", a, b);
            return MCPI_ERR_USAGE;
        }
    }
    if (o->checkpoint == NULL)
        return MCPI_OK;
    int e = safefile_lock_take(o->checkpoint, lock);
    if (e == 0)
        return MCPI_OK;
    safefile_shown(o->checkpoint, a, sizeof a);
    if (e == SAFEFILE_LOCK_HELD)
        fprintf(stderr, "mcpi: checkpoint '%s' is in use: another run holds its lock '%s.lock'; wait for it to end\n", a, a);
    else if (e == SAFEFILE_LOCK_FOREIGN)
        fprintf(stderr, "mcpi: cannot write checkpoint '%s': its lock '%s.lock' holds data, so it is no lock file "
                        "of mcpi's (they are empty); move it away\n", a, a);
    else if (e == ELOOP || e == EINVAL)
        fprintf(stderr, "mcpi: cannot write checkpoint '%s': its lock '%s.lock' is not a regular file\n", a, a);
    else {
        fprintf(stderr, "mcpi: cannot write checkpoint '%s': %s\n", a, strerror(e));
        /* A place that cannot take the file is bad input; a full disk or an I/O error is a runtime failure. */
        return safefile_bad_place(e) ? MCPI_ERR_USAGE : MCPI_ERR_RUNTIME;
    }
    return MCPI_ERR_USAGE;
}

/* Runs the configured workload on comm and prints the report at rank 0. */
static int run_workload(const cli_options *o, MPI_Comm comm, FILE *out)
{
    int rank;
    MPI_CHECK(MPI_Comm_rank(comm, &rank));
    safefile_lock lock = {-1, NULL};
    int rc = rank == 0 ? run_check_files(o, &lock) : MCPI_OK;
    MPI_CHECK(MPI_Bcast(&rc, 1, MPI_INT, 0, comm));
    if (rc == MCPI_OK)
        rc = run_locked(o, comm, out);
    safefile_lock_release(&lock); /* held by rank 0 for the whole run */
    return rc;
}

/* The options of one sweep point: for a weak sweep, p times the work of one rank. */
static cli_options run_sweep_point_options(const cli_options *o, int p)
{
    cli_options po = *o;
    if (o->sweep == SWEEP_WEAK)
        workload_get(o->workload)->scale(&po, (uint64_t)p); /* fits: run_sweep_check tried all ranks */
    return po;
}

/* Checks that the work can be split over `ranks` (strong) or scaled to it (weak). */
static int run_sweep_check(const cli_options *o, int ranks, char *err, size_t errlen)
{
    uint64_t n = cli_items(o);
    const char *what = workload_get(o->workload)->items;
    if (o->sweep == SWEEP_STRONG && n < (uint64_t)ranks)
        return snprintf(err, errlen, "mcpi: --sweep strong: %llu %s cannot be split over %d ranks",
                        (unsigned long long)n, what, ranks), MCPI_ERR_USAGE;
    if (o->sweep == SWEEP_WEAK && n == 0)
        return snprintf(err, errlen, "mcpi: --sweep weak: an empty range cannot be split"), MCPI_ERR_USAGE;
    cli_options scaled = *o;
    if (o->sweep == SWEEP_WEAK && workload_get(o->workload)->scale(&scaled, (uint64_t)ranks) != MCPI_OK)
        return snprintf(err, errlen, "mcpi: --sweep weak: %d ranks x %llu %s per rank passes 2^64", ranks,
                        (unsigned long long)n, what), MCPI_ERR_USAGE;
    return MCPI_OK;
}

/* One point of a sweep: the report fields (rank 0). */
static void run_sweep_report(report *r, const cli_options *po, const mcpi_result *res, const topo_info *topo,
                             double *walls, double *imbalances, int runs, double t1)
{
    double wmin = walls[0], wmax = walls[0];
    for (int i = 1; i < runs; i++) {
        wmin = walls[i] < wmin ? walls[i] : wmin;
        wmax = walls[i] > wmax ? walls[i] : wmax;
    }
    double wmed = sweep_median(walls, runs), imb = sweep_median(imbalances, runs);
    int p = res->ranks;
    double speedup = sweep_speedup((sweep_kind)po->sweep, t1 > 0 ? t1 : wmed, wmed, p);
    double eff = sweep_efficiency(speedup, p), kf = sweep_karp_flatt(speedup, p);
    workload_get(po->workload)->report(r, po, res, 0);
    report_add(r, "sweep", NULL, REPORT_STRING, "%s", cli_sweep_name((sweep_kind)po->sweep));
    report_add(r, "ranks", NULL, REPORT_NUMBER, "%d", p);
    report_add(r, "nodes", NULL, REPORT_NUMBER, "%d", topo->nodes);
    report_add(r, "ranks_per_node", NULL, REPORT_NUMBER, "%d", topo->ranks_per_node_max);
    report_add(r, "schedule", NULL, REPORT_STRING, "%s", cli_schedule_name(res->schedule.kind));
    report_add(r, "work", NULL, REPORT_NUMBER, "%llu", (unsigned long long)res->items);
    report_add(r, "repeat", NULL, REPORT_NUMBER, "%d", runs);
    report_add(r, "wall_s", NULL, REPORT_NUMBER, "%.6f", wmed);
    report_add(r, "wall_min_s", NULL, REPORT_NUMBER, "%.6f", wmin);
    report_add(r, "wall_max_s", NULL, REPORT_NUMBER, "%.6f", wmax);
    report_add(r, "speedup", NULL, REPORT_NUMBER, "%.4f", speedup);
    report_add(r, "efficiency", NULL, REPORT_NUMBER, "%.4f", eff);
    /* No serial fraction at one rank: NaN, which report_add makes JSON null and an empty CSV cell. */
    report_add(r, "karp_flatt", NULL, REPORT_NUMBER, "%.4f", kf);
    report_add(r, "imbalance", NULL, REPORT_NUMBER, "%.6f", imb);
    run_report_machine(r, topo);
}

/* Prints one sweep point as text, with a header before the first; 0, or the errno of a failed write. */
static int run_sweep_text(FILE *out, const report *r, const cli_options *o, int first)
{
    errno = 0; /* for report_flush */
    if (first) {
        fprintf(out, "mcpi: %s scaling sweep of %s, %s per point (median of %llu run%s)\n",
                cli_sweep_name((sweep_kind)o->sweep), cli_workload_name(o),
                o->sweep == SWEEP_STRONG ? "the same work" : "work proportional to the ranks",
                (unsigned long long)o->repeat, o->repeat == 1 ? "" : "s");
        fprintf(out, "%6s %5s %14s %10s %10s %10s %8s %10s %10s %9s  %s\n", "ranks", "nodes", "work", "wall_s",
                "min_s", "max_s", "speedup", "efficiency", "karp_flatt", "imbalance", "result");
    }
    const char *kf = report_value(r, "karp_flatt");
    fprintf(out, "%6s %5s %14s %10s %10s %10s %8s %10s %10s %9s  %s\n", report_value(r, "ranks"),
            report_value(r, "nodes"), report_value(r, "work"), report_value(r, "wall_s"),
            report_value(r, "wall_min_s"), report_value(r, "wall_max_s"), report_value(r, "speedup"),
            report_value(r, "efficiency"), kf && strcmp(kf, "null") != 0 ? kf : "-", report_value(r, "imbalance"),
            r->primary >= 0 ? r->f[r->primary].value : "");
    return report_flush(out);
}

/* A scaling sweep in one launch: the workload on the first 1, 2, 4, ... ranks and on all of
 * them, each point repeated; ranks outside a point's sub-communicator wait for the next point. */
static int run_sweep(const cli_options *o, MPI_Comm comm, FILE *out)
{
    int rank, size, rc;
    MPI_CHECK(MPI_Comm_rank(comm, &rank));
    MPI_CHECK(MPI_Comm_size(comm, &size));
    char err[256];
    if ((rc = run_sweep_check(o, size, err, sizeof err)) != MCPI_OK) {
        if (rank == 0)
            fprintf(stderr, "%s\n", err);
        return rc;
    }
    const workload_desc *wd = workload_get(o->workload);
    /* The largest point's options: a weak sweep's work grows with the ranks, and a check that passes
     * there (a power sum that fits) passes at every smaller point, so a refusal comes before any output. */
    cli_options largest = run_sweep_point_options(o, size);
    if (wd->check != NULL && (rc = wd->check(&largest, comm)) != MCPI_OK)
        return rc;
    int sizes[SWEEP_MAX_SIZES], points = sweep_sizes(size, sizes), runs = (int)o->repeat;
    double *walls = calloc((size_t)runs, sizeof *walls), *imbalances = calloc((size_t)runs, sizeof *imbalances);
    double t1 = 0;
    int status = walls && imbalances ? MCPI_OK : MCPI_ERR_RUNTIME, all = MCPI_OK;
    if (status != MCPI_OK)
        fprintf(stderr, "mcpi: out of memory for %d runs per point\n", runs);
    /* Every rank learns it before the first split, so none waits there for one that stopped. */
    int agreed = MPI_Allreduce(&status, &all, 1, MPI_INT, MPI_MAX, comm);
    status = agreed == MPI_SUCCESS ? all : MCPI_ERR_RUNTIME;
    for (int i = 0; i < points && status == MCPI_OK; i++) {
        int p = sizes[i];
        MPI_Comm sub;
        MPI_CHECK(MPI_Comm_split(comm, rank < p ? 0 : MPI_UNDEFINED, rank, &sub));
        rc = MCPI_OK;
        if (sub != MPI_COMM_NULL) {
            MPI_Comm_set_errhandler(sub, MPI_ERRORS_RETURN);
            cli_options po = run_sweep_point_options(o, p);
            topo_info topo;
            rc = topo_query(sub, &topo);
            workload_params params;
            mcpi_workload w = testfail_workload(wd->make(&po, &params), sub);
            mcpi_result res;
            for (int k = 0; k < runs && rc == MCPI_OK; k++) {
                rc = mcpi_engine_run(sub, &w, cli_items(&po), &po.schedule, &res);
                walls[k] = res.wall_s;
                imbalances[k] = mcpi_imbalance(&res);
            }
            if (rc == MCPI_OK && rank == 0 && wd->judge != NULL)
                rc = wd->judge(&po, &res); /* the tally is known at rank 0; the status reaches all below */
            if (rc == MCPI_OK && rank == 0) {
                report r;
                report_init(&r, "");
                run_sweep_report(&r, &po, &res, &topo, walls, imbalances, runs, t1);
                if (p == 1)
                    t1 = atof(report_value(&r, "wall_s"));
                int e = o->format == REPORT_TEXT  ? run_sweep_text(out, &r, o, i == 0)
                        : o->format == REPORT_CSV ? report_print_csv(out, &r, i == 0 && !o->no_header)
                                                  : report_print(out, &r, REPORT_JSON, 0);
                report_free(&r);
                if (e != 0) { /* every rank learns it from the point's status below */
                    fprintf(stderr, "mcpi: cannot write the report: %s\n", strerror(e));
                    rc = MCPI_ERR_RUNTIME;
                }
            }
            topo_free(&topo);
            MPI_Comm_free(&sub);
        }
        /* Ranks outside the point waited here: in a sleeping poll, not MPI's busy wait, so that
         * they leave the cores to the ranks being measured. */
        MPI_Request done;
        MPI_CHECK(MPI_Ibarrier(comm, &done));
        for (int finished = 0;;) {
            MPI_CHECK(MPI_Test(&done, &finished, MPI_STATUS_IGNORE));
            if (finished)
                break;
            nanosleep(&(struct timespec){0, 1000000}, NULL);
        }
        /* Every rank learns how the point went, so all stop alike. */
        MPI_CHECK(MPI_Allreduce(&rc, &status, 1, MPI_INT, MPI_MAX, comm));
    }
    free(walls);
    free(imbalances);
    return status;
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
        int e = 0;
        if (rank == 0) {
            errno = 0; /* for report_flush */
            if (o.action == CLI_HELP)
                cli_usage(out, o.help_workload);
            else
                run_version(out);
            e = report_flush(out);
        }
        return run_output_status(comm, e);
    }
    /* A private communicator whose errors come back as return codes. */
    MPI_Comm work;
    MPI_CHECK(MPI_Comm_dup(comm, &work));
    MPI_CHECK(MPI_Comm_set_errhandler(work, MPI_ERRORS_RETURN));
    rc = o.sweep != SWEEP_NONE ? run_sweep(&o, work, out) : run_workload(&o, work, out);
    MPI_Comm_free(&work);
    return rc;
}
