/* tree.c - call tree storage, loading hash, totals and sibling ordering. */
#include "flamex/model/tree.h"

#include "flamex/base/hash.h"
#include "flamex/base/xalloc.h"

#include <stdlib.h>
#include <string.h>

struct tree_node {
    uint32_t parent;
    uint32_t name;
    uint32_t depth;
    uint32_t flags;
};

#define TREE_WIDE 8

struct tree_link {
    uint32_t name; /* copy of the node's name, so a list scan touches one array */
    uint32_t first_child;
    uint32_t next_sibling;
    uint32_t nkids;
};

/* Heaviest-first sibling order. Sorting a million-node tree takes ~20 ms, so a
 * group is sorted the first time someone asks for its children (the layout
 * only asks for visible frames). Reached through a pointer, so the cache can
 * fill in behind a const tree. */
struct tree_heavy {
    uint32_t *order;  /* same groups as alpha */
    uint8_t *sorted;  /* per node: its group in order is valid */
    size_t type;      /* sample type the order is for */
};

union tree_num {
    int64_t i;
    double d;
};

struct tree {
    struct tree_node *nodes;
    uint32_t count, cap, limit;
    size_t ntypes;
    union tree_num *self[TREE_MAX_TYPES];
    union tree_num *total[TREE_MAX_TYPES];
    bool exact[TREE_MAX_TYPES];
    uint32_t max_depth;

    /* Loading: children are found by scanning the parent's child list while it
     * is short, and through an open-addressing hash of (parent, name) once the
     * parent has more than TREE_WIDE children. Sorted input (the common case)
     * then creates most nodes without touching the hash at all. */
    struct tree_link *links; /* per node, freed by tree_finish */
    uint32_t *slots;         /* node id + 1, 0 = empty; children of wide parents */
    size_t mask, used;

    /* after tree_finish */
    bool finished;
    uint32_t *child_start;  /* per node: index of first child in the arrays below */
    uint32_t *child_count;  /* per node */
    uint32_t *alpha;        /* children grouped by parent, by name */
    struct tree_heavy *heavy; /* heaviest-first order, sorted lazily; NULL until asked */
    uint32_t *name_rank;    /* name id -> byte-order rank */
    uint32_t *subtree;      /* per node: nodes in its subtree, itself included */
    uint32_t rank_count;
};

static void tree_grow_nodes(struct tree *tree)
{
    uint32_t cap = tree->cap ? (tree->cap > UINT32_MAX / 2 ? UINT32_MAX - 1 : tree->cap * 2) : 1024;
    /* Remapped, not copied: on this kind of machine first-touch page faults
     * are a large share of a load, so every page should be touched once. */
    tree->nodes = xbig_resize(tree->nodes, tree->cap, cap, sizeof *tree->nodes);
    tree->links = xbig_resize(tree->links, tree->cap, cap, sizeof *tree->links);
    for (size_t t = 0; t < tree->ntypes; t++) {
        tree->self[t] = xbig_resize(tree->self[t], tree->cap, cap, sizeof *tree->self[t]);
    }
    tree->cap = cap;
}

struct tree *tree_new(size_t ntypes)
{
    if (ntypes < 1 || ntypes > TREE_MAX_TYPES)
        return NULL;
    struct tree *tree = xcalloc(1, sizeof *tree);
    tree->ntypes = ntypes;
    tree->limit = UINT32_MAX - 1;
    for (size_t t = 0; t < ntypes; t++)
        tree->exact[t] = true;
    tree_grow_nodes(tree);
    tree->nodes[0] = (struct tree_node){ TREE_NONE, STRTAB_NONE, 0, 0 };
    tree->links[0] = (struct tree_link){ STRTAB_NONE, TREE_NONE, TREE_NONE, 0 };
    for (size_t t = 0; t < ntypes; t++)
        tree->self[t][0].i = 0; /* all-zero bits are 0 as an integer and as a double */
    tree->count = 1;
    tree->mask = 4095;
    tree->slots = xcalloc(tree->mask + 1, sizeof *tree->slots);
    return tree;
}

