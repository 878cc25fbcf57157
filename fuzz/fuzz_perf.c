/* fuzz_perf.c - libFuzzer target for the `perf script` loader.
 *
 * The input is written to an in-memory file (memfd; a temporary file where
 * there is none) and opened through load_profile with the format forced to
 * perf (LOAD_FORMAT_PERF, as `flamex --format=perf FILE` does) and a 64 MiB
 * cap on the decompressed size, so a gzip input is decoded first. The
 * loader's options (--pid, --tid, --kernel, --jit, --addrs) and strict mode
 * come from a hash of the input: every combination is reached, and the same
 * input always loads the same way. A profile that loads goes through the
 * analyses of fuzz_analyse; a failed load must say why. The load report
 * must be consistent, and load_perf_event_line (the format detector's test)
 * runs on the first lines with a small and a zero-sized reason buffer (the
 * answer must not depend on the buffer, and a zero-sized one is not written).
 */
#include "common.h"

#include "flamex/load/load.h"
#include "flamex/load/load_perf.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define FUZZ_PERF_MAX_SIZE ((uint64_t)64 << 20)
#define FUZZ_PERF_EVENT_LINES 64


/* Run the detector's line test on the first lines of the input: the reason
 * must be a terminated string inside its buffer, and a zero-sized buffer must
 * not be written to. */
static void fuzz_perf_event_lines(const uint8_t *data, size_t size)
{
    size_t start = 0;
    for (int line = 0; line < FUZZ_PERF_EVENT_LINES && start < size; line++) {
        const uint8_t *nl = memchr(data + start, '\n', size - start);
        size_t end = nl ? (size_t)(nl - data) : size;
        size_t n = end - start;
        /* a copy of exactly n bytes, so ASan sees any read past the line */
        char *copy = malloc(n ? n : 1);
        FUZZ_ASSERT(copy != NULL);
        memcpy(copy, data + start, n);

        char why[24];
        memset(why, 0x55, sizeof why);
        bool small = load_perf_event_line(copy, n, why, sizeof why);
        bool written = false;
        for (size_t i = 0; i < sizeof why; i++)
            written |= why[i] != 0x55;
        if (!small || written) /* a reason, when there is one, is terminated */
            FUZZ_ASSERT(memchr(why, '\0', sizeof why) != NULL);

        char none = 'x';
        bool zero = load_perf_event_line(copy, n, &none, 0);
        FUZZ_ASSERT(none == 'x');
        FUZZ_ASSERT(small == zero); /* the answer does not depend on the buffer */
        free(copy);
        start = end + 1;
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_perf_event_lines(data, size);
    const char *path = fuzz_input_file(data, size);

    uint32_t h = fuzz_input_hash(data, size);
    struct load_options opts;
    memset(&opts, 0, sizeof opts);
    opts.format = LOAD_FORMAT_PERF;
    opts.input.max_size = FUZZ_PERF_MAX_SIZE;
    opts.perf.pid = (h & 1u) != 0;
    opts.perf.tid = (h & 2u) != 0;
    opts.perf.kernel = (h & 4u) != 0;
    opts.perf.jit = (h & 8u) != 0;
    opts.perf.addrs = (h & 16u) != 0;
    opts.strict = (h & 0xe0u) == 0; /* one input in eight */

    struct load_report report;
    memset(&report, 0, sizeof report);
    struct error_record err;
    memset(&err, 0, sizeof err);
    struct profile *profile = load_profile(path, &opts, &report, &err);

    FUZZ_ASSERT(report.ignored <= report.lines);
    FUZZ_ASSERT(report.first_ignored_line <= report.lines);
    FUZZ_ASSERT(memchr(report.first_ignored_reason, '\0', sizeof report.first_ignored_reason));
    FUZZ_ASSERT(memchr(report.warning, '\0', sizeof report.warning));
    if (report.ignored > 0)
        FUZZ_ASSERT(report.first_ignored_line > 0 && report.first_ignored_reason[0] != '\0');

    if (profile) {
        if (opts.strict)
            FUZZ_ASSERT(report.ignored == 0);
        fuzz_analyse(profile);
        profile_free(profile);
    } else {
        fuzz_check_error(&err, "load_profile (perf)");
    }
    return 0;
}
