/* compare.c - compare mode's state: the panes kept in step, the view and
 * width modes, normalisation, the sample types, and the change list. Every
 * event function ends with compare_settle; compare_draw only reads. */
#include "flamex/view/compare.h"

#include "flamex/view/view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compare_internal.h"

#define COMPARE_SIDEBAR_MIN_SCREEN 100 /* narrower screens keep the width for the panes */
#define COMPARE_SIDEBAR_MAX 50

static const char *const compare_side_names[2] = { "BEFORE", "AFTER" };

const char *compare_side_name(int side)
{
    return compare_side_names[side ? 1 : 0];
}

/* The app with the keys, to act on. */
static struct app *compare_focus(struct compare *c)
{
    return c->mode == COMPARE_DIFFERENTIAL ? &c->diff : &c->pane[c->active];
}

const struct app *compare_focused(const struct compare *c)
{
    return c->mode == COMPARE_DIFFERENTIAL ? &c->diff : &c->pane[c->active];
}

/* Sample type the differential view's widths come from. */
static size_t compare_width_type(const struct compare *c)
{
    switch (c->width) {
    case COMPARE_WIDTH_BEFORE: return diff_type_of(c->pair, DIFF_BEFORE);
    case COMPARE_WIDTH_LARGER:
        return diff_type_of(c->pair, c->normalise ? DIFF_LARGER_NORM : DIFF_LARGER);
    case COMPARE_WIDTH_AFTER: break;
    }
    return diff_type_of(c->pair, DIFF_AFTER);
}

static void compare_settle(struct compare *c);

void compare_init(struct compare *c, struct profile *merged, const struct keymap *km,
                  const struct compare_options *opts)
{
    memset(c, 0, sizeof *c);
    c->merged = merged;
    c->keymap = km;
    c->mode = opts->mode;
    c->active = 1;
    c->width = COMPARE_WIDTH_AFTER;
    c->normalise = !opts->raw;
    c->type_names = opts->type_names;
    c->rank = HOT_BY_FLAT;
    c->ascii = opts->app.ascii;
    c->cols = 80;
    c->rows = 24;
    snprintf(c->before_name, sizeof c->before_name, "%s",
             opts->before_name ? opts->before_name : "before");
    snprintf(c->after_name, sizeof c->after_name, "%s",
             opts->after_name ? opts->after_name : "after");
    struct app_options ao = opts->app;
    /* Sibling order is one per tree: heaviest-first follows AFTER in every pane,
     * so the two panes line up. */
    for (int i = 0; i < 2; i++) {
        ao.type = diff_type_of(0, i == 0 ? DIFF_BEFORE : DIFF_AFTER);
        app_init(&c->pane[i], merged, km, &ao);
        app_set_compare(&c->pane[i], false, false);
    }
    ao.type = diff_type_of(0, DIFF_AFTER);
    app_init(&c->diff, merged, km, &ao);
    if (opts->app.heaviest)
        tree_sort_heaviest(merged->tree, diff_type_of(0, DIFF_AFTER));
    app_set_compare(&c->diff, true, c->normalise);
    list_init(&c->changes);
    /* The note (how the types were paired) and the config/theme problems'
     * notice (app_init) go on compare mode's own status line; each pane's
     * information panel lists the problems. */
    char notice[sizeof c->diff.message];
    memcpy(notice, c->diff.message, sizeof notice);
    const char *note = opts->note ? opts->note : "";
    int used = snprintf(c->message, sizeof c->message, "%s%s", note,
                        note[0] && notice[0] ? "; " : "");
    size_t at = used < 0 ? 0 : (size_t)used;
    for (size_t i = 0; notice[i] && at + 1 < sizeof c->message; i++) /* cut to fit */
        c->message[at++] = notice[i];
    if (at < sizeof c->message)
        c->message[at] = '\0';
    for (int i = 0; i < 2; i++)
        app_set_message(&c->pane[i], NULL);
    app_set_message(&c->diff, NULL);
    compare_settle(c);
}

void compare_free(struct compare *c)
{
    for (int i = 0; i < 2; i++)
        app_free(&c->pane[i]);
    app_free(&c->diff);
    diff_functions_free(&c->funcs);
}

