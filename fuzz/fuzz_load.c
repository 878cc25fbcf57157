/* fuzz_load.c - libFuzzer target for load_profile: gzip, detection, both loaders.
 *
 * The input is written to an in-memory file (memfd; a temporary file where
 * there is none) and opened by path with the default options except for a
 * 64 MiB cap on the decompressed size, as flamex opens a file named on its
 * command line. That covers gzip decoding (a corrupt or truncated stream must
 * be an error), format detection, and the folded and pprof loaders. A
 * profile that loads goes through the analyses of fuzz_analyse.
 */
#include "common.h"

#include "flamex/load/load.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define FUZZ_LOAD_MAX_SIZE ((uint64_t)64 << 20)


int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = fuzz_input_file(data, size);

    struct load_options opts;
    memset(&opts, 0, sizeof opts);
    opts.format = LOAD_FORMAT_AUTO;
    opts.input.max_size = FUZZ_LOAD_MAX_SIZE;
    struct load_report report;
    struct error_record err;
    struct profile *profile = load_profile(path, &opts, &report, &err);
    if (profile) {
        fuzz_analyse(profile);
        profile_free(profile);
    } else {
        fuzz_check_error(&err, "load_profile");
    }
    return 0;
}
