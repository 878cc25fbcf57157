/* report_diff.c - the text report of a comparison of two profiles. */
#include "flamex/output/report_diff.h"

#include "flamex/analysis/diff.h"
#include "flamex/base/numfmt.h"
#include "flamex/output/textout.h"
#include "flamex/base/xalloc.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Paths deeper than this are shown as their first frame, "...", and their
 * last REPORT_DIFF_PATH_TAIL frames. */
#define REPORT_DIFF_PATH_FULL 4
#define REPORT_DIFF_PATH_TAIL 2

struct report_diff_options report_diff_default_options(void)
{
    return (struct report_diff_options){ .limit = 20, .path_limit = 10, .normalise = true };
}

/* A change in percentage points with its sign ("+12.13%", "-0.5%", "0%"). */
static void report_diff_signed_pct(char *buf, size_t cap, double pct)
{
    if (pct == 0) {
        snprintf(buf, cap, "0%%");
        return;
    }
    buf[0] = pct > 0 ? '+' : '-';
    numfmt_share(buf + 1, cap - 1, pct, 100);
}

/* A value in the unit; with sign set, positive values get a '+'. */
static void report_diff_value(char *buf, size_t cap, double v, const char *unit, bool sign)
{
    size_t at = 0;
    if (sign && v > 0)
        buf[at++] = '+';
    numfmt_unit(buf + at, cap - at, v, unit);
    if (at && strcmp(buf + at, "0") == 0) /* too small to show: no sign */
        memmove(buf, buf + at, 2);
}

/* "Showing top N of M" when a list is cut; returns the rows to print. */
static size_t report_diff_shown(FILE *out, size_t count, size_t limit)
{
    if (limit && limit < count) {
        fprintf(out, "Showing top %zu of %zu\n", limit, count);
        return limit;
    }
    return count;
}

/* How the rows are computed: the pair's columns, the unit, and whether
 * normalised (the norm.chg column, BEFORE scaled by scale). */
struct report_diff_ctx {
    const struct profile *merged;
    size_t pair;
    const char *unit;
    bool normalise;
    double scale;
};

/* One row of before%, after%, delta%, before, after, change (as measured)
 * and, normalised, norm.chg (after - before x scale); the caller writes the
 * name. */
static void report_diff_row(FILE *out, const struct report_diff_ctx *cx, double before_pct,
                            double after_pct, double before, double after)
{
    char bp[32], ap[32], dp[32], b[64], a[64], d[64];
    numfmt_share(bp, sizeof bp, before_pct, 100);
    numfmt_share(ap, sizeof ap, after_pct, 100);
    report_diff_signed_pct(dp, sizeof dp, after_pct - before_pct);
    report_diff_value(b, sizeof b, before, cx->unit, false);
    report_diff_value(a, sizeof a, after, cx->unit, false);
    report_diff_value(d, sizeof d, after - before, cx->unit, true);
    fprintf(out, "%8s %8s %8s %10s %10s %10s  ", bp, ap, dp, b, a, d);
    if (cx->normalise) {
        report_diff_value(d, sizeof d, after - before * cx->scale, cx->unit, true);
        fprintf(out, "%10s  ", d);
    }
}

static void report_diff_row_header(FILE *out, const struct report_diff_ctx *cx, const char *what)
{
    fprintf(out, "%8s %8s %8s %10s %10s %10s  ", "before%", "after%", "delta%", "before",
            "after", "change");
    if (cx->normalise)
        fprintf(out, "%10s  ", "norm.chg");
    fprintf(out, "%s\n", what);
}

/* The growth (shrink when shrink is set) list of a diff_functions result. */
static void report_diff_changes(FILE *out, const struct report_diff_ctx *cx,
                                const struct diff_functions *fl, bool shrink, size_t limit)
{
    size_t n = shrink ? fl->shrank : fl->grew;
    fprintf(out, "\nLargest %s (self value, by change of %s): ", shrink ? "shrink" : "growth",
            fl->rank.normalise ? "share" : "value");
    if (n == 0) {
        fputs("none\n", out);
        return;
    }
    fprintf(out, "%zu function%s %s\n", n, n == 1 ? "" : "s",
            fl->rank.normalise ? shrink ? "lost share" : "gained share"
            : shrink             ? "shrank"
                                 : "grew");
    size_t shown = report_diff_shown(out, n, limit);
    report_diff_row_header(out, cx, "name");
    for (size_t i = 0; i < shown; i++) {
        const struct diff_function *f = &fl->items[shrink ? fl->count - 1 - i : i];
        report_diff_row(out, cx, f->before_pct, f->after_pct, f->before, f->after);
        textout_write_name(out, f->bytes, f->len, true);
        fputc('\n', out);
    }
}

