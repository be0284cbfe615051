/* pi_kernel.h - the pi workload's kernels: Philox4x32-10 pairs and exact hit tests, scalar and SIMD. */
#ifndef MCPI_PI_KERNEL_H
#define MCPI_PI_KERNEL_H

#include <stdint.h>

typedef enum pi_kernel_id {
    PI_KERNEL_AUTO,     /* the best the CPU offers */
    PI_KERNEL_SCALAR,   /* Random123's philox4x32, one counter at a time: the reference */
    PI_KERNEL_PORTABLE, /* the vector code for the compiler's baseline target (SSE2 on x86-64, NEON, ...) */
    PI_KERNEL_AVX2,     /* the vector code compiled for AVX2 */
    PI_KERNEL_AVX512,   /* the vector code compiled for AVX-512 (F, DQ, VL) */
    PI_KERNEL_COUNT
} pi_kernel_id;

/* Hits of both samples of each pair [first_pair, first_pair + pairs) for Philox key {key0, key1}. */
typedef uint64_t (*pi_pairs_fn)(uint32_t key0, uint32_t key1, uint64_t first_pair, uint64_t pairs);

/* 1 if this CPU can run kernel id (0 <= id < PI_KERNEL_COUNT; AUTO always can). */
int pi_kernel_available(pi_kernel_id id);

/* The kernel id resolves to on this CPU (AUTO: the fastest available); NULL if unavailable. */
pi_pairs_fn pi_kernel_get(pi_kernel_id id);

/* The kernel AUTO picks on this CPU. */
pi_kernel_id pi_kernel_best(void);

/* Name of a kernel ("auto", "scalar", "portable", "avx2", "avx512"). */
const char *pi_kernel_name(pi_kernel_id id);

/* Kernel of a name, or -1 if there is none. */
int pi_kernel_from_name(const char *name);

/* The names pi_kernel_from_name takes, for a message that refuses another ("expected ..."). */
#define PI_KERNEL_CHOICES "auto, avx512, avx2, portable or scalar"

#endif
