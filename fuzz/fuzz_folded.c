/* fuzz_folded.c - libFuzzer target for the folded-stack loader.
 *
 * The input is written to an in-memory file (memfd; a temporary file where
 * there is none) and loaded through load_profile with the format forced to
 * folded (as `flamex --format=folded FILE`) and a 64 MiB cap on the
 * decompressed size, so gzip input is decoded first. Strict mode,
 * --folded-counts and, for some inputs, small depth and node limits come from
 * a hash of the input, so the same input always loads the same way. Checked:
 * - load_folded_sniff_line (the detector's test) on the first lines, each an
 *   exact-size copy: an invalid line has a reason;
 * - the load report, and that a failed load says why;
 * - a loaded profile has one sample type, or two for a differential
 *   (two-count) file; it goes through fuzz_analyse, and a differential one is
 *   also merged with diff_merge (before = type 0, after = type 1) and walked
 *   as the differential view does (diff_before/after/change, diff_present,
 *   diff_nearest_present, diff_functions over the whole tree and a zoom);
 * - the same input through a pipe (inputs up to 64 KiB): the loader cannot
 *   read a pipe twice, so when a line with one count follows lines with two
 *   it switches to the one-count reading it built alongside, where a file is
 *   read again; both must give the same profile (export bytes, report, note)
 *   or the same error at the same line;
 * - export, then load again: when the export loads back as the same kind of
 *   file with nothing skipped, exporting that gives the same bytes (the
 *   canonical form is a fixed point; this also checks the loader's reuse of
 *   the previous line's frames against lines in a different order).
 */
#include "common.h"

#include "flamex/analysis/diff.h"
#include "flamex/output/export.h"
#include "flamex/load/load.h"
#include "flamex/load/load_folded.h"

#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define FUZZ_FOLDED_MAX_SIZE ((uint64_t)64 << 20)
#define FUZZ_FOLDED_LINES 64

/* The detector's line test on the first lines, each copied to exactly its
 * size so ASan sees a read past the line. */
static void fuzz_folded_line_tests(const uint8_t *data, size_t size)
{
    size_t start = 0;
    for (int line = 0; line < FUZZ_FOLDED_LINES && start < size; line++) {
        const uint8_t *nl = memchr(data + start, '\n', size - start);
        size_t end = nl ? (size_t)(nl - data) : size;
        size_t n = end - start;
        char *copy = malloc(n ? n : 1);
        FUZZ_ASSERT(copy != NULL);
        memcpy(copy, data + start, n);
        char reason[120] = "";
        bool valid = load_folded_sniff_line(copy, n, reason, sizeof reason);
        if (!valid)
            FUZZ_ASSERT(reason[0] != '\0');
        FUZZ_ASSERT(load_folded_sniff_line(copy, n, NULL, 0) == valid);
        free(copy);
        start = end + 1;
    }
}

/* Walk a merged (differential) profile as the differential view does. */
static void fuzz_folded_diff_walk(const struct profile *merged)
{
    FUZZ_ASSERT(merged->ntypes == DIFF_NTYPES);
    double scale = diff_scale(merged, 0);
    FUZZ_ASSERT(!isnan(scale));
    uint32_t count = tree_count(merged->tree);
    for (uint32_t node = 0; node < count; node++) {
        for (int norm = 0; norm < 2; norm++) {
            (void)diff_before(merged, 0, node, norm);
            (void)diff_change(merged, 0, node, norm);
        }
        (void)diff_after(merged, 0, node);
        for (int side = DIFF_BEFORE; side <= DIFF_AFTER; side++) {
            uint32_t near = diff_nearest_present(merged, node, (size_t)side);
            FUZZ_ASSERT(near < count);
            FUZZ_ASSERT(diff_present(merged, near, (size_t)side));
        }
    }
    FUZZ_ASSERT(diff_present(merged, TREE_ROOT, DIFF_BEFORE));
    FUZZ_ASSERT(diff_present(merged, TREE_ROOT, DIFF_AFTER));

    size_t nroot;
    const uint32_t *kids = tree_children(merged->tree, TREE_ROOT, TREE_ORDER_ALPHA, &nroot);
    uint32_t roots[2] = { TREE_ROOT, nroot ? kids[nroot / 2] : TREE_ROOT };
    for (int r = 0; r < 8; r++) { /* each root, ranked by self or total, raw or normalised */
        struct diff_functions list = { 0 };
        struct diff_rank rank = { 0, roots[r & 1], r & 2 ? HOT_BY_CUM : HOT_BY_FLAT, (r & 4) != 0 };
        diff_functions(merged, &rank, &list);
        FUZZ_ASSERT(list.grew <= list.count && list.shrank <= list.count);
        FUZZ_ASSERT(list.grew + list.shrank <= list.count);
        for (size_t i = 0; i < list.count; i++) {
            FUZZ_ASSERT(list.items[i].bytes != NULL || list.items[i].len == 0);
            if (i < list.grew)
                FUZZ_ASSERT(list.items[i].change > 0);
            if (i >= list.count - list.shrank)
                FUZZ_ASSERT(list.items[i].change < 0);
        }
        diff_functions_free(&list);
        FUZZ_ASSERT(list.count == 0);
    }
}

