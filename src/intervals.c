/* intervals.c - sorted interval sets with merge on insert, complement and position lookup.
 *
 * Inserting into a sorted array costs a memmove of everything after the insertion point, and a
 * resumed run fills the gaps of a checkpoint's done set one by one: with a million gaps that is
 * quadratic. So an insert is done in place only when it is cheap (it extends a neighbour, or moves
 * few entries near the end); otherwise it waits in an unsorted log that is sorted and merged into
 * the array in one pass once it holds a quarter as many entries as the array (amortised
 * O(log n) per insert). Overlaps with the array are refused at once; overlaps between logged
 * inserts are found by the merge. */
#include "config.h"
#include "intervals.h"

#include <stdlib.h>
#include <string.h>

/* Entries a cheap in-place insert or delete may move. */
#define INTERVALS_CHEAP_MOVE 64
/* The log is merged once it holds this many entries and a quarter as many as the array. */
#define INTERVALS_LOG_MIN 4096

void intervals_init(intervals *s)
{
    memset(s, 0, sizeof *s);
}

void intervals_free(intervals *s)
{
    free(s->v);
    free(s->before);
    free(s->log);
    intervals_init(s);
}

/* Index of the first interval whose end is >= x (s->n if none). */
static size_t intervals_first_ending_at_or_after(const intervals *s, uint64_t x)
{
    size_t lo = 0, hi = s->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (s->v[2 * mid + 1] < x)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Makes room for at least want intervals in *v (capacity *cap); 0 or INTERVALS_NOMEM. */
static int intervals_reserve(uint64_t **v, size_t *cap, size_t want)
{
    if (want <= *cap)
        return INTERVALS_OK;
    size_t c = *cap ? *cap : 16;
    while (c < want)
        c *= 2;
    uint64_t *nv = realloc(*v, c * 2 * sizeof *nv);
    if (nv == NULL)
        return INTERVALS_NOMEM;
    *v = nv;
    *cap = c;
    return INTERVALS_OK;
}

static int intervals_pair_cmp(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

int intervals_flush(intervals *s)
{
    if (s->logn == 0)
        return INTERVALS_OK;
    qsort(s->log, s->logn, 2 * sizeof *s->log, intervals_pair_cmp);
    size_t cap = s->n + s->logn;
    uint64_t *out = malloc(cap * 2 * sizeof *out);
    if (out == NULL)
        return INTERVALS_NOMEM;
    size_t i = 0, j = 0, k = 0;
    while (i < s->n || j < s->logn) {
        const uint64_t *next = j == s->logn || (i < s->n && s->v[2 * i] < s->log[2 * j]) ? &s->v[2 * i++]
                                                                                       : &s->log[2 * j++];
        if (k > 0 && next[0] < out[2 * k - 1]) { /* starts before the last one ends */
            free(out);
            return INTERVALS_OVERLAP;
        }
        if (k > 0 && next[0] == out[2 * k - 1]) {
            out[2 * k - 1] = next[1];
        } else {
            out[2 * k] = next[0];
            out[2 * k + 1] = next[1];
            k++;
        }
    }
    free(s->v);
    s->v = out;
    s->n = k;
    s->cap = cap;
    s->logn = 0;
    return INTERVALS_OK;
}

/* Defers [first, end) to the log, merging the log when it has grown enough. */
static int intervals_defer(intervals *s, uint64_t first, uint64_t end)
{
    if (intervals_reserve(&s->log, &s->logcap, s->logn + 1) != INTERVALS_OK)
        return INTERVALS_NOMEM;
    s->log[2 * s->logn] = first;
    s->log[2 * s->logn + 1] = end;
    s->logn++;
    s->total += end - first;
    if (s->logn >= INTERVALS_LOG_MIN && s->logn >= s->n / 4)
        return intervals_flush(s);
    return INTERVALS_OK;
}

int intervals_add(intervals *s, uint64_t first, uint64_t end)
{
    if (first >= end)
        return INTERVALS_EMPTY;
    size_t i = intervals_first_ending_at_or_after(s, first);
    /* Interval i (if any) ends at or after first; the ones before end before first. */
    if (i < s->n && s->v[2 * i] < end && s->v[2 * i + 1] > first)
        return INTERVALS_OVERLAP;
    int touches_left = i < s->n && s->v[2 * i + 1] == first;
    size_t right = touches_left ? i + 1 : i; /* the interval that may start at end */
    int touches_right = right < s->n && s->v[2 * right] == end;
    if (right < s->n && !touches_right && s->v[2 * right] < end)
        return INTERVALS_OVERLAP;
    if (touches_left && touches_right) { /* [a, first) + [first, end) + [end, b) = [a, b) */
        if (s->n - right - 1 > INTERVALS_CHEAP_MOVE)
            return intervals_defer(s, first, end);
        s->v[2 * i + 1] = s->v[2 * right + 1];
        memmove(&s->v[2 * right], &s->v[2 * right + 2], (s->n - right - 1) * 2 * sizeof *s->v);
        s->n--;
    } else if (touches_left) {
        s->v[2 * i + 1] = end;
    } else if (touches_right) {
        s->v[2 * right] = first;
    } else {
        if (s->n - i > INTERVALS_CHEAP_MOVE)
            return intervals_defer(s, first, end);
        if (intervals_reserve(&s->v, &s->cap, s->n + 1) != INTERVALS_OK)
            return INTERVALS_NOMEM;
        memmove(&s->v[2 * i + 2], &s->v[2 * i], (s->n - i) * 2 * sizeof *s->v);
        s->v[2 * i] = first;
        s->v[2 * i + 1] = end;
        s->n++;
    }
    s->total += end - first;
    return INTERVALS_OK;
}

uint64_t intervals_total(const intervals *s)
{
    return s->total;
}

int intervals_contains(const intervals *s, uint64_t x)
{
    size_t i = intervals_first_ending_at_or_after(s, x + 1 == 0 ? x : x + 1);
    return x != UINT64_MAX && i < s->n && s->v[2 * i] <= x && x < s->v[2 * i + 1];
}

int intervals_complement(intervals *s, uint64_t n, intervals *out)
{
    int rc = intervals_flush(s);
    if (rc != INTERVALS_OK)
        return rc;
    uint64_t at = 0;
    for (size_t i = 0; i < s->n; i++) {
        if (s->v[2 * i] > at && intervals_add(out, at, s->v[2 * i]) != INTERVALS_OK)
            return INTERVALS_NOMEM;
        at = s->v[2 * i + 1];
    }
    if (at < n && intervals_add(out, at, n) != INTERVALS_OK)
        return INTERVALS_NOMEM;
    return INTERVALS_OK;
}

int intervals_index(intervals *s)
{
    int rc = intervals_flush(s);
    if (rc != INTERVALS_OK)
        return rc;
    uint64_t *before = realloc(s->before, (s->n ? s->n : 1) * sizeof *before);
    if (before == NULL)
        return INTERVALS_NOMEM;
    s->before = before;
    uint64_t sum = 0;
    for (size_t i = 0; i < s->n; i++) {
        before[i] = sum;
        sum += s->v[2 * i + 1] - s->v[2 * i];
    }
    return INTERVALS_OK;
}

void intervals_locate(const intervals *s, uint64_t v, uint64_t *real, uint64_t *run)
{
    size_t lo = 0, hi = s->n; /* the last interval with before <= v */
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (s->before[mid] <= v)
            lo = mid;
        else
            hi = mid;
    }
    uint64_t offset = v - s->before[lo];
    *real = s->v[2 * lo] + offset;
    *run = s->v[2 * lo + 1] - *real;
}
