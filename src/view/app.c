/* app.c - viewer state: selection, zoom history, scrolling; the only switch over actions. */
#include "flamex/view/app.h"

#include "flamex/view/keys.h"
#include "flamex/base/xalloc.h"

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app_internal.h"

void app_init(struct app *app, struct profile *profile, const struct keymap *km,
              const struct app_options *opts)
{
    memset(app, 0, sizeof *app);
    app->profile = profile;
    app->keymap = km;
    app->type = opts->type < profile->ntypes ? opts->type : profile->default_type;
    app->order = opts->heaviest ? TREE_ORDER_HEAVIEST : TREE_ORDER_ALPHA;
    app->icicle = opts->icicle;
    app->ascii = opts->ascii;
    app->zoom = TREE_ROOT;
    app->selected = TREE_ROOT;
    app->keep_selected = TREE_NONE;
    app->cols = 80;
    app->rows = 24;
    app->scroll = -1; /* not placed yet: the first layout decides */
    app->search_case = SEARCH_CASE_SMART;
    app->search_name = STRTAB_NONE;
    app->rank = HOT_BY_FLAT;
    app->shapes_opts = opts->shapes ? *opts->shapes : shapes_default_options();
    for (int l = 0; l < APP_LIST_COUNT; l++)
        list_init(&app->lists[l]);
    if (app->order == TREE_ORDER_HEAVIEST)
        tree_sort_heaviest(profile->tree, app->type);
    app->notes = opts->notes;
    if (app->notes && app->notes->count) {
        /* Printed on stderr too, but the full screen hides that until it closes. */
        int key;
        char name[32] = "";
        if (keymap_keys_for(km, ACTION_INFO, &key, 1))
            keys_name(key, name, sizeof name);
        size_t n = app->notes->count;
        snprintf(app->message, sizeof app->message,
                 "%zu config/theme problem%s: see the information panel%s%s%s", n,
                 n == 1 ? "" : "s", name[0] ? " (" : "", name, name[0] ? ")" : "");
    }
    app_settle(app);
}

void app_free(struct app *app)
{
    layout_free(&app->layout);
    panel_free(&app->help_panel);
    panel_free(&app->info_panel);
    free(app->back);
    free(app->forward);
    app->back = app->forward = NULL;
    app_search_free(app);
    app_sidebar_free(app);
}

int app_graph_rows(const struct app *app)
{
    int rows = app->rows - APP_CHROME_ROWS;
    return rows < 1 ? 1 : rows;
}

/* ---- the graph's geometry: layout rows <-> content lines <-> screen rows.
 * The one place that knows the orientation, the scroll and the blank lines
 * above a short flame graph; drawing, clicks and scrolling all go through it. */

/* Content line (0 = top of the graph) of a layout row. */
static int app_line_of_row(const struct app *app, uint32_t row)
{
    if (app->icicle)
        return (int)row;
    return (int)app->layout.rows - 1 - (int)row;
}

/* Layout row at content line, or -1 past either end. */
static long app_row_of_line(const struct app *app, int line)
{
    if (line < 0 || line >= (int)app->layout.rows)
        return -1;
    return app->icicle ? line : (long)app->layout.rows - 1 - line;
}

/* Blank lines above the graph in flame view when it is shorter than the screen. */
static int app_pad(const struct app *app)
{
    int pad = app_graph_rows(app) - (int)app->layout.rows;
    return !app->icicle && pad > 0 ? pad : 0;
}

long app_row_at_y(const struct app *app, int y)
{
    if (y < APP_GRAPH_TOP || y >= APP_GRAPH_TOP + app_graph_rows(app))
        return -1;
    return app_row_of_line(app, y - APP_GRAPH_TOP - app_pad(app) + app->scroll);
}

static int app_max_scroll(const struct app *app)
{
    int m = (int)app->layout.rows - app_graph_rows(app);
    return m > 0 ? m : 0;
}

static void app_clamp_scroll(struct app *app)
{
    if (app->scroll > app_max_scroll(app))
        app->scroll = app_max_scroll(app);
    if (app->scroll < 0)
        app->scroll = 0;
}

