/* view.h - what the TUI loop and --dump drive: one profile's app, or a comparison.
 *
 * Both the single-profile viewer (app.h) and compare mode (compare.h) take
 * keys, mouse events and the screen size and draw the whole screen into a
 * frame; a view bundles those calls so tui_run and --dump need not know
 * which one runs. Everything behind it is curses-free.
 */
#ifndef FLAMEX_VIEW_H
#define FLAMEX_VIEW_H

#include <stdbool.h>
#include <stddef.h>

#include "flamex/view/frame.h"
#include "flamex/view/keymap.h"

/* Flags returned by the event functions of a view, an app or a compare. */
#define VIEW_REDRAW 0x1u /* the screen must be redrawn */
#define VIEW_QUIT 0x2u   /* the user asked to quit */

struct app;
struct compare;

struct view {
    void *ctx;                   /* the app or the compare (borrowed) */
    const struct keymap *keymap; /* borrowed */
    bool ascii;                  /* ASCII-only glyphs */
    char *message;               /* one-shot status message buffer of the view */
    size_t message_cap;
    /* Each returns VIEW_REDRAW and/or VIEW_QUIT, and leaves the state settled. */
    unsigned (*key)(void *ctx, int key);
    unsigned (*click)(void *ctx, int x, int y, bool double_click);
    unsigned (*wheel)(void *ctx, int lines);
    unsigned (*resize)(void *ctx, int cols, int rows);
    void (*draw)(const void *ctx, struct frame *f); /* reads the settled state only */
};

/* A view of a single-profile app (which must outlive the view). */
void view_of_app(struct view *view, struct app *app);

/* A view of compare mode (which must outlive the view). */
void view_of_compare(struct view *view, struct compare *compare);

#endif
