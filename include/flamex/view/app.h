/* app.h - the viewer's state and the one place that acts on actions.
 *
 * The TUI and --dump both drive an app: they feed it actions (from keys via
 * the keymap), mouse events and the screen size, then ask it to draw into a
 * frame. Everything here is curses-free and deterministic.
 *
 * Events change state; drawing only reads it. Every function below that
 * takes a non-const app ends by settling it: the layout for the zoom,
 * order, type and width; the analyses on screen (hot list, shapes, match
 * totals); the sidebar's list, the help and the information panel built and
 * their cursors and scrolls clamped (app_check_invariants states it all).
 * app_draw then reads a const app. Only app*.c write an app's fields;
 * others may read them.
 */
#ifndef FLAMEX_APP_H
#define FLAMEX_APP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "flamex/view/actions.h"
#include "flamex/view/frame.h"
#include "flamex/analysis/hot.h"
#include "flamex/analysis/info.h"
#include "flamex/view/keymap.h"
#include "flamex/view/layout.h"
#include "flamex/view/list.h"
#include "flamex/view/panel.h"
#include "flamex/view/view.h"
#include "flamex/model/profile.h"
#include "flamex/analysis/search.h"
#include "flamex/analysis/shapes.h"

/* The app_* event functions return VIEW_REDRAW and/or VIEW_QUIT (view.h). */

struct app_options {
    bool icicle;      /* root at the top */
    bool heaviest;    /* siblings heaviest-first instead of alphabetical */
    size_t type;      /* initial sample type */
    bool ascii;       /* ASCII-only glyphs */
    const struct shapes_options *shapes; /* thresholds; NULL = shapes_default_options() */
    const struct info_lines *notes; /* problems found in the config and theme, one line
                                       each (borrowed; NULL or empty: none): the status
                                       line announces them at start, the information
                                       panel lists them */
};

/* Where the keys go: the graph, or the sidebar's list. */
enum app_focus { APP_FOCUS_GRAPH, APP_FOCUS_SIDEBAR };

/* What the sidebar lists. */
enum app_list { APP_LIST_HOT, APP_LIST_SHAPES, APP_LIST_COUNT };

/* The `/` prompt being edited (the search it shows lives in app->search). */
struct app_prompt {
    bool open;
    bool edited;            /* typed into since it opened */
    char text[256];         /* the pattern as typed, NUL-terminated */
    size_t len;
    char error[256];        /* why text does not compile, or a warning about it */
    bool invalid;           /* text does not compile: the search in effect is older */
};

/* Cached analyses: recomputed when their key (root, type, ...) changes. */
struct app_cache {
    struct search scratch;  /* compiled here first, swapped in when valid */
    unsigned search_gen;    /* bumped whenever app->search changes */
    bool all_valid;         /* matched_all, frames_all: for (all_gen, all_type) */
    unsigned all_gen;
    size_t all_type;
    bool view_valid;        /* matched_view, frames_view: for (view_gen, view_type, view_zoom) */
    unsigned view_gen;
    size_t view_type;
    uint32_t view_zoom;
    double matched_all, matched_view;
    size_t frames_all, frames_view;

    struct hot_list hot;    /* for (hot_root, hot_type), sorted by hot_order */
    bool hot_valid;
    uint32_t hot_root;
    size_t hot_type;
    enum hot_order hot_order;

    struct shapes shapes;   /* for (shapes_root, shapes_type) */
    bool shapes_valid;
    uint32_t shapes_root;
    size_t shapes_type;
    uint8_t *marks;         /* per node: APP_MARK_* (owned, tree_count entries) */
};

#define APP_MARK_PLATEAU 0x1u /* a plateau frame */
#define APP_MARK_TOWER 0x2u   /* a tower's base or a frame above it */

struct app {
    struct profile *profile;     /* borrowed; must outlive the app */
    const struct keymap *keymap; /* borrowed; for key hints and the help screen */
    const struct info_lines *notes; /* borrowed (app_options.notes); may be NULL */
    size_t type;
    enum tree_order order;
    bool icicle;
    bool ascii;
    bool help;                   /* the help screen is shown */
    struct panel help_panel;     /* its lines, for help_panel.cols and ascii */
    bool info;                   /* the profile information panel is shown */
    struct panel info_panel;     /* its lines, for (info_panel.cols, info_type, info_selected) */
    size_t info_type;
    uint32_t info_selected;
    int cols, rows;              /* screen size */

    uint32_t zoom;               /* current zoom root */
    uint32_t selected;           /* selected frame */
    uint32_t keep_selected;      /* the selection before a resize made it too narrow to
                                    lay out: restored when it fits again, until the user
                                    acts (TREE_NONE: none) */
    uint32_t *back, *forward;    /* zoom history stacks (owned) */
    size_t nback, nforward, back_cap, forward_cap;
    int target_x;                /* column the vertical moves try to stay in */

    int scroll;                  /* first graph row shown (rows from the graph's top) */
    struct layout layout;        /* cached for (layout_zoom, layout_order, layout_type,
                                    its width): app_settle recomputes it when they differ */
    bool layout_valid;           /* computed at least once (false: compute again) */
    uint32_t layout_zoom;
    enum tree_order layout_order;
    size_t layout_type;
    char message[256];           /* one-shot message for the status line */

    struct search search;        /* the search in effect (empty: none); owned */
    enum search_case search_case;
    uint32_t search_name;        /* name id of an exact-name search (#, the sidebar), else STRTAB_NONE */
    struct app_prompt prompt;

