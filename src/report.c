#include "config.h"
#include "report.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

void report_init(report *r, const char *title)
{
    memset(r, 0, sizeof *r);
    r->title = title;
    r->primary = -1;
}

int report_add(report *r, const char *key, const char *label, report_kind kind, const char *fmt, ...)
{
    if (r->n == REPORT_MAX_FIELDS) {
        r->overflow = 1;
        return -1;
    }
    char *value = NULL;
    va_list ap;
    va_start(ap, fmt);
    int len = vasprintf(&value, fmt, ap);
    va_end(ap);
    if (len < 0) {
        r->overflow = 1;
        return -1;
    }
    if (kind == REPORT_NUMBER && (strcasestr(value, "nan") != NULL || strcasestr(value, "inf") != NULL)) {
        /* A number that is not finite is no number: JSON null, an empty CSV cell, never "nan". */
        free(value);
        value = strdup("null");
        if (value == NULL) {
            r->overflow = 1;
            return -1;
        }
    }
    report_field *f = &r->f[r->n];
    f->key = key;
    f->label = label;
    f->kind = kind;
    f->value = value;
    return r->n++;
}

/* Writes s as a JSON string (quotes and escapes). */
static void report_json_string(FILE *out, const char *s)
{
    fputc('"', out);
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            fprintf(out, "\\%c", c);
        else if (c < 0x20)
            fprintf(out, "\\u%04x", c);
        else
            fputc(c, out);
    }
    fputc('"', out);
}

int report_add_strings(report *r, const char *key, const char *label, char *const *items, int n)
{
    char *json = NULL, *text = NULL;
    size_t json_len = 0, text_len = 0;
    FILE *j = open_memstream(&json, &json_len), *t = open_memstream(&text, &text_len);
    if (j == NULL || t == NULL) {
        if (j)
            fclose(j);
        if (t)
            fclose(t);
        free(json);
        free(text);
        r->overflow = 1;
        return -1;
    }
    fputc('[', j);
    for (int i = 0; i < n; i++) {
        fputs(i ? ", " : "", j);
        report_json_string(j, items[i]);
        fprintf(t, "%s%s", i ? ", " : "", items[i]);
    }
    fputc(']', j);
    fclose(j);
    fclose(t);
    int index = report_add(r, key, NULL, REPORT_ARRAY, "%s", json);
    if (label != NULL)
        report_add(r, NULL, label, REPORT_STRING, "%s", text);
    free(json);
    free(text);
    return index;
}

int report_add_numbers(report *r, const char *key, const char *label, const uint64_t *v, int n, uint64_t skip)
{
    char *json = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&json, &len);
    if (f != NULL) {
        int first = 1;
        fputc('[', f);
        for (int i = 0; i < n; i++)
            if (v[i] != skip) {
                fprintf(f, "%s%llu", first ? "" : ", ", (unsigned long long)v[i]);
                first = 0;
            }
        fputc(']', f);
        fclose(f);
    }
    int index = report_add(r, key, label, REPORT_ARRAY, "%s", json ? json : "[]");
    free(json);
    return index;
}

int report_add_absent(report *r, const char *key)
{
    return report_add(r, key, NULL, REPORT_ABSENT, "%s", "");
}

/* Writes s as a CSV cell, quoted when it holds a comma, quote or blank. */
static void report_csv_cell(FILE *out, const char *s)
{
    if (strpbrk(s, ",\" \n") == NULL) {
        fputs(s, out);
        return;
    }
    fputc('"', out);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', out);
        fputc(*s, out);
    }
    fputc('"', out);
}

/* The items of a JSON array this module or its callers wrote (numbers, or strings with the
 * escapes of report_json_string), joined by REPORT_CSV_SEP: "[1, 2]" -> "1;2". NULL if out of memory. */
