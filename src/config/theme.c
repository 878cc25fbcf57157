/* theme.c - colour themes (YAML, read with yaml_doc.c's reader), colour
 * downgrades and frame shades.
 *
 * Theme schema (themes/default.yaml documents it for users):
 *
 *   name: NAME                       # at most 63 bytes
 *   styles:                          # any subset of the roles below
 *     ROLE: { fg: COLOUR, bg: COLOUR, attrs: [ATTR...], mono: [ATTR...] }
 *   frames:
 *     text: COLOUR                   # fg of every bar (default black)
 *     attrs: [[ATTR...], ...]        # 1..8 attribute lists, cycled over shades
 *     mono: [[ATTR...], ...]         # same, on monochrome terminals
 *     KIND: [COLOUR, ...]            # 1..8 bar backgrounds, cycled over 8 shades
 *     KIND: { shades: [COLOUR...], text: COLOUR, attrs: [[...]], mono: [[...]] }
 *
 *   ROLE   default ancestor selected match status status-key breadcrumb help
 *          help-key help-title error plateau tower sidebar sidebar-title
 *          sidebar-cursor sidebar-mark diff-same
 *   KIND   flame kernel jit inlined (shade from a name hash; frames-wide text,
 *          attrs and mono apply to these) grow shrink (the differential view:
 *          shade = size of the change, 0 smallest .. 7 largest)
 *   ATTR   bold reverse underline dim italic
 *   COLOUR "#rrggbb" (quoted: a bare # starts a comment) | a name: black red
 *          green yellow blue magenta cyan white, bright-black .. bright-white,
 *          default | an index 0..255 | { rgb: "#rrggbb", c256: N, c8: NAME }
 *          (explicit fallbacks for 256 and 8 colours; rgb may be "default")
 *
 * A theme starts from the built-in default: every field it leaves out keeps
 * the default's value. Each problem is reported with line and column and that
 * entry is skipped; everything else still applies.
 */
#include "flamex/config/theme.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "flamex/base/hash.h"
#include "flamex/base/xalloc.h"
#include "flamex/config/yaml_doc.h"

/* ============================== colours ================================== */

/* The 16 ANSI colours by name, with xterm's default RGB values. */
static const struct {
    const char *name;
    int32_t rgb;
} theme_ansi[16] = {
    { "black", 0x000000 },        { "red", 0xcd0000 },
    { "green", 0x00cd00 },        { "yellow", 0xcdcd00 },
    { "blue", 0x0000ee },         { "magenta", 0xcd00cd },
    { "cyan", 0x00cdcd },         { "white", 0xe5e5e5 },
    { "bright-black", 0x7f7f7f }, { "bright-red", 0xff0000 },
    { "bright-green", 0x00ff00 }, { "bright-yellow", 0xffff00 },
    { "bright-blue", 0x5c5cff },  { "bright-magenta", 0xff00ff },
    { "bright-cyan", 0x00ffff },  { "bright-white", 0xffffff },
};

static const int theme_cube[6] = { 0, 95, 135, 175, 215, 255 };

/* RGB of xterm colour n (0..255). */
static int32_t theme_xterm_rgb(int n)
{
    if (n < 16)
        return theme_ansi[n].rgb;
    if (n >= 232) {
        int v = 8 + 10 * (n - 232);
        return (v << 16) | (v << 8) | v;
    }
    n -= 16;
    return (theme_cube[n / 36] << 16) | (theme_cube[n / 6 % 6] << 8) | theme_cube[n % 6];
}

static struct theme_color theme_rgb(int32_t rgb)
{
    return (struct theme_color){ rgb, -1, -1 };
}

/* Colour n of the 256-colour palette; the 16 ANSI colours fall back to n % 8. */
static struct theme_color theme_index(int n)
{
    return (struct theme_color){ theme_xterm_rgb(n), (int16_t)n, (int16_t)(n < 16 ? n % 8 : -1) };
}

static int theme_ansi_lookup(const char *name, int limit)
{
    for (int i = 0; i < limit; i++) {
        if (strcmp(name, theme_ansi[i].name) == 0)
            return i;
    }
    return -1;
}

