/* app.h - the viewer's state and the one place that acts on actions.
 *
 * The TUI and --dump both drive an app: they feed it actions (from keys via
 * the keymap), mouse events and the screen size, then ask it to draw into a
 * frame. Everything here is curses-free and deterministic.
 */
#ifndef FLAMEX_APP_H
#define FLAMEX_APP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "flamex/actions.h"
#include "flamex/frame.h"
#include "flamex/keymap.h"
#include "flamex/layout.h"
#include "flamex/profile.h"

/* Flags returned by the app_* event functions. */
#define APP_REDRAW 0x1u /* the screen must be redrawn */
#define APP_QUIT 0x2u   /* the user asked to quit */

struct app_options {
    bool icicle;      /* root at the top */
    bool heaviest;    /* siblings heaviest-first instead of alphabetical */
    size_t type;      /* initial sample type */
    bool ascii;       /* ASCII-only glyphs */
};

struct app {
    struct profile *profile;     /* borrowed; must outlive the app */
    const struct keymap *keymap; /* borrowed; for key hints and the help screen */
    size_t type;
    enum tree_order order;
    bool icicle;
    bool ascii;
    bool help;                   /* the help screen is shown */
    int help_scroll;
    bool info;                   /* the profile information panel is shown */
    int info_scroll;
    int cols, rows;              /* screen size */

    uint32_t zoom;               /* current zoom root */
    uint32_t selected;           /* selected frame */
    uint32_t *back, *forward;    /* zoom history stacks (owned) */
    size_t nback, nforward, back_cap, forward_cap;
    int target_x;                /* column the vertical moves try to stay in */

    int scroll;                  /* first graph row shown (rows from the graph's top) */
    struct layout layout;        /* cached for (zoom, order, type, graph width) */
    bool layout_valid;
    char message[256];           /* one-shot message for the status line */
};

/* Start viewing profile (which must be finished). km is used for hints/help. */
void app_init(struct app *app, struct profile *profile, const struct keymap *km,
              const struct app_options *opts);

/* Free what the app owns (not the profile or keymap). */
void app_free(struct app *app);

/* Set the screen size in cells. Returns APP_REDRAW. */
unsigned app_resize(struct app *app, int cols, int rows);

/* Perform an action. Returns APP_REDRAW and/or APP_QUIT. */
unsigned app_apply(struct app *app, enum action_id action);

/* Translate a key through the keymap and perform its action (unbound keys
 * do nothing, or close the help screen or the information panel). */
unsigned app_key(struct app *app, int key);

/* Mouse: a click at screen cell (x, y) selects the frame there; a double
 * click zooms into it. */
unsigned app_click(struct app *app, int x, int y, bool double_click);

/* Mouse wheel: lines > 0 scrolls towards the top of the screen. */
unsigned app_wheel(struct app *app, int lines);

/* Draw the whole screen into f (resized to the app's size if needed). */
void app_draw(struct app *app, struct frame *f);

#endif
