#include "config.h"
#include "topo.h"
#include "mcpi.h"
#include "mpicheck.h"
#include "testfail.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Node leaders (rank 0 of each shared-memory node) send rank 0 their node's name, rank count and core count. */
typedef struct topo_node {
    char name[MPI_MAX_PROCESSOR_NAME];
    int ranks;
    int cores;
} topo_node;

/* The leaders' part of topo_query: rank 0 gathers every node's record (collective on leaders). An
 * allocation failure at rank 0 is told to the other leaders before the gather, so none waits in it;
 * a failure prints its line where it happens (rank 0's, or a test's injected one). */
static int topo_gather(MPI_Comm leaders, int rank, int node_size, topo_info *t)
{
    int nodes;
    MPI_CHECK(MPI_Comm_size(leaders, &nodes));
    topo_node me;
    memset(&me, 0, sizeof me);
    int len = 0;
    MPI_CHECK(MPI_Get_processor_name(me.name, &len));
    me.ranks = node_size;
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    me.cores = cores > 0 ? (int)cores : 1;
    topo_node *all = NULL;
    int ok = 1;
    if (rank == 0) {
        all = calloc((size_t)nodes, sizeof *all);
        t->hosts = calloc((size_t)nodes, sizeof *t->hosts);
        t->node_ranks = calloc((size_t)nodes, sizeof *t->node_ranks);
        ok = all != NULL && t->hosts != NULL && t->node_ranks != NULL && !testfail_at("topo", leaders);
        if (!ok)
            fprintf(stderr, "mcpi: out of memory for %d node names\n", nodes);
    }
    MPI_CHECK(MPI_Bcast(&ok, 1, MPI_INT, 0, leaders));
    int rc = ok ? MPI_Gather(&me, (int)sizeof me, MPI_BYTE, all, (int)sizeof me, MPI_BYTE, 0, leaders) : MPI_SUCCESS;
    if (rc != MPI_SUCCESS)
        mpicheck_report(__FILE__, __LINE__, "MPI_Gather", rc);
    if (!ok || rc != MPI_SUCCESS) {
        free(all);
        return MCPI_ERR_RUNTIME;
    }
    if (rank == 0) {
        t->nodes = nodes;
        t->ranks_per_node_min = t->ranks_per_node_max = all[0].ranks;
        for (int i = 0; i < nodes; i++) {
            if (all[i].ranks < t->ranks_per_node_min)
                t->ranks_per_node_min = all[i].ranks;
            if (all[i].ranks > t->ranks_per_node_max)
                t->ranks_per_node_max = all[i].ranks;
            if (all[i].ranks > all[i].cores)
                t->oversubscribed = 1;
            t->node_ranks[i] = all[i].ranks;
            t->hosts[i] = strdup(all[i].name);
            if (t->hosts[i] == NULL) {
                free(all);
                fprintf(stderr, "mcpi: out of memory for node names\n");
                return MCPI_ERR_RUNTIME;
            }
        }
        free(all);
    }
    return MCPI_OK;
}

int topo_query(MPI_Comm comm, topo_info *t)
{
    memset(t, 0, sizeof *t);
    int rank;
    MPI_CHECK(MPI_Comm_rank(comm, &rank));
    MPI_Comm node, leaders;
    MPI_CHECK(MPI_Comm_split_type(comm, MPI_COMM_TYPE_SHARED, rank, MPI_INFO_NULL, &node));
    int node_rank, node_size;
    MPI_CHECK(MPI_Comm_rank(node, &node_rank));
    MPI_CHECK(MPI_Comm_size(node, &node_size));
    MPI_CHECK(MPI_Comm_free(&node));
    MPI_CHECK(MPI_Comm_split(comm, node_rank == 0 ? 0 : MPI_UNDEFINED, rank, &leaders));
    int rc = MCPI_OK;
    if (rank != 0 && testfail_at("topo", comm)) {
        fprintf(stderr, "mcpi: MCPI_TEST_FAIL: finding the nodes fails here\n");
        rc = MCPI_ERR_RUNTIME;
    }
    /* Rank 0 of comm is rank 0 of its node and, by key order, rank 0 of leaders. */
    if (leaders != MPI_COMM_NULL) {
        int gathered = topo_gather(leaders, rank, node_size, t);
        rc = rc != MCPI_OK ? rc : gathered;
        MPI_Comm_free(&leaders);
    }
    /* Every rank learns whether every rank succeeded before anyone goes on to the next collective. */
    int all = MCPI_OK;
    MPI_CHECK(MPI_Allreduce(&rc, &all, 1, MPI_INT, MPI_MAX, comm));
    if (all != MCPI_OK)
        topo_free(t);
    return all;
}

void topo_cpu(char *buf, size_t len)
{
    char line[512], model[256] = "unknown CPU";
    FILE *f = fopen("/proc/cpuinfo", "r");
    while (f != NULL && fgets(line, sizeof line, f) != NULL) {
        char *colon = strchr(line, ':');
        if (strncmp(line, "model name", 10) == 0 && colon != NULL) {
            snprintf(model, sizeof model, "%s", colon + 2);
            model[strcspn(model, "\n")] = '\0';
            break;
        }
    }
    if (f != NULL)
        fclose(f);
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    snprintf(buf, len, "%s, %ld cores", model, cores > 0 ? cores : 1);
}

void topo_free(topo_info *t)
{
    for (int i = 0; t->hosts != NULL && i < t->nodes; i++)
        free(t->hosts[i]);
    free(t->hosts);
    free(t->node_ranks);
    t->hosts = NULL;
    t->node_ranks = NULL;
}
