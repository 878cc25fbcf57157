/* diff.c - merging BEFORE and AFTER into one tree, changes per node and per function. */
#include "flamex/analysis/diff.h"

#include "flamex/base/xalloc.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Node's self value of type t as a loader would hand it over (exact when the
 * column is). */
static struct sample_value diff_self_value(const struct tree *tree, uint32_t node, size_t t)
{
    struct sample_value v = { 0, 0, false };
    int64_t i;
    if (tree_self_exact(tree, node, t, &i)) {
        v.i = i;
        v.d = (double)i;
        v.exact = true;
    } else {
        v.d = tree_self(tree, node, t);
    }
    return v;
}

/* Copy every node of src (sample type t) into merged as column col. The
 * first side copied creates every node (known_new skips the lookups); the
 * second finds the paths both share. Node ids of src increase from parent to
 * child, so one pass in id order sees each parent before its children. */
static bool diff_copy_side(struct profile *merged, const struct profile *src, size_t t,
                           size_t col, bool first, struct error_record *err)
{
    const struct tree *from = src->tree;
    struct tree *to = merged->tree;
    uint32_t count = tree_count(from);
    uint32_t nnames = strtab_count(src->names);
    uint32_t *map = xmalloc((size_t)count * sizeof *map);
    uint32_t *names = xmalloc(((size_t)nnames + 1) * sizeof *names);
    for (uint32_t i = 0; i <= nnames; i++)
        names[i] = STRTAB_NONE;
    map[TREE_ROOT] = TREE_ROOT;
    bool ok = true;
    for (uint32_t n = 0; n < count; n++) {
        if (n != TREE_ROOT) {
            uint32_t name = tree_name(from, n);
            if (name < nnames && names[name] == STRTAB_NONE) {
                size_t len;
                const char *bytes = strtab_get(src->names, name, &len);
                names[name] = strtab_intern(merged->names, bytes, len);
            }
            uint32_t child = tree_add_child(to, map[tree_parent(from, n)],
                                            name < nnames ? names[name] : name, first);
            if (child == TREE_NONE) {
                error_set(err, merged->source, ERROR_NO_POSITION,
                          "the comparison exceeds the limit of %u tree nodes (--max-nodes "
                          "raises it)",
                          tree_count(to));
                ok = false;
                break;
            }
            map[n] = child;
            uint32_t flags = tree_flags(from, n);
            if (flags)
                tree_set_flags(to, child, flags);
        }
        struct sample_value v = diff_self_value(from, n, t);
        if (v.exact ? v.i != 0 : v.d != 0)
            tree_add_self(to, map[n], col, &v);
    }
    free(names);
    free(map);
    return ok;
}

/* Pair p's "larger of the two" columns, from its before and after self values. */
static void diff_fill_larger(struct profile *merged, size_t p, double scale)
{
    struct tree *tree = merged->tree;
    uint32_t count = tree_count(tree);
    size_t tb = diff_type_of(p, DIFF_BEFORE), ta = diff_type_of(p, DIFF_AFTER);
    for (uint32_t n = 0; n < count; n++) {
        struct sample_value b = diff_self_value(tree, n, tb);
        struct sample_value a = diff_self_value(tree, n, ta);
        struct sample_value larger = b.d >= a.d ? b : a;
        if (larger.exact ? larger.i != 0 : larger.d != 0)
            tree_add_self(tree, n, diff_type_of(p, DIFF_LARGER), &larger);
        double bn = b.d * scale;
        struct sample_value norm = { 0, bn >= a.d ? bn : a.d, false };
        if (norm.d != 0)
            tree_add_self(tree, n, diff_type_of(p, DIFF_LARGER_NORM), &norm);
    }
}

/* Unit of a pair: the sides' unit, or "count" (values without a unit)
 * when they differ: a count of samples is not nanoseconds. */
static const char *diff_pair_unit(const struct profile *before, const struct profile *after,
                                  const struct diff_pair *pair)
{
    const char *b = before->types[pair->before].unit, *a = after->types[pair->after].unit;
    b = b && b[0] ? b : "count";
    a = a && a[0] ? a : "count";
    return strcmp(a, b) == 0 ? a : "count";
}