/* Sort key of the new and vanished lists: the present side's total. */
struct report_diff_only {
    const struct diff_function *f;
    double cum;
};

static int report_diff_only_compare(const void *pa, const void *pb)
{
    const struct report_diff_only *a = pa, *b = pb;
    if (a->cum != b->cum)
        return a->cum > b->cum ? -1 : 1;
    size_t n = a->f->len < b->f->len ? a->f->len : b->f->len;
    int c = memcmp(a->f->bytes, b->f->bytes, n);
    if (c)
        return c;
    return a->f->len < b->f->len ? -1 : a->f->len > b->f->len;
}

/* Functions present on one side only: in AFTER only (vanished false) or in
 * BEFORE only, largest total first, with their self and total there. */
static void report_diff_only_list(FILE *out, const struct report_diff_ctx *cx,
                                  const struct diff_functions *fl, bool vanished, size_t limit)
{
    struct report_diff_only *rows = xcalloc(fl->count + 1, sizeof *rows);
    size_t n = 0;
    for (size_t i = 0; i < fl->count; i++) {
        const struct diff_function *f = &fl->items[i];
        bool in_before = f->before_flat != 0 || f->before_cum != 0;
        bool in_after = f->after_flat != 0 || f->after_cum != 0;
        if (vanished ? in_before && !in_after : in_after && !in_before) {
            rows[n].f = f;
            rows[n].cum = vanished ? f->before_cum : f->after_cum;
            n++;
        }
    }
    qsort(rows, n, sizeof *rows, report_diff_only_compare);
    fprintf(out, "\n%s functions (only in %s): ", vanished ? "Vanished" : "New",
            vanished ? "BEFORE" : "AFTER");
    if (n == 0) {
        fputs("none\n", out);
        free(rows);
        return;
    }
    fprintf(out, "%zu\n", n);
    size_t shown = report_diff_shown(out, n, limit);
    fprintf(out, "%8s %8s %10s %10s  %s\n", "self%", "total%", "self", "total", "name");
    double total = vanished ? fl->before_total : fl->after_total;
    for (size_t i = 0; i < shown; i++) {
        const struct diff_function *f = rows[i].f;
        char sp[32], tp[32], s[64], t[64];
        double flat = vanished ? f->before_flat : f->after_flat;
        numfmt_share(sp, sizeof sp, flat, total);
        numfmt_share(tp, sizeof tp, rows[i].cum, total);
        report_diff_value(s, sizeof s, flat, cx->unit, false);
        report_diff_value(t, sizeof t, rows[i].cum, cx->unit, false);
        fprintf(out, "%8s %8s %10s %10s  ", sp, tp, s, t);
        textout_write_name(out, f->bytes, f->len, true);
        fputc('\n', out);
    }
    free(rows);
}

/* A node of the call-path table and how much its total changed. */
struct report_diff_path {
    uint32_t node;
    uint32_t depth;
    double key; /* |change| used for ranking */
};

static int report_diff_path_compare(const void *pa, const void *pb)
{
    const struct report_diff_path *a = pa, *b = pb;
    if (a->key != b->key)
        return a->key > b->key ? -1 : 1;
    if (a->depth != b->depth)
        return a->depth < b->depth ? -1 : 1;
    return a->node < b->node ? -1 : a->node > b->node;
}

/* The call path of node from the root, shortened to its first frame and its
 * last REPORT_DIFF_PATH_TAIL frames when deeper than REPORT_DIFF_PATH_FULL. */