/* Scroll so the selected frame's row is on screen. */
static void app_reveal_selected(struct app *app)
{
    long i = layout_find(&app->layout, app->selected);
    if (i < 0)
        return;
    int line = app_line_of_row(app, app->layout.spans[i].row);
    int rows = app_graph_rows(app);
    if (line < app->scroll)
        app->scroll = line;
    else if (line >= app->scroll + rows)
        app->scroll = line - rows + 1;
    app_clamp_scroll(app);
}

void app_ensure_layout(struct app *app)
{
    int width = app_graph_cols(app);
    if (app->layout_valid && app->layout.width == width && app->layout_zoom == app->zoom &&
        app->layout_order == app->order && app->layout_type == app->type) {
        if (app->scroll < 0) { /* a new view of the same layout: the root end again */
            app->scroll = app->icicle ? 0 : app_max_scroll(app);
            app_reveal_selected(app);
        }
        app_clamp_scroll(app);
        return;
    }
    layout_compute(&app->layout, app->profile->tree, app->zoom, app->order, app->type, width);
    app->layout_valid = true;
    app->layout_zoom = app->zoom;
    app->layout_order = app->order;
    app->layout_type = app->type;
    /* Keep the selection on a laid-out frame: fall back to its nearest visible
     * ancestor (or the zoom root). */
    uint32_t sel = app->selected;
    while (sel != TREE_NONE && layout_find(&app->layout, sel) < 0)
        sel = tree_parent(app->profile->tree, sel);
    app->selected = sel == TREE_NONE ? app->zoom : sel;
    /* A resize through a tiny size does not lose the user's selection. */
    if (app->keep_selected != TREE_NONE && layout_find(&app->layout, app->keep_selected) >= 0)
        app->selected = app->keep_selected;
    if (app->scroll < 0) /* first view: the root end of the graph */
        app->scroll = app->icicle ? 0 : app_max_scroll(app);
    app_clamp_scroll(app);
    app_reveal_selected(app);
}

static void app_panels_settle(struct app *app);

void app_settle(struct app *app)
{
    app_ensure_layout(app);
    if (app->hidden)
        return; /* the rest feeds only the screen: app_set_shown settles it */
    app_sidebar_settle(app);
    if (app->shapes_on)
        app_shapes_refresh(app);
    if (app_search_active(app))
        app_search_totals(app);
    app_panels_settle(app);
}

unsigned app_resize(struct app *app, int cols, int rows)
{
    app->cols = cols < 1 ? 1 : cols;
    app->rows = rows < 1 ? 1 : rows;
    if (app->keep_selected == TREE_NONE)
        app->keep_selected = app->selected;
    app_settle(app);
    app_reveal_selected(app);
    return VIEW_REDRAW;
}

static void app_select_index(struct app *app, long i, bool set_target)
{
    if (i < 0)
        return;
    const struct layout_span *s = &app->layout.spans[i];
    app->selected = s->node;
    if (set_target)
        app->target_x = s->x + s->width / 2;
    app_reveal_selected(app);
}

/* Move towards the leaves: the child under target_x, else the nearest child. */
static bool app_select_child(struct app *app)
{
    long i = layout_find(&app->layout, app->selected);
    if (i < 0)
        return false;
    const struct layout_span *s = &app->layout.spans[i];
    if (s->row + 1 >= app->layout.rows)
        return false;
    int x = app->target_x;
    if (x < s->x)
        x = s->x;
    if (x >= s->x + s->width)
        x = s->x + s->width - 1;
    size_t a = app->layout.row_start[s->row + 1], b = app->layout.row_start[s->row + 2];
    long best = -1;
    int best_dist = 0;
    for (size_t k = a; k < b; k++) {
        const struct layout_span *c = &app->layout.spans[k];
        if (tree_parent(app->profile->tree, c->node) != s->node)
            continue;
        int dist = x < c->x ? c->x - x : (x >= c->x + c->width ? x - (c->x + c->width - 1) : 0);
        if (best < 0 || dist < best_dist) {
            best = (long)k;
            best_dist = dist;
        }
    }
    if (best < 0)
        return false;
    app_select_index(app, best, false);
    return true;
}

