/* theme.c - colour themes (YAML via libyaml), colour downgrades, frame shades,
 * and the YAML reader shared with config.c.
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
 *          help-key help-title error
 *   KIND   flame kernel jit inlined
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
#include "flamex/theme.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <yaml.h>

#include "flamex/hash.h"
#include "flamex/xalloc.h"

/* ======================= YAML reader (shared with config.c) ============== */

#define NONE SIZE_MAX

struct yaml_link {
    size_t first, last, next; /* node indexes, NONE when absent */
    size_t text;              /* offset of the scalar text in the string arena */
};

struct yaml_build {
    struct theme_yaml *doc;
    struct yaml_link *links;
    size_t cap;
    char *strings;
    size_t slen, scap;
    size_t stack[THEME_YAML_MAX_DEPTH];
    size_t depth;
    size_t root;
};

static void yaml_vreport(struct theme_yaml *doc, uint64_t line, uint64_t column, const char *fmt,
                         va_list ap) __attribute__((format(printf, 4, 0)));

static void yaml_vreport(struct theme_yaml *doc, uint64_t line, uint64_t column, const char *fmt,
                         va_list ap)
{
    struct error_record rec;
    error_clear(&rec);
    snprintf(rec.path, sizeof rec.path, "%s", doc->path ? doc->path : "");
    rec.line = line;
    rec.column = column;
    vsnprintf(rec.message, sizeof rec.message, fmt, ap);
    doc->problems++;
    if (doc->report)
        doc->report(doc->ctx, &rec);
}

static void yaml_report_at(struct theme_yaml *doc, uint64_t line, uint64_t column,
                           const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static void yaml_report_at(struct theme_yaml *doc, uint64_t line, uint64_t column,
                           const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    yaml_vreport(doc, line, column, fmt, ap);
    va_end(ap);
}

void theme_yaml_report(struct theme_yaml *doc, const struct theme_yaml_node *node,
                       const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    yaml_vreport(doc, node ? node->line : ERROR_NO_POSITION,
                 node ? node->column : ERROR_NO_POSITION, fmt, ap);
    va_end(ap);
}

const char *theme_yaml_quote(char *buf, size_t cap, const char *s, size_t len)
{
    size_t o = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (o + 8 >= cap) {
            memcpy(buf + o, "...", 4);
            return buf;
        }
        if (c >= 0x20 && c < 0x7f && c != '\\')
            buf[o++] = (char)c;
        else
            o += (size_t)snprintf(buf + o, cap - o, "\\x%02x", c);
    }
    buf[o] = '\0';
    return buf;
}

static size_t yaml_new_node(struct yaml_build *b, enum theme_yaml_kind kind,
                            const yaml_mark_t *mark)
{
    struct theme_yaml *doc = b->doc;
    if (doc->nnodes == b->cap) {
        b->cap = b->cap ? 2 * b->cap : 64;
        doc->nodes = xreallocarray(doc->nodes, b->cap, sizeof *doc->nodes);
        b->links = xreallocarray(b->links, b->cap, sizeof *b->links);
    }
    size_t i = doc->nnodes++;
    doc->nodes[i] = (struct theme_yaml_node){ .kind = kind,
                                              .line = (uint64_t)mark->line + 1,
                                              .column = (uint64_t)mark->column + 1 };
    b->links[i] = (struct yaml_link){ NONE, NONE, NONE, NONE };
    if (b->depth == 0) {
        b->root = i;
    } else {
        size_t parent = b->stack[b->depth - 1];
        if (b->links[parent].last == NONE)
            b->links[parent].first = i;
        else
            b->links[b->links[parent].last].next = i;
        b->links[parent].last = i;
        doc->nodes[parent].count++;
    }
    return i;
}

