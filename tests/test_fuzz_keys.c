/* test_fuzz_keys.c - make check replays fuzz_keys' inputs without clang.
 *
 * fuzz/fuzz_keys.c (the libFuzzer target for the viewer's state machine) is
 * linked here with the ordinary compiler and flags, and every input of its
 * seed corpus (fuzz/corpus/fuzz_keys: the hand-written event sequences and
 * the regress-* findings fixed since) and of fuzz/regressions/fuzz_keys (the
 * findings not fixed yet, whose invariants the target skips until they are)
 * runs through it: a broken invariant aborts the test with its name. So the
 * issue's reproductions stay checked by `make check` and `make
 * check-valgrind`, not only by CI's fuzzing round.
 */
#include "test_util.h"

#include "../fuzz/common.h"

#include <dirent.h>

/* Directory under the source tree (FLAMEX_SRCDIR, or .. when run by hand). */
static const char *fuzz_dir(const char *rel, char *buf, size_t cap)
{
    const char *src = getenv("FLAMEX_SRCDIR");
    snprintf(buf, cap, "%s/%s", src ? src : "..", rel);
    return buf;
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Run every file of dir through the target, in name order; returns how many. */
static size_t replay_dir(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        fail_msg("cannot open %s", dir);
    char *names[512];
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL && n < 512)
        if (e->d_name[0] != '.')
            names[n++] = strdup(e->d_name);
    closedir(d);
    qsort(names, n, sizeof names[0], compare_names);
    for (size_t i = 0; i < n; i++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        FILE *f = fopen(path, "rb");
        assert_non_null(f);
        uint8_t data[65536];
        size_t size = fread(data, 1, sizeof data, f);
        assert_true(feof(f));
        fclose(f);
        print_message("# %s (%zu bytes)\n", names[i], size);
        assert_int_equal(LLVMFuzzerTestOneInput(data, size), 0);
        free(names[i]);
    }
    return n;
}

static void test_corpus(void **state)
{
    (void)state;
    char dir[4096];
    assert_true(replay_dir(fuzz_dir("fuzz/corpus/fuzz_keys", dir, sizeof dir)) >= 10);
}

static void test_regressions(void **state)
{
    (void)state;
    char dir[4096];
    replay_dir(fuzz_dir("fuzz/regressions/fuzz_keys", dir, sizeof dir));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_corpus),
        cmocka_unit_test(test_regressions),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
