/* intervals.c - sorted interval sets with merge on insert, complement and position lookup. */
#include "config.h"
#include "intervals.h"

#include <stdlib.h>
#include <string.h>

void intervals_init(intervals *s)
{
    memset(s, 0, sizeof *s);
}

void intervals_free(intervals *s)
{
    free(s->v);
    free(s->before);
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
        s->v[2 * i + 1] = s->v[2 * right + 1];
        memmove(&s->v[2 * right], &s->v[2 * right + 2], (s->n - right - 1) * 2 * sizeof *s->v);
        s->n--;
        return INTERVALS_OK;
    }
    if (touches_left) {
        s->v[2 * i + 1] = end;
        return INTERVALS_OK;
    }
    if (touches_right) {
        s->v[2 * right] = first;
        return INTERVALS_OK;
    }
    if (s->n == s->cap) {
        size_t cap = s->cap ? 2 * s->cap : 16;
        uint64_t *v = realloc(s->v, cap * 2 * sizeof *v);
        if (v == NULL)
            return INTERVALS_NOMEM;
        s->v = v;
        s->cap = cap;
    }
    memmove(&s->v[2 * i + 2], &s->v[2 * i], (s->n - i) * 2 * sizeof *s->v);
    s->v[2 * i] = first;
    s->v[2 * i + 1] = end;
    s->n++;
    return INTERVALS_OK;
}

uint64_t intervals_total(const intervals *s)
{
    uint64_t total = 0;
    for (size_t i = 0; i < s->n; i++)
        total += s->v[2 * i + 1] - s->v[2 * i];
    return total;
}

int intervals_complement(const intervals *s, uint64_t n, intervals *out)
{
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
