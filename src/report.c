/* report.c - the pprof-style --top table. */
#include "flamex/report.h"

#include "flamex/hot.h"
#include "flamex/numfmt.h"
#include "flamex/textout.h"

#include <string.h>

bool report_top(FILE *out, const struct profile *profile, const struct report_top_options *opts)
{
    size_t t = opts->type;
    const char *unit = profile->types[t].unit;
    struct hot_list list;
    hot_compute(profile, t, TREE_ROOT, HOT_BY_FLAT, &list);

    size_t shown = opts->limit && opts->limit < list.count ? opts->limit : list.count;
    double shown_flat = 0;
    for (size_t i = 0; i < shown; i++)
        shown_flat += list.entries[i].flat;

    char a[64], b[64], c[64];
    fputs("File: ", out);
    textout_write_name(out, profile->source, strlen(profile->source), true);
    fprintf(out, "\nFormat: %s%s%s\n", profile_format_name(profile->format),
            profile->gzip ? " (gzip)" : "", profile->differential ? ", differential" : "");
    fprintf(out, "Type: %s\n", profile->types[t].name);
    numfmt_unit(a, sizeof a, shown_flat, unit);
    numfmt_percent(b, sizeof b, shown_flat, list.total);
    numfmt_unit(c, sizeof c, list.total, unit);
    const char *pct = b;
    while (*pct == ' ')
        pct++;
    fprintf(out, "Showing nodes accounting for %s, %s of %s total\n", a, pct, c);
    if (shown < list.count)
        fprintf(out, "Showing top %zu nodes out of %zu\n", shown, list.count);
    fprintf(out, "%10s %6s %6s %10s %6s\n", "flat", "flat%", "sum%", "cum", "cum%");

    double sum = 0;
    for (size_t i = 0; i < shown; i++) {
        const struct hot_entry *e = &list.entries[i];
        char flat[64], flat_pct[32], sum_pct[32], cum[64], cum_pct[32];
        sum += e->flat;
        numfmt_unit(flat, sizeof flat, e->flat, unit);
        numfmt_percent(flat_pct, sizeof flat_pct, e->flat, list.total);
        numfmt_percent(sum_pct, sizeof sum_pct, sum, list.total);
        numfmt_unit(cum, sizeof cum, e->cum, unit);
        numfmt_percent(cum_pct, sizeof cum_pct, e->cum, list.total);
        fprintf(out, "%10s %s %s %10s %s  ", flat, flat_pct, sum_pct, cum, cum_pct);
        textout_write_name(out, e->bytes, e->len, true);
        fputc('\n', out);
    }
    hot_free(&list);
    return fflush(out) == 0 && !ferror(out);
}
