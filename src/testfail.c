/* testfail.c - TEST ONLY: MCPI_TEST_FAIL=WHERE:RANK, read here and nowhere else. */
#include "config.h"
#include "testfail.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int testfail_at(const char *where, MPI_Comm comm)
{
    const char *env = getenv("MCPI_TEST_FAIL");
    size_t n = strlen(where);
    int rank;
    if (env == NULL || strncmp(env, where, n) != 0 || env[n] != ':' || MPI_Comm_rank(comm, &rank) != MPI_SUCCESS)
        return 0;
    char *end;
    long r = strtol(env + n + 1, &end, 10);
    return *end == '\0' && end != env + n + 1 && r == rank;
}

static int testfail_map(uint64_t first, uint64_t count, uint64_t *tally, const void *ctx)
{
    (void)first, (void)count, (void)tally, (void)ctx;
    fprintf(stderr, "mcpi: MCPI_TEST_FAIL: the map fails here\n");
    return MCPI_ERR_RUNTIME;
}

mcpi_workload testfail_workload(mcpi_workload w, MPI_Comm comm)
{
    if (testfail_at("map", comm))
        w.map = testfail_map;
    return w;
}
