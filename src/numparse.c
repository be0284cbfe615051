#include "config.h"
#include "numparse.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static int is_digit(char c) { return c >= '0' && c <= '9'; }

/* Counts the run of digits at s. */
static size_t digit_run(const char *s)
{
    size_t n = 0;
    while (is_digit(s[n]))
        n++;
    return n;
}

/* Multiplies *v by 10 and adds d unless the result would exceed max. */
static int push_digit(numparse_u128 *v, unsigned d, numparse_u128 max)
{
    if (*v > (max - d) / 10)
        return 0;
    *v = *v * 10 + d;
    return 1;
}

numparse_error numparse_u128_max(const char *s, numparse_u128 max, numparse_u128 *out)
{
    if (s == NULL || *s == '\0')
        return NUMPARSE_EMPTY;
    size_t int_len = digit_run(s);
    const char *p = s + int_len;
    if (*p == '\0' && max <= UINT64_MAX) {
        /* Plain decimal that fits 64 bits: the C library's strict conversion. */
        errno = 0;
        char *end = NULL;
        unsigned long long v = strtoull(s, &end, 10);
        if (end != p || int_len == 0)
            return NUMPARSE_SYNTAX;
        if (errno == ERANGE || v > max)
            return NUMPARSE_RANGE;
        *out = v;
        return NUMPARSE_OK;
    }
    /* [digits][.digits][(e|E)[+]digits]: strtoull knows no exact scientific notation,
     * and strtod would round, so the digits are accumulated exactly here. */
    const char *frac = NULL;
    size_t frac_len = 0;
    if (*p == '.') {
        frac = p + 1;
        frac_len = digit_run(frac);
        p = frac + frac_len;
    }
    if (int_len == 0 || (frac != NULL && frac_len == 0))
        return NUMPARSE_SYNTAX; /* ".5e1", "1.e5" */
    uint64_t exp10 = 0;
    int saw_exp = 0;
    if (*p == 'e' || *p == 'E') {
        p++;
        if (*p == '+')
            p++;
        size_t exp_len = digit_run(p);
        if (exp_len == 0)
            return NUMPARSE_SYNTAX;
        for (size_t i = 0; i < exp_len; i++) {
            if (exp10 < 100000) /* beyond 10^39 every non-zero value overflows anyway */
                exp10 = exp10 * 10 + (unsigned)(p[i] - '0');
        }
        p += exp_len;
        saw_exp = 1;
    }
    if (*p != '\0')
        return NUMPARSE_SYNTAX;
    if (frac != NULL && !saw_exp)
        return NUMPARSE_SYNTAX; /* "12.5", "12.0": a fraction needs an exponent */

    /* value = (int digits . frac digits) * 10^exp10 */
    numparse_u128 v = 0;
    for (size_t i = 0; i < int_len; i++) {
        unsigned d = (unsigned)(s[i] - '0');
        if (!push_digit(&v, d, max))
            return NUMPARSE_RANGE;
    }
    for (size_t i = 0; i < frac_len; i++) {
        unsigned d = (unsigned)(frac[i] - '0');
        if (i < exp10) {
            if (!push_digit(&v, d, max))
                return NUMPARSE_RANGE;
        } else if (d != 0) {
            return NUMPARSE_NOT_INTEGER;
        }
    }
    if (exp10 > frac_len) {
        for (uint64_t i = frac_len; i < exp10; i++) {
            if (v == 0)
                break; /* 0e999999 is 0 */
            if (!push_digit(&v, 0, max))
                return NUMPARSE_RANGE;
        }
    }
    *out = v;
    return NUMPARSE_OK;
}

numparse_error numparse_u64_max(const char *s, uint64_t max, uint64_t *out)
{
    numparse_u128 v = 0;
    numparse_error e = numparse_u128_max(s, max, &v);
    if (e == NUMPARSE_OK)
        *out = (uint64_t)v;
    return e;
}

const char *numparse_reason(numparse_error e)
{
    switch (e) {
    case NUMPARSE_OK:
        return "is fine";
    case NUMPARSE_EMPTY:
        return "is empty";
    case NUMPARSE_SYNTAX:
        return "is not a whole number (use digits, or exact scientific notation like 1e9)";
    case NUMPARSE_NOT_INTEGER:
        return "is not a whole number";
    case NUMPARSE_RANGE:
        return "is out of range";
    }
    return "is invalid";
}

char *numparse_u128_str(numparse_u128 v, char *buf)
{
    char tmp[48];
    size_t n = 0;
    do {
        tmp[n++] = (char)('0' + (unsigned)(v % 10));
        v /= 10;
    } while (v != 0);
    for (size_t i = 0; i < n; i++)
        buf[i] = tmp[n - 1 - i];
    buf[n] = '\0';
    return buf;
}
