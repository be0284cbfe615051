/* engine.h - the engine's internal interface: a run tracked piece by piece, so that rank 0 knows at
 * any time which part of the index space is done and its tally (for checkpoints and progress), and
 * so that a stop request ends the run after the current piece on every rank. */
#ifndef MCPI_ENGINE_H
#define MCPI_ENGINE_H

#include <stdint.h>
#include "intervals.h"
#include "mcpi.h"

/* Seconds a piece of work should take once its size has settled: the time a stop may wait for. */
#define ENGINE_PIECE_S 0.2

typedef struct engine_track {
    /* On every rank. */
    const intervals *todo; /* the part of [0, N) still to do, indexed by intervals_index; NULL: all */
    int (*stop)(void);     /* a signal number once a stop is asked for, else 0; NULL: never */
    /* On rank 0 only. */
    intervals *done;       /* the done part of [0, N) (e.g. from a checkpoint); grows with every piece */
    uint64_t *tally;       /* the tally of the done part; grows with every piece */
    double save_every_s;   /* seconds between calls of save; 0: only at the end */
    int (*save)(void *ctx); /* writes done and tally (e.g. a checkpoint); NULL: none; MCPI_OK or a status */
    double progress_every_s; /* seconds between calls of progress; 0: none */
    void (*progress)(void *ctx, uint64_t done_items, uint64_t items, uint64_t run_items, double elapsed_s);
    void *ctx;             /* passed to save and progress */
    /* Set on every rank by the run. */
    int stopped_by;        /* the signal that stopped the run early, or 0 */
} engine_track;

/* mcpi_engine_run with tracking, on comm itself (which must return MPI errors: MPI_ERRORS_RETURN):
 * track NULL is the plain run; otherwise the schedule splits what
 * track->todo leaves, every piece is reported to rank 0, and a stop ends the run with MCPI_STOPPED
 * after a last call of save (collective; the same status on every rank). */
int engine_run(MPI_Comm comm, const mcpi_workload *w, uint64_t items, const mcpi_schedule *sched,
               engine_track *track, mcpi_result *res);

#endif
