/* layout.c - proportional bar geometry, row by row, visiting only visible frames. */
#include "flamex/view/layout.h"

#include "flamex/base/hash.h"
#include "flamex/base/xalloc.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

struct layout_work {
    double *offset; /* per span: value offset of its left edge within the zoom root */
    size_t cap;
};

static void layout_push(struct layout *l, struct layout_work *w, uint32_t node, uint32_t row,
                        int x, int width, bool ancestor, double offset)
{
    if (l->count == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 256;
        l->spans = xreallocarray(l->spans, l->cap, sizeof *l->spans);
    }
    if (l->count >= w->cap) {
        w->cap = l->cap;
        w->offset = xreallocarray(w->offset, w->cap, sizeof *w->offset);
    }
    l->spans[l->count] = (struct layout_span){ node, row, x, width, ancestor };
    w->offset[l->count] = offset;
    l->count++;
}

static void layout_start_row(struct layout *l, uint32_t row)
{
    if ((size_t)row + 2 > l->row_cap) {
        l->row_cap = ((size_t)row + 2) * 2;
        l->row_start = xreallocarray(l->row_start, l->row_cap, sizeof *l->row_start);
    }
    l->row_start[row] = l->count;
}

/* Index span i by node for layout_find (open addressing, linear probing). */
static void layout_index(struct layout *l)
{
    size_t want = 16;
    while (want < l->count * 2)
        want *= 2;
    if (want > l->index_cap) {
        free(l->index);
        l->index = xmalloc(want * sizeof *l->index);
        l->index_cap = want;
    }
    for (size_t j = 0; j < l->index_cap; j++)
        l->index[j] = UINT32_MAX;
    size_t mask = l->index_cap - 1;
    for (size_t i = 0; i < l->count; i++) {
        size_t j = hash_u64(l->spans[i].node) & mask;
        while (l->index[j] != UINT32_MAX)
            j = (j + 1) & mask;
        l->index[j] = (uint32_t)i;
    }
}

void layout_compute(struct layout *out, const struct tree *tree, uint32_t zoom,
                    enum tree_order order, size_t t, int width)
{
    struct layout_work w = { NULL, 0 };
    out->count = 0;
    out->rows = 0;
    out->hidden = 0;
    out->width = width < 1 ? 1 : width;
    width = out->width;

    /* Ancestors of the zoom root, root first, each full width. */
    uint32_t zoom_depth = tree_depth(tree, zoom);
    uint32_t *path = xmalloc(((size_t)zoom_depth + 1) * sizeof *path);
    uint32_t n = zoom;
    for (uint32_t d = zoom_depth + 1; d-- > 0;) {
        path[d] = n;
        n = tree_parent(tree, n);
    }
    for (uint32_t d = 0; d < zoom_depth; d++) {
        layout_start_row(out, d);
        layout_push(out, &w, path[d], d, 0, width, true, 0);
    }
    free(path);

    double total = tree_total(tree, zoom, t);
    uint32_t row = zoom_depth;
    layout_start_row(out, row);
    layout_push(out, &w, zoom, row, 0, width, false, 0);
    size_t prev_start = out->count - 1, prev_end = out->count;

    /* Each row is built from the spans of the row below it, left to right, so
     * only frames at least one cell wide are ever visited. */
    while (prev_start < prev_end && total > 0) {
        row++;
        layout_start_row(out, row);
        for (size_t i = prev_start; i < prev_end; i++) {
            uint32_t parent = out->spans[i].node;
            double off = w.offset[i];
            double parent_end = off + fmax(tree_total(tree, parent, t), 0);
            int parent_x_end = out->spans[i].x + out->spans[i].width;
            size_t nkids;
            const uint32_t *kids = tree_children(tree, parent, order, &nkids);
            for (size_t k = 0; k < nkids; k++) {
                double v = fmax(tree_total(tree, kids[k], t), 0);
                double end = fmin(off + v, parent_end);
                int x0 = (int)floor((double)width * off / total);
                int x1 = (int)floor((double)width * end / total);
                if (x1 > parent_x_end)
                    x1 = parent_x_end;
                /* Drawn only if its exact width is a cell or more: a sliver that
                 * happens to straddle a cell boundary is still hidden. */
                if ((double)width * (end - off) / total >= 1.0 && x1 - x0 >= 1)
                    layout_push(out, &w, kids[k], row, x0, x1 - x0, false, off);
                else
                    out->hidden += tree_subtree_size(tree, kids[k]);
                off = end;
            }
        }
        prev_start = prev_end;
        prev_end = out->count;
    }
    /* rows = last row that holds spans + 1 */
    out->rows = out->count ? out->spans[out->count - 1].row + 1 : 0;
    layout_start_row(out, out->rows);
    out->row_start[out->rows] = out->count;
    free(w.offset);
    layout_index(out);
}

void layout_free(struct layout *layout)
{
    free(layout->spans);
    free(layout->row_start);
    free(layout->index);
    memset(layout, 0, sizeof *layout);
}

long layout_find(const struct layout *layout, uint32_t node)
{
    if (!layout->index_cap)
        return -1;
    size_t mask = layout->index_cap - 1;
    for (size_t j = hash_u64(node) & mask;; j = (j + 1) & mask) {
        uint32_t i = layout->index[j];
        if (i == UINT32_MAX)
            return -1;
        if (layout->spans[i].node == node)
            return (long)i;
    }
}

long layout_at(const struct layout *layout, uint32_t row, int x)
{
    if (row >= layout->rows)
        return -1;
    size_t a = layout->row_start[row], b = layout->row_start[row + 1];
    if (a == b)
        return -1;
    long best = -1;
    int best_dist = 0;
    for (size_t i = a; i < b; i++) {
        const struct layout_span *s = &layout->spans[i];
        int dist = x < s->x ? s->x - x : (x >= s->x + s->width ? x - (s->x + s->width - 1) : 0);
        if (best < 0 || dist < best_dist) {
            best = (long)i;
            best_dist = dist;
        }
        if (dist == 0)
            break;
    }
    return best;
}
