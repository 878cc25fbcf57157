/* load.h - opening a profile of any supported format.
 *
 * load_profile opens the input, decides the format (by content unless the
 * caller forces one) and runs the matching loader, which writes every stack
 * into a profile through profile_add_stack. Lines a loader cannot use are
 * skipped and counted in the report, or, with strict set, turned into an error.
 */
#ifndef FLAMEX_LOAD_H
#define FLAMEX_LOAD_H

#include <stdbool.h>
#include <stdint.h>

#include "flamex/base/error.h"
#include "flamex/load/input.h"
#include "flamex/model/profile.h"

enum load_format {
    LOAD_FORMAT_AUTO,
    LOAD_FORMAT_FOLDED,
    LOAD_FORMAT_PPROF,
    LOAD_FORMAT_PERF,
};

/* perf script options, named as stackcollapse-perf.pl's. */
struct load_perf_options {
    bool pid;    /* root frame "comm-PID" */
    bool tid;    /* root frame "comm-PID/TID" */
    bool kernel; /* kernel frames get "_[k]" */
    bool jit;    /* JIT frames (/tmp/perf-PID.map) get "_[j]" */
    bool addrs;  /* unresolved frames become "[unknown <addr>]" ... */
};

struct load_options {
    enum load_format format;
    bool strict;                 /* a skipped line is an error */
    struct input_options input;
    struct profile_limits limits;
    struct load_perf_options perf;
};

struct load_report {
    uint64_t lines;              /* lines read */
    uint64_t ignored;            /* lines skipped as invalid */
    uint64_t first_ignored_line; /* 1-based, 0 when none */
    char first_ignored_reason[200];
    char warning[200];           /* something the loader chose to ignore, "" if none */
};

/* Load the profile at path ("-" or NULL for stdin). Returns a finished profile
 * owned by the caller, or NULL with err filled (path, line where known, reason).
 * report (may be NULL) receives line counts and the first skipped line. */
struct profile *load_profile(const char *path, const struct load_options *opts,
                             struct load_report *report, struct error_record *err);

/* Record a skipped line in the report (the first one's number and reason are kept). */
void load_report_ignore(struct load_report *report, uint64_t line, const char *reason);

/* Parse a format name ("auto", "folded", "pprof", "perf"); returns false if unknown. */
bool load_parse_format(const char *name, enum load_format *out);

#endif