static bool app_select_parent(struct app *app)
{
    uint32_t parent = tree_parent(app->profile->tree, app->selected);
    if (parent == TREE_NONE)
        return false;
    long i = layout_find(&app->layout, parent);
    if (i < 0)
        return false;
    app_select_index(app, i, false);
    return true;
}

static bool app_select_neighbour(struct app *app, int dir)
{
    long i = layout_find(&app->layout, app->selected);
    if (i < 0)
        return false;
    uint32_t row = app->layout.spans[i].row;
    long j = i + dir;
    if (j < (long)app->layout.row_start[row] || j >= (long)app->layout.row_start[row + 1])
        return false;
    app_select_index(app, j, true);
    return true;
}

static void app_push(uint32_t **stack, size_t *n, size_t *cap, uint32_t node)
{
    if (*n == *cap) {
        *cap = *cap ? *cap * 2 : 16;
        *stack = xreallocarray(*stack, *cap, sizeof **stack);
    }
    (*stack)[(*n)++] = node;
}

static void app_set_zoom(struct app *app, uint32_t zoom)
{
    app->zoom = zoom;
    app->scroll = -1;
    app_ensure_layout(app);
    app_reveal_selected(app);
}

static unsigned app_zoom_to(struct app *app, uint32_t node)
{
    if (node == app->zoom) {
        snprintf(app->message, sizeof app->message, "Already zoomed to this frame");
        return VIEW_REDRAW;
    }
    app_push(&app->back, &app->nback, &app->back_cap, app->zoom);
    app->nforward = 0;
    app_set_zoom(app, node);
    return VIEW_REDRAW;
}

void app_copy_history(struct app *to, const struct app *from, uint32_t (*map)(void *ctx, uint32_t node),
                      void *ctx)
{
    to->nback = to->nforward = 0;
    for (size_t i = 0; i < from->nback; i++)
        app_push(&to->back, &to->nback, &to->back_cap, map(ctx, from->back[i]));
    for (size_t i = 0; i < from->nforward; i++)
        app_push(&to->forward, &to->nforward, &to->forward_cap, map(ctx, from->forward[i]));
}

void app_follow(struct app *app, uint32_t zoom, uint32_t selected)
{
    app->keep_selected = TREE_NONE;
    if (zoom != app->zoom) {
        app->zoom = zoom;
        app->scroll = -1;
    }
    app_ensure_layout(app);
    long i;
    while ((i = layout_find(&app->layout, selected)) < 0 && selected != TREE_NONE)
        selected = tree_parent(app->profile->tree, selected);
    app->selected = i >= 0 ? selected : app->zoom;
    if (i >= 0)
        app->target_x = app->layout.spans[i].x + app->layout.spans[i].width / 2;
    app_reveal_selected(app);
    app_settle(app);
}

/* The deepest ancestor-or-self of node with a nonzero total of type t. */
static uint32_t app_nearest_with(const struct app *app, uint32_t node, size_t t)
{
    const struct tree *tree = app->profile->tree;
    while (node != TREE_ROOT && node != TREE_NONE && tree_total(tree, node, t) == 0)
        node = tree_parent(tree, node);
    return node == TREE_NONE ? TREE_ROOT : node;
}

unsigned app_set_type(struct app *app, size_t type)
{
    if (type >= app->profile->ntypes)
        return 0;
    app->type = type;
    if (app->order == TREE_ORDER_HEAVIEST && !app->compare_pane) /* compare sorts for all */
        tree_sort_heaviest(app->profile->tree, type);
    for (size_t i = 0; i < app->nback; i++)
        app->back[i] = app_nearest_with(app, app->back[i], type);
    for (size_t i = 0; i < app->nforward; i++)
        app->forward[i] = app_nearest_with(app, app->forward[i], type);
    uint32_t zoom = app_nearest_with(app, app->zoom, type);
    uint32_t sel = app_nearest_with(app, app->selected, type);
    app->scroll = -1;
    app_follow(app, zoom, sel);
    return VIEW_REDRAW;
}

void app_set_compare(struct app *app, bool differential, bool normalise)
{
    app->compare_pane = true;
    app->differential = differential;
    app->diff_normalise = normalise;
    app_settle(app);
}