static void yaml_add_text(struct yaml_build *b, size_t node, const unsigned char *s, size_t len)
{
    if (b->scap - b->slen < len + 1) {
        while (b->scap - b->slen < len + 1)
            b->scap = b->scap ? 2 * b->scap : 4096;
        b->strings = xreallocarray(b->strings, b->scap, 1);
    }
    memcpy(b->strings + b->slen, s, len);
    b->strings[b->slen + len] = '\0';
    b->links[node].text = b->slen;
    b->doc->nodes[node].len = len;
    b->slen += len + 1;
}

/* 1-based line and column of byte offset off in text (libyaml's reader errors
 * give a byte offset only); columns count UTF-8 characters, as libyaml does. */
static void yaml_offset_position(const char *text, size_t len, size_t off, uint64_t *line,
                                 uint64_t *column)
{
    *line = 1;
    *column = 1;
    for (size_t i = 0; i < off && i < len; i++) {
        unsigned char c = (unsigned char)text[i];
        if (c == '\n') {
            ++*line;
            *column = 1;
        } else if ((c & 0xc0) != 0x80) {
            ++*column;
        }
    }
}

/* True if the scanner error at mark (0-based line, column) is about a tab:
 * the character there is a tab, or the line is indented with one. */
static bool yaml_tab_at(const char *text, size_t len, const yaml_mark_t *mark)
{
    size_t i = 0, line = 0;
    while (line < mark->line && i < len) {
        if (text[i++] == '\n')
            line++;
    }
    if (line != mark->line)
        return false;
    size_t start = i;
    for (size_t j = start; j < len && (text[j] == ' ' || text[j] == '\t'); j++) {
        if (text[j] == '\t')
            return true;
    }
    for (size_t col = 0; i < len && text[i] != '\n'; i++) {
        if (((unsigned char)text[i] & 0xc0) == 0x80)
            continue;
        if (col++ == mark->column)
            return text[i] == '\t';
    }
    return false;
}

static void yaml_parser_problem(struct yaml_build *b, const yaml_parser_t *parser,
                                const char *text, size_t len)
{
    struct theme_yaml *doc = b->doc;
    const char *problem = parser->problem ? parser->problem : "unknown error";
    if (parser->error == YAML_READER_ERROR) {
        uint64_t line, column;
        yaml_offset_position(text, len, parser->problem_offset, &line, &column);
        if (parser->problem_value != -1)
            yaml_report_at(doc, line, column, "invalid input: %s (byte 0x%02x)", problem,
                           (unsigned)parser->problem_value & 0xffu);
        else
            yaml_report_at(doc, line, column, "invalid input: %s", problem);
        return;
    }
    if (parser->error == YAML_MEMORY_ERROR) {
        yaml_report_at(doc, ERROR_NO_POSITION, ERROR_NO_POSITION, "out of memory parsing YAML");
        return;
    }
    uint64_t line = (uint64_t)parser->problem_mark.line + 1;
    uint64_t column = (uint64_t)parser->problem_mark.column + 1;
    if (parser->error == YAML_SCANNER_ERROR && yaml_tab_at(text, len, &parser->problem_mark)) {
        yaml_report_at(doc, line, column,
                       "tab character in indentation: YAML allows only spaces (%s)", problem);
    } else if (parser->context) {
        yaml_report_at(doc, line, column, "syntax error: %s (%s started at line %llu)", problem,
                       parser->context,
                       (unsigned long long)parser->context_mark.line + 1);
    } else {
        yaml_report_at(doc, line, column, "syntax error: %s", problem);
    }
}

