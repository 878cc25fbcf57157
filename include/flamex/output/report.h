/* report.h - text reports for scripts, tickets and tests (--top, --report). */
#ifndef FLAMEX_REPORT_H
#define FLAMEX_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "flamex/model/profile.h"
#include "flamex/analysis/shapes.h"

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

struct report_full_options {
    size_t type;          /* sample type index */
    size_t limit;         /* rows of each list (hot functions, plateaus, towers);
                             0 = all; --report's default is 10 */
    double node_fraction; /* as for report_top */
    struct shapes_options shapes; /* thresholds (shapes_default_options) */
};

/* Print report_top's header and table, then "Plateaus" (self%, total%, name,
 * and the stack from the root as folded frames "a;b;c") and "Towers" (height,
 * total%, base frame and its stack) over the whole profile, each list cut to
 * limit rows. Names are sanitised. Returns false if writing failed. */
bool report_full(FILE *out, const struct profile *profile, const struct report_full_options *opts);

#endif