void app_match_view(struct app *app, const struct app *from)
{
    if (app->icicle == from->icicle && app->order == from->order)
        return;
    app->icicle = from->icicle;
    app->order = from->order;
    app->scroll = -1;
    app_settle(app);
}

void app_set_shown(struct app *app, bool shown)
{
    app->hidden = !shown;
    app_settle(app);
}

void app_set_message(struct app *app, const char *text)
{
    snprintf(app->message, sizeof app->message, "%s", text ? text : "");
}

/* Is node on the zoomed view: in the zoom's subtree or one of its ancestors? */
static bool app_in_view(const struct app *app, uint32_t node)
{
    const struct tree *tree = app->profile->tree;
    uint32_t dn = tree_depth(tree, node), dz = tree_depth(tree, app->zoom);
    uint32_t a = dn >= dz ? node : app->zoom, b = dn >= dz ? app->zoom : node;
    for (uint32_t d = tree_depth(tree, a); d > tree_depth(tree, b); d--)
        a = tree_parent(tree, a);
    return a == b;
}

unsigned app_select_node(struct app *app, uint32_t node)
{
    app->keep_selected = TREE_NONE;
    if (!app_in_view(app, node))
        app_zoom_to(app, TREE_ROOT);
    app_ensure_layout(app);
    uint32_t shown = node;
    long i;
    while ((i = layout_find(&app->layout, shown)) < 0 && shown != TREE_NONE)
        shown = tree_parent(app->profile->tree, shown);
    if (i < 0) {
        app_settle(app);
        return VIEW_REDRAW;
    }
    app_select_index(app, i, true);
    app_settle(app);
    if (shown != node) {
        size_t len;
        const char *name = profile_node_name(app->profile, node, &len);
        snprintf(app->message, sizeof app->message,
                 "%.*s is too narrow to show here: selected its caller", len > 60 ? 60 : (int)len,
                 name);
    }
    return VIEW_REDRAW;
}

static void app_scroll_by(struct app *app, int lines)
{
    app->scroll += lines;
    app_clamp_scroll(app);
    /* Keep the selection visible: move it to the frame under target_x on the
     * nearest row that is on screen. */
    long i = layout_find(&app->layout, app->selected);
    if (i < 0)
        return;
    int line = app_line_of_row(app, app->layout.spans[i].row);
    int rows = app_graph_rows(app);
    int want = line < app->scroll ? app->scroll : (line >= app->scroll + rows ? app->scroll + rows - 1 : line);
    if (want == line)
        return;
    long row = app_row_of_line(app, want);
    if (row < 0)
        return;
    long j = layout_at(&app->layout, (uint32_t)row, app->target_x);
    if (j >= 0)
        app->selected = app->layout.spans[j].node;
}

/* Show the next sample type: re-sort and re-lay out for it, zoom out of a
 * frame that has nothing of it, keep the selection on its nearest visible
 * ancestor, and put the root end of the graph back in view. */
static unsigned app_next_type(struct app *app)
{
    const struct profile *p = app->profile;
    size_t t = app->type;
    if (p->ntypes < 2) {
        snprintf(app->message, sizeof app->message, "This profile has one sample type: %s (%s)",
                 profile_type_name(p, t), profile_type_unit(p, t));
        return VIEW_REDRAW;
    }
    t = app->type = (app->type + 1) % p->ntypes;
    if (app->order == TREE_ORDER_HEAVIEST)
        tree_sort_heaviest(p->tree, t);
    bool zoomed_out = false;
    while (app->zoom != TREE_ROOT && !(tree_total(p->tree, app->zoom, t) > 0)) {
        app->zoom = tree_parent(p->tree, app->zoom);
        zoomed_out = true;
    }
    app->scroll = -1;
    app_ensure_layout(app);
    /* The status line already names the type and unit; say where in the cycle we are. */
    snprintf(app->message, sizeof app->message, "Sample type %zu of %zu%s", t + 1, p->ntypes,
             zoomed_out ? "; zoomed out (none of it in the zoomed frame)" : "");
    return VIEW_REDRAW;
}

/* Keys while the help screen or the information panel is shown: moves
 * scroll it (page: the lines a page key moves), anything else closes it
 * (returns false). */
