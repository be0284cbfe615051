/* ttyprobe.c - stderr's destination through the launcher. Neither Open MPI 4.1's mpirun nor MPICH's
 * Hydra tells its ranks (no environment variable differs between `mpirun -np 1 env` on a terminal
 * and on a pipe; both give the ranks' stderr a pipe), so this looks at the launcher itself: the
 * rank's ancestors through /proc, past Hydra's proxy, up to the first launcher, whose stderr is
 * what the user sees. A rank on another node (its parent an orted or proxy started by ssh) finds
 * no launcher above it and sees a pipe. */
#include "config.h"
#include "ttyprobe.h"

#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

/* The process that launches ranks and whose stderr the user sees. */
static const char *const ttyprobe_launchers[] = {"mpirun", "mpiexec", "orterun", "mpiexec.hydra",
                                                 "mpiexec.openmpi", "mpirun.openmpi", "mpiexec.mpich", "mpirun.mpich",
                                                 "prterun", "srun", NULL};
/* Processes between a rank and its launcher on the launcher's node. */
static const char *const ttyprobe_between[] = {"hydra_pmi_proxy", "timeout", NULL};

static int ttyprobe_in(const char *name, const char *const *set)
{
    for (; *set; set++)
        if (strcmp(name, *set) == 0)
            return 1;
    return 0;
}

/* The command name (/proc/PID/comm) and parent of pid; 0 on success. */
static int ttyprobe_proc(pid_t pid, char *comm, size_t len, pid_t *parent)
{
    char path[64], buf[512];
    snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
    FILE *f = fopen(path, "r");
    if (f == NULL)
        return -1;
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    /* "PID (COMM) STATE PPID ...": COMM may hold blanks and parentheses; it ends at the last ')'. */
    char *open = strchr(buf, '('), *close = strrchr(buf, ')');
    int ppid = 0;
    if (open == NULL || close == NULL || close < open || sscanf(close + 1, " %*c %d", &ppid) != 1)
        return -1;
    snprintf(comm, len, "%.*s", (int)(close - open - 1), open + 1);
    *parent = (pid_t)ppid;
    return 0;
}

/* The kind of what a file descriptor's /proc link names. */
static ttyprobe_kind ttyprobe_link(const char *fdpath)
{
    char target[256];
    ssize_t n = readlink(fdpath, target, sizeof target - 1);
    struct stat st;
    if (n <= 0 || stat(fdpath, &st) != 0)
        return TTYPROBE_PIPE;
    target[n] = '\0';
    if (S_ISCHR(st.st_mode) && (strncmp(target, "/dev/pts/", 9) == 0 || strncmp(target, "/dev/tty", 8) == 0))
        return TTYPROBE_TERMINAL;
    return S_ISREG(st.st_mode) ? TTYPROBE_FILE : TTYPROBE_PIPE;
}

ttyprobe_kind ttyprobe_stderr(void)
{
    struct stat st;
    if (isatty(STDERR_FILENO))
        return TTYPROBE_TERMINAL;
    if (fstat(STDERR_FILENO, &st) == 0 && S_ISREG(st.st_mode))
        return TTYPROBE_FILE;
    pid_t pid = getppid();
    for (int depth = 0; depth < 4 && pid > 1; depth++) {
        char comm[64], path[64];
        pid_t parent;
        if (ttyprobe_proc(pid, comm, sizeof comm, &parent) != 0)
            break;
        if (ttyprobe_in(comm, ttyprobe_launchers)) {
            snprintf(path, sizeof path, "/proc/%d/fd/2", (int)pid);
            return ttyprobe_link(path);
        }
        if (!ttyprobe_in(comm, ttyprobe_between))
            break;
        pid = parent;
    }
    return TTYPROBE_PIPE;
}