static int theme_hex(int c)
{
    return c >= '0' && c <= '9' ? c - '0'
         : c >= 'a' && c <= 'f' ? c - 'a' + 10
         : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                : -1;
}

/* "#rrggbb" -> 0xRRGGBB, or -1. */
static int32_t theme_parse_hex(const char *s)
{
    if (s[0] != '#' || strlen(s) != 7)
        return -1;
    int32_t v = 0;
    for (int i = 1; i < 7; i++) {
        int d = theme_hex((unsigned char)s[i]);
        if (d < 0)
            return -1;
        v = v * 16 + d;
    }
    return v;
}

/* A decimal number of at most 9 digits, or -1. */
static long theme_parse_number(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n > 9 || strspn(s, "0123456789") != n)
        return -1;
    return strtol(s, NULL, 10);
}

/* Parse a colour scalar: "#rrggbb", a name, "default" or 0..255. */
static bool theme_color_scalar(const char *s, struct theme_color *out, bool *range)
{
    *range = false;
    int32_t rgb = theme_parse_hex(s);
    if (rgb >= 0) {
        *out = theme_rgb(rgb);
        return true;
    }
    if (strcmp(s, "default") == 0) {
        *out = (struct theme_color){ THEME_RGB_DEFAULT, -1, -1 };
        return true;
    }
    int n = theme_ansi_lookup(s, 16);
    if (n >= 0) {
        *out = theme_index(n);
        return true;
    }
    long v = theme_parse_number(s);
    if (v >= 0 && v <= 255) {
        *out = theme_index((int)v);
        return true;
    }
    *range = v > 255;
    return false;
}

int theme_color_256(const struct theme_color *c)
{
    if (c->c256 >= 0 && c->c256 <= 255)
        return c->c256;
    if (c->rgb < 0)
        return -1;
    const int rgb[3] = { (c->rgb >> 16) & 0xff, (c->rgb >> 8) & 0xff, c->rgb & 0xff };
    int level[3];
    long cube = 0;
    for (int i = 0; i < 3; i++) {
        int v = rgb[i];
        level[i] = v < 48 ? 0 : v < 115 ? 1 : (v - 35) / 40;
        long d = v - theme_cube[level[i]];
        cube += d * d;
    }
    int avg = (rgb[0] + rgb[1] + rgb[2]) / 3;
    int step = avg < 8 ? 0 : avg > 238 ? 23 : (avg - 8 + 5) / 10;
    int g = 8 + 10 * step;
    long grey = 0;
    for (int i = 0; i < 3; i++)
        grey += (long)(rgb[i] - g) * (rgb[i] - g);
    if (grey < cube)
        return 232 + step;
    return 16 + 36 * level[0] + 6 * level[1] + level[2];
}

int theme_color_8(const struct theme_color *c)
{
    if (c->c8 >= 0 && c->c8 <= 7)
        return c->c8;
    if (c->rgb < 0)
        return -1;
    int r = (c->rgb >> 16) & 0xff, g = (c->rgb >> 8) & 0xff, b = c->rgb & 0xff;
    int max = r > g ? (r > b ? r : b) : (g > b ? g : b);
    int min = r < g ? (r < b ? r : b) : (g < b ? g : b);
    int chroma = max - min;
    if (chroma < 64) /* greys and pale tints: black or white by lightness */
        return (max + min) / 2 < 96 ? 0 : 7;
    int hue = max == r ? 60 * (g - b) / chroma
            : max == g ? 120 + 60 * (b - r) / chroma
                       : 240 + 60 * (r - g) / chroma;
    if (hue < 0)
        hue += 360;
    static const int sector[6] = { 1, 3, 2, 6, 4, 5 }; /* red yellow green cyan blue magenta */
    return sector[((hue + 30) / 60) % 6];
}

int theme_frame_style(int kind, uint64_t name_hash)
{
    static const int base[STYLE_KIND_COUNT] = { STYLE_FLAME_BASE,   STYLE_KERNEL_BASE,
                                                STYLE_JIT_BASE,     STYLE_INLINED_BASE,
                                                STYLE_GROW_BASE,    STYLE_SHRINK_BASE };
    if (kind < 0 || kind >= STYLE_KIND_COUNT)
        kind = STYLE_KIND_FLAME;
    return base[kind] + (int)(hash_u64(name_hash) % STYLE_SHADES);
}

