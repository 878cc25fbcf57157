/* load.c - format selection and the common path from a file to a finished profile. */
#include "flamex/load/load.h"

#include "flamex/load/load_folded.h"
#include "flamex/load/load_perf.h"
#include "flamex/load/load_pprof.h"

#include <stdio.h>
#include <string.h>

void load_report_ignore(struct load_report *report, uint64_t line, const char *reason)
{
    if (report->ignored++ == 0) {
        report->first_ignored_line = line;
        snprintf(report->first_ignored_reason, sizeof report->first_ignored_reason, "%s", reason);
    }
}

bool load_parse_format(const char *name, enum load_format *out)
{
    if (strcmp(name, "auto") == 0)
        *out = LOAD_FORMAT_AUTO;
    else if (strcmp(name, "folded") == 0)
        *out = LOAD_FORMAT_FOLDED;
    else if (strcmp(name, "pprof") == 0)
        *out = LOAD_FORMAT_PPROF;
    else if (strcmp(name, "perf") == 0)
        *out = LOAD_FORMAT_PERF;
    else
        return false;
    return true;
}

/* Decide the format from the first bytes (after decompression): a pprof
 * protobuf, else the first line that is a perf script event header or a
 * folded stack among the first lines (blank and '#' lines are skipped by both
 * formats). Fails with "cannot recognise FILE: ..." saying why each format
 * was ruled out. */
static bool load_detect(struct input *in, enum load_format *format, struct error_record *err)
{
    const size_t window = 64 * 1024;
    const char *data;
    size_t len;
    if (!input_peek(in, window, &data, &len, err))
        return false;
    *format = LOAD_FORMAT_FOLDED;
    if (len == 0)
        return true; /* the folded loader says "no stacks found" */
    char pprof_why[160];
    if (load_pprof_sniff((const uint8_t *)data, len, len >= window, pprof_why, sizeof pprof_why)) {
        *format = LOAD_FORMAT_PPROF;
        return true;
    }

    char folded_why[160] = "no lines", perf_why[160] = "no lines";
    bool have_reasons = false;
    const char *p = data, *end = data + len;
    for (uint64_t line_no = 1; p < end && line_no <= 200; line_no++) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        if (!nl && len >= window) {
            /* A line cut by the window is no evidence, unless it is the first
             * one: a perf script record starts with a short header line, so a
             * first line longer than the window can only be a (deep) folded
             * stack, and the folded loader reports what is wrong with it. */
            if (have_reasons)
                break;
            *format = LOAD_FORMAT_FOLDED;
            return true;
        }
        size_t n = (size_t)((nl ? nl : end) - p);
        const char *line = p;
        p = nl ? nl + 1 : end;
        if (n && line[n - 1] == '\r')
            n--;
        size_t lead = 0;
        while (lead < n && (line[lead] == ' ' || line[lead] == '\t'))
            lead++;
        if (lead == n || line[lead] == '#')
            continue;
        char why[120];
        if (load_perf_event_line(line, n, why, sizeof why)) {
            *format = LOAD_FORMAT_PERF;
            return true;
        }
        const char *folded_reason = NULL;
        if (load_folded_line_valid(line, n, &folded_reason)) {
            *format = LOAD_FORMAT_FOLDED;
            return true;
        }
        if (!have_reasons) {
            snprintf(folded_why, sizeof folded_why, "line %llu: %s", (unsigned long long)line_no,
                     folded_reason);
            snprintf(perf_why, sizeof perf_why, "line %llu: %s", (unsigned long long)line_no, why);
            have_reasons = true;
        }
    }
    if (!have_reasons && len < window)
        return true; /* only blank lines and comments: the folded loader says "no stacks" */
    error_set(err, "", ERROR_NO_POSITION,
              "cannot recognise %s: not folded stacks (%s), not pprof (%s), not perf script (%s)",
              input_path(in), folded_why, pprof_why, perf_why);
    return false;
}

struct profile *load_profile(const char *path, const struct load_options *opts,
                             struct load_report *report, struct error_record *err)
{
    struct load_report local_report;
    if (!report)
        report = &local_report;
    memset(report, 0, sizeof *report);
    error_clear(err);

    struct input *in = input_open(path, &opts->input, err);
    if (!in)
        return NULL;
    enum load_format format = opts->format;
    if (format == LOAD_FORMAT_AUTO && !load_detect(in, &format, err)) {
        input_close(in);
        return NULL;
    }
    struct profile *profile = profile_new(input_path(in), format == LOAD_FORMAT_PPROF ? PROFILE_FORMAT_PPROF
                                                          : format == LOAD_FORMAT_PERF ? PROFILE_FORMAT_PERF
                                                                                       : PROFILE_FORMAT_FOLDED);
    profile->limits = opts->limits;
    bool ok;
    if (format == LOAD_FORMAT_PPROF)
        ok = load_pprof(in, profile, opts, report, err);
    else if (format == LOAD_FORMAT_PERF)
        ok = load_perf(in, profile, opts, report, err);
    else
        ok = load_folded(in, profile, opts, report, err);
    profile->gzip = input_is_gzip(in);
    profile->input_bytes = input_bytes_out(in);
    input_close(in);
    if (!ok) {
        profile_free(profile);
        return NULL;
    }
    profile_finish(profile);
    return profile;
}
