/* load_pprof.c - google/pprof profile.proto into the call tree.
 *
 * The protobuf is read in place with the hand-written wire reader (pbwire.c
 * says why not a generated unpacker). Pass 1 (pprof_index.c) indexes the string table,
 * mappings, functions and locations, checks them as pprof's CheckValid does
 * (string 0 empty, indices in range, ids non-zero and unique, references
 * resolvable); pprof_names.c precomputes every location's frames root-first
 * and the pruning. Pass 2 (pprof_samples.c) decodes each sample, applies
 * drop_frames/keep_frames as pprof's Prune does, and builds the tree by name
 * id. Every allocation is bounded by the number of fields actually present,
 * never by a length field.
 */
#include "flamex/load/load_pprof.h"

#include "flamex/load/pbwire.h"
#include "flamex/base/xalloc.h"

#include "pprof_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- header information ---- */

static bool pprof_is_library(const char *s, size_t n)
{
    /* pprof's libRx: ([.]so$|[.]so[._][0-9]+) */
    for (size_t i = 0; i + 3 <= n; i++) {
        if (memcmp(s + i, ".so", 3) != 0)
            continue;
        if (i + 3 == n)
            return true;
        if ((s[i + 3] == '.' || s[i + 3] == '_') && i + 4 < n && s[i + 4] >= '0' && s[i + 4] <= '9')
            return true;
    }
    return false;
}

/* The main binary as pprof guesses it: the first mapping with a file that is
 * not a shared library and not a pseudo-file like [vdso]; else mapping 0. */
static void pprof_set_binary(struct pprof_loader *l)
{
    if (l->nmappings == 0)
        return;
    size_t main_index = 0;
    for (size_t i = 0; i < l->nmappings; i++) {
        const struct pprof_string *file = pprof_str(l, l->mappings[i].filename);
        if (file->len == 0 || file->p[0] == '[' || pprof_is_library(file->p, file->len))
            continue;
        main_index = i;
        break;
    }
    const struct pprof_mapping *m = &l->mappings[main_index];
    const struct pprof_string *file = pprof_str(l, m->filename);
    if (file->len) {
        size_t end = file->len;
        while (end > 1 && file->p[end - 1] == '/')
            end--;
        size_t start = end;
        while (start > 0 && file->p[start - 1] != '/')
            start--;
        char *base = xmalloc(end - start + 1);
        memcpy(base, file->p + start, end - start);
        base[end - start] = '\0';
        l->profile->info.binary = base;
    }
    if (pprof_str(l, m->build_id)->len)
        l->profile->info.build_id = pprof_strdup(l, m->build_id);
}

static bool pprof_set_types(struct pprof_loader *l)
{
    struct profile *profile = l->profile;
    const char *names[TREE_MAX_TYPES], *units[TREE_MAX_TYPES];
    char *owned[2 * TREE_MAX_TYPES];
    size_t n = l->ntypes;
    if (n == 0) {
        if (l->nsamples)
            return pprof_fail(l, 0, "the profile has samples but no sample types");
        names[0] = "samples";
        units[0] = "count";
        n = 1;
        return profile_set_types(profile, n, names, units, l->err);
    }
    for (size_t t = 0; t < n; t++) {
        owned[2 * t] = pprof_strdup(l, l->type_names[t]);
        owned[2 * t + 1] = pprof_strdup(l, l->type_units[t]);
        names[t] = owned[2 * t];
        units[t] = owned[2 * t + 1];
    }
    bool ok = profile_set_types(profile, n, names, units, l->err);
    for (size_t t = 0; t < 2 * n; t++)
        free(owned[t]);
    if (!ok)
        return false;
    profile->default_type = n - 1;
    if (l->default_sample_type) {
        const struct pprof_string *want = pprof_str(l, l->default_sample_type);
        for (size_t t = 0; t < n; t++) {
            const struct pprof_string *have = pprof_str(l, l->type_names[t]);
            if (have->len == want->len && memcmp(have->p, want->p, want->len) == 0) {
                profile->default_type = t;
                break;
            }
        }
    }
    struct profile_info *info = &profile->info;
    if (l->period_type)
        info->period_type = pprof_strdup(l, l->period_type);
    if (l->period_unit)
        info->period_unit = pprof_strdup(l, l->period_unit);
    info->period = l->period;
    info->time_nanos = l->time_nanos;
    info->duration_nanos = l->duration_nanos;
    if (l->drop_frames)
        info->drop_frames = pprof_strdup(l, l->drop_frames);
    if (l->keep_frames)
        info->keep_frames = pprof_strdup(l, l->keep_frames);
    pprof_set_binary(l);
    return true;
}

static void pprof_loader_free(struct pprof_loader *l)
{
    free(l->strings);
    free(l->mappings);
    free(l->functions);
    free(l->locations);
    free(l->lines);
    free(l->frame_names);
    free(l->frame_flags);
    pprof_ids_free(&l->mapping_ids);
    pprof_ids_free(&l->function_ids);
    pprof_ids_free(&l->location_ids);
    pcre2_code_free(l->drop_re);
    pcre2_code_free(l->keep_re);
    pcre2_match_data_free(l->match);
    pcre2_match_context_free(l->match_context);
    free(l->hashes);
    free(l->runs);
    free(l->pow1);
    free(l->pow2);
    free(l->frame_sym1);
    free(l->frame_sym2);
    free(l->sample_locs);
}

