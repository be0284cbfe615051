/* engine.c - partition, schedule, compute, reduce and time a workload over [0, N). */
#include "config.h"
#include "mcpi.h"
#include "mpicheck.h"
#include "partition.h"

#include <stdlib.h>
#include <string.h>

/* Chunks per rank for the default dynamic chunk size: enough to even out variable-cost
 * work, few enough that one atomic fetch per chunk costs well under 1% of the run. */
enum { ENGINE_DYNAMIC_CHUNKS_PER_RANK = 32, ENGINE_GUIDED_MIN_DIVISOR = 1024 };

/* The chunk size a schedule uses for n items on p ranks. */
static uint64_t engine_chunk_size(const mcpi_schedule *s, uint64_t n, uint64_t p)
{
    if (s->chunk != 0)
        return s->chunk;
    uint64_t per = s->kind == MCPI_SCHED_DYNAMIC ? ENGINE_DYNAMIC_CHUNKS_PER_RANK * p
                                                  : ENGINE_GUIDED_MIN_DIVISOR * p;
    uint64_t size = n / per + (n % per != 0);
    return size ? size : 1;
}

/* Where a rank is in the deterministic sequence of chunks of a dynamic or guided schedule. */
typedef struct engine_cursor {
    uint64_t index; /* number of the chunk that starts at first */
    uint64_t first; /* first item of that chunk */
} engine_cursor;

/* Bounds of chunk number k (k never decreases between calls on one cursor); 0 when past the end. */
static int engine_chunk_bounds(const mcpi_result *r, uint64_t parts, engine_cursor *cur,
                               uint64_t k, uint64_t *first, uint64_t *count)
{
    uint64_t n = r->items;
    if (r->schedule.kind == MCPI_SCHED_DYNAMIC) {
        uint64_t chunks = n / r->chunk_size + (n % r->chunk_size != 0);
        if (k >= chunks)
            return 0;
        *first = k * r->chunk_size;
        *count = n - *first < r->chunk_size ? n - *first : r->chunk_size;
        return 1;
    }
    while (cur->index < k && cur->first < n) {
        cur->first += partition_guided_chunk(n - cur->first, parts, r->chunk_size);
        cur->index++;
    }
    if (cur->first >= n)
        return 0;
    *first = cur->first;
    *count = partition_guided_chunk(n - cur->first, parts, r->chunk_size);
    return 1;
}

/* Static schedule: rank 0 splits [0, N) and scatters (first, count) to every rank. */
static int engine_static(MPI_Comm comm, const mcpi_workload *w, mcpi_result *r,
                         uint64_t *tally, uint64_t *chunks_done, int *status, double *done_at)
{
    int rank, size;
    MPI_CHECK(MPI_Comm_rank(comm, &rank));
    MPI_CHECK(MPI_Comm_size(comm, &size));
    uint64_t *slices = NULL;
    if (rank == 0) {
        slices = malloc(2 * (size_t)size * sizeof *slices);
        if (slices == NULL) {
            fprintf(stderr, "mcpi: out of memory for %d slices\n", size);
            *status = MCPI_ERR_RUNTIME; /* still take part in the scatter below */
        } else {
            for (int i = 0; i < size; i++)
                partition_slice(r->items, (uint64_t)size, (uint64_t)i, &slices[2 * i], &slices[2 * i + 1]);
        }
    }
    uint64_t mine[2] = {0, 0};
    int rc = MPI_Scatter(slices, 2, MPI_UINT64_T, mine, 2, MPI_UINT64_T, 0, comm);
    free(slices);
    if (rc != MPI_SUCCESS) {
        mpicheck_report(__FILE__, __LINE__, "MPI_Scatter", rc);
        return MCPI_ERR_RUNTIME;
    }
    if (mine[1] > 0 && *status == MCPI_OK) {
        *status = w->map(mine[0], mine[1], tally, w->ctx);
        *chunks_done = 1;
    }
    *done_at = MPI_Wtime();
    return MCPI_OK;
}

