/* checkpoint.c - reading and writing checkpoint files.
 *
 * The format is text, one field per line, so that a person can read it and a test can grep it:
 *
 *     mcpi checkpoint 1
 *     run pi samples=6000000000 seed=42
 *     items 6000000000
 *     tally 4712345678
 *     done 1100000
 *     intervals 2
 *     0 1000000
 *     3000000000 3100000000
 *     crc32 89abcdef
 *
 * "tally" has one decimal word per tally word; "done" is the number of indices in the intervals
 * (a consistency check); the intervals are sorted, disjoint and within [0, items). The last line is
 * zlib's CRC-32 of every byte before it, and the file ends with its newline. */
#include "config.h"
#include "checkpoint.h"
#include "safefile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

static const char checkpoint_magic[] = "mcpi checkpoint ";

static int checkpoint_why(int code, char *why, size_t whylen, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(why, whylen, fmt, ap);
    va_end(ap);
    return code;
}

/* Reads a plain decimal number (no sign, blank or leading zero) at *p; advances *p past it. */
static int checkpoint_u64(const char **p, uint64_t *out)
{
    const char *s = *p;
    if (*s < '0' || *s > '9' || (s[0] == '0' && s[1] >= '0' && s[1] <= '9'))
        return 0;
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno != 0)
        return 0;
    *out = (uint64_t)v;
    *p = end;
    return 1;
}

/* Expects the line "KEY VALUE\n" at *p with a number; advances past the line. */
static int checkpoint_line_u64(const char **p, const char *key, uint64_t *out)
{
    size_t k = strlen(key);
    if (strncmp(*p, key, k) != 0 || (*p)[k] != ' ')
        return 0;
    const char *s = *p + k + 1;
    if (!checkpoint_u64(&s, out) || *s != '\n')
        return 0;
    *p = s + 1;
    return 1;
}