bool load_pprof_buffer(const uint8_t *data, size_t len, struct profile *profile,
                       struct load_report *report, struct error_record *err)
{
    struct error_record local_err;
    if (!err)
        err = &local_err;
    error_clear(err);
    struct load_report local_report;
    if (!report) {
        memset(&local_report, 0, sizeof local_report);
        report = &local_report;
    }
    struct loader_run run = { NULL, profile, NULL, report, err, profile->source };
    struct pprof_loader l;
    memset(&l, 0, sizeof l);
    l.data = data;
    l.len = len;
    l.run = &run;
    l.profile = profile;
    l.err = err;
    profile->format = PROFILE_FORMAT_PPROF;
    if (len == 0)
        return pprof_fail(&l, 0, "the input is empty");

    struct pprof_counts counts;
    bool ok = pprof_count_fields(&l, &counts) && pprof_index(&l, &counts);
    l.nsamples = counts.samples;
    if (ok)
        ok = pprof_set_types(&l) && pprof_setup_filters(&l);
    if (ok) {
        l.unknown_name = pprof_intern(&l, "<unknown>", 9);
        ok = pprof_build_frames(&l) && pprof_read_samples(&l);
    }
    report->lines = counts.samples;
    pprof_loader_free(&l);
    return ok;
}

bool load_pprof(struct loader_run *run)
{
    char *data;
    size_t len;
    if (!input_read_all(run->in, &data, &len, run->err))
        return false;
    bool ok = load_pprof_buffer((const uint8_t *)data, len, run->profile, run->report, run->err);
    free(data);
    return ok;
}

/* ---- detection ---- */

static bool pprof_sniff_wire(uint32_t number, enum pb_wire_type wire)
{
    switch (number) {
    case PF_SAMPLE_TYPE:
    case PF_SAMPLE:
    case PF_MAPPING:
    case PF_LOCATION:
    case PF_FUNCTION:
    case PF_STRING:
    case PF_PERIOD_TYPE:
        return wire == PB_LEN;
    case PF_COMMENT:
        return wire == PB_LEN || wire == PB_VARINT;
    case PF_DROP_FRAMES:
    case PF_KEEP_FRAMES:
    case PF_TIME_NANOS:
    case PF_DURATION_NANOS:
    case PF_PERIOD:
    case PF_DEFAULT_SAMPLE_TYPE:
    case PF_DOC_URL:
        return wire == PB_VARINT;
    default:
        return false;
    }
}

/* Short text can happen to parse as protobuf fields ("x 205" is field 15 =
 * 32, then a string...); a real profile always has control bytes near its
 * start (lengths and small varints: sample_type alone is 0a 04 08 01 10 02). */
static bool pprof_sniff_binary(const uint8_t *data, size_t len, char *why, size_t cap)
{
    for (size_t i = 0; i < len; i++)
        if ((data[i] < 0x20 && data[i] != '\t' && data[i] != '\n' && data[i] != '\r') ||
            data[i] == 0x7f)
            return true;
    snprintf(why, cap, "text, not protobuf: no binary bytes");
    return false;
}

bool load_pprof_sniff(const uint8_t *data, size_t len, bool truncated, char *why, size_t cap)
{
    struct pb_reader r;
    pb_reader_init(&r, data, len);
    size_t fields = 0;
    while (r.p < r.end) {
        uint64_t offset = (uint64_t)(r.p - r.base);
        const uint8_t *before = r.p;
        uint64_t tag;
        if (!pb_read_varint(&r, &tag)) {
            if (truncated && fields)
                return true;
            snprintf(why, cap, "byte %llu: %s", (unsigned long long)offset, r.error);
            return false;
        }
        uint32_t number = tag >> 3 <= UINT32_MAX ? (uint32_t)(tag >> 3) : 0;
        if (!pprof_sniff_wire(number, (enum pb_wire_type)(tag & 7))) {
            snprintf(why, cap, "byte %llu: not a profile.proto field (0x%02x)",
                     (unsigned long long)offset, before[0]);
            return false;
        }
        r.p = before;
        struct pb_field f;
        if (!pb_next_field(&r, &f)) {
            /* A valid tag whose payload runs past the prefix we were shown,
             * or past the end of a truncated file after a good field: a
             * profile (the loader will say what is wrong with it). */
            if (truncated || fields >= 1)
                return pprof_sniff_binary(data, len, why, cap);
            snprintf(why, cap, "byte %llu: %s", (unsigned long long)r.error_offset,
                     r.error ? r.error : "malformed");
            return false;
        }
        fields++;
    }
    if (!fields) {
        snprintf(why, cap, "empty");
        return false;
    }
    return pprof_sniff_binary(data, len, why, cap);
}
