/* check_main.h - the main() every Check unit test binary shares: one suite named after the module,
 * run without fork() (as make check's CK_FORK=no asks, and as MPI needs), status 0 only if every
 * test passed. */
#ifndef MCPI_CHECK_MAIN_H
#define MCPI_CHECK_MAIN_H

#include <check.h>
#include <stddef.h>
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

/* Defines main(): suite and test case `name`, the loop test loop_test run for _i in [0, loops),
 * then each test of the list once (a NULL in the list is skipped: CHECK_MAIN_LOOP(n, t, k, NULL)
 * for a loop test alone). The list's type is taken from loop_test (Check's test handle). */
#define CHECK_MAIN_LOOP(name, loop_test, loops, ...)                                                \
    int main(void)                                                                                  \
    {                                                                                               \
        Suite *s = suite_create(name);                                                              \
        TCase *tc = tcase_create(name);                                                             \
        __typeof__(&*(loop_test)) tests[] = {__VA_ARGS__};                                          \
        if ((loops) > 0)                                                                            \
            tcase_add_loop_test(tc, loop_test, 0, (int)(loops));                                    \
        for (size_t i = 0; i < sizeof tests / sizeof tests[0]; i++)                                 \
            if (tests[i] != NULL)                                                                   \
                tcase_add_test(tc, tests[i]);                                                       \
        suite_add_tcase(s, tc);                                                                     \
        return check_failures(s) == 0 ? EXIT_SUCCESS : EXIT_FAILURE;                                \
    }

/* Defines main(): suite `name` with the tests listed, each run once. */
#define CHECK_MAIN(name, first, ...) CHECK_MAIN_LOOP(name, first, 0, first, __VA_ARGS__)

#endif
