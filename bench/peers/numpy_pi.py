"""numpy_pi.py - what a numpy user writes: vectorised, one process, in chunks to bound memory.
Usage: numpy_pi.py N SEED -> "hits seconds" """
import sys
import time

import numpy as np

n, seed = int(float(sys.argv[1])), int(sys.argv[2])
rng = np.random.default_rng(seed)
chunk = 1 << 22
t0 = time.perf_counter()
hits, left = 0, n
while left:
    m = min(chunk, left)
    x = rng.random(m)
    y = rng.random(m)
    hits += int(np.count_nonzero(x * x + y * y < 1.0))
    left -= m
print(hits, "%.6f" % (time.perf_counter() - t0))
