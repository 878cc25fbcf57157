/* shapes.c - plateaus (wide frames burning time themselves) and towers
 * (narrow, deep columns), found in one forward and one reverse pass.
 *
 * The nodes of the view are put in an order where every parent comes before
 * its children: the node ids themselves for the whole profile (a child always
 * has a larger id than its parent), a pre-order from an explicit-stack walk
 * for a zoomed subtree. Heights then fill in from the last node to the first.
 *
 * Thresholds compare shares as quotients (self / view >= share), so a value
 * exactly at the boundary, such as 205 of 4100 against 5%, counts: the
 * quotient rounds to the same double as the decimal share.
 */
#include "flamex/analysis/shapes.h"

#include "flamex/base/xalloc.h"

#include <stdlib.h>
#include <string.h>

struct shapes_options shapes_default_options(void)
{
    return (struct shapes_options){
        .plateau_self_share = 0.05,
        .tower_min_depth = 12,
        .tower_max_share = 0.01,
    };
}

/* The view in parent-before-child order. With nodes == NULL the view is the
 * whole tree and local index == node id; otherwise nodes[i] is the node at
 * local index i and up[i] the local index of its parent (index 0 is the view
 * root, whose up is unused). */
struct shapes_view {
    const struct tree *tree;
    uint32_t size;
    uint32_t *nodes;
    uint32_t *up;
};

static uint32_t shapes_node(const struct shapes_view *v, uint32_t i)
{
    return v->nodes ? v->nodes[i] : i;
}

static uint32_t shapes_up(const struct shapes_view *v, uint32_t i)
{
    return v->nodes ? v->up[i] : tree_parent(v->tree, i);
}

/* Pre-order of root's subtree with an explicit stack. */
static void shapes_collect(struct shapes_view *v, uint32_t root)
{
    v->nodes = xmalloc((size_t)v->size * sizeof *v->nodes);
    v->up = xmalloc((size_t)v->size * sizeof *v->up);
    uint32_t *stack = xmalloc((size_t)v->size * sizeof *stack); /* local indexes */
    size_t depth = 0;
    uint32_t n = 0;
    v->nodes[n] = root;
    v->up[n] = 0;
    stack[depth++] = n++;
    while (depth > 0) {
        uint32_t i = stack[--depth];
        size_t nkids;
        const uint32_t *kids = tree_children(v->tree, v->nodes[i], TREE_ORDER_ALPHA, &nkids);
        for (size_t k = 0; k < nkids; k++) {
            v->nodes[n] = kids[k];
            v->up[n] = i;
            stack[depth++] = n++; /* the stack never holds more than size entries */
        }
    }
    free(stack);
}

static int shapes_compare_plateaus(const void *pa, const void *pb)
{
    const struct shape *a = pa, *b = pb;
    if (a->self != b->self)
        return a->self > b->self ? -1 : 1;
    if (a->total != b->total)
        return a->total > b->total ? -1 : 1;
    return (a->node > b->node) - (a->node < b->node);
}

static int shapes_compare_towers(const void *pa, const void *pb)
{
    const struct shape *a = pa, *b = pb;
    if (a->height != b->height)
        return a->height > b->height ? -1 : 1;
    if (a->total != b->total)
        return a->total > b->total ? -1 : 1;
    return (a->node > b->node) - (a->node < b->node);
}

/* Is local index i (not the view root) a frame of a tower? */
static bool shapes_in_tower(const struct shapes_view *v, const uint32_t *height, uint32_t i,
                            size_t t, double view, const struct shapes_options *opts)
{
    return i != 0 && height[i] >= opts->tower_min_depth &&
           tree_total(v->tree, shapes_node(v, i), t) / view <= opts->tower_max_share;
}

void shapes_find(const struct profile *profile, size_t t, uint32_t root,
                 const struct shapes_options *opts, struct shapes *out)
{
    memset(out, 0, sizeof *out);
    const struct tree *tree = profile->tree;
    double view = tree_total(tree, root, t);
    out->view_total = view;
    if (!(view > 0))
        return; /* an empty (or negative) view has no shares to speak of */

    struct shapes_view v = { .tree = tree, .size = tree_subtree_size(tree, root) };
    if (root != TREE_ROOT)
        shapes_collect(&v, root);

    /* Heights: frames above each node, from the last node back to the first. */
    uint32_t *height = xcalloc(v.size, sizeof *height);
    for (uint32_t i = v.size - 1; i > 0; i--) {
        uint32_t p = shapes_up(&v, i);
        if (height[i] + 1 > height[p])
            height[p] = height[i] + 1;
    }

    size_t pcap = 0, tcap = 0;
    for (uint32_t i = 0; i < v.size; i++) {
        uint32_t node = shapes_node(&v, i);
        if (tree_name(tree, node) == STRTAB_NONE)
            continue; /* the synthetic root is no frame */
        double self = tree_self(tree, node, t);
        struct shape s = { .node = node, .self = self, .total = tree_total(tree, node, t),
                           .height = height[i] };
        if (self / view >= opts->plateau_self_share) {
            if (out->nplateaus == pcap) {
                pcap = pcap ? pcap * 2 : 16;
                out->plateaus = xreallocarray(out->plateaus, pcap, sizeof *out->plateaus);
            }
            out->plateaus[out->nplateaus++] = s;
        }
        if (shapes_in_tower(&v, height, i, t, view, opts)) {
            uint32_t p = shapes_up(&v, i);
            if (p == 0 || !shapes_in_tower(&v, height, p, t, view, opts)) {
                if (out->ntowers == tcap) {
                    tcap = tcap ? tcap * 2 : 16;
                    out->towers = xreallocarray(out->towers, tcap, sizeof *out->towers);
                }
                out->towers[out->ntowers++] = s;
            }
        }
    }
    free(height);
    free(v.nodes);
    free(v.up);
    if (out->nplateaus > 1)
        qsort(out->plateaus, out->nplateaus, sizeof *out->plateaus, shapes_compare_plateaus);
    if (out->ntowers > 1)
        qsort(out->towers, out->ntowers, sizeof *out->towers, shapes_compare_towers);
}

void shapes_free(struct shapes *shapes)
{
    free(shapes->plateaus);
    free(shapes->towers);
    shapes->plateaus = NULL;
    shapes->towers = NULL;
    shapes->nplateaus = 0;
    shapes->ntowers = 0;
}
