/* load.c - format selection and the common path from a file to a finished profile. */
#include "flamex/load.h"

#include "flamex/load_folded.h"
#include "flamex/load_pprof.h"

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
    else
        return false;
    return true;
}

/* Decide the format from the first bytes (after decompression). */
static bool load_detect(struct input *in, enum load_format *format, struct error_record *err)
{
    const size_t window = 64 * 1024;
    const char *data;
    size_t len;
    if (!input_peek(in, window, &data, &len, err))
        return false;
    char why[160];
    if (len && load_pprof_sniff((const uint8_t *)data, len, len >= window, why, sizeof why))
        *format = LOAD_FORMAT_PPROF;
    else
        *format = LOAD_FORMAT_FOLDED;
    return true;
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
    struct profile *profile = profile_new(input_path(in), PROFILE_FORMAT_FOLDED);
    profile->limits = opts->limits;
    bool ok;
    if (format == LOAD_FORMAT_PPROF)
        ok = load_pprof(in, profile, opts, report, err);
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
