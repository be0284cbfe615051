/* workload.c - the table of workloads: one line per workload, the first the default. */
#include "config.h"
#include "workload.h"

#include <string.h>

extern const workload_desc workload_pi, workload_primes, workload_powersum;

static const workload_desc *const workload_table[] = {
    &workload_pi,
    &workload_primes,
    &workload_powersum,
};

int workload_count(void)
{
    return (int)(sizeof workload_table / sizeof workload_table[0]);
}

const workload_desc *workload_get(int i)
{
    return workload_table[i];
}

int workload_find(const char *name)
{
    for (int i = 0; i < workload_count(); i++)
        if (strcmp(workload_table[i]->name, name) == 0)
            return i;
    return -1;
}

int workload_accepts(int i, int opt)
{
    for (const workload_option *p = workload_table[i]->options; p->opt != 0; p++)
        if (p->opt == opt)
            return 1;
    return 0;
}
