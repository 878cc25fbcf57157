/* diff.h - two profiles merged into one tree, for comparing BEFORE and AFTER.
 *
 * diff_merge builds a new profile whose tree is the union of the call paths of
 * the two inputs (matched by frame names from the root down), with four sample
 * types: BEFORE's values, AFTER's values, and per node the larger self value of
 * the two, raw and with BEFORE normalised to AFTER's total (the widths of the
 * differential view's "larger of the two" mode; a node's total in these is at
 * least the total of either side, so the layout nests). Node ids are shared by
 * every view of the comparison, so selecting "the same call path" in the other
 * pane is selecting the same node. A path exists on a side when its total
 * there is not zero.
 *
 * Normalisation, as FlameGraph's difffolded.pl -n: BEFORE's values are scaled
 * by AFTER's total / BEFORE's total, so a change means a change in share.
 */
#ifndef FLAMEX_DIFF_H
#define FLAMEX_DIFF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "flamex/base/error.h"
#include "flamex/analysis/hot.h"
#include "flamex/model/profile.h"

/* Sample types of a merged profile. */
enum diff_type {
    DIFF_BEFORE = 0,      /* BEFORE's values of the chosen sample type */
    DIFF_AFTER = 1,       /* AFTER's values */
    DIFF_LARGER = 2,      /* per node: max(before self, after self) */
    DIFF_LARGER_NORM = 3, /* per node: max(before self * scale, after self) */
    DIFF_NTYPES = 4
};

/* Merge sample type tb of before with sample type ta of after into a new,
 * finished profile (owned by the caller; free with profile_free). before and
 * after may be the same profile (a two-count folded file: types 0 and 1).
 * Its source reads "BEFORE vs AFTER", its format is before's, its unit
 * before's (after's when before has none). Returns NULL with err filled when
 * the union exceeds the node limit of limits (NULL: the tree's maximum). */
struct profile *diff_merge(const struct profile *before, size_t tb, const struct profile *after,
                           size_t ta, const struct profile_limits *limits,
                           struct error_record *err);

/* AFTER's total / BEFORE's total of a merged profile (1 when either is 0). */
double diff_scale(const struct profile *merged);

/* Node's total on BEFORE, scaled by diff_scale when normalise is set. */
double diff_before(const struct profile *merged, uint32_t node, bool normalise);

/* Node's total on AFTER. */
double diff_after(const struct profile *merged, uint32_t node);

/* Change of node's total from BEFORE to AFTER (after - before, BEFORE scaled
 * when normalise is set). */
double diff_change(const struct profile *merged, uint32_t node, bool normalise);

/* Does the call path of node exist on side (DIFF_BEFORE or DIFF_AFTER)? The
 * root always does. */
bool diff_present(const struct profile *merged, uint32_t node, enum diff_type side);

/* The deepest ancestor-or-self of node that exists on side. */
uint32_t diff_nearest_present(const struct profile *merged, uint32_t node, enum diff_type side);

/* One function's self and total values on each side, within a scope. */
struct diff_function {
    uint32_t name;       /* string-table id of the merged profile */
    const char *bytes;   /* the name's raw bytes (owned by the profile) */
    size_t len;
    double before_flat, after_flat; /* self values (BEFORE unscaled) */
    double before_cum, after_cum;   /* totals, recursion counted once (hot.h) */
    double before_pct, after_pct;   /* flat as % of each side's scope total */
    double delta_pct;               /* after_pct - before_pct */
};

/* What diff_functions computes: every function of the scope, largest growth
 * first and largest shrink last (by delta_pct, then name). */
struct diff_functions {
    struct diff_function *items; /* owned; free with diff_functions_free */
    size_t count;
    size_t grew;                 /* items[0..grew) have delta_pct > 0 */
    size_t shrank;               /* items[count-shrank..count) have delta_pct < 0 */
    double before_total, after_total; /* of the scope root */
};

/* Functions of the subtree of root in a merged profile, ranked by the change
 * of their self value's share of each side's total (so normalisation is
 * inherent). Aborts only on out-of-memory. */
void diff_functions(const struct profile *merged, uint32_t root, struct diff_functions *out);

/* Free the list; it becomes empty. */
void diff_functions_free(struct diff_functions *list);

#endif
