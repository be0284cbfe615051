/* resume.c - checkpoint/restart and progress around an engine run.
 *
 * Rank 0 owns the checkpoint: it reads it (if the file exists), writes it back at once (so an
 * unwritable path fails before any work), and broadcasts what is left of [0, N). The engine then
 * runs the schedule over what is left, every rank reporting each finished piece to rank 0, which
 * merges it into the checkpoint's done intervals and tally and saves every few seconds. The stop
 * signals are caught on every rank for the run only; outside it they keep their usual effect. */
#include "config.h"
#include "resume.h"
#include "checkpoint.h"
#include "engine.h"
#include "mpicheck.h"
#include "stopsig.h"
#include "testfail.h"

#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* Rank 0's view during the run: the checkpoint being grown and where it goes. */
typedef struct resume_ctx {
    const resume_options *ro;
    checkpoint_state *ck;
    int shown;   /* a progress line was drawn */
} resume_ctx;

static int resume_save(void *ctx)
{
    resume_ctx *rc = ctx;
    char err[512];
    if (checkpoint_save(rc->ro->path, rc->ck, err, sizeof err) != MCPI_OK) {
        fprintf(stderr, "%s\n", err);
        return MCPI_ERR_RUNTIME;
    }
    return MCPI_OK;
}

/* Seconds as "42 s", "3 min 20 s" or "2 h 05 min". */
static void resume_duration(double s, char *buf, size_t len)
{
    if (!(s < 1e9))
        snprintf(buf, len, "unknown");
    else if (s < 60)
        snprintf(buf, len, "%.0f s", s);
    else if (s < 3600)
        snprintf(buf, len, "%d min %02d s", (int)(s / 60), (int)s % 60);
    else
        snprintf(buf, len, "%d h %02d min", (int)(s / 3600), (int)(s / 60) % 60);
}

static void resume_progress(void *ctx, uint64_t done, uint64_t items, uint64_t run_items, double elapsed)
{
    resume_ctx *rc = ctx;
    double fraction = items ? (double)done / (double)items : 1;
    double rate = elapsed > 0 ? (double)run_items / elapsed : 0;
    char eta[32], took[32];
    resume_duration(rate > 0 ? (double)(items - done) / rate : 1e300, eta, sizeof eta);
    resume_duration(elapsed, took, sizeof took);
    fprintf(stderr, "%smcpi: %5.1f%% done (%llu of %llu), %s elapsed, ETA %s%s", rc->ro->progress_tty ? "\r" : "",
            100 * fraction, (unsigned long long)done, (unsigned long long)items, took, done == items ? "0 s" : eta,
            rc->ro->progress_tty ? "   " : "\n");
    fflush(stderr);
    rc->shown = 1;
}

/* Rank 0, after the last progress line: when stderr is a pipe to a launcher, which forwards it
 * separately from stdout, waits (at most a second, polling) until the launcher has read it, so
 * that the line is out before the report on stdout starts. */
static void resume_progress_drain(void)
{
    struct stat st;
    if (fstat(STDERR_FILENO, &st) != 0 || !S_ISFIFO(st.st_mode))
        return; /* a terminal's FIONREAD counts what was typed, not what waits to be shown */
    for (int i = 0; i < 100; i++) {
        int pending = 0;
        if (ioctl(STDERR_FILENO, FIONREAD, &pending) != 0 || pending <= 0)
            return;
        nanosleep(&(struct timespec){0, 10000000}, NULL);
    }
}

/* Rank 0: reads or starts the checkpoint and saves it once; an error message is out if not MCPI_OK. */
static int resume_open(const resume_options *ro, const mcpi_workload *w, uint64_t items, checkpoint_state *ck,
                       uint64_t *resumed)
{
    checkpoint_state want;
    memset(&want, 0, sizeof want);
    snprintf(want.run, sizeof want.run, "%s", ro->run);
    want.items = items;
    want.tally_words = w->tally_words;
    char err[800];
    int absent = 0;
    int rc = checkpoint_load(ro->path, &want, ro->check, ro->check_ctx, ck, &absent, err, sizeof err);
    if (rc == MCPI_OK && absent) {
        *ck = want;
        intervals_init(&ck->done);
        if (w->identity != NULL)
            w->identity(ck->tally, w->ctx);
        rc = MCPI_OK;
    }
    if (rc != MCPI_OK) {
        fprintf(stderr, "%s\n", err);
        return rc;
    }
    *resumed = intervals_total(&ck->done);
    if ((rc = checkpoint_save(ro->path, ck, err, sizeof err)) != MCPI_OK) {
        fprintf(stderr, "%s\n", err); /* found before any work: a place that cannot take a file is bad input */
        intervals_free(&ck->done);
        return rc;
    }
    return MCPI_OK;
}

/* Every rank: the part of [0, items) that rank 0's checkpoint leaves to do, indexed. Collective,
 * with one status for all: a failure on any rank is told by rank 0 in one line. */
