/* app_sidebar.c - the sidebar beside the graph: the hot functions (hot.c)
 * and the shapes (shapes.c), cached per scope and sample type, its cursor
 * and scrolling, and what Enter does there; the per-node shape marks the
 * graph is drawn with. */
#include "flamex/base/numfmt.h"
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

static void app_hot_refresh(struct app *app)
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

/* Push node's children (alphabetical) on the explicit stack *stack (n used
 * of *cap), the leftmost on top so they pop in screen order. */
static void app_push_children(const struct tree *tree, uint32_t node, uint32_t **stack,
                              size_t *n, size_t *cap)
{
    size_t nkids;
    const uint32_t *kids = tree_children(tree, node, TREE_ORDER_ALPHA, &nkids);
    if (*n + nkids > *cap) {
        while (*n + nkids > *cap)
            *cap *= 2;
        *stack = xreallocarray(*stack, *cap, sizeof **stack);
    }
    for (size_t k = nkids; k-- > 0;)
        (*stack)[(*n)++] = kids[k];
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
        app_push_children(tree, node, &stack, &n, &cap);
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

static struct list *app_sidebar_list(struct app *app)
{
    return &app->lists[app->list];
}

int app_sidebar_list_rows(const struct app *app)
{
    /* The title, and for the hot list a row of column headings. */
    int rows = app_graph_rows(app) - (app->list == APP_LIST_HOT ? 2 : 1);
    return rows < 1 ? 1 : rows;
}

/* Bring the shown list's analysis and sections up to date and its cursor
 * and scroll within them. */
static void app_sidebar_sync(struct app *app)
{
    struct list *l = app_sidebar_list(app);
    list_clear_sections(l);
    if (app->list == APP_LIST_HOT) {
        app_hot_refresh(app);
        list_add_section(l, NULL, "(nothing to rank)", app->cache.hot.count);
    } else {
        app_shapes_refresh(app);
        const struct shapes *sh = &app->cache.shapes;
        const struct shapes_options *o = &app->shapes_opts;
        char none[LIST_TEXT_SIZE];
        snprintf(none, sizeof none, "(none with self >= %g%%)", o->plateau_self_share * 100);
        list_add_section(l, " self% total% plateaus", none, sh->nplateaus);
        snprintf(none, sizeof none, "(none >= %u deep, <= %g%%)", o->tower_min_depth,
                 o->tower_max_share * 100);
        list_add_section(l, "height total% towers", none, sh->ntowers);
    }
    list_set_height(l, app_sidebar_list_rows(app));
}

void app_sidebar_settle(struct app *app)
{
    if (!app_sidebar_visible(app)) {
        if (app->focus == APP_FOCUS_SIDEBAR)
            app->focus = APP_FOCUS_GRAPH;
        return;
    }
    app_sidebar_sync(app);
}

unsigned app_sidebar_move(struct app *app, long delta)
{
    if (!app_sidebar_visible(app))
        return 0;
    app_sidebar_sync(app);
    list_move(app_sidebar_list(app), delta);
    return VIEW_REDRAW;
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
        app_push_children(tree, node, &stack, &n, &cap); /* ties: the first in screen order */
    }
    free(stack);
    return best;
}

/* Enter on a hot function: search for it, select its widest frame. */
static unsigned app_select_function_event(struct app *app, uint32_t name)
{
    if (!app_search_name(app, name))
        return VIEW_REDRAW;
    size_t count;
    uint32_t node = app_widest_named(app, app_scope_root(app), name, &count);
    if (node == TREE_NONE && app_scope_root(app) != TREE_ROOT)
        node = app_widest_named(app, TREE_ROOT, name, &count);
    if (node == TREE_NONE) {
        snprintf(app->message, sizeof app->message, "No frame of this function in this view");
        return VIEW_REDRAW;
    }
    uint32_t zoom = app->zoom;
    app_select_node(app, node);
    if (app->message[0])
        return VIEW_REDRAW;
    if (count > 1)
        snprintf(app->message, sizeof app->message, "%sThe widest of its %zu frames",
                 app->zoom != zoom ? "Zoomed out; " : "", count);
    else if (app->zoom != zoom)
        snprintf(app->message, sizeof app->message, "Zoomed out to show it");
    return VIEW_REDRAW;
}

