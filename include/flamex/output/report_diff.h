/* report_diff.h - the text report of a comparison (flamex --report BEFORE AFTER).
 *
 * Works on a merged profile from diff_merge. Shares (the % columns) are always
 * of each side's own total, so they compare the same way with or without
 * normalisation; normalisation scales BEFORE's absolute values to AFTER's
 * total (as FlameGraph's difffolded.pl -n does) so that the absolute deltas
 * are changes of share expressed in AFTER's units.
 */
#ifndef FLAMEX_REPORT_DIFF_H
#define FLAMEX_REPORT_DIFF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "flamex/model/profile.h"

struct report_diff_options {
    size_t limit;       /* functions per list (growth, shrink, new, vanished); 0 = all */
    size_t path_limit;  /* rows of the call-path table; 0 = all */
    bool normalise;     /* scale BEFORE's absolute values by AFTER's total / BEFORE's */
    const char *before_path, *after_path;     /* shown in the header; NULL: merged->source */
    const char *before_format, *after_format; /* e.g. "folded"; NULL: merged->format */
    const char *type_name; /* the compared sample type (e.g. "cpu"); NULL: not shown */
};

/* The defaults: 20 functions per list, 10 call paths, normalised, no paths
 * (the merged profile's source is shown) and no type name. */
struct report_diff_options report_diff_default_options(void);

/* Print the comparison report of merged (a diff_merge result) to out: the
 * header (files, sample type and unit, both totals and the change of total),
 * "Largest growth" and "Largest shrink" of the functions' self values (before%,
 * after%, delta% of each side's total, then before, after and delta in the
 * unit), "New functions" (only in AFTER), "Vanished functions" (only in
 * BEFORE), and the call paths whose total changed most (path shortened to its
 * first and last frames; a chain of frames with the same values is shown once,
 * as its deepest frame). Names are sanitised. Returns false if writing
 * failed. */
bool report_diff(FILE *out, const struct profile *merged, const struct report_diff_options *opts);

#endif
