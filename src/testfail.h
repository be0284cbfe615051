/* testfail.h - TEST ONLY: failure injection, so that a test can make one rank fail alone at a
 * chosen place and check that every rank ends with the same status. Set MCPI_TEST_FAIL=WHERE:RANK
 * (WHERE one of topo, ckpt, map, list; RANK a rank of the communicator the place runs on); unset,
 * nothing changes. Not a user feature: the README does not offer it. */
#ifndef MCPI_TESTFAIL_H
#define MCPI_TESTFAIL_H

#include <mpi.h>
#include "mcpi.h"

/* 1 if MCPI_TEST_FAIL names the place `where` and this rank of comm, else 0 (no communication). */
int testfail_at(const char *where, MPI_Comm comm);

/* w, with a map that prints one line and fails on the rank that MCPI_TEST_FAIL=map:RANK names. */
mcpi_workload testfail_workload(mcpi_workload w, MPI_Comm comm);

#endif