int tree_add_type(struct tree *tree)
{
    if (tree->ntypes >= TREE_MAX_TYPES || tree->finished)
        return -1;
    size_t t = tree->ntypes++;
    tree->exact[t] = true;
    tree->self[t] = xbig_resize(NULL, 0, tree->cap, sizeof *tree->self[t]);
    memset(tree->self[t], 0, (size_t)tree->count * sizeof *tree->self[t]);
    return (int)t;
}

void tree_free(struct tree *tree)
{
    if (!tree)
        return;
    for (size_t t = 0; t < tree->ntypes; t++) {
        xbig_free(tree->self[t], tree->cap, sizeof *tree->self[t]);
        free(tree->total[t]);
    }
    xbig_free(tree->nodes, tree->cap, sizeof *tree->nodes);
    xbig_free(tree->links, tree->cap, sizeof *tree->links);
    free(tree->slots);
    free(tree->child_start);
    free(tree->child_count);
    free(tree->alpha);
    if (tree->heavy) {
        free(tree->heavy->order);
        free(tree->heavy->sorted);
        free(tree->heavy);
    }
    free(tree->name_rank);
    free(tree->subtree);
    free(tree);
}

void tree_set_node_limit(struct tree *tree, uint32_t limit)
{
    tree->limit = limit && limit < UINT32_MAX - 1 ? limit : UINT32_MAX - 1;
}

static inline size_t tree_slot_of(uint32_t parent, uint32_t name, size_t mask)
{
    return hash_u64((uint64_t)parent << 32 | name) & mask;
}

static void tree_slots_insert(uint32_t *slots, size_t mask, const struct tree_node *nodes,
                              uint32_t id)
{
    size_t j = tree_slot_of(nodes[id].parent, nodes[id].name, mask);
    while (slots[j])
        j = (j + 1) & mask;
    slots[j] = id + 1;
}

static void tree_hash_insert(struct tree *tree, uint32_t id)
{
    if ((tree->used + 1) * 4 > (tree->mask + 1) * 3) {
        size_t cap = (tree->mask + 1) * 2;
        uint32_t *slots = xcalloc(cap, sizeof *slots);
        for (size_t j = 0; j <= tree->mask; j++)
            if (tree->slots[j])
                tree_slots_insert(slots, cap - 1, tree->nodes, tree->slots[j] - 1);
        free(tree->slots);
        tree->slots = slots;
        tree->mask = cap - 1;
    }
    tree_slots_insert(tree->slots, tree->mask, tree->nodes, id);
    tree->used++;
}

static uint32_t tree_hash_find(const struct tree *tree, uint32_t parent, uint32_t name)
{
    size_t j = tree_slot_of(parent, name, tree->mask);
    for (;;) {
        uint32_t slot = tree->slots[j];
        if (!slot)
            return TREE_NONE;
        const struct tree_node *n = &tree->nodes[slot - 1];
        if (n->parent == parent && n->name == name)
            return slot - 1;
        j = (j + 1) & tree->mask;
    }
}

/* Loading-time lookup: list scan for narrow parents, hash for wide ones. */
static uint32_t tree_load_find(const struct tree *tree, uint32_t parent, uint32_t name)
{
    const struct tree_link *links = tree->links;
    if (links[parent].nkids > TREE_WIDE)
        return tree_hash_find(tree, parent, name);
    for (uint32_t c = links[parent].first_child; c != TREE_NONE; c = links[c].next_sibling)
        if (links[c].name == name)
            return c;
    return TREE_NONE;
}

