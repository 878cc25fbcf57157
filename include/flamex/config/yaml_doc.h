/* yaml_doc.h - the YAML reader shared by theme.c and config.c.
 *
 * Not for other callers. yaml_doc_load parses text with libyaml's event API
 * into a small tree, reporting syntax errors (tabs in indentation named as
 * such), anchors and aliases, nesting deeper than YAML_DOC_MAX_DEPTH and
 * documents over YAML_DOC_MAX_NODES nodes; the validators then walk the tree
 * with the helpers below, which report wrong types, duplicate and unknown keys.
 * Every report carries the path and a 1-based line and column.
 */
#ifndef FLAMEX_YAML_DOC_H
#define FLAMEX_YAML_DOC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "flamex/base/error.h"

#define YAML_DOC_MAX_DEPTH 32
#define YAML_DOC_MAX_NODES 20000
#define YAML_DOC_MAX_FILE (1024 * 1024) /* bytes read from a theme or config file */

enum yaml_doc_kind {
    YAML_DOC_BAD,    /* an alias or a skipped subtree: already reported, ignore it */
    YAML_DOC_SCALAR,
    YAML_DOC_MAP,    /* children alternate key, value */
    YAML_DOC_LIST,
};

struct yaml_doc_node {
    enum yaml_doc_kind kind;
    bool plain;                /* scalar written without quotes */
    uint64_t line, column;     /* 1-based start of the node */
    const char *text;          /* scalar: NUL-terminated (may hold NULs: see len) */
    size_t len;                /* scalar: bytes in text */
    size_t count;              /* children (a map has two per pair) */
    const struct yaml_doc_node *child, *next; /* first child; next sibling */
};

struct yaml_doc {
    const char *path;
    error_report_fn *report;
    void *ctx;
    int problems;                       /* problems reported so far */
    const struct yaml_doc_node *root;   /* NULL when the document is empty */
    struct yaml_doc_node *nodes;        /* owned */
    size_t nnodes;
    char *strings;                      /* owned: every scalar's text */
};

/* Parse text into doc (which owns the tree until yaml_doc_free; path and ctx
 * are borrowed), with problems going to report and counted in doc->problems; a
 * syntax error ends the parse keeping the tree built before it, and no input
 * makes it fail. */
void yaml_doc_load(struct yaml_doc *doc, const char *text, size_t len, const char *path,
                   error_report_fn *report, void *ctx);

/* Release what doc owns (nodes and strings) and leave it empty; never fails. */
void yaml_doc_free(struct yaml_doc *doc);

/* Report a problem at node's position (no position when node is NULL) and
 * count it in doc->problems; never fails. */
void yaml_doc_report(struct yaml_doc *doc, const struct yaml_doc_node *node, const char *fmt,
                     ...) __attribute__((format(printf, 3, 4)));

/* True if node is a plain empty, "~" or "null" scalar (a key with no value). */
bool yaml_doc_is_null(const struct yaml_doc_node *node);

/* True if node has the wanted kind; otherwise reports "expected a mapping/list/
 * string for 'field'" (or "... in the 'field' list" when item) unless node is
 * YAML_DOC_BAD, or is null and a mapping or list was wanted (an empty value
 * then means "nothing set"), and returns false. */
bool yaml_doc_expect(struct yaml_doc *doc, const struct yaml_doc_node *node,
                     enum yaml_doc_kind kind, const char *field, bool item);

/* The text of a string scalar without NUL bytes (owned by doc), or NULL after
 * reporting why not (see yaml_doc_expect; a null value is reported as missing). */
const char *yaml_doc_string(struct yaml_doc *doc, const struct yaml_doc_node *node,
                            const char *field, bool item);

/* Check the key of the pair starting at key in map: it must be a string and
 * not repeat an earlier key ("duplicate key 'x' (first at line N)"); returns
 * false (reported) when the pair must be skipped. */
bool yaml_doc_key_ok(struct yaml_doc *doc, const struct yaml_doc_node *map,
                     const struct yaml_doc_node *key);

/* Pick the values of the known keys names[0..n) out of map into values[]
 * (pointers into doc, NULL when absent), reporting bad, duplicate and unknown
 * keys ("unknown key 'foo' in section"). */
void yaml_doc_fields(struct yaml_doc *doc, const struct yaml_doc_node *map, const char *section,
                     const char *const *names, size_t n, const struct yaml_doc_node **values);

/* Copy s[0..len) into the caller's buf (cap >= 16) for a message: printable
 * ASCII as is, other bytes and backslashes as \xNN, cut with "..." if too long;
 * returns buf and never fails. Text from a file must not reach the terminal raw. */
const char *yaml_doc_quote(char *buf, size_t cap, const char *s, size_t len);

/* Read the file at path (at most YAML_DOC_MAX_FILE bytes) into a malloc'd,
 * NUL-terminated *text the caller frees, reporting every failure except a
 * missing file when missing_ok; returns the problem count (0 or 1), and *text is
 * NULL whenever nothing was read. */
int yaml_doc_read_file(const char *path, bool missing_ok, char **text, size_t *len,
                       error_report_fn *report, void *ctx);

#endif
