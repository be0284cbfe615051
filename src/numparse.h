/* numparse.h - strict parsing of non-negative integers given on the command line. */
#ifndef MCPI_NUMPARSE_H
#define MCPI_NUMPARSE_H

#include <stdint.h>

typedef unsigned __int128 numparse_u128;

typedef enum numparse_error {
    NUMPARSE_OK = 0,
    NUMPARSE_EMPTY,       /* "" */
    NUMPARSE_SYNTAX,      /* not digits, or not [digits][.digits][e[+]digits] */
    NUMPARSE_NOT_INTEGER, /* exact scientific notation whose value has a fraction: 2.5e0 */
    NUMPARSE_RANGE        /* above the caller's maximum */
} numparse_error;

/* Parses a whole number written in decimal ("12345") or exact scientific notation
 * ("1e9", "2.5e10"): no sign, blanks, hex, or fraction. Stores it in *out if it is <= max (s not NULL). */
numparse_error numparse_u128_max(const char *s, numparse_u128 max, numparse_u128 *out);

/* numparse_u128_max for a 64-bit result: max <= UINT64_MAX. */
numparse_error numparse_u64_max(const char *s, uint64_t max, uint64_t *out);

/* A short English reason for an error, e.g. "is not a whole number". */
const char *numparse_reason(numparse_error e);

/* Writes the decimal digits of v into buf (at least 40 bytes); returns buf. */
char *numparse_u128_str(numparse_u128 v, char *buf);

#endif
