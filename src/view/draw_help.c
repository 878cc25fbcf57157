/* draw_help.c - the help screen, generated from the action table and the keymap. */
#include "flamex/view/keys.h"
#include "flamex/config/style.h"

#include <stdio.h>
#include <string.h>

#include "app_internal.h"

/* Like draw_wrapped for a NUL-terminated string. */
static int draw_help_text(struct frame *f, int x, int y, int width, const char *text, uint16_t style)
{
    return draw_wrapped(f, x, y, width, 0, text, strlen(text), style);
}

void draw_help(const struct app *app, struct frame *f)
{
    frame_clear(f, STYLE_HELP);
    int y = 0 - app->help_scroll;
    y += draw_help_text(f, 1, y, f->cols - 2,
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
        frame_puts(f, 2, y, 20, names, STYLE_HELP_KEY);
        y += draw_help_text(f, 23, y, f->cols - 24, action_help((enum action_id)a), STYLE_HELP);
    }
    y++;
    y += draw_help_text(f, 2, y, f->cols - 3,
                        "Search prompt: matches light up as you type; <BS> and <C-u> edit, <Enter> "
                        "keeps the search, <Esc> clears it.",
                        STYLE_HELP);
    y += draw_help_text(f, 2, y, f->cols - 3,
                        "Sidebar (<Tab> gives it the keys): moves and page keys move its cursor, "
                        "<Enter> shows the entry in the graph.",
                        STYLE_HELP);
    y += draw_help_text(f, 2, y, f->cols - 3,
                        "Mouse: click selects a frame, double-click zooms into it, the wheel scrolls.",
                        STYLE_HELP);
    draw_help_text(f, 2, y, f->cols - 3,
                   "Width is time: the widest bar is where you start. A plateau (a wide bar with "
                   "nothing above it) burns the time itself; a tower (narrow and deep) is "
                   "indirection.",
                   STYLE_HELP);
}
