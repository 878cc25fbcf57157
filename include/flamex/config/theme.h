/* theme.h - colour themes: semantic style ids to colours, for every colour tier.
 *
 * A theme gives each style a foreground, a background and attributes. Colours
 * are kept at full fidelity (RGB) and downgraded at output to the 256- or
 * 8-colour palette, unless the theme names an explicit fallback for a tier.
 * Monochrome terminals use only each style's mono attributes (reverse, bold,
 * underline...), so everything must stay distinguishable without colour.
 *
 * Themes are YAML files (libyaml); the format is documented at the top of
 * themes/default.yaml and of src/theme.c. The core never reads the
 * environment: the caller passes the directories to search.
 */
#ifndef FLAMEX_THEME_H
#define FLAMEX_THEME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "flamex/base/error.h"
#include "flamex/config/style.h"

#define THEME_RGB_DEFAULT (-1) /* the terminal's own default colour */

#define THEME_ATTR_BOLD 0x01u
#define THEME_ATTR_REVERSE 0x02u
#define THEME_ATTR_UNDERLINE 0x04u
#define THEME_ATTR_DIM 0x08u
#define THEME_ATTR_ITALIC 0x10u

struct theme_color {
    int32_t rgb;  /* 0xRRGGBB, or THEME_RGB_DEFAULT */
    int16_t c256; /* explicit 256-colour fallback 0..255, or -1 to derive from rgb */
    int16_t c8;   /* explicit 8-colour fallback 0..7, or -1 to derive from rgb */
};

struct theme_style {
    struct theme_color fg, bg;
    uint8_t attrs;      /* THEME_ATTR_* used with colours */
    uint8_t mono_attrs; /* THEME_ATTR_* used on a monochrome terminal */
};

struct theme {
    char name[64];
    struct theme_style styles[STYLE_COUNT];
};

/* Fill theme with the built-in default (dark) theme. Never fails. */
void theme_default(struct theme *theme);

/* Parse a theme from YAML text (path is used in messages). Starts from the
 * built-in default, so a theme may set only some roles or fields; an entry with
 * a problem is skipped and keeps the default. Every problem (syntax, empty file,
 * tabs, aliases, duplicate or unknown keys, wrong types, bad colours) is passed
 * to report; returns the number of problems (0 = clean). A syntax error stops
 * parsing; what was read before it is kept. */
int theme_parse(const char *text, size_t len, const char *path, struct theme *theme,
                error_report_fn *report, void *ctx);

/* Read and parse the theme file at path; an unreadable or too large file is
 * one problem (without a line) and leaves theme at the built-in default. */
int theme_load_file(const char *path, struct theme *theme, error_report_fn *report, void *ctx);

/* Resolve a theme argument to a file: a value containing '/' or ending in
 * ".yaml" is a path; otherwise NAME.yaml is looked for in each of dirs (NULL-
 * terminated) in order. Returns false if nothing readable was found. */
bool theme_resolve(const char *name_or_path, const char *const *dirs, char *path, size_t cap);

/* The colour index to use for c on a terminal with 256 colours, or -1 for the
 * terminal default; without an explicit fallback, the nearer (by squared RGB
 * distance) of the 6x6x6 cube's and the grey ramp's closest entries. */
int theme_color_256(const struct theme_color *c);

/* Same for 8 colours (0..7: black red green yellow blue magenta cyan white);
 * derived by hue, with greys and pale tints going to black or white. */
int theme_color_8(const struct theme_color *c);

/* Style id of a frame bar of the given kind (enum style_kind; anything else
 * counts as STYLE_KIND_FLAME) whose name hashes to name_hash: the hash is mixed
 * and reduced to one of STYLE_SHADES shades, so it is stable for a name across
 * runs and panes. */
int theme_frame_style(int kind, uint64_t name_hash);

#endif