uint32_t tree_add_child(struct tree *tree, uint32_t parent, uint32_t name, bool known_new)
{
    if (!known_new) {
        uint32_t found = tree_load_find(tree, parent, name);
        if (found != TREE_NONE)
            return found;
    }
    if (tree->count >= tree->limit)
        return TREE_NONE;
    if (tree->count == tree->cap)
        tree_grow_nodes(tree);
    uint32_t id = tree->count++;
    uint32_t depth = tree->nodes[parent].depth + 1;
    tree->nodes[id] = (struct tree_node){ parent, name, depth, 0 };
    for (size_t t = 0; t < tree->ntypes; t++)
        tree->self[t][id].i = 0; /* all-zero bits: 0 in an exact or a double column */
    if (depth > tree->max_depth)
        tree->max_depth = depth;
    struct tree_link *pl = &tree->links[parent];
    tree->links[id] = (struct tree_link){ name, TREE_NONE, pl->first_child, 0 };
    pl->first_child = id;
    pl->nkids++;
    if (pl->nkids == TREE_WIDE + 1) {
        for (uint32_t c = pl->first_child; c != TREE_NONE; c = tree->links[c].next_sibling)
            tree_hash_insert(tree, c);
    } else if (pl->nkids > TREE_WIDE + 1) {
        tree_hash_insert(tree, id);
    }
    return id;
}

/* Turn sample type t's column (self, and total if present) into doubles. */
static void tree_make_inexact(struct tree *tree, size_t t)
{
    if (!tree->exact[t])
        return;
    tree->exact[t] = false;
    for (uint32_t id = 0; id < tree->count; id++) {
        tree->self[t][id].d = (double)tree->self[t][id].i;
        if (tree->total[t])
            tree->total[t][id].d = (double)tree->total[t][id].i;
    }
}

void tree_add_self(struct tree *tree, uint32_t node, size_t t, const struct sample_value *v)
{
    union tree_num *cell = &tree->self[t][node];
    if (tree->exact[t]) {
        int64_t sum;
        if (v->exact && !__builtin_add_overflow(cell->i, v->i, &sum)) {
            cell->i = sum;
            return;
        }
        tree_make_inexact(tree, t);
    }
    cell->d += v->exact ? (double)v->i : v->d;
}

void tree_set_flags(struct tree *tree, uint32_t node, uint32_t flags)
{
    tree->nodes[node].flags |= flags;
}

/* Totals: children have larger ids than parents, so one pass from the last node
 * to the first adds every finished subtree into its parent. */
static void tree_compute_totals(struct tree *tree)
{
    for (size_t t = 0; t < tree->ntypes; t++) {
        free(tree->total[t]);
        tree->total[t] = xmalloc((size_t)tree->cap * sizeof *tree->total[t]);
        memcpy(tree->total[t], tree->self[t], (size_t)tree->count * sizeof *tree->total[t]);
        bool overflow = false;
        if (tree->exact[t]) {
            for (uint32_t id = tree->count - 1; id > 0 && !overflow; id--) {
                int64_t *p = &tree->total[t][tree->nodes[id].parent].i;
                overflow = __builtin_add_overflow(*p, tree->total[t][id].i, p);
            }
            if (overflow) {
                tree->exact[t] = false;
                for (uint32_t id = 0; id < tree->count; id++)
                    tree->self[t][id].d = (double)tree->self[t][id].i;
                memcpy(tree->total[t], tree->self[t], (size_t)tree->count * sizeof *tree->total[t]);
            }
        }
        if (!tree->exact[t]) {
            for (uint32_t id = tree->count - 1; id > 0; id--)
                tree->total[t][tree->nodes[id].parent].d += tree->total[t][id].d;
        }
    }
}

static int tree_u64_compare(const void *pa, const void *pb)
{
    uint64_t a = *(const uint64_t *)pa, b = *(const uint64_t *)pb;
    return (a > b) - (a < b);
}

/* Sort one sibling group by name rank: insertion sort for the usual handful,
 * qsort on (rank << 32 | id) keys for wide parents. */
static void tree_sort_group(uint32_t *ids, uint32_t n, const struct tree *tree)
{
    const uint32_t *rank = tree->name_rank;
    if (n <= 16) {
        for (uint32_t i = 1; i < n; i++) {
            uint32_t id = ids[i], r = rank[tree->nodes[id].name];
            uint32_t j = i;
            while (j > 0 && rank[tree->nodes[ids[j - 1]].name] > r) {
                ids[j] = ids[j - 1];
                j--;
            }
            ids[j] = id;
        }
        return;
    }
    uint64_t *keys = xmalloc((size_t)n * sizeof *keys);
    for (uint32_t i = 0; i < n; i++)
        keys[i] = (uint64_t)rank[tree->nodes[ids[i]].name] << 32 | ids[i];
    qsort(keys, n, sizeof *keys, tree_u64_compare);
    for (uint32_t i = 0; i < n; i++)
        ids[i] = (uint32_t)keys[i];
    free(keys);
}

