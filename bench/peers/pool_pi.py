"""pool_pi.py - the classic pure-Python tutorial: random.random() in a loop, a multiprocessing
Pool with one worker per core. Usage: pool_pi.py N SEED WORKERS -> "hits seconds" """
import random
import sys
import time
from multiprocessing import Pool


def count(args):
    n, seed = args
    rnd = random.Random(seed)
    hits = 0
    for _ in range(n):
        x, y = rnd.random(), rnd.random()
        if x * x + y * y < 1.0:
            hits += 1
    return hits


if __name__ == "__main__":
    n, seed, workers = int(float(sys.argv[1])), int(sys.argv[2]), int(sys.argv[3])
    t0 = time.perf_counter()
    with Pool(workers) as pool:
        hits = sum(pool.map(count, [(n // workers + (i < n % workers), seed + i) for i in range(workers)]))
    print(hits, "%.6f" % (time.perf_counter() - t0))
