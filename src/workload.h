/* workload.h - the program's workloads as one table of descriptors (after IOR's ior_aiori_t and
 * aiori_select): each names a workload, the options it accepts with their defaults, and the
 * functions that set it up, check it, judge its result and report it. run.c, cli.c and report.c
 * loop over the table and name no workload. Adding one is a file workload_NAME.c that defines a
 * workload_desc, and its line in workload.c's table (and Makefile.am's source list). */
#ifndef MCPI_WORKLOAD_H
#define MCPI_WORKLOAD_H

#include <stddef.h>
#include <stdint.h>
#include "checkpoint.h"
#include "cli.h"
#include "mcpi.h"
#include "report.h"

/* The decimal literal a default macro expands to, as a string for workload_option's shown_default. */
#define WORKLOAD_STR(x) WORKLOAD_STR_(x)
#define WORKLOAD_STR_(x) #x

/* An option a workload accepts (a cli_opt) and its default as --help shows it, or NULL when the
 * option's help text says it. */
typedef struct workload_option {
    int opt;
    const char *shown_default;
} workload_option;

/* Storage for a workload's parameters (its mcpi_workload's ctx), owned by the caller of make. */
typedef union workload_params {
    max_align_t align_;
    unsigned char bytes[64];
} workload_params;

/* One workload. The functions receive options that cli_parse accepted for this workload. */
typedef struct workload_desc {
    const char *name;    /* as typed on the command line, e.g. "pi" */
    const char *title;   /* first line of its text report */
    const char *summary; /* its line in the general --help's list of workloads */
    const char *about;   /* the sentence under "Usage: mcpi NAME [OPTIONS]" in its --help */
    const char *items;   /* what its indices are, plural: "samples", "numbers" */
    const workload_option *options; /* the workload options it accepts, ending with {0, NULL} */
    /* Sets its options' defaults where given[opt] is 0 and checks them together: MCPI_OK, or
     * MCPI_ERR_USAGE with a one-line message (from cli_fail) in err. No I/O, no MPI. */
    int (*settle)(cli_options *o, const unsigned char *given, char *err, size_t errlen);
    /* N, the size of the run's index space [0, N). */
    uint64_t (*count)(const cli_options *o);
    /* Scales the work by factor >= 1 (a weak sweep point): MCPI_OK, or MCPI_ERR_USAGE (o unchanged)
     * if the scaled index space would not fit in 64 bits. */
    int (*scale)(cli_options *o, uint64_t factor);
    /* The engine's workload, its parameters stored in *p (which must outlive every use of it). */
    mcpi_workload (*make)(const cli_options *o, workload_params *p);
    /* Before any work (collective on comm, every rank with the same o): MCPI_OK, or the same
     * error status on every rank with rank 0's one line on stderr. NULL: nothing to check. */
    int (*check)(const cli_options *o, MPI_Comm comm);
    /* Its checkpoint identity: the name and every parameter that defines its result, one line. */
    void (*identity)(const cli_options *o, char *buf, size_t len);
    /* The meaning check of a loaded checkpoint's tally (see checkpoint_check_fn), given the
     * ctx of the mcpi_workload that make built. */
    checkpoint_check_fn tally_possible;
    /* Rank 0, after a run that succeeded: MCPI_OK if res is a result, else an error status with
     * its one line on stderr (a power sum past 2^128 - 1). NULL: every finished run is one. */
    int (*judge)(const cli_options *o, const mcpi_result *res);
    /* Rank 0: adds its fields to r, the same keys in the same order on every run (report_add_absent
     * for one that does not apply) so that CSV columns never change; list_s: --list's seconds. */
    void (*report)(report *r, const cli_options *o, const mcpi_result *res, double list_s);
} workload_desc;

/* Number of workloads in the table. */
int workload_count(void);

/* Workload i of the table, 0 <= i < workload_count(); 0 is the default workload. */
const workload_desc *workload_get(int i);

/* The index of the workload called name, or -1. */
int workload_find(const char *name);

/* 1 if workload i (0 <= i < workload_count()) accepts option opt, else 0. */
int workload_accepts(int i, int opt);

#endif
