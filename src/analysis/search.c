/* search.c - PCRE2 search over the unique frame names, and the matched total.
 *
 * A pattern is compiled once (UTF, UCP, MATCH_INVALID_UTF so untrusted name
 * bytes that are not UTF-8 simply never match a character, JIT when the
 * platform has it) and run once per name of the string table with a match
 * limit, so a catastrophic pattern costs at most a bounded amount of work per
 * name instead of hanging the viewer. The result is one byte per name id.
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "flamex/analysis/search.h"

#include "flamex/base/xalloc.h"

#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Backtracking budget per name. PCRE2 counts it differently with and without
 * JIT, so there are two. Measured here: ordinary patterns need far less (JIT:
 * 2 for std.*vector.*push_back on a 7.5 kB C++ name, 46 for ^(\w+:*)*$ on 300
 * bytes; the interpreter: 15,062 for the first), while (a+)+$ on 40 a's and a
 * '!' needs billions. At these limits such a name gives up after about 20 us
 * (JIT) or 1.1 ms (interpreter) and counts as "no match", so a catastrophic
 * pattern over the 4,076 names of a million-node profile costs about 80 ms. */
#define SEARCH_MATCH_LIMIT_JIT 10000u
#define SEARCH_MATCH_LIMIT_INTERPRETER 50000u
#define SEARCH_DEPTH_LIMIT 10000u
#define SEARCH_JIT_STACK_MAX (1024u * 1024u)

/* Free the result but keep the mode and the error text. */
static void search_reset(struct search *s)
{
    free(s->pattern);
    free(s->matches);
    s->pattern = NULL;
    s->matches = NULL;
    s->nnames = 0;
    s->nmatched_names = 0;
    s->ignore_case = false;
}

void search_clear(struct search *s)
{
    search_reset(s);
    s->error[0] = '\0';
}

/* Skip a bracketed part starting at pattern[i] (which is open): to just past
 * the matching close byte, or to the end. */
static size_t search_skip_to(const char *pattern, size_t i, size_t n, char close)
{
    while (i < n && pattern[i] != close)
        i++;
    return i < n ? i + 1 : n;
}

/* Copy the literal characters of pattern into lit (at most n bytes), leaving
 * out what PCRE2 syntax spells with letters: escapes (\S, \W, \p{Lu},
 * \x{4F}), verbs ((*UTF)), option letters ((?U), (?J)), recursion and
 * callouts ((?R), (?C1)), group names ((?<Name>...), (?P=Name), (?&Name)).
 * Text inside \Q...\E is literal. Returns the number of bytes copied. */
static size_t search_literals(const char *pattern, size_t n, char *lit)
{
    size_t i = 0, k = 0;
    bool quoted = false;
    while (i < n) {
        char c = pattern[i];
        if (quoted) {
            if (c == '\\' && i + 1 < n && pattern[i + 1] == 'E') {
                quoted = false;
                i += 2;
            } else {
                lit[k++] = c;
                i++;
            }
            continue;
        }
        if (c == '\\') {
            if (i + 1 >= n)
                break;
            char e = pattern[i + 1];
            i += 2;
            if (e == 'Q') {
                quoted = true;
            } else if (strchr("pPxoNgk", e) && i < n &&
                       (pattern[i] == '{' || pattern[i] == '<' || pattern[i] == '\'')) {
                char open = pattern[i];
                i = search_skip_to(pattern, i + 1, n, open == '{' ? '}' : open == '<' ? '>' : '\'');
            } else if (e == 'x') {
                for (int d = 0; d < 2 && i < n && strchr("0123456789abcdefABCDEF", pattern[i]); d++)
                    i++;
            } else if ((e == 'c' || e == 'p' || e == 'P') && i < n) {
                i++; /* \cX: a control character; \pL: a one-letter property */
            }
            continue;
        }
        if (c == '(' && i + 1 < n && pattern[i + 1] == '*') {
            i = search_skip_to(pattern, i + 2, n, ')');
            continue;
        }
        if (c == '(' && i + 1 < n && pattern[i + 1] == '?') {
            size_t j = i + 2;
            char d = j < n ? pattern[j] : '\0';
            char d1 = j + 1 < n ? pattern[j + 1] : '\0';
            if (d == 'P' && (d1 == '=' || d1 == '>')) {
                i = search_skip_to(pattern, j + 2, n, ')'); /* (?P=name) (?P>name) */
            } else if (d == 'P' && d1 == '<') {
                i = search_skip_to(pattern, j + 2, n, '>'); /* (?P<name> */
            } else if ((d == '<' || d == '\'') && d1 != '=' && d1 != '!') {
                i = search_skip_to(pattern, j + 1, n, d == '<' ? '>' : '\''); /* (?<name> */
            } else if (d == '&' || d == 'C' || d == 'R') {
                i = search_skip_to(pattern, j + 1, n, ')'); /* (?&name) (?C1) (?R) */
            } else {
                i = j; /* option letters: (?i) (?U) (?J-x: */
                while (i < n && (pattern[i] == '^' || pattern[i] == '-' ||
                                 (pattern[i] >= 'a' && pattern[i] <= 'z') ||
                                 (pattern[i] >= 'A' && pattern[i] <= 'Z')))
                    i++;
            }
            continue;
        }
        lit[k++] = c;
        i++;
    }
    return k;
}