unsigned app_select_function(struct app *app, uint32_t name)
{
    unsigned flags = app_select_function_event(app, name);
    app_settle(app);
    return flags;
}

static unsigned app_sidebar_enter_hot(struct app *app)
{
    const struct list *l = &app->lists[APP_LIST_HOT];
    if (l->cursor >= app->cache.hot.count)
        return 0;
    return app_select_function(app, app->cache.hot.entries[l->cursor].name);
}

/* Enter on a shape: select its frame (a plateau, or a tower's base). */
static unsigned app_sidebar_enter_shape(struct app *app)
{
    const struct shapes *sh = &app->cache.shapes;
    size_t i = app->lists[APP_LIST_SHAPES].cursor;
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
        return VIEW_REDRAW;
    char pa[16], pb[16];
    numfmt_percent1(pa, sizeof pa, plateau ? self : total, view, 0);
    numfmt_percent1(pb, sizeof pb, total, view, 0);
    const char *of = app->scope_zoom ? "the zoomed frame" : "the profile";
    if (plateau)
        snprintf(app->message, sizeof app->message, "%sPlateau: self %s of %s, total %s",
                 app->zoom != zoom ? "Zoomed out; " : "", pa, of, pb);
    else
        snprintf(app->message, sizeof app->message,
                 "%sTower: %u frames above its base, total %s of %s",
                 app->zoom != zoom ? "Zoomed out; " : "", height, pb, of);
    return VIEW_REDRAW;
}

unsigned app_sidebar_enter(struct app *app)
{
    if (!app_sidebar_visible(app))
        return 0;
    app_sidebar_sync(app);
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
    app_settle(app);
    return VIEW_REDRAW;
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
    list_reset(&app->lists[APP_LIST_HOT]);
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
        list_reset(&app->lists[l]);
    snprintf(app->message, sizeof app->message, "Hot functions and shapes within %s",
             app->scope_zoom ? "the zoomed frame" : "the whole profile");
    return VIEW_REDRAW;
}

unsigned app_focus_toggle(struct app *app)
{
    if (app_sidebar_explain(app))
        return VIEW_REDRAW;
    app->focus = app->focus == APP_FOCUS_GRAPH ? APP_FOCUS_SIDEBAR : APP_FOCUS_GRAPH;
    return VIEW_REDRAW;
}

unsigned app_shapes_toggle(struct app *app)
{
    app->shapes_on = !app->shapes_on;
    if (!app->shapes_on) {
        snprintf(app->message, sizeof app->message, "Shapes no longer highlighted");
        return VIEW_REDRAW;
    }
    app_shapes_refresh(app);
    const struct shapes *sh = &app->cache.shapes;
    const struct shapes_options *o = &app->shapes_opts;
    snprintf(app->message, sizeof app->message,
             "%zu plateau%s (self >= %g%%), %zu tower%s (>= %u deep, <= %g%%) in %s",
             sh->nplateaus, sh->nplateaus == 1 ? "" : "s", o->plateau_self_share * 100,
             sh->ntowers, sh->ntowers == 1 ? "" : "s", o->tower_min_depth,
             o->tower_max_share * 100, app->scope_zoom ? "the zoomed frame" : "the profile");
    return VIEW_REDRAW;
}

unsigned app_sidebar_click(struct app *app, int y, bool double_click)
{
    app->focus = APP_FOCUS_SIDEBAR;
    app_sidebar_sync(app);
    int start = APP_GRAPH_TOP + (app->list == APP_LIST_HOT ? 2 : 1);
    long entry = list_entry_at_line(app_sidebar_list(app), y - start);
    if (entry < 0)
        return VIEW_REDRAW;
    list_set_cursor(app_sidebar_list(app), (size_t)entry);
    return double_click ? app_sidebar_enter(app) : VIEW_REDRAW;
}
