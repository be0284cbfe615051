/* primelist.c - every rank takes its static slice of the range (whatever the schedule of the
 * count), sizes its part of the file from prime counts per number of digits, learns its offset
 * by MPI_Exscan, and streams its primes to its own descriptor of one shared file with pwrite
 * through a fixed buffer. Memory per rank stays bounded however many primes the range holds.
 *
 * Why POSIX and not MPI-IO: on a full file system Open MPI 4.1's ompio prints its own warning
 * ("mca_fbtl_posix_pwritev: error in (p)write(v)") and, on one rank, returned success with a short
 * file; a plain pwrite loop sees every short write and errno on any MPI library. The ranks write
 * disjoint byte ranges of one file, which every POSIX-conforming shared file system (NFS with
 * close-to-open consistency, Lustre, GPFS) makes whole once each rank has fsync'ed and closed. */
#include "config.h"
#include "primelist.h"
#include "testfail.h"
#include "mpicheck.h"
#include "partition.h"
#include "safefile.h"
#include "stopsig.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define PRIMELIST_BUFFER (1 << 20)

uint64_t primelist_bytes(primes_method method, uint64_t lo, uint64_t hi)
{
    uint64_t bytes = 0, low = 0, high = 9; /* numbers with `digits` digits: [low, high] */
    for (int digits = 1; digits <= 20 && lo <= hi; digits++) {
        uint64_t a = lo > low ? lo : low, b = hi < high ? hi : high;
        if (a <= b)
            bytes += primes_count(method, a, b) * (uint64_t)(digits + 1);
        low = high + 1;
        high = digits + 1 == 20 ? UINT64_MAX : high * 10 + 9;
    }
    return bytes;
}

/* Rank 0's one line about the list file. */
static void primelist_say(const primelist *pl, const char *why)
{
    char shown[256];
    safefile_shown(pl->path, shown, sizeof shown);
    fprintf(stderr, "mcpi: cannot write --list '%s': %s\n", shown, why);
}

/* The worst errno of all ranks (0 if none failed) into *worst, the same on every rank: MCPI_OK, or
 * MCPI_ERR_RUNTIME if MPI failed. */
static int primelist_agree(MPI_Comm comm, int err, int *worst)
{
    MPI_CHECK(MPI_Allreduce(&err, worst, 1, MPI_INT, MPI_MAX, comm));
    return MCPI_OK;
}

/* Frees the names and closes this rank's descriptor. */
static void primelist_forget(primelist *pl)
{
    if (pl->fd >= 0)
        close(pl->fd);
    pl->fd = -1;
    free(pl->path);
    free(pl->tmp_path);
    pl->path = pl->tmp_path = NULL;
}

