/* report.h - a run's results as named fields, printed as text, JSON or CSV by rank 0. */
#ifndef MCPI_REPORT_H
#define MCPI_REPORT_H

#include <stdint.h>
#include <stdio.h>

#define REPORT_MAX_FIELDS 64
#define REPORT_CSV_SEP ';' /* between the items of an array field in a CSV cell */

/* How a report is printed (--format). */
typedef enum report_format { REPORT_TEXT, REPORT_JSON, REPORT_CSV } report_format;

typedef enum report_kind {
    REPORT_NUMBER, /* JSON number */
    REPORT_STRING, /* JSON string */
    REPORT_ARRAY,  /* JSON array, value already in JSON syntax; in CSV its items joined by ';' */
    REPORT_ABSENT  /* a column that does not apply to this run: left out of JSON, an empty CSV cell */
} report_kind;

typedef struct report_field {
    const char *key;   /* JSON key and CSV column; NULL for a text-only line */
    const char *label; /* text label; NULL for a JSON/CSV-only field */
    report_kind kind;
    char *value;       /* formatted value (owned) */
} report_field;

typedef struct report {
    const char *title;  /* first text line */
    int primary;        /* index of the field --quiet prints; -1 for none */
    int n;
    int overflow;       /* a field did not fit or could not be allocated */
    report_field f[REPORT_MAX_FIELDS];
} report;

/* Starts an empty report whose text output begins with title. */
void report_init(report *r, const char *title);

/* Appends a field (key and label, each may be NULL, must outlive r; r from report_init) whose value
 * is printf-formatted; returns its index (or -1, r->overflow set). A REPORT_NUMBER that
 * formats as nan or inf becomes null (JSON null, an empty CSV cell). */
int report_add(report *r, const char *key, const char *label, report_kind kind, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

/* Appends a list of n >= 0 strings: a JSON array of strings for JSON and CSV, ", "-joined for text. */
int report_add_strings(report *r, const char *key, const char *label, char *const *items, int n);

/* Appends a list of the n >= 0 numbers v[i] other than skip: a JSON array for JSON and text ("[]" if
 * out of memory), ';'-joined in CSV. */
int report_add_numbers(report *r, const char *key, const char *label, const uint64_t *v, int n, uint64_t skip);

/* Appends a CSV column that does not apply to this run (empty cell; not in JSON or text). */
int report_add_absent(report *r, const char *key);

/* Prints r in format fmt to out (CSV: header line, then one row); quiet keeps only the primary text
 * value. 0, or an errno value if the output failed (report_flush). */
int report_print(FILE *out, const report *r, report_format fmt, int quiet);

/* Prints r as one CSV row, preceded by the header line if header is set. 0, or an errno value if
 * the output failed (report_flush). */
int report_print_csv(FILE *out, const report *r, int header);

/* Flushes out: 0 if everything printed to it so far reached it, else an errno value (the one left
 * by a write that failed while printing, if errno was cleared before it; EIO when none is known). */
int report_flush(FILE *out);

/* The value of the field with JSON key `key`, or NULL. */
const char *report_value(const report *r, const char *key);

/* Frees the field values. */
void report_free(report *r);

#endif
