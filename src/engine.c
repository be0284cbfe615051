/* engine.c - partition, schedule, compute, reduce and time a workload over [0, N).
 *
 * Static: rank 0 scatters one balanced slice per rank. Dynamic and guided: rank 0 hands out
 * chunks on request with two-sided messages only. Every other rank keeps one request in flight
 * while it computes (it asks for its next chunk as soon as it starts one), so an answer has a
 * whole chunk's time to arrive. Rank 0 computes too; where MPI provides MPI_THREAD_MULTIPLE a
 * server thread on rank 0 answers (MPI_Test, then a sleep that backs off from 20 us to 1 ms while
 * nothing comes), otherwise rank 0 answers between short slices of its own work. The order in
 * which chunks are handed out changes nothing in the result: tallies are integers and combine is
 * commutative and associative. */
#include "config.h"
#include "engine.h"
#include "mpicheck.h"
#include "partition.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Default chunks: dynamic N / (32 ranks), guided at least N / (1024 ranks), enough to even out
 * variable-cost work; and at least ENGINE_CALL_COST_FACTOR times the workload's fixed cost per
 * call, so that cost stays under 1/33 (3%) of every chunk; never above a static slice N / ranks. */
enum { ENGINE_DYNAMIC_CHUNKS_PER_RANK = 32, ENGINE_GUIDED_MIN_DIVISOR = 1024, ENGINE_CALL_COST_FACTOR = 32 };

/* The chunk size (dynamic) or minimum chunk (guided) for n items on p ranks, with a fixed cost
 * per call worth call_cost items. */
static uint64_t engine_chunk_size(const mcpi_schedule *s, uint64_t n, uint64_t p, uint64_t call_cost)
{
    if (s->chunk != 0)
        return s->chunk;
    uint64_t per = s->kind == MCPI_SCHED_DYNAMIC ? ENGINE_DYNAMIC_CHUNKS_PER_RANK * p
                                                  : ENGINE_GUIDED_MIN_DIVISOR * p;
    uint64_t size = n / per + (n % per != 0);
    uint64_t floor = call_cost > UINT64_MAX / ENGINE_CALL_COST_FACTOR ? UINT64_MAX : call_cost * ENGINE_CALL_COST_FACTOR;
    uint64_t slice = n / p + (n % p != 0);
    size = size > floor ? size : floor;
    size = size < slice ? size : slice;
    return size ? size : 1;
}

/* Tags of the tracking messages, and the kinds of report a rank sends to rank 0. */
enum { ENGINE_TAG_REPORT = 7101, ENGINE_TAG_STOP = 7102, ENGINE_TAG_ASK = 7103, ENGINE_TAG_CHUNK = 7104 };
/* What a rank sends rank 0 with ENGINE_TAG_ASK: a request for a chunk, or a goodbye (it asks no more). */
enum { ENGINE_ASK = 1, ENGINE_BYE = 2 };
/* The server thread's sleep while no request comes: from 20 us, doubling, up to 1 ms. */
enum { ENGINE_IDLE_MIN_NS = 20000, ENGINE_IDLE_MAX_NS = 1000000 };
/* Without a server thread, rank 0 answers between slices of its own work of about this long. */
#define ENGINE_SLICE_S 0.01
enum { ENGINE_PIECE = 1, ENGINE_FINAL = 2, ENGINE_SIGNAL = 4 };
/* A report: kind, first, count, signal, then the piece's tally. */
enum { ENGINE_MSG_HEAD = 4, ENGINE_MSG_WORDS = ENGINE_MSG_HEAD + MCPI_TALLY_MAX, ENGINE_RING = 16 };
/* A piece starts this small and doubles while it takes under ENGINE_PIECE_S, or while doubling
 * still raises the rate by over 10% (work with a fixed cost per call, like sieving near 2^64). */
enum { ENGINE_FIRST_PIECE = 4096 };
#define ENGINE_GROWTH_GAIN 1.1

/* Rank 0's chunk server for dynamic and guided schedules. */
typedef struct engine_server {
    pthread_mutex_t lock; /* guards next and stop: rank 0's own work takes chunks too */
    uint64_t next;        /* first index of the schedule's space not handed out */
    int stop;             /* hand out nothing more */
    int ended;            /* other ranks that had their last answer or said goodbye */
    int threaded;         /* a server thread answers; else rank 0 between its slices */
    pthread_t thread;
    MPI_Request req;      /* the receive of the next request */
    uint64_t in;          /* its buffer */
    uint64_t requests;    /* requests answered */
    double serve_s;       /* seconds spent answering them */
} engine_server;

