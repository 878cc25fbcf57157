/* report.c - the pprof-style --top table. */
#include "flamex/report.h"

#include "flamex/hot.h"
#include "flamex/info.h"
#include "flamex/numfmt.h"
#include "flamex/textout.h"

#include <math.h>
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
    numfmt_percent(b, sizeof b, shown_flat, list.total);
    numfmt_pprof_label(c, sizeof c, list.total, unit, to);
    const char *pct = b;
    while (*pct == ' ')
        pct++;
    fprintf(out, "Showing nodes accounting for %s, %s of %s total\n", a, pct, c);
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