/* Dynamic and guided schedules: every rank takes chunk numbers from an atomic counter on rank 0. */
static int engine_counter(MPI_Comm comm, const mcpi_workload *w, mcpi_result *r,
                          uint64_t *tally, uint64_t *chunks_done, int *status, double *done_at)
{
    int rank, size;
    MPI_CHECK(MPI_Comm_rank(comm, &rank));
    MPI_CHECK(MPI_Comm_size(comm, &size));
    uint64_t *counter = NULL;
    MPI_Win win = MPI_WIN_NULL;
    int made = MPI_Win_allocate(rank == 0 ? (MPI_Aint)sizeof *counter : 0, (int)sizeof *counter,
                                MPI_INFO_NULL, comm, &counter, &win) == MPI_SUCCESS;
    int all_made = 0;
    MPI_CHECK(MPI_Allreduce(&made, &all_made, 1, MPI_INT, MPI_MIN, comm));
    if (!all_made) {
        /* Open MPI 4.1's osc/rdma cannot make windows over plain TCP (ob1); osc/pt2pt can. */
        if (made)
            MPI_Win_free(&win);
        if (rank == 0)
            fprintf(stderr, "mcpi: the MPI library cannot create the one-sided window that dynamic and guided "
                            "schedules need on this network (with Open MPI over TCP add --mca osc pt2pt), "
                            "or use --schedule static\n");
        return MCPI_ERR_RUNTIME;
    }
    MPI_CHECK(MPI_Win_set_errhandler(win, MPI_ERRORS_RETURN));
    if (rank == 0) {
        MPI_CHECK(MPI_Win_lock(MPI_LOCK_EXCLUSIVE, 0, 0, win));
        *counter = 0;
        MPI_CHECK(MPI_Win_unlock(0, win));
    }
    MPI_CHECK(MPI_Barrier(comm));
    MPI_CHECK(MPI_Win_lock_all(MPI_MODE_NOCHECK, win));
    engine_cursor cur = {0, 0};
    const uint64_t one = 1;
    for (;;) {
        uint64_t k, first, count;
        MPI_CHECK(MPI_Fetch_and_op(&one, &k, MPI_UINT64_T, 0, 0, MPI_SUM, win));
        MPI_CHECK(MPI_Win_flush(0, win));
        if (!engine_chunk_bounds(r, (uint64_t)size, &cur, k, &first, &count))
            break;
        (*chunks_done)++;
        if (*status == MCPI_OK)
            *status = w->map(first, count, tally, w->ctx);
    }
    *done_at = MPI_Wtime(); /* before MPI_Win_free, which waits for the other ranks */
    MPI_CHECK(MPI_Win_unlock_all(win));
    MPI_CHECK(MPI_Win_free(&win));
    return MCPI_OK;
}

/* MPI gives a user-defined reduction no context pointer, so the workload travels with the
 * datatype as an attribute. The keyval is the one process-wide value: created on first use and
 * freed at MPI_Finalize, which deletes MPI_COMM_SELF's attributes first (the MPI standard's hook
 * for cleaning up at finalize). */
static int engine_keyval = MPI_KEYVAL_INVALID;

static int engine_free_keyval(MPI_Comm comm, int comm_keyval, void *value, void *extra)
{
    (void)comm, (void)value, (void)extra;
    MPI_Type_free_keyval(&engine_keyval);
    MPI_Comm_free_keyval(&comm_keyval);
    return MPI_SUCCESS;
}

/* Creates the type keyval once, with its clean-up at MPI_Finalize. */
static int engine_make_keyval(void)
{
    if (engine_keyval != MPI_KEYVAL_INVALID)
        return MCPI_OK;
    int at_finalize;
    MPI_CHECK(MPI_Type_create_keyval(MPI_TYPE_NULL_COPY_FN, MPI_TYPE_NULL_DELETE_FN, &engine_keyval, NULL));
    MPI_CHECK(MPI_Comm_create_keyval(MPI_COMM_NULL_COPY_FN, engine_free_keyval, &at_finalize, NULL));
    MPI_CHECK(MPI_Comm_set_attr(MPI_COMM_SELF, at_finalize, NULL));
    return MCPI_OK;
}