int primelist_open(MPI_Comm comm, const char *path, primelist *pl)
{
    memset(pl, 0, sizeof *pl);
    pl->comm = comm;
    pl->fd = -1;
    int rank;
    MPI_CHECK(MPI_Comm_rank(comm, &rank));
    pl->path = strdup(path);
    int err = pl->path == NULL ? ENOMEM : 0;
    /* Rank 0 creates the temporary exclusively; the others open that very file, never a symlink. */
    uint64_t ident[3] = {0, 0, 0}; /* error, inode, length of the name */
    if (rank == 0 && err == 0) {
        struct stat sb;
        err = safefile_temp(path, &pl->tmp_path, &pl->fd);
        if (err == 0 && fstat(pl->fd, &sb) != 0)
            err = errno;
        ident[1] = err == 0 ? (uint64_t)sb.st_ino : 0;
        ident[2] = err == 0 ? strlen(pl->tmp_path) : 0;
    }
    ident[0] = (uint64_t)err;
    MPI_CHECK(MPI_Bcast(ident, 3, MPI_UINT64_T, 0, comm));
    err = (int)ident[0];
    if (err == 0 && rank != 0) {
        pl->tmp_path = malloc(ident[2] + 1);
        err = pl->tmp_path == NULL ? ENOMEM : 0;
    }
    int all = 0;
    if (primelist_agree(comm, err, &all) != MCPI_OK)
        return MCPI_ERR_RUNTIME;
    if (all == 0) {
        MPI_CHECK(MPI_Bcast(pl->tmp_path, (int)ident[2] + 1, MPI_CHAR, 0, comm));
        if (rank != 0) {
            struct stat sb;
            pl->fd = open(pl->tmp_path, O_WRONLY | O_NOFOLLOW | O_NOCTTY | O_CLOEXEC);
            if (pl->fd < 0)
                err = errno;
            else if (fstat(pl->fd, &sb) != 0 || !S_ISREG(sb.st_mode) || (uint64_t)sb.st_ino != ident[1])
                err = EXDEV; /* not the file rank 0 made: the ranks do not share this directory */
        }
        if (primelist_agree(comm, err, &all) != MCPI_OK)
            return MCPI_ERR_RUNTIME;
    }
    if (all == 0)
        return MCPI_OK;
    if (rank == 0) {
        if (all == ENOENT && ident[0] == 0 && err == 0)
            primelist_say(pl, "the temporary file is not visible on every rank (use a directory all ranks share)");
        else if (all == EXDEV)
            primelist_say(pl, "another file is at the temporary name on some rank (use a directory all ranks share)");
        else
            primelist_say(pl, strerror(all));
        if (pl->fd >= 0) {
            safefile_abandon(pl->fd, pl->tmp_path);
            pl->fd = -1;
            pl->tmp_path = NULL;
        }
    }
    int status = ident[0] != 0 && safefile_bad_place((int)ident[0]) ? MCPI_ERR_USAGE : MCPI_ERR_RUNTIME;
    primelist_forget(pl);
    return status;
}

/* Streams primes into the file through a fixed buffer. */
typedef struct primelist_writer {
    int fd;
    off_t offset; /* where the buffer's first byte goes */
    char *buf;
    size_t used;
    uint64_t written;
    int err; /* errno of the first failed write */
    int (*stop)(void); /* polled before each write; NULL: never */
    int stopped;       /* the signal that stopped the writes, or 0 */
} primelist_writer;

static int primelist_flush(primelist_writer *w)
{
    if (w->used == 0)
        return 0;
    if (w->stop != NULL && (w->stopped = w->stop()) != 0)
        return 1;
    if ((w->err = safefile_write(w->fd, w->buf, w->used, w->offset)) != 0)
        return 1;
    w->offset += (off_t)w->used;
    w->written += w->used;
    w->used = 0;
    return 0;
}

static int primelist_put(uint64_t p, void *ctx)
{
    primelist_writer *w = ctx;
    if (w->used + 21 > PRIMELIST_BUFFER && primelist_flush(w))
        return 1;
    char digits[24];
    int n = 0;
    do {
        digits[n++] = (char)('0' + p % 10);
        p /= 10;
    } while (p);
    while (n)
        w->buf[w->used++] = digits[--n];
    w->buf[w->used++] = '\n';
    return 0;
}

