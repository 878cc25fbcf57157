/* report.c - the pprof-style --top table and the --report summary. */
#include "flamex/output/report.h"

#include "flamex/analysis/hot.h"
#include "flamex/analysis/info.h"
#include "flamex/base/numfmt.h"
#include "flamex/analysis/shapes.h"
#include "flamex/output/textout.h"
#include "flamex/base/xalloc.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* The one unit of the table, chosen as pprof's selectOutputUnit does from the
 * smallest non-zero row value (flat, else cum) and the total. */
static const char *report_output_unit(const struct hot_list *list, size_t shown, const char *unit)
{
    double min = 0;
    for (size_t i = 0; i < shown; i++) {
        double v = fabs(list->entries[i].flat);
        if (v == 0)
            v = fabs(list->entries[i].cum);
        if (v > 0 && (min == 0 || v < min))
            min = v;
    }
    return numfmt_pprof_output_unit(min, fabs(list->total), unit);
}

bool report_top(FILE *out, const struct profile *profile, const struct report_top_options *opts)
{
    size_t t = opts->type;
    const char *unit = profile->types[t].unit;
    struct hot_list list;
    hot_compute(profile, t, TREE_ROOT, HOT_BY_FLAT, &list);
    hot_mark_inline(profile, t, &list);

    /* pprof's -nodefraction: functions whose cum is below the cutoff go first,
     * then the row limit applies to what is left. */
    double cutoff = fabs(trunc(list.total * opts->node_fraction));
    size_t dropped = 0;
    if (cutoff > 0) {
        size_t kept = 0;
        for (size_t i = 0; i < list.count; i++)
            if (fabs(list.entries[i].cum) >= cutoff)
                list.entries[kept++] = list.entries[i];
        dropped = list.count - kept;
        list.count = kept;
    }
    size_t shown = opts->limit && opts->limit < list.count ? opts->limit : list.count;
    double shown_flat = 0;
    for (size_t i = 0; i < shown; i++)
        shown_flat += list.entries[i].flat;
    const char *to = report_output_unit(&list, shown, unit);

    struct info_lines header;
    info_header_lines(profile, t, to, &header);
    for (size_t i = 0; i < header.count; i++) {
        textout_write_name(out, header.lines[i], strlen(header.lines[i]), true);
        fputc('\n', out);
    }
    info_lines_free(&header);

    char a[64], b[64], c[64];
    numfmt_pprof_label(a, sizeof a, shown_flat, unit, to);
    numfmt_share(b, sizeof b, shown_flat, list.total);
    numfmt_pprof_label(c, sizeof c, list.total, unit, to);
    fprintf(out, "Showing nodes accounting for %s, %s of %s total\n", a, b, c);
    if (dropped) {
        numfmt_pprof_label(a, sizeof a, cutoff, unit, to);
        fprintf(out, "Dropped %zu node%s (cum <= %s)\n", dropped, dropped == 1 ? "" : "s", a);
    }
    if (shown < list.count)
        fprintf(out, "Showing top %zu nodes out of %zu\n", shown, list.count);
    fprintf(out, "%10s %6s %6s %10s %6s\n", "flat", "flat%", "sum%", "cum", "cum%");

    double sum = 0;
    for (size_t i = 0; i < shown; i++) {
        const struct hot_entry *e = &list.entries[i];
        char flat[64], flat_pct[32], sum_pct[32], cum[64], cum_pct[32];
        sum += e->flat;
        numfmt_pprof_label(flat, sizeof flat, e->flat, unit, to);
        numfmt_percent(flat_pct, sizeof flat_pct, e->flat, list.total);
        numfmt_percent(sum_pct, sizeof sum_pct, sum, list.total);
        numfmt_pprof_label(cum, sizeof cum, e->cum, unit, to);
        numfmt_percent(cum_pct, sizeof cum_pct, e->cum, list.total);
        fprintf(out, "%10s %s %s %10s %s  ", flat, flat_pct, sum_pct, cum, cum_pct);
        textout_write_name(out, e->bytes, e->len, true);
        if (e->inline_label[0])
            fprintf(out, " %s", e->inline_label);
        fputc('\n', out);
    }
    hot_free(&list);
    return fflush(out) == 0 && !ferror(out);
}