static bool app_panel_key(struct panel *p, enum action_id action, int height, int page)
{
    switch (action) {
    case ACTION_MOVE_DOWN: panel_scroll_by(p, 1, height); return true;
    case ACTION_MOVE_UP: panel_scroll_by(p, -1, height); return true;
    case ACTION_PAGE_DOWN: panel_scroll_by(p, page, height); return true;
    case ACTION_PAGE_UP: panel_scroll_by(p, -page, height); return true;
    case ACTION_SCROLL_TOP: panel_scroll_by(p, INT_MIN / 2, height); return true;
    case ACTION_SCROLL_BOTTOM: panel_scroll_by(p, INT_MAX / 2, height); return true;
    case ACTION_REDRAW: return true;
    default: return false;
    }
}

/* Keys while the information panel is shown: moves scroll it, the sample
 * type may change under it, anything else (i, q, Esc...) closes it. */
static unsigned app_apply_info(struct app *app, enum action_id action)
{
    if (action == ACTION_NONE)
        return 0;
    if (action == ACTION_NEXT_SAMPLE_TYPE)
        app_next_type(app); /* the panel is built again for the type when the app settles */
    else if (!app_panel_key(&app->info_panel, action, app->rows, app->rows - 1))
        app->info = false;
    return VIEW_REDRAW;
}

/* Keys while the help screen is shown: moves scroll it, q quits, anything
 * else closes it. */
static unsigned app_apply_help(struct app *app, enum action_id action)
{
    if (!app_panel_key(&app->help_panel, action, app->rows, app_graph_rows(app)))
        app->help = false;
    return VIEW_REDRAW;
}

/* Build the help screen and the information panel when they show and what
 * they depend on changed; keep their scroll within their height. */
static void app_panels_settle(struct app *app)
{
    struct panel *h = &app->help_panel, *i = &app->info_panel;
    if (app->help) {
        if (!h->lines || h->cols != app->cols || h->ascii != app->ascii)
            app_help_build(h, app);
        panel_scroll_by(h, 0, app->rows);
    }
    if (app->info) {
        if (!i->lines || i->cols != app->cols || i->ascii != app->ascii ||
            app->info_type != app->type || app->info_selected != app->selected) {
            app_info_build(i, app);
            app->info_type = app->type;
            app->info_selected = app->selected;
        }
        panel_scroll_by(i, 0, app->rows);
    }
}

/* Keys while the sidebar has the focus: moves and Enter act on its list;
 * everything else keeps its graph meaning (returns false). */
static bool app_apply_sidebar(struct app *app, enum action_id action, unsigned *flags)
{
    long page = app_sidebar_list_rows(app) - 1;
    if (page < 1)
        page = 1;
    switch (action) {
    case ACTION_MOVE_UP: *flags = app_sidebar_move(app, -1); return true;
    case ACTION_MOVE_DOWN: *flags = app_sidebar_move(app, 1); return true;
    case ACTION_PAGE_UP: *flags = app_sidebar_move(app, -page); return true;
    case ACTION_PAGE_DOWN: *flags = app_sidebar_move(app, page); return true;
    case ACTION_SCROLL_TOP: *flags = app_sidebar_move(app, LONG_MIN); return true;
    case ACTION_SCROLL_BOTTOM: *flags = app_sidebar_move(app, LONG_MAX); return true;
    case ACTION_ZOOM_IN: *flags = app_sidebar_enter(app); return true;
    default: return false;
    }
}

