/* hot.c - flat/cum aggregation per function with an explicit-stack tree walk. */
#include "flamex/analysis/hot.h"

#include "flamex/base/xalloc.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

struct hot_frame {
    uint32_t node;
    uint32_t next; /* index of the next child to visit */
};

void hot_compute(const struct profile *profile, size_t t, uint32_t root, enum hot_order order,
                 struct hot_list *out)
{
    const struct tree *tree = profile->tree;
    uint32_t nnames = strtab_count(profile->names);
    double *flat = xcalloc((size_t)nnames + 1, sizeof *flat);
    double *cum = xcalloc((size_t)nnames + 1, sizeof *cum);
    uint32_t *on_path = xcalloc((size_t)nnames + 1, sizeof *on_path);
    bool *seen = xcalloc((size_t)nnames + 1, sizeof *seen);

    size_t cap = 64, depth = 0;
    struct hot_frame *stack = xmalloc(cap * sizeof *stack);
    stack[depth++] = (struct hot_frame){ root, 0 };
    {
        uint32_t name = tree_name(tree, root);
        if (name != STRTAB_NONE) {
            flat[name] += tree_self(tree, root, t);
            cum[name] += tree_total(tree, root, t);
            on_path[name]++;
            seen[name] = true;
        }
    }
    while (depth > 0) {
        struct hot_frame *top = &stack[depth - 1];
        size_t nkids;
        const uint32_t *kids = tree_children(tree, top->node, TREE_ORDER_ALPHA, &nkids);
        if (top->next < nkids) {
            uint32_t child = kids[top->next++];
            uint32_t name = tree_name(tree, child);
            flat[name] += tree_self(tree, child, t);
            if (on_path[name]++ == 0)
                cum[name] += tree_total(tree, child, t);
            seen[name] = true;
            if (depth == cap) {
                cap *= 2;
                stack = xreallocarray(stack, cap, sizeof *stack);
            }
            stack[depth++] = (struct hot_frame){ child, 0 };
        } else {
            uint32_t name = tree_name(tree, top->node);
            if (name != STRTAB_NONE)
                on_path[name]--;
            depth--;
        }
    }
    free(stack);

    size_t count = 0;
    for (uint32_t id = 0; id < nnames; id++)
        if (seen[id] && (flat[id] != 0 || cum[id] != 0))
            count++;
    out->entries = xmalloc((count + 1) * sizeof *out->entries);
    out->count = 0;
    out->total = tree_total(tree, root, t);
    for (uint32_t id = 0; id < nnames; id++) {
        if (!seen[id] || (flat[id] == 0 && cum[id] == 0))
            continue;
        struct hot_entry *e = &out->entries[out->count++];
        e->name = id;
        e->bytes = strtab_get(profile->names, id, &e->len);
        e->flat = flat[id];
        e->cum = cum[id];
        e->inline_label = "";
    }
    free(flat);
    free(cum);
    free(on_path);
    free(seen);
    hot_sort(out, order);
}

static int hot_compare_names(const struct hot_entry *a, const struct hot_entry *b)
{
    size_t n = a->len < b->len ? a->len : b->len;
    int c = n ? memcmp(a->bytes, b->bytes, n) : 0;
    if (c)
        return c;
    return (a->len > b->len) - (a->len < b->len);
}

static int hot_compare_flat(const void *pa, const void *pb)
{
    const struct hot_entry *a = pa, *b = pb;
    if (fabs(a->flat) != fabs(b->flat))
        return fabs(a->flat) > fabs(b->flat) ? -1 : 1;
    int c = hot_compare_names(a, b);
    if (c)
        return c;
    if (fabs(a->cum) != fabs(b->cum))
        return fabs(a->cum) > fabs(b->cum) ? -1 : 1;
    return 0;
}

static int hot_compare_cum(const void *pa, const void *pb)
{
    const struct hot_entry *a = pa, *b = pb;
    if (a->cum != b->cum)
        return a->cum > b->cum ? -1 : 1;
    return hot_compare_names(a, b);
}

void hot_sort(struct hot_list *list, enum hot_order order)
{
    qsort(list->entries, list->count, sizeof *list->entries,
          order == HOT_BY_CUM ? hot_compare_cum : hot_compare_flat);
}