/* Handle one event; false ends the parse. */
static bool yaml_event(struct yaml_build *b, const yaml_event_t *ev, int *documents)
{
    struct theme_yaml *doc = b->doc;
    const yaml_mark_t *mark = &ev->start_mark;
    uint64_t line = (uint64_t)mark->line + 1, column = (uint64_t)mark->column + 1;
    const yaml_char_t *anchor = NULL;
    bool closes = false;
    switch (ev->type) {
    case YAML_DOCUMENT_START_EVENT:
        if (++*documents > 1) {
            yaml_report_at(doc, line, column, "only one YAML document is allowed");
            return false;
        }
        return true;
    case YAML_MAPPING_START_EVENT:
        anchor = ev->data.mapping_start.anchor;
        break;
    case YAML_SEQUENCE_START_EVENT:
        anchor = ev->data.sequence_start.anchor;
        break;
    case YAML_MAPPING_END_EVENT:
    case YAML_SEQUENCE_END_EVENT:
        closes = true;
        break;
    case YAML_SCALAR_EVENT:
        anchor = ev->data.scalar.anchor;
        break;
    case YAML_ALIAS_EVENT:
        break;
    default:
        return true;
    }
    if (closes) {
        if (b->depth)
            b->depth--;
        return true;
    }
    if (doc->nnodes >= THEME_YAML_MAX_NODES) {
        yaml_report_at(doc, line, column, "document too large (more than %d YAML nodes)",
                       THEME_YAML_MAX_NODES);
        return false;
    }
    char q[80];
    if (ev->type == YAML_ALIAS_EVENT) {
        const char *a = (const char *)ev->data.alias.anchor;
        yaml_report_at(doc, line, column, "aliases are not allowed (found '*%s')",
                       theme_yaml_quote(q, sizeof q, a, strlen(a)));
        yaml_new_node(b, THEME_YAML_BAD, mark);
        return true;
    }
    if (anchor) {
        const char *a = (const char *)anchor;
        yaml_report_at(doc, line, column, "anchors and aliases are not allowed (found '&%s')",
                       theme_yaml_quote(q, sizeof q, a, strlen(a)));
    }
    if (ev->type == YAML_SCALAR_EVENT) {
        size_t i = yaml_new_node(b, THEME_YAML_SCALAR, mark);
        doc->nodes[i].plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
        yaml_add_text(b, i, ev->data.scalar.value, ev->data.scalar.length);
        return true;
    }
    if (b->depth == THEME_YAML_MAX_DEPTH) {
        /* Stop here rather than skip the subtree: libyaml's scanner costs
         * O(flow depth) per token, so reading on through a deep file is
         * quadratic (200 KB of '[' took over a minute). */
        yaml_report_at(doc, line, column, "nesting deeper than %d levels", THEME_YAML_MAX_DEPTH);
        return false;
    }
    size_t i = yaml_new_node(
        b, ev->type == YAML_MAPPING_START_EVENT ? THEME_YAML_MAP : THEME_YAML_LIST, mark);
    b->stack[b->depth++] = i;
    return true;
}

void theme_yaml_load(struct theme_yaml *doc, const char *text, size_t len, const char *path,
                     theme_report_fn *report, void *ctx)
{
    *doc = (struct theme_yaml){ .path = path, .report = report, .ctx = ctx };
    struct yaml_build b = { .doc = doc, .root = NONE };
    yaml_parser_t parser;
    if (!yaml_parser_initialize(&parser)) {
        yaml_report_at(doc, ERROR_NO_POSITION, ERROR_NO_POSITION, "out of memory parsing YAML");
        return;
    }
    yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
    int documents = 0;
    for (;;) {
        yaml_event_t ev;
        if (!yaml_parser_parse(&parser, &ev)) {
            yaml_parser_problem(&b, &parser, text, len);
            break;
        }
        bool more = ev.type != YAML_STREAM_END_EVENT && yaml_event(&b, &ev, &documents);
        yaml_event_delete(&ev);
        if (!more)
            break;
    }
    yaml_parser_delete(&parser);
    /* The arrays stop moving here: turn indexes into pointers. */
    doc->strings = b.strings;
    for (size_t i = 0; i < doc->nnodes; i++) {
        struct theme_yaml_node *n = &doc->nodes[i];
        n->child = b.links[i].first == NONE ? NULL : &doc->nodes[b.links[i].first];
        n->next = b.links[i].next == NONE ? NULL : &doc->nodes[b.links[i].next];
        n->text = b.links[i].text == NONE ? "" : b.strings + b.links[i].text;
    }
    doc->root = b.root == NONE ? NULL : &doc->nodes[b.root];
    free(b.links);
}

