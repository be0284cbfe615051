/* stopsig.h - the signals that ask a run to stop resumably: SIGTERM, SIGINT and SIGUSR1 (what
 * SLURM sends before a time limit with --signal, and what mpirun forwards to every rank). */
#ifndef MCPI_STOPSIG_H
#define MCPI_STOPSIG_H

#include <signal.h>

/* The dispositions stopsig_install replaced, to put back. */
typedef struct stopsig_saved {
    struct sigaction term, intr, usr1;
} stopsig_saved;

/* Catches the stop signals from now on, clearing any earlier catch; saves the old dispositions. */
void stopsig_install(stopsig_saved *saved);

/* Puts back the dispositions saved by stopsig_install. */
void stopsig_restore(const stopsig_saved *saved);

/* The stop signal caught since stopsig_install, or 0. */
int stopsig_caught(void);

/* Name of a stop signal ("SIGTERM", ...). */
const char *stopsig_name(int sig);

#endif