/* One rank's state during a run. */
typedef struct engine_state {
    MPI_Comm comm;
    int rank, size;
    const mcpi_workload *w;
    mcpi_result *r;
    engine_track *t;     /* NULL: a plain run */
    uint64_t space;      /* items the schedule splits: N, or what todo leaves of it */
    uint64_t tally[MCPI_TALLY_MAX]; /* plain run: this rank's tally */
    uint64_t chunks_done;
    int status;          /* the worst status of this rank's map calls (or MPI failures in tracking) */
    double t0, done_at;
    double map_s;        /* tracking: seconds spent in map */
    double wait_s;       /* seconds this rank waited for work */
    engine_server *srv;  /* rank 0, dynamic and guided: the chunk server */
    double slice_s;      /* rank 0 answering between its own slices: their target length, else 0 */
    /* Tracking, every rank. */
    uint64_t piece;      /* items in the next piece */
    double prev_rate;    /* items/s of the last full piece */
    int grew;            /* the last full piece was twice the one before */
    int stop_sig;        /* the signal that asks for a stop (seen here or reported), or 0 */
    int stopping;        /* take no more work */
    int told;            /* worker: rank 0 knows of this rank's signal */
    int stop_got;        /* worker: rank 0's stop message has been received */
    MPI_Request ring[ENGINE_RING];
    uint64_t msg[ENGINE_RING][ENGINE_MSG_WORDS];
    int next;
    /* Tracking, rank 0. */
    int stop_sent;
    int save_failed;
    MPI_Request *stop_reqs;
    int finals;
    uint64_t done_items, run_items;
    double last_save, last_progress;
} engine_state;

/* Merges in into inout by the workload's rule. */
static void engine_combine(const mcpi_workload *w, uint64_t *inout, const uint64_t *in)
{
    if (w->combine != NULL) {
        w->combine(inout, in, w->ctx);
        return;
    }
    for (int i = 0; i < w->tally_words; i++)
        inout[i] += in[i];
}

/* Rank 0: adds a finished piece [first, first+count) with its tally to the done part. */
static void engine_merge(engine_state *st, uint64_t first, uint64_t count, const uint64_t *tally)
{
    int rc = intervals_add(st->t->done, first, first + count);
    if (rc != INTERVALS_OK) { /* a piece done twice or lost memory: the record can no longer be trusted */
        fprintf(stderr, "mcpi: %s while recording the finished piece [%llu, %llu)\n",
                rc == INTERVALS_NOMEM ? "out of memory" : "internal error: overlap",
                (unsigned long long)first, (unsigned long long)(first + count));
        st->status = MCPI_ERR_RUNTIME;
        st->stopping = 1;
        return;
    }
    engine_combine(st->w, st->t->tally, tally);
    st->done_items += count;
    st->run_items += count;
}

/* Rank 0: asks every other rank to stop (once). */
static void engine_send_stops(engine_state *st)
{
    static const int none = 0;
    if (st->stop_sent || st->size == 1)
        return;
    st->stop_reqs = malloc((size_t)st->size * sizeof *st->stop_reqs);
    if (st->stop_reqs == NULL) {
        st->status = MCPI_ERR_RUNTIME;
        return;
    }
    st->stop_reqs[0] = MPI_REQUEST_NULL;
    for (int i = 1; i < st->size; i++)
        if (MPI_Isend(&none, 1, MPI_INT, i, ENGINE_TAG_STOP, st->comm, &st->stop_reqs[i]) != MPI_SUCCESS)
            st->stop_reqs[i] = MPI_REQUEST_NULL, st->status = MCPI_ERR_RUNTIME;
    st->stop_sent = 1;
}

/* An MPI failure inside the chunk protocol leaves ranks waiting for messages that will never come:
 * no status can reach them, so the job ends here, after a line that says where. */
static void engine_protocol_check(engine_state *st, int rc, const char *call)
{
    if (rc == MPI_SUCCESS)
        return;
    mpicheck_report(__FILE__, __LINE__, call, rc);
    MPI_Abort(st->comm, MCPI_ERR_RUNTIME);
}