struct profile *diff_merge_pairs(const struct profile *before, const struct profile *after,
                                 const struct diff_pair *pairs, size_t npairs,
                                 const struct profile_limits *limits, struct error_record *err)
{
    size_t len = strlen(before->source) + strlen(after->source) + 8;
    char *source = xmalloc(len);
    snprintf(source, len, "%s vs %s", before->source, after->source);
    struct profile *merged = profile_new(source, before->format);
    free(source);
    if (limits)
        merged->limits = *limits;
    if (npairs == 0 || npairs > DIFF_MAX_PAIRS) {
        error_set(err, merged->source, ERROR_NO_POSITION,
                  "%zu pairs of sample types to compare (flamex compares 1 to %d at once)",
                  npairs, DIFF_MAX_PAIRS);
        profile_free(merged);
        return NULL;
    }
    const char *names[TREE_MAX_TYPES], *units[TREE_MAX_TYPES];
    for (size_t p = 0; p < npairs; p++) {
        const char *unit = diff_pair_unit(before, after, &pairs[p]);
        names[diff_type_of(p, DIFF_BEFORE)] = before->types[pairs[p].before].name;
        names[diff_type_of(p, DIFF_AFTER)] = after->types[pairs[p].after].name;
        names[diff_type_of(p, DIFF_LARGER)] = "larger";
        names[diff_type_of(p, DIFF_LARGER_NORM)] = "larger (normalised)";
        for (size_t c = 0; c < DIFF_NTYPES; c++)
            units[diff_type_of(p, (enum diff_type)c)] = unit;
    }
    if (!profile_set_types(merged, npairs * DIFF_NTYPES, names, units, err)) {
        profile_free(merged);
        return NULL;
    }
    merged->default_type = diff_type_of(0, DIFF_AFTER);
    merged->differential = true;
    merged->gzip = before->gzip || after->gzip;
    merged->stacks = before->stacks + (before == after ? 0 : after->stacks);
    merged->input_bytes = before->input_bytes + (before == after ? 0 : after->input_bytes);
    /* how a two-count file was read (its loader's note) holds for the merge */
    const char *note = before->info.note ? before->info.note : after->info.note;
    if (note)
        merged->info.note = xstrdup(note);
    /* Every pair copies every node, so the first copy of each side creates
     * the paths and the others find them: node ids are the same for all. */
    for (size_t p = 0; p < npairs; p++) {
        if (!diff_copy_side(merged, before, pairs[p].before, diff_type_of(p, DIFF_BEFORE), p == 0,
                            err) ||
            !diff_copy_side(merged, after, pairs[p].after, diff_type_of(p, DIFF_AFTER), false,
                            err)) {
            profile_free(merged);
            return NULL;
        }
    }
    for (size_t p = 0; p < npairs; p++) {
        double tb_total = tree_total(before->tree, TREE_ROOT, pairs[p].before);
        double ta_total = tree_total(after->tree, TREE_ROOT, pairs[p].after);
        diff_fill_larger(merged, p, tb_total != 0 && ta_total != 0 ? ta_total / tb_total : 1.0);
    }
    profile_finish(merged);
    return merged;
}

struct profile *diff_merge(const struct profile *before, size_t tb, const struct profile *after,
                           size_t ta, const struct profile_limits *limits,
                           struct error_record *err)
{
    struct diff_pair pair = { tb, ta };
    return diff_merge_pairs(before, after, &pair, 1, limits, err);
}

size_t diff_npairs(const struct profile *merged)
{
    return merged->ntypes / DIFF_NTYPES;
}

size_t diff_type_of(size_t pair, enum diff_type col)
{
    return pair * DIFF_NTYPES + (size_t)col;
}

size_t diff_pair_of(size_t type)
{
    return type / DIFF_NTYPES;
}

double diff_scale(const struct profile *merged, size_t pair)
{
    double b = tree_total(merged->tree, TREE_ROOT, diff_type_of(pair, DIFF_BEFORE));
    double a = tree_total(merged->tree, TREE_ROOT, diff_type_of(pair, DIFF_AFTER));
    return b != 0 && a != 0 ? a / b : 1.0;
}

double diff_before(const struct profile *merged, size_t pair, uint32_t node, bool normalise)
{
    double b = tree_total(merged->tree, node, diff_type_of(pair, DIFF_BEFORE));
    return normalise ? b * diff_scale(merged, pair) : b;
}

double diff_after(const struct profile *merged, size_t pair, uint32_t node)
{
    return tree_total(merged->tree, node, diff_type_of(pair, DIFF_AFTER));
}