/* The stack from the root down to node as folded frames, "a;b;c", each name
 * sanitised (a ';' inside a name is printed as it is). */
static void report_write_stack(FILE *out, const struct profile *profile, uint32_t node)
{
    const struct tree *tree = profile->tree;
    uint32_t depth = tree_depth(tree, node);
    uint32_t *path = xmalloc(((size_t)depth + 1) * sizeof *path);
    size_t n = 0;
    for (uint32_t at = node; at != TREE_NONE && tree_name(tree, at) != STRTAB_NONE;
         at = tree_parent(tree, at))
        path[n++] = at;
    while (n > 0) {
        size_t len;
        const char *name = profile_node_name(profile, path[--n], &len);
        textout_write_name(out, name, len, true);
        if (n > 0)
            fputc(';', out);
    }
    free(path);
}

/* One row of a shapes list: the numbers, the frame's name, then its stack
 * on a line of its own under the name. */
static void report_write_shape(FILE *out, const struct profile *profile, const char *numbers,
                               uint32_t node)
{
    size_t len;
    const char *name = profile_node_name(profile, node, &len);
    fprintf(out, "%s  ", numbers);
    textout_write_name(out, name, len, true);
    fprintf(out, "\n%*s  stack: ", (int)strlen(numbers), "");
    report_write_stack(out, profile, node);
    fputc('\n', out);
}

/* "Showing top N of M" when the list is cut; returns the rows to print. */
static size_t report_shown(FILE *out, size_t count, size_t limit)
{
    if (limit && limit < count) {
        fprintf(out, "Showing top %zu of %zu\n", limit, count);
        return limit;
    }
    return count;
}

bool report_full(FILE *out, const struct profile *profile, const struct report_full_options *opts)
{
    struct report_top_options top = { .type = opts->type,
                                      .limit = opts->limit,
                                      .node_fraction = opts->node_fraction };
    if (!report_top(out, profile, &top))
        return false;

    struct shapes sh;
    shapes_find(profile, opts->type, TREE_ROOT, &opts->shapes, &sh);
    char pct[32], total_pct[32], numbers[96];

    fprintf(out, "\nPlateaus (self >= %g%% of the total): ", opts->shapes.plateau_self_share * 100);
    if (sh.nplateaus == 0) {
        fputs("none\n", out);
    } else {
        fprintf(out, "%zu\n", sh.nplateaus);
        size_t shown = report_shown(out, sh.nplateaus, opts->limit);
        fprintf(out, "%6s %7s  %s\n", "self%", "total%", "name");
        for (size_t i = 0; i < shown; i++) {
            const struct shape *p = &sh.plateaus[i];
            numfmt_percent(pct, sizeof pct, p->self, sh.view_total);
            numfmt_percent(total_pct, sizeof total_pct, p->total, sh.view_total);
            snprintf(numbers, sizeof numbers, "%6s %7s", pct, total_pct);
            report_write_shape(out, profile, numbers, p->node);
        }
    }

    fprintf(out, "\nTowers (>= %u frames above a base frame with total <= %g%% of the total): ",
            opts->shapes.tower_min_depth, opts->shapes.tower_max_share * 100);
    if (sh.ntowers == 0) {
        fputs("none\n", out);
    } else {
        fprintf(out, "%zu\n", sh.ntowers);
        size_t shown = report_shown(out, sh.ntowers, opts->limit);
        fprintf(out, "%6s %7s  %s\n", "height", "total%", "base frame");
        for (size_t i = 0; i < shown; i++) {
            const struct shape *w = &sh.towers[i];
            numfmt_percent(total_pct, sizeof total_pct, w->total, sh.view_total);
            snprintf(numbers, sizeof numbers, "%6u %7s", w->height, total_pct);
            report_write_shape(out, profile, numbers, w->node);
        }
    }
    shapes_free(&sh);
    return fflush(out) == 0 && !ferror(out);
}
