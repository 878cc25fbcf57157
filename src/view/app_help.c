/* app_help.c - the help screen, generated from the action table and the
 * keymap into a panel (panel.h) once per width; app_draw shows it. */
#include "flamex/view/keys.h"
#include "flamex/config/style.h"

#include <stdio.h>
#include <string.h>

#include "app_internal.h"

/* Wrap a NUL-terminated string from (x, line); returns the lines used. */
static int app_help_text(struct panel *p, int line, int x, int width, const char *text,
                          uint16_t style)
{
    return panel_wrap(p, line, x, width, 0, text, strlen(text), style);
}

void app_help_build(struct panel *p, const struct app *app)
{
    int cols = app->cols;
    panel_begin(p, cols, app->ascii);
    int y = 0;
    y += app_help_text(p, y, 1, cols - 2,
                        "flamex keys (from the key table; ? or Esc closes, j/k scroll)",
                        STYLE_HELP_TITLE);
    y++;
    for (int a = 1; a < ACTION_COUNT; a++) {
        int keys[16];
        size_t n = keymap_keys_for(app->keymap, (enum action_id)a, keys, 16);
        char names[128] = "";
        size_t used = 0;
        for (size_t k = 0; k < n && k < 16; k++) {
            char name[32];
            keys_name(keys[k], name, sizeof name);
            int w = snprintf(names + used, sizeof names - used, "%s%s", k ? " " : "", name);
            if (w < 0 || (size_t)w >= sizeof names - used)
                break;
            used += (size_t)w;
        }
        if (!n)
            snprintf(names, sizeof names, "(unbound)");
        /* Keys too many for their 20 columns get a line of their own (bytes
         * are never fewer than columns, so nothing is cut). */
        if (strlen(names) > 20) {
            panel_puts(p, y, 2, cols - 3, names, STYLE_HELP_KEY);
            y++;
        } else {
            panel_puts(p, y, 2, 20, names, STYLE_HELP_KEY);
        }
        y += app_help_text(p, y, 23, cols - 24, action_help((enum action_id)a), STYLE_HELP);
    }
    y++;
    y += app_help_text(p, y, 2, cols - 3,
                        "Search prompt: matches light up as you type; <BS> and <C-u> edit, <Enter> "
                        "keeps the search, <Esc> clears it.",
                        STYLE_HELP);
    y += app_help_text(p, y, 2, cols - 3,
                        "Sidebar (<Tab> gives it the keys): moves and page keys move its cursor, "
                        "<Enter> shows the entry in the graph.",
                        STYLE_HELP);
    y += app_help_text(p, y, 2, cols - 3,
                        "Mouse: click selects a frame, double-click zooms into it, the wheel scrolls.",
                        STYLE_HELP);
    app_help_text(p, y, 2, cols - 3,
                   "Width is time: the widest bar is where you start. A plateau (a wide bar with "
                   "nothing above it) burns the time itself; a tower (narrow and deep) is "
                   "indirection.",
                   STYLE_HELP);
}