/* Rank every name by byte order, so sibling ordering compares integers. */
static void tree_rank_names(struct tree *tree, const struct strtab *names)
{
    uint32_t n = strtab_count(names);
    uint32_t *ids = xmalloc(((size_t)n + 1) * sizeof *ids);
    for (uint32_t i = 0; i < n; i++)
        ids[i] = i;
    /* Merge sort with an explicit loop (no recursion, no qsort context). */
    uint32_t *tmp = xmalloc(((size_t)n + 1) * sizeof *tmp);
    for (size_t width = 1; width < n; width *= 2) {
        for (size_t lo = 0; lo < n; lo += 2 * width) {
            size_t mid = lo + width < n ? lo + width : n;
            size_t hi = lo + 2 * width < n ? lo + 2 * width : n;
            size_t a = lo, b = mid, k = lo;
            while (a < mid && b < hi)
                tmp[k++] = strtab_compare(names, ids[b], ids[a]) < 0 ? ids[b++] : ids[a++];
            while (a < mid)
                tmp[k++] = ids[a++];
            while (b < hi)
                tmp[k++] = ids[b++];
        }
        uint32_t *swap = ids;
        ids = tmp;
        tmp = swap;
    }
    free(tree->name_rank);
    tree->name_rank = xmalloc(((size_t)n + 1) * sizeof *tree->name_rank);
    for (uint32_t r = 0; r < n; r++)
        tree->name_rank[ids[r]] = r;
    tree->rank_count = n;
    free(ids);
    free(tmp);
}

void tree_finish(struct tree *tree, const struct strtab *names)
{
    free(tree->slots);
    tree->slots = NULL;
    tree->mask = 0;
    xbig_free(tree->links, tree->cap, sizeof *tree->links);
    tree->links = NULL;
    tree_compute_totals(tree);
    tree_rank_names(tree, names);

    uint32_t n = tree->count;
    tree->child_start = xcalloc(n, sizeof *tree->child_start);
    tree->child_count = xcalloc(n, sizeof *tree->child_count);
    tree->alpha = xmalloc((size_t)n * sizeof *tree->alpha);
    for (uint32_t id = 1; id < n; id++)
        tree->child_count[tree->nodes[id].parent]++;
    uint32_t pos = 0;
    for (uint32_t id = 0; id < n; id++) {
        tree->child_start[id] = pos;
        pos += tree->child_count[id];
    }
    /* Group children by parent (counting sort), then order each group by name. */
    uint32_t *fill = xmalloc((size_t)n * sizeof *fill);
    memcpy(fill, tree->child_start, (size_t)n * sizeof *fill);
    for (uint32_t id = 1; id < n; id++)
        tree->alpha[fill[tree->nodes[id].parent]++] = id;
    free(fill);
    for (uint32_t id = 0; id < n; id++)
        if (tree->child_count[id] > 1)
            tree_sort_group(tree->alpha + tree->child_start[id], tree->child_count[id], tree);
    tree->subtree = xmalloc((size_t)n * sizeof *tree->subtree);
    for (uint32_t id = 0; id < n; id++)
        tree->subtree[id] = 1;
    for (uint32_t id = n - 1; id > 0; id--)
        tree->subtree[tree->nodes[id].parent] += tree->subtree[id];
    tree->finished = true;
}

struct tree_heavy_key {
    uint32_t node;
    uint32_t rank;
    double total;
};

static int tree_heavy_compare(const void *pa, const void *pb)
{
    const struct tree_heavy_key *a = pa, *b = pb;
    if (a->total != b->total)
        return a->total > b->total ? -1 : 1;
    return (a->rank > b->rank) - (a->rank < b->rank);
}