/* Smart case: does the pattern have an upper-case (or title-case) letter of
 * its own, not one that is part of the syntax? Unicode letters count, as
 * PCRE2 with UCP sees them. */
static bool search_has_capital(const char *pattern, size_t n)
{
    char *lit = xmalloc(n + 1);
    size_t k = search_literals(pattern, n, lit);
    bool ascii = true, capital = false;
    for (size_t i = 0; i < k && !capital; i++) {
        unsigned char c = (unsigned char)lit[i];
        if (c >= 'A' && c <= 'Z')
            capital = true;
        if (c >= 0x80)
            ascii = false;
    }
    if (!capital && !ascii) {
        int err;
        PCRE2_SIZE off;
        pcre2_code *up = pcre2_compile((PCRE2_SPTR) "[\\p{Lu}\\p{Lt}]", PCRE2_ZERO_TERMINATED,
                                       PCRE2_UTF | PCRE2_UCP | PCRE2_MATCH_INVALID_UTF, &err, &off,
                                       NULL);
        if (up) {
            pcre2_match_data *md = pcre2_match_data_create(1, NULL);
            if (md)
                capital = pcre2_match(up, (PCRE2_SPTR)lit, k, 0, 0, md, NULL) >= 0;
            pcre2_match_data_free(md);
            pcre2_code_free(up);
        }
    }
    free(lit);
    return capital;
}

/* Run code over every name of profile into s->matches. Returns how many
 * names gave up at the match limit (they count as not matching). */
static uint32_t search_match_names(struct search *s, const struct profile *profile,
                                   const pcre2_code *code, bool jit)
{
    uint32_t n = strtab_count(profile->names);
    s->nnames = n;
    s->matches = xcalloc((size_t)n + 1, 1);
    s->nmatched_names = 0;
    pcre2_match_data *md = pcre2_match_data_create(1, NULL);
    pcre2_match_context *mctx = pcre2_match_context_create(NULL);
    pcre2_jit_stack *stack = NULL;
    if (!md || !mctx) {
        fputs("flamex: out of memory\n", stderr);
        abort();
    }
    pcre2_set_match_limit(mctx, jit ? SEARCH_MATCH_LIMIT_JIT : SEARCH_MATCH_LIMIT_INTERPRETER);
    pcre2_set_depth_limit(mctx, SEARCH_DEPTH_LIMIT);
    if (jit) {
        stack = pcre2_jit_stack_create(32 * 1024, SEARCH_JIT_STACK_MAX, NULL);
        if (stack)
            pcre2_jit_stack_assign(mctx, NULL, stack);
    }
    uint32_t limited = 0;
    for (uint32_t id = 0; id < n; id++) {
        size_t len;
        const char *name = strtab_get(profile->names, id, &len);
        int rc = pcre2_match(code, (PCRE2_SPTR)name, len, 0, 0, md, mctx);
        if (rc >= 0) {
            s->matches[id] = 1;
            s->nmatched_names++;
        } else if (rc != PCRE2_ERROR_NOMATCH) {
            limited++; /* match, depth, heap or JIT stack limit */
        }
    }
    pcre2_jit_stack_free(stack);
    pcre2_match_context_free(mctx);
    pcre2_match_data_free(md);
    return limited;
}

bool search_set(struct search *s, const struct profile *profile, const char *pattern,
                enum search_case mode)
{
    /* Copy first: the caller may pass s->pattern itself (to toggle case). */
    char *copy = xstrdup(pattern);
    size_t n = strlen(copy);
    search_reset(s);
    s->error[0] = '\0';
    s->mode = mode;
    s->pattern = copy;
    pattern = copy;
    if (n == 0)
        return true;

