/* check_run.c - the engine and the whole program (mcpi_run) on MPI_COMM_SELF and MPI_COMM_WORLD.
 * Run as a singleton by make check, and on 3 ranks by run-comms.sh. Never forks (Open MPI). */
#include "config.h"

#include <check.h>
#include <mpi.h>
#include <stdlib.h>
#include <string.h>

#include <signal.h>

#include "check_main.h"
#include "engine.h"
#include "intervals.h"
#include "mcpi.h"
#include "pi.h"

/* Runs mcpi_run with the given words on comm; returns its status and rank 0's output in *text. */
static int run_capture(MPI_Comm comm, char **text, int argc, char **argv)
{
    size_t len = 0;
    FILE *out = open_memstream(text, &len);
    ck_assert_ptr_nonnull(out);
    int rc = mcpi_run(argc, argv, comm, out);
    fclose(out);
    return rc;
}

/* The unsigned value of "key": in a JSON line. */
static uint64_t json_u64(const char *json, const char *key)
{
    char pattern[64];
    snprintf(pattern, sizeof pattern, "\"%s\": ", key);
    const char *p = strstr(json, pattern);
    ck_assert_msg(p != NULL, "no %s in %s", key, json);
    return strtoull(p + strlen(pattern), NULL, 10);
}

static uint64_t hits_on(MPI_Comm comm, const char *samples, const char *seed, const char *schedule)
{
    char *argv[] = {"mcpi", "pi", "-n", (char *)samples, "-s", (char *)seed, "--format", "json",
                    (char *)schedule, NULL};
    int argc = schedule ? 9 : 8;
    char *text = NULL;
    ck_assert_int_eq(run_capture(comm, &text, argc, argv), MCPI_OK);
    int rank;
    MPI_Comm_rank(comm, &rank);
    uint64_t hits = 0;
    if (rank == 0)
        hits = json_u64(text, "hits");
    free(text);
    MPI_Bcast(&hits, 1, MPI_UINT64_T, 0, comm);
    return hits;
}

START_TEST(test_run_self_matches_reference)
{
    uint64_t hits = hits_on(MPI_COMM_SELF, "123457", "7", NULL);
    ck_assert_uint_eq(hits, pi_hits_reference(7, 0, 123457));
}
END_TEST

START_TEST(test_run_world_matches_self)
{
    ck_assert_uint_eq(hits_on(MPI_COMM_WORLD, "1e6", "42", NULL), hits_on(MPI_COMM_SELF, "1e6", "42", NULL));
}
END_TEST

START_TEST(test_run_bad_input_every_rank)
{
    char *argv[] = {"mcpi", "-n", "0", NULL};
    char *text = NULL;
    ck_assert_int_eq(run_capture(MPI_COMM_WORLD, &text, 3, argv), MCPI_ERR_USAGE);
    free(text);
    char *help[] = {"mcpi", "--help", NULL};
    ck_assert_int_eq(run_capture(MPI_COMM_WORLD, &text, 2, help), MCPI_OK);
    int rank;
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    if (rank == 0)
        ck_assert_ptr_nonnull(strstr(text, "Usage: mcpi"));
    else
        ck_assert_str_eq(text, ""); /* only rank 0 speaks */
    free(text);
}
END_TEST

/* A user workload: the sum of the indices (modulo 2^64) and how many there were. */
static int index_sum_map(uint64_t first, uint64_t count, uint64_t *tally, const void *ctx)
{
    (void)ctx;
    for (uint64_t i = first; i < first + count; i++)
        tally[0] += i;
    tally[1] += count;
    return MCPI_OK;
}

/* A user workload with its own combine rule: smallest and largest index seen. */
static void minmax_identity(uint64_t *tally, const void *ctx)
{
    (void)ctx;
    tally[0] = UINT64_MAX;
    tally[1] = 0;
}

static int minmax_map(uint64_t first, uint64_t count, uint64_t *tally, const void *ctx)
{
    (void)ctx;
    if (first < tally[0])
        tally[0] = first;
    if (first + count - 1 > tally[1])
        tally[1] = first + count - 1;
    return MCPI_OK;
}

