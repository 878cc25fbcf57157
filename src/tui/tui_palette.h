/* tui_palette.h - choosing the colour tier and planning colour pairs.
 *
 * Pure functions of the theme and what the terminal says it can do: no
 * curses, so the unit test links without it. tui_color.c applies the plan.
 */
#ifndef FLAMEX_TUI_PALETTE_H
#define FLAMEX_TUI_PALETTE_H

#include <stdbool.h>
#include <stddef.h>

#include "flamex/config/config.h"
#include "flamex/config/style.h"
#include "flamex/config/theme.h"

enum tui_tier {
    TUI_TIER_MONO, /* no colour: each style's mono_attrs only */
    TUI_TIER_8,    /* 8 colours (theme_color_8) */
    TUI_TIER_256,  /* 256 colours (theme_color_256) */
};

/* The 8-colour tier uses at most this many pairs (the classic 8x8 limit). */
#define TUI_PAIRS_8 64

struct tui_palette {
    enum tui_tier tier;
    int npairs;                          /* pairs 1..npairs are used (0 = terminal default) */
    short pair_fg[STYLE_COUNT + 1];      /* colour of pair n (-1 = terminal default) */
    short pair_bg[STYLE_COUNT + 1];
    short style_pair[STYLE_COUNT];       /* pair of each style (0 = default colours) */
    unsigned style_attrs[STYLE_COUNT];   /* THEME_ATTR_* of each style */
};

/* Decide the colour tier. color is the user's choice (CONFIG_COLOR_AUTO: from
 * the terminal); no_color is NO_COLOR; has_colors/colors describe the
 * terminal (colors < 0 when unknown). A forced tier the terminal cannot show
 * is lowered to what it can; then a sentence saying so is written to note
 * (else note is ""). Owns nothing, cannot fail. */
enum tui_tier tui_palette_tier(enum config_color color, bool no_color, bool has_colors,
                               int colors, const char *term, char *note, size_t cap);

/* Plan the colour pairs of every style of theme for tier: identical (fg, bg)
 * combinations share a pair, at most max_pairs pairs are used (a style that
 * does not get one keeps the default colours and falls back to its mono
 * attributes), a foreground equal to its background is replaced by black or
 * white so text stays readable. Without default_colors (use_default_colors()
 * failed) the terminal default is taken as white on black. Cannot fail. */
void tui_palette_plan(struct tui_palette *p, const struct theme *theme, enum tui_tier tier,
                      int max_pairs, bool default_colors);

#endif
