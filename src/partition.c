#include "config.h"
#include "partition.h"

void partition_slice(uint64_t n, uint64_t parts, uint64_t part, uint64_t *first, uint64_t *count)
{
    uint64_t base = n / parts, extra = n % parts;
    /* part * base <= n, and min(part, extra) < parts: no overflow for n up to 2^64 - 1. */
    *first = part * base + (part < extra ? part : extra);
    *count = base + (part < extra ? 1 : 0);
}

uint64_t partition_guided_chunk(uint64_t remaining, uint64_t parts, uint64_t min_chunk)
{
    uint64_t size = remaining / (2 * parts);
    if (size < min_chunk)
        size = min_chunk;
    if (size == 0)
        size = 1;
    return size < remaining ? size : remaining;
}