/* Export every sample type of profile unsanitised into a malloc'd buffer. */
static char *fuzz_folded_export(const struct profile *profile, size_t *len)
{
    char *buf = NULL;
    FILE *out = open_memstream(&buf, len);
    FUZZ_ASSERT(out != NULL);
    size_t types[2] = { 0, 1 };
    struct export_options ex = { .types = types, .ntypes = profile->ntypes, .sanitize = false };
    FUZZ_ASSERT(export_folded(out, profile, &ex));
    FUZZ_ASSERT(fclose(out) == 0);
    return buf;
}

/* Load data through a pipe with opts and check it loads as the file did
 * (file_profile, or the failure in file_err). Skipped for inputs the pipe
 * cannot hold whole (its write end does not block). */
static void fuzz_folded_pipe_agrees(const uint8_t *data, size_t size,
                                    const struct load_options *opts,
                                    const struct profile *file_profile,
                                    const struct load_report *file_report,
                                    const struct error_record *file_err)
{
    int fds[2];
    if (size > 65536 || pipe(fds) != 0)
        return;
    size_t done = 0;
    if (fcntl(fds[1], F_SETFL, O_NONBLOCK) == 0) {
        while (done < size) {
            ssize_t w = write(fds[1], data + done, size - done);
            if (w <= 0)
                break;
            done += (size_t)w;
        }
    }
    close(fds[1]);
    if (done < size) {
        close(fds[0]);
        return;
    }
    char path[64];
    snprintf(path, sizeof path, "/dev/fd/%d", fds[0]);
    struct load_report report;
    memset(&report, 0, sizeof report);
    struct error_record err;
    memset(&err, 0, sizeof err);
    struct profile *p = load_profile(path, opts, &report, &err);
    close(fds[0]);
    FUZZ_ASSERT((p == NULL) == (file_profile == NULL));
    if (!p) {
        FUZZ_ASSERT(err.line == file_err->line);
        /* zlib cannot say a pipe's compressed offset: gzip messages differ there */
        if (!strstr(err.message, "gzip"))
            FUZZ_ASSERT(strcmp(err.message, file_err->message) == 0);
        return;
    }
    FUZZ_ASSERT(report.lines == file_report->lines);
    FUZZ_ASSERT(report.ignored == file_report->ignored);
    FUZZ_ASSERT(report.first_ignored_line == file_report->first_ignored_line);
    FUZZ_ASSERT(p->differential == file_profile->differential);
    FUZZ_ASSERT(p->stacks == file_profile->stacks);
    FUZZ_ASSERT((p->info.note == NULL) == (file_profile->info.note == NULL));
    size_t len1, len2;
    char *text1 = fuzz_folded_export(file_profile, &len1);
    char *text2 = fuzz_folded_export(p, &len2);
    if (len1 != len2 || memcmp(text1, text2, len1) != 0)
        fuzz_fail(__FILE__, __LINE__, "a pipe loads differently from a file");
    free(text1);
    free(text2);
    profile_free(p);
}

