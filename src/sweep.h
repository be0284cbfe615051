/* sweep.h - scaling studies: the sizes of a sweep and its speedup, efficiency and Karp-Flatt arithmetic. */
#ifndef MCPI_SWEEP_H
#define MCPI_SWEEP_H

typedef enum sweep_kind {
    SWEEP_NONE,
    SWEEP_STRONG, /* the same total work at every size */
    SWEEP_WEAK    /* work proportional to the ranks */
} sweep_kind;

#define SWEEP_MAX_SIZES 64

/* The sweep's rank counts for a communicator of `ranks` (>= 1) into sizes (room for SWEEP_MAX_SIZES):
 * 1, 2, 4, ... below ranks, then ranks. Returns how many. */
int sweep_sizes(int ranks, int *sizes);

/* The median of v[0..n-1] (n >= 1); reorders v. */
double sweep_median(double *v, int n);

/* Speedup of p >= 1 ranks taking tp > 0 seconds over 1 rank taking t1: strong t1/tp; weak (scaled) p t1/tp. */
double sweep_speedup(sweep_kind kind, double t1, double tp, int p);

/* Parallel efficiency: speedup / p (p >= 1). */
double sweep_efficiency(double speedup, int p);

/* Karp-Flatt experimentally determined serial fraction (1/S - 1/p) / (1 - 1/p); NaN for p = 1. */
double sweep_karp_flatt(double speedup, int p);

#endif
