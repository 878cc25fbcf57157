/* compare_internal.h - what compare.c shares with draw_compare.c (not public API). */
#ifndef FLAMEX_COMPARE_INTERNAL_H
#define FLAMEX_COMPARE_INTERNAL_H

#include "flamex/view/compare.h"

#define COMPARE_TITLE_ROWS 1  /* the pane titles (or the differential view's legend) */
#define COMPARE_STATUS_ROWS 1 /* the before/after/change line at the bottom */

/* "BEFORE" or "AFTER". */
const char *compare_side_name(int side);

/* Entry of the change list (c->changes): the functions that grew (largest
 * first), those that shrank (largest first), then the unchanged ones. */
const struct diff_function *compare_list_entry(const struct compare *c, size_t entry);

/* Screen rows for the list below the sidebar's title. */
int compare_list_screen_rows(const struct compare *c);

/* Screen column and width of pane i (0 BEFORE, 1 AFTER) in side-by-side mode. */
void compare_pane_box(const struct compare *c, int i, int *x, int *width);

/* Draw the titles, the change list and the status line (draw_compare.c);
 * the panes or the differential view are drawn by compare_draw. They only
 * read the compare: the events settled it. */
void draw_compare_titles(const struct compare *c, struct frame *f);
void draw_compare_sidebar(const struct compare *c, struct frame *f);
void draw_compare_status(const struct compare *c, struct frame *f);

#endif