/* Load the export of profile again and check the canonical form is a fixed point. */
static void fuzz_folded_round_trip(const struct profile *profile, const struct load_options *opts)
{
    size_t len1;
    char *text1 = fuzz_folded_export(profile, &len1);
    const char *path = fuzz_input_file((const uint8_t *)text1, len1);
    struct load_options again = *opts;
    again.strict = false;
    struct load_report report;
    memset(&report, 0, sizeof report);
    struct error_record err;
    memset(&err, 0, sizeof err);
    struct profile *back = load_profile(path, &again, &report, &err);
    /* An export whose every line ends in two numbers (last frames ending in a
     * count-like word: "a 1" with count 2) reads back as differential: the
     * format is ambiguous there, so only exports that read back cleanly as
     * the same kind of file are compared. */
    if (back && back->ntypes == profile->ntypes && report.ignored == 0) {
        size_t len2;
        char *text2 = fuzz_folded_export(back, &len2);
        if (len1 != len2 || memcmp(text1, text2, len1) != 0) {
            fprintf(stderr, "export 1 (%zu bytes):\n%.*s\nexport 2 (%zu bytes):\n%.*s\n", len1,
                    (int)(len1 < 2000 ? len1 : 2000), text1, len2,
                    (int)(len2 < 2000 ? len2 : 2000), text2);
            fuzz_fail(__FILE__, __LINE__, "export of the reloaded export differs");
        }
        free(text2);
    } else if (!back) {
        fuzz_check_error(&err, "load_profile (export)");
    }
    if (back)
        profile_free(back);
    free(text1);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_folded_line_tests(data, size);
    const char *path = fuzz_input_file(data, size);

    uint32_t h = fuzz_input_hash(data, size);
    struct load_options opts;
    memset(&opts, 0, sizeof opts);
    opts.format = LOAD_FORMAT_FOLDED;
    opts.input.max_size = FUZZ_FOLDED_MAX_SIZE;
    opts.strict = (h & 7u) == 0; /* one input in eight */
    /* --folded-counts: auto for half the inputs, 1 or 2 for a quarter each */
    opts.folded_counts = (h >> 24) % 4 == 1   ? LOAD_FOLDED_COUNTS_ONE
                         : (h >> 24) % 4 == 2 ? LOAD_FOLDED_COUNTS_TWO
                                              : LOAD_FOLDED_COUNTS_AUTO;
    if ((h & 0x18u) == 0) {      /* one in four: small limits */
        opts.limits.max_depth = 1 + (h >> 8) % 8;
        opts.limits.max_nodes = 2 + (h >> 16) % 64;
    }

    struct load_report report;
    memset(&report, 0, sizeof report);
    struct error_record err;
    memset(&err, 0, sizeof err);
    struct profile *profile = load_profile(path, &opts, &report, &err);

    FUZZ_ASSERT(report.ignored <= report.lines);
    FUZZ_ASSERT(report.first_ignored_line <= report.lines);
    FUZZ_ASSERT(memchr(report.first_ignored_reason, '\0', sizeof report.first_ignored_reason));
    if (report.ignored > 0)
        FUZZ_ASSERT(report.first_ignored_line > 0 && report.first_ignored_reason[0] != '\0');
    fuzz_folded_pipe_agrees(data, size, &opts, profile, &report, &err);
    if (!profile) {
        fuzz_check_error(&err, "load_profile (folded)");
        return 0;
    }
    if (opts.strict)
        FUZZ_ASSERT(report.ignored == 0);
    FUZZ_ASSERT(profile->format == PROFILE_FORMAT_FOLDED);
    FUZZ_ASSERT(profile->ntypes == (profile->differential ? 2u : 1u));

    fuzz_analyse(profile);
    if (profile->differential) {
        struct error_record derr;
        memset(&derr, 0, sizeof derr);
        struct profile *merged = diff_merge(profile, 0, profile, 1, &opts.limits, &derr);
        if (merged) {
            fuzz_folded_diff_walk(merged);
            fuzz_analyse(merged);
            profile_free(merged);
        } else {
            fuzz_check_error(&derr, "diff_merge");
        }
    }
    fuzz_folded_round_trip(profile, &opts);
    profile_free(profile);
    return 0;
}
