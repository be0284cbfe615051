/* partition.h - splitting an index space [0, N) into slices and chunks. */
#ifndef MCPI_PARTITION_H
#define MCPI_PARTITION_H

#include <stdint.h>

/* Slice `part` of `parts` balanced slices of [0, n) (parts >= 1, part < parts): sizes differ by at
 * most one, the first n % parts slices being one larger; slices are contiguous and in rank order. */
void partition_slice(uint64_t n, uint64_t parts, uint64_t part, uint64_t *first, uint64_t *count);

/* Size of the next guided chunk when `remaining` items are left over `parts` ranks (parts >= 1):
 * max(min_chunk, remaining / (2 * parts)), never more than remaining. */
uint64_t partition_guided_chunk(uint64_t remaining, uint64_t parts, uint64_t min_chunk);

#endif
