/* theme.h - colour themes: semantic style ids to colours, for every colour tier.
 *
 * A theme gives each style a foreground, a background and attributes. Colours
 * are kept at full fidelity (RGB) and downgraded at output to the 256- or
 * 8-colour palette, unless the theme names an explicit fallback for a tier.
 * Monochrome terminals use only each style's mono attributes (reverse, bold,
 * underline...), so everything must stay distinguishable without colour.
 *
 * Themes are YAML (libyaml); the format is documented at the top of
 * themes/default.yaml and of src/config/theme.c. The shipped themes are built
 * into the binary; a user's theme directory overrides them by name. The core
 * never reads the environment: the caller passes that directory.
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

/* A theme built into the binary: themes/NAME.yaml as it was at build time
 * (themes/embed.sh writes the table). */
struct theme_builtin {
    const char *name; /* "default", "light", ... */
    const char *text; /* the YAML, NUL-terminated */
    size_t len;       /* strlen(text) */
};

/* The built-in themes (sorted by name; *count of them). Static data, never fails. */
const struct theme_builtin *theme_builtins(size_t *count);

/* The built-in theme called name, or NULL. */
const struct theme_builtin *theme_builtin_find(const char *name);

enum theme_origin {
    THEME_ORIGIN_NONE,    /* not found: the built-in default was used */
    THEME_ORIGIN_PATH,    /* a path given as such */
    THEME_ORIGIN_USER,    /* NAME.yaml in the user's theme directory */
    THEME_ORIGIN_BUILTIN, /* a theme built into the binary */
};

/* Where a theme came from. */
struct theme_source {
    enum theme_origin origin;
    char path[4096];                     /* the file (PATH, USER), else "" */
    const struct theme_builtin *builtin; /* BUILTIN only, else NULL */
};

/* Resolve a --theme or config value: one containing '/' or ending in ".yaml"
 * is a path (taken as is: loading reports what is wrong with it); any other is
 * a name, looked up as user_dir/NAME.yaml (a readable regular file; user_dir
 * may be NULL or "") and then among the built-in themes, so the user's file of
 * a name overrides the built-in one. Returns false (origin NONE) when a name is
 * found in neither, or the value is empty or too long. */
bool theme_resolve(const char *name_or_path, const char *user_dir, struct theme_source *src);

/* Resolve name_or_path (theme_resolve) and load it into theme, passing every
 * problem to report; returns their number. A name found nowhere is one problem
 * that names the built-in themes and those in user_dir, and theme is the
 * built-in default. src (may be NULL) receives where the theme came from. */
int theme_load_named(const char *name_or_path, const char *user_dir, struct theme *theme,
                     struct theme_source *src, error_report_fn *report, void *ctx);

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
