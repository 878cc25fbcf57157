/* diff.c - time merging two large profiles for compare mode (diff_merge).
 * Usage: diff [NODES]   (default 1000000 tree nodes per profile)
 *
 * Builds two deterministic profiles in memory through the loaders' sink
 * (profile_add_stack), each of about NODES nodes: BEFORE adds generated stacks
 * until its tree has NODES nodes; AFTER replays the same stacks with changes
 * (one in 16 dropped, one in 8 ending in other frames, one in 4 with another
 * count) and some stacks of its own, so the two share most call paths and
 * differ in some. Stacks come from a fixed-seed splitmix64 stream per stack:
 * 8 thread roots, 4..40 frames, each frame's name drawn from a small fan-out
 * below its caller's out of 20,000 names, so stacks share long prefixes.
 *
 * Prints the node counts, the best and median of RUNS diff_merge calls
 * against the target (merging two million-node profiles in under
 * 1 s), the time of diff_functions and of the text report on the result, and
 * the peak RSS before and after merging. Part of `make bench`; exit status 0
 * (a missed target is reported, not an error), 2 on bad usage or failure. */
#include "flamex/analysis/diff.h"
#include "flamex/output/report_diff.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#define RUNS 3
#define NNAMES 20000
#define MAX_DEPTH 40
#define TARGET_MS 1000.0

static double now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static double peak_rss_mb(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return (double)ru.ru_maxrss * 1024 / 1e6;
}

static uint64_t splitmix64(uint64_t *s)
{
    uint64_t z = (*s += 0x9e3779b97f4a7c15u);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
}

/* The name table: "pkgN.TypeM.methodK" style, about 30 bytes each. */
struct names {
    char *bytes[NNAMES];
    size_t len[NNAMES];
};

static void names_init(struct names *n)
{
    static const char *const verbs[] = { "get", "put", "scan", "encode", "decode",
                                         "serve", "flush", "lookup", "merge", "parse" };
    for (uint32_t i = 0; i < NNAMES; i++) {
        char buf[64];
        int len = snprintf(buf, sizeof buf, "pkg%u.Type%u.%s%u", i % 97, i % 1013,
                           verbs[i % 10], i);
        n->bytes[i] = malloc((size_t)len + 1);
        memcpy(n->bytes[i], buf, (size_t)len + 1);
        n->len[i] = (size_t)len;
    }
}

/* Stack number i of the stream: its frames (name ids) and count; variant 1
 * is AFTER's version. Returns the depth, 0 when AFTER drops the stack. */
static size_t make_stack(uint64_t i, int variant, uint32_t *ids, int64_t *count)
{
    uint64_t s = i * 0x2545f4914f6cdd1du + 7;
    uint64_t r = splitmix64(&s);
    uint64_t change = splitmix64(&s);
    if (variant && change % 16 == 0)
        return 0;
    size_t depth = 4 + (size_t)(r % (MAX_DEPTH - 3));
    uint32_t prev = (uint32_t)(r >> 32) % 8;
    ids[0] = prev;
    for (size_t d = 1; d < depth; d++) {
        uint64_t x = splitmix64(&s);
        uint32_t fanout = 2 + (uint32_t)d / 3;
        uint32_t choice = (uint32_t)(x % fanout);
        if (variant && (change >> 8) % 8 == 0 && d + 3 >= depth)
            choice += fanout; /* other frames near the leaf */
        uint64_t h = (uint64_t)prev * 0x9e3779b1u + choice * 0x85ebca6bu + d;
        prev = 8 + (uint32_t)(h % (NNAMES - 8));
        ids[d] = prev;
    }
    *count = 1 + (int64_t)((r >> 8) % 50);
    if (variant && (change >> 16) % 4 == 0)
        *count = *count * 3 + 1;
    return depth;
}

static bool add_stack(struct profile *p, const struct names *n, const uint32_t *ids,
                      size_t depth, int64_t count)
{
    struct frame_ref fr[MAX_DEPTH];
    for (size_t d = 0; d < depth; d++) {
        fr[d].name = n->bytes[ids[d]];
        fr[d].len = n->len[ids[d]];
    }
    struct sample_value v = { count, (double)count, true };
    struct error_record err;
    if (!profile_add_stack(p, fr, depth, &v, 0, &err)) {
        fprintf(stderr, "diff: %s\n", err.message);
        return false;
    }
    return true;
}

