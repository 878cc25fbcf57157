/* load.c - the loader table, format detection from it, and the common path
 * from a file to a finished profile. A new format is one row below and one
 * file (see loader.h). */
#include "flamex/load/load.h"

#include "flamex/load/load_folded.h"
#include "flamex/load/load_perf.h"
#include "flamex/load/load_pprof.h"

#include <stdio.h>
#include <string.h>

/* The order of the rows is the order in which "cannot recognise" names them.
 * Detection asks every byte sniffer first, then the line sniffers line by
 * line, the fallback's last. */
static const struct loader load_table[] = {
    { PROFILE_FORMAT_FOLDED, "folded stacks", NULL, load_folded_sniff_line, true, load_folded },
    { PROFILE_FORMAT_PPROF, "pprof", load_pprof_sniff, NULL, false, load_pprof },
    { PROFILE_FORMAT_PERF, "perf script", NULL, load_perf_event_line, false, load_perf },
};

#define LOAD_NFORMATS (sizeof load_table / sizeof load_table[0])

/* --format's value for a row's format: the enums are generated from one list. */
static enum load_format load_option_of(const struct loader *row)
{
    return (enum load_format)(row->format + 1);
}

bool load_parse_format(const char *name, enum load_format *out)
{
    if (strcmp(name, "auto") == 0) {
        *out = LOAD_FORMAT_AUTO;
        return true;
    }
    for (size_t i = 0; i < LOAD_NFORMATS; i++) {
        if (strcmp(name, profile_format_name(load_table[i].format)) == 0) {
            *out = load_option_of(&load_table[i]);
            return true;
        }
    }
    return false;
}

void load_format_names(char *buf, size_t cap)
{
    size_t used = (size_t)snprintf(buf, cap, "auto");
    for (size_t i = 0; i < LOAD_NFORMATS && used < cap; i++)
        used += (size_t)snprintf(buf + used, cap - used, ", %s",
                                 profile_format_name(load_table[i].format));
}

static const struct loader *load_find(enum load_format format)
{
    for (size_t i = 0; i < LOAD_NFORMATS; i++)
        if (load_option_of(&load_table[i]) == format)
            return &load_table[i];
    return NULL;
}

static const struct loader *load_fallback(void)
{
    for (size_t i = 0; i < LOAD_NFORMATS; i++)
        if (load_table[i].fallback)
            return &load_table[i];
    return &load_table[0];
}

/* The first row whose line sniffer takes line (the fallback's last), or
 * NULL; why[i] receives row i's reason when none does. */
static const struct loader *load_sniff_line(const char *line, size_t n,
                                            char (*why)[120])
{
    for (int pass = 0; pass < 2; pass++) {
        for (size_t i = 0; i < LOAD_NFORMATS; i++) {
            const struct loader *row = &load_table[i];
            if (!row->sniff_line || row->fallback != (pass == 1))
                continue;
            if (row->sniff_line(line, n, why[i], sizeof why[i]))
                return row;
        }
    }
    return NULL;
}

/* Decide the format from the first bytes (after decompression): a byte
 * sniffer's, else the first line that a line sniffer takes among the first
 * lines (blank and '#' lines are no evidence). Fails with "cannot recognise
 * FILE: ..." saying why each format was ruled out. */
static const struct loader *load_detect(struct input *in, struct error_record *err)
{
    const size_t window = 64 * 1024;
    const char *data;
    size_t len;
    if (!input_peek(in, window, &data, &len, err))
        return NULL;
    const struct loader *fallback = load_fallback();
    if (len == 0)
        return fallback; /* its loader says the input is empty */
    char reasons[LOAD_NFORMATS][160];
    for (size_t i = 0; i < LOAD_NFORMATS; i++) {
        snprintf(reasons[i], sizeof reasons[i], "no lines");
        const struct loader *row = &load_table[i];
        if (row->sniff_bytes && row->sniff_bytes((const uint8_t *)data, len, len >= window,
                                                 reasons[i], sizeof reasons[i]))
            return row;
    }

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
            return fallback;
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
        char why[LOAD_NFORMATS][120];
        const struct loader *row = load_sniff_line(line, n, why);
        if (row)
            return row;
        if (!have_reasons) {
            for (size_t i = 0; i < LOAD_NFORMATS; i++)
                if (load_table[i].sniff_line)
                    snprintf(reasons[i], sizeof reasons[i], "line %llu: %.119s",
                             (unsigned long long)line_no, why[i]);
            have_reasons = true;
        }
    }
    if (!have_reasons && len < window)
        return fallback; /* only blank lines and comments: its loader says "no stacks" */
    char message[sizeof err->message];
    size_t used = (size_t)snprintf(message, sizeof message, "cannot recognise %s:",
                                   input_path(in));
    for (size_t i = 0; i < LOAD_NFORMATS && used < sizeof message; i++)
        used += (size_t)snprintf(message + used, sizeof message - used, "%s not %s (%s)",
                                 i ? "," : "", load_table[i].what, reasons[i]);
    error_stamp(err, "", error_mark_none(), "%s", message);
    return NULL;
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
    const struct loader *row =
        opts->format == LOAD_FORMAT_AUTO ? load_detect(in, err) : load_find(opts->format);
    if (!row) {
        if (opts->format != LOAD_FORMAT_AUTO)
            error_stamp(err, input_path(in), error_mark_none(), "unknown input format %d",
                        (int)opts->format);
        input_close(in);
        return NULL;
    }
    struct profile *profile = profile_new(input_path(in), row->format);
    profile->limits = opts->limits;
    struct loader_run run = { in, profile, opts, report, err, input_path(in) };
    bool ok = row->load(&run);
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