static void minmax_combine(uint64_t *inout, const uint64_t *in, const void *ctx)
{
    (void)ctx;
    inout[0] = in[0] < inout[0] ? in[0] : inout[0];
    inout[1] = in[1] > inout[1] ? in[1] : inout[1];
}

static const mcpi_schedule schedules[] = {
    {MCPI_SCHED_STATIC, 0}, {MCPI_SCHED_DYNAMIC, 0}, {MCPI_SCHED_DYNAMIC, 7},
    {MCPI_SCHED_DYNAMIC, 1000000}, {MCPI_SCHED_GUIDED, 0}, {MCPI_SCHED_GUIDED, 13},
};

START_TEST(test_engine_sum_any_schedule)
{
    const uint64_t ns[] = {0, 1, 2, 5, 1000, 100003};
    mcpi_workload w = {.name = "index-sum", .tally_words = 2, .map = index_sum_map};
    for (size_t i = 0; i < sizeof ns / sizeof ns[0]; i++) {
        mcpi_result res;
        ck_assert_int_eq(mcpi_engine_run(MPI_COMM_WORLD, &w, ns[i], &schedules[_i], &res), MCPI_OK);
        int rank;
        MPI_Comm_rank(MPI_COMM_WORLD, &rank);
        if (rank == 0) {
            uint64_t n = ns[i];
            uint64_t expect = n % 2 == 0 ? (n / 2) * (n ? n - 1 : 0) : n * ((n - 1) / 2); /* n(n-1)/2 */
            ck_assert_uint_eq(res.tally[0], expect);
            ck_assert_uint_eq(res.tally[1], n);
            ck_assert(res.compute_min_s <= res.compute_mean_s && res.compute_mean_s <= res.compute_max_s);
            if (schedules[_i].kind == MCPI_SCHED_DYNAMIC && schedules[_i].chunk == 7)
                ck_assert_uint_eq(res.chunks, (n + 6) / 7);
        }
    }
}
END_TEST

/* A fixed cost per call (a workload's call_cost) makes the default chunks large: at most one per
 * rank when a call costs more than the whole range; no cost keeps 32 per rank (dynamic). An
 * explicit chunk size is obeyed whatever the cost. */
static uint64_t huge_cost(uint64_t last, const void *ctx)
{
    (void)ctx;
    return last * 1000;
}

START_TEST(test_engine_call_cost_sizes_chunks)
{
    int size, rank;
    MPI_Comm_size(MPI_COMM_WORLD, &size);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    const uint64_t n = 1000003;
    mcpi_workload w = {.name = "index-sum", .tally_words = 2, .map = index_sum_map, .call_cost = huge_cost};
    const mcpi_schedule dyn = {MCPI_SCHED_DYNAMIC, 0}, guided = {MCPI_SCHED_GUIDED, 0}, explicit = {MCPI_SCHED_DYNAMIC, 1000};
    mcpi_result res;
    ck_assert_int_eq(mcpi_engine_run(MPI_COMM_WORLD, &w, n, &dyn, &res), MCPI_OK);
    if (rank == 0) {
        ck_assert_uint_le(res.chunks, (uint64_t)size);
        ck_assert_uint_eq(res.call_cost, (n - 1) * 1000);
        ck_assert_uint_eq(res.tally[1], n);
    }
    ck_assert_int_eq(mcpi_engine_run(MPI_COMM_WORLD, &w, n, &guided, &res), MCPI_OK);
    if (rank == 0)
        ck_assert_uint_le(res.chunks, (uint64_t)size);
    ck_assert_int_eq(mcpi_engine_run(MPI_COMM_WORLD, &w, n, &explicit, &res), MCPI_OK);
    if (rank == 0) {
        ck_assert_uint_eq(res.chunks, (n + 999) / 1000);
        ck_assert_uint_eq(res.tally[0], n % 2 == 0 ? (n / 2) * (n - 1) : n * ((n - 1) / 2));
    }
    w.call_cost = NULL;
    ck_assert_int_eq(mcpi_engine_run(MPI_COMM_WORLD, &w, n, &dyn, &res), MCPI_OK);
    if (rank == 0) {
        ck_assert_uint_eq(res.chunks, 32 * (uint64_t)size);
        ck_assert_uint_eq(res.call_cost, 0);
        /* Every rank but rank 0 asks for every chunk it gets, and once more to hear there is none. */
        ck_assert_uint_ge(res.requests, (uint64_t)(size - 1));
        ck_assert(res.wait_max_s >= res.wait_mean_s && res.wait_mean_s >= 0);
    }
}
END_TEST

