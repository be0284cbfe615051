/* primelist.h - writing every prime of a range to a file, in parallel, byte-identical for any ranks. */
#ifndef MCPI_PRIMELIST_H
#define MCPI_PRIMELIST_H

#include <mpi.h>
#include <stdint.h>
#include "primes.h"

/* An open list file: written under a temporary name, renamed to its path when complete. */
typedef struct primelist {
    MPI_Comm comm;
    int fd;         /* this rank's descriptor of the temporary file, -1 if none */
    char *path;     /* the name the file gets when complete */
    char *tmp_path; /* the name it has while written (rank 0 made it, exclusively) */
    uint64_t bytes; /* the file's size when complete */
} primelist;

/* Creates the temporary file for path (rank 0, exclusively, beside path) and opens it on every rank
 * of comm (collective). On failure rank 0 prints one line and every rank gets MCPI_ERR_USAGE (the
 * place cannot take a file) or MCPI_ERR_RUNTIME; nothing is left behind. */
int primelist_open(MPI_Comm comm, const char *path, primelist *pl);

/* Writes every prime of [from, from + n) (from + n <= 2^64; pl open on every rank) by method, one per line in ascending order; each rank
 * writes its own slice at its offset with pwrite through a fixed 1 MiB buffer, every write checked
 * (collective). stop (may be NULL) is polled before each write: a non-zero value (a signal number)
 * ends the writes on that rank. On failure or a stop rank 0 prints one line naming the file and the
 * error or the signal: MCPI_ERR_RUNTIME. */
int primelist_write(primelist *pl, primes_method method, uint64_t from, uint64_t n, int (*stop)(void));

/* (pl from a successful primelist_open; ok may differ between ranks.) If ok on every rank: fsync and close everywhere, check the size, rename to its path (rank 0
 * prints one line on failure, and the old file stays); otherwise deletes it silently (collective). */
int primelist_close(primelist *pl, int ok);

/* Bytes of the decimal lines ("p\n") of the primes in [lo, hi] (inclusive, lo <= hi). */
uint64_t primelist_bytes(primes_method method, uint64_t lo, uint64_t hi);

#endif