/* =========================== the default theme =========================== */

/* The roles a theme's styles: section may set, and their style ids. */
static const char *const theme_role_names[] = {
    "default", "ancestor",   "selected", "match",    "status",     "status-key",
    "breadcrumb", "help",    "help-key", "help-title", "error",    "plateau",
    "tower",   "sidebar",    "sidebar-title", "sidebar-cursor", "sidebar-mark",
    "diff-same",
};
static const int theme_role_ids[] = {
    STYLE_DEFAULT,    STYLE_ANCESTOR, STYLE_SELECTED, STYLE_MATCH,
    STYLE_STATUS,     STYLE_STATUS_KEY, STYLE_BREADCRUMB, STYLE_HELP,
    STYLE_HELP_KEY,   STYLE_HELP_TITLE, STYLE_ERROR,  STYLE_PLATEAU,
    STYLE_TOWER,      STYLE_SIDEBAR,  STYLE_SIDEBAR_TITLE, STYLE_SIDEBAR_CURSOR,
    STYLE_SIDEBAR_MARK, STYLE_DIFF_SAME,
};
#define THEME_NROLES (sizeof theme_role_names / sizeof theme_role_names[0])
_Static_assert(THEME_NROLES == sizeof theme_role_ids / sizeof theme_role_ids[0],
               "one id per role name");
_Static_assert(THEME_NROLES == STYLE_COUNT - STYLE_KIND_COUNT * STYLE_SHADES,
               "every non-frame style id has a role name");

static const char *const theme_kind_names[STYLE_KIND_COUNT] = {
    "flame", "kernel", "jit", "inlined", "grow", "shrink"
};

static const char *const theme_attr_names[] = { "bold", "reverse", "underline", "dim", "italic" };

static void theme_set(struct theme *t, int id, struct theme_color fg, struct theme_color bg,
                      unsigned attrs, unsigned mono)
{
    t->styles[id] = (struct theme_style){ fg, bg, (uint8_t)attrs, (uint8_t)mono };
}

