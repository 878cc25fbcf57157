/* draw.c - the whole screen: breadcrumb, graph, status lines, help overlay. */
#include "flamex/numfmt.h"
#include "flamex/style.h"

#include <stdio.h>
#include <string.h>

#include "app_internal.h"

void draw_breadcrumb(struct app *app, struct frame *f)
{
    frame_fill(f, 0, 0, f->cols, ' ', STYLE_BREADCRUMB);
    /* Collect the zoom path root-first, then print as much as fits from the end. */
    const struct tree *tree = app->profile->tree;
    uint32_t depth = tree_depth(tree, app->zoom);
    int x = 0;
    const char *sep = app->ascii ? " > " : " \xe2\x80\xba ";
    uint32_t first = depth >= 8 ? depth - 7 : 0; /* at most 8 steps: path[] */
    if (first > 0) {
        x += frame_puts(f, x, 0, f->cols - x, "all", STYLE_BREADCRUMB);
        if (first > 1) {
            x += frame_puts(f, x, 0, f->cols - x, sep, STYLE_BREADCRUMB);
            x += frame_puts(f, x, 0, f->cols - x, app->ascii ? "..." : "\xe2\x80\xa6",
                            STYLE_BREADCRUMB);
        }
    }
    uint32_t path[8];
    uint32_t n = app->zoom, count = 0;
    for (uint32_t d = depth + 1; d-- > first;) {
        path[d - first] = n;
        count++;
        n = tree_parent(tree, n);
    }
    for (uint32_t i = 0; i < count && x < f->cols; i++) {
        if (i || first)
            x += frame_puts(f, x, 0, f->cols - x, sep, STYLE_BREADCRUMB);
        size_t len;
        const char *name = profile_node_name(app->profile, path[i], &len);
        int room = f->cols - x;
        if (i + 1 < count && room > 24)
            room = 24; /* keep room for the deeper steps */
        x += frame_text(f, x, 0, room, name, len, i + 1 == count ? STYLE_STATUS_KEY : STYLE_BREADCRUMB);
    }
}

void draw_status(struct app *app, struct frame *f)
{
    const struct profile *p = app->profile;
    const struct tree *tree = p->tree;
    size_t t = app->type;
    const char *unit = p->types[t].unit;
    int y1 = f->rows - 2, y2 = f->rows - 1;
    frame_fill(f, 0, y1, f->cols, ' ', STYLE_STATUS);
    frame_fill(f, 0, y2, f->cols, ' ', STYLE_STATUS);

    size_t len;
    const char *name = profile_node_name(p, app->selected, &len);
    frame_text(f, 0, y1, f->cols, name, len, STYLE_STATUS_KEY);

    double total = tree_total(tree, app->selected, t);
    double self = tree_self(tree, app->selected, t);
    double all = tree_total(tree, TREE_ROOT, t);
    double view = tree_total(tree, app->zoom, t);
    char v[64], sv[64], pa[32], pv[32], ps[32];
    numfmt_unit(v, sizeof v, total, unit);
    numfmt_unit(sv, sizeof sv, self, unit);
    numfmt_percent(pa, sizeof pa, total, all);
    numfmt_percent(pv, sizeof pv, total, view);
    numfmt_percent(ps, sizeof ps, self, all);
    const char *a = pa, *b = pv, *c = ps;
    while (*a == ' ') a++;
    while (*b == ' ') b++;
    while (*c == ' ') c++;
    bool count_unit = strcmp(unit, "count") == 0;
    char line[512];
    int n = snprintf(line, sizeof line, "%s%s%s (%s of total, %s of view) self %s (%s) depth %u",
                     v, count_unit ? " " : "", count_unit ? p->types[t].name : "", a, b, sv, c,
                     tree_depth(tree, app->selected));
    if (app->layout.hidden && n > 0 && (size_t)n < sizeof line)
        n += snprintf(line + n, sizeof line - (size_t)n, "  %llu narrow hidden",
                      (unsigned long long)app->layout.hidden);
    if (p->ntypes > 1 && n > 0 && (size_t)n < sizeof line)
        snprintf(line + n, sizeof line - (size_t)n, "  [%s]", p->types[t].name);
    const char *hints = "?:help q:quit";
    int hint_w = (int)strlen(hints);
    int x = 0;
    if (app->message[0]) {
        x = frame_puts(f, 0, y2, f->cols, app->message, STYLE_STATUS_KEY);
        x += x ? 2 : 0;
    }
    int line_w = (int)strlen(line); /* ASCII: numbers and type names */
    /* Key hints only where they do not push the numbers off the line. */
    if (x + line_w + 2 + hint_w <= f->cols)
        frame_puts(f, f->cols - hint_w, y2, hint_w, hints, STYLE_STATUS_KEY);
    frame_puts(f, x, y2, f->cols - x, line, STYLE_STATUS);
}

void app_draw(struct app *app, struct frame *f)
{
    app_ensure_layout(app);
    if (f->cols != app->cols || f->rows != app->rows)
        frame_resize(f, app->cols, app->rows);
    f->ascii = app->ascii;
    frame_clear(f, STYLE_DEFAULT);
    if (app->cols < 16 || app->rows < 4) {
        frame_puts(f, 0, 0, f->cols, "terminal too small", STYLE_ERROR);
        if (f->rows > 1)
            frame_puts(f, 0, 1, f->cols, "(need 16x4)", STYLE_ERROR);
        return;
    }
    if (app->help) {
        draw_help(app, f);
        return;
    }
    if (app->rows >= 4)
        draw_breadcrumb(app, f);
    draw_flame(app, f);
    if (app->rows >= 3)
        draw_status(app, f);
}