double diff_change(const struct profile *merged, size_t pair, uint32_t node, bool normalise)
{
    return diff_after(merged, pair, node) - diff_before(merged, pair, node, normalise);
}

bool diff_present(const struct profile *merged, uint32_t node, size_t type)
{
    return node == TREE_ROOT || tree_total(merged->tree, node, type) != 0;
}

uint32_t diff_nearest_present(const struct profile *merged, uint32_t node, size_t type)
{
    while (node != TREE_ROOT && !diff_present(merged, node, type))
        node = tree_parent(merged->tree, node);
    return node;
}

/* Does f have a ranked value on either side? */
static bool diff_function_valued(const struct diff_function *f)
{
    return f->before != 0 || f->after != 0;
}

/* Largest growth first, largest shrink last; among the unchanged, those
 * with a value first; ties by name bytes. */
static int diff_function_compare(const void *pa, const void *pb)
{
    const struct diff_function *a = pa, *b = pb;
    if (a->change != b->change)
        return a->change > b->change ? -1 : 1;
    if (a->change == 0 && diff_function_valued(a) != diff_function_valued(b))
        return diff_function_valued(a) ? -1 : 1;
    size_t n = a->len < b->len ? a->len : b->len;
    int c = memcmp(a->bytes, b->bytes, n);
    if (c)
        return c;
    return a->len < b->len ? -1 : a->len > b->len;
}

void diff_functions(const struct profile *merged, const struct diff_rank *rank,
                    struct diff_functions *out)
{
    memset(out, 0, sizeof *out);
    out->rank = *rank;
    struct hot_list before, after;
    hot_compute(merged, diff_type_of(rank->pair, DIFF_BEFORE), rank->root, rank->by, &before);
    hot_compute(merged, diff_type_of(rank->pair, DIFF_AFTER), rank->root, rank->by, &after);
    out->before_total = before.total;
    out->after_total = after.total;
    /* Join the two lists by name id through a table indexed by id. */
    uint32_t nnames = strtab_count(merged->names);
    size_t *slot = xmalloc(((size_t)nnames + 1) * sizeof *slot);
    for (uint32_t i = 0; i <= nnames; i++)
        slot[i] = SIZE_MAX;
    out->items = xcalloc(before.count + after.count + 1, sizeof *out->items);
    const struct hot_list *sides[2] = { &before, &after };
    for (int s = 0; s < 2; s++) {
        for (size_t i = 0; i < sides[s]->count; i++) {
            const struct hot_entry *e = &sides[s]->entries[i];
            uint32_t id = e->name < nnames ? e->name : nnames;
            if (slot[id] == SIZE_MAX) {
                slot[id] = out->count++;
                struct diff_function *f = &out->items[slot[id]];
                f->name = e->name;
                f->bytes = e->bytes;
                f->len = e->len;
            }
            struct diff_function *f = &out->items[slot[id]];
            if (s == 0) {
                f->before_flat = e->flat;
                f->before_cum = e->cum;
            } else {
                f->after_flat = e->flat;
                f->after_cum = e->cum;
            }
        }
    }
    free(slot);
    bool by_cum = rank->by == HOT_BY_CUM;
    for (size_t i = 0; i < out->count; i++) {
        struct diff_function *f = &out->items[i];
        f->before = by_cum ? f->before_cum : f->before_flat;
        f->after = by_cum ? f->after_cum : f->after_flat;
        f->before_pct = before.total != 0 ? 100.0 * f->before / before.total : 0;
        f->after_pct = after.total != 0 ? 100.0 * f->after / after.total : 0;
        if (rank->normalise) {
            f->change = f->after_pct - f->before_pct;
            /* Shares computed from different totals differ by rounding
             * noise when nothing changed: treat that as no change. */
            if (fabs(f->change) < 1e-9)
                f->change = 0;
        } else {
            f->change = f->after - f->before;
        }
    }
    qsort(out->items, out->count, sizeof *out->items, diff_function_compare);
    for (size_t i = 0; i < out->count && out->items[i].change > 0; i++)
        out->grew++;
    for (size_t i = out->count; i > 0 && out->items[i - 1].change < 0; i--)
        out->shrank++;
    for (size_t i = out->grew; i < out->count - out->shrank && diff_function_valued(&out->items[i]);
         i++)
        out->same++;
    hot_free(&before);
    hot_free(&after);
}

void diff_functions_free(struct diff_functions *list)
{
    free(list->items);
    memset(list, 0, sizeof *list);
}
