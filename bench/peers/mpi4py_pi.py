"""mpi4py_pi.py - mpi4py with numpy: each rank samples its share, comm.reduce combines.
Usage: mpirun -np P python3 mpi4py_pi.py N SEED -> "hits seconds" (rank 0)"""
import sys
import time

import numpy as np
from mpi4py import MPI

comm = MPI.COMM_WORLD
rank, size = comm.Get_rank(), comm.Get_size()
n, seed = int(float(sys.argv[1])), int(sys.argv[2])
mine = n // size + (rank < n % size)
rng = np.random.default_rng([seed, rank])
chunk = 1 << 22
comm.Barrier()
t0 = MPI.Wtime()
hits, left = 0, mine
while left:
    m = min(chunk, left)
    x = rng.random(m)
    y = rng.random(m)
    hits += int(np.count_nonzero(x * x + y * y < 1.0))
    left -= m
total = comm.reduce(hits, op=MPI.SUM, root=0)
if rank == 0:
    print(total, "%.6f" % (MPI.Wtime() - t0))
