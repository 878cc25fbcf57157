/* common.c - what the loader targets share: the input file and the analyses
 * every target runs on what it loaded. */
#include "common.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include "flamex/output/export.h"
#include "flamex/analysis/hot.h"
#include "flamex/output/report.h"
#include "flamex/model/tree.h"

_Noreturn void fuzz_fail(const char *file, int line, const char *what)
{
    fprintf(stderr, "%s:%d: fuzz invariant failed: %s\n", file, line, what);
    abort();
}

FILE *fuzz_null_file(void)
{
    static FILE *null_file;
    if (!null_file) {
        null_file = fopen("/dev/null", "w");
        FUZZ_ASSERT(null_file != NULL);
    }
    return null_file;
}

void fuzz_check_error(const struct error_record *err, const char *what)
{
    if (err->message[0] == '\0') {
        fprintf(stderr, "%s failed without an error message\n", what);
        abort();
    }
}

/* hot_compute scoped to root, with the inline marking and both orders. */
static void fuzz_hot(const struct profile *profile, size_t t, uint32_t root)
{
    struct hot_list list = { 0 };
    hot_compute(profile, t, root, HOT_BY_FLAT, &list);
    hot_mark_inline(profile, t, &list);
    for (size_t i = 0; i < list.count; i++) {
        FUZZ_ASSERT(list.entries[i].inline_label != NULL);
        FUZZ_ASSERT(list.entries[i].bytes != NULL || list.entries[i].len == 0);
    }
    hot_sort(&list, HOT_BY_CUM);
    hot_free(&list);
}

/* Visit every sibling group in heaviest-first order, as the UI does. */
static void fuzz_heaviest(struct profile *profile, size_t t)
{
    tree_sort_heaviest(profile->tree, t);
    uint32_t count = tree_count(profile->tree);
    for (uint32_t node = 0; node < count; node++) {
        size_t n;
        const uint32_t *kids = tree_children(profile->tree, node, TREE_ORDER_HEAVIEST, &n);
        for (size_t i = 0; i < n; i++)
            FUZZ_ASSERT(tree_parent(profile->tree, kids[i]) == node);
    }
}

void fuzz_analyse(struct profile *profile)
{
    if (!profile->tree)
        return;
    FILE *out = fuzz_null_file();
    size_t nroot;
    const uint32_t *root_kids = tree_children(profile->tree, TREE_ROOT, TREE_ORDER_ALPHA, &nroot);
    uint32_t zoom = nroot ? root_kids[nroot / 2] : TREE_NONE;
    for (size_t t = 0; t < profile->ntypes; t++) {
        fuzz_hot(profile, t, TREE_ROOT);
        if (zoom != TREE_NONE)
            fuzz_hot(profile, t, zoom);
        struct report_top_options top = { .type = t, .limit = 0 };
        FUZZ_ASSERT(report_top(out, profile, &top));
        struct export_options ex = { .types = &t, .ntypes = 1, .sanitize = t % 2 == 1 };
        FUZZ_ASSERT(export_folded(out, profile, &ex));
    }
    if (profile->ntypes >= 2) {
        size_t both[2] = { 0, 1 };
        struct export_options ex = { .types = both, .ntypes = 2, .sanitize = true };
        FUZZ_ASSERT(export_folded(out, profile, &ex));
    }
    struct report_top_options top = { .type = profile->default_type, .limit = 20 };
    FUZZ_ASSERT(report_top(out, profile, &top));
    fuzz_heaviest(profile, profile->default_type);
    FUZZ_ASSERT(fflush(out) == 0);
}

static int fuzz_input_fd = -1;
static char fuzz_input_path[4096];

/* Remove the temporary file at exit (not needed for a memfd). */
static void fuzz_input_cleanup(void)
{
    unlink(fuzz_input_path);
}

/* Create the file the inputs are written to. */
static void fuzz_input_setup(void)
{
#if defined(__linux__) && defined(MFD_CLOEXEC)
    fuzz_input_fd = memfd_create("flamex-fuzz-input", MFD_CLOEXEC);
    if (fuzz_input_fd >= 0) {
        snprintf(fuzz_input_path, sizeof fuzz_input_path, "/proc/self/fd/%d", fuzz_input_fd);
        return;
    }
#endif
    const char *dir = getenv("TMPDIR");
    snprintf(fuzz_input_path, sizeof fuzz_input_path, "%s/flamex-fuzz-input-XXXXXX",
             dir && *dir ? dir : "/tmp");
    fuzz_input_fd = mkstemp(fuzz_input_path);
    FUZZ_ASSERT(fuzz_input_fd >= 0);
    atexit(fuzz_input_cleanup);
}

const char *fuzz_input_file(const uint8_t *data, size_t size)
{
    if (fuzz_input_fd < 0)
        fuzz_input_setup();
    FUZZ_ASSERT(ftruncate(fuzz_input_fd, 0) == 0);
    size_t done = 0;
    while (done < size) {
        ssize_t n = pwrite(fuzz_input_fd, data + done, size - done, (off_t)done);
        if (n < 0 && errno == EINTR)
            continue;
        FUZZ_ASSERT(n > 0);
        done += (size_t)n;
    }
    return fuzz_input_path;
}

uint32_t fuzz_input_hash(const uint8_t *data, size_t size)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < size; i++)
        h = (h ^ data[i]) * 16777619u;
    return h;
}
