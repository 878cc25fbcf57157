/* draw_sidebar.c - the pane at the right of the graph: the hot functions
 * (self%, total%, name) or the shapes (plateaus by self, towers by height),
 * with a cursor that shows where the focus is. */
#include "flamex/config/style.h"

#include <stdio.h>
#include <string.h>

#include "app_internal.h"

void draw_percent6(char *buf, size_t cap, double v, double total)
{
    if (!(total != 0)) {
        snprintf(buf, cap, "%6s", "-");
        return;
    }
    double p = 100.0 * v / total;
    if (p > 999.9 || p < -99.9)
        snprintf(buf, cap, "%5.0f%%", p);
    else
        snprintf(buf, cap, "%5.1f%%", p);
}

/* One entry: two right-aligned 6-column numbers, then the name; the name is
 * drawn in the match style when the search matches it (and the row is not
 * the cursor's). */
static void draw_sidebar_row(struct app *app, struct frame *f, int x, int y, int w,
                             const char *a, const char *b, uint32_t name, uint16_t style)
{
    char cols[32];
    snprintf(cols, sizeof cols, "%6s %6s ", a, b);
    frame_fill(f, x, y, w, ' ', style);
    int used = frame_puts(f, x, y, w, cols, style);
    if (used >= w)
        return;
    size_t len;
    const char *bytes = NULL;
    if (name != STRTAB_NONE && name < strtab_count(app->profile->names))
        bytes = strtab_get(app->profile->names, name, &len);
    if (!bytes) {
        bytes = "all";
        len = 3;
    }
    const struct search *s = &app->search;
    bool match = style == STYLE_SIDEBAR && s->matches && name < s->nnames && s->matches[name];
    frame_text(f, x + used, y, w - used, bytes, len, match ? STYLE_MATCH : style);
}

static uint16_t draw_sidebar_style(const struct app *app, size_t i)
{
    if (i != app->cursor[app->list])
        return STYLE_SIDEBAR;
    return app->focus == APP_FOCUS_SIDEBAR ? STYLE_SIDEBAR_CURSOR : STYLE_SIDEBAR_MARK;
}

static void draw_sidebar_hot(struct app *app, struct frame *f, int x, int y0, int w)
{
    const struct hot_list *hot = &app->cache.hot;
    frame_fill(f, x, y0, w, ' ', STYLE_SIDEBAR_TITLE);
    frame_puts(f, x, y0, w, " self% total% function", STYLE_SIDEBAR_TITLE);
    int vis = app_graph_rows(app) - 2; /* below the title and the headings */
    if (hot->count == 0 && vis > 0)
        frame_puts(f, x + 1, y0 + 1, w - 1, "(nothing to rank)", STYLE_SIDEBAR);
    for (int r = 0; r < vis; r++) {
        size_t i = app->side_scroll[APP_LIST_HOT] + (size_t)r;
        if (i >= hot->count)
            break;
        const struct hot_entry *e = &hot->entries[i];
        char a[16], b[16];
        draw_percent6(a, sizeof a, e->flat, hot->total);
        draw_percent6(b, sizeof b, e->cum, hot->total);
        draw_sidebar_row(app, f, x, y0 + 1 + r, w, a, b, e->name, draw_sidebar_style(app, i));
    }
}

static void draw_sidebar_shapes(struct app *app, struct frame *f, int x, int y0, int w)
{
    const struct shapes *sh = &app->cache.shapes;
    const struct shapes_options *o = &app->shapes_opts;
    size_t rows = app_shapes_rows(app);
    size_t first_tower_row = app_shapes_row(app, sh->nplateaus);
    int vis = app_graph_rows(app) - 1; /* below the title */
    const struct tree *tree = app->profile->tree;
    for (int r = 0; r < vis; r++) {
        size_t row = app->side_scroll[APP_LIST_SHAPES] + (size_t)r;
        int y = y0 + r;
        if (row >= rows)
            break;
        char text[96];
        if (row == 0 || row == first_tower_row - 1) {
            frame_fill(f, x, y, w, ' ', STYLE_SIDEBAR_TITLE);
            frame_puts(f, x, y, w, row == 0 ? " self% total% plateaus" : "height total% towers",
                       STYLE_SIDEBAR_TITLE);
            continue;
        }
        if (row < first_tower_row - 1) {
            size_t i = row - 1;
            if (i >= sh->nplateaus) {
                snprintf(text, sizeof text, "(none with self >= %g%%)",
                         o->plateau_self_share * 100);
                frame_puts(f, x + 1, y, w - 1, text, STYLE_SIDEBAR);
                continue;
            }
            const struct shape *s = &sh->plateaus[i];
            char a[16], b[16];
            draw_percent6(a, sizeof a, s->self, sh->view_total);
            draw_percent6(b, sizeof b, s->total, sh->view_total);
            draw_sidebar_row(app, f, x, y, w, a, b, tree_name(tree, s->node),
                             draw_sidebar_style(app, i));
            continue;
        }
        size_t j = row - first_tower_row;
        if (j >= sh->ntowers) {
            snprintf(text, sizeof text, "(none >= %u deep, <= %g%%)", o->tower_min_depth,
                     o->tower_max_share * 100);
            frame_puts(f, x + 1, y, w - 1, text, STYLE_SIDEBAR);
            continue;
        }
        const struct shape *s = &sh->towers[j];
        char a[16], b[16];
        snprintf(a, sizeof a, "%u", s->height);
        draw_percent6(b, sizeof b, s->total, sh->view_total);
        draw_sidebar_row(app, f, x, y, w, a, b, tree_name(tree, s->node),
                         draw_sidebar_style(app, sh->nplateaus + j));
    }
}

void draw_sidebar(struct app *app, struct frame *f)
{
    int w = app_sidebar_cols(app);
    if (w < 2)
        return;
    app_sidebar_clamp(app); /* brings the list up to date too */
    int x0 = app_graph_cols(app), rows = app_graph_rows(app), y0 = APP_GRAPH_TOP;
    const char *border = f->ascii ? "|" : "\xe2\x94\x82";
    for (int y = y0; y < y0 + rows; y++) {
        frame_fill(f, x0, y, w, ' ', STYLE_SIDEBAR);
        frame_puts(f, x0, y, 1, border, STYLE_SIDEBAR);
    }
    int x = x0 + 1;
    w--;
    /* Title: what is listed, and within what. */
    const char *what = app->list == APP_LIST_SHAPES ? "Shapes"
                     : app->rank == HOT_BY_FLAT     ? "Hot by self"
                                                    : "Hot by total";
    const char *scope = app->scope_zoom ? "zoomed" : "profile";
    frame_fill(f, x, y0, w, ' ', STYLE_SIDEBAR_TITLE);
    int tw = frame_puts(f, x + 1, y0, w - 1, what, STYLE_SIDEBAR_TITLE);
    int sw = (int)strlen(scope);
    if (tw + sw + 3 <= w)
        frame_puts(f, x + w - sw - 1, y0, sw, scope, STYLE_SIDEBAR_TITLE);
    if (rows < 2)
        return;
    if (app->list == APP_LIST_HOT)
        draw_sidebar_hot(app, f, x, y0 + 1, w);
    else
        draw_sidebar_shapes(app, f, x, y0 + 1, w);
}