/* Size of the chunk that starts at `next` of the schedule's space (left = space - next > 0). */
static uint64_t engine_next_size(const engine_state *st, uint64_t left)
{
    uint64_t n = st->r->schedule.kind == MCPI_SCHED_DYNAMIC
                     ? st->r->chunk_size
                     : partition_guided_chunk(left, (uint64_t)st->size, st->r->chunk_size);
    return n < left ? n : left;
}

/* The first chunks need no request: chunk r of the schedule's sequence goes to rank r (a count of
 * 0 when there are fewer chunks than ranks). Returns where the server starts handing out. */
static uint64_t engine_first_chunk(const engine_state *st, uint64_t *first, uint64_t *count)
{
    uint64_t next = 0;
    *first = *count = 0;
    for (int r = 0; r < st->size && next < st->space; r++) {
        uint64_t n = engine_next_size(st, st->space - next);
        if (r == st->rank) {
            *first = next;
            *count = n;
        }
        next += n;
    }
    return next;
}

/* Takes the next chunk of the schedule's space for any rank; 0 when none is left (or on a stop). */
static int engine_take(engine_state *st, uint64_t *first, uint64_t *count)
{
    engine_server *s = st->srv;
    pthread_mutex_lock(&s->lock);
    int got = !s->stop && s->next < st->space;
    if (got) {
        *first = s->next;
        *count = engine_next_size(st, st->space - s->next);
        s->next += *count;
    }
    pthread_mutex_unlock(&s->lock);
    return got;
}

/* Rank 0: hands out nothing more (a stop, or a failure). */
static void engine_server_stop(engine_state *st)
{
    if (st->srv == NULL)
        return;
    pthread_mutex_lock(&st->srv->lock);
    st->srv->stop = 1;
    pthread_mutex_unlock(&st->srv->lock);
}

/* Rank 0: answers every request that has arrived (a chunk, or {0, 0} when there is none left);
 * returns how many. Called by the server thread, or by rank 0 between its slices. */
static int engine_serve_pending(engine_state *st)
{
    engine_server *s = st->srv;
    int answered = 0;
    while (s->ended < st->size - 1) {
        int arrived = 0;
        MPI_Status ms;
        engine_protocol_check(st, MPI_Test(&s->req, &arrived, &ms), "MPI_Test");
        if (!arrived)
            break;
        double a = MPI_Wtime();
        uint64_t what = s->in;
        if (what == ENGINE_BYE) {
            s->ended++;
        } else {
            uint64_t chunk[2] = {0, 0};
            if (!engine_take(st, &chunk[0], &chunk[1]))
                s->ended++; /* its last answer */
            engine_protocol_check(st, MPI_Send(chunk, 2, MPI_UINT64_T, ms.MPI_SOURCE, ENGINE_TAG_CHUNK, st->comm),
                                  "MPI_Send");
            s->requests++;
        }
        if (s->ended < st->size - 1)
            engine_protocol_check(st, MPI_Irecv(&s->in, 1, MPI_UINT64_T, MPI_ANY_SOURCE, ENGINE_TAG_ASK, st->comm, &s->req),
                                  "MPI_Irecv");
        s->serve_s += MPI_Wtime() - a;
        answered++;
    }
    return answered;
}

/* The server thread: answers requests until every other rank has had its last answer. */
static void *engine_serve_thread(void *arg)
{
    engine_state *st = arg;
    long idle = ENGINE_IDLE_MIN_NS;
    while (st->srv->ended < st->size - 1) {
        if (engine_serve_pending(st) > 0) {
            idle = ENGINE_IDLE_MIN_NS;
            continue;
        }
        nanosleep(&(struct timespec){0, idle}, NULL);
        idle = idle * 2 < ENGINE_IDLE_MAX_NS ? idle * 2 : ENGINE_IDLE_MAX_NS;
    }
    return NULL;
}

/* Rank 0 without a server thread: answers until every other rank has had its last answer. */
static void engine_serve_rest(engine_state *st)
{
    while (st->srv->ended < st->size - 1)
        if (engine_serve_pending(st) == 0)
            nanosleep(&(struct timespec){0, 200000}, NULL); /* idle: leave the core to the others */
}