void theme_yaml_free(struct theme_yaml *doc)
{
    free(doc->nodes);
    free(doc->strings);
    doc->nodes = NULL;
    doc->strings = NULL;
    doc->root = NULL;
    doc->nnodes = 0;
}

bool theme_yaml_is_null(const struct theme_yaml_node *node)
{
    return node->kind == THEME_YAML_SCALAR && node->plain &&
           (node->len == 0 || strcmp(node->text, "~") == 0 || strcmp(node->text, "null") == 0);
}

static const char *yaml_kind_name(enum theme_yaml_kind kind)
{
    return kind == THEME_YAML_MAP ? "mapping" : kind == THEME_YAML_LIST ? "list" : "string";
}

bool theme_yaml_expect(struct theme_yaml *doc, const struct theme_yaml_node *node,
                       enum theme_yaml_kind kind, const char *field, bool item)
{
    if (node->kind == kind)
        return true;
    if (node->kind == THEME_YAML_BAD || (kind != THEME_YAML_SCALAR && theme_yaml_is_null(node)))
        return false;
    if (item)
        theme_yaml_report(doc, node, "expected a %s in the '%s' list", yaml_kind_name(kind),
                          field);
    else
        theme_yaml_report(doc, node, "expected a %s for '%s'", yaml_kind_name(kind), field);
    return false;
}

const char *theme_yaml_string(struct theme_yaml *doc, const struct theme_yaml_node *node,
                              const char *field, bool item)
{
    if (!theme_yaml_expect(doc, node, THEME_YAML_SCALAR, field, item))
        return NULL;
    if (theme_yaml_is_null(node)) {
        theme_yaml_report(doc, node, "missing value for '%s'", field);
        return NULL;
    }
    if (strlen(node->text) != node->len) {
        theme_yaml_report(doc, node, "NUL byte in the value of '%s'", field);
        return NULL;
    }
    return node->text;
}

bool theme_yaml_key_ok(struct theme_yaml *doc, const struct theme_yaml_node *map,
                       const struct theme_yaml_node *key)
{
    if (key->kind == THEME_YAML_BAD)
        return false;
    if (key->kind != THEME_YAML_SCALAR) {
        theme_yaml_report(doc, key, "expected a string as a key, found a %s",
                          yaml_kind_name(key->kind));
        return false;
    }
    for (const struct theme_yaml_node *k = map->child; k && k->next && k != key;
         k = k->next->next) {
        if (k->kind == THEME_YAML_SCALAR && k->len == key->len &&
            memcmp(k->text, key->text, key->len) == 0) {
            char q[80];
            theme_yaml_report(doc, key, "duplicate key '%s' (first at line %llu)",
                              theme_yaml_quote(q, sizeof q, key->text, key->len),
                              (unsigned long long)k->line);
            return false;
        }
    }
    return true;
}

void theme_yaml_fields(struct theme_yaml *doc, const struct theme_yaml_node *map,
                       const char *section, const char *const *names, size_t n,
                       const struct theme_yaml_node **values)
{
    for (size_t i = 0; i < n; i++)
        values[i] = NULL;
    for (const struct theme_yaml_node *k = map->child; k && k->next; k = k->next->next) {
        if (!theme_yaml_key_ok(doc, map, k))
            continue;
        size_t i = 0;
        while (i < n && !(strlen(names[i]) == k->len && memcmp(names[i], k->text, k->len) == 0))
            i++;
        if (i < n) {
            values[i] = k->next;
        } else {
            char q[80];
            theme_yaml_report(doc, k, "unknown key '%s' in %s",
                              theme_yaml_quote(q, sizeof q, k->text, k->len), section);
        }
    }
}

