/* hot.c - flat/cum aggregation per function with an explicit-stack tree walk. */
#include "flamex/hot.h"

#include "flamex/xalloc.h"

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
    if (a->flat != b->flat)
        return a->flat > b->flat ? -1 : 1;
    return hot_compare_names(a, b);
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

void hot_free(struct hot_list *list)
{
    free(list->entries);
    list->entries = NULL;
    list->count = 0;
}