int compare_sidebar_cols(const struct compare *c)
{
    if (!c->sidebar || c->cols < COMPARE_SIDEBAR_MIN_SCREEN)
        return 0;
    int w = c->cols / 3;
    return w > COMPARE_SIDEBAR_MAX ? COMPARE_SIDEBAR_MAX : w;
}

void compare_pane_box(const struct compare *c, int i, int *x, int *width)
{
    int avail = c->cols - compare_sidebar_cols(c);
    int left = (avail - 1) / 2;
    if (left < 1)
        left = 1;
    *x = i == 0 ? 0 : left + 1;
    *width = i == 0 ? left : avail - left - 1;
    if (*width < 1)
        *width = 1;
}

/* Resize app to cols x rows unless it has that size already. */
static void compare_size_app(struct app *app, int cols, int rows)
{
    if (cols < 1)
        cols = 1;
    if (rows < 1)
        rows = 1;
    if (app->cols != cols || app->rows != rows)
        app_resize(app, cols, rows);
}

/* Give every app its size: the panes side by side, the differential view
 * the width left of the sidebar; the title and status rows are the
 * compare's. The app with the keys takes the whole screen while it shows
 * its help screen or information panel. */
static void compare_layout(struct compare *c)
{
    int rows = c->rows - COMPARE_TITLE_ROWS - COMPARE_STATUS_ROWS;
    const struct app *focused = compare_focused(c);
    for (int i = 0; i < 2; i++) {
        int x, w;
        compare_pane_box(c, i, &x, &w);
        if (&c->pane[i] == focused && (focused->help || focused->info))
            compare_size_app(&c->pane[i], c->cols, c->rows);
        else
            compare_size_app(&c->pane[i], w, rows);
    }
    if (&c->diff == focused && (focused->help || focused->info))
        compare_size_app(&c->diff, c->cols, c->rows);
    else
        compare_size_app(&c->diff, c->cols - compare_sidebar_cols(c), rows);
}

unsigned compare_resize(struct compare *c, int cols, int rows)
{
    c->cols = cols < 1 ? 1 : cols;
    c->rows = rows < 1 ? 1 : rows;
    compare_settle(c);
    return VIEW_REDRAW;
}

/* Bytes of a name to quote in a message: at most 60, not splitting a UTF-8
 * character. */
static int compare_quote_len(const char *name, size_t len)
{
    if (len <= 60)
        return (int)len;
    size_t n = 60;
    while (n > 0 && ((unsigned char)name[n] & 0xC0) == 0x80)
        n--;
    return (int)n;
}

/* Show in to what from shows: the same orientation, order, zoom and
 * selection, or, where that call path does not exist on to's side, its
 * deepest ancestor that does (and say so in to's status line). */
static void compare_follow_one(struct compare *c, struct app *to, const struct app *from)
{
    const struct profile *m = c->merged;
    uint32_t zoom = diff_nearest_present(m, from->zoom, to->type);
    uint32_t sel = diff_nearest_present(m, from->selected, to->type);
    app_match_view(to, from);
    app_follow(to, zoom, sel);
    char msg[256] = "";
    if (sel != from->selected) {
        size_t len, alen;
        const char *name = profile_node_name(m, from->selected, &len);
        const char *anc = profile_node_name(m, sel, &alen);
        const char *where =
            to == &c->diff ? "these widths" : compare_side_name(to == &c->pane[1]);
        snprintf(msg, sizeof msg, "%.*s is not in %s: showing its deepest common caller %.*s",
                 compare_quote_len(name, len), name, where, compare_quote_len(anc, alen), anc);
    }
    app_set_message(to, msg);
}

/* A zoom history entry for an app of sample type type (app_copy_history). */
struct compare_map {
    const struct profile *merged;
    size_t type;
};

static uint32_t compare_map_node(void *ctx, uint32_t node)
{
    const struct compare_map *m = ctx;
    return diff_nearest_present(m->merged, node, m->type);
}

/* After an action in from: the other apps follow its position, its zoom
 * history (so back and forward work in whichever pane gets the keys next)
 * and its search. */
