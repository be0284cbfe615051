/* pi_kernel.c - Philox4x32-10 in SIMD batches and the exact hit test in SIMD integer arithmetic.
 *
 * One body, written with GCC/Clang vector extensions, is compiled three times: for the baseline
 * target ("portable": SSE2 on x86-64, NEON on arm64, plain code elsewhere), for AVX2 and for
 * AVX-512; the CPU is asked at run time which it can run, so one binary built on a login node runs
 * on every x86-64 node. Random123's scalar philox4x32 is the reference: the tests require every
 * kernel to give bit-identical hits.
 *
 * A batch holds PI_LANES counters, one per 64-bit lane, each lane carrying a 32-bit word
 * zero-extended, so that the 32x32->64 multiply of a Philox round is one lane-wise 64-bit
 * multiply (vpmuludq) with the high and low halves a shift and a mask away. */
#include "config.h"
#include "pi_kernel.h"

#include <Random123/philox.h>
#include <string.h>

/* The scalar reference: Random123's own philox4x32. */
static uint64_t pi_pairs_scalar(uint32_t key0, uint32_t key1, uint64_t first_pair, uint64_t pairs)
{
    philox4x32_key_t key = {{key0, key1}};
    uint64_t hits = 0;
    for (uint64_t i = 0; i < pairs; i++) {
        uint64_t k = first_pair + i;
        philox4x32_ctr_t c = {{(uint32_t)k, (uint32_t)(k >> 32), 0, 0}};
        philox4x32_ctr_t r = philox4x32(c, key);
        uint64_t p0 = (uint64_t)r.v[0] * r.v[0] + r.v[0], q0 = (uint64_t)r.v[1] * r.v[1] + r.v[1];
        uint64_t p1 = (uint64_t)r.v[2] * r.v[2] + r.v[2], q1 = (uint64_t)r.v[3] * r.v[3] + r.v[3];
        hits += (q0 <= ~p0) + (q1 <= ~p1);
    }
    return hits;
}

/* The portable kernel: the same rounds as Random123, written for PI_PORTABLE_WAY independent
 * counters at a time so that any compiler can overlap their multiplies. */
#define PI_PORTABLE_WAY 4
static uint64_t pi_pairs_portable(uint32_t key0, uint32_t key1, uint64_t first_pair, uint64_t pairs)
{
    uint64_t hits = 0, batches = pairs / PI_PORTABLE_WAY, done = batches * PI_PORTABLE_WAY;
    for (uint64_t b = 0; b < batches; b++) {
        uint32_t x0[PI_PORTABLE_WAY], x1[PI_PORTABLE_WAY], x2[PI_PORTABLE_WAY], x3[PI_PORTABLE_WAY];
        for (int j = 0; j < PI_PORTABLE_WAY; j++) {
            uint64_t k = first_pair + b * PI_PORTABLE_WAY + (uint64_t)j;
            x0[j] = (uint32_t)k;
            x1[j] = (uint32_t)(k >> 32);
            x2[j] = x3[j] = 0;
        }
        uint32_t k0 = key0, k1 = key1;
        for (int r = 0; r < 10; r++) {
            for (int j = 0; j < PI_PORTABLE_WAY; j++) {
                uint64_t m0 = (uint64_t)PHILOX_M4x32_0 * x0[j], m1 = (uint64_t)PHILOX_M4x32_1 * x2[j];
                uint32_t y0 = (uint32_t)(m1 >> 32) ^ x1[j] ^ k0, y2 = (uint32_t)(m0 >> 32) ^ x3[j] ^ k1;
                x1[j] = (uint32_t)m1;
                x3[j] = (uint32_t)m0;
                x0[j] = y0;
                x2[j] = y2;
            }
            k0 += PHILOX_W32_0;
            k1 += PHILOX_W32_1;
        }
        for (int j = 0; j < PI_PORTABLE_WAY; j++) {
            uint64_t pa = (uint64_t)x0[j] * x0[j] + x0[j], pb = (uint64_t)x1[j] * x1[j] + x1[j];
            uint64_t qa = (uint64_t)x2[j] * x2[j] + x2[j], qb = (uint64_t)x3[j] * x3[j] + x3[j];
            hits += (pb <= ~pa) + (qb <= ~qa);
        }
    }
    return hits + pi_pairs_scalar(key0, key1, first_pair + done, pairs - done);
}