/* Rank 0: takes in every waiting report, notices stop requests, and saves and shows progress when due. */
static void engine_poll(engine_state *st)
{
    engine_track *t = st->t;
    for (;;) {
        int waiting = 0;
        MPI_Status ms;
        if (MPI_Iprobe(MPI_ANY_SOURCE, ENGINE_TAG_REPORT, st->comm, &waiting, &ms) != MPI_SUCCESS) {
            st->status = MCPI_ERR_RUNTIME;
            st->stopping = 1;
            break;
        }
        if (!waiting)
            break;
        uint64_t m[ENGINE_MSG_WORDS];
        if (MPI_Recv(m, ENGINE_MSG_WORDS, MPI_UINT64_T, ms.MPI_SOURCE, ENGINE_TAG_REPORT, st->comm,
                     MPI_STATUS_IGNORE) != MPI_SUCCESS) {
            st->status = MCPI_ERR_RUNTIME;
            st->stopping = 1;
            break;
        }
        if (m[0] & ENGINE_PIECE)
            engine_merge(st, m[1], m[2], m + ENGINE_MSG_HEAD);
        if (m[0] & ENGINE_SIGNAL && st->stop_sig == 0)
            st->stop_sig = (int)m[3];
        if (m[0] & ENGINE_FINAL) {
            st->finals++;
            if (m[1] != MCPI_OK && st->status == MCPI_OK) /* a worker's map failed: its part is missing */
                st->status = (int)m[1];
        }
    }
    int sig = t->stop != NULL ? t->stop() : 0;
    if (sig != 0 && st->stop_sig == 0)
        st->stop_sig = sig;
    if (st->stop_sig != 0 || st->status != MCPI_OK) {
        st->stopping = 1;
        engine_send_stops(st);
        engine_server_stop(st);
    }
    if (st->srv != NULL && !st->srv->threaded)
        engine_serve_pending(st);
    double now = MPI_Wtime();
    if (t->save != NULL && t->save_every_s > 0 && now - st->last_save >= t->save_every_s && st->status == MCPI_OK) {
        st->last_save = now;
        if (t->save(t->ctx) != MCPI_OK) {
            st->save_failed = 1;
            st->status = MCPI_ERR_RUNTIME; /* the message is out; stop like on a signal */
            st->stopping = 1;
            engine_send_stops(st);
        }
    }
    if (t->progress != NULL && t->progress_every_s > 0 && now - st->last_progress >= t->progress_every_s) {
        st->last_progress = now;
        t->progress(t->ctx, st->done_items, st->r->items, st->run_items, now - st->t0);
    }
}

/* A worker: sends one report to rank 0 without waiting for it (a ring of buffers in flight). */
static void engine_send(engine_state *st, uint64_t kind, uint64_t first, uint64_t count, const uint64_t *tally)
{
    int slot = st->next;
    st->next = (st->next + 1) % ENGINE_RING;
    if (st->ring[slot] != MPI_REQUEST_NULL && MPI_Wait(&st->ring[slot], MPI_STATUS_IGNORE) != MPI_SUCCESS)
        st->status = MCPI_ERR_RUNTIME;
    uint64_t *m = st->msg[slot];
    m[0] = kind;
    m[1] = first;
    m[2] = count;
    m[3] = (uint64_t)st->stop_sig;
    if (tally != NULL)
        memcpy(m + ENGINE_MSG_HEAD, tally, (size_t)st->w->tally_words * sizeof *tally);
    if (MPI_Isend(m, ENGINE_MSG_HEAD + st->w->tally_words, MPI_UINT64_T, 0, ENGINE_TAG_REPORT, st->comm,
                  &st->ring[slot]) != MPI_SUCCESS)
        st->status = MCPI_ERR_RUNTIME;
}

/* A worker: notices its own stop signal (and tells rank 0) or rank 0's stop message. */
static void engine_check(engine_state *st)
{
    int sig = st->t->stop != NULL ? st->t->stop() : 0;
    if (sig != 0 && !st->told) {
        st->stop_sig = sig;
        st->stopping = 1;
        st->told = 1;
        engine_send(st, ENGINE_SIGNAL, 0, 0, NULL);
    }
    int waiting = 0;
    if (!st->stop_got && MPI_Iprobe(0, ENGINE_TAG_STOP, st->comm, &waiting, MPI_STATUS_IGNORE) == MPI_SUCCESS &&
        waiting) {
        int none;
        MPI_Recv(&none, 1, MPI_INT, 0, ENGINE_TAG_STOP, st->comm, MPI_STATUS_IGNORE);
        st->stop_got = 1;
        st->stopping = 1;
    }
    if (st->status != MCPI_OK)
        st->stopping = 1;
}

/* Doubles the piece size while pieces are short (under ENGINE_PIECE_S, or ENGINE_SLICE_S for
 * rank 0 answering between slices), or while doubling still pays. */
