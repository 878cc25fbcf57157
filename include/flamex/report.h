/* report.h - text reports for scripts, tickets and tests (--top). */
#ifndef FLAMEX_REPORT_H
#define FLAMEX_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "flamex/profile.h"

struct report_top_options {
    size_t type;  /* sample type index */
    size_t limit; /* rows to print; 0 = all */
    double node_fraction; /* drop functions whose |cum| is below this share of the
                             total, as pprof's -nodefraction (its default is 0.005) */
};

/* Print the header (file, format, sample type, total) and a pprof-style table
 * `flat flat% sum% cum cum% name`, sorted by flat then name, to out. Names are
 * always sanitised (this is a human-readable report). Returns false if writing
 * failed. */
bool report_top(FILE *out, const struct profile *profile, const struct report_top_options *opts);

#endif
