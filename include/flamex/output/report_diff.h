/* report_diff.h - the text report of a comparison (flamex --report BEFORE AFTER).
 *
 * Works on a merged profile from diff_merge. Every value printed is as
 * measured; shares (the % columns) are of each side's own total. Normalised
 * (the default), the lists are ranked by the change of share, and a column
 * norm.chg shows AFTER - BEFORE x (AFTER's total / BEFORE's), the change of
 * share in AFTER's units (FlameGraph's difffolded.pl -n); not normalised, they
 * are ranked by the change of value.
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
    bool normalise;     /* rank by change of share, with the norm.chg column */
    size_t pair;        /* the pair of sample types to report (diff.h) */
    const char *before_path, *after_path;     /* shown in the header; NULL: merged->source */
    const char *before_format, *after_format; /* e.g. "folded"; NULL: merged->format */
    bool type_names;    /* name the sample types (false: a two-count file's two counts) */
};

/* The defaults: 20 functions per list, 10 call paths, normalised, pair 0,
 * no paths (the merged profile's source is shown) and no type names. */
struct report_diff_options report_diff_default_options(void);

/* Print the comparison report of merged (a diff_merge result) to out: the
 * header (files, sample types and unit, both totals and the change of total,
 * whether normalised), "Largest growth" and "Largest shrink" of the
 * functions' self values (before%, after%, delta% of each side's total, then
 * before, after and change in the unit, and norm.chg when normalised), "New
 * functions" (only in AFTER), "Vanished functions" (only in
 * BEFORE), and the call paths whose total changed most (path shortened to its
 * first and last frames; a chain of frames with the same values is shown once,
 * as its deepest frame). Names are sanitised. Returns false if writing
 * failed. */
bool report_diff(FILE *out, const struct profile *merged, const struct report_diff_options *opts);

#endif
