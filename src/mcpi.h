/* mcpi.h - public API of mcpi: a small map-reduce engine over an index space [0, N).
 *
 * A workload maps a chunk of indices [first, first+count) to a fixed-size tally of
 * 64-bit integers; the engine partitions and schedules the chunks over the ranks of
 * a communicator, reduces the tallies at rank 0 and times the run. Integer tallies
 * make every result independent of the number of ranks and of the schedule.
 */
#ifndef MCPI_H
#define MCPI_H

#include <mpi.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Exit statuses of the program and return values of the API. */
enum mcpi_status {
    MCPI_OK = 0,          /* success */
    MCPI_ERR_RUNTIME = 1, /* MPI, I/O or other failure while running */
    MCPI_ERR_USAGE = 2,   /* bad command line or bad input */
    MCPI_STOPPED = 3      /* stopped by a signal after a checkpoint; resumable */
};

/* Largest tally a workload may use, in 64-bit words. */
#define MCPI_TALLY_MAX 64

/* A workload: what one chunk of the index space contributes to the result. */
typedef struct mcpi_workload {
    const char *name;  /* short name, e.g. "pi" */
    int tally_words;   /* words in a tally, 1..MCPI_TALLY_MAX */
    /* Sets tally to the neutral element of combine; NULL means all zeros. */
    void (*identity)(uint64_t *tally, const void *ctx);
    /* Adds the result of indices [first, first+count) into tally (count >= 1); returns an mcpi_status. */
    int (*map)(uint64_t first, uint64_t count, uint64_t *tally, const void *ctx);
    /* Merges in into inout; must be commutative and associative. NULL means word-wise sum. */
    void (*combine)(uint64_t *inout, const uint64_t *in, const void *ctx);
    const void *ctx;   /* passed to the functions of the workload */
    /* The fixed cost of one call of map whose chunk ends at index last, given as the number of
     * items whose work costs as much (e.g. sieving the primes up to sqrt(B) before the first
     * number of a chunk near B); the engine sizes its default dynamic and guided chunks so that
     * this cost stays a few percent of the run. NULL means no fixed cost. */
    uint64_t (*call_cost)(uint64_t last, const void *ctx);
} mcpi_workload;

/* How chunks are handed out. */
typedef enum mcpi_sched_kind {
    MCPI_SCHED_STATIC,  /* rank 0 splits [0, N) into one slice per rank and scatters them */
    MCPI_SCHED_DYNAMIC, /* fixed-size chunks handed out by rank 0 on request, in the order asked */
    MCPI_SCHED_GUIDED   /* chunks of remaining/(2*ranks), not below a minimum, handed out by rank 0 */
} mcpi_sched_kind;

typedef struct mcpi_schedule {
    mcpi_sched_kind kind;
    uint64_t chunk; /* dynamic: chunk size; guided: minimum chunk; 0 = engine's default */
} mcpi_schedule;

/* What a run measured. Tally and timings are valid on rank 0 of the communicator. */
typedef struct mcpi_result {
    uint64_t tally[MCPI_TALLY_MAX]; /* the combined tally */
    uint64_t items;                 /* size of the index space N */
    uint64_t chunks;                /* chunks handed out over all ranks */
    uint64_t chunk_size;            /* dynamic: the chunk size used; guided: the minimum */
    mcpi_schedule schedule;         /* the schedule used */
    int ranks;                      /* size of the communicator */
    double wall_s;                  /* start barrier to reduced result, on rank 0 */
    double compute_min_s;           /* per-rank time spent in map, min over ranks */
    double compute_mean_s;          /* ... mean over ranks */
    double compute_max_s;           /* ... max over ranks */
    double tracking_overhead;       /* runs tracked for a checkpoint or progress: the largest share of a
                                     * rank's compute time spent outside map (reports, polls, saves); else 0 */
    double wait_max_s;              /* time a rank waited for its work (scatter, or chunk answers), max over ranks */
    double wait_mean_s;             /* ... mean over ranks */
    uint64_t call_cost;             /* the workload's fixed cost per map call in items (call_cost), or 0 */
    uint64_t requests;              /* dynamic, guided: chunk requests rank 0 answered for other ranks */
    double serve_s;                 /* ... and the seconds rank 0 spent answering them */
} mcpi_result;

/* Runs workload w over [0, items) on every rank of comm (collective; every rank passes an equal w,
 * items and sched, and comm is an intracommunicator). Works on a private duplicate of comm with
 * MPI_ERRORS_RETURN, so an MPI failure is a status, not an abort, even on MPI_COMM_WORLD. Returns an
 * mcpi_status, the same on every rank; tally and timings in *res are valid on rank 0. */
int mcpi_engine_run(MPI_Comm comm, const mcpi_workload *w, uint64_t items,
                    const mcpi_schedule *sched, mcpi_result *res);

/* Load imbalance of a run: max/mean - 1 of the per-rank compute times (0 when perfectly even). */
double mcpi_imbalance(const mcpi_result *res);

/* Runs the whole mcpi program with argv on comm (collective: every rank passes the same argv; MPI is
 * initialised), rank 0 printing to out; returns the exit status, the same on every rank. */
int mcpi_run(int argc, char **argv, MPI_Comm comm, FILE *out);

#ifdef __cplusplus
}
#endif
#endif