void tree_sort_heaviest(struct tree *tree, size_t t)
{
    if (!tree->heavy) {
        tree->heavy = xcalloc(1, sizeof *tree->heavy);
        tree->heavy->order = xmalloc((size_t)tree->count * sizeof *tree->heavy->order);
        tree->heavy->sorted = xmalloc(tree->count);
    }
    tree->heavy->type = t;
    memset(tree->heavy->sorted, 0, tree->count);
}

/* Sort node's children heaviest first into the cache (once per sort request). */
static void tree_heavy_fill(const struct tree *tree, uint32_t node)
{
    struct tree_heavy *h = tree->heavy;
    uint32_t start = tree->child_start[node], cnt = tree->child_count[node];
    struct tree_heavy_key small[16];
    struct tree_heavy_key *keys = cnt <= 16 ? small : xmalloc((size_t)cnt * sizeof *keys);
    for (uint32_t k = 0; k < cnt; k++) {
        uint32_t id = tree->alpha[start + k];
        keys[k].node = id;
        keys[k].rank = k;
        keys[k].total = tree_total(tree, id, h->type);
    }
    qsort(keys, cnt, sizeof *keys, tree_heavy_compare);
    for (uint32_t k = 0; k < cnt; k++)
        h->order[start + k] = keys[k].node;
    if (keys != small)
        free(keys);
    h->sorted[node] = 1;
}

uint32_t tree_count(const struct tree *tree) { return tree->count; }
uint32_t tree_parent(const struct tree *tree, uint32_t node) { return tree->nodes[node].parent; }
uint32_t tree_name(const struct tree *tree, uint32_t node) { return tree->nodes[node].name; }
uint32_t tree_depth(const struct tree *tree, uint32_t node) { return tree->nodes[node].depth; }
uint32_t tree_max_depth(const struct tree *tree) { return tree->max_depth; }
uint32_t tree_flags(const struct tree *tree, uint32_t node) { return tree->nodes[node].flags; }

double tree_self(const struct tree *tree, uint32_t node, size_t t)
{
    return tree->exact[t] ? (double)tree->self[t][node].i : tree->self[t][node].d;
}

double tree_total(const struct tree *tree, uint32_t node, size_t t)
{
    return tree->exact[t] ? (double)tree->total[t][node].i : tree->total[t][node].d;
}

bool tree_self_exact(const struct tree *tree, uint32_t node, size_t t, int64_t *out)
{
    if (!tree->exact[t])
        return false;
    if (out)
        *out = tree->self[t][node].i;
    return true;
}

bool tree_total_exact(const struct tree *tree, uint32_t node, size_t t, int64_t *out)
{
    if (!tree->exact[t] || !tree->total[t])
        return false;
    if (out)
        *out = tree->total[t][node].i;
    return true;
}

const uint32_t *tree_children(const struct tree *tree, uint32_t node, enum tree_order order,
                              size_t *n)
{
    *n = tree->child_count[node];
    if (order == TREE_ORDER_HEAVIEST && tree->heavy && *n > 1) {
        if (!tree->heavy->sorted[node])
            tree_heavy_fill(tree, node);
        return tree->heavy->order + tree->child_start[node];
    }
    return tree->alpha + tree->child_start[node];
}

uint32_t tree_find_child(const struct tree *tree, uint32_t parent, uint32_t name)
{
    if (!tree->finished)
        return tree_load_find(tree, parent, name);
    if (name >= tree->rank_count)
        return TREE_NONE;
    uint32_t want = tree->name_rank[name];
    const uint32_t *kids = tree->alpha + tree->child_start[parent];
    size_t lo = 0, hi = tree->child_count[parent];
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        uint32_t r = tree->name_rank[tree->nodes[kids[mid]].name];
        if (r == want)
            return kids[mid];
        if (r < want)
            lo = mid + 1;
        else
            hi = mid;
    }
    return TREE_NONE;
}

uint32_t tree_subtree_size(const struct tree *tree, uint32_t node)
{
    return tree->subtree[node];
}


const char *tree_inline_note(const struct tree *tree, uint32_t node)
{
    uint32_t flags = tree_flags(tree, node);
    if (!(flags & TREE_FLAG_INLINED))
        return NULL;
    return flags & TREE_FLAG_CALLED ? "(partial-inline)" : "(inline)";
}
