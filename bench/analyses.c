/* analyses.c - time the analyses behind the search prompt, the hot-function
 * sidebar and shape highlighting on a whole profile. Usage: analyses FILE
 *
 * Each measurement runs RUNS times; the median is judged against the issue's
 * targets (a million-node profile: search over all names plus the matched
 * total < 100 ms, hot ranking < 200 ms, shape detection < 200 ms) and the best
 * is shown beside it. Part of `make bench`. Exit status: 0, or 2 when the file
 * cannot be loaded (a missed target is reported, not an error). */
#include "flamex/analysis/hot.h"
#include "flamex/load/load.h"
#include "flamex/analysis/search.h"
#include "flamex/analysis/shapes.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define RUNS 7

static double now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

struct timing {
    double best, median;
};

static struct timing summarise(double *ms)
{
    qsort(ms, RUNS, sizeof *ms, cmp_double);
    return (struct timing){ ms[0], ms[RUNS / 2] };
}

static int failures;

static void report(const char *what, struct timing t, double target, const char *detail)
{
    char verdict[40];
    if (target <= 0)
        snprintf(verdict, sizeof verdict, "(no target)");
    else if (t.median < target)
        snprintf(verdict, sizeof verdict, "PASS (< %.0f ms)", target);
    else {
        snprintf(verdict, sizeof verdict, "FAIL (>= %.0f ms)", target);
        failures++;
    }
    printf("  %-40s median %7.1f ms  best %7.1f ms  %-17s %s\n", what, t.median, t.best, verdict,
           detail);
}

static void bench_search(const struct profile *p, const char *pattern, double target)
{
    double ms[RUNS], set_ms[RUNS];
    double matched = 0;
    size_t frames = 0;
    struct search s = { 0 };
    for (int r = 0; r < RUNS; r++) {
        double a = now_ms();
        if (!search_set(&s, p, pattern, SEARCH_CASE_SMART)) {
            printf("  search '%s': %s\n", pattern, s.error);
            return;
        }
        double b = now_ms();
        search_totals(&s, p, p->default_type, TREE_ROOT, &matched, &frames);
        double c = now_ms();
        ms[r] = c - a;
        set_ms[r] = b - a;
    }
    struct timing set = summarise(set_ms);
    char what[80], detail[1024];
    snprintf(what, sizeof what, "search /%.24s/ + total", pattern);
    double whole = tree_total(p->tree, TREE_ROOT, p->default_type);
    snprintf(detail, sizeof detail, "(compile+match %.1f ms; %u names, %zu frames, %.1f%%%s%s)",
             set.median, s.nmatched_names, frames, whole > 0 ? 100.0 * matched / whole : 0.0,
             s.error[0] ? "; " : "", s.error);
    report(what, summarise(ms), target, detail);
    search_clear(&s);
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: analyses FILE\n");
        return 2;
    }
    struct load_options lo = { 0 };
    struct error_record err;
    double t0 = now_ms();
    struct profile *p = load_profile(argv[1], &lo, NULL, &err);
    if (!p) {
        fprintf(stderr, "analyses: %s: %s\n", err.path, err.message);
        return 2;
    }
    double load = now_ms() - t0;
    size_t t = p->default_type;
    printf("analyses %s: %u nodes, %u names, depth %u (load %.0f ms), median of %d runs\n",
           argv[1], tree_count(p->tree), strtab_count(p->names), tree_max_depth(p->tree), load,
           RUNS);

    /* a plain word, an anchored pattern, an alternation in smart case, and a
     * catastrophic one that the match limit has to stop */
    bench_search(p, "encrypt", 100);
    bench_search(p, "^__se_sys_.*slowpath$", 100);
    bench_search(p, "tcp|irq|page_fault", 100);
    bench_search(p, "^(\\w+_?)*\\W$", 100);

    double ms[RUNS];
    size_t count = 0;
    for (int r = 0; r < RUNS; r++) {
        struct hot_list l;
        double a = now_ms();
        hot_compute(p, t, TREE_ROOT, HOT_BY_FLAT, &l);
        ms[r] = now_ms() - a;
        count = l.count;
        hot_free(&l);
    }
    char detail[160];
    snprintf(detail, sizeof detail, "(%zu functions)", count);
    report("hot ranking (hot_compute, by self)", summarise(ms), 200, detail);

    struct shapes_options so = shapes_default_options();
    struct shapes sh = { 0 };
    for (int r = 0; r < RUNS; r++) {
        shapes_free(&sh);
        double a = now_ms();
        shapes_find(p, t, TREE_ROOT, &so, &sh);
        ms[r] = now_ms() - a;
    }
    snprintf(detail, sizeof detail, "(%zu plateaus, %zu towers)", sh.nplateaus, sh.ntowers);
    report("shapes (shapes_find, whole profile)", summarise(ms), 200, detail);
    shapes_free(&sh);

    /* zoomed: the widest child of the root, through the explicit-stack walk */
    size_t nkids;
    const uint32_t *kids = tree_children(p->tree, TREE_ROOT, TREE_ORDER_ALPHA, &nkids);
    uint32_t widest = TREE_ROOT;
    for (size_t i = 0; i < nkids; i++)
        if (widest == TREE_ROOT || tree_total(p->tree, kids[i], t) > tree_total(p->tree, widest, t))
            widest = kids[i];
    for (int r = 0; r < RUNS; r++) {
        shapes_free(&sh);
        double a = now_ms();
        shapes_find(p, t, widest, &so, &sh);
        ms[r] = now_ms() - a;
    }
    snprintf(detail, sizeof detail, "(%u nodes; %zu plateaus, %zu towers)",
             tree_subtree_size(p->tree, widest), sh.nplateaus, sh.ntowers);
    report("shapes (zoomed on the widest child)", summarise(ms), 200, detail);
    shapes_free(&sh);

    printf("analyses: %s\n", failures ? "FAIL" : "PASS (all targets met)");
    profile_free(p);
    return 0;
}
