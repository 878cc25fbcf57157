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

#include "flamex/load.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define FUZZ_LOAD_MAX_SIZE ((uint64_t)64 << 20)

static int fuzz_load_fd = -1;
static char fuzz_load_path[4096];

/* Remove the temporary file at exit (not needed for a memfd). */
static void fuzz_load_cleanup(void)
{
    unlink(fuzz_load_path);
}

/* Create the file the inputs are written to, once per process. */
static void fuzz_load_setup(void)
{
#if defined(__linux__) && defined(MFD_CLOEXEC)
    fuzz_load_fd = memfd_create("flamex-fuzz-load", MFD_CLOEXEC);
    if (fuzz_load_fd >= 0) {
        snprintf(fuzz_load_path, sizeof fuzz_load_path, "/proc/self/fd/%d", fuzz_load_fd);
        return;
    }
#endif
    const char *dir = getenv("TMPDIR");
    snprintf(fuzz_load_path, sizeof fuzz_load_path, "%s/flamex-fuzz-load-XXXXXX",
             dir && *dir ? dir : "/tmp");
    fuzz_load_fd = mkstemp(fuzz_load_path);
    FUZZ_ASSERT(fuzz_load_fd >= 0);
    atexit(fuzz_load_cleanup);
}

/* Replace the file's contents with data. */
static void fuzz_load_write(const uint8_t *data, size_t size)
{
    FUZZ_ASSERT(ftruncate(fuzz_load_fd, 0) == 0);
    size_t done = 0;
    while (done < size) {
        ssize_t n = pwrite(fuzz_load_fd, data + done, size - done, (off_t)done);
        if (n < 0 && errno == EINTR)
            continue;
        FUZZ_ASSERT(n > 0);
        done += (size_t)n;
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (fuzz_load_fd < 0)
        fuzz_load_setup();
    fuzz_load_write(data, size);

    struct load_options opts;
    memset(&opts, 0, sizeof opts);
    opts.format = LOAD_FORMAT_AUTO;
    opts.input.max_size = FUZZ_LOAD_MAX_SIZE;
    struct load_report report;
    struct error_record err;
    struct profile *profile = load_profile(fuzz_load_path, &opts, &report, &err);
    if (profile) {
        fuzz_analyse(profile);
        profile_free(profile);
    } else {
        fuzz_check_error(&err, "load_profile");
    }
    return 0;
}