static void report_diff_write_path(FILE *out, const struct profile *merged, uint32_t node)
{
    const struct tree *tree = merged->tree;
    uint32_t depth = tree_depth(tree, node);
    uint32_t *path = xmalloc(((size_t)depth + 1) * sizeof *path);
    size_t n = 0;
    for (uint32_t at = node; at != TREE_ROOT && at != TREE_NONE; at = tree_parent(tree, at))
        path[n++] = at; /* leaf first */
    for (size_t i = 0; i < n; i++) { /* i counts from the root */
        if (n > REPORT_DIFF_PATH_FULL && i == 1) {
            fputs(";...", out);
            i = n - REPORT_DIFF_PATH_TAIL - 1; /* the loop goes on with the tail */
            continue;
        }
        size_t len;
        const char *name = profile_node_name(merged, path[n - 1 - i], &len);
        if (i > 0)
            fputc(';', out);
        textout_write_name(out, name, len, true);
    }
    free(path);
}

/* Does one child of node hold all of node's before and after totals? Then
 * the child's row says all that node's would (its path includes node), and a
 * chain of such frames is shown once, as its deepest frame. */
static bool report_diff_in_one_child(const struct report_diff_ctx *cx, uint32_t node,
                                     double before, double after)
{
    size_t nk;
    const uint32_t *kids = tree_children(cx->merged->tree, node, TREE_ORDER_ALPHA, &nk);
    for (size_t i = 0; i < nk; i++)
        if (diff_before(cx->merged, cx->pair, kids[i], false) == before &&
            diff_after(cx->merged, cx->pair, kids[i]) == after)
            return true;
    return false;
}

/* The call paths whose total changed most: by change of share when
 * normalised, by absolute change otherwise; a frame whose values are all in
 * one child is left to that child. */
static void report_diff_paths(FILE *out, const struct report_diff_ctx *cx, size_t limit)
{
    const struct profile *merged = cx->merged;
    const struct tree *tree = merged->tree;
    bool normalise = cx->normalise;
    uint32_t count = tree_count(tree);
    double before_total = diff_before(merged, cx->pair, TREE_ROOT, false);
    double after_total = diff_after(merged, cx->pair, TREE_ROOT);
    /* Keep the rows to show: all of them, sorted at the end (limit 0), or the
     * best limit by insertion into a sorted array (most nodes fail the first
     * comparison). */
    size_t cap = limit && limit < count ? limit : (size_t)count;
    struct report_diff_path *rows = xmalloc((cap + 1) * sizeof *rows);
    size_t n = 0, kept = 0;
    for (uint32_t node = 1; node < count; node++) {
        double b = diff_before(merged, cx->pair, node, false);
        double a = diff_after(merged, cx->pair, node);
        double key;
        if (normalise) {
            double bs = before_total != 0 ? b / before_total : 0;
            double as = after_total != 0 ? a / after_total : 0;
            key = fabs(as - bs);
            if (key < 1e-12) /* rounding noise of equal shares */
                key = 0;
        } else {
            key = fabs(a - b);
        }
        if (key == 0 || report_diff_in_one_child(cx, node, b, a))
            continue;
        n++;
        struct report_diff_path row = { node, tree_depth(tree, node), key };
        if (!limit) {
            rows[kept++] = row; /* sorted below */
            continue;
        }
        if (kept == cap && report_diff_path_compare(&row, &rows[kept - 1]) >= 0)
            continue;
        size_t at = kept < cap ? kept++ : kept - 1;
        while (at > 0 && report_diff_path_compare(&row, &rows[at - 1]) < 0) {
            rows[at] = rows[at - 1];
            at--;
        }
        rows[at] = row;
    }
    if (!limit)
        qsort(rows, kept, sizeof *rows, report_diff_path_compare);
    fprintf(out, "\nLargest changes of total (call paths, %% of each side's total, %s): ",
            normalise ? "by change of share" : "by absolute change");
    if (n == 0) {
        fputs("none\n", out);
        free(rows);
        return;
    }
    fprintf(out, "%zu changed\n", n);
    report_diff_shown(out, n, limit);
    report_diff_row_header(out, cx, "path");
    for (size_t i = 0; i < kept; i++) {
        uint32_t node = rows[i].node;
        double b = diff_before(merged, cx->pair, node, false);
        double a = diff_after(merged, cx->pair, node);
        report_diff_row(out, cx, before_total != 0 ? 100 * b / before_total : 0,
                        after_total != 0 ? 100 * a / after_total : 0, b, a);
        report_diff_write_path(out, merged, node);
        if (!diff_present(merged, node, diff_type_of(cx->pair, DIFF_BEFORE)))
            fputs("  (new)", out);
        else if (!diff_present(merged, node, diff_type_of(cx->pair, DIFF_AFTER)))
            fputs("  (vanished)", out);
        fputc('\n', out);
    }
    free(rows);
}