static void compare_follow(struct compare *c, struct app *from, unsigned search_gen)
{
    struct app *apps[3] = { &c->pane[0], &c->pane[1], &c->diff };
    for (int i = 0; i < 3; i++) {
        if (apps[i] == from)
            continue;
        if (from->cache.search_gen != search_gen)
            app_search_copy(apps[i], from);
        struct compare_map map = { c->merged, apps[i]->type };
        app_copy_history(apps[i], from, compare_map_node, &map);
        compare_follow_one(c, apps[i], from);
    }
}

/* The differential view's widths or normalisation changed: its sample type
 * and colours follow (app_set_type keeps the position where it can). */
static void compare_diff_retype(struct compare *c)
{
    app_set_compare(&c->diff, true, c->normalise);
    app_set_type(&c->diff, compare_width_type(c));
}

static unsigned compare_toggle_view(struct compare *c)
{
    struct app *from = compare_focus(c);
    c->mode = c->mode == COMPARE_DIFFERENTIAL ? COMPARE_SIDE_BY_SIDE : COMPARE_DIFFERENTIAL;
    compare_follow_one(c, compare_focus(c), from);
    snprintf(c->message, sizeof c->message, "%s",
             c->mode == COMPARE_DIFFERENTIAL
                 ? "Differential view: red grew, blue shrank"
                 : "Side by side: BEFORE left, AFTER right");
    return VIEW_REDRAW;
}

static unsigned compare_cycle_width(struct compare *c)
{
    c->width = c->width == COMPARE_WIDTH_AFTER    ? COMPARE_WIDTH_BEFORE
             : c->width == COMPARE_WIDTH_BEFORE ? COMPARE_WIDTH_LARGER
                                                : COMPARE_WIDTH_AFTER;
    compare_diff_retype(c);
    static const char *const what[] = { "AFTER", "BEFORE", "the larger of the two" };
    snprintf(c->message, sizeof c->message, "Differential widths from %s%s", what[c->width],
             c->mode == COMPARE_DIFFERENTIAL ? "" : " (d shows the differential view)");
    return VIEW_REDRAW;
}

static unsigned compare_toggle_normalise(struct compare *c)
{
    c->normalise = !c->normalise;
    compare_diff_retype(c);
    if (c->normalise)
        snprintf(c->message, sizeof c->message,
                 "Normalised: changes of share; BEFORE scaled by %.4g to AFTER's total",
                 diff_scale(c->merged, c->pair));
    else
        snprintf(c->message, sizeof c->message, "Raw values: changes of value, BEFORE not scaled");
    return VIEW_REDRAW;
}

/* Name of sample type t of the merged profile. */
static const char *compare_type_name(const struct compare *c, size_t t)
{
    const char *name = c->merged->types[t].name;
    return name ? name : "";
}

/* t: every app shows the next pair of sample types. */
static unsigned compare_next_pair(struct compare *c)
{
    size_t n = diff_npairs(c->merged);
    const char *b = compare_type_name(c, diff_type_of(c->pair, DIFF_BEFORE));
    const char *a = compare_type_name(c, diff_type_of(c->pair, DIFF_AFTER));
    if (n < 2) {
        if (!c->type_names)
            snprintf(c->message, sizeof c->message,
                     "One sample type here: the file's two counts");
        else if (strcmp(a, b) == 0)
            snprintf(c->message, sizeof c->message,
                     "One sample type compared: %.60s (the only one both profiles have)", a);
        else
            snprintf(c->message, sizeof c->message,
                     "One sample type compared: %.60s against %.60s (-s BEFORE,AFTER picks others)",
                     b, a);
        return VIEW_REDRAW;
    }
    c->pair = (c->pair + 1) % n;
    /* Siblings ordered heaviest first follow AFTER in every pane (one order
     * per tree): sort before any of them lays out. */
    if (c->pane[1].order == TREE_ORDER_HEAVIEST)
        tree_sort_heaviest(c->merged->tree, diff_type_of(c->pair, DIFF_AFTER));
    app_set_type(&c->pane[0], diff_type_of(c->pair, DIFF_BEFORE));
    app_set_type(&c->pane[1], diff_type_of(c->pair, DIFF_AFTER));
    compare_diff_retype(c);
    /* Each app kept what it could of its position under its new type; the
     * others now follow the one with the keys, as after any other action. */
    struct app *from = compare_focus(c);
    compare_follow(c, from, from->cache.search_gen);
    b = compare_type_name(c, diff_type_of(c->pair, DIFF_BEFORE));
    a = compare_type_name(c, diff_type_of(c->pair, DIFF_AFTER));
    if (strcmp(a, b) == 0)
        snprintf(c->message, sizeof c->message, "Sample type %.60s (%zu of %zu)", a,
                 c->pair + 1, n);
    else
        snprintf(c->message, sizeof c->message, "Sample types %.60s against %.60s (%zu of %zu)",
                 b, a, c->pair + 1, n);
    return VIEW_REDRAW;
}

