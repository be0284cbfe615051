/* primelist.c - every rank takes its static slice of the range (whatever the schedule of the
 * count), sizes its part of the file from prime counts per number of digits, learns its offset
 * by MPI_Exscan, and streams its primes to MPI_File_write_at through a fixed buffer. Memory per
 * rank stays bounded however many primes the range holds. */
#include "config.h"
#include "primelist.h"
#include "mpicheck.h"
#include "partition.h"

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

/* Rank 0 checks that path can be written, creating the temporary file; every rank learns the outcome. */
static int primelist_check(MPI_Comm comm, primelist *pl)
{
    int rank;
    MPI_CHECK(MPI_Comm_rank(comm, &rank));
    int status = MCPI_OK;
    if (rank == 0) {
        struct stat st;
        const char *why = NULL;
        if (stat(pl->path, &st) == 0 && S_ISDIR(st.st_mode)) {
            why = "is a directory";
        } else {
            int fd = open(pl->tmp_path, O_WRONLY | O_CREAT | O_EXCL, 0644);
            if (fd < 0)
                why = strerror(errno);
            else
                close(fd);
        }
        if (why != NULL) {
            char shown[256]; /* the path as one line: control characters become '?' */
            snprintf(shown, sizeof shown, "%s", pl->path);
            for (char *c = shown; *c; c++)
                if ((unsigned char)*c < 0x20 || *c == 0x7f)
                    *c = '?';
            fprintf(stderr, "mcpi: cannot write --list '%s': %s\n", shown, why);
            status = MCPI_ERR_USAGE;
        }
    }
    MPI_CHECK(MPI_Bcast(&status, 1, MPI_INT, 0, comm));
    return status;
}

/* Frees the file names (after close, or when opening failed). */
static void primelist_forget(primelist *pl)
{
    free(pl->path);
    free(pl->tmp_path);
    pl->path = pl->tmp_path = NULL;
}

int primelist_open(MPI_Comm comm, const char *path, primelist *pl)
{
    memset(pl, 0, sizeof *pl);
    pl->comm = comm;
    pl->file = MPI_FILE_NULL;
    int rank;
    MPI_CHECK(MPI_Comm_rank(comm, &rank));
    /* The temporary name carries rank 0's process id, so concurrent runs do not collide. */
    long pid = (long)getpid();
    MPI_CHECK(MPI_Bcast(&pid, 1, MPI_LONG, 0, comm));
    pl->path = strdup(path);
    if (pl->path == NULL || asprintf(&pl->tmp_path, "%s.mcpi-partial.%ld", path, pid) < 0) {
        pl->tmp_path = NULL;
        primelist_forget(pl);
        fprintf(stderr, "mcpi: out of memory\n");
        return MCPI_ERR_RUNTIME; /* every rank fails alike */
    }
    int rc = primelist_check(comm, pl);
    if (rc != MCPI_OK) {
        primelist_forget(pl);
        return rc;
    }
    rc = MPI_File_open(comm, pl->tmp_path, MPI_MODE_WRONLY | MPI_MODE_CREATE, MPI_INFO_NULL, &pl->file);
    if (rc != MPI_SUCCESS) {
        if (rank == 0) {
            mpicheck_report(__FILE__, __LINE__, "MPI_File_open", rc);
            unlink(pl->tmp_path);
        }
        primelist_forget(pl);
        return MCPI_ERR_RUNTIME;
    }
    return MCPI_OK;
}

/* Streams primes into the file through a fixed buffer. */
typedef struct primelist_writer {
    MPI_File file;
    MPI_Offset offset; /* where the buffer's first byte goes */
    char *buf;
    size_t used;
    uint64_t written;
    int rc;
} primelist_writer;

static int primelist_flush(primelist_writer *w)
{
    if (w->used == 0)
        return 0;
    int rc = MPI_File_write_at(w->file, w->offset, w->buf, (int)w->used, MPI_BYTE, MPI_STATUS_IGNORE);
    if (rc != MPI_SUCCESS) {
        mpicheck_report(__FILE__, __LINE__, "MPI_File_write_at", rc);
        w->rc = MCPI_ERR_RUNTIME;
        return 1;
    }
    w->offset += (MPI_Offset)w->used;
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

int primelist_write(primelist *pl, primes_method method, uint64_t from, uint64_t n)
{
    int rank, size;
    MPI_CHECK(MPI_Comm_rank(pl->comm, &rank));
    MPI_CHECK(MPI_Comm_size(pl->comm, &size));
    uint64_t first, count;
    partition_slice(n, (uint64_t)size, (uint64_t)rank, &first, &count);
    uint64_t lo = from + first, hi = lo + count - 1;
    uint64_t bytes = count ? primelist_bytes(method, lo, hi) : 0, offset = 0;
    MPI_CHECK(MPI_Exscan(&bytes, &offset, 1, MPI_UINT64_T, MPI_SUM, pl->comm));
    if (rank == 0)
        offset = 0; /* MPI_Exscan leaves rank 0's result undefined */

    primelist_writer w = {.file = pl->file, .offset = (MPI_Offset)offset, .rc = MCPI_OK};
    w.buf = malloc(PRIMELIST_BUFFER);
    if (w.buf == NULL) {
        fprintf(stderr, "mcpi: out of memory for the --list buffer\n");
        w.rc = MCPI_ERR_RUNTIME;
    } else if (count > 0) {
        if (primes_foreach(method, lo, hi, primelist_put, &w) == 0)
            primelist_flush(&w);
        if (w.rc == MCPI_OK && w.written != bytes) {
            fprintf(stderr, "mcpi: --list wrote %llu bytes where %llu were counted\n",
                    (unsigned long long)w.written, (unsigned long long)bytes);
            w.rc = MCPI_ERR_RUNTIME;
        }
    }
    free(w.buf);
    int worst = w.rc;
    MPI_CHECK(MPI_Allreduce(&w.rc, &worst, 1, MPI_INT, MPI_MAX, pl->comm));
    return worst;
}

int primelist_close(primelist *pl, int ok)
{
    int rank;
    MPI_CHECK(MPI_Comm_rank(pl->comm, &rank));
    if (pl->file != MPI_FILE_NULL && ok && MPI_File_sync(pl->file) != MPI_SUCCESS)
        ok = 0; /* the data reach the disk before the name appears */
    if (pl->file != MPI_FILE_NULL && MPI_File_close(&pl->file) != MPI_SUCCESS)
        ok = 0;
    int all_ok = ok;
    MPI_CHECK(MPI_Allreduce(&ok, &all_ok, 1, MPI_INT, MPI_MIN, pl->comm));
    int status = all_ok ? MCPI_OK : MCPI_ERR_RUNTIME;
    if (rank == 0 && pl->tmp_path != NULL) {
        if (!all_ok) {
            unlink(pl->tmp_path);
        } else if (rename(pl->tmp_path, pl->path) != 0) {
            fprintf(stderr, "mcpi: cannot rename '%s' to '%s': %s\n", pl->tmp_path, pl->path, strerror(errno));
            unlink(pl->tmp_path);
            status = MCPI_ERR_RUNTIME;
        }
    }
    MPI_CHECK(MPI_Bcast(&status, 1, MPI_INT, 0, pl->comm));
    primelist_forget(pl);
    return status;
}