int primelist_write(primelist *pl, primes_method method, uint64_t from, uint64_t n, int (*stop)(void))
{
    int rank, size;
    MPI_CHECK(MPI_Comm_rank(pl->comm, &rank));
    MPI_CHECK(MPI_Comm_size(pl->comm, &size));
    uint64_t first, count;
    partition_slice(n, (uint64_t)size, (uint64_t)rank, &first, &count);
    uint64_t lo = from + first, hi = lo + count - 1;
    uint64_t bytes = count ? primelist_bytes(method, lo, hi) : 0, offset = 0;
    MPI_CHECK(MPI_Exscan(&bytes, &offset, 1, MPI_UINT64_T, MPI_SUM, pl->comm));
    MPI_CHECK(MPI_Allreduce(&bytes, &pl->bytes, 1, MPI_UINT64_T, MPI_SUM, pl->comm));
    if (rank == 0)
        offset = 0; /* MPI_Exscan leaves rank 0's result undefined */

    primelist_writer w = {.fd = pl->fd, .offset = (off_t)offset, .stop = stop};
    w.buf = testfail_at("list", pl->comm) ? NULL : malloc(PRIMELIST_BUFFER);
    int internal = 0;
    if (w.buf == NULL) {
        w.err = ENOMEM;
    } else if (count > 0) {
        if (primes_foreach(method, lo, hi, primelist_put, &w) == 0)
            primelist_flush(&w);
        internal = w.err == 0 && !w.stopped && w.written != bytes;
    }
    free(w.buf);
    /* One reduction for all ranks' outcomes: a stop on any rank ends the list on all, then the worst
     * errno, then an internal error (each a maximum, so one rank's is never lost to the others' 0). */
    int mine[3] = {w.stopped, w.err, internal}, all[3];
    MPI_CHECK(MPI_Allreduce(mine, all, 3, MPI_INT, MPI_MAX, pl->comm));
    if (all[0] == 0 && all[1] == 0 && all[2] == 0)
        return MCPI_OK;
    if (rank == 0) {
        char why[64] = "";
        if (all[0] != 0)
            snprintf(why, sizeof why, "stopped by %s; the list was not written", stopsig_name(all[0]));
        primelist_say(pl, all[0] != 0   ? why
                          : all[1] != 0 ? strerror(all[1])
                                        : "internal error: the primes written differ from those counted");
    }
    return MCPI_ERR_RUNTIME;
}

int primelist_close(primelist *pl, int ok)
{
    int rank;
    MPI_CHECK(MPI_Comm_rank(pl->comm, &rank));
    /* Every other rank's data reach the disk and its descriptor is closed before rank 0 renames. */
    int err = 0;
    if (rank != 0 && pl->fd >= 0) {
        if (ok && fsync(pl->fd) != 0)
            err = errno;
        if (close(pl->fd) != 0 && ok && err == 0)
            err = errno;
        pl->fd = -1;
    }
    int all_ok = 0;
    MPI_CHECK(MPI_Allreduce(&ok, &all_ok, 1, MPI_INT, MPI_MIN, pl->comm));
    int worst = 0;
    if (all_ok && primelist_agree(pl->comm, err, &worst) != MCPI_OK)
        return MCPI_ERR_RUNTIME;
    err = worst;
    int status = all_ok && err == 0 ? MCPI_OK : MCPI_ERR_RUNTIME;
    if (rank == 0 && pl->tmp_path != NULL) {
        /* The size seen through a fresh open, which on NFS revalidates what other nodes wrote: a size
         * that is not the sum of the parts is never installed. */
        struct stat sb;
        int fresh = status == MCPI_OK ? open(pl->tmp_path, O_RDONLY | O_NOFOLLOW | O_NOCTTY | O_CLOEXEC) : -1;
        if (status == MCPI_OK && (fresh < 0 || fstat(fresh, &sb) != 0 || (uint64_t)sb.st_size != pl->bytes))
            err = fresh < 0 ? errno : EIO;
        if (fresh >= 0)
            close(fresh);
        if (status == MCPI_OK && err == 0)
            err = safefile_commit(pl->fd, pl->tmp_path, pl->path);
        else
            safefile_abandon(pl->fd, pl->tmp_path);
        pl->fd = -1;
        pl->tmp_path = NULL;
        if (all_ok && err != 0)
            primelist_say(pl, strerror(err));
        status = all_ok && err == 0 ? MCPI_OK : MCPI_ERR_RUNTIME;
    }
    MPI_CHECK(MPI_Bcast(&status, 1, MPI_INT, 0, pl->comm));
    primelist_forget(pl);
    return status;
}
