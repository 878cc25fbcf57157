/* tui.h - the terminal side of the interactive viewer (the only curses user).
 *
 * The app (app.h) keeps the state and draws the whole screen into a frame;
 * tui_run opens the terminal, copies frames to it, turns keys, mouse events,
 * resizes and signals into app calls, and puts the terminal back the way it
 * found it. Nothing else in flamex includes curses (DESIGN.md rule 1, "Curses
 * only in src/tui/"). tui_internal.h lists the files of src/tui.
 *
 * Behaviour worth knowing:
 *   - A colour tier the terminal cannot show (--color=256 on an 8-colour
 *     terminal) is lowered; the sentence saying so goes to the view's status
 *     message, if that is empty, so it shows once inside the viewer.
 *   - While the screen is open, writes to stderr (when stderr is the same
 *     terminal) go to an unlinked temporary file and are replayed once the
 *     terminal is restored, on every way out: return, terminating signal, and
 *     the SIGABRT after xalloc's "out of memory" message.
 * Tests: tests/tui/e2e.sh and tests/tui/hardening.sh drive the real binary in
 * tmux; tests/tui/test_palette.c tests the colour plan without curses.
 */
#ifndef FLAMEX_TUI_H
#define FLAMEX_TUI_H

#include <stdbool.h>

#include "flamex/view/app.h"
#include "flamex/view/view.h"
#include "flamex/config/config.h"
#include "flamex/base/error.h"
#include "flamex/config/theme.h"

struct tui_options {
    enum config_color color;   /* from --color / config; CONFIG_COLOR_AUTO = decide from the terminal */
    bool no_color;             /* NO_COLOR is set in the environment (main reads env, you do not) */
    bool input_from_stdin;     /* the profile came from stdin: read keys from /dev/tty like less */
    const struct theme *theme;
};

/* Run the interactive loop on view (an app or a comparison) until quit; returns 0, or -1 with err filled
 * (e.g. no terminal). Always restores the terminal before returning.
 *
 * SIGINT, SIGTERM, SIGHUP and SIGQUIT end the loop; the terminal is restored
 * and the signal is then raised again with its default action, so the process
 * ends as the signal asks (the shell sees "killed by SIGINT", status 130) and
 * tui_run does not return. The view and theme are borrowed. */
int tui_run(const struct view *view, const struct tui_options *opts, struct error_record *err);

#endif
