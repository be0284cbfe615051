/* safefile.c - checked writes, exclusive temporaries, atomic replacement and run locks.
 *
 * A file mcpi writes (a checkpoint, a --list) is built under a fresh name made by mkostemp in the
 * target's own directory: O_CREAT|O_EXCL, so a name planted in advance (a symlink included) is
 * never opened, only avoided. Every write is looped until complete; fsync and close are checked;
 * the one rename is the only step that touches the target name, and rename replaces a symlink at
 * that name rather than following it. */
#include "config.h"
#include "safefile.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

void safefile_shown(const char *path, char *out, size_t outlen)
{
    snprintf(out, outlen, "%s", path);
    for (char *c = out; *c; c++)
        if ((unsigned char)*c < 0x20 || *c == 0x7f)
            *c = '?';
}

int safefile_target_ok(const char *path)
{
    struct stat sb;
    if (stat(path, &sb) != 0)
        return 0; /* absent (or unreachable: the write itself will say why) */
    return S_ISREG(sb.st_mode) ? 0 : -1;
}

/* The resolved name of path's directory, a slash and its last component (malloc'd), or NULL. */
static char *safefile_resolved(const char *path)
{
    char *d = strdup(path), *b = strdup(path), *out = NULL;
    if (d != NULL && b != NULL) {
        char *dir = realpath(dirname(d), NULL), *base = basename(b);
        if (dir != NULL && asprintf(&out, "%s/%s", dir, base) < 0)
            out = NULL;
        free(dir);
    }
    free(d);
    free(b);
    return out;
}

int safefile_same(const char *a, const char *b)
{
    struct stat sa, sb;
    if (stat(a, &sa) == 0 && stat(b, &sb) == 0)
        return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
    char *ra = safefile_resolved(a), *rb = safefile_resolved(b);
    int same = ra != NULL && rb != NULL ? strcmp(ra, rb) == 0 : strcmp(a, b) == 0;
    free(ra);
    free(rb);
    return same;
}

int safefile_temp(const char *path, char **tmp, int *fd)
{
    *tmp = NULL;
    *fd = -1;
    char *name;
    if (asprintf(&name, "%s.mcpi-XXXXXX", path) < 0)
        return ENOMEM;
    int f = mkostemp(name, O_CLOEXEC); /* O_CREAT|O_EXCL: never an existing name, never a symlink */
    if (f < 0) {
        int e = errno;
        free(name);
        return e;
    }
    mode_t mask = umask(0);
    umask(mask);
    if (fchmod(f, 0666 & ~mask) != 0) {
        int e = errno;
        safefile_abandon(f, name);
        return e;
    }
    *tmp = name;
    *fd = f;
    return 0;
}

int safefile_bad_place(int e)
{
    return e == ENOENT || e == ENOTDIR || e == EACCES || e == EPERM || e == EROFS || e == ENAMETOOLONG ||
           e == ELOOP || e == EISDIR;
}

int safefile_write(int fd, const void *buf, size_t len, off_t off)
{
    const char *p = buf;
    while (len > 0) {
        size_t want = len > ((size_t)1 << 30) ? (size_t)1 << 30 : len;
        ssize_t put = off < 0 ? write(fd, p, want) : pwrite(fd, p, want, off);
        if (put < 0 && errno == EINTR)
            continue;
        if (put < 0)
            return errno;
        if (put == 0)
            return ENOSPC; /* no progress and no error: treat as a full device */
        p += put;
        len -= (size_t)put;
        if (off >= 0)
            off += put;
    }
    return 0;
}

/* fsync of the directory holding path, so that the rename itself is on disk. */
static void safefile_sync_dir(const char *path)
{
    char *copy = strdup(path);
    if (copy == NULL)
        return;
    int fd = open(dirname(copy), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    free(copy);
    if (fd < 0)
        return;
    (void)fsync(fd); /* best effort: some file systems cannot sync a directory */
    close(fd);
}

int safefile_commit(int fd, char *tmp, const char *path)
{
    int e = 0;
    if (fsync(fd) != 0)
        e = errno;
    if (close(fd) != 0 && e == 0)
        e = errno;
    if (e == 0 && rename(tmp, path) != 0)
        e = errno;
    if (e != 0)
        unlink(tmp);
    else
        safefile_sync_dir(path);
    free(tmp);
    return e;
}

void safefile_abandon(int fd, char *tmp)
{
    if (fd >= 0)
        close(fd);
    if (tmp != NULL)
        unlink(tmp);
    free(tmp);
}

char *safefile_lock_name(const char *path)
{
    char *name;
    return asprintf(&name, "%s.lock", path) < 0 ? NULL : name;
}

int safefile_lock_take(const char *path, safefile_lock *lk)
{
    lk->fd = -1;
    lk->path = NULL;
    char *name = safefile_lock_name(path);
    if (name == NULL)
        return ENOMEM;
    /* The file may be replaced between open and lock by a run that ends and removes it: then the
     * lock is on a file no longer at that name, and the next attempt opens the new one. */
    for (int attempt = 0; attempt < 100; attempt++) {
        int fd = open(name, O_RDWR | O_CREAT | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC, 0666);
        if (fd < 0) {
            int e = errno;
            free(name);
            return e;
        }
        struct stat held, now;
        if (fstat(fd, &held) != 0 || !S_ISREG(held.st_mode)) {
            close(fd);
            free(name);
            return EINVAL;
        }
        if (held.st_size != 0) { /* mcpi never writes to a lock file: this one is someone's data */
            close(fd);
            free(name);
            return SAFEFILE_LOCK_FOREIGN;
        }
        struct flock fl = {.l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 0};
#ifdef F_OFD_SETLK
        int rc = fcntl(fd, F_OFD_SETLK, &fl); /* per open file: no other close in this process drops it */
        if (rc != 0 && errno == EINVAL)
            rc = fcntl(fd, F_SETLK, &fl);
#else
        int rc = fcntl(fd, F_SETLK, &fl);
#endif
        if (rc != 0) {
            int e = errno;
            close(fd);
            free(name);
            return e == EAGAIN || e == EACCES ? SAFEFILE_LOCK_HELD : e;
        }
        if (lstat(name, &now) == 0 && now.st_dev == held.st_dev && now.st_ino == held.st_ino) {
            lk->fd = fd;
            lk->path = name;
            return 0;
        }
        close(fd); /* removed or replaced meanwhile: try the file now at that name */
    }
    free(name);
    return EAGAIN;
}

void safefile_lock_release(safefile_lock *lk)
{
    if (lk->fd >= 0) {
        struct stat held, now;
        if (fstat(lk->fd, &held) == 0 && lstat(lk->path, &now) == 0 && now.st_dev == held.st_dev &&
            now.st_ino == held.st_ino)
            unlink(lk->path); /* still locked: no other run can be between its open and its check */
        close(lk->fd);
    }
    free(lk->path);
    lk->fd = -1;
    lk->path = NULL;
}