/* "NAME: PATH (FORMAT)" for one side of the header. */
static void report_diff_side(FILE *out, const char *label, const char *path, const char *format)
{
    fprintf(out, "%s ", label);
    textout_write_name(out, path, strlen(path), true);
    fprintf(out, " (%s)\n", format);
}

/* "Sample type: NAME (UNIT)", or both names when the pair's differ. */
static void report_diff_types(FILE *out, const struct profile *merged, size_t pair,
                              const char *unit)
{
    const char *b = merged->types[diff_type_of(pair, DIFF_BEFORE)].name;
    const char *a = merged->types[diff_type_of(pair, DIFF_AFTER)].name;
    if (strcmp(a, b) == 0) {
        fputs("Sample type: ", out);
        textout_write_name(out, a, strlen(a), true);
    } else {
        fputs("Sample types: BEFORE ", out);
        textout_write_name(out, b, strlen(b), true);
        fputs(", AFTER ", out);
        textout_write_name(out, a, strlen(a), true);
    }
    fputs(" (", out);
    textout_write_name(out, unit, strlen(unit), true);
    fputs(")\n", out);
}

bool report_diff(FILE *out, const struct profile *merged, const struct report_diff_options *opts)
{
    size_t pair = opts->pair < diff_npairs(merged) ? opts->pair : 0;
    const char *unit = merged->types[diff_type_of(pair, DIFF_AFTER)].unit;
    const char *format = profile_format_name(merged->format);
    if (opts->before_path && opts->after_path) {
        fputs("Comparing two profiles\n", out);
        report_diff_side(out, "BEFORE:", opts->before_path,
                         opts->before_format ? opts->before_format : format);
        report_diff_side(out, "AFTER: ", opts->after_path,
                         opts->after_format ? opts->after_format : format);
    } else {
        fputs("Comparing ", out);
        textout_write_name(out, merged->source, strlen(merged->source), true);
        fprintf(out, " (%s)\n", format);
    }
    if (opts->type_names) {
        report_diff_types(out, merged, pair, unit);
    } else {
        fputs("Unit: ", out);
        textout_write_name(out, unit, strlen(unit), true);
        fputc('\n', out);
    }

    double before_total = diff_before(merged, pair, TREE_ROOT, false);
    double after_total = diff_after(merged, pair, TREE_ROOT);
    char b[64], a[64], d[64], p[64];
    report_diff_value(b, sizeof b, before_total, unit, false);
    report_diff_value(a, sizeof a, after_total, unit, false);
    report_diff_value(d, sizeof d, after_total - before_total, unit, true);
    fprintf(out, "Total: BEFORE %s, AFTER %s, change %s", b, a, d);
    if (before_total != 0) {
        report_diff_signed_pct(p, sizeof p, 100 * (after_total - before_total) / before_total);
        fprintf(out, " (%s)", p);
    }
    fputc('\n', out);
    struct report_diff_ctx cx = { merged, pair, unit, opts->normalise, diff_scale(merged, pair) };
    if (opts->normalise) {
        fprintf(out,
                "Normalised: ranked by change of share (delta%%); before, after and change are "
                "as measured;\n"
                "  norm.chg = after - before x %.6g (AFTER's total / BEFORE's)\n",
                cx.scale);
    } else {
        fputs("Not normalised: ranked by change of value; all values as measured\n", out);
    }

    struct diff_functions fl;
    struct diff_rank rank = { pair, TREE_ROOT, HOT_BY_FLAT, opts->normalise };
    diff_functions(merged, &rank, &fl);
    report_diff_changes(out, &cx, &fl, false, opts->limit);
    report_diff_changes(out, &cx, &fl, true, opts->limit);
    report_diff_only_list(out, &cx, &fl, false, opts->limit);
    report_diff_only_list(out, &cx, &fl, true, opts->limit);
    diff_functions_free(&fl);
    report_diff_paths(out, &cx, opts->path_limit);
    return fflush(out) == 0 && !ferror(out);
}