int theme_yaml_read_file(const char *path, bool missing_ok, char **text, size_t *len,
                         theme_report_fn *report, void *ctx)
{
    struct theme_yaml doc = { .path = path, .report = report, .ctx = ctx };
    *text = NULL;
    *len = 0;
    FILE *f = fopen(path, "rb");
    if (!f) {
        if (errno == ENOENT && missing_ok)
            return 0;
        yaml_report_at(&doc, ERROR_NO_POSITION, ERROR_NO_POSITION, "cannot open: %s",
                       strerror(errno));
        return doc.problems;
    }
    char *buf = xmalloc(THEME_YAML_MAX_FILE + 1);
    size_t n = fread(buf, 1, THEME_YAML_MAX_FILE + 1, f);
    if (ferror(f)) {
        yaml_report_at(&doc, ERROR_NO_POSITION, ERROR_NO_POSITION, "cannot read: %s",
                       strerror(errno));
    } else if (n > THEME_YAML_MAX_FILE) {
        yaml_report_at(&doc, ERROR_NO_POSITION, ERROR_NO_POSITION,
                       "file too large (more than %d bytes)", THEME_YAML_MAX_FILE);
    }
    fclose(f);
    if (doc.problems) {
        free(buf);
        return doc.problems;
    }
    buf[n] = '\0';
    *text = buf;
    *len = n;
    return 0;
}

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
    int rgb[3] = { (c->rgb >> 16) & 0xff, (c->rgb >> 8) & 0xff, c->rgb & 0xff };
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
    static const int base[STYLE_KIND_COUNT] = { STYLE_FLAME_BASE, STYLE_KERNEL_BASE,
                                                STYLE_JIT_BASE, STYLE_INLINED_BASE };
    if (kind < 0 || kind >= STYLE_KIND_COUNT)
        kind = STYLE_KIND_FLAME;
    return base[kind] + (int)(hash_u64(name_hash) % STYLE_SHADES);
}

/* =========================== the default theme =========================== */

/* The roles a theme's styles: section may set, and their style ids. */
static const char *const theme_role_names[] = {
    "default", "ancestor",   "selected", "match",    "status",     "status-key",
    "breadcrumb", "help",    "help-key", "help-title", "error",
};
static const int theme_role_ids[] = {
    STYLE_DEFAULT,    STYLE_ANCESTOR, STYLE_SELECTED, STYLE_MATCH,
    STYLE_STATUS,     STYLE_STATUS_KEY, STYLE_BREADCRUMB, STYLE_HELP,
    STYLE_HELP_KEY,   STYLE_HELP_TITLE, STYLE_ERROR,
};
#define THEME_NROLES (sizeof theme_role_names / sizeof theme_role_names[0])
_Static_assert(THEME_NROLES == sizeof theme_role_ids / sizeof theme_role_ids[0],
               "one id per role name");
_Static_assert(THEME_NROLES == STYLE_COUNT - STYLE_KIND_COUNT * STYLE_SHADES,
               "every non-frame style id has a role name");

static const char *const theme_kind_names[STYLE_KIND_COUNT] = { "flame", "kernel", "jit",
                                                                  "inlined" };

static const char *const theme_attr_names[] = { "bold", "reverse", "underline", "dim", "italic" };

static void theme_set(struct theme *t, int id, struct theme_color fg, struct theme_color bg,
                      unsigned attrs, unsigned mono)
{
    t->styles[id] = (struct theme_style){ fg, bg, (uint8_t)attrs, (uint8_t)mono };
}