/* The SIMD body, for one instruction set given as macros: V the register type, LANES its 64-bit
 * lanes, WAY how many registers of counters are in flight (to hide the multiply's latency),
 * MUL the lane-wise 32x32->64 multiply of the low halves, CARRIES(acc, a, s) adds 1 to acc's
 * lanes where the 64-bit sum s = a + b wrapped, i.e. a > s unsigned. Each Philox word is a
 * 32-bit value zero-extended in a 64-bit lane. Round (Random123's _philox4x32round):
 * (hi0, lo0) = M0 x0, (hi1, lo1) = M1 x2, x = {hi1 ^ x1 ^ k0, lo1, hi0 ^ x3 ^ k1, lo0}. */
#define PI_SIMD_BODY(NAME, ATTR, V, LANES, WAY, SET1, SETLANE, ADD, XOR, AND, SRL, MUL, CARRIES, SUM) \
    ATTR static uint64_t NAME(uint32_t key0, uint32_t key1, uint64_t first_pair, uint64_t pairs)     \
    {                                                                                               \
        const V low32 = SET1(0xffffffffLL), m0c = SET1(PHILOX_M4x32_0), m1c = SET1(PHILOX_M4x32_1); \
        const uint64_t per_batch = (uint64_t)(LANES) * (WAY);                                       \
        uint64_t batches = pairs / per_batch, done = batches * per_batch;                           \
        V carries = SET1(0), lane = SETLANE;                                                        \
        for (uint64_t b = 0; b < batches; b++) {                                                    \
            V x0[WAY], x1[WAY], x2[WAY], x3[WAY];                                                   \
            _Pragma("GCC unroll 8") for (int j = 0; j < (WAY); j++) {                               \
                V k = ADD(SET1((long long)(first_pair + b * per_batch + (uint64_t)j * (LANES))), lane); \
                x0[j] = k; /* MUL reads the low half: k mod 2^32 */                                 \
                x1[j] = SRL(k, 32);                                                                 \
            }                                                                                       \
            /* Round 1, with x2 = x3 = 0: M1 x2 = 0. */                                             \
            const V kv0 = SET1(key0), kv1 = SET1(key1);                                             \
            _Pragma("GCC unroll 8") for (int j = 0; j < (WAY); j++) {                               \
                V m0 = MUL(x0[j], m0c);                                                             \
                x0[j] = XOR(x1[j], kv0);                                                            \
                x1[j] = SET1(0);                                                                    \
                x2[j] = XOR(SRL(m0, 32), kv1);                                                      \
                x3[j] = m0;                                                                         \
            }                                                                                       \
            /* Rounds 2..10. MUL reads only the low halves, so the high halves may hold garbage: */ \
            /* x1 and x3 keep the whole products and are masked once, after the last round. */    \
            uint32_t k0 = key0, k1 = key1;                                                          \
            _Pragma("GCC unroll 9") for (int r = 1; r < 10; r++) {                                  \
                k0 += PHILOX_W32_0;                                                                 \
                k1 += PHILOX_W32_1;                                                                 \
                const V rk0 = SET1(k0), rk1 = SET1(k1);                                             \
                _Pragma("GCC unroll 8") for (int j = 0; j < (WAY); j++) {                           \
                    V m0 = MUL(x0[j], m0c), m1 = MUL(x2[j], m1c);                                   \
                    x0[j] = XOR(XOR(SRL(m1, 32), x1[j]), rk0);                                      \
                    x2[j] = XOR(XOR(SRL(m0, 32), x3[j]), rk1);                                      \
                    x1[j] = m1;                                                                     \
                    x3[j] = m0;                                                                     \
                }                                                                                   \
            }                                                                                       \
            /* Samples (x0, x1) and (x2, x3): a hit iff a(a+1) + b(b+1) does not wrap 2^64. */    \
            _Pragma("GCC unroll 8") for (int j = 0; j < (WAY); j++) {                               \
                x0[j] = AND(x0[j], low32);                                                          \
                x1[j] = AND(x1[j], low32);                                                          \
                x2[j] = AND(x2[j], low32);                                                          \
                x3[j] = AND(x3[j], low32);                                                          \
                V pa = ADD(MUL(x0[j], x0[j]), x0[j]), pb = ADD(MUL(x1[j], x1[j]), x1[j]);          \
                V qa = ADD(MUL(x2[j], x2[j]), x2[j]), qb = ADD(MUL(x3[j], x3[j]), x3[j]);          \
                carries = CARRIES(carries, pa, ADD(pa, pb));                                        \
                carries = CARRIES(carries, qa, ADD(qa, qb));                                        \
            }                                                                                       \
        }                                                                                           \
        return 2 * done - SUM(carries) + pi_pairs_scalar(key0, key1, first_pair + done, pairs - done); \
    }

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define PI_KERNEL_X86 1
#include <immintrin.h>

