/* main.c - the mcpi program: MPI start-up around mcpi_run on MPI_COMM_WORLD. */
#include "config.h"
#include "mcpi.h"

#include <signal.h>

int main(int argc, char **argv)
{
    /* Threads let rank 0 answer dynamic and guided chunk requests while it computes; with a lower
     * level the engine answers between slices of rank 0's work instead. */
    int provided = MPI_THREAD_SINGLE;
    if (MPI_Init_thread(&argc, &argv, MPI_THREAD_MULTIPLE, &provided) != MPI_SUCCESS)
        return MCPI_ERR_RUNTIME;
    int status = mcpi_run(argc, argv, MPI_COMM_WORLD, stdout);
    if (status == MCPI_STOPPED) {
        /* The last checkpoint is saved and every rank exits 3. A launcher that sees the first rank
         * exit sends the others SIGTERM (Open MPI's mpirun, srun --kill-on-bad-exit): it must not
         * turn a rank that is still finishing (MPI_Finalize, a sanitizer's leak check) into one
         * killed by a signal. */
        signal(SIGTERM, SIG_IGN);
        signal(SIGINT, SIG_IGN);
        signal(SIGUSR1, SIG_IGN);
    }
    MPI_Finalize();
    return status;
}