/* Call edges (caller name, callee name) with a bit saying whether any
 * occurrence was a real (not inlined) call; open addressing. */
struct hot_edges {
    uint64_t *keys; /* (caller << 32 | callee) + 1; 0 = empty */
    bool *called;
    size_t mask;
    size_t used;
};

static size_t hot_edge_find(const struct hot_edges *edges, uint64_t key)
{
    uint64_t h = key * UINT64_C(0x9e3779b97f4a7c15);
    size_t i = (size_t)(h >> 20) & edges->mask;
    while (edges->keys[i] != 0 && edges->keys[i] != key)
        i = (i + 1) & edges->mask;
    return i;
}

/* Distinct edges are far fewer than nodes: the table starts small and
 * doubles at half full (a table sized by the nodes was tens of MB of fresh
 * memory to zero on a million-node profile). */
static void hot_edges_grow(struct hot_edges *edges)
{
    struct hot_edges old = *edges;
    size_t cap = (old.mask + 1) * 2;
    edges->keys = xcalloc(cap, sizeof *edges->keys);
    edges->called = xcalloc(cap, sizeof *edges->called);
    edges->mask = cap - 1;
    for (size_t i = 0; i <= old.mask; i++) {
        if (old.keys[i]) {
            size_t j = hot_edge_find(edges, old.keys[i]);
            edges->keys[j] = old.keys[i];
            edges->called[j] = old.called[i];
        }
    }
    free(old.keys);
    free(old.called);
}

static bool *hot_edge_slot(struct hot_edges *edges, uint32_t caller, uint32_t callee)
{
    uint64_t key = ((uint64_t)caller << 32 | callee) + 1;
    size_t i = hot_edge_find(edges, key);
    if (edges->keys[i] == 0) {
        if (2 * (edges->used + 1) > edges->mask + 1) {
            hot_edges_grow(edges);
            i = hot_edge_find(edges, key);
        }
        edges->keys[i] = key;
        edges->used++;
    }
    return &edges->called[i];
}

void hot_mark_inline(const struct profile *profile, size_t t, struct hot_list *list)
{
    const struct tree *tree = profile->tree;
    uint32_t count = tree_count(tree);
    bool any = false;
    for (uint32_t n = 1; n < count && !any; n++)
        any = (tree_flags(tree, n) & TREE_FLAG_INLINED) != 0;
    for (size_t i = 0; i < list->count; i++)
        list->entries[i].inline_label = "";
    if (!any)
        return;

    struct hot_edges edges;
    size_t cap = 4096;
    edges.keys = xcalloc(cap, sizeof *edges.keys);
    edges.called = xcalloc(cap, sizeof *edges.called);
    edges.mask = cap - 1;
    edges.used = 0;
    for (uint32_t n = 1; n < count; n++) {
        uint32_t parent = tree_parent(tree, n);
        if (parent == TREE_ROOT || tree_total(tree, n, t) == 0)
            continue;
        uint32_t caller = tree_name(tree, parent), callee = tree_name(tree, n);
        if (caller == callee)
            continue;
        uint32_t flags = tree_flags(tree, n);
        bool called = (flags & TREE_FLAG_CALLED) || !(flags & TREE_FLAG_INLINED);
        *hot_edge_slot(&edges, caller, callee) |= called;
    }

    uint32_t nnames = strtab_count(profile->names);
    unsigned char *kinds = xcalloc((size_t)nnames + 1, 1); /* 1: inlined edge, 2: call edge */
    for (size_t i = 0; i <= edges.mask; i++)
        if (edges.keys[i])
            kinds[(uint32_t)((edges.keys[i] - 1) & UINT32_MAX)] |= edges.called[i] ? 2 : 1;
    for (size_t i = 0; i < list->count; i++) {
        unsigned char k = kinds[list->entries[i].name];
        list->entries[i].inline_label = k == 1 ? "(inline)" : k == 3 ? "(partial-inline)" : "";
    }
    free(kinds);
    free(edges.keys);
    free(edges.called);
}

void hot_free(struct hot_list *list)
{
    free(list->entries);
    list->entries = NULL;
    list->count = 0;
}
