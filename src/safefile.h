/* safefile.h - files that never lie: targets checked without blocking, temporaries created
 * exclusively beside their target (never through a symlink), every write checked, the target
 * replaced only by a complete file through one rename, and a lock for one run per file. */
#ifndef MCPI_SAFEFILE_H
#define MCPI_SAFEFILE_H

#include <stddef.h>
#include <sys/types.h>

/* path as one printable line (control characters become '?'), truncated to fit out. */
void safefile_shown(const char *path, char *out, size_t outlen);

/* 0 if path is absent or names a regular file (a symlink is followed), else -1: it exists and is
 * a directory, FIFO, socket or device. Never opens path, so it cannot block. */
int safefile_target_ok(const char *path);

/* 1 if a and b name the same file: the same device and inode when both exist, else the same
 * resolved directory and last component (so ./x, d/../x, a hard link and a symlink all match). */
int safefile_same(const char *a, const char *b);

/* Creates a new, empty temporary file beside path ("PATH.mcpi-XXXXXX", O_EXCL, never through a
 * symlink) with the mode a new file gets under the umask; its malloc'd name in *tmp and its open
 * descriptor in *fd. 0, or an errno value (nothing created). */
int safefile_temp(const char *path, char **tmp, int *fd);

/* 1 if errno value e from creating a file says the place cannot take one (no such directory, no
 * permission, read-only, name too long: bad input), 0 for a runtime failure (full disk, I/O error). */
int safefile_bad_place(int e);

/* Writes all len bytes of buf at offset off (off < 0: at the file position), retrying short
 * writes and EINTR; 0, or an errno value (a write that makes no progress counts as ENOSPC). */
int safefile_write(int fd, const void *buf, size_t len, off_t off);

/* Makes the temporary tmp (open as fd) the file path: fsync, close, rename, fsync of the
 * directory (best effort). 0, or an errno value, and then tmp is removed and path untouched.
 * Closes fd and frees tmp either way. */
int safefile_commit(int fd, char *tmp, const char *path);

/* Closes fd (if >= 0), removes tmp and frees it: the target is left as it was. */
void safefile_abandon(int fd, char *tmp);

/* A held lock: one run per file. */
typedef struct safefile_lock {
    int fd;     /* -1 when none */
    char *path; /* the lock file, "PATH.lock" */
} safefile_lock;

/* Outcomes of safefile_lock_take besides 0. */
#define SAFEFILE_LOCK_HELD (-1)    /* another live process holds the lock */
#define SAFEFILE_LOCK_FOREIGN (-2) /* "PATH.lock" holds data: no lock file mcpi made (they stay empty) */

/* The name of path's lock file, "PATH.lock" (malloc'd), or NULL when out of memory. */
char *safefile_lock_name(const char *path);

/* Takes an exclusive fcntl lock on "PATH.lock" (created if absent, opened with O_NOFOLLOW, checked
 * after locking to be still the file at that name): 0, SAFEFILE_LOCK_HELD, SAFEFILE_LOCK_FOREIGN
 * (the file is left as it is), or an errno value. */
int safefile_lock_take(const char *path, safefile_lock *lk);

/* Removes the lock file (if it is still the one locked) and releases the lock. */
void safefile_lock_release(safefile_lock *lk);

#endif