static unsigned app_apply_action(struct app *app, enum action_id action)
{
    app->keep_selected = TREE_NONE; /* the user acts on what is shown now */
    app->message[0] = '\0';
    if (app->info)
        return app_apply_info(app, action);
    if (app->help && action != ACTION_QUIT)
        return app_apply_help(app, action);
    unsigned flags = 0;
    if (app->focus == APP_FOCUS_SIDEBAR && app_sidebar_visible(app) &&
        app_apply_sidebar(app, action, &flags))
        return flags;
    bool up_is_child = !app->icicle;
    switch (action) {
    case ACTION_NONE:
        return 0;
    case ACTION_MOVE_UP:
        if (up_is_child ? app_select_child(app) : app_select_parent(app))
            return VIEW_REDRAW;
        return 0;
    case ACTION_MOVE_DOWN:
        if (up_is_child ? app_select_parent(app) : app_select_child(app))
            return VIEW_REDRAW;
        return 0;
    case ACTION_MOVE_LEFT:
        return app_select_neighbour(app, -1) ? VIEW_REDRAW : 0;
    case ACTION_MOVE_RIGHT:
        return app_select_neighbour(app, +1) ? VIEW_REDRAW : 0;
    case ACTION_ZOOM_IN:
        return app_zoom_to(app, app->selected);
    case ACTION_ZOOM_BACK:
        if (!app->nback) {
            snprintf(app->message, sizeof app->message, "No earlier zoom");
            return VIEW_REDRAW;
        }
        app_push(&app->forward, &app->nforward, &app->forward_cap, app->zoom);
        app_set_zoom(app, app->back[--app->nback]);
        return VIEW_REDRAW;
    case ACTION_ZOOM_FORWARD:
        if (!app->nforward) {
            snprintf(app->message, sizeof app->message, "No later zoom");
            return VIEW_REDRAW;
        }
        app_push(&app->back, &app->nback, &app->back_cap, app->zoom);
        app->selected = app->forward[--app->nforward]; /* selected before, so it is revealed */
        app_set_zoom(app, app->selected);
        return VIEW_REDRAW;
    case ACTION_ZOOM_RESET:
        if (app->zoom == TREE_ROOT) {
            snprintf(app->message, sizeof app->message, "Showing the whole profile");
            return VIEW_REDRAW;
        }
        return app_zoom_to(app, TREE_ROOT);
    case ACTION_PAGE_UP:
        app_scroll_by(app, -app_graph_rows(app));
        return VIEW_REDRAW;
    case ACTION_PAGE_DOWN:
        app_scroll_by(app, app_graph_rows(app));
        return VIEW_REDRAW;
    case ACTION_SCROLL_TOP:
        app_scroll_by(app, -(int)app->layout.rows);
        return VIEW_REDRAW;
    case ACTION_SCROLL_BOTTOM:
        app_scroll_by(app, (int)app->layout.rows);
        return VIEW_REDRAW;
    case ACTION_TOGGLE_ORIENTATION:
        app->icicle = !app->icicle;
        app->scroll = app->icicle ? 0 : app_max_scroll(app);
        app_reveal_selected(app);
        return VIEW_REDRAW;
    case ACTION_TOGGLE_ORDER:
        app->order = app->order == TREE_ORDER_ALPHA ? TREE_ORDER_HEAVIEST : TREE_ORDER_ALPHA;
        if (app->order == TREE_ORDER_HEAVIEST)
            tree_sort_heaviest(app->profile->tree, app->type);
        app_ensure_layout(app);
        snprintf(app->message, sizeof app->message, "Siblings ordered %s",
                 app->order == TREE_ORDER_ALPHA ? "alphabetically" : "heaviest first");
        return VIEW_REDRAW;
    case ACTION_NEXT_SAMPLE_TYPE:
        return app_next_type(app);
    case ACTION_SEARCH:
        return app_search_open(app);
    case ACTION_SEARCH_NEXT:
        return app_search_step(app, 1);
    case ACTION_SEARCH_PREV:
        return app_search_step(app, -1);
    case ACTION_SEARCH_SELECTED:
        return app_search_selected(app);
    case ACTION_SEARCH_CLEAR:
        return app_search_clear(app);
    case ACTION_SEARCH_CASE:
        return app_search_cycle_case(app);
    case ACTION_TOGGLE_SIDEBAR:
        return app_sidebar_toggle(app);
    case ACTION_SIDEBAR_LIST:
        return app_sidebar_next_list(app);
    case ACTION_SIDEBAR_RANK:
        return app_sidebar_toggle_rank(app);
    case ACTION_SIDEBAR_SCOPE:
        return app_sidebar_toggle_scope(app);
    case ACTION_FOCUS:
        return app_focus_toggle(app);
    case ACTION_TOGGLE_SHAPES:
        return app_shapes_toggle(app);
    case ACTION_COMPARE_VIEW:
    case ACTION_COMPARE_PANE:
    case ACTION_COMPARE_WIDTH:
    case ACTION_COMPARE_NORMALISE:
        snprintf(app->message, sizeof app->message,
                 "Only in compare mode: open two profiles (flamex BEFORE AFTER)");
        return VIEW_REDRAW;
    case ACTION_INFO:
        app->info = true;
        app->info_panel.scroll = 0;
        return VIEW_REDRAW;
    case ACTION_HELP:
        app->help = true;
        app->help_panel.scroll = 0;
        return VIEW_REDRAW;
    case ACTION_REDRAW:
        return VIEW_REDRAW;
    case ACTION_QUIT:
        return VIEW_QUIT;
    case ACTION_COUNT:
        break;
    }
    return 0;
}

