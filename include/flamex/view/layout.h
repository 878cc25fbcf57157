/* layout.h - the flamegraph's geometry: tree + zoom + width -> bars in cells.
 *
 * Pure and curses-free: the same tree, zoom root, order, sample type and width
 * always give the same spans. A bar's width is its share of the zoom root's
 * total; positions come from cumulative offsets, so children lie inside their
 * parent, siblings never overlap and nothing is wider than its parent. Bars
 * narrower than one cell are not laid out (nor is anything above them), so
 * the cost follows what is visible, not the size of the tree; they are counted
 * in `hidden`. The zoom root's ancestors come first, as full-width rows.
 */
#ifndef FLAMEX_LAYOUT_H
#define FLAMEX_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "flamex/model/tree.h"

struct layout_span {
    uint32_t node;
    uint32_t row;   /* 0 = the tree's root level (depth), whatever the orientation */
    int x, width;   /* in cells, width >= 1 */
    bool ancestor;  /* below the zoom root: drawn full width, dimmed */
};

struct layout {
    struct layout_span *spans; /* owned; in row order, left to right within a row */
    size_t count, cap;
    size_t *row_start;         /* index of the first span of each row; rows + 1 entries */
    size_t row_cap;
    uint32_t *index;           /* node -> span hash for layout_find (UINT32_MAX = empty) */
    size_t index_cap;
    uint32_t rows;             /* number of rows laid out */
    uint64_t hidden;           /* frames too narrow to draw (whole subtrees counted) */
    int width;
};

/* Lay out the subtree of zoom (and its ancestors) for sample type t in width
 * cells with siblings in order. out may be reused between calls (its arrays
 * are recycled); zero it before the first call. Aborts only on out-of-memory. */
void layout_compute(struct layout *out, const struct tree *tree, uint32_t zoom,
                    enum tree_order order, size_t t, int width);

/* Free the layout's arrays. */
void layout_free(struct layout *layout);

/* Index of the span of node, or -1 if it is not laid out. */
long layout_find(const struct layout *layout, uint32_t node);

/* Index of the span in row that covers column x, or the nearest one in that
 * row (-1 if the row is empty or out of range). */
long layout_at(const struct layout *layout, uint32_t row, int x);

#endif
