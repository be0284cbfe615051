/* check_done.h - the done set the workloads' tally checks are tested against. */
#ifndef MCPI_CHECK_DONE_H
#define MCPI_CHECK_DONE_H

#include <check.h>
#include "intervals.h"

/* Sets *done to the indices [0, 100) and [200, 300): two pieces of a run, 200 items. */
static inline void check_done_sample(intervals *done)
{
    intervals_init(done);
    ck_assert_int_eq(intervals_add(done, 0, 100), INTERVALS_OK);
    ck_assert_int_eq(intervals_add(done, 200, 300), INTERVALS_OK);
}

#endif
