#include "config.h"
#include "stats.h"

#include <math.h>

/* z of a two-sided 95% interval: the standard normal's 97.5% quantile, Phi^-1(0.975), to double
 * precision; the README's reproducibility contract names this value, not its rounding 1.96. */
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
