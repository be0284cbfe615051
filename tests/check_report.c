/* check_report.c - unit tests of report.c: numbers that are not finite, and the CSV and JSON
 * printers' quoting and escaping, written out by hand. */
#include "config.h"

#include <check.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_main.h"
#include "report.h"

/* A number that is not finite is printed as null, never nan or inf. */
START_TEST(test_report_not_finite)
{
    report r;
    report_init(&r, "t");
    report_add(&r, "a", "a", REPORT_NUMBER, "%.3g", nan(""));
    report_add(&r, "b", "b", REPORT_NUMBER, "%.3g", -INFINITY);
    report_add(&r, "c", "c", REPORT_NUMBER, "%.3g", 1.5);
    ck_assert_str_eq(report_value(&r, "a"), "null");
    ck_assert_str_eq(report_value(&r, "b"), "null");
    ck_assert_str_eq(report_value(&r, "c"), "1.5");
    report_free(&r);
}
END_TEST

/* What report_print_csv and the JSON printer make of each kind of field, written out by hand. */
START_TEST(test_report_csv)
{
    report r;
    report_init(&r, "title");
    char *hosts[] = {"node1", "node \"2\"", "n,3"};
    report_add(&r, "count", "count", REPORT_NUMBER, "%d", 25);
    report_add(&r, "first", "first", REPORT_ARRAY, "%s", "[2, 3, 5]");
    report_add_strings(&r, "hosts", "hosts", hosts, 3);
    report_add_absent(&r, "list");
    report_add(&r, "karp_flatt", NULL, REPORT_NUMBER, "null");
    report_add(&r, "cpu", NULL, REPORT_STRING, "%s", "AMD EPYC, 2 cores");
    report_add(&r, NULL, "text only", REPORT_STRING, "x");
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    report_print_csv(f, &r, 1);
    report_print_csv(f, &r, 0); /* --no-header: the row alone */
    report_print(f, &r, REPORT_JSON, 0);
    fclose(f);
    ck_assert_str_eq(text, "count,first,hosts,list,karp_flatt,cpu\n"
                           "25,2;3;5,\"node1;node \"\"2\"\";n,3\",,,\"AMD EPYC, 2 cores\"\n"
                           "25,2;3;5,\"node1;node \"\"2\"\";n,3\",,,\"AMD EPYC, 2 cores\"\n"
                           "{\"count\": 25, \"first\": [2, 3, 5], \"hosts\": [\"node1\", \"node \\\"2\\\"\", \"n,3\"], "
                           "\"karp_flatt\": null, \"cpu\": \"AMD EPYC, 2 cores\"}\n");
    free(text);
    report_free(&r);
}
END_TEST

/* Prints r as a CSV header and row and then as JSON into a string the caller frees. */
static char *print_csv_and_json(const report *r)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    ck_assert_ptr_nonnull(f);
    report_print(f, r, REPORT_CSV, 0);
    report_print(f, r, REPORT_JSON, 0);
    fclose(f);
    return text;
}

/* Quotes, backslashes and control characters in strings and in arrays of strings: JSON escapes
 * them (RFC 8259: \" \\ and \u00XX below 0x20); CSV doubles quotes and quotes a cell holding a
 * comma, quote, blank or newline (RFC 4180), and gives array items back unescaped. The expected
 * texts are written out by hand from those rules. */
START_TEST(test_report_escaping)
{
    report r;
    report_init(&r, "title");
    char *items[] = {"tab\there", "q\"uote", "back\\slash", "line\nbreak", "bell\a"};
    report_add(&r, "plain", NULL, REPORT_STRING, "%s", "a\"b\\c");
    report_add(&r, "ctl", NULL, REPORT_STRING, "%s", "x\x01y\x1fz");
    report_add(&r, "nl", NULL, REPORT_STRING, "%s", "two\nlines");
    report_add(&r, "tab", NULL, REPORT_STRING, "%s", "a\tb");
    report_add(&r, "blank", NULL, REPORT_STRING, "%s", "a b");
    report_add(&r, "quotes", NULL, REPORT_STRING, "%s", "\"\"");
    report_add_strings(&r, "items", NULL, items, 5);
    report_add(&r, "k\"ey", NULL, REPORT_NUMBER, "%d", 7);
    char *text = print_csv_and_json(&r);
    ck_assert_str_eq(text,
                     "plain,ctl,nl,tab,blank,quotes,items,k\"ey\n"
                     "\"a\"\"b\\c\",x\x01y\x1fz,\"two\nlines\",a\tb,\"a b\",\"\"\"\"\"\","
                     "\"tab\there;q\"\"uote;back\\slash;line\nbreak;bell\a\",7\n"
                     "{\"plain\": \"a\\\"b\\\\c\", \"ctl\": \"x\\u0001y\\u001fz\", \"nl\": \"two\\u000alines\", "
                     "\"tab\": \"a\\u0009b\", \"blank\": \"a b\", \"quotes\": \"\\\"\\\"\", "
                     "\"items\": [\"tab\\u0009here\", \"q\\\"uote\", \"back\\\\slash\", \"line\\u000abreak\", "
                     "\"bell\\u0007\"], \"k\\\"ey\": 7}\n");
    free(text);
    report_free(&r);
}
END_TEST

/* Numbers other than the sentinel, as a JSON array (also the text value) and ';'-joined in CSV. */
START_TEST(test_report_numbers)
{
    report r;
    report_init(&r, "title");
    const uint64_t v[] = {2, UINT64_MAX, 18446744073709551557ULL, 0};
    report_add_numbers(&r, "some", "some", v, 4, UINT64_MAX);
    report_add_numbers(&r, "none", NULL, v + 1, 1, UINT64_MAX);
    report_add_numbers(&r, "zero", NULL, v, 0, 0);
    char *text = print_csv_and_json(&r);
    ck_assert_str_eq(text, "some,none,zero\n2;18446744073709551557;0,,\n"
                           "{\"some\": [2, 18446744073709551557, 0], \"none\": [], \"zero\": []}\n");
    ck_assert_str_eq(report_value(&r, "some"), "[2, 18446744073709551557, 0]");
    free(text);
    report_free(&r);
}
END_TEST

/* An empty string is an empty CSV cell and "" in JSON; an empty array is [] and an empty cell. */
START_TEST(test_report_empty_values)
{
    report r;
    report_init(&r, "title");
    report_add(&r, "s", NULL, REPORT_STRING, "%s", "");
    report_add_strings(&r, "a", NULL, NULL, 0);
    report_add(&r, "n", NULL, REPORT_NUMBER, "%d", 0);
    char *text = print_csv_and_json(&r);
    ck_assert_str_eq(text, "s,a,n\n,,0\n{\"s\": \"\", \"a\": [], \"n\": 0}\n");
    free(text);
    report_free(&r);
}
END_TEST


CHECK_MAIN("report", test_report_not_finite, test_report_csv, test_report_escaping,
           test_report_empty_values, test_report_numbers)
