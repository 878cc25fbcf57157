/* draw_sidebar.c - the pane at the right of the graph: the hot functions
 * (self%, total%, name) or the shapes (plateaus by self, towers by height),
 * with a cursor that shows where the focus is. */
#include "flamex/base/numfmt.h"
#include "flamex/config/style.h"

#include <stdio.h>
#include <string.h>

#include "draw_internal.h"

/* One entry: two right-aligned 6-column numbers, then the name; the name is
 * drawn in the match style when the search matches it (and the row is not
 * the cursor's). */
static void draw_sidebar_row(const struct app *app, struct frame *f, int x, int y, int w,
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

static uint16_t draw_sidebar_style(const struct app *app, const struct list *l, size_t i)
{
    if (i != l->cursor)
        return STYLE_SIDEBAR;
    return app->focus == APP_FOCUS_SIDEBAR ? STYLE_SIDEBAR_CURSOR : STYLE_SIDEBAR_MARK;
}

/* Entry r.entry of the hot list, or of the shapes (plateaus, then towers). */
static void draw_sidebar_entry(const struct app *app, const struct list *l, struct frame *f,
                               int x, int y, int w, struct list_row r)
{
    char a[16], b[16];
    uint16_t style = draw_sidebar_style(app, l, r.entry);
    if (app->list == APP_LIST_HOT) {
        const struct hot_list *hot = &app->cache.hot;
        const struct hot_entry *e = &hot->entries[r.entry];
        numfmt_percent1(a, sizeof a, e->flat, hot->total, 6);
        numfmt_percent1(b, sizeof b, e->cum, hot->total, 6);
        draw_sidebar_row(app, f, x, y, w, a, b, e->name, style);
        return;
    }
    const struct shapes *sh = &app->cache.shapes;
    const struct shape *s = r.section == 0 ? &sh->plateaus[r.index] : &sh->towers[r.index];
    if (r.section == 0)
        numfmt_percent1(a, sizeof a, s->self, sh->view_total, 6);
    else
        snprintf(a, sizeof a, "%u", s->height);
    numfmt_percent1(b, sizeof b, s->total, sh->view_total, 6);
    draw_sidebar_row(app, f, x, y, w, a, b, tree_name(app->profile->tree, s->node), style);
}

/* The rows of the shown list from y0: headings, entries, "(none)" lines. */
static void draw_sidebar_list(const struct app *app, struct frame *f, int x, int y0, int w)
{
    const struct list *l = &app->lists[app->list];
    for (size_t r = 0; r < l->height; r++) {
        struct list_row row = list_row_at(l, l->scroll + r);
        int y = y0 + (int)r;
        const struct list_section *sec = &l->sections[row.section];
        switch (row.kind) {
        case LIST_ROW_HEADING:
            frame_fill(f, x, y, w, ' ', STYLE_SIDEBAR_TITLE);
            frame_puts(f, x, y, w, sec->heading, STYLE_SIDEBAR_TITLE);
            break;
        case LIST_ROW_NONE:
            frame_puts(f, x + 1, y, w - 1, sec->none, STYLE_SIDEBAR);
            break;
        case LIST_ROW_ENTRY:
            draw_sidebar_entry(app, l, f, x, y, w, row);
            break;
        case LIST_ROW_PAST:
            return;
        }
    }
}

void draw_sidebar(const struct app *app, struct frame *f)
{
    int w = app_sidebar_cols(app);
    if (w < 2)
        return;
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
    if (app->list == APP_LIST_HOT) {
        frame_fill(f, x, y0 + 1, w, ' ', STYLE_SIDEBAR_TITLE);
        frame_puts(f, x, y0 + 1, w, " self% total% function", STYLE_SIDEBAR_TITLE);
        if (rows > 2)
            draw_sidebar_list(app, f, x, y0 + 2, w);
    } else {
        draw_sidebar_list(app, f, x, y0 + 1, w);
    }
}