static void engine_grow(engine_state *st, uint64_t n, double seconds)
{
    if (n != st->piece)
        return; /* cut short by the end of an interval or chunk: says nothing of the size */
    double rate = seconds > 0 ? (double)n / seconds : 0;
    double target = st->slice_s > 0 ? st->slice_s : ENGINE_PIECE_S;
    int grow = seconds < target || (st->grew && rate > ENGINE_GROWTH_GAIN * st->prev_rate);
    if (grow && st->piece < (UINT64_C(1) << 62))
        st->piece *= 2;
    st->grew = grow;
    st->prev_rate = rate;
}

/* Does the items [vfirst, vfirst+vcount) of the schedule's index space. */
static void engine_do_chunk(engine_state *st, uint64_t vfirst, uint64_t vcount)
{
    const mcpi_workload *w = st->w;
    st->chunks_done++;
    if (st->t == NULL && st->slice_s == 0) {
        if (st->status == MCPI_OK)
            st->status = w->map(vfirst, vcount, st->tally, w->ctx);
        return;
    }
    while (st->t == NULL && vcount > 0 && st->status == MCPI_OK) { /* rank 0 answering between slices */
        uint64_t n = st->piece < vcount ? st->piece : vcount;
        double a = MPI_Wtime();
        st->status = w->map(vfirst, n, st->tally, w->ctx);
        engine_grow(st, n, MPI_Wtime() - a);
        vfirst += n;
        vcount -= n;
        engine_serve_pending(st);
    }
    if (st->t == NULL)
        return;
    while (vcount > 0 && !st->stopping) {
        uint64_t real = vfirst, run = st->space - vfirst;
        if (st->t->todo != NULL)
            intervals_locate(st->t->todo, vfirst, &real, &run);
        uint64_t n = st->piece;
        n = n < run ? n : run;
        n = n < vcount ? n : vcount;
        uint64_t piece[MCPI_TALLY_MAX] = {0};
        if (w->identity != NULL)
            w->identity(piece, w->ctx);
        double a = MPI_Wtime();
        st->status = w->map(real, n, piece, w->ctx);
        st->done_at = MPI_Wtime();
        if (st->status != MCPI_OK)
            break;
        st->map_s += st->done_at - a;
        engine_grow(st, n, st->done_at - a);
        vfirst += n;
        vcount -= n;
        if (st->rank == 0) {
            engine_merge(st, real, n, piece);
            engine_poll(st);
        } else {
            engine_send(st, ENGINE_PIECE, real, n, piece);
            engine_check(st);
        }
    }
}

/* Looks for stop requests before taking more work. */
static void engine_between_chunks(engine_state *st)
{
    if (st->t == NULL)
        return;
    if (st->rank == 0)
        engine_poll(st);
    else
        engine_check(st);
}

/* Tracking: every worker sends its last report; rank 0 takes in all of them, saves a last time and
 * tells every rank how the run ended. Does nothing for a plain run. */
