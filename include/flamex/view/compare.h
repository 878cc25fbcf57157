/* compare.h - compare mode: BEFORE and AFTER side by side, or one differential graph.
 *
 * A compare owns three apps over one merged profile (diff.h): the BEFORE pane
 * (the shown pair's BEFORE column), the AFTER pane (its AFTER column) and the
 * differential view (width from AFTER, BEFORE or the larger of the two,
 * coloured by change). Whatever the user does in the pane with the keys,
 * the others follow: the same call path is the same node in all three, and
 * where a path does not exist on a side, that pane shows its deepest
 * existing ancestor and says so. t shows the next pair of sample types (all
 * three apps switch). The compare keeps its own sidebar: the functions ranked
 * by the change of their self or total value (c), in the whole profile or
 * within the zoom (z); normalised, by the change of their share of each
 * side's total. Every event settles the state (sizes, the change list, its
 * cursor); drawing only reads it.
 */
#ifndef FLAMEX_COMPARE_H
#define FLAMEX_COMPARE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "flamex/view/app.h"
#include "flamex/view/list.h"
#include "flamex/analysis/diff.h"

enum compare_mode { COMPARE_SIDE_BY_SIDE, COMPARE_DIFFERENTIAL };

/* Widths of the differential view. */
enum compare_width { COMPARE_WIDTH_AFTER, COMPARE_WIDTH_BEFORE, COMPARE_WIDTH_LARGER };

struct compare_options {
    struct app_options app;   /* orientation, order, ascii, shapes (type is ignored) */
    enum compare_mode mode;   /* the view to start in */
    const char *before_name;  /* labels of the panes: the files as given (borrowed) */
    const char *after_name;
    bool raw;                 /* start with raw values (--no-normalise), not normalised */
    bool type_names;          /* the titles name the sample types (false: a two-count
                                 file, whose columns are its two counts) */
    const char *note;         /* first status message, e.g. how the types were paired
                                 (NULL: none; copied) */
};

struct compare {
    struct profile *merged;      /* borrowed; from diff_merge */
    const struct keymap *keymap; /* borrowed */
    struct app pane[2];          /* [0] BEFORE, [1] AFTER */
    struct app diff;             /* the differential view */
    enum compare_mode mode;
    int active;                  /* the pane with the keys in side-by-side mode: 0 or 1 */
    enum compare_width width;
    bool normalise;              /* BEFORE scaled to AFTER's total (on by default) */
    size_t pair;                 /* the pair of sample types shown (diff.h) */
    bool type_names;             /* the titles name the sample types */
    bool sidebar;                /* the change list is wanted */
    bool sidebar_focus;          /* the keys go to the change list */
    enum hot_order rank;         /* the change list ranks self values or totals */
    bool scope_zoom;             /* ... within the zoom of the app with the keys */
    struct diff_functions funcs; /* the ranked functions, for funcs.rank (settled by
                                    every event while the list is wanted) */
    struct list changes;         /* their rows: grew, shrank, unchanged; cursor, scroll */
    bool funcs_valid;
    int cols, rows;
    bool ascii;
    char before_name[256], after_name[256];
    char message[256];           /* one-shot message for the compare status line */
};

/* Start comparing: merged must be a diff_merge result and outlive the compare;
 * km is borrowed for key lookups and the help screen. */
void compare_init(struct compare *c, struct profile *merged, const struct keymap *km,
                  const struct compare_options *opts);

/* Free what the compare owns (not the merged profile or keymap). */
void compare_free(struct compare *c);

/* Set the screen size in cells. Returns VIEW_REDRAW. */
unsigned compare_resize(struct compare *c, int cols, int rows);

/* Translate a key through the keymap and act: compare actions here, the rest
 * in the pane with the keys, which the others then follow. */
unsigned compare_key(struct compare *c, int key);

/* Mouse: a click in a pane gives it the keys and selects there; a double
 * click zooms; a click in the sidebar moves its cursor. A click closes the
 * help screen or information panel; with the search prompt open, only
 * clicks in its pane act. */
unsigned compare_click(struct compare *c, int x, int y, bool double_click);

/* Mouse wheel over the pane with the keys (or the sidebar with the focus). */
unsigned compare_wheel(struct compare *c, int lines);

/* Draw the whole screen into f (resized to the compare's size if needed);
 * reads the state the events settled, changes nothing. */
void compare_draw(const struct compare *c, struct frame *f);

/* The app with the keys: the active pane, or the differential view. */
const struct app *compare_focused(const struct compare *c);

/* Columns the change list takes, its border included (0 when hidden). */
int compare_sidebar_cols(const struct compare *c);

#endif
