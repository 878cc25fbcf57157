/* tui_color.c - colour tier and pairs on the real terminal (curses side of
 * tui_palette.c). */
#include <stdio.h>
#include <string.h>

#include "tui_internal.h"

static attr_t tui_color_attrs(unsigned theme_attrs)
{
    attr_t a = A_NORMAL;
    if (theme_attrs & THEME_ATTR_BOLD)
        a |= A_BOLD;
    if (theme_attrs & THEME_ATTR_REVERSE)
        a |= A_REVERSE;
    if (theme_attrs & THEME_ATTR_UNDERLINE)
        a |= A_UNDERLINE;
    if (theme_attrs & THEME_ATTR_DIM)
        a |= A_DIM;
#ifdef A_ITALIC
    if (theme_attrs & THEME_ATTR_ITALIC)
        a |= A_ITALIC;
#endif
    return a;
}

void tui_color_setup(struct tui *t, enum config_color color, bool no_color,
                     const struct theme *theme, char *note, size_t cap)
{
    const char *term = termname();
    int colors = tigetnum("colors"); /* -1 absent, -2 not a number: "unknown" */
    enum tui_tier tier =
        tui_palette_tier(color, no_color, has_colors() == TRUE, colors, term, note, cap);
    bool defaults = false;
    int max_pairs = 0;
    if (tier != TUI_TIER_MONO) {
        if (start_color() == ERR) {
            if (cap)
                snprintf(note, cap, "colours could not be started on TERM=%s; using mono",
                         term ? term : "(unset)");
            tier = TUI_TIER_MONO;
        } else {
            if (tier == TUI_TIER_256 && COLORS < 256)
                tier = COLORS >= 8 ? TUI_TIER_8 : TUI_TIER_MONO;
            defaults = use_default_colors() == OK;
            max_pairs = COLOR_PAIRS - 1;
        }
    }
    tui_palette_plan(&t->palette, theme, tier, max_pairs, defaults);

    bool failed[STYLE_COUNT + 1] = { false };
    for (int i = 1; i <= t->palette.npairs; i++)
        failed[i] = init_pair((short)i, t->palette.pair_fg[i], t->palette.pair_bg[i]) == ERR;
    for (int s = 0; s < STYLE_COUNT; s++) {
        short pair = t->palette.style_pair[s];
        unsigned attrs = t->palette.style_attrs[s];
        if (pair && failed[pair]) {
            pair = 0;
            attrs = theme->styles[s].mono_attrs;
        }
        t->pairs[s] = pair;
        t->attrs[s] = tui_color_attrs(attrs);
    }
}
