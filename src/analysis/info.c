/* info.c - the profile's header lines, in the words of pprof's -top header.
 *
 * pprof's report.ProfileLabels prints "Type:", "Time:" and "Duration: ...,
 * Total samples = ..."; the values go through the same pprof unit formatting
 * (numfmt_pprof_*), so the lines read exactly as pprof's do.
 */
#include "flamex/analysis/info.h"

#include "flamex/base/numfmt.h"
#include "flamex/base/xalloc.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static void info_add(struct info_lines *out, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Append one printf-formatted line to out. */
static void info_add(struct info_lines *out, const char *fmt, ...)
{
    char small[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0) {
        n = 0;
        small[0] = '\0';
    }
    char *line = xmalloc((size_t)n + 1);
    if ((size_t)n < sizeof small) {
        memcpy(line, small, (size_t)n + 1);
    } else {
        va_start(ap, fmt);
        vsnprintf(line, (size_t)n + 1, fmt, ap);
        va_end(ap);
    }
    out->lines = xreallocarray(out->lines, out->count + 1, sizeof *out->lines);
    out->lines[out->count++] = line;
}

/* Append "prefix" followed by the raw string s (which may hold '%'). */
static void info_add_str(struct info_lines *out, const char *prefix, const char *s)
{
    info_add(out, "%s%s", prefix, s);
}

/* Go's time.Format(t, "Jan 2, 2006 at 3:04pm (MST)") in local time; false if
 * the time cannot be represented. */
static bool info_format_time(int64_t nanos, char *buf, size_t cap)
{
    static const char *const months[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
    int64_t secs = nanos / 1000000000;
    if (nanos % 1000000000 < 0)
        secs--; /* Go's time.Unix floors */
    time_t when = (time_t)secs;
    struct tm tm;
    if ((int64_t)when != secs || !localtime_r(&when, &tm) || tm.tm_mon < 0 || tm.tm_mon > 11)
        return false;
    int hour = tm.tm_hour % 12;
    if (hour == 0)
        hour = 12;
    long long year = (long long)tm.tm_year + 1900;
    char zone[64];
    if (tm.tm_zone && tm.tm_zone[0]) {
        snprintf(zone, sizeof zone, "%s", tm.tm_zone);
    } else {
        /* Go prints the offset as -0700 when the zone has no name */
        long off = tm.tm_gmtoff / 60;
        snprintf(zone, sizeof zone, "%c%02ld%02ld", off < 0 ? '-' : '+', labs(off) / 60,
                 labs(off) % 60);
    }
    int n = snprintf(buf, cap, "%s %d, %s%04lld at %d:%02d%s (%s)", months[tm.tm_mon],
                     tm.tm_mday, year < 0 ? "-" : "", year < 0 ? -year : year, hour, tm.tm_min,
                     tm.tm_hour >= 12 ? "pm" : "am", zone);
    return n > 0 && (size_t)n < cap;
}

/* The "Duration: ..., Total samples = ..." line, as pprof's ProfileLabels. */
static void info_add_duration(struct info_lines *out, const struct profile *profile, size_t t,
                              const char *output_unit)
{
    const char *unit = profile->types[t].unit ? profile->types[t].unit : "count";
    double total = profile->tree ? tree_total(profile->tree, TREE_ROOT, t) : 0;
    double duration = (double)profile->info.duration_nanos;
    char d[64], tot[512], pct[64];
    numfmt_pprof_label(d, sizeof d, duration, "nanoseconds", "auto");
    numfmt_pprof_label(tot, sizeof tot, total, unit, output_unit ? output_unit : "auto");
    const char *ns_unit;
    double total_ns = numfmt_pprof_scale(total, unit, "nanoseconds", &ns_unit);
    /* pprof: Percentage(int64(totalNanos), DurationNanos), only for time units */
    if (strcmp(ns_unit, "ns") == 0 && total_ns != 0) {
        numfmt_percent(pct, sizeof pct, trunc(total_ns), duration);
        info_add(out, "Duration: %s, Total samples = %s (%s)", d, tot, pct);
    } else {
        info_add(out, "Duration: %s, Total samples = %s ", d, tot);
    }
}

void info_header_lines(const struct profile *profile, size_t t, const char *output_unit,
                       struct info_lines *out)
{
    out->lines = NULL;
    out->count = 0;
    const struct profile_info *info = &profile->info;

    info_add_str(out, "File: ", profile->source ? profile->source : "-");
    info_add(out, "Format: %s%s%s", profile_format_name(profile->format),
             profile->gzip ? " (gzip)" : "", profile->differential ? ", differential" : "");
    if (info->note)
        info_add_str(out, "Note: ", info->note);
    if (info->binary && info->binary[0])
        info_add_str(out, "Binary: ", info->binary);
    if (info->build_id && info->build_id[0])
        info_add_str(out, "Build ID: ", info->build_id);
    for (size_t i = 0; i < info->ncomments; i++)
        if (info->comments[i] && info->comments[i][0] != '#')
            info_add_str(out, "", info->comments[i]);

    bool have_type = t < profile->ntypes;
    if (have_type)
        info_add_str(out, "Type: ", profile->types[t].name ? profile->types[t].name : "");
    if (profile->ntypes > 1) {
        size_t cap = 32, len = 0;
        char *s = xmalloc(cap);
        s[0] = '\0';
        for (size_t i = 0; i < profile->ntypes; i++) {
            const struct sample_type *st = &profile->types[i];
            const char *name = st->name ? st->name : "";
            const char *unit = st->unit ? st->unit : "count";
            size_t need = len + strlen(name) + strlen(unit) + 32;
            if (need > cap) {
                cap = need * 2;
                s = xreallocarray(s, cap, 1);
            }
            len += (size_t)snprintf(s + len, cap - len, "%s%s (%s)%s", i ? ", " : "", name, unit,
                                    i == profile->default_type ? " [default]" : "");
        }
        info_add_str(out, "Sample types: ", s);
        free(s);
    }
    if (info->period != 0) {
        char period[512];
        numfmt_pprof_label(period, sizeof period, (double)info->period,
                           info->period_unit ? info->period_unit : "count", "auto");
        if (info->period_type && info->period_type[0])
            info_add(out, "Period: %s %s", period, info->period_type);
        else
            info_add(out, "Period: %s", period);
    }
    if (info->time_nanos != 0) {
        char when[128];
        if (info_format_time(info->time_nanos, when, sizeof when))
            info_add_str(out, "Time: ", when);
    }
    if (info->duration_nanos != 0 && have_type)
        info_add_duration(out, profile, t, output_unit);
}

void info_lines_add(struct info_lines *lines, const char *line)
{
    info_add(lines, "%s", line);
}

void info_lines_free(struct info_lines *lines)
{
    for (size_t i = 0; i < lines->count; i++)
        free(lines->lines[i]);
    free(lines->lines);
    lines->lines = NULL;
    lines->count = 0;
}