void theme_default(struct theme *t)
{
    enum { B = THEME_ATTR_BOLD, R = THEME_ATTR_REVERSE, U = THEME_ATTR_UNDERLINE,
           D = THEME_ATTR_DIM, I = THEME_ATTR_ITALIC };
    /* FlameGraph's palettes: "hot" rgb(205+rand(50), rand(230), rand(55)) for
     * ordinary frames, picked so the 256-colour downgrades stay distinct; "orange"
     * for _[k], "green" for _[j], "aqua" for _[i], spread over each range. */
    static const int32_t shades[STYLE_KIND_COUNT][STYLE_SHADES] = {
        { 0xf51e0f, 0xd72814, 0xfa5a0a, 0xdc641e, 0xf58719, 0xe1aa28, 0xf0b414, 0xfad22d },
        { 0xbe5a00, 0xc76300, 0xd06c00, 0xd97500, 0xe37f00, 0xec8800, 0xf59100, 0xff9b00 },
        { 0x32c832, 0x3ad03a, 0x42d742, 0x4adf4a, 0x52e652, 0x5aee5a, 0x62f562, 0x6eff6e },
        { 0x32a5a5, 0x3aadad, 0x42b5b5, 0x4abdbd, 0x52c4c4, 0x5acccc, 0x62d4d4, 0x6edcdc },
        /* The differential view: shade = size of the change, pale to strong;
         * red for growth, blue for shrinkage, as difffolded.pl's flamegraphs.
         * Colours of the 256-colour cube, each level darker than the one
         * before: smooth rgb ramps collapse to 4 or 6 cube colours. */
        { 0xffd7d7, 0xffafaf, 0xd7afaf, 0xff8787, 0xd78787, 0xff5f5f, 0xd75f5f, 0xff0000 },
        { 0xd7d7ff, 0xafd7ff, 0xafafff, 0x87afff, 0x8787ff, 0x5f87ff, 0x5f5fff, 0x005fff },
    };
    memset(t, 0, sizeof *t);
    snprintf(t->name, sizeof t->name, "default");
    struct theme_color none = { THEME_RGB_DEFAULT, -1, -1 };
    struct theme_color black = theme_index(0), white = theme_index(15);
    struct theme_color bar = { 0x303030, -1, 4 }; /* status bar: blue on 8 colours */
    for (int k = 0; k < STYLE_KIND_COUNT; k++) {
        for (int i = 0; i < STYLE_SHADES; i++)
            theme_set(t, STYLE_FLAME_BASE + k * STYLE_SHADES + i, black,
                      theme_rgb(shades[k][i]), 0, i % 2 ? 0 : R);
    }
    /* Without colour: growth bold, shrinkage italic, the larger half of the
     * levels also reversed; an unchanged frame plain. On 8 colours the pale
     * levels would turn white like an unchanged frame: growth is red and
     * shrinkage blue (with white text) at every level. */
    for (int i = 0; i < STYLE_SHADES; i++) {
        t->styles[STYLE_GROW_BASE + i].mono_attrs = (uint8_t)(i < STYLE_SHADES / 2 ? B : B | R);
        t->styles[STYLE_SHRINK_BASE + i].mono_attrs = (uint8_t)(i < STYLE_SHADES / 2 ? I : I | R);
        t->styles[STYLE_GROW_BASE + i].bg.c8 = 1;
        t->styles[STYLE_SHRINK_BASE + i].bg.c8 = 4;
        t->styles[STYLE_SHRINK_BASE + i].fg.c8 = 7;
    }
    theme_set(t, STYLE_DIFF_SAME, black, theme_rgb(0xd0d0d0), 0, 0);
    theme_set(t, STYLE_DEFAULT, none, none, 0, 0);
    theme_set(t, STYLE_ANCESTOR, theme_rgb(0xbcbcbc), theme_rgb(0x444444), 0, D);
    theme_set(t, STYLE_SELECTED, black, white, B, R | B | U);
    theme_set(t, STYLE_MATCH, black, theme_rgb(0xd700d7), B, B | U);
    theme_set(t, STYLE_STATUS, theme_rgb(0xd0d0d0), bar, 0, R);
    theme_set(t, STYLE_STATUS_KEY, theme_rgb(0xffd75f), bar, B, R | B);
    theme_set(t, STYLE_BREADCRUMB, theme_rgb(0x5fd7ff), bar, 0, R);
    theme_set(t, STYLE_HELP, theme_rgb(0xd0d0d0), none, 0, 0);
    theme_set(t, STYLE_HELP_KEY, theme_rgb(0xffd75f), none, B, B);
    theme_set(t, STYLE_HELP_TITLE, theme_rgb(0x5fd7ff), none, B | U, B | U);
    theme_set(t, STYLE_ERROR, white, theme_rgb(0xd70000), B, R | B);
    /* Shapes: a plateau is a solid blue bar, a tower column light blue and
     * underlined; without colour, reverse+underline and underline+italic keep
     * them apart from plain and reversed bars, matches and the selection. */
    theme_set(t, STYLE_PLATEAU, white, theme_rgb(0x005fd7), B, R | U);
    theme_set(t, STYLE_TOWER, black, (struct theme_color){ 0x87d7ff, -1, 6 }, U, U | I);
    theme_set(t, STYLE_SIDEBAR, theme_rgb(0xd0d0d0), none, 0, 0);
    theme_set(t, STYLE_SIDEBAR_TITLE, theme_rgb(0x5fd7ff), bar, B, R | B);
    theme_set(t, STYLE_SIDEBAR_CURSOR, black, white, B, R | B);
    theme_set(t, STYLE_SIDEBAR_MARK, white, theme_rgb(0x444444), 0, U);
}

/* ============================ theme parsing ============================== */

