/* draw_internal.h - what draw.c shares with the other draw_*.c modules (not
 * public API). Drawing reads the settled app through const pointers and the
 * geometry queries of app_internal.h; nothing in app*.c includes this. */
#ifndef FLAMEX_DRAW_INTERNAL_H
#define FLAMEX_DRAW_INTERNAL_H

#include "app_internal.h"

/* Draw the graph rows (draw_flame.c), the breadcrumb and the status lines
 * (draw.c). */
void draw_flame(const struct app *app, struct frame *f);
void draw_breadcrumb(const struct app *app, struct frame *f);
void draw_status(const struct app *app, struct frame *f);
/* Draw the sidebar (draw_sidebar.c) at the right of the graph rows. */
void draw_sidebar(const struct app *app, struct frame *f);

#endif
