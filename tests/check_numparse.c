/* check_numparse.c - unit tests of numparse.c: a table of texts and their values or errors. */
#include "config.h"

#include <check.h>
#include <stdint.h>

#include "check_main.h"
#include "numparse.h"

static const struct {
    const char *text;
    numparse_error error;
    uint64_t value;
} parse_table[] = {
    {"0", NUMPARSE_OK, 0},
    {"1", NUMPARSE_OK, 1},
    {"0012", NUMPARSE_OK, 12},
    {"18446744073709551615", NUMPARSE_OK, UINT64_MAX},
    {"1e9", NUMPARSE_OK, 1000000000ULL},
    {"1E3", NUMPARSE_OK, 1000},
    {"1e+3", NUMPARSE_OK, 1000},
    {"2.5e10", NUMPARSE_OK, 25000000000ULL},
    {"1.50e2", NUMPARSE_OK, 150},
    {"1.8446744073709551615e19", NUMPARSE_OK, UINT64_MAX},
    {"0e99999999999999999999", NUMPARSE_OK, 0},
    {"1e0", NUMPARSE_OK, 1},
    {"", NUMPARSE_EMPTY, 0},
    {"-1", NUMPARSE_SYNTAX, 0},
    {"+1", NUMPARSE_SYNTAX, 0},
    {" 1", NUMPARSE_SYNTAX, 0},
    {"1 ", NUMPARSE_SYNTAX, 0},
    {"0x10", NUMPARSE_SYNTAX, 0},
    {"1.5", NUMPARSE_SYNTAX, 0},
    {"12.0", NUMPARSE_SYNTAX, 0},
    {"1.", NUMPARSE_SYNTAX, 0},
    {"1.e5", NUMPARSE_SYNTAX, 0},
    {".5e1", NUMPARSE_SYNTAX, 0},
    {"1e", NUMPARSE_SYNTAX, 0},
    {"e5", NUMPARSE_SYNTAX, 0},
    {"1e-3", NUMPARSE_SYNTAX, 0},
    {"nan", NUMPARSE_SYNTAX, 0},
    {"inf", NUMPARSE_SYNTAX, 0},
    {"1,000", NUMPARSE_SYNTAX, 0},
    {"1e9x", NUMPARSE_SYNTAX, 0},
    {"2.5e0", NUMPARSE_NOT_INTEGER, 0},
    {"1.25e1", NUMPARSE_NOT_INTEGER, 0},
    {"18446744073709551616", NUMPARSE_RANGE, 0},
    {"99999999999999999999999", NUMPARSE_RANGE, 0},
    {"1.8446744073709551616e19", NUMPARSE_RANGE, 0},
    {"1e20", NUMPARSE_RANGE, 0},
    {"1e99999999999999999999", NUMPARSE_RANGE, 0},
};

START_TEST(test_numparse_table)
{
    uint64_t v = 12345;
    numparse_error e = numparse_u64_max(parse_table[_i].text, UINT64_MAX, &v);
    ck_assert_msg(e == parse_table[_i].error, "'%s': error %d, expected %d", parse_table[_i].text, e,
                  parse_table[_i].error);
    if (e == NUMPARSE_OK)
        ck_assert_uint_eq(v, parse_table[_i].value);
    else
        ck_assert_uint_eq(v, 12345); /* untouched on error */
}
END_TEST

START_TEST(test_numparse_limits)
{
    uint64_t v;
    ck_assert_int_eq(numparse_u64_max("100", 100, &v), NUMPARSE_OK);
    ck_assert_int_eq(numparse_u64_max("101", 100, &v), NUMPARSE_RANGE);
    ck_assert_int_eq(numparse_u64_max("1.01e2", 100, &v), NUMPARSE_RANGE);
    /* 2^64 itself, for half-open ranges ending at the top of the 64-bit numbers. */
    numparse_u128 big, two64 = (numparse_u128)1 << 64;
    ck_assert_int_eq(numparse_u128_max("18446744073709551616", two64, &big), NUMPARSE_OK);
    ck_assert(big == two64);
    ck_assert_int_eq(numparse_u128_max("18446744073709551617", two64, &big), NUMPARSE_RANGE);
    char buf[48];
    ck_assert_str_eq(numparse_u128_str(two64, buf), "18446744073709551616");
    ck_assert_str_eq(numparse_u128_str(0, buf), "0");
    ck_assert_str_eq(numparse_u128_str(~(numparse_u128)0, buf), "340282366920938463463374607431768211455");
}
END_TEST

CHECK_MAIN_LOOP("numparse", test_numparse_table, sizeof parse_table / sizeof parse_table[0],
                test_numparse_limits)
