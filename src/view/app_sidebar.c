/* app_sidebar.c - the sidebar beside the graph: the hot functions (hot.c)
 * and the shapes (shapes.c), cached per scope and sample type, its cursor
 * and scrolling, and what Enter does there; the per-node shape marks the
 * graph is drawn with. */
#include "flamex/base/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app_internal.h"

#define APP_SIDEBAR_MIN_SCREEN 80 /* narrower screens keep the whole width for the graph */
#define APP_SIDEBAR_MAX 50

int app_sidebar_cols(const struct app *app)
{
    if (!app->sidebar || app->cols < APP_SIDEBAR_MIN_SCREEN)
        return 0;
    int w = app->cols / 3;
    return w > APP_SIDEBAR_MAX ? APP_SIDEBAR_MAX : w;
}

bool app_sidebar_visible(const struct app *app)
{
    return app_sidebar_cols(app) > 0;
}

int app_graph_cols(const struct app *app)
{
    int cols = app->cols - app_sidebar_cols(app);
    return cols < 1 ? 1 : cols;
}

uint32_t app_scope_root(const struct app *app)
{
    return app->scope_zoom ? app->zoom : TREE_ROOT;
}

void app_hot_refresh(struct app *app)
{
    struct app_cache *c = &app->cache;
    uint32_t root = app_scope_root(app);
    if (c->hot_valid && c->hot_root == root && c->hot_type == app->type) {
        if (c->hot_order != app->rank) {
            hot_sort(&c->hot, app->rank);
            c->hot_order = app->rank;
        }
        return;
    }
    hot_free(&c->hot);
    hot_compute(app->profile, app->type, root, app->rank, &c->hot);
    c->hot_valid = true;
    c->hot_root = root;
    c->hot_type = app->type;
    c->hot_order = app->rank;
}

/* Mark node and everything above it (a tower's column), explicit stack. */
static void app_mark_column(struct app *app, uint32_t base)
{
    const struct tree *tree = app->profile->tree;
    size_t cap = 64, n = 0;
    uint32_t *stack = xmalloc(cap * sizeof *stack);
    stack[n++] = base;
    while (n) {
        uint32_t node = stack[--n];
        app->cache.marks[node] |= APP_MARK_TOWER;
        size_t nkids;
        const uint32_t *kids = tree_children(tree, node, TREE_ORDER_ALPHA, &nkids);
        if (n + nkids > cap) {
            while (n + nkids > cap)
                cap *= 2;
            stack = xreallocarray(stack, cap, sizeof *stack);
        }
        memcpy(stack + n, kids, nkids * sizeof *kids);
        n += nkids;
    }
    free(stack);
}

void app_shapes_refresh(struct app *app)
{
    struct app_cache *c = &app->cache;
    uint32_t root = app_scope_root(app);
    if (c->shapes_valid && c->shapes_root == root && c->shapes_type == app->type)
        return;
    shapes_free(&c->shapes);
    shapes_find(app->profile, app->type, root, &app->shapes_opts, &c->shapes);
    size_t nodes = tree_count(app->profile->tree);
    free(c->marks);
    c->marks = xcalloc(nodes ? nodes : 1, 1);
    for (size_t i = 0; i < c->shapes.nplateaus; i++)
        c->marks[c->shapes.plateaus[i].node] |= APP_MARK_PLATEAU;
    for (size_t i = 0; i < c->shapes.ntowers; i++)
        app_mark_column(app, c->shapes.towers[i].node);
    c->shapes_valid = true;
    c->shapes_root = root;
    c->shapes_type = app->type;
}

void app_sidebar_free(struct app *app)
{
    hot_free(&app->cache.hot);
    shapes_free(&app->cache.shapes);
    free(app->cache.marks);
    app->cache.marks = NULL;
    app->cache.hot_valid = app->cache.shapes_valid = false;
}

