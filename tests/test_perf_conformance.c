/* test_perf_conformance.c - flamex collapses perf script like stackcollapse-perf.pl.
 *
 * For every `perf script` input in tests/data/perf-script that has expected
 * results, and every option those results exist for (none, --pid, --tid,
 * --kernel, --jit, --all, --addrs), the folded export of the default sample
 * type (the first event's period-weighted type, the only event the Perl script
 * keeps) must equal the expected file byte for byte.
 *
 * Which expected file: NAME.perl.expected[-OPT].folded wins over
 * NAME.expected[-OPT].folded where both exist, because flamex follows
 * FlameGraph's Perl script (at 57207afb) and those four inferno results differ
 * from it on purpose (inferno keeps C++ template arguments and quotes,
 * demangles Rust, marks jitdump images _[j] and versioned vmlinux/modules
 * _[k]). One exception: for single-line-stacks Perl's result is EMPTY (its
 * header pattern needs the comm in column 0, and perf right-aligns it when it
 * prints no call graph), so flamex follows inferno there and Perl's empty file
 * was not copied. no-events is an empty input with an empty expected result:
 * flamex refuses it ("no perf script samples found") instead of showing an
 * empty profile. A last test checks that every expected file in the folder
 * is covered by a case below.
 */
#include "test_util.h"

#include <dirent.h>

struct perf_case {
    const char *name;          /* tests/data/perf-script/NAME.txt or NAME.txt.gz */
    const char *options[8];    /* option suffixes; "" is the default */
};

#define PERF_ALL_OPTIONS { "", "pid", "tid", "kernel", "jit", "all", "addrs" }

static const struct perf_case perf_cases[] = {
    { "cpp-stacks-std-function", { "" } },
    { "example-perf-stacks", { "" } },
    { "go-stacks", { "" } },
    { "java-inline", { "" } },
    { "no-events", { "" } },
    { "perf-cycles-instructions-01", PERF_ALL_OPTIONS },
    { "perf-dd-stacks-01", PERF_ALL_OPTIONS },
    { "perf-funcab-cmd-01", PERF_ALL_OPTIONS },
    { "perf-funcab-pid-01", PERF_ALL_OPTIONS },
    { "perf-iperf-stacks-pidtid-01", PERF_ALL_OPTIONS },
    { "perf-java-faults-01", PERF_ALL_OPTIONS },
    { "perf-java-stacks-01", PERF_ALL_OPTIONS },
    { "perf-java-stacks-02", PERF_ALL_OPTIONS },
    { "perf-js-stacks-01", PERF_ALL_OPTIONS },
    { "perf-mirageos-stacks-01", PERF_ALL_OPTIONS },
    { "perf-numa-stacks-01", PERF_ALL_OPTIONS },
    { "perf-rust-Yamakaky-dcpu", PERF_ALL_OPTIONS },
    { "perf-vertx-stacks-01", PERF_ALL_OPTIONS },
    { "single-event", { "" } },
    { "single-line-stacks", { "" } },
    { "sourcepawn-jitdump", { "", "jit" } },
    { "versioned-vmlinux", { "", "kernel" } },
};

#define PERF_NCASES (sizeof perf_cases / sizeof *perf_cases)

static bool perf_exists(const char *rel)
{
    return access(test_data_path(rel), R_OK) == 0;
}

/* The expected file for an input and option, Perl's first; NULL if none. */
static const char *perf_expected(const char *name, const char *option, char *buf, size_t cap)
{
    const char *dash = *option ? "-" : "";
    snprintf(buf, cap, "perf-script/%s.perl.expected%s%s.folded", name, dash, option);
    if (perf_exists(buf))
        return buf;
    snprintf(buf, cap, "perf-script/%s.expected%s%s.folded", name, dash, option);
    return perf_exists(buf) ? buf : NULL;
}

static void perf_set_option(struct load_perf_options *o, const char *option)
{
    if (strcmp(option, "pid") == 0)
        o->pid = true;
    else if (strcmp(option, "tid") == 0)
        o->tid = true;
    else if (strcmp(option, "kernel") == 0)
        o->kernel = true;
    else if (strcmp(option, "jit") == 0)
        o->jit = true;
    else if (strcmp(option, "all") == 0)
        o->kernel = o->jit = true;
    else if (strcmp(option, "addrs") == 0)
        o->addrs = true;
    else if (*option)
        fail_msg("unknown option suffix '%s'", option);
}

