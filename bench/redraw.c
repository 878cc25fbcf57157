/* redraw.c - time the viewer's work per key: app_key + layout + app_draw into a
 * frame, at a given size, on a given profile. Usage: redraw FILE [COLSxROWS]
 * Prints per-key percentiles in milliseconds. Part of `make bench`. */
#include "flamex/app.h"
#include "flamex/keymap.h"
#include "flamex/keys.h"
#include "flamex/load.h"

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
        fprintf(stderr, "usage: redraw FILE [COLSxROWS]\n");
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
    struct keymap km;
    keymap_init(&km);
    struct app_options ao = { 0 };
    struct app app;
    app_init(&app, p, &km, &ao);
    app_resize(&app, cols, rows);
    struct frame f;
    frame_init(&f, cols, rows, false);
    app_draw(&app, &f);

    /* A walk a person might do: climb, wander, zoom, back, flip, reorder. */
    const char *script = "kkkkkkkkllllhhhhkkkk<Enter>kkkll<Enter><BS><BS>jjjjjiissgG<PageUp><PageDown>"
                         "lllllllllllllllllllkkkkkkkkkkkkkk<Enter>r";
    int keys[512];
    long nkeys = keys_parse(script, keys, 512, &err);
    double *ms = malloc((size_t)nkeys * 5 * sizeof *ms);
    size_t n = 0;
    for (int round = 0; round < 5; round++) {
        for (long i = 0; i < nkeys; i++) {
            double a = now_ms();
            app_key(&app, keys[i]);
            app_draw(&app, &f);
            ms[n++] = now_ms() - a;
        }
    }
    qsort(ms, n, sizeof *ms, cmp_double);
    printf("redraw %dx%d, %u nodes (load %.0f ms): keys=%zu median=%.3f ms p95=%.3f ms max=%.3f ms  %s\n",
           cols, rows, tree_count(p->tree), t1 - t0, n, ms[n / 2], ms[n * 95 / 100], ms[n - 1],
           ms[n * 95 / 100] < 5.0 ? "PASS (p95 < 5 ms)" : "FAIL (p95 >= 5 ms)");
    free(ms);
    frame_free(&f);
    app_free(&app);
    profile_free(p);
    return 0;
}
