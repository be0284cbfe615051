/* ttyprobe.h - where this process's stderr ends up for a person: a terminal, a file or a pipe,
 * looking through the MPI launcher (mpirun, mpiexec, Hydra) that forwards a rank's stderr. */
#ifndef MCPI_TTYPROBE_H
#define MCPI_TTYPROBE_H

typedef enum ttyprobe_kind {
    TTYPROBE_PIPE,     /* a pipe, socket or anything else: a reader that wants whole lines */
    TTYPROBE_TERMINAL, /* a terminal, directly or through the launcher that started this process */
    TTYPROBE_FILE      /* a regular file, directly or through the launcher */
} ttyprobe_kind;

/* Classifies stderr: its own type, or, when it is a pipe from a local launcher, the type of the
 * launcher's stderr (read from /proc; a pipe wherever /proc cannot tell). */
ttyprobe_kind ttyprobe_stderr(void);

#endif