/* ---- the change list ---------------------------------------------------- */

/* Sections of the change list, in order. */
enum { COMPARE_GREW, COMPARE_SHRANK, COMPARE_SAME };

const struct diff_function *compare_list_entry(const struct compare *c, size_t entry)
{
    const struct diff_functions *fl = &c->funcs;
    size_t i;
    switch (list_section_of(&c->changes, entry, &i)) {
    case COMPARE_GREW: return &fl->items[i];
    case COMPARE_SHRANK: return &fl->items[fl->count - 1 - i];
    default: return &fl->items[fl->grew + i]; /* unchanged: between the two */
    }
}

int compare_list_screen_rows(const struct compare *c)
{
    /* Below the list's title and its column headings. */
    int rows = c->rows - COMPARE_TITLE_ROWS - COMPARE_STATUS_ROWS - 2;
    return rows < 1 ? 1 : rows;
}

/* What the change list ranks now: the shown pair, the ranking, the mode,
 * and the zoom of the app with the keys when scoped to it. */
static struct diff_rank compare_rank(const struct compare *c)
{
    struct diff_rank r = { c->pair, TREE_ROOT, c->rank, c->normalise };
    if (c->scope_zoom)
        r.root = compare_focused(c)->zoom;
    return r;
}

/* The sections of the change list for funcs: grew, shrank, unchanged. */
static void compare_list_sections(struct compare *c)
{
    const struct diff_functions *fl = &c->funcs;
    bool share = fl->rank.normalise;
    char grew[64], shrank[64], same[64];
    snprintf(grew, sizeof grew, "%s (%zu)", share ? "Share grew" : "Grew", fl->grew);
    snprintf(shrank, sizeof shrank, "%s (%zu)", share ? "Share shrank" : "Shrank", fl->shrank);
    size_t nsame = fl->same;
    snprintf(same, sizeof same, "%s (%zu)", share ? "Same share" : "Unchanged", nsame);
    struct list *l = &c->changes;
    list_clear_sections(l);
    list_add_section(l, grew, "(none)", fl->grew);
    list_add_section(l, shrank, "(none)", fl->shrank);
    if (nsame)
        list_add_section(l, same, NULL, nsame);
    list_set_height(l, compare_list_screen_rows(c));
}

/* Bring the change list up to what it ranks; the cursor stays on its
 * function when that is still listed. */
static void compare_list_settle(struct compare *c)
{
    if (!c->sidebar)
        return;
    struct diff_rank want = compare_rank(c);
    const struct diff_rank *have = &c->funcs.rank;
    if (c->funcs_valid && have->pair == want.pair && have->root == want.root &&
        have->by == want.by && have->normalise == want.normalise) {
        list_set_height(&c->changes, compare_list_screen_rows(c));
        return;
    }
    uint32_t name = c->funcs_valid && list_count(&c->changes)
                        ? compare_list_entry(c, c->changes.cursor)->name
                        : STRTAB_NONE;
    diff_functions_free(&c->funcs);
    diff_functions(c->merged, &want, &c->funcs);
    c->funcs_valid = true;
    compare_list_sections(c);
    size_t cursor = 0;
    for (size_t i = 0, n = list_count(&c->changes); i < n && name != STRTAB_NONE; i++)
        if (compare_list_entry(c, i)->name == name)
            cursor = i;
    list_reset(&c->changes);
    list_set_cursor(&c->changes, cursor);
}