size_t app_sidebar_count(struct app *app)
{
    if (app->list == APP_LIST_HOT) {
        app_hot_refresh(app);
        return app->cache.hot.count;
    }
    app_shapes_refresh(app);
    return app->cache.shapes.nplateaus + app->cache.shapes.ntowers;
}

int app_sidebar_list_rows(const struct app *app)
{
    /* The title, and for the hot list a row of column headings. */
    int rows = app_graph_rows(app) - (app->list == APP_LIST_HOT ? 2 : 1);
    return rows < 1 ? 1 : rows;
}

/* Rows before the towers' heading: the plateaus' heading and its entries
 * (or one "none" line). */
static size_t app_shapes_tower_heading(const struct app *app)
{
    size_t np = app->cache.shapes.nplateaus;
    return 1 + (np ? np : 1);
}

size_t app_shapes_row(const struct app *app, size_t i)
{
    size_t np = app->cache.shapes.nplateaus;
    return i < np ? 1 + i : app_shapes_tower_heading(app) + 1 + (i - np);
}

size_t app_shapes_rows(const struct app *app)
{
    size_t nt = app->cache.shapes.ntowers;
    return app_shapes_tower_heading(app) + 1 + (nt ? nt : 1);
}

void app_sidebar_clamp(struct app *app)
{
    if (!app_sidebar_visible(app))
        return;
    enum app_list list = app->list;
    size_t n = app_sidebar_count(app);
    size_t *cur = &app->cursor[list], *scroll = &app->side_scroll[list];
    if (*cur >= n)
        *cur = n ? n - 1 : 0;
    bool hot = list == APP_LIST_HOT;
    size_t row = hot ? *cur : app_shapes_row(app, *cur);
    size_t total = hot ? n : app_shapes_rows(app);
    size_t vis = (size_t)app_sidebar_list_rows(app);
    /* A section's first entry brings its heading into view too. */
    size_t top = row;
    if (!hot && vis > 1 && (*cur == 0 || *cur == app->cache.shapes.nplateaus))
        top = row - 1;
    if (top < *scroll)
        *scroll = top;
    else if (row >= *scroll + vis)
        *scroll = row - vis + 1;
    if (*scroll + vis > total)
        *scroll = total > vis ? total - vis : 0;
}

unsigned app_sidebar_move(struct app *app, long delta)
{
    if (!app_sidebar_visible(app))
        return 0;
    size_t n = app_sidebar_count(app);
    long cur = (long)app->cursor[app->list] + delta;
    if (cur >= (long)n)
        cur = (long)n - 1;
    if (cur < 0)
        cur = 0;
    app->cursor[app->list] = (size_t)cur;
    app_sidebar_clamp(app);
    return APP_REDRAW;
}

/* The widest frame named name in the subtree of root (ties: the first in
 * alphabetical screen order); *count gets how many frames carry the name. */
static uint32_t app_widest_named(const struct app *app, uint32_t root, uint32_t name,
                                 size_t *count)
{
    const struct tree *tree = app->profile->tree;
    size_t cap = 64, n = 0;
    uint32_t *stack = xmalloc(cap * sizeof *stack);
    uint32_t best = TREE_NONE;
    double best_total = 0;
    *count = 0;
    stack[n++] = root;
    while (n) {
        uint32_t node = stack[--n];
        double v;
        if (tree_name(tree, node) == name && (v = tree_total(tree, node, app->type)) != 0) {
            if (best == TREE_NONE || v > best_total) {
                best = node;
                best_total = v;
            }
            (*count)++;
        }
        size_t nkids;
        const uint32_t *kids = tree_children(tree, node, TREE_ORDER_ALPHA, &nkids);
        if (n + nkids > cap) {
            while (n + nkids > cap)
                cap *= 2;
            stack = xreallocarray(stack, cap, sizeof *stack);
        }
        for (size_t k = nkids; k-- > 0;) /* leftmost child on top: screen order */
            stack[n++] = kids[k];
    }
    free(stack);
    return best;
}