/* A map that fails on one rank only (every call on rank fail_rank): every rank must end within
 * the test's timeout, with the same status, under every schedule, tracked or not. */
static int fail_rank = -1;
static int failing_map(uint64_t first, uint64_t count, uint64_t *tally, const void *ctx)
{
    int rank;
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    if (rank == fail_rank)
        return MCPI_ERR_RUNTIME;
    return index_sum_map(first, count, tally, ctx);
}

START_TEST(test_engine_one_rank_fails)
{
    int size;
    MPI_Comm_size(MPI_COMM_WORLD, &size);
    mcpi_workload w = {.name = "failing", .tally_words = 2, .map = failing_map};
    for (int who = 0; who < size; who += size > 1 ? size - 1 : 1) { /* rank 0, and the last rank */
        for (int tracked = 0; tracked < 2; tracked++) {
            fail_rank = who;
            mcpi_result res;
            int rc;
            if (tracked) {
                intervals done, todo;
                intervals_init(&done);
                intervals_init(&todo);
                ck_assert_int_eq(intervals_complement(&done, 2000003, &todo), INTERVALS_OK);
                ck_assert_int_eq(intervals_index(&todo), INTERVALS_OK);
                uint64_t tally[MCPI_TALLY_MAX] = {0};
                engine_track t = {.todo = &todo, .done = &done, .tally = tally};
                rc = engine_run(MPI_COMM_WORLD, &w, 2000003, &schedules[_i], &t, &res);
                intervals_free(&done);
                intervals_free(&todo);
            } else {
                rc = mcpi_engine_run(MPI_COMM_WORLD, &w, 2000003, &schedules[_i], &res);
            }
            int agreed[2] = {rc, -rc}, range[2];
            MPI_Allreduce(agreed, range, 2, MPI_INT, MPI_MAX, MPI_COMM_WORLD);
            ck_assert_msg(range[0] == -range[1], "ranks disagree: statuses from %d to %d", -range[1], range[0]);
            ck_assert_int_eq(rc, MCPI_ERR_RUNTIME);
        }
    }
    fail_rank = -1;
}
END_TEST

START_TEST(test_engine_user_combine)
{
    mcpi_workload w = {.name = "minmax", .tally_words = 2, .identity = minmax_identity,
                       .map = minmax_map, .combine = minmax_combine};
    mcpi_result res;
    ck_assert_int_eq(mcpi_engine_run(MPI_COMM_WORLD, &w, 1000, &schedules[_i], &res), MCPI_OK);
    int rank;
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    if (rank == 0) {
        ck_assert_uint_eq(res.tally[0], 0);
        ck_assert_uint_eq(res.tally[1], 999);
    }
}
END_TEST

/* n(n-1)/2 mod 2^64: the index sum of [0, n). */
static uint64_t index_sum_below(uint64_t n)
{
    return n % 2 == 0 ? (n / 2) * (n ? n - 1 : 0) : n * ((n - 1) / 2);
}

/* The index-sum tally of the intervals of s, computed directly. */
static void index_sum_of(const intervals *s, uint64_t *tally)
{
    tally[0] = tally[1] = 0;
    for (size_t i = 0; i < s->n; i++) {
        tally[0] += index_sum_below(s->v[2 * i + 1]) - index_sum_below(s->v[2 * i]);
        tally[1] += s->v[2 * i + 1] - s->v[2 * i];
    }
}

