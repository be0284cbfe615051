/* fuzz_cli.c - libFuzzer target for the command-line parser: the input is split into words at
 * NUL bytes and parsed as mcpi's arguments. It must never crash, and a refusal must be exactly
 * one line starting "mcpi: ", with status MCPI_ERR_USAGE. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "workload.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 4096)
        return 0;
    char *buf = malloc(size + 1);
    char *argv[258];
    int argc = 0;
    if (buf == NULL)
        return 0;
    memcpy(buf, data, size);
    buf[size] = '\0';
    argv[argc++] = "mcpi";
    for (size_t i = 0; i <= size && argc < 257;) {
        argv[argc++] = buf + i;
        i += strlen(buf + i) + 1;
    }
    argv[argc] = NULL;
    cli_options o;
    char err[512];
    int rc = cli_parse(argc, argv, &o, err, sizeof err);
    if (rc != MCPI_OK && (rc != MCPI_ERR_USAGE || strncmp(err, "mcpi: ", 6) != 0 || strchr(err, '\n') != NULL))
        abort();
    if (rc == MCPI_OK && o.action == CLI_RUN && workload_accepts(o.workload, CLI_OPT_FROM) && o.from > o.to)
        abort(); /* a range was accepted backwards */
    free(buf);
    return 0;
}