/* Report the first line where two folded texts differ. */
static void perf_fail_diff(const char *what, const char *want, const char *have)
{
    size_t line = 1;
    const char *w = want, *h = have;
    for (;;) {
        const char *wn = strchr(w, '\n'), *hn = strchr(h, '\n');
        size_t wl = wn ? (size_t)(wn - w) : strlen(w);
        size_t hl = hn ? (size_t)(hn - h) : strlen(h);
        if (wl != hl || memcmp(w, h, wl) != 0 || !wn != !hn)
            fail_msg("%s: line %zu differs:\n  expected: %.*s\n  flamex:   %.*s", what, line,
                     (int)(wl > 400 ? 400 : wl), w, (int)(hl > 400 ? 400 : hl), h);
        if (!wn)
            break;
        w = wn + 1;
        h = hn + 1;
        line++;
    }
    fail_msg("%s: outputs differ", what);
}

static void perf_check(const char *name, const char *option)
{
    char rel[512], exp_rel[512], what[600];
    snprintf(what, sizeof what, "%s%s%s", name, *option ? " --" : "", option);
    snprintf(rel, sizeof rel, "perf-script/%s.txt", name);
    if (!perf_exists(rel))
        snprintf(rel, sizeof rel, "perf-script/%s.txt.gz", name);
    if (!perf_expected(name, option, exp_rel, sizeof exp_rel))
        fail_msg("%s: no expected file", what);
    size_t want_len = 0;
    char *want = test_read_file(test_data_path(exp_rel), &want_len);
    assert_non_null(want);

    struct load_options opts = { .format = LOAD_FORMAT_PERF };
    perf_set_option(&opts.perf, option);
    struct load_report report;
    struct error_record err;
    struct profile *p = load_profile(test_data_path(rel), &opts, &report, &err);
    if (want_len == 0) {
        /* an input without samples: flamex says so instead of showing nothing */
        if (p)
            fail_msg("%s: loaded although the expected result is empty", what);
        assert_non_null(strstr(err.message, "no perf script samples found"));
        free(want);
        return;
    }
    if (!p)
        fail_msg("%s: %s", what, err.message);
    assert_int_equal(p->format, PROFILE_FORMAT_PERF);
    assert_int_equal(report.ignored, 0);
    char *have = test_export(p);
    if (strcmp(have, want) != 0)
        perf_fail_diff(what, want, have);
    free(have);
    free(want);
    profile_free(p);
}

/* One input with one option: a test of its own, so the summary counts pairs. */
struct perf_pair {
    const char *name;
    const char *option;
    char title[128];
};

static void test_perf_pair(void **state)
{
    const struct perf_pair *pair = *state;
    perf_check(pair->name, pair->option);
}

/* Every expected file in the folder is some case's expected file. */
static void test_every_expected_file_is_covered(void **state)
{
    (void)state;
    DIR *dir = opendir(test_data_path("perf-script"));
    assert_non_null(dir);
    struct dirent *de;
    size_t covered = 0;
    while ((de = readdir(dir)) != NULL) {
        const char *f = de->d_name;
        if (!strstr(f, ".expected") || !strstr(f, ".folded"))
            continue;
        bool found = false;
        for (size_t i = 0; i < PERF_NCASES && !found; i++) {
            const struct perf_case *c = &perf_cases[i];
            size_t n = strlen(c->name);
            if (strncmp(f, c->name, n) != 0 || f[n] != '.')
                continue;
            for (size_t k = 0; k < 8 && c->options[k] && !found; k++) {
                char buf[512];
                const char *exp = perf_expected(c->name, c->options[k], buf, sizeof buf);
                found = exp && strcmp(exp + strlen("perf-script/"), f) == 0;
            }
        }
        if (!found)
            fail_msg("perf-script/%s is not checked by any case", f);
        covered++;
    }
    closedir(dir);
    assert_int_equal(covered, 102);
}

#define PERF_MAX_PAIRS (PERF_NCASES * 8)

int main(void)
{
    static struct perf_pair pairs[PERF_MAX_PAIRS];
    static struct CMUnitTest tests[PERF_MAX_PAIRS + 1];
    size_t n = 0;
    for (size_t i = 0; i < PERF_NCASES; i++) {
        for (size_t k = 0; k < 8 && perf_cases[i].options[k]; k++) {
            struct perf_pair *pair = &pairs[n];
            pair->name = perf_cases[i].name;
            pair->option = perf_cases[i].options[k];
            snprintf(pair->title, sizeof pair->title, "perf conformance: %s%s%s", pair->name,
                     *pair->option ? " --" : "", pair->option);
            struct CMUnitTest t = { pair->title, test_perf_pair, NULL, NULL, pair };
            tests[n++] = t;
        }
    }
    struct CMUnitTest cover = cmocka_unit_test(test_every_expected_file_is_covered);
    tests[n++] = cover;
    return _cmocka_run_group_tests("perf_conformance", tests, n, NULL, NULL);
}