static void engine_combine_op(void *in, void *inout, int *len, MPI_Datatype *type)
{
    const mcpi_workload *w = NULL;
    int found = 0;
    MPI_Type_get_attr(*type, engine_keyval, &w, &found);
    if (!found)
        return;
    for (int i = 0; i < *len; i++)
        w->combine((uint64_t *)inout + (size_t)i * (size_t)w->tally_words,
                   (const uint64_t *)in + (size_t)i * (size_t)w->tally_words, w->ctx);
}

/* Reduces the tallies to rank 0 with the workload's combine rule. */
static int engine_reduce(MPI_Comm comm, const mcpi_workload *w, const uint64_t *local, uint64_t *out)
{
    if (w->combine == NULL) {
        MPI_CHECK(MPI_Reduce(local, out, w->tally_words, MPI_UINT64_T, MPI_SUM, 0, comm));
        return MCPI_OK;
    }
    if (engine_make_keyval() != MCPI_OK)
        return MCPI_ERR_RUNTIME;
    MPI_Datatype type;
    MPI_Op op;
    MPI_CHECK(MPI_Type_contiguous(w->tally_words, MPI_UINT64_T, &type));
    MPI_CHECK(MPI_Type_commit(&type));
    MPI_CHECK(MPI_Type_set_attr(type, engine_keyval, (void *)w));
    MPI_CHECK(MPI_Op_create(engine_combine_op, 1, &op));
    int rc = MPI_Reduce(local, out, 1, type, op, 0, comm);
    MPI_Op_free(&op);
    MPI_Type_free(&type);
    if (rc != MPI_SUCCESS) {
        mpicheck_report(__FILE__, __LINE__, "MPI_Reduce", rc);
        return MCPI_ERR_RUNTIME;
    }
    return MCPI_OK;
}

int mcpi_engine_run(MPI_Comm comm, const mcpi_workload *w, uint64_t items,
                    const mcpi_schedule *sched, mcpi_result *res)
{
    if (w == NULL || w->map == NULL || w->tally_words < 1 || w->tally_words > MCPI_TALLY_MAX) {
        fprintf(stderr, "mcpi: invalid workload definition\n");
        return MCPI_ERR_USAGE;
    }
    int rank, size;
    MPI_CHECK(MPI_Comm_rank(comm, &rank));
    MPI_CHECK(MPI_Comm_size(comm, &size));
    memset(res, 0, sizeof *res);
    res->items = items;
    res->ranks = size;
    res->schedule = *sched;
    if (sched->kind != MCPI_SCHED_STATIC)
        res->chunk_size = engine_chunk_size(sched, items, (uint64_t)size);

    uint64_t tally[MCPI_TALLY_MAX] = {0};
    if (w->identity != NULL)
        w->identity(tally, w->ctx);
    uint64_t chunks_done = 0;
    int status = MCPI_OK;

    MPI_CHECK(MPI_Barrier(comm));
    double t0 = MPI_Wtime();
    double done_at = t0;
    int rc = sched->kind == MCPI_SCHED_STATIC
                 ? engine_static(comm, w, res, tally, &chunks_done, &status, &done_at)
                 : engine_counter(comm, w, res, tally, &chunks_done, &status, &done_at);
    if (rc != MCPI_OK)
        return rc;
    double busy = done_at - t0; /* this rank's time from the start to its last chunk done */
    rc = engine_reduce(comm, w, tally, res->tally);
    if (rc != MCPI_OK)
        return rc;
    res->wall_s = MPI_Wtime() - t0;

    /* Every rank learns the worst status; rank 0 also gets the timing spread and chunk count. */
    double worst[3] = {(double)status, busy, -busy}, agreed[3];
    MPI_CHECK(MPI_Allreduce(worst, agreed, 3, MPI_DOUBLE, MPI_MAX, comm));
    double sums[2] = {busy, (double)chunks_done}, total[2] = {0, 0};
    MPI_CHECK(MPI_Reduce(sums, total, 2, MPI_DOUBLE, MPI_SUM, 0, comm));
    res->compute_max_s = agreed[1];
    res->compute_min_s = -agreed[2];
    res->compute_mean_s = total[0] / size;
    res->chunks = (uint64_t)total[1];
    return (int)agreed[0];
}

double mcpi_imbalance(const mcpi_result *res)
{
    if (res->compute_mean_s <= 0)
        return 0;
    return res->compute_max_s / res->compute_mean_s - 1;
}
