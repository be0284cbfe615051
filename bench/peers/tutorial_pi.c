/* tutorial_pi.c - the usual tutorial MPI program: rand_r per rank, count points in the quarter
 * circle, MPI_Reduce. Usage: mpirun -np P tutorial_pi N -> "hits seconds" (rank 0) */
#include <mpi.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
    MPI_Init(&argc, &argv);
    int rank, size;
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &size);
    long long n = argc > 1 ? atoll(argv[1]) : 100000000, local = 0, total = 0;
    long long mine = n / size + (rank < n % size);
    unsigned int state = 12345u + (unsigned)rank;
    MPI_Barrier(MPI_COMM_WORLD);
    double t0 = MPI_Wtime();
    for (long long i = 0; i < mine; i++) {
        double x = (double)rand_r(&state) / RAND_MAX, y = (double)rand_r(&state) / RAND_MAX;
        if (x * x + y * y <= 1.0)
            local++;
    }
    MPI_Reduce(&local, &total, 1, MPI_LONG_LONG, MPI_SUM, 0, MPI_COMM_WORLD);
    double t1 = MPI_Wtime();
    if (rank == 0)
        printf("%lld %.6f\n", total, t1 - t0);
    MPI_Finalize();
    return 0;
}
