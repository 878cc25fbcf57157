/* tui_palette.c - colour tier and colour pair plan; pure, no curses. */
#include "tui_palette.h"

#include <stdio.h>
#include <string.h>

/* What a terminal with these capabilities can show. Terminals that claim
 * colours without saying how many are taken as 8-colour ones. */
static enum tui_tier tui_palette_can(bool has_colors, int colors)
{
    if (!has_colors)
        return TUI_TIER_MONO;
    if (colors >= 256)
        return TUI_TIER_256;
    if (colors >= 8 || colors < 0)
        return TUI_TIER_8;
    return TUI_TIER_MONO;
}

static const char *tui_tier_name(enum tui_tier tier)
{
    switch (tier) {
    case TUI_TIER_256:
        return "256";
    case TUI_TIER_8:
        return "8";
    case TUI_TIER_MONO:
        break;
    }
    return "mono";
}

enum tui_tier tui_palette_tier(enum config_color color, bool no_color, bool has_colors,
                               int colors, const char *term, char *note, size_t cap)
{
    if (cap)
        note[0] = '\0';
    enum tui_tier can = tui_palette_can(has_colors, colors);
    enum tui_tier want;
    switch (color) {
    case CONFIG_COLOR_MONO:
        return TUI_TIER_MONO;
    case CONFIG_COLOR_256:
        want = TUI_TIER_256;
        break;
    case CONFIG_COLOR_8:
        want = TUI_TIER_8;
        break;
    case CONFIG_COLOR_AUTO:
    default:
        return no_color ? TUI_TIER_MONO : can;
    }
    if (want <= can)
        return want;
    char have[48];
    if (can == TUI_TIER_MONO && !has_colors)
        snprintf(have, sizeof have, "no colours");
    else
        snprintf(have, sizeof have, "%d colours", colors);
    if (cap)
        snprintf(note, cap, "TERM=%s has %s: showing %s, not %s", term && *term ? term : "(unset)",
                 have, tui_tier_name(can), tui_tier_name(want));
    return can;
}

/* Approximate brightness (0..255) of a palette index, for picking readable
 * text when foreground and background came out the same. */
static int tui_palette_luma(int index)
{
    static const unsigned char base[16][3] = {
        { 0, 0, 0 },       { 205, 0, 0 },   { 0, 205, 0 },   { 205, 205, 0 },
        { 0, 0, 238 },     { 205, 0, 205 }, { 0, 205, 205 }, { 229, 229, 229 },
        { 127, 127, 127 }, { 255, 0, 0 },   { 0, 255, 0 },   { 255, 255, 0 },
        { 92, 92, 255 },   { 255, 0, 255 }, { 0, 255, 255 }, { 255, 255, 255 },
    };
    static const unsigned char level[6] = { 0, 95, 135, 175, 215, 255 };
    int r, g, b;
    if (index < 16) {
        r = base[index][0], g = base[index][1], b = base[index][2];
    } else if (index < 232) {
        int i = index - 16;
        r = level[i / 36], g = level[(i / 6) % 6], b = level[i % 6];
    } else {
        r = g = b = 8 + 10 * (index - 232);
    }
    return (299 * r + 587 * g + 114 * b) / 1000;
}

/* Readable text colour on background bg in tier. */
static int tui_palette_contrast(int bg, enum tui_tier tier)
{
    bool light = tui_palette_luma(bg) >= 128;
    if (tier == TUI_TIER_256)
        return light ? 16 : 231; /* cube black/white: not changed by terminal palettes */
    return light ? 0 : 7;
}

void tui_palette_plan(struct tui_palette *p, const struct theme *theme, enum tui_tier tier,
                      int max_pairs, bool default_colors)
{
    memset(p, 0, sizeof *p);
    p->tier = tier;
    if (max_pairs > STYLE_COUNT)
        max_pairs = STYLE_COUNT;
    if (tier == TUI_TIER_8 && max_pairs > TUI_PAIRS_8 - 1)
        max_pairs = TUI_PAIRS_8 - 1; /* pair 0 is the terminal's own */
    if (max_pairs < 0)
        max_pairs = 0;
    for (int s = 0; s < STYLE_COUNT; s++) {
        const struct theme_style *ts = &theme->styles[s];
        if (tier == TUI_TIER_MONO) {
            p->style_attrs[s] = ts->mono_attrs;
            continue;
        }
        int fg, bg;
        if (tier == TUI_TIER_256) {
            fg = theme_color_256(&ts->fg);
            bg = theme_color_256(&ts->bg);
        } else {
            fg = theme_color_8(&ts->fg);
            bg = theme_color_8(&ts->bg);
        }
        int ncolors = tier == TUI_TIER_256 ? 256 : 8;
        if (fg >= ncolors)
            fg = -1;
        if (bg >= ncolors)
            bg = -1;
        if (fg < 0 && bg < 0) {
            p->style_attrs[s] = ts->attrs; /* pair 0: the terminal's colours */
            continue;
        }
        if (!default_colors) {
            if (fg < 0)
                fg = 7;
            if (bg < 0)
                bg = 0;
        }
        if (fg == bg && bg >= 0)
            fg = tui_palette_contrast(bg, tier);
        int pair = 0;
        for (int i = 1; i <= p->npairs; i++) {
            if (p->pair_fg[i] == fg && p->pair_bg[i] == bg) {
                pair = i;
                break;
            }
        }
        if (!pair && p->npairs < max_pairs) {
            pair = ++p->npairs;
            p->pair_fg[pair] = (short)fg;
            p->pair_bg[pair] = (short)bg;
        }
        p->style_pair[s] = (short)pair;
        /* Out of pairs: default colours, so only attributes can tell it apart. */
        p->style_attrs[s] = pair ? ts->attrs : ts->mono_attrs;
    }
}
