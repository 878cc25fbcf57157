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

/* Remove the leading spaces of the string at s. */
static void report_diff_trim(char *s)
{
    size_t skip = strspn(s, " ");
    if (skip)
        memmove(s, s + skip, strlen(s + skip) + 1);
}

/* A share as numfmt_percent prints it, without its leading padding. */
static void report_diff_share(char *buf, size_t cap, double value, double total)
{
    numfmt_percent(buf, cap, value, total);
    report_diff_trim(buf);
}

/* A change in percentage points with its sign ("+12.13%", "-0.5%", "0%"). */
static void report_diff_signed_pct(char *buf, size_t cap, double pct)
{
    if (pct == 0) {
        snprintf(buf, cap, "0%%");
        return;
    }
    buf[0] = pct > 0 ? '+' : '-';
    report_diff_share(buf + 1, cap - 1, pct, 100);
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

/* One row of before%, after%, delta%, before, after, delta; the caller
 * writes the name. */
static void report_diff_row(FILE *out, double before_pct, double after_pct, double before,
                            double after, const char *unit)
{
    char bp[32], ap[32], dp[32], b[64], a[64], d[64];
    report_diff_share(bp, sizeof bp, before_pct, 100);
    report_diff_share(ap, sizeof ap, after_pct, 100);
    report_diff_signed_pct(dp, sizeof dp, after_pct - before_pct);
    report_diff_value(b, sizeof b, before, unit, false);
    report_diff_value(a, sizeof a, after, unit, false);
    report_diff_value(d, sizeof d, after - before, unit, true);
    fprintf(out, "%8s %8s %8s %10s %10s %10s  ", bp, ap, dp, b, a, d);
}

static void report_diff_row_header(FILE *out, const char *what)
{
    fprintf(out, "%8s %8s %8s %10s %10s %10s  %s\n", "before%", "after%", "delta%", "before",
            "after", "delta", what);
}

/* The growth (shrink when shrink is set) list of a diff_functions result. */
static void report_diff_changes(FILE *out, const struct diff_functions *fl, bool shrink,
                                double scale, const char *unit, size_t limit)
{
    size_t n = shrink ? fl->shrank : fl->grew;
    fprintf(out, "\nLargest %s (self value, %% of each side's total): ",
            shrink ? "shrink" : "growth");
    if (n == 0) {
        fputs("none\n", out);
        return;
    }
    fprintf(out, "%zu function%s %s\n", n, n == 1 ? "" : "s", shrink ? "shrank" : "grew");
    size_t shown = report_diff_shown(out, n, limit);
    report_diff_row_header(out, "name");
    for (size_t i = 0; i < shown; i++) {
        const struct diff_function *f = &fl->items[shrink ? fl->count - 1 - i : i];
        report_diff_row(out, f->before_pct, f->after_pct, f->before_flat * scale, f->after_flat,
                        unit);
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
static void report_diff_only_list(FILE *out, const struct diff_functions *fl, bool vanished,
                                  double scale, const char *unit, size_t limit)
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
    double k = vanished ? scale : 1;
    for (size_t i = 0; i < shown; i++) {
        const struct diff_function *f = rows[i].f;
        char sp[32], tp[32], s[64], t[64];
        double flat = vanished ? f->before_flat : f->after_flat;
        report_diff_share(sp, sizeof sp, flat, total);
        report_diff_share(tp, sizeof tp, rows[i].cum, total);
        report_diff_value(s, sizeof s, flat * k, unit, false);
        report_diff_value(t, sizeof t, rows[i].cum * k, unit, false);
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
static bool report_diff_in_one_child(const struct tree *tree, uint32_t node, double before,
                                     double after)
{
    size_t nk;
    const uint32_t *kids = tree_children(tree, node, TREE_ORDER_ALPHA, &nk);
    for (size_t i = 0; i < nk; i++)
        if (tree_total(tree, kids[i], DIFF_BEFORE) == before &&
            tree_total(tree, kids[i], DIFF_AFTER) == after)
            return true;
    return false;
}

/* The call paths whose total changed most: by change of share when
 * normalised, by absolute change otherwise; a frame whose values are all in
 * one child is left to that child. */
static void report_diff_paths(FILE *out, const struct profile *merged, double scale,
                              bool normalise, const char *unit, size_t limit)
{
    const struct tree *tree = merged->tree;
    uint32_t count = tree_count(tree);
    double before_total = tree_total(tree, TREE_ROOT, DIFF_BEFORE);
    double after_total = tree_total(tree, TREE_ROOT, DIFF_AFTER);
    /* Keep the rows to show: all of them, sorted at the end (limit 0), or the
     * best limit by insertion into a sorted array (most nodes fail the first
     * comparison). */
    size_t cap = limit && limit < count ? limit : (size_t)count;
    struct report_diff_path *rows = xmalloc((cap + 1) * sizeof *rows);
    size_t n = 0, kept = 0;
    for (uint32_t node = 1; node < count; node++) {
        double b = tree_total(tree, node, DIFF_BEFORE);
        double a = tree_total(tree, node, DIFF_AFTER);
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
        if (key == 0 || report_diff_in_one_child(tree, node, b, a))
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
    report_diff_row_header(out, "path");
    for (size_t i = 0; i < kept; i++) {
        uint32_t node = rows[i].node;
        double b = tree_total(tree, node, DIFF_BEFORE);
        double a = tree_total(tree, node, DIFF_AFTER);
        report_diff_row(out, before_total != 0 ? 100 * b / before_total : 0,
                        after_total != 0 ? 100 * a / after_total : 0, b * scale, a, unit);
        report_diff_write_path(out, merged, node);
        if (!diff_present(merged, node, DIFF_BEFORE))
            fputs("  (new)", out);
        else if (!diff_present(merged, node, DIFF_AFTER))
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

bool report_diff(FILE *out, const struct profile *merged, const struct report_diff_options *opts)
{
    const char *unit = merged->types[DIFF_AFTER].unit;
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
    if (opts->type_name) {
        fputs("Sample type: ", out);
        textout_write_name(out, opts->type_name, strlen(opts->type_name), true);
        fputs(" (", out);
        textout_write_name(out, unit, strlen(unit), true);
        fputs(")\n", out);
    } else {
        fputs("Unit: ", out);
        textout_write_name(out, unit, strlen(unit), true);
        fputc('\n', out);
    }

    double before_total = tree_total(merged->tree, TREE_ROOT, DIFF_BEFORE);
    double after_total = tree_total(merged->tree, TREE_ROOT, DIFF_AFTER);
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
    double scale = opts->normalise ? diff_scale(merged) : 1;
    if (opts->normalise)
        fprintf(out, "Normalised: BEFORE's values scaled by %.6g (AFTER's total / BEFORE's)\n",
                scale);
    else
        fputs("Not normalised: BEFORE's values as measured\n", out);

    struct diff_functions fl;
    diff_functions(merged, TREE_ROOT, &fl);
    report_diff_changes(out, &fl, false, scale, unit, opts->limit);
    report_diff_changes(out, &fl, true, scale, unit, opts->limit);
    report_diff_only_list(out, &fl, false, scale, unit, opts->limit);
    report_diff_only_list(out, &fl, true, scale, unit, opts->limit);
    diff_functions_free(&fl);
    report_diff_paths(out, merged, scale, opts->normalise, unit, opts->path_limit);
    return fflush(out) == 0 && !ferror(out);
}