static int engine_finish_tracking(engine_state *st)
{
    engine_track *t = st->t;
    if (t == NULL)
        return MCPI_OK;
    int outcome[3] = {MCPI_OK, 0, 0}; /* status, signal, stop sent */
    if (st->rank != 0) {
        engine_send(st, ENGINE_FINAL, (uint64_t)st->status, 0, NULL);
        if (MPI_Waitall(ENGINE_RING, st->ring, MPI_STATUSES_IGNORE) != MPI_SUCCESS)
            st->status = MCPI_ERR_RUNTIME;
    } else {
        while (st->finals < st->size - 1) {
            int before = st->finals;
            uint64_t seen = st->run_items;
            engine_poll(st);
            if (st->finals == before && st->run_items == seen)
                nanosleep(&(struct timespec){0, 200000}, NULL); /* idle: leave the core to the others */
        }
        if (st->status == MCPI_OK && st->stop_sig == 0 && intervals_total(t->done) != st->r->items) {
            fprintf(stderr, "mcpi: internal error: the run ended with %llu of %llu items done\n",
                    (unsigned long long)intervals_total(t->done), (unsigned long long)st->r->items);
            st->status = MCPI_ERR_RUNTIME;
        }
        if (t->save != NULL && !st->save_failed && t->save(t->ctx) != MCPI_OK)
            st->status = MCPI_ERR_RUNTIME;
        /* The last progress line, unless the run failed: then its error is the one line. */
        if (t->progress != NULL && t->progress_every_s > 0 && st->status == MCPI_OK)
            t->progress(t->ctx, st->done_items, st->r->items, st->run_items, MPI_Wtime() - st->t0);
        /* A stop that came when every piece was already done stops nothing: the result is whole. */
        int stopped = st->stop_sig != 0 && intervals_total(t->done) != st->r->items;
        outcome[0] = st->status != MCPI_OK ? st->status : stopped ? MCPI_STOPPED : MCPI_OK;
        outcome[1] = stopped ? st->stop_sig : 0;
        outcome[2] = st->stop_sent;
        if (st->stop_reqs != NULL && MPI_Waitall(st->size, st->stop_reqs, MPI_STATUSES_IGNORE) != MPI_SUCCESS)
            outcome[0] = MCPI_ERR_RUNTIME;
        free(st->stop_reqs);
        st->stop_reqs = NULL;
    }
    MPI_CHECK(MPI_Bcast(outcome, 3, MPI_INT, 0, st->comm));
    if (st->rank != 0 && outcome[2] && !st->stop_got) /* the stop message came after this rank's last look */
        MPI_CHECK(MPI_Recv(&outcome[2], 1, MPI_INT, 0, ENGINE_TAG_STOP, st->comm, MPI_STATUS_IGNORE));
    t->stopped_by = outcome[1];
    if (st->rank == 0)
        memcpy(st->r->tally, t->tally, (size_t)st->w->tally_words * sizeof *t->tally);
    return outcome[0];
}

/* Static schedule: rank 0 splits the space and scatters (first, count) to every rank. */
static int engine_static(engine_state *st)
{
    uint64_t *slices = NULL;
    if (st->rank == 0) {
        slices = malloc(2 * (size_t)st->size * sizeof *slices);
        if (slices == NULL) {
            fprintf(stderr, "mcpi: out of memory for %d slices\n", st->size);
            st->status = MCPI_ERR_RUNTIME; /* still take part in the scatter below */
        } else {
            for (int i = 0; i < st->size; i++)
                partition_slice(st->space, (uint64_t)st->size, (uint64_t)i, &slices[2 * i], &slices[2 * i + 1]);
        }
    }
    uint64_t mine[2] = {0, 0};
    int rc = MPI_Scatter(slices, 2, MPI_UINT64_T, mine, 2, MPI_UINT64_T, 0, st->comm);
    st->wait_s = MPI_Wtime() - st->t0;
    free(slices);
    if (rc != MPI_SUCCESS) {
        mpicheck_report(__FILE__, __LINE__, "MPI_Scatter", rc);
        return MCPI_ERR_RUNTIME;
    }
    engine_between_chunks(st);
    if (mine[1] > 0 && (st->t != NULL || st->status == MCPI_OK) && !st->stopping)
        engine_do_chunk(st, mine[0], mine[1]);
    if (st->t == NULL)
        st->done_at = MPI_Wtime();
    return engine_finish_tracking(st);
}

/* Dynamic and guided schedules, another rank: asks rank 0 for chunks, one request always in flight. */
static void engine_worker(engine_state *st)
{
    static const uint64_t ask = ENGINE_ASK, bye = ENGINE_BYE;
    uint64_t reply[2] = {0, 0}, first, count;
    MPI_Request rq;
    engine_first_chunk(st, &first, &count);
    engine_protocol_check(st, MPI_Irecv(reply, 2, MPI_UINT64_T, 0, ENGINE_TAG_CHUNK, st->comm, &rq), "MPI_Irecv");
    engine_protocol_check(st, MPI_Send(&ask, 1, MPI_UINT64_T, 0, ENGINE_TAG_ASK, st->comm), "MPI_Send");
    engine_between_chunks(st);
    if (count > 0 && !st->stopping)
        engine_do_chunk(st, first, count); /* the first chunk, while the answer for the next travels */
    for (;;) {
        double a = MPI_Wtime();
        engine_protocol_check(st, MPI_Wait(&rq, MPI_STATUS_IGNORE), "MPI_Wait");
        st->wait_s += MPI_Wtime() - a;
        if (reply[1] == 0)
            break; /* rank 0 has no more work: its last answer */
        first = reply[0];
        count = reply[1];
        engine_between_chunks(st);
        if (st->stopping || (st->t == NULL && st->status != MCPI_OK)) {
            engine_protocol_check(st, MPI_Send(&bye, 1, MPI_UINT64_T, 0, ENGINE_TAG_ASK, st->comm), "MPI_Send");
            break;
        }
        /* Ask for the next chunk now: its answer travels while this one is computed. */
        engine_protocol_check(st, MPI_Irecv(reply, 2, MPI_UINT64_T, 0, ENGINE_TAG_CHUNK, st->comm, &rq), "MPI_Irecv");
        engine_protocol_check(st, MPI_Send(&ask, 1, MPI_UINT64_T, 0, ENGINE_TAG_ASK, st->comm), "MPI_Send");
        engine_do_chunk(st, first, count);
    }
}

