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

/* Draw the profile information panel (draw_info.c): the header lines of
 * info.h, the sample types, the selected frame. It owns nothing afterwards;
 * it scrolls by app->info_scroll, which app.c keeps within the content. */
void draw_info(struct app *app, struct frame *f);
/* Rows the information panel's content takes at the app's current width. */
int draw_info_rows(struct app *app);

/* Write the raw bytes text[0..len) from (x, y), sanitised (utf8.h) and wrapped
 * at spaces within width columns (at least 8; a word wider than that is cut
 * between glyphs), rows after the first indented by hang more columns; rows
 * outside the frame are skipped. Returns the rows used, at least 1. */
int draw_wrapped(struct frame *f, int x, int y, int width, int hang, const char *text,
                 size_t len, uint16_t style);
/* Rows draw_wrapped would use for the same text and widths, drawing nothing. */
int draw_wrapped_rows(bool ascii, int width, int hang, const char *text, size_t len);
/* pprof's note for a frame reached inlined: "(inline)" if only inlined,
 * "(partial-inline)" if also as a real call, NULL otherwise (static strings). */
const char *draw_inline_note(const struct app *app, uint32_t node);
/* Unit of sample type t ("count" when the profile gives none). */
const char *draw_type_unit(const struct app *app, size_t t);

#endif