/* Parse a colour value (scalar or {rgb, c256, c8}) for field. */
static bool theme_color_node(struct yaml_doc *doc, const struct yaml_doc_node *node,
                             const char *field, bool item, struct theme_color *out)
{
    char q[80];
    if (node->kind == YAML_DOC_MAP) {
        static const char *const names[] = { "rgb", "c256", "c8" };
        const struct yaml_doc_node *v[3];
        char section[64];
        snprintf(section, sizeof section, "the colour of '%s'", field);
        yaml_doc_fields(doc, node, section, names, 3, v);
        struct theme_color c = { THEME_RGB_DEFAULT, -1, -1 };
        bool rgb_set = false, any = false;
        if (v[0]) {
            const char *s = yaml_doc_string(doc, v[0], "rgb", false);
            int32_t rgb = s ? theme_parse_hex(s) : -1;
            if (s && (rgb >= 0 || strcmp(s, "default") == 0)) {
                c.rgb = rgb >= 0 ? rgb : THEME_RGB_DEFAULT;
                rgb_set = any = true;
            } else if (s) {
                yaml_doc_report(doc, v[0],
                                "invalid colour '%s' for 'rgb' (expected \"#rrggbb\")",
                                yaml_doc_quote(q, sizeof q, s, strlen(s)));
            }
        }
        if (v[1]) {
            const char *s = yaml_doc_string(doc, v[1], "c256", false);
            long n = s ? theme_parse_number(s) : -1;
            if (n >= 0 && n <= 255) {
                c.c256 = (int16_t)n;
                any = true;
            } else if (s) {
                yaml_doc_report(doc, v[1], "invalid colour '%s' for 'c256' (expected 0..255)",
                                yaml_doc_quote(q, sizeof q, s, strlen(s)));
            }
        }
        if (v[2]) {
            const char *s = yaml_doc_string(doc, v[2], "c8", false);
            long n = s ? theme_parse_number(s) : -1;
            int idx = s && n < 0 ? theme_ansi_lookup(s, 8) : n <= 7 ? (int)n : -1;
            if (idx >= 0) {
                c.c8 = (int16_t)idx;
                any = true;
            } else if (s) {
                yaml_doc_report(doc, v[2],
                                "invalid colour '%s' for 'c8' (expected black, red, green, "
                                "yellow, blue, magenta, cyan, white or 0..7)",
                                yaml_doc_quote(q, sizeof q, s, strlen(s)));
            }
        }
        if (!any) {
            if (node->count == 0)
                yaml_doc_report(doc, node, "empty colour for '%s' (give rgb, c256 or c8)",
                                field);
            return false;
        }
        if (!rgb_set) /* the full-colour value of the fallback given */
            c.rgb = theme_xterm_rgb(c.c256 >= 0 ? c.c256 : c.c8);
        *out = c;
        return true;
    }
    if (node->kind == YAML_DOC_BAD)
        return false;
    if (node->kind != YAML_DOC_SCALAR) {
        yaml_doc_report(doc, node, "expected a colour (a string, number or mapping) %s '%s'",
                        item ? "in the list" : "for", field);
        return false;
    }
    if (yaml_doc_is_null(node)) {
        yaml_doc_report(doc, node,
                        "missing colour for '%s' (quote \"#rrggbb\": a bare # starts a comment)",
                        field);
        return false;
    }
    bool range = false;
    if (strlen(node->text) == node->len && theme_color_scalar(node->text, out, &range))
        return true;
    if (range)
        yaml_doc_report(doc, node, "colour index %s out of range 0..255 for '%s'", node->text,
                        field);
    else
        yaml_doc_report(doc, node,
                        "invalid colour '%s' for '%s' (expected \"#rrggbb\", a colour name, "
                        "0..255 or {rgb, c256, c8})",
                        yaml_doc_quote(q, sizeof q, node->text, node->len), field);
    return false;
}

/* Parse a list of attribute names; bad items are reported and skipped. */
static bool theme_attrs_node(struct yaml_doc *doc, const struct yaml_doc_node *node,
                             const char *field, bool item, uint8_t *out)
{
    if (!yaml_doc_expect(doc, node, YAML_DOC_LIST, field, item))
        return false;
    unsigned attrs = 0;
    for (const struct yaml_doc_node *a = node->child; a; a = a->next) {
        const char *s = yaml_doc_string(doc, a, field, true);
        if (!s)
            continue;
        size_t i = 0;
        while (i < 5 && strcmp(s, theme_attr_names[i]) != 0)
            i++;
        if (i < 5) {
            attrs |= 1u << i;
        } else {
            char q[80];
            yaml_doc_report(doc, a,
                            "unknown attribute '%s' in '%s' (expected bold, reverse, "
                            "underline, dim or italic)",
                            yaml_doc_quote(q, sizeof q, s, strlen(s)), field);
        }
    }
    *out = (uint8_t)attrs;
    return true;
}

