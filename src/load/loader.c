/* loader.c - what every loader shares: skipped lines, --strict, error stamps. */
#include "flamex/load/loader.h"

#include <stdarg.h>
#include <stdio.h>

bool loader_skip(struct loader_run *run, uint64_t line, const char *reason)
{
    if (run->opts && run->opts->strict)
        return loader_fail(run, error_mark_line(line), "%s", reason);
    struct load_report *report = run->report;
    if (report->ignored++ == 0) {
        report->first_ignored_line = line;
        snprintf(report->first_ignored_reason, sizeof report->first_ignored_reason, "%s", reason);
    }
    return true;
}

bool loader_fail(struct loader_run *run, struct error_mark mark, const char *fmt, ...)
{
    char message[sizeof run->err->message];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(message, sizeof message, fmt, ap);
    va_end(ap);
    error_stamp(run->err, run->path, mark, "%s", message);
    return false;
}

bool loader_fail_at(struct loader_run *run, struct error_mark mark)
{
    error_restamp(run->err, run->path, mark);
    return false;
}

size_t loader_describe_ignored(const struct load_report *report, bool nested, char *buf,
                               size_t cap)
{
    if (cap)
        buf[0] = '\0';
    if (!report->ignored)
        return 0;
    int n = snprintf(buf, cap, nested ? "%llu line%s ignored, first at line %llu: %s"
                                      : "%llu line%s ignored (first at line %llu: %s)",
                     (unsigned long long)report->ignored, report->ignored == 1 ? "" : "s",
                     (unsigned long long)report->first_ignored_line,
                     report->first_ignored_reason);
    return n < 0 ? 0 : (size_t)n;
}

bool loader_fail_empty(struct loader_run *run, const char *what, const char *empty_what)
{
    char ignored[sizeof run->report->first_ignored_reason + 100];
    if (loader_describe_ignored(run->report, true, ignored, sizeof ignored))
        return loader_fail(run, error_mark_none(), "%s (%s)", what, ignored);
    return loader_fail(run, error_mark_none(), "%s", empty_what);
}
