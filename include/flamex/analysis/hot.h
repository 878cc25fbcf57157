/* hot.h - per-function flat (self) and cum (total) values, as pprof's -top has them.
 *
 * flat sums a function's self value over every node that names it; cum sums the
 * totals of its nodes but counts a function once per stack, so recursion does
 * not count the same time twice. The walk over the tree uses an explicit stack.
 */
#ifndef FLAMEX_HOT_H
#define FLAMEX_HOT_H

#include <stddef.h>
#include <stdint.h>

#include "flamex/model/profile.h"

struct hot_entry {
    uint32_t name;     /* string-table id */
    const char *bytes; /* the name's raw bytes (owned by the profile) */
    size_t len;
    double flat;
    double cum;
    const char *inline_label; /* "", "(inline)" or "(partial-inline)"; see hot_mark_inline */
};

struct hot_list {
    struct hot_entry *entries; /* owned; free with hot_free */
    size_t count;
    double total; /* total of the scope root */
};

enum hot_order {
    HOT_BY_FLAT, /* |flat| descending, then name, then |cum| (pprof's -top order) */
    HOT_BY_CUM,  /* cum descending, then name */
};

/* Compute flat and cum of every function in the subtree of root (TREE_ROOT for
 * the whole profile) for sample type t, sorted by order. Functions whose flat
 * and cum are both zero are left out. Aborts only on out-of-memory. */
void hot_compute(const struct profile *profile, size_t t, uint32_t root, enum hot_order order,
                 struct hot_list *out);

/* pprof's inline marking: a function is "(inline)" when every call edge into
 * it (from a different function, in the whole profile, ignoring nodes whose
 * total for sample type t is zero) was inlined into the caller, and
 * "(partial-inline)" when only some were. Sets each entry's inline_label;
 * profiles without inlining information get "" everywhere. */
void hot_mark_inline(const struct profile *profile, size_t t, struct hot_list *list);

/* Re-sort an existing list. */
void hot_sort(struct hot_list *list, enum hot_order order);

/* Free the entries; the list becomes empty. */
void hot_free(struct hot_list *list);

#endif