/* Whether rank 0 may answer from a thread of its own: MPI_THREAD_MULTIPLE, unless MCPI_SERVER=poll
 * asks for answers between slices (the path for programs that start MPI without threads). */
static int engine_threaded(void)
{
    int level = MPI_THREAD_SINGLE;
    if (MPI_Query_thread(&level) != MPI_SUCCESS || level != MPI_THREAD_MULTIPLE)
        return 0;
    const char *mode = getenv("MCPI_SERVER");
    return mode == NULL || strcmp(mode, "poll") != 0;
}

/* Dynamic and guided schedules, rank 0: serves the chunks and computes its own share. */
static int engine_rank0(engine_state *st)
{
    engine_server *s = calloc(1, sizeof *s);
    int ok = s != NULL;
    uint64_t first = 0, count = 0;
    if (ok) {
        pthread_mutex_init(&s->lock, NULL);
        s->req = MPI_REQUEST_NULL;
        st->srv = s;
        s->next = engine_first_chunk(st, &first, &count);
        if (st->size > 1) {
            engine_protocol_check(st, MPI_Irecv(&s->in, 1, MPI_UINT64_T, MPI_ANY_SOURCE, ENGINE_TAG_ASK, st->comm, &s->req),
                                  "MPI_Irecv");
            s->threaded = engine_threaded() && pthread_create(&s->thread, NULL, engine_serve_thread, st) == 0;
            if (!s->threaded)
                st->slice_s = ENGINE_SLICE_S;
        }
    }
    for (;;) {
        engine_between_chunks(st);
        if (!ok || st->stopping || (st->t == NULL && st->status != MCPI_OK))
            break;
        if (count == 0 && !engine_take(st, &first, &count))
            break;
        engine_do_chunk(st, first, count);
        count = 0;
    }
    if (!ok) {
        /* No memory for the server: the other ranks wait for answers that cannot come. */
        fprintf(stderr, "mcpi: out of memory for the chunk server\n");
        MPI_Abort(st->comm, MCPI_ERR_RUNTIME);
    }
    engine_server_stop(st); /* after a stop or a failure here, hand out nothing more */
    if (st->t == NULL)
        st->done_at = MPI_Wtime();
    int rc = engine_finish_tracking(st); /* with a thread, answers go on meanwhile; else engine_poll answers */
    if (s->threaded)
        pthread_join(s->thread, NULL);
    else if (st->size > 1)
        engine_serve_rest(st);
    st->r->requests = s->requests;
    st->r->serve_s = s->serve_s;
    pthread_mutex_destroy(&s->lock);
    free(s);
    st->srv = NULL;
    return rc;
}

