/* mpicheck.h - error handling for MPI calls, carrying file:line and MPI_Error_string. */
#ifndef MCPI_MPICHECK_H
#define MCPI_MPICHECK_H

#include <mpi.h>
#include <stdio.h>
#include "mcpi.h"

/* Prints "mcpi: FILE:LINE: CALL failed: REASON" on stderr for a failed MPI call. */
void mpicheck_report(const char *file, int line, const char *call, int code);

/* Evaluates an MPI call; on failure reports it and returns MCPI_ERR_RUNTIME from the caller (which
 * therefore must own nothing to release at that point). Needs MPI_ERRORS_RETURN on the communicator,
 * else a failure aborts first: mcpi_run and mcpi_engine_run set it on their private duplicates. */
#define MPI_CHECK(call)                                                  \
    do {                                                                 \
        int mpicheck_rc_ = (call);                                       \
        if (mpicheck_rc_ != MPI_SUCCESS) {                               \
            mpicheck_report(__FILE__, __LINE__, #call, mpicheck_rc_);    \
            return MCPI_ERR_RUNTIME;                                      \
        }                                                                \
    } while (0)

#endif
