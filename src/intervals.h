/* intervals.h - sets of disjoint half-open intervals [first, end) of an index space: the part of
 * the work that is done (a checkpoint), and what is left of it, seen as one index space. */
#ifndef MCPI_INTERVALS_H
#define MCPI_INTERVALS_H

#include <stddef.h>
#include <stdint.h>

/* Sorted, disjoint, non-adjacent intervals: v[2i] is the first index of interval i, v[2i+1] its end.
 * An insert that would move much of v (filling a gap far from the end) waits in a log instead, merged
 * in batches, so that inserting is amortised O(log n); v and n show the whole set only after
 * intervals_flush (which the functions below that read v call themselves). */
typedef struct intervals {
    uint64_t *v;
    size_t n;      /* number of intervals */
    size_t cap;    /* intervals v has room for */
    uint64_t *before; /* after intervals_index: items in the intervals before interval i */
    uint64_t *log; /* pending inserts, as pairs, in arrival order */
    size_t logn, logcap;
    uint64_t total; /* indices in v and log together */
} intervals;

/* Result of intervals_add. */
enum { INTERVALS_OK = 0, INTERVALS_NOMEM = 1, INTERVALS_OVERLAP = 2, INTERVALS_EMPTY = 3 };

/* Makes s the empty set. */
void intervals_init(intervals *s);

/* Frees s's memory and makes it empty. */
void intervals_free(intervals *s);

/* Adds [first, end) to s, merging with neighbours it touches (amortised O(log n)); INTERVALS_EMPTY if
 * first >= end, INTERVALS_NOMEM if out of memory, INTERVALS_OVERLAP if it shares an index with s: at
 * once (s unchanged) against the merged part, else from the batch merge (here or in intervals_flush). */
int intervals_add(intervals *s, uint64_t first, uint64_t end);

/* Merges the pending inserts into v (O(n + k log k) for k pending): INTERVALS_OK, INTERVALS_NOMEM, or
 * INTERVALS_OVERLAP if two inserts shared an index (then nothing is merged). */
int intervals_flush(intervals *s);

/* Number of indices in s (O(1)). */
uint64_t intervals_total(const intervals *s);

/* 1 if index x is in s's merged part (all of s after intervals_flush), else 0 (O(log n)). */
int intervals_contains(const intervals *s, uint64_t x);

/* Sets out (initialised, empty) to [0, n) minus s (every interval of s must lie in [0, n)); 0,
 * INTERVALS_NOMEM or an overlap found by flushing s. */
int intervals_complement(intervals *s, uint64_t n, intervals *out);

/* Prepares s for intervals_locate (call again after a change); 0, INTERVALS_NOMEM or INTERVALS_OVERLAP. */
int intervals_index(intervals *s);

/* Position v of the index space made of s's intervals end to end (v < intervals_total(s), s indexed
 * by intervals_index since its last change): sets
 * *real to the index it stands for and *run to how many indices follow it in the same interval. */
void intervals_locate(const intervals *s, uint64_t v, uint64_t *real, uint64_t *run);

#endif
