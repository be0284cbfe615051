#include "config.h"
#include "mpicheck.h"

void mpicheck_report(const char *file, int line, const char *call, int code)
{
    char reason[MPI_MAX_ERROR_STRING];
    int len = 0;
    if (MPI_Error_string(code, reason, &len) != MPI_SUCCESS)
        snprintf(reason, sizeof reason, "MPI error %d", code);
    fprintf(stderr, "mcpi: %s:%d: %s failed: %s\n", file, line, call, reason);
}