/* The state after every event: the sizes, then the change list. */
static void compare_settle(struct compare *c)
{
    /* Only the apps on screen compute what feeds only the screen. */
    for (int i = 0; i < 2; i++)
        app_set_shown(&c->pane[i], c->mode == COMPARE_SIDE_BY_SIDE);
    app_set_shown(&c->diff, c->mode == COMPARE_DIFFERENTIAL);
    compare_layout(c);
    /* A change list too narrow to show gives the keys back, as the single
     * view's sidebar does: growing the screen must not hand them over unasked. */
    if (compare_sidebar_cols(c) == 0)
        c->sidebar_focus = false;
    compare_list_settle(c);
}

static unsigned compare_list_move(struct compare *c, long delta)
{
    if (list_count(&c->changes) == 0)
        return 0;
    list_move(&c->changes, delta);
    return VIEW_REDRAW;
}

/* Enter on a function: select its widest frame where it exists (the pane
 * with the keys if it is there), highlight it everywhere, the others follow. */
static unsigned compare_list_enter(struct compare *c)
{
    if (list_count(&c->changes) == 0)
        return 0;
    const struct diff_function *f = compare_list_entry(c, c->changes.cursor);
    bool in_before = f->before_cum != 0, in_after = f->after_cum != 0;
    struct app *target = compare_focus(c);
    if (c->mode == COMPARE_SIDE_BY_SIDE) {
        if (c->active == 0 && !in_before)
            c->active = 1;
        else if (c->active == 1 && !in_after)
            c->active = 0;
        target = &c->pane[c->active];
    } else if (!diff_present(c->merged, TREE_ROOT, c->diff.type) ||
               (c->width == COMPARE_WIDTH_AFTER && !in_after) ||
               (c->width == COMPARE_WIDTH_BEFORE && !in_before)) {
        c->width = COMPARE_WIDTH_LARGER;
        compare_diff_retype(c);
        snprintf(c->message, sizeof c->message,
                 "Widths from the larger of the two, to show a function %s",
                 in_after ? "new in AFTER" : "gone from AFTER");
    }
    unsigned gen = target->cache.search_gen;
    unsigned flags = app_select_function(target, f->name);
    compare_follow(c, target, gen);
    return flags | VIEW_REDRAW;
}

static bool compare_list_action(struct compare *c, enum action_id action, unsigned *flags)
{
    long page = compare_list_screen_rows(c) - 1;
    if (page < 1)
        page = 1;
    long n = (long)list_count(&c->changes);
    switch (action) {
    case ACTION_MOVE_UP: *flags = compare_list_move(c, -1); return true;
    case ACTION_MOVE_DOWN: *flags = compare_list_move(c, 1); return true;
    case ACTION_PAGE_UP: *flags = compare_list_move(c, -page); return true;
    case ACTION_PAGE_DOWN: *flags = compare_list_move(c, page); return true;
    case ACTION_SCROLL_TOP: *flags = compare_list_move(c, -n); return true;
    case ACTION_SCROLL_BOTTOM: *flags = compare_list_move(c, n); return true;
    case ACTION_ZOOM_IN: *flags = compare_list_enter(c); return true;
    default: return false;
    }
}

/* c and z: what the change list ranks, as in the single view's sidebar. */
static unsigned compare_list_rerank(struct compare *c, enum action_id action)
{
    if (action == ACTION_SIDEBAR_RANK)
        c->rank = c->rank == HOT_BY_FLAT ? HOT_BY_CUM : HOT_BY_FLAT;
    else
        c->scope_zoom = !c->scope_zoom;
    snprintf(c->message, sizeof c->message, "Changes of %s%s, %s%s",
             c->normalise ? "the share of " : "",
             c->rank == HOT_BY_FLAT ? "self values" : "totals",
             c->scope_zoom ? "within the zoom" : "in the whole profile",
             c->sidebar ? "" : " (H shows the list)");
    return VIEW_REDRAW;
}

