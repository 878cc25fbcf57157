/* redraw.c - time the viewer's work per key: app_key + layout + app_draw into a
 * frame, at a given size, on a given profile; with a second file, compare
 * mode's (both panes, the differential view, the change list).
 * Usage: redraw FILE [COLSxROWS [AFTER]]
 * Prints per-key percentiles in milliseconds. Part of `make bench`. */
#include "flamex/view/app.h"
#include "flamex/view/compare.h"
#include "flamex/analysis/diff.h"
#include "flamex/view/view.h"
#include "flamex/view/keymap.h"
#include "flamex/view/keys.h"
#include "flamex/load/load.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

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

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: redraw FILE [COLSxROWS [AFTER]]\n");
        return 2;
    }
    int cols = 300, rows = 100;
    if (argc > 2 && sscanf(argv[2], "%dx%d", &cols, &rows) != 2) {
        fprintf(stderr, "redraw: bad size '%s'\n", argv[2]);
        return 2;
    }
    struct load_options lo = { 0 };
    struct error_record err;
    double t0 = now_ms();
    struct profile *p = load_profile(argv[1], &lo, NULL, &err);
    if (!p) {
        fprintf(stderr, "redraw: %s: %s\n", err.path, err.message);
        return 2;
    }
    double t1 = now_ms();
    struct profile *after = NULL, *merged = NULL;
    double merge_ms = 0;
    if (argc > 3) {
        after = load_profile(argv[3], &lo, NULL, &err);
        if (!after) {
            fprintf(stderr, "redraw: %s: %s\n", err.path, err.message);
            return 2;
        }
        double m0 = now_ms();
        merged = diff_merge(p, p->default_type, after, after->default_type, NULL, &err);
        merge_ms = now_ms() - m0;
        if (!merged) {
            fprintf(stderr, "redraw: %s\n", err.message);
            return 2;
        }
    }
    struct keymap km;
    keymap_init(&km);
    struct app_options ao = { 0 };
    struct app app;
    struct compare cmp;
    struct view view;
    if (merged) {
        struct compare_options co = { .app = ao, .mode = COMPARE_SIDE_BY_SIDE };
        compare_init(&cmp, merged, &km, &co);
        view_of_compare(&view, &cmp);
    } else {
        app_init(&app, p, &km, &ao);
        view_of_app(&view, &app);
    }
    view.resize(view.ctx, cols, rows);
    struct frame f;
    frame_init(&f, cols, rows, false);
    view.draw(view.ctx, &f);

    /* A walk a person might do: climb, wander, zoom, back, flip, reorder; in
     * compare mode also the other pane, the differential view and its
     * widths, normalisation and the change list. */
    const char *script = merged
        ? "kkkkkkkkllllhhhhkkkk<Enter>kkkll<Enter><BS><BS>wjjjjjkkk<Enter>wssgG<PageUp><PageDown>"
          "dkkkklllbbbmm<Enter><BS>dHjjjjj<Tab>Hlllllllkkkkkkkk<Enter>r"
        : "kkkkkkkkllllhhhhkkkk<Enter>kkkll<Enter><BS><BS>jjjjjiissgG<PageUp><PageDown>"
          "lllllllllllllllllllkkkkkkkkkkkkkk<Enter>r";
    int keys[512];
    long nkeys = keys_parse(script, keys, 512, &err);
    double *ms = malloc((size_t)nkeys * 5 * sizeof *ms);
    size_t n = 0;
    for (int round = 0; round < 5; round++) {
        for (long i = 0; i < nkeys; i++) {
            double a = now_ms();
            view.key(view.ctx, keys[i]);
            view.draw(view.ctx, &f);
            ms[n++] = now_ms() - a;
        }
    }
    qsort(ms, n, sizeof *ms, cmp_double);
    /* Not a redraw but an analysis: Enter in the change list searches for the
     * function in all three views (each computes its match totals). */
    double enter_ms = 0;
    if (merged) {
        int k[8];
        long nk = keys_parse("rH<Tab>jj<Enter>", k, 8, &err);
        for (long i = 0; i + 1 < nk; i++)
            view.key(view.ctx, k[i]);
        double a = now_ms();
        view.key(view.ctx, k[nk - 1]);
        view.draw(view.ctx, &f);
        enter_ms = now_ms() - a;
    }
    double target = merged ? 10.0 : 5.0;
    if (merged)
        printf("redraw compare %dx%d, %u + %u nodes merged into %u in %.0f ms: ", cols, rows,
               tree_count(p->tree), tree_count(after->tree), tree_count(merged->tree), merge_ms);
    else
        printf("redraw %dx%d, %u nodes (load %.0f ms): ", cols, rows, tree_count(p->tree), t1 - t0);
    printf("keys=%zu median=%.3f ms p95=%.3f ms max=%.3f ms  %s (p95 %s %.0f ms)\n", n, ms[n / 2],
           ms[n * 95 / 100], ms[n - 1], ms[n * 95 / 100] < target ? "PASS" : "FAIL",
           ms[n * 95 / 100] < target ? "<" : ">=", target);
    if (merged)
        printf("compare: Enter in the change list (search + select + match totals in both panes): %.1f ms\n",
               enter_ms);
    free(ms);
    frame_free(&f);
    if (merged) {
        compare_free(&cmp);
        profile_free(merged);
        profile_free(after);
    } else {
        app_free(&app);
    }
    profile_free(p);
    return 0;
}
