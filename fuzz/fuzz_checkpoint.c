/* fuzz_checkpoint.c - libFuzzer target for the checkpoint reader. Each input is read twice: as it
 * is (so the checksum guards the parser), and with a correct checksum line appended (so mutations
 * reach the parser behind it). The reader never crashes or reads past the bytes; whatever it accepts
 * is consistent (sorted, disjoint intervals inside [0, items)) and writes back to the same bytes. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "checkpoint.h"

static void fuzz_read(const char *buf, size_t len)
{
    checkpoint_state st;
    char why[200];
    memset(&st, 0, sizeof st);
    intervals_init(&st.done);
    int rc = checkpoint_parse(buf, len, &st, why, sizeof why);
    if (rc == CHECKPOINT_OK) {
        uint64_t last = 0;
        for (size_t i = 0; i < st.done.n; i++) {
            if (st.done.v[2 * i] >= st.done.v[2 * i + 1] || st.done.v[2 * i + 1] > st.items ||
                (i > 0 && st.done.v[2 * i] <= last))
                abort();
            last = st.done.v[2 * i + 1];
        }
        if (st.tally_words < 1 || st.tally_words > MCPI_TALLY_MAX || strlen(st.run) >= CHECKPOINT_RUN_MAX)
            abort();
        char *again;
        size_t again_len;
        if (checkpoint_format(&st, &again, &again_len) != MCPI_OK)
            abort();
        if (again_len != len || memcmp(again, buf, len) != 0) /* one spelling per state */
            abort();
        free(again);
    } else if (rc != CHECKPOINT_FOREIGN && rc != CHECKPOINT_CORRUPT) {
        abort();
    } else if (memchr(why, '\n', strnlen(why, sizeof why)) != NULL) {
        abort(); /* the reason goes into a one-line message */
    }
    intervals_free(&st.done);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_read((const char *)data, size);
    char *sealed = malloc(size + 16);
    if (sealed == NULL)
        return 0;
    memcpy(sealed, data, size);
    int n = snprintf(sealed + size, 16, "crc32 %08lx\n", crc32(0L, data, (uInt)size));
    fuzz_read(sealed, size + (size_t)n);
    free(sealed);
    return 0;
}