void theme_default(struct theme *t)
{
    enum { B = THEME_ATTR_BOLD, R = THEME_ATTR_REVERSE, U = THEME_ATTR_UNDERLINE,
           D = THEME_ATTR_DIM };
    /* FlameGraph's palettes: "hot" rgb(205+rand(50), rand(230), rand(55)) for
     * ordinary frames, picked so the 256-colour downgrades stay distinct; "orange"
     * for _[k], "green" for _[j], "aqua" for _[i], spread over each range. */
    static const int32_t shades[STYLE_KIND_COUNT][STYLE_SHADES] = {
        { 0xf51e0f, 0xd72814, 0xfa5a0a, 0xdc641e, 0xf58719, 0xe1aa28, 0xf0b414, 0xfad22d },
        { 0xbe5a00, 0xc76300, 0xd06c00, 0xd97500, 0xe37f00, 0xec8800, 0xf59100, 0xff9b00 },
        { 0x32c832, 0x3ad03a, 0x42d742, 0x4adf4a, 0x52e652, 0x5aee5a, 0x62f562, 0x6eff6e },
        { 0x32a5a5, 0x3aadad, 0x42b5b5, 0x4abdbd, 0x52c4c4, 0x5acccc, 0x62d4d4, 0x6edcdc },
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
}

/* ============================ theme parsing ============================== */

/* Parse a colour value (scalar or {rgb, c256, c8}) for field. */
static bool theme_color_node(struct theme_yaml *doc, const struct theme_yaml_node *node,
                             const char *field, bool item, struct theme_color *out)
{
    char q[80];
    if (node->kind == THEME_YAML_MAP) {
        static const char *const names[] = { "rgb", "c256", "c8" };
        const struct theme_yaml_node *v[3];
        char section[64];
        snprintf(section, sizeof section, "the colour of '%s'", field);
        theme_yaml_fields(doc, node, section, names, 3, v);
        struct theme_color c = { THEME_RGB_DEFAULT, -1, -1 };
        bool rgb_set = false, any = false;
        if (v[0]) {
            const char *s = theme_yaml_string(doc, v[0], "rgb", false);
            int32_t rgb = s ? theme_parse_hex(s) : -1;
            if (s && (rgb >= 0 || strcmp(s, "default") == 0)) {
                c.rgb = rgb >= 0 ? rgb : THEME_RGB_DEFAULT;
                rgb_set = any = true;
            } else if (s) {
                theme_yaml_report(doc, v[0],
                                  "invalid colour '%s' for 'rgb' (expected \"#rrggbb\")",
                                  theme_yaml_quote(q, sizeof q, s, strlen(s)));
            }
        }
        if (v[1]) {
            const char *s = theme_yaml_string(doc, v[1], "c256", false);
            long n = s ? theme_parse_number(s) : -1;
            if (n >= 0 && n <= 255) {
                c.c256 = (int16_t)n;
                any = true;
            } else if (s) {
                theme_yaml_report(doc, v[1], "invalid colour '%s' for 'c256' (expected 0..255)",
                                  theme_yaml_quote(q, sizeof q, s, strlen(s)));
            }
        }
        if (v[2]) {
            const char *s = theme_yaml_string(doc, v[2], "c8", false);
            long n = s ? theme_parse_number(s) : -1;
            int idx = s && n < 0 ? theme_ansi_lookup(s, 8) : n <= 7 ? (int)n : -1;
            if (idx >= 0) {
                c.c8 = (int16_t)idx;
                any = true;
            } else if (s) {
                theme_yaml_report(doc, v[2],
                                  "invalid colour '%s' for 'c8' (expected black, red, green, "
                                  "yellow, blue, magenta, cyan, white or 0..7)",
                                  theme_yaml_quote(q, sizeof q, s, strlen(s)));
            }
        }
        if (!any) {
            if (node->count == 0)
                theme_yaml_report(doc, node, "empty colour for '%s' (give rgb, c256 or c8)",
                                  field);
            return false;
        }
        if (!rgb_set) /* the full-colour value of the fallback given */
            c.rgb = theme_xterm_rgb(c.c256 >= 0 ? c.c256 : c.c8);
        *out = c;
        return true;
    }
    if (node->kind == THEME_YAML_BAD)
        return false;
    if (node->kind != THEME_YAML_SCALAR) {
        theme_yaml_report(doc, node, "expected a colour (a string, number or mapping) %s '%s'",
                          item ? "in the list" : "for", field);
        return false;
    }
    if (theme_yaml_is_null(node)) {
        theme_yaml_report(doc, node,
                          "missing colour for '%s' (quote \"#rrggbb\": a bare # starts a comment)",
                          field);
        return false;
    }
    bool range = false;
    if (strlen(node->text) == node->len && theme_color_scalar(node->text, out, &range))
        return true;
    if (range)
        theme_yaml_report(doc, node, "colour index %s out of range 0..255 for '%s'", node->text,
                          field);
    else
        theme_yaml_report(doc, node,
                          "invalid colour '%s' for '%s' (expected \"#rrggbb\", a colour name, "
                          "0..255 or {rgb, c256, c8})",
                          theme_yaml_quote(q, sizeof q, node->text, node->len), field);
    return false;
}

/* Parse a list of attribute names; bad items are reported and skipped. */
static bool theme_attrs_node(struct theme_yaml *doc, const struct theme_yaml_node *node,
                             const char *field, bool item, uint8_t *out)
{
    if (!theme_yaml_expect(doc, node, THEME_YAML_LIST, field, item))
        return false;
    unsigned attrs = 0;
    for (const struct theme_yaml_node *a = node->child; a; a = a->next) {
        const char *s = theme_yaml_string(doc, a, field, true);
        if (!s)
            continue;
        size_t i = 0;
        while (i < 5 && strcmp(s, theme_attr_names[i]) != 0)
            i++;
        if (i < 5) {
            attrs |= 1u << i;
        } else {
            char q[80];
            theme_yaml_report(doc, a,
                              "unknown attribute '%s' in '%s' (expected bold, reverse, "
                              "underline, dim or italic)",
                              theme_yaml_quote(q, sizeof q, s, strlen(s)), field);
        }
    }
    *out = (uint8_t)attrs;
    return true;
}

/* Count the items of a list meant to hold 1..STYLE_SHADES entries (extra
 * entries are reported and ignored). Returns 0 when unusable. */
static size_t theme_cycle_count(struct theme_yaml *doc, const struct theme_yaml_node *list,
                                const char *field)
{
    if (!theme_yaml_expect(doc, list, THEME_YAML_LIST, field, false))
        return 0;
    if (list->count == 0 || list->count > STYLE_SHADES)
        theme_yaml_report(doc, list, "'%s' needs 1 to %d entries, found %zu", field,
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

static void theme_frame_parse(struct theme_yaml *doc, int field,
                              const struct theme_yaml_node *node, const char *name,
                              struct theme_frame_value *out)
{
    out->field = field;
    out->n = 0;
    if (field == 1) {
        out->n = theme_color_node(doc, node, name, false, &out->colors[0]);
        return;
    }
    size_t n = theme_cycle_count(doc, node, name);
    const struct theme_yaml_node *it = node->child;
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

static void theme_frames(struct theme_yaml *doc, struct theme *t,
                         const struct theme_yaml_node *map)
{
    static const char *const names[] = { "shades", "text", "attrs", "mono",
                                         "flame",  "kernel", "jit", "inlined" };
    const struct theme_yaml_node *v[8];
    struct theme_frame_value val;
    theme_yaml_fields(doc, map, "frames", names + 1, 7, v + 1);
    for (int f = 1; f <= 3; f++) { /* frames-wide settings first: kinds override them */
        if (!v[f])
            continue;
        theme_frame_parse(doc, f, v[f], names[f], &val);
        for (int k = 0; k < STYLE_KIND_COUNT; k++)
            theme_frame_apply(t, k, &val);
    }
    for (int k = 0; k < STYLE_KIND_COUNT; k++) {
        const struct theme_yaml_node *node = v[4 + k];
        if (!node)
            continue;
        if (node->kind == THEME_YAML_LIST) {
            theme_frame_parse(doc, 0, node, theme_kind_names[k], &val);
            theme_frame_apply(t, k, &val);
            continue;
        }
        if (node->kind != THEME_YAML_MAP) {
            if (node->kind != THEME_YAML_BAD && !theme_yaml_is_null(node))
                theme_yaml_report(doc, node, "expected a list or mapping for '%s'",
                                  theme_kind_names[k]);
            continue;
        }
        const struct theme_yaml_node *kv[4];
        char section[32];
        snprintf(section, sizeof section, "frames.%s", theme_kind_names[k]);
        theme_yaml_fields(doc, node, section, names, 4, kv);
        for (int f = 0; f < 4; f++) {
            if (!kv[f])
                continue;
            theme_frame_parse(doc, f, kv[f], names[f], &val);
            theme_frame_apply(t, k, &val);
        }
    }
}

static void theme_style_node(struct theme_yaml *doc, struct theme_style *st,
                             const struct theme_yaml_node *map, const char *role)
{
    static const char *const names[] = { "fg", "bg", "attrs", "mono" };
    const struct theme_yaml_node *v[4];
    char section[64];
    snprintf(section, sizeof section, "styles.%s", role);
    theme_yaml_fields(doc, map, section, names, 4, v);
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
                theme_report_fn *report, void *ctx)
{
    struct theme_yaml doc;
    theme_default(theme);
    theme_yaml_load(&doc, text, len, path, report, ctx);
    const struct theme_yaml_node *root = doc.root;
    if (!root || theme_yaml_is_null(root)) {
        if (doc.problems == 0)
            theme_yaml_report(&doc, NULL, "the theme is empty");
    } else if (root->kind != THEME_YAML_MAP) {
        if (root->kind != THEME_YAML_BAD)
            theme_yaml_report(&doc, root, "expected a mapping at the top level of the theme");
    } else {
        static const char *const names[] = { "name", "styles", "frames" };
        const struct theme_yaml_node *v[3];
        theme_yaml_fields(&doc, root, "the theme", names, 3, v);
        const char *name = v[0] ? theme_yaml_string(&doc, v[0], "name", false) : NULL;
        if (name && strlen(name) >= sizeof theme->name)
            theme_yaml_report(&doc, v[0], "'name' is longer than %zu bytes",
                              sizeof theme->name - 1);
        else if (name)
            snprintf(theme->name, sizeof theme->name, "%s", name);
        if (v[1] && theme_yaml_expect(&doc, v[1], THEME_YAML_MAP, "styles", false)) {
            const struct theme_yaml_node *rv[THEME_NROLES];
            theme_yaml_fields(&doc, v[1], "styles", theme_role_names, THEME_NROLES, rv);
            for (size_t i = 0; i < THEME_NROLES; i++) {
                if (rv[i] && theme_yaml_expect(&doc, rv[i], THEME_YAML_MAP, theme_role_names[i],
                                               false))
                    theme_style_node(&doc, &theme->styles[theme_role_ids[i]], rv[i],
                                     theme_role_names[i]);
            }
        }
        if (v[2] && theme_yaml_expect(&doc, v[2], THEME_YAML_MAP, "frames", false))
            theme_frames(&doc, theme, v[2]);
    }
    int problems = doc.problems;
    theme_yaml_free(&doc);
    return problems;
}

int theme_load_file(const char *path, struct theme *theme, theme_report_fn *report, void *ctx)
{
    char *text;
    size_t len;
    int problems = theme_yaml_read_file(path, false, &text, &len, report, ctx);
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

bool theme_resolve(const char *name_or_path, const char *const *dirs, char *path, size_t cap)
{
    size_t n = strlen(name_or_path);
    if (n == 0 || cap == 0)
        return false;
    if (strchr(name_or_path, '/') || (n >= 5 && strcmp(name_or_path + n - 5, ".yaml") == 0)) {
        if (n >= cap || !theme_readable(name_or_path))
            return false;
        memcpy(path, name_or_path, n + 1);
        return true;
    }
    for (size_t i = 0; dirs && dirs[i]; i++) {
        int w = snprintf(path, cap, "%s/%s.yaml", dirs[i], name_or_path);
        if (w > 0 && (size_t)w < cap && theme_readable(path))
            return true;
    }
    path[0] = '\0';
    return false;
}
