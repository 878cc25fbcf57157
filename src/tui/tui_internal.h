/* tui_internal.h - what the files of src/tui share; nothing outside src/tui
 * includes it.
 *
 *   tui.c          opens the terminal, runs the loop, tears down
 *   tui_signal.c   signal flags, emergency restore, atexit guard, stderr capture
 *   tui_palette.c  colour tier and colour pair plan (pure, no curses: tui_palette.h)
 *   tui_color.c    applies the plan to curses: pairs and attributes per style
 *   tui_keys.c     curses keys and mouse events -> keys.h codes / app calls
 *   tui_blit.c     struct frame -> curses screen
 */
#ifndef FLAMEX_TUI_INTERNAL_H
#define FLAMEX_TUI_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "flamex/view/app.h"
#include "flamex/view/view.h"
#include "flamex/config/config.h"
#include "flamex/view/frame.h"
#include "flamex/view/keys.h"
#include "flamex/config/style.h"
#include "flamex/config/theme.h"

#include "tui_curses.h"
#include "tui_palette.h"

/* ---- curses side --------------------------------------------------------- */

/* Everything the loop needs, in one place (no globals but tui_signal.c's). */
struct tui {
    SCREEN *screen;          /* from newterm */
    FILE *in, *out;          /* the terminal is read from / written to */
    bool own_in, own_out;    /* opened by us (/dev/tty): close at the end */
    int in_fd, out_fd;
    bool mouse;              /* mouse events were granted */
    struct tui_palette palette;
    attr_t attrs[STYLE_COUNT];        /* attributes of each style (colour pair not included) */
    short pairs[STYLE_COUNT];         /* colour pair of each style */
    struct frame frame;      /* what app_draw drew last */
};

/* Pick the tier and set up colour pairs for opts' theme (after newterm).
 * Writes a one-line note for the user into note when the wanted tier could
 * not be had ("" otherwise). */
void tui_color_setup(struct tui *t, enum config_color color, bool no_color,
                     const struct theme *theme, char *note, size_t cap);

/* Copy frame f to the screen and update the terminal. */
void tui_blit(struct tui *t, const struct frame *f);

/* Translate what wget_wch returned (its status and character) into a keys.h
 * code; KEYCODE_NONE for what flamex has no use for. */
int tui_key_translate(int status, unsigned long wc);

/* Read the pending mouse event and pass it to the app; returns app flags. */
unsigned tui_mouse_event(const struct view *view);

/* ---- signals and guards (tui_signal.c) ----------------------------------- */

/* Install handlers for the terminating signals (SIGINT, SIGTERM, SIGHUP,
 * SIGQUIT: set a flag), SIGCONT (set a flag) and the fatal ones (restore the
 * terminal, then die). Must run before newterm, so curses does not install its
 * own SIGINT/SIGTERM handlers; SIGTSTP and SIGWINCH are left to curses. A
 * signal ignored at startup stays ignored. */
void tui_signals_install(void);

/* Put back the handlers tui_signals_install replaced. */
void tui_signals_restore(void);

/* The terminating signal received so far, or 0. */
int tui_signal_pending(void);

/* True once after each SIGCONT (the process was resumed after Ctrl-Z). */
bool tui_signal_take_continued(void);

/* Remember how to put the terminal on fd back without curses (termios
 * saved now, plus the reset sequences from the terminfo entry curses
 * loaded), for the fatal-signal and atexit paths; mouse says whether mouse
 * reporting must be switched off. Call once curses mode is set up. */
void tui_guard_arm(int fd, const void *saved_termios, bool mouse);

/* Curses mode was left normally (endwin): the guards have nothing to do. */
void tui_guard_disarm(void);

/* Send what is written to stderr while curses owns the terminal to a
 * temporary file (when stderr is that terminal), so stray messages cannot
 * garble the screen; tui_stderr_end puts stderr back and replays them. A
 * fatal signal replays them too, after restoring the terminal. */
void tui_stderr_begin(void);
void tui_stderr_end(void);

/* After teardown: if a terminating signal ended the loop, die of it now. */
void tui_signal_reraise(void);

#endif
