/* stats.h - statistics of a Monte Carlo estimate from integer counts. */
#ifndef MCPI_STATS_H
#define MCPI_STATS_H

#include <stdint.h>

/* An estimate scale * hits / n with its binomial standard error and 95% interval. */
typedef struct stats_estimate {
    double estimate;  /* scale * hits / n */
    double stderr_;   /* scale * sqrt(p (1 - p) / n), p = hits / n */
    double ci_low;    /* estimate - 1.959964 * stderr */
    double ci_high;   /* estimate + 1.959964 * stderr */
} stats_estimate;

/* Estimate of scale * P(hit) from hits out of n trials (n > 0). */
stats_estimate stats_binomial(uint64_t hits, uint64_t n, double scale);

#endif
