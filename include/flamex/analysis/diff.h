/* diff.h - two profiles merged into one tree, for comparing BEFORE and AFTER.
 *
 * diff_merge builds a new profile whose tree is the union of the call paths of
 * the two inputs (matched by frame names from the root down). Each compared
 * pair of sample types (one of BEFORE's, one of AFTER's; usually the same
 * name) takes DIFF_NTYPES consecutive sample types of the merged profile:
 * BEFORE's values, AFTER's values, and per node the larger self value of the
 * two, raw and with BEFORE normalised to AFTER's total (the widths of the
 * differential view's "larger of the two" mode; a node's total in these is at
 * least the total of either side, so the layout nests). Node ids are shared by
 * every view of the comparison and every pair, so selecting "the same call
 * path" in the other pane, or under another sample type, is selecting the
 * same node. A path exists in a column when its total there is not zero.
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

/* The columns of one compared pair, in order; pair p's column c is sample
 * type p * DIFF_NTYPES + c of the merged profile (diff_type_of). */
enum diff_type {
    DIFF_BEFORE = 0,      /* BEFORE's values of the pair's BEFORE type */
    DIFF_AFTER = 1,       /* AFTER's values of its AFTER type */
    DIFF_LARGER = 2,      /* per node: max(before self, after self) */
    DIFF_LARGER_NORM = 3, /* per node: max(before self * scale, after self) */
    DIFF_NTYPES = 4
};

/* Most pairs one merged profile holds (its sample types are limited). */
#define DIFF_MAX_PAIRS (TREE_MAX_TYPES / DIFF_NTYPES)

/* One compared pair: a sample type index of BEFORE and one of AFTER. */
struct diff_pair {
    size_t before, after;
};

/* Merge the npairs (1..DIFF_MAX_PAIRS) pairs of sample types of before and
 * after into a new, finished profile (owned by the caller; free with
 * profile_free). before and after may be the same profile (a two-count
 * folded file: the pair {0, 1}). Its source reads "BEFORE vs AFTER", its
 * format is before's; pair p's BEFORE column is named as BEFORE's type, its
 * AFTER column as AFTER's, their unit is the two types' unit ("count", no
 * unit, when they differ); its default type is pair 0's AFTER column. Returns NULL
 * with err filled when npairs is out of range or the union exceeds the node
 * limit of limits (NULL: the tree's maximum). */
struct profile *diff_merge_pairs(const struct profile *before, const struct profile *after,
                                 const struct diff_pair *pairs, size_t npairs,
                                 const struct profile_limits *limits, struct error_record *err);

/* diff_merge_pairs with the one pair {tb, ta}. */
struct profile *diff_merge(const struct profile *before, size_t tb, const struct profile *after,
                           size_t ta, const struct profile_limits *limits,
                           struct error_record *err);

/* Pairs a merged profile holds. */
size_t diff_npairs(const struct profile *merged);

/* Sample type of column col of pair. */
size_t diff_type_of(size_t pair, enum diff_type col);

/* The pair a sample type of a merged profile belongs to. */
size_t diff_pair_of(size_t type);

/* AFTER's total / BEFORE's total of pair (1 when either is 0). */
double diff_scale(const struct profile *merged, size_t pair);

/* Node's total on BEFORE in pair, scaled by diff_scale when normalise is set. */
double diff_before(const struct profile *merged, size_t pair, uint32_t node, bool normalise);

/* Node's total on AFTER in pair. */
double diff_after(const struct profile *merged, size_t pair, uint32_t node);

/* Change of node's total from BEFORE to AFTER in pair (after - before,
 * BEFORE scaled when normalise is set). */
double diff_change(const struct profile *merged, size_t pair, uint32_t node, bool normalise);

/* Does the call path of node exist in sample type type of merged (total not
 * zero)? The root always does. */
bool diff_present(const struct profile *merged, uint32_t node, size_t type);

/* The deepest ancestor-or-self of node that exists in sample type type. */
uint32_t diff_nearest_present(const struct profile *merged, uint32_t node, size_t type);

/* What diff_functions ranks, and within what. */
struct diff_rank {
    size_t pair;         /* the compared pair of sample types */
    uint32_t root;       /* scope: the subtree of root (TREE_ROOT: the whole profile) */
    enum hot_order by;   /* HOT_BY_FLAT: self values; HOT_BY_CUM: totals */
    bool normalise;      /* by change of share of each side's scope total (the change
                            in percentage points); else by change of value */
};

/* One function's self and total values on each side, within the scope. */
struct diff_function {
    uint32_t name;       /* string-table id of the merged profile */
    const char *bytes;   /* the name's raw bytes (owned by the profile) */
    size_t len;
    double before_flat, after_flat; /* self values, as measured (never scaled) */
    double before_cum, after_cum;   /* totals, recursion counted once (hot.h) */
    double before, after;           /* the ranked value (self or total), as measured */
    double before_pct, after_pct;   /* the ranked value as % of each side's scope total */
    double change;       /* normalised: after_pct - before_pct (points); else after - before */
};

/* What diff_functions computes: every function of the scope, largest growth
 * first and largest shrink last (by change, then name; the unchanged in
 * between, those with a ranked value first). */
struct diff_functions {
    struct diff_function *items; /* owned; free with diff_functions_free */
    size_t count;
    size_t grew;                 /* items[0..grew) have change > 0 */
    size_t shrank;               /* items[count-shrank..count) have change < 0 */
    size_t same;                 /* items[grew..grew+same) have change 0 and a ranked
                                    value on a side (the rest of the middle: 0 on both) */
    double before_total, after_total; /* of the scope root */
    struct diff_rank rank;       /* what was ranked */
};

/* Functions of the subtree of rank->root in a merged profile, ranked by the
 * change of their self or total value (rank->by), or of its share of each
 * side's scope total when rank->normalise is set. Aborts only on
 * out-of-memory. */
void diff_functions(const struct profile *merged, const struct diff_rank *rank,
                    struct diff_functions *out);

/* Free the list; it becomes empty. */
void diff_functions_free(struct diff_functions *list);

#endif