/* Count the items of a list meant to hold 1..STYLE_SHADES entries (extra
 * entries are reported and ignored). Returns 0 when unusable. */
static size_t theme_cycle_count(struct yaml_doc *doc, const struct yaml_doc_node *list,
                                const char *field)
{
    if (!yaml_doc_expect(doc, list, YAML_DOC_LIST, field, false))
        return 0;
    if (list->count == 0 || list->count > STYLE_SHADES)
        yaml_doc_report(doc, list, "'%s' needs 1 to %d entries, found %zu", field,
                        STYLE_SHADES, list->count);
    return list->count > STYLE_SHADES ? STYLE_SHADES : list->count;
}

/* One frame setting read from YAML: shades (field 0), text (1), attrs (2) or
 * mono (3); n values cycled over the STYLE_SHADES shades (0 = nothing valid). */
struct theme_frame_value {
    int field;
    size_t n;
    struct theme_color colors[STYLE_SHADES];
    uint8_t attrs[STYLE_SHADES];
};

static void theme_frame_parse(struct yaml_doc *doc, int field,
                              const struct yaml_doc_node *node, const char *name,
                              struct theme_frame_value *out)
{
    out->field = field;
    out->n = 0;
    if (field == 1) {
        out->n = theme_color_node(doc, node, name, false, &out->colors[0]);
        return;
    }
    size_t n = theme_cycle_count(doc, node, name);
    const struct yaml_doc_node *it = node->child;
    for (size_t i = 0; i < n; i++, it = it->next) {
        bool ok = field == 0 ? theme_color_node(doc, it, name, true, &out->colors[out->n])
                             : theme_attrs_node(doc, it, name, true, &out->attrs[out->n]);
        out->n += ok;
    }
}

static void theme_frame_apply(struct theme *t, int kind, const struct theme_frame_value *v)
{
    struct theme_style *st = &t->styles[STYLE_FLAME_BASE + kind * STYLE_SHADES];
    for (size_t i = 0; v->n && i < STYLE_SHADES; i++) {
        if (v->field == 0)
            st[i].bg = v->colors[i % v->n];
        else if (v->field == 1)
            st[i].fg = v->colors[0];
        else if (v->field == 2)
            st[i].attrs = v->attrs[i % v->n];
        else
            st[i].mono_attrs = v->attrs[i % v->n];
    }
}

static void theme_frames(struct yaml_doc *doc, struct theme *t,
                         const struct yaml_doc_node *map)
{
    static const char *const names[4 + STYLE_KIND_COUNT] = {
        "shades", "text", "attrs", "mono", "flame", "kernel", "jit", "inlined", "grow", "shrink"
    };
    const struct yaml_doc_node *v[4 + STYLE_KIND_COUNT];
    struct theme_frame_value val;
    yaml_doc_fields(doc, map, "frames", names + 1, 3 + STYLE_KIND_COUNT, v + 1);
    for (int f = 1; f <= 3; f++) { /* frames-wide settings first: kinds override them */
        if (!v[f])
            continue;
        theme_frame_parse(doc, f, v[f], names[f], &val);
        /* Only the kinds shaded by name: the differential levels keep their
         * own text and attributes unless set under grow/shrink. */
        for (int k = 0; k < STYLE_KIND_GROW; k++)
            theme_frame_apply(t, k, &val);
    }
    for (int k = 0; k < STYLE_KIND_COUNT; k++) {
        const struct yaml_doc_node *node = v[4 + k];
        if (!node)
            continue;
        if (node->kind == YAML_DOC_LIST) {
            theme_frame_parse(doc, 0, node, theme_kind_names[k], &val);
            theme_frame_apply(t, k, &val);
            continue;
        }
        if (node->kind != YAML_DOC_MAP) {
            if (node->kind != YAML_DOC_BAD && !yaml_doc_is_null(node))
                yaml_doc_report(doc, node, "expected a list or mapping for '%s'",
                                theme_kind_names[k]);
            continue;
        }
        const struct yaml_doc_node *kv[4];
        char section[32];
        snprintf(section, sizeof section, "frames.%s", theme_kind_names[k]);
        yaml_doc_fields(doc, node, section, names, 4, kv);
        for (int f = 0; f < 4; f++) {
            if (!kv[f])
                continue;
            theme_frame_parse(doc, f, kv[f], names[f], &val);
            theme_frame_apply(t, k, &val);
        }
    }
}

