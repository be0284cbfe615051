/* resume.h - checkpoint/restart and progress around one engine run: load or start the checkpoint,
 * give the engine what is left, save every few seconds and on a stop signal, show progress. */
#ifndef MCPI_RESUME_H
#define MCPI_RESUME_H

#include <stdint.h>
#include "checkpoint.h"
#include "mcpi.h"

/* Default seconds between checkpoints (--checkpoint-every). */
#define RESUME_DEFAULT_EVERY_S 60

typedef struct resume_options {
    const char *path;  /* checkpoint file, or NULL for none */
    uint64_t every_s;  /* seconds between checkpoints */
    const char *run;   /* the workload and every parameter that defines its result, on one line */
    int progress;      /* rank 0 shows progress on stderr (the same value on every rank) */
    int progress_tty;  /* rank 0's stderr is a terminal: redraw one line */
    checkpoint_check_fn check; /* the workload's check of a loaded tally by meaning, or NULL */
    const void *check_ctx;     /* its parameters */
    double progress_every_s; /* seconds between progress lines (0: one second) */
} resume_options;

/* What a tracked run did besides its result. */
typedef struct resume_outcome {
    uint64_t resumed_items; /* rank 0: items the checkpoint had done before this run */
    uint64_t done_items;    /* rank 0: items done at the end (all of them, unless stopped) */
    int stopped_by;         /* the signal that stopped the run (status MCPI_STOPPED), else 0 */
} resume_outcome;

/* Runs w over [0, items) like mcpi_engine_run, resuming from and saving to ro->path and showing
 * progress (collective): MCPI_OK, MCPI_STOPPED after a final checkpoint, or an error status with
 * rank 0's one-line message out (a bad, impossible or unwritable checkpoint is
 * MCPI_ERR_USAGE, a full disk MCPI_ERR_RUNTIME; the file is untouched either way). */
int resume_run(MPI_Comm comm, const mcpi_workload *w, uint64_t items, const mcpi_schedule *sched,
               const resume_options *ro, mcpi_result *res, resume_outcome *out);

#endif
