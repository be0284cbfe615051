#include "config.h"
#include "stats.h"

#include <math.h>

/* Two-sided 95% quantile of the standard normal distribution. */
#define STATS_Z95 1.959963984540054

stats_estimate stats_binomial(uint64_t hits, uint64_t n, double scale)
{
    stats_estimate e = {0, 0, 0, 0};
    if (n == 0)
        return e;
    /* long double keeps hits/n exact to 64 bits before rounding to double. */
    long double p = (long double)hits / (long double)n;
    e.estimate = (double)(scale * p);
    e.stderr_ = (double)(scale * sqrtl(p * (1 - p) / (long double)n));
    e.ci_low = e.estimate - STATS_Z95 * e.stderr_;
    e.ci_high = e.estimate + STATS_Z95 * e.stderr_;
    return e;
}
