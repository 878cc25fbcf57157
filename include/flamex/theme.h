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

#include "flamex/error.h"
#include "flamex/style.h"

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

/* Report callback for problems found while reading a theme or config: called
 * once per problem with path, line and column filled; loading goes on. */
typedef void theme_report_fn(void *ctx, const struct error_record *problem);

/* Fill theme with the built-in default (dark) theme. Never fails. */
void theme_default(struct theme *theme);

/* Parse a theme from YAML text (path is used in messages). Starts from the
 * built-in default, so a theme may set only some roles or fields; an entry with
 * a problem is skipped and keeps the default. Every problem (syntax, empty file,
 * tabs, aliases, duplicate or unknown keys, wrong types, bad colours) is passed
 * to report; returns the number of problems (0 = clean). A syntax error stops
 * parsing; what was read before it is kept. */
int theme_parse(const char *text, size_t len, const char *path, struct theme *theme,
                theme_report_fn *report, void *ctx);

/* Read and parse the theme file at path; an unreadable or too large file is
 * one problem (without a line) and leaves theme at the built-in default. */
int theme_load_file(const char *path, struct theme *theme, theme_report_fn *report, void *ctx);

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

/* ---- YAML documents: the reader shared by theme.c and config.c ----------
 *
 * Not for other callers. theme_yaml_load parses text with libyaml's event API
 * into a small tree, reporting syntax errors (tabs in indentation named as
 * such), anchors and aliases, nesting deeper than THEME_YAML_MAX_DEPTH and
 * documents over THEME_YAML_MAX_NODES nodes; the validators then walk the tree
 * with the helpers below, which report wrong types, duplicate and unknown keys.
 * Every report carries the path and a 1-based line and column.
 */
#define THEME_YAML_MAX_DEPTH 32
#define THEME_YAML_MAX_NODES 20000
#define THEME_YAML_MAX_FILE (1024 * 1024) /* bytes read from a theme or config file */

enum theme_yaml_kind {
    THEME_YAML_BAD,    /* an alias or a skipped subtree: already reported, ignore it */
    THEME_YAML_SCALAR,
    THEME_YAML_MAP,    /* children alternate key, value */
    THEME_YAML_LIST,
};

struct theme_yaml_node {
    enum theme_yaml_kind kind;
    bool plain;                /* scalar written without quotes */
    uint64_t line, column;     /* 1-based start of the node */
    const char *text;          /* scalar: NUL-terminated (may hold NULs: see len) */
    size_t len;                /* scalar: bytes in text */
    size_t count;              /* children (a map has two per pair) */
    const struct theme_yaml_node *child, *next; /* first child; next sibling */
};

struct theme_yaml {
    const char *path;
    theme_report_fn *report;
    void *ctx;
    int problems;                      /* problems reported so far */
    const struct theme_yaml_node *root; /* NULL when the document is empty */
    struct theme_yaml_node *nodes;     /* owned */
    size_t nnodes;
    char *strings;                     /* owned: every scalar's text */
};

/* Parse text into doc (which owns the tree until theme_yaml_free); problems go
 * to report and are counted in doc->problems. A syntax error ends the parse;
 * the tree built before it is kept. Never fails on any input. */
void theme_yaml_load(struct theme_yaml *doc, const char *text, size_t len, const char *path,
                     theme_report_fn *report, void *ctx);

/* Release what doc owns. */
void theme_yaml_free(struct theme_yaml *doc);

/* Report a problem at node's position (no position when node is NULL). */
void theme_yaml_report(struct theme_yaml *doc, const struct theme_yaml_node *node,
                       const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* True if node is a plain empty, "~" or "null" scalar (a key with no value). */
bool theme_yaml_is_null(const struct theme_yaml_node *node);

/* True if node has the wanted kind; otherwise reports "expected a mapping/list/
 * string for 'field'" (or "... in the 'field' list" when item) unless node is
 * THEME_YAML_BAD, or is null and a mapping or list was wanted (an empty value
 * then means "nothing set"), and returns false. */
bool theme_yaml_expect(struct theme_yaml *doc, const struct theme_yaml_node *node,
                       enum theme_yaml_kind kind, const char *field, bool item);

/* The text of a string scalar without NUL bytes, or NULL after reporting why
 * not (see theme_yaml_expect; a null value is reported as missing). */
const char *theme_yaml_string(struct theme_yaml *doc, const struct theme_yaml_node *node,
                              const char *field, bool item);

/* Check the key of the pair starting at key in map: it must be a string and
 * not repeat an earlier key ("duplicate key 'x' (first at line N)"). Returns
 * false (reported) when the pair must be skipped. */
bool theme_yaml_key_ok(struct theme_yaml *doc, const struct theme_yaml_node *map,
                       const struct theme_yaml_node *key);

/* Pick the values of the known keys names[0..n) out of map into values[]
 * (NULL when absent), reporting bad, duplicate and unknown keys ("unknown key
 * 'foo' in section"). */
void theme_yaml_fields(struct theme_yaml *doc, const struct theme_yaml_node *map,
                       const char *section, const char *const *names, size_t n,
                       const struct theme_yaml_node **values);

/* Copy s[0..len) into buf (cap >= 16) for a message: printable ASCII as is,
 * other bytes and backslashes as \xNN, cut with "..." if too long; returns buf.
 * Text from a file must not reach the terminal raw. */
const char *theme_yaml_quote(char *buf, size_t cap, const char *s, size_t len);

/* Read the file at path (at most THEME_YAML_MAX_FILE bytes) into a malloc'd,
 * NUL-terminated *text. A missing file sets *text = NULL and is reported only
 * unless missing_ok; other failures are reported. Returns the problem count
 * (0 or 1); *text is NULL whenever nothing was read. */
int theme_yaml_read_file(const char *path, bool missing_ok, char **text, size_t *len,
                         theme_report_fn *report, void *ctx);

#endif
