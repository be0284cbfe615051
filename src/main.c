/* main.c - the mcpi program: MPI start-up around mcpi_run on MPI_COMM_WORLD. */
#include "config.h"
#include "mcpi.h"

int main(int argc, char **argv)
{
    /* Threads let rank 0 answer dynamic and guided chunk requests while it computes; with a lower
     * level the engine answers between slices of rank 0's work instead. */
    int provided = MPI_THREAD_SINGLE;
    if (MPI_Init_thread(&argc, &argv, MPI_THREAD_MULTIPLE, &provided) != MPI_SUCCESS)
        return MCPI_ERR_RUNTIME;
    int status = mcpi_run(argc, argv, MPI_COMM_WORLD, stdout);
    MPI_Finalize();
    return status;
}
