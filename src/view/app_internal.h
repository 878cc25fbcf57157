/* app_internal.h - the app's modules (app*.c) among themselves, and the
 * read-only geometry the draw_*.c modules use (not public API). Nothing here
 * draws: the controller never calls into drawing (see draw_internal.h). */
#ifndef FLAMEX_APP_INTERNAL_H
#define FLAMEX_APP_INTERNAL_H

#include "flamex/view/app.h"

#define APP_GRAPH_TOP 1  /* row 0 is the breadcrumb */
#define APP_CHROME_ROWS 3 /* breadcrumb + two status lines */

/* Rows available to the graph. */
int app_graph_rows(const struct app *app);
/* Layout row drawn on screen row y, or -1 (outside the graph's rows, or a
 * blank line above a short flame graph). Drawing and clicks both use it. */
long app_row_at_y(const struct app *app, int y);
/* Recompute the layout if the zoom, order, type or width changed. */
void app_ensure_layout(struct app *app);
/* Bring the state to its settled form after an event: the layout, the
 * sidebar's list, the analyses shown, clamped cursors and scrolls. Every
 * event function ends with it; drawing then only reads. */
void app_settle(struct app *app);

/* ---- app_search.c: the / prompt, n/N, #, case modes, match totals ---- */

/* Open the / prompt (empty; the current search stays until the first edit). */
unsigned app_search_open(struct app *app);
/* A key while the prompt is open: edit, Enter keeps, Esc clears the search. */
unsigned app_prompt_key(struct app *app, int key);
/* n (dir 1) / N (dir -1): the next matching frame in screen order. */
unsigned app_search_step(struct app *app, int dir);
/* #: search for the selected frame's exact name. */
unsigned app_search_selected(struct app *app);
/* Search for the function with string-table id name, exactly (the sidebar's
 * Enter). Returns false (message set) when the name cannot be searched. */
bool app_search_name(struct app *app, uint32_t name);
/* Esc: clear the search; with none, give the focus back to the graph. */
unsigned app_search_clear(struct app *app);
/* Cycle the case mode (smart, sensitive, insensitive) and search again. */
unsigned app_search_cycle_case(struct app *app);
/* Bring the cached match totals up to date for the zoom and sample type. */
void app_search_totals(struct app *app);
/* Free the search state. */
void app_search_free(struct app *app);

/* ---- app_sidebar.c: the hot list, the shapes, the sidebar's cursor ---- */

/* Columns the sidebar takes, its border included (0 when hidden). */
int app_sidebar_cols(const struct app *app);
/* Root the sidebar ranks within: the zoom or the whole profile. */
uint32_t app_scope_root(const struct app *app);
/* Bring the shapes and the per-node marks (scope, type) up to date. */
void app_shapes_refresh(struct app *app);
/* Screen rows for the list below the sidebar's title (and headings). */
int app_sidebar_list_rows(const struct app *app);
/* Settle the sidebar: the shown list's analysis, sections, cursor and
 * scroll; the focus back on the graph when the sidebar does not show. */
void app_sidebar_settle(struct app *app);
/* Move the sidebar's cursor by delta entries (clamped to the list). */
unsigned app_sidebar_move(struct app *app, long delta);
/* Enter in the sidebar: on a hot function, search for it and select its
 * widest frame; on a shape, select its frame (zooming out if needed). */
unsigned app_sidebar_enter(struct app *app);
/* The sidebar actions that work from anywhere: show/hide, switch the list,
 * switch the ranking, switch the scope, move the focus, highlight shapes. */
unsigned app_sidebar_toggle(struct app *app);
unsigned app_sidebar_next_list(struct app *app);
unsigned app_sidebar_toggle_rank(struct app *app);
unsigned app_sidebar_toggle_scope(struct app *app);
unsigned app_focus_toggle(struct app *app);
unsigned app_shapes_toggle(struct app *app);
/* A click on screen row y inside the sidebar focuses it and moves the
 * cursor there; a double click acts like Enter. */
unsigned app_sidebar_click(struct app *app, int y, bool double_click);
/* Free the caches the sidebar and shape highlighting own. */
void app_sidebar_free(struct app *app);

/* Build the help screen (app_help.c) for the app's width into p; app_settle
 * calls it when the help opens or the width changes. */
void app_help_build(struct panel *p, const struct app *app);
/* Build the profile information panel (app_info.c): the config and theme
 * problems, the header lines of info.h, the sample types, the selected
 * frame, for the app's width; app_settle calls it when they change. */
void app_info_build(struct panel *p, const struct app *app);

#endif
