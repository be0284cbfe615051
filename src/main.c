/* main.c - the mcpi program: MPI start-up around mcpi_run on MPI_COMM_WORLD. */
#include "config.h"
#include "mcpi.h"

int main(int argc, char **argv)
{
    if (MPI_Init(&argc, &argv) != MPI_SUCCESS)
        return MCPI_ERR_RUNTIME;
    int status = mcpi_run(argc, argv, MPI_COMM_WORLD, stdout);
    MPI_Finalize();
    return status;
}