static char *report_csv_array(const char *json)
{
    char *text = NULL;
    size_t len = 0;
    FILE *t = open_memstream(&text, &len);
    if (t == NULL)
        return NULL;
    int in_string = 0;
    for (const char *s = json; *s; s++) {
        if (in_string) {
            if (*s == '"') {
                in_string = 0;
            } else if (*s == '\\' && s[1] == 'u' && s[2] && s[3] && s[4] && s[5]) {
                fputc((int)strtol((char[]){s[2], s[3], s[4], s[5], 0}, NULL, 16), t);
                s += 5;
            } else if (*s == '\\' && s[1]) {
                fputc(*++s, t);
            } else {
                fputc(*s, t);
            }
        } else if (*s == '"') {
            in_string = 1;
        } else if (*s == ',') {
            fputc(REPORT_CSV_SEP, t);
        } else if (*s != '[' && *s != ']' && *s != ' ') {
            fputc(*s, t);
        }
    }
    fclose(t);
    return text;
}

int report_flush(FILE *out)
{
    /* A line-buffered or unbuffered stream (MPICH's singleton stdout) wrote while printing: the
     * reason of its failure is in errno already (the printers clear errno before they start). */
    int earlier = errno;
    errno = 0;
    if (fflush(out) != 0)
        return errno != 0 ? errno : EIO;
    if (!ferror(out))
        return 0;
    return earlier != 0 ? earlier : EIO;
}

int report_print_csv(FILE *out, const report *r, int header)
{
    int first = 1;
    errno = 0; /* for report_flush */
    for (int i = 0; header && i < r->n; i++) {
        if (r->f[i].key == NULL)
            continue;
        fputs(first ? "" : ",", out);
        first = 0;
        fputs(r->f[i].key, out);
    }
    if (header)
        fputc('\n', out);
    first = 1;
    for (int i = 0; i < r->n; i++) {
        if (r->f[i].key == NULL)
            continue;
        fputs(first ? "" : ",", out);
        first = 0;
        if (r->f[i].kind == REPORT_ARRAY) {
            char *items = report_csv_array(r->f[i].value);
            report_csv_cell(out, items ? items : "");
            free(items);
        } else if (r->f[i].kind != REPORT_NUMBER || strcmp(r->f[i].value, "null") != 0) { /* null: an empty cell */
            report_csv_cell(out, r->f[i].value);
        }
    }
    fputc('\n', out);
    return report_flush(out);
}

int report_print(FILE *out, const report *r, report_format fmt, int quiet)
{
    int first = 1;
    errno = 0; /* for report_flush */
    switch (fmt) {
    case REPORT_TEXT:
        if (quiet) {
            if (r->primary >= 0)
                fprintf(out, "%s\n", r->f[r->primary].value);
            break;
        }
        fprintf(out, "%s\n", r->title);
        for (int i = 0; i < r->n; i++)
            if (r->f[i].label != NULL)
                fprintf(out, "  %-18s %s\n", r->f[i].label, r->f[i].value);
        break;
    case REPORT_JSON:
        fputc('{', out);
        for (int i = 0; i < r->n; i++) {
            if (r->f[i].key == NULL || r->f[i].kind == REPORT_ABSENT)
                continue;
            fputs(first ? "" : ", ", out);
            first = 0;
            report_json_string(out, r->f[i].key);
            fputs(": ", out);
            if (r->f[i].kind == REPORT_STRING)
                report_json_string(out, r->f[i].value);
            else
                fputs(r->f[i].value, out);
        }
        fputs("}\n", out);
        break;
    case REPORT_CSV:
        return report_print_csv(out, r, 1);
    }
    return report_flush(out);
}

const char *report_value(const report *r, const char *key)
{
    for (int i = 0; i < r->n; i++)
        if (r->f[i].key != NULL && strcmp(r->f[i].key, key) == 0)
            return r->f[i].value;
    return NULL;
}

void report_free(report *r)
{
    for (int i = 0; i < r->n; i++)
        free(r->f[i].value);
    r->n = 0;
}
