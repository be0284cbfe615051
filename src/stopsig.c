/* stopsig.c - catching stop signals. A signal handler can only talk through a variable of static
 * storage, so the one flag below is the module's single piece of process-wide state; everything
 * else reads it through stopsig_caught(). */
#include "config.h"
#include "stopsig.h"

#include <string.h>

static volatile sig_atomic_t stopsig_flag;

static void stopsig_handler(int sig)
{
    stopsig_flag = sig;
}

void stopsig_install(stopsig_saved *saved)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = stopsig_handler;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART; /* MPI's and the file system's calls go on; the engine polls the flag */
    stopsig_flag = 0;
    sigaction(SIGTERM, &sa, &saved->term);
    sigaction(SIGINT, &sa, &saved->intr);
    sigaction(SIGUSR1, &sa, &saved->usr1);
}

void stopsig_restore(const stopsig_saved *saved)
{
    sigaction(SIGTERM, &saved->term, NULL);
    sigaction(SIGINT, &saved->intr, NULL);
    sigaction(SIGUSR1, &saved->usr1, NULL);
}

int stopsig_caught(void)
{
    return stopsig_flag;
}

const char *stopsig_name(int sig)
{
    return sig == SIGTERM ? "SIGTERM" : sig == SIGINT ? "SIGINT" : sig == SIGUSR1 ? "SIGUSR1" : "a signal";
}