unsigned app_apply(struct app *app, enum action_id action)
{
    unsigned flags = app_apply_action(app, action);
    app_settle(app);
    return flags;
}

static unsigned app_key_event(struct app *app, int key)
{
    if (app->prompt.open)
        return app_prompt_key(app, key);
    enum action_id action = keymap_lookup(app->keymap, key);
    if (action == ACTION_NONE && (app->help || app->info)) {
        app->help = app->info = false;
        return VIEW_REDRAW;
    }
    if (action == ACTION_NONE)
        return 0; /* unbound keys (Esc included) leave the state and message alone */
    return app_apply_action(app, action);
}

unsigned app_key(struct app *app, int key)
{
    unsigned flags = app_key_event(app, key);
    app_settle(app);
    return flags;
}

static unsigned app_click_event(struct app *app, int x, int y, bool double_click)
{
    app->keep_selected = TREE_NONE;
    if (app->help || app->info) {
        app->help = app->info = false;
        return VIEW_REDRAW;
    }
    if (x >= app_graph_cols(app)) {
        if (y < APP_GRAPH_TOP || y >= APP_GRAPH_TOP + app_graph_rows(app))
            return 0;
        app->message[0] = '\0';
        return app_sidebar_click(app, y, double_click);
    }
    long row = app_row_at_y(app, y);
    if (row < 0)
        return 0;
    long i = layout_at(&app->layout, (uint32_t)row, x);
    if (i < 0)
        return 0;
    const struct layout_span *s = &app->layout.spans[i];
    if (x < s->x || x >= s->x + s->width)
        return 0;
    app->message[0] = '\0';
    app->focus = APP_FOCUS_GRAPH; /* a click in the graph gives it the keys */
    app_select_index(app, i, true);
    if (double_click)
        return app_zoom_to(app, app->selected);
    return VIEW_REDRAW;
}

unsigned app_click(struct app *app, int x, int y, bool double_click)
{
    unsigned flags = app_click_event(app, x, y, double_click);
    app_settle(app);
    return flags;
}

static unsigned app_wheel_event(struct app *app, int lines)
{
    app->keep_selected = TREE_NONE;
    if (app->help || app->info) {
        panel_scroll_by(app->help ? &app->help_panel : &app->info_panel, -lines, app->rows);
        return VIEW_REDRAW;
    }
    if (app->focus == APP_FOCUS_SIDEBAR && app_sidebar_visible(app))
        return app_sidebar_move(app, -lines);
    app_scroll_by(app, -lines);
    return VIEW_REDRAW;
}

unsigned app_wheel(struct app *app, int lines)
{
    unsigned flags = app_wheel_event(app, lines);
    app_settle(app);
    return flags;
}

/* ---- invariants ------------------------------------------------------------ */

/* Record why (printf-style) and return false. */
static bool app_broken(char *why, size_t cap, const char *fmt, ...)
{
    if (why && cap) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(why, cap, fmt, ap);
        va_end(ap);
    }
    return false;
}

