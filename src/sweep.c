#include "config.h"
#include "sweep.h"

#include <math.h>
#include <stdlib.h>

int sweep_sizes(int ranks, int *sizes)
{
    int n = 0;
    for (long p = 1; p < ranks && n < SWEEP_MAX_SIZES - 1; p *= 2)
        sizes[n++] = (int)p;
    sizes[n++] = ranks;
    return n;
}

static int sweep_cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

double sweep_median(double *v, int n)
{
    qsort(v, (size_t)n, sizeof *v, sweep_cmp);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

double sweep_speedup(sweep_kind kind, double t1, double tp, int p)
{
    if (tp <= 0)
        return NAN;
    return kind == SWEEP_WEAK ? p * t1 / tp : t1 / tp;
}

double sweep_efficiency(double speedup, int p)
{
    return speedup / p;
}

double sweep_karp_flatt(double speedup, int p)
{
    if (p <= 1 || !(speedup > 0))
        return NAN;
    return (1 / speedup - 1.0 / p) / (1 - 1.0 / p);
}
