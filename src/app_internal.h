/* app_internal.h - what app.c shares with the draw_*.c modules (not public API). */
#ifndef FLAMEX_APP_INTERNAL_H
#define FLAMEX_APP_INTERNAL_H

#include "flamex/app.h"

#define APP_GRAPH_TOP 1  /* row 0 is the breadcrumb */
#define APP_CHROME_ROWS 3 /* breadcrumb + two status lines */

/* Rows available to the graph. */
int app_graph_rows(const struct app *app);
/* Content line (0 = top of the graph) of a layout row, before scrolling. */
int app_line_of_row(const struct app *app, uint32_t row);
/* Blank lines above a short flame graph (it sits at the bottom). */
int app_pad(const struct app *app);
/* Recompute the layout if the zoom, order, type or width changed. */
void app_ensure_layout(struct app *app);

/* Draw the graph rows, the breadcrumb, the status lines, the help screen. */
void draw_flame(struct app *app, struct frame *f);
void draw_breadcrumb(struct app *app, struct frame *f);
void draw_status(struct app *app, struct frame *f);
void draw_help(struct app *app, struct frame *f);

#endif