    bool sidebar;                /* wanted (hidden anyway on narrow screens) */
    enum app_focus focus;
    enum app_list list;
    enum hot_order rank;         /* HOT_BY_FLAT or HOT_BY_CUM */
    bool scope_zoom;             /* the sidebar ranks within the zoom, not the profile */
    struct list lists[APP_LIST_COUNT]; /* each list's sections, cursor and scroll */
    bool shapes_on;              /* plateaus and towers highlighted in the graph */
    struct shapes_options shapes_opts;

    struct app_cache cache;
    bool differential;           /* colour bars by change (a merged profile, diff.h) */
    bool diff_normalise;         /* ... with BEFORE normalised to AFTER's total */
    bool hidden;                 /* off screen (app_set_shown): settles its position only */
    bool compare_pane;           /* a compare pane: its title names the side, the status
                                    line does not name the sample type */
};

/* Start viewing profile (which must be finished). km is used for hints/help. */
void app_init(struct app *app, struct profile *profile, const struct keymap *km,
              const struct app_options *opts);

/* Free what the app owns (not the profile or keymap). */
void app_free(struct app *app);

/* Set the screen size in cells. Returns VIEW_REDRAW. */
unsigned app_resize(struct app *app, int cols, int rows);

/* Perform an action. Returns VIEW_REDRAW and/or VIEW_QUIT. */
unsigned app_apply(struct app *app, enum action_id action);

/* Translate a key through the keymap and perform its action (unbound keys
 * do nothing, or close the help screen or the information panel). */
unsigned app_key(struct app *app, int key);

/* Mouse: a click at screen cell (x, y) selects the frame there; a double
 * click zooms into it. */
unsigned app_click(struct app *app, int x, int y, bool double_click);

/* Mouse wheel: lines > 0 scrolls towards the top of the screen. */
unsigned app_wheel(struct app *app, int lines);

/* Select node in the graph: when it lies outside the zoomed subtree (and is
 * not one of the zoom's ancestors) zoom out to the whole profile first (the
 * zoom history keeps the old zoom); when it is too narrow to be laid out,
 * select its nearest visible caller and say so. Returns VIEW_REDRAW. */
unsigned app_select_node(struct app *app, uint32_t node);

/* Search for the function with string-table id name (exactly) and select
 * its widest frame in the sidebar's scope (else the whole profile), zooming
 * out if needed; the message says what happened. Returns VIEW_REDRAW. */
unsigned app_select_function(struct app *app, uint32_t name);

/* Compare mode: make to's zoom history (back and forward) from's, each
 * entry passed through map (to the nearest node that exists on to's side). */
void app_copy_history(struct app *to, const struct app *from, uint32_t (*map)(void *ctx, uint32_t node),
                      void *ctx);

/* Compare mode: show zoom with selected selected, as another pane did,
 * without touching the zoom history (zoom must be an ancestor-or-self of
 * selected). The selection falls back to its nearest visible caller. */
void app_follow(struct app *app, uint32_t zoom, uint32_t selected);

/* Show sample type type of the app's profile (as t does for the next one):
 * the zoom, the selection and the zoom history move to their deepest
 * ancestor with a nonzero total of it; siblings are re-sorted when ordered
 * heaviest first (not in a compare pane: the compare sorts the one tree for
 * all its panes before); the app settles. A type out of range is ignored (returns
 * 0), else returns VIEW_REDRAW. Compare mode switches its panes with it. */
unsigned app_set_type(struct app *app, size_t type);

/* Compare mode: app shows one side of a merged profile (its title names the
 * side, its status line not the sample type) or, with differential set, the
 * differential view (bars coloured by change, BEFORE normalised to AFTER's
 * total when normalise is set). The app settles. */
void app_set_compare(struct app *app, bool differential, bool normalise);

/* Compare mode: take from's orientation and sibling order; the app settles. */
void app_match_view(struct app *app, const struct app *from);

/* Compare mode: whether the app is on screen (apps start shown). An app off
 * screen settles only its position (layout, selection, scroll); what feeds
 * only the screen (match totals, the sidebar's list, shapes, panels) waits
 * until it shows again, when this settles it. */
void app_set_shown(struct app *app, bool shown);

/* Set the one-shot status message (copied, cut to fit; NULL clears it). */
void app_set_message(struct app *app, const char *text);

/* Is a search in effect (a pattern, even one matching nothing)? */
bool app_search_active(const struct app *app);

/* Compare mode: make to's search the same as from's (same pattern, case
 * mode or exact name; both apps view the same merged profile). */
void app_search_copy(struct app *to, const struct app *from);

/* Draw the whole screen into f (resized to the app's size if needed). */
void app_draw(const struct app *app, struct frame *f);

/* Check what every event function leaves true: the layout is for the zoom,
 * order, type and graph width; the selection is laid out, in the zoom or one
 * of its callers; the graph's scroll is within it; the sidebar's list matches
 * the analysis it lists, its cursor on an entry and on screen; shapes, match
 * totals and panels are for what is shown, panels scrolled within their
 * lines. Returns true, or false with why (cap bytes; may be NULL) saying what
 * broke. Reads only; for tests and fuzz targets. */
bool app_check_invariants(const struct app *app, char *why, size_t cap);

/* Width of the graph in cells: the screen's, less the sidebar when it shows
 * (it hides below 80 columns and takes a third, at most 50 columns). */
int app_graph_cols(const struct app *app);

/* Does the sidebar show at the current size? */
bool app_sidebar_visible(const struct app *app);

#endif
