/* check_main.h - the main() every Check unit test binary shares: one suite, run without fork()
 * (as make check's CK_FORK=no asks, and as MPI needs), status 0 only if every test passed. */
#ifndef MCPI_CHECK_MAIN_H
#define MCPI_CHECK_MAIN_H

#include <check.h>
#include <stdlib.h>

/* Runs suite s in this process and returns how many of its tests failed. */
static inline int check_failures(Suite *s)
{
    SRunner *sr = srunner_create(s);
    srunner_set_fork_status(sr, CK_NOFORK);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed;
}

/* Defines main() for a binary whose tests are the suite that suite_fn() builds. */
#define CHECK_MAIN(suite_fn)                                                                      \
    int main(void)                                                                                \
    {                                                                                             \
        return check_failures(suite_fn()) == 0 ? EXIT_SUCCESS : EXIT_FAILURE;                    \
    }

#endif
