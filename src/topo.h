/* topo.h - where a communicator's ranks run: nodes, ranks per node, host names. */
#ifndef MCPI_TOPO_H
#define MCPI_TOPO_H

#include <mpi.h>
#include <stddef.h>

typedef struct topo_info {
    int nodes;              /* distinct shared-memory nodes */
    int ranks_per_node_min; /* fewest ranks on one node */
    int ranks_per_node_max; /* most ranks on one node */
    int oversubscribed;     /* some node runs more ranks than it has online cores */
    char **hosts;           /* rank 0: the nodes' names, in the order of their lowest rank; else NULL */
    int *node_ranks;        /* rank 0: ranks on each of those nodes; else NULL */
} topo_info;

/* Finds the nodes of comm (collective); fields are valid on rank 0. Returns an mcpi_status, the same
 * on every rank (a failure on any rank prints its line there and fails every rank; *t is then empty). */
int topo_query(MPI_Comm comm, topo_info *t);

/* Writes this machine's CPU model (from /proc/cpuinfo, else "unknown CPU") and online cores into buf. */
void topo_cpu(char *buf, size_t len);

/* Releases what topo_query allocated. */
void topo_free(topo_info *t);

#endif