static int resume_share_todo(MPI_Comm comm, int rank, checkpoint_state *ck, uint64_t items, intervals *todo)
{
    intervals left;
    intervals_init(&left);
    uint64_t n = 0;
    int ok = 1;
    if (rank == 0) {
        ok = intervals_complement(&ck->done, items, &left) == INTERVALS_OK && !testfail_at("ckpt", comm);
        n = ok ? left.n : UINT64_MAX;
        if (!ok)
            fprintf(stderr, "mcpi: out of memory for the work left to do\n");
    }
    MPI_CHECK(MPI_Bcast(&n, 1, MPI_UINT64_T, 0, comm));
    if (n == UINT64_MAX) {
        intervals_free(&left);
        return MCPI_ERR_RUNTIME;
    }
    uint64_t *v = rank == 0 ? left.v : testfail_at("ckpt", comm) ? NULL : malloc((n ? n : 1) * 2 * sizeof *v);
    int have = v != NULL || n == 0, all = 0;
    MPI_CHECK(MPI_Allreduce(&have, &all, 1, MPI_INT, MPI_MIN, comm));
    if (!all) {
        if (rank == 0)
            fprintf(stderr, "mcpi: out of memory for the work left to do on some rank\n");
        if (rank != 0)
            free(v);
        intervals_free(&left);
        return MCPI_ERR_RUNTIME;
    }
    int rc = n ? MPI_Bcast(v, (int)(2 * n), MPI_UINT64_T, 0, comm) : MPI_SUCCESS;
    for (uint64_t i = 0; rc == MPI_SUCCESS && ok && i < n; i++)
        ok = intervals_add(todo, v[2 * i], v[2 * i + 1]) == INTERVALS_OK;
    ok = ok && intervals_index(todo) == INTERVALS_OK;
    if (rank != 0)
        free(v);
    intervals_free(&left);
    int all_ok = 0;
    MPI_CHECK(MPI_Allreduce(&ok, &all_ok, 1, MPI_INT, MPI_MIN, comm));
    if (!all_ok && rank == 0)
        fprintf(stderr, "mcpi: out of memory for the work left to do on some rank\n");
    return rc == MPI_SUCCESS && all_ok ? MCPI_OK : MCPI_ERR_RUNTIME;
}

/* resume_run's body once the stop signals are caught: every return goes back through resume_run,
 * which restores them. */
static int resume_caught(MPI_Comm comm, int rank, const mcpi_workload *w, uint64_t items, const mcpi_schedule *sched,
                         const resume_options *ro, mcpi_result *res, resume_outcome *out, checkpoint_state *ck,
                         intervals *todo, resume_ctx *ctx)
{
    int rc = MCPI_OK;
    if (rank == 0) {
        if (ro->path != NULL) {
            rc = resume_open(ro, w, items, ck, &out->resumed_items);
        } else {
            ck->tally_words = w->tally_words;
            if (w->identity != NULL)
                w->identity(ck->tally, w->ctx);
        }
    }
    MPI_CHECK(MPI_Bcast(&rc, 1, MPI_INT, 0, comm));
    if (rc == MCPI_OK)
        rc = resume_share_todo(comm, rank, ck, items, todo);
    if (rc != MCPI_OK)
        return rc;
    engine_track track = {
        .todo = todo,
        .stop = ro->path != NULL ? stopsig_caught : NULL,
        .done = &ck->done,
        .tally = ck->tally,
        .save_every_s = ro->path != NULL ? (double)ro->every_s : 0,
        .save = ro->path != NULL ? resume_save : NULL,
        .progress_every_s = !ro->progress ? 0 : ro->progress_every_s > 0 ? ro->progress_every_s : 1.0,
        .progress = ro->progress ? resume_progress : NULL,
        .ctx = ctx,
    };
    rc = engine_run(comm, w, items, sched, &track, res);
    out->stopped_by = track.stopped_by;
    /* Pieces recorded out of order wait in a batch: merging them is the last check for a piece done twice. */
    int merged = rank == 0 ? intervals_flush(&ck->done) : INTERVALS_OK;
    if (merged != INTERVALS_OK) {
        fprintf(stderr, "mcpi: %s while recording the finished pieces\n",
                merged == INTERVALS_NOMEM ? "out of memory" : "internal error: overlap");
    }
    MPI_CHECK(MPI_Bcast(&merged, 1, MPI_INT, 0, comm));
    return merged != INTERVALS_OK ? MCPI_ERR_RUNTIME : rc;
}

int resume_run(MPI_Comm comm, const mcpi_workload *w, uint64_t items, const mcpi_schedule *sched,
               const resume_options *ro, mcpi_result *res, resume_outcome *out)
{
    int rank;
    MPI_CHECK(MPI_Comm_rank(comm, &rank));
    memset(out, 0, sizeof *out);
    checkpoint_state ckpt, *ck = &ckpt;
    memset(ck, 0, sizeof *ck);
    intervals todo;
    intervals_init(&todo);
    /* Caught from before the checkpoint file first appears: whoever waits for that file to send a
     * stop signal finds it caught, however early. */
    stopsig_saved saved;
    if (ro->path != NULL)
        stopsig_install(&saved);
    resume_ctx ctx = {ro, ck, 0};
    int rc = resume_caught(comm, rank, w, items, sched, ro, res, out, ck, &todo, &ctx);
    if (ro->path != NULL)
        stopsig_restore(&saved);
    if (rank == 0 && ctx.shown && ro->progress_tty)
        fputc('\n', stderr);
    if (rank == 0 && ctx.shown) {
        fflush(stderr);
        resume_progress_drain();
    }
    out->done_items = intervals_total(&ck->done);
    intervals_free(&ck->done);
    intervals_free(&todo);
    return rc;
}