/* The shown list's sections against the analysis they list. */
static bool app_check_list(const struct app *app, char *why, size_t cap)
{
    const struct app_cache *c = &app->cache;
    const struct list *l = &app->lists[app->list];
    uint32_t root = app_scope_root(app);
    if (app->list == APP_LIST_HOT) {
        if (!c->hot_valid || c->hot_root != root || c->hot_type != app->type ||
            c->hot_order != app->rank)
            return app_broken(why, cap, "the hot list is not for the scope, type and rank shown");
        if (l->nsections != 1 || l->sections[0].count != c->hot.count)
            return app_broken(why, cap, "the hot list's sections do not match its %zu entries",
                              c->hot.count);
    } else {
        if (l->nsections != 2 || l->sections[0].count != c->shapes.nplateaus ||
            l->sections[1].count != c->shapes.ntowers)
            return app_broken(why, cap, "the shapes list's sections do not match the shapes");
    }
    size_t n = list_count(l), rows = list_rows(l);
    if (n ? l->cursor >= n : l->cursor != 0)
        return app_broken(why, cap, "sidebar cursor %zu outside its %zu entries", l->cursor, n);
    if (l->height != (size_t)app_sidebar_list_rows(app))
        return app_broken(why, cap, "sidebar list height %zu, %d rows shown", l->height,
                          app_sidebar_list_rows(app));
    if (l->scroll > (rows > l->height ? rows - l->height : 0))
        return app_broken(why, cap, "sidebar scrolled to row %zu of %zu", l->scroll, rows);
    if (n && (list_row_of(l, l->cursor) < l->scroll ||
              list_row_of(l, l->cursor) >= l->scroll + l->height))
        return app_broken(why, cap, "the sidebar's cursor is off screen");
    return true;
}

bool app_check_invariants(const struct app *app, char *why, size_t cap)
{
    const struct tree *tree = app->profile->tree;
    const struct app_cache *c = &app->cache;
    size_t nodes = tree_count(tree);
    if (app->zoom >= nodes || app->selected >= nodes)
        return app_broken(why, cap, "zoom %u or selection %u is not a node", app->zoom,
                          app->selected);
    if (!app->layout_valid || app->layout_zoom != app->zoom || app->layout_order != app->order ||
        app->layout_type != app->type || app->layout.width != app_graph_cols(app))
        return app_broken(why, cap, "the layout is not for the zoom, order, type and width");
    if (!app_in_view(app, app->selected))
        return app_broken(why, cap, "selection %u is neither in zoom %u nor one of its callers",
                          app->selected, app->zoom);
    if (app->layout.count && layout_find(&app->layout, app->selected) < 0)
        return app_broken(why, cap, "selection %u is not laid out", app->selected);
    if (app->scroll < 0 || app->scroll > app_max_scroll(app))
        return app_broken(why, cap, "graph scroll %d outside 0..%d", app->scroll,
                          app_max_scroll(app));
    if (app->hidden)
        return true; /* off screen: the rest is settled when it shows */
    if (app->focus == APP_FOCUS_SIDEBAR && !app_sidebar_visible(app))
        return app_broken(why, cap, "the keys go to a sidebar that does not show");
    if (app_sidebar_visible(app) && !app_check_list(app, why, cap))
        return false;
    if ((app->shapes_on || (app_sidebar_visible(app) && app->list == APP_LIST_SHAPES)) &&
        (!c->shapes_valid || c->shapes_root != app_scope_root(app) ||
         c->shapes_type != app->type || !c->marks))
        return app_broken(why, cap, "the shapes are not for the scope and type shown");
    if (app_search_active(app) &&
        (!c->all_valid || c->all_gen != c->search_gen || c->all_type != app->type ||
         !c->view_valid || c->view_gen != c->search_gen || c->view_type != app->type ||
         c->view_zoom != app->zoom))
        return app_broken(why, cap, "the match totals are not for the search, type and zoom");
    const struct panel *panels[2] = { app->help ? &app->help_panel : NULL,
                                      app->info ? &app->info_panel : NULL };
    for (int k = 0; k < 2; k++) {
        const struct panel *p = panels[k];
        if (!p)
            continue;
        if (!p->lines || p->cols != app->cols || p->ascii != app->ascii)
            return app_broken(why, cap, "the %s is not built for the width", k ? "information panel" : "help");
        if (p->scroll < 0 || p->scroll > panel_max_scroll(p, app->rows))
            return app_broken(why, cap, "the %s is scrolled to %d of %d lines",
                              k ? "information panel" : "help", p->scroll, p->lines);
    }
    if (app->info && (app->info_type != app->type || app->info_selected != app->selected))
        return app_broken(why, cap, "the information panel is not for the type and selection");
    return true;
}