/* Enter on a hot function: search for it, select its widest frame. */
unsigned app_select_function(struct app *app, uint32_t name)
{
    if (!app_search_name(app, name))
        return APP_REDRAW;
    size_t count;
    uint32_t node = app_widest_named(app, app_scope_root(app), name, &count);
    if (node == TREE_NONE && app_scope_root(app) != TREE_ROOT)
        node = app_widest_named(app, TREE_ROOT, name, &count);
    if (node == TREE_NONE) {
        snprintf(app->message, sizeof app->message, "No frame of this function in this view");
        return APP_REDRAW;
    }
    uint32_t zoom = app->zoom;
    app_select_node(app, node);
    if (app->message[0])
        return APP_REDRAW;
    if (count > 1)
        snprintf(app->message, sizeof app->message, "%sThe widest of its %zu frames",
                 app->zoom != zoom ? "Zoomed out; " : "", count);
    else if (app->zoom != zoom)
        snprintf(app->message, sizeof app->message, "Zoomed out to show it");
    return APP_REDRAW;
}

static unsigned app_sidebar_enter_hot(struct app *app)
{
    app_hot_refresh(app);
    if (app->cache.hot.count == 0)
        return 0;
    return app_select_function(app, app->cache.hot.entries[app->cursor[APP_LIST_HOT]].name);
}

/* Enter on a shape: select its frame (a plateau, or a tower's base). */
static unsigned app_sidebar_enter_shape(struct app *app)
{
    app_shapes_refresh(app);
    const struct shapes *sh = &app->cache.shapes;
    size_t i = app->cursor[APP_LIST_SHAPES];
    if (i >= sh->nplateaus + sh->ntowers)
        return 0;
    bool plateau = i < sh->nplateaus;
    const struct shape *s = plateau ? &sh->plateaus[i] : &sh->towers[i - sh->nplateaus];
    uint32_t node = s->node;
    double self = s->self, total = s->total, view = sh->view_total;
    uint32_t height = s->height;
    uint32_t zoom = app->zoom;
    app_select_node(app, node);
    if (app->message[0])
        return APP_REDRAW;
    char a[16], b[16];
    draw_percent6(a, sizeof a, plateau ? self : total, view);
    draw_percent6(b, sizeof b, total, view);
    const char *pa = a, *pb = b;
    while (*pa == ' ')
        pa++;
    while (*pb == ' ')
        pb++;
    const char *of = app->scope_zoom ? "the zoomed frame" : "the profile";
    if (plateau)
        snprintf(app->message, sizeof app->message, "%sPlateau: self %s of %s, total %s",
                 app->zoom != zoom ? "Zoomed out; " : "", pa, of, pb);
    else
        snprintf(app->message, sizeof app->message,
                 "%sTower: %u frames above its base, total %s of %s",
                 app->zoom != zoom ? "Zoomed out; " : "", height, pb, of);
    return APP_REDRAW;
}

unsigned app_sidebar_enter(struct app *app)
{
    if (!app_sidebar_visible(app))
        return 0;
    return app->list == APP_LIST_HOT ? app_sidebar_enter_hot(app) : app_sidebar_enter_shape(app);
}

/* Say why the sidebar does not show, if it does not. */
static bool app_sidebar_explain(struct app *app)
{
    if (app_sidebar_visible(app))
        return false;
    if (app->sidebar)
        snprintf(app->message, sizeof app->message,
                 "The sidebar needs a terminal at least %d columns wide", APP_SIDEBAR_MIN_SCREEN);
    else
        snprintf(app->message, sizeof app->message, "No sidebar shown");
    return true;
}

/* The graph's width changed with the sidebar: lay it out again, keeping the
 * selection in view. */
static unsigned app_sidebar_relayout(struct app *app)
{
    app_ensure_layout(app);
    app_sidebar_clamp(app);
    if (app->focus == APP_FOCUS_SIDEBAR && !app_sidebar_visible(app))
        app->focus = APP_FOCUS_GRAPH;
    return APP_REDRAW;
}

