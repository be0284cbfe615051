/* intervals.h - sets of disjoint half-open intervals [first, end) of an index space: the part of
 * the work that is done (a checkpoint), and what is left of it, seen as one index space. */
#ifndef MCPI_INTERVALS_H
#define MCPI_INTERVALS_H

#include <stddef.h>
#include <stdint.h>

/* Sorted, disjoint, non-adjacent intervals: v[2i] is the first index of interval i, v[2i+1] its end. */
typedef struct intervals {
    uint64_t *v;
    size_t n;      /* number of intervals */
    size_t cap;    /* intervals v has room for */
    uint64_t *before; /* after intervals_index: items in the intervals before interval i */
} intervals;

/* Result of intervals_add. */
enum { INTERVALS_OK = 0, INTERVALS_NOMEM = 1, INTERVALS_OVERLAP = 2, INTERVALS_EMPTY = 3 };

/* Makes s the empty set. */
void intervals_init(intervals *s);

/* Frees s's memory and makes it empty. */
void intervals_free(intervals *s);

/* Adds [first, end) to s, merging with neighbours it touches; INTERVALS_OVERLAP (s unchanged) if it
 * shares an index with s, INTERVALS_EMPTY if first >= end, INTERVALS_NOMEM if out of memory. */
int intervals_add(intervals *s, uint64_t first, uint64_t end);

/* Number of indices in s. */
uint64_t intervals_total(const intervals *s);

/* Sets out (initialised, empty) to [0, n) minus s (every interval of s must lie in [0, n)); 0 or INTERVALS_NOMEM. */
int intervals_complement(const intervals *s, uint64_t n, intervals *out);

/* Prepares s for intervals_locate (call again after a change); 0 or INTERVALS_NOMEM. */
int intervals_index(intervals *s);

/* Position v of the index space made of s's intervals end to end (v < intervals_total(s)): sets
 * *real to the index it stands for and *run to how many indices follow it in the same interval. */
void intervals_locate(const intervals *s, uint64_t v, uint64_t *real, uint64_t *run);

#endif