/* Dynamic and guided schedules. */
static int engine_dynamic(engine_state *st)
{
    if (st->rank == 0)
        return engine_rank0(st);
    engine_worker(st);
    if (st->t == NULL)
        st->done_at = MPI_Wtime();
    return engine_finish_tracking(st);
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

int engine_run(MPI_Comm comm, const mcpi_workload *w, uint64_t items, const mcpi_schedule *sched,
               engine_track *track, mcpi_result *res)
{
    if (w == NULL || w->map == NULL || w->tally_words < 1 || w->tally_words > MCPI_TALLY_MAX) {
        fprintf(stderr, "mcpi: invalid workload definition\n");
        return MCPI_ERR_USAGE;
    }
    int rank, size;
    MPI_CHECK(MPI_Comm_rank(comm, &rank));
    MPI_CHECK(MPI_Comm_size(comm, &size));
    engine_state *st = calloc(1, sizeof *st);
    if (st == NULL) {
        fprintf(stderr, "mcpi: out of memory\n");
        int can = 0, all = 0; /* the others wait in the start below: they learn it there */
        MPI_Allreduce(&can, &all, 1, MPI_INT, MPI_MIN, comm);
        return MCPI_ERR_RUNTIME;
    }
    st->comm = comm;
    st->rank = rank;
    st->size = size;
    st->w = w;
    st->r = res;
    st->t = track;
    memset(res, 0, sizeof *res);
    res->items = items;
    res->ranks = st->size;
    res->schedule = *sched;
    st->space = track != NULL && track->todo != NULL ? intervals_total(track->todo) : items;
    /* The fixed cost per call where it is highest, at the end of the range. */
    res->call_cost = w->call_cost != NULL && items > 0 ? w->call_cost(items - 1, w->ctx) : 0;
    if (sched->kind != MCPI_SCHED_STATIC)
        res->chunk_size = engine_chunk_size(sched, st->space, (uint64_t)st->size, res->call_cost);
    if (w->identity != NULL)
        w->identity(st->tally, w->ctx);
    st->piece = ENGINE_FIRST_PIECE;
    for (int i = 0; i < ENGINE_RING; i++)
        st->ring[i] = MPI_REQUEST_NULL;
    if (track != NULL) {
        track->stopped_by = 0;
        if (st->rank == 0)
            st->done_items = intervals_total(track->done);
    }

    /* The start, a barrier at which every rank also learns whether every rank could start. */
    int can = 1, all = 0;
    int rc = MPI_Allreduce(&can, &all, 1, MPI_INT, MPI_MIN, comm);
    st->t0 = st->done_at = st->last_save = st->last_progress = MPI_Wtime();
    if (rc == MPI_SUCCESS && all)
        rc = sched->kind == MCPI_SCHED_STATIC ? engine_static(st) : engine_dynamic(st);
    else
        rc = MCPI_ERR_RUNTIME;
    double busy = st->done_at - st->t0; /* this rank's time from the start to its last piece done */
    if (rc != MCPI_OK && rc != MCPI_STOPPED) {
        free(st);
        return rc;
    }
    if (track == NULL && (rc = engine_reduce(comm, w, st->tally, res->tally)) != MCPI_OK) {
        free(st);
        return rc;
    }
    res->wall_s = MPI_Wtime() - st->t0;

    /* Every rank learns the worst status; rank 0 also gets the timing spread and chunk count. */
    double overhead = track != NULL && busy > 0 ? (busy - st->map_s) / busy : 0;
    double worst[5] = {(double)st->status, busy, -busy, overhead, st->wait_s}, agreed[5];
    double sums[3] = {busy, (double)st->chunks_done, st->wait_s}, total[3] = {0, 0, 0};
    int outcome = rc;
    free(st);
    MPI_CHECK(MPI_Allreduce(worst, agreed, 5, MPI_DOUBLE, MPI_MAX, comm));
    MPI_CHECK(MPI_Reduce(sums, total, 3, MPI_DOUBLE, MPI_SUM, 0, comm));
    res->compute_max_s = agreed[1];
    res->compute_min_s = -agreed[2];
    res->tracking_overhead = agreed[3];
    res->wait_max_s = agreed[4];
    res->compute_mean_s = total[0] / res->ranks;
    res->chunks = (uint64_t)total[1];
    res->wait_mean_s = total[2] / res->ranks;
    return (int)agreed[0] != MCPI_OK ? (int)agreed[0] : outcome;
}

int mcpi_engine_run(MPI_Comm comm, const mcpi_workload *w, uint64_t items, const mcpi_schedule *sched,
                    mcpi_result *res)
{
    /* A private duplicate whose MPI errors come back as statuses (MPI_CHECK), whatever comm's
     * error handler is: on MPI_COMM_WORLD a failed call does not abort the program. */
    MPI_Comm own;
    int rc = MPI_Comm_dup(comm, &own);
    if (rc != MPI_SUCCESS) {
        mpicheck_report(__FILE__, __LINE__, "MPI_Comm_dup", rc);
        return MCPI_ERR_RUNTIME;
    }
    rc = MPI_Comm_set_errhandler(own, MPI_ERRORS_RETURN) == MPI_SUCCESS ? engine_run(own, w, items, sched, NULL, res)
                                                                         : MCPI_ERR_RUNTIME;
    MPI_Comm_free(&own);
    return rc;
}

double mcpi_imbalance(const mcpi_result *res)
{
    if (res->compute_mean_s <= 0)
        return 0;
    return res->compute_max_s / res->compute_mean_s - 1;
}