/* ---- keys and mouse ------------------------------------------------------ */

/* Actions that belong to the comparison rather than to one pane; returns
 * false for everything the focused app should do. */
static bool compare_action(struct compare *c, enum action_id action, unsigned *flags)
{
    const struct app *focused = compare_focused(c);
    if (focused->info && action == ACTION_NEXT_SAMPLE_TYPE) {
        *flags = 0; /* the panel shows one app; t switches all of them outside it */
        return true;
    }
    if (focused->help || focused->info)
        return false;
    if (c->sidebar_focus && compare_sidebar_cols(c) > 0 && compare_list_action(c, action, flags))
        return true;
    switch (action) {
    case ACTION_COMPARE_VIEW: *flags = compare_toggle_view(c); return true;
    case ACTION_COMPARE_PANE:
        if (c->mode == COMPARE_DIFFERENTIAL) {
            snprintf(c->message, sizeof c->message, "One graph here: d goes back to the two panes");
        } else {
            c->active = 1 - c->active;
            c->sidebar_focus = false;
            snprintf(c->message, sizeof c->message, "Keys to the %s pane",
                     compare_side_name(c->active));
        }
        *flags = VIEW_REDRAW;
        return true;
    case ACTION_COMPARE_WIDTH: *flags = compare_cycle_width(c); return true;
    case ACTION_COMPARE_NORMALISE: *flags = compare_toggle_normalise(c); return true;
    case ACTION_TOGGLE_SIDEBAR:
        c->sidebar = !c->sidebar;
        if (!c->sidebar)
            c->sidebar_focus = false;
        if (c->sidebar && compare_sidebar_cols(c) == 0)
            snprintf(c->message, sizeof c->message,
                     "The change list needs %d columns; the screen has %d",
                     COMPARE_SIDEBAR_MIN_SCREEN, c->cols);
        *flags = VIEW_REDRAW;
        return true;
    case ACTION_FOCUS:
        if (compare_sidebar_cols(c) == 0) {
            snprintf(c->message, sizeof c->message, "No change list shown (H shows it)");
        } else {
            c->sidebar_focus = !c->sidebar_focus;
        }
        *flags = VIEW_REDRAW;
        return true;
    case ACTION_SIDEBAR_LIST:
        snprintf(c->message, sizeof c->message,
                 "Compare mode has one list: the changes (c: self or total, z: zoom or profile)");
        *flags = VIEW_REDRAW;
        return true;
    case ACTION_SIDEBAR_RANK:
    case ACTION_SIDEBAR_SCOPE: *flags = compare_list_rerank(c, action); return true;
    case ACTION_NEXT_SAMPLE_TYPE: *flags = compare_next_pair(c); return true;
    case ACTION_SEARCH_CLEAR:
        if (!app_search_active(focused) && c->sidebar_focus) {
            c->sidebar_focus = false;
            *flags = VIEW_REDRAW;
            return true;
        }
        return false;
    default:
        return false;
    }
}

unsigned compare_key(struct compare *c, int key)
{
    c->message[0] = '\0';
    struct app *from = compare_focus(c);
    unsigned gen = from->cache.search_gen;
    unsigned flags = 0;
    if (!from->prompt.open && compare_action(c, keymap_lookup(c->keymap, key), &flags)) {
        compare_settle(c);
        return flags;
    }
    flags = app_key(from, key);
    compare_follow(c, from, gen);
    compare_settle(c);
    return flags | VIEW_REDRAW;
}

/* A click at line y of the change list's rows: the cursor goes there. */
static unsigned compare_list_click(struct compare *c, int y, bool double_click)
{
    int line = y - COMPARE_TITLE_ROWS - 2; /* below the title and the column headings */
    long entry = line < 0 ? -1 : list_entry_at_line(&c->changes, line);
    if (entry < 0)
        return 0;
    list_set_cursor(&c->changes, (size_t)entry);
    c->sidebar_focus = true;
    return double_click ? compare_list_enter(c) : VIEW_REDRAW;
}

