/* yaml_doc.c - the YAML reader shared by theme.c and config.c.
 *
 * libyaml's event API builds a small tree (nodes in one array, scalar text in
 * one string arena, linked by index while growing, turned into pointers at the
 * end); the helpers below walk it for the validators. Problems are reported
 * with path, line and column and counted; nothing here ever aborts on input.
 */
#include "flamex/config/yaml_doc.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#include "flamex/base/xalloc.h"

#define NONE SIZE_MAX

struct yaml_link {
    size_t first, last, next; /* node indexes, NONE when absent */
    size_t text;              /* offset of the scalar text in the string arena */
};

struct yaml_build {
    struct yaml_doc *doc;
    struct yaml_link *links;
    size_t cap;
    char *strings;
    size_t slen, scap;
    size_t stack[YAML_DOC_MAX_DEPTH];
    size_t depth;
    size_t root;
};

static void yaml_vreport(struct yaml_doc *doc, uint64_t line, uint64_t column, const char *fmt,
                         va_list ap) __attribute__((format(printf, 4, 0)));

static void yaml_vreport(struct yaml_doc *doc, uint64_t line, uint64_t column, const char *fmt,
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

static void yaml_report_at(struct yaml_doc *doc, uint64_t line, uint64_t column,
                           const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static void yaml_report_at(struct yaml_doc *doc, uint64_t line, uint64_t column,
                           const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    yaml_vreport(doc, line, column, fmt, ap);
    va_end(ap);
}

void yaml_doc_report(struct yaml_doc *doc, const struct yaml_doc_node *node,
                     const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    yaml_vreport(doc, node ? node->line : ERROR_NO_POSITION,
                 node ? node->column : ERROR_NO_POSITION, fmt, ap);
    va_end(ap);
}

const char *yaml_doc_quote(char *buf, size_t cap, const char *s, size_t len)
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

static size_t yaml_new_node(struct yaml_build *b, enum yaml_doc_kind kind,
                            const yaml_mark_t *mark)
{
    struct yaml_doc *doc = b->doc;
    if (doc->nnodes >= b->cap) { /* never above; >= tells scan-build links is allocated */
        b->cap = b->cap ? 2 * b->cap : 64;
        doc->nodes = xreallocarray(doc->nodes, b->cap, sizeof *doc->nodes);
        b->links = xreallocarray(b->links, b->cap, sizeof *b->links);
    }
    size_t i = doc->nnodes++;
    doc->nodes[i] = (struct yaml_doc_node){ .kind = kind,
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
    if (len >= b->scap - b->slen) { /* not len + 1 > ...: that wraps for len == SIZE_MAX */
        while (len >= b->scap - b->slen)
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
    struct yaml_doc *doc = b->doc;
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
    struct yaml_doc *doc = b->doc;
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
    if (doc->nnodes >= YAML_DOC_MAX_NODES) {
        yaml_report_at(doc, line, column, "document too large (more than %d YAML nodes)",
                       YAML_DOC_MAX_NODES);
        return false;
    }
    char q[80];
    if (ev->type == YAML_ALIAS_EVENT) {
        const char *a = (const char *)ev->data.alias.anchor;
        yaml_report_at(doc, line, column, "aliases are not allowed (found '*%s')",
                       yaml_doc_quote(q, sizeof q, a, strlen(a)));
        yaml_new_node(b, YAML_DOC_BAD, mark);
        return true;
    }
    if (anchor) {
        const char *a = (const char *)anchor;
        yaml_report_at(doc, line, column, "anchors and aliases are not allowed (found '&%s')",
                       yaml_doc_quote(q, sizeof q, a, strlen(a)));
    }
    if (ev->type == YAML_SCALAR_EVENT) {
        size_t i = yaml_new_node(b, YAML_DOC_SCALAR, mark);
        doc->nodes[i].plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
        yaml_add_text(b, i, ev->data.scalar.value, ev->data.scalar.length);
        return true;
    }
    if (b->depth == YAML_DOC_MAX_DEPTH) {
        /* Stop here rather than skip the subtree: libyaml's scanner costs
         * O(flow depth) per token, so reading on through a deep file is
         * quadratic (200 KB of '[' took over a minute). */
        yaml_report_at(doc, line, column, "nesting deeper than %d levels", YAML_DOC_MAX_DEPTH);
        return false;
    }
    size_t i = yaml_new_node(
        b, ev->type == YAML_MAPPING_START_EVENT ? YAML_DOC_MAP : YAML_DOC_LIST, mark);
    b->stack[b->depth++] = i;
    return true;
}

void yaml_doc_load(struct yaml_doc *doc, const char *text, size_t len, const char *path,
                   error_report_fn *report, void *ctx)
{
    *doc = (struct yaml_doc){ .path = path, .report = report, .ctx = ctx };
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
    /* No links means no node was made (scan-build cannot see that nnodes
     * only grows in yaml_new_node, which allocates links). */
    size_t nnodes = b.links ? doc->nnodes : 0;
    for (size_t i = 0; i < nnodes; i++) {
        struct yaml_doc_node *n = &doc->nodes[i];
        n->child = b.links[i].first == NONE ? NULL : &doc->nodes[b.links[i].first];
        n->next = b.links[i].next == NONE ? NULL : &doc->nodes[b.links[i].next];
        n->text = b.links[i].text == NONE ? "" : b.strings + b.links[i].text;
    }
    doc->root = b.root == NONE ? NULL : &doc->nodes[b.root];
    free(b.links);
}

void yaml_doc_free(struct yaml_doc *doc)
{
    free(doc->nodes);
    free(doc->strings);
    doc->nodes = NULL;
    doc->strings = NULL;
    doc->root = NULL;
    doc->nnodes = 0;
}

bool yaml_doc_is_null(const struct yaml_doc_node *node)
{
    return node->kind == YAML_DOC_SCALAR && node->plain &&
           (node->len == 0 || strcmp(node->text, "~") == 0 || strcmp(node->text, "null") == 0);
}

static const char *yaml_kind_name(enum yaml_doc_kind kind)
{
    return kind == YAML_DOC_MAP ? "mapping" : kind == YAML_DOC_LIST ? "list" : "string";
}

bool yaml_doc_expect(struct yaml_doc *doc, const struct yaml_doc_node *node,
                     enum yaml_doc_kind kind, const char *field, bool item)
{
    if (node->kind == kind)
        return true;
    if (node->kind == YAML_DOC_BAD || (kind != YAML_DOC_SCALAR && yaml_doc_is_null(node)))
        return false;
    if (item)
        yaml_doc_report(doc, node, "expected a %s in the '%s' list", yaml_kind_name(kind),
                        field);
    else
        yaml_doc_report(doc, node, "expected a %s for '%s'", yaml_kind_name(kind), field);
    return false;
}

const char *yaml_doc_string(struct yaml_doc *doc, const struct yaml_doc_node *node,
                            const char *field, bool item)
{
    if (!yaml_doc_expect(doc, node, YAML_DOC_SCALAR, field, item))
        return NULL;
    if (yaml_doc_is_null(node)) {
        yaml_doc_report(doc, node, "missing value for '%s'", field);
        return NULL;
    }
    if (strlen(node->text) != node->len) {
        yaml_doc_report(doc, node, "NUL byte in the value of '%s'", field);
        return NULL;
    }
    return node->text;
}

bool yaml_doc_key_ok(struct yaml_doc *doc, const struct yaml_doc_node *map,
                     const struct yaml_doc_node *key)
{
    if (key->kind == YAML_DOC_BAD)
        return false;
    if (key->kind != YAML_DOC_SCALAR) {
        yaml_doc_report(doc, key, "expected a string as a key, found a %s",
                        yaml_kind_name(key->kind));
        return false;
    }
    for (const struct yaml_doc_node *k = map->child; k && k->next && k != key;
         k = k->next->next) {
        if (k->kind == YAML_DOC_SCALAR && k->len == key->len &&
            memcmp(k->text, key->text, key->len) == 0) {
            char q[80];
            yaml_doc_report(doc, key, "duplicate key '%s' (first at line %llu)",
                            yaml_doc_quote(q, sizeof q, key->text, key->len),
                            (unsigned long long)k->line);
            return false;
        }
    }
    return true;
}

void yaml_doc_fields(struct yaml_doc *doc, const struct yaml_doc_node *map,
                     const char *section, const char *const *names, size_t n,
                     const struct yaml_doc_node **values)
{
    for (size_t i = 0; i < n; i++)
        values[i] = NULL;
    for (const struct yaml_doc_node *k = map->child; k && k->next; k = k->next->next) {
        if (!yaml_doc_key_ok(doc, map, k))
            continue;
        size_t i = 0;
        while (i < n && !(strlen(names[i]) == k->len && memcmp(names[i], k->text, k->len) == 0))
            i++;
        if (i < n) {
            values[i] = k->next;
        } else {
            char q[80];
            yaml_doc_report(doc, k, "unknown key '%s' in %s",
                            yaml_doc_quote(q, sizeof q, k->text, k->len), section);
        }
    }
}

int yaml_doc_read_file(const char *path, bool missing_ok, char **text, size_t *len,
                       error_report_fn *report, void *ctx)
{
    struct yaml_doc doc = { .path = path, .report = report, .ctx = ctx };
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
    char *buf = xmalloc(YAML_DOC_MAX_FILE + 1);
    size_t n = fread(buf, 1, YAML_DOC_MAX_FILE + 1, f);
    if (ferror(f)) {
        yaml_report_at(&doc, ERROR_NO_POSITION, ERROR_NO_POSITION, "cannot read: %s",
                       strerror(errno));
    } else if (n > YAML_DOC_MAX_FILE) {
        yaml_report_at(&doc, ERROR_NO_POSITION, ERROR_NO_POSITION,
                       "file too large (more than %d bytes)", YAML_DOC_MAX_FILE);
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