/* A stop asked for after a rank's k-th look, on one rank (stop_rank) or on all (STOP_ALL): no signal. */
enum { STOP_ALL = -2 };
static int stop_rank = -1;
static long stop_after = -1, stop_looks = 0;
static int stop_on_one_rank(void)
{
    int rank;
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    if (rank != stop_rank && stop_rank != STOP_ALL)
        return 0;
    return ++stop_looks > stop_after ? SIGUSR1 : 0;
}

/* A run over what a checkpoint leaves gives the whole answer, for any done part and schedule. */
START_TEST(test_tracked_resume_any_schedule)
{
    const uint64_t n = 300007;
    int rank;
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    mcpi_workload w = {.name = "index-sum", .tally_words = 2, .map = index_sum_map};
    for (int variant = 0; variant < 3; variant++) {
        intervals done, todo;
        intervals_init(&done);
        intervals_init(&todo);
        if (variant == 1) { /* scattered holes, as dynamic chunks leave them */
            for (uint64_t a = 5; a + 1000 < n; a += 7919)
                ck_assert_int_eq(intervals_add(&done, a, a + 1000), INTERVALS_OK);
        } else if (variant == 2) { /* all but the last index */
            ck_assert_int_eq(intervals_add(&done, 0, n - 1), INTERVALS_OK);
        }
        ck_assert_int_eq(intervals_complement(&done, n, &todo), INTERVALS_OK);
        ck_assert_int_eq(intervals_index(&todo), INTERVALS_OK);
        uint64_t tally[MCPI_TALLY_MAX] = {0};
        index_sum_of(&done, tally);
        engine_track t = {.todo = &todo, .done = &done, .tally = tally};
        mcpi_result res;
        ck_assert_int_eq(engine_run(MPI_COMM_WORLD, &w, n, &schedules[_i], &t, &res), MCPI_OK);
        ck_assert_int_eq(t.stopped_by, 0);
        if (rank == 0) {
            ck_assert_uint_eq(res.tally[0], index_sum_below(n));
            ck_assert_uint_eq(res.tally[1], n);
            ck_assert_uint_eq(done.n, 1);
            ck_assert_uint_eq(intervals_total(&done), n);
        }
        intervals_free(&done);
        intervals_free(&todo);
    }
}
END_TEST

/* A stop asked for on every rank after 3 looks ends the run with MCPI_STOPPED (deterministic: no rank
 * does more than 3 pieces); asked for on one rank, it reaches the others by messages, which may come
 * after all the work is done (this workload takes milliseconds) and then the run is whole, status OK.
 * Either way rank 0's done part has exactly its tally, and a second run finishes the rest. */