int checkpoint_parse(const char *buf, size_t len, checkpoint_state *st, char *why, size_t whylen)
{
    size_t magic = sizeof checkpoint_magic - 1;
    if (len < magic || memcmp(buf, checkpoint_magic, magic) != 0)
        return checkpoint_why(CHECKPOINT_FOREIGN, why, whylen, "not an mcpi checkpoint");
    if (len > CHECKPOINT_MAX_BYTES || memchr(buf, '\0', len) != NULL)
        return checkpoint_why(CHECKPOINT_CORRUPT, why, whylen, "corrupt (not a text file of the expected size)");
    char *text = malloc(len + 1); /* a NUL-terminated copy: the parser below relies on it */
    if (text == NULL)
        return checkpoint_why(CHECKPOINT_CORRUPT, why, whylen, "too large to read");
    memcpy(text, buf, len);
    text[len] = '\0';
    int rc = CHECKPOINT_CORRUPT;
    const char *p = text + magic;
    uint64_t version, v, count, done;
    if (!checkpoint_u64(&p, &version) || *p != '\n') {
        rc = checkpoint_why(CHECKPOINT_FOREIGN, why, whylen, "not an mcpi checkpoint");
        goto out;
    }
    if (version != CHECKPOINT_VERSION) {
        rc = checkpoint_why(CHECKPOINT_FOREIGN, why, whylen, "a checkpoint of format version %llu; this mcpi reads version %d",
                            (unsigned long long)version, CHECKPOINT_VERSION);
        goto out;
    }
    p++;
    /* The checksum line closes the file; everything before it is covered. */
    const char *crc_line = len >= 16 ? text + len - 16 : NULL; /* "crc32 xxxxxxxx\n" is 15 bytes + the newline before */
    if (crc_line == NULL || crc_line[0] != '\n' || strncmp(crc_line + 1, "crc32 ", 6) != 0 || text[len - 1] != '\n') {
        checkpoint_why(rc, why, whylen, "truncated (no checksum line at its end)");
        goto out;
    }
    unsigned long stored = 0;
    for (int i = 0; i < 8; i++) {
        char c = crc_line[7 + i];
        int digit = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
        if (digit < 0) {
            checkpoint_why(rc, why, whylen, "corrupt (bad checksum line)");
            goto out;
        }
        stored = stored << 4 | (unsigned long)digit;
    }
    uLong computed = crc32(0L, (const Bytef *)text, (uInt)(crc_line + 1 - text));
    if (stored != computed) {
        checkpoint_why(rc, why, whylen, "corrupt or truncated (checksum mismatch)");
        goto out;
    }
    /* Past the checksum, a mismatch below means a file written by something other than mcpi. */
    if (strncmp(p, "run ", 4) != 0) {
        checkpoint_why(rc, why, whylen, "corrupt (no run line)");
        goto out;
    }
    p += 4;
    size_t run_len = strcspn(p, "\n");
    if (run_len == 0 || run_len >= CHECKPOINT_RUN_MAX) {
        checkpoint_why(rc, why, whylen, "corrupt (run line of %zu bytes)", run_len);
        goto out;
    }
    memcpy(st->run, p, run_len);
    st->run[run_len] = '\0';
    for (size_t i = 0; i < run_len; i++)
        if ((unsigned char)st->run[i] < 0x20 || st->run[i] == 0x7f) {
            checkpoint_why(rc, why, whylen, "corrupt (control character in the run line)");
            goto out;
        }
    p += run_len + 1;
    if (!checkpoint_line_u64(&p, "items", &st->items)) {
        checkpoint_why(rc, why, whylen, "corrupt (bad items line)");
        goto out;
    }
    if (strncmp(p, "tally", 5) != 0) {
        checkpoint_why(rc, why, whylen, "corrupt (no tally line)");
        goto out;
    }
    p += 5;
    st->tally_words = 0;
    while (*p == ' ') {
        p++;
        if (st->tally_words == MCPI_TALLY_MAX || !checkpoint_u64(&p, &v)) {
            checkpoint_why(rc, why, whylen, "corrupt (bad tally line)");
            goto out;
        }
        st->tally[st->tally_words++] = v;
    }
    if (*p++ != '\n' || st->tally_words == 0) {
        checkpoint_why(rc, why, whylen, "corrupt (bad tally line)");
        goto out;
    }
    if (!checkpoint_line_u64(&p, "done", &done) || !checkpoint_line_u64(&p, "intervals", &count) ||
        count > CHECKPOINT_MAX_INTERVALS) {
        checkpoint_why(rc, why, whylen, "corrupt (bad done or intervals line)");
        goto out;
    }
    uint64_t last_end = 0, sum = 0;
    for (uint64_t i = 0; i < count; i++) {
        uint64_t first, stop;
        if (!checkpoint_u64(&p, &first) || *p++ != ' ' || !checkpoint_u64(&p, &stop) || *p++ != '\n') {
            checkpoint_why(rc, why, whylen, "corrupt (bad interval line %llu)", (unsigned long long)i + 1);
            goto out;
        }
        if (first >= stop || stop > st->items || (i > 0 && first <= last_end)) {
            checkpoint_why(rc, why, whylen, "corrupt (interval %llu is empty, out of order or outside [0, %llu))",
                           (unsigned long long)i + 1, (unsigned long long)st->items);
            goto out;
        }
        if (intervals_add(&st->done, first, stop) != INTERVALS_OK) {
            checkpoint_why(rc, why, whylen, "too large to read");
            goto out;
        }
        last_end = stop;
        sum += stop - first;
    }
    if (sum != done) {
        checkpoint_why(rc, why, whylen, "corrupt (done %llu but the intervals hold %llu)", (unsigned long long)done,
                       (unsigned long long)sum);
        goto out;
    }
    if (p != crc_line + 1) {
        checkpoint_why(rc, why, whylen, "corrupt (unexpected text before the checksum)");
        goto out;
    }
    rc = CHECKPOINT_OK;
out:
    free(text);
    return rc;
}

int checkpoint_format(checkpoint_state *st, char **buf, size_t *len)
{
    *buf = NULL;
    *len = 0;
    if (intervals_flush(&st->done) != INTERVALS_OK)
        return MCPI_ERR_RUNTIME;
    FILE *f = open_memstream(buf, len);
    if (f == NULL)
        return MCPI_ERR_RUNTIME;
    fprintf(f, "%s%d\nrun %s\nitems %llu\ntally", checkpoint_magic, CHECKPOINT_VERSION, st->run,
            (unsigned long long)st->items);
    for (int i = 0; i < st->tally_words; i++)
        fprintf(f, " %llu", (unsigned long long)st->tally[i]);
    fprintf(f, "\ndone %llu\nintervals %zu\n", (unsigned long long)intervals_total(&st->done), st->done.n);
    for (size_t i = 0; i < st->done.n; i++)
        fprintf(f, "%llu %llu\n", (unsigned long long)st->done.v[2 * i], (unsigned long long)st->done.v[2 * i + 1]);
    if (fflush(f) != 0) {
        fclose(f);
        free(*buf);
        *buf = NULL;
        return MCPI_ERR_RUNTIME;
    }
    uLong crc = crc32(0L, (const Bytef *)*buf, (uInt)*len);
    fprintf(f, "crc32 %08lx\n", (unsigned long)crc);
    if (fclose(f) != 0) {
        free(*buf);
        *buf = NULL;
        return MCPI_ERR_RUNTIME;
    }
    return MCPI_OK;
}