    bool ignore_case = mode == SEARCH_CASE_INSENSITIVE ||
                       (mode == SEARCH_CASE_SMART && !search_has_capital(pattern, n));
    uint32_t options = PCRE2_UTF | PCRE2_UCP | PCRE2_MATCH_INVALID_UTF;
    if (ignore_case)
        options |= PCRE2_CASELESS;
    int err;
    PCRE2_SIZE offset;
    pcre2_code *code = pcre2_compile((PCRE2_SPTR)pattern, n, options, &err, &offset, NULL);
    if (!code) {
        PCRE2_UCHAR msg[200];
        if (pcre2_get_error_message(err, msg, sizeof msg) < 0)
            snprintf((char *)msg, sizeof msg, "error %d", err);
        snprintf(s->error, sizeof s->error, "%s at offset %zu", (const char *)msg, (size_t)offset);
        search_reset(s);
        s->pattern = xstrdup("");
        return false;
    }
    /* JIT is much faster; when the platform lacks it PCRE2 interprets. */
    bool jit = pcre2_jit_compile(code, PCRE2_JIT_COMPLETE) == 0;
    s->ignore_case = ignore_case;
    uint32_t limited = search_match_names(s, profile, code, jit);
    pcre2_code_free(code);
    if (limited)
        snprintf(s->error, sizeof s->error,
                 "pattern too complex: %u name%s gave up at the match limit", limited,
                 limited == 1 ? "" : "s");
    return true;
}

bool search_set_literal(struct search *s, const struct profile *profile, const char *name,
                        size_t len)
{
    /* The pattern shown is ^\Q...\E$ (a \E inside the name split out, a NUL
     * byte written \x{0}); the matching itself is exact byte equality with
     * the one interned name, so names that are not valid UTF-8 (which a UTF
     * pattern cannot spell) are found too. */
    char *p = xmalloc(len * 9 + 16); /* a NUL byte takes 9: \E\x{0}\Q */
    size_t k = 0;
    memcpy(p + k, "^\\Q", 3);
    k += 3;
    for (size_t i = 0; i < len; i++) {
        if (name[i] == '\\' && i + 1 < len && name[i + 1] == 'E') {
            memcpy(p + k, "\\E\\\\E\\Q", 7);
            k += 7;
            i++;
        } else if (name[i] == '\0') {
            memcpy(p + k, "\\E\\x{0}\\Q", 9);
            k += 9;
        } else {
            p[k++] = name[i];
        }
    }
    memcpy(p + k, "\\E$", 4);
    uint32_t id = strtab_find(profile->names, name, len); /* before name may be freed */
    search_reset(s);
    s->error[0] = '\0';
    s->mode = SEARCH_CASE_SENSITIVE;
    s->pattern = p;
    uint32_t n = strtab_count(profile->names);
    s->nnames = n;
    s->matches = xcalloc((size_t)n + 1, 1);
    if (id != STRTAB_NONE && id < n) {
        s->matches[id] = 1;
        s->nmatched_names = 1;
    }
    return true;
}

bool search_node_matches(const struct search *s, const struct profile *profile, uint32_t node)
{
    if (!s->matches)
        return false;
    uint32_t name = tree_name(profile->tree, node);
    return name != STRTAB_NONE && name < s->nnames && s->matches[name];
}

struct search_visit {
    uint32_t node;
    bool covered; /* an ancestor within the view already matched */
};

void search_totals(const struct search *s, const struct profile *profile, size_t t,
                   uint32_t root, double *matched_total, size_t *frames)
{
    *matched_total = 0;
    *frames = 0;
    if (!s->matches || s->nmatched_names == 0)
        return;
    const struct tree *tree = profile->tree;
    double total = 0;
    size_t count = 0;
    size_t cap = 256, depth = 0;
    struct search_visit *stack = xmalloc(cap * sizeof *stack);
    stack[depth++] = (struct search_visit){ root, false };
    while (depth > 0) {
        struct search_visit v = stack[--depth];
        bool m = search_node_matches(s, profile, v.node);
        if (m) {
            /* A frame with nothing of this sample type is not on screen (a
             * path of the other profile, in compare mode): not counted. */
            double value = tree_total(tree, v.node, t);
            if (value != 0)
                count++;
            if (!v.covered)
                total += value;
        }
        size_t nkids;
        const uint32_t *kids = tree_children(tree, v.node, TREE_ORDER_ALPHA, &nkids);
        if (depth + nkids > cap) {
            while (depth + nkids > cap)
                cap *= 2;
            stack = xreallocarray(stack, cap, sizeof *stack);
        }
        for (size_t i = 0; i < nkids; i++)
            stack[depth++] = (struct search_visit){ kids[i], v.covered || m };
    }
    free(stack);
    *matched_total = total;
    *frames = count;
}