START_TEST(test_tracked_stop_then_resume)
{
    int rank, size;
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &size);
    const uint64_t n = 300007; /* dynamic:7 makes 43,000 tracked chunks of it: seconds on 3 ranks sharing 2 cores */
    mcpi_workload w = {.name = "index-sum", .tally_words = 2, .map = index_sum_map};
    for (int who = STOP_ALL; who < size; who++) {
        if (who == -1)
            continue;
        intervals done, todo;
        intervals_init(&done);
        intervals_init(&todo);
        ck_assert_int_eq(intervals_complement(&done, n, &todo), INTERVALS_OK);
        ck_assert_int_eq(intervals_index(&todo), INTERVALS_OK);
        uint64_t tally[MCPI_TALLY_MAX] = {0};
        engine_track t = {.todo = &todo, .done = &done, .tally = tally, .stop = stop_on_one_rank};
        stop_rank = who;
        stop_after = 3;
        stop_looks = 0;
        mcpi_result res;
        int rc = engine_run(MPI_COMM_WORLD, &w, n, &schedules[_i], &t, &res);
        if (who == STOP_ALL || size == 1)
            ck_assert_int_eq(rc, MCPI_STOPPED);
        ck_assert(rc == MCPI_STOPPED || rc == MCPI_OK);
        ck_assert_int_eq(t.stopped_by, rc == MCPI_STOPPED ? SIGUSR1 : 0);
        uint64_t left = 0;
        if (rank == 0) {
            uint64_t direct[2];
            index_sum_of(&done, direct);
            ck_assert_uint_eq(tally[0], direct[0]);
            ck_assert_uint_eq(tally[1], direct[1]);
            left = n - intervals_total(&done);
            ck_assert(rc == MCPI_STOPPED ? left > 0 : left == 0); /* stopped means work is left */
        }
        MPI_Bcast(&left, 1, MPI_UINT64_T, 0, MPI_COMM_WORLD);
        /* Resume: every rank learns what is left (as resume.c broadcasts it). */
        uint64_t count = rank == 0 ? done.n : 0;
        MPI_Bcast(&count, 1, MPI_UINT64_T, 0, MPI_COMM_WORLD);
        uint64_t *v = calloc(2 * count + 1, sizeof *v);
        if (rank == 0)
            memcpy(v, done.v, 2 * count * sizeof *v);
        MPI_Bcast(v, (int)(2 * count), MPI_UINT64_T, 0, MPI_COMM_WORLD);
        intervals seen;
        intervals_init(&seen);
        for (uint64_t i = 0; i < count; i++)
            ck_assert_int_eq(intervals_add(&seen, v[2 * i], v[2 * i + 1]), INTERVALS_OK);
        free(v);
        intervals_free(&todo);
        intervals_init(&todo);
        ck_assert_int_eq(intervals_complement(&seen, n, &todo), INTERVALS_OK);
        ck_assert_int_eq(intervals_index(&todo), INTERVALS_OK);
        intervals_free(&seen);
        t.stop = NULL;
        const mcpi_schedule *other = &schedules[(_i + 1) % 6]; /* another schedule for the rest */
        ck_assert_int_eq(engine_run(MPI_COMM_WORLD, &w, n, other, &t, &res), MCPI_OK);
        if (rank == 0) {
            ck_assert_uint_eq(res.tally[0], index_sum_below(n));
            ck_assert_uint_eq(res.tally[1], n);
        }
        intervals_free(&done);
        intervals_free(&todo);
    }
}
END_TEST

/* The engine's tests once more with rank 0 answering chunk requests between slices of its own work
 * (what programs that start MPI without threads get) instead of from a thread. */
static void serve_by_polling(void)
{
    setenv("MCPI_SERVER", "poll", 1);
}

static void serve_by_thread(void)
{
    unsetenv("MCPI_SERVER");
}

int main(int argc, char **argv)
{
    int provided;
    MPI_Init_thread(&argc, &argv, MPI_THREAD_MULTIPLE, &provided); /* as mcpi's main does */
    Suite *s = suite_create("run");
    TCase *tc = tcase_create("program");
    tcase_add_test(tc, test_run_self_matches_reference);
    tcase_add_test(tc, test_run_world_matches_self);
    tcase_add_test(tc, test_run_bad_input_every_rank);
    suite_add_tcase(s, tc);
    /* The engine's tests, with rank 0 serving chunk requests from a thread, then between slices. */
    const char *names[2] = {"engine", "engine, rank 0 serving between slices"};
    for (int polling = 0; polling < 2; polling++) {
        tc = tcase_create(names[polling]);
        tcase_set_timeout(tc, 60);
        if (polling)
            tcase_add_unchecked_fixture(tc, serve_by_polling, serve_by_thread);
        int nsched = (int)(sizeof schedules / sizeof schedules[0]);
        tcase_add_loop_test(tc, test_engine_sum_any_schedule, 0, nsched);
        tcase_add_loop_test(tc, test_engine_user_combine, 0, nsched);
        tcase_add_loop_test(tc, test_tracked_resume_any_schedule, 0, nsched);
        tcase_add_loop_test(tc, test_tracked_stop_then_resume, 0, nsched);
        tcase_add_test(tc, test_engine_call_cost_sizes_chunks);
        tcase_add_loop_test(tc, test_engine_one_rank_fails, 0, nsched);
        suite_add_tcase(s, tc);
    }
    int failed = check_failures(s); /* without fork(): Open MPI does not survive it */
    /* Every rank exits the same way. */
    int any = 0;
    MPI_Allreduce(&failed, &any, 1, MPI_INT, MPI_MAX, MPI_COMM_WORLD);
    MPI_Finalize();
    return any == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