int checkpoint_load(const char *path, const checkpoint_state *want, checkpoint_check_fn check, const void *check_ctx,
                    checkpoint_state *st, int *absent, char *err, size_t errlen)
{
    char shown[256];
    safefile_shown(path, shown, sizeof shown);
    /* O_NONBLOCK: a FIFO put at the name must not hang the run in open(). */
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    *absent = fd < 0 && errno == ENOENT;
    if (*absent)
        return MCPI_OK;
    if (fd < 0)
        return checkpoint_why(MCPI_ERR_USAGE, err, errlen, "mcpi: cannot read checkpoint '%s': %s", shown, strerror(errno));
    struct stat sb;
    if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
        close(fd);
        return checkpoint_why(MCPI_ERR_USAGE, err, errlen, "mcpi: invalid --checkpoint '%s': not a regular file", shown);
    }
    size_t cap = sb.st_size > CHECKPOINT_MAX_BYTES ? CHECKPOINT_MAX_BYTES + 1 : (size_t)sb.st_size;
    char *buf = malloc(cap ? cap : 1);
    size_t len = 0;
    ssize_t got = 1;
    while (buf != NULL && len < cap && (got = read(fd, buf + len, cap - len)) != 0) {
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0)
            break;
        len += (size_t)got;
    }
    int read_errno = errno;
    close(fd);
    if (buf == NULL || got < 0) {
        free(buf);
        /* Opened, then not read (an I/O error, no memory): a runtime failure, not bad input. */
        return checkpoint_why(MCPI_ERR_RUNTIME, err, errlen, "mcpi: cannot read checkpoint '%s': %s", shown,
                              buf == NULL ? "out of memory" : strerror(read_errno));
    }
    char why[160];
    intervals_init(&st->done);
    int rc = checkpoint_parse(buf, len, st, why, sizeof why);
    free(buf);
    if (rc != CHECKPOINT_OK) {
        intervals_free(&st->done);
        return checkpoint_why(MCPI_ERR_USAGE, err, errlen, "mcpi: checkpoint '%s' is %s; it was left as it is", shown, why);
    }
    if (strcmp(st->run, want->run) != 0) {
        checkpoint_why(MCPI_ERR_USAGE, err, errlen,
                       "mcpi: checkpoint '%s' belongs to another run (%s), not this one (%s); "
                       "give the same parameters or another file",
                       shown, st->run, want->run);
        intervals_free(&st->done);
        return MCPI_ERR_USAGE;
    }
    /* Impossible for this run: its line with another shape, or a tally the workload's check refuses. */
    char shape[CHECKPOINT_RUN_MAX + 96];
    const char *impossible = NULL;
    if (st->items != want->items || st->tally_words != want->tally_words) {
        snprintf(shape, sizeof shape, "%llu items and %d tally words for %s, which has %llu and %d",
                 (unsigned long long)st->items, st->tally_words, st->run, (unsigned long long)want->items,
                 want->tally_words);
        impossible = shape;
    } else if (check != NULL && !check(st->tally, &st->done, check_ctx, why, sizeof why)) {
        impossible = why;
    }
    if (impossible != NULL) {
        checkpoint_why(MCPI_ERR_USAGE, err, errlen,
                       "mcpi: checkpoint '%s' is impossible (%s): not written by this run; it was left as it is",
                       shown, impossible);
        intervals_free(&st->done);
        return MCPI_ERR_USAGE;
    }
    return MCPI_OK;
}

int checkpoint_save(const char *path, checkpoint_state *st, char *err, size_t errlen)
{
    char shown[256];
    safefile_shown(path, shown, sizeof shown);
    char *buf;
    size_t len;
    if (intervals_flush(&st->done) == INTERVALS_OVERLAP) /* the batch merge found a piece recorded twice */
        return checkpoint_why(MCPI_ERR_RUNTIME, err, errlen,
                              "mcpi: internal error: overlapping pieces recorded for checkpoint '%s'; it was left as it is",
                              shown);
    if (checkpoint_format(st, &buf, &len) != MCPI_OK)
        return checkpoint_why(MCPI_ERR_RUNTIME, err, errlen, "mcpi: cannot write checkpoint '%s': out of memory", shown);
    char *tmp;
    int fd, e = safefile_temp(path, &tmp, &fd);
    if (e == 0 && (e = safefile_write(fd, buf, len, -1)) != 0)
        safefile_abandon(fd, tmp);
    else if (e == 0)
        e = safefile_commit(fd, tmp, path);
    free(buf);
    if (e != 0)
        return checkpoint_why(safefile_bad_place(e) ? MCPI_ERR_USAGE : MCPI_ERR_RUNTIME, err, errlen,
                              "mcpi: cannot write checkpoint '%s': %s", shown, strerror(e));
    return MCPI_OK;
}