static struct profile *new_profile(const char *source)
{
    struct profile *p = profile_new(source, PROFILE_FORMAT_FOLDED);
    const char *types[1] = { "samples" };
    struct error_record err;
    if (!profile_set_types(p, 1, types, NULL, &err)) {
        fprintf(stderr, "diff: %s\n", err.message);
        exit(2);
    }
    return p;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
    unsigned long target_nodes = 1000000;
    if (argc > 2 || (argc == 2 && (sscanf(argv[1], "%lu", &target_nodes) != 1 ||
                                   target_nodes < 10 || target_nodes > 100000000))) {
        fprintf(stderr, "usage: diff [NODES]   (10..100000000, default 1000000)\n");
        return 2;
    }
    static struct names names;
    names_init(&names);
    uint32_t ids[MAX_DEPTH];
    int64_t count;

    double t0 = now_ms();
    struct profile *before = new_profile("before");
    uint64_t nstacks = 0;
    while (tree_count(before->tree) < target_nodes) {
        size_t depth = make_stack(nstacks++, 0, ids, &count);
        if (!add_stack(before, &names, ids, depth, count))
            return 2;
    }
    profile_finish(before);
    struct profile *after = new_profile("after");
    for (uint64_t i = 0; i < nstacks; i++) {
        size_t depth = make_stack(i, 1, ids, &count);
        if (depth && !add_stack(after, &names, ids, depth, count))
            return 2;
    }
    /* stacks of AFTER's own: the stream's continuation */
    for (uint64_t i = nstacks; i < nstacks + nstacks / 16; i++) {
        size_t depth = make_stack(i, 1, ids, &count);
        if (depth && !add_stack(after, &names, ids, depth, count))
            return 2;
    }
    profile_finish(after);
    double built = now_ms() - t0;
    double rss_inputs = peak_rss_mb();

    uint32_t nb = tree_count(before->tree), na = tree_count(after->tree), nm = 0;
    double ms[RUNS];
    struct profile *merged = NULL;
    for (int r = 0; r < RUNS; r++) {
        profile_free(merged);
        struct error_record err;
        double a = now_ms();
        merged = diff_merge(before, 0, after, 0, NULL, &err);
        ms[r] = now_ms() - a;
        if (!merged) {
            fprintf(stderr, "diff: merge failed: %s\n", err.message);
            return 2;
        }
        nm = tree_count(merged->tree);
    }
    double rss_merged = peak_rss_mb();
    qsort(ms, RUNS, sizeof *ms, cmp_double);

    uint32_t only_before = 0, only_after = 0;
    for (uint32_t n = 1; n < nm; n++) {
        bool b = diff_present(merged, n, DIFF_BEFORE), a = diff_present(merged, n, DIFF_AFTER);
        only_before += b && !a;
        only_after += a && !b;
    }
    printf("diff_merge benchmark: BEFORE %u nodes (%llu stacks), AFTER %u nodes; merged %u nodes "
           "(%u only in BEFORE, %u only in AFTER); inputs built in %.0f ms\n",
           nb, (unsigned long long)nstacks, na, nm, only_before, only_after, built);
    printf("  %-40s best %7.1f ms  median %7.1f ms  %s\n", "diff_merge (best of 3)", ms[0],
           ms[RUNS / 2], ms[0] < TARGET_MS ? "PASS (< 1000 ms)" : "FAIL (>= 1000 ms)");

    double a = now_ms();
    struct diff_functions fl;
    struct diff_rank rank = { 0, TREE_ROOT, HOT_BY_FLAT, true };
    diff_functions(merged, &rank, &fl);
    double fn_ms = now_ms() - a;
    printf("  %-40s %7.1f ms  (%zu functions, %zu grew, %zu shrank; no target)\n",
           "diff_functions (whole profile)", fn_ms, fl.count, fl.grew, fl.shrank);
    diff_functions_free(&fl);

    FILE *null = fopen("/dev/null", "w");
    if (null) {
        struct report_diff_options o = report_diff_default_options();
        a = now_ms();
        bool ok = report_diff(null, merged, &o);
        double rep_ms = now_ms() - a;
        fclose(null);
        printf("  %-40s %7.1f ms  %s\n", "report_diff (text report)", rep_ms,
               ok ? "(no target)" : "(write failed)");
    }
    printf("  peak RSS: %.1f MB with both inputs, %.1f MB after merging\n", rss_inputs,
           rss_merged);
    printf("diff: %s\n", ms[0] < TARGET_MS ? "PASS" : "FAIL");
    profile_free(merged);
    profile_free(before);
    profile_free(after);
    for (uint32_t i = 0; i < NNAMES; i++)
        free(names.bytes[i]);
    return 0;
}