/* compare_click without the settling. */
static unsigned compare_click_at(struct compare *c, int x, int y, bool double_click)
{
    struct app *focused = compare_focus(c);
    if (focused->help || focused->info) /* full screen: a click closes it */
        return app_click(focused, x, y, double_click) | VIEW_REDRAW;
    int side_x = c->cols - compare_sidebar_cols(c);
    int top = COMPARE_TITLE_ROWS;
    if (y < top || y >= c->rows - COMPARE_STATUS_ROWS)
        return 0;
    if (compare_sidebar_cols(c) > 0 && x >= side_x) {
        if (focused->prompt.open) /* the prompt keeps the keys */
            return 0;
        return compare_list_click(c, y, double_click);
    }
    struct app *target = &c->diff;
    int px = 0;
    if (c->mode == COMPARE_SIDE_BY_SIDE) {
        int x1, w1;
        compare_pane_box(c, 1, &x1, &w1);
        int side = x >= x1 ? 1 : 0, w;
        if (focused->prompt.open && side != c->active)
            return 0; /* the prompt keeps the keys */
        compare_pane_box(c, side, &px, &w);
        if (x - px >= w)
            return 0; /* the line between the panes */
        c->active = side;
        target = &c->pane[c->active];
    }
    c->sidebar_focus = false;
    unsigned gen = target->cache.search_gen;
    unsigned flags = app_click(target, x - px, y - top, double_click);
    compare_follow(c, target, gen);
    return flags | VIEW_REDRAW;
}

unsigned compare_click(struct compare *c, int x, int y, bool double_click)
{
    c->message[0] = '\0';
    unsigned flags = compare_click_at(c, x, y, double_click);
    compare_settle(c);
    return flags;
}

unsigned compare_wheel(struct compare *c, int lines)
{
    struct app *from = compare_focus(c);
    unsigned flags;
    if (c->sidebar_focus && compare_sidebar_cols(c) > 0 && !from->help && !from->info) {
        flags = compare_list_move(c, -lines);
    } else {
        unsigned gen = from->cache.search_gen;
        flags = app_wheel(from, lines);
        compare_follow(c, from, gen);
    }
    compare_settle(c);
    return flags;
}

/* Draw app into the window of f at (x, y) its size takes. */
static void compare_draw_app(const struct app *app, struct frame *f, int x, int y)
{
    struct frame pane = frame_window(f, x, y, app->cols, app->rows); /* no copy, no allocation */
    app_draw(app, &pane);
}

void compare_draw(const struct compare *c, struct frame *f)
{
    if (f->cols != c->cols || f->rows != c->rows)
        frame_resize(f, c->cols, c->rows);
    f->ascii = c->ascii;
    frame_clear(f, STYLE_DEFAULT);
    if (c->cols < 40 || c->rows < 8) {
        frame_puts(f, 0, 0, f->cols, "terminal too small", STYLE_ERROR);
        if (f->rows > 1)
            frame_puts(f, 0, 1, f->cols, "(compare mode needs 40x8)", STYLE_ERROR);
        return;
    }
    const struct app *focused = compare_focused(c);
    if (focused->help || focused->info) { /* full screen, as in the single view */
        app_draw(focused, f);
        return;
    }
    if (c->mode == COMPARE_SIDE_BY_SIDE) {
        for (int i = 0; i < 2; i++) {
            int x, w;
            compare_pane_box(c, i, &x, &w);
            compare_draw_app(&c->pane[i], f, x, COMPARE_TITLE_ROWS);
        }
        int x1, w1;
        compare_pane_box(c, 1, &x1, &w1);
        for (int y = COMPARE_TITLE_ROWS; y < c->rows - COMPARE_STATUS_ROWS; y++)
            frame_puts(f, x1 - 1, y, 1, c->ascii ? "|" : "\xe2\x94\x82", STYLE_SIDEBAR);
    } else {
        compare_draw_app(&c->diff, f, 0, COMPARE_TITLE_ROWS);
    }
    draw_compare_titles(c, f);
    if (compare_sidebar_cols(c) > 0)
        draw_compare_sidebar(c, f);
    draw_compare_status(c, f);
}