static void theme_style_node(struct yaml_doc *doc, struct theme_style *st,
                             const struct yaml_doc_node *map, const char *role)
{
    static const char *const names[] = { "fg", "bg", "attrs", "mono" };
    const struct yaml_doc_node *v[4];
    char section[64];
    snprintf(section, sizeof section, "styles.%s", role);
    yaml_doc_fields(doc, map, section, names, 4, v);
    if (v[0])
        theme_color_node(doc, v[0], "fg", false, &st->fg);
    if (v[1])
        theme_color_node(doc, v[1], "bg", false, &st->bg);
    if (v[2])
        theme_attrs_node(doc, v[2], "attrs", false, &st->attrs);
    if (v[3])
        theme_attrs_node(doc, v[3], "mono", false, &st->mono_attrs);
}

int theme_parse(const char *text, size_t len, const char *path, struct theme *theme,
                error_report_fn *report, void *ctx)
{
    struct yaml_doc doc;
    theme_default(theme);
    yaml_doc_load(&doc, text, len, path, report, ctx);
    const struct yaml_doc_node *root = doc.root;
    if (!root || yaml_doc_is_null(root)) {
        if (doc.problems == 0)
            yaml_doc_report(&doc, NULL, "the theme is empty");
    } else if (root->kind != YAML_DOC_MAP) {
        if (root->kind != YAML_DOC_BAD)
            yaml_doc_report(&doc, root, "expected a mapping at the top level of the theme");
    } else {
        static const char *const names[] = { "name", "styles", "frames" };
        const struct yaml_doc_node *v[3];
        yaml_doc_fields(&doc, root, "the theme", names, 3, v);
        const char *name = v[0] ? yaml_doc_string(&doc, v[0], "name", false) : NULL;
        if (name && strlen(name) >= sizeof theme->name)
            yaml_doc_report(&doc, v[0], "'name' is longer than %zu bytes",
                            sizeof theme->name - 1);
        else if (name)
            snprintf(theme->name, sizeof theme->name, "%s", name);
        if (v[1] && yaml_doc_expect(&doc, v[1], YAML_DOC_MAP, "styles", false)) {
            const struct yaml_doc_node *rv[THEME_NROLES];
            yaml_doc_fields(&doc, v[1], "styles", theme_role_names, THEME_NROLES, rv);
            for (size_t i = 0; i < THEME_NROLES; i++) {
                if (rv[i] && yaml_doc_expect(&doc, rv[i], YAML_DOC_MAP, theme_role_names[i],
                                             false))
                    theme_style_node(&doc, &theme->styles[theme_role_ids[i]], rv[i],
                                     theme_role_names[i]);
            }
        }
        if (v[2] && yaml_doc_expect(&doc, v[2], YAML_DOC_MAP, "frames", false))
            theme_frames(&doc, theme, v[2]);
    }
    int problems = doc.problems;
    yaml_doc_free(&doc);
    return problems;
}

int theme_load_file(const char *path, struct theme *theme, error_report_fn *report, void *ctx)
{
    char *text;
    size_t len;
    int problems = yaml_doc_read_file(path, false, &text, &len, report, ctx);
    if (!text) {
        theme_default(theme);
        return problems;
    }
    problems = theme_parse(text, len, path, theme, report, ctx);
    free(text);
    return problems;
}

/* True if path names a readable regular file. */
static bool theme_readable(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode) && access(path, R_OK) == 0;
}

const struct theme_builtin *theme_builtin_find(const char *name)
{
    size_t n;
    const struct theme_builtin *b = theme_builtins(&n);
    for (size_t i = 0; i < n; i++)
        if (strcmp(b[i].name, name) == 0)
            return &b[i];
    return NULL;
}

