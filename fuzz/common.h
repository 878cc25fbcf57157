/* common.h - helpers shared by the fuzz targets (fuzz/fuzz_*.c).
 *
 * Not a target itself: build.sh links common.c into every fuzz_*.c. A finding
 * is anything libFuzzer reports (a sanitizer error, a leak, a timeout) or a
 * FUZZ_ASSERT that fails, which aborts with the broken invariant.
 */
#ifndef FLAMEX_FUZZ_COMMON_H
#define FLAMEX_FUZZ_COMMON_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "flamex/base/error.h"
#include "flamex/model/profile.h"

/* The libFuzzer entry point every target defines. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* FNV-1a of the input: a target derives its options (flags, sizes) from it,
 * so the same input always runs the same way. */
uint32_t fuzz_input_hash(const uint8_t *data, size_t size);

/* Abort with the failed condition: an invariant of the code under test broke. */
#define FUZZ_ASSERT(cond)                                                                      \
    do {                                                                                       \
        if (!(cond))                                                                           \
            fuzz_fail(__FILE__, __LINE__, #cond);                                              \
    } while (0)

/* Print where an invariant failed and abort (what FUZZ_ASSERT calls). */
_Noreturn void fuzz_fail(const char *file, int line, const char *what);

/* A stream on /dev/null, opened once, for output that only has to be produced. */
FILE *fuzz_null_file(void);

/* Run what a user can do with a finished profile: hot_compute and
 * hot_mark_inline for every sample type (whole profile and zoomed into a
 * child of the root), report_top and export_folded into /dev/null, and the
 * heaviest-first ordering of every sibling group. */
void fuzz_analyse(struct profile *profile);

/* Make data the whole content of a file, created once per process (a memfd;
 * a temporary file where there is none, removed at exit), and return its
 * path, so targets can open inputs by name as flamex opens its FILE. */
const char *fuzz_input_file(const uint8_t *data, size_t size);

/* A failed load must say why: abort when err has no message. */
void fuzz_check_error(const struct error_record *err, const char *what);

#endif
