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

/* The "larger of the two" columns, from the before and after self values. */
static void diff_fill_larger(struct profile *merged, double scale)
{
    struct tree *tree = merged->tree;
    uint32_t count = tree_count(tree);
    for (uint32_t n = 0; n < count; n++) {
        struct sample_value b = diff_self_value(tree, n, DIFF_BEFORE);
        struct sample_value a = diff_self_value(tree, n, DIFF_AFTER);
        struct sample_value larger = b.d >= a.d ? b : a;
        if (larger.exact ? larger.i != 0 : larger.d != 0)
            tree_add_self(tree, n, DIFF_LARGER, &larger);
        double bn = b.d * scale;
        struct sample_value norm = { 0, bn >= a.d ? bn : a.d, false };
        if (norm.d != 0)
            tree_add_self(tree, n, DIFF_LARGER_NORM, &norm);
    }
}

struct profile *diff_merge(const struct profile *before, size_t tb, const struct profile *after,
                           size_t ta, const struct profile_limits *limits,
                           struct error_record *err)
{
    size_t len = strlen(before->source) + strlen(after->source) + 8;
    char *source = xmalloc(len);
    snprintf(source, len, "%s vs %s", before->source, after->source);
    struct profile *merged = profile_new(source, before->format);
    free(source);
    if (limits)
        merged->limits = *limits;
    const char *unit = before->types[tb].unit;
    if (!unit || !unit[0] || strcmp(unit, "count") == 0)
        unit = after->types[ta].unit;
    const char *names[DIFF_NTYPES] = { "before", "after", "larger", "larger (normalised)" };
    const char *units[DIFF_NTYPES] = { unit, unit, unit, unit };
    if (!profile_set_types(merged, DIFF_NTYPES, names, units, err)) {
        profile_free(merged);
        return NULL;
    }
    merged->default_type = DIFF_AFTER;
    merged->differential = true;
    merged->gzip = before->gzip || after->gzip;
    merged->stacks = before->stacks + (before == after ? 0 : after->stacks);
    merged->input_bytes = before->input_bytes + (before == after ? 0 : after->input_bytes);
    if (!diff_copy_side(merged, before, tb, DIFF_BEFORE, true, err) ||
        !diff_copy_side(merged, after, ta, DIFF_AFTER, false, err)) {
        profile_free(merged);
        return NULL;
    }
    double tb_total = tree_total(before->tree, TREE_ROOT, tb);
    double ta_total = tree_total(after->tree, TREE_ROOT, ta);
    diff_fill_larger(merged, tb_total != 0 && ta_total != 0 ? ta_total / tb_total : 1.0);
    profile_finish(merged);
    return merged;
}

double diff_scale(const struct profile *merged)
{
    double b = tree_total(merged->tree, TREE_ROOT, DIFF_BEFORE);
    double a = tree_total(merged->tree, TREE_ROOT, DIFF_AFTER);
    return b != 0 && a != 0 ? a / b : 1.0;
}

double diff_before(const struct profile *merged, uint32_t node, bool normalise)
{
    double b = tree_total(merged->tree, node, DIFF_BEFORE);
    return normalise ? b * diff_scale(merged) : b;
}

double diff_after(const struct profile *merged, uint32_t node)
{
    return tree_total(merged->tree, node, DIFF_AFTER);
}

double diff_change(const struct profile *merged, uint32_t node, bool normalise)
{
    return diff_after(merged, node) - diff_before(merged, node, normalise);
}

bool diff_present(const struct profile *merged, uint32_t node, enum diff_type side)
{
    return node == TREE_ROOT || tree_total(merged->tree, node, (size_t)side) != 0;
}

uint32_t diff_nearest_present(const struct profile *merged, uint32_t node, enum diff_type side)
{
    while (node != TREE_ROOT && !diff_present(merged, node, side))
        node = tree_parent(merged->tree, node);
    return node;
}

/* Largest growth first, largest shrink last; ties by name bytes. */
static int diff_function_compare(const void *pa, const void *pb)
{
    const struct diff_function *a = pa, *b = pb;
    if (a->delta_pct != b->delta_pct)
        return a->delta_pct > b->delta_pct ? -1 : 1;
    size_t n = a->len < b->len ? a->len : b->len;
    int c = memcmp(a->bytes, b->bytes, n);
    if (c)
        return c;
    return a->len < b->len ? -1 : a->len > b->len;
}

void diff_functions(const struct profile *merged, uint32_t root, struct diff_functions *out)
{
    memset(out, 0, sizeof *out);
    struct hot_list before, after;
    hot_compute(merged, DIFF_BEFORE, root, HOT_BY_FLAT, &before);
    hot_compute(merged, DIFF_AFTER, root, HOT_BY_FLAT, &after);
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
    for (size_t i = 0; i < out->count; i++) {
        struct diff_function *f = &out->items[i];
        f->before_pct = before.total != 0 ? 100.0 * f->before_flat / before.total : 0;
        f->after_pct = after.total != 0 ? 100.0 * f->after_flat / after.total : 0;
        f->delta_pct = f->after_pct - f->before_pct;
        /* Shares computed from different totals differ by rounding noise
         * when nothing changed: treat that as no change. */
        if (fabs(f->delta_pct) < 1e-9)
            f->delta_pct = 0;
    }
    qsort(out->items, out->count, sizeof *out->items, diff_function_compare);
    for (size_t i = 0; i < out->count && out->items[i].delta_pct > 0; i++)
        out->grew++;
    for (size_t i = out->count; i > 0 && out->items[i - 1].delta_pct < 0; i--)
        out->shrank++;
    hot_free(&before);
    hot_free(&after);
}

void diff_functions_free(struct diff_functions *list)
{
    free(list->items);
    memset(list, 0, sizeof *list);
}
