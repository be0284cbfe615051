/* fuzz_numparse.c - libFuzzer target for the number parser: never crashes, never reads past the
 * string, and every number it accepts prints back to a string that parses to the same value. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "numparse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1);
    if (s == NULL)
        return 0;
    memcpy(s, data, size);
    s[size] = '\0';
    const numparse_u128 two64 = (numparse_u128)1 << 64;
    numparse_u128 v = 0, again = 0;
    if (numparse_u128_max(s, two64, &v) == NUMPARSE_OK) {
        char buf[48];
        if (v > two64 || numparse_u128_max(numparse_u128_str(v, buf), two64, &again) != NUMPARSE_OK || again != v)
            abort();
    }
    uint64_t small = 0;
    numparse_error e = numparse_u64_max(s, 1000, &small);
    if (e == NUMPARSE_OK && small > 1000)
        abort();
    if (numparse_reason(e) == NULL)
        abort();
    free(s);
    return 0;
}
