/* checkpoint.h - the checkpoint file: which part of a run's index space is done and the tally of
 * that part, tied to the run's result-defining parameters and protected by a CRC-32. */
#ifndef MCPI_CHECKPOINT_H
#define MCPI_CHECKPOINT_H

#include <stddef.h>
#include <stdint.h>
#include "intervals.h"
#include "mcpi.h"

#define CHECKPOINT_VERSION 1
#define CHECKPOINT_RUN_MAX 256          /* bytes of the run line, with its terminating NUL */
#define CHECKPOINT_MAX_INTERVALS 1000000 /* more is a corrupt file: a run has a few per rank */
#define CHECKPOINT_MAX_BYTES (64u << 20)

/* What a checkpoint holds. */
typedef struct checkpoint_state {
    char run[CHECKPOINT_RUN_MAX]; /* the workload and every parameter that defines the result */
    uint64_t items;               /* size N of the index space */
    int tally_words;
    uint64_t tally[MCPI_TALLY_MAX]; /* the tally of the done part */
    intervals done;                /* the done part of [0, N) */
} checkpoint_state;

/* What checkpoint_parse makes of a file's bytes (not an mcpi_status). */
typedef enum checkpoint_parsed {
    CHECKPOINT_OK = 0,
    CHECKPOINT_FOREIGN = 1, /* not an mcpi checkpoint, or a format version this mcpi cannot read */
    CHECKPOINT_CORRUPT = 2  /* checksum mismatch, truncated, or inconsistent */
} checkpoint_parsed;

/* A workload's check of a checkpoint by meaning: 1 if tally can be the tally of the done set of a
 * run with these parameters (ctx), else 0 with a short reason in why. */
typedef int (*checkpoint_check_fn)(const uint64_t *tally, const intervals *done, const void *ctx, char *why,
                                   size_t whylen);

/* Parses the len bytes of a checkpoint file into *st (its done set initialised by the caller, and
 * empty); a checkpoint_parsed: CHECKPOINT_OK, or FOREIGN or CORRUPT with a reason in why. */
int checkpoint_parse(const char *buf, size_t len, checkpoint_state *st, char *why, size_t whylen);

/* The file's bytes for *st in *buf (malloc'd, *len bytes; merges st->done's pending inserts);
 * MCPI_OK or MCPI_ERR_RUNTIME. */
int checkpoint_format(checkpoint_state *st, char **buf, size_t *len);

/* Reads path (opened without blocking; a FIFO or device is refused) for the run described by want
 * (run, items, tally_words) and checks its tally by meaning with check(tally, done, check_ctx) if
 * check is not NULL. Returns an mcpi_status: MCPI_OK with *absent = 1 if there is no such file (*st
 * untouched: a fresh start), MCPI_OK with *absent = 0 and *st filled (its done set initialised by the
 * call; the caller frees it), or MCPI_ERR_USAGE with a one-line message in err (file left as it was). */
int checkpoint_load(const char *path, const checkpoint_state *want, checkpoint_check_fn check, const void *check_ctx,
                    checkpoint_state *st, int *absent, char *err, size_t errlen);

/* Replaces path by *st atomically (a new exclusive temporary beside it, every write checked, fsync,
 * rename, fsync of the directory), so that a crash or a full disk leaves the old or the new file,
 * never a torn one, and no temporary; MCPI_OK, else a message in err and MCPI_ERR_USAGE if the place
 * cannot take a file (safefile_bad_place) or MCPI_ERR_RUNTIME (a full disk, an I/O error). */
int checkpoint_save(const char *path, checkpoint_state *st, char *err, size_t errlen);

#endif