/* A value naming a file rather than a theme: it has a '/' or ends in ".yaml". */
static bool theme_is_path(const char *s)
{
    size_t n = strlen(s);
    return strchr(s, '/') || (n >= 5 && strcmp(s + n - 5, ".yaml") == 0);
}

bool theme_resolve(const char *name_or_path, const char *user_dir, struct theme_source *src)
{
    memset(src, 0, sizeof *src);
    size_t n = strlen(name_or_path);
    if (n == 0 || n >= sizeof src->path)
        return false;
    if (theme_is_path(name_or_path)) {
        memcpy(src->path, name_or_path, n + 1);
        src->origin = THEME_ORIGIN_PATH;
        return true;
    }
    if (user_dir && *user_dir) {
        int w = snprintf(src->path, sizeof src->path, "%s/%s.yaml", user_dir, name_or_path);
        if (w > 0 && (size_t)w < sizeof src->path && theme_readable(src->path)) {
            src->origin = THEME_ORIGIN_USER;
            return true;
        }
        src->path[0] = '\0';
    }
    src->builtin = theme_builtin_find(name_or_path);
    if (!src->builtin)
        return false;
    src->origin = THEME_ORIGIN_BUILTIN;
    return true;
}

static int theme_name_cmp(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Append name to the comma-separated list in buf (cut when full). */
static void theme_list_add(char *buf, size_t cap, const char *name)
{
    size_t used = strlen(buf);
    snprintf(buf + used, cap - used, "%s%s", used ? ", " : "", name);
}

/* Append the name of each theme file (NAME.yaml, readable) in dir, sorted, to buf. */
static void theme_list_dir(const char *dir, char *buf, size_t cap)
{
    DIR *d = dir && *dir ? opendir(dir) : NULL;
    if (!d)
        return;
    char *names[64] = { 0 };
    size_t count = 0;
    for (struct dirent *e; (e = readdir(d)) != NULL && count < 64;) {
        size_t len = strlen(e->d_name);
        char path[4096];
        int w = snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        if (len > 5 && e->d_name[0] != '.' && strcmp(e->d_name + len - 5, ".yaml") == 0 &&
            w > 0 && (size_t)w < sizeof path && theme_readable(path))
            names[count++] = xstrndup(e->d_name, len - 5);
    }
    closedir(d);
    qsort(names, count, sizeof names[0], theme_name_cmp);
    for (size_t i = 0; i < count; i++) {
        theme_list_add(buf, cap, names[i]);
        free(names[i]);
    }
}

int theme_load_named(const char *name_or_path, const char *user_dir, struct theme *theme,
                     struct theme_source *src, error_report_fn *report, void *ctx)
{
    struct theme_source local;
    if (!src)
        src = &local;
    if (!theme_resolve(name_or_path, user_dir, src)) {
        theme_default(theme);
        char builtin[256] = "", mine[256] = "";
        size_t n;
        const struct theme_builtin *b = theme_builtins(&n);
        for (size_t i = 0; i < n; i++)
            theme_list_add(builtin, sizeof builtin, b[i].name);
        char where[600] = "";
        if (user_dir && *user_dir) {
            theme_list_dir(user_dir, mine, sizeof mine);
            if (mine[0])
                snprintf(where, sizeof where, "; in %s: %s", user_dir, mine);
            else
                snprintf(where, sizeof where, "; none in %s", user_dir);
        }
        char shown[80];
        yaml_doc_quote(shown, sizeof shown, name_or_path, strlen(name_or_path));
        struct error_record err;
        error_set(&err, "", ERROR_NO_POSITION,
                  "theme '%s' not found (built-in: %s%s); using the default", shown, builtin,
                  where);
        if (report)
            report(ctx, &err);
        return 1;
    }
    if (src->origin != THEME_ORIGIN_BUILTIN)
        return theme_load_file(src->path, theme, report, ctx);
    char path[96];
    snprintf(path, sizeof path, "(built-in) %s.yaml", src->builtin->name);
    return theme_parse(src->builtin->text, src->builtin->len, path, theme, report, ctx);
}