/* AVX2: 4 lanes per register; no unsigned 64-bit compare, so flip the sign bits and compare signed. */
#define PI_AVX2_ATTR __attribute__((target("avx2")))
PI_AVX2_ATTR static inline __m256i pi_avx2_carries(__m256i acc, __m256i a, __m256i s)
{
    const __m256i sign = _mm256_set1_epi64x((long long)0x8000000000000000ULL);
    __m256i wrapped = _mm256_cmpgt_epi64(_mm256_xor_si256(a, sign), _mm256_xor_si256(s, sign));
    return _mm256_sub_epi64(acc, wrapped); /* wrapped lanes are -1 */
}
PI_AVX2_ATTR static inline uint64_t pi_avx2_sum(__m256i v)
{
    uint64_t t[4];
    _mm256_storeu_si256((__m256i *)t, v);
    return t[0] + t[1] + t[2] + t[3];
}
PI_SIMD_BODY(pi_pairs_avx2, PI_AVX2_ATTR, __m256i, 4, 4, _mm256_set1_epi64x, _mm256_setr_epi64x(0, 1, 2, 3),
             _mm256_add_epi64, _mm256_xor_si256, _mm256_and_si256, _mm256_srli_epi64, _mm256_mul_epu32,
             pi_avx2_carries, pi_avx2_sum)

/* AVX-512: 8 lanes per register, an unsigned compare into a mask, a masked subtract. */
#define PI_AVX512_ATTR __attribute__((target("avx512f,avx512dq,avx512vl")))
PI_AVX512_ATTR static inline __m512i pi_avx512_carries(__m512i acc, __m512i a, __m512i s)
{
    return _mm512_mask_add_epi64(acc, _mm512_cmpgt_epu64_mask(a, s), acc, _mm512_set1_epi64(1));
}
PI_AVX512_ATTR static inline uint64_t pi_avx512_sum(__m512i v)
{
    return (uint64_t)_mm512_reduce_add_epi64(v);
}
PI_SIMD_BODY(pi_pairs_avx512, PI_AVX512_ATTR, __m512i, 8, 3, _mm512_set1_epi64,
             _mm512_setr_epi64(0, 1, 2, 3, 4, 5, 6, 7), _mm512_add_epi64, _mm512_xor_si512, _mm512_and_si512,
             _mm512_srli_epi64, _mm512_mul_epu32, pi_avx512_carries, pi_avx512_sum)
#endif

static const char *const pi_kernel_names[PI_KERNEL_COUNT] = {"auto", "scalar", "portable", "avx2", "avx512"};

const char *pi_kernel_name(pi_kernel_id id)
{
    return pi_kernel_names[id];
}

int pi_kernel_from_name(const char *name)
{
    for (int i = 0; i < PI_KERNEL_COUNT; i++)
        if (strcmp(name, pi_kernel_names[i]) == 0)
            return i;
    return -1;
}

int pi_kernel_available(pi_kernel_id id)
{
    switch (id) {
    case PI_KERNEL_AUTO:
    case PI_KERNEL_SCALAR:
    case PI_KERNEL_PORTABLE:
        return 1;
#ifdef PI_KERNEL_X86
    case PI_KERNEL_AVX2:
        return __builtin_cpu_supports("avx2");
    case PI_KERNEL_AVX512:
        return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq") &&
               __builtin_cpu_supports("avx512vl");
#endif
    default:
        return 0;
    }
}

pi_kernel_id pi_kernel_best(void)
{
    if (pi_kernel_available(PI_KERNEL_AVX512))
        return PI_KERNEL_AVX512;
    if (pi_kernel_available(PI_KERNEL_AVX2))
        return PI_KERNEL_AVX2;
    return PI_KERNEL_PORTABLE;
}

pi_pairs_fn pi_kernel_get(pi_kernel_id id)
{
    if (id == PI_KERNEL_AUTO)
        id = pi_kernel_best();
    if (!pi_kernel_available(id))
        return NULL;
    switch (id) {
    case PI_KERNEL_SCALAR:
        return pi_pairs_scalar;
#ifdef PI_KERNEL_X86
    case PI_KERNEL_AVX2:
        return pi_pairs_avx2;
    case PI_KERNEL_AVX512:
        return pi_pairs_avx512;
#endif
    default:
        return pi_pairs_portable;
    }
}