unsigned app_sidebar_toggle(struct app *app)
{
    app->sidebar = !app->sidebar;
    if (!app->sidebar)
        app->focus = APP_FOCUS_GRAPH;
    else
        app_sidebar_explain(app);
    return app_sidebar_relayout(app);
}

unsigned app_sidebar_next_list(struct app *app)
{
    app->list = (enum app_list)((app->list + 1) % APP_LIST_COUNT);
    app->sidebar = true;
    app_sidebar_explain(app);
    return app_sidebar_relayout(app);
}

unsigned app_sidebar_toggle_rank(struct app *app)
{
    app->rank = app->rank == HOT_BY_FLAT ? HOT_BY_CUM : HOT_BY_FLAT;
    app->cursor[APP_LIST_HOT] = app->side_scroll[APP_LIST_HOT] = 0;
    app->list = APP_LIST_HOT;
    app->sidebar = true;
    if (!app_sidebar_explain(app))
        snprintf(app->message, sizeof app->message, "Hot functions by %s",
                 app->rank == HOT_BY_FLAT ? "self (flat)" : "total (cum)");
    return app_sidebar_relayout(app);
}

unsigned app_sidebar_toggle_scope(struct app *app)
{
    app->scope_zoom = !app->scope_zoom;
    for (int l = 0; l < APP_LIST_COUNT; l++)
        app->cursor[l] = app->side_scroll[l] = 0;
    snprintf(app->message, sizeof app->message, "Hot functions and shapes within %s",
             app->scope_zoom ? "the zoomed frame" : "the whole profile");
    app_sidebar_clamp(app);
    return APP_REDRAW;
}

unsigned app_focus_toggle(struct app *app)
{
    if (app_sidebar_explain(app))
        return APP_REDRAW;
    app->focus = app->focus == APP_FOCUS_GRAPH ? APP_FOCUS_SIDEBAR : APP_FOCUS_GRAPH;
    return APP_REDRAW;
}

unsigned app_shapes_toggle(struct app *app)
{
    app->shapes_on = !app->shapes_on;
    if (!app->shapes_on) {
        snprintf(app->message, sizeof app->message, "Shapes no longer highlighted");
        return APP_REDRAW;
    }
    app_shapes_refresh(app);
    const struct shapes *sh = &app->cache.shapes;
    const struct shapes_options *o = &app->shapes_opts;
    snprintf(app->message, sizeof app->message,
             "%zu plateau%s (self >= %g%%), %zu tower%s (>= %u deep, <= %g%%) in %s",
             sh->nplateaus, sh->nplateaus == 1 ? "" : "s", o->plateau_self_share * 100,
             sh->ntowers, sh->ntowers == 1 ? "" : "s", o->tower_min_depth,
             o->tower_max_share * 100, app->scope_zoom ? "the zoomed frame" : "the profile");
    return APP_REDRAW;
}

unsigned app_sidebar_click(struct app *app, int y, bool double_click)
{
    app->focus = APP_FOCUS_SIDEBAR;
    size_t n = app_sidebar_count(app);
    int start = APP_GRAPH_TOP + (app->list == APP_LIST_HOT ? 2 : 1);
    if (y < start)
        return APP_REDRAW;
    size_t row = (size_t)(y - start) + app->side_scroll[app->list];
    size_t item = n;
    if (app->list == APP_LIST_HOT) {
        item = row;
    } else {
        size_t np = app->cache.shapes.nplateaus, th = app_shapes_tower_heading(app);
        if (row >= 1 && row - 1 < np)
            item = row - 1;
        else if (row > th && row - th - 1 < app->cache.shapes.ntowers)
            item = np + (row - th - 1);
    }
    if (item >= n)
        return APP_REDRAW;
    app->cursor[app->list] = item;
    app_sidebar_clamp(app);
    return double_click ? app_sidebar_enter(app) : APP_REDRAW;
}
